"""Read-only queries on the built index: names to entries, word frequencies, geometries, borders.

Look-ups are memoised in bounded caches owned by each ``Gazetteer``, so a
long-running worker's memory stays flat over any corpus.  Damage is caught at
this boundary: the file is checked against its stamp when opened, and a
``sqlite3.DatabaseError`` from any query repairs the index (or raises a
``GazetteerError`` of one line) instead of escaping as a traceback.
"""
from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from mapapp.errors import GazetteerError
from mapapp.gazetteer.integrity import is_intact, stat_key
from mapapp.gazetteer.namefilter import NameFilter
from mapapp.gazetteer.names import fold_key
from mapapp.model import StoredGeometry

CACHE_SIZE = 200_000
GEOMETRY_CACHE_SIZE = 20_000
#: Type-ahead asks for the same few prefixes again and again; a short list is plenty.
PREFIX_CACHE_SIZE = 512

_ENTRY_COLUMNS = ("e.eid, e.id, e.name, e.name_de, e.layer, e.category, e.cc, e.lat, e.lon, e.population, "
                  "e.source, e.admin1, e.institution")

#: Called with (path, what went wrong, stat_key of the damaged file) to rebuild the index in place.
Repair = Callable[[Path, str, "list[int] | None"], Any]


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
    #: Asked hundreds of thousands of times while ranking 1 MB of news: a field, not a property.
    is_country: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_country", self.layer == "countries")


@dataclass(frozen=True)
class NameHit:
    """An entry reached through a name, and how (exact key or transliteration fold)."""

    entry: Entry
    folded: bool
    primary: bool


@dataclass(frozen=True)
class PrefixMatch:
    """A name that starts with a searched prefix, the entry it reaches, and its search weight
    (the entry's prominence, up for a primary name, down for a mere alternate name)."""

    eid: int
    key: str
    primary: bool
    weight: float


#: A primary name counts a little more, an alternate (often a former) name much less.
PRIMARY_BONUS, ALTERNATE_PENALTY = 0.3, -1.0


def _damaged(path: Path, reason: str) -> GazetteerError:
    return GazetteerError(f"the gazetteer index {path} is damaged ({reason}); run `mapapp index --force`")


