"""Which names go on the map, in which font and how important each is; ``labels`` then places them.

Area layers are named inside the main body of their visible part (its pole
of inaccessibility, so UKRAINE sits in Ukraine, not on its border), point
layers beside their marker; fonts and priorities come from the layer
registry. Every named city, site and country is shown one way or another
(beside, on a leader line, or as a numbered callout). No name may straddle
two countries or a drawn line: a border through a name makes it unreadable.
The basemap's countries that the text does not name get small grey names so
readers can orient. Those follow the language of the names drawn, not of the
text: the gazetteer names places in English even in a German text, and a map
reading KAZAKHSTAN beside MONGOLEI would be worse than either language alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from mapapp.layers import spec
from mapapp.model import Place
from mapapp.render.image.draw import PointMark, world
from mapapp.render.image.focus import in_focus, is_wide
from mapapp.render.image.groups import Group, adopt, child_group, new_group, slug
from mapapp.render.image.labels import Box, LabelRequest, Placement
from mapapp.render.image.layout import MapLayout
from mapapp.render.image.memo import IdentityCache
from mapapp.render.image.projection import MapView
from mapapp.render.image.text import MUTED_COLOR, TEXT_COLOR, halo_artists

Style = dict[str, Any]
#: Point names rank below area names; each mention and being a capital lift them.
POINT_PRIORITY, PER_MENTION, CAPITAL_BONUS = 100.0, 10, 50
#: Named countries outside the focus rank below points, so crowded cities keep their names.
RECEDED_PRIORITY = 50.0
#: Fonts the layer registry's ``label_font`` adjusts.
AREA_FONT: Style = {"fontsize": 9.0, "color": TEXT_COLOR}
NEIGHBOUR_FONT: Style = {"fontsize": 8, "color": "#8a8a8a"}
RECEDED_FONT: Style = {"fontsize": 9.5, "color": "#5f7696"}
CALLOUT_FONT: Style = {"fontsize": 8.5, "fontweight": "bold", "color": TEXT_COLOR}
LABEL_Z = 8
#: The key prefix of the basemap's own country names (``labels-basemap`` in the SVG).
NEIGHBOUR_LAYER = "basemap"
#: Font sizes (shares of the layer's) tried for a country whose name does not fit it.
SHRINK_STEPS = (0.85, 0.72)
#: A country showing on less than this share of the map gets no grey name: a name on a sliver misleads.
MIN_NEIGHBOUR_SHARE = 0.004
#: Main bodies of the last few basemaps in view (they depend on nothing but the basemap and view).
_BODIES = IdentityCache(4)
#: Label sizes in pixels by (text, font, dpi), oldest dropped first beyond ``MAX_SIZES``.
_SIZES: dict[tuple[str, str, float], tuple[float, float]] = {}
MAX_SIZES = 4096


@dataclass(frozen=True)
class Body:
    """The largest visible part of a country, in projected metres, and where its name goes."""

    geometry: Any
    x: float
    y: float
    share: float
    #: Cut by the map's edge: a name on a leader line would point at a sliver, so it gets none.
    clipped: bool = False


def _point_font(mark: PointMark) -> Style:
    capital = mark.category == "capital"
    return {"fontsize": 9.5 if capital else 9, "fontweight": "bold" if capital else "normal",
            "color": TEXT_COLOR, **spec(mark.layer).font()}


def label_requests(ax, places: list[Place], bodies: dict[str, Body], marks: list[PointMark],
                   layout: MapLayout, focus: frozenset[str], basemap) -> tuple[list[LabelRequest], dict[str, Style]]:
    """Every name the map would like to show, with its display-pixel anchor and font, by key."""
    requests: list[LabelRequest] = []
    styles: dict[str, Style] = {}
    to_px = ax.transData.transform
    view = layout.view
    named = {p.country_code.upper() for p in places if spec(p.layer).basemap_countries}
    for place in places:
        s = spec(place.layer)
        if not s.is_area or not place.name:
            continue
        anchor = _area_anchor(place, bodies, view)
        if anchor is None:
            continue
        px, py = to_px(anchor)
        key = f"{place.layer}:{place.id}"
        main = in_focus(place, focus)
        priority = s.label_priority if main else RECEDED_PRIORITY
        body = bodies.get(place.country_code.upper()) if s.basemap_countries else None
        requests.append(LabelRequest(key, place.name.upper() if s.label_upper else place.name, float(px),
                                     float(py), priority + len(place.mentions), area=True,
                                     must=body is not None and not body.clipped))
        styles[key] = {**AREA_FONT, **s.font(), **({} if main else RECEDED_FONT)}
    for m in marks:
        if not m.name or not view.contains(m.x, m.y):
            continue
        px, py = to_px((m.x, m.y))
        bonus = CAPITAL_BONUS if m.category == "capital" else 0
        requests.append(LabelRequest(m.key, m.name, float(px), float(py),
                                     POINT_PRIORITY + PER_MENTION * m.count + bonus,
                                     radius=layout.pt(m.radius_pt), must=True))
        styles[m.key] = _point_font(m)
    requests += _neighbour_requests(basemap, named, bodies, styles, to_px, names_language(places))
    return requests, styles


def _area_anchor(place: Place, bodies: dict[str, Body], view: MapView) -> tuple[float, float] | None:
    """A country's name goes at its main body's centre; a region's at its label point, if in view."""
    if spec(place.layer).basemap_countries:
        body = bodies.get(place.country_code.upper())
        return (body.x, body.y) if body is not None else None
    if is_wide(place):
        return None
    x, y = view.project(float(place.lon), float(place.lat))
    return (x, y) if view.contains(x, y) else None


