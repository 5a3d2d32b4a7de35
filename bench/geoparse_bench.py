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


def corpus_text() -> str:
    """~1 MB of news-like text: the development passages and the seed, repeated."""
    parts = [SEED.read_text(encoding="utf-8")]
    for name in ("dev_de.json", "dev_en.json"):
        parts += [d["text"] for d in json.loads((ROOT / "data/devset" / name).read_text())]
    block = "\n\n".join(parts)
    return "\n\n".join([block] * max(1, 1_000_000 // len(block.encode())))


def warm_throughput() -> tuple[float, float]:
    sys.path.insert(0, str(ROOT))
    import mapapp

    mapapp.geoparse(SEED.read_text(encoding="utf-8"))
    text = corpus_text()
    size_kb = len(text.encode()) / 1024
    start = time.perf_counter()
    for lang in ("de", "en"):
        mapapp.geoparse(text, lang)
    elapsed = time.perf_counter() - start
    return size_kb * 2 / elapsed, size_kb


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cold = cold_runs(args.runs)
    child_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    kb_per_s, size_kb = warm_throughput()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cold geoparse of the seed (whole process): median {statistics.median(cold):.2f} s, "
          f"min {min(cold):.2f} s over {len(cold)} runs; peak RSS {child_peak_mb:.0f} MB")
    print(f"warm throughput: {kb_per_s:.0f} KB/s on one core ({size_kb:.0f} KB text, de and en)")
    print(f"peak RSS of the warm run: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
