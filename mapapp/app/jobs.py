"""The app's shared geoparse pool: every reader's texts are geoparsed here, off the script thread."""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from mapapp.app.sources import text_id
from mapapp.model import Document


#: Rough geoparsing speed, only to estimate progress for the reader.
GEOPARSE_CHARS_PER_S = 250_000


@dataclass
class Job:
    """One geoparse running (or done) in the shared pool."""

    size: int
    started: float
    future: Future

    def progress(self, now: float) -> float:
        """Estimated fraction done, never 1 before it is."""
        if self.future.done():
            return 1.0
        return min(0.95, (now - self.started) * GEOPARSE_CHARS_PER_S / max(self.size, 1))


class GeoparseJobs:
    """Geoparses run in a small shared pool, keyed by (text, language).

    Running them off the script thread lets the page show progress, lets a
    rerun (or a second reader of the same text) join the job already running
    instead of starting another, and bounds how many run at once on a shared
    server. The last ``keep`` finished documents stay cached; failures do not.
    """

    def __init__(self, run: Callable[[str, str], Document], workers: int = 2, keep: int = 16,
                 clock: Callable[[], float] | None = None):
        import time

        self._run, self._keep = run, keep
        self._clock = clock or time.monotonic
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mapapp-geoparse")
        self._jobs: dict[tuple[str, str], Job] = {}
        self._lock = threading.Lock()

    def submit(self, text: str, lang: str) -> Job:
        key = (text_id(text) + str(len(text)), lang)
        with self._lock:
            job = self._jobs.pop(key, None)
            if job is None or (job.future.done() and job.future.exception() is not None):
                job = Job(len(text), self._clock(), self._pool.submit(self._run, text, lang))
            self._jobs[key] = job
            done = [k for k, j in self._jobs.items() if j.future.done() and k != key]
            for k in done[:max(0, len(self._jobs) - self._keep)]:
                del self._jobs[k]
            return job

    def now(self) -> float:
        return self._clock()
