"""The Streamlit script driven headless with AppTest on a hand-built seed document."""
import json
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mapapp.app.mapframe import FRAME_TITLE
from mapapp.corrections import CorrectionStore, text_hash
from mapapp.io.paths import SEED_FILE

APP = str(Path(__file__).resolve().parent.parent / "mapapp" / "app" / "main.py")


@pytest.fixture()
def app(app_env):
    root = app_env.parent
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    at.layer_root = root
    return at


def map_args(at) -> dict:
    comp = [c for c in at.get("component_instance") if c.proto.component_name == FRAME_TITLE]
    assert len(comp) == 1
    return json.loads(comp[0].proto.json_args)


def bridge_args(at) -> dict:
    """What the page bridge hands to the map: the chosen places' rings and outlines, the view."""
    comp = [c for c in at.get("component_instance") if c.proto.component_name.endswith("mapapp_highlight")]
    assert len(comp) == 1
    return json.loads(comp[0].proto.json_args)


def highlight_args(at) -> dict:
    """The chosen places' rings and outlines the page bridge hands to the map."""
    return bridge_args(at)["highlight"]


def view_center(at) -> list[float]:
    """The centre of the view the page bridge asks the map to show."""
    return bridge_args(at)["view"][:2]


def ringed(at) -> list[str]:
    """The ids of the places ringed on the map."""
    return [f["properties"]["style"].get("mapappRing") for f in highlight_args(at)["features"]]


def click(at, feature_id: str, count: int):
    at.session_state["bridge_value"] = {"click": {"place": feature_id, "n": f"feature-{count}"}}
    at.run()
    assert not at.exception


def all_markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def all_html(at) -> str:
    """What the app shows with st.html: reader text, passages and place details."""
    return "\n".join(h.proto.body for h in at.html)


def layer_labels(at) -> dict[str, str]:
    """The layer toggles' labels by layer name (one toggle per registered layer)."""
    return {c.key.removeprefix("layer_"): c.label for c in at.checkbox if c.key.startswith("layer_")}


def test_seed_opens_with_layer_toggles_and_local_leaflet(app):
    from mapapp.layers import LAYERS, spec

    labels = layer_labels(app)
    assert labels == {"countries": "Countries (2)", "borders": "Borders (1)",
                      "cities": "Cities (2)", "sites": "Sites (2)"}
    empty = [layer for layer in LAYERS if layer not in labels]
    assert app.sidebar.caption[0].value.endswith(", ".join(spec(layer).label for layer in empty) + ".")
    args = map_args(app)
    assert f'L.map(\n                "{args["mapId"]}"' in args["base"] and "https://" not in args["base"], \
        "offline, the map's script links nothing (its frame loads Leaflet from the app server)"
    assert "baikonur-cosmodrome" in args["layers"] and "almaty-1526384" in args["layers"]


def test_clicking_baikonur_shows_its_passage_and_frames_it(app):
    click(app, "baikonur-cosmodrome", 1)
    assert app.subheader[0].value == "Baikonur Cosmodrome"
    text = all_html(app)
    assert "1 mention in 1 passage" in text
    assert "Drittens war das" in text and ">Kosmodrom Baikonur</mark>" in text
    assert view_center(app) == [45.965, 63.305]
    assert ringed(app) == ["baikonur-cosmodrome"]


