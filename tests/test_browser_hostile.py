"""Markup in texts, place names and file names stays text in the real browser: no dialog, no script."""
from __future__ import annotations

import time
from dataclasses import replace

import pytest
from playwright.sync_api import expect

from conftest import click_feature, free_port, idle, map_frame, start_server, upload, wait_features, stop_server
from mapapp.io.layerfiles import write_layers

pytestmark = pytest.mark.browser

SCRIPT = '<script>window.__xss=1;alert("s")</script>'
IMG = '<img src=x onerror="window.__xss=2;alert(2)">'
BOLD = '<b onmouseover="window.__xss=3;alert(3)">'
LINK = '<a href="javascript:window.__xss=4;alert(4)">'
TEXT = (f"Am Montag flog die Delegation nach {SCRIPT}Berlin und weiter nach {IMG}Wien.\n\n"
        f"In {BOLD}Almaty</b> las sie den Bericht {LINK}aus Moskau</a>.\n\n"
        "Zuletzt traf sie in Paris \"<i>Kollegen</i>\" & Freunde.\n")
NAME_MARKUP = '<img src=x onerror="window.__xss=5;alert(5)">'
FILE_NAME = "evil <img src=x onerror=alert(9)>.txt"
UPLOAD_NAME = "<b onmouseover=alert(7)>notes.txt"
CITIES = ("Berlin", "Vienna", "Almaty", "Moscow", "Paris")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The app on a file whose name carries markup, with built layers whose place names do too."""
    from mapapp import geoparse

    tmp = tmp_path_factory.mktemp("hostile")
    source = tmp / FILE_NAME
    source.write_text(TEXT, encoding="utf-8")
    doc = geoparse(TEXT)
    assert {p.name for p in doc.places} >= set(CITIES)
    doc = replace(doc, places=[replace(p, name=NAME_MARKUP + p.name) for p in doc.places])
    layers = tmp / "layers"
    write_layers(doc, layers / source.stem, source.name)
    port = free_port()
    log = tmp / "server.log"
    proc = start_server(layers, port, seed=source, log=log)
    yield f"http://127.0.0.1:{port}", log
    stop_server(proc)


@pytest.fixture()
def watched(browser, hostile_server):
    """A fresh page that records every dialog (and dismisses it)."""
    url, _ = hostile_server
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.goto(url)
    map_frame(pg)
    yield pg
    ctx.close()


def assert_nothing_ran(pg, *frames) -> None:
    for f in (pg, *frames):
        assert f.evaluate("() => typeof window.__xss") == "undefined"
        assert f.locator("img[src='x']").count() == 0
        assert f.locator("a[href^='javascript']").count() == 0
        assert f.locator("[onmouseover], [onerror]").count() == 0
    assert pg.dialogs == []


def hover_everything(pg) -> None:
    for mark in pg.locator("mark.mention").all()[:10]:
        mark.hover()
    for passage in pg.locator(".passage").all()[:5]:
        passage.hover()


def test_markup_in_names_text_and_file_name_shows_as_characters(watched):
    pg = watched
    fs = wait_features(pg, lambda fs: len(fs) >= len(CITIES))
    assert {f["name"] for f in fs} >= {NAME_MARKUP + c for c in CITIES}
    expect(pg.get_by_text(FILE_NAME, exact=False).first).to_be_visible()
    text = pg.locator('[class*="st-key-text_box"]')
    expect(text).to_contain_text(f"nach {SCRIPT}Berlin")
    expect(text).to_contain_text(f"In {BOLD}Almaty</b> las sie den Bericht {LINK}aus Moskau</a>.")
    hover_everything(pg)
    for city in CITIES:
        click_feature(pg, city)
        heading = pg.get_by_role("heading", name=NAME_MARKUP + city)
        heading.wait_for(timeout=20_000)
        idle(pg)  # the panel comes first in the click's run: the marks are counted once it is done
        tip = map_frame(pg).locator(".leaflet-tooltip")
        tip.first.wait_for(timeout=10_000)
        assert NAME_MARKUP + city in tip.first.inner_text()
        hover_everything(pg)
    pg.get_by_role("button", name="Clear selection").click()
    pg.get_by_role("button", name="¶2", exact=True).click()
    buttons = pg.locator('[class*="st-key-pp_"] button')
    expect(buttons).to_have_count(2, timeout=20_000)
    assert set(buttons.all_inner_texts()) == {NAME_MARKUP + "Almaty", NAME_MARKUP + "Moscow"}
    time.sleep(0.5)
    assert_nothing_ran(pg, map_frame(pg))


def test_an_uploaded_hostile_text_and_its_standalone_export_run_nothing(watched, browser, tmp_path):
    pg = watched
    f = tmp_path / UPLOAD_NAME
    f.write_text(TEXT, encoding="utf-8")
    upload(pg, f)
    wait_features(pg, lambda fs: {x["name"] for x in fs} == set(CITIES), timeout=60)
    expect(pg.get_by_text(UPLOAD_NAME, exact=False).first).to_be_visible()
    expect(pg.locator('[class*="st-key-text_box"]')).to_contain_text(f"{IMG}Wien")
    for city in ("Almaty", "Moscow"):
        click_feature(pg, city)
        pg.get_by_role("heading", name=city).wait_for(timeout=20_000)
        idle(pg)  # the text the click's run redraws: its marks are counted once it is done
        hover_everything(pg)
    assert_nothing_ran(pg, map_frame(pg))

    pg.get_by_text("Downloads (GeoJSON, CSV, HTML)").click()
    with pg.expect_download(timeout=60_000) as dl:
        pg.get_by_role("button", name="Standalone HTML map").click()
    assert dl.value.suggested_filename == "b_onmouseover_alert_7_notes_map.html"
    page_file = tmp_path / "export.html"
    dl.value.save_as(page_file)
    ctx = browser.new_context(viewport={"width": 1200, "height": 800})
    export = ctx.new_page()
    export.dialogs = []
    export.on("dialog", lambda d: (export.dialogs.append(d.message), d.dismiss()))
    export.goto(page_file.as_uri())
    export.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length >= 5",
                             timeout=30_000)
    assert export.title() == UPLOAD_NAME
    for marker in export.locator("path.leaflet-interactive").all():
        marker.hover(force=True)
        marker.click(force=True)
    assert_nothing_ran(export)
    ctx.close()


def test_binary_and_oversized_uploads_get_a_message_not_a_traceback(watched, tmp_path):
    pg = watched
    pg.get_by_text("Your own text").click()
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Berlin und Paris. " * 350_000)
    for f, message in ((binary, "photo.txt: looks like a binary file, not text"),
                       (huge, "huge.txt is 6.0 MB; this app takes texts of at most 5.0 MB")):
        pg.locator('input[type="file"]').set_input_files(str(f))
        expect(pg.get_by_test_id("stFileChipIconSpinner")).to_have_count(0, timeout=60_000)
        pg.get_by_role("button", name="Map this text").click()
        expect(pg.get_by_test_id("stAlertContentError")).to_contain_text(message, timeout=30_000)
        expect(pg.get_by_test_id("stException")).to_have_count(0)
    assert_nothing_ran(pg)


@pytest.fixture(scope="module")
def pixel_server():
    """A local web server standing in for a tracking pixel: every request it gets is recorded."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits: list[str] = []

    class Pixel(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Pixel)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", hits
    srv.shutdown()


