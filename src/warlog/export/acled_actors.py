"""ACLED's actor categories ("inter" codes) for the actors the extractor read, and the interaction code of a pair.

ACLED sorts every actor into one of eight categories: 1 state forces, 2 rebel groups, 3 political militias,
4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces; an event's interaction is
the two codes, lower first ("12": state forces against rebels; "10": state forces acting alone). Analysts filter
by them, so an export without them does not drop into an ACLED workflow.

The category is read from the actor's words with the typer's own actor lexicon (`event_types.LEXICON`: the
A_STATE and A_NONSTATE cue words), a nationality, capital or country naming a state's forces ("Russian",
"Kyiv"), and the event's type for protesters and rioters. What the words do not settle stays empty: a wrong
category would mislead a filter more than a missing one.
"""

from __future__ import annotations

import re

from warlog.extract.civilian_target import is_civilian_target
from warlog.extract.event_roles import side_of
from warlog.extract.event_types import LEXICON

STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS = 1, 2, 3, 4, 5, 6, 7

_WORD = re.compile(r"[a-z][a-z'-]*")


def _phrases(cue: str) -> list[str]:
    return [p.strip() for p in LEXICON[cue].replace("\n", " ").split(",") if p.strip()]


_STATE = _phrases("A_STATE")
_NONSTATE = _phrases("A_NONSTATE")
# Armed groups ACLED files as militias rather than rebels: local and political armed groups, gangs; and those
# organised by community or ethnicity.
_POLITICAL_MILITIA = {"militia", "militiaman", "militiamen", "gang", "gangs", "gangster", "bandit", "bandits",
                      "vigilante", "vigilantes", "mercenary", "wagner", "warlord", "faction"}
_IDENTITY_MILITIA = {"herdsman", "herdsmen", "fulani", "clan", "tribal", "ethnic", "communal", "anti-balaka"}
_PROTESTERS = {"protester", "protesters", "demonstrator", "demonstrators", "marcher", "marchers", "students"}
_RIOTERS = {"rioter", "rioters", "mob", "looters", "crowd"}


def _has(words: list[str], phrases: list[str]) -> bool:
    joined = " " + " ".join(words) + " "
    return any(f" {p} " in joined or f" {p}s " in joined for p in phrases)


def inter_code(actor: str | None, event_type: str | None = None) -> int | None:
    """ACLED's category of an actor phrase, or None when its words do not settle it."""
    if not actor:
        return None
    words = _WORD.findall(actor.lower())
    if event_type == "Protests" and (set(words) & _PROTESTERS or not words):
        return PROTESTERS
    if event_type == "Riots" and set(words) & (_RIOTERS | _PROTESTERS):
        return RIOTERS
    if set(words) & _IDENTITY_MILITIA:
        return IDENTITY_MILITIA
    if set(words) & _POLITICAL_MILITIA:
        return POLITICAL_MILITIA
    if _has(words, _NONSTATE):
        return REBELS
    if _has(words, _STATE) or side_of(actor) is not None:
        return STATE_FORCES
    return None


def target_code(target: str | None) -> int | None:
    """The category of whom an event struck: civilians when the target names them or a civilian site."""
    return CIVILIANS if is_civilian_target(target) else None


def interaction(first: int | None, second: int | None) -> str:
    """ACLED's interaction code: the two categories, lower first; a lone actor's code followed by 0; empty when the
    first actor's category is unknown."""
    if first is None:
        return ""
    if second is None:
        return f"{first}0"
    low, high = sorted((first, second))
    return f"{low}{high}"


_POLICE = {"police", "policemen", "policeman", "gendarmerie", "gendarmes", "riot"}


def acled_actor_name(actor: str | None, category: int | None) -> str:
    """ACLED's name for a state's forces ("Military Forces of Russia", "Police Forces of Israel"), read from the
    phrase the text used ("Russian troops", "Israeli police"); any other actor keeps the text's words.

    ACLED also tags a state's forces with the period of its government ("(2000-)"); that period is a coding
    decision warlog has no source for, so it is left out rather than guessed."""
    if not actor:
        return ""
    if category != STATE_FORCES:
        return actor
    country = side_of(actor)
    if country is None:
        return actor
    kind = "Police Forces" if set(_WORD.findall(actor.lower())) & _POLICE else "Military Forces"
    return f"{kind} of {country}"
