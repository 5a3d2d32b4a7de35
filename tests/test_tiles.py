"""Online tiles are opt-in: by default the app never opens a connection to a tile server."""
from __future__ import annotations

import socket
import subprocess
import sys

from mapapp.config import settings
from mapapp.render.webmap import tiles


def test_no_connection_is_attempted_by_default(monkeypatch):
    monkeypatch.delenv("MAPAPP_TILES", raising=False)
    monkeypatch.delenv("MAPAPP_OFFLINE", raising=False)
    settings.cache_clear()
    monkeypatch.setattr(tiles, "_reach_cache", {})
    attempts = []
    monkeypatch.setattr(tiles.socket, "create_connection", lambda *a, **k: attempts.append(a))
    assert tiles.available_tiles() == []
    assert attempts == []


def test_tiles_opted_in_are_offered_when_their_host_answers(monkeypatch):
    monkeypatch.setenv("MAPAPP_TILES", "1")
    settings.cache_clear()
    monkeypatch.setattr(tiles, "_reach_cache", {})
    monkeypatch.setattr(tiles, "_connect", lambda host, port, timeout: host == "tile.openstreetmap.org")
    assert [t.label for t in tiles.available_tiles()] == ["OpenStreetMap"]


def test_offline_wins_over_tiles(monkeypatch):
    monkeypatch.setenv("MAPAPP_TILES", "1")
    monkeypatch.setenv("MAPAPP_OFFLINE", "1")
    settings.cache_clear()
    attempts = []
    monkeypatch.setattr(tiles, "_reach_cache", {})
    monkeypatch.setattr(tiles, "_connect", lambda *a: attempts.append(a) or True)
    assert tiles.available_tiles() == []
    assert attempts == []


def test_reachable_tells_an_open_port_from_a_closed_one():
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen()
        assert tiles.reachable("127.0.0.1", srv.getsockname()[1])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    assert not tiles.reachable("127.0.0.1", closed)


def test_importing_the_map_modules_creates_no_thread_pool():
    code = ("import gc, concurrent.futures as cf\n"
            "import mapapp.render.webmap.assets, mapapp.render.webmap.tiles, mapapp.render.webmap.mapview\n"
            "print(any(isinstance(o, cf.ThreadPoolExecutor) for o in gc.get_objects()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr
