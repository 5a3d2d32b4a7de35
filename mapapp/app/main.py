"""The Streamlit map app: ``streamlit run mapapp/app/main.py [-- FILE | -- --corpus DIR]``.

A thin script: it draws widgets and hands every decision to mapapp.app.state,
mapapp.render.webmap.mapview, mapapp.corrections, mapapp.render.downloads and (corpus outputs) mapapp.app.corpus_panel.
"""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from mapapp import corrections as corr
from mapapp.app import corpus_panel as corpusview
from mapapp.render import downloads
from mapapp.render.webmap import mapview
from mapapp.render.webmap import assets
from mapapp.app import state as session
from mapapp.app.jobs import GeoparseJobs
from mapapp.layers import LAYERS
from mapapp.model import Document, Place
from mapapp.io.paths import SEED_FILE
from mapapp.io.layerfiles import LoadedLayers, load_layers
from mapapp.io.textio import InputError

MAP_KEY = "map"
OWN = "Your own text"
NOT_A_PLACE = "__none__"
MAX_PLACE_PASSAGES = 50


def _run_geoparse(text: str, lang: str) -> Document:
    from mapapp import geoparse

    return geoparse(text, None if lang == "auto" else lang)


@st.cache_resource(show_spinner=False)
def _jobs() -> GeoparseJobs:
    """One pool per server process, shared by every reader's session."""
    return GeoparseJobs(_run_geoparse)


@st.cache_resource(show_spinner=False, max_entries=8)
def _built(layer_dir: str, text: str, stamp: float) -> LoadedLayers:
    return load_layers(Path(layer_dir), text)


def _stamp(layer_dir: Path) -> float:
    f = layer_dir / "passages.json"
    try:
        return f.stat().st_mtime
    except OSError:
        return 0.0


def _cli_file() -> Path:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    return Path(args[0]) if args else SEED_FILE


def pristine(src: session.Source, lang: str) -> Document | None:
    """Built layers when they match the text (fast start), else a geoparse with progress.

    Broken layer files are named and the readable ones shown; None (after an
    error message) when the text cannot be geoparsed.
    """
    if src.path is not None and lang == "auto":
        loaded = _built(str(src.layer_dir), src.text, _stamp(src.layer_dir))
        if loaded.errors:
            st.warning("Some saved layers could not be read and were left out:  \n"
                       + "  \n".join(session.md_text(e) for e in loaded.errors))
        if loaded.doc is not None:
            return loaded.doc
    jobs = _jobs()
    job = jobs.submit(src.text, lang)
    name = session.md_text(src.name)
    if not job.future.done():
        size = f"{len(src.text) / 1000:,.0f} thousand characters"
        with st.status(f"Geoparsing {name} ({size})…", expanded=True) as status:
            bar = st.progress(0.0)
            while not job.future.done():
                elapsed = jobs.now() - job.started
                bar.progress(job.progress(jobs.now()), text=f"{elapsed:.0f} s")
                try:
                    job.future.result(timeout=0.5)
                except Exception:
                    pass
            status.update(label=f"Geoparsed {name}", state="complete", expanded=False)
    try:
        return job.future.result()
    except Exception as exc:
        st.error(f"{name} could not be geoparsed ({type(exc).__name__}). "
                 "Try another text or file; the error is in the server log.")
        print(f"mapapp: geoparse of {src.name!r} failed: {exc!r}", file=sys.stderr)
        return None


