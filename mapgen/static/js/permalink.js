/* permalink.js: the address follows the view (mapgen.hash says how it is written and read),
   so a copied link opens the same view: centre and zoom, the layers on, the base map, the
   date, and the extensions' parts (mapgen.hashParts, mapgen.onRestore). */
(function (mapgen) {
  "use strict";
  var restoring = false;

  mapgen.saveHash = function () {
    var map = mapgen.map;
    if (!map || restoring || !mapgen._ready) return;
    var c = map.getCenter();
    var on = mapgen.layers
      .filter(function (e) {
        return map.hasLayer(e.group);
      })
      .map(function (e) {
        return e.key;
      });
    if (mapgen.land && map.hasLayer(mapgen.land)) on.push("offline-land");
    var hash = mapgen.hash.write({
      zoom: map.getZoom(),
      lat: c.lat,
      lng: c.lng,
      layers: on,
      base: mapgen.currentBase(),
      date: mapgen.getTime(),
      time: mapgen.config.time,
      extra: mapgen.hashParts.map(function (fn) {
        return fn();
      })
    });
    if (location.hash !== hash) {
      try {
        history.replaceState(null, "", hash);
      } catch (err) {
        location.hash = hash; // some sandboxed iframes forbid replaceState
      }
    }
  };

  /* What of a hash this map can use (see mapgen.hash.read) */
  mapgen.parseHash = function (hash) {
    var map = mapgen.map;
    return mapgen.hash.read(hash, {
      layers: mapgen.layers.map(function (e) {
        return e.key;
      }),
      bases: mapgen.bases.map(function (b) {
        return b.key;
      }),
      time: mapgen.config && mapgen.config.time,
      minZoom: map && map.getMinZoom(),
      maxZoom: map && map.getMaxZoom()
    });
  };

  /* Apply a hash; true if any part of it was used */
  mapgen.restoreHash = function (hash) {
    var map = mapgen.map;
    var h = mapgen.parseHash(hash);
    function extensions() {
      var used = false;
      mapgen.onRestore.forEach(function (fn) {
        try {
          used = fn(h.params) || used;
        } catch (e) {
          // an extension that cannot use its part of a hostile hash must not stop the page
        }
      });
      return used;
    }
    if (!h.map && !h.layers && !h.base && h.date === undefined) return extensions();
    restoring = true;
    try {
      if (h.layers) {
        mapgen.layers.forEach(function (e) {
          mapgen.setLayer(e.key, h.layers.indexOf(e.key) >= 0);
        });
        if (mapgen.land) mapgen.setLayer("offline-land", h.layers.indexOf("offline-land") >= 0);
      }
      if (h.base) mapgen.setBase(h.base);
      if (h.date !== undefined) mapgen.setTime(h.date);
      if (h.map) map.setView([h.map[1], h.map[2]], h.map[0], { animate: false });
    } finally {
      restoring = false;
    }
    extensions();
    return true;
  };

  /* Follow the map from now on: every move and every change of what it shows */
  mapgen.followHash = function (map) {
    map.on("moveend mapgen:state", mapgen.saveHash);
    window.addEventListener("hashchange", function () {
      mapgen.restoreHash(location.hash);
    });
  };
})(window.mapgen);
