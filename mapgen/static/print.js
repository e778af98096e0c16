/* print.js (issue 12): printing the page (Ctrl+P) gives a handout: the map as shown, with
   its labels and a legend of the layers on it, then every place shown with its names, dates,
   description, events, passages and citations. `mapgen handout` prints the same to PDF.
   The handout is built from the page's state when printing starts and is display:none on
   screen (so screen readers never meet it twice). */
(function () {
  "use strict";
  var mapgen = window.mapgen;
  var PRINT_SIZE = { x: 700, y: 520 }; // CSS px: fits A4 and Letter portrait inside 12 mm margins

  function swatch(style, parent) {
    var sw = mapgen.el("span", "mg-swatch mg-" + style.symbol + (style.dash ? " mg-dashed" : ""), parent);
    sw.style.setProperty("--mg-color", style.color);
    sw.setAttribute("aria-hidden", "true");
  }

  function buildHandout(map, config) {
    var old = document.querySelector(".mg-handout");
    if (old) old.remove();
    var el = mapgen.el;
    var sec = el("section", "mg-handout", document.body);
    sec.setAttribute("aria-label", "Handout");
    var legend = el("div", "mg-handout-legend", sec);
    el("h2", "", legend, "Legend");
    var date = mapgen.getTime && mapgen.getTime() ? document.querySelector(".mg-time-input").getAttribute("aria-valuetext") : "All dates";
    el("p", "mg-handout-when", legend, "Shown: " + date + ". Labels as on the map; a thin line leads from a moved symbol to its true place.");
    var ul = el("ul", "", legend);
    var shown = mapgen.layers.filter(function (e) {
      return map.hasLayer(e.group);
    });
    shown.forEach(function (e) {
      var li = el("li", "", ul);
      swatch(e.style, li);
      el("span", "", li, e.name);
    });
    var places = el("div", "mg-handout-places", sec);
    el("h2", "", places, "Places on the map");
    var seen = {};
    shown.forEach(function (e) {
      var items = e.items.filter(function (it) {
        return it.visible && !seen[it.feature.id];
      });
      if (!items.length) return;
      el("h3", "mg-handout-layer", places, e.name);
      items.forEach(function (it) {
        seen[it.feature.id] = true;
        var art = el("article", "mg-handout-place", places);
        art.innerHTML = it.feature.properties.popup; // escaped by mapgen's Python side
      });
    });
    var about = el("div", "mg-handout-about", sec);
    about.innerHTML = config.about || ""; // escaped by mapgen's Python side: sources, how to cite
    return sec;
  }

  /* Lay the page out for paper: the map at a fixed size, labels placed for that size. */
  mapgen.preparePrint = function () {
    var map = mapgen.map;
    var centre = map.getCenter(), zoom = map.getZoom();
    document.documentElement.classList.add("mg-printing");
    var c = map.getContainer();
    c.style.width = PRINT_SIZE.x + "px";
    c.style.height = PRINT_SIZE.y + "px";
    map.invalidateSize({ animate: false, pan: false });
    map.setView(centre, zoom, { animate: false });
    if (mapgen.relayout) mapgen.relayout();
    buildHandout(map, mapgen.config);
    mapgen._printView = { centre: centre, zoom: zoom };
  };

  mapgen.endPrint = function () {
    var map = mapgen.map;
    document.documentElement.classList.remove("mg-printing");
    var c = map.getContainer();
    c.style.width = "";
    c.style.height = "";
    map.invalidateSize({ animate: false, pan: false });
    if (mapgen._printView) map.setView(mapgen._printView.centre, mapgen._printView.zoom, { animate: false });
    if (mapgen.relayout) mapgen.relayout();
  };

  mapgen.onSetup.push(function (map, config) {
    var title = mapgen.el("h1", "mg-print-title", null, config.title || "Map");
    map.getContainer().parentNode.insertBefore(title, map.getContainer());
    title.setAttribute("aria-hidden", "true"); // the map's own h1 names the page for screen readers
    window.addEventListener("beforeprint", mapgen.preparePrint);
    window.addEventListener("afterprint", mapgen.endPrint);
  });
})();
