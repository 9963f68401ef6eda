"""Events: who did what to whom, where, when, with what, and how many were killed or injured.

`event_types.classify_event` says whether a sentence reports an event and of which kind; this
module assembles the Event around the trigger: roles from `event_roles` (actor, target, places that
are places), time from `event_time`, weapons and casualty quantities of the sentence, and the claim the
event was reported in. It also drops what only restates an event (verbless quote fragments, "the
incident took place in X", "X missiles had been used") after giving its details to the event it restates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from warlog.coreference import TERRITORY_SUBTYPES, is_country_name, norm_place
from warlog.extract.acts_in_sum import (
    a_kind_of_act,
    summed_over_a_span_or_share,
    toll_of_a_period,
    toll_of_several_acts,
)
from warlog.extract.event_merge import (
    dates_better,
    fill_from_antecedent,
    inherit_attackers,
    introduces_new_incident,
    merge_restatements,
    weapon_report_host,
)
from warlog.extract.event_roles import (
    LOCATIVE_PREPS,
    PLACE_HEADS,
    PLACE_LABELS,
    SPEECH_LEMMAS,
    actor_phrase,
    actor_token,
    attacker_in,
    belligerent_side,
    governing_verb,
    inside,
    is_actor_token,
    is_actor_use,
    is_location_use,
    is_speech,
    misattached_main_verb,
    side_of,
    target_phrase,
    target_token,
    tells_the_demonstration,
    token_span,
)
from warlog.extract.event_time import (
    BACKGROUND_AFTER_DAYS,
    clause_offsets,
    clock_times_on_the_day_told,
    event_time,
    most_specific,
    report_day,
    reported_by,
    tells_where_it_was,
)
from warlog.extract.event_types import classify_event
from warlog.extract.interceptors import is_shoot_down, launcher, not_the_interceptor, telling_interceptor
from warlog.extract.lexicon import (
    ATTACK_NOUNS,
    ATTACK_VERBS,
    CROWD_CONTROL,
    MEANS_VERBS,
    TOLL_VERBS,
    VIOLENT_TYPES,
    takes_lives,
)
from warlog.extract.parsed import text_of
from warlog.extract.victim_lists import summed_toll
from warlog.resolve.places import get_resolver
from warlog.schema import Claim, Event, Mention, Quantity, Span, TimeRef

__all__ = ["belligerent_side", "extract_events", "event_time"]


def _trigger_token(sent: SpacySpan, trigger) -> Token:
    """The classifier may give a token, a token index or character offsets; normalise to a token."""
    if isinstance(trigger, Token):
        return trigger
    if isinstance(trigger, int):
        return sent.doc[trigger]
    if isinstance(trigger, tuple) and trigger:
        char = trigger[0]
        end = trigger[1] if len(trigger) > 1 else char + 1
        inside_span = [token for token in sent if char <= token.idx < end or token.idx <= char < token.idx + len(token)]
        if inside_span:
            # a phrase ("aerial bombs", "guided aerial bombs") is its head word, the one whose head lies outside it:
            # its first word is a modifier ("aerial"), which reports nothing on its own
            return next((token for token in inside_span if not char <= token.head.idx < end
                         or token.head.i == token.i), inside_span[0])
    return sent.root


def _can_report_event(sent: SpacySpan, trigger: Token) -> bool:
    """Fragments without a verb ("Another drone attack.") restate an event inside a quote, a one-word line is a
    subhead, and a trigger that names a person or office ("a senior diplomat said", "the embassy") or is only an
    adjective ("diplomatic battleground") does not report one."""
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return False
    if sum(not (t.is_punct or t.is_space) for t in sent) <= 1:
        return False  # a one-word line ("Fighting", a roundup's subhead) names a topic, not an act
    if trigger.pos_ == "ADJ":
        return False
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass") \
            and trigger.head.lemma_ in SPEECH_LEMMAS and not takes_lives(trigger.head) \
            and trigger.lemma_.lower() not in _ACTS_THAT_CANNOT_SPEAK:
        return False  # "the attack has claimed the lives of 32" is no speech, nor a strike a misparse hangs on "said"
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.ent_type_ in ("PERSON", "ORG", "NORP"):
        return False
    return trigger.lemma_ not in ("diplomat", "embassy", "official", "minister", "envoy", "ambassador")


# Event nouns no one hears speak: as the subject of "said" they are a misparse of "strikes killed 27, officials said".
_ACTS_THAT_CANNOT_SPEAK = {*ATTACK_NOUNS, "bombing", "explosion", "blast", "shelling", "airstrike", "drone", "missile",
                           "bomb", "rocket", "shell", "fire", "gunfire", "shellfire", "barrage", "salvo", "volley"}


def _is_irrealis(trigger: Token) -> bool:
    """An infinitive or a purpose clause reports no incident: "sent to help fight", "after failing to capture",
    "plans to strike", "to return to talks and speed up the exchange"; nor does what someone is ready or
    prepared for ("prisoners ready for a swap")."""
    chain = [trigger, governing_verb(trigger) or trigger]
    while chain[-1].dep_ in ("xcomp", "conj") and len(chain) < 5:  # "to help fight": the "to" sits on "help"
        chain.append(chain[-1].head)
    infinitive = next((token for token in chain if any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)),
                      None)
    if infinitive is not None:
        if infinitive.dep_ in ("advcl", "xcomp") and infinitive.head.lemma_.lower() in MEANS_VERBS \
                and infinitive.head.tag_ in ("VBD", "VBN") and not _is_irrealis(infinitive.head):
            return False  # "fighters used drones to attack a base": the means was used, so the act was done
        done = [infinitive.head, *([infinitive.head.head] if infinitive.head.dep_ == "conj" else [])]
        if infinitive.dep_ == "advcl" and infinitive.head.tag_ == "VBD" and any(
                c.lemma_.lower() in CROWD_CONTROL for verb in done for c in verb.subtree if c.i < infinitive.i):
            # "police fired tear gas to disperse the crowd": the crowd met the gas, it was dispersed (so it was when the
            # gas is told in the first of joined clauses: "fired tear gas and detained dozens to break up a march")
            return False
        # "police fired tear gas to disperse protesters": the protesters were there, since the act the purpose
        # clause serves happened; only a verb in the infinitive ("sent to retake the town") is unrealised
        return not (trigger.pos_ == "NOUN" and trigger.lemma_.lower() in _PRESENT_PARTICIPANTS
                    and infinitive.dep_ in ("advcl", "xcomp") and infinitive.head.tag_ == "VBD")
    return trigger.dep_ == "pobj" and trigger.head.lower_ == "for" and trigger.head.head.lemma_ in _READY_WORDS


_FIRST_TIME = re.compile(r"\bfor the first time\b", re.IGNORECASE)


def _campaign_in_the_perfect(trigger: Token, evidence: Span, times: list[TimeRef], locations: list[Span]) -> bool:
    """Whether an act is told in the present perfect with no time and no place narrower than a country ("Russia has
    in turn pounded Ukraine's power grid"): told after the report's incident, it is the campaign behind it, not another
    incident (a report's own act in the perfect comes first, or has its day, place or toll, or is told in the passive
    or as a first)."""
    verb = governing_verb(trigger) or trigger
    # ("has in turn pounded" may be tagged a simple past: the auxiliary says it is the perfect)
    if verb.tag_ not in ("VBN", "VBD") or not any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                                  for c in verb.children):
        return False
    if any(c.dep_ == "auxpass" for c in verb.children) or _FIRST_TIME.search(evidence.text):
        return False  # "troops have been hit by …", "has struck X for the first time": the news itself
    return _at_no_time_nor_town(evidence, times, locations)


def _no_time_told(evidence: Span, times: list[TimeRef]) -> bool:
    """Whether the sentence holds no time phrase: an act it tells has no day of its own."""
    return not any(inside(t.span, evidence) for t in times)


def _at_no_time_nor_town(evidence: Span, times: list[TimeRef], locations: list[Span]) -> bool:
    """Whether an act is told with no time phrase and no place narrower than a country: nothing makes it one act."""
    return _no_time_told(evidence, times) and all(is_country_name(norm_place(s.text)) for s in locations)


# Words on a verb of saying that put the saying at no moment but over time: "has in the past said", "has previously
# claimed", "has repeatedly said", "has long maintained".
_SAID_OVER_TIME = {"previously", "repeatedly", "often", "long", "frequently", "routinely", "consistently"}


def _said_over_time(trigger: Token) -> bool:
    """Whether the act is what someone has said at no one time ("the group has in the past denied targeting civilians
    and said it was fighting militias in the camps"): a stance long held, not the report of an incident."""
    # (the act may be the saying itself: "rights groups have long accused the agencies of abducting activists")
    verb = next((a for a in [trigger, *islice(trigger.ancestors, 4)] if a.pos_ in ("VERB", "AUX")
                 and a.lemma_.lower() in SPEECH_LEMMAS), None)
    if verb is None:
        return False
    # (a second verb of saying has the first's: "has in the past denied … and said")
    for holder in [verb, *([verb.head] if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") else [])]:
        for child in holder.children:
            if child.dep_ == "advmod" and child.lower_ in _SAID_OVER_TIME:
                return True
            if child.dep_ == "prep" and child.lower_ == "in" and any(
                    g.dep_ == "pobj" and g.lower_ == "past" and not any(m.dep_ != "det" for m in g.children)
                    for g in child.children):
                return True  # "in the past", not "in the past week"
    return False


def _stance_in_the_present(trigger: Token, evidence: Span, times: list[TimeRef], locations: list[Span]) -> bool:
    """Whether the act is what its speaker says it does now, at no time and in no place narrower than a country ("the
    junta says it is fighting 'terrorists'", "the group says it targets only soldiers"): a stance, told in the present
    by a present verb of saying, not the report of an incident (one told in the past or perfect, or given a day or a
    town, is news)."""
    verb = governing_verb(trigger) or trigger
    speech = verb.head if verb.dep_ == "ccomp" else None
    if speech is None or speech.lemma_.lower() not in SPEECH_LEMMAS or speech.tag_ not in ("VBZ", "VBP"):
        return False
    present = verb.tag_ in ("VBZ", "VBP") or verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    return present and _at_no_time_nor_town(evidence, times, locations)


def _after_the_report(time: TimeRef | None, published: date | datetime | None) -> bool:
    """Whether the act's own time is told as to come and begins after the report's day ("more protests are planned
    for next week", "talks tomorrow"): news of what is to come, not an incident. (A day counted from another act, "two
    days later", or a weekday may fall after a report whose date is only a guess: those are left alone.)"""
    if time is None or time.start is None or published is None or not time.resolved \
            or not _TO_COME.search(time.span.text):
        return False
    return time.start > report_day(published)


_TO_COME = re.compile(r"\b(?:next|coming|tomorrow|upcoming)\b", re.IGNORECASE)


# An act told over a run of days longer than this ("in the past month", "the first half of the year") is a tally of
# many acts; "over the weekend", "last week" and "the past few days" are shorter.
PERIOD_DAYS = 14
# The week a report brings: an act of a month that ended before it is background ("in April" in a report of 8 May).
WEEK_DAYS = 7


def _long_before(time: TimeRef | None, published: date | datetime | None, said: bool = False) -> bool:
    """Whether the act's own time puts it before the week a report brings; an act dated by its year alone ("earlier
    this year", "in 2022") is too (a report of the week names the day), and so is one told over weeks or months.
    When the time is only when it was `said` ("the minister stated earlier this month that troops are
    stationed…"), it bounds the act and no more."""
    if time is None or published is None or (time.end or time.start) is None:
        return False
    if time.precision == "year" and time.resolved and not said:
        return True
    if time.precision == "month" and _EARLIER.search(time.span.text) and not said:
        return True  # "earlier this month", "last month": not the week the report brings
    day = report_day(published)
    if time.precision == "month" and time.resolved and time.end is not None and not said \
            and (time.end.year, time.end.month) < (day.year, day.month) and (day - time.end).days > WEEK_DAYS:
        return True  # "in April" in a report of 8 May: a month over before the report's week (its last days may not be)
    if time.precision == "days" and time.start is not None and time.end is not None \
            and (time.end - time.start).days > PERIOD_DAYS and not said:
        return True  # "more than 1,500 killed in the first half of this year": a total over months, not one act
    return ((time.end or time.start) - day).days <= -BACKGROUND_AFTER_DAYS


_EARLIER = re.compile(r"\b(?:earlier|last|previous|past)\b", re.IGNORECASE)

# A run of days that holds several incidents: "over the past week", "in the last three days".
SUMMED_DAYS = 3


# Places taken in the plural with no name: "helped government forces retake key towns".
_PLACES_IN_PLURAL = {"towns", "villages", "cities", "areas", "localities", "settlements", "districts", "territories"}


def _unnamed_places_taken(kind, trigger: Token, locations: list[Span], time: TimeRef | None) -> bool:
    """Whether a change of territory names no place and takes places in the plural, uncounted ("have helped government
    forces retake key towns"), with no day of its own: a summary of a campaign, not an incident."""
    if getattr(kind, "acled_sub_event_type", None) not in TERRITORY_SUBTYPES or locations:
        return False
    if time is not None and time.precision == "day":
        return False
    taken = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    # ("captured two other villages in the region": places counted are places taken that day, named or not)
    return _places_in_the_plural(taken, uncounted_by={"nummod"})


def _places_in_the_plural(words: Iterable[Token], uncounted_by: set[str]) -> bool:
    """Whether one of `words` is places in the plural ("towns", "villages") with no modifier of `uncounted_by` (a
    number, a determiner: "two villages", "the towns")."""
    return any(t.lower_ in _PLACES_IN_PLURAL and not any(c.dep_ in uncounted_by for c in t.children) for t in words)


def _unnamed_places_struck(trigger: Token, locations: list[Span], time: TimeRef | None) -> bool:
    """Whether an act names no place and strikes places in the plural, bare ("missiles and drones striking cities"),
    with no day of its own: how a month's casualties were caused, not an incident."""
    if locations or time is not None and time.precision == "day":
        return False
    # "drones striking cities", "missiles and drones striking cities", "the deaths were caused by drones hitting towns"
    holders = [trigger, *([trigger.head] if trigger.dep_ == "conj" else []), governing_verb(trigger) or trigger]
    struck = [t for h in holders for t in h.subtree if t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ == "VERB"]
    return _places_in_the_plural(struck, uncounted_by={"nummod", "det", "poss"})


# An age or a childhood a "when" clause dates the act by: "When he was 12, he was abducted by rebels".
_YOUNG = {"child", "boy", "girl", "teenager", "baby", "toddler", "student", "schoolboy", "schoolgirl", "kid"}


def _told_of_a_childhood(trigger: Token) -> bool:
    """Whether the act is dated by someone's age or childhood ("When he was 12, Joseph was abducted"): a life story's
    past, not an incident of the news."""
    for verb in [trigger, *islice(trigger.ancestors, 3)]:
        for clause in verb.children:
            if clause.dep_ != "advcl" or not any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as")
                                                 for c in clause.children):
                continue
            said = [c for c in clause.children if c.dep_ in ("attr", "acomp", "npadvmod")]
            if clause.lemma_ == "be" and any(c.like_num or c.lemma_.lower() in _YOUNG for c in said):
                return True
    return False


def _summed_over_days(trigger: Token, time: TimeRef | None) -> bool:
    """Whether the act is acts in the plural summed over a run of days ("40 civilians were killed in strikes on
    shelters over the past week"): a tally of several incidents, not one (a weekend's strikes may still be one)."""
    if time is None or time.precision != "days" or time.start is None or time.end is None \
            or (time.end - time.start).days < SUMMED_DAYS:
        return False
    acts = [trigger, *(g for c in trigger.children if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by")
                       for g in c.children if g.dep_ == "pobj")]  # "killed in air strikes"
    return any(act.tag_ == "NNS" and act.lemma_.lower() in ATTACK_NOUNS for act in acts)
# A time told from another event's ("a month later", "two years earlier", "the following day"), not from the report's.
_FROM_ANOTHER_EVENT = re.compile(r"\b(?:later|earlier|before|afterwards?|previously)$|^(?:the )?(?:next|following|"
                                 r"previous|preceding|same|prior) (?:day|night|week|month|year)$", re.IGNORECASE)


def _toll(doc: Doc, base: int, quantities: list[Quantity], found: list[int], people: list[int],
          offset: int) -> int | None:
    """The (document-wide) index of the act's toll: the sentence's first figure of its kind, or the total of the
    victim list it heads ("four soldiers and two civilians"), added to `quantities` as a figure of its own. `people`
    are the sentence's other figures of people, which count in a list only as its members ("a man, his wife and
    their two children")."""
    if not found:
        return None
    total = summed_toll(doc, base, quantities, found[0], [*found, *people])
    if total is None:
        return offset + found[0]
    quantities.append(total)
    return offset + len(quantities) - 1


def _crowd_doing(trigger: Token) -> Token | None:
    """The crowd that is the subject of a riot's verb, or of the verb it is joined to ("protesters threw stones and
    set fire to a van"), or None."""
    for verb in (trigger, trigger.head if trigger.dep_ == "conj" else trigger):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject if subject.lemma_.lower() in _PRESENT_PARTICIPANTS else None
    return None


def _said_time(time: TimeRef | None, claim: Claim | None) -> bool:
    """Whether the act's time is only when its claim was made ("officials said on Tuesday")."""
    return time is not None and claim is not None and claim.time is not None and time.span == claim.time.span


def _period_start(time: TimeRef) -> bool:
    """"since October 2023": the start of a period a total runs over, not the day of an act. "Two days earlier" after
    "more than 64,000 have been killed since October 2023" counts from the incident told before the total."""
    return time.span.text.strip().lower().startswith(("since", "ever since"))


def _relative_to(time: TimeRef | None) -> bool:
    """Whether the act is dated only from the event told before it: "Another raid a month later killed 89" after an
    attack of 2019 is as old as that attack, and background like it."""
    return time is not None and time.start is None and bool(_FROM_ANOTHER_EVENT.search(time.span.text.strip()))


# People whose naming says a gathering took place, whatever is said about them.
_PRESENT_PARTICIPANTS = {"protester", "demonstrator", "rioter", "marcher", "crowd", "mourner", "worshipper"}
_READY_WORDS = {"ready", "prepared", "willing", "eligible", "call", "push", "press", "plan", "preparation"}


def extract_events(
    doc: Doc,
    base: int,
    mentions: list[Mention],
    quantities: list[Quantity],
    times: list[TimeRef],
    claims: list[Claim],
    quantity_offset: int = 0,
    claim_offset: int = 0,
    post_index: int | None = None,
    published: date | None = None,
) -> list[Event]:
    """Events of one parsed post. Indexes into quantities and claims are shifted by the offsets given,
    so they point into the document-wide lists. `published` (the post's date) bounds the date of an
    incident reported without a time phrase of its own."""
    events = []
    weapon_reports: set[int] = set()
    fresh: set[int] = set()
    anaphoric: set[int] = set()
    referring: set[int] = set()
    answering: set[int] = set()
    stances: set[int] = set()  # said over time or now, at no moment: see `_said_over_time`, `_stance_in_the_present`
    roundups: set[int] = set()  # "strikes killed five people in Ukraine overnight": no incident, but it names the doer
    read = len(quantities)  # the figures the text gives; victim-list totals are appended after them
    told_time: TimeRef | None = None
    last_dated: TimeRef | None = None  # the time of the latest incident dated to a day, for "The attack came…"
    last_timed: TimeRef | None = None  # the latest event's resolved time, for "a month later", "two years earlier"
    doc_text = text_of(doc)
    for whole in doc.sents:
        found = classify_event(whole, acts_over_attribution=True)
        if found is None:
            continue
        first = _trigger_token(whole, getattr(found, "trigger", None))
        if not _can_report_event(whole, first):
            continue
        for sent, kind, trigger, elsewhere in _acts_of(whole, found, first, base):
            text = sent.text.rstrip()
            evidence = Span(base + sent.start_char, base + sent.start_char + len(text), text)
            claim_index, claim = _claim_for(trigger, base, evidence, claims)
            # the two sides a sentence names: the attackers an attack beaten off was by, or a clash's two parties
            sides = _repelled_attackers(trigger, mentions, base) or _fighting_between(trigger, mentions, base)
            actor = _blamed_doer(trigger) or (sides[0] if sides else None) \
                or actor_token(trigger, mentions, base) or _doer_of_the_act_said(sent, trigger, mentions, base) \
                or attacker_in(sent, mentions, base)
            if actor is not None and trigger.lemma_.lower() == "die" and actor.dep_ == "nsubj" \
                    and actor.head.i == trigger.i:
                actor = None  # "12 soldiers and 18 militants died": who died did not act
            target = target_token(trigger, mentions, base)
            if kind.plover_type == "MOBILIZE" and target is not None and _is_where(target):
                target = None  # "troops deployed on the frontlines": where they went, not whom they hit
            actor_span = actor_phrase(actor, mentions, base) if actor is not None else None
            if claim is not None and claim.speaker is not None and _owned_by_the_speaker(actor, trigger) \
                    and not (claim.direct and actor is not None and actor.lower_ in _OTHERS_IN_A_QUOTE):
                # "Moscow said it had taken…", "…its forces/aircraft struck": the speaker, or the body a named
                # spokesman speaks for ("'Our forces took X,' M23 spokesman Y said": M23)
                actor_span = _body_spoken_for(claim, mentions, evidence) or claim.speaker
            if actor_span is None and kind.plover_type == "PROTEST" \
                    and trigger.lemma_.lower() in _PRESENT_PARTICIPANTS:
                actor_span = token_span([trigger], base)  # "police dispersed protesters": the protesters protested
            if actor_span is None and getattr(kind, "acled_event_type", None) == "Riots" \
                    and (crowd := _crowd_doing(trigger)) is not None:
                actor_span = token_span([crowd], base)  # "a crowd set fire to a police station": the crowd rioted
            launched_by = None
            if claim is not None and is_shoot_down(getattr(kind, "acled_sub_event_type", None), trigger) \
                    and (interceptor := telling_interceptor(claim, doc, base, mentions)) is not None \
                    and not_the_interceptor(actor_span, interceptor):
                # a ministry of X saying that Y's drones were brought down: X's defences downed them
                launched_by, actor_span = launcher(actor_span, interceptor), interceptor
            target_span = target_phrase(target, base, mentions) if target is not None else None
            if elsewhere is not None:  # the doer and target of the earlier act its clause tells are not this act's
                actor_span = None if actor_span is not None and inside(actor_span, elsewhere) else actor_span
                target_span = None if target_span is not None and inside(target_span, elsewhere) else target_span
            if sent is not whole and actor_span is not None and not inside(actor_span, evidence):
                actor_span = None  # the earlier act a clause tells has no doer outside that clause ("…, hours after
                # an attack on a company killed five", hung on the main verb as its second verb)
            in_sentence = [m for m in mentions if inside(m.span, evidence)]
            foreign = _other_doers_clauses(sent, trigger)
            weapon = next((m.span for m in in_sentence if m.label == "WEAPON"
                           and not any(base + t.idx == m.span.start for t in foreign)
                           # "killed a commander who was 'rebuilding the group's rocket arsenal'": not what killed him
                           and not _in_relative_clause_proper(m.span, trigger, base)
                           and not _tells_of_the_target(m.span, target, base)), None)
            locations = [
                m.span for m in in_sentence
                if m.label in PLACE_LABELS and not is_actor_use(m, sent, base) and is_location_use(m, sent, base)
                and not (actor_span and inside(m.span, actor_span))
                # "Russia's defence ministry said"
                and not any(c.speaker and inside(m.span, c.speaker) for c in claims)
                and not _in_relative_clause(m.span, trigger, base)
                and not _in_speaker_phrase(m.span, sent, base, trigger)
                # "The strike came hours after Hamas fired rockets towards southern Israel": the other act's place
                and not any(base + t.idx == m.span.start for t in foreign)
                and not (elsewhere is not None and inside(m.span, elsewhere))
                and not _named_as_elsewhere(doc_text[sent.start_char:m.span.start - base])
            ]
            if not locations and getattr(kind, "acled_sub_event_type", None) == "Disrupted weapons use":
                # "said it had fired a missile at the airport near X, and the army said it intercepted a missile":
                # a shoot-down with no place of its own is placed where the weapon was aimed
                # (a whole country aimed at, "launched 66 drones at Ukraine", is a national tally's: no one place)
                locations = [m.span for m in in_sentence if m.label in PLACE_LABELS and _aimed_at(m.span, sent, base)
                             and not is_country_name(norm_place(m.span.text))]
            if getattr(kind, "acled_sub_event_type", None) == "Disrupted weapons use":
                # "downed 121 drones over several regions, including 18 over the Saratov region": a region's share of
                # a national tally is no place of the tally (incidents rule 2: its breakdown stays in the claims)
                locations = [s for s in locations if not _in_a_breakdown(s, sent, base)]
            if kind.plover_type == "MOBILIZE":
                locations = _origins_last(locations, sent, base)
            elif trigger.lemma_.lower() in _FLIGHT_LEMMAS:
                locations = [s for s in locations if not _destination(s, sent, base)]
            else:  # "eight were killed and families fled toward X": where the survivors went is not where they died
                locations = [s for s in locations if not _destination(s, sent, base, _FLIGHT_LEMMAS)]
                # "the bus was travelling from A to B when it came under fire near C": where the journey began and
                # was to end are not where it was hit, when the sentence names that place too
                route = [s for s in locations if _end_of_a_journey(s, sent, base)]
                if route and len(route) < len(locations):
                    locations = [s for s in locations if s not in route]
            killed = injured = None
            tolls: dict[str | None, list[int]] = {"killed": [], "injured": [], "people": [], None: []}
            for number, quantity in enumerate(quantities[:read]):  # not the totals added below
                if not inside(quantity.span, evidence) or elsewhere is not None and inside(quantity.span, elsewhere):
                    continue  # the toll of the earlier act a clause tells is that act's
                if getattr(kind, "acled_event_type", None) in ("Protests", "Riots") \
                        and _toll_of_a_thing_told(doc, base, quantity, trigger):
                    continue
                if quantity.counted in tolls and not quantity.vague:  # "several", "dozens": no figure for the toll
                    tolls[quantity.counted].append(number)
            clause = clause_offsets(trigger, base)
            if getattr(kind, "acled_sub_event_type", None) == "Disrupted weapons use":
                # "Ukraine downed 52 of 80 drones; one killed in Dnipro": an interception's toll is its own clause's
                tolls = {key: [n for n in found if quantities[n].span.start in clause] for key, found in tolls.items()}
            people = tolls["people"] + tolls[None]  # figures of people a list may add to a toll ("their two sons")
            killed = _toll(doc, base, quantities, tolls["killed"], people, quantity_offset)
            injured = _toll(doc, base, quantities, tolls["injured"], people, quantity_offset)
            if toll_of_several_acts(trigger):
                killed = injured = None  # "killed 35 militants in two separate raids": the raids' sum, each its own
            own_time = _noun_own_time(trigger, times, base) or _toll_of_a_dated_attack(trigger, sent, times, base) \
                or _time_before_the_count_rose(trigger, times, base) or _verbs_own_time(trigger, times, base)
            # "the strikes came a week after an attack last Tuesday killed 28": the earlier act's time is its own
            its_times = times if elsewhere is None else [t for t in times if not inside(t.span, elsewhere)]
            # "to disperse protesters who had gathered to mark the anniversary of last year's demonstrations": a time
            # that owns a noun of a clause describing the trigger dates that noun, not the act
            its_times = [t for t in its_times if not _dates_another_noun(t, trigger, base)]
            dating_claim = claim
            if claim is not None and not claim.content.start <= base + trigger.idx < claim.content.end \
                    and _demands(claim):
                # "marched on Saturday, demanding accountability for a collapse last year": what a demand beside the
                # act asks for does not date the act, nor does the time the demand is read to be made ("demanding
                # justice for a blogger who died last month")
                its_times = [t for t in its_times if not inside(t.span, claim.content)]
                dating_claim = None
            if own_time is not None and claim is not None and inside(own_time.span, claim.content):
                # "an overnight drone attack …, officials said on Saturday": the night before the day it was said
                time = event_time(evidence, [own_time], claim)
            else:
                time = own_time or event_time(evidence, its_times, dating_claim, clause)
            if time is None or time.start is None:
                time = _period_of_the_clause_after(trigger, its_times, base) or time
            if time is None or time.start is None or time.approximate:
                time = _day_of_the_attack_beaten_off(trigger, its_times, base) or time
                time = _gap_from_the_main_clause(time, its_times, evidence, base + trigger.idx) or time
            if getattr(kind, "acled_sub_event_type", None) == "Disrupted weapons use" and (
                    time is None or time.start is None):
                # "shot down 57 of 88 drones launched by Russia overnight": the launch's night is the interception's
                time = event_time(evidence, its_times, claim) or time
            if sent is whole and (time is None or time.start is None):
                time = _dated_by_what_followed(trigger, evidence, its_times, claim, base) or time
            # "the death toll from the attack rose to 11 on Wednesday": the day of the count is no day of the act (it
            # still tells background from news: a toll that rose "since the war began" is the war's)
            counted_later = own_time is None and _toll_told_later(trigger)
            if counted_later and (act_day := _day_of_the_act_counted(sent, time)) is not None:
                time, counted_later = act_day, False  # "rose to 16 on Wednesday, a day after the attack"
            if time is not None and not time.approximate and _day_it_was_said(doc, base, time, trigger):
                time = replace(time, approximate=True)  # "…, residents said on Saturday": the act may be the day before
            if sent is whole and (time is None or time.start is None or time.approximate):
                # "The blast came two days after a drone struck a wedding": the drone's day is the gap before the
                # day of the incident the main clause points back to
                time = _told_as_the_gap_before(trigger, last_dated) or time
            if sent is whole:  # "The attack came a day after…" is dated by the attack it points back to
                time = _counted_from(time, last_timed) or time  # "Two days earlier, fighters attacked…"
                told_time = time if time is not None and time.start is not None else last_dated
            elif time is None or time.start is None or not inside(time.span, evidence):
                # (a time outside the clause, the main act's or its speaker's, is not the earlier act's: its gap is)
                time = _days_before(told_time, sent.root) or time
            generic = bool(getattr(kind, "generic", False)) or _is_irrealis(trigger) \
                or _long_before(time, published, said=_said_time(time, claim)) or _after_the_report(time, published) \
                or _relative_to(time) and _long_before(last_timed, published) \
                or sent is not whole and (time is None or time.start is None) and _long_before(told_time, published) \
                or _summed_over_days(trigger, time) or _unnamed_places_taken(kind, trigger, locations, time) \
                or _unnamed_places_struck(trigger, locations, time) or _told_of_a_childhood(trigger) \
                or summed_over_a_span_or_share(trigger) or toll_of_a_period(trigger) \
                or a_kind_of_act(trigger, _at_no_time_nor_town(evidence, its_times, locations)) \
                or killed is None and injured is None \
                and _campaign_in_the_perfect(trigger, evidence, its_times, locations) \
                and any(not e.generic for e in events)
            # (an earlier act a clause tells beside one long past, with no time of its own, is older still: "suspended
            # talks in January after the group launched an offensive that killed 80")
            actor2 = _other_party(actor, mentions, base) \
                if kind.plover_type == "AGREE" and actor is not None else None
            if sides and sides[1] is not None:
                actor2 = actor_phrase(sides[1], mentions, base)
            actor2 = actor2 or launched_by
            actor_text = actor_span.text if actor_span else None
            belligerent = False
            if claim is not None:
                speaker_side = belligerent_side(claim.affiliation) or belligerent_side(claim.speaker_text)
                sides = {belligerent_side(actor_text), belligerent_side(target_span.text if target_span else None)}
                belligerent = speaker_side is not None and speaker_side in sides
            acled = (getattr(kind, "acled_event_type", None), getattr(kind, "acled_sub_event_type", None))
            if acled[1] == "Other" and trigger.lemma_.lower() in _FLIGHT_LEMMAS:
                acled = (None, None)  # people fleeing: ACLED codes what made them flee, not the flight
                # (with no type of either ontology it is what the act did to people, no event to list apart)
                generic = generic or kind.plover_type is None
            event = Event(
                plover_type=kind.plover_type,
                plover_mode=getattr(kind, "plover_mode", None),
                acled_event_type=acled[0],
                acled_sub_event_type=acled[1],
                trigger=token_span([trigger], base),
                evidence=evidence,
                actor1=actor_span,
                actor2=actor2,
                target=target_span,
                weapon=weapon,
                locations=locations,
                time=None if counted_later and not generic else time,
                killed=killed,
                injured=injured,
                claim=None if claim_index is None else claim_offset + claim_index,
                claimed_by_belligerent=belligerent,
                generic=generic,
                confidence=float(getattr(kind, "confidence", 0.5)),
                post_index=post_index,
            )
            if sent is whole and _reports_weapon_use(sent, weapon, base):
                weapon_reports.add(id(event))
            weapons = [m.span for m in in_sentence if m.label == "WEAPON"]
            if introduces_new_incident(doc, base, event, weapons, elsewhere) or id(event) in weapon_reports \
                    or sent is not whole:  # the earlier act a clause tells is another act, never a restatement
                fresh.add(id(event))
            if _is_definite(trigger):
                anaphoric.add(id(event))
            if _refers_back(trigger) or _bare_toll(event, trigger, times) \
                    or _witness_words(trigger, actor, claim, base, locations, evidence, times):
                referring.add(id(event))
            reasons = {c for c in getattr(kind, "cues", ()) if c.startswith("generic:")}
            parts: list[Event] = []
            if reasons == {"generic:roundup"} and not _long_before(time, published):
                roundups.add(id(event))
                parts = _places_of_a_roundup(sent, base, event, quantities, read, quantity_offset, in_sentence)
                fresh.update(id(part) for part in parts)
            if _answers_the_attackers(trigger, target) or _fights_back(trigger):
                answering.add(id(event))
            if not generic and (time is None or time.start is None or time.approximate) and (
                    _said_over_time(trigger) or _stance_in_the_present(trigger, evidence, times, locations)):
                stances.add(id(event))
            events.append(event)
            events.extend(parts)
            if event.time is not None and event.time.precision == "day" and not event.generic:
                last_dated = event.time
            if event.time is not None and event.time.start is not None and not _period_start(event.time):
                last_timed = event.time
    _attach_incident_places(doc, base, mentions, times, events)
    _place_the_town_told(doc, base, mentions, events)
    fill_from_antecedent(events, anaphoric)
    events = _fold_weapon_reports(merge_restatements(events, quantities, quantity_offset, fresh, anaphoric, referring,
                                                     answering, weapon_reports),
                                  weapon_reports)
    for event in events:
        # a stance held over time that restates no act of the post ("has in the past said it was fighting militias in
        # the camps") is no incident; one that does ("has previously said it targets only fighters", after a strike
        # whose doer the story leaves unnamed) has been folded into that act, which it tells the doer of
        event.generic = event.generic or id(event) in stances
    struck, home = _countries(doc, base)
    _foreign_captors(events, struck, home, claims, claim_offset)
    inherit_attackers(events, struck, home, lenders=roundups)
    clock_times_on_the_day_told(events)
    for event in events:
        if event.time is None and not event.generic:
            event.time = reported_by(event.evidence, published)
    return events


def _foreign_captors(events: list[Event], struck: Callable[[Event], set[str]],
                     home: Callable[[Span | str], str | None],
                     claims: list[Claim], claim_offset: int) -> None:
    """A state's forces taking a town of another country overtake territory, as ACLED codes foreign state actors,
    though the sentence names no country ("Russia's defence ministry said its forces had captured the village of X in
    the Donetsk region"): the typer, reading one sentence, took them for a government regaining its own. The capturer's
    country is its doer's, or the speaker's when the doer is "its forces"; the place's is the gazetteer's."""
    for event in events:
        if event.acled_sub_event_type != "Government regains territory" or event.generic:
            continue
        claim = claims[event.claim - claim_offset] if event.claim is not None \
            and 0 <= event.claim - claim_offset < len(claims) else None
        parties = [event.actor1, claim.speaker if claim is not None else None]
        sides = {home(party.text) for party in parties if party is not None}
        if claim is not None and claim.affiliation:
            sides.add(home(claim.affiliation))  # "Russia's defence ministry": the speaker's span is the ministry
        sides -= {None}
        places = struck(event)
        if sides and places and not sides & places:
            event.acled_sub_event_type = "Non-state actor overtakes territory"


def _countries(doc: Doc, base: int) -> tuple[Callable[[Event], set[str]], Callable[[Span | str], str | None]]:
    """(struck, home): the country codes an event struck, of its places, read by the gazetteer resolver in the post's
    own words (the resolve stage runs later, on the whole document), and of its target's side ("North Korean
    troops"); and the country of a party's side ("Russian forces" -> RU)."""
    resolver = get_resolver()
    known: dict[tuple[int, int], str | None] = {}
    doc_text = text_of(doc)

    def place_country(span: Span) -> str | None:
        if (span.start, span.end) not in known:
            local = Span(span.start - base, span.end - base, span.text)
            place = resolver.resolve_one(doc_text, local, None, metonymy=False).place
            known[(span.start, span.end)] = place.country_code if place is not None else None
        return known[(span.start, span.end)]

    def side_country(text: str | None) -> str | None:
        side = side_of(text)
        found = [e for e, _ in resolver.candidates(side)] if side else []
        return next((e.country for e in found if e.feature == "country"), None)

    def struck(event: Event) -> set[str]:
        countries = {place_country(s) for s in event.locations}
        countries.add(side_country(event.target.text if event.target else None))
        return {c for c in countries if c}

    def home(party: Span | str) -> str | None:
        return side_country(party if isinstance(party, str) else party.text)

    return struck, home


def _is_where(token: Token) -> bool:
    """An unnamed place noun after "on/at/along" ("on the frontlines", "at the border"): a position, not a party."""
    return token.dep_ == "pobj" and token.head.lower_ in ("on", "at", "along", "near") and (
        token.lemma_ in PLACE_HEADS or token.lower_ in PLACE_HEADS) and token.pos_ == "NOUN"


# The marks of a clause that tells an earlier act beside the sentence's own: "the attack came a day after a missile
# strike on X killed four", "…, days after gunmen stormed a village".
_EARLIER_MARKS = {"after"}
_GAP_UNITS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}
# Gaps told in the plural with no count ("weeks after", "months after") are at least two of their unit; "days" and
# "hours" uncounted stay unknown (the act may be of the same week or the day before).
_UNCOUNTED_AT_LEAST_TWO = {"week", "month", "year"}


def _earlier_act_clause(sent: SpacySpan, trigger: Token) -> SpacySpan | None:
    """The clause of `sent` that tells another, earlier act with a doer of its own ("…came a day after a Russian
    missile strike on Odesa killed four people"), or None. The trigger's own clause is never it."""
    for verb in sent:
        hung = _act_hung_as_a_second_verb(verb, trigger)
        if hung is not None:
            return hung
        marked = any(c.dep_ == "mark" and c.lower_ in _EARLIER_MARKS for c in verb.children)
        # (the parser sometimes hangs an "after" clause on a verb of saying: "…, hours after a rocket was fired")
        if not (verb.dep_ == "advcl" or marked and verb.dep_ == "ccomp") or trigger in verb.subtree \
                or verb in trigger.subtree and not (marked and trigger.pos_ == "VERB" and _gap(verb) is not None):
            continue  # (a verb's own "after" clause with a gap tells an earlier act too: "struck X, hours after a
            # rocket was fired from Lebanon"; "were killed after fighters laid siege to a hotel" tells how they died)
        if not marked:
            told = _act_after_preposition(verb)
            if told is not None and not told.start <= trigger.i < told.end:  # never the trigger's own clause
                return told
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        gap = _gap(verb)
        left = {t.i for t in verb.subtree if t.dep_ == "mark" and t.head.i == verb.i} | (
            {t.i for t in gap.subtree} if gap is not None else set())
        # (the clause opens at its mark: what the parse hangs before it is not the act's, "…, the ministry said,
        # days after separatists attacked a train")
        opening = min((t.i for t in verb.children if t.dep_ == "mark" and t.lower_ in _EARLIER_MARKS), default=-1)
        words = [t for t in verb.subtree if t.i not in left and t.i > opening]
        if words:
            return sent.doc[words[0].i:words[-1].i + 1]
    return None


def _act_after_preposition(verb: Token) -> SpacySpan | None:
    """"The strike came two days after RSF shelling of the market killed nine": the parser makes "after" a preposition
    of the main verb with the act's noun as its object, and hangs "killed" beside it; the words from that noun to the
    end of the hung verb's clause tell the earlier act."""
    prep = next((c for c in verb.head.children if c.dep_ == "prep" and c.lower_ in _EARLIER_MARKS and c.i < verb.i),
                None)
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if noun is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    if any(t.i < noun.left_edge.i or t.i > verb.right_edge.i for t in (noun, verb)) or noun.i > verb.i:
        return None
    return verb.doc[noun.left_edge.i:verb.right_edge.i + 1]


def _act_hung_as_a_second_verb(verb: Token, trigger: Token) -> SpacySpan | None:
    """"Warplanes struck targets in Iraq, …, hours after an attack on a company near X killed five people": the parse
    makes "killed" a second verb or a clause of the main one, with "hours after an attack" as its own phrase; the words
    from the attack noun to the end of that verb tell the earlier act (a gap of time before "after" marks it)."""
    if verb.dep_ not in ("conj", "advcl") or verb == trigger or trigger in verb.subtree \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in _EARLIER_MARKS and c.i < verb.i
                 and any(g.dep_ == "npadvmod" and g.lemma_.lower() in _GAP_UNITS for g in c.children)), None)
    noun = next((c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in ATTACK_NOUNS), None) \
        if prep is not None else None
    return verb.doc[noun.left_edge.i:verb.right_edge.i + 1] if noun is not None else None


