"""Incremental reconciliation: the store keeps its incidents, and a new document costs only its candidates.

Clustering every stored event again on every read was a pass over the whole store (tens of seconds at 100,000
events). Instead, when a document is stored, in the same transaction:

1. each of its events becomes a member (`incident_members`: its coreference view as JSON, in an incident of its
   own), and each linkable one (not generic, of a family) gets blocking keys (`incident_keys`): the place cell of
   each town it is placed in, its province, the words of its place names, with its date window;
2. its candidates are the members sharing a key whose date window overlaps its own — one indexed query — and
   each pair is put to `warlog.coreference` as `dedup.score_pair` puts it (the pairs are those `dedup`'s
   blocking finds, so the incidents are the ones `dedup.cluster_events` would give over the same documents);
3. linked incidents are joined (the smaller id is kept: an incident's id is its first member's), each link kept
   with its score and features (`incident_links`), and the joined incidents' rows in `incidents` — what a list of
   incidents shows — are rewritten.

An analyst's correction (merge, split, undo) and a re-extraction re-cluster only the incidents they touch, from
their members' stored views and links (`recluster`). Documents stored before the index existed are indexed
the first time it is read (`ensure_indexed`).
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, Subquery, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.engine import Connection

from warlog import coreference
from warlog.reconcile.common import day
from warlog.reconcile.dedup import (
    ClusterMember,
    Correction,
    EventCluster,
    Link,
    _decision,
    build_cluster,
    cluster_id,
    cluster_members,
    score_pair,
    stored_member,
    toll_keys,
)
from warlog.schema import PRECISIONS, Extraction
from warlog.store import tables

# Place cells are CELL_DEG degrees of latitude and longitude; a town's candidates are looked for in every cell
# that a circle of MAX_KM around it touches.
CELL_DEG = 0.5
_KM_PER_DEGREE = 110.57
_WORD_KEY = 100  # a place-name word longer than this is keyed by its beginning (more candidates, none lost)
_COLUMNS = round(360 / CELL_DEG)  # cells round the globe: column numbers wrap at the antimeridian
_MAX_COLUMNS = 12  # a circle wider than this many cells (within a few degrees of a pole) looks up whole bands
_POLAR_LAT = 85.0  # points this close to a pole are also stored under their band


def _column(lon: float) -> int:
    return math.floor(lon / CELL_DEG) % _COLUMNS


def _cells(lat: float, lon: float, max_km: float) -> list[str]:
    """The place cells a circle of `max_km` around (lat, lon) touches (near a pole, the bands it touches)."""
    dlat = max_km / _KM_PER_DEGREE
    dlon = min(180.0, max_km / (_KM_PER_DEGREE * max(math.cos(math.radians(min(abs(lat) + dlat, 89.9))), 1e-3)))
    rows = range(math.floor((lat - dlat) / CELL_DEG), math.floor((lat + dlat) / CELL_DEG) + 1)
    first, last = math.floor((lon - dlon) / CELL_DEG), math.floor((lon + dlon) / CELL_DEG)
    if last - first + 1 > _MAX_COLUMNS:
        return [f"b:{r}" for r in rows]
    return [f"c:{r}:{c % _COLUMNS}" for r in rows for c in range(first, last + 1)]


def _own_cells(lat: float, lon: float) -> list[str]:
    row = math.floor(lat / CELL_DEG)
    return [f"c:{row}:{_column(lon)}", *([f"b:{row}"] if abs(lat) >= _POLAR_LAT else [])]


def _places_of(member: ClusterMember) -> list[tuple[str | None, float | None, float | None, str | None, str | None]]:
    """(precision, lat, lon, country, province) of the member's place and of every place its names resolved to."""
    found = []
    if member.coordinates is not None:
        found.append((member.precision, *member.coordinates, member.country_code, member.admin1))
    found.extend((p.precision, p.lat, p.lon, p.country_code, p.admin1) for p in member.named
                 if p.precision != "country")
    return found


