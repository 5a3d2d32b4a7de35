"""German and English names of big cities (Genf, Mailand, Den Haag, Kyjiw) as primary names.

GeoNames lists most exonyms among a city's alternate names, which rank below
primary names, so a German "Genf" could fall under the bar for towns while
"Geneva" passes. data/exonyms.csv names, per GeoNames id, the exonyms the
news uses; they become primary names of that city (and are added where
GeoNames lacks them, as "Mykolajiw" and "Kischinau").
"""
from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from mapapp.gazetteer.sources import Record
from mapapp.io.paths import DATA_DIR

TABLE = "exonyms.csv"


def read_exonyms(data_dir: Path = DATA_DIR) -> dict[str, tuple[str, ...]]:
    """Exonyms by GeoNames source (``geonames:2660646``), in table order."""
    path = data_dir / TABLE
    if not path.exists():
        return {}
    out: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(f"geonames:{row['geonames_id']}", []).append(row["name"])
    return {source: tuple(names) for source, names in out.items()}


def with_exonyms(records: list[Record], data_dir: Path = DATA_DIR) -> list[Record]:
    """The records, each city named in the table carrying its exonyms as primary names."""
    table = read_exonyms(data_dir)
    if not table:
        return records
    out = []
    for record in records:
        extra = table.get(record.source) if record.layer == "cities" else None
        if extra:
            names = dict(record.names)
            names.update((name, True) for name in extra)
            record = replace(record, names=tuple(names.items()))
        out.append(record)
    return out
