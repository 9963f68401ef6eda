"""Rule-based event typing (`warlog.extract.event_types`) and the CASE 2021 scoring code.

The sentences below were written for these tests (they are not taken from the CASE gold file); the
example-page tests read the bundled live blog.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warlog.evaluate import events as ev
from warlog.extract.event_types import ACLED_LABELS, ACLED_TYPES, CASE_LABELS, EventType, classify_event

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "independent-liveblog-2024-11-03.txt"



def typed(nlp, text: str) -> EventType | None:
    return classify_event(nlp(text)[:])


def label_of(nlp, text: str) -> str | None:
    """The CASE label the typer gives a text, None when it finds no event."""
    found = typed(nlp, text)
    return found.case_label if found is not None else None


# -- one or more sentences per type ----------------------------------------------------------------

TYPED = [
    # battles
    ("Soldiers clashed with rebel fighters near the border for several hours on Monday.", "ARMED_CLASH"),
    ("The Taliban launched a coordinated assault on an army outpost in the province.", "ARMED_CLASH"),
    ("Government forces recaptured the town from the rebels after two days of fighting.", "GOV_REGAINS_TERIT"),
    ("Islamist militants seized control of the district headquarters on Friday.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    # explosions / remote violence
    ("Israeli jets struck targets in the Gaza Strip overnight.", "AIR_STRIKE"),
    ("Syrian government helicopters dropped barrel bombs on the rebel-held town.", "AIR_STRIKE"),
    ("Rebels shelled residential neighbourhoods of the city with mortars.", "ART_MISS_ATTACK"),
    ("A roadside bomb exploded under a police vehicle, wounding three officers.", "REM_EXPLOS"),
    ("Attackers threw a grenade into a crowded bar late on Saturday.", "GRENADE"),
    ("A suicide bomber blew himself up at the entrance of a mosque, killing twelve worshippers.", "SUIC_BOMB"),
    ("Doctors said the victims of the attack showed symptoms of exposure to chlorine gas.", "CHEM_WEAP"),
    # violence against civilians
    ("Gunmen stormed a village overnight and shot dead eleven farmers.", "ATTACK"),
    ("Soldiers raided the camp before dawn, sparking a gunbattle that left four fighters dead.", "ARMED_CLASH"),
    ("A grain silo caught fire when drones attacked the port at dawn, officials said.", "AIR_STRIKE"),
    ("Unknown assailants hacked a village chief to death with machetes.", "ATTACK"),
    ("Armed men abducted a priest and two nuns from the parish on Tuesday night.", "ABDUCT_DISSAP"),
    ("Two women were raped by soldiers at a checkpoint, a human rights group said.", "SEX_VIOL"),
    # protests and riots
    ("Hundreds of teachers marched through the capital on Tuesday to demand higher wages.", "PEACE_PROTEST"),
    ("Thousands of workers went on strike on Monday, shutting down the port.", "PEACE_PROTEST"),
    ("Police fired tear gas to disperse students who had gathered outside parliament to protest against the new tax.",
     "PROTEST_WITH_INTER"),
    ("Security forces opened fire on demonstrators in the northern city, killing four protesters.",
     "FORCE_AGAINST_PROTEST"),
    ("Protesters hurled stones at police and set fire to two government buildings after the verdict.",
     "VIOL_DEMONSTR"),
    ("An angry mob beat a suspected thief to death in the market town on Sunday.", "MOB_VIOL"),
    # strategic developments
    ("The two warring parties signed a ceasefire agreement in Geneva.", "AGREEMENT"),
    ("In June the two armies completed another exchange of captives, and 40 soldiers returned to each country.",
     "AGREEMENT"),
    ("Police arrested the opposition leader at his home on Wednesday.", "ARREST"),
    ("Two senior commanders of the rebel group defected to the government side.", "CHANGE_TO_GROUP_ACT"),
    ("Army engineers defused an improvised explosive device planted on the main road.", "DISR_WEAP"),
    ("Soldiers found a large cache of weapons and ammunition in a cave.", "DISR_WEAP"),
    ("Militants have established a new base in the forest near the border.", "HQ_ESTABLISHED"),
    ("Looters ransacked shops and warehouses in the port city.", "PROPERTY_DISTRUCT"),
    ("The rebels took over the town without a fight after the army withdrew.", "NON_VIOL_TERRIT_TRANSFER"),
    # the five CASE types outside ACLED
    ("Customs officers seized 400 kilograms of cocaine hidden in a shipment of bananas.", "ORG_CRIME"),
    ("A magnitude 6.4 earthquake struck the mountainous province, killing at least 30 people.", "NATURAL_DISASTER"),
    ("A fire broke out at a chemical factory, killing five workers.", "MAN_MADE_DISASTER"),
    ("The foreign minister met his counterpart in Ankara to discuss trade.", "DIPLO"),
    ("The Islamic State group claimed responsibility for the attack on the convoy.", "ATTRIB"),
]


@pytest.mark.parametrize(("text", "label"), TYPED)
def test_types_own_sentences(nlp, text, label):
    result = typed(nlp, text)
    assert result is not None, text
    assert result.case_label == label, (text, result)
    assert not result.generic, (text, result.cues)
    assert (result.acled_event_type, result.acled_sub_event_type) == ACLED_TYPES[label]
    assert 0.0 < result.confidence <= 1.0


def test_result_fields_are_consistent(nlp):
    doc = nlp("A glide bomb dropped by Russian jets hit a school gym in Orikhiv on Friday, killing two teachers.")
    result = classify_event(doc[:])
    assert result.case_label == "AIR_STRIKE"
    assert (result.acled_event_type, result.acled_sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert (result.plover_type, result.plover_mode) == ("ASSAULT", "aerial")
    start, end = result.trigger
    assert doc.text[start:end] == result.trigger_text
    assert doc[result.trigger_i].idx == start
    assert set(ACLED_LABELS) < set(CASE_LABELS) and len(CASE_LABELS) == 30 and len(ACLED_LABELS) == 25


def test_no_event(nlp):
    assert typed(nlp, "The committee will publish its annual report on Thursday.") is None


@pytest.mark.parametrize("text", ["Two rival gangs are in charge of the harbour district.",
                                  "Two cartels run the border crossing."])
def test_where_a_criminal_group_stands_is_no_event(nlp, text):
    assert typed(nlp, text) is None


def test_what_a_criminal_group_did_is_still_organised_crime(nlp):
    result = typed(nlp, "Police arrested three gang members with two kilos of cocaine.")
    assert result is not None and result.case_label == "ORG_CRIME"


@pytest.mark.parametrize("text", ["Gang members opened fire on shoppers at a bus station, killing nine people.",
                                  "Members of a street gang opened fire on a wedding party on Sunday, killing four."])
def test_a_gang_that_opens_fire_on_people_attacks_them(nlp, text):
    """"opened fire" is shooting, not a blaze, so a killing by a gang (no armed group named by the lexicon) is violence,
    not organised crime."""
    assert label_of(nlp, text) == "ATTACK"


@pytest.mark.parametrize("text", [
    "\"They came at night and surrounded the farmers in the fields,\" said a member of a local vigilante group.",
    "Residents who back a vigilante group said the raid killed four people.",
])
def test_a_vigilante_group_named_is_no_mob_violence(nlp, text):
    """"a member of a vigilante group" says who someone is: no mob acted."""
    assert label_of(nlp, text) != "MOB_VIOL"


# -- generic, habitual, hypothetical, negated --------------------------------------------------------

GENERIC = [
    ("The air force has conducted repeated bombing raids on rebel-held villages in the north.", "AIR_STRIKE"),
    ("The refinery has since stayed a favourite target of long-range drone raids.", None),
    ("Militants could attack the city if the talks fail.", None),
    ("The army did not shell the village.", "ART_MISS_ATTACK"),
    ("The rebels vowed to attack the capital.", None),
    ("Armenia and Azerbaijan have repeatedly exchanged detainees since the war ended.", "AGREEMENT"),
    # the habit is told on the verb above the act, not on the act's own clause
    ("Each morning the clinic's nurses treat survivors of shelling.", "ART_MISS_ATTACK"),
    ("Rebels raid the border villages every night.", None),
    # violence named as a whole, in the perfect, and what the toll's joined verb adds: the running cost, no one act
    ("Violence in the lake region has killed hundreds and displaced half a million people.", None),
    ("The insurgency has killed thousands of villagers and displaced nearly a million people.", None),
    # a count of times with no day: strikes summed up over a period
    ("Jets have bombed the bridge several times in retaliation for the raids.", "AIR_STRIKE"),
    ("Rebels have ambushed the convoy four times.", None),
    # acts in the plural over several days: many incidents summed up
    ("Insurance costs rose after a weekend of attacks on tankers in the Gulf.", None),
    ("A week of air strikes on the port killed 30 people.", "AIR_STRIKE"),
]


@pytest.mark.parametrize(("text", "label"), GENERIC)
def test_generic_statements(nlp, text, label):
    result = typed(nlp, text)
    assert result is not None, text
    assert result.generic, (text, result)
    if label:
        assert result.case_label == label


@pytest.mark.parametrize("text", [
    "Bus drivers started a 24-hour strike over wages on Friday.",
    "Nurses staged a week-long strike at the city hospital.",
    "Port workers began a strike on Monday, halting exports.",
])
def test_a_stoppage_of_work_is_no_blow_of_war(nlp, text):
    assert label_of(nlp, text) == "PEACE_PROTEST", text


@pytest.mark.parametrize("text", [
    "Israel carried out a wave of strikes on Beirut.",
    "Ukraine struck an oil refinery in the Volgograd region overnight.",
    "Israel hit the port of Latakia on Sunday.",
])
def test_a_country_striking_a_place_without_a_named_weapon_is_a_strike_from_the_air(nlp, text):
    assert label_of(nlp, text) == "AIR_STRIKE", text
    # what "with" names is the means, or a figure of speech: never a strike from the air by default
    assert label_of(nlp, "Japan hit its trading partners with new export curbs on Monday.") != "AIR_STRIKE"


@pytest.mark.parametrize("text", [
    "Kenya struck gold in the final of the relay.",
    "Teachers said the cuts were an attack on their pensions.",
])
def test_blows_of_words_and_sport_are_no_attacks(nlp, text):
    assert label_of(nlp, text) not in ("AIR_STRIKE", "ATTACK", "ARMED_CLASH"), text


def test_troops_sent_to_clear_roads_after_a_disaster_are_no_change_of_a_warring_group(nlp):
    text = "Hundreds of soldiers were deployed to help clear debris and distribute water after the earthquake."
    assert label_of(nlp, text) != "CHANGE_TO_GROUP_ACT"
    assert label_of(nlp, "Hundreds of soldiers were deployed to the border on Monday.") == "CHANGE_TO_GROUP_ACT"


@pytest.mark.parametrize("text", [
    "Crowds gathered on Saturday to mark the 75th anniversary of the town's liberation, when partisans drove out the "
    "garrison after fighting that killed 300 men.",
    "Officials blamed the Tiger Brigade, a militia that pledged allegiance to the rebel command.",
])
def test_what_an_anniversary_remembers_and_what_describes_a_group_are_background(nlp, text):
    result = typed(nlp, text)
    assert result is None or result.generic, (text, result)


@pytest.mark.parametrize("text", [
    "Gunmen killed 12 farmers in Bokkos Local Government Area of Plateau State on Sunday.",
    "Bandits attacked Tudun Wada in Gusau Local Government Area on Friday, killing nine villagers.",
])
def test_a_local_government_area_is_a_district_not_an_armed_side(nlp, text):
    assert label_of(nlp, text) == "ATTACK", text


def test_specific_counterparts_are_not_generic(nlp):
    for text in (
        "Russian aircraft carried out an airstrike on the town on Monday.",
        "The army shelled the village on Tuesday night.",
        "Militants attacked the city at dawn.",
        "Jets bombed the bridge three times on Friday.",
        "A drone hit the tower several times overnight.",
    ):
        result = typed(nlp, text)
        assert result is not None and not result.generic, (text, result)


def test_stative_territory_statement_is_background(nlp):
    result = typed(nlp, "The city remained in government hands throughout the long siege by rebel forces.")
    assert result is None or result.generic


# -- interception and disruption ---------------------------------------------------------------------


def test_a_launch_all_intercepted_in_its_sentence_is_the_shoot_down(nlp):
    """One sentence with the launch and the interception of what was launched: the shoot-down, as in two sentences;
    a launch only partly stopped, or one that killed, stays the attack."""
    assert label_of(nlp, "The rebels said they fired a rocket at the airport, and the army said it had intercepted "
                         "a rocket launched from the south.") == "DISR_WEAP"
    assert label_of(nlp, "Militants fired two rockets at the town, and the army said it intercepted one of "
                         "them.") == "ART_MISS_ATTACK"
    assert label_of(nlp, "Militants fired a rocket at the town, killing two people, and the army said it intercepted "
                         "a second one.") == "ART_MISS_ATTACK"


@pytest.mark.parametrize(
    "text",
    [
        "She said every missile launched at the port city had been intercepted.",
        "Air defence units intercepted three cruise missiles over the capital overnight.",
        "Postal workers intercepted two parcels containing explosive devices addressed to the ministry.",
        "Bomb disposal experts defused a device left outside the courthouse.",
    ],
)
def test_interception_is_disrupted_weapons_use(nlp, text):
    result = typed(nlp, text)
    assert result is not None and result.case_label == "DISR_WEAP", (text, result)


def test_intercepted_smuggler_is_not_weapons_use(nlp):
    result = typed(nlp, "Coast guards intercepted a boat carrying smugglers and arrested the crew.")
    assert result is None or result.case_label != "DISR_WEAP"


# -- territory claims by belligerents ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a foreign state army taking territory: ACLED's "Non-state actor overtakes territory"
        ("Moscow said on Thursday it had seized four more hamlets.", "NON_STATE_ACTOR_OVERTAKES_TER"),
        ("Russian units overran roughly 60 square km of land in eastern Ukraine in September.",
         "NON_STATE_ACTOR_OVERTAKES_TER"),
        ("Russian troops captured two Ukrainian villages near the river.", "NON_STATE_ACTOR_OVERTAKES_TER"),
        # government forces taking back their own territory
        ("The army took full control of the town after the militants fled.", "GOV_REGAINS_TERIT"),
        ("Government troops retook the airport from the insurgents.", "GOV_REGAINS_TERIT"),
        # who takes it decides, not the "re-" of the verb
        ("Rebel fighters recaptured the town from government forces on Friday.", "NON_STATE_ACTOR_OVERTAKES_TER"),
        ("Pro-government militias regained the airport after heavy fighting.", "GOV_REGAINS_TERIT"),
    ],
)
def test_belligerent_territory_claims(nlp, text, label):
    result = typed(nlp, text)
    assert result is not None and result.case_label == label, (text, result)
    assert result.plover_type == "ASSAULT"


def test_withdrawal_alone_is_a_change_of_activity(nlp):
    assert typed(nlp, "The peacekeepers have withdrawn from their main camp in the valley.").case_label == (
        "CHANGE_TO_GROUP_ACT"
    )


# -- the example page's events table ----------------------------------------------------------------


def _line(fragment: str) -> str:
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if fragment in line:
            return line
    raise AssertionError(f"example page has no line with {fragment!r}")


def _sentence(nlp, fragment: str):
    doc = nlp(_line(fragment))
    for sent in doc.sents:
        if fragment in sent.text:
            return sent
    raise AssertionError(fragment)


@pytest.mark.parametrize(
    ("fragment", "sub_event"),
    [
        ("unleashed", "Air/drone strike"),
        ("missile strike on", "Shelling/artillery/missile attack"),
        ("bomb struck", "Air/drone strike"),
        ("five-storey", "Air/drone strike"),
        ("injured five", "Air/drone strike"),
    ],
)
def test_example_page_attacks(nlp, fragment, sub_event):
    result = classify_event(_sentence(nlp, fragment))
    assert result is not None
    assert result.acled_sub_event_type == sub_event, (fragment, result)
    assert result.plover_type == "ASSAULT"
    assert not result.generic


def test_example_page_background_airstrikes(nlp):
    result = classify_event(_sentence(nlp, "regular airstrikes"))
    assert result is not None and result.case_label == "AIR_STRIKE" and result.generic
    result = classify_event(_sentence(nlp, "frequent target"))
    assert result is not None and result.generic


def test_example_page_downed_drones_and_territory(nlp):
    assert classify_event(_sentence(nlp, "shot down")).case_label == "DISR_WEAP"
    taken = classify_event(_sentence(nlp, "more settlements"))
    assert taken.case_label in ("NON_STATE_ACTOR_OVERTAKES_TER", "GOV_REGAINS_TERIT")
    swap = classify_event(_sentence(nlp, "last swap"))
    assert swap.case_label == "AGREEMENT"


# -- metrics on a hand-made confusion ---------------------------------------------------------------


def test_metrics_on_a_tiny_confusion():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", "A"]
    assert ev.confusion(gold, pred) == {"A": {"A": 1, "B": 1}, "B": {"B": 1}, "C": {"A": 1}}
    assert ev.accuracy(gold, pred) == 0.5
    rows = ev.per_label(gold, pred, ["A", "B", "C", "D"])
    assert rows["A"]["precision"] == 0.5 and rows["A"]["recall"] == 0.5 and rows["A"]["f1"] == 0.5
    assert rows["B"]["precision"] == 0.5 and rows["B"]["recall"] == 1.0
    assert rows["B"]["f1"] == pytest.approx(2 / 3)
    assert rows["C"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1, "predicted": 0}
    assert rows["D"]["support"] == 0
    # macro over labels with gold support (A, B, C), weighted by support
    assert ev.macro_f1(rows) == pytest.approx((0.5 + 2 / 3 + 0.0) / 3)
    assert ev.weighted_f1(rows) == pytest.approx((0.5 * 2 + 2 / 3 * 1 + 0.0 * 1) / 4)
    block = ev.scores(gold, pred, ["A", "B", "C"])
    assert block["n"] == 4 and block["accuracy"] == 0.5
    assert ev.accuracy([], []) == 0.0 and ev.weighted_f1({}) == 0.0 and ev.macro_f1({}) == 0.0


# -- the CASE loader --------------------------------------------------------------------------------


def test_loader_missing_file_is_a_clear_message(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere.tsv"
    with pytest.raises(ev.GoldDataMissing, match="not found"):
        ev.load_case2021(missing)
    outcome = ev.evaluate_events(missing)
    assert outcome["available"] is False and "nowhere.tsv" in outcome["message"]
    assert "not found" in ev.format_report(outcome)
    monkeypatch.setenv(ev.ENV_GOLD_DIR, str(tmp_path))
    assert ev.default_case_path() == tmp_path / "events" / ev.CASE_FILE
    assert ev.evaluate_events()["available"] is False


def test_loader_and_evaluation_on_a_small_file(tmp_path, nlp):
    path = tmp_path / "events" / ev.CASE_FILE
    path.parent.mkdir()
    path.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tPolice arrested three opposition activists in the capital on Monday.\tARREST\n"
        "2\tA magnitude 5.9 earthquake hit the coastal region, destroying hundreds of homes.\tNATURAL_DISASTER\n"
        "3\tThe committee will publish its annual report on Thursday.\tOTHER\n",
        encoding="utf-8",
    )
    snippets = ev.load_case2021(path)
    assert [s.label for s in snippets] == ["ARREST", "NATURAL_DISASTER", "OTHER"]
    outcome = ev.evaluate_events(path, nlp=nlp)
    json.dumps(outcome)  # JSON-serialisable
    assert outcome["available"] and outcome["n"] == 3 and outcome["abstained"] == 1
    assert outcome["all_labels"]["accuracy"] == 1.0  # the abstention counts as OTHER
    assert outcome["strict"]["all_labels"]["accuracy"] == pytest.approx(2 / 3)
    assert outcome["acled_labels"]["n"] == 2
    assert outcome["speed"]["sentences"] == 3


def test_loader_rejects_wrong_columns(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("a\tb\tc\n1\tx\tARREST\n", encoding="utf-8")
    with pytest.raises(ev.InputError, match="columns"):
        ev.load_case2021(path)


@pytest.mark.slow
def test_case_dev_file_regression(nlp):
    """On the shared dev file, when present: a guard against regressions, not a measure of accuracy."""
    if not ev.default_case_path().is_file():
        pytest.skip(f"CASE 2021 dev file not found at {ev.default_case_path()}")
    outcome = ev.evaluate_events(nlp=nlp)
    assert outcome["available"] and outcome["n"] > 400
    assert outcome["all_labels"]["weighted_f1"] > 0.7
    assert outcome["acled_labels"]["weighted_f1"] > 0.7


# -- rules added with the within-post merge, elections and exchanges ---------------------------------


@pytest.mark.parametrize("text,label", [
    ("Truck drivers blocked the main highway into the capital for a second day, protesting fuel prices.",
     "VIOL_DEMONSTR"),
    ("Rioters fought with police outside the parliament building late on Tuesday.", "VIOL_DEMONSTR"),
    ("Protesters threw bottles and other projectiles at police lines during the march.", "VIOL_DEMONSTR"),
    ("Government troops took over the town after the rebels pulled out overnight.", "NON_VIOL_TERRIT_TRANSFER"),
    ("Eleven people were killed in a bus crash on the coastal road on Sunday.", "MAN_MADE_DISASTER"),
    ("Armenia said it would free 25 Azerbaijani detainees under the deal.", "AGREEMENT"),
    ("Separatist fighters pushed into the valley and retook two hilltop villages.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("Government forces seized control of the port town from the rebels on Monday.", "GOV_REGAINS_TERIT"),
    ("The government expelled three embassy diplomats over spying allegations.", "DIPLO"),
    ("The militant group took credit for the car bomb that killed nine soldiers.", "ATTRIB"),
    ("Warplanes struck what officials described as a chemical weapons factory near the border.", "AIR_STRIKE"),
    ("Hundreds of former fighters have mobilised alongside the army to defend the town.", "CHANGE_TO_GROUP_ACT"),
    ("Police arrested ten opposition activists before President William Ruto's rally in Nakuru.", "ARREST"),
    ("Police arrested five activists in anticipation of protests planned for the weekend.", "ARREST"),
    ("The air force destroyed a column of rebel trucks near the river crossing, the army said.", "AIR_STRIKE"),
    ("A fishing trawler was struck by a container ship off the coast early on Monday.", "MAN_MADE_DISASTER"),
    ("Riot police chased students away from the square after a sit-in.", "PROTEST_WITH_INTER"),
    ("The demonstrations outside the ministry were over the arrest of a union leader.", "PEACE_PROTEST"),
    ("Hundreds rallied in the capital. They demanded the release of activists detained last month.",
     "PEACE_PROTEST"),
    ("Warplanes bombed a depot on Friday in retaliation for a chlorine attack on a village.", "AIR_STRIKE"),
    ("Navy jets fired 40 air missiles at the rebel camp overnight.", "AIR_STRIKE"),
    ("Gas cylinders exploded in a restaurant kitchen on Friday and fire fighters rescued six diners.",
     "MAN_MADE_DISASTER"),
    ("Rebel fighters recaptured Dembalo after government troops pulled out of the area on Sunday.",
     "NON_VIOL_TERRIT_TRANSFER"),
    ("The group denied any involvement in the bombing of the railway station on Monday.", "ATTRIB"),
])

def test_codebook_rules_on_invented_sentences(nlp, text, label):
    result = typed(nlp, text)
    assert result is not None and result.case_label == label, (text, result)


@pytest.mark.parametrize("text,wrong", [
    ("Riot police deployed tear gas to disperse the students outside the university.", "CHANGE_TO_GROUP_ACT"),
    ("Thousands of migrants were expelled from the coastal province last month.", "GOV_REGAINS_TERIT"),
    ("Students marched in the capital as part of the Stop the Killing campaign on Friday.",
     "FORCE_AGAINST_PROTEST"),
])
def test_words_that_look_like_another_type(nlp, text, wrong):
    result = typed(nlp, text)
    assert result is None or result.case_label != wrong, (text, result)


def test_an_election_is_warlogs_own_type_scored_as_case_other(nlp):
    result = typed(nlp, "Voters in Chile go to the polls on Sunday in a parliamentary election.")
    assert result is not None and result.label == "ELECTION" and result.case_label == "OTHER"
    assert (result.plover_type, result.plover_mode) == ("ELECTION", "parliamentary")
    assert (result.acled_event_type, result.acled_sub_event_type) == ("Strategic developments", "Other")
    assert "ELECTION" not in CASE_LABELS


def test_lawmakers_voting_on_a_bill_is_no_election(nlp):
    result = typed(nlp, "Lawmakers voted to approve the new budget on Thursday.")
    assert result is None or result.label != "ELECTION"


def test_prisoner_swap_is_an_agreement_with_plover_exchange(nlp):
    result = typed(nlp, "Kyiv and Moscow swapped 150 prisoners of war each on Friday.")
    assert result is not None and result.case_label == "AGREEMENT"
    assert (result.plover_type, result.plover_mode) == ("AGREE", "exchange")


@pytest.mark.parametrize("text", [
    "Talks on a truce resumed in the capital on Thursday.",
    "Envoys said on Thursday they had made progress on a draft peace deal.",
    "Washington has been pushing for a truce deal between the two sides for months.",
    "The mediators proposed a new ceasefire on Thursday.",
    "No deal was signed at the end of the third round.",
])
def test_an_agreement_only_sought_is_none_made(nlp, text):
    """ACLED records an agreement made; talks about one, a draft, a proposal or a push for one is none."""
    result = typed(nlp, text)
    assert result is None or result.case_label != "AGREEMENT"


@pytest.mark.parametrize("text", [
    "The army and the rebel alliance signed a truce in the capital on Thursday.",
    "The two sides agreed on Thursday to a ceasefire along the river.",
    "A truce brokered by the regional bloc took effect at midnight on Thursday.",
])
def test_an_agreement_made_is_still_one(nlp, text):
    result = typed(nlp, text)
    assert result is not None and result.case_label == "AGREEMENT"


@pytest.mark.parametrize("text", [
    "The rebel army on Sunday released nine police officers it had kidnapped in May, the church said.",
    "The nine officers were handed over to a humanitarian commission in a rural area, the church said.",
    "The militia freed six soldiers it had abducted in March, the army said.",
    "Eleven hostages were freed on Tuesday and handed to the Red Cross, the agency said.",
])
def test_captives_set_free_are_a_release_not_an_abduction_or_a_handover_of_ground(nlp, text):
    """ACLED lists prisoner releases among agreements; the captives' capture told in a relative clause is not the
    act, and people handed over are not territory."""
    result = typed(nlp, text)
    assert result is not None and result.acled_sub_event_type == "Agreement"


def test_a_town_entered_as_the_army_withdrew_told_by_witnesses_changed_hands_without_a_fight(nlp):
    result = typed(nlp, "The rebels entered the town of Kalehe in the east on Sunday, witnesses said, as soldiers and "
                        "allied militias withdrew.")
    assert result is not None and result.acled_sub_event_type == "Non-violent transfer of territory"


def test_captives_freed_in_a_raid_are_its_rescue_not_a_release(nlp):
    result = typed(nlp, "Troops freed 30 hostages held by the gang in a raid on its camp, the army said.")
    assert result is None or result.acled_sub_event_type != "Agreement"


@pytest.mark.parametrize("text, label", [
    ("The army said the drone was hit by a surface-to-air missile over the border.", "DISR_WEAP"),
    ("Air defence units struck two drones over the port overnight.", "DISR_WEAP"),
    ("A missile hit a drone workshop on the edge of the city.", "ART_MISS_ATTACK"),
])
def test_a_drone_hit_in_flight_is_an_interception(nlp, text, label):
    """A missile hitting an uncrewed weapon is the weapon disrupted; hitting a building that makes them is an attack."""
    result = typed(nlp, text)
    assert result is not None and result.case_label == label


def test_sabotaging_talks_is_no_property_destruction(nlp):
    result = typed(nlp, "The foreign ministry accused the rebels of sabotaging the peace talks.")
    assert result is None or result.case_label != "PROPERTY_DISTRUCT"


@pytest.mark.parametrize("text", [
    "Iran hit oil terminals on the Gulf coast late on Sunday, the port authority said.",
    "Azerbaijan attacks Armenian border posts",
    "Turkey targeted power stations across northern Syria overnight.",
])
def test_a_country_that_strikes_a_target_reports_an_assault(nlp, text):
    """A country is an armed actor when it strikes something: no weapon need be named."""
    result = typed(nlp, text)
    assert result is not None and result.plover_type == "ASSAULT"


@pytest.mark.parametrize("text", [
    "Insurgents attacked a police post outside Kidal before dawn.",
    "Militants raided a military checkpoint close to the border on Friday.",
])
def test_an_armed_group_attacking_a_military_target_is_an_armed_clash(nlp, text):
    result = typed(nlp, text)
    assert result is not None and result.plover_type == "ASSAULT" and result.acled_event_type == "Battles"


def test_a_storm_that_hits_a_grid_is_still_no_assault(nlp):
    result = typed(nlp, "A winter storm hit the power grid across the north of the country.")
    assert result is None or result.plover_type != "ASSAULT"


# -- armed assaults: who is attacked decides Attack vs Armed clash; a bomb they also set off does not --


def test_attackers_killed_in_their_own_raid_are_not_the_target(nlp):
    """The attackers' own dead, in a clause joined to the attack, do not make the target armed."""
    result = typed(nlp, "Armed men attacked a crowded shopping mall in Lagos on Tuesday, and three of the "
                        "attackers were killed, officials said.")
    assert result is not None and result.case_label == "ATTACK"


