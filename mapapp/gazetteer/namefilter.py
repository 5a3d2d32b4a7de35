"""A Bloom filter over the index's name keys, built with the index and read once per process.

Recognition asks the gazetteer about every capitalised word sequence of a text, and most of
them (The, Monday, Smith's, "Chief Executive") name no place: 1 MB of news made some 16,000
queries that found nothing. The filter answers those in a couple of microseconds without
SQLite. It never says "no" to a key the index holds, so every look-up it lets through is
asked as before and results stay exactly the same; about one absent key in a hundred still
goes to SQLite.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Collection

#: Ten bits a key and seven probes: about 1 % of absent keys pass (the textbook optimum).
BITS_PER_KEY = 10
PROBES = 7
_LOW = (1 << 64) - 1


def _hashes(key: str) -> tuple[int, int]:
    """The first probe and the step between probes (double hashing over one stable 128-bit
    digest: Python's own ``hash`` of a str differs between processes)."""
    digest = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=16).digest(), "little")
    return digest & _LOW, (digest >> 64) | 1


@dataclass(frozen=True)
class NameFilter:
    """Which keys may be in the index (``key in f``): false positives possible, false negatives never."""

    bits: bytes
    probes: int = PROBES

    def __contains__(self, key: str) -> bool:
        bits, size = self.bits, len(self.bits) * 8
        first, step = _hashes(key)
        for i in range(self.probes):  # most absent keys fail at the first or second probe
            j = (first + i * step) % size
            if not bits[j >> 3] >> (j & 7) & 1:
                return False
        return True


def build_filter(keys: Collection[str], bits_per_key: int = BITS_PER_KEY, probes: int = PROBES) -> NameFilter:
    """A filter holding ``keys`` (at least one byte, so an empty index still has a filter)."""
    size = max(8, len(keys) * bits_per_key + 7) // 8 * 8
    bits = bytearray(size // 8)
    for key in keys:
        first, step = _hashes(key)
        for i in range(probes):
            j = (first + i * step) % size
            bits[j >> 3] |= 1 << (j & 7)
    return NameFilter(bytes(bits), probes)
