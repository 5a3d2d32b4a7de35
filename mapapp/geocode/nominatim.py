"""The Nominatim search service: one client class, one ``requests`` session per client.

mapapp is offline first, so online geocoding is off unless asked for and must
never make a run fail or hang: every request is bounded in time, size and
hosts (:mod:`mapapp.geocode.transport`), every network or service problem
becomes one warning and an empty answer, the first sign of an unusable service
stops all further requests for the run (circuit breaker), and answers, empty
ones too, are kept in a bounded cache (:mod:`mapapp.geocode.cache`) so a query
is not sent twice across runs.  The public Nominatim's usage policy (a real
User-Agent, at most one request a second) is honoured (:mod:`mapapp.geocode.policy`).
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlencode, urlsplit

from mapapp.config import (DEFAULT_GEOCODER_CACHE_MB, DEFAULT_GEOCODER_DEADLINE,
                           DEFAULT_GEOCODER_MAX_ANSWER_MB, DEFAULT_GEOCODER_URL, Settings,
                           settings)
from mapapp.geocode import transport
from mapapp.geocode.cache import AnswerCache, Results
from mapapp.geocode.candidates import candidate_from_result, essential, rank_candidates
from mapapp.geocode.policy import (PUBLIC_MIN_INTERVAL, Spacing, default_interval,
                                   polite_interval, retry_delay, retryable)
from mapapp.geojson import candidate_to_dict
from mapapp.model import Candidate

log = logging.getLogger(__name__)

USER_AGENT = "mapapp/0.1 (+offline-first geoparser)"
LIMIT = 5
#: Refusals that concern the query, not the service: other queries may still work.
QUERY_REFUSALS = frozenset({400, 413, 414})


def _default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("mapapp"))


@dataclass(frozen=True)
class OnlineConfig:
    """Where and how politely to ask, and how much to put up with.

    ``deadline`` bounds one request from connecting to the last byte;
    ``max_wait`` caps any wait asked for by Retry-After.
    """

    base_url: str = DEFAULT_GEOCODER_URL
    cache_dir: Path = field(default_factory=_default_cache_dir)
    user_agent: str = USER_AGENT
    deadline: float = DEFAULT_GEOCODER_DEADLINE
    max_answer_bytes: int = int(DEFAULT_GEOCODER_MAX_ANSWER_MB * 1e6)
    cache_max_bytes: int = int(DEFAULT_GEOCODER_CACHE_MB * 1e6)
    min_interval: float = PUBLIC_MIN_INTERVAL
    max_retries: int = 2
    backoff: float = 0.5
    max_wait: float = 5.0

    @classmethod
    def from_settings(cls, s: Settings | None = None) -> "OnlineConfig":
        """The service, limits and cache folder of :func:`mapapp.config.settings`."""
        s = s or settings()
        interval = s.geocoder_min_interval
        return cls(base_url=s.geocoder_url,
                   cache_dir=s.cache_dir or _default_cache_dir(),
                   deadline=s.geocoder_deadline,
                   max_answer_bytes=int(s.geocoder_max_answer_mb * 1e6),
                   cache_max_bytes=int(s.geocoder_cache_mb * 1e6),
                   min_interval=default_interval(s.geocoder_url) if interval is None else interval)

    @property
    def interval(self) -> float:
        """The spacing actually kept: never below the public service's limit."""
        return polite_interval(self.base_url, self.min_interval)


class _ServiceFailed(Exception):
    """The service cannot be used for this run; the message is the user's warning."""


class _QueryFailed(Exception):
    """This one query failed (the service rejected it); others may still work."""


