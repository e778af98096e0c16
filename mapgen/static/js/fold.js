/* fold.js (pure; loads under node too): the folding search compares names by.
   "Sup'ung", "Sŭp'ung", "Lüshun" -> "supung", "supung", "lushun": case, diacritics,
   apostrophes (incl. the modifier letters of McCune-Reischauer), hyphens and spaces are
   ignored; letters and digits of every script are kept (CJK names fold to themselves). */
(function () {
  "use strict";

  function norm(s) {
    return String(s || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u02b0-\u02ff\u2018-\u201f'`\u00b4]/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "");
  }

  /* A name's words, each folded: "Rio de Janeiro (Rio)" -> ["rio", "de", "janeiro", "rio"] */
  function words(s) {
    return String(s || "")
      .split(/[\s\-\u2010-\u2015\/(),.]+/)
      .map(norm)
      .filter(Boolean);
  }

  var fold = { norm: norm, words: words };
  if (typeof window === "undefined") module.exports = fold;
  else window.mapgen.fold = fold;
})();
