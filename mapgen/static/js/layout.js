/* layout.js: the controls and the map share the screen. The layer control comes first in
   the tab order; the bottom-left controls (time slider, scale) stay clear of the attribution
   when a narrow screen makes it run under them; popups pan into the space the controls leave
   free (beside them on wide screens, below and above them on phones), recomputed when a
   control changes size (the map fires "mapgen:controls"). A Leaflet handler:
   new mapgen.ControlLayout(map).enable(). */
(function (mapgen) {
  "use strict";

  mapgen.ControlLayout = L.Handler.extend({
    initialize: function (map) {
      var self = this, pending = null; // one update after a burst of layer changes (the slider makes thousands)
      this.map = map;
      this.update = L.Util.bind(this.update, this);
      this.soon = function () {
        pending =
          pending ||
          window.setTimeout(function () {
            pending = null;
            self.update();
          }, 0);
      };
    },

    corner: function (v, h) {
      return this.map.getContainer().querySelector(".leaflet-control-container > .leaflet-" + v + ".leaflet-" + h);
    },

    addHooks: function () {
      var box = this.map.getContainer(), controls = box.querySelector(".leaflet-control-container");
      // Tab order: the layer control first, then search and tools, then the markers
      controls.insertBefore(this.corner("top", "right"), controls.firstChild);
      box.insertBefore(controls, box.firstChild);
      this.map.on("resize layeradd layerremove", this.soon);
      this.map.on("mapgen:controls", this.update);
      window.addEventListener("resize", this.update);
      this.update();
    },

    removeHooks: function () {
      this.map.off("resize layeradd layerremove", this.soon);
      this.map.off("mapgen:controls", this.update);
      window.removeEventListener("resize", this.update);
    },

    update: function () {
      var map = this.map;
      var bl = this.corner("bottom", "left"), tl = this.corner("top", "left"), tr = this.corner("top", "right");
      var attr = map.attributionControl && map.attributionControl.getContainer();
      if (attr) {
        bl.style.bottom = "";
        var a = attr.getBoundingClientRect(), b = bl.getBoundingClientRect();
        if (a.width && b.width && a.left < b.right && a.top < b.bottom) bl.style.bottom = Math.ceil(a.height) + "px";
      }
      var c = map.getContainer().getBoundingClientRect();
      var t = tl.getBoundingClientRect(), r = tr.getBoundingClientRect(), bb = bl.getBoundingClientRect();
      // bound popups take their defaults from the class's options when they open
      if (c.width < 700) {
        L.Popup.mergeOptions({ autoPanPaddingTopLeft: L.point(5, Math.max(t.bottom, r.bottom) - c.top + 8), autoPanPaddingBottomRight: L.point(5, Math.max(0, c.bottom - bb.top) + 8) });
      } else {
        L.Popup.mergeOptions({ autoPanPaddingTopLeft: L.point(t.right - c.left + 8, 10), autoPanPaddingBottomRight: L.point(Math.max(0, c.right - r.left) + 8, 10) });
      }
    }
  });

  /* A projector: the start view keeps the extent it has at 1280x800 instead of shrinking into
     the middle of a big screen (a quarter-step zoom in, up to one step). Phones keep theirs. */
  mapgen.fitBigScreen = function (map, config) {
    if (/(^|[#&])(map|tour)=/.test(location.hash) || config.focus) return;
    var size = map.getSize();
    var scale = Math.min(size.x / 1280, size.y / 800);
    if (scale < 1.2) return;
    map.options.zoomSnap = 0.25;
    map.setZoom(map.getZoom() + Math.min(1, Math.round(4 * Math.log2(scale)) / 4), { animate: false });
  };
})(window.mapgen);
