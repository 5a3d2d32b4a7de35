"""The texts the app shows and where their layers live: a file named on the command line, or
a reader's pasted or uploaded text. Free of Streamlit so it can be tested directly."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from mapapp.config import settings
from mapapp.io.paths import layers_root
from mapapp.io.textio import InputError, decode_bytes, read_text_file
from mapapp.render.html import normalize_newlines

#: Named in the message a reader gets when a text is too large: whoever runs the app can raise it.
MAX_UPLOAD_ENV = "MAPAPP_MAX_UPLOAD_MB"
UPLOAD_TYPES = ("txt", "md")


@dataclass(frozen=True)
class Source:
    """A text the app shows; ``warnings`` say how it was decoded when that was a guess."""

    name: str
    text: str
    layer_dir: Path
    path: Path | None = None
    warnings: tuple[str, ...] = ()


def text_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def file_source(path: Path) -> Source:
    """The file given on the command line, or InputError (missing, binary, undecodable) in one line."""
    path = Path(path)
    decoded = read_text_file(path)
    return Source(name=path.name, text=normalize_newlines(decoded.text),
                  layer_dir=layers_root() / path.stem, path=path, warnings=tuple(decoded.warnings))


def text_source(text: str, name: str = "") -> Source:
    """A pasted or uploaded text; its layers and corrections live under the text's hash."""
    text = normalize_newlines(text)
    return Source(name=name or "pasted text", text=text, layer_dir=layers_root() / text_id(text))


def max_upload_bytes() -> int:
    """The largest text the app accepts (``MAPAPP_MAX_UPLOAD_MB``, default 5 MB): a shared
    server must not spend minutes on one reader's file."""
    return int(settings().max_upload_mb * 1024 * 1024)


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 100 * 1024 else f"{n / 1024:.1f} KB"


def check_size(n_bytes: int, name: str, limit: int | None = None) -> None:
    """Raise InputError with a message for the reader when a text is over the limit."""
    limit = max_upload_bytes() if limit is None else limit
    if n_bytes > limit:
        raise InputError(f"{name} is {_size(n_bytes)}; this app takes texts of at most "
                         f"{_size(limit)}. Split it into parts, or ask whoever runs the app to "
                         f"raise {MAX_UPLOAD_ENV}.")


def decode_upload(data: bytes, name: str = "upload", limit: int | None = None) -> str:
    """Uploaded bytes as text, or InputError (too large, binary, undecodable) with a user message."""
    check_size(len(data), name, limit)
    text = decode_bytes(data, name).text
    if not text.strip():
        raise InputError(f"{name} contains no text")
    return text
