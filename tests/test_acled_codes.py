"""ACLED codes read from what warlog extracted: actor categories, interaction and region. Phrases of our own."""

from __future__ import annotations

import pytest

from warlog.export.acled_actors import inter_code, interaction, target_code
from warlog.export.acled_regions import acled_region


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


@pytest.mark.parametrize("code, region", [
    ("UA", "Europe"), ("SD", "Northern Africa"), ("ML", "Western Africa"), ("CD", "Middle Africa"),
    ("YE", "Middle East"), ("IR", "Middle East"), ("GE", "Caucasus and Central Asia"), ("MM", "Southeast Asia"),
    ("HT", "Caribbean"), ("MX", "Central America"), ("BD", "South Asia"), (None, ""), ("XX", ""),
])
def test_acled_regions(code, region):
    assert acled_region(code) == region
