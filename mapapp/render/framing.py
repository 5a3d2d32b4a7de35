"""One framing rule for every view of a text's places: the web map, the standalone HTML, the export.

A reader expects the map to open on what the text is about. Three things used to spoil that:
overseas parts (France's French Guiana) and continent or union polygons stretched the bounds to
the whole world; longitudes were shifted into 0..360 whenever Russia was present, so a view
meant for Siberia could land on the Americas; and one far place (the USA named once in a text
about Kazakhstan) pulled the frame across half the globe. Here each place counts with its main
body, the frame wraps the antimeridian only when the places really straddle it, and places far
from the rest are listed as ``outside`` for an off-map indicator instead of being framed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import median
from typing import Iterable, Sequence

import shapely
from shapely.affinity import translate
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from mapapp.geodesy import great_circle_km
from mapapp.model import Place

#: Region categories that cover a continent or a union of countries: framing them would show
#: half the world for a text about two of their members.
WIDE_CATEGORIES = frozenset({"continent", "union"})
#: A polygon part belongs to the main body when it lies this close to the largest part
#: (degrees): Corsica does; French Guiana and Kaliningrad do not.
NEAR_PART_DEG = 3.0
#: A place is far from the others when its main body is farther than this from their median
#: anchor, and farther than ``FAR_SPREAD`` times the median distance of all places.
FAR_KM = 3500.0
FAR_SPREAD = 3.0
#: At least this many places before any of them can be called far (two places have no "rest").
MIN_PLACES_FOR_OUTLIERS = 3
MAX_LAT = 85.0
TILE_PX = 256
#: Leaflet zoom steps the opening view may use (the map is created with this ``zoomSnap``).
ZOOM_SNAP = 0.25


@dataclass(frozen=True)
class Frame:
    """Bounds to show (``east`` > 180 when the frame wraps the antimeridian), the places framed,
    and the places left outside it because they are far from the rest."""

    south: float
    west: float
    north: float
    east: float
    framed: tuple[str, ...] = ()
    outside: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.framed

    @property
    def wraps(self) -> bool:
        return self.east > 180.0

    def bounds(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """((south, west), (north, east)), as Leaflet's ``fitBounds`` takes them."""
        return (self.south, self.west), (self.north, self.east)

    def contains(self, lat: float, lon: float) -> bool:
        lons = (lon, lon + 360.0) if self.wraps else (lon,)
        return self.south <= lat <= self.north and any(self.west <= x <= self.east for x in lons)


#: What an empty text shows: the inhabited world.
WORLD = Frame(-50.0, -170.0, 70.0, 190.0)


def _parts(geom: BaseGeometry) -> list[BaseGeometry]:
    return [g for g in getattr(geom, "geoms", [geom]) if not g.is_empty]


def main_body(geom: BaseGeometry) -> BaseGeometry:
    """The largest polygon part with the parts near it; lines and points stay as they are.

    Nearness is measured on the map as drawn (−180..180), so the sliver of Chukotka east of
    180° does not make Russia straddle the antimeridian: a frame wraps for places, not slivers.
    """
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        return geom
    parts = _parts(geom)
    if len(parts) <= 1:
        return geom
    largest = max(parts, key=lambda p: p.area)
    # Distances to a coarse copy of the largest part: a 0.25° error cannot matter against a 3°
    # threshold, and Russia's 213 parts are measured in a third of the time.
    near = shapely.distance(largest.simplify(NEAR_PART_DEG / 12), parts) <= NEAR_PART_DEG
    kept = [p for p, close in zip(parts, near) if p is largest or close]
    return kept[0] if len(kept) == 1 else type(geom)(kept)




def _anchor(body: BaseGeometry) -> tuple[float, float]:
    pt = body if body.geom_type == "Point" else body.representative_point()
    return pt.y, pt.x


