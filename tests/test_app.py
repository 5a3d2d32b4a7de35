"""The Streamlit script driven headless with AppTest on a hand-built seed document."""
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mapapp.corrections import load_corrections
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
    comp = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    assert len(comp) == 1
    return json.loads(comp[0].proto.json_args)


def click(at, feature_id: str, count: int):
    at.session_state["map"] = {"last_object_clicked_count": count,
                               "last_active_drawing": {"type": "Feature", "properties": {"id": feature_id}}}
    at.run()
    assert not at.exception


def all_markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_seed_opens_with_layer_toggles_and_local_leaflet(app):
    assert [c.label for c in app.checkbox] == ["Countries (2)", "Regions (0)", "Borders (1)",
                                               "Cities (2)", "Sites (2)"]
    args = map_args(app)
    assert all(u.startswith("../mapapp.render.webmap.assets.") for u in args["js_links"] + args["css_links"])
    assert "site:baikonur" in args["feature_group"] and "gn:1526384" in args["feature_group"]
    assert args["returned_objects"] == ["last_active_drawing", "last_object_clicked_count"]


def test_clicking_baikonur_shows_its_passage_and_frames_it(app):
    click(app, "site:baikonur", 1)
    assert app.subheader[0].value == "Baikonur Cosmodrome"
    text = all_markdown(app)
    assert "1 mention in 1 passage" in text
    assert "Drittens war das" in text and ">Kosmodrom Baikonur</mark>" in text
    args = map_args(app)
    assert args["center"] == [45.965, 63.305]
    assert "mapapp-highlight" in args["feature_group"]


def test_unchecking_a_layer_removes_its_features_without_new_map(app):
    before = map_args(app)
    app.checkbox(key="layer_sites").uncheck().run()
    after = map_args(app)
    assert "site:baikonur" not in after["feature_group"]
    assert "gn:1526384" in after["feature_group"]
    assert after["script"] == before["script"], "base map must stay mounted"


def test_choosing_a_passage_highlights_its_places(app):
    app.pills(key="passage").set_value(5).run()
    labels = [b.label for b in app.button if b.key and b.key.startswith("pp_")]
    assert any(label.startswith("Baikonur Cosmodrome") for label in labels)
    assert any(label.startswith("Kazakhstan") for label in labels)
    assert "mapapp-highlight" in map_args(app)["feature_group"]
    app.button(key="pp_site:baikonur").click().run()
    assert app.subheader[0].value == "Baikonur Cosmodrome"


def test_correcting_a_place_updates_layers_and_is_saved(app):
    click(app, "site:baikonur", 1)
    app.selectbox(key="fix_choice").select("gn:1521368").run()
    app.button(key="fix_apply").click().run()
    assert not app.exception
    assert [c.label for c in app.checkbox][3:] == ["Cities (3)", "Sites (1)"]
    saved = load_corrections(app.layer_root / SEED_FILE.stem)
    assert [(c.text, c.choice) for c in saved] == [("Kosmodrom Baikonur", "gn:1521368")]
    assert "site:baikonur" not in map_args(app)["feature_group"]


def test_not_a_place_removes_the_place(app):
    click(app, "gn:1526384", 1)
    app.selectbox(key="fix_choice").select("__none__").run()
    app.button(key="fix_apply").click().run()
    assert [c.label for c in app.checkbox][3] == "Cities (1)"
    assert "gn:1526384" not in map_args(app)["feature_group"]


def test_own_text_is_geoparsed_and_mapped(app):
    app.radio(key="mode").set_value("Your own text").run()
    app.text_area[0].input("We drove from Berlin to Paris, then flew on to Almaty.")
    next(b for b in app.button if b.label == "Map this text").click()
    app.run(timeout=120)
    assert not app.exception
    counts = {c.key: c.label for c in app.checkbox}
    assert counts["layer_cities"] == "Cities (3)"
    group = map_args(app)["feature_group"]
    assert "Berlin" in group and "Paris" in group and "Almaty" in group


def test_static_exports_are_offered_next_to_the_other_downloads(app):
    labels = [e.proto.label for e in app.get("download_button")]
    assert {"GeoJSON, all layers", "CSV of mentions", "Standalone HTML map"} <= set(labels)
    assert {"PNG", "SVG", "PDF"} <= set(labels)
