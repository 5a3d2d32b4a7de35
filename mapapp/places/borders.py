"""Border mentions ("Landgrenze", "border") become the shared boundary of two countries."""
from __future__ import annotations

import re

from mapapp.gazetteer.index import Gazetteer
from mapapp.model import Candidate, Mention, Place
from mapapp.mentions.recognize import Span

_TARGET_WORDS = re.compile(r"^\s*(?:zu|zur|zum|mit|nach|with|to|between|zwischen|der|dem|den|the|des|von|of|and|und|\s)*$", re.I)


def _pair_for(border: Span, countries: list[tuple[Span, str]], text: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """The two countries a border word speaks of: an explicit "Grenze zur Ukraine" target
    first, then the nearest pair of neighbours named in the same passage."""
    same = [(s, cc) for s, cc in countries if s.passage == border.passage]
    if len({cc for _, cc in same}) < 2:
        return None
    after = [(s, cc) for s, cc in same if s.start >= border.end and
             _TARGET_WORDS.match(text[border.end:s.start]) and s.start - border.end < 20]
    ordered = sorted(same, key=lambda sc: (abs(sc[0].start - border.start) + (0 if sc[0].end <= border.start else 40)))
    if after:
        target = after[0][1]
        for s, cc in ordered:
            if cc != target and gaz.border(cc, target):
                return tuple(sorted((cc, target)))  # type: ignore[return-value]
        return None
    best = None
    for i, (s1, c1) in enumerate(ordered):
        for s2, c2 in ordered[i + 1:]:
            if c1 != c2 and gaz.border(c1, c2):
                cost = abs(s1.start - border.start) + abs(s2.start - border.start)
                if best is None or cost < best[0]:
                    best = (cost, tuple(sorted((c1, c2))))
    return best[1] if best else None


def border_places(border_spans: list[Span], country_spans: list[tuple[Span, str]], text: str,
                  gaz: Gazetteer) -> list[Place]:
    places: dict[tuple[str, str], Place] = {}
    for span in border_spans:
        pair = _pair_for(span, country_spans, text, gaz)
        if pair is None:
            continue
        mention = Mention(span.start, span.end, span.text, "border", span.passage)
        if pair in places:
            places[pair].mentions.append(mention)
            continue
        found = gaz.border(*pair)
        if found is None:
            continue
        geom, length_km = found
        a, b = (gaz.country(c) for c in pair)
        name = f"{a.name} – {b.name} border"
        rep = geom.interpolate(0.5, normalized=True) if hasattr(geom, "interpolate") else geom.centroid
        pid = f"border-{pair[0].lower()}-{pair[1].lower()}"
        cand = Candidate(id=pid, name=name, layer="borders", category="land_border",
                         country_code=pair[0], lat=rep.y, lon=rep.x,
                         source=f"naturalearth:admin0-boundary:{pair[0]}-{pair[1]}", score=1.0)
        places[pair] = Place(id=pid, name=name, layer="borders", category="land_border",
                             country_code=pair[0], source=cand.source, geometry=geom,
                             lat=rep.y, lon=rep.x, mentions=[mention], candidates=[cand],
                             country_codes=pair, length_km=length_km)
    return list(places.values())
