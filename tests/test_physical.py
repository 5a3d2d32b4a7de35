"""Physical geography and exonyms: seas, rivers, ranges and islands are found, resolved and drawn.

The sentences are the ones a new user tried in issue 14 ("Not found", "Wrong"),
each now expected to land on the feature itself and in its own layer: rivers as
lines, seas and lakes in the water layer, ranges and islands in land forms.
"""
from __future__ import annotations

import json

import pytest

import mapapp
from mapapp.geodesy import great_circle_km
from mapapp.gazetteer.physical import LANDFORMS, RIVERS, WATER, layer_of, physical_features
from mapapp.layers import LINE_LAYERS, spec
from mapapp.render import downloads
from mapapp.render.webmap.mapview import legend_entries, place_feature




@pytest.fixture(scope="module")
def records():
    return {r.id: r for r in physical_features()}


def test_every_feature_has_a_shape_of_its_layers_kind(records):
    for record in records.values():
        assert record.geometry is not None and record.geometry.is_valid, record.id
        assert not record.geometry.is_empty, record.id
        kinds = ("LineString", "MultiLineString") if record.layer == RIVERS else ("Polygon", "MultiPolygon")
        assert record.geometry.geom_type in kinds, record.id


def test_label_points_lie_on_their_feature(records):
    from shapely.geometry import Point

    for record in records.values():
        assert record.geometry.distance(Point(record.lon, record.lat)) < 0.5, record.id


def test_categories_sort_into_the_three_layers():
    assert layer_of("strait") == WATER and layer_of("river") == RIVERS and layer_of("desert") == LANDFORMS
    with pytest.raises(ValueError, match="unknown physical category"):
        layer_of("volcano")


def test_prominent_features_outweigh_small_namesakes(records):
    """The Amur river (prominence 2) must rank like a city of millions, above the village Amur."""
    assert records["amur"].population >= 1_000_000
    assert records["black-sea"].population > records["lake-sevan"].population


def _only(doc, place_id):
    place = doc.place(place_id)
    assert place is not None, [(m.text, p.id) for m, p in doc.mentions()]
    return place


@pytest.mark.parametrize("text, place_id, layer", [
    ("Die Drohnen flogen über dem Schwarzen Meer.", "black-sea", WATER),
    ("Tanker fahren über das Kaspische Meer nach Baku.", "caspian-sea", WATER),
    ("Piraten kaperten einen Frachter im Golf von Aden.", "gulf-of-aden", WATER),
    ("Russian ships were seen in the Sea of Okhotsk.", "sea-of-okhotsk", WATER),
    ("Der Indische Ozean erwärmt sich schneller als erwartet.", "indian-ocean", WATER),
    ("The ice on Lake Michigan formed late this year.", "lake-michigan", WATER),
    ("Am Bodensee war es am Wochenende voll.", "lake-constance", WATER),
    ("Die Brücke über die Straße von Kertsch wurde beschädigt.", "kerch-strait", WATER),
    ("Die Wolga ist Russlands wichtigste Wasserstraße.", "volga", RIVERS),
    ("Floods on the Danube reached Budapest.", "danube", RIVERS),
    ("Die Grenze verläuft entlang des Amur.", "amur", RIVERS),
    ("In den Alpen schmelzen die Gletscher.", "alps", LANDFORMS),
    ("Im Schwarzwald fielen viele Bäume.", "black-forest", LANDFORMS),
    ("Auf Mallorca wurde gegen den Tourismus protestiert.", "mallorca", LANDFORMS),
    ("Japan fordert die Rückgabe der Kurilen.", "kuril-islands", LANDFORMS),
    ("The court ruled on sharing the waters of the Cauvery.", "kaveri", RIVERS),
    ("Floods on the Brahmaputra cut off villages in Assam.", "brahmaputra", RIVERS),
    ("On Oahu, home prices rose again.", "oahu", LANDFORMS),
])
def test_physical_features_are_found_in_their_layer(text, place_id, layer):
    place = _only(mapapp.geoparse(text), place_id)
    assert place.layer == layer


def test_a_river_is_drawn_as_a_line_in_every_view():
    doc = mapapp.geoparse("Das Hochwasser der Donau erreichte Budapest.")
    river = _only(doc, "danube")
    assert river.geometry.geom_type in ("LineString", "MultiLineString")
    assert spec(river.layer).is_line and river.layer in LINE_LAYERS
    assert place_feature(river)["geometry"]["type"] in ("LineString", "MultiLineString")
    assert ("Rivers", spec(RIVERS).color, "line") in [(e.label, e.color, e.shape) for e in legend_entries(doc.places)]
    features = json.loads(downloads.geojson_bytes(doc, RIVERS))["features"]
    assert [f["geometry"]["type"] for f in features] in (["LineString"], ["MultiLineString"])


def test_a_sea_is_an_area_near_its_middle():
    sea = _only(mapapp.geoparse("Getreidefrachter queren das Schwarze Meer."), "black-sea")
    assert sea.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert great_circle_km(sea.lat, sea.lon, 43.4, 34.0) < 161


@pytest.mark.parametrize("text, place_id", [
    ("Der Flughafen von Genf war geschlossen.", "geneva-2660646"),
    ("Die Modewoche in Mailand beginnt.", "milan-3173435"),
    ("In Lissabon war es heiß.", "lisbon-2267057"),
    ("Die Regierung in Tiflis hat das Gesetz verabschiedet.", "tbilisi-611717"),
    ("Der Prozess in Den Haag beginnt.", "the-hague-2747373"),
])
def test_exonyms_reach_the_city(text, place_id):
    assert _only(mapapp.geoparse(text), place_id).layer == "cities"
