"""What the map app shows of a corpus output, free of Streamlit so it can be tested directly.

A corpus has no single text, so its places become a Document without passages
(the map, legend, layer toggles and framing of the single-text view then work
unchanged) plus each place's document count, which sizes and labels the markers.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

from shapely.geometry import shape

from mapapp.corpus.reader import DocumentHit, DocumentInfo
from mapapp.model import Document, Mention, Place
from mapapp.app.state import highlight

CORPUS_FLAG = "--corpus"
#: Documents listed for one place at once; a common place can be named in thousands.
MAX_PLACE_DOCUMENTS = 50


@dataclass(frozen=True)
class CorpusMap:
    """The places of the chosen documents as a Document, and place id -> document count."""

    doc: Document
    counts: dict[str, int]


def corpus_arg(argv: Sequence[str]) -> Path | None:
    """The folder after ``--corpus`` (or ``--corpus=DIR``) in the script's arguments, if any."""
    for i, arg in enumerate(argv):
        if arg == CORPUS_FLAG and i + 1 < len(argv):
            return Path(argv[i + 1])
        if arg.startswith(CORPUS_FLAG + "="):
            return Path(arg.split("=", 1)[1])
    return None


def place_of(feature: dict[str, Any]) -> Place:
    p = feature["properties"]
    return Place(id=str(p["id"]), name=str(p["name"]), layer=str(p["layer"]),
                 category=str(p.get("category") or ""), country_code=str(p.get("country_code") or ""),
                 source="corpus", geometry=shape(feature["geometry"]),
                 lat=float(p["lat"]), lon=float(p["lon"]))


def corpus_map(collection: dict[str, Any]) -> CorpusMap:
    """A FeatureCollection from ``CorpusView.places_geojson`` as what the map draws."""
    feats = collection.get("features", [])
    places = [place_of(f) for f in feats]
    counts = {str(f["properties"]["id"]): int(f["properties"].get("document_count") or 0)
              for f in feats}
    return CorpusMap(Document(text="", lang="", passages=[], places=places), counts)


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


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are offered: a ``javascript:`` URL in the data must not become a link."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def documents_line(n: int) -> str:
    return f"{n} document{'s' if n != 1 else ''}"


def document_html(hit: DocumentHit, place: Place) -> str:
    """One document of a place: title (a link when it has a web address), date, and each
    passage that mentions the place with the mention marked; everything escaped."""
    title = html.escape(" ".join((hit.title or hit.doc_id).split()))
    url = safe_url(hit.url)
    head = (f'<a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
            if url else title)
    when = f' <span class="pdate">{html.escape(hit.date)}</span>' if hit.date else ""
    parts = [f'<div class="cdoc"><div class="ctitle"><b>{head}</b>{when}</div>']
    for p in hit.passages:
        spans = [(Mention(a, b, text, "toponym", p.index), place) for a, b, text in p.mentions]
        parts.append(f'<div class="passage"><span class="pnum">¶{p.index + 1}</span> '
                     f'{highlight(p.text, p.start, spans, {place.id})}</div>')
    parts.append("</div>")
    return "".join(parts)


def documents_html(hits: Iterable[DocumentHit], place: Place,
                   limit: int = MAX_PLACE_DOCUMENTS) -> tuple[str, int]:
    """The first ``limit`` documents as HTML, and how many were left out."""
    hits = list(hits)
    return "".join(document_html(h, place) for h in hits[:limit]), max(0, len(hits) - limit)