def test_attackers_killing_soldiers_in_a_joined_clause_stay_a_clash(nlp):
    """The rule only drops the attackers themselves: soldiers killed in a joined clause are still the target."""
    result = typed(nlp, "Militants attacked an army post near Gao and killed six soldiers, the army said.")
    assert result is not None and result.case_label == "ARMED_CLASH"


@pytest.mark.parametrize("text, label", [
    ("Gunmen stormed an army barracks in the north on Sunday and detonated explosives, killing twelve soldiers.",
     "ARMED_CLASH"),
    ("Gunmen raided a village clinic in the south and detonated a bomb, injuring at least 18 patients.", "ATTACK"),
])
def test_gunmen_who_storm_and_also_detonate_a_bomb_are_typed_by_their_target(nlp, text, label):
    """ACLED: remote violence only when the device is the attack; an assault by gunmen is a clash or an attack."""
    assert label_of(nlp, text) == label


def test_a_bomb_planted_by_militants_stays_remote_violence(nlp):
    """Without gunmen or shooting the explosive is the attack itself."""
    result = typed(nlp, "Militants attacked a police convoy with a roadside bomb near Kandahar, killing four officers.")
    assert result is not None and result.case_label == "REM_EXPLOS"


def test_a_compound_of_a_compound_says_whose_site_it_is(nlp):
    """"a police training centre": the police make the target armed."""
    result = typed(nlp, "Insurgents attacked a police training centre in the south overnight.")
    assert result is not None and result.case_label == "ARMED_CLASH"


