"""ACLED's civilian targeting read off an event's target as written, and in the ACLED export."""

import pytest

from warlog.export.acled import targets_civilians
from warlog.extract.civilian_target import is_civilian_target


@pytest.mark.parametrize("phrase", [
    "a nine-storey apartment block", "displaced families", "a maternity hospital in Rafah", "worshippers",
    "the village's residents", "children of the village", "a crowded market", "two women",
])
def test_civilians_and_civilian_sites_are_civilian_targets(phrase):
    assert is_civilian_target(phrase)


@pytest.mark.parametrize("phrase", [
    "a police station", "two policemen", "soldiers of the 5th brigade", "an army checkpoint", "the rebels",
    "the town of Bakhmut", "Russian positions", "an ammunition depot", "members of the militia", None, "",
])
def test_armed_people_military_sites_and_bare_places_are_not(phrase):
    assert not is_civilian_target(phrase)


def test_the_export_marks_remote_violence_on_civilians_but_never_a_battle():
    assert targets_civilians("Explosions/Remote violence", "a nine-storey block of flats")
    assert not targets_civilians("Explosions/Remote violence", "an air base")
    assert not targets_civilians("Battles", "villagers")
    assert targets_civilians("Violence against civilians", None)
