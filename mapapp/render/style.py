"""One look for every view: the interactive map and the static exports share it.

Layer colours live in the layer registry (mapapp.layers); this module adds the
per-category marker colours and the basemap's palette.
"""
from __future__ import annotations

from mapapp.layers import is_layer, spec

#: Marker colours by category for points (cities and sites); falls back to the layer colour.
CATEGORY_COLOR: dict[str, str] = {
    "capital": "#3f007d",
    "city": "#542788",
    "town": "#8073ac",
    "cosmodrome": "#e08214",
    "missile_test_range": "#b35806",
    "nuclear_test_site": "#7f3b08",
    "nuclear_facility": "#fdb863",
    "landmark": "#c51b7d",
    "military_base": "#8c510a",
}

BASEMAP_LAND = "#f2efe9"
BASEMAP_SEA = "#cfe3f0"
BASEMAP_BORDER = "#9a9a9a"


def color_for(layer: str, category: str = "") -> str:
    if not is_layer(layer):
        return "#333333"
    if spec(layer).is_point and category in CATEGORY_COLOR:
        return CATEGORY_COLOR[category]
    return spec(layer).color


def marker_radius(mention_count: int) -> float:
    """Marker radius in pixels grows with the square root of the mention count."""
    return 5.0 + 2.5 * min(mention_count, 36) ** 0.5
