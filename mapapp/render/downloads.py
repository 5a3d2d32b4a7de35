"""The files a reader can take away: GeoJSON, a CSV of mentions, a standalone offline HTML map."""
from __future__ import annotations

import csv
import html
import io
import json

import folium
from branca.element import Element

from mapapp.render.webmap import mapview
from mapapp.render.webmap import assets
from mapapp.layers import LAYERS
from mapapp.model import Document

CSV_COLUMNS = ("place_id", "place", "layer", "category", "country_code", "lat", "lon",
               "mention", "start", "end", "passage")


def geojson_bytes(doc: Document, layer: str | None = None) -> bytes:
    """All layers as one FeatureCollection, or just ``layer``."""
    fc = doc.to_geojson((layer,) if layer else None)
    return json.dumps(fc, ensure_ascii=False, indent=1).encode("utf-8")


def mentions_csv(doc: Document) -> bytes:
    """One row per mention in text order; passage is the 1-based paragraph number shown in the app."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for m, p in doc.mentions():
        w.writerow([p.id, p.name, p.layer, p.category, p.country_code, f"{p.lat:.5f}",
                    f"{p.lon:.5f}", m.text, m.start, m.end, m.passage + 1])
    return buf.getvalue().encode("utf-8")


def standalone_html(doc: Document, title: str = "mapapp") -> bytes:
    """A single HTML file with Leaflet, jQuery, basemap and layers inlined: opens with no network."""
    m = mapview.base_map(doc, mapview.view_for(doc.places), inline_assets=True)
    root = m.get_root()
    root.header.add_child(Element(assets.inline_head()), name="offline_assets", index=0)
    root.header.add_child(Element(f"<title>{html.escape(title)}</title>"), name="title", index=0)
    for layer in LAYERS:
        if doc.places_in_layer(layer):
            mapview.layer_group(doc, layer).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    return root.render().encode("utf-8")