def _median_anchor(anchors: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Median latitude and (circular) median longitude: the median of the longitudes counted
    from the middle of their widest gap, so places either side of 180° do not average to 0°."""
    lons = sorted(lon for _, lon in anchors)
    gaps = [((lons[(i + 1) % len(lons)] - lons[i]) % 360.0, i) for i in range(len(lons))]
    _, at = max(gaps)
    cut = lons[at] + gaps[at][0] / 2 if len(lons) > 1 else lons[0] - 180.0
    lon = median((x - cut) % 360.0 for x in lons) + cut
    return median(lat for lat, _ in anchors), (lon + 180.0) % 360.0 - 180.0


def _distance_km(body: BaseGeometry, lat: float, lon: float) -> float:
    """From a point to the nearest point of a place's main body (zero inside it)."""
    here = Point(lon, lat)
    best = math.inf
    for shift in (-360.0, 0.0, 360.0):
        near = nearest_points(translate(body, xoff=shift), here)[0]
        best = min(best, great_circle_km(lat, lon, near.y, near.x))
    return best


def far_places(bodies: dict[str, BaseGeometry]) -> set[str]:
    """Ids whose main body lies far from the median anchor of all places: farther than
    ``FAR_KM`` and than ``FAR_SPREAD`` times the median distance, and fewer than half of them."""
    if len(bodies) < MIN_PLACES_FOR_OUTLIERS:
        return set()
    lat, lon = _median_anchor([_anchor(b) for b in bodies.values()])
    dist = {pid: _distance_km(b, lat, lon) for pid, b in bodies.items()}
    limit = max(FAR_KM, FAR_SPREAD * median(dist.values()))
    far = {pid for pid, d in dist.items() if d > limit}
    return far if 2 * len(far) < len(bodies) else set()


def _intervals(bodies: Iterable[BaseGeometry]) -> list[tuple[float, float]]:
    out = []
    for body in bodies:
        for part in _parts(body):
            w, _, e, _ = part.bounds
            out.append((w, e))
    return out


def _longitude_span(intervals: list[tuple[float, float]]) -> tuple[float, float]:
    """The shortest arc of longitude covering every interval: the complement of the widest
    empty stretch. It wraps (east > 180) only if that stretch is not the one across 180°."""
    ivs = sorted(intervals)
    merged: list[list[float]] = [list(ivs[0])]
    for w, e in ivs[1:]:
        if w <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([w, e])
    across = merged[0][0] + 360.0 - merged[-1][1]
    widest, at = max((merged[i + 1][0] - merged[i][1], i) for i in range(len(merged) - 1)) \
        if len(merged) > 1 else (-1.0, -1)
    if widest <= across:
        return merged[0][0], merged[-1][1]
    return merged[at + 1][0], merged[at][1] + 360.0


def _merc_y(lat: float) -> float:
    lat = max(min(lat, MAX_LAT), -MAX_LAT)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _merc_lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _to_aspect(f: Frame, width_px: float, height_px: float) -> Frame:
    """The frame grown (never shrunk) about its centre to the map's width:height in Web Mercator."""
    x_span = math.radians(f.east - f.west)
    y0, y1 = _merc_y(f.south), _merc_y(f.north)
    want = width_px / height_px
    if x_span <= 0 and y1 - y0 <= 0:
        return f
    if x_span < want * (y1 - y0):
        grow = math.degrees(want * (y1 - y0) - x_span) / 2
        return Frame(f.south, f.west - grow, f.north, f.east + grow, f.framed, f.outside)
    grow = (x_span / want - (y1 - y0)) / 2
    return Frame(_merc_lat(y0 - grow), f.west, _merc_lat(y1 + grow), f.east, f.framed, f.outside)


def frame(places: Sequence[Place], width_px: float | None = None,
          height_px: float | None = None) -> Frame:
    """Frame the main bodies of the places, leaving far ones ``outside``.

    Continent and union regions are framed only when the text names nothing else. With a
    map size, the frame is grown to the map's proportions (the static export draws exactly it).
    """
    shown = [p for p in places if not p.geometry.is_empty]
    if not shown:
        return WORLD
    narrow = [p for p in shown if p.category not in WIDE_CATEGORIES] or shown
    bodies = {p.id: main_body(p.geometry) for p in narrow}
    far = far_places(bodies)
    kept = {pid: b for pid, b in bodies.items() if pid not in far}
    west, east = _longitude_span(_intervals(kept.values()))
    lats = [c for b in kept.values() for c in (b.bounds[1], b.bounds[3])]
    out = Frame(max(min(lats), -MAX_LAT), west, min(max(lats), MAX_LAT), east,
                tuple(kept), tuple(p.id for p in narrow if p.id in far))
    if width_px and height_px:
        out = _to_aspect(out, width_px, height_px)
    return out


def view_for(f: Frame, width: float, height: float, max_zoom: float = 7, min_zoom: float = 1,
             padding_px: float = 24.0) -> tuple[tuple[float, float], float]:
    """Centre (lat, lon in −180..180) and the largest Leaflet zoom (256 px tiles, in steps of
    ``ZOOM_SNAP``) at which the frame fits a map of ``width`` × ``height`` pixels with
    ``padding_px`` to spare."""
    y0, y1 = _merc_y(f.south), _merc_y(f.north)
    lon = (f.west + f.east) / 2
    center = (round(_merc_lat((y0 + y1) / 2), 4), round((lon + 180.0) % 360.0 - 180.0, 4))
    usable_w, usable_h = max(width - 2 * padding_px, 1.0), max(height - 2 * padding_px, 1.0)
    frac_x = max((f.east - f.west) / 360.0, 1e-9)
    frac_y = max((y1 - y0) / (2 * math.pi), 1e-9)
    zoom = min(math.log2(usable_w / (TILE_PX * frac_x)), math.log2(usable_h / (TILE_PX * frac_y)))
    return center, max(min_zoom, min(max_zoom, math.floor(zoom / ZOOM_SNAP) * ZOOM_SNAP))

