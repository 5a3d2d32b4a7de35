"""Corrections applied to a real geoparse: re-assign, remove, add; anchored to one text only;
marked in GeoJSON and CSV."""
from __future__ import annotations

import csv
import io
import json

import pytest

from mapapp.corrections import PlaceRef, apply_corrections, make_corrections, text_hash
from mapapp.corrections.model import Correction
from mapapp.geojson import document_from_geojson, passages_record
from mapapp.render import downloads

TEXT = ("Wir fuhren von Köln nach Genf. Am Bodensee war es kalt.\n\n"
        "In Köln regnete es, in Paris nicht. Köln liegt am Rhein.")
H = text_hash(TEXT)


@pytest.fixture(scope="module")
def doc():
    from mapapp.pipeline import geoparse

    return geoparse(TEXT, "de")


def spans(doc, place_id):
    return [(m.start, m.end, m.text, place_id) for m in doc.place(place_id).mentions]


def test_all_mentions_reassigned_in_one_action_to_a_dropped_point(doc):
    deutz = PlaceRef.dropped("Köln-Deutz", 50.94, 6.97, "sites", "DE")
    fixes = make_corrections(H, spans(doc, "koln-2886242"), deutz)
    assert len(fixes) == 3 and len({c.action for c in fixes}) == 1
    out = apply_corrections(doc, fixes, H)
    assert out.doc.place("koln-2886242") is None and len(out.applied) == 3
    place = out.doc.place(deutz.id)
    assert (place.layer, place.source, place.original_id, place.original_name) == \
        ("sites", "corrected", "koln-2886242", "Köln")
    assert [m.start for m in place.mentions] == [15, 60, 93]
    assert all(m.corrected and m.original == "koln-2886242" for m in place.mentions)
    assert doc.place("koln-2886242") is not None, "the input must not change"


def test_reassigned_to_another_candidate_keeps_the_candidates(doc):
    paris = doc.place("paris-2988507")
    texas = next(c for c in paris.candidates if c.id == "paris-4717560")
    out = apply_corrections(doc, make_corrections(H, spans(doc, "paris-2988507"), PlaceRef.of(texas)), H)
    moved = out.doc.place("paris-4717560")
    assert moved.country_code == "US" and out.doc.place("paris-2988507") is None
    assert {c.id for c in moved.candidates} == {c.id for c in paris.candidates}


def test_not_a_place_removes_the_mention_and_its_empty_place(doc):
    out = apply_corrections(doc, make_corrections(H, spans(doc, "rhine"), None), H)
    assert out.doc.place("rhine") is None and not out.doc.places_in_layer("rivers")
    assert len(out.doc.places) == len(doc.places) - 1


def test_a_missed_place_is_added(doc):
    start = TEXT.index("Bodensee")
    lake = PlaceRef.dropped("Bodensee", 47.6, 9.4, "sites")
    out = apply_corrections(doc, make_corrections(H, [(start, start + 8, "Bodensee", None)], lake), H)
    added = out.doc.place(lake.id)
    assert [(m.text, m.passage, m.corrected, m.original) for m in added.mentions] == \
        [("Bodensee", 0, True, None)]
    assert len(out.doc.mentions()) == len(doc.mentions()) + 1


def test_applying_twice_changes_nothing(doc):
    lake = PlaceRef.dropped("Bodensee", 47.6, 9.4)
    start = TEXT.index("Bodensee")
    fixes = [*make_corrections(H, spans(doc, "koln-2886242"), lake),
             *make_corrections(H, [(start, start + 8, "Bodensee", None)], lake),
             *make_corrections(H, spans(doc, "rhine"), None)]
    once = apply_corrections(doc, fixes, H).doc
    assert apply_corrections(once, fixes, H).doc.to_geojson() == once.to_geojson()


def test_the_last_correction_of_a_span_wins(doc):
    first = make_corrections(H, spans(doc, "rhine"), None)
    back = make_corrections(H, spans(doc, "rhine"), PlaceRef.of(doc.place("rhine")))
    assert apply_corrections(doc, [*first, *back], H).doc.place("rhine") is not None


