"""The web map in Chromium against a real `streamlit run`: at the opening view every crowded
marker is the one under the pointer, and Enter on a focused feature selects it."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import MAP_FRAME, idle, map_frame, wait_features

pytestmark = pytest.mark.browser

CROWDED = ["Almaty", "Sary-Shagan test range", "Moscow", "Red Square"]

#: Where a named marker is drawn now (after spreading), and whether it is the topmost element
#: there, so that a click at that point reaches it and no other place.
MARKER_AT = """(name) => {
    for (const l of Object.values(window.map._layers)) {
        const p = l.feature && l.feature.properties;
        if (p && p.name === name && l.getLatLng && l._map) {
            const pt = window.map.latLngToContainerPoint(l.getLatLng());
            const inView = window.map.getBounds().contains(l.getLatLng());
            const top = document.elementFromPoint(pt.x, pt.y);
            return {x: pt.x, y: pt.y, inView: inView, onTop: top === l.getElement()};
        }
    }
    return null; }"""


@pytest.fixture()
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    pg.goto(server)
    map_frame(pg)
    wait_features(pg, lambda fs: {"Moscow", "Red Square"} <= {f["name"] for f in fs})
    yield pg
    ctx.close()


def _settled(pg) -> None:
    # The behaviour script refits and spreads right after the layers arrive; wait for its labels.
    map_frame(pg).wait_for_function("() => document.querySelectorAll('.mapapp-label').length > 0",
                                    timeout=10_000)


@pytest.mark.parametrize("name", CROWDED)
def test_each_crowded_marker_is_selectable_at_the_opening_view(page, name):
    _settled(page)
    at = map_frame(page).evaluate(MARKER_AT, name)
    assert at and at["inView"], f"{name} is not in the opening view"
    assert at["onTop"], f"another element covers {name} at the opening view"
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=20_000)


def test_enter_on_a_focused_feature_selects_it_and_keeps_the_focus(page):
    _settled(page)
    frame = map_frame(page)
    frame.evaluate("""() => { for (const l of Object.values(window.map._layers)) {
        const p = l.feature && l.feature.properties;
        if (p && p.name === 'Almaty' && l._map) { l.getElement().focus(); return; } } }""")
    focused = frame.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert focused.startswith("Almaty") and "Cities" in focused
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Almaty", exact=True)).to_be_visible(timeout=20_000)
    map_frame(page).wait_for_function(
        "() => (document.activeElement.getAttribute('aria-label') || '').startsWith('Almaty')", timeout=10_000)


def test_legend_lists_only_the_layers_switched_on(page):
    import re

    _settled(page)
    rows = "() => [...document.querySelectorAll('.mapapp-legend [data-layer]')].filter(r => !r.hidden).map(r => r.getAttribute('data-layer'))"
    assert "sites" in map_frame(page).evaluate(rows)
    page.get_by_text(re.compile(r"^Sites \(\d+\)$")).click()
    wait_features(page, lambda fs: fs and all(f["layer"] != "sites" for f in fs))
    map_frame(page).wait_for_function(rows.replace("() =>", "() => !(") + ".includes('sites'))", timeout=10_000)
    assert {"countries", "cities"} <= set(map_frame(page).evaluate(rows))


CONTRAST = """() => {
    const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const css = getComputedStyle(window.map.getContainer());
    const probe = document.createElement('div');
    document.body.appendChild(probe);
    const colour = v => { probe.style.color = css.getPropertyValue(v); return getComputedStyle(probe).color; };
    const label = document.querySelector('.mapapp-label'), legend = document.querySelector('.mapapp-legend');
    return {label: ratio(getComputedStyle(label).color, colour('--mapapp-halo')),
            legend: ratio(getComputedStyle(legend).color, colour('--mapapp-panel')),
            land: ratio(getComputedStyle(label).color, colour('--mapapp-land'))}; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_text_is_readable_in_both_themes(browser, server, scheme):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme=scheme)
    pg = ctx.new_page()
    pg.goto(server)
    wait_features(pg, lambda fs: len(fs) > 3)
    _settled(pg)
    found = map_frame(pg).evaluate(CONTRAST)
    ctx.close()
    assert min(found.values()) >= 4.5, found


