"""Language detection for German vs English by function words; cheap and offline."""
from __future__ import annotations

import re

_WORDS = re.compile(r"[a-zäöüß]+")
_DE = {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "ein", "eine",
       "sich", "auf", "für", "von", "zu", "im", "dass", "wird", "sind", "auch", "es", "nach", "bei"}
_EN = {"the", "and", "is", "not", "with", "of", "to", "a", "an", "that", "for", "on", "are",
       "was", "were", "it", "by", "from", "as", "has", "have", "this", "be", "at", "will"}
SUPPORTED = ("de", "en")


def detect_language(text: str, sample: int = 20000) -> str:
    words = _WORDS.findall(text[:sample].lower())
    de = sum(w in _DE for w in words)
    en = sum(w in _EN for w in words)
    return "de" if de > en else "en"


def choose_language(text: str, lang: str | None) -> str:
    if lang in SUPPORTED:
        return lang  # type: ignore[return-value]
    if lang not in (None, "", "auto"):
        raise ValueError(f"unsupported language {lang!r}: use de, en or auto")
    return detect_language(text)