class OnlineGeocoder:
    """Looks names up on a Nominatim service; never raises for network or service problems."""

    def __init__(self, config: OnlineConfig | None = None) -> None:
        self.config = config or OnlineConfig.from_settings()
        parts = urlsplit(self.config.base_url.rstrip("/"))
        self._service = f"{parts.scheme}://{parts.netloc}{parts.path}"
        self._limits = transport.Limits(self.config.deadline, self.config.max_answer_bytes)
        self._session = transport.session(self.config.user_agent)
        # A kept-alive connection is closed with its geocoder, not left to the collector.
        weakref.finalize(self, self._session.close)
        self.warnings: list[str] = []
        self._cache = AnswerCache(self.config.cache_dir, self.config.cache_max_bytes, self._warn)
        self._broken = False
        self.requests_sent = 0

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

    def _search(self, query: str, lang: str, codes: tuple[str, ...]) -> Results | None:
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

    def _url(self, query: str, lang: str, codes: tuple[str, ...]) -> str:
        params = {"q": query, "format": "json", "limit": LIMIT, "addressdetails": 1,
                  "accept-language": lang}
        if codes:
            params["countrycodes"] = ",".join(codes)
        return f"{self._service}/search?{urlencode(params)}"

    def _fetch(self, query: str, lang: str, codes: tuple[str, ...]) -> Results:
        """One query with bounded retries on 429 and 5xx; raises _ServiceFailed/_QueryFailed."""
        where = self._service
        url = self._url(query, lang, codes)
        for attempt in range(self.config.max_retries + 1):
            Spacing.wait(self._service, self.config.interval)
            self.requests_sent += 1
            try:
                answer = transport.get(self._session, url, limits=self._limits)
            except transport.Unreachable as err:
                raise _ServiceFailed(f"Online geocoder unreachable ({where}: {err})") from None
            except transport.FetchError as err:
                raise _ServiceFailed(f"Online geocoder {err} ({where})") from None
            status = answer.status
            if status == 200:
                return self._parse(answer.body, query)
            if status in QUERY_REFUSALS:
                raise _QueryFailed(f"Online geocoder rejected the query {query!r} (HTTP {status})")
            if not retryable(status):
                raise _ServiceFailed(f"Online geocoder failed ({where}: HTTP {status})")
            if attempt == self.config.max_retries:
                raise _ServiceFailed(f"Online geocoder kept answering HTTP {status} ({where})")
            delay = retry_delay(attempt, answer.headers, backoff=self.config.backoff,
                                max_wait=self.config.max_wait)
            if delay is None:
                raise _ServiceFailed(f"Online geocoder asked to wait longer than"
                                     f" {self.config.max_wait:g} s (HTTP {status}, {where})")
            log.info("geocoder answered HTTP %s; retrying in %.1f s", status, delay)
            time.sleep(delay)
        raise AssertionError("unreachable")

    def _parse(self, body: bytes, query: str) -> Results:
        """The results of a search answer, trimmed to what ranking reads and to LIMIT."""
        try:
            parsed: Any = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise _ServiceFailed(f"Online geocoder {self._service} gave a malformed answer") from None
        if isinstance(parsed, dict) and "error" in parsed:
            raise _QueryFailed(f"Online geocoder rejected the query {query!r}: {_short(parsed['error'])}")
        if not isinstance(parsed, list):
            raise _ServiceFailed(f"Online geocoder {self._service} gave a malformed answer")
        return [essential(r) for r in parsed[:LIMIT] if isinstance(r, dict)]


def _short(value: object) -> str:
    text = " ".join(str(value).split()) or "no reason given"
    return text if len(text) <= 160 else text[:157] + "..."


def cli(argv: list[str]) -> int:
    """``mapapp geocode NAME``: what the online geocoder finds, as JSON; 1 when nothing."""
    parser = argparse.ArgumentParser(prog="mapapp geocode",
                                     description="Look a place name up on the online geocoder.")
    parser.add_argument("name")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--country", action="append", default=[],
                        help="ISO 3166-1 alpha-2 code of a country of the document (repeatable)")
    args = parser.parse_args(argv)
    geocoder = OnlineGeocoder(OnlineConfig.from_settings())
    found = geocoder.lookup(args.name, lang=args.lang, country_codes=args.country)
    for warning in geocoder.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(json.dumps([candidate_to_dict(c) for c in found], ensure_ascii=False, indent=2))
    return 0 if found else 1
