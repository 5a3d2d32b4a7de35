"""Static map export: the files open as what they claim and show the places where they are."""
from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from pyproj import Geod
from shapely.geometry import Point, shape

import mapapp
from mapapp.gazetteer.basemap import countries_geojson
from mapapp.geojson import place_to_feature
from mapapp.io.layerfiles import write_layers
from mapapp.model import Mention, Place
from mapapp.render.image.cli import cli
from mapapp.render.image.decorations import ATTRIBUTION, nice_km
from mapapp.render.image.export import ExportError, ExportOptions, export_file, plan, render
from mapapp.render.image.source import title_from_name
from mapapp.render.style import color_for

SVG_NS = "{http://www.w3.org/2000/svg}"
SMALL = dict(width_px=1000, height_px=640, dpi=100)


def _named(name: str, count: int) -> list[Mention]:
    return [Mention(10 * i, 10 * i + len(name), name) for i in range(count)]


def _point(pid: str, name: str, layer: str, category: str, lon: float, lat: float, count: int = 1) -> dict:
    return place_to_feature(Place(pid, name, layer, category, "KZ", "test", Point(lon, lat), lat, lon,
                                  _named(name, count)))


def _country(iso: str, name: str, lon: float, lat: float, count: int = 1) -> dict:
    feat = next(f for f in countries_geojson()["features"] if f["properties"]["iso_a2"] == iso)
    return place_to_feature(Place(f"country-{iso.lower()}", name, "countries", "country", iso, "test",
                                  shape(feat["geometry"]), lat, lon, _named(name, count)))


def _fc(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


@pytest.fixture(scope="module")
def layers() -> dict:
    return {
        "countries": _fc(_country("KZ", "Kasachstan", 67.0, 48.0, 5), _country("RU", "Russland", 99.0, 61.5, 3)),
        "regions": _fc(),
        "borders": _fc(),
        "cities": _fc(_point("almaty-1526384", "Almaty", "cities", "city", 76.917, 43.25, 3),
                      _point("moscow-524901", "Moskau", "cities", "capital", 37.616, 55.752, 2)),
        "sites": _fc(_point("baikonur-cosmodrome", "Baikonur", "sites", "cosmodrome", 63.305, 45.965, 2),
                     _point("sary-shagan", "Sary-Shagan", "sites", "missile_test_range", 73.57, 46.38)),
    }


@pytest.fixture(scope="module")
def small(layers):
    """Renders of the shared layers at a small size, made once per format and layer choice."""
    cache: dict = {}

    def get(fmt: str, only: tuple[str, ...] | None = None) -> bytes:
        if (fmt, only) not in cache:
            cache[fmt, only] = render(layers, ExportOptions(fmt, layers=only, **SMALL))
        return cache[fmt, only]
    return get


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def _close(a, b, tol: int = 12) -> bool:
    return all(abs(int(x) - int(y)) <= tol for x, y in zip(a[:3], b[:3]))


def _svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


def test_png_opens_with_the_requested_pixel_size(layers):
    image = Image.open(io.BytesIO(render(layers, ExportOptions("png", width_px=1601, height_px=1003, dpi=137))))
    assert image.format == "PNG"
    assert image.size == (1601, 1003)


def test_default_size_is_at_least_1600_by_1000(layers):
    image = Image.open(io.BytesIO(render(layers, ExportOptions("png"))))
    assert image.size[0] >= 1600 and image.size[1] >= 1000


def test_svg_keeps_place_names_title_and_credit_as_text(layers):
    texts = _svg_texts(render(layers, ExportOptions("svg", title="Kasachstan-Krise", **SMALL)))
    for name in ("Almaty", "Moskau", "Baikonur", "KASACHSTAN", "Kasachstan-Krise", ATTRIBUTION):
        assert name in texts


def test_pdf_has_one_page_with_searchable_labels(small):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(small("pdf")))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for name in ("Almaty", "Moskau", "Baikonur", "km", "Natural Earth"):
        assert name in text


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_same_input_gives_identical_bytes(layers, small, fmt):
    assert render(layers, ExportOptions(fmt, **SMALL)) == small(fmt)


