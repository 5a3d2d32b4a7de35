"""Corpus output on disk: the table schemas and their GeoParquet partitions.

Outputs are written one partition per batch, atomically, so an interrupted run leaves only
whole files behind.
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from mapapp.io.atomic import write_bytes_atomic

#: The four partitioned tables, in the order a batch writes them: ``documents`` last, so a
#: batch counts as done only once everything it produced is on disk.
TABLES = ("places", "passages", "mentions", "documents")

MENTIONS_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("place_id", pa.string()), ("layer", pa.string()),
    ("name", pa.string()), ("country_code", pa.string()), ("kind", pa.string()),
    ("start", pa.int32()), ("end", pa.int32()), ("passage", pa.int32()),
    ("text", pa.string()), ("date", pa.date32()), ("geometry", pa.binary()),
])
PLACES_SCHEMA = pa.schema([
    ("place_id", pa.string()), ("name", pa.string()), ("layer", pa.string()),
    ("category", pa.string()), ("country_code", pa.string()), ("lat", pa.float64()),
    ("lon", pa.float64()), ("geometry", pa.binary()),
])
PASSAGES_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("index", pa.int32()), ("start", pa.int32()),
    ("end", pa.int32()), ("text", pa.string()),
])
DOCUMENTS_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("source", pa.string()), ("title", pa.string()),
    ("date", pa.date32()), ("url", pa.string()), ("lang", pa.string()),
    ("chars", pa.int64()), ("passages", pa.int32()), ("mentions", pa.int32()),
    ("places", pa.int32()), ("status", pa.string()), ("error", pa.string()),
    ("note", pa.string()), ("line", pa.int32()),
])
SCHEMAS = {"places": PLACES_SCHEMA, "passages": PASSAGES_SCHEMA,
           "mentions": MENTIONS_SCHEMA, "documents": DOCUMENTS_SCHEMA}
#: Tables whose ``geometry`` column is WKB, written with GeoParquet metadata.
GEO_TABLES = {"mentions": ["Point"], "places": []}


def partition_path(out_dir: Path, table: str, number: int) -> Path:
    return Path(out_dir) / table / f"part-{number:05d}.parquet"


def partition_numbers(out_dir: Path, table: str) -> list[int]:
    folder = Path(out_dir) / table
    if not folder.is_dir():
        return []
    return sorted(int(p.stem.split("-")[1]) for p in folder.glob("part-*.parquet"))


def geo_metadata(table: pa.Table, geometry_types: list[str]) -> bytes:
    """GeoParquet 1.1 metadata for a WKB ``geometry`` column in WGS 84 longitude/latitude."""
    from shapely import bounds, from_wkb

    geoms = from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    meta: dict = {"encoding": "WKB", "geometry_types": geometry_types}
    if len(geoms):
        b = bounds(geoms)
        meta["bbox"] = [float(b[:, 0].min()), float(b[:, 1].min()),
                        float(b[:, 2].max()), float(b[:, 3].max())]
    return json.dumps({"version": "1.1.0", "primary_column": "geometry",
                       "columns": {"geometry": meta}}).encode()


def table_bytes(table: pa.Table, geometry_types: list[str] | None = None) -> bytes:
    """Parquet bytes of a table; GeoParquet when ``geometry_types`` is given."""
    if geometry_types is not None:
        metadata = dict(table.schema.metadata or {})
        metadata[b"geo"] = geo_metadata(table, geometry_types)
        table = table.replace_schema_metadata(metadata)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def write_table(path: Path, table: pa.Table, geometry_types: list[str] | None = None) -> None:
    write_bytes_atomic(path, table_bytes(table, geometry_types))


def write_partition(out_dir: Path, number: int, tables: dict[str, pa.Table]) -> None:
    """One batch's tables, ``documents`` last (it is the marker that the batch is complete)."""
    for name in TABLES:
        geo = GEO_TABLES.get(name)
        write_table(partition_path(out_dir, name, number), tables[name], geo)


def remove_incomplete_partitions(out_dir: Path) -> list[Path]:
    """Partitions of a batch whose ``documents`` file never got written (an interrupted run)."""
    complete = set(partition_numbers(out_dir, "documents"))
    removed = []
    for name in TABLES[:-1]:
        for number in partition_numbers(out_dir, name):
            if number not in complete:
                path = partition_path(out_dir, name, number)
                path.unlink()
                removed.append(path)
    return removed


def read_table(out_dir: Path, table: str, columns: list[str] | None = None,
               filter=None) -> pa.Table:
    """All partitions of one table as one arrow table (an empty one if nothing is written yet)."""
    import pyarrow.dataset as ds

    folder = Path(out_dir) / table
    schema = SCHEMAS[table]
    if not partition_numbers(out_dir, table):
        empty = schema.empty_table()
        return empty.select(columns) if columns else empty
    dataset = ds.dataset(sorted(str(p) for p in folder.glob("part-*.parquet")),
                         schema=schema, format="parquet")
    return dataset.to_table(columns=columns, filter=filter)


def iter_partitions(out_dir: Path, table: str, columns: list[str] | None = None) -> Iterator[pa.Table]:
    """One partition at a time, so an aggregate over the corpus needs one partition in memory."""
    for number in partition_numbers(out_dir, table):
        yield pq.read_table(partition_path(out_dir, table, number), columns=columns,
                            schema=SCHEMAS[table])
