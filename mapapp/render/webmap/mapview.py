"""The folium map of places: an offline basemap plus one feature group per place layer.

The map takes places and a :class:`Sizing` (a text's mentions, or a corpus's
documents), not a Document, so a corpus needs no passages to be drawn. The base
map (Natural Earth countries, legend, optional tiles) changes only with the places,
so streamlit-folium keeps it mounted; place layers and the selection highlight are separate feature groups that it swaps in place when a
layer is toggled or a place is chosen.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import folium
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.geometry import mapping, shape

from mapapp.render.webmap import assets
from mapapp.render.webmap.tiles import TileChoice, tile_layer
from mapapp.gazetteer.basemap import countries_geojson
from mapapp.layers import LAYERS, POINT_LAYERS, spec
from mapapp.model import Place
from mapapp.render.html import LegendEntry, legend_html, tooltip_label
from mapapp.render.style import (BASEMAP_BORDER, BASEMAP_LAND, BASEMAP_SEA, CATEGORY_COLOR,
                          color_for, marker_radius)

HIGHLIGHT = "#ffcc00"
#: Simplification of place polygons/lines for display (degrees): full-resolution
#: Natural Earth countries would make the page several MB larger for no visible gain.
DISPLAY_TOLERANCE_DEG = 0.05
BASEMAP_TOLERANCE_DEG = 0.08
MAP_HEIGHT = 560
ASSUMED_MAP_WIDTH = 600


@dataclass(frozen=True)
class Sizing:
    """What sizes and labels a marker: its mentions in one text, or (``counts``: place id ->
    documents) the documents of a corpus that name it."""

    unit: str = "mention"
    counts: Mapping[str, int] | None = None

    def count(self, place: Place) -> int:
        return len(place.mentions) if self.counts is None else self.counts.get(place.id, 0)


MENTIONS = Sizing()


def documents(counts: Mapping[str, int]) -> Sizing:
    return Sizing("document", counts)


@dataclass(frozen=True)
class View:
    """Where the map looks: a centre and a Leaflet zoom level."""

    center: tuple[float, float]
    zoom: int


_display_cache: dict[int, tuple[Any, dict[str, Any]]] = {}


def display_geometry(geom: Any) -> dict[str, Any]:
    """GeoJSON geometry simplified (~5 km) and rounded for drawing; cached per geometry object.

    Parsed documents are cached by the app, so the same geometry objects come
    back on every rerun and are simplified once.
    """
    hit = _display_cache.get(id(geom))
    if hit is not None and hit[0] is geom:
        return hit[1]
    shown = geom if geom.geom_type == "Point" else geom.simplify(DISPLAY_TOLERANCE_DEG,
                                                                  preserve_topology=True)
    out = _rounded(mapping(shown), 2 if geom.geom_type != "Point" else 4)
    if len(_display_cache) > 4096:
        _display_cache.clear()
    _display_cache[id(geom)] = (geom, out)
    return out


def _rounded(geom: dict[str, Any], ndigits: int = 3) -> dict[str, Any]:
    def rnd(obj: Any) -> Any:
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], (int, float)):
                return [round(v, ndigits) for v in obj]
            return [rnd(o) for o in obj]
        return obj
    return {"type": geom["type"], "coordinates": rnd(geom["coordinates"])}


def place_feature(place: Place, sizing: Sizing = MENTIONS) -> dict[str, Any]:
    """A slim GeoJSON feature for the browser: what the map shows and the id a click returns."""
    n = sizing.count(place)
    return {"type": "Feature", "id": place.id,
            "properties": {"id": place.id, "name": place.name, "layer": place.layer,
                           "category": place.category, "mention_count": n,
                           "label": tooltip_label(place.name, n, sizing.unit),
                           "color": color_for(place.layer, place.category),
                           "radius": marker_radius(n)},
            "geometry": display_geometry(place.geometry)}


def _style(layer: str):
    layer_spec = spec(layer)
    path_style = layer_spec.web_path_style()

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        color = feature["properties"]["color"]
        if layer_spec.is_point:
            return {"color": "#ffffff", "weight": 1.5, "fill": True, "fillColor": color,
                    "fillOpacity": 0.9, "radius": feature["properties"]["radius"]}
        out = {"color": color, **path_style}
        if layer_spec.is_area:
            out.setdefault("fillColor", color)
        return out
    return style


def layer_group(places: Sequence[Place], layer: str, sizing: Sizing = MENTIONS) -> folium.FeatureGroup:
    """One place layer as a feature group; every feature has a tooltip with its name."""
    group = folium.FeatureGroup(name=spec(layer).label)
    feats = [place_feature(p, sizing) for p in places if p.layer == layer]
    if not feats:
        return group
    folium.GeoJson(
        {"type": "FeatureCollection", "features": feats},
        name=layer,
        style_function=_style(layer),
        highlight_function=lambda f: {"weight": 3, "color": "#222222"},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, sticky=True),
        marker=folium.CircleMarker(radius=6) if layer in POINT_LAYERS else None,
    ).add_to(group)
    return group


def highlight_group(places: Iterable[Place], sizing: Sizing = MENTIONS) -> folium.FeatureGroup:
    """Rings and outlines around the chosen places; not clickable so clicks reach the places."""
    group = folium.FeatureGroup(name="Selection")
    for place in places:
        feat = place_feature(place, sizing)
        if place.geometry.geom_type == "Point":
            folium.CircleMarker(location=(place.lat, place.lon),
                                radius=feat["properties"]["radius"] + 5, color=HIGHLIGHT,
                                weight=4, fill=False, interactive=False,
                                class_name="mapapp-highlight").add_to(group)
        else:
            folium.GeoJson(feat, interactive=False,
                           style_function=lambda f: {"color": HIGHLIGHT, "weight": 5,
                                                     "fillOpacity": 0.08,
                                                     "fillColor": HIGHLIGHT,
                                                     "className": "mapapp-highlight"}
                           ).add_to(group)
    return group


def feature_groups(places: Sequence[Place], visible: Iterable[str], selected: Iterable[Place] = (),
                   sizing: Sizing = MENTIONS) -> list[folium.FeatureGroup]:
    """The groups to hand to ``st_folium(feature_group_to_add=...)``, bottom to top."""
    shown = set(visible)
    groups = [layer_group(places, layer, sizing) for layer in LAYERS if layer in shown]
    groups.append(highlight_group(selected, sizing))
    return groups


class _Legend(MacroElement):
    """A Leaflet control listing the colours of the layers and categories on the map."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "mapapp-legend");
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


