"""Event clusters: one incident reported by several sentences, posts or documents.

Every reported event stays a member of its cluster with its own source; a cluster only records which
members were judged to be the same incident, with the score and the features of each merging link,
so the decision can be read, checked and undone.

Whether two members are one incident is `warlog.coreference`'s decision, the same one that folds restatements
inside a document: contradictions (another family, places or dates apart, doers of two sides, tolls no honest
report could give) keep them apart, agreements add up to a score, and links at or above its THRESHOLD merge, highest
score first. Across documents the pairs put to it are blocked: members of one family that share a place word or a
distinctive toll or both have coordinates, whose date windows overlap.

Explicit corrections (merge / split decisions by stable member ids "document_id:event_index")
override the automatic decision. They are plain data: the caller keeps them (the store will persist
them) and passes them again on every run, so a human decision survives re-runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from warlog import coreference
from warlog.reconcile.common import published_day
from warlog.schema import Document, Extraction

T = TypeVar("T", date, str)  # a day, or a day written in ISO form

# Across documents a pair is put to the scorer only where the two events' places can be compared and agree: a store
# holds thousands of unplaced sentences of every day, and a shared date and type is not a shared incident.
_PLACE_FEATURES = {"place", "place_partial", "place_province"}
# ...unless both give the same toll of at least this many on dates written in both texts that overlap: two reports of
# "more than 100 soldiers killed in an attack on June 11" of which neither names a place the gazetteer knows. A toll
# this large, told the same by both, on the same day, is the agreement a shared place would otherwise give.
DISTINCTIVE_TOLL = 5


def toll_keys(member: ClusterMember) -> set[str]:
    """Blocking keys of a member's distinctive tolls ("killed:100"): members sharing one are compared whatever their
    places (see `DISTINCTIVE_TOLL`)."""
    keys = set()
    for name, figure in (("killed", member.killed), ("injured", member.injured)):
        bounds = figure.bounds if figure is not None else None
        if bounds is not None and bounds[0] >= DISTINCTIVE_TOLL:
            keys.add(f"{name}:{bounds[0]:g}:{bounds[1]:g}")
    return keys


def _same_distinctive_toll(a: ClusterMember, b: ClusterMember, features: dict[str, float]) -> bool:
    return "date" in features and "casualties" in features and bool(toll_keys(a) & toll_keys(b))
Locate = coreference.Locate
ClusterMember = coreference.IncidentMention
Casualty = coreference.Casualty


@dataclass
class CasualtyRange:
    """The range of a cluster's casualty figures over its members: never an average."""

    low: float | None = None
    high: float | None = None
    figures: list[Casualty] = field(default_factory=list)


@dataclass
class Link:
    """Why two members are in one cluster: an automatic judgement or an explicit correction."""

    a: str
    b: str
    score: float
    features: dict[str, float]
    source: str = "auto"  # "auto" or "correction"


@dataclass
class Correction:
    """An explicit decision that overrides the automatic one.

    `action` "merge": the members are one incident. "split": they are not — with one member, it is
    taken out of whatever cluster it would join; with several, no two of them share a cluster.
    Later corrections win over earlier ones for the pairs they both cover.
    """

    action: str
    members: list[str]
    reason: str = ""

    def covers(self, a: str, b: str) -> bool:
        if self.action == "split" and len(self.members) == 1:
            return self.members[0] in (a, b)
        return a in self.members and b in self.members


@dataclass
class EventCluster:
    """One incident: all members kept, with the links that merged them and casualty ranges."""

    cluster_id: str
    members: list[ClusterMember]
    links: list[Link]
    family: str
    places: list[str]
    start: date | None
    end: date | None
    killed: CasualtyRange
    injured: CasualtyRange
    generic: bool = False

    @property
    def member_ids(self) -> list[str]:
        return [m.member_id for m in self.members]


member_id = coreference.member_id


def make_member(document: Document, extraction: Extraction, index: int, locate: Locate | None = None) -> ClusterMember:
    """The coreference view of one stored event; an undated incident takes its report's date window."""
    return stored_member(document.id, published_day(document), extraction, index, locate)


def stored_member(document_id: str, published: date | None, extraction: Extraction, index: int,
                  locate: Locate | None = None) -> ClusterMember:
    """`make_member` for a document known by its id and publication day (as the store's incident index has it)."""
    return coreference.mention_of(
        extraction.events[index], document_id=document_id, index=index, quantities=extraction.quantities,
        claims=extraction.claims, places=extraction.places, published=published, locate=locate)


