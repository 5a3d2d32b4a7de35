"""The app's static export: exactly the map the reader is looking at, with newsroom fields.

The extent is the map's current view: the bounds the view report
(``app/viewreport``) reads from the map once the reader has moved it, otherwise
the centre and zoom the page opened it at (the framing of the current
selection, at the map's real size). The panel is an ``st.fragment``, so a new
report reruns only the panel, and panning alone reruns nothing. The
layers switched on are the layers exported. Title, subtitle, credit and size
preset are editable; the defaults are the CLI's (``mapapp export``), so the
same text gives the same map from either.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

from mapapp.model import Document, Place
from mapapp.render.image.options import PRESETS, ExportError, ExportOptions, with_preset
from mapapp.render.image.projection import Bbox
from mapapp.render.image.source import title_from_name

TILE_PX = 256
MAX_MERCATOR_LAT = 85.0511
#: Session key of the panel's expander (open or not): its form is built only while open.
PANEL_OPEN = "export_open"
FORMATS_SHOWN = (("png", "image/png"), ("svg", "image/svg+xml"), ("pdf", "application/pdf"))


@dataclass(frozen=True)
class WebView:
    """What the web map shows: a centre (lat, lon), a Leaflet zoom and its size in CSS pixels."""

    center: tuple[float, float]
    zoom: float
    width_px: int
    height_px: int


def _merc_y(lat: float) -> float:
    lat = max(min(lat, MAX_MERCATOR_LAT), -MAX_MERCATOR_LAT)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _merc_lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def bbox_of_view(view: WebView) -> Bbox | None:
    """W, S, E, N of a Web Mercator map of this centre, zoom and size; None when it spans the
    antimeridian or the whole world (the export's own framing does better then)."""
    lat, lon = view.center
    world_px = TILE_PX * 2 ** view.zoom
    half_lon = view.width_px / world_px * 180.0
    half_y = view.height_px / world_px * math.pi
    west, east = lon - half_lon, lon + half_lon
    if west < -180 or east > 180:
        return None
    y = _merc_y(lat)
    return (west, max(_merc_lat(y - half_y), -85.0), east, min(_merc_lat(y + half_y), 85.0))


def bbox_of_bounds(bounds: Any) -> Bbox | None:
    """W, S, E, N from Leaflet bounds as the view report sends them ({_southWest, _northEast})."""
    try:
        sw, ne = bounds["_southWest"], bounds["_northEast"]
        west, south, east, north = (float(sw["lng"]), float(sw["lat"]), float(ne["lng"]), float(ne["lat"]))
    except (KeyError, TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        return None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        return None
    return (west, south, east, north)


def default_title(source_name: str) -> str:
    """The title ``mapapp export`` gives the same text."""
    return title_from_name(source_name)


def export_options(fmt: str, preset: str, layers: Sequence[str], bbox: Bbox | None, title: str,
                   subtitle: str = "", credit: str = "") -> ExportOptions:
    """Options for the current view; empty subtitle or credit fields mean the defaults."""
    return with_preset(fmt, preset, layers=tuple(layers) or None, bbox=bbox, title=title.strip() or None,
                       subtitle=subtitle.strip() or None, credit=credit.strip() or None)


def render_current_view(doc: Document, options: ExportOptions) -> bytes:
    from mapapp.render.image.export import render

    return render(doc.layer_collections(), options)


def selection(doc: Document, place_id: str | None, passage: int | None) -> list[Place]:
    """The places the map is zoomed to, as the text page chooses them: a place, a passage's, or none."""
    from mapapp.app import paging

    place = doc.place(place_id) if place_id else None
    return [place] if place is not None else paging.places_for_passage(doc, passage)


def view_caption(bbox: Bbox | None, reported: bool) -> str:
    """What the export will show, in the reader's terms."""
    if bbox is None:
        return "Exports the layers switched on, framed on their places."
    w, s, e, n = bbox
    where = f"{_lat(s)} to {_lat(n)}, {_lon(w)} to {_lon(e)}"
    if reported:
        return f"Exports the map's current view ({where}) and the layers switched on."
    return f"Exports the map's opening view ({where}) and the layers switched on; pan or zoom the map to change it."


def _lat(v: float) -> str:
    return f"{abs(v):.1f}° {'N' if v >= 0 else 'S'}"


def _lon(v: float) -> str:
    return f"{abs(v):.1f}° {'E' if v >= 0 else 'W'}"


def export_panel(doc: Document, source_name: str, stem: str, visible: list[str],
                 width_px: int, height_px: int) -> None:
    """Sidebar form: title, subtitle, credit, size; one download button per format, rendered on click.

    The panel is a fragment: when the reader has moved the map and heads for the sidebar, the
    view report (``app/viewreport``) reruns the panel alone with the map's bounds.
    """
    import streamlit as st

    from mapapp.render.webmap import mapview

    chosen = selection(doc, st.session_state.get("place"), st.session_state.get("passage"))
    opened = mapview.view_for(chosen or doc.places, width=width_px, height=height_px)
    fallback = bbox_of_view(WebView(tuple(opened.center), opened.zoom, width_px, height_px))
    with st.sidebar:
        st.fragment(_panel)(doc, source_name, stem, list(visible), fallback)


def _panel(doc: Document, source_name: str, stem: str, visible: list[str], fallback: Bbox | None) -> None:
    import streamlit as st

    from mapapp.app import viewreport
    from mapapp.app.components import lazy_expander

    shelf = lazy_expander("Static map (PNG, SVG, PDF)", PANEL_OPEN)
    if shelf is None:
        return
    with shelf:
        reported = bbox_of_bounds(viewreport.reported_bounds())
        bbox = reported or fallback
        title = st.text_input("Title", value=default_title(source_name), key="export_title")
        subtitle = st.text_input("Subtitle", placeholder="How many places of each kind", key="export_subtitle")
        credit = st.text_input("Credit", placeholder="Map: your name / newsroom", key="export_credit")
        preset = st.selectbox("Size", list(PRESETS), format_func=lambda name: PRESETS[name].label,
                              key="export_preset")
        st.caption(view_caption(bbox, reported is not None))
        cols = st.columns(len(FORMATS_SHOWN))
        for col, (fmt, mime) in zip(cols, FORMATS_SHOWN):
            try:
                options = export_options(fmt, preset, visible, bbox, title, subtitle, credit)
            except ExportError as exc:
                st.error(str(exc))
                return
            col.download_button(fmt.upper(), lambda options=options: render_current_view(doc, options),
                                f"{stem}_map.{fmt}", mime, on_click="ignore", key=f"export_{fmt}",
                                help=f"Static {fmt.upper()} map of the current view")
