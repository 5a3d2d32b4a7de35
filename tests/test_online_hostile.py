"""A misbehaving geocoder against the real local server (issue 16, item 5).

Each case must end in one warning and the offline result, within the
request's deadline, without holding a huge answer in memory or on disk.
Waits are bounded generously: the point is seconds instead of minutes.
"""
from __future__ import annotations

import gzip
import json
import sqlite3
import time
import tracemalloc
from pathlib import Path

import pytest

from fake_nominatim import ALMATY, KURCHATOV, FakeNominatim, Reply, geocoder, place
from mapapp.geocode.cache import CACHE_FILE
from mapapp.geocode.nominatim import OnlineConfig, OnlineGeocoder

#: Slack on top of a deadline for a loaded 2-core machine; the break held a run for 124 s.
SLACK = 2.0


@pytest.fixture
def other():
    server = FakeNominatim().start()
    yield server
    server.stop()


make = geocoder


def cache_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / CACHE_FILE


@pytest.mark.parametrize("in_headers", [False, True], ids=["body", "headers"])
def test_dripping_server_is_cut_at_the_total_deadline(fake, tmp_path, in_headers):
    # A byte every 2.9 s never trips a 3 s per-read timeout, and checking the clock
    # only when a byte arrives would end at 5.8 s: the cut must come at the deadline.
    fake.queue(Reply.drip(2.9, headers=in_headers, body=b"[" + b" " * 8 + b"]"))
    geo = make(fake, tmp_path, deadline=3.0)
    start = time.monotonic()
    assert geo.lookup("Kurchatov") == []
    assert time.monotonic() - start < 3.0 + SLACK
    assert len(geo.warnings) == 1 and "timed out after 3 s" in geo.warnings[0]
    assert "using offline results" in geo.warnings[0]
    assert geo.lookup("Almaty") == [] and len(fake.requests) == 1

    fake.places["Kurchatov"] = [KURCHATOV]
    assert [c.id for c in make(fake, tmp_path).lookup("Kurchatov")] == ["osm-node-202"]
    assert len(fake.requests) == 2


@pytest.mark.parametrize("in_headers", [False, True], ids=["body", "headers"])
def test_dripping_on_a_kept_alive_connection_is_cut_at_the_deadline(tmp_path, in_headers):
    # A connection reused from the session's pool is watched like a new one.
    server = FakeNominatim(keep_alive=True).start()
    try:
        server.places["Almaty"] = [ALMATY]
        geo = make(server, tmp_path, deadline=3.0)
        assert [c.id for c in geo.lookup("Almaty")] == ["osm-node-101"]
        server.queue(Reply.drip(2.9, headers=in_headers, body=b"[" + b" " * 8 + b"]"))
        start = time.monotonic()
        assert geo.lookup("Kurchatov") == []
        assert time.monotonic() - start < 3.0 + SLACK
        assert len(server.requests) == 2 and len({r.client for r in server.requests}) == 1
        assert len(geo.warnings) == 1 and "timed out after 3 s" in geo.warnings[0]
    finally:
        server.stop()


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "until-close"])
def test_huge_answer_is_dropped_unread_and_not_cached(fake, tmp_path, declared):
    fake.queue(Reply.huge(30_000_000, length=declared))
    geo = make(fake, tmp_path, deadline=10.0, max_answer_bytes=2_000_000)
    tracemalloc.start()
    try:
        start = time.monotonic()
        found = geo.lookup("Almaty")
        elapsed = time.monotonic() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == []
    assert peak < 8_000_000, f"peak {peak / 1e6:.1f} MB for a 30 MB answer"
    assert elapsed < 5.0
    assert len(geo.warnings) == 1 and "larger than 2 MB" in geo.warnings[0]
    assert cache_file(tmp_path).stat().st_size < 100_000

    fake.places["Almaty"] = [ALMATY]
    assert [c.id for c in make(fake, tmp_path).lookup("Almaty")] == ["osm-node-101"]
    assert len(fake.requests) == 2


