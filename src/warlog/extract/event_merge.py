"""One incident, one event: merge the sentences of a post that restate an incident already reported.

A live-blog post reports a strike in its first sentence and then comes back to it ("Falling fragments hit
three villages, injuring a firefighter", "the deliberate attack on the rail depot that evening"). Each such
sentence is typed as an event of its own; this module folds a later one into the earlier event it restates,
so the post yields one event whose missing fields (casualties, weapon, date, places, actor) are filled by the
later sentences and whose `restatements` keep every sentence's span.

Whether two events are one incident is `warlog.coreference`'s decision (the scorer that also links a page's
paragraphs and reports across documents: same family, nothing contradicts — dates, places, weapons, sides, doers,
exact tolls — and enough agreeing); this module decides which earlier events a sentence is put to it with:

* events of the same post, of a family whose restatements are folded (`_RESTATED_FAMILIES`: violence, territory,
  deployment, agreement, election);
* the later sentence does not introduce a new incident: an indefinite attack or weapon phrase ("a
  drone attack on …", "A Russian guided bomb struck …") is a new discourse referent, a definite one
  ("the strike", "the attack") or a verb with no new attack phrase refers back;
* generic (background, habitual, hypothetical) statements are never merged with incidents.

Deployments are the exception to the place rule: the same troops are "sent from A", "deployed to B" and
"stationed in C", so their places are added up instead of compared.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from warlog import coreference
from warlog.extract import lexicon
from warlog.schema import Event, Quantity, Span, TimeRef

# Families whose restatements are folded inside a post (the others — strategic developments — are told once per
# sentence). A post's sentences about one gathering are one demonstration; one in another town or on another day is
# told apart by the scorer, as a second strike is.
_RESTATED_FAMILIES = {"violence", "territory", "deployment", "agreement", "election", "demonstration"}
# Where one restatement is more specific than the event it restates, its type wins: a clash or attack
# with no weapon becomes the air strike or shelling the later sentence names.
_VAGUE_SUBTYPES = {"Armed clash", "Attack"}
_REMOTE = "Explosions/Remote violence"
# Strikes from afar: an air or drone strike, shelling or a missile.
_REMOTE_SUBTYPES = coreference.STRIKES_FROM_AFAR
_PLANTED = "Remote explosive/landmine/IED"
# ...unless its word names a fight of two sides ("repelled an assault", "clashed"): that stays a battle whatever
# weapons a later sentence names, as ACLED codes an exchange of fire a clash whether or not artillery was used.
_TWO_SIDED_STEMS = ("clash", "fight", "fought", "battl", "repel", "repuls", "skirmish", "firefight", "gunfight",
                    "engag", "encounter", "counterattack", "counter-attack", "counteroffensive", "combat")
_INDEFINITE = {"a", "an", "another"}
INTERCEPTION = "Disrupted weapons use"  # ACLED's sub-event of air defences and defused bombs
# A sentence that opens by turning to another matter ("Separately, drones attacked a refinery", "Elsewhere, ...", "In a
# separate attack, ..."): what it tells is not the incident before it, whatever its words.
_ANOTHER_MATTER = re.compile(r"^\W*(?:separately|elsewhere|in (?:a |another )?separate (?:incident|attack|strike|"
                             r"development|case)s?|in another (?:incident|attack|strike|development|case)|"
                             r"in other (?:news|developments))\b", re.IGNORECASE)


def family(event: Event) -> str | None:
    """The family an event belongs to, or None when its restatements are not folded inside a post."""
    kind = coreference.family(event)
    return kind if kind in _RESTATED_FAMILIES else None


def introduces_new_incident(doc: Doc, base: int, event: Event, weapons: list[Span], skip: Span | None = None) -> bool:
    """Whether the sentence of `event` names its attack with an indefinite phrase ("a drone attack on",
    "A glide bomb hit"): a new incident, never a restatement of an earlier one. Words in `skip` (the
    clause of another act the sentence tells: "came a day after a missile strike on X") are not its own."""
    start, end = event.evidence.start - base, event.evidence.end - base
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span) and _ANOTHER_MATTER.match(span[0].sent.text):
        return True
    for token in span or []:
        lower = token.lower_
        position = base + token.idx
        if skip is not None and skip.start <= position < skip.end:
            continue
        is_attack = lower in lexicon.ATTACK_NOUNS or token.lemma_.lower() in lexicon.ATTACK_NOUNS
        if not (is_attack or _in(position, weapons)) or token.pos_ != "NOUN":
            continue
        head = token
        while head.dep_ == "compound" and head.head != head:
            head = head.head
        head_lower = head.lemma_.lower()
        if head != token and not (head_lower in lexicon.ATTACK_NOUNS or _in(base + head.idx, weapons)):
            continue  # "an air-raid alert" names an alert, not an attack
        if any(child.dep_ == "det" and child.lower_ in _INDEFINITE for child in head.children) \
                and not _names_the_act(head) and not _instrument_against_a_known_target(head):
            return True
    return False


def _instrument_against_a_known_target(noun: Token) -> bool:
    """Whether an indefinite weapon is how an act on a target already told was done: "had targeted the ship with a
    drone and a missile" (the ship of the report before it), not a new attack."""
    holder = noun
    while holder.dep_ == "conj" and holder.head != holder:
        holder = holder.head  # "with a drone and a missile"
    if holder.dep_ != "pobj" or holder.head.lower_ != "with":
        return False
    verb = holder.head.head
    return any(c.dep_ in ("dobj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that")
                                                        for d in c.children) for c in verb.children)


