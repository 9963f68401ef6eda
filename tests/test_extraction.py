"""Mentions, event assembly and the whole extraction on news sentences written for these tests."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conftest import extracted
from warlog.extract.event_roles import belligerent_side, side_of
from warlog.extract.mentions import extract_mentions
from warlog.extract.nlp import get_nlp
from warlog.store import Store


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def _extract(text: str, published: datetime | None = None):
    return extracted(text, published)


def test_weapons_units_and_defined_acronyms(nlp):
    text = ("Russia fired Kh-101 cruise missiles and Shahed drones overnight, while the 47th Mechanized Brigade "
            "kept its ground, the Institute for the Study of War (ISW) reported. In its report the ISW noted "
            "that glide bombs were used as well.")
    mentions = extract_mentions(nlp(text), base=10)
    by_text = {m.span.text: m for m in mentions}
    assert by_text["Kh-101 cruise missiles"].label == "WEAPON"
    assert any(m.label == "WEAPON" and m.span.text.startswith("Shahed") for m in mentions)
    assert "glide bombs" in by_text and by_text["glide bombs"].label == "WEAPON"
    assert any(m.label == "UNIT" and "Brigade" in m.span.text for m in mentions)
    isw = [m for m in mentions if m.span.text == "ISW"]
    assert isw and isw[0].canonical == "the Institute for the Study of War"
    for mention in mentions:
        assert text[mention.span.start - 10:mention.span.end - 10] == mention.span.text


def test_person_role_affiliation_and_later_reference(nlp):
    text = ("Polish foreign minister Radoslaw Sikorski said the embassy would stay open. "
            "Mr Sikorski added that talks would continue.")
    people = [m for m in extract_mentions(nlp(text)) if m.label == "PERSON"]
    full, later = people[0], people[-1]
    assert full.span.text == "Radoslaw Sikorski"
    assert full.role == "foreign minister" and full.affiliation == "Polish"
    assert later.span.text.endswith("Sikorski") and later.canonical == "Radoslaw Sikorski"
    assert later.role == "foreign minister"


def test_strike_event_with_actor_place_date_and_casualties():
    text = ("Drone strike on Odesa\n"
            "A Russian drone struck an apartment block in Odesa on Monday, killing two people and injuring eight, "
            "the regional governor said.\n")
    document, _, extraction = _extract(text, published=datetime(2025, 3, 5))
    strikes = [e for e in extraction.events if e.acled_sub_event_type == "Air/drone strike" and not e.generic]
    assert strikes, [e.acled_sub_event_type for e in extraction.events]
    event = strikes[0]
    assert event.actor1 is not None and event.actor1.text == "Russian"
    assert [s.text for s in event.locations] == ["Odesa"]
    assert event.time is not None and event.time.start == date(2025, 3, 3)
    assert extraction.quantities[event.killed].value == 2
    assert extraction.quantities[event.injured].value == 8
    assert event.weapon is not None and "drone" in event.weapon.text
    assert event.claim is not None and extraction.claims[event.claim].speaker_text
    for span in (event.evidence, event.trigger, event.actor1, event.weapon, *event.locations):
        assert document.text[span.start:span.end] == span.text


def test_belligerent_claim_of_territory_is_marked():
    text = ("Frontline update\n"
            "Moscow claimed on Tuesday that it had captured the village of Novoselivka in the east.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 5))
    taken = [e for e in extraction.events if e.plover_type == "ASSAULT" and e.plover_mode == "territory"]
    assert taken
    assert taken[0].actor1 is not None and taken[0].actor1.text == "Moscow"
    assert taken[0].claimed_by_belligerent
    assert taken[0].time is not None and taken[0].time.start == date(2025, 6, 3)


def test_background_sentences_are_generic():
    text = ("Analysis\n"
            "Rebel gunners have shelled the town again and again since the siege began, and it has stayed a "
            "favourite target of rocket fire.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 5))
    assert extraction.events and all(e.generic for e in extraction.events)


def test_ingest_stores_extraction_with_spans(example_path, sqlite_url):
    from warlog.pipeline import ingest
    from warlog.sources import ReadOptions

    with Store(sqlite_url) as store:
        results = ingest([str(example_path)], store, ReadOptions(published=datetime(2024, 11, 3)))
        assert results[0].status == "stored" and results[0].claims > 0 and results[0].events > 0
        text = store.document(results[0].document_id)["clean_text"]
        claims = store.rows("claims")
        events = store.rows("events")
        quantities = store.rows("quantities")
    assert len(claims) == results[0].claims and len(events) == results[0].events
    for claim in claims:
        assert text[claim["content_start"]:claim["content_end"]] == claim["content"]
        if claim["speaker_start"] is not None:
            assert claim["speaker"]
    for event in events:
        assert event["evidence_start"] < event["evidence_end"]
        assert text[event["trigger_start"]:event["trigger_end"]]
    for quantity in quantities:
        assert text[quantity["start"]:quantity["end"]] == quantity["text"]


def test_named_regions_the_model_misses(nlp):
    text = "Reinforcements travelled from Primorsky Krai via the Belgorod region before reaching Zaporizhzhia Oblast."
    regions = {m.span.text for m in extract_mentions(nlp(text)) if m.label == "LOC"}
    assert {"Primorsky Krai", "Zaporizhzhia Oblast"} <= regions
    assert any(r.endswith("Belgorod region") for r in regions) or "Belgorod" in {
        m.span.text for m in extract_mentions(nlp(text))}


def test_incident_sentence_gives_the_place_of_the_event_before_it():
    text = ("Clash near the border\n"
            "Ukrainian troops attacked a Russian convoy on Thursday, the army said. "
            "The attack took place in the Belgorod region, it added.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 7))
    attacks = [e for e in extraction.events if e.plover_type == "ASSAULT" and not e.generic]
    assert attacks
    assert any("Belgorod" in place.text for place in attacks[0].locations)


def test_weapon_named_in_a_later_sentence_goes_to_the_strike():
    text = ("Strike on Dnipro\n"
            "A Russian missile strike on Dnipro killed four people on Friday, the governor said. "
            "Iskander missiles had been used in the attack, the air force said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 7))
    strikes = [e for e in extraction.events if e.plover_type == "ASSAULT" and not e.generic]
    assert strikes and strikes[0].weapon is not None and "Iskander" in strikes[0].weapon.text
    assert not any(e.trigger.text.lower() == "used" for e in extraction.events)


def test_infinitives_and_purpose_clauses_are_not_incidents():
    text = ("Troops sent\n"
            "Belarus has sent engineers to the border to help fortify positions, and Moscow has offered to "
            "shell the bridge, officials said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 7))
    assert all(e.generic for e in extraction.events if e.plover_type == "ASSAULT")


# -- one incident, one event: restatements within a post -------------------------------------------


def _incidents(extraction, family: str = "ASSAULT"):
    return [e for e in extraction.events if e.plover_type == family and not e.generic]


def test_later_sentence_restating_a_strike_fills_its_casualties_and_keeps_its_evidence():
    text = ("Port hit overnight\n"
            "Russian drones struck the port of Izmail overnight, the regional governor said on Tuesday. "
            "Falling debris from the attack injured three dock workers and damaged a grain terminal, he added.\n")
    document, _, extraction = _extract(text, published=datetime(2025, 4, 8))
    strikes = _incidents(extraction)
    assert len(strikes) == 1, [(e.trigger.text, e.acled_sub_event_type) for e in extraction.events]
    strike = strikes[0]
    assert strike.acled_sub_event_type == "Air/drone strike"
    assert strike.injured is not None and extraction.quantities[strike.injured].value == 3
    assert [s.text for s in strike.locations] == ["Izmail"]
    assert len(strike.restatements) == 1 and "debris" in strike.restatements[0].text
    for span in (strike.evidence, *strike.restatements):
        assert document.text[span.start:span.end] == span.text


def test_an_indefinite_attack_in_another_city_is_a_new_incident():
    text = ("Strikes in the south\n"
            "A Russian missile hit a warehouse in Odesa on Monday, killing two people, the governor said. "
            "In Kharkiv, a drone attack on a school injured four people, officials said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 4, 8))
    strikes = _incidents(extraction)
    assert len(strikes) == 2, [e.evidence.text for e in strikes]
    assert {loc.text for e in strikes for loc in e.locations} == {"Odesa", "Kharkiv"}
    assert all(not e.restatements for e in strikes)


def test_strikes_on_different_days_are_not_merged():
    text = ("Kherson shelled\n"
            "Russian artillery shelled Kherson on Friday, killing one man. "
            "The city was shelled again on Sunday, wounding two women, the military administration said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 2, 11))
    strikes = _incidents(extraction)
    assert len(strikes) == 2
    assert sorted(e.time.start for e in strikes) == [date(2025, 2, 7), date(2025, 2, 9)]


def test_an_incident_without_a_time_phrase_happened_on_or_before_the_post():
    text = ("Frontline\n"
            "Ukrainian artillery shelled Russian positions near Pokrovsk, the army said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 5, 20))
    events = [e for e in extraction.events if not e.generic]
    assert events
    time = events[0].time
    assert time is not None and time.precision == "before" and time.end == date(2025, 5, 20)
    assert time.start is None and not time.resolved and time.span.text == ""


def test_an_undated_post_gives_no_date_bound():
    text = ("Frontline\n"
            "Ukrainian artillery shelled Russian positions near Pokrovsk, the army said.\n")
    _, _, extraction = _extract(text)
    assert all(e.time is None for e in extraction.events)


def test_a_runoff_vote_is_an_election_filed_under_strategic_developments():
    text = ("Runoff in Romania\n"
            "Romanians go to the polls on Sunday for a presidential runoff pitting a nationalist against a "
            "centrist mayor.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 5, 18))
    votes = [e for e in extraction.events if e.plover_type == "ELECTION"]
    assert len(votes) == 1
    vote = votes[0]
    assert (vote.acled_event_type, vote.acled_sub_event_type) == ("Strategic developments", "Other")
    assert vote.plover_mode == "presidential" and not vote.generic
    assert vote.time is not None and vote.time.start == date(2025, 5, 18) and vote.time.precision == "day"
    assert vote.target is None  # "on Sunday" says when, not whom
    assert vote.place is not None and extraction.places[vote.place].country_code == "RO"  # from the headline
    assert extraction.places[vote.place].precision == "country"


def test_violence_around_a_vote_is_typed_as_violence_not_as_an_election():
    text = ("Unrest\n"
            "Protesters clashed with police ahead of the parliamentary election in the capital on Friday.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 5, 18))
    assert extraction.events and all(e.plover_type != "ELECTION" for e in extraction.events)


def test_prisoner_exchange_names_both_sides_and_a_later_swap_refers_back():
    text = ("Prisoner swaps go on\n"
            "Russia and Ukraine have regularly exchanged prisoners since the invasion. "
            "The most recent swap came in early September, when each side freed a dozen detainees.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 10, 2))
    exchanges = [e for e in extraction.events if e.plover_type == "AGREE" and e.plover_mode == "exchange"]
    assert len(exchanges) == 2
    background, latest = exchanges
    assert background.generic and not latest.generic
    assert {background.actor1.text, background.actor2.text} == {"Russia", "Ukraine"}
    assert (latest.actor1, latest.actor2) == (background.actor1, background.actor2)
    assert latest.acled_sub_event_type == "Agreement"
    assert latest.time is not None and latest.time.start.month == 9 and latest.time.precision == "month"


def test_troop_deployments_of_one_post_are_one_mobilisation_with_all_their_places():
    text = ("Troops on the move\n"
            "Belarus has deployed some 4,000 soldiers from Minsk towards the Ukrainian frontier, the border service "
            "said. "
            "The troops are now stationed near Mozyr, according to satellite images.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 3, 1))
    moves = [e for e in extraction.events if e.plover_type == "MOBILIZE" and not e.generic]
    assert len(moves) == 1
    assert moves[0].acled_event_type == "Strategic developments"
    assert {"Minsk", "Mozyr"} <= {s.text for s in moves[0].locations}


def _attack(text: str):
    _, _, extraction = _extract(text, published=datetime(2025, 3, 5))
    events = [e for e in extraction.events if e.plover_type == "ASSAULT" and not e.generic]
    assert events, [(e.plover_type, e.trigger.text) for e in extraction.events]
    return extraction, events[0]


@pytest.mark.parametrize(("text", "place", "precisions"), [
    ("Russia launched a missile strike on the southern city of Odesa overnight.", "Odesa", {"city"}),
    ("Drones hit the port of Izmail before dawn, wounding two dock workers.", "Izmail", {"city", "point"}),
    ("Russian troops stormed positions in the eastern town of Chasiv Yar on Tuesday.", "Chasiv Yar",
     {"city", "point"}),
    ("Ukrainian drones struck a fuel depot in the Russian region of Bryansk.", "Bryansk", {"admin1"}),
    ("Russia pounded the Zaporizhzhia region with glide bombs, killing a farmer.", "Zaporizhzhia region",
     {"admin1"}),
])
def test_a_place_noun_introduces_the_place_of_the_attack(text, place, precisions):
    """"the southern city of X", "the port of X", "the town of X", "the Russian region of X", "the X region": the
    place is X whatever the model labelled it, at the level the noun says; the adjective is no place."""
    extraction, event = _attack(text)
    assert [s.text for s in event.locations] == [place]
    assert event.place is not None and extraction.places[event.place].precision in precisions
    assert not any(m.span.text.startswith("Russian ") for m in extraction.mentions if m.label in ("GPE", "LOC"))


@pytest.mark.parametrize(("text", "target"), [
    ("Russian missiles hit the capital Kyiv early on Monday, injuring nine people.", "the capital Kyiv"),
    ("Russian forces shelled the city of Kherson on Saturday.", "the city of Kherson"),
    ("Moscow launched a drone attack on the northern city of Chernihiv overnight.", "the northern city of Chernihiv"),
])
def test_an_attacked_place_noun_keeps_its_name_as_target(text, target):
    """The noun alone ("the city") names no target; nor is an attack the target of the verb that launched it."""
    _, event = _attack(text)
    assert event.target is not None and event.target.text == target


@pytest.mark.parametrize(("text", "actor", "side"), [
    ("Armed North Korean troops clashed with South Korean border guards inside the demilitarised zone.",
     "North Korean troops", "North Korea"),
    ("Russian-backed forces attacked a checkpoint near Horlivka on Monday.", "Russian-backed forces", "Russia"),
    ("Ukrainian border guards shot down a drone near the northern city of Chernihiv.", "Ukrainian border guards",
     "Ukraine"),
])
def test_actor_is_the_force_and_its_nationality_gives_the_side(text, actor, side):
    _, event = _attack(text)
    assert event.actor1 is not None and event.actor1.text == actor
    assert belligerent_side(event.actor1.text) == side


def test_side_of_a_phrase_reads_the_nationality_inside_it():
    assert side_of("the heavily armed Belarusian troops") == "Belarus"
    assert side_of("pro-Russian separatists") == "Russia"
    assert side_of("anti-Russian protesters") is None
    assert side_of("the U.S. military") == "United States"
    assert side_of("local volunteers") is None
    assert side_of("Iranian-made drones") is None  # where a weapon comes from is not who fired it


def test_an_affiliated_force_reported_by_its_own_side_is_a_belligerent_claim():
    """"X-backed fighters" act for X, so X's ministry reporting their assault claims its own operation."""
    _, event = _attack("The Russian defence ministry said Russian-backed fighters had stormed a village near Kupiansk.")
    assert event.actor1 is not None and event.actor1.text == "Russian-backed fighters"
    assert event.claimed_by_belligerent


