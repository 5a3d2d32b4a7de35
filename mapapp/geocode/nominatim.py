"""Optional online geocoding (Nominatim through geopy) for names the offline gazetteer misses.

mapapp is offline first, so this module is off unless asked for and must never
make a build fail or hang: every network or service problem becomes a warning
and an empty answer, the first sign of an unusable service stops all further
requests for the run (circuit breaker), and every answer, empty ones too, is
kept in an SQLite cache so a query is not sent twice across runs.  The public
Nominatim's usage policy (a real User-Agent, at most one request per second)
is honoured by default.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit

from mapapp.model import Candidate
from mapapp.geojson import candidate_to_dict

log = logging.getLogger(__name__)

DEFAULT_URL = "https://nominatim.openstreetmap.org"
PUBLIC_HOST = "nominatim.openstreetmap.org"
USER_AGENT = "mapapp/0.1 (+offline-first geoparser)"
#: The public Nominatim allows at most one request per second.
PUBLIC_MIN_INTERVAL = 1.0
LIMIT = 5
CACHE_FILE = "nominatim.sqlite3"
POSITIVE_TTL = 90 * 86400.0
NEGATIVE_TTL = 7 * 86400.0

#: OSM place types that go to the cities layer; everything else is a site.
SETTLEMENTS = frozenset({"city", "town", "village", "hamlet", "suburb"})
#: A result this close to a known place of the document is plausible whatever its country.
NEAR_KM = 500.0
#: Nominatim importance of a world-famous namesake kept (ranked last) though out of context.
FAMOUS = 0.6
OUT_OF_CONTEXT_FACTOR = 0.5

_TRUE = ("1", "true", "yes")


def online_enabled(flag: bool | None = None) -> bool:
    """An explicit flag (CLI ``--online``, the app toggle) wins over ``MAPAPP_ONLINE``."""
    if flag is not None:
        return flag
    return os.environ.get("MAPAPP_ONLINE", "").strip().lower() in _TRUE


def _is_public(base_url: str) -> bool:
    return (urlsplit(base_url).hostname or "").lower() == PUBLIC_HOST


def _default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("mapapp"))


@dataclass(frozen=True)
class OnlineConfig:
    """Where and how politely to ask; ``max_wait`` caps any wait asked for by Retry-After."""

    base_url: str = DEFAULT_URL
    cache_dir: Path = field(default_factory=_default_cache_dir)
    user_agent: str = USER_AGENT
    timeout: float = 5.0
    min_interval: float = PUBLIC_MIN_INTERVAL
    max_retries: int = 2
    backoff: float = 0.5
    max_wait: float = 5.0

    @classmethod
    def from_env(cls) -> "OnlineConfig":
        """``MAPAPP_GEOCODER_URL``, ``MAPAPP_CACHE_DIR`` and ``MAPAPP_GEOCODER_MIN_INTERVAL``."""
        base_url = (os.environ.get("MAPAPP_GEOCODER_URL") or DEFAULT_URL).rstrip("/")
        cache = os.environ.get("MAPAPP_CACHE_DIR")
        interval = os.environ.get("MAPAPP_GEOCODER_MIN_INTERVAL")
        return cls(base_url=base_url,
                   cache_dir=Path(cache) if cache else _default_cache_dir(),
                   min_interval=(float(interval) if interval else
                                 PUBLIC_MIN_INTERVAL if _is_public(base_url) else 0.0))

    @property
    def interval(self) -> float:
        """The spacing actually kept: never below the public service's limit."""
        if _is_public(self.base_url):
            return max(self.min_interval, PUBLIC_MIN_INTERVAL)
        return max(self.min_interval, 0.0)


class _Spacing:
    """Keeps requests to one service apart, shared by every geocoder of the process.

    Shared because the app makes a new geocoder on each rerun, and the policy
    limits the application, not one object.
    """

    _lock = threading.Lock()
    _last: dict[str, float] = {}

    @classmethod
    def wait(cls, key: str, interval: float) -> None:
        """Reserve the next free slot under the lock, then sleep until it outside the lock."""
        with cls._lock:
            now = time.monotonic()
            slot = max(now, cls._last.get(key, -math.inf) + interval)
            cls._last[key] = slot
        if slot > now:
            time.sleep(slot - now)


class _Cache:
    """Raw Nominatim answers on disk, keyed by service, query, language and countries.

    Raw answers rather than candidates, so that ranking can change without
    invalidating the cache.  A broken cache only costs requests: errors are logged.
    """

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / CACHE_FILE
        self.usable = True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as con:
                con.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY,"
                            " results TEXT NOT NULL, fetched REAL NOT NULL)")
        except (OSError, sqlite3.Error) as err:
            log.warning("geocoder cache %s unusable: %s", self.path, err)
            self.usable = False

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=5.0)

    def get(self, key: str) -> list[dict[str, Any]] | None:
        if not self.usable:
            return None
        try:
            con = self._connect()
            try:
                row = con.execute("SELECT results, fetched FROM answers WHERE key = ?",
                                  (key,)).fetchone()
            finally:
                con.close()
        except sqlite3.Error as err:
            log.warning("geocoder cache read failed: %s", err)
            return None
        if row is None:
            return None
        results = json.loads(row[0])
        ttl = POSITIVE_TTL if results else NEGATIVE_TTL
        return results if time.time() - row[1] < ttl else None

    def put(self, key: str, results: list[dict[str, Any]]) -> None:
        if not self.usable:
            return
        try:
            con = self._connect()
            try:
                with con:
                    con.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                                (key, json.dumps(results, ensure_ascii=False), time.time()))
            finally:
                con.close()
        except sqlite3.Error as err:
            log.warning("geocoder cache write failed: %s", err)


