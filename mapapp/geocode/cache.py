"""Geocoder answers on disk (SQLite), so that a query is not sent twice across runs.

Bounded: the stored answers never exceed ``max_bytes`` together (the oldest
are evicted first), and only well-formed answers are stored.  Never fatal: a
damaged cache file is set aside as ``*.damaged`` and a fresh one started, a
locked or read-only one only costs requests, and each problem is reported once
through ``warn``.  A cache of the earlier, unbounded layout is discarded.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any, Callable, TypeVar

log = logging.getLogger(__name__)

CACHE_FILE = "nominatim.sqlite3"
#: Stored in ``PRAGMA user_version``; a file of another layout is started afresh.
SCHEMA_VERSION = 2
POSITIVE_TTL = 90 * 86400.0
NEGATIVE_TTL = 7 * 86400.0

T = TypeVar("T")
Results = list[dict[str, Any]]


def decode(text: str) -> Results | None:
    """A stored answer, or None when it is not a JSON list of objects."""
    try:
        results = json.loads(text)
    except (TypeError, ValueError):
        return None
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        return None
    return results


class AnswerCache:
    """Answers by key; ``get`` misses rather than fails, ``put`` skips rather than fails."""

    def __init__(self, folder: Path, max_bytes: int,
                 warn: Callable[[str], None] = log.warning) -> None:
        self.path = Path(folder) / CACHE_FILE
        self.max_bytes = max_bytes
        self._warn = warn
        self.usable = self._open()

    def get(self, key: str) -> Results | None:
        row = self._run(lambda con: con.execute(
            "SELECT results, fetched FROM answers WHERE key = ?", (key,)).fetchone())
        if row is None:
            return None
        results = decode(row[0])
        if results is None:
            self._run(lambda con: con.execute("DELETE FROM answers WHERE key = ?", (key,)))
            return None
        ttl = POSITIVE_TTL if results else NEGATIVE_TTL
        return results if time.time() - row[1] < ttl else None

    def put(self, key: str, results: Results) -> None:
        """Store a well-formed answer that fits, then evict the oldest beyond the bound."""
        text = json.dumps(results, ensure_ascii=False)
        size = len(text.encode("utf-8")) + len(key.encode("utf-8"))
        if decode(text) is None or size > self.max_bytes:
            return

        def store(con: sqlite3.Connection) -> None:
            con.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                        (key, text, size, time.time()))
            con.execute("DELETE FROM answers WHERE key IN (SELECT key FROM (SELECT key,"
                        " SUM(size) OVER (ORDER BY fetched DESC, key) AS kept FROM answers)"
                        " WHERE kept > ?)", (self.max_bytes,))

        self._run(store)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=5.0)

    def _open(self) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._prepare()
            return True
        except sqlite3.OperationalError as err:
            self._warn(f"Geocoder cache {self.path} unusable ({err}); answers are not kept.")
        except sqlite3.DatabaseError as err:
            return self._set_aside(err)
        except OSError as err:
            self._warn(f"Geocoder cache {self.path} unusable ({err.strerror or err});"
                       " answers are not kept.")
        return False

    def _prepare(self) -> None:
        with closing(self._connect()) as con:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'answers'").fetchone()[0]
        if version != SCHEMA_VERSION and tables:
            log.info("discarding geocoder cache %s of an older layout", self.path)
            _remove(self.path)
        with closing(self._connect()) as con, con:
            con.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY,"
                        " results TEXT NOT NULL, size INTEGER NOT NULL, fetched REAL NOT NULL)")
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _run(self, operation: Callable[[sqlite3.Connection], T]) -> T | None:
        """One operation in its own transaction; None when the cache is unusable or fails."""
        if not self.usable:
            return None
        try:
            with closing(self._connect()) as con, con:
                return operation(con)
        except sqlite3.OperationalError as err:
            log.warning("geocoder cache %s skipped: %s", self.path, err)
        except sqlite3.DatabaseError as err:
            self.usable = self._set_aside(err)
        return None

    def _set_aside(self, err: sqlite3.DatabaseError) -> bool:
        """Move a damaged file out of the way and start afresh; False when even that fails."""
        aside = self.path.with_name(self.path.name + ".damaged")
        try:
            self.path.replace(aside)
            _remove(self.path)
            self._prepare()
        except (OSError, sqlite3.Error) as again:
            self._warn(f"Geocoder cache {self.path} is damaged ({err}) and could not be"
                       f" replaced ({again}); answers are not kept.")
            return False
        self._warn(f"Geocoder cache {self.path} was damaged ({err}); set aside as {aside.name}"
                   " and started afresh.")
        return True


def _remove(path: Path) -> None:
    """A database file and its journals (a stale journal must not be replayed on a new file)."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
