"""Page load to an interactive map of the seed against a bare Streamlit page, side by side (issue 11).

    .venv/bin/python bench/app_bench.py [--runs 7] [--baseline DIR]

Starts two servers with the same flags on free 127.0.0.1 ports with no network
(MAPAPP_OFFLINE=1): `streamlit run mapapp/app/main.py` and a bare script with just
``st.title``/``st.write``. After one warm-up load of each (the app's geoparse cache),
fresh headless Chromium contexts load them in rotation, so all see the same machine
load. The app is ready when the Leaflet map holds the seed's place features and no script
run is under way, and stays so for ``QUIET_S`` (a rerun right after load, which used to
rebuild the map, counts in the load and restarts the wait); the bare page when its title
is shown. Prints both medians, their ratio (target: within 1.3x), and where the app's load
time goes, per run:

- ``session``: navigation to Streamlit's ``new_session`` message (page, JS bundle, websocket);
- ``script``: ``new_session`` to the first ``script_finished`` (the app's Python run on the server);
- ``reruns``: further script runs before the page was final (each one can rebuild the map);
- ``fragments``: fragment runs before it (they redraw their own part only and are not waited for);
- ``settled``: navigation to the last ``script_finished`` before the map was ready;
- ``iframe``: navigation until the map's iframe is in the page;
- ``assets``: Leaflet's script and CSS fetched inside the iframe (slowest finish, from the iframe's start);
- ``basemap``: the basemap GeoJSON (coarse, then detailed if the map opens zoomed in) fetched by the
  map script (last finish, from the iframe's start);
- ``ready``: navigation to the interactive map;
- ``map KB``: bytes the map's iframe fetched (transfer sizes, compressed where the server compresses);
- ``click``: once loaded, a click on Almaty's marker at the opening view until its panel's heading shows
  (target: under 0.5 s), and within it:
- ``c.start``: the click to its script run's ``new_session`` (the page's way to the server);
- ``c.run``: that run's ``new_session`` to its ``script_finished``;
- ``c.after``: its ``script_finished`` to the heading shown (the page's redraw, if later).

``--baseline DIR`` serves a second copy of the app from another checkout of mapapp (e.g.
``git archive <commit> | tar -x -C DIR``; it uses its own ``data/index`` if built, else this
checkout's gazetteer index) and loads it
in the same rotation, so a change is measured before and after under the same machine load.
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
#: The map's frame (app/mapframe.py), or streamlit-folium's in a --baseline checkout from before it.
MAP_FRAME = 'iframe[title="mapapp.app.mapframe.map"], iframe[title="streamlit_folium.st_folium"]'
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
#: A click on a marker to its place's panel (issue 11).
TARGET_CLICK_S = 0.5
CLICKED = "Almaty"
MARKER_AT_JS = """(name) => {
    for (const l of Object.values(window.map._layers)) {
        const p = l.feature && l.feature.properties;
        if (p && p.id && p.name === name && l.getLatLng && l._map) {
            const pt = window.map.latLngToContainerPoint(l.getLatLng());
            return [pt.x, pt.y];
        }
    }
    return null; }"""
TIMEOUT_S = 120.0
#: How long the app must stay ready with no script run before its load counts as finished.
QUIET_S = 1.5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: Path, port: int, layers_dir: str, root: Path = ROOT) -> subprocess.Popen:
    """One Streamlit server with the flags every page shares; ``root``: the checkout whose mapapp
    it imports, with its own gazetteer index if it has one (code from before an index version
    change needs the older index), else this checkout's."""
    env = {**os.environ, "MAPAPP_OFFLINE": "1", "MAPAPP_LAYERS_DIR": layers_dir}
    if root != ROOT:
        own = root / "data" / "index"
        index = own if (own / "gazetteer.sqlite").exists() else ROOT / "data" / "index"
        env.update(PYTHONPATH=str(root), MAPAPP_INDEX_DIR=str(index))
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script),
         "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    fragments: float | None = None
    settled: float | None = None
    iframe: float | None = None
    assets: float | None = None
    basemap: float | None = None
    map_kb: float | None = None
    click: float | None = None
    c_start: float | None = None
    c_run: float | None = None
    c_after: float | None = None
    resources: list = field(default_factory=list)


