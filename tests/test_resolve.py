"""Resolution on the fixture gazetteer: which namesake a span means, in its document's context."""
from __future__ import annotations

import pytest
from fixture_gazetteer import RECORDS

from mapapp.mentions.recognize import Recognizer
from mapapp.model import Candidate
from mapapp.places.resolve import MAX_ALTERNATIVES, place_from_candidate, resolve_spans


@pytest.fixture()
def resolve(fixture_gazetteer):
    recognizer = Recognizer(fixture_gazetteer)

    def run(text: str, lang: str) -> dict[str, list[Candidate]]:
        """Each resolved surface form with its ranked alternatives (the chosen one first)."""
        spans = recognizer.spans(text, 0, 0, lang)
        resolved, _ = resolve_spans(spans, fixture_gazetteer, lang)
        return {span.text: alternatives for span, _, alternatives in resolved}
    return run


def test_a_qualifier_picks_the_namesake_it_names(resolve):
    alternatives = resolve("The storm hit Paris, Texas, on Monday.", "en")["Paris"]
    assert alternatives[0].id == "paris-4717560"
    assert "paris-2988507" in [c.id for c in alternatives[1:]]


def test_without_context_the_prominent_namesake_wins(resolve):
    assert resolve("The band played a last show in Paris.", "en")["Paris"][0].id == "paris-2988507"


@pytest.mark.parametrize("text, name, place_id", [
    ("Von Minsk fuhr der Zug nach Brest.", "Brest", "brest-629634"),
    ("Nach Brest kam er aus Frankreich.", "Brest", "brest-3030300"),
    ("Die Raketen fielen bei Priozersk.", "Priozersk", "priozersk-505230"),
    ("In Kasachstan fielen die Raketen bei Priozersk.", "Priozersk", "priozersk-7536148"),
    ("Von Balkhash aus sah man die Raketen bei Priozersk.", "Priozersk", "priozersk-7536148"),
])
def test_document_context_picks_the_namesake(resolve, text, name, place_id):
    assert resolve(text, "de")[name][0].id == place_id


def test_anchors_rank_the_nearer_namesake_higher(resolve):
    """Both American Parises get the same country bonus; only the distance to the anchors differs."""
    def order(text: str) -> list[str]:
        return [c.id for c in resolve(text, "en")["Paris"] if c.country_code == "US"]

    assert order("The band played a last show in Paris.") == ["paris-4717560", "paris-4647963"]
    assert order("The band toured Nashville and Memphis before a last show in Paris.") == [
        "paris-4647963", "paris-4717560"]


def test_ranked_alternatives_are_kept(resolve):
    alternatives = resolve("Der Zug hielt in Brest.", "de")["Brest"]
    assert {c.id for c in alternatives} == {"brest-629634", "brest-3030300"}
    scores = [c.score for c in alternatives]
    assert scores == sorted(scores, reverse=True) and sum(scores) == pytest.approx(1.0)
    assert len(resolve("Paris und Paris.", "de")["Paris"]) <= MAX_ALTERNATIVES


def test_demonyms_resolve_to_their_country(resolve):
    assert resolve("Die russischen Truppen zogen ab.", "de")["russischen"][0].id == "country-ru"


def test_a_place_takes_its_gazetteer_geometry(fixture_gazetteer, resolve):
    found = resolve("Von Moskau nach Kasachstan.", "de")
    country = place_from_candidate(found["Kasachstan"][0], [], fixture_gazetteer)
    city = place_from_candidate(found["Moskau"][0], [], fixture_gazetteer)
    outline = next(r.geometry for r in RECORDS if r.id == "country-kz")
    assert country.geometry.equals(outline)
    assert (city.geometry.geom_type, city.geometry.x, city.geometry.y) == ("Point", city.lon, city.lat)


def test_one_name_in_two_passages_is_ranked_by_each_passages_anchors(fixture_gazetteer):
    """Rankings are shared by spans that read alike, but never across passages: the anchors in
    a passage count 150 km nearer than those elsewhere."""
    passages = ["The band toured Nashville and Memphis before a show in Paris.",
                "Months later they played Dallas, then Paris again."]
    recognizer, spans, start = Recognizer(fixture_gazetteer), [], 0
    for index, text in enumerate(passages):
        spans += recognizer.spans(text, index, start, "en")
        start += len(text) + 2
    resolved, _ = resolve_spans(spans, fixture_gazetteer, "en")
    american = [(span.passage, [c.id for c in alternatives if c.country_code == "US"])
                for span, _, alternatives in resolved if span.text == "Paris"]
    assert american == [(0, ["paris-4647963", "paris-4717560"]), (1, ["paris-4717560", "paris-4647963"])]
