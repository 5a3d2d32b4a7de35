"""Resolution: decide which candidate spans are places and which place each one names.

Two passes over the document.  The first accepts what is unambiguous and
prominent (countries, demonyms, big cities, curated sites) and so learns the
document's geography: its countries and anchor points.  The second weighs every
remaining span against that context — a qualifier (", Texas", "(Russland)"),
the document's countries and their neighbours, distance to the anchors — so
that "Brest" next to Minsk is in Belarus and "Priozersk" in a Kazakh text is in
Kazakhstan.  Each place keeps its ranked alternatives for correction.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Sequence

from mapapp.gazetteer.query import Entry, Gazetteer, NameHit
from mapapp.mentions.lexicon import given_names, lexical_of
from mapapp.mentions.span import PENDING, UNATTESTED, Span
from mapapp.model import Candidate, Mention, Place, StoredGeometry
from mapapp.places.context import Context

MAX_ALTERNATIVES = 6
STRONG, MEDIUM, WEAK = 3.9, 3.4, 2.9
#: How common an UNATTESTED word counts as (mentions/lexicon.py): rarer than any common word,
#: yet not vouched for as a name, so a small town needs a preposition, a qualifier or its
#: country in the text (``_common_enough``).
UNATTESTED_ZIPF = 1.5


def curated(entry: Entry) -> bool:
    """Not a country and not a populated place: a site, region, state, county or physical feature,
    each chosen by hand or from a dedicated source, so it outranks a village of the same name."""
    return not entry.is_country and entry.layer != "cities"


def prior(hit: NameHit) -> float:
    """Prominence of an entry before context: countries first, then curated places, then size."""
    e = hit.entry
    if e.is_country:
        score = 5.0
    elif curated(e):
        score = 4.2 if e.category != "state" else 4.0
    else:
        score = 1.0 + 0.5 * math.log10(e.population + 10)
        if e.category == "capital":
            score += 0.6
    if hit.primary:
        score += 0.3
    if hit.folded:
        score -= 0.7
    return score


def placed_score(entry: Entry, span: Span, ctx: Context, qual: Entry | None) -> float:
    """What the document's geography says for ``entry`` wherever the span stands: its qualifier
    (``qual``, its entry), a state cue, the document's countries and their neighbours."""
    score = 0.0
    if qual is not None:
        if qual.is_country and entry.country_code == qual.country_code:
            score += 4.0
        elif qual.category in ("state", "admin1") and entry.country_code == qual.country_code \
                and entry.admin1 == qual.admin1 and entry.eid != qual.eid:
            score += 4.0
    if span.state_cue and entry.category in ("state", "admin1"):
        score += 2.0
    if entry.country_code and entry.country_code in ctx.countries:
        score += 1.2 + 0.2 * min(ctx.countries[entry.country_code], 5)
    elif entry.country_code in ctx.neighbours:
        score += 0.4
    return score


def anchor_scores(hits: Sequence[NameHit], span: Span, ctx: Context) -> list[float]:
    """What the document's geography says for each namesake where the span stands: near an
    anchor (a country is not placed by its distance)."""
    placed = [h.entry for h in hits if not h.entry.is_country]
    near = iter(ctx.nearest_anchors_km(placed, span.passage, span.start, near_enough=NEAR_KM))
    return [0.0 if h.entry.is_country else _anchor_bonus(next(near)) for h in hits]


#: The distances to an anchor that count: nearer than NEAR_KM, else nearer than FAR_KM.
NEAR_KM, FAR_KM = 300, 1000


def _anchor_bonus(km: float) -> float:
    return 1.5 if km < NEAR_KM else 0.7 if km < FAR_KM else 0.0


def _meant_inside_organisation(span: Span, entry: Entry) -> bool:
    """A country, union or continent inside an organisation's name is still meant as the place
    ("Malaysia Airlines", "EU airlines", "U.S. city"), and so is any region in the possessive
    ("Russia's Foreign Ministry"); a state or city naming a university or team is not."""
    if entry.is_country or entry.category in ("union", "continent"):
        return True
    return curated(entry) and span.text.endswith(("'s", "\u2019s"))


