"""The curated gazetteer tables: data/sites.csv, regions.csv, physical.csv and exonyms.csv.

Every row becomes a map feature and every variant a name the geoparser will
match, so a wrong coordinate, an unknown country code or a variant that is an
everyday word shows up directly on the user's map.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pytest
from shapely import wkt
from shapely.geometry import Point, Polygon
from wordfreq import zipf_frequency

from mapapp.geodesy import great_circle_km
from mapapp.gazetteer.naturalearth import read_countries
from mapapp.io.paths import DATA_DIR

SITE_CATEGORIES = {"cosmodrome", "missile_test_range", "nuclear_test_site",
                   "nuclear_facility", "military_base", "landmark"}
REGION_CATEGORIES = {"region", "sea", "lake"}
SITE_COLUMNS = ["id", "name_en", "name_de", "variants", "lat", "lon", "country_code",
                "category", "source", "institution"]
REGION_COLUMNS = ["id", "name_en", "name_de", "variants", "country_code", "category",
                  "lat", "lon", "source", "wkt"]
PHYSICAL_COLUMNS = ["id", "name_en", "name_de", "variants", "category", "country_code", "prominence",
                    "lat", "lon", "naturalearth", "source", "wkt"]
EXONYM_COLUMNS = ["geonames_id", "name", "lang", "city", "country_code", "source"]
SOURCE_RE = re.compile(r"^(wikidata:Q[1-9]\d*|geonames:\d+|wikipedia:en:\S+)$")
EXONYM_SOURCE_RE = re.compile(r"^(geonames:\d+|wikipedia:(de|en):\S+)$")
#: Single-word names whose high word frequency comes from the feature itself, not from an everyday word.
FAMOUS_NAMES = {"Rhein", "Pacific"}
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _read(name: str) -> list[dict[str, str]]:
    with open(Path(DATA_DIR) / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


SITES = _read("sites.csv")
REGIONS = _read("regions.csv")
PHYSICAL = _read("physical.csv")
EXONYMS = _read("exonyms.csv")
ALL_ROWS = [("sites", r) for r in SITES] + [("regions", r) for r in REGIONS]
#: Every row whose names the geoparser matches: one name must mean one place across all of them.
NAMED_ROWS = ALL_ROWS + [("physical", r) for r in PHYSICAL]


@lru_cache(maxsize=1)
def _countries() -> dict:
    return {c.iso_a2: c for c in read_countries()}




def _variants(row: dict[str, str]) -> list[str]:
    return [v for v in row["variants"].split("|")]


def test_headers_are_the_documented_columns():
    with open(Path(DATA_DIR) / "sites.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == SITE_COLUMNS
    with open(Path(DATA_DIR) / "regions.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == REGION_COLUMNS
    with open(Path(DATA_DIR) / "physical.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == PHYSICAL_COLUMNS
    with open(Path(DATA_DIR) / "exonyms.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == EXONYM_COLUMNS


def test_tables_have_enough_rows_to_be_useful():
    assert len(SITES) >= 75
    assert len(REGIONS) >= 20
    assert len(PHYSICAL) >= 200
    assert len(EXONYMS) >= 150


def test_ids_are_unique_slugs_across_the_tables():
    ids = [r["id"] for _, r in NAMED_ROWS]
    assert len(ids) == len(set(ids))
    assert all(SLUG_RE.match(i) for i in ids), [i for i in ids if not SLUG_RE.match(i)]


@pytest.mark.parametrize("table,row", ALL_ROWS, ids=[r["id"] for _, r in ALL_ROWS])
def test_row_fields_are_well_formed(table, row):
    lat, lon = float(row["lat"]), float(row["lon"])
    assert -90 <= lat <= 90 and -180 <= lon <= 180
    assert row["name_en"].strip() and row["name_de"].strip()
    assert SOURCE_RE.match(row["source"]), row["source"]
    allowed = SITE_CATEGORIES if table == "sites" else REGION_CATEGORIES
    assert row["category"] in allowed
    code = row["country_code"]
    if table == "sites" or code:
        assert code in _countries(), f"{code!r} is not a Natural Earth ISO code"
    if table == "sites":
        assert row["institution"] in {"0", "1"}
    variants = _variants(row)
    assert all(v == v.strip() and v for v in variants), variants
    assert len(variants) == len(set(variants)), "duplicate variant"


def test_only_government_buildings_stand_for_an_institution():
    institutions = {r["id"] for r in SITES if r["institution"] == "1"}
    assert {"moscow-kremlin", "white-house", "pentagon", "10-downing-street",
            "elysee-palace"} <= institutions
    assert all(r["category"] == "landmark" for r in SITES if r["id"] in institutions)
    assert "red-square" not in institutions and "baikonur-cosmodrome" not in institutions


@pytest.mark.parametrize("row", SITES, ids=[r["id"] for r in SITES])
def test_site_lies_in_its_country(row):
    """Catches swapped lat/lon, a lost minus sign or a wrong country code.

    0.2° leaves room for atolls, whose point is the lagoon, not an islet.
    """
    geom = _countries()[row["country_code"]].geometry
    point = Point(float(row["lon"]), float(row["lat"]))
    assert geom.distance(point) < 0.2, f"{row['id']} is {geom.distance(point):.2f}° outside"


@pytest.mark.parametrize("row", REGIONS, ids=[r["id"] for r in REGIONS])
def test_region_outline_is_a_valid_ccw_polygon_around_its_label(row):
    poly = wkt.loads(row["wkt"])
    assert isinstance(poly, Polygon) and poly.is_valid
    assert 6 <= len(poly.exterior.coords) - 1 <= 20
    assert poly.exterior.is_ccw
    assert poly.contains(Point(float(row["lon"]), float(row["lat"])))
    minx, miny, maxx, maxy = poly.bounds
    assert -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90


@pytest.mark.parametrize("row", [r for r in REGIONS if r["category"] == "region"],
                         ids=[r["id"] for r in REGIONS if r["category"] == "region"])
def test_land_region_keeps_land_after_clipping(row):
    """Land regions are clipped to land; an outline drawn in the sea would vanish."""
    poly = wkt.loads(row["wkt"])
    codes = [row["country_code"]] if row["country_code"] else list(_countries())
    land = [(_countries()[c].geometry) for c in codes]
    overlap = sum(poly.intersection(g).area for g in land if g.intersects(poly))
    assert overlap > 0.3 * poly.area or overlap > 0.05, f"{row['id']} barely touches land"


@pytest.mark.parametrize("row", [r for r in REGIONS if r["country_code"]],
                         ids=[r["id"] for r in REGIONS if r["country_code"]])
def test_region_label_lies_in_its_country(row):
    geom = _countries()[row["country_code"]].geometry
    point = Point(float(row["lon"]), float(row["lat"]))
    assert geom.distance(point) < 0.25


def test_no_single_word_variant_is_a_common_word():
    common = []
    for _, row in NAMED_ROWS:
        for v in _variants(row) + [row["name_en"], row["name_de"]]:
            if not v or " " in v or v in FAMOUS_NAMES:
                continue
            w = v.lower()
            if max(zipf_frequency(w, "de"), zipf_frequency(w, "en")) >= 4.5:
                common.append((row["id"], v))
    assert not common


def test_no_name_points_to_two_rows():
    """One name, one place: otherwise the geoparser would pick between them at random."""
    owner: dict[str, str] = {}
    clashes = []
    for _, row in NAMED_ROWS:
        for v in set(_variants(row) + [row["name_en"], row["name_de"]]) - {""}:
            key = v.casefold()
            if owner.setdefault(key, row["id"]) != row["id"]:
                clashes.append((v, owner[key], row["id"]))
    assert not clashes


def test_town_names_are_not_site_variants():
    """Bare town names (Plesetsk, Natanz, Dimona…) must keep meaning the town."""
    towns = {"Plesetsk", "Plessezk", "Novouralsk", "Nowouralsk", "Natanz", "Natans",
             "Dimona", "Tschernobyl", "Chernobyl", "Fukushima", "Bushehr", "Buschehr",
             "Kursk", "Sevastopol", "Sewastopol", "Guantánamo", "Guantanamo", "Jiuquan",
             "Xichang", "Taiyuan", "Wenchang", "Kourou", "Priozersk", "Balkhash", "Balchasch",
             "Moskau", "Moscow", "Yongbyon", "Semipalatinsk", "Semei", "Engels", "Rota"}
    used = {v for _, r in NAMED_ROWS for v in _variants(r)}
    assert not towns & used


def _site(site_id: str) -> dict[str, str]:
    return next(r for r in SITES if r["id"] == site_id)


@pytest.mark.parametrize("site_id,lat,lon,max_km", [
    ("baikonur-cosmodrome", 45.965, 63.305, 10),
    ("vostochny-cosmodrome", 51.884, 128.334, 10),
    ("sary-shagan", 46.0, 73.6, 60),
    ("red-square", 55.7539, 37.6208, 10),
])
def test_seed_sites_are_where_they_are(site_id, lat, lon, max_km):
    row = _site(site_id)
    assert great_circle_km(float(row["lat"]), float(row["lon"]), lat, lon) <= max_km


@pytest.mark.parametrize("site_id,phrase", [
    ("baikonur-cosmodrome", "Kosmodrom Baikonur"),
    ("vostochny-cosmodrome", "Kosmodrom Wostotschny"),
    ("sary-shagan", "Sary-Shagan Testgelände"),
    ("red-square", "Roten Platz"),
    ("moscow-kremlin", "Kremls"),
    ("white-house", "Weißen Hauses"),
    ("urals-electrochemical-combine", "Uralisches Elektrochemisches Kombinat"),
])
def test_seed_text_forms_are_variants(site_id, phrase):
    """The inflected forms the seed commentary actually uses."""
    assert phrase in _variants(_site(site_id))


def test_seed_regions_name_their_german_forms():
    by_id = {r["id"]: r for r in REGIONS + PHYSICAL}
    assert "Fernen Osten" in _variants(by_id["russian-far-east"])
    assert by_id["lake-balkhash"]["name_de"] == "Balchaschsee"
    assert "Schwarzen Meer" in _variants(by_id["black-sea"])
    assert "Krim" in _variants(by_id["crimea"])


@pytest.mark.parametrize("row", PHYSICAL, ids=[r["id"] for r in PHYSICAL])
def test_physical_row_fields_are_well_formed(row):
    from mapapp.gazetteer.physical import CATEGORIES

    assert row["category"] in CATEGORIES
    assert row["prominence"] in {"1", "2", "3"}
    assert row["name_en"].strip() and row["name_de"].strip()
    assert SOURCE_RE.match(row["source"]), row["source"]
    assert not row["country_code"] or row["country_code"] in _countries()
    assert bool(row["lat"]) == bool(row["lon"])
    if row["lat"]:
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
    assert row["naturalearth"] or row["wkt"] or row["lat"], "no shape and no point"
    assert not (row["naturalearth"] and row["wkt"])
    if row["category"] == "river":
        assert row["naturalearth"].startswith("rivers:")


def test_every_physical_row_has_its_derived_shape():
    """physical_geometry.geojson is rebuilt by data/make_physical.py whenever a row is added."""
    from mapapp.gazetteer.physical import read_geometry

    derived = read_geometry()
    assert {r["id"] for r in PHYSICAL} == set(derived)
    assert (Path(DATA_DIR) / "physical_geometry.geojson").stat().st_size < 1_500_000


def test_curated_label_points_lie_on_their_feature():
    from shapely.geometry import shape

    from mapapp.gazetteer.physical import read_geometry

    derived = read_geometry()
    for row in PHYSICAL:
        if row["lat"]:
            point = Point(float(row["lon"]), float(row["lat"]))
            assert shape(derived[row["id"]]["geometry"]).distance(point) < 0.5, row["id"]


@pytest.mark.parametrize("row", EXONYMS, ids=[f"{r['name']}-{r['geonames_id']}" for r in EXONYMS])
def test_exonym_rows_name_a_real_city(row):
    from mapapp.gazetteer.sources import geonames_cities

    cities = {str(c["geonameid"]): c for c in geonames_cities()}
    city = cities.get(row["geonames_id"])
    assert city is not None, "not a GeoNames place of 500 or more inhabitants"
    assert city["countrycode"] == row["country_code"] and city["name"] == row["city"]
    assert row["lang"] in {"de", "en", "fr", "ro", "is"}
    assert EXONYM_SOURCE_RE.match(row["source"]), row["source"]


def test_no_exonym_is_a_country_name():
    """"Luxemburg" is the country first; an exonym table must not pull it to the city."""
    country_names = {n.casefold() for c in _countries().values() for n in c.names}
    assert not [r["name"] for r in EXONYMS if r["name"].casefold() in country_names]
