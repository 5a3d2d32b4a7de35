"""Qualifiers right after a name that narrow down its namesakes: ", Texas", " (Russland)", ", Kan."."""
from __future__ import annotations

from mapapp.gazetteer.names import name_key
from mapapp.gazetteer.query import Gazetteer, NameHit
from mapapp.mentions import local
from mapapp.mentions.span import Span
from mapapp.mentions.tokens import Words, strip_inflection


def qualify(gaz: Gazetteer, text: str, ws: Words, j: int, offset: int, cand: Span,
            lang: str) -> None:
    """Set ``cand``'s qualifier (and its own span) when a country, state or abbreviation follows at ``j``."""
    if j >= len(ws.texts) or cand.kind != "toponym":
        return
    texts = ws.texts
    gap = text[cand.end - offset:ws.starts[j] - offset]
    if gap == " " and texts[j] in ("in", "im") and j + 1 < len(texts):
        j += 1
        gap = ", "
    if gap not in (", ", " (", "(", " ,") or not ws.caps[j]:
        return
    abbreviation = local.abbreviations().get(texts[j])
    state = gaz.by_id(abbreviation[0]) if abbreviation and gap in (", ", " ,") else None
    if state is not None and abbreviation[1] == "district":  # "Washington, D.C." is one name
        cand.qualifier, cand.end = state.id, ws.ends[j]
        cand.text = text[cand.start - offset:cand.end - offset]
        return
    if state is not None:  # "Emporia, Kan.", "Paris, TX"
        _set_qualifier(cand, NameHit(state, False, True), text, ws, j, 1, offset, name_key(state.name))
        return
    words = [texts[j]]
    k = j
    while k + 1 < len(texts) and ws.caps[k + 1] and ws.gaps[k + 1] == " " and len(words) < 3:
        k += 1
        words.append(texts[k])
    for n in range(len(words), 0, -1):
        key = name_key(" ".join(words[:n]))
        hits = gaz.lookup(key)
        if not hits:
            for base in strip_inflection(words[n - 1], lang):
                hits = gaz.lookup(name_key(" ".join([*words[:n - 1], base])))
                if hits:
                    break
        qual = next((h for h in hits if h.entry.is_country or
                     h.entry.category in ("state", "admin1")), None)
        if qual is not None:
            _set_qualifier(cand, qual, text, ws, j, n, offset, name_key(" ".join(words[:n])))
            return


def _set_qualifier(cand: Span, qual: NameHit, text: str, ws: Words, j: int, n: int,
                   offset: int, key: str) -> None:
    start, end = ws.starts[j], ws.ends[j + n - 1]
    cand.qualifier = qual.entry.id
    cand.qualifier_span = Span(
        start, end, text[start - offset:end - offset], cand.passage,
        "toponym", key, (qual,), zipf=0.0, ntokens=n, lexical="proper", qualifier_tokens=j + n)
