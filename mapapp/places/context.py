"""The document's geography as the first pass of resolution learned it: its countries, their
neighbours, the states it is placed in, and its anchor points with the distance of any
namesake to the nearest of them (in the same passage, or anywhere plus 150 km).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import repeat
from typing import Sequence

from mapapp.gazetteer.query import Entry

_DIAMETER_KM = 12742.0
_Vector = tuple[float, float, float]
#: What ``Context._nearest`` finds for an entry (see ``Context._near``).
_Nearest = tuple[float, int, float, int, "list[float] | None", _Vector]
_KM_PER_DEGREE = _DIAMETER_KM * math.pi / 360


@dataclass
class Context:
    """What the first pass learned about the document's geography.

    ``horizon_km`` is as far as the resolver looks for an anchor: distances below it
    are exact, any beyond it may read as infinity.  A long text's many points are
    then searched in a grid of cells half a horizon wide, a few cells per namesake,
    in plain Python (numpy's import alone cost more than the search).
    """

    countries: Counter
    neighbours: set[str]
    anchors: list[tuple[float, float, int, int]]
    #: (country code, admin1) of the states and provinces the story is placed in.
    states: frozenset[tuple[str, str]] = frozenset()
    horizon_km: float = math.inf

    def __post_init__(self) -> None:
        # Distinct anchor points, each entry's two nearest found once, and per passage the
        # points it holds: a look-up is then the nearest point in the same passage or the
        # nearest (or second nearest, when the nearest is the span itself) anywhere plus 150 km.
        points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
        for lat, lon, passage, start in self.anchors:
            passages, starts = points.setdefault((lat, lon), (set(), set()))
            passages.add(passage)
            starts.add(start)
        self._points = list(points.items())
        self._lat = [math.radians(p[0][0]) for p in self._points]
        self._lon = [math.radians(p[0][1]) for p in self._points]
        self._cos = [math.cos(lat) for lat in self._lat]
        self._vectors = [(c * math.cos(lon), c * math.sin(lon), math.sin(lat))
                         for lat, lon, c in zip(self._lat, self._lon, self._cos)]
        #: The one span start a point stands for (-1 when several spans share it: never itself).
        self._only_start = [next(iter(s)) if len(s) == 1 else -1 for _, (_, s) in self._points]
        self._own_starts = frozenset(self._only_start)
        self._in_passage: dict[int, list[int]] = {}
        for k, (_, (passages, _)) in enumerate(self._points):
            for passage in passages:
                self._in_passage.setdefault(passage, []).append(k)
        #: eid -> (distance, point) of its nearest and of its second nearest point (infinitely far
        #: when there is none within the horizon), its chord to every point when the points are
        #: few, else None, and its unit vector.  One flat tuple: a long text measures thousands
        #: of entries, and objects that live through the pass each add to the cyclic collector's work.
        self._near: dict[int, _Nearest] = {}
        self._grid = _Grid(self._points, self._vectors, self.horizon_km) \
            if len(self._points) >= GRID_FROM and self.horizon_km < _DIAMETER_KM else None

    def _nearest(self, entry: Entry) -> _Nearest:
        """The entry's two nearest points, (a short text's few points) its chord to each, and its
        unit vector.  Distances are measured as the straight line between unit vectors
        (``math.dist``, a loop in C), turned into the great circle's length only where one is read."""
        found = self._near.get(entry.eid)
        if found is not None:
            return found
        lat, lon = math.radians(entry.lat), math.radians(entry.lon)
        cos_lat = math.cos(lat)
        here = (cos_lat * math.cos(lon), cos_lat * math.sin(lon), math.sin(lat))
        if self._grid is not None:
            numbers, vectors = self._grid.near(entry.lat, entry.lon)
            found = (*self._two_nearest(list(map(math.dist, repeat(here), vectors)), numbers), None, here)
        else:
            chords = list(map(math.dist, repeat(here), self._vectors))
            kept = chords if len(chords) < GRID_FROM else None
            found = (*self._two_nearest(chords if kept is None else list(chords), None), kept, here)
        self._near[entry.eid] = found
        return found

    def _two_nearest(self, chords: list[float], numbers: list[int] | None) -> tuple[float, int, float, int]:
        """(distance, point) of the nearest and second nearest of the candidate points (their
        ``chords``, changed here, and ``numbers``, None for every point in order) within the
        horizon; a missing one is infinitely far (point 0).  Of points at exactly the same
        distance the first candidate counts as nearer."""
        first = min(chords, default=math.inf)
        if first == math.inf:
            return math.inf, 0, math.inf, 0
        at = chords.index(first)
        chords[at] = math.inf
        second = min(chords)
        at1 = chords.index(second) if second != math.inf else 0
        if numbers is not None:
            at, at1 = numbers[at], numbers[at1] if second != math.inf else 0
        return self._km(first), at, self._km(second), at1

    def _km(self, chord: float) -> float:
        """The great circle over a chord of the unit sphere, infinite beyond the horizon."""
        km = _DIAMETER_KM * math.asin(min(chord / 2, 1.0))
        return km if km <= self.horizon_km else math.inf

    def nearest_anchor_km(self, entry: Entry, passage: int, start: int) -> float:
        """Distance to the nearest anchor other than this span itself; anchors in other
        passages count 150 km further away."""
        return self.nearest_anchors_km([entry], passage, start)[0]

    def stands_for(self, start: int) -> bool:
        """Is there a point that only the span starting at ``start`` stands for (which it must
        not count)?  Spans of one passage that are no point get the same distances."""
        return start in self._own_starts

    def nearest_anchors_km(self, entries: Sequence[Entry], passage: int, start: int,
                           near_enough: float = 0.0) -> list[float]:
        """``nearest_anchor_km`` of a span's namesakes, which share its passage and its start.
        A caller that only asks whether each is nearer than ``near_enough`` gets, for one that
        is, some distance below it: the search stops there (half the namesakes of 1 MB of news
        are that near a point elsewhere, and then the passage's points need not be measured)."""
        if not self._points:
            return [math.inf] * len(entries)
        only = self._only_start
        here = [k for k in self._in_passage.get(passage, ()) if only[k] != start]
        vectors = [self._vectors[k] for k in here]
        out = []
        for entry in entries:
            d0, k0, d1, k1, chords, vector = self._nearest(entry)
            best = d0 + 150.0 if only[k0] != start else d1 + 150.0 if only[k1] != start else math.inf
            if not here or best < near_enough:
                pass
            elif chords is not None:
                best = min(best, self._km(min(chords[k] for k in here)))
            else:  # a long text's passage holds a few of its many points
                best = min(best, self._km(min(map(math.dist, repeat(vector), vectors))))
            out.append(best)
        return out


