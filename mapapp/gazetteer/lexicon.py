"""HanTa's verdict on a capitalised word (a proper name or a common word), decided when the index is built.

German capitalises every noun and word frequencies mix "Moscow" the city with
"reading" the verb, so the tagger's lexicon is the signal that separates Welt,
Uran, Chaos, Region from Moskau, Wien, Washington.  Loading its two models
costs a cold process about a second, so the index stores the verdicts for every
word of the tagger's own lexicon (a capitalised common word that only an
inflection or a fold matched to a name: House, Passing), for the German forms
of the names it knows, and for every single-word name, alternate names
included, of the places with at least PROMINENT_POPULATION people (Nowouralsk,
a 94k town, made the seed load the German model for one word); any other word
is asked of HanTa at run time, and only when the verdict decides anything.
HanTa lower-cases a word before looking it up and weighs only whether its first
letter is a capital, so a verdict keyed by the lower-cased word is exact for
every capitalised spelling.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}
PROPER_TAGS = frozenset({"NE", "FM", "NP0"})
#: German genitive and dative forms a name takes in running text (Kasachstans, Moskaus).
GERMAN_FORMS = ("s", "es", "n", "ns")
#: Cities at least this big have their names' verdicts stored even when the tagger must guess them
#: (about a millisecond a word and language: 30k keeps the guessed names near 75k words).
PROMINENT_POPULATION = 30_000


@lru_cache(maxsize=2)
def tagger(lang: str):
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger(MODELS[lang if lang in MODELS else "en"])


def hanta_proper(word: str, lang: str) -> bool:
    """Does HanTa read this capitalised word, out of context, as a proper name?"""
    tags = tagger(lang).tag_word(word)
    return not tags or tags[0][0] in PROPER_TAGS


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def verdict_rows(words: dict[str, bool]) -> Iterator[tuple[str, str, int]]:
    """(lower-cased word, language, 1 if proper) for the index, from single-word names -> prominent.

    The tagger's own lexicon answers at once, so all of it is stored; guessing an
    unknown word's class takes it a millisecond, so that is done only for
    prominent places' names.
    """
    for lang in MODELS:
        known = tagger(lang).cache
        stored: set[str] = set()
        for word, prominent in sorted(words.items()):
            forms = [word, *(word + end for end in GERMAN_FORMS)] if lang == "de" else [word]
            stored.update(form for form in forms if form in known or (prominent and form == word))
        stored.update(word for word in known if word[:1].isalpha() and word[:1].upper() != word[:1])
        for form in sorted(stored):
            yield form, lang, int(hanta_proper(_capitalised(form), lang))


def single_words(names: Iterable[str]) -> Iterator[str]:
    """The lower-cased names that recognition reads as one word (no space inside)."""
    for name in names:
        word = name.strip()
        if word and " " not in word and word[:1].isalpha():
            yield word.lower()
