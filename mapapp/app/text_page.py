"""The page for one text: the file the app was started on, or a reader's own text.

Its map and layout are the shared components; this page adds choosing the text,
its passages, a place's passages, corrections and downloads.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import streamlit as st

from mapapp import corrections as corr
from mapapp.app import components
from mapapp.app import correct_forms
from mapapp.app import correcting
from mapapp.app import corrections_panel
from mapapp.app import export_panel
from mapapp.app import labels
from mapapp.app import paging
from mapapp.app import sources
from mapapp.app import textstore
from mapapp.app import warmup
from mapapp.app.geoparsing import document_for
from mapapp.app.place_search import preview_place
from mapapp.app.urlstate import UrlState
from mapapp.config import settings
from mapapp.io.textio import InputError
from mapapp.layers import LAYERS
from mapapp.model import Document, Place
from mapapp.render import downloads
from mapapp.render import html
from mapapp.render.webmap import mapview

OWN = "Your own text"
LANG_CHOICES = ("auto", "de", "en")
#: A radio, not a select box: no select box on the first page spares it a dozen script files.
LANG_LABELS = {"auto": "Detect", "de": "German", "en": "English"}
MAX_PLACE_PASSAGES = 50
#: Session key of the downloads' expander (open or not).
DOWNLOADS_OPEN = "downloads_open"


def _file_source(path: Path) -> sources.Source | None:
    """The command-line file, or None after one line saying why it cannot be shown."""
    try:
        return sources.file_source(path)
    except InputError as exc:
        st.error(labels.md_text(f"{exc}. Paste or upload a text instead."))
        return None


def _open_linked_text(state: UrlState) -> None:
    """A link's ``?text=<hash>`` opens the reader's text kept under that hash (once per session)."""
    if state.text and not st.session_state.get("linked_text_done"):
        st.session_state.linked_text_done = True
        kept = textstore.find(state.text)
        if kept is None:
            st.warning("The text this link names is not kept on this server any more; "
                       "paste it again to map it.")
            return
        st.session_state.mode = OWN
        st.session_state.own = kept


def choose_source(path: Path, state: UrlState) -> sources.Source | None:
    file_src = _file_source(path)
    _open_linked_text(state)
    choices = [file_src.name, OWN] if file_src else [OWN]
    mode = st.sidebar.radio("Document", choices, key="mode")
    if mode != OWN:
        for warning in file_src.warnings:
            st.caption(labels.md_text(warning))
        return file_src
    limit = sources.max_upload_bytes()
    with st.sidebar.form("own_text"):
        pasted = st.text_area("Paste a German or English text", height=140, max_chars=limit)
        upload = st.file_uploader(f"…or upload a .txt/.md file (up to {limit / 2**20:g} MB)",
                                  type=list(sources.UPLOAD_TYPES))
        if st.form_submit_button("Map this text", type="primary"):
            try:
                if upload is not None:
                    text = sources.decode_upload(upload.getvalue(), upload.name, limit)
                    st.session_state.own = (text, upload.name)
                elif pasted.strip():
                    sources.check_size(len(pasted.encode("utf-8")), "The pasted text", limit)
                    st.session_state.own = (pasted, "")
            except InputError as exc:
                st.session_state.own = None
                st.error(labels.md_text(str(exc)))
    own = st.session_state.get("own")
    if not own:
        st.info("Paste or upload a text in the sidebar and press **Map this text**.")
        return None
    return sources.text_source(*own)


def show_place(doc: Document, place: Place, text_hash: str) -> None:
    """A place of the text: what it is, and every passage that names it (the first 50)."""
    info = labels.place_info(place)
    spans = html.spans_by_passage(doc)
    shown = place.passages[:MAX_PLACE_PASSAGES]

    def body() -> None:
        st.html(html.passages_html([html.shown_passage(doc.passages[i], spans, {place.id})
                                    for i in shown]))
        if len(place.passages) > len(shown):
            st.caption(f"… and {len(place.passages) - len(shown)} more passages (see the CSV of mentions).")
        correct_forms.correct_place(doc, place, text_hash, bool(st.session_state.get("online")))

    components.place_panel(info.name, html.place_details_html(info.kind, info.country, info.mentions_line,
                                                              info.coords, info.source), body)


def _leave_passage() -> None:
    st.session_state.passage = None
    st.session_state.place = None


def passage_page(doc: Document, passage: int | None) -> int:
    """Which page of passages to show: long texts are shown a page at a time."""
    pages = paging.page_count(doc)
    if pages == 1:
        return 0
    if passage is not None:
        st.session_state.passage_page = paging.page_of(passage)
    return st.selectbox("Passages", range(pages), format_func=lambda i: paging.page_label(doc, i),
                        key="passage_page", on_change=_leave_passage)


def _step_to(index: int | None) -> None:
    if index is not None:
        st.session_state.passage = index
        st.session_state.place = None


def passage_stepper(doc: Document, passage: int | None) -> None:
    """Previous/next passage that names a place, as in a story map: each step shows that
    passage's places on the map."""
    before, after = paging.step(doc, passage, -1), paging.step(doc, passage, +1)
    with st.container(horizontal=True, key="stepper", vertical_alignment="center"):
        st.button("Previous ¶", key="prev_passage", icon=":material/arrow_back:", disabled=before is None,
                  on_click=_step_to, args=(before,), help="The previous passage that names a place")
        st.button("Next ¶", key="next_passage", icon=":material/arrow_forward:", disabled=after is None,
                  on_click=_step_to, args=(after,), help="The next passage that names a place")


