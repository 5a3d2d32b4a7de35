"""Is a capitalised word a proper name or a common word, and is it a given name?

The tagger's verdict (``gazetteer.lexicon``) is read from the index, where it
was stored at build time for every name the tagger's lexicon knows and for the
names of prominent places.  Resolution asks only when the answer decides
anything, and HanTa's models (a second of loading) are read only for a word
the index holds no verdict for.  Judging such words by frequency instead was
tried and lost precision: the tagger's guess from a German compound's parts
(Putsch, Länder) is worth having.
"""
from __future__ import annotations

from functools import lru_cache

from mapapp.gazetteer.lexicon import hanta_proper
from mapapp.gazetteer.query import Gazetteer
from mapapp.io.paths import DATA_DIR
from mapapp.mentions.span import PENDING, Span
from mapapp.mentions.words import CALENDAR


@lru_cache(maxsize=65536)
def lexical_class(word: str, lang: str, gaz: Gazetteer | None = None) -> str:
    """"proper" or "common": how HanTa's lexicon reads a capitalised word out of context."""
    if word.casefold() in CALENDAR:
        return "common"
    stored = gaz.proper(word.lower(), lang) if gaz is not None else None
    return "proper" if (hanta_proper(word, lang) if stored is None else stored) else "common"


def lexical_of(span: Span, lang: str, gaz: Gazetteer | None = None) -> str:
    """The span's word class, asked now if it was left PENDING."""
    if span.lexical == PENDING:
        span.lexical = lexical_class(span.word, lang, gaz)
    return span.lexical


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    words: set[str] = set()
    for line in (DATA_DIR / "given_names.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(w.casefold() for w in line.split())
    return frozenset(words)
