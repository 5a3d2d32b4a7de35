"""Where a correction applies in a text (pure).

At its own offsets when the surface text still stands there; else at the nearest
whole-word occurrence of the surface text not already taken; else nowhere
(orphaned). A correction made for another text (its hash differs) never applies.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from mapapp.corrections.model import Correction


@dataclass(frozen=True)
class Anchored:
    """A correction and the span of the text it applies to now."""

    correction: Correction
    start: int
    end: int


@dataclass(frozen=True)
class Anchoring:
    anchored: list[Anchored]
    orphaned: list[Correction]
    other_text: list[Correction]


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def occurrences(text: str, surface: str) -> list[int]:
    """Starts of every whole-word occurrence of ``surface`` in ``text``."""
    out, i = [], text.find(surface) if surface else -1
    while i >= 0:
        if _whole_word(text, i, i + len(surface)):
            out.append(i)
        i = text.find(surface, i + 1)
    return out


def anchor(text: str, text_hash: str, corrections: Iterable[Correction]) -> Anchoring:
    """Each correction of this text at its span now, claimed once: two corrections of the
    same surface never re-anchor onto the same occurrence. Those at their own offsets are
    placed first, so a moved one cannot take the span of one that stayed."""
    anchored: list[Anchored] = []
    orphaned: list[Correction] = []
    other = [c for c in corrections if c.text_hash != text_hash]
    mine = [c for c in corrections if c.text_hash == text_hash]
    staying = {c.id for c in mine if text[c.start:c.end] == c.surface}
    taken = {c.span for c in mine if c.id in staying}
    for c in mine:
        if c.id in staying:
            anchored.append(Anchored(c, c.start, c.end))
            continue
        free = [i for i in occurrences(text, c.surface) if (i, i + len(c.surface)) not in taken]
        if not free:
            orphaned.append(c)
            continue
        at = min(free, key=lambda i: (abs(i - c.start), i))
        taken.add((at, at + len(c.surface)))
        anchored.append(Anchored(c, at, at + len(c.surface)))
    return Anchoring(anchored, orphaned, other)
