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


def halo_artists(x: float, y: float, text: str, style: dict[str, Any], ha: str, va: str) -> list:
    """The halo and the text as unattached artists, for a caller that groups them itself."""
    from matplotlib import patheffects
    from matplotlib.text import Text

    return [Text(x, y, text, ha=ha, va=va, path_effects=[patheffects.Stroke(linewidth=3, foreground=HALO)],
                 **style),
            Text(x, y, text, ha=ha, va=va, **style)]
