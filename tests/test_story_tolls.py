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


def test_a_toll_sentence_gives_the_incident_the_figure_it_lacked_with_its_evidence():
    text = ("Drone strike on market\n"
            "A drone strike hit a market in Kharkiv on Sunday, killing at least nine people, the governor said.\n"
            "Doctors reported 27 injuries, four of them critical.\n")
    _, _, extraction = extracted(text, PUBLISHED)
    (strike,) = _violent(extraction)
    assert _value(extraction, strike.killed) == 9
    assert _value(extraction, strike.injured) == 27
    assert any("27 injuries" in s.text for s in strike.restatements)


def test_a_cumulative_toll_stays_out_of_the_incident():
    text = ("Drone strike on market\n"
            "A drone strike hit a market in Kharkiv on Sunday, killing at least nine people, the governor said.\n"
            "Since the start of the year, 240 people have been wounded in the region.\n")
    _, _, extraction = extracted(text, PUBLISHED)
    (strike,) = _violent(extraction)
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
