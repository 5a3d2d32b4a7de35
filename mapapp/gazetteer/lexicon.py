"""HanTa's verdict on a capitalised word (a proper name or a common word), decided when the index is built.

German capitalises every noun and word frequencies mix "Moscow" the city with
"reading" the verb, so the tagger's lexicon is the signal that separates Welt,
Uran, Chaos, Region from Moskau, Wien, Washington.  Loading its two models
costs a cold process about half a second each, so the index stores the verdicts
for every word of the tagger's own lexicon (a capitalised common word that only
an inflection or a fold matched to a name: House, Passing), for the German forms
of the names it knows, for every single-word name, alternate names included, of
the places with at least PROMINENT_POPULATION people (Nowouralsk, a 94k town,
made the seed load the German model for one word), and in English for every
word an English text can bring to a single-word name (``english_words``: 71
small towns' names loaded the English model for 1 MB of news).  Any other German
word is asked of HanTa at run time, and only when the verdict decides anything; any
other English word is one no list has met, read as unattested (``mentions.lexicon``).
HanTa lower-cases a word before looking it up and weighs only whether its first
letter is a capital, so a verdict keyed by the lower-cased word is exact for
every capitalised spelling.
"""
from __future__ import annotations

import os
from functools import lru_cache, partial
from typing import Callable, Collection, Iterable, Iterator

from mapapp.gazetteer.names import MIN_FOLD_KEY, fold_key, name_key

MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}
PROPER_TAGS = frozenset({"NE", "FM", "NP0"})
#: German genitive and dative forms a name takes in running text (Kasachstans, Moskaus).
GERMAN_FORMS = ("s", "es", "n", "ns")
#: Cities at least this big have their names' verdicts stored in German even when the tagger must
#: guess them (about a millisecond a word: 30k keeps the guessed names near 75k words).
PROMINENT_POPULATION = 30_000
#: Words guessed per task of the build's pool; fewer than two tasks' worth are guessed in-process.
CHUNK = 2_000
_CURLED = {"'": "\u2019", "\u2019": "'"}

Proper = Callable[[str, str], bool]


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


def english_words(names: Iterable[str], seen: Collection[str], vocabulary: Iterable[str]) -> set[str]:
    """The lower-cased words whose class an English text can ask about, as far as they can be known.

    Recognition asks about the word as written (possessive dropped) when it alone matched a
    one-word name by its key or, when its key has MIN_FOLD_KEY letters, by its transliteration
    fold (Zhang -> Shang, Sumii -> Sumi).  So: every single-word name whose key wordfreq has met in English text
    (``seen``), every name with an apostrophe in both spellings (typesetting curls it, and
    wordfreq splits such words, so their frequency says nothing), and every word of wordfreq's
    English ``vocabulary`` that matches a single-word name.  A word wordfreq never met in English
    (Sumii, a fold of Sumi) has no verdict: recognition reads it as unattested.
    """
    names = set(names)
    keys = {name_key(name) for name in names}
    folds = {fold_key(key) for key in keys}
    words = {name for name in names if name_key(name) in seen}
    for name in names:
        for straight, curled in _CURLED.items():
            if straight in name:
                words.update((name, name.replace(straight, curled)))
    for word in vocabulary:
        key = name_key(word)
        if key and word[:1].isalpha() and " " not in key and \
                (key in keys or (len(key) >= MIN_FOLD_KEY and fold_key(key) in folds)):
            words.add(word.lower())
    return words


def wordfreq_vocabulary(lang: str) -> Iterator[str]:
    from wordfreq import iter_wordlist

    return iter_wordlist(lang)


def verdict_rows(words: dict[str, bool], english: Collection[str] = (), *, proper: Proper = hanta_proper,
                 workers: int | None = None) -> Iterator[tuple[str, str, int]]:
    """(lower-cased word, language, 1 if proper) for the index, from single-word names -> prominent
    and the ``english`` words (``english_words``).

    The tagger's own lexicon answers at once, so all of it is stored; guessing an
    unknown word's class takes it about half a millisecond, so that is done only for
    prominent places' names and the English words, over a pool of ``workers``
    processes (the CPUs) forked once the model is loaded.
    """
    for lang in MODELS:
        known = tagger(lang).cache
        stored: set[str] = set(english) if lang == "en" else set()
        for word, prominent in sorted(words.items()):
            forms = [word, *(word + end for end in GERMAN_FORMS)] if lang == "de" else [word]
            stored.update(form for form in forms if form in known or (prominent and form == word))
        stored.update(word for word in known if word[:1].isalpha() and word[:1].upper() != word[:1])
        forms = sorted(stored)
        yield from zip(forms, [lang] * len(forms), _verdicts(forms, lang, proper, workers))


def _verdicts(forms: list[str], lang: str, proper: Proper, workers: int | None) -> list[int]:
    """1 or 0 for each form, guessed over a forked pool when there are enough of them."""
    workers = workers or os.cpu_count() or 1
    chunks = [forms[i:i + CHUNK] for i in range(0, len(forms), CHUNK)]
    if workers < 2 or len(chunks) < 2:
        return _chunk_verdicts(lang, proper, forms)
    import multiprocessing  # the build's alone: a geoparse imports this module too

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [v for chunk in pool.imap(partial(_chunk_verdicts, lang, proper), chunks) for v in chunk]


def _chunk_verdicts(lang: str, proper: Proper, forms: list[str]) -> list[int]:
    return [int(proper(_capitalised(form), lang)) for form in forms]


def single_words(names: Iterable[str]) -> Iterator[str]:
    """The lower-cased names that recognition reads as one word (no space inside)."""
    for name in names:
        word = name.strip()
        if word and " " not in word and word[:1].isalpha():
            yield word.lower()
