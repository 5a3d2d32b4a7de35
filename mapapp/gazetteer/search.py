"""Type-ahead search over the gazetteer's names, in every language the index holds.

A reader adding a place the geoparser missed types a few letters ("Bod", "Genf",
"Portl") and picks from hits a person can tell apart: each names its category,
first-level region, country and population.  Names are matched by prefix on
their ``name_key`` (case, accents, hyphens ignored), ranked exact name first,
then by prominence (:func:`mapapp.gazetteer.build.search_weight`), optionally
nearer ``near`` first; a transliteration fold (Charkiw/Kharkiv) helps when the
exact spelling finds too little.  Hits of the online geocoder can be merged in,
marked ``online``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable, Protocol, Sequence

from mapapp.gazetteer.build import search_weight
from mapapp.gazetteer.names import fold_key, name_key
from mapapp.gazetteer.query import ALTERNATE_PENALTY, PRIMARY_BONUS, Entry, Gazetteer, PrefixMatch
from mapapp.geodesy import great_circle_km
from mapapp.model import Candidate

if TYPE_CHECKING:
    from mapapp.geocode.nominatim import OnlineGeocoder

MIN_CHARS = 2
DEFAULT_LIMIT = 10
#: Names read per prefix (weightiest first) before grouping by entry and the ``near`` bias.
POOL = 200
#: A transliteration fold is a weaker match than the spelling typed.
FOLD_PENALTY = 0.7
#: Score lost per tenfold distance from ``near`` (0.5 at 900 km, 1.0 at 9,900 km).
NEAR_WEIGHT = 0.5
#: Two records of one name in one region closer than this are one place (GeoNames keeps some twice).
SAME_PLACE_KM = 10.0
#: An online hit names a town's centre, GeoNames its own point: the same town may be this far apart.
ONLINE_SAME_KM = 25.0
#: Layers whose population is people; a lake's is only a prominence for ranking.
PEOPLED_LAYERS = frozenset({"cities", "countries"})
#: Categories in words a reader knows ("admin1" is GeoNames' term).
CATEGORY_WORDS = {"admin1": "region", "military_base": "military base"}


@dataclass(frozen=True)
class Described:
    """A gazetteer place with what tells it apart from its namesakes — category, region,
    country, population, position — as the correction forms offer it."""

    id: str
    name: str
    layer: str
    category: str
    region: str
    country_code: str
    country: str
    population: int
    lat: float
    lon: float
    source: str

    def candidate(self) -> Candidate:
        """The place as the candidate a correction records."""
        return Candidate(id=self.id, name=self.name, layer=self.layer, category=self.category,
                         country_code=self.country_code, lat=self.lat, lon=self.lon,
                         source=self.source, score=1.0, population=self.population)


@dataclass(frozen=True)
class SearchHit(Described):
    """One place a search found.

    ``matched`` is the name key the query reached it by ("genf" for Geneva);
    ``exact`` says the whole query is that name; ``online`` marks a hit of the
    online geocoder (its ``region`` is then unknown, "").
    """

    matched: str
    exact: bool
    score: float
    online: bool = False

    @property
    def label(self) -> str:
        return describe(self.name, self.layer, self.category, self.region, self.country, self.population,
                        online=self.online)


def category_words(category: str) -> str:
    return CATEGORY_WORDS.get(category, category.replace("_", " "))


def country_name(gaz: Gazetteer, code: str) -> str:
    """The country's English name as the index has it, "" for none."""
    entry = gaz.country(code) if code else None
    return entry.name if entry is not None else ""


def region_of(gaz: Gazetteer, entry: Entry) -> str:
    """The first-level region an entry lies in ("Oregon", "Île-de-France"), "" when the index
    names none or the entry is that region itself."""
    region = gaz.region_name(entry.country_code, entry.admin1)
    return "" if region == entry.name or entry.is_country else region


def describe(name: str, layer: str, category: str, region: str, country: str, population: int, *,
             distance_km: float | None = None, online: bool = False) -> str:
    """One line a person reads to tell namesakes apart:
    "Paris — town · Texas, United States · pop. 24,782 · 7,900 km from the text's other places"."""
    where = ", ".join(x for x in (region, country) if x and x != name)
    parts = [f"{name} — {category_words(category)}" if category else name]
    parts += [where] if where else []
    parts += [f"pop. {population:,}"] if population > 0 and layer in PEOPLED_LAYERS else []
    if distance_km is not None:
        parts.append(f"{rounded_km(distance_km)} km from the text's other places")
    if online:
        parts.append("online geocoder")
    return " · ".join(parts)


def rounded_km(km: float) -> str:
    """Two significant figures beyond 100 km: a reader compares magnitudes, not metres."""
    if km < 100:
        return f"{km:.0f}"
    digits = int(math.floor(math.log10(km))) - 1
    return f"{round(km, -digits):,.0f}"


class Placed(Protocol):
    """What telling two places apart reads (a SearchHit, a candidates.Choice)."""

    @property
    def name(self) -> str: ...
    @property
    def country_code(self) -> str: ...
    @property
    def region(self) -> str: ...
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...


