"""The offline gazetteer: coverage, transliterations and old names, the index loading fast."""

from __future__ import annotations

import json

import pytest

from warlog.resolve.gazetteer import (
    NATURAL_EARTH_COUNTRIES,
    Gazetteer,
    _inside,
    fold,
    get_gazetteer,
    index_path,
    label_point,
    skeleton,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return get_gazetteer()


def _best(gazetteer: Gazetteer, name: str, feature: str = "city", country: str = "UA"):
    found = [(kind, e) for e, kind in gazetteer.lookup(name) if e.feature == feature and e.country == country]
    return max(found, key=lambda item: (-item[0], item[1].population))[1] if found else None  # best match, then size


@pytest.mark.parametrize("variants", [
    ("Kyiv", "Kiev"), ("Kharkiv", "Kharkov"), ("Kupiansk", "Kupyansk", "Kup'yans'k", "Kup’yans’k"),
    ("Zaporizhzhia", "Zaporozhye"), ("Dnipro", "Dnipropetrovsk"), ("Bakhmut", "Artemivsk"),
    ("Pokrovsk", "Krasnoarmiisk"),
])
def test_spellings_and_old_names_resolve_to_one_place(gazetteer, variants):
    ids = {_best(gazetteer, v).id for v in variants}
    assert len(ids) == 1, variants


@pytest.mark.parametrize("name, country", [
    ("Vuhledar", "UA"), ("Sudzha", "RU"), ("Krasnohorivka", "UA"), ("Toretsk", "UA"), ("Chasiv Yar", "UA"),
])
def test_small_front_line_towns_are_there(gazetteer, name, country):
    entry = _best(gazetteer, name, country=country)
    assert entry is not None and entry.lat is not None and entry.admin1


def test_admin_units_countries_and_named_regions(gazetteer):
    assert _best(gazetteer, "Kursk", "admin1", "RU").admin1_code == "RU.41"
    assert _best(gazetteer, "Kharkiv Oblast", "admin1").admin1_code == "UA.07"
    assert _best(gazetteer, "Kupiansk Raion", "admin2") is not None
    assert _best(gazetteer, "Moldova", "country", "MD") is not None
    donbas = _best(gazetteer, "Donbas", "region")
    assert donbas.admin1_code == "UA.05,UA.14" and 47 < donbas.lat < 50


def test_keys_fold_accents_apostrophes_and_transliteration():
    assert fold("Kup’yans’k") == fold("Kup'yans'k") == "kupyansk"
    assert skeleton(fold("Primorskiy")) == skeleton(fold("Primorsky"))
    assert fold("Ivano-Frankivsk") == "ivano frankivsk"


def test_a_built_index_is_opened_as_it_is_not_rebuilt(gazetteer):
    # How fast it opens is bench/geo_bench.py's job; here: a second load reads the same file untouched.
    path = index_path()
    before = path.stat().st_mtime_ns
    fresh = Gazetteer(path)
    assert fresh.lookup("Sumy")
    assert fresh.count() > 280_000
    assert path.stat().st_mtime_ns == before


def _natural_earth(name: str) -> dict:
    with open(NATURAL_EARTH_COUNTRIES, encoding="utf-8") as handle:
        return next(f for f in json.load(handle)["features"] if f["properties"]["name"] == name)["geometry"]


def _box(geometry: dict) -> tuple[float, float, float, float]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    points = [p for rings in polygons for p in rings[0]]
    return min(p[1] for p in points), max(p[1] for p in points), min(p[0] for p in points), max(p[0] for p in points)


@pytest.mark.parametrize("name, code", [
    ("Ukraine", "UA"), ("Syria", "SY"), ("France", "FR"), ("Norway", "NO"), ("Croatia", "HR"), ("Chile", "CL"),
    ("Israel", "IL"), ("Germany", "DE"), ("Dem. Rep. Congo", "CD"),
])
def test_a_country_point_lies_inside_that_country(gazetteer, name, code):
    entry = _best(gazetteer, code, "country", code)  # by its ISO code
    geometry = _natural_earth(name)
    south, north, west, east = _box(geometry)
    assert south <= entry.lat <= north and west <= entry.lon <= east
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    assert any(_inside(entry.lon, entry.lat, rings) for rings in polygons)


def test_ukraine_russia_and_the_usa_get_their_mainland_middles(gazetteer):
    ukraine = _best(gazetteer, "Ukraine", "country", "UA")
    assert 48 < ukraine.lat < 50.5 and 30 < ukraine.lon < 33  # not pulled toward the dense east
    russia = _best(gazetteer, "Russia", "country", "RU")
    assert 55 < russia.lat < 68 and 60 < russia.lon < 110  # across the antimeridian, still Siberia
    usa = _best(gazetteer, "United States", "country", "US")
    assert 35 < usa.lat < 42 and -105 < usa.lon < -90  # the lower 48, not Alaska or Hawaii


def test_label_point_stays_inside_a_crescent():
    # a U shape: its area centroid lies in the gap between the arms
    u_shape = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [8, 10], [8, 2], [2, 2], [2, 10],
                                                    [0, 10], [0, 0]]]}
    lat, lon = label_point(u_shape)
    assert _inside(lon, lat, u_shape["coordinates"])