def _gap(verb: Token) -> Token | None:
    """The time between two acts a clause of an earlier act gives: "a day" in "a day after rebels fired…" (the parser
    hangs it on the mark, on the clause's verb, or on the preposition "after" of the main verb)."""
    marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ in _EARLIER_MARKS]
    preps = [c for c in verb.head.children if c.dep_ == "prep" and c.lower_ in _EARLIER_MARKS] \
        if verb.dep_ == "advcl" else []
    if verb.dep_ == "pobj" and verb.head.lower_ in _EARLIER_MARKS:
        preps.append(verb.head)
    if marks and verb.dep_ == "advcl":
        preps.append(verb.head)  # "The strike came a day after drones hit …": "a day" hangs on "came"
    return next((c for holder in (*marks, *preps, verb) for c in holder.children
                 if c.dep_ == "npadvmod" and c.lemma_.lower() in _GAP_UNITS), None)


def _acts_of(sent: SpacySpan, kind, trigger: Token, base: int) -> list[tuple[SpacySpan, Any, Token, Span | None]]:
    """The acts a sentence reports: its own, and an earlier violent act a clause tells beside it ("The attack came a
    day after a missile strike on Odesa killed four people": the Odesa strike is an incident of its own, which the
    incidents decision rules code even when told as context). Each act: (its words, its type, its trigger, the
    characters of the other act's clause, whose toll is not its own)."""
    main = _main_act_before_its_cause(sent, trigger)
    if main is not None:  # "Clashes broke out on Sunday after a merchant was abducted": the clashes first
        main_kind, main_trigger, cause = main
        told = Span(base + cause.start_char, base + cause.start_char + len(cause.text), cause.text)
        acts = [(sent, main_kind, main_trigger, told)]
        if getattr(kind, "acled_event_type", None) in VIOLENT_TYPES and not _died_of_wounds(trigger):
            acts.append((cause, kind, trigger, None))
        return acts
    clause = _earlier_act_clause(sent, trigger) or _conjoined_act_elsewhere(sent, trigger)
    if clause is None:
        return [(sent, kind, trigger, None)]
    other = classify_event(clause, acts_over_attribution=True)
    text = clause.text
    own = Span(base + clause.start_char, base + clause.start_char + len(text), text)
    acts = [(sent, kind, trigger, own)]
    if other is not None and getattr(other, "acled_event_type", None) in VIOLENT_TYPES:
        told = _trigger_token(clause, getattr(other, "trigger", None))
        if not _died_of_wounds(told):  # ("rose to 12 after an injured officer died in hospital": the toll's)
            acts.append((clause, other, told, None))
    return acts


