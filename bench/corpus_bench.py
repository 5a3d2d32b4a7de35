"""Corpus mode on Dask: documents per second with 1 and 2 workers, and peak memory per worker.

Builds a corpus by recombining the dev passages (data/devset) and GeoWebNews paragraphs (read
from ../shared/corpora, never copied) into a temporary folder of .txt files, then runs
``run_corpus`` on fresh local clusters. Timings exclude cluster start-up and the one gazetteer
load per worker (reported separately). The machine may be shared: the load average is printed
with every figure.

    .venv/bin/python bench/corpus_bench.py [--small 2000] [--large 10000]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from mapapp.corpus.driver import run_corpus
from mapapp.corpus.worker import worker_ready
from mapapp.io.paths import DATA_DIR

GEOWEBNEWS = ROOT.parent / "shared" / "corpora" / "geowebnews.json"


def paragraph_pool() -> list[str]:
    pool = []
    for name in ("dev_de.json", "dev_en.json"):
        pool += [d["text"] for d in json.loads((DATA_DIR / "devset" / name).read_text(encoding="utf-8"))]
    if GEOWEBNEWS.exists():
        for doc in json.loads(GEOWEBNEWS.read_text(encoding="utf-8")):
            pool += [p.strip() for p in re.split(r"\n\s*\n", doc["text"]) if len(p.strip()) > 80]
    return pool


def build_corpus(folder: Path, n: int, pool: list[str]) -> int:
    """``n`` documents of 2 to 5 paragraphs each, the same for the same ``n`` (seeded)."""
    rng = random.Random(7)
    chars = 0
    for i in range(n):
        text = "\n\n".join(rng.sample(pool, rng.randint(2, 5)))
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    return time.process_time()


def cpu_parallelism(seconds: float = 1.5) -> float:
    """How much faster two CPU-bound processes finish than one after the other, right now: the
    ceiling for the 1 -> 2 worker scaling on a machine shared with other work."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        n = pool.submit(_calibrate, seconds).result()
        t0 = time.perf_counter()
        pool.submit(_burn, n).result()
        one = time.perf_counter() - t0
        t0 = time.perf_counter()
        list(pool.map(_burn, [n, n]))
        two = time.perf_counter() - t0
    return 2 * one / two


def _calibrate(seconds: float) -> int:
    t0, n = time.perf_counter(), 0
    while time.perf_counter() - t0 < seconds / 10:
        _burn(100_000)
        n += 100_000
    return n * 10


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(corpus: Path, workers: int) -> dict:
    from distributed import Client, LocalCluster, get_task_stream

    with tempfile.TemporaryDirectory(prefix="corpus-out-") as out, \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None) as cluster, Client(cluster) as client:
        t0 = time.perf_counter()
        client.run(worker_ready)
        warm = time.perf_counter() - t0
        after_load = client.run(current_rss_mb)
        load_before = os.getloadavg()
        cpu0, busy0 = time.process_time(), client.run(cpu_seconds)
        with get_task_stream(client) as stream:
            summary = run_corpus([str(corpus)], out, client=client)
        in_task = {w: 0.0 for w in client.nthreads()}
        for task in stream.data:
            for step in task["startstops"]:
                if step["action"] == "compute":
                    in_task[task["worker"]] = in_task.get(task["worker"], 0.0) + step["stop"] - step["start"]
        driver_cpu = time.process_time() - cpu0
        busy = {k: v - busy0[k] for k, v in client.run(cpu_seconds).items()}
        peaks = client.run(peak_rss_mb)
        return {"workers": workers, "docs": summary.done, "failed": summary.failed,
                "seconds": summary.seconds, "docs_per_s": summary.docs_per_second,
                "gazetteer_load_s": warm,
                "rss_after_gazetteer_mb": max(after_load.values()),
                "peak_rss_per_worker_mb": sorted(peaks.values()),
                "driver_cpu_s": driver_cpu,
                "in_task_share": sorted(v / summary.seconds for v in in_task.values()), "worker_cpu_s": sorted(busy.values()),
                "load_before": load_before, "load_after": os.getloadavg()}


def show(r: dict) -> None:
    peaks = ", ".join(f"{p:.0f}" for p in r["peak_rss_per_worker_mb"])
    print(f"  {r['docs']:>6,} docs, {r['workers']} worker(s): {r['docs_per_s']:6.1f} docs/s "
          f"({r['seconds']:.1f} s, {r['failed']} failed); gazetteer load {r['gazetteer_load_s']:.1f} s, "
          f"RSS after load {r['rss_after_gazetteer_mb']:.0f} MB, peak RSS per worker {peaks} MB; "
          f"CPU s: workers {', '.join(f'{c:.1f}' for c in r['worker_cpu_s'])}, "
          f"driver+scheduler {r['driver_cpu_s']:.1f}; workers inside a task "
          f"{', '.join(f'{100 * b:.0f}%' for b in r['in_task_share'])} of the run; "
          f"load average {r['load_before'][0]:.2f} -> {r['load_after'][0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the 1- and 2-worker measurements this many times, alternating, "
                             "and keep the fastest of each (other work on the machine only slows runs down)")
    args = parser.parse_args()
    from mapapp.gazetteer.build import ensure_index

    ensure_index()
    pool = paragraph_pool()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
          f"{os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}; pool of {len(pool)} paragraphs")
    with tempfile.TemporaryDirectory(prefix="corpus-bench-") as tmp:
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        chars = build_corpus(small, args.small, pool)
        print(f"corpus of {args.small:,} documents, {chars / args.small:.0f} characters on average")
        runs: dict[int, list[dict]] = {1: [], 2: []}
        for _ in range(max(1, args.repeat)):
            for workers in (1, 2):
                runs[workers].append(measure(small, workers))
                show(runs[workers][-1])
        one, two = (max(runs[w], key=lambda r: r["docs_per_s"]) for w in (1, 2))
        ceiling = cpu_parallelism()
        by_cpu = one["worker_cpu_s"][0] / max(two["worker_cpu_s"])
        print(f"  scaling 1 -> 2 workers (fastest of {max(1, args.repeat)}): "
              f"{two['docs_per_s'] / one['docs_per_s']:.2f}x wall clock "
              f"(two plain CPU-bound processes on this machine right now: {ceiling:.2f}x); "
              f"{by_cpu:.2f}x by worker CPU time (the wall-clock scaling on two free cores)")
        if args.large:
            build_corpus(large, args.large, pool)
            big = measure(large, 2)
            show(big)
            grow = max(big["peak_rss_per_worker_mb"]) - max(two["peak_rss_per_worker_mb"])
            print(f"  peak RSS per worker, {args.large:,} vs {args.small:,} documents: {grow:+.0f} MB")


if __name__ == "__main__":
    main()
