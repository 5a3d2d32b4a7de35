"""Writes that never leave a half-written file, and never write where they must not.

The new content goes to a temporary file beside the target, is written in
full, and only then renamed over it: a full disk or a crash leaves the old file
whole. Only regular files are written: a device node, FIFO, socket or folder at
the target is refused, never replaced, and a symlink is written through to its
target (the link stays a link). Every failure is an ``OutputError`` of one line,
and no temporary file is left behind.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from mapapp.errors import OutputError
from mapapp.io.filekinds import kind_of

_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


@dataclass(frozen=True)
class Staged:
    """Content written in full to ``tmp``, ready to replace ``target`` (``shown`` is the path as given)."""

    tmp: Path
    target: Path
    shown: Path


def _refused(path: Path, why: str) -> OutputError:
    return OutputError(f"cannot write {path}: {why}")


def _failed(path: Path, exc: OSError) -> OutputError:
    if exc.errno in _DISK_FULL:
        return _refused(path, "the disk is full; nothing was changed")
    return _refused(path, exc.strerror or str(exc))


def check_folder(folder: Path, shown: Path | None = None) -> None:
    """Refuse a folder that is not one, or cannot be written: its nearest existing part is checked,
    since the missing ones are created."""
    folder = Path(folder)
    shown = folder if shown is None else shown
    existing = folder
    while not os.path.exists(existing) and existing != existing.parent:
        existing = existing.parent
    try:
        mode = os.stat(existing).st_mode
    except OSError as exc:
        raise _failed(shown, exc) from exc
    if not stat.S_ISDIR(mode):
        raise _refused(shown, f"{existing} is {kind_of(mode) or 'a file'}, not a directory")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise _refused(shown, f"the directory {existing} is not writable")


def output_file(path: Path) -> Path:
    """The regular file a write to ``path`` replaces (symlinks followed), or OutputError.

    Call it before long work too, so a bad ``-o`` is refused at once.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    try:
        mode: int | None = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _failed(path, exc) from exc
    if mode is not None:
        kind = kind_of(mode)
        if kind:
            raise _refused(path, f"it links to {target}, {kind}" if path.is_symlink()
                           else f"it is {kind}, not a regular file")
        if not os.access(target, os.W_OK):
            raise _refused(path, "it is read-only")
    check_folder(target.parent, path)
    return target


def output_dir(path: Path) -> Path:
    """A folder files may be written into (created when missing), or OutputError."""
    path = Path(path)
    check_folder(path)
    return path


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def stage(path: Path, data: bytes) -> Staged:
    """``data`` written and synced to a temporary file beside ``path``'s target; nothing left on failure."""
    path = Path(path)
    target = output_file(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(os.stat(target).st_mode) if target.exists() else 0o644
    except OSError as exc:
        raise _failed(path, exc) from exc
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        if exc.errno in _DISK_FULL:
            raise _failed(path, exc) from exc
        raise _refused(path, f"no file can be created in {target.parent} ({exc.strerror})") from exc
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, mode)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _failed(path, exc) from exc
        raise
    return Staged(Path(tmp), target, path)


def commit(staged: Staged) -> None:
    """Rename the staged file over its target."""
    try:
        os.replace(staged.tmp, staged.target)
    except OSError as exc:
        raise _failed(staged.shown, exc) from exc


def discard(staged: Staged) -> None:
    """Remove a staged file that was not committed (a no-op once it was)."""
    with suppress(FileNotFoundError):
        os.unlink(staged.tmp)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    staged = stage(path, data)
    try:
        commit(staged)
    except BaseException:
        discard(staged)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
