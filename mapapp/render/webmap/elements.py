"""The parts of the base map that are not places: the offline basemap, the legend, and the
behaviour script (spread markers, labels, keyboard, off-map badges, themes) with its style sheet.

They belong to the base map, which changes only with the places, so streamlit-folium keeps
them mounted while place layers and the selection are swapped in on every rerun.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Template
from shapely.geometry import mapping, shape

from mapapp.render.webmap.literal import LiteralMacro
from mapapp.gazetteer.basemap import countries_geojson
from mapapp.render.style import BASEMAP_BORDER, BASEMAP_LAND

BASEMAP_TOLERANCE_DEG = 0.08
_HERE = Path(__file__).resolve().parent


def rounded(geom: dict[str, Any], ndigits: int = 3) -> dict[str, Any]:
    """A GeoJSON geometry with its coordinates rounded (smaller pages, same drawing)."""
    def rnd(obj: Any) -> Any:
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], (int, float)):
                return [round(v, ndigits) for v in obj]
            return [rnd(o) for o in obj]
        return obj
    return {"type": geom["type"], "coordinates": rnd(geom["coordinates"])}


@lru_cache(maxsize=1)
def basemap_features() -> dict[str, Any]:
    """The country outlines without properties, coarser than the export basemap: it is only backdrop."""
    fc = countries_geojson()
    feats = []
    for f in fc["features"]:
        geom = shape(f["geometry"]).simplify(BASEMAP_TOLERANCE_DEG, preserve_topology=True)
        if not geom.is_empty:
            feats.append({"type": "Feature", "properties": {},
                          "geometry": rounded(mapping(geom), 2)})
    return {"type": "FeatureCollection", "features": feats}


@lru_cache(maxsize=1)
def map_css() -> str:
    return (_HERE / "map.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def map_js() -> str:
    return (_HERE / "map.js").read_text(encoding="utf-8")


class Basemap(LiteralMacro):
    """Natural Earth countries in their own canvas pane below every place layer.

    A canvas draws the ~250 detailed outlines much faster than as many SVG paths. Colours come
    from the theme's custom properties (map.css). With ``url`` the browser fetches the
    (cacheable) file from the app server, which keeps the per-rerun map script small; without
    it the data is inlined (standalone page). ``wrap`` draws a second copy one world east, for
    frames across the antimeridian.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var pane = map.createPane("basemap");
            pane.style.zIndex = 250;
            pane.style.pointerEvents = "none";
            var style = {{ this.style|tojson }};
            var css = getComputedStyle(map.getContainer());
            [["fillColor", "--mapapp-land"], ["color", "--mapapp-border"]].forEach(function (kv) {
                var v = css.getPropertyValue(kv[1]).trim();
                if (v) { style[kv[0]] = v; }
            });
            function draw(data) {
                var shifts = {{ this.shifts|tojson }};
                shifts.forEach(function (dx) {
                    L.geoJson(data, {pane: "basemap", interactive: false, style: style,
                                     renderer: L.canvas({pane: "basemap"}),
                                     coordsToLatLng: function (c) { return L.latLng(c[1], c[0] + dx); }}).addTo(map);
                });
            }
            {%- if this.url %}
            fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(draw);
            {%- else %}
            draw({{ this.data|tojson }});
            {%- endif %}
        })();
        {% endmacro %}
    """)

    def __init__(self, url: str | None, wrap: bool = False):
        super().__init__()
        self._name = "Basemap"
        self.url = url
        self.data = None if url else basemap_features()
        self.shifts = [0, 360] if wrap else [0]
        self.style = {"color": BASEMAP_BORDER, "weight": 0.6, "fillColor": BASEMAP_LAND,
                      "fillOpacity": 1}


class Legend(LiteralMacro):
    """A Leaflet control listing the colours of the layers and categories on the map; the
    behaviour script hides the rows of layers that are switched off."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "mapapp-legend");
            div.setAttribute("role", "region");
            div.setAttribute("aria-label", "Legend");
            div.innerHTML = {{ this.body|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, body: str):
        super().__init__()
        self._name = "Legend"
        self.body = body


class Behaviour(LiteralMacro):
    """map.js and map.css, and the settings it runs with (``config``: theme, frame, outside
    places, layer names, the words it shows). Added before the basemap, which reads the theme.

    Both travel in the map's script, which streamlit-folium evaluates (scripts in its header
    would not run); the script adds the style sheet to the page once.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.js }}
        window.mapappInit({{ this._parent.get_name() }}, {{ this.config|tojson }}, {{ this.css|tojson }});
        {% endmacro %}
    """)

    def __init__(self, config: dict[str, Any]):
        super().__init__()
        self._name = "MapappBehaviour"
        self.config = config
        self.css = map_css()
        self.js = map_js().replace("</script", "<\\/script")