def test_a_click_leaves_the_map_frame_as_it_was(app):
    """Streamlit sends the frame's arguments (some 175 KB) again whenever they differ at all, and
    the frame draws the layers again whenever their string does: a click changes only what the
    bridge hands to the map, the highlight and the view."""
    assert highlight_args(app)["features"] == []
    before, opening = map_args(app), view_center(app)
    click(app, "baikonur-cosmodrome", 1)
    first, at_baikonur = map_args(app), view_center(app)
    click(app, "almaty-1526384", 2)
    assert map_args(app) == first == before
    assert opening != at_baikonur != view_center(app)
    assert ringed(app) == ["almaty-1526384"]
    click(app, "country-kz", 3)
    outline, = highlight_args(app)["features"]
    assert outline["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert outline["properties"]["style"]["className"] == "mapapp-highlight"
    assert map_args(app)["layers"] == before["layers"]


def test_unchecking_a_layer_removes_its_features_without_new_map(app):
    before = map_args(app)
    app.checkbox(key="layer_sites").uncheck().run()
    after = map_args(app)
    assert "baikonur-cosmodrome" not in after["layers"]
    assert "almaty-1526384" in after["layers"]
    assert after["baseKey"] == before["baseKey"], "base map must stay mounted"


def test_choosing_a_passage_highlights_its_places(app):
    app.session_state["bridge_value"] = {"passage": {"index": 5, "n": "1-1"}}  # a click on ¶6 in the text
    app.run()
    assert '<button type="button" class="pnum" data-passage="5"' in all_html(app)
    labels = [b.label for b in app.button if b.key and b.key.startswith("pp_")]
    assert any(label.startswith("Baikonur Cosmodrome") for label in labels)
    assert any(label.startswith("Kazakhstan") for label in labels)
    assert len(highlight_args(app)["features"]) == len(labels) >= 2
    app.button(key="pp_baikonur-cosmodrome").click().run()
    assert app.subheader[0].value == "Baikonur Cosmodrome"


def seed_corrections(set_id=None):
    return CorrectionStore().effective(text_hash(SEED_FILE.read_text(encoding="utf-8")), set_id)


def open_panel(at, key: str) -> None:
    """Open a folded panel as a reader's click would (its content is built only while open)."""
    at.session_state[key] = True
    at.run()


def undo_buttons(at) -> list:
    open_panel(at, "corrections_open")
    return [b for b in at.button if b.key and b.key.startswith("undo_")]


def test_reassigning_all_mentions_is_one_step_and_one_undo(app):
    from mapapp.gazetteer.search import search

    click(app, "moscow-524901", 1)
    scope = app.selectbox(key="fix_mention_moscow-524901")
    assert scope.value == "all"
    assert "All 7 mentions of ‘Moskau’" in scope.options
    assert "¶1: … vor Ort in Moskau berichtet, dass „die …" in scope.options
    app.radio(key="fix_choice_moscow-524901").set_value("__search__").run()
    app.text_input(key="fix_query").input("Moscow").run()
    idaho = next(h for h in search("Moscow") if h.region == "Idaho")
    app.radio(key="fix_hit_moscow").set_value(idaho.id).run()
    assert view_center(app) != [55.752, 37.616], "the focused hit is previewed on the map"
    app.button(key="fix_apply").click().run()
    assert not app.exception
    saved = seed_corrections()
    assert len(saved) == 7 and {c.choice.id for c in saved} == {idaho.id} and len({c.action for c in saved}) == 1
    assert "moscow-524901" not in map_args(app)["layers"]
    assert "Moskau" in app.toast[0].value
    app.button(key="clear_selection").click().run()
    [undo] = undo_buttons(app)
    undo.click().run()
    assert seed_corrections() == []
    assert "moscow-524901" in map_args(app)["layers"]


def test_not_a_place_stays_listed_with_its_undo(app):
    click(app, "almaty-1526384", 1)
    app.radio(key="fix_choice_almaty-1526384").set_value("__none__").run()
    app.button(key="fix_apply").click().run()
    assert layer_labels(app)["cities"] == "Cities (1)"
    assert "almaty-1526384" not in map_args(app)["layers"]
    [undo] = undo_buttons(app)
    assert "‘Almaty’ → not a place" in all_markdown(app)
    undo.click().run()
    assert layer_labels(app)["cities"] == "Cities (2)"
    assert any("No corrections yet" in c.value for c in app.caption), "the panel stays open as its count changes"


def test_a_missed_place_is_added_from_the_words_and_the_search(app):
    app.radio(key="mode").set_value("Your own text").run()
    app.text_area[0].input("Am Ufer vom Bodensee-Radweg trafen wir Freunde aus Genf. Der Bodensee lag still.")
    next(b for b in app.button if b.label == "Map this text").click()
    app.run(timeout=120)
    open_panel(app, "add_place_open")
    app.text_input(key="add_words").input("Bodensee").run()
    assert app.selectbox(key="add_scope").label == "Found 2 times"
    assert app.text_input(key="add_query").value == "Bodensee"
    app.radio(key="add_hit_bodensee").set_value("lake-constance").run()
    app.button(key="add_apply").click().run()
    assert not app.exception
    assert "Lake Constance" in map_args(app)["layers"]
    assert "Added ‘Bodensee’ (2 mentions) → Lake Constance" in app.toast[0].value


def test_on_a_shared_server_a_readers_corrections_are_their_own_until_published(app_env, monkeypatch):
    monkeypatch.setenv("MAPAPP_EDITOR_TOKEN", "s3cret")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    click(at, "almaty-1526384", 1)
    at.radio(key="fix_choice_almaty-1526384").set_value("__none__").run()
    at.button(key="fix_apply").click().run()
    set_id = at.query_params["fix"]
    assert seed_corrections() == [] and len(seed_corrections(set_id)) == 1
    open_panel(at, "corrections_open")
    assert at.button(key="fix_publish").disabled
    at.text_input(key="editor_token").input("wrong").run()
    assert at.button(key="fix_publish").disabled
    at.text_input(key="editor_token").input("s3cret").run()
    at.button(key="fix_publish").click().run()
    assert [c.surface for c in seed_corrections()] == ["Almaty"]
    other = AppTest.from_file(APP, default_timeout=60)
    other.run()
    assert "almaty-1526384" not in map_args(other)["layers"]
    assert undo_buttons(other)[0].disabled, "only an editor may undo what every reader sees"


def test_own_text_is_geoparsed_and_mapped(app):
    app.radio(key="mode").set_value("Your own text").run()
    app.text_area[0].input("We drove from Berlin to Paris, then flew on to Almaty.")
    next(b for b in app.button if b.label == "Map this text").click()
    app.run(timeout=120)
    assert not app.exception
    counts = {c.key: c.label for c in app.checkbox}
    assert counts["layer_cities"] == "Cities (3)"
    group = map_args(app)["layers"]
    assert "Berlin" in group and "Paris" in group and "Almaty" in group


def test_static_exports_are_offered_next_to_the_other_downloads(app):
    assert not app.get("download_button"), "the folded download panels cost the first page nothing"
    open_panel(app, "downloads_open")
    open_panel(app, "export_open")
    labels = {e.proto.label for e in app.get("download_button")}
    assert {"GeoJSON, all layers", "CSV of mentions", "Standalone HTML map", "PNG", "SVG", "PDF"} <= labels


def test_folded_correction_panels_are_built_when_opened(app):
    assert not any(t.key == "add_words" for t in app.text_input)
    assert not any(t.key == "fix_import_open" for t in app.toggle)
    open_panel(app, "add_place_open")
    open_panel(app, "corrections_open")
    assert any(t.key == "add_words" for t in app.text_input)
    assert any(t.key == "fix_import_open" for t in app.toggle)


# A text whose paragraphs end in carriage returns only: Markdown would read everything after
# the first blank line as Markdown (images fetched, links live, maths typeset) if it ever saw it.
MAC_TEXT = ("Wir flogen nach Almaty.\r\r![x](http://127.0.0.1:9/pixel.png) und "
            "[click](javascript:alert(1))\r\r# Heading\r\r| a | b |\r|---|---|\r| 1 | 2 |\r\r"
            ":red[red] kostet $x^2$ in Moskau.\r")
PAYLOADS = ("![x](http://127.0.0.1:9/pixel.png)", "[click](javascript:alert(1))", "# Heading",
            "| a | b |", ":red[red]", "$x^2$")


def _app_on(path: Path, monkeypatch) -> AppTest:
    monkeypatch.setattr(sys, "argv", ["app.py", str(path)])
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    return at


def test_reader_text_never_passes_through_markdown(app):
    at = app
    at.radio(key="mode").set_value("Your own text").run()
    at.text_area[0].input(MAC_TEXT)
    next(b for b in at.button if b.label == "Map this text").click()
    at.run(timeout=120)
    assert not at.exception
    markdown = all_markdown(at)
    for payload in PAYLOADS:
        assert payload not in markdown
    shown = all_html(at)
    assert "![x](http://127.0.0.1:9/pixel.png)" in shown and "$x^2$" in shown
    assert "<img" not in shown and "<a " not in shown and "<h1" not in shown and "<table" not in shown
    assert shown.count('<div class="passage') == 6, "each \\r\\r-separated paragraph is a passage"
    click(at, "moscow-524901", 1)
    place = all_html(at)
    assert ":red[red] kostet $x^2$ in <mark" in place
    assert ":red[red]" not in all_markdown(at)


@pytest.mark.parametrize("content, shown", [
    ("Köln liegt am Rhein.".encode("latin-1"), "Windows-1252"),
    ("Köln liegt am Rhein.".encode("utf-16"), "UTF-16"),
])
def test_a_latin1_or_utf16_file_is_decoded_and_said_so(app_env, tmp_path, monkeypatch, content, shown):
    f = tmp_path / "koeln.txt"
    f.write_bytes(content)
    at = _app_on(f, monkeypatch)
    assert any(shown in c.value.replace("\\", "") for c in at.caption)
    page = all_html(at)
    assert ">Köln</mark> liegt am " in page and ">Rhein</mark>." in page  # the river, too
    assert not at.error


@pytest.mark.parametrize("name, content, message", [
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16, "looks like a binary file, not text"),
    ("missing.txt", None, "no such file"),
])
def test_a_binary_or_missing_file_gets_one_line_not_a_traceback(app_env, tmp_path, monkeypatch,
                                                                name, content, message):
    f = tmp_path / name
    if content is not None:
        f.write_bytes(content)
    at = _app_on(f, monkeypatch)
    assert len(at.error) == 1 and message in at.error[0].value.replace("\\", "")
    assert at.radio(key="mode").options == ["Your own text"]


