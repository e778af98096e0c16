/* hash.js (pure; loads under node too): the URL hash that shares a view,
   "#map=Z/LAT/LON&layers=KEY,KEY&base=KEY&date=1951-06&tour=3".
   The hash is input like any other: a share link may be truncated, mistyped or made to break
   the page. Each part is decoded and checked alone; what cannot be used is left out, the rest
   still applies. */
(function () {
  "use strict";
  var time = typeof window === "undefined" ? require("./time.js") : window.mapgen.time;
  var MAX_CHARS = 4000;

  function decodePart(s) {
    try {
      return decodeURIComponent(s);
    } catch (e) {
      return null; // a malformed percent-escape: this part is ignored
    }
  }

  /* "#a=1&b=2" -> {a: "1", b: "2"} (no prototype: "__proto__" is a key like any other) */
  function params(hash) {
    var out = Object.create(null);
    String(hash || "")
      .slice(0, MAX_CHARS)
      .replace(/^#/, "")
      .split("&")
      .forEach(function (kv) {
        var i = kv.indexOf("=");
        if (i <= 0) return;
        var k = decodePart(kv.slice(0, i));
        var v = decodePart(kv.slice(i + 1));
        if (k !== null && v !== null) out[k] = v;
      });
    return out;
  }

  /* What of the hash this map can use. ctx: {layers: [key], bases: [key], time: {from, to, step}
     or null, minZoom, maxZoom}. Returns {params, layers?, base?, date?, map?: [z, lat, lon]}. */
  function read(hash, ctx) {
    var p = params(hash);
    var out = { params: p };
    if (typeof p.layers === "string") {
      var want = p.layers.split(",");
      var known = function (k) {
        return k === "offline-land" || ctx.layers.indexOf(k) >= 0;
      };
      // "layers=" (all off) is a view; a list naming no layer of this map cannot be used
      if (p.layers === "" || want.some(known)) out.layers = want;
    }
    if (typeof p.base === "string" && (p.base === "none" || ctx.bases.indexOf(p.base) >= 0)) out.base = p.base;
    var date = ctx.time ? time.valueOf(p.date, ctx.time) : undefined;
    if (date !== undefined) out.date = date;
    var v = /^(\d{1,2}(?:\.\d{1,4})?)\/(-?\d{1,3}(?:\.\d{1,10})?)\/(-?\d{1,4}(?:\.\d{1,10})?)$/.exec(p.map || "");
    if (v) {
      var z = Number(v[1]), lat = Number(v[2]), lon = Number(v[3]);
      var minZ = isFinite(ctx.minZoom) ? ctx.minZoom : 0;
      var maxZ = isFinite(ctx.maxZoom) ? ctx.maxZoom : 18;
      lon = ((((lon + 180) % 360) + 360) % 360) - 180; // a view panned round the world still restores
      if (z >= minZ && z <= maxZ && lat >= -90 && lat <= 90) out.map = [z, lat, lon];
    }
    return out;
  }

  /* state: {zoom, lat, lng, layers: [key], base, date: slider value, time: cfg, extra: ["k=v"]} */
  function write(state) {
    var parts = ["map=" + state.zoom + "/" + state.lat.toFixed(4) + "/" + state.lng.toFixed(4), "layers=" + state.layers.join(","), "base=" + state.base];
    var per = state.date && state.time ? time.period(state.date, state.time) : null;
    if (per) parts.push("date=" + per.key);
    (state.extra || []).forEach(function (part) {
      if (part) parts.push(part);
    });
    return "#" + parts.join("&");
  }

  var hash = { MAX_CHARS: MAX_CHARS, params: params, read: read, write: write };
  if (typeof window === "undefined") module.exports = hash;
  else window.mapgen.hash = hash;
})();
