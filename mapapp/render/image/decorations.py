"""Everything around the places: title, subtitle, legend, scale bar, credits and projection note."""
from __future__ import annotations

import math
from collections import Counter

from mapapp.layers import LAYERS, spec
from mapapp.model import Place
from mapapp.render.image.labels import Box, overlaps
from mapapp.render.image.layout import MapLayout
from mapapp.render.image.projection import MapView
from mapapp.render.image.groups import adopt, figure_group, new_group
from mapapp.render.image.text import MUTED_COLOR, TEXT_COLOR, extent, halo_artists
from mapapp.render.style import color_for

ATTRIBUTION = "Basemap: Natural Earth. Places: GeoNames, Natural Earth, Wikidata. Made with mapapp."
DEFAULT_TITLE = "Places named in the text"
LEGEND_CORNERS = ("lower right", "upper right", "upper left", "lower left", "center right", "center left")
SCALEBAR_Z = 9
#: A scale bar is plain when the scale stays within 3 % of the centre's, captioned up to 10 %, left out beyond.
SCALE_TRUE_WITHIN, SCALE_BAR_UP_TO = 0.03, 0.10


def subtitle(places: list[Place], left_out: int = 0) -> str:
    """How many places of each layer the map shows, e.g. '2 countries, 1 city'; a view that leaves
    out some of the text's places says so, so the counts are never read as the whole text's."""
    counts = Counter(p.layer for p in places)
    parts = ", ".join(f"{counts[name]} {spec(name).singular if counts[name] == 1 else name}"
                      for name in LAYERS if counts[name])
    if not left_out:
        return "Places named in the text: " + (parts or "none found")
    return f"Places named in the text, in this view: {parts or 'none'} ({left_out} more outside it)"


def notes_line(callouts: list[tuple[int, str]], outside: tuple[str, ...]) -> str:
    """The key of numbered callouts and the places left outside the frame, in one line."""
    parts = []
    if callouts:
        parts.append("  ".join(f"{n} {name}" for n, name in callouts))
    if outside:
        parts.append("Also named: " + ", ".join(outside))
    return "   ·   ".join(parts)


def credit_line(credit: str | None) -> str:
    """The newsroom's credit, then the data attribution (always printed: the sources ask for it)."""
    return f"{credit.strip()}   ·   {ATTRIBUTION}" if credit and credit.strip() else ATTRIBUTION


def draw_titles(fig, layout: MapLayout, title: str | None, sub: str | None, credit: str | None,
                places: list[Place], left_out: int, notes: str, scale_note: str) -> None:
    """Title and subtitle above the map (``places`` are those it shows, ``left_out`` how many of the
    text's others it neither shows nor lists); the callout key, credits and the projection below it."""
    from matplotlib.text import Text

    group_of = {name: figure_group(fig, name) for name in ("titles", "notes", "credits")}
    left = layout.axes_px[0] / layout.width_px
    below = layout.pt(6) / layout.height_px

    def add(x: float, y: float, text: str, **style) -> Text:
        return Text(x, y, text, transform=fig.transFigure, **style)
    # One line each, so a long key never runs into the projection note at article width.
    notes_y, projection_y = layout.pt(31) / layout.height_px, layout.pt(18.5) / layout.height_px
    texts = [
        ("titles", add(left, 1 - layout.pt(12) / layout.height_px, DEFAULT_TITLE if title is None else title,
                       fontsize=17, fontweight="bold", color=TEXT_COLOR, va="top", ha="left")),
        ("titles", add(left, 1 - layout.pt(36) / layout.height_px, subtitle(places, left_out) if sub is None else sub,
                       fontsize=10, color=MUTED_COLOR, va="top", ha="left")),
        ("credits", add(left, below, credit_line(credit), fontsize=7.5, color=MUTED_COLOR, va="bottom",
                        ha="left")),
        ("credits", add(1 - left, projection_y, " ".join(filter(None, (projection_note(layout.view), scale_note))),
                        fontsize=7.5, color=MUTED_COLOR, va="bottom", ha="right")),
    ]
    if notes:
        texts.append(("notes", add(left, notes_y, notes, fontsize=8.5, color=TEXT_COLOR, va="bottom", ha="left")))
    for name, text in texts:
        text.set_figure(fig)
        group_of[name].add(text)


def projection_note(view: MapView) -> str:
    params = dict(tok.lstrip("+").split("=", 1) for tok in view.crs.split() if "=" in tok)
    lon, lat = float(params.get("lon_0", 0)), float(params.get("lat_0", 0))
    return (f"Lambert azimuthal equal-area projection, centre "
            f"{abs(lon):.1f}\u00b0{'E' if lon >= 0 else 'W'} {abs(lat):.1f}\u00b0{'N' if lat >= 0 else 'S'}.")


def _category_label(category: str) -> str:
    return category.replace("_", " ").capitalize() if category else "Other"


