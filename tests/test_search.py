"""Gazetteer search for adding a missed place: names in any language, namesakes told apart,
online hits merged in. Real data on the real index, ranking logic on the fixture gazetteer."""
from __future__ import annotations

import pytest

from fake_nominatim import geocoder, place
from mapapp.gazetteer.query import get_gazetteer
from mapapp.gazetteer.search import merge_online, online_hits, search

BOSTON = (42.36, -71.06)


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def test_german_name_of_a_lake_finds_the_lake_first(gaz):
    hits = search("Bodensee", gaz)
    assert (hits[0].name, hits[0].layer, hits[0].matched) == ("Lake Constance", "water", "bodensee")
    town = next(h for h in hits if h.layer == "cities")
    assert (town.country, town.region) == ("Germany", "Lower Saxony")


def test_german_exonym_finds_geneva(gaz):
    hits = search("Genf", gaz)
    assert hits[0].name == "Geneva" and hits[0].country == "Switzerland" and hits[0].exact


def test_portlands_ranked_by_size_each_with_its_state(gaz):
    hits = search("Portland", gaz)
    assert [(h.region, h.country) for h in hits[:2]] == [("Oregon", "United States of America"),
                                                           ("Maine", "United States of America")]
    assert all(h.exact for h in hits if h.name == "Portland")
    assert "Portland — city · Oregon, United States of America · pop. 652,503" == hits[0].label
    assert len({h.label for h in hits}) == len(hits)


def test_near_brings_the_nearer_namesake_first(gaz):
    assert search("Portland", gaz, near=BOSTON)[0].region == "Maine"


def test_prefix_as_typed_already_finds_the_place(gaz):
    assert "Portland" in [h.name for h in search("Portl", gaz)[:3]]
    assert any(h.name == "Lake Constance" for h in search("Boden", gaz))


def test_first_level_region_shown_outside_the_us(gaz):
    paris = next(h for h in search("Paris", gaz) if h.country_code == "FR")
    assert paris.region == "Île-de-France"


def test_a_region_is_not_its_own_region(gaz):
    oregon = next(h for h in search("Oregon", gaz) if h.category == "state")
    assert oregon.region == "" and oregon.label.startswith("Oregon — state · United States")


def test_one_letter_finds_nothing(gaz):
    assert search("P", gaz) == [] and search("  ", gaz) == []


def test_exact_name_before_longer_names_that_start_with_it(fixture_gazetteer):
    # The cosmodrome weighs more than the small town, but the town is the name typed.
    hits = search("Vostochny", fixture_gazetteer)
    assert [h.id for h in hits] == ["vostochny-797241", "vostochny-cosmodrome"]
    assert [h.exact for h in hits] == [True, False]
    paris = search("Paris", fixture_gazetteer)
    assert [h.region for h in paris] == ["", "Texas", "Tennessee"]  # the fixture names no French region


def test_alternate_name_reaches_the_place(fixture_gazetteer):
    hits = search("Mosk", fixture_gazetteer)
    assert hits[0].name == "Moscow" and hits[0].matched in ("moskau", "moskva")


def test_transliteration_fold_reaches_a_spelling_not_in_the_index(fixture_gazetteer):
    hits = search("Nowouralsk", fixture_gazetteer)
    assert [h.id for h in hits] == ["novouralsk-1538636"] and not hits[0].exact


def test_online_hits_join_marked_and_without_duplicates(fake, tmp_path, fixture_gazetteer):
    fake.places["Paris"] = [
        place("Paris", 33.66, -95.55, "us", osm_id=7, type="town", importance=0.5),   # Paris, Texas again
        place("Paris", 46.05, -7.70, "pt", osm_id=8, type="village", importance=0.2),  # unknown to the index
    ]
    geo = geocoder(fake, tmp_path)
    online = online_hits("Paris", geo, fixture_gazetteer)
    assert [h.online for h in online] == [True, True]
    merged = merge_online(search("Paris", fixture_gazetteer), online)
    assert [h.id for h in merged if h.online] == ["osm-node-8"]
    assert merged[-1].id == "osm-node-8"  # after the exact local names
    assert merged[-1].label.endswith("online geocoder") and merged[-1].candidate().source == "nominatim:node/8"


def test_online_hit_comes_before_local_prefix_matches(fake, tmp_path, fixture_gazetteer):
    fake.places["Mos"] = [place("Mos", 42.12, -8.63, "es", osm_id=9, type="village")]
    merged = merge_online(search("Mos", fixture_gazetteer), online_hits("Mos", geocoder(fake, tmp_path),
                                                                         fixture_gazetteer))
    assert merged[0].id == "osm-node-9" and merged[0].country == ""  # Spain is not in the fixture
    assert any(h.name == "Moscow" for h in merged[1:])
