"""The map's Streamlit component: a frame of mapapp's own that links Leaflet and the map's
scripts and draws the map from what each run sends (``render/webmap/static/frame.js``).

streamlit-folium's frame loaded a 225 KB React bundle first and then Leaflet, its style sheet
and folium's scripts one after another, before any place was drawn. This frame's page names
its few files in its head, so the browser fetches them at once and caches them; a run sends
only the base map's script (kept while its key is the same) and the place layers as data.
The view to show travels with the selection's highlight (app/bridge.py): a click then leaves
these arguments as they were, and Streamlit sends the frame's 175 KB message again only as a
reference to the copy the browser already has. Nothing comes back from the frame: clicks reach
the script through the page bridge.
"""
from __future__ import annotations

import folium
import streamlit.components.v1 as components

from mapapp.render.webmap import mapview
from mapapp.render.webmap.elements import STATIC_DIR

COMPONENT = "map"
#: The frame's title in the page (Streamlit names a component by its module and name).
FRAME_TITLE = f"{__name__}.{COMPONENT}"

_MAP = components.declare_component(COMPONENT, path=str(STATIC_DIR))


def map_frame(base: folium.Map, opening: mapview.View, layers: str, height: int, key: str) -> None:
    """Show ``base`` (opened at ``opening``) with the place ``layers`` (mapview.layers_json)
    in a frame ``height`` pixels tall that stays mounted under ``key``; bridge.highlight moves it."""
    drawn = mapview.map_script(base)
    _MAP(key=key, default=None, base=drawn.script, baseKey=drawn.key, mapId=drawn.map_id,
         open=[*opening.center, opening.zoom], layers=layers, height=height)
