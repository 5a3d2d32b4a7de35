"""Rebuild the README's pictures: the app on the seed (Chromium, 1400×900) and the seed's
default static export. Run from the repository: ``.venv/bin/python docs/make_screenshots.py``
(after ``make build``); needs Debian's Chromium, like the browser tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_screenshot(out: Path, width: int = 1400, height: int = 900) -> None:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {**os.environ, "MAPAPP_OFFLINE": "1"}
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
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"http://127.0.0.1:{port}/", timeout=120_000)
            frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
            frame.locator(".leaflet-interactive").first.wait_for(timeout=120_000)
            time.sleep(3)
            page.screenshot(path=str(out))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    DOCS.mkdir(exist_ok=True)
    app_screenshot(DOCS / "app_seed.png")
    subprocess.run([sys.executable, "-m", "mapapp", "export", "--format", "png", "--preset", "article",
                    "-o", str(DOCS / "export_seed.png")], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
