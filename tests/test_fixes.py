"""The words and spans of the correction workflow (mapapp.app.fixes) and the reader's set in a link."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from conftest import make_document

from mapapp.app.fixes import (add_spans, context_label, made_when, occurrences, place_spans, scope_label,
                              step_label, steps)
from mapapp.app.urlstate import UrlState, from_params, to_params
from mapapp.corrections import PlaceRef, make_corrections, new_set_id, text_hash

KYIV = PlaceRef("kyiv-703448", "Kyiv", "cities", "capital", "UA", 50.45, 30.52, "geonames:703448")


def test_a_mention_is_shown_by_its_passage_and_words_not_its_offsets(seed_doc):
    almaty = seed_doc.place("almaty-1526384").mentions[0]
    assert context_label(seed_doc, almaty.start, almaty.end) == "¶3: … Die größte Stadt, Almaty, sieht aus wie …"
    first = seed_doc.place("moscow-524901").mentions[0]
    assert context_label(seed_doc, first.start, first.end).startswith("¶1: … vor Ort in Moskau berichtet")


def test_the_scope_says_how_many_mentions_and_in_which_forms(seed_doc):
    kz = seed_doc.place("country-kz").mentions
    assert scope_label(kz) == f"All {len(kz)} mentions of ‘Kasachstan’, ‘Kasachstans’"
    assert scope_label(seed_doc.place("almaty-1526384").mentions) == "The one mention of ‘Almaty’"


def test_words_are_found_only_as_whole_words_across_line_breaks():
    text = "Bodensee-Radweg am Bodensee\nufer; der Boden see; Bodenseeufer."
    assert occurrences(text, "Bodensee") == [(0, 8), (19, 27)]
    assert occurrences(text, "Boden see") == [(38, 47)]
    assert occurrences(text, "bodensee") == [] and occurrences(text, "  ") == []


def test_added_words_keep_the_place_they_are_on_the_map_as(seed_doc):
    almaty = seed_doc.place("almaty-1526384").mentions[0]
    missed = seed_doc.text.index("Sowjetrepublik")
    spans = add_spans(seed_doc, [(almaty.start, almaty.end), (missed, missed + 14)])
    assert spans == [(almaty.start, almaty.end, "Almaty", "almaty-1526384"),
                     (missed, missed + 14, "Sowjetrepublik", None)]
    assert place_spans(seed_doc.place("almaty-1526384"), [almaty])[0][3] == "almaty-1526384"


def test_the_panel_lists_each_step_once_newest_first_with_what_it_did(seed_text):
    h = text_hash(seed_text)
    doc = make_document(seed_text)
    moskau = [(m.start, m.end, m.text, "moscow-524901") for m in doc.place("moscow-524901").mentions]
    published = make_corrections(h, moskau, KYIV)
    mine = [replace(c, made_at="2099-01-01T00:00:00+00:00")
            for c in make_corrections(h, [(1, 4, "Alm", "almaty-1526384")], None)]
    listed = steps(published, mine)
    assert [s.published for s in listed] == [False, True]
    by_kind = {s.published: s for s in listed}
    names = {"moscow-524901": "Moscow"}
    assert step_label(by_kind[True], names) == f"‘Moskau’ ({len(moskau)} mentions) → Kyiv (was Moscow)"
    assert step_label(by_kind[False], names) == "‘Alm’ → not a place"
    added = steps([], make_corrections(h, [(5, 9, "Genf", None)], KYIV))[0]
    assert step_label(added, names) == "added ‘Genf’ → Kyiv"


def test_a_step_says_when_it_was_made():
    now = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
    assert made_when("2026-11-30T08:52:10+00:00", now) == "08:52 UTC"
    assert made_when("2026-11-28T08:52:10+00:00", now) == "28 Nov 08:52 UTC"
    assert made_when("", now) == ""


def test_a_link_carries_the_readers_correction_set_and_nothing_else_in_its_place():
    set_id = new_set_id()
    state = UrlState(place="almaty-1526384", fix=set_id)
    assert to_params(state, ["cities"])["fix"] == set_id
    assert from_params(to_params(state, ["cities"]), ["cities"]).fix == set_id
    for bad in ("../../etc/passwd", "short", set_id + "x"):
        assert from_params({"fix": bad}, ["cities"]).fix is None
