"""Incident coreference: whether two reported events are one real incident, at every scale.

Three places in warlog ask this question: a sentence that restates the post's strike (`extract.event_merge`), a
paragraph further down a page that tells the same strike again (`extract.incident_assembly`), and a second
outlet's report of it (`reconcile.dedup`). They differ in which pairs they put to the question — the events of
one post that a sentence may refer back to, the events of one page placed in a town, the events of the store
that share a place cell and a date window — but they answer it here, with one set of features and one scorer.

Each event is seen as an `IncidentMention`: its family and sub-type, its place (resolved coordinates with
precision and province where the event was resolved, else its place names), its dates and where they came from,
its parties and doer, its weapon's head noun and its casualty figures. `compare` turns a pair into features:

* **contradictions** veto the pair outright: another family, a generic statement, places too far apart or in
  another country, dates that do not overlap, doers of two sides, casualty counts no honest report could give
  for one incident. Some disagreements are contradictions only when one writer states both (`same_document`):
  one page gives one toll, one weapon and one sub-type for one incident, while two outlets routinely differ in
  the toll, the weapon's name and how they code it;
* **agreements** add their weight (`WEIGHTS`); a field missing on either side neither vetoes nor adds.

A pair is one incident when its score reaches `THRESHOLD`. The weights were chosen on half A of the incidents
dev set (`warlog eval incidents`, `bench/coreference_fit.py`) and are reported on half B beside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from warlog.errors import WarlogError
from warlog.extract import lexicon
from warlog.extract.event_roles import side_of
from warlog.resolve.demonyms import demonym_forms
from warlog.resolve.gazetteer import distance_km, get_gazetteer
from warlog.schema import Claim, Event, Place, Quantity, Span, TimeRef

# Chosen on half A of the incidents dev set (see the module docstring); a link needs THRESHOLD.
THRESHOLD = 0.7
WEIGHTS = {
    "family": 0.3,         # required: the same family of event
    "place": 0.3,          # towns within MAX_KM, or equal place names
    "place_partial": 0.2,  # one place name contained in the other ("Kharkiv" / "Kharkiv city centre")
    "place_province": 0.1, # a town and its province, or the same province
    "date": 0.2,           # dates written in both texts overlap
    "report_date": 0.1,    # only the reports' days overlap (an undated event is of its report's day or the day before)
    "sub_event": 0.1,      # the same ACLED sub-event type
    "side": 0.1,           # the same belligerent side as doer
    "casualties": 0.1,     # the same killed and injured figures
    "target": 0.1,         # the same ship, or the same named target ("a bulk carrier" / "a Liberian-flagged carrier")
    "same_document": 0.1,  # one page tells the incident more than once
    "same_post": 0.3,      # one story, told in more than one sentence
}
MAX_KM = 25.0
# How far back an undated incident may lie from the date of its report.
UNDATED_REACH = timedelta(days=1)
# How long after an attack what follows from it (bodies recovered, a ship sinking) is still told as part of it.
CONSEQUENCE_REACH = timedelta(days=7)
_NIGHT = re.compile(r"\bnight\b", re.IGNORECASE)
_OVERNIGHT = re.compile(r"\bovernight\b", re.IGNORECASE)


def told_overnight(time: TimeRef) -> bool:
    """Whether a time is told as "overnight": dated by the morning after a night that began the evening before."""
    return bool(_OVERNIGHT.search(time.span.text))

# Families: events of one family can describe the same incident. Keyed by ACLED event type, then by PLOVER type;
# territory is its own family inside Battles, and an interception is never the attack it stopped. A protest and a
# riot are one family: ACLED codes one demonstration per place and day, a riot when its demonstrators turned violent.
TERRITORY_SUBTYPES = {"Government regains territory", "Non-state actor overtakes territory",
                      "Non-violent transfer of territory"}
_FAMILIES = {"Battles": "violence", "Explosions/Remote violence": "violence", "Violence against civilians": "violence",
             "Protests": "demonstration", "Riots": "demonstration",
             "MOBILIZE": "deployment", "AGREE": "agreement", "ELECTION": "election"}
# Event types that happen at one place, where the place extraction resolved is the event's own: a deployment ("sent
# from A to B") or an agreement names several, and is compared by all its place names instead.
_ONE_PLACE_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"}
# Precisions of a place small enough to hold one incident: a town, a village, a district.
FINE_PRECISIONS = frozenset({"point", "city", "admin2"})
_VAGUE_SUBTYPES = {"Armed clash", "Attack", None}
_PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "them"}
_COUNTRY_NAMES = {side.lower() for side in lexicon.SIDES.values()}
_AREA_WORDS = {"region", "oblast", "krai", "kray", "province", "district", "city", "town", "village", "area",
               "governorate", "county", "municipality", "raion"}

Locate = Callable[[str], "tuple[float, float] | None"]


def family(event: Event) -> str | None:
    """The family an event belongs to (events of one family can be one incident), or None: never linked."""
    if event.acled_sub_event_type in TERRITORY_SUBTYPES:
        return "territory"
    if event.acled_sub_event_type == "Disrupted weapons use":
        return None
    if event.acled_sub_event_type == "Agreement":
        return "agreement"  # a release of captives (PLOVER's RETREAT) and a handover told as an exchange (AGREE) alike
    return _FAMILIES.get(event.acled_event_type or "") or _FAMILIES.get(event.plover_type or "") \
        or event.acled_event_type or event.plover_type


def norm_place(text: str | None) -> str:
    """A comparable form of a place name: lower case, no article, no possessive, no area word."""
    if not text:
        return ""
    words = re.sub(r"['’]s\b", "", text.lower()).replace("-", " ").split()
    words = [w.strip(".,;:\"'") for w in words]
    words = [w for w in words if w and w not in {"the", "of"}]
    while len(words) > 1 and words[-1] in _AREA_WORDS:
        words.pop()
    while len(words) > 1 and (words[0] in _AREA_WORDS or words[0] in _DIRECTIONS):
        words.pop(0)  # "northern Burkina Faso" is in Burkina Faso, as far as a place can tell two incidents apart
    return " ".join(words)


_DIRECTIONS = {f"{d}{e}" for d in ("north", "south", "east", "west", "central", "northeast", "northwest", "southeast",
                                   "southwest", "north east", "north west", "south east", "south west")
               for e in ("", "ern")} | {"central", "far", "upper", "lower"}


def places_match(a: str, b: str) -> bool:
    """Equal, or one name contained word-wise in the other ("Kharkiv" / "Kharkiv city centre")."""
    if not a or not b:
        return False
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def member_id(document_id: str, event_index: int) -> str:
    """A reported event's stable id: its document's and its place among the document's events."""
    return f"{document_id}:{event_index}"


def is_country_name(name: str) -> bool:
    """Whether a normalised place name is a whole country ("ukraine", "burkina faso"): a side the lexicon knows, or
    a country's main or alternate name in the gazetteer (the lexicon's sides are a handful of belligerents; a
    country of any other conflict must count as a country too)."""
    return name in _COUNTRY_NAMES or bool(name) and country_code(name) is not None


@dataclass
class Casualty:
    """One mention's casualty figure, attributed."""

    member_id: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    speaker: str | None
    span: Span
    vague: bool = False  # "dozens", "scores": a conventional floor, not a count

    @property
    def bounds(self) -> tuple[float, float] | None:
        low = self.low if self.low is not None else self.value
        high = self.high if self.high is not None else self.value
        if low is None and high is None:
            return None
        return (low if low is not None else high, high if high is not None else low)  # type: ignore[return-value]