def test_forces_owned_by_a_pronoun_are_the_speakers():
    """"Moscow said its forces struck …": the doer is the speaker, not the words "its forces"."""
    _, event = _attack("Moscow said its forces struck the port of Izmail with missiles on Friday.")
    assert event.actor1 is not None and event.actor1.text == "Moscow"
    assert event.target is not None and event.target.text == "the port of Izmail"
    assert event.claimed_by_belligerent


def test_an_attack_noun_is_no_actor_its_nationality_is_and_a_cut_place_name_stays_whole():
    _, event = _attack("Russian shelling of the Mykolaiv region killed a tractor driver on Thursday.")
    assert event.actor1 is not None and event.actor1.text == "Russian"
    assert [s.text for s in event.locations] == ["Mykolaiv region"]
    _, event = _attack("Russian troops struck Sumy oblast overnight, wounding three.")
    assert event.target is not None and event.target.text == "Sumy oblast"


def test_an_armed_group_in_a_later_paragraph_is_its_own_event_and_keeps_its_places():
    """Places come from the event's own sentence: a clash with other parties elsewhere is no restatement."""
    text = ("Saudi air raids killed nine people in northern Yemen, medics said.\n\n"
            "Insurgents attacked an army base near Maiduguri, and fighting went on for hours.")
    _, _, extraction = _extract(text, published=datetime(2025, 3, 5))
    events = [e for e in extraction.events if e.plover_type == "ASSAULT" and not e.generic]
    assert len(events) == 2, [(e.trigger.text, [s.text for s in e.locations]) for e in events]
    raids, insurgents = events
    assert [s.text for s in raids.locations] == ["Yemen"]
    assert insurgents.actor1 is not None and insurgents.actor1.text == "Insurgents"
    assert [s.text for s in insurgents.locations] == ["Maiduguri"]