def blocking_keys(member: ClusterMember, max_km: float = coreference.MAX_KM) -> tuple[set[str], set[str]]:
    """The keys a member is stored under, and the keys its candidates are looked up by. A town is stored under its
    cell and as a town of its province ("t:"); a province under "p:". A town looks up the cells around it and its
    province; a province looks up towns and provinces of itself. Place-name words count only where a member has
    no coordinates (two located members are compared by distance, never by name): a located member is stored
    under its words as "w:" and looks up unlocated ones ("u:"); an unlocated one is stored as "u:" and looks up
    both. A distinctive toll ("k:killed:100:100") is stored and looked up by every member that gives one, and so is a
    target that tells one incident ("g:carrier": a ship attacked at sea has no town)."""
    words = {word[:_WORD_KEY] for place in member.places for word in place.split()}
    if member.coordinates is not None:
        own, lookup = {f"w:{w}" for w in words}, {f"u:{w}" for w in words}
    else:
        own, lookup = {f"u:{w}" for w in words}, {f"{kind}:{w}" for w in words for kind in "uw"}
    tolls = {f"k:{key}" for key in toll_keys(member)}  # the same distinctive toll, wherever placed
    target = {f"g:{member.target}"} if member.target else set()  # the same ship, wherever at sea
    own |= tolls | target
    lookup |= tolls | target
    for precision, lat, lon, country, province in _places_of(member):
        region = f"{country or ''}:{province}" if province else None
        if precision == "admin1":
            if region:
                own.add(f"p:{region}")
                lookup.update({f"p:{region}", f"t:{region}"})
            continue
        if lat is None or lon is None or not (-90 <= lat <= 90 and -360 <= lon <= 360):
            continue  # not a point on Earth (nor one a wrap of the longitude makes one): compared by name alone
        own.update(_own_cells(lat, lon))
        lookup.update(_cells(lat, lon, max_km))
        if region:
            own.add(f"t:{region}")
            lookup.add(f"p:{region}")
    return own, lookup


def _linkable(member: ClusterMember) -> bool:
    return not member.generic and member.family is not None


def _in_chunks(connection: Connection, columns: list, key, values: Iterable[str]) -> list:
    """Rows of `columns` whose `key` is one of `values`, asked 500 values at a time (a bound on parameters)."""
    wanted = sorted(set(values))
    return [row for start in range(0, len(wanted), 500)
            for row in connection.execute(select(*columns).where(key.in_(wanted[start:start + 500])))]


def _incident_of(connection: Connection, member_ids: Iterable[str]) -> dict[str, str]:
    members = tables.incident_members
    return dict(_in_chunks(connection, [members.c.member_id, members.c.incident_id], members.c.member_id, member_ids))


def _members_of(connection: Connection, incident_ids: Iterable[str]) -> list[str]:
    members = tables.incident_members
    query = select(members.c.member_id).where(members.c.incident_id.in_(sorted(set(incident_ids))))
    return [m for (m,) in connection.execute(query)]


def _split_forbids(connection: Connection, corrections: list[Correction], first: str, second: str,
                   joined: dict[str, str]) -> bool:
    """Whether an analyst's split keeps some member of incident `first` apart from one of `second` (each with the
    incidents already `joined` into it in this run)."""
    if not any(c.action == "split" for c in corrections):
        return False

    def group(root: str) -> list[str]:
        def find(x: str) -> str:
            while joined.get(x, x) != x:
                x = joined[x]
            return x
        return [i for i in {root, *joined} if find(i) == root]

    left, right = _members_of(connection, group(first)), _members_of(connection, group(second))
    return any(_decision(corrections, a, b) == "split" for a in left for b in right)


