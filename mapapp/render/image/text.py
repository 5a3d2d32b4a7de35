"""Text on the static map: one font, the colours of names and notes, and the white halo.

All text stays text in SVG and PDF (searchable, editable), and none of it is
read as mathtext: a title or place name with dollar signs is printed as
written (``RC`` in ``export`` turns ``text.parse_math`` off for every artist).
A PNG has no text to keep, so there every name is drawn as an outline path
(``raster``): matplotlib 3.11 rasterises text one glyph at a time in Python,
while glyph outlines are cached across exports, which halves the time text
takes, and a halo is one stroke under the same path instead of a second text.
"""
from __future__ import annotations

from typing import Any

from mapapp.render.image.labels import Box

FONT = "DejaVu Sans"
TEXT_COLOR = "#222222"
MUTED_COLOR = "#6b6b6b"
HALO = "white"
HALO_WIDTH = 3


def extent(bbox) -> Box:
    """A matplotlib Bbox as the placer's (x0, y0, x1, y1) tuple."""
    return (float(bbox.x0), float(bbox.y0), float(bbox.x1), float(bbox.y1))


def halo_artists(x: float, y: float, text: str, style: dict[str, Any], ha: str, va: str,
                 raster: bool = False) -> list:
    """The text on a white halo as unattached artists (the text last), for a caller that groups
    them itself: one path-drawn artist for a raster image, a halo and a real text otherwise."""
    from matplotlib import patheffects
    from matplotlib.text import Text

    if raster:
        return [Text(x, y, text, ha=ha, va=va,
                     path_effects=[patheffects.withStroke(linewidth=HALO_WIDTH, foreground=HALO)], **style)]
    return [Text(x, y, text, ha=ha, va=va,
                 path_effects=[patheffects.Stroke(linewidth=HALO_WIDTH, foreground=HALO)], **style),
            Text(x, y, text, ha=ha, va=va, **style)]


def draw_text_as_paths(fig) -> None:
    """Every plain text of ``fig`` (titles, legend, notes) drawn from cached glyph outlines: for PNG only."""
    from matplotlib import patheffects
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        if not text.get_path_effects():
            text.set_path_effects([patheffects.Normal()])