@pytest.mark.parametrize(("text", "target"), [
    ("Hezbollah fired around 40 rockets at Haifa on Saturday, the Israeli army said.", "Haifa"),
    ("Russia launched a swarm of drones against Kyiv overnight, Ukraine's air force said.", "Kyiv"),
])
def test_what_was_fired_is_no_target_and_the_speakers_country_is_no_place(text, target):
    _, event = _attack(text)
    assert event.target is not None and event.target.text == target
    assert [s.text for s in event.locations] == [target]


def test_towns_aimed_at_or_joined_to_a_place_are_places_but_people_stay_people():
    from warlog.extract.nlp import get_nlp

    nlp = get_nlp()
    aimed = nlp("The army fired rockets towards Zaporizhzhia and Nikopol late on Sunday, officials said.")
    labels = {e.text: e.label_ for e in aimed.ents}
    assert labels.get("Zaporizhzhia") == "GPE" and labels.get("Nikopol") == "GPE"
    people = nlp("The senator campaigned hard against Trump in the spring.")
    assert all(e.label_ != "GPE" for e in people.ents if e.text == "Trump")
    for sentence, town in (("Russian missiles hit Kharkiv on Sunday.", "Kharkiv"),
                           ("Ukrainian drones attacked Belgorod overnight, the governor said.", "Belgorod")):
        assert town in {e.text for e in nlp(sentence).ents if e.label_ == "GPE"}, sentence
    criticised = nlp("The senator attacked Jackson in a long speech on Tuesday.")
    assert all(e.label_ != "GPE" for e in criticised.ents if e.text == "Jackson")


