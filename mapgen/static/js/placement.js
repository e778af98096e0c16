/* placement.js (pure; loads under node too): where a name can go, in screen pixels.
   Boxes are {l, r, t, b}; points {x, y}. A label is tried at each spot in turn and placed at
   the first whose box hits no box taken before (other names, markers, controls). */
(function () {
  "use strict";
  var CELL = 64; // px: the grid Boxes files its boxes in, so a test looks at a few neighbours only

  function dist(a, b) {
    var dx = b.x - a.x, dy = b.y - a.y;
    return Math.sqrt(dx * dx + dy * dy);
  }

  /* The boxes taken so far, filed by grid cell */
  function Boxes() {
    this.cells = new Map();
  }
  Boxes.prototype.each = function (b, fn) {
    for (var x = Math.floor(b.l / CELL); x <= Math.floor(b.r / CELL); x++)
      for (var y = Math.floor(b.t / CELL); y <= Math.floor(b.b / CELL); y++) fn(x + "," + y);
  };
  /* does b overlap a box taken before (touching edges do not) */
  Boxes.prototype.hits = function (b) {
    var cells = this.cells, hit = false;
    this.each(b, function (k) {
      if (hit) return;
      hit = (cells.get(k) || []).some(function (o) {
        return b.l < o.r && o.l < b.r && b.t < o.b && o.t < b.b;
      });
    });
    return hit;
  };
  Boxes.prototype.add = function (b) {
    var cells = this.cells;
    this.each(b, function (k) {
      if (!cells.has(k)) cells.set(k, []);
      cells.get(k).push(b);
    });
  };

  function box(cx, cy, w, h, pad) {
    pad = pad || 0;
    return { l: cx - w / 2 - pad, r: cx + w / 2 + pad, t: cy - h / 2 - pad, b: cy + h / 2 + pad };
  }

  /* the upright box around a w x h label turned by angle (radians) about its centre */
  function rotatedBox(cx, cy, w, h, angle) {
    var c = Math.abs(Math.cos(angle)), s = Math.abs(Math.sin(angle));
    return box(cx, cy, w * c + h * s, w * s + h * c, 1);
  }

  /* even-odd test of p against a ring of points */
  function inRing(p, ring) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var a = ring[i], b = ring[j];
      if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
  }

  /* A point's name: right, left, above, below its symbol (half: the symbol's half size), then
     the four corners */
  function pointSpots(p, half, w, h) {
    var g = half + 3, dx = g + w / 2;
    return [
      { x: p.x + dx, y: p.y },
      { x: p.x - dx, y: p.y },
      { x: p.x, y: p.y - g - h / 2 },
      { x: p.x, y: p.y + g + h / 2 },
      { x: p.x + dx, y: p.y - g },
      { x: p.x + dx, y: p.y + g },
      { x: p.x - dx, y: p.y - g },
      { x: p.x - dx, y: p.y + g }
    ];
  }

  /* A line's name (w px long): the straightest stretches as long as the name, nearest the
     middle of the part in view first; beside the line, turned along it (never upside down).
     runs: the line's parts as screen points; size: {x, y} of the map. At most 60 spots. */
  function lineSpots(runs, w, size) {
    var spots = [];
    runs.forEach(function (run) {
      var pts = run.filter(function (p) {
        return p.x > 0 && p.y > 0 && p.x < size.x && p.y < size.y;
      });
      if (pts.length < 2) return;
      var step = Math.max(1, Math.floor(pts.length / 60));
      for (var i = 0; i < pts.length - 1; i += step) {
        var arc = 0, j = i;
        while (j < pts.length - 1 && arc < w + 8) {
          arc += dist(pts[j], pts[j + 1]);
          j++;
        }
        if (arc < w + 8) {
          if (i === 0 && arc > 20 && dist(pts[0], pts[pts.length - 1]) > 0.8 * arc) j = pts.length - 1; // shorter than its name but straight: the name overhangs
          else break;
        }
        if (dist(pts[i], pts[j]) < 0.75 * arc) continue; // too curved here
        var a = Math.atan2(pts[j].y - pts[i].y, pts[j].x - pts[i].x);
        if (a > Math.PI / 2) a -= Math.PI;
        if (a < -Math.PI / 2) a += Math.PI;
        var mx = (pts[i].x + pts[j].x) / 2, my = (pts[i].y + pts[j].y) / 2;
        var nx = -Math.sin(a), ny = Math.cos(a); // beside the line (below it, turned)
        var centre = (i + j) / 2 / pts.length;
        [9, -9, 17, -17].forEach(function (d, k) {
          spots.push({ x: mx + nx * d, y: my + ny * d, angle: a, score: Math.abs(centre - 0.5) + 0.2 * (k >> 1) + 0.01 * k });
        });
      }
    });
    spots.sort(function (p, q) {
      return p.score - q.score;
    });
    return spots.slice(0, 60);
  }

  /* can an area whose screen bounds run from nw to se hold a w x h name at all */
  function areaHolds(nw, se, w, h) {
    return se.x - nw.x >= 0.8 * w && se.y - nw.y >= 2 * h;
  }

  /* An area's name: inside it, both ends of the name too, nearest its representative point c
     first. rings: its rings as screen points (holes are rings too); nw, se: its screen bounds.
     At most 20 spots. */
  function areaSpots(rings, nw, se, c, w) {
    function inside(p) {
      var n = 0;
      rings.forEach(function (r) {
        if (inRing(p, r)) n++;
      });
      return n % 2 === 1;
    }
    var reach = se.x - nw.x > w + 8 ? w / 2 : w / 4; // a narrow area: the middle of the name inside
    var spots = [];
    for (var gx = 0; gx <= 8; gx++)
      for (var gy = 0; gy <= 8; gy++) {
        var p = { x: nw.x + ((se.x - nw.x) * gx) / 8, y: nw.y + ((se.y - nw.y) * gy) / 8 };
        var ends = inside({ x: p.x - reach, y: p.y }) && inside({ x: p.x + reach, y: p.y });
        if (ends && inside(p)) spots.push({ x: p.x, y: p.y, d: dist(p, c) });
      }
    if (inside(c)) spots.push({ x: c.x, y: c.y, d: 0 });
    spots.sort(function (a, b) {
      return a.d - b.d;
    });
    return spots.slice(0, 20);
  }

  var placement = { Boxes: Boxes, box: box, rotatedBox: rotatedBox, inRing: inRing, pointSpots: pointSpots, lineSpots: lineSpots, areaHolds: areaHolds, areaSpots: areaSpots };
  if (typeof window === "undefined") module.exports = placement;
  else window.mapgen.placement = placement;
})();