@dataclass
class IncidentMention:
    """One reported event as coreference sees it; `member_id` ("document_id:event_index") is stable across runs."""

    member_id: str
    document_id: str
    event_index: int
    post_index: int | None
    family: str | None
    sub_event: str | None
    plover_type: str | None
    generic: bool
    places: list[str]  # normalised names, narrower than a country
    place_text: str | None
    start: date | None
    end: date | None
    date_from: str  # "text", "report" or "unknown"
    side: str | None  # the doer's country
    killed: Casualty | None
    injured: Casualty | None
    evidence: Span
    coordinates: tuple[float, float] | None = None
    precision: str | None = None  # of the resolved place: point, city, admin2, admin1, region, country
    admin1: str | None = None  # the province of the resolved place
    country_code: str | None = None
    countries: frozenset[str] = frozenset()  # whole countries named as its places
    parties: frozenset[str] = frozenset()  # countries of its doer, second actor and target
    others: frozenset[str] = frozenset()  # countries of its second actor and target alone
    named: tuple[Place, ...] = ()  # where its place names resolved (none while a post is still being parsed)
    unresolved: bool = False  # one of its place names (narrower than a country) resolved to nothing
    doer: str | None = None  # the doer's words, lower case
    weapon: str | None = None  # the head noun of its weapon
    trigger: str = ""
    event_type: str | None = None  # ACLED's event type
    means: str | None = None  # its PLOVER mode: firearms, aerial, heavy-weapons, explosives, …
    target: str | None = None  # the head noun of its target when that says which one: a ship, a named target
    opponent: str | None = None  # the words of whom it was done to (its target or second actor), lower case
    claimed_by_belligerent: bool = False  # told by a side it involves: its figures count whom that side says it hit
    near_only: bool = False  # its places are told only as what an unnamed spot lies near ("a village near X")


def _is_sea(place: Place | None) -> bool:
    """Whether a resolved place is a sea ("the Red Sea", "the Black Sea"): ships are attacked anywhere on it."""
    return place is not None and (place.gazetteer_id or "").startswith("sea:")


def _casualty(mid: str, quantities: Sequence[Quantity], offset: int, claims: Sequence[Claim], event: Event,
              index: int | None) -> Casualty | None:
    position = None if index is None else index - offset
    if position is None or not 0 <= position < len(quantities):
        return None
    quantity = quantities[position]
    speaker = claims[event.claim].speaker_text if event.claim is not None and 0 <= event.claim < len(claims) else None
    return Casualty(mid, quantity.value, quantity.low, quantity.high, quantity.qualifier, speaker, quantity.span,
                    quantity.vague)


def _head_noun(span: Span | None) -> str | None:
    words = span.text.split() if span is not None else []
    return words[-1].lower().removesuffix("s") if words else None


def mention_of(
    event: Event,
    *,
    document_id: str = "",
    index: int = 0,
    quantities: Sequence[Quantity] = (),
    offset: int = 0,
    claims: Sequence[Claim] = (),
    places: Sequence[Place] = (),
    published: date | None = None,
    locate: Locate | None = None,
) -> IncidentMention:
    """The coreference view of `event`: `quantities[n - offset]` are its figures, `places` the resolved places of its
    document (none while a post is still being parsed), `published` its report's day (an undated event takes the
    report's window). An approximate day (the day a claim was made, "overnight") reaches back one day."""
    mid = member_id(document_id, index)
    by_span = {(p.span.start, p.span.end): p for p in places}
    # a sea is no place to compare: "in the Red Sea" and "west of Hodeidah" may be one ship's attack
    locations = [s for s in event.locations if not _is_sea(by_span.get((s.start, s.end)))]
    names = [s.text for s in locations]
    normalised = [norm_place(n) for n in names]
    narrower = [(n, raw) for n, raw in zip(normalised, names, strict=True) if n and not is_country_name(n)]
    start = end = None
    date_from = "unknown"
    if event.time is not None and event.time.resolved and event.time.start is not None:
        start, end, date_from = event.time.start, event.time.end or event.time.start, "text"
        if event.time.approximate:  # "sources said Tuesday" bounds an act of Monday; a night spans two days
            start -= UNDATED_REACH
            if _NIGHT.search(event.time.span.text):  # "last night", said on a day not given: into the next morning
                end += UNDATED_REACH
        elif told_overnight(event.time):  # dated by the morning after: the night began the evening before
            start -= UNDATED_REACH
    elif published is not None:
        start, end, date_from = published - UNDATED_REACH, published, "report"
    coordinates = precision = admin1 = country = None
    place_text = narrower[0][1] if narrower else names[0] if names else None
    resolved = places[event.place] if event.place is not None and 0 <= event.place < len(places) else None
    resolved = None if _is_sea(resolved) else resolved
    if resolved is not None and resolved.lat is not None and resolved.lon is not None \
            and resolved.precision != "country" and event.acled_event_type in _ONE_PLACE_TYPES:
        # where extraction resolved the event in its context: better than a name looked up alone; and it is named as
        # mapped, by the words of the text that named that place (its sentence's, a later sentence's, its dateline's),
        # or by the gazetteer's name where those words are a dateline's capitals or a country's (that led to its
        # capital: "Yemen's capital"); but a village its sentence names that the gazetteer lacks keeps its name (the
        # finest the text gives; the map shows the place around it)
        coordinates, precision = (resolved.lat, resolved.lon), resolved.precision
        admin1, country = resolved.admin1, resolved.country_code
        words = resolved.span.text
        plain = bool(words) and not words.isupper() and not is_country_name(norm_place(words))
        first = next((span for span, name in zip(locations, normalised, strict=True)
                      if name and not is_country_name(name)), None)
        unplaced = first is not None and (first.start, first.end) not in by_span
        place_text = first.text if unplaced else words if plain else resolved.name or place_text
    elif locate is not None:
        coordinates = next((c for c in map(locate, [raw for _, raw in narrower] or names) if c is not None), None)
    named = tuple(by_span[(s.start, s.end)] for s in locations if (s.start, s.end) in by_span)
    unresolved = bool(by_span) and any((s.start, s.end) not in by_span and n and not is_country_name(n)
                                       for s, n in zip(locations, normalised, strict=True))
    others = frozenset(s for s in (side_of(x.text) for x in (event.actor2, event.target) if x is not None) if s)
    doer_side = side_of(event.actor1.text) if event.actor1 else None
    near_only = bool(narrower) and all(_told_as_near(event.evidence, span) for span, name
                                       in zip(locations, normalised, strict=True) if name and not is_country_name(name))
    parties = others | {doer_side} if doer_side else others
    return IncidentMention(
        member_id=mid, document_id=document_id, event_index=index, post_index=event.post_index, family=family(event),
        sub_event=event.acled_sub_event_type, plover_type=event.plover_type, generic=event.generic,
        places=[n for n, _ in narrower], place_text=place_text,
        start=start, end=end, date_from=date_from, side=doer_side,
        killed=_casualty(mid, quantities, offset, claims, event, event.killed),
        injured=_casualty(mid, quantities, offset, claims, event, event.injured), evidence=event.evidence,
        coordinates=coordinates, precision=precision, admin1=admin1, country_code=country,
        countries=frozenset(n for n in normalised if is_country_name(n)), parties=parties, others=others,
        named=named, unresolved=unresolved,
        doer=event.actor1.text.lower() if event.actor1 is not None else None, weapon=_head_noun(event.weapon),
        trigger=event.trigger.text.lower(), event_type=event.acled_event_type, means=event.plover_mode,
        target=_telling_target(event.target),
        opponent=(event.actor2 or event.target).text.lower() if (event.actor2 or event.target) is not None else None,
        claimed_by_belligerent=event.claimed_by_belligerent, near_only=near_only,
    )