def test_online_lookups_are_a_sidebar_toggle_passed_to_the_geoparser(app, monkeypatch):
    import mapapp

    calls, parsed = [], []
    real = mapapp.geoparse

    def spy(text, lang=None, **kw):
        calls.append(kw.get("online"))
        parsed.append(real(text, lang, online=False))
        return parsed[-1]

    monkeypatch.setattr(mapapp, "geoparse", spy)
    toggle = app.toggle(key="online")
    assert toggle.label == "Look up unknown names online" and toggle.value is False
    assert not calls, "off: the saved layers are shown, nothing is geoparsed"
    toggle.set_value(True).run(timeout=120)
    assert not app.exception
    assert calls == [True]
    cities = len(parsed[0].places_in_layer("cities"))
    assert layer_labels(app)["cities"] == f"Cities ({cities})"


def test_a_geoparse_over_its_time_budget_tells_the_reader_what_to_do(app, monkeypatch):
    import mapapp
    from mapapp.errors import GeoparseTimeout

    def too_slow(text, lang=None, **kw):
        raise GeoparseTimeout("This text took longer than 120 s to map; try a shorter part.")

    monkeypatch.setattr(mapapp, "geoparse", too_slow)
    app.radio(key="mode").set_value("Your own text").run()
    app.text_area[0].input("A text that is never mapped in time: Zaragoza, Valladolid, Burgos.")
    next(b for b in app.button if b.label == "Map this text").click()
    app.run(timeout=60)
    assert not app.exception
    shown = " ".join(e.value for e in app.error)
    assert "longer than 120" in shown and "GeoparseTimeout" not in shown


