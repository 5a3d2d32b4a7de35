"""Rebuild the README's pictures: the app on the seed (Chromium, 1400×900), the PNG the app
exports after the map is zoomed on Kazakhstan, the correction workflow (in a throw-away user
data folder), and the seed's default static export. Run from the repository: ``.venv/bin/python docs/make_screenshots.py``
(after ``make build``); needs Debian's Chromium, like the browser tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MAP_FRAME = 'iframe[title="mapapp.app.mapframe.map"]'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def app_page(width: int, height: int, env: dict[str, str] | None = None, scheme: str = "light"):
    """A page of the app on the seed (offline ``streamlit run``, Chromium) once its map is drawn."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {**os.environ, "MAPAPP_OFFLINE": "1", **(env or {})}
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "mapapp/app/main.py"),
                               "--server.headless", "true", "--server.port", str(port),
                               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--no-sandbox", "--disable-gpu",
                                               "--disable-background-networking"])
            page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True,
                                    color_scheme=scheme)
            page.goto(f"http://127.0.0.1:{port}/", timeout=120_000)
            frame = page.frame_locator(MAP_FRAME)
            frame.locator(".leaflet-interactive").first.wait_for(timeout=120_000)
            time.sleep(3)
            yield page
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def app_screenshot(out: Path, width: int = 1400, height: int = 900) -> None:
    with app_page(width, height) as page:
        page.screenshot(path=str(out))


def zoomed_export(out: Path, center: tuple[float, float] = (47.5, 67.0), zoom: float = 5) -> None:
    """What a reader gets from the app's PNG button after zooming the map on Kazakhstan."""
    from playwright.sync_api import expect

    with app_page(1400, 900) as page:
        # Centred one step out, then the last step by the zoom button as a reader's hand: the
        # export panel reports only a view a reader chose (map.js, mapappMovedByHand).
        page.frame(url=lambda u: "mapapp.app.mapframe.map" in u).evaluate(
            "([lat, lon, zoom]) => { window.map.setView([lat, lon], zoom, {animate: false}); }",
            [center[0], center[1], zoom - 1])
        page.frame_locator(MAP_FRAME).locator(".leaflet-control-zoom-in").click()
        time.sleep(1)
        page.get_by_text("Static map (PNG, SVG, PDF)").click()
        expect(page.get_by_text("Exports the map's current view")).to_be_visible(timeout=60_000)
        time.sleep(1)
        with page.expect_download(timeout=180_000) as download:
            page.get_by_role("button", name="PNG", exact=True).click()
        download.value.save_as(out)


def corrections_screenshot(out: Path, scheme: str = "light") -> None:
    """Re-assigning Ukraine's ten mentions: the mentions chosen, Kyiv found and previewed on the map."""
    from playwright.sync_api import expect

    def settle() -> None:
        time.sleep(0.5)
        expect(page.locator('[data-testid^="stStatusWidgetRunning"]')).to_have_count(0, timeout=60_000)

    with tempfile.TemporaryDirectory() as data, \
            app_page(1400, 900, {"MAPAPP_DATA_DIR": data}, scheme) as page:
        page.get_by_text("All places").click()
        page.get_by_role("button", name="Ukraine · 10 mentions").click()
        settle()
        page.get_by_text("Correct this place").click()
        page.get_by_text("Another place: search the gazetteer…").click()
        settle()
        box = page.get_by_role("textbox", name="Search the gazetteer")
        box.fill("Kyiv")
        box.press("Enter")
        settle()
        page.get_by_text("Kyiv — capital · Ukraine").click()
        settle()
        page.get_by_role("button", name="Apply to 10 mentions").scroll_into_view_if_needed()
        time.sleep(2)
        page.screenshot(path=str(out))


def main() -> int:
    DOCS.mkdir(exist_ok=True)
    app_screenshot(DOCS / "app_seed.png")
    zoomed_export(DOCS / "export_zoomed.png")
    corrections_screenshot(DOCS / "corrections.png")
    subprocess.run([sys.executable, "-m", "mapapp", "export", "--format", "png", "--preset", "article",
                    "-o", str(DOCS / "export_seed.png")], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
