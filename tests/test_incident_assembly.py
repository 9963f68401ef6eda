"""Incidents, not sentences: background statements stay background, a story's place reaches its incident, and
one incident told twice in a document is one event. Sentences written for these tests."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import extracted
from warlog.resolve.places import geoparse

PUBLISHED = datetime(2025, 3, 10)


def _incidents(text: str, published=PUBLISHED):
    _, _, extraction = extracted(text, published)
    return extraction, [e for e in extraction.events if not e.generic and e.acled_event_type]


def test_a_struggle_of_many_years_is_no_incident():
    _, found = _incidents("The rebel movement has been fighting the government for over 20 years.\n")
    assert found == []
    _, found = _incidents("The militia has a long history of raids on villages in the valley.\n")
    assert found == []


def test_what_a_when_clause_tells_of_a_past_date_is_background():
    """"since 2021, when an assault killed 30": the assault happened in 2021, whatever the story's day."""
    _, found = _incidents("Kambou has been attacked repeatedly since 2021, when an ambush near the post killed 30 "
                          "soldiers.\n")
    assert found == []


def test_a_participle_after_a_dated_when_clause_is_of_that_date():
    """"since the conflict erupted in March 2022, when insurgents raided the capital, killing … and taking hostages":
    the hostage-taking is the raid's, whichever clause the parser hangs the participle on."""
    _, found = _incidents("The health authority says more than 9,000 people have been killed since the conflict "
                          "erupted in March 2022, when insurgents raided the capital, killing about 300 people and "
                          "taking 80 hostages, according to official figures.\n", datetime(2025, 5, 20))
    assert found == []


def test_an_act_a_clause_tells_beside_one_long_past_is_background():
    """"suspended talks in January after the rebels launched an offensive that killed 60": the offensive came before
    January, months before a report of May."""
    _, found = _incidents("The government suspended peace talks with the rebels in January after they launched an "
                          "offensive in the north that killed more than 60 people.\n", datetime(2025, 5, 20))
    assert found == []


def test_a_toll_of_strikes_summed_over_a_week_is_no_incident():
    """"40 civilians were killed in strikes on shelters over the past week": several incidents' tally."""
    _, found = _incidents("At least 40 civilians were killed in air strikes on shelters in the north over the past "
                          "week, the UN said on Friday.\n", datetime(2025, 6, 13))
    assert found == []


def test_hours_and_days_still_bound_an_incident():
    _, found = _incidents("Russian forces shelled the town of Nikopol 25 times over the past 24 hours, the governor "
                          "said.\n")
    assert len(found) == 1


def test_an_act_dated_months_before_the_report_is_background():
    _, found = _incidents("Gunmen attacked a police post in Kidal on 3 January, killing four officers.\n")
    assert found == []
    _, found = _incidents("Gunmen attacked a police post in Kidal on Saturday, killing four officers.\n")
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-03-08"


def test_a_wire_datelines_town_places_an_incident_its_lead_does_not_name():
    extraction, found = _incidents(
        "MYKOLAIV, Ukraine (Reuters) - Two people were killed when a drone struck a market on Saturday, the "
        "regional governor said.\n")
    assert len(found) == 1 and found[0].place is not None
    place = extraction.places[found[0].place]
    assert place.precision == "city" and "Mykolaiv" in (place.admin1 or "")  # the city, not a namesake village


@pytest.mark.parametrize("text, town", [
    # the model tags the town in capitals as an organisation; the country after it spells "of" in lower case
    ("KINDU, Democratic Republic of Congo - Gunmen shot dead two teachers on Friday, police said.\n", "Kindu"),
    ("KALEMIE, Democratic Republic of Congo - Militiamen looted a market and burned a clinic on Sunday, the town's "
     "mayor said.\n", "Kalemie"),
])
def test_a_dateline_town_before_a_long_country_name_places_the_incident_not_the_country(text, town):
    extraction, found = _incidents(text)
    assert len(found) == 1 and found[0].place is not None
    assert extraction.places[found[0].place].name == town


def test_a_dateline_abroad_is_where_the_story_was_filed_not_where_the_incident_happened():
    extraction, found = _incidents("Car bomb kills four near Mogadishu checkpoint\n\nNAIROBI, Kenya (Reuters) - A car "
                                   "bomb exploded at a security checkpoint on Sunday, killing four soldiers, a police "
                                   "officer said.\n")
    assert len(found) == 1 and found[0].place is not None
    assert extraction.places[found[0].place].name == "Mogadishu"
    # a post that names no town abroad keeps its dateline's town
    extraction, found = _incidents("Car bomb kills four at checkpoint\n\nNAIROBI, Kenya (Reuters) - A car bomb "
                                   "exploded at a police checkpoint on Sunday, killing four officers, police said.\n")
    assert len(found) == 1 and extraction.places[found[0].place].name == "Nairobi"


def test_a_quarter_the_gazetteer_does_not_know_lies_in_the_storys_town():
    extraction, found = _incidents("GAZA CITY (Reuters) - An air strike hit a house in the Tal al-Hawa neighbourhood "
                                   "on Tuesday, killing five people, medics said.\n")
    assert len(found) == 1 and found[0].place is not None
    assert extraction.places[found[0].place].name == "Gaza"


def test_a_doer_the_parse_made_the_speakers_subject_keeps_its_act_and_place():
    """"Gunmen on motorcycles killed 12 herders in an attack on the village of X, the ministry said": the parse hangs
    "killed" on the gunmen (or their motorcycles) and makes them the subject of "said"."""
    extraction, found = _incidents("NIAMEY (Reuters) - Gunmen on motorcycles killed at least 12 herders in an attack "
                                   "on the village of Banibangou in western Niger on Monday, the defence ministry said "
                                   "on Tuesday.\n")
    assert len(found) == 1 and found[0].place is not None
    assert extraction.places[found[0].place].name == "Banibangou"
    assert found[0].actor1 is not None and found[0].actor1.text == "Gunmen"


def test_the_deaths_a_crowd_marches_over_are_not_its_own():
    _, found = _incidents("Thousands of people marched in Dhaka on Sunday to demand justice for a factory fire that "
                          "killed 23 workers last month.\n")
    assert len(found) == 1 and found[0].acled_event_type == "Protests" and found[0].killed is None


