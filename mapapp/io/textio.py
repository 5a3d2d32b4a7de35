"""Reading user files: refuse what is not text, decode what is, say what happened."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mapapp.errors import InputError

__all__ = ["InputError", "DecodedText", "decode_bytes", "read_text_file"]

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


def read_text_file(path: str | Path, max_bytes: int = MAX_BYTES_DEFAULT) -> DecodedText:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a text file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from exc
    return decode_bytes(data, str(path))
