"""The choices offered for a place: only real namesakes, each told apart, duplicates merged,
the current choice first. Real texts on the real index; the filtering logic on the fixture."""
from __future__ import annotations

from dataclasses import replace

import pytest
from shapely.geometry import Point

from fixture_gazetteer import BORDERS, RECORDS
from mapapp.app.labels import candidate_label
from mapapp.gazetteer.build import write_index
from mapapp.gazetteer.names import name_key
from mapapp.gazetteer.query import Gazetteer
from mapapp.model import Candidate, Document, Mention, Passage, Place
from mapapp.places.candidates import choices, mention_keys

PARIS_TEXT = ("Paris, Texas, is a small town two hours from Dallas. Its Eiffel Tower copy wears a cowboy hat. "
              "Paris, the capital of France, has the original.")


@pytest.fixture(scope="module")
def parsed():
    from mapapp.pipeline import geoparse

    return lambda text, lang=None: geoparse(text, lang, online=False)


def test_each_paris_shows_its_region_and_no_unrelated_names(parsed):
    doc = parsed(PARIS_TEXT, "en")
    parises = [p for p in doc.places if p.name == "Paris"]
    assert {p.country_code for p in parises} == {"US", "FR"}
    for place in parises:
        offered = choices(place, doc)
        assert offered[0].id == place.id and offered[0].current
        assert {name_key(c.name) for c in offered} == {"paris"}  # no Veselyy Kut, no Parys
        regions = {c.region for c in offered}
        assert {"Texas", "Île-de-France", "Tennessee", "Kentucky"} <= regions
        assert len({c.label for c in offered}) == len(offered)
        texas = next(c for c in offered if c.region == "Texas")
        assert texas.label.startswith("Paris — town · Texas, United States of America · pop. 24,782 · ")
        assert texas.label.endswith(" km from the text's other places")


def test_two_springfields_show_their_states(parsed):
    doc = parsed("She flew to Springfield, Illinois. Later she visited Portland. "
                 "In Springfield she met the governor.", "en")
    spring = next(p for p in doc.places if p.name == "Springfield")
    offered = choices(spring, doc)
    assert offered[0].region == "Illinois"
    assert {"Missouri", "Massachusetts", "Ohio"} <= {c.region for c in offered[1:]}


def test_a_foreign_town_reached_by_an_alternate_name_is_not_offered(parsed):
    doc = parsed("Russland greift die Ukraine an. Die Ukraine wehrt sich.", "de")
    ukraine = doc.place("country-ua")
    assert len(ukraine.candidates) > 1  # the resolver's alternatives include a Spanish town
    assert [c.id for c in choices(ukraine, doc)] == ["country-ua"]


@pytest.fixture(scope="module")
def namesakes_gazetteer(tmp_path_factory):
    """The fixture gazetteer plus a village once called Paris and a second record of Paris, Texas."""
    extra = (replace(RECORDS[-1], id="veselyy-kut-705000", name="Veselyy Kut", country_code="UA",
                     lat=47.5, lon=30.3, population=1500, source="geonames:705000", admin1="17",
                     names=(("Veselyy Kut", True), ("Paris", False))),
             replace(next(r for r in RECORDS if r.id == "paris-4717560"), id="paris-9999999",
                     lat=33.67, lon=-95.53, population=0, source="geonames:9999999"))
    path = tmp_path_factory.mktemp("namesakes") / "gazetteer.sqlite"
    return Gazetteer(write_index(path, RECORDS + extra, BORDERS))


def _doc(gaz: Gazetteer, place_id: str, word: str, others: tuple[str, ...], lang: str = "en",
         kind: str = "toponym", candidates: tuple[str, ...] = ()) -> tuple[Document, Place]:
    text = f"{word} and more."
    def place(pid, mentions):
        e = gaz.by_id(pid)
        cands = [Candidate(e.id, e.name, e.layer, e.category, e.country_code, e.lat, e.lon, e.source,
                           population=e.population) for e in map(gaz.by_id, (pid, *candidates))]
        return Place(e.id, e.name, e.layer, e.category, e.country_code, e.source, Point(e.lon, e.lat),
                     e.lat, e.lon, mentions, cands)
    main = place(place_id, [Mention(0, len(word), word, kind)])
    rest = [place(o, [Mention(len(text), len(text), o)]) for o in others]
    return Document(text, lang, [Passage(0, 0, len(text), text)], [main, *rest]), main


