"""One incident, one event: merge the sentences of a post that restate an incident already reported.

A live-blog post reports a strike in its first sentence and then comes back to it ("Debris struck six
districts, wounding a police officer", "the targeted strike at a police station in the late
afternoon"). Each such sentence is typed as an event of its own; this module folds a later one into the
earlier event it restates, so the post yields one event whose missing fields (casualties, weapon, date,
places, actor) are filled by the later sentences and whose `restatements` keep every sentence's span.

When two events of one post are the same incident is decided by rules that read like an editor's:

* the same family of event (`FAMILIES`: violence, territory, deployment, agreement, election, …);
* nothing contradicts: dates overlap, places share a name (a country never contradicts a town),
  weapons have the same head noun, the doers are on the same side, exact death or injury tolls agree;
* the later sentence does not introduce a new incident: an indefinite attack or weapon phrase ("a
  drone attack on …", "A Russian guided bomb struck …") is a new discourse referent, a definite one
  ("the strike", "the attack") or a verb with no new attack phrase refers back;
* generic (background, habitual, hypothetical) statements are never merged with incidents.

Deployments are the exception to the place rule: the same troops are "sent from A", "deployed to B" and
"stationed in C", so their places are added up instead of compared.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from warlog.extract import lexicon
from warlog.extract.event_roles import side_of
from warlog.schema import Event, Quantity, Span

# Event families: events of one family can describe the same incident. Keyed by ACLED event type, then by
# PLOVER type for what ACLED does not cover; territory is its own family inside Battles.
_TERRITORY_SUBTYPES = {"Government regains territory", "Non-state actor overtakes territory",
                       "Non-violent transfer of territory"}
FAMILIES: dict[str, str] = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "MOBILIZE": "deployment",
    "AGREE": "agreement",
    "ELECTION": "election",
}
# Where one restatement is more specific than the event it restates, its type wins: a clash or attack
# with no weapon becomes the air strike or shelling the later sentence names.
_VAGUE_SUBTYPES = {"Armed clash", "Attack"}
# ...unless its word names a fight of two sides ("repelled an assault", "clashed"): that stays a battle whatever
# weapons a later sentence names, as ACLED codes an exchange of fire a clash whether or not artillery was used.
_TWO_SIDED_STEMS = ("clash", "fight", "fought", "battl", "repel", "repuls", "skirmish", "firefight", "gunfight",
                    "engag", "encounter", "counterattack", "counter-attack", "counteroffensive", "combat")
_INDEFINITE = {"a", "an", "another"}
_COUNTRIES = {side.lower() for side in lexicon.SIDES.values()}


def family(event: Event) -> str | None:
    """The family an event belongs to, or None when its restatements are not merged."""
    if event.acled_sub_event_type in _TERRITORY_SUBTYPES:
        return "territory"
    if event.acled_sub_event_type == "Disrupted weapons use":
        return None  # an interception is an event of its own, even inside an attack
    return FAMILIES.get(event.acled_event_type or "") or FAMILIES.get(event.plover_type or "")


def introduces_new_incident(doc: Doc, base: int, event: Event, weapons: list[Span]) -> bool:
    """Whether the sentence of `event` names its attack with an indefinite phrase ("a drone attack on",
    "A Russian guided bomb struck"): a new incident, never a restatement of an earlier one."""
    start, end = event.evidence.start - base, event.evidence.end - base
    for token in doc.char_span(start, end, alignment_mode="expand") or []:
        lower = token.lower_
        position = base + token.idx
        is_attack = lower in lexicon.ATTACK_NOUNS or token.lemma_.lower() in lexicon.ATTACK_NOUNS
        if not (is_attack or _in(position, weapons)) or token.pos_ != "NOUN":
            continue
        head = token
        while head.dep_ == "compound" and head.head is not head:
            head = head.head
        head_lower = head.lemma_.lower()
        if head is not token and not (head_lower in lexicon.ATTACK_NOUNS or _in(base + head.idx, weapons)):
            continue  # "an air-raid alert" names an alert, not an attack
        if any(child.dep_ == "det" and child.lower_ in _INDEFINITE for child in head.children):
            return True
    return False


def _in(position: int, spans: list[Span]) -> bool:
    return any(s.start <= position < s.end for s in spans)


def _overlap(a: Event, b: Event) -> bool:
    if a.time is None or b.time is None or a.time.start is None or b.time.start is None:
        return True
    a_end, b_end = a.time.end or a.time.start, b.time.end or b.time.start
    return a.time.start <= b_end and b.time.start <= a_end


def _names(spans: list[Span]) -> set[str]:
    return {s.text.lower().removeprefix("the ").strip() for s in spans}


def _places_agree(a: Event, b: Event) -> bool:
    countries = {n for n in _names(a.locations) if n in _COUNTRIES}, {n for n in _names(b.locations) if n in _COUNTRIES}
    if countries[0] and countries[1] and not countries[0] & countries[1]:
        # "Russia launched drones at Ukraine" and "its forces struck an airfield in Russia's Saratov region":
        # acts placed in different countries are different incidents
        return False
    first = {n for n in _names(a.locations) if n not in _COUNTRIES}
    second = {n for n in _names(b.locations) if n not in _COUNTRIES}
    if not first or not second:
        return True
    return any(x == y or x in y or y in x for x in first for y in second)


def _head_noun(span: Span | None) -> str | None:
    if span is None or not span.text.split():
        return None
    return span.text.split()[-1].lower().removesuffix("s")


def _weapons_agree(a: Event, b: Event) -> bool:
    first, second = _head_noun(a.weapon), _head_noun(b.weapon)
    return first is None or second is None or first == second


def _side(span: Span | None) -> str | None:
    """The country of an actor or target written as a nationality, capital or country ("Ukraine's army")."""
    return side_of(span.text) if span is not None else None


def _sides_agree(a: Event, b: Event) -> bool:
    """The parties named (doer and target) overlap, or one event names none: "Ukraine's army hit North Korean
    troops" and "North Korean troops encountered fire" share a party; "Russia shelled X" and "Ukraine struck
    Y" do not."""
    first = {s for s in (_side(a.actor1), _side(a.actor2), _side(a.target)) if s}
    second = {s for s in (_side(b.actor1), _side(b.actor2), _side(b.target)) if s}
    return not first or not second or bool(first & second)


_PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "them"}


def _doers_agree(a: Event, b: Event) -> bool:
    """A doer with no country ("Rebels", "gunmen") that shares no word with the other event's doer is another
    party: "Rebels attacked a base" does not restate "Israeli strikes killed 12". Two doers that both have a
    country are left to `_sides_agree`, which also reads targets; a pronoun ("they") may refer back to anyone."""
    if a.actor1 is None or b.actor1 is None or (_side(a.actor1) and _side(b.actor1)):
        return True
    first, second = set(a.actor1.text.lower().split()), set(b.actor1.text.lower().split())
    return bool(first & _PRONOUNS or second & _PRONOUNS or (first & second) - {"the", "a", "an"})


def _voters_agree(a: Event, b: Event) -> bool:
    """Two votes are one only when the same people vote: "Moldovans vote" is not "Georgia re-elected"."""
    if a.actor1 is None or b.actor1 is None:
        return True
    first, second = a.actor1.text.lower(), b.actor1.text.lower()
    return (_side(a.actor1) or first[:5]) == (_side(b.actor1) or second[:5])


def _tolls_agree(a: int | None, b: int | None, quantities: list[Quantity], offset: int) -> bool:
    if a is None or b is None:
        return True
    first, second = quantities[a - offset], quantities[b - offset]
    if first.qualifier == "exact" and second.qualifier == "exact":
        return first.value == second.value
    return True