def test_markers_are_drawn_at_the_pixels_their_coordinates_predict(layers, small):
    image = Image.open(io.BytesIO(small("png"))).convert("RGB")
    layout = plan(layers, ExportOptions("png", **SMALL))
    for layer, feat in [("sites", f) for f in layers["sites"]["features"]] + \
                       [("cities", f) for f in layers["cities"]["features"]]:
        props = feat["properties"]
        col, row = layout.to_pixel(props["lon"], props["lat"])
        assert 0 < col < image.width and 0 < row < image.height
        pixel = image.getpixel((int(col), int(row)))
        assert _close(pixel, _rgb(color_for(layer, props["category"]))), (props["name"], pixel)


def test_single_site_moves_with_the_bbox():
    site = {"sites": _fc(_point("baikonur-cosmodrome", "Baikonur", "sites", "cosmodrome", 63.305, 45.965))}
    colour = _rgb(color_for("sites", "cosmodrome"))
    pixels = []
    for bbox in [(55.0, 40.0, 75.0, 52.0), (62.0, 44.0, 80.0, 55.0)]:
        options = ExportOptions("png", bbox=bbox, **SMALL)
        image = Image.open(io.BytesIO(render(site, options))).convert("RGB")
        col, row = plan(site, options).to_pixel(63.305, 45.965)
        assert _close(image.getpixel((int(col), int(row))), colour)
        pixels.append((col, row))
    assert abs(pixels[0][0] - pixels[1][0]) > 100


def test_map_is_projected_and_true_to_scale_at_its_centre(layers):
    layout = plan(layers, ExportOptions("png", **SMALL))
    assert "+proj=laea" in layout.view.crs
    lon, lat = layout.view.centre_lonlat()
    metres_per_px = layout.view.width_m / layout.axes_px[2]
    (c0, r0), (c1, r1) = layout.to_pixel(lon - 1, lat), layout.to_pixel(lon + 1, lat)
    drawn_m = ((c1 - c0) ** 2 + (r1 - r0) ** 2) ** 0.5 * metres_per_px
    true_m = Geod(ellps="WGS84").inv(lon - 1, lat, lon + 1, lat)[2]
    assert drawn_m == pytest.approx(true_m, rel=0.01)


def test_extent_follows_places_not_whole_huge_countries(layers):
    layout = plan(layers, ExportOptions("png", **SMALL))
    assert layout.view.width_m < 7_000_000  # Russia's polygon spans ~10,000 km
    for feat in layers["cities"]["features"] + layers["sites"]["features"]:
        col, row = layout.to_pixel(feat["properties"]["lon"], feat["properties"]["lat"])
        left, bottom, width, height = layout.axes_px
        assert left < col < left + width
        assert layout.height_px - bottom - height < row < layout.height_px - bottom


def test_layers_option_changes_the_picture(layers, small):
    options = ExportOptions("png", layers=("cities",), **SMALL)
    only_cities = small("png", ("cities",))
    assert only_cities != small("png")
    texts = _svg_texts(small("svg", ("cities",)))
    assert "Almaty" in texts and "Baikonur" not in texts
    image = Image.open(io.BytesIO(only_cities)).convert("RGB")
    col, row = plan(layers, options).to_pixel(63.305, 45.965)
    assert not _close(image.getpixel((int(col), int(row))), _rgb(color_for("sites", "cosmodrome")))


@pytest.mark.parametrize("name, title", [("kazakhstan_commentary_de.txt", "Kazakhstan commentary"),
                                         ("bericht.txt", "Bericht"), ("de.txt", "De"), ("news-en.md", "News")])
def test_default_title_is_readable(name, title):
    assert title_from_name(name) == title


