"""The words of the correction workflow, and the spans a step corrects. Free of Streamlit so it
can be tested directly.

A reader picks mentions by what they say, not by character offsets: "¶16: … die
Armenien …"; a step covers every mention of a place (or every occurrence of the
words a reader adds) unless one is chosen; the corrections panel lists each step
once, as the reader made it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Sequence

from mapapp.corrections import Correction
from mapapp.model import Document, Mention, Place

#: Words shown either side of a mention in a picker.
CONTEXT_WORDS = 3
ALL = "all"


@dataclass(frozen=True)
class Step:
    """One action of the corrections panel: the corrections it made and where they are kept."""

    action: str
    corrections: tuple[Correction, ...]
    published: bool

    @property
    def first(self) -> Correction:
        return self.corrections[0]


def passage_of(doc: Document, offset: int) -> int:
    return next((p.index for p in doc.passages if p.start <= offset < p.end), 0)


def context_label(doc: Document, start: int, end: int, words: int = CONTEXT_WORDS) -> str:
    """"¶16: … die Armenien …": the passage and a few words either side, on one line."""
    passage = doc.passages[passage_of(doc, start)] if doc.passages else None
    lo, hi = (passage.start, passage.end) if passage else (0, len(doc.text))
    before = re.search(r"(?:\S+\s+){0,%d}\S*$" % words, doc.text[lo:start]).group()
    after = re.match(r"\S*(?:\s+\S+){0,%d}" % words, doc.text[end:hi]).group()
    head = "… " if len(before) < start - lo else ""
    tail = " …" if len(after) < hi - end else ""
    snippet = " ".join((before + doc.text[start:end] + after).split())
    where = f"¶{passage.index + 1}: " if passage else ""
    return f"{where}{head}{snippet}{tail}"


def quoted(surfaces: Sequence[str]) -> str:
    """‘Ukraine’, or ‘Kasachstan’, ‘Kasachstans’ for a place named in several forms."""
    forms = list(dict.fromkeys(" ".join(s.split()) for s in surfaces))
    return ", ".join(f"‘{f}’" for f in forms[:3]) + (" …" if len(forms) > 3 else "")


def scope_label(mentions: Sequence[Mention]) -> str:
    """"All 10 mentions of ‘Ukraine’" (or "The one mention of ‘Almaty’")."""
    if len(mentions) == 1:
        return f"The one mention of {quoted([mentions[0].text])}"
    return f"All {len(mentions)} mentions of {quoted([m.text for m in mentions])}"


def occurrences(text: str, words: str) -> list[tuple[int, int]]:
    """Every place ``words`` stand in ``text`` as whole words (case as typed; any run of
    spaces or a line break between words), in text order."""
    parts = words.split()
    if not parts:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(p) for p in parts) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def mention_owner(doc: Document) -> dict[tuple[int, int], str]:
    """The place id each mention's span is on the map as."""
    return {(m.start, m.end): p.id for p in doc.places for m in p.mentions}


def add_spans(doc: Document, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, str, str | None]]:
    """The spans a reader adds, each with its surface and the place it is on the map as now
    (None where the geoparser missed it)."""
    owner = mention_owner(doc)
    return [(s, e, doc.text[s:e], owner.get((s, e))) for s, e in spans]


def place_spans(place: Place, mentions: Sequence[Mention]) -> list[tuple[int, int, str, str | None]]:
    """The spans of ``mentions`` of ``place``, each with the geoparser's place (kept when a
    mention is corrected again)."""
    return [(m.start, m.end, m.text, m.original if m.corrected else place.id) for m in mentions]


def steps(published: Sequence[Correction], mine: Sequence[Correction]) -> list[Step]:
    """Each action once, the newest first (a reader's own after the published ones made earlier)."""
    out: list[Step] = []
    for is_published, items in ((True, published), (False, mine)):
        by_action: dict[str, list[Correction]] = {}
        for c in items:
            by_action.setdefault(c.action, []).append(c)
        out += [Step(a, tuple(cs), is_published) for a, cs in by_action.items()]
    return sorted(out, key=lambda s: s.first.made_at, reverse=True)


def step_label(step: Step, names: dict[str, str]) -> str:
    """"‘Ukraine’ (10 mentions) → Kyiv", "‘Almaty’ → not a place", "added ‘Bodensee’ → Lake Constance"."""
    c = step.first
    what = quoted([x.surface for x in step.corrections])
    if len(step.corrections) > 1:
        what += f" ({len(step.corrections)} mentions)"
    target = "not a place" if c.choice is None else c.choice.name
    verb = "added " if c.original is None and c.choice is not None else ""
    was = names.get(c.original or "")
    return f"{verb}{what} → {target}" + (f" (was {was})" if was and c.choice is not None else "")


def made_when(made_at: str, now: datetime | None = None) -> str:
    """"08:52" today (UTC, as stored), "28 Nov 08:52" before."""
    try:
        when = datetime.fromisoformat(made_at)
    except ValueError:
        return ""
    now = now or datetime.now(timezone.utc)
    if when.date() == now.date():
        return when.strftime("%H:%M UTC")
    return when.strftime("%d %b %H:%M UTC")
