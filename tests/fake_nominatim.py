"""A scriptable stand-in for a Nominatim server: real HTTP on 127.0.0.1, an ephemeral port.

Tests queue the replies they need (status, headers, body, delay) and read back
every request the client really sent (path, query, headers, arrival time, the
client's port).  With ``keep_alive`` it speaks HTTP/1.1 and keeps connections
open; requests in absolute form (as sent to a proxy) are answered as well, so
the server can stand in for an HTTP proxy too.
Without a queued reply, ``/search`` answers from ``places`` by the ``q``
parameter, honouring ``countrycodes`` like the real service, else ``[]``.

Hostile modes, as a misbehaving service would: :meth:`Reply.drip` sends one
byte every few seconds (in the body, or in the headers), :meth:`Reply.huge`
streams a valid but enormous answer without holding it in memory, and
:meth:`Reply.redirect` points elsewhere (another server's ``url`` or a path).
"""
from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: Any = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    #: Seconds between single bytes of the body (or of a header line, with drip_headers).
    drip_every: float = 0.0
    drip_headers: bool = False
    #: Bytes of a generated JSON list of results, streamed instead of ``body``.
    huge_bytes: int = 0
    #: Send Content-Length; without it the body ends when the connection closes.
    length: bool = True

    @classmethod
    def drip(cls, every: float, *, headers: bool = False, body: Any = None) -> "Reply":
        return cls(body=[] if body is None else body, drip_every=every, drip_headers=headers)

    @classmethod
    def huge(cls, n_bytes: int, *, length: bool = True) -> "Reply":
        return cls(huge_bytes=n_bytes, length=length)

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> "Reply":
        return cls(status=status, body=b"", headers={"Location": location})

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body).encode("utf-8")


@dataclass(frozen=True)
class Recorded:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    time: float
    #: The client's port: the same for requests on one kept-alive connection.
    client: int


def place(name: str, lat: float, lon: float, country_code: str, *, osm_type: str = "node",
          osm_id: int = 1, cls: str = "place", type: str = "town",
          importance: float = 0.4, addresstype: str | None = None) -> dict[str, Any]:
    """One search result shaped like Nominatim's ``format=json&addressdetails=1``."""
    return {"place_id": osm_id * 10, "osm_type": osm_type, "osm_id": osm_id,
            "lat": f"{lat:.7f}", "lon": f"{lon:.7f}", "class": cls, "type": type,
            "addresstype": addresstype or type, "name": name, "importance": importance,
            "display_name": f"{name}, {country_code.upper()}",
            "address": {"town": name, "country_code": country_code.lower()}}


#: The variables through which requests takes proxies from the environment.
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


def without_proxies(monkeypatch: Any) -> None:
    """The fake is on 127.0.0.1: a proxy set in the tester's environment must not intercept it."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


class FakeNominatim:
    def __init__(self, *, keep_alive: bool = False) -> None:
        self.keep_alive = keep_alive
        self.requests: list[Recorded] = []
        self.replies: deque[Reply] = deque()
        self.places: dict[str, list[dict[str, Any]]] = {}
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def start(self) -> "FakeNominatim":
        fake = self
        self._stopping.clear()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1" if fake.keep_alive else "HTTP/1.0"

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                fake.requests.append(Recorded(parts.path, query, dict(self.headers.items()),
                                              time.monotonic(), self.client_address[1]))
                reply = fake.replies.popleft() if fake.replies else fake.answer(query)
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    if reply.drip_every and reply.drip_headers:
                        self.wfile.write(f"HTTP/1.0 {reply.status} OK\r\n".encode())
                        fake.drip(self.wfile, b"X-Slow: " + b"z" * 1000, reply.drip_every)
                        return
                    body = reply.payload()
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    size = huge_size(reply.huge_bytes) if reply.huge_bytes else len(body)
                    if reply.length:
                        self.send_header("Content-Length", str(size))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    if reply.huge_bytes:
                        fake.stream_huge(self.wfile, reply.huge_bytes)
                    elif reply.drip_every:
                        fake.drip(self.wfile, body, reply.drip_every)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def answer(self, query: dict[str, str]) -> Reply:
        found = self.places.get(query.get("q", ""), [])
        wanted = {c for c in query.get("countrycodes", "").lower().split(",") if c}
        if wanted:
            found = [p for p in found if p["address"]["country_code"] in wanted]
        return Reply(body=found[: int(query.get("limit", 10))])

    def drip(self, out: Any, data: bytes, every: float) -> None:
        """One byte at a time, until done, the client hangs up or the server stops."""
        for i in range(len(data)):
            if self._stopping.wait(every):
                return
            out.write(data[i:i + 1])
            out.flush()

    def stream_huge(self, out: Any, n_bytes: int) -> None:
        """A valid JSON list of about ``n_bytes``, written in chunks, never held whole."""
        item = _HUGE_ITEM
        per_chunk = max(1, 65536 // (len(item) + 1))
        count = huge_count(n_bytes)
        out.write(b"[")
        written = 0
        while written < count and not self._stopping.is_set():
            n = min(per_chunk, count - written)
            last = written + n == count
            out.write(b",".join([item] * n) + (b"]" if last else b","))
            written += n

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


_HUGE_ITEM = json.dumps(place("Padding", 1.0, 2.0, "kz", osm_id=9, importance=0.1)).encode("utf-8")


def huge_count(n_bytes: int) -> int:
    return max(1, n_bytes // (len(_HUGE_ITEM) + 1))


def huge_size(n_bytes: int) -> int:
    """The exact length of what :meth:`FakeNominatim.stream_huge` writes for ``n_bytes``."""
    count = huge_count(n_bytes)
    return 1 + count * len(_HUGE_ITEM) + (count - 1) + 1


ALMATY = place("Almaty", 43.2380, 76.9450, "kz", osm_id=101, type="city", importance=0.7)
KURCHATOV = place("Kurchatov", 50.7561, 78.5403, "kz", osm_id=202, type="town", importance=0.35)


def geocoder(fake: "FakeNominatim", tmp_path: Any, **kw: Any):
    """A geocoder on ``fake`` with test-friendly settings (no spacing, short back-off)."""
    from mapapp.geocode.nominatim import OnlineConfig, OnlineGeocoder

    config = {"base_url": fake.url, "cache_dir": tmp_path / "cache", "deadline": 5.0,
              "min_interval": 0.0, "max_retries": 2, "backoff": 0.1} | kw
    return OnlineGeocoder(OnlineConfig(**config))