# Words that say a death came of wounds already taken: "an injured policeman died in hospital", "died of his wounds".
_WOUND_WORDS = {"injured", "wounded", "wound", "wounds", "injury", "injuries", "hospital"}


def _died_of_wounds(trigger: Token) -> bool:
    """Whether a death is of someone already hurt ("the toll rose to 12 after an injured officer died in hospital"):
    the toll of the act that hurt them, no act of its own."""
    if trigger.lemma_.lower() not in ("die", "succumb"):
        return False
    return any(t.lower_ in _WOUND_WORDS for c in trigger.children if c.dep_ in ("nsubj", "prep") for t in c.subtree)


def _main_act_before_its_cause(sent: SpacySpan, trigger: Token) -> tuple[Any, Token, SpacySpan] | None:
    """When the typer's trigger lies in a closing "after" clause and the words before it tell a violent act of their
    own ("Fighting broke out on Sunday after a merchant was abducted"), that act is the sentence's: its type, its
    trigger, and the clause of the earlier act. None otherwise."""
    verb = _after_clause_of(trigger)
    if verb is None or not sent.start < verb.left_edge.i or not (
            verb.head == sent.root or verb.head.dep_ == "ccomp" and verb.head.head == sent.root):
        return None  # the clause of the sentence's own verb, not one inside a relative clause ("…that collapsed
        # after sustaining a hit")
    cause = sent.doc[verb.left_edge.i:verb.right_edge.i + 1]
    after = [t for t in sent.doc[cause.end:sent.end] if not t.is_punct]
    if verb.head.i > cause.start or not all(_is_attribution_word(t) for t in after):
        return None  # the clause must close the act's words (but for a closing "…, officials said")
    main = sent.doc[sent.start:cause.start]
    kind = classify_event(main, acts_over_attribution=True)
    if kind is None or getattr(kind, "acled_event_type", None) not in VIOLENT_TYPES:
        return None
    return kind, _trigger_token(main, getattr(kind, "trigger", None)), cause