def legend_entries(places: Sequence[Place]) -> list[LegendEntry]:
    """An entry for each layer with places and each point category used."""
    entries: list[LegendEntry] = []
    for layer in LAYERS:
        in_layer = [p for p in places if p.layer == layer]
        if not in_layer:
            continue
        if layer in POINT_LAYERS:
            for cat in sorted({p.category for p in in_layer}):
                label = cat.replace("_", " ") if cat in CATEGORY_COLOR else spec(layer).label
                entries.append(LegendEntry(label, color_for(layer, cat), "dot"))
        else:
            kind = "line" if spec(layer).is_line else "box"
            entries.append(LegendEntry(spec(layer).label, color_for(layer), kind))
    return list(dict.fromkeys(entries))


_CSS = f"""<style>
.leaflet-container {{ background: {BASEMAP_SEA}; }}
.mapapp-legend {{ background: rgba(255,255,255,.9); padding: 6px 8px; border-radius: 4px;
  font: 12px/1.5 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }}
.mapapp-legend .sw {{ display: inline-block; width: 11px; height: 11px; margin-right: 6px;
  vertical-align: -1px; }}
.mapapp-legend .sw.dot {{ border-radius: 50%; }}
.mapapp-legend .sw.box {{ opacity: .6; }}
.mapapp-legend .sw.line {{ height: 3px; vertical-align: 3px; }}
</style>"""


@lru_cache(maxsize=1)
def basemap_features() -> dict[str, Any]:
    """The country outlines without properties, coarser than the export basemap: it is only backdrop."""
    fc = countries_geojson()
    feats = []
    for f in fc["features"]:
        geom = shape(f["geometry"]).simplify(BASEMAP_TOLERANCE_DEG, preserve_topology=True)
        if not geom.is_empty:
            feats.append({"type": "Feature", "properties": {},
                          "geometry": _rounded(mapping(geom), 2)})
    return {"type": "FeatureCollection", "features": feats}


