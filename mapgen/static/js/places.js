/* places.js: drawing what mapgen's Python side hands over (MapgenCall): each layer's
   features, the tile base maps, the offline land. */
(function (mapgen) {
  "use strict";
  var canvasRenderer = null;

  function markerIcon(style, radius) {
    if (radius) {
      // sized by a value (rule.size_by): a circle of that radius, still a focusable marker
      var d = Math.round(2 * radius);
      return L.divIcon({
        className: "mg-marker mg-sized mg-" + style.symbol,
        html: '<span style="background:' + style.color + ";width:" + d + "px;height:" + d + 'px"></span>',
        iconSize: [d + 4, d + 4],
        iconAnchor: [d / 2 + 2, d / 2 + 2],
        popupAnchor: [0, -d / 2],
        tooltipAnchor: [d / 2, 0]
      });
    }
    return L.divIcon({
      className: "mg-marker mg-" + style.symbol,
      html: '<span style="background:' + style.color + '"></span>',
      iconSize: [16, 16],
      iconAnchor: [8, 8],
      popupAnchor: [0, -8],
      tooltipAnchor: [8, 0]
    });
  }

  /* One layer's features. A layer with style.canvas draws its points as circleMarkers on
     one shared <canvas>: thousands stay fluid (no DOM node each). A feature with
     properties.radius (from rule.size_by) is drawn at that size. */
  mapgen.addPlaces = function (group, data, style) {
    var entry = { key: style.key, name: style.name || style.key, groupName: style.group, group: group, style: style, items: [] };
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var name = feature.properties.name;
        if (style.canvas) {
          canvasRenderer = canvasRenderer || L.canvas({ padding: 0.2 });
          return L.circleMarker(latlng, { renderer: canvasRenderer, radius: feature.properties.radius || 4, color: "#ffffff", weight: 1, fillColor: style.color, fillOpacity: 0.9 });
        }
        return L.marker(latlng, { icon: markerIcon(style, feature.properties.radius), title: name, alt: name, keyboard: true, riseOnHover: true });
      },
      style: function () {
        var area = style.symbol === "area";
        return {
          color: style.color,
          weight: area ? 2 : 3,
          opacity: 0.9,
          dashArray: style.dash || null,
          fillColor: style.color,
          fillOpacity: area ? 0.12 : 0.15
        };
      },
      onEachFeature: function (feature, lyr) {
        // narrower than the screen on phones, so a popup never runs off its side
        var w = Math.max(200, Math.min(340, (window.innerWidth || 400) - 70));
        lyr.bindPopup(feature.properties.popup, { maxWidth: w, maxHeight: 320 });
        lyr.bindTooltip(feature.properties.tip, { sticky: feature.geometry.type !== "Point" });
        lyr.on("add", function () {
          var node = lyr.getElement && lyr.getElement();
          if (!node || node.getAttribute("aria-label")) return;
          // markers are buttons already (Leaflet); an SVG shape needs a role to carry a name
          if (node.tagName.toLowerCase() === "path") node.setAttribute("role", "img");
          node.setAttribute("aria-label", feature.properties.label || feature.properties.name);
        });
        entry.items.push({ feature: feature, layer: lyr, visible: true, entry: entry });
      }
    });
    // the popup says it all: the feature's tooltip closes when it opens
    layer.on("popupopen", function (e) {
      if (e.sourceTarget && e.sourceTarget.closeTooltip) e.sourceTarget.closeTooltip();
    });
    layer.addTo(group);
    entry.geojson = layer;
    mapgen.layers.push(entry);
    return layer;
  };

  mapgen.addBase = function (layer, info) {
    mapgen.bases.push({ key: info.key, name: info.name, layer: layer });
  };

  /* The offline land: under everything, not interactive, not focusable. */
  mapgen.addBaseLand = function (group, data, map) {
    if (map && !map.getPane("mgBase")) {
      var pane = map.createPane("mgBase");
      // under the tiles (200): online, the tiles cover it; offline (or "No tiles"), the
      // failed, empty tiles let it show, so the map is readable with no network at all
      pane.style.zIndex = 150;
      pane.style.pointerEvents = "none";
    }
    mapgen.land = group;
    L.geoJSON(data, {
      interactive: false,
      pane: "mgBase",
      style: function (f) {
        var border = f.properties && f.properties.kind === "border";
        return border
          ? { color: "#8c8c8c", weight: 1, fill: false, interactive: false }
          : { color: "#b5b5b5", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1, interactive: false };
      }
    }).addTo(group);
  };
})(window.mapgen);
