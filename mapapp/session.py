"""What the map app knows and decides, free of Streamlit so it can be tested directly.

The Streamlit script (``mapapp/app.py``) only wires widgets to these
functions: where a text's layers live, reading built layers back into a
Document, turning a map click into a place, and the HTML of highlighted text.
"""
from __future__ import annotations

import hashlib
import html
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from shapely.geometry import shape

from mapapp.basemap import countries_geojson
from mapapp.layers import read_layers
from mapapp.model import LAYERS, Candidate, Document, Mention, Passage, Place
from mapapp.paths import LAYERS_DIR
from mapapp.style import LAYER_STYLE, color_for

LAYERS_ENV = "MAPAPP_LAYERS_DIR"
UPLOAD_TYPES = ("txt", "md")
LANG_CHOICES = ("auto", "de", "en")


@dataclass(frozen=True)
class Source:
    """A text the app shows: a file given on the command line, or a pasted/uploaded text."""

    name: str
    text: str
    layer_dir: Path
    path: Path | None = None


@dataclass(frozen=True)
class PlaceInfo:
    """What the side panel says about a place."""

    name: str
    layer: str
    category: str
    country: str
    coords: str
    source: str
    mentions_line: str


def layers_root() -> Path:
    """Root of the layer folders; ``MAPAPP_LAYERS_DIR`` redirects it (tests, read-only checkouts)."""
    env = os.environ.get(LAYERS_ENV)
    return Path(env) if env else LAYERS_DIR


def text_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def file_source(path: Path) -> Source:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    return Source(name=path.name, text=text, layer_dir=layers_root() / path.stem, path=path)


def text_source(text: str, name: str = "") -> Source:
    """A pasted or uploaded text; its layers and corrections live under the text's hash."""
    return Source(name=name or "pasted text", text=text, layer_dir=layers_root() / text_id(text))


def decode_upload(data: bytes) -> str:
    """Uploaded bytes as text: UTF-8 (with or without BOM), else Windows-1252 so nothing is refused."""
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _mention(d: dict[str, Any]) -> Mention:
    return Mention(int(d["start"]), int(d["end"]), str(d["text"]),
                   str(d.get("kind", "toponym")), int(d.get("passage", 0)))


def _candidate(d: dict[str, Any]) -> Candidate:
    return Candidate(str(d["id"]), str(d["name"]), str(d["layer"]), str(d.get("category", "")),
                     str(d.get("country_code", "")), float(d["lat"]), float(d["lon"]),
                     str(d.get("source", "")), float(d.get("score", 0.0)))


def place_from_feature(feature: dict[str, Any]) -> Place:
    p = feature["properties"]
    return Place(id=str(p["id"]), name=str(p["name"]), layer=str(p["layer"]),
                 category=str(p.get("category", "")), country_code=str(p.get("country_code", "")),
                 source=str(p.get("source", "")), geometry=shape(feature["geometry"]),
                 lat=float(p["lat"]), lon=float(p["lon"]),
                 mentions=[_mention(m) for m in p.get("mentions", [])],
                 candidates=[_candidate(c) for c in p.get("candidates", [])],
                 country_codes=tuple(p.get("country_codes", ())),
                 length_km=p.get("length_km"))


def document_from_layers(layer_dir: Path, text: str | None = None) -> Document | None:
    """The Document saved in a layer folder, or None when missing, broken or of another text."""
    ls = read_layers(layer_dir)
    if ls.errors or not ls.passages or not ls.layers:
        return None
    if text is not None and ls.passages.get("text") != text:
        return None
    passages = [Passage(int(p["index"]), int(p["start"]), int(p["end"]), str(p["text"]))
                for p in ls.passages.get("passages", [])]
    places = [place_from_feature(f) for layer in LAYERS
              for f in ls.layers.get(layer, {}).get("features", [])]
    return Document(text=ls.passages["text"], lang=str(ls.passages.get("lang", "")),
                    passages=passages, places=places)


def layer_counts(doc: Document) -> dict[str, int]:
    return {layer: len(doc.places_in_layer(layer)) for layer in LAYERS}


