/* labels.js (issue 12): a map a class can read without hovering. A Leaflet layer,
   mapgen.Labels, added at setup.
   1. No clutter: markers closer than MIN_GAP px fan out on a small circle around their
      centre, with a thin leg back to the true place (mapgen.fanout). An offset layout, not a
      cluster: a cluster needs an extra click to open and hides names.
   2. Labels: names written on the map, highest rank first (the rank comes from the data:
      mapgen/data/labels.toml), each placed where it collides with no other label, marker or
      control (mapgen.placement); zooming in makes room for more. Points are labelled beside
      their marker, lines along their course, areas inside them. Labels follow the layer
      toggles and the slider (both add or remove layers), and are aria-hidden: the markers
      already carry their names for screen readers, so nothing is read twice. */
(function (mapgen) {
  "use strict";
  var P = mapgen.placement;
  var MIN_GAP = 24; // px between marker centres: WCAG 2.5.8 spacing for 16 px targets
  var MAX_FAN = 16; // a denser knot is left as it is (such layers should use the canvas)
  var MAX_LABELS = 300;
  var MAX_TRIES = 3000;
  var measureCtx = null;

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

  function anchorOf(marker) {
    var a = marker.options.icon && marker.options.icon.options.iconAnchor;
    return a ? L.point(a) : L.point(0, 0);
  }

  function setOffset(it, dx, dy) {
    var icon = it.layer.getElement();
    it.offset = L.point(dx, dy);
    if (!icon) return;
    var a = anchorOf(it.layer);
    icon.style.marginLeft = -a.x + dx + "px";
    icon.style.marginTop = -a.y + dy + "px";
  }

  function textWidth(text, font) {
    measureCtx = measureCtx || document.createElement("canvas").getContext("2d");
    measureCtx.font = font;
    return Math.ceil(measureCtx.measureText(text).width);
  }

  function kindOf(it) {
    var t = it.feature.geometry && it.feature.geometry.type;
    if (/Polygon/.test(t)) return "area";
    if (/LineString/.test(t)) return "line";
    return "point";
  }

  function project(map, lls) {
    return lls.map(function (ll) {
      return map.latLngToContainerPoint(ll);
    });
  }

  function lineSpots(map, it, w, size) {
    var lls = it.layer.getLatLngs();
    var runs = L.LineUtil.isFlat(lls) ? [lls] : lls;
    return P.lineSpots(
      runs.map(function (run) {
        return project(map, run);
      }),
      w,
      size
    );
  }

  function areaSpots(map, it, w, h, bounds) {
    var lb = it.layer.getBounds();
    if (!bounds.intersects(lb)) return [];
    var nw = map.latLngToContainerPoint(lb.getNorthWest()), se = map.latLngToContainerPoint(lb.getSouthEast());
    if (!P.areaHolds(nw, se, w, h)) return []; // too small to hold its name at this zoom
    var rings = [];
    (function collect(a) {
      if (a.length && a[0] instanceof L.LatLng) rings.push(project(map, a));
      else a.forEach(collect);
    })(it.layer.getLatLngs());
    return P.areaSpots(rings, nw, se, map.latLngToContainerPoint([it.feature.properties.lat, it.feature.properties.lon]), w);
  }

  mapgen.Labels = L.Layer.extend({
    onAdd: function (map) {
      this.map = map;
      this.legsPane = map.getPane("mgLegs") || map.createPane("mgLegs");
      this.legsPane.style.zIndex = 590; // just under the markers (600)
      this.legsPane.style.pointerEvents = "none";
      this.pane = map.getPane("mgLabels") || map.createPane("mgLabels");
      this.pane.style.zIndex = 595; // over lines and areas, under the markers and their popups
      this.pane.style.pointerEvents = "none";
      this.pane.setAttribute("aria-hidden", "true"); // the markers carry the names for screen readers
      this.pending = null;
      this.legs = L.layerGroup(); // set before it is added: adding it fires layeradd
      this.legs.addTo(map);
      this.layout();
    },

    onRemove: function (map) {
      window.clearTimeout(this.pending);
      map.removeLayer(this.legs);
      this.pane.textContent = "";
      visibleItems(map).forEach(function (it) {
        if (it.offset) setOffset(it, 0, 0);
      });
    },

    getEvents: function () {
      return { zoomstart: this.hide, zoomend: this.soon, moveend: this.soon, resize: this.soon, viewreset: this.soon, layeradd: this.changed, layerremove: this.changed };
    },

    hide: function () {
      this.pane.style.visibility = "hidden"; // positions are for the old zoom
      this.legsPane.style.visibility = "hidden";
    },

    soon: function () {
      if (!this.pending) this.pending = window.setTimeout(L.Util.bind(this.layout, this), 0);
    },

    changed: function (e) {
      var legs = this.legs;
      if (e.layer === this || e.layer === legs || legs.hasLayer(e.layer) || e.layer instanceof L.Popup || e.layer instanceof L.Tooltip) return;
      this.soon();
    },

    layout: function () {
      var map = this.map;
      this.pending = null;
      if (L.DomUtil.hasClass(map.getPane("mapPane"), "leaflet-zoom-anim")) return; // zoomend follows
      this.fanOut();
      this.relabel();
      this.pane.style.visibility = "";
      this.legsPane.style.visibility = "";
    },

    fanOut: function () {
      var map = this.map, legs = this.legs;
      legs.clearLayers();
      var markers = visibleItems(map).filter(function (it) {
        return it.layer instanceof L.Marker;
      });
      var pts = markers.map(function (it) {
        return map.latLngToContainerPoint(it.layer.getLatLng());
      });
      var ids = markers.map(function (it) {
        return it.feature.id;
      });
      var size = map.getSize();
      mapgen.fanout.knots(pts, MIN_GAP).forEach(function (knot) {
        if (knot.length === 1 || knot.length > MAX_FAN) {
          knot.forEach(function (i) {
            setOffset(markers[i], 0, 0);
          });
          return;
        }
        mapgen.fanout.fan(pts, ids, knot, size, MIN_GAP).forEach(function (t) {
          var it = markers[t.index], ll = it.layer.getLatLng();
          setOffset(it, Math.round(t.x - pts[t.index].x), Math.round(t.y - pts[t.index].y));
          L.polyline([ll, map.containerPointToLatLng([t.x, t.y])], { color: "#333", weight: 1, opacity: 0.75, interactive: false, pane: "mgLegs" }).addTo(legs);
          L.circleMarker(ll, { radius: 1.5, color: "#333", weight: 1, fillOpacity: 1, interactive: false, pane: "mgLegs" }).addTo(legs);
        });
      });
      mapgen.fanned = markers.filter(function (it) {
        return it.offset && (it.offset.x || it.offset.y);
      }).length;
    },

    relabel: function () {
      var map = this.map, pane = this.pane;
      var t0 = window.performance ? performance.now() : 0;
      pane.textContent = "";
      var size = map.getSize();
      var cont = map.getContainer().getBoundingClientRect();
      var taken = new P.Boxes();
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
          var e = mapgen.dom.el("div", "mg-label mg-label-" + kind, pane, "x");
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
      var placed = new Set(), tries = 0;
      for (var n = 0; n < items.length && placed.size < MAX_LABELS && tries < MAX_TRIES; n++) {
        var it = items[n];
        if (placed.has(it.feature.id)) continue; // one place in two layers is named once
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
          spots = P.pointSpots(p, half, w, h);
        } else if (kind === "line") {
          spots = lineSpots(map, it, w, size);
        } else {
          spots = areaSpots(map, it, w, h, bounds);
        }
        for (var s = 0; s < spots.length; s++) {
          tries++;
          var sp = spots[s];
          var b = sp.angle ? P.rotatedBox(sp.x, sp.y, w, h, sp.angle) : P.box(sp.x, sp.y, w, h, 1);
          if (b.l < 2 || b.t < 2 || b.r > size.x - 2 || b.b > size.y - 2 || taken.hits(b)) continue;
          taken.add(b);
          var e = mapgen.dom.el("div", "mg-label mg-label-" + kind, pane, text);
          e.dataset.id = it.feature.id;
          e.style.width = w + "px";
          if (kind !== "point") e.style.color = mapgen.format.darker(it.entry.style.color, kind === "area" ? 0.5 : 0.45);
          var lp = map.containerPointToLayerPoint([sp.x - w / 2, sp.y - h / 2]);
          e.style.transform = "translate3d(" + Math.round(lp.x) + "px," + Math.round(lp.y) + "px,0)" + (sp.angle ? " rotate(" + ((sp.angle * 180) / Math.PI).toFixed(1) + "deg)" : "");
          placed.add(it.feature.id);
          break;
        }
      }
      mapgen.labelled = Array.from(placed);
      mapgen.labelMs = Math.round((window.performance ? performance.now() : 0) - t0);
    }
  });

  mapgen.onSetup.push(function (map) {
    mapgen.labeller = new mapgen.Labels().addTo(map);
  });
})(window.mapgen);
