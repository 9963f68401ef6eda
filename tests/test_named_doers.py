"""The named group behind a described doer, on reports written for these tests."""

from __future__ import annotations

from datetime import datetime

import pytest

from warlog.pipeline import extract_document, prepare
from warlog.sources.text import read_text

SECOND_ATTACK = ("\nIn a separate attack on Saturday, militants killed nine soldiers at a base near Afmadow, police "
                 "said.")


def _actors(text: str) -> list[str | None]:
    document = read_text(text, "test", published=datetime(2025, 3, 9))
    extraction = extract_document(document, prepare(document))
    for event in extraction.events:  # a named doer is evidence too: its span is where the name is written
        assert event.actor1 is None or document.text[event.actor1.start:event.actor1.end] == event.actor1.text
    return [e.actor1.text if e.actor1 else None for e in extraction.events if not e.generic]


@pytest.mark.parametrize("first,name", [
    ("Delta Front militants stormed a hotel in Kismayo on Friday.", "Delta Front"),
    ("Gunmen from the Delta Front (DF) militants stormed a hotel in Kismayo on Friday.", "DF"),
])
def test_bare_doers_take_the_one_name_the_report_gives_them(first, name):
    assert _actors(first + SECOND_ATTACK)[-1] == name


def test_doers_described_by_their_creed_take_the_name_too():
    actors = _actors("Communist rebels ambushed an army patrol near Kismayo on Friday, killing two soldiers, the army "
                     "said.\nAbout 30 Hill Guard (HG) rebels opened fire on the patrol, a commander said.")
    assert actors[0] == "HG"


@pytest.mark.parametrize("first", [
    "Delta Front militants and Hill Guard militants stormed a hotel in Kismayo on Friday.",  # two names
    "Somali militants stormed a hotel in Kismayo on Friday.",  # a people
    "Suspected Islamist militants stormed a hotel in Kismayo on Friday.",  # a description
    "Islamic Front-linked militants stormed a hotel in Kismayo on Friday.",  # whom they are tied to
])
def test_no_name_or_two_names_leave_the_doer_as_written(first):
    assert _actors(first + SECOND_ATTACK)[-1] == "militants"


@pytest.mark.parametrize(("claim", "name"), [
    ("The Delta Front, a faction of the Hill movement, claimed responsibility in a statement.", "Delta Front"),
    ("Hill Guard (HG) has claimed the attack.", "HG"),
    ("The interior ministry blamed the attack on the Delta Front group.", "Delta Front"),
    ("Officials pointed to the Delta Front as the likely perpetrator.", "Delta Front"),
    ("The Delta Front said in a message on its channel that its fighters had carried out the attack.", "Delta Front"),
    ("Hill Guard said it carried out the attack.", "Hill Guard"),
    ("The interior ministry blamed the Delta Front for the killings.", "Delta Front"),
    ("The governor blamed Hill Guard.", "Hill Guard"),
])
def test_the_group_a_report_says_claimed_or_was_blamed_names_the_described_doer(claim, name):
    actors = _actors("Two assailants opened fire on worshippers at a church in Kismayo on Friday, killing 12 people, "
                     "police said.\n" + claim)
    assert actors[0] == name


def test_no_group_claiming_and_a_separate_attack_keep_their_doers():
    actors = _actors("Gunmen opened fire on worshippers at a church in Kismayo on Friday, killing 12 people, police "
                     "said.\nNo group has claimed responsibility.")
    assert actors[0] == "Gunmen"
    actors = _actors("Gunmen opened fire on worshippers at a church in Kismayo on Friday, killing 12 people.\n"
                     "The Delta Front claimed the attack.\nIn a separate attack on Saturday, assailants killed three "
                     "farmers near Afmadow, police said.")
    assert actors[0] == "Delta Front" and actors[-1] == "assailants"


def test_a_report_with_a_separate_attack_still_names_its_own_incidents_doer():
    """The claim names the doer of the report's one incident told with none; a separate attack told beside it is not
    the report's own and does not make it two."""
    actors = _actors("A suicide bomber rammed a car into a convoy near Kismayo on Friday, killing nine soldiers.\n"
                     "The Delta Front claimed responsibility for the attack.\n" + SECOND_ATTACK.strip())
    assert actors[0] == "Delta Front" and actors[-1] == "militants"


def test_a_group_an_attack_was_carried_out_by_names_its_doer():
    actors = _actors("Gunmen killed four villagers in the village of Tamo on Sunday, officials said.\nThe governor "
                     "said the killings had been carried out by the Northern Liberation Front, which denied it.\n")
    assert actors == ["Northern Liberation Front"]


def test_a_word_of_ties_before_a_name_is_no_part_of_it():
    """"Hill-backed Delta Front militants": the militants are the Delta Front's; the backer is another."""
    assert _actors("Hill-backed Delta Front militants stormed a hotel in Kismayo on Friday." + SECOND_ATTACK)[-1] \
        == "Delta Front"