def _stored_candidates(connection: Connection, members: list[ClusterMember], lookups: dict[str, set[str]],
                       read: dict[str, tuple[str, str]] | None = None) -> dict[str, list[str]]:
    """For each new member, the stored members sharing a key and a date window with it: one query for the whole
    document, a branch per member (its family, its keys, its dates), so only candidates come back.

    A dated branch is asked as two terms, the rows with a start up to the member's last day and the rows with no
    start: together the same rows as "no start or a start up to the last day", but each a range of the keys' index
    (family, key, start, …), where the "IS NULL OR" kept SQLite from bounding the scan by the date and every row of
    the key was read (10,000 rows of one province at 100,000 events).

    With `read`, each candidate's incident and stored view (JSON) are put in it by id, read in the same query: reading
    them in a second query, by a list of a few hundred ids, was a second pass over the same candidates."""
    by_id = {m.member_id: m for m in members}
    branches = []  # (member id, its bound values, whether it is dated)
    for member_id, lookup in lookups.items():
        member = by_id[member_id]
        values = {"family": member.family, "keys": sorted(lookup)}
        if member.start is not None:
            values.update(start=member.start, last=member.end or member.start)
        branches.append((member_id, values, member.start is not None))
    found: dict[str, set[str]] = {m: set() for m in lookups}
    for start in range(0, len(branches), 50):
        chunk = branches[start:start + 50]
        query = _candidates_query(tuple(dated for _, _, dated in chunk), read is not None)
        parameters = {f"{name}{n}": value for n, (_, values, _) in enumerate(chunk) for name, value in values.items()}
        for row in connection.execute(query, parameters):
            for n, (member_id, _, _) in enumerate(chunk):
                if row[n + 1] and row[0] != member_id:
                    found[member_id].add(row[0])
            if read is not None:
                read[row[0]] = (row[-2], row[-1])
    return {m: sorted(others) for m, others in found.items()}


# `_candidates_query`'s statements by shape (which branches are dated, whether views are read), made once each.
_CANDIDATE_QUERIES: dict[tuple[tuple[bool, ...], bool], Select] = {}
_CANDIDATE_QUERIES_MAX = 1_000


def _candidates_query(dated: tuple[bool, ...], read: bool) -> Select:
    """The query of `_stored_candidates` for branches of these kinds, each branch's values bound by name (family{n},
    keys{n}: an expanding IN list, start{n} and last{n} for a dated one). The statement depends only on which branches
    are dated, so it is built once per shape: building its clauses anew for every document, member by member, was
    most of the cost of finding a new document's candidates."""
    found = _CANDIDATE_QUERIES.get((dated, read))
    if found is not None:
        return found
    keys = tables.incident_keys
    conditions, terms = [], []
    for n, is_dated in enumerate(dated):
        same = and_(keys.c.family == bindparam(f"family{n}"), keys.c.key.in_(bindparam(f"keys{n}", expanding=True)))
        if not is_dated:
            conditions.append(same)
            terms.append(same)
            continue
        last = bindparam(f"last{n}")
        ends = or_(keys.c.end.is_(None), keys.c.end >= bindparam(f"start{n}"))
        conditions.append(and_(same, or_(keys.c.start.is_(None), keys.c.start <= last), ends))
        terms += [and_(same, keys.c.start <= last, ends), and_(same, keys.c.start.is_(None), ends)]
    query = select(keys.c.member_id, *(condition.label(f"b{n}") for n, condition in enumerate(conditions))) \
        .where(or_(*terms)).distinct()
    if read:
        matched, stored = query.subquery(), tables.incident_members
        query = select(matched, stored.c.incident_id, stored.c.mention) \
            .join(stored, stored.c.member_id == matched.c.member_id)
    if len(_CANDIDATE_QUERIES) >= _CANDIDATE_QUERIES_MAX:
        _CANDIDATE_QUERIES.clear()  # a long run's memory stays bounded
    _CANDIDATE_QUERIES[(dated, read)] = query
    return query


# Stored mentions read back, by their JSON: a document's candidates are mostly the last documents' members again,
# and reading JSON into objects was a third of the cost of indexing a document.
_PARSED: OrderedDict[str, ClusterMember] = OrderedDict()
_PARSED_MAX = 50_000


def _parsed(text: str) -> ClusterMember:
    found = _PARSED.get(text)
    if found is None:
        found = _PARSED[text] = coreference.from_json(text)
        if len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(text)
    return found


def _mentions(connection: Connection, member_ids: Iterable[str]) -> dict[str, tuple[str, ClusterMember]]:
    """Stored members by id: (incident id, mention)."""
    stored = tables.incident_members
    rows = _in_chunks(connection, [stored.c.member_id, stored.c.incident_id, stored.c.mention], stored.c.member_id,
                      member_ids)
    return {m: (incident, _parsed(text)) for m, incident, text in rows}