def _regions(gazetteer: Gazetteer, name: str):
    return [(e, kind) for e, kind in gazetteer.lookup(name) if e.feature == "region"]


@pytest.mark.parametrize("name, south, north, west, east", [
    ("Europe", 40, 60, -5, 30), ("Africa", -10, 20, 0, 35), ("Middle East", 20, 40, 30, 55),
    ("Black Sea", 41, 46, 28, 41), ("Sea of Azov", 45, 47.5, 34.5, 39.5), ("Baltic states", 54, 60, 21, 28),
    ("West Africa", 0, 20, -20, 15), ("Southeast Asia", -5, 20, 95, 125),
])
def test_continents_world_regions_and_seas_have_points(gazetteer, name, south, north, west, east):
    found = _regions(gazetteer, name)
    assert found, name
    entry = found[0][0]
    assert south <= entry.lat <= north and west <= entry.lon <= east, (name, entry.lat, entry.lon)


def test_demonyms_name_their_country_continent_or_region(gazetteer):
    def target(word: str) -> set[tuple[str, str]]:
        return {(e.feature, e.country or e.name) for e, kind in gazetteer.lookup(word) if kind == 3}

    assert target("Russian") == {("country", "RU")} and target("Ukrainians") == {("country", "UA")}
    assert target("Israelis") == {("country", "IL")} and target("Chinese") == {("country", "CN")}
    assert target("European") == {("region", "Europe")}
    assert ("admin1", "GB") in target("Scottish")
    assert not target("Frenchs") and not target("Chineses")  # no plural for -ese/-ch adjectives


def test_state_abbreviations_need_their_dots(gazetteer):
    with_dots = {(e.feature, e.admin1_code) for e, _ in gazetteer.lookup("Calif.")}
    assert ("admin1", "US.CA") in with_dots
    assert ("admin1", "CA.02") in {(e.feature, e.admin1_code) for e, _ in gazetteer.lookup("B.C.")}
    assert ("admin1", "US.CA") not in {(e.feature, e.admin1_code) for e, _ in gazetteer.lookup("Calif")}


def test_country_aliases_in_common_use(gazetteer):
    for alias, code in (("America", "US"), ("Soviet Union", "RU"), ("Holland", "NL"), ("UAE", "AE")):
        assert code in {e.country for e, _ in gazetteer.lookup(alias) if e.feature == "country"}, alias


def test_a_province_point_is_the_middle_of_its_extent_not_of_its_people(gazetteer):
    # Queensland's people crowd the south-east coast (Brisbane); the province's middle is far to the north-west
    queensland = next(e for e, _ in gazetteer.lookup("Queensland") if e.feature == "admin1" and e.country == "AU")
    assert -22 < queensland.lat < -18 and 143 < queensland.lon < 147
    assert queensland.centre_lat < -23  # where its people are, kept for nearness
    krasnoyarsk = next(e for e, _ in gazetteer.lookup("Krasnoyarsk Krai") if e.feature == "admin1")
    assert krasnoyarsk.lat > 60  # the krai reaches the Arctic; its towns are in the south


def test_arabic_names_meet_by_their_consonants_when_nothing_else_matches(gazetteer):
    from warlog.resolve.gazetteer import consonant_skeleton

    assert consonant_skeleton(fold("Hodeidah")) == consonant_skeleton(fold("Al Hudaydah"))
    assert consonant_skeleton(fold("Deir ez-Zor")) == consonant_skeleton(fold("Dayr az Zawr"))
    assert consonant_skeleton(fold("Sana")) is None  # too short to say anything
    hodeidah = max((e for e, kind in gazetteer.lookup("Hodeidah") if kind == 2), key=lambda e: e.population)
    assert hodeidah.country == "YE" and hodeidah.population > 100_000
    assert all(e.country != "YE" for e, _ in gazetteer.lookup("Kyiv"))  # a name found as it is takes no skeleton


def test_every_district_has_a_point_even_without_a_town_of_its_own(gazetteer):
    """Districts whose towns all have fewer than 500 people have no places to average: they take their province's
    point, so an event placed in one is still on the map (never a place with no coordinates)."""
    import sqlite3

    with sqlite3.connect(index_path()) as connection:
        missing = connection.execute("SELECT COUNT(*) FROM places WHERE feature = 'admin2' AND lat IS NULL").fetchone()
        total = connection.execute("SELECT COUNT(*) FROM places WHERE feature = 'admin2'").fetchone()
    assert total[0] > 10_000 and missing[0] == 0


@pytest.mark.parametrize("written, main", [("El Nahud", "An Nuhūd"), ("Al-Nahud", "An Nuhūd"),
                                           ("Al Obeid", "El Obeid")])
def test_the_arabic_article_spelt_another_way_finds_the_town_as_an_alternate_name(gazetteer, written, main):
    """"El Nahud", "Al-Nahud" for An Nuhud (the article assimilated to the sun letter): an alternate spelling, not
    only a match of consonants that a town of another country may share."""
    assert any(e.name == main and kind <= 1 for e, kind in gazetteer.lookup(written))
