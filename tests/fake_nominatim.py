"""A scriptable stand-in for a Nominatim server: real HTTP on 127.0.0.1, an ephemeral port.

Tests queue the replies they need (status, headers, body, delay) and read back
every request the client really sent (path, query, headers, arrival time).
Without a queued reply, ``/search`` answers from ``places`` by the ``q``
parameter, honouring ``countrycodes`` like the real service, else ``[]``.
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


def place(name: str, lat: float, lon: float, country_code: str, *, osm_type: str = "node",
          osm_id: int = 1, cls: str = "place", type: str = "town",
          importance: float = 0.4, addresstype: str | None = None) -> dict[str, Any]:
    """One search result shaped like Nominatim's ``format=json&addressdetails=1``."""
    return {"place_id": osm_id * 10, "osm_type": osm_type, "osm_id": osm_id,
            "lat": f"{lat:.7f}", "lon": f"{lon:.7f}", "class": cls, "type": type,
            "addresstype": addresstype or type, "name": name, "importance": importance,
            "display_name": f"{name}, {country_code.upper()}",
            "address": {"town": name, "country_code": country_code.lower()}}


class FakeNominatim:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.replies: deque[Reply] = deque()
        self.places: dict[str, list[dict[str, Any]]] = {}
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def start(self) -> "FakeNominatim":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                fake.requests.append(Recorded(parts.path, query, dict(self.headers.items()),
                                              time.monotonic()))
                reply = fake.replies.popleft() if fake.replies else fake.answer(query)
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.payload()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
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

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