def score_pair(
    a: ClusterMember, b: ClusterMember, max_km: float = coreference.MAX_KM
) -> tuple[float, dict[str, float]] | None:
    """The score and features of linking two members, or None when something tells them apart or their places
    cannot be compared (across documents only events with a common place, or the same distinctive toll on the same
    written day, or the same ship or named target, are candidates: see _PLACE_FEATURES)."""
    features = coreference.compare(a, b, max_km)
    if features is None or not (_PLACE_FEATURES & features.keys() or _same_distinctive_toll(a, b, features)
                                or "target" in features):
        return None
    return coreference.score(features), features


def _decision(corrections: list[Correction], a: str, b: str) -> str | None:
    for correction in reversed(corrections):
        if correction.covers(a, b):
            return correction.action
    return None


class _Groups:
    """Union-find over member ids that refuses a union joining a pair an explicit split keeps apart."""

    def __init__(self, ids: list[str]) -> None:
        self.parent = {i: i for i in ids}
        self.groups = {i: [i] for i in ids}

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: str, b: str, corrections: list[Correction], force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if not force and any(c.action == "split" for c in corrections) and any(
            _decision(corrections, x, y) == "split" for x in self.groups[ra] for y in self.groups[rb]
        ):
            return False
        self.parent[rb] = ra
        self.groups[ra] += self.groups.pop(rb)
        return True


def _range(figures: list[Casualty]) -> CasualtyRange:
    bounds = [f.bounds for f in figures if f.bounds is not None]
    if not bounds:
        return CasualtyRange(figures=figures)
    return CasualtyRange(min(b[0] for b in bounds), max(b[1] for b in bounds), figures)


def _comparable_pairs(members: list[ClusterMember]) -> list[tuple[int, int]]:
    """Index pairs (i < j) that `score_pair` could link: a superset of its non-None answers, found by blocking.

    Comparing every pair was quadratic (50 million `score_pair` calls at 10,000 events). `score_pair`
    refuses generic events and different families outright, and without coordinates on both sides it
    needs two place names of which one is contained word-wise in the other, so the two share a word.
    Pairs are therefore looked for only inside a family, among members sharing a place word or a distinctive toll,
    plus every pair of members that both have coordinates (their test is distance, not names).
    """
    by_family: dict[object, list[int]] = {}
    for n, member in enumerate(members):
        if not member.generic and member.family is not None:
            by_family.setdefault(member.family, []).append(n)
    pairs: set[tuple[int, int]] = set()
    for indices in by_family.values():
        pairs.update(_dates_overlap([n for n in indices if members[n].coordinates is not None], members))
        by_word: dict[str, list[int]] = {}
        for n in indices:
            for word in {w for place in members[n].places for w in place.split()}:
                by_word.setdefault(word, []).append(n)
            for key in toll_keys(members[n]):
                by_word.setdefault(f"toll {key}", []).append(n)
        for sharing in by_word.values():
            pairs.update(_dates_overlap(sharing, members))
    return sorted(pairs)


def _dates_overlap(indices: list[int], members: list[ClusterMember]) -> list[tuple[int, int]]:
    """The pairs (i < j) among `indices` whose dates can overlap, the other test `score_pair` makes first.

    A store reports one town (and one family) many times over the months; pairing all of them was still
    quadratic. Dated members are swept in order of their start: one is paired with those still running
    when it starts. An undated member is paired with every other, as `score_pair` does not refuse it."""
    undated = [n for n in indices if members[n].start is None]
    dated = sorted((n for n in indices if members[n].start is not None), key=lambda n: members[n].start)
    found = [(min(a, b), max(a, b)) for k, a in enumerate(undated) for b in undated[k + 1:] + dated]
    running: list[int] = []
    for n in dated:
        start = members[n].start
        running = [m for m in running if (members[m].end or members[m].start) >= start]
        found.extend((min(m, n), max(m, n)) for m in running)
        running.append(n)
    return found


