"""The driver of corpus mode: which documents to send, in batches, and what came back.

The driver streams the inputs in batches to the workers (a bounded number in flight, so
memory does not grow with the corpus); each batch comes back as a few small arrow tables,
written as one partition per batch. The documents already written make a rerun resume.

Output folder::

    mentions/part-*.parquet   GeoParquet, one row per mention (document, place, offsets, passage, kind)
    passages/part-*.parquet   the passages that mention a place, with offsets into their document
    places/part-*.parquet     the places each batch found, with their full geometry
    documents/part-*.parquet  one row per document: metadata, input line, counts, status and error
    places.parquet            GeoParquet, one row per place with mention/document counts, first/last date
    layers/<layer>.geojson    the same, one FeatureCollection per map layer
    manifest.json             inputs, versions, counts, failures, duplicates (the same after an identical rerun)
    runs.jsonl                one line per run: engine, speed, documents sent
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc

from mapapp.corpus.aggregate import aggregate
from mapapp.corpus.cluster import check_cluster
from mapapp.corpus.inputs import DocRef, expand_inputs, iter_refs
from mapapp.corpus.lock import out_lock
from mapapp.corpus.manifest import Duplicate, append_run, read_manifest, where, write_manifest
from mapapp.corpus.progress import Progress
from mapapp.corpus.storage import partition_numbers, read_table, remove_incomplete_partitions, write_partition
from mapapp.corpus.worker import DocLimits, process_batch, worker_ready
from mapapp.errors import CorpusInputError

BATCH_SIZE = 200

Result = dict[str, pa.Table] | BaseException
Batch = tuple[int, list[DocRef]]
Where = tuple[str, int | None]


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


@dataclass
class Plan:
    """The ids still to geoparse, and the documents dropped for an id already taken."""

    waiting: set[str]
    skipped: int
    duplicates: list[Duplicate]


def plan_documents(refs: Iterable[DocRef], taken: dict[str, Where]) -> Plan:
    """Walk the inputs once: an id already written from the same place is done (skipped), an
    id first seen is waiting, an id taken by another document is a duplicate (named).
    ``taken`` (id -> where its document is) is extended in place."""
    waiting: set[str] = set()
    skipped = 0
    duplicates: list[Duplicate] = []
    for ref in refs:
        seen = taken.get(ref.doc_id)
        if seen is None:
            taken[ref.doc_id] = (ref.source, ref.line)
            waiting.add(ref.doc_id)
        elif seen[0] == ref.source and seen[1] in (None, ref.line) and ref.doc_id not in waiting:
            skipped += 1
        else:
            duplicates.append(Duplicate(ref.doc_id, ref.source, ref.line, where(*seen)))
    return Plan(waiting, skipped, duplicates)


def _written(out_dir: Path) -> dict[str, Where]:
    docs = read_table(out_dir, "documents", ["doc_id", "source", "line"])
    return dict(zip(docs.column("doc_id").to_pylist(),
                    zip(docs.column("source").to_pylist(), docs.column("line").to_pylist())))


def _batches(refs: Iterable[DocRef], size: int, first_number: int) -> Iterator[Batch]:
    it = iter(refs)
    number = first_number
    while chunk := list(islice(it, size)):
        yield number, chunk
        number += 1


def _inline_results(batches: Iterator[Batch], limits: DocLimits
                    ) -> Iterator[tuple[int, list[DocRef], Result]]:
    """The same work in this process, without Dask: the reference the engine is tested against."""
    for number, refs in batches:
        try:
            result: Result = process_batch(refs, limits)
        except Exception as exc:
            result = exc
        yield number, refs, result


def _dask_results(client, batches: Iterator[Batch], in_flight: int, limits: DocLimits
                  ) -> Iterator[tuple[int, list[DocRef], Result]]:
    """Batches submitted to Dask with at most ``in_flight`` pending, results as they complete."""
    from distributed import as_completed

    pending: dict[Any, Batch] = {}
    done = as_completed()

    def submit_next() -> None:
        batch = next(batches, None)
        if batch is not None:
            future = client.submit(process_batch, batch[1], limits, pure=False, retries=1)
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


def auto_batch_size(documents: int, workers: int) -> int:
    """About eight batches per worker, so the last batches do not leave workers idle, but at most
    ``BATCH_SIZE`` documents (bounded memory) and at least 10 (few tiny partitions)."""
    return max(10, min(BATCH_SIZE, -(-documents // (8 * workers))))


def engine_name(client) -> str:
    return "in-process" if client is None else f"dask {client.scheduler.address}"


def run_corpus(inputs: list[str], out_dir: str | Path, *, client=None, batch_size: int | None = None,
               in_flight: int | None = None, progress: IO[str] | None = None,
               limits: DocLimits = DocLimits()) -> RunSummary:
    """Geoparse every document of ``inputs`` not yet in ``out_dir``, then rewrite the aggregates.

    ``client`` is a ``distributed.Client``; without one the batches run in this process.
    ``batch_size`` defaults to :func:`auto_batch_size`. Another run into the same folder is
    refused (OutputError) while this one holds it.
    """
    out = Path(out_dir)
    paths = expand_inputs(inputs)
    out.mkdir(parents=True, exist_ok=True)
    with out_lock(out):
        return _run_locked(inputs, paths, out, client, batch_size, in_flight, progress, limits)


def _run_locked(inputs: list[str], paths: list[Path], out: Path, client, batch_size: int | None,
                in_flight: int | None, progress: IO[str] | None, limits: DocLimits) -> RunSummary:
    if client is None:
        signature = worker_ready(check_index=False)["signature"]
        workers = 1
    else:
        signature = check_cluster(client)
        workers = max(1, sum(client.nthreads().values()))
    previous = read_manifest(out)
    if previous and previous.get("versions", {}).get("gazetteer") not in (None, signature):
        raise CorpusInputError(f"{out} was made with another gazetteer index; use a new --out folder")
    remove_incomplete_partitions(out)
    plan = plan_documents(iter_refs(paths, limits.max_chars), _written(out))
    summary = RunSummary(engine=engine_name(client), workers=workers, skipped=plan.skipped,
                         duplicates=len(plan.duplicates))
    total = len(plan.waiting)

    def todo() -> Iterator[DocRef]:
        """Each waiting id at its first place in the inputs; texts are read lazily."""
        for ref in iter_refs(paths, limits.max_chars):
            if ref.doc_id in plan.waiting:
                plan.waiting.discard(ref.doc_id)
                summary.sent += 1
                yield ref

    existing = partition_numbers(out, "documents")
    size = batch_size or auto_batch_size(total, workers)
    batches = _batches(todo(), size, (existing[-1] + 1) if existing else 0)
    if client is None:
        results = _inline_results(batches, limits)
    else:
        results = _dask_results(client, batches, in_flight or 2 * workers, limits)
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
            summary.done += len(refs)
            summary.failed += pc.sum(pc.equal(status, "failed")).as_py() or 0
        bar.update(summary.done, summary.failed)
    summary.seconds = time.monotonic() - started
    bar.update(summary.done, summary.failed, final=True)
    places = aggregate(out)
    write_manifest(out, inputs, signature, previous, summary.batch_failures, plan.duplicates, places)
    append_run(out, {**asdict(summary), "docs_per_second": round(summary.docs_per_second, 2)})
    return summary