def page_event(at, **value):
    """What the page bridge reports: a click on a mention, Esc, or the window's size."""
    at.session_state["bridge_value"] = {"click": None, "clear": 0, "w": 0, "h": 0, **value}
    at.run()
    assert not at.exception


def test_clicking_a_mention_in_the_text_selects_its_place_and_esc_goes_back(app):
    assert 'data-place="almaty-1526384"' in all_html(app) and 'role="button"' in all_html(app)
    page_event(app, click={"place": "almaty-1526384", "n": "1"})
    assert app.subheader[0].value == "Almaty"
    assert app.button(key="clear_selection").label == "Clear selection"
    page_event(app, click={"place": "almaty-1526384", "n": "1"}, clear="2")
    assert app.session_state["place"] is None and "Almaty" not in [h.value for h in app.subheader]
    page_event(app, click={"place": "no-such-place", "n": "3"}, clear="2")
    assert app.session_state["place"] is None


def test_the_map_height_follows_the_window(app):
    page_event(app, w=1920, h=1080)
    tall = map_args(app)["height"]
    page_event(app, w=1400, h=700)
    assert tall - map_args(app)["height"] >= 300
    page_event(app, w=800, h=900)
    assert 300 <= map_args(app)["height"] < 900


def test_the_place_list_is_built_only_when_opened_then_finds_and_selects_a_place(app):
    assert "place_list" not in [p.key for p in app.pills] and "place_query" not in [t.key for t in app.text_input]
    app.session_state["all_places_open"] = True
    app.run()
    app.text_input(key="place_query").input("sary").run()
    listed = app.pills(key="place_list")
    assert listed.options == ["Sary\\-Shagan test range · 1 mention"]
    listed.set_value("sary-shagan").run()
    assert app.subheader[0].value == "Sary\\-Shagan test range"
    assert app.query_params["place"] == "sary-shagan"


