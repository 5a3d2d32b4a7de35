"""Tokens that belong to a person's name, which recognition does not read as places."""
from __future__ import annotations

from itertools import compress
from typing import Callable

from mapapp.gazetteer.names import name_key
from mapapp.gazetteer.query import Gazetteer
from mapapp.mentions.lexicon import given_names
from mapapp.mentions.tokens import Words, strip_inflection
from mapapp.mentions.words import PERSON_TITLES, SPEECH_VERBS


def is_strong_place(gaz: Gazetteer, word: str) -> bool:
    """A country, a curated place or a city of 100,000: strong enough to stay a place after a name."""
    keys = [name_key(word)] + [name_key(b) for b in strip_inflection(word, "de")]
    return any(h.entry.is_country or h.entry.layer != "cities" or
               h.entry.population >= 100_000 for k in keys for h in gaz.lookup(k))


def person_tokens(ws: Words, strong: Callable[[str], bool]) -> set[int]:
    """Indices of words that belong to person names: a given name and the capitalised word after
    it, a title's name, a name before "said", and later mentions of the same surnames (these only
    where capitalised: recognition reads no lower-case word as a name).

    Only words before a capitalised word, or capitalised words before a speech verb, can start
    a name, so the scan skips the rest in C (``compress``)."""
    names = given_names()
    texts, caps, gaps = ws.texts, ws.caps, ws.gaps
    out: set[int] = set()
    last = len(texts) - 1
    for i in compress(range(last), caps[1:]):
        folded = texts[i].casefold()
        if folded in names and len(gaps[i + 1]) == 1:
            out.update((i, i + 1))
            if i + 2 <= last and caps[i + 2] and len(gaps[i + 2]) == 1 and not strong(texts[i + 2]):
                out.add(i + 2)
        if folded in PERSON_TITLES and not strong(texts[i + 1]):
            out.add(i + 1)
    for i in compress(range(last), caps):
        if texts[i + 1] in SPEECH_VERBS and not strong(texts[i]):
            out.add(i)
    surnames = {texts[i] for i in out if i > 0 and (i - 1) in out}
    if surnames:
        out.update(i for i in compress(range(len(texts)), caps)
                   if texts[i] in surnames or (texts[i].endswith("s") and texts[i][:-1] in surnames))
    return out
