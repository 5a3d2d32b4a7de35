"""Names the offline gazetteer does not know, sent to an online geocoder when enabled.

Only capitalised, rare, name-like words in a place position ("das Dorf
Kleinkleckersdorf", "near Umuanunu", "bei Kleinkleckersdorf") are sent — never
common words, sentence-initial words or person names — and the answers are
checked against the document's countries and places by the geocoder.
"""
from __future__ import annotations

from mapapp.gazetteer.query import Gazetteer
from mapapp.model import Mention, Passage, Place
from mapapp.mentions.lexicon import lexical_class
from mapapp.mentions.recognize import PREPOSITIONS, Span, Recognizer, Words
from mapapp.places.context import Context
from mapapp.places.resolve import place_from_candidate

PLACE_TRIGGERS = {
    "de": {"dorf", "stadt", "kleinstadt", "gemeinde", "ort", "ortschaft", "region", "provinz",
           "bezirk", "kreis", "landkreis", "hafenstadt", "grenzstadt"},
    "en": {"village", "town", "city", "district", "province", "county", "region", "port",
           "township", "hamlet"},
}
MAX_QUERIES = 25


def unknown_names(passages: list[Passage], spans: list[Span], lang: str,
                  recognizer: Recognizer) -> dict[str, list[Mention]]:
    """Name-like words in place position that no gazetteer span covers, by surface form."""
    from wordfreq import zipf_frequency

    covered = [(s.start, s.end) for s in spans]
    triggers = PLACE_TRIGGERS.get(lang, PLACE_TRIGGERS["en"]) | PREPOSITIONS.get(lang, set())
    found: dict[str, list[Mention]] = {}
    for p in passages:
        words = Words(p.text, p.start)
        tokens = [words.token(k) for k in range(len(words))]
        persons = recognizer._person_tokens(words, lang)
        for i, tok in enumerate(tokens):
            if i == 0 or not tok.cap or tok.sent_start or i in persons or len(tok.text) < 4:
                continue
            if tokens[i - 1].text.casefold() not in triggers:
                continue
            if any(a < tok.end and tok.start < b for a, b in covered):
                continue
            if zipf_frequency(tok.text.lower(), lang) >= 2.5 or lexical_class(tok.text, lang) != "proper":
                continue
            found.setdefault(tok.text, []).append(Mention(tok.start, tok.end, tok.text, "toponym", p.index))
    return found


def add_online_places(text: str, passages: list[Passage], spans: list[Span], places: dict[str, Place],
                      ctx: Context, lang: str, gaz: Gazetteer) -> list[str]:
    """Look the unknown names up online and add what is plausible; returns warnings.

    Once the service fails, the geocoder answers from its cache only, so the
    remaining names cost no requests.
    """
    from mapapp.geocode.nominatim import OnlineGeocoder

    names = unknown_names(passages, spans, lang, Recognizer(gaz))
    if not names:
        return []
    countries = [c for c, _ in ctx.countries.most_common(3)]
    near = [(lat, lon) for lat, lon, _, _ in ctx.anchors]
    geocoder = OnlineGeocoder()
    for name, mentions in list(names.items())[:MAX_QUERIES]:
        found = geocoder.lookup(name, lang=lang, country_codes=countries, near=near)
        if found:
            best = found[0]
            if best.id in places:
                places[best.id].mentions.extend(mentions)
            else:
                places[best.id] = place_from_candidate(best, mentions, gaz, found)
    return list(geocoder.warnings)
