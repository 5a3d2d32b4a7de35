"""Readers' corrections on disk, one folder per text hash in the user data folder.

``<root>/<hash>/published.json`` holds what every reader of the text sees;
``<root>/<hash>/sets/<set_id>.json`` a reader's own correction set, under an
unguessable id (the link the reader keeps). A file keeps every correction in the
order made, so undoing an action brings back what it had replaced; the one in
force per span is the last (and a reader's set wins over published). Writes are
atomic and merged under a lock (threads and processes), so two readers saving at
once both keep theirs; a file that cannot be read is kept aside, never overwritten.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from mapapp.corrections.apply import latest
from mapapp.corrections.model import Correction, is_text_hash, new_id, parse_corrections
from mapapp.corrections.rights import require_editor
from mapapp.errors import CorrectionsFileError
from mapapp.io.atomic import write_text_atomic
from mapapp.io.paths import corrections_root

FORMAT = "mapapp-corrections"
VERSION = 1
PUBLISHED = "published.json"
_SET_ID = re.compile(r"[A-Za-z0-9_-]{22}")
_THREAD_LOCK = threading.Lock()


class Unreadable(ValueError):
    """A stored corrections file that cannot be read as a whole."""


@dataclass(frozen=True)
class Saved:
    """The corrections of the file changed, and a one-line notice (a damaged file kept aside)."""

    corrections: list[Correction]
    notice: str | None = None


@dataclass(frozen=True)
class Imported:
    """What an import did: corrections added, refused (made for another text) and malformed."""

    added: int
    refused: int
    malformed: int = 0
    notice: str | None = None


def new_set_id() -> str:
    """A reader's correction set id: 22 URL-safe characters, 128 random bits."""
    return secrets.token_urlsafe(16)


def is_set_id(value: Any) -> bool:
    return isinstance(value, str) and _SET_ID.fullmatch(value) is not None


def dump(corrections: Iterable[Correction], text_hash: str | None = None) -> bytes:
    """A corrections file: a format version and, when all are of one text, its hash."""
    items = list(corrections)
    hashes = {c.text_hash for c in items}
    one = text_hash or (hashes.pop() if len(hashes) == 1 else None)
    data = {"format": FORMAT, "version": VERSION, "text_hash": one,
            "corrections": [c.to_dict() for c in items]}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def load(data: bytes) -> tuple[list[Correction], int]:
    """The corrections of a corrections file (of any number of texts) and how many items
    were malformed; CorrectionsFileError when it is not one."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise CorrectionsFileError(f"not a corrections file ({exc})") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise CorrectionsFileError("not a corrections file (no \"format\": \"mapapp-corrections\")")
    if raw.get("version") != VERSION:
        raise CorrectionsFileError(f"corrections file version {raw.get('version')!r}; "
                                   f"this mapapp reads version {VERSION}")
    return parse_corrections(raw.get("corrections"))


def read_file(path: Path) -> list[Correction]:
    """The corrections of a file given on the command line (``--corrections``)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CorrectionsFileError(f"{path}: {exc.strerror or exc}") from None
    try:
        return load(data)[0]
    except CorrectionsFileError as exc:
        raise CorrectionsFileError(f"{path}: {exc}") from None


