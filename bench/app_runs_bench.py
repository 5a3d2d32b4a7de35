"""The app's script runs on the server alone (AppTest, no browser): a fresh session's run and a
click's run, and what the cyclic collector costs clicks before and after the warm-up's freeze.

    .venv/bin/python bench/app_runs_bench.py [--sessions 6] [--clicks 100]

app_bench.py times what a reader sees, and the browser's share is most of it; this times the
server's share, by CPU (least of ``--sessions`` fresh sessions, each followed by one click), then
``--clicks`` clicks in one session with the collector as after start-up, and as many again after
``app/warmup.settle`` (what the warm-up does a few seconds after the first page), counting the
collector's full passes and their time, and what one full pass then takes.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAIN = str(ROOT / "mapapp" / "app" / "main.py")
#: Places of the seed a reader clicks in turn.
CLICKED = ("almaty-1526384", "moscow-524901", "country-ru", "country-kz", "baikonur-cosmodrome")


class Passes:
    """The collector's passes of the oldest generation while installed: count and seconds."""

    def __init__(self) -> None:
        self.count, self.seconds, self._start = 0, 0.0, 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.count += 1
            self.seconds += time.perf_counter() - self._start


def _click(at, place: str) -> float:
    at.session_state["place"] = place
    start = time.process_time()
    at.run()
    took = time.process_time() - start
    if at.exception or not any(h.value for h in at.subheader):
        raise SystemExit(f"the click on {place} did not show its panel: {at.exception}")
    return took


def clicks(at, n: int) -> tuple[Passes, float, float]:
    """``n`` clicks: the collector's full passes, the median and the slowest run (CPU s)."""
    passes = Passes()
    gc.callbacks.append(passes)
    try:
        runs = sorted(_click(at, CLICKED[i % len(CLICKED)]) for i in range(n))
    finally:
        gc.callbacks.remove(passes)
    return passes, runs[len(runs) // 2], runs[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=6)
    ap.add_argument("--clicks", type=int, default=100)
    args = ap.parse_args()
    os.environ.update(MAPAPP_OFFLINE="1", MAPAPP_LAYERS_DIR=tempfile.mkdtemp())
    sys.argv = [MAIN]  # the app reads its file from the command line: the seed by default
    from streamlit.testing.v1 import AppTest

    from mapapp.app import warmup

    warmup.DELAY_S = 1e6  # the freeze is this bench's to make, below, not the timer's
    warm = AppTest.from_file(MAIN, default_timeout=120)
    warm.run()  # the seed's geoparse and the first reads
    fresh = click = float("inf")
    for i in range(args.sessions):
        at = AppTest.from_file(MAIN, default_timeout=120)
        start = time.process_time()
        at.run()
        fresh = min(fresh, time.process_time() - start)
        click = min(click, _click(at, CLICKED[i % len(CLICKED)]))
    print(f"script run, least CPU of {args.sessions} sessions: fresh session {fresh:.3f} s, a click {click:.3f} s")
    for label in ("as after start-up", "after the warm-up's freeze"):
        if label.startswith("after"):
            warmup.settle()
        passes, median, slowest = clicks(warm, args.clicks)
        start = time.perf_counter()
        gc.collect()
        full = time.perf_counter() - start
        print(f"{args.clicks} clicks {label}: {passes.count} full collections ({passes.seconds:.3f} s), "
              f"median run {median:.3f} s, slowest {slowest:.3f} s; a full collection then walks "
              f"{len(gc.get_objects()):,} objects in {full:.3f} s")
    gc.unfreeze()


if __name__ == "__main__":
    main()
