"""The two forms that correct the map: re-assign or remove a place (for one mention or all of
them, by default all, as one step), and add a place the geoparser missed (the words as they
stand in the text, then the place from the gazetteer search or a named point).

Candidates are told apart (category, region, country, population, distance to the text's
other places) and only real namesakes of the mention are offered; the one focused is
previewed on the map before anything is applied.
"""
from __future__ import annotations

import streamlit as st

from mapapp.app import correcting, fixes
from mapapp.app.components import lazy_expander
from mapapp.app.labels import md_text, plural
from mapapp.app.place_search import Pick, pick_place, set_preview
from mapapp.corrections import PlaceRef
from mapapp.model import Document, Place
from mapapp.places.candidates import choices
from mapapp.render.html import pick_hint_html

OTHER, NONE = "__search__", "__none__"
#: Session key of the "Add a missed place" expander (open or not).
ADD_OPEN = "add_place_open"


def _centre(doc: Document) -> tuple[float, float] | None:
    """Where the text's places are, so the search lists nearer namesakes first."""
    points = [(p.lat, p.lon) for p in doc.places if p.layer != "borders"]
    if not points:
        return None
    return (sorted(a for a, _ in points)[len(points) // 2], sorted(b for _, b in points)[len(points) // 2])


def _focus_choice(key: str, refs: dict[str, PlaceRef]) -> None:
    set_preview(refs.get(st.session_state.get(key)))


def correct_place(doc: Document, place: Place, text_hash: str, online: bool) -> None:
    """Re-assign this place's mentions to a namesake or any other place, or mark them not a place."""
    with st.expander("Correct this place", icon=":material/edit_location_alt:"):
        mentions = sorted(place.mentions, key=lambda m: m.start)
        by_start = {m.start: m for m in mentions}
        scopes = [fixes.ALL] + list(by_start) if len(mentions) > 1 else [mentions[0].start]
        scope = st.selectbox("Which mentions", scopes, key=f"fix_mention_{place.id}",
                             format_func=lambda s: fixes.scope_label(mentions) if s == fixes.ALL
                             else fixes.context_label(doc, by_start[s].start, by_start[s].end))
        picked = mentions if scope == fixes.ALL else [by_start[scope]]
        offered = choices(place, doc, picked[0])
        refs = {c.id: PlaceRef.of(c) for c in offered}
        labels = {c.id: c.label + (" (on the map now)" if c.current else "") for c in offered}
        labels |= {OTHER: "Another place: search the gazetteer…", NONE: "Not a place"}
        key = f"fix_choice_{place.id}"
        pick = st.radio("Means", list(labels), key=key, format_func=lambda i: md_text(labels[i]),
                        on_change=_focus_choice, args=(key, refs),
                        help="Choosing a place shows it on the map, ringed, before you apply it.")
        if pick == OTHER:
            chosen = pick_place("fix", "", online, doc.lang, _centre(doc))
        else:
            chosen = None if pick == NONE else Pick(ref=refs[pick])
        ready = pick == NONE or (chosen is not None and (chosen.ref or chosen.point) is not None
                                 and (chosen.ref is None or chosen.ref.id != place.id))
        n = plural(len(picked), "mention")
        target = "not a place" if pick == NONE else (chosen.ref.name if chosen and chosen.ref
                                                      else chosen.point[0] if chosen and chosen.point else "")
        follow = place.id if len(picked) < len(mentions) else None if pick == NONE else "choice"
        st.button(f"Apply to {n}" if len(picked) > 1 else "Apply to this mention", key="fix_apply",
                  type="primary", disabled=not ready, on_click=correcting.apply_step,
                  args=(text_hash, fixes.place_spans(place, picked), chosen,
                        f"{fixes.quoted([m.text for m in picked])} ({n}) → {target}", follow))


def _words_changed() -> None:
    st.session_state.add_query = st.session_state.get("add_words", "")
    set_preview(None)


def _take_selection() -> None:
    """Words the reader selected in the text (app/bridge sends them while this form shows its
    hint) become the words to add, before the input is drawn."""
    words = st.session_state.pop("text_selection", None)
    if words:
        st.session_state.add_words = words
        _words_changed()


def add_place(doc: Document, text_hash: str, online: bool) -> None:
    """A place the geoparser missed: the words in the text, then which place they name."""
    shelf = lazy_expander("Add a missed place", ADD_OPEN, icon=":material/add_location_alt:")
    if shelf is None:
        return
    with shelf:
        _take_selection()
        words = st.text_input("The words as they stand in the text", key="add_words",
                              placeholder="e.g. Bodensee", on_change=_words_changed)
        st.html(pick_hint_html("words"))
        found = fixes.occurrences(doc.text, words)
        if not words.strip():
            return
        if not found:
            st.caption(f"{md_text(words)} does not stand in this text as whole words (case as typed).")
            return
        ends = dict(found)
        scopes = [fixes.ALL] + [s for s, _ in found] if len(found) > 1 else [found[0][0]]
        scope = st.selectbox(f"Found {plural(len(found), 'time')}", scopes, key="add_scope",
                             format_func=lambda s: f"All {len(found)} times" if s == fixes.ALL
                             else fixes.context_label(doc, s, ends[s]))
        spans = found if scope == fixes.ALL else [(scope, ends[scope])]
        chosen = pick_place("add", words, online, doc.lang, _centre(doc))
        ready = (chosen.ref or chosen.point) is not None
        target = chosen.ref.name if chosen.ref else chosen.point[0] if chosen.point else ""
        st.button(f"Add {plural(len(spans), 'mention')}", key="add_apply", type="primary",
                  disabled=not ready, on_click=correcting.apply_step,
                  args=(text_hash, fixes.add_spans(doc, spans), chosen,
                        f"Added {fixes.quoted([words])} ({plural(len(spans), 'mention')}) → {target}"))
