"""Time from page load to an interactive map of the seed, in headless Chromium (warm server).

    .venv/bin/python bench/app_bench.py [--runs 5]

Starts `streamlit run mapapp/app/main.py` on a free 127.0.0.1 port with no network
(MAPAPP_OFFLINE=1), loads the page once to warm the parse cache, then times
fresh browser contexts until the Leaflet map holds the seed's place features.
Target: under 3 s.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
READY_JS = """() => !!(window.map && Object.values(window.map._layers)
    .some(l => l.feature && l.feature.properties && l.feature.properties.id))"""
TARGET_S = 3.0


def serve(port: int, layers_dir: str) -> subprocess.Popen:
    env = {**os.environ, "MAPAPP_OFFLINE": "1", "MAPAPP_LAYERS_DIR": layers_dir}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "mapapp" / "app" / "main.py"),
         "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("streamlit did not start")


def time_load(browser, url: str) -> float:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    deadline = time.perf_counter() + 120
    while True:
        # The map's iframe may be replaced while the script reruns, so ask every frame.
        ready = False
        for frame in page.frames:
            try:
                ready = bool(frame.evaluate(READY_JS))
            except Exception:
                ready = False
            if ready:
                break
        if ready or time.perf_counter() > deadline:
            break
        page.wait_for_timeout(50)
    elapsed = time.perf_counter() - t0
    if not ready:
        raise SystemExit("the map did not become interactive within 120 s")
    ctx.close()
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as layers:
        proc = serve(port, layers)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                url = f"http://127.0.0.1:{port}"
                cold = time_load(browser, url)
                times = [time_load(browser, url) for _ in range(args.runs)]
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    med = statistics.median(times)
    print(f"cold first load (includes geoparse): {cold:.2f} s")
    print(f"warm page load -> interactive map: median {med:.2f} s, "
          f"min {min(times):.2f} s, max {max(times):.2f} s over {len(times)} runs "
          f"(target < {TARGET_S:.0f} s: {'ok' if med < TARGET_S else 'MISSED'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
