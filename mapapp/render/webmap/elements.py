"""The parts of the base map that are not places: the offline basemap, the legend, and the
behaviour script (spread markers, labels, keyboard, off-map badges, themes) with its style sheet.

They belong to the base map, which changes only with the places, so the app's map frame keeps
them while place layers and the selection are swapped in.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Template
from shapely.geometry import MultiPolygon, mapping, shape

from mapapp.render.webmap.literal import LiteralMacro
from mapapp.gazetteer.basemap import countries_geojson
from mapapp.render.style import BASEMAP_BORDER, BASEMAP_LAND

#: The web map's browser side: layout.js, map.js, place_layers.js, map.css and the app's map frame (index.html).
STATIC_DIR = Path(__file__).resolve().parent / "static"
#: The scripts that run in every web map, in order.
MAP_SCRIPTS = ("layout.js", "map.js", "place_layers.js")


def rounded(geom: dict[str, Any], ndigits: int = 3) -> dict[str, Any]:
    """A GeoJSON geometry with its coordinates rounded (smaller pages, same drawing)."""
    def rnd(obj: Any) -> Any:
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], (int, float)):
                return [round(v, ndigits) for v in obj]
            return [rnd(o) for o in obj]
        return obj
    return {"type": geom["type"], "coordinates": rnd(geom["coordinates"])}


@dataclass(frozen=True)
class BasemapLevel:
    """How finely the backdrop is drawn: simplification (degrees), rounding (decimals), and the
    area (square degrees) below which an island is left out."""

    name: str
    tolerance: float
    digits: int
    min_area: float = 0.0


#: Below DETAIL_ZOOM one pixel spans more than 0.05 degrees, so the coarse level (half the points,
#: 324 KB instead of 704 KB for the countries) is off by two pixels at most; from DETAIL_ZOOM on
#: the detailed one replaces it.
COARSE = BasemapLevel("coarse", 0.12, 1, 0.02)
DETAIL = BasemapLevel("detail", 0.08, 2)
BASEMAP_LEVELS = (COARSE, DETAIL)
DETAIL_ZOOM = 5


def _without_specks(geom: Any, min_area: float) -> Any:
    """The parts of a country at least ``min_area`` large (always its largest one)."""
    if min_area <= 0 or geom.geom_type != "MultiPolygon":
        return geom
    parts = sorted(geom.geoms, key=lambda g: g.area, reverse=True)
    kept = [parts[0], *(g for g in parts[1:] if g.area >= min_area)]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


@lru_cache(maxsize=len(BASEMAP_LEVELS))
def basemap_features(level: BasemapLevel = DETAIL) -> dict[str, Any]:
    """The country outlines without properties, coarser than the export basemap: it is only backdrop."""
    fc = countries_geojson()
    feats = []
    for f in fc["features"]:
        geom = _without_specks(shape(f["geometry"]), level.min_area)
        geom = geom.simplify(level.tolerance, preserve_topology=True)
        if not geom.is_empty:
            feats.append({"type": "Feature", "properties": {},
                          "geometry": rounded(mapping(geom), level.digits)})
    return {"type": "FeatureCollection", "features": feats}


@lru_cache(maxsize=1)
def map_css() -> str:
    return (STATIC_DIR / "map.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def map_js() -> str:
    """The behaviour script and the builder of place layers (placelayer.py), run as one."""
    return "\n".join((STATIC_DIR / name).read_text(encoding="utf-8") for name in MAP_SCRIPTS)


class Basemap(LiteralMacro):
    """Natural Earth countries in their own canvas pane below every place layer.

    A canvas draws the ~250 detailed outlines much faster than as many SVG paths. Colours come
    from the theme's custom properties (map.css). With ``urls`` (level name -> URL) the browser
    fetches the (cacheable) coarse file from the app server, which keeps the per-rerun map script
    small, and the detailed one only once the map is zoomed to DETAIL_ZOOM or closer (a level never
    replaces a finer one that arrived first); without them the detailed data is inlined
    (standalone page). ``wrap`` draws a second copy one world east, for frames across the
    antimeridian.
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
            var shown = -1, drawn = [];
            function draw(level, data) {
                if (level <= shown) { return; }
                shown = level;
                var old = drawn;
                drawn = {{ this.shifts|tojson }}.map(function (dx) {
                    return L.geoJson(data, {pane: "basemap", interactive: false, style: style,
                                            renderer: L.canvas({pane: "basemap"}),
                                            coordsToLatLng: function (c) { return L.latLng(c[1], c[0] + dx); }}).addTo(map);
                });
                old.forEach(function (l) { map.removeLayer(l); });
            }
            {%- if this.urls %}
            function get(level, url) {
                fetch(url).then(function (r) { return r.json(); }).then(function (d) { draw(level, d); });
            }
            function detail() {
                if (map.getZoom() < {{ this.detail_zoom }}) { return; }
                map.off("zoomend", detail);
                get(1, {{ this.urls.detail|tojson }});
            }
            get(0, {{ this.urls.coarse|tojson }});
            map.on("zoomend", detail);
            detail();
            {%- else %}
            draw(1, {{ this.data|tojson }});
            {%- endif %}
        })();
        {% endmacro %}
    """)

    def __init__(self, urls: dict[str, str] | None, wrap: bool = False):
        super().__init__()
        self._name = "Basemap"
        self.urls = urls
        self.detail_zoom = DETAIL_ZOOM
        self.data = None if urls else basemap_features(DETAIL)
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

    ``inline``: both travel in the map's script (the standalone page); else the page that runs
    the script links them itself (the app's map frame, ``static/index.html``), so the browser
    caches them instead of receiving some 30 KB again with every change of the base map.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.js }}
        window.mapappInit({{ this._parent.get_name() }}, {{ this.config|tojson }}, {{ this.css|tojson }});
        {% endmacro %}
    """)

    def __init__(self, config: dict[str, Any], inline: bool = True):
        super().__init__()
        self._name = "MapappBehaviour"
        self.config = config
        self.css = map_css() if inline else ""
        self.js = map_js().replace("</script", "<\\/script") if inline else ""
