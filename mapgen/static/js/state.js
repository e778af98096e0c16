/* state.js: what the map shows: its layers, base maps and the date filter. Everything that
   turns a layer on or moves the slider goes through here, and the map then fires
   "mapgen:state" ({what: "layers" | "base" | "time"}): the controls and the URL hash follow it. */
(function (mapgen) {
  "use strict";
  var time = mapgen.time;
  mapgen.layers = []; // {key, name, groupName, group, style, geojson, items: [{feature, layer, visible, entry}]}
  mapgen.bases = []; // {key, name, layer}
  mapgen.land = null; // the offline base layer (a FeatureGroup)
  var slider = 0; // the time slider's value: 0 all dates, else time.period(slider, config.time)

  function changed(what, data) {
    if (mapgen.map) mapgen.map.fire("mapgen:state", L.extend({ what: what }, data));
  }

  mapgen.findEntry = function (key) {
    for (var i = 0; i < mapgen.layers.length; i++) if (mapgen.layers[i].key === key) return mapgen.layers[i];
    return null;
  };

  mapgen.findItem = function (id) {
    for (var i = 0; i < mapgen.layers.length; i++) {
      var items = mapgen.layers[i].items;
      for (var j = 0; j < items.length; j++) if (items[j].feature.id === id) return items[j];
    }
    return null;
  };

  mapgen.isLayerOn = function (key) {
    if (key === "offline-land") return !!mapgen.land && mapgen.map.hasLayer(mapgen.land);
    var e = mapgen.findEntry(key);
    return !!e && mapgen.map.hasLayer(e.group);
  };

  mapgen.setLayer = function (key, on) {
    var map = mapgen.map;
    var g = key === "offline-land" ? mapgen.land : (mapgen.findEntry(key) || {}).group;
    if (!g) return;
    if (on && !map.hasLayer(g)) map.addLayer(g);
    if (!on && map.hasLayer(g)) map.removeLayer(g);
    changed("layers");
  };

  mapgen.currentBase = function () {
    for (var i = 0; i < mapgen.bases.length; i++) if (mapgen.map.hasLayer(mapgen.bases[i].layer)) return mapgen.bases[i].key;
    return "none";
  };

  mapgen.setBase = function (key) {
    var map = mapgen.map;
    mapgen.bases.forEach(function (b) {
      if (b.key === key && !map.hasLayer(b.layer)) map.addLayer(b.layer);
      if (b.key !== key && map.hasLayer(b.layer)) map.removeLayer(b.layer);
    });
    changed("base");
  };

  /* -- the date filter -- */

  function timeConfig() {
    return (mapgen.config && mapgen.config.time) || null;
  }

  /* Show each feature of a timed layer only if it is visible in the period */
  function applyTime(per) {
    mapgen.layers.forEach(function (entry) {
      entry.items.forEach(function (it) {
        var vis = entry.style.timed === false || time.visibleAt(it.feature.properties, per);
        if (vis && !it.visible) entry.geojson.addLayer(it.layer);
        if (!vis && it.visible) entry.geojson.removeLayer(it.layer);
        it.visible = vis;
      });
    });
  }

  /* How many features the layers on the map show */
  mapgen.shownCount = function () {
    var shown = 0;
    mapgen.layers.forEach(function (entry) {
      if (!mapgen.map.hasLayer(entry.group)) return;
      entry.items.forEach(function (it) {
        if (it.visible) shown += 1;
      });
    });
    return shown;
  };

  /* The slider's value (0: all dates) */
  mapgen.getTime = function () {
    return slider;
  };

  /* The period shown, {first, last, label, key}, or null for all dates */
  mapgen.period = function () {
    var cfg = timeConfig();
    return cfg ? time.period(slider, cfg) : null;
  };

  mapgen.setTime = function (v) {
    var cfg = timeConfig();
    if (!cfg) return;
    slider = Math.max(0, Math.min(time.steps(cfg), v | 0));
    var per = mapgen.period();
    applyTime(per);
    changed("time", { period: per, shown: mapgen.shownCount() });
  };
})(window.mapgen);
