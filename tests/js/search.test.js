// Find a place by any of its names (mapgen/static/js/search.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { buildIndex, find } = require("../../mapgen/static/js/search.js");

function layer(...places) {
  return { items: places.map(([id, name, names]) => ({ feature: { id, properties: { name, names } } })) };
}
const names = (rows) => rows.map((r) => r.item.feature.id + ":" + r.name);

const LAYERS = [
  layer(["antung", "Antung", ["Dandong", "An-tung", "丹东"]], ["antung-af", "Antung airfield", ["Langtou"]]),
  layer(["sup", "Sup'ung Dam", ["Sŭp'ung", "Shuifeng"]], ["tung", "Tunghwa", []], ["x", "Hyesan", null]),
];

test("one row per distinct folded name of a feature", () => {
  const index = buildIndex(LAYERS);
  // "An-tung" folds like "Antung": one row; "丹东" is a name of its own
  assert.deepEqual(
    index.filter((r) => r.item.feature.id === "antung").map((r) => r.key),
    ["antung", "dandong", "丹东"]
  );
  assert.deepEqual(index.find((r) => r.item.feature.id === "sup").words, ["supung", "dam"]);
});

test("ranked: exact name, then starts with, then a word starts with, then anywhere", () => {
  const index = buildIndex(LAYERS);
  assert.deepEqual(names(find("antung", index)), ["antung:Antung", "antung-af:Antung airfield"]);
  assert.deepEqual(names(find("dam", index)), ["sup:Sup'ung Dam"]); // a word
  assert.deepEqual(names(find("tung", index)), ["tung:Tunghwa", "antung:Antung", "antung-af:Antung airfield"]);
});

test("a feature is listed once, under its best-ranked name", () => {
  const index = buildIndex(LAYERS);
  const hits = find("supung", index);
  assert.equal(hits.length, 1);
  assert.equal(hits[0].name, "Sŭp'ung"); // the exact fold beats the name that only starts with it
  assert.deepEqual(names(find("shuifeng", index)), ["sup:Shuifeng"]);
});

test("the query folds like the names: diacritics, case, CJK", () => {
  const index = buildIndex(LAYERS);
  assert.deepEqual(names(find("SŬP'UNG", index)), ["sup:Sŭp'ung"]);
  assert.deepEqual(names(find("丹", index)), ["antung:丹东"]);
});

test("nothing to search for finds nothing; neither does a hostile string", () => {
  const index = buildIndex(LAYERS);
  for (const q of ["", "  ", "'", undefined, "-"]) assert.deepEqual(find(q, index), [], String(q));
  assert.deepEqual(find("<img src=x onerror=alert(1)>", index), []);
  assert.deepEqual(find("__proto__", index), []);
  assert.deepEqual(find("x", buildIndex([])), []);
});

test("at most `limit` results, by rank then name", () => {
  const many = layer(...Array.from({ length: 20 }, (_, i) => ["p" + i, "Place " + String(19 - i).padStart(2, "0"), []]));
  const hits = find("place", buildIndex([many]));
  assert.equal(hits.length, 8);
  assert.deepEqual(hits.map((h) => h.name), ["Place 00", "Place 01", "Place 02", "Place 03", "Place 04", "Place 05", "Place 06", "Place 07"]);
  assert.equal(find("place", buildIndex([many]), 3).length, 3);
});

test("many names of many features: each feature once, its best name", () => {
  // 20,000 features with 3 names each (the dedupe was quadratic: an indexOf per matching row)
  const big = layer(...Array.from({ length: 20000 }, (_, i) => ["b" + i, "Hill " + i, ["Height " + i, "Hill " + i + " (north)"]]));
  const hits = find("hill 1999", buildIndex([big]), 20000);
  assert.deepEqual(hits.map((h) => h.item.feature.id), ["b1999", "b19990", "b19991", "b19992", "b19993", "b19994", "b19995", "b19996", "b19997", "b19998", "b19999"]);
  assert.deepEqual(hits.map((h) => h.name).slice(0, 2), ["Hill 1999", "Hill 19990"]);
});
