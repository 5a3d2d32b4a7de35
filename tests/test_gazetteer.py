"""The offline gazetteer index: names in many languages, curated places, borders, freshness."""
from __future__ import annotations

import pytest
from shapely.geometry import Point

from mapapp.gazetteer.build import index_is_current
from mapapp.gazetteer.query import get_gazetteer
from mapapp.text.language import choose_language, detect_language
from mapapp.gazetteer.names import fold_key, name_key


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def test_index_is_current_for_the_data_in_the_repo():
    assert index_is_current()


@pytest.mark.parametrize("name, place_id", [
    ("Kasachstan", "country-kz"), ("Weißrussland", "country-by"), ("Amerika", "country-us"),
    ("Moskau", "moscow-524901"), ("Kosmodrom Baikonur", "baikonur-cosmodrome"),
    ("Roten Platz", "red-square"), ("Bayern", "de-bavaria"), ("Texas", "us-state-tx"),
    ("Afrika", "continent-af"), ("EU", "european-union"),
])
def test_names_reach_their_place(gaz, name, place_id):
    assert place_id in {h.entry.id for h in gaz.lookup(name_key(name))}


def test_transliteration_fold_finds_german_spellings(gaz):
    assert name_key("Nowouralsk") and fold_key(name_key("Wostotschny")) == fold_key(name_key("Vostochny"))
    assert "kharkiv-706483" in {h.entry.id for h in gaz.lookup(name_key("Charkiw"), fold=True)}


def test_ambiguous_names_have_all_namesakes(gaz):
    countries = {h.entry.country_code for h in gaz.lookup("paris")}
    assert {"FR", "US"} <= countries


def test_country_geometry_and_borders(gaz):
    kz = gaz.country("KZ")
    assert gaz.stored_geometry(kz).decode().geom_type in ("Polygon", "MultiPolygon")
    assert gaz.neighbours("KZ") == {"CN", "KG", "RU", "TM", "UZ"}
    line, km = gaz.stored_border("RU", "KZ")
    geom = line.decode()
    assert geom.geom_type == "MultiLineString" and 6000 < km < 8000
    assert geom.interpolate(0.5, normalized=True).equals_exact(Point(line.lon, line.lat), 1e-9)
    assert gaz.stored_border("KZ", "UA") is None


def test_common_words_are_known_as_common(gaz):
    assert gaz.zipf("welt", "de") > 5 and gaz.zipf("almaty", "de") < 3


@pytest.mark.parametrize("text, lang", [
    ("Die Lage in der Ukraine ist ernst, und Russland zieht Truppen zusammen.", "de"),
    ("The situation in Ukraine is serious and Russia is massing troops.", "en"),
    ("Am Ufer vom Bodensee-Radweg trafen wir Freunde aus Genf.", "de"),
    ("Wir fuhren über Köln.", "de"),
    ("We drove to Cologne after lunch.", "en"),
    ("Paris", "en"),
])
def test_language_detection(text, lang):
    assert detect_language(text) == lang
    assert choose_language(text, "auto") == lang
    assert choose_language(text, "en") == "en"


def test_every_geometry_in_the_index_is_valid(gaz):
    """Issue 16.7: Egypt's 1:10m ring crossed itself, so geoparse('Ägypten') gave invalid GeoJSON."""
    import sqlite3

    from shapely import wkb

    con = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT id, layer, geom FROM entries WHERE geom IS NOT NULL").fetchall()
        shapes = [(pid, layer, wkb.loads(g)) for pid, layer, g in rows]
        shapes += [(f"border-{a}-{b}", "borders", wkb.loads(g)) for a, b, g in con.execute("SELECT a, b, geom FROM borders")]
    finally:
        con.close()
    assert len(shapes) > 1000
    assert [pid for pid, _, geom in shapes if not geom.is_valid] == []
    lines = ("LineString", "MultiLineString")
    assert all(geom.geom_type in lines for _, layer, geom in shapes if layer in ("borders", "rivers"))
    assert all(geom.geom_type in ("Polygon", "MultiPolygon") for _, layer, geom in shapes
               if layer not in ("borders", "rivers"))


def test_egypt_is_mapped_with_a_valid_outline():
    from shapely.geometry import shape

    from mapapp.pipeline import geoparse

    doc = geoparse("Die Pyramiden stehen in Ägypten.", "de", online=False)
    feature = next(f for f in doc.to_geojson()["features"] if f["properties"]["id"] == "country-eg")
    assert shape(feature["geometry"]).is_valid
