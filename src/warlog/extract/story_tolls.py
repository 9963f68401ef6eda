"""Tolls a story gives in a sentence of their own, given to the story's incident.

"Hospital staff counted 27 injuries, four of them critical." names no attack, so no event holds its figures, and
the incident the story tells keeps the lead's vaguer toll or none. When a post tells exactly one violent incident,
a killed or injured figure that no event's sentences hold is that incident's, where it has none of that kind; the
figure's sentence becomes a restatement, the evidence of the field.
A sentence counting over a period ("since the war began", "so far this year", "in total") is a cumulative toll and
is left to the ledger; so are figures in posts that tell several incidents, where the owner is a guess. A vague lead
("dozens of soldiers") gives way to a precise count ("at least 30"), as an analyst codes the figure. A part of the
victims ("among the dead were two children") is no toll of the incident; a higher count told later as an update ("the
toll rose to 12") replaces the lead's, and another source's count replaces the doer's own ("the group said its attack
killed 11 … state media reported eight killed").
"""

from __future__ import annotations

import re

from warlog.extract.event_roles import belligerent_side
from warlog.extract.lexicon import VIOLENT_TYPES
from warlog.schema import Event, Extraction, Span
from warlog.sentences import sentence_bounds

_CUMULATIVE = re.compile(r"\b(?:since|so far|in total|overall|this year|last year|to date|altogether|throughout|"
                         r"over the (?:past|last)|in the (?:past|last)|the war|the conflict|the campaign)\b",
                         re.IGNORECASE)


def _sentence(text: str, span: Span) -> Span:
    """The sentence of `text` around `span`, without the whitespace that opens it."""
    start, end = sentence_bounds(text, span.start, span.end)
    while start < end and text[start].isspace():
        start += 1
    return Span(start, end, text[start:end])


# "Among the dead were two children", "including two children": a part of a toll the story does not give.
_PART = re.compile(r"\b(?:among (?:the|those)(?: \w+)? (?:dead|killed|injured|wounded|victims|casualties)\b[^.;]*"
                   r"|\b(?:including|includ(?:ed|es)|of whom|of them)\W+(?:\w+\W+){0,2})$", re.IGNORECASE)


def _part_of_a_toll(text: str, sentence: Span, figure: Span) -> bool:
    """Whether the figure counts some of the victims, not all: the whole toll stays unknown ("Among the dead were two
    children" after a strike told without a toll gives no toll of two)."""
    return bool(_PART.search(text[sentence.start:figure.start]))


def _within(span: Span, spans: list[Span]) -> bool:
    return any(s.start <= span.start and span.end <= s.end for s in spans)


def _covers(event: Event, span: Span) -> bool:
    return _within(span, [event.evidence, *event.restatements])


def fill_story_tolls(extraction: Extraction, text: str) -> None:
    """Give a post's one violent incident the killed or injured figures only a sentence of their own states."""
    by_post: dict[int | None, list[Event]] = {}
    for event in extraction.events:
        if not event.generic and event.acled_event_type in VIOLENT_TYPES:
            by_post.setdefault(event.post_index, []).append(event)
    for number, quantity in enumerate(extraction.quantities):
        if quantity.counted not in ("killed", "injured") or quantity.value is None:
            continue
        incidents = by_post.get(quantity.post_index, [])
        if len(incidents) != 1 or any(_covers(e, quantity.span) for e in extraction.events):
            continue
        (incident,) = incidents
        if not _open(extraction, incident, quantity.counted) or quantity.vague:
            continue
        sentence = _sentence(text, quantity.span)
        if _CUMULATIVE.search(sentence.text) or _part_of_a_toll(text, sentence, quantity.span):
            continue
        setattr(incident, quantity.counted, number)
        incident.restatements = [*incident.restatements, sentence]
    _precise_over_vague(extraction, text)
    _later_counts(extraction, text, by_post)
    _others_over_the_doers(extraction, text, by_post)


def _speaker_side(extraction: Extraction, claim_index: int | None) -> str | None:
    if claim_index is None or not 0 <= claim_index < len(extraction.claims):
        return None
    claim = extraction.claims[claim_index]
    return belligerent_side(claim.affiliation) or belligerent_side(claim.speaker_text)


def _claim_of(extraction: Extraction, quantity: int) -> int | None:
    return next((n for n, claim in enumerate(extraction.claims) if quantity in claim.quantities), None)


