"""The span type recognition hands to resolution: where a name may stand, and the evidence about it."""
from __future__ import annotations

from dataclasses import dataclass, field

from mapapp.gazetteer.query import NameHit

#: ``Span.lexical`` before anyone asked: the word's class is looked up only when it decides anything.
PENDING = "?"
#: ``Span.lexical`` of an English word no word list has met (see mentions/lexicon.py).
UNATTESTED = "unattested"


@dataclass(slots=True)
class Span:
    """A span that may name a place, with the evidence for and against it."""

    start: int
    end: int
    text: str
    passage: int
    kind: str
    key: str
    hits: tuple[NameHit, ...] = ()
    country: str = ""
    zipf: float = 0.0
    inflected: bool = False
    folded: bool = False
    preposition: bool = False
    sent_start: bool = False
    person: bool = False
    org: bool = False
    qualifier: str = ""
    ntokens: int = 1
    #: "proper", "common", UNATTESTED, "" (not asked: an ALL-CAPS word or several words) or PENDING.
    lexical: str = ""
    #: The word whose class ``lexical`` is, while it is PENDING.
    word: str = ""
    qualifier_span: "Span | None" = None
    qualifier_tokens: int = 0
    dateline: bool = False
    state_cue: bool = False
    notes: list[str] = field(default_factory=list)
