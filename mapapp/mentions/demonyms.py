"""Demonyms and place adjectives (russischen, Kazakh, Turkish) mapped to their country."""
from __future__ import annotations

import csv
from functools import lru_cache

from mapapp.io.paths import DATA_DIR

GERMAN_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")


@lru_cache(maxsize=1)
def demonym_table() -> dict[str, tuple[str, bool]]:
    """Surface form (case-folded) -> (country code, must be capitalised).

    German adjectives (russischen) are written in lower case; nouns and English
    forms only count capitalised, so that "pole" or "turkey" stay common words.
    """
    table: dict[str, tuple[str, bool]] = {}
    with open(DATA_DIR / "demonyms.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cc = row["country_code"]
            for stem in filter(None, row["de_adjective_stems"].split("|")):
                for ending in GERMAN_ADJ_ENDINGS:
                    table.setdefault((stem + ending).casefold(), (cc, False))
            for form in filter(None, row["de_nouns"].split("|") + row["en_forms"].split("|")):
                table.setdefault(form.casefold(), (cc, True))
    return table


def demonym_country(word: str) -> str | None:
    found = demonym_table().get(word.casefold())
    if found is None or (found[1] and not word[:1].isupper()):
        return None
    return found[0]
