"""What a reader's corrections suggest about the rest of the text: shown, never applied.

A reader who places one "Springfield" in Illinois has told us where the story
is.  Two kinds of suggestion follow, each with one line saying why:

* **same name** — the text's other mentions of that name that still stand
  for another place ("Springfield" twice more, still Missouri);
* **nearby** — an ambiguous place whose choices include one in the corrected
  place's region (or, lacking regions, its country) that lies closer to it than
  the current choice does (Peoria, Illinois instead of Peoria, Arizona).

Pure: the document, the fixes and each place's choices (from
:func:`mapapp.places.candidates.options_for`) in, suggestions out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from mapapp.gazetteer.search import rounded_km
from mapapp.geodesy import great_circle_km
from mapapp.model import Document, Mention, Place
from mapapp.places.candidates import Choice, mention_keys

SAME_NAME, NEARBY = "same name", "nearby"


@dataclass(frozen=True)
class Fix:
    """A reader's correction: ``mention`` means ``chosen``."""

    mention: Mention
    chosen: Choice


@dataclass(frozen=True)
class Suggestion:
    """Move ``mentions`` (all of them on the map as ``place_id``) to ``suggested``, because ``reason``."""

    kind: str
    place_id: str
    mentions: tuple[Mention, ...]
    suggested: Choice
    reason: str


def _where(c: Choice) -> str:
    """"Springfield, Illinois": the name with what tells it apart, for a reason line."""
    area = c.region or c.country
    return f"{c.name}, {area}" if area else c.name


def _same_text(a: Mention, b: Mention, lang: str) -> bool:
    ka, kb = mention_keys(a.text, lang), mention_keys(b.text, lang)
    return ka[0] in kb or kb[0] in ka


def _paragraphs(mentions: Sequence[Mention]) -> str:
    return ", ".join(f"¶{p + 1}" for p in sorted({m.passage for m in mentions}))


def _shown_as(place: Place, options: Mapping[str, Sequence[Choice]]) -> str:
    current = next((c for c in options.get(place.id, ()) if c.current), None)
    return _where(current) if current is not None else place.name


def same_name(document: Document, fix: Fix,
              options: Mapping[str, Sequence[Choice]] | None = None) -> list[Suggestion]:
    """The other mentions of the corrected name that the map still puts elsewhere, by place
    (named with its region from ``options`` where given)."""
    out = []
    for place in document.places:
        if place.id == fix.chosen.id:
            continue
        moved = tuple(m for m in place.mentions
                      if (m.start, m.end) != (fix.mention.start, fix.mention.end)
                      and _same_text(m, fix.mention, document.lang))
        if not moved:
            continue
        n = len(moved)
        reason = (f"You placed “{fix.mention.text}” in {_where(fix.chosen)}; "
                  f"{'this other mention' if n == 1 else f'these {n} other mentions'} "
                  f"({_paragraphs(moved)}) {'is' if n == 1 else 'are'} still {_shown_as(place, options or {})}.")
        out.append(Suggestion(SAME_NAME, place.id, moved, fix.chosen, reason))
    return out


def _in_area(c: Choice, anchor: Choice) -> bool:
    """In the anchor's region when both name one, else in its country."""
    if c.region and anchor.region:
        return c.country_code == anchor.country_code and c.region == anchor.region
    return bool(anchor.country_code) and c.country_code == anchor.country_code


def _km(c: Choice, anchor: Choice) -> float:
    return great_circle_km(c.lat, c.lon, anchor.lat, anchor.lon)


def nearby(place: Place, options: Sequence[Choice], fix: Fix) -> Suggestion | None:
    """A choice of ``place`` in the fixed place's area and closer to it than the current one."""
    current = next((c for c in options if c.current), None)
    if current is None or current.id == fix.chosen.id or _in_area(current, fix.chosen):
        return None
    closer = [c for c in options if not c.current and c.id != fix.chosen.id and _in_area(c, fix.chosen)
              and _km(c, fix.chosen) < _km(current, fix.chosen)]
    if not closer:
        return None
    best = min(closer, key=lambda c: _km(c, fix.chosen))
    reason = (f"{_where(best)} is {rounded_km(_km(best, fix.chosen))} km from {_where(fix.chosen)}, "
              f"where you placed “{fix.mention.text}”; {_where(current)} is "
              f"{rounded_km(_km(current, fix.chosen))} km away.")
    return Suggestion(NEARBY, place.id, tuple(place.mentions), best, reason)


def suggestions(document: Document, fixes: Sequence[Fix],
                options: Mapping[str, Sequence[Choice]]) -> list[Suggestion]:
    """Every suggestion the fixes give, same-name ones first; a place gets at most one
    nearby suggestion (that of the fix it lies nearest to), and none when a same-name one
    covers it or a fix already chose it."""
    out: list[Suggestion] = []
    for fix in fixes:
        out += same_name(document, fix, options)
    covered = {s.place_id for s in out} | {f.chosen.id for f in fixes}
    for place in document.places:
        if place.id in covered or place.id not in options:
            continue
        found = [(_km(s.suggested, f.chosen), s) for f in fixes
                 if (s := nearby(place, options[place.id], f)) is not None]
        if found:
            out.append(min(found, key=lambda ks: ks[0])[1])
    return out
