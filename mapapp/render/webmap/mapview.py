"""The web map of places: an offline basemap plus one layer per place layer.

The map takes places and a :class:`Sizing` (a text's mentions, or a corpus's
documents), not a Document, so a corpus needs no passages to be drawn. The base
map (Natural Earth countries, legend, optional tiles) changes only with the places,
so the app's map frame keeps it while the place layers, sent as data (``layers_json``),
come and go with the layer switches. The selection's rings and outlines (``highlight``)
travel apart, through the page bridge, so choosing a place leaves the layers as they are.
The standalone page draws the same layers as folium feature groups (``layer_group``).

Where the map opens comes from the shared framing rule (mapapp.render.framing); what happens in
the browser (spread markers, labels, keyboard, off-map badges, themes) from ``static/map.js``,
set up by the base map (``elements.py``).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import folium
from shapely.geometry import mapping

from mapapp.layers import LAYERS, POINT_LAYERS, spec
from mapapp.model import Place
from mapapp.render import framing
from mapapp.render.html import LegendEntry, legend_html, tooltip_label
from mapapp.render.style import CATEGORY_COLOR, color_for, marker_radius
from mapapp.render.webmap import assets
from mapapp.render.webmap.placelayer import PlaceGroup, PlaceLayer, features_json, layer_spec
from mapapp.render.webmap.elements import DETAIL, Basemap, Behaviour, Legend, rounded
from mapapp.render.webmap.tiles import TileChoice, tile_layer

HIGHLIGHT = "#ffcc00"
#: Simplification of place polygons/lines for display (degrees): full-resolution
#: Natural Earth countries would make the page several MB larger for no visible gain. The
#: detailed backdrop's tolerance (elements.DETAIL), so a country's outline lies on the backdrop's
#: border; 0.05 made the map's data for the seed 40 % larger (Russia alone 80 KB) on every run.
DISPLAY_TOLERANCE_DEG = DETAIL.tolerance
MAP_HEIGHT = 560
ASSUMED_MAP_WIDTH = 600
#: Closest opening zoom: a single city is shown with its surroundings.
MAX_OPEN_ZOOM = 5
#: Words the map itself shows (the behaviour script's labels toggle and off-map badges).
MAP_TEXT = {"labels": "Labels", "legend": "Legend", "outside": "(outside this view: show it)"}


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
    zoom: float


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
    out = rounded(mapping(shown), 2 if geom.geom_type != "Point" else 4)
    if len(_display_cache) > 4096:
        _display_cache.clear()
    _display_cache[id(geom)] = (geom, out)
    return out


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


def layer_group(places: Sequence[Place], layer: str, sizing: Sizing = MENTIONS) -> folium.FeatureGroup:
    """One place layer as a feature group for a standalone page; every feature has a tooltip
    with its name."""
    group = PlaceGroup(name=spec(layer).label)
    feats = [place_feature(p, sizing) for p in places if p.layer == layer]
    if feats:
        PlaceLayer(layer, feats).add_to(group)
    return group


#: How the selection is drawn (map.js draws ``highlight``'s features with these options): a ring
#: around a chosen point in a pane above tooltips, so nothing covers it, naming its place
#: (``mapappRing``) so the behaviour script keeps it on a marker that was spread; an outline
#: around a chosen area or line. Neither is clickable, so clicks reach the places.
RING_STYLE = {"color": HIGHLIGHT, "weight": 4, "fill": False, "interactive": False,
              "pane": "mapappSelection", "className": "mapapp-highlight"}
OUTLINE_STYLE = {"color": HIGHLIGHT, "weight": 5, "fillOpacity": 0.08, "fillColor": HIGHLIGHT,
                 "interactive": False, "className": "mapapp-highlight"}


def highlight(places: Iterable[Place], sizing: Sizing = MENTIONS) -> dict[str, Any]:
    """Rings and outlines around the chosen places, as a small GeoJSON FeatureCollection whose
    features carry their Leaflet options (``properties.style``).

    It travels apart from the place layers (app/bridge hands it to map.js), so a click moves a
    ring without sending or drawing some 200 KB of layers again. Built here, not in the browser,
    so a place not on the map yet (a correction's preview) is outlined too."""
    features = []
    for place in places:
        geometry = display_geometry(place.geometry)
        if place.geometry.geom_type == "Point":
            style = {**RING_STYLE, "radius": marker_radius(sizing.count(place)) + 5,
                     "mapappRing": place.id}
        else:
            style = dict(OUTLINE_STYLE)
        features.append({"type": "Feature", "properties": {"style": style}, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def layers_json(places: Sequence[Place], visible: Iterable[str], sizing: Sizing = MENTIONS) -> str:
    """The visible place layers, bottom to top, as one JSON array of ``{"layer", "spec", "data"}``
    for the app's map frame (``static/frame.js`` draws each with place_layers.js). The same
    string whatever is chosen, so a click does not make the frame draw them again; written from
    the features' memoised JSON, so a run that shows the same layers does not serialise them."""
    shown = set(visible)
    parts = []
    for layer in LAYERS:
        feats = [place_feature(p, sizing) for p in places if p.layer == layer] if layer in shown else []
        if feats:
            parts.append('{"layer":%s,"spec":%s,"data":%s}'
                         % (json.dumps(layer), json.dumps(layer_spec(layer)), features_json(feats)))
    return "[" + ",".join(parts) + "]"


#: folium names each element by a random hex suffix, new on every build of the same map.
_ELEMENT_ID = re.compile(r"_[0-9a-f]{32}\b")


@dataclass(frozen=True)
class MapScript:
    """The script that draws a base map in the app's frame, the same text for the same map
    built again (so Streamlit need not send it again), its key and the map's global name."""

    script: str
    key: str
    map_id: str


def map_script(m: folium.Map) -> MapScript:
    """The script that draws ``m`` and all added to it (no links, no page). folium's random
    element names become names derived from the key, which is the same for the same map built
    again: the frame rebuilds its map only when the key changes."""
    m.render()
    script = m.get_root().script.render()
    key = hashlib.sha1(_ELEMENT_ID.sub("", script).encode()).hexdigest()
    stable = {found: f"_{key[:24]}{i:08x}" for i, found in enumerate(dict.fromkeys(_ELEMENT_ID.findall(script)))}
    script = _ELEMENT_ID.sub(lambda match: stable[match.group(0)], script)
    return MapScript(script, key, "map" + stable[f"_{m._id}"])


@dataclass(frozen=True)
class LayerLegendEntry(LegendEntry):
    """A legend row that knows its layer, so it can be hidden while the layer is switched off."""

    layer: str = ""


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
                entries.append(LayerLegendEntry(label, color_for(layer, cat), "dot", layer))
        else:
            kind = "line" if spec(layer).is_line else "box"
            entries.append(LayerLegendEntry(spec(layer).label, color_for(layer), kind, layer))
    return list(dict.fromkeys(entries))


_frame_cache: dict[tuple[tuple[str, int, str], ...], tuple[list[Any], framing.Frame]] = {}


def frame_of(places: Sequence[Place]) -> framing.Frame:
    """``framing.frame`` remembered for the same places: a script run frames the same places up
    to five times (overview, map settings, place list, export), and every run of a text
    again, at about a quarter of a second each for the seed.

    The key is each place's id, category and geometry object; corrections rebuild the Place
    objects on every run but keep their geometries, so identity of the geometry is what repeats.
    """
    key = tuple((p.id, id(p.geometry), p.category) for p in places)
    hit = _frame_cache.get(key)
    if hit is not None and all(a is p.geometry for a, p in zip(hit[0], places)):
        return hit[1]
    out = framing.frame(places)
    if len(_frame_cache) > 256:
        _frame_cache.clear()
    _frame_cache[key] = ([p.geometry for p in places], out)
    return out


def outside_places(places: Sequence[Place]) -> list[Place]:
    """The places the opening view leaves out because they lie far from the rest (the USA in a
    text about Kazakhstan): the map shows a badge at its edge for each; lists can name them."""
    far = set(frame_of(places).outside)
    return [p for p in places if p.id in far]


def _theme(dark: bool | None) -> str:
    return "auto" if dark is None else ("dark" if dark else "light")


def map_config(places: Sequence[Place], view: View, dark: bool | None = None,
               fit: bool = True) -> dict[str, Any]:
    """What the behaviour script needs to know about the places (see map.js): ``fit`` refits
    ``view``, the opening view computed for an estimated size, at the map's real size."""
    f = frame_of(places)
    outside = []
    for p in places:
        if p.id in f.outside:
            own = frame_of([p])
            outside.append({"id": p.id, "name": p.name, "lat": round(p.lat, 4),
                            "lon": round(p.lon, 4), "bounds": own.bounds()})
    return {"theme": _theme(dark), "frame": f.bounds(), "wrap": f.wraps, "fit": fit and not f.is_empty,
            "open": [*view.center, view.zoom],
            "maxZoom": MAX_OPEN_ZOOM, "outside": outside, "text": MAP_TEXT,
            "layers": {layer: spec(layer).label for layer in LAYERS}}


def base_map(places: Sequence[Place], view: View, tiles: TileChoice | None = None,
             inline_assets: bool = False, dark: bool | None = None,
             fit: bool = True) -> folium.Map:
    """The stable part of the map: offline country basemap, optional tiles, legend, behaviour.

    ``inline_assets``: a page of its own that works offline (Leaflet, map.js, the basemap all
    inside); else the script for the app's map frame, which links Leaflet and map.js itself
    and fetches the basemap from the app server. ``dark`` picks the map's theme (``None``:
    follow the reader's system setting). With ``fit``, whenever the map shows ``view`` (the
    opening view, computed for an estimated size) the browser frames the places at the map's
    real size instead.
    """
    m = folium.Map(location=view.center, zoom_start=view.zoom, tiles=None,
                   control_scale=True, world_copy_jump=False,
                   zoom_snap=framing.ZOOM_SNAP, zoom_delta=0.5)
    assets.strip_assets(m)
    config = map_config(places, view, dark, fit)
    m.add_child(Behaviour(config, inline=inline_assets))
    m.add_child(Basemap(None if inline_assets else assets.basemap_urls(), config["wrap"]))
    if tiles is not None:
        tile_layer(tiles).add_to(m)
    entries = legend_entries(places)
    if entries:
        m.add_child(Legend(legend_html(entries)))
    return m


def view_for(places: Iterable[Place], width: int = ASSUMED_MAP_WIDTH,
             height: int = MAP_HEIGHT, max_zoom: int = MAX_OPEN_ZOOM) -> View:
    """Centre and the largest zoom at which the places fit a map of this size (mapapp.render.framing)."""
    shown = list(places)
    if not shown:
        return View((30.0, 40.0), 2)
    center, zoom = framing.view_for(frame_of(shown), width, height, max_zoom=max_zoom)
    return View(center, zoom)
