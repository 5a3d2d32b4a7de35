"""The hidden component that carries the page's events back to the script.

``st.html`` cannot send anything back, so the reader's text stays plain escaped
HTML and this component (``bridge/index.html``, same origin as the page) listens
on the page for a click or Enter/Space on a marked mention, for Esc or a click on the
empty map while something is chosen (map.js tells), and for the window's size (sent with the first
event or when the window changes, never on its own at load: that cost a second script run).
Its small sibling (``bridge/highlight/index.html``) goes the other way: it hands the map the
selection's rings and outlines and the view that shows them, so choosing a place leaves the
map's own arguments (base map and layers, some 175 KB) as they are.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import streamlit as st
import streamlit.components.v1 as components

from mapapp.app.clicks import ReaderEvents, reader_events
from mapapp.render.webmap.mapview import View

_BRIDGE = components.declare_component("mapapp_bridge", path=str(Path(__file__).parent / "bridge"))
_HIGHLIGHT = components.declare_component("mapapp_highlight",
                                          path=str(Path(__file__).parent / "bridge" / "highlight"))


def events() -> ReaderEvents:
    """This run's new reader events (at most one click and one clear), the window size included;
    a map point or selected words asked for by a correction form are left in the session for it."""
    with st.container(key="bridge"):
        value = _BRIDGE(key="bridge_value", default=None)
    found, st.session_state.bridge_seen = reader_events(value, st.session_state.get("bridge_seen"))
    if found.width and found.height:
        st.session_state.viewport_w, st.session_state.viewport_h = found.width, found.height
    if found.point:
        st.session_state.map_point = found.point
    if found.words:
        st.session_state.text_selection = found.words
    return found


def highlight(collection: Mapping[str, Any], view: View) -> None:
    """Show ``collection`` (mapview.highlight: the chosen places' rings and outlines) on the map,
    in place of the last one, and move the map to ``view`` when that differs from the last view
    sent (the map frame's frame.js); the component's arguments change, the page keeps it mounted."""
    with st.container(key="bridge_highlight"):  # hidden with its wrapper, which took a gap (app_style)
        _HIGHLIGHT(key="bridge_highlight_value", highlight=dict(collection),
                   view=[*view.center, view.zoom], default=None)
