"""What a reader's first click on a place needs, read in the background once per server.

A place's panel names its country (the basemap's 1 MB of GeoJSON, about 0.2 s to read) and its
correction form tells namesakes apart by region (a scan of the gazetteer's entries, 0.05–0.2 s).
Each is read once per process and kept, and the first click used to pay for both. Reading them
during the first page's run would cost every first load as much; so it starts a few seconds
after that run, once the page's map has fetched its files from this same server (reading JSON
holds Python's lock, which would hold back the server's answers meanwhile).

Then what is read by that time stays for the server's life (modules, the gazetteer's tables
and memos, the first text's document), so it is moved out of the cyclic collector's walk
(``gc.freeze``): a full pass walked all of it, 0.13-0.18 s in the middle of the occasional
click it fell on, and walks what came later only (0.02 s; bench/app_runs_bench.py).
Objects frozen then are still freed when nothing refers to them; only cyclic garbage among
them would stay, and that is what a server keeps anyway.
"""
from __future__ import annotations

import gc
import threading

from mapapp.app.labels import country_name
from mapapp.gazetteer.query import get_gazetteer

#: Seconds after the first page's run before reading: its map's scripts and basemap are fetched by then.
DELAY_S = 3.0
_lock = threading.Lock()
_timer: threading.Timer | None = None


def _read() -> None:
    country_name("")
    if get_gazetteer.cache_info().currsize:  # only a gazetteer this process has opened: never build one here
        get_gazetteer().preload_regions()
    settle()


def settle() -> None:
    """Collect once, then keep everything alive now out of the collector's later passes."""
    gc.collect()
    gc.freeze()


def warm_later() -> None:
    """Read them in the background, DELAY_S from now, once per process (later calls do nothing)."""
    global _timer
    with _lock:
        if _timer is None:
            _timer = threading.Timer(DELAY_S, _read)
            _timer.daemon = True
            _timer.start()
