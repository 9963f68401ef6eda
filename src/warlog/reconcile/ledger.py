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

How: the part of this that one document decides (every rule above but the country of a place named without one,
what a part inherits of it, the place taken from neighbouring figures and the incident cluster) is that document's
`ledger_document.FigureDraft`s. The store keeps them per document, derived when the document is stored
(`ledger_index`), and `assemble` completes and groups them, so the ledger of a large store costs one pass over
its figure rows; `build_ledger` derives them from extractions in memory and assembles them the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from warlog.reconcile.common import norm_place as _norm_place
from warlog.reconcile.dedup import Correction, EventCluster, cluster_events, member_id
from warlog.reconcile.ledger_document import (
    CASUALTY_COUNTED,
    PLACE_NAMED,
    SKIP_COUNTED,
    DocumentFigures,
    FigureDraft,
    document_figures,
    normalise_counted,
)
from warlog.reconcile.ledger_relevance import is_conflict_figure
from warlog.schema import Document, Extraction, Span

__all__ = ["CASUALTY_COUNTED", "SKIP_COUNTED", "IncidentView", "LedgerEntry", "LedgerFigure", "Move", "ValueRange",
           "assemble", "build_ledger", "incident_views", "normalise_counted", "sources_disagree", "value_range"]

Container = Callable[[str], "str | None"]
# Assembling a large store's ledger asks this a few times per figure about a few thousand distinct names: most of
# the assembly's time before it was cached.
norm_place = lru_cache(maxsize=65536)(_norm_place)


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


@dataclass(frozen=True)
class IncidentView:
    """What a casualty entry shows of the incident a report's event is in: the cluster, the report's own type
    (sub-event type, else family), and the cluster's first place and its dates (ISO)."""

    cluster_id: str
    label: str | None
    place: str | None
    start: str | None
    end: str | None


def incident_views(clusters: Iterable[EventCluster]) -> dict[str, IncidentView]:
    """Member id -> what the ledger shows of its incident, from clusters as `dedup` gives them."""
    views = {}
    for cluster in clusters:
        place = cluster.places[0] if cluster.places else None
        start = cluster.start.isoformat() if cluster.start else None
        end = cluster.end.isoformat() if cluster.end else None
        for member in reversed(cluster.members):  # a member listed twice is shown as it is first
            views[member.member_id] = IncidentView(cluster.cluster_id, member.sub_event or member.family, place,
                                                   start, end)
    return views


