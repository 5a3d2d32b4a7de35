"""`mapapp geoparse` writes its GeoJSON a feature at a time: the same collection as the document's."""
from __future__ import annotations

import json

from mapapp.cli import main
from mapapp.geojson import geojson_text


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
