"""The hidden component that tells the export panel which part of the world the map shows.

The map's frame returns nothing (``app/mapframe.py``): returning its bounds would rerun
the whole page on every pan. This component (``viewreport/index.html``, same origin as the
page) reads the Leaflet map's bounds from the map's frame when it mounts and when the reader
moves into the sidebar, once a hand moved the map, and sends them only when they changed.
Called inside the export panel's ``st.fragment`` while the panel is open (a page load carries
no frame for it), so a report reruns that fragment alone.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

_VIEWREPORT = components.declare_component("mapapp_viewreport", path=str(Path(__file__).parent / "viewreport"))
KEY = "export_view"


def reported_bounds() -> Any:
    """The map's bounds as the reader last left them ({_southWest, _northEast} like Leaflet's),
    or None before the first report."""
    known = st.session_state.get(KEY)
    with st.container(key="viewreport"):
        return _VIEWREPORT(known=known, key=KEY, default=None)
