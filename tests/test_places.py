"""Resolution in context: priors, admin hints, metonymy, precision codes; the example page's places."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.conftest import expected_section, extracted, mentions_of
from warlog.resolve.places import Resolver, is_metonymy, resolve_places
from warlog.schema import Mention, Span


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def _mentions(text: str, *names: str) -> list[Mention]:
    return mentions_of(text, *names)


def _resolve(resolver: Resolver, text: str, *names: str):
    from warlog.resolve.places import resolve_toponyms

    return resolve_toponyms(text, _mentions(text, *names), resolver)


def test_admin_hints_pick_the_level(resolver):
    text = "Drones struck the Sumy region overnight and a shell later landed in the city of Sumy."
    region, city = _resolve(resolver, text, "Sumy region", "Sumy")
    assert region.place.feature_type == "admin1" and region.place.geo_precision == 3
    assert city.place.feature_type == "city" and city.place.precision == "city" and city.place.geo_precision == 1
    assert "admin hint" in city.reason


def test_country_hint_and_possessive(resolver):
    text = "Troops massed in Belarus's southern Gomel region and in Russia's western Kursk region."
    _, _, kursk = _resolve(resolver, text, "Belarus", "Gomel", "Kursk region")
    assert kursk.place.country_code == "RU" and kursk.place.feature_type == "admin1"
    assert "country hint RU" in kursk.reason


def test_bare_city_name_is_the_city_not_its_oblast(resolver):
    text = "Residents of Kharkiv and Dnipro queued for water."
    kharkiv, dnipro = _resolve(resolver, text, "Kharkiv", "Dnipro")
    assert kharkiv.place.name == "Kharkiv" and kharkiv.place.feature_type == "city"
    assert dnipro.place.feature_type == "city" and dnipro.place.admin1.startswith("Dnipro")


def test_country_prior_and_nearby_places_choose_the_ukrainian_town(resolver):
    text = "Shelling was reported in Kramatorsk, Druzhkivka and Pokrovsk in Donetsk Oblast."
    *_, pokrovsk, _ = _resolve(resolver, text, "Kramatorsk", "Druzhkivka", "Pokrovsk", "Donetsk Oblast")
    assert pokrovsk.place.country_code == "UA" and pokrovsk.place.admin1 == "Donetska oblast"


def test_a_city_its_province_is_named_after_beats_a_namesake_province_abroad(resolver):
    """"Gaza" is a city and a governorate of Palestine, and a province of Mozambique: the city, whose name its country
    holds twice; read as Mozambique's, its vote would pull a namesake beside it abroad ("Rafah" to Egypt)."""
    text = "CAIRO (Reuters) - Shots were fired near a food queue in Gaza on Tuesday, and later in Rafah."
    _, gaza, rafah = _resolve(resolver, text, "CAIRO", "Gaza", "Rafah")
    assert gaza.place.country_code == "PS" and gaza.place.feature_type == "city"
    assert rafah.place.country_code == "PS"


def test_old_names_in_text(resolver):
    text = "The column drove from Artemivsk to Krasnoarmiisk and on to Dnipropetrovsk."
    found = [t.place.name for t in _resolve(resolver, text, "Artemivsk", "Krasnoarmiisk", "Dnipropetrovsk")]
    assert found == ["Bakhmut", "Pokrovsk", "Dnipro"]


def test_metonymy_is_not_a_place(resolver):
    text = "Kyiv has urged Washington to act, while Moscow's troops shelled Kupiansk and Moscow denied it."
    toponyms = _resolve(resolver, text, "Kyiv", "Washington", "Moscow", "Kupiansk", "Moscow")
    assert [t.place is None for t in toponyms] == [True, True, True, False, True]
    assert "metonymy" in toponyms[0].reason
    assert not is_metonymy("Officials in Kyiv said the strike hit Lviv.", 13, 17)


def test_near_phrases_lower_the_acled_precision(resolver):
    text = "Fighting went on near Vuhledar and in Vuhledar itself."
    near, inside = _resolve(resolver, text, "Vuhledar", "Vuhledar")
    assert near.place.geo_precision == 2 and inside.place.geo_precision == 1
    assert inside.place.precision == "point"


