"""Reading user files: refuse what is not text, decode what is, say what happened."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mapapp.errors import InputError
from mapapp.io.filekinds import kind_of

__all__ = ["InputError", "DecodedText", "decode_bytes", "read_bytes_file", "read_text_file"]

MAX_BYTES_DEFAULT = 50 * 1024 * 1024


@dataclass
class DecodedText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(b < 9 or 13 < b < 32 for b in head)
    return controls / len(head) > 0.05


def decode_bytes(data: bytes, name: str = "input") -> DecodedText:
    """UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252 (what German and English
    text that is not UTF-8 almost always is), or else a detected encoding — with a warning."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return DecodedText(data.decode("utf-16"), "utf-16", [f"{name}: decoded as UTF-16"])
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: broken UTF-16 text") from exc
    if looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return DecodedText(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if not any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text[:10000]):
            return DecodedText(text, "cp1252", [f"{name}: not UTF-8; decoded as Windows-1252"])
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: not UTF-8 and no text encoding could be detected")
    enc = best.encoding
    return DecodedText(str(best), enc, [f"{name}: not UTF-8; decoded as {enc}"])


def read_bytes_file(path: str | Path, max_bytes: int = MAX_BYTES_DEFAULT) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, or InputError.

    A FIFO or device would block or never end: the path is checked before it
    is opened, opened without blocking, and checked again on the open file (it
    may have been swapped meanwhile). Reading stops just past the limit, so a
    file that grows while being read cannot exhaust memory.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from exc
    _check_regular(path, info.st_mode)
    if info.st_size > max_bytes:
        raise InputError(f"{path}: {info.st_size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from exc
    with os.fdopen(fd, "rb") as fh:
        _check_regular(path, os.fstat(fh.fileno()).st_mode)
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror})") from exc
    if len(data) > max_bytes:
        raise InputError(f"{path}: over the {max_bytes / 1e6:.0f} MB limit")
    return data


def _check_regular(path: Path, mode: int) -> None:
    kind = kind_of(mode)
    if kind:
        raise InputError(f"{path}: is {kind}, not a text file")


def read_text_file(path: str | Path, max_bytes: int = MAX_BYTES_DEFAULT) -> DecodedText:
    """A text file decoded (see ``decode_bytes``), or InputError."""
    return decode_bytes(read_bytes_file(path, max_bytes), str(path))