def test_nice_scale_lengths():
    assert [nice_km(v) for v in (730, 199, 1, 12.5)] == [500, 100, 1, 10]


def test_cli_exports_a_layer_folder_titled_after_its_source(tmp_path, seed_doc):
    folder = tmp_path / "layers" / "seed"
    write_layers(seed_doc, folder, "kazakhstan_commentary_de.txt")
    out = tmp_path / "out" / "map.svg"
    assert cli([str(folder), "-o", str(out), "--width", "1000", "--height", "640"]) == 0
    texts = _svg_texts(out.read_bytes())
    assert "Kazakhstan commentary" in texts
    assert "Almaty" in texts
    first = out.read_bytes()
    assert cli([str(folder), "-o", str(out), "--width", "1000", "--height", "640"]) == 0
    assert out.read_bytes() == first
    assert [p.name for p in out.parent.iterdir()] == ["map.svg"]


def test_cli_dpi_alone_scales_the_default_size(tmp_path, seed_doc):
    folder = tmp_path / "layers"
    write_layers(seed_doc, folder, "seed.txt")
    out = tmp_path / "map.png"
    assert cli([str(folder), "-o", str(out), "--dpi", "75"]) == 0
    assert Image.open(out).size == (900, 550)


def test_text_source_is_geoparsed(tmp_path, seed_doc, monkeypatch):
    monkeypatch.setattr(mapapp, "geoparse", lambda text, lang=None: seed_doc, raising=False)
    source = tmp_path / "bericht.txt"
    source.write_text(seed_doc.text, encoding="utf-8")
    out = tmp_path / "bericht.pdf"
    export_file(source, out, ExportOptions("pdf", **SMALL))
    assert out.read_bytes().startswith(b"%PDF")
    assert "Bericht" in __import__("pypdf").PdfReader(out).pages[0].extract_text()


@pytest.mark.parametrize("args, reason", [
    (["--bbox", "80,40,60,50"], "W < E"),
    (["--bbox", "60,40,80"], "four numbers"),
    (["--bbox", "60,-95,80,50"], "S < N"),
    (["--format", "gif"], "invalid choice"),
    (["--layers", "cities,lakes"], "lakes"),
    (["--width", "10"], "width"),
    (["--format", "svg"], "suffix"),
])
def test_cli_bad_arguments_exit_2_with_one_line(tmp_path, seed_doc, capsys, args, reason):
    folder = tmp_path / "layers"
    write_layers(seed_doc, folder, "seed.txt")
    out = tmp_path / "map.png"
    assert cli([str(folder), "-o", str(out), *args]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and reason in err
    assert not out.exists()


def test_cli_missing_source_exits_2(tmp_path, capsys):
    assert cli([str(tmp_path / "nope.txt"), "-o", str(tmp_path / "map.png")]) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_empty_layer_folder_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExportError):
        export_file(tmp_path / "empty", tmp_path / "map.png", ExportOptions("png"))


@pytest.mark.parametrize("title", ["5$ bis 10$", r"$\frac{1}{$", "Kosten: 3 $ pro Tag"])
def test_dollar_signs_in_the_title_are_printed_as_written(layers, title):
    from pypdf import PdfReader

    assert title in _svg_texts(render(layers, ExportOptions("svg", title=title, **SMALL)))
    pdf = PdfReader(io.BytesIO(render(layers, ExportOptions("pdf", title=title, **SMALL))))
    assert title in pdf.pages[0].extract_text()


def test_dollar_signs_in_a_place_name_are_printed_as_written():
    site = {"sites": _fc(_point("site:x", "Camp $5$", "sites", "military_base", 63.3, 45.9))}
    assert "Camp $5$" in _svg_texts(render(site, ExportOptions("svg", **SMALL)))


