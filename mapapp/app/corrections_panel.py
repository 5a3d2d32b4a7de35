"""The corrections of the text a reader sees: read each run, listed with when each step was made
and an undo for each (removed places stay listed, so they can always come back), clear all,
export/import of the corrections file, the reader's link, publishing, and what the fixes
suggest about the rest of the text.

Published corrections reach other readers of the text without a reload: on a shared server
a fragment polls the store's version (one stat) and reruns the page only when it changed.
"""
from __future__ import annotations

import streamlit as st

from mapapp import corrections as corr
from mapapp.app import correcting, fixes
from mapapp.app.components import lazy_expander
from mapapp.app.correcting import Target
from mapapp.app.labels import download_stem, md_text, plural
from mapapp.app.place_search import Pick
from mapapp.corrections.store import dump
from mapapp.model import Document
from mapapp.places.candidates import choice_of, options_for, other_points
from mapapp.places.evidence import Fix, Suggestion, suggestions

#: How often a reader's page asks whether the published corrections changed.
POLL_SECONDS = 3.0
VERSION_KEY = "fix_version"
MAX_SUGGESTIONS = 3
#: Session key of the corrections expander (open or not).
PANEL_OPEN = "corrections_open"


def load(text: str, layer_dir, text_hash: str) -> list[corr.Correction]:
    """The corrections in force for this reader (the old per-folder file adopted once per
    text); one line when a stored file cannot be read."""
    store = corr.CorrectionStore()
    if st.session_state.get("fix_adopted") != text_hash:
        st.session_state.fix_adopted = text_hash
        corr.adopt_legacy(store, text, layer_dir)
    st.session_state[VERSION_KEY] = store.version(text_hash)
    set_id = correcting.current_set()
    problem = store.problem(text_hash, set_id)
    if problem:
        st.warning(md_text(problem))
    return store.effective(text_hash, set_id)


@st.fragment(run_every=POLL_SECONDS)
def _watch(text_hash: str) -> None:
    if corr.CorrectionStore().version(text_hash) != st.session_state.get(VERSION_KEY):
        st.rerun(scope="app")


def follow_published(text_hash: str) -> None:
    """On a shared server, rerun the page when an editor published corrections of this text
    (draws nothing). Running locally the one user is the editor: nobody else publishes, and
    the page stays silent between the reader's own actions."""
    if corr.editor_required():
        _watch(text_hash)


def _fixes(doc: Document, applied: list[corr.Correction]) -> list[Fix]:
    """The reader's re-assignments as evidence: one per step, its first mention."""
    from mapapp.gazetteer.query import get_gazetteer

    gaz = get_gazetteer()
    out, seen = [], set()
    for c in applied:
        if c.choice is None or c.original is None or c.action in seen:
            continue
        place = next((p for p in doc.places if p.id == c.choice.id), None)
        mention = place and next((m for m in place.mentions if (m.start, m.end) == c.span), None)
        if mention is not None:
            seen.add(c.action)
            out.append(Fix(mention, choice_of(c.choice.candidate(), gaz, other_points(doc, place))))
    return out


def _suggestions(doc: Document, applied: list[corr.Correction]) -> list[Suggestion]:
    found = _fixes(doc, applied)
    return suggestions(doc, found, options_for(doc))[:MAX_SUGGESTIONS] if found else []


def show_suggestions(doc: Document, applied: list[corr.Correction], text_hash: str) -> None:
    """What the reader's fixes suggest, each with a button: shown, never applied unasked."""
    for i, s in enumerate(_suggestions(doc, applied)):
        with st.container(border=True, key=f"suggestion_{i}"):
            st.caption(md_text(s.reason))
            spans = [(m.start, m.end, m.text, m.original if m.corrected else s.place_id) for m in s.mentions]
            st.button(md_text(f"Move {plural(len(s.mentions), 'mention')} to {s.suggested.label}"),
                      key=f"suggest_{i}", on_click=correcting.apply_step,
                      args=(text_hash, spans, Pick(ref=corr.PlaceRef.of(s.suggested)),
                            f"Moved {plural(len(s.mentions), 'mention')} to {s.suggested.name}"))


def _step_rows(steps: list[fixes.Step], names: dict[str, str], text_hash: str, editor: bool) -> None:
    for step in steps:
        label = fixes.step_label(step, names)
        with st.container(horizontal=True, vertical_alignment="center", key=f"step_{step.action}"):
            st.markdown(f"{md_text(label)}  \n:gray[{fixes.made_when(step.first.made_at)}"
                        f"{' · published' if step.published else ''}]", width="stretch")
            may = editor if step.published else True
            st.button("Undo", key=f"undo_{step.action}", icon=":material/undo:", disabled=not may,
                      help=None if may else "Only an editor can undo a published correction",
                      on_click=correcting.undo,
                      args=(text_hash, step.action, None if step.published else correcting.current_set(), label))


def _publish(t: Target, mine: int) -> None:
    if not mine:
        return
    if corr.editor_required():
        st.text_input("Editor password", type="password", key=correcting.TOKEN_KEY,
                      help="Publishing makes these corrections what every reader of this text sees.")
    st.button(f"Publish {plural(mine, 'correction')}", key="fix_publish", icon=":material/public:",
              disabled=not correcting.is_editor(), on_click=correcting.publish, args=(t,),
              help="Every reader of this text will see them" if correcting.is_editor()
              else "Only an editor can publish: enter the editor password")


def _files(t: Target, stem: str, in_force: list[corr.Correction]) -> None:
    st.download_button("Export corrections", dump(in_force, t.text_hash), f"{stem}_corrections.json",
                       "application/json", key="fix_export", icon=":material/download:", on_click="ignore")
    # Shown only when asked for: the page keeps one file input (the text's) until then.
    if st.toggle("Import a corrections file", key="fix_import_open"):
        key = f"fix_import_{st.session_state.get('fix_import_round', 0)}"
        st.file_uploader("A corrections file exported from mapapp", type=["json"], key=key,
                         on_change=correcting.import_file, args=(t, key))


def where_saved(t: Target) -> str:
    if t.set_id is None:
        return "You are the editor here: corrections are saved for every reader of this text."
    return ("Your corrections are your own: only this page's link shows them "
            "(copy the address to come back or share them).")


def panel(doc: Document, base: Document, src_name: str, text_hash: str,
          in_force: list[corr.Correction], applied: corr.Applied) -> None:
    """The corrections expander of the text view (built only while open)."""
    t = correcting.target(text_hash)
    store = corr.CorrectionStore()
    published = store.corrections(text_hash)
    mine = store.corrections(text_hash, t.set_id) if t.set_id else []
    steps = fixes.steps(published, mine)
    shelf = lazy_expander(f"Corrections ({len(steps)})", PANEL_OPEN, icon=":material/edit_note:")
    if shelf is None:
        return
    with shelf:
        st.caption(where_saved(t))
        show_suggestions(doc, applied.applied, text_hash)
        if applied.orphaned:
            st.caption(f"{plural(len(applied.orphaned), 'correction')} no longer find their words in this "
                       "text and are not applied.")
        names = {p.id: p.name for p in base.places}
        _step_rows(steps, names, text_hash, correcting.is_editor())
        if not steps:
            st.caption("No corrections yet. Choose a place to correct it, or add a missed one.")
        _publish(t, len(mine))
        with st.container(horizontal=True):
            if t.set_id is not None and mine or t.set_id is None and published and correcting.is_editor():
                st.button("Clear all", key="fix_clear", icon=":material/delete_sweep:",
                          on_click=correcting.clear, args=(t,))
        _files(t, download_stem(src_name), in_force)
