"""A hand-built Document of the seed text, so the views can be tested without the geoparser."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from shapely.geometry import LineString, MultiLineString, Point, shape

from mapapp.basemap import countries_geojson
from mapapp.model import Candidate, Document, Mention, Passage, Place
from mapapp.paths import SEED_FILE


def split_passages(text: str) -> list[Passage]:
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        if m.group().strip():
            out.append(Passage(len(out), m.start(), m.end(), m.group()))
    return out


def _mentions(text: str, passages: list[Passage], pattern: str, kind: str = "toponym") -> list[Mention]:
    found = []
    for m in re.finditer(pattern, text):
        idx = next(p.index for p in passages if p.start <= m.start() < p.end)
        found.append(Mention(m.start(), m.end(), m.group(), kind, idx))
    return found


def _country(iso: str):
    feat = next(f for f in countries_geojson()["features"] if f["properties"]["iso_a2"] == iso)
    return shape(feat["geometry"])


def _cand(cid, name, layer, cat, cc, lat, lon, score=0.5) -> Candidate:
    return Candidate(cid, name, layer, cat, cc, lat, lon, "test", score)


def make_document(text: str) -> Document:
    """Places of the seed with coordinates from GeoNames/Wikipedia (rounded)."""
    ps = split_passages(text)
    baikonur_c = _cand("site:baikonur", "Baikonur Cosmodrome", "sites", "cosmodrome", "KZ", 45.965, 63.305, 0.9)
    baikonur_town = _cand("gn:1521368", "Baikonur", "cities", "town", "KZ", 45.617, 63.317, 0.4)
    almaty = _cand("gn:1526384", "Almaty", "cities", "city", "KZ", 43.25, 76.917, 0.9)
    moskau = _cand("gn:524901", "Moscow", "cities", "capital", "RU", 55.752, 37.616, 0.9)
    places = [
        Place("country:KZ", "Kazakhstan", "countries", "country", "KZ", "naturalearth",
              _country("KZ"), 48.0, 67.0, _mentions(text, ps, r"Kasachstans?\b"),
              [_cand("country:KZ", "Kazakhstan", "countries", "country", "KZ", 48.0, 67.0, 1.0)]),
        Place("country:RU", "Russia", "countries", "country", "RU", "naturalearth",
              _country("RU"), 61.5, 99.0, _mentions(text, ps, r"Russlands?\b"),
              [_cand("country:RU", "Russia", "countries", "country", "RU", 61.5, 99.0, 1.0)]),
        Place("gn:524901", "Moscow", "cities", "capital", "RU", "geonames",
              Point(37.616, 55.752), 55.752, 37.616, _mentions(text, ps, r"Moskau"), [moskau]),
        Place("gn:1526384", "Almaty", "cities", "city", "KZ", "geonames",
              Point(76.917, 43.25), 43.25, 76.917, _mentions(text, ps, r"Almaty"), [almaty]),
        Place("site:baikonur", "Baikonur Cosmodrome", "sites", "cosmodrome", "KZ", "mapapp-sites",
              Point(63.305, 45.965), 45.965, 63.305, _mentions(text, ps, r"Kosmodrom Baikonur"),
              [baikonur_c, baikonur_town]),
        Place("site:sary-shagan", "Sary Shagan", "sites", "missile_test_range", "KZ", "mapapp-sites",
              Point(73.57, 46.38), 46.38, 73.57, _mentions(text, ps, r"Sary-Shagan"), []),
        Place("border:KZ-RU", "Kazakhstan–Russia border", "borders", "border", "", "naturalearth",
              MultiLineString([LineString([(50.0, 51.5), (61.0, 50.8), (73.0, 54.0), (87.0, 49.2)])]),
              51.0, 68.0, _mentions(text, ps, r"Landgrenze", "border"), [],
              country_codes=("KZ", "RU"), length_km=7644.0),
    ]
    places = [p for p in places if p.mentions]
    return Document(text=text, lang="de", passages=ps, places=places)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture()
def seed_doc(seed_text: str) -> Document:
    return make_document(seed_text)


@pytest.fixture()
def tmp_layers(tmp_path: Path) -> Path:
    return tmp_path / "layers" / "doc"
