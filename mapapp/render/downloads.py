"""The files a reader can take away: GeoJSON, a CSV of mentions, a standalone offline HTML story map."""
from __future__ import annotations

import csv
import io
import json

from mapapp.model import Document
from mapapp.render import storymap

CSV_COLUMNS = ("place_id", "place", "layer", "category", "country_code", "lat", "lon",
               "mention", "start", "end", "passage", "source", "original")


def geojson_bytes(doc: Document, layer: str | None = None) -> bytes:
    """All layers as one FeatureCollection, or just ``layer``."""
    fc = doc.to_geojson((layer,) if layer else None)
    return json.dumps(fc, ensure_ascii=False, indent=1).encode("utf-8")


#: What makes a spreadsheet read a cell as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """Text a spreadsheet shows as text: a leading ``'`` before anything it would run as a formula.

    Names come from the reader's text and from the online geocoder, so a
    ``=HYPERLINK(...)`` there must not become a live link in the reader's sheet.
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def mentions_csv(doc: Document) -> bytes:
    """One row per mention in text order; passage is the 1-based paragraph number shown in the app.

    RFC 4180 line ends (CRLF), so a field holding a lone CR is quoted and cannot split a row.
    ``source`` is "corrected" for a mention a reader moved or added (``original``: the place
    id the geoparser gave it, empty for an added one), else the place's source.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for m, p in doc.mentions():
        texts = [csv_cell(str(v)) for v in (p.id, p.name, p.layer, p.category, p.country_code)]
        source, original = ("corrected", m.original or "") if m.corrected else (p.source, "")
        w.writerow([*texts, f"{p.lat:.5f}", f"{p.lon:.5f}", csv_cell(m.text), m.start, m.end,
                    m.passage + 1, csv_cell(source), csv_cell(original)])
    return buf.getvalue().encode("utf-8")


def standalone_html(doc: Document, title: str = "mapapp") -> bytes:
    """One HTML file to send: the map beside the text, linked both ways, with no network needed."""
    return storymap.story_map(doc, title).get_root().render().encode("utf-8")
