"""The words the app puts on places, mentions and widgets. Free of Streamlit so it can be tested.

Widget labels and headings are Markdown in Streamlit, so names shown there go
through :func:`md_text`; reader text and longer details are HTML from
mapapp.render.html instead.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from mapapp.gazetteer.basemap import countries_geojson
from mapapp.layers import LAYERS, spec
from mapapp.model import Candidate, Mention, Place
from mapapp.places.candidates import Choice, choice_of

if TYPE_CHECKING:
    from mapapp.gazetteer.query import Gazetteer


@dataclass(frozen=True)
class PlaceInfo:
    """What the side panel says about a place."""

    name: str
    kind: str
    country: str
    coords: str
    source: str
    mentions_line: str


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {f["properties"]["iso_a2"]: f["properties"]["name"]
            for f in countries_geojson()["features"] if f["properties"].get("iso_a2")}


def country_name(code: str) -> str:
    return _country_names().get(code, code)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def kind_of(place: Place) -> str:
    """The place's category in words, or its layer when it has none."""
    return place.category.replace("_", " ") or place.layer


def place_info(place: Place) -> PlaceInfo:
    if spec(place.layer).is_line and place.country_codes:
        country = " – ".join(country_name(c) for c in place.country_codes)
    else:
        country = country_name(place.country_code) if place.country_code else "—"
    lat = f"{abs(place.lat):.4f}° {'N' if place.lat >= 0 else 'S'}"
    lon = f"{abs(place.lon):.4f}° {'E' if place.lon >= 0 else 'W'}"
    return PlaceInfo(name=place.name, kind=kind_of(place), country=country, coords=f"{lat}, {lon}",
                     source=place.source,
                     mentions_line=f"{plural(len(place.mentions), 'mention')} in "
                                   f"{plural(len(place.passages), 'passage')}")


def layer_counts(places: list[Place]) -> dict[str, int]:
    counts = dict.fromkeys(LAYERS, 0)
    for p in places:
        if p.layer in counts:
            counts[p.layer] += 1
    return counts


def layer_label(layer: str, count: int) -> str:
    return f"{spec(layer).label} ({count})"


def empty_layers_note(layers: Sequence[str]) -> str:
    """The line that stands for the switches of layers this text has no places in."""
    names = [spec(layer).label for layer in layers]
    return f"Nothing in this text for: {', '.join(names)}."


def mention_label(m: Mention) -> str:
    return f"“{m.text}” in ¶{m.passage + 1} (characters {m.start}–{m.end})"


def candidate_label(c: Candidate | Choice, gaz: Gazetteer | None = None) -> str:
    """One line that tells a candidate from its namesakes: "Paris — town · Texas, United States of
    America · pop. 24,782", with the distance to the text's other places for a
    :class:`~mapapp.places.candidates.Choice` (see ``choices``); a bare Candidate is told apart
    by its region in ``gaz`` (by default the app's gazetteer)."""
    if isinstance(c, Candidate):
        if gaz is None:
            from mapapp.gazetteer.query import get_gazetteer
            gaz = get_gazetteer()
        c = choice_of(c, gaz)
    return c.label


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md_text(text: str) -> str:
    """``text`` for a Streamlit label or heading: shown literally, never as markup or a link."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def download_stem(name: str) -> str:
    """A file-name stem safe in a download header and on any file system."""
    stem = re.sub(r"[^\w.-]+", "_", Path(name).stem, flags=re.UNICODE).strip("._")
    return stem[:80] or "text"


def sorted_places(places: Sequence[Place], counts: Mapping[str, int], query: str = "",
                  by_name: bool = False) -> list[Place]:
    """The places whose name contains ``query`` (case and accents ignored), most named first
    (then by name), or by name."""
    needle = _folded(query)
    found = [p for p in places if needle in _folded(p.name)]
    if by_name:
        return sorted(found, key=lambda p: (_folded(p.name), p.id))
    return sorted(found, key=lambda p: (-counts.get(p.id, 0), _folded(p.name), p.id))


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", " ".join(str(text).split()).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
