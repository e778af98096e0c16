/* tour.js (issue 12): a guided tour, the story in date order (config.tour, built by mapgen's
   Python side from the gazetteer's events and the articles' dated passages, all escaped).
   Previous/next buttons (and the arrow keys inside the panel), each step flying to its place;
   the step is a live region, so a screen reader reads it when it changes; the address carries
   `tour=N`, so a shared link opens at that step. Escape closes it and gives the focus back. */
(function (mapgen) {
  "use strict";
  var dom = mapgen.dom, el = dom.el;
  var tour = { panel: null, index: -1, button: null };

  function mark(it) {
    var prev = document.querySelector(".mg-tour-here");
    if (prev) prev.classList.remove("mg-tour-here");
    var node = it && it.layer.getElement && it.layer.getElement();
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
    var it = mapgen.findItem(s.place);
    if (it) {
      mapgen.goTo(it, { zoom: 7, duration: 0.8, padding: [30, 30] });
      mark(it);
    }
    mapgen.saveHash();
    if (focusBody) p.step.focus();
  }

  function build(map) {
    var div = el("div", "mg-tour", map.getContainer());
    div.setAttribute("role", "region");
    div.setAttribute("aria-label", "Guided tour");
    div.hidden = true;
    var head = el("div", "mg-tour-head", div);
    var count = el("span", "mg-tour-count", head, "");
    var close = dom.button("mg-tour-close", head, "Close tour");
    var step = el("div", "mg-tour-step", div);
    step.setAttribute("aria-live", "polite");
    step.tabIndex = -1;
    var when = el("time", "mg-tour-when", step, "");
    var title = el("h2", "mg-tour-title", step, "");
    var body = el("div", "mg-tour-body", step);
    var nav = el("div", "mg-tour-nav", div);
    var prev = dom.button("mg-tour-prev", nav, "\u2190 Previous");
    var next = dom.button("mg-tour-next", nav, "Next \u2192");
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
    var box = mapgen.map.getContainer();
    if (on) {
      p.div.hidden = false;
      box.classList.add("mg-touring");
      if (tour.button) tour.button.setAttribute("aria-expanded", "true");
      show(n === undefined ? Math.max(0, tour.index) : n, true);
    } else {
      p.div.hidden = true;
      tour.index = -1;
      box.classList.remove("mg-touring");
      mark(null);
      if (tour.button) {
        tour.button.setAttribute("aria-expanded", "false");
        tour.button.focus();
      }
      mapgen.saveHash();
    }
    mapgen.map.fire("mapgen:controls");
  };
  mapgen.tourStep = function () {
    return tour.index;
  };

  mapgen.onSetup.push(function (map, config) {
    if (!config.tour || !config.tour.length) return;
    build(map);
    var label = "Guided tour: the story in date order";
    var b = mapgen.controls.toolbar.addButton("\u25B6", label, function () {
      mapgen.tour(tour.panel.div.hidden);
    });
    b.classList.add("mg-tour-button");
    b.setAttribute("aria-expanded", "false");
    tour.button = b;
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
})(window.mapgen);
