"""ACLED actor categories read from an actor's words, and the interaction code of a pair. Phrases of our own."""

from __future__ import annotations

import pytest

from warlog.export.acled_actors import inter_code, interaction, target_code


@pytest.mark.parametrize("actor, event_type, code", [
    ("Russian forces", "Battles", 1),
    ("the army", "Explosions/Remote violence", 1),
    ("Ukraine", "Battles", 1),
    ("police officers", "Violence against civilians", 1),
    ("jihadist fighters", "Battles", 2),
    ("suspected ADF rebels", "Violence against civilians", 2),
    ("armed gangs", "Battles", 3),
    ("Fulani herdsmen", "Violence against civilians", 4),
    ("rioters", "Riots", 5),
    ("students", "Protests", 6),
    ("the mayor of the city", "Strategic developments", None),
    (None, "Battles", None),
])
def test_actor_categories(actor, event_type, code):
    assert inter_code(actor, event_type) == code


def test_civilian_targets_and_interaction_codes():
    assert target_code("a crowded market") == 7 and target_code("an army checkpoint") is None
    assert interaction(1, 7) == "17" and interaction(7, 2) == "27" and interaction(2, None) == "20"
    assert interaction(None, 1) == ""