def test_compressed_bomb_is_dropped_while_inflating(fake, tmp_path):
    # 30 kB on the wire, 30 MB inflated: the size limit counts what is decoded.
    bomb = gzip.compress(b"[" + b" " * 30_000_000 + b"]")
    fake.queue(Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    geo = make(fake, tmp_path, max_answer_bytes=2_000_000)
    tracemalloc.start()
    try:
        found = geo.lookup("Almaty")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == []
    assert peak < 8_000_000, f"peak {peak / 1e6:.1f} MB for a 30 MB inflated answer"
    assert len(geo.warnings) == 1 and "larger than 2 MB" in geo.warnings[0]


def test_padded_results_are_cached_trimmed(fake, tmp_path):
    padded = dict(ALMATY, extratags={"note": "x" * 300_000})
    fake.places["Almaty"] = [padded] * 8
    first = make(fake, tmp_path).lookup("Almaty")
    assert [c.id for c in first] == ["osm-node-101"]
    assert cache_file(tmp_path).stat().st_size < 100_000
    again = make(fake, tmp_path)
    assert again.lookup("Almaty") == first and again.requests_sent == 0


@pytest.mark.parametrize("where", ["other port", "other host name", "other scheme"])
def test_redirect_to_another_host_is_not_followed(fake, other, tmp_path, where):
    other.places["Almaty"] = [ALMATY]
    fake.places["Almaty"] = [ALMATY]
    target = {"other port": other.url,
              "other host name": f"http://localhost:{fake.port}",
              "other scheme": f"https://127.0.0.1:{fake.port}"}[where]
    fake.queue(Reply.redirect(f"{target}/search?q=Almaty&format=json&limit=5&addressdetails=1"))
    geo = make(fake, tmp_path)
    assert geo.lookup("Almaty") == []
    assert len(fake.requests) == 1 and other.requests == []
    assert len(geo.warnings) == 1 and "redirected to another host" in geo.warnings[0]


def test_redirect_within_the_same_host_is_followed(fake, tmp_path):
    fake.places["Almaty"] = [ALMATY]
    fake.queue(Reply.redirect("/search?q=Almaty&format=json&limit=5&addressdetails=1", status=301))
    geo = make(fake, tmp_path)
    assert [c.id for c in geo.lookup("Almaty")] == ["osm-node-101"]
    assert [r.path for r in fake.requests] == ["/search", "/search"] and geo.warnings == []


def test_redirect_loop_on_the_same_host_stops(fake, tmp_path):
    fake.queue(*[Reply.redirect("/search?q=Almaty")] * 10)
    geo = make(fake, tmp_path)
    assert geo.lookup("Almaty") == []
    assert len(fake.requests) == 4
    assert len(geo.warnings) == 1 and "redirected more than 3 times" in geo.warnings[0]


def test_cache_is_bounded_and_evicts_the_oldest(fake, tmp_path):
    names = [f"Dorf{i:03d}" for i in range(80)]
    for i, name in enumerate(names):
        fake.places[name] = [place(name, 43.0, 76.0, "kz", osm_id=1000 + i)]
    geo = make(fake, tmp_path, cache_max_bytes=8_000)
    for name in names:
        assert geo.lookup(name)
    # Unbounded, 80 answers of ~400 bytes take over 40 kB.
    assert cache_file(tmp_path).stat().st_size < 32_000
    again = make(fake, tmp_path, cache_max_bytes=8_000)
    assert again.lookup(names[-1]) and again.requests_sent == 0
    assert again.lookup(names[0]) and again.requests_sent == 1


def test_damaged_cache_file_is_set_aside(fake, tmp_path):
    fake.places["Almaty"] = [ALMATY]
    cache_file(tmp_path).parent.mkdir(parents=True)
    cache_file(tmp_path).write_bytes(b"not a database at all " * 500)
    geo = make(fake, tmp_path)
    assert [c.id for c in geo.lookup("Almaty")] == ["osm-node-101"]
    assert len(geo.warnings) == 1 and "set aside" in geo.warnings[0]
    aside = cache_file(tmp_path).with_name(CACHE_FILE + ".damaged")
    assert aside.read_bytes().startswith(b"not a database")
    again = make(fake, tmp_path)
    assert again.lookup("Almaty") and again.requests_sent == 0 and again.warnings == []


def test_damaged_cache_entry_is_asked_again(fake, tmp_path):
    fake.places["Almaty"] = [ALMATY]
    make(fake, tmp_path).lookup("Almaty")
    with sqlite3.connect(cache_file(tmp_path)) as con:
        con.execute("UPDATE answers SET results = '[{\"lat\": '")
    geo = make(fake, tmp_path)
    assert [c.id for c in geo.lookup("Almaty")] == ["osm-node-101"]
    assert geo.requests_sent == 1 and geo.warnings == []


def test_cache_of_the_old_unbounded_layout_is_discarded(fake, tmp_path):
    cache_file(tmp_path).parent.mkdir(parents=True)
    with sqlite3.connect(cache_file(tmp_path)) as con:
        con.execute("CREATE TABLE answers (key TEXT PRIMARY KEY, results TEXT NOT NULL,"
                    " fetched REAL NOT NULL)")
        con.execute("INSERT INTO answers VALUES ('big', ?, ?)",
                    (json.dumps([{"pad": "x" * 2_000_000}]), time.time()))
    fake.places["Almaty"] = [ALMATY]
    geo = make(fake, tmp_path)
    assert [c.id for c in geo.lookup("Almaty")] == ["osm-node-101"] and geo.warnings == []
    assert cache_file(tmp_path).stat().st_size < 100_000


@pytest.mark.parametrize("url", ["ftp://geo.example", "http://geo example", "http://geo.example:99999"])
def test_unusable_service_url_is_one_warning(tmp_path, url):
    geo = OnlineGeocoder(OnlineConfig(base_url=url, cache_dir=tmp_path, min_interval=0.0))
    assert geo.lookup("Almaty") == [] and geo.lookup("Astana") == []
    assert len(geo.warnings) == 1 and "URL is not" in geo.warnings[0]
