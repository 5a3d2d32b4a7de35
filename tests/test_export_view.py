"""A zoomed export describes what it shows, and every name is clearly its own place's: the legend
and subtitle count the places in the frame, no name sits by another place's marker, and the
graticule never looks like a border across an inland sea."""
from __future__ import annotations

import math

import matplotlib
import pytest
import shapely

from mapapp import geoparse
from mapapp.io.paths import SEED_FILE
from mapapp.layers import spec
from mapapp.model import Place
from mapapp.render.image.export import RC, ExportOptions, figure
from mapapp.render.image.groups import Group
from mapapp.render.image.layout import layout_for

ARTICLE = dict(width_px=1200, height_px=800, dpi=120)
#: The view of the README's zoomed export (Kazakhstan, as the app reported it), and a tighter one.
ZOOMED = (54.7998, 34.9940, 79.2334, 57.5866)
KAZAKHSTAN = (55.0, 40.0, 82.0, 52.0)
#: Points a name keeps from every other place's marker (the export keeps a little more).
CLEARANCE_PT = 5.0


@pytest.fixture(scope="module")
def seed() -> list[Place]:
    return geoparse(SEED_FILE.read_text(encoding="utf-8"), "de").places


def _groups(artist) -> dict[str, Group]:
    out = {}
    for child in artist.get_children():
        if isinstance(child, Group):
            out[child.get_gid()] = child
        out.update(_groups(child))
    return out


def _drawn(places: list[Place], options: ExportOptions):
    with matplotlib.rc_context(RC):
        fig = figure(places, options)
        fig.canvas.draw()
        return fig, fig.canvas.get_renderer(), _groups(fig)


def _inside(layout, lon: float, lat: float) -> bool:
    left, bottom, width, height = layout.axes_px
    col, row = layout.to_pixel(lon, lat)
    top = layout.height_px - bottom - height
    return left <= col <= left + width and top <= row <= top + height


def _legend_rows(fig) -> set[str]:
    return {t.get_text() for t in fig.axes[0].get_legend().get_texts()}


def _subtitle(groups) -> str:
    return groups["titles"].children[1].get_text()


def test_a_zoomed_legend_and_subtitle_count_only_what_the_frame_shows(seed):
    """The README's zoomed export said '3 cities' and listed Capital and Landmark with neither in view."""
    options = ExportOptions("png", bbox=KAZAKHSTAN, **ARTICLE)
    layout = layout_for(seed, options)
    fig, _, groups = _drawn(seed, options)
    points = [p for p in seed if spec(p.layer).is_point]
    in_view = [p for p in points if _inside(layout, p.lon, p.lat)]
    assert 0 < len(in_view) < len(points)
    categories = {p.category.replace("_", " ").capitalize() for p in in_view}
    hidden = {p.category.replace("_", " ").capitalize() for p in points} - categories
    assert hidden, "the view should leave out a kind of place the text names"
    rows = _legend_rows(fig)
    assert categories <= rows and not hidden & rows
    w, s, e, n = layout.view.lonlat_bounds(pad_deg=0)
    regions = [p for p in seed if p.layer == "regions" and p.geometry.intersects(shapely.box(w, s, e, n))]
    assert ("Regions named" in rows) == bool(regions)
    cities = sum(1 for p in in_view if p.layer == "cities")
    subtitle = _subtitle(groups)
    assert f"{cities} {'city' if cities == 1 else 'cities'}" in subtitle
    assert "in this view" in subtitle and "more outside it" in subtitle


def test_the_overview_counts_every_place_it_frames(seed):
    fig, _, groups = _drawn(seed, ExportOptions("png", **ARTICLE))
    cities = sum(1 for p in seed if p.layer == "cities")
    assert _subtitle(groups).startswith("Places named in the text: ")
    assert f"{cities} cities" in _subtitle(groups)
    categories = {p.category.replace("_", " ").capitalize() for p in seed if spec(p.layer).is_point}
    assert categories <= _legend_rows(fig)


def _markers(ax, groups, dpi: float) -> dict[str, tuple[float, float, float]]:
    """Each drawn marker's display centre and outer radius (with its white rim), by place slug."""
    out = {}
    for layer in ("cities", "sites"):
        for place_group in groups[f"layer-{layer}"].children:
            dots = place_group.children[0]
            (x, y), = ax.transData.transform(dots.get_offsets())
            radius_pt = math.sqrt(dots.get_sizes()[0]) / 2 + dots.get_linewidths()[0] / 2
            out[place_group.get_gid().removeprefix("place-")] = (float(x), float(y), radius_pt * dpi / 72)
    return out


def _gap(box, marker: tuple[float, float, float]) -> float:
    """Pixels between a label's box and a marker's edge (negative when they overlap)."""
    x, y, r = marker
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return math.hypot(dx, dy) - r


def _stacked(a, b) -> bool:
    """Markers drawn on one another (Red Square on Moscow): a name beside one is beside both."""
    return b is not None and math.hypot(a[0] - b[0], a[1] - b[1]) < a[2] + b[2]


@pytest.mark.parametrize("bbox", [None, ZOOMED, KAZAKHSTAN])
def test_no_name_sits_by_another_places_marker(seed, bbox):
    """'Sary-Shagan test range' used to sit just above Baikonur's marker, as if it named it."""
    options = ExportOptions("png", bbox=bbox, **ARTICLE)
    fig, renderer, groups = _drawn(seed, options)
    markers = _markers(fig.axes[0], groups, options.dpi)
    labels = {gid.removeprefix("label-"): g for gid, g in groups.items() if gid.startswith("label-")}
    checked = 0
    for ident, group in labels.items():
        box = group.children[-1].get_window_extent(renderer)
        others = {o: m for o, m in markers.items() if o != ident and not _stacked(m, markers.get(ident))}
        for other, marker in others.items():
            assert _gap(box, marker) >= CLEARANCE_PT * options.dpi / 72, (group.children[-1].get_text(), other)
        leader = any(type(a).__name__ == "Line2D" for a in group.children)
        if ident in markers and not leader:
            own = _gap(box, markers[ident])
            assert all(own < _gap(box, m) for m in others.values()), ident
        checked += 1
    assert checked >= 8 and len(markers) >= 3


def test_the_graticule_is_dotted_so_it_never_reads_as_a_border_across_an_inland_sea(seed):
    """Solid white meridians across the Caspian looked like borders in the zoomed export."""
    fig, _, groups = _drawn(seed, ExportOptions("png", bbox=ZOOMED, **ARTICLE))
    (grid,) = groups["layer-graticule"].children
    assert len(grid.get_segments()) >= 6
    for offset, pattern in grid.get_dashes():
        assert pattern is not None and len(pattern) >= 2

