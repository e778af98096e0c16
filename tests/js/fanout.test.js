// Markers too close together fan out (mapgen/static/js/fanout.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const F = require("../../mapgen/static/js/fanout.js");

const GAP = 24;
const SIZE = { x: 800, y: 600 };
const dist = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);

test("points closer than the gap join a knot, transitively; others stay alone", () => {
  const pts = [{ x: 100, y: 100 }, { x: 300, y: 300 }, { x: 120, y: 100 }, { x: 140, y: 100 }, { x: 300, y: 324 }];
  assert.deepEqual(F.knots(pts, GAP), [[0, 2, 3], [1], [4]]); // 24 px apart is not closer than 24
  assert.deepEqual(F.knots([], GAP), []);
  assert.deepEqual(F.knots([{ x: 5, y: 5 }], GAP), [[0]]);
});

test("knots found across grid cells and at negative coordinates", () => {
  const pts = [{ x: 23, y: 0 }, { x: 25, y: 0 }, { x: 1, y: 0 }, { x: -20, y: -5 }];
  assert.deepEqual(F.knots(pts, GAP), [[0, 1, 2, 3]]);
});

test("a knot's markers go round a circle, neighbours at least a gap apart", () => {
  const pts = [{ x: 400, y: 300 }, { x: 405, y: 300 }, { x: 400, y: 305 }, { x: 395, y: 302 }, { x: 402, y: 296 }];
  const ids = ["a", "b", "c", "d", "e"];
  const out = F.fan(pts, ids, [0, 1, 2, 3, 4], SIZE, GAP);
  assert.deepEqual(out.map((t) => t.index).sort(), [0, 1, 2, 3, 4]);
  const c = { x: 400.4, y: 300.6 };
  const r = dist(out[0], c);
  for (const t of out) assert.ok(Math.abs(dist(t, c) - r) < 1e-9);
  for (let i = 0; i < out.length; i++) assert.ok(dist(out[i], out[(i + 1) % out.length]) >= GAP - 1e-9);
});

test("the geography is kept: markers go round in the order of their bearings", () => {
  const pts = [{ x: 410, y: 300 }, { x: 400, y: 290 }, { x: 390, y: 300 }, { x: 400, y: 310 }]; // E, N, W, S
  const out = F.fan(pts, ["e", "n", "w", "s"], [0, 1, 2, 3], SIZE, GAP);
  assert.deepEqual(out.map((t) => t.index), [1, 0, 3, 2]); // by bearing, clockwise on screen (y runs down)
  const [n, e, s, w] = out;
  assert.ok(w.x < e.x && n.y < s.y);
});

test("coincident markers (one site, several features) go round by id, from the left", () => {
  const pts = [{ x: 400, y: 300 }, { x: 400, y: 300 }, { x: 400, y: 300 }];
  const out = F.fan(pts, ["k-2", "k-10", "k-1"], [0, 1, 2], SIZE, GAP);
  assert.deepEqual(out.map((t) => t.index), [2, 1, 0]); // "k-1" < "k-10" < "k-2"
  assert.ok(out[0].x < 400 && Math.abs(out[0].y - 300) < 1e-9);
  const again = F.fan(pts, ["k-2", "k-10", "k-1"], [0, 1, 2], SIZE, GAP);
  assert.deepEqual(again, out); // deterministic
});

test("a knot at the edge moves inwards as a whole, so its fan stays on screen", () => {
  const pts = [{ x: 2, y: 2 }, { x: 6, y: 3 }];
  const out = F.fan(pts, ["a", "b"], [0, 1], SIZE, GAP);
  for (const t of out) assert.ok(t.x >= 10 && t.y >= 10, JSON.stringify(t));
  const off = F.fan([{ x: -50, y: 100 }, { x: -45, y: 100 }], ["a", "b"], [0, 1], SIZE, GAP);
  assert.ok(off.every((t) => t.x < 0)); // off screen: left where it is
});

test("two markers fan at the minimum radius, sixteen on a wider circle", () => {
  const two = F.fan([{ x: 400, y: 300 }, { x: 410, y: 300 }], ["a", "b"], [0, 1], SIZE, GAP);
  assert.ok(Math.abs(dist(two[0], two[1]) - 2 * 0.75 * GAP) < 1e-9);
  const ring = Array.from({ length: 16 }, (_, i) => ({ x: 400 + Math.cos(i) * 3, y: 300 + Math.sin(i) * 3 }));
  const sixteen = F.fan(ring, ring.map((_, i) => "p" + i), ring.map((_, i) => i), SIZE, GAP);
  const r = GAP / (2 * Math.sin(Math.PI / 16));
  const c = ring.reduce((a, p) => ({ x: a.x + p.x / 16, y: a.y + p.y / 16 }), { x: 0, y: 0 });
  for (const t of sixteen) assert.ok(Math.abs(dist(t, c) - r) < 1e-6);
});
