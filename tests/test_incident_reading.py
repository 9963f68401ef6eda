"""Reading a report's incident whole: its weapon phrase, its day, its place and its other sentences. Each case is a
fault seen on short reports written for this (never the gold reports); the sentences here are written anew."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import extracted

PUBLISHED = datetime(2025, 4, 16)  # a Wednesday


def _incidents(text: str, published=PUBLISHED):
    _, _, extraction = extracted(text, published)
    return extraction, [e for e in extraction.events if not e.generic and e.acled_event_type]


def _only_day(text: str, published=PUBLISHED) -> str:
    """The day of the one incident `text` tells (ISO); the test fails if it tells none or several."""
    _, found = _incidents(text, published)
    assert len(found) == 1, [e.evidence.text for e in found]
    return found[0].time.start.isoformat()


def _place(extraction, event) -> str | None:
    return extraction.places[event.place].name if event.place is not None else None


def test_a_weapon_told_with_two_modifiers_still_reports_its_strike():
    # "guided aerial bombs": the phrase's first word is an adjective, which reports nothing on its own
    _, found = _incidents("Enemy aircraft dropped guided aerial bombs on the town of Huliaipole on Tuesday, killing "
                          "two men, the regional administration said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Air/drone strike"]
    assert found[0].time.start.isoformat() == "2025-04-15"


def test_bombs_that_are_dropped_are_an_air_strike_not_a_planted_bomb():
    _, found = _incidents("Government forces dropped bombs on a market in the village of Kauda on Tuesday.\n")
    assert [e.acled_sub_event_type for e in found] == ["Air/drone strike"]
    _, found = _incidents("Militants planted a bomb that exploded near a market in Kauda on Tuesday.\n")
    assert [e.acled_sub_event_type for e in found] == ["Remote explosive/landmine/IED"]


def test_an_attack_that_claimed_lives_is_no_speech():
    _, found = _incidents("A suicide car bombing at a checkpoint in Baidoa claimed nine lives on Tuesday, police "
                          "said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Suicide bomb"]


def test_a_purpose_clause_is_dated_by_the_act_it_serves():
    assert _only_day("Riot police fired tear gas on Monday to disperse hundreds of teachers who marched on the "
                     "education ministry in Accra.\n") == "2025-04-14"


def test_a_second_verb_of_one_subject_takes_the_first_ones_day():
    assert _only_day("Armed men reached the village of Gueskerou on Monday evening and opened fire on farmers, "
                     "a local official said.\n") == "2025-04-14"


def test_an_event_nouns_own_night_is_the_night_before_the_day_it_was_told():
    assert _only_day("Russia launched an overnight drone attack on Poltava that wounded three people, regional "
                     "officials said on Tuesday.\n") == "2025-04-15"


def test_a_demonstration_told_in_several_sentences_is_one_with_its_crowds_arrests():
    extraction, found = _incidents(
        "Police fired tear gas on Tuesday at thousands of demonstrators who marched on the presidency in Accra.\n"
        "The demonstrators blocked roads and set tyres alight in the city centre.\n"
        "At least 30 protesters were arrested, police said.\n")
    assert len(found) == 1 and _place(extraction, found[0]) == "Accra"
    assert len(found[0].restatements) == 2


def test_a_leaders_detention_beside_a_protest_is_an_arrest_of_its_own():
    _, found = _incidents(
        "Police fired tear gas on Tuesday at thousands of demonstrators who marched on the presidency in Accra.\n"
        "Opposition leader Kwame Asante was detained at his home in Accra on Tuesday, his party said.\n")
    assert sorted(e.acled_sub_event_type for e in found) == ["Arrests", "Protest with intervention"]


def test_a_deployment_that_answers_an_undated_protest_dates_it():
    assert _only_day(
        "Police have fired tear gas at students protesting against fuel prices in the capital, Accra.\n"
        "On Tuesday, the interior ministry deployed army units around the parliament building.\n") == "2025-04-15"


def test_a_citys_suburbs_are_the_citys_place():
    extraction, found = _incidents("An air strike hit Damascus's western suburbs on Tuesday, killing three people.\n")
    assert len(found) == 1 and _place(extraction, found[0]) == "Damascus"


def test_the_fight_that_ensued_is_the_attack_it_followed():
    _, found = _incidents(
        "Militants attacked a police post in Bannu district late on Monday, killing three policemen, officials said.\n"
        "Police returned fire and killed five attackers in the ensuing gunfight near Sarai Khel, officials said.\n")
    assert len(found) == 1 and len(found[0].restatements) == 1


def test_the_country_across_a_border_is_not_where_an_attack_happened():
    extraction, found = _incidents(
        "Gunmen opened fire on villagers in Koutougou, near the border with Niger, on Monday, killing six, officials "
        "said.\n")
    assert len(found) == 1 and _place(extraction, found[0]) != "Niger"
    assert all(span.text != "Niger" for span in found[0].locations)


def test_a_roundup_misparsed_under_said_still_gives_its_breakdown():
    # the parser hangs "strikes" on "said"; a strike does not speak, so the sentence still tells acts
    extraction, found = _incidents(
        "Strikes on the north\nArtillery strikes killed at least 19 people across the north of the country on Tuesday, "
        "including seven people sheltering in a mosque in Maiduguri, local officials said.\n")
    assert [(e.acled_sub_event_type, _place(extraction, e)) for e in found] == [
        ("Shelling/artillery/missile attack", "Maiduguri")]
    assert extraction.quantities[found[0].killed].value == 7


def test_the_toll_of_a_war_is_no_incident_and_no_incidents_toll():
    extraction, found = _incidents(
        "A drone struck a minibus on the road out of Kadugli on Tuesday, the local authorities said.\n"
        "More than 20,000 people have been killed in the war, according to the United Nations.\n")
    assert len(found) == 1 and found[0].killed is None
    _, found = _incidents("Nine people have been killed in the attack on the market, officials said on Tuesday.\n")
    assert len(found) == 1  # a perfect toll of one attack is that attack's


def test_weapons_seized_in_a_capture_are_part_of_it():
    _, found = _incidents("Rebels overran an army post in Kamanyola on Tuesday and seized weapons and ammunition, "
                          "residents said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Non-state actor overtakes territory"]
    _, found = _incidents("Soldiers seized weapons and ammunition in a raid on a depot in Kamanyola on Tuesday.\n")
    assert [e.acled_sub_event_type for e in found] == ["Disrupted weapons use"]


def test_a_quarter_named_like_a_far_village_is_placed_in_its_storys_town():
    extraction, found = _incidents(
        "An air strike hit a house in the Tuffah neighbourhood on Monday, killing four people, medics said.\n"
        "Earlier, a strike on a car in Gaza City killed two men.\n")
    places = [extraction.places[e.place] for e in found if e.place is not None]
    assert places and all(p.name == "Gaza" for p in places)


def test_a_toll_over_months_is_no_incident():
    _, found = _incidents("More than 300 people were killed in the state between January and March, the UN said.\n")
    assert found == []


def test_an_act_told_a_day_before_another_is_dated_by_the_gap():
    extraction, found = _incidents(
        "A missile hit a factory in Zaporizhzhia on Tuesday, killing two workers, the governor said.\n"
        "The strike came a day after Russian drones hit the river port of Kherson, killing three people and setting "
        "a grain store on fire, according to local officials.\n")
    days = {_place(extraction, e): e.time.start.isoformat() for e in found if e.time and e.time.start}
    assert days.get("Kherson") == "2025-04-14"


def test_the_doers_arrival_dates_what_they_did():
    assert _only_day("Bandits, who rode into the village of Kwanar Dutse late on Monday, killed four farmers, a "
                     "resident said on Tuesday.\n") == "2025-04-14"


def test_they_in_a_quote_are_not_the_speaker():
    _, _, extraction = extracted(
        "\"They entered the town in the morning and the soldiers withdrew,\" said Amani Kabila, a local teacher.\n",
        PUBLISHED)
    doers = [e.actor1.text for e in extraction.events if e.actor1 is not None]
    assert "Amani Kabila" not in doers


def test_where_troops_withdrew_to_is_not_where_they_withdrew():
    _, _, extraction = extracted("Government troops withdrew from Kitshanga towards Goma on Tuesday, residents said.\n",
                                 PUBLISHED)
    withdrawals = [e for e in extraction.events if e.trigger.text == "withdrew"]
    assert withdrawals and all(s.text != "Goma" for e in withdrawals for s in e.locations)


def test_what_a_side_says_it_does_is_no_incident():
    _, found = _incidents("The rebels have rarely fired on the capital since a truce took effect in May 2024, while "
                          "the army has kept up near-daily strikes in the hills that it says target the rebels' "
                          "fighters.\n")
    assert found == []
    _, found = _incidents("The army says its jets struck a rebel camp in the valley on Tuesday.\n")
    assert len(found) == 1  # what it says it did on a day is an act


def test_a_commander_killed_in_a_strike_is_not_a_second_toll():
    extraction, found = _incidents(
        "The army said it killed a senior militia commander in an air strike on Sirte on Monday evening.\n"
        "Hospital officials said the strike on a house in the city killed six people and wounded 11.\n")
    assert len(found) == 1 and extraction.quantities[found[0].injured].value == 11
    assert extraction.quantities[found[0].killed].value == 6  # the strike's toll, not the one commander


def test_a_country_named_for_its_capital_is_the_capital():
    extraction, found = _incidents("A car bomb exploded outside a hotel in Somalia's capital on Tuesday, killing "
                                   "five people, police said.\n")
    assert len(found) == 1 and _place(extraction, found[0]) == "Mogadishu"


def test_a_groups_martyrdom_operation_is_a_suicide_bombing():
    _, found = _incidents("The militants said one of their fighters carried out a martyrdom operation at an army "
                          "camp in Baidoa on Tuesday, killing 12 soldiers.\n")
    assert [e.acled_sub_event_type for e in found] == ["Suicide bomb"]


def test_a_toll_that_rose_on_a_later_day_leaves_the_act_its_own_day():
    assert _only_day(
        "Toll rises in Odesa\n"
        "The death toll from a Russian attack on Odesa rose to nine on Wednesday, officials said.\n"
        "Two missiles hit a residential block in the city on Monday evening.\n") == "2025-04-14"
    _, found = _incidents("The death toll from the war has risen to more than 40,000 since it began in 2023, the "
                          "ministry said on Tuesday.\n")
    assert found == []  # the war's toll stays background
    # the gap to the act told beside the day of the count
    assert _only_day("Toll rises in Kandahar\n"
                     "The death toll from a car bombing at a market in Kandahar rose to 21 on Wednesday, officials "
                     "said, two days after the attack.\n") == "2025-04-14"


def test_a_night_attack_and_the_evening_it_began_are_one():
    assert _only_day(
        "Gunmen killed nine people in an overnight attack on a village in Benue State, police said on Wednesday.\n"
        "The attackers stormed the village of Yelwata late on Tuesday and opened fire on residents.\n") == "2025-04-15"


def test_a_local_government_area_is_a_place():
    extraction, found = _incidents("Bandits killed six farmers in Bokkos local government area on Tuesday, the "
                                   "police said.\n")
    assert len(found) == 1 and _place(extraction, found[0]) == "Bokkos"


def test_a_nights_possessive_dates_the_act():
    assert _only_day("The toll from Monday night's attack on a camp near Kaga Bandoro rose to eight, aid workers "
                     "said.\n") == "2025-04-14"


def test_a_bombing_told_again_joins_the_bombing_not_the_raid_between():
    extraction, found = _incidents(
        "A suicide bomber killed 14 people at a market in Maiduguri on Tuesday, police said.\n"
        "Soldiers raided suspected militant hideouts in Maiduguri overnight, killing three fighters, the army said.\n"
        "Tuesday's bombing was the deadliest in the city this year.\n")
    bombing = next(e for e in found if e.acled_sub_event_type == "Suicide bomb")
    assert any("deadliest" in span.text for span in bombing.restatements)


def test_resistance_forces_named_by_their_country_are_no_government():
    _, found = _incidents("Myanmar resistance forces said on Tuesday they had captured the town of Hpakant after "
                          "weeks of fighting with junta troops.\n")
    assert [e.acled_sub_event_type for e in found] == ["Non-state actor overtakes territory"]


def test_a_spot_told_in_the_storys_town_is_placed_there():
    extraction, found = _incidents(
        "A drone hit a hospital in Kadugli on Tuesday, killing four patients, medics said.\n"
        "On Monday, shelling of the Abu Jabra camp on the town's eastern edge killed two traders.\n")
    assert [_place(extraction, e) for e in found] == ["Kadugli", "Kadugli"]


def test_a_building_stormed_is_attacked_not_taken():
    _, found = _incidents("The gunmen stormed the rectory of St. Michael's parish in Kafanchan at around 11 p.m. and "
                          "opened fire, the church said.\n")
    assert found and "Non-state actor overtakes territory" not in {e.acled_sub_event_type for e in found}


def test_an_attack_that_killed_and_abducted_is_an_attack():
    _, found = _incidents("Bandits shot dead a village head and abducted nine women in Kankara on Tuesday, police "
                          "said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Attack"]


def test_a_state_named_with_its_unit_word_is_the_state():
    extraction, found = _incidents("Gunmen killed five farmers in Kaduna state on Tuesday, police said.\n")
    assert len(found) == 1 and extraction.places[found[0].place].precision == "admin1"


def test_what_a_means_was_used_to_do_was_done_by_its_user():
    _, found = _incidents("Rebels used armed drones to attack an army post in the town of Tibú on Tuesday, wounding "
                          "four soldiers.\n")
    assert [e.acled_sub_event_type for e in found] == ["Air/drone strike"]
    assert found[0].actor1 is not None and found[0].actor1.text == "Rebels"
    # a means only planned is no act
    _, found = _incidents("Rebels plan to use armed drones to attack army posts near Tibú, the army warned.\n")
    assert found == []


def test_talks_suspended_or_going_on_are_no_agreement():
    _, found = _incidents("The president suspended peace talks with the rebels on Tuesday after the attack.\n")
    assert found == []
    _, found = _incidents("Ceasefire talks between the army and the rebels were continuing in Doha on Tuesday.\n")
    assert found == []


def test_an_act_dated_days_before_the_one_told_first_takes_that_day():
    extraction, found = _incidents(
        "Insurgents attacked an army camp in Timbuktu on Monday, the army said.\n"
        "Three days earlier, insurgents killed 12 soldiers in an ambush near the town of Gao.\n")
    assert sorted(e.time.start.isoformat() for e in found) == ["2025-04-11", "2025-04-14"]


def test_a_fight_told_from_each_side_is_one_incident_though_the_dateline_names_another_city():
    # the third line names no place: the dateline's city it would get says nothing against the town of the second
    _, found = _incidents("Gangs overrun Haitian town, free inmates\n"
                          "PORT-AU-PRINCE, Haiti (AP) — Armed gangs attacked the northern Haitian town of Mirebalais "
                          "on Tuesday, freeing dozens of inmates from its jail and burning houses, officials said.\n"
                          "Police and soldiers fought the gangs for hours before retreating, leaving the town under "
                          "the control of the gang coalition, a local official said.\n")
    assert len(found) == 1


def test_what_a_victim_was_said_to_do_gives_no_weapon_to_the_strike_that_killed_him():
    # the rockets are the commander's work, not the strike's weapon: the army's account is the drone strike's
    _, found = _incidents(
        "BEIRUT (Example News) - An Israeli drone strike on a car in the southern village of Kfar Saboun killed two "
        "men on Tuesday, the health ministry said, the latest strike despite a truce.\n"
        "The Israeli army said it had killed a Hezbollah commander who was \"involved in restoring the group's rocket "
        "arsenal\" in the south.\n")
    assert [e.acled_sub_event_type for e in found] == ["Air/drone strike"]


def test_fighting_that_broke_out_after_an_abduction_is_the_sentences_act_on_its_own_day():
    _, found = _incidents("Clashes broke out in the town of Bani Walid on Sunday after a trader was kidnapped, local "
                          "sources said.\n")
    clash = [e for e in found if e.acled_event_type == "Battles"]
    assert len(clash) == 1 and clash[0].time.start.isoformat() == "2025-04-13"


def test_the_day_a_run_of_attacks_began_is_an_incident_of_that_day():
    _, found = _incidents("Drones struck the fuel depot in Port Sudan on Tuesday, officials said.\n"
                          "The attacks began on Sunday, when drones hit an air base near the city's airport.\n")
    assert sorted(e.time.start.isoformat() for e in found) == ["2025-04-13", "2025-04-15"]


def test_a_states_strike_is_not_joined_to_a_fight_of_unnamed_gunmen():
    _, found = _incidents("Gunmen attacked a checkpoint in the town of Bani Walid on Sunday, killing nine people, "
                          "local sources said.\nIsrael said it had struck several tanks heading towards the town.\n")
    assert len(found) == 2


def test_the_time_of_the_act_an_after_clause_tells_is_not_the_main_acts():
    _, found = _incidents("Russian missiles killed four people in Odesa overnight, officials said on Wednesday.\n"
                          "The strikes came a week after an attack on the city last Tuesday killed 12 people.\n")
    days = sorted(e.time.start.isoformat() for e in found)
    assert len(days) == 2 and days[-1] == "2025-04-16"  # the night's strikes, and the attack of last Tuesday


def test_a_national_interception_tally_over_listed_regions_has_no_place_and_takes_the_launchs_night():
    extraction, found = _incidents("The air force said it had shot down 41 of 60 drones launched by Russia overnight, "
                                   "mostly over the Poltava, Sumy and Chernihiv regions.\n")
    assert [e.acled_sub_event_type for e in found] == ["Disrupted weapons use"]
    assert found[0].place is None
    assert found[0].time is not None and found[0].time.start.isoformat() == "2025-04-16"


def test_heavy_weapons_the_attackers_are_armed_with_are_no_shelling():
    _, found = _incidents("Insurgents armed with heavy weapons attacked a border post in Chitral on Monday, killing "
                          "three guards.\n")
    assert [e.acled_sub_event_type for e in found] == ["Armed clash"]


def test_an_insurgency_that_has_killed_thousands_is_its_running_toll():
    _, found = _incidents("Gunmen killed four farmers near the village of Ancuabe on Monday, police said.\n"
                          "The province has faced an insurgency since 2017 that has killed more than 5,000 people.\n")
    assert len(found) == 1 and "Ancuabe" in found[0].evidence.text


def test_people_killed_in_fighting_died_in_a_clash():
    _, found = _incidents("Seven people were killed in overnight fighting in the Souq al-Juma district of the "
                          "capital, the health ministry said on Tuesday.\n")
    assert [e.acled_sub_event_type for e in found] == ["Armed clash"]


def test_a_camp_held_for_a_few_hours_is_the_attack_not_ground_taken():
    _, found = _incidents("Insurgents attacked the army camp in the town of Arbinda on Monday, killing 20 soldiers.\n"
                          "The group claimed the attack, saying its fighters had taken control of the camp for several "
                          "hours.\n")
    assert len(found) == 1 and found[0].acled_event_type == "Battles"


def test_both_sides_dead_in_one_gunfight_are_one_incident():
    _, found = _incidents("SRINAGAR, India (Example Wire) - Troops killed three militants in a gunfight in the "
                          "Kulgam district of Kashmir on Tuesday, the army said.\nTwo soldiers were killed and four "
                          "wounded in the exchange of fire, the army said in a statement on Wednesday.\n")
    assert len(found) == 1


def test_weapons_the_army_recovered_after_repelling_an_attack_are_part_of_it():
    _, found = _incidents("N'Djamena (Example Wire) -- Chadian soldiers repelled an attack by Boko Haram fighters on a "
                          "base near the town of Bol on Monday, killing 40 assailants.\n"
                          "He said the army had recovered weapons and ammunition left behind by the fighters.\n")
    assert len(found) == 1


def test_what_a_relative_clause_says_a_place_once_went_through_is_no_incident():
    _, found = _incidents("Ukrainian gains could cut the land corridor to the peninsula that Russia annexed from "
                          "Ukraine, analysts said on Tuesday.\n")
    assert found == []


def test_the_toll_of_a_campaign_told_by_participles_is_no_incidents_toll():
    extraction, found = _incidents(
        "A drone fired by the rebels struck a tanker off the coast of Hodeidah on Tuesday, officials said.\n"
        "The rebels have launched dozens of attacks on ships since January, sinking one and killing three sailors.\n")
    assert len(found) == 1 and found[0].killed is None
    assert found[0].actor1 is not None and found[0].actor1.text == "the rebels"


def test_a_deal_refused_is_no_agreement():
    _, found = _incidents("The rebel leader rejected a deal that would hand the town back to the army, a "
                          "spokesman said on Tuesday.\n")
    assert found == []


def test_forces_a_foreign_ministry_calls_its_own_take_ground_they_do_not_regain():
    _, found = _incidents("Russia's Defence Ministry said on Tuesday that its forces had captured the village of "
                          "Yablunivka in Ukraine's Sumy region.\n")
    assert [e.acled_sub_event_type for e in found] == ["Non-state actor overtakes territory"]


def test_an_old_attack_recalled_gives_no_day_to_an_undated_one():
    _, found = _incidents("Police say they downed two drones over the port city\n"
                          "The government blames the rebels for a March 2 attack on a bus that killed 11 people.\n",
                          published=PUBLISHED)
    assert len(found) == 1 and (found[0].time is None or found[0].time.start is None
                                or found[0].time.start.isoformat() != "2025-03-02")


def test_a_riot_told_in_an_after_clause_takes_the_day_of_the_arrests_and_the_toll_told_alone():
    _, found = _incidents("Police arrested 25 people on Tuesday after protesters stormed the town hall in Kragujevac, "
                          "throwing stones at officers.\nSix police officers were injured, the ministry said.\n")
    assert len(found) == 1
    assert found[0].time is not None and found[0].time.start.isoformat() == "2025-04-15"
    assert found[0].injured is not None


def test_a_roundup_whose_place_hangs_on_its_last_verb_is_no_incident_and_dates_its_story():
    _, found = _incidents("Russian attacks killed four civilians and wounded 15 others across Ukraine on Tuesday, "
                          "officials said.\nIn the city of Nikopol, shelling killed a man, the governor said.\n")
    assert len(found) == 1 and "Nikopol" in found[0].evidence.text
    assert found[0].time is not None and found[0].time.start.isoformat() == "2025-04-15"


def test_the_lead_roundups_day_dates_the_strikes_it_sums_up_before_an_earlier_days_strike():
    _, found = _incidents("Air strikes killed 15 people across the Gaza Strip on Tuesday, medics said.\n"
                          "A strike on a house in the Nuseirat camp killed six people, medics said.\n"
                          "On Monday, a strike on a school in Gaza City killed five people.\n")
    days = {e.time.start.isoformat() for e in found if "Nuseirat" in e.evidence.text}
    assert days == {"2025-04-15"}


def test_an_attack_hours_after_another_is_of_its_day():
    _, found = _incidents("A bomb exploded in a market in the town of Bannu on Monday, killing four people.\n"
                          "Hours later, gunmen attacked a police post in the town of Tank, killing two officers.\n")
    assert sorted(e.time.start.isoformat() for e in found) == ["2025-04-14", "2025-04-14"]


def test_a_second_clause_with_its_own_toll_and_place_is_another_incident():
    _, found = _incidents("A strike killed three people in a tent in Deir al-Balah on Tuesday, and two men were "
                          "killed by Israeli fire near a checkpoint in Rafah, medics said.\n")
    assert len(found) == 2


def test_people_killed_by_a_sides_fire_were_shot_not_burned():
    _, found = _incidents("Two farmers were killed by Israeli fire near a checkpoint outside Jenin on Tuesday.\n")
    assert len(found) == 1 and found[0].acled_event_type is not None


def test_the_doer_of_a_closing_participle_is_the_subject_it_follows():
    _, found = _incidents("Islamist militants launched simultaneous attacks on the towns of Gorom and Arbinda on "
                          "Thursday, killing at least 17 soldiers, security sources said.\n")
    assert len(found) == 1 and found[0].actor1 is not None and "militants" in found[0].actor1.text


def test_a_named_community_is_a_place_of_the_attack():
    extraction, found = _incidents("Insurgents killed 14 people in an attack on Gidan Kaura community in Bama Local "
                                   "Government Area of Borno State on Sunday night, residents said.\n")
    assert len(found) == 1
    assert any(span.text == "Gidan Kaura" for span in found[0].locations)


def test_a_toll_that_rose_after_a_dated_attack_keeps_the_attacks_day_and_the_new_count():
    _, found = _incidents("The number of people killed in Russia's April 12 missile attack on the city's railway "
                          "station has risen to six, with 40 others injured, officials reported on April 15.\n")
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-04-12"
    assert found[0].killed is not None


def test_bodies_recovered_days_after_an_attack_are_part_of_it():
    _, found = _incidents("Gunmen killed 30 villagers in an attack on the village of Yelwata on Thursday night, "
                          "officials said.\nA local leader said more bodies were recovered from the bush on "
                          "Saturday.\n")
    assert len(found) == 1


def test_a_time_fronted_in_what_officials_said_dates_the_act():
    _, found = _incidents("On Monday, shelling killed a woman in the village of Bilozerka, officials said.\n")
    assert len(found) == 1 and found[0].time.start.isoformat() == "2025-04-14"


def test_an_act_a_days_gap_before_a_strike_is_an_incident_of_its_own():
    _, found = _incidents("Israeli jets struck a depot near Tyre on Tuesday, a day after a rocket fired from Lebanon "
                          "killed a farmer in the town of Metula.\n")
    assert sorted(e.time.start.isoformat() for e in found) == ["2025-04-14", "2025-04-15"]


def test_an_act_told_a_gap_before_the_incident_it_follows_is_dated_by_the_gap():
    _, found = _incidents("A roadside bomb killed three soldiers near the town of Lasa on Tuesday, officials said.\n"
                          "The explosion came three days after a drone hit a funeral gathering in the same district, "
                          "injuring five people, according to witnesses.\n")
    assert sorted(e.time.start.isoformat() for e in found) == ["2025-04-12", "2025-04-15"]


def test_the_death_a_crowd_rioted_over_is_not_the_riots_toll():
    extraction, found = _incidents("A crowd set fire to the police post in the town of Kema on Monday after a "
                                   "trader died in a cell, residents said.\n")
    assert len(found) == 1 and found[0].acled_event_type == "Riots"
    assert found[0].killed is None
    assert found[0].actor1 is not None and found[0].actor1.text == "crowd"


def test_the_dead_of_the_fighting_for_a_town_are_the_recaptures_toll():
    extraction, found = _incidents("Government forces recaptured the town of Mera from the rebels on Monday, the army "
                                   "said.\nFour soldiers and at least nine rebels were killed in the fighting, the "
                                   "army said.\n")
    assert len(found) == 1 and found[0].acled_sub_event_type == "Government regains territory"
    assert extraction.quantities[found[0].killed].value == 13


def test_the_dead_of_air_strikes_during_the_fighting_are_not_the_captures_toll():
    extraction, found = _incidents("Rebels captured the town of Mera on Monday after days of fighting, a spokesman "
                                   "said.\nResidents said at least 20 civilians had been killed in air strikes on the "
                                   "town during the fighting.\n")
    capture = next(e for e in found if e.acled_sub_event_type == "Non-state actor overtakes territory")
    assert capture.killed is None


def test_the_toll_of_a_war_told_in_a_relative_clause_is_no_incident():
    _, found = _incidents("Gunmen killed four farmers in the village of Dawa on Monday, police said.\nThe region has "
                          "been calm since a 2019 truce ended a long civil war that killed some 300,000 people.\n")
    assert len(found) == 1 and found[0].killed is not None


def test_a_contrasting_total_beside_a_period_since_then_is_no_incident():
    _, found = _incidents("Soldiers killed two men at a checkpoint near the town of Besa on Monday.\nUnrest has grown "
                          "since the uprising began in 2022. At least 700 people have been killed in the province "
                          "since then, while rebel attacks have killed dozens of soldiers.\n")
    assert len(found) == 1


def test_an_act_in_a_when_clause_the_parser_broke_takes_the_main_clauses_day():
    assert _only_day("Six people were hurt on Tuesday when an explosive device attached to a motorbike detonated in "
                     "front of the police station in the town of Tamo, the mayor's office said.\n") == "2025-04-15"


def test_a_weapons_nationality_after_a_dateline_names_the_doer():
    _, found = _incidents("BELGOROD, Russia (AP) - Ukrainian drones hit a power substation near the border on Sunday, "
                          "the governor said.\n")
    assert [(e.acled_sub_event_type, e.actor1.text if e.actor1 else None) for e in found] == [
        ("Air/drone strike", "Ukrainian")]


def test_a_march_police_broke_up_with_gas_told_in_the_first_joined_clause_took_place():
    """"fired tear gas and detained dozens to break up a march": the gas is told in the clause before the one the
    purpose hangs on, and the march it broke up still happened."""
    _, found = _incidents("Police fired tear gas and arrested scores of students on Tuesday to break up a rally in "
                          "Dodoma by a union protesting higher fees.\n")
    assert [e.acled_sub_event_type for e in found] == ["Protest with intervention"]


def test_an_accusation_made_for_years_is_no_incident():
    """"have long accused X of abducting": the saying is the act, and it is a stance held over time."""
    _, _, extraction = extracted("Soldiers shot dead two farmers near the town of Wau on Monday, residents said.\n"
                                 "Local groups have long accused the security forces of abducting students in "
                                 "Lakes province, which the army denies.\n", PUBLISHED)
    assert [e.trigger.text for e in extraction.events if not e.generic] == ["shot"]


def test_where_survivors_fled_is_not_where_people_were_killed():
    _, found = _incidents("Five people were killed in the fighting and hundreds of families fled toward Bunia, a "
                          "village chief said.\n")
    assert all(e.locations == [] for e in found) and found


def test_a_toll_a_source_added_belongs_to_the_act_it_said_with_its_place_and_doer():
    """"X struck Y, the ministry said, adding that 14 people were killed": the toll's clause names no place or doer;
    the act said before it does."""
    extraction, found = _incidents("The air force carried out strikes on a market in the town of Kutum overnight, "
                                   "the rebel-run health office said on Tuesday, adding that 14 people were killed "
                                   "and 30 hurt.\n")
    assert [(e.trigger.text, e.actor1.text if e.actor1 else None, _place(extraction, e)) for e in found] == [
        ("killed", "The air force", "Kutum")]


def test_an_act_told_before_anothers_in_a_past_period_is_of_that_period():
    """"Last month, the group seized two villages before troops retook them": the retaking has no time of its own and
    falls in last month, background to a story of today."""
    _, found = _incidents("Rebels ambushed a convoy near the town of Wau on Tuesday, killing four soldiers, the army "
                          "said.\nLast month, the rebels briefly seized two villages in the area before troops "
                          "retook them.\n")
    assert [e.acled_sub_event_type for e in found] == ["Armed clash"] or [e.trigger.text for e in found] == ["ambushed"]


def test_attackers_killed_fell_on_the_day_of_their_attack():
    """"said on Tuesday it had killed 50 fighters who attacked a base on Sunday": they fell on Sunday; fighters who
    had attacked before tell who they were, not when they fell."""
    assert _only_day("The army said on Wednesday it had killed about 50 fighters who attacked an outpost near the "
                     "town of Tessit on Monday.\n") == "2025-04-14"
    assert _only_day("The army said on Wednesday it had killed about 50 fighters who had attacked an outpost near the "
                     "town of Tessit on Monday.\n") != "2025-04-14"


@pytest.mark.parametrize("count", ["Dozens", "A group", "Hundreds"])
def test_doers_a_subject_counts_are_the_doers(count):
    _, found = _incidents(f"{count} of Israeli settlers attacked the village of Burin on Monday night, burning two "
                          "cars, residents said.\n")
    assert [e.actor1.text if e.actor1 else None for e in found] == ["Israeli settlers"]


@pytest.mark.parametrize("subject, doer", [("Members of the Red Ridge militia", "the Red Ridge militia"),
                                            ("Gang members", "Gang members"),
                                            ("A breakaway faction of the rebel group", "the rebel group")])
def test_members_of_a_force_are_that_force(subject, doer):
    _, found = _incidents(f"{subject} opened fire on residents of the village of Karu on Monday, killing six people, "
                          "police said.\n")
    assert [e.actor1.text if e.actor1 else None for e in found] == [doer]


def test_people_being_moved_when_their_vehicle_was_hit_place_and_date_the_strike():
    """"struck a bus carrying civilians being evacuated from the town of X on Monday morning": where and when the
    people on board were is the strike's place and day, told in a passive participle."""
    extraction, found = _incidents("A Russian drone hit a van carrying residents being evacuated from the village of "
                                   "Kupiansk on Monday morning, killing four people, officials said.\n")
    assert len(found) == 1
    assert _place(extraction, found[0]) == "Kupyansk"  # the gazetteer's spelling
    assert found[0].time.start.isoformat() == "2025-04-14"