# Verbs that name or judge an act already told: "calling it a cowardly attack", "described it as a deliberate attack".
_NAMING_VERBS = {"call", "describe", "term", "label", "brand", "dub", "denounce", "condemn", "decry", "characterise",
                 "characterize", "classify", "consider", "see", "view", "regard", "treat"}


def _names_the_act(noun: Token) -> bool:
    """Whether an indefinite attack phrase is what someone calls the act told, not a new act: the predicate of a
    naming verb ("calling it a cowardly attack") or its "as" phrase ("condemned the shooting as a terrorist attack")."""
    if noun.dep_ == "oprd":
        return noun.head.lemma_.lower() in _NAMING_VERBS
    return noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.lemma_.lower() in _NAMING_VERBS


def _in(position: int, spans: list[Span]) -> bool:
    return any(s.start <= position < s.end for s in spans)


def same_incident(earlier: Event, later: Event, quantities: list[Quantity], offset: int) -> bool:
    """Whether `later` can restate `earlier`: one post, a family whose restatements are folded, and the scorer links
    them (see `warlog.coreference`)."""
    if earlier.post_index != later.post_index or family(earlier) is None:
        return False
    first, second = (coreference.mention_of(e, quantities=quantities, offset=offset) for e in (earlier, later))
    return coreference.linked(first, second) is not None


# Doers that fight on the ground: they may be the side of an air strike's account, but never fly it.
_GROUND_DOERS = {"troops", "soldiers", "infantry", "infantrymen", "fighters", "militiamen", "gunmen", "ground forces",
                 "militants", "insurgents", "jihadists", "terrorists", "bandits"}


def _ground_doer_of_air_strike(earlier: Event, later: Event) -> bool:
    """"A fighter jet dropped two bombs on the village. The junta said troops had attacked positions in the area":
    the troops did not drop the bombs, so the air strike takes no doer from them (none rather than a wrong one)."""
    if earlier.acled_sub_event_type != "Air/drone strike" or later.actor1 is None:
        return False
    words = later.actor1.text.lower()
    return any(words == noun or words.endswith(" " + noun) for noun in _GROUND_DOERS)


