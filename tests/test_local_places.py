"""US and Canadian local news on the full gazetteer: datelines, state abbreviations, counties,
a story's state settling namesakes, and organisation names that are not places."""
from __future__ import annotations

import pytest

from mapapp.pipeline import geoparse


def found(text: str, lang: str = "en") -> dict[str, str]:
    """Each mention's surface form -> the id of the place it was resolved to."""
    return {m.text: p.id for p in geoparse(text, lang).places for m in p.mentions}


def test_an_all_caps_dateline_with_an_ap_abbreviation_places_the_story():
    places = found("CHARLESTON, W.Va. (AP) — A chemical leak forced residents to stay inside.")
    assert places == {"CHARLESTON": "charleston-4801859", "W.Va.": "us-state-wv"}


@pytest.mark.parametrize("text, town, town_id, state, state_id", [
    ("Police in Emporia, Kan., said the plane was found.", "Emporia", "emporia-4271086",
     "Kan.", "us-state-ks"),
    ("Crews flew to Kamloops, B.C., on Monday.", "Kamloops", "kamloops-5989045",
     "B.C.", "ca-british-columbia"),
    ("The storm hit Paris, TX, overnight.", "Paris", "paris-4717560", "TX", "us-state-tx"),
])
def test_state_abbreviations_qualify_the_town_and_name_the_state(text, town, town_id, state, state_id):
    places = found(text)
    assert places[town] == town_id and places[state] == state_id


def test_an_abbreviation_out_of_place_is_not_a_town_abroad():
    assert "Kan." not in found("Kan. is what the sign said.")


@pytest.mark.parametrize("county, county_id", [
    ("Kanawha County", "us-county-54039"), ("Cook County", "us-county-17031"),
    ("Jefferson Parish", "us-county-22051"),
])
def test_counties_and_parishes_are_places(county, county_id):
    text = f"{county} officials in Illinois, West Virginia and Louisiana closed the schools."
    assert found(text)[county] == county_id


def test_a_story_placed_in_ohio_prefers_dublin_ohio():
    places = found("DUBLIN, Ohio (AP) — The tournament drew record crowds.\n\n"
                   "Hotels in Dublin were sold out all week.")
    assert {i for t, i in places.items() if t == "Dublin" or t == "DUBLIN"} == {"dublin-5152333"}


def test_a_small_town_after_a_preposition_in_a_story_placed_in_its_state():
    places = found("GAINESVILLE, Fla. (AP) — A deputy was shot during a traffic stop in Chiefland.")
    assert places["Chiefland"] == "chiefland-4150733"


@pytest.mark.parametrize("text, org", [
    ("The Washington Post reported the deal.", "Washington"),
    ("The New York Times reported the deal.", "New York"),
    ("Paris Saint-Germain won again.", "Paris"),
    ("Texas Instruments raised its forecast.", "Texas"),
    ("The Bank of England held rates.", "England"),
    ("The European Central Bank raised rates.", "European"),
    ("Die Europäische Zentralbank hob die Zinsen.", "Europäische"),
    ("The Paris Public Library reopened.", "Paris"),
])
def test_organisations_named_after_places_are_not_places(text, org):
    lang = "de" if "Zinsen" in text else "en"
    assert not any(t.startswith(org) for t in found(text, lang)), found(text, lang)


def test_lake_michigan_is_not_the_state():
    assert "us-state-mi" not in found("Boats on Lake Michigan were warned of high waves.").values()


@pytest.mark.parametrize("text, name, place_id", [
    ("New York lawmakers passed a budget late Friday.", "New York", "us-state-ny"),
])
def test_a_state_or_province_is_not_its_namesake_city_when_the_text_means_the_state(text, name, place_id):
    assert found(text)[name] == place_id


def test_quebec_city_is_still_the_city():
    assert found("Tourists walked through Quebec City.")["Quebec City"] == "quebec-6325494"


@pytest.mark.parametrize("text, name, place_id", [
    ("Russia's Foreign Ministry released a statement on Tuesday.", "Russia\u2019s", "country-ru"),
    ("A new hunt for Malaysia Airlines flight MH370 began.", "Malaysia", "country-my"),
    ("Since the vote, EU airlines have kept their lead.", "EU", "european-union"),
])
def test_a_country_or_union_inside_an_organisations_name_is_still_the_place(text, name, place_id):
    places = found(text.replace("'", "\u2019"))
    assert places.get(name) == place_id, places


def test_a_state_naming_a_university_is_not_the_state():
    assert "us-state-ks" not in found("Kansas State University will build a new stadium annex.").values()


@pytest.mark.parametrize("text, name, place_id", [
    ("Zimbabwean politics changed after the vote.", "Zimbabwean", "country-zw"),
    ("Kurdish fighters held the town.", "Kurdish", "kurdistan"),
    ("Every Iowan should have broadband.", "Iowan", "us-state-ia"),
])
def test_demonyms_of_countries_and_regions_link_to_them(text, name, place_id):
    assert found(text)[name] == place_id


def test_eastern_ghouta_is_a_region_of_syria():
    places = found("The offensive in eastern Ghouta has killed more than 1,600 civilians.")
    assert places["Ghouta"] == "eastern-ghouta"