@dataclass
class Run:
    """One script run as the browser saw it: when it started, ended, and whether it was a
    fragment's (known only at its end)."""

    start: float
    end: float | None = None
    fragment: bool | None = None


def _messages(page, t0: float, runs: list[Run]) -> None:
    """Record each script run from Streamlit's new_session and script_finished messages."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    def on_frame(payload) -> None:
        if isinstance(payload, str):
            return
        try:
            msg = ForwardMsg.FromString(payload)
        except Exception:
            return
        kind, now = msg.WhichOneof("type"), time.perf_counter() - t0
        if kind == "new_session":
            runs.append(Run(now))
        elif kind == "script_finished" and runs and runs[-1].end is None:
            runs[-1].end = now
            runs[-1].fragment = msg.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))


def _ready_frame(page, ready_js: str):
    for frame in page.frames:
        try:
            if frame.evaluate(ready_js):
                return frame
        except Exception:
            continue
    return None


def time_load(browser, url: str, ready_js: str, click: bool = True) -> Load:
    """One load of ``url`` until ``ready_js`` holds and no script run is under way; then, unless
    ``click`` is False, a click on Almaty's marker timed to its panel."""
    from playwright.sync_api import Error as PlaywrightError

    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    runs: list[Run] = []
    t0 = time.perf_counter()
    _messages(page, t0, runs)
    page.goto(url)
    iframe_at = ready_since = ready_at = None
    while True:
        # The map's iframe may be replaced while the script reruns, so ask every frame.
        frame = _ready_frame(page, ready_js)
        now = time.perf_counter() - t0
        if iframe_at is None and page.locator(MAP_FRAME).count():
            iframe_at = now
        if frame is None:
            ready_since = None
        elif ready_since is None:
            ready_since = now
        # A fragment's run (the export panel's view report, the corrections poll every few
        # seconds) redraws its own part only: it neither delays nor ends the page's load.
        pending = any(r.end is None for r in runs)
        full_ends = [r.end for r in runs if r.end is not None and not r.fragment]
        ready_at = None if ready_since is None or pending or not full_ends else max(ready_since, full_ends[-1])
        if (ready_at is not None and now - ready_at >= QUIET_S) or now > TIMEOUT_S:
            break
        page.wait_for_timeout(25)
    if ready_at is None:
        raise SystemExit(f"{url} did not become ready within {TIMEOUT_S:.0f} s")
    full = [r for r in runs if r.end is not None and not r.fragment and r.end <= ready_at]
    load = Load(ready_at, runs[0].start if runs else None, iframe=iframe_at)
    load.fragments = sum(1 for r in runs if r.fragment and r.end <= ready_at)
    if full:
        load.script = full[0].end - full[0].start
        load.reruns = len(full) - 1
        load.settled = full[-1].end
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
    if click and frame is not page.main_frame:
        before, clicked_at = len(runs), time.perf_counter() - t0
        load.click = time_click(page, frame, CLICKED)
        for _ in range(400):  # the click's run has usually ended before its panel shows
            if all(r.end is not None for r in runs[before:]):
                break
            page.wait_for_timeout(25)
        click_runs = [r for r in runs[before:] if not r.fragment]
        if load.click is not None and click_runs:
            first = click_runs[0]
            load.c_start = first.start - clicked_at
            load.c_run = first.end - first.start if first.end is not None else None
            load.c_after = (max(0.0, clicked_at + load.click - first.end)
                            if first.end is not None else None)
    ctx.close()
    return load


def time_click(page, frame, name: str) -> float | None:
    """Seconds from a click on the marker named ``name``, at the opening view, to its panel's
    heading on the page (the script's run and the page's redraw); None if it is not on the map."""
    xy = frame.evaluate(MARKER_AT_JS, name)
    box = page.locator(MAP_FRAME).bounding_box()
    if not xy or box is None:
        return None
    heading = page.get_by_role("heading", name=name)
    start = time.perf_counter()
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])
    heading.wait_for(timeout=TIMEOUT_S * 1000)
    return time.perf_counter() - start