def _conjoined_act_elsewhere(sent: SpacySpan, trigger: Token) -> SpacySpan | None:
    """A clause joined to the act's own by "and", with its own subject and a place of its own that the act's clause
    does not name ("A strike killed three people in Khan Younis, and two men were killed by gunfire in Rafah"): another
    act, at another place, or None."""
    verb = governing_verb(trigger) or trigger
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX") or trigger in conj.subtree \
                or not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            continue
        clause = sent.doc[conj.left_edge.i:conj.right_edge.i + 1]
        # (a country's name is no other place: "… and 30 were hurt in United States strikes on a depot")
        named = [(e, norm_place(e.text)) for e in sent.ents if e.label_ in PLACE_LABELS]
        named = [(e, n) for e, n in named if n and not is_country_name(n)]
        own = {n for e, n in named if clause.start <= e.start < clause.end}
        main = {n for e, n in named if not clause.start <= e.start < clause.end}
        if own and main and not own & main:
            return clause
    return None


def _after_clause_of(trigger: Token) -> Token | None:
    """The verb of the "after" clause the trigger lies in ("police arrested 40 people after protesters broke into the
    town hall"), or None."""
    return next((t for t in [trigger, *trigger.ancestors] if t.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _EARLIER_MARKS for c in t.children)), None)


def _dated_by_what_followed(trigger: Token, evidence: Span, times: list[TimeRef], claim: Claim | None,
                            base: int) -> TimeRef | None:
    """The day of an act told in an "after" clause with no time of its own and no gap ("police arrested 40 people on
    Tuesday after protesters stormed the town hall"): that of the act it led to, approximate (it may be the day
    before). None when the clause gives a gap ("a day after": `_days_before`) or the sentence no day."""
    verb = _after_clause_of(trigger)
    if verb is None or _gap(verb) is not None:
        return None
    first, last = verb.doc[verb.left_edge.i], verb.doc[verb.right_edge.i]
    lo, hi = base + first.idx, base + last.idx + len(last)
    outside = [t for t in times if inside(t.span, evidence) and not lo <= t.span.start < hi]
    found = event_time(evidence, outside, claim)
    return replace(found, approximate=True) if found is not None and found.start is not None else None


