"""The map's projection and extent, chosen from the places so the map shows them undistorted.

Plain lon/lat stretches Central Asia sideways by about 1/cos(latitude); a
Lambert azimuthal equal-area projection centred on the places keeps areas
true and the scale exact at the centre, which is where the scale bar is
measured. The extent follows the places' anchor points (cities, sites,
borders and the label points of countries and regions) rather than whole
polygons, so naming Russia does not turn the map into a globe.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import shapely
from pyproj import Proj, Transformer

from mapapp.layers import spec
from mapapp.model import Place

#: Shown when no layer has a place: Europe to Central Asia, the seed's region.
DEFAULT_BBOX: tuple[float, float, float, float] = (-10.0, 30.0, 90.0, 65.0)
#: A map around a single place still shows this much ground (metres, each way).
MIN_HALF_SPAN_M = 250_000.0
MARGIN = 0.15

Bbox = tuple[float, float, float, float]


def laea_crs(lon0: float, lat0: float) -> str:
    return (f"+proj=laea +lat_0={lat0:.4f} +lon_0={lon0:.4f} +x_0=0 +y_0=0 "
            "+datum=WGS84 +units=m +no_defs")


@lru_cache(maxsize=32)
def _forward(crs: str) -> Transformer:
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


@lru_cache(maxsize=32)
def _inverse(crs: str) -> Transformer:
    return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)


@dataclass(frozen=True)
class MapView:
    """A projected rectangle: what the map axes show, in metres of ``crs``."""

    crs: str
    xmin: float
    ymin: float
    xmax: float
    ymax: float

    @property
    def width_m(self) -> float:
        return self.xmax - self.xmin

    @property
    def height_m(self) -> float:
        return self.ymax - self.ymin

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = _forward(self.crs).transform(lon, lat)
        return float(x), float(y)

    def project_many(self, lons: list[float], lats: list[float]) -> tuple[list[float], list[float]]:
        xs, ys = _forward(self.crs).transform(lons, lats)
        return list(xs), list(ys)

    def unproject(self, x: float, y: float) -> tuple[float, float]:
        lon, lat = _inverse(self.crs).transform(x, y)
        return float(lon), float(lat)

    def contains(self, x: float, y: float) -> bool:
        """Whether projected ``x, y`` lies strictly inside the view."""
        return self.xmin < x < self.xmax and self.ymin < y < self.ymax

    def centre_lonlat(self) -> tuple[float, float]:
        return self.unproject((self.xmin + self.xmax) / 2, (self.ymin + self.ymax) / 2)

    def scale_factor(self) -> float:
        """East-west scale of the projection at the map centre (1.0 = true)."""
        lon, lat = self.centre_lonlat()
        return float(Proj(self.crs).get_factors(lon, lat).parallel_scale)

    def lonlat_bounds(self, pad_deg: float = 3.0) -> Bbox:
        """A lon/lat box that covers the view (sampled along its edge), for clipping data."""
        n = 24
        xs = [self.xmin + (self.xmax - self.xmin) * i / n for i in range(n + 1)]
        ys = [self.ymin + (self.ymax - self.ymin) * i / n for i in range(n + 1)]
        edge = ([(x, self.ymin) for x in xs] + [(x, self.ymax) for x in xs]
                + [(self.xmin, y) for y in ys] + [(self.xmax, y) for y in ys])
        lons, lats = _inverse(self.crs).transform([p[0] for p in edge], [p[1] for p in edge])
        pts = [(lo, la) for lo, la in zip(lons, lats) if math.isfinite(lo) and math.isfinite(la)]
        lons = [p[0] for p in pts]
        lats = [p[1] for p in pts]
        return (max(-180.0, min(lons) - pad_deg), max(-90.0, min(lats) - pad_deg),
                min(180.0, max(lons) + pad_deg), min(90.0, max(lats) + pad_deg))


def parse_bbox(text: str) -> Bbox:
    """``W,S,E,N`` in degrees; raises ValueError with a reason a user can act on."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4:
        raise ValueError(f"bbox needs four numbers W,S,E,N, got {text!r}")
    try:
        w, s, e, n = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"bbox needs four numbers W,S,E,N, got {text!r}") from None
    return check_bbox((w, s, e, n))


def check_bbox(bbox: Bbox) -> Bbox:
    w, s, e, n = bbox
    if not all(math.isfinite(v) for v in bbox):
        raise ValueError("bbox values must be finite numbers")
    if not (-180 <= w < e <= 180):
        raise ValueError(f"bbox west/east must satisfy -180 <= W < E <= 180, got W={w} E={e}")
    if not (-90 <= s < n <= 90):
        raise ValueError(f"bbox south/north must satisfy -90 <= S < N <= 90, got S={s} N={n}")
    return bbox


def anchor_points(places: Iterable[Place]) -> list[tuple[float, float]]:
    """The lon/lat points the map must show: point places, every vertex of a line, area label points.

    A line (a border) is shown whole, since its length is the news; an area
    only by its label point, since a whole Russia would shrink everything else.
    """
    pts: list[tuple[float, float]] = []
    for place in places:
        if spec(place.layer).is_line and not place.geometry.is_empty:
            pts.extend((float(x), float(y)) for x, y in shapely.get_coordinates(place.geometry))
        else:
            pts.append((float(place.lon), float(place.lat)))
    return [p for p in pts if math.isfinite(p[0]) and math.isfinite(p[1])]


def fit_view(points: list[tuple[float, float]], aspect: float, bbox: Bbox | None = None) -> MapView:
    """The view that shows ``points`` (with a margin) or exactly ``bbox``, at width/height ``aspect``."""
    if bbox is not None:
        w, s, e, n = check_bbox(bbox)
        crs = laea_crs((w + e) / 2, (s + n) / 2)
        edge = [(w + (e - w) * i / 16, s) for i in range(17)] + \
               [(w + (e - w) * i / 16, n) for i in range(17)] + \
               [(w, s + (n - s) * i / 16) for i in range(17)] + \
               [(e, s + (n - s) * i / 16) for i in range(17)]
        return _expand(crs, edge, aspect, margin=0.0)
    if not points:
        return fit_view([], aspect, DEFAULT_BBOX)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    crs = laea_crs((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
    return _expand(crs, points, aspect, margin=MARGIN)


def _expand(crs: str, lonlats: list[tuple[float, float]], aspect: float, margin: float) -> MapView:
    fwd = _forward(crs)
    xs, ys = fwd.transform([p[0] for p in lonlats], [p[1] for p in lonlats])
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    half_w = max((max(xs) - min(xs)) / 2 * (1 + 2 * margin), MIN_HALF_SPAN_M if margin else 1.0)
    half_h = max((max(ys) - min(ys)) / 2 * (1 + 2 * margin), MIN_HALF_SPAN_M if margin else 1.0)
    if half_w / half_h < aspect:
        half_w = half_h * aspect
    else:
        half_h = half_w / aspect
    return MapView(crs, float(cx - half_w), float(cy - half_h), float(cx + half_w), float(cy + half_h))
