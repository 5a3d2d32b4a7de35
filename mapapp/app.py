"""The Streamlit map app: ``streamlit run mapapp/app.py [-- FILE]``.

A thin script: it draws widgets and hands every decision to mapapp.session,
mapapp.mapview, mapapp.corrections and mapapp.downloads.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    # `streamlit run mapapp/app.py` puts mapapp/ on sys.path, not the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from streamlit_folium import st_folium

from mapapp import corrections as corr
from mapapp import downloads, mapview, offline, session
from mapapp.model import LAYERS, Document, Place
from mapapp.paths import SEED_FILE

MAP_KEY = "map"
OWN = "Your own text"
NOT_A_PLACE = "__none__"


@st.cache_resource(show_spinner=False, max_entries=16)
def _geoparse(text: str, lang: str) -> Document:
    from mapapp import geoparse

    return geoparse(text, None if lang == "auto" else lang)


@st.cache_resource(show_spinner=False, max_entries=8)
def _built(layer_dir: str, text: str, stamp: float) -> Document | None:
    return session.document_from_layers(Path(layer_dir), text)


def _stamp(layer_dir: Path) -> float:
    f = layer_dir / "passages.json"
    return f.stat().st_mtime if f.exists() else 0.0


def _cli_file() -> Path:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    return Path(args[0]) if args else SEED_FILE


def pristine(src: session.Source, lang: str) -> Document:
    """Built layers when they match the text (fast start), else a (cached) geoparse."""
    if src.path is not None and lang == "auto":
        doc = _built(str(src.layer_dir), src.text, _stamp(src.layer_dir))
        if doc is not None:
            return doc
    with st.status(f"Geoparsing {src.name}…", expanded=False) as status:
        doc = _geoparse(src.text, lang)
        status.update(label=f"Geoparsed {src.name}: {len(doc.places)} places", state="complete")
    return doc


def choose_source() -> session.Source | None:
    file_src = session.file_source(_cli_file())
    mode = st.sidebar.radio("Document", [file_src.name, OWN], key="mode")
    if mode != OWN:
        return file_src
    with st.sidebar.form("own_text"):
        pasted = st.text_area("Paste a German or English text", height=140)
        upload = st.file_uploader("…or upload a .txt/.md file", type=list(session.UPLOAD_TYPES))
        if st.form_submit_button("Map this text", type="primary"):
            if upload is not None:
                st.session_state.own = (session.decode_upload(upload.getvalue()), upload.name)
            elif pasted.strip():
                st.session_state.own = (pasted, "")
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


def base_layer_choice() -> offline.TileChoice | None:
    tiles = offline.available_tiles()
    labels = ["Natural Earth (offline)"] + [t.label for t in tiles]
    pick = st.sidebar.selectbox("Background", labels, key="tiles")
    return next((t for t in tiles if t.label == pick), None)


def show_place(doc: Document, src: session.Source, pid: str) -> None:
    place = doc.place(pid)
    info = session.place_info(place)
    st.subheader(info.name)
    st.markdown(f"**{info.category or info.layer}** · {info.country}  \n"
                f"{info.coords} · source: `{info.source}`  \n**{info.mentions_line}**")
    for index in place.passages:
        p = doc.passages[index]
        st.markdown(f'<div class="passage"><b>¶{index + 1}</b> '
                    f'{session.passage_html(doc, p, {pid})}</div>', unsafe_allow_html=True)
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
            st.session_state.corrections = corr.with_correction(st.session_state.corrections, new)
            corr.save_corrections(src.layer_dir, st.session_state.corrections)
            st.session_state.place = choice if choice and len(mentions) == 1 else place.id
            st.rerun()


def show_passage_places(doc: Document, index: int) -> None:
    """The chosen passage, its mentions marked, and a button per place it names."""
    places = session.places_for_passage(doc, index)
    strong = {p.id for p in places}
    st.markdown(f'<div class="passage chosen"><span class="pnum">¶{index + 1}</span> '
                f'{session.passage_html(doc, doc.passages[index], strong)}</div>',
                unsafe_allow_html=True)
    if not places:
        st.caption("No places in this passage.")
    with st.container(horizontal=True, key="passage_places"):
        for p in places:
            st.button(p.name, key=f"pp_{p.id}", on_click=select_place, args=(p.id,))


def passage_picker(doc: Document) -> int | None:
    """One pills widget for all passages: a widget per passage made long texts slow to paint."""
    st.pills("Show a passage's places on the map", [p.index for p in doc.passages],
             format_func=lambda i: f"¶{i + 1}", key="passage", on_change=select_place,
             args=(None,))
    return st.session_state.get("passage")


def show_text(doc: Document, strong: set[str], current: int | None, height: int) -> None:
    """The whole text as one block, every mention marked in its layer's colour."""
    parts = []
    for p in doc.passages:
        cls = "passage chosen" if current == p.index else "passage"
        mark = strong if current is None or current == p.index else set()
        parts.append(f'<div class="{cls}"><span class="pnum">¶{p.index + 1}</span> '
                     f'{session.passage_html(doc, p, mark)}</div>')
    with st.container(height=height, key="text_box"):
        st.markdown("".join(parts), unsafe_allow_html=True)


