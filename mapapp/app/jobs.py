"""The app's shared geoparse pool: every reader's texts are geoparsed here, off the script thread.

Fair sharing of a small server: texts under ``small_bytes`` run in their own
lane, so a reader with a short text never waits behind two long uploads; each
reader has at most one job (sending another text cancels the previous one,
unless another reader wants it too); a job whose readers have all left is
cancelled; and every job has a time budget, after which it stops with a
message the reader can act on.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Protocol

from mapapp.app.sources import text_id
from mapapp.errors import GeoparseCancelled, GeoparseTimeout
from mapapp.model import Document

#: Rough geoparsing speed, only to estimate progress for the reader.
GEOPARSE_CHARS_PER_S = 250_000
#: Texts smaller than this (UTF-8 bytes) take the small lane.
SMALL_TEXT_BYTES = 50_000
#: Seconds one job may run before it is stopped.
DEFAULT_BUDGET_S = 120.0


class Run(Protocol):
    """A geoparse that honours a deadline (a ``time.monotonic()`` instant) and a cancel flag."""

    def __call__(self, text: str, lang: str, *, deadline: float, cancel: threading.Event) -> Document: ...


class _Abandoned(threading.Event):
    """A job's cancel flag: set when cancelled, and read as set once no reader wants the job."""

    def __init__(self, wanted: Callable[[], bool]) -> None:
        super().__init__()
        self._wanted = wanted

    def is_set(self) -> bool:
        return super().is_set() or not self._wanted()


@dataclass
class Job:
    """One geoparse running (or queued, or done) in the shared pool."""

    size: int
    started: float
    readers: set[str | None]
    cancel: threading.Event
    future: Future = field(default_factory=Future)

    def progress(self, now: float) -> float:
        """Estimated fraction done, never 1 before it is."""
        if self.future.done():
            return 1.0
        return min(0.95, (now - self.started) * GEOPARSE_CHARS_PER_S / max(self.size, 1))

    def reusable(self) -> bool:
        """Whether a new request for the same text may join this job: a document, or a job
        still running for someone; not a failure, nor a job about to stop."""
        if self.future.done():
            return self.future.exception() is None
        return not self.cancel.is_set()


def streamlit_session_alive(reader: str) -> bool:
    """Whether a Streamlit session is still connected (True outside a Streamlit server)."""
    from streamlit import runtime

    return not runtime.exists() or runtime.get_instance().is_active_session(reader)


class GeoparseJobs:
    """Geoparses run in two small lanes shared by every reader, keyed by (text, language).

    Running them off the script thread lets the page show progress, lets a
    rerun (or a second reader of the same text) join the job already running
    instead of starting another, and bounds how many run at once on a shared
    server. The last ``keep`` finished documents stay cached; failures do not.
    ``run`` receives ``deadline`` and ``cancel`` keywords (see :class:`Run`).
    ``alive(reader)`` says whether a reader's session is still open.
    """

    def __init__(self, run: Run, workers: int = 2, keep: int = 16,
                 clock: Callable[[], float] | None = None, budget_s: float = DEFAULT_BUDGET_S,
                 small_bytes: int = SMALL_TEXT_BYTES,
                 alive: Callable[[str], bool] = streamlit_session_alive) -> None:
        self._run, self._keep, self._workers = run, keep, workers
        self._clock = clock or time.monotonic
        self.budget_s, self.small_bytes = budget_s, small_bytes
        self._alive = alive
        self._lanes: dict[str, ThreadPoolExecutor] = {}
        self._jobs: dict[tuple[str, str], Job] = {}
        self._by_reader: dict[str, tuple[str, str]] = {}
        self._lock = threading.RLock()

    def submit(self, text: str, lang: str, reader: str | None = None) -> Job:
        """The job for this text: the one already running or done, else a new one.

        A ``reader`` (a session id) holds at most one job: their previous one is
        cancelled unless another reader still wants it.
        """
        key = (text_id(text) + str(len(text)), lang)
        small = len(text.encode("utf-8", "surrogatepass")) < self.small_bytes
        with self._lock:
            if reader is not None:
                previous = self._by_reader.get(reader)
                if previous is not None and previous != key:
                    self._leave(reader, previous)
                self._by_reader[reader] = key
            job = self._jobs.pop(key, None)
            if job is None or not job.reusable():
                job = self._start(text, lang, small)
            job.readers.add(reader)
            self._jobs[key] = job
            done = [k for k, j in self._jobs.items() if j.future.done() and k != key]
            for k in done[:max(0, len(self._jobs) - self._keep)]:
                del self._jobs[k]
            self._by_reader = {r: k for r, k in self._by_reader.items() if k in self._jobs}
            return job

    def cancel(self, reader: str) -> None:
        """The reader has gone: their job stops unless another reader wants it."""
        with self._lock:
            key = self._by_reader.pop(reader, None)
            if key is not None:
                self._leave(reader, key)

    def now(self) -> float:
        return self._clock()

    def shutdown(self) -> None:
        """Cancel every job and let the lanes' threads end (tests, server shutdown)."""
        with self._lock:
            for job in self._jobs.values():
                job.cancel.set()
            lanes, self._lanes = list(self._lanes.values()), {}
        for lane in lanes:
            lane.shutdown(wait=False)

    def _leave(self, reader: str, key: tuple[str, str]) -> None:
        job = self._jobs.get(key)
        if job is None:
            return
        job.readers.discard(reader)
        if not job.readers and not job.future.done():
            job.cancel.set()

    def _wanted(self, readers: set[str | None]) -> bool:
        with self._lock:
            return any(r is None or self._alive(r) for r in readers)

    def _start(self, text: str, lang: str, small: bool) -> Job:
        readers: set[str | None] = set()
        job = Job(len(text), self._clock(), readers=readers,
                  cancel=_Abandoned(lambda: self._wanted(readers)))
        lane = self._lane("small" if small else "big", 1 if small else self._workers)
        lane.submit(self._execute, job, text, lang)
        return job

    def _lane(self, name: str, workers: int) -> ThreadPoolExecutor:
        """The lane's threads, created on first use so importing or constructing costs nothing."""
        lane = self._lanes.get(name)
        if lane is None:
            lane = self._lanes[name] = ThreadPoolExecutor(max_workers=workers,
                                                          thread_name_prefix=f"mapapp-geoparse-{name}")
        return lane

    def _execute(self, job: Job, text: str, lang: str) -> None:
        """Run one job into its future; a job cancelled while queued never starts."""
        if not job.future.set_running_or_notify_cancel():
            return
        try:
            if job.cancel.is_set():
                raise GeoparseCancelled("Geoparsing was cancelled before it started.")
            deadline = time.monotonic() + self.budget_s
            doc = self._run(text, lang, deadline=deadline, cancel=job.cancel)
        except GeoparseTimeout as exc:
            job.future.set_exception(GeoparseTimeout(
                f"This text takes longer to map than the {self.budget_s:.0f} seconds one text may take "
                f"on this shared server, so it was stopped ({exc}). Map a shorter part of it here, "
                "or the whole text on your own computer with the command: mapapp build FILE"))
        except BaseException as exc:
            job.future.set_exception(exc)
        else:
            job.future.set_result(doc)
