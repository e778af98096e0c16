// The URL hash that shares a view (mapgen/static/js/hash.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const H = require("../../mapgen/static/js/hash.js");

const CTX = { layers: ["airfields", "rivers"], bases: ["Esri.WorldGrayCanvas", "OpenTopoMap"], time: { from: 1950, to: 1953 }, minZoom: 3, maxZoom: 12 };

test("a written view reads back the same", () => {
  const state = { zoom: 7, lat: 40.5, lng: 125, layers: ["airfields", "offline-land"], base: "OpenTopoMap", date: 18, time: CTX.time, extra: ["", "tour=3"] };
  const hash = H.write(state);
  assert.equal(hash, "#map=7/40.5000/125.0000&layers=airfields,offline-land&base=OpenTopoMap&date=1951-06&tour=3");
  const back = H.read(hash, CTX);
  assert.deepEqual(back.map, [7, 40.5, 125]);
  assert.deepEqual(back.layers, ["airfields", "offline-land"]);
  assert.equal(back.base, "OpenTopoMap");
  assert.equal(back.date, 18);
  assert.equal(back.params.tour, "3");
});

test("all dates and all layers off are views too", () => {
  const hash = H.write({ zoom: 5, lat: -33.86786, lng: 151.20732, layers: [], base: "none", date: 0, time: CTX.time });
  assert.equal(hash, "#map=5/-33.8679/151.2073&layers=&base=none");
  const back = H.read(hash, CTX);
  assert.deepEqual(back.layers, [""]); // "layers=": every layer off
  assert.equal(back.base, "none");
  assert.equal(back.date, undefined);
});

test("a BCE date on a yearly slider", () => {
  const time = { from: -230, to: 850, step: "year" };
  const hash = H.write({ zoom: 4, lat: 41.9, lng: 12.5, layers: [], base: "none", date: 31, time });
  assert.ok(hash.endsWith("&date=-0200"), hash);
  assert.equal(H.read(hash, { ...CTX, time }).date, 31);
});

test("decoding: percent-escapes, and no prototype to pollute", () => {
  const p = H.params("#a=%E4%B8%B9%E4%B8%9C&__proto__=x&constructor=y&b=1=2");
  assert.equal(p.a, "丹东");
  assert.equal(p.__proto__, "x");
  assert.equal(Object.getPrototypeOf(p), null);
  assert.equal(p.b, "1=2"); // split at the first "=" only
  assert.equal({}.x, undefined);
});

test("a broken part is left out, the others still apply", () => {
  const h = H.read("#map=7/40.5/125&layers=%E0%A4%A&base=OpenTopoMap&date=%zz", CTX);
  assert.deepEqual(h.map, [7, 40.5, 125]);
  assert.equal(h.layers, undefined); // a malformed escape
  assert.equal(h.base, "OpenTopoMap");
  assert.equal(h.date, undefined);
});

test("what this map cannot use is ignored", () => {
  const bad = [
    "",
    "#",
    "map",
    "#=x&&&",
    "#layers=nope,nada",
    "#base=Stamen.Toner",
    "#base=__proto__",
    "#date=1949-12",
    "#date=1951-13",
    "#date=1951-06-01",
    "#date=-1951",
    "#map=13/40/125", // beyond maxZoom
    "#map=2/40/125", // below minZoom
    "#map=7/91/125",
    "#map=7/NaN/125",
    "#map=7/40/125/9",
    "#map=1e3/40/125",
    "#map=7/40.12345678901/125",
    "#map=7/<svg onload=alert(1)>/125",
  ];
  for (const hash of bad) {
    const h = H.read(hash, CTX);
    assert.deepEqual([h.map, h.layers, h.base, h.date], [undefined, undefined, undefined, undefined], hash);
  }
});

test("a layer list that names one known layer is used whole", () => {
  assert.deepEqual(H.read("#layers=rivers,gone", CTX).layers, ["rivers", "gone"]);
  assert.deepEqual(H.read("#layers=offline-land", CTX).layers, ["offline-land"]);
});

test("a view panned round the world restores at its longitude in range", () => {
  assert.deepEqual(H.read("#map=7/40/485", CTX).map, [7, 40, 125]);
  assert.deepEqual(H.read("#map=7/40/-235", CTX).map, [7, 40, 125]);
  assert.deepEqual(H.read("#map=7/40/180", CTX).map, [7, 40, -180]);
});

test("without a time slider no date is read; without zoom limits 0-18 apply", () => {
  const ctx = { layers: [], bases: [], time: null };
  assert.equal(H.read("#date=1951-06", ctx).date, undefined);
  assert.deepEqual(H.read("#map=0/0/0", ctx).map, [0, 0, 0]);
  assert.deepEqual(H.read("#map=18/0/0", ctx).map, [18, 0, 0]);
  assert.equal(H.read("#map=19/0/0", ctx).map, undefined);
});

test("only the first MAX_CHARS characters are read", () => {
  const long = "#base=OpenTopoMap&" + "x=" + "a".repeat(H.MAX_CHARS) + "&map=7/40/125";
  const h = H.read(long, CTX);
  assert.equal(h.base, "OpenTopoMap");
  assert.equal(h.map, undefined); // past the limit
});