# How an army announces its dead: "killed in combat", "fell in action". It tells no fight; the means a later sentence
# names ("when an explosive device detonated near their vehicle") is how they died.
_IN_COMBAT = re.compile(r"\b(?:killed|died|fell|slain|wounded|injured) (?:in (?:combat|action|battle)|during combat)\b",
                        re.IGNORECASE)


def _death_in_combat(event: Event) -> bool:
    """Whether the event tells deaths by an army's formula and no more: its word a verb of the dead or the formula's
    noun, and one of its sentences the formula (a headline "Soldiers killed" may hold the word, the lead the
    formula)."""
    if event.trigger.text.lower() not in _COMBAT_FORMULA_WORDS:
        return False
    return any(_IN_COMBAT.search(sentence.text) for sentence in [event.evidence, *event.restatements])


_COMBAT_FORMULA_WORDS = {"killed", "died", "fell", "slain", "wounded", "injured", "combat", "action", "battle"}


def _names_two_sided_fight(event: Event) -> bool:
    """Whether the event's trigger word names a fight of two sides ("repelled", "clashes", "fighting")."""
    return event.trigger.text.lower().startswith(_TWO_SIDED_STEMS)


def absorb(earlier: Event, later: Event, quantities: list[Quantity] | None = None, offset: int = 0) -> None:
    """Fill what `earlier` lacks from `later` and keep `later`'s sentence as a restatement. With the figures
    (`quantities`, whose first is number `offset`), a count of the dead told later ("killed four people") replaces
    one victim told by kind ("killed a senior commander")."""
    if quantities is not None and earlier.killed is not None and later.killed is not None \
            and _told_by_kind(quantities, earlier.killed - offset) \
            and not _told_by_kind(quantities, later.killed - offset):
        earlier.killed = later.killed
    formulaic = _death_in_combat(earlier)
    if earlier.acled_sub_event_type in _VAGUE_SUBTYPES and earlier.weapon is None \
            and later.acled_event_type == _REMOTE and (formulaic or not _names_two_sided_fight(earlier)) \
            and not _ground_doer_of_air_strike(later, earlier) \
            and (formulaic or not (earlier.acled_sub_event_type == "Armed clash"
                                   and later.acled_sub_event_type == _PLANTED)):
        # (gunmen's raid told again is no air strike; the car bombs that open an assault on a base are part of the
        # battle, as the typer has it for one sentence)
        _take_type(earlier, later)
    forces_answer = _force_against_a_gathering(earlier, later)
    if forces_answer:  # "Thousands marched…", then "Police fired tear gas to disperse the crowd": the protest met force
        _take_type(earlier, later)
        if earlier.actor2 is None:
            earlier.actor2 = later.actor1
    if dates_better(earlier.time, later.time):
        earlier.time = later.time
    if earlier.actor1 is not None and later.actor1 is not None \
            and coreference.names_a_described_group(earlier.actor1.text, later.actor1.text):
        earlier.actor1 = later.actor1  # "an attack by gunmen" told again as "JNIM said its fighters overran…"
    # the police who met a protest are not its doer: ACLED names the protesters
    police = forces_answer and later.actor1 is not None and coreference.names_state_forces(later.actor1.text.lower())
    for name in ("actor1", "actor2", "target", "weapon", "time", "killed", "injured", "claim"):
        if name == "actor1" and (_ground_doer_of_air_strike(earlier, later) or police):
            continue
        if getattr(earlier, name) is None and getattr(later, name) is not None:
            setattr(earlier, name, getattr(later, name))
            if name == "claim":
                earlier.claimed_by_belligerent = later.claimed_by_belligerent
    known = {s.text.lower().removeprefix("the ").strip() for s in earlier.locations}
    earlier.locations = [*earlier.locations, *(s for s in later.locations if s.text.lower() not in known)]
    earlier.confidence = max(earlier.confidence, later.confidence)
    keep_sentences(earlier, later)


