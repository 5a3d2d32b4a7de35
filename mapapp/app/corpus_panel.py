"""What the map app shows of a corpus output, free of Streamlit so it can be tested directly.

A corpus has no single text: the map gets its places and, per place, the number
of chosen documents that name it (which sizes and labels the markers).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from mapapp.corpus.reader import DocumentInfo
from mapapp.geojson import place_from_feature
from mapapp.model import Place

#: Documents listed for one place at once; a common place can be named in thousands.
MAX_PLACE_DOCUMENTS = 50


@dataclass(frozen=True)
class CorpusPlaces:
    """The places of the chosen documents, and place id -> document count."""

    places: list[Place]
    counts: dict[str, int]

    def place(self, place_id: str | None) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)


def corpus_places(collection: dict[str, Any]) -> CorpusPlaces:
    """A FeatureCollection from ``CorpusView.places_geojson`` as what the map draws."""
    feats = collection.get("features", [])
    places = [place_from_feature(f, source="corpus") for f in feats]
    counts = {p.id: int(f["properties"].get("document_count") or 0) for p, f in zip(places, feats)}
    return CorpusPlaces(places, counts)


class Filters(NamedTuple):
    """The documents a corpus page shows: a date range and chosen documents (None: all)."""

    date_from: date | None = None
    date_to: date | None = None
    doc_ids: list[str] | None = None


def date_window(value: Any) -> tuple[date | None, date | None]:
    """A ``st.date_input`` range as (from, to); half-picked ranges (one date) filter from it."""
    if isinstance(value, date):
        return value, None
    picked = tuple(value or ())
    first = picked[0] if picked else None
    last = picked[1] if len(picked) > 1 else None
    return first, last


def document_label(info: DocumentInfo) -> str:
    title = " ".join((info.title or info.doc_id).split())
    return f"{info.date} · {title}" if info.date else title