def test_one_incident_told_twice_in_a_story_is_one_event():
    extraction, found = _incidents(
        "Drones hit Kherson overnight\n"
        "Russian drones struck a hospital in Kherson overnight, injuring three nurses, the governor said.\n"
        "Firefighters worked through the night to contain the blaze at the hospital.\n"
        "A drone attack on Kherson also damaged two homes near the river, the city administration said.\n")
    strikes = [e for e in found if e.acled_sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1 and strikes[0].restatements
    assert extraction.quantities[strikes[0].injured].value == 3


def test_strikes_on_two_towns_stay_two_events():
    _, found = _incidents(
        "Russian drones struck a school in Kherson overnight, injuring three people, officials said.\n"
        "A drone attack on Odesa damaged a port warehouse, the regional governor said.\n")
    assert len([e for e in found if e.acled_sub_event_type == "Air/drone strike"]) == 2


def test_each_sides_strike_from_afar_is_an_incident_of_its_own():
    """One side's shelling and the other side's air strike on its positions, told in one story on one day, are two
    acts, though the army's account names a town near the shelled city."""
    _, found = _incidents(
        "Paramilitaries shell city as army strikes back\n"
        "The Rapid Support Forces shelled a market in El Obeid on Tuesday, killing six civilians, medics said.\n"
        "The army said its aircraft had struck RSF positions near Bara, north of El Obeid, on Tuesday.\n")
    assert {e.acled_sub_event_type for e in found if not e.generic} == {"Shelling/artillery/missile attack",
                                                                         "Air/drone strike"}


def test_the_attackers_claim_to_have_overrun_a_camp_joins_the_armys_account_of_the_fight():
    """The army says it repelled an attack on its camp; the group says its fighters overran the camp: one fight for
    one camp, told by each side, with each side's dead."""
    _, found = _incidents(
        "Army says attack on northern camp repelled\n"
        "The army said on Tuesday it had repelled an attack by militants on its camp in Djibo, killing 14 of them.\n"
        "The group said in a statement that its fighters had overrun the camp and killed 40 soldiers.\n")
    assert len(found) == 1 and found[0].restatements


def test_an_attack_beaten_off_names_the_attackers_as_its_doer():
    """"Soldiers repelled an attack by X": X acted, the soldiers were attacked; the weapons the army then recovered
    are part of the fight, and a group the attackers' claim names replaces their description."""
    _, found = _incidents(
        "Troops beat off raid on island base\n"
        "Soldiers repelled an attack by Boko Haram fighters on a base on an island in Lake Chad on Monday, the army "
        "said.\n"
        "It said the army had recovered rifles and ammunition left behind by the fighters.\n")
    assert len(found) == 1
    assert found[0].actor1.text == "Boko Haram fighters" and found[0].actor2.text == "Soldiers"
    _, claimed = _incidents(
        "Army says attack on northern camp repelled\n"
        "The army said on Tuesday it had repelled an attack by gunmen on its camp in Djibo.\n"
        "JNIM said in a statement that its fighters had overrun the camp and killed 40 soldiers.\n")
    assert len(claimed) == 1 and claimed[0].actor1.text == "JNIM"


def test_a_release_told_again_as_a_handover_is_one_incident():
    _, found = _incidents(
        "Rebels free police officers\n"
        "The rebel army on Sunday released nine police officers it had kidnapped in May, the church said.\n"
        "The officers were handed over to a humanitarian commission in a rural area, the church said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Agreement"]


def test_a_march_is_dated_by_its_day_not_by_what_it_demands():
    """"marched on Saturday, demanding accountability for a collapse last year": last year dates what is demanded."""
    _, found = _incidents("Thousands of people marched through the capital on Saturday, demanding early elections and "
                          "accountability for a deadly roof collapse last year.\n", datetime(2025, 3, 16))
    assert len(found) == 1 and found[0].time.start == datetime(2025, 3, 15).date()


def test_a_protest_met_by_police_is_one_protest_with_intervention():
    """The march and the tear gas fired to disperse it are one gathering, graded by the force that met it; the police
    are not its doer, and a toll told alone after it is its own."""
    _, found = _incidents(
        "Thousands march in the capital\n"
        "Thousands of people marched through the capital on Saturday, demanding the release of jailed students.\n"
        "Police fired tear gas and water cannon to disperse the crowd late in the evening, witnesses said.\n"
        "Six officers were injured, the interior ministry said.\n", datetime(2025, 3, 16))
    assert [e.acled_sub_event_type for e in found] == ["Protest with intervention"]
    assert found[0].actor1 is None or "olice" not in found[0].actor1.text


def test_some_of_the_attackers_killed_in_a_pursuit_is_the_attacks_end():
    """"launched a pursuit operation and killed three of the attackers": the end of the raid told before, no clash of
    its own."""
    _, found = _incidents(
        "Rebels kill 11 in village raid\n"
        "Rebels killed at least 11 villagers in an overnight raid on the village of Oicha, a local official said.\n"
        "The army said it had launched a pursuit operation and killed two of the attackers.\n")
    assert len(found) == 1 and found[0].acled_sub_event_type == "Attack"


def test_clashes_between_two_sides_name_them_and_keep_a_third_partys_strike_apart():
    """"Clashes between X and Y killed 30": X and Y are its parties; a strike another country says it made near the
    city the next day is its own incident, not the clash's doer."""
    _, found = _incidents(
        "Clashes near the capital kill 30\n"
        "Clashes between Syrian security forces and Druze gunmen in the town of Jaramana killed at least 30 people "
        "on Tuesday, a war monitor said.\n"
        "Israel said on Wednesday its aircraft had struck an armed group that was preparing to attack civilians near "
        "Damascus.\n", datetime(2025, 4, 30))
    assert len(found) == 2
    clash = next(e for e in found if "Clashes" in e.evidence.text)
    assert clash.actor1.text == "Syrian security forces" and clash.actor2.text == "Druze gunmen"


def test_a_raid_told_by_its_province_takes_the_village_its_attackers_burned():
    """"an attack on a village in X province", then "the attackers also burned homes in the village of Y, in Z
    district": one raid, at the finer place; a country before the doer's noun is no group's name; and a campaign's
    "retake key towns" with no town named is no incident."""
    extraction, found = _incidents(
        "Mozambique insurgents kill villagers in Cabo Delgado\n"
        "Islamist insurgents killed at least six villagers in an attack on a village in Mozambique's northern Cabo "
        "Delgado province on Friday, a monitoring group said.\n"
        "The attackers also burned down dozens of homes in the village of Mucojo, in Macomia district, the group "
        "said.\n"
        "Foreign troops deployed in the province since 2021 have helped government forces retake key towns.\n",
        datetime(2025, 4, 12))
    assert len(found) == 1
    assert found[0].actor1.text == "Islamist insurgents"
    assert extraction.places[found[0].place].precision in ("admin2", "city", "point")


def test_a_one_word_subhead_reports_no_act_and_takes_none():
    """A roundup's "Fighting" line between two paragraphs is a topic: the strike under it keeps its own type."""
    _, found = _incidents(
        "War roundup: key events of the day\n"
        "Here is where things stand on Thursday.\n"
        "Fighting\n"
        "Russian strikes on the city of Sumy killed two people and injured nine on Wednesday evening, the mayor "
        "said.\n", datetime(2025, 7, 24))
    assert [e.evidence.text.split()[0] for e in found] == ["Russian"]
    assert found[0].acled_event_type == "Explosions/Remote violence"


def test_the_democratic_republic_of_congo_is_a_country():
    (toponym,) = [t for t in geoparse("Fighting spread across the Democratic Republic of Congo.") if t.place]
    assert toponym.place.country_code == "CD" and toponym.place.precision == "country"


def test_who_confirms_an_attack_is_not_its_doer():
    _, found = _incidents("Drones hit the refinery in Volgograd overnight, officials said.\n"
                          "The regional governor confirmed the overnight attack.\n")
    assert all(e.actor1 is None or "governor" not in e.actor1.text for e in found)
    assert len(found) == 1  # the confirmation restates the strike


def test_a_dateline_closed_by_a_colon_is_not_the_doer():
    _, found = _incidents("HEBRON (AP): The Israeli army stormed a camp near Tubas on Tuesday, killing two men.\n")
    assert found and found[0].actor1 is not None and "army" in found[0].actor1.text


def test_destruction_told_in_an_attacks_story_is_part_of_its_entry():
    _, found = _incidents("Drones hit Kherson\nRussian drones struck a market in Kherson on Monday, killing two "
                          "people, the governor said. Several houses were destroyed and a school was damaged.\n")
    assert [e.acled_sub_event_type for e in found] == ["Air/drone strike"]
    assert any("houses were destroyed" in span.text for span in found[0].restatements)


def test_arrests_in_another_town_are_an_entry_of_their_own():
    _, found = _incidents("Shelling and arrests\nRussian forces shelled a bus station in Kharkiv on Tuesday, killing "
                          "three people. In Odesa, police arrested two men suspected of spying on Tuesday.\n")
    assert {e.acled_sub_event_type for e in found} >= {"Shelling/artillery/missile attack", "Arrests"}



@pytest.mark.parametrize("match", [
    # a match report's attacks are moves of a game
    "Rovers hold firm\nThe visitors launched attack after attack in the first half, but the home defence held and the "
    "goalkeeper saved a penalty. Rovers' striker scored twice after the break, and the counter-attack that sealed it "
    "left the league leaders stunned at their own stadium.\n",
    # a scoreline and a scorer tell a match report too
    "City sink United\nCity routed United 3-0 at home on Saturday, with their captain scoring twice as the hosts "
    "launched wave after wave of attacks to go top of the Premier League. The visitors' defence was overrun within "
    "minutes.\n",
    # a cricket report's batters "killed" by the bowling
    "Hosts sweep the series\nThe home bowlers tore through the visitors' batting order on Saturday, dismissing them "
    "for 150 to win the one-day international by 90 runs. \"Our batters were killed by the bounce,\" the visiting "
    "captain said, and vowed to fight back in the T20 games.\n",
    # a tennis match's battle, told by its sets and its serve
    "Five-set win\nThe top seed fought back from two sets down to win a four-hour battle on Sunday and reach the "
    "quarter-finals. He hit 18 aces and broke serve twice in the fifth.\n",
    # American football's blitz, with the score told after the teams' names
    "Rams rout Giants\nThe Rams sacked the quarterback six times as they routed the New York Giants 34-7 on Sunday to "
    "reach the playoffs. \"We attacked them from the first snap,\" their coach said.\n",
], ids=["football attacks", "scoreline", "cricket", "tennis", "american football"])
def test_a_game_reports_words_of_war_are_no_incident(match):
    _, found = _incidents(match)
    assert found == []


def test_violence_at_a_match_is_still_an_incident():
    riot = ("Fans clash after derby\nRival supporters fought outside the stadium after the league match on Saturday, "
            "and police fired tear gas; twelve people were injured and 20 arrested, the police said.\n")
    _, found = _incidents(riot)
    assert found


def test_a_claim_of_responsibility_gives_the_attack_it_names():
    _, found = _incidents("An armed group claimed responsibility for an attack on Saturday that killed 12 soldiers "
                          "at an army post near Gao.\n")
    assert len(found) == 1
    assert found[0].acled_event_type == "Battles" and found[0].time.start.isoformat() == "2025-03-08"


def test_forces_sent_in_answer_to_an_attack_are_part_of_its_story():
    _, found = _incidents("Gunmen attacked the market town of Gao on Saturday, killing five traders. The army "
                          "deployed extra troops to the town on Sunday, a spokesman said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Attack"]
    assert len(found[0].restatements) == 1
    _, found = _incidents("The army deployed two battalions to the border region on Monday, officials said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Change to group/activity"]


def test_a_lead_naming_the_attack_is_the_attack_the_story_tells():
    _, found = _incidents("The ambush on Saturday was the deadliest this year for the army.\n"
                          "Militants ambushed an army convoy on Saturday and killed 14 soldiers, the army said.\n")
    assert len(found) == 1 and len(found[0].restatements) == 1
    _, found = _incidents("Militants ambushed an army convoy on Saturday, the army said.\n"
                          "An ambush on Friday had killed three soldiers on the same road.\n")
    assert len(found) == 2


def test_a_capital_that_speaks_in_the_headline_is_not_where_the_story_is():
    extraction, found = _incidents(
        "Soldiers retake village in the south, Kyiv announces\n"
        "Soldiers retook a village in the south of the country on Sunday after days of fighting.\n")
    assert len(found) == 1
    assert any(p.name == "Kyiv" for p in extraction.places)  # read as a name, but the government's
    assert found[0].place is None
    extraction, found = _incidents(
        "Drone strike kills two in Kherson\n"
        "A drone struck a bus stop on Sunday, killing two people, officials said.\n")
    assert len(found) == 1 and found[0].place is not None
    assert extraction.places[found[0].place].name.startswith("Kherson")


def test_a_time_in_a_statements_clause_dates_its_event():
    _, found = _incidents("A statement from the ministry said air defences destroyed 30 drones above the province "
                          "overnight.\n")
    assert len(found) == 1 and found[0].time is not None
    assert (found[0].time.start, found[0].time.end) == (PUBLISHED.date(), PUBLISHED.date())


def test_an_undated_incident_of_a_story_takes_the_storys_day():
    _, found = _incidents("Soldiers raided the town of Gao on Saturday, killing three gunmen, officials said.\n"
                          "Separately, a roadside bomb hit a bus near Menaka, wounding four passengers.\n")
    assert len(found) == 2 and all(e.time is not None for e in found)
    assert {e.time.start.isoformat() for e in found} == {"2025-03-08"}
    assert found[1].time.approximate


def test_one_nights_interceptions_told_region_by_region_are_one_entry():
    extraction, found = _incidents(
        "Russian air defences destroyed 30 Ukrainian drones overnight, including 11 over the Bryansk region, the "
        "defence ministry said.\nGovernor Alexander Bogomaz said air defences had repelled an attack by five drones "
        "on his region overnight.\nDrones were also shot down over the Kursk and Oryol regions, the ministry said.\n")
    tallies = [e for e in found if e.acled_sub_event_type == "Disrupted weapons use"]
    assert len(tallies) == 1 and len(tallies[0].restatements) == 2
    assert tallies[0].actor1 is not None and "air defences" in tallies[0].actor1.text.lower()


def test_two_countries_interceptions_stay_apart():
    _, found = _incidents(
        "Russian air defences shot down 20 Ukrainian drones over the Belgorod region overnight.\n"
        "Ukraine's air force said it shot down 40 Russian drones over the Kharkiv region overnight.\n")
    assert len([e for e in found if e.acled_sub_event_type == "Disrupted weapons use"]) == 2


def test_people_fleeing_towards_a_town_are_no_incident_there():
    extraction, found = _incidents(
        "Rebels attacked a mosque in the town of Mambasa early on Sunday, killing at least 15 worshippers, a local "
        "official said. Some residents have begun fleeing towards Bunia for safety, he said.\n")
    assert len(found) == 1 and found[0].acled_event_type == "Violence against civilians"
    flight = [e for e in extraction.events if e.trigger.text == "fleeing"]
    assert flight and flight[0].acled_event_type is None  # ACLED codes no displacement
    assert all(extraction.places[e.place].span.text != "Bunia" for e in extraction.events if e.place is not None)


def test_an_act_told_by_pointing_back_is_no_new_incident():
    _, found = _incidents(
        "Gunmen stormed the town of Hinche in central Haiti on Sunday and freed about 300 inmates from its jail. "
        "Armed gangs hold most of the capital, but this latest attack suggests they are moving into other regions.\n")
    assert len(found) == 1 and len(found[0].restatements) == 1
    _, found = _incidents(
        "A suicide attack and gunfire at a hotel in Kismayo killed at least 12 people on Friday, police said. The "
        "assault ended with four of the attackers dead. Soldiers killed all the attackers and arrested a fifth man.\n")
    assert len(found) == 1 and (found[0].actor1 is None or found[0].actor1.text.lower() != "soldiers")
    assert len(found) == 1 and len(found[0].restatements) == 2


def test_a_states_capture_abroad_is_a_foreign_actor_overtaking_territory():
    _, found = _incidents("Russian troops took control of Novoselivka, a village of the Donetsk region, "
                          "Moscow's defence ministry announced on Saturday.\n")
    assert [e.acled_sub_event_type for e in found] == ["Non-state actor overtakes territory"]
    _, found = _incidents("Ukrainian troops retook the village of Robotyne in the Zaporizhzhia region on Monday.\n")
    assert [e.acled_sub_event_type for e in found] == ["Government regains territory"]
    _, found = _incidents("Syrian rebels captured the town of Saraqib on Monday.\n")
    assert [e.acled_sub_event_type for e in found] == ["Non-state actor overtakes territory"]


def test_a_place_written_with_its_container_after_a_comma_is_where_the_event_was():
    # the gazetteer holds Deir al-Balah as a governorate only and Gaza as a city: "X, Gaza" is X, not Gaza city
    extraction, found = _incidents("An air strike hit a tent camp in Deir al-Balah, Gaza, on Monday, killing "
                                   "four people.\n")
    assert len(found) == 1 and found[0].place is not None
    assert extraction.places[found[0].place].span.text == "Deir al-Balah"


def test_a_match_report_told_with_a_scoreline_and_minutes_gives_no_incident():
    _, found = _incidents("Lyon edge Porto in the Europa League\nLyon launched a late assault on the Porto defence "
                          "and scored in the 89th minute to win 2-1 on Thursday.\n")
    assert found == []
    _, found = _incidents("Rebels attacked an army post near Kidal on Thursday and won control of it after a 3-day "
                          "fight, killing 11 soldiers.\n")
    assert len(found) == 1


def test_an_air_force_downing_some_of_the_drones_launched_is_an_interception():
    _, found = _incidents("LVIV, Ukraine - Ukraine's air force said it had shot down 27 of 40 drones launched by "
                          "Russia overnight.\n")
    assert [e.acled_sub_event_type for e in found] == ["Disrupted weapons use"]
    assert found[0].place is None  # a national tally is not the dateline town's


def test_attacks_stepped_up_are_a_trend_not_an_incident():
    _, found = _incidents("Russia has stepped up its attacks on Ukrainian towns in recent weeks, officials say.\n")
    assert found == []


def test_a_township_a_region_owns_places_the_event_in_that_region():
    extraction, found = _incidents("A military air strike hit a school in Magway region's Gangaw township on "
                                   "Monday, killing nine people, residents said.\n")
    assert len(found) == 1 and found[0].place is not None
    assert extraction.places[found[0].place].admin1 == "Magway"  # the township, or at least its region


def test_a_village_the_gazetteer_lacks_and_its_province_are_one_strike():
    _, found = _incidents("A military air strike hit a school in Magway region's Gangaw township on Monday, killing "
                          "nine people, residents said. A fighter jet dropped two bombs on the school compound in the "
                          "village of Htee Pu Kone, a teacher said.\n")
    assert len(found) == 1 and len(found[0].restatements) == 1


def test_a_village_namesake_abroad_is_left_unresolved():
    places = geoparse("Fighting was reported in Sagaing and Mandalay. Troops burned houses in Kone village, near "
                      "Monywa, residents said.")
    kone = next(t for t in places if t.span.text.startswith("Kone"))
    assert kone.place is None and "names nowhere else" in kone.reason


def test_a_headline_protest_and_the_protest_its_body_tells_are_one_demonstration():
    _, found = _incidents("Students clash with police in Dhaka over job quotas\nDHAKA, Bangladesh - Police fired "
                          "tear gas and rubber bullets at thousands of students in Dhaka on Tuesday as protests over "
                          "job quotas turned violent, witnesses said. Protesters blocked roads and set fire to two "
                          "police vehicles.\n")
    assert len(found) == 1
    assert found[0].time is not None and found[0].time.start is not None


def test_a_toll_counted_since_the_war_began_is_no_incident_but_a_record_since_then_is():
    _, found = _incidents("The health ministry says at least 41,000 people have been killed in the territory since "
                          "the war began.\n")
    assert found == []
    _, found = _incidents("Russian missiles have killed at least 19 people in Kryvyi Rih, the deadliest strike on the "
                          "city since the invasion began, officials said on Saturday.\n")
    assert len(found) == 1


def test_a_labour_strike_is_no_air_strike():
    _, found = _incidents("Nurses went on strike on Monday over pay. The strike is the largest in a decade, the union "
                          "said.\n")
    assert all(e.acled_event_type == "Protests" for e in found)


def test_a_precise_count_replaces_the_vague_word_of_the_lead():
    extraction, found = _incidents("The group said on Sunday it had killed dozens of soldiers in an attack on an army "
                                   "base in Djibo on Saturday. A security source said at least 23 soldiers had been "
                                   "killed in the attack.\n")
    assert len(found) == 1 and extraction.quantities[found[0].killed].value == 23


def test_the_speakers_own_aircraft_make_the_speaker_the_doer():
    _, found = _incidents("On Monday, the army said its aircraft had destroyed rebel vehicles near the town of Mellit."
                          "\n")
    assert len(found) == 1 and found[0].actor1 is not None and found[0].actor1.text == "the army"


def test_an_incident_naming_a_place_the_gazetteer_lacks_is_not_put_at_the_dateline():
    extraction, found = _incidents("BEIRUT (Reuters) - Hezbollah said it had fired rockets at Israeli positions in "
                                   "the Shebaa Farms area on Tuesday.\n")
    assert len(found) == 1
    assert found[0].place is None or extraction.places[found[0].place].name != "Beirut"


def test_an_act_dated_by_its_year_alone_is_background():
    _, found = _incidents("Earlier this year, a car bomb at a bus station in Kandahar killed 14 people.\n")
    assert found == []


def test_a_ministry_speaking_for_its_forces_captures_abroad_as_a_foreign_actor():
    _, found = _incidents("Russia's defence ministry said its forces had captured the village of Novoselivka in "
                          "Ukraine's Donetsk region on Saturday.\n")
    assert [e.acled_sub_event_type for e in found] == ["Non-state actor overtakes territory"]
    # the capture told by the second of two verbs sharing one subject
    _, found = _incidents("Russia's defence ministry said its forces had hit Ukrainian army positions and had taken "
                          "the village of Novoselivka in the Donetsk region.\n")
    assert [e.acled_sub_event_type for e in found] == ["Non-state actor overtakes territory"]
    assert found[0].actor1 is not None


def test_an_event_noun_is_dated_by_its_own_phrase_not_by_the_clause_that_mentions_it():
    _, found = _incidents("Survivors told a tribunal on Thursday about the massacre of 80 villagers in 2016.\n")
    assert found == []  # the massacre is of 2016: background to the hearing


def test_a_when_clause_shares_its_main_clauses_time():
    _, found = _incidents("The war in the region began in May 2023 when the army moved to disarm local militias.\n")
    assert found == []


def test_a_name_before_an_admin_word_is_a_place_whatever_the_model_calls_it():
    extraction, found = _incidents("Gunmen abducted 14 traders on a highway in Kebbi state on Monday, police said.\n")
    assert len(found) == 1 and found[0].place is not None
    assert extraction.places[found[0].place].feature_type == "admin1"


def test_the_attackers_of_a_later_sentence_are_the_doers_already_named():
    _, found = _incidents("Gunmen abducted 14 pupils from a school in Zamfara state early on Monday, police said. "
                          "The attackers, riding motorcycles, stormed the school in the village of Kuyallo, killing a "
                          "guard.\n")
    assert len(found) == 1 and len(found[0].restatements) >= 1


def test_weapons_recovered_at_the_scene_are_part_of_the_clash():
    _, found = _incidents("Two militants were killed in a gunfight with soldiers in the Kupwara district on Saturday, "
                          "the army said. Arms and ammunition were recovered from the site.\n")
    assert len(found) == 1 and len(found[0].restatements) == 1


def test_an_act_earlier_this_month_is_background():
    _, found = _incidents("Earlier this month, four soldiers were killed in a gunfight in the Rajouri district.\n",
                          published=datetime(2025, 5, 24))
    assert found == []


def test_a_district_a_state_owns_is_where_the_event_was():
    extraction, found = _incidents("Two militants were killed in a gunfight in Jammu and Kashmir's Kupwara district "
                                   "on Saturday.\n")
    assert len(found) == 1 and extraction.places[found[0].place].name.startswith("Kupwara")


def test_the_when_clause_that_tells_how_victims_died_places_the_event():
    extraction, found = _incidents("At least 15 people were killed when a suicide bomber struck a crowded mosque in "
                                   "Gwoza, Borno State, on Tuesday evening, a local official said.\n")
    assert len(found) == 1 and found[0].place is not None
    assert extraction.places[found[0].place].span.text == "Gwoza"


@pytest.mark.parametrize("text", [
    # prizes, fame and words are no violence
    "The documentary picked up three awards at the festival on Saturday, and its director shot to fame overnight.\n",
    "Senators attacked the proposal as reckless on Tuesday, and the fight between Republicans and Democrats "
    "dragged on.\n",
    # a storm's toll is a disaster
    "Three people were killed when trees fell on their cars as Storm Bert swept across Wales on Sunday, police "
    "said.\n",
    # a court's sentence is no arrest
    "A man was jailed for six years on Monday for a robbery in Cardiff last year.\n",
    # a laboratory's compound and a video game's marines
    "Researchers said the molecule attacks the cell walls of bacteria, killing most of them in laboratory tests, in "
    "a study published in a leading journal.\n",
    "In the video game's multiplayer mode, players storm beaches and shoot down helicopters; the new instalment "
    "went on sale on Friday for PlayStation and Xbox.\n",
    # a company's hostile bid
    "Shares in Fabrikam fell 9% after a rival launched a hostile takeover bid on Monday. \"It is an all-out assault "
    "on our shareholders,\" the chief executive said, and analysts expect a long fight.\n",
    # a market's rout, where a report killed hopes and investors were "caught in the crossfire"
    "Chip stocks were slaughtered on Thursday as a hot inflation report killed hopes of a rate cut. \"Investors are "
    "caught in the crossfire,\" one analyst said, as shares of the biggest firms fell and the Nasdaq slid 3%.\n",
])
def test_stories_told_in_the_words_of_war_give_no_incident(text):
    _, found = _incidents(text)
    assert found == [], [(e.acled_sub_event_type, e.trigger.text) for e in found]


def test_people_taken_are_arrested_and_prizes_taken_are_not():
    _, found = _incidents("Police arrested 25 on Monday after clashes in the port city of Mombasa.\n")
    assert [e.acled_sub_event_type for e in found] == ["Arrests"]  # a bare count is of people
    _, found = _incidents("Soldiers detained 12 villagers in the town of Kidal on Monday, residents said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Arrests"]


def test_a_roundup_of_strikes_across_a_country_is_no_incident_but_dates_its_story():
    _, found = _incidents("Russian attacks across Ukraine killed at least six people and wounded 20 over the past "
                          "day, officials said on Sunday.\nIn the city of Kherson, Russian shelling killed two men, "
                          "the governor said.\n")
    assert len(found) == 1 and "Kherson" in found[0].evidence.text
    assert found[0].time is not None and found[0].time.start is not None


def test_a_campaigns_running_total_is_no_incident():
    _, found = _incidents("The offensive has killed more than 40,000 people, according to the health ministry.\n")
    assert found == []


def test_a_hyphenated_dateline_is_no_doer():
    _, found = _incidents("DEIR AL-BALAH, Gaza Strip (AP) — An Israeli strike on a house in Nuseirat killed six "
                          "people on Tuesday, medics said.\n")
    assert len(found) == 1 and found[0].actor1 is not None and "DEIR" not in found[0].actor1.text


def test_the_doer_of_an_earlier_act_in_an_after_clause_is_not_the_main_acts():
    _, found = _incidents("A drone attack on Saturday set fire to a fuel depot in the Bryansk region, the governor "
                          "said. The attack came a day after Russian drones killed three people in Sumy.\n")
    depot = next(e for e in found if "depot" in e.evidence.text)
    assert depot.actor1 is None or "Russian" not in depot.actor1.text


def test_drones_launched_of_which_some_were_shot_down_are_an_interception():
    _, found = _incidents("Ukraine's air force said Russia launched 58 drones overnight, of which 37 were shot down, "
                          "the military said on Monday.\n")
    assert [e.acled_sub_event_type for e in found] == ["Disrupted weapons use"]


def test_a_participle_of_consequence_is_dated_by_the_act_it_follows():
    text = ("Rebels overran a border post in Kanto on Saturday, killing six guards, the army said.\n\n"
            "In May 2021, the same group laid siege to the town of Belo for two days, killing 40 people.\n")
    _, found = _incidents(text)
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-03-08"


def test_an_act_dated_from_a_background_one_is_background_too():
    text = ("Rebels overran a border post in Kanto on Saturday, killing six guards, the army said.\n\n"
            "In June 2019, rebels raided a barracks in Belo, killing 30 soldiers. A second raid on the barracks "
            "three weeks later killed 12 more.\n")
    _, found = _incidents(text)
    assert len(found) == 1 and "Kanto" in found[0].evidence.text
    _, found = _incidents("Rebels raided a barracks in Belo on Monday, killing 30 soldiers. A second raid on a "
                          "nearby camp two days later killed 12 more.\n")
    assert len(found) == 2  # dated from a recent act, the later raid is an incident of its own


def test_a_toll_over_months_is_no_incident():
    _, found = _incidents("Violence has continued since the coup, with more than 900 civilians killed in the first "
                          "half of this year, a monitoring group said.\n")
    assert found == []
    _, found = _incidents("Over the past month, gunmen have killed at least 70 people in the province.\n")
    assert found == []


def test_a_toll_summed_across_the_country_is_no_incident():
    _, found = _incidents("At least 11 people were killed across the country on Saturday, a rights group said, most "
                          "of them shot by police.\n")
    assert found == []
    _, found = _incidents("Police shot dead 11 people in Kanto on Saturday, a rights group said.\n")
    assert len(found) == 1


def test_the_act_a_court_case_is_about_is_background_to_it():
    _, found = _incidents("Four men accused of planning a bombing at a bus station in Tarro that killed 30 people went "
                          "on trial on Monday.\n")
    assert all("bombing" not in e.trigger.text for e in found)


def test_police_deployed_to_keep_order_is_no_change_in_a_group_s_activity():
    _, found = _incidents("Riot police were deployed around the court in Kanto on Monday as the verdict was read.\n")
    assert found == []
    _, found = _incidents("The army deployed 2,000 troops to the northern border on Monday, the ministry said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Change to group/activity"]


def test_a_spot_the_gazetteer_lacks_restates_the_story_s_strike():
    extraction, found = _incidents(
        "Militia fighters shelled a camp for displaced people outside Kassala on Tuesday, killing nine people, a "
        "local aid group said.\nThe group said the shells hit Um Dabakir camp as families queued for food. More "
        "than 30 others were wounded.\n")
    assert len(found) == 1
    assert extraction.quantities[found[0].injured].value == 30


def test_a_capture_in_the_region_is_placed_where_the_post_s_last_incident_was_not_at_the_dateline():
    extraction, found = _incidents(
        "KYIV, Ukraine (AP) - Ukrainian troops have retaken the village of Pishchane in the Kharkiv region, the "
        "general staff said on Sunday.\nRussia's defence ministry said its forces had captured two other villages "
        "in the region over the past day.\n")
    captures = [e for e in found if e.acled_sub_event_type == "Non-state actor overtakes territory"]
    assert captures and captures[0].place is not None
    place = extraction.places[captures[0].place]
    assert place.name != "Kyiv" and "Kharkiv" in (place.admin1 or place.name)


@pytest.mark.parametrize("text", [
    "At least nine people were killed and 15 hurt when a minibus collided with a lorry near Kanto on Sunday, police "
    "said.\n",
    "A woman who stabbed her landlord during a row over rent was jailed for 14 years at the county court on Monday.\n",
    "A blaze swept through the timber market in Kanto overnight, destroying dozens of stalls, firefighters said.\n",
    "Rovers beat Athletic 2-1 at the stadium on Saturday, with a late counter-attack settling the derby. \"We killed "
    "the game in the second half,\" their head coach said after the league fixture.\n",
])
def test_accidents_common_crime_and_games_give_no_incident(text):
    _, found = _incidents(text)
    assert found == []


def test_a_fire_set_by_fighters_is_still_destruction():
    _, found = _incidents("Fighters set fire to the timber market in Kanto on Monday, destroying dozens of stalls.\n")
    assert [e.acled_sub_event_type for e in found] == ["Looting/property destruction"]


def test_a_night_s_roundup_over_a_country_is_no_incident_but_names_the_doer_of_each_strike():
    extraction, found = _incidents(
        "Strikes kill six across the country\nRussian drone and missile strikes killed at least six people in "
        "Ukraine overnight, officials said on Monday. In Poltava, a drone hit an apartment block, killing two people "
        "and injuring nine. In the city of Chernihiv, a missile strike on a depot killed four workers.\n")
    assert len(found) == 2
    tolls = sorted(extraction.quantities[e.killed].value for e in found)
    assert tolls == [2, 4]
    assert all(e.actor1 is not None and "Russian" in e.actor1.text for e in found)


def test_a_list_of_victims_with_a_figure_of_people_adds_up():
    extraction, found = _incidents("A strike hit a tent near Rafah on Sunday, killing a man, his wife and their "
                                   "three children, according to the hospital that received the bodies.\n")
    assert len(found) == 1 and extraction.quantities[found[0].killed].value == 5


def test_a_night_s_interception_tally_after_a_strike_is_its_own_entry_and_two_sides_tallies_stay_apart():
    _, found = _incidents(
        "A drone struck a warehouse in Poltava overnight, injuring three people, officials said on Monday.\n"
        "Ukraine's air force said Russia launched 72 drones overnight, of which 50 were shot down.\n"
        "Russia's defence ministry said its air defences destroyed 19 Ukrainian drones over the Kursk region.\n")
    tallies = [e for e in found if e.acled_sub_event_type == "Disrupted weapons use"]
    assert len(tallies) == 2
    strikes = [e for e in found if e.acled_sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1


def test_an_attack_its_doers_claim_is_one_incident_dated_by_the_day_the_text_gives():
    text = ("Base attacked\nMilitants attacked an army camp in northern Mali, killing at least 14 soldiers, security "
            "sources said on Thursday. The attack on the camp at Tessit began at dawn on Wednesday and lasted for "
            "hours. The group JNIM claimed responsibility on Thursday, saying it had killed 40 soldiers.\n")
    _, found = _incidents(text, published=datetime(2025, 3, 13))
    assert len(found) == 1
    assert found[0].time.start.isoformat() == "2025-03-12"


def test_a_country_told_with_a_direction_and_a_town_of_another_country_stay_apart():
    text = ("Strikes\nCoalition jets struck targets in northern Chad on Monday, killing six fighters, the army said. "
            "Separately, rebels attacked a police post near Maroua on Monday, killing two officers.\n")
    _, found = _incidents(text)
    assert len(found) == 2


def test_a_sentence_saying_where_and_when_the_strike_took_place_dates_and_places_it():
    text = ("Strike on militants\nThe army said on Saturday it had carried out an air strike against militants in the "
            "north, killing several fighters. The strike took place on Friday in hills about 40 km south of Garowe, "
            "the army said.\n")
    extraction, found = _incidents(text, published=datetime(2025, 3, 8))
    assert len(found) == 1
    assert found[0].time.start.isoformat() == "2025-03-07"
    assert found[0].place is not None and extraction.places[found[0].place].span.text == "Garowe"
    assert found[0].killed is None  # "several" is no figure


def test_a_quoted_last_night_joins_the_attack_the_report_dates():
    """A witness's "last night", quoted without the day it was said, may be the night before the report's day or the
    one before that: it does not split the attack the lead dates into two incidents."""
    _, found = _incidents(
        "Armed men stormed a church in the village of Lumbu on Sunday, killing 12 worshippers, local officials said.\n"
        "\"Last night around 10pm we heard gunfire near the church, so far we have counted 12 bodies,\" a resident "
        "told reporters.\n", published=datetime(2025, 3, 9))
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-03-09"


def test_the_early_hours_of_a_named_day_are_that_day():
    _, found = _incidents("Gunmen attacked a police post in Kidal in the early hours of Saturday, killing four "
                          "officers.\n")
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-03-08"


def test_a_sentence_that_tells_only_who_fell_is_part_of_the_incident_told():
    """ "One policeman was killed and two were wounded." after an attack is told: no doer, weapon, place or day of its
    own, so it is part of that attack (its share of the toll), not a second incident."""
    extraction, found = _incidents(
        "Fighters stormed an army base near the town of Garo on Saturday, killing nine soldiers, the army said.\n"
        "Troops returned fire for several hours before reinforcements arrived.\n"
        "One policeman was killed and two others were wounded.\n")
    assert len(found) == 1 and extraction.quantities[found[0].killed].value == 9
    _, alone = _incidents("One policeman was killed and two others were wounded.\n")
    assert len(alone) == 1  # first in its story it is an incident of its own


def test_an_act_with_no_place_of_its_own_is_where_its_storys_incidents_are():
    """Two sentences of one protest, the second naming no place: it is where the story's only placed act was, and so
    the same demonstration."""
    extraction, found = _incidents(
        "Police fired tear gas at hundreds of teachers marching on parliament in the capital, Lilongwe, on Tuesday.\n\n"
        "Officers later fired rubber bullets at the teachers as they regrouped near the education ministry, a union "
        "leader said.\n")
    assert len(found) == 1 and extraction.places[found[0].place].name == "Lilongwe"
    assert found[0].time.start.isoformat() == "2025-03-04"  # the march is when the police fired on it


def test_a_story_with_acts_in_two_towns_lends_neither_to_an_unplaced_one():
    extraction, found = _incidents(
        "Gunmen attacked a checkpoint in Kidal on Tuesday, killing three soldiers.\n\n"
        "Separately, a drone strike hit a fuel depot in Gao on Tuesday.\n\n"
        "Two civilians were shot dead by unidentified attackers, residents said.\n")
    unplaced = [e for e in found if e.place is None]
    assert len(unplaced) == 1 and "civilians" in unplaced[0].evidence.text


def test_a_shooting_is_not_told_again_as_a_drone_strike_nor_lent_its_gunmen():
    _, found = _incidents(
        "Gunmen attacked a checkpoint in Kidal on Tuesday, killing three soldiers.\n"
        "A drone strike hit a fuel depot in Gao on Tuesday, the army said.\n"
        "Two civilians were shot dead by unidentified attackers, residents said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Armed clash", "Air/drone strike", "Attack"]
    assert found[1].actor1 is None or "gunmen" not in found[1].actor1.text.lower()


def test_a_village_the_gazetteer_lacks_is_placed_in_the_unit_said_to_hold_it():
    extraction, found = _incidents(
        "Russian troops captured the village of Zlatopilske-Druhe, located in the Kharkiv region of Ukraine, the "
        "defence ministry in Moscow said on Saturday.\n")
    assert len(found) == 1 and found[0].place is not None
    place = extraction.places[found[0].place]
    assert place.precision == "admin1" and place.country_code == "UA"
    assert found[0].acled_sub_event_type == "Non-state actor overtakes territory"  # a foreign state's capture


def test_jets_striking_the_fleeing_attackers_are_an_act_of_their_own():
    """A raid by militants, then fighter jets striking them as they flee: two acts (a clash and an air strike), and the
    raid is not turned into an air strike by the sentence that tells the answer from the air."""
    _, found = _incidents(
        "Militants attacked an army base in the town of Kaza on Sunday, killing seven soldiers, officers said.\n"
        "Fighter jets later struck the attackers as they fled, an officer said.\n"
        "\"Airstrikes on the fleeing militants killed many of them,\" another officer said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Armed clash", "Air/drone strike"]
    assert found[0].actor1.text == "Militants"


def test_terrorists_named_by_a_common_noun_are_the_doers():
    _, found = _incidents("Terrorists killed five soldiers during a raid on an army post in Borno on Sunday.\n")
    assert len(found) == 1 and found[0].actor1 is not None and found[0].actor1.text == "Terrorists"


def test_a_strike_is_dated_by_its_sentence_when_the_parse_hangs_the_verb_on_a_noun():
    """The small model often hangs "killed" on the last noun of a long subject ("a camp for displaced people … killed");
    the day at the end of the sentence is still the strike's."""
    _, found = _incidents(
        "A drone strike on a shelter for displaced families near the encircled town of Tawila killed at least 14 "
        "people, including six children, in the early hours of Friday, a local aid group said.\n")
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-03-07"


def test_an_earlier_act_told_after_the_preposition_after_is_an_incident_of_its_own():
    """ "The strike came two days after RSF shelling of the market killed nine": the parser makes "after" a
    preposition; the shelling is still an act of its own, two days before the strike."""
    _, found = _incidents(
        "A drone strike on a camp near the town of Tawila killed at least 14 people on Thursday, a local aid group "
        "said.\n\n"
        "The strike came two days after RSF shelling of the town's main market killed nine people, according to the "
        "same group.\n")
    kinds = {e.acled_sub_event_type: e for e in found}
    assert set(kinds) == {"Air/drone strike", "Shelling/artillery/missile attack"}
    assert kinds["Shelling/artillery/missile attack"].time.start.isoformat() == "2025-03-04"


def test_a_national_air_defence_tally_has_no_one_place_and_no_toll_of_another_clause():
    extraction, found = _incidents(
        "Ukraine says it downed 41 of 66 drones overnight; two killed in Poltava\n"
        "KYIV, March 10 (Reuters) - Russia launched 66 drones at Ukraine overnight, the Ukrainian air force said on "
        "Monday, adding that 41 had been shot down.\n"
        "In the city of Poltava, two people were killed when a drone hit a house, the governor said.\n"
        "Russia's defence ministry said its forces had intercepted 23 Ukrainian drones over the Belgorod and Kursk "
        "regions during the night.\n")
    tallies = [e for e in found if e.acled_sub_event_type == "Disrupted weapons use"]
    assert len(tallies) == 2 and all(e.place is None and e.killed is None for e in tallies)
    strike = next(e for e in found if e.acled_sub_event_type == "Air/drone strike")
    assert extraction.places[strike.place].name == "Poltava" and extraction.quantities[strike.killed].value == 2


def test_the_doer_a_source_blames_reaches_the_incident():
    extraction, found = _incidents(
        "A drone strike on a market near the town of Kutum killed 11 people on Saturday, a local rights group said.\n"
        "The group blamed the paramilitary Rapid Support Forces for the attack.\n")
    assert len(found) == 1 and found[0].actor1 is not None and "Rapid Support Forces" in found[0].actor1.text


def test_a_toll_summed_across_a_territory_and_the_wars_running_toll_are_no_incidents():
    _, found = _incidents(
        "Air strikes killed at least 19 people across the Gaza Strip on Sunday, medics said.\n"
        "The war began in October 2023. More than 50,000 people have been killed and most of the population displaced "
        "since then, according to local officials.\n")
    assert found == []


def test_a_story_filed_from_one_town_about_another_places_its_acts_where_they_happened():
    extraction, found = _incidents(
        "BAMAKO, Mali (AP) - Gunmen killed 12 villagers in an attack near the town of Menaka on Saturday, officials "
        "said.\n"
        "Soldiers later arrested three suspects, the army said.\n")
    assert len(found) >= 1 and all(extraction.places[e.place].name != "Bamako" for e in found if e.place is not None)


def test_the_places_a_roundups_breakdown_names_are_incidents_of_their_own():
    extraction, found = _incidents(
        "Russian strikes killed 11 people across Ukraine overnight, including five in the city of Odesa and three in "
        "Kharkiv, officials said.\n")
    placed = {extraction.places[e.place].name: extraction.quantities[e.killed].value for e in found}
    assert placed == {"Odesa": 5, "Kharkiv": 3}
    _, none = _incidents("Russian strikes killed 11 people across Ukraine overnight, including five children, "
                         "officials said.\n")
    assert none == []


def test_where_the_wounded_were_treated_is_not_where_the_attack_was():
    extraction, found = _incidents(
        "The toll from an attack on a mosque in the village of Tin-Akoff has risen to 19, a regional official said.\n"
        "Gunmen opened fire on worshippers during Friday prayers, he said, adding that nine people were being treated "
        "in hospital in Gorom-Gorom.\n")
    assert len(found) == 1
    assert all(extraction.places[e.place].name != "Gorom-Gorom" for e in found if e.place is not None)


def test_a_strike_the_writer_calls_separate_stays_apart_even_in_a_village_the_gazetteer_lacks():
    _, found = _incidents(
        "An Israeli drone strike on a car in the southern Lebanese town of Bint Jbeil killed two people on Monday, the "
        "health ministry said.\n\n"
        "A separate strike on a house in the village of Kfar Hmam-Sharqi wounded three people, the agency reported.\n")
    assert len(found) == 2


def test_car_bombs_that_open_an_assault_on_a_base_leave_it_a_battle_and_the_dead_are_no_doers():
    _, found = _incidents(
        "Militants attacked a military base in the town of Moqokori before dawn on Tuesday, sparking hours of fighting "
        "in which at least 30 people were killed, a military officer said.\n"
        "The attackers detonated two car bombs at the gates before storming the base, the officer said.\n"
        "The government said 12 soldiers and 18 militants died.\n")
    assert [e.acled_sub_event_type for e in found] == ["Armed clash"]
    assert found[0].actor1.text.lower() == "militants"


def test_a_village_driven_out_of_is_a_place():
    extraction, found = _incidents(
        "Ukrainian troops drove Russian forces out of Kindrashivka after heavy fighting, the military said on "
        "Monday.\n")
    assert len(found) == 1 and extraction.places[found[0].place].name == "Kindrashivka"


def test_an_act_of_a_month_over_before_the_reports_week_is_background():
    text = "In February, gunmen attacked a police post in the town of Kidal, killing six officers.\n"
    _, found = _incidents(text, datetime(2025, 3, 9))  # a report of the second week of March
    assert found == []
    _, found = _incidents(text, datetime(2025, 3, 3))  # its last days may be in the week the report brings
    assert len(found) == 1


def test_the_fight_for_a_town_is_part_of_its_capture():
    _, found = _incidents(
        "Army retakes Ruwa\n"
        "Government troops recaptured the town of Ruwa in the north on Thursday after heavy fighting with rebels, a "
        "commander said.\n"
        "The rebels said in a statement that their fighters had killed 30 soldiers in Ruwa.\n")
    assert [e.acled_sub_event_type for e in found] == ["Government regains territory"]
    _, found = _incidents(
        "Government troops recaptured the town of Ruwa on Thursday.\n"
        "In another province, rebels clashed with soldiers near the town of Kidal on Thursday.\n")
    assert len(found) == 2


def test_a_doer_the_parse_hangs_inside_a_wire_dateline_is_found_after_its_dash():
    _, found = _incidents(
        "KIDAL, Republic of Mali - Army-backed militia fighters took control of the town of Anefis on Sunday, "
        "residents said.\n")
    assert len(found) == 1 and found[0].actor1 is not None and "militia" in found[0].actor1.text


def test_an_act_named_by_an_in_what_clause_takes_its_main_clauses_day():
    _, found = _incidents("About 30 traders were held by armed men on a highway near Kaduna on Sunday, in what the "
                          "police called a kidnapping by a criminal gang.\n")
    assert len(found) == 1 and found[0].time is not None and found[0].time.start.isoformat() == "2025-03-09"


def test_a_weapon_named_in_what_is_said_of_the_target_is_not_the_means():
    _, found = _incidents("Israeli aircraft struck a commander responsible for rocket attacks near Tyre on Tuesday, "
                          "the army said.\n")
    assert len(found) == 1 and (found[0].weapon is None or "rocket" not in found[0].weapon.text)


def test_an_act_dated_after_the_report_is_planned_not_done():
    extraction, found = _incidents("Protesters burned tyres outside the labour ministry in Nairobi on Monday.\n"
                                   "More protests are planned for next week.\n", datetime(2025, 3, 11))
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-03-10"
    planned = [e for e in extraction.events if e.time is not None and e.time.start.isoformat() > "2025-03-11"]
    assert planned and all(e.generic for e in planned)


def test_what_a_demonstration_marks_the_anniversary_of_is_background_to_it():
    _, found = _incidents("Police fired tear gas and water cannon at crowds in Nairobi on Wednesday as "
                          "demonstrations marking the anniversary of last year's deadly fuel protests turned "
                          "violent.\n", datetime(2025, 3, 12))
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-03-12"


def test_two_towns_one_writer_names_are_two_entries_though_near():
    _, found = _incidents("Protesters clashed with police in central Nairobi on Wednesday, witnesses said.\n"
                          "Protesters set fire to a police station in the town of Ruiru, north of the capital, "
                          "local media reported.\n", datetime(2025, 3, 12))
    assert len(found) == 2


def test_a_states_forces_taking_a_town_the_gazetteer_puts_abroad_overtake_territory():
    _, found = _incidents("Russia's Defense Ministry said its forces had captured the village of Novoselivka in the "
                          "Donetsk region.\n")
    assert [e.acled_sub_event_type for e in found] == ["Non-state actor overtakes territory"]
    _, found = _incidents("Ukraine's general staff said its forces had recaptured the village of Novoselivka in the "
                          "Donetsk region.\n")
    assert [e.acled_sub_event_type for e in found] == ["Government regains territory"]


def test_a_national_toll_joined_to_its_area_by_the_last_verb_is_no_incidents_toll():
    _, found = _incidents("Police fired tear gas at protesters in central Nairobi on Wednesday.\n"
                          "A rights group said at least 11 people were killed and 300 injured across the country, "
                          "most of them by police gunfire.\n", datetime(2025, 3, 12))
    assert len(found) == 1 and found[0].killed is None and found[0].injured is None


def test_who_told_of_a_toll_is_not_added_to_its_victims():
    _, found = _incidents("A drone strike hit a market in the town of Bahir Dar on Monday, killing at least 9 "
                          "civilians, two witnesses and a nurse told reporters.\n")
    assert len(found) == 1 and found[0].killed is not None
    extraction, _ = _incidents("A drone strike hit a market in the town of Bahir Dar on Monday, killing at least 9 "
                               "civilians, two witnesses and a nurse told reporters.\n")
    assert extraction.quantities[found[0].killed].value == 9


def test_who_heard_the_gunfire_is_not_its_doer():
    _, found = _incidents("Residents of Kayes said they heard heavy gunfire from dawn on Tuesday.\n")
    assert all(e.actor1 is None or "Residents" not in e.actor1.text for e in found)


def test_a_toll_told_with_a_period_since_its_start_is_the_periods():
    _, found = _incidents("Violence in the region has surged since the start of the war, with more than 500 "
                          "civilians killed there, according to a monitoring group.\n")
    assert found == []


def test_a_day_counted_back_after_a_war_total_counts_from_the_incident():
    _, found = _incidents(
        "Strikes on Gaza\nAn Israeli air strike killed seven people in a house in Deir al-Balah on Saturday, medics "
        "said.\nMore than 48,000 people have been killed in Gaza since October 2023, the health ministry says.\n"
        "Three days earlier, a strike on a school in Gaza City killed five people, civil defence said.\n")
    days = sorted(e.time.start.isoformat() for e in found if e.time is not None and e.time.start is not None)
    assert days == ["2025-03-05", "2025-03-08"]


def test_a_sentence_turning_to_another_matter_is_another_incident():
    _, found = _incidents(
        "Front\nUkrainian forces repelled an attack by Russian troops near the front on Sunday, the army said.\n"
        "Separately, Ukrainian drones attacked an oil depot in the Russian city of Bryansk, the governor said.\n")
    assert sorted(e.acled_sub_event_type for e in found) == ["Air/drone strike", "Armed clash"]


@pytest.mark.parametrize("sentence", [
    "The general staff said there had been 160 clashes along the front line over the past day.\n",
    "Russian forces launched 52 assaults in the Kupiansk direction, the general staff said.\n",
    "The minister warned that anyone who attacked a polling station would be arrested.\n",
    "The government has asked its neighbours for help fighting the insurgency.\n",
    "The group has carried out a series of attacks in recent months, including a raid on the town of Kaya in "
    "March in which 40 people were killed.\n",
])
def test_tallies_warnings_campaigns_and_examples_of_a_series_are_no_incident(sentence):
    _, found = _incidents(sentence)
    assert found == []


def test_an_example_of_a_series_dated_to_a_day_is_an_incident():
    _, found = _incidents("The group has carried out a series of attacks in recent months, including a raid on the "
                          "town of Kaya on Saturday in which 40 people were killed.\n")
    assert len(found) == 1


def test_an_act_someone_calls_an_attack_is_the_act_told_before():
    _, found = _incidents(
        "Market attack\nGunmen killed 14 people at a market in the village of Gidan Goga in Zamfara state on Tuesday, "
        "police said.\nThe gunmen arrived on motorcycles and opened fire on traders, police said, calling it a "
        "\"barbaric\" attack.\n")
    assert len(found) == 1


def test_what_a_riots_crowd_burns_and_the_curfew_after_it_are_the_riot():
    _, found = _incidents(
        "Riot in Sylhet\nAt least three people were killed in Sylhet on Monday when supporters of a banned party "
        "attacked a rally and clashed with police, officials said.\nSupporters of the party set fire to buses and "
        "threw stones at police, who fired tear gas.\nThe authorities imposed a curfew in the city from 6 pm on "
        "Monday.\n")
    assert len(found) == 1 and found[0].acled_event_type == "Riots"


def test_soldiers_killed_in_combat_by_a_bomb_told_after_are_the_bombs_incident_at_its_town():
    extraction, found = _incidents(
        "Soldiers killed\nTwo Israeli soldiers were killed in combat in the southern Gaza Strip on Saturday, the "
        "military said.\nThe soldiers were killed when an explosive device detonated near their tank in Rafah, the "
        "military said.\n")
    assert len(found) == 1
    (incident,) = found
    assert incident.acled_sub_event_type == "Remote explosive/landmine/IED"
    assert extraction.places[incident.place].name.startswith("Rafa")


def test_anti_junta_forces_overtake_the_town_they_take():
    _, found = _incidents("Rebels take town\nAnti-junta forces captured the town of Kawlin in Myanmar's Sagaing "
                          "region on Saturday, a spokesman said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Non-state actor overtakes territory"]


def test_the_year_a_superlative_ranks_an_act_in_does_not_date_it():
    _, found = _incidents("Town captured\nRebels said on Saturday they had captured the town of Kawlin, in one of "
                          "the biggest gains by the armed opposition this year.\n")
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-03-08"


def test_the_town_an_act_names_by_its_kind_is_the_town_named_before():
    extraction, found = _incidents(
        "Town captured\nRebels captured the town of Kawlin on Saturday, a spokesman said.\nHours later, military "
        "jets bombed the town, killing at least five civilians, residents said.\n")
    strikes = [e for e in found if e.acled_sub_event_type == "Air/drone strike"]
    assert strikes and [s.text for s in strikes[0].locations][:1] == ["Kawlin"]


def test_a_common_word_the_model_takes_for_a_town_is_no_place():
    extraction, found = _incidents(
        "Village attacked\nInsurgents killed four villagers in an attack on the village of Mapate in Cabo Delgado "
        "province on Saturday, sources said.\nThe attackers also burned 20 houses before fleeing into the bush.\n")
    assert len(found) == 1
    assert all(p.span.text.lower() != "bush" for p in extraction.places)


def test_the_subject_of_a_copula_is_not_the_doer_of_the_attack_it_is():
    _, found = _incidents("Oil field hit\nIt was the second drone attack on the field this week.\n")
    assert all(e.actor1 is None for e in found)


def test_an_act_told_after_a_weapons_maker_is_not_folded_away_with_it():
    _, found = _incidents(
        "Port hit again\nDrones struck a fuel depot in Port Sudan on Saturday, officials said.\nThe army said the "
        "drones were launched by the paramilitaries.\nOn Thursday, drones hit the city's airport.\n")
    assert sorted(e.time.start.isoformat() for e in found) == ["2025-03-06", "2025-03-08"]


def test_an_act_later_that_evening_is_of_the_day_told():
    _, found = _incidents(
        "Bombs on city\nRussian forces dropped guided bombs on the city of Zaporizhzhia on Saturday afternoon, "
        "killing three people, the governor said.\nLater in the evening, a drone attack on the city injured two "
        "more people.\n")
    assert [e.time.start.isoformat() for e in found] == ["2025-03-08", "2025-03-08"]


def test_an_interception_told_again_in_a_quote_is_told_by_the_reports_own_sentence():
    extraction, found = _incidents(
        "Drone downed\nThe rebel group said on Saturday it had shot down an army drone over the town of Sake, west "
        "of Goma.\n\"Our forces neutralised an enemy drone that was preparing to bomb civilians,\" the group's "
        "spokesman said on X.\n")
    assert len(found) == 1 and [s.text for s in found[0].locations][:1] == ["Sake"]
    assert all(p.span.text.strip(".") != "X" for p in extraction.places)


def test_what_the_paramilitaries_loot_in_an_attack_of_a_named_group_is_that_attack():
    _, found = _incidents(
        "Village attack\nThe Rapid Support Forces killed more than 100 people in an assault on the village of "
        "Al-Kadaris in White Nile state on Saturday, a rights group said.\nThe group said the paramilitaries shot, "
        "abducted and looted civilians as they stormed villages in the area.\n")
    assert len(found) == 1


def test_a_roadside_bombs_doer_and_place_come_from_where_it_was_planted():
    extraction, found = _incidents(
        "Bomb kills officers\nThree police officers were killed on Thursday when their vehicle ran over a bomb planted "
        "by suspected militants on a road in Mandera County, police said.\n")
    assert len(found) == 1
    (attack,) = found
    assert attack.actor1 is not None and "militants" in attack.actor1.text
    assert attack.place is not None and extraction.places[attack.place].country_code == "KE"


def test_the_doer_of_what_killed_the_victims_of_a_passive_toll():
    _, found = _incidents("Blast\nSix soldiers were killed on Saturday when insurgents blew up their truck near the "
                          "town of Dantewada, police said.\n")
    assert len(found) == 1 and found[0].actor1 is not None and found[0].actor1.text == "insurgents"
    # the clause of time hung on the toll verb joined to the first
    _, found = _incidents("Post attacked\nThree soldiers were killed and four wounded when guerrillas attacked an army "
                          "post with grenades in Arauca province on Saturday night, the army said.\n")
    assert len(found) == 1 and found[0].actor1 is not None and found[0].actor1.text == "guerrillas"


def _listed(text: str) -> list:
    """The events a listing shows by default: not generic."""
    _, _, extraction = extracted(text, PUBLISHED)
    return [e for e in extraction.events if not e.generic]


def test_an_untyped_headline_over_a_typed_story_is_not_an_event_of_its_own():
    found = _listed("Explosion at Lasa rally kills nine\n\nA suicide bomber blew himself up at a rally in the town of "
                    "Lasa on Saturday, killing nine people, police said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Suicide bomb"]


def test_what_followed_a_strike_and_the_people_who_fled_are_no_events_of_their_own():
    found = _listed("Drones struck a fuel depot in the port of Kema on Saturday, killing two guards, the governor "
                    "said.\nFires broke out at several warehouses after the strike, the governor said.\nThousands of "
                    "residents fled to nearby villages.\nAid workers said several tents were destroyed.\n")
    assert [e.acled_sub_event_type for e in found] == ["Air/drone strike"]
    assert any("Fires broke out" in s.text for s in found[0].restatements)


def test_a_claim_naming_the_weapons_used_on_the_target_told_is_the_same_attack():
    found = _listed("Rebel drone hits tanker off Yemen, crew safe\n\nA drone launched by the rebels struck a "
                    "Panama-flagged tanker about 40 nautical miles west of Hodeidah on Sunday, the maritime agency "
                    "said. The crew were reported safe and the vessel sailed on to its next port.\n\nThe rebels' "
                    "military spokesman, Ali Nasser, said in a televised statement that the group had targeted the "
                    "ship with a drone and a missile.\n")
    assert len(found) == 1


def test_resistance_fighters_and_the_group_they_belong_to_are_one_doer():
    found = _listed("Resistance fighters of the Northern Front said on Monday they had captured the town of Sabu "
                    "after weeks of fighting.\nThe Northern Front said in a statement that it had taken control of "
                    "all army camps around the town.\n")
    assert len(found) == 1


def test_an_act_told_by_the_paramilitary_group_keeps_its_place_when_the_parser_hangs_it_on_the_adjective():
    found = _listed("Artillery fire by the paramilitary Rapid Support Forces hit the Abu Shouk displacement camp on "
                    "the northern edge of El Fasher late on Sunday, killing 11 people including four children, a "
                    "medical charity said on Monday.\n")
    assert len(found) == 1
    event = found[0]
    assert "El Fasher" in [m.text for m in event.locations]
    assert event.time.start.isoformat() == "2025-03-09"


def test_a_group_claiming_the_attack_told_before_is_that_attacks_doer_not_a_new_attack():
    found = _listed("Six policemen were killed when gunmen attacked a checkpoint in the Khyber district early on "
                    "Sunday, officials said.\nTroops returned fire and killed three of the attackers in the ensuing "
                    "gunfight, the police said.\nA faction of the Pakistani Taliban claimed the attack in a message to "
                    "reporters.\n")
    assert len(found) == 1


def test_a_ship_struck_and_ports_struck_the_same_day_are_two_incidents():
    found = _listed("Rebels said on Sunday they had fired missiles at a cargo ship in the Red Sea. The maritime "
                    "agency said a vessel had been hit by a projectile 40 nautical miles west of Hodeidah.\n"
                    "Israel struck the rebel-held port of Hodeidah and a power station on Sunday, saying they were "
                    "used to bring in weapons. The rebels' health ministry said the strikes wounded nine people.\n")
    kinds = sorted(e.acled_sub_event_type for e in found)
    assert kinds == ["Air/drone strike", "Shelling/artillery/missile attack"], kinds


def test_shells_and_artillery_fire_one_writer_tells_are_one_shelling():
    found = _listed("Artillery fire hit a camp for displaced people outside Kadugli on Saturday, killing seven "
                    "people, medics said.\n\"Shells landed on the tents while families were eating,\" a nurse "
                    "said.\n")
    assert len(found) == 1


def test_the_toll_of_the_fighting_on_the_day_a_town_was_retaken_is_the_recaptures():
    found = _listed("Government forces have retaken the town of Bulo Burde from the militants, officials said on "
                    "Monday.\nMore than 30 militants were killed in the fighting on Sunday, the minister said.\nThe "
                    "militants said on their radio that they had killed dozens of soldiers.\n")
    assert [e.acled_sub_event_type for e in found] == ["Government regains territory"]
    assert found[0].killed is not None


def test_the_time_of_what_protesters_demand_justice_for_does_not_date_the_dispersal():
    found = _listed("Ghanaian police fired tear gas and water cannon on Monday to disperse hundreds of protesters in "
                    "central Accra demanding justice for a teacher who died in police custody last month.\n")
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-03-10"


def test_an_act_dated_by_a_gap_from_the_main_clauses_day_is_counted_from_it():
    found = _listed("The town of Oril declared a day of mourning on Sunday after a missile hit a bus carrying "
                    "miners the previous evening.\n")
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-03-08"


@pytest.mark.parametrize("text", [
    "A court in the capital sentenced a former rebel commander to 20 years in prison on Monday for his role in a 2018 "
    "raid on a market in which 30 traders were killed.\n",
    "The army began two days of live-fire drills near the border on Monday, firing rockets and artillery at targets "
    "in the desert, the defence ministry said.\n",
    "Negotiators returned to Cairo on Monday for a new round of talks on a truce and the release of captives, "
    "mediators said.\n",
    "Heavy rain set off floods that killed 12 people in the town of Kiru on Sunday, officials said.\nHundreds of homes "
    "were destroyed and roads were cut, the mayor said.\n",
    "The monitors said 90 civilians were killed in April.\nMost of the deaths were caused by rockets and drones "
    "hitting towns, the monitors said in their monthly report.\n",
    "When she was 14, Amina was abducted by gunmen from her school and held for a year. She now runs a bakery in the "
    "capital.\n",
    "\"Every night we take in victims of shelling and air strikes,\" the nurse said.\n",
    "Thousands of soldiers have been deployed to help clear roads and deliver food to flooded districts.\n",
    "Villagers gathered on Sunday to mark the 60th anniversary of the town's liberation, when rebels drove out the "
    "colonial garrison after fighting that killed 200.\n",
])
def test_reports_of_no_incident_give_none(text):
    assert [e.evidence.text for e in _listed(text) if e.acled_event_type] == []


def test_a_bombing_of_the_objective_a_capture_took_is_the_fight_for_it():
    """"overran an army outpost in X region … attacked the outpost in Y at dawn with a car bomb before storming it":
    the car bomb opened the assault that took the outpost: one incident, though the bombing names a village and the
    capture only its region."""
    _, found = _incidents("Rebels overran an army outpost in Burkina Faso's Sahel region on Sunday after hours of "
                          "fighting that killed at least nine soldiers, security sources said.\n\n"
                          "The fighters attacked the outpost in Tin-Akoff at dawn with a car bomb before storming it, "
                          "a soldier who escaped told reporters.\n", datetime(2025, 5, 19))
    assert [e.acled_sub_event_type for e in found] == ["Non-state actor overtakes territory"]


def test_what_a_side_has_said_in_the_past_is_no_incident():
    """"has in the past denied … and said it was fighting armed gangs": a stance held over time, at no moment."""
    _, found = _incidents("Rebels attacked the village of Kauda on Monday, killing eight farmers, a local official "
                          "said.\n\nThe rebels did not comment. The army has in the past denied killing civilians in "
                          "the area and said it was fighting armed gangs in the hills.\n", datetime(2025, 5, 20))
    assert [e.acled_sub_event_type for e in found] == ["Attack"]
    # a stance about the act the story tells still restates it, and names the doer it leaves unnamed
    _, found = _incidents("A drone strike killed nine people at a bus station in the town of Kosti on Tuesday, "
                          "residents said.\n\nThe army did not comment. The army has previously said its drones target "
                          "only rebel fighters.\n", datetime(2025, 5, 20))
    assert [(e.acled_sub_event_type, e.actor1.text) for e in found] == [("Air/drone strike", "The army")]


def test_two_sides_striking_each_other_are_two_strikes():
    """A strike goes one way: Ukrainian drones on a Russian region and Russian drones on Ukraine's grid, told in one
    story of one night, are two incidents, each with its own doer."""
    _, found = _incidents("Ukrainian drones struck a fuel depot in Russia's Bryansk region overnight, the region's "
                          "governor said.\n\nRussian drones also hit Ukraine's power grid overnight, the energy "
                          "ministry in Kyiv said.\n", datetime(2025, 5, 20))
    assert [(e.acled_sub_event_type, e.actor1.text) for e in found] == [("Air/drone strike", "Ukrainian"),
                                                                         ("Air/drone strike", "Russian")]


def test_a_campaign_told_in_the_perfect_after_the_incident_is_background():
    """"Russia has pounded Ukraine's power grid" after the report's strike, with no time and no place below a
    country: the campaign behind the news, not another incident; the same act with its own day is one."""
    _, found = _incidents("Ukrainian drones struck a fuel depot in Russia's Bryansk region overnight, the region's "
                          "governor said.\n\nKyiv says the raids answer Moscow's. Russia has in turn pounded "
                          "Ukraine's power grid, causing long blackouts.\n", datetime(2025, 5, 20))
    assert [e.actor1.text for e in found] == ["Ukrainian"]
    _, found = _incidents("Ukrainian drones struck a fuel depot in Russia's Bryansk region overnight, the region's "
                          "governor said.\n\nRussia has pounded Ukraine's power grid overnight, causing long "
                          "blackouts.\n", datetime(2025, 5, 20))
    assert len(found) == 2


def test_a_witness_quote_of_the_shooting_is_the_incident_told():
    """"'They shot straight at us,' said a student": one who was there tells the shooting the report told,
    with a pronoun for its doers and no place or day of its own."""
    _, found = _incidents("Police opened fire on students marching against fee rises in the city of Kisumu on Monday, "
                          "killing two and wounding four, a hospital official said.\n\n\"They shot straight at "
                          "us,\" said a student, 20, who said he saw one of the dead fall.\n", datetime(2025, 5, 20))
    assert len(found) == 1, [e.evidence.text for e in found]


def test_homes_the_doers_named_again_burned_in_a_village_place_their_attack():
    """"Insurgents killed five in an attack on a village in X province … The insurgents also burned 20 houses in the
    village of Y": the doer told again by its noun, the village is the attack's, and the burning part of it."""
    _, found = _incidents("Armed insurgents killed six villagers in an attack on a village in Nigeria's Borno state "
                          "on Friday, police said.\n\nThe insurgents also burned about 30 houses in the village of "
                          "Gajiram before fleeing, a police spokesman said on Sunday.\n", datetime(2025, 3, 9))
    assert [e.acled_sub_event_type for e in found] == ["Attack"]


def test_the_strikers_claim_of_soldiers_killed_is_the_strike_told_by_its_doer():
    _, found = _incidents("A Russian missile struck a hotel in the city of Sumy on Sunday evening, killing 16 people "
                          "and wounding 40, the regional governor said.\n\nRussia's defence ministry said it had hit a "
                          "gathering of Ukrainian officers in the hotel, killing up to 70 servicemen.\n",
                          datetime(2025, 3, 10))
    assert [e.acled_sub_event_type for e in found] == ["Shelling/artillery/missile attack"]


def test_a_missile_launched_and_intercepted_is_one_interception():
    """"fired a missile at the city overnight … the missile was intercepted": one shoot-down, whose second actor is who
    fired; a launch that killed people stays a strike of its own."""
    _, found = _incidents("The rebels said they fired a ballistic missile at the port of Eilat overnight. The army "
                          "said the missile was intercepted and no one was hurt.\n", datetime(2025, 3, 10))
    assert [(e.acled_sub_event_type, e.actor2.text if e.actor2 else None) for e in found] == [
        ("Disrupted weapons use", "The rebels")]
    _, found = _incidents("Russia fired a missile at the city of Sumy overnight, killing two people. Air defences "
                          "intercepted the drones over Kharkiv.\n", datetime(2025, 3, 10))
    assert len(found) == 2


def test_a_youth_shot_dead_as_a_riot_was_put_down_is_the_riots_toll():
    """"A boy was shot dead and three wounded", told after a riot with no one named as shooter: the riot's toll, not an
    attack of its own."""
    _, found = _incidents("Crowd burns police post in Njoro\n"
                          "Angry residents set fire to a police post in the town of Njoro on Saturday after a man "
                          "held there died.\nA 19-year-old man was shot dead and three other people were wounded, a "
                          "rights group said.\n", datetime(2025, 3, 9))
    assert len(found) == 1, [e.evidence.text for e in found]
    assert found[0].killed is not None and found[0].injured is not None


def test_a_stance_told_in_the_present_is_no_incident():
    """"says it is fighting 'terrorists'": what a side says it does, now and nowhere in particular; told in the past it
    is news."""
    _, found = _incidents("The junta has denied targeting civilians and says it is fighting \"terrorists\".\n")
    assert found == [], [e.evidence.text for e in found]
    _, found = _incidents("The junta said it fought rebels near the town of Kalay on Friday.\n")
    assert len(found) == 1


def test_an_act_told_weeks_before_the_reported_one_is_background():
    _, found = _incidents("Rebels ambushed a convoy near the town of Kaya on Monday, killing seven soldiers, the army "
                          "said.\nThe ambush came weeks after the government announced a new offensive against the "
                          "rebels in the north.\n")
    assert len(found) == 1, [e.evidence.text for e in found]


def test_the_attackers_claim_to_have_taken_the_base_joins_their_assault_on_it():
    """Gold rule 2: a capture inside an attack belongs to it; the group's claim of the base taken ("taken control of
    the base") is the assault told by its doer, and the officer's toll stays the attack's."""
    extraction, found = _incidents("Militants stormed an army base in the Hiran region on Monday after a car bomb "
                                   "exploded at its gate, officials said.\nNine soldiers were killed and the militants "
                                   "took weapons before withdrawing, an officer said.\nThe group said its fighters had "
                                   "killed 60 soldiers and taken control of the base.\n")
    assert len(found) == 1, [e.evidence.text for e in found]
    assert found[0].killed is not None and extraction.quantities[found[0].killed].value == 9


def test_where_a_speaker_spoke_from_is_not_where_the_act_happened():
    _, found = _incidents("Nine soldiers were killed in an attack on an outpost on Monday, an officer told reporters "
                          "by phone from the town of Kaya.\n")
    assert found and all("Kaya" not in [s.text for s in e.locations] for e in found)


def test_the_dead_of_the_other_side_of_a_clash_join_it():
    """"Troops killed 12 militants … Two soldiers were also killed in the exchange of fire": one fight, the dead of
    both its sides however far apart the counts, not the toll of an earlier attack told in between."""
    extraction, found = _incidents("Security forces killed 12 militants in a raid in the Kech district on Saturday, "
                                   "the army said, days after gunmen attacked a bus in the province.\nTwo soldiers "
                                   "were also killed in the exchange of fire, it said.\n", datetime(2025, 3, 15))
    (clash,) = [e for e in found if e.acled_sub_event_type == "Armed clash"]
    (bus,) = [e for e in found if e.trigger.text == "attacked"]
    assert clash.restatements and bus.killed is None


def test_a_sentence_that_names_the_operation_again_places_it():
    """"killed militants in an operation in X province … The operation was carried out in Y district": Y is where."""
    _, found = _incidents("Troops killed eight militants in an operation in Pakistan's Balochistan province on "
                          "Saturday.\nThe operation was carried out in the Kech district, the army said, adding that "
                          "rifles and explosives were recovered.\n")
    extraction, found = _incidents("Troops killed eight militants in an operation in Pakistan's Balochistan province "
                                   "on Saturday.\nThe operation was carried out in the Kech district, the army said, "
                                   "adding that rifles and explosives were recovered.\n")
    assert len(found) == 1, [e.evidence.text for e in found]
    assert found[0].place is not None and "Kech" in extraction.places[found[0].place].name


def test_an_earlier_act_told_days_before_is_of_the_week_before_and_takes_its_named_day():
    """"…, the army's media wing said, days after separatists attacked a train": some day of the week before (not the
    day of the main act or of its saying), which a later sentence names ("Tuesday's attack on the train"); the clause
    opens at its mark."""
    _, found = _incidents(
        "Security forces killed 12 militants in an intelligence-based operation in southwestern Balochistan province "
        "on Saturday, the army's media wing said, days after separatists attacked a passenger train in the region.\n"
        "The separatists, who claimed Tuesday's attack on the train in which 21 hostages were killed, have fought the "
        "state for decades.\n", datetime(2025, 3, 15))
    train = [e for e in found if e.trigger.text == "attacked"]
    assert len(train) == 1, [e.evidence.text for e in found]
    assert train[0].evidence.text.startswith("separatists")
    assert train[0].time is not None and train[0].time.start == datetime(2025, 3, 11).date()


def test_the_ends_of_a_journey_are_not_where_a_vehicle_was_hit():
    _, found = _incidents("PESHAWAR, Pakistan (Reuters) - Gunmen opened fire on a passenger bus in Pakistan's Kurram "
                          "district on Monday, killing four people, a local official said.\nThe bus was travelling "
                          "from Parachinar to Peshawar under police escort when it came under fire near the village of "
                          "Bagan, the official said.\n", datetime(2025, 3, 10))
    assert len(found) == 1
    assert not {"Parachinar", "Peshawar"} & {s.text for s in found[0].locations}


def test_the_second_toll_the_parser_hangs_on_its_number_keeps_the_acts_place():
    """"one person was killed and three wounded by shelling of X": the parser makes "three wounded" a describing
    participle; X is still where the shelling fell."""
    _, found = _incidents("One person was killed and three wounded by Russian shelling of Kostiantynivka on Monday, "
                          "the regional head said.\n")
    assert found and "Kostiantynivka" in [s.text for s in found[0].locations]


def test_a_countrys_name_before_its_strikes_is_their_doer_not_their_place():
    _, found = _incidents("Fifteen people died and 30 were hurt in United States strikes on a fuel depot on Thursday, "
                          "rebel media said.\n", datetime(2025, 3, 15))
    assert len(found) == 1, [e.evidence.text for e in found]
    assert "United States" not in [s.text for s in found[0].locations]


def test_who_gives_a_toll_or_praises_an_act_is_not_its_doer():
    _, found = _incidents("BUNIA, Congo (Reuters) - Rebels killed at least 30 people in an overnight attack on a "
                          "village in Ituri province, a civil society leader said on Sunday.\nArmy spokesman "
                          "Lieutenant Paul Mbuyi put the toll at 28 and said troops were pursuing the attackers.\n",
                          datetime(2025, 3, 10))
    assert len(found) == 1 and found[0].actor1 is not None and found[0].actor1.text == "Rebels"
    _, found = _incidents("TRIPOLI, Libya - Heavy fighting broke out between rival armed groups in the capital late on "
                          "Monday after the killing of a militia commander, leaving at least six people dead, the "
                          "health ministry said.\nPrime Minister Abdul Hamid Dbeibah praised the \"military "
                          "operation\" against what he called outlaw groups.\n", datetime(2025, 3, 11))
    assert found and all(e.actor1 is None or "Minister" not in e.actor1.text for e in found)


def test_fighters_killed_in_the_pursuit_after_an_attack_are_its_end():
    """"'neutralised' 10 terrorists in a pursuit operation after the attack": the chase of the attack's doers, no
    clash of its own (and not placed in the capital of the dateline)."""
    _, found = _incidents("NIAMEY, Niger - Gunmen on motorcycles attacked worshippers at a mosque in western Niger's "
                          "Tillaberi region on Friday, killing at least 12 people, residents said.\nThe army said on "
                          "Saturday that it had \"neutralised\" 10 terrorists in a pursuit operation after the attack "
                          "and recovered weapons.\n", datetime(2025, 3, 9))
    assert [e.acled_sub_event_type for e in found] == ["Attack"], [e.evidence.text for e in found]


def test_a_wounded_mans_death_that_raised_a_toll_is_no_act_of_its_own():
    _, found = _incidents("The death toll from Monday's car bombing at a checkpoint in Bannu rose to nine on Tuesday "
                          "after a wounded soldier died in hospital, police said.\n", datetime(2025, 3, 11))
    assert len(found) == 1, [e.evidence.text for e in found]


def test_bodies_dumped_somewhere_were_found_there():
    _, _, extraction = extracted("Police found the bodies of six men dumped beside a road on the outskirts of "
                                 "Culiacan on Sunday, prosecutors said.\n", PUBLISHED)
    assert any("Culiacan" in [s.text for s in e.locations] for e in extraction.events)


def test_a_regions_share_of_a_national_tally_is_not_its_place_and_a_general_staff_is_no_place():
    """"downed 121 drones over several regions, including 18 over the X region": the tally has no one place (incidents
    rule 2); "Ukraine's General Staff confirmed the strike on the refinery" is the strike told again, not a strike in
    Ukraine."""
    _, found = _incidents("Ukrainian drones struck an oil refinery in the Russian city of Saratov overnight, causing a "
                          "large fire, the governor said on Friday.\nRussia's defence ministry said its air defences "
                          "had downed 121 Ukrainian drones over several regions overnight, including 18 over the "
                          "Saratov region.\nUkraine's General Staff confirmed the strike on the refinery.\n",
                          datetime(2025, 1, 24))
    assert sorted(e.acled_sub_event_type for e in found) == ["Air/drone strike", "Disrupted weapons use"]
    (tally,) = [e for e in found if e.acled_sub_event_type == "Disrupted weapons use"]
    assert tally.place is None


def test_a_person_named_with_the_title_an_arrest_told_is_that_arrest_told_again():
    _, found = _incidents("Security services arrested a senior bishop and six other people on Tuesday on suspicion of "
                          "plotting a coup, officials said.\nBishop Aram Petrosyan, who led protests last year, was "
                          "detained during raids on several homes in Gyumri, the service said.\n",
                          datetime(2025, 3, 12))
    assert [e.acled_sub_event_type for e in found] == ["Arrests"], [e.evidence.text for e in found]


@pytest.mark.parametrize("sentence", [
    "The province has lived through two decades of violence by armed groups, in which thousands of people have been "
    "killed and whole villages emptied.\n",
    "The valley has known years of fighting between the two clans.\n",
    "The monitors said government forces were responsible for about half of the killings, and rebels for most of "
    "the rest.\n",
    "Critics say the army has leaned on firepower, including air strikes that have killed civilians, rather than "
    "on talks.\n",
])
def test_acts_told_in_sum_are_no_incident(sentence):
    """A stretch of years, a share of the deaths, a kind of act, the toll of a period: the war behind the news."""
    _, found = _incidents(sentence)
    assert found == [], [e.evidence.text for e in found]


@pytest.mark.parametrize("sentence", [
    "Two days of fighting around the bridge killed 15 soldiers, the army said on Sunday.\n",
    "Air strikes killed nine people in the village of Bakolo on Sunday, residents said.\n",
])
def test_a_short_battle_and_strikes_with_a_day_are_incidents(sentence):
    _, found = _incidents(sentence)
    assert len(found) == 1


def test_a_spot_near_a_town_and_the_village_named_next_are_one_place():
    """"shells struck a village near X" then "the shells hit Y village": the lead names the nearest town it knows, the
    next sentence the village; one shelling, whatever the gazetteer puts the village apart from the town."""
    extraction, found = _incidents(
        "Shelling kills 14\n\nEL FASHER, Sudan (Reuters) - Artillery shells killed 14 people when they struck a "
        "village near El Fasher on Saturday evening, an aid group said.\n\nThe shells hit a school and a clinic in "
        "Um Kadada village, the group said.\n", datetime(2025, 5, 11))
    assert len(found) == 1, [e.evidence.text for e in found]
    assert extraction.places[found[0].place].name != "El Fasher"


def test_the_people_told_again_by_a_definite_phrase_with_a_place_are_the_arrest_told():
    """"police arrested four men planning an attack in X" (no place of its own: X is the plan's), then "the men were
    detained in a raid in Y": one arrest, placed by the second sentence."""
    extraction, found = _incidents(
        "Police foil bomb plot\n\nLAHORE, Pakistan (AP) — Police said Tuesday they had arrested three suspected "
        "militants who were planning to bomb a shrine in the city.\n\nThe men were detained in a raid on a flat in "
        "the Gulberg district of Lahore, where officers found explosives, a police spokesman said.\n",
        datetime(2025, 7, 1))
    arrests = [e for e in found if e.acled_sub_event_type == "Arrests"]
    assert len(arrests) == 1, [e.evidence.text for e in arrests]
    assert arrests[0].locations


def test_hostages_handed_over_are_freed_not_taken():
    _, found = _incidents("Captives freed\n\nThe two hostages were handed over to the Red Cross in the town of Jenin "
                          "on Thursday, the army said.\n", datetime(2025, 2, 14))
    assert "Abduction/forced disappearance" not in {e.acled_sub_event_type for e in found}


@pytest.mark.parametrize(("text", "doer", "launcher"), [
    ("Drones downed\n\nIsrael's Defence Ministry said on Friday that 31 Iranian drones were shot down over its "
     "territory.\n", "Israel's Defence Ministry", "Iranian"),
    ("Drones downed\n\nPakistan's air force said its units downed 40 of 70 Indian drones before dawn.\n",
     "Pakistan's air force", "Indian"),
])
def test_the_side_that_tells_a_shoot_down_downed_the_weapons(text, doer, launcher):
    """A side tells its own air defences' work: the drones' nationality is who launched them."""
    _, found = _incidents(text, datetime(2025, 2, 1))
    downed = [e for e in found if e.acled_sub_event_type == "Disrupted weapons use"]
    assert [(e.actor1.text, e.actor2.text if e.actor2 else None) for e in downed] == [(doer, launcher)]


def test_a_clash_told_by_each_side_is_one_clash():
    """The rebels fought "troops backed by allied militias"; the rebels say "the army attacked us": one clash, though
    that sentence makes the army its doer and shares no word with "troops"."""
    _, found = _incidents(
        "Deadly clashes near Sake\n\nGOMA (Reuters) - Fighting between M23 rebels and Congolese troops backed by "
        "allied militias killed at least nine people near the town of Sake on Tuesday, local officials said.\n\n"
        "The clashes began in the hills of Kiluku, west of Sake, and spread to a nearby village.\n\n"
        "The M23 said in a statement that it had been attacked by the army and its allies and had repelled them.\n",
        datetime(2025, 5, 9))
    assert len(found) == 1, [e.evidence.text for e in found]


def test_a_ship_struck_in_port_is_the_ports_strike_told_again():
    """"a missile struck port infrastructure", then "the missile hit a vessel being loaded at a port near the city":
    the ship lay in the port struck, one strike; a ship hit at sea beside a port struck ashore stays two."""
    _, found = _incidents(
        "Port hit\n\nKYIV (Reuters) - A Russian missile struck port infrastructure in Ukraine's Mykolaiv region on "
        "Monday evening, killing two people and wounding five, the governor said.\n\nThe missile hit a cargo vessel "
        "being loaded with sunflower oil at a port near the city of Mykolaiv, he said.\n", datetime(2025, 3, 11))
    assert len(found) == 1, [e.evidence.text for e in found]


def test_a_toll_that_rose_dates_its_act_by_the_day_written_after_the_act():
    """"the death toll from attacks on villages on Sunday night has climbed to 52": the parser hangs the night on
    "climbed", but it is the attacks' night."""
    _, found = _incidents(
        "Toll rises\n\nJOS, Nigeria (AP) — The death toll from attacks by gunmen on farming villages in central "
        "Nigeria on Friday night has climbed to 33, a local official said Monday.\n", datetime(2025, 4, 14))
    assert [e.time.start for e in found if e.time is not None] == [datetime(2025, 4, 11).date()]


def test_debris_of_a_downed_drone_is_no_destruction_of_its_own():
    _, found = _incidents("Drones over the region\n\nAir defences shot down 12 drones over the region overnight, the "
                          "governor said.\n\nHe said falling debris had damaged three houses in a village near the "
                          "border.\n", datetime(2025, 6, 6))
    assert "Looting/property destruction" not in {e.acled_sub_event_type for e in found}


def test_a_toll_summed_over_raids_is_no_one_raids():
    """"killed 40 militants in two separate raids … killed 25 in the first": the 40 is the raids' sum."""
    extraction, found = _incidents(
        "Raids in the north\n\nISLAMABAD (AP) — Security forces killed 40 militants in two separate raids in the "
        "northwest, the military said Sunday.\n\nIn the first raid, troops killed 25 insurgents in the Khyber district "
        "after a gunfight at a compound, the military said.\n", datetime(2025, 9, 14))
    tolls = sorted(extraction.quantities[e.killed].value for e in found if e.killed is not None)
    assert 40 not in tolls and 25 in tolls


def test_another_sources_count_replaces_the_doers_own():
    """The group's own figure of its attack is a perpetrator's claim: state media's count, told after it, is coded."""
    extraction, found = _incidents(
        "Bus attacked\n\nBEIRUT (Reuters) - Islamic State claimed responsibility on Monday for an attack on a bus "
        "carrying soldiers in the desert that killed 14 of them, the group's news agency said.\n\nState media "
        "reported nine soldiers killed.\n", datetime(2025, 10, 20))
    assert [extraction.quantities[e.killed].value for e in found if e.killed is not None] == [9]


@pytest.mark.parametrize(("text", "figures"), [
    ("Drones downed\n\nThe defence ministry said in a report that 30 drones were destroyed during the night, "
     "including 12 over the northern border region and five over the coast.\n", {30.0, 12.0, 5.0}),
    ("Strikes overnight\n\nMissiles killed at least nine civilians across the country overnight, regional officials "
     "said on Tuesday, with four deaths reported in the port city.\n", {9.0, 4.0}),
])
def test_figures_in_a_clause_after_what_was_said_are_the_speakers(text, figures):
    """", including 12 over the north", ", with four deaths reported in the port city": the parse ends what was said
    before the clause, but its figures are the speaker's too."""
    extraction, _ = _incidents(text, datetime(2025, 6, 10))
    spoken = {extraction.quantities[n].value for claim in extraction.claims for n in claim.quantities}
    assert figures <= spoken
