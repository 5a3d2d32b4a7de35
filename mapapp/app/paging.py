"""Long texts a page of passages at a time: a 5 MB text has tens of thousands of passages,
and one widget or block per passage would make the page slow to paint."""
from __future__ import annotations

from mapapp.model import Document, Passage, Place

#: Passages shown at once (each with its ¶ button).
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


def places_for_passage(doc: Document, index: int | None) -> list[Place]:
    return [] if index is None else doc.places_in_passage(index)


def step(doc: Document, current: int | None, direction: int) -> int | None:
    """The next (``direction`` +1) or previous (-1) passage after ``current`` that names a
    place, or None at either end; from no passage, the first or the last one."""
    named = sorted({m.passage for p in doc.places for m in p.mentions})
    if current is None:
        return (named[0] if direction > 0 else named[-1]) if named else None
    later = [i for i in named if (i > current if direction > 0 else i < current)]
    if not later:
        return None
    return later[0] if direction > 0 else later[-1]
