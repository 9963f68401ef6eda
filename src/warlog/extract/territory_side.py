"""Territory taken by a state's forces outside their own country: ACLED's "Non-state actor overtakes territory".

ACLED's codebook puts a capture by a *foreign* state actor under "Non-state actor overtakes territory" and keeps
"Government regains territory" for a government taking back ground in its own country. The sentence-level typer
decides this where the sentence names both sides' nations ("Russian troops took two Ukrainian villages"); a lead
such as "Russian troops took control of X, a village in the Y region," names only the captor's, and which country
the village lies in is known only once the document's places are resolved. This pass, run after resolution, turns
a government's capture into a foreign one when the captor's country (from its name: "Russian forces", "Moscow")
differs from the country of the event's place, or, for an event with no resolved place, from the one country its
post's places lie in; and, the other way, a capture the sentence typed as foreign back into a government's when a
state's forces took ground in their own country ("Ukrainian troops retook a village in the Zaporizhzhia region",
whose region name the parser may read as a nationality). Only a state's forces are judged so: "Syrian rebels" name
a country and are no government.
"""

from __future__ import annotations

from collections import Counter

from warlog.extract.event_roles import side_of
from warlog.extract.event_types import TYPES
from warlog.resolve.places import get_resolver
from warlog.schema import Event, Extraction

_GOVERNMENT = TYPES["GOV_REGAINS_TERIT"]
_FOREIGN = TYPES["NON_STATE_ACTOR_OVERTAKES_TER"]
# The last word of a phrase naming a state's armed forces ("Russian military forces", "Ukraine's army").
_FORCE_WORDS = {"forces", "force", "troops", "army", "military", "soldiers", "servicemen", "units", "unit",
                "brigade", "brigades", "marines", "paratroopers", "guards", "navy", "battalion", "battalions",
                "ministry", "command", "government"}  # "Russia's defence ministry said its forces took…"
# Words that make armed men something other than a state's forces.
_NOT_STATE_WORDS = {"rebel", "rebels", "militia", "militias", "separatist", "separatists", "insurgent", "insurgents",
                    "militant", "militants", "fighters", "opposition", "resistance", "volunteer", "volunteers"}


def _state_forces(text: str) -> bool:
    """Whether a doer is a state's forces by its words: "Russian troops", "Moscow", "Ukraine's 47th brigade"."""
    words = [w.strip(".,;:'\"’").removesuffix("'s").removesuffix("’s") for w in text.lower().split()]
    words = [w for w in words if w]
    if not words or any(w in _NOT_STATE_WORDS or w.endswith("-backed") for w in words):
        return False
    return words[-1] in _FORCE_WORDS or len(words) <= 2 and side_of(text) is not None


def _side_country(text: str | None) -> str | None:
    """The country code of the side a phrase names ("Russian military forces" -> RU), or None."""
    side = side_of(text)
    if not side:
        return None
    return next((entry.country for entry, _ in get_resolver().candidates(side) if entry.feature == "country"), None)


def _where(result: Extraction, event: Event) -> str | None:
    """The country the event happened in: its place's, else the single country of its post's resolved places."""
    if event.place is not None:
        return result.places[event.place].country_code
    countries = Counter(p.country_code for p in result.places
                        if p.post_index == event.post_index and p.country_code and p.lat is not None)
    return next(iter(countries)) if len(countries) == 1 else None


def retype_foreign_captures(result: Extraction) -> None:
    """Retype, in place, each capture by a state's forces by whether the ground lies in their own country."""
    kinds = {row.acled_sub_event_type for row in (_GOVERNMENT, _FOREIGN)}
    for event in result.events:
        if event.acled_sub_event_type not in kinds or event.actor1 is None or not _state_forces(event.actor1.text):
            continue
        home = _side_country(event.actor1.text)
        where = _where(result, event) if home is not None else None
        if where is None:
            continue
        row = _GOVERNMENT if where == home else _FOREIGN
        event.acled_event_type, event.acled_sub_event_type = row.acled_event_type, row.acled_sub_event_type
