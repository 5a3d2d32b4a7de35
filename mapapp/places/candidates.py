"""The choices to offer for a place in a document: candidates a person can tell apart.

The resolver keeps a few ranked alternatives per place, reached through any
name GeoNames lists, former names included; offered as they are, "Paris"
brings Veselyy Kut and "Ukraine" a Spanish town.  Here only places whose own
(primary) name is the mention are offered, looked up afresh in the gazetteer
so that every namesake is there (the four US Parises, each with its state),
records of one place merged, and each choice told apart by category, region,
country, population and its distance to the document's other places (the
median great-circle distance to their points: what a person means by "far
from the rest of the story", unmoved by one outlier).  The place's current
choice comes first, always, matching or not: it is what the map shows.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from mapapp.gazetteer.names import name_key
from mapapp.gazetteer.query import Entry, Gazetteer, NameHit
from mapapp.gazetteer.search import Described, country_name, describe, region_of, same_place
from mapapp.geodesy import great_circle_km
from mapapp.model import Candidate, Document, Mention, Place

DEFAULT_LIMIT = 10
#: Places that have no point of their own to measure from.
UNMEASURED_LAYERS = frozenset({"borders"})
#: Endings a name takes in running text, as (ending, letters cut, shortest word): Springfield's,
#: Kasachstans, Russlands, des Irakes, Ostens — the recogniser's rules (mentions.recognize).
_POSSESSIVES = (("'s", 2, 3), ("\u2019s", 2, 3))
_GERMAN_ENDINGS = (("ns", 1, 3), ("es", 2, 6), ("s", 1, 5), ("n", 1, 5))


@dataclass(frozen=True)
class Choice(Described):
    """One place a mention may mean.

    ``distance_km`` is the median distance to the document's other places (None when
    it has none); ``current`` marks the place the map shows now.
    """

    distance_km: float | None
    current: bool = False

    @property
    def label(self) -> str:
        """"Paris — town · Texas, United States of America · pop. 24,782 · 7,900 km from the text's other places"."""
        return describe(self.name, self.layer, self.category, self.region, self.country, self.population,
                        distance_km=self.distance_km)


def mention_keys(text: str, lang: str) -> tuple[str, ...]:
    """The name keys a mention may stand for: as written, then without a possessive or a German
    case ending (Kasachstans -> kasachstan), as the recogniser reads it."""
    keys = [name_key(text)]
    for ending, cut, shortest in _POSSESSIVES + (_GERMAN_ENDINGS if lang == "de" else ()):
        if text.endswith(ending) and len(text) >= shortest:
            keys.append(name_key(text[:-cut]))
    return tuple(dict.fromkeys(k for k in keys if k))


def named_by(text: str, lang: str, gaz: Gazetteer) -> list[NameHit]:
    """The entries whose own name is the mention: exact keys first (the first form that names
    anything, as in recognition), else a transliteration fold (Charkiw/Kharkiv); alternate
    names, often former ones, do not count."""
    keys = mention_keys(text, lang)
    for fold in (False, True):
        for key in keys:
            hits = [h for h in gaz.lookup(key, fold=fold) if h.primary]
            if hits:
                return hits
    return []


def choice_of(candidate: Candidate, gaz: Gazetteer, others: list[tuple[float, float]] | None = None,
              current: bool = False) -> Choice:
    """A candidate told apart: its region from the gazetteer (none for an online candidate)."""
    entry = gaz.by_id(candidate.id)
    return Choice(id=candidate.id, name=candidate.name, layer=candidate.layer, category=candidate.category,
                  region=region_of(gaz, entry) if entry is not None else "",
                  country_code=candidate.country_code, country=country_name(gaz, candidate.country_code),
                  population=candidate.population or (entry.population if entry is not None else 0),
                  lat=candidate.lat, lon=candidate.lon, source=candidate.source,
                  distance_km=median_km(candidate.lat, candidate.lon, others), current=current)


def _choice_of_entry(entry: Entry, gaz: Gazetteer, others: list[tuple[float, float]]) -> Choice:
    return Choice(id=entry.id, name=entry.name, layer=entry.layer, category=entry.category,
                  region=region_of(gaz, entry), country_code=entry.country_code,
                  country=country_name(gaz, entry.country_code), population=entry.population,
                  lat=entry.lat, lon=entry.lon, source=entry.source,
                  distance_km=median_km(entry.lat, entry.lon, others))


def median_km(lat: float, lon: float, others: list[tuple[float, float]] | None) -> float | None:
    """Median great-circle distance from (lat, lon) to ``others``; None without any."""
    if not others:
        return None
    return statistics.median(great_circle_km(lat, lon, a, b) for a, b in others)


def other_points(document: Document, place: Place) -> list[tuple[float, float]]:
    """The points of the document's places other than ``place`` (borders have none of their own)."""
    return [(p.lat, p.lon) for p in document.places
            if p.id != place.id and p.layer not in UNMEASURED_LAYERS]


def _current_candidate(place: Place) -> Candidate:
    found = next((c for c in place.candidates if c.id == place.id), None)
    return found or Candidate(id=place.id, name=place.name, layer=place.layer, category=place.category,
                              country_code=place.country_code, lat=place.lat, lon=place.lon,
                              source=place.source)


def choices(place: Place, document: Document, mention: Mention | None = None,
            gaz: Gazetteer | None = None, *, limit: int = DEFAULT_LIMIT) -> list[Choice]:
    """What to offer for ``place`` (as named by ``mention``, by default its first): the current
    choice first, then every place whose own name the mention is, duplicates merged, the
    resolver's alternatives in its order before the other namesakes by size."""
    if gaz is None:
        from mapapp.gazetteer.query import get_gazetteer
        gaz = get_gazetteer()
    others = other_points(document, place)
    offered = [choice_of(_current_candidate(place), gaz, others, current=True)]
    mention = mention or (min(place.mentions, key=lambda m: m.start) if place.mentions else None)
    if mention is None or mention.kind != "toponym":
        return offered  # a demonym or border word names its place, it has no namesakes
    named = {h.entry.id: h.entry for h in named_by(mention.text, document.lang, gaz)}
    keys = set(mention_keys(mention.text, document.lang))
    # An online candidate has no names in the index: its own name must be the mention.
    pool = [choice_of(c, gaz, others) for c in place.candidates
            if c.id in named or (gaz.by_id(c.id) is None and name_key(c.name) in keys)]
    ranked = {c.id for c in pool}
    rest = sorted((e for e in named.values() if e.id not in ranked), key=lambda e: (-e.population, e.eid))
    pool += [_choice_of_entry(e, gaz, others) for e in rest]
    for choice in pool:
        if len(offered) == limit:
            break
        if not any(c.id == choice.id or same_place(c, choice) for c in offered):
            offered.append(choice)
    return offered


def options_for(document: Document, gaz: Gazetteer | None = None) -> dict[str, list[Choice]]:
    """The choices of every place of the document that has more than one (for evidence.py)."""
    found = {p.id: choices(p, document, gaz=gaz) for p in document.places if p.mentions}
    return {pid: cs for pid, cs in found.items() if len(cs) > 1}