class _ServiceFailed(Exception):
    """The service cannot be used for this run; the message is the user's warning."""


class _QueryFailed(Exception):
    """This one query failed (the service rejected it); others may still work."""


def _http_cause(err: BaseException) -> tuple[int | None, Mapping[str, str]]:
    """geopy folds some statuses (503 -> timed out) into its own errors; the HTTP cause keeps them."""
    from geopy.adapters import AdapterHTTPError

    cause = err.__cause__
    if isinstance(cause, AdapterHTTPError):
        return cause.status_code, cause.headers or {}
    return None, {}


class OnlineGeocoder:
    """Looks names up on a Nominatim service; never raises for network or service problems."""

    def __init__(self, config: OnlineConfig | None = None) -> None:
        from geopy.adapters import RequestsAdapter
        from geopy.geocoders import Nominatim

        self.config = config or OnlineConfig.from_env()
        parts = urlsplit(self.config.base_url.rstrip("/"))
        self._service = f"{parts.scheme}://{parts.netloc}{parts.path}"
        # Retries are ours (they honour Retry-After); requests' own would multiply timeouts.
        self._geocoder = Nominatim(
            domain=parts.netloc + parts.path, scheme=parts.scheme or "https",
            user_agent=self.config.user_agent, timeout=self.config.timeout,
            adapter_factory=partial(RequestsAdapter, max_retries=0))
        self._cache = _Cache(self.config.cache_dir)
        self._broken = False
        self.warnings: list[str] = []
        self.requests_sent = 0

    def __enter__(self) -> "OnlineGeocoder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._geocoder.adapter.session.close()

    @property
    def available(self) -> bool:
        """False once the service proved unusable; later lookups answer from the cache only."""
        return not self._broken

    def lookup(self, name: str, *, lang: str = "en", country_codes: Sequence[str] = (),
               near: Sequence[tuple[float, float]] = ()) -> list[Candidate]:
        """Candidates for ``name``, plausible ones (in ``country_codes`` or ``near`` a
        (lat, lon) of the document) first; implausible minor namesakes dropped."""
        query = " ".join(name.split())
        if not query:
            return []
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        codes = tuple(sorted({c.strip().lower() for c in country_codes if c.strip()}))
        raw = self._search(query, lang, codes)
        if not raw and codes:
            raw = self._search(query, lang, ())
        candidates = [c for c in map(candidate_from_result, raw or []) if c is not None]
        return rank_candidates(candidates, country_codes=codes, near=near)

    def _search(self, query: str, lang: str, codes: tuple[str, ...]) -> list[dict[str, Any]] | None:
        key = json.dumps([self._service, query.casefold(), lang, list(codes)])
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if self._broken:
            return None
        try:
            results = self._fetch(query, lang, codes)
        except _QueryFailed as err:
            self._warn(str(err))
            return None
        except _ServiceFailed as err:
            self._broken = True
            self._warn(f"{err}; using offline results.")
            return None
        self._cache.put(key, results)
        return results

    def _warn(self, message: str) -> None:
        log.info("%s", message)
        if message not in self.warnings:
            self.warnings.append(message)

    def _fetch(self, query: str, lang: str, codes: tuple[str, ...]) -> list[dict[str, Any]]:
        """One query with bounded retries on 429 and 5xx; raises _ServiceFailed/_QueryFailed."""
        from geopy import exc

        where = self._service
        for attempt in range(self.config.max_retries + 1):
            _Spacing.wait(self._service, self.config.interval)
            self.requests_sent += 1
            try:
                found = self._geocoder.geocode(
                    query, exactly_one=False, limit=LIMIT, addressdetails=True,
                    language=lang, country_codes=list(codes) or None)
                return [loc.raw for loc in found or []]
            except exc.GeocoderParseError:
                raise _ServiceFailed(f"Online geocoder {where} gave a malformed answer") from None
            except exc.GeocoderUnavailable as err:
                raise _ServiceFailed(f"Online geocoder unreachable ({where}: {_reason(err)})") from None
            except exc.GeocoderQueryError as err:
                raise _QueryFailed(f"Online geocoder rejected the query {query!r}: {_short(err)}") from None
            except exc.GeopyError as err:
                status, headers = _http_cause(err)
                if status is None and isinstance(err, exc.GeocoderTimedOut):
                    raise _ServiceFailed(f"Online geocoder timed out after {self.config.timeout:g} s"
                                         f" ({where})") from None
                if status is None or not (status == 429 or status >= 500):
                    what = f"HTTP {status}" if status else _short(err)
                    raise _ServiceFailed(f"Online geocoder failed ({where}: {what})") from None
                if attempt == self.config.max_retries:
                    raise _ServiceFailed(f"Online geocoder kept answering HTTP {status} ({where})") from None
                delay = self._retry_delay(attempt, headers)
                if delay is None:
                    raise _ServiceFailed(f"Online geocoder asked to wait longer than"
                                         f" {self.config.max_wait:g} s (HTTP {status}, {where})") from None
                log.info("geocoder answered HTTP %s; retrying in %.1f s", status, delay)
                time.sleep(delay)
            except (ValueError, KeyError, TypeError, AttributeError):
                raise _ServiceFailed(f"Online geocoder {where} gave a malformed answer") from None
        raise AssertionError("unreachable")

    def _retry_delay(self, attempt: int, headers: Mapping[str, str]) -> float | None:
        """Exponential backoff, or the server's Retry-After when given; None when too long to wait."""
        from geopy.adapters import get_retry_after

        backoff = self.config.backoff * 2 ** attempt
        asked = get_retry_after(headers)
        delay = backoff if asked is None else max(float(asked), backoff)
        return None if delay > self.config.max_wait else delay


