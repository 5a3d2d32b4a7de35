"""Text on the static map: one font, the colours of names and notes, and the white halo.

All text stays text in SVG and PDF (searchable, editable), and none of it is
read as mathtext: a title or place name with dollar signs is printed as
written (``RC`` in ``export`` turns ``text.parse_math`` off for every artist).
"""
from __future__ import annotations

from typing import Any

from mapapp.render.image.labels import Box

FONT = "DejaVu Sans"
TEXT_COLOR = "#222222"
MUTED_COLOR = "#6b6b6b"
HALO = "white"


def extent(bbox) -> Box:
    """A matplotlib Bbox as the placer's (x0, y0, x1, y1) tuple."""
    return (float(bbox.x0), float(bbox.y0), float(bbox.x1), float(bbox.y1))


def halo_text(ax, x: float, y: float, text: str, style: dict[str, Any], ha: str, va: str, zorder: float):
    """Text with a white halo: the halo is a stroked copy, so the label itself stays text in SVG/PDF."""
    from matplotlib import patheffects

    kwargs = dict(ha=ha, va=va, zorder=zorder, **style)
    ax.text(x, y, text, path_effects=[patheffects.Stroke(linewidth=3, foreground=HALO)], **kwargs)
    return ax.text(x, y, text, **kwargs)
