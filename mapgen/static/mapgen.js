/* mapgen.js: our own small controls on Leaflet core (no plugins, no CDN).
   Text arrives already escaped by mapgen's Python side; names used for
   labels go through textContent or setAttribute, never innerHTML. */
(function () {
  "use strict";
  var mapgen = (window.mapgen = window.mapgen || {});
  mapgen.layers = [];

  function markerIcon(style) {
    return L.divIcon({
      className: "mg-marker mg-" + style.symbol,
      html: '<span style="background:' + style.color + '"></span>',
      iconSize: [16, 16],
      iconAnchor: [8, 8],
      popupAnchor: [0, -8],
      tooltipAnchor: [8, 0]
    });
  }

  mapgen.addPlaces = function (group, data, style) {
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var name = feature.properties.name;
        return L.marker(latlng, { icon: markerIcon(style), title: name, alt: name, keyboard: true, riseOnHover: true });
      },
      style: function () {
        return { color: style.color, weight: 3, opacity: 0.9, dashArray: style.dash || null, fillColor: style.color, fillOpacity: 0.15 };
      },
      onEachFeature: function (feature, lyr) {
        lyr.bindPopup(feature.properties.popup, { maxWidth: 340, maxHeight: 320 });
        lyr.bindTooltip(feature.properties.tip, { sticky: feature.geometry.type !== "Point" });
        lyr.on("add", function () {
          var el = lyr.getElement && lyr.getElement();
          if (el && !el.getAttribute("aria-label")) {
            el.setAttribute("aria-label", feature.properties.name);
          }
        });
      }
    });
    layer.addTo(group);
    mapgen.layers.push({ key: style.key, group: group, geojson: layer, style: style });
    return layer;
  };

  mapgen.addBaseLand = function (group, data) {
    L.geoJSON(data, {
      interactive: false,
      style: function (f) {
        var border = f.properties && f.properties.kind === "border";
        return border
          ? { color: "#8c8c8c", weight: 1, fill: false, interactive: false }
          : { color: "#b5b5b5", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1, interactive: false };
      }
    }).addTo(group);
  };

  function legendControl(items) {
    var Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var div = L.DomUtil.create("div", "mg-legend leaflet-bar");
        div.setAttribute("role", "region");
        div.setAttribute("aria-label", "Legend");
        var h = L.DomUtil.create("h2", "", div);
        h.textContent = "Legend";
        var ul = L.DomUtil.create("ul", "", div);
        items.forEach(function (it) {
          var li = L.DomUtil.create("li", "", ul);
          var sw = L.DomUtil.create("span", "mg-swatch mg-" + it.symbol + (it.dash ? " mg-dashed" : ""), li);
          sw.style.setProperty("--mg-color", it.color);
          sw.setAttribute("aria-hidden", "true");
          var label = L.DomUtil.create("span", "", li);
          label.textContent = it.name;
        });
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      }
    });
    return new Legend();
  }

  mapgen.setup = function (map, config) {
    mapgen.map = map;
    mapgen.config = config;
    if (config.legend && config.legend.length) {
      legendControl(config.legend).addTo(map);
    }
  };
})();
