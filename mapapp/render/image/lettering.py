"""Which names go on the map, in which font and how important each is; ``labels`` then places them.

Area layers are named at their label point, point layers beside their marker;
fonts and priorities come from the layer registry. The basemap's countries
that the text does not name get small grey names so readers can orient.
Those follow the language of the names drawn, not of the text: the gazetteer
names places in English even in a German text, and a map reading KAZAKHSTAN
beside MONGOLEI would be worse than either language alone.
"""
from __future__ import annotations

from typing import Any, Callable

from mapapp.layers import spec
from mapapp.model import Place
from mapapp.render.image.draw import PointMark, world
from mapapp.render.image.labels import Box, LabelRequest, Placement
from mapapp.render.image.layout import MapLayout
from mapapp.render.image.projection import MapView
from mapapp.render.image.text import TEXT_COLOR, halo_text

Style = dict[str, Any]
#: Point names rank below area names; each mention and being a capital lift them.
POINT_PRIORITY, PER_MENTION, CAPITAL_BONUS = 100.0, 10, 50
#: Fonts the layer registry's ``label_font`` adjusts.
AREA_FONT: Style = {"fontsize": 9, "color": TEXT_COLOR}
NEIGHBOUR_FONT: Style = {"fontsize": 8, "color": "#8a8a8a"}
LABEL_Z = 8
#: A country showing on less than this share of the map gets no grey name: a name on a sliver misleads.
MIN_NEIGHBOUR_SHARE = 0.004


def _point_font(mark: PointMark) -> Style:
    capital = mark.category == "capital"
    return {"fontsize": 9.5 if capital else 9, "fontweight": "bold" if capital else "normal",
            "color": TEXT_COLOR, **spec(mark.layer).font()}


def label_requests(ax, places: list[Place], basemap, marks: list[PointMark],
                   layout: MapLayout) -> tuple[list[LabelRequest], dict[str, Style]]:
    """Every name the map would like to show, with its display-pixel anchor and font, by key."""
    requests: list[LabelRequest] = []
    styles: dict[str, Style] = {}
    to_px = ax.transData.transform
    view = layout.view
    spots = visible_spots(basemap, view)
    named = {p.country_code.upper() for p in places if spec(p.layer).basemap_countries}
    for place in places:
        s = spec(place.layer)
        if not s.is_area or not place.name:
            continue
        x, y = view.project(float(place.lon), float(place.lat))
        if not view.contains(x, y):
            spot = spots.get(place.country_code.upper()) if s.basemap_countries else None
            if spot is None:
                continue
            x, y = spot[:2]
        px, py = to_px((x, y))
        key = f"{place.layer}:{place.id}"
        requests.append(LabelRequest(key, place.name.upper() if s.label_upper else place.name, float(px),
                                     float(py), s.label_priority + len(place.mentions), area=True))
        styles[key] = {**AREA_FONT, **s.font()}
    for m in marks:
        if not m.name:
            continue
        px, py = to_px((m.x, m.y))
        bonus = CAPITAL_BONUS if m.category == "capital" else 0
        requests.append(LabelRequest(m.key, m.name, float(px), float(py),
                                     POINT_PRIORITY + PER_MENTION * m.count + bonus,
                                     radius=layout.pt(m.radius_pt)))
        styles[m.key] = _point_font(m)
    requests += _neighbour_requests(basemap, named, spots, styles, to_px, names_language(places))
    return requests, styles


def _neighbour_requests(basemap, named: set[str], spots: dict[str, tuple[float, float, float]],
                        styles: dict[str, Style], to_px, lang: str) -> list[LabelRequest]:
    """Grey names for the countries in view the text does not name, largest first."""
    column = "name_de" if lang == "de" else "name"
    names = dict(zip(basemap["iso_a2"].astype(str).str.upper(), basemap[column]))
    out = []
    for code, (x, y, share) in spots.items():
        if code in named or not names.get(code):
            continue
        px, py = to_px((x, y))
        key = f"basemap:{code}"
        out.append(LabelRequest(key, str(names[code]).upper(), float(px), float(py), share, area=True))
        styles[key] = NEIGHBOUR_FONT
    return out


def on_own_area(ax, basemap, places: list[Place]) -> Callable[[LabelRequest, Box], bool]:
    """A country's name must sit on that country, wherever the placer nudges it."""
    from shapely.geometry import Point

    codes = {f"{p.layer}:{p.id}": p.country_code.upper() for p in places if spec(p.layer).basemap_countries}
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


def visible_spots(basemap, view: MapView) -> dict[str, tuple[float, float, float]]:
    """For each country in view: a point inside its visible part and that part's share of the map."""
    import numpy as np
    import shapely

    geoms = np.asarray(basemap.geometry.values, dtype=object)
    visible = shapely.clip_by_rect(geoms, view.xmin, view.ymin, view.xmax, view.ymax)
    share = shapely.area(visible) / (view.width_m * view.height_m)
    keep = np.flatnonzero(share >= MIN_NEIGHBOUR_SHARE)
    points = shapely.point_on_surface(shapely.make_valid(visible[keep]))
    codes = basemap["iso_a2"].astype(str).str.upper().to_numpy()
    return {codes[i]: (float(pt.x), float(pt.y), float(share[i]))
            for i, pt in zip(keep, points) if not pt.is_empty}


def names_language(places: list[Place]) -> str:
    """'de' when the named countries carry their German basemap names, else 'en'."""
    names = {p.name for p in places if spec(p.layer).basemap_countries}
    if not names:
        return "en"
    frame = world()
    english = set(frame["name"])
    return "de" if any(n in names and n not in english for n in frame["name_de"]) else "en"


def measurer(fig, renderer, styles: dict[str, Style]) -> Callable[[LabelRequest], tuple[float, float]]:
    """Width and height in display pixels of a label as it would be drawn."""
    def measure(req: LabelRequest) -> tuple[float, float]:
        text = fig.text(0, 0, req.text, **styles[req.key])
        box = text.get_window_extent(renderer)
        text.remove()
        return float(box.width), float(box.height)
    return measure


def draw_label(ax, placement: Placement, style: Style) -> None:
    """Anchored in data coordinates, so SVG/PDF (drawn at 72 dpi) put it where Agg measured it."""
    x, y = ax.transData.inverted().transform((placement.x, placement.y))
    halo_text(ax, float(x), float(y), placement.text, style, placement.ha, placement.va, zorder=LABEL_Z)
