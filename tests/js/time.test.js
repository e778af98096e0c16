// Dates of any era for the time slider (mapgen/static/js/time.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const T = require("../../mapgen/static/js/time.js");

const WAR = { from: 1950, to: 1953 }; // monthly
const ANTIQUITY = { from: -230, to: 850, step: "year" }; // 231 BCE to 850 CE

test("years as readers write them, BCE included (ISO 0 is 1 BCE)", () => {
  assert.equal(T.yearLabel(1953), "1953");
  assert.equal(T.yearLabel(1), "1");
  assert.equal(T.yearLabel(0), "1 BCE");
  assert.equal(T.yearLabel(-230), "231 BCE");
  assert.equal(T.isoYear(676), "0676");
  assert.equal(T.isoYear(0), "0000");
  assert.equal(T.isoYear(-230), "-0230");
  assert.equal(T.isoYear(12345), "12345");
});

test("day keys sort as the days do, across eras and year lengths", () => {
  const days = ["-0230-12-31", "-0230-01-01", "0000-06-15", "0676-01-01", "1953-07-27", "1950-06-25", "12000-01-01", "-0001-12-31"];
  const sorted = days.slice().sort((a, b) => T.dayKey(a) - T.dayKey(b));
  assert.deepEqual(sorted, ["-0230-01-01", "-0230-12-31", "-0001-12-31", "0000-06-15", "0676-01-01", "1950-06-25", "1953-07-27", "12000-01-01"]);
  // strings alone get this wrong: "-0230" > "-0001" and "12000" < "1953"
  assert.notDeepEqual(days.slice().sort(), sorted);
});

test("anything but an ISO day has no key", () => {
  for (const s of ["", undefined, null, "1953", "1953-07", "53-07-27x", "1953-7-27", "2024-01-01T00:00", "<b>", "--1953-01-01"]) {
    assert.ok(Number.isNaN(T.dayKey(s)), String(s));
  }
});

test("month lengths, leap years by the Gregorian rule", () => {
  assert.equal(T.daysIn(1952, 2), 29);
  assert.equal(T.daysIn(1953, 2), 28);
  assert.equal(T.daysIn(1900, 2), 28);
  assert.equal(T.daysIn(2000, 2), 29);
  assert.equal(T.daysIn(0, 2), 29); // 1 BCE: proleptic year 0 is a leap year
  assert.equal(T.daysIn(-4, 2), 29);
  assert.equal(T.daysIn(1951, 4), 30);
  assert.equal(T.daysIn(1951, 12), 31);
});

test("a monthly slider: value 1 is January of the first year, the last is December of the last", () => {
  assert.equal(T.steps(WAR), 48);
  assert.equal(T.period(0, WAR), null);
  assert.deepEqual(T.period(1, WAR), { first: "1950-01-01", last: "1950-01-31", label: "Jan 1950", key: "1950-01" });
  assert.deepEqual(T.period(6 + 12 * 2, WAR), { first: "1952-06-01", last: "1952-06-30", label: "Jun 1952", key: "1952-06" });
  assert.deepEqual(T.period(26, WAR).last, "1952-02-29");
  assert.deepEqual(T.period(48, WAR), { first: "1953-12-01", last: "1953-12-31", label: "Dec 1953", key: "1953-12" });
});

test("a yearly slider over BCE and CE years", () => {
  assert.equal(T.steps(ANTIQUITY), 1081);
  assert.deepEqual(T.period(1, ANTIQUITY), { first: "-0230-01-01", last: "-0230-12-31", label: "231 BCE", key: "-0230" });
  assert.deepEqual(T.period(231, ANTIQUITY).label, "1 BCE");
  assert.deepEqual(T.period(232, ANTIQUITY).label, "1");
  assert.deepEqual(T.period(1081, ANTIQUITY).key, "0850");
  const monthlyBce = { from: -44, to: -43 };
  assert.deepEqual(T.period(3, monthlyBce), { first: "-0044-03-01", last: "-0044-03-31", label: "Mar 45 BCE", key: "-0044-03" });
});

test("a period's key gives its slider value back, and only inside the slider", () => {
  for (const cfg of [WAR, ANTIQUITY]) {
    for (let v = 1; v <= T.steps(cfg); v += 7) assert.equal(T.valueOf(T.period(v, cfg).key, cfg), v, `${v}`);
  }
  assert.equal(T.valueOf("1950", WAR), 1); // a year alone: its January
  assert.equal(T.valueOf("-0230", ANTIQUITY), 1);
  for (const bad of ["1949-12", "1954-01", "1951-13", "1951-00", "1951-6", "51-06", "1951-06-01", "", undefined, "x1951", "1951-06&x"]) {
    assert.equal(T.valueOf(bad, WAR), undefined, String(bad));
  }
  assert.equal(T.valueOf("1951-06", null), undefined);
});

test("what a period shows: active periods, first events, undated features", () => {
  const jun51 = T.period(18, WAR); // Jun 1951
  const show = (p) => T.visibleAt(p, jun51);
  assert.equal(show({}), true); // undated: always
  assert.equal(show({ start: "1951-06-30" }), true); // starts within
  assert.equal(show({ start: "1951-07-01" }), false); // starts after
  assert.equal(show({ end: "1951-06-01" }), true);
  assert.equal(show({ end: "1951-05-31" }), false); // ended before
  assert.equal(show({ start: "1950-11-01", end: "1953-07-27" }), true);
  assert.equal(show({ events: ["1952-01-01", "1951-06-15"] }), true); // from its first event on
  assert.equal(show({ events: ["1951-07-01"] }), false);
  assert.equal(show({ events: [] }), true);
  assert.equal(T.visibleAt({ start: "1999-01-01" }, null), true); // all dates: everything
});

test("BCE periods compare as days, not as strings", () => {
  const y = T.period(31, ANTIQUITY); // 201 BCE
  assert.equal(y.label, "201 BCE");
  assert.equal(T.visibleAt({ start: "-0210-01-01", end: "-0195-12-31" }, y), true);
  assert.equal(T.visibleAt({ start: "-0199-01-01" }, y), false); // 200 BCE is after 201 BCE
  assert.equal(T.visibleAt({ end: "-0201-12-31" }, y), false);
  assert.equal(T.visibleAt({ events: ["-0200-03-01"] }, y), true);
});