def _is_attribution_word(token: Token) -> bool:
    """Whether a word belongs to a closing attribution ("…, local officials said")."""
    return any(t.lemma_.lower() in ("say", "tell", "report", "add") for t in [token, *token.ancestors][:3])


def _told_as_the_gap_before(trigger: Token, told: TimeRef | None) -> TimeRef | None:
    """The day of an act told in an "after" clause with a gap, where the typer's trigger is that clause's ("The
    blast came two days after a drone struck a wedding party"): the gap before the day of the incident told last.
    None without a gap or such a day."""
    verb = _after_clause_of(trigger)
    return _days_before(told, verb) if verb is not None else None


def _days_before(told: TimeRef | None, verb: Token) -> TimeRef | None:
    """The day of an earlier act a clause (of `verb`) tells without a time of its own, from the gap its mark gives ("a
    day after", "two days after", "hours after") and the day of the act it is told beside; None when either is
    unknown."""
    if told is None or told.start is None or told.precision != "day":
        return None
    gap = _gap(verb)
    return _gap_before(told, gap) if gap is not None else None


def _gap_before(told: TimeRef, gap: Token) -> TimeRef | None:
    """The day a gap ("a day", "two days", "weeks") before a day told, approximate, or the days of the week before it
    that "days" leaves open; None when the gap has no count ("hours")."""
    count = next((int(c.text) if c.text.isdigit() else _SMALL_NUMBERS.get(c.lower_) for c in gap.children
                  if c.dep_ in ("nummod", "det")), None)
    if count is None and gap.tag_ == "NNS" and gap.lemma_.lower() in _UNCOUNTED_AT_LEAST_TWO:
        count = 2  # "weeks after the army announced an offensive": at least a fortnight before
    if count is None and gap.tag_ == "NNS" and gap.lemma_.lower() == "day" and told.start is not None:
        # "days after separatists attacked a train": some day of the week before, at least two days before
        return replace(told, start=told.start - timedelta(days=WEEK_DAYS), end=told.start - timedelta(days=2),
                       precision="days", approximate=True)
    if count is None or told.start is None:
        return None
    start = told.start - timedelta(days=count * _GAP_UNITS[gap.lemma_.lower()])
    return replace(told, start=start, end=start, approximate=True)


_SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

# A time counted from the act told before ("two days earlier", "the next day", "a week later", "hours later" and
# "later in the evening": the same day): its gap in days and its direction. Longer gaps ("a month later") are left to
# `_relative_to`, which only tells they are as old.
_COUNTED_GAP = re.compile(r"^(?:(?:(?P<count>\d+|an?|one|two|three|four|five|six|seven|several|a few) )?"
                          r"(?P<unit>hour|day|night|week)s? (?P<way>earlier|before|previously|later|after|afterwards)"
                          r"|(?P<same>(?:later|earlier) (?:in the|that|on the same) (?:day|evening|night|morning|"
                          r"afternoon)|that (?:same )?(?:evening|night|afternoon)|the same (?:day|evening|night))"
                          r"|the (?P<next>next|following) (?:day|night|morning|afternoon|evening)"
                          r"|the (?P<previous>previous|preceding|prior) (?:day|night|morning|afternoon|evening)"
                          r"|the day (?P<after>before|after))$", re.IGNORECASE)


def _gap_from_the_main_clause(time: TimeRef | None, times: list[TimeRef], evidence: Span,
                              trigger_at: int) -> TimeRef | None:
    """The day of an act told after the day of the sentence's main clause and dated only by a gap from it: "declared
    three days of mourning on Saturday after a drone hit a bus the previous morning" (Friday)."""
    told = [t for t in times if inside(t.span, evidence)]
    gap = next((t for t in told if t.start is None and t.span.start > trigger_at
                and _COUNTED_GAP.match(t.span.text.strip())), None)
    main = next((t for t in told if t.start is not None and t.precision == "day" and t.span.start < trigger_at), None)
    if gap is None or main is None or time is not None and time is not gap and time is not main:
        return None
    return _counted_from(gap, main)


def _counted_from(time: TimeRef | None, told: TimeRef | None) -> TimeRef | None:
    """The day of an act dated only from the one told before it ("Two days earlier, JNIM fighters attacked a base"
    after an attack dated Monday: Saturday), approximate; None when the phrase is no such gap or the act before has
    no day. The act before may be old: the day found is then as old, and the act background like it."""
    if time is None or time.start is not None or told is None or told.start is None or told.precision != "day":
        return None
    match = _COUNTED_GAP.match(time.span.text.strip())
    if match is None:
        return None
    if match["unit"]:
        unit, count_word = match["unit"].lower(), (match["count"] or "").lower()
        if unit == "hour":
            count = 0
        elif count_word.isdigit():
            count = int(count_word)
        elif count_word in _SMALL_NUMBERS:
            count = _SMALL_NUMBERS[count_word]
        else:
            return None  # "days later", "several weeks earlier": no day to count
        days = count if unit == "night" else count * _GAP_UNITS[unit]
        forward = match["way"].lower() in ("later", "after", "afterwards")
    elif match["same"]:
        days, forward = 0, True  # "later in the evening", "that night": the day told
    else:
        days = 1
        forward = bool(match["next"]) or (match["after"] or "").lower() == "after"
    start = told.start + timedelta(days=days if forward else -days)
    return replace(time, start=start, end=start, precision="day", resolved=True, approximate=True)


# Words of people leaving a place: where they head for is no place of what made them leave.
_FLIGHT_LEMMAS = {"flee", "escape", "evacuate", "displace", "exodus", "flight", "withdraw", "retreat"}


def _destination(span: Span, sent: SpacySpan, base: int, movers: Iterable[str] | None = None) -> bool:
    """Whether a place is where someone went ("fleeing toward Goma", "evacuated to Kyiv"), read off the
    preposition it hangs from; with `movers`, only where the preposition hangs on one of those lemmas."""
    prep = _preposition_over(span, sent, base)
    return prep is not None and prep.lower_ in ("to", "toward", "towards", "into") \
        and (movers is None or prep.head.lemma_.lower() in movers)


def _preposition_over(span: Span, sent: SpacySpan, base: int) -> Token | None:
    """The nearest preposition a place hangs from below its verb ("toward" in "fleeing toward Goma"), or None."""
    token = next((t for t in sent if base + t.idx == span.start), None)
    while token is not None and token.dep_ != "ROOT" and token.pos_ not in ("VERB", "AUX"):
        if token.dep_ == "prep":
            return token
        token = token.head
    return None


def _in_a_breakdown(span: Span, sent: SpacySpan, base: int) -> bool:
    """Whether a place names a share of a total ("…, including 18 over the Saratov region")."""
    token = next((t for t in sent if base + t.idx == span.start), None)
    for _ in range(6):
        if token is None or token.dep_ == "ROOT":
            return False
        if token.dep_ == "prep" and token.lower_ == "including" and any(
                o.like_num for o in token.children if o.dep_ == "pobj"):
            return True
        token = token.head
    return False


# Verbs and nouns of a journey, whose "from" and "to" name its ends: "travelling from A to B", "on its way to B".
_JOURNEY_WORDS = {"travel", "head", "drive", "go", "journey", "bind", "bound", "return", "sail", "fly", "ply", "way",
                  "route", "trip", "convoy"}


def _end_of_a_journey(span: Span, sent: SpacySpan, base: int) -> bool:
    """Whether a place is where a journey began or was to end ("a bus travelling from A to B", "bound for B")."""
    prep = _preposition_over(span, sent, base)
    return prep is not None and prep.lower_ in ("from", "to", "toward", "towards", "for") \
        and prep.head.lemma_.lower() in _JOURNEY_WORDS


def _origins_last(locations: list[Span], sent: SpacySpan, base: int) -> list[Span]:
    """"Deployed troops from A to B": a movement names where the troops came from and where they went; both stay
    among its places, the destination first, so that of two places equally precise the event is placed where the
    troops are now (the resolve stage takes the first of the most precise)."""
    def from_origin(span: Span) -> bool:
        token = next((t for t in sent if base + t.idx == span.start), None)
        while token is not None and token.dep_ not in ("ROOT",) and token.pos_ not in ("VERB", "AUX"):
            if token.dep_ == "prep" and token.lower_ in ("from", "out"):
                return True
            token = token.head
        return False

    return sorted(locations, key=from_origin)  # stable: the order of the sentence otherwise


_LAUNCH_LEMMAS = {"fire", "launch"}


def _aimed_at(span: Span, sent: SpacySpan, base: int) -> bool:
    """Whether a place is where a weapon was fired or launched at ("fired a missile at Ben Gurion airport near X")."""
    token = next((t for t in sent if base + t.idx == span.start), None)
    for _ in range(6):
        if token is None or token.head == token:
            return False
        if token.dep_ == "prep" and token.lower_ in ("at", "toward", "towards") \
                and token.head.lemma_.lower() in _LAUNCH_LEMMAS:
            return True
        token = token.head
    return False


def _in_relative_clause(span: Span, trigger: Token, base: int) -> bool:
    """"a runoff that could see Moscow gain influence between Russia and the EU": a place inside a relative
    clause of the event's clause describes something else, not where the event happened."""
    verb = governing_verb(trigger) or trigger
    # (a finite past verb parsed as the trigger noun's modifier is the sentence's own verb, misattached: "A drone attack
    # killed six in X")
    return any((child.dep_ == "relcl" or child.dep_ == "acl" and not misattached_main_verb(child)
                and not _where_the_victims_were(child, verb))
               and trigger not in child.subtree and not _same_act(child) and not _hung_on_an_adjective(child)
               and not _a_second_toll(child)
               and any(span.start <= base + t.idx < span.end for t in child.subtree)
               for token in verb.subtree for child in token.children)


def _a_second_toll(clause: Token) -> bool:
    """"one person was killed and three wounded by Russian shelling of X": the parser hangs the elided second toll
    ("three wounded") on its number as a describing participle; it tells the same act, and its place is the act's."""
    return clause.dep_ == "acl" and clause.tag_ == "VBN" and clause.lemma_.lower() in TOLL_VERBS \
        and clause.head.tag_ == "CD"


def _hung_on_an_adjective(clause: Token) -> bool:
    """"Artillery fire by the paramilitary Rapid Support Forces hit a camp in X, …, a charity said": the parser took
    the adjective before the name for the noun the preposition governs, and hung the sentence's own verb on it as a
    relative clause. No relative clause describes an adjective, so its place is the act's."""
    return clause.dep_ == "relcl" and clause.head.pos_ == "ADJ" and clause.head.dep_ == "pobj"


def _where_the_victims_were(participle: Token, verb: Token) -> bool:
    """"abducted 25 passengers travelling on a highway in Kogi state", "killed 11 people sheltering in a school in X",
    "an air strike on a monastery sheltering displaced people in Sagaing region", "a bus carrying people being
    evacuated from X": a present participle on the people or the building the act befell tells where they were when
    it befell them, so its place is the act's. So does a passive participle on a shelter or building struck ("a tent
    used by journalists outside a hospital in X"): it says where the structure stands."""
    befell = participle.head
    if not tells_where_it_was(participle):
        return False
    if befell.dep_ in ("dobj", "nsubjpass"):
        # "a bus carrying civilians being evacuated from X": the people the bus carried were where the bus was
        return befell.head == verb or befell.head.dep_ == "acl" and _where_the_victims_were(befell.head, verb)
    return befell.dep_ == "pobj" and befell.head.lower_ in ("on", "at", "against") \
        and (befell.head.head.lower_ in ATTACK_NOUNS or befell.head.head.lemma_ in ATTACK_NOUNS)


def _in_relative_clause_proper(span: Span, trigger: Token, base: int) -> bool:
    """Whether `span` lies in a relative clause ("who …", "which …") of a word of the event's clause other than the
    trigger: it describes someone or something, not the act."""
    verb = governing_verb(trigger) or trigger
    return any(child.dep_ == "relcl" and trigger not in child.subtree
               and any(span.start <= base + t.idx < span.end for t in child.subtree)
               for token in verb.subtree for child in token.children)


# Prepositions by which a phrase tells of a target's deeds or make-up: "a commander responsible for rocket attacks",
# "the head of the drone unit", "the man behind the bombings".
_OF_THE_TARGET = {"for", "of", "behind"}


