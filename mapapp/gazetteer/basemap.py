"""The vector basemap every view can draw offline: simplified Natural Earth countries.

Simplification (0.05 degrees, topology kept per country) brings the 1:10m
polygons from ~9 MB down to a size a browser draws instantly; it is computed
once and cached in the index folder.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from mapapp.io.paths import index_dir
from mapapp.io.atomic import write_text_atomic

TOLERANCE_DEG = 0.05
_FILE = "basemap_countries.geojson"


def build_basemap() -> dict[str, Any]:
    from shapely.geometry import mapping

    from mapapp.gazetteer.build import valid_geometry
    from mapapp.gazetteer.naturalearth import read_countries

    feats = []
    for c in read_countries():
        geom = valid_geometry(c.geometry.simplify(TOLERANCE_DEG, preserve_topology=True))
        if geom.is_empty:
            continue
        feats.append({"type": "Feature",
                      "properties": {"iso_a2": c.iso_a2, "name": c.name_en, "name_de": c.name_de},
                      "geometry": _rounded(mapping(geom))})
    fc = {"type": "FeatureCollection", "features": feats}
    write_text_atomic(basemap_path(), json.dumps(fc, separators=(",", ":")))
    return fc


def _rounded(geom: dict[str, Any]) -> dict[str, Any]:
    def rnd(obj: Any) -> Any:
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], float):
                return [round(v, 3) for v in obj]
            return [rnd(o) for o in obj]
        return obj
    return {"type": geom["type"], "coordinates": rnd(geom["coordinates"])}


def basemap_path() -> Path:
    """The built basemap file (beside the index, rebuilt with it)."""
    return index_dir() / _FILE


@lru_cache(maxsize=1)
def countries_geojson() -> dict[str, Any]:
    """Simplified country polygons as a GeoJSON FeatureCollection (iso_a2, name, name_de)."""
    path = basemap_path()
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return build_basemap()


def countries_frame():
    """The same basemap as a GeoDataFrame in EPSG:4326 (imports geopandas only when asked)."""
    import geopandas as gpd

    return gpd.GeoDataFrame.from_features(countries_geojson()["features"], crs="EPSG:4326")
