"""One incident, one event, across a whole document: reports of an incident told in several places of a page.

`event_merge` folds a sentence into the event it restates while a post is parsed, reading places as words. A
news article tells one strike many times over — the lead, the governor's account, a quote about the damage, a
belligerent's claim, a paragraph further down with the toll — often in different paragraphs, and some of those
sentences name the place in other words ("the city", "the region") or not at all. Once the document's places are
resolved, this pass asks the same question of every pair of events of the document: the same family of event,
nothing that tells them apart (dates, weapons, sides, doers, exact tolls: `event_merge.nothing_contradicts`), and
towns, villages or districts that can be one place (within `MAX_KM`). The later event is absorbed into the earlier
one, its sentence kept as a restatement, its missing fields filling the earlier one's.

What stays apart: events placed in different towns (one entry per place, as ACLED codes "strikes on Kharkiv and
Sumy"), events with no place or only a province or country (left to the sentence-level merge), generic
statements, interceptions (`family` None), and different sub-types of remote violence (an air strike and a
missile strike of one night are two entries), unless one of them is a vague clash or attack that a later
sentence names more precisely.
"""

from __future__ import annotations

from collections.abc import Iterable

from warlog.extract.event_merge import absorb, family, nothing_contradicts
from warlog.resolve.gazetteer import distance_km
from warlog.schema import PRECISIONS, Event, Extraction, Place

# Two fine places (a town, a village, a district) this close are one place: a town and the village on its edge.
MAX_KM = 25.0
_FINE = {"point", "city", "admin2"}
_VAGUE_SUBTYPES = {"Armed clash", "Attack", None}


def _place(extraction: Extraction, event: Event) -> Place | None:
    return extraction.places[event.place] if event.place is not None else None


def places_can_be_one(a: Place, b: Place) -> bool:
    """Whether two resolved towns, villages or districts can be where one incident happened."""
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if None in (a.lat, a.lon, b.lat, b.lon):
        return a.gazetteer_id == b.gazetteer_id
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= MAX_KM


def _places_fit(extraction: Extraction, earlier: Event, later: Event) -> bool:
    """Both events are placed in a town, village or district, and the places can be one. An unplaced event, or one
    placed in a whole province or country, is left to the sentence-level merge, which reads its words ("an overnight
    drone attack" opens a new incident, "the strike" refers back): a province holds every clash of a front, a
    country every town of a national wave, and a missing place says nothing."""
    first, second = _place(extraction, earlier), _place(extraction, later)
    if first is None or second is None or not {first.precision, second.precision} <= _FINE:
        return False
    return places_can_be_one(first, second)


def _subtypes_agree(a: Event, b: Event) -> bool:
    return (a.acled_sub_event_type == b.acled_sub_event_type or a.acled_sub_event_type in _VAGUE_SUBTYPES
            or b.acled_sub_event_type in _VAGUE_SUBTYPES)


def assemble_incidents(extraction: Extraction) -> None:
    """Fold each event of `extraction` that restates an earlier one of the document into it (in place).

    Only events placed in a town can be folded, and only into an earlier one of their family: those are the
    candidates compared, so a page of thousands of unplaced sentences costs one pass, not a pass per event."""
    kept: list[Event] = []
    placed: dict[str, list[Event]] = {}  # family -> kept events placed in a town, village or district
    for event in extraction.events:
        kind, place = family(event), _place(extraction, event)
        fine = kind is not None and place is not None and place.precision in _FINE
        target = next((earlier for earlier in placed.get(kind, []) if _subtypes_agree(earlier, event)
                       and nothing_contradicts(earlier, event, extraction.quantities, 0)
                       and _places_fit(extraction, earlier, event)), None) if fine else None
        if target is None:
            kept.append(event)
            if fine:
                placed.setdefault(kind, []).append(event)
            continue
        place = target.place if target.place is not None else event.place
        absorb(target, event)
        target.place = finest(extraction, (place, event.place))
    extraction.events = kept


def finest(extraction: Extraction, indexes: Iterable[int | None]) -> int | None:
    """Of some place indexes of `extraction`, the most precise (a village over its province over a country)."""
    options = [n for n in indexes if n is not None]
    return min(options, key=lambda n: PRECISIONS.index(extraction.places[n].precision), default=None)
