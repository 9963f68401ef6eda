"""When an event happened, as opposed to when it was reported.

Time phrases of the trigger's own clause count (not those of relative clauses), phrases inside the
claim's content date the event and are resolved against the day the claim was made, and without one
the claim's own date bounds the event. An incident with no time phrase at all happened on or before the
day of the post that reports it: precision "before", `end` that day, no `start`, an empty phrase. A time of
day alone ("at about noon") is on the day the post gave for the incident before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from itertools import islice

from spacy.tokens import Token

from warlog.extract.event_roles import governing_verb, inside, misattached_main_verb, tells_the_demonstration
from warlog.resolve.dates import resolve_phrase
from warlog.schema import Claim, Event, Span, TimeRef

_PRECISION_ORDER = {"day": 0, "days": 1, "week": 2, "month": 3, "year": 4, "unknown": 9}


# An act its own time phrase dates this many days or more before the report is background to it, not an incident
# the report brings: "the attack on June 11" in a July story, "since 2022", "in February", "last month". A news report
# brings what happened in about the week before it ("on Tuesday", "last week", "earlier this week"); a live blog's
# posts are each dated by their own time, so a long page keeps its old posts' incidents.
BACKGROUND_AFTER_DAYS = 10


def most_specific(times: list[TimeRef]) -> TimeRef | None:
    """The phrase that dates an act best of those given: a resolved day over a month, a day over a time of day."""
    if not times:
        return None
    # a time of day beside a day ("at dawn on Monday") is of that day: the day phrase dates the act
    dayed = [t for t in times if not _CLOCK_ONLY.match(t.span.text.strip())]
    # at equal precision a day told ("on Sunday") beats one assumed ("in the early hours": the day of the report)
    return min(dayed or times, key=lambda t: (not t.resolved, _PRECISION_ORDER.get(t.precision, 8), t.approximate,
                                              t.span.start))


# Days told from the speaker's own day: inside a direct quote whose day is not given they may be a day off.
_DEICTIC_DAY = re.compile(r"\b(?:today|tonight|yesterday|last night|this (?:morning|afternoon|evening)|overnight)\b",
                          re.IGNORECASE)

_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Words of one day of the report's week, as a word of its own: what still dates an act in a superlative's phrase.
_DAYS_OF_THE_WEEK = _WEEKDAYS | {"today", "yesterday", "tonight", "overnight"}


def clause_offsets(trigger: Token, base: int) -> set[int]:
    """Document offsets of the tokens in the trigger's own clause, without relative clauses
    ("…stationed in Kursk, where Ukraine began an incursion in August": August is not when).

    A clause of the same time ("…on Tuesday as demonstrations turned violent") takes its main clause's time phrases,
    and so do a participle of consequence ("In May, gunmen stormed the hotel, killing 21 people"), a clause of
    purpose ("police fired tear gas on Tuesday to disperse protesters") and a second verb of one subject ("arrived on
    Saturday and opened fire").
    A weekday is the exception when the parse hung it on a participle: wires end the sentence with the day
    of the event ("hit a school sheltering families in Gaza City on Monday"), and a participle describing a
    noun is never dated by the day of the week in news prose.
    """
    named_as = _act_it_names(trigger)
    if named_as is not None:
        # "held the soldiers on Sunday, in what the ministry called a kidnapping": the act the clause names is the
        # main clause's, and so is its time
        return clause_offsets(named_as, base) | {base + t.idx for t in trigger.subtree}
    verb = governing_verb(trigger) or _phrase_head(trigger)
    own: set[int] = set()
    if verb == trigger and (verb.dep_ == "acl" and verb.tag_ == "VBG" or tells_the_demonstration(verb)) \
            and governing_verb(verb.head) is not None:
        # "police fired tear gas at teachers marching on parliament on Tuesday": the march told by a participle is
        # when the clause it sits in is, besides any time of its own
        own = {base + t.idx for t in verb.subtree}
        verb = governing_verb(verb.head)
    verb = _main_of_the_same_time(verb)
    if _when_of_a_date(verb):
        # "since 2019, when a raid on the camp killed dozens": the clause tells what happened at the date it hangs on
        date = verb.head
        phrase = [t for t in date.subtree if t.ent_type_ in ("DATE", "TIME")]
        own |= {base + t.idx for t in [*phrase, *([date.head] if date.dep_ == "pobj" else [])]}
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        # "gunmen arrived on Saturday afternoon and opened fire": the second verb of one clause has the first's time
        own |= {base + t.idx for child in verb.head.children if child.dep_ in _TIME_DEPS and child.i < verb.i
                and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree) for t in child.subtree}
    # the verb's own relative clauses go; the verb itself may be one ("a notice that the bridge was shelled at dawn")
    # (a finite past verb parsed as a noun's modifier heads no reduced clause: "a strike on a camp for displaced people
    # near X killed 14 … on Thursday" is the sentence's own verb, misattached)
    excluded = {t.i for child in verb.subtree if child != verb and (
                    child.dep_ == "relcl" and not tells_the_demonstration(child) and not _doers_arrival(child, verb)
                    or child.dep_ == "acl" and not misattached_main_verb(child))
                for t in child.subtree
                if not (child.dep_ == "acl" and tells_where_it_was(child) and _weekday_of_event(t))}
    # "in one of the biggest gains by resistance groups this year": the time of a superlative's set ranks the act
    # among others, it does not date it (a day still does: "its largest drone attack of the war on Sunday")
    excluded |= {t.i for child in verb.subtree if child != verb and child.pos_ in ("NOUN", "PROPN", "NUM", "PRON")
                 and _ranked(child) for t in child.subtree if t.lower_ not in _DAYS_OF_THE_WEEK}
    return own | {base + t.idx for t in verb.subtree if t.i not in excluded}


def _when_of_a_date(verb: Token) -> bool:
    """Whether a "when" clause hangs on a date ("in March, when rebels took the town"; "since 2019, when a raid
    killed dozens"): the clause happened at that date."""
    return verb.dep_ == "relcl" and verb.head.ent_type_ in ("DATE", "TIME") \
        and any(c.dep_ == "advmod" and c.lower_ == "when" for c in verb.children)


def _ranked(noun: Token) -> bool:
    """Whether a noun is ranked by a superlative ("the biggest gains", "one of the deadliest attacks")."""
    return any(c.dep_ == "amod" and c.tag_ == "JJS" for c in noun.children)


# Verbs of the doers reaching the scene of their act: "the attackers, who arrived late on Wednesday, killed two men".
_ARRIVAL_VERBS = {"arrive", "come", "enter", "storm", "descend", "ride", "drive", "sneak", "swoop"}


def _act_it_names(trigger: Token) -> Token | None:
    """The main verb whose act an "in what X called / described as / appeared to be …" clause around `trigger` names,
    or None."""
    current = trigger
    for _ in range(5):
        if current.dep_ == "pcomp" and current.head.lower_ == "in" and current.head.head != current.head \
                and any(c.lower_ == "what" for c in current.children):
            return current.head.head
        if current.head == current:
            return None
        current = current.head
    return None


def _doers_arrival(clause: Token, verb: Token) -> bool:
    """Whether a relative clause tells the doers of `verb` arriving for it: its time is the act's."""
    return clause.lemma_.lower() in _ARRIVAL_VERBS and clause.head.dep_ in ("nsubj", "nsubjpass") \
        and clause.head.head.i == verb.i


def _main_of_the_same_time(verb: Token) -> Token:
    """The clause whose time phrases date `verb`'s clause: its own, or the main clause of a clause of the same time."""
    if verb.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in _AT_THE_SAME_TIME
                                    for c in verb.children):
        return verb.head  # "police fired tear gas on Tuesday as protests turned violent": the same time
    if verb.dep_ == "conj" and verb.head.dep_ == "advcl" and verb.head.tag_ == "VBG" and verb.tag_ == "VBG":
        verb = verb.head  # "…, killing 1,200 people and taking 251 hostages": the second participle is the first's
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(c.dep_ == "mark" for c in verb.children):
        # "In May, gunmen stormed the hotel, killing 21": the participle's toll is the storming's; one that follows a
        # dated "when" clause is that clause's, wherever the parser hung it ("since the war began in October 2023,
        # when militants attacked, killing 1,200")
        return _when_clause_before(verb) or verb.head
    if verb.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        # "police fired tear gas on Tuesday to disperse protesters": the purpose, the same time (and the clause it
        # serves may be of its own main clause's time: "shot two on Tuesday as they fired to disperse protesters")
        return _main_of_the_same_time(verb.head)
    if verb.dep_ == "acl":
        # "six were hurt on Tuesday when a device attached to a motorbike detonated", parsed with "detonated" hung on
        # the motorbike inside the "when" clause: the clause still tells the main clause's moment
        when = next((a for a in islice(verb.ancestors, 4) if a.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _AT_THE_SAME_TIME for c in a.children)), None)
        if when is not None:
            return when.head
    return verb