def test_alternate_names_dropped_and_duplicate_records_merged(namesakes_gazetteer):
    doc, paris = _doc(namesakes_gazetteer, "paris-4717560", "Paris", ("dallas-4684888",),
                      candidates=("veselyy-kut-705000", "paris-9999999", "paris-2988507"))
    offered = choices(paris, doc, gaz=namesakes_gazetteer)
    assert [c.id for c in offered] == ["paris-4717560", "paris-2988507", "paris-4647963"]
    assert [c.region for c in offered] == ["Texas", "", "Tennessee"]


def test_online_candidates_offered_only_under_the_mentioned_name(fixture_gazetteer):
    doc, paris = _doc(fixture_gazetteer, "paris-4717560", "Paris", ())
    online = [Candidate("osm-node-8", "Paris", "cities", "village", "PT", 41.1, -8.3, "nominatim:node/8"),
              Candidate("osm-node-9", "Parisot", "cities", "village", "FR", 44.3, 1.9, "nominatim:node/9")]
    paris.candidates = [*paris.candidates, *online]
    ids = [c.id for c in choices(paris, doc, gaz=fixture_gazetteer)]
    assert "osm-node-8" in ids and "osm-node-9" not in ids


def test_distance_is_the_median_to_the_other_places(fixture_gazetteer):
    doc, paris = _doc(fixture_gazetteer, "paris-4717560", "Paris",
                      ("dallas-4684888", "nashville-4644585", "memphis-4641239"))
    offered = {c.id: c for c in choices(paris, doc, gaz=fixture_gazetteer)}
    assert 500 < offered["paris-4717560"].distance_km < 600   # Dallas 152, Memphis 532, Nashville 846
    assert 150 < offered["paris-4647963"].distance_km < 250   # Nashville 139, Memphis 201, Dallas 869
    assert offered["paris-2988507"].distance_km > 7000
    assert " · 530 km from the text's other places" in offered["paris-4717560"].label


def test_a_demonym_offers_only_its_country(fixture_gazetteer):
    doc, kz = _doc(fixture_gazetteer, "country-kz", "kasachische", (), lang="de", kind="demonym")
    assert [c.id for c in choices(kz, doc, gaz=fixture_gazetteer)] == ["country-kz"]


def test_an_inflected_german_name_finds_its_namesakes(fixture_gazetteer):
    assert mention_keys("Kasachstans", "de")[:2] == ("kasachstans", "kasachstan")
    assert "springfield" in mention_keys("Springfield’s", "en")
    doc, brest = _doc(fixture_gazetteer, "brest-629634", "Brests", (), lang="de")
    assert [c.country for c in choices(brest, doc, gaz=fixture_gazetteer)] == ["Belarus", "France"]


def test_the_current_choice_stays_first_though_its_name_differs(fixture_gazetteer):
    doc, moscow = _doc(fixture_gazetteer, "moscow-524901", "Paris", ())
    offered = choices(moscow, doc, gaz=fixture_gazetteer)
    assert offered[0].id == "moscow-524901" and offered[0].distance_km is None
    assert [c.name for c in offered[1:]] == ["Paris"] * 3


def test_candidate_label_tells_namesakes_apart(fixture_gazetteer):
    texas = fixture_gazetteer.by_id("paris-4717560")
    cand = Candidate(texas.id, texas.name, texas.layer, texas.category, texas.country_code, texas.lat,
                     texas.lon, texas.source, population=texas.population)
    assert candidate_label(cand, fixture_gazetteer) == \
        "Paris — town · Texas, United States of America · pop. 24,782"
