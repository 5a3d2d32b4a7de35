"""text -> passages -> candidate spans -> resolved places (+ borders) -> Document."""
from __future__ import annotations

import threading
import time
from functools import lru_cache

from mapapp.config import online_enabled
from mapapp.errors import GeoparseCancelled, GeoparseTimeout
from mapapp.places.borders import border_places
from mapapp.gazetteer.query import Gazetteer, get_gazetteer
from mapapp.text.language import choose_language
from mapapp.model import Document, Mention, Place
from mapapp.text.passages import split_passages
from mapapp.mentions.recognize import Recognizer
from mapapp.places.resolve import place_from_candidate, resolve_spans


@lru_cache(maxsize=4)
def _recognizer(gaz: Gazetteer) -> Recognizer:
    """One recogniser per gazetteer, so its look-up memo serves every document of a process.

    Keyed by the gazetteer itself (not its ``id``, which a new one may reuse) and
    bounded; a weak key would not help, as the recogniser refers back to its gazetteer.
    """
    return Recognizer(gaz)


class _Limits:
    """The caller's deadline (a ``time.monotonic()`` instant) and cancel flag, checked between steps."""

    def __init__(self, deadline: float | None, cancel: threading.Event | None, passages: int) -> None:
        self.deadline, self.cancel, self.passages = deadline, cancel, passages

    def check(self, done: int) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise GeoparseCancelled(f"Geoparsing was cancelled {self._where(done)}.")
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise GeoparseTimeout(f"Geoparsing ran out of time {self._where(done)}.")

    def _where(self, done: int) -> str:
        return f"after {done:,} of {self.passages:,} passages"


def geoparse(text: str, lang: str | None = None, *, gazetteer: Gazetteer | None = None,
             online: bool | None = None, deadline: float | None = None,
             cancel: threading.Event | None = None) -> Document:
    """Every place a German or English text names, resolved, with its mentions and passages.

    ``lang`` is "de", "en" or None/"auto"; ``online`` asks a Nominatim-compatible
    service for names the offline gazetteer does not know (default: MAPAPP_ONLINE).
    ``deadline`` (a ``time.monotonic()`` instant) and ``cancel`` are checked between
    passages and steps, raising GeoparseTimeout or GeoparseCancelled, so a shared
    server can bound and abandon the work one text costs.
    """
    gaz = gazetteer or get_gazetteer()
    language = choose_language(text, lang)
    passages = split_passages(text)
    limits = _Limits(deadline, cancel, len(passages))
    recognizer = _recognizer(gaz)
    spans = []
    for p in passages:
        limits.check(p.index)
        spans.extend(recognizer.spans(p.text, p.index, p.start, language))
    limits.check(len(passages))
    resolved, ctx = resolve_spans(spans, gaz, language)
    limits.check(len(passages))

    places: dict[str, Place] = {}
    for span, chosen, alternatives in resolved:
        mention = Mention(span.start, span.end, span.text, span.kind, span.passage)
        place = places.get(chosen.id)
        if place is None:
            places[chosen.id] = place_from_candidate(chosen, [mention], gaz, alternatives)
        else:
            place.mentions.append(mention)
            if len(place.candidates) < len(alternatives):
                place.candidates = list(alternatives)

    warnings: list[str] = []
    if online_enabled(online):
        from mapapp.places.online import add_online_places
        warnings += add_online_places(text, passages, spans, places, ctx, language, gaz)
        limits.check(len(passages))

    countries = [(span, chosen.country_code) for span, chosen, _ in resolved
                 if span.kind == "toponym" and chosen.layer == "countries"]
    borders = [s for s in spans if s.kind == "border"]
    for place in border_places(borders, countries, text, gaz):
        places[place.id] = place

    ordered = sorted(places.values(), key=lambda p: (min(m.start for m in p.mentions), p.id))
    return Document(text=text, lang=language, passages=passages, places=ordered, warnings=warnings)