class _Basemap(MacroElement):
    """Natural Earth countries in their own canvas pane below every place layer.

    A canvas draws the ~250 detailed outlines much faster than as many SVG paths.
    With ``url`` the browser fetches the (cacheable) file from the app server, which
    keeps the per-rerun map script small; without it the data is inlined (standalone page).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var pane = map.createPane("basemap");
            pane.style.zIndex = 250;
            pane.style.pointerEvents = "none";
            var style = {{ this.style|tojson }};
            function draw(data) {
                L.geoJson(data, {pane: "basemap", interactive: false, style: style,
                                 renderer: L.canvas({pane: "basemap"})}).addTo(map);
            }
            {%- if this.url %}
            fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(draw);
            {%- else %}
            draw({{ this.data|tojson }});
            {%- endif %}
        })();
        {% endmacro %}
    """)

    def __init__(self, url: str | None):
        super().__init__()
        self._name = "Basemap"
        self.url = url
        self.data = None if url else basemap_features()
        self.style = {"color": BASEMAP_BORDER, "weight": 0.6, "fillColor": BASEMAP_LAND,
                      "fillOpacity": 1}


def base_map(places: Sequence[Place], view: View, tiles: TileChoice | None = None,
             inline_assets: bool = False) -> folium.Map:
    """The stable part of the map: offline country basemap, optional tiles, legend."""
    m = folium.Map(location=view.center, zoom_start=view.zoom, tiles=None,
                   control_scale=True, world_copy_jump=False)
    if inline_assets:
        assets.strip_assets(m)
    else:
        assets.use_local_assets(m)
    m.get_root().header.add_child(Element(_CSS), name="mapapp_css")
    m.add_child(_Basemap(None if inline_assets else assets.basemap_url()))
    if tiles is not None:
        tile_layer(tiles).add_to(m)
    entries = legend_entries(places)
    if entries:
        m.add_child(_Legend(legend_html(entries)))
    return m


def _part_boxes(places: Iterable[Place]) -> list[tuple[float, float, float, float]]:
    boxes = []
    for p in places:
        geom = p.geometry
        if geom.is_empty:
            continue
        parts = getattr(geom, "geoms", [geom])
        boxes.extend(part.bounds for part in parts if not part.is_empty)
    return boxes


def bounds_of(places: Iterable[Place]) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """((south, west), (north, east)) of the places, east > 180 when that is narrower.

    Russia or Fiji straddle the antimeridian; framing them in -180..180 would
    show the whole world, so longitudes are also tried shifted into 0..360.
    """
    boxes = _part_boxes(places)
    if not boxes:
        return None
    s, n = min(b[1] for b in boxes), max(b[3] for b in boxes)
    w, e = min(b[0] for b in boxes), max(b[2] for b in boxes)

    def shifted(lon: float) -> float:
        return lon + 360.0 if lon < 0 else lon

    w2, e2 = min(shifted(b[0]) for b in boxes), max(shifted(b[2]) for b in boxes)
    if e2 - w2 < e - w:
        w, e = w2, e2
    return ((s, w), (n, e))


def view_for(places: Iterable[Place], width: int = ASSUMED_MAP_WIDTH,
             height: int = MAP_HEIGHT, max_zoom: int = 5) -> View:
    """Centre and the largest zoom (Web Mercator, 256 px tiles) at which the places fit."""
    b = bounds_of(places)
    if b is None:
        return View((30.0, 40.0), 2)
    (s, w), (n, e) = b
    lon = (w + e) / 2
    center = ((s + n) / 2, lon - 360.0 if lon > 180 else lon)

    def merc_y(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    frac_x = max((e - w) / 360.0, 1e-9)
    frac_y = max((merc_y(n) - merc_y(s)) / (2 * math.pi), 1e-9)
    pad = 0.85
    zoom = min(math.log2(width * pad / (256 * frac_x)), math.log2(height * pad / (256 * frac_y)))
    return View((round(center[0], 4), round(center[1], 4)), int(max(1, min(max_zoom, math.floor(zoom)))))
