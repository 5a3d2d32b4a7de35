"""Online tile layers over the offline basemap: opt-in, and offered only when their server answers.

By default mapapp makes no connection at all (the basemap is served locally);
``MAPAPP_TILES=1`` lets the app try each tile host once every five minutes, and
``MAPAPP_OFFLINE=1`` forbids it even then.
"""
from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass
from functools import lru_cache

import folium

from mapapp.config import settings

_REACH_TTL_S = 300.0
_reach_cache: dict[tuple[str, int], tuple[float, bool]] = {}


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


def tiles_enabled() -> bool:
    """Whether online tiles may be tried at all (``MAPAPP_TILES`` on, ``MAPAPP_OFFLINE`` off)."""
    config = settings()
    return config.tiles and not config.offline


@lru_cache(maxsize=1)
def _pool() -> ThreadPoolExecutor:
    """Created on the first check, so importing mapapp starts no threads."""
    return ThreadPoolExecutor(max_workers=4, thread_name_prefix="mapapp-reach")


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
    future = _pool().submit(_connect, host, port, timeout)
    try:
        ok = future.result(timeout=timeout + 0.2)
    except FuturesTimeout:
        ok = False
    _reach_cache[(host, port)] = (now, ok)
    return ok


def available_tiles() -> list[TileChoice]:
    """Tile layers worth offering right now: none unless enabled, and only those whose host answers."""
    if not tiles_enabled():
        return []
    return [t for t in TILE_CHOICES if reachable(t.host)]


def tile_layer(choice: TileChoice) -> folium.TileLayer:
    import xyzservices.providers as xyz

    provider = xyz.query_name(choice.provider)
    return folium.TileLayer(tiles=provider.build_url(), attr=provider.html_attribution,
                            name=choice.label, max_zoom=provider.get("max_zoom", 19),
                            overlay=False, control=False)
