"""The Streamlit pieces both pages share: the map and its clicks, the side panel, layer toggles,
the list of places, and the address that re-opens a view.

A page gives places (and how to size them), draws its own side panel, and gets
the same map, selection, framing and layout as the other page.
"""
from __future__ import annotations

from typing import Callable, Mapping, Sequence

import streamlit as st
from mapapp.app import bridge
from mapapp.app.mapframe import map_frame
from mapapp.app.labels import empty_layers_note, layer_counts, layer_label, md_text, plural, sorted_places
from mapapp.app.urlstate import UrlState, from_params, to_params
from mapapp.layers import LAYERS
from mapapp.model import Place
from mapapp.render.html import app_style
from mapapp.render.webmap import mapview
from mapapp.render.webmap.tiles import TileChoice, available_tiles

#: The map component's key, which keeps it mounted across runs (its value is never read).
MAP_KEY = "map"
#: Below this window width the map and the panel are stacked (app_style.html.j2 says the same).
STACK_WIDTH = 1000
#: What the page above and below the map takes (header, caption, margins) in pixels.
MAP_CHROME = 140
SIDEBAR_WIDTH = 336
#: The window Python frames the opening view for before it knows the reader's (the browser then
#: refits at the map's real size, see map.js), so the first script run is already the final one.
ASSUMED_VIEWPORT = (1400, 900)
#: The map's share of the width beside the panel.
MAP_SHARE = 0.6
MAX_LISTED_PLACES = 40
SORTS = ("Most named", "A–Z")
OFFLINE_BACKGROUND = "Natural Earth (offline)"
#: Session keys of the place list's expander (open or not) and its pills.
PLACE_LIST_OPEN = "all_places_open"
PLACE_LIST = "place_list"
#: The query parameters this session last sent to the page (see ``write_url``).
URL_SENT = "url_sent"


def page_style() -> None:
    """The style sheet for the classes of mapapp.render.html (sent once per run, takes no space)."""
    st.html(app_style())


def url_on_load() -> UrlState:
    """The view the address asked for when this session started (read once per session)."""
    if "url_state" not in st.session_state:
        state = from_params(st.query_params.to_dict(), LAYERS)
        st.session_state.url_state = state
        st.session_state.url_pending = state
        if state.layers is not None:
            for layer in LAYERS:
                st.session_state[f"layer_{layer}"] = layer in state.layers
    return st.session_state.url_state


def write_url(state: UrlState) -> None:
    """Keep the address in step with the view, so it can be copied and shared (no rerun).

    Streamlit records new query parameters before it sends them, and a run stopped for a rerun
    at that moment never sends them: so what this session last sent is remembered too, and
    sent again until a run got to the line after."""
    params = to_params(state, LAYERS)
    if st.query_params.to_dict() != params or st.session_state.get(URL_SENT) != params:
        st.query_params.from_dict(params)
        st.session_state[URL_SENT] = params


def reset_on_new_doc(key: str, passages: int | None = None) -> None:
    """Forget the chosen place, passage and corrections when another text or corpus is shown;
    the first text of a session takes the place or passage its address names."""
    if st.session_state.get("doc_key") != key:
        st.session_state.doc_key = key
        st.session_state.place = None
        st.session_state.passage = None
        st.session_state.corrections = None
        pending = st.session_state.pop("url_pending", None)
        if pending is not None:
            st.session_state.place = pending.place
            if pending.passage is not None and passages is not None and pending.passage < passages:
                st.session_state.passage = pending.passage


def select_place(pid: str | None) -> None:
    st.session_state.place = pid
    if pid is not None:
        st.session_state.passage = None


def clear_selection() -> None:
    st.session_state.place = None
    st.session_state.passage = None


def follow_click(known: Callable[[str], bool], passages: int = 0) -> str | None:
    """A new click on a map feature or on a mention chooses its place (both come through the
    page bridge), one on a passage's ¶ (of the ``passages`` the text has) that passage, Esc or a
    click on the empty map lets go of the selection, and a chosen place no longer on the map is
    let go.

    Returns the chosen place id.
    """
    events = bridge.events()
    if events.clear:
        clear_selection()
    if events.place and known(events.place):
        select_place(events.place)
    if events.passage is not None and events.passage < passages:
        st.session_state.passage = events.passage
        st.session_state.place = None
    if st.session_state.place and not known(st.session_state.place):
        st.session_state.place = None
    return st.session_state.place


