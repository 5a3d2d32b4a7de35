"""The online geocoder against a real local HTTP server: answers, failures, cache, politeness."""
from __future__ import annotations

import gzip
import json
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from fake_nominatim import ALMATY, KURCHATOV, Reply, geocoder, place
from mapapp.config import settings
from mapapp.geocode.candidates import candidate_from_result
from mapapp.config import online_enabled
from mapapp.geocode.nominatim import OnlineConfig, cli
from mapapp.geocode.policy import retry_delay



make = geocoder


def test_answer_becomes_ranked_candidates_with_osm_source(fake, tmp_path):
    fake.places["Almaty"] = [ALMATY, place("Almaty Museum", 43.25, 76.95, "kz", osm_type="way",
                                           osm_id=303, cls="tourism", type="museum",
                                           importance=0.2)]
    geo = make(fake, tmp_path)
    found = geo.lookup("Almaty", lang="de")
    assert [c.id for c in found] == ["osm-node-101", "osm-way-303"]
    city, museum = found
    assert (city.layer, city.category, city.country_code) == ("cities", "city", "KZ")
    assert city.source == "nominatim:node/101"
    assert city.score == pytest.approx(0.7)
    assert city.lat == pytest.approx(43.238) and city.lon == pytest.approx(76.945)
    assert (museum.layer, museum.category, museum.source) == ("sites", "museum", "nominatim:way/303")
    sent = fake.requests[0]
    assert sent.path == "/search"
    assert sent.query["q"] == "Almaty"
    assert sent.query["accept-language"] == "de"
    assert sent.query["addressdetails"] == "1" and sent.query["limit"] == "5"
    assert "countrycodes" not in sent.query
    assert geo.warnings == [] and geo.requests_sent == 1


def test_user_agent_names_mapapp(fake, tmp_path):
    make(fake, tmp_path).lookup("Almaty")
    assert fake.requests[0].headers["User-Agent"].startswith("mapapp/")


def test_service_is_reached_through_the_proxy_of_the_environment(fake, tmp_path, monkeypatch):
    # The fake stands in for a proxy: the geocoder's own host does not resolve.
    monkeypatch.setenv("HTTP_PROXY", fake.url)
    fake.places["Almaty"] = [ALMATY]
    geo = make(fake, tmp_path, base_url="http://nominatim.invalid", deadline=2.0)
    assert [c.id for c in geo.lookup("Almaty")] == ["osm-node-101"]
    assert fake.requests[0].headers["Host"] == "nominatim.invalid" and geo.warnings == []
    fake.queue(Reply.drip(1.5, headers=True))
    start = time.monotonic()
    assert geo.lookup("Kurchatov") == []
    assert time.monotonic() - start < 2.0 + 2.0
    assert "timed out after 2 s" in geo.warnings[0]


def test_compressed_answer_is_read(fake, tmp_path):
    fake.queue(Reply(body=gzip.compress(json.dumps([ALMATY]).encode()),
                     headers={"Content-Encoding": "gzip"}))
    geo = make(fake, tmp_path)
    assert [c.id for c in geo.lookup("Almaty")] == ["osm-node-101"] and geo.warnings == []
    assert "gzip" in fake.requests[0].headers["Accept-Encoding"]


def test_empty_answer_is_empty_without_warning(fake, tmp_path):
    geo = make(fake, tmp_path)
    assert geo.lookup("Nowhereville") == []
    assert geo.warnings == []


def test_rate_limited_then_success_waits_as_told(fake, tmp_path):
    fake.queue(Reply(status=429, body={"error": "slow down"}, headers={"Retry-After": "1"}),
               Reply(body=[KURCHATOV]))
    geo = make(fake, tmp_path)
    assert [c.name for c in geo.lookup("Kurchatov")] == ["Kurchatov"]
    first, second = fake.requests
    assert second.time - first.time >= 0.95
    assert geo.warnings == [] and geo.requests_sent == 2


def test_server_error_then_success_retries(fake, tmp_path):
    fake.queue(Reply(status=503, body=b"busy"), Reply(body=[KURCHATOV]))
    geo = make(fake, tmp_path)
    assert [c.id for c in geo.lookup("Kurchatov")] == ["osm-node-202"]
    assert len(fake.requests) == 2 and geo.warnings == []


def test_persistent_server_error_gives_up_after_bounded_retries(fake, tmp_path):
    fake.queue(*[Reply(status=500, body=b"oops")] * 5)
    geo = make(fake, tmp_path, max_retries=2)
    assert geo.lookup("Kurchatov") == []
    assert len(fake.requests) == 3
    assert "HTTP 500" in geo.warnings[0]


