"""The map app on a corpus output: places sized by documents, date and document filters,
a clicked place lists its documents and passages with the mention marked."""
from __future__ import annotations

import io
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import Point
from streamlit.testing.v1 import AppTest

from mapapp.app.mapframe import FRAME_TITLE
from mapapp.corpus import cli as corpus_cli, reader as corpus_reader
from mapapp.corpus.reader import DocumentHit, PassageHit
from mapapp.model import Place
from mapapp.render.html import documents_html

APP = str(Path(__file__).resolve().parent.parent / "mapapp" / "app" / "main.py")

DOCS = [
    {"id": "a", "title": "Early <img src=x onerror=alert(1)> news", "date": "2024-01-10",
     "url": "https://example.org/a?x=1&y=<2>", "text": "The minister flew from Berlin to Paris on Monday."},
    {"id": "b", "title": "Second", "date": "2024-02-10", "url": "javascript:alert(1)",
     "text": "Talks in Paris continued while Berlin waited."},
    {"id": "c", "title": "Third", "date": "2024-03-05",
     "text": "In Paris <b>the</b> talks ended."},
    {"id": "d", "title": "Late", "date": "2024-06-10",
     "text": "A delegation arrived in Almaty last night."},
]


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus_app")
    src = root / "news.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    out = root / "out"
    assert corpus_cli.cli([str(src), "--out", str(out), "--in-process"], progress=io.StringIO()) == 0
    return out


@pytest.fixture()
def app(corpus_dir, monkeypatch):
    monkeypatch.setenv("MAPAPP_OFFLINE", "1")
    monkeypatch.setattr(sys, "argv", ["app.py", "--corpus", str(corpus_dir)])
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def highlight(at) -> dict:
    """The chosen places' rings and outlines the page bridge hands to the map."""
    comp = [c for c in at.get("component_instance") if c.proto.component_name.endswith("mapapp_highlight")]
    assert len(comp) == 1
    return json.loads(comp[0].proto.json_args)["highlight"]


def map_args(at) -> dict:
    comp = [c for c in at.get("component_instance") if c.proto.component_name == FRAME_TITLE]
    assert len(comp) == 1
    return json.loads(comp[0].proto.json_args)


def labels(at) -> set[str]:
    """The tooltips of the places on the map (folium writes them as JSON strings)."""
    found = re.findall(r'"label": ("(?:[^"\\]|\\.)*")', map_args(at)["layers"])
    return {json.loads(s) for s in found}


def place_id(corpus_dir: Path, name: str) -> str:
    feats = corpus_reader.load_corpus(corpus_dir).places_geojson()["features"]
    return next(f["id"] for f in feats if f["properties"]["name"] == name)


def click(at, feature_id: str, count: int) -> None:
    at.session_state["bridge_value"] = {"click": {"place": feature_id, "n": f"feature-{count}"}}
    at.run()
    assert not at.exception


def test_places_are_labelled_and_sized_by_document_count(app):
    assert labels(app) == {"Paris · 3 documents", "Berlin · 2 documents", "Almaty · 1 document"}
    radius = dict(re.findall(r'"name": "(\w+)".*?"radius": ([\d.]+)', map_args(app)["layers"]))
    assert float(radius["Paris"]) > float(radius["Almaty"])
    assert "Cities (3)" in [c.label for c in app.checkbox]


def shown_html(at) -> str:
    return "\n".join(h.proto.body for h in at.html)


def test_a_corpus_passage_is_escaped_html_never_markdown():
    place = Place("p", "Paris", "cities", "city", "FR", "corpus", Point(2.35, 48.85), 48.85, 2.35)
    text = "In Paris.\r\r![x](http://127.0.0.1:9/pixel.png) [a](javascript:alert(1)) $x^2$"
    hit = DocumentHit("d", "<b>T</b>", "2024-01-01", "javascript:alert(1)", "s",
                      (PassageHit(0, 0, len(text), text, ((3, 8, "Paris"),)),))
    out, more = documents_html([hit, hit], place, limit=1)
    assert more == 1
    assert "In <mark" in out and ">Paris</mark>.\n\n![x](http://127.0.0.1:9/pixel.png) [a](javascript:alert(1)) $x^2$" in out
    assert "\r" not in out and "<a " not in out and "&lt;b&gt;T&lt;/b&gt;" in out