def accept(span: Span, best: NameHit, ctx: Context | None, lang: str = "en",
           gaz: Gazetteer | None = None) -> bool:
    """Is this span a place at all?  Common words and small towns need evidence.

    German capitalises every noun, so there a capitalised common word (Chaos,
    Region, Uran) is no sign of a name and the bar for towns is higher.  A
    word's class is asked (of the index, or in German of HanTa) only when the
    answer differs between a proper name and a common word; an UNATTESTED word
    lies between the two (UNATTESTED_ZIPF).
    """
    e = best.entry
    if span.person or (span.org and not _meant_inside_organisation(span, e)):
        return False
    if len(span.key) < 3 and not (e.is_country or e.layer == "regions"):
        return False
    weak_place = not (e.is_country or curated(e)) and prior(best) < STRONG
    in_state = lang == "en" and ctx is not None and (e.country_code, e.admin1) in ctx.states
    if span.ntokens == 1 and weak_place and not (span.qualifier or span.dateline or in_state) and (
            span.text.isupper() or span.text.casefold() in given_names()):
        return False
    if e.institution and not span.preposition:
        return False
    z = span.zipf
    if span.ntokens > 1:  # a gazetteer name of several capitalised words is rarely a phrase
        z = min(z, 2.0)
    elif span.text.isupper() and len(span.text) >= 2:
        z = min(z, 3.0)
    if span.lexical == PENDING:
        as_common = _common_enough(span, best, ctx, lang, in_state, max(z, 4.8))
        if as_common == _common_enough(span, best, ctx, lang, in_state, min(z, 3.5)):
            return as_common
        lexical = lexical_of(span, lang, gaz)
    else:
        lexical = span.lexical
    if lexical == "common":
        z = max(z, 4.8)
    elif lexical == "proper":
        z = min(z, 3.5)
    elif lexical == UNATTESTED:
        z = max(z, UNATTESTED_ZIPF)
    return _common_enough(span, best, ctx, lang, in_state, z)


def _common_enough(span: Span, best: NameHit, ctx: Context | None, lang: str, in_state: bool,
                   z: float) -> bool:
    """The bar for how common a word (Zipf ``z``, after its class) a place of this strength may be."""
    e = best.entry
    strength = prior(best)
    if span.sent_start and lang == "en" and not span.dateline:
        z += 0.5
    in_context = ctx is not None and (e.country_code in ctx.countries or bool(span.qualifier))
    evidence = span.preposition or bool(span.qualifier) or span.dateline
    if e.is_country:
        return z < 6.0
    if curated(e):
        return z < 5.0 or span.ntokens > 1
    if in_state and evidence and z < 5.0:
        return True  # a small town after a preposition in a story placed in its state
    if strength >= STRONG:
        return z < 4.6 or (z < 5.4 and (evidence or in_context))
    if strength >= MEDIUM:
        return z < 3.4 or (z < 4.2 and evidence and in_context)
    if strength >= WEAK:
        return (z < 2.4 and (evidence or in_context)) or (z < 1.2) or \
            (bool(span.qualifier) and z < 3.5)
    return (z < 1.8 and in_context and evidence) or (bool(span.qualifier) and z < 3.0)


#: Per hits tuple, qualifier and state cue: [the hits tuple (kept so its ``id`` stays its own while
#: the memo lives), each hit's prior, placed score and adjustment, the ranking when it does not
#: depend on where the span stands (else None), the rankings that do per place in the text
#: (see ``rank``)].
RankMemo = dict[tuple[int, str, bool], list]


#: Rankings before context, per hits tuple (kept with it, so its ``id`` stays its own): the
#: recogniser hands identical names one shared tuple in every document of a process.
_UNPLACED: dict[int, tuple[tuple[NameHit, ...], list[tuple[float, NameHit]]]] = {}
UNPLACED_SIZE = 100_000


