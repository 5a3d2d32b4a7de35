"""Label placement: names never overlap each other or the map furniture; what cannot fit is left out."""
from __future__ import annotations

import random

import pytest

from mapapp.render.image.labels import LabelRequest, inside, overlaps, place_labels

FRAME = (0.0, 0.0, 400.0, 400.0)


def _measure(req: LabelRequest) -> tuple[float, float]:
    return 7.0 * len(req.text), 12.0


def _crowd(seed: int, n: int) -> list[LabelRequest]:
    rng = random.Random(seed)
    return [LabelRequest(f"p{i}", f"Place {'x' * rng.randint(1, 12)} {i}", rng.uniform(0, 400), rng.uniform(0, 400),
                         priority=rng.uniform(0, 100), radius=rng.choice([0.0, 4.0, 8.0]), area=rng.random() < 0.3)
            for i in range(n)]


@pytest.mark.parametrize("seed", range(6))
def test_placed_labels_never_overlap_each_other_or_obstacles_and_stay_in_the_frame(seed):
    obstacles = [("legend", (300.0, 0.0, 400.0, 90.0)), ("scalebar", (0.0, 0.0, 120.0, 30.0))]
    placed = place_labels(_crowd(seed, 80), _measure, FRAME, obstacles)
    assert 0 < len(placed) < 80
    for i, a in enumerate(placed):
        assert inside(a.box, FRAME)
        assert not any(overlaps(a.box, box) for _, box in obstacles)
        assert not any(overlaps(a.box, b.box) for b in placed[i + 1:]), (a, placed)


def test_crowded_labels_keep_the_most_important():
    crowd = [LabelRequest(f"p{i}", f"Place number {i}", 200 + (i % 4) * 12, 200 + (i // 4) * 9,
                          priority=i, radius=5) for i in range(16)]
    placed = place_labels(crowd, lambda r: (8.0 * len(r.text), 12.0), FRAME)
    assert 0 < len(placed) < len(crowd)
    assert placed[0].key == "p15"
    dropped = {r.key for r in crowd} - {p.key for p in placed}
    assert min(int(k[1:]) for k in dropped) < max(int(p.key[1:]) for p in placed)
    assert "p15" not in dropped and "p14" not in dropped


def test_label_too_wide_for_the_frame_is_dropped_not_drawn_outside():
    wide = LabelRequest("w", "An extraordinarily long place name", 200, 200, priority=10)
    small = LabelRequest("s", "Ok", 100, 100, priority=1)
    placed = place_labels([wide, small], lambda r: (500.0 if r.key == "w" else 20.0, 12.0), FRAME)
    assert [p.key for p in placed] == ["s"]


def test_second_label_on_the_same_spot_goes_elsewhere_or_is_dropped():
    a = LabelRequest("a", "Almaty", 100, 100, priority=2, radius=6)
    b = LabelRequest("b", "Alma", 100, 100, priority=1, radius=6)
    placed = place_labels([a, b], lambda r: (50.0, 10.0), FRAME)
    assert [p.key for p in placed] == ["a", "b"]
    assert not overlaps(placed[0].box, placed[1].box)
    boxed_in = (90.0, 85.0, 165.0, 115.0)  # room for one label, right of the marker
    only = place_labels([a, b], lambda r: (50.0, 10.0), boxed_in)
    assert [p.key for p in only] == ["a"]


def test_lonely_label_goes_right_of_its_marker_and_avoids_obstacles():
    req = LabelRequest("a", "Almaty", 100, 100, priority=1, radius=6)
    free = place_labels([req], lambda r: (50.0, 10.0), FRAME)
    assert free[0].box[0] > 100 and free[0].ha == "left"
    blocked = place_labels([req], lambda r: (50.0, 10.0), FRAME, obstacles=[("legend", (105, 80, 200, 120))])
    assert blocked[0].box[2] < 100


def test_label_may_touch_its_own_marker_but_not_another():
    marker = ("a", (94.0, 94.0, 106.0, 106.0))
    req = LabelRequest("a", "Almaty", 100, 100, priority=1, radius=0)
    own = place_labels([req], lambda r: (50.0, 10.0), FRAME, obstacles=[marker], gap=0)
    assert own[0].ha == "left" and overlaps(own[0].box, marker[1])
    other = place_labels([req], lambda r: (50.0, 10.0), FRAME, obstacles=[("b", marker[1])], gap=0)
    assert all(not overlaps(p.box, marker[1]) for p in other)


def test_area_label_is_not_nudged_off_its_area():
    req = LabelRequest("countries:KZ", "KASACHSTAN", 100, 100, priority=1, area=True)

    def on_area(r: LabelRequest, box) -> bool:
        return box[1] > 100  # the area lies above y=100

    placed = place_labels([req], lambda r: (80.0, 12.0), FRAME, accept=on_area)
    assert placed and placed[0].box[1] > 100
    assert place_labels([req], lambda r: (80.0, 12.0), FRAME, accept=lambda r, b: False) == []


def test_placement_does_not_depend_on_the_order_of_requests():
    crowd = _crowd(7, 40)
    first = place_labels(crowd, _measure, FRAME)
    again = place_labels(list(reversed(crowd)), _measure, FRAME)
    assert first == again


def test_a_name_that_must_show_goes_on_a_leader_line_when_its_marker_is_crowded():
    moscow = LabelRequest("moscow", "Moscow", 200, 200, priority=10, radius=8, must=True)
    square = LabelRequest("square", "Red Square", 200, 200, priority=1, radius=4, must=True)
    blocked = [("moscow", (192.0, 192.0, 208.0, 208.0))]
    placed = {p.key: p for p in place_labels([moscow, square], _measure, FRAME, blocked)}
    assert placed["moscow"].leader is None and placed["square"].leader is not None
    assert not overlaps(placed["moscow"].box, placed["square"].box)


def test_a_name_with_no_room_anywhere_becomes_a_numbered_callout():
    crowd = [LabelRequest(f"p{i}", f"Place {i}", 200, 200, priority=-i, radius=4, must=True) for i in range(3)]
    tight = (170.0, 170.0, 250.0, 230.0)
    placed = place_labels(crowd, _measure, tight)
    numbers = sorted(p.number for p in placed if p.number is not None)
    assert numbers and numbers == list(range(1, len(numbers) + 1))
    assert {p.key for p in placed} == {r.key for r in crowd}


def test_a_line_through_a_spot_sends_the_name_elsewhere():
    req = LabelRequest("a", "Almaty", 100, 100, priority=1, radius=6)

    def border_at_x_130(box) -> bool:
        return box[0] < 130 < box[2]
    placed = place_labels([req], lambda r: (50.0, 10.0), FRAME, crosses=border_at_x_130)
    assert placed and not border_at_x_130(placed[0].box) and placed[0].ha == "right"
