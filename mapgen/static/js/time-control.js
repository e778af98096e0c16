/* time-control.js: the time slider. 0 shows every date; each step a month (or a year, for a
   long span) of config.time. It sets the date through mapgen.setTime and shows what the map
   fires back ("mapgen:state", what "time"): the period and how many features it shows. */
(function (mapgen) {
  "use strict";
  var dom = mapgen.dom, el = dom.el, time = mapgen.time;

  mapgen.TimeControl = L.Control.extend({
    options: { position: "bottomleft", time: null }, // time: {from, to, step}

    onAdd: function (map) {
      var cfg = this.options.time;
      var div = dom.controlBox("mg-time", "group", "Time");
      var id = dom.nextId("mg-time");
      var row = el("div", "mg-time-row", div);
      el("label", "mg-time-label", row, "Date").setAttribute("for", id);
      var out = el("output", "mg-time-out", row, "All dates");
      out.setAttribute("for", id);
      out.setAttribute("aria-live", "polite");
      var input = el("input", "mg-time-input", div);
      input.type = "range";
      input.id = id;
      input.min = "0";
      input.max = String(time.steps(cfg));
      input.step = "1";
      input.value = "0";
      input.setAttribute("aria-valuetext", "All dates");
      var scale = el("div", "mg-time-scale", div);
      scale.setAttribute("aria-hidden", "true");
      el("span", "", scale, time.yearLabel(cfg.from));
      el("span", "", scale, time.yearLabel(cfg.to));
      var all = dom.button("mg-time-all", row, "All dates");
      all.disabled = true;
      function moved() {
        mapgen.setTime(parseInt(input.value, 10) || 0);
      }
      input.addEventListener("input", moved);
      input.addEventListener("change", moved);
      all.addEventListener("click", function () {
        mapgen.setTime(0);
        input.focus();
      });
      this.parts = { input: input, out: out, all: all };
      map.on("mapgen:state", this.show, this);
      if (mapgen.getTime()) this.show({ what: "time", period: mapgen.period(), shown: mapgen.shownCount() }); // added back
      return div;
    },

    onRemove: function (map) {
      map.off("mapgen:state", this.show, this);
      this.parts = null;
    },

    show: function (e) {
      if (e.what !== "time") return;
      var p = this.parts, per = e.period;
      var text = per ? per.label : "All dates";
      p.input.value = String(mapgen.getTime());
      p.input.setAttribute("aria-valuetext", text);
      p.out.textContent = text + (per ? " \u00b7 " + e.shown + " shown" : "");
      p.all.disabled = !per;
    }
  });
})(window.mapgen);
