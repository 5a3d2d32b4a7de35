"""Hostile and heavy input without a browser: escaping, limits, broken files, interrupted writes."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mapapp import corrections as corr
from mapapp.config import settings
from mapapp.render import downloads
from mapapp.render.webmap import mapview
from mapapp.app import labels, paging, sources
from mapapp.render import html
from mapapp.app.jobs import GeoparseJobs
from mapapp.io.layerfiles import load_layers, read_layers, write_layers
from mapapp.model import Document
from mapapp.io.paths import SEED_FILE
from mapapp.io.textio import InputError

from conftest import make_document

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "mapapp" / "app" / "main.py")
EVIL = ['<script>window.__xss=1</script>', '<img src=x onerror=alert(1)>',
        '<a href="javascript:alert(1)">x</a>', '<b onmouseover=alert(1)>']


def hostile_doc(seed_doc: Document) -> Document:
    """The seed with every place renamed to carry markup, as a hand-edited layer file could."""
    places = [replace(p, name=f"{EVIL[i % len(EVIL)]}{p.name}") for i, p in enumerate(seed_doc.places)]
    return replace(seed_doc, places=places)


def test_passage_html_shows_markup_as_text():
    text = "Er schrieb <script>alert(1)</script> über <b onmouseover=alert(1)>Almaty</b> und Moskau."
    doc = make_document(text)
    out = html.passage_html(doc, doc.passages[0])
    assert "<script>" not in out and "<b onmouseover" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert ">Almaty</mark>" in out and ">Moskau</mark>" in out


def test_hostile_place_names_are_escaped_in_marks_tooltips_and_legend(seed_doc):
    doc = hostile_doc(seed_doc)
    marked = "".join(html.passage_html(doc, p) for p in doc.passages)
    labels = [mapview.place_feature(p)["properties"]["label"] for p in doc.places]
    for out in (marked, *labels, html.legend_html(mapview.legend_entries(doc.places))):
        assert "<script" not in out and "<img" not in out and "<b " not in out and "<a " not in out
    assert any("&lt;img src=x onerror=alert(1)&gt;" in label for label in labels)


def test_standalone_html_carries_no_live_markup_from_names_or_title(seed_doc):
    from markupsafe import escape

    title = '<script>alert("t")</script>.txt'
    page = downloads.standalone_html(hostile_doc(seed_doc), title).decode()
    for evil in EVIL + ['<script>alert("t")</script>']:
        assert evil not in page
    assert str(escape(title)) in page  # shown as characters in the page's title


@pytest.mark.parametrize("raw", ["[click](javascript:alert(1))", "**bold** <b>x</b>", "`code` # h"])
def test_markdown_labels_escape_every_markup_character(raw):
    shown = labels.md_text(raw)
    unescaped = [ch for i, ch in enumerate(shown) if ch in "[]()*`<>#:" and shown[i - 1] != "\\"]
    assert unescaped == []
    assert shown.replace("\\", "") == raw


def test_download_names_are_plain_file_names():
    assert labels.download_stem('../../etc/"passwd"\r\n<script>.txt') == "passwd_script"
    assert labels.download_stem("Bericht über Köln.md") == "Bericht_über_Köln"
    assert labels.download_stem("...") == "text"


def test_upload_limit_is_configurable_and_explained(monkeypatch):
    assert sources.max_upload_bytes() == 5 * 1024 * 1024
    big = b"Berlin und Paris. " * 400_000
    with pytest.raises(InputError, match=r"big.txt is 6.9 MB; this app takes texts of at most 5.0 MB"):
        sources.decode_upload(big, "big.txt")
    monkeypatch.setenv(sources.MAX_UPLOAD_ENV, "10")
    settings.cache_clear()
    assert sources.decode_upload(big, "big.txt").startswith("Berlin")


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
    (bytes(range(256)) * 40, "binary"),
    (b"   \n\n ", "no text"),
    (b"\xff\xfe\x00\xd8", "UTF-16"),
])
def test_binary_or_undecodable_uploads_raise_a_message(data, message):
    with pytest.raises(InputError, match=message):
        sources.decode_upload(data, "file.txt")


def test_a_corrupt_layer_file_is_named_and_the_others_still_load(seed_doc, tmp_layers):
    write_layers(seed_doc, tmp_layers, "seed.txt")
    (tmp_layers / "countries.geojson").write_text('{"type": "FeatureCollection", "feat', encoding="utf-8")
    cities = json.loads((tmp_layers / "cities.geojson").read_text(encoding="utf-8"))
    del cities["features"][0]["properties"]["lat"]
    (tmp_layers / "cities.geojson").write_text(json.dumps(cities), encoding="utf-8")
    loaded = load_layers(tmp_layers, seed_doc.text)
    assert any(e.startswith("countries.geojson:") for e in loaded.errors)
    assert any(e.startswith("cities.geojson: feature 1 skipped") for e in loaded.errors)
    layers = {p.layer for p in loaded.doc.places}
    assert "countries" not in layers and {"cities", "sites", "borders"} <= layers
    assert len(loaded.doc.places_in_layer("cities")) == len(seed_doc.places_in_layer("cities")) - 1


def test_write_layers_failing_half_way_leaves_the_previous_layers(seed_doc, tmp_layers, monkeypatch):
    old = replace(seed_doc, places=seed_doc.places[:2])
    write_layers(old, tmp_layers, "seed.txt")
    before = {f.name: f.read_bytes() for f in tmp_layers.iterdir()}
    import mapapp.io.layerfiles as layers_mod

    real, calls = layers_mod.json.dumps, []

    def failing_dumps(obj, **kw):
        calls.append(1)
        if len(calls) == 4:
            raise OSError("disk full")
        return real(obj, **kw)

    monkeypatch.setattr(layers_mod.json, "dumps", failing_dumps)
    with pytest.raises(OSError):
        write_layers(seed_doc, tmp_layers, "seed.txt")
    assert {f.name: f.read_bytes() for f in tmp_layers.iterdir()} == before


def test_a_killed_build_leaves_the_previous_layers(tmp_path):
    out = tmp_path / "layers"
    seed = tmp_path / "seed.txt"
    seed.write_text(SEED_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    cmd = [sys.executable, "-m", "mapapp", "build", str(seed), "--out", str(out)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, timeout=300)
    before = {f.name: f.read_bytes() for f in out.iterdir() if not f.name.startswith(".")}
    big = tmp_path / "big.txt"
    # 10 MB: some 10 s of work, killed after 2 (3 MB and 4 s became a race once geoparsing sped up).
    big.write_text((SEED_FILE.read_text(encoding="utf-8") + "\n\n") * 1000, encoding="utf-8")
    proc = subprocess.Popen([*cmd[:4], str(big), "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.0)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    after = {f.name: f.read_bytes() for f in out.iterdir() if not f.name.startswith(".")}
    assert after == before
    assert not read_layers(out).errors


def test_concurrent_corrections_are_all_kept(tmp_path):
    store, h = corr.CorrectionStore(tmp_path / "corrections"), corr.text_hash("doc")

    def add(i: int) -> None:
        store.add(h, corr.make_corrections(h, [(i * 10, i * 10 + 5, f"m{i}", None)], None))

    threads = [threading.Thread(target=add, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [c.surface for c in store.effective(h)] == [f"m{i}" for i in range(10)]


def test_an_unreadable_corrections_file_is_kept_aside_not_overwritten(tmp_path):
    store, h = corr.CorrectionStore(tmp_path / "corrections"), corr.text_hash("Köln")
    (tmp_path / "corrections" / h).mkdir(parents=True)
    (tmp_path / "corrections" / h / "published.json").write_text('{"corrections": [{"start": 1,', encoding="utf-8")
    assert store.problem(h)
    saved = store.add(h, corr.make_corrections(h, [(0, 4, "Köln", None)], None))
    assert [c.surface for c in saved.corrections] == ["Köln"] and "kept as" in saved.notice
    kept = [f for f in (tmp_path / "corrections" / h).iterdir() if f.name.startswith("published.json.unreadable-")]
    assert kept[0].read_text(encoding="utf-8") == '{"corrections": [{"start": 1,'


def test_geoparse_jobs_are_shared_and_failures_retried():
    calls, gate = [], threading.Event()

    def run(text: str, lang: str, **limits):
        calls.append(text)
        gate.wait(5)
        if text == "bad":
            raise RuntimeError("boom")
        return text.upper()

    clock = [0.0]
    jobs = GeoparseJobs(run, clock=lambda: clock[0])
    a, b = jobs.submit("x" * 500_000, "auto"), jobs.submit("x" * 500_000, "auto")
    assert a is b
    clock[0] = 1.0
    assert 0.4 < a.progress(jobs.now()) < 0.6
    clock[0] = 100.0
    assert a.progress(jobs.now()) == 0.95
    gate.set()
    assert a.future.result(5) == "X" * 500_000 and a.progress(jobs.now()) == 1.0
    bad = jobs.submit("bad", "auto")
    with pytest.raises(RuntimeError):
        bad.future.result(5)
    assert jobs.submit("bad", "auto") is not bad
    assert calls.count("x" * 500_000) == 1


def test_app_names_a_broken_layer_file_and_shows_the_rest(app_env):
    (app_env / "sites.geojson").write_bytes(b"\x00\xffnot json")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("sites.geojson: 'utf-8' codec" in w.value.replace("\\", "") for w in at.warning)
    labels = [c.label for c in at.checkbox]
    assert "Cities (2)" in labels and not any(label.startswith("Sites") for label in labels)
    assert any("Nothing in this text for" in c.value and "Sites" in c.value for c in at.sidebar.caption)


def test_app_refuses_a_text_over_the_limit_with_a_message(app_env, monkeypatch):
    monkeypatch.setenv(sources.MAX_UPLOAD_ENV, "0.002")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.radio(key="mode").set_value("Your own text").run()
    at.text_area[0].input("Köln über Düsseldorf. " * 90)
    next(b for b in at.button if b.label == "Map this text").click()
    at.run()
    assert not at.exception
    assert any("is 2.2 KB; this app takes texts of at most 2.0 KB" in e.value.replace("\\", "")
               for e in at.error)
    assert not at.checkbox


def test_a_long_text_is_shown_a_page_of_passages_at_a_time():
    text = "\n\n".join(f"Absatz {i}: Wir waren in Almaty." for i in range(450))
    doc = make_document(text)
    assert paging.page_count(doc) == 3
    assert [p.index for p in paging.page_passages(doc, 2)] == list(range(400, 450))
    assert paging.page_label(doc, 2) == "¶401–450" and paging.page_of(399) == 1
    spans = html.spans_by_passage(doc)
    assert sum(len(v) for v in spans.values()) == 450
    assert ">Almaty</mark>" in html.passage_html(doc, doc.passages[449], spans=spans)


def test_app_pages_a_long_text_and_follows_the_chosen_passage(tmp_path, monkeypatch):
    text = "\n\n".join(f"Absatz {i}: Wir waren in {'Almaty' if i == 420 else 'Moskau'}." for i in range(450))
    source = tmp_path / "long.txt"
    source.write_text(text, encoding="utf-8")
    write_layers(make_document(text), tmp_path / "layers" / "long", source.name)
    monkeypatch.setenv("MAPAPP_LAYERS_DIR", str(tmp_path / "layers"))
    monkeypatch.setenv("MAPAPP_OFFLINE", "1")
    monkeypatch.setattr(sys, "argv", ["app.py", str(source)])
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert at.selectbox(key="passage_page").options == ["¶1–200", "¶201–400", "¶401–450"]
    shown = "\n".join(h.proto.body for h in at.html)
    assert 'data-passage="199" title="Show this passage' in shown and 'data-passage="200"' not in shown
    at.selectbox(key="passage_page").set_value(2).run()
    shown = "\n".join(h.proto.body for h in at.html)
    assert 'data-passage="400"' in shown and 'data-passage="399"' not in shown
    at.session_state["bridge_value"] = {"passage": {"index": 420, "n": "1-1"}}  # a click on ¶421
    at.run()
    assert not at.exception
    assert [b.label for b in at.button if b.key and b.key.startswith("pp_")] == ["Almaty"]
    assert at.selectbox(key="passage_page").value == 2
    at.session_state["bridge_value"] = {"click": {"place": "moscow-524901", "n": "2-2"}}  # its marker
    at.run()
    assert at.subheader[0].value == "Moscow"
    assert sum(h.proto.body.count('class="passage"') for h in at.html) == 50
    assert any("and 399 more passages" in c.value for c in at.caption)