def test_unknown_names_stay_unresolved_without_fallback(resolver):
    text = "A strike hit Zzyzxqovka, a hamlet in Ukraine."
    unknown, ukraine = _resolve(resolver, text, "Zzyzxqovka", "Ukraine")
    assert unknown.place is None and "no fallback" in unknown.reason
    assert ukraine.place.precision == "country"


@pytest.mark.slow
def test_example_page_places_resolve(example_path, expected_text):
    from warlog.extract.document import extract
    from warlog.pipeline import prepare
    from warlog.resolve.places import resolve_toponyms
    from warlog.sources import ReadOptions, read_file

    section = expected_section(expected_text, "Events")
    listed = re.search(r"Places to resolve[^:]*:(.*?)\.\s", section, re.S).group(1)
    names = [re.sub(r"\s*\(.*?\)", "", n).strip() for n in re.split(r",(?![^()]*\))", " ".join(listed.split()))]
    document = next(read_file(example_path, ReadOptions()))
    extraction = extract(document, prepare(document))
    toponyms = resolve_toponyms(document.text, extraction.mentions)
    # every listed place is found and resolved; a government use ("Pyongyang has vowed …") is resolved to the
    # place it names but flagged as metonymy, and only literal uses become extraction places
    resolved = {(t.span.text, (t.place or t.named).feature_type, (t.place or t.named).country_code)
                for t in toponyms if (t.place or t.named) is not None}
    expected = {
        "Kursk Oblast": ("admin1", "RU"), "Kyiv": ("city", "UA"), "Kharkiv": ("city", "UA"),
        "Kharkiv Oblast": ("admin1", "UA"), "Kupiansk": ("city", "UA"), "Sumy": ("city", "UA"),
        "Moscow": ("city", "RU"), "Pyongyang": ("city", "KP"), "Primorsky Krai": ("admin1", "RU"),
        "Donbas": ("region", "UA"), "Moldova": ("country", "MD"), "Poland": ("country", "PL"),
        "Brussels": ("city", "BE"),
    }
    assert set(names) == set(expected)
    missing = [name for name in names
               if not any(name.split()[0] in text and (f, c) == expected[name] for text, f, c in resolved)]
    assert not missing, (missing, sorted(resolved))
    literal = {(p.span.start, p.span.text) for p in extraction.places}
    for phrase in ("Kyiv called on Moscow", "Moscow's forces", "Moscow’s forces"):
        for match in re.finditer(re.escape(phrase), document.text):
            assert (match.start(), phrase.split()[0].split("'")[0].split("’")[0]) not in literal, phrase
    located = [e for e in extraction.events if e.place is not None]
    assert located and all(0 <= e.place < len(extraction.places) for e in located)


def _with_labels(text: str, *pairs: tuple[str, str]) -> list[Mention]:
    found, position = [], 0
    for name, label in pairs:
        start = text.index(name, position)
        found.append(Mention(Span(start, start + len(name), name), label))
        position = start + len(name)
    return found


def test_demonyms_are_reported_by_the_geoparser_but_are_never_event_places(resolver):
    from warlog.resolve.places import resolve_places, resolve_toponyms

    text = "Ukrainian drones struck a refinery in Russia's Bryansk region, European officials said."
    mentions = _with_labels(text, ("Ukrainian", "NORP"), ("Russia", "GPE"), ("Bryansk region", "GPE"),
                            ("European", "NORP"))
    toponyms = resolve_toponyms(text, mentions, resolver, adjectival=True)
    by_text = {t.span.text: t for t in toponyms}
    assert by_text["Ukrainian"].adjectival and by_text["Ukrainian"].place.country_code == "UA"
    assert "demonym" in by_text["Ukrainian"].reason
    assert by_text["European"].place.name == "Europe" and by_text["European"].place.precision == "region"
    assert not by_text["Bryansk region"].adjectival and by_text["Bryansk region"].place.country_code == "RU"
    assert [p.span.text for p in resolve_places(text, mentions, resolver)] == ["Russia", "Bryansk region"]


