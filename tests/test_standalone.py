"""The downloaded HTML as a story map, in Chromium with every request that would leave the file blocked."""
from __future__ import annotations

from dataclasses import replace

import pytest
from playwright.sync_api import expect

from conftest import make_document
from mapapp.render import downloads

pytestmark = pytest.mark.browser

HOSTILE_NAME = '<img src=x onerror="window.pwned=1">Almaty</script><script>window.pwned=2</script>'
HOSTILE_PARAGRAPH = ('Ein Absatz mit <b>Markup</b> und <script>window.pwned=3</script> sowie '
                     '<img src=http://evil.example/x.png onerror="window.pwned=4"> in Almaty.')

POINT_JS = """([lat, lon]) => {
    const map = window.mapappStory.map;
    const p = map.latLngToContainerPoint([lat, lon]);
    const box = map.getContainer().getBoundingClientRect();
    return [box.left + p.x, box.top + p.y];
}"""
SHOWN_JS = """() => [...document.querySelectorAll('#story-passages article')]
    .filter(a => !a.hidden).map(a => Number(a.dataset.number))"""
LIT_JS = """() => {
    const out = [];
    window.mapappStory.map.eachLayer(l => {
        if (l.options && l.options.className === 'story-ring') out.push(l.options.placeId);
    });
    return [...new Set(out)].sort();
}"""
CONTRAST_JS = """() => {
    const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
    const lum = c => { const v = c.slice(0, 3).map(x => x / 255)
        .map(x => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
    const background = el => {
        for (; el; el = el.parentElement) {
            const c = rgb(getComputedStyle(el).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c;
            if (c.length === 4 && c[3] > 0) return null;
        }
        return [255, 255, 255];
    };
    const out = [];
    const sel = '#story h1, #story .meta, #story-where, #story button, #story summary, .passage, ' +
                '.mapapp-legend div, .leaflet-control-layers label';
    for (const el of document.querySelectorAll(sel)) {
        if (!el.offsetParent || !el.textContent.trim()) continue;
        const bg = background(el);
        if (!bg) continue;
        const fg = rgb(getComputedStyle(el).color);
        const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
        out.push([el.textContent.trim().slice(0, 30), (hi + 0.05) / (lo + 0.05)]);
    }
    return out;
}"""


