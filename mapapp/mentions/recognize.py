"""Toponym recognition: the spans of a passage that may name places.

Recognition is gazetteer-driven: capitalised word sequences (and lowercase
place adjectives) are looked up exactly, then with German/English inflection
removed, then transliteration-folded.  Each span carries the evidence the
resolver weighs to accept or reject it (how common the word is, a locative
preposition before it, a qualifier after it like ", Texas" or "(Russland)",
whether it is part of a person's name).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from mapapp.mentions import local
from mapapp.mentions.demonyms import demonym_country
from mapapp.mentions.words import CALENDAR, ORG_WORDS, PERSON_TITLES, PREPOSITIONS, SPEECH_VERBS
from mapapp.gazetteer.query import Gazetteer, NameHit
from mapapp.gazetteer.names import name_key
from mapapp.io.paths import DATA_DIR

_TOKEN = re.compile(local.abbreviation_pattern() +
                    r"|(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-\u2010\u2011'\u2019][^\W\d_]+)*")
_SENT_CHARS = frozenset(".!?:;\u201e\u201c\u201d\"\u00ab\u00bb\u2026")
_CONNECTORS = {"de", "del", "da", "do", "dos", "das", "am", "an", "der", "upon", "on", "sur",
               "of", "la", "le", "al", "el", "im", "in", "y", "von"}
_MAX_SPAN = 5
#: Abbreviations that begin a name across their full stop: "St. Louis", "Ft. Worth".
_SAINTS = frozenset({"St", "Ste", "Ft", "Mt"})
_ARTICLES = frozenset({"The", "Der", "Die", "Das"})
#: Distinct word sequences memoised per recogniser: a long-running worker's memory stays flat.
LOOKUP_CACHE_SIZE = 200_000

BORDER_WORDS = {
    "de": re.compile(r"^(?:Land|Staats|See)?[Gg]renze(?:n|gebiet|gebiete|region|verlauf)?$|"
                     r"^(?:land|staats)grenze(?:n)?$"),
    "en": re.compile(r"^(?:border|borders|frontier|frontiers|boundary|borderline)$", re.I),
}


_HANTA_MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}
_PROPER_TAGS = {"NE", "FM", "NP0"}


@lru_cache(maxsize=2)
def _tagger(lang: str):
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger(_HANTA_MODELS[lang])


@lru_cache(maxsize=65536)
def lexical_class(word: str, lang: str) -> str:
    """"proper" or "common": how HanTa's lexicon reads a capitalised word out of context.

    German capitalises every noun and word frequencies mix "Moscow" the city with
    "reading" the verb, so the tagger's lexicon is the signal that separates
    Welt, Uran, Chaos, Region from Moskau, Wien, Washington.
    """
    if word.casefold() in CALENDAR:
        return "common"
    tags = _tagger(lang if lang in _HANTA_MODELS else "en").tag_word(word)
    return "proper" if not tags or tags[0][0] in _PROPER_TAGS else "common"


_BORDER_HINT = re.compile(r"renz|order|ront|ound", re.I)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    words: set[str] = set()
    for line in (DATA_DIR / "given_names.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(w.casefold() for w in line.split())
    return frozenset(words)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    sent_start: bool
    cap: bool


@dataclass
class Span:
    """A span that may name a place, with the evidence for and against it."""

    start: int
    end: int
    text: str
    passage: int
    kind: str
    key: str
    hits: tuple[NameHit, ...] = ()
    country: str = ""
    zipf: float = 0.0
    inflected: bool = False
    folded: bool = False
    preposition: bool = False
    sent_start: bool = False
    person: bool = False
    org: bool = False
    qualifier: str = ""
    ntokens: int = 1
    lexical: str = ""
    qualifier_span: "Span | None" = None
    qualifier_tokens: int = 0
    dateline: bool = False
    state_cue: bool = False
    notes: list[str] = field(default_factory=list)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words with offsets; a word is sentence-initial when the last character before it
    (skipping white space) ends a sentence or opens a quotation."""
    tokens: list[Token] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        start, word = m.start(), m.group()
        between = text[prev_end:start].rstrip()
        last = between[-1:] if between else text[prev_end - 1:prev_end]
        tokens.append(Token(start + offset, m.end() + offset, word,
                            not tokens or last in _SENT_CHARS, word[:1].isupper()))
        prev_end = m.end()
    return tokens


def _strip_inflection(word: str, lang: str) -> list[str]:
    """Base forms a German or English inflected name may come from (Kasachstans -> Kasachstan)."""
    out = []
    if word.endswith(("'s", "\u2019s")):
        out.append(word[:-2])
    if word.endswith(("s'", "s\u2019")):
        out.append(word[:-1])
    if lang == "de":
        if word.endswith("ns"):
            out.append(word[:-1])
        if word.endswith("es") and len(word) > 5:
            out.append(word[:-2])
        if word.endswith("s") and len(word) > 4:
            out.append(word[:-1])
        if word.endswith("n") and len(word) > 4:
            out.append(word[:-1])
    return out


