"""End to end in Debian's Chromium against a real `streamlit run`, with no network beyond 127.0.0.1."""
from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import MAP_FRAME, click_feature, features, hover_feature, map_frame, open_counting_frames, wait_features

pytestmark = pytest.mark.browser


@pytest.fixture()
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.requested_hosts = set()
    pg.on("request", lambda r: pg.requested_hosts.add(urlparse(r.url).hostname))
    pg.goto(server)
    map_frame(pg)
    wait_features(pg, lambda fs: len(fs) > 0)
    yield pg
    foreign = {h for h in pg.requested_hosts if h not in (None, "", "127.0.0.1")}
    ctx.close()
    assert not foreign, f"requests left the machine: {foreign}"


def test_map_renders_the_seed_places_with_tooltips(page):
    names = {f["name"] for f in features(page)}
    assert {"Kazakhstan", "Russia", "Almaty", "Baikonur Cosmodrome"} <= names
    layers = {f["layer"] for f in features(page)}
    assert {"countries", "cities", "sites", "borders"} <= layers
    hover_feature(page, "Almaty")  # a click would fly the map away from under the pointer
    expect(map_frame(page).locator(".leaflet-tooltip").filter(has_text="Almaty")).to_be_visible(timeout=10_000)


def test_clicking_baikonur_shows_its_passage(page):
    click_feature(page, "Baikonur")
    heading = page.get_by_role("heading", name="Baikonur Cosmodrome")
    heading.wait_for(timeout=20_000)
    panel = page.locator('[data-testid="stColumn"]').filter(has=heading)
    expect(panel).to_contain_text("1 mention in 1 passage")
    passage = panel.locator(".passage").filter(has_text="Drittens war das Kosmodrom Baikonur")
    expect(passage).to_have_count(1)
    expect(passage.locator("mark.strong")).to_have_text("Kosmodrom Baikonur")
    ring = map_frame(page).locator("path.mapapp-highlight")
    ring.first.wait_for(timeout=10_000)


def test_unchecking_a_layer_removes_its_features(page):
    assert any(f["layer"] == "sites" for f in features(page))
    page.get_by_text("Sites (", exact=False).first.click()
    fs = wait_features(page, lambda fs: not any(f["layer"] == "sites" for f in fs))
    assert any(f["layer"] == "cities" for f in fs)
    page.get_by_text("Sites (", exact=False).first.click()
    wait_features(page, lambda fs: any(f["layer"] == "sites" for f in fs))


def test_choosing_a_passage_highlights_its_places(page):
    page.get_by_role("button", name="¶6", exact=True).click()
    page.locator('[class*="st-key-passage_places"]').first.wait_for(timeout=20_000)
    place_buttons = page.locator('[class*="st-key-pp_"] button')
    rings = map_frame(page).locator(".mapapp-highlight")
    deadline = time.monotonic() + 20
    names = set(place_buttons.all_inner_texts())
    while rings.count() < len(names) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert "Baikonur Cosmodrome" in names and len(names) >= 2
    assert rings.count() == len(names)
    chosen = page.locator(".passage.chosen")
    assert chosen.count() == 2, "shown above the place buttons and marked in the full text"
    assert "Drittens war das" in chosen.first.inner_text()
    assert chosen.first.locator("mark.strong").count() == chosen.first.locator("mark").count() > 0
    assert page.locator(".passage:not(.chosen) mark.strong").count() == 0


def test_uploading_an_english_text_shows_its_places(page, tmp_path):
    f = tmp_path / "trip.txt"
    f.write_text("Last spring we drove from Berlin to Vienna and then flew to Almaty.\n",
                 encoding="utf-8")
    page.get_by_text("Your own text").click()
    page.locator('input[type="file"]').set_input_files(str(f))
    page.get_by_role("button", name="Map this text").click()
    fs = wait_features(page, lambda fs: {"Berlin", "Vienna"} <= {x["name"] for x in fs}, timeout=60)
    assert "Baikonur Cosmodrome" not in {x["name"] for x in fs}
    page.get_by_text("Cities (3)").wait_for(timeout=10_000)


