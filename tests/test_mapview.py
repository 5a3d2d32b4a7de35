import math

import json

from mapapp.render.webmap import mapview


def test_base_map_links_nothing_from_the_network(seed_doc):
    """The app's frame links Leaflet from the app server (static/index.html), the standalone page
    inlines it: neither base map links a CDN."""
    for inline in (False, True):
        m = mapview.base_map(seed_doc.places, mapview.view_for(seed_doc.places), inline_assets=inline)
        assert not m.default_js and not m.default_css
        page = m.get_root().render()
        assert "https://cdn" not in page and "code.jquery.com" not in page


def test_the_app_map_script_carries_settings_not_the_behaviour_script(seed_doc):
    """The frame links map.js and map.css (cached by the browser); only a standalone page inlines them."""
    places, view = seed_doc.places, mapview.view_for(seed_doc.places)
    script = mapview.map_script(mapview.base_map(places, view)).script
    assert "window.mapappInit(" in script and "window.mapappInit = init" not in script
    assert len(script) < 12_000
    standalone = mapview.map_script(mapview.base_map(places, view, inline_assets=True)).script
    assert "window.mapappInit = init" in standalone


def test_the_map_script_stays_while_the_map_does(seed_doc):
    """folium names elements at random: the same map built again gives the same script and key
    (Streamlit need not send it again, the frame keeps it mounted); other places or another
    background change them."""
    places, view = seed_doc.places, mapview.view_for(seed_doc.places)
    first, again = (mapview.map_script(mapview.base_map(places, view)) for _ in range(2))
    assert first == again
    assert f"var {first.map_id} = L.map(" in first.script
    fewer = [p for p in places if p.id != "almaty-1526384"]
    other = mapview.map_script(mapview.base_map(fewer, view))
    assert other.key != first.key and other.map_id != first.map_id


def test_legend_lists_categories_of_points_and_present_layers(seed_doc):
    labels = [e.label for e in mapview.legend_entries(seed_doc.places)]
    assert "cosmodrome" in labels and "missile test range" in labels
    assert "Countries" in labels and "Borders" in labels and "Regions" not in labels


def test_marker_size_grows_with_mentions(seed_doc):
    moscow = mapview.place_feature(seed_doc.place("moscow-524901"))["properties"]
    almaty = mapview.place_feature(seed_doc.place("almaty-1526384"))["properties"]
    assert moscow["mention_count"] > almaty["mention_count"]
    assert moscow["radius"] > almaty["radius"]
    assert "7 mentions" in moscow["label"]


def test_feature_groups_follow_the_visible_layers(seed_doc):
    js = mapview.layers_json(seed_doc.places, ["sites"])
    assert "baikonur-cosmodrome" in js and "moscow-524901" not in js
    assert len(json.loads(mapview.layers_json(seed_doc.places, ["cities", "sites"]))) == 2
    assert json.loads(mapview.layers_json(seed_doc.places, [])) == []


def test_view_frames_a_place_and_handles_the_antimeridian(seed_doc):
    b = mapview.view_for([seed_doc.place("baikonur-cosmodrome")])
    assert b.center == (45.965, 63.305) and b.zoom == 5
    ru = mapview.view_for([seed_doc.place("country-ru")])
    assert 60 < ru.center[1] < 140, "Russia is centred in Siberia, not on Greenwich"
    kz = mapview.view_for([seed_doc.place("country-kz")])
    assert 3 <= kz.zoom <= 5 and math.isclose(kz.center[1], 66.9, abs_tol=1.5)


def _points(coords) -> list:
    if coords and isinstance(coords[0], (int, float)):
        return [coords]
    return [p for c in coords for p in _points(c)]


def test_display_geometry_is_simplified_and_rounded(seed_doc):
    kz = seed_doc.place("country-kz")
    feat = mapview.place_feature(kz)
    assert feat["properties"]["id"] == "country-kz"
    shown = _points(feat["geometry"]["coordinates"])
    original = _points(kz.geometry.__geo_interface__["coordinates"])
    assert len(shown) < len(original)
    assert all(round(v, 2) == v for p in shown for v in p)


