"""The nearest anchor of a namesake, as resolution weighs it, against its definition taken literally."""
from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from mapapp.gazetteer.query import Entry
from mapapp.geodesy import great_circle_km
from mapapp.places.context import Context


def _entry(eid: int, lat: float, lon: float) -> Entry:
    return Entry(eid, f"e{eid}", f"E{eid}", "", "cities", "city", "XX", lat, lon, 1000, "test", "", False)


def literal_nearest(anchors, entry: Entry, passage: int, start: int) -> float:
    """Every anchor point but the span's own (a point only it stands for), 150 km more in another passage."""
    points: dict[tuple[float, float], list[tuple[int, int]]] = {}
    for lat, lon, p, s in anchors:
        points.setdefault((lat, lon), []).append((p, s))
    best = math.inf
    for (lat, lon), uses in points.items():
        if {s for _, s in uses} == {start}:
            continue
        extra = 0.0 if any(p == passage for p, _ in uses) else 150.0
        best = min(best, great_circle_km(entry.lat, entry.lon, lat, lon) + extra)
    return best


@pytest.mark.parametrize("seed", range(5))
def test_nearest_anchor_is_the_nearest_in_the_passage_or_elsewhere_plus_150_km(seed):
    rng = random.Random(seed)
    spots = [(rng.uniform(40, 60), rng.uniform(20, 80)) for _ in range(8)]
    anchors = [(*rng.choice(spots), rng.randrange(4), start) for start in range(0, 400, 10)]
    ctx = Context(Counter(), set(), anchors)
    for eid in range(30):
        entry = _entry(eid, *rng.choice(spots)) if eid % 3 == 0 else _entry(eid, rng.uniform(40, 60), rng.uniform(20, 80))
        for lat, lon, passage, start in rng.sample(anchors, 6) + [(0, 0, 9, 999)]:
            assert ctx.nearest_anchor_km(entry, passage, start) == pytest.approx(
                literal_nearest(anchors, entry, passage, start), rel=1e-5)


def test_no_anchor_is_infinitely_far():
    assert Context(Counter(), set(), []).nearest_anchor_km(_entry(1, 50.0, 30.0), 0, 0) == math.inf


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("horizon", [300.0, 1000.0, 2000.0])
def test_a_long_texts_many_anchors_searched_in_a_grid_give_the_nearest_within_the_horizon(seed, horizon):
    """Past GRID_FROM points an entry's nearest points come from the cells around it: the same
    distance as every point measured, wherever that is below the horizon, near the poles and
    across the antimeridian too."""
    import mapapp.places.context as context

    rng = random.Random(seed)
    anchors = [(rng.uniform(-89, 89), rng.uniform(-180, 180), rng.randrange(30), start)
               for start in range(0, 1000, 10)]
    anchors += [(rng.uniform(-60, 60), rng.choice([-179.9, 179.9]), 3, 2000 + k) for k in range(10)]
    anchors += [(rng.uniform(80, 90), rng.uniform(-180, 180), 4, 3000 + k) for k in range(10)]
    anchors += [anchors[0][:2] + (5, 5000)]  # a point two spans stand for
    ctx = Context(Counter(), set(), anchors, horizon_km=horizon)
    assert len(ctx._points) >= context.GRID_FROM and ctx._grid is not None
    entries = [_entry(eid, rng.uniform(-90, 90), rng.uniform(-180, 180)) for eid in range(60)]
    entries += [_entry(100 + k, lat, lon + rng.uniform(-2, 2)) for k, (lat, lon, _, _) in enumerate(anchors[100:])]
    entries += [_entry(200 + k, lat, lon) for k, (lat, lon, _, _) in enumerate(anchors[:10])]
    near = far = 0
    for entry in entries:
        for lat, lon, passage, start in rng.sample(anchors, 5) + [(0, 0, 99, 99_999)]:
            literal = literal_nearest(anchors, entry, passage, start)
            got = ctx.nearest_anchor_km(entry, passage, start)
            if literal < horizon:
                near += 1
                assert got == pytest.approx(literal, rel=1e-5)
            else:
                far += 1
                assert got >= horizon
    assert near > 50 and far > 20


def test_without_a_horizon_many_anchors_are_all_measured():
    rng = random.Random(3)
    anchors = [(rng.uniform(-60, 70), rng.uniform(-180, 180), rng.randrange(30), start)
               for start in range(0, 1000, 10)]
    ctx = Context(Counter(), set(), anchors)
    for eid in range(20):
        entry = _entry(eid, rng.uniform(-60, 70), rng.uniform(-180, 180))
        assert ctx.nearest_anchor_km(entry, 99, 99_999) == pytest.approx(
            literal_nearest(anchors, entry, 99, 99_999), rel=1e-5)


@pytest.mark.parametrize("many", [False, True])
def test_asking_only_whether_an_anchor_is_near_enough_gives_the_same_answer(many):
    """A caller that asks only "nearer than 300 km?" may be told a shorter search's distance,
    never a different answer, in a short text and in a long one."""
    import mapapp.places.context as context

    rng = random.Random(7)
    anchors = [(rng.uniform(40, 60), rng.uniform(0, 40), rng.randrange(6), start)
               for start in range(0, 10 * (60 if many else 12), 10)]
    ctx = Context(Counter(), set(), anchors, horizon_km=1000.0)
    assert (len(ctx._points) >= context.GRID_FROM) == many
    entries = [_entry(eid, rng.uniform(35, 65), rng.uniform(-5, 45)) for eid in range(60)]
    for lat, lon, passage, start in rng.sample(anchors, 8) + [(0, 0, 3, 99_999)]:
        full = ctx.nearest_anchors_km(entries, passage, start)
        quick = ctx.nearest_anchors_km(entries, passage, start, near_enough=300.0)
        assert [km < 300.0 for km in quick] == [km < 300.0 for km in full]
        assert all(q == f for q, f in zip(quick, full) if f >= 300.0)
        assert ctx.stands_for(start) == any(a[3] == start for a in anchors)
