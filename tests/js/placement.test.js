// Where a name can go, in screen pixels (mapgen/static/js/placement.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const P = require("../../mapgen/static/js/placement.js");

const SIZE = { x: 800, y: 600 };

test("boxes overlap when they share area; touching edges do not", () => {
  const taken = new P.Boxes();
  taken.add({ l: 100, r: 200, t: 100, b: 150 });
  assert.equal(taken.hits({ l: 150, r: 250, t: 120, b: 130 }), true);
  assert.equal(taken.hits({ l: 200, r: 300, t: 100, b: 150 }), false); // touching on the right
  assert.equal(taken.hits({ l: 100, r: 200, t: 150, b: 160 }), false); // touching below
  assert.equal(taken.hits({ l: 120, r: 130, t: 110, b: 120 }), true); // inside
  assert.equal(taken.hits({ l: 0, r: 1000, t: 0, b: 1000 }), true); // around it, across many cells
  assert.equal(new P.Boxes().hits({ l: 0, r: 10, t: 0, b: 10 }), false);
});

test("a box across grid cells is found from every cell, negative coordinates too", () => {
  const taken = new P.Boxes();
  taken.add({ l: -70, r: 130, t: -10, b: 10 });
  for (const x of [-65, 0, 63, 64, 125]) assert.equal(taken.hits({ l: x, r: x + 2, t: 0, b: 2 }), true, String(x));
  assert.equal(taken.hits({ l: 131, r: 140, t: 0, b: 2 }), false);
});

test("a label's box is centred, padded; turned, it is the box around the turned label", () => {
  assert.deepEqual(P.box(100, 50, 40, 10), { l: 80, r: 120, t: 45, b: 55 });
  assert.deepEqual(P.box(100, 50, 40, 10, 1), { l: 79, r: 121, t: 44, b: 56 });
  const flat = P.rotatedBox(100, 50, 40, 10, 0);
  assert.deepEqual(flat, P.box(100, 50, 40, 10, 1));
  const upright = P.rotatedBox(100, 50, 40, 10, Math.PI / 2);
  assert.ok(Math.abs(upright.r - upright.l - 12) < 1e-9 && Math.abs(upright.b - upright.t - 42) < 1e-9);
  const diag = P.rotatedBox(0, 0, 40, 10, Math.PI / 4);
  assert.ok(Math.abs(diag.r - diag.l - (50 / Math.SQRT2 + 2)) < 1e-9);
});

test("even-odd: inside a ring, outside it, inside a concave notch", () => {
  const square = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }];
  assert.equal(P.inRing({ x: 5, y: 5 }, square), true);
  assert.equal(P.inRing({ x: 15, y: 5 }, square), false);
  assert.equal(P.inRing({ x: -1, y: 5 }, square), false);
  const u = [{ x: 0, y: 0 }, { x: 3, y: 0 }, { x: 3, y: 7 }, { x: 7, y: 7 }, { x: 7, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }];
  assert.equal(P.inRing({ x: 5, y: 3 }, u), false); // in the notch
  assert.equal(P.inRing({ x: 5, y: 8 }, u), true);
  assert.equal(P.inRing({ x: 1, y: 1 }, []), false);
});

test("a point's name: right of the symbol first, then left, above, below, the corners", () => {
  const spots = P.pointSpots({ x: 100, y: 100 }, 8, 40, 12);
  assert.equal(spots.length, 8);
  assert.deepEqual(spots.slice(0, 4), [{ x: 131, y: 100 }, { x: 69, y: 100 }, { x: 100, y: 83 }, { x: 100, y: 117 }]);
  for (const s of spots) {
    const b = P.box(s.x, s.y, 40, 12);
    const clear = b.r <= 100 - 8 || b.l >= 100 + 8 || b.b <= 100 - 8 || b.t >= 100 + 8;
    assert.ok(clear, `spot ${JSON.stringify(s)} covers the symbol`);
  }
});

test("a straight line's name lies beside it, turned along it, never upside down", () => {
  const line = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => ({ x: 700 - i * 60, y: 500 - i * 40 })); // runs up-left
  const spots = P.lineSpots([line], 80, SIZE);
  assert.ok(spots.length > 0 && spots.length <= 60);
  for (const s of spots) assert.ok(s.angle >= -Math.PI / 2 && s.angle <= Math.PI / 2, String(s.angle));
  const a = Math.atan2(40, 60); // the line's slope, read left to right
  assert.ok(Math.abs(spots[0].angle - a) < 1e-9);
  const sorted = spots.map((s) => s.score);
  assert.deepEqual(sorted, sorted.slice().sort((p, q) => p - q));
  // 9 or 17 px from the line: distance of the spot from the line through the points
  const d = Math.abs(40 * spots[0].x - 60 * spots[0].y + (60 * 500 - 40 * 700)) / Math.hypot(40, 60);
  assert.ok(Math.abs(d - 9) < 1e-6 || Math.abs(d - 17) < 1e-6, String(d));
});

test("a line off screen, or too short and bent, gets no spot; short and straight, its name overhangs", () => {
  assert.deepEqual(P.lineSpots([[{ x: -50, y: 10 }, { x: -10, y: 20 }, { x: 900, y: 30 }]], 50, SIZE), []);
  const bent = [{ x: 100, y: 100 }, { x: 110, y: 110 }, { x: 100, y: 120 }];
  assert.deepEqual(P.lineSpots([bent], 100, SIZE), []);
  const short = [{ x: 100, y: 100 }, { x: 130, y: 100 }, { x: 160, y: 100 }];
  assert.ok(P.lineSpots([short], 100, SIZE).length > 0);
  const zigzag = Array.from({ length: 40 }, (_, i) => ({ x: 100 + i * 10, y: i % 2 ? 100 : 140 }));
  assert.deepEqual(P.lineSpots([zigzag], 60, SIZE), []); // too curved everywhere
});

test("an area's name goes inside it, nearest its representative point; a small area gets none", () => {
  const ring = [{ x: 100, y: 100 }, { x: 500, y: 100 }, { x: 500, y: 300 }, { x: 100, y: 300 }];
  const nw = { x: 100, y: 100 }, se = { x: 500, y: 300 }, c = { x: 300, y: 200 };
  assert.equal(P.areaHolds(nw, se, 80, 14), true);
  assert.equal(P.areaHolds(nw, { x: 150, y: 300 }, 80, 14), false); // narrower than 0.8 of the name
  assert.equal(P.areaHolds(nw, { x: 500, y: 120 }, 80, 14), false); // lower than two lines
  const spots = P.areaSpots([ring], nw, se, c, 80);
  assert.ok(spots.length > 0 && spots.length <= 20);
  assert.deepEqual(spots[0], { x: 300, y: 200, d: 0 });
  for (const s of spots) assert.ok(P.inRing({ x: s.x - 40, y: s.y }, ring) && P.inRing({ x: s.x + 40, y: s.y }, ring));
});

test("a hole is not inside its area", () => {
  const outer = [{ x: 0, y: 0 }, { x: 400, y: 0 }, { x: 400, y: 400 }, { x: 0, y: 400 }];
  const hole = [{ x: 100, y: 100 }, { x: 300, y: 100 }, { x: 300, y: 300 }, { x: 100, y: 300 }];
  const spots = P.areaSpots([outer, hole], { x: 0, y: 0 }, { x: 400, y: 400 }, { x: 200, y: 200 }, 40);
  assert.ok(spots.length > 0);
  for (const s of spots) assert.ok(!(s.x > 100 && s.x < 300 && s.y > 100 && s.y < 300), JSON.stringify(s));
});
