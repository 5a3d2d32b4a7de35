"""Words with offsets into the document, and the inflected forms a name takes in running text."""
from __future__ import annotations

import re
from typing import NamedTuple

from mapapp.mentions import local

_TOKEN = re.compile(local.abbreviation_pattern() +
                    r"|(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-\u2010\u2011'\u2019][^\W\d_]+)*")
#: A character that ends a sentence or opens a quotation, and the white space after it:
#: a word starting where such a run ends is sentence-initial.
_AFTER_SENTENCE = re.compile("[.!?:;\u201e\u201c\u201d\"\u00ab\u00bb\u2026]\\s*")


class Token(NamedTuple):
    """One word; a tuple, because a passage makes thousands and a tuple is the cheapest record."""

    start: int
    end: int
    text: str
    sent_start: bool
    cap: bool


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words with offsets; a word is sentence-initial when the last character before it
    (skipping white space) ends a sentence or opens a quotation, and so is the first word."""
    after_sentence = {m.end() for m in _AFTER_SENTENCE.finditer(text)}
    make = Token._make  # tuple.__new__ itself: a tuple's own constructor runs Python code per word
    tokens = [make((start + offset, end + offset, word, start in after_sentence, word[0].isupper()))
              for m in _TOKEN.finditer(text) for (start, end), word in ((m.span(), m.group()),)]
    if tokens and not tokens[0].sent_start:
        tokens[0] = tokens[0]._replace(sent_start=True)
    return tokens


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
