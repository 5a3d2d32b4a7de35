"""geoparse stops between passages when its caller's deadline passes or it is cancelled."""
from __future__ import annotations

import threading
import time

import pytest

import mapapp
from mapapp.errors import GeoparseCancelled, GeoparseTimeout, UserError

TEXT = "Berlin liegt an der Spree.\n\nWien liegt an der Donau.\n\nRom liegt am Tiber."


class CancelledAfter(threading.Event):
    """Reads as set from its ``n``-th look on: a reader leaving while passage ``n`` is read."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.looks, self.n = 0, n

    def is_set(self) -> bool:
        self.looks += 1
        return self.looks > self.n


def test_a_passed_deadline_stops_the_geoparse():
    with pytest.raises(GeoparseTimeout, match="ran out of time after 0 of 3 passages"):
        mapapp.geoparse(TEXT, "de", deadline=time.monotonic() - 1)


def test_a_cancel_stops_before_the_next_passage():
    with pytest.raises(GeoparseCancelled, match="after 1 of 3 passages") as err:
        mapapp.geoparse(TEXT, "de", cancel=CancelledAfter(1))
    assert isinstance(err.value, UserError)


def test_limits_not_reached_change_nothing():
    plain = mapapp.geoparse(TEXT, "de")
    limited = mapapp.geoparse(TEXT, "de", deadline=time.monotonic() + 600, cancel=threading.Event())
    assert [p.id for p in limited.places] == [p.id for p in plain.places] != []
