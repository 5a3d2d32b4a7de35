"""The output's record of itself: ``manifest.json`` (cumulative, the same after an identical
rerun) and ``runs.jsonl`` (one line per run)."""
from __future__ import annotations

import json
import platform
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow.compute as pc

from mapapp.corpus.storage import iter_partitions, partition_numbers, read_table
from mapapp.io.atomic import write_text_atomic

MANIFEST = "manifest.json"
RUNS_LOG = "runs.jsonl"
FORMAT = "mapapp-corpus/1"


@dataclass(frozen=True)
class Duplicate:
    """A document left out because its id (compared as a string) was already taken."""

    doc_id: str
    source: str
    line: int | None
    same_id_as: str

    def key(self) -> tuple:
        return (self.doc_id, self.source, self.line or 0)


def where(source: str, line: int | None) -> str:
    """``file`` or ``file:line``: where a document is in the inputs."""
    return source if line is None else f"{source}:{line}"


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    path = Path(out_dir) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def versions(signature: str) -> dict[str, str]:
    import dask
    import distributed
    import pyarrow

    import mapapp

    return {"mapapp": mapapp.__version__, "python": platform.python_version(),
            "pyarrow": pyarrow.__version__, "gazetteer": signature,
            "dask": dask.__version__, "distributed": distributed.__version__}


def _merged_duplicates(previous: dict[str, Any] | None, found: list[Duplicate]) -> list[dict[str, Any]]:
    known = {d.key(): d for d in (Duplicate(**x) for x in (previous or {}).get("duplicates", []))}
    for dup in found:
        known.setdefault(dup.key(), dup)
    return [asdict(known[k]) for k in sorted(known)]


def write_manifest(out: Path, inputs: list[str], signature: str, previous: dict[str, Any] | None,
                   batch_failures: list[dict[str, Any]], duplicates: list[Duplicate],
                   places: int) -> None:
    docs = read_table(out, "documents", ["doc_id", "source", "line", "status", "error"])
    failed = docs.filter(pc.equal(docs.column("status"), "failed"))
    failures = sorted(({"doc_id": r["doc_id"], "source": r["source"], "line": r["line"],
                        "error": r["error"]} for r in failed.to_pylist()), key=lambda f: f["doc_id"])
    all_inputs = list(dict.fromkeys([*(previous or {}).get("inputs", []), *inputs]))
    manifest = {
        "format": FORMAT,
        "inputs": all_inputs,
        "versions": versions(signature),
        "counts": {
            "documents": docs.num_rows,
            "ok": docs.num_rows - failed.num_rows,
            "failed": failed.num_rows,
            "mentions": sum(p.num_rows for p in iter_partitions(out, "mentions", ["doc_id"])),
            "places": places,
            "partitions": len(partition_numbers(out, "documents")),
        },
        "failures": failures,
        "duplicates": _merged_duplicates(previous, duplicates),
        "unfinished_batches": batch_failures,
    }
    write_text_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")


def append_run(out: Path, record: dict[str, Any]) -> None:
    path = out / RUNS_LOG
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    stamped = {"finished": datetime.now(timezone.utc).isoformat(timespec="seconds"), **record}
    write_text_atomic(path, old + json.dumps(stamped, ensure_ascii=False) + "\n")
