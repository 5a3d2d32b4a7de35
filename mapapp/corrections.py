"""A reader's corrections of the geoparse: another candidate, or "not a place", per mention.

They are stored as ``corrections.json`` next to a document's layers, in the
user data folder (see ``mapapp.io.paths``), so the app and every later
``build`` of the same text apply them. A file left by an older mapapp in the
checkout's ``data/layers/<name>/`` is copied there on first use. Applying is pure
and idempotent: applying corrections to a document they were already applied
to changes nothing.
"""
from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from mapapp.errors import OutputError
from mapapp.io.atomic import write_bytes_atomic, write_text_atomic
from mapapp.io.paths import legacy_layers_dir
from mapapp.model import Candidate, Document, Mention, Place

FILE = "corrections.json"

PlaceFactory = Callable[[Candidate, list[Mention]], Place]


@dataclass(frozen=True)
class Correction:
    """The mention at ``start:end`` (reading ``text``) means candidate ``choice``; None = not a place."""

    start: int
    end: int
    text: str
    choice: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "choice": self.choice}


def corrections_file(layer_dir: Path) -> Path:
    """The corrections file of a layer folder, adopting one an older mapapp kept in the checkout.

    The old file is copied, not moved (the checkout may be read-only or shared);
    when the copy cannot be written the old file is read where it is.
    """
    path = Path(layer_dir) / FILE
    old = legacy_layers_dir(Path(layer_dir))
    if path.exists() or old is None or not (old / FILE).is_file():
        return path
    try:
        write_bytes_atomic(path, (old / FILE).read_bytes())
    except (OSError, OutputError):
        return old / FILE
    return path


def _read(layer_dir: Path) -> Any:
    """The parsed corrections file; None when there is none, ValueError (or its UnicodeDecodeError)
    when it cannot be read."""
    path = corrections_file(layer_dir)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def load_corrections(layer_dir: Path) -> list[Correction]:
    """Corrections saved for a document; none when the file is missing or unreadable."""
    try:
        raw = _read(layer_dir)
    except ValueError:
        return []
    out = []
    for item in raw.get("corrections", []) if isinstance(raw, dict) else []:
        try:
            choice = item.get("choice")
            out.append(Correction(int(item["start"]), int(item["end"]), str(item["text"]),
                                  None if choice is None else str(choice)))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return out


def readable(layer_dir: Path) -> bool:
    """False when a corrections file exists but cannot be read (corrupt or hand-edited badly)."""
    try:
        raw = _read(layer_dir)
    except ValueError:
        return False
    return raw is None or isinstance(raw, dict) and isinstance(raw.get("corrections", []), list)


_THREAD_LOCK = threading.Lock()


@contextmanager
def _locked(layer_dir: Path) -> Iterator[None]:
    """One writer at a time per folder, across the app's threads and other processes."""
    layer_dir = Path(layer_dir)
    layer_dir.mkdir(parents=True, exist_ok=True)
    with _THREAD_LOCK, open(layer_dir / f".{FILE}.lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def add_correction(layer_dir: Path, new: Correction) -> tuple[list[Correction], str | None]:
    """Add one correction to what is on disk now and save; returns all corrections and a notice.

    Reading under the lock means two readers correcting the same text at once
    both keep their corrections. A corrections file that cannot be read is kept
    aside under a dated name (the notice says where) rather than overwritten.
    """
    layer_dir = Path(layer_dir)
    notice = None
    with _locked(layer_dir):
        if not readable(layer_dir):
            kept = layer_dir / f"{FILE}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}"
            os.replace(layer_dir / FILE, kept)
            notice = f"{FILE} could not be read; it was kept as {kept.name}"
        merged = with_correction(load_corrections(layer_dir), new)
        save_corrections(layer_dir, merged)
    return merged, notice


def save_corrections(layer_dir: Path, corrections: Iterable[Correction]) -> Path:
    path = Path(layer_dir) / FILE
    data = {"corrections": [c.to_dict() for c in latest(corrections)]}
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))
    return path


def latest(corrections: Iterable[Correction]) -> list[Correction]:
    """One correction per mention span, the last one given winning, in text order."""
    by_span: dict[tuple[int, int], Correction] = {}
    for c in corrections:
        by_span[(c.start, c.end)] = c
    return sorted(by_span.values(), key=lambda c: (c.start, c.end))


def with_correction(corrections: Iterable[Correction], new: Correction) -> list[Correction]:
    return latest([*corrections, new])


def _default_factory(candidate: Candidate, mentions: list[Mention]) -> Place:
    from mapapp.places.resolve import place_from_candidate

    return place_from_candidate(candidate, mentions)


def _passage_of(doc: Document, offset: int) -> int:
    return next((p.index for p in doc.passages if p.start <= offset < p.end), 0)


def apply_corrections(doc: Document, corrections: Iterable[Correction],
                      make_place: PlaceFactory | None = None) -> Document:
    """A new Document with each correction's mention moved to its chosen place or dropped.

    A mention moved to a candidate that is already a place joins it; otherwise
    the candidate becomes a new place (via ``mapapp.places.resolve.place_from_candidate``)
    that keeps the mention's candidate list so the choice can be revised.
    Places left without mentions disappear. The input is not modified.
    """
    factory = make_place or _default_factory
    places = [replace(p, mentions=list(p.mentions)) for p in doc.places]
    for c in latest(corrections):
        holder = next((p for p in places for m in p.mentions
                       if (m.start, m.end) == (c.start, c.end)), None)
        if holder is None:
            target = next((p for p in places if p.id == c.choice), None)
            if target is not None and doc.text[c.start:c.end] == c.text:
                target.mentions.append(Mention(c.start, c.end, c.text, "toponym",
                                               _passage_of(doc, c.start)))
            continue
        if c.choice == holder.id:
            continue
        mention = next(m for m in holder.mentions if (m.start, m.end) == (c.start, c.end))
        if c.choice is None:
            holder.mentions.remove(mention)
            continue
        target = next((p for p in places if p.id == c.choice), None)
        if target is None:
            cand = next((k for k in holder.candidates if k.id == c.choice), None)
            if cand is None:
                continue
            target = factory(cand, [])
            target = replace(target, mentions=[], candidates=list(holder.candidates))
            places.append(target)
        holder.mentions.remove(mention)
        target.mentions.append(mention)
    for p in places:
        p.mentions.sort(key=lambda m: m.start)
    return replace(doc, places=[p for p in places if p.mentions])
