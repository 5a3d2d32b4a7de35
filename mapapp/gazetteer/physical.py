"""Physical geography as gazetteer records: seas, straits, lakes, rivers, ranges, islands, deserts.

Names, categories and sources are curated in data/physical.csv; outlines,
river lines and label points come from data/physical_geometry.geojson, derived
from Natural Earth by data/make_physical.py. Each category belongs to one of
three layers, drawn in their own styles: water bodies, rivers (lines) and land
forms.

A feature carries a population-like ``prominence`` (1 world-famous, 2 well
known, 3 regional) turned into an equivalent population, so that the resolver
weighs "the Amur" against a village called Amur as it weighs towns by size.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterator

from mapapp.gazetteer.sources import Record, curated_names
from mapapp.io.paths import DATA_DIR

TABLE = "physical.csv"
GEOMETRY = "physical_geometry.geojson"

WATER, RIVERS, LANDFORMS = "water", "rivers", "landforms"
WATER_CATEGORIES = ("ocean", "sea", "gulf", "bay", "strait", "channel", "lake")
RIVER_CATEGORIES = ("river",)
LAND_CATEGORIES = ("range", "peak", "island", "archipelago", "peninsula", "desert", "landscape")
CATEGORIES = WATER_CATEGORIES + RIVER_CATEGORIES + LAND_CATEGORIES

#: Equivalent population of each prominence: 10 M, 3 M and 1 M rank like big cities, so a
#: feature outranks a small namesake town but not a capital of the same name.
PROMINENCE_POPULATION = {1: 10_000_000, 2: 3_000_000, 3: 1_000_000}


def layer_of(category: str) -> str:
    """The layer a category is drawn in; ValueError for a category no layer holds."""
    if category in WATER_CATEGORIES:
        return WATER
    if category in RIVER_CATEGORIES:
        return RIVERS
    if category in LAND_CATEGORIES:
        return LANDFORMS
    raise ValueError(f"unknown physical category {category!r}; known: {', '.join(CATEGORIES)}")


def read_table(data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    path = data_dir / TABLE
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def read_geometry(data_dir: Path = DATA_DIR) -> dict[str, dict]:
    """The derived features by id: ``{"geometry": GeoJSON, "lat": ..., "lon": ...}``."""
    path = data_dir / GEOMETRY
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    return {f["properties"]["id"]: {"geometry": f["geometry"], **f["properties"]} for f in features}


def physical_features(data_dir: Path = DATA_DIR) -> Iterator[Record]:
    """One record per row of the table, with its derived shape and label point."""
    from shapely.geometry import shape

    shapes = read_geometry(data_dir)
    for row in read_table(data_dir):
        derived = shapes.get(row["id"], {})
        lat = float(row["lat"] or derived.get("lat", 0.0))
        lon = float(row["lon"] or derived.get("lon", 0.0))
        geom = shape(derived["geometry"]) if derived.get("geometry") else None
        yield Record(row["id"], row["name_en"], row["name_de"], layer_of(row["category"]), row["category"],
                     row["country_code"], lat, lon, PROMINENCE_POPULATION[int(row["prominence"])],
                     row["source"], geometry=geom, names=curated_names(row))