def _tells_of_the_target(span: Span, target: Token | None, base: int) -> bool:
    """Whether `span` (a weapon named) lies in what the sentence says of the target ("struck a Hezbollah commander
    responsible for rocket attacks"): it describes whom or what was hit, not the means."""
    if target is None:
        return False
    return any(t.dep_ == "prep" and t.lower_ in _OF_THE_TARGET
               and any(span.start <= base + x.idx < span.end for x in t.subtree)
               for t in target.subtree)


_SEQUENCE_PARTICIPLES = {"follow", "accompany", "precede"}
# Where a bomb was laid is where it went off: "a device planted by militants on the road in X".
_PLANTING_PARTICIPLES = {"plant", "place", "lay", "hide", "bury", "conceal", "emplace", "rig", "strap"}
# Where a device was found is where it was defused or seized: "defused a device found near a school in X"; where
# bodies were dumped is where they were found: "found the bodies of 12 men dumped beside a highway outside X".
_FINDING_PARTICIPLES = {"find", "discover", "spot", "locate", "leave", "dump", "abandon"}


def _same_act(clause: Token) -> bool:
    """"A car bombing followed by a gun battle outside a police station in X": a participle telling the next stage
    of the act is part of it, and so is its place; so is where its bomb was planted or found; so is the march of the
    crowd police dispersed ("fired tear gas at students who marched on parliament in X")."""
    return clause.tag_ == "VBN" and clause.lemma_.lower() in _SEQUENCE_PARTICIPLES | _PLANTING_PARTICIPLES \
        | _FINDING_PARTICIPLES or tells_the_demonstration(clause)


def _in_speaker_phrase(span: Span, sent: SpacySpan, base: int, trigger: Token | None = None) -> bool:
    """"…, Russia's defence ministry said": the country of whoever reports the event is its affiliation,
    not a place where the event happened. Nor is the place named after the speech verb ("he said in Moscow on
    Saturday that …"): that is where the words were spoken. A place put before the speaker ("In Kharkiv,
    officials said a drone …") sets the scene of what is reported and stays."""
    for token in sent:
        if not is_speech(token):
            continue
        # what is said: a place after the verb and before the clause it reports ("said in Moscow he had …") is where
        # it was said; one after that clause belongs to the clause ("they claimed tried to kidnap teachers in X").
        reported = next((child.i for child in token.children if child.dep_ == "ccomp"), None)
        for child in token.children:
            inside_child = any(span.start <= base + t.idx < span.end for t in child.subtree)
            if inside_child and child.dep_ in ("nsubj", "nsubjpass") and not (
                    trigger is not None and trigger in child.subtree
                    and (trigger != child or trigger.lemma_.lower() in _ACTS_THAT_CANNOT_SPEAK)):
                # (a subject that holds the act is the parse's misreading: "Gunmen … killed 18 villagers in an attack on
                # X, the ministry said", with "killed" hung on "Gunmen"; the speaker is "the ministry"; so is an act
                # that cannot speak: "Artillery fire … hit a camp in X, a charity said")
                return True
            if inside_child and reported is not None and child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS \
                    and token.i < child.i < reported:
                return True
            if inside_child and child.dep_ == "prep" and child.lower_ in ("from", "by") and token.i < child.i \
                    and any(t.lower_ == "from" and t.dep_ == "prep" for t in child.subtree) \
                    and (trigger is None or trigger.i < token.i):
                return True  # "…, an officer told reporters by phone from the town of X": where the speaker was
    return False


def _is_definite(trigger: Token) -> bool:
    """"The last swap", "this attack": an event noun that refers back to one already named."""
    return trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                          for c in trigger.children)


# Determiners that point back at what the text has just told ("this attack", "that assault", "these strikes").
_DEMONSTRATIVES = {"this", "that", "these", "those"}
# What makes "the attack" a phrase of its own rather than a pointer back: "the attack on the port", "the Kyiv attack",
# "Sunday's attack", "the attack that killed five".
_OWN_DESCRIPTION = {"prep", "compound", "poss", "nummod", "relcl", "acl", "appos", "npadvmod"}
# Doers that exist only through an attack already told: "the attackers", "all the assailants".
_ATTACKERS = {"attacker", "assailant", "perpetrator", "raider"}
_FLEEING = {"flee", "fleeing", "retreat", "retreating", "escape", "escaping"}


_TOLL_NOUNS = {"toll", "number", "count", "tally"}
_TOLL_RISES = {"rise", "climb", "reach", "increase", "jump", "hit", "stand", "grow", "mount", "surge"}


def _toll_told_later(trigger: Token) -> bool:
    """Whether the act is named only as what a toll counts ("the death toll from a Russian attack on X rose to 11 on
    Wednesday"): the sentence's time is when the count was given, not when the act happened."""
    if trigger.lemma_.lower() in _TOLL_NOUNS:  # "the death toll … rose to 11 on Wednesday"
        return trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in _TOLL_RISES
    preposition = trigger.head
    return trigger.dep_ == "pobj" and preposition.lower_ in ("from", "in", "of") \
        and preposition.head.lemma_.lower() in _TOLL_NOUNS


# What opens a clause that tells why a crowd gathered: "rioted after a man died in custody".
_GRIEVANCE_MARKS = {"after", "following", "because", "since", "over"}


def _toll_of_a_thing_told(doc: Doc, base: int, quantity: Quantity, trigger: Token) -> bool:
    """Whether a figure lies in a relative clause of something a demonstration's sentence tells of ("rallied to demand
    accountability for the collapse of a canopy that killed 16 people"), or in the clause that tells why the crowd
    gathered ("a crowd torched the station after a man died in custody"): the deaths the crowd marched over, not its
    own."""
    span = doc.char_span(quantity.span.start - base, quantity.span.end - base, alignment_mode="expand")
    if span is None or not len(span):
        return False
    for token in [span[0], *span[0].ancestors]:
        if token == trigger:
            return False
        if token.dep_ == "relcl" and token.head != trigger:
            return True
        if token.dep_ == "advcl" and token.head == trigger \
                and any(c.dep_ == "mark" and c.lower_ in _GRIEVANCE_MARKS for c in token.children):
            return True
    return False


def _day_of_the_act_counted(sent: SpacySpan, counted: TimeRef | None) -> TimeRef | None:
    """The day of an act a later count is told of, when the sentence gives the gap: "the death toll … rose to 16 on
    Wednesday, officials said, a day after the attack" is of Tuesday's attack. None without the gap or the count's
    day."""
    if counted is None or counted.start is None or counted.precision != "day":
        return None
    for after in sent:
        if after.lower_ != "after" or after.dep_ != "prep" or not any(
                o.dep_ == "pobj" and o.lemma_.lower() in ATTACK_NOUNS for o in after.children):
            continue
        # (the parse hangs "two days" on "after", or "after the attack" on "a day")
        gap = next((c for c in (*after.children, after.head) if c.dep_ == "npadvmod"
                    and c.lemma_.lower() in _GAP_UNITS), None)
        found = _gap_before(counted, gap) if gap is not None else None
        if found is not None:
            return found
    return None


def _day_it_was_said(doc: Doc, base: int, time: TimeRef, trigger: Token) -> bool:
    """Whether the act's time phrase dates the words that report it ("…, residents said on Saturday"), not the act:
    the phrase hangs on a verb of saying that does not also govern the trigger's own clause as its act."""
    span = doc.char_span(time.span.start - base, time.span.end - base, alignment_mode="expand")
    token = span[0] if span is not None and len(span) else None
    for _ in range(3):
        if token is None or token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token.lemma_ in SPEECH_LEMMAS and token.i != trigger.i and not is_speech(trigger)
    return False


def _noun_own_time(trigger: Token, times: list[TimeRef], base: int) -> TimeRef | None:
    """The time phrase inside an event noun's own phrase ("sentenced him for the killing of 200 villagers in 2017",
    "the attack on the port last Tuesday"): the act's time, over the time of the clause that mentions it."""
    if trigger.pos_ != "NOUN":
        return None
    start, end = base + trigger.left_edge.idx, base + trigger.right_edge.idx + len(trigger.right_edge)
    own = [t for t in times if start <= t.span.start and t.span.end <= end and t.resolved
           and not _dates_another_noun(t, trigger, base)]
    return most_specific(own)  # "in the early hours of Friday": the day, not the hours


def _verbs_own_time(trigger: Token, times: list[TimeRef], base: int) -> TimeRef | None:
    """The time phrase hung on the trigger verb itself ("a ceasefire agreed in 2021 had held until this month"), over
    the times of the clauses under it: theirs are their own acts'. None when there is no such phrase, or no other time
    in the verb's clause to prefer it over (the clause's time then dates it as before)."""
    if trigger.pos_ != "VERB":
        return None

    def under(kinds: tuple[str, ...]) -> list[TimeRef]:
        """The times that begin in the subtree of a child of the trigger attached as one of `kinds`."""
        return [t for t in times if any(c.dep_ in kinds and base + c.left_edge.idx <= t.span.start
                                        < base + c.right_edge.idx + len(c.right_edge) for c in trigger.children)]

    direct = [t for t in under(("prep", "npadvmod")) if t.resolved]
    below = [t for t in under(("ccomp", "xcomp", "conj")) if t not in direct]
    return most_specific(direct) if direct and below else None


def _dates_another_noun(time: TimeRef, trigger: Token, base: int) -> bool:
    """Whether a time phrase is the possessor of a noun inside a clause that describes the trigger ("demonstrations
    marking the anniversary of last year's protests"): it dates that noun. ("The toll from Sunday night's attack"
    is dated by its attack: no clause stands between.)"""
    return any(t.dep_ == "poss" and not time.span.start <= base + t.head.idx < time.span.end
               and _in_a_clause_of(t, trigger)
               for t in trigger.subtree if time.span.start <= base + t.idx < time.span.end)


def _in_a_clause_of(token: Token, trigger: Token) -> bool:
    """Whether `token` lies in a clause (acl, relcl) that modifies a word under `trigger` (not the noun's own verb
    that the parse hung on it: "protests … disrupted last year's ceremony")."""
    current = token
    while current != trigger and current.head != current:
        if current.dep_ == "relcl" or current.dep_ == "acl" and not misattached_main_verb(current):
            return True
        current = current.head
    return False


def _toll_of_a_dated_attack(trigger: Token, sent: SpacySpan, times: list[TimeRef], base: int) -> TimeRef | None:
    """A toll verb's act dated by the attack its sentence's dead were "killed in", when that attack noun has a time of
    its own ("the number of people killed in Russia's April 15 missile attack has risen to four, with 30 others
    injured, … reported on April 16")."""
    if trigger.lemma_.lower() not in TOLL_VERBS:
        return None
    dated = [found for t in sent if t.pos_ == "NOUN" and (t.lemma_.lower() in ATTACK_NOUNS or t.lower_ in ATTACK_NOUNS)
             and t.dep_ == "pobj" and t.head.lower_ in ("in", "during", "by")
             and t.head.head.lemma_.lower() in TOLL_VERBS
             and (found := _noun_own_time(t, times, base)) is not None]
    return dated[0] if len(dated) == 1 else None


def _time_before_the_count_rose(trigger: Token, times: list[TimeRef], base: int) -> TimeRef | None:
    """The time between an act noun and the verb its count's rise is told by ("the death toll from attacks on
    villages on Sunday night has climbed to 52"): the parser hangs "on Sunday night" on "climbed", but a count rises
    by the day it is told, and the phrase written after the act dates the act."""
    if trigger.pos_ != "NOUN" or trigger.dep_ != "pobj" or trigger.head.lower_ not in ("from", "in") \
            or trigger.head.head.lemma_.lower() not in _TOLL_NOUNS or trigger.head.head.dep_ not in ("nsubj",):
        return None
    verb = trigger.head.head.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i <= trigger.i:
        return None
    start, end = base + trigger.idx, base + verb.idx
    between = [t for t in times if start < t.span.start and t.span.end <= end and t.resolved]
    return most_specific(between)


# In a speaker's own words, "they" and "he" are others: "'They entered the town at dawn,' said a local leader".
_OTHERS_IN_A_QUOTE = {"they", "he", "she", "them", "him", "her"}