# An unnamed spot before the place it lies near: "a village near", "an area outside the town of".
_SPOT_NEAR = re.compile(r"\b(?:an?|one)\s+(?:[\w-]+\s+){0,2}?(?:village|town|camp|settlement|hamlet|locality|area|"
                        r"market|neighbou?rhood|farm|hill|road|checkpoint|base)\s+(?:near|outside|close to|not far "
                        r"from)\s+(?:the\s+(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)


def _told_as_near(evidence: Span, place: Span) -> bool:
    """Whether a place is named as what an unnamed spot lies near ("artillery shells struck a village near X"): the
    act was not at X, and a place the story names next ("the shells hit Y village") may be that spot."""
    if not evidence.start <= place.start <= evidence.end:
        return False
    return bool(_SPOT_NEAR.search(evidence.text[:place.start - evidence.start]))


# Targets that are one thing a reader can tell apart wherever it is: a ship at sea has no town to compare.
_VESSELS = {"ship", "vessel", "carrier", "tanker", "freighter", "ferry", "boat", "frigate", "destroyer", "cargo",
            "containership", "bulker", "warship", "submarine", "yacht", "trawler"}


def _telling_target(span: Span | None) -> str | None:
    """The head noun of a target that tells one incident from another: a vessel ("a Liberian-flagged bulk carrier"),
    or a target named with capitals ("the MV Tutor", "the Zaporizhzhia nuclear plant" keeps "plant" unnamed)."""
    words = span.text.split() if span is not None else []
    if not words:
        return None
    head = words[-1].strip(".,'\"’").lower().removesuffix("s")
    return head if head in _VESSELS or (len(words) > 1 and words[-1][:1].isupper()) else None


# What happens inside an attack or a capture and follows from it — arrests, destruction, what the text tells no
# more of than "other" — belongs to its entry (ACLED codes one event per place and day): told in the same story,
# such a sentence is a consequence of the attack, not an incident of its own.
CONSEQUENCE_SUBTYPES = {"Arrests", "Looting/property destruction", "Other"}
# Weapons found where an attack or a clash took place ("arms and ammunition were recovered from the site") are part
# of it, unlike drones shot down, which are an interception of their own.
_SEIZURE_TRIGGERS = {"recovered", "recover", "recovers", "seized", "seize", "seizes", "found", "confiscated",
                     "confiscate", "recovery", "seizure", "haul", "cache"}


def is_development(mention: IncidentMention) -> bool:
    """Whether a mention is the kind of development an attack's story tells as part of it: an arrest, destruction,
    another development, or weapons recovered at the scene."""
    return mention.sub_event in CONSEQUENCE_SUBTYPES or (
        mention.sub_event == "Disrupted weapons use" and mention.trigger in _SEIZURE_TRIGGERS)


def is_consequence(a: IncidentMention, b: IncidentMention) -> bool:
    """Whether `b` (an arrest, destruction, or other development) can be a consequence of the violence or the
    demonstration `a` tells (arrests at a protest are part of it, as ACLED codes a protest with intervention):
    the same story, done by the attack's doer or by no one named ("houses were destroyed"), and nothing in places,
    dates and tolls against it. One that names a town finer than the attack's place is another entry (one per
    place and day: arrests in one town during a raid on the next); so is one done by others (residents looting), or by
    someone named where the attack names no doer, save the damage a riot's crowd does."""
    if a.family not in _ANSWERED_FAMILIES or not (is_development(b) or is_bare_toll(b)) or b.generic or a.generic:
        return False
    # what a riot's crowd burns and breaks is the riot ("set fire to vehicles and threw bricks at police"), whoever the
    # story names as the crowd
    riot_damage = b.sub_event == "Looting/property destruction" and (a.event_type == "Riots" or b.doer is None
                                                                    and a.family == "demonstration")
    # (and so is damage no one is named for after a demonstration: "Several shops were looted.")
    if a.family == "demonstration" and not (b.sub_event == "Arrests" and _CROWD.search(b.evidence.text)
                                            or is_bare_toll(b) or riot_damage):
        return False  # at a demonstration, only the crowd's arrests are part of it; a leader's detention is its own
    if not _one_story(a, b) or _placed_finer(b, a) and not places_the_attack(b, a) \
            or b.doer is not None and a.doer is None and not riot_damage and not _points_back(b.doer):
        return False  # ("the attackers also burned houses": whoever the attack's unnamed doers were)
    if b.doer is not None and a.opponent is not None and names_state_forces(b.doer) and names_state_forces(a.opponent):
        # weapons the army recovered after beating off an attack on its soldiers: the attacked side's part of it
        b = replace(b, doer=None, side=None, parties=frozenset(), others=frozenset())
    if a.end is not None and b.start is not None and a.start is not None \
            and timedelta(0) < b.start - a.end <= CONSEQUENCE_REACH:
        # what follows in the days after ("more bodies were recovered on Saturday", a ship sinking days later)
        b = replace(b, start=None, end=None, date_from="unknown")
    return compare(a, replace(b, family=a.family, sub_event=None, weapon=None)) is not None


# Verbs of a toll told alone ("Eight police officers were injured."): who fell, with no act of its own.
_TOLL_TRIGGERS = {"killed", "injured", "wounded", "hurt", "died", "dead"}


def is_bare_toll(mention: IncidentMention) -> bool:
    """Whether a mention tells only who fell: a toll verb, no doer, weapon or place name of its own. After an incident
    of its story it is that incident's toll, whatever family its verb was typed in. Who "was shot dead" or "shot and
    wounded" with no one named fell the same way, when the sentence counts them (a drone "shot down" counts no one)."""
    told_as_toll = mention.trigger in _TOLL_TRIGGERS or mention.trigger == "shot" and (
        mention.killed is not None or mention.injured is not None)
    return told_as_toll and mention.doer is None and mention.weapon is None and not mention.places \
        and not mention.named


def _one_story(a: IncidentMention, b: IncidentMention) -> bool:
    return a.document_id == b.document_id and a.post_index == b.post_index


def places_the_attack(b: IncidentMention, a: IncidentMention) -> bool:
    """Whether `b`, done by "the attackers" of `a` (or by `a`'s doer named again by its noun, "the insurgents") in a
    place finer than `a`'s ("an attack on a village in X province", "the attackers also burned down homes in the
    village of Y"), names where `a` happened; so does one told of the act named again ("killed 12 militants in an
    operation in X province … The operation was carried out in Y district, adding that weapons were recovered")."""
    return _placed_finer(b, a) and (
        b.doer is not None and (_points_back(b.doer) or _named_again(b.doer, a.doer)) or _tells_the_act_again(b, a))


# Nouns by which a story names its act again ("the operation", "the raid").
_ACT_NOUNS = frozenset(lexicon.ATTACK_NOUNS | {"operation", "ambush", "clash", "clashes", "fighting", "gunfight"})


def _tells_the_act_again(b: IncidentMention, a: IncidentMention) -> bool:
    """Whether `b`'s sentence names `a`'s act again by a definite noun that `a`'s sentence uses ("an operation in X
    … the operation")."""
    told = b.evidence.text.lower()
    return any(re.search(rf"\b(?:the|this|that) {noun}\b", told) is not None
               and re.search(rf"\b{noun}\b", a.evidence.text.lower()) is not None for noun in _ACT_NOUNS)


def _named_again(doer: str, first: str | None) -> bool:
    """"the insurgents" after "Islamic State-linked insurgents attacked…": the doer told first, by its noun alone."""
    words = doer.split()
    return first is not None and len(words) == 2 and words[0] == "the" and first.split()[-1] == words[1]


def _placed_finer(b: IncidentMention, a: IncidentMention) -> bool:
    """Whether `b` names a town, village or district where `a` names nothing as fine: another place and entry."""
    return b.precision in FINE_PRECISIONS and a.precision not in FINE_PRECISIONS


# Who is arrested at a demonstration as part of it: its crowd, not a named leader (ACLED codes the protest with
# intervention; the detention of an opposition figure is an arrest of its own).
_CROWD = re.compile(r"\b(?:protesters?|demonstrators?|people|persons|students|youths?|rioters|participants|marchers|"
                    r"men|women|others|dozens|hundreds|scores)\b", re.IGNORECASE)

# Families of incidents that a security response in their story answers.
_ANSWERED_FAMILIES = {"violence", "demonstration"}


# Measures imposed on a place after violence there: a curfew, a state of emergency.
_MEASURE = re.compile(r"\b(?:curfews?|state of emergency|lockdown|martial law)\b", re.IGNORECASE)


# Words that name a demonstration; a crowd dispersed with none of them named is whoever the story told of.
_PROTEST_WORDS = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march\w*|sit-ins?|strikers?|rioters?)\b",
                            re.IGNORECASE)