def _median(values, unit: str = " s") -> str:
    kept = [v for v in values if v is not None]
    return f"{statistics.median(kept):5.2f}{unit}" if kept else "    -" + " " * len(unit)


def _med(loads: list[Load]) -> float:
    return statistics.median(x.ready for x in loads)


def report(apps: dict[str, list[Load]], bare: list[Load]) -> None:
    """``apps``: label -> loads of that copy of the app; the first is the one under test."""
    bare_med = _med(bare)
    print(f"bare Streamlit page -> title shown:    median {bare_med:.2f} s "
          f"(min {min(x.ready for x in bare):.2f}, max {max(x.ready for x in bare):.2f}) over {len(bare)} runs")
    for label, app in apps.items():
        print(f"{label + ' -> interactive map:':38s} median {_med(app):.2f} s "
              f"(min {min(x.ready for x in app):.2f}, max {max(x.ready for x in app):.2f}) over {len(app)} runs")
    for label, app in apps.items():
        clicks = [x.click for x in app if x.click is not None]
        if clicks:
            click = statistics.median(clicks)
            print(f"{label}: a click on {CLICKED} at the opening view -> its panel: median {click:.2f} s "
                  f"(max {max(clicks):.2f}; target {TARGET_CLICK_S} s: {'ok' if click <= TARGET_CLICK_S else 'MISSED'})")
    for label, app in apps.items():
        ratio = _med(app) / bare_med
        print(f"ratio {label} / bare: {ratio:.2f}x (target within {TARGET_RATIO}x: "
              f"{'ok' if ratio <= TARGET_RATIO else 'MISSED'})")
    print("where the time goes (medians; 'assets' and 'basemap' counted from the map iframe's start):")
    print("  " + " " * 8 + "".join(f"{label[:12]:>14s}" for label in apps) + f"{'bare':>14s}")
    for name in ("session", "script", "reruns", "fragments", "settled", "iframe", "assets", "basemap", "ready", "map_kb",
                 "click", "c_start", "c_run", "c_after"):
        unit = {"reruns": "  ", "fragments": "  ", "map_kb": " KB"}.get(name, " s")
        cols = [*apps.values(), bare]
        print(f"  {name.replace('_', '.'):8s}" + "".join(f"{_median((getattr(x, name) for x in runs), unit):>14s}" for runs in cols))
    first = next(iter(apps.values()))
    slowest = max(first[-1].resources, key=lambda r: r[3] - r[2], default=None)
    if slowest:
        print(f"  slowest fetch in the map iframe: {slowest[0]} {(slowest[3] - slowest[2]) / 1000:.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--baseline", type=Path, help="another checkout of mapapp to load in the same rotation")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE_SCRIPT, encoding="utf-8")
        layers = Path(tmp) / "layers"
        roots = {"mapapp": ROOT, **({"baseline": args.baseline.resolve()} if args.baseline else {})}
        ports = {label: free_port() for label in roots}
        bare_port = free_port()
        procs = [serve(root / "mapapp" / "app" / "main.py", ports[label], str(layers), root)
                 for label, root in roots.items()]
        procs.append(serve(bare_script, bare_port, str(layers)))
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                urls = {label: f"http://127.0.0.1:{port}" for label, port in ports.items()}
                bare_url = f"http://127.0.0.1:{bare_port}"
                cold = {label: time_load(browser, url, APP_READY_JS) for label, url in urls.items()}
                time_load(browser, bare_url, BARE_READY_JS)
                apps: dict[str, list[Load]] = {label: [] for label in urls}
                bare: list[Load] = []
                rotation = [(apps[label], url, APP_READY_JS) for label, url in urls.items()]
                rotation.append((bare, bare_url, BARE_READY_JS))
                for i in range(args.runs):
                    # Each page takes each place in the order in turn, so none always follows another.
                    k = i % len(rotation)
                    for runs, url, ready in rotation[k:] + rotation[:k]:
                        runs.append(time_load(browser, url, ready))
                browser.close()
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=10)
    for label, load in cold.items():
        print(f"cold first {label} load (includes the seed's geoparse): {load.ready:.2f} s")
    report(apps, bare)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
