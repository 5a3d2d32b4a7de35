"""One place layer on the web map, sent as data and drawn by ``place_layers.js``.

folium's GeoJson writes a layer as generated script: a style function with a case per
feature, a tooltip template, and a few dozen Jinja templates compiled on every render, about
0.1 s for the seed's layers on every script run, a click's included. Here a layer is its
features plus a small spec taken from the layer registry, placed literally (never read as a
template, see ``literal.py``); the browser builds the same Leaflet layers from them.
"""
from __future__ import annotations

from functools import cached_property
from typing import Any

import folium
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from mapapp.layers import spec
from mapapp.render.webmap.literal import LiteralMacro

#: A point place's marker: a white ring around its colour (the colour and radius come with
#: each feature, the radius grows with the mentions).
POINT_STYLE = {"color": "#ffffff", "weight": 1.5, "fill": True, "fillOpacity": 0.9}
#: What a feature looks like under the pointer.
HOVER_STYLE = {"weight": 3, "color": "#222222"}
#: Points: the tooltip beside the marker. Areas and lines: above the pointer, never under it,
#: so a country's name does not hide the marker the reader is about to click.
POINT_TOOLTIP = {"sticky": False, "direction": "top", "offset": [0, -12]}
PATH_TOOLTIP = {"sticky": True, "direction": "top", "offset": [0, -18]}


def layer_spec(layer: str) -> dict[str, Any]:
    """How ``place_layers.js`` draws the features of ``layer``: the style every feature
    shares, which style keys take each feature's own colour, and its tooltip."""
    s = spec(layer)
    if s.is_point:
        return {"point": True, "style": dict(POINT_STYLE), "colorKeys": ["fillColor"],
                "highlight": HOVER_STYLE, "tooltip": POINT_TOOLTIP}
    style = s.web_path_style()
    coloured = ("color", "fillColor") if s.is_area else ("color",)
    return {"point": False, "style": style, "colorKeys": [k for k in coloured if k not in style],
            "highlight": HOVER_STYLE, "tooltip": PATH_TOOLTIP}


class PlaceLayer(LiteralMacro):
    """The features of one place layer (``mapview.place_feature``), added to their feature group."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        window.mapappPlaceLayer({{ this._parent.get_name() }}, {{ this.spec|tojson }}, {{ this.data_json }});
        {% endmacro %}
    """)

    def __init__(self, layer: str, features: list[dict[str, Any]]) -> None:
        super().__init__()
        self._name = "PlaceLayer"
        self.spec = layer_spec(layer)
        self.data = {"type": "FeatureCollection", "features": features}

    @cached_property
    def data_json(self) -> str:
        """The features as script-safe JSON (see ``features_json``), once per layer."""
        return features_json(self.data["features"])


#: Features' JSON by their properties and geometry objects: every script run of a text builds
#: the same features (display geometries are cached objects, mapview.display_geometry), and
#: writing the seed's 170 KB again cost each run, a click's included, ~20 ms.
_json_memo: dict[tuple, tuple[list[Any], str]] = {}
MEMO_SIZE = 64


def features_json(features: list[dict[str, Any]]) -> str:
    """``{"type": "FeatureCollection", "features": ...}`` as JSON safe inside a script."""
    key = tuple((tuple(f["properties"].items()), f.get("id"), id(f["geometry"])) for f in features)
    hit = _json_memo.get(key)
    if hit is not None and all(g is f["geometry"] for g, f in zip(hit[0], features)):
        return hit[1]
    out = htmlsafe_json_dumps({"type": "FeatureCollection", "features": features})
    if len(_json_memo) >= MEMO_SIZE:
        _json_memo.clear()
    _json_memo[key] = ([f["geometry"] for f in features], out)
    return out


class PlaceGroup(folium.FeatureGroup, LiteralMacro):
    """folium's FeatureGroup with its script placed literally: branca's own render compiled it
    as a template on every run. The class order puts LiteralMacro's render under the layer's,
    which adds the group to its map first."""