def test_a_country_or_state_wins_over_a_small_town_of_the_same_name(resolver):
    text = "Flooding hit Oregon and Idaho while exports from Mexico to Canada fell."
    oregon, idaho, mexico, canada = _resolve(resolver, text, "Oregon", "Idaho", "Mexico", "Canada")
    assert oregon.place.feature_type == "admin1" and oregon.place.country_code == "US"
    assert mexico.place.feature_type == "country" and mexico.place.country_code == "MX"


def test_seas_and_world_regions_over_homonymous_towns(resolver):
    text = "Warships crossed the Atlantic into the Mediterranean as tension rose across the Middle East."
    for toponym in _resolve(resolver, text, "Atlantic", "Mediterranean", "Middle East"):
        assert toponym.place.feature_type == "region" and toponym.place.geo_precision == 3, toponym.reason


def test_blocs_and_directions_are_not_resolved(resolver):
    text = "The West pledged more air defence to Ukraine."
    west, ukraine = _resolve(resolver, text, "West", "Ukraine")
    assert west.place is None and "bloc" in west.reason and ukraine.place.country_code == "UA"


def test_a_toponym_is_not_near_itself(resolver):
    text = "Shelling continued across Donetsk region overnight."
    (region,) = _resolve(resolver, text, "Donetsk region")
    assert region.place.feature_type == "admin1" and "near other places" not in region.reason


def test_places_inside_organisation_names_are_geoparsed_but_not_event_places(resolver):
    from warlog.resolve.places import resolve_places, resolve_toponyms

    text = "Researchers at Colorado State University and the Kharkiv Regional Administration said Odesa was hit."
    mentions = _with_labels(text, ("Colorado State University", "ORG"), ("the Kharkiv Regional Administration", "ORG"),
                            ("Odesa", "GPE"))
    toponyms = {t.span.text: t for t in resolve_toponyms(text, mentions, resolver, adjectival=True)}
    assert toponyms["Colorado"].adjectival and toponyms["Colorado"].place.feature_type == "admin1"
    assert toponyms["Kharkiv"].place.country_code == "UA" and toponyms["Kharkiv"].adjectival
    assert "Researchers" not in toponyms and "Colorado State University" not in toponyms
    assert [p.span.text for p in resolve_places(text, mentions, resolver)] == ["Odesa"]


def test_state_as_an_admin_word(resolver):
    text = "Gunmen attacked a village in Borno State as the United States and Washington State watched."
    borno, usa, washington = _resolve(resolver, text, "Borno State", "United States", "Washington State")
    assert (borno.place.feature_type, borno.place.country_code) == ("admin1", "NG")
    assert usa.place.feature_type == "country" and washington.place.feature_type == "admin1"


def test_a_town_in_the_oblast_the_text_names_beats_its_namesakes(resolver):
    text = ("Air raid sirens sounded in Poltava, Myrhorod and Lubny as Russian guns shelled Krasnohorivka in "
            "Donetsk Oblast.")
    *_, krasnohorivka, oblast = _resolve(resolver, text, "Poltava", "Myrhorod", "Lubny", "Krasnohorivka",
                                         "Donetsk Oblast")
    assert krasnohorivka.place.admin1 == oblast.place.admin1 == "Donetska oblast"
    assert "named in the text" in krasnohorivka.reason


def test_two_word_states_the_model_took_for_people_are_places_but_first_names_are_not(resolver):
    from warlog.resolve.places import resolve_places

    text = "Floods hit Tamil Nadu on Monday, Virginia told reporters."
    mentions = _with_labels(text, ("Tamil Nadu", "PERSON"), ("Virginia", "PERSON"))
    places = resolve_places(text, mentions, resolver)
    assert [(p.span.text, p.feature_type, p.country_code) for p in places] == [("Tamil Nadu", "admin1", "IN")]


def test_a_place_said_to_lie_in_another_is_never_resolved_to_another_country(resolver):
    beach, city, country = _resolve(resolver, "Gunmen opened fire at Long Beach in Aden, Yemen.", "Long Beach", "Aden",
                                    "Yemen")
    assert city.place.country_code == country.place.country_code == "YE"
    assert beach.place is None and "within Aden" in beach.reason  # the gazetteer's Long Beach is in the US
    tripoli, _ = _resolve(resolver, "Clashes broke out in Tripoli in Lebanon overnight.", "Tripoli", "Lebanon")
    assert tripoli.place.country_code == "LB"
    text = "Gunmen opened fire at Long Beach in Aden, Yemen. Police sealed off Long Beach after the attack."
    first, _, _, second = _resolve(resolver, text, "Long Beach", "Aden", "Yemen", "Long Beach")
    assert first.place is None and second.place is None


