"""Tolls a story gives in a sentence of their own, given to the story's incident.

"Hospital staff counted 27 injuries, four of them critical." names no attack, so no event holds its figures, and
the incident the story tells keeps the lead's vaguer toll or none. When a post tells exactly one violent incident,
a killed or injured figure that no event's sentences hold is that incident's, where it has none of that kind; the
figure's sentence becomes a restatement, the evidence of the field.
A sentence counting over a period ("since the war began", "so far this year", "in total") is a cumulative toll and
is left to the ledger; so are figures in posts that tell several incidents, where the owner is a guess. A vague lead
("dozens of soldiers") gives way to a precise count ("at least 30"), as an analyst codes the figure.
"""

from __future__ import annotations

import re

from warlog.schema import Event, Extraction, Span
from warlog.sentences import sentence_bounds

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_CUMULATIVE = re.compile(r"\b(?:since|so far|in total|overall|this year|last year|to date|altogether|throughout|"
                         r"over the (?:past|last)|in the (?:past|last)|the war|the conflict|the campaign)\b",
                         re.IGNORECASE)


def _sentence(text: str, span: Span) -> Span:
    """The sentence of `text` around `span`, without the whitespace that opens it."""
    start, end = sentence_bounds(text, span.start, span.end)
    while start < end and text[start].isspace():
        start += 1
    return Span(start, end, text[start:end])


def _covers(event: Event, span: Span) -> bool:
    return any(s.start <= span.start and span.end <= s.end for s in [event.evidence, *event.restatements])


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
        if _CUMULATIVE.search(sentence.text):
            continue
        setattr(incident, quantity.counted, number)
        incident.restatements = [*incident.restatements, sentence]
    _precise_over_vague(extraction, text)


def _open(extraction: Extraction, event: Event, counted: str) -> bool:
    """Whether the event's toll of this kind is still to be given: none, or only a vague word ("dozens")."""
    index = getattr(event, counted)
    return index is None or extraction.quantities[index].vague


def _precise_over_vague(extraction: Extraction, text: str) -> None:
    """"JNIM said it had killed dozens of soldiers … A security source said at least 30 soldiers were killed": a
    precise count told in the incident's own sentences replaces the vague word of its lead (an analyst codes the
    figure, not "dozens")."""
    for event in extraction.events:
        if event.generic or event.acled_event_type not in VIOLENT_TYPES:
            continue
        for counted in ("killed", "injured"):
            index = getattr(event, counted)
            if index is None or not extraction.quantities[index].vague:
                continue
            better = next((n for n, q in enumerate(extraction.quantities)
                           if q.counted == counted and not q.vague and q.value is not None and _covers(event, q.span)
                           and not _CUMULATIVE.search(_sentence(text, q.span).text)), None)
            if better is not None:
                setattr(event, counted, better)