def keep_sentences(host: Event, told: Event) -> None:
    """`host` keeps the sentences of `told` (its evidence and what it had kept) as its restatements: the incident is
    told there again, whatever of `told`'s fields it takes."""
    host.restatements = [*host.restatements, told.evidence, *told.restatements]


def give_missing_toll(incident: Event, toll: Event) -> None:
    """`incident` takes the killed and injured figures it lacks from a toll told after it ("Eight police officers were
    injured."); figures it has stay."""
    incident.killed = incident.killed if incident.killed is not None else toll.killed
    incident.injured = incident.injured if incident.injured is not None else toll.injured


def _take_type(earlier: Event, later: Event) -> None:
    """`earlier` is typed as `later` is (PLOVER and ACLED)."""
    earlier.plover_type, earlier.plover_mode = later.plover_type, later.plover_mode
    earlier.acled_event_type, earlier.acled_sub_event_type = later.acled_event_type, later.acled_sub_event_type


# Force that met a gathering, as ACLED grades a protest that police answered.
_FORCE_GRADES = {"Protest with intervention", "Excessive force against protesters"}


def _force_against_a_gathering(earlier: Event, later: Event) -> bool:
    """Whether `later` tells the force that met a protest `earlier` tells as peaceful ("Thousands marched…", "Police
    fired tear gas to disperse the crowd"). Between two graded accounts of the force the first one stays: a later
    sentence's grade is no better reading of it."""
    return earlier.acled_sub_event_type == "Peaceful protest" and later.acled_sub_event_type in _FORCE_GRADES


def _told_by_kind(quantities: list[Quantity], index: int) -> bool:
    if not 0 <= index < len(quantities):
        return False
    quantity = quantities[index]
    return coreference.one_of_a_kind(quantity.value, quantity.span.text)


def dates_better(current: TimeRef | None, stated: TimeRef | None) -> bool:
    """Whether a restatement's day should replace an act's time: the act has no day ("…, the mayor said" bounds a
    lead by the report; its restatement dates it), or only the day its claim was made, which a stated earlier day
    refines ("…, sources said Tuesday" then "the attack began at dawn on Monday")."""
    if stated is None or stated.start is None:
        return False
    return current is None or current.start is None or refines(current, stated) or _a_day_of(stated, current)


def _a_day_of(stated: TimeRef, days: TimeRef) -> bool:
    """Whether `stated` names one day of the run of days `days` leaves open ("days after separatists attacked a train"
    … "Tuesday's attack"): the day it was."""
    return days.precision == "days" and stated.precision == "day" and None not in (days.start, days.end) \
        and stated.start is not None and days.start <= stated.start <= days.end  # type: ignore[operator]


def refines(bound: TimeRef | None, stated: TimeRef | None) -> bool:
    """Whether `stated` (a day the text gives the act) refines `bound` (the day a claim about it was made, marked
    approximate, or the morning after a night told as "overnight"): the act happened the day before."""
    return (bound is not None and stated is not None
            and (bound.approximate or coreference.told_overnight(bound)) and not stated.approximate
            and bound.precision == stated.precision == "day"
            and bound.start is not None and stated.start is not None
            and bound.start - coreference.UNDATED_REACH <= stated.start < bound.start)


def _nearest_of_its_kind(event: Event, candidates: list[Event]) -> Event | None:
    """Of the earlier events `event` may refer back to (nearest first), the nearest of its own kind, else the nearest.
    "Rebels shelled a camp. The army said it repelled an attack. 'The shells fell on the school'": the shells are
    the shelling told two sentences before, not the clash between them. Of no event of its sub-type, the nearest of
    its event type: "Sunday's bombing" is the suicide bombing, not the raid told after it."""
    return next((e for e in candidates if e.acled_sub_event_type == event.acled_sub_event_type),
                next((e for e in candidates if e.acled_event_type == event.acled_event_type),
                     candidates[0] if candidates else None))