def test_date_filter_removes_a_place_named_only_late(app):
    app.date_input(key="corpus_dates").set_value((date(2024, 1, 10), date(2024, 3, 31))).run()
    assert not app.exception
    assert labels(app) == {"Paris · 3 documents", "Berlin · 2 documents"}
    app.date_input(key="corpus_dates").set_value((date(2024, 2, 1), date(2024, 6, 10))).run()
    assert labels(app) == {"Paris · 2 documents", "Berlin · 1 document", "Almaty · 1 document"}


def test_document_filter_counts_only_the_chosen_documents(app):
    app.multiselect(key="corpus_docs").set_value(["c", "d"]).run()
    assert labels(app) == {"Paris · 1 document", "Almaty · 1 document"}


def test_clicking_a_place_lists_its_documents_with_the_mention_marked(app, corpus_dir):
    click(app, place_id(corpus_dir, "Berlin"), 1)
    assert app.subheader[0].value == "Berlin"
    text = shown_html(app)
    assert "The minister flew" not in "\n".join(m.value for m in app.markdown)
    assert "2 documents" in text
    assert ">Berlin</mark>" in text and "The minister flew from" in text
    assert "Talks in Paris continued while" in text
    assert "Late" not in text and "Almaty" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and "<img" not in text
    assert 'href="https://example.org/a?x=1&amp;y=&lt;2&gt;"' in text
    assert "javascript:" not in text
    ring, = highlight(app)["features"]
    assert ring["properties"]["style"]["mapappRing"] == place_id(corpus_dir, "Berlin")


def test_a_clicked_place_follows_the_filters(app, corpus_dir):
    click(app, place_id(corpus_dir, "Paris"), 1)
    app.date_input(key="corpus_dates").set_value((date(2024, 3, 1), date(2024, 6, 10))).run()
    text = shown_html(app)
    assert "<b>1 document</b>" in text and ">Paris</mark> &lt;b&gt;the&lt;/b&gt; talks ended." in text
    assert "The minister flew" not in text
    app.date_input(key="corpus_dates").set_value((date(2024, 6, 1), date(2024, 6, 10))).run()
    assert not app.exception
    assert "Paris" not in [s.value for s in app.subheader], "not named in June: deselected"
    assert labels(app) == {"Almaty · 1 document"}


@pytest.mark.browser
def test_browser_opens_the_corpus_and_a_marker_lists_its_documents(browser, corpus_dir, tmp_path):
    from playwright.sync_api import expect

    from conftest import click_feature, free_port, start_server, wait_features

    port = free_port()
    # start_server passes one script argument; --corpus=DIR is that one argument.
    proc = start_server(tmp_path, port, seed=Path(f"--corpus={corpus_dir}"), log=tmp_path / "server.log")
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        pg = ctx.new_page()
        pg.goto(f"http://127.0.0.1:{port}")
        fs = wait_features(pg, lambda fs: len(fs) == 3)
        assert {f["label"] for f in fs} == {"Paris · 3 documents", "Berlin · 2 documents",
                                            "Almaty · 1 document"}
        click_feature(pg, "Berlin")
        heading = pg.get_by_role("heading", name="Berlin")
        heading.wait_for(timeout=20_000)
        panel = pg.locator('[data-testid="stColumn"]').filter(has=heading)
        expect(panel).to_contain_text("2 documents")
        expect(panel.locator("mark.mention.strong", has_text="Berlin")).to_have_count(2)
        expect(panel.locator("a[href^='https://example.org/a']")).to_have_count(1)
        expect(panel.locator("img")).to_have_count(0)
        expect(panel).to_contain_text("Early <img src=x onerror=alert(1)> news")
    finally:
        ctx.close()
        proc.terminate()
        proc.wait(timeout=10)
    assert "Traceback" not in (tmp_path / "server.log").read_text()
