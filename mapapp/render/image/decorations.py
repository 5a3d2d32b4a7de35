"""Everything around the places: title, subtitle, legend, scale bar, credits and projection note."""
from __future__ import annotations

import math
from collections import Counter

from mapapp.layers import LAYERS, spec
from mapapp.model import Place
from mapapp.render.image.labels import Box, overlaps
from mapapp.render.image.layout import MapLayout
from mapapp.render.image.projection import MapView
from mapapp.render.image.text import MUTED_COLOR, TEXT_COLOR, extent, halo_text
from mapapp.render.style import color_for

ATTRIBUTION = "Basemap: Natural Earth. Places: GeoNames, Natural Earth, Wikidata. Made with mapapp."
DEFAULT_TITLE = "Places named in the text"
LEGEND_CORNERS = ("lower right", "upper right", "upper left", "lower left", "center right", "center left")
SCALEBAR_Z = 9


def subtitle(places: list[Place]) -> str:
    """How many places of each layer the map shows, e.g. '2 countries, 1 city'."""
    counts = Counter(p.layer for p in places)
    parts = [f"{counts[name]} {spec(name).singular if counts[name] == 1 else name}"
             for name in LAYERS if counts[name]]
    return "Places named in the text: " + (", ".join(parts) if parts else "none found")


def draw_titles(fig, layout: MapLayout, title: str | None, places: list[Place]) -> None:
    """Title and subtitle above the map; credits and the projection below it."""
    left = layout.axes_px[0] / layout.width_px
    below = layout.pt(7) / layout.height_px
    fig.text(left, 1 - layout.pt(12) / layout.height_px, DEFAULT_TITLE if title is None else title,
             fontsize=17, fontweight="bold", color=TEXT_COLOR, va="top", ha="left")
    fig.text(left, 1 - layout.pt(36) / layout.height_px, subtitle(places),
             fontsize=10, color=MUTED_COLOR, va="top", ha="left")
    fig.text(left, below, ATTRIBUTION, fontsize=7.5, color=MUTED_COLOR, va="bottom", ha="left")
    fig.text(1 - left, below, projection_note(layout.view), fontsize=7.5, color=MUTED_COLOR,
             va="bottom", ha="right")


def projection_note(view: MapView) -> str:
    params = dict(tok.lstrip("+").split("=", 1) for tok in view.crs.split() if "=" in tok)
    lon, lat = float(params.get("lon_0", 0)), float(params.get("lat_0", 0))
    return (f"Lambert azimuthal equal-area projection centred on "
            f"{abs(lon):.1f}\u00b0{'E' if lon >= 0 else 'W'} {abs(lat):.1f}\u00b0{'N' if lat >= 0 else 'S'}")


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

    def legend_at(loc: str) -> Box:
        legend = ax.legend(handles=handles, loc=loc, fontsize=8, frameon=True, framealpha=0.92,
                           edgecolor="#bbbbbb", fancybox=False, borderpad=0.7, labelspacing=0.55,
                           title="Circle size: times named" if has_points else None, title_fontsize=8)
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


def draw_scalebar(ax, layout: MapLayout, renderer) -> Box:
    """A two-segment bar in km, true at the map centre; returns its display box."""
    from matplotlib.patches import Rectangle

    view = layout.view
    k = view.scale_factor()
    km = nice_km(view.width_m / k / 1000 * 0.18)
    length = km * 1000 * k
    mpp = layout.metres_per_px()
    x0 = view.xmin + layout.pt(14) * mpp
    y0 = view.ymin + layout.pt(14) * mpp
    bar_h = layout.pt(4) * mpp
    for i, face in enumerate(("#333333", "white")):
        ax.add_patch(Rectangle((x0 + i * length / 2, y0), length / 2, bar_h, facecolor=face,
                               edgecolor="#333333", linewidth=0.8, zorder=SCALEBAR_Z))
    texts = []
    for frac, text in ((0, "0"), (0.5, f"{km / 2:g}"), (1, f"{km:g} km")):
        texts.append(halo_text(ax, x0 + frac * length, y0 + bar_h + layout.pt(2) * mpp, text,
                               dict(fontsize=8, color=TEXT_COLOR), ha="center", va="bottom", zorder=SCALEBAR_Z))
    boxes = [extent(t.get_window_extent(renderer)) for t in texts]
    px0, py0 = ax.transData.transform((x0, y0))
    pad = layout.pt(3)
    return (min(b[0] for b in boxes + [(px0, py0, 0, 0)]) - pad, py0 - pad,
            max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad)
