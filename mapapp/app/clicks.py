"""The page's events (a click on a mention or a map feature, Esc, a ¶, …) as what the reader
chose. Free of Streamlit so it can be tested directly."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ReaderEvents:
    """What the page reported since the last run: a place chosen (a click or Enter/Space on its
    mention or its map feature), a request to clear the selection (Esc or a click on the empty
    map), the window's size (0 while unknown), a passage's ¶ chosen (its 0-based index), and,
    only while a correction form asks for them, a point clicked on the map and words selected
    in the text."""

    place: str | None = None
    clear: bool = False
    width: int = 0
    height: int = 0
    point: tuple[float, float] | None = None
    words: str | None = None
    passage: int | None = None


#: The longest selection taken as a place's words (a stray drag over a paragraph is not a name).
MAX_WORDS = 80
Seen = tuple[Any, Any, Any, Any, Any]


def _new(entry: Any, old: Any) -> dict[str, Any] | None:
    """An event of the bridge's value that this run has not seen (each carries a unique ``n``)."""
    if isinstance(entry, dict) and entry.get("n") and entry.get("n") != old:
        return entry
    return None


def _point(entry: dict[str, Any] | None) -> tuple[float, float] | None:
    try:
        lat, lon = float(entry["lat"]), float(entry["lng"])
    except (TypeError, KeyError, ValueError):
        return None
    if not (-90 <= lat <= 90):
        return None
    return lat, (lon + 180) % 360 - 180


def _words(entry: dict[str, Any] | None) -> str | None:
    text = " ".join(str(entry.get("text") or "").split()) if entry else ""
    return text if 0 < len(text) <= MAX_WORDS else None


def _passage(entry: dict[str, Any] | None) -> int | None:
    index = entry.get("index") if entry else None
    return index if isinstance(index, int) and not isinstance(index, bool) and index >= 0 else None


def reader_events(value: dict[str, Any] | None, seen: Seen | None) -> tuple[ReaderEvents, Seen]:
    """The new events in the page bridge's value, and the markers to remember.

    The bridge's value keeps its last click, Esc, map point, selection and ¶ with a unique
    marker each, so a rerun for another reason does not replay them while a second click on
    the same mention still counts.
    """
    old = tuple(seen or ()) + (None,) * (5 - len(seen or ()))
    if not value:
        return ReaderEvents(), old
    click, point, words, passage = (_new(value.get(k), o) for k, o in zip(
        ("click", "point", "words", "passage"), (old[0], old[2], old[3], old[4])))
    clear_mark = value.get("clear") or None
    clear = bool(clear_mark) and clear_mark != old[1]
    place = click.get("place") if click else None
    marks = tuple((value.get(k) or {}).get("n") if isinstance(value.get(k), dict) else None
                  for k in ("click", "point", "words", "passage"))
    return (ReaderEvents(str(place) if place else None, clear, int(value.get("w") or 0),
                         int(value.get("h") or 0), _point(point), _words(words), _passage(passage)),
            (marks[0], clear_mark, marks[1], marks[2], marks[3]))
