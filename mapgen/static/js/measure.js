/* measure.js: measure a distance. Click the map (or press Enter on it: the crosshair marks
   the centre) to add points; great-circle distances on a sphere (Leaflet's map.distance,
   within 0.5 % of the ellipsoid). mapgen.measure(true | false) starts and ends it; the map
   fires "mapgen:measure" ({on, done}) so that the toolbar's button follows. */
(function (mapgen) {
  "use strict";
  var dom = mapgen.dom, el = dom.el;
  var m = { active: false, points: [], line: null, dots: null, panel: null, cross: null };

  /* The panel shown while measuring: the distance, Clear and Done. While it is on the map,
     clicks on the map (and Enter on it) add points. */
  var MeasurePanel = L.Control.extend({
    options: { position: "topleft" },

    onAdd: function (map) {
      var self = this;
      var div = dom.controlBox("mg-measure", "group", "Measure distance");
      this.out = el("p", "mg-measure-out", div, "");
      this.out.setAttribute("role", "status");
      this.out.setAttribute("aria-live", "polite");
      var row = el("div", "mg-measure-row", div);
      dom.button("", row, "Clear").addEventListener("click", function () {
        m.points = [];
        self.redraw();
      });
      dom.button("", row, "Done").addEventListener("click", function () {
        mapgen.measure(false, true);
      });
      this.map = map;
      this.onKey = function (e) {
        if (e.target === map.getContainer() && (e.key === "Enter" || e.key === " ")) {
          e.preventDefault();
          self.addPoint(map.getCenter());
        } else if (e.key === "Escape") {
          mapgen.measure(false);
        }
      };
      map.on("click", this.clicked, this);
      map.getContainer().addEventListener("keydown", this.onKey);
      return div;
    },

    onRemove: function (map) {
      map.off("click", this.clicked, this);
      map.getContainer().removeEventListener("keydown", this.onKey);
    },

    clicked: function (e) {
      this.addPoint(e.latlng);
    },

    addPoint: function (latlng) {
      this.map.closePopup();
      m.points.push(latlng);
      this.redraw();
    },

    redraw: function () {
      var map = this.map, pts = m.points;
      m.line.setLatLngs(pts);
      m.dots.clearLayers();
      pts.forEach(function (p) {
        L.circleMarker(p, { radius: 3, color: "#111", weight: 2, fillColor: "#fff", fillOpacity: 1, interactive: false }).addTo(m.dots);
      });
      var total = 0;
      for (var i = 1; i < pts.length; i++) total += map.distance(pts[i - 1], pts[i]);
      this.out.textContent = pts.length < 2 ? "Click the map, or press Enter on it, to add points" + (pts.length ? " (1 point)" : "") : "Distance: " + mapgen.format.distance(total);
      mapgen.measuredMetres = total;
    }
  });

  mapgen.isMeasuring = function () {
    return m.active;
  };

  /* on: start or end; done: ended by the panel's Done button (the focus goes back to the tool) */
  mapgen.measure = function (on, done) {
    var map = mapgen.map;
    if (on === m.active) return;
    m.active = on;
    var container = map.getContainer();
    container.classList.toggle("mg-measuring", on);
    if (on) {
      m.points = [];
      m.line = L.polyline([], { color: "#111", weight: 2, dashArray: "6 4", interactive: false }).addTo(map);
      m.dots = L.layerGroup().addTo(map);
      m.panel = new MeasurePanel().addTo(map);
      m.cross = el("div", "mg-crosshair", container);
      m.cross.setAttribute("aria-hidden", "true");
      m.panel.redraw();
    } else {
      map.removeLayer(m.line);
      map.removeLayer(m.dots);
      m.panel.remove();
      m.cross.remove();
    }
    map.fire("mapgen:measure", { on: on, done: !!done });
    map.fire("mapgen:controls");
  };
})(window.mapgen);