def nothing_contradicts(earlier: Event, later: Event, quantities: list[Quantity], offset: int) -> bool:
    """Same family, neither generic, and no field that tells two incidents apart: dates overlap, weapons, sides,
    doers and exact tolls agree (places are left to the caller, which reads them as words or as coordinates)."""
    kind = family(earlier)
    if kind is None or kind != family(later) or earlier.generic or later.generic:
        return False
    if not (_overlap(earlier, later) and _weapons_agree(earlier, later) and _sides_agree(earlier, later)
            and _doers_agree(earlier, later)):
        return False
    if not (_tolls_agree(earlier.killed, later.killed, quantities, offset)
            and _tolls_agree(earlier.injured, later.injured, quantities, offset)):
        return False
    return kind != "election" or _voters_agree(earlier, later)


def same_incident(earlier: Event, later: Event, quantities: list[Quantity], offset: int) -> bool:
    """Whether `later` can restate `earlier` (same family, nothing contradicts); see the module docstring."""
    if earlier.post_index != later.post_index or not nothing_contradicts(earlier, later, quantities, offset):
        return False
    return family(earlier) == "deployment" or _places_agree(earlier, later)


# Doers that fight on the ground: they may be the side of an air strike's account, but never fly it.
_GROUND_DOERS = {"troops", "soldiers", "infantry", "infantrymen", "fighters", "militiamen", "gunmen", "ground forces"}


def _ground_doer_of_air_strike(earlier: Event, later: Event) -> bool:
    """"A fighter jet dropped two bombs on the village. The junta said troops had attacked positions in the area":
    the troops did not drop the bombs, so the air strike takes no doer from them (none rather than a wrong one)."""
    if earlier.acled_sub_event_type != "Air/drone strike" or later.actor1 is None:
        return False
    words = later.actor1.text.lower()
    return any(words == noun or words.endswith(" " + noun) for noun in _GROUND_DOERS)


def _names_two_sided_fight(event: Event) -> bool:
    """Whether the event's trigger word names a fight of two sides ("repelled", "clashes", "fighting")."""
    return event.trigger.text.lower().startswith(_TWO_SIDED_STEMS)


def absorb(earlier: Event, later: Event) -> None:
    """Fill what `earlier` lacks from `later` and keep `later`'s sentence as a restatement."""
    if earlier.acled_sub_event_type in _VAGUE_SUBTYPES and earlier.weapon is None \
            and later.acled_event_type == "Explosions/Remote violence" and not _names_two_sided_fight(earlier):
        earlier.plover_type, earlier.plover_mode = later.plover_type, later.plover_mode
        earlier.acled_event_type, earlier.acled_sub_event_type = later.acled_event_type, later.acled_sub_event_type
    for name in ("actor1", "actor2", "target", "weapon", "time", "killed", "injured", "claim"):
        if name == "actor1" and _ground_doer_of_air_strike(earlier, later):
            continue
        if getattr(earlier, name) is None and getattr(later, name) is not None:
            setattr(earlier, name, getattr(later, name))
            if name == "claim":
                earlier.claimed_by_belligerent = later.claimed_by_belligerent
    known = _names(earlier.locations)
    earlier.locations = [*earlier.locations, *(s for s in later.locations if s.text.lower() not in known)]
    earlier.confidence = max(earlier.confidence, later.confidence)
    earlier.restatements = [*earlier.restatements, later.evidence, *later.restatements]


def _nearest_of_its_kind(event: Event, candidates: list[Event]) -> Event | None:
    """Of the earlier events `event` may refer back to (nearest first), the nearest of its own kind, else the nearest.
    "Rebels shelled a camp. The army said it repelled an attack. 'The shells fell on the school'": the shells are
    the shelling told two sentences before, not the clash between them."""
    return next((e for e in candidates if e.acled_sub_event_type == event.acled_sub_event_type),
                candidates[0] if candidates else None)


