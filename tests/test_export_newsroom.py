"""The seed's static map as a newsroom would print it: every site named, nothing crossed, a subject,
the far-away place listed rather than framed, files a designer can open by layer and place."""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import matplotlib
import pytest
from matplotlib.transforms import Bbox
from PIL import Image

from mapapp import geoparse
from mapapp.io.paths import SEED_FILE
from mapapp.layers import spec
from mapapp.model import Place
from mapapp.render.image.export import RC, ExportOptions, figure, render_places
from mapapp.render.image.groups import Group
from mapapp.render.image.layout import layout_for

SVG_NS = "{http://www.w3.org/2000/svg}"
SMALL = dict(width_px=1200, height_px=800, dpi=110)


@pytest.fixture(scope="module")
def seed() -> list[Place]:
    """The seed geoparsed with the real gazetteer: Red Square, the USA and all."""
    return geoparse(SEED_FILE.read_text(encoding="utf-8"), "de").places


@pytest.fixture(scope="module")
def svg(seed) -> bytes:
    return render_places(seed, ExportOptions("svg", **SMALL))


def _texts(data: bytes) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(data).iter(f"{SVG_NS}text")]


def _groups(artist) -> list[Group]:
    out = []
    for child in artist.get_children():
        if isinstance(child, Group):
            out.append(child)
        out += _groups(child)
    return out


def _drawn(places: list[Place], options: ExportOptions):
    with matplotlib.rc_context(RC):
        fig = figure(places, options)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        groups = {g.get_gid(): g for g in _groups(fig)}
        return fig, renderer, groups


def test_every_city_and_site_of_the_seed_is_named_in_the_svg(seed, svg):
    texts = " ".join(_texts(svg))
    points = [p.name for p in seed if spec(p.layer).is_point]
    assert {"Red Square", "Sary-Shagan test range", "Moscow", "Almaty"} <= set(points)
    for name in points:
        assert name in texts, name


def test_no_name_overlaps_another_or_a_drawn_border(seed):
    fig, renderer, groups = _drawn(seed, ExportOptions("png", **SMALL))
    boxes = []
    for gid, group in groups.items():
        if gid.startswith("label-"):
            text = group.children[-1]
            boxes.append((text.get_text(), text.get_window_extent(renderer)))
    assert len(boxes) >= 12
    for i, (name, box) in enumerate(boxes):
        for other, obox in boxes[i + 1:]:
            assert not box.overlaps(obox), (name, other)
    border_paths = [a.get_path().transformed(a.get_transform())
                    for g in groups["layer-borders"].children for a in g.children]
    assert border_paths
    for name, box in boxes:
        shrunk = Bbox.from_extents(box.x0 + 0.5, box.y0 + 0.5, box.x1 - 0.5, box.y1 - 0.5)
        assert not any(path.intersects_bbox(shrunk, filled=False) for path in border_paths), name


def test_country_names_sit_inside_their_country(seed):
    """UKRAINE used to sit on the Russia-Ukraine border, ARMENIA over the Caspian."""
    import shapely
    from shapely.geometry import box as shapely_box

    from mapapp.render.image.draw import basemap_in_view

    options = ExportOptions("png", **SMALL)
    fig, renderer, groups = _drawn(seed, options)
    ax = fig.axes[0]
    layout = layout_for(seed, options)
    basemap = basemap_in_view(layout.view, 0)
    shapes = dict(zip(basemap["iso_a2"], basemap.geometry))
    inverse = ax.transData.inverted()
    for place in seed:
        if not spec(place.layer).basemap_countries or place.id not in {p.id for p in seed}:
            continue
        group = groups.get(f"label-{place.id}")
        if group is None or place.name in layout.outside:
            continue
        text = group.children[-1]
        e = text.get_window_extent(renderer)
        (x0, y0), (x1, y1) = inverse.transform([(e.x0, e.y0), (e.x1, e.y1)])
        label = shapely_box(x0, y0, x1, y1)
        leader = any(type(a).__name__ == "Line2D" for a in group.children)
        if not leader:  # a name on a leader line may sit outside; the line points at the country
            assert shapes[place.country_code].contains(label), place.name
        else:
            assert not shapely.intersects(label, shapes[place.country_code].boundary), place.name


def test_far_place_is_listed_not_framed(seed, svg):
    layout = layout_for(seed, ExportOptions("png", **SMALL))
    assert layout.outside == ("United States of America",)
    assert any("Also named: United States of America" in t for t in _texts(svg))
    lon, _ = layout.view.centre_lonlat()
    assert 40 < lon < 110  # centred on Russia and Kazakhstan, not pulled towards America


