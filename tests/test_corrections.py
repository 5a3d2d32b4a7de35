import json

from shapely.geometry import Point

from mapapp.corrections import (Correction, apply_corrections, load_corrections,
                                save_corrections, with_correction)
from mapapp.model import Place


def point_place(cand, mentions):
    return Place(cand.id, cand.name, cand.layer, cand.category, cand.country_code, cand.source,
                 Point(cand.lon, cand.lat), cand.lat, cand.lon, list(mentions))


def _baikonur_mention(doc):
    return doc.place("baikonur-cosmodrome").mentions[0]


def test_choosing_another_candidate_moves_the_mention_to_a_new_place(seed_doc):
    m = _baikonur_mention(seed_doc)
    fixed = apply_corrections(seed_doc, [Correction(m.start, m.end, m.text, "baikonur-1521368")], point_place)
    assert fixed.place("baikonur-cosmodrome") is None
    town = fixed.place("baikonur-1521368")
    assert town.layer == "cities" and [x.start for x in town.mentions] == [m.start]
    assert {c.id for c in town.candidates} == {"baikonur-cosmodrome", "baikonur-1521368"}
    assert seed_doc.place("baikonur-cosmodrome") is not None, "input must not change"


def test_choice_can_be_revised_back(seed_doc):
    m = _baikonur_mention(seed_doc)
    first = apply_corrections(seed_doc, [Correction(m.start, m.end, m.text, "baikonur-1521368")], point_place)
    back = apply_corrections(first, [Correction(m.start, m.end, m.text, "baikonur-cosmodrome")], point_place)
    assert back.place("baikonur-cosmodrome") is not None and back.place("baikonur-1521368") is None


def test_moving_to_an_existing_place_merges(seed_doc):
    moscow = seed_doc.place("moscow-524901")
    m = seed_doc.place("almaty-1526384").mentions[0]
    fake = [c for c in seed_doc.place("almaty-1526384").candidates] + moscow.candidates
    doc = apply_corrections(seed_doc, [], point_place)
    doc.place("almaty-1526384").candidates = fake
    fixed = apply_corrections(doc, [Correction(m.start, m.end, m.text, "moscow-524901")], point_place)
    assert fixed.place("almaty-1526384") is None
    assert len(fixed.place("moscow-524901").mentions) == len(moscow.mentions) + 1


def test_not_a_place_drops_only_that_mention(seed_doc):
    kz = seed_doc.place("country-kz")
    m = kz.mentions[0]
    fixed = apply_corrections(seed_doc, [Correction(m.start, m.end, m.text, None)], point_place)
    assert len(fixed.place("country-kz").mentions) == len(kz.mentions) - 1
    m2 = _baikonur_mention(seed_doc)
    fixed = apply_corrections(fixed, [Correction(m2.start, m2.end, m2.text, None)], point_place)
    assert fixed.place("baikonur-cosmodrome") is None


def test_applying_twice_changes_nothing(seed_doc):
    m = _baikonur_mention(seed_doc)
    cs = [Correction(m.start, m.end, m.text, "baikonur-1521368")]
    once = apply_corrections(seed_doc, cs, point_place)
    twice = apply_corrections(once, cs, point_place)
    assert once.to_geojson() == twice.to_geojson()


def test_save_and_load_round_trip_keeps_the_latest_per_mention(tmp_layers):
    a = Correction(10, 18, "Baikonur", "gn:1")
    b = Correction(10, 18, "Baikonur", None)
    c = Correction(2, 5, "Rom", "gn:2")
    path = save_corrections(tmp_layers, with_correction([a, c], b))
    assert path.name == "corrections.json"
    assert load_corrections(tmp_layers) == [c, b]
    assert json.loads(path.read_text())["corrections"][1]["choice"] is None


def test_missing_or_broken_file_means_no_corrections(tmp_layers):
    assert load_corrections(tmp_layers) == []
    tmp_layers.mkdir(parents=True)
    (tmp_layers / "corrections.json").write_text("{not json")
    assert load_corrections(tmp_layers) == []


def test_default_factory_makes_a_point_place_for_an_unknown_id(seed_doc):
    m = _baikonur_mention(seed_doc)
    fixed = apply_corrections(seed_doc, [Correction(m.start, m.end, m.text, "baikonur-1521368")])
    town = fixed.place("baikonur-1521368")
    assert town.geometry.geom_type == "Point"
    assert (round(town.geometry.y, 3), round(town.geometry.x, 3)) == (45.617, 63.317)
