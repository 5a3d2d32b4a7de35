"""Warm export time of the seed map per format (target: under 2 s each, PNG under 0.5 s).

Usage: .venv/bin/python bench/export_bench.py [SOURCE] [--repeat N]
SOURCE defaults to the seed's built layers (or the seed text, geoparsed once).
Wall and CPU seconds are both printed: on a shared machine the CPU time is the steadier figure.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time

from mapapp.render.image.export import FORMATS, ExportOptions, render_places
from mapapp.render.image.source import load_source

TARGET_S = 2.0
PNG_TARGET_S = 0.5


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    source = load_source(args.source)
    print(f"source: {source.name} (loaded in {time.perf_counter() - t0:.2f} s)")
    worst = 0.0
    for fmt in FORMATS:
        options = ExportOptions(fmt, title=source.name)
        t0 = time.perf_counter()
        data = render_places(source.places, options)
        cold = time.perf_counter() - t0
        times, cpu = [], []
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            render_places(source.places, options)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        warm = statistics.median(times)
        worst = max(worst, warm)
        note = f" (PNG target {PNG_TARGET_S} s)" if fmt == "png" else ""
        print(f"{fmt}: first {cold:.2f} s, warm median {warm:.2f} s wall, {statistics.median(cpu):.2f} s CPU "
              f"of {args.repeat}{note}, {len(data) / 1024:.0f} KiB, {options.width_px}x{options.height_px} px")
    print(f"slowest warm export {worst:.2f} s (target < {TARGET_S:.0f} s): {'ok' if worst < TARGET_S else 'SLOW'}")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
