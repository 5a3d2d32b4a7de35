"""`mapapp geoparse` writes its GeoJSON a feature at a time: the same text as the whole collection's."""
from __future__ import annotations

import json

from mapapp.cli import main
from mapapp.geojson import geojson_text


def test_streamed_geojson_is_the_documents_collection_to_the_byte(seed_doc):
    assert len({p.layer for p in seed_doc.places}) > 2
    assert "".join(geojson_text(seed_doc)) == json.dumps(seed_doc.to_geojson(), ensure_ascii=False)


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
