"""One driver per output folder: a second run into the same ``--out`` is refused, not merged.

Two drivers writing the same partitions would each think the other's documents were theirs
and lose some. The lock is an ``flock`` on ``OUT/.lock``, released by the kernel however the
holder ends (even ``kill -9``), so a crashed run never leaves the folder locked.
"""
from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mapapp.errors import OutputError

LOCK_FILE = ".lock"


def _refusal(out: Path) -> OutputError:
    return OutputError(f"{out} is in use by another corpus run; wait for it to finish "
                       "or choose another --out")


@contextmanager
def out_lock(out: Path) -> Iterator[None]:
    """Hold the folder's lock for the body; OutputError at once when another run holds it."""
    with open(Path(out) / LOCK_FILE, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _refusal(out) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def check_unlocked(out: Path) -> None:
    """Refuse early (before starting a cluster) when a run holds the folder; the run itself
    takes the lock for good with :func:`out_lock`."""
    if (Path(out) / LOCK_FILE).exists():
        with out_lock(out):
            pass
