/* The app's map frame: a Streamlit component (app/mapframe.py) that draws the map from what each
 * script run sends, without a framework of its own.
 *
 * A run sends the base map's script (mapview.base_map: the map, its behaviour, basemap, legend,
 * background) with a key that stays the same while that map does, the visible place layers as
 * one JSON string (mapview.layers_json) and the frame's height. The frame builds the base map
 * when its key changes and swaps the place layers when their string changes. The view to show
 * comes from the page (app/bridge's highlight component: "mapapp-view", kept as
 * window.parent.mapappView), so a click changes none of the frame's arguments; the frame moves
 * the map when that view changes and otherwise leaves it as the reader left it.
 * Clicks reach the script through the page bridge (map.js), so the frame sends back nothing but
 * its height.
 */
(function () {
  "use strict";
  var last = {baseKey: null, layers: null, view: null};
  var map = null, groups = [], drawn = [];

  function post(type, extra) {
    var msg = {isStreamlitMessage: true, type: type};
    for (var k in extra) { msg[k] = extra[k]; }
    window.parent.postMessage(msg, "*");
  }

  function buildBase(args) {
    // A new base map (other places, another background): the old one goes with its layers.
    if (map) {
      map.remove();
      drawn.forEach(function (el) { el.remove(); });
    }
    groups = [];
    last.layers = null;
    var div = document.createElement("div");
    div.id = args.mapId;
    div.className = "mapapp-frame-map";
    var script = document.createElement("script");
    script.textContent = args.base;  // runs now, at the top level, as folium's page would run it
    drawn = [div, script];
    document.body.appendChild(div);
    document.body.appendChild(script);
    map = window[args.mapId];
    window.map = map;  // read by the export panel's view report and the benchmarks
    last.view = JSON.stringify(args.open);  // where the base map opens (map.js refits it)
    show(pageView());
  }

  function pageView() {
    try { return window.parent.mapappView || null; } catch (e) { return null; }
  }

  function show(json) {
    // The view the script asks for, when it is not the last one asked for (or the opening).
    if (!map || !json || json === last.view) { return; }
    var view = JSON.parse(json);
    map.setView([view[0], view[1]], view[2]);
    last.view = json;
  }

  function swapLayers(json) {
    groups.forEach(function (g) { map.removeLayer(g); });
    groups = JSON.parse(json).map(function (layer) {
      var group = L.featureGroup();
      window.mapappPlaceLayer(group, layer.spec, layer.data);
      return group.addTo(map);
    });
  }

  function render(args) {
    if (args.baseKey !== last.baseKey) {
      buildBase(args);
      last.baseKey = args.baseKey;
    }
    if (args.layers !== last.layers) {
      swapLayers(args.layers);
      last.layers = args.layers;
    }
  }

  try {
    var pageDoc = window.parent.document;
    var onView = function (ev) { show(ev.detail); };
    pageDoc.addEventListener("mapapp-view", onView);
    window.addEventListener("pagehide", function () { pageDoc.removeEventListener("mapapp-view", onView); });
  } catch (e) { /* a page of another origin: the map stays where it opens */ }

  var height = null;
  window.addEventListener("message", function (ev) {
    var data = ev.data;
    if (ev.source !== window.parent || !data || data.type !== "streamlit:render" || !data.args) { return; }
    render(data.args);
    if (data.args.height !== height) {
      height = data.args.height;
      post("streamlit:setFrameHeight", {height: height});
    }
  });
  post("streamlit:componentReady", {apiVersion: 1});
})();
