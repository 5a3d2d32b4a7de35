"""Is the index on disk byte for byte the one that was built?  A checksum stamp beside it says.

``PRAGMA quick_check`` reads the whole 117 MB file and takes about 3 s; a
damaged page can also go unnoticed by SQLite and give wrong answers in
silence.  So the build writes ``gazetteer.sqlite.check``: the file's CRC-32
and its ``stat`` (inode, size, mtime, ctime).  At open, an unchanged ``stat``
proves the file was not written since (any write moves its ctime), which costs
one ``stat``; a changed one (a copied or damaged index) is checked against the
CRC-32 once (~0.1 s) and, when it matches, the stamp is refreshed.
"""
from __future__ import annotations

import json
import zlib
from contextlib import suppress
from pathlib import Path

from mapapp.errors import OutputError
from mapapp.io.atomic import write_text_atomic

STAMP_SUFFIX = ".check"
_CHUNK = 1 << 22


def stamp_path(path: Path) -> Path:
    return path.with_name(path.name + STAMP_SUFFIX)


def stat_key(path: Path) -> list[int] | None:
    """What changes whenever the file is written or replaced (None when it is missing)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def checksum(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def write_stamp(path: Path, crc: int | None = None) -> None:
    """Record the file as it is now (its checksum computed unless given)."""
    crc = checksum(path) if crc is None else crc
    key = stat_key(path)
    write_text_atomic(stamp_path(path), json.dumps({"crc32": crc, "size": key[1], "stat": key}))


def is_intact(path: Path) -> bool:
    """True when the file is the one its stamp describes; no stamp counts as damaged."""
    try:
        stamp = json.loads(stamp_path(path).read_text(encoding="utf-8"))
        key = stat_key(path)
        if key is not None and stamp["stat"] == key:
            return True
        if key is None or stamp["size"] != key[1] or checksum(path) != stamp["crc32"]:
            return False
    except (OSError, ValueError, KeyError, TypeError):
        return False
    with suppress(OSError, OutputError):
        write_stamp(path, stamp["crc32"])  # so the next open takes the fast path; read-only is fine
    return True
