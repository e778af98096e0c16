// Numbers and colours as the page shows them (mapgen/static/js/format.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { distance, darker } = require("../../mapgen/static/js/format.js");

test("distances: one decimal under 10, whole numbers with separators above, miles beside", () => {
  assert.equal(distance(0), "0.0 km (0.0 mi)");
  assert.equal(distance(1609.344), "1.6 km (1.0 mi)");
  assert.equal(distance(9949), "9.9 km (6.2 mi)");
  assert.equal(distance(10000), "10 km (6.2 mi)");
  assert.equal(distance(16093.44), "16 km (10 mi)");
  assert.equal(distance(20037508), "20,038 km (12,451 mi)"); // half the equator
});

test("colours darken by a fraction; anything but #rrggbb gives dark grey", () => {
  assert.equal(darker("#ffffff", 0.5), "rgb(128,128,128)");
  assert.equal(darker("0072B2", 0.45), "rgb(0,63,98)");
  assert.equal(darker("#D55E00", 0), "rgb(213,94,0)");
  assert.equal(darker("#d55e00", 1), "rgb(0,0,0)");
  for (const bad of ["", undefined, "#fff", "red", "#12345g", "#1234567", "url(x)", "#123456;x"]) assert.equal(darker(bad, 0.5), "#222", String(bad));
});
