"""Where one page load of the app spends its time, on one clock (a companion to app_bench.py).

    .venv/bin/python bench/app_timeline.py [--runs 2]

app_bench.py says how long a load takes; this says why. It serves the app as app_bench does,
loads it in fresh headless Chromium contexts (after one warm-up load) and prints, in
milliseconds from navigation: the page's own marks (DOMContentLoaded, the websocket, each
websocket message as the page's script receives it, the sidebar, the text, the map's frame in
the page), every file the page fetched (start and end: Streamlit loads a script file per kind
of element on first use), and inside the map's frame its navigation, the files it fetched and
the moment its place features exist (the load's end in app_bench). After each load it prints
Chromium's own account of the page's main thread over the load (script, style, layout, all
tasks), and once the same for a bare Streamlit page (app_bench's), so what the app's page costs
the browser beyond Streamlit's floor can be read. Timings on a shared machine vary; the order
and the gaps are what to read.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from app_bench import APP_READY_JS, ARGS, BARE_READY_JS, BARE_SCRIPT, ROOT, free_port, serve

#: Runs in every frame before its own scripts: marks on the page's clock (epoch milliseconds).
MARKS_JS = r"""
(() => {
  if (window.top !== window) { return; }
  const marks = (window.__marks = []);
  const mark = (m) => marks.push([performance.timeOrigin + performance.now(), m]);
  document.addEventListener('DOMContentLoaded', () => mark('DOMContentLoaded'));
  const seen = new Set();
  const parts = {'sidebar': '[data-testid="stSidebar"]', 'text': '.st-key-text_box',
                 'map frame in the page': 'iframe[title="mapapp.app.mapframe.map"]'};
  new MutationObserver(() => {
    for (const [name, sel] of Object.entries(parts)) {
      if (!seen.has(name) && document.querySelector(sel)) { seen.add(name); mark(name); }
    }
  }).observe(document, {childList: true, subtree: true});
  const Native = window.WebSocket;
  window.WebSocket = function (...a) {
    const ws = new Native(...a);
    mark('websocket opened');
    ws.addEventListener('message', (e) => mark('message, ' + (e.data.byteLength || e.data.size || 0) + ' B'));
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
})();
"""
FETCHES_JS = """() => performance.getEntriesByType('resource').map(r =>
    [performance.timeOrigin + r.startTime, performance.timeOrigin + r.responseEnd,
     r.name.split('?')[0].split('/').slice(-2).join('/'), r.transferSize])"""
FRAME_JS = """() => [performance.getEntriesByType('navigation').map(n =>
    [performance.timeOrigin + n.startTime, performance.timeOrigin + n.domContentLoadedEventEnd])[0],
    performance.getEntriesByType('resource').map(r =>
    [performance.timeOrigin + r.startTime, performance.timeOrigin + r.responseEnd, r.name.split('/').pop()])]"""


def map_frame(page):
    """The map's frame once its place features exist, else None."""
    for frame in page.frames:
        try:
            if frame.evaluate(APP_READY_JS):
                return frame
        except Exception:
            continue
    return None


#: Chromium's Performance metrics that say where the page's main thread spent a load (seconds).
THREAD_METRICS = {"ScriptDuration": "script", "RecalcStyleDuration": "style",
                  "LayoutDuration": "layout", "TaskDuration": "all tasks"}


def thread_line(cdp) -> str:
    """The page's main thread over the load so far, from Chromium's Performance domain."""
    got = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return "page's main thread: " + ", ".join(f"{label} {got[name]:.2f} s" for name, label in THREAD_METRICS.items())


def bare_thread(browser, url: str) -> str:
    """The same account for a load of the bare page, until its title shows."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(url)
    page.wait_for_function(BARE_READY_JS, timeout=60_000)
    line = thread_line(cdp)
    ctx.close()
    return line


def timeline(browser, url: str) -> list[tuple[float, str]]:
    """(ms from navigation, what happened) for one load, in order."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    ctx.add_init_script(MARKS_JS)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Performance.enable")
    t0 = time.time() * 1000
    page.goto(url)
    frame, deadline = None, time.time() + 60
    while frame is None and time.time() < deadline:
        page.wait_for_timeout(20)
        frame = map_frame(page)
    ready = time.time() * 1000
    thread = thread_line(cdp)
    events = [(t, m) for t, m in page.evaluate("window.__marks")]
    events += [(start, f"  fetched {name} ({size} B) until {end - t0:.0f}")
               for start, end, name, size in page.evaluate(FETCHES_JS)]
    if frame is not None:
        (nav, loaded), fetched = frame.evaluate(FRAME_JS)
        events += [(nav, "map frame: navigation"), (loaded, "map frame: DOMContentLoaded")]
        events += [(start, f"  map frame fetched {name} until {end - t0:.0f}") for start, end, name in fetched]
    events.append((ready, "map features exist" if frame is not None else "no map within 60 s"))
    events.append((ready + 1, thread))
    ctx.close()
    return sorted((t - t0, m) for t, m in events)


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    port, bare_port = free_port(), free_port()
    tmp = Path(tempfile.mkdtemp())
    (tmp / "bare.py").write_text(BARE_SCRIPT, encoding="utf-8")
    server = serve(ROOT / "mapapp" / "app" / "main.py", port, str(tmp / "layers"))
    bare = serve(tmp / "bare.py", bare_port, str(tmp / "layers"))
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            timeline(browser, f"http://127.0.0.1:{port}/")  # warm-up: the seed's geoparse
            for run in range(1, args.runs + 1):
                print(f"--- load {run} (ms from navigation)")
                for ms, what in timeline(browser, f"http://127.0.0.1:{port}/"):
                    print(f"{ms:7.0f}  {what}")
            bare_thread(browser, f"http://127.0.0.1:{bare_port}/")  # warm-up
            print(f"--- bare page: {bare_thread(browser, f'http://127.0.0.1:{bare_port}/')}")
            browser.close()
    finally:
        for proc in (server, bare):
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
