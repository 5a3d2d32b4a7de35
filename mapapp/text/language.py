"""Language detection for German vs English by function words; cheap and offline."""
from __future__ import annotations

import re

_WORDS = re.compile(r"[a-zäöüß]+")
_DE = {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "ein", "eine",
       "sich", "auf", "für", "von", "zu", "im", "dass", "wird", "sind", "auch", "es", "nach", "bei",
       "vom", "zum", "zur", "aus", "wir", "ich", "er", "sie", "ihr", "uns", "wie", "als", "aber",
       "oder", "wenn", "noch", "nur", "über", "unter", "hat", "haben", "war", "waren", "wurde",
       "werden", "einen", "einem", "einer", "eines", "sein", "seine", "ihre", "diese", "dieser", "kein"}
_EN = {"the", "and", "is", "not", "with", "of", "to", "a", "an", "that", "for", "on", "are",
       "was", "were", "it", "by", "from", "as", "has", "have", "this", "be", "at", "will",
       "we", "he", "she", "they", "his", "her", "their", "our", "but", "or", "if", "which", "who",
       "had", "been", "would", "there", "into", "after", "about", "its", "than", "these"}
#: Letters only German writes; they settle a text too short for its function words to.
_UMLAUTS = re.compile(r"[äöüß]")
SUPPORTED = ("de", "en")


def detect_language(text: str, sample: int = 20000) -> str:
    words = _WORDS.findall(text[:sample].lower())
    de = sum(w in _DE for w in words)
    en = sum(w in _EN for w in words)
    if de == en:
        return "de" if _UMLAUTS.search(text[:sample].lower()) else "en"
    return "de" if de > en else "en"


def choose_language(text: str, lang: str | None) -> str:
    if lang in SUPPORTED:
        return lang  # type: ignore[return-value]
    if lang not in (None, "", "auto"):
        raise ValueError(f"unsupported language {lang!r}: use de, en or auto")
    return detect_language(text)
