"""What the map is about: the text's main countries stand out, the others recede.

A newsroom map has a subject. The countries named most (at least half as
often as the most-named one), or those a reader chose, keep the layer's full
fill; other named countries get a pale one. Continent and union polygons
(``framing.WIDE_CATEGORIES``: "Europe" from "Europäische Zentralbank") are
outlined only, so they never tint the whole map.
"""
from __future__ import annotations

from dataclasses import dataclass

from mapapp.layers import spec
from mapapp.model import Place
from mapapp.render.framing import WIDE_CATEGORIES

#: A country is a main one when named at least this share as often as the most-named one.
MAIN_SHARE = 0.5
#: Fill opacity of a named country outside the focus, and how much of its outline colour remains.
RECEDED_FILL_ALPHA = 0.07
RECEDED_EDGE_ALPHA = 0.45


@dataclass(frozen=True)
class AreaStyle:
    fill_alpha: float
    edge_alpha: float
    linewidth: float
    linestyle: str


def focus_codes(places: list[Place], chosen: tuple[str, ...] | None = None) -> frozenset[str]:
    """Country codes in focus: ``chosen`` (e.g. ('KZ', 'RU')) or the most-named countries."""
    if chosen:
        return frozenset(code.upper() for code in chosen)
    counts = {p.country_code.upper(): len(p.mentions) for p in places
              if spec(p.layer).basemap_countries and p.country_code}
    if not counts:
        return frozenset()
    top = max(counts.values())
    return frozenset(code for code, n in counts.items() if n >= MAIN_SHARE * top)


def is_wide(place: Place) -> bool:
    return place.category in WIDE_CATEGORIES


def in_focus(place: Place, focus: frozenset[str]) -> bool:
    """Whether an area place keeps its full style: not a country, or a country in focus (or no focus)."""
    return not (spec(place.layer).basemap_countries and focus) or place.country_code.upper() in focus


def area_style(place: Place, focus: frozenset[str]) -> AreaStyle:
    s = spec(place.layer)
    if is_wide(place):
        return AreaStyle(0.0, 0.6, 0.9, ":")
    if not in_focus(place, focus):
        return AreaStyle(RECEDED_FILL_ALPHA, RECEDED_EDGE_ALPHA, 0.8, s.linestyle)
    return AreaStyle(s.fill_alpha * (1.4 if focus and s.basemap_countries else 1.0), 1.0, 1.2, s.linestyle)