def _non_generic(text: str):
    _, _, extraction = _extract(text, published=datetime(2025, 3, 5))
    return extraction, [e for e in extraction.events if not e.generic]


def test_an_unattributed_strike_inherits_the_attacker_of_an_earlier_strike_on_the_same_country():
    """"In the town of Y, rescuers said a drone strike on a car wounded two": the doer is named once in the post; the
    inherited doer is the earlier sentence's span, outside this event's evidence, and the event is less sure."""
    text = ("Strikes in southern Lebanon\n"
            "Israeli jets struck a building in Beirut on Monday, killing four people. "
            "In the city of Tyre, rescuers said a drone strike on a car wounded two.\n")
    _, events = _non_generic(text)
    first, second = [e for e in events if e.acled_sub_event_type == "Air/drone strike"]
    assert first.actor1 is not None and first.actor1.text == "Israeli jets"
    assert second.actor1 == first.actor1
    assert not (second.evidence.start <= second.actor1.start < second.evidence.end)
    assert second.confidence < first.confidence
    assert second.target is not None and second.target.text == "a car"


def test_an_attacker_is_inherited_only_from_a_strike_on_the_same_country_and_never_from_the_speaker():
    """The nearest strike with a doer that hit the same country lends it: a strike by the other side on its own soil
    does not, and the officials who report the attack are its source, not its doer."""
    struck_russia = "Ukrainian drones hit an oil depot in Russia's Bryansk region on Monday. "
    tail = "In the city of Kherson, officials said a drone strike on a bus injured four.\n"
    _, events = _non_generic("Overnight strikes\n" + struck_russia + tail)
    kherson = next(e for e in events if any(s.text == "Kherson" for s in e.locations))
    assert kherson.actor1 is None
    _, events = _non_generic("Overnight strikes\nRussian missiles struck a school in Odesa on Monday. "
                             + struck_russia + tail)
    kherson = next(e for e in events if any(s.text == "Kherson" for s in e.locations))
    assert kherson.actor1 is not None and kherson.actor1.text == "Russian"
    assert kherson.target is not None and kherson.target.text == "a bus"


