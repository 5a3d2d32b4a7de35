"""Typed data passed between the steps text -> mentions -> places -> layers.

Everything here is plain data: the steps that make these objects live in
their own modules (passages, recognize, resolve, borders, layers).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class Passage:
    """A paragraph of the input, with Python ``str`` offsets into it."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A span of the text that names (or, for demonyms, implies) a place."""

    start: int
    end: int
    text: str
    kind: str = "toponym"
    passage: int = 0
    #: Set by a reader's correction (mapapp.corrections): this mention was moved or added by
    #: hand; ``original`` is the place id the geoparser gave it (None when it was added).
    corrected: bool = False
    original: str | None = None


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a mention could refer to, with its score in context."""

    id: str
    name: str
    layer: str
    category: str
    country_code: str
    lat: float
    lon: float
    source: str
    score: float = 0.0
    population: int = 0


@dataclass
class Place:
    """A resolved place: one map feature, with every mention that names it."""

    id: str
    name: str
    layer: str
    category: str
    country_code: str
    source: str
    geometry: BaseGeometry
    lat: float
    lon: float
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    country_codes: tuple[str, ...] = ()
    length_km: float | None = None
    #: For a place made by a reader's correction (source "corrected"): the place the
    #: geoparser had chosen instead, when there was one.
    original_id: str | None = None
    original_name: str | None = None

    @property
    def passages(self) -> list[int]:
        return sorted({m.passage for m in self.mentions})


@dataclass
class Document:
    """The geoparse of one text: its passages and the places it names."""

    text: str
    lang: str
    passages: list[Passage]
    places: list[Place]
    warnings: list[str] = field(default_factory=list)

    def place(self, place_id: str) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)

    def places_in_layer(self, layer: str) -> list[Place]:
        return [p for p in self.places if p.layer == layer]

    def places_in_passage(self, index: int) -> list[Place]:
        return [p for p in self.places if index in p.passages]

    def mentions(self) -> list[tuple[Mention, Place]]:
        """Every mention with its place, in text order."""
        pairs = [(m, p) for p in self.places for m in p.mentions]
        return sorted(pairs, key=lambda mp: (mp[0].start, mp[0].end))

    def to_geojson(self, layers: tuple[str, ...] | None = None) -> dict[str, Any]:
        """One RFC 7946 FeatureCollection of all (or the given) layers (see mapapp.geojson)."""
        from mapapp.geojson import document_to_geojson

        return document_to_geojson(self, layers)

    def layer_collections(self) -> dict[str, dict[str, Any]]:
        """One FeatureCollection per layer, every layer present even when empty."""
        from mapapp.geojson import layer_collections

        return layer_collections(self)