def _when_clause_before(participle: Token) -> Token | None:
    """The dated "when" clause that ends right before a participle hung on the clause before it, or None: a participle
    of consequence belongs to the act told last."""
    main = participle.head
    for clause in main.subtree:
        if main.i < clause.i < participle.i and _when_of_a_date(clause) \
                and clause.right_edge.i + 2 >= participle.i > clause.right_edge.i:
            return clause
    return None


def _phrase_head(token: Token) -> Token:
    """The noun a modifier belongs to ("drone" in "a drone strike … killed 14 on Thursday" -> strike), whose phrase
    holds the act's time when no verb governs it."""
    for _ in range(3):
        if token.dep_ not in ("compound", "amod", "nmod") or token.head == token:
            break
        token = token.head
    return token


# How a time phrase hangs on its verb: "on Saturday", "overnight", "late Thursday".
_TIME_DEPS = {"prep", "npadvmod", "advmod", "tmod"}

# Marks of a clause that happens while its main clause does: its time is the main clause's.
_AT_THE_SAME_TIME = {"as", "while", "when"}


# Parts of a day a weekday names with it: "on Tuesday evening".
_PARTS_OF_DAY = {"morning", "afternoon", "evening", "night"}


# Structures an act befalls whose description may place and date them ("a tent used by journalists outside X").
_STRUCTURES = frozenset("tent shelter school house home building hospital clinic camp mosque church market apartment "
                        "warehouse hotel office compound".split())