def crowd_dispersed(mention: IncidentMention) -> bool:
    """Whether a mention tells only that forces broke up a crowd ("troops were sent and dispersed the crowd") without
    naming any demonstration: after an attack by a crowd (settlers, a mob), that attack's end, no protest."""
    return mention.family == "demonstration" and mention.sub_event in (
        "Protest with intervention", "Excessive force against protesters") \
        and not _PROTEST_WORDS.search(mention.evidence.text)


def is_measure(mention: IncidentMention) -> bool:
    """Whether a mention is a measure imposed on a place ("imposed a curfew in the district"), typed as a change of
    activity: after violence in its story it answers that violence, as a deployment does."""
    return mention.sub_event == "Change to group/activity" and bool(_MEASURE.search(mention.evidence.text))


def is_response(a: IncidentMention, b: IncidentMention) -> bool:
    """Whether `b` is a deployment or a measure that answers the incident `a` of the same story ("two more police units
    were sent to the village", "the army moved a battalion into the district", "a curfew was imposed in the district",
    "troops dispersed the crowd" after an attack, naming no demonstration):
    what is done because of the incident, by either side, is part of its story and no incident of its own. One in a
    finer place than the incident's, or on dates that exclude it, is another matter."""
    dispersal = a.family == "violence" and crowd_dispersed(b)  # "troops dispersed the crowd" after settlers' attack
    if b.plover_type != "MOBILIZE" and not is_measure(b) and not dispersal or b.generic or a.generic \
            or a.family not in _ANSWERED_FAMILIES:
        return False
    if not _one_story(a, b) or _placed_finer(b, a):
        return False
    if b.end is not None and a.start is not None and b.end < a.start:
        return False  # sent before the incident happened: no answer to it
    return compare(a, replace(b, family=a.family, sub_event=None, weapon=None, doer=None, side=None,
                              parties=frozenset(), others=frozenset(), start=None, end=None,
                              date_from="unknown")) is not None


def casualties_compatible(a: Casualty | None, b: Casualty | None) -> bool:
    """Counts that two honest reports of one incident could give: sources routinely differ and tolls rise (first
    reports undercount), so only counts far apart (more than three times plus five) rule it out; a vague word
    ("dozens") rules out nothing."""
    if a is None or b is None or a.vague or b.vague:
        return True
    fa, fb = a.bounds, b.bounds
    if fa is None or fb is None:
        return True
    return max(fa[0], fb[0]) <= 3 * min(fa[1], fb[1]) + 5


def _one_writer_tolls_agree(a: Casualty | None, b: Casualty | None) -> bool:
    """One page gives one exact toll for one incident: two different exact figures are two incidents. A person killed
    told as one of a kind ("killed a senior commander") is no toll of the strike: its toll may count them."""
    if a is None or b is None or a.qualifier != "exact" or b.qualifier != "exact":
        return True
    return a.value == b.value or one_of_a_kind(a.value, a.span.text) or one_of_a_kind(b.value, b.span.text)


def one_of_a_kind(value: float | None, text: str) -> bool:
    """Whether a figure of one is a person told by kind ("a senior commander"), not a count ("one person")."""
    return value == 1 and bool(_ONE_OF_A_KIND.fullmatch(text.strip()))


_ONE_OF_A_KIND = re.compile(r"(?:an?|the)(?:\s.*)?", re.IGNORECASE)  # "a senior commander", not "one person"


def _place_feature(a: IncidentMention, b: IncidentMention, max_km: float) -> tuple[str | None, float | None] | None:
    """The place feature's name (None: no place to compare) and distance, or None when places contradict."""
    if a.countries and b.countries and not a.countries & b.countries:
        return None  # acts placed in different countries
    if a.coordinates is not None and b.coordinates is not None:
        if a.country_code and b.country_code and a.country_code != b.country_code:
            return None
        if "admin1" in (a.precision, b.precision):
            # a province and a town in it (or the same province): one place, less precisely told; the same village
            # the gazetteer lacks, named in both ("the village of Darul Jamal"), is the place itself
            if a.admin1 is None or a.admin1 != b.admin1:
                # a small region whose centre is as near as a town's would be (the gazetteer may file the town under a
                # finer unit: "Rafah" under its governorate, not the Gaza Strip)
                near = distance_km(*a.coordinates, *b.coordinates) <= max_km
                return ("place_province", None) if near and a.country_code == b.country_code else None
            return ("place", None) if _finer_names(a) & _finer_names(b) else ("place_province", None)
        distance = distance_km(*a.coordinates, *b.coordinates)
        return ("place", round(distance, 1)) if distance <= max_km else None
    if _towns_abroad(a, b) or _towns_abroad(b, a):
        return None  # "in southern Saudi Arabia" and "in Saada": a town the gazetteer knows only elsewhere
    if not a.places or not b.places:
        return (None, None)  # a missing place says nothing
    pairs = [(p, q) for p in a.places for q in b.places if places_match(p, q)]
    if pairs:
        return ("place" if any(p == q for p, q in pairs) else "place_partial", None)
    return _resolved_places_feature(a, b, max_km)


def _finer_names(mention: IncidentMention) -> set[str]:
    """The place names of a mention finer than a province: those not resolved to a province, region or country."""
    wide = {norm_place(p.span.text) for p in mention.named if p.precision in ("admin1", "region", "country")}
    return {name for name in mention.places if name not in wide}


