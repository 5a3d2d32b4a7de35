"""The export's projection: the view frames the places, bad boxes are refused with a reason."""
from __future__ import annotations

import pytest
from shapely.geometry import LineString, Point, box

from mapapp.model import Place
from mapapp.render.image.projection import (DEFAULT_BBOX, MIN_HALF_SPAN_M, anchor_points, check_bbox, fit_view,
                                            parse_bbox)

FRAMINGS = {
    "central asia": [(76.9, 43.25), (37.6, 55.75), (63.3, 45.97), (73.57, 46.38)],
    "one city": [(13.4, 52.5)],
    "far north": [(18.9, 69.6), (33.1, 68.97), (-21.9, 64.1)],
    "southern hemisphere": [(151.2, -33.9), (174.8, -36.8), (115.9, -31.95)],
    "tall": [(10.0, 35.0), (11.0, 70.0)],
}


def _place(layer: str, geometry, lon: float, lat: float) -> Place:
    return Place(f"{layer}:x", "X", layer, "", "", "test", geometry, lat, lon)


@pytest.mark.parametrize("aspect", [1.6, 0.7])
@pytest.mark.parametrize("name", FRAMINGS)
def test_view_contains_every_anchor_point_with_a_margin(name, aspect):
    points = FRAMINGS[name]
    view = fit_view(points, aspect)
    assert view.width_m / view.height_m == pytest.approx(aspect)
    for lon, lat in points:
        x, y = view.project(lon, lat)
        assert view.contains(x, y), (name, lon, lat)
        assert min(x - view.xmin, view.xmax - x) > 0.05 * view.width_m
        assert min(y - view.ymin, view.ymax - y) > 0.05 * view.height_m


def test_view_is_centred_on_the_places():
    view = fit_view(FRAMINGS["central asia"], 1.6)
    lon, lat = view.centre_lonlat()
    assert 37.6 < lon < 76.9 and 43.25 < lat < 55.75
    assert view.scale_factor() == pytest.approx(1.0, abs=1e-3)  # true to scale where the bar is measured


def test_a_single_place_still_shows_its_surroundings():
    view = fit_view([(13.4, 52.5)], 1.0)
    assert view.width_m >= 2 * MIN_HALF_SPAN_M and view.height_m >= 2 * MIN_HALF_SPAN_M


def test_no_places_shows_the_default_region():
    view = fit_view([], 1.5)
    w, s, e, n = DEFAULT_BBOX
    for lon, lat in [(w, s), (e, n), ((w + e) / 2, (s + n) / 2)]:
        assert view.contains(*view.project(lon, lat)) or _on_edge(view, lon, lat)


def _on_edge(view, lon: float, lat: float) -> bool:
    x, y = view.project(lon, lat)
    return box(view.xmin, view.ymin, view.xmax, view.ymax).buffer(1.0).contains(Point(x, y))


def test_bbox_is_shown_exactly_and_overrides_the_places():
    w, s, e, n = bbox = (55.0, 40.0, 75.0, 52.0)
    view = fit_view([(150.0, -30.0)], 1.2, bbox)
    assert not view.contains(*view.project(150.0, -30.0))
    edge = [(w + (e - w) * i / 40, lat) for i in range(41) for lat in (s, n)] + \
           [(lon, s + (n - s) * i / 40) for i in range(41) for lon in (w, e)]
    xy = [view.project(lon, lat) for lon, lat in edge]
    xs, ys = [p[0] for p in xy], [p[1] for p in xy]
    tol = 1e-6 * view.width_m
    assert view.xmin - tol <= min(xs) and max(xs) <= view.xmax + tol
    assert view.ymin - tol <= min(ys) and max(ys) <= view.ymax + tol
    fills_width = abs(min(xs) - view.xmin) < 0.01 * view.width_m and abs(max(xs) - view.xmax) < 0.01 * view.width_m
    fills_height = abs(min(ys) - view.ymin) < 0.01 * view.height_m and abs(max(ys) - view.ymax) < 0.01 * view.height_m
    assert fills_width or fills_height  # no margin around a box the user chose


def test_parse_bbox_reads_four_numbers():
    assert parse_bbox(" 55, 40.5 ,75,52 ") == (55.0, 40.5, 75.0, 52.0)


@pytest.mark.parametrize("text, reason", [
    ("55,40,75", "four numbers"),
    ("55,40,75,52,1", "four numbers"),
    ("55,40,east,52", "four numbers"),
    ("", "four numbers"),
    ("75,40,55,52", "W < E"),
    ("55,40,55,52", "W < E"),
    ("-190,40,75,52", "-180 <= W"),
    ("55,52,75,40", "S < N"),
    ("55,-95,75,52", "-90 <= S"),
    ("nan,40,75,52", "finite"),
    ("55,40,inf,52", "finite"),
])
def test_bad_bbox_is_refused_with_the_reason(text, reason):
    with pytest.raises(ValueError) as info:
        parse_bbox(text)
    assert reason in str(info.value)
    assert len(str(info.value).splitlines()) == 1


def test_check_bbox_refuses_an_empty_box():
    with pytest.raises(ValueError, match="S < N"):
        check_bbox((10.0, 5.0, 20.0, 5.0))


def test_anchor_points_take_points_line_vertices_and_area_label_points():
    city = _place("cities", Point(76.9, 43.25), 76.9, 43.25)
    border = _place("borders", LineString([(50.0, 51.5), (61.0, 50.8), (73.0, 54.0)]), 61.0, 51.0)
    russia = _place("countries", box(30.0, 45.0, 180.0, 75.0), 99.0, 61.5)
    points = anchor_points([city, border, russia])
    assert sorted(points) == sorted([(76.9, 43.25), (50.0, 51.5), (61.0, 50.8), (73.0, 54.0), (99.0, 61.5)])


def test_anchor_points_skip_places_without_finite_coordinates():
    lost = _place("cities", Point(0, 0), float("nan"), 10.0)
    kept = _place("sites", Point(63.3, 45.97), 63.3, 45.97)
    assert anchor_points([lost, kept]) == [(63.3, 45.97)]