def cluster_events(
    items: Iterable[tuple[Document, Extraction]],
    corrections: list[Correction] | list[dict] | None = None,
    *,
    locate: Locate | None = None,
    max_km: float = coreference.MAX_KM,
    threshold: float | None = None,
) -> list[EventCluster]:
    """Group the events of all documents into incidents; every event is in exactly one cluster.

    Explicit merges are applied first, unconditionally; then automatic links in descending score,
    each refused when it would put two members an explicit split keeps apart into one cluster.
    `locate` maps a place name to (lat, lon) once a gazetteer is available; with coordinates on both
    sides the place test becomes "within max_km".
    """
    members = [
        make_member(document, extraction, index, locate)
        for document, extraction in items for index in range(len(extraction.events))
    ]
    return cluster_members(members, corrections, max_km=max_km, threshold=threshold)


def cluster_members(
    members: list[ClusterMember],
    corrections: list[Correction] | None = None,
    *,
    max_km: float = coreference.MAX_KM,
    threshold: float | None = None,
    links: list[Link] | None = None,
) -> list[EventCluster]:
    """Group members (in their reading order) into incidents, as `cluster_events` does; `links`, when given, are
    the automatic links already found (the store's incident index keeps them), so no pair is scored again."""
    corrections = [c if isinstance(c, Correction) else Correction(**c) for c in (corrections or [])]
    known_links, links = links, []
    by_id = {m.member_id: m for m in members}
    groups = _Groups(list(by_id))
    for correction in corrections:
        if correction.action != "merge":
            continue
        present = [m for m in correction.members if m in by_id]
        for other in present[1:]:
            if _decision(corrections, present[0], other) == "merge" and groups.union(
                present[0], other, corrections, force=True
            ):
                links.append(Link(present[0], other, 1.0, {"correction": 1.0}, "correction"))
    touched = {m for c in corrections for m in c.members}
    candidates = []
    if known_links is not None:
        candidates = [(k.score, k.a, k.b, k.features) for k in known_links
                      if k.source == "auto" and k.a in by_id and k.b in by_id]
    else:
        for i, j in _comparable_pairs(members):
            a, b = members[i], members[j]
            scored = score_pair(a, b, max_km)
            if scored is not None and scored[0] >= (coreference.THRESHOLD if threshold is None else threshold):
                candidates.append((scored[0], a.member_id, b.member_id, scored[1]))
    candidates = [c for c in candidates if not ((c[1] in touched or c[2] in touched)
                                                and _decision(corrections, c[1], c[2]) is not None)]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    for score, a_id, b_id, features in candidates:
        if groups.union(a_id, b_id, corrections):
            links.append(Link(a_id, b_id, score, features))
    order = {m.member_id: n for n, m in enumerate(members)}
    links_of: dict[str, list[Link]] = {}  # by the root of the group holding the link, in link order
    for link in links:
        links_of.setdefault(groups.find(link.a), []).append(link)
    clusters = []
    for root, ids in groups.groups.items():
        ids = sorted(ids, key=order.__getitem__)
        clusters.append(build_cluster([by_id[i] for i in ids], links_of.get(root, [])))
    clusters.sort(key=lambda c: order[c.members[0].member_id])
    return clusters


def build_cluster(members: list[ClusterMember], links: list[Link]) -> EventCluster:
    """One incident of `members` (in reading order) and the links that joined them."""
    start, end = date_range((m.start, m.end) for m in members)
    return EventCluster(
        cluster_id=cluster_id(m.member_id for m in members), members=members, links=links,
        family=members[0].event_type or members[0].family or "", places=list(dict.fromkeys(
            m.place_text for m in members if m.place_text)),
        start=start, end=end,
        killed=_range([m.killed for m in members if m.killed is not None]),
        injured=_range([m.injured for m in members if m.injured is not None]),
        generic=all(m.generic for m in members),
    )


def date_range(dates: Iterable[tuple[T | None, T | None]]) -> tuple[T | None, T | None]:
    """An incident's dates from its members' (start, end): the earliest start and the latest end (a member's start
    where it has no end), over the members that have a start. Days or ISO days, which compare alike."""
    dated = [(start, end or start) for start, end in dates if start is not None]
    return min((s for s, _ in dated), default=None), max((e for _, e in dated), default=None)


def cluster_id(member_ids: Iterable[str]) -> str:
    """An incident's id: that of its first member in id order, so it is the same however it was assembled."""
    return f"cluster:{min(member_ids)}"


def cluster_of(clusters: list[EventCluster]) -> dict[str, EventCluster]:
    """Member id -> its cluster."""
    return {m.member_id: c for c in clusters for m in c.members}
