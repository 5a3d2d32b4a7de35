"""A click on the map as a place id. Free of Streamlit so it can be tested directly."""
from __future__ import annotations

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
