"""Corrections an older mapapp kept as ``corrections.json`` in a layer folder, by offsets only.

That file was named by the text's file name, so it could belong to another text
with the same name (a seed correction once removed "Moskau" from a different
file). It is adopted once into the store for the text being built or shown, and
only those corrections whose surface text stands exactly at their offsets in that
text; the old file is left where it is.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mapapp.corrections.model import Correction, PlaceRef, new_id, now_iso, text_hash
from mapapp.corrections.store import CorrectionStore
from mapapp.io.paths import legacy_layers_dir

FILE = "corrections.json"

#: The place an old correction's id names, or None when it cannot be found.
Lookup = Callable[[str], PlaceRef | None]


@dataclass(frozen=True)
class Adopted:
    adopted: int
    refused: int


def legacy_file(layer_dir: Path) -> Path | None:
    """The old corrections file of a layer folder (or of the checkout's data/layers/), if any."""
    here = Path(layer_dir) / FILE
    if here.is_file():
        return here
    old = legacy_layers_dir(Path(layer_dir))
    return old / FILE if old is not None and (old / FILE).is_file() else None


def gazetteer_lookup(place_id: str) -> PlaceRef | None:
    from mapapp.gazetteer.query import get_gazetteer
    from mapapp.places.resolve import candidate_of

    entry = get_gazetteer().by_id(place_id)
    return None if entry is None else PlaceRef.of(candidate_of(entry, 1.0))


def _items(path: Path) -> list[dict]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    items = raw.get("corrections") if isinstance(raw, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def adopt_legacy(store: CorrectionStore, text: str, layer_dir: Path,
                 lookup: Lookup = gazetteer_lookup) -> Adopted:
    """Adopt the old file of ``layer_dir`` into ``text``'s published corrections, once."""
    path = legacy_file(layer_dir)
    if path is None:
        return Adopted(0, 0)
    h, when, action = text_hash(text), now_iso(), new_id()
    found: list[Correction] = []
    refused = 0
    for item in _items(path):
        try:
            start, end, surface, choice = int(item["start"]), int(item["end"]), str(item["text"]), item.get("choice")
            ref = None if choice is None else lookup(str(choice))
        except (KeyError, TypeError, ValueError):
            refused += 1
            continue
        if text[start:end] != surface or (choice is not None and ref is None):
            refused += 1
            continue
        found.append(Correction(new_id(), action, h, start, end, surface, ref, None, when))
    if not store.mark(h, f"legacy:{path.resolve()}", found):
        return Adopted(0, 0)
    return Adopted(len(found), refused)
