"""A hand-built Document of the seed text (views tested without the geoparser), and the
Chromium + `streamlit run` helpers shared by the browser tests."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from shapely.geometry import LineString, MultiLineString, Point, shape

from mapapp.app.mapframe import FRAME_TITLE
from mapapp.gazetteer.basemap import countries_geojson
from mapapp.model import Candidate, Document, Mention, Passage, Place
from mapapp.io.paths import SEED_FILE


def split_passages(text: str) -> list[Passage]:
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        if m.group().strip():
            out.append(Passage(len(out), m.start(), m.end(), m.group()))
    return out


def _mentions(text: str, passages: list[Passage], pattern: str, kind: str = "toponym") -> list[Mention]:
    found = []
    for m in re.finditer(pattern, text):
        idx = next(p.index for p in passages if p.start <= m.start() < p.end)
        found.append(Mention(m.start(), m.end(), m.group(), kind, idx))
    return found


def _country(iso: str):
    feat = next(f for f in countries_geojson()["features"] if f["properties"]["iso_a2"] == iso)
    return shape(feat["geometry"])


def _cand(cid, name, layer, cat, cc, lat, lon, score=0.5) -> Candidate:
    return Candidate(cid, name, layer, cat, cc, lat, lon, "test", score)


def make_document(text: str) -> Document:
    """Places of the seed as the gazetteer names them (its ids and sources), with coordinates
    from GeoNames/Wikipedia (rounded) and simplified geometry."""
    ps = split_passages(text)
    baikonur_c = _cand("baikonur-cosmodrome", "Baikonur Cosmodrome", "sites", "cosmodrome", "KZ", 45.965, 63.305, 0.9)
    baikonur_town = _cand("baikonur-1521368", "Baikonur", "cities", "town", "KZ", 45.617, 63.317, 0.4)
    almaty = _cand("almaty-1526384", "Almaty", "cities", "city", "KZ", 43.25, 76.917, 0.9)
    moskau = _cand("moscow-524901", "Moscow", "cities", "capital", "RU", 55.752, 37.616, 0.9)
    places = [
        Place("country-kz", "Kazakhstan", "countries", "country", "KZ", "wikidata:Q232",
              _country("KZ"), 48.0, 67.0, _mentions(text, ps, r"Kasachstans?\b"),
              [_cand("country-kz", "Kazakhstan", "countries", "country", "KZ", 48.0, 67.0, 1.0)]),
        Place("country-ru", "Russia", "countries", "country", "RU", "wikidata:Q159",
              _country("RU"), 61.5, 99.0, _mentions(text, ps, r"Russlands?\b"),
              [_cand("country-ru", "Russia", "countries", "country", "RU", 61.5, 99.0, 1.0)]),
        Place("moscow-524901", "Moscow", "cities", "capital", "RU", "geonames:524901",
              Point(37.616, 55.752), 55.752, 37.616, _mentions(text, ps, r"Moskau"), [moskau]),
        Place("almaty-1526384", "Almaty", "cities", "city", "KZ", "geonames:1526384",
              Point(76.917, 43.25), 43.25, 76.917, _mentions(text, ps, r"Almaty"), [almaty]),
        Place("baikonur-cosmodrome", "Baikonur Cosmodrome", "sites", "cosmodrome", "KZ", "wikidata:Q177477",
              Point(63.305, 45.965), 45.965, 63.305, _mentions(text, ps, r"Kosmodrom Baikonur"),
              [baikonur_c, baikonur_town]),
        Place("sary-shagan", "Sary-Shagan test range", "sites", "missile_test_range", "KZ",
              "wikipedia:en:Sary_Shagan",
              Point(73.57, 46.38), 46.38, 73.57, _mentions(text, ps, r"Sary-Shagan"), []),
        Place("border-kz-ru", "Kazakhstan – Russia border", "borders", "land_border", "",
              "naturalearth:admin0-boundary:KZ-RU",
              MultiLineString([LineString([(50.0, 51.5), (61.0, 50.8), (73.0, 54.0), (87.0, 49.2)])]),
              51.0, 68.0, _mentions(text, ps, r"Landgrenze", "border"), [],
              country_codes=("KZ", "RU"), length_km=7644.0),
    ]
    places = [p for p in places if p.mentions]
    return Document(text=text, lang="de", passages=ps, places=places)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture()
def seed_doc(seed_text: str) -> Document:
    return make_document(seed_text)


@pytest.fixture()
def app_env(seed_doc: Document, tmp_path: Path, monkeypatch) -> Path:
    """The seed's layers in a temporary layer root, the app offline and started on the seed."""
    from mapapp.io.layerfiles import write_layers

    root = tmp_path / "layers"
    write_layers(seed_doc, root / SEED_FILE.stem, SEED_FILE.name)
    monkeypatch.setenv("MAPAPP_LAYERS_DIR", str(root))
    monkeypatch.setenv("MAPAPP_OFFLINE", "1")
    monkeypatch.setattr(sys, "argv", ["app.py", str(SEED_FILE)])
    from mapapp.config import settings

    settings.cache_clear()  # writing the layers above read the settings before these variables
    return root / SEED_FILE.stem


