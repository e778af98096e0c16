/* tour.js (issue 12): a guided tour, the story in date order (config.tour, built by mapgen's
   Python side from the gazetteer's events and the articles' dated passages, all escaped).
   Previous/next buttons (and the arrow keys inside the panel), each step flying to its place;
   the step is a live region, so a screen reader reads it when it changes; the address carries
   `tour=N`, so a shared link opens at that step. Escape closes it and gives the focus back. */
(function () {
  "use strict";
  var mapgen = window.mapgen;
  var tour = { panel: null, index: -1, button: null };

  function findItem(id) {
    for (var i = 0; i < mapgen.layers.length; i++) {
      var items = mapgen.layers[i].items;
      for (var j = 0; j < items.length; j++) if (items[j].feature.id === id) return items[j];
    }
    return null;
  }

  function flyTo(it) {
    var map = mapgen.map;
    if (!it) return;
    if (!map.hasLayer(it.entry.group)) mapgen.setLayer(it.entry.key, true);
    if (!it.visible && mapgen.setTime) mapgen.setTime(0);
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    map.closePopup();
    map.stop();
    var opts = reduce ? { animate: false } : { duration: 0.8 };
    if (it.layer.getLatLng) {
      var z = Math.max(map.getZoom(), 7);
      if (reduce) map.setView(it.layer.getLatLng(), z, opts);
      else map.flyTo(it.layer.getLatLng(), z, opts);
    } else if (it.layer.getBounds) {
      var o = { maxZoom: 8, padding: [30, 30] };
      if (reduce) map.fitBounds(it.layer.getBounds(), L.extend(o, opts));
      else map.flyToBounds(it.layer.getBounds(), L.extend(o, opts));
    }
    var prev = document.querySelector(".mg-tour-here");
    if (prev) prev.classList.remove("mg-tour-here");
    var node = it.layer.getElement && it.layer.getElement();
    if (node && node.classList) node.classList.add("mg-tour-here");
  }

  function show(i, focusBody) {
    var steps = mapgen.config.tour || [];
    if (!steps.length) return;
    tour.index = Math.max(0, Math.min(steps.length - 1, i));
    var s = steps[tour.index];
    var p = tour.panel;
    p.count.textContent = "Step " + (tour.index + 1) + " of " + steps.length;
    p.when.textContent = s.when;
    p.when.setAttribute("datetime", s.date);
    p.title.textContent = s.title;
    p.body.innerHTML = s.html; // escaped by mapgen's Python side
    p.prev.disabled = tour.index === 0;
    p.next.disabled = tour.index === steps.length - 1;
    flyTo(findItem(s.place));
    mapgen.saveHash();
    if (focusBody) p.step.focus();
  }

  function build(map) {
    var el = mapgen.el;
    var div = el("div", "mg-tour", map.getContainer());
    div.setAttribute("role", "region");
    div.setAttribute("aria-label", "Guided tour");
    div.hidden = true;
    var head = el("div", "mg-tour-head", div);
    var count = el("span", "mg-tour-count", head, "");
    var close = el("button", "mg-tour-close", head, "Close tour");
    close.type = "button";
    var step = el("div", "mg-tour-step", div);
    step.setAttribute("aria-live", "polite");
    step.tabIndex = -1;
    var when = el("time", "mg-tour-when", step, "");
    var title = el("h2", "mg-tour-title", step, "");
    var body = el("div", "mg-tour-body", step);
    var nav = el("div", "mg-tour-nav", div);
    var prev = el("button", "mg-tour-prev", nav, "\u2190 Previous");
    prev.type = "button";
    var next = el("button", "mg-tour-next", nav, "Next \u2192");
    next.type = "button";
    prev.addEventListener("click", function () {
      show(tour.index - 1);
    });
    next.addEventListener("click", function () {
      show(tour.index + 1);
    });
    close.addEventListener("click", function () {
      mapgen.tour(false);
    });
    div.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight" && !next.disabled) {
        e.preventDefault();
        show(tour.index + 1);
      } else if (e.key === "ArrowLeft" && !prev.disabled) {
        e.preventDefault();
        show(tour.index - 1);
      } else if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        mapgen.tour(false);
      }
    });
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    tour.panel = { div: div, count: count, step: step, when: when, title: title, body: body, prev: prev, next: next };
  }

  /* mapgen.tour(true, n): open at step n (0-based); mapgen.tour(false): close */
  mapgen.tour = function (on, n) {
    var p = tour.panel;
    if (!p) return;
    if (on) {
      p.div.hidden = false;
      mapgen.map.getContainer().classList.add("mg-touring");
      if (tour.button) tour.button.setAttribute("aria-expanded", "true");
      show(n === undefined ? Math.max(0, tour.index) : n, true);
    } else {
      p.div.hidden = true;
      tour.index = -1;
      mapgen.map.getContainer().classList.remove("mg-touring");
      var here = document.querySelector(".mg-tour-here");
      if (here) here.classList.remove("mg-tour-here");
      if (tour.button) {
        tour.button.setAttribute("aria-expanded", "false");
        tour.button.focus();
      }
      mapgen.saveHash();
    }
    if (mapgen.fitPopups) mapgen.fitPopups();
  };
  mapgen.tourStep = function () {
    return tour.index;
  };

  mapgen.onSetup.push(function (map, config) {
    if (!config.tour || !config.tour.length) return;
    build(map);
    var tools = map.getContainer().querySelector(".mg-toolbar");
    if (tools) {
      var b = mapgen.el("button", "mg-tool mg-tour-button", tools, "\u25B6");
      b.type = "button";
      b.setAttribute("aria-label", "Guided tour: the story in date order");
      b.title = "Guided tour: the story in date order";
      b.setAttribute("aria-expanded", "false");
      b.addEventListener("click", function () {
        mapgen.tour(tour.panel.div.hidden);
      });
      tour.button = b;
    }
  });
  mapgen.hashParts.push(function () {
    return tour.index >= 0 ? "tour=" + (tour.index + 1) : "";
  });
  mapgen.onRestore.push(function (params) {
    var n = parseInt(params.tour, 10);
    if (!tour.panel || !(n >= 1)) return false;
    mapgen.tour(true, n - 1);
    return true;
  });
})();
