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
import itertools
import threading
import time
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


class _Watchdog:
    """One daemon thread per process that stops the threads whose deadline has passed.

    Arming and disarming only touch a dict under a lock: no thread is started per document
    (starting one waits for it to be scheduled, which costs milliseconds on a busy machine).
    The watchdog looks every ``TICK`` seconds, so a limit fires up to that much late.
    """

    TICK = 0.25

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._due: dict[int, list] = {}  # token -> [deadline, thread id, fired]
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> int:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="mapapp-doc-deadline", daemon=True)
                self._thread.start()
            token = next(self._tokens)
            self._due[token] = [time.monotonic() + seconds, threading.get_ident(), False]
            return token

    def disarm(self, token: int) -> None:
        """No stop is pending for this thread after this: one that fired late is cleared."""
        with self._lock:
            _, thread_id, fired = self._due.pop(token)
            if fired:
                _raise_in(thread_id, None)

    def _run(self) -> None:
        while True:
            time.sleep(self.TICK)
            now = time.monotonic()
            with self._lock:
                for entry in self._due.values():
                    if not entry[2] and entry[0] <= now:
                        entry[2] = True
                        _raise_in(entry[1], DocumentTimeout)


_WATCHDOG = _Watchdog()


def call_with_deadline(fn: Callable[[], T], seconds: float | None) -> T:
    """``fn()``, or DocumentTimeout once ``seconds`` have passed (no limit when None or <= 0).

    Once this returns, no DocumentTimeout is pending any more: a stop that fired just as
    ``fn`` finished is either raised here or cleared.
    """
    if not seconds or seconds <= 0:
        return fn()
    token = _WATCHDOG.arm(seconds)
    try:
        return fn()
    finally:
        _WATCHDOG.disarm(token)
