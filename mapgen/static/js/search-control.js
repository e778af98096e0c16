/* search-control.js: find a place by any of its names (a combobox with a listbox of up to 8
   places; arrow keys, Enter, Escape). Choosing one shows it on the map. */
(function (mapgen) {
  "use strict";
  var dom = mapgen.dom, el = dom.el, fold = mapgen.fold;

  mapgen.SearchControl = L.Control.extend({
    options: { position: "topleft" },

    onAdd: function () {
      var index = null; // built on first use: nothing to pay for at load
      var div = dom.controlBox("mg-search", "search");
      var id = dom.nextId("mg-search");
      var listId = id + "-list";
      el("label", "mg-sr", div, "Find a place by any of its names").setAttribute("for", id);
      var input = el("input", "mg-search-input", div);
      input.id = id;
      input.type = "text";
      input.placeholder = "Find a place";
      input.autocomplete = "off";
      input.spellcheck = false;
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", listId);
      var list = el("ul", "mg-search-list", div);
      list.id = listId;
      list.setAttribute("role", "listbox");
      list.setAttribute("aria-label", "Matching places");
      list.hidden = true;
      var status = el("div", "mg-sr", div);
      status.setAttribute("role", "status");
      var results = [];
      var active = -1;
      function close() {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
      }
      function setActive(i) {
        var opts = list.children;
        for (var j = 0; j < opts.length; j++) opts[j].setAttribute("aria-selected", j === i ? "true" : "false");
        active = i;
        if (i >= 0 && opts[i]) input.setAttribute("aria-activedescendant", opts[i].id);
        else input.removeAttribute("aria-activedescendant");
      }
      function choose(i) {
        var row = results[i];
        if (!row) return;
        input.value = row.item.feature.properties.name;
        close();
        mapgen.showFeature(row.item);
      }
      function refresh() {
        index = index || mapgen.search.buildIndex(mapgen.layers);
        results = mapgen.search.find(input.value, index);
        list.textContent = "";
        results.forEach(function (row, i) {
          var p = row.item.feature.properties;
          var li = el("li", "mg-option", list);
          li.id = listId + "-" + i;
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", "false");
          el("span", "mg-option-name", li, p.label || p.name);
          if (fold.norm(row.name) !== fold.norm(p.name)) el("span", "mg-option-match", li, " (" + row.name + ")");
          li.addEventListener("mousedown", function (ev) {
            ev.preventDefault();
            choose(i);
          });
        });
        var open = results.length > 0;
        list.hidden = !open;
        input.setAttribute("aria-expanded", open ? "true" : "false");
        status.textContent = input.value ? results.length + (results.length === 1 ? " place found" : " places found") : "";
        setActive(open ? 0 : -1);
      }
      input.addEventListener("input", refresh);
      input.addEventListener("keydown", function (ev) {
        if (ev.key === "ArrowDown" && results.length) {
          ev.preventDefault();
          if (list.hidden) refresh();
          setActive((active + 1) % results.length);
        } else if (ev.key === "ArrowUp" && results.length) {
          ev.preventDefault();
          setActive((active - 1 + results.length) % results.length);
        } else if (ev.key === "Enter") {
          ev.preventDefault();
          if (results.length) choose(active < 0 ? 0 : active);
        } else if (ev.key === "Escape") {
          close();
        }
      });
      input.addEventListener("blur", function () {
        window.setTimeout(close, 150);
      });
      return div;
    },

    onRemove: function () {} // every listener is on the control's own elements, which go with it
  });
})(window.mapgen);