def _legend_handles(places: list[Place]) -> list:
    """One entry per area or line layer shown, one per category of the point layers."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    for layer in LAYERS:
        shown = [p for p in places if p.layer == layer]
        if not shown:
            continue
        s, colour = spec(layer), color_for(layer)
        if s.is_area:
            handles.append(Patch(facecolor=colour, alpha=0.35, edgecolor=colour, linestyle=s.linestyle,
                                 label=f"{s.label} named"))
        elif s.is_line:
            handles.append(Line2D([], [], color=colour, linewidth=3, label=f"{s.label} named"))
        else:
            for cat in sorted({p.category for p in shown}):
                handles.append(Line2D([], [], linestyle="", marker="o", markersize=9,
                                      markerfacecolor=color_for(layer, cat), markeredgecolor="white",
                                      label=_category_label(cat)))
    return handles


def draw_legend(ax, places: list[Place], renderer, avoid: list[Box]) -> Box | None:
    """The legend in the first corner where it hides no marker; returns its display box."""
    handles = _legend_handles(places)
    if not handles:
        return None
    has_points = any(spec(p.layer).is_point for p in places)

    legend = ax.legend(handles=handles, loc=LEGEND_CORNERS[0], fontsize=8, frameon=True, framealpha=0.92,
                       edgecolor="#bbbbbb", fancybox=False, borderpad=0.7, labelspacing=0.55,
                       title="Circle size: times named" if has_points else None, title_fontsize=8)
    legend.set_gid("legend")

    def legend_at(loc: str) -> Box:
        legend.set_loc(loc)
        return extent(legend.get_window_extent(renderer))

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


def scale_error(view: MapView) -> float:
    """The largest departure of the map's scale from its centre's, over the whole view (0.04 = 4 %)."""
    from pyproj import Proj

    n = 6
    xs = [view.xmin + view.width_m * i / n for i in range(n + 1)]
    ys = [view.ymin + view.height_m * j / n for j in range(n + 1)]
    lonlats = [view.unproject(x, y) for x in xs for y in ys]
    lonlats = [(lo, la) for lo, la in lonlats if math.isfinite(lo) and math.isfinite(la)]
    factors = Proj(view.crs).get_factors([p[0] for p in lonlats], [p[1] for p in lonlats])
    k0 = view.scale_factor()
    scales = list(factors.parallel_scale) + list(factors.meridional_scale)
    return max(abs(k / k0 - 1) for k in scales)


def scale_note(view: MapView) -> str:
    """What the scale bar promises: nothing to add when it holds everywhere, where it holds
    otherwise, and why there is none on a map too wide for one bar."""
    err = scale_error(view)
    if err <= SCALE_TRUE_WITHIN:
        return ""
    if err <= SCALE_BAR_UP_TO:
        lon, lat = view.centre_lonlat()
        where = f"{abs(lat):.0f}\u00b0{'N' if lat >= 0 else 'S'}"
        return f"Scale bar true at {where} (centre), up to {err:.0%} off at the edges."
    return "No scale bar: the scale varies by more than 10 % across this map."


def draw_scalebar(ax, layout: MapLayout, renderer, raster: bool = False) -> Box | None:
    """A two-segment bar in km, true at the map centre; returns its display box, or None when the
    scale varies too much across the map for one bar to be honest."""
    from matplotlib.patches import Rectangle

    view = layout.view
    if scale_error(view) > SCALE_BAR_UP_TO:
        return None
    k = view.scale_factor()
    km = nice_km(view.width_m / k / 1000 * 0.18)
    length = km * 1000 * k
    mpp = layout.metres_per_px()
    x0 = view.xmin + layout.pt(14) * mpp
    y0 = view.ymin + layout.pt(14) * mpp
    bar_h = layout.pt(4) * mpp
    group = new_group(ax, "scalebar", SCALEBAR_Z)
    for i, face in enumerate(("#333333", "white")):
        adopt(group, ax, Rectangle((x0 + i * length / 2, y0), length / 2, bar_h, facecolor=face,
                                   edgecolor="#333333", linewidth=0.8))
    texts = []
    for frac, text in ((0, "0"), (0.5, f"{km / 2:g}"), (1, f"{km:g} km")):
        artists = halo_artists(x0 + frac * length, y0 + bar_h + layout.pt(2) * mpp, text,
                               dict(fontsize=8, color=TEXT_COLOR), ha="center", va="bottom", raster=raster)
        texts.append([adopt(group, ax, artist) for artist in artists][-1])
    boxes = [extent(t.get_window_extent(renderer)) for t in texts]
    px0, py0 = ax.transData.transform((x0, y0))
    pad = layout.pt(3)
    return (min(b[0] for b in boxes + [(px0, py0, 0, 0)]) - pad, py0 - pad,
            max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad)
