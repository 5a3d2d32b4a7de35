"""Reading a written corpus output for the map app: places by date or document, and for a
place its documents with the passages that mention it."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from mapapp.corpus.aggregate import aggregate_rows, feature_collections, place_counts
from mapapp.corpus.manifest import read_manifest
from mapapp.corpus.storage import read_table
from mapapp.geojson import feature_collection
from mapapp.layers import LAYERS


@dataclass(frozen=True)
class PassageHit:
    """A passage that mentions the place; offsets (also of ``mentions``) are into its document."""

    index: int
    start: int
    end: int
    text: str
    mentions: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class DocumentHit:
    doc_id: str
    title: str | None
    date: str | None
    url: str | None
    source: str
    passages: tuple[PassageHit, ...]


@dataclass(frozen=True)
class DocumentInfo:
    doc_id: str
    title: str | None
    date: str | None
    url: str | None
    source: str
    status: str
    mentions: int


DateLike = date | str | None


def _as_date(value: DateLike) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


class CorpusView:
    """A written corpus output, for the map app: places by filter, documents of a place."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        if not (self.out_dir / "places.parquet").exists():
            raise FileNotFoundError(f"{self.out_dir}: not a corpus output (no places.parquet)")
        import pyarrow.parquet as pq

        self.manifest: dict[str, Any] = read_manifest(self.out_dir) or {}
        self._places = {r["place_id"]: r for r in pq.read_table(self.out_dir / "places.parquet").to_pylist()}
        self._mentions = read_table(self.out_dir, "mentions",
                                    ["doc_id", "place_id", "date", "passage", "start", "end", "text"])
        self._docs = {r["doc_id"]: r for r in read_table(
            self.out_dir, "documents", ["doc_id", "title", "date", "url", "source", "status",
                                        "mentions"]).to_pylist()}

    def documents(self) -> list[DocumentInfo]:
        """Every document of the corpus (failed ones too), by date then id, for a filter widget."""
        infos = [DocumentInfo(d["doc_id"], d["title"], d["date"].isoformat() if d["date"] else None,
                              d["url"], d["source"], d["status"], d["mentions"] or 0)
                 for d in self._docs.values()]
        return sorted(infos, key=lambda d: (d.date is None, d.date or "", d.doc_id))

    def date_range(self) -> tuple[date | None, date | None]:
        dates = self._mentions.column("date")
        return pc.min(dates).as_py(), pc.max(dates).as_py()

    def _mask(self, table: pa.Table, date_from: DateLike, date_to: DateLike,
              doc_ids: Iterable[str] | None) -> pa.Table:
        first, last = _as_date(date_from), _as_date(date_to)
        if first is not None:
            table = table.filter(pc.greater_equal(table.column("date"), pa.scalar(first, pa.date32())))
        if last is not None:
            table = table.filter(pc.less_equal(table.column("date"), pa.scalar(last, pa.date32())))
        if doc_ids is not None:
            table = table.filter(pc.is_in(table.column("doc_id"),
                                          value_set=pa.array(list(doc_ids), pa.string())))
        return table

    def places_geojson(self, date_from: DateLike = None, date_to: DateLike = None,
                       doc_ids: Iterable[str] | None = None) -> dict[str, Any]:
        """One FeatureCollection of the places mentioned by the chosen documents, with their
        counts among those documents (``document_count`` sizes the marker)."""
        chosen = self._mask(self._mentions, date_from, date_to, doc_ids)
        rows = aggregate_rows(self._places, place_counts([chosen.select(["doc_id", "place_id", "date"])]))
        collections = feature_collections(rows)
        return feature_collection(f for layer in LAYERS for f in collections[layer]["features"])

    def documents_for(self, place_id: str, date_from: DateLike = None, date_to: DateLike = None,
                      doc_ids: Iterable[str] | None = None) -> list[DocumentHit]:
        """The documents that mention a place, each with the passages that mention it."""
        mine = self._mentions.filter(pc.equal(self._mentions.column("place_id"), place_id))
        mine = self._mask(mine, date_from, date_to, doc_ids)
        by_doc: dict[str, dict[int, list[tuple[int, int, str]]]] = {}
        for m in mine.to_pylist():
            by_doc.setdefault(m["doc_id"], {}).setdefault(m["passage"], []).append(
                (m["start"], m["end"], m["text"]))
        if not by_doc:
            return []
        import pyarrow.dataset as ds

        passages = read_table(self.out_dir, "passages",
                              filter=ds.field("doc_id").isin(list(by_doc))).to_pylist()
        texts = {(p["doc_id"], p["index"]): p for p in passages}
        hits = []
        for doc_id, by_passage in by_doc.items():
            doc = self._docs.get(doc_id, {})
            found = tuple(
                PassageHit(index, texts[(doc_id, index)]["start"], texts[(doc_id, index)]["end"],
                           texts[(doc_id, index)]["text"], tuple(sorted(spans)))
                for index, spans in sorted(by_passage.items()) if (doc_id, index) in texts)
            when = doc.get("date")
            hits.append(DocumentHit(doc_id, doc.get("title"), when.isoformat() if when else None,
                                    doc.get("url"), doc.get("source", ""), found))
        return sorted(hits, key=lambda h: (h.date is None, h.date or "", h.doc_id))


def load_corpus(out_dir: str | Path) -> CorpusView:
    """The corpus output in ``out_dir``; FileNotFoundError when it is not one."""
    return CorpusView(out_dir)
