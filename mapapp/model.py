"""Typed data passed between the steps text -> mentions -> places -> layers.

Everything here is plain data: the steps that make these objects live in
their own modules (passages, recognize, resolve, borders, layers).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class StoredGeometry:
    """A geometry as the gazetteer index keeps it: an outline as well-known binary, or only a
    point.

    Decoded into shapely the first time something measures or draws it.  The index
    also keeps each outline as GeoJSON text, which ``mapapp geoparse`` copies into its
    output (``ref`` names it for ``Gazetteer.outline_geojson``), so that command never
    imports shapely and numpy; the text stays in the index, not in every document the
    app holds.  For a border, the point is the line's midpoint.
    """

    lon: float
    lat: float
    wkb: bytes | None = None
    #: Where the index keeps the outline's GeoJSON text (None for a point or a made-up outline).
    ref: str | None = None

    def decode(self) -> BaseGeometry:
        """The shapely geometry, made once: the gazetteer hands the same StoredGeometry to every
        Place of the same entry, so a country's outline is decoded once per process."""
        return self._decoded

    @cached_property
    def _decoded(self) -> BaseGeometry:
        if self.wkb is None:
            from shapely.geometry import Point

            return Point(self.lon, self.lat)
        from shapely import wkb

        return wkb.loads(self.wkb)


class _DecodedOnUse:
    """The ``Place.geometry`` field: holds a shapely geometry or a StoredGeometry, and always
    reads as shapely (decoding once, on first use)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = "_" + name

    def __get__(self, obj: Any, objtype: type | None = None) -> BaseGeometry:
        if obj is None:
            raise AttributeError(self._slot)  # the dataclass field has no default
        value = obj.__dict__[self._slot]
        if isinstance(value, StoredGeometry):
            value = obj.__dict__[self._slot] = value.decode()
        return value

    def __set__(self, obj: Any, value: BaseGeometry | StoredGeometry) -> None:
        obj.__dict__[self._slot] = value


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
    geometry: BaseGeometry = _DecodedOnUse()  # type: ignore[assignment]
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

    def stored_geometry(self) -> StoredGeometry | None:
        """The geometry as the index keeps it, while nothing has decoded it yet."""
        value = self.__dict__.get("_geometry")
        return value if isinstance(value, StoredGeometry) else None


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
