"""A text's Document for the text page: its saved layers when they match, else a geoparse in
the shared pool with a progress bar."""
from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import streamlit as st

from mapapp.app.jobs import GeoparseJobs, Job
from mapapp.app.labels import md_text
from mapapp.app.sources import Source
from mapapp.errors import UserError
from mapapp.io.layerfiles import LoadedLayers, load_layers
from mapapp.model import Document


def _run_geoparse(text: str, lang: str, online: bool, **limits) -> Document:
    from mapapp import geoparse

    return geoparse(text, None if lang == "auto" else lang, online=online, **limits)


@st.cache_resource(show_spinner=False)
def _jobs(online: bool) -> GeoparseJobs:
    """One pool per server process, shared by every reader's session; texts looked up online get
    their own pool, so a slow geocoder never holds up the offline geoparses (and a cached
    offline result is never served to a reader who asked for online look-ups)."""
    return GeoparseJobs(partial(_run_geoparse, online=online))


@st.cache_resource(show_spinner=False, max_entries=8)
def _saved_layers(layer_dir: str, text: str, stamp: float) -> LoadedLayers:
    return load_layers(Path(layer_dir), text)


def _stamp(path: Path) -> float:
    """Modification time, so the cache notices when layers are rebuilt."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _wait_with_progress(jobs: GeoparseJobs, job: Job, name: str, chars: int) -> None:
    """A progress box while the geoparse runs, gone once it is done: a box left above the map
    pushed it down on the first load only, so the page moved between loads."""
    slot = st.empty()
    with slot.container(), st.status(f"Geoparsing {name} ({chars / 1000:,.0f} thousand characters)…",
                                     expanded=True):
        bar = st.progress(0.0)
        while not job.future.done():
            elapsed = jobs.now() - job.started
            bar.progress(job.progress(jobs.now()), text=f"{elapsed:.0f} s")
            try:
                job.future.result(timeout=0.5)
            except Exception:
                pass
    slot.empty()


def document_for(src: Source, lang: str, online: bool) -> Document | None:
    """Saved layers when they match the text (fast start), else a geoparse with progress.

    Broken layer files are named and the readable ones shown; None (after an
    error message) when the text cannot be geoparsed.
    """
    if src.path is not None and lang == "auto" and not online:
        loaded = _saved_layers(str(src.layer_dir), src.text, _stamp(src.layer_dir / "passages.json"))
        if loaded.errors:
            st.warning("Some saved layers could not be read and were left out:  \n"
                       + "  \n".join(md_text(e) for e in loaded.errors))
        if loaded.doc is not None:
            return loaded.doc
    jobs = _jobs(online)
    job = jobs.submit(src.text, lang, reader=st.runtime.scriptrunner.get_script_run_ctx().session_id)
    name = md_text(src.name)
    if not job.future.done():
        _wait_with_progress(jobs, job, name, len(src.text))
    try:
        return job.future.result()
    except UserError as exc:
        st.error(md_text(str(exc)))
        return None
    except Exception as exc:
        st.error(f"{name} could not be geoparsed ({type(exc).__name__}). "
                 "Try another text or file; the error is in the server log.")
        print(f"mapapp: geoparse of {src.name!r} failed: {exc!r}", file=sys.stderr)
        return None