def test_downloads_work_offline(page, browser, tmp_path):
    page.get_by_text("Downloads (GeoJSON, CSV, HTML)").click()
    with page.expect_download(timeout=60_000) as dl:
        page.get_by_role("button", name="Standalone HTML map").click()
    html_file = tmp_path / "map.html"
    dl.value.save_as(html_file)
    page.get_by_text("Static map (PNG, SVG, PDF)").click()
    with page.expect_download(timeout=120_000) as dl:
        page.get_by_role("button", name="PNG", exact=True).click()
    png = tmp_path / "map.png"
    dl.value.save_as(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    ctx = browser.new_context()
    standalone = ctx.new_page()
    urls = []
    standalone.on("request", lambda r: urls.append(r.url))
    standalone.goto(html_file.as_uri())
    standalone.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length > 0",
                                 timeout=30_000)
    labels = standalone.locator(".leaflet-control-layers-overlays").inner_text()
    ctx.close()
    assert "Sites" in labels and "Countries" in labels
    assert all(u.startswith(("file:", "data:")) for u in urls), urls


def test_panning_and_zooming_do_not_rerun_the_script(browser, server):
    ctx, pg, sent = open_counting_frames(browser, server)
    time.sleep(2.0)
    before = len(sent)
    zoom_before, step = map_frame(pg).evaluate("() => [window.map.getZoom(), window.map.options.zoomDelta]")
    pg.locator(MAP_FRAME).scroll_into_view_if_needed()
    box = pg.locator(MAP_FRAME).bounding_box()
    x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3
    pg.mouse.move(x, y)
    pg.mouse.down()
    pg.mouse.move(x + 120, y + 60, steps=8)
    pg.mouse.up()
    map_frame(pg).locator(".leaflet-control-zoom-in").click()
    time.sleep(1.5)
    zoom_after = map_frame(pg).evaluate("() => window.map.getZoom()")
    ctx.close()
    assert zoom_after == zoom_before + step
    assert len(sent) == before, "pan/zoom sent a rerun request to the server"


TAG_LAYERS_JS = """() => {
    window.mapappRemoved = 0;
    const remove = window.map.removeLayer;
    window.map.removeLayer = function (l) {
        if (l.feature && l.feature.properties && l.feature.properties.id) { window.mapappRemoved += 1; }
        return remove.apply(this, arguments);
    };
    let tagged = 0;
    for (const l of Object.values(window.map._layers)) {
        if (l.feature && l.feature.properties && l.feature.properties.id) { l._mapappBefore = true; tagged += 1; }
    }
    return tagged;
}"""
KEPT_LAYERS_JS = """() => {
    const shown = Object.values(window.map._layers).filter(l => l.feature && l.feature.properties && l.feature.properties.id);
    const ring = Object.values(window.map._layers).filter(l => l.options && l.options.mapappRing)[0];
    const marker = ring && shown.filter(l => l.feature.properties.id === ring.options.mapappRing)[0];
    const c = window.map.getCenter();
    return {removed: window.mapappRemoved, shown: shown.length, kept: shown.filter(l => l._mapappBefore).length,
            ring: ring ? ring.options.mapappRing : null,
            ringOnMarker: !!(marker && ring.getLatLng().equals(marker.getLatLng())),
            outlines: document.querySelectorAll("path.mapapp-highlight").length, center: [c.lat, c.lng]};
}"""


def _settle(frame, pred, timeout=20.0):
    deadline = time.monotonic() + timeout
    while True:
        state = frame.evaluate(KEPT_LAYERS_JS)
        if pred(state) or time.monotonic() > deadline:
            return state
        time.sleep(0.2)


def test_a_click_rings_its_place_without_rebuilding_the_layers(browser, server):
    """A click must not remove and redraw all ~200 KB of layers only to move the ring: the same
    layer objects stay on the map, the ring comes apart, and the view moves.
    (The window the app frames for before it hears the reader's, so the map keeps its height.)"""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    page.goto(server)
    wait_features(page, lambda fs: len(fs) > 0)
    frame = map_frame(page)
    tagged = frame.evaluate(TAG_LAYERS_JS)
    click_feature(page, "Almaty")
    page.get_by_role("heading", name="Almaty").wait_for(timeout=20_000)
    state = _settle(frame, lambda s: s["ring"] == "almaty-1526384" and abs(s["center"][1] - 76.9) < 1)
    assert abs(state["center"][1] - 76.9) < 1, "the map centred on Almaty"
    assert state["ring"] == "almaty-1526384" and state["ringOnMarker"]
    assert state["removed"] == 0 and state["kept"] == state["shown"] == tagged
    page.locator('mark.mention[data-place="country-ru"]').first.click()
    page.get_by_role("heading", name="Russia").wait_for(timeout=20_000)
    state = _settle(frame, lambda s: s["ring"] is None and s["center"][1] > 60)
    ctx.close()
    assert state["ring"] is None and state["outlines"] >= 1, "Russia outlined, Almaty's ring gone"
    assert state["center"][1] > 60, "the map moved to Russia without its layers being redrawn"
    assert state["removed"] == 0 and state["kept"] == state["shown"] == tagged
