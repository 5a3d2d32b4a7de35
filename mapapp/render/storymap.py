"""The standalone HTML as a story map: the text beside the map, linked from both sides, offline.

One file a reader can send: Leaflet inlined, the passages with their
mentions marked, a place list with mention counts, previous/next stepping through
the passages. Reader text reaches the page only through the autoescaped templates
(``templates/standalone*.j2``) and the data reaches the script only as JSON
(``|tojson``), so a name or text holding markup stays text.
"""
from __future__ import annotations

from dataclasses import dataclass

import folium
from jinja2 import Template

from mapapp.render.webmap.literal import Literal, LiteralMacro
from mapapp.layers import LAYERS, spec
from mapapp.model import Document, Place
from mapapp.render import framing
from mapapp.render.html import ShownPassage, render, shown_passage, spans_by_passage
from mapapp.render.style import color_for
from mapapp.render.webmap import assets, mapview

#: Deepest zoom a selection flies to: a city alone would otherwise fill the screen.
FLY_MAX_ZOOM = 6
#: The map's size before the page knows the window's (the script then fits the frame to it).
NOMINAL_MAP_PX = (860, 860)

Box = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class StoryPlace:
    """A place as the place list and the script know it."""

    id: str
    name: str
    kind: str
    color: str
    ink: str
    count: int
    passages: tuple[int, ...]
    frame: Box
    outside: bool = False


@dataclass(frozen=True)
class Story:
    """Everything the page shows besides the map: title, passages, places."""

    title: str
    passages: tuple[ShownPassage, ...]
    places: tuple[StoryPlace, ...]
    opening: Box

    @property
    def inks(self) -> dict[str, str]:
        return {p.id: p.ink for p in self.places}

    @property
    def mention_count(self) -> int:
        return sum(p.count for p in self.places)

    def script_data(self) -> dict:
        """What the script needs, as plain JSON: per place its passages and frame, per passage its places."""
        by_passage: dict[int, list[str]] = {p.number: [] for p in self.passages}
        for place in self.places:
            for n in place.passages:
                by_passage.setdefault(n, []).append(place.id)
        return {"places": {p.id: {"name": p.name, "count": p.count, "passages": list(p.passages),
                                  "frame": p.frame} for p in self.places},
                "passages": [{"number": n, "places": ids} for n, ids in sorted(by_passage.items())],
                "opening": self.opening, "flyMaxZoom": FLY_MAX_ZOOM}


def frame_of(place: Place) -> Box:
    """((south, west), (north, east)) to fly to when the place is chosen."""
    geom = place.geometry
    if geom.is_empty:
        return ((place.lat, place.lon), (place.lat, place.lon))
    w, s, e, n = framing.main_body(geom).bounds
    return ((round(s, 3), round(w, 3)), (round(n, 3), round(e, 3)))


def ink_on(color: str) -> str:
    """Dark or white text, whichever reads better on ``color`` (a ``#rrggbb`` value)."""
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#111111" if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else "#ffffff"


def story_of(doc: Document, title: str, opening: framing.Frame) -> Story:
    """The passages with their mentions marked, and the places most mentioned first."""
    spans = spans_by_passage(doc)
    passages = tuple(shown_passage(p, spans) for p in doc.passages)
    places = tuple(
        StoryPlace(p.id, p.name, spec(p.layer).label, color_for(p.layer, p.category),
                   ink_on(color_for(p.layer, p.category)), len(p.mentions),
                   tuple(n + 1 for n in p.passages), frame_of(p), p.id in opening.outside)
        for p in sorted(doc.places, key=lambda p: (-len(p.mentions), p.name.casefold())))
    return Story(title, passages, places, opening.bounds())


class _StoryScript(LiteralMacro):
    """The linking script, added after every layer so it finds their features when it runs."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.js }}{% endmacro %}")

    def __init__(self, js: str):
        super().__init__()
        self._name = "StoryScript"
        self.js = js


def story_map(doc: Document, title: str) -> folium.Map:
    """The map with the story's side panel, style and script attached to its page."""
    opening = framing.frame(doc.places)
    story = story_of(doc, title, opening)
    center, zoom = framing.view_for(opening, *NOMINAL_MAP_PX)
    m = mapview.base_map(doc.places, mapview.View(center, zoom), inline_assets=True)
    root = m.get_root()
    root.header.add_child(Literal(render("standalone_head.html.j2", title=title)), name="story_head", index=0)
    root.header.add_child(Literal(assets.inline_head()), name="offline_assets", index=0)
    root.html.add_child(Literal(render("standalone_panel.html.j2", story=story)), name="story_panel")
    for layer in LAYERS:
        if doc.places_in_layer(layer):
            mapview.layer_group(doc.places, layer).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    m.add_child(_StoryScript(render("standalone_story.js.j2", map_name=m.get_name(),
                                    data=story.script_data())))
    return m