def _towns_abroad(a: IncidentMention, b: IncidentMention) -> bool:
    """Whether `a` is placed by countries only and every town `b` names lies, as far as the gazetteer knows, outside
    them (before a post's places are resolved, "northern Burkina Faso" and "Djibo" can be one place; "southern Saudi
    Arabia" and "Saada" cannot)."""
    if not a.countries or a.places or not b.places or b.countries:
        return False
    codes = frozenset(code for name in a.countries if (code := country_code(name)) is not None)
    if b.named:  # resolved in its context: its own country says
        verdicts = [p.country_code in codes if p.country_code else None for p in b.named]
    else:
        verdicts = [_lies_in(name, codes) for name in b.places]
    return bool(codes) and bool(verdicts) and all(v is False for v in verdicts)


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """The country code of a country's main or alternate name in the gazetteer, or None."""
    try:
        found = get_gazetteer().lookup(name)
    except WarlogError:  # no gazetteer index built: the lexicon's countries only
        return None
    return next((e.country for e, kind in found if e.feature == "country" and kind < 2 and e.country), None)


@lru_cache(maxsize=8192)
def _lies_in(town: str, codes: frozenset[str]) -> bool | None:
    """True when the gazetteer has a place of that name in one of the countries, False when it has it only
    elsewhere, None when it does not know the name."""
    try:
        found = [e for e, kind in get_gazetteer().lookup(town) if kind < 2 and e.country]
    except WarlogError:
        return None
    if not found:
        return None
    return any(e.country in codes for e in found)


def _can_be_one(x: Place, y: Place, max_km: float) -> str | None:
    """Whether two resolved places can hold one incident: the place feature it earns, or None."""
    if x.country_code and y.country_code and x.country_code != y.country_code:
        return None
    if x.precision == "country" or y.precision == "country":
        return "country"
    if x.precision in FINE_PRECISIONS and y.precision in FINE_PRECISIONS:
        if None in (x.lat, x.lon, y.lat, y.lon):
            return "place" if x.gazetteer_id == y.gazetteer_id else None
        return "place" if distance_km(x.lat, x.lon, y.lat, y.lon) <= max_km else None
    return "place_province" if x.admin1 is not None and x.admin1 == y.admin1 else None


def _resolved_places_feature(a: IncidentMention, b: IncidentMention, max_km: float) -> tuple[str | None, None] | None:
    """Place names that differ, read through what they resolved to: a town and its province can be one place; a
    name the gazetteer does not know says nothing when the places it is named with are in the other's country
    ("Tanouga, Mali" and "Gao region"), or when it is all one side names and the other names only provinces; two
    different names with nothing resolved to compare are two places."""
    verdicts = [_can_be_one(x, y, max_km) for x in a.named for y in b.named]
    if "place" in verdicts or "place_province" in verdicts:
        return ("place" if "place" in verdicts else "place_province", None)
    if (a.unresolved or b.unresolved) and a.named and b.named and "country" in verdicts:
        return (None, None)
    if _unknown_village_in_a_province(a, b) or _unknown_village_in_a_province(b, a):
        return (None, None)
    return None


def _the_spot_near_named(a: IncidentMention, b: IncidentMention) -> bool:
    """Whether `a` is placed only at an unnamed spot near a place ("a village near X") and `b`, an act of the same
    kind, names places of the same province: the spot named, "the shells hit Y village", wherever the gazetteer puts a
    village of that name (a car bomb at X and a raid on "a village near Y" stay two)."""
    return a.near_only and a.sub_event == b.sub_event and a.admin1 is not None and bool(b.named) and all(
        p.admin1 == a.admin1 and p.country_code == a.country_code for p in b.named)


def _only_unknown_names(a: IncidentMention, b: IncidentMention) -> bool:
    """Whether one of two mentions is placed only by names the gazetteer lacks (a camp, a neighbourhood, a street),
    with no country against the other's: within one post such a name is a spot of the story's place, not another."""
    return any(x.unresolved and not x.named and not (x.countries and y.countries and not x.countries & y.countries)
               for x, y in ((a, b), (b, a)))


def _placed_by_story(mention: IncidentMention) -> bool:
    """Whether a mention names no place at all in its own words: its coordinates, if any, are the story's (a dateline,
    a headline), given it for want of its own."""
    return not mention.places and not mention.named and not mention.countries and not mention.unresolved


def _unknown_village_in_a_province(a: IncidentMention, b: IncidentMention) -> bool:
    """Whether `a` names only a place the gazetteer lacks and `b` only districts, provinces or regions: "a jet bombed a
    school in the village of X" and "an air strike in Y township" may be one place, told at two levels (no agreement
    either)."""
    return a.unresolved and not a.named and bool(b.named) and all(
        p.precision in ("admin2", "admin1", "region") for p in b.named)


def _halves_of_one_exchange(a: IncidentMention, b: IncidentMention) -> bool:
    """An exchange told from either side ("Ukraine received the bodies of 909 soldiers", "Russia received 43 in
    return"): each side is the doer of its half, so two sides are no sign of two acts; three are."""
    return a.means == b.means == "exchange" and len(a.parties | b.parties) <= 2


def _parties_apart(a: IncidentMention, b: IncidentMention) -> bool:
    """Two mentions whose parties share no country, unless one names only whom its unnamed doer fought and the other's
    doer is of another country ("troops pushed Russian forces back" and "Ukrainian forces recaptured positions": the
    doer left unnamed may be the other's)."""
    return bool(a.parties and b.parties and not a.parties & b.parties) \
        and not _fought_by_the_other(a, b) and not _fought_by_the_other(b, a)


def _fought_by_the_other(unsided: IncidentMention, other: IncidentMention) -> bool:
    return unsided.side is None and unsided.parties <= unsided.others and other.side is not None \
        and other.side not in unsided.others


def _doers_of_two_sides(a: IncidentMention, b: IncidentMention) -> bool:
    """Doers of two countries, neither of which is the other's target or adversary: "Russian forces shelled X"
    and "Ukrainian troops attacked Y" are two incidents; "Ukraine's army hit North Korean troops" and "North Korean
    troops encountered fire" tell one from either side."""
    return bool(a.side and b.side and a.side != b.side and a.side not in b.others and b.side not in a.others)


# Strikes from afar: they have a direction, from the doer's side to the side struck, and a news writer often leaves
# their doer to the context ("a drone attack on X injured two").
STRIKES_FROM_AFAR = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def _strikes_both_ways(a: IncidentMention, b: IncidentMention) -> bool:
    """Each side striking the other ("Ukrainian drones struck a refinery in Russia's Volgograd region" and "Russia
    has pounded Ukraine's power grid"): two acts, whatever else they share. A clash has two sides at once and is told
    from either; a strike from afar goes one way."""
    if not (a.side and b.side and a.side != b.side) or "Armed clash" in (a.sub_event, b.sub_event) \
            or not {a.sub_event, b.sub_event} & STRIKES_FROM_AFAR:
        return False
    return a.side.lower() in _sides_struck(b) and b.side.lower() in _sides_struck(a)


def _sides_struck(mention: IncidentMention) -> set[str]:
    """The countries a mention's act was done to, lower case: its target's and second actor's, and any country named
    as its place."""
    return {o.lower() for o in mention.others} | set(mention.countries)


