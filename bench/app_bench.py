"""Page load to an interactive map of the seed against a bare Streamlit page, side by side (issue 11).

    .venv/bin/python bench/app_bench.py [--runs 7]

Starts two servers with the same flags on free 127.0.0.1 ports with no network
(MAPAPP_OFFLINE=1): `streamlit run mapapp/app/main.py` and a bare script with just
``st.title``/``st.write``. After one warm-up load of each (the app's geoparse cache),
fresh headless Chromium contexts load them alternately, so both see the same machine
load. The app is ready when the Leaflet map holds the seed's place features and no script
run is under way, and stays so for ``QUIET_S`` (a rerun right after load, which used to
rebuild the map, counts in the load and restarts the wait); the bare page when its title
is shown. Prints both medians, their ratio (target: within 1.3x), and where the app's load
time goes, per run:

- ``session``: navigation to Streamlit's ``new_session`` message (page, JS bundle, websocket);
- ``script``: ``new_session`` to the first ``script_finished`` (the app's Python run on the server);
- ``reruns``: further script runs before the page was final (each one can rebuild the map);
- ``settled``: navigation to the last ``script_finished`` before the map was ready;
- ``iframe``: navigation until the map's iframe is in the page;
- ``assets``: Leaflet/jQuery/CSS fetched inside the iframe (slowest finish, from the iframe's start);
- ``basemap``: the basemap GeoJSON fetched by the map script (finish, from the iframe's start);
- ``ready``: navigation to the interactive map;
- ``map KB``: bytes the map's iframe fetched (transfer sizes, compressed where the server compresses).
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
APP_READY_JS = """() => !!(window.map && Object.values(window.map._layers)
    .some(l => l.feature && l.feature.properties && l.feature.properties.id))"""
BARE_READY_JS = """() => [...document.querySelectorAll('h1')].some(h => h.textContent.includes('Bare page'))"""
RESOURCES_JS = """() => performance.getEntriesByType('resource')
    .map(r => [r.name.split('/').pop(), r.initiatorType, r.startTime, r.responseEnd, r.transferSize])"""
BARE_SCRIPT = """import streamlit as st

st.title("Bare page")
st.write("Nothing else: the floor a Streamlit page cannot go below on this server.")
"""
TARGET_RATIO = 1.3
TIMEOUT_S = 120.0
#: How long the app must stay ready with no script run before its load counts as finished.
QUIET_S = 1.5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: Path, port: int, layers_dir: str) -> subprocess.Popen:
    """One Streamlit server with the flags both pages share."""
    env = {**os.environ, "MAPAPP_OFFLINE": "1", "MAPAPP_LAYERS_DIR": layers_dir}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script),
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
    raise SystemExit(f"streamlit did not start for {script.name}")


@dataclass
class Load:
    """Seconds from navigation to each mark of one page load (absent marks stay None)."""

    ready: float
    session: float | None = None
    script: float | None = None
    reruns: float | None = None
    settled: float | None = None
    iframe: float | None = None
    assets: float | None = None
    basemap: float | None = None
    map_kb: float | None = None
    resources: list = field(default_factory=list)


def _messages(page, t0: float, seen: dict[str, list[float]]) -> None:
    """Record when Streamlit's new_session and script_finished messages arrive."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    def on_frame(payload) -> None:
        if isinstance(payload, str):
            return
        try:
            kind = ForwardMsg.FromString(payload).WhichOneof("type")
        except Exception:
            return
        if kind in ("new_session", "script_finished"):
            seen.setdefault(kind, []).append(time.perf_counter() - t0)

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))


def _ready_frame(page, ready_js: str):
    for frame in page.frames:
        try:
            if frame.evaluate(ready_js):
                return frame
        except Exception:
            continue
    return None


