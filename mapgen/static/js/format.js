/* format.js (pure; loads under node too): numbers and colours as the page shows them. */
(function () {
  "use strict";

  function unit(v) {
    return v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString("en");
  }

  /* metres -> "12 km (7.5 mi)": one decimal under 10, whole numbers with separators above */
  function distance(m) {
    return unit(m / 1000) + " km (" + unit(m / 1609.344) + " mi)";
  }

  /* "#rrggbb" darkened by a fraction f, as "rgb(r,g,b)" (label text in its layer's colour but
     readable on the map); anything else gives a dark grey */
  function darker(hex, f) {
    var m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
    if (!m) return "#222";
    var n = parseInt(m[1], 16);
    var c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(function (v) {
      return Math.round(v * (1 - f));
    });
    return "rgb(" + c.join(",") + ")";
  }

  var format = { distance: distance, darker: darker };
  if (typeof window === "undefined") module.exports = format;
  else window.mapgen.format = format;
})();