def _doers_agree(a: IncidentMention, b: IncidentMention) -> bool:
    """A doer with no country ("Rebels", "gunmen") that shares no word with the other's doer is another party; two
    doers with a country are compared by side; a pronoun, or "the attackers", may refer back to anyone; armed men
    described without a name may be any named group, but not a state ("Israel", "Russian forces")."""
    if a.doer is None or b.doer is None or (a.side and b.side):
        return True
    first, second = set(a.doer.split()), set(b.doer.split())
    return bool(first & _PRONOUNS or second & _PRONOUNS or (first & second) - {"the", "a", "an"}
                or _points_back(a.doer) or _points_back(b.doer)
                or _described_only(first) and not _state_doer(second, b.side)
                or _described_only(second) and not _state_doer(first, a.side)
                or names_state_forces(a.doer) and names_state_forces(b.doer)  # "Chadian soldiers" and "the army"
                or a.family == "violence" and (_one_party(a.doer, b.opponent) or _one_party(b.doer, a.opponent)))


# Words shared by parties of every kind, which say nothing of which party is meant.
_ANY_PARTY = {"the", "a", "an", "of", "forces", "force", "troops", "men", "group", "people", "members", "member",
              "fighters", "units", "unit"}


def _one_party(doer: str, opponent: str | None) -> bool:
    """Whether one mention's doer is whom the other's was fought by ("gang members attacked the town" and "police
    fought the gangs", "rebels fought Congolese troops" and "the army attacked them"): one fight, told from each
    side."""
    return opponent is not None and (bool(_party_words(doer) & _party_words(opponent))
                                     or names_state_forces(doer) and names_state_forces(opponent))


def _party_words(text: str) -> set[str]:
    """The words that name a party, singular ("gangs" -> "gang"), without those every party shares."""
    return {w.strip(".,'\"’").removesuffix("s") for w in text.split()} - {w.removesuffix("s") for w in _ANY_PARTY}


# Words that describe armed men without naming them ("jihadist fighters", "suspected militants"): the group a later
# sentence or another report names (JNIM, al-Shabaab) may be them; a state's forces may not.
_DESCRIBING = {"the", "a", "an", "suspected", "armed", "heavily", "unidentified", "unknown", "gunmen", "gunman",
               "militants", "militant", "jihadists", "jihadist", "islamist", "islamists", "fighters", "insurgents",
               "insurgent", "extremists", "terrorists", "terrorist", "bandits", "men", "attackers", "assailants",
               "militia", "militiamen", "rebels", "rebel", "group", "paramilitaries", "paramilitary", "resistance",
               "separatists", "separatist", "guerrillas", "guerrilla"}
_STATE_FORCES = {"troops", "army", "soldiers", "soldier", "police", "forces", "military", "government", "junta",
                 "security", "gendarmes", "navy", "air"}


def names_state_forces(text: str) -> bool:
    """Whether a party's words are a state's forces' ("the army", "Chadian soldiers", "security forces")."""
    return bool(set(text.split()) & _STATE_FORCES)


def _described_only(words: set[str]) -> bool:
    return bool(words) and words <= _DESCRIBING


def names_a_described_group(described: str, named: str) -> bool:
    """Whether `named` names the armed men `described` only describes ("terrorists", "gunmen" -> "JNIM", "Boko Haram
    fighters"): a proper name (an acronym, or a capitalised word after the first) of no state or country."""
    first = {w.strip("\"'“”") for w in described.lower().split()}
    words = named.split()
    proper = any(w.isupper() and len(w) > 1 for w in words) or any(w[:1].isupper() for w in words[1:])
    second = {w.lower() for w in words}
    return proper and _described_only(first) and not _state_doer(second, side_of(named)) \
        and not is_country_name(norm_place(named)) and not second & demonym_words()


@lru_cache(maxsize=1)
def demonym_words() -> frozenset[str]:
    """Lower-case demonyms ("chadian", "somali", "congolese"), made once: a doer holding one is a country's forces or
    people, not a group's name."""
    return frozenset(word.lower() for word in demonym_forms())


def _state_doer(words: set[str], side: str | None) -> bool:
    """Whether a doer is a state's forces: of a country ("Russian forces"), or told only by words of state forces ("the
    army", "security forces"). A group whose name holds such a word ("the Rapid Support Forces") is not."""
    return bool(side) or bool(words & _STATE_FORCES) and words - {"the", "a", "an"} <= _STATE_FORCES | _STATE_QUALIFIERS


# Words that qualify a state's forces ("special forces", "the air force", "border guards", "the armed forces").
_STATE_QUALIFIERS = {"force", "special", "border", "guard", "guards", "national", "armed", "defence", "defense",
                     "marines", "coast", "federal", "regular", "riot", "presidential", "republican", "elite",
                     "counterterrorism", "counter-terrorism", "intelligence", "officers", "personnel", "service",
                     "services"}


# Doers named by what they just did, with the definite article: "the attackers", "the assailants" are the doers of an
# attack already told, whoever the text first called them ("gunmen", "bandits").
_BY_THE_ACT = {"attackers", "attacker", "assailants", "assailant", "perpetrators", "raiders", "kidnappers",
               "abductors", "bombers"}


def _points_back(doer: str) -> bool:
    words = doer.split()
    return len(words) == 2 and words[0] == "the" and words[1] in _BY_THE_ACT


def _voters_agree(a: IncidentMention, b: IncidentMention) -> bool:
    """Two votes are one only when the same people vote: "Moldovans vote" is not "Georgia re-elected"."""
    if a.doer is None or b.doer is None:
        return True
    return (a.side or a.doer[:5]) == (b.side or b.doer[:5])


def _dates_overlap(a: IncidentMention, b: IncidentMention, same_document: bool) -> str | None | bool:
    """The date feature's name, None when a date is missing, or False when the dates exclude each other. Inside one
    page an undated sentence is of the incident it tells (its report's day says nothing more)."""
    first = a.start if not (same_document and a.date_from == "report") else None
    second = b.start if not (same_document and b.date_from == "report") else None
    if first is None or second is None:
        return None
    if first > (b.end or second) or second > (a.end or first):
        return False
    return "date" if a.date_from == b.date_from == "text" else "report_date"


def compare(a: IncidentMention, b: IncidentMention, max_km: float = MAX_KM) -> dict[str, float] | None:
    """The features of a pair (each agreement with its weight, `distance_km` where measured), or None when
    something tells the two apart. See the module docstring."""
    return judge(a, b, max_km)[0]


