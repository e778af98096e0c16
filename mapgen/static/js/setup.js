/* setup.js: mapgen.setup(map, config), called once by the page after every layer is drawn:
   the controls, the extensions' hooks, the URL hash, then the page's landmarks. */
(function (mapgen) {
  "use strict";

  /* credit Natural Earth only while its land is shown */
  function creditLand(map, credit) {
    var credited = false;
    function update() {
      var on = map.hasLayer(mapgen.land);
      if (on === credited) return;
      if (on) map.attributionControl.addAttribution(credit);
      else map.attributionControl.removeAttribution(credit);
      credited = on;
    }
    map.on("layeradd layerremove", update);
    update();
  }

  mapgen.setup = function (map, config) {
    mapgen.map = map;
    mapgen.config = config;
    if (map.attributionControl) {
      map.attributionControl.setPrefix('<a href="https://leafletjs.com" title="A JavaScript library for interactive maps">Leaflet</a>');
      if (mapgen.land && config.naturalEarth) creditLand(map, config.naturalEarth);
    }
    mapgen.controls = {
      search: new mapgen.SearchControl().addTo(map),
      toolbar: new mapgen.Toolbar({ config: config }).addTo(map),
      layers: new mapgen.LayerControl({ groups: config.groups || [] }).addTo(map),
      time: config.time ? new mapgen.TimeControl({ time: config.time }).addTo(map) : null
    };
    new mapgen.ControlLayout(map).enable();
    mapgen.onSetup.forEach(function (fn) {
      fn(map, config);
    });
    var restored = mapgen.restoreHash(location.hash);
    mapgen._ready = true; // for the tests: the page is set up
    mapgen.followHash(map);
    if (!restored && config.focus) {
      mapgen.layers.forEach(function (e) {
        e.items.forEach(function (it) {
          if (it.feature.id === config.focus) it.layer.openPopup(); // one place in two layers: the last one's
        });
      });
    }
    var box = map.getContainer();
    box.setAttribute("aria-label", "Map: " + (config.title || "mapgen"));
    box.setAttribute("role", "main"); // the map is the page's main content
    box.insertBefore(mapgen.dom.el("h1", "mg-sr", null, config.title || "Map"), box.firstChild);
    mapgen.fitBigScreen(map, config);
    mapgen.onReady.forEach(function (fn) {
      fn(map, config);
    });
    mapgen.readyMs = Math.round(window.performance ? performance.now() : 0); // for the speed tests
  };
})(window.mapgen);