class CorrectionStore:
    """The corrections of every text, under ``root`` (default: the user data folder's
    ``corrections/``). ``set_id=None`` means the published corrections, which only an
    editor may change (``token``, see :mod:`mapapp.corrections.rights`)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else corrections_root()

    # ------------------------------------------------------------- paths
    def _dir(self, text_hash: str) -> Path:
        if not is_text_hash(text_hash):
            raise ValueError("not a text hash")
        return self.root / text_hash

    def _file(self, text_hash: str, set_id: str | None) -> Path:
        if set_id is None:
            return self._dir(text_hash) / PUBLISHED
        if not is_set_id(set_id):
            raise ValueError("not a correction set id")
        return self._dir(text_hash) / "sets" / f"{set_id}.json"

    @contextmanager
    def _locked(self, text_hash: str) -> Iterator[None]:
        """One writer at a time per text, across this process's threads and other processes."""
        folder = self._dir(text_hash)
        folder.mkdir(parents=True, exist_ok=True)
        with _THREAD_LOCK, open(folder / ".lock", "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # ----------------------------------------------------- reading/writing
    def _raw(self, path: Path, text_hash: str) -> dict[str, Any]:
        """The parsed file ({} when missing); Unreadable when any part of it is not right."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise Unreadable(str(exc)) from None
        if not isinstance(raw, dict) or raw.get("text_hash") != text_hash:
            raise Unreadable("not this text's corrections file")
        items, bad = parse_corrections(raw.get("corrections"))
        if bad or not isinstance(raw.get("corrections"), list) or any(c.text_hash != text_hash for c in items):
            raise Unreadable("malformed corrections")
        return {**raw, "corrections": items}

    def _read(self, text_hash: str, set_id: str | None) -> list[Correction]:
        try:
            return self._raw(self._file(text_hash, set_id), text_hash).get("corrections", [])
        except Unreadable:
            return []

    def _read_for_write(self, text_hash: str, set_id: str | None) -> tuple[dict[str, Any], str | None]:
        """The file's content under the lock; a damaged file is moved aside (the notice says where)."""
        path = self._file(text_hash, set_id)
        try:
            return self._raw(path, text_hash), None
        except Unreadable:
            kept = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}-{new_id()[:6]}")
            os.replace(path, kept)
            return {}, f"{path.name} could not be read; it was kept as {kept.name}"

    def _write(self, text_hash: str, set_id: str | None, raw: dict[str, Any],
               corrections: list[Correction]) -> None:
        path = self._file(text_hash, set_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {**raw, "format": FORMAT, "version": VERSION, "text_hash": text_hash,
                "corrections": [c.to_dict() for c in corrections]}
        write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))

    def _change(self, text_hash: str, set_id: str | None, token: str | None,
                edit: Callable[[list[Correction]], list[Correction]]) -> Saved:
        if set_id is None:
            require_editor(token)
        with self._locked(text_hash):
            raw, notice = self._read_for_write(text_hash, set_id)
            changed = edit(list(raw.get("corrections", [])))
            self._write(text_hash, set_id, raw, changed)
        return Saved(changed, notice)

    # ------------------------------------------------------------ queries
    def corrections(self, text_hash: str, set_id: str | None = None) -> list[Correction]:
        """Every correction of the published file (or of a set), in the order made."""
        return self._read(text_hash, set_id)

    def effective(self, text_hash: str, set_id: str | None = None) -> list[Correction]:
        """The corrections in force for a reader: published, with the reader's set on top
        (the last one per span wins, a reader's own over published)."""
        published = self._read(text_hash, None)
        mine = self._read(text_hash, set_id) if set_id is not None else []
        return latest([*published, *mine])

    def problem(self, text_hash: str, set_id: str | None = None) -> str | None:
        """One line when a stored file cannot be read (it is kept aside on the next save)."""
        for sid in (None, set_id) if set_id is not None else (None,):
            path = self._file(text_hash, sid)
            try:
                self._raw(path, text_hash)
            except Unreadable:
                return f"{path.name} of this text could not be read; it is kept aside on the next save"
        return None

    def version(self, text_hash: str) -> str:
        """Changes whenever the published corrections change (each write is a new file), so a
        page can poll it cheaply and redraw without a reload."""
        try:
            st = self._file(text_hash, None).stat()
        except FileNotFoundError:
            return "none"
        return f"{st.st_ino:x}-{st.st_mtime_ns:x}-{st.st_size:x}"

    # ----------------------------------------------------------- changes
    def add(self, text_hash: str, corrections: Iterable[Correction], set_id: str | None = None,
            token: str | None = None) -> Saved:
        """Add one step's corrections (see ``model.make_corrections``) to what is on disk now."""
        new = list(corrections)
        if any(c.text_hash != text_hash for c in new):
            raise ValueError("a correction of another text")
        return self._change(text_hash, set_id, token, lambda old: [*old, *new])

    def undo(self, text_hash: str, action: str, set_id: str | None = None,
             token: str | None = None) -> Saved:
        """Remove every correction of one action (what it had replaced is in force again)."""
        return self._change(text_hash, set_id, token,
                            lambda old: [c for c in old if c.action != action])

    def clear(self, text_hash: str, set_id: str | None = None, token: str | None = None) -> Saved:
        return self._change(text_hash, set_id, token, lambda old: [])

    def publish(self, text_hash: str, set_id: str, token: str | None = None) -> Saved:
        """Merge a reader's set into the published corrections and empty the set (editor only)."""
        require_editor(token)
        if not is_set_id(set_id):
            raise ValueError("not a correction set id")
        with self._locked(text_hash):
            mine, notice = self._read_for_write(text_hash, set_id)
            raw, notice2 = self._read_for_write(text_hash, None)
            merged = [*raw.get("corrections", []), *mine.get("corrections", [])]
            self._write(text_hash, None, raw, merged)
            self._write(text_hash, set_id, mine, [])
        return Saved(merged, notice or notice2)

    def mark(self, text_hash: str, key: str, corrections: Iterable[Correction]) -> bool:
        """Add ``corrections`` to published once, recording ``key`` in the file (used to adopt
        an older mapapp's corrections exactly once); False when ``key`` was already recorded."""
        with self._locked(text_hash):
            raw, _ = self._read_for_write(text_hash, None)
            if key in raw.get("adopted", []):
                return False
            raw = {**raw, "adopted": [*raw.get("adopted", []), key]}
            self._write(text_hash, None, raw, [*raw.get("corrections", []), *corrections])
        return True

    # ------------------------------------------------------ import/export
    def export_bytes(self, text_hash: str, set_id: str | None = None) -> bytes:
        """The corrections in force for this reader, as a corrections file."""
        return dump(self.effective(text_hash, set_id), text_hash)

    def import_bytes(self, text_hash: str, data: bytes, set_id: str | None = None,
                     token: str | None = None) -> Imported:
        """Add a corrections file's corrections of this text as one action (undone at once);
        those of other texts are refused and counted, those already here skipped."""
        items, bad = load(data)
        mine = [c for c in items if c.text_hash == text_hash]
        action = new_id()
        present: set[str] = set()

        def edit(old: list[Correction]) -> list[Correction]:
            present.update(c.id for c in old)
            fresh = [Correction(c.id, action, c.text_hash, c.start, c.end, c.surface, c.choice,
                                c.original, c.made_at) for c in mine if c.id not in present]
            return [*old, *fresh]

        saved = self._change(text_hash, set_id, token, edit)
        added = sum(1 for c in mine if c.id not in present)
        return Imported(added, len(items) - len(mine), bad, saved.notice)
