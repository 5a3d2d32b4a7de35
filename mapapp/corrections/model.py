"""A reader's correction of the geoparse, as plain data, and its JSON form.

A correction names the text it belongs to (``text_hash``), the span it corrects
(offsets *and* surface text, so it can be re-anchored or refused), the place
meant (a :class:`PlaceRef` complete enough to draw it with no gazetteer at hand,
or None for "not a place") and what the geoparser said (``original``).
"""
from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Mapping

from mapapp.model import Candidate, Place
from mapapp.render.html import normalize_newlines

#: Ids of points a reader drops on the map: ``user:`` and 32 hex digits.
USER_PREFIX = "user:"
USER_LAYERS = ("sites", "cities")
_HASH = re.compile(r"[0-9a-f]{64}")


def text_hash(text: str) -> str:
    """The sha256 hex of a text, line ends normalized as the app shows them, so the app,
    ``mapapp build`` and corpus runs name the same text with the same hash."""
    return hashlib.sha256(normalize_newlines(text).encode("utf-8")).hexdigest()


def is_text_hash(value: str) -> bool:
    return isinstance(value, str) and _HASH.fullmatch(value) is not None


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class PlaceRef:
    """The place a correction means: enough to draw it in ``build`` and corpus runs."""

    id: str
    name: str
    layer: str
    category: str
    country_code: str
    lat: float
    lon: float
    source: str

    @classmethod
    def of(cls, c: Candidate | Place) -> "PlaceRef":
        """The ref of a search hit, a candidate or a place already on the map."""
        return cls(c.id, c.name, c.layer, c.category, c.country_code, c.lat, c.lon, c.source)

    @classmethod
    def dropped(cls, name: str, lat: float, lon: float, layer: str = "sites",
                country_code: str = "") -> "PlaceRef":
        """A point a reader dropped on the map and named (layer "sites" or "cities")."""
        if layer not in USER_LAYERS:
            raise ValueError(f"a dropped point is in one of {USER_LAYERS}, not {layer!r}")
        return cls(f"{USER_PREFIX}{new_id()}", name, layer, "user", country_code,
                   float(lat), float(lon), "user")

    def candidate(self) -> Candidate:
        return Candidate(self.id, self.name, self.layer, self.category, self.country_code,
                         self.lat, self.lon, self.source)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "layer": self.layer, "category": self.category,
                "country_code": self.country_code, "lat": self.lat, "lon": self.lon,
                "source": self.source}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "PlaceRef":
        return cls(str(d["id"]), str(d["name"]), str(d["layer"]), str(d.get("category") or ""),
                   str(d.get("country_code") or ""), float(d["lat"]), float(d["lon"]),
                   str(d.get("source") or ""))


@dataclass(frozen=True)
class Correction:
    """The mention ``surface`` at ``start:end`` of the text ``text_hash`` means ``choice``
    (None: not a place). ``original`` is the place id the geoparser gave (None: the reader
    added the mention). Every correction of one step shares its ``action``."""

    id: str
    action: str
    text_hash: str
    start: int
    end: int
    surface: str
    choice: PlaceRef | None
    original: str | None
    made_at: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "action": self.action, "text_hash": self.text_hash,
                "start": self.start, "end": self.end, "surface": self.surface,
                "choice": None if self.choice is None else self.choice.to_dict(),
                "original": self.original, "made_at": self.made_at}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Correction":
        """A correction from its JSON form; KeyError/TypeError/ValueError when malformed."""
        start, end = int(d["start"]), int(d["end"])
        th = str(d["text_hash"])
        if not is_text_hash(th) or not 0 <= start < end:
            raise ValueError("not a correction: bad text hash or span")
        choice = d.get("choice")
        original = d.get("original")
        return cls(str(d["id"]), str(d["action"]), th, start, end, str(d["surface"]),
                   None if choice is None else PlaceRef.from_dict(choice),
                   None if original is None else str(original), str(d.get("made_at") or ""))


def make_corrections(text_hash_: str, spans: list[tuple[int, int, str, str | None]],
                     choice: PlaceRef | None, action: str | None = None) -> list[Correction]:
    """One step's corrections: each ``(start, end, surface, original)`` span means ``choice``,
    all under one action id and one time (so the step is undone at once)."""
    action = action or new_id()
    when = now_iso()
    return [Correction(new_id(), action, text_hash_, s, e, surface, choice, original, when)
            for s, e, surface, original in spans]


def parse_corrections(items: Any) -> tuple[list[Correction], int]:
    """The well-formed corrections of a JSON list, and how many items were malformed."""
    out, bad = [], 0
    for item in items if isinstance(items, list) else []:
        try:
            out.append(Correction.from_dict(item))
        except (KeyError, TypeError, ValueError, AttributeError):
            bad += 1
    return out, bad
