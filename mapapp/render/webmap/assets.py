"""Leaflet and jQuery from the local XStatic packages instead of folium's CDN links.

The map must work with no network at all. Inside Streamlit the two XStatic
data folders are registered as (never rendered) components, so the Streamlit
server itself serves them next to the streamlit-folium iframe; the standalone
HTML download inlines them instead. Online tile layers are only offered when a
quick connection test to their host succeeds.
"""
from __future__ import annotations

import base64
import json
import os
import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import folium
import xstatic.pkg.jquery as xs_jquery
import xstatic.pkg.leaflet as xs_leaflet

from mapapp.io.atomic import write_text_atomic
from mapapp.io.paths import index_dir

LEAFLET_DIR = Path(xs_leaflet.BASE_DIR)
JQUERY_DIR = Path(xs_jquery.BASE_DIR)

#: Component names under which the Streamlit server serves the asset folders.
LEAFLET_COMPONENT = "leaflet_assets"
JQUERY_COMPONENT = "jquery_assets"
BASEMAP_COMPONENT = "basemap_assets"
BASEMAP_FILE = "basemap.geojson"

#: The streamlit-folium iframe lives at ``<base>/component/streamlit_folium.st_folium/``;
#: sibling components are one level up, which keeps any server base path working.
_SIBLING = "../" + __name__ + ".{name}/{file}"

OFFLINE_ENV = "MAPAPP_OFFLINE"


@dataclass(frozen=True)
class TileChoice:
    """An online tile layer that can be offered over the offline basemap."""

    label: str
    provider: str
    host: str


TILE_CHOICES: tuple[TileChoice, ...] = (
    TileChoice("OpenStreetMap", "OpenStreetMap.Mapnik", "tile.openstreetmap.org"),
    TileChoice("CartoDB Positron", "CartoDB.Positron", "a.basemaps.cartocdn.com"),
)


def web_dir() -> Path:
    """Generated files the app server hands to the browser (kept out of the source tree)."""
    return index_dir() / "web"


def publish_basemap() -> Path:
    """Write the display basemap once; the browser then caches it instead of receiving it per rerun."""
    from mapapp.render.webmap.mapview import basemap_features

    path = web_dir() / BASEMAP_FILE
    source = index_dir() / "basemap_countries.geojson"
    if not path.exists() or (source.exists() and source.stat().st_mtime > path.stat().st_mtime):
        write_text_atomic(path, json.dumps(basemap_features(), separators=(",", ":")))
    return path


def register_assets() -> None:
    """Let the running Streamlit server serve Leaflet, jQuery and the basemap (call during a script run)."""
    import streamlit.components.v1 as components

    publish_basemap()
    components.declare_component(LEAFLET_COMPONENT, path=str(LEAFLET_DIR))
    components.declare_component(JQUERY_COMPONENT, path=str(JQUERY_DIR))
    components.declare_component(BASEMAP_COMPONENT, path=str(web_dir()))


def basemap_url() -> str:
    return _SIBLING.format(name=BASEMAP_COMPONENT, file=BASEMAP_FILE)


def served_js() -> list[tuple[str, str]]:
    return [("leaflet", _SIBLING.format(name=LEAFLET_COMPONENT, file="leaflet.js")),
            ("jquery", _SIBLING.format(name=JQUERY_COMPONENT, file="jquery.min.js"))]


def served_css() -> list[tuple[str, str]]:
    return [("leaflet_css", _SIBLING.format(name=LEAFLET_COMPONENT, file="leaflet.css"))]


def use_local_assets(m: folium.Map) -> folium.Map:
    """Replace every external script and stylesheet folium would load by the served copies."""
    m.default_js = served_js()
    m.default_css = served_css()
    return m


def strip_assets(m: folium.Map) -> folium.Map:
    """No linked assets at all: for pages that inline them (see ``inline_head``)."""
    m.default_js = []
    m.default_css = []
    return m


@lru_cache(maxsize=1)
def inline_head() -> str:
    """Leaflet's CSS (images as data URIs) and the two scripts, ready to paste into <head>."""
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    css = re.sub(r"url\(images/([\w.-]+\.png)\)", _data_uri, css)
    leaflet = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    jquery = (JQUERY_DIR / "jquery.min.js").read_text(encoding="utf-8")
    return (f"<style>{css}</style>\n"
            f"<script>{_script_safe(leaflet)}</script>\n"
            f"<script>{_script_safe(jquery)}</script>\n")


def _data_uri(match: re.Match[str]) -> str:
    data = (LEAFLET_DIR / "images" / match.group(1)).read_bytes()
    return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"


def _script_safe(js: str) -> str:
    # A literal "</script" inside inlined code would end the script element early.
    return js.replace("</script", "<\\/script")


def offline_forced() -> bool:
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


_reach_cache: dict[tuple[str, int], tuple[float, bool]] = {}
_REACH_TTL_S = 300.0
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="mapapp-reach")


def _connect(host: str, port: int, timeout: float) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def reachable(host: str, port: int = 443, timeout: float = 0.8) -> bool:
    """Can a TCP connection to ``host:port`` be opened within ``timeout``? Cached for five minutes.

    The attempt runs in a worker thread so a hanging DNS lookup cannot hold up
    the page beyond ``timeout`` either.
    """
    now = time.monotonic()
    hit = _reach_cache.get((host, port))
    if hit and now - hit[0] < _REACH_TTL_S:
        return hit[1]
    future = _pool.submit(_connect, host, port, timeout)
    try:
        ok = future.result(timeout=timeout + 0.2)
    except FuturesTimeout:
        ok = False
    _reach_cache[(host, port)] = (now, ok)
    return ok


def available_tiles() -> list[TileChoice]:
    """Tile layers worth offering right now: none when offline or forced offline."""
    if offline_forced():
        return []
    return [t for t in TILE_CHOICES if reachable(t.host)]


def tile_layer(choice: TileChoice) -> folium.TileLayer:
    import xyzservices.providers as xyz

    provider = xyz.query_name(choice.provider)
    return folium.TileLayer(tiles=provider.build_url(), attr=provider.html_attribution,
                            name=choice.label, max_zoom=provider.get("max_zoom", 19),
                            overlay=False, control=False)
