/* search.js (pure; loads under node too): find a place by any of its names.
   The index holds one row per distinct folded name of a feature; a query matches a row whose
   folded name contains it, ranked: the exact name, then names that start with it, then a
   word that does, then anywhere. A feature is listed once, under its best-ranked name. */
(function () {
  "use strict";
  var fold = typeof window === "undefined" ? require("./fold.js") : window.mapgen.fold;

  /* entries: [{items: [{feature: {properties: {name, names}}}]}] (mapgen.layers) */
  function buildIndex(entries) {
    var index = [];
    entries.forEach(function (entry) {
      entry.items.forEach(function (it) {
        var p = it.feature.properties;
        var seen = new Set();
        [p.name].concat(p.names || []).forEach(function (n) {
          var k = fold.norm(n);
          if (!k || seen.has(k)) return;
          seen.add(k);
          index.push({ key: k, words: fold.words(n), name: n, item: it });
        });
      });
    });
    return index;
  }

  function rankOf(row, k) {
    var pos = row.key.indexOf(k);
    if (pos < 0) return -1;
    if (row.key === k) return 0;
    if (pos === 0) return 1;
    return row.words.some(function (w) {
      return w.indexOf(k) === 0;
    })
      ? 2
      : 3;
  }

  /* The best `limit` rows (8) for the query: one per feature, by rank, then by name. */
  function find(q, index, limit) {
    var k = fold.norm(q);
    if (!k) return [];
    var best = new Map(); // item -> {rank, row}: one hit per feature, in linear time
    index.forEach(function (row) {
      var rank = rankOf(row, k);
      if (rank < 0) return;
      var prev = best.get(row.item);
      if (!prev || rank < prev.rank) best.set(row.item, { rank: rank, row: row });
    });
    var hits = Array.from(best.values());
    hits.sort(function (a, b) {
      return a.rank - b.rank || String(a.row.item.feature.properties.name).localeCompare(String(b.row.item.feature.properties.name));
    });
    return hits.slice(0, limit || 8).map(function (h) {
      return h.row;
    });
  }

  var search = { buildIndex: buildIndex, find: find };
  if (typeof window === "undefined") module.exports = search;
  else window.mapgen.search = search;
})();
