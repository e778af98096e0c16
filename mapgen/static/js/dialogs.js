/* dialogs.js: the About dialog and the list of places (the text alternative to the map),
   modal <dialog>s built on first use. Their HTML (config.about, each popup) is built by
   mapgen's Python side with every text escaped. */
(function (mapgen) {
  "use strict";
  var dom = mapgen.dom, el = dom.el;

  function dialog(titleText, className) {
    var d = el("dialog", "mg-dialog " + className, document.body);
    var titleId = dom.nextId("mg-dialog-title");
    d.setAttribute("aria-labelledby", titleId);
    var head = el("div", "mg-dialog-head", d);
    el("h2", "", head, titleText).id = titleId;
    dom.button("mg-dialog-close", head, "Close").addEventListener("click", function () {
      d.close();
    });
    return { dialog: d, body: el("div", "mg-dialog-body", d) };
  }

  function about(config) {
    var dlg = dialog("About this map", "mg-about");
    dlg.body.innerHTML = config.about || ""; // escaped by mapgen's Python side
    var h = dlg.body.querySelector("#mg-about-title");
    if (h) h.remove();
    var url = dlg.body.querySelector(".mg-url");
    if (url && /^https?:/.test(location.protocol)) url.textContent = "Available at " + location.href.split("#")[0];
    return dlg.dialog;
  }

  function details(parent, summary, popup) {
    var det = el("details", "", el("li", "", parent));
    el("summary", "", det, summary);
    el("div", "mg-place-popup", det).innerHTML = popup; // escaped by mapgen's Python side
    return det;
  }

  function places(config) {
    var dlg = dialog("List of places", "mg-places");
    el("p", "mg-intro", dlg.body, "Every place and area on the map, by layer. Open one to read its description and sources, or show it on the map.");
    (config.groups || []).forEach(function (g) {
      var entries = mapgen.layers.filter(function (e) {
        return e.groupName === g;
      });
      if (!entries.length) return;
      el("h3", "", dlg.body, g);
      entries.forEach(function (e) {
        el("h4", "", dlg.body, e.name);
        var ul = el("ul", "mg-place-list", dlg.body);
        e.items.forEach(function (it) {
          var p = it.feature.properties;
          var btn = dom.button("mg-show", details(ul, p.label || p.name, p.popup), "Show on map");
          btn.setAttribute("aria-label", "Show on map: " + (p.name || "")); // starts with the visible text (WCAG 2.5.3)
          btn.addEventListener("click", function () {
            dlg.dialog.close();
            mapgen.showFeature(it);
          });
        });
      });
    });
    if (config.unlocated && config.unlocated.length) {
      // places whose site is unknown: no marker, but listed (never dropped silently)
      el("h3", "", dlg.body, "Not located");
      el("p", "mg-intro", dlg.body, "The gazetteer names these places but gives no location, so the map cannot show them.");
      var ulU = el("ul", "mg-place-list mg-unlocated", dlg.body);
      config.unlocated.forEach(function (u) {
        details(ulU, u.name + " (not located)", u.popup);
      });
    }
    return dlg.dialog;
  }

  mapgen.dialogs = { about: about, places: places };
})(window.mapgen);
