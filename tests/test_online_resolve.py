"""Online mode end to end: geoparse sends only unknown place-like names to a real local server."""
from __future__ import annotations

import time

import pytest

from fake_nominatim import FakeNominatim, Reply, place, without_proxies
import mapapp
from mapapp.config import settings

TEXT = ("Die Proteste erreichten auch Almaty in Kasachstan. Im Dorf Kleinkleckersdorf bei Almaty "
        "blieb es ruhig, sagte Präsident Tokajew.")


@pytest.fixture
def fake(monkeypatch, tmp_path):
    without_proxies(monkeypatch)
    server = FakeNominatim().start()
    monkeypatch.setenv("MAPAPP_GEOCODER_URL", server.url)
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    settings.cache_clear()
    yield server
    server.stop()
    settings.cache_clear()


def test_unknown_village_is_found_online_and_known_places_are_not_sent(fake):
    fake.places["Kleinkleckersdorf"] = [place("Kleinkleckersdorf", 43.30, 76.80, "kz", osm_id=77,
                                              type="village", importance=0.2)]
    doc = mapapp.geoparse(TEXT, "de", online=True)
    sent = [r.query["q"] for r in fake.requests]
    assert sent == ["Kleinkleckersdorf"]
    village = doc.place("osm-node-77")
    assert village is not None and village.source == "nominatim:node/77"
    assert village.layer == "cities" and [m.text for m in village.mentions] == ["Kleinkleckersdorf"]
    assert doc.place("almaty-1526384") is not None


def test_unreachable_service_warns_and_keeps_offline_result(fake):
    fake.stop()
    doc = mapapp.geoparse(TEXT, "de", online=True)
    assert doc.warnings and "unreachable" in doc.warnings[0].lower()
    assert {p.id for p in doc.places} >= {"almaty-1526384", "country-kz"}


def test_offline_by_default_sends_nothing(fake, monkeypatch):
    monkeypatch.delenv("MAPAPP_ONLINE", raising=False)
    settings.cache_clear()
    mapapp.geoparse(TEXT, "de")
    assert fake.requests == []


def test_dripping_service_costs_one_deadline_and_keeps_offline_result(fake, monkeypatch):
    monkeypatch.setenv("MAPAPP_GEOCODER_DEADLINE", "1")
    settings.cache_clear()
    offline = mapapp.geoparse(TEXT, "de", online=False)
    fake.queue(Reply.drip(0.3, body=b"[" + b" " * 100 + b"]"))
    start = time.monotonic()
    doc = mapapp.geoparse(TEXT, "de", online=True)
    assert time.monotonic() - start < 1 + 3
    assert len(doc.warnings) == 1 and "timed out after 1 s" in doc.warnings[0]
    assert [p.id for p in doc.places] == [p.id for p in offline.places]
