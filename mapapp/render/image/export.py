"""Static map images (PNG, SVG, PDF) of a text's layers, for print and for newsrooms.

Offline: matplotlib (Agg, object API, no pyplot state) draws the Natural Earth
vector basemap and the layers in the app's colours (``draw``), in a projection
centred on the places (``projection``, ``layout``), with names that do not
overlap (``lettering`` chooses them, ``labels`` places them) and a legend,
scale bar and credits (``decorations``). Output is byte-reproducible: no
dates in the metadata, a fixed SVG hash salt, labels kept as text in SVG and
PDF so they stay searchable and editable.
"""
from __future__ import annotations

import io
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping

from mapapp.geojson import FeatureCollection, places_from_collections
from mapapp.io.atomic import write_bytes_atomic
from mapapp.layers import is_layer, spec
from mapapp.model import Place
from mapapp.render.image import decorations, draw, lettering
from mapapp.render.image.focus import focus_codes
from mapapp.render.image.labels import place_labels
from mapapp.render.image.layout import MapLayout, layout_for
from mapapp.render.image.options import FORMATS, ExportError, ExportOptions
from mapapp.render.image.source import load_source, title_from_name
from mapapp.render.image.text import FONT, draw_text_as_paths

__all__ = ["FORMATS", "ExportError", "ExportOptions", "export_file", "figure", "load_source", "plan", "render",
           "render_places"]

#: rcParams that make the files reproducible, keep labels as text and never read text as mathtext.
RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "mapapp",
    "pdf.fonttype": 42,
    "font.family": FONT,
    "path.simplify": True,
    "text.parse_math": False,
}
#: zlib level 1: a seed PNG 7 % larger than at PIL's default 6, encoded in a fifth of the time.
PNG_COMPRESS_LEVEL = 1
METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": "mapapp"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "mapapp"},
}

#: Where each format keeps the map's extent (Dublin Core "Coverage" in PNG text and SVG metadata).
EXTENT_KEY = {"png": "Coverage", "svg": "Coverage", "pdf": "Subject"}
EXTENT_PREFIX = "Extent (lon/lat W,S,E,N): "

#: Room (points) kept between a name and any other place's marker, so no name seems to belong to it.
MARKER_CLEARANCE_PT = 4.0
#: rc_context changes matplotlib's global rcParams; app sessions render in threads, so one at a time.
_RENDER_LOCK = threading.Lock()


def _chosen(places: list[Place], options: ExportOptions) -> list[Place]:
    return [p for p in places if is_layer(p.layer) and options.wants(p.layer)]


def _places(layers: Mapping[str, FeatureCollection]) -> list[Place]:
    """The places of ``layers``; a malformed feature is an ExportError naming it, not a traceback."""
    errors: list[str] = []
    places = places_from_collections(layers, errors)
    if errors:
        raise ExportError(errors[0])
    return places


def plan(layers: Mapping[str, FeatureCollection], options: ExportOptions) -> MapLayout:
    """The layout ``render`` uses for ``layers`` (FeatureCollections by layer name)."""
    return layout_for(_chosen(_places(layers), options), options)


def render(layers: Mapping[str, FeatureCollection], options: ExportOptions) -> bytes:
    """The map of ``layers`` (FeatureCollections by layer name) as PNG, SVG or PDF bytes."""
    return render_places(_places(layers), options)


def render_places(places: list[Place], options: ExportOptions) -> bytes:
    """The map of ``places`` as PNG, SVG or PDF bytes (see :func:`render`)."""
    import matplotlib

    chosen = _chosen(places, options)
    metadata = {**METADATA[options.fmt], EXTENT_KEY[options.fmt]: extent_note(layout_for(chosen, options))}
    with _RENDER_LOCK, matplotlib.rc_context(RC):
        fig = figure(chosen, options)
        if options.fmt == "png":
            return png_bytes(fig, metadata)
        buf = io.BytesIO()
        fig.savefig(buf, format=options.fmt, dpi=options.dpi, metadata=metadata, facecolor="white")
    return buf.getvalue()


