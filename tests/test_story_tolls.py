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
