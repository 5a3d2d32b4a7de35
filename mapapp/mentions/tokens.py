"""Words with offsets into the document, and the inflected forms a name takes in running text."""
from __future__ import annotations

import re
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

from mapapp.mentions import local

#: One capturing group around the whole word: ``split`` then gives gaps and words in turn.
#: The dotted abbreviations (all capitalised) are tried only where a capital stands.
_TOKEN = re.compile("((?=[A-Z])(?:" + local.abbreviation_pattern() + ")" +
                    r"|(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-\u2010\u2011'\u2019][^\W\d_]+)*)")
#: Characters that end a sentence or open a quotation: a word after one of them (and white
#: space) is sentence-initial.
_SENTENCE_MARKS = frozenset(".!?:;\u201e\u201c\u201d\"\u00ab\u00bb\u2026")


class Token(NamedTuple):
    """One word, for callers that want records (``Words`` keeps the same as columns)."""

    start: int
    end: int
    text: str
    sent_start: bool
    cap: bool


class Words:
    """A passage's words as columns, with offsets into the document.

    Recognition reads only a few words around each capitalised one, so building a
    record per word (160,000 in 1 MB of news) cost more than all the reading; here
    the regular expression, the offsets and the capitals are each one pass in C.
    ``gaps[k]`` is what stands between word ``k - 1`` and word ``k``.
    """

    __slots__ = ("starts", "ends", "texts", "caps", "gaps")

    def __init__(self, text: str, offset: int = 0) -> None:
        parts = _TOKEN.split(text)
        bounds = list(accumulate(map(len, parts), initial=offset))
        self.texts: list[str] = parts[1::2]
        self.gaps: list[str] = parts[0::2]
        self.starts: list[int] = bounds[1:-1:2]
        self.ends: list[int] = bounds[2::2]
        self.caps: list[bool] = list(map(str.isupper, map(itemgetter(0), self.texts)))

    def __len__(self) -> int:
        return len(self.texts)

    def sent_start(self, k: int) -> bool:
        """Whether word ``k`` begins a sentence: the first word, or the last character before it
        (skipping white space) ends a sentence or opens a quotation."""
        if k == 0:
            return True
        gap = self.gaps[k].rstrip()
        return gap[-1] in _SENTENCE_MARKS if gap else self.texts[k - 1][-1] in _SENTENCE_MARKS

    def token(self, k: int) -> Token:
        return Token(self.starts[k], self.ends[k], self.texts[k], self.sent_start(k), self.caps[k])


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words with offsets, as records (see ``Words``)."""
    words = Words(text, offset)
    return [words.token(k) for k in range(len(words))]


def strip_inflection(word: str, lang: str) -> list[str]:
    """Base forms a German or English inflected name may come from (Kasachstans -> Kasachstan)."""
    out = []
    if word.endswith(("'s", "\u2019s")):
        out.append(word[:-2])
    if word.endswith(("s'", "s\u2019")):
        out.append(word[:-1])
    if lang == "de":
        if word.endswith("ns"):
            out.append(word[:-1])
        if word.endswith("es") and len(word) > 5:
            out.append(word[:-2])
        if word.endswith("s") and len(word) > 4:
            out.append(word[:-1])
        if word.endswith("n") and len(word) > 4:
            out.append(word[:-1])
    return out