def tells_where_it_was(participle: Token) -> bool:
    """A participle that says where and when what it describes was: a present one, active or passive ("people
    sheltering in a school in X", "civilians being evacuated from X on Monday"), or a passive one on a structure ("a
    school used as a shelter in X on Monday"). When an act befalls what it describes, that is the act's place and
    day."""
    progressive = participle.tag_ == "VBG" or participle.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lower_ == "being" for c in participle.children)
    return progressive or participle.tag_ == "VBN" and participle.head.lemma_.lower() in _STRUCTURES


def _weekday_of_event(token: Token) -> bool:
    """ "on Monday", "on Tuesday evening": a weekday that a preposition "on" introduces, alone or with the part of the
    day it names."""
    if token.lower_ in _WEEKDAYS and token.head.lower_ in _PARTS_OF_DAY:
        token = token.head
    elif token.lower_ in _PARTS_OF_DAY and any(c.lower_ in _WEEKDAYS for c in token.children):
        pass
    elif token.lower_ not in _WEEKDAYS:
        return False
    return token.head.lower_ == "on"


def event_time(
    evidence: Span, times: list[TimeRef], claim: Claim | None, clause: set[int] | None = None
) -> TimeRef | None:
    """When the event happened, not when it was reported.

    A time phrase inside the claim's content dates the event, resolved against the day the claim was
    made when that is known ("officials said on Saturday" + "overnight" -> Saturday). Without one, the
    claim's own date bounds the event ("Moscow said on Saturday it had taken…"). Otherwise the most
    specific time phrase of the sentence.
    """
    in_sentence = [t for t in times if inside(t.span, evidence)]
    if clause is not None:
        in_clause = [t for t in in_sentence if t.span.start in clause]
        outside_content = [t for t in in_sentence if claim is not None and not inside(t.span, claim.content)]
        # "On Monday, shelling killed a woman, officials said": a time fronted in the content, which the parser may
        # hang on the verb of saying, is the content's act's
        fronted = [t for t in in_sentence if claim is not None and inside(t.span, claim.content) and not in_clause
                   and len(evidence.text[claim.content.start - evidence.start:t.span.start - evidence.start].split())
                   <= 1]
        in_sentence = in_clause + [t for t in [*outside_content, *fronted] if t not in in_clause]
    if claim is not None:
        stated = most_specific([t for t in in_sentence if inside(t.span, claim.content)])
        anchor = claim.time
        if stated is not None:
            if anchor is not None and anchor.resolved and anchor.precision == "day" and anchor.start is not None:
                start, end, precision, resolved, approximate = resolve_phrase(stated.span.text, anchor.start)
                if resolved:
                    return replace(stated, start=start, end=end, precision=precision, resolved=resolved,
                                   approximate=approximate)
            if claim.direct and _DEICTIC_DAY.search(stated.span.text) and stated.resolved:
                # "last night" in the speaker's own words, said on a day the text does not give: the report's day
                # or the one before (a reporter's paraphrase speaks from the report's day)
                return replace(stated, approximate=True)
            return stated
        if anchor is not None:  # the day it was said bounds the act (approximate: it may be the day before)
            return replace(anchor, approximate=True) if anchor.start is not None else anchor
    return most_specific(in_sentence)


