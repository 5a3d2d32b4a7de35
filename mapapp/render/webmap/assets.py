"""Leaflet from the local XStatic package instead of folium's CDN links.

The map must work with no network at all. Inside Streamlit the XStatic data
folder is registered as a (never rendered) component, so the Streamlit server
itself serves it next to the app's map frame (``static/index.html`` links it); the
standalone HTML download inlines it instead. Online tiles are another concern: ``tiles.py``.

No jQuery: folium links it only for popups built from HTML, which these maps do not use.
"""
from __future__ import annotations

import base64
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import folium
import xstatic.pkg.leaflet as xs_leaflet

from mapapp.io.atomic import write_text_atomic
from mapapp.io.paths import index_dir

if TYPE_CHECKING:
    from mapapp.render.webmap.elements import BasemapLevel

LEAFLET_DIR = Path(xs_leaflet.BASE_DIR)

#: Component names under which the Streamlit server serves the asset folders.
LEAFLET_COMPONENT = "leaflet_assets"
BASEMAP_COMPONENT = "basemap_assets"

#: The map's frame lives at ``<base>/component/<its component>/``; sibling components are one
#: level up, which keeps any server base path working (static/index.html links Leaflet so too).
_SIBLING = "../" + __name__ + ".{name}/{file}"


def web_dir() -> Path:
    """Generated files the app server hands to the browser (kept out of the source tree)."""
    return index_dir() / "web"


def basemap_file(level: "BasemapLevel") -> str:
    """The file of one level of the backdrop (elements.BASEMAP_LEVELS), named by its settings, so
    new settings get a new file (and URL) instead of a stale copy on disk or in a browser's cache."""
    return f"basemap-{level.name}-{level.tolerance:g}-{level.digits}-{level.min_area:g}.geojson"


def publish_basemap() -> list[Path]:
    """Write the display basemaps once; the browser then caches them instead of receiving them per rerun."""
    from mapapp.render.webmap.elements import BASEMAP_LEVELS, basemap_features

    source = index_dir() / "basemap_countries.geojson"
    paths = []
    for level in BASEMAP_LEVELS:
        path = web_dir() / basemap_file(level)
        if not path.exists() or (source.exists() and source.stat().st_mtime > path.stat().st_mtime):
            write_text_atomic(path, json.dumps(basemap_features(level), separators=(",", ":")))
        paths.append(path)
    return paths


def register_assets() -> None:
    """Let the running Streamlit server serve Leaflet and the basemaps (call during a script run)."""
    import streamlit.components.v1 as components

    publish_basemap()
    components.declare_component(LEAFLET_COMPONENT, path=str(LEAFLET_DIR))
    components.declare_component(BASEMAP_COMPONENT, path=str(web_dir()))


def basemap_urls() -> dict[str, str]:
    """Level name -> where the map's iframe fetches that level of the backdrop: the coarse one at
    once, the detailed one only when the reader zooms in far enough to see the difference."""
    from mapapp.render.webmap.elements import BASEMAP_LEVELS

    return {level.name: _SIBLING.format(name=BASEMAP_COMPONENT, file=basemap_file(level))
            for level in BASEMAP_LEVELS}


def served(name: str) -> str:
    """Where the map's frame fetches one of Leaflet's files (``leaflet.js``, ``leaflet.css``)."""
    return _SIBLING.format(name=LEAFLET_COMPONENT, file=name)


def strip_assets(m: folium.Map) -> folium.Map:
    """No linked assets at all: the page that runs the map's script brings them (the app's
    frame links them, a standalone page inlines them, see ``inline_head``)."""
    m.default_js = []
    m.default_css = []
    return m


@lru_cache(maxsize=1)
def inline_head() -> str:
    """Leaflet's CSS (images as data URIs) and its script, ready to paste into <head>."""
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    css = re.sub(r"url\(images/([\w.-]+\.png)\)", _data_uri, css)
    leaflet = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    return (f"<style>{css}</style>\n"
            f"<script>{_script_safe(leaflet)}</script>\n")


def _data_uri(match: re.Match[str]) -> str:
    data = (LEAFLET_DIR / "images" / match.group(1)).read_bytes()
    return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"


def _script_safe(js: str) -> str:
    # A literal "</script" inside inlined code would end the script element early.
    return js.replace("</script", "<\\/script")
