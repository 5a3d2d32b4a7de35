"""How often and how patiently to ask: request spacing and the retry policy.

The public Nominatim's usage policy allows at most one request a second per
application; a server that is busy (HTTP 429 or 5xx) is asked again a bounded
number of times, after the wait it names in Retry-After or an exponential
backoff, and never after a wait longer than the caller allows.
"""
from __future__ import annotations

import math
import threading
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Mapping
from urllib.parse import urlsplit

PUBLIC_HOST = "nominatim.openstreetmap.org"
#: The public Nominatim allows at most one request per second.
PUBLIC_MIN_INTERVAL = 1.0


def is_public(base_url: str) -> bool:
    return (urlsplit(base_url).hostname or "").lower() == PUBLIC_HOST


def default_interval(base_url: str) -> float:
    """The spacing when none is configured: the public service's limit, else none."""
    return PUBLIC_MIN_INTERVAL if is_public(base_url) else 0.0


def polite_interval(base_url: str, min_interval: float) -> float:
    """The spacing actually kept: never below the public service's limit."""
    floor = PUBLIC_MIN_INTERVAL if is_public(base_url) else 0.0
    return max(min_interval, floor)


class Spacing:
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


def retryable(status: int) -> bool:
    """Rate limiting and server errors may pass; other refusals will not."""
    return status == 429 or status >= 500


def retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds named by a Retry-After header (delta-seconds or an HTTP date); None when absent."""
    raw = headers.get("retry-after", "").strip()
    if not raw:
        return None
    try:
        return max(float(raw), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max((when - datetime.now(timezone.utc)).total_seconds(), 0.0)


def retry_delay(attempt: int, headers: Mapping[str, str], *, backoff: float,
                max_wait: float) -> float | None:
    """Exponential backoff, or the server's Retry-After when longer; None when too long to wait."""
    delay = backoff * 2 ** attempt
    asked = retry_after(headers)
    if asked is not None:
        delay = max(asked, delay)
    return None if delay > max_wait else delay