def map_size(viewport_w: int, viewport_h: int) -> tuple[int, int]:
    """The map's width and height in a window of this size: beside the panel, the window's height
    less the page's header and caption; stacked on a narrow window, the full width and about
    60 % of the height. app_style sizes the map by the same rule in CSS, so the page never waits
    for a measurement; this is the estimate Python frames with."""
    if viewport_w < STACK_WIDTH:
        return max(300, viewport_w - 48), max(300, int(viewport_h * 0.6))
    return max(300, int((viewport_w - SIDEBAR_WIDTH - 80) * MAP_SHARE)), max(420, viewport_h - MAP_CHROME)


def _viewport() -> tuple[int, int]:
    """The reader's window once the bridge has reported it, else a 1400×900 one."""
    return (st.session_state.get("viewport_w", 0) or ASSUMED_VIEWPORT[0],
            st.session_state.get("viewport_h", 0) or ASSUMED_VIEWPORT[1])


def map_height() -> int:
    return map_size(*_viewport())[1]


def map_width() -> int:
    return map_size(*_viewport())[0]


def layer_toggles(places: Sequence[Place]) -> list[str]:
    """A switch for each layer with places; a layer without any gets no switch that would do
    nothing, only a mention below, and keeps the state the address gave it (so a link made
    here still says which layers were on when it opens another text)."""
    st.sidebar.subheader("Layers")
    counts = layer_counts(list(places))
    for layer in LAYERS:
        st.session_state.setdefault(f"layer_{layer}", True)
    shown = []
    for layer in LAYERS:
        if counts[layer] == 0:
            if st.session_state[f"layer_{layer}"]:
                shown.append(layer)
        elif st.sidebar.checkbox(layer_label(layer, counts[layer]), key=f"layer_{layer}"):
            shown.append(layer)
    empty = [layer for layer in LAYERS if counts[layer] == 0]
    if empty:
        st.sidebar.caption(empty_layers_note(empty))
    return shown


def base_layer_choice() -> TileChoice | None:
    """The map's background: a choice only when online tiles are offered, else one line (a
    select box with one entry cost every load the select box's dozen script files)."""
    tiles = available_tiles()
    if not tiles:
        st.sidebar.caption(f"Background: {OFFLINE_BACKGROUND}")
        return None
    labels = [OFFLINE_BACKGROUND] + [t.label for t in tiles]
    pick = st.sidebar.selectbox("Background", labels, key="tiles")
    return next((t for t in tiles if t.label == pick), None)


def show_map(places: Sequence[Place], sizing: mapview.Sizing, visible: list[str],
             chosen: list[Place], tiles: TileChoice | None) -> None:
    """The map framed on the chosen places (or all) at the size it is shown (app/mapframe.py).
    Nothing comes back from the frame: a click on a feature reaches the script through the page
    bridge, and panning reruns nothing. The chosen places' rings and outlines and the view that
    shows them go to the map through the bridge too, so the frame's arguments stay the same
    whatever is chosen and the frame leaves its layers as they are."""
    # The base map never depends on the reader's window: a change to it rebuilds the map, and
    # waiting for the window's size cost a second script run on every page load.
    est_w, est_h = map_size(*ASSUMED_VIEWPORT)
    overview = mapview.view_for(places, width=est_w, height=est_h)
    shown = mapview.view_for(chosen, width=map_width(), height=map_height()) if chosen else overview
    bridge.highlight(mapview.highlight(chosen, sizing), shown)
    map_frame(mapview.base_map(places, overview, tiles), overview,
              mapview.layers_json(places, visible, sizing), map_height(), key=MAP_KEY)