def _fixed_parts(span: Span, ctx: Context | None, gaz: Gazetteer) -> list[tuple[float, float, float]]:
    """Each hit's score before the anchors: prior, placed score, and the adjustment for a story
    placed in its state or for a town reached only by an old name."""
    # A town reached only by an old alternate name (Blue Island, once "Portland") must not
    # take a bigger place's own name just because it lies near the story.
    own_name = max((math.inf if h.entry.is_country or curated(h.entry) else h.entry.population
                    for h in span.hits if h.primary), default=-1)
    qual = gaz.by_id(span.qualifier) if span.qualifier and ctx is not None else None
    parts = []
    for hit in span.hits:
        placed = adjust = 0.0
        if ctx is not None:
            placed = placed_score(hit.entry, span, ctx, qual)
            if hit.primary and hit.entry.admin1 and (hit.entry.country_code, hit.entry.admin1) in ctx.states:
                adjust = 0.8
            elif not hit.primary and hit.entry.population < own_name:
                adjust = -1.0
        parts.append((prior(hit), placed, adjust))
    return parts


def rank(span: Span, ctx: Context | None, gaz: Gazetteer,
         memo: RankMemo | None = None) -> list[tuple[float, NameHit]]:
    """The span's namesakes, best first.  Identical spans share one hits tuple, so a ``memo``
    kept over one pass computes what does not depend on the span's position once, and what does
    once per passage; a lone namesake skips the distances, since its score is compared with
    nothing.  A ranking is shared by the spans of a pass that read alike: do not change it."""
    if ctx is None:  # before context a ranking depends on the namesakes alone: kept across documents
        held = _UNPLACED.get(id(span.hits))
        if held is not None and held[0] is span.hits:
            return held[1]
    key = (id(span.hits), span.qualifier, span.state_cue)
    held = memo.get(key) if memo is not None else None
    if held is None:
        held = [span.hits, _fixed_parts(span, ctx, gaz), None, {}]
        if memo is not None:
            memo[key] = held
    hits, parts, fixed, placed_here = held
    if fixed is not None:
        return fixed
    if ctx is not None and len(hits) > 1:
        # The anchors' say is the same for every span of a passage that is not itself a point
        # (a plain number: a span that is a point is told by its start, which is in one passage).
        where = span.start if ctx.stands_for(span.start) else -1 - span.passage
        scored = placed_here.get(where)
        if scored is not None:
            return scored
        scored = [(base + (placed + near) + adjust, hit)
                  for (base, placed, adjust), hit, near in zip(parts, hits, anchor_scores(hits, span, ctx))]
    else:
        scored = [(base + placed + adjust, hit) for (base, placed, adjust), hit in zip(parts, hits)]
    scored.sort(key=lambda sh: (-sh[0], -sh[1].entry.population, sh[1].entry.eid))
    if ctx is None or len(hits) == 1:
        held[2] = scored
    else:
        placed_here[where] = scored
    if ctx is None:
        if len(_UNPLACED) >= UNPLACED_SIZE:
            _UNPLACED.clear()
        _UNPLACED[id(hits)] = (hits, scored)
    return scored


#: Per best namesake and what ``accept`` reads of a span: its verdict, within one pass (one context).
VerdictMemo = dict[tuple, bool]


def _accepted(span: Span, best: NameHit, ctx: Context | None, lang: str, gaz: Gazetteer,
              verdicts: VerdictMemo | None) -> bool:
    """``accept``, once per pass for spans that read alike: news repeats a name, with the same
    evidence, many times (1 MB: 2,300 distinct of 10,000)."""
    if verdicts is None:
        return accept(span, best, ctx, lang, gaz)
    key = (id(best), span.text, span.key, span.zipf, span.lexical, span.word, span.ntokens, span.qualifier,
           span.person, span.org, span.dateline, span.preposition, span.sent_start)
    verdict = verdicts.get(key)
    if verdict is None:
        verdict = verdicts[key] = accept(span, best, ctx, lang, gaz)
    return verdict


def ranked_place(span: Span, ctx: Context | None, gaz: Gazetteer, lang: str,
                 memo: RankMemo | None = None,
                 verdicts: VerdictMemo | None = None) -> list[tuple[float, NameHit]] | None:
    """The span's namesakes ranked in context, or None when the span is not a place.  Both memos
    are kept over one pass, whose context does not change; ``best`` stays alive in its span."""
    if span.kind != "toponym" or not span.hits:
        return None
    ranked = rank(span, ctx, gaz, memo)
    return ranked if _accepted(span, ranked[0][1], ctx, lang, gaz, verdicts) else None


