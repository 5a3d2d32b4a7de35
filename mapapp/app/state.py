"""What the map app knows and decides, free of Streamlit so it can be tested directly.

The Streamlit script (``mapapp/app/main.py``) only wires widgets to these
functions: where a text's layers live, reading built layers back into a
Document, turning a map click into a place, and the HTML of highlighted text.
"""
from __future__ import annotations

import hashlib
import html
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from mapapp.gazetteer.basemap import countries_geojson
from mapapp.layers import LAYERS
from mapapp.model import Candidate, Document, Mention, Passage, Place
from mapapp.io.paths import LAYERS_DIR
from mapapp.layers import spec
from mapapp.render.style import color_for
from mapapp.io.textio import InputError, decode_bytes

LAYERS_ENV = "MAPAPP_LAYERS_DIR"
MAX_UPLOAD_ENV = "MAPAPP_MAX_UPLOAD_MB"
MAX_UPLOAD_MB_DEFAULT = 5.0
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


def max_upload_bytes() -> int:
    """The largest text the app accepts (``MAPAPP_MAX_UPLOAD_MB``, default 5 MB): a shared
    server must not spend minutes on one reader's file."""
    raw = os.environ.get(MAX_UPLOAD_ENV, "").strip()
    try:
        mb = float(raw) if raw else MAX_UPLOAD_MB_DEFAULT
    except ValueError:
        mb = MAX_UPLOAD_MB_DEFAULT
    return int(max(mb, 0.001) * 1024 * 1024)


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 100 * 1024 else f"{n / 1024:.1f} KB"


def check_size(n_bytes: int, name: str, limit: int | None = None) -> None:
    """Raise InputError with a message for the reader when a text is over the limit."""
    limit = max_upload_bytes() if limit is None else limit
    if n_bytes > limit:
        raise InputError(f"{name} is {_size(n_bytes)}; this app takes texts of at most "
                         f"{_size(limit)}. Split it into parts, or ask whoever runs the app to "
                         f"raise {MAX_UPLOAD_ENV}.")


def decode_upload(data: bytes, name: str = "upload", limit: int | None = None) -> str:
    """Uploaded bytes as text, or InputError (too large, binary, undecodable) with a user message."""
    check_size(len(data), name, limit)
    text = decode_bytes(data, name).text
    if not text.strip():
        raise InputError(f"{name} contains no text")
    return text


def layer_counts(doc: Document) -> dict[str, int]:
    return {layer: len(doc.places_in_layer(layer)) for layer in LAYERS}


def layer_label(layer: str, count: int) -> str:
    return f"{spec(layer).label} ({count})"


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
    if spec(place.layer).is_line and place.country_codes:
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


def spans_by_passage(doc: Document) -> dict[int, list[tuple[Mention, Place]]]:
    """Mentions grouped by passage once, so marking a page of a long text is not quadratic."""
    out: dict[int, list[tuple[Mention, Place]]] = {}
    for m, p in doc.mentions():
        out.setdefault(m.passage, []).append((m, p))
    return out


def passage_html(doc: Document, passage: Passage, strong: set[str] = frozenset(),
                 spans: dict[int, list[tuple[Mention, Place]]] | None = None) -> str:
    by_passage = spans if spans is not None else spans_by_passage(doc)
    return highlight(passage.text, passage.start, by_passage.get(passage.index, []), strong)


#: Passages shown (and offered as pills) at once; a 5 MB text has tens of thousands.
PAGE_SIZE = 200


def page_count(doc: Document) -> int:
    return max(1, -(-len(doc.passages) // PAGE_SIZE))


def page_of(index: int) -> int:
    return index // PAGE_SIZE


def page_passages(doc: Document, page: int) -> list[Passage]:
    return doc.passages[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]


def page_label(doc: Document, page: int) -> str:
    first, last = page * PAGE_SIZE + 1, min((page + 1) * PAGE_SIZE, len(doc.passages))
    return f"¶{first}–{last}"


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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md_text(text: str) -> str:
    """``text`` for a Streamlit label or markdown: shown literally, never as markup or a link."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def download_stem(name: str) -> str:
    """A file-name stem safe in a download header and on any file system."""
    stem = re.sub(r"[^\w.-]+", "_", Path(name).stem, flags=re.UNICODE).strip("._")
    return stem[:80] or "text"
