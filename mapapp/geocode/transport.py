"""One HTTP GET over ``requests`` with hard bounds: a total deadline, a largest answer, no other hosts.

``requests`` keeps what a user's network needs: proxies from the environment
(HTTP(S)_PROXY, NO_PROXY), certificates checked against certifi's bundle, one
kept-alive connection per geocoder.  Its ``timeout``, however, applies to each
socket operation, so a server dripping a byte every few seconds never trips it
(one held a run for 124 s).  Three things make the deadline total:

* every socket operation's timeout is at most the time left when the request starts;
* a watchdog shuts the request's connection down when the deadline passes, so a
  read blocked in the TLS handshake, the headers or the body returns at once.
  ``requests`` does not expose the socket, so the session's adapter builds its
  connections from a small urllib3 subclass that hands each socket, new or
  kept alive, to the watchdog of the request running in this context;
* the body is read in chunks (``raw.read1``, decompression bounded by urllib3)
  against the clock and a byte budget: an answer whose Content-Length is too
  large is not read at all, one without is dropped after max_bytes + a chunk.

Redirects are followed by hand, only within the same scheme, host and port.
"""
from __future__ import annotations

import http.client
import os
import socket
import ssl
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Iterator, Mapping
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 3
CHUNK = 64 * 1024


class FetchError(Exception):
    """No usable answer; the message says why, in words for the user."""


class Unreachable(FetchError):
    """No connection could be made."""


class TimedOut(FetchError):
    """The whole request took longer than its deadline."""


class TooLarge(FetchError):
    """The answer is larger than allowed; it was not read to the end."""


class OffHost(FetchError):
    """A redirect to another scheme, host or port, which is not followed."""


class Broken(FetchError):
    """The server did not speak HTTP properly, or dropped the connection."""


@dataclass(frozen=True)
class Limits:
    """``deadline``: seconds for the whole request, redirects included; ``max_bytes``: largest body."""

    deadline: float
    max_bytes: int


@dataclass(frozen=True)
class Answer:
    status: int
    #: Header names in lower case.
    headers: Mapping[str, str]
    body: bytes


def session(user_agent: str) -> requests.Session:
    """A session whose connections report to the watchdog; requests' defaults otherwise
    (``trust_env`` for proxies, ``verify`` against certifi, no retries)."""
    s = requests.Session()
    s.headers.update({"User-Agent": user_agent, "Accept": "application/json"})
    adapter = _WatchedAdapter()
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    return s


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL, the port made explicit; ValueError for a bad port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    return scheme, (parts.hostname or "").lower(), port


def show(where: tuple[str, str, int]) -> str:
    scheme, host, port = where
    return f"{scheme}://{host}:{port}"


def get(s: requests.Session, url: str, *, limits: Limits) -> Answer:
    """GET ``url`` within ``limits``, following same-origin redirects; raises a FetchError."""
    end = time.monotonic() + limits.deadline
    try:
        start = origin(url)
    except ValueError:
        raise Broken("URL is not valid") from None
    if start[0] not in ("http", "https") or not start[1]:
        raise Broken("URL is not http(s)")
    for _ in range(MAX_REDIRECTS + 1):
        answer = _get_once(s, url, limits, end)
        location = answer.headers.get("location")
        if answer.status not in REDIRECTS or not location:
            return answer
        target = urljoin(url, location)
        try:
            where = origin(target)
        except ValueError:
            raise Broken("redirected to an invalid URL") from None
        if where != start:
            raise OffHost(f"redirected to another host ({show(where)}), not followed")
        url = target
    raise Broken(f"redirected more than {MAX_REDIRECTS} times")


def _get_once(s: requests.Session, url: str, limits: Limits, end: float) -> Answer:
    left = end - time.monotonic()
    if left <= 0:
        raise _late(limits)
    with _Watchdog(left) as watchdog:
        token = _WATCHDOG.set(watchdog)
        try:
            response = s.get(url, stream=True, allow_redirects=False, timeout=(left, left))
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError, ValueError) as err:
            raise _failure(err, limits, end) from None
        finally:
            _WATCHDOG.reset(token)
        with response:
            body = _read_body(response, limits, end)
            headers = {k.lower(): v for k, v in response.headers.items()}
            return Answer(response.status_code, headers, body)


def _read_body(response: requests.Response, limits: Limits, end: float) -> bytes:
    """The body in chunks, against the clock and the byte budget; never more than max_bytes + a chunk."""
    too_large = f"sent an answer larger than {_size(limits.max_bytes)}, not used"
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limits.max_bytes:
        raise TooLarge(too_large)
    body = bytearray()
    try:
        while chunk := response.raw.read1(CHUNK, decode_content=True):
            body += chunk
            if len(body) > limits.max_bytes:
                raise TooLarge(too_large)
            if time.monotonic() >= end:
                raise _late(limits)
    except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as err:
        raise _late(limits) if time.monotonic() >= end else Broken(_broken(err)) from None
    if time.monotonic() >= end:
        raise _late(limits)
    return bytes(body)


