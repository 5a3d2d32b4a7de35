"""Toponym recognition: the spans of a passage that may name places.

Recognition is gazetteer-driven: capitalised word sequences (and lowercase
place adjectives) are looked up exactly, then with German/English inflection
removed, then transliteration-folded.  Each span carries the evidence the
resolver weighs to accept or reject it (how common the word is, a locative
preposition before it, a qualifier after it like ", Texas" or "(Russland)",
whether it is part of a person's name).  Words, people, qualifiers and word
classes live in their own modules; this one walks a passage's words once.
"""
from __future__ import annotations

import re
from functools import lru_cache

from mapapp.mentions import local
from mapapp.mentions.demonyms import demonym_country, demonym_table
from mapapp.mentions.people import is_strong_place, person_tokens
from mapapp.mentions.qualifiers import qualify
from mapapp.mentions.span import PENDING, Span
from mapapp.mentions.tokens import Token, strip_inflection, tokenize
from mapapp.mentions.words import ORG_WORDS, PERSON_TITLES, PREPOSITIONS
from mapapp.gazetteer.query import Entry, Gazetteer, NameHit
from mapapp.gazetteer.names import name_key

__all__ = ["Recognizer", "Span", "Token", "tokenize", "PREPOSITIONS"]

_CONNECTORS = {"de", "del", "da", "do", "dos", "das", "am", "an", "der", "upon", "on", "sur",
               "of", "la", "le", "al", "el", "im", "in", "y", "von", "and", "und"}
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
_BORDER_HINT = re.compile(r"renz|order|ront|ound", re.I)
_POSSESSIVE = re.compile(r"['\u2019]s?$")


#: A city before an English hyphen ("London-based") counts from this size; smaller towns there are
#: more often surnames or words ("Ford-backed").
_COMPOUND_CITY_POPULATION = 100_000


def _compound_head(entry: Entry) -> bool:
    """Whether a name before an English hyphen compound means the place: a country, region or
    feature, or a large city ("Russia-backed", "London-based", "Amsterdam-London")."""
    return entry.is_country or entry.layer != "cities" or entry.population >= _COMPOUND_CITY_POPULATION


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
        for base in strip_inflection(words[-1], lang):
            bkey = name_key(" ".join([*words[:-1], base]))
            hits = self.gaz.lookup(bkey)
            if hits:
                return hits, bkey, True, False
        if len(key) >= 5:
            hits = self.gaz.lookup(key, fold=True)
            if hits:
                return hits, key, False, True
            for base in strip_inflection(words[-1], lang):
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
        demonyms = demonym_table()
        out: list[Span] = []
        # Most words are passed over: lower case, no place adjective, no border, no compound.
        worth = [k for k, tok in enumerate(tokens) if tok.cap or "-" in tok.text or
                 tok.text.casefold() in demonyms or _BORDER_HINT.search(tok.text)]
        i = 0
        for k in worth:
            if k < i:  # inside the span, organisation or feature name just read
                continue
            i, tok, cand = k, tokens[k], None
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
                    word = _POSSESSIVE.sub("", tok.text)
                    if not word.isupper():  # its class is asked only if resolution needs it
                        cand.lexical, cand.word = PENDING, word
            if cand is None:
                cand = self._demonym_or_border(tok, passage_index, lang)
                if cand is None and "-" in tok.text:
                    cand = self._hyphen_part(tok, passage_index, lang)
            if cand is None:
                continue
            self._evidence(cand, text, tokens, i, offset, preps)
            nxt = i + cand.ntokens
            qualify(self.gaz, text, tokens, nxt, offset, cand, lang)
            out.append(cand)
            i = nxt
            if cand.qualifier_span is not None:
                out.append(cand.qualifier_span)
                i = cand.qualifier_span.qualifier_tokens
        return out

    def _person_tokens(self, tokens: list[Token], lang: str) -> set[int]:
        """Indices of tokens that belong to person names (``people.person_tokens``)."""
        return person_tokens(tokens, self._is_strong_place)

    def _is_strong_place(self, word: str) -> bool:
        return is_strong_place(self.gaz, word)

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
        first = name_key(tokens[i].text).split()
        if not first or first[0] not in local.organisations():
            return 0  # no organisation's name starts with this word
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
            countries = tuple(h for h in hits if _compound_head(h.entry))
            if countries:
                return Span(tok.start, tok.start + len(parts[0]), parts[0], passage_index,
                                 "toponym", name_key(parts[0]), countries,
                                 zipf=self.gaz.zipf(name_key(parts[0]), lang))
        return None

