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
from itertools import compress

from mapapp.mentions import local
from mapapp.mentions.demonyms import demonym_country, demonym_table
from mapapp.mentions.people import is_strong_place, person_tokens
from mapapp.mentions.qualifiers import qualify
from mapapp.mentions.span import PENDING, Span
from mapapp.mentions.tokens import Token, Words, strip_inflection, tokenize
from mapapp.mentions.words import ORG_WORDS, PERSON_TITLES, PREPOSITIONS
from mapapp.gazetteer.query import Entry, Gazetteer, NameHit
from mapapp.gazetteer.names import MIN_FOLD_KEY, name_key

__all__ = ["Recognizer", "Span", "Token", "Words", "tokenize", "PREPOSITIONS"]

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
_HYPHENS = re.compile(r"[-\u2010\u2011]")
#: Words after a span (up to three on) that make it an organisation's name.
_ORG_TAIL = frozenset(ORG_WORDS | local.ORG_TAIL_WORDS)


#: A city before an English hyphen ("London-based") counts from this size; smaller towns there are
#: more often surnames or words ("Ford-backed").
_COMPOUND_CITY_POPULATION = 100_000


def _compound_head(entry: Entry) -> bool:
    """Whether a name before an English hyphen compound means the place: a country, region or
    feature, or a large city ("Russia-backed", "London-based", "Amsterdam-London")."""
    return entry.is_country or entry.layer != "cities" or entry.population >= _COMPOUND_CITY_POPULATION


#: What a run of words names: (words taken, hits, key, inflected, folded, Zipf of the key).
_RunName = tuple[int, tuple[NameHit, ...], str, bool, bool, float]
_UNSEEN = object()
#: What a capitalised word alone says: (may begin an organisation or skipped abbreviation, heads a
#: feature's name, is a demonym, the word whose class a one-word span of it waits for or None).
_CapFacts = tuple[bool, bool, bool, str | None]


def _word_kind(word: str, lang: str) -> tuple[str, str] | None:
    """("demonym", its country) or ("border", "") for a word that is one, else None."""
    cc = demonym_country(word)
    if cc:
        return "demonym", cc
    pattern = BORDER_WORDS.get(lang, BORDER_WORDS["en"])
    if _BORDER_HINT.search(word) and pattern.match(word):
        return "border", ""
    return None