def choose_source() -> session.Source | None:
    file_src = session.file_source(_cli_file())
    mode = st.sidebar.radio("Document", [file_src.name, OWN], key="mode")
    if mode != OWN:
        return file_src
    limit = session.max_upload_bytes()
    with st.sidebar.form("own_text"):
        pasted = st.text_area("Paste a German or English text", height=140, max_chars=limit)
        upload = st.file_uploader(f"…or upload a .txt/.md file (up to {limit / 2**20:g} MB)",
                                  type=list(session.UPLOAD_TYPES))
        if st.form_submit_button("Map this text", type="primary"):
            try:
                if upload is not None:
                    text = session.decode_upload(upload.getvalue(), upload.name, limit)
                    st.session_state.own = (text, upload.name)
                elif pasted.strip():
                    session.check_size(len(pasted.encode("utf-8")), "The pasted text", limit)
                    st.session_state.own = (pasted, "")
            except InputError as exc:
                st.session_state.own = None
                st.error(session.md_text(str(exc)))
    own = st.session_state.get("own")
    if not own:
        st.info("Paste or upload a text in the sidebar and press **Map this text**.")
        return None
    return session.text_source(*own)


def reset_on_new_doc(key: str) -> None:
    if st.session_state.get("doc_key") != key:
        st.session_state.doc_key = key
        st.session_state.place = None
        st.session_state.passage = None
        st.session_state.corrections = None


def select_place(pid: str | None) -> None:
    st.session_state.place = pid
    if pid is not None:
        st.session_state.passage = None


def layer_toggles(doc: Document) -> list[str]:
    st.sidebar.subheader("Layers")
    counts = session.layer_counts(doc)
    return [layer for layer in LAYERS
            if st.sidebar.checkbox(session.layer_label(layer, counts[layer]), value=True,
                                   key=f"layer_{layer}")]


def base_layer_choice() -> assets.TileChoice | None:
    tiles = assets.available_tiles()
    labels = ["Natural Earth (offline)"] + [t.label for t in tiles]
    pick = st.sidebar.selectbox("Background", labels, key="tiles")
    return next((t for t in tiles if t.label == pick), None)


def show_place(doc: Document, src: session.Source, pid: str) -> None:
    place = doc.place(pid)
    info = session.place_info(place)
    md = session.md_text
    st.subheader(md(info.name))
    st.markdown(f"**{md(info.category or info.layer)}** · {md(info.country)}  \n"
                f"{md(info.coords)} · source: {md(info.source)}  \n**{md(info.mentions_line)}**")
    spans = session.spans_by_passage(doc)
    shown = place.passages[:MAX_PLACE_PASSAGES]
    st.markdown("".join(f'<div class="passage"><b>¶{index + 1}</b> '
                        f'{session.passage_html(doc, doc.passages[index], {pid}, spans)}</div>'
                        for index in shown), unsafe_allow_html=True)
    if len(place.passages) > len(shown):
        st.caption(f"… and {len(place.passages) - len(shown)} more passages (see the CSV of mentions).")
    correction_form(src, place)
    st.button("Clear selection", on_click=select_place, args=(None,))


def correction_form(src: session.Source, place: Place) -> None:
    """Move one mention of this place to another candidate, or mark it as not a place."""
    with st.expander("Correct this place"):
        mentions = sorted(place.mentions, key=lambda m: m.start)
        m = st.selectbox("Mention", mentions, format_func=session.mention_label, key="fix_mention")
        labels = {c.id: session.candidate_label(c) for c in place.candidates if c.id != place.id}
        labels[NOT_A_PLACE] = "Not a place"
        pick = st.selectbox("Means instead", list(labels), format_func=labels.__getitem__,
                            key="fix_choice")
        if st.button("Apply correction", key="fix_apply"):
            choice = None if pick == NOT_A_PLACE else pick
            new = corr.Correction(m.start, m.end, m.text, choice)
            st.session_state.corrections, notice = corr.add_correction(src.layer_dir, new)
            if notice:
                st.session_state.notice = notice
            st.session_state.place = choice if choice and len(mentions) == 1 else place.id
            st.rerun()


