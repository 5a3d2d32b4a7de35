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


def _round(docs: list[tuple[str, str]], paused: bool) -> float:
    """CPU seconds of one pass over ``docs``; ``paused``: each document with the cyclic collector
    paused, as the batch commands run them (mapapp.collector), else with it running, as the app."""
    import mapapp
    from mapapp import collector

    start = time.process_time()
    for text, lang in docs:
        if paused:
            with collector.paused():
                mapapp.geoparse(text, lang)
        else:
            mapapp.geoparse(text, lang)
    return time.process_time() - start


def warm_throughput(rounds: int = 3) -> dict[str, float]:
    """KB/s over many documents (the usual case) and over one ~1 MB document, by wall clock and
    by this process's CPU time (steadier when the machine is shared), and over the documents
    in the round that took the least CPU time (other jobs on the machine only ever add to it),
    with the collector running and paused per document, in alternating rounds."""
    import mapapp

    docs = documents()
    for text, lang in docs:
        mapapp.geoparse(text, lang)
    size_kb = sum(len(t.encode()) for t, _ in docs) / 1024
    start, cpu = time.perf_counter(), time.process_time()
    least = {True: float("inf"), False: float("inf")}
    for _ in range(rounds):
        for paused in (False, True):
            least[paused] = min(least[paused], _round(docs, paused))
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    big = corpus_text()
    big_kb = len(big.encode()) / 1024
    big_start, big_cpu = time.perf_counter(), time.process_time()
    mapapp.geoparse(big, "de")
    out = {"many": 2 * rounds * size_kb / wall, "many_cpu": 2 * rounds * size_kb / used,
           "big": big_kb / (time.perf_counter() - big_start), "big_cpu": big_kb / (time.process_time() - big_cpu),
           "big_kb": big_kb, "least_running": size_kb / least[False], "least_paused": size_kb / least[True]}
    from geotext_bench import news_text

    news = [(news_text(), "en")]  # geotext_bench's 1 MB of English news, warm
    _round(news, True)
    news_least = {True: float("inf"), False: float("inf")}
    for _ in range(rounds):
        for paused in (False, True):
            news_least[paused] = min(news_least[paused], _round(news, paused))
    out.update(news_paused=news_least[True], news_running=news_least[False])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cold = cold_runs(args.runs)
    child_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    w = warm_throughput()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cold geoparse of the seed (whole process): median {statistics.median(cold):.2f} s, "
          f"min {min(cold):.2f} s over {len(cold)} runs; peak RSS {child_peak_mb:.0f} MB")
    print(f"warm throughput: {w['many']:.0f} KB/s on one core over {len(documents())} news documents "
          f"(de and en, 3 rounds in each mode); {w['big']:.0f} KB/s on one {w['big_kb']:.0f} KB document")
    print(f"  by CPU time: {w['many_cpu']:.0f} KB/s over the documents; {w['big_cpu']:.0f} KB/s on the one document")
    print(f"  round of least CPU time: {w['least_paused']:.0f} KB/s with the collector paused per document "
          f"(as the batch commands run), {w['least_running']:.0f} KB/s with it running (as in the app)")
    print("warm 1 MB of English news (geotext_bench's text), least CPU of 3 rounds: "
          f"{w['news_paused']:.2f} s with the collector paused, {w['news_running']:.2f} s with it running")
    print(f"peak RSS of the warm run: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