def test_a_doer_striking_its_own_countrys_soil_lends_no_attacker():
    """Ukrainian drones over occupied Donetsk struck Ukrainian soil but were not a Ukrainian attack on Ukraine: the
    nearest strike whose doer is foreign to the country struck lends its doer."""
    text = ("Overnight\nRussian missiles hit Kyiv on Monday. Ukrainian drones later struck Russian positions in the "
            "occupied Donetsk region. In Zaporizhzhia, officials said a drone strike on a market wounded three.\n")
    _, events = _non_generic(text)
    later = next(e for e in events if any(s.text == "Zaporizhzhia" for s in e.locations))
    assert later.actor1 is not None and later.actor1.text == "Russian"


def test_an_attacker_is_not_inherited_across_posts_nor_by_a_clash():
    across = ("Strike on Beirut\nIsraeli jets struck a building in Beirut on Monday, killing four people.\n"
              "Drone strike in Tyre\nIn the city of Tyre, rescuers said a drone strike on a car wounded two.\n")
    _, events = _non_generic(across)
    later = next(e for e in events if any(s.text == "Tyre" for s in e.locations))
    assert later.post_index != events[0].post_index and later.actor1 is None
    clash = ("Fighting in the south\nIsraeli jets struck a building in Beirut on Monday, killing four people. "
             "In the city of Tyre, clashes broke out on Tuesday, injuring three.\n")
    _, events = _non_generic(clash)
    clashes = [e for e in events if e.acled_sub_event_type == "Armed clash"]
    assert clashes and all(e.actor1 is None for e in clashes)


@pytest.mark.parametrize(("text", "target"), [
    ("In Khartoum, medics said an artillery attack on a crowded market killed nine people.", "a crowded market"),
    ("In Mykolaiv, officials said a drone strike on a power plant wounded four workers.", "a power plant"),
    ("A suicide bomber killed 12 soldiers in Mogadishu on Friday.", "12 soldiers"),
    ("Five soldiers were wounded in a drone attack on their convoy near Bakhmut.", "their convoy"),
    ("At least 20 civilians were killed in an airstrike on a market in Darfur, activists said.", "a market"),
    ("A missile strike on Zaporizhzhia killed three people.", "three people"),
    ("Dozens of people were injured when a Russian drone slammed into a shopping centre in Odesa.",
     "Dozens of people"),
])
def test_what_an_attack_hit_is_its_target_and_the_victims_only_when_nothing_else_is_named(text, target):
    """"An attack on X killed N" (or "N were killed in an attack on X"): X was hit, the dead are its toll; with no
    attacked thing, or only the town where it happened, the victims are the target."""
    _, event = _attack("Latest\n" + text + "\n")
    assert event.target is not None and event.target.text == target


def test_a_place_before_the_speaker_sets_the_scene_but_where_words_were_spoken_is_no_event_place():
    _, event = _attack("Shelling\nIn Kherson, regional officials said shelling wounded three people on Sunday.\n")
    assert [s.text for s in event.locations] == ["Kherson"]
    _, event = _attack("Sudan\nA Sudanese general said in Cairo on Monday that RSF fighters had shelled a market "
                       "in Khartoum.\n")
    assert [s.text for s in event.locations] == ["Khartoum"]
    assert event.actor1 is not None and event.actor1.text == "RSF fighters"


def test_a_speaker_who_states_a_deployment_lends_it_no_place():
    _, events = _non_generic("Troops\nBerlin is sending more soldiers. US secretary of defense Lloyd Austin stated "
                             "on Tuesday that roughly 3,000 troops are stationed in Poland's Podlaskie region.\n")
    moves = [e for e in events if e.plover_type == "MOBILIZE"]
    assert moves and "US" not in [s.text for s in moves[0].locations]
    assert "Podlaskie region" in [s.text for s in moves[0].locations]


def test_a_movement_from_one_place_to_another_keeps_both_and_is_placed_where_the_troops_went():
    extraction, events = _non_generic("Reinforcements\nThe Pentagon said it was deploying troops from Germany to "
                                      "Poland.\n")
    move = next(e for e in events if e.plover_type == "MOBILIZE")
    assert {s.text for s in move.locations} == {"Germany", "Poland"}
    assert move.place is not None and extraction.places[move.place].name == "Poland"


