"""A time limit for one document, enforced inside the thread that geoparses it.

Dask runs tasks in worker threads, where signals (``SIGALRM``) cannot reach, and a thread
cannot be killed; geoparsing in chunks would change the result of every document (language,
context and borders are decided over the whole text). So a timer raises
:class:`DocumentTimeout` *in the geoparsing thread* (``PyThreadState_SetAsyncExc``): the
pipeline stops at its next Python instruction, unwinds normally (``with`` blocks and
``finally`` clauses run), and the worker goes on with the next document. A single long call
into C (one regular expression, one geometry operation) finishes before the stop is seen,
so the limit is cooperative, and costs nothing while it does not fire.
"""
from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: Seconds one document may take before it is stopped and recorded as failed.
DEFAULT_SECONDS = 300.0


class DocumentTimeout(BaseException):
    """A document ran past its time limit. A BaseException, like KeyboardInterrupt, so that no
    ``except Exception`` inside the pipeline can swallow it."""


def _raise_in(thread_id: int, exc_type: type[BaseException] | None) -> None:
    """Schedule ``exc_type`` in a thread (None clears one not delivered yet)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else None)


def call_with_deadline(fn: Callable[[], T], seconds: float | None) -> T:
    """``fn()``, or DocumentTimeout once ``seconds`` have passed (no limit when None or <= 0).

    Once this returns, no DocumentTimeout is pending any more: a stop that fired just as
    ``fn`` finished is either raised here or cleared.
    """
    if not seconds or seconds <= 0:
        return fn()
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"finished": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["finished"]:
                state["fired"] = True
                _raise_in(target, DocumentTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        return fn()
    finally:
        timer.cancel()
        with lock:
            state["finished"] = True
            if state["fired"]:
                _raise_in(target, None)