def show_passage_places(doc: Document, index: int, spans: dict) -> None:
    """The chosen passage, its mentions marked, and a button per place it names."""
    places = session.places_for_passage(doc, index)
    strong = {p.id for p in places}
    st.markdown(f'<div class="passage chosen"><span class="pnum">¶{index + 1}</span> '
                f'{session.passage_html(doc, doc.passages[index], strong, spans)}</div>',
                unsafe_allow_html=True)
    if not places:
        st.caption("No places in this passage.")
    with st.container(horizontal=True, key="passage_places"):
        for p in places:
            st.button(session.md_text(p.name), key=f"pp_{p.id}", on_click=select_place,
                      args=(p.id,))


def passage_page(doc: Document, passage: int | None) -> int:
    """Which page of passages to show: long texts are shown PAGE_SIZE passages at a time."""
    pages = session.page_count(doc)
    if pages == 1:
        return 0
    if passage is not None:
        st.session_state.passage_page = session.page_of(passage)
    return st.selectbox("Passages", range(pages), format_func=lambda i: session.page_label(doc, i),
                        key="passage_page", on_change=_leave_passage)


def _leave_passage() -> None:
    st.session_state.passage = None
    st.session_state.place = None


def passage_picker(doc: Document, page: int) -> int | None:
    """One pills widget for a page of passages: a widget per passage made long texts slow to paint."""
    st.pills("Show a passage's places on the map", [p.index for p in session.page_passages(doc, page)],
             format_func=lambda i: f"¶{i + 1}", key="passage", on_change=select_place,
             args=(None,))
    return st.session_state.get("passage")


def show_text(doc: Document, page: int, strong: set[str], current: int | None, height: int,
              spans: dict) -> None:
    """A page of the text as one block, every mention marked in its layer's colour."""
    parts = []
    for p in session.page_passages(doc, page):
        cls = "passage chosen" if current == p.index else "passage"
        mark = strong if current is None or current == p.index else set()
        parts.append(f'<div class="{cls}"><span class="pnum">¶{p.index + 1}</span> '
                     f'{session.passage_html(doc, p, mark, spans)}</div>')
    with st.container(height=height, key="text_box"):
        st.markdown("".join(parts), unsafe_allow_html=True)


def download_buttons(doc: Document, src: session.Source, visible: list[str]) -> None:
    st.sidebar.subheader("Downloads")
    stem = session.download_stem(src.name)
    st.sidebar.download_button("GeoJSON, all layers", lambda: downloads.geojson_bytes(doc),
                               f"{stem}.geojson", "application/geo+json", on_click="ignore")
    layer = st.sidebar.selectbox("One layer", LAYERS, key="dl_layer")
    st.sidebar.download_button(f"GeoJSON, {layer}", lambda: downloads.geojson_bytes(doc, layer),
                               f"{stem}_{layer}.geojson", "application/geo+json", on_click="ignore")
    st.sidebar.download_button("CSV of mentions", lambda: downloads.mentions_csv(doc),
                               f"{stem}_mentions.csv", "text/csv", on_click="ignore")
    st.sidebar.download_button("Standalone HTML map", lambda: downloads.standalone_html(doc, src.name),
                               f"{stem}_map.html", "text/html", on_click="ignore")
    static_exports(doc, src, stem, visible)


def static_exports(doc: Document, src: session.Source, stem: str, visible: list[str]) -> None:
    """PNG/SVG/PDF of the layers switched on, rendered only when a button is pressed."""
    try:
        from mapapp.render.image.export import ExportOptions, render
    except ImportError:
        return
    cols = st.sidebar.columns(3)
    for col, (fmt, mime) in zip(cols, (("png", "image/png"), ("svg", "image/svg+xml"),
                                       ("pdf", "application/pdf"))):
        col.download_button(
            fmt.upper(),
            lambda fmt=fmt: render(doc.layer_collections(),
                                   ExportOptions(fmt=fmt, layers=tuple(visible) or None,
                                                 title=src.name.replace("$", r"\$"))),
            f"{stem}_map.{fmt}", mime, on_click="ignore", key=f"export_{fmt}",
            help=f"Static {fmt.upper()} map of the layers switched on")