@pytest.mark.parametrize("text", [
    "Two gunmen attacked a vehicle on the road to Kirkuk, the police said.",
    "Gunmen carried out a shooting attack on a Jordanian vehicle near the crossing on Friday.",
])
def test_a_plain_vehicle_attacked_by_one_armed_side_is_an_attack(nlp, text):
    """A vehicle is no military target unless its phrase says so; one armed side against it is one-sided."""
    assert label_of(nlp, text) == "ATTACK"


def test_an_armoured_vehicle_is_still_a_military_target(nlp):
    result = typed(nlp, "Rebels ambushed an armored vehicle near the border.")
    assert result is not None and result.case_label == "ARMED_CLASH"


def test_sanctions_unveiled_then_targeting_officials_are_no_attack(nlp):
    """"unveiled sanctions ..., targeting ten officials": a measure that targets people is no assault."""
    for text in ("Britain on Tuesday imposed fresh sanctions on the government of the country, targeting 12 "
                 "ministers over alleged fraud.",
                 "Canada unveiled new sanctions against the military government, targeting six officials over "
                 "alleged abuses."):
        result = typed(nlp, text)
        assert result is None or result.plover_type != "ASSAULT", text


def test_crowd_control_means_mark_a_demonstration_even_without_a_protest_word(nlp):
    """Tear gas, water cannon and rubber bullets are used on crowds: the injured are force against protesters."""
    result = typed(nlp, "Scores of people were injured in the capital when police fired rubber bullets, tear gas "
                        "and water cannon to disperse crowds outside parliament.")
    assert result is not None and result.case_label == "FORCE_AGAINST_PROTEST"