BASEMAP_JS = """() => {
    const count = a => Array.isArray(a) ? a.reduce((s, x) => s + count(x), 0) : 1;
    const drawn = Object.values(window.map._layers).filter(l => l.options.pane === 'basemap' && l._latlngs);
    return {shapes: drawn.length, points: drawn.reduce((s, l) => s + count(l._latlngs), 0),
            fetched: performance.getEntriesByType('resource').map(r => r.name.split('/').pop())}; }"""


def test_the_map_opens_on_a_light_backdrop_and_draws_coasts_in_detail_once_zoomed_in(page):
    _settled(page)
    frame = map_frame(page)
    opening = frame.evaluate(BASEMAP_JS)
    assert opening["shapes"] > 200 and any(n.startswith("basemap-coarse") for n in opening["fetched"])
    assert not any(n.startswith("basemap-detail") for n in opening["fetched"]), "the detail waits for a zoom"
    assert not any("jquery" in name for name in opening["fetched"]), "nothing on the map needs jQuery"
    frame.evaluate("() => { window.map.setView([43.25, 76.9], 6, {animate: false}); }")
    frame.wait_for_function(f"() => ({BASEMAP_JS})().fetched.some(n => n.startsWith('basemap-detail'))",
                            timeout=20_000)
    frame.wait_for_function(f"() => ({BASEMAP_JS})().points > {opening['points'] * 1.5}", timeout=20_000)
    assert frame.evaluate(BASEMAP_JS)["shapes"] == opening["shapes"], "the detail replaces, not doubles, the backdrop"


def test_a_click_on_a_marker_reruns_the_script_once_through_the_page_bridge(browser, server):
    """The click reaches the script as the bridge's event at once (the map's frame sends nothing
    back); the same marker chosen again after Clear still counts."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    sent: list[str] = []
    pg.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(
        payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload)))
    pg.goto(server)
    wait_features(pg, lambda fs: "Almaty" in {f["name"] for f in fs})
    _settled(pg)
    for attempt in range(2):
        idle(pg)
        box = pg.locator(MAP_FRAME).bounding_box()  # a click on Clear may scroll the page
        before = len(sent)
        at = map_frame(pg).evaluate(MARKER_AT, "Almaty")
        pg.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
        expect(pg.get_by_role("heading", name="Almaty", exact=True)).to_be_visible(timeout=20_000)
        idle(pg)
        runs = sent[before:]
        assert len(runs) == 1, f"click {attempt + 1} ran the script {len(runs)} times"
        assert '"place":"almaty-1526384"' in runs[0] and "last_active_drawing" not in runs[0]
        pg.get_by_role("button", name="Clear selection").click()
        expect(pg.get_by_role("heading", name="Almaty", exact=True)).to_have_count(0, timeout=20_000)
    ctx.close()


#: Whether every point place (a feature with a position) lies inside the map's view.
POINTS_IN_VIEW = """() => Object.values(window.map._layers)
    .filter(l => l.feature && l.feature.properties && l.getLatLng && l._map && l.feature.geometry.type === 'Point')
    .every(l => window.map.getBounds().contains(l.feature.geometry.coordinates.slice().reverse()))"""


@pytest.mark.parametrize("width", [1001, 1000, 907, 800])
def test_the_opening_view_is_refitted_when_the_window_narrows(browser, server, width):
    """Leaflet keeps the centre on a resize to the nearest pixel: half a pixel at zoom 2 moved it
    further than the refit's test for "still the fitted view" allowed, and Moscow fell off the
    left edge of a narrow map."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    pg.goto(server)
    wait_features(pg, lambda fs: {"Moscow", "Vostochny Cosmodrome"} <= {f["name"] for f in fs})
    idle(pg)
    assert map_frame(pg).evaluate(POINTS_IN_VIEW)
    before = map_frame(pg).evaluate("() => window.map.getSize().x")
    pg.set_viewport_size({"width": width, "height": 800})
    map_frame(pg).wait_for_function(f"() => window.map.getSize().x !== {before}", timeout=20_000)
    map_frame(pg).wait_for_function(POINTS_IN_VIEW, timeout=10_000)
    ctx.close()
