/* mapapp's behaviour of the web map, run once per base map.
 *
 * Place layers come and go (the app's frame swaps them when the layer switches change), so
 * everything here is recomputed from the layers on the map: overlapping point markers are
 * spread apart with a leg to their true position (every marker stays clickable, none covers
 * another), point places get labels that give way to the names of more often named places,
 * features are reachable by keyboard, the legend shows only the layers on the map, and places
 * the opening view leaves out get a badge at the edge that flies there, a click on a feature
 * tells the page which place it stands for, and a click on the empty map asks the page to let
 * go of the selection. The chosen places' rings and outlines come from the page (app/bridge,
 * "mapapp-highlight") and are drawn apart from the place layers, so a click redraws only them.
 * Where markers, labels and badges go is layout.js's (loaded first).
 * Usage: window.mapappInit(map, cfg, css).
 */
(function () {
  "use strict";
  if (window.mapappInit) { return; }
  var GAP = 3;          // px between spread markers
  var EDGE = 8;         // px between an off-map badge and the map's edge
  var MAX_LABELS = 250; // labels tried per view, most named first (each costs a layout)

  function props(l) { return l.feature && l.feature.properties; }
  function isPoint(l) { return typeof l.getLatLng === "function" && typeof l.getRadius === "function"; }
  function plain(html) { var d = document.createElement("div"); d.innerHTML = html; return d.textContent; }
  var layout = window.mapappLayout;  // layout.js: where markers, labels and badges go

  function addStyle(css) {
    // Inline for a standalone page; the app's frame links map.css and passes none.
    if (!css || document.getElementById("mapapp-map-css")) { return; }
    var el = document.createElement("style");
    el.id = "mapapp-map-css";
    el.textContent = css;
    document.head.appendChild(el);
  }

  function init(map, cfg, css) {
    addStyle(css);
    var state = {labels: true, pending: false, legs: L.layerGroup(), offBox: null, obstacles: [],
                 fitting: false, fitted: null, focusId: null};
    var container = map.getContainer();
    container.classList.add("mapapp-map", "mapapp-theme-" + cfg.theme);
    try { state.labels = window.localStorage.getItem("mapapp-labels") !== "off"; } catch (e) { /* storage blocked */ }
    map.createPane("mapappLegs").style.zIndex = 395;
    map.createPane("mapappLabels").style.zIndex = 450;
    map.createPane("mapappSelection").style.zIndex = 660;
    state.legs._mapappOwn = true;
    state.legs.addTo(map);
    state.offBox = L.DomUtil.create("div", "mapapp-offmap-box", container);
    var selection = L.layerGroup();
    selection._mapappOwn = true;
    selection.addTo(map);

    function features() {
      var out = [];
      map.eachLayer(function (l) { var p = props(l); if (p && p.id) { out.push(l); } });
      return out;
    }

    function home(latlng) {
      // Frames that wrap the antimeridian show points west of it one world to the east.
      if (!cfg.wrap) { return latlng; }
      var c = (cfg.frame[0][1] + cfg.frame[1][1]) / 2;
      var lng = Math.abs(latlng.lng + 360 - c) < Math.abs(latlng.lng - c) ? latlng.lng + 360 : latlng.lng;
      return L.latLng(latlng.lat, lng);
    }

    function radius(l) { return l.getRadius() + (l.options.weight || 0) / 2; }

    function spread(points) {
      state.legs.clearLayers();
      if (!points.length) { return; }
      var items = points.map(function (l) {
        return {l: l, p: map.latLngToLayerPoint(l._mapappHome), r: radius(l), rank: props(l).mention_count};
      });
      layout.touchingGroups(items, GAP).forEach(function (group) {
        if (group.length === 1) { moveTo(group[0].l, group[0].l._mapappHome); return; }
        layout.ring(group, GAP).forEach(function (spot) {
          var it = spot[0], at = map.layerPointToLatLng(spot[1]);
          moveTo(it.l, at);
          L.polyline([it.l._mapappHome, at], {pane: "mapappLegs", interactive: false,
            className: "mapapp-leg", weight: 1.5}).addTo(state.legs);
        });
      });
    }

    function moveTo(l, latlng) { if (!l.getLatLng().equals(latlng)) { l.setLatLng(latlng); } }

    function followRings(points) {
      var byId = {};
      points.forEach(function (l) { byId[props(l).id] = l; });
      map.eachLayer(function (l) {
        var id = l.options && l.options.mapappRing;
        if (id && byId[id]) { moveTo(l, byId[id].getLatLng()); }
      });
    }

    function drawHighlight(json) {
      // The chosen places' rings and outlines (mapview.highlight, handed over by the page's
      // bridge), in place of the last ones; the place layers are not touched.
      selection.clearLayers();
      var found = null;
      try { found = JSON.parse(json || "null"); } catch (err) { found = null; }
      ((found && found.features) || []).forEach(function (f) {
        var style = f.properties.style, layer;
        if (f.geometry.type === "Point") {
          var c = f.geometry.coordinates;
          layer = L.circleMarker(home(L.latLng(c[1], c[0])), style);
        } else {
          layer = L.geoJSON(f.geometry, L.extend({style: function () { return style; }}, style));
          layer.eachLayer(function (part) { part._mapappOwn = true; });
        }
        layer._mapappOwn = true;
        selection.addLayer(layer);
      });
      followRings(features().filter(isPoint));
    }

    function placeLabels(points) {
      var pane = map.getPane("mapappLabels");
      pane.textContent = "";
      var view = map.getBounds().pad(0.1);
      var shown = points.filter(function (l) { return view.contains(l.getLatLng()); });
      var marks = shown.map(function (l) {
        var p = map.latLngToLayerPoint(l.getLatLng()), r = radius(l);
        return {l: l, p: p, r: r, box: {x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r}};
      });
      var taken = [], size = map.getSize(), origin = map.containerPointToLayerPoint([0, 0]);
      state.obstacles = marks.map(function (m) {
        return {x: m.box.x - origin.x, y: m.box.y - origin.y, w: m.box.w, h: m.box.h};
      });
      if (!state.labels) { return; }
      function inside(b) { return b.x >= origin.x && b.y >= origin.y && b.x + b.w <= origin.x + size.x && b.y + b.h <= origin.y + size.y; }
      marks.slice().sort(function (a, b) {
        return props(b.l).mention_count - props(a.l).mention_count || b.r - a.r;
      }).slice(0, MAX_LABELS).forEach(function (m) {
        var el = L.DomUtil.create("div", "mapapp-label", pane);
        el.textContent = props(m.l).name;
        var w = el.offsetWidth, h = el.offsetHeight;
        var free = layout.labelSpot(m.p, m.r + 2, w, h, function (b) {
          return inside(b) && !taken.some(function (t) { return layout.boxesOverlap(b, t); })
            && !marks.some(function (o) { return o !== m && layout.boxesOverlap(b, o.box); });
        });
        if (!free) { pane.removeChild(el); return; }
        taken.push(free);
        state.obstacles.push({x: free.x - origin.x, y: free.y - origin.y, w: w, h: h});
        L.DomUtil.setPosition(el, L.point(Math.round(free.x), Math.round(free.y)));
      });
    }

    function tellPage(type, detail) {
      var parentDoc;
      try { parentDoc = window.parent.document; } catch (err) { return false; /* a page of another origin */ }
      parentDoc.dispatchEvent(new CustomEvent(type, {detail: detail}));
      return true;
    }

    function makeClickable(l) {
      // A click on a feature (or Enter/Space on it, below) tells the page's bridge at once which
      // place it stands for ("mapapp-feature-click"); the map's frame itself sends nothing back.
      if (l._mapappClick || l.options.interactive === false) { return; }
      l._mapappClick = true;
      l.on("click", function () { tellPage("mapapp-feature-click", {id: String(props(l).id)}); });
    }

    function makeReachable(l) {
      var el = l.getElement && l.getElement();
      if (!el || el.getAttribute("data-mapapp-key")) { return; }
      var p = props(l);
      el.setAttribute("data-mapapp-key", "1");
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", plain(p.label) + ", " + (cfg.layers[p.layer] || p.layer));
      el.addEventListener("keydown", function (e) {
        if (e.key !== "Enter" && e.key !== " ") { return; }
        e.preventDefault();
        state.focusId = p.id;
        var at = isPoint(l) ? l.getLatLng() : l.getBounds().getCenter();
        // The same click a pointer makes, so the page hears of the feature alike.
        l.fire("click", {latlng: at, layerPoint: map.latLngToLayerPoint(at),
          containerPoint: map.latLngToContainerPoint(at), originalEvent: e}, true);
      });
    }

    function legendToggle(legend) {
      // On a small map the legend folds to one button instead of covering a fifth of it.
      var b = L.DomUtil.create("button", "mapapp-legend-toggle");
      b.type = "button";
      b.textContent = cfg.text.legend;
      legend.insertBefore(b, legend.firstChild);
      var small = map.getSize().x < 520 || map.getSize().y < 480;
      function show(open) {
        legend.classList.toggle("mapapp-legend-folded", !open);
        b.setAttribute("aria-expanded", String(open));
      }
      show(!small);
      L.DomEvent.disableClickPropagation(legend);
      b.addEventListener("click", function () { show(legend.classList.contains("mapapp-legend-folded")); });
    }

    function refocus(all) {
      // A selection by keyboard reruns the app, which redraws the features: give the focus back
      // to the feature chosen, so Tab goes on from there.
      if (!state.focusId || (document.activeElement && document.activeElement !== document.body)) { return; }
      var again = all.filter(function (l) { return props(l).id === state.focusId && l.getElement; })[0];
      if (again && again.getElement()) { again.getElement().focus({preventScroll: true}); }
    }

    function syncLegend(layers) {
      var legend = container.querySelector(".mapapp-legend");
      if (!legend) { return; }
      if (!legend.querySelector(".mapapp-legend-toggle")) { legendToggle(legend); }
      var any = false;
      legend.querySelectorAll("[data-layer]").forEach(function (row) {
        row.hidden = !layers[row.getAttribute("data-layer")];
        any = any || !row.hidden;
      });
      legend.hidden = !any;
    }

    function offMap(ids) {
      state.offBox.textContent = "";
      var size = map.getSize(), view = map.getBounds(), mid = size.divideBy(2);
      var used = [];
      cfg.outside.forEach(function (o) {
        var ll = home(L.latLng(o.lat, o.lon));
        if (!ids[o.id] || view.contains(ll)) { return; }
        var d = map.latLngToContainerPoint(ll).subtract(mid);
        var scale = Math.min((mid.x - EDGE) / Math.max(Math.abs(d.x), 1e-9), (mid.y - EDGE) / Math.max(Math.abs(d.y), 1e-9));
        var b = L.DomUtil.create("button", "mapapp-offmap", state.offBox);
        b.type = "button";
        var arrow = L.DomUtil.create("span", "mapapp-offmap-arrow", b);
        arrow.textContent = "\u27a4";
        arrow.style.transform = "rotate(" + Math.atan2(d.y, d.x) + "rad)";
        arrow.setAttribute("aria-hidden", "true");
        L.DomUtil.create("span", "", b).textContent = o.name;
        b.setAttribute("aria-label", o.name + " " + cfg.text.outside);
        b.title = cfg.text.outside;
        var w = b.offsetWidth, h = b.offsetHeight;
        var x = Math.min(Math.max(mid.x + d.x * scale - w / 2, EDGE), size.x - w - EDGE);
        var y = Math.min(Math.max(mid.y + d.y * scale - h / 2, EDGE), size.y - h - EDGE);
        var spot = layout.edgeSpot(x, y, w, h, size, used.concat(state.obstacles), EDGE);
        used.push(spot);
        b.style.left = spot.x + "px";
        b.style.top = spot.y + "px";
        L.DomEvent.disableClickPropagation(b);
        b.addEventListener("click", function () { map.flyToBounds(o.bounds, {padding: [24, 24], maxZoom: 6}); });
      });
    }

    function near(view) {
      // Within a pixel: a resize keeps the centre only to the nearest pixel (at zoom 2 a tenth
      // of a degree), and the view it leaves is still the fitted one, to be refitted.
      if (Math.abs(map.getZoom() - view[2]) > 1e-6) { return false; }
      return map.project(map.getCenter(), view[2]).distanceTo(map.project([view[0], view[1]], view[2])) <= 1;
    }

    function fitOpening() {
      // The opening view Python chose for an estimated size, refitted at the map's real size;
      // once the reader (or the app) moves the map, it is theirs.
      if (!(near(cfg.open) || (state.fitted && near(state.fitted)))) { return; }
      state.fitting = true;
      map.fitBounds(cfg.frame, {padding: [24, 24], maxZoom: cfg.maxZoom, animate: false});
      state.fitting = false;
      var c = map.getCenter();
      state.fitted = [c.lat, c.lng, map.getZoom()];
    }

    function update() {
      state.pending = false;
      if (cfg.fit) { fitOpening(); }
      var all = features(), layers = {}, ids = {};
      var points = all.filter(isPoint);
      all.forEach(function (l) {
        layers[props(l).layer] = true; ids[props(l).id] = true; makeClickable(l); makeReachable(l);
      });
      refocus(all);
      points.forEach(function (l) { if (!l._mapappHome) { l._mapappHome = home(l.getLatLng()); } });
      spread(points);
      followRings(points);
      placeLabels(points);
      syncLegend(layers);
      offMap(ids);
    }

    function schedule(e) {
      if ((e && e.layer && (e.layer._mapappOwn || e.layer.options.pane === "mapappLegs")) || state.pending) { return; }
      state.pending = true;
      setTimeout(update, 0);
    }

    var Toggle = L.Control.extend({
      options: {position: "topright"},
      onAdd: function () {
        var b = L.DomUtil.create("button", "mapapp-label-toggle");
        b.type = "button";
        b.textContent = cfg.text.labels;
        b.setAttribute("aria-pressed", String(state.labels));
        L.DomEvent.disableClickPropagation(b);
        b.addEventListener("click", function () {
          state.labels = !state.labels;
          b.setAttribute("aria-pressed", String(state.labels));
          try { window.localStorage.setItem("mapapp-labels", state.labels ? "on" : "off"); } catch (e) { /* storage blocked */ }
          update();
        });
        return b;
      }
    });
    new Toggle().addTo(map);
    // A click on the empty map lets go of the selection, told to the page's bridge (app/bridge):
    // only while something is chosen, never for a click on a feature, control, label or badge;
    // Leaflet sends no click at all for the one that ends a pan.
    // Every click on the map but a control's also tells the page where it landed
    // ("mapapp-map-point"): the bridge passes it on only while a correction form asks for a point.
    map.on("click", function (e) {
      var t = e.originalEvent && e.originalEvent.target;
      if (t && t.closest && t.closest(".leaflet-control, .mapapp-label, .mapapp-offmap")) { return; }
      if (!tellPage("mapapp-map-point", {lat: e.latlng.lat, lng: e.latlng.lng})) { return; }
      if (!container.querySelector(".mapapp-highlight")) { return; }
      if (t && t.closest && t.closest(".leaflet-interactive")) { return; }
      tellPage("mapapp-empty-click");
    });
    // Leaflet focuses its container on a press (keyboard handler), which scrolls the page to
    // show the whole frame when the map reaches below the window (a status box above it): the
    // release then lands beside the marker and the click is lost. Focus it first, in place.
    container.addEventListener("mousedown", function () {
      if (document.activeElement !== container) { container.focus({preventScroll: true}); }
    }, true);
    // The export panel's view report (app/viewreport) reads the view only once a hand moved the
    // map, and it may be opened after that: the frame remembers it.
    ["pointerdown", "wheel", "keydown"].forEach(function (t) {
      document.addEventListener(t, function () { window.mapappMovedByHand = true; }, {capture: true, passive: true});
    });
    map.on("layeradd layerremove", schedule);
    // At once, not later: whoever zoomed reads the markers' places right after.
    map.on("zoomend", function () { if (!state.fitting) { update(); } });
    map.on("moveend", function () { if (!state.fitting) { placeLabels(features().filter(isPoint)); offMap(idsOnMap()); } });
    map.on("resize", function () { schedule(); });
    function idsOnMap() { var ids = {}; features().forEach(function (l) { ids[props(l).id] = true; }); return ids; }
    window.mapappDrawHighlight = drawHighlight;
    drawHighlight(pageHighlight());
    schedule();
  }

  function pageHighlight() {
    // The newest selection the bridge handed over, kept on the page for a map that loads later.
    try { return window.parent !== window ? window.parent.mapappHighlight : null; } catch (err) { return null; }
  }

  function onHighlight(e) { if (window.mapappDrawHighlight) { window.mapappDrawHighlight(e.detail); } }

  // One listener per frame, for whichever map it shows now (a new base map calls init again).
  try {
    if (window.parent !== window) {
      var pageDoc = window.parent.document;
      pageDoc.addEventListener("mapapp-highlight", onHighlight);
      window.addEventListener("pagehide", function () { pageDoc.removeEventListener("mapapp-highlight", onHighlight); });
    }
  } catch (err) { /* a page of another origin */ }
  window.mapappInit = init;
})();
