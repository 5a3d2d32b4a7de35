"""The app's static export shows the view the reader chose by hand, in Chromium against `streamlit run`."""
from __future__ import annotations

import re
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from conftest import MAP_FRAME, map_frame, open_counting_frames
from mapapp.render.image.export import EXTENT_PREFIX

pytestmark = pytest.mark.browser

SVG_COVERAGE = re.compile(r"<dc:coverage>([^<]*)</dc:coverage>")


def _settle(pg) -> None:
    """Wait until no script run (the panel's fragment included) is under way."""
    pg.wait_for_timeout(500)
    expect(pg.locator('[data-testid^="stStatusWidgetRunning"]')).to_have_count(0, timeout=60_000)


def _download(pg, fmt: str, path):
    with pg.expect_download(timeout=180_000) as dl:
        pg.get_by_role("button", name=fmt, exact=True).click()
    dl.value.save_as(path)
    return path


def _extent(note: str) -> tuple[float, ...]:
    assert note.startswith(EXTENT_PREFIX), note
    return tuple(float(v) for v in note[len(EXTENT_PREFIX):].split(","))


def _svg_extent(path) -> tuple[float, ...]:
    found = SVG_COVERAGE.search(path.read_text(encoding="utf-8"))
    assert found, "the SVG does not say which view it shows"
    return _extent(found.group(1))


def test_export_after_zooming_by_hand_shows_the_maps_view(browser, server, tmp_path):
    ctx, pg, sent = open_counting_frames(browser, server, accept_downloads=True)
    _settle(pg)
    time.sleep(1.0)
    pg.get_by_text("Static map (PNG, SVG, PDF)").click()
    # The seed's opening view spans more than the world's width, so the export frames the places.
    expect(pg.get_by_text("framed on their places")).to_be_visible(timeout=60_000)
    _settle(pg)
    # Opening the panel builds its form (one run); moving about the sidebar sends nothing more.
    loaded = len(sent)
    pg.get_by_role("button", name="PNG", exact=True).hover()
    pg.get_by_text("Static map (PNG, SVG, PDF)").hover()
    time.sleep(1.0)
    assert len(sent) == loaded, "heading for the export panel before moving the map reran it"
    overview_svg = _download(pg, "SVG", tmp_path / "overview.svg")
    overview_png = _download(pg, "PNG", tmp_path / "overview.png")

    # Zoom in on eastern Kazakhstan by hand: centre it, then the + button twice.
    time.sleep(1.0)
    before = len(sent)
    frame = map_frame(pg)
    frame.evaluate("() => { window.map.setView([47.0, 72.0], 5, {animate: false}); }")
    # A view the page set, not the reader, is not reported on the way to the sidebar.
    pg.get_by_text("Static map (PNG, SVG, PDF)").hover()
    time.sleep(1.0)
    assert len(sent) == before, "a view the reader did not choose was reported"
    pg.locator(MAP_FRAME).scroll_into_view_if_needed()
    for _ in range(2):
        frame.locator(".leaflet-control-zoom-in").click()
        time.sleep(0.6)
    time.sleep(1.0)
    assert len(sent) == before, "zooming the map reran the script"
    west, south, east, north = frame.evaluate(
        "() => { const b = window.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }")

    pg.get_by_text("Static map (PNG, SVG, PDF)").hover()
    caption = pg.get_by_text("Exports the map's current view")
    expect(caption).to_contain_text(f"{abs(south):.1f}° N to {abs(north):.1f}° N")
    _settle(pg)
    zoomed_svg = _download(pg, "SVG", tmp_path / "zoomed.svg")
    zoomed_png = _download(pg, "PNG", tmp_path / "zoomed.png")
    ctx.close()

    asked = (west, south, east, north)
    assert _svg_extent(zoomed_svg) == pytest.approx(asked, abs=1e-3)
    with Image.open(zoomed_png) as img:
        assert _extent(img.info["Coverage"]) == pytest.approx(asked, abs=1e-3)
    with Image.open(overview_png) as img:
        overview_extent = _extent(img.info["Coverage"])
    assert _svg_extent(overview_svg) == pytest.approx(overview_extent, abs=1e-3)
    # The overview frames the whole text (Moscow to China); the zoomed view is a part of it.
    ow, os_, oe, on = overview_extent
    assert east - west < (oe - ow) * 0.8 and north - south < (on - os_) * 0.8
    assert zoomed_png.read_bytes() != overview_png.read_bytes()
    overview_text, zoomed_text = overview_svg.read_text(encoding="utf-8"), zoomed_svg.read_text(encoding="utf-8")
    assert 'id="label-moscow' in overview_text and 'id="label-moscow' not in zoomed_text
    assert 'id="label-almaty' in zoomed_text


def test_the_panel_opened_after_zooming_by_hand_exports_that_view(browser, server):
    """The panel (and its view report) is built only when opened: the map's frame remembers
    that a hand moved it, so the panel opened afterwards still exports what the reader sees."""
    ctx, pg, sent = open_counting_frames(browser, server)
    _settle(pg)
    frame = map_frame(pg)
    for _ in range(2):
        frame.locator(".leaflet-control-zoom-in").click()
        time.sleep(0.6)
    south, north = frame.evaluate("() => { const b = window.map.getBounds(); return [b.getSouth(), b.getNorth()]; }")
    pg.get_by_text("Static map (PNG, SVG, PDF)").click()
    caption = pg.get_by_text("Exports the map's current view")
    expect(caption).to_contain_text(f"{abs(south):.1f}° N to {abs(north):.1f}° N", timeout=60_000)
    ctx.close()
