import json
import re
from dataclasses import replace

from mapapp.layers import LAYERS, spec
from mapapp.render.webmap import mapview
from mapapp.render.webmap.elements import map_js
from mapapp.render.webmap.placelayer import PlaceLayer, features_json, layer_spec


def _call_args(script: str) -> tuple[dict, dict]:
    """The spec and the features a layer's script hands to ``mapappPlaceLayer``."""
    m = re.search(r"window\.mapappPlaceLayer\(\w+, (\{.*?\}), (\{.*\})\);", script, re.S)
    assert m, script[:300]
    return json.loads(m.group(1)), json.loads(m.group(2))


def test_each_layer_takes_its_style_from_the_registry():
    for layer in LAYERS:
        s, layer_style = layer_spec(layer), spec(layer)
        if layer_style.is_point:
            assert s["point"] and s["colorKeys"] == ["fillColor"] and s["style"]["fill"] is True
        else:
            assert not s["point"]
            assert s["style"] == layer_style.web_path_style()
            assert s["colorKeys"] == (["color", "fillColor"] if layer_style.is_area else ["color"])
        assert s["tooltip"]["direction"] == "top"


def test_area_tooltips_follow_the_pointer_and_point_tooltips_sit_above_the_marker():
    assert layer_spec("countries")["tooltip"]["sticky"] is True
    assert layer_spec("cities")["tooltip"]["sticky"] is False


def test_a_layer_reaches_the_app_map_as_its_features(seed_doc):
    layers = json.loads(mapview.layers_json(seed_doc.places, ["countries", "cities", "sites"]))
    assert [x["layer"] for x in layers] == ["countries", "cities", "sites"], "bottom to top, as registered"
    cities = layers[1]
    assert cities["spec"] == layer_spec("cities")
    ids = {f["properties"]["id"] for f in cities["data"]["features"]}
    assert {"moscow-524901", "almaty-1526384"} <= ids
    assert all(f["properties"]["layer"] == "cities" for f in cities["data"]["features"])


def test_a_layer_reaches_the_standalone_page_as_its_features(seed_doc):
    m = mapview.base_map(seed_doc.places, mapview.view_for(seed_doc.places), inline_assets=True)
    group = mapview.layer_group(seed_doc.places, "cities").add_to(m)
    page = m.get_root().render()
    layer, data = _call_args(page)
    assert layer == layer_spec("cities")
    assert {"moscow-524901", "almaty-1526384"} <= {f["properties"]["id"] for f in data["features"]}
    assert f"{group.get_name()}.addTo({m.get_name()})" in page.replace("\n", "")


def test_names_cannot_end_the_script_or_run_as_templates(seed_doc):
    evil = "</script><script>alert(1)</script>{{ 7*7 }}"
    places = [replace(p, name=evil) if p.id == "almaty-1526384" else p for p in seed_doc.places]
    layers = mapview.layers_json(places, ["cities"])
    assert "</script" not in layers
    data = json.loads(layers)[0]["data"]
    assert evil in {f["properties"]["name"] for f in data["features"]}

    standalone = mapview.base_map(places, mapview.view_for(places), inline_assets=True)
    mapview.layer_group(places, "cities").add_to(standalone)
    page = standalone.get_root().render()
    assert "{{ 7*7 }}" in page and "</script><script>alert" not in page


def test_the_builder_ships_with_the_behaviour_script():
    assert "window.mapappPlaceLayer = function" in map_js()
    assert "window.mapappInit = init" in map_js()


def test_the_features_are_written_once_per_layer(seed_doc):
    """A page's render may ask for the script more than once; the JSON is made once."""
    layer = PlaceLayer("cities", [mapview.place_feature(p) for p in seed_doc.places if p.layer == "cities"])
    assert layer.data_json is layer.data_json
    assert json.loads(layer.data_json) == layer.data


def test_the_same_features_are_written_once_and_changed_ones_again(seed_doc):
    """A script run rebuilds the same features (cached display geometries): their JSON is reused;
    a changed label or a new geometry object is written afresh."""
    from copy import deepcopy

    feats = [mapview.place_feature(p) for p in seed_doc.places if p.layer == "cities"]
    first = features_json(feats)
    again = [mapview.place_feature(p) for p in seed_doc.places if p.layer == "cities"]
    assert features_json(again) is first
    renamed = deepcopy(again)
    renamed[0]["properties"]["label"] = "Elsewhere · 1 mention"
    assert "Elsewhere" in features_json(renamed) and "Elsewhere" not in first
    moved = [dict(f) for f in again]
    moved[0]["geometry"] = {"type": "Point", "coordinates": [1.0, 2.0]}
    assert "[1.0, 2.0]" in features_json(moved)
    assert json.loads(features_json(moved))["features"][1] == json.loads(first)["features"][1]
