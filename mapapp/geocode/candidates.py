"""Nominatim search results as ranked :class:`mapapp.model.Candidate` objects.

Pure functions, no network: what a result means for the map (layer, category,
score) and which of several namesakes the document most likely means.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping, Sequence

from mapapp.geodesy import great_circle_km
from mapapp.model import Candidate

#: OSM place types that go to the cities layer; everything else is a site.
SETTLEMENTS = frozenset({"city", "town", "village", "hamlet", "suburb"})
#: A result this close to a known place of the document is plausible whatever its country.
NEAR_KM = 500.0
#: Nominatim importance of a world-famous namesake kept (ranked last) though out of context.
FAMOUS = 0.6
OUT_OF_CONTEXT_FACTOR = 0.5
#: The fields of a result that :func:`candidate_from_result` reads: all a cached answer keeps.
FIELDS = ("osm_type", "osm_id", "lat", "lon", "class", "type", "addresstype", "name",
          "display_name", "importance")


def essential(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Only the fields ranking reads, so a service padding its answers cannot fill the cache."""
    kept = {key: raw[key] for key in FIELDS if key in raw}
    address = raw.get("address")
    if isinstance(address, Mapping) and "country_code" in address:
        kept["address"] = {"country_code": address["country_code"]}
    return kept


def candidate_from_result(raw: Mapping[str, Any]) -> Candidate | None:
    """A Nominatim search result as a Candidate; None when it lacks what a map needs."""
    try:
        osm_type = str(raw["osm_type"]).lower()
        osm_id = int(raw["osm_id"])
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    cls, typ = str(raw.get("class", "")), str(raw.get("type", ""))
    addresstype = str(raw.get("addresstype", ""))
    address = raw.get("address") if isinstance(raw.get("address"), Mapping) else {}
    if cls == "place" and typ in SETTLEMENTS:
        layer, category = "cities", typ
    elif cls == "boundary" and addresstype in SETTLEMENTS:
        layer, category = "cities", addresstype
    else:
        layer, category = "sites", typ or cls or "place"
    name = str(raw.get("name") or str(raw.get("display_name", "")).split(",")[0]).strip()
    try:
        importance = float(raw.get("importance") or 0.0)
    except (TypeError, ValueError):
        importance = 0.0
    return Candidate(id=f"osm-{osm_type}-{osm_id}", name=name or f"{osm_type} {osm_id}",
                     layer=layer, category=category,
                     country_code=str(address.get("country_code", "")).upper(),
                     lat=lat, lon=lon, source=f"nominatim:{osm_type}/{osm_id}",
                     score=max(0.0, min(importance, 1.0)))




def rank_candidates(candidates: Sequence[Candidate], *, country_codes: Sequence[str] = (),
                    near: Sequence[tuple[float, float]] = ()) -> list[Candidate]:
    """Plausible first: in the document's countries or near its places.

    A name the gazetteer missed is most likely a small place in the document's
    area, so a minor namesake elsewhere is noise and dropped; a famous one may
    still be meant, so it stays, ranked last with its score halved.
    """
    codes = {c.upper() for c in country_codes}
    seen: set[str] = set()
    inside: list[Candidate] = []
    outside: list[Candidate] = []
    for cand in candidates:
        if cand.id in seen:
            continue
        seen.add(cand.id)
        if not codes and not near:
            inside.append(cand)
        elif cand.country_code in codes or any(great_circle_km(cand.lat, cand.lon, *p) <= NEAR_KM for p in near):
            inside.append(cand)
        elif cand.score >= FAMOUS:
            outside.append(replace(cand, score=cand.score * OUT_OF_CONTEXT_FACTOR))
    return sorted(inside, key=_by_score) + sorted(outside, key=_by_score)


def _by_score(cand: Candidate) -> float:
    return -cand.score