@pytest.mark.parametrize(("text", "actor", "target"), [
    ("Gunmen opened fire on worshippers at a mosque in Kano on Friday.", "Gunmen", "worshippers"),
    ("Indian soldiers came under Pakistani fire along the Line of Control.", "Pakistani", "Indian soldiers"),
    ("Ukrainian positions came under heavy Russian shelling near Pokrovsk.", "Russian", "Ukrainian positions"),
    ("A landmine exploded under a bus near Gao, killing seven passengers.", None, "seven passengers"),
    # "set fire to X": the fire is the act, X what it was aimed at
    ("Militiamen set fire to a clinic in Bunia on Sunday, witnesses said.", "Militiamen", "a clinic"),
])
def test_idioms_of_attack_put_doer_and_target_where_english_puts_them(text, actor, target):
    """"opened fire on X": X is hit, the fire is no target; "X came under Y fire": X is hit and Y fired; a blast that
    names nothing it hit has its victims as target."""
    _, event = _attack(text)
    assert (event.actor1.text if event.actor1 else None) == actor
    assert event.target is not None and event.target.text == target


def test_a_state_named_as_a_noun_says_nothing_and_where_words_were_told_is_no_place():
    """"stated" reports speech, "the Puntland state of Somalia" does not; "told reporters in Paris" is where the
    minister spoke, not where the aid workers were taken."""
    _, event = _attack("A grenade exploded among clan elders from the Puntland state of Somalia during a meeting.")
    assert "Somalia" in [s.text for s in event.locations]
    _, event = _attack("Militants abducted three aid workers from a clinic in northern Mali, the minister told "
                       "reporters in Paris.")
    assert "Paris" not in [s.text for s in event.locations]


def test_where_troops_are_deployed_is_no_target_of_the_deployment():
    _, events = _non_generic("Reinforcements\nIran has flown in fresh Revolutionary Guard units deployed on the "
                             "frontlines near Aleppo, a monitor said.\n")
    move = next(e for e in events if e.plover_type == "MOBILIZE")
    assert move.target is None or "front" not in move.target.text
    assert [s.text for s in move.locations] == ["Aleppo"]