def test_our_forces_in_a_spokesmans_quote_are_the_body_he_speaks_for():
    """"'Our forces liberated X,' the rebels' spokesman wrote": the rebels' capture told in their own words, one
    incident with the report's, not a government's retaking."""
    _, found = _incidents("M23 rebels took control of the town of Kitshanga in North Kivu province on Tuesday after "
                          "the army withdrew, residents said.\n\n\"Our forces liberated Kitshanga to protect "
                          "civilians,\" M23 spokesman Willy Ngoma wrote on X.\n")
    assert [e.actor1.text if e.actor1 else None for e in found] == ["M23 rebels"]


def test_a_shoot_down_told_with_its_launch_is_placed_where_the_weapon_was_aimed():
    extraction, found = _incidents("The rebels said on Tuesday they had fired a rocket at the airport near Kassala, "
                                   "and the army said it had intercepted a rocket launched from the south.\n")
    assert [e.acled_sub_event_type for e in found] == ["Disrupted weapons use"]
    assert _place(extraction, found[0]) == "Kassala"


def test_the_force_named_on_a_weapon_is_its_doer_and_the_forces_account_joins_it():
    """"A Chadian military drone bombed …" then "The army said the drone … had hit the market by mistake": the doer is
    the Chadian military, and the army's account is the same strike."""
    _, found = _incidents("A Chadian military drone bombed a cattle market in the village of Bao on Sunday night, "
                          "killing at least 20 civilians, a rights group said.\n\nThe army said the drone had been on "
                          "a mission against bandits and that it had hit the market by mistake.\n")
    assert [e.actor1.text if e.actor1 else None for e in found] == ["Chadian military"]