def build_context(spans: list[Span], gaz: Gazetteer, lang: str) -> Context:
    """First pass: countries, demonyms and prominent unambiguous places give the geography."""
    countries: Counter = Counter()
    anchors: list[tuple[float, float, int, int]] = []
    states: set[tuple[str, str]] = set()
    qualified_only = Context(Counter(), set(), [])  # "DUBLIN, Ohio" anchors in Ohio, not Ireland
    memo: RankMemo = {}
    verdicts: VerdictMemo = {}
    for span in spans:
        if span.kind == "demonym":
            if not span.country.startswith("@"):
                countries[span.country] += 1
            continue
        placed_in = gaz.by_id(span.qualifier) if span.qualifier else None
        if placed_in is not None and placed_in.admin1:  # "Dublin, Ohio", "CHARLESTON, W.Va. —"
            states.add((placed_in.country_code, placed_in.admin1))
        ranked = ranked_place(span, qualified_only if span.qualifier else None, gaz, lang, memo, verdicts)
        if ranked is None:
            continue
        best_score, best = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        if best.entry.is_country:
            # A country name that is also a region (Georgia) must not vouch for itself.
            rivals = any(h.entry.layer == "regions" for _, h in ranked[1:])
            if not rivals:
                countries[best.entry.country_code] += 2
        elif best_score >= MEDIUM and best_score - runner_up >= 1.2:
            if best.entry.country_code:
                countries[best.entry.country_code] += 1
            anchors.append((best.entry.lat, best.entry.lon, span.passage, span.start))
    neighbours: set[str] = set()
    for code in countries:
        neighbours |= gaz.neighbours(code)
    return Context(countries, neighbours, anchors, frozenset(states), horizon_km=FAR_KM)


def candidate_of(entry: Entry, score: float) -> Candidate:
    return Candidate(id=entry.id, name=entry.name, layer=entry.layer, category=entry.category,
                     country_code=entry.country_code, lat=entry.lat, lon=entry.lon,
                     source=entry.source, score=score, population=entry.population)


def place_from_candidate(candidate: Candidate, mentions: list[Mention],
                         gaz: Gazetteer | None = None, alternatives: list[Candidate] | None = None) -> Place:
    """A Place for a chosen candidate: its gazetteer geometry when known, else its point."""
    if gaz is None:
        from mapapp.gazetteer.query import get_gazetteer
        gaz = get_gazetteer()
    entry = gaz.by_id(candidate.id)
    geometry = gaz.stored_geometry(entry) if entry is not None else StoredGeometry(candidate.lon, candidate.lat)
    return Place(id=candidate.id, name=candidate.name, layer=candidate.layer,
                 category=candidate.category, country_code=candidate.country_code,
                 source=candidate.source, geometry=geometry, lat=candidate.lat, lon=candidate.lon,
                 mentions=list(mentions), candidates=list(alternatives or [candidate]))


def resolve_spans(spans: list[Span], gaz: Gazetteer, lang: str) -> tuple[list[tuple[Span, Candidate, list[Candidate]]], Context]:
    """Second pass: every accepted span with its chosen candidate and ranked alternatives
    (spans ranked alike share one list of alternatives: copy it before changing it)."""
    ctx = build_context(spans, gaz, lang)
    memo: RankMemo = {}
    verdicts: VerdictMemo = {}
    offered: dict[int, list[Candidate]] = {}
    out = []
    for span in spans:
        if span.kind == "demonym":
            code = span.country
            entry = gaz.by_id(code[1:]) if code.startswith("@") else gaz.country(code)
            if entry is not None:
                chosen = candidate_of(entry, 1.0)
                out.append((span, chosen, [chosen]))
            continue
        ranked = ranked_place(span, ctx, gaz, lang, memo, verdicts)
        if ranked is None:
            continue
        alts = offered.get(id(ranked))  # a shared ranking (kept alive by the memo) is offered once
        if alts is None:
            best_score = ranked[0][0]
            total = sum(math.exp(s - best_score) for s, _ in ranked)
            alts = offered[id(ranked)] = [candidate_of(h.entry, math.exp(s - best_score) / total)
                                          for s, h in ranked[:MAX_ALTERNATIVES]]
        out.append((span, alts[0], alts))
    return out, ctx
