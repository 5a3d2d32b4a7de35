"""text -> passages -> candidate spans -> resolved places (+ borders) -> Document."""
from __future__ import annotations

from mapapp.places.borders import border_places
from mapapp.gazetteer.index import Gazetteer, get_gazetteer
from mapapp.text.language import choose_language
from mapapp.model import Document, Mention, Place
from mapapp.text.passages import split_passages
from mapapp.mentions.recognize import Recognizer
from mapapp.places.resolve import place_from_candidate, resolve_spans


_RECOGNIZERS: dict[int, Recognizer] = {}


def _recognizer(gaz: Gazetteer) -> Recognizer:
    """One recogniser per gazetteer, so its look-up memo serves every document of a process."""
    rec = _RECOGNIZERS.get(id(gaz))
    if rec is None or rec.gaz is not gaz:
        rec = _RECOGNIZERS[id(gaz)] = Recognizer(gaz)
    return rec


def geoparse(text: str, lang: str | None = None, *, gazetteer: Gazetteer | None = None,
             online: bool | None = None) -> Document:
    """Every place a German or English text names, resolved, with its mentions and passages.

    ``lang`` is "de", "en" or None/"auto"; ``online`` asks a Nominatim-compatible
    service for names the offline gazetteer does not know (default: MAPAPP_ONLINE).
    """
    gaz = gazetteer or get_gazetteer()
    language = choose_language(text, lang)
    passages = split_passages(text)
    recognizer = _recognizer(gaz)
    spans = []
    for p in passages:
        spans.extend(recognizer.spans(p.text, p.index, p.start, language))
    resolved, ctx = resolve_spans(spans, gaz, language)

    places: dict[str, Place] = {}
    for span, chosen, alternatives in resolved:
        mention = Mention(span.start, span.end, span.text, span.kind, span.passage)
        place = places.get(chosen.id)
        if place is None:
            places[chosen.id] = place_from_candidate(chosen, [mention], gaz, alternatives)
        else:
            place.mentions.append(mention)
            if len(place.candidates) < len(alternatives):
                place.candidates = alternatives

    warnings: list[str] = []
    from mapapp.geocode.nominatim import online_enabled
    if online_enabled(online):
        from mapapp.places.online import add_online_places
        warnings += add_online_places(text, passages, spans, places, ctx, language, gaz)

    countries = [(span, chosen.country_code) for span, chosen, _ in resolved
                 if span.kind == "toponym" and chosen.layer == "countries"]
    borders = [s for s in spans if s.kind == "border"]
    for place in border_places(borders, countries, text, gaz):
        places[place.id] = place

    ordered = sorted(places.values(), key=lambda p: (min(m.start for m in p.mentions), p.id))
    return Document(text=text, lang=language, passages=passages, places=ordered, warnings=warnings)