def test_the_attackers_claim_of_posts_taken_in_a_fight_beaten_off_is_that_fight():
    """One side says it repelled an attack near a town; the attackers say they took posts "south of the city": one
    fight told from both sides, not a second, unplaced capture."""
    _, found = _incidents("The army said on Friday it had repelled an attack by the paramilitary Rapid Support Forces "
                          "on the outskirts of Kadugli, killing dozens of the attackers.\n\nThe RSF said its "
                          "fighters had captured three army posts south of the city.\n",
                          datetime(2025, 4, 18))
    assert [e.acled_sub_event_type for e in found] == ["Armed clash"]


def test_a_body_that_speaks_for_itself_stays_the_doer():
    """"Chad's army said it had killed …": the army is the doer, not the country it belongs to (only a person speaks
    for a body: "M23 spokesman Y")."""
    _, found = _incidents("Chad's army said on Tuesday it had killed about 40 militants who attacked a military camp "
                          "near the town of Bol on Sunday.\n")
    assert [e.actor1.text if e.actor1 else None for e in found] == ["Chad's army"]


def test_a_structure_described_by_a_passive_participle_places_and_dates_the_strike():
    """"struck a school used as a shelter in the town of X on Monday", "a tent used by displaced families near the
    hospital in X": where the structure stands, and the day told with it, are the strike's."""
    extraction, found = _incidents("A drone struck a school used as a shelter in the town of Jabalia on Monday, "
                                   "killing six people, medics said.\n")
    assert [(_place(extraction, e), e.time.start.isoformat()) for e in found] == [("Jabālyā", "2025-04-14")]
    extraction, found = _incidents("An air strike on a tent used by displaced families near the Nasser hospital in "
                                   "Khan Younis killed four people on Monday night, medics said.\n")
    assert [_place(extraction, e) for e in found] == ["Khān Yūnis"]  # the gazetteer's spelling