@pytest.fixture()
def tmp_layers(tmp_path: Path) -> Path:
    return tmp_path / "layers" / "doc"


ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MAP_FRAME = f'iframe[title="{FRAME_TITLE}"]'
FEATURES_JS = """() => Object.values(window.map._layers)
    .filter(l => l.feature && l.feature.properties && l.feature.properties.id && l._map)
    .map(l => l.feature.properties)"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def start_server(layers_dir: Path, port: int, seed: Path | None = None,
                 log: Path | None = None, env: dict[str, str] | None = None) -> subprocess.Popen:
    """``streamlit run`` the app offline on ``port``; its output goes to ``log`` when given."""
    env = {**os.environ, "MAPAPP_OFFLINE": "1", "MAPAPP_LAYERS_DIR": str(layers_dir), **(env or {})}
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "mapapp" / "app" / "main.py"),
           "--server.headless", "true", "--server.address", "127.0.0.1",
           "--server.port", str(port), "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    if seed:
        cmd += ["--", str(seed)]
    out = open(log, "wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    if log:
        out.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on the seed, offline, with its own layers and user data folders: one per test
    module, so corrections or kept texts of one module never reach another's pages."""
    port = free_port()
    proc = start_server(tmp_path_factory.mktemp("layers"), port,
                        env={"MAPAPP_DATA_DIR": str(tmp_path_factory.mktemp("data"))})
    yield f"http://127.0.0.1:{port}"
    stop_server(proc)


def open_counting_frames(browser, url: str, **context):
    """A page on ``url`` with its map drawn, and the times of the frames it sends the server
    (each rerun of the script starts with one): (context, page, sent)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, **context)
    pg = ctx.new_page()
    sent: list[float] = []
    pg.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(time.monotonic())))
    pg.goto(url)
    map_frame(pg)
    wait_features(pg, lambda fs: len(fs) > 0)
    return ctx, pg, sent


def map_frame(pg):
    """The map's frame once a rerun has settled: a stale copy can linger, or be swapped, meanwhile."""
    from playwright.sync_api import Error as PlaywrightError

    maps = pg.locator(MAP_FRAME)
    maps.first.wait_for(timeout=120_000)
    deadline = time.monotonic() + 120
    while True:
        try:
            if maps.count() == 1:
                frame = maps.element_handle(timeout=5_000).content_frame()
                if frame is not None:
                    frame.wait_for_function("() => window.map && window.L", timeout=5_000)
                    return frame
        except PlaywrightError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("the map frame never settled")
        time.sleep(0.2)


