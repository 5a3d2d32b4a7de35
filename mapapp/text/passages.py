"""Split a text into passages (paragraphs) with offsets into the original string."""
from __future__ import annotations

import re

from mapapp.model import Passage

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"\n")


def split_passages(text: str) -> list[Passage]:
    """Paragraphs separated by blank lines; one-paragraph-per-line texts split on newlines.

    Offsets exclude the surrounding white space, so ``text[p.start:p.end] == p.text``.
    """
    sep = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE
    out: list[Passage] = []
    pos = 0
    for m in [*sep.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + (len(chunk) - len(chunk.lstrip()))
            out.append(Passage(len(out), start, start + len(stripped), stripped))
        if m:
            pos = m.end()
    return out