def test_a_subject_the_parse_split_in_two_is_one_doer():
    """"Sudan's paramilitary Rapid Support Forces shelled …" parsed with two subjects: the doer is the named force, not
    the adjective before it."""
    _, found = _incidents("Sudan's paramilitary Rapid Support Forces shelled a market in the town of Tawila on Friday, "
                          "killing nine people, medics said.\n")
    assert [e.actor1.text if e.actor1 else None for e in found] == ["Rapid Support Forces"]


def test_doers_counted_right_after_a_dateline_are_the_doers():
    """"NABLUS, West Bank (Reuters) - Dozens of settlers attacked …": the capital "Dozens" is a proper noun to the
    parse, its own lemma; still a count of the doers."""
    _, found = _incidents("NABLUS, West Bank (Reuters) - Dozens of Israeli settlers attacked the village of Burin on "
                          "Monday night, burning two cars, residents said.\n")
    assert [e.actor1.text if e.actor1 else None for e in found] == ["Israeli settlers"]


def test_troops_who_dispersed_the_crowd_after_an_attack_ended_that_attack():
    """"troops were sent to the village and dispersed the crowd" after settlers attacked it: the attack's end, no
    demonstration of its own (a crowd of protesters dispersed stays a protest)."""
    _, found = _incidents("Dozens of Israeli settlers attacked the village of Burin on Monday night, setting fire to "
                          "cars and wounding three residents, medics said.\n\nThe military said troops were sent to "
                          "the village and dispersed the crowd.\n")
    assert [e.acled_sub_event_type for e in found] == ["Attack"]
    _, found = _incidents("Hundreds of people protested outside the governor's office in Jenin on Monday over power "
                          "cuts.\n\nPolice fired tear gas and dispersed the crowd.\n")
    assert "Attack" not in [e.acled_sub_event_type for e in found] and any(
        e.acled_event_type == "Protests" for e in found)


