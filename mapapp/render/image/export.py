"""Static map images (PNG, SVG, PDF) of a text's layers, for print and for newsrooms.

Offline by default: matplotlib (Agg, object API, no pyplot state) draws the
Natural Earth vector basemap and the layers in the app's colours
(``mapapp.render.style``), in a projection centred on the places
(``mapapp.render.image.projection``), with labels that do not overlap (``mapapp.render.image.labels``).
Output is byte-reproducible: no dates in the metadata, a fixed SVG hash
salt, labels kept as text in SVG and PDF so they stay searchable and
editable.
"""
from __future__ import annotations

import argparse
import io
import math
import sys
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from shapely.geometry import Point

from mapapp.io.atomic import write_bytes_atomic
from mapapp.render.image.labels import Box, LabelRequest, Placement, overlaps, place_labels
from mapapp.layers import LAYERS, spec
from mapapp.render.image.projection import Bbox, MapView, anchor_points, check_bbox, fit_view, parse_bbox
from mapapp.render.style import (BASEMAP_BORDER, BASEMAP_LAND, BASEMAP_SEA, color_for,
                          marker_radius)

FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
BASEMAPS: tuple[str, ...] = ("vector", "tiles")
ATTRIBUTION = "Basemap: Natural Earth. Places: GeoNames, Natural Earth, Wikidata. Made with mapapp."
TILES_ATTRIBUTION = ("Basemap: \u00a9 OpenStreetMap contributors. "
                     "Places: GeoNames, Natural Earth, Wikidata. Made with mapapp.")
TILE_PROBE_URL = "https://tile.openstreetmap.org/0/0/0.png"
TILE_TIMEOUT_S = 3.0
MIN_PX, MAX_PX = 200, 12000
DEFAULT_TITLE = "Places named in the text"

#: CSS pixels (the app's unit for marker radii) to typographic points.
CSS_PX_TO_PT = 0.75
FONT = "DejaVu Sans"
TEXT_COLOR = "#222222"
MUTED_COLOR = "#6b6b6b"
#: Sites are told apart by colour, not italics: every extra font face costs ~0.4 s of PDF subsetting.
SITE_TEXT_COLOR = "#7a4005"
HALO = "white"
LEGEND_CORNERS = ("lower right", "upper right", "upper left", "lower left", "center right", "center left")

#: rcParams that make the files reproducible and keep labels as text.
RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "mapapp",
    "pdf.fonttype": 42,
    "font.family": FONT,
    "path.simplify": True,
}
METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": "mapapp"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "mapapp"},
}


#: rc_context changes matplotlib's global rcParams; app sessions render in threads, so one at a time.
_RENDER_LOCK = threading.Lock()


from mapapp.errors import ExportError  # noqa: E402  (re-exported for callers)


@dataclass
class ExportOptions:
    fmt: str
    width_px: int = 1800
    height_px: int = 1100
    dpi: int = 150
    layers: tuple[str, ...] | None = None
    bbox: Bbox | None = None
    title: str | None = None
    basemap: str = "vector"

    def __post_init__(self) -> None:
        self.fmt = str(self.fmt).lower()
        if self.fmt not in FORMATS:
            raise ExportError(f"unknown format {self.fmt!r}; choose one of {', '.join(FORMATS)}")
        if self.basemap not in BASEMAPS:
            raise ExportError(f"unknown basemap {self.basemap!r}; choose one of {', '.join(BASEMAPS)}")
        for name, value in (("width", self.width_px), ("height", self.height_px)):
            if not MIN_PX <= int(value) <= MAX_PX:
                raise ExportError(f"{name} must be between {MIN_PX} and {MAX_PX} pixels, got {value}")
        if not 30 <= int(self.dpi) <= 1200:
            raise ExportError(f"dpi must be between 30 and 1200, got {self.dpi}")
        if self.layers is not None:
            unknown = [name for name in self.layers if name not in LAYERS]
            if unknown:
                raise ExportError(f"unknown layer(s) {', '.join(unknown)}; choose from {', '.join(LAYERS)}")
            self.layers = tuple(self.layers)
        if self.bbox is not None:
            try:
                self.bbox = check_bbox(tuple(float(v) for v in self.bbox))  # type: ignore[arg-type]
            except (ValueError, TypeError) as exc:
                raise ExportError(str(exc)) from None


