"""Demonyms and place adjectives (russischen, Kazakh, Turkish) mapped to their country."""
from __future__ import annotations

import csv
from functools import lru_cache

from mapapp.paths import DATA_DIR

GERMAN_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")


@lru_cache(maxsize=1)
def demonym_table() -> dict[str, str]:
    """Surface form (case-folded) -> ISO country code, German and English together."""
    table: dict[str, str] = {}
    with open(DATA_DIR / "demonyms.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cc = row["country_code"]
            for stem in filter(None, row["de_adjective_stems"].split("|")):
                for ending in GERMAN_ADJ_ENDINGS:
                    table.setdefault((stem + ending).casefold(), cc)
            for form in filter(None, row["de_nouns"].split("|") + row["en_forms"].split("|")):
                table.setdefault(form.casefold(), cc)
    return table


def demonym_country(word: str) -> str | None:
    return demonym_table().get(word.casefold())