def test_a_moved_text_reanchors_to_the_nearest_occurrence_or_orphans(doc):
    fixes = make_corrections(H, spans(doc, "koln-2886242")[1:2] + spans(doc, "rhine"), None)
    from mapapp.pipeline import geoparse

    edited = "Vorwort.\n\n" + TEXT.replace("am Rhein", "am Fluss")
    other = geoparse(edited, "de")
    h2 = text_hash(edited)
    moved = [Correction(c.id, c.action, h2, c.start, c.end, c.surface, c.choice, c.original, c.made_at)
             for c in fixes]
    out = apply_corrections(other, moved, h2)
    assert [c.surface for c in out.orphaned] == ["Rhein"]
    assert [m.start for m, _ in out.doc.mentions() if m.text == "Köln"] == [25, 103], \
        "the second Köln (at 70 now) is removed, not the first or the third"


def test_two_corrections_of_one_name_never_take_the_same_occurrence():
    from mapapp.corrections.anchor import anchor

    text = "Köln und Köln und Köln"
    fixes = make_corrections(text_hash(text), [(1, 5, "Köln", None), (2, 6, "Köln", None)], None)
    got = anchor(text, text_hash(text), fixes)
    assert sorted(a.start for a in got.anchored) == [0, 9]


def test_never_applied_to_another_text_with_the_same_offsets(doc):
    other = "Wir fuhren von Köln nach Genf. Am Bodensee war es warm.\n\n" + TEXT.split("\n\n")[1]
    fixes = make_corrections(text_hash(other), spans(doc, "koln-2886242"), None)
    out = apply_corrections(doc, fixes, H)
    assert out.applied == [] and len(out.other_text) == 3
    assert out.doc.to_geojson() == doc.to_geojson()


def test_corrected_features_are_marked_in_geojson_and_read_back(doc):
    deutz = PlaceRef.dropped("Köln-Deutz", 50.94, 6.97)
    fixed = apply_corrections(doc, make_corrections(H, spans(doc, "koln-2886242"), deutz), H).doc
    fc = fixed.to_geojson()
    feature = next(f for f in fc["features"] if f["id"] == deutz.id)
    props = feature["properties"]
    assert (props["source"], props["original_id"], props["original_name"]) == ("corrected", "koln-2886242", "Köln")
    assert props["mentions"][0]["source"] == "corrected" and props["mentions"][0]["original"] == "koln-2886242"
    untouched = next(f for f in fc["features"] if f["id"] == "geneva-2660646")["properties"]
    assert "original_id" not in untouched and "source" not in untouched["mentions"][0]
    back = document_from_geojson(fixed.layer_collections(), passages_record(fixed))
    assert back.to_geojson() == fc


def test_csv_of_mentions_says_which_were_corrected(doc):
    lake = PlaceRef.dropped("Bodensee", 47.6, 9.4)
    start = TEXT.index("Bodensee")
    fixes = [*make_corrections(H, [(start, start + 8, "Bodensee", None)], lake),
             *make_corrections(H, spans(doc, "paris-2988507"), PlaceRef.of(doc.place("paris-2988507").candidates[1]))]
    rows = list(csv.DictReader(io.StringIO(downloads.mentions_csv(apply_corrections(doc, fixes, H).doc).decode(),
                                           newline="")))
    by_text = {r["mention"]: r for r in rows}
    assert (by_text["Bodensee"]["source"], by_text["Bodensee"]["original"]) == ("corrected", "")
    assert (by_text["Paris"]["source"], by_text["Paris"]["original"]) == ("corrected", "paris-2988507")
    assert by_text["Genf"]["source"] == doc.place("geneva-2660646").source and by_text["Genf"]["original"] == ""


def test_a_correction_round_trips_through_json():
    c = make_corrections(H, [(15, 19, "Köln", "koln-2886242")], PlaceRef.dropped("Deutz", 50.9, 6.9))[0]
    assert Correction.from_dict(json.loads(json.dumps(c.to_dict()))) == c
    assert c.made_at.endswith("+00:00") and c.choice.id.startswith("user:")
    with pytest.raises(ValueError):
        Correction.from_dict({**c.to_dict(), "text_hash": "../../etc"})
