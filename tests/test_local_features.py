"""Local features no gazetteer holds (streets, buildings, venues, institutions, road numbers) are placed in the
story's town at ACLED geo_precision 2, never in a country or a province, and not at all when the story names no
town. Invented sentences only."""

from __future__ import annotations

import pytest

from warlog.resolve.places import Resolver, is_local_feature, resolve_toponyms
from warlog.schema import Mention, Span


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def _resolve(resolver: Resolver, text: str, *names: str, posts: tuple[int, ...] | None = None):
    mentions, position = [], 0
    for n, name in enumerate(names):
        start = text.index(name, position)
        mentions.append(Mention(Span(start, start + len(name), name), "GPE",
                                post_index=posts[n] if posts else None))
        position = start + len(name)
    return resolve_toponyms(text, mentions, resolver)


@pytest.mark.parametrize("name", ["Royal Street", "Hospital No. 5", "A417", "M4", "the Central Market",
                                  "South Kilburn Estate", "MetroHealth Medical Center", "Twin Towers"])
def test_feature_words_and_road_numbers_mark_a_local_feature(name):
    assert is_local_feature(name)


@pytest.mark.parametrize("name", ["Faubourg Marigny", "Kharkiv", "Donbas", "A", "Mariupol Oblast", "mosques",
                                  "the Highway Patrol", "Port Authority"])
def test_other_names_are_no_local_feature(name):
    assert not is_local_feature(name)


def test_a_street_is_the_town_before_it_at_the_towns_precision(resolver):
    text = "Shelling hit Kharkiv overnight. A fire broke out on Zelenohirska Street, the mayor said."
    town, street = _resolve(resolver, text, "Kharkiv", "Zelenohirska Street")
    assert street.place is not None and street.place.gazetteer_id == town.place.gazetteer_id
    assert street.place.geo_precision == 2 and street.place.precision == town.place.precision
    assert street.place.span.text == "Zelenohirska Street"
    assert "local feature in Kharkiv (story context)" in street.reason
    assert street.place.reason == street.reason


def test_the_nearest_town_of_its_paragraph_wins_over_the_most_named(resolver):
    text = ("Odesa was calm. Odesa residents queued for water. Odesa markets reopened.\n\n"
            "Later a drone struck Kherson, and the Bilozerka Road checkpoint closed.")
    *_, kherson, road = _resolve(resolver, text, "Odesa", "Odesa", "Odesa", "Kherson", "Bilozerka Road")
    assert road.place.gazetteer_id == kherson.place.gazetteer_id
    assert "paragraph" in road.reason


def test_without_a_town_before_it_the_story_s_most_named_town(resolver):
    text = ("Engineers inspected Pivdenna Station at dawn.\n\n"
            "Zaporizhzhia officials said power returned. In Zaporizhzhia, trams ran; Dnipro sent crews.")
    station, first, _second, _dnipro = _resolve(resolver, text, "Pivdenna Station", "Zaporizhzhia", "Zaporizhzhia",
                                                "Dnipro")
    assert station.place is not None and station.place.gazetteer_id == first.place.gazetteer_id
    assert "names most (2 mentions)" in station.reason


def test_within_a_post_the_town_before_it_across_paragraphs_not_another_posts(resolver):
    text = ("Sirens in Sumy.\n\nA shell hit School No. 9.\n---\nCalm in Konotop.\n\nSumy sent aid.\n---\n"
            "Crews repaired the Seim Bridge.")
    sumy, school, konotop, _sumy, bridge = _resolve(resolver, text, "Sumy", "School No. 9", "Konotop", "Sumy",
                                                    "Seim Bridge", posts=(0, 0, 1, 1, 2))
    assert school.place.gazetteer_id == sumy.place.gazetteer_id and "in its post" in school.reason
    assert school.place.post_index == 0 and konotop.place.gazetteer_id != sumy.place.gazetteer_id
    assert bridge.place.gazetteer_id == sumy.place.gazetteer_id and "names most" in bridge.reason


def test_never_a_country_or_province_and_nothing_without_a_town(resolver):
    text = "Drones from Russia hit the Kharkiv region in Ukraine; a strike damaged Hospital No. 17."
    russia, region, country, hospital = _resolve(resolver, text, "Russia", "Kharkiv region", "Ukraine",
                                                 "Hospital No. 17")
    assert {russia.place.feature_type, country.place.feature_type} == {"country"}
    assert region.place.feature_type == "admin1"
    assert hospital.place is None and "names no town" in hospital.reason


