"""Event clusters: one incident reported by several sentences, posts or documents.

Every reported event stays a member of its cluster with its own source; a cluster only records which
members were judged to be the same incident, with the score and the features of each merging link,
so the decision can be read, checked and undone.

Two members are linked automatically only when nothing speaks against it:
  * neither is generic (background and habitual statements are not incidents);
  * same event family (ACLED event type, or PLOVER type where ACLED has none);
  * same place: names equal or one contained in the other (a whole country is not enough), or —
    once events carry coordinates — within `max_km` of each other (the `locate` hook);
  * overlapping dates (an undated incident is taken to be of the day of its report or the day before,
    the usual reach of a news update);
  * compatible casualty counts (sources disagree, so only wildly different counts keep them apart);
  * no two different belligerent sides as the actor.
and then scored: the more agreeing features, the higher. Links at or above THRESHOLD merge, highest
score first.

Explicit corrections (merge / split decisions by stable member ids "document_id:event_index")
override the automatic decision. They are plain data: the caller keeps them (the store will persist
them) and passes them again on every run, so a human decision survives re-runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from warlog.reconcile.common import country_of, norm_place, places_match, published_day
from warlog.resolve.gazetteer import distance_km
from warlog.schema import Document, Event, Extraction, Quantity, Span

THRESHOLD = 0.7
# How far back an undated incident may lie from the date of its report.
UNDATED_REACH = timedelta(days=1)
WEIGHTS = {
    "family": 0.3,      # required
    "place": 0.3,       # required; 0.2 when one name only contains the other
    "date": 0.2,        # dates written in the text overlap; 0.1 when only report dates do
    "sub_event": 0.1,   # same ACLED sub-event type
    "side": 0.1,        # same belligerent side as actor
    "casualties": 0.1,  # the same killed/injured counts
    "same_post": 0.1,   # the same story, told in more than one sentence
}

Locate = Callable[[str], "tuple[float, float] | None"]
# Event types that happen at one place, where the place extraction resolved is the event's: a deployment ("sent
# from A to B") or an agreement names several, and is compared by all its place names instead.
_ONE_PLACE_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"}


@dataclass
class Casualty:
    """One member's casualty figure, attributed."""

    member_id: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    speaker: str | None
    span: Span


@dataclass
class CasualtyRange:
    """The range of a cluster's casualty figures over its members: never an average."""

    low: float | None = None
    high: float | None = None
    figures: list[Casualty] = field(default_factory=list)


@dataclass
class ClusterMember:
    """One reported event, as the clustering sees it; `member_id` is stable across runs."""

    member_id: str
    document_id: str
    event_index: int
    post_index: int | None
    family: str
    sub_event: str | None
    plover_type: str | None
    generic: bool
    places: list[str]
    place_text: str | None
    start: date | None
    end: date | None
    date_from: str  # "text", "report" or "unknown"
    side: str | None
    killed: Casualty | None
    injured: Casualty | None
    evidence: Span
    coordinates: tuple[float, float] | None = None
    precision: str | None = None  # of the resolved place: point, city, admin2, admin1, region, country
    admin1: str | None = None  # the province of the resolved place


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


def member_id(document_id: str, event_index: int) -> str:
    return f"{document_id}:{event_index}"


def _casualty(mid: str, extraction: Extraction, event: Event, index: int | None) -> Casualty | None:
    if index is None or not 0 <= index < len(extraction.quantities):
        return None
    quantity: Quantity = extraction.quantities[index]
    speaker = None
    if event.claim is not None and 0 <= event.claim < len(extraction.claims):
        speaker = extraction.claims[event.claim].speaker_text
    return Casualty(mid, quantity.value, quantity.low, quantity.high, quantity.qualifier, speaker, quantity.span)


def specific_places(event: Event) -> list[str]:
    """The event's place names, most specific first: a country only when nothing narrower is named."""
    names = [s.text for s in event.locations]
    narrower = [n for n in names if country_of(n) is None]
    return narrower or names


