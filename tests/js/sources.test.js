// The page's scripts keep to their scheme (mapgen/static/js/): read as text.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const DIR = path.join(__dirname, "..", "..", "mapgen", "static", "js");
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith(".js")).sort();
const code = (f) =>
  fs
    .readFileSync(path.join(DIR, f), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "") // comments may name anything
    .replace(/(^|[^:"'])\/\/.*$/gm, "$1");

test("the sources are there", () => {
  assert.ok(FILES.length >= 20, FILES.join(" "));
  assert.ok(FILES.includes("namespace.js"));
});

test("no private Leaflet API: no _member of any object (mapgen._ready, the tests' signal, aside)", () => {
  const hits = [];
  for (const f of FILES) {
    code(f)
      .split("\n")
      .forEach((line, i) => {
        if (/[\w$)\]]\._\w/.test(line.replace(/mapgen\._ready/g, ""))) hits.push(`${f}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(hits, []);
});

test("one namespace, made in namespace.js: no other file sets a global", () => {
  for (const f of FILES) {
    const src = code(f);
    const sets = src.match(/window\.\w+\s*=[^=]/g) || [];
    if (f === "namespace.js") assert.deepEqual(sets.map((s) => s.slice(0, 13)), ["window.mapgen"]);
    else assert.deepEqual(sets, [], f);
    assert.doesNotMatch(src, /^(var|let|const|function)\s/m, `${f}: a top-level declaration is a global`);
  }
});

test("every control is an L.Control class with onAdd and onRemove", () => {
  let controls = 0;
  for (const f of FILES) {
    const src = code(f);
    const n = (src.match(/L\.Control\.extend\(/g) || []).length;
    controls += n;
    assert.equal((src.match(/\bonAdd: function/g) || []).length >= n, true, f);
    assert.equal((src.match(/\bonRemove: function/g) || []).length, (src.match(/\bonAdd: function/g) || []).length, `${f}: an onAdd without onRemove`);
  }
  assert.ok(controls >= 5, String(controls));
});

test("controls publish nothing on the namespace from inside onAdd", () => {
  for (const f of FILES) {
    const src = code(f);
    const m = src.match(/onAdd: function[\s\S]*?\n {4}\},?\n/g) || [];
    for (const body of m) assert.doesNotMatch(body, /mapgen\.\w+\s*=[^=]/, f);
  }
});

test("no eval, no Function constructor, no document.write, no template literals", () => {
  for (const f of FILES) assert.doesNotMatch(code(f).replace(/\/\[[^\]\n]*\]/g, ""), /\beval\(|new Function\(|document\.write|`/, f);
});