@pytest.mark.parametrize("told", ["the ministry said, hours after", "hours after"])
def test_an_earlier_attack_hung_on_the_main_verb_is_its_own_incident(told):
    """"Jets struck targets in Iraq …, hours after an attack on a factory near X killed four people": the parse hangs
    "killed" on "struck"; the attack near X is an incident of its own, and neither its toll nor its town is the
    strike's."""
    extraction, found = _incidents(f"Turkish jets struck 20 militant targets in northern Iraq on Wednesday night, "
                                   f"{told} an attack on a factory near Kayseri killed four people.\n")
    assert sorted((e.acled_sub_event_type, _place(extraction, e)) for e in found) == [
        ("Air/drone strike", "Iraq"), ("Attack", "Kayseri")]
    strike = next(e for e in found if e.acled_sub_event_type == "Air/drone strike")
    assert strike.killed is None


def test_a_crackdown_on_protesters_marking_an_anniversary_is_of_its_own_day():
    """"shot dead three on Monday as they fired live rounds to disperse protesters who had gathered to mark the
    anniversary of last year's demonstrations": last year owns the demonstrations remembered; the shooting is of
    Monday, the day of the clause the purpose serves."""
    assert _only_day("Police shot dead three people on Monday as they fired live rounds to disperse protesters who had "
                     "gathered in the city centre to mark the anniversary of last year's demonstrations, a rights "
                     "group said.\n") == "2025-04-14"


