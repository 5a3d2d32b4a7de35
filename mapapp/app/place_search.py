"""Choosing the place a correction means: a gazetteer search (type-ahead over names in every
language, each hit told apart by category, region, country and population; the online
geocoder's hits joining in when its toggle is on) or a point the reader names.

What the reader focuses is previewed on the map: the choice is kept in the session
(``preview``) by the widgets' callbacks, which run before the script draws the map.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import streamlit as st
from shapely.geometry import Point

from mapapp.app.labels import md_text
from mapapp.corrections import PlaceRef
from mapapp.gazetteer.names import name_key
from mapapp.gazetteer.search import SearchHit, merge_online, online_hits, search
from mapapp.model import Mention, Place
from mapapp.render.html import pick_hint_html

PREVIEW = "fix_preview"
PREVIEW_ID = "mapapp-preview"
SEARCH, POINT = "search", "point"
HOW = {SEARCH: "From the gazetteer", POINT: "A point I name"}
POINT_LAYERS = {"sites": "a site", "cities": "a town or city"}
HITS = 10


@dataclass(frozen=True)
class Pick:
    """The place chosen, or a point to make one of when the step is applied (a dropped point
    gets a fresh id then, not on every redraw)."""

    ref: PlaceRef | None = None
    point: tuple[str, float, float, str] | None = None

    def resolve(self) -> PlaceRef | None:
        if self.point is not None:
            name, lat, lon, layer = self.point
            return PlaceRef.dropped(name, lat, lon, layer)
        return self.ref


def set_preview(ref: PlaceRef | None) -> None:
    st.session_state[PREVIEW] = ref


def preview_place(mentions: Sequence[Mention] = ()) -> Place | None:
    """The place the reader is looking at in a picker, as a place to ring on the map, sized as
    it would be with ``mentions`` (those of the place being corrected)."""
    ref = st.session_state.get(PREVIEW)
    if ref is None:
        return None
    return Place(PREVIEW_ID, ref.name, ref.layer, ref.category, ref.country_code, ref.source,
                 Point(ref.lon, ref.lat), ref.lat, ref.lon, list(mentions))


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _online(query: str, lang: str) -> list[SearchHit]:
    """The online geocoder's hits, asked once per query (it is slow and rate-limited)."""
    from mapapp.geocode.nominatim import OnlineGeocoder

    return online_hits(query, OnlineGeocoder(), lang=lang)


def hits_for(query: str, online: bool, lang: str, near: tuple[float, float] | None) -> list[SearchHit]:
    local = search(query, limit=HITS, near=near)
    if not online or len(name_key(query)) < 2:
        return local
    return merge_online(local, _online(query, lang), limit=HITS)


def _focus(key: str, refs: dict[str, PlaceRef]) -> Callable[[], None]:
    return lambda: set_preview(refs.get(st.session_state.get(key)))


def _search(prefix: str, online: bool, lang: str, near: tuple[float, float] | None) -> Pick:
    query = st.text_input("Search the gazetteer", key=f"{prefix}_query",
                          placeholder="a name in any language, e.g. Genf, Portland",
                          on_change=set_preview, args=(None,))
    hits = hits_for(query, online, lang, near)
    if not hits:
        if len(name_key(query)) >= 2:
            st.caption("No place of that name in the gazetteer"
                       + ("." if online else "; switching on online look-ups in the sidebar asks the geocoder too."))
        return Pick()
    refs = {h.id: PlaceRef.of(h.candidate()) for h in hits}
    labels = {h.id: h.label for h in hits}
    key = f"{prefix}_hit_{name_key(query)}"
    pick = st.radio("Places found (choosing one shows it on the map)", list(refs), index=None, key=key,
                    format_func=lambda i: md_text(labels[i]), on_change=_focus(key, refs))
    return Pick(ref=refs.get(pick))


def _point_preview(prefix: str) -> None:
    ss = st.session_state
    set_preview(PlaceRef("preview", ss.get(f"{prefix}_pname") or "the point", ss.get(f"{prefix}_players", "sites"),
                         "user", "", float(ss[f"{prefix}_lat"]), float(ss[f"{prefix}_lon"]), "user"))


def _take_map_point(prefix: str) -> None:
    """A click on the map (app/bridge sends it while this form shows its hint) fills the
    coordinates and shows the point, before the inputs are drawn; meanwhile a click on a map
    feature places the point instead of choosing that place (the bridge sends no feature click)."""
    ss = st.session_state
    point = ss.pop("map_point", None)
    ss.setdefault(f"{prefix}_lat", 0.0)
    ss.setdefault(f"{prefix}_lon", 0.0)
    if point is not None:
        ss[f"{prefix}_lat"], ss[f"{prefix}_lon"] = round(point[0], 4), round(point[1], 4)
        _point_preview(prefix)


def _point(prefix: str, words: str) -> Pick:
    name = st.text_input("Name", value=words, key=f"{prefix}_pname")
    _take_map_point(prefix)
    st.html(pick_hint_html("point"))
    cols = st.columns(2)
    lat = cols[0].number_input("Latitude", -90.0, 90.0, step=0.01, format="%.4f", key=f"{prefix}_lat",
                               on_change=_point_preview, args=(prefix,))
    lon = cols[1].number_input("Longitude", -180.0, 180.0, step=0.01, format="%.4f", key=f"{prefix}_lon",
                               on_change=_point_preview, args=(prefix,))
    layer = st.radio("It is", list(POINT_LAYERS), format_func=POINT_LAYERS.__getitem__, horizontal=True,
                     key=f"{prefix}_players")
    if not name.strip():
        return Pick()
    return Pick(point=(" ".join(name.split()), lat, lon, layer))


def pick_place(prefix: str, words: str, online: bool, lang: str,
               near: tuple[float, float] | None = None) -> Pick:
    """The search (or the point form) under keys starting with ``prefix``."""
    how = st.radio("The place", list(HOW), format_func=HOW.__getitem__, horizontal=True,
                   key=f"{prefix}_how", on_change=set_preview, args=(None,))
    if how == POINT:
        return _point(prefix, words)
    return _search(prefix, online, lang, near)
