"""A click on the map, or an event of the page, as what the reader chose. Free of Streamlit so
it can be tested directly."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def clicked_place(event: dict[str, Any] | None, seen_count: int | None) -> tuple[str | None, int | None]:
    """The place id of a new click in a streamlit-folium value, and the click count to remember.

    streamlit-folium returns the clicked GeoJSON feature as ``last_active_drawing``
    and counts object clicks, so a repeated click on the same place still counts
    while a rerun without a click does not.
    """
    if not event:
        return None, seen_count
    count = event.get("last_object_clicked_count")
    if count is None or count == seen_count:
        return None, seen_count
    feature = event.get("last_active_drawing") or {}
    props = feature.get("properties") or {}
    pid = props.get("id") or feature.get("id")
    return (str(pid) if pid else None), count


@dataclass(frozen=True)
class ReaderEvents:
    """What the page reported since the last run: a mention chosen, a request to clear the
    selection (Esc), and the window's size (0 while unknown)."""

    place: str | None = None
    clear: bool = False
    width: int = 0
    height: int = 0


def reader_events(value: dict[str, Any] | None, seen: tuple[Any, Any] | None) -> tuple[ReaderEvents, tuple[Any, Any]]:
    """The new events in the page bridge's value, and the (click, clear) markers to remember.

    The bridge's value keeps its last click and Esc with a unique marker each, so a
    rerun for another reason does not replay them while a second click on the same
    mention still counts.
    """
    if not value:
        return ReaderEvents(), seen or (None, None)
    click = value.get("click") or {}
    click_mark, clear_mark = click.get("n"), value.get("clear") or None
    old_click, old_clear = seen or (None, None)
    place = click.get("place") if click_mark and click_mark != old_click else None
    clear = bool(clear_mark) and clear_mark != old_clear
    return (ReaderEvents(str(place) if place else None, clear,
                         int(value.get("w") or 0), int(value.get("h") or 0)),
            (click_mark, clear_mark))