def make_member(document: Document, extraction: Extraction, index: int, locate: Locate | None = None) -> ClusterMember:
    """The clustering view of one event; undated incidents take the report's date window."""
    event = extraction.events[index]
    mid = member_id(document.id, index)
    places = specific_places(event)
    start = end = None
    date_from = "unknown"
    if event.time is not None and event.time.resolved and event.time.start is not None:
        start, end, date_from = event.time.start, event.time.end or event.time.start, "text"
    elif (published := published_day(document)) is not None:
        start, end, date_from = published - UNDATED_REACH, published, "report"
    coordinates = precision = admin1 = None
    resolved = extraction.places[event.place] if event.place is not None and 0 <= event.place < len(
        extraction.places) else None
    if resolved is not None and resolved.lat is not None and resolved.precision != "country" \
            and event.acled_event_type in _ONE_PLACE_TYPES:
        # where extraction resolved the event in its context: better than a name looked up alone
        coordinates, precision, admin1 = (resolved.lat, resolved.lon), resolved.precision, resolved.admin1
    elif locate is not None:
        coordinates = next((c for c in map(locate, places) if c is not None), None)
    actor = event.actor1.text if event.actor1 is not None else None
    return ClusterMember(
        member_id=mid, document_id=document.id, event_index=index, post_index=event.post_index,
        family=event.acled_event_type or event.plover_type, sub_event=event.acled_sub_event_type,
        plover_type=event.plover_type, generic=event.generic, places=[norm_place(p) for p in places],
        place_text=places[0] if places else None, start=start, end=end, date_from=date_from,
        side=country_of(actor), killed=_casualty(mid, extraction, event, event.killed),
        injured=_casualty(mid, extraction, event, event.injured), evidence=event.evidence, coordinates=coordinates,
        precision=precision, admin1=admin1,
    )


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points: the gazetteer's `distance_km`."""
    return distance_km(*a, *b)


def _figure(c: Casualty) -> tuple[float, float] | None:
    low = c.low if c.low is not None else c.value
    high = c.high if c.high is not None else c.value
    if low is None and high is None:
        return None
    return (low if low is not None else high, high if high is not None else low)


def casualties_compatible(a: Casualty | None, b: Casualty | None) -> bool:
    """Counts that two honest reports of one incident could give: sources routinely differ (first
    reports undercount), so only counts far apart (more than three times plus five) rule it out."""
    if a is None or b is None:
        return True
    fa, fb = _figure(a), _figure(b)
    if fa is None or fb is None:
        return True
    small, large = min(fa[1], fb[1]), max(fa[0], fb[0])
    return large <= 3 * small + 5


def score_pair(a: ClusterMember, b: ClusterMember, max_km: float = 25.0) -> tuple[float, dict[str, float]] | None:
    """The score and features of linking two members, or None when a feature rules it out."""
    if a.generic or b.generic or a.family != b.family:
        return None
    features: dict[str, float] = {"family": WEIGHTS["family"]}
    if "admin1" in (a.precision, b.precision) and a.coordinates is not None and b.coordinates is not None:
        # a province and a town in it (or the same province): one place, less precisely told
        if a.admin1 is None or a.admin1 != b.admin1:
            return None
        features["place"] = WEIGHTS["place"] - 0.1
    elif a.coordinates is not None and b.coordinates is not None:
        distance = haversine_km(a.coordinates, b.coordinates)
        if distance > max_km:
            return None
        features["place"] = WEIGHTS["place"]
        features["distance_km"] = round(distance, 1)
    else:
        pairs = [(p, q) for p in a.places for q in b.places if places_match(p, q) and country_of(p) is None]
        if not pairs:
            return None  # no common place, or only a whole country: too coarse to call it one incident
        exact = any(p == q for p, q in pairs)
        features["place"] = WEIGHTS["place"] if exact else WEIGHTS["place"] - 0.1
    if a.start is not None and b.start is not None:
        if a.start > (b.end or b.start) or b.start > (a.end or a.start):
            return None
        features["date"] = WEIGHTS["date"] if a.date_from == b.date_from == "text" else WEIGHTS["date"] / 2
    if a.side and b.side:
        if a.side != b.side:
            return None
        features["side"] = WEIGHTS["side"]
    for kind in ("killed", "injured"):
        if not casualties_compatible(getattr(a, kind), getattr(b, kind)):
            return None
    if a.sub_event and a.sub_event == b.sub_event:
        features["sub_event"] = WEIGHTS["sub_event"]
    same_counts = [
        _figure(x) == _figure(y) for x, y in ((a.killed, b.killed), (a.injured, b.injured))
        if x is not None and y is not None
    ]
    if same_counts and all(same_counts):
        features["casualties"] = WEIGHTS["casualties"]
    if a.document_id == b.document_id and a.post_index == b.post_index:
        features["same_post"] = WEIGHTS["same_post"]
    score = round(sum(v for k, v in features.items() if k != "distance_km"), 3)
    return score, features


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
    bounds = [f for f in map(_figure, figures) if f is not None]
    if not bounds:
        return CasualtyRange(figures=figures)
    return CasualtyRange(min(b[0] for b in bounds), max(b[1] for b in bounds), figures)