def _body_spoken_for(claim: Claim, mentions: list[Mention], evidence: Span) -> Span | None:
    """The span of the organisation a person speaks for, named in the sentence ("M23 spokesman Y"), or None (a
    speaker that is a body, "Mali's army", speaks for itself)."""
    if claim.affiliation is None or claim.speaker is None or claim.speaker.text == claim.affiliation \
            or claim.speaker_label != "PERSON":
        return None
    return next((m.span for m in mentions if m.span.text == claim.affiliation and inside(m.span, evidence)), None)


def _owned_by_the_speaker(actor: Token | None, trigger: Token) -> bool:
    """Whether the doer is the speaker's own: "it" or "its forces" in "the army said it/its forces took…" ("'our
    forces took the town,' the spokesman said"), and "its aircraft" in "the army said its aircraft destroyed…", where
    the parser leaves the weapon no doer of its own."""
    if actor is None:
        actor = next((c for c in trigger.children if c.dep_ == "nsubj"), None) if trigger.pos_ == "VERB" else None
        if actor is None or actor.pos_ == "PRON":
            return False
    return actor.pos_ == "PRON" or any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our")
                                       for c in actor.children)


def _refers_back(trigger: Token) -> bool:
    """Whether the sentence's act is one the text has already told, so it can be no incident of its own: an event
    noun with a demonstrative ("this latest attack seems to…", "while this capture marks…") or a bare definite one
    with nothing that describes it ("the assault ended with…"), or an act a group tells in claiming responsibility
    ("JNIM claimed responsibility, saying it had killed 100 soldiers": the attack told before, in its doer's words).
    A definite noun with its own place, owner, date or clause ("the attack on the port last week") may be another
    incident and is left to the scorer."""
    if _claims_responsibility(trigger) or _in_the_ensuing_fight(trigger):
        return True
    if trigger.pos_ != "NOUN":
        return False
    determiners = {c.lower_ for c in trigger.children if c.dep_ == "det"}
    return bool(determiners & _DEMONSTRATIVES) or "the" in determiners and not any(
        c.dep_ in _OWN_DESCRIPTION for c in trigger.children)


def _witness_words(trigger: Token, actor: Token | None, claim: Claim | None, base: int, locations: list[Span],
                   evidence: Span, times: list[TimeRef]) -> bool:
    """Whether the act is told in a witness's own words with a pronoun for its doers and no place or time of its own
    ("'They shot directly at us,' said a protester"): the incident the report has told, seen by one who was there."""
    return claim is not None and claim.direct and base + trigger.idx in range(claim.content.start, claim.content.end) \
        and actor is not None and actor.lower_ in ("they", "he", "she") and not locations \
        and _no_time_told(evidence, times)


# "in the ensuing gunfight", "during the subsequent clashes": the fight that followed the act already told.
_ENSUING = {"ensuing", "subsequent", "resulting", "following", "ensued"}
_FIGHT_NOUNS = {*ATTACK_NOUNS, "gunfight", "firefight", "fighting", "clash", "clashes", "exchange", "battle",
                "shootout", "gunbattle", "skirmish", "skirmishes", "fire", "crossfire", "operation"}


def _in_the_ensuing_fight(trigger: Token) -> bool:
    """Whether the act is told as part of the fight that followed one already told ("troops killed four attackers in
    the ensuing gunfight"): the same incident, its end told from the other side."""
    clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head  # a root noun is its own head
    for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "amid")):
        for noun in (g for g in prep.children if g.dep_ == "pobj" and g.lower_ in _FIGHT_NOUNS):
            if any(m.lower_ in _ENSUING and m.dep_ in ("amod", "compound", "advmod") for m in noun.children) \
                    and any(d.dep_ == "det" and d.lower_ == "the" for d in noun.children):
                return True
    return False


def _bare_toll(event: Event, trigger: Token, times: list[TimeRef]) -> bool:
    """Whether the sentence tells only who fell ("One policeman was killed and two others were wounded."): a casualty
    verb with no doer, weapon, place or time of its own. In a story that has told an incident it is part of that
    incident (often one side's share of its toll), not a new one; first in its post, it stays an incident of its own."""
    return trigger.lemma_.lower() in TOLL_VERBS and event.actor1 is None and event.weapon is None \
        and not event.locations and not any(inside(t.span, event.evidence) for t in times)


# Verbs of beating an attack off: their object's "by" phrase names who attacked.
_REPELLING = {"repel", "repulse", "thwart", "foil", "rebuff"}


def _repelled_attackers(trigger: Token, mentions: list[Mention], base: int) -> tuple[Token, Token | None] | None:
    """The attackers and the defenders of an attack told as beaten off: "soldiers repelled an attack by JNIM fighters
    on their base". The side that acted is the one that attacked (the incidents convention names it as the doer),
    the defenders are the other side; None when the attackers go unnamed ("repelled an attack on the town")."""
    if trigger.lemma_.lower() not in _REPELLING:
        return None
    for attack in (c for c in trigger.children if c.dep_ == "dobj"):
        for by in (c for c in attack.children if c.dep_ == "prep" and c.lower_ == "by"):
            attacker = next((g for g in by.children if g.dep_ == "pobj" and is_actor_token(g, mentions, base)), None)
            if attacker is not None:
                # "by the paramilitary Rapid Support Forces": the name beside the description
                attacker = next((c for c in attacker.children if c.dep_ == "appos"
                                 and is_actor_token(c, mentions, base)), attacker)
                defender = next((c for c in trigger.children if c.dep_ == "nsubj" and c.pos_ != "PRON"
                                 and is_actor_token(c, mentions, base)), None)
                return attacker, defender
    return None


# Nouns of a fight between two sides: "clashes between X and Y".
_FIGHT_NOUNS = {"clash", "clashes", "fighting", "battle", "battles", "skirmish", "skirmishes", "gunfight", "firefight",
                "confrontation", "confrontations"}


