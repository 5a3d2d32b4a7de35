"""Name keys: how a surface form in the text meets a name in the gazetteer.

``name_key`` is exact up to case, accents, apostrophes and hyphens.
``fold_key`` further merges the German and English transliterations of
Slavic and Central Asian names (Wostotschny/Vostochny, Nowouralsk/Novouralsk,
Charkiw/Kharkiv, Jekaterinburg/Yekaterinburg), so it is used only as a fallback.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from operator import itemgetter

_APOSTROPHES = re.compile(r"[\u0027\u2019\u2018\u02bc\u02b9\u02bb\u00b4\u0060]")
_DASHES = re.compile(r"[\u002d\u2010\u2011\u2012\u2013\u2014\u2212]+")
_SPACES = re.compile(r"\s+")
_REPEATS = re.compile(r"(.)\1+")
#: A run's first letter, in C: a "\1" template is expanded in Python on every call (10 µs a key).
_FIRST = itemgetter(1)
_LATIN = re.compile(r"^[\sA-Za-z\u00c0-\u024f\u1e00-\u1eff'\u2019.\-]+$")

#: Recognition falls back to a name's transliteration fold only for keys this long: shorter ones
#: fold onto too many unrelated names.
MIN_FOLD_KEY = 5

_FOLDS = (
    ("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("kh", "ch"), ("w", "v"),
    ("iy", "y"), ("yy", "y"), ("ij", "y"), ("ji", "yi"), ("ie", "ye"),
    ("ja", "ya"), ("ju", "yu"), ("jo", "yo"), ("je", "ye"), ("ts", "z"), ("tz", "z"),
    ("dzh", "j"), ("dsch", "j"), ("ck", "k"), ("ph", "f"),
)


def strip_accents(text: str) -> str:
    if text.isascii():  # most words of English news: nothing to decompose
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Case-, accent-, apostrophe- and hyphen-insensitive key of a name."""
    text = _APOSTROPHES.sub("", name)
    text = _DASHES.sub(" ", text)
    text = strip_accents(text.casefold()).replace("ß", "ss").replace(".", "")
    return _SPACES.sub(" ", text).strip()


def fold_key(key: str) -> str:
    """Transliteration-insensitive key, applied to an already normalised ``name_key``."""
    out = key
    for old, new in _FOLDS:
        out = out.replace(old, new)
    return _REPEATS.sub(_FIRST, out)


def is_latin(name: str) -> bool:
    return bool(_LATIN.match(name))