def test_damage_no_one_is_named_for_after_a_protest_is_part_of_it():
    _, found = _incidents("Police fired tear gas at hundreds of people protesting over fuel prices in the town of "
                          "Kisii on Monday, witnesses said.\n\nSeveral shops were looted.\n")
    assert [e.acled_sub_event_type for e in found] == ["Protest with intervention"]


def test_a_person_arrested_told_again_by_name_is_one_arrest():
    _, found = _incidents("Police arrested opposition leader Amina Juma on Wednesday after a rally in the town of "
                          "Songea, her party said.\n\nPolice said Juma was detained for inciting the public and would "
                          "appear in court.\n")
    assert [e.acled_sub_event_type for e in found] == ["Arrests"]


def test_where_a_defused_device_was_found_is_where_it_was_defused():
    extraction, found = _incidents("Soldiers defused a bomb found near a bridge in the town of Kidal on Monday, the "
                                   "army said.\n")
    assert [_place(extraction, e) for e in found] == ["Kidal"]


def test_a_headline_of_no_family_gives_way_to_the_body_that_tells_its_act():
    """"Soldiers defuse bomb near bridge" over the body's defusal: the body's sentence, with its town, is the entry."""
    extraction, found = _incidents("Soldiers defuse bomb near bridge\n\nGAO, Mali (Reuters) - An army bomb squad "
                                   "defused an explosive device found near a bridge in the town of Kidal on Monday "
                                   "morning, the army said.\n")
    assert [(e.evidence.text[:20], _place(extraction, e)) for e in found] == [("An army bomb squad d", "Kidal")]


