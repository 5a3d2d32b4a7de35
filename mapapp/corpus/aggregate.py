"""Per-place counts over the whole output: ``places.parquet`` and one GeoJSON file per layer.

Aggregates are folded one partition at a time, so they need one partition in memory however
large the corpus is; the reader reuses the same functions for a filtered subset.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

from mapapp.corpus.storage import iter_partitions, write_table
from mapapp.geojson import Feature, FeatureCollection, feature_collection
from mapapp.io.atomic import write_text_atomic
from mapapp.layers import LAYERS, order_of

AGGREGATE_SCHEMA = pa.schema([
    ("place_id", pa.string()), ("name", pa.string()), ("layer", pa.string()),
    ("category", pa.string()), ("country_code", pa.string()), ("lat", pa.float64()),
    ("lon", pa.float64()), ("mention_count", pa.int64()), ("document_count", pa.int64()),
    ("first_date", pa.date32()), ("last_date", pa.date32()), ("geometry", pa.binary()),
])


def _combine(acc: dict[str, list], part: pa.Table) -> None:
    """Fold one partition's per-place counts into ``acc`` (documents never span partitions)."""
    grouped = part.group_by("place_id").aggregate(
        [("doc_id", "count"), ("doc_id", "count_distinct"), ("date", "min"), ("date", "max")])
    for row in grouped.to_pylist():
        cur = acc.setdefault(row["place_id"], [0, 0, None, None])
        cur[0] += row["doc_id_count"]
        cur[1] += row["doc_id_count_distinct"]
        first, last = row["date_min"], row["date_max"]
        if first is not None and (cur[2] is None or first < cur[2]):
            cur[2] = first
        if last is not None and (cur[3] is None or last > cur[3]):
            cur[3] = last


def place_counts(mentions: Iterable[pa.Table]) -> dict[str, list]:
    """place id -> [mention count, document count, first date, last date]."""
    acc: dict[str, list] = {}
    for part in mentions:
        if part.num_rows:
            _combine(acc, part)
    return acc


def _sort_key(row: dict[str, Any]) -> tuple:
    return (order_of(row["layer"]), -row["document_count"], -row["mention_count"], row["place_id"])


def aggregate_rows(info: dict[str, dict[str, Any]], counts: dict[str, list]) -> list[dict[str, Any]]:
    """One row per counted place that has a place row, in layer then importance order."""
    rows = []
    for place_id, (mentions, docs, first, last) in counts.items():
        place = info.get(place_id)
        if place is None:
            continue
        rows.append({**place, "mention_count": mentions, "document_count": docs,
                     "first_date": first, "last_date": last})
    return sorted(rows, key=_sort_key)


def place_feature(row: dict[str, Any]) -> Feature:
    """An aggregate row as a GeoJSON feature, read back by ``geojson.place_from_feature``."""
    from shapely import from_wkb
    from shapely.geometry import mapping

    props = {k: v for k, v in row.items() if k not in ("geometry", "place_id")}
    props = {"id": row["place_id"], **props,
             "lat": round(row["lat"], 5), "lon": round(row["lon"], 5),
             "first_date": row["first_date"].isoformat() if row["first_date"] else None,
             "last_date": row["last_date"].isoformat() if row["last_date"] else None}
    return {"type": "Feature", "id": row["place_id"], "properties": props,
            "geometry": mapping(from_wkb(row["geometry"]))}


def feature_collections(rows: list[dict[str, Any]]) -> dict[str, FeatureCollection]:
    """One FeatureCollection per layer, every layer present even when empty."""
    layers: dict[str, list[Feature]] = {layer: [] for layer in LAYERS}
    for row in rows:
        layers.setdefault(row["layer"], []).append(place_feature(row))
    return {layer: feature_collection(features) for layer, features in layers.items()}


def _place_info(out_dir: Path) -> dict[str, dict[str, Any]]:
    info: dict[str, dict[str, Any]] = {}
    for part in iter_partitions(out_dir, "places"):
        for row in part.to_pylist():
            info.setdefault(row["place_id"], row)
    return info


def aggregate(out_dir: str | Path) -> int:
    """Rewrite places.parquet and layers/*.geojson from the partitions, one partition at a time."""
    out = Path(out_dir)
    counts = place_counts(iter_partitions(out, "mentions", ["doc_id", "place_id", "date"]))
    rows = aggregate_rows(_place_info(out), counts)
    write_table(out / "places.parquet", pa.Table.from_pylist(rows, schema=AGGREGATE_SCHEMA), [])
    for layer, collection in feature_collections(rows).items():
        write_text_atomic(out / "layers" / f"{layer}.geojson",
                          json.dumps(collection, ensure_ascii=False, separators=(",", ":")))
    return len(rows)
