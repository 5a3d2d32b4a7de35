/* The app's map frame: a Streamlit component (app/mapframe.py) that draws the map from what each
 * script run sends, without a framework of its own.
 *
 * A run sends the base map's script (mapview.base_map: the map, its behaviour, basemap, legend,
 * background) with a key that stays the same while that map does, the visible place layers as
 * one JSON string (mapview.layers_json), the view to show and the frame's height. The frame
 * builds the base map when its key changes, swaps the place layers when their string changes,
 * and moves the map when the view changes; anything else leaves the map as the reader left it.
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
    var view = JSON.stringify([args.center[0], args.center[1], args.zoom]);
    if (view !== last.view) {
      map.setView(args.center, args.zoom);
      last.view = view;
    }
  }

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