def _others_over_the_doers(extraction: Extraction, text: str, by_post: dict[int | None, list[Event]]) -> None:
    """"Islamic State said its attack killed 11 … State media reported eight soldiers killed": a count the doer gives
    of its own act is a perpetrator's claim, which an analyst codes only when no one else gives a figure; another
    source's precise count of that kind, told in the incident's sentences or alone in its post, replaces it (the
    doer's figure stays among the claims)."""
    for event in extraction.events:
        if event.generic or event.acled_event_type not in VIOLENT_TYPES or event.actor1 is None:
            continue
        doer = belligerent_side(event.actor1.text)
        if doer is None or _speaker_side(extraction, event.claim) != doer:
            continue
        alone = len(by_post.get(event.post_index, [])) == 1
        for counted in ("killed", "injured"):
            index = getattr(event, counted)
            if index is None:
                continue
            other = next((n for n, q in enumerate(extraction.quantities)
                          if n != index and q.counted == counted and not q.vague and q.value is not None
                          and q.post_index == event.post_index
                          and (_covers(event, q.span) or alone and not any(_covers(e, q.span)
                                                                           for e in extraction.events))
                          and _speaker_side(extraction, _claim_of(extraction, n)) not in (None, doer)
                          and not _CUMULATIVE.search((sentence := _sentence(text, q.span)).text)
                          and not _part_of_a_toll(text, sentence, q.span)), None)
            if other is None:
                continue
            setattr(event, counted, other)
            if not _covers(event, extraction.quantities[other].span):
                event.restatements = [*event.restatements, _sentence(text, extraction.quantities[other].span)]


# Words that tell a count replaces an earlier one: "the toll rose to 12", "later put the number of injured at 52".
_UPDATE = re.compile(r"\b(?:rose|risen|rising|climbed|increased|jumped|grew|later (?:put|said|gave|raised|revised|"
                     r"updated)|raised|revised|updated)\b", re.IGNORECASE)


def _later_counts(extraction: Extraction, text: str, by_post: dict[int | None, list[Event]]) -> None:
    """"The death toll later rose to 12", "the minister later put the number of injured at 52": a higher count told as
    an update replaces the count of that kind of the incident told last before it (an analyst codes the latest official
    figure). A cumulative total, a part of the victims, a vague word and another act's own figure are no such count."""
    for number, quantity in enumerate(extraction.quantities):
        if quantity.counted not in ("killed", "injured") or quantity.value is None or quantity.vague:
            continue
        # the incident told last before it with a count of that kind: an update revises a count already given
        counted_before = [e for e in by_post.get(quantity.post_index, []) if e.evidence.end <= quantity.span.start
                          and getattr(e, quantity.counted) is not None]
        if not counted_before:
            continue
        incident = counted_before[-1]
        current = getattr(incident, quantity.counted)
        if current == number or extraction.quantities[current].value is None:
            continue
        sentence = _sentence(text, quantity.span)
        if not _UPDATE.search(text[sentence.start:quantity.span.start]) or _CUMULATIVE.search(sentence.text) \
                or _part_of_a_toll(text, sentence, quantity.span) \
                or quantity.value <= (extraction.quantities[current].value or 0):
            continue
        if any(_covers(e, quantity.span) for e in extraction.events if e is not incident):
            continue  # another act's own figure
        setattr(incident, quantity.counted, number)
        if not _covers(incident, quantity.span):
            incident.restatements = [*incident.restatements, sentence]


def _open(extraction: Extraction, event: Event, counted: str) -> bool:
    """Whether the event's toll of this kind is still to be given: none, or only a vague word ("dozens")."""
    index = getattr(event, counted)
    return index is None or extraction.quantities[index].vague


def _precise_over_vague(extraction: Extraction, text: str) -> None:
    """"JNIM said it had killed dozens of soldiers … A security source said at least 30 soldiers were killed": a
    precise count told in the incident's own sentences replaces the vague word of its lead (an analyst codes the
    figure, not "dozens"), and so does the first a restatement gives for a vague lead the event holds no figure for."""
    for event in extraction.events:
        if event.generic or event.acled_event_type not in VIOLENT_TYPES:
            continue
        for counted in ("killed", "injured"):
            index = getattr(event, counted)
            if index is not None and not extraction.quantities[index].vague:
                continue
            if index is None and not any(q.counted == counted and q.vague and _within(q.span, [event.evidence])
                                         for q in extraction.quantities):
                continue
            # a vague lead the event holds no figure for ("killing dozens of soldiers") takes one told in a
            # restatement ("JNIM claimed the attack, saying it had killed more than 50 soldiers")
            spans = [event.evidence, *event.restatements] if index is not None else event.restatements
            better = next((n for n, q in enumerate(extraction.quantities)
                           if q.counted == counted and not q.vague and q.value is not None
                           and _within(q.span, spans)
                           and not _CUMULATIVE.search((sentence := _sentence(text, q.span)).text)
                           and not _part_of_a_toll(text, sentence, q.span)), None)
            if better is not None:
                setattr(event, counted, better)
