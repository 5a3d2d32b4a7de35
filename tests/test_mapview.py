import math

from streamlit_folium import _get_feature_group_string

from mapapp.render.webmap import mapview


def test_base_map_links_only_local_assets(seed_doc):
    m = mapview.base_map(seed_doc, mapview.view_for(seed_doc.places))
    links = [u for _, u in m.default_js + m.default_css]
    assert links and all(u.startswith("../mapapp.render.webmap.assets.") for u in links)
    page = m.get_root().render()
    assert "https://cdn" not in page and "code.jquery.com" not in page


def test_legend_lists_categories_of_points_and_present_layers(seed_doc):
    labels = [e[0] for e in mapview.legend_entries(seed_doc)]
    assert "cosmodrome" in labels and "missile test range" in labels
    assert "Countries" in labels and "Borders" in labels and "Regions" not in labels


def test_marker_size_grows_with_mentions(seed_doc):
    moscow = mapview.place_feature(seed_doc.place("gn:524901"))["properties"]
    almaty = mapview.place_feature(seed_doc.place("gn:1526384"))["properties"]
    assert moscow["mention_count"] > almaty["mention_count"]
    assert moscow["radius"] > almaty["radius"]
    assert "7 mentions" in moscow["label"]


def test_feature_groups_follow_the_visible_layers(seed_doc):
    m = mapview.base_map(seed_doc, mapview.view_for(seed_doc.places))
    groups = mapview.feature_groups(seed_doc, ["sites"])
    js = "".join(_get_feature_group_string(g, m, i) for i, g in enumerate(groups))
    assert "site:baikonur" in js and "gn:524901" not in js
    groups = mapview.feature_groups(seed_doc, ["cities", "sites"], [seed_doc.place("site:baikonur")])
    assert len(groups) == 3


def test_view_frames_a_place_and_handles_the_antimeridian(seed_doc):
    b = mapview.view_for([seed_doc.place("site:baikonur")])
    assert b.center == (45.965, 63.305) and b.zoom == 5
    ru = mapview.view_for([seed_doc.place("country:RU")])
    assert 60 < ru.center[1] < 140, "Russia is centred in Siberia, not on Greenwich"
    kz = mapview.view_for([seed_doc.place("country:KZ")])
    assert 3 <= kz.zoom <= 5 and math.isclose(kz.center[1], 66.9, abs_tol=1.5)


def test_display_geometry_is_simplified(seed_doc):
    kz = seed_doc.place("country:KZ")
    feat = mapview.place_feature(kz)
    assert feat["properties"]["id"] == "country:KZ"
    assert len(str(feat["geometry"])) <= len(str(kz.geometry.__geo_interface__))


def test_tiles_are_offered_only_when_their_host_answers(monkeypatch):
    import socket

    from mapapp.render.webmap import assets

    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen()
        port = srv.getsockname()[1]
        assert assets.reachable("127.0.0.1", port)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    assert not assets.reachable("127.0.0.1", closed)
    monkeypatch.setenv(assets.OFFLINE_ENV, "1")
    assert assets.available_tiles() == []


def test_standalone_assets_inline_leaflet_and_its_images():
    from mapapp.render.webmap import assets

    head = assets.inline_head()
    assert (assets.LEAFLET_DIR / "leaflet.js").read_text()[:300] in head
    assert (assets.JQUERY_DIR / "jquery.min.js").read_text()[:300] in head
    assert "url(images/" not in head and "data:image/png;base64," in head
    assert "</script" not in head.replace("</script>\n", "")
