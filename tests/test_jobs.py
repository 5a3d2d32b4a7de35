"""The app's shared geoparse pool is fair: small texts have their own lane, a reader holds one job,
jobs of readers who left stop, and a job out of time says so. Driven by events, never by sleeps."""
from __future__ import annotations

import threading

import pytest

from mapapp.app.jobs import GeoparseJobs
from mapapp.errors import GeoparseCancelled, GeoparseTimeout

WAIT = 30   # seconds: only a safety net so a broken pool fails instead of hanging

BIG = "x" * 60_000


class FakeGeoparse:
    """Stands in for geoparse: a big text is a number of passages, and each passage waits for
    the test to ``step`` that text; like geoparse it checks ``cancel`` before every passage."""

    def __init__(self, passages: int = 3) -> None:
        self.passages = passages
        self.started: dict[str, threading.Event] = {}
        self.steps: dict[str, threading.Semaphore] = {}
        self.deadlines: dict[str, float] = {}
        self.lock = threading.Lock()

    def started_event(self, text: str) -> threading.Event:
        with self.lock:
            return self.started.setdefault(text, threading.Event())

    def _steps(self, text: str) -> threading.Semaphore:
        with self.lock:
            return self.steps.setdefault(text, threading.Semaphore(0))

    def step(self, text: str, n: int = 1) -> None:
        self._steps(text).release(n)

    def finish(self) -> None:
        for text in list(self.steps):
            self.step(text, self.passages)

    def __call__(self, text: str, lang: str, *, deadline: float, cancel: threading.Event) -> str:
        self.deadlines[text] = deadline
        self.started_event(text).set()
        if len(text) < 1000:
            return text.upper()
        for done in range(self.passages):
            if cancel.is_set():
                raise GeoparseCancelled(f"cancelled after {done} passages")
            assert self._steps(text).acquire(timeout=WAIT), "the test never stepped this passage"
        return text.upper()


@pytest.fixture
def fake():
    return FakeGeoparse()


@pytest.fixture
def jobs(fake):
    pool = GeoparseJobs(fake, alive=lambda reader: True)
    yield pool
    fake.finish()
    pool.shutdown()


def test_no_thread_starts_before_the_first_text(fake):
    before = set(threading.enumerate())
    pool = GeoparseJobs(fake, alive=lambda reader: True)
    assert set(threading.enumerate()) == before
    assert pool.submit("Berlin", "de").future.result(WAIT) == "BERLIN"
    assert [t.name.rsplit("_", 1)[0] for t in set(threading.enumerate()) - before] == ["mapapp-geoparse-small"]
    pool.shutdown()


def test_a_small_text_is_mapped_while_two_big_ones_fill_their_lane(jobs, fake):
    one = jobs.submit(BIG + "1", "de", reader="ann")
    two = jobs.submit(BIG + "2", "de", reader="bob")
    three = jobs.submit(BIG + "3", "de", reader="cem")   # queued behind the two
    assert fake.started_event(BIG + "1").wait(WAIT) and fake.started_event(BIG + "2").wait(WAIT)

    small = jobs.submit("Berlin und Wien", "de", reader="dan")
    assert small.future.result(WAIT) == "BERLIN UND WIEN"
    assert not (one.future.done() or two.future.done() or three.future.done())
    assert not fake.started_event(BIG + "3").is_set()

    for c in "123":
        fake.step(BIG + c, fake.passages)
    assert [j.future.result(WAIT) for j in (one, two, three)] == [(BIG + c).upper() for c in "123"]


def test_a_second_reader_of_the_same_text_joins_the_running_job(jobs, fake):
    first = jobs.submit(BIG, "de", reader="ann")
    assert jobs.submit(BIG, "de", reader="bob") is first
    fake.step(BIG, fake.passages)
    assert first.future.result(WAIT) == BIG.upper()
    assert jobs.submit(BIG, "de", reader="cem") is first   # finished documents are kept


def test_a_new_text_from_the_same_reader_cancels_the_previous_job(jobs, fake):
    old = jobs.submit(BIG + "old", "de", reader="ann")
    assert fake.started_event(BIG + "old").wait(WAIT)
    new = jobs.submit(BIG + "new", "de", reader="ann")
    fake.step(BIG + "old")
    with pytest.raises(GeoparseCancelled):
        old.future.result(WAIT)
    fake.step(BIG + "new", fake.passages)
    assert new.future.result(WAIT) == (BIG + "new").upper()


def test_a_job_another_reader_still_wants_goes_on(jobs, fake):
    shared = jobs.submit(BIG, "de", reader="ann")
    jobs.submit(BIG, "de", reader="bob")
    jobs.submit("Paris", "de", reader="ann")
    jobs.cancel("ann")
    fake.step(BIG, fake.passages)
    assert shared.future.result(WAIT) == BIG.upper()


def test_cancel_stops_the_readers_job(jobs, fake):
    job = jobs.submit(BIG, "de", reader="ann")
    assert fake.started_event(BIG).wait(WAIT)
    fake.step(BIG)
    jobs.cancel("ann")
    fake.step(BIG)
    with pytest.raises(GeoparseCancelled):
        job.future.result(WAIT)
    again = jobs.submit(BIG, "de", reader="bob")
    assert again is not job                               # a cancelled job is not joined
    fake.step(BIG, fake.passages)
    assert again.future.result(WAIT) == BIG.upper()


def test_a_job_stops_when_its_readers_session_ends(fake):
    open_sessions = {"ann"}
    pool = GeoparseJobs(fake, alive=lambda reader: reader in open_sessions)
    job = pool.submit(BIG, "de", reader="ann")
    assert fake.started_event(BIG).wait(WAIT)
    open_sessions.clear()
    fake.step(BIG)
    with pytest.raises(GeoparseCancelled):
        job.future.result(WAIT)
    pool.shutdown()


def test_a_queued_job_of_a_reader_who_left_never_runs(jobs, fake):
    jobs.submit(BIG + "1", "de", reader="ann")
    jobs.submit(BIG + "2", "de", reader="bob")
    queued = jobs.submit(BIG + "3", "de", reader="cem")
    jobs.cancel("cem")
    fake.step(BIG + "1", fake.passages)
    fake.step(BIG + "2", fake.passages)
    with pytest.raises(GeoparseCancelled):
        queued.future.result(WAIT)
    assert not fake.started_event(BIG + "3").is_set()


def test_running_out_of_time_tells_the_reader_what_to_do(fake):
    def slow(text, lang, *, deadline, cancel):
        fake(text, lang, deadline=deadline, cancel=cancel)
        raise GeoparseTimeout("Geoparsing ran out of time after 2 of 9 passages.")

    pool = GeoparseJobs(slow, budget_s=45, alive=lambda reader: True)
    job = pool.submit("Berlin", "de", reader="ann")
    with pytest.raises(GeoparseTimeout) as err:
        job.future.result(WAIT)
    message = str(err.value)
    assert "45 seconds" in message and "after 2 of 9 passages" in message
    assert "shorter" in message and "mapapp build" in message
    assert 0 < fake.deadlines["Berlin"] - pool.now() <= 45
    assert pool.submit("Berlin", "de", reader="ann") is not job   # a failure is not cached
    pool.shutdown()
