"""Which documents an INPUT names: files, folders, globs and JSON Lines, one document at a time.

Inputs are streamed, so a corpus of any size never has to fit in memory. A document that
cannot be sent as it is (a broken JSON line, text that is not valid Unicode, a text over the
size cap) becomes a ref that carries its error, so it is recorded as failed like any other,
with its input file and line, and never takes another document with it.
"""
from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mapapp.errors import CorpusInputError

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: The largest document geoparsed, in characters (the app's 5 MB upload limit, in characters).
DEFAULT_MAX_CHARS = 5_000_000
#: The fields of a JSON Lines record that mapapp reads.
RECORD_FIELDS = ("id", "text", "title", "date", "url", "lang")


@dataclass(frozen=True)
class DocRef:
    """One document to geoparse: a text file to read (``path``) or a JSON Lines record (``text``).

    Refs are what travels to the workers, so a file's text is read where it is parsed.
    ``line`` is the record's line in its JSON Lines file (None for a text file).
    """

    doc_id: str
    source: str
    path: str | None = None
    text: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    lang: str | None = None
    error: str | None = None
    line: int | None = None


def expand_inputs(inputs: Iterable[str]) -> list[Path]:
    """Files, folders (searched recursively) and globs, each file once, in a stable order."""
    found: dict[Path, None] = {}
    wanted = TEXT_SUFFIXES + JSONL_SUFFIXES
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in wanted)
        elif path.is_file():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            matches = [p for p in matches if p.suffix.lower() in wanted]
            if not matches:
                raise CorpusInputError(f"{item}: no such file, folder or matching .txt/.md/.jsonl files")
        for match in matches:
            if match.suffix.lower() not in wanted:
                raise CorpusInputError(f"{match}: not a .txt, .md or .jsonl file")
            found.setdefault(match, None)
    return list(found)


def display_path(path: Path | str) -> str:
    """A file name as valid Unicode: bytes that are not UTF-8 shown as ``\\xff`` escapes, since
    names end up in parquet strings, which cannot hold the surrogates Python decodes them to."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def unicode_problem(value: str) -> str | None:
    """Why a string cannot be stored (a lone surrogate from a ``\\ud800`` escape), or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"a lone surrogate \\u{ord(value[exc.start]):04x} at character {exc.start}"
    return None


def _opt_str(record: dict, key: str) -> str | None:
    value = record.get(key)
    return None if value is None else str(value)


def _record_ref(record: dict, source: str, lineno: int, max_chars: int) -> DocRef:
    fallback_id = f"{source}:{lineno}"
    fields = {key: _opt_str(record, key) for key in RECORD_FIELDS}
    bad = {key: why for key, value in fields.items() if value is not None
           and (why := unicode_problem(value))}
    doc_id = (fields["id"] if "id" not in bad else None) or fallback_id
    if bad:
        key, why = next(iter(bad.items()))
        return DocRef(doc_id, source, line=lineno,
                      error=f"line {lineno}: field {key!r} is not valid Unicode ({why})")
    text = record["text"]
    if len(text) > max_chars:
        return DocRef(doc_id, source, line=lineno, title=fields["title"], date=fields["date"],
                      url=fields["url"], error=f"line {lineno}: {len(text):,} characters is over the "
                                               f"--max-chars limit of {max_chars:,}")
    return DocRef(doc_id=doc_id, source=source, text=text, title=fields["title"],
                  date=fields["date"], url=fields["url"], lang=fields["lang"], line=lineno)


def _jsonl_refs(path: Path, max_chars: int) -> Iterator[DocRef]:
    source = display_path(path)
    with path.open("r", encoding="utf-8-sig", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield DocRef(f"{source}:{lineno}", source, line=lineno,
                             error=f"line {lineno}: not JSON ({exc.msg})")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield DocRef(f"{source}:{lineno}", source, line=lineno,
                             error=f"line {lineno}: no text field")
                continue
            yield _record_ref(record, source, lineno, max_chars)


def iter_refs(paths: Iterable[Path], max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[DocRef]:
    """Every document of the expanded inputs, one at a time; JSON texts over ``max_chars``
    characters are refused here, so they never travel to a worker."""
    for path in paths:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _jsonl_refs(path, max_chars)
        else:
            name = display_path(path)
            yield DocRef(doc_id=name, source=name, path=str(path.resolve()), title=display_path(path.name))


def parse_date(value: str | None) -> tuple[date | None, str | None]:
    """An ISO date (a time after it is ignored), or None with a note saying why."""
    if not value:
        return None, None
    try:
        return date.fromisoformat(value.strip()[:10]), None
    except ValueError:
        return None, f"date {value!r} is not an ISO date (YYYY-MM-DD); left empty"
