/* namespace.js: the one object the page's scripts share, window.mapgen, made here and
   nowhere else. The files after this one (the order is mapgen/assets.py's PAGE_SCRIPTS) add
   their part to it: pure functions as mapgen.fold, mapgen.time...; controls as classes; the
   map's state and the hooks below. Our controls are our own small code on Leaflet core (no
   plugins, no CDN). Popup and tooltip HTML arrives already escaped by mapgen's Python side;
   names and labels go through textContent or setAttribute, never innerHTML. */
(function () {
  "use strict";
  window.mapgen = {
    // the extensions (labels.js, print.js, tour.js) register here
    onSetup: [], // fn(map, config): add controls, before the hash is restored
    onReady: [], // fn(map, config): after the hash is restored
    hashParts: [], // fn() -> "key=value" or "", appended to the URL hash
    onRestore: [] // fn(params) -> true if it used a parameter of the hash
  };
})();