def merge_restatements(
    events: list[Event], quantities: list[Quantity], offset: int, fresh: set[int], anaphoric: set[int],
    referring: set[int] | None = None, answering: set[int] | None = None, weapon_reports: set[int] | None = None,
) -> list[Event]:
    """Events of one parsed post with restatements folded into the event they restate.

    `fresh` holds the ids of events whose sentence introduces a new incident (see
    `introduces_new_incident`); such an event is never folded into an earlier one. A vote is restated
    only by a definite noun (`anaphoric`: "the runoff", "the vote"): a verb ("re-elected") reports another.
    An event in `referring` points back at an act already told ("this latest attack", "the assault ended with…",
    "troops killed the attackers"): when the scorer links it to nothing, it is still folded into the nearest
    earlier incident of the post (of its own family if there is one), since it cannot be a new one. An event in
    `answering` is done to the attackers of an attack already told ("soldiers killed all the attackers"): it is that
    attack's end, kept as its sentence only, since its doer and toll are the other side's. An event in
    `weapon_reports` only names an attack's weapon ("the drones were launched by the RSF") and is folded into that
    attack told before it later: no act told after it is its restatement.
    """
    kept: list[Event] = []
    for event in events:
        if id(event) in fresh or (family(event) == "election" and id(event) not in anaphoric):
            kept.append(event)
            continue
        answers = answering is not None and id(event) in answering
        # "jets struck the attackers as they fled": the answer from the air is an act of its own, told again only by
        # another strike of its kind
        counter_strike = answers and event.acled_sub_event_type in _REMOTE_SUBTYPES
        options = [e for e in reversed(kept) if same_incident(e, event, quantities, offset)
                   and (not counter_strike or e.acled_sub_event_type in _REMOTE_SUBTYPES)
                   and not (weapon_reports and weapon_report_host(e, kept[:kept.index(e)], weapon_reports))]
        target = None if answers and not counter_strike else _nearest_of_its_kind(event, options)
        if target is None and (answers and not counter_strike or referring and id(event) in referring) \
                and not event.generic:
            antecedent = _antecedent_incident(event, kept)
            if antecedent is not None and _on_another_day(event, antecedent):
                antecedent = None  # "The attacks began on Sunday, when drones hit an air base": that day's own act
            if antecedent is not None:  # its sentence only: it may tell the other side's doer or toll
                keep_sentences(antecedent, event)
                if not answers and event.actor1 is None and family(antecedent) in _TAKE_A_LONE_TOLL \
                        and event.acled_event_type != _REMOTE and event.weapon is None:
                    # a toll told alone after a protest ("Eight officers were injured.") or a capture ("Three soldiers
                    # were killed in the fighting."), as `incident_assembly.attach_consequences` tells it after other
                    # incidents
                    give_missing_toll(antecedent, event)
                continue
        if target is None:
            kept.append(event)
            continue
        absorb(target, event, quantities, offset)
    return kept


# Families whose incident takes the toll a pointing-back sentence tells alone: the crowd's, and the fight's that took
# or retook a place. (An attack's is told by its own sentences; a lone toll after it may be the other side's. A toll
# told with a means of its own, "killed in air strikes during the fighting", is another act's.)
_TAKE_A_LONE_TOLL = {"demonstration", "territory"}


def weapon_report_host(event: Event, earlier: list[Event], weapon_reports: set[int]) -> Event | None:
    """The attack told before an event that only names its weapon ("Patriot batteries had been used", "the drones
    were launched by the RSF"), into which `events._fold_weapon_reports` folds it, or None: an event that is no such
    report, or one with no attack before it. A night's interceptions ("launched 85 drones, of which 60 were shot down")
    are no strike's weapon."""
    if id(event) not in weapon_reports or event.acled_sub_event_type == INTERCEPTION:
        return None
    return next((e for e in reversed(earlier) if e.plover_type == "ASSAULT" and not e.generic), None)