def _reason(err: BaseException) -> str:
    """The gist of a connection error; requests' own message runs over several lines of pool details."""
    text = str(err).lower()
    if "refused" in text:
        return "connection refused"
    if any(s in text for s in ("name or service not known", "nameresolution", "getaddrinfo",
                               "temporary failure in name resolution")):
        return "host not found"
    if "timed out" in text or "timeout" in text:
        return "connection timed out"
    return "no connection"


def _short(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def candidate_from_result(raw: Mapping[str, Any]) -> Candidate | None:
    """A Nominatim search result as a Candidate; None when it lacks what a map needs."""
    try:
        osm_type = str(raw["osm_type"]).lower()
        osm_id = int(raw["osm_id"])
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    cls, typ = str(raw.get("class", "")), str(raw.get("type", ""))
    addresstype = str(raw.get("addresstype", ""))
    address = raw.get("address") if isinstance(raw.get("address"), Mapping) else {}
    if cls == "place" and typ in SETTLEMENTS:
        layer, category = "cities", typ
    elif cls == "boundary" and addresstype in SETTLEMENTS:
        layer, category = "cities", addresstype
    else:
        layer, category = "sites", typ or cls or "place"
    name = str(raw.get("name") or str(raw.get("display_name", "")).split(",")[0]).strip()
    try:
        importance = float(raw.get("importance") or 0.0)
    except (TypeError, ValueError):
        importance = 0.0
    return Candidate(id=f"osm-{osm_type}-{osm_id}", name=name or f"{osm_type} {osm_id}",
                     layer=layer, category=category,
                     country_code=str(address.get("country_code", "")).upper(),
                     lat=lat, lon=lon, source=f"nominatim:{osm_type}/{osm_id}",
                     score=max(0.0, min(importance, 1.0)))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(min(h, 1.0)))


def rank_candidates(candidates: Sequence[Candidate], *, country_codes: Sequence[str] = (),
                    near: Sequence[tuple[float, float]] = ()) -> list[Candidate]:
    """Plausible first: in the document's countries or near its places.

    A name the gazetteer missed is most likely a small place in the document's
    area, so a minor namesake elsewhere is noise and dropped; a famous one may
    still be meant, so it stays, ranked last with its score halved.
    """
    codes = {c.upper() for c in country_codes}
    seen: set[str] = set()
    inside: list[Candidate] = []
    outside: list[Candidate] = []
    for cand in candidates:
        if cand.id in seen:
            continue
        seen.add(cand.id)
        if not codes and not near:
            inside.append(cand)
        elif cand.country_code in codes or any(_km((cand.lat, cand.lon), p) <= NEAR_KM for p in near):
            inside.append(cand)
        elif cand.score >= FAMOUS:
            outside.append(replace(cand, score=cand.score * OUT_OF_CONTEXT_FACTOR))
    return sorted(inside, key=_by_score) + sorted(outside, key=_by_score)


def _by_score(cand: Candidate) -> float:
    return -cand.score


def cli(argv: list[str]) -> int:
    """``mapapp geocode NAME``: what the online geocoder finds, as JSON; 1 when nothing."""
    parser = argparse.ArgumentParser(prog="mapapp geocode",
                                     description="Look a place name up on the online geocoder.")
    parser.add_argument("name")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--country", action="append", default=[],
                        help="ISO 3166-1 alpha-2 code of a country of the document (repeatable)")
    args = parser.parse_args(argv)
    with OnlineGeocoder(OnlineConfig.from_env()) as geocoder:
        found = geocoder.lookup(args.name, lang=args.lang, country_codes=args.country)
        for warning in geocoder.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    print(json.dumps([candidate_to_dict(c) for c in found], ensure_ascii=False, indent=2))
    return 0 if found else 1
