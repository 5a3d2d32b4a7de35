"""Where the map sits in the image and what it shows, decided before anything is drawn."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from mapapp.model import Place
from mapapp.render.image.options import ExportOptions
from mapapp.render.framing import frame
from mapapp.render.image.memo import IdentityCache
from mapapp.render.image.projection import MapView, anchor_points, fit_view

#: Bands around the map, in typographic points: sides, title band above, notes and credit lines below.
#: Margins in points; the bottom holds three lines: the callout key, the projection, the credits.
SIDE_PT, TOP_PT, BOTTOM_PT = 12, 58, 46
#: Views of the last few sets of places.
_VIEWS = IdentityCache(8)


@dataclass(frozen=True)
class MapLayout:
    """The map's box in the image and its view; tests use it to predict pixels."""

    width_px: int
    height_px: int
    dpi: int
    axes_px: tuple[float, float, float, float]  # left, bottom, width, height; y up
    view: MapView
    #: Names of places far from the rest, left out of the frame and listed in the margin instead.
    outside: tuple[str, ...] = ()
    #: The lon/lat box asked for (the app's view, ``--bbox``); the view holds it at the image's shape.
    bbox: tuple[float, float, float, float] | None = None

    def pt(self, points: float) -> float:
        """Typographic points to image pixels."""
        return points * self.dpi / 72.0

    def metres_per_px(self) -> float:
        return self.view.width_m / self.axes_px[2]

    def to_pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Image pixel (column, row from the top) where ``lon, lat`` is drawn."""
        x, y = self.view.project(lon, lat)
        left, bottom, width, height = self.axes_px
        col = left + (x - self.view.xmin) / self.view.width_m * width
        up = bottom + (y - self.view.ymin) / self.view.height_m * height
        return col, self.height_px - up


def layout_for(places: Iterable[Place], options: ExportOptions) -> MapLayout:
    """The map box below the title band and above the notes, framing ``places`` (or the bbox).

    The places framed follow the shared rule of ``mapapp.render.framing`` (the web map and the
    standalone HTML use it too): continent and union polygons do not count, and a place far
    from the rest (the USA in a text about Kazakhstan) is listed instead of dragging the
    projection across the globe. A bbox (the CLI's, or the app's current view) overrides it.
    """
    places = list(places)
    w, h, dpi = int(options.width_px), int(options.height_px), int(options.dpi)
    pt = dpi / 72.0
    side, top, bottom = SIDE_PT * pt, TOP_PT * pt, BOTTOM_PT * pt
    axes = (side, bottom, w - 2 * side, h - top - bottom)
    if options.bbox is not None:
        return MapLayout(w, h, dpi, axes, fit_view([], axes[2] / axes[3], options.bbox), bbox=options.bbox)
    view, outside = _framed_view(places, axes[2] / axes[3])
    return MapLayout(w, h, dpi, axes, view, outside)


def _framed_view(places: list[Place], aspect: float) -> tuple[MapView, tuple[str, ...]]:
    """The view of the framed places and the names left outside, kept for the same places and
    aspect (framing measures every polygon's parts; a border line brings thousands of vertices)."""
    def compute() -> tuple[MapView, tuple[str, ...]]:
        framing = frame(places)
        framed, far = set(framing.framed), set(framing.outside)
        view = fit_view(anchor_points(p for p in places if p.id in framed), aspect)
        return view, tuple(p.name for p in places if p.id in far)

    extra = (tuple((p.id, p.name, p.layer, p.category, p.lon, p.lat) for p in places), aspect)
    return _VIEWS.get([p.geometry for p in places], extra, compute)
