/* print.js (issue 12): printing the page (Ctrl+P) gives a handout: the map as shown, with
   its labels and a legend of the layers on it, then every place shown with its names, dates,
   description, events, passages and citations. `mapgen handout` prints the same to PDF.
   The handout is built from the page's state when printing starts and is display:none on
   screen (so screen readers never meet it twice). */
(function (mapgen) {
  "use strict";
  var dom = mapgen.dom, el = dom.el;
  var PRINT_SIZE = { x: 700, y: 520 }; // CSS px: fits A4 and Letter portrait inside 12 mm margins
  var screenView = null; // the view to go back to after printing

  function buildHandout(map, config) {
    var old = document.querySelector(".mg-handout");
    if (old) old.remove();
    var sec = el("section", "mg-handout", document.body);
    sec.setAttribute("aria-label", "Handout");
    var legend = el("div", "mg-handout-legend", sec);
    el("h2", "", legend, "Legend");
    var per = mapgen.period();
    el("p", "mg-handout-when", legend, "Shown: " + (per ? per.label : "All dates") + ". Labels as on the map; a thin line leads from a moved symbol to its true place.");
    var ul = el("ul", "", legend);
    var shown = mapgen.layers.filter(function (e) {
      return map.hasLayer(e.group);
    });
    shown.forEach(function (e) {
      var li = el("li", "", ul);
      dom.swatch(e.style, li);
      el("span", "", li, e.name);
    });
    var places = el("div", "mg-handout-places", sec);
    el("h2", "", places, "Places on the map");
    var seen = new Set();
    shown.forEach(function (e) {
      var items = e.items.filter(function (it) {
        return it.visible && !seen.has(it.feature.id);
      });
      if (!items.length) return;
      el("h3", "mg-handout-layer", places, e.name);
      items.forEach(function (it) {
        seen.add(it.feature.id);
        el("article", "mg-handout-place", places).innerHTML = it.feature.properties.popup; // escaped by mapgen's Python side
      });
    });
    el("div", "mg-handout-about", sec).innerHTML = config.about || ""; // escaped by mapgen's Python side: sources, how to cite
    return sec;
  }

  function resize(map, size) {
    var c = map.getContainer();
    c.style.width = size ? size.x + "px" : "";
    c.style.height = size ? size.y + "px" : "";
    map.invalidateSize({ animate: false, pan: false });
  }

  /* Lay the page out for paper: the map at a fixed size, labels placed for that size. */
  mapgen.preparePrint = function () {
    var map = mapgen.map;
    screenView = { centre: map.getCenter(), zoom: map.getZoom() };
    document.documentElement.classList.add("mg-printing");
    resize(map, PRINT_SIZE);
    map.setView(screenView.centre, screenView.zoom, { animate: false });
    if (mapgen.labeller) mapgen.labeller.layout();
    buildHandout(map, mapgen.config);
  };

  mapgen.endPrint = function () {
    var map = mapgen.map;
    document.documentElement.classList.remove("mg-printing");
    resize(map, null);
    if (screenView) map.setView(screenView.centre, screenView.zoom, { animate: false });
    if (mapgen.labeller) mapgen.labeller.layout();
  };

  mapgen.onSetup.push(function (map, config) {
    var title = el("h1", "mg-print-title", null, config.title || "Map");
    map.getContainer().parentNode.insertBefore(title, map.getContainer());
    title.setAttribute("aria-hidden", "true"); // the map's own h1 names the page for screen readers
    window.addEventListener("beforeprint", mapgen.preparePrint);
    window.addEventListener("afterprint", mapgen.endPrint);
  });
})(window.mapgen);