def _fighting_between(trigger: Token, mentions: list[Mention], base: int) -> tuple[Token, Token | None] | None:
    """The two sides of a fight told as "clashes between X and Y" (the trigger or its subject): X, then Y."""
    for noun in [trigger, *(c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass"))]:
        if noun.lower_ not in _FIGHT_NOUNS and noun.lemma_.lower() not in _FIGHT_NOUNS:
            continue
        for between in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"):
            first = next((g for g in between.children if g.dep_ == "pobj"), None)
            if first is None or not is_actor_token(first, mentions, base):
                continue
            second = next((c for c in first.conjuncts if is_actor_token(c, mentions, base)), None)
            return first, second
    return None


def _blamed_doer(trigger: Token) -> Token | None:
    """Whom the sentence blames for the act: "blamed the RSF for the attack", "blamed the attack on al-Shabaab",
    "accused the army of carrying out the strike", "held the rebels responsible for the attack". The incidents
    convention (ACLED's too) names the doer a source attributes the act to; the blame sentence tells the act again,
    so the doer reaches the incident it restates."""
    for above in islice(trigger.ancestors, 4):
        lemma = above.lemma_.lower()
        if lemma == "responsible" and above.dep_ in ("amod", "oprd", "acomp"):
            return above.head if above.dep_ == "amod" else next(
                (c for c in above.head.children if c.dep_ == "dobj"), None)
        if lemma in ("blame", "accuse"):
            doer = next((c for c in above.children if c.dep_ == "dobj" and c.i != trigger.i), None)
            if doer is None:  # "blamed the attack on X"
                on = next((c for h in (above, trigger) for c in h.children if c.dep_ == "prep" and c.lower_ == "on"),
                          None)
                doer = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
            return doer
        if above.pos_ == "VERB" and above.dep_ not in ("pcomp", "xcomp"):
            return None
    return None


def _claims_responsibility(trigger: Token) -> bool:
    """Whether the act is told inside a claim of responsibility: "claimed responsibility (for the attack), saying it
    had killed…"."""
    verbs = [trigger, *islice(trigger.ancestors, 3)]  # a run-on line's ancestors are thousands: the nearest only
    if trigger.dep_ == "dobj" and trigger.pos_ == "NOUN" and trigger.head.lemma_.lower() == "claim" and any(
            c.dep_ == "det" and c.lower_ in ("the", *_DEMONSTRATIVES) or c.dep_ == "poss" for c in trigger.children):
        return True  # "the group claimed the attack in a message": the attack told before, now claimed
    return any(v.lemma_.lower() == "claim" and any(c.lemma_.lower() == "responsibility" for c in v.children)
               for v in verbs)


# "…were being treated in hospital in Gorom-Gorom", "were taken to hospitals in Kramatorsk": where the wounded went.
_TO_CARE = re.compile(r"\b(?:treated|taken|transferred|transported|evacuated|rushed|admitted|airlifted|flown|"
                      r"hospitali[sz]ed)\b[^,.;]{0,40}?\b(?:in|to|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _named_as_elsewhere(before: str) -> bool:
    """Whether a place name follows words of the wounded being cared for ("treated in hospital in X", "taken to a
    hospital in Y"): where they went, not where the act happened; or follows "the border with" ("a village near the
    border with X"): the land across it, where the act did not happen; or "the road to" ("kidnapped on the highway to
    X"): where the road leads."""
    return bool(_TO_CARE.search(before[-80:]) or _ACROSS_THE_BORDER.search(before[-40:])
                or _ROAD_TO.search(before[-40:]))


_ACROSS_THE_BORDER = re.compile(r"\bborders?\s+with\s+(?:the\s+)?$", re.IGNORECASE)
# "on the main highway to X": where the road leads, not where on it the act happened.
_ROAD_TO = re.compile(r"\b(?:road|highway|motorway|route)\s+(?:leading\s+)?(?:to|towards?)\s+(?:the\s+)?$",
                      re.IGNORECASE)


# Words that open the breakdown of a summed toll: "…, including five in Odesa", "…, among them eight in a school in X".
_BREAKDOWN_MARKS = {"including", "among"}


def _places_of_a_roundup(sent: SpacySpan, base: int, roundup: Event, quantities: list[Quantity], read: int,
                         offset: int, in_sentence: list[Mention]) -> list[Event]:
    """The incidents a roundup's breakdown names: "strikes killed 27 across Gaza on Saturday, among them eight people
    sheltering in a school in the Shati camp" and "killed 11 across Ukraine, including five in Odesa and three in
    Kharkiv" tell incidents of their own (a place, a toll) inside a sum that is none. Each part of the breakdown with a
    figure and a place becomes an incident of the roundup's type, day and doer; parts with no place ("including five
    children") add none."""
    mark = next((t for t in sent if t.lower_ in _BREAKDOWN_MARKS), None)
    if mark is None:
        return []
    parts: list[list[Token]] = [[]]
    for token in sent[mark.i - sent.start + 1:]:
        nxt = token.nbor(1) if token.i + 1 < sent.end else None
        if token.lower_ in ("and", ",") and nxt is not None and nxt.like_num:
            parts.append([])
        elif token.text == "," and parts[-1]:
            break  # ", officials said": the breakdown is over
        else:
            parts[-1].append(token)
    found = []
    for words in parts:
        if not words:
            continue
        part = Span(base + words[0].idx, base + words[-1].idx + len(words[-1]), "")
        places = [m.span for m in in_sentence if m.label in PLACE_LABELS and inside(m.span, part)]
        figure = next((n for n in range(read) if inside(quantities[n].span, part) and not quantities[n].vague
                       and quantities[n].counted in ("killed", "people", None)), None)
        if places and figure is not None:
            found.append(replace(roundup, generic=False, locations=places, killed=offset + figure, injured=None,
                                 restatements=[]))
    return found


def _fights_back(trigger: Token) -> bool:
    """ "Troops returned fire", "the guards fought back": the answer of the side attacked, part of an attack already
    told (its doer is the other side, so it lends the attack neither doer nor toll)."""
    lemma, head = trigger.lemma_.lower(), trigger.head
    return lemma == "fire" and trigger.dep_ == "dobj" and head.lemma_.lower() == "return" \
        or lemma in ("fight", "hit", "strike") and trigger.pos_ == "VERB" and any(
            c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in trigger.children)


def _answers_the_attackers(trigger: Token, target: Token | None) -> bool:
    """Whether the act is done to the attackers of an attack already told: its target, its verb's object, or the object
    of a verb joined to it ("launched a pursuit operation and killed three of the attackers")."""
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    verbs = [trigger, verb, *verb.conjuncts] if verb.pos_ == "VERB" else [trigger]
    objects = [c for v in verbs for c in v.children if c.dep_ == "dobj"]
    # ("'neutralised' 10 terrorists in a pursuit operation after the attack": done in the chase of its doers)
    chased = verb.pos_ == "VERB" and any(t.lemma_.lower() in _CHASE_WORDS for t in verb.subtree)
    return chased or any(_done_to_the_attackers(candidate) for candidate in [target, *objects])


# Words of the chase after an attack: what is done in it is done to the attackers.
_CHASE_WORDS = {"pursuit", "manhunt", "chase"}


_SOME_OF = {"some", "several", "many", "most", "all", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "dozens", "scores", "hundreds"}


def _done_to_the_attackers(target: Token | None) -> bool:
    """"Soldiers killed all the attackers", "jets pounded the fleeing militants": the end of an attack already told,
    whose doers are this act's target, so it lends that attack neither its doer nor its toll."""
    if target is None:
        return False
    if target.like_num or target.lower_ in _SOME_OF:  # "killed three of the attackers", "most of the assailants"
        target = next((g for c in target.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"), target)
    definite = any(c.dep_ in ("det", "predet") and c.lower_ in ("the", "all", "both") for c in target.children)
    fleeing = any(c.dep_ in ("amod", "acl") and c.lemma_.lower() in _FLEEING for c in target.children)
    return definite and (target.lemma_.lower() in _ATTACKERS or fleeing)  # "the fleeing militants"


def _other_party(actor: Token, mentions: list[Mention], base: int) -> Span | None:
    """The second party of an agreement or exchange: "Kyiv and Moscow exchanged prisoners", "Russia swapped
    prisoners with Ukraine"."""
    for other in actor.conjuncts:
        if is_actor_token(other, mentions, base):
            return actor_phrase(other, mentions, base)
    verb = actor.head
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            for obj in child.children:
                if obj.dep_ == "pobj" and is_actor_token(obj, mentions, base):
                    return actor_phrase(obj, mentions, base)
    return None


_INCIDENT_NOUNS = {"incident", "attack", "strike", "explosion", "blast", "shelling", "fighting", "clash", "raid"}
_HAPPEN_LEMMAS = {"take", "happen", "occur", "unfold"}
_USE_LEMMAS = {"deploy", "use", "fire", "launch", "employ"}


def _attach_incident_places(doc: Doc, base: int, mentions: list[Mention], times: list[TimeRef],
                            events: list[Event]) -> None:
    """"The incident took place in X": X is where the event just reported happened, and the day the sentence gives
    ("The strike took place on Friday") refines the day it had from its report ("the army said on Saturday")."""
    for sent in doc.sents:
        subject = next((t for t in sent if t.dep_ == "nsubj" and t.lemma_ in _INCIDENT_NOUNS
                        and any(c.lower_ in ("the", "this", "that") for c in t.children)), None)
        if subject is None or subject.head.lemma_ not in _HAPPEN_LEMMAS:
            continue
        start = base + sent.start_char
        earlier = [e for e in events if e.evidence.end <= start and not e.generic]
        if not earlier:
            continue
        clause = {t.i for t in subject.head.subtree} - {t.i for t in subject.subtree}
        places = [m.span for m in mentions if m.label in PLACE_LABELS
                  and any(base + doc[i].idx == m.span.start for i in clause)
                  and is_location_use(m, sent, base) and not is_actor_use(m, sent, base)]
        target = earlier[-1]
        known = {p.text for p in target.locations}
        target.locations = [*target.locations, *(p for p in places if p.text not in known)]
        restating = base + subject.idx
        told = next((e for e in events if e.trigger.start == restating and e is not target), None)
        text = sent.text.rstrip()
        evidence = told.evidence if told is not None else Span(start, start + len(text), text)
        stated = told.time if told is not None else event_time(evidence, times, None)
        if dates_better(target.time, stated):
            target.time = stated  # its sentence is kept as a restatement below
        target.restatements = [*target.restatements, evidence, *(told.restatements if told is not None else [])]
        events[:] = [e for e in events if not (e.trigger.start == restating and e is not target)]


# A place named with its kind ("the town of Pinlebu", "the village of Kaya") that "the town", "the village" later names.
_KIND_OF_PLACE = re.compile(r"\b(town|city|village|settlement|camp|port)\s+of\s+$", re.IGNORECASE)
_THE_KIND = re.compile(r"\bthe (town|city|village|settlement|camp|port)\b(?!\s+of\b)", re.IGNORECASE)


def _place_the_town_told(doc: Doc, base: int, mentions: list[Mention], events: list[Event]) -> None:
    """"captured the town of Pinlebu … Hours later, jets bombed the town": an event its sentence places only by "the
    town" (or "the village", "the city") is in the last place of the post named as a town before it."""
    text = text_of(doc)
    named = [(m, match.group(1).lower()) for m in mentions if m.label in PLACE_LABELS
             and (match := _KIND_OF_PLACE.search(text[max(0, m.span.start - base - 20):m.span.start - base]))]
    for event in events:
        if event.generic or event.locations:
            continue
        sentence = text[event.evidence.start - base:event.evidence.end - base]
        kinds = {k.lower() for k in _THE_KIND.findall(sentence)}
        told = [m for m, kind in named if kind in kinds and m.span.end <= event.evidence.start]
        if told:
            town = told[-1].span
            # with the places the town was told with ("in Myanmar's Sagaing region"), for a town the gazetteer lacks
            where = next((e.locations for e in events if town in e.locations), [town])
            event.locations = [town, *(p for p in where if p != town)]


def _other_doers_clauses(sent: SpacySpan, trigger: Token) -> list[Token]:
    """Tokens of the clauses of the sentence that have a doer of their own and do not hold the trigger.

    "The strike came hours after Hamas fired rockets": the rockets are Hamas's, fired in another act, and are
    no weapon of the strike; nor is where they flew a place of the strike. The march of the crowd an act is done to
    ("fired tear gas at students who marched on parliament in X") is that act's scene, not another act.
    """
    tokens: list[Token] = []
    for verb in sent:
        if verb.dep_ in ("advcl", "relcl", "ccomp", "pcomp") and trigger not in verb.subtree \
                and any(c.dep_ == "nsubj" for c in verb.children) and not _victims_circumstance(verb) \
                and not _cause_of_the_toll(verb) and not tells_the_demonstration(verb) \
                and not _hung_on_an_adjective(verb) and not _act_of_the_toll_added(verb, trigger):
            tokens += list(verb.subtree)
    return tokens


_PERIODS = {"week", "month", "year"}
_KILLING_LEMMAS = {"kill", "neutralize", "neutralise", "eliminate", "shoot"}


def _day_of_the_attack_beaten_off(trigger: Token, times: list[TimeRef], base: int) -> TimeRef | None:
    """"The army said on Tuesday it had killed 80 militants who attacked a camp on Sunday": those killed while
    attacking fell on the day of their attack, which the clause describing them gives (one that had attacked before,
    "who had attacked a village last month", tells who they were, not when they fell)."""
    if trigger.lemma_.lower() not in _KILLING_LEMMAS:
        return None
    for killed in (c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")):
        for clause in (c for c in killed.children if c.dep_ == "relcl" and c.lemma_.lower() in ATTACK_VERBS
                       and not any(a.dep_ == "aux" and a.lemma_ == "have" for a in c.children)):
            offsets = {base + t.idx for t in clause.subtree}
            day = next((t for t in times if t.span.start in offsets and t.resolved and t.precision == "day"), None)
            if day is not None:
                return day
    return None


def _period_of_the_clause_after(trigger: Token, times: list[TimeRef], base: int) -> TimeRef | None:
    """"Last month, the group took several towns before troops retook them": an act told "before" or "until" the
    main clause's act, with no time of its own, falls in the period (a week, a month, a year) the main clause is told
    in; after a day, it may have come days later, and stays undated."""
    verb = governing_verb(trigger) or trigger
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in ("before", "until", "till")
                                       for c in verb.children):
        return None
    main = {base + t.idx for t in verb.head.subtree} - {base + t.idx for t in verb.subtree}
    period = next((t for t in times if t.span.start in main and t.resolved and t.precision in _PERIODS), None)
    return replace(period, approximate=True) if period is not None else None


def _doer_of_the_act_said(sent: SpacySpan, trigger: Token, mentions: list[Mention], base: int) -> Token | None:
    """The doer of the act whose toll a source added ("X carried out strikes on Y, the ministry said, adding that 31
    people were killed"): the toll's clause names none."""
    said = next((verb for verb in sent if _act_of_the_toll_added(verb, trigger)), None)
    return actor_token(said, mentions, base) if said is not None else None


def _act_of_the_toll_added(verb: Token, trigger: Token) -> bool:
    """"X carried out strikes on Y, the ministry said, adding that 31 people were killed": what a source said and
    the toll it added are one act's, so the said clause's places are the toll's."""
    return verb.dep_ == "ccomp" and trigger.lemma_.lower() in _TOLL_LEMMAS and is_speech(verb.head) \
        and verb.head in trigger.ancestors


_TOLL_LEMMAS = {"kill", "injure", "wound", "die", "hurt", "dead"}


def _cause_of_the_toll(verb: Token) -> bool:
    """"15 people were killed when a suicide bomber struck a mosque in Gwoza": the clause that tells how the victims
    died is the act itself, so its places and weapon are the event's."""
    return verb.dep_ == "advcl" and verb.head.lemma_.lower() in _TOLL_LEMMAS and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as") for c in verb.children)


_WHILE_MARKS = {"as", "while", "when"}
_VICTIM_PRONOUNS = {"they", "he", "she", "we"}


def _victims_circumstance(verb: Token) -> bool:
    """"…killed four rescuers while they were sheltering in a school in X": what the victims were doing when hit.

    A clause of time whose subject is a pronoun and whose verb is no attack tells where the event's victims were,
    so its places are the event's; "…as they fired rockets from X" (an attack verb) is another act.
    """
    return verb.dep_ == "advcl" and verb.lemma_.lower() not in ATTACK_VERBS \
        and any(c.dep_ == "mark" and c.lower_ in _WHILE_MARKS for c in verb.children) \
        and any(c.dep_ == "nsubj" and c.lower_ in _VICTIM_PRONOUNS for c in verb.children) \
        and not any(c.dep_ == "dobj" for c in verb.children)


def _reports_weapon_use(sent: SpacySpan, weapon: Span | None, base: int) -> bool:
    """"Iskander missiles had been used (in the attack)": the sentence says which weapon, not a new event."""
    if weapon is None:
        return False
    for token in sent:
        if token.lemma_ in _USE_LEMMAS:
            for child in token.children:
                if child.dep_ in ("nsubjpass", "dobj") and weapon.start <= base + child.idx < weapon.end:
                    return True
    return False


def _fold_weapon_reports(events: list[Event], weapon_reports: set[int]) -> list[Event]:
    """"Patriot batteries had been used" after a strike names the strike's weapon; it is not an event itself."""
    kept: list[Event] = []
    for event in events:
        attack = weapon_report_host(event, kept, weapon_reports)
        if attack is not None:
            if attack.weapon is None or len(event.weapon.text) > len(attack.weapon.text):
                attack.weapon = event.weapon
            continue
        kept.append(event)
    return kept


# Cues of what a crowd or a side asks for: the content is the demand, not a report of the act beside it.
_DEMAND_CUES = {"demand", "demanding", "demanded", "demands", "call", "calling", "called", "calls", "urge", "urging",
                "urged", "urges", "chant", "chanting", "chanted"}


def _demands(claim: Claim) -> bool:
    """Whether a claim is a demand ("demanding early elections", "calling for justice")."""
    return claim.cue is not None and any(word in _DEMAND_CUES for word in claim.cue.text.lower().split())


def _claim_for(trigger: Token, base: int, evidence: Span, claims: list[Claim]) -> tuple[int | None, Claim | None]:
    position = base + trigger.idx
    for number, claim in enumerate(claims):
        if claim.content.start <= position < claim.content.end:
            return number, claim
    for number, claim in enumerate(claims):
        if claim.cue is not None and inside(claim.cue, evidence):
            return number, claim
    return None, None
