"""Is a capitalised word a proper name or a common word, and is it a given name?

The tagger's verdict (``gazetteer.lexicon``) is read from the index, where it
was stored at build time for every name the tagger's lexicon knows, for the
names of prominent places and, in English, for every word English text is known
to use that can reach a one-word name.  An English word the index holds no
verdict for is one wordfreq never met in English text: it is UNATTESTED, neither
a common word nor vouched for as a name, and resolution wants some evidence for
it (places/resolve.py).  The tagger's guesses for such words were no better: of
the eleven in GeoWebNews it called three common words, and all three (Goodlands,
Makeen, the winery L'Aventure) are places in the corpus's gold.  So an English text never
loads HanTa's model (0.4-0.5 s of a cold process).  A German word the index does
not know is still asked of HanTa: judging those by frequency instead was tried
and lost precision, as the tagger's guess from a compound's parts (Putsch,
Länder) is worth having.
"""
from __future__ import annotations

from functools import lru_cache

from mapapp.gazetteer.lexicon import hanta_proper
from mapapp.gazetteer.query import Gazetteer
from mapapp.io.paths import DATA_DIR
from mapapp.mentions.span import PENDING, UNATTESTED, Span
from mapapp.mentions.words import CALENDAR


@lru_cache(maxsize=65536)
def lexical_class(word: str, lang: str, gaz: Gazetteer | None = None) -> str:
    """"proper" or "common": how HanTa's lexicon reads a capitalised word out of context;
    UNATTESTED for an English word the index holds no verdict for (so no list has met it)."""
    if word.casefold() in CALENDAR:
        return "common"
    stored = gaz.proper(word.lower(), lang) if gaz is not None else None
    if stored is None:
        if gaz is not None and lang == "en":
            return UNATTESTED
        stored = hanta_proper(word, lang)
    return "proper" if stored else "common"


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