@dataclass
class _Placed:
    """A draft being completed: the document it is of, that document's rank, and what other documents tell."""

    draft: FigureDraft
    document_id: str
    order: int
    grouping: dict[str, str]
    place_country: str | None = None
    scope: str | None = None


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
    about the same incident. Each document's figures are derived here; the store keeps them instead
    (`reconcile.stored.stored_ledger`).
    """
    items = list(items)
    clusters = clusters if clusters is not None else cluster_events(items, corrections)
    documents = [document_figures(d.id, d.text, d.published, x) for d, x in items]
    return assemble(documents, incident_views(clusters), container=container)


def assemble(documents: Sequence[DocumentFigures], incidents: Mapping[str, IncidentView], *,
             container: Container | None = None) -> list[LedgerEntry]:
    """The ledger of documents' figures (documents in reading order, each one's figures in quantity order).

    `incidents` gives, by member id, the incident of each event a casualty count is of; `container` the country
    of a place (by default, what the texts say: "Russia's Kursk region").
    """
    if container is None:
        learned: dict[str, str] = {}
        for document in documents:  # the first text to say it wins, as `learned_containers` over them all
            for place, country in document.containers:
                learned.setdefault(place, country)
        container = lambda name: learned.get(norm_place(name))  # noqa: E731 - the default hook
    placed: list[_Placed] = []
    for order, document in enumerate(documents):
        items = [_Placed(d, document.document_id, order, dict(d.grouping)) for d in document.figures]
        _place_in_country(items, container)
        _place_from_neighbours(items)
        placed += items

    entries: dict[str, LedgerEntry] = {}
    for item in sorted(placed, key=lambda i: (i.order, i.draft.quantity_span.start)):
        draft = item.draft
        unit = draft.unit if draft.unit not in (None, "persons") else None
        if draft.counted in CASUALTY_COUNTED and draft.incident is not None:
            view = incidents.get(member_id(item.document_id, draft.incident))
            label = (view.label or "incident") if view is not None else ""  # a view of no type: "the incident"
            place = view.place if view is not None else None
            start, end = (view.start, view.end) if view is not None else (None, None)
            key = "|".join([draft.counted, label.lower(), norm_place(place), start or ""])
            scope = draft.breakdown
            item.grouping["incident"] = view.cluster_id if view else ""
            entry = entries.get(key) or LedgerEntry(
                key=key, label=f"{draft.counted} in the {label.lower()} at {place or 'unknown place'}",
                counted=draft.counted, subject=label, place=place, unit=unit, kind="casualties", figures=[],
                range=ValueRange(), scopes={}, timeline=[], cluster_id=view.cluster_id if view else None,
                period=(start, end),
            )
        else:
            place = item.place_country or (draft.place if draft.place else None)
            scope = item.scope
            if scope is None and draft.place and item.place_country and norm_place(draft.place) != norm_place(
                    item.place_country):
                scope = draft.place
            act = getattr(draft, "act", None)  # prisoners offered and prisoners taken are two things
            key = "|".join([draft.counted, (draft.subject or "").lower(), norm_place(place)] + ([unit] if unit else [])
                           + ([act] if act else []))
            entry = entries.get(key) or LedgerEntry(
                key=key, label=" ".join(filter(None, [draft.subject, draft.counted, act,
                                                      f"in {place}" if place else None])),
                counted=draft.counted, subject=draft.subject, place=place, unit=unit, kind="count", figures=[],
                range=ValueRange(), scopes={}, timeline=[],
            )
        entries[key] = entry
        entry.figures.append(_figure(item, scope))

    doc_order = {document.document_id: n for n, document in enumerate(documents)}
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


def _place_in_country(items: list[_Placed], container: Container) -> None:
    """The country of each figure's place (the place itself, its possessor, else `container`), then what a part of
    a figure takes of it: its country when its own place has none, its place as its scope, the whole's country
    when it names no place. `items` are one document's, in quantity order."""
    for item in items:
        draft = item.draft
        if draft.place is not None:
            item.place_country = draft.named_country or draft.possessor or container(draft.place)
            item.grouping["place"] = PLACE_NAMED + (
                f", in {item.place_country}" if item.place_country and not draft.named_country else "")
    by_index = {item.draft.index: item for item in items}
    for item in items:
        draft = item.draft
        parent = by_index.get(draft.part_of) if draft.part_of is not None else None
        if parent is None:
            continue
        if draft.place is not None and item.place_country != parent.place_country and item.place_country is None:
            item.place_country = parent.place_country
        if draft.place is not None and norm_place(draft.place) != norm_place(parent.place_country):
            item.scope = draft.place
        if draft.place is None:
            item.place_country = parent.place_country
            item.grouping["place"] = "part of another figure"


def _place_from_neighbours(items: list[_Placed]) -> None:
    """A figure without a place takes the place of the nearest figure of the same counted and subject,
    in its post first, then in its document. `items` are one document's."""
    for item in items:
        draft = item.draft
        if item.place_country is not None or draft.place is not None or draft.incident is not None:
            continue
        same = [
            o for o in items if o is not item and o.draft.counted == draft.counted
            and o.draft.subject == draft.subject and o.draft.subject is not None and o.place_country is not None
        ]
        for scope_name, pool in (("post", [o for o in same if o.draft.post_index == draft.post_index]),
                                 ("document", same)):
            if pool:
                nearest = min(pool, key=lambda o: abs(o.draft.quantity_span.start - draft.quantity_span.start))
                item.place_country = nearest.place_country
                item.grouping["place"] = f"no place named; that of the nearest such figure in its {scope_name}"
                break


def _figure(item: _Placed, scope: str | None) -> LedgerFigure:
    d = item.draft
    parties = sorted({*d.parties, item.place_country} - {None, ""})
    side = None
    if d.speaker_country is not None:
        side = "belligerent" if d.speaker_country in parties else "third party"
    return LedgerFigure(
        display=d.display, value=d.value, low=d.low, high=d.high, qualifier=d.qualifier, unit=d.quantity_unit,
        counted_text=d.counted_text, vague=d.vague, scope=scope, place=d.place, speaker=d.speaker,
        speaker_label=d.speaker_label, role=d.role, affiliation=d.affiliation, speaker_country=d.speaker_country,
        side=side, parties=parties, stance=d.stance, claim_date=d.claim_date, date_from=d.date_from,
        document_id=item.document_id, post_index=d.post_index, quantity_index=d.index, claim_index=d.claim_index,
        event_index=d.incident, part_of=d.part_of, quantity_span=d.quantity_span, content_span=d.content_span,
        speaker_span=d.speaker_span, grouping=item.grouping,
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