def test_retry_after_longer_than_the_cap_is_not_waited_for(fake, tmp_path):
    fake.queue(Reply(status=429, headers={"Retry-After": "120"}))
    geo = make(fake, tmp_path, max_wait=2.0)
    start = time.monotonic()
    assert geo.lookup("Kurchatov") == []
    assert time.monotonic() - start < 1.0
    assert len(fake.requests) == 1 and geo.warnings


def test_slow_answer_times_out_fast_with_warning(fake, tmp_path):
    fake.queue(Reply(body=[KURCHATOV], delay=3.0))
    geo = make(fake, tmp_path, deadline=0.5)
    start = time.monotonic()
    assert geo.lookup("Kurchatov") == []
    assert time.monotonic() - start < 2.0
    assert "timed out" in geo.warnings[0]
    assert geo.lookup("Almaty") == [] and len(fake.requests) == 1


def test_malformed_json_is_a_warning_not_a_traceback(fake, tmp_path):
    fake.queue(Reply(body=b'[{"lat": "43.2", "lon":'))
    geo = make(fake, tmp_path)
    assert geo.lookup("Almaty") == []
    assert "malformed" in geo.warnings[0]


def test_unreachable_server_falls_back_fast_and_stops_asking(fake, tmp_path):
    port = fake.port
    fake.stop()
    geo = make(fake, tmp_path, deadline=2.0)
    start = time.monotonic()
    assert geo.lookup("Almaty") == []
    assert time.monotonic() - start < 2.0
    assert len(geo.warnings) == 1 and "unreachable" in geo.warnings[0]
    assert "connection refused" in geo.warnings[0]
    assert "using offline results" in geo.warnings[0]
    fake.port = port
    fake.start()
    fake.places["Kurchatov"] = [KURCHATOV]
    assert geo.lookup("Kurchatov") == []
    assert fake.requests == [] and geo.requests_sent == 1
    assert len(geo.warnings) == 1


def test_cache_sends_a_query_once_across_instances(fake, tmp_path):
    fake.places["Almaty"] = [ALMATY]
    geo = make(fake, tmp_path)
    first = geo.lookup("Almaty")
    assert geo.lookup("  almaty ") == first
    assert geo.lookup("Nowhereville") == [] and geo.lookup("Nowhereville") == []
    assert len(fake.requests) == 2
    again = make(fake, tmp_path)
    assert again.lookup("Almaty") == first and again.lookup("Nowhereville") == []
    assert again.requests_sent == 0 and len(fake.requests) == 2
    other_language = make(fake, tmp_path).lookup("Almaty", lang="ru")
    assert other_language == first and len(fake.requests) == 3


def test_failures_are_not_cached(fake, tmp_path):
    fake.queue(Reply(body=b"<html>not json</html>"))
    fake.places["Almaty"] = [ALMATY]
    assert make(fake, tmp_path).lookup("Almaty") == []
    assert [c.id for c in make(fake, tmp_path).lookup("Almaty")] == ["osm-node-101"]


def test_requests_are_spaced_by_min_interval(fake, tmp_path):
    geo = make(fake, tmp_path, min_interval=0.3)
    for name in ("Almaty", "Astana", "Semey"):
        geo.lookup(name)
    times = [r.time for r in fake.requests]
    assert len(times) == 3
    # Spacing is enforced at send time; arrival times carry loopback jitter, which on a loaded
    # machine reached 0.06 s. Unspaced requests arrive a few milliseconds apart.
    assert all(b - a >= 0.2 for a, b in zip(times, times[1:]))
    assert times[-1] - times[0] >= 0.5


def test_country_context_filters_then_retries_without_it(fake, tmp_path):
    fake.places["Kurchatov"] = [place("Kurchatov", 51.66, 35.65, "ru", osm_id=404,
                                      importance=0.45), KURCHATOV]
    geo = make(fake, tmp_path)
    assert [c.country_code for c in geo.lookup("Kurchatov", country_codes=["KZ"])] == ["KZ"]
    assert fake.requests[0].query["countrycodes"] == "kz"

    fake.places["Baikonur"] = [place("Baikonur", 45.62, 63.31, "kz", osm_id=505, importance=0.5)]
    found = geo.lookup("Baikonur", country_codes=["RU"])
    assert [q.query.get("countrycodes") for q in fake.requests[1:]] == ["ru", None]
    assert found == []


