"""Suggestions from a reader's corrections within one text: shown with a reason, never applied.
Pure logic on hand-built choices, then the Springfield story on the real index."""
from __future__ import annotations

from dataclasses import replace

from shapely.geometry import Point

from mapapp.model import Document, Mention, Passage, Place
from mapapp.places.candidates import Choice, choices, options_for
from mapapp.places.evidence import NEARBY, SAME_NAME, Fix, suggestions

TEXT = ("Springfield is where she was born. Springfield has grown since. "
        "Peoria lies up the river. Springfield welcomed her back.")


def _choice(cid, name, region, lat, lon, current=False, cc="US", country="United States of America"):
    return Choice(cid, name, "cities", "city", region, cc, country, 100_000, lat, lon, f"geonames:{cid}",
                  None, current)


SPRINGFIELD_MO = _choice("springfield-4409896", "Springfield", "Missouri", 37.22, -93.30)
SPRINGFIELD_IL = _choice("springfield-4250542", "Springfield", "Illinois", 39.80, -89.64)
PEORIA_AZ = _choice("peoria-5308480", "Peoria", "Arizona", 33.58, -112.24)
PEORIA_IL = _choice("peoria-4905687", "Peoria", "Illinois", 40.69, -89.59)


def _mentions(word: str) -> list[Mention]:
    out, at = [], TEXT.find(word)
    while at >= 0:
        out.append(Mention(at, at + len(word), word))
        at = TEXT.find(word, at + 1)
    return out


def _place(c: Choice, mentions: list[Mention]) -> Place:
    return Place(c.id, c.name, c.layer, c.category, c.country_code, c.source, Point(c.lon, c.lat),
                 c.lat, c.lon, mentions, [c.candidate()])


def _story() -> tuple[Document, dict[str, list[Choice]]]:
    springfields, peorias = _mentions("Springfield"), _mentions("Peoria")
    doc = Document(TEXT, "en", [Passage(0, 0, len(TEXT), TEXT)],
                   [_place(SPRINGFIELD_MO, springfields), _place(PEORIA_AZ, peorias)])
    options = {SPRINGFIELD_MO.id: [replace(SPRINGFIELD_MO, current=True), SPRINGFIELD_IL],
               PEORIA_AZ.id: [replace(PEORIA_AZ, current=True), PEORIA_IL]}
    return doc, options


def test_other_mentions_of_the_corrected_name_are_suggested_with_a_reason():
    doc, options = _story()
    first = _mentions("Springfield")[0]
    found = suggestions(doc, [Fix(first, SPRINGFIELD_IL)], options)
    same = [s for s in found if s.kind == SAME_NAME]
    assert len(same) == 1 and same[0].suggested.id == SPRINGFIELD_IL.id
    assert [m.start for m in same[0].mentions] == [m.start for m in _mentions("Springfield")[1:]]
    assert same[0].reason == ("You placed “Springfield” in Springfield, Illinois; these 2 other mentions "
                              "(¶1) are still Springfield, Missouri.")


def test_an_ambiguous_place_gets_the_namesake_in_the_corrected_region():
    doc, options = _story()
    found = suggestions(doc, [Fix(_mentions("Springfield")[0], SPRINGFIELD_IL)], options)
    near = [s for s in found if s.kind == NEARBY]
    assert [(s.place_id, s.suggested.id) for s in near] == [(PEORIA_AZ.id, PEORIA_IL.id)]
    assert near[0].reason.startswith("Peoria, Illinois is 99 km from Springfield, Illinois")
    assert "Peoria, Arizona is 2,100 km away" in near[0].reason


def test_nothing_suggested_for_a_place_already_in_the_corrected_region():
    doc, options = _story()
    options[PEORIA_AZ.id] = [replace(PEORIA_IL, current=True), PEORIA_AZ]
    doc.places[1] = _place(PEORIA_IL, _mentions("Peoria"))
    options[PEORIA_IL.id] = options.pop(PEORIA_AZ.id)
    found = suggestions(doc, [Fix(_mentions("Springfield")[0], SPRINGFIELD_IL)], options)
    assert [s.kind for s in found] == [SAME_NAME]


def test_a_corrected_document_suggests_only_the_mentions_left_behind():
    doc, options = _story()
    first, *rest = _mentions("Springfield")
    doc.places[0].mentions = rest
    doc.places.append(_place(SPRINGFIELD_IL, [first]))
    found = suggestions(doc, [Fix(first, SPRINGFIELD_IL)], options)
    assert {s.place_id for s in found if s.kind == SAME_NAME} == {SPRINGFIELD_MO.id}
    assert all(s.place_id != SPRINGFIELD_IL.id for s in found)


def test_springfield_story_on_the_real_index():
    from mapapp.pipeline import geoparse

    text = ("Springfield, the city council said on Monday, will build a new bridge. "
            "The mayor of Springfield thanked the state. Officials in Peoria and Decatur agreed.")
    doc = geoparse(text, "en", online=False)
    spring = next(p for p in doc.places if p.name == "Springfield")
    offered = choices(spring, doc)
    assert offered[0].region != "Illinois", "the story names no state: the biggest Springfield is taken"
    illinois = next(c for c in offered if c.region == "Illinois")
    first, second = sorted(spring.mentions, key=lambda m: m.start)
    found = suggestions(doc, [Fix(first, illinois)], options_for(doc))
    by_kind = {s.kind: s for s in found}
    assert by_kind[SAME_NAME].mentions == (second,) and by_kind[SAME_NAME].suggested == illinois
    assert by_kind[SAME_NAME].reason.endswith(f"is still Springfield, {offered[0].region}.")
    peoria = next(p for p in doc.places if p.name == "Peoria")
    assert options_for(doc)[peoria.id][0].region == "Arizona", "the bigger Peoria is taken without a state"
    assert by_kind[NEARBY].place_id == peoria.id and by_kind[NEARBY].suggested.region == "Illinois"
    assert all(s.suggested.region == "Illinois" for s in found)