def layer_label(layer: str, count: int) -> str:
    return f"{LAYER_STYLE[layer]['label']} ({count})"


def clicked_place(event: dict[str, Any] | None, seen_count: int | None) -> tuple[str | None, int | None]:
    """The place id of a new click in a streamlit-folium value, and the click count to remember.

    streamlit-folium returns the clicked GeoJSON feature as ``last_active_drawing``
    and counts object clicks, so a repeated click on the same place still counts
    while a rerun without a click does not.
    """
    if not event:
        return None, seen_count
    count = event.get("last_object_clicked_count")
    if count is None or count == seen_count:
        return None, seen_count
    feature = event.get("last_active_drawing") or {}
    props = feature.get("properties") or {}
    pid = props.get("id") or feature.get("id")
    return (str(pid) if pid else None), count


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {f["properties"]["iso_a2"]: f["properties"]["name"]
            for f in countries_geojson()["features"] if f["properties"].get("iso_a2")}


def country_name(code: str) -> str:
    return _country_names().get(code, code)


def place_info(place: Place) -> PlaceInfo:
    n, m = len(place.mentions), len(place.passages)
    if place.layer == "borders" and place.country_codes:
        country = " – ".join(country_name(c) for c in place.country_codes)
    else:
        country = country_name(place.country_code) if place.country_code else "—"
    lat = f"{abs(place.lat):.4f}° {'N' if place.lat >= 0 else 'S'}"
    lon = f"{abs(place.lon):.4f}° {'E' if place.lon >= 0 else 'W'}"
    return PlaceInfo(name=place.name, layer=place.layer, category=place.category.replace("_", " "),
                     country=country, coords=f"{lat}, {lon}", source=place.source,
                     mentions_line=f"{n} mention{'s' if n != 1 else ''} in "
                                   f"{m} passage{'s' if m != 1 else ''}")


def highlight(text: str, offset: int, spans: Iterable[tuple[Mention, Place]],
              strong: set[str] = frozenset()) -> str:
    """``text`` (starting at ``offset`` in the document) as HTML, mentions marked in their layer colour.

    Mentions of the places in ``strong`` get a solid background so the chosen
    place stands out among the others; everything is escaped.
    """
    out, pos = [], 0
    for m, place in sorted(spans, key=lambda mp: mp[0].start):
        a, b = m.start - offset, m.end - offset
        if a < pos or b > len(text) or a < 0:
            continue
        color = color_for(place.layer, place.category)
        cls = "mention strong" if place.id in strong else "mention"
        bg = color if place.id in strong else color + "2e"
        fg = "#ffffff" if place.id in strong else "inherit"
        out.append(html.escape(text[pos:a]))
        out.append(f'<mark class="{cls}" data-place="{html.escape(place.id)}" '
                   f'title="{html.escape(place.name)}" style="background:{bg};color:{fg};'
                   f'border-bottom:2px solid {color};padding:0 2px;border-radius:2px">'
                   f'{html.escape(text[a:b])}</mark>')
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


def passage_html(doc: Document, passage: Passage, strong: set[str] = frozenset()) -> str:
    spans = [(m, p) for m, p in doc.mentions() if m.passage == passage.index]
    return highlight(passage.text, passage.start, spans, strong)


def passage_label(passage: Passage, width: int = 60) -> str:
    head = " ".join(passage.text.split())
    return f"¶{passage.index + 1}: {head[:width]}{'…' if len(head) > width else ''}"


def places_for_passage(doc: Document, index: int | None) -> list[Place]:
    return [] if index is None else doc.places_in_passage(index)


def mention_label(m: Mention) -> str:
    return f"“{m.text}” in ¶{m.passage + 1} (characters {m.start}–{m.end})"


def candidate_label(c: Candidate) -> str:
    cat = c.category.replace("_", " ")
    where = country_name(c.country_code) if c.country_code else ""
    return f"{c.name} ({', '.join(x for x in (cat, where) if x)}; {c.source})"
