"""The one converter between mapapp's types and GeoJSON, in both directions.

Every view that writes or reads features (layer files, downloads, the web map,
the static export, corpus mode, the app) goes through these functions, so a
property is named in exactly one place.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Iterator, Mapping

from mapapp.layers import LAYERS
from mapapp.model import Candidate, Document, Mention, Passage, Place

Feature = dict[str, Any]
FeatureCollection = dict[str, Any]


def feature_collection(features: Iterable[Feature]) -> FeatureCollection:
    return {"type": "FeatureCollection", "features": list(features)}


def is_feature_collection(data: Any) -> bool:
    return (isinstance(data, dict) and data.get("type") == "FeatureCollection"
            and isinstance(data.get("features"), list))


# ---------------------------------------------------------------- to GeoJSON

def passage_to_dict(p: Passage) -> dict[str, Any]:
    return {"index": p.index, "start": p.start, "end": p.end, "text": p.text}


def mention_to_dict(m: Mention) -> dict[str, Any]:
    d: dict[str, Any] = {"start": m.start, "end": m.end, "text": m.text, "kind": m.kind,
                         "passage": m.passage}
    if m.corrected:
        d.update(source="corrected", original=m.original)
    return d


def candidate_to_dict(c: Candidate) -> dict[str, Any]:
    return {"id": c.id, "name": c.name, "layer": c.layer, "category": c.category,
            "country_code": c.country_code, "lat": round(c.lat, 5), "lon": round(c.lon, 5),
            "source": c.source, "score": round(c.score, 4)}


def place_properties(place: Place) -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": place.id, "name": place.name, "layer": place.layer,
        "category": place.category, "country_code": place.country_code,
        "source": place.source, "lat": round(place.lat, 5), "lon": round(place.lon, 5),
        "mention_count": len(place.mentions), "passages": place.passages,
        "mentions": [mention_to_dict(m) for m in sorted(place.mentions, key=lambda m: m.start)],
        "candidates": [candidate_to_dict(c) for c in place.candidates],
    }
    if place.country_codes:
        props["country_codes"] = list(place.country_codes)
    if place.length_km is not None:
        props["length_km"] = round(place.length_km, 1)
    if place.original_id is not None or place.original_name is not None:
        props.update(original_id=place.original_id, original_name=place.original_name)
    return props


def place_to_feature(place: Place) -> Feature:
    from shapely.geometry import mapping

    return {"type": "Feature", "id": place.id, "properties": place_properties(place),
            "geometry": mapping(place.geometry)}


def document_to_geojson(doc: Document, layers: Iterable[str] | None = None) -> FeatureCollection:
    """One RFC 7946 FeatureCollection of all (or the given) layers, in drawing order."""
    wanted = set(layers) if layers else set(LAYERS)
    return feature_collection(place_to_feature(p) for layer in LAYERS if layer in wanted
                              for p in doc.places if p.layer == layer)


#: The GeoJSON text the gazetteer keeps for a stored outline (``Gazetteer.outline_geojson``).
OutlineText = Callable[[str], "str | None"]


def geojson_text(doc: Document, outline_text: OutlineText | None = None) -> Iterator[str]:
    """``document_to_geojson(doc)`` as JSON text, a feature at a time, for ``mapapp geoparse``.

    A feature's coordinate tuples take tens of times the room of their text, so a
    long document's whole collection as Python objects would set the process's
    peak memory; here only one feature's objects live at once, and an outline is
    the index's own text where ``outline_text`` gives it (``geometry_text``).
    """
    yield '{"type": "FeatureCollection", "features": ['
    sep = ""
    for layer in LAYERS:
        for place in doc.places:
            if place.layer == layer:
                head = json.dumps({"type": "Feature", "id": place.id, "properties": place_properties(place)},
                                  ensure_ascii=False)
                yield f'{sep}{head[:-1]}, "geometry": {geometry_text(place, outline_text)}}}'
                sep = ", "
    yield "]}"


def geometry_text(place: Place, outline_text: OutlineText | None = None) -> str:
    """The place's geometry as GeoJSON text: a point, or an outline as the index keeps it
    (through ``outline_text``), without shapely; anything else written by GEOS."""
    stored = place.stored_geometry()
    if stored is not None:
        if stored.wkb is None:
            return json.dumps({"type": "Point", "coordinates": [stored.lon, stored.lat]})
        text = outline_text(stored.ref) if outline_text is not None and stored.ref else None
        if text is not None:
            return text
    import shapely

    return shapely.to_geojson(place.geometry)


def layer_collections(doc: Document) -> dict[str, FeatureCollection]:
    """One FeatureCollection per layer, every layer present even when empty."""
    return {layer: document_to_geojson(doc, (layer,)) for layer in LAYERS}


def passages_record(doc: Document, source_name: str = "") -> dict[str, Any]:
    """The text and its passages, stored beside the layers (``passages.json``)."""
    return {"source": source_name, "lang": doc.lang, "text": doc.text,
            "passages": [passage_to_dict(p) for p in doc.passages]}


# -------------------------------------------------------------- from GeoJSON

def passage_from_dict(d: Mapping[str, Any]) -> Passage:
    return Passage(int(d["index"]), int(d["start"]), int(d["end"]), str(d["text"]))


def mention_from_dict(d: Mapping[str, Any]) -> Mention:
    original = d.get("original")
    return Mention(int(d["start"]), int(d["end"]), str(d["text"]),
                   str(d.get("kind", "toponym")), int(d.get("passage", 0)),
                   corrected=d.get("source") == "corrected",
                   original=None if original is None else str(original))


def candidate_from_dict(d: Mapping[str, Any]) -> Candidate:
    return Candidate(str(d["id"]), str(d["name"]), str(d["layer"]), str(d.get("category") or ""),
                     str(d.get("country_code") or ""), float(d["lat"]), float(d["lon"]),
                     str(d.get("source") or ""), float(d.get("score") or 0.0))


def _shape(geometry: Mapping[str, Any]):
    from shapely.geometry import shape

    return shape(geometry)


def place_from_feature(feature: Mapping[str, Any], source: str | None = None) -> Place:
    """A Place from a feature written by :func:`place_to_feature` (or a corpus layer, whose
    features carry no mentions); ``source`` overrides the feature's own."""
    p = feature["properties"]
    length = p.get("length_km")
    return Place(id=str(p["id"]), name=str(p["name"]), layer=str(p["layer"]),
                 category=str(p.get("category") or ""), country_code=str(p.get("country_code") or ""),
                 source=source if source is not None else str(p.get("source") or ""),
                 geometry=_shape(feature["geometry"]), lat=float(p["lat"]), lon=float(p["lon"]),
                 mentions=[mention_from_dict(m) for m in p.get("mentions") or []],
                 candidates=[candidate_from_dict(c) for c in p.get("candidates") or []],
                 country_codes=tuple(p.get("country_codes") or ()),
                 length_km=None if length is None else float(length),
                 original_id=_optional_str(p.get("original_id")),
                 original_name=_optional_str(p.get("original_name")))


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


def places_from_collections(collections: Mapping[str, FeatureCollection],
                            errors: list[str] | None = None) -> list[Place]:
    """Places of every known layer, in drawing order; a malformed feature is named in
    ``errors`` (when given) and skipped, so one hand edit cannot hide a whole layer."""
    places = []
    for layer in LAYERS:
        for i, f in enumerate((collections.get(layer) or {}).get("features", [])):
            try:
                places.append(place_from_feature(f))
            except Exception as exc:  # any malformed hand edit: name it, skip the feature
                if errors is None:
                    raise
                errors.append(f"{layer}.geojson: feature {i + 1} skipped ({type(exc).__name__}: {exc})")
    return places


def document_from_geojson(collections: Mapping[str, FeatureCollection], record: Mapping[str, Any],
                          errors: list[str] | None = None) -> Document:
    """The Document written by :func:`layer_collections` and :func:`passages_record`."""
    passages = [passage_from_dict(x) for x in record.get("passages", [])]
    return Document(text=str(record.get("text", "")), lang=str(record.get("lang", "")),
                    passages=passages, places=places_from_collections(collections, errors))