def _neighbour_requests(basemap, named: set[str], bodies: dict[str, Body],
                        styles: dict[str, Style], to_px, lang: str) -> list[LabelRequest]:
    """Grey names for the countries in view the text does not name, largest first."""
    column = "name_de" if lang == "de" else "name"
    names = dict(zip(basemap["iso_a2"].astype(str).str.upper(), basemap[column]))
    out = []
    for code, body in bodies.items():
        if code in named or not names.get(code) or body.share < MIN_NEIGHBOUR_SHARE:
            continue
        px, py = to_px((body.x, body.y))
        key = f"{NEIGHBOUR_LAYER}:{code}"
        out.append(LabelRequest(key, str(names[code]).upper(), float(px), float(py), body.share, area=True))
        styles[key] = NEIGHBOUR_FONT
    return out


def main_bodies(basemap, view: MapView, tolerance_m: float) -> dict[str, Body]:
    """For each country in view: its largest visible part, that part's share of the map, and its
    pole of inaccessibility (the point deepest inside, where a name fits best). Kept for the
    same basemap and view; read-only for callers."""
    return _BODIES.get([basemap], (view, tolerance_m), lambda: _main_bodies(basemap, view, tolerance_m))


def _main_bodies(basemap, view: MapView, tolerance_m: float) -> dict[str, Body]:
    import numpy as np
    import shapely

    geoms = np.asarray(basemap.geometry.values, dtype=object)
    visible = shapely.make_valid(shapely.clip_by_rect(geoms, view.xmin, view.ymin, view.xmax, view.ymax))
    codes = basemap["iso_a2"].astype(str).str.upper().to_numpy()
    out: dict[str, Body] = {}
    for code, geom in zip(codes, visible):
        parts = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon" and not g.is_empty]
        if not parts or code in out:
            continue
        body = max(parts, key=lambda g: g.area)
        share = body.area / (view.width_m * view.height_m)
        pole = shapely.ops.polylabel(body, tolerance=max(tolerance_m * 8, 1.0))
        w, s, e, n = body.bounds
        edge = tolerance_m * 4
        clipped = (w - view.xmin < edge or view.xmax - e < edge or s - view.ymin < edge or view.ymax - n < edge)
        out[code] = Body(body, float(pole.x), float(pole.y), float(share), clipped)
    return out


def on_own_area(ax, bodies: dict[str, Body], places: list[Place],
                outlines: dict[str, Any]) -> Callable[[LabelRequest, Box], bool]:
    """A country's whole name must sit inside its main body; a region's centre inside the region."""
    import shapely
    from shapely.geometry import Point, box as shapely_box

    codes = {f"{p.layer}:{p.id}": p.country_code.upper() for p in places if spec(p.layer).basemap_countries}
    regions = {f"{p.layer}:{p.id}": outlines[p.id] for p in places
               if p.id in outlines and not spec(p.layer).basemap_countries}
    prepared = {code: b.geometry for code, b in bodies.items()}
    for geom in prepared.values():
        shapely.prepare(geom)
    to_data = _box_to_data(ax)

    def accept(req: LabelRequest, box: Box) -> bool:
        if req.key in regions:
            x0, y0, x1, y1 = to_data(box)
            return bool(regions[req.key].contains(Point((x0 + x1) / 2, (y0 + y1) / 2)))
        code = req.key.split(":", 1)[1] if req.key.startswith(f"{NEIGHBOUR_LAYER}:") else codes.get(req.key)
        if code is None:
            return True
        geom = prepared.get(code)
        if geom is None:
            return False
        return bool(geom.contains(shapely_box(*to_data(box))))
    return accept


