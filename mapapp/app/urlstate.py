"""What a link carries: the chosen place, passage and layers, a pasted text's hash and a
reader's correction set.

Free of Streamlit so it can be tested directly: the pages read a ``UrlState`` from
``st.query_params`` when a session starts and write the current one back after
every run, so a copied address re-opens the same view.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

_TEXT_ID = re.compile(r"[0-9a-f]{12}")
_SET_ID = re.compile(r"[A-Za-z0-9_-]{22}")
_MAX_PARAM = 200


@dataclass(frozen=True)
class UrlState:
    """A view as a link has it; ``passage`` is 0-based here and ¶-numbered in the address,
    ``layers`` is None when all are on."""

    place: str | None = None
    passage: int | None = None
    layers: tuple[str, ...] | None = None
    text: str | None = None
    fix: str | None = None


def is_text_id(value: str | None) -> bool:
    """A pasted text's hash as ``sources.text_id`` makes it (never a path)."""
    return bool(value) and _TEXT_ID.fullmatch(value) is not None


def _one(params: Mapping[str, str | Sequence[str]], name: str) -> str | None:
    value = params.get(name)
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    value = (value or "").strip()
    return value[:_MAX_PARAM] or None


def from_params(params: Mapping[str, str | Sequence[str]], all_layers: Sequence[str]) -> UrlState:
    """The view a link asks for; malformed parts (a ¶ that is no number, an unknown layer,
    a text id that is no hash) are ignored rather than refused."""
    passage = _one(params, "p")
    layers = _one(params, "layers")
    text = _one(params, "text")
    fix = _one(params, "fix")
    shown = None
    if layers is not None:
        shown = tuple(layer for layer in all_layers if layer in layers.split(","))
    return UrlState(place=_one(params, "place"),
                    passage=int(passage) - 1 if passage and passage.isdigit() and int(passage) > 0 else None,
                    layers=None if layers == "all" else shown,
                    text=text if is_text_id(text) else None,
                    fix=fix if fix and _SET_ID.fullmatch(fix) else None)


def to_params(state: UrlState, all_layers: Sequence[str]) -> dict[str, str]:
    """The query parameters of ``state``: only what differs from the opening view."""
    out: dict[str, str] = {}
    if state.text:
        out["text"] = state.text
    if state.fix:
        out["fix"] = state.fix
    if state.place:
        out["place"] = state.place
    elif state.passage is not None:
        out["p"] = str(state.passage + 1)
    if state.layers is not None and list(state.layers) != list(all_layers):
        out["layers"] = ",".join(state.layers) or "none"
    return out