def test_out_of_context_results_rank_after_or_drop(fake, tmp_path):
    fake.places["Paris"] = [place("Paris", 48.8589, 2.32, "fr", osm_id=7, type="city", importance=0.9),
                            place("Paris", 33.66, -95.55, "us", osm_id=8, importance=0.3)]
    geo = make(fake, tmp_path)
    found = geo.lookup("Paris", country_codes=["KZ"], near=[(43.24, 76.95)])
    assert [c.id for c in found] == ["osm-node-7"]
    assert found[0].score < 0.9
    near_texas = geo.lookup("Paris", country_codes=["KZ"], near=[(32.78, -96.8)])
    assert [c.id for c in near_texas] == ["osm-node-8", "osm-node-7"]


def test_settlement_boundary_is_a_city_and_bad_results_are_skipped():
    boundary = place("Astana", 51.13, 71.43, "kz", osm_type="relation", osm_id=9,
                     cls="boundary", type="administrative", addresstype="city")
    cand = candidate_from_result(boundary)
    assert cand is not None and (cand.layer, cand.category, cand.id) == ("cities", "city",
                                                                         "osm-relation-9")
    assert candidate_from_result({"osm_type": "node", "osm_id": 1, "lat": "x", "lon": "1"}) is None
    assert candidate_from_result({"lat": "1", "lon": "2"}) is None


def test_online_is_off_by_default_and_flag_wins(monkeypatch):
    monkeypatch.delenv("MAPAPP_ONLINE", raising=False)
    settings.cache_clear()
    assert online_enabled() is False
    monkeypatch.setenv("MAPAPP_ONLINE", "yes")
    settings.cache_clear()
    assert online_enabled() is True
    assert online_enabled(False) is False
    monkeypatch.setenv("MAPAPP_ONLINE", "0")
    settings.cache_clear()
    assert online_enabled(True) is True and online_enabled() is False


def test_config_from_env(monkeypatch, tmp_path):
    monkeypatch.delenv("MAPAPP_GEOCODER_URL", raising=False)
    monkeypatch.delenv("MAPAPP_GEOCODER_MIN_INTERVAL", raising=False)
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path))
    for name in ("MAPAPP_GEOCODER_DEADLINE", "MAPAPP_GEOCODER_MAX_ANSWER_MB", "MAPAPP_GEOCODER_CACHE_MB"):
        monkeypatch.delenv(name, raising=False)
    settings.cache_clear()
    public = OnlineConfig.from_settings()
    assert public.base_url == "https://nominatim.openstreetmap.org"
    assert public.cache_dir == tmp_path and public.interval >= 1.0
    assert "mapapp" in public.user_agent
    assert public.deadline == 10.0 and public.max_answer_bytes == 2_000_000
    monkeypatch.setenv("MAPAPP_GEOCODER_URL", "http://geo.example:8080/nominatim/")
    monkeypatch.setenv("MAPAPP_GEOCODER_DEADLINE", "1.5")
    monkeypatch.setenv("MAPAPP_GEOCODER_MAX_ANSWER_MB", "0.5")
    monkeypatch.setenv("MAPAPP_GEOCODER_CACHE_MB", "3")
    settings.cache_clear()
    own = OnlineConfig.from_settings()
    assert own.base_url == "http://geo.example:8080/nominatim" and own.interval == 0.0
    assert (own.deadline, own.max_answer_bytes, own.cache_max_bytes) == (1.5, 500_000, 3_000_000)
    too_fast = OnlineConfig(base_url=public.base_url, cache_dir=tmp_path, min_interval=0.1)
    assert too_fast.interval == 1.0


def test_base_url_path_prefix_is_kept(fake, tmp_path):
    make(fake, tmp_path, base_url=fake.url + "/nominatim/").lookup("Almaty")
    assert fake.requests[0].path == "/nominatim/search"


def test_cli_prints_candidates(fake, tmp_path, monkeypatch, capsys):
    fake.places["Almaty"] = [ALMATY]
    monkeypatch.setenv("MAPAPP_GEOCODER_URL", fake.url)
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path))
    settings.cache_clear()
    assert cli(["Almaty", "--lang", "de", "--country", "KZ"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [c["source"] for c in out] == ["nominatim:node/101"]
    assert cli(["Nowhereville"]) == 1


def test_retry_after_as_seconds_or_date_and_capped():
    soon = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=3), usegmt=True)
    assert 1.5 < retry_delay(0, {"retry-after": soon}, backoff=0.1, max_wait=5.0) <= 3.0
    assert retry_delay(0, {"retry-after": "2"}, backoff=0.1, max_wait=5.0) == 2.0
    assert retry_delay(2, {"retry-after": "soon"}, backoff=0.5, max_wait=5.0) == 2.0
    assert retry_delay(0, {"retry-after": "60"}, backoff=0.1, max_wait=5.0) is None