def test_a_wire_dateline_before_a_spaced_hyphen_is_no_part_of_the_actor():
    text = ("Talks in Addis\n"
            "ADDIS ABABA (Reuters) - Ethiopia and the Fano militia signed a truce in Nairobi on Thursday, "
            "mediators said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 7))
    actors = [e.actor1.text for e in extraction.events if e.actor1 is not None]
    assert actors and all(not a.startswith("-") and "Reuters" not in a for a in actors), actors


def test_a_weekday_the_parse_hung_on_a_participle_still_dates_the_strike():
    text = ("Market hit\n"
            "An airstrike hit a market serving displaced families in the town of Mayom on Thursday, killing nine "
            "people, local officials said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 14))
    strikes = _incidents(extraction)
    assert strikes and strikes[0].time is not None
    assert strikes[0].time.start == date(2025, 6, 12), strikes[0].time


def test_where_and_when_the_victims_were_is_where_and_when_the_act_befell_them():
    """"abducted 25 passengers travelling on a highway in Kogi state on Tuesday evening": the participle on the victims
    tells the act's place and day, not something else's."""
    text = ("Bus passengers seized\n"
            "Gunmen seized at least 18 passengers travelling on a road in Nigeria's Niger state on Sunday evening, "
            "police said on Monday.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 7, 8))
    (seizure,) = _incidents(extraction)
    assert seizure.place is not None and "Niger" in extraction.places[seizure.place].name
    assert seizure.time is not None and seizure.time.start == date(2025, 7, 6), seizure.time
    text = ("Church hit\n"
            "An air strike on a church sheltering displaced families in Kachin state killed at least eight people on "
            "Sunday, a local official said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 7, 8))
    (strike,) = _incidents(extraction)
    assert strike.place is not None and extraction.places[strike.place].name == "Kachin"


@pytest.mark.parametrize("text", [
    "Shelling by the paramilitary Rapid Support Forces on a camp in Zamzam killed at least nine people on Sunday, a "
    "medical group said.\n",
    "Shelling by the Rapid Support Forces on a camp in Zamzam killed at least nine people on Sunday, a medical group "
    "said.\n",
])
def test_the_doer_of_an_act_named_by_the_subject_is_who_it_is_by(text):
    _, _, extraction = _extract("Camp shelled\n" + text, published=datetime(2025, 7, 8))
    (shelling,) = _incidents(extraction)
    assert shelling.actor1 is not None and shelling.actor1.text.endswith("Rapid Support Forces")


def test_a_country_before_a_site_places_the_act_there():
    _, _, extraction = _extract("Rebels fire missile\nThe rebels said on Sunday they had fired a cruise missile at "
                                "Oman's Duqm airport.\n", published=datetime(2025, 7, 8))
    (strike,) = _incidents(extraction)
    assert strike.place is not None and extraction.places[strike.place].country_code == "OM"


def test_a_weapon_fired_by_another_doer_in_a_later_clause_is_not_the_strikes():
    text = ("Strike on a clinic\n"
            "A drone strike hit a clinic in the town of Kadugli on Sunday, killing six people, medics said. "
            "The attack came a day after the rebels fired mortars at an army base, the governor said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 14))
    strikes = _incidents(extraction)
    assert strikes and strikes[0].weapon is not None and strikes[0].weapon.text != "mortars"
    assert all(e.weapon is None or e.weapon.text != "mortars" for e in strikes if e.trigger.text == "hit")


@pytest.mark.parametrize(("text", "actor"), [
    ("MOGADISHU, Somalia (AP) - Fighters from the al-Shabaab group stormed a hotel in Kismayo on Friday, killing "
     "nine people, police said.", "Fighters"),
    ("OUAGADOUGOU, Burkina Faso (AFP) - Gunmen from an Islamic State affiliate raided a village near Dori on "
     "Sunday, killing 14 civilians, local sources said.", "Gunmen"),
])
def test_the_subject_after_a_wire_dateline_is_the_doer(text, actor):
    """The parse often takes the dateline's city for the subject; the doer is the noun after the dash."""
    _, event = _attack(text)
    assert event.actor1 is not None and event.actor1.text == actor


def test_an_unnamed_force_describing_the_attack_is_its_doer():
    _, event = _attack("A rebel drone attack on a fuel depot in Kassala killed two guards on Friday.")
    assert event.actor1 is not None and event.actor1.text == "rebel"
    _, event = _attack("A military airstrike on a market in Kutkai killed 11 people on Tuesday.")
    assert event.actor1 is not None and event.actor1.text == "military"


def test_protesters_dispersed_by_police_took_part_in_a_real_protest():
    text = ("Rally broken up\n"
            "Riot police used water cannon to scatter hundreds of demonstrators outside the parliament in Tbilisi "
            "on Saturday, local media reported.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 14))
    protests = [e for e in extraction.events if e.plover_type == "PROTEST" and "demonstrators" in e.evidence.text]
    assert protests and not protests[0].generic, [(e.trigger.text, e.generic) for e in extraction.events]
    assert protests[0].actor1 is not None and protests[0].actor1.text == "demonstrators"
    # a verb in a purpose infinitive stays unrealised
    text = ("Troops sent\n"
            "The government sent two battalions to the north to retake the town of Kidal, officials said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 14))
    assert all(e.generic for e in extraction.events if e.plover_type == "ASSAULT")


def test_a_signed_truce_is_an_agreement_between_both_parties():
    text = ("Truce signed\n"
            "The Ethiopian government and the Oromo Liberation Army signed a truce in Arusha on Thursday, "
            "mediators said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 14))
    deals = [e for e in extraction.events if e.acled_sub_event_type == "Agreement"]
    assert deals and deals[0].plover_type == "AGREE"
    assert deals[0].actor2 is not None and "Oromo Liberation Army" in deals[0].actor2.text


def test_air_defences_that_shot_down_drones_are_the_doer_not_the_drones_owner():
    text = ("Drones downed\n"
            "Air defences shot down three Russian drones near the town of Mozyr overnight, Belarus's defence "
            "ministry said on Sunday. Debris fell on a field and nobody was hurt, it added.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 14))
    downed = [e for e in extraction.events if e.trigger.text == "shot"]
    # the defences are Belarus's: the body that tells the tally names their side, never the drones' owner
    assert downed and downed[0].actor1 is not None and downed[0].actor1.text == "Belarus's defence ministry"


def test_a_time_of_day_alone_is_on_the_day_the_post_gave_for_the_incident():
    text = ("Village bombed\n"
            "A junta airstrike on a village in Magway region killed nine people on Wednesday, residents said. "
            "A military helicopter dropped a bomb on Kyauk Taw village at about midnight, said a resident who asked "
            "not to be named.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 14))
    # the bomb on the village at midnight is dated on Wednesday, whether told as its own event or (the village named,
    # the airstrike's unnamed one) as the airstrike again
    timed = [e for e in extraction.events if any("midnight" in s.text for s in [e.evidence, *e.restatements])]
    assert timed and all(e.time is not None and e.time.start == date(2025, 6, 11) for e in timed), \
        [(e.trigger.text, e.time) for e in extraction.events]


def test_gangs_are_doers_named_by_a_common_noun():
    _, event = _attack("Armed gangs attacked a police station in Cap-Haitien on Sunday, killing three officers.")
    assert event.actor1 is not None and event.actor1.text == "Armed gangs"


def test_a_strike_by_the_other_side_is_not_a_restatement_of_the_first():
    text = ("Overnight attacks\n"
            "Russia fired 12 missiles at Ukraine overnight, Ukraine's air force said on Sunday. "
            "Ukraine's military said its forces hit an ammunition depot in Russia's Bryansk region.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 15))
    attacks = _incidents(extraction)
    assert len(attacks) == 2, [(e.trigger.text, e.actor1) for e in attacks]
    assert not any("Bryansk" in s.text for s in attacks[0].locations)


def test_ground_troops_of_a_later_account_are_not_the_doers_of_an_air_strike():
    text = ("Market struck\n"
            "A helicopter gunship fired rockets at a market in Maiduguri on Friday, residents said. "
            "The army said soldiers had attacked insurgent hideouts in the area.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 3, 8))
    strike = next(e for e in _incidents(extraction) if e.acled_sub_event_type == "Air/drone strike")
    assert strike.actor1 is None or "soldiers" not in strike.actor1.text, strike.actor1


def test_people_displaced_by_fighting_already_told_are_no_clash_against_them():
    text = ("Fighting in Catatumbo\n"
            "Heavy clashes broke out between the army and ELN guerrillas in Catatumbo on Thursday. "
            "The UN said the fighting had displaced 2,000 families.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 1, 20))
    battles = [e for e in extraction.events if e.acled_event_type == "Battles"]
    assert len(battles) == 1 and battles[0].trigger.text == "clashes", [(e.trigger.text, e.target) for e in battles]
    assert not any(e.target is not None and "families" in e.target.text
                   for e in extraction.events if e.plover_type == "ASSAULT")


def test_repelling_an_assault_stays_a_clash_when_a_later_sentence_names_shells():
    text = ("Frontline town\n"
            "Ukraine's army said its soldiers repelled a Russian assault north of Kupiansk on Sunday. "
            "\"The shells hit a bus station,\" a witness said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 16))
    repelled = next(e for e in extraction.events if e.trigger.text == "repelled")
    assert repelled.acled_sub_event_type == "Armed clash", repelled.acled_sub_event_type


def test_a_shelling_restated_after_a_clash_joins_the_shelling():
    text = ("Camp shelled\n"
            "Rebels shelled a camp near Bunia on Sunday, killing nine people, a local official said. "
            "The army said it repelled an attack on its base at dawn. "
            "\"The shells fell on the school,\" a teacher said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 16))
    shelling = next(e for e in extraction.events if e.trigger.text == "shelled")
    assert any("shells fell" in s.text for s in shelling.restatements), [e.trigger.text for e in extraction.events]


def test_who_would_answer_an_attack_is_not_its_doer():
    _, _, extraction = _extract("SDF commander Mazloum Abdi warned that his forces would respond to any attack.\n",
                                published=datetime(2025, 2, 3))
    attacks = [e for e in extraction.events if e.trigger.text == "attack"]
    assert attacks, "the attack is still read (as a generic one)"
    assert all(e.actor1 is None for e in attacks), [e.actor1.text for e in attacks]


def test_a_restating_sentence_does_not_bring_the_place_of_another_act_into_the_strike():
    text = ("Market hit\n"
            "A coalition airstrike hit a market in Saada on Tuesday, killing 12 people. "
            "The strike came hours after the Houthis fired missiles towards southern Saudi Arabia, the coalition "
            "said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 5, 14))
    strikes = _incidents(extraction)
    # the Houthis' missile fire told as context is an act of its own (coded when within the week), with its own place
    assert len(strikes) == 2, [(e.trigger.text, [s.text for s in e.locations]) for e in strikes]
    assert [s.text for s in strikes[0].locations] == ["Saada"], [s.text for s in strikes[0].locations]
    assert strikes[1].actor1 is not None and "Houthis" in strikes[1].actor1.text
    assert "Saada" not in [s.text for s in strikes[1].locations] and strikes[1].killed is None


def test_an_earlier_act_told_in_an_after_clause_is_its_own_incident_dated_by_the_gap():
    text = ("Glide bombs hit Sumy\n"
            "Russian aircraft dropped glide bombs on Sumy on Saturday, wounding 14 people, the governor said. "
            "The attack came two days after a drone strike on the town of Shostka killed three people.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 5, 11))
    found = _incidents(extraction)
    assert len(found) == 2, [e.evidence.text for e in found]
    sumy, shostka = found
    assert extraction.quantities[sumy.injured].value == 14 and sumy.killed is None  # the three are Shostka's
    assert len(sumy.restatements) == 1  # "The attack came…" points back at the Sumy bombing
    assert extraction.quantities[shostka.killed].value == 3
    assert shostka.time is not None and shostka.time.start.isoformat() == "2025-05-08"
    assert extraction.places[shostka.place].span.text == "Shostka"


def test_where_the_victims_were_when_hit_is_the_place_but_another_acts_place_is_not():
    hit = ("Airstrike on a school\n"
           "An airstrike on Friday killed four rescuers while they were sheltering in a school in Khan Younis, the "
           "civil defence said.\n")
    (strike,) = _incidents(_extract(hit, published=datetime(2024, 8, 3))[2])
    assert [s.text for s in strike.locations] == ["Khan Younis"]
    other = ("Rocket fire\n"
             "The strike came as they fired rockets from Khan Younis, the army said.\n")
    for event in _extract(other, published=datetime(2024, 8, 3))[2].events:
        assert "Khan Younis" not in [s.text for s in event.locations]


def test_a_lead_bounded_only_by_its_source_takes_the_date_its_restatement_gives():
    text = ("Drone strike on city\n"
            "A drone attack killed at least six civilians in Kherson, according to the governor.\n"
            "A Russian drone strike hit the centre of Kherson on Sunday, killing more than six people.\n")
    (strike,) = _incidents(_extract(text, published=datetime(2025, 4, 16))[2])
    assert strike.time is not None and strike.time.start == date(2025, 4, 13)


@pytest.mark.parametrize("sentence", [
    "A car bomb outside a police station in Aden has claimed the lives of nine recruits.",
    "A car bombing followed by a gun battle outside a police station in Aden killed nine recruits on Tuesday.",
])
def test_lives_claimed_are_no_speech_and_the_next_stage_of_an_attack_keeps_its_place(sentence):
    (attack,) = _incidents(_extract(f"Bombing in Aden\n{sentence}\n", published=datetime(2024, 8, 3))[2])
    assert [s.text for s in attack.locations] == ["Aden"]
