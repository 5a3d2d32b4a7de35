"""The map itself: basemap, graticule and the places of each layer, styled from the layer registry.

Geometry is clipped to the view and simplified to about half a pixel before
matplotlib sees it, and each layer is one compound path, so a 1:10m basemap
draws in a fraction of a second. How a layer looks (colour, fill, line style,
stacking) comes from ``mapapp.layers``: a new layer needs no change here;
how much each place stands out comes from ``focus``. Every layer and place is
its own named group (``groups``), so the SVG opens in a drawing program with
"layer-cities" holding "place-almaty-1526384".
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from mapapp.layers import AREA_LAYERS, LINE_LAYERS, POINT_LAYERS, spec
from mapapp.model import Place
from mapapp.render.image.focus import area_style
from mapapp.render.image.groups import Group, adopt, child_group, new_group, slug
from mapapp.render.image.labels import Box
from mapapp.render.image.layout import MapLayout
from mapapp.render.image.memo import IdentityCache
from mapapp.render.image.projection import MapView
from mapapp.render.style import BASEMAP_BORDER, BASEMAP_LAND, BASEMAP_SEA, color_for, marker_radius

#: CSS pixels (the app's unit for marker radii) to typographic points.
CSS_PX_TO_PT = 0.75
GRATICULE_Z, BASEMAP_Z = 1, 2
#: Dots, not a solid line (offset, (on, off) in points).
GRATICULE_DASHES = (0, (1.0, 2.5))
#: Projected place geometries of the last few views: a country's 1:10m outline (Russia's has
#: 213 parts) takes longer to project and repair than the rest of a warm export's geometry.
_PLACES_IN_VIEW = IdentityCache(16)
#: Matplotlib paths of those geometries and of the basemap in view, by geometry identity.
_PATHS = IdentityCache(256)
#: An area cut by the frame to less of the map than this (a sliver at the edge) is not counted as shown;
#: a small country the frame holds whole (Armenia on a map of Eurasia) is.
MIN_SHOWN_SHARE = 0.002
_AREA_TYPES = ("Polygon", "MultiPolygon")
_LINE_TYPES = ("LineString", "MultiLineString")


@dataclass(frozen=True)
class PointMark:
    """A drawn marker, in projected metres, so labels and the legend can keep clear of it."""

    key: str
    name: str
    layer: str
    category: str
    count: int
    x: float
    y: float
    radius_pt: float


@lru_cache(maxsize=1)
def world():
    """The basemap GeoDataFrame, read once per process (it takes most of a cold export)."""
    from mapapp.gazetteer.basemap import countries_frame

    return countries_frame()


def projected(geoms: list, view: MapView, tolerance_m: float):
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
    out = series.to_crs(view.crs)
    if tolerance_m > 0:
        out = out.simplify(tolerance_m)
    invalid = ~out.is_valid
    if invalid.any():
        out[invalid] = out[invalid].make_valid()
    return out


def places_in_view(places: list[Place], view: MapView, tolerance_m: float):
    """``projected`` for the geometries of ``places``, kept for the same geometries and view."""
    geoms = [p.geometry for p in places]
    return _PLACES_IN_VIEW.get(geoms, (view, tolerance_m), lambda: projected(geoms, view, tolerance_m))


@lru_cache(maxsize=4)
def basemap_in_view(view: MapView, tolerance_m: float):
    """The basemap's countries that show in ``view``, projected; their names and codes kept.

    Kept for the last few views (read-only for callers): the app exports one view as PNG, SVG
    and PDF in turn, and projecting the world is a third of a warm export.
    """
    frame = world()
    geoms = projected(list(frame.geometry), view, tolerance_m)
    out = frame.loc[geoms.index].copy()
    return out.set_geometry(geoms.values).set_crs(view.crs, allow_override=True)


def _compound_path(geoms, closed: bool):
    """All rings (or lines) of ``geoms`` as one matplotlib Path: one artist draws them all. Kept
    for the same geometry objects (projected geometries are themselves kept between exports).

    Exteriors are oriented counter-clockwise and holes clockwise so the
    non-zero fill rule leaves holes (lakes, enclaves) empty.
    """
    return _PATHS.get(list(geoms), closed, lambda: _build_path(geoms, closed))


def _build_path(geoms, closed: bool):
    import numpy as np
    import shapely
    from matplotlib.path import Path as MplPath

    geoms = np.asarray(list(geoms), dtype=object)
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


def _add_path(ax, group: Group, geoms, closed: bool, **style) -> None:
    """One path artist for ``geoms`` inside ``group`` (the axes' limits are set, so no data walk)."""
    from matplotlib.patches import PathPatch

    path = _compound_path(geoms, closed)
    if path is not None:
        adopt(group, ax, PathPatch(path, fill=closed and style.get("facecolor") != "none", **style))


def prepare_axes(ax) -> None:
    """Sea-coloured axes with a thin grey frame and no ticks."""
    ax.set_facecolor(BASEMAP_SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#8c8c8c")
        spine.set_linewidth(0.6)


def draw_basemap(ax, basemap) -> None:
    _add_path(ax, new_group(ax, "layer-basemap", BASEMAP_Z), basemap.geometry.values, True, facecolor=BASEMAP_LAND,
              edgecolor=BASEMAP_BORDER, linewidth=0.5)


def draw_graticule(ax, view: MapView) -> None:
    """Faint dotted meridians and parallels over the sea: they show the map is projected.

    Dotted, because a solid line across an inland sea (the Caspian) reads as a border.
    Meridians stop at 80 degrees so they do not knot together at a pole in view.
    """
    from matplotlib.collections import LineCollection

    adopt(new_group(ax, "layer-graticule", GRATICULE_Z), ax,
          LineCollection(graticule_segments(view), colors="white", linewidths=0.7, alpha=0.8,
                         linestyles=GRATICULE_DASHES))


@lru_cache(maxsize=8)
def graticule_segments(view: MapView) -> list:
    """The projected meridians and parallels of ``view``, every 1 to 10 degrees by its span."""
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
    return [list(zip(*view.project_many([p[0] for p in line], [p[1] for p in line]))) for line in lines]


def _shown(places: list[Place], layer: str, kinds: tuple[str, ...]) -> list[Place]:
    return [p for p in places
            if p.layer == layer and p.geometry.geom_type in kinds and not p.geometry.is_empty]


def _place_group(ax, layer_group: Group, place_id: str) -> Group:
    return child_group(ax, layer_group, f"place-{slug(place_id)}")


def draw_areas(ax, places: list[Place], layout: MapLayout, focus: frozenset[str]) -> dict[str, object]:
    """Each area place filled in its layer's colour, as strongly as ``focus`` says; returns the
    projected outlines by place id (labels keep clear of them)."""
    from matplotlib.colors import to_rgba

    out: dict[str, object] = {}
    for layer in AREA_LAYERS:
        shown = _shown(places, layer, _AREA_TYPES)
        if not shown:
            continue
        series = places_in_view(shown, layout.view, layout.metres_per_px() * 0.5)
        if series.empty:
            continue
        s, colour = spec(layer), color_for(layer)
        layer_group = new_group(ax, f"layer-{layer}", s.zorder)
        # Pale fills first, so a focus country's outline is never drawn over by a receded one.
        geom_of = dict(zip(series.index, series.values))
        order = sorted(geom_of, key=lambda i: (area_style(shown[i], focus).fill_alpha, i))
        for i in order:
            place, style = shown[i], area_style(shown[i], focus)
            _add_path(ax, _place_group(ax, layer_group, place.id), [geom_of[i]], True,
                      facecolor=to_rgba(colour, style.fill_alpha), edgecolor=to_rgba(colour, style.edge_alpha),
                      linewidth=style.linewidth, linestyle=style.linestyle)
            out[place.id] = geom_of[i]
    return out


def draw_lines(ax, places: list[Place], layout: MapLayout) -> dict[str, object]:
    """Each line place as a thick coloured stroke on a white casing, so it reads over any fill;
    returns the projected lines by place id."""
    out: dict[str, object] = {}
    for layer in LINE_LAYERS:
        shown = _shown(places, layer, _LINE_TYPES)
        if not shown:
            continue
        series = places_in_view(shown, layout.view, layout.metres_per_px() * 0.5)
        if series.empty:
            continue
        layer_group = new_group(ax, f"layer-{layer}", spec(layer).zorder)
        for i, geom in zip(series.index, series.values):
            group = _place_group(ax, layer_group, shown[i].id)
            for colour, width in (("white", 5.0), (color_for(layer), 3.0)):
                _add_path(ax, group, [geom], False, edgecolor=colour, linewidth=width,
                          capstyle="round", joinstyle="round")
            out[shown[i].id] = geom
    return out


def _lonlat(place: Place) -> tuple[float, float]:
    g = place.geometry
    if g.geom_type == "Point" and not g.is_empty:
        return float(g.x), float(g.y)
    return float(place.lon), float(place.lat)


def point_marks(places: list[Place], view: MapView) -> list[PointMark]:
    """The markers of the point places, large before small so none hides another."""
    marks: list[PointMark] = []
    for place in places:
        if not spec(place.layer).is_point:
            continue
        x, y = view.project(*_lonlat(place))
        if not (math.isfinite(x) and math.isfinite(y)):
            continue
        count = len(place.mentions) or 1
        marks.append(PointMark(f"{place.layer}:{place.id}", place.name, place.layer, place.category, count,
                               x, y, marker_radius(count) * CSS_PX_TO_PT))
    marks.sort(key=lambda m: (-m.radius_pt, m.key))
    return marks


def draw_points(ax, places: list[Place], view: MapView) -> list[PointMark]:
    """Circles sized by how often a place is named, one group per place inside its layer's group."""
    from matplotlib.collections import PathCollection
    from matplotlib.markers import MarkerStyle

    marks = point_marks(places, view)
    circle = MarkerStyle("o").get_path().transformed(MarkerStyle("o").get_transform())
    layer_groups = {layer: new_group(ax, f"layer-{layer}", spec(layer).zorder + i * 0.01)
                    for i, layer in enumerate(POINT_LAYERS) if any(m.layer == layer for m in marks)}
    for m in marks:
        place_group = _place_group(ax, layer_groups[m.layer], m.key.split(":", 1)[1])
        dots = PathCollection([circle], sizes=[(2 * m.radius_pt) ** 2], offsets=[(m.x, m.y)],
                              offset_transform=ax.transData, facecolors=[color_for(m.layer, m.category)],
                              edgecolors="white", linewidths=1.2)
        adopt(place_group, ax, dots, transform=_identity())
    return marks


def shown_places(places: list[Place], drawn: dict[str, object], marks: list[PointMark],
                 view: MapView) -> list[Place]:
    """The places the frame shows: a marker inside it, or an outline or line (``drawn``, projected,
    by place id) reaching into it. The legend and the subtitle count these, not the whole text."""
    import shapely

    frame = shapely.box(view.xmin, view.ymin, view.xmax, view.ymax)
    inside = {m.key for m in marks if view.contains(m.x, m.y)}

    def reaches_in(place: Place) -> bool:
        geom = drawn.get(place.id)
        if spec(place.layer).is_point or geom is None or not shapely.intersects(geom, frame):
            return False
        if not spec(place.layer).is_area:
            return True
        seen = shapely.clip_by_rect(geom, view.xmin, view.ymin, view.xmax, view.ymax).area
        return seen >= MIN_SHOWN_SHARE * frame.area or seen >= 0.5 * geom.area
    return [p for p in places if f"{p.layer}:{p.id}" in inside or reaches_in(p)]


def _identity():
    from matplotlib.transforms import IdentityTransform

    return IdentityTransform()


def marker_boxes(ax, marks: list[PointMark], layout: MapLayout, clearance_pt: float = 0.0) -> list[tuple[str, Box]]:
    """Each marker's display box (with its white rim and ``clearance_pt`` around it), keyed like its
    label, for the placer to avoid: another place's name hugging a marker reads as that marker's name."""
    out = []
    for m in marks:
        px, py = ax.transData.transform((m.x, m.y))
        r = layout.pt(m.radius_pt + 0.6 + clearance_pt)
        out.append((m.key, (float(px) - r, float(py) - r, float(px) + r, float(py) + r)))
    return out
