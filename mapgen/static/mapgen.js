/* mapgen.js: our own small controls on Leaflet core (no plugins, no CDN).
   Popup and tooltip HTML arrives already escaped by mapgen's Python side; names
   and labels go through textContent or setAttribute, never innerHTML. */
(function () {
  "use strict";
  var mapgen = (window.mapgen = window.mapgen || {});
  mapgen.layers = []; // {key, name, groupName, group, style, geojson, items: [{feature, layer, visible}]}
  mapgen.bases = []; // {key, name, layer}
  mapgen.land = null; // the offline base layer (a FeatureGroup)
  var canvasRenderer = null;
  var uid = 0;
  // extensions in the files concatenated after this one (labels.js, tour.js, print.js) register here
  mapgen.onSetup = mapgen.onSetup || []; // fn(map, config): add controls, before the hash is restored
  mapgen.onReady = mapgen.onReady || []; // fn(map, config): after the hash is restored
  mapgen.hashParts = mapgen.hashParts || []; // fn() -> "key=value" or "", appended to the URL hash
  mapgen.onRestore = mapgen.onRestore || []; // fn(params) -> true if it used a parameter of the hash
  mapgen.el = el;

  function el(tag, cls, parent, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function nextId(prefix) {
    uid += 1;
    return prefix + "-" + uid;
  }

  /* "Sup'ung", "Sŭp'ung", "Lüshun" -> "supung", "supung", "lushun": search ignores
     case, diacritics, apostrophes (incl. the modifier letters of McCune-Reischauer),
     hyphens and spaces. */
  function norm(s) {
    return String(s || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u02b0-\u02ff\u2018-\u201f'`\u00b4]/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "");
  }
  mapgen.norm = norm;

  function markerIcon(style, radius) {
    if (radius) {
      // sized by a value (rule.size_by): a circle of that radius, still a focusable marker
      var d = Math.round(2 * radius);
      return L.divIcon({
        className: "mg-marker mg-sized mg-" + style.symbol,
        html: '<span style="background:' + style.color + ";width:" + d + "px;height:" + d + 'px"></span>',
        iconSize: [d + 4, d + 4],
        iconAnchor: [d / 2 + 2, d / 2 + 2],
        popupAnchor: [0, -d / 2],
        tooltipAnchor: [d / 2, 0]
      });
    }
    return L.divIcon({
      className: "mg-marker mg-" + style.symbol,
      html: '<span style="background:' + style.color + '"></span>',
      iconSize: [16, 16],
      iconAnchor: [8, 8],
      popupAnchor: [0, -8],
      tooltipAnchor: [8, 0]
    });
  }

  /* One layer's features. A layer with style.canvas draws its points as
     circleMarkers on one shared <canvas>: thousands stay fluid (no DOM node each).
     A feature with properties.radius (from rule.size_by) is drawn at that size. */
  mapgen.addPlaces = function (group, data, style) {
    var entry = { key: style.key, name: style.name || style.key, groupName: style.group, group: group, style: style, items: [] };
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var name = feature.properties.name;
        if (style.canvas) {
          canvasRenderer = canvasRenderer || L.canvas({ padding: 0.2 });
          return L.circleMarker(latlng, { renderer: canvasRenderer, radius: feature.properties.radius || 4, color: "#ffffff", weight: 1, fillColor: style.color, fillOpacity: 0.9 });
        }
        return L.marker(latlng, { icon: markerIcon(style, feature.properties.radius), title: name, alt: name, keyboard: true, riseOnHover: true });
      },
      style: function () {
        var area = style.symbol === "area";
        return {
          color: style.color,
          weight: area ? 2 : 3,
          opacity: 0.9,
          dashArray: style.dash || null,
          fillColor: style.color,
          fillOpacity: area ? 0.12 : 0.15
        };
      },
      onEachFeature: function (feature, lyr) {
        // narrower than the screen on phones, so a popup never runs off its side
        var w = Math.max(200, Math.min(340, (window.innerWidth || 400) - 70));
        lyr.bindPopup(feature.properties.popup, { maxWidth: w, maxHeight: 320 });
        lyr.bindTooltip(feature.properties.tip, { sticky: feature.geometry.type !== "Point" });
        lyr.on("add", function () {
          var node = lyr.getElement && lyr.getElement();
          if (!node || node.getAttribute("aria-label")) return;
          // markers are buttons already (Leaflet); an SVG shape needs a role to carry a name
          if (node.tagName.toLowerCase() === "path") node.setAttribute("role", "img");
          node.setAttribute("aria-label", feature.properties.label || feature.properties.name);
        });
        entry.items.push({ feature: feature, layer: lyr, visible: true, entry: entry });
      }
    });
    layer.addTo(group);
    entry.geojson = layer;
    mapgen.layers.push(entry);
    return layer;
  };

  mapgen.addBase = function (layer, info) {
    mapgen.bases.push({ key: info.key, name: info.name, layer: layer });
  };

  /* The offline land: under everything, not interactive, not focusable. */
  mapgen.addBaseLand = function (group, data, map) {
    if (map && !map.getPane("mgBase")) {
      var pane = map.createPane("mgBase");
      // under the tiles (200): online, the tiles cover it; offline (or "No tiles"), the
      // failed, empty tiles let it show, so the map is readable with no network at all
      pane.style.zIndex = 150;
      pane.style.pointerEvents = "none";
    }
    mapgen.land = group;
    L.geoJSON(data, {
      interactive: false,
      pane: "mgBase",
      style: function (f) {
        var border = f.properties && f.properties.kind === "border";
        return border
          ? { color: "#8c8c8c", weight: 1, fill: false, interactive: false }
          : { color: "#b5b5b5", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1, interactive: false };
      }
    }).addTo(group);
  };

  /* -- time ------------------------------------------------------------------- */

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* ISO years as readers write them: 1953, 676, 231 BCE (ISO year -230; 0 is 1 BCE) */
  function yearLabel(y) {
    return y <= 0 ? 1 - y + " BCE" : String(y);
  }

  function isoYear(y) {
    var a = String(Math.abs(y));
    while (a.length < 4) a = "0" + a;
    return (y < 0 ? "-" : "") + a;
  }

  /* "0676-01-01", "-0230-12-31" -> a number that sorts as the day does (strings do not:
     years of any length and BCE years) */
  function dayKey(iso) {
    var m = /^(-?)(\d+)-(\d\d)-(\d\d)$/.exec(iso || "");
    if (!m) return NaN;
    return (m[1] ? -1 : 1) * parseInt(m[2], 10) * 10000 + parseInt(m[3], 10) * 100 + parseInt(m[4], 10);
  }
  mapgen.dayKey = dayKey;

  function daysIn(y, m) {
    return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].indexOf(m) >= 0 ? 30 : 31;
  }

  /* slider value 0 = all dates; 1.. = months from January of the first year
     (or whole years, for a long span: step "year") */
  function monthOf(value, fromYear, step) {
    var i = value - 1;
    if (step === "year") {
      var yy = fromYear + i;
      return { first: isoYear(yy) + "-01-01", last: isoYear(yy) + "-12-31", label: yearLabel(yy), key: isoYear(yy) };
    }
    var y = fromYear + Math.floor(i / 12);
    var m = (i % 12) + 1;
    var first = isoYear(y) + "-" + pad(m);
    return { first: first + "-01", last: first + "-" + pad(daysIn(y, m)), label: MONTHS[m - 1] + " " + yearLabel(y), key: first };
  }

  /* A feature with an active period shows within it; one with dated events shows
     from its first event; an undated one always shows. Layers of lasting geography
     (cities, rivers: style.timed false) are not filtered. */
  function visibleAt(p, month) {
    if (!month) return true;
    var lo = dayKey(month.first), hi = dayKey(month.last);
    if (p.start || p.end) {
      return (!p.start || dayKey(p.start) <= hi) && (!p.end || dayKey(p.end) >= lo);
    }
    if (p.events && p.events.length) {
      var first = Math.min.apply(null, p.events.map(dayKey));
      return first <= hi;
    }
    return true;
  }

  function applyTime(month) {
    var shown = 0;
    mapgen.layers.forEach(function (entry) {
      entry.items.forEach(function (it) {
        var vis = entry.style.timed === false || visibleAt(it.feature.properties, month);
        if (vis && !it.visible) entry.geojson.addLayer(it.layer);
        if (!vis && it.visible) entry.geojson.removeLayer(it.layer);
        it.visible = vis;
        if (vis && mapgen.map.hasLayer(entry.group)) shown += 1;
      });
    });
    return shown;
  }

  function timeControl(map, cfg) {
    var from = cfg.from, to = cfg.to, step = cfg.step;
    var max = (to - from + 1) * (step === "year" ? 1 : 12);
    var Ctl = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var div = el("div", "mg-time leaflet-bar");
        div.setAttribute("role", "group");
        div.setAttribute("aria-label", "Time");
        var id = nextId("mg-time");
        var row = el("div", "mg-time-row", div);
        var label = el("label", "mg-time-label", row, "Date");
        label.setAttribute("for", id);
        var out = el("output", "mg-time-out", row, "All dates");
        out.setAttribute("for", id);
        out.setAttribute("aria-live", "polite");
        var input = el("input", "mg-time-input", div);
        input.type = "range";
        input.id = id;
        input.min = "0";
        input.max = String(max);
        input.step = "1";
        input.value = "0";
        input.setAttribute("aria-valuetext", "All dates");
        var scale = el("div", "mg-time-scale", div);
        scale.setAttribute("aria-hidden", "true");
        el("span", "", scale, yearLabel(from));
        el("span", "", scale, yearLabel(to));
        var allBtn = el("button", "mg-time-all", row, "All dates");
        allBtn.type = "button";
        function update() {
          var v = parseInt(input.value, 10) || 0;
          var month = v > 0 ? monthOf(v, from, step) : null;
          var shown = applyTime(month);
          var text = month ? month.label : "All dates";
          input.setAttribute("aria-valuetext", text);
          out.textContent = text + (month ? " \u00b7 " + shown + " shown" : "");
          allBtn.disabled = !month;
          mapgen.saveHash();
        }
        input.addEventListener("input", update);
        input.addEventListener("change", update);
        allBtn.addEventListener("click", function () {
          input.value = "0";
          update();
          input.focus();
        });
        mapgen.setTime = function (v) {
          input.value = String(Math.max(0, Math.min(max, v | 0)));
          update();
        };
        mapgen.getTime = function () {
          return parseInt(input.value, 10) || 0;
        };
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      }
    });
    return new Ctl();
  }

  /* -- grouped layer control (it is also the legend) ---------------------------- */

  function swatch(style, parent) {
    var sw = el("span", "mg-swatch mg-" + style.symbol + (style.dash ? " mg-dashed" : ""), parent);
    sw.style.setProperty("--mg-color", style.color);
    sw.setAttribute("aria-hidden", "true");
    return sw;
  }

  function layerControl(map, config) {
    var Ctl = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        var div = el("div", "mg-layers leaflet-bar");
        div.setAttribute("role", "region");
        div.setAttribute("aria-label", "Layers and legend");
        var bodyId = nextId("mg-layers-body");
        var toggle = el("button", "mg-layers-toggle", div, "Layers");
        toggle.type = "button";
        toggle.setAttribute("aria-controls", bodyId);
        var body = el("div", "mg-layers-body", div);
        body.id = bodyId;
        function setOpen(open) {
          toggle.setAttribute("aria-expanded", open ? "true" : "false");
          body.hidden = !open;
          div.classList.toggle("mg-open", open);
        }
        toggle.addEventListener("click", function () {
          setOpen(body.hidden);
          if (mapgen.fitPopups) mapgen.fitPopups();
        });
        var roomy = "(min-width: 700px) and (min-height: 480px)"; // room for the panel beside the map
        setOpen(window.matchMedia(roomy).matches);
        // on a phone the open panel covers other controls: it closes when you go elsewhere
        function closeIfElsewhere(ev) {
          if (!body.hidden && !div.contains(ev.target) && !window.matchMedia(roomy).matches) {
            setOpen(false);
            if (mapgen.fitPopups) mapgen.fitPopups();
          }
        }
        document.addEventListener("pointerdown", closeIfElsewhere, true);
        document.addEventListener("focusin", closeIfElsewhere);

        // bases: radios for the tiles (or none), a checkbox for the offline land
        var fsB = el("fieldset", "mg-group", body);
        el("legend", "", fsB, "Base maps");
        var radios = [];
        var baseName = nextId("mg-base");
        mapgen.bases.concat([{ key: "none", name: "No tiles (offline)", layer: null }]).forEach(function (b) {
          var lab = el("label", "mg-row", fsB);
          var r = el("input", "", lab);
          r.type = "radio";
          r.name = baseName;
          r.value = b.key;
          r.checked = b.layer ? map.hasLayer(b.layer) : false;
          el("span", "", lab, b.name);
          r.addEventListener("change", function () {
            if (r.checked) mapgen.setBase(b.key);
          });
          radios.push(r);
        });
        mapgen._baseRadios = radios;
        if (mapgen.land) {
          var labL = el("label", "mg-row", fsB);
          var cbL = el("input", "", labL);
          cbL.type = "checkbox";
          cbL.dataset.key = "offline-land";
          cbL.checked = map.hasLayer(mapgen.land);
          swatch({ symbol: "area", color: "#b5b5b5" }, labL);
          el("span", "", labL, "Offline land and borders");
          cbL.addEventListener("change", function () {
            mapgen.setLayer("offline-land", cbL.checked);
          });
        }
        // overlays by group, each with its legend swatch
        (config.groups || []).forEach(function (g) {
          var entries = mapgen.layers.filter(function (e) {
            return e.groupName === g;
          });
          if (!entries.length) return;
          var fs = el("fieldset", "mg-group", body);
          el("legend", "", fs, g);
          entries.forEach(function (e) {
            var lab = el("label", "mg-row", fs);
            var cb = el("input", "", lab);
            cb.type = "checkbox";
            cb.dataset.key = e.key;
            cb.checked = map.hasLayer(e.group);
            swatch(e.style, lab);
            el("span", "", lab, e.name);
            cb.addEventListener("change", function () {
              mapgen.setLayer(e.key, cb.checked);
            });
          });
        });
        mapgen._layersBody = body;
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      }
    });
    return new Ctl();
  }

  function syncChecks() {
    if (!mapgen._layersBody) return;
    var boxes = mapgen._layersBody.querySelectorAll("input[type=checkbox]");
    Array.prototype.forEach.call(boxes, function (cb) {
      cb.checked = mapgen.isLayerOn(cb.dataset.key);
    });
    (mapgen._baseRadios || []).forEach(function (r) {
      r.checked = r.value === mapgen.currentBase();
    });
  }

  function findEntry(key) {
    for (var i = 0; i < mapgen.layers.length; i++) if (mapgen.layers[i].key === key) return mapgen.layers[i];
    return null;
  }

  mapgen.isLayerOn = function (key) {
    if (key === "offline-land") return !!mapgen.land && mapgen.map.hasLayer(mapgen.land);
    var e = findEntry(key);
    return !!e && mapgen.map.hasLayer(e.group);
  };

  mapgen.setLayer = function (key, on) {
    var map = mapgen.map;
    var g = key === "offline-land" ? mapgen.land : (findEntry(key) || {}).group;
    if (!g) return;
    if (on && !map.hasLayer(g)) map.addLayer(g);
    if (!on && map.hasLayer(g)) map.removeLayer(g);
    syncChecks();
    mapgen.saveHash();
  };

  mapgen.currentBase = function () {
    for (var i = 0; i < mapgen.bases.length; i++) if (mapgen.map.hasLayer(mapgen.bases[i].layer)) return mapgen.bases[i].key;
    return "none";
  };

  mapgen.setBase = function (key) {
    var map = mapgen.map;
    mapgen.bases.forEach(function (b) {
      if (b.key === key && !map.hasLayer(b.layer)) map.addLayer(b.layer);
      if (b.key !== key && map.hasLayer(b.layer)) map.removeLayer(b.layer);
    });
    syncChecks();
    mapgen.saveHash();
  };

  /* -- search by any name variant ------------------------------------------------ */

  function buildIndex() {
    var index = [];
    mapgen.layers.forEach(function (entry) {
      entry.items.forEach(function (it) {
        var p = it.feature.properties;
        var names = [p.name].concat(p.names || []);
        var seen = {};
        names.forEach(function (n) {
          var k = norm(n);
          if (k && !seen[k]) {
            seen[k] = true;
            var words = String(n).split(/[\s\-\u2010-\u2015\/(),.]+/).map(norm).filter(Boolean);
            index.push({ key: k, words: words, name: n, item: it });
          }
        });
      });
    });
    return index;
  }

  function search(q, index) {
    var k = norm(q);
    if (!k) return [];
    var hits = [];
    var seen = [];
    index.forEach(function (row) {
      var pos = row.key.indexOf(k);
      if (pos < 0) return;
      // exact name, then names that start with it, then a word that does, then anywhere
      var rank = row.key === k ? 0 : pos === 0 ? 1 : row.words.some(function (w) { return w.indexOf(k) === 0; }) ? 2 : 3;
      var prev = seen.indexOf(row.item);
      if (prev >= 0) {
        if (rank < hits[prev].rank) hits[prev] = { rank: rank, row: row };
        return;
      }
      seen.push(row.item);
      hits.push({ rank: rank, row: row });
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || a.row.item.feature.properties.name.localeCompare(b.row.item.feature.properties.name);
    });
    return hits.slice(0, 8).map(function (h) {
      return h.row;
    });
  }

  /* Show a feature: turn its layer on, clear the date filter if it hides it,
     fly there and open its popup. */
  mapgen.showFeature = function (it) {
    var map = mapgen.map;
    if (!map.hasLayer(it.entry.group)) mapgen.setLayer(it.entry.key, true);
    if (!it.visible && mapgen.setTime) mapgen.setTime(0);
    var done = false;
    var token = (mapgen._shown = (mapgen._shown || 0) + 1);
    function open() {
      if (done || token !== mapgen._shown) return; // a later choice supersedes this one
      done = true;
      if (!map.hasLayer(it.layer)) return; // hidden again (another choice, the slider) before the flight ended
      // focus first (it shows the tooltip), then the popup (which closes the tooltip)
      var node = it.layer.getElement && it.layer.getElement();
      if (node && node.focus && it.feature.geometry.type === "Point") node.focus({ preventScroll: true });
      it.layer.openPopup();
    }
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    // End a running flight or popup autopan first: its moveend must not open this popup
    // half-way (Leaflet then autopans a popup that another one is replacing).
    map.closePopup();
    map.stop();
    if (reduce) {
      if (it.layer.getLatLng) map.setView(it.layer.getLatLng(), Math.max(map.getZoom(), 8), { animate: false });
      else if (it.layer.getBounds) map.fitBounds(it.layer.getBounds(), { maxZoom: 9, animate: false });
      open();
      return;
    }
    // Open in a task of its own: a moveend can fire inside another popup's autopan,
    // and replacing that popup there leaves Leaflet panning a closed popup.
    map.once("moveend", function () {
      window.setTimeout(open, 0);
    });
    if (it.layer.getLatLng) map.flyTo(it.layer.getLatLng(), Math.max(map.getZoom(), 8), { duration: 0.6 });
    else if (it.layer.getBounds) map.flyToBounds(it.layer.getBounds(), { maxZoom: 9, duration: 0.6 });
    window.setTimeout(open, 900);
  };

  function searchControl(map) {
    var Ctl = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var index = null;
        var div = el("div", "mg-search leaflet-bar");
        div.setAttribute("role", "search");
        var id = nextId("mg-search");
        var listId = id + "-list";
        var label = el("label", "mg-sr", div, "Find a place by any of its names");
        label.setAttribute("for", id);
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
          index = index || buildIndex();
          results = search(input.value, index);
          list.textContent = "";
          results.forEach(function (row, i) {
            var li = el("li", "mg-option", list);
            li.id = listId + "-" + i;
            li.setAttribute("role", "option");
            li.setAttribute("aria-selected", "false");
            el("span", "mg-option-name", li, row.item.feature.properties.label || row.item.feature.properties.name);
            if (norm(row.name) !== norm(row.item.feature.properties.name)) el("span", "mg-option-match", li, " (" + row.name + ")");
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
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      }
    });
    return new Ctl();
  }

  /* -- toolbar: fullscreen, About, list of places (dialogs) ------------------------ */

  function dialog(titleText, className) {
    var d = el("dialog", "mg-dialog " + className, document.body);
    var titleId = nextId("mg-dialog-title");
    d.setAttribute("aria-labelledby", titleId);
    var head = el("div", "mg-dialog-head", d);
    var h = el("h2", "", head, titleText);
    h.id = titleId;
    var closeBtn = el("button", "mg-dialog-close", head, "Close");
    closeBtn.type = "button";
    closeBtn.addEventListener("click", function () {
      d.close();
    });
    var body = el("div", "mg-dialog-body", d);
    return { dialog: d, body: body };
  }

  function aboutDialog(config) {
    var dlg = dialog("About this map", "mg-about");
    // config.about is built by mapgen's Python side with every text escaped
    dlg.body.innerHTML = config.about || "";
    var h = dlg.body.querySelector("#mg-about-title");
    if (h) h.remove();
    var url = dlg.body.querySelector(".mg-url");
    if (url && /^https?:/.test(location.protocol)) url.textContent = "Available at " + location.href.split("#")[0];
    return dlg.dialog;
  }

  function placesDialog(config) {
    var dlg = dialog("List of places", "mg-places");
    var intro = el("p", "", dlg.body, "Every place and area on the map, by layer. Open one to read its description and sources, or show it on the map.");
    intro.className = "mg-intro";
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
          var li = el("li", "", ul);
          var det = el("details", "", li);
          el("summary", "", det, it.feature.properties.label || it.feature.properties.name);
          var content = el("div", "mg-place-popup", det);
          content.innerHTML = it.feature.properties.popup; // escaped by mapgen's Python side
          var btn = el("button", "mg-show", det, "Show on map");
          btn.type = "button";
          btn.setAttribute("aria-label", "Show on map: " + (it.feature.properties.name || "")); // starts with the visible text (WCAG 2.5.3)
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
        var det = el("details", "", el("li", "", ulU));
        el("summary", "", det, u.name + " (not located)");
        el("div", "mg-place-popup", det).innerHTML = u.popup; // escaped by mapgen's Python side
      });
    }
    return dlg.dialog;
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

  function fullscreenIcon() {
    return strokeIcon("M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5", "2");
  }

  /* Keep the bottom-left controls (time slider, scale) clear of the attribution
     when a narrow screen makes the attribution run under them. */
  function keepClearOfAttribution(map) {
    var corner = map._controlCorners && map._controlCorners.bottomleft;
    var attr = map.attributionControl && map.attributionControl.getContainer();
    if (!corner || !attr) return;
    function update() {
      corner.style.bottom = "";
      var a = attr.getBoundingClientRect();
      var c = corner.getBoundingClientRect();
      if (a.width && c.width && a.left < c.right && a.top < c.bottom) corner.style.bottom = Math.ceil(a.height) + "px";
    }
    map.on("resize layeradd layerremove", function () {
      window.setTimeout(update, 0);
    });
    window.addEventListener("resize", update);
    update();
  }

  /* Popups pan into the space the controls leave free: beside them on wide
     screens, below and above them on phones. */
  function fitPopupsBetweenControls(map) {
    function update() {
      var corners = map._controlCorners;
      if (!corners) return;
      var c = map.getContainer().getBoundingClientRect();
      var tl = corners.topleft.getBoundingClientRect();
      var tr = corners.topright.getBoundingClientRect();
      var bl = corners.bottomleft.getBoundingClientRect();
      var o = L.Popup.prototype.options; // bound popups inherit these
      if (c.width < 700) {
        o.autoPanPaddingTopLeft = L.point(5, Math.max(tl.bottom, tr.bottom) - c.top + 8);
        o.autoPanPaddingBottomRight = L.point(5, Math.max(0, c.bottom - bl.top) + 8);
      } else {
        o.autoPanPaddingTopLeft = L.point(tl.right - c.left + 8, 10);
        o.autoPanPaddingBottomRight = L.point(Math.max(0, c.right - tr.left) + 8, 10);
      }
    }
    mapgen.fitPopups = update;
    window.addEventListener("resize", update);
    map.on("popupopen", function (e) {
      var src = e.popup && e.popup._source;
      if (src && src.closeTooltip) src.closeTooltip(); // the popup says it all
    });
    update();
  }

  function rulerIcon() {
    return strokeIcon("M1 11 11 1l4 4L5 15zM4 8l1.5 1.5M6 6l2 2M8 4l1.5 1.5M10 2l2 2", "1.5");
  }

  /* -- measure: click the map (or press Enter on it: the crosshair marks the
     centre) to add points; great-circle distances on a sphere (Leaflet's
     map.distance, within 0.5 % of the ellipsoid) ------------------------------ */

  var measuring = { active: false, points: [], line: null, dots: null, panel: null, button: null };

  function formatKm(m) {
    var km = m / 1000;
    var mi = m / 1609.344;
    return (km < 10 ? km.toFixed(1) : Math.round(km).toLocaleString("en")) + " km (" + (mi < 10 ? mi.toFixed(1) : Math.round(mi).toLocaleString("en")) + " mi)";
  }

  function measurePanel(map) {
    var Ctl = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var div = el("div", "mg-measure leaflet-bar");
        div.setAttribute("role", "group");
        div.setAttribute("aria-label", "Measure distance");
        var out = el("p", "mg-measure-out", div, "");
        out.setAttribute("role", "status");
        out.setAttribute("aria-live", "polite");
        var row = el("div", "mg-measure-row", div);
        var clear = el("button", "", row, "Clear");
        clear.type = "button";
        clear.addEventListener("click", function () {
          measuring.points = [];
          redraw(map);
        });
        var done = el("button", "", row, "Done");
        done.type = "button";
        done.addEventListener("click", function () {
          mapgen.measure(false);
          if (measuring.button) measuring.button.focus();
        });
        measuring.out = out;
        L.DomEvent.disableClickPropagation(div);
        return div;
      }
    });
    return new Ctl();
  }

  function redraw(map) {
    var pts = measuring.points;
    measuring.line.setLatLngs(pts);
    measuring.dots.clearLayers();
    pts.forEach(function (p) {
      L.circleMarker(p, { radius: 3, color: "#111", weight: 2, fillColor: "#fff", fillOpacity: 1, interactive: false }).addTo(measuring.dots);
    });
    var total = 0;
    for (var i = 1; i < pts.length; i++) total += map.distance(pts[i - 1], pts[i]);
    measuring.out.textContent = pts.length < 2 ? "Click the map, or press Enter on it, to add points" + (pts.length ? " (1 point)" : "") : "Distance: " + formatKm(total);
    mapgen.measuredMetres = total;
  }

  mapgen.measure = function (on) {
    var map = mapgen.map;
    if (on === measuring.active) return;
    measuring.active = on;
    var container = map.getContainer();
    container.classList.toggle("mg-measuring", on);
    if (measuring.button) measuring.button.setAttribute("aria-pressed", on ? "true" : "false");
    if (on) {
      measuring.points = [];
      measuring.line = L.polyline([], { color: "#111", weight: 2, dashArray: "6 4", interactive: false }).addTo(map);
      measuring.dots = L.layerGroup().addTo(map);
      measuring.panel = measurePanel(map).addTo(map);
      measuring.cross = el("div", "mg-crosshair", container);
      measuring.cross.setAttribute("aria-hidden", "true");
      redraw(map);
    } else {
      map.removeLayer(measuring.line);
      map.removeLayer(measuring.dots);
      measuring.panel.remove();
      measuring.cross.remove();
    }
    if (mapgen.fitPopups) mapgen.fitPopups();
  };

  function addMeasurePoint(latlng) {
    mapgen.map.closePopup();
    measuring.points.push(latlng);
    redraw(mapgen.map);
  }

  function toolbar(map, config) {
    var Ctl = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var div = el("div", "mg-toolbar leaflet-bar");
        div.setAttribute("role", "group");
        div.setAttribute("aria-label", "Map tools");
        function button(text, label, onClick) {
          var b = el("button", "mg-tool", div, text);
          b.type = "button";
          b.setAttribute("aria-label", label);
          b.title = label;
          b.addEventListener("click", onClick);
          return b;
        }
        var container = map.getContainer();
        if (document.fullscreenEnabled && container.requestFullscreen) {
          var fs = button("", "Full screen", function () {
            if (document.fullscreenElement) document.exitFullscreen();
            else container.requestFullscreen();
          });
          fs.appendChild(fullscreenIcon());
          fs.setAttribute("aria-pressed", "false");
          document.addEventListener("fullscreenchange", function () {
            var on = document.fullscreenElement === container;
            fs.setAttribute("aria-pressed", on ? "true" : "false");
            setTimeout(function () {
              map.invalidateSize();
            }, 50);
          });
        }
        var ruler = button("", "Measure distance", function () {
          mapgen.measure(!measuring.active);
        });
        ruler.appendChild(rulerIcon());
        ruler.setAttribute("aria-pressed", "false");
        measuring.button = ruler;
        // dialogs are built on first use: nothing to pay for at load
        var about = null;
        var places = null;
        button("i", "About this map: sources, how to cite, licences", function () {
          about = about || aboutDialog(config);
          about.showModal();
        });
        button("\u2630", "List of places (text alternative to the map)", function () {
          places = places || placesDialog(config);
          places.showModal();
        });
        L.DomEvent.disableClickPropagation(div);
        return div;
      }
    });
    return new Ctl();
  }

  /* -- URL hash: view, visible layers, base, date --------------------------------- */

  var restoring = false;

  mapgen.saveHash = function () {
    var map = mapgen.map;
    if (!map || restoring || !mapgen._ready) return;
    var c = map.getCenter();
    var on = mapgen.layers
      .filter(function (e) {
        return map.hasLayer(e.group);
      })
      .map(function (e) {
        return e.key;
      });
    if (mapgen.land && map.hasLayer(mapgen.land)) on.push("offline-land");
    var parts = ["map=" + map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4), "layers=" + on.join(","), "base=" + mapgen.currentBase()];
    var t = mapgen.getTime ? mapgen.getTime() : 0;
    if (t) parts.push("date=" + monthOf(t, mapgen.config.time.from, mapgen.config.time.step).key);
    mapgen.hashParts.forEach(function (fn) {
      var part = fn();
      if (part) parts.push(part);
    });
    var hash = "#" + parts.join("&");
    if (location.hash !== hash) {
      try {
        history.replaceState(null, "", hash);
      } catch (err) {
        location.hash = hash; // some sandboxed iframes forbid replaceState
      }
    }
  };

  /* The hash is input like any other: a share link may be truncated, mistyped or made to break the page.
     Each part is decoded and checked alone; what cannot be used is ignored, the rest still applies. */
  var HASH_MAX_CHARS = 4000;

  function decodePart(s) {
    try {
      return decodeURIComponent(s);
    } catch (e) {
      return null; // a malformed percent-escape: this part is ignored
    }
  }

  mapgen.parseHash = function (hash) {
    var params = Object.create(null);
    String(hash || "")
      .slice(0, HASH_MAX_CHARS)
      .replace(/^#/, "")
      .split("&")
      .forEach(function (kv) {
        var i = kv.indexOf("=");
        if (i <= 0) return;
        var k = decodePart(kv.slice(0, i));
        var v = decodePart(kv.slice(i + 1));
        if (k !== null && v !== null) params[k] = v;
      });
    var out = { params: params };
    if (typeof params.layers === "string") {
      var want = params.layers.split(",");
      var known = function (k) {
        return k === "offline-land" || (mapgen.layers || []).some(function (e) { return e.key === k; });
      };
      // "layers=" (all off) is a view; a list naming no layer of this map cannot be used
      if (params.layers === "" || want.some(known)) out.layers = want;
    }
    if (typeof params.base === "string" && (params.base === "none" || (mapgen.bases || []).some(function (b) { return b.key === params.base; }))) out.base = params.base;
    var ym = /^(-?\d{4,6})(?:-(\d{2}))?$/.exec(params.date || "");
    var t = mapgen.config && mapgen.config.time;
    if (ym && t) {
      var year = parseInt(ym[1], 10), month = ym[2] ? parseInt(ym[2], 10) : 1;
      if (month >= 1 && month <= 12 && year >= t.from && year <= t.to) {
        out.date = t.step === "year" ? year - t.from + 1 : (year - t.from) * 12 + month;
      }
    }
    var v = /^(\d{1,2}(?:\.\d{1,4})?)\/(-?\d{1,3}(?:\.\d{1,10})?)\/(-?\d{1,4}(?:\.\d{1,10})?)$/.exec(params.map || "");
    if (v) {
      var z = Number(v[1]), lat = Number(v[2]), lon = Number(v[3]);
      var map = mapgen.map;
      var minZ = map && isFinite(map.getMinZoom()) ? map.getMinZoom() : 0;
      var maxZ = map && isFinite(map.getMaxZoom()) ? map.getMaxZoom() : 18;
      lon = ((((lon + 180) % 360) + 360) % 360) - 180; // a view panned round the world still restores
      if (z >= minZ && z <= maxZ && lat >= -90 && lat <= 90) out.map = [z, lat, lon];
    }
    return out;
  };

  mapgen.restoreHash = function (hash) {
    var map = mapgen.map;
    var h = mapgen.parseHash(hash);
    function extensions() {
      var used = false;
      mapgen.onRestore.forEach(function (fn) {
        try {
          used = fn(h.params) || used;
        } catch (e) {
          // an extension that cannot use its part of a hostile hash must not stop the page
        }
      });
      return used;
    }
    if (!h.map && !h.layers && !h.base && h.date === undefined) return extensions();
    restoring = true;
    try {
      if (h.layers) {
        mapgen.layers.forEach(function (e) {
          mapgen.setLayer(e.key, h.layers.indexOf(e.key) >= 0);
        });
        if (mapgen.land) mapgen.setLayer("offline-land", h.layers.indexOf("offline-land") >= 0);
      }
      if (h.base) mapgen.setBase(h.base);
      if (h.date !== undefined && mapgen.setTime) mapgen.setTime(h.date);
      if (h.map) map.setView([h.map[1], h.map[2]], h.map[0], { animate: false });
    } finally {
      restoring = false;
    }
    extensions();
    return true;
  };

  /* -- setup ---------------------------------------------------------------- */

  mapgen.setup = function (map, config) {
    mapgen.map = map;
    mapgen.config = config;
    if (map.attributionControl) map.attributionControl.setPrefix('<a href="https://leafletjs.com" title="A JavaScript library for interactive maps">Leaflet</a>');
    if (mapgen.land && config.naturalEarth) {
      // credit Natural Earth only while its land is shown
      map.on("layeradd layerremove", function () {
        var on = map.hasLayer(mapgen.land);
        if (on !== mapgen._neCredited) {
          if (on) map.attributionControl.addAttribution(config.naturalEarth);
          else map.attributionControl.removeAttribution(config.naturalEarth);
          mapgen._neCredited = on;
        }
      });
      if (map.hasLayer(mapgen.land)) {
        map.attributionControl.addAttribution(config.naturalEarth);
        mapgen._neCredited = true;
      }
    }
    searchControl(map).addTo(map);
    toolbar(map, config).addTo(map);
    layerControl(map, config).addTo(map);
    if (config.time) timeControl(map, config.time).addTo(map);
    // Tab order: the layer control first, then search and tools, then the markers
    var cc = map._controlContainer;
    if (cc && map._controlCorners) {
      cc.insertBefore(map._controlCorners.topright, cc.firstChild);
      map.getContainer().insertBefore(cc, map.getContainer().firstChild);
    }
    keepClearOfAttribution(map);
    map.on("click", function (e) {
      if (measuring.active) addMeasurePoint(e.latlng);
    });
    map.getContainer().addEventListener("keydown", function (e) {
      if (!measuring.active) return;
      if (e.target === map.getContainer() && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        addMeasurePoint(map.getCenter());
      } else if (e.key === "Escape") {
        mapgen.measure(false);
      }
    });
    fitPopupsBetweenControls(map);
    mapgen.onSetup.forEach(function (fn) {
      fn(map, config);
    });
    var restored = mapgen.restoreHash(location.hash);
    mapgen._ready = true;
    map.on("moveend", mapgen.saveHash);
    window.addEventListener("hashchange", function () {
      mapgen.restoreHash(location.hash);
    });
    if (!restored && config.focus) {
      mapgen.layers.forEach(function (e) {
        e.items.forEach(function (it) {
          if (it.feature.id === config.focus) it.layer.openPopup();
        });
      });
    }
    map.getContainer().setAttribute("aria-label", "Map: " + (config.title || "mapgen"));
    map.getContainer().setAttribute("role", "main"); // the map is the page's main content
    var h1 = el("h1", "mg-sr", null, config.title || "Map");
    map.getContainer().insertBefore(h1, map.getContainer().firstChild);
    mapgen.onReady.forEach(function (fn) {
      fn(map, config);
    });
    mapgen.readyMs = Math.round(window.performance ? performance.now() : 0); // for the speed tests
  };
})();