def test_an_apposition_that_puts_a_place_in_another_keeps_it_in_that_country(resolver):
    # the gazetteer's only "Toula" is a spelling of Tula, Russia; the text puts this one in Sudan
    town, region = _resolve(resolver, "Shells hit the market of Toula, a small town in North Kordofan, on Friday.",
                            "Toula", "North Kordofan")
    assert region.place.country_code == "SD"
    assert town.place is None and "within North Kordofan" in town.reason
    port, country = _resolve(resolver, "Drones struck Kerch, the main port of Crimea, overnight.", "Kerch", "Crimea")
    assert port.place is not None and port.place.name == "Kerch"


def test_a_seas_name_is_the_sea_and_a_state_named_after_it_needs_its_admin_word(resolver):
    (sea,) = _resolve(resolver, "Rebels said they attacked a cargo ship in the Red Sea on Saturday.", "Red Sea")
    assert sea.place.feature_type == "region"
    state, = _resolve(resolver, "Floods hit Red Sea state in eastern Sudan on Monday.", "Red Sea state")
    assert state.place.feature_type == "admin1" and state.place.country_code == "SD"


def test_a_transliterated_name_in_a_country_the_story_never_names_is_left_unresolved(resolver):
    text = "Militants attacked a base in Sanguuni, near Mogadishu in Somalia, on Friday, the Somali army said."
    town, *_ = _resolve(resolver, text, "Sanguuni", "Mogadishu", "Somalia")
    assert town.place is None and "transliteration" in town.reason


def test_two_namesakes_of_one_foreign_country_do_not_vouch_for_each_other(resolver):
    """Two villages the gazetteer lacks, one matched abroad by spelling alone and one by a namesake's alternate name,
    both in a country the story names nowhere: neither keeps the other, since the story's places lie in Somalia."""
    text = ("Insurgents overran an army post in Moqokori on Monday after fighting across central Somalia's Middle "
            "Shabelle region, and dozens of families fled towards Mahas, an officer said.")
    post, _, _, refuge = _resolve(resolver, text, "Moqokori", "Somalia", "Middle Shabelle region", "Mahas")
    assert post.place is None and refuge.place is None, (post.reason, refuge.reason)


def test_a_village_the_text_puts_in_a_region_is_not_resolved_to_a_namesake_in_another_region():
    from warlog.resolve.places import geoparse as _geoparse

    text = "Troops retook the village of Pishchane in the Kherson region on Sunday."
    found = {t.span.text: t for t in _geoparse(text)}
    pishchane = found["Pishchane"]
    assert pishchane.place is None or "Kherson" in (pishchane.place.admin1 or "")
    # the kind of place and a smaller unit may stand between the name and its region
    from warlog.resolve.places import get_resolver
    from warlog.schema import Span

    for text in ("Troops retook Pishchane village in Beryslav District, Kherson Region, on Sunday.",
                 "Troops retook Pishchane village, Kherson Region, on Sunday."):
        start = text.index("Pishchane")
        (village,) = get_resolver().resolve(text, [(Span(start, start + 9, "Pishchane"), "GPE", None)])
        assert village.place is None or "Kherson" in (village.place.admin1 or ""), village.reason


def test_a_name_known_only_in_another_country_than_the_text_says_stays_unresolved(resolver):
    text = "A drone hit an oil field in Iraq's Kurdistan region on Tuesday."
    _, kurdistan = _resolve(resolver, text, "Iraq", "Kurdistan region")
    assert kurdistan.place is None and "IQ" in kurdistan.reason