def _comparable_pairs(members: list[ClusterMember]) -> list[tuple[int, int]]:
    """Index pairs (i < j) that `score_pair` could link: a superset of its non-None answers, found by blocking.

    Comparing every pair was quadratic (50 million `score_pair` calls at 10,000 events). `score_pair`
    refuses generic events and different families outright, and without coordinates on both sides it
    needs two place names of which one is contained word-wise in the other, so the two share a word.
    Pairs are therefore looked for only inside a family, among members sharing a place word, plus every
    pair of members that both have coordinates (their test is distance, not names).
    """
    by_family: dict[object, list[int]] = {}
    for n, member in enumerate(members):
        if not member.generic:
            by_family.setdefault(member.family, []).append(n)
    pairs: set[tuple[int, int]] = set()
    for indices in by_family.values():
        pairs.update(_dates_overlap([n for n in indices if members[n].coordinates is not None], members))
        by_word: dict[str, list[int]] = {}
        for n in indices:
            for word in {w for place in members[n].places for w in place.split()}:
                by_word.setdefault(word, []).append(n)
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
    corrections: list[Correction] | None = None,
    *,
    locate: Locate | None = None,
    max_km: float = 25.0,
    threshold: float = THRESHOLD,
) -> list[EventCluster]:
    """Group the events of all documents into incidents; every event is in exactly one cluster.

    Explicit merges are applied first, unconditionally; then automatic links in descending score,
    each refused when it would put two members an explicit split keeps apart into one cluster.
    `locate` maps a place name to (lat, lon) once a gazetteer is available; with coordinates on both
    sides the place test becomes "within max_km".
    """
    corrections = [c if isinstance(c, Correction) else Correction(**c) for c in (corrections or [])]
    members = [
        make_member(document, extraction, index, locate)
        for document, extraction in items for index in range(len(extraction.events))
    ]
    by_id = {m.member_id: m for m in members}
    groups = _Groups(list(by_id))
    links: list[Link] = []
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
    for i, j in _comparable_pairs(members):
        a, b = members[i], members[j]
        if (a.member_id in touched or b.member_id in touched) and _decision(
            corrections, a.member_id, b.member_id
        ) is not None:
            continue
        scored = score_pair(a, b, max_km)
        if scored is not None and scored[0] >= threshold:
            candidates.append((scored[0], a.member_id, b.member_id, scored[1]))
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
        group = [by_id[i] for i in ids]
        group_links = links_of.get(root, [])
        starts = [m.start for m in group if m.start is not None]
        ends = [m.end or m.start for m in group if m.start is not None]
        places = list(dict.fromkeys(m.place_text for m in group if m.place_text))
        clusters.append(EventCluster(
            cluster_id=f"cluster:{min(ids)}", members=group, links=group_links, family=group[0].family,
            places=places, start=min(starts) if starts else None, end=max(ends) if ends else None,
            killed=_range([m.killed for m in group if m.killed is not None]),
            injured=_range([m.injured for m in group if m.injured is not None]),
            generic=all(m.generic for m in group),
        ))
    clusters.sort(key=lambda c: order[c.members[0].member_id])
    return clusters


def cluster_of(clusters: list[EventCluster]) -> dict[str, EventCluster]:
    """Member id -> its cluster."""
    return {m.member_id: c for c in clusters for m in c.members}
