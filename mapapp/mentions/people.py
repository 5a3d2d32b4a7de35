"""Tokens that belong to a person's name, which recognition does not read as places."""
from __future__ import annotations

from typing import Callable

from mapapp.gazetteer.names import name_key
from mapapp.gazetteer.query import Gazetteer
from mapapp.mentions.lexicon import given_names
from mapapp.mentions.tokens import Token, strip_inflection
from mapapp.mentions.words import PERSON_TITLES, SPEECH_VERBS


def is_strong_place(gaz: Gazetteer, word: str) -> bool:
    """A country, a curated place or a city of 100,000: strong enough to stay a place after a name."""
    keys = [name_key(word)] + [name_key(b) for b in strip_inflection(word, "de")]
    return any(h.entry.is_country or h.entry.layer != "cities" or
               h.entry.population >= 100_000 for k in keys for h in gaz.lookup(k))


def person_tokens(tokens: list[Token], strong: Callable[[str], bool]) -> set[int]:
    """Indices of tokens that belong to person names: a given name and the capitalised word after
    it, a title's name, a name before "said", and later mentions of the same surnames."""
    names = given_names()
    out: set[int] = set()
    last = len(tokens) - 1
    for i in range(last):
        tok, nxt = tokens[i], tokens[i + 1]
        if nxt.cap:
            folded = tok.text.casefold()
            if folded in names and nxt.start - tok.end == 1:
                out.update((i, i + 1))
                if i + 2 <= last and tokens[i + 2].cap and tokens[i + 2].start - nxt.end == 1 \
                        and not strong(tokens[i + 2].text):
                    out.add(i + 2)
            if folded in PERSON_TITLES and not strong(nxt.text):
                out.add(i + 1)
        if tok.cap and nxt.text in SPEECH_VERBS and not strong(tok.text):
            out.add(i)
    surnames = {tokens[i].text for i in out if i > 0 and (i - 1) in out}
    if surnames:
        for i, tok in enumerate(tokens):
            base = tok.text[:-1] if tok.text.endswith("s") else tok.text
            if tok.text in surnames or base in surnames:
                out.add(i)
    return out