def index_document(connection: Connection, document_id: str, published: date | datetime | None,
                   extraction: Extraction, corrections: list[Correction], max_km: float = coreference.MAX_KM) -> None:
    """Put a stored document's events into the incident index (in the caller's transaction); `published` is the
    document's date (an undated event is of its report's day or the day before, as `dedup.make_member` has it)."""
    members = [stored_member(document_id, day(published), extraction, n) for n in range(len(extraction.events))]
    if members:
        connection.execute(tables.incident_members.insert(), [
            {"member_id": m.member_id, "document_id": document_id, "event_index": m.event_index,
             "incident_id": cluster_id([m.member_id]), "mention": coreference.to_json(m)} for m in members])
    lookups: dict[str, set[str]] = {}
    key_rows = []
    for m in members:
        if not _linkable(m):
            continue
        own, lookup = blocking_keys(m, max_km)
        lookups[m.member_id] = lookup
        key_rows.extend({"member_id": m.member_id, "family": m.family, "key": key, "start": m.start, "end": m.end}
                        for key in sorted(own))
    if key_rows:
        connection.execute(tables.incident_keys.insert(), key_rows)
    read: dict[str, tuple[str, str]] = {}
    candidates = _stored_candidates(connection, members, lookups, read)
    new = {m.member_id: m for m in members}
    stored = {other: (read[other][0], _parsed(read[other][1]))
              for other in sorted({other for others in candidates.values() for other in others} - set(new))}
    incident_of = {m.member_id: cluster_id([m.member_id]) for m in members}
    incident_of.update((other, incident) for other, (incident, _) in stored.items())
    known = {**{other: mention for other, (_, mention) in stored.items()}, **new}
    named = {x for c in corrections for x in c.members}
    found: dict[tuple[str, str], tuple[float, dict[str, float]]] = {}
    for member_id, others in candidates.items():
        for other_id in others:
            pair = (min(member_id, other_id), max(member_id, other_id))
            if pair in found or (named & set(pair) and _decision(corrections, *pair) is not None):
                continue
            scored = score_pair(known[pair[0]], known[pair[1]], max_km)
            if scored is not None and scored[0] >= coreference.THRESHOLD:
                found[pair] = scored
    links = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))
    joined = {incident_of[m] for pair in found for m in pair if m not in new}
    before = _summaries(connection, joined)
    incident_of.update((incident, incident) for incident in joined)  # so `_join` maps incidents to their roots too
    merged = _join(connection, links, incident_of, corrections)
    if links:
        connection.execute(tables.incident_links.insert(), [
            {"a": a, "b": b, "score": score, "features": json.dumps(features)}
            for (a, b), (score, features) in links if (a, b) in merged])
    if named & set(new):
        touched = {incident_of[m] for m in new} | {incident_of[m] for pair in merged for m in pair}
        _write_summaries(connection, recluster(connection, touched, corrections, max_km))
    else:
        _grow_summaries(connection, members, incident_of, before, joined)
    connection.execute(_MARK_INDEXED, {"document_id": document_id})


