"""Long texts a page of passages at a time: a 5 MB text has tens of thousands of passages,
and one widget or block per passage would make the page slow to paint."""
from __future__ import annotations

from mapapp.model import Document, Passage, Place

#: Passages shown (and offered as pills) at once.
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
