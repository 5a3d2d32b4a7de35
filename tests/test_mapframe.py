"""The app's map frame: the page the Streamlit server serves for it, and what a run sends."""
import re

from mapapp.app import mapframe
from mapapp.render.webmap import assets
from mapapp.render.webmap.elements import MAP_SCRIPTS, STATIC_DIR


def _page() -> str:
    return (STATIC_DIR / "index.html").read_text(encoding="utf-8")


def test_the_frame_links_leaflet_where_the_app_server_serves_it():
    links = re.findall(r'(?:src|href)="([^"]+)"', _page())
    assert assets.served("leaflet.js") in links and assets.served("leaflet.css") in links
    assert not [u for u in links if "://" in u or u.startswith("//")], "no file from the network"


def test_every_file_the_frame_names_is_there():
    for url in re.findall(r'(?:src|href)="([^"]+)"', _page()):
        if url.startswith("../"):
            assert url.startswith(assets.served(""))
            assert (assets.LEAFLET_DIR / url.rsplit("/", 1)[1]).is_file(), url
        else:
            assert (STATIC_DIR / url).is_file(), url


def test_the_frame_runs_the_map_scripts_before_its_own():
    scripts = re.findall(r'<script src="([^"/]+)"></script>', _page())
    assert scripts == [*MAP_SCRIPTS, "frame.js"]


def test_the_frame_is_the_component_the_page_styles():
    from mapapp.render.html import app_style

    assert mapframe.FRAME_TITLE == "mapapp.app.mapframe.map"
    assert f'iframe[title="{mapframe.FRAME_TITLE}"]' in app_style()
