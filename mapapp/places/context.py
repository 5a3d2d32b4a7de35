"""The document's geography as the first pass of resolution learned it: its countries, their
neighbours, the states it is placed in, and its anchor points with the distance of any
namesake to the nearest of them (in the same passage, or anywhere plus 150 km).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from mapapp.gazetteer.query import Entry


@dataclass
class Context:
    """What the first pass learned about the document's geography."""

    countries: Counter
    neighbours: set[str]
    anchors: list[tuple[float, float, int, int]]
    #: (country code, admin1) of the states and provinces the story is placed in.
    states: frozenset[tuple[str, str]] = frozenset()

    def __post_init__(self) -> None:
        # Distinct anchor points, each entry's two nearest computed once, and per passage the
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
        #: The one span start a point stands for (-1 when several spans share it: never itself).
        self._only_start = [next(iter(s)) if len(s) == 1 else -1 for _, (_, s) in self._points]
        self._own_starts = frozenset(self._only_start)
        self._in_passage: dict[int, list[int]] = {}
        for k, (_, (passages, _)) in enumerate(self._points):
            for passage in passages:
                self._in_passage.setdefault(passage, []).append(k)
        #: eid -> (distance, point) of its nearest and of its second nearest point (the nearest
        #: again, infinitely far, when there is one), and its distance to every point when the
        #: points are few, else None.  One flat tuple: a long text measures thousands of entries,
        #: and objects that live through the pass each add to the cyclic collector's work.
        self._near: dict[int, tuple[float, int, float, int, list[float] | None]] = {}

    def prepare(self, entries: Iterable[Entry]) -> None:
        """Find the two nearest points of many entries at once, with numpy in blocks, when the
        document has many points (a long text): one entry at a time, numpy's per-call cost was
        most of it. A short text's few points are measured in plain Python, on demand.

        The nearest points are those of the largest dot product of unit vectors (one matrix
        product; the haversine of every pair was most of the time), and only their two
        distances are measured."""
        todo = list({e.eid: e for e in entries if e.eid not in self._near}.values())
        if len(self._points) < VECTORISE_FROM or not todo:
            return
        import numpy as np

        plat, plon = np.asarray(self._lat), np.asarray(self._lon)
        cos_p = np.cos(plat)
        unit_p = np.stack([cos_p * np.cos(plon), cos_p * np.sin(plon), np.sin(plat)])
        size = max(1, NEAREST_CELLS // len(self._points))
        rows = np.arange(size)
        for at in range(0, len(todo), size):
            block = todo[at:at + size]
            n = len(block)
            lat = np.radians([e.lat for e in block])
            lon = np.radians([e.lon for e in block])
            cos_lat = np.cos(lat)
            unit = np.stack([cos_lat * np.cos(lon), cos_lat * np.sin(lon), np.sin(lat)], axis=1)
            # Three products summed, not a matrix product: BLAS threads would spin on the shared cores.
            closeness = unit[:, :1] * unit_p[0] + unit[:, 1:2] * unit_p[1] + unit[:, 2:] * unit_p[2]
            first = closeness.argmax(axis=1)  # the first of equals, as a stable sort would put it
            closeness[rows[:n], first] = -math.inf
            second = closeness.argmax(axis=1)
            d_first = _haversines_km(lat, lon, cos_lat, plat[first], plon[first], cos_p[first])
            d_second = _haversines_km(lat, lon, cos_lat, plat[second], plon[second], cos_p[second])
            for e, k0, d0, k1, d1 in zip(block, first.tolist(), d_first, second.tolist(), d_second):
                self._near[e.eid] = (d0, k0, d1, k1, None)

    def _nearest(self, entry: Entry) -> tuple[float, int, float, int, list[float] | None]:
        """The entry's two nearest points, and (a short text's few points) its distance to each."""
        found = self._near.get(entry.eid)
        if found is None:
            lat, lon = math.radians(entry.lat), math.radians(entry.lon)
            dist = [_haversine_km(lat, lon, plat, plon) for plat, plon in zip(self._lat, self._lon)]
            k0 = min(range(len(dist)), key=dist.__getitem__)  # the first of equals, as a stable sort
            k1 = min((k for k in range(len(dist)) if k != k0), key=dist.__getitem__, default=k0)
            found = self._near[entry.eid] = (dist[k0], k0, dist[k1] if k1 != k0 else math.inf, k1, dist)
        return found

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
        only, plats, plons, cos_p, sin = self._only_start, self._lat, self._lon, self._cos, math.sin
        here = [k for k in self._in_passage.get(passage, ()) if only[k] != start]
        out = []
        for entry in entries:
            d0, k0, d1, k1, dist = self._nearest(entry)
            best = d0 + 150.0 if only[k0] != start else d1 + 150.0 if only[k1] != start else math.inf
            if not here or best < near_enough:
                pass
            elif dist is not None:
                best = min(best, min(dist[k] for k in here))
            else:  # a long text's passage holds a few of its many points: the haversine inline
                lat, lon = math.radians(entry.lat), math.radians(entry.lon)
                cos_lat = math.cos(lat)
                for k in here:
                    a = sin((plats[k] - lat) / 2) ** 2 + cos_lat * cos_p[k] * sin((plons[k] - lon) / 2) ** 2
                    d = 12742.0 * math.asin(math.sqrt(min(a, 1.0)))
                    if d < best:
                        best = d
                        if d < near_enough:
                            break
            out.append(best)
        return out


#: From this many anchor points entries' distances are computed with numpy (a long text);
#: below, plain Python is quicker and a short text's geoparse need not import numpy.
VECTORISE_FROM = 48
#: Entry-to-point distances per numpy block: a block's matrices stay a few MB however many points.
NEAREST_CELLS = 250_000


def _haversines_km(lat, lon, cos_lat, plat, plon, cos_p) -> list[float]:
    """Great-circle distances of numpy arrays of point pairs in radians (with their latitudes'
    cosines), as a list."""
    import numpy as np

    a = np.sin((plat - lat) / 2) ** 2 + cos_lat * cos_p * np.sin((plon - lon) / 2) ** 2
    return (2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))).tolist()


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance of two points in radians (``nearest_anchor_km`` has it inline too)."""
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(a, 1.0)))