def judge(a: IncidentMention, b: IncidentMention, max_km: float = MAX_KM) -> tuple[dict[str, float] | None, str]:
    """`compare`'s features with the reason for its verdict: the contradiction that tells the two apart ("dates",
    "places", "sides", …), or "agree" — so an analyst can ask why two reports were not joined."""
    if a.generic or b.generic:
        return None, "generic"
    same_document = a.document_id == b.document_id
    same_post = same_document and a.post_index == b.post_index
    if a.family is None or b.family is None or a.family != b.family and not (same_post and _fight_for_it(a, b)):
        return None, "family"
    features: dict[str, float] = {"family": WEIGHTS["family"]}
    # inside one story the same troops are "sent from A", "deployed to B": a deployment's places add up there
    place = _place_feature(a, b, max_km) if not (a.family == "deployment" and same_post) else (None, None)
    if place is None and same_post and (_only_unknown_names(a, b) or _placed_by_story(a) or _placed_by_story(b)
                                        or _the_spot_near_named(a, b) or _the_spot_near_named(b, a)
                                        or _one_objective(a, b) and (a.coordinates is None or b.coordinates is None)):
        # "shelled a camp near X … the shells hit Y camp": a spot in the story the gazetteer lacks; "police fought the
        # gangs for hours": no place of its own, only the story's (its dateline's city), which says nothing against;
        # "seized a base in X region … attacked the base in Y town": the objective named again, at a place not yet
        # (or never) put on the map, which may lie in the other
        place = (None, None)
    if place is None or same_document and _two_towns(a, b):
        return None, "places"
    if a.family != b.family and place[0] not in ("place", "place_partial") and not (
            same_post and (_one_objective(a, b) or _unplaced_fight_that_day(a, b))):
        return None, "family"  # the fight for a town is its capture's only where both name the town, or its camp
    if place[0] is not None:
        features[place[0]] = WEIGHTS[place[0]]
    if place[1] is not None:
        features["distance_km"] = place[1]
    when = _dates_overlap(a, b, same_document)
    if when is False:
        return None, "dates"
    if when:
        features[when] = WEIGHTS[when]
    if not _halves_of_one_exchange(a, b) and (_parties_apart(a, b) or _doers_of_two_sides(a, b)
                                              or _strikes_both_ways(a, b)):
        return None, "sides"
    if a.side and a.side == b.side:
        features["side"] = WEIGHTS["side"]
    if not (casualties_compatible(a.killed, b.killed) and casualties_compatible(a.injured, b.injured)) \
            and a.claimed_by_belligerent == b.claimed_by_belligerent and not (same_post and _dead_of_two_sides(a, b)):
        # (a side's claim of the dead it inflicted, "struck a meeting of commanders, killing up to 85 servicemen",
        # counts others than the toll of those struck, "20 killed, nine of them children": no measure of either)
        return None, "tolls"
    if a.family == "election" and not _voters_agree(a, b):
        return None, "voters"
    if same_document:
        # one writer: one toll, one weapon, one doer for one incident, and across its stories one sub-type (an air
        # strike and a missile strike of one night are two entries, unless one is a vague clash or attack)
        if not (_one_writer_tolls_agree(a.killed, b.killed) and _one_writer_tolls_agree(a.injured, b.injured)) \
                and not (same_post and _dead_of_two_sides(a, b)):
            return None, "one writer's tolls"
        if a.weapon and b.weapon and _weapon_kind(a.weapon) != _weapon_kind(b.weapon) \
                or _shot_and_struck_from_afar(a, b):
            return None, "weapons"
        if _a_ship_and_a_place_ashore(a, b):
            return None, "targets"
        if _each_side_from_afar(a, b):
            return None, "doers"
        if not _doers_agree(a, b) and a.family != "demonstration" and not _fight_for_it(a, b):
            return None, "doers"  # (police and protesters: one demonstration's; either side of the fight for a town)
        if not same_post and a.sub_event != b.sub_event and a.sub_event not in _VAGUE_SUBTYPES \
                and b.sub_event not in _VAGUE_SUBTYPES:
            return None, "sub-types"
        features["same_document"] = WEIGHTS["same_document"]
        if same_post:
            features["same_post"] = WEIGHTS["same_post"]
    if a.sub_event and a.sub_event == b.sub_event:
        features["sub_event"] = WEIGHTS["sub_event"]
    if a.target and a.target == b.target:
        features["target"] = WEIGHTS["target"]
    same_counts = [x.bounds == y.bounds for x, y in ((a.killed, b.killed), (a.injured, b.injured))
                   if x is not None and y is not None]
    if same_counts and all(same_counts):
        features["casualties"] = WEIGHTS["casualties"]
    return features, "agree"


def _dead_of_two_sides(a: IncidentMention, b: IncidentMention) -> bool:
    """Whether two mentions of one story may count the dead of either side of one fight, so that their tolls, however
    far apart, say nothing against it: a clash ("troops killed 12 militants", "two soldiers were also killed in the
    exchange of fire"), or the fight for a camp, told by the army and by those who claim to have overrun it."""
    return a.sub_event == b.sub_event == "Armed clash" or _fight_for_it(a, b)


# How far apart two towns one writer names must be to be two places, not one place and a part of it.
TOWNS_APART_KM = 5.0


def _two_towns(a: IncidentMention, b: IncidentMention) -> bool:
    """One writer naming two different towns, apart on the map ("Nairobi" and "Kikuyu, west of the capital"): two
    entries, one per place, though near enough for two reports of one incident to have placed it either way."""
    if a.precision not in ("point", "city") or b.precision not in ("point", "city") or a.near_only or b.near_only:
        return False  # (a spot near a town is not the town: "a village near X" and "Y village" may be one place)
    if a.coordinates is None or b.coordinates is None or any(places_match(p, q) for p in a.places for q in b.places):
        return False
    return distance_km(*a.coordinates, *b.coordinates) > TOWNS_APART_KM


def _fight_for_it(a: IncidentMention, b: IncidentMention) -> bool:
    """A capture and a clash told in one story at one town: the fighting for it ("recaptured the town after heavy
    fighting", and a side's account of the fighting there) is part of its capture, one entry per place and day as
    ACLED codes it."""
    if {a.family, b.family} != {"territory", "violence"}:
        return False
    if "Armed clash" in (a.sub_event, b.sub_event):
        return True
    # an assault of another kind on the objective the capture took ("stormed the base … they attacked the base with
    # two car bombs before overrunning it", or the attackers' claim after it: "its fighters had taken control of the
    # base") is the fight for it too
    attack, capture = (a, b) if a.family == "violence" else (b, a)
    return capture.sub_event != "Non-violent transfer of territory" and (
        _names_its_objective(attack, capture) or _names_its_objective(capture, attack))


def _unplaced_fight_that_day(a: IncidentMention, b: IncidentMention) -> bool:
    """A capture and a clash of one story where the clash names no place, is told on no other day than the capture's,
    and has no doer or one the capture's sentence names ("retook the town from the militants … More than 40 were
    killed in the fighting on Wednesday", "the militants said they had killed dozens of soldiers"): the fight for it,
    told by its toll or by the losing side. Likewise a capture that names no place, by the clash's doer on its day:
    the attackers' own account of the fight the other side said it beat off."""
    if not _fight_for_it(a, b):
        return False
    clash, capture = (a, b) if a.family == "violence" else (b, a)
    if capture.sub_event == "Non-violent transfer of territory":
        return False  # a town handed over or left was not fought for
    if not capture.places and clash.places:
        # "the army said it had repelled an attack by the RSF on the outskirts of X … The RSF said its fighters had
        # captured two army positions east of the city": the attackers' claim of what they took in that fight
        return capture.doer is not None and capture.doer == clash.doer and (
            capture.start is None or clash.start is not None
            and clash.start <= capture.start <= (clash.end or clash.start))
    if clash.places or clash.doer is not None and clash.doer not in capture.evidence.text.lower():
        return False
    if clash.start is None:
        return clash.doer is not None
    return clash.start == clash.end and capture.start is not None \
        and capture.start <= clash.start <= (capture.end or capture.start)