def test_soldiers_shooting_villagers_with_no_crowd_control_stay_an_attack(nlp):
    result = typed(nlp, "Soldiers shot dead five villagers in a raid on their village, residents said.")
    assert result is not None and result.case_label == "ATTACK"


def test_a_parser_split_after_and_does_not_hide_the_weapon(nlp):
    """"... were killed and | four more wounded in an airstrike": a sentence break right after "and" is a
    parser slip, so the casualties take the airstrike of the other half. The parse is built by hand so the
    test does not depend on the model splitting this way."""
    from spacy.tokens import Doc

    words = "Two farmers were killed and four more wounded in an airstrike".split()
    doc = Doc(nlp.vocab, words=words, heads=[1, 3, 3, 3, 3, 5, 5, 5, 7, 10, 8],
              deps=["nummod", "nsubjpass", "auxpass", "ROOT", "cc", "ROOT", "amod", "amod", "prep", "det", "pobj"],
              pos=["NUM", "NOUN", "AUX", "VERB", "CCONJ", "NUM", "ADV", "VERB", "ADP", "DET", "NOUN"],
              lemmas=["two", "farmer", "be", "kill", "and", "four", "more", "wound", "in", "an", "airstrike"])
    assert len(list(doc.sents)) == 2
    result = classify_event(doc[:])
    assert result is not None and result.case_label == "AIR_STRIKE"