def test_a_towns_area_of_a_state_puts_it_in_that_state(resolver):
    """"the Bassa area of central Plateau state": Bassa of Plateau, not its namesake of another state nearer the
    capital the story is filed from."""
    text = "ABUJA (AP) - Armed men raided a village in the Bassa area of central Plateau state overnight."
    abuja, bassa, _ = _resolve(resolver, text, "ABUJA", "Bassa", "Plateau state")
    assert bassa.place is not None and bassa.place.admin1 == "Plateau"


def test_a_county_that_is_a_first_level_unit_resolves(resolver):
    text = "Four officers were killed on a road in Nimba County, Liberia, police said."
    county, _ = _resolve(resolver, text, "Nimba County", "Liberia")
    assert county.place is not None and county.place.country_code == "LR"



def test_a_city_after_a_possessive_of_another_country_is_still_that_city(resolver):
    text = "Before her post in Tokyo, she was Italy's envoy to Pyongyang for three years."
    _, pyongyang = _resolve(resolver, text, "Tokyo", "Pyongyang")
    assert pyongyang.place is not None and pyongyang.place.country_code == "KP"


def test_congo_alone_is_the_democratic_republic_as_wire_style_writes_it(resolver):
    # News style writes the Democratic Republic as "Congo" and the other one as "Republic of Congo" or
    # "Congo Republic"; with "Congo" taken for the smaller republic, its country hint left DRC towns unresolved.
    text = "Rebels raided a village near Beni in eastern Congo's North Kivu province, the army said."
    beni, congo, kivu = _resolve(resolver, text, "Beni", "Congo", "North Kivu")
    assert congo.place.country_code == "CD"
    assert beni.place is not None and beni.place.country_code == "CD"
    assert kivu.place is not None and kivu.place.country_code == "CD"
    other = "Flooding hit Brazzaville, the capital of the Republic of Congo, and towns in Congo Republic's south."
    _, republic, republic_short = _resolve(resolver, other, "Brazzaville", "Republic of Congo", "Congo Republic")
    assert republic.place.country_code == "CG" and republic_short.place.country_code == "CG"


def test_every_name_of_a_list_lies_in_the_country_the_text_puts_the_last_in(resolver):
    # the first name alone is an alternate spelling of a German city; the list is put in Mali as a whole
    text = "A mine hit a truck on the road between Boni and Douentza in central Mali on Sunday."
    boni, douentza, mali = _resolve(resolver, text, "Boni", "Douentza", "Mali")
    assert mali.place.country_code == "ML" and douentza.place.country_code == "ML"
    assert boni.place is None or boni.place.country_code == "ML", boni.reason


def test_a_dateline_in_capitals_is_one_place_when_the_model_took_only_part_of_it(resolver):
    from warlog.resolve.places import covered_by, dateline_mentions

    text = "GAZA CITY (AFP) - At least 9 people were killed when a strike hit a school, medics said."
    part = Mention(Span(0, 4, "GAZA"), "GPE")  # alone, a province of Mozambique
    whole = dateline_mentions(text, [part], resolver)
    assert [m.span.text for m in whole] == ["GAZA CITY"]
    assert covered_by([part], whole) == []
    (gaza,) = resolve_places(text, whole, resolver)
    assert gaza.country_code == "PS"


def test_a_village_told_by_a_town_far_from_its_namesake_is_left_unresolved(resolver):
    text = "Troops took Stepove, a village south of Orikhiv, on Friday. Stepove had been held since spring."
    first, town, again = _resolve(resolver, text, "Stepove", "Orikhiv", "Stepove")
    assert town.place is not None and town.place.name == "Orikhiv"
    assert first.place is None and again.place is None and "namesake" in first.reason


def test_a_village_told_by_a_town_near_it_stays_resolved(resolver):
    text = "Shelling hit Druzhkivka, a town south of Kramatorsk, on Friday."
    village, town = _resolve(resolver, text, "Druzhkivka", "Kramatorsk")
    assert village.place is not None and village.place.name == "Druzhkivka"


def test_a_name_the_model_took_for_a_person_is_a_place_before_a_units_noun():
    _, _, extraction = extracted("Fighters attacked three villages in the Beni territory on Sunday, killing 12 "
                                 "civilians, local officials said.\n", datetime(2025, 7, 15))
    assert any(p.name == "Beni" and p.country_code == "CD" for p in extraction.places)