def test_a_road_number_is_the_town_before_it(resolver):
    text = "Police in Gloucester closed the A417 after a lorry overturned."
    town, road = _resolve(resolver, text, "Gloucester", "A417")
    assert road.place.gazetteer_id == town.place.gazetteer_id and road.place.geo_precision == 2


def test_a_feature_named_after_a_state_stays_unresolved(resolver):
    text = "Students in Fort Collins marched from Colorado State University and Florida Atlantic University."
    _town, colorado, florida = _resolve(resolver, text, "Fort Collins", "Colorado State University",
                                        "Florida Atlantic University")
    assert colorado.place is None and florida.place is None
    assert "state" in florida.reason


def test_a_feature_named_after_a_big_city_is_that_city_but_a_street_is_not(resolver):
    text = "In Krakow, musicians from the Warsaw Philharmonic Hall played on Lviv Street."
    krakow, hall, street = _resolve(resolver, text, "Krakow", "Warsaw Philharmonic Hall", "Lviv Street")
    assert hall.place.name == "Warsaw" and hall.place.geo_precision == 2 and "named after Warsaw" in hall.reason
    assert street.place.gazetteer_id == krakow.place.gazetteer_id  # a street named after a city is not in it


def test_a_feature_standing_for_its_government_is_no_place(resolver):
    text = "In Dnipro, City Hall said the curfew would stay."
    _dnipro, hall = _resolve(resolver, text, "Dnipro", "City Hall")
    assert hall.place is None and hall.metonymy


def test_a_name_the_model_cut_before_street_is_read_as_the_street_at_its_own_span(resolver):
    text = "A drone hit Odesa at night; windows broke on Derybasivska Street and in Mykolaiv."
    _odesa, street, _mykolaiv = _resolve(resolver, text, "Odesa", "Derybasivska", "Mykolaiv")
    assert street.span.text == "Derybasivska" and street.place.span == street.span  # events look places up by span
    assert street.place.name == "Odesa" and street.place.geo_precision == 2
    assert "read as 'Derybasivska Street'" in street.reason


def test_a_town_named_like_a_feature_is_no_story_town(resolver):
    text = "Shelling hit Lviv overnight. Crowds later gathered in Franklin Square and marched down Horodotska Street."
    town, square, street = _resolve(resolver, text, "Lviv", "Franklin Square", "Horodotska Street")
    assert square.place is not None and square.place.country_code == "US"  # a namesake town the text does not mean
    assert street.place.gazetteer_id == town.place.gazetteer_id and street.place.country_code == "UA"


def test_a_town_read_without_a_clear_margin_is_no_story_town(resolver):
    text = "Shelling hit Lviv overnight. Crowds later gathered in Hubbard and marched down Horodotska Street."
    town, small, street = _resolve(resolver, text, "Lviv", "Hubbard", "Horodotska Street")
    assert small.place is not None and small.place.country_code == "US"  # a weak reading among namesakes
    assert street.place.gazetteer_id == town.place.gazetteer_id


def test_a_weakly_read_town_named_often_is_a_story_town(resolver):
    text = ("Hubbard firefighters were called out. Hubbard residents were evacuated. Hubbard police closed Main "
            "Street.")
    *towns, street = _resolve(resolver, text, "Hubbard", "Hubbard", "Hubbard", "Main Street")
    assert street.place is not None and street.place.gazetteer_id == towns[-1].place.gazetteer_id


def test_a_feature_said_to_be_in_a_town_is_in_that_town_not_in_the_city_its_name_starts_with(resolver):
    # "Aden" opens a person's name here; the airport is said to be in Hargeisa
    text = "Shells fell near Aden Adde Airport in Hargeisa on Monday."
    feature, town = _resolve(resolver, text, "Aden Adde Airport", "Hargeisa")
    assert feature.place is not None and feature.place.name == town.place.name


def test_a_feature_named_after_a_foreign_city_is_placed_in_the_storys_town(resolver):
    text = "In Kismaayo, gunmen stormed the Aden Abdullah Hospital on Monday."
    town, feature = _resolve(resolver, text, "Kismaayo", "Aden Abdullah Hospital")
    assert feature.place is not None and feature.place.country_code == "SO"
