"""One incident, one event, across a whole document: reports of an incident told in several places of a page.

`event_merge` folds a sentence into the event it restates while a post is parsed, reading places as words. A
news article tells one strike many times over — the lead, the governor's account, a quote about the damage, a
belligerent's claim, a paragraph further down with the toll — often in different paragraphs, and some of those
sentences name the place in other words ("the city", "the region") or not at all. Once the document's places are
resolved, this pass puts every pair of events placed in a town, village or district to `warlog.coreference` (the
scorer that also links reports across documents): the later event is absorbed into the earlier one it is linked
to, its sentence kept as a restatement, its missing fields filling the earlier one's.

What stays apart: events placed in different towns (one entry per place, as ACLED codes "strikes on Kharkiv and
Sumy"), events with no place or only a province or country (left to the sentence-level merge: a province holds
every clash of a front, a country every town of a national wave, and a missing place says nothing), and whatever
the scorer tells apart (generic statements, interceptions, an air strike and a missile strike of one night).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from warlog import coreference
from warlog.extract.event_merge import INTERCEPTION, absorb, dates_better, give_missing_toll, keep_sentences
from warlog.extract.event_roles import belligerent_side
from warlog.extract.event_time import BACKGROUND_AFTER_DAYS
from warlog.schema import PRECISIONS, Event, Extraction, TimeRef

# Demonstrations: ACLED codes one per place and day, however many sentences tell what happened at it.
_GATHERINGS = {"Protests", "Riots"}


def _gathering_placed_by_story(event: Event) -> bool:
    """A protest or riot the story's dateline or headline placed ("NAIROBI - Police fired tear gas at protesters…",
    "Protesters set fire to part of the parliament"): its sentences are one demonstration of that town and day. Other
    unplaced violence stays apart: two attacks a story leaves unplaced may be two."""
    return event.place is not None and event.acled_event_type in _GATHERINGS


def _placed_in_a_town(extraction: Extraction, event: Event) -> bool:
    place = extraction.places[event.place] if event.place is not None else None
    return place is not None and place.precision in coreference.FINE_PRECISIONS and place.lat is not None


def _mention(extraction: Extraction, event: Event) -> coreference.IncidentMention:
    return coreference.mention_of(event, quantities=extraction.quantities, claims=extraction.claims,
                                  places=extraction.places)


def assemble_incidents(extraction: Extraction) -> None:
    """Fold each event of `extraction` that restates an earlier one of the document into it (in place).

    The candidates of an event are the earlier kept events of its family placed in a town when it is placed in a
    town too, and those of its own story (post) that name a place when it names one: the sentence-level merge read
    the story's place names as words, and a village and its province only meet once they are resolved. A page of
    thousands of unplaced sentences costs one pass, not a pass per event."""
    kept: list[Event] = []
    in_towns: dict[str, list[int]] = {}  # family -> positions in `candidates` of kept events placed in a town
    in_story: dict[tuple[str, int | None], list[int]] = {}  # (family, post) -> those naming a place
    candidates: list[tuple[Event, coreference.IncidentMention]] = []
    for event in extraction.events:
        kind = coreference.family(event)
        if kind is None or event.generic or not (event.locations or _gathering_placed_by_story(event)):
            kept.append(event)
            continue
        town = _placed_in_a_town(extraction, event)
        mention = _mention(extraction, event)
        story = in_story.get((kind, event.post_index), [])
        positions = sorted(set(in_towns.get(kind, []) if town else []) | set(story))
        # "A separate strike on a house in the village of X": the writer says it is another, and it stays one
        found = None if _told_as_another(event) else next(
            (n for n in positions if coreference.linked(candidates[n][1], mention) is not None), None)
        if found is None:
            kept.append(event)
            candidates.append((event, mention))
            if town:
                in_towns.setdefault(kind, []).append(len(candidates) - 1)
            in_story.setdefault((kind, event.post_index), []).append(len(candidates) - 1)
            continue
        target = candidates[found][0]
        place = target.place if target.place is not None else event.place
        absorb(target, event, extraction.quantities)
        target.place = finest(extraction, (place, event.place))
        candidates[found] = (target, _mention(extraction, target))
    extraction.events = kept
    fold_definite_references(extraction)
    fold_people_named_again(extraction)
    attach_consequences(extraction)
    fold_untyped_aftermath(extraction)
    date_by_the_story(extraction)
    fold_interception_tallies(extraction)
    fold_launches_intercepted(extraction)


_YEAR = re.compile(r"\b\d{4}\b")


def _country(extraction: Extraction, event: Event) -> str | None:
    return extraction.places[event.place].country_code if event.place is not None else None


def _defender(extraction: Extraction, event: Event) -> str | None:
    """Whose air defences a tally counts: the side of the one who gives it ("Ukraine's air force said…", "Russia's
    defence ministry said its air defences destroyed…"), else of its doer; None when the text does not say."""
    claim = extraction.claims[event.claim] if event.claim is not None else None
    names = [claim.affiliation, claim.speaker_text] if claim is not None else []
    names.append(event.actor1.text if event.actor1 is not None else None)
    for name in names:
        side = belligerent_side(name)
        if side is not None and coreference.is_country_name(coreference.norm_place(side)):
            return side
    return None


def _day(event: Event) -> date | None:
    return event.time.start if event.time is not None else None


def _near_days(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= 1


def fold_interception_tallies(extraction: Extraction) -> None:
    """One night's air-defence tally is one entry: "air defences downed 49 drones overnight, 25 of them over region
    A", "the governor said eight were repelled over his region", "drones were also destroyed over B and C" are the
    same wave told region by region, and an analyst counts the night once (the regional figures stay in the claims).
    The interceptions of a document that fall on the same day (or have no day) in the same country (or no country)
    are one entry, told by the fullest of their sentences: two countries' air defences stay apart. A day either side
    counts as the same day: "overnight" is the morning after for one sentence and the evening before for another
    ("the ministry said on Sunday" vs the report's own Monday morning), so two nights a day apart are told as one
    (rarer than the first)."""
    def is_tally(event: Event) -> bool:
        return event.acled_sub_event_type == INTERCEPTION and not event.generic

    def compatible(a: object, b: object) -> bool:
        return a is None or b is None or a == b

    groups: list[list[Event]] = []  # each event alone, or one night's tallies together
    for event in extraction.events:
        group = next((g for g in groups if is_tally(g[0]) and all(
            _near_days(_day(k), _day(event)) and compatible(_country(extraction, k), _country(extraction, event))
            and compatible(_defender(extraction, k), _defender(extraction, event))
            for k in g)), None) if is_tally(event) else None
        if group is None:
            groups.append([event])
        else:
            group.append(event)
    kept: list[Event] = []
    for group in groups:
        # the entry is told by its fullest sentence (a body sentence with its doer and place over a headline), in the
        # report's own words over a quote ("'Our forces neutralised an enemy drone,' a spokesman said")
        host = max(group, key=lambda e: (e.actor1 is not None, e.place is not None, bool(e.locations),
                                         not e.evidence.text.lstrip().startswith(('"', "'", "“")),
                                         len(e.evidence.text)))
        for event in group:
            if event is not host:
                keep_sentences(host, event)
        kept.append(host)
    extraction.events = kept


# What an interception says it stopped, named again: "the missile was intercepted" after "fired a missile at X".
_THE_WEAPON = re.compile(r"^(?:the|that|this)\s+(?:\w+\s+)?(?:missiles?|rockets?|drones?|projectiles?)$", re.IGNORECASE)


def fold_launches_intercepted(extraction: Extraction) -> None:
    """A launch told with no toll and the interception of that weapon named again ("the Houthis said they fired a
    missile at the airport overnight. The military said the missile was intercepted") are one incident, as ACLED codes
    a shoot-down: the interception's entry, whose second actor is who launched it, placed where it was aimed when the
    interception names no place. The launch is the nearest strike from afar before it in the same story."""
    dropped: set[int] = set()
    for n, event in enumerate(extraction.events):
        if event.acled_sub_event_type != INTERCEPTION or event.generic or event.target is None \
                or not _THE_WEAPON.match(event.target.text.strip()):
            continue
        launch = next((k for k in range(n - 1, -1, -1) if k not in dropped
                       and extraction.events[k].post_index == event.post_index
                       and not extraction.events[k].generic), None)
        told = extraction.events[launch] if launch is not None else None
        if told is None or told.acled_sub_event_type not in coreference.STRIKES_FROM_AFAR \
                or told.killed is not None or told.injured is not None or not _near_days(_day(told), _day(event)):
            continue
        keep_sentences(event, told)
        event.actor2 = event.actor2 or told.actor1
        event.place = event.place if event.place is not None else told.place
        dropped.add(launch)
    extraction.events = [e for n, e in enumerate(extraction.events) if n not in dropped]


def date_by_the_story(extraction: Extraction) -> None:
    """An incident its sentences do not date ("Villagers said three men were detained", "Air defences
    downed 40 drones") is of its story's day: the day the story's first dated incident happened ("raided the camp on
    Tuesday"). Why: a report tells the events of one day and dates its lead only; the report's day alone ("on or
    before the report") would leave the analyst no date. The date keeps the phrase it came from as its evidence and
    is marked approximate; an event dated by its own words, or background, is left alone."""
    story_day: dict[int | None, TimeRef] = {}
    for event in sorted(extraction.events, key=lambda e: e.evidence.start):  # the story's first dated incident
        time = event.time
        if event.acled_event_type is None or time is None:
            continue
        if time.precision not in ("day", "days") or not time.resolved or time.span.end <= time.span.start:
            continue
        if not event.generic and time.precision == "day":
            story_day.setdefault(event.post_index, time)
        elif event.generic and not _YEAR.search(time.span.text):  # not "on Oct. 7, 2023": a date of history
            # a generic lead's day ("strikes across Gaza killed 12 on Saturday"), before the incidents it sums up
            story_day.setdefault(event.post_index, time)
    for event in extraction.events:
        day = story_day.get(event.post_index)
        undated = event.time is None or event.time.precision == "before"
        if day is None or not undated or event.generic or event.acled_event_type is None:
            continue
        if event.time is not None and event.time.end is not None and day.start is not None and (
                day.start > event.time.end or (event.time.end - day.start).days >= BACKGROUND_AFTER_DAYS):
            continue  # the story's day lies after the report that bounds this one, or long before it (the day of
            # "an April 22 attack" that a May report recalls is no day of its news)
        event.time = replace(day, approximate=True)


# "The attack", "this week's strike", "June's reported attack": the words before a trigger that point at an incident
# the story tells anyway.
_DEFINITE = re.compile(r"(?:^|\W)(?:the|this|that|[\w-]+['’]s?)(?:\s+[\w-]+){0,2}\s*$", re.IGNORECASE)
_INDEFINITE = re.compile(r"\b(?:an?|another|one|two|three|several)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


_ANOTHER = re.compile(r"\b(?:another|separate|second|third|further|new|other)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _before_trigger(event: Event) -> str:
    """The words of the event's sentence before its trigger."""
    return event.evidence.text[:max(0, event.trigger.start - event.evidence.start)]


def _told_as_another(event: Event) -> bool:
    """Whether the writer names the act as another one ("A separate strike on a house in X", "Another drone hit…")."""
    return bool(_ANOTHER.search(_before_trigger(event)))


def _is_definite(event: Event) -> bool:
    prefix = _before_trigger(event)
    return bool(_DEFINITE.search(prefix)) and not _INDEFINITE.search(prefix)


def fold_definite_references(extraction: Extraction) -> None:
    """An unplaced sentence that names an incident by a definite description ("The ambush on Saturday was the deadliest
    this year", a lead above the paragraph that tells it) is that incident of its story, told before or after it:
    fold it into the nearest event of its story and family that the scorer links it to. A placed one is folded into
    an earlier act whose sentence named no place ("The men were detained in a raid in X" after "police arrested four
    militants"), and places it. Two attacks a story tells with "an attack" each stay apart; so does one the scorer
    tells apart."""
    events = extraction.events
    stories: dict[int | None, list[int]] = {}
    for n, event in enumerate(events):
        stories.setdefault(event.post_index, []).append(n)
    mentions: dict[int, coreference.IncidentMention] = {}  # made when first compared, remade after an absorb

    def mention(k: int) -> coreference.IncidentMention:
        if k not in mentions:
            mentions[k] = _mention(extraction, events[k])
        return mentions[k]

    folded: set[int] = set()
    for n, event in enumerate(events):
        kind = coreference.family(event)
        if kind is None or event.generic or not _is_definite(event) or event.place is not None and not event.locations:
            continue
        # (one its words place may restate an earlier act its story placed by no words of its sentence, which the first
        # pass did not compare: "police arrested four militants planning an attack in X", "the men were detained in Y")
        story = sorted((k for k in stories[event.post_index] if k != n and k not in folded
                        and (event.place is None or k < n and not events[k].locations)), key=lambda k: abs(k - n))
        host = next((k for k in story if coreference.family(events[k]) == kind and not events[k].generic
                     and coreference.linked(mention(k), mention(n)) is not None), None)
        if host is not None:
            place = events[host].place if events[host].locations or event.place is None else event.place
            absorb(events[host], event, extraction.quantities)
            events[host].place = place
            mentions[host] = _mention(extraction, events[host])
            folded.add(n)
    extraction.events = [e for n, e in enumerate(events) if n not in folded]


# Acts done to people, which a story may tell again by the name of whom they befell.
_DONE_TO_A_PERSON = {"Arrests", "Abduction/forced disappearance"}
_NAME_WORD = re.compile(r"\b[A-Z][\w'’-]+")


def _named_by_the_title_told(named: str, told: str) -> bool:
    """Whether a person named with a title ("Archbishop Bagrat Galstanyan") is the one an earlier target told by that
    title alone ("a senior archbishop and 14 other people")."""
    words = named.split()
    return len(words) >= 3 and all(w[:1].isupper() for w in words) \
        and re.search(rf"\b{re.escape(words[0].lower())}\b", told.lower()) is not None


def fold_people_named_again(extraction: Extraction) -> None:
    """An arrest or an abduction whose target is a person named by a name the story's earlier one of the same kind
    named ("police arrested opposition leader X Y after a rally … Police said Y was detained for inciting the
    public"), or by the title it told ("arrested a senior archbishop … Archbishop X Y was detained"), is that act
    told again, unless the scorer tells them apart."""
    kept: list[Event] = []
    for event in extraction.events:
        names = set(_NAME_WORD.findall(event.target.text)) if event.target is not None else set()
        host = None
        if event.acled_sub_event_type in _DONE_TO_A_PERSON and names and not event.generic:
            host = next((e for e in reversed(kept) if e.post_index == event.post_index and not e.generic
                         and e.acled_sub_event_type == event.acled_sub_event_type and e.target is not None
                         and (names <= set(_NAME_WORD.findall(e.target.text))
                              or _named_by_the_title_told(event.target.text, e.target.text))
                         and coreference.compare(_mention(extraction, e), _mention(extraction, event)) is not None),
                        None)
        if host is None:
            kept.append(event)
            continue
        absorb(host, event, extraction.quantities)
    extraction.events = kept


def attach_consequences(extraction: Extraction) -> None:
    """Fold arrests, destruction and other developments that a story tells as part of its attack into that attack's
    entry (`coreference.is_consequence`), and so the forces deployed in answer to it (`coreference.is_response`): the
    nearest attack of the story before it, else the first after it. The attack keeps its own type, doer and
    figures; the consequence's sentence is kept as a restatement, and its day dates an attack told without one. A
    toll told alone ("Eight police officers were injured.") folds the same way, and gives the figures the attack
    lacks."""
    mentions = [_placed_by_its_sentence(extraction, event, _mention(extraction, event)) for event in extraction.events]
    folded: set[int] = set()
    for n, mention in enumerate(mentions):
        if not coreference.is_development(mention) and mention.plover_type != "MOBILIZE" \
                and not coreference.is_measure(mention) and not coreference.is_bare_toll(mention) \
                and not coreference.crowd_dispersed(mention):
            continue
        # (a toll told first in its story is an incident of its own, never folded into a later one)
        later = [] if coreference.is_bare_toll(mention) else list(range(n + 1, len(mentions)))
        order = [*range(n - 1, -1, -1), *later]
        host = next((k for k in order if k not in folded and (coreference.is_consequence(mentions[k], mention)
                                                               or coreference.is_response(mentions[k], mention))),
                    None)
        if host is not None:
            event, attack = extraction.events[n], extraction.events[host]
            keep_sentences(attack, event)
            if coreference.places_the_attack(mention, mentions[host]):
                attack.place = event.place  # "the attackers also burned homes in the village of Y": the attack's place
            if coreference.is_bare_toll(mention):  # "Eight police officers were injured.": the toll it lacked
                give_missing_toll(attack, event)
            if dates_better(attack.time, event.time) and event.time is not None and event.time.precision == "day":
                # an attack its sentences leave undated is of its story's day, which its consequence gives
                attack.time = replace(event.time, approximate=True)
            folded.add(n)
    extraction.events = [e for n, e in enumerate(extraction.events) if n not in folded]


_DESTRUCTION = "Looting/property destruction"


def fold_untyped_aftermath(extraction: Extraction) -> None:
    """A sentence the typer gives no type of either ontology (a fire, an explosion with no doer: "Fires broke out at
    the port after the strikes", "the device was detonated by remote control") told after an incident of its story
    is what followed from that incident or how it was done: it joins the nearest such incident before it as a
    sentence only (its fields stay out), rather than standing in the list as an untyped event of its own. Likewise a
    destruction with no doer told right after such an untyped event (a flood, a fire) is that disaster's damage."""
    kept: list[Event] = []
    for event in extraction.events:
        host = None
        if event.plover_type is None and event.acled_event_type is None and not event.generic:
            host = next((e for e in reversed(kept) if e.post_index == event.post_index and not e.generic
                         and e.acled_event_type is not None), None)
        elif event.acled_sub_event_type == _DESTRUCTION and event.actor1 is None and not event.generic:
            # "Floods killed 19 … Hundreds of homes were destroyed": what a disaster told before it destroyed
            before = next((e for e in reversed(kept) if e.post_index == event.post_index and not e.generic), None)
            host = before if before is not None and before.plover_type is None \
                and before.acled_event_type is None else None
        if host is None:
            kept.append(event)
            continue
        keep_sentences(host, event)
    extraction.events = kept


# A place someone went to ("fled towards Goma", "were taken to hospital in Kyiv") is not where the development was.
_HEADED_FOR = re.compile(r"\b(?:to|towards?|into)\s+(?:the\s+(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)


def _placed_by_its_sentence(extraction: Extraction, event: Event,
                            mention: coreference.IncidentMention) -> coreference.IncidentMention:
    """A development with no place of its own ("Villagers said three men were detained") is where the
    town its sentence names is: compared with an attack elsewhere, it is another entry. A town it names as where
    people went ("residents fled towards Goma") is not that place."""
    if mention.coordinates is not None or not coreference.is_development(mention):
        return mention
    sentence = event.evidence
    named = [p for p in extraction.places if sentence.start <= p.span.start < sentence.end
             and p.precision in coreference.FINE_PRECISIONS and p.lat is not None
             and not _HEADED_FOR.search(sentence.text[:p.span.start - sentence.start])]
    if not named:
        return mention
    place = named[0]
    return replace(mention, coordinates=(place.lat, place.lon), precision=place.precision, admin1=place.admin1,
                   country_code=place.country_code, places=[coreference.norm_place(place.span.text)])


def finest(extraction: Extraction, indexes: Iterable[int | None]) -> int | None:
    """Of some place indexes of `extraction`, the most precise (a village over its province over a country)."""
    options = [n for n in indexes if n is not None]
    return min(options, key=lambda n: PRECISIONS.index(extraction.places[n].precision), default=None)
