"""The page for a corpus output: places sized by documents, date and document filters,
a clicked place's documents with the passages that name it."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from mapapp.app import components, warmup
from mapapp.app.corpus_panel import (MAX_PLACE_DOCUMENTS, CorpusPlaces, Filters, corpus_places,
                                     date_window, document_label)
from mapapp.app.urlstate import UrlState
from mapapp.app.labels import country_name, kind_of, md_text, plural
from mapapp.corpus.reader import CorpusView, load_corpus
from mapapp.model import Place
from mapapp.render import html
from mapapp.render.webmap import mapview


@st.cache_resource(show_spinner=False, max_entries=4)
def _corpus(out_dir: str, stamp: float) -> CorpusView:
    return load_corpus(out_dir)


def _stamp(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def corpus_filters(view: CorpusView) -> Filters:
    """Sidebar date range (when documents carry dates) and documents; none chosen means all."""
    st.sidebar.subheader("Filter")
    first = last = None
    lo, hi = view.date_range()
    if lo is not None and hi is not None:
        picked = st.sidebar.date_input("Dates", value=(lo, hi), min_value=lo, max_value=hi,
                                       key="corpus_dates")
        first, last = date_window(picked)
    names = {d.doc_id: document_label(d) for d in view.documents() if d.status == "ok"}
    chosen = st.sidebar.multiselect("Documents", list(names), format_func=names.__getitem__,
                                    key="corpus_docs", placeholder="All documents")
    return Filters(first, last, chosen or None)


def show_corpus_place(view: CorpusView, place: Place, count: int, filters: Filters) -> None:
    """A place of the corpus: its documents, each with the passages that mention it."""
    country = country_name(place.country_code) if place.country_code else "—"
    body_html, more = html.documents_html(view.documents_for(place.id, *filters), place,
                                          MAX_PLACE_DOCUMENTS)

    def body() -> None:
        st.html(body_html)
        if more:
            st.caption(f"… and {more} more documents (narrow the dates or documents in the sidebar).")

    components.place_panel(place.name, html.place_details_html(kind_of(place), country,
                                                               plural(count, "document")), body)


def render(out_dir: Path | None) -> None:
    """The page; without a corpus output it says how to open one."""
    if out_dir is None:
        st.info("Start the app with `mapapp app --corpus DIR` to open a corpus output "
                "(a folder written by `mapapp corpus`).")
        return
    try:
        view = _corpus(str(out_dir), _stamp(out_dir / "places.parquet"))
    except (OSError, ValueError) as exc:
        st.error(md_text(f"{out_dir} could not be opened as a corpus output: {exc}"))
        return
    components.url_on_load()
    components.reset_on_new_doc(f"corpus|{out_dir}")
    filters = corpus_filters(view)
    found: CorpusPlaces = corpus_places(view.places_geojson(*filters))
    place = found.place(components.follow_click(lambda pid: found.place(pid) is not None))
    caption = (f"{md_text(out_dir.name)} · corpus of {len(view.documents())} documents · "
               f"{len(found.places)} places in the chosen documents")

    def panel() -> None:
        if place:
            show_corpus_place(view, place, found.counts.get(place.id, 0), filters)
        else:
            components.place_list(found.places, found.counts, "document")
            st.caption("Click a place on the map or in the list to see the documents that "
                       "name it, each with the passages that mention it.")

    visible = components.map_and_panel(found.places, mapview.documents(found.counts),
                                       [place] if place else [], caption, panel)
    components.write_url(UrlState(place.id if place else None, None, tuple(visible)))
    warmup.warm_later()
