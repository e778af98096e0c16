// The folding search compares names by (mapgen/static/js/fold.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { norm, words } = require("../../mapgen/static/js/fold.js");

test("case, diacritics, apostrophes, hyphens and spaces fold away", () => {
  assert.equal(norm("Sup'ung"), "supung");
  assert.equal(norm("Sŭp'ung"), "supung");
  assert.equal(norm("Lüshun"), "lushun");
  assert.equal(norm("Ch\u02bbŏngch\u02bbŏn"), "chongchon"); // McCune-Reischauer's modifier letter
  assert.equal(norm("P\u2019yŏngyang"), "pyongyang"); // a typographic apostrophe
  assert.equal(norm("Sinŭiju-Antung  Bridge"), "sinuijuantungbridge");
});

test("a decomposed and a composed accent fold the same", () => {
  assert.equal(norm("Lu\u0308shun"), norm("L\u00fcshun"));
});

test("CJK, Cyrillic and Greek names keep their letters", () => {
  assert.equal(norm("丹东"), "丹东");
  // Hangul syllables fold to their jamo (NFD): a query typed syllable by syllable still matches
  assert.equal(norm("신의주 (新義州)"), "신의주新義州".normalize("NFD"));
  assert.ok(norm("신의주").startsWith(norm("시")));
  assert.equal(norm("Москва"), "москва");
  assert.equal(norm("Ἀθῆναι"), "αθηναι");
});

test("digits stay, punctuation and symbols go", () => {
  assert.equal(norm("Hill 355"), "hill355");
  assert.equal(norm("K-14 (Kimpo)"), "k14kimpo");
  assert.equal(norm("<script>alert(1)</script>"), "scriptalert1script");
});

test("nothing to search for folds to the empty string", () => {
  for (const s of [undefined, null, "", "   ", "'-'", "\u0301", "!?"]) assert.equal(norm(s), "", String(s));
  assert.equal(norm(0), ""); // falsy numbers too (a name is never a bare number)
  assert.equal(norm(1953), "1953");
});

test("a name's words are folded one by one", () => {
  assert.deepEqual(words("Antung (Dandong)"), ["antung", "dandong"]);
  assert.deepEqual(words("Sinŭiju–Antung bridge/railway"), ["sinuiju", "antung", "bridge", "railway"]);
  assert.deepEqual(words("St. Mary's"), ["st", "marys"]);
  assert.deepEqual(words(""), []);
  assert.deepEqual(words(" - / "), []);
  assert.deepEqual(words("丹东 市"), ["丹东", "市"]);
});
