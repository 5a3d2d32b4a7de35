"""Correcting the map in Chromium as a reader would: adding missed places from the text and the
search, telling namesakes apart, re-assigning every mention of a place in one step and undoing
it, a correction staying with its own text, and on a shared server a reader's corrections
staying theirs (and their link's) until an editor publishes them to every open page."""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from conftest import MAP_FRAME, free_port, idle, map_frame, start_server, stop_server, wait_features

pytestmark = pytest.mark.browser

TOKEN = "editor-s3cret"
ENGLISH = ("She flew to Springfield, Illinois. Later she taught at Portland State University. "
           "In Paris she met her sister.")
#: A German text whose lake the geoparser misses ("Chiemsee-Ufer": German compounds are not split).
LAKESIDE = "Wir wanderten am Chiemsee-Ufer mit Freunden aus Genf."
GERMAN = "Am Ufer vom Bodensee-Radweg trafen wir Freunde aus Genf."


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory):
    """The app on the seed as a shared server: publishing needs the editor token."""
    port = free_port()
    proc = start_server(tmp_path_factory.mktemp("layers"), port,
                        env={"MAPAPP_DATA_DIR": str(tmp_path_factory.mktemp("data")),
                             "MAPAPP_EDITOR_TOKEN": TOKEN})
    yield f"http://127.0.0.1:{port}"
    stop_server(proc)


def open_page(browser, url):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    pg.goto(url)
    wait_features(pg, lambda fs: len(fs) > 0, timeout=120)
    idle(pg)
    return ctx, pg


def names(pg) -> set[str]:
    return {f["name"] for f in wait_features(pg, lambda fs: True)}


def ids(pg) -> set[str]:
    return {f["id"] for f in wait_features(pg, lambda fs: True)}


def paste(pg, text: str) -> None:
    area = pg.get_by_label("Paste a German or English text")
    if not area.is_visible():
        pg.get_by_text("Your own text").click()
    expect(area).to_be_visible(timeout=90_000)
    area.fill(text)
    pg.get_by_role("button", name="Map this text").click()
    expect(pg.get_by_text("Paste or upload a text in the sidebar")).to_have_count(0, timeout=60_000)
    map_frame(pg)
    idle(pg)


def upload(pg, path) -> None:
    """Map an uploaded file (the sidebar's uploader: the page has another, for corrections)."""
    if not pg.get_by_role("button", name="Map this text").is_visible():
        pg.get_by_text("Your own text").click()
    expect(pg.get_by_role("button", name="Map this text")).to_be_visible(timeout=90_000)
    pg.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(path))
    expect(pg.get_by_test_id("stFileChipName")).to_have_attribute("title", path.name, timeout=60_000)
    expect(pg.get_by_test_id("stFileChipIconSpinner")).to_have_count(0, timeout=60_000)
    idle(pg)
    pg.get_by_role("button", name="Map this text").click()
    map_frame(pg)
    idle(pg)


def type_in(pg, label: str, text: str) -> None:
    box = pg.get_by_role("textbox", name=label, exact=True)
    box.fill(text)
    box.press("Enter")
    idle(pg)


def add_missed(pg, words: str, hit: str) -> None:
    """Add a missed place: the words as they stand in the text, then a search hit."""
    if not pg.get_by_label("The words as they stand in the text").is_visible():
        pg.get_by_text("Add a missed place").click()
    type_in(pg, "The words as they stand in the text", words)
    pg.get_by_text(hit).click()
    idle(pg)
    pg.get_by_role("button", name="Add 1 mention").click()
    idle(pg)


def choose_place(pg, label: str) -> None:
    pg.get_by_text("All places").click()
    pg.locator('[class*="st-key-place_list"]').get_by_role("radio", name=re.compile(rf"^{re.escape(label)} ·")).click()
    pg.locator('[class*="st-key-place_box"]').get_by_role("heading").first.wait_for()
    idle(pg)


def test_missed_places_are_added_and_namesakes_told_apart(browser, server):
    ctx, pg = open_page(browser, server)
    paste(pg, GERMAN)
    assert "Lake Constance" not in names(pg)
    add_missed(pg, "Bodensee", "Lake Constance — lake")
    wait_features(pg, lambda fs: "Lake Constance" in {f["name"] for f in fs})

    paste(pg, ENGLISH)
    add_missed(pg, "Portland", "Portland — city · Oregon, United States of America")
    oregon = wait_features(pg, lambda fs: any(f["name"] == "Portland" for f in fs))
    assert [f["id"] for f in oregon if f["name"] == "Portland"] == ["portland-5746545"]

    choose_place(pg, "Paris")
    pg.get_by_text("Correct this place").click()
    labels = pg.get_by_role("radiogroup", name="Means").locator("label").all_inner_texts()
    places = [label for label in labels if "—" in label]
    assert len(places) >= 5 and all(label.startswith(("Paris —", "París —")) for label in places), labels
    assert any("Île-de-France, France" in label for label in places)
    assert any("Texas, United States of America" in label for label in places)
    ctx.close()


