/* toolbar.js: the map's tools: full screen, measure, About, list of places; extensions add
   theirs with addButton (the tour does). */
(function (mapgen) {
  "use strict";
  var dom = mapgen.dom;
  var FULLSCREEN_ICON = "M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5";
  var RULER_ICON = "M1 11 11 1l4 4L5 15zM4 8l1.5 1.5M6 6l2 2M8 4l1.5 1.5M10 2l2 2";

  mapgen.Toolbar = L.Control.extend({
    options: { position: "topleft", config: {} },

    onAdd: function (map) {
      var config = this.options.config;
      this.div = dom.controlBox("mg-toolbar", "group", "Map tools");
      var container = map.getContainer();
      if (document.fullscreenEnabled && container.requestFullscreen) {
        var fs = this.addButton("", "Full screen", function () {
          if (document.fullscreenElement) document.exitFullscreen();
          else container.requestFullscreen();
        });
        fs.appendChild(dom.strokeIcon(FULLSCREEN_ICON, "2"));
        fs.setAttribute("aria-pressed", "false");
        this.onFullscreen = function () {
          fs.setAttribute("aria-pressed", document.fullscreenElement === container ? "true" : "false");
          setTimeout(function () {
            map.invalidateSize();
          }, 50);
        };
        document.addEventListener("fullscreenchange", this.onFullscreen);
      }
      this.ruler = this.addButton("", "Measure distance", function () {
        mapgen.measure(!mapgen.isMeasuring());
      });
      this.ruler.appendChild(dom.strokeIcon(RULER_ICON, "1.5"));
      this.ruler.setAttribute("aria-pressed", "false");
      map.on("mapgen:measure", this.measured, this);
      // dialogs are built on first use: nothing to pay for at load
      var about = null;
      var places = null;
      this.addButton("i", "About this map: sources, how to cite, licences", function () {
        about = about || mapgen.dialogs.about(config);
        about.showModal();
      });
      this.addButton("\u2630", "List of places (text alternative to the map)", function () {
        places = places || mapgen.dialogs.places(config);
        places.showModal();
      });
      return this.div;
    },

    onRemove: function (map) {
      if (this.onFullscreen) document.removeEventListener("fullscreenchange", this.onFullscreen);
      map.off("mapgen:measure", this.measured, this);
    },

    /* a tool: a button named by label (its text may be a symbol), at the end of the bar */
    addButton: function (text, label, onClick) {
      var b = dom.button("mg-tool", this.div, text);
      b.setAttribute("aria-label", label);
      b.title = label;
      b.addEventListener("click", onClick);
      return b;
    },

    measured: function (e) {
      this.ruler.setAttribute("aria-pressed", e.on ? "true" : "false");
      if (e.done) this.ruler.focus();
    }
  });
})(window.mapgen);
