"""`mapapp geoparse` writes its GeoJSON a feature at a time: the same collection as the document's."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon

from mapapp import geoparse
from mapapp.cli import main
from mapapp.gazetteer.query import get_gazetteer
from mapapp.geojson import geojson_text, geometry_text
from mapapp.model import Place, StoredGeometry


def test_streamed_geojson_is_the_documents_collection(seed_doc):
    assert len({p.layer for p in seed_doc.places}) > 2
    assert {p.geometry.geom_type for p in seed_doc.places} >= {"Point", "MultiPolygon", "MultiLineString"}
    streamed = json.loads("".join(geojson_text(seed_doc)))
    assert streamed == json.loads(json.dumps(seed_doc.to_geojson(), ensure_ascii=False))
    assert list(streamed["features"][0]) == ["type", "id", "properties", "geometry"]


def test_geoparse_file_output_is_the_streamed_collection(tmp_path, capsys):
    text = tmp_path / "t.txt"
    text.write_text("Von Almaty fuhr sie nach Moskau und dann über Minsk nach Paris.", encoding="utf-8")
    out = tmp_path / "t.geojson"
    assert main(["geoparse", str(text), "--lang", "de", "-o", str(out)]) == 0
    assert main(["geoparse", str(text), "--lang", "de"]) == 0
    written = out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == written + "\n"
    names = [f["properties"]["name"] for f in json.loads(written)["features"]]
    assert {"Almaty", "Moscow", "Minsk"} <= set(names)


def test_geometries_written_straight_from_the_index_are_the_decoded_ones(seed_text):
    doc = geoparse(seed_text)
    kinds = {p.stored_geometry().wkb is None for p in doc.places if p.stored_geometry() is not None}
    assert kinds == {True, False}, "points and outlines both still as the index keeps them"
    streamed = json.loads("".join(geojson_text(doc, get_gazetteer().outline_geojson)))  # nothing decoded yet
    assert all(p.stored_geometry() is not None for p in doc.places)
    decoded = json.loads(json.dumps(doc.to_geojson(), ensure_ascii=False))  # through shapely
    assert {f["geometry"]["type"] for f in streamed["features"]} >= {"Point", "MultiPolygon", "MultiLineString"}
    assert streamed == decoded


def test_the_index_keeps_each_outline_as_text_and_binary_of_the_same_numbers(seed_text):
    outlines = [g for p in geoparse(seed_text).places if (g := p.stored_geometry()) is not None and g.wkb]
    assert {shapely.from_wkb(g.wkb).geom_type for g in outlines} >= {"MultiPolygon", "MultiLineString"}
    for stored in outlines:
        text = get_gazetteer().outline_geojson(stored.ref)
        assert shapely.from_geojson(text).equals_exact(shapely.from_wkb(stored.wkb), 0)


def test_a_document_holds_its_outlines_binary_only(seed_text):
    """The app keeps documents in memory: the outlines' text (2.4 times their binary) stays in the index."""
    doc = geoparse(seed_text)
    held = [getattr(g, f.name) for p in doc.places if (g := p.stored_geometry()) for f in fields(g)]
    assert any(isinstance(v, bytes) and len(v) > 10_000 for v in held)
    assert all(len(v) < 64 for v in held if isinstance(v, str))
    assert get_gazetteer().outline_geojson("nothing:1") is None


@pytest.mark.parametrize("geometry", [
    LineString([(0, 0), (1.5, 2.25), (3, 1)]),
    Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 1)]]),
    MultiPolygon([Polygon([(0, 0), (1, 0), (1, 1)]), Polygon([(5, 5), (6, 5), (6, 6.123456789012345)])]),
])
def test_an_outline_known_only_as_binary_is_written_by_geos(geometry):
    place = Place("p", "P", "regions", "region", "", "test", StoredGeometry(0.0, 0.0, geometry.wkb), 0.0, 0.0)
    assert json.loads(geometry_text(place)) == json.loads(shapely.to_geojson(geometry))


def test_a_point_is_written_without_decoding_it():
    place = Place("p", "P", "cities", "city", "", "test", StoredGeometry(76.9, 43.25), 0.0, 0.0)
    assert json.loads(geometry_text(place)) == {"type": "Point", "coordinates": [76.9, 43.25]}
    assert place.stored_geometry() is not None


LONG_TEXT = "\n\n".join(d["text"] for d in json.loads(
    (Path(__file__).parents[1] / "data" / "devset" / "dev_en.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize("words, lang", [
    ("An der Grenze zwischen Russland und Kasachstan, bei Almaty.", "de"),
    (LONG_TEXT + "\n\nAt the border between Russia and Kazakhstan, near Almaty.", "en"),
], ids=["short", "long"])
def test_a_geoparse_from_the_command_line_loads_no_geometry_library(tmp_path, words, lang):
    """Importing shapely and numpy was a quarter of a cold `mapapp geoparse` of a short text; a
    long one (52 news passages, 85 anchor points, searched in a grid) needs neither either."""
    text = tmp_path / "t.txt"
    text.write_text(words, encoding="utf-8")
    probe = (f"import sys, runpy; sys.argv = ['mapapp', 'geoparse', '--lang', {lang!r}, sys.argv[1]]\n"
             "try:\n    runpy.run_module('mapapp', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('shapely', 'numpy') if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe, str(text)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    names = {f["properties"]["name"] for f in json.loads(done.stdout)["features"]}
    assert {"Russia", "Kazakhstan", "Almaty"} <= names and any("border" in n for n in names)
    assert done.stderr.strip().splitlines()[-1] == "[]"
