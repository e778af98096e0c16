/* layer-control.js: the grouped layer control, which is also the legend. Base maps as radios
   (or none), the offline land and each layer as a checkbox with its legend symbol, layers
   under their group's heading. On a phone the open panel covers other controls: it closes
   when you go elsewhere. */
(function (mapgen) {
  "use strict";
  var dom = mapgen.dom, el = dom.el;
  var ROOMY = "(min-width: 700px) and (min-height: 480px)"; // room for the panel beside the map

  function row(parent, type, key, text, style) {
    var lab = el("label", "mg-row", parent);
    var input = el("input", "", lab);
    input.type = type;
    if (type === "checkbox") input.dataset.key = key;
    else input.value = key;
    if (style) dom.swatch(style, lab);
    el("span", "", lab, text);
    return input;
  }

  mapgen.LayerControl = L.Control.extend({
    options: { position: "topright", groups: [] },

    onAdd: function (map) {
      var self = this;
      var div = dom.controlBox("mg-layers", "region", "Layers and legend");
      var bodyId = dom.nextId("mg-layers-body");
      var toggle = dom.button("mg-layers-toggle", div, "Layers");
      toggle.setAttribute("aria-controls", bodyId);
      var body = el("div", "mg-layers-body", div);
      body.id = bodyId;
      this.map = map;
      this.panel = { div: div, toggle: toggle, body: body };
      toggle.addEventListener("click", function () {
        self.setOpen(body.hidden);
      });
      this.setOpen(window.matchMedia(ROOMY).matches, true);
      this.closeIfElsewhere = function (ev) {
        if (!body.hidden && !div.contains(ev.target) && !window.matchMedia(ROOMY).matches) self.setOpen(false);
      };
      document.addEventListener("pointerdown", this.closeIfElsewhere, true);
      document.addEventListener("focusin", this.closeIfElsewhere);

      var fsB = el("fieldset", "mg-group", body);
      el("legend", "", fsB, "Base maps");
      var baseName = dom.nextId("mg-base");
      mapgen.bases.concat([{ key: "none", name: "No tiles (offline)", layer: null }]).forEach(function (b) {
        var r = row(fsB, "radio", b.key, b.name);
        r.name = baseName;
        r.addEventListener("change", function () {
          if (r.checked) mapgen.setBase(b.key);
        });
      });
      if (mapgen.land) {
        var cbL = row(fsB, "checkbox", "offline-land", "Offline land and borders", { symbol: "area", color: "#b5b5b5" });
        cbL.addEventListener("change", function () {
          mapgen.setLayer("offline-land", cbL.checked);
        });
      }
      this.options.groups.forEach(function (g) {
        var entries = mapgen.layers.filter(function (e) {
          return e.groupName === g;
        });
        if (!entries.length) return;
        var fs = el("fieldset", "mg-group", body);
        el("legend", "", fs, g);
        entries.forEach(function (e) {
          var cb = row(fs, "checkbox", e.key, e.name, e.style);
          cb.addEventListener("change", function () {
            mapgen.setLayer(e.key, cb.checked);
          });
        });
      });
      map.on("mapgen:state", this.sync, this);
      this.sync();
      return div;
    },

    onRemove: function (map) {
      document.removeEventListener("pointerdown", this.closeIfElsewhere, true);
      document.removeEventListener("focusin", this.closeIfElsewhere);
      map.off("mapgen:state", this.sync, this);
      this.panel = null;
    },

    setOpen: function (open, quiet) {
      var p = this.panel;
      p.toggle.setAttribute("aria-expanded", open ? "true" : "false");
      p.body.hidden = !open;
      p.div.classList.toggle("mg-open", open);
      if (!quiet) this.map.fire("mapgen:controls"); // the free space for popups changed
    },

    /* the boxes and radios say what the map shows */
    sync: function () {
      var base = mapgen.currentBase();
      Array.prototype.forEach.call(this.panel.body.querySelectorAll("input"), function (input) {
        input.checked = input.type === "radio" ? input.value === base : mapgen.isLayerOn(input.dataset.key);
      });
    }
  });
})(window.mapgen);
