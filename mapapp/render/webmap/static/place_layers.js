/* mapapp's place layers, built in the browser from their features.
 *
 * A layer arrives as data: its GeoJSON features (each with its place id, tooltip label, colour
 * and marker radius) and a small spec from the layer registry (mapview.PlaceLayer). Generating
 * one script per layer on the server, as folium's GeoJson does, compiled a few dozen Jinja
 * templates on every script run (~0.1 s for the seed, on the way of every click).
 * Usage: window.mapappPlaceLayer(group, spec, data), with spec = {point, style, colorKeys,
 * highlight, tooltip}.
 */
(function () {
  "use strict";
  if (window.mapappPlaceLayer) { return; }

  function featureStyle(spec, feature) {
    var p = feature.properties, out = Object.assign({}, spec.style);
    spec.colorKeys.forEach(function (k) { out[k] = p.color; });
    if (spec.point) { out.radius = p.radius; }
    return out;
  }

  function tooltip(layer) {
    // The label is markup from an autoescaped template (render/templates/tooltip.html.j2).
    return layer.feature.properties.label;
  }

  window.mapappPlaceLayer = function (group, spec, data) {
    var style = function (f) { return featureStyle(spec, f); };
    var layer = L.geoJson(null, {
      style: style,
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, style(f)); },
      onEachFeature: function (f, l) {
        l.on({
          mouseover: function (e) { if (e.target.setStyle) { e.target.setStyle(spec.highlight); } },
          mouseout: function (e) { if (e.target.setStyle) { layer.resetStyle(e.target); } }
        });
      }
    });
    layer.addData(data);
    layer.bindTooltip(tooltip, spec.tooltip);
    layer.addTo(group);
    return layer;
  };
})();