def test_what_the_attackers_did_after_an_attack_of_no_named_doer_is_part_of_it():
    """"Armed men killed 12 … The attackers burned houses and fled": "the attackers" are that attack's doers, whoever
    they were, so the burning is part of it."""
    _, found = _incidents("Armed men killed 12 people in an overnight raid on the village of Kwall on Monday, a local "
                          "leader said.\n\nThe attackers burned houses and fled before security forces arrived, the "
                          "leader said.\n")
    assert [e.acled_sub_event_type for e in found] == ["Attack"]


def test_a_time_owning_the_object_of_the_acts_own_verb_still_dates_the_act():
    """"after protests over the war disrupted last year's ceremony" (the parse hangs "disrupted" on "protests"): last
    year is when the protests were, so they are background, not an incident of the report's day."""
    _, found = _incidents("Organisers said security had been tightened after protests over the war in Sudan "
                          "disrupted last year's ceremony.\n")
    assert found == []


def test_a_time_on_the_verb_itself_dates_its_act_over_a_clause_under_it():
    """"A ceasefire agreed in 2019 had mostly held until this month" (parsed with "held" under "agreed"): it is of
    2019, background to the story, whatever the clause under it tells of this month."""
    _, found = _incidents("Rebels shelled the town of Kaya on Tuesday, killing two people, residents said.\n"
                          "A ceasefire agreed in 2019 had mostly held until this month.\n")
    assert [e.acled_sub_event_type for e in found] == ["Shelling/artillery/missile attack"]


def test_where_a_road_leads_is_not_where_on_it_the_act_happened():
    extraction, found = _incidents("Gunmen kidnapped two truck drivers on the highway to Kaduna on Monday, police in "
                                   "Zaria said.\n")
    assert found and all(_place(extraction, e) != "Kaduna" for e in found), [_place(extraction, e) for e in found]
