"""Border mentions ("Landgrenze", "border") become the shared boundary of two countries.

The country mentions are indexed once per passage, sorted by position and by
country, so choosing the pair for a border word costs a few bisections per
country named in its passage instead of a scan of every mention in the text:
a text with thousands of border words stays linear.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Callable

from mapapp.gazetteer.query import Gazetteer
from mapapp.model import Candidate, Mention, Place
from mapapp.mentions.recognize import Span

_TARGET_WORDS = re.compile(r"^\s*(?:zu|zur|zum|mit|nach|with|to|between|zwischen|der|dem|den|the|des|von|of|and|und|\s)*$", re.I)
#: A country this close after the border word, with only such words between, is its target.
_TARGET_GAP = 20
#: A country named after the border word counts as this many characters further away.
_AFTER_PENALTY = 40

Rank = tuple[int, int]


@dataclass(frozen=True)
class _Country:
    """A country mention; ``order`` is its place among the caller's mentions, the last tie-break."""

    start: int
    end: int
    order: int
    code: str


@dataclass(frozen=True)
class _Nearest:
    """How near a border word one country is named.

    ``distance`` is the nearest mention's distance (what a pair costs); ``rank``
    orders countries by their best mention, a mention after the border word
    counting ``_AFTER_PENALTY`` further; ``nearest_rank`` is the best rank among
    the mentions at ``distance``.
    """

    distance: int
    rank: Rank
    nearest_rank: Rank


class _PassageCountries:
    """The country mentions of one passage, sorted by position, overall and per country."""

    def __init__(self, mentions: list[_Country]) -> None:
        self.mentions = sorted(mentions, key=lambda c: (c.start, c.order))
        self.starts = [c.start for c in self.mentions]
        by_code: dict[str, list[_Country]] = {}
        for c in self.mentions:
            by_code.setdefault(c.code, []).append(c)
        self.by_code = {code: ([c.start for c in cs], cs) for code, cs in by_code.items()}

    def target(self, border: Span, text: str) -> str | None:
        """The country an explicit "Grenze zur Ukraine" names, if any."""
        i = bisect_left(self.starts, border.end)
        best: _Country | None = None
        while i < len(self.mentions) and self.starts[i] - border.end < _TARGET_GAP:
            c = self.mentions[i]
            if (best is None or c.order < best.order) and _TARGET_WORDS.match(text[border.end:c.start]):
                best = c
            i += 1
        return best.code if best else None

    def nearest(self, code: str, pos: int) -> _Nearest:
        """Where ``code`` is named nearest to ``pos``; only mentions within the penalty of the
        nearest one can rank first, so a bisection and a short window suffice."""
        starts, mentions = self.by_code[code]
        i = bisect_left(starts, pos)
        sides = starts[max(i - 1, 0):i + 1]
        distance = min(abs(s - pos) for s in sides)
        lo = bisect_left(starts, pos - distance - _AFTER_PENALTY)
        hi = bisect_right(starts, pos + distance + _AFTER_PENALTY)
        ranks = [(abs(c.start - pos) + (0 if c.end <= pos else _AFTER_PENALTY), c.order, abs(c.start - pos))
                 for c in mentions[lo:hi]]
        return _Nearest(distance, min((k, o) for k, o, _ in ranks),
                        min((k, o) for k, o, d in ranks if d == distance))


def index_countries(countries: list[tuple[Span, str]]) -> dict[int, _PassageCountries]:
    """Country mentions grouped by passage, each group indexed by position."""
    groups: dict[int, list[_Country]] = {}
    for order, (span, code) in enumerate(countries):
        groups.setdefault(span.passage, []).append(_Country(span.start, span.end, order, code))
    return {passage: _PassageCountries(group) for passage, group in groups.items()}


def _pair_for(border: Span, here: _PassageCountries | None, text: str,
              neighbours: Callable[[str], frozenset[str]]) -> tuple[str, str] | None:
    """The two countries a border word speaks of: an explicit "Grenze zur Ukraine" target
    and its neighbour named nearest, else the bordering pair named nearest in the passage."""
    if here is None or len(here.by_code) < 2:
        return None
    target = here.target(border, text)
    if target is not None:
        options = [(here.nearest(code, border.start).rank, code)
                   for code in neighbours(target) if code in here.by_code]
        if not options:
            return None
        return tuple(sorted((min(options)[1], target)))  # type: ignore[return-value]
    near = {code: here.nearest(code, border.start) for code in here.by_code
            if neighbours(code) & here.by_code.keys()}
    best: tuple[tuple[int, Rank, Rank], tuple[str, str]] | None = None
    for a, na in near.items():
        for b in neighbours(a):
            nb = near.get(b)
            if nb is None or b < a:
                continue
            first, second = sorted((na.nearest_rank, nb.nearest_rank))
            cost = (na.distance + nb.distance, first, second)
            if best is None or cost < best[0]:
                best = (cost, (a, b))
    return best[1] if best else None


def border_places(border_spans: list[Span], country_spans: list[tuple[Span, str]], text: str,
                  gaz: Gazetteer) -> list[Place]:
    """One place per pair of bordering countries a border word speaks of, with every such mention."""
    by_passage = index_countries(country_spans)
    places: dict[tuple[str, str], Place] = {}
    for span in border_spans:
        pair = _pair_for(span, by_passage.get(span.passage), text, gaz.neighbours)
        if pair is None:
            continue
        mention = Mention(span.start, span.end, span.text, "border", span.passage)
        if pair in places:
            places[pair].mentions.append(mention)
            continue
        found = gaz.stored_border(*pair)
        if found is None:
            continue
        line, length_km = found  # its point is the midpoint along the line
        a, b = (gaz.country(c) for c in pair)
        name = f"{a.name} – {b.name} border"
        pid = f"border-{pair[0].lower()}-{pair[1].lower()}"
        cand = Candidate(id=pid, name=name, layer="borders", category="land_border",
                         country_code=pair[0], lat=line.lat, lon=line.lon,
                         source=f"naturalearth:admin0-boundary:{pair[0]}-{pair[1]}", score=1.0)
        places[pair] = Place(id=pid, name=name, layer="borders", category="land_border",
                             country_code=pair[0], source=cand.source, geometry=line,
                             lat=line.lat, lon=line.lon, mentions=[mention], candidates=[cand],
                             country_codes=pair, length_km=length_km)
    return list(places.values())