# What a fight is for, which a side's account names again without its place ("an attack on its camp in X", "its
# fighters had overrun the camp").
_OBJECTIVES = {"camp", "base", "post", "outpost", "barracks", "garrison", "checkpoint", "position", "positions"}


def _one_objective(a: IncidentMention, b: IncidentMention) -> bool:
    """A clash and a capture of one story with one objective, one of them naming it again ("the camp", "its camp")
    where the other's sentence names it: the army's account of an attack it repelled and the attackers' claim to
    have overrun it tell one fight."""
    if not _fight_for_it(a, b):
        return False
    return _names_its_objective(a, b) or _names_its_objective(b, a)


def _names_its_objective(again: IncidentMention, named: IncidentMention) -> bool:
    """Whether `again`'s opponent names again ("the camp", "its base") an objective `named`'s sentence names."""
    words = (again.opponent or "").split()
    return len(words) > 1 and words[0] in _DEFINITE and words[-1] in _OBJECTIVES \
        and re.search(rf"\b{words[-1]}\b", named.evidence.text.lower()) is not None


_DEFINITE = {"the", "its", "their", "this", "that"}


# Words one writer uses for one weapon within a story: "artillery fire hit the camp … shells landed on shelters",
# "a bomb exploded … the explosive device had been planted".
_WEAPON_KINDS = {"shell": "artillery", "shelling": "artillery", "shellfire": "artillery", "howitzer": "artillery",
                 "explosive": "bomb", "device": "bomb", "ied": "bomb", "uav": "drone"}


def _weapon_kind(weapon: str) -> str:
    """The weapon a head noun names, one word for a writer's synonyms."""
    return _WEAPON_KINDS.get(weapon, weapon)


# What a strike ashore hits, as one writer names it ("struck the ports of X and Y and a power station").
_ASHORE = {"port", "station", "plant", "airport", "base", "city", "town", "village", "facility", "refinery",
           "building", "bridge", "depot", "harbour", "harbor", "terminal", "infrastructure"}


def _struck_thing(mention: IncidentMention) -> str | None:
    """The head noun of whom or what the act was done to, singular, before any phrase that follows it: "a power
    station" -> "station", "the ports of X" -> "port", "a ship in the port of X" -> "ship"."""
    words = re.split(r"\s(?:of|in|at|near|off|on|and)\s", mention.opponent or "", maxsplit=1)[0].split()
    return words[-1].strip(".,'\"’").removesuffix("s") if words else None


def _a_ship_and_a_place_ashore(a: IncidentMention, b: IncidentMention) -> bool:
    """"A vessel was struck by a projectile off X" beside "Israel struck the ports of X and a power station": one
    writer naming a ship hit and a place ashore hit tells two acts, though both lie at X on one day."""
    things = {_struck_thing(a), _struck_thing(b)}
    if not (things & _VESSELS and things & _ASHORE):
        return False
    ship = a if _struck_thing(a) in _VESSELS else b
    return not _IN_PORT.search(ship.evidence.text)  # a ship hit in port is the port's strike told by what it hit


# A ship told as lying in port when struck: "a vessel being loaded with grain at a port near X", "docked in X".
_IN_PORT = re.compile(r"\b(?:docked|moored|berthed|anchored in|being (?:loaded|unloaded)|at (?:a|the) (?:port|pier|"
                      r"quay|dock|berth|terminal)|in (?:a|the) (?:port|harbou?r|dock))\b", re.IGNORECASE)


def _shot_and_struck_from_afar(a: IncidentMention, b: IncidentMention) -> bool:
    """"Two civilians were shot dead by gunmen" beside "a drone strike hit a depot": one writer tells two acts. (A
    bombing and a shooting may be one assault: "a suicide bomber struck, then gunmen opened fire"; so may drones and
    missiles of one night.)"""
    return {a.means, b.means} in ({"firearms", "aerial"}, {"firearms", "heavy-weapons"})


def _each_side_from_afar(a: IncidentMention, b: IncidentMention) -> bool:
    """"The RSF shelled the city" beside "the army said its aircraft struck RSF positions": shelling and an air strike
    by two doers the writer names apart, who share no word and no country, are each side's strike, two acts. (Drones
    and missiles of one night by "Russia" and "Russian forces" share a country.)"""
    if {a.means, b.means} != {"aerial", "heavy-weapons"} or a.doer is None or b.doer is None:
        return False
    if a.side and a.side == b.side or _points_back(a.doer) or _points_back(b.doer):
        return False
    first, second = set(a.doer.split()), set(b.doer.split())
    return not (first & _PRONOUNS or second & _PRONOUNS or (first & second) - _ANY_PARTY)


def score(features: dict[str, float]) -> float:
    """The sum of a pair's agreeing features' weights."""
    return round(sum(v for k, v in features.items() if k != "distance_km"), 3)


def linked(a: IncidentMention, b: IncidentMention, max_km: float = MAX_KM,
           threshold: float | None = None) -> tuple[float, dict[str, float]] | None:
    """The score and features of a pair that is one incident, or None."""
    features = compare(a, b, max_km)
    if features is None:
        return None
    value = score(features)
    return (value, features) if value >= (THRESHOLD if threshold is None else threshold) else None



def _span_dict(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def _casualty_dict(casualty: Casualty | None) -> dict[str, Any] | None:
    if casualty is None:
        return None
    return {"member_id": casualty.member_id, "value": casualty.value, "low": casualty.low, "high": casualty.high,
            "qualifier": casualty.qualifier, "speaker": casualty.speaker, "span": _span_dict(casualty.span),
            "vague": casualty.vague}


_PLACE_FIELDS = [f.name for f in fields(Place) if f.name != "span"]
_MENTION_FIELDS = [f.name for f in fields(IncidentMention)]


def to_json(mention: IncidentMention) -> str:
    """A mention as JSON, kept by the store's incident index so candidates are scored without their documents
    (written field by field: `dataclasses.asdict` was most of the cost of indexing a document)."""
    data = {name: getattr(mention, name) for name in _MENTION_FIELDS}
    data.update(
        start=mention.start.isoformat() if mention.start is not None else None,
        end=mention.end.isoformat() if mention.end is not None else None,
        countries=sorted(mention.countries), parties=sorted(mention.parties), others=sorted(mention.others),
        evidence=_span_dict(mention.evidence),
        killed=_casualty_dict(mention.killed), injured=_casualty_dict(mention.injured),
        named=[{"span": _span_dict(p.span), **{name: getattr(p, name) for name in _PLACE_FIELDS}}
               for p in mention.named])
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _casualty_from(data: dict | None) -> Casualty | None:
    return None if data is None else Casualty(**{**data, "span": Span(**data["span"])})


def from_json(text: str) -> IncidentMention:
    """The mention `to_json` wrote."""
    data = json.loads(text)
    data.update(
        start=date.fromisoformat(data["start"]) if data["start"] else None,
        end=date.fromisoformat(data["end"]) if data["end"] else None,
        countries=frozenset(data["countries"]), parties=frozenset(data["parties"]), others=frozenset(data["others"]),
        evidence=Span(**data["evidence"]), killed=_casualty_from(data["killed"]),
        injured=_casualty_from(data["injured"]),
        coordinates=tuple(data["coordinates"]) if data["coordinates"] is not None else None,
        named=tuple(Place(**{**p, "span": Span(**p["span"])}) for p in data["named"]),
    )
    return IncidentMention(**data)