@pytest.mark.parametrize("text", [
    "Five park rangers were killed on Saturday in a tank attack that officials blamed on a rebel group.",
    "Two soldiers were killed in a tank attack near the river.",
])
def test_a_tank_attack_is_shelling(nlp, text):
    """Tank fire is typed with artillery (ACLED: Shelling/artillery/missile attack)."""
    assert label_of(nlp, text) == "ART_MISS_ATTACK"


@pytest.mark.parametrize("text", [
    "Traders said the attacks on shops and businesses in the market district had cost them millions.",
    "Attacks on houses of opposition members continued in the capital, the party said.",
])
def test_attacks_on_property_alone_are_property_destruction(nlp, text):
    """No one armed, hurt or killed: ACLED types damage to property as looting/property destruction."""
    assert label_of(nlp, text) == "PROPERTY_DISTRUCT"


def test_an_attack_on_a_home_that_wounds_people_stays_an_attack(nlp):
    result = typed(nlp, "Unknown assailants attacked a family home in the village, wounding two children.")
    assert result is not None and result.case_label == "ATTACK"


@pytest.mark.parametrize("text, label", [
    ("Government troops drove the rebels out of three villages in the north of the province on Tuesday.",
     "GOV_REGAINS_TERIT"),
    ("Army units pushed the insurgents out of several districts near the border after a week of fighting.",
     "GOV_REGAINS_TERIT"),
    ("Rebel fighters drove government troops out of the town on Sunday.", "NON_STATE_ACTOR_OVERTAKES_TER"),
])
def test_driving_the_enemy_out_of_a_place_when_out_is_parsed_as_a_preposition(nlp, text, label):
    """"drove X out of Y": the particle read as a preposition still makes "drive out"; who drives decides."""
    assert label_of(nlp, text) == label


@pytest.mark.parametrize("text, label", [
    ("Officials say forces loyal to the internationally recognized government have wrested control of an army base "
     "from a rebel militia outside the port city.", "GOV_REGAINS_TERIT"),
    ("Officials say the rebels have wrested control of an army base from government forces outside the port city.",
     "NON_STATE_ACTOR_OVERTAKES_TER"),
])
def test_the_side_control_is_wrested_from_is_not_the_captor(nlp, text, label):
    assert label_of(nlp, text) == label


@pytest.mark.parametrize("text", [
    "Hundreds of nurses rallied outside the ministry on Tuesday over unpaid wages. In their uniforms, the nurses "
    "carried banners that read stop the violence against nurses and no more police beatings.",
    "Dozens of teachers marched on Monday to protest low pay. They carried boards that read end police brutality now.",
])
def test_what_placards_read_is_the_protests_topic_not_force_used_on_it(nlp, text):
    assert label_of(nlp, text) == "PEACE_PROTEST"


def test_force_after_a_march_with_placards_is_still_force(nlp):
    result = typed(nlp, "Hundreds of students marched in the capital carrying placards. Police shot dead two of the "
                        "marchers.")
    assert result is not None and result.case_label == "FORCE_AGAINST_PROTEST"


@pytest.mark.parametrize("text, label", [
    ("A riot policeman hits a student protester with a club during a march against tuition fees in the capital.",
     "FORCE_AGAINST_PROTEST"),
    ("Police officers kicked and punched demonstrators at a rally outside parliament on Friday.",
     "FORCE_AGAINST_PROTEST"),
    ("Police dispersed demonstrators with batons at a rally outside parliament on Friday.", "PROTEST_WITH_INTER"),
])
def test_security_forces_striking_protesters_is_force_dispersal_an_intervention(nlp, text, label):
    assert label_of(nlp, text) == label


@pytest.mark.parametrize("text, label", [
    ("Suspected militants detonated a bomb under a bus, killing themselves and four passengers.", "SUIC_BOMB"),
    ("Three militants were killed when the explosives they were carrying went off prematurely near the border.",
     "REM_EXPLOS"),
])
def test_bombers_killed_by_their_own_blast_are_suicide_bombers(nlp, text, label):
    assert label_of(nlp, text) == label


def test_suicide_bombers_suspected_to_be_behind_blasts_are_the_blame_not_the_event(nlp):
    result = typed(nlp, "Two suicide bombers from abroad are suspected to be behind the explosions at a market on "
                        "Friday, police said.")
    assert result is not None and result.case_label == "ATTRIB"