def png_bytes(fig, metadata: Mapping[str, str | None]) -> bytes:
    """The drawn figure as an RGB PNG: the map is opaque, so an alpha channel would only add a
    quarter to the bytes to compress. Text chunks as matplotlib writes them, minus the empty ones."""
    from PIL import Image, PngImagePlugin

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    size = (int(renderer.width), int(renderer.height))
    image = Image.frombuffer("RGBA", size, renderer.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    info = PngImagePlugin.PngInfo()
    for key, value in metadata.items():
        if value is not None:
            info.add_text(key, value)
    buf = io.BytesIO()
    image.save(buf, format="png", pnginfo=info, dpi=(fig.dpi, fig.dpi), compress_level=PNG_COMPRESS_LEVEL)
    return buf.getvalue()


def extent_note(layout: MapLayout) -> str:
    """The lon/lat box the map shows, written into the file so a reader (or a test) can check
    which view was exported: the box asked for (the app's view, ``--bbox``), or the framed view."""
    w, s, e, n = layout.bbox if layout.bbox is not None else layout.view.lonlat_bounds(pad_deg=0)
    return EXTENT_PREFIX + ",".join(f"{v:.4f}" for v in (w, s, e, n))


def figure(places: list[Place], options: ExportOptions):
    """The map as a matplotlib Figure (on an Agg canvas): map first, then the furniture, then
    the names, which must avoid both. Tests read the drawn geometry from it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    layout = layout_for(places, options)
    fig = Figure(figsize=(layout.width_px / layout.dpi, layout.height_px / layout.dpi), dpi=layout.dpi)
    canvas = FigureCanvasAgg(fig)
    left, bottom, width, height = layout.axes_px
    ax = fig.add_axes((left / layout.width_px, bottom / layout.height_px,
                       width / layout.width_px, height / layout.height_px))
    view = layout.view
    ax.set_xlim(view.xmin, view.xmax)
    ax.set_ylim(view.ymin, view.ymax)
    ax.set_aspect("auto")
    ax.set_autoscale_on(False)
    tolerance = layout.metres_per_px() * 0.5
    focus = focus_codes(places, options.focus)
    draw.prepare_axes(ax)
    draw.draw_graticule(ax, view)
    basemap = draw.basemap_in_view(view, tolerance)
    draw.draw_basemap(ax, basemap)
    outlines = draw.draw_areas(ax, places, layout, focus)
    lines = draw.draw_lines(ax, places, layout)
    marks = draw.draw_points(ax, places, view)

    shown = draw.shown_places(places, {**outlines, **lines}, marks, view)
    shown_ids = {id(p) for p in shown}
    left_out = sum(1 for p in places if id(p) not in shown_ids and p.name not in layout.outside)

    renderer = canvas.get_renderer()
    obstacles = draw.marker_boxes(ax, marks, layout, MARKER_CLEARANCE_PT)
    raster = options.fmt == "png"
    scalebar = decorations.draw_scalebar(ax, layout, renderer, raster)
    if scalebar is not None:
        obstacles.append(("scalebar", scalebar))
    legend_box = decorations.draw_legend(ax, shown, renderer, [box for _, box in obstacles])
    if legend_box is not None:
        obstacles.append(("legend", legend_box))
    bodies = lettering.main_bodies(basemap, view, tolerance)
    requests, styles = lettering.label_requests(ax, places, bodies, marks, layout, focus, basemap)
    drawn_lines = list(lines.values()) + [g for pid, g in outlines.items() if pid not in _country_ids(places)]
    frame = (left + 4, bottom + 4, left + width - 4, bottom + height - 4)
    measure = lettering.measurer(fig, renderer, styles)
    accept = lettering.on_own_area(ax, bodies, places, outlines)
    lettering.fit_fonts(requests, styles, measure, accept)
    placed = place_labels(requests, measure, frame, obstacles, gap=layout.pt(2.5), accept=accept,
                          crosses=lettering.crossings(ax, basemap, drawn_lines))
    lettering.draw_labels(ax, placed, styles, raster)
    names = {r.key: r.text for r in requests}
    callouts = sorted((p.number, names[p.key]) for p in placed if p.number is not None)
    decorations.draw_titles(fig, layout, options.title, options.subtitle, options.credit, shown, left_out,
                            decorations.notes_line(callouts, layout.outside), decorations.scale_note(view))
    if raster:
        draw_text_as_paths(fig)
    return fig


def _country_ids(places: list[Place]) -> set[str]:
    """Countries are the basemap's own polygons: their outlines are checked as the basemap's."""
    return {p.id for p in places if spec(p.layer).basemap_countries}


def _warn(message: str) -> None:
    print(f"mapapp export: warning: {message}", file=sys.stderr)


def export_file(source: Path | str | None, out_path: Path | str, options: ExportOptions) -> Path:
    """Render ``source`` (text file, layer folder, or the seed) and write it atomically to ``out_path``."""
    loaded = load_source(source)
    for message in loaded.warnings:
        _warn(message)
    if options.title is None:
        options = replace(options, title=title_from_name(loaded.name))
    out = Path(out_path)
    write_bytes_atomic(out, render_places(loaded.places, options))
    return out
