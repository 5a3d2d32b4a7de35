"""Local-news conventions and organisation names, read from curated tables in ``data/``.

Wire copy places a story with an ALL-CAPS dateline and AP or postal state
abbreviations ("CHARLESTON, W.Va. (AP) —", "Emporia, Kan."), and names
organisations after places (Washington Post, Paris Saint-Germain, Bank of
England). Recognition uses these tables to read the abbreviations as states,
the dateline as a placed town, and organisation names as no place at all.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from mapapp.gazetteer.names import name_key
from mapapp.io.paths import DATA_DIR

#: Words that head a named physical feature: "Lake Michigan" is not the state.
FEATURE_HEADS = frozenset({"lake", "lakes", "mount", "mt", "gulf", "bay", "cape", "sea", "ocean",
                           "river", "isle", "strait", "straits", "canyon", "glacier", "golf", "kap"})
#: Words after a place name that make it an organisation's, up to three capitalised words on.
ORG_TAIL_WORDS = frozenset({"library", "museum", "instruments", "symphony", "orchestra", "zoo"})
#: Words around an ambiguous state or province name that mean the state, not its namesake city.
STATE_CUES_BEFORE = frozenset({"state", "upstate", "province", "provinz", "bundesstaat", "downstate"})
STATE_CUES_AFTER = frozenset({"state", "lawmakers", "legislators", "legislature", "governor", "gov",
                              "senate", "assembly", "premier", "province", "statehouse"})
_DATELINE_GAPS = re.compile(r"^(?:,\s|\s?\(|\s[\u2014\u2013-]\s?)")


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, tuple[str, str]]:
    """Abbreviation as written ("W.Va.", "WV") -> (place id, "ap" or "postal")."""
    return {r["abbreviation"]: (r["place_id"], r["style"]) for r in _rows("us_abbreviations.csv")}


def abbreviation_pattern() -> str:
    """A token pattern for the dotted abbreviations, longest first, so "W.Va." stays one token.

    Grouped by first letter, so that at a capital the engine tries only the abbreviations that
    begin with it (one flat alternation of 62 cost 1 MB of news a third of its tokenising)."""
    dotted = sorted((a for a in abbreviations() if a.endswith(".")), key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for a in dotted:
        groups.setdefault(a[0], []).append(re.escape(a[1:]))
    alternatives = "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in sorted(groups.items()))
    return f"(?:{alternatives})" + r"(?![^\W\d_])"


@lru_cache(maxsize=1)
def organisations() -> dict[str, frozenset[tuple[str, ...]]]:
    """First word key -> the word-key sequences of organisation names starting with it."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for row in _rows("organisations.csv"):
        for name in [row["name"], *(v for v in row["variants"].split("|") if v)]:
            words = tuple(name_key(name).split())
            out.setdefault(words[0], set()).add(words)
    return {k: frozenset(v) for k, v in out.items()}


def organisation_length(words: list[str]) -> int:
    """How many of ``words`` (already split as in the text) an organisation's name takes, or 0."""
    first = name_key(words[0]).split()
    if not first or first[0] not in organisations():
        return 0
    keys = name_key(" ".join(words)).split()
    best = 0
    for name in organisations().get(keys[0], ()):
        if tuple(keys[:len(name)]) == name:
            best = max(best, len(name))
    if not best:
        return 0
    taken, n = 0, 0
    for w in words:  # map key words back to tokens ("Saint-Germain" is one token, two key words)
        taken += len(name_key(w).split())
        n += 1
        if taken >= best:
            return n
    return 0


def is_dateline_gap(after: str) -> bool:
    """Text after an ALL-CAPS opening word that marks a dateline: ", ", " (AP)", " —"."""
    return bool(_DATELINE_GAPS.match(after))