def crossings(ax, basemap, lines: list[Any]) -> Callable[[Box], bool]:
    """Whether a display box straddles two countries or touches a drawn line (a border, a region's
    outline): either way a line would run through the name."""
    import numpy as np
    import shapely

    to_data = _box_to_data(ax)
    land = np.asarray(basemap.geometry.values, dtype=object)
    land_tree = shapely.STRtree(land)
    line_parts = [g for geom in lines for g in shapely.get_parts(shapely.boundary(geom)
                  if geom.geom_type in ("Polygon", "MultiPolygon") else geom)]
    line_tree = shapely.STRtree(np.asarray(line_parts, dtype=object)) if line_parts else None

    def crosses(box: Box) -> bool:
        rect = shapely.box(*to_data(box))
        if len(land_tree.query(rect, predicate="intersects")) > 1:
            return True
        return line_tree is not None and len(line_tree.query(rect, predicate="intersects")) > 0
    return crosses


def _box_to_data(ax) -> Callable[[Box], Box]:
    """Display box to data box: the map's axes are linear, so one scale and offset per axis (the
    placer asks this for every spot it tries; matplotlib's transform call costs more than the test)."""
    (sx, _, tx), (_, sy, ty), _ = ax.transData.inverted().get_matrix()

    def to_data(box: Box) -> Box:
        return (float(sx * box[0] + tx), float(sy * box[1] + ty), float(sx * box[2] + tx), float(sy * box[3] + ty))
    return to_data


def names_language(places: list[Place]) -> str:
    """'de' when the named countries carry their German basemap names, else 'en'."""
    names = {p.name for p in places if spec(p.layer).basemap_countries}
    if not names:
        return "en"
    frame = world()
    english = set(frame["name"])
    return "de" if any(n in names and n not in english for n in frame["name_de"]) else "en"


def fit_fonts(requests: list[LabelRequest], styles: dict[str, Style], measure, accept) -> None:
    """A named country too small for its name at full size gets a smaller font (down to
    ``MIN_FONT_SHARE``) when that fits it inside; otherwise it keeps its size and may go on a leader."""
    for req in requests:
        if not (req.area and req.must):
            continue
        style = styles[req.key]
        for share in (1.0, *SHRINK_STEPS):
            styles[req.key] = {**style, "fontsize": float(style["fontsize"]) * share}
            w, h = measure(req)
            if accept(req, (req.x - w / 2, req.y - h / 2, req.x + w / 2, req.y + h / 2)):
                break
        else:
            styles[req.key] = style


def measurer(fig, renderer, styles: dict[str, Style]) -> Callable[[LabelRequest], tuple[float, float]]:
    """Width and height in display pixels of a label as it would be drawn (callout numbers in their font).

    Kept between exports by text, font and dpi (``_SIZES``): matplotlib's own metrics cache is
    tied to one renderer, so each new figure would lay out every name again.
    """
    def measure(req: LabelRequest) -> tuple[float, float]:
        style = styles.get(req.key, CALLOUT_FONT)
        key = (req.text, repr(sorted(style.items())), float(fig.dpi))
        size = _SIZES.get(key)
        if size is None:
            text = fig.text(0, 0, req.text, **style)
            box = text.get_window_extent(renderer)
            text.remove()
            size = _SIZES[key] = (float(box.width), float(box.height))
            if len(_SIZES) > MAX_SIZES:
                _SIZES.pop(next(iter(_SIZES)))
        return size
    return measure


def draw_labels(ax, placed: list[Placement], styles: dict[str, Style], raster: bool = False) -> None:
    """Each name in its own group (``label-<place>``) inside one group per layer (``labels-<layer>``);
    ``raster`` draws each name and its halo as one path (see ``text.halo_artists``). The grey
    names of unnamed countries get no halo: they sit inside one country, crossed by no line, so
    a halo would only wash them out (and cost a stroke per name)."""
    from matplotlib.lines import Line2D
    from matplotlib.text import Text

    groups: dict[str, Group] = {}
    inverse = ax.transData.inverted()
    for p in placed:
        layer, _, ident = p.key.partition(":")
        if layer not in groups:
            groups[layer] = new_group(ax, f"labels-{layer}", LABEL_Z)
        group = child_group(ax, groups[layer], f"label-{slug(ident)}")
        if p.leader is not None:
            end = (min(max(p.leader[0], p.box[0]), p.box[2]), min(max(p.leader[1], p.box[1]), p.box[3]))
            xs, ys = zip(*inverse.transform([p.leader, end]))
            adopt(group, ax, Line2D(xs, ys, color=MUTED_COLOR, linewidth=0.7))
        x, y = inverse.transform((p.x, p.y))
        style = CALLOUT_FONT if p.number is not None else styles[p.key]
        if layer == NEIGHBOUR_LAYER:
            adopt(group, ax, Text(float(x), float(y), p.text, ha=p.ha, va=p.va, **style))
            continue
        for artist in halo_artists(float(x), float(y), p.text, style, p.ha, p.va, raster):
            adopt(group, ax, artist)
