"""Results kept between exports for the same objects (the app exports one view in three formats,
and every pan of the map exports the same places again).

Keyed by the identity of the objects a result was computed from (a place's geometry is never
changed in place) plus hashable extras such as the view; the objects are kept alive with the
result, so an id is never reused for another object while its entry exists.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable, Sequence, TypeVar

T = TypeVar("T")


class IdentityCache:
    """A small LRU cache of results computed from ``objects`` (by identity) and ``extra``."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: OrderedDict[tuple, tuple[tuple[Any, ...], Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, objects: Sequence[Any], extra: Hashable, compute: Callable[[], T]) -> T:
        held = tuple(objects)
        key = (tuple(id(o) for o in held), extra)
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and all(a is b for a, b in zip(hit[0], held)):
                self._data.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._data[key] = (held, value)
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)
        return value