#: From this many anchor points an entry's nearest ones are searched in a grid (a long text);
#: below, every distance is measured, and kept for the passage's own points.
GRID_FROM = 48


class _Grid:
    """Points in cells a fraction (1 / ``SPLIT``) of the horizon high and at least as wide (in
    degrees), so that every point within the horizon of a place lies in the ``2 * SPLIT + 1``
    rows around its cell, in the columns the bounding box of the cell's poleward edge spans
    (all of them near a pole).  What a cell's places may reach is gathered once, as the
    points' numbers and unit vectors side by side: a text's namesakes crowd into few cells."""

    SPLIT = 2

    def __init__(self, points: Sequence, vectors: Sequence, horizon_km: float) -> None:
        self.columns = max(1, int(360 / (horizon_km / _KM_PER_DEGREE / self.SPLIT)))
        self.size = 360 / self.columns
        self.reach = horizon_km / (_DIAMETER_KM / 2)  # the horizon as an angle, in radians
        self.cells: dict[tuple[int, int], tuple[list[int], list[tuple[float, float, float]]]] = {}
        for k, ((lat, lon), _) in enumerate(points):
            numbers, held = self.cells.setdefault(self._cell(lat, lon), ([], []))
            numbers.append(k)
            held.append(vectors[k])
        self._reached: dict[tuple[int, int], tuple[list[int], list[tuple[float, float, float]]]] = {}

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.size), math.floor((lon + 180) / self.size) % self.columns

    def near(self, lat: float, lon: float) -> tuple[list[int], list[tuple[float, float, float]]]:
        """The points that may lie within the horizon of (``lat``, ``lon``) in degrees: their
        numbers and unit vectors (shared by the cell's places: not to be changed)."""
        cell = self._cell(lat, lon)
        found = self._reached.get(cell)
        if found is None:
            found = self._reached[cell] = self._reach(*cell)
        return found

    def _reach(self, row: int, col: int) -> tuple[list[int], list[tuple[float, float, float]]]:
        poleward = math.radians(max(abs(row), abs(row + 1)) * self.size)
        if poleward + self.reach >= math.pi / 2:
            cols: Sequence[int] = range(self.columns)
        else:  # the longitudes a circle of the horizon's radius spans at the cell's poleward edge
            half = math.degrees(math.asin(min(1.0, math.sin(self.reach) / math.cos(poleward))))
            span = math.ceil(half / self.size)
            cols = range(self.columns) if 2 * span + 1 >= self.columns else \
                [c % self.columns for c in range(col - span, col + span + 1)]
        numbers: list[int] = []
        vectors: list[tuple[float, float, float]] = []
        for r in range(row - self.SPLIT, row + self.SPLIT + 1):
            for c in cols:
                held = self.cells.get((r, c))
                if held is not None:
                    numbers += held[0]
                    vectors += held[1]
        return numbers, vectors
