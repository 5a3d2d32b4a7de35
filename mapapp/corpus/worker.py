"""The worker side of corpus mode: one batch of documents in, a few arrow tables out.

Each document is isolated: one that fails (unreadable, over the size cap, past the time
limit, or with a value the tables cannot hold) becomes a failed row, and the rest of its
batch is kept. Each worker process loads the gazetteer once (``get_gazetteer`` is cached).
"""
from __future__ import annotations

import os
import platform
import time
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from mapapp.corpus.inputs import DEFAULT_MAX_CHARS, DocRef, parse_date
from mapapp.corpus.storage import SCHEMAS
from mapapp.corrections.model import Correction
from mapapp.errors import GeoparseTimeout
from mapapp.model import Document

#: The tables of one batch, in the order their rows are built.
ROW_TABLES = ("mentions", "passages", "places", "documents")

#: Seconds one document may take; the geoparse checks its deadline between passages, so a
#: document stops at its next paragraph once over (documents are capped at --max-chars).
DEFAULT_DOC_SECONDS = 300.0


@dataclass(frozen=True)
class DocLimits:
    """What one document may cost (a document over either is recorded as failed), and the
    readers' corrections of the run (``--corrections``; each document takes those of its hash)."""

    max_chars: int = DEFAULT_MAX_CHARS
    seconds: float | None = DEFAULT_DOC_SECONDS
    corrections: tuple[Correction, ...] = ()


@dataclass
class DocRows:
    """The rows one document adds to each table (its places before de-duplication)."""

    mentions: list[dict] = field(default_factory=list)
    passages: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)


def _read_text(ref: DocRef, max_chars: int) -> tuple[str, list[str]]:
    from mapapp.io.textio import read_text_file

    if ref.text is not None:
        return ref.text, []
    # A UTF-8 character is at most 4 bytes: a larger file is over the cap whatever it says.
    decoded = read_text_file(ref.path or ref.source, max_bytes=4 * max_chars)
    if len(decoded.text) > max_chars:
        raise ValueError(f"{len(decoded.text):,} characters is over the --max-chars limit of {max_chars:,}")
    return decoded.text, list(decoded.warnings)


def _geoparse_rows(ref: DocRef, rows: DocRows, limits: DocLimits) -> dict[str, Any]:
    """Geoparse one document into ``rows``; returns its documents row (raises on failure)."""
    from shapely import to_wkb
    from shapely.geometry import Point

    from mapapp import collector
    from mapapp.pipeline import geoparse

    if ref.error:
        raise ValueError(ref.error)
    text, notes = _read_text(ref, limits.max_chars)
    when, note = parse_date(ref.date)
    if note:
        notes.append(note)
    deadline = time.monotonic() + limits.seconds if limits.seconds and limits.seconds > 0 else None
    with collector.paused():
        doc = geoparse(text, ref.lang, online=False, deadline=deadline)
    notes += doc.warnings
    if limits.corrections:
        doc, note = _corrected(doc, limits.corrections)
        notes += [note] if note else []
    pairs = doc.mentions()
    for mention, place in pairs:
        rows.mentions.append({
            "doc_id": ref.doc_id, "place_id": place.id, "layer": place.layer, "name": place.name,
            "country_code": place.country_code, "kind": mention.kind, "start": mention.start,
            "end": mention.end, "passage": mention.passage, "text": mention.text, "date": when,
            "geometry": to_wkb(Point(place.lon, place.lat))})
    for index in sorted({m.passage for m, _ in pairs}):
        p = doc.passages[index]
        rows.passages.append({"doc_id": ref.doc_id, "index": p.index, "start": p.start,
                              "end": p.end, "text": p.text})
    for place in doc.places:
        rows.places.append({
            "place_id": place.id, "name": place.name, "layer": place.layer,
            "category": place.category, "country_code": place.country_code,
            "lat": place.lat, "lon": place.lon, "geometry": to_wkb(place.geometry)})
    return {"lang": doc.lang, "chars": len(text), "passages": len(doc.passages),
            "mentions": len(pairs), "places": len(doc.places), "date": when,
            "note": "; ".join(notes) or None}