def test_cli_title_that_would_break_mathtext_is_written(tmp_path, seed_doc, capsys):
    folder = tmp_path / "layers"
    write_layers(seed_doc, folder, "seed.txt")
    out = tmp_path / "map.svg"
    assert cli([str(folder), "-o", str(out), "--title", r"$\frac{1}{$", "--width", "800", "--height", "500"]) == 0
    assert r"$\frac{1}{$" in _svg_texts(out.read_bytes())


def test_broken_feature_in_a_layer_folder_is_named_and_the_rest_drawn(tmp_path, seed_doc, capsys):
    folder = tmp_path / "layers"
    write_layers(seed_doc, folder, "seed.txt")
    cities = json.loads((folder / "cities.geojson").read_text(encoding="utf-8"))
    del cities["features"][0]["properties"]["lat"]
    broken = cities["features"][0]["properties"]["name"]
    (folder / "cities.geojson").write_text(json.dumps(cities), encoding="utf-8")
    out = tmp_path / "map.svg"
    assert cli([str(folder), "-o", str(out), "--width", "1000", "--height", "640"]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "cities.geojson: feature 1" in err
    texts = _svg_texts(out.read_bytes())
    assert broken not in texts and "Almaty" in texts


def test_render_names_a_malformed_feature_instead_of_a_traceback(layers):
    broken = {"cities": _fc({"type": "Feature", "properties": {"name": "Nowhere"}, "geometry": None})}
    with pytest.raises(ExportError, match="cities.geojson: feature 1"):
        render(broken, ExportOptions("png", **SMALL))


def test_presets_set_the_page_size_and_explicit_sizes_override_them(tmp_path, seed_doc):
    folder = tmp_path / "layers"
    write_layers(seed_doc, folder, "seed.txt")
    out = tmp_path / "map.png"
    assert cli([str(folder), "-o", str(out), "--preset", "square"]) == 0
    assert Image.open(out).size == (1080, 1080)
    assert cli([str(folder), "-o", str(out), "--preset", "article", "--width", "900"]) == 0
    assert Image.open(out).size == (900, 600)


def test_cli_subtitle_credit_and_focus_are_printed(tmp_path, seed_doc):
    folder = tmp_path / "layers"
    write_layers(seed_doc, folder, "seed.txt")
    out = tmp_path / "map.svg"
    assert cli([str(folder), "-o", str(out), "--preset", "article", "--subtitle", "Wo Kasachstan testet",
                "--credit", "Karte: Redaktion", "--focus", "ru"]) == 0
    texts = _svg_texts(out.read_bytes())
    assert "Wo Kasachstan testet" in texts
    assert any(t.startswith("Karte: Redaktion") and ATTRIBUTION in t for t in texts)


def test_bad_focus_is_one_line(tmp_path, seed_doc, capsys):
    folder = tmp_path / "layers"
    write_layers(seed_doc, folder, "seed.txt")
    assert cli([str(folder), "-o", str(tmp_path / "map.png"), "--focus", "Kasachstan"]) == 2
    assert "two-letter country codes" in capsys.readouterr().err


def _app_png(doc, reported_bounds, chosen=()):
    """The app's export: the bounds the view report read from a moved map, else the opening view."""
    from mapapp.app.export_panel import WebView, bbox_of_bounds, bbox_of_view, export_options, render_current_view
    from mapapp.render.webmap import mapview

    opened = mapview.view_for(list(chosen) or doc.places, width=600, height=560)
    bbox = bbox_of_bounds(reported_bounds) or bbox_of_view(WebView(tuple(opened.center), opened.zoom, 600, 560))
    options = export_options("png", "article", ["countries", "borders", "cities", "sites"], bbox,
                             "Kazakhstan commentary")
    return render_current_view(doc, options), plan(doc.layer_collections(), options), bbox


def test_app_export_of_a_zoomed_view_differs_from_the_overview_and_matches_its_extent(seed_doc):
    overview, overview_plan, _ = _app_png(seed_doc, None)
    zoomed_bounds = {"_southWest": {"lat": 41.9, "lng": 75.3}, "_northEast": {"lat": 44.6, "lng": 78.5}}
    zoomed, layout, (w, s, e, n) = _app_png(seed_doc, zoomed_bounds)
    assert zoomed != overview
    assert layout.view.width_m < overview_plan.view.width_m / 4
    left, bottom, width, height = layout.axes_px
    top = layout.height_px - bottom - height
    # The view's centre is the web map's, and its edges are the web map's (one pair exactly, the
    # other grown to the page's proportions).
    cx, cy = layout.to_pixel((w + e) / 2, (s + n) / 2)
    assert cx == pytest.approx(left + width / 2, abs=3) and cy == pytest.approx(top + height / 2, abs=0.03 * height)
    (x_w, _), (x_e, _) = layout.to_pixel(w, (s + n) / 2), layout.to_pixel(e, (s + n) / 2)
    (_, y_n), (_, y_s) = layout.to_pixel((w + e) / 2, n), layout.to_pixel((w + e) / 2, s)
    exact_x = x_w == pytest.approx(left, abs=0.03 * width) and x_e == pytest.approx(left + width, abs=0.03 * width)
    exact_y = y_n == pytest.approx(top, abs=0.03 * height) and y_s == pytest.approx(top + height, abs=0.03 * height)
    assert exact_x or exact_y
    assert left - 2 <= x_w and x_e <= left + width + 2 and top - 2 <= y_n and y_s <= top + height + 2


def test_app_export_follows_the_selection_when_the_map_reports_no_view(seed_doc):
    almaty = seed_doc.place("almaty-1526384")
    overview, overview_plan, _ = _app_png(seed_doc, None)
    chosen, layout, bbox = _app_png(seed_doc, None, [almaty])
    assert bbox is not None and chosen != overview
    col, row = layout.to_pixel(almaty.lon, almaty.lat)
    left, bottom, width, height = layout.axes_px
    assert abs(col - (left + width / 2)) < 0.1 * width
    assert layout.view.width_m < overview_plan.view.width_m


@pytest.mark.parametrize("bbox, bar, caveat", [
    ((60.0, 42.0, 70.0, 48.0), True, None),                 # a region: one bar holds everywhere
    ((30.0, 35.0, 100.0, 60.0), True, "off at the edges"),  # wide: the bar says where it holds
    ((-20.0, 20.0, 150.0, 75.0), False, "No scale bar"),    # a continent and more: no bar at all
])
def test_scale_bar_only_where_it_holds(layers, bbox, bar, caveat):
    texts = " ".join(_svg_texts(render(layers, ExportOptions("svg", bbox=bbox, **SMALL))))
    assert ("km" in texts) == bar
    assert "Lambert azimuthal equal-area projection" in texts
    if caveat is None:
        assert "off at the edges" not in texts and "No scale bar" not in texts
    else:
        assert caveat in texts


def test_the_app_offers_the_export_form_with_the_cli_title(app_env):
    from streamlit.testing.v1 import AppTest

    from mapapp.app.export_panel import PANEL_OPEN
    from mapapp.io.paths import SEED_FILE

    at = AppTest.from_file(str(SEED_FILE.parent.parent / "mapapp" / "app" / "main.py"), default_timeout=90)
    at.run()
    assert not at.exception
    assert "export_title" not in {t.key for t in at.text_input}, "the folded panel builds no form"
    at.session_state[PANEL_OPEN] = True  # the reader unfolds "Static map (PNG, SVG, PDF)"
    at.run()
    fields = {t.key: t.value for t in at.text_input}
    assert fields["export_title"] == title_from_name(SEED_FILE.name) == "Kazakhstan commentary"
    assert {"export_subtitle", "export_credit"} <= set(fields)
    assert [o for o in at.selectbox(key="export_preset").options] == ["Article, 1200 × 800", "Square, 1080 × 1080",
                                                                      "Print, A4 landscape at 300 dpi"]