def _late(limits: Limits) -> TimedOut:
    return TimedOut(f"timed out after {limits.deadline:g} s")


class _Watchdog:
    """Shuts one request's connection down when its deadline passes, so a blocked read returns at once.

    It keeps its own duplicate of the socket's descriptor: a shutdown acts on the
    connection, not on the descriptor, and the duplicate stays valid when TLS
    wraps (and detaches) the original or urllib3 drops it mid-answer.
    """

    def __init__(self, seconds: float) -> None:
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._due = False
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self._timer.start()

    def __enter__(self) -> "_Watchdog":
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            if self._sock is not None:
                self._sock.close()
                self._sock = None

    def watch(self, sock: Any) -> None:
        """Take the request's socket (the first one handed over; a request uses one)."""
        with self._lock:
            if self._sock is not None:
                return
            try:
                self._sock = socket.socket(fileno=os.dup(sock.fileno()))
            except OSError:
                return
            if self._due:
                _shut(self._sock)

    def _cut(self) -> None:
        with self._lock:
            self._due = True
            if self._sock is not None:
                _shut(self._sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


_WATCHDOG: ContextVar[_Watchdog | None] = ContextVar("mapapp_geocode_watchdog", default=None)


def _hand_over(sock: Any) -> None:
    watchdog = _WATCHDOG.get()
    if watchdog is not None and sock is not None:
        watchdog.watch(sock)


class _Watched:
    """A urllib3 connection that hands its socket to the current request's watchdog:
    a new one as soon as TCP connects (before any TLS handshake), a kept-alive one
    when a request is sent on it.  ``_new_conn`` is urllib3's internal step, the
    same since 1.x; urllib3 is pinned in requirements.txt."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()  # type: ignore[misc]
        _hand_over(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        _hand_over(self.sock)  # type: ignore[attr-defined]
        super().request(*args, **kwargs)  # type: ignore[misc]


class _WatchedHTTP(_Watched, HTTPConnection):
    pass


class _WatchedHTTPS(_Watched, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTP


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPS


_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _WatchedAdapter(HTTPAdapter):
    """requests' adapter with watched connections, direct or through an HTTP(S) proxy.

    A SOCKS proxy keeps its own connection classes; there the per-read timeouts
    and the clock checks between chunks bound a request instead.
    """

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = _POOLS
        return manager


def _failure(err: Exception, limits: Limits, end: float) -> FetchError:
    """The FetchError for what ``requests`` raised before the body."""
    if time.monotonic() >= end or isinstance(err, requests.ReadTimeout):
        return _late(limits)
    if isinstance(err, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                        requests.exceptions.MissingSchema)):
        return Broken("URL is not valid")
    causes = list(_causes(err))
    if any(isinstance(c, _NO_CONNECTION) for c in causes):
        return Unreachable(_reason(causes))
    return Broken(_broken(err))


#: Failures before a request could be sent (a NameResolutionError is a ConnectTimeoutError).
_NO_CONNECTION = (urllib3.exceptions.ConnectTimeoutError, urllib3.exceptions.ProxyError,
                  urllib3.exceptions.SSLError, ssl.SSLError)


def _causes(err: BaseException) -> Iterator[BaseException]:
    """``err`` and what it wraps: urllib3's ``reason``, ``__cause__``, ``__context__``, the first arg."""
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        wrapped = [getattr(current, "reason", None), current.__cause__, current.__context__,
                   current.args[0] if current.args else None]
        current = next((w for w in wrapped if isinstance(w, BaseException)), None)


def _reason(causes: list[BaseException]) -> str:
    """The gist of a connection error, without the pool of details around it."""
    for kinds, reason in _REASONS:
        if any(isinstance(c, kinds) for c in causes):
            return reason
    return "no connection"


_REASONS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((urllib3.exceptions.ProxyError,), "proxy failed"),
    ((ConnectionRefusedError,), "connection refused"),
    ((socket.gaierror, urllib3.exceptions.NameResolutionError), "host not found"),
    ((ssl.SSLCertVerificationError,), "certificate not trusted"),
    ((ssl.SSLError, urllib3.exceptions.SSLError), "TLS failed"),
    ((TimeoutError,), "connection timed out"),
)


def _broken(err: BaseException) -> str:
    if any(isinstance(c, (http.client.RemoteDisconnected, http.client.IncompleteRead,
                          urllib3.exceptions.IncompleteRead, ConnectionResetError))
           for c in _causes(err)):
        return "dropped the connection mid-answer"
    return "gave no valid HTTP answer"


def _size(n: int) -> str:
    return f"{n / 1e6:g} MB" if n >= 100_000 else f"{n / 1e3:g} kB"