class Gazetteer:
    """Read-only access to the index; safe to share between threads of one process.

    ``repair`` rebuilds a damaged index in place; without it damage is a ``GazetteerError``.
    """

    def __init__(self, path: Path, repair: Repair | None = None) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise GazetteerError(f"gazetteer index missing: {self.path}; run `mapapp index`")
        self._repair = repair
        self._local = threading.local()
        self._repair_lock = threading.Lock()
        #: Bumped by every repair; recognisers drop what they memoised from an older file.
        self.generation = 0
        self._lookup = lru_cache(maxsize=CACHE_SIZE)(self._lookup_uncached)
        #: eid -> Entry, shared by look-ups and ``entry``; emptied when full, so memory stays flat.
        self._entries: dict[int, Entry] = {}
        self._eid = lru_cache(maxsize=CACHE_SIZE)(self._eid_uncached)
        self._zipf = lru_cache(maxsize=CACHE_SIZE)(self._zipf_uncached)
        self._proper = lru_cache(maxsize=CACHE_SIZE)(self._proper_uncached)
        self._stored = lru_cache(maxsize=GEOMETRY_CACHE_SIZE)(self._stored_uncached)
        self._prefix = lru_cache(maxsize=PREFIX_CACHE_SIZE)(self._prefix_uncached)
        self._regions = lru_cache(maxsize=1)(self._regions_uncached)
        self._filters = lru_cache(maxsize=1)(self._filters_uncached)
        self._neighbours = lru_cache(maxsize=1024)(self._neighbours_uncached)
        if not is_intact(self.path):
            self._recover(0, "its checksum does not match")

    # ------------------------------------------------------------------ the query boundary

    def _connection(self) -> sqlite3.Connection:
        held = getattr(self._local, "held", None)
        if held is None or held[0] != self.generation:
            con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            held = self._local.held = (self.generation, con)
        return held[1]

    def _rows(self, sql: str, args: tuple) -> list[tuple]:
        """Every query goes through here: damage found by SQLite is repaired once, or reported."""
        generation = self.generation
        try:
            return self._connection().execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            self._recover(generation, str(exc))
        try:
            return self._connection().execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.path, str(exc)) from None

    def _recover(self, generation: int, reason: str) -> None:
        with self._repair_lock:
            if generation != self.generation:
                return  # another thread repaired it meanwhile
            if self._repair is None:
                raise _damaged(self.path, reason)
            self._repair(self.path, reason, stat_key(self.path))
            self._entries.clear()
            for cache in (self._lookup, self._eid, self._zipf, self._proper, self._stored,
                          self._prefix, self._regions, self._filters, self._neighbours):
                cache.cache_clear()
            self.generation += 1

    # ------------------------------------------------------------------ queries

    def meta(self, key: str) -> str | None:
        rows = self._rows("SELECT v FROM meta WHERE k=?", (key,))
        return rows[0][0] if rows else None

    def _entry_of(self, r: tuple) -> Entry:
        """The one Entry for an entries row (``_ENTRY_COLUMNS``), made once per process."""
        entry = self._entries.get(r[0])
        if entry is None:
            if len(self._entries) >= CACHE_SIZE:
                self._entries.clear()
            entry = self._entries[r[0]] = Entry(r[0], r[1], r[2], r[3] or "", r[4], r[5], r[6] or "", r[7],
                                                r[8], r[9] or 0, r[10], r[11] or "", bool(r[12]))
        return entry

    def _entry(self, eid: int) -> Entry:
        entry = self._entries.get(eid)
        if entry is None:
            entry = self._entry_of(self._rows(f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE eid=?", (eid,))[0])
        return entry

    def _filters_uncached(self) -> dict[str, NameFilter]:
        return {col: NameFilter(bits, probes)
                for col, probes, bits in self._rows("SELECT col, probes, bits FROM name_filters", ())}

    def _lookup_uncached(self, key: str, fold: bool) -> tuple[NameHit, ...]:
        column, arg = ("fold", fold_key(key)) if fold else ("key", key)
        if arg not in self._filters()[column]:  # most words asked about name no place
            return ()
        # The entries come in the same query: a cold look-up of a name with five namesakes was six.
        rows = self._rows(f"SELECT MAX(n.is_primary), {_ENTRY_COLUMNS} FROM names n JOIN entries e "
                          f"ON e.eid = n.eid WHERE n.{column}=? GROUP BY n.eid", (arg,))
        return tuple(NameHit(self._entry_of(r[1:]), fold, bool(r[0])) for r in rows)

    def lookup(self, key: str, fold: bool = False) -> tuple[NameHit, ...]:
        """Entries whose name has this ``name_key`` (or, with ``fold``, this fold of it)."""
        return self._lookup(key, fold)

    def may_begin_longer(self, key: str) -> bool:
        """Whether some name of more words may begin with the words of ``key`` (a ``name_key``),
        as they are or transliteration-folded: if not, no longer run of words that starts with
        them is a name under any look-up (false positives possible, false negatives never)."""
        filters = self._filters()
        return key in filters["key_prefix"] or fold_key(key) in filters["fold_prefix"]

    def entry(self, eid: int) -> Entry:
        """The entry numbered ``eid`` (as in a :class:`PrefixMatch`)."""
        return self._entry(eid)

    def _prefix_uncached(self, prefix: str, fold: bool, limit: int) -> tuple[PrefixMatch, ...]:
        column = "fold" if fold else "key"
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = self._rows(f"SELECT eid, key, is_primary, weight + CASE WHEN is_primary THEN {PRIMARY_BONUS} "
                          f"ELSE {ALTERNATE_PENALTY} END AS w FROM names WHERE {column} >= ? AND {column} < ? "
                          f"ORDER BY w DESC, eid LIMIT ?", (prefix, upper, limit))
        return tuple(PrefixMatch(r[0], r[1], bool(r[2]), r[3]) for r in rows)

    def starting_with(self, prefix: str, limit: int = 200, fold: bool = False) -> tuple[PrefixMatch, ...]:
        """The ``limit`` weightiest names whose ``name_key`` (with ``fold``: whose fold) starts
        with ``prefix``, weightiest first.  The key search is one scan of the covering
        ``names_key`` index, so even a two-letter prefix stays quick."""
        return self._prefix(prefix, fold, limit) if prefix else ()

    def _regions_uncached(self) -> dict[tuple[str, str], str]:
        rows = self._rows("SELECT cc, admin1, name FROM entries WHERE category IN ('state', 'admin1') "
                          "AND admin1 != '' ORDER BY eid", ())
        names: dict[tuple[str, str], str] = {}
        for cc, code, name in rows:
            names.setdefault((cc, code), name)
        return names

    def region_name(self, country_code: str, admin1: str) -> str:
        """The name of a first-level region (US state, admin1 of data/admin1.csv), or "" when the
        index holds none for that code."""
        return self._regions().get((country_code, admin1), "") if admin1 else ""

    def preload_regions(self) -> None:
        """Read the region names now (a scan of the entries, 0.05–0.2 s), so that the first
        ``region_name`` a reader waits for does not pay for it (app/warmup)."""
        self._regions()

    def _zipf_uncached(self, key: str) -> tuple[float, float]:
        rows = self._rows("SELECT zipf_de, zipf_en FROM words WHERE key=?", (key,))
        return (rows[0][0], rows[0][1]) if rows else (0.0, 0.0)

    def zipf(self, key: str, lang: str) -> float:
        """How common the name is as an ordinary word (wordfreq Zipf scale, precomputed)."""
        z = self._zipf(key)
        return z[0] if lang == "de" else z[1]

    def _proper_uncached(self, word: str, lang: str) -> bool | None:
        rows = self._rows("SELECT proper FROM lexicon WHERE word=? AND lang=?", (word, lang))
        return bool(rows[0][0]) if rows else None

    def proper(self, word: str, lang: str) -> bool | None:
        """The tagger's verdict on a capitalised ``word`` (lower-cased) stored at build time, or None."""
        return self._proper(word, lang)

    def _eid_uncached(self, place_id: str) -> int | None:
        rows = self._rows("SELECT eid FROM entries WHERE id=?", (place_id,))
        return rows[0][0] if rows else None

    def by_id(self, place_id: str) -> Entry | None:
        eid = self._eid(place_id)
        return None if eid is None else self._entry(eid)

    def country(self, code: str) -> Entry | None:
        return self.by_id(f"country-{code.lower()}")

    def _stored_uncached(self, eid: int) -> StoredGeometry:
        geom, lon, lat = self._rows("SELECT geom, lon, lat FROM entries WHERE eid=?", (eid,))[0]
        return StoredGeometry(lon, lat, geom or None, f"entries:{eid}" if geom else None)

    def stored_geometry(self, entry: Entry) -> StoredGeometry:
        """The polygon of a country or region, or the point of anything else, as the index keeps it
        (a Place decodes it on first use; ``mapapp geoparse`` writes it without shapely)."""
        return self._stored(entry.eid)

    def stored_border(self, a: str, b: str) -> tuple[StoredGeometry, float] | None:
        """(MultiLineString with its midpoint, length in km) of the boundary two countries share, or None."""
        x, y = sorted((a, b))
        rows = self._rows("SELECT geom, mid_lon, mid_lat, length_km FROM borders WHERE a=? AND b=?", (x, y))
        if not rows:
            return None
        geom, lon, lat, length_km = rows[0]
        return StoredGeometry(lon, lat, geom, f"borders:{x}:{y}"), float(length_km)

    def outline_geojson(self, ref: str) -> str | None:
        """The GeoJSON text the index keeps for an outline (``StoredGeometry.ref``), or None."""
        table, _, key = ref.partition(":")
        if table == "entries":
            rows = self._rows("SELECT geojson FROM entries WHERE eid=?", (int(key),))
        elif table == "borders":
            rows = self._rows("SELECT geojson FROM borders WHERE a=? AND b=?", tuple(key.split(":", 1)))
        else:
            return None
        return rows[0][0] if rows else None

    def _neighbours_uncached(self, code: str) -> frozenset[str]:
        rows = self._rows("SELECT a, b FROM borders WHERE a=? OR b=?", (code, code))
        return frozenset(b if a == code else a for a, b in rows)

    def neighbours(self, code: str) -> frozenset[str]:
        """The countries that share a border with ``code`` (asked for every country of every document)."""
        return self._neighbours(code)


def _rebuild_default(path: Path, reason: str, seen: list[int] | None) -> None:
    from mapapp.gazetteer.build import ensure_index

    ensure_index(path, damaged=reason, seen=seen)


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, building the index first if it is missing, stale or damaged."""
    from mapapp.gazetteer.build import ensure_index

    return Gazetteer(ensure_index(), repair=_rebuild_default)
