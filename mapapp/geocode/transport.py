"""One HTTP GET with hard bounds: a total deadline, a largest answer, no other hosts.

Socket timeouts apply per read, so a server that drips a byte every few
seconds never times out (one held a run for 124 s).  Here a watchdog shuts the
socket down when the request's deadline passes, in whatever phase it is
(connecting, TLS, headers, body), and the body is read in chunks against the
clock and a byte budget, so neither a slow nor a huge answer can hold a run or
its memory.  Redirects are followed only within the same scheme, host and port.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urljoin, urlsplit

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


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL, the port made explicit; ValueError for a bad port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    return scheme, (parts.hostname or "").lower(), port


def show(where: tuple[str, str, int]) -> str:
    scheme, host, port = where
    return f"{scheme}://{host}:{port}"


def get(url: str, *, headers: Mapping[str, str], limits: Limits) -> Answer:
    """GET ``url`` within ``limits``, following same-origin redirects; raises a FetchError."""
    end = time.monotonic() + limits.deadline
    try:
        start = origin(url)
    except ValueError:
        raise Broken("URL is not valid") from None
    if start[0] not in ("http", "https") or not start[1]:
        raise Broken("URL is not http(s)")
    for _ in range(MAX_REDIRECTS + 1):
        answer = _get_once(url, headers, limits, end)
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


def _get_once(url: str, headers: Mapping[str, str], limits: Limits, end: float) -> Answer:
    scheme, host, port = origin(url)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    remaining = end - time.monotonic()
    if remaining <= 0:
        raise _late(limits)
    try:
        conn = _connection(scheme, host, port, remaining)
    except (ValueError, http.client.HTTPException):
        raise Broken("URL is not valid") from None
    watchdog = _Watchdog(conn, remaining)
    response: http.client.HTTPResponse | None = None
    try:
        try:
            conn.connect()
        except (OSError, ValueError) as err:
            raise _late(limits) if time.monotonic() >= end else Unreachable(_reason(err)) from None
        watchdog.sock = conn.sock
        try:
            conn.request("GET", target, headers=dict(headers))
            response = conn.getresponse()
            body = _read_body(response, limits, end)
        except (OSError, http.client.HTTPException, ValueError) as err:
            raise _late(limits) if time.monotonic() >= end else Broken(_broken(err)) from None
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        watchdog.cancel()
        if response is not None:
            response.close()
        conn.close()


def _connection(scheme: str, host: str, port: int, timeout: float) -> http.client.HTTPConnection:
    if scheme == "https":
        return http.client.HTTPSConnection(host, port, timeout=timeout,
                                           context=ssl.create_default_context())
    return http.client.HTTPConnection(host, port, timeout=timeout)


def _read_body(response: http.client.HTTPResponse, limits: Limits, end: float) -> bytes:
    """The body in chunks, against the clock and the byte budget; never more than max_bytes + a chunk."""
    too_large = f"sent an answer larger than {_size(limits.max_bytes)}, not used"
    declared = response.getheader("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limits.max_bytes:
        raise TooLarge(too_large)
    body = bytearray()
    while chunk := response.read1(CHUNK):
        body += chunk
        if len(body) > limits.max_bytes:
            raise TooLarge(too_large)
        if time.monotonic() >= end:
            raise _late(limits)
    if time.monotonic() >= end:
        raise _late(limits)
    return bytes(body)


def _late(limits: Limits) -> TimedOut:
    return TimedOut(f"timed out after {limits.deadline:g} s")


class _Watchdog:
    """Shuts a request's socket down when its deadline passes, so a blocked read returns at once.

    It holds the socket itself once connected, because http.client drops
    ``conn.sock`` as soon as an answer says the connection will close, while
    the answer is still being read from it.
    """

    def __init__(self, conn: http.client.HTTPConnection, seconds: float) -> None:
        self.conn = conn
        self.sock: socket.socket | None = None
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()

    def _cut(self) -> None:
        """The plain socket's shutdown, also for a TLS socket, so that the TLS object
        in use by the reading thread is not torn down under it."""
        sock = self.sock or self.conn.sock
        if sock is not None:
            try:
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            except OSError:
                pass


def _reason(err: Exception) -> str:
    """The gist of a connection error, without the pool of details around it."""
    if isinstance(err, ConnectionRefusedError):
        return "connection refused"
    if isinstance(err, socket.gaierror):
        return "host not found"
    if isinstance(err, TimeoutError):
        return "connection timed out"
    if isinstance(err, ssl.SSLCertVerificationError):
        return "certificate not trusted"
    if isinstance(err, ssl.SSLError):
        return "TLS failed"
    return "no connection"


def _broken(err: BaseException) -> str:
    if isinstance(err, (http.client.RemoteDisconnected, http.client.IncompleteRead,
                        ConnectionResetError)):
        return "dropped the connection mid-answer"
    return "gave no valid HTTP answer"


def _size(n: int) -> str:
    return f"{n / 1e6:g} MB" if n >= 100_000 else f"{n / 1e3:g} kB"