def download_buttons(doc: Document, src: session.Source, visible: list[str]) -> None:
    st.sidebar.subheader("Downloads")
    stem = Path(src.name).stem.replace(" ", "_") or "text"
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
        from mapapp.export import ExportOptions, render
    except ImportError:
        return
    cols = st.sidebar.columns(3)
    for col, (fmt, mime) in zip(cols, (("png", "image/png"), ("svg", "image/svg+xml"),
                                       ("pdf", "application/pdf"))):
        col.download_button(
            fmt.upper(),
            lambda fmt=fmt: render(doc.layer_collections(),
                                   ExportOptions(fmt=fmt, layers=tuple(visible) or None,
                                                 title=src.name)),
            f"{stem}_map.{fmt}", mime, on_click="ignore", key=f"export_{fmt}",
            help=f"Static {fmt.upper()} map of the layers switched on")


_CSS = """<style>
.passage { line-height: 1.6; margin-bottom: .6rem; }
.passage.chosen { border-left: 4px solid #ffcc00; padding-left: .6rem; background: #fffbe6; }
.passage .pnum { color: #888; font-size: .8em; font-weight: 600; margin-right: .2rem; }
</style>"""


def main() -> None:
    st.set_page_config(page_title="mapapp", layout="wide")
    offline.register_assets()
    st.markdown(_CSS, unsafe_allow_html=True)
    st.sidebar.title("mapapp")
    src = choose_source()
    if src is None:
        return
    lang = st.sidebar.selectbox("Language", session.LANG_CHOICES, key="lang")
    reset_on_new_doc(f"{src.layer_dir}|{lang}")
    if st.session_state.corrections is None:
        st.session_state.corrections = corr.load_corrections(src.layer_dir)
    doc = corr.apply_corrections(pristine(src, lang), st.session_state.corrections)

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

    st.caption(f"{src.name} · {len(doc.places)} places · {len(doc.mentions())} mentions · "
               f"{len(doc.passages)} passages · language {doc.lang}")
    col_map, col_info = st.columns([1, 1])
    with col_map:
        st_folium(mapview.base_map(doc, overview, tiles), key=MAP_KEY,
                  height=mapview.MAP_HEIGHT, use_container_width=True,
                  feature_group_to_add=mapview.feature_groups(doc, visible, chosen),
                  center=view.center, zoom=view.zoom,
                  returned_objects=["last_active_drawing", "last_object_clicked_count"])
    with col_info:
        if place_id:
            with st.container(height=mapview.MAP_HEIGHT, key="place_box"):
                show_place(doc, src, place_id)
        else:
            passage_picker(doc)
            if passage is not None:
                show_passage_places(doc, passage)
                height = 200
            else:
                st.caption("Click a place on the map to see the passages that mention it, "
                           "or a ¶ to see a passage's places.")
                height = mapview.MAP_HEIGHT - 130
            show_text(doc, {p.id for p in chosen}, passage, height)
    download_buttons(doc, src, visible)


def cli(argv: list[str]) -> int:
    """``mapapp app [FILE]``: serve this app on FILE (default: the seed) with Streamlit."""
    import subprocess

    cmd = [sys.executable, "-m", "streamlit", "run", str(Path(__file__).resolve()),
           "--server.headless", "true", "--browser.gatherUsageStats", "false", "--", *argv]
    return subprocess.call(cmd)


if __name__ == "__main__":
    main()