def report_day(published: date | datetime) -> date:
    """The day of a report's publication time (a report's day is what its acts are dated against)."""
    return published.date() if isinstance(published, datetime) else published


def reported_by(evidence: Span, published: date | datetime | None) -> TimeRef | None:
    """"Ukrainian fire hits troops" in a post of 3 November: on or before 3 November, and no more than that.

    The bound is honest and unresolved (no start day); the span is empty, at the start of the sentence,
    because no phrase of the text says when. None when the post's date is unknown.
    """
    if published is None:
        return None
    return TimeRef(span=Span(evidence.start, evidence.start, ""), start=None, end=report_day(published),
                   precision="before", resolved=False, approximate=True)


# A time of day and nothing else: "at about noon", "in the early morning", "at 3 p.m.".
_CLOCK_ONLY = re.compile(
    r"^(?:at|in|on|around|about|shortly|just|after|before|by|the|early|late|\s)*"
    r"(?:noon|midday|midnight|morning|afternoon|evening|dawn|dusk|daybreak|nightfall|hours|"
    r"\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|o'clock)|\d{1,2}:\d{2})\W*$", re.IGNORECASE)


def clock_times_on_the_day_told(events: Sequence[Event]) -> None:
    """"A fighter jet dropped two bombs at about noon": a time of day with no day is on the day the post gave
    for the incident before it ("... killed 17 people on Saturday"), not on the day of publication."""
    day: dict[int | None, TimeRef] = {}
    for event in events:
        time = event.time
        if time is None:
            continue
        if _CLOCK_ONLY.match(time.span.text.strip()) and event.post_index in day:
            told = day[event.post_index]
            event.time = replace(time, start=told.start, end=told.end, precision=told.precision,
                                 resolved=told.resolved, approximate=told.approximate)
        elif time.resolved and time.precision == "day" and not event.generic:
            day[event.post_index] = time
