"""Derive data/physical_geometry.geojson (outlines, river lines, label points) from Natural Earth.

The names, categories and sources of the physical features are curated by
hand in ``data/physical.csv``; this script only adds their shapes, so that the
table stays reviewable and the committed geometry stays small (simplified to
the scale of a country map). Run it from the repository root with the folder
that holds the Natural Earth 1:10m GeoJSON files (public domain; the
conversions in github.com/martynafford/natural-earth-geojson, ``10m/physical``,
unpacked from their .7z archives where the JSON is not stored):

    .venv/bin/python data/make_physical.py /path/to/10m/physical

A row's ``naturalearth`` column names its source as ``theme:Name|Name`` (every
feature of that theme with one of those names, case and spacing ignored); a
row with ``wkt`` instead keeps its hand-drawn outline; a row with neither is
drawn as a small disc around its curated point. A row whose Natural Earth name
is not found fails the run, so a renamed feature is never silently dropped.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely import wkt as shapely_wkt
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, unary_union

HERE = Path(__file__).resolve().parent
TABLE = HERE / "physical.csv"
OUTPUT = HERE / "physical_geometry.geojson"

THEMES = {
    "marine": "ne_10m_geography_marine_polys.json",
    "lakes": "ne_10m_lakes.json",
    "rivers": "ne_10m_rivers_lake_centerlines.json",
    "regions": "ne_10m_geography_regions_polys.json",
}
#: Simplification in degrees by category: oceans coarsest, straits and lakes finest.
TOLERANCE = {"ocean": 0.25, "sea": 0.05, "gulf": 0.04, "bay": 0.04, "channel": 0.02, "strait": 0.01,
             "lake": 0.01, "river": 0.02}
LAND_TOLERANCE = 0.05
#: Radius in degrees of the disc drawn for a feature known only by its point.
DISC = {"peak": 0.06, "island": 0.12, "strait": 0.15, "archipelago": 0.4}
DEFAULT_DISC = 0.3
#: Rivers' segments further apart than this belong to namesakes (the Don in Russia and in Scotland).
RIVER_GAP_DEG = 0.1
DIGITS = 3


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def read_themes(folder: Path) -> dict[str, dict[str, list[BaseGeometry]]]:
    """Each theme's geometries by normalised name."""
    out: dict[str, dict[str, list[BaseGeometry]]] = {}
    for theme, fname in THEMES.items():
        by_name: dict[str, list[BaseGeometry]] = {}
        with open(folder / fname, encoding="utf-8") as fh:
            for feat in json.load(fh)["features"]:
                name = feat["properties"].get("name") or ""
                if name and feat.get("geometry"):
                    by_name.setdefault(_key(name), []).append(shape(feat["geometry"]))
        out[theme] = by_name
    return out


def largest_river(parts: list[BaseGeometry]) -> BaseGeometry:
    """The longest connected set of segments: one river, not its namesakes elsewhere."""
    lines = unary_union(parts)
    zones = unary_union([p.buffer(RIVER_GAP_DEG) for p in parts])
    best = max(getattr(zones, "geoms", [zones]), key=lambda z: lines.intersection(z).length)
    return shapely.line_merge(unary_union([p for p in parts if p.intersects(best)]))


def _crosses_antimeridian(geom: BaseGeometry) -> bool:
    minx, _, maxx, _ = geom.bounds
    return minx <= -179.0 and maxx >= 179.0


def _east_of_greenwich(geom: BaseGeometry) -> BaseGeometry:
    """The geometry with western longitudes moved past 180, so the Bering Sea is one piece again."""
    return shapely.transform(geom, lambda xy: np.column_stack([np.where(xy[:, 0] < 0, xy[:, 0] + 360, xy[:, 0]),
                                                                xy[:, 1]]))


def label_point(geom: BaseGeometry) -> Point:
    """The centroid where it lies on the feature, else the feature's point nearest to it.

    For a river that is the point of its course nearest its centre of mass, for
    a range or archipelago in several parts the part nearest the middle. A
    feature cut by the 180th meridian is measured whole, unless it rings the
    pole (the Arctic and Southern Oceans), where shifting would tear it.
    """
    shifted = _east_of_greenwich(geom) if _crosses_antimeridian(geom) else None
    if shifted is not None and shifted.is_valid:
        point = label_point(shifted)
        return Point(point.x - 360 if point.x > 180 else point.x, point.y)
    centroid = geom.centroid
    if geom.geom_type in ("Polygon", "MultiPolygon") and geom.contains(centroid):
        return centroid
    return nearest_points(geom, centroid)[0]


def feature_geometry(row: dict[str, str], themes: dict[str, dict[str, list[BaseGeometry]]]) -> BaseGeometry:
    """The simplified shape of one row; raises KeyError naming a Natural Earth name not found."""
    category = row["category"]
    if row["naturalearth"]:
        theme, names = row["naturalearth"].split(":", 1)
        parts: list[BaseGeometry] = []
        for name in names.split("|"):
            found = themes[theme].get(_key(name))
            if not found:
                raise KeyError(f"{row['id']}: no {theme} feature named {name!r}")
            parts.extend(found)
        if category == "river":
            geom = largest_river(parts)
        else:
            geom = unary_union([shapely.make_valid(p) for p in parts])
        geom = geom.simplify(TOLERANCE.get(category, LAND_TOLERANCE), preserve_topology=True)
        if geom.is_empty or (category != "river" and geom.area == 0):
            raise KeyError(f"{row['id']}: the Natural Earth shape is degenerate; draw a wkt outline instead")
        return geom
    if row["wkt"]:
        return shapely_wkt.loads(row["wkt"])
    if category == "river":
        raise KeyError(f"{row['id']}: a river needs a Natural Earth line")
    point = Point(float(row["lon"]), float(row["lat"]))
    return point.buffer(DISC.get(category, DEFAULT_DISC), quad_segs=4)


def _rounded(geom: BaseGeometry) -> dict:
    return mapping(shapely.set_precision(geom, 10 ** -DIGITS))


def build(folder: Path) -> dict:
    themes = read_themes(folder)
    with open(TABLE, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    features, missing = [], []
    for row in rows:
        try:
            geom = feature_geometry(row, themes)
        except KeyError as exc:
            missing.append(str(exc.args[0]))
            continue
        if row["lat"] and row["lon"]:
            lat, lon = float(row["lat"]), float(row["lon"])
        else:
            label = label_point(geom)
            lat, lon = label.y, label.x
        features.append({"type": "Feature",
                         "properties": {"id": row["id"], "lat": round(lat, 4), "lon": round(lon, 4)},
                         "geometry": _rounded(geom)})
    if missing:
        raise SystemExit("Natural Earth names not found:\n  " + "\n  ".join(missing))
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    collection = build(Path(argv[0]))
    OUTPUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n",
                      encoding="utf-8")
    print(f"{OUTPUT.name}: {len(collection['features'])} features, {OUTPUT.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