@dataclass(frozen=True)
class MapLayout:
    """Where the map sits in the image and what it shows; tests use it to predict pixels."""

    width_px: int
    height_px: int
    dpi: int
    axes_px: tuple[float, float, float, float]  # left, bottom, width, height; y up
    view: MapView

    def pt(self, points: float) -> float:
        """Typographic points to image pixels."""
        return points * self.dpi / 72.0

    def to_pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Image pixel (column, row from the top) where ``lon, lat`` is drawn."""
        x, y = self.view.project(lon, lat)
        left, bottom, width, height = self.axes_px
        col = left + (x - self.view.xmin) / self.view.width_m * width
        up = bottom + (y - self.view.ymin) / self.view.height_m * height
        return col, self.height_px - up


def selected_layers(layers: dict[str, dict[str, Any]], options: ExportOptions) -> dict[str, dict[str, Any]]:
    wanted = options.layers or LAYERS
    return {name: layers[name] for name in LAYERS if name in wanted and name in layers}


def plan(layers: dict[str, dict[str, Any]], options: ExportOptions) -> MapLayout:
    """The layout ``render`` uses: map box below the title band, above the credit line."""
    w, h, dpi = int(options.width_px), int(options.height_px), int(options.dpi)
    pt = dpi / 72.0
    side, top, bottom = 12 * pt, 58 * pt, 22 * pt
    axes = (side, bottom, w - 2 * side, h - top - bottom)
    view = fit_view(anchor_points(selected_layers(layers, options)), axes[2] / axes[3], options.bbox)
    return MapLayout(w, h, dpi, axes, view)


def render(layers: dict[str, dict[str, Any]], options: ExportOptions) -> bytes:
    """The map of ``layers`` (FeatureCollections by layer name) as PNG, SVG or PDF bytes."""
    import matplotlib

    with _RENDER_LOCK, matplotlib.rc_context(RC):
        fig = _draw(layers, options)
        buf = io.BytesIO()
        fig.savefig(buf, format=options.fmt, dpi=options.dpi, metadata=METADATA[options.fmt],
                    facecolor="white")
    return buf.getvalue()


def _draw(layers: dict[str, dict[str, Any]], options: ExportOptions):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    layout = plan(layers, options)
    chosen = selected_layers(layers, options)
    fig = Figure(figsize=(layout.width_px / layout.dpi, layout.height_px / layout.dpi), dpi=layout.dpi)
    canvas = FigureCanvasAgg(fig)
    left, bottom, width, height = layout.axes_px
    ax = fig.add_axes((left / layout.width_px, bottom / layout.height_px,
                       width / layout.width_px, height / layout.height_px))
    view = layout.view
    ax.set_facecolor(BASEMAP_SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#8c8c8c")
        spine.set_linewidth(0.6)

    tiles = options.basemap == "tiles" and _add_tiles(ax, view)
    _draw_graticule(ax, view)
    basemap = _basemap_in_view(view, _metres_per_px(layout) * 0.5)
    _add_path(ax, basemap.geometry, True, facecolor="none" if tiles else BASEMAP_LAND,
              edgecolor=BASEMAP_BORDER, linewidth=0.5, zorder=2)
    _draw_areas(ax, view, chosen, layout)
    _draw_borders(ax, view, chosen.get("borders"), _metres_per_px(layout) * 0.5)
    points = _draw_points(ax, view, chosen)
    ax.set_xlim(view.xmin, view.xmax)
    ax.set_ylim(view.ymin, view.ymax)
    ax.set_aspect("auto")
    ax.set_autoscale_on(False)
    ax.set_xlabel("")
    ax.set_ylabel("")

    renderer = canvas.get_renderer()
    obstacles = [(key, (x - r, y - r, x + r, y + r)) for key, x, y, r in _marker_boxes(ax, points, layout)]
    obstacles.append(("scalebar", _draw_scalebar(ax, layout, renderer)))
    legend_box = _draw_legend(ax, chosen, renderer, [box for _, box in obstacles])
    if legend_box is not None:
        obstacles.append(("legend", legend_box))
    requests, styles = _label_requests(ax, chosen, basemap, points, layout)
    frame = (left + 4, bottom + 4, left + width - 4, bottom + height - 4)
    placed = place_labels(requests, _measurer(fig, renderer, styles), frame, obstacles,
                          gap=layout.pt(2.5), accept=_on_own_area(ax, basemap, chosen))
    for p in placed:
        _draw_label(ax, p, styles[p.key])

    title = options.title if options.title is not None else DEFAULT_TITLE
    fig.text(left / layout.width_px, 1 - layout.pt(12) / layout.height_px, title,
             fontsize=17, fontweight="bold", color=TEXT_COLOR, va="top", ha="left")
    fig.text(left / layout.width_px, 1 - layout.pt(36) / layout.height_px, _subtitle(chosen),
             fontsize=10, color=MUTED_COLOR, va="top", ha="left")
    credit = TILES_ATTRIBUTION if tiles else ATTRIBUTION
    fig.text(left / layout.width_px, layout.pt(7) / layout.height_px, credit,
             fontsize=7.5, color=MUTED_COLOR, va="bottom", ha="left")
    lon0, lat0 = _proj_centre(view.crs)
    fig.text(1 - left / layout.width_px, layout.pt(7) / layout.height_px,
             f"Lambert azimuthal equal-area projection centred on {_fmt_lon(lon0)} {_fmt_lat(lat0)}",
             fontsize=7.5, color=MUTED_COLOR, va="bottom", ha="right")
    return fig


_SINGULAR = {"countries": "country", "regions": "region", "borders": "border",
             "cities": "city", "sites": "site"}


def _subtitle(chosen: dict[str, dict[str, Any]]) -> str:
    parts = []
    for name in LAYERS:
        n = len(chosen.get(name, {}).get("features", []))
        if n:
            parts.append(f"{n} {_SINGULAR[name] if n == 1 else name}")
    return "Places named in the text: " + (", ".join(parts) if parts else "none found")


@dataclass(frozen=True)
class PointMark:
    key: str
    name: str
    layer: str
    category: str
    count: int
    x: float
    y: float
    radius_pt: float


def _warn(message: str) -> None:
    print(f"mapapp export: warning: {message}", file=sys.stderr)


def _extent(bbox) -> Box:
    return (float(bbox.x0), float(bbox.y0), float(bbox.x1), float(bbox.y1))


def _proj_centre(crs: str) -> tuple[float, float]:
    params = dict(tok.lstrip("+").split("=", 1) for tok in crs.split() if "=" in tok)
    return float(params.get("lon_0", 0)), float(params.get("lat_0", 0))


def _fmt_lon(lon: float) -> str:
    return f"{abs(lon):.1f}\u00b0{'E' if lon >= 0 else 'W'}"


def _fmt_lat(lat: float) -> str:
    return f"{abs(lat):.1f}\u00b0{'N' if lat >= 0 else 'S'}"


@lru_cache(maxsize=1)
def _world():
    """The basemap GeoDataFrame, read once per process (it takes most of a cold export)."""
    from mapapp.gazetteer.basemap import countries_frame

    return countries_frame()


def _metres_per_px(layout: MapLayout) -> float:
    return layout.view.width_m / layout.axes_px[2]


def _projected(geoms: list, view: MapView, tolerance_m: float):
    """Lon/lat geometries clipped to the view's surroundings, projected and simplified to ~half a pixel.

    Clipping first keeps the far side of the globe (which an azimuthal
    projection tears apart) out of the drawing; simplifying before projecting
    (a degree of latitude is ~111 km, of longitude less) spares projecting
    1:10m detail no pixel can show.
    """
    import geopandas as gpd

    series = gpd.GeoSeries(geoms, crs="EPSG:4326")
    if tolerance_m > 0:
        series = series.simplify(tolerance_m / 111_320.0)
    series = series.clip_by_rect(*view.lonlat_bounds())
    series = series[~series.is_empty]
    projected = series.to_crs(view.crs)
    if tolerance_m > 0:
        projected = projected.simplify(tolerance_m)
    invalid = ~projected.is_valid
    if invalid.any():
        projected[invalid] = projected[invalid].make_valid()
    return projected


def _basemap_in_view(view: MapView, tolerance_m: float):
    world = _world()
    geoms = _projected(list(world.geometry), view, tolerance_m)
    frame = world.loc[geoms.index].copy()
    frame = frame.set_geometry(geoms.values).set_crs(view.crs, allow_override=True)
    return frame


def _compound_path(series, closed: bool):
    """All rings (or lines) of ``series`` as one matplotlib Path: one artist draws them all.

    Exteriors are oriented counter-clockwise and holes clockwise so the
    non-zero fill rule leaves holes (lakes, enclaves) empty.
    """
    import numpy as np
    import shapely
    from matplotlib.path import Path as MplPath

    geoms = np.asarray(series.values, dtype=object)
    parts = shapely.get_parts(geoms)
    if closed:
        parts = shapely.orient_polygons(parts[shapely.get_type_id(parts) == 3])
        parts = shapely.get_rings(parts)
    else:
        parts = parts[np.isin(shapely.get_type_id(parts), (1, 2))]
    coords, index = shapely.get_coordinates(parts, return_index=True)
    if not len(coords):
        return None
    codes = np.full(len(coords), MplPath.LINETO, dtype=np.uint8)
    starts = np.r_[True, index[1:] != index[:-1]]
    codes[starts] = MplPath.MOVETO
    if closed:
        codes[np.r_[starts[1:], True]] = MplPath.CLOSEPOLY
    return MplPath(coords, codes)


def _add_path(ax, series, closed: bool, **style) -> None:
    from matplotlib.patches import PathPatch

    path = _compound_path(series, closed)
    if path is not None:  # add_artist, not add_patch: the limits are set, no need to walk every vertex
        ax.add_artist(PathPatch(path, fill=closed and style.get("facecolor") != "none", **style))


def _draw_graticule(ax, view: MapView) -> None:
    """Faint meridians and parallels over the sea: they show the map is projected.

    Meridians stop at 80 degrees so they do not knot together at a pole in view.
    """
    w, s, e, n = view.lonlat_bounds(pad_deg=0)
    span = max(e - w, n - s)
    step = 10 if span > 40 else 5 if span > 15 else 2 if span > 6 else 1
    lat_lo, lat_hi = max(-80.0, s - step), min(80.0, n + step)
    lon_lo, lon_hi = max(-180.0, w - step), min(180.0, e + step)
    lines = []
    for lon in range(-180, 181, step):
        if lon_lo <= lon <= lon_hi:
            lines.append([(lon, lat_lo + (lat_hi - lat_lo) * i / 60) for i in range(61)])
    for lat in range(-80, 81, step):
        if lat_lo <= lat <= lat_hi:
            lines.append([(lon_lo + (lon_hi - lon_lo) * i / 120, lat) for i in range(121)])
    for line in lines:
        ax.plot(*view.project_many([p[0] for p in line], [p[1] for p in line]), color="white",
                linewidth=0.6, alpha=0.7, zorder=1)


def _shapes(fc: dict[str, Any] | None, kinds: tuple[str, ...]) -> list:
    from shapely.geometry import shape

    out = []
    for feat in (fc or {}).get("features", []):
        geom = feat.get("geometry")
        if geom and geom.get("type") in kinds and geom.get("coordinates"):
            out.append(shape(geom))
    return out


def _draw_areas(ax, view: MapView, chosen: dict[str, dict[str, Any]], layout: MapLayout) -> None:
    from matplotlib.colors import to_rgba

    for layer, alpha, linestyle, zorder in (("countries", 0.22, "-", 3), ("regions", 0.25, "--", 4)):
        geoms = _shapes(chosen.get(layer), ("Polygon", "MultiPolygon"))
        if not geoms:
            continue
        series = _projected(geoms, view, _metres_per_px(layout) * 0.5)
        if series.empty:
            continue
        colour = color_for(layer)
        _add_path(ax, series, True, facecolor=to_rgba(colour, alpha), edgecolor=colour, linewidth=1.1,
                  linestyle=linestyle, zorder=zorder)


def _draw_borders(ax, view: MapView, fc: dict[str, Any] | None, tolerance_m: float) -> None:
    geoms = _shapes(fc, ("LineString", "MultiLineString"))
    if not geoms:
        return
    series = _projected(geoms, view, tolerance_m)
    if series.empty:
        return
    _add_path(ax, series, False, edgecolor="white", linewidth=5.0, zorder=5, capstyle="round",
              joinstyle="round")
    _add_path(ax, series, False, edgecolor=color_for("borders"), linewidth=3.0, zorder=5,
              capstyle="round", joinstyle="round")


def _point_lonlat(feat: dict[str, Any]) -> tuple[float, float] | None:
    geom = feat.get("geometry") or {}
    if geom.get("type") == "Point":
        lon, lat = geom["coordinates"][:2]
        return float(lon), float(lat)
    props = feat.get("properties") or {}
    if "lon" in props and "lat" in props:
        return float(props["lon"]), float(props["lat"])
    return None


def _draw_points(ax, view: MapView, chosen: dict[str, dict[str, Any]]) -> list[PointMark]:
    marks: list[PointMark] = []
    for layer in ("cities", "sites"):
        for i, feat in enumerate(chosen.get(layer, {}).get("features", [])):
            lonlat = _point_lonlat(feat)
            if lonlat is None:
                continue
            props = feat.get("properties") or {}
            x, y = view.project(*lonlat)
            if not (math.isfinite(x) and math.isfinite(y)):
                continue
            count = int(props.get("mention_count") or 1)
            marks.append(PointMark(f"{layer}:{props.get('id', i)}", str(props.get("name", "")), layer,
                                   str(props.get("category", "")), count, x, y,
                                   marker_radius(count) * CSS_PX_TO_PT))
    marks.sort(key=lambda m: (-m.radius_pt, m.key))
    if marks:
        ax.scatter([m.x for m in marks], [m.y for m in marks],
                   s=[(2 * m.radius_pt) ** 2 for m in marks],
                   c=[color_for(m.layer, m.category) for m in marks],
                   edgecolors="white", linewidths=1.2, zorder=6)
    return marks


def _marker_boxes(ax, marks: list[PointMark], layout: MapLayout) -> list[tuple[str, float, float, float]]:
    out = []
    for m in marks:
        px, py = ax.transData.transform((m.x, m.y))
        out.append((m.key, float(px), float(py), layout.pt(m.radius_pt + 0.6)))
    return out


def _category_label(category: str) -> str:
    return category.replace("_", " ").capitalize() if category else "Other"


def _draw_legend(ax, chosen: dict[str, dict[str, Any]], renderer, avoid: list[Box]) -> Box | None:
    """The legend in the first corner where it hides no marker; returns its display box."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    for layer in LAYERS:
        feats = chosen.get(layer, {}).get("features", [])
        if not feats:
            continue
        colour = color_for(layer)
        if layer in ("countries", "regions"):
            handles.append(Patch(facecolor=colour, alpha=0.35, edgecolor=colour,
                                 linestyle="-" if layer == "countries" else "--",
                                 label=f"{spec(layer).label} named"))
        elif layer == "borders":
            handles.append(Line2D([], [], color=colour, linewidth=3, label="Borders named"))
        else:
            cats = sorted({str((f.get("properties") or {}).get("category", "")) for f in feats})
            for cat in cats:
                handles.append(Line2D([], [], linestyle="", marker="o", markersize=9,
                                      markerfacecolor=color_for(layer, cat), markeredgecolor="white",
                                      label=_category_label(cat)))
    if not handles:
        return None
    has_points = any(chosen.get(name, {}).get("features") for name in ("cities", "sites"))

    def legend_at(loc: str) -> Box:
        legend = ax.legend(handles=handles, loc=loc, fontsize=8, frameon=True, framealpha=0.92,
                           edgecolor="#bbbbbb", fancybox=False, borderpad=0.7, labelspacing=0.55,
                           title="Circle size: times named" if has_points else None, title_fontsize=8)
        return _extent(legend.get_window_extent(renderer))

    hidden_at = {}
    for loc in LEGEND_CORNERS:
        box = legend_at(loc)
        hidden_at[loc] = sum(1 for other in avoid if overlaps(box, other))
        if hidden_at[loc] == 0:
            return box
    return legend_at(min(LEGEND_CORNERS, key=lambda loc: hidden_at[loc]))


