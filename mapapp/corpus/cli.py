"""``python -m mapapp corpus``: many documents on one map, on a local or an existing Dask cluster."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import IO

from mapapp.corpus.driver import BATCH_SIZE, RunSummary, run_corpus
from mapapp.corpus.inputs import DEFAULT_MAX_CHARS
from mapapp.corpus.lock import check_unlocked
from mapapp.corpus.manifest import read_manifest
from mapapp.corpus.worker import DEFAULT_DOC_SECONDS, DocLimits
from mapapp.corrections.store import read_file
from mapapp.errors import UserError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mapapp corpus",
        description="Geoparse a corpus on Dask: mention table, place counts, manifest. "
                    "Rerunning into the same --out skips the documents already done.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help=".txt/.md files, folders or globs, or JSON Lines with a text field "
                             "(and optional id, title, date, url, lang)")
    parser.add_argument("--out", required=True, help="output folder (one run at a time)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="worker processes of the local Dask cluster (default: all cores)")
    parser.add_argument("--scheduler", help="address of an existing dask.distributed scheduler, "
                                            "e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="documents per task and per partition file "
                             f"(default: about 8 batches per worker, at most {BATCH_SIZE})")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                        help="a longer document is recorded as failed, not geoparsed "
                             f"(default: {DEFAULT_MAX_CHARS:,} characters)")
    parser.add_argument("--doc-timeout", type=float, default=DEFAULT_DOC_SECONDS, metavar="SECONDS",
                        help="a document still geoparsing after this is stopped and recorded as "
                             f"failed; 0 for no limit (default: {DEFAULT_DOC_SECONDS:g} s)")
    parser.add_argument("--corrections", metavar="PATH",
                        help="apply an exported corrections file (it may hold corrections of "
                             "several texts; each document gets those made for its text)")
    parser.add_argument("--in-process", action="store_true",
                        help="run in this process without Dask (for debugging)")
    return parser


def _run_with_engine(args: argparse.Namespace, progress: IO[str]) -> RunSummary:
    fixes = tuple(read_file(Path(args.corrections))) if args.corrections else ()
    if fixes:
        print(f"mapapp corpus: {len(fixes)} corrections of {len({c.text_hash for c in fixes})} texts; "
              "each document's note says how many applied and how many were orphaned", file=progress)
    options = {"batch_size": args.batch_size, "progress": progress,
               "limits": DocLimits(max_chars=args.max_chars, seconds=args.doc_timeout or None,
                                   corrections=fixes)}
    if args.in_process:
        return run_corpus(args.inputs, args.out, **options)
    from distributed import Client, LocalCluster

    if args.scheduler:
        with Client(args.scheduler) as client:
            return run_corpus(args.inputs, args.out, client=client, **options)
    from mapapp.gazetteer.build import ensure_index

    ensure_index()
    with LocalCluster(n_workers=max(1, args.workers), threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None) as cluster, Client(cluster) as client:
        return run_corpus(args.inputs, args.out, client=client, **options)


def _report(summary: RunSummary, out: str) -> None:
    counts = (read_manifest(Path(out)) or {}).get("counts", {})
    print(f"{summary.done:,} documents geoparsed ({summary.failed:,} failed), {summary.skipped:,} "
          f"already done, {summary.docs_per_second:.1f} docs/s on {summary.engine}; corpus: "
          f"{counts.get('documents', 0):,} documents, {counts.get('places', 0):,} places, "
          f"{counts.get('mentions', 0):,} mentions in {out}")
    if summary.duplicates:
        print(f"mapapp corpus: warning: {summary.duplicates:,} documents skipped for a duplicate id "
              f"(named under \"duplicates\" in {Path(out) / 'manifest.json'})", file=sys.stderr)
    for failure in summary.batch_failures:
        print(f"mapapp corpus: batch {failure['batch']} ({failure['documents']} documents) not done: "
              f"{failure['error']}; rerun to retry", file=sys.stderr)


def cli(argv: list[str], progress: IO[str] | None = None) -> int:
    """``python -m mapapp corpus INPUT... --out DIR [--workers N] [--scheduler tcp://HOST:PORT]``."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.max_chars < 1 or args.doc_timeout < 0:
        parser.error("--max-chars must be at least 1 and --doc-timeout at least 0")
    stream = progress if progress is not None else sys.stderr
    try:
        if Path(args.out).is_dir():
            check_unlocked(Path(args.out))
        summary = _run_with_engine(args, stream)
    except (UserError, OSError) as exc:
        print(f"mapapp corpus: {exc}", file=sys.stderr)
        return 2
    _report(summary, args.out)
    return 1 if summary.batch_failures else 0


if __name__ == "__main__":
    raise SystemExit(cli(sys.argv[1:]))