@pytest.mark.parametrize("text, label", [
    ("Rebel forces tried to seize the hilltop near the dam, but government troops pushed them back after hours of "
     "fighting.", "ARMED_CLASH"),
    ("The rebels held two villages near the river until government troops retook them on Sunday.",
     "GOV_REGAINS_TERIT"),
])
def test_them_pushed_back_is_the_enemy_not_a_place(nlp, text, label):
    """"pushed them back": the pronoun points at forces, so nothing changes hands; "retook them" (villages) does."""
    assert label_of(nlp, text) == label


@pytest.mark.parametrize("text, label", [
    ("Security forces intercepted six suspected members of an armed group near the border, the ministry said.",
     "ARREST"),
    ("Customs officers intercepted a suspected drug trafficker at the airport on Monday.", "ORG_CRIME"),
    ("The navy intercepted two missiles over the sea.", "DISR_WEAP"),
])
def test_suspects_intercepted_are_arrested_missiles_intercepted_are_disrupted(nlp, text, label):
    assert label_of(nlp, text) == label


@pytest.mark.parametrize("text, label", [
    ("Aid agencies gave food to 2,000 migrants expelled from the border town by soldiers last week.", None),
    ("Government troops expelled the militants from the town on Friday.", "GOV_REGAINS_TERIT"),
])
def test_people_a_participle_says_were_expelled_are_no_change_of_territory(nlp, text, label):
    """"migrants expelled from the town": the noun a past participle describes is what it acts on."""
    result = typed(nlp, text)
    if label is None:
        assert result is None or result.case_label not in ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")
    else:
        assert result is not None and result.case_label == label


@pytest.mark.parametrize("text, label", [
    ("Local sources said the rebels seized a deserted army base on the edge of the town on Tuesday.",
     "NON_VIOL_TERRIT_TRANSFER"),
    ("The militants seized an abandoned missile storage site near the airport, activists said.",
     "NON_VIOL_TERRIT_TRANSFER"),
    ("Police seized rockets and mortar shells from a storage site near the airport.", "DISR_WEAP"),
    ("The rebels seized an army base on the edge of the town after heavy fighting on Tuesday.",
     "NON_STATE_ACTOR_OVERTAKES_TER"),
])
def test_a_deserted_place_seized_is_taken_without_fighting(nlp, text, label):
    """A deserted or abandoned place had no defenders; a site named after weapons is a place, not weapons."""
    assert label_of(nlp, text) == label


@pytest.mark.parametrize("text, label", [
    ("Two new battalions of troops have been formed in the eastern military district, the defence ministry said.",
     "CHANGE_TO_GROUP_ACT"),
    ("A new rapid reaction unit was formed within the national police, the interior ministry said.",
     "CHANGE_TO_GROUP_ACT"),
    ("The opposition parties formed a coalition government on Monday.", None),
])
def test_forming_new_armed_units_is_a_change_to_the_group(nlp, text, label):
    """ACLED's change to group/activity includes new formations of forces; a government formed is not one."""
    result = typed(nlp, text)
    if label is None:
        assert result is None or result.case_label != "CHANGE_TO_GROUP_ACT"
    else:
        assert result is not None and result.case_label == label


