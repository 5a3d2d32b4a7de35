"""Corpus mode: the places of many documents on one map, counted, with the way back to each passage.

Geoparsing documents is embarrassingly parallel, so the work runs on Dask: the driver streams
the inputs in batches to the workers (a bounded number in flight, so memory does not grow with
the corpus), each batch comes back as a few small arrow tables, and the driver writes them as
one parquet partition per batch. The set of documents already written makes a rerun resume.
Each worker process loads the gazetteer once (``get_gazetteer`` is cached per process).

Output folder::

    mentions/part-*.parquet   GeoParquet, one row per mention (document, place, offsets, passage, kind)
    passages/part-*.parquet   the passages that mention a place, with offsets into their document
    places/part-*.parquet     the places each batch found, with their full geometry
    documents/part-*.parquet  one row per document: metadata, counts, status and error
    places.parquet            GeoParquet, one row per place with mention/document counts, first/last date
    layers/<layer>.geojson    the same, one FeatureCollection per map layer
    manifest.json             inputs, versions, counts, failures (the same after an identical rerun)
    runs.jsonl                one line per run: engine, speed, documents sent
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from itertools import islice
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc

from mapapp.io.atomic import write_text_atomic
from mapapp.corpus.storage import (DOCUMENTS_SCHEMA, MENTIONS_SCHEMA, PASSAGES_SCHEMA, PLACES_SCHEMA,
                              CorpusInputError, DocRef, expand_inputs, iter_partitions, iter_refs,
                              parse_date, partition_numbers, read_table, remove_incomplete_partitions,
                              write_partition, write_table)
from mapapp.layers import LAYERS

BATCH_SIZE = 200
MANIFEST = "manifest.json"
RUNS_LOG = "runs.jsonl"
FORMAT = "mapapp-corpus/1"


# --------------------------------------------------------------------------- worker side

def _geoparse_rows(ref: DocRef, rows: dict[str, list[dict]], seen_places: set[str]) -> dict[str, Any]:
    """Geoparse one document into table rows; returns its documents row (raises on failure)."""
    from shapely import to_wkb
    from shapely.geometry import Point

    from mapapp import geoparse
    from mapapp.io.textio import read_text_file

    notes: list[str] = []
    if ref.error:
        raise ValueError(ref.error)
    if ref.text is not None:
        text = ref.text
    else:
        decoded = read_text_file(ref.path or ref.source)
        text = decoded.text
        notes += decoded.warnings
    when, note = parse_date(ref.date)
    if note:
        notes.append(note)
    doc = geoparse(text, ref.lang, online=False)
    notes += doc.warnings
    pairs = doc.mentions()
    for mention, place in pairs:
        rows["mentions"].append({
            "doc_id": ref.doc_id, "place_id": place.id, "layer": place.layer, "name": place.name,
            "country_code": place.country_code, "kind": mention.kind, "start": mention.start,
            "end": mention.end, "passage": mention.passage, "text": mention.text, "date": when,
            "geometry": to_wkb(Point(place.lon, place.lat))})
    for index in sorted({m.passage for m, _ in pairs}):
        p = doc.passages[index]
        rows["passages"].append({"doc_id": ref.doc_id, "index": p.index, "start": p.start,
                                 "end": p.end, "text": p.text})
    for place in doc.places:
        if place.id not in seen_places:
            seen_places.add(place.id)
            rows["places"].append({
                "place_id": place.id, "name": place.name, "layer": place.layer,
                "category": place.category, "country_code": place.country_code,
                "lat": place.lat, "lon": place.lon, "geometry": to_wkb(place.geometry)})
    return {"lang": doc.lang, "chars": len(text), "passages": len(doc.passages),
            "mentions": len(pairs), "places": len(doc.places), "date": when,
            "note": "; ".join(notes) or None}


def process_batch(refs: list[DocRef]) -> dict[str, pa.Table]:
    """The tables of one batch. Runs on a worker; a document that fails becomes a failed row."""
    rows: dict[str, list[dict]] = {"mentions": [], "passages": [], "places": [], "documents": []}
    seen_places: set[str] = set()
    for ref in refs:
        base = {"doc_id": ref.doc_id, "source": ref.source, "title": ref.title, "url": ref.url}
        try:
            row = {**base, **_geoparse_rows(ref, rows, seen_places), "status": "ok", "error": None}
        except Exception as exc:  # one bad document must not stop the corpus
            when, note = parse_date(ref.date)
            row = {**base, "date": when, "lang": None, "chars": None, "passages": None,
                   "mentions": None, "places": None, "status": "failed",
                   "error": f"{type(exc).__name__}: {exc}", "note": note}
        rows["documents"].append(row)
    schemas = {"mentions": MENTIONS_SCHEMA, "passages": PASSAGES_SCHEMA,
               "places": PLACES_SCHEMA, "documents": DOCUMENTS_SCHEMA}
    return {name: pa.Table.from_pylist(rows[name], schema=schemas[name]) for name in schemas}


def worker_ready(check_index: bool = True) -> dict[str, Any]:
    """Load the gazetteer and lexicons once in this process; say which index it is, so all
    workers can be checked to agree."""
    from mapapp.gazetteer.index import get_gazetteer, index_is_current

    if check_index and not index_is_current():
        raise RuntimeError(f"gazetteer index missing or stale on {platform.node()}: "
                           "run `python -m mapapp index` on this machine")
    from mapapp import geoparse

    gaz = get_gazetteer()
    for text, lang in (("Berlin liegt in Deutschland.", "de"), ("Paris is in France.", "en")):
        geoparse(text, lang, online=False)  # loads the lexicons now, not inside the first batch
    return {"host": platform.node(), "pid": os.getpid(), "signature": gaz.meta("signature")}


# --------------------------------------------------------------------------- driver

@dataclass
class RunSummary:
    """What one run did; the cumulative state of the output is in the manifest."""

    engine: str
    workers: int
    skipped: int = 0
    sent: int = 0
    done: int = 0
    failed: int = 0
    duplicates: int = 0
    batch_failures: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0


Result = dict[str, pa.Table] | BaseException
Batch = tuple[int, list[DocRef]]


def _batches(refs: Iterable[DocRef], size: int, first_number: int) -> Iterator[Batch]:
    it = iter(refs)
    number = first_number
    while chunk := list(islice(it, size)):
        yield number, chunk
        number += 1


def _inline_results(batches: Iterator[Batch]) -> Iterator[tuple[int, list[DocRef], Result]]:
    """The same work in this process, without Dask: the reference the engine is tested against."""
    for number, refs in batches:
        try:
            result: Result = process_batch(refs)
        except Exception as exc:
            result = exc
        yield number, refs, result


def _dask_results(client, batches: Iterator[Batch], in_flight: int
                  ) -> Iterator[tuple[int, list[DocRef], Result]]:
    """Batches submitted to Dask with at most ``in_flight`` pending, results as they complete."""
    from distributed import as_completed

    pending: dict[Any, Batch] = {}
    done = as_completed()

    def submit_next() -> None:
        batch = next(batches, None)
        if batch is not None:
            future = client.submit(process_batch, batch[1], pure=False, retries=1)
            pending[future] = batch
            done.add(future)

    for _ in range(in_flight):
        submit_next()
    for future in done:
        number, refs = pending.pop(future)
        try:
            result: Result = future.result()
        except Exception as exc:
            result = exc
        future.release()
        submit_next()
        yield number, refs, result


def format_progress(done: int, total: int, elapsed: float, failed: int = 0, width: int = 24) -> str:
    """``[#####-----] 1,200/10,000 docs  45.3 docs/s  ETA 3:14  2 failed``."""
    fraction = done / total if total else 1.0
    bar = "#" * round(width * fraction) + "-" * (width - round(width * fraction))
    rate = done / elapsed if elapsed > 0 else 0.0
    if done >= total:
        eta = "done"
    elif rate > 0:
        secs = int(round((total - done) / rate))
        eta = f"ETA {secs // 3600}:{secs // 60 % 60:02d}:{secs % 60:02d}"
    else:
        eta = "ETA --:--:--"
    tail = f"  {failed:,} failed" if failed else ""
    return f"[{bar}] {done:,}/{total:,} docs  {rate:.1f} docs/s  {eta}{tail}"


class Progress:
    """A progress line on a terminal, or one line every ``interval`` seconds in a log."""

    def __init__(self, total: int, stream: IO[str] | None, interval: float | None = None) -> None:
        self.total, self.stream = total, stream
        self.tty = bool(stream is not None and getattr(stream, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.2 if self.tty else 10.0)
        self.start = self.last = time.monotonic()

    def update(self, done: int, failed: int, final: bool = False) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if not final and now - self.last < self.interval:
            return
        self.last = now
        line = format_progress(done, self.total, now - self.start, failed)
        end = "\n" if final or not self.tty else ""
        self.stream.write(("\r" if self.tty else "") + line + end)
        self.stream.flush()


def _signature_of_workers(client) -> str:
    answers = client.run(worker_ready)
    signatures = {a["signature"] for a in answers.values()}
    if len(signatures) != 1:
        raise RuntimeError("workers have different gazetteer indexes: "
                           + ", ".join(f"{a['host']}: {a['signature']}" for a in answers.values())
                           + "; run `python -m mapapp index` with the same data on every machine")
    return signatures.pop()


def _read_manifest(out_dir: Path) -> dict[str, Any] | None:
    path = out_dir / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _done_ids(out_dir: Path) -> set[str]:
    return set(read_table(out_dir, "documents", ["doc_id"]).column("doc_id").to_pylist())


def auto_batch_size(documents: int, workers: int) -> int:
    """About eight batches per worker, so the last batches do not leave workers idle, but at most
    ``BATCH_SIZE`` documents (bounded memory) and at least 10 (few tiny partitions)."""
    return max(10, min(BATCH_SIZE, -(-documents // (8 * workers))))


def run_corpus(inputs: list[str], out_dir: str | Path, *, client=None, batch_size: int | None = None,
               in_flight: int | None = None, progress: IO[str] | None = None) -> RunSummary:
    """Geoparse every document of ``inputs`` not yet in ``out_dir``, then rewrite the aggregates.

    ``client`` is a ``distributed.Client``; without one the batches run in this process.
    ``batch_size`` defaults to :func:`auto_batch_size`.
    """
    out = Path(out_dir)
    paths = expand_inputs(inputs)
    out.mkdir(parents=True, exist_ok=True)
    if client is None:
        signature = worker_ready(check_index=False)["signature"]
        workers = 1
    else:
        signature = _signature_of_workers(client)
        workers = max(1, sum(client.nthreads().values()))
    previous = _read_manifest(out)
    if previous and previous.get("versions", {}).get("gazetteer") not in (None, signature):
        raise CorpusInputError(f"{out} was made with another gazetteer index; use a new --out folder")
    remove_incomplete_partitions(out)
    done_ids = _done_ids(out)
    summary = RunSummary(engine=_engine_name(client), workers=workers)
    waiting = {ref.doc_id for ref in iter_refs(paths)} - done_ids
    total = len(waiting)

    def todo() -> Iterator[DocRef]:
        """Each waiting id once (a later duplicate id is skipped); texts are read lazily."""
        for ref in iter_refs(paths):
            if ref.doc_id in waiting:
                waiting.discard(ref.doc_id)
                summary.sent += 1
                yield ref
            elif ref.doc_id in done_ids:
                summary.skipped += 1
            else:
                summary.duplicates += 1

    existing = partition_numbers(out, "documents")
    size = batch_size or auto_batch_size(total, workers)
    batches = _batches(todo(), size, (existing[-1] + 1) if existing else 0)
    if client is None:
        results = _inline_results(batches)
    else:
        results = _dask_results(client, batches, in_flight or 2 * workers)
    bar = Progress(total, progress)
    started = time.monotonic()
    for number, refs, result in results:
        if isinstance(result, BaseException):
            summary.batch_failures.append({"batch": number, "documents": len(refs),
                                           "first": refs[0].doc_id,
                                           "error": f"{type(result).__name__}: {result}"})
        else:
            write_partition(out, number, result)
            status = result["documents"].column("status")
            failed = pc.sum(pc.equal(status, "failed")).as_py() or 0
            summary.done += len(refs)
            summary.failed += failed
        bar.update(summary.done, summary.failed)
    summary.seconds = time.monotonic() - started
    bar.update(summary.done, summary.failed, final=True)
    places = aggregate(out)
    _write_manifest(out, inputs, signature, previous, summary, places)
    _append_run(out, summary)
    return summary


def _engine_name(client) -> str:
    if client is None:
        return "in-process"
    return f"dask {client.scheduler.address}"


# --------------------------------------------------------------------------- aggregates

def _combine(acc: dict[str, list], part: pa.Table) -> None:
    """Fold one partition's per-place counts into ``acc`` (documents never span partitions)."""
    grouped = part.group_by("place_id").aggregate(
        [("doc_id", "count"), ("doc_id", "count_distinct"), ("date", "min"), ("date", "max")])
    for row in grouped.to_pylist():
        cur = acc.setdefault(row["place_id"], [0, 0, None, None])
        cur[0] += row["doc_id_count"]
        cur[1] += row["doc_id_count_distinct"]
        first, last = row["date_min"], row["date_max"]
        if first is not None and (cur[2] is None or first < cur[2]):
            cur[2] = first
        if last is not None and (cur[3] is None or last > cur[3]):
            cur[3] = last


def place_counts(mentions: Iterable[pa.Table]) -> dict[str, list]:
    """place id -> [mention count, document count, first date, last date]."""
    acc: dict[str, list] = {}
    for part in mentions:
        if part.num_rows:
            _combine(acc, part)
    return acc


AGGREGATE_SCHEMA = pa.schema([
    ("place_id", pa.string()), ("name", pa.string()), ("layer", pa.string()),
    ("category", pa.string()), ("country_code", pa.string()), ("lat", pa.float64()),
    ("lon", pa.float64()), ("mention_count", pa.int64()), ("document_count", pa.int64()),
    ("first_date", pa.date32()), ("last_date", pa.date32()), ("geometry", pa.binary()),
])


def _sort_key(row: dict[str, Any]) -> tuple:
    return (LAYERS.index(row["layer"]) if row["layer"] in LAYERS else len(LAYERS),
            -row["document_count"], -row["mention_count"], row["place_id"])


def aggregate_rows(info: dict[str, dict[str, Any]], counts: dict[str, list]) -> list[dict[str, Any]]:
    rows = []
    for place_id, (mentions, docs, first, last) in counts.items():
        place = info.get(place_id)
        if place is None:
            continue
        rows.append({**place, "mention_count": mentions, "document_count": docs,
                     "first_date": first, "last_date": last})
    return sorted(rows, key=_sort_key)


def feature_collections(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """One FeatureCollection per layer, every layer present even when empty."""
    from shapely import from_wkb
    from shapely.geometry import mapping

    layers: dict[str, list] = {layer: [] for layer in LAYERS}
    for row in rows:
        props = {k: v for k, v in row.items() if k not in ("geometry", "place_id")}
        props = {"id": row["place_id"], **props,
                 "lat": round(row["lat"], 5), "lon": round(row["lon"], 5),
                 "first_date": row["first_date"].isoformat() if row["first_date"] else None,
                 "last_date": row["last_date"].isoformat() if row["last_date"] else None}
        feature = {"type": "Feature", "id": row["place_id"], "properties": props,
                   "geometry": mapping(from_wkb(row["geometry"]))}
        layers.setdefault(row["layer"], []).append(feature)
    return {layer: {"type": "FeatureCollection", "features": feats} for layer, feats in layers.items()}


def _place_info(out_dir: Path) -> dict[str, dict[str, Any]]:
    info: dict[str, dict[str, Any]] = {}
    for part in iter_partitions(out_dir, "places"):
        for row in part.to_pylist():
            info.setdefault(row["place_id"], row)
    return info


def aggregate(out_dir: str | Path) -> int:
    """Rewrite places.parquet and layers/*.geojson from the partitions, one partition at a time."""
    out = Path(out_dir)
    counts = place_counts(iter_partitions(out, "mentions", ["doc_id", "place_id", "date"]))
    rows = aggregate_rows(_place_info(out), counts)
    write_table(out / "places.parquet", pa.Table.from_pylist(rows, schema=AGGREGATE_SCHEMA), [])
    for layer, collection in feature_collections(rows).items():
        write_text_atomic(out / "layers" / f"{layer}.geojson",
                          json.dumps(collection, ensure_ascii=False, separators=(",", ":")))
    return len(rows)


# --------------------------------------------------------------------------- manifest

def _versions(signature: str) -> dict[str, str]:
    import pyarrow

    import mapapp

    versions = {"mapapp": mapapp.__version__, "python": platform.python_version(),
                "pyarrow": pyarrow.__version__, "gazetteer": signature}
    try:
        import dask
        import distributed
        versions.update(dask=dask.__version__, distributed=distributed.__version__)
    except ImportError:
        pass
    return versions


def _write_manifest(out: Path, inputs: list[str], signature: str, previous: dict[str, Any] | None,
                    summary: RunSummary, places: int) -> None:
    docs = read_table(out, "documents", ["doc_id", "source", "status", "error"])
    failed = docs.filter(pc.equal(docs.column("status"), "failed"))
    failures = sorted(({"doc_id": r["doc_id"], "source": r["source"], "error": r["error"]}
                       for r in failed.to_pylist()), key=lambda f: f["doc_id"])
    all_inputs = list(dict.fromkeys([*(previous or {}).get("inputs", []), *inputs]))
    manifest = {
        "format": FORMAT,
        "inputs": all_inputs,
        "versions": _versions(signature),
        "counts": {
            "documents": docs.num_rows,
            "ok": docs.num_rows - failed.num_rows,
            "failed": failed.num_rows,
            "mentions": sum(p.num_rows for p in iter_partitions(out, "mentions", ["doc_id"])),
            "places": places,
            "partitions": len(partition_numbers(out, "documents")),
        },
        "failures": failures,
        "unfinished_batches": summary.batch_failures,
    }
    write_text_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")


def _append_run(out: Path, summary: RunSummary) -> None:
    path = out / RUNS_LOG
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    record = {"finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              **asdict(summary), "docs_per_second": round(summary.docs_per_second, 2)}
    write_text_atomic(path, old + json.dumps(record, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- reading an output

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

        self.manifest: dict[str, Any] = _read_manifest(self.out_dir) or {}
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
        return {"type": "FeatureCollection",
                "features": [f for layer in LAYERS for f in collections[layer]["features"]]}

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
    return CorpusView(out_dir)


# --------------------------------------------------------------------------- command line

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mapapp corpus",
        description="Geoparse a corpus on Dask: mention table, place counts, manifest. "
                    "Rerunning into the same --out skips the documents already done.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help=".txt/.md files, folders or globs, or JSON Lines with a text field "
                             "(and optional id, title, date, url, lang)")
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="worker processes of the local Dask cluster (default: all cores)")
    parser.add_argument("--scheduler", help="address of an existing dask.distributed scheduler, "
                                            "e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="documents per task and per partition file "
                             f"(default: about 8 batches per worker, at most {BATCH_SIZE})")
    parser.add_argument("--in-process", action="store_true",
                        help="run in this process without Dask (for debugging)")
    return parser


def _run_with_engine(args: argparse.Namespace, progress: IO[str]) -> RunSummary:
    if args.in_process:
        return run_corpus(args.inputs, args.out, batch_size=args.batch_size, progress=progress)
    from distributed import Client, LocalCluster

    if args.scheduler:
        with Client(args.scheduler) as client:
            return run_corpus(args.inputs, args.out, client=client, batch_size=args.batch_size,
                              progress=progress)
    from mapapp.gazetteer.index import ensure_index

    ensure_index()
    with LocalCluster(n_workers=max(1, args.workers), threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None) as cluster, Client(cluster) as client:
        return run_corpus(args.inputs, args.out, client=client, batch_size=args.batch_size,
                          progress=progress)


def cli(argv: list[str], progress: IO[str] | None = None) -> int:
    """``python -m mapapp corpus INPUT... --out DIR [--workers N] [--scheduler tcp://HOST:PORT]``."""
    args = _parser().parse_args(argv)
    stream = progress if progress is not None else sys.stderr
    try:
        summary = _run_with_engine(args, stream)
    except (CorpusInputError, RuntimeError, OSError) as exc:
        print(f"mapapp corpus: {exc}", file=sys.stderr)
        return 2
    manifest = _read_manifest(Path(args.out)) or {}
    counts = manifest.get("counts", {})
    print(f"{summary.done:,} documents geoparsed ({summary.failed:,} failed), {summary.skipped:,} "
          f"already done, {summary.docs_per_second:.1f} docs/s on {summary.engine}; corpus: "
          f"{counts.get('documents', 0):,} documents, {counts.get('places', 0):,} places, "
          f"{counts.get('mentions', 0):,} mentions in {args.out}")
    if summary.duplicates:
        print(f"mapapp corpus: warning: {summary.duplicates:,} documents skipped for a duplicate id",
              file=sys.stderr)
    for failure in summary.batch_failures:
        print(f"mapapp corpus: batch {failure['batch']} ({failure['documents']} documents) not done: "
              f"{failure['error']}; rerun to retry", file=sys.stderr)
    return 1 if summary.batch_failures else 0


if __name__ == "__main__":
    raise SystemExit(cli(sys.argv[1:]))
