"""Readers' pasted and uploaded texts kept under their hash in the user data folder, so a link
with ``?text=<hash>`` re-opens the text on a later visit or in another browser."""
from __future__ import annotations

import json
from pathlib import Path

from mapapp.app.sources import text_id
from mapapp.app.urlstate import is_text_id
from mapapp.io.atomic import write_text_atomic
from mapapp.io.paths import data_dir
from mapapp.render.html import normalize_newlines


def _file(text_hash: str) -> Path:
    return data_dir() / "texts" / f"{text_hash}.json"


def keep(text: str, name: str = "") -> str:
    """Save ``text`` (and the name it was uploaded under) once; returns its hash."""
    text = normalize_newlines(text)
    key = text_id(text)
    path = _file(key)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, json.dumps({"name": name, "text": text}, ensure_ascii=False))
    return key


def find(text_hash: str) -> tuple[str, str] | None:
    """(text, name) kept under ``text_hash``, or None when it is unknown, unreadable or not
    the text the hash names (a file edited or damaged since)."""
    if not is_text_id(text_hash):
        return None
    try:
        kept = json.loads(_file(text_hash).read_text(encoding="utf-8"))
        text, name = str(kept["text"]), str(kept.get("name") or "")
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return (text, name) if text_id(text) == text_hash else None