@pytest.mark.parametrize("text, label", [
    ("The new brigade takes its orders directly from the General Staff in the capital.", None),
    ("Rebel fighters took the town of Kamina from government forces on Sunday.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("The army took control of the border crossing on Friday.", "GOV_REGAINS_TERIT"),
])
def test_taking_orders_is_no_taking_of_territory(nlp, text, label):
    """"take" changes territory only when what is taken is a place (or control of one)."""
    result = typed(nlp, text)
    if label is None:
        assert result is None or result.case_label not in ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")
    else:
        assert result is not None and result.case_label == label


@pytest.mark.parametrize("text, label", [
    ("Arrested during an attack on a shop in the capital last week, the young man was accused of several robberies "
     "and thefts in the city.", "ORG_CRIME"),
    ("The government accused the rebels of killing twelve villagers in the north.", "ATTRIB"),
])
def test_an_accusation_is_about_what_it_names_not_the_clause_above_it(nlp, text, label):
    """Accused of robberies is crime; the attack in a clause the parser hangs under "accused" is not its topic."""
    assert label_of(nlp, text) == label


@pytest.mark.parametrize("text, label", [
    ("Security forces have taken at least seven people, including two women, from different villages in the "
     "district.", "ABDUCT_DISSAP"),
    ("Gunmen took three farmers from their fields near the border on Tuesday.", "ABDUCT_DISSAP"),
    ("Soldiers took the wounded civilians to a hospital in the capital.", None),
    ("Police took five people into custody after the clashes.", "ARREST"),
])
def test_armed_men_taking_people_away_is_an_abduction(nlp, text, label):
    """People taken by armed men, with no custody or hospital named, are abducted (ACLED forced disappearance)."""
    result = typed(nlp, text)
    if label is None:
        assert result is None or result.case_label != "ABDUCT_DISSAP"
    else:
        assert result is not None and result.case_label == label


@pytest.mark.parametrize("text, label", [
    ("More than 100 workers fell ill after inhaling toxic gas that leaked from a fertiliser plant near the port on "
     "Monday.", "MAN_MADE_DISASTER"),
    ("Government forces dropped chlorine gas on a rebel-held town, killing twelve people, activists said.",
     "CHEM_WEAP"),
])
def test_toxic_gas_leaking_from_a_plant_is_an_accident_not_a_chemical_weapon(nlp, text, label):
    assert label_of(nlp, text) == label


@pytest.mark.parametrize("text, label", [
    ("Fuelled by high temperatures and strong winds, more than 100 fires are burning across the north, threatening "
     "several towns.", "NATURAL_DISASTER"),
    ("A fire broke out at a textile factory on a hot and dry afternoon, killing four workers.", "MAN_MADE_DISASTER"),
])
def test_fires_driven_by_heat_and_wind_are_wildfires(nlp, text, label):
    """Weather-driven fires with no building or plant named are a natural hazard; a factory fire is man-made."""
    assert label_of(nlp, text) == label


@pytest.mark.parametrize(("text", "label"), [
    ("Heavy clashes between the national army and Tuareg rebels near Kidal killed 22 people on Friday.",
     "ARMED_CLASH"),
    ("Fighting between police and a gang in the port district left 11 people dead, the mayor said.",
     "ARMED_CLASH"),
    # a toll of clashes with protesters stays a riot
    ("Clashes between demonstrators and riot police killed two people outside parliament.", "VIOL_DEMONSTR"),
])
def test_a_toll_of_armed_clashes_is_a_battle_not_an_attack_on_civilians(nlp, text, label):
    assert label_of(nlp, text) == label


@pytest.mark.parametrize(("text", "label"), [
    # what a strike destroyed is its toll, the strike is the event; an airfield is an armed target
    ("Israeli jets struck a military airfield near Homs, destroying three helicopters, a monitor said.",
     "AIR_STRIKE"),
    ("Rebel fighters attacked an airfield outside Goma on Tuesday, destroying two drones, the army said.",
     "ARMED_CLASH"),
    # destroying weapons as the act itself stays disrupted weapons use
    ("Sappers destroyed four anti-tank mines found near the road, the police said.", "DISR_WEAP"),
])
def test_weapons_destroyed_in_a_strike_are_its_toll(nlp, text, label):
    assert label_of(nlp, text) == label


@pytest.mark.parametrize(("text", "label"), [
    # an army with a proper name that names no country is an armed group
    ("The Ta'ang National Liberation Army captured the town of Namhsan on Wednesday.",
     "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("The Karen National Liberation Army seized an outpost near Myawaddy, residents said.",
     "NON_STATE_ACTOR_OVERTAKES_TER"),
    # a state's army carries its country's name
    ("The Pakistan Army recaptured the checkpoint near Wana from militants on Monday.", "GOV_REGAINS_TERIT"),
    # "Armed Forces" are a state's military, not armed men
    ("The Malian Armed Forces retook the town of Lere from jihadists on Sunday.", "GOV_REGAINS_TERIT"),
    ("The Armed Forces of Colombia recaptured a base near Tibu from dissidents.", "GOV_REGAINS_TERIT"),
])
def test_a_named_army_of_no_country_is_a_non_state_captor(nlp, text, label):
    assert label_of(nlp, text) == label


@pytest.mark.parametrize("text", ["The city council approved the new budget in a 9-4 vote on Tuesday.",
                                  "Lawmakers passed the bill by a vote of 61 to 39 on Wednesday."])
def test_a_chambers_vote_is_a_decision_not_an_election(nlp, text):
    result = typed(nlp, text)
    assert result is None or result.label != "ELECTION"


def test_a_vote_with_voters_is_still_an_election(nlp):
    result = typed(nlp, "Georgians vote on Saturday in a parliamentary election seen as a test for the government.")
    assert result is not None and result.label == "ELECTION"


def test_air_defences_repelling_drones_is_an_interception(nlp):
    assert label_of(nlp, "Air defence units repelled a raid by six drones on the province on Friday.") \
        == "DISR_WEAP"
    assert label_of(nlp, "The army repelled an attack by militants on a base near the town.") == "ARMED_CLASH"


def test_a_purpose_pursued_for_years_is_background(nlp):
    result = typed(nlp, "The movement has been fighting to overthrow the government for over 15 years, "
                        "staging bombings in towns.")
    assert result is not None and result.generic


def test_drones_shot_down_are_downed_whatever_else_the_sentence_holds(nlp):
    assert label_of(nlp, "The militia said its members shot down two drones and released photos of a burnt "
                         "aircraft wing.") == "DISR_WEAP"


@pytest.mark.parametrize("text", [
    "The rebels have not fired on the border posts since the army renewed its offensive in the hills.",
    "\"The rebels keep shelling our trenches,\" the officer said.",
    # acts told as a trend
    "Aid agencies warned of hunger on Monday as the militia steps up its mortar and rocket attacks on the capital.",
    "Attacks on aid convoys have soared in the north this year, a relief agency said.",
    "Insecurity in the province has grown since the election, with frequent ambushes, kidnappings by armed gangs on "
    "highways and raids on markets.",
    "Aid groups said the militia has kept up its raids on villages in the south.",
    # a toll of a war that is over, told whole
    "Some 9,000 people were killed in the province during the civil war, a rights group said.",
    # wars fought, counted, are history
    "The two neighbours have fought two of their four wars over the disputed valley.",
])
def test_background_clauses_are_generic(nlp, text):
    result = typed(nlp, text)
    assert result is not None and result.generic, (text, result)


def test_an_act_kept_up_on_a_named_day_is_an_incident(nlp):
    result = typed(nlp, "Russian forces continued to shell the town on Monday, killing two people.")
    assert result is not None and not result.generic


@pytest.mark.parametrize("text", [
    "The senator attacked the budget plan during Tuesday's debate.",
    "The opposition leader attacked the government over rising prices.",
    "Critics launched a scathing attack on the reform on Tuesday.",
])
def test_an_attack_in_words_is_no_violence(nlp, text):
    assert typed(nlp, text) is None, text


def test_an_attack_with_arms_on_a_politician_stays_violence(nlp):
    assert label_of(nlp, "Gunmen attacked the minister's convoy on Monday, killing two guards.") in (
        "ARMED_CLASH", "ATTACK")


@pytest.mark.parametrize("sentence", [
    "Government troops drove the rebels out of Kalemie on Tuesday after heavy fighting, the army said.",
    "Our units pushed the enemy out of the village after two days of fierce fighting, a spokesman said.",
])
def test_driving_the_enemy_out_of_a_place_is_a_change_of_territory_not_the_fighting_beside_it(sentence):
    from warlog.extract.nlp import get_nlp

    found = classify_event(get_nlp()(sentence)[:])
    assert found.acled_sub_event_type == "Government regains territory"


def test_an_attack_on_part_of_a_place_targets_the_place():
    """ "Stormed the grounds of a mosque": the grounds are the mosque's, a place of civilians, so the armed
    attackers' act is an Attack, not a clash; "the gates of an army base" are a military site's."""
    from warlog.extract.nlp import get_nlp

    nlp = get_nlp()
    mosque = nlp("Fighters of the Northern Liberation Front and their allies in the Popular Resistance Army stormed "
                 "the grounds of a mosque in Kasindi during Friday prayers.")[:]
    on_the_grounds = classify_event(mosque)
    assert classify_event(mosque, disabled={"clash.part_of_a_place"}).acled_sub_event_type == "Armed clash"
    base = classify_event(nlp("Gunmen attacked the gates of an army base, killing four soldiers.")[:])
    assert (on_the_grounds.acled_sub_event_type, base.acled_sub_event_type) == ("Attack", "Armed clash")


@pytest.mark.parametrize("sentence, expected", [
    ("Russia launched a large drone and missile attack on Lviv overnight, killing four people.",
     "Shelling/artillery/missile attack"),
    ("Russian warplanes fired missiles at the town, killing three.", "Air/drone strike"),
    ("A Russian drone hit a bus in Kherson, killing two.", "Air/drone strike"),
])
def test_drones_launched_with_missiles_are_coded_as_the_missile_attack(sentence, expected):
    from warlog.extract.nlp import get_nlp

    assert classify_event(get_nlp()(sentence)[:]).acled_sub_event_type == expected


def test_militias_allied_to_state_forces_regain_territory_with_them(nlp):
    span = nlp("Government troops and allied militias recaptured the town of Ruwa from the rebels on Thursday.")[:]
    assert classify_event(span).label == "GOV_REGAINS_TERIT"
    span = nlp("Rebels and militias recaptured the town of Ruwa from government troops on Thursday.")[:]
    assert classify_event(span).label == "NON_STATE_ACTOR_OVERTAKES_TER"


def test_a_hijacked_vehicle_is_an_abduction_and_a_hijacked_website_is_not(nlp):
    assert classify_event(nlp("Gunmen hijacked a bus carrying 40 passengers on the highway.")[:]).label \
        == "ABDUCT_DISSAP"
    found = classify_event(nlp("Hackers hijacked the ministry's website on Monday.")[:])
    assert found is None or found.label != "ABDUCT_DISSAP"


def test_a_town_taken_without_much_fighting_is_a_non_violent_transfer(nlp):
    span = nlp("The rebels entered the town without much fighting, residents said.")[:]
    assert classify_event(span).label == "NON_VIOL_TERRIT_TRANSFER"


def test_a_weapon_the_other_side_used_in_a_relative_clause_is_not_the_acts(nlp):
    found = classify_event(nlp("Soldiers opened fire on gunmen who threw explosives at them near the camp.")[:])
    assert found.label != "REM_EXPLOS"
    found = classify_event(nlp("A drone struck a truck that was carrying explosives near the camp.")[:])
    assert found.label == "AIR_STRIKE"


@pytest.mark.parametrize(("sentence", "label"), [
    ("A crowd set fire to the district office in the town on Friday.", "MOB_VIOL"),
    ("Villagers burned the house of a local official on Friday.", "MOB_VIOL"),
    ("Protesters set fire to the ruling party's headquarters during the march on Monday.", "VIOL_DEMONSTR"),
])
def test_what_a_crowd_destroys_is_a_riot(nlp, sentence, label):
    assert classify_event(nlp(sentence)[:]).label == label


def test_tyres_a_crowd_burns_are_no_destruction(nlp):
    found = classify_event(nlp("Youths set fire to tyres on the main road into the town.")[:])
    assert found is None or found.label not in ("PROPERTY_DISTRUCT", "MOB_VIOL")


@pytest.mark.parametrize("sentence", [
    "Aid workers said several tents and a water point were destroyed.",
    "Embassy staff were moved to the capital on Friday.",
])
def test_a_diplomacy_word_naming_people_is_no_act(nlp, sentence):
    found = classify_event(nlp(sentence)[:], acts_over_attribution=True)
    assert found is None or found.label != "DIPLO"


def test_the_police_who_tell_a_shooting_are_no_side_of_a_clash(nlp):
    span = nlp("Three people were killed and five injured when armed miscreants opened fire on villagers in the "
               "district on Friday evening, police said.")[:]
    assert classify_event(span, acts_over_attribution=True).label == "ATTACK"


def test_a_search_for_the_missing_is_no_clash(nlp):
    found = typed(nlp, "Soldiers launched a search operation after the gunmen took four engineers, the army said.")
    assert found is None or found.acled_sub_event_type != "Armed clash"


def test_a_death_in_custody_is_no_clash(nlp):
    found = typed(nlp, "A student leader died in police custody on Friday, his family said.")
    assert found is not None and found.acled_sub_event_type == "Attack"


@pytest.mark.parametrize("text", [
    "A rebel delegation arrived in Nairobi on Saturday for talks on a ceasefire, an official said.",
    "Rebel negotiators flew to Doha on Friday for a new round of peace talks with the government.",
])
def test_talks_a_delegation_travels_for_are_not_yet_held(nlp, text):
    found = typed(nlp, text)
    assert found is None or found.acled_sub_event_type != "Agreement"


def test_talks_held_are_an_agreement_of_acled(nlp):
    assert label_of(nlp, "The government and the rebels held peace talks in Doha on Friday.") == "AGREEMENT"


def test_a_leader_arrested_after_a_rally_is_an_arrest_not_the_rallys_intervention(nlp):
    assert label_of(nlp, "Police arrested opposition leader Amina Juma on Wednesday after a rally in the town of "
                         "Songea, her party said.") == "ARREST"
    assert label_of(nlp, "Police arrested 20 activists at the rally on Wednesday.") == "PROTEST_WITH_INTER"


def test_a_policy_of_talks_is_no_agreement(nlp):
    found = typed(nlp, "The governor's policy of negotiating with the armed gangs has drawn criticism from farmers.")
    assert found is None or found.generic or found.acled_sub_event_type != "Agreement"


def test_the_dead_a_side_receives_in_an_exchange_are_its_half_of_it(nlp):
    """"received the remains of 43 of its soldiers in return": one side's half of an exchange of the dead; a family
    receiving a relative's remains is no exchange, and bodies found are still bodies found."""
    assert label_of(nlp, "The militia received the remains of 17 of its fighters in return, a mediator said.") \
        == "AGREEMENT"
    assert typed(nlp, "The widow received the remains in a sealed coffin on Monday.") is None
    assert label_of(nlp, "Villagers found the bodies of six men in a ditch on Monday.") == "OTHER"


def test_a_toll_during_a_war_on_a_named_day_is_no_running_total(nlp):
    result = typed(nlp, "Two soldiers were killed during the offensive on the town on Monday.")
    assert result is not None and not result.generic


def test_an_inquiry_into_a_death_in_custody_is_no_arrest(nlp):
    """"opened an inquiry into the death in custody": "in custody" says where someone died, told after the fact; no one
    was taken. Taking people into custody is still an arrest."""
    found = typed(nlp, "The watchdog said it had launched an inquiry into the death in custody of a street vendor.")
    assert found is None or found.acled_sub_event_type != "Arrests"
    assert label_of(nlp, "Officers took three men into custody after the brawl outside the bar.") == "ARREST"


def test_weapons_taken_beside_the_killings_of_an_attack_are_part_of_it(nlp):
    """"killed four police officers and seized their rifles": the killings are the event, the seizure part of it; a
    seizure beside a toll denied ("nobody was hurt") stays a seizure."""
    found = typed(nlp, "Gunmen killed four police officers at a checkpoint and seized their rifles.")
    assert found is not None and found.acled_sub_event_type != "Disrupted weapons use"
    found = typed(nlp, "Six guards were killed and the raiders seized weapons and a truck before escaping.")
    assert found is not None and found.acled_sub_event_type != "Disrupted weapons use"
    found = typed(nlp, "Nobody was hurt and customs officers seized the rifles.")
    assert found is not None and found.acled_sub_event_type == "Disrupted weapons use"


def test_a_wave_at_a_whole_country_told_with_the_share_downed_is_the_interception_tally(nlp):
    """"fired 97 drones at the country overnight, of which 64 were shot down": the night's tally (incidents rule 2);
    the wave told alone, or a wave at a city, stays a strike."""
    found = typed(nlp, "The air force said Russia fired 120 drones at the country overnight, of which 85 were shot "
                       "down.")
    assert found is not None and found.acled_sub_event_type == "Disrupted weapons use"
    assert label_of(nlp, "Russia fired 120 drones at the country overnight.") == "AIR_STRIKE"


def test_the_dead_of_the_protests_an_anniversary_remembers_are_not_force_used_today(nlp):
    found = typed(nlp, "Police fired tear gas on Tuesday at hundreds of students who marched to mark the anniversary "
                       "of protests in which 30 people were killed.")
    assert found is not None and found.acled_sub_event_type == "Protest with intervention"


def test_fighters_neutralised_are_killed_and_drones_neutralised_are_downed(nlp):
    """Armies' communiqués say "neutralised" for killing fighters; for drones it is still an interception."""
    assert label_of(nlp, "Soldiers said they had neutralised seven militants near the border on Friday.") \
        == "ARMED_CLASH"
    found = typed(nlp, "The army said it had neutralised eight gunmen in a sweep and recovered rifles and motorbikes.")
    assert found is not None and found.acled_sub_event_type == "Armed clash"
    assert label_of(nlp, "Air defences neutralised 20 drones over the region overnight.") == "DISR_WEAP"


def test_a_depot_struck_by_forces_is_no_accident(nlp):
    """"its forces struck an ammunition depot, causing secondary explosions": armed forces struck it; an explosion
    at a depot with no one named stays an accident."""
    found = typed(nlp, "The general staff said its forces struck a fuel depot in the border region overnight, causing "
                       "secondary explosions.")
    assert found is not None and found.acled_event_type is not None
    assert label_of(nlp, "An explosion at a fuel depot near the port injured two workers on Monday.") \
        == "MAN_MADE_DISASTER"


def test_a_strike_on_a_target_confirmed_by_a_general_staff_is_no_stoppage(nlp):
    """"the General Staff confirmed the strike on the refinery": a blow at a target, and a staff named so is no body of
    workers; hospital staff striking on Monday still stop work."""
    assert label_of(nlp, "The General Staff confirmed the strike on the depot near the border.") != "PEACE_PROTEST"
    assert label_of(nlp, "Hospital staff began a strike on Monday over unpaid wages.") == "PEACE_PROTEST"


def test_the_act_a_toll_is_counted_from_is_the_trigger(nlp):
    """"the death toll from raids by gunmen on farms": the raids are the act, typed by what they were, not the word
    "toll"."""
    found = typed(nlp, "The death toll from raids by gunmen on farming villages in the district on Friday has risen "
                       "to 41, the governor said on Monday.")
    assert found is not None and found.trigger_text == "raids"


def test_a_bomber_who_sets_off_a_bomb_is_no_aircraft(nlp):
    found = typed(nlp, "The bomber detonated his vest at the gate of the police station, officials said.")
    assert found is not None and found.acled_sub_event_type != "Air/drone strike"
    assert typed(nlp, "A bomber dropped two bombs on the market on Monday.").acled_sub_event_type == "Air/drone strike"


def test_a_force_pushed_back_is_no_ground_regained(nlp):
    """"attacked by the army and had pushed it back": "it" is the army, pushed back; no place was retaken."""
    assert label_of(nlp, "The Liberation Front said it had been attacked by the army and had pushed it back.") \
        != "GOV_REGAINS_TERIT"
    assert label_of(nlp, "Troops recaptured the town of Kaboro on Monday and secured it.") == "GOV_REGAINS_TERIT"