def _summaries(connection: Connection, incident_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    rows = _in_chunks(connection, [tables.incidents], tables.incidents.c.id, incident_ids)
    return {row.id: dict(row._mapping) for row in rows}


def _join(connection: Connection, links: list[tuple[tuple[str, str], tuple[float, dict[str, float]]]],
          incident_of: dict[str, str], corrections: list[Correction]) -> set[tuple[str, str]]:
    """Join the incidents of linked members, highest score first (an analyst's split may refuse a join): each
    group of joined incidents keeps its smallest id. Updates `incident_of`; returns the links that stand."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    standing = set()
    for (a, b), _ in links:
        first, second = sorted((find(incident_of[a]), find(incident_of[b])))
        if first != second:
            if _split_forbids(connection, corrections, first, second, parent):
                continue
            parent[second] = first
        standing.add((a, b))
    absorbed: dict[str, list[str]] = {}
    for incident in list(parent):
        root = find(incident)
        if root != incident:
            absorbed.setdefault(root, []).append(incident)
    stored, summaries = tables.incident_members, tables.incidents
    for root, others in absorbed.items():
        connection.execute(update(stored).where(stored.c.incident_id.in_(others)).values(incident_id=root))
        connection.execute(delete(summaries).where(summaries.c.id.in_(others)))
    for member, incident in list(incident_of.items()):
        incident_of[member] = find(incident)
    return standing


def unindex_document(connection: Connection, document_id: str, corrections: list[Correction],
                     max_km: float = coreference.MAX_KM) -> None:
    """Take a document's events out of the index (before its extraction is replaced) and re-cluster the incidents
    they were in: a removed member may have been what joined two reports."""
    members = tables.incident_members
    incidents = {i for (i,) in connection.execute(
        select(members.c.incident_id).where(members.c.document_id == document_id).distinct())}
    ids = [m for (m,) in connection.execute(select(members.c.member_id).where(members.c.document_id == document_id))]
    keys = tables.incident_keys
    for start in range(0, len(ids), 500):
        connection.execute(delete(keys).where(keys.c.member_id.in_(ids[start:start + 500])))
    _delete_links(connection, _members_of(connection, incidents))  # the document's links are its incidents'
    connection.execute(delete(members).where(members.c.document_id == document_id))
    connection.execute(update(tables.documents).where(tables.documents.c.id == document_id)
                       .values(incidents_indexed=False))
    _write_summaries(connection, recluster(connection, incidents, corrections, max_km))


def _delete_links(connection: Connection, member_ids: list[str]) -> None:
    """Delete the links of incidents, given all their members. A link always joins two members of one incident (it is
    kept only where its members were joined, and re-clustering keeps each cluster's own), so every link of these
    members has its second member (b) among them: links are keyed by b (migration 0013), and an index by a, which put
    each new link in a page of its own, is not needed."""
    links = tables.incident_links
    for start in range(0, len(member_ids), 500):
        connection.execute(delete(links).where(links.c.b.in_(member_ids[start:start + 500])))


def recluster(connection: Connection, incident_ids: set[str], corrections: list[Correction],
              max_km: float = coreference.MAX_KM) -> set[str]:
    """Cluster the members of some incidents again, with the corrections (after one was made or undone, or a
    member left), and store the result; returns the incident ids to summarise again (old ones are deleted)."""
    members_table, links_table = tables.incident_members, tables.incident_links
    rows = connection.execute(select(members_table.c.member_id, members_table.c.mention)
                              .where(members_table.c.incident_id.in_(sorted(incident_ids)))).all()
    connection.execute(delete(tables.incidents).where(tables.incidents.c.id.in_(sorted(incident_ids))))
    members = sorted((coreference.from_json(mention) for _, mention in rows), key=_reading_order)
    _delete_links(connection, [m.member_id for m in members])
    clusters = cluster_members(members, corrections, max_km=max_km)
    for cluster in clusters:
        connection.execute(update(members_table).where(members_table.c.member_id.in_(cluster.member_ids))
                           .values(incident_id=cluster.cluster_id))
        if cluster.links:  # an analyst's merge is kept as a link with the feature "correction"
            connection.execute(links_table.insert(), [
                {"a": min(k.a, k.b), "b": max(k.a, k.b), "score": k.score, "features": json.dumps(k.features)}
                for k in cluster.links])
    return {c.cluster_id for c in clusters}


def _reading_order(member: ClusterMember) -> tuple[str, int]:
    return member.document_id, member.event_index


def apply_corrections(connection: Connection, member_ids: list[str], corrections: list[Correction],
                      max_km: float = coreference.MAX_KM) -> None:
    """Re-cluster the incidents of the members a correction names (after it was stored or deleted), with the
    incidents of their candidates: undoing a split lets a member join the incident it was kept out of."""
    incidents = set(_incident_of(connection, member_ids).values())
    named = [mention for _, mention in _mentions(connection, member_ids).values() if _linkable(mention)]
    candidates = _stored_candidates(connection, named, {m.member_id: blocking_keys(m, max_km)[1] for m in named})
    incidents.update(_incident_of(connection, {o for others in candidates.values() for o in others}).values())
    if incidents:
        _write_summaries(connection, recluster(connection, incidents, corrections, max_km))


_PRECISION_ORDER = {p: n for n, p in enumerate(PRECISIONS)}


def summary(incident_id: str, members: list[ClusterMember]) -> dict[str, Any]:
    """The row a list of incidents shows: type, the finest place, dates, the range of each toll, how many reports."""
    return _combine(incident_id, [_one(m) for m in members], len({m.document_id for m in members}))


def _one(member: ClusterMember) -> dict[str, Any]:
    """The summary of an incident of one member."""
    killed = member.killed.bounds if member.killed is not None else None
    injured = member.injured.bounds if member.injured is not None else None
    return {
        "family": member.family, "event_type": member.event_type, "sub_event_type": member.sub_event,
        "place": member.place_text, "lat": member.coordinates[0] if member.coordinates else None,
        "lon": member.coordinates[1] if member.coordinates else None,
        "precision": member.precision if member.coordinates else None,
        "start": member.start, "end": member.end or member.start, "text_dated": member.date_from == "text",
        "killed_low": killed[0] if killed else None, "killed_high": killed[1] if killed else None,
        "injured_low": injured[0] if injured else None, "injured_high": injured[1] if injured else None,
        "members": 1, "generic": member.generic, "evidence": member.evidence.text[:500],
        "first_member": member.member_id,
    }


def _order(member_id: str) -> tuple[str, int]:
    document, _, index = member_id.rpartition(":")
    return document, int(index)


def _bound(values: Iterable[float | None], pick) -> float | None:
    found = [v for v in values if v is not None]
    return pick(found) if found else None


def _combine(incident_id: str, rows: list[dict[str, Any]], documents: int) -> dict[str, Any]:
    """One summary of several (an incident's members, or incidents joined): the first non-generic member in reading
    order gives the type and evidence, the most precise place wins, dates span the members dated by their text (by
    their reports' days when none is), tolls span every figure. Joining summaries gives what summarising all the
    members would, so a growing incident is summarised at the cost of its new members."""
    typed = [r for r in rows if not r["generic"]] or rows
    first = min(typed, key=lambda r: _order(r["first_member"]))
    placed = [r for r in rows if r["lat"] is not None]
    where = min(placed, key=lambda r: (_PRECISION_ORDER.get(r["precision"] or "city", 1), _order(r["first_member"]))) \
        if placed else None
    dated = [r for r in rows if r["start"] is not None and r["text_dated"]] or \
        [r for r in rows if r["start"] is not None]
    return {
        "id": incident_id, "family": first["family"], "event_type": first["event_type"],
        "sub_event_type": first["sub_event_type"], "evidence": first["evidence"], "first_member": first["first_member"],
        "place": where["place"] if where else next((r["place"] for r in rows if r["place"]), None),
        "lat": where["lat"] if where else None, "lon": where["lon"] if where else None,
        "precision": where["precision"] if where else None,
        "start": min((r["start"] for r in dated), default=None), "end": max((r["end"] for r in dated), default=None),
        "text_dated": any(r["text_dated"] for r in dated),
        "killed_low": _bound((r["killed_low"] for r in rows), min),
        "killed_high": _bound((r["killed_high"] for r in rows), max),
        "injured_low": _bound((r["injured_low"] for r in rows), min),
        "injured_high": _bound((r["injured_high"] for r in rows), max),
        "members": sum(r["members"] for r in rows), "documents": documents,
        "generic": all(r["generic"] for r in rows),
    }


def _write_summaries(connection: Connection, incident_ids: Iterable[str]) -> None:
    """Rewrite the summaries of some incidents from their members."""
    ids = sorted(set(incident_ids))
    if not ids:
        return
    connection.execute(delete(tables.incidents).where(tables.incidents.c.id.in_(ids)))
    members_table = tables.incident_members
    grouped: dict[str, list[ClusterMember]] = {}
    for incident, mention in _in_chunks(connection, [members_table.c.incident_id, members_table.c.mention],
                                        members_table.c.incident_id, ids):
        grouped.setdefault(incident, []).append(coreference.from_json(mention))
    rows = [summary(incident, members) for incident, members in grouped.items()]
    if rows:
        connection.execute(tables.incidents.insert(), rows)


def _grow_summaries(connection: Connection, new: list[ClusterMember], incident_of: dict[str, str],
                    before: dict[str, dict[str, Any]], joined: set[str]) -> None:
    """Summaries of the incidents a new document's members joined: the stored summaries of the incidents joined
    (`before`, read before the join; `joined`, their ids) with the new members' own, at the cost of the new members.

    An incident's count of documents is its stored incident's count plus the new document (whose members no stored
    incident holds: it is new, or its members were taken out before it was re-extracted), so it is counted in SQL
    only where two stored incidents were joined (they may share a document): counting the members of a large
    incident, row by row, was a third of the time spent indexing a document at 100,000 events."""
    roots: dict[str, list[dict[str, Any]]] = {}
    stored_in: dict[str, list[str]] = {}
    for incident in joined:
        stored_in.setdefault(incident_of.get(incident, incident), []).append(incident)
    for incident, row in before.items():
        roots.setdefault(incident_of.get(incident, incident), []).append(row)
    grown = {incident_of[member.member_id] for member in new}
    for member in new:
        roots.setdefault(incident_of[member.member_id], []).append(_one(member))
    ids = sorted(roots)
    if not ids:
        return
    connection.execute(delete(tables.incidents).where(tables.incidents.c.id.in_(ids + sorted(before))))
    documents: dict[str, int] = {}
    counted = []
    for incident in ids:
        held = stored_in.get(incident, [])
        if len(held) > 1 or any(i not in before for i in held):
            counted.append(incident)
        else:
            documents[incident] = sum(before[i]["documents"] for i in held) + int(incident in grown)
    if counted:
        stored = tables.incident_members
        documents.update(connection.execute(
            select(stored.c.incident_id, func.count(stored.c.document_id.distinct()))
            .where(stored.c.incident_id.in_(counted)).group_by(stored.c.incident_id)).all())
    connection.execute(tables.incidents.insert(), [_combine(i, roots[i], documents.get(i, 1)) for i in ids])


def stored_clusters(connection: Connection) -> list[EventCluster]:
    """Every incident of the index with its members and links, as `dedup.cluster_events` returns them."""
    members_table, links_table = tables.incident_members, tables.incident_links
    grouped: dict[str, list[ClusterMember]] = {}
    incident_of: dict[str, str] = {}
    for member_id, incident, mention in connection.execute(
            select(members_table.c.member_id, members_table.c.incident_id, members_table.c.mention)):
        grouped.setdefault(incident, []).append(coreference.from_json(mention))
        incident_of[member_id] = incident
    links: dict[str, list[Link]] = {}
    for a, b, score, features in connection.execute(select(links_table)):
        found = json.loads(features)
        links.setdefault(incident_of[a], []).append(
            Link(a, b, score, found, "correction" if "correction" in found else "auto"))
    clusters = [build_cluster(sorted(members, key=_reading_order), links.get(incident, []))
                for incident, members in grouped.items()]
    return sorted(clusters, key=lambda c: _reading_order(c.members[0]))


def unindexed_documents(connection: Connection) -> list[str]:
    """Ids of documents whose extraction is stored but not yet in the index, oldest ingested first."""
    d = tables.documents
    query = select(d.c.id).where(d.c.extraction_status == "done", d.c.incidents_indexed.is_(False)) \
        .order_by(d.c.ingested_at, d.c.id)
    return [i for (i,) in connection.execute(query)]


def stored_corrections(connection: Connection) -> list[Correction]:
    """The analyst's corrections, oldest first, read in the caller's transaction."""
    return [Correction(action, json.loads(members), reason or "") for action, members, reason in connection.execute(
        _CORRECTIONS)]


# Statements asked for every document indexed, made once rather than built at each call.
_CORRECTIONS = select(tables.cluster_corrections.c.action, tables.cluster_corrections.c.members,
                      tables.cluster_corrections.c.reason).order_by(tables.cluster_corrections.c.id)
_MARK_INDEXED = update(tables.documents).where(tables.documents.c.id == bindparam("document_id")) \
    .values(incidents_indexed=True)


def ranked_events(*columns: Any) -> Subquery:
    """The stored events with `event_index`, each one's place among its document's events (the order they were
    stored in): with the document id, what a report's member id is made of (`coreference.member_id`), so an event
    row and its member in `incident_members` can be joined in SQL."""
    e = tables.events
    position = func.row_number().over(partition_by=e.c.document_id, order_by=e.c.id) - 1
    return select(e.c.id, e.c.document_id, *columns, position.label("event_index")).subquery()