def test_next_and_previous_step_through_the_passages_that_name_places(app):
    app.button(key="next_passage").click().run()
    first = app.session_state["passage"]
    assert app.query_params["p"] == str(first + 1)
    app.button(key="next_passage").click().run()
    second = app.session_state["passage"]
    assert second > first and highlight_args(app)["features"]
    app.button(key="prev_passage").click().run()
    assert app.session_state["passage"] == first
    app.button(key="clear_selection").click().run()
    assert app.session_state["passage"] is None and "p" not in app.query_params


def test_an_address_reopens_a_place_and_the_layers(app_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["place"] = "baikonur-cosmodrome"
    at.query_params["layers"] = "countries,sites"
    at.run()
    assert not at.exception
    assert at.subheader[0].value == "Baikonur Cosmodrome"
    shown = {c.key.removeprefix("layer_"): c.value for c in at.checkbox if c.key.startswith("layer_")}
    assert {k for k, on in shown.items() if on} == {"countries", "sites"}
    assert "almaty-1526384" not in map_args(at)["layers"]
    at.checkbox(key="layer_cities").check().run()
    assert at.query_params["layers"] == "countries,cities,sites"


def test_an_address_reopens_a_passage(app_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["p"] = "6"
    at.run()
    assert at.session_state["passage"] == 5
    assert any(b.key == "pp_baikonur-cosmodrome" for b in at.button)


def test_a_pasted_text_is_reopened_by_its_link(app, app_env):
    app.radio(key="mode").set_value("Your own text").run()
    app.text_area[0].input("We drove from Berlin to Paris, then flew on to Almaty.")
    next(b for b in app.button if b.label == "Map this text").click()
    app.run(timeout=120)
    text_hash = app.query_params["text"]
    assert len(text_hash) == 12
    other = AppTest.from_file(APP, default_timeout=120)
    other.query_params["text"] = text_hash
    other.query_params["place"] = "paris-2988507"
    other.run()
    assert not other.exception
    assert other.radio(key="mode").value == "Your own text"
    assert "Berlin" in map_args(other)["layers"]
    gone = AppTest.from_file(APP, default_timeout=60)
    gone.query_params["text"] = "ffffffffffff"
    gone.run()
    assert "not kept on this server" in gone.warning[0].value