def test_corpus_markers_are_sized_and_labelled_by_documents(seed_doc):
    moscow, almaty = seed_doc.place("moscow-524901"), seed_doc.place("almaty-1526384")
    sizing = mapview.documents({moscow.id: 1, almaty.id: 12})
    m, a = (mapview.place_feature(p, sizing)["properties"] for p in (moscow, almaty))
    assert m["label"] == "Moscow · 1 document" and a["label"] == "Almaty · 12 documents"
    assert a["radius"] > m["radius"]


def test_legend_and_tooltips_show_markup_in_names_as_text(seed_doc):
    from dataclasses import replace

    from mapapp.render.html import LegendEntry, legend_html

    legend = legend_html([LegendEntry("<img src=x onerror=alert(1)>", "#fff", "dot")])
    assert "<img" not in legend and "&lt;img src=x onerror=alert(1)&gt;" in legend
    evil = replace(seed_doc.place("baikonur-cosmodrome"), name="<b>x</b>")
    assert mapview.place_feature(evil)["properties"]["label"] == "&lt;b&gt;x&lt;/b&gt; · 1 mention"


def test_standalone_assets_inline_leaflet_and_its_images():
    from mapapp.render.webmap import assets

    head = assets.inline_head()
    assert (assets.LEAFLET_DIR / "leaflet.js").read_text()[:300] in head
    assert "jQuery" not in head, "no map feature needs jQuery: 87 KB more to parse for nothing"
    assert "url(images/" not in head and "data:image/png;base64," in head
    assert "</script" not in head.replace("</script>\n", "")


def _with_usa(seed_doc):
    from conftest import _country

    from mapapp.model import Mention, Place

    usa = Place("country-us", "United States", "countries", "country", "US", "wikidata:Q30",
                _country("US"), 39.8, -98.6, [Mention(0, 7, "Amerika")])
    return [*seed_doc.places, usa]


def test_the_seed_opens_on_its_places_and_not_on_the_americas(seed_doc):
    places = _with_usa(seed_doc)
    view = mapview.view_for(places, width=900, height=760)
    assert 40 < view.center[1] < 120 and view.zoom >= 2
    assert [p.id for p in mapview.outside_places(places)] == ["country-us"]
    wide = mapview.view_for(places, width=1800, height=760)
    assert wide.zoom > view.zoom, "a bigger map shows the same places closer"


def test_base_map_hands_the_frame_outside_places_and_theme_to_the_browser(seed_doc):
    places = _with_usa(seed_doc)
    config = mapview.map_config(places, mapview.view_for(places), dark=True)
    assert config["theme"] == "dark" and not config["wrap"]
    (s, w), (n, e) = config["frame"]
    assert w > 20 and e <= 180, "the frame stays in -180..180 with Russia and without the USA"
    assert [o["name"] for o in config["outside"]] == ["United States"]
    (us_s, us_w), (us_n, us_e) = config["outside"][0]["bounds"]
    assert us_w < -120 and us_e > -70 and us_n < 50, "a badge flies to the contiguous USA"
    assert mapview.map_config(places, mapview.view_for(places))["theme"] == "auto"
    page = mapview.base_map(places, mapview.view_for(places), dark=False).get_root().render()
    assert "window.mapappInit(" in page and '"theme": "light"' in page


def test_legend_rows_name_their_layer_so_switched_off_layers_can_hide(seed_doc):
    from mapapp.render.html import legend_html

    body = legend_html(mapview.legend_entries(seed_doc.places))
    assert 'data-layer="sites"' in body and 'data-layer="borders"' in body
    assert body.count('data-layer="sites"') == 2, "one row per category of sites"