@st.cache_resource(show_spinner=False, max_entries=4)
def _corpus(out_dir: str, stamp: float):
    from mapapp.corpus.reader import load_corpus

    return load_corpus(out_dir)


def corpus_filters(view) -> tuple:
    """Sidebar date range (when documents carry dates) and documents; none chosen means all."""
    st.sidebar.subheader("Filter")
    first = last = None
    lo, hi = view.date_range()
    if lo is not None and hi is not None:
        picked = st.sidebar.date_input("Dates", value=(lo, hi), min_value=lo, max_value=hi,
                                       key="corpus_dates")
        first, last = corpusview.date_window(picked)
    labels = {d.doc_id: corpusview.document_label(d) for d in view.documents() if d.status == "ok"}
    chosen = st.sidebar.multiselect("Documents", list(labels), format_func=labels.__getitem__,
                                    key="corpus_docs", placeholder="All documents")
    return first, last, (chosen or None)


def show_corpus_place(view, place: Place, count: int, filters: tuple) -> None:
    """A place of the corpus: its documents, each with the passages that mention it."""
    md = session.md_text
    st.subheader(md(place.name))
    country = session.country_name(place.country_code) if place.country_code else "—"
    st.markdown(f"**{md(place.category.replace('_', ' ') or place.layer)}** · {md(country)}  \n"
                f"**{corpusview.documents_line(count)}**")
    body, more = corpusview.documents_html(view.documents_for(place.id, *filters), place)
    st.markdown(body, unsafe_allow_html=True)
    if more:
        st.caption(f"… and {more} more documents (narrow the dates or documents in the sidebar).")
    st.button("Clear selection", on_click=select_place, args=(None,))


def show_map(doc, overview, shown, tiles, visible, chosen, counts=None) -> None:
    """The folium map; only clicks come back, so panning and zooming never rerun the script."""
    st_folium(mapview.base_map(doc, overview, tiles), key=MAP_KEY,
              height=mapview.MAP_HEIGHT, use_container_width=True,
              feature_group_to_add=mapview.feature_groups(doc, visible, chosen, counts),
              center=shown.center, zoom=shown.zoom,
              returned_objects=["last_active_drawing", "last_object_clicked_count"])


def corpus_main(out_dir: Path) -> None:
    """The corpus view: places sized by documents, filters, a clicked place's documents."""
    try:
        view = _corpus(str(out_dir), _stamp_of(out_dir / "places.parquet"))
    except (OSError, ValueError) as exc:
        st.error(session.md_text(f"{out_dir} could not be opened as a corpus output: {exc}"))
        return
    reset_on_new_doc(f"corpus|{out_dir}")
    filters = corpus_filters(view)
    cmap = corpusview.corpus_map(view.places_geojson(*filters))
    doc = cmap.doc

    pid, seen = session.clicked_place(st.session_state.get(MAP_KEY), st.session_state.get("seen"))
    st.session_state.seen = seen
    if pid and doc.place(pid):
        st.session_state.place = pid
    if st.session_state.place and not doc.place(st.session_state.place):
        st.session_state.place = None

    visible = layer_toggles(doc)
    tiles = base_layer_choice()
    place_id = st.session_state.place
    chosen = [doc.place(place_id)] if place_id else []
    overview = mapview.view_for(doc.places)
    shown = mapview.view_for(chosen) if chosen else overview
    st.caption(f"{session.md_text(out_dir.name)} · corpus of {len(view.documents())} documents · "
               f"{len(doc.places)} places in the chosen documents")
    col_map, col_info = st.columns([1, 1])
    with col_map:
        show_map(doc, overview, shown, tiles, visible, chosen, cmap.counts)
    with col_info:
        if place_id:
            with st.container(height=mapview.MAP_HEIGHT, key="place_box"):
                show_corpus_place(view, doc.place(place_id), cmap.counts.get(place_id, 0), filters)
        else:
            st.caption("Click a place on the map to list the documents that name it, "
                       "each with the passages that mention it.")