class Recognizer:
    """Finds candidate place spans in passages, using one shared gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._generation = gazetteer.generation
        self._cached_lookup = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup_uncached)
        #: Word -> whether recognition looks at it at all (capitalised, hyphenated, a place
        #: adjective or a border word): asked once per distinct word, not per occurrence.
        self._worth: dict[str, bool] = {}
        #: A run of capitalised words (as read, and the language) -> what ``_longest_name`` found:
        #: the same runs recur throughout a text and a corpus.
        self._runs: dict[tuple[tuple[str, ...], str], _RunName | None] = {}
        #: A capitalised word -> what it alone says (``_judge_cap``).
        self._cap_facts: dict[str, _CapFacts] = {}
        #: Per language, a word -> ("demonym", its country), ("border", "") or None (``_word_kind``).
        self._word_kinds: dict[str, dict[str, tuple[str, str] | None]] = {}
        #: A word after a given name or title -> whether it is a place strong enough to stay one.
        self._strong: dict[str, bool] = {}
        #: A first word -> whether a name of more words may begin with it.
        self._begins: dict[str, bool] = {}

    def _lookup(self, words: list[str], lang: str) -> tuple[tuple[NameHit, ...], str, bool, bool]:
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
        if len(key) >= MIN_FOLD_KEY:
            hits = self.gaz.lookup(key, fold=True)
            if hits:
                return hits, key, False, True
            for base in strip_inflection(words[-1], lang):
                bkey = name_key(" ".join([*words[:-1], base]))
                if len(bkey) >= MIN_FOLD_KEY:
                    hits = self.gaz.lookup(bkey, fold=True)
                    if hits:
                        return hits, bkey, True, True
        return (), key, False, False

    def spans(self, text: str, passage_index: int, offset: int, lang: str) -> list[Span]:
        """All candidate spans of one passage (``text``), with offsets into the document."""
        if self.gaz.generation != self._generation:  # the index was repaired: forget the old hits
            self._cached_lookup.cache_clear()
            self._runs.clear()
            self._strong.clear()
            self._begins.clear()
            self._generation = self.gaz.generation
        ws = Words(text, offset)
        persons = self._person_tokens(ws, lang)
        preps = PREPOSITIONS.get(lang, PREPOSITIONS["en"])
        out: list[Span] = []
        worth = self._worth  # most words are passed over: lower case, no place adjective, no border
        texts, caps = ws.texts, ws.caps
        kinds = self._word_kinds.setdefault(lang, {})
        try:
            read = list(compress(range(len(texts)), map(worth.__getitem__, texts)))
        except KeyError:  # words not met before: judged once each
            read = self._read_fresh(texts)
        i = 0
        for k in read:
            if k < i:  # inside the span, organisation or feature name just read
                continue
            i, word, cand = k, texts[k], None
            if caps[i]:
                other, feature_head, demonym, lexical_word = self._cap_facts.get(word) or self._judge_cap(word)
                if other:
                    skip = self._not_a_place(ws, i)
                    if skip:
                        i += skip
                        continue
                if i not in persons:
                    cand = self._longest_place(text, ws, i, offset, lang, passage_index)
                    if feature_head and (cand is None or cand.ntokens == 1):
                        run = self._feature_run(ws, i)
                        if run > 1:  # "Lake Michigan" unknown to the gazetteer is still not the state
                            i += run
                            continue
                    if cand is not None and cand.ntokens == 1:
                        if demonym and not any(h.entry.is_country for h in cand.hits):
                            cand = None
                        elif lexical_word is not None:  # its class is asked only if resolution needs it
                            cand.lexical, cand.word = PENDING, lexical_word
            if cand is None:
                kind = kinds.get(word, _UNSEEN)
                if kind is _UNSEEN:
                    kind = self._judge_kind(kinds, word, lang)
                if kind is not None:
                    cand = Span(ws.starts[i], ws.ends[i], word, passage_index, kind[0], word.casefold(),
                                country=kind[1])
                elif "-" in word:
                    cand = self._hyphen_part(ws, i, passage_index, lang)
            if cand is None:
                continue
            self._evidence(cand, text, ws, i, offset, preps)
            nxt = i + cand.ntokens
            qualify(self.gaz, text, ws, nxt, offset, cand, lang)
            out.append(cand)
            i = nxt
            if cand.qualifier_span is not None:
                out.append(cand.qualifier_span)
                i = cand.qualifier_span.qualifier_tokens
        return out

    def _person_tokens(self, ws: Words, lang: str) -> set[int]:
        """Indices of words that belong to person names (``people.person_tokens``)."""
        return person_tokens(ws, self._is_strong_place)

    def _is_strong_place(self, word: str) -> bool:
        strong = self._strong.get(word)
        if strong is None:
            if len(self._strong) > LOOKUP_CACHE_SIZE:
                self._strong.clear()
            strong = self._strong[word] = is_strong_place(self.gaz, word)
        return strong

    def _evidence(self, cand: Span, text: str, ws: Words, i: int, offset: int, preps: set[str]) -> None:
        """What the words around a span say: a preposition, a title, an organisation, a dateline."""
        texts, caps, gaps = ws.texts, ws.caps, ws.gaps
        cand.sent_start = ws.sent_start(i)
        prev = texts[i - 1].casefold() if i > 0 else ""
        before = texts[i - 2].casefold() if i > 1 else ""
        cand.preposition = prev in preps or (before in preps and prev in {"der", "dem", "den", "the", "die"})
        cand.person = prev in PERSON_TITLES and not any(h.entry.is_country for h in cand.hits)
        nxt, n = i + cand.ntokens, len(texts)
        follow = []
        for k in range(nxt, nxt + 3 if nxt + 3 < n else n):
            if gaps[k] != " " or (k > nxt and not caps[k]):
                break
            follow.append(texts[k].casefold())
        state_word = follow[:1] == ["state"] and not caps[nxt]  # "New York state" is the state
        org_tail = follow[:1] if not caps[nxt if nxt < n else n - 1] else follow
        cand.org = not state_word and not _ORG_TAIL.isdisjoint(org_tail)
        cand.state_cue = prev in local.STATE_CUES_BEFORE or (prev == "of" and before in local.STATE_CUES_BEFORE) \
            or (bool(follow) and follow[0] in local.STATE_CUES_AFTER)
        cand.dateline = cand.sent_start and texts[i].isupper() and len(texts[i]) > 3 and \
            local.is_dateline_gap(text[ws.ends[nxt - 1] - offset:])

    def _read_fresh(self, texts: list[str]) -> list[int]:
        """Judge the words not met before (whether recognition reads them at all) and return the
        indices of the words it reads."""
        worth = self._worth
        if len(worth) > LOOKUP_CACHE_SIZE:
            worth.clear()
        if len(self._runs) > LOOKUP_CACHE_SIZE:
            self._runs.clear()
        demonyms = demonym_table()
        worth.update((w, w[0].isupper() or "-" in w or w.casefold() in demonyms or
                      bool(_BORDER_HINT.search(w))) for w in set(texts).difference(worth))
        return list(compress(range(len(texts)), map(worth.__getitem__, texts)))

    def _judge_cap(self, word: str) -> _CapFacts:
        """What a capitalised word alone says (asked once per distinct word): whether it may begin
        what ``_not_a_place`` skips, heads a feature's name, is a demonym, and the word whose
        class a one-word span of it waits for (None for an ALL-CAPS word)."""
        if len(self._cap_facts) > LOOKUP_CACHE_SIZE:
            self._cap_facts.clear()
        first = name_key(word).split()
        other = (word in local.abbreviations() and word.endswith(".")) or word in _ARTICLES or \
            bool(first and first[0] in local.organisations())
        bare = _POSSESSIVE.sub("", word)
        facts = self._cap_facts[word] = (other, word.casefold() in local.FEATURE_HEADS,
                                         bool(demonym_country(word)), None if bare.isupper() else bare)
        return facts

    def _may_start_other(self, word: str) -> bool:
        """Whether ``word`` may begin what ``_not_a_place`` skips."""
        return (self._cap_facts.get(word) or self._judge_cap(word))[0]

    def _not_a_place(self, ws: Words, i: int) -> int:
        """Words to skip at ``i``: an organisation's name, or a state abbreviation out of place."""
        texts = ws.texts
        if texts[i] in local.abbreviations() and texts[i].endswith("."):
            return 1
        if texts[i] in _ARTICLES and i + 1 < len(texts):  # "The Bank of England", not "The Bank"
            after = self._not_a_place(ws, i + 1) if self._may_start_other(texts[i + 1]) else 0
            return after + 1 if after else 0
        first = name_key(texts[i]).split()
        if not first or first[0] not in local.organisations():
            return 0  # no organisation's name starts with this word
        words = [texts[i]]
        for k in range(i + 1, min(i + 5, len(texts))):
            if ws.gaps[k] not in (" ", "-"):
                break
            words.append(texts[k])
        return local.organisation_length(words)

    def _feature_run(self, ws: Words, i: int) -> int:
        """Words of a physical feature's name headed at ``i`` ("Sea of Okhotsk"), or 1."""
        texts, caps = ws.texts, ws.caps
        run, k = 1, i + 1
        while k < len(texts) and k - i < _MAX_SPAN and ws.gaps[k] == " " and \
                (caps[k] or texts[k] in _CONNECTORS):
            k += 1
            if caps[k - 1]:
                run = k - i
        return run

    def _longest_place(self, text: str, ws: Words, i: int, offset: int, lang: str,
                       passage_index: int) -> Span | None:
        texts, caps, gaps = ws.texts, ws.caps, ws.gaps
        last = i + _MAX_SPAN - 1 if i + _MAX_SPAN < len(texts) else len(texts) - 1
        if i < last and gaps[i + 1] in (" (", "("):
            bracketed = self._bracketed_name(text, ws, i, offset, lang, passage_index)
            if bracketed is not None:
                return bracketed
        end = i
        while end < last:
            gap = gaps[end + 1]
            if gap != " " and gap != "-" and not (gap == ". " and texts[end] in _SAINTS):
                break
            if not caps[end + 1] and texts[end + 1] not in _CONNECTORS:
                break
            end += 1
        run = (tuple(texts[i:end + 1]), lang)
        found = self._runs.get(run, _UNSEEN)
        if found is _UNSEEN:
            found = self._runs[run] = self._longest_name(run[0], caps[i:end + 1], lang)
        if found is None:
            return None
        n, hits, key, inflected, folded, zipf = found
        start, stop = ws.starts[i], ws.ends[i + n - 1]
        return Span(start, stop, text[start - offset:stop - offset], passage_index, "toponym", key, hits,
                    zipf=zipf, inflected=inflected, folded=folded, ntokens=n)

    def _longest_name(self, words: tuple[str, ...], caps: list[bool], lang: str) -> _RunName | None:
        """The longest of a run's leading word sequences that ends in a capitalised word and that
        the gazetteer knows, as (words, hits, key, inflected, folded, Zipf), or None.  Only the
        sequences whose first words may begin a longer name are looked up: most runs of
        capitals ("Chief Executive Officer Tim Cook") begin none past their first word or two."""
        longest = 1
        while longest < len(words) and self._may_begin_longer(words[:longest]):
            longest += 1
        for n in range(longest, 0, -1):
            if caps[n - 1]:
                hits, key, inflected, folded = self._cached_lookup(words[:n], lang)
                if hits:
                    return n, hits, key, inflected, folded, self.gaz.zipf(key, lang)
        return None

    def _may_begin_longer(self, words: tuple[str, ...]) -> bool:
        """``Gazetteer.may_begin_longer`` of the words, once per distinct first word."""
        if len(words) > 1:
            return self.gaz.may_begin_longer(name_key(" ".join(words)))
        begins = self._begins.get(words[0])
        if begins is None:
            if len(self._begins) > LOOKUP_CACHE_SIZE:
                self._begins.clear()
            begins = self._begins[words[0]] = self.gaz.may_begin_longer(name_key(words[0]))
        return begins

    def _bracketed_name(self, text: str, ws: Words, i: int, offset: int, lang: str,
                        passage_index: int) -> Span | None:
        """A name whose official form ends in brackets: "Frankfurt (Oder)", "Halle (Saale)"
        (the caller has seen the bracket open after word ``i``)."""
        close = ws.ends[i + 1] - offset
        if text[close:close + 1] != ")" or not ws.caps[i + 1]:
            return None
        hits, key, inflected, folded = self._lookup([ws.texts[i], ws.texts[i + 1]], lang)
        if not hits:
            return None
        start = ws.starts[i]
        return Span(start, close + 1 + offset, text[start - offset:close + 1], passage_index, "toponym",
                    key, hits, zipf=self.gaz.zipf(key, lang), inflected=inflected, folded=folded, ntokens=2)

    def _judge_kind(self, kinds: dict[str, tuple[str, str] | None], word: str,
                    lang: str) -> tuple[str, str] | None:
        """Remember in ``kinds`` (this language's) whether ``word`` is a demonym or a border word."""
        if len(kinds) > LOOKUP_CACHE_SIZE:
            kinds.clear()
        kind = kinds[word] = _word_kind(word, lang)
        return kind

    def _hyphen_part(self, ws: Words, i: int, passage_index: int, lang: str) -> Span | None:
        """Place adjectives inside compounds: russisch-orthodoxe, US-amerikanische, Russian-backed."""
        parts = _HYPHENS.split(ws.texts[i])
        pos = ws.starts[i]
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
                return Span(ws.starts[i], ws.starts[i] + len(parts[0]), parts[0], passage_index,
                                 "toponym", name_key(parts[0]), countries,
                                 zipf=self.gaz.zipf(name_key(parts[0]), lang))
        return None

