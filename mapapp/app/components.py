"""The Streamlit pieces both pages share: the map and its clicks, the side panel, layer toggles.

A page gives places (and how to size them), draws its own side panel, and gets
the same map, selection, framing and layout as the other page.
"""
from __future__ import annotations

from typing import Callable, Sequence

import streamlit as st
from streamlit_folium import st_folium

from mapapp.app.clicks import clicked_place
from mapapp.app.labels import layer_counts, layer_label, md_text
from mapapp.layers import LAYERS
from mapapp.model import Place
from mapapp.render.html import app_style
from mapapp.render.webmap import mapview
from mapapp.render.webmap.tiles import TileChoice, available_tiles

MAP_KEY = "map"


def page_style() -> None:
    """The style sheet for the classes of mapapp.render.html (sent once per run, takes no space)."""
    st.html(app_style())


def reset_on_new_doc(key: str) -> None:
    """Forget the chosen place, passage and corrections when another text or corpus is shown."""
    if st.session_state.get("doc_key") != key:
        st.session_state.doc_key = key
        st.session_state.place = None
        st.session_state.passage = None
        st.session_state.corrections = None


def select_place(pid: str | None) -> None:
    st.session_state.place = pid
    if pid is not None:
        st.session_state.passage = None


def follow_click(known: Callable[[str], bool]) -> str | None:
    """A new click on the map chooses its place; a chosen place no longer on the map is let go.

    Returns the chosen place id.
    """
    pid, seen = clicked_place(st.session_state.get(MAP_KEY), st.session_state.get("seen"))
    st.session_state.seen = seen
    if pid and known(pid):
        select_place(pid)
    if st.session_state.place and not known(st.session_state.place):
        st.session_state.place = None
    return st.session_state.place


def layer_toggles(places: Sequence[Place]) -> list[str]:
    st.sidebar.subheader("Layers")
    counts = layer_counts(list(places))
    return [layer for layer in LAYERS
            if st.sidebar.checkbox(layer_label(layer, counts[layer]), value=True, key=f"layer_{layer}")]


def base_layer_choice() -> TileChoice | None:
    tiles = available_tiles()
    labels = ["Natural Earth (offline)"] + [t.label for t in tiles]
    pick = st.sidebar.selectbox("Background", labels, key="tiles")
    return next((t for t in tiles if t.label == pick), None)


def show_map(places: Sequence[Place], sizing: mapview.Sizing, visible: list[str],
             chosen: list[Place], tiles: TileChoice | None) -> None:
    """The folium map framed on the chosen places (or all); only clicks come back, so panning
    and zooming never rerun the script."""
    overview = mapview.view_for(places)
    shown = mapview.view_for(chosen) if chosen else overview
    st_folium(mapview.base_map(places, overview, tiles), key=MAP_KEY,
              height=mapview.MAP_HEIGHT, use_container_width=True,
              feature_group_to_add=mapview.feature_groups(places, visible, chosen, sizing),
              center=shown.center, zoom=shown.zoom,
              returned_objects=["last_active_drawing", "last_object_clicked_count"])


def map_and_panel(places: Sequence[Place], sizing: mapview.Sizing, chosen: list[Place],
                  caption: str, panel: Callable[[], None]) -> list[str]:
    """Sidebar layer toggles and background, a caption, the map on the left and ``panel`` on
    the right; returns the layers switched on."""
    visible = layer_toggles(places)
    tiles = base_layer_choice()
    st.caption(caption)
    col_map, col_info = st.columns([1, 1])
    with col_map:
        show_map(places, sizing, visible, chosen, tiles)
    with col_info:
        panel()
    return visible


def place_panel(name: str, details_html: str, body: Callable[[], None]) -> None:
    """The side panel of a chosen place: its name, details, ``body``, and a way back."""
    with st.container(height=mapview.MAP_HEIGHT, key="place_box"):
        st.subheader(md_text(name))
        st.html(details_html)
        body()
        st.button("Clear selection", on_click=select_place, args=(None,))