def same_place(a: Placed, b: Placed, km: float = SAME_PLACE_KM) -> bool:
    """Two records a person could not tell apart: one name, one country and region, a few km apart."""
    return (name_key(a.name) == name_key(b.name) and a.country_code == b.country_code
            and a.region == b.region and great_circle_km(a.lat, a.lon, b.lat, b.lon) <= km)


def _near_penalty(entry: Entry, near: tuple[float, float] | None) -> float:
    if near is None:
        return 0.0
    km = great_circle_km(near[0], near[1], entry.lat, entry.lon)
    return NEAR_WEIGHT * math.log10(1 + km / 100)


def _matches(gaz: Gazetteer, key: str, limit: int) -> list[tuple[PrefixMatch, bool]]:
    """(match, folded) pairs: the exact name, the weightiest prefix matches, and folds when
    the spelling typed reaches fewer than ``limit`` places."""
    found = [(PrefixMatch(h.entry.eid, key, h.primary,
                          search_weight(h.entry.layer, h.entry.category, h.entry.population)
                          + (PRIMARY_BONUS if h.primary else ALTERNATE_PENALTY)), False)
             for h in gaz.lookup(key)]
    found += [(m, False) for m in gaz.starting_with(key, POOL)]
    if len({m.eid for m, _ in found}) < limit and len(key) >= 4:
        found += [(m, True) for m in gaz.starting_with(fold_key(key), POOL, fold=True)]
    return found


def search(query: str, gaz: Gazetteer | None = None, *, limit: int = DEFAULT_LIMIT,
           near: tuple[float, float] | None = None) -> list[SearchHit]:
    """Places whose name (in any language the index holds) starts with ``query``: exact names
    first, then the most prominent, nearer ``near`` (lat, lon) first when given."""
    if gaz is None:
        from mapapp.gazetteer.query import get_gazetteer
        gaz = get_gazetteer()
    key = name_key(query)
    if len(key) < MIN_CHARS:
        return []
    best: dict[int, tuple[bool, float, str]] = {}
    for match, folded in _matches(gaz, key, limit):
        exact = match.key == key and match.primary  # a former name typed in full is no exact hit
        weight = match.weight - (FOLD_PENALTY if folded else 0.0)
        seen = best.get(match.eid)
        if seen is None or (exact, weight) > seen[:2]:
            best[match.eid] = (exact, weight, match.key)
    # Entries are read only where needed: all of them to measure from ``near``, else the top few.
    scored = [(exact, weight - (_near_penalty(gaz.entry(eid), near) if near else 0.0), matched, eid)
              for eid, (exact, weight, matched) in best.items()]
    scored.sort(key=lambda s: (not s[0], -s[1], s[3]))
    hits: list[SearchHit] = []
    for exact, score, matched, eid in scored:
        hit = _hit(gaz, gaz.entry(eid), matched, exact, score)
        if not any(same_place(hit, h) for h in hits):
            hits.append(hit)
        if len(hits) == limit:
            break
    return hits


def _hit(gaz: Gazetteer, entry: Entry, matched: str, exact: bool, score: float) -> SearchHit:
    return SearchHit(id=entry.id, name=entry.name, matched=matched, layer=entry.layer,
                     category=entry.category, region=region_of(gaz, entry),
                     country_code=entry.country_code, country=country_name(gaz, entry.country_code),
                     population=entry.population, lat=entry.lat, lon=entry.lon, source=entry.source,
                     exact=exact, score=score)


def online_hits(query: str, geocoder: OnlineGeocoder, gaz: Gazetteer | None = None, *,
                lang: str = "en") -> list[SearchHit]:
    """The online geocoder's answers for ``query`` as hits marked ``online`` (no region known).
    The geocoder never raises: a failing service gives [] and a line in ``geocoder.warnings``."""
    if gaz is None:
        from mapapp.gazetteer.query import get_gazetteer
        gaz = get_gazetteer()
    key = name_key(query)
    return [SearchHit(id=c.id, name=c.name, matched=key, layer=c.layer, category=c.category, region="",
                      country_code=c.country_code, country=country_name(gaz, c.country_code),
                      population=c.population, lat=c.lat, lon=c.lon, source=c.source,
                      exact=name_key(c.name) == key, score=c.score, online=True)
            for c in geocoder.lookup(query, lang=lang)]


def merge_online(local: Sequence[SearchHit], online: Iterable[SearchHit],
                 limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Local hits with the online ones that are new: exact local names first, then the online
    hits (in the service's order), then the other local hits.  An online hit of the same name
    and country as a local hit, within ONLINE_SAME_KM of it, is that place and is dropped
    (the online hit knows no region, so regions are not compared)."""
    fresh = [o for o in online if not any(
        same_place(o, replace(h, region=""), ONLINE_SAME_KM) for h in local)]
    exact = [h for h in local if h.exact]
    rest = [h for h in local if not h.exact]
    return (exact + fresh + rest)[:limit]