def place_list(places: Sequence[Place], counts: Mapping[str, int], unit: str) -> None:
    """Every place, searchable and sorted by how often it is named or by name; picking one
    selects it on the map (places the opening view leaves out are reached here too, marked).

    Built only while the expander is open, and as one pills widget rather than a button per
    place: the folded list used to cost the first page some 20 buttons and two inputs."""
    shelf = lazy_expander(f"All places ({len(places)})", PLACE_LIST_OPEN)
    if shelf is None:
        return
    with shelf:
        query = st.text_input("Find a place", key="place_query", placeholder="part of a name")
        order = st.radio("Sort", SORTS, horizontal=True, key="place_sort", label_visibility="collapsed")
        found = sorted_places(places, counts, query, by_name=order == SORTS[1])
        outside = {p.id for p in mapview.outside_places(places)}
        names = {p.id: place_choice_label(p, counts.get(p.id, 0), unit, p.id in outside)
                 for p in found[:MAX_LISTED_PLACES]}
        st.pills("Places", list(names), format_func=names.__getitem__, key=PLACE_LIST,
                 label_visibility="collapsed", on_change=_pick_listed_place,
                 help="Outside the opening view: :material/call_made:" if outside & set(names) else None)
        if len(found) > MAX_LISTED_PLACES:
            st.caption(f"… and {len(found) - MAX_LISTED_PLACES} more: type part of a name.")
        elif not found:
            st.caption("No place matches.")


def lazy_expander(label: str, key: str, icon: str | None = None):
    """An expander whose content the caller builds only while it is open (None when folded):
    a folded expander's widgets still cost the first page their React rendering. It keeps its
    state when its label changes (a count in it), which would otherwise fold it."""
    st.session_state[key] = bool(st.session_state.get(key, False))
    shelf = st.expander(label, key=key, icon=icon, on_change="rerun")
    return shelf if shelf.open else None


def place_choice_label(place: Place, count: int, unit: str, outside: bool) -> str:
    """A place in the list: its name and count, and an arrow if the opening view leaves it out."""
    label = f"{md_text(place.name)} · {plural(count, unit)}"
    return f"{label} :material/call_made:" if outside else label


def _pick_listed_place() -> None:
    """Select the place picked in the list and let the pill go, so picking it again works."""
    pid = st.session_state.get(PLACE_LIST)
    if pid is not None:
        select_place(pid)
        st.session_state[PLACE_LIST] = None


def panel_height() -> int:
    """The side panel's nominal height; app_style makes its boxes follow the window in CSS."""
    return map_size(*ASSUMED_VIEWPORT)[1]


def map_and_panel(places: Sequence[Place], sizing: mapview.Sizing, chosen: list[Place],
                  caption: str, panel: Callable[[], None]) -> list[str]:
    """Sidebar layer toggles and background, a caption, the map on the left and ``panel`` on
    the right (stacked on a narrow window), a way back at the top of the panel whenever
    something is chosen; returns the layers switched on.

    The page shows each part as it arrives, so the order differs: on the opening page the map
    comes first, as its frame and Leaflet take longest to load and can start while the text is
    being built; once something is chosen the panel comes first, as it is what the reader waits
    for after a click (the map only moves its ring)."""
    visible = layer_toggles(places)
    tiles = base_layer_choice()
    st.caption(caption)
    chose = bool(st.session_state.get("place") or st.session_state.get("passage") is not None)

    def info() -> None:
        if chose:
            st.button("Clear selection", key="clear_selection", on_click=clear_selection,
                      help="Back to the whole text (Esc)", icon=":material/close:")
        panel()

    with st.container(key="map_panel"):
        col_map, col_info = st.columns([MAP_SHARE, 1 - MAP_SHARE])
        parts = [(col_map, lambda: show_map(places, sizing, visible, chosen, tiles)), (col_info, info)]
        for column, build in reversed(parts) if chose else parts:
            with column:
                build()
    return visible


def place_panel(name: str, details_html: str, body: Callable[[], None]) -> None:
    """The side panel of a chosen place: its name, details and ``body``."""
    with st.container(height=panel_height() - 50, key="place_box"):
        st.subheader(md_text(name))
        st.html(details_html)
        body()