def _corrected(doc: Document, corrections: tuple[Correction, ...]) -> tuple[Document, str | None]:
    """The document with the corrections made for its text, and a note of how many applied."""
    from mapapp.corrections.apply import apply_corrections
    from mapapp.corrections.model import text_hash

    h = text_hash(doc.text)
    mine = [c for c in corrections if c.text_hash == h]
    if not mine:
        return doc, None
    fixed = apply_corrections(doc, mine, h)
    return fixed.doc, f"{len(fixed.applied)} corrections applied, {len(fixed.orphaned)} orphaned"


def _storable_str(value: Any) -> Any:
    """A string arrow can store (a lone surrogate shown as its escape); others as they are."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8") if isinstance(value, str) else value


def _failed_row(ref: DocRef, error: str) -> DocRows:
    when, note = parse_date(ref.date)
    row = {"doc_id": ref.doc_id, "source": ref.source, "title": ref.title, "url": ref.url,
           "line": ref.line, "date": when, "lang": None, "chars": None, "passages": None,
           "mentions": None, "places": None, "status": "failed", "error": error, "note": note}
    return DocRows(documents=[{key: _storable_str(value) for key, value in row.items()}])


def process_document(ref: DocRef, limits: DocLimits = DocLimits()) -> DocRows:
    """One document's rows, or a failed documents row saying why."""
    rows = DocRows()
    base = {"doc_id": ref.doc_id, "source": ref.source, "title": ref.title, "url": ref.url,
            "line": ref.line}
    try:
        row = {**base, **_geoparse_rows(ref, rows, limits), "status": "ok", "error": None}
    except GeoparseTimeout:
        return _failed_row(ref, f"DocumentTimeout: stopped after the --doc-timeout limit of "
                                f"{limits.seconds:g} s")
    except Exception as exc:  # one bad document must not stop the corpus
        return _failed_row(ref, f"{type(exc).__name__}: {exc}")
    rows.documents.append(row)
    return rows


def _tables(docs: list[DocRows]) -> dict[str, pa.Table]:
    """The batch's tables, each place once (the first document's row)."""
    seen: set[str] = set()
    places = []
    for doc in docs:
        for row in doc.places:
            if row["place_id"] not in seen:
                seen.add(row["place_id"])
                places.append(row)
    rows = {"mentions": [r for d in docs for r in d.mentions],
            "passages": [r for d in docs for r in d.passages], "places": places,
            "documents": [r for d in docs for r in d.documents]}
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in ROW_TABLES}


def _storable(ref: DocRef, rows: DocRows) -> DocRows:
    """The document's rows if arrow can hold them, else its failed row (why, in one line)."""
    try:
        _tables([rows])
    except (pa.ArrowException, UnicodeError, ValueError, TypeError) as exc:
        return _failed_row(ref, f"{type(exc).__name__}: {exc}")
    return rows


def process_batch(refs: list[DocRef], limits: DocLimits = DocLimits()) -> dict[str, pa.Table]:
    """The tables of one batch. Runs on a worker; a document that fails becomes a failed row.

    The batch is converted at once; only when that fails is each document tried alone, so
    the one that cannot be stored fails and the others are kept.
    """
    docs = [process_document(ref, limits) for ref in refs]
    try:
        return _tables(docs)
    except (pa.ArrowException, UnicodeError, ValueError, TypeError):
        return _tables([_storable(ref, rows) for ref, rows in zip(refs, docs)])


def worker_ready(check_index: bool = True) -> dict[str, Any]:
    """Load the gazetteer and lexicons once in this process; say which index it is, so all
    workers can be checked to agree."""
    from mapapp.gazetteer.build import index_is_current
    from mapapp.gazetteer.query import get_gazetteer

    if check_index and not index_is_current():
        raise RuntimeError(f"gazetteer index missing or stale on {platform.node()}: "
                           "run `python -m mapapp index` on this machine")
    from mapapp.pipeline import geoparse

    gaz = get_gazetteer()
    for text, lang in (("Berlin liegt in Deutschland.", "de"), ("Paris is in France.", "en")):
        geoparse(text, lang, online=False)  # loads the lexicons now, not inside the first batch
    return {"host": platform.node(), "pid": os.getpid(), "signature": gaz.meta("signature")}


def scheduler_ready() -> str:
    """Run on the scheduler: it unpickles every task graph, so it must import mapapp too."""
    return platform.node()
