"""A list of victims is one toll: its figures add up, a breakdown after "including" does not. Sentences written for
these tests."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import extracted


def _killed(text: str) -> list[float | None]:
    _, _, extraction = extracted(text, datetime(2025, 3, 10))
    return [extraction.quantities[e.killed].value if e.killed is not None else None
            for e in extraction.events if e.acled_event_type and not e.generic]


@pytest.mark.parametrize("text, total", [
    ("Gunmen killed five miners and three guards at a gold site near Tarro on Sunday.\n", 8),
    ("A drone strike on Saturday killed a local commander and four other fighters in Wadi Sela.\n", 5),
    ("A man, his wife and their two daughters were killed when a shell hit their house in Molo on Friday.\n", 4),
])
def test_the_members_of_a_victim_list_are_added(text, total):
    assert _killed(text) == [total]


@pytest.mark.parametrize("text, first", [
    ("Fourteen people, including six children, were killed in an air strike on Bara on Sunday.\n", 14),
    ("Gunmen killed seven villagers and livestock in a raid on Koli on Saturday.\n", 7),
])
def test_a_breakdown_or_a_list_with_things_keeps_the_first_figure(text, first):
    assert _killed(text) == [first]


def test_a_total_reads_as_at_least_when_a_part_does():
    _, _, extraction = extracted("Rebels killed at least nine soldiers and two police officers in an ambush near "
                                 "Doro on Monday.\n", datetime(2025, 3, 10))
    event = next(e for e in extraction.events if e.acled_event_type and not e.generic)
    toll = extraction.quantities[event.killed]
    assert (toll.value, toll.qualifier) == (11, "at least")
    assert toll.span.text == "at least nine soldiers and two police officers"


def test_a_list_the_parser_split_into_two_subjects_is_added():
    assert _killed("Two policemen and at least six gunmen were killed in a raid on a checkpoint in Daro on "
                   "Saturday.\n") == [8]


@pytest.mark.parametrize("text", [
    "A shepherd was killed by a mine near the village of Tuma on Sunday.\n",
    "Gunmen shot dead a bus driver on the road to Kasa on Sunday.\n",
])
def test_one_victim_told_by_a_trade_is_a_toll_of_one(text):
    assert _killed(text) == [1]
