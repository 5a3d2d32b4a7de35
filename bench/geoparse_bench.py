"""Geoparse speed and memory: cold whole process on the seed, warm throughput, peak RSS.

Run: .venv/bin/python bench/geoparse_bench.py [--runs N]
Targets (issue 2): cold < 1.5 s, warm >= 500 KB/s on one core, peak < 600 MB.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "kazakhstan_commentary_de.txt"


def cold_runs(runs: int) -> list[float]:
    """Whole `python -m mapapp geoparse SEED` processes, output discarded."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mapapp", "geoparse", str(SEED)], cwd=ROOT,
                       stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return times


GEOWEBNEWS = ROOT.parent / "shared" / "corpora" / "geowebnews.json"


def documents() -> list[tuple[str, str]]:
    """News documents with their language: the seed, GeoWebNews's 200 articles (when
    ../shared is there) and the development passages."""
    docs = [(SEED.read_text(encoding="utf-8"), "de")]
    if GEOWEBNEWS.exists():
        docs += [(d["text"], "en") for d in json.loads(GEOWEBNEWS.read_text(encoding="utf-8"))]
    for name in ("dev_de.json", "dev_en.json"):
        docs += [(d["text"], d["lang"]) for d in json.loads((ROOT / "data/devset" / name).read_text())]
    return docs


def corpus_text() -> str:
    """~1 MB of news-like text in one string: the documents above, repeated."""
    block = "\n\n".join(text for text, _ in documents())
    return "\n\n".join([block] * max(1, 1_000_000 // len(block.encode())))


def warm_throughput() -> tuple[float, float, float, float, float, float]:
    """KB/s over many documents (the usual case) and over one ~1 MB document, by wall clock and
    by this process's CPU time (steadier when the machine is shared), and over the documents
    in the round that took the least CPU time (other jobs on the machine only ever add to it)."""
    import mapapp

    docs = documents()
    for text, lang in docs:
        mapapp.geoparse(text, lang)
    rounds = 3
    size_kb = rounds * sum(len(t.encode()) for t, _ in docs) / 1024
    start, cpu = time.perf_counter(), time.process_time()
    least = float("inf")
    for _ in range(rounds):
        round_cpu = time.process_time()
        for text, lang in docs:
            mapapp.geoparse(text, lang)
        least = min(least, time.process_time() - round_cpu)
    many, many_cpu = size_kb / (time.perf_counter() - start), size_kb / (time.process_time() - cpu)
    big = corpus_text()
    big_kb = len(big.encode()) / 1024
    start, cpu = time.perf_counter(), time.process_time()
    mapapp.geoparse(big, "de")
    return (many, many_cpu, big_kb / (time.perf_counter() - start), big_kb / (time.process_time() - cpu), big_kb,
            size_kb / rounds / least)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cold = cold_runs(args.runs)
    child_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    many, many_cpu, big, big_cpu, big_kb, best_round = warm_throughput()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cold geoparse of the seed (whole process): median {statistics.median(cold):.2f} s, "
          f"min {min(cold):.2f} s over {len(cold)} runs; peak RSS {child_peak_mb:.0f} MB")
    print(f"warm throughput: {many:.0f} KB/s on one core over {len(documents())} news documents "
          f"(de and en, 3 rounds); {big:.0f} KB/s on one {big_kb:.0f} KB document")
    print(f"  by CPU time: {many_cpu:.0f} KB/s over the documents; {big_cpu:.0f} KB/s on the one document; "
          f"{best_round:.0f} KB/s over the documents in the round of least CPU time")
    print(f"peak RSS of the warm run: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
