"""Where this reader's corrections go, and the steps that change them (run as button callbacks,
before the script redraws, each ending in a confirmation toast).

A reader's corrections are their own correction set, named by an unguessable id in the
address (``?fix=``), so they can come back to it or share it. Running locally (no
``MAPAPP_EDITOR_TOKEN``) the one user is the editor and saves straight to the published
corrections, until a set's link is opened; on a shared server a reader's first correction
starts a set, and publishing it asks for the editor token.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import streamlit as st

from mapapp import corrections as corr
from mapapp.app.place_search import Pick, set_preview
from mapapp.corrections.store import is_set_id
from mapapp.errors import UserError

SET_KEY = "fix_set"
TOAST_KEY = "fix_toast"
TOKEN_KEY = "editor_token"
#: The widgets of the correction forms (correct_forms, place_search), forgotten with their text.
FORM_KEYS = ("add_", "fix_mention", "fix_choice", "fix_query", "fix_hit_", "fix_how", "fix_pname",
             "fix_lat", "fix_lon", "fix_players", "fix_preview")


@dataclass(frozen=True)
class Target:
    """The text being corrected and the reader's set (None: saving to published)."""

    text_hash: str
    set_id: str | None


def adopt_link(set_id: str | None) -> None:
    """A ``?fix=`` link opens that correction set (once per session)."""
    if set_id and is_set_id(set_id) and not st.session_state.get("fix_link_done"):
        st.session_state.fix_link_done = True
        st.session_state[SET_KEY] = set_id


def forget_forms(doc_key: str) -> None:
    """A new text starts with empty forms (the words, search and choice of the last text mean nothing here)."""
    if st.session_state.get("fix_forms_of") != doc_key:
        st.session_state.fix_forms_of = doc_key
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(FORM_KEYS)]:
            del st.session_state[key]


def current_set() -> str | None:
    return st.session_state.get(SET_KEY)


def token() -> str | None:
    return st.session_state.get(TOKEN_KEY) or None


def is_editor() -> bool:
    return corr.is_editor(token())


def target(text_hash: str) -> Target:
    return Target(text_hash, current_set())


def _saving_set() -> str | None:
    """The set to save to, started on a shared server at the reader's first correction."""
    if current_set() is None and corr.editor_required():
        st.session_state[SET_KEY] = corr.new_set_id()
    return current_set()


def toast(message: str, notice: str | None = None, icon: str = ":material/check_circle:") -> None:
    st.session_state[TOAST_KEY] = (message + (f" ({notice})" if notice else ""), icon)


def show_toast() -> None:
    """The confirmation of the last step (or why it was refused), once."""
    pending = st.session_state.pop(TOAST_KEY, None)
    if pending:
        st.toast(pending[0], icon=pending[1])


def _done(message: str, saved: corr.Saved | corr.Imported) -> None:
    set_preview(None)
    toast(message, saved.notice)


def _failed(exc: UserError) -> None:
    toast(str(exc), icon=":material/block:")


def apply_step(text_hash: str, spans: Sequence[tuple[int, int, str, str | None]], pick: Pick | None,
               message: str, follow: str | None = None) -> None:
    """Save one step (``pick`` None: not a place) as one action; ``follow`` selects a place after."""
    choice = pick.resolve() if pick is not None else None
    new = corr.make_corrections(text_hash, list(spans), choice)
    try:
        saved = corr.CorrectionStore().add(text_hash, new, _saving_set(), token())
    except UserError as exc:
        _failed(exc)
        return
    st.session_state.place = choice.id if follow == "choice" and choice is not None else follow
    _done(message, saved)


def undo(text_hash: str, action: str, set_id: str | None, label: str) -> None:
    try:
        saved = corr.CorrectionStore().undo(text_hash, action, set_id, token())
    except UserError as exc:
        _failed(exc)
        return
    _done(f"Undone: {label}", saved)


def clear(t: Target) -> None:
    store = corr.CorrectionStore()
    try:
        saved = store.clear(t.text_hash, t.set_id, token())
    except UserError as exc:
        _failed(exc)
        return
    _done("Your corrections of this text are cleared" if t.set_id else
          "The corrections of this text are cleared for every reader", saved)


def publish(t: Target) -> None:
    try:
        saved = corr.CorrectionStore().publish(t.text_hash, t.set_id, token())
    except UserError as exc:
        _failed(exc)
        return
    _done("Published: every reader of this text now sees these corrections", saved)


def import_file(t: Target, key: str) -> None:
    upload = st.session_state.get(key)
    if upload is None:
        return
    try:
        done = corr.CorrectionStore().import_bytes(t.text_hash, upload.getvalue(),
                                                   t.set_id or _saving_set(), token())
    except UserError as exc:
        _failed(exc)
        return
    parts = [f"Imported {done.added} correction{'s' if done.added != 1 else ''}"]
    if done.refused:
        parts.append(f"{done.refused} made for another text left out")
    if done.malformed:
        parts.append(f"{done.malformed} unreadable left out")
    _done("; ".join(parts), done)
    st.session_state.fix_import_round = st.session_state.get("fix_import_round", 0) + 1
