/* labels.js (issue 12): a map a class can read without hovering.
   1. No clutter: markers closer than MIN_GAP px fan out on a small circle around their
      centre, with a thin leg back to the true place. An offset layout, not a cluster:
      every place stays one click, one tap or one Tab away at every zoom (a cluster needs
      an extra click to open and hides names), and the leg keeps the true location honest.
   2. Labels: names written on the map, highest rank first (the rank comes from the data:
      mapgen/data/labels.toml), each placed where it collides with no other label, marker
      or control; zooming in makes room for more. Points are labelled beside their marker,
      lines along their course, areas inside them. Labels follow the layer toggles and the
      slider (both add or remove layers), and are aria-hidden: the markers already carry
      their names for screen readers, so nothing is read twice. */
(function () {
  "use strict";
  var mapgen = window.mapgen;
  var MIN_GAP = 24; // px between marker centres: WCAG 2.5.8 spacing for 16 px targets
  var MAX_FAN = 16; // a denser knot is left as it is (such layers should use the canvas)
  var MAX_LABELS = 300;
  var MAX_TRIES = 3000;

  function visibleItems(map) {
    var out = [];
    mapgen.layers.forEach(function (entry) {
      if (!map.hasLayer(entry.group)) return;
      entry.items.forEach(function (it) {
        if (it.visible && entry.geojson.hasLayer(it.layer)) out.push(it);
      });
    });
    return out;
  }

  /* -- no clutter ------------------------------------------------------------------ */

  function anchorOf(marker) {
    var a = marker.options.icon && marker.options.icon.options.iconAnchor;
    return a ? L.point(a) : L.point(0, 0);
  }

  function setOffset(it, dx, dy) {
    var icon = it.layer._icon;
    it.offset = L.point(dx, dy);
    if (!icon) return;
    var a = anchorOf(it.layer);
    icon.style.marginLeft = -a.x + dx + "px";
    icon.style.marginTop = -a.y + dy + "px";
  }

  function fanOut(map, legs) {
    legs.clearLayers();
    var size = map.getSize();
    var markers = visibleItems(map).filter(function (it) {
      return it.layer instanceof L.Marker;
    });
    var pts = markers.map(function (it) {
      return map.latLngToContainerPoint(it.layer.getLatLng());
    });
    // union-find over a grid of MIN_GAP cells: pairs closer than MIN_GAP join
    var parent = markers.map(function (_, i) {
      return i;
    });
    function find(i) {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]];
      return i;
    }
    var grid = {};
    pts.forEach(function (p, i) {
      var gx = Math.floor(p.x / MIN_GAP), gy = Math.floor(p.y / MIN_GAP);
      for (var x = gx - 1; x <= gx + 1; x++)
        for (var y = gy - 1; y <= gy + 1; y++)
          (grid[x + "," + y] || []).forEach(function (j) {
            if (pts[j].distanceTo(p) < MIN_GAP) parent[find(i)] = find(j);
          });
      (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(i);
    });
    var groups = {};
    markers.forEach(function (it, i) {
      (groups[find(i)] = groups[find(i)] || []).push(i);
    });
    Object.keys(groups).forEach(function (k) {
      var g = groups[k];
      if (g.length === 1 || g.length > MAX_FAN) {
        g.forEach(function (i) {
          setOffset(markers[i], 0, 0);
        });
        return;
      }
      var c = L.point(0, 0);
      g.forEach(function (i) {
        c = c.add(pts[i]);
      });
      c = c.divideBy(g.length);
      // keep the geography: go round in the order of each place's bearing from the centre
      g.sort(function (a, b) {
        var pa = pts[a].subtract(c), pb = pts[b].subtract(c);
        var da = Math.atan2(pa.y, pa.x), db = Math.atan2(pb.y, pb.x);
        if (pa.x * pa.x + pa.y * pa.y < 0.25) da = -Math.PI; // coincident: by id, from the left
        if (pb.x * pb.x + pb.y * pb.y < 0.25) db = -Math.PI;
        return da - db || String(markers[a].feature.id).localeCompare(String(markers[b].feature.id));
      });
      var r = Math.max(MIN_GAP * 0.75, MIN_GAP / (2 * Math.sin(Math.PI / g.length)));
      // a fan at the edge of the map moves inwards as a whole, so it stays on screen and apart
      if (c.x > 0 && c.y > 0 && c.x < size.x && c.y < size.y) {
        c = L.point(Math.min(Math.max(c.x, r + 10), size.x - r - 10), Math.min(Math.max(c.y, r + 10), size.y - r - 10));
      }
      var first = pts[g[0]].subtract(c);
      var start = first.x * first.x + first.y * first.y < 0.25 ? -Math.PI : Math.atan2(first.y, first.x);
      g.forEach(function (i, n) {
        var a = start + (2 * Math.PI * n) / g.length;
        var target = L.point(c.x + r * Math.cos(a), c.y + r * Math.sin(a));
        setOffset(markers[i], Math.round(target.x - pts[i].x), Math.round(target.y - pts[i].y));
        L.polyline([markers[i].layer.getLatLng(), map.containerPointToLatLng(target)], {
          color: "#333",
          weight: 1,
          opacity: 0.75,
          interactive: false,
          pane: "mgLegs"
        }).addTo(legs);
        L.circleMarker(markers[i].layer.getLatLng(), {
          radius: 1.5,
          color: "#333",
          weight: 1,
          fillOpacity: 1,
          interactive: false,
          pane: "mgLegs"
        }).addTo(legs);
      });
    });
    mapgen.fanned = markers.filter(function (it) {
      return it.offset && (it.offset.x || it.offset.y);
    }).length;
  }

  /* -- labels ------------------------------------------------------------------------ */

  var measureCtx = null;

  function textWidth(text, font) {
    measureCtx = measureCtx || document.createElement("canvas").getContext("2d");
    measureCtx.font = font;
    return Math.ceil(measureCtx.measureText(text).width);
  }

  function darker(hex, f) {
    var m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
    if (!m) return "#222";
    var n = parseInt(m[1], 16);
    var c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(function (v) {
      return Math.round(v * (1 - f));
    });
    return "rgb(" + c.join(",") + ")";
  }

  function kindOf(it) {
    var t = it.feature.geometry && it.feature.geometry.type;
    if (/Polygon/.test(t)) return "area";
    if (/LineString/.test(t)) return "line";
    return "point";
  }

  function Boxes() {
    this.cells = {};
  }
  Boxes.prototype.key = function (x, y) {
    return x + "," + y;
  };
  Boxes.prototype.each = function (b, fn) {
    for (var x = Math.floor(b.l / 64); x <= Math.floor(b.r / 64); x++)
      for (var y = Math.floor(b.t / 64); y <= Math.floor(b.b / 64); y++) fn(this.key(x, y));
  };
  Boxes.prototype.hits = function (b) {
    var self = this, hit = false;
    this.each(b, function (k) {
      if (hit) return;
      (self.cells[k] || []).forEach(function (o) {
        if (b.l < o.r && o.l < b.r && b.t < o.b && o.t < b.b) hit = true;
      });
    });
    return hit;
  };
  Boxes.prototype.add = function (b) {
    var self = this;
    this.each(b, function (k) {
      (self.cells[k] = self.cells[k] || []).push(b);
    });
  };

  function box(cx, cy, w, h, pad) {
    pad = pad || 0;
    return { l: cx - w / 2 - pad, r: cx + w / 2 + pad, t: cy - h / 2 - pad, b: cy + h / 2 + pad };
  }

  function rotatedBox(cx, cy, w, h, angle) {
    var c = Math.abs(Math.cos(angle)), s = Math.abs(Math.sin(angle));
    return box(cx, cy, w * c + h * s, w * s + h * c, 1);
  }

  /* Where a line's name goes: the straightest stretch, as long as the name, nearest the
     middle of the part in view; beside the line, turned along it. */
  function lineSpots(map, it, w, size) {
    var lls = it.layer.getLatLngs();
    var runs = L.LineUtil.isFlat(lls) ? [lls] : lls;
    var spots = [];
    runs.forEach(function (run) {
      var pts = run
        .map(function (ll) {
          return map.latLngToContainerPoint(ll);
        })
        .filter(function (p) {
          return p.x > 0 && p.y > 0 && p.x < size.x && p.y < size.y;
        });
      if (pts.length < 2) return;
      var step = Math.max(1, Math.floor(pts.length / 60));
      for (var i = 0; i < pts.length - 1; i += step) {
        var arc = 0, j = i;
        while (j < pts.length - 1 && arc < w + 8) {
          arc += pts[j].distanceTo(pts[j + 1]);
          j++;
        }
        if (arc < w + 8) {
          if (i === 0 && arc > 20 && pts[0].distanceTo(pts[pts.length - 1]) > 0.8 * arc) j = pts.length - 1; // shorter than its name but straight: the name overhangs
          else break;
        }
        var chord = pts[i].distanceTo(pts[j]);
        if (chord < 0.75 * arc) continue;
        var a = Math.atan2(pts[j].y - pts[i].y, pts[j].x - pts[i].x);
        if (a > Math.PI / 2) a -= Math.PI;
        if (a < -Math.PI / 2) a += Math.PI;
        var mid = pts[i].add(pts[j]).divideBy(2);
        var nx = -Math.sin(a), ny = Math.cos(a); // beside the line (below it, turned)
        var centre = (i + j) / 2 / pts.length;
        [9, -9, 17, -17].forEach(function (d, k) {
          spots.push({ x: mid.x + nx * d, y: mid.y + ny * d, angle: a, score: Math.abs(centre - 0.5) + 0.2 * (k >> 1) + 0.01 * k });
        });
      }
    });
    spots.sort(function (p, q) {
      return p.score - q.score;
    });
    return spots.slice(0, 60);
  }

  function inRing(p, ring) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var a = ring[i], b = ring[j];
      if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
  }

  /* Where an area's name goes: inside it, both ends of the name too, as near its
     representative point as the other names and symbols allow. */
  function areaSpots(map, it, w, h, bounds) {
    var lb = it.layer.getBounds();
    if (!bounds.intersects(lb)) return [];
    var nw = map.latLngToContainerPoint(lb.getNorthWest()), se = map.latLngToContainerPoint(lb.getSouthEast());
    if (se.x - nw.x < 0.8 * w || se.y - nw.y < 2 * h) return []; // too small to hold its name at this zoom
    var lls = it.layer.getLatLngs();
    var rings = [];
    (function collect(a) {
      if (a.length && a[0] instanceof L.LatLng) rings.push(a.map(function (ll) { return map.latLngToContainerPoint(ll); }));
      else a.forEach(collect);
    })(lls);
    function inside(p) {
      var n = 0;
      rings.forEach(function (r) {
        if (inRing(p, r)) n++;
      });
      return n % 2 === 1; // holes are rings too
    }
    var c = map.latLngToContainerPoint([it.feature.properties.lat, it.feature.properties.lon]);
    var spots = [];
    for (var gx = 0; gx <= 8; gx++)
      for (var gy = 0; gy <= 8; gy++) {
        var p = L.point(nw.x + ((se.x - nw.x) * gx) / 8, nw.y + ((se.y - nw.y) * gy) / 8);
        var ends = se.x - nw.x > w + 8 ? inside(L.point(p.x - w / 2, p.y)) && inside(L.point(p.x + w / 2, p.y)) : inside(L.point(p.x - w / 4, p.y)) && inside(L.point(p.x + w / 4, p.y));
        if (inside(p) && ends) spots.push({ x: p.x, y: p.y, d: p.distanceTo(c) });
      }
    if (inside(c)) spots.push({ x: c.x, y: c.y, d: 0 });
    spots.sort(function (a, b) {
      return a.d - b.d;
    });
    return spots.slice(0, 20);
  }

  function pointSpots(p, half, w, h) {
    var g = half + 3;
    return [
      { x: p.x + g + w / 2, y: p.y },
      { x: p.x - g - w / 2, y: p.y },
      { x: p.x, y: p.y - g - h / 2 },
      { x: p.x, y: p.y + g + h / 2 },
      { x: p.x + g + w / 2, y: p.y - g },
      { x: p.x + g + w / 2, y: p.y + g },
      { x: p.x - g - w / 2, y: p.y - g },
      { x: p.x - g - w / 2, y: p.y + g }
    ];
  }

  function relabel(map, pane) {
    var t0 = window.performance ? performance.now() : 0;
    pane.textContent = "";
    var size = map.getSize();
    var cont = map.getContainer().getBoundingClientRect();
    var taken = new Boxes();
    // the controls and every marker are obstacles: a name never covers a symbol or a button
    var obstacles = map.getContainer().querySelectorAll(".leaflet-control, .leaflet-marker-icon");
    Array.prototype.forEach.call(obstacles, function (e) {
      var r = e.getBoundingClientRect();
      if (!r.width || !r.height) return;
      taken.add({ l: r.left - cont.left - 1, r: r.right - cont.left + 1, t: r.top - cont.top - 1, b: r.bottom - cont.top + 1 });
    });
    var probe = {};
    function fontOf(kind) {
      if (!probe[kind]) {
        var e = mapgen.el("div", "mg-label mg-label-" + kind, pane, "x");
        var cs = getComputedStyle(e);
        probe[kind] = { font: cs.fontStyle + " " + cs.fontWeight + " " + cs.fontSize + " " + cs.fontFamily, h: Math.ceil(parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.25), spacing: parseFloat(cs.letterSpacing) || 0, upper: cs.textTransform === "uppercase" };
        e.remove();
      }
      return probe[kind];
    }
    var items = visibleItems(map).filter(function (it) {
      return it.feature.properties.name && !it.entry.style.canvas;
    });
    items.sort(function (a, b) {
      // a place drawn twice (its line and its mentions circle) is named along its own shape
      return (b.feature.properties.rank || 0) - (a.feature.properties.rank || 0) || String(a.feature.id).localeCompare(String(b.feature.id)) || (kindOf(a) === "point") - (kindOf(b) === "point");
    });
    var bounds = map.getBounds();
    var placed = [], tries = 0;
    for (var n = 0; n < items.length && placed.length < MAX_LABELS && tries < MAX_TRIES; n++) {
      var it = items[n];
      if (placed.indexOf(it.feature.id) >= 0) continue; // one place in two layers is named once
      var kind = kindOf(it);
      var text = it.feature.properties.name;
      var f = fontOf(kind);
      var shown = f.upper ? text.toUpperCase() : text;
      var w = textWidth(shown, f.font) + Math.ceil(f.spacing * shown.length) + 2;
      var h = f.h;
      var spots = [];
      if (kind === "point") {
        var ll = it.layer.getLatLng();
        if (!bounds.contains(ll)) continue;
        var p = map.latLngToContainerPoint(ll);
        if (it.offset) p = p.add(it.offset);
        var half = it.layer.getRadius ? it.layer.getRadius() : anchorOf(it.layer).x;
        spots = pointSpots(p, half, w, h);
      } else if (kind === "line") {
        spots = lineSpots(map, it, w, size);
      } else {
        spots = areaSpots(map, it, w, h, bounds);
      }
      for (var s = 0; s < spots.length; s++) {
        tries++;
        var sp = spots[s];
        var b = sp.angle ? rotatedBox(sp.x, sp.y, w, h, sp.angle) : box(sp.x, sp.y, w, h, 1);
        if (b.l < 2 || b.t < 2 || b.r > size.x - 2 || b.b > size.y - 2 || taken.hits(b)) continue;
        taken.add(b);
        var e = mapgen.el("div", "mg-label mg-label-" + kind, pane, text);
        e.dataset.id = it.feature.id;
        e.style.width = w + "px";
        if (kind !== "point") e.style.color = darker(it.entry.style.color, kind === "area" ? 0.5 : 0.45);
        var lp = map.containerPointToLayerPoint([sp.x - w / 2, sp.y - h / 2]);
        e.style.transform = "translate3d(" + Math.round(lp.x) + "px," + Math.round(lp.y) + "px,0)" + (sp.angle ? " rotate(" + ((sp.angle * 180) / Math.PI).toFixed(1) + "deg)" : "");
        placed.push(it.feature.id);
        break;
      }
    }
    mapgen.labelled = placed;
    mapgen.labelMs = Math.round((window.performance ? performance.now() : 0) - t0);
  }

  /* A projector: the start view keeps the extent it has at 1280x800 instead of shrinking into
     the middle of a big screen (a quarter-step zoom in, up to one step). Phones keep theirs. */
  mapgen.onReady.push(function (map, config) {
    if (/(^|[#&])(map|tour)=/.test(location.hash) || config.focus) return;
    var size = map.getSize();
    var scale = Math.min(size.x / 1280, size.y / 800);
    if (scale < 1.2) return;
    map.options.zoomSnap = 0.25;
    var dz = Math.min(1, Math.round(4 * Math.log2(scale)) / 4);
    map.setZoom(map.getZoom() + dz, { animate: false });
  });

  mapgen._areaSpots = areaSpots;
  mapgen._lineSpots = lineSpots;
  mapgen.onSetup.push(function (map) {
    var legsPane = map.createPane("mgLegs");
    legsPane.style.zIndex = 590; // just under the markers (600)
    legsPane.style.pointerEvents = "none";
    var pane = map.createPane("mgLabels");
    pane.style.zIndex = 595; // over lines and areas, under the markers and their popups
    pane.style.pointerEvents = "none";
    pane.setAttribute("aria-hidden", "true"); // the markers carry the names for screen readers
    var legs = L.layerGroup().addTo(map);
    var pending = null;
    function layout() {
      pending = null;
      if (map._animatingZoom) return;
      fanOut(map, legs);
      relabel(map, pane);
      pane.style.visibility = "";
      legsPane.style.visibility = "";
    }
    function soon() {
      if (!pending) pending = window.setTimeout(layout, 0);
    }
    mapgen.relayout = layout;
    map.on("zoomstart", function () {
      pane.style.visibility = "hidden"; // positions are for the old zoom
      legsPane.style.visibility = "hidden";
    });
    map.on("zoomend moveend resize viewreset", soon);
    map.on("layeradd layerremove", function (e) {
      if (e.layer === legs || legs.hasLayer(e.layer) || e.layer instanceof L.Popup || e.layer instanceof L.Tooltip) return;
      soon();
    });
    layout();
  });
})();
