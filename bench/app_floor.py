"""The floor under the app's load: a page with the app's map and nothing else, beside the app
and a bare Streamlit page, in one rotation (issue 11's 1.3x target).

    .venv/bin/python bench/app_floor.py [--runs 5]

app_bench.py measures the app against a bare page; this adds three pages. Two show only the
seed's map: through the app's own component, a frame (app/mapframe.py: set_page_config, the
page style, the geoparse from the cache, components.show_map), and drawn in the page itself by
a Streamlit v2 component (``floor/map_in_page.js``, the same base map script and place layers,
no frame). The third is that in-page map followed by one element of each kind the app's first
page loads lazily (radio, toggle, button, HTML): Streamlit draws such a kind as a skeleton until
its script file arrives, and the map waits for them. It prints the five medians and their ratios
to the bare page. Whatever the app's page does besides its map, it cannot load faster than the
faster of the two map-only pages.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from app_bench import APP_READY_JS, ARGS, BARE_READY_JS, BARE_SCRIPT, ROOT, free_port, serve, time_load

MAP_ONLY_SCRIPT = """import streamlit as st
from mapapp.app import components, sources
from mapapp.app.geoparsing import document_for
from mapapp.io.paths import SEED_FILE
from mapapp.layers import LAYERS
from mapapp.render.webmap import assets, mapview

st.set_page_config(page_title="mapapp", layout="wide")
assets.register_assets()
components.page_style()
doc = document_for(sources.file_source(SEED_FILE), "auto", False)
components.show_map(doc.places, mapview.MENTIONS, list(LAYERS), [], None)
"""
IN_PAGE_SCRIPT = """from pathlib import Path
import streamlit as st
from mapapp.app import components, mapframe, sources  # mapframe: serves map.js and its kin
from mapapp.app.geoparsing import document_for
from mapapp.io.paths import SEED_FILE
from mapapp.layers import LAYERS
from mapapp.render.webmap import assets, mapview
from mapapp.render.webmap.elements import MAP_SCRIPTS

st.set_page_config(page_title="mapapp", layout="wide")
assets.register_assets()
components.page_style()
in_page = st.components.v2.component("map_in_page", js=Path(%r).read_text(), isolate_styles=False)
doc = document_for(sources.file_source(SEED_FILE), "auto", False)
width, height = components.map_size(*components.ASSUMED_VIEWPORT)
drawn = mapview.map_script(mapview.base_map(doc.places, mapview.view_for(doc.places, width, height)))
folders = {"leaflet": f"/component/{assets.__name__}.{assets.LEAFLET_COMPONENT}/",
           "map": f"/component/{mapframe.FRAME_TITLE}/"}
in_page(key="map", data={"base": drawn.script, "mapId": drawn.map_id, "height": height, "folders": folders, "scripts": list(MAP_SCRIPTS),
                         "layers": mapview.layers_json(doc.places, list(LAYERS), mapview.MENTIONS)})
""" % str(Path(__file__).resolve().parent / "floor" / "map_in_page.js")
#: The in-page map followed by one element of each lazily loaded kind the app's first page has
#: (the sidebar's radios and toggle, a button, the text's HTML): what those kinds cost the map.
IN_PAGE_WIDGETS_SCRIPT = IN_PAGE_SCRIPT + """
st.sidebar.radio("Document", ["The seed", "Your own text"], key="mode")
st.sidebar.radio("Language", ["Detect", "German", "English"], key="lang", horizontal=True)
st.sidebar.toggle("Look up unknown names online", key="online")
st.button("Next ¶", key="next_passage")
st.html("<p>A passage that names <mark>Almaty</mark>.</p>")
"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    (tmp / "bare.py").write_text(BARE_SCRIPT, encoding="utf-8")
    (tmp / "map_only.py").write_text(MAP_ONLY_SCRIPT, encoding="utf-8")
    (tmp / "in_page.py").write_text(IN_PAGE_SCRIPT, encoding="utf-8")
    (tmp / "in_page_widgets.py").write_text(IN_PAGE_WIDGETS_SCRIPT, encoding="utf-8")
    pages = {"app": (ROOT / "mapapp" / "app" / "main.py", APP_READY_JS),
             "map only": (tmp / "map_only.py", APP_READY_JS),
             "in page": (tmp / "in_page.py", APP_READY_JS),
             "in page + widgets": (tmp / "in_page_widgets.py", APP_READY_JS),
             "bare": (tmp / "bare.py", BARE_READY_JS)}
    ports = {label: free_port() for label in pages}
    procs = [serve(path, ports[label], str(tmp / "layers")) for label, (path, _) in pages.items()]
    loads: dict[str, list[float]] = {label: [] for label in pages}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for label, (_, ready) in pages.items():  # warm-up: the seed's geoparse
                time_load(browser, f"http://127.0.0.1:{ports[label]}", ready, click=False)
            labels = list(pages)
            for i in range(args.runs):
                k = i % len(labels)
                for label in labels[k:] + labels[:k]:
                    url = f"http://127.0.0.1:{ports[label]}"
                    loads[label].append(time_load(browser, url, pages[label][1], click=False).ready)
            browser.close()
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)
    bare = statistics.median(loads["bare"])
    for label, times in loads.items():
        med = statistics.median(times)
        print(f"{label:17s} median {med:.2f} s (min {min(times):.2f}, max {max(times):.2f}), "
              f"{med / bare:.2f}x the bare page")


if __name__ == "__main__":
    main()
