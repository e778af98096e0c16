/* fanout.js (pure; loads under node too): no clutter without clusters. Markers closer than
   `gap` px join one knot; a knot's markers go round a small circle about its centre (in the
   order of their bearings, so the geography is kept), each with a leg back to its true place.
   Every place stays one click, one tap or one Tab away at every zoom. */
(function () {
  "use strict";
  var NEAR = 0.25; // px^2: a marker this near the centre has no bearing of its own

  /* pts: screen points -> knots: arrays of indices into pts, each ascending, in order of their
     first member. Union-find over a grid of gap-sized cells: pairs closer than gap join. */
  function knots(pts, gap) {
    var parent = pts.map(function (_, i) {
      return i;
    });
    function find(i) {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]];
      return i;
    }
    var grid = new Map();
    pts.forEach(function (p, i) {
      var gx = Math.floor(p.x / gap), gy = Math.floor(p.y / gap);
      for (var x = gx - 1; x <= gx + 1; x++)
        for (var y = gy - 1; y <= gy + 1; y++)
          (grid.get(x + "," + y) || []).forEach(function (j) {
            var dx = pts[j].x - p.x, dy = pts[j].y - p.y;
            if (Math.sqrt(dx * dx + dy * dy) < gap) parent[find(i)] = find(j);
          });
      var k = gx + "," + gy;
      if (!grid.has(k)) grid.set(k, []);
      grid.get(k).push(i);
    });
    var byRoot = new Map();
    pts.forEach(function (_, i) {
      var r = find(i);
      if (!byRoot.has(r)) byRoot.set(r, []);
      byRoot.get(r).push(i);
    });
    return Array.from(byRoot.values());
  }

  function bearing(p, c) {
    var dx = p.x - c.x, dy = p.y - c.y;
    return dx * dx + dy * dy < NEAR ? -Math.PI : Math.atan2(dy, dx); // coincident: from the left
  }

  /* Where one knot's markers go. pts: all screen points; ids: their feature ids (ties of
     bearing go by id); knot: indices into pts; size: {x, y} of the map. Returns
     [{index, x, y}] round a circle of radius >= 0.75 gap whose neighbours are gap apart; a
     knot on screen is moved inwards as a whole so that its circle stays in view. */
  function fan(pts, ids, knot, size, gap) {
    var c = { x: 0, y: 0 };
    knot.forEach(function (i) {
      c.x += pts[i].x;
      c.y += pts[i].y;
    });
    c = { x: c.x / knot.length, y: c.y / knot.length };
    var order = knot.slice().sort(function (a, b) {
      return bearing(pts[a], c) - bearing(pts[b], c) || String(ids[a]).localeCompare(String(ids[b]));
    });
    var r = Math.max(gap * 0.75, gap / (2 * Math.sin(Math.PI / knot.length)));
    if (c.x > 0 && c.y > 0 && c.x < size.x && c.y < size.y) {
      c = { x: Math.min(Math.max(c.x, r + 10), size.x - r - 10), y: Math.min(Math.max(c.y, r + 10), size.y - r - 10) };
    }
    var start = bearing(pts[order[0]], c);
    return order.map(function (i, n) {
      var a = start + (2 * Math.PI * n) / order.length;
      return { index: i, x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) };
    });
  }

  var fanout = { knots: knots, fan: fan };
  if (typeof window === "undefined") module.exports = fanout;
  else window.mapgen.fanout = fanout;
})();