def test_svg_groups_are_named_by_layer_and_place(svg):
    ids = set(re.findall(rb'<g id="([^"]+)"', svg))
    for gid in (b"layer-basemap", b"layer-countries", b"layer-borders", b"layer-cities", b"layer-sites",
                b"place-almaty-1526384", b"place-country-kz", b"labels-cities", b"label-red-square",
                b"titles", b"credits"):
        assert gid in ids, gid
    axes = next(g for g in ET.fromstring(svg).iter(f"{SVG_NS}g") if g.get("id") == "axes_1")
    unnamed = [g.get("id") for g in axes.findall(f"{SVG_NS}g")
               if re.fullmatch(r"[a-z0-9]+_\d+", g.get("id")) and not g.get("id").startswith(("patch_", "matplotlib"))]
    assert unnamed == []


def test_pdf_embeds_its_fonts(seed):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render_places(seed, ExportOptions("pdf", **SMALL))))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]


def _image(places: list[Place], options: ExportOptions):
    return Image.open(io.BytesIO(render_places(places, options))).convert("RGB")


def _fill_at(image, places: list[Place], options: ExportOptions, lon: float, lat: float) -> tuple[int, int, int]:
    col, row = layout_for(places, options).to_pixel(lon, lat)
    return image.getpixel((int(col), int(row)))


def _blueness(image, places, options, lon: float, lat: float) -> int:
    """How blue a country's fill is: the most typical of a few pixels around (lon, lat), so a
    name drawn over one of them does not decide."""
    values = sorted(rgb[2] - rgb[0] for rgb in (_fill_at(image, places, options, lon + dx, lat + dy)
                                                for dx in (-1.0, 0.0, 1.0) for dy in (-0.5, 0.5)))
    return values[len(values) // 2]


def test_main_countries_stand_out_and_focus_can_be_chosen(seed):
    kz, ukraine = (66.0, 50.0), (31.0, 49.0)
    options = ExportOptions("png", **SMALL)
    image = _image(seed, options)
    assert _blueness(image, seed, options, *kz) > _blueness(image, seed, options, *ukraine) + 15
    chosen = ExportOptions("png", focus=("UA",), **SMALL)
    image = _image(seed, chosen)
    assert _blueness(image, seed, chosen, *ukraine) > _blueness(image, seed, chosen, *kz) + 15


def test_a_continent_does_not_tint_the_map():
    europe = [p for p in geoparse("In Europa und in der Europäischen Union steigen die Zinsen.", "de").places
              if p.category in ("continent", "union")]
    assert europe, "the gazetteer should find Europe or the EU in this text"
    options = ExportOptions("png", bbox=(0.0, 44.0, 20.0, 54.0), **SMALL)
    with_region = _fill_at(_image(europe, options), europe, options, 10.0, 48.5)
    without = _fill_at(_image([], options), [], options, 10.0, 48.5)
    assert all(abs(a - b) <= 3 for a, b in zip(with_region, without))


def test_a_zoomed_export_names_only_what_it_shows(seed):
    """Moscow's name used to hang at the map's edge on a leader line when the view was Kazakhstan."""
    texts = " ".join(_texts(render_places(seed, ExportOptions("svg", bbox=(55.0, 40.0, 82.0, 52.0), **SMALL))))
    assert "Almaty" in texts and "Baikonur Cosmodrome" in texts
    assert "Moscow" not in texts and "Red Square" not in texts


def test_each_file_names_the_extent_it_shows(seed):
    """A zoomed export says which view it is (the app's browser test reads this too); the default
    export names the framed view, which holds every framed place."""
    from mapapp.render.image.export import EXTENT_PREFIX

    def extent(note: str) -> tuple[float, ...]:
        assert note.startswith(EXTENT_PREFIX)
        return tuple(float(v) for v in note[len(EXTENT_PREFIX):].split(","))

    bbox = (60.0, 40.0, 85.0, 52.0)
    svg = render_places(seed, ExportOptions("svg", title="t", bbox=bbox)).decode()
    assert extent(re.search(r"<dc:coverage>([^<]*)</dc:coverage>", svg).group(1)) == pytest.approx(bbox)
    pdf = render_places(seed, ExportOptions("pdf", title="t", bbox=bbox))
    assert b"/Subject (Extent \\(lon/lat W,S,E,N\\): 60.0000,40.0000,85.0000,52.0000)" in pdf
    with Image.open(io.BytesIO(render_places(seed, ExportOptions("png", title="t")))) as img:
        w, s, e, n = extent(img.info["Coverage"])
    almaty = next(p for p in seed if p.name == "Almaty")
    assert w < almaty.lon < e and s < almaty.lat < n
    assert (w, s, e, n) != pytest.approx(bbox, abs=1.0)