def merge_restatements(
    events: list[Event], quantities: list[Quantity], offset: int, fresh: set[int], anaphoric: set[int]
) -> list[Event]:
    """Events of one parsed post with restatements folded into the event they restate.

    `fresh` holds the ids of events whose sentence introduces a new incident (see
    `introduces_new_incident`); such an event is never folded into an earlier one. A vote is restated
    only by a definite noun (`anaphoric`: "the runoff", "the vote"): a verb ("re-elected") reports another.
    """
    kept: list[Event] = []
    for event in events:
        if id(event) in fresh or (family(event) == "election" and id(event) not in anaphoric):
            kept.append(event)
            continue
        target = _nearest_of_its_kind(event, [e for e in reversed(kept) if same_incident(e, event, quantities, offset)])
        if target is None:
            kept.append(event)
            continue
        absorb(target, event)
    return kept


def fill_from_antecedent(events: list[Event], anaphoric: set[int]) -> None:
    """"The last swap took place in mid-October": a definite event noun with no party named refers back to
    the nearest earlier event of its family in the post ("Kyiv and Moscow have exchanged prisoners"), even a
    background one, and takes its parties."""
    for number, event in enumerate(events):
        if id(event) not in anaphoric or event.actor1 is not None:
            continue
        kind = family(event)
        antecedent = _nearest_of_its_kind(event, [e for e in reversed(events[:number]) if kind is not None
                                                  and family(e) == kind and e.post_index == event.post_index
                                                  and e.actor1 is not None])
        if antecedent is not None:
            event.actor1, event.actor2 = antecedent.actor1, event.actor2 or antecedent.actor2


# Remote strikes whose doer a news writer leaves to the context ("a drone attack on X injured five"); a clash or a
# protest names its parties where it happens, so they are never given a doer from another sentence.
_REMOTE_SUBTYPES = {"Air/drone strike", "Shelling/artillery/missile attack"}
_ATTACK_FAMILIES = {"violence"}
INHERITED_CONFIDENCE = 0.85  # an inherited doer is an analyst's inference, not the sentence's word


def inherit_attackers(
    events: list[Event], struck: Callable[[Event], set[str]], home: Callable[[Span], str | None]
) -> None:
    """"In the city of X, prosecutors said a drone attack on an apartment building injured five": a live-blog post
    lists strikes one after another and names the attacker once. An air, drone, missile or shelling event with no
    doer takes the doer of the nearest earlier event of the same post that has one and struck the same country
    (`struck(event)`: the countries of its places and of its target's side); never across posts, never for clashes
    or protests, never when the country struck is unknown. A doer whose own country (`home`) is the one struck is
    passed over: in "Russian missiles hit Kyiv. Ukrainian drones struck Russian positions in occupied Donetsk. In
    Zaporizhzhia, a drone attack injured three", the drones hit Ukraine's soil but were not Ukraine's (in a civil
    war, where a state strikes its own country, no doer is inherited: none rather than a wrong one).

    The inherited `actor1` is the earlier sentence's span, outside this event's evidence sentence (its evidence is
    that earlier mention); the event's confidence is lowered by `INHERITED_CONFIDENCE` to say so. No antecedent
    generic statement ("Russia has carried out regular airstrikes") lends its doer: it reports no incident."""
    for number, event in enumerate(events):
        if event.actor1 is not None or event.generic or event.acled_sub_event_type not in _REMOTE_SUBTYPES:
            continue
        countries = struck(event)
        if not countries:
            continue
        antecedent = next((e for e in reversed(events[:number]) if e.actor1 is not None and not e.generic
                           and e.post_index == event.post_index and family(e) in _ATTACK_FAMILIES
                           and countries & struck(e) and home(e.actor1) not in countries), None)
        if antecedent is not None:
            event.actor1 = antecedent.actor1
            event.confidence = round(event.confidence * INHERITED_CONFIDENCE, 3)