class Recognizer:
    """Finds candidate place spans in passages, using one shared gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._generation = gazetteer.generation
        self._cached_lookup = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup_uncached)

    def _lookup(self, words: list[str], lang: str) -> tuple[tuple[NameHit, ...], str, bool, bool]:
        if self.gaz.generation != self._generation:  # the index was repaired: forget the old hits
            self._cached_lookup.cache_clear()
            self._generation = self.gaz.generation
        return self._cached_lookup(tuple(words), lang)

    def _lookup_uncached(self, words: tuple[str, ...], lang: str) -> tuple[tuple[NameHit, ...], str, bool, bool]:
        key = name_key(" ".join(words))
        if words[-1].endswith(("'s", "\u2019s")):  # "Canada's" is Canada before it is Cañadas
            bkey = name_key(" ".join([*words[:-1], words[-1][:-2]]))
            hits = self.gaz.lookup(bkey)
            if hits:
                return hits, bkey, True, False
        hits = self.gaz.lookup(key)
        if hits:
            return hits, key, False, False
        for base in _strip_inflection(words[-1], lang):
            bkey = name_key(" ".join([*words[:-1], base]))
            hits = self.gaz.lookup(bkey)
            if hits:
                return hits, bkey, True, False
        if len(key) >= 5:
            hits = self.gaz.lookup(key, fold=True)
            if hits:
                return hits, key, False, True
            for base in _strip_inflection(words[-1], lang):
                bkey = name_key(" ".join([*words[:-1], base]))
                if len(bkey) >= 5:
                    hits = self.gaz.lookup(bkey, fold=True)
                    if hits:
                        return hits, bkey, True, True
        return (), key, False, False

    def spans(self, text: str, passage_index: int, offset: int, lang: str) -> list[Span]:
        """All candidate spans of one passage (``text``), with offsets into the document."""
        tokens = tokenize(text, offset)
        persons = self._person_tokens(tokens, lang)
        preps = PREPOSITIONS.get(lang, PREPOSITIONS["en"])
        out: list[Span] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            cand = None
            skip = self._not_a_place(text, tokens, i, offset) if tok.cap else 0
            if skip:
                i += skip
                continue
            if tok.cap and i not in persons:
                cand = self._longest_place(text, tokens, i, offset, lang, passage_index)
                if tok.text.casefold() in local.FEATURE_HEADS and (cand is None or cand.ntokens == 1):
                    run = self._feature_run(text, tokens, i, offset)
                    if run > 1:  # "Lake Michigan" unknown to the gazetteer is still not the state
                        i += run
                        continue
                if cand is not None and cand.ntokens == 1 and demonym_country(tok.text) and \
                        not any(h.entry.is_country for h in cand.hits):
                    cand = None
                if cand is not None and cand.ntokens == 1:
                    word = re.sub(r"['\u2019]s?$", "", tok.text)
                    cand.lexical = "" if word.isupper() else lexical_class(word, lang)
            if cand is None:
                cand = self._demonym_or_border(tok, passage_index, lang)
                if cand is None and "-" in tok.text:
                    cand = self._hyphen_part(tok, passage_index, lang)
            if cand is None:
                i += 1
                continue
            self._evidence(cand, text, tokens, i, offset, preps)
            nxt = i + cand.ntokens
            self._qualifier(text, tokens, nxt, offset, cand, lang)
            out.append(cand)
            i = nxt
            if cand.qualifier_span is not None:
                out.append(cand.qualifier_span)
                i = cand.qualifier_span.qualifier_tokens
        return out

    def _evidence(self, cand: Span, text: str, tokens: list[Token], i: int, offset: int,
                  preps: set[str]) -> None:
        """What the words around a span say: a preposition, a title, an organisation, a dateline."""
        tok = tokens[i]
        cand.sent_start = tok.sent_start
        prev = tokens[i - 1].text.casefold() if i > 0 else ""
        before = tokens[i - 2].text.casefold() if i > 1 else ""
        cand.preposition = prev in preps or (before in preps and prev in {"der", "dem", "den", "the", "die"})
        cand.person = prev in PERSON_TITLES and not any(h.entry.is_country for h in cand.hits)
        nxt = i + cand.ntokens
        follow = []
        for k in range(nxt, min(nxt + 3, len(tokens))):
            if text[tokens[k - 1].end - offset:tokens[k].start - offset] != " " or \
                    (k > nxt and not tokens[k].cap):
                break
            follow.append(tokens[k].text.casefold())
        state_word = follow[:1] == ["state"] and not tokens[nxt].cap  # "New York state" is the state
        org_tail = follow[:1] if not tokens[min(nxt, len(tokens) - 1)].cap else follow
        cand.org = not state_word and any(w in ORG_WORDS or w in local.ORG_TAIL_WORDS for w in org_tail)
        cand.state_cue = prev in local.STATE_CUES_BEFORE or (prev == "of" and before in local.STATE_CUES_BEFORE) \
            or (bool(follow) and follow[0] in local.STATE_CUES_AFTER)
        cand.dateline = tok.sent_start and tok.text.isupper() and len(tok.text) > 3 and \
            local.is_dateline_gap(text[tokens[nxt - 1].end - offset:])

    def _not_a_place(self, text: str, tokens: list[Token], i: int, offset: int) -> int:
        """Tokens to skip at ``i``: an organisation's name, or a state abbreviation out of place."""
        if tokens[i].text in local.abbreviations() and tokens[i].text.endswith("."):
            return 1
        if tokens[i].text in _ARTICLES and i + 1 < len(tokens):  # "The Bank of England", not "The Bank"
            after = self._not_a_place(text, tokens, i + 1, offset)
            return after + 1 if after else 0
        words = [tokens[i].text]
        for k in range(i + 1, min(i + 5, len(tokens))):
            if text[tokens[k - 1].end - offset:tokens[k].start - offset] not in (" ", "-"):
                break
            words.append(tokens[k].text)
        return local.organisation_length(words)

    def _feature_run(self, text: str, tokens: list[Token], i: int, offset: int) -> int:
        """Tokens of a physical feature's name headed at ``i`` ("Sea of Okhotsk"), or 1."""
        run, k = 1, i + 1
        while k < len(tokens) and k - i < _MAX_SPAN and \
                text[tokens[k - 1].end - offset:tokens[k].start - offset] == " " and \
                (tokens[k].cap or tokens[k].text in _CONNECTORS):
            k += 1
            if tokens[k - 1].cap:
                run = k - i
        return run

    def _longest_place(self, text: str, tokens: list[Token], i: int, offset: int, lang: str,
                       passage_index: int) -> Span | None:
        end = i
        words = [tokens[i].text]
        spans = [(i, list(words))]
        while end + 1 < len(tokens) and len(words) < _MAX_SPAN:
            gap = text[tokens[end].end - offset:tokens[end + 1].start - offset]
            if gap not in (" ", "-") and not (gap == ". " and tokens[end].text in _SAINTS):
                break
            nxt = tokens[end + 1]
            if not nxt.cap and nxt.text not in _CONNECTORS:
                break
            end += 1
            words.append(nxt.text)
            if nxt.cap:
                spans.append((end, list(words)))
        bracketed = self._bracketed_name(text, tokens, i, offset, lang, passage_index)
        if bracketed is not None:
            return bracketed
        for last, ws in reversed(spans):
            hits, key, inflected, folded = self._lookup(ws, lang)
            if hits:
                start, stop = tokens[i].start, tokens[last].end
                return Span(start, stop, text[start - offset:stop - offset], passage_index,
                                 "toponym", key, hits, zipf=self.gaz.zipf(key, lang),
                                 inflected=inflected, folded=folded, ntokens=last - i + 1)
        return None

    def _bracketed_name(self, text: str, tokens: list[Token], i: int, offset: int, lang: str,
                        passage_index: int) -> Span | None:
        """A name whose official form ends in brackets: "Frankfurt (Oder)", "Halle (Saale)"."""
        if i + 1 >= len(tokens) or text[tokens[i].end - offset:tokens[i + 1].start - offset] not in (" (", "("):
            return None
        close = tokens[i + 1].end - offset
        if text[close:close + 1] != ")" or not tokens[i + 1].cap:
            return None
        hits, key, inflected, folded = self._lookup([tokens[i].text, tokens[i + 1].text], lang)
        if not hits:
            return None
        start = tokens[i].start
        return Span(start, close + 1 + offset, text[start - offset:close + 1], passage_index, "toponym",
                    key, hits, zipf=self.gaz.zipf(key, lang), inflected=inflected, folded=folded, ntokens=2)

    def _demonym_or_border(self, tok: Token, passage_index: int, lang: str) -> Span | None:
        cc = demonym_country(tok.text)
        if cc:
            return Span(tok.start, tok.end, tok.text, passage_index, "demonym",
                             tok.text.casefold(), country=cc)
        pattern = BORDER_WORDS.get(lang, BORDER_WORDS["en"])
        if _BORDER_HINT.search(tok.text) and pattern.match(tok.text):
            return Span(tok.start, tok.end, tok.text, passage_index, "border",
                             tok.text.casefold())
        return None

    def _hyphen_part(self, tok: Token, passage_index: int, lang: str) -> Span | None:
        """Place adjectives inside compounds: russisch-orthodoxe, US-amerikanische, Russian-backed."""
        parts = re.split(r"[-\u2010\u2011]", tok.text)
        pos = tok.start
        for part in parts:
            cc = demonym_country(part)
            if cc:
                return Span(pos, pos + len(part), part, passage_index, "demonym",
                                 part.casefold(), country=cc)
            pos += len(part) + 1
        if lang == "en" and parts[0][:1].isupper():
            hits = self.gaz.lookup(name_key(parts[0]))
            countries = tuple(h for h in hits if h.entry.is_country)
            if countries:
                return Span(tok.start, tok.start + len(parts[0]), parts[0], passage_index,
                                 "toponym", name_key(parts[0]), countries,
                                 zipf=self.gaz.zipf(name_key(parts[0]), lang))
        return None

    def _person_tokens(self, tokens: list[Token], lang: str) -> set[int]:
        """Indices of tokens that belong to person names (given name + capitalised word)."""
        names = given_names()
        out: set[int] = set()
        for i, tok in enumerate(tokens[:-1]):
            nxt = tokens[i + 1]
            if tok.text.casefold() in names and nxt.cap and nxt.start - tok.end == 1:
                out.update((i, i + 1))
                if i + 2 < len(tokens) and tokens[i + 2].cap and tokens[i + 2].start - nxt.end == 1 \
                        and not self._is_strong_place(tokens[i + 2].text):
                    out.add(i + 2)
            if tok.text.casefold() in PERSON_TITLES and nxt.cap and not self._is_strong_place(nxt.text):
                out.add(i + 1)
        for i, tok in enumerate(tokens[:-1]):
            if tok.cap and tokens[i + 1].text in SPEECH_VERBS and not self._is_strong_place(tok.text):
                out.add(i)
        surnames = {tokens[i].text for i in out if i > 0 and (i - 1) in out}
        for i, tok in enumerate(tokens):
            base = tok.text[:-1] if tok.text.endswith("s") else tok.text
            if tok.text in surnames or base in surnames:
                out.add(i)
        return out

    def _is_strong_place(self, word: str) -> bool:
        keys = [name_key(word)] + [name_key(b) for b in _strip_inflection(word, "de")]
        return any(h.entry.is_country or h.entry.layer != "cities" or
                   h.entry.population >= 100_000 for k in keys for h in self.gaz.lookup(k))

    def _qualifier(self, text: str, tokens: list[Token], j: int, offset: int, cand: Span,
                   lang: str) -> None:
        """A ", Texas" or " (Russland)" right after the span narrows down its candidates."""
        if j >= len(tokens) or cand.kind != "toponym":
            return
        gap = text[cand.end - offset:tokens[j].start - offset]
        if gap == " " and tokens[j].text in ("in", "im") and j + 1 < len(tokens):
            j += 1
            gap = ", "
        if gap not in (", ", " (", "(", " ,") or not tokens[j].cap:
            return
        abbreviation = local.abbreviations().get(tokens[j].text)
        state = self.gaz.by_id(abbreviation[0]) if abbreviation and gap in (", ", " ,") else None
        if state is not None and abbreviation[1] == "district":  # "Washington, D.C." is one name
            cand.qualifier, cand.end = state.id, tokens[j].end
            cand.text = text[cand.start - offset:cand.end - offset]
            return
        if state is not None:  # "Emporia, Kan.", "Paris, TX"
            self._set_qualifier(cand, NameHit(state, False, True), text, tokens, j, 1, offset,
                                name_key(state.name))
            return
        words = [tokens[j].text]
        k = j
        while k + 1 < len(tokens) and tokens[k + 1].cap and \
                text[tokens[k].end - offset:tokens[k + 1].start - offset] == " " and len(words) < 3:
            k += 1
            words.append(tokens[k].text)
        for n in range(len(words), 0, -1):
            key = name_key(" ".join(words[:n]))
            hits = self.gaz.lookup(key)
            if not hits:
                for base in _strip_inflection(words[n - 1], lang):
                    hits = self.gaz.lookup(name_key(" ".join([*words[:n - 1], base])))
                    if hits:
                        break
            qual = next((h for h in hits if h.entry.is_country or
                         h.entry.category in ("state", "admin1")), None)
            if qual is not None:
                self._set_qualifier(cand, qual, text, tokens, j, n, offset, name_key(" ".join(words[:n])))
                return

    @staticmethod
    def _set_qualifier(cand: Span, qual: NameHit, text: str, tokens: list[Token], j: int, n: int,
                       offset: int, key: str) -> None:
        cand.qualifier = qual.entry.id
        cand.qualifier_span = Span(
            tokens[j].start, tokens[j + n - 1].end,
            text[tokens[j].start - offset:tokens[j + n - 1].end - offset], cand.passage,
            "toponym", key, (qual,), zipf=0.0, ntokens=n, lexical="proper", qualifier_tokens=j + n)
