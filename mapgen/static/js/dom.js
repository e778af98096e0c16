/* dom.js: building the page's elements. Text goes in through textContent only. */
(function (mapgen) {
  "use strict";
  var uid = 0;

  function el(tag, cls, parent, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  /* ids unique in the page (two maps on one page must not share them) */
  function nextId(prefix) {
    uid += 1;
    return prefix + "-" + uid;
  }

  /* A control's box: a named region or group whose clicks and wheel turns stay off the map */
  function controlBox(cls, role, label) {
    var div = el("div", cls + " leaflet-bar");
    div.setAttribute("role", role);
    if (label) div.setAttribute("aria-label", label);
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  }

  function button(cls, parent, text) {
    var b = el("button", cls, parent, text);
    b.type = "button";
    return b;
  }

  /* A layer's legend symbol */
  function swatch(style, parent) {
    var sw = el("span", "mg-swatch mg-" + style.symbol + (style.dash ? " mg-dashed" : ""), parent);
    sw.style.setProperty("--mg-color", style.color);
    sw.setAttribute("aria-hidden", "true");
    return sw;
  }

  /* A 16 px stroked icon from one SVG path: decorative, hidden from screen readers. */
  function strokeIcon(d, width) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", width);
    svg.appendChild(path);
    return svg;
  }

  /* "prefers-reduced-motion": views jump instead of flying */
  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  mapgen.dom = { el: el, nextId: nextId, controlBox: controlBox, button: button, swatch: swatch, strokeIcon: strokeIcon, reducedMotion: reducedMotion };
})(window.mapgen);