def test_all_ten_mentions_of_ukraine_are_reassigned_in_one_step_and_undone(browser, server):
    ctx, pg = open_page(browser, server)
    choose_place(pg, "Ukraine")
    pg.get_by_text("Correct this place").click()
    expect(pg.get_by_role("combobox", name="Which mentions")).to_match_aria_snapshot(
        '- combobox "Which mentions": All 10 mentions of ‘Ukraine’, ‘ukrainischen’')
    pg.get_by_text("Another place: search the gazetteer…").click()
    idle(pg)
    type_in(pg, "Search the gazetteer", "Kyiv")
    pg.get_by_text("Kyiv — capital · Ukraine").click()
    idle(pg)
    expect(map_frame(pg).locator(".mapapp-highlight")).to_have_count(2)  # Kyiv previewed beside Ukraine
    pg.get_by_role("button", name="Apply to 10 mentions").click()
    idle(pg)
    fs = wait_features(pg, lambda fs: "country-ua" not in {f["id"] for f in fs})
    assert [f["mention_count"] for f in fs if f["id"] == "kyiv-703448"] == [10]
    pg.keyboard.press("Escape")
    idle(pg)
    pg.get_by_text("Corrections (1)").click()
    pg.get_by_role("button", name="Undo").click()
    idle(pg)
    wait_features(pg, lambda fs: "country-ua" in {f["id"] for f in fs} and "kyiv-703448" not in {f["id"] for f in fs})
    ctx.close()


def test_a_correction_stays_with_its_own_text_not_its_file_name(browser, server, tmp_path):
    first, second = tmp_path / "a" / "notes.txt", tmp_path / "b" / "notes.txt"
    for path, text in ((first, "Gestern in Moskau. Dann nach Almaty."),
                       (second, "Heute in Moskau, morgen vielleicht in Minsk.")):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    ctx, pg = open_page(browser, server)
    upload(pg, first)
    choose_place(pg, "Moscow")
    pg.get_by_text("Correct this place").click()
    idle(pg)  # a choice clicked while a run redraws the form is lost
    pg.get_by_text("Not a place").click()
    idle(pg)
    expect(pg.get_by_role("button", name="Apply to this mention")).to_be_enabled(timeout=30_000)
    pg.get_by_role("button", name="Apply to this mention").click()
    wait_features(pg, lambda fs: "moscow-524901" not in {f["id"] for f in fs})
    upload(pg, second)
    wait_features(pg, lambda fs: "moscow-524901" in {f["id"] for f in fs})
    ctx.close()


def test_a_readers_corrections_are_theirs_until_an_editor_publishes_them(browser, shared_server):
    reader_ctx, reader = open_page(browser, shared_server)
    choose_place(reader, "Almaty")
    reader.get_by_text("Correct this place").click()
    idle(reader)  # a choice clicked while a run redraws the form is lost
    reader.get_by_text("Not a place").click()
    idle(reader)
    expect(reader.get_by_role("button", name="Apply to this mention")).to_be_enabled(timeout=30_000)
    reader.get_by_role("button", name="Apply to this mention").click()
    wait_features(reader, lambda fs: "almaty-1526384" not in {f["id"] for f in fs})
    link = reader.url
    assert "fix=" in link

    other_ctx, other = open_page(browser, shared_server)
    assert "almaty-1526384" in ids(other), "an anonymous reader's change is theirs alone"
    linked = other_ctx.new_page()
    linked.goto(link)
    wait_features(linked, lambda fs: len(fs) > 0 and "almaty-1526384" not in {f["id"] for f in fs}, timeout=120)
    linked.close()

    reader.get_by_text("Corrections (1)").click()
    type_in(reader, "Editor password", TOKEN)
    reader.get_by_role("button", name="Publish 1 correction").click()
    idle(reader)
    # The editor's own page says it is published: if the other reader's map then keeps Almaty,
    # the fault lies in how their page learns of it, not in a lost click here.
    expect(reader.get_by_text("· published")).to_be_visible(timeout=30_000)
    start = time.monotonic()
    wait_features(other, lambda fs: "almaty-1526384" not in {f["id"] for f in fs}, timeout=30)
    assert time.monotonic() - start < 30
    reader_ctx.close()
    other_ctx.close()


def test_the_words_are_taken_from_a_selection_and_the_point_from_a_click_on_the_map(browser, server):
    ctx, pg = open_page(browser, server)
    paste(pg, LAKESIDE)
    pg.get_by_text("Add a missed place").click()
    expect(pg.get_by_text("Or select the words in the text.")).to_be_visible()
    idle(pg)
    pg.wait_for_timeout(500)  # the expander's opening animation moves the text below it
    box = pg.evaluate("""() => {
        const walker = document.createTreeWalker(document.querySelector('.st-key-text_box'), NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf('Chiemsee');
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at); range.setEnd(node, at + 8);
            node.parentElement.scrollIntoView({block: 'center'});
            const r = range.getBoundingClientRect();
            return {left: r.left + 1, right: r.right - 1, y: r.y + r.height / 2};
        }
        return null;
    }""")
    assert box, "Chiemsee stands in the text"
    pg.mouse.move(box["left"], box["y"])
    pg.mouse.down()
    pg.mouse.move(box["right"], box["y"], steps=5)
    pg.mouse.up()
    words = pg.get_by_role("textbox", name="The words as they stand in the text", exact=True)
    expect(words).to_have_value("Chiemsee", timeout=60_000)
    idle(pg)

    pg.get_by_text("A point I name").click()
    idle(pg)
    latitude = pg.get_by_role("spinbutton", name="Latitude")
    expect(latitude).to_have_value("0.0000")
    frame = pg.locator(MAP_FRAME)
    size = frame.bounding_box()
    frame.click(position={"x": size["width"] * 0.3, "y": size["height"] * 0.75})  # beside Geneva's marker
    expect(latitude).not_to_have_value("0.0000", timeout=60_000)
    idle(pg)
    lat = float(latitude.input_value())
    lon = float(pg.get_by_role("spinbutton", name="Longitude").input_value())
    assert 30 < lat < 65 and -10 < lon < 30, (lat, lon)
    assert pg.get_by_role("button", name="Add 1 mention").is_enabled()
    assert pg.locator('[class*="st-key-place_box"]').count() == 0, "a click on the map chose no place"
    ctx.close()