def features(pg) -> list[dict]:
    return map_frame(pg).evaluate(FEATURES_JS)


def wait_features(pg, pred, timeout: float = 30.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    while True:
        fs = features(pg)
        if pred(fs):
            return fs
        if time.monotonic() > deadline:
            raise AssertionError(f"map never reached the expected state: {[f['name'] for f in fs]}")
        time.sleep(0.25)


def idle(pg) -> None:
    """The page once the run a click or key started has finished (it starts a moment after)."""
    from playwright.sync_api import expect

    time.sleep(0.4)
    expect(pg.locator('[data-testid^="stStatusWidgetRunning"]')).to_have_count(0, timeout=60_000)


def click_feature(pg, name_part: str) -> None:
    x, y = hover_feature(pg, name_part)
    pg.mouse.click(x, y)


def hover_feature(pg, name_part: str) -> tuple[float, float]:
    """Centre the map on the marker whose name holds ``name_part`` and rest the pointer on it;
    returns the pointer's position in the page."""
    frame = map_frame(pg)
    xy = frame.evaluate("""(part) => {
        for (const l of Object.values(window.map._layers)) {
            const p = l.feature && l.feature.properties;
            if (p && p.id && p.name.includes(part) && l.getLatLng && l._map) {
                window.map.setView(l.getLatLng(), 5, {animate: false});
                const pt = window.map.latLngToContainerPoint(l.getLatLng());
                return [pt.x, pt.y];
            }
        }
        return null; }""", name_part)
    assert xy, f"no marker named {name_part}"
    pg.locator(MAP_FRAME).scroll_into_view_if_needed()
    box = pg.locator(MAP_FRAME).bounding_box()
    pg.mouse.move(box["x"] + xy[0], box["y"] + xy[1])
    return box["x"] + xy[0], box["y"] + xy[1]


def upload(pg, path) -> None:
    """Choose a file and submit it once the upload has finished and the page is idle, as a reader would."""
    from playwright.sync_api import expect

    pg.get_by_text("Your own text").click()
    pg.locator('input[type="file"]').set_input_files(str(path))
    expect(pg.get_by_test_id("stFileChipName")).to_have_attribute("title", path.name, timeout=60_000)
    expect(pg.get_by_test_id("stFileChipIconSpinner")).to_have_count(0, timeout=60_000)
    running = pg.locator('[data-testid^="stStatusWidgetRunning"]')
    expect(running).to_have_count(0, timeout=60_000)
    pg.get_by_role("button", name="Map this text").click()
    expect(pg.get_by_text("Paste or upload a text in the sidebar")).to_have_count(0, timeout=60_000)


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path_factory, monkeypatch):
    """Settings re-read for every test (tests change the environment), and mapapp's user data
    folder in a temporary place of its own, so no test writes into the real one or sees another
    test's corrections (even when MAPAPP_DATA_DIR is set around the run)."""
    from mapapp.config import settings

    monkeypatch.setenv("MAPAPP_DATA_DIR", str(tmp_path_factory.mktemp("mapapp-data")))
    settings.cache_clear()
    yield
    settings.cache_clear()


@pytest.fixture(scope="session")
def fixture_gazetteer(tmp_path_factory):
    """The gazetteer of tests/fixture_gazetteer.py (real ids, a few dozen entries), built in milliseconds."""
    from fixture_gazetteer import build_fixture_index

    from mapapp.gazetteer.query import Gazetteer

    return Gazetteer(build_fixture_index(tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"))


@pytest.fixture(autouse=True)
def direct(monkeypatch):
    """No test talks through a proxy of the tester's environment (the fake servers are local)."""
    from fake_nominatim import without_proxies

    without_proxies(monkeypatch)


@pytest.fixture
def fake():
    """A real local Nominatim-compatible HTTP server, stopped after the test."""
    from fake_nominatim import FakeNominatim

    server = FakeNominatim().start()
    yield server
    server.stop()
