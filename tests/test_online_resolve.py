"""Online mode end to end: geoparse sends only unknown place-like names to a real local server."""
from __future__ import annotations

import pytest

from fake_nominatim import FakeNominatim, place
import mapapp

TEXT = ("Die Proteste erreichten auch Almaty in Kasachstan. Im Dorf Kleinkleckersdorf bei Almaty "
        "blieb es ruhig, sagte Präsident Tokajew.")


@pytest.fixture
def fake(monkeypatch, tmp_path):
    server = FakeNominatim().start()
    monkeypatch.setenv("MAPAPP_GEOCODER_URL", server.url)
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    yield server
    server.stop()


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
    mapapp.geoparse(TEXT, "de")
    assert fake.requests == []