def _stamp_of(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


_CSS = """<style>
.passage { line-height: 1.6; margin-bottom: .6rem; }
.cdoc { margin-bottom: 1rem; }
.cdoc .pdate { color: #666; font-size: .85em; margin-left: .4rem; }
.passage.chosen { border-left: 4px solid #ffcc00; padding-left: .6rem; background: #fffbe6; }
.passage .pnum { color: #888; font-size: .8em; font-weight: 600; margin-right: .2rem; }
</style>"""


def main() -> None:
    st.set_page_config(page_title="mapapp", layout="wide")
    assets.register_assets()
    st.markdown(_CSS, unsafe_allow_html=True)
    st.sidebar.title("mapapp")
    corpus_dir = corpusview.corpus_arg(sys.argv[1:])
    if corpus_dir is not None:
        corpus_main(corpus_dir)
        return
    src = choose_source()
    if src is None:
        return
    lang = st.sidebar.selectbox("Language", session.LANG_CHOICES, key="lang")
    reset_on_new_doc(f"{src.layer_dir}|{lang}")
    if st.session_state.corrections is None:
        if not corr.readable(src.layer_dir):
            st.warning(f"{corr.FILE} of this text could not be read; it is kept aside "
                       "when you save a correction.")
        st.session_state.corrections = corr.load_corrections(src.layer_dir)
    if st.session_state.get("notice"):
        st.warning(session.md_text(st.session_state.pop("notice")))
    base = pristine(src, lang)
    if base is None:
        return
    doc = corr.apply_corrections(base, st.session_state.corrections)

    pid, seen = session.clicked_place(st.session_state.get(MAP_KEY), st.session_state.get("seen"))
    st.session_state.seen = seen
    if pid and doc.place(pid):
        st.session_state.place, st.session_state.passage = pid, None
    if st.session_state.place and not doc.place(st.session_state.place):
        st.session_state.place = None

    visible = layer_toggles(doc)
    tiles = base_layer_choice()

    place_id, passage = st.session_state.place, st.session_state.get("passage")
    chosen = ([doc.place(place_id)] if place_id
              else session.places_for_passage(doc, passage))
    overview = mapview.view_for(doc.places)
    view = mapview.view_for(chosen) if chosen else overview

    st.caption(f"{session.md_text(src.name)} · {len(doc.places)} places · {len(doc.mentions())} mentions · "
               f"{len(doc.passages)} passages · language {doc.lang}")
    col_map, col_info = st.columns([1, 1])
    with col_map:
        show_map(doc, overview, view, tiles, visible, chosen)
    with col_info:
        if place_id:
            with st.container(height=mapview.MAP_HEIGHT, key="place_box"):
                show_place(doc, src, place_id)
        else:
            spans = session.spans_by_passage(doc)
            page = passage_page(doc, passage)
            passage_picker(doc, page)
            if passage is not None:
                show_passage_places(doc, passage, spans)
                height = 200
            else:
                st.caption("Click a place on the map to see the passages that mention it, "
                           "or a ¶ to see a passage's places.")
                height = mapview.MAP_HEIGHT - 130
            show_text(doc, page, {p.id for p in chosen}, passage, height, spans)
    download_buttons(doc, src, visible)


def cli(argv: list[str]) -> int:
    """``mapapp app [FILE | --corpus DIR]``: serve this app on FILE (default: the seed) or on a
    corpus output with Streamlit."""
    import subprocess

    # Streamlit's own limit a little above ours: slightly larger files get our explanation,
    # far larger ones are stopped in the browser instead of being sent to a shared server.
    upload_mb = int(session.max_upload_bytes() / 2**20) + 2
    cmd = [sys.executable, "-m", "streamlit", "run", str(Path(__file__).resolve()),
           "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.maxUploadSize", str(upload_mb), "--", *argv]
    return subprocess.call(cmd)


if __name__ == "__main__":
    main()
