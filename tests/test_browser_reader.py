"""Reading a text with its map in Chromium: mentions select places, every ¶ is reachable, an
address re-opens a selection, the dark theme is readable and an 800 px window is usable."""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from conftest import MAP_FRAME, map_frame, wait_features

pytestmark = pytest.mark.browser

ALMATY = "almaty-1526384"

#: The WCAG contrast of every visible piece of text under ``root`` against the colour it is
#: drawn on (translucent backgrounds and opacity composited), worst first.
CONTRAST_JS = """(root) => {
  const rgba = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, base) => [0, 1, 2].map(i => top[i] * top[3] + base[i] * (1 - top[3]));
  const background = el => {
    const stack = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { stack.push(c); if (c[3] >= 1) break; }
    }
    let base = [255, 255, 255];
    for (let i = stack.length - 1; i >= 0; i--) base = over(stack[i], base);
    return base;
  };
  const opacity = el => { let o = 1; for (let e = el; e; e = e.parentElement) o *= +getComputedStyle(e).opacity; return o; };
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const out = [];
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => n.textContent.trim()).join(' ');
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    const bg = background(el);
    const fg = rgba(getComputedStyle(el).color);
    const shown = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg);
    const [hi, lo] = [lum(shown), lum(bg)].sort((a, b) => b - a);
    out.push([(hi + 0.05) / (lo + 0.05), own.slice(0, 40)]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}"""


def open_page(browser, url, width=1400, height=900, scheme="light"):
    ctx = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    pg = ctx.new_page()
    pg.goto(url)
    map_frame(pg)
    wait_features(pg, lambda fs: len(fs) > 0, timeout=120)
    return ctx, pg


def chosen_heading(pg, name):
    heading = pg.locator('[class*="st-key-place_box"]').get_by_role("heading", name=name)
    heading.wait_for(timeout=30_000)
    return heading


def rings(pg) -> int:
    return map_frame(pg).locator(".mapapp-highlight").count()


def wait_rings(pg, pred, timeout=20.0) -> int:
    deadline = time.monotonic() + timeout
    while not pred(n := rings(pg)) and time.monotonic() < deadline:
        time.sleep(0.25)
    return n


def test_clicking_or_entering_a_mention_selects_its_place_and_esc_goes_back(browser, server):
    ctx, pg = open_page(browser, server)
    pg.locator(f'[class*="st-key-text_box"] mark[data-place="{ALMATY}"]').first.click()
    chosen_heading(pg, "Almaty")
    assert wait_rings(pg, lambda n: n > 0) > 0, "the map rings the place"
    # The panel and the ring come before the end of the run, which writes the address.
    expect(pg).to_have_url(re.compile(f"place={ALMATY}"), timeout=20_000)
    pg.keyboard.press("Escape")
    expect(pg.locator('[class*="st-key-place_box"]')).to_have_count(0, timeout=30_000)
    expect(pg).not_to_have_url(re.compile("place="), timeout=10_000)
    mark = pg.locator('[class*="st-key-text_box"] mark[data-place^="moscow"]').first
    mark.focus()
    pg.keyboard.press("Enter")
    chosen_heading(pg, "Moscow")
    pg.get_by_role("button", name="Clear selection").click()
    expect(pg.locator('[class*="st-key-place_box"]')).to_have_count(0, timeout=30_000)
    ctx.close()


def test_every_passage_is_reachable_and_next_steps_through_them(browser, server):
    ctx, pg = open_page(browser, server)
    text = pg.locator('[class*="st-key-text_box"]')
    marks = text.locator("button.pnum")
    count = marks.count()
    assert count == 21
    box_of_text = text.bounding_box()
    for i in range(count):
        marks.nth(i).scroll_into_view_if_needed()
        box = marks.nth(i).bounding_box()
        assert box and box_of_text["x"] <= box["x"] and box["x"] + box["width"] <= box_of_text["x"] + box_of_text["width"], \
            f"¶{i + 1} off to the side"
    marks.nth(count - 1).focus()
    pg.keyboard.press("Enter")
    expect(pg.locator(".passage.chosen .pnum").first).to_have_text(f"¶{count}", timeout=30_000)
    pg.get_by_role("button", name="Clear selection").click()
    pg.get_by_role("button", name="Next ¶").click()
    first = pg.locator(".passage.chosen .pnum").first
    expect(first).to_have_text("¶1", timeout=30_000)
    assert wait_rings(pg, lambda n: n > 0) > 0
    pg.get_by_role("button", name="Next ¶").click()
    expect(first).not_to_have_text("¶1", timeout=30_000)
    ctx.close()


def test_the_map_grows_and_shrinks_with_the_window(browser, server):
    ctx, pg = open_page(browser, server, width=1400, height=800)
    size = "() => window.map.getSize().y"
    small = map_frame(pg).evaluate(size)
    assert 600 <= small <= 800
    pg.set_viewport_size({"width": 1920, "height": 1080})
    deadline = time.monotonic() + 30
    while map_frame(pg).evaluate(size) < small + 200 and time.monotonic() < deadline:
        time.sleep(0.25)
    tall = map_frame(pg).evaluate(size)
    assert tall >= small + 200
    assert pg.locator(MAP_FRAME).bounding_box()["y"] + tall <= 1080
    ctx.close()