def show_passage_places(doc: Document, index: int, spans: html.Spans) -> None:
    """The chosen passage, its mentions marked, and a button per place it names."""
    places = paging.places_for_passage(doc, index)
    strong = {p.id for p in places}
    st.html(html.passages_html([html.shown_passage(doc.passages[index], spans, strong, chosen=True)]))
    if not places:
        st.caption("No places in this passage.")
    with st.container(horizontal=True, key="passage_places"):
        for p in places:
            st.button(labels.md_text(p.name), key=f"pp_{p.id}", on_click=components.select_place,
                      args=(p.id,))


def show_text(doc: Document, chosen: list[Place], passage: int | None, corrections: Callable[[], None]) -> None:
    """The place list, adding a missed place and the corrections, the passage stepper, the
    chosen passage, and a page of the text with every mention marked (a click on one selects its
    place) and every passage's ¶ a button for its places: no widget per passage, which cost
    every load the React rendering of some 20 pills."""
    spans = html.spans_by_passage(doc)
    components.place_list(doc.places, {p.id: len(p.mentions) for p in doc.places}, "mention")
    corrections()
    page = passage_page(doc, passage)
    passage_stepper(doc, passage)
    if passage is not None:
        show_passage_places(doc, passage, spans)
        height = max(180, components.panel_height() - 600)
    else:
        st.caption("Click a name in the text or a place on the map to see the passages that "
                   "mention it, or a ¶ to see a passage's places. Esc goes back.")
        height = max(240, components.panel_height() - 330)
    strong = {p.id for p in chosen}
    shown = [html.shown_passage(p, spans, strong if passage in (None, p.index) else set(),
                                chosen=passage == p.index)
             for p in paging.page_passages(doc, page)]
    with st.container(height=height, key="text_box"):
        st.html(html.passages_html(shown))


def download_buttons(doc: Document, src: sources.Source, visible: list[str]) -> None:
    """The files of the text (built only while their expander is open), then the static map."""
    stem = labels.download_stem(src.name)
    with st.sidebar:
        shelf = components.lazy_expander("Downloads (GeoJSON, CSV, HTML)", DOWNLOADS_OPEN,
                                         icon=":material/download:")
    if shelf is not None:
        with shelf:
            download_files(doc, src, stem)
    static_exports(doc, src, stem, visible)


def download_files(doc: Document, src: sources.Source, stem: str) -> None:
    st.download_button("GeoJSON, all layers", lambda: downloads.geojson_bytes(doc),
                       f"{stem}.geojson", "application/geo+json", on_click="ignore")
    layer = st.selectbox("One layer", LAYERS, key="dl_layer")
    st.download_button(f"GeoJSON, {layer}", lambda: downloads.geojson_bytes(doc, layer),
                       f"{stem}_{layer}.geojson", "application/geo+json", on_click="ignore")
    st.download_button("CSV of mentions", lambda: downloads.mentions_csv(doc),
                       f"{stem}_mentions.csv", "text/csv", on_click="ignore")
    st.download_button("Standalone HTML map", lambda: downloads.standalone_html(doc, src.name),
                       f"{stem}_map.html", "text/html", on_click="ignore")


def static_exports(doc: Document, src: sources.Source, stem: str, visible: list[str]) -> None:
    """PNG/SVG/PDF of the map's current view and the layers switched on (app/export_panel)."""
    export_panel.export_panel(doc, src.name, stem, visible, components.map_width(), components.map_height())


def render(path: Path) -> None:
    """The page: choose a text, geoparse it (or read its layers), map it beside its passages."""
    state = components.url_on_load()
    src = choose_source(path, state)
    if src is None:
        return
    lang = st.sidebar.radio("Language", LANG_CHOICES, key="lang", horizontal=True,
                            format_func=LANG_LABELS.__getitem__)
    online = st.sidebar.toggle("Look up unknown names online", value=settings().online, key="online",
                               help="Ask the online geocoder for names the offline gazetteer "
                                    "does not know (slower; sends those names to it).")
    fixes_key = f"{src.layer_dir}|{lang}|{online}"
    text_hash = textstore.keep(src.text, src.name) if src.path is None else None
    with st.container():  # the geoparse's progress keeps its place, so the widgets below keep theirs
        base = document_for(src, lang, online)
    if base is None:
        return
    components.reset_on_new_doc(fixes_key, len(base.passages))
    correcting.adopt_link(state.fix)
    correcting.forget_forms(fixes_key)
    th = corr.text_hash(src.text)
    in_force = corrections_panel.load(src.text, src.layer_dir, th)
    applied = corr.apply_corrections(base, in_force, th)
    doc = applied.doc
    correcting.show_toast()

    place_id = components.follow_click(lambda pid: doc.place(pid) is not None, len(doc.passages))
    passage = st.session_state.get("passage")
    chosen = [doc.place(place_id)] if place_id else paging.places_for_passage(doc, passage)
    preview = preview_place(doc.place(place_id).mentions if place_id else ())
    caption = (f"{labels.md_text(src.name)} · {len(doc.places)} places · {len(doc.mentions())} mentions · "
               f"{len(doc.passages)} passages · language {doc.lang}")

    def corrections() -> None:
        correct_forms.add_place(doc, th, online)
        corrections_panel.panel(doc, base, src.name, th, in_force, applied)

    def panel() -> None:
        if place_id:
            show_place(doc, doc.place(place_id), th)
        else:
            show_text(doc, chosen, passage, corrections)

    visible = components.map_and_panel(doc.places, mapview.MENTIONS, chosen + ([preview] if preview else []),
                                       caption, panel)
    components.write_url(UrlState(place_id, passage, tuple(visible), text_hash, correcting.current_set()))
    corrections_panel.follow_published(th)
    download_buttons(doc, src, visible)
    warmup.warm_later()