def time_load(browser, url: str, ready_js: str) -> Load:
    from playwright.sync_api import Error as PlaywrightError

    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    seen: dict[str, list[float]] = {}
    t0 = time.perf_counter()
    _messages(page, t0, seen)
    page.goto(url)
    iframe_at = ready_at = None
    while True:
        # The map's iframe may be replaced while the script reruns, so ask every frame.
        frame = _ready_frame(page, ready_js)
        now = time.perf_counter() - t0
        if iframe_at is None and page.locator(MAP_FRAME).count():
            iframe_at = now
        runs, ends = seen.get("new_session", []), seen.get("script_finished", [])
        idle = bool(ends) and (not runs or runs[-1] <= ends[-1])
        if frame is None or not idle:
            ready_at = None
        elif ready_at is None:
            ready_at = now
        if (ready_at is not None and now - ready_at >= QUIET_S) or now > TIMEOUT_S:
            break
        page.wait_for_timeout(25)
    if ready_at is None:
        raise SystemExit(f"{url} did not become ready within {TIMEOUT_S:.0f} s")
    now = ready_at
    starts = seen.get("new_session", [])
    finished = [t for t in seen.get("script_finished", []) if t <= now]
    load = Load(now, starts[0] if starts else None, iframe=iframe_at)
    if starts and finished:
        load.script = finished[0] - starts[0]
        load.reruns = len(finished) - 1
        load.settled = finished[-1]
    if frame is not page.main_frame:
        try:
            load.resources = frame.evaluate(RESOURCES_JS)
        except PlaywrightError:
            load.resources = []  # the iframe was swapped by a rerun right after it was ready
        asset_ends = [r[3] for r in load.resources if r[0].endswith((".js", ".css"))]
        load.assets = max(asset_ends) / 1000 if asset_ends else None
        basemap = [r[3] for r in load.resources if r[0].endswith(".geojson")]
        load.basemap = max(basemap) / 1000 if basemap else None
        load.map_kb = sum(r[4] for r in load.resources) / 1024 if load.resources else None
    ctx.close()
    return load


def _median(values, unit: str = " s") -> str:
    kept = [v for v in values if v is not None]
    return f"{statistics.median(kept):5.2f}{unit}" if kept else "    -" + " " * len(unit)


def report(app: list[Load], bare: list[Load]) -> None:
    app_med = statistics.median(x.ready for x in app)
    bare_med = statistics.median(x.ready for x in bare)
    ratio = app_med / bare_med
    print(f"bare Streamlit page -> title shown:    median {bare_med:.2f} s "
          f"(min {min(x.ready for x in bare):.2f}, max {max(x.ready for x in bare):.2f}) over {len(bare)} runs")
    print(f"mapapp seed -> interactive map:        median {app_med:.2f} s "
          f"(min {min(x.ready for x in app):.2f}, max {max(x.ready for x in app):.2f}) over {len(app)} runs")
    print(f"ratio app / bare: {ratio:.2f}x (target within {TARGET_RATIO}x: "
          f"{'ok' if ratio <= TARGET_RATIO else 'MISSED'})")
    print("where the time goes (medians; 'assets' and 'basemap' counted from the map iframe's start):")
    for name in ("session", "script", "reruns", "settled", "iframe", "assets", "basemap", "ready", "map_kb"):
        unit = {"reruns": "  ", "map_kb": " KB"}.get(name, " s")
        print(f"  {name:8s} app {_median((getattr(x, name) for x in app), unit)}"
              f"   bare {_median((getattr(x, name) for x in bare), unit)}")
    slowest = max(app[-1].resources, key=lambda r: r[3] - r[2], default=None)
    if slowest:
        print(f"  slowest fetch in the map iframe: {slowest[0]} {(slowest[3] - slowest[2]) / 1000:.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE_SCRIPT, encoding="utf-8")
        layers = Path(tmp) / "layers"
        app_port, bare_port = free_port(), free_port()
        procs = [serve(ROOT / "mapapp" / "app" / "main.py", app_port, str(layers)),
                 serve(bare_script, bare_port, str(layers))]
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                app_url, bare_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{bare_port}"
                cold = time_load(browser, app_url, APP_READY_JS)
                time_load(browser, bare_url, BARE_READY_JS)
                app, bare = [], []
                for i in range(args.runs):
                    pair = [(app, app_url, APP_READY_JS), (bare, bare_url, BARE_READY_JS)]
                    for runs, url, ready in (pair if i % 2 == 0 else pair[::-1]):
                        runs.append(time_load(browser, url, ready))
                browser.close()
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=10)
    print(f"cold first app load (includes the seed's geoparse): {cold.ready:.2f} s")
    report(app, bare)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