def open_story(browser, path, scheme: str = "light"):
    """The file in a fresh page; anything but file: and data: is aborted and recorded."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme=scheme)
    page = ctx.new_page()
    page.left = []
    page.errors = []

    def guard(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            page.left.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.mapappStory", timeout=30_000)
    return page


def wait_still(page) -> None:
    """Until a fly animation has ended."""
    page.wait_for_function("() => !window.mapappStory.map._animatingZoom && "
                           "!window.mapappStory.map._panAnim?._inProgress", timeout=10_000)
    page.wait_for_timeout(900)


@pytest.fixture()
def story(browser, seed_doc, tmp_path):
    path = tmp_path / "story.html"
    path.write_bytes(downloads.standalone_html(seed_doc, "Seed"))
    page = open_story(browser, path)
    yield page
    assert page.left == [] and page.errors == []
    page.context.close()


def passages_of(doc, place_id: str) -> list[int]:
    return [n + 1 for n in doc.place(place_id).passages]


def test_clicking_a_marker_shows_the_passages_that_name_it(story, seed_doc):
    moscow = seed_doc.place("moscow-524901")
    x, y = story.evaluate(POINT_JS, [moscow.lat, moscow.lon])
    story.mouse.click(x, y)
    assert story.evaluate(SHOWN_JS) == passages_of(seed_doc, "moscow-524901")
    assert story.evaluate(LIT_JS) == ["moscow-524901"]
    expect(story.locator("#story-selection")).to_contain_text("Moscow · 7 mentions")
    marked = story.locator("mark.mention.on")
    assert set(marked.all_inner_texts()) == {"Moskau"}
    assert marked.count() == len(moscow.mentions)


def test_clicking_a_mention_selects_its_place_and_flies_there(story, seed_doc):
    zoom_before = story.evaluate("() => window.mapappStory.map.getZoom()")
    story.locator("mark.mention", has_text="Almaty").first.click()
    wait_still(story)
    assert story.evaluate(LIT_JS) == ["almaty-1526384"]
    expect(story.get_by_role("button", name="Almaty, Cities, 1 mention")).to_have_attribute("aria-pressed", "true")
    assert story.evaluate("() => window.mapappStory.map.getZoom()") > zoom_before
    x, y = story.evaluate(POINT_JS, [43.25, 76.917])
    box = story.locator(".folium-map").bounding_box()
    assert abs(x - (box["x"] + box["width"] / 2)) < 60 and abs(y - (box["y"] + box["height"] / 2)) < 60


def test_a_mention_is_chosen_with_the_keyboard_too(story):
    story.locator("mark.mention", has_text="Sary-Shagan").first.focus()
    story.keyboard.press("Enter")
    assert story.evaluate(LIT_JS) == ["sary-shagan"]


def test_next_and_previous_step_through_the_passages_with_their_places(story, seed_doc):
    nxt, prev = story.get_by_role("button", name="Next passage"), story.get_by_role("button", name="Previous passage")
    nxt.click()
    nxt.click()
    where = story.locator("#story-where")
    expect(where).to_have_text(f"¶2 · 2 of {len(seed_doc.passages)}")
    expect(story.locator("article.current")).to_have_attribute("data-number", "2")
    assert story.evaluate(LIT_JS) == sorted(p.id for p in seed_doc.places_in_passage(1))
    prev.click()
    expect(where).to_have_text(f"¶1 · 1 of {len(seed_doc.passages)}")
    story.get_by_role("button", name="Passage 21: show its places on the map").click()
    expect(story.locator("article.current")).to_have_attribute("data-number", "21")
    expect(story.locator("article.current")).to_be_in_viewport()


def test_stepping_after_choosing_a_place_visits_only_its_passages(story, seed_doc):
    story.get_by_role("button", name="Moscow, Cities, 7 mentions").click()
    nxt = story.get_by_role("button", name="Next passage")
    seen = []
    for _ in passages_of(seed_doc, "moscow-524901"):
        nxt.click()
        seen.append(int(story.locator("article.current").get_attribute("data-number")))
    assert seen == passages_of(seed_doc, "moscow-524901")
    story.keyboard.press("Escape")
    assert len(story.evaluate(SHOWN_JS)) == len(seed_doc.passages)
    assert story.evaluate(LIT_JS) == []
    expect(story.get_by_role("button", name="Clear the selection (Esc)")).to_be_hidden()


def test_markup_in_names_and_text_stays_text(browser, seed_text, tmp_path):
    doc = make_document(HOSTILE_PARAGRAPH + "\n\n" + seed_text)
    doc = replace(doc, places=[replace(p, name=HOSTILE_NAME) if p.id == "almaty-1526384" else p
                               for p in doc.places])
    path = tmp_path / "hostile.html"
    path.write_bytes(downloads.standalone_html(doc, "<script>window.pwned=5</script>"))
    page = open_story(browser, path)
    page.get_by_role("button", name="Passage 1: show its places on the map").click()
    page.locator("mark.mention", has_text="Almaty").first.click()
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("#story img, #story script, #story b").count() == 0
    assert HOSTILE_PARAGRAPH in page.locator("article.passage").first.inner_text()
    expect(page.locator("#story-selection strong")).to_have_text(HOSTILE_NAME)
    expect(page.locator("#story h1")).to_have_text("<script>window.pwned=5</script>")
    assert page.left == [] and page.errors == []
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_is_readable_in_light_and_dark_mode(browser, seed_doc, tmp_path, scheme):
    path = tmp_path / "story.html"
    path.write_bytes(downloads.standalone_html(seed_doc, "Seed"))
    page = open_story(browser, path, scheme)
    page.get_by_role("button", name="Next passage").click()
    ratios = page.evaluate(CONTRAST_JS)
    page.context.close()
    assert len(ratios) > 20
    assert [r for r in ratios if r[1] < 4.5] == []
