"""Applying corrections to a geoparsed document (pure, idempotent; the input is not modified).

A correction re-assigns a mention (to a place already on the map, or to a new place
made from its :class:`PlaceRef`), removes it ("not a place"), or adds a mention the
geoparser missed. Moved and added mentions are marked ``corrected`` with the
geoparser's place as ``original``; places made by a correction get source
``"corrected"`` and ``original_id``/``original_name``, which GeoJSON and CSV carry.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable

from mapapp.corrections.anchor import anchor
from mapapp.corrections.model import USER_PREFIX, Correction, PlaceRef
from mapapp.model import Candidate, Document, Mention, Place

CORRECTED = "corrected"

#: Makes the place a correction chose: (its ref, the candidates to keep offering) -> Place.
PlaceFactory = Callable[[PlaceRef, list[Candidate]], Place]


@dataclass(frozen=True)
class Applied:
    """The corrected document; which corrections took effect, which found their mention
    no more (orphaned) and which were made for another text (never applied)."""

    doc: Document
    applied: list[Correction]
    orphaned: list[Correction]
    other_text: list[Correction]


def default_place(ref: PlaceRef, alternatives: list[Candidate]) -> Place:
    """A gazetteer entry with its geometry when the index knows it, else the ref's point
    (a dropped point is never looked up)."""
    from shapely.geometry import Point

    if ref.id.startswith(USER_PREFIX):
        return Place(ref.id, ref.name, ref.layer, ref.category, ref.country_code, ref.source,
                     Point(ref.lon, ref.lat), ref.lat, ref.lon, [], list(alternatives))
    from mapapp.places.resolve import place_from_candidate

    return place_from_candidate(ref.candidate(), [], alternatives=alternatives or [ref.candidate()])


def latest(corrections: Iterable[Correction]) -> list[Correction]:
    """One correction per span, the last one given winning, in text order."""
    by_span: dict[tuple[int, int], Correction] = {}
    for c in corrections:
        by_span.pop(c.span, None)
        by_span[c.span] = c
    return sorted(by_span.values(), key=lambda c: c.span)


def _passage_of(doc: Document, offset: int) -> int:
    return next((p.index for p in doc.passages if p.start <= offset < p.end), 0)


def apply_corrections(doc: Document, corrections: Iterable[Correction], text_hash: str,
                      make_place: PlaceFactory | None = None) -> Applied:
    """``doc`` with the corrections of the text ``text_hash`` applied (the last one per span
    winning); places left without mentions disappear."""
    factory = make_place or default_place
    names = {p.id: p.name for p in doc.places}
    places = [replace(p, mentions=list(p.mentions)) for p in doc.places]
    anchoring = anchor(doc.text, text_hash, latest(corrections))
    for a in anchoring.anchored:
        c = a.correction
        holder = next((p for p in places for m in p.mentions if (m.start, m.end) == (a.start, a.end)), None)
        mention = None if holder is None else next(m for m in holder.mentions
                                                  if (m.start, m.end) == (a.start, a.end))
        if c.choice is None:
            if holder is not None:
                holder.mentions.remove(mention)
            continue
        target = next((p for p in places if p.id == c.choice.id), None)
        if holder is not None and holder is target:
            continue
        if holder is not None:
            holder.mentions.remove(mention)
            moved = replace(mention, corrected=True, original=c.original or holder.id)
        else:
            moved = Mention(a.start, a.end, doc.text[a.start:a.end], "toponym",
                            _passage_of(doc, a.start), corrected=True, original=c.original)
        if target is None:
            alternatives = list(holder.candidates) if holder is not None else []
            made = factory(c.choice, alternatives)
            target = replace(made, mentions=[], source=CORRECTED, original_id=c.original,
                             original_name=names.get(c.original or ""))
            places.append(target)
        target.mentions.append(moved)
    for p in places:
        p.mentions.sort(key=lambda m: m.start)
    return Applied(replace(doc, places=[p for p in places if p.mentions]),
                   [a.correction for a in anchoring.anchored], anchoring.orphaned,
                   anchoring.other_text)
