"""Every piece of HTML a reader sees, from autoescaped Jinja2 templates (``templates/*.html.j2``).

Texts, place names and document titles come from readers, gazetteers and corpora:
the templates escape all of them, so none can become markup. The app shows this
HTML with ``st.html``, never through Markdown, so a text cannot fetch images,
make links or typeset maths either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader

from mapapp.model import Document, Mention, Passage, Place
from mapapp.render.style import color_for

if TYPE_CHECKING:
    from mapapp.corpus.reader import DocumentHit

_ENV = Environment(loader=PackageLoader("mapapp.render", "templates"), autoescape=True,
                   trim_blocks=True, lstrip_blocks=True)
_LINE_ENDS = re.compile(r"\r\n?")

Spans = dict[int, list[tuple[Mention, Place]]]


def render(template: str, **context) -> str:
    """``templates/<template>`` rendered with every value escaped."""
    return _ENV.get_template(template).render(**context)


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` as ``\\n``: every panel shows one kind of line end."""
    return _LINE_ENDS.sub("\n", text)


def luminance(color: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Mark:
    """How one mention is marked: its place, and whether that place is the chosen one."""

    place_id: str
    name: str
    color: str
    strong: bool

    @property
    def background(self) -> str:
        return self.color if self.strong else self.color + "2e"

    @property
    def foreground(self) -> str:
        """White or near-black, whichever reads better on the solid colour; faint marks keep
        the page's own text colour, so they follow a light or dark theme."""
        if not self.strong:
            return "inherit"
        return "#ffffff" if contrast(self.color, "#ffffff") >= contrast(self.color, "#111111") else "#111111"


@dataclass(frozen=True)
class Segment:
    """A run of text, marked when it is a mention."""

    text: str
    mark: Mark | None = None


@dataclass(frozen=True)
class ShownPassage:
    """A passage as the panels show it: its 1-based number and its marked text; ``linked``: its
    ¶ is a button that shows the passage's places (the app's text page)."""

    number: int
    segments: tuple[Segment, ...]
    chosen: bool = False
    linked: bool = False


def marked_segments(text: str, offset: int, spans: Iterable[tuple[Mention, Place]],
                    strong: set[str] = frozenset()) -> tuple[Segment, ...]:
    """``text`` (starting at ``offset`` in its document) cut at its mentions.

    Mentions of the places in ``strong`` get a solid background so the chosen place
    stands out; overlapping or out-of-range mentions are left unmarked.
    """
    out, pos = [], 0
    for m, place in sorted(spans, key=lambda mp: mp[0].start):
        a, b = m.start - offset, m.end - offset
        if a < pos or b > len(text) or a < 0:
            continue
        if a > pos:
            out.append(Segment(normalize_newlines(text[pos:a])))
        mark = Mark(place.id, place.name, color_for(place.layer, place.category), place.id in strong)
        out.append(Segment(normalize_newlines(text[a:b]), mark))
        pos = b
    if pos < len(text):
        out.append(Segment(normalize_newlines(text[pos:])))
    return tuple(out)


def spans_by_passage(doc: Document) -> Spans:
    """Mentions grouped by passage once, so marking a page of a long text is not quadratic."""
    out: Spans = {}
    for m, p in doc.mentions():
        out.setdefault(m.passage, []).append((m, p))
    return out


def shown_passage(passage: Passage, spans: Spans, strong: set[str] = frozenset(),
                  chosen: bool = False) -> ShownPassage:
    """A passage of the app's text page: its ¶ shows the passage's places."""
    return ShownPassage(passage.index + 1,
                        marked_segments(passage.text, passage.start, spans.get(passage.index, []), strong),
                        chosen, linked=True)


def passages_html(passages: Sequence[ShownPassage]) -> str:
    """Passages, each with its number and its mentions marked."""
    return render("passages.html.j2", passages=passages)


def passage_html(doc: Document, passage: Passage, strong: set[str] = frozenset(),
                 spans: Spans | None = None) -> str:
    """One passage of ``doc`` as HTML."""
    spans = spans_by_passage(doc) if spans is None else spans
    return passages_html([shown_passage(passage, spans, strong)])


def place_details_html(kind: str, country: str, count_line: str, coords: str = "",
                       source: str = "") -> str:
    """The lines under a place's name: kind and country, position and source, how often named."""
    return render("place_details.html.j2", kind=kind, country=country, coords=coords,
                  source=source, count_line=count_line)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are offered: a ``javascript:`` URL in the data must not become a link."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


@dataclass(frozen=True)
class ShownDocument:
    title: str
    date: str | None
    url: str | None
    passages: tuple[ShownPassage, ...]


def shown_document(hit: DocumentHit, place: Place) -> ShownDocument:
    """A corpus document naming ``place``: title, date, a safe link, its passages marked."""
    passages = tuple(
        ShownPassage(p.index + 1, marked_segments(
            p.text, p.start, [(Mention(a, b, text, "toponym", p.index), place) for a, b, text in p.mentions],
            {place.id}))
        for p in hit.passages)
    return ShownDocument(" ".join((hit.title or hit.doc_id).split()), hit.date, safe_url(hit.url),
                         passages)


def documents_html(hits: Iterable[DocumentHit], place: Place, limit: int) -> tuple[str, int]:
    """The first ``limit`` documents of a place as HTML, and how many were left out."""
    hits = list(hits)
    shown = [shown_document(h, place) for h in hits[:limit]]
    return render("documents.html.j2", documents=shown), max(0, len(hits) - limit)


@dataclass(frozen=True)
class LegendEntry:
    label: str
    color: str
    shape: str


def legend_html(entries: Iterable[LegendEntry]) -> str:
    return render("legend.html.j2", entries=list(entries))


#: What a correction form takes from the page, and the hint that says so (app/bridge looks for
#: the hint's class before it sends a map click or a selection).
PICK_HINTS = {"point": "Or click the map where the place is.",
              "words": "Or select the words in the text."}


def pick_hint_html(kind: str) -> str:
    return render("pick_hint.html.j2", kind=kind, text=PICK_HINTS[kind])


def tooltip_label(name: str, count: int, unit: str) -> str:
    """A marker's tooltip (Leaflet inserts it as HTML): "name · 3 mentions"."""
    return render("tooltip.html.j2", name=name, count=count, unit=unit)


def app_style() -> str:
    """The app's own style sheet for the classes the templates use."""
    return render("app_style.html.j2")