def test_selection_ring_names_its_place_and_sits_above_tooltips(seed_doc):
    moscow = seed_doc.place("moscow-524901")
    ring, outline = mapview.highlight([moscow, seed_doc.place("country-kz")])["features"]
    assert ring["geometry"]["coordinates"] == [round(moscow.lon, 4), round(moscow.lat, 4)]
    assert ring["properties"]["style"]["mapappRing"] == "moscow-524901"
    assert ring["properties"]["style"]["pane"] == "mapappSelection"
    assert ring["properties"]["style"]["radius"] > mapview.place_feature(moscow)["properties"]["radius"]
    assert outline["geometry"]["type"] in ("Polygon", "MultiPolygon")
    for feature in (ring, outline):
        assert feature["properties"]["style"]["interactive"] is False
        assert feature["properties"]["style"]["className"] == "mapapp-highlight"


def test_area_tooltips_stay_above_the_pointer(seed_doc):
    countries, = json.loads(mapview.layers_json(seed_doc.places, ["countries"]))
    assert countries["spec"]["tooltip"]["sticky"] is True and countries["spec"]["tooltip"]["direction"] == "top"


TEMPLATE_NAMES = ("Qq{{ 7*7 }}Zz", "Qq{{ broken", "Qq{% if true %}Zz", "Qq{# x")


def _named(seed_doc, name):
    from dataclasses import replace

    from mapapp.model import Document

    places = [replace(p, name=name, category=name) if p.id == "almaty-1526384" else p
              for p in seed_doc.places]
    return places, Document(seed_doc.text, seed_doc.lang, seed_doc.passages, places)


def test_names_with_template_syntax_are_data_in_the_app_map(seed_doc):
    """branca compiles an element's rendered script as a Jinja template; a name from the
    gazetteer, a geocoder or a corpus must neither run ("{{ 7*7 }}" -> 49) nor break the map."""
    for name in TEMPLATE_NAMES:
        places, _ = _named(seed_doc, name)
        script = mapview.map_script(mapview.base_map(places, mapview.view_for(places))).script
        layers = mapview.layers_json(places, ["cities"])
        assert "Qq49Zz" not in script + layers
        assert name in {f["properties"]["name"] for f in json.loads(layers)[0]["data"]["features"]}, name


def test_names_with_template_syntax_are_data_in_the_standalone_story_map(seed_doc):
    from mapapp.render.downloads import standalone_html

    for name in TEMPLATE_NAMES:
        _, doc = _named(seed_doc, name)
        page = standalone_html(doc, title=name).decode("utf-8")
        assert "Qq49Zz" not in page
        assert name.replace("<", "\\u003c") in page or name in page


def test_coarse_basemap_is_lighter_and_covers_every_country_the_detailed_one_has():
    from shapely.geometry import shape

    from mapapp.render.webmap.elements import COARSE, DETAIL, basemap_features

    coarse, detail = basemap_features(COARSE), basemap_features(DETAIL)
    assert len(coarse["features"]) == len(detail["features"])

    def points(fc):
        return sum(len(shape(f["geometry"]).exterior.coords) if f["geometry"]["type"] == "Polygon"
                   else sum(len(g.exterior.coords) for g in shape(f["geometry"]).geoms)
                   for f in fc["features"])
    assert points(coarse) < points(detail) * 0.7
    for c, d in zip(coarse["features"], detail["features"]):
        a, b = shape(c["geometry"]).buffer(0), shape(d["geometry"]).buffer(0)
        # Off by at most two pixels at the zooms the coarse level is shown (0.06 degrees a pixel).
        off = a.symmetric_difference(b).difference(b.boundary.buffer(0.12))
        assert off.area < 0.01 * b.area + 1e-3, "a coarse country keeps its shape"


def test_web_map_fetches_the_coarse_basemap_first_and_the_standalone_inlines_the_detail(seed_doc):
    from mapapp.render.webmap import assets
    from mapapp.render.webmap.elements import DETAIL_ZOOM

    served = mapview.base_map(seed_doc.places, mapview.view_for(seed_doc.places)).get_root().render()
    urls = assets.basemap_urls()
    assert urls["coarse"] in served and urls["detail"] in served
    assert f"map.getZoom() < {DETAIL_ZOOM}" in served
    inline = mapview.base_map(seed_doc.places, mapview.view_for(seed_doc.places),
                              inline_assets=True).get_root().render()
    assert urls["coarse"] not in inline and '"MultiPolygon"' in inline