def test_an_address_reopens_a_selection_and_the_layers(browser, server):
    ctx, pg = open_page(browser, server)
    pg.locator(f'[class*="st-key-text_box"] mark[data-place="{ALMATY}"]').first.click()
    chosen_heading(pg, "Almaty")
    pg.get_by_text("Sites (", exact=False).first.click()
    wait_features(pg, lambda fs: not any(f["layer"] == "sites" for f in fs))
    expect(pg).to_have_url(re.compile("layers="), timeout=20_000)
    link = pg.url
    ctx.close()
    ctx, pg = open_page(browser, link)
    chosen_heading(pg, "Almaty")
    fs = wait_features(pg, lambda fs: not any(f["layer"] == "sites" for f in fs))
    assert any(f["layer"] == "cities" for f in fs)
    expect(pg.get_by_role("checkbox", name="Sites (", exact=False)).not_to_be_checked()
    ctx.close()


def test_dark_theme_text_of_the_panel_is_readable(browser, server):
    ctx, pg = open_page(browser, server + "/?p=6", scheme="dark")
    panel = pg.locator('[class*="st-key-map_panel"] [data-testid="stColumn"]').nth(1)
    expect(panel.locator(".passage.chosen").first).to_be_visible(timeout=30_000)
    assert pg.evaluate("() => getComputedStyle(document.querySelector('.stApp')).colorScheme") in ("dark", "normal")
    worst = panel.evaluate(CONTRAST_JS)
    assert len(worst) > 20
    assert worst[0][0] >= 3.0, worst[:5]
    chosen = panel.locator(".passage.chosen").first.evaluate(CONTRAST_JS)
    assert chosen[0][0] >= 4.5, chosen[:3]
    ctx.close()


def test_an_800_px_window_stacks_the_map_over_the_panel(browser, server):
    ctx, pg = open_page(browser, server, width=800, height=900)
    map_box = pg.locator(MAP_FRAME).bounding_box()
    text = pg.locator('[class*="st-key-text_box"]')
    text.scroll_into_view_if_needed()
    pg.locator(MAP_FRAME).scroll_into_view_if_needed()
    map_box = pg.locator(MAP_FRAME).bounding_box()
    text_box = text.bounding_box()
    assert text_box["y"] >= map_box["y"] + map_box["height"], "panel below the map"
    assert map_box["width"] >= 440 and map_box["height"] >= 400
    assert pg.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    pg.locator(f'[class*="st-key-text_box"] mark[data-place="{ALMATY}"]').first.click()
    chosen_heading(pg, "Almaty")
    ctx.close()


#: A point of the map with nothing a click could mean there (no feature, control, label, badge).
EMPTY_SPOT_JS = """() => {
  const size = window.map.getSize();
  for (let y = 40; y < size.y - 40; y += 20) {
    for (let x = 40; x < size.x - 40; x += 20) {
      const el = document.elementFromPoint(x, y);
      if (el && !el.closest('.leaflet-interactive, .leaflet-control, .mapapp-label, .mapapp-offmap, .leaflet-tooltip')) {
        return [x, y];
      }
    }
  }
  return null; }"""


STILL_VIEW_JS = """() => window.map._animatingZoom || window.map._panAnim?._inProgress ? null
    : [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()].join()"""


def wait_still_view(pg, timeout: float = 10.0) -> None:
    """Until the map has stopped where the selection moved it: the same view, not animating,
    in two looks 0.3 s apart (a spot found empty during a zoom animation lies elsewhere after)."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        view = map_frame(pg).evaluate(STILL_VIEW_JS)
        if view is not None and view == last:
            return
        last = view
        time.sleep(0.3)
    raise AssertionError("the map never stood still")


def test_a_click_on_the_empty_map_clears_the_selection_but_a_pan_or_a_marker_does_not(browser, server):
    ctx, pg = open_page(browser, server)
    pg.locator(f'[class*="st-key-text_box"] mark[data-place="{ALMATY}"]').first.click()
    chosen_heading(pg, "Almaty")
    assert wait_rings(pg, lambda n: n > 0) > 0
    wait_still_view(pg)
    spot = map_frame(pg).evaluate(EMPTY_SPOT_JS)
    assert spot, "no empty spot on the map"
    box = pg.locator(MAP_FRAME).bounding_box()
    x, y = box["x"] + spot[0], box["y"] + spot[1]
    pg.mouse.move(x, y)
    pg.mouse.down()
    pg.mouse.move(x + 60, y + 40, steps=8)
    pg.mouse.up()
    time.sleep(2.0)
    expect(pg.locator('[class*="st-key-place_box"]')).to_have_count(1)
    assert f"place={ALMATY}" in pg.url, "a pan keeps the selection"
    spot = map_frame(pg).evaluate(EMPTY_SPOT_JS)
    pg.mouse.click(box["x"] + spot[0], box["y"] + spot[1])
    expect(pg.locator('[class*="st-key-place_box"]')).to_have_count(0, timeout=30_000)
    # The address follows at the end of the script run, a moment after the panel is gone.
    expect(pg).not_to_have_url(re.compile("place="), timeout=10_000)
    assert wait_rings(pg, lambda n: n == 0) == 0
    ctx.close()


def test_opening_the_page_runs_the_script_once(browser, server):
    """The window's size used to be reported right after load, and the map component's first
    report differed from its default: each ran the whole script (and rebuilt the map) again
    before the page was final. Fragment runs (the export panel alone) are not counted."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    whole_runs = []

    def on_sent(payload):
        if isinstance(payload, str):
            return
        msg = BackMsg.FromString(payload)
        if msg.WhichOneof("type") == "rerun_script" and not msg.rerun_script.fragment_id:
            whole_runs.append(time.monotonic())

    pg.on("websocket", lambda ws: ws.on("framesent", on_sent))
    pg.goto(server)
    map_frame(pg)
    wait_features(pg, lambda fs: len(fs) > 0, timeout=120)
    time.sleep(4.0)
    assert len(whole_runs) == 1, f"{len(whole_runs)} runs of the whole script to open the page"
    ctx.close()
