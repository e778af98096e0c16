/* show.js: taking the reader to a feature (from search, the list of places, the tour). */
(function (mapgen) {
  "use strict";
  var shown = 0; // the latest showFeature call: a later choice supersedes an earlier one

  /* Turn the feature's layer on, clear the date filter if it hides the feature, and move the
     view to it: a flight, or a jump for readers who prefer reduced motion. o: {zoom (at least;
     areas: fitted, up to zoom + 1), duration (s), padding}. arrived() runs once the view is
     there (or has given up trying). */
  mapgen.goTo = function (it, o, arrived) {
    var map = mapgen.map;
    if (!map.hasLayer(it.entry.group)) mapgen.setLayer(it.entry.key, true);
    if (!it.visible) mapgen.setTime(0);
    // End a running flight or popup autopan first: its moveend must not count as arriving
    // (Leaflet then autopans a popup that another one is replacing).
    map.closePopup();
    map.stop();
    var jump = mapgen.dom.reducedMotion();
    var opts = jump ? { animate: false } : { duration: o.duration };
    if (arrived && !jump) {
      // arrive in a task of its own: a moveend can fire inside another popup's autopan,
      // and replacing that popup there leaves Leaflet panning a closed popup
      map.once("moveend", function () {
        window.setTimeout(arrived, 0);
      });
      window.setTimeout(arrived, o.duration * 1000 + 300);
    }
    if (it.layer.getLatLng) {
      var z = Math.max(map.getZoom(), o.zoom);
      if (jump) map.setView(it.layer.getLatLng(), z, opts);
      else map.flyTo(it.layer.getLatLng(), z, opts);
    } else if (it.layer.getBounds) {
      var fit = L.extend({ maxZoom: o.zoom + 1, padding: o.padding }, opts);
      if (jump) map.fitBounds(it.layer.getBounds(), fit);
      else map.flyToBounds(it.layer.getBounds(), fit);
    }
    if (arrived && jump) arrived();
  };

  /* Show a feature: go there and open its popup. */
  mapgen.showFeature = function (it) {
    var map = mapgen.map;
    var done = false;
    var token = (shown += 1);
    mapgen.goTo(it, { zoom: 8, duration: 0.6 }, function () {
      if (done || token !== shown) return;
      done = true;
      if (!map.hasLayer(it.layer)) return; // hidden again (another choice, the slider) before the flight ended
      // focus first (it shows the tooltip), then the popup (which closes the tooltip)
      var node = it.layer.getElement && it.layer.getElement();
      if (node && node.focus && it.feature.geometry.type === "Point") node.focus({ preventScroll: true });
      it.layer.openPopup();
    });
  };
})(window.mapgen);
