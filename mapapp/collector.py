"""The cyclic garbage collector paused while one document is geoparsed, for batch commands.

A geoparse allocates hundreds of thousands of small objects (words, spans, candidates) that
die by reference counting; the collector's generational passes over them cost 1 MB of news
15-20 % of its CPU time and found nothing to free (peak memory is the same without them).
Commands that geoparse document after document (``mapapp geoparse``, ``build``, ``evaluate``,
corpus workers) pause it per document; the collector runs again between documents. The app
does not: its server is shared with Streamlit's own objects for as long as it runs.

A command's process ends right after its last document, and the interpreter's shutdown then
walks the heap in several collections that free nothing the exit would not (0.35 s of CPU
after 1 MB of news, about a seventh of the whole process): ``before_exit`` spares them.
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    """Pause the collector for the block; nested or concurrent blocks share one pause, and
    the collector comes back (if it was on) when the last of them ends."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()


def before_exit() -> None:
    """The process ends now: every object moves to the collector's permanent generation, so
    the interpreter's shutdown collections have nothing to walk (the memory goes with the
    process). Only for a process's entry point, never inside a longer-lived one."""
    gc.freeze()