def markdown_text(pixel: str) -> str:
    """Paragraphs separated by carriage returns only, each carrying Markdown that must stay text."""
    return (f"Wir flogen nach Almaty.\r\rIn Moskau sahen wir ![x]({pixel}/pixel.png) und "
            "[click](javascript:alert(1)).\r\r# Heading\r\r| a | b |\r|---|---|\r| 1 | 2 |\r\r"
            ":red[red] kostet $x^2$ in Moskau.\r")


def assert_no_markdown_rendered(pg, pixel: str) -> None:
    for selector in (f"img[src^='{pixel}']", "a[href^='javascript']", "table", ".katex",
                     "h1:has-text('Heading')", ".passage a", ".passage img", ".passage h1",
                     ".passage span[class*='red']"):
        assert pg.locator(selector).count() == 0, selector


def test_markdown_in_a_text_is_shown_as_characters_and_fetches_nothing(watched, pixel_server, tmp_path):
    pg, (pixel, hits) = watched, pixel_server
    requested: list[str] = []
    pg.on("request", lambda r: requested.append(r.url))
    source = tmp_path / "mac.txt"
    source.write_bytes(markdown_text(pixel).encode("utf-8"))
    upload(pg, source)
    wait_features(pg, lambda fs: {f["name"] for f in fs} == {"Almaty", "Moscow"}, timeout=90)
    text = pg.locator('[class*="st-key-text_box"]')
    for literal in (f"![x]({pixel}/pixel.png)", "[click](javascript:alert(1))", "# Heading",
                    "| a | b |", ":red[red] kostet $x^2$ in Moskau."):
        expect(text).to_contain_text(literal)
    expect(text.locator(".passage")).to_have_count(5)
    assert_no_markdown_rendered(pg, pixel)
    pg.get_by_role("button", name="¶2", exact=True).click()
    expect(pg.locator(".passage.chosen").first).to_contain_text(f"![x]({pixel}/pixel.png)")
    assert_no_markdown_rendered(pg, pixel)
    idle(pg)  # a marker clicked while the passage's run redraws the map is lost
    click_feature(pg, "Moscow")
    panel = pg.locator('[class*="st-key-place_box"]')
    expect(panel).to_contain_text(":red[red] kostet $x^2$ in Moskau.", timeout=20_000)
    expect(panel).to_contain_text("[click](javascript:alert(1))")
    assert_no_markdown_rendered(pg, pixel)
    time.sleep(1.0)
    assert hits == [] and not any("pixel.png" in u for u in requested)
    assert_nothing_ran(pg)