def nice_km(target: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above ``target`` kilometres."""
    base = 10 ** math.floor(math.log10(target))
    return next(m * base for m in (5, 2, 1) if m * base <= target)


def _draw_scalebar(ax, layout: MapLayout, renderer) -> Box:
    """A two-segment bar in km, true at the map centre; returns its display box."""
    from matplotlib.patches import Rectangle

    view = layout.view
    k = view.scale_factor()
    km = nice_km(view.width_m / k / 1000 * 0.18)
    length = km * 1000 * k
    mpp = _metres_per_px(layout)
    x0 = view.xmin + layout.pt(14) * mpp
    y0 = view.ymin + layout.pt(14) * mpp
    bar_h = layout.pt(4) * mpp
    for i, face in enumerate(("#333333", "white")):
        ax.add_patch(Rectangle((x0 + i * length / 2, y0), length / 2, bar_h, facecolor=face,
                               edgecolor="#333333", linewidth=0.8, zorder=9))
    texts = []
    for frac, text in ((0, "0"), (0.5, f"{km / 2:g}"), (1, f"{km:g} km")):
        texts.append(_halo_text(ax, x0 + frac * length, y0 + bar_h + layout.pt(2) * mpp, text,
                                dict(fontsize=8, color=TEXT_COLOR), ha="center", va="bottom", zorder=9))
    boxes = [_extent(t.get_window_extent(renderer)) for t in texts]
    px0, py0 = ax.transData.transform((x0, y0))
    pad = layout.pt(3)
    return (min(b[0] for b in boxes + [(px0, py0, 0, 0)]) - pad, py0 - pad,
            max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad)


def _halo_text(ax, x: float, y: float, text: str, style: dict[str, Any], ha: str, va: str,
               zorder: float):
    """Text with a white halo: the halo is a stroked copy, so the label itself stays text in SVG/PDF."""
    from matplotlib import patheffects

    kwargs = dict(ha=ha, va=va, zorder=zorder, **style)
    ax.text(x, y, text, path_effects=[patheffects.Stroke(linewidth=3, foreground=HALO)], **kwargs)
    return ax.text(x, y, text, **kwargs)


def _label_requests(ax, chosen: dict[str, dict[str, Any]], basemap, marks: list[PointMark],
                    layout: MapLayout) -> tuple[list[LabelRequest], dict[str, dict[str, Any]]]:
    requests: list[LabelRequest] = []
    styles: dict[str, dict[str, Any]] = {}
    to_px = ax.transData.transform
    view = layout.view
    mentioned: set[str] = set()
    spots = _visible_spots(basemap, view)
    for layer, base, style in (
            ("countries", 1000.0, dict(fontsize=11, fontweight="bold", color="#2f4f7f")),
            ("regions", 500.0, dict(fontsize=9.5, color="#14633a"))):
        for i, feat in enumerate(chosen.get(layer, {}).get("features", [])):
            props = feat.get("properties") or {}
            code = str(props.get("country_code", "")).upper()
            if layer == "countries":
                mentioned.add(code)
            if "lon" not in props or "lat" not in props or not props.get("name"):
                continue
            x, y = view.project(float(props["lon"]), float(props["lat"]))
            if not _view_box(view).contains(Point(x, y)):
                spot = spots.get(code) if layer == "countries" else None
                if spot is None:
                    continue
                x, y = spot[:2]
            px, py = to_px((x, y))
            key = f"{layer}:{props.get('id', i)}"
            text = str(props["name"]).upper() if layer == "countries" else str(props["name"])
            requests.append(LabelRequest(key, text, float(px), float(py),
                                         base + int(props.get("mention_count") or 0), area=True))
            styles[key] = style
    for m in marks:
        if not m.name:
            continue
        px, py = to_px((m.x, m.y))
        capital = m.category == "capital"
        style = dict(fontsize=9.5 if capital else 9, fontweight="bold" if capital else "normal",
                     color=SITE_TEXT_COLOR if m.layer == "sites" else TEXT_COLOR)
        requests.append(LabelRequest(m.key, m.name, float(px), float(py),
                                     100.0 + 10 * m.count + (50 if capital else 0),
                                     radius=layout.pt(m.radius_pt)))
        styles[m.key] = style
    requests += _neighbour_requests(basemap, chosen, mentioned, spots, styles, to_px)
    return requests, styles


def _neighbour_requests(basemap, chosen, mentioned: set[str], spots: dict[str, tuple[float, float, float]],
                        styles: dict[str, dict[str, Any]], to_px) -> list[LabelRequest]:
    """Grey names for the unmentioned countries in view, largest first, so readers can orient."""
    column = "name_de" if _text_language(chosen) == "de" else "name"
    names = dict(zip(basemap["iso_a2"].astype(str).str.upper(), basemap[column]))
    out = []
    for code, (x, y, share) in spots.items():
        if code in mentioned or not names.get(code):
            continue
        px, py = to_px((x, y))
        key = f"basemap:{code}"
        out.append(LabelRequest(key, str(names[code]).upper(), float(px), float(py), share, area=True))
        styles[key] = dict(fontsize=8, color="#8a8a8a")
    return out


def _on_own_area(ax, basemap, chosen: dict[str, dict[str, Any]]) -> Callable[[LabelRequest, Box], bool]:
    """A country's name must sit on that country, wherever the placer nudges it."""
    codes = {f"countries:{(f.get('properties') or {}).get('id', i)}":
             str((f.get("properties") or {}).get("country_code", "")).upper()
             for i, f in enumerate(chosen.get("countries", {}).get("features", []))}
    shapes = {str(code).upper(): geom for code, geom in zip(basemap["iso_a2"], basemap.geometry)}
    to_data = ax.transData.inverted().transform

    def accept(req: LabelRequest, box: Box) -> bool:
        code = req.key.split(":", 1)[1] if req.key.startswith("basemap:") else codes.get(req.key)
        geom = shapes.get(code) if code else None
        if geom is None:
            return True
        x, y = to_data(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
        return bool(geom.contains(Point(float(x), float(y))))
    return accept


def _visible_spots(basemap, view: MapView) -> dict[str, tuple[float, float, float]]:
    """For each country in view: a point inside its visible part and that part's share of the map.

    Countries showing on less than 0.4 % of the map get none: a name on a sliver misleads.
    """
    import numpy as np
    import shapely

    geoms = np.asarray(basemap.geometry.values, dtype=object)
    visible = shapely.clip_by_rect(geoms, view.xmin, view.ymin, view.xmax, view.ymax)
    share = shapely.area(visible) / (view.width_m * view.height_m)
    keep = np.flatnonzero(share >= 0.004)
    points = shapely.point_on_surface(shapely.make_valid(visible[keep]))
    codes = basemap["iso_a2"].astype(str).str.upper().to_numpy()
    return {codes[i]: (float(pt.x), float(pt.y), float(share[i]))
            for i, pt in zip(keep, points) if not pt.is_empty}


@lru_cache(maxsize=8)
def _view_box(view: MapView):
    from shapely.geometry import box

    return box(view.xmin, view.ymin, view.xmax, view.ymax)


def _text_language(chosen: dict[str, dict[str, Any]]) -> str:
    """'de' when the mentioned countries carry their German basemap names, else 'en'."""
    names = {str((f.get("properties") or {}).get("name", ""))
             for f in chosen.get("countries", {}).get("features", [])}
    if not names:
        return "en"
    world = _world()
    english = set(world["name"])
    german = sum(1 for n in world["name_de"] if n in names and n not in english)
    return "de" if german else "en"


def _measurer(fig, renderer, styles: dict[str, dict[str, Any]]) -> Callable[[LabelRequest], tuple[float, float]]:
    def measure(req: LabelRequest) -> tuple[float, float]:
        text = fig.text(0, 0, req.text, **styles[req.key])
        box = text.get_window_extent(renderer)
        text.remove()
        return float(box.width), float(box.height)
    return measure


def _draw_label(ax, placement: Placement, style: dict[str, Any]) -> None:
    """Anchored in data coordinates, so SVG/PDF (drawn at 72 dpi) put it where Agg measured it."""
    x, y = ax.transData.inverted().transform((placement.x, placement.y))
    _halo_text(ax, float(x), float(y), placement.text, style, placement.ha, placement.va, zorder=8)


def _add_tiles(ax, view: MapView) -> bool:
    """Web tiles under the layers when contextily and the tile server are there; else say why."""
    try:
        import contextily
    except ImportError:
        _warn("--basemap tiles needs contextily, which is not installed; using the vector basemap")
        return False
    try:
        import requests

        requests.head(TILE_PROBE_URL, timeout=TILE_TIMEOUT_S).raise_for_status()
        ax.set_xlim(view.xmin, view.xmax)
        ax.set_ylim(view.ymin, view.ymax)
        contextily.add_basemap(ax, crs=view.crs, source=contextily.providers.OpenStreetMap.Mapnik,
                               attribution=False, zorder=0)
    except Exception as exc:  # any network or tile failure falls back, as the issue asks
        _warn(f"tile basemap unavailable ({exc.__class__.__name__}); using the vector basemap")
        return False
    return True


@dataclass
class Source:
    """The layers to draw and the name the title defaults to."""

    layers: dict[str, dict[str, Any]]
    name: str
    warnings: list[str]


def default_source() -> Path:
    """The seed's built layers, or the seed text itself while they are not built."""
    from mapapp.io.paths import LAYERS_DIR, SEED_FILE

    folder = LAYERS_DIR / SEED_FILE.stem
    return folder if folder.is_dir() else SEED_FILE


def load_source(source: Path | str | None) -> Source:
    """A folder of built layers is read as is; a text file is geoparsed now."""
    path = Path(source) if source is not None else default_source()
    if path.is_dir():
        from mapapp.io.layerfiles import read_layers

        layer_set = read_layers(path)
        if not layer_set.layers:
            raise ExportError(f"no layer files (*.geojson) in {path}")
        name = str((layer_set.passages or {}).get("source") or path.name)
        return Source(layer_set.layers, name, list(layer_set.errors))
    if path.is_file():
        try:
            from mapapp import geoparse
        except ImportError:
            raise ExportError("the geoparser is not available yet; pass a folder of built layers") from None
        from mapapp.io.textio import InputError, read_text_file

        try:
            decoded = read_text_file(path)
        except InputError as exc:
            raise ExportError(str(exc)) from None
        return Source(geoparse(decoded.text).layer_collections(), path.name, decoded.warnings)
    raise ExportError(f"no such file or folder: {path}")


def title_from_name(name: str) -> str:
    """A readable default title from a file name: kazakhstan_commentary_de.txt -> Kazakhstan commentary de."""
    words = Path(name).stem.replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or name
    return text[:1].upper() + text[1:]


def export_file(source: Path | str | None, out_path: Path | str, options: ExportOptions) -> Path:
    """Render ``source`` (text file, layer folder, or the seed) and write it atomically to ``out_path``."""
    loaded = load_source(source)
    for message in loaded.warnings:
        _warn(message)
    if options.title is None:
        options = replace(options, title=title_from_name(loaded.name))
    out = Path(out_path)
    write_bytes_atomic(out, render(loaded.layers, options))
    return out


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument as one line, not usage plus exit."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(message)


def _parser() -> _Parser:
    p = _Parser(prog="mapapp export", description="Write a static map (PNG, SVG or PDF) of a text's places.")
    p.add_argument("source", nargs="?", help="text file or folder of built layers (default: the seed)")
    p.add_argument("--format", "-f", choices=FORMATS, help="output format (default: from -o's suffix)")
    p.add_argument("-o", "--out", required=True, help="output file")
    p.add_argument("--layers", help=f"comma-separated subset of {','.join(LAYERS)}")
    p.add_argument("--width", type=int, help="image width in pixels (default 1800)")
    p.add_argument("--height", type=int, help="image height in pixels (default 1100)")
    p.add_argument("--dpi", type=int, help="resolution; alone it scales the default pixel size (default 150)")
    p.add_argument("--bbox", help="W,S,E,N in degrees (default: fit the places)")
    p.add_argument("--title", help="map title (default: the source's name)")
    p.add_argument("--basemap", choices=BASEMAPS, default="vector", help="vector (offline) or tiles")
    return p


def options_from_args(args: argparse.Namespace) -> ExportOptions:
    """ExportOptions from parsed arguments; raises ExportError on a bad combination."""
    suffix = Path(args.out).suffix.lower().lstrip(".")
    fmt = args.format or suffix
    if fmt not in FORMATS:
        raise ExportError(f"cannot tell the format from {args.out!r}; pass --format {'|'.join(FORMATS)}")
    if suffix in FORMATS and suffix != fmt:
        raise ExportError(f"--format {fmt} does not match the output file's suffix .{suffix}")
    defaults = ExportOptions(fmt)
    dpi = args.dpi or defaults.dpi
    scale = dpi / defaults.dpi if args.width is None and args.height is None else 1.0
    width = args.width or round(defaults.width_px * scale)
    if args.height is None and args.width is not None:
        height = round(width * defaults.height_px / defaults.width_px)
    else:
        height = args.height or round(defaults.height_px * scale)
    layers = None
    if args.layers is not None:
        layers = tuple(name.strip() for name in args.layers.split(",") if name.strip())
        if not layers:
            raise ExportError("--layers needs at least one layer name")
    try:
        bbox = parse_bbox(args.bbox) if args.bbox is not None else None
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    return ExportOptions(fmt, width, height, dpi, layers, bbox, args.title, args.basemap)


def cli(argv: list[str]) -> int:
    """``python -m mapapp export``: 0 on success, 2 with one line on stderr for a user error."""
    try:
        args = _parser().parse_args(argv)
        options = options_from_args(args)
        out = export_file(args.source, args.out, options)
    except (_ArgumentError, ExportError) as exc:
        print(f"mapapp export: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    return 0