def _on_another_day(event: Event, other: Event) -> bool:
    """Whether two events are each dated to a day by their own words, days apart: a run of attacks that "began on
    Sunday" is not Tuesday's; a fight that "began late on Thursday" may be Friday's, gone on through the night."""
    days = [e.time.start for e in (event, other) if e.time is not None and e.time.precision == "day"
            and e.time.resolved and not e.time.approximate and e.time.start is not None]
    return len(days) == 2 and abs((days[0] - days[1]).days) > 1


def _antecedent_incident(event: Event, kept: list[Event]) -> Event | None:
    """The incident a pointing-back event refers to: the nearest earlier one of the post of its family, else the
    nearest of the incident families (a capture told as "this capture" is the territory taken just before)."""
    earlier = [e for e in reversed(kept) if e.post_index == event.post_index and not e.generic
               and e.acled_event_type is not None and coreference.family(e) is not None]
    kind = coreference.family(event)
    return next((e for e in earlier if coreference.family(e) == kind), None) or next(
        (e for e in earlier if family(e) in _ANTECEDENT_FAMILIES), None)


# Families an act told by pointing back can refer to across types (a bare toll after a riot is the riot's: "eight
# police officers were injured").
_ANTECEDENT_FAMILIES = {"violence", "territory", "demonstration"}


def fill_from_antecedent(events: list[Event], anaphoric: set[int]) -> None:
    """"The previous exchange happened in the spring": a definite event noun with no party named refers back
    to the nearest earlier event of its family in the post ("the two sides have traded detainees"), even a
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


# (Remote strikes, `_REMOTE_SUBTYPES`, are those whose doer a news writer leaves to the context: "a drone attack on X
# injured five"; a clash or a protest names its parties where it happens, so they are never given a doer from another
# sentence.)
_ATTACK_FAMILIES = {"violence"}
INHERITED_CONFIDENCE = 0.85  # an inherited doer is an analyst's inference, not the sentence's word


def inherit_attackers(
    events: list[Event], struck: Callable[[Event], set[str]], home: Callable[[Span], str | None],
    lenders: set[int] | None = None,
) -> None:
    """"In X, the governor said a drone strike on a school wounded two": a live-blog post
    lists strikes one after another and names the attacker once. An air, drone, missile or shelling event with no
    doer takes the doer of the nearest earlier event of the same post that has one and struck the same country
    (`struck(event)`: the countries of its places and of its target's side); never across posts, never for clashes
    or protests, never when the country struck is unknown. A doer whose own country (`home`) is the one struck is
    passed over: in "Russian missiles hit Kyiv. Ukrainian drones struck Russian positions in occupied Donetsk. In
    Zaporizhzhia, a drone attack injured three", the drones hit Ukraine's soil but were not Ukraine's (in a civil
    war, where a state strikes its own country, no doer is inherited: none rather than a wrong one).

    The inherited `actor1` is the earlier sentence's span, outside this event's evidence sentence (its evidence is
    that earlier mention); the event's confidence is lowered by `INHERITED_CONFIDENCE` to say so. No antecedent
    generic statement ("the air force has bombed the region for months") lends its doer: it reports no incident. A
    night's roundup (`lenders`: "Russian strikes killed five people across Ukraine overnight") does: it is no incident
    of its own, but it names who struck each place the post then lists."""
    for number, event in enumerate(events):
        if event.actor1 is not None or event.generic or event.acled_sub_event_type not in _REMOTE_SUBTYPES:
            continue
        countries = struck(event)
        if not countries:
            continue
        antecedent = next((e for e in reversed(events[:number]) if e.actor1 is not None
                           and (not e.generic or lenders is not None and id(e) in lenders)
                           and e.post_index == event.post_index and family(e) in _ATTACK_FAMILIES
                           and countries & struck(e) and home(e.actor1) not in countries
                           and not _ground_doer_of_air_strike(event, e)), None)  # gunmen fly no drones
        if antecedent is not None:
            event.actor1 = antecedent.actor1
            event.confidence = round(event.confidence * INHERITED_CONFIDENCE, 3)
