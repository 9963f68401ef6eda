"""Tolls a story gives in a sentence of their own go to its one incident; cumulative tolls and guesses do not.

The reports are written for these tests.
"""

from __future__ import annotations

from datetime import datetime

from tests.conftest import extracted

PUBLISHED = datetime(2025, 3, 10)


def _violent(extraction):
    return [e for e in extraction.events if not e.generic and e.acled_event_type is not None
            and e.acled_event_type != "Strategic developments"]


def _value(extraction, index):
    return None if index is None else extraction.quantities[index].value


LEAD = ("Drone strike on market\n"
        "A drone strike hit a market in Kharkiv on Sunday, killing at least nine people, the governor said.\n")


def _the_strike(text: str):
    """The extraction of a report and its one violent incident."""
    _, _, extraction = extracted(text, PUBLISHED)
    (strike,) = _violent(extraction)
    return extraction, strike


def test_a_toll_sentence_gives_the_incident_the_figure_it_lacked_with_its_evidence():
    extraction, strike = _the_strike(LEAD + "Doctors reported 27 injuries, four of them critical.\n")
    assert _value(extraction, strike.killed) == 9
    assert _value(extraction, strike.injured) == 27
    assert any("27 injuries" in s.text for s in strike.restatements)


def test_a_cumulative_toll_stays_out_of_the_incident():
    _, strike = _the_strike(LEAD + "Since the start of the year, 240 people have been wounded in the region.\n")
    assert strike.injured is None


def test_with_two_incidents_in_a_post_a_loose_figure_is_nobodys():
    text = ("Strikes on two cities\n"
            "A drone strike hit a market in Kharkiv on Sunday, killing nine people. Hours later a missile struck a "
            "school in Odesa, killing three.\n"
            "Doctors reported 27 injuries.\n")
    _, _, extraction = extracted(text, PUBLISHED)
    strikes = _violent(extraction)
    assert len(strikes) == 2
    assert all(s.injured is None for s in strikes)


def test_a_part_of_the_victims_is_no_toll_of_an_incident_told_without_one():
    _, _, extraction = extracted("Drone strike on market\nA drone strike hit a market in Kharkiv on Sunday, the "
                                 "governor said.\nAmong the dead were two children, a doctor said.\n", PUBLISHED)
    (strike,) = _violent(extraction)
    assert strike.killed is None


def test_a_vague_lead_takes_the_figure_a_restatement_gives():
    _, _, extraction = extracted(
        "Base attacked\nFighters attacked an army base in Kidal on Saturday, killing dozens of soldiers, security "
        "sources said.\nThe group claimed the attack in a statement, saying it had killed more than 40 soldiers and "
        "seized weapons and vehicles.\n",
        PUBLISHED)
    (attack,) = _violent(extraction)
    assert _value(extraction, attack.killed) == 40


def test_a_lead_with_no_toll_word_takes_no_figure_of_another_act_told_with_it():
    _, _, extraction = extracted(
        "Rebels take town\nRebels took control of the town of Kutkai on Friday after weeks of fighting, the group "
        "said.\nResidents said at least 30 civilians had been killed in air strikes on the town during the "
        "fighting.\n", PUBLISHED)
    captures = [e for e in extraction.events if not e.generic and e.acled_sub_event_type
                and "territory" in e.acled_sub_event_type]
    assert captures and all(e.killed is None for e in captures)


def test_a_higher_count_told_later_as_an_update_replaces_the_leads():
    _, _, extraction = extracted(
        "Strike on city\nA missile hit an apartment block in Dnipro on Sunday, killing nine people and injuring 40, "
        "officials said.\nThe interior minister later put the number of injured at 57.\nThe death toll rose to 11 "
        "overnight, the governor said.\n", PUBLISHED)
    (strike,) = _violent(extraction)
    assert (_value(extraction, strike.killed), _value(extraction, strike.injured)) == (11, 57)


def test_a_total_of_the_war_is_no_update_of_an_incidents_toll():
    _, _, extraction = extracted(
        "Strike on city\nA missile hit an apartment block in Dnipro on Sunday, killing nine people, officials said.\n"
        "The number of civilians killed in the region has risen to 1,200 since the war began.\n", PUBLISHED)
    (strike,) = _violent(extraction)
    assert _value(extraction, strike.killed) == 9
