"""The read queries behind the REST API, in SQLAlchemy Core with bound parameters only.

Kept apart from the HTTP layer so they can be tested and reused (a report, a notebook) without a
server, and so that every value a user sends reaches the database as a bound parameter, never as SQL
text. Each list query returns `(total, rows)` so the API can page through results.

An event's `day` is its own start date when the text gave one, else the day its document was
published: that is the day the timeline counts it on and the day `since`/`until` filter by.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Connection, Date, Engine, Select, String, and_, cast, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from warlog.export.query import parse_bbox
from warlog.reconcile.incident_index import ranked_events
from warlog.store import tables

_ev, _doc, _pl, _cl = tables.events, tables.documents, tables.places, tables.claims
_killed = tables.quantities.alias("killed")
_injured = tables.quantities.alias("injured")


@dataclass(frozen=True)
class BBox:
    """West, south, east, north in degrees; west > east means the box crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    def where(self, lat: ColumnElement, lon: ColumnElement) -> ColumnElement:
        inside_lon = lon.between(self.west, self.east) if self.west <= self.east else or_(
            lon >= self.west, lon <= self.east)
        return and_(lat.between(self.south, self.north), inside_lon)

    def contains(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """`where` for arrays held in memory: which points lie in the box (NaN, no place, never does)."""
        with np.errstate(invalid="ignore"):
            inside_lon = (lon >= self.west) & (lon <= self.east) if self.west <= self.east else (
                (lon >= self.west) | (lon <= self.east))
            return inside_lon & (lat >= self.south) & (lat <= self.north)


def bbox_from_text(value: str) -> BBox:
    """`W,S,E,N` in degrees, or ValueError saying what is wrong: the exports' parser, so every filter reads a box
    alike."""
    return BBox(*parse_bbox(value))


@dataclass(frozen=True)
class EventFilter:
    since: date | None = None
    until: date | None = None
    bbox: BBox | None = None
    event_type: str | None = None
    actor: str | None = None
    source: str | None = None
    document_id: str | None = None
    include_generic: bool = False
    place: str | None = None  # words of the place's name or of the text that named it, any case


def _published_day(engine: Engine) -> ColumnElement:
    """The document's publication day as a date, written for the dialect (SQLite has no DATE cast)."""
    if engine.dialect.name == "sqlite":
        return func.date(_doc.c.published, type_=Date)
    return cast(_doc.c.published, Date)


def _like(value: str) -> str:
    """A LIKE pattern matching `value` anywhere, with LIKE's own wildcards taken literally."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def _page(engine: Engine, query: Select, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
        rows = [dict(r._mapping) for r in connection.execute(query.limit(limit).offset(offset))]
    return total, rows


def _event_select(engine: Engine) -> Select:
    day = func.coalesce(_ev.c.date_start, _published_day(engine)).label("day")
    return (
        select(
            _ev.c.id, _ev.c.document_id, _ev.c.post_idx, _ev.c.plover_type, _ev.c.plover_mode,
            _ev.c.acled_event_type, _ev.c.acled_sub_event_type, _ev.c.actor1, _ev.c.actor2, _ev.c.target,
            _ev.c.weapon, _ev.c.date_start, _ev.c.date_end, _ev.c.date_precision, _ev.c.date_phrase, day,
            _ev.c.generic, _ev.c.claimed_by_belligerent, _ev.c.confidence, _ev.c.claim_id,
            _killed.c.value.label("killed"), _killed.c.low.label("killed_low"), _killed.c.high.label("killed_high"),
            _injured.c.value.label("injured"), _injured.c.low.label("injured_low"),
            _injured.c.high.label("injured_high"),
            _pl.c.name.label("place_name"), _pl.c.text.label("place_text"), _pl.c.lat, _pl.c.lon,
            _pl.c.precision.label("place_precision"), _pl.c.country_code,
            _doc.c.source, _doc.c.title.label("document_title"), _doc.c.published,
        )
        .select_from(
            _ev.join(_doc, _doc.c.id == _ev.c.document_id)
            .outerjoin(_pl, _pl.c.id == _ev.c.place_id)
            .outerjoin(_killed, _killed.c.id == _ev.c.killed_quantity_id)
            .outerjoin(_injured, _injured.c.id == _ev.c.injured_quantity_id)
        )
    )


def _event_conditions(engine: Engine, f: EventFilter) -> list[ColumnElement]:
    published = _published_day(engine)
    conditions: list[ColumnElement] = []
    if not f.include_generic:
        conditions.append(_ev.c.generic.is_(False))
    if f.since is not None:
        conditions.append(func.coalesce(_ev.c.date_end, _ev.c.date_start, published) >= f.since)
    if f.until is not None:
        conditions.append(func.coalesce(_ev.c.date_start, published) <= f.until)
    if f.bbox is not None:
        conditions.append(f.bbox.where(_pl.c.lat, _pl.c.lon))
    if f.event_type:
        wanted = f.event_type.lower()
        conditions.append(or_(func.lower(_ev.c.plover_type) == wanted, func.lower(_ev.c.acled_event_type) == wanted,
                              func.lower(_ev.c.acled_sub_event_type) == wanted))
    if f.actor:
        pattern = _like(f.actor)
        conditions.append(or_(func.lower(_ev.c.actor1).like(pattern, escape="\\"),
                              func.lower(_ev.c.actor2).like(pattern, escape="\\")))
    if f.source:
        conditions.append(func.lower(_doc.c.source) == f.source.lower())
    if f.document_id:
        conditions.append(_ev.c.document_id == f.document_id)
    if f.place:
        wanted = f.place.lower()
        conditions.append(or_(func.lower(_pl.c.name).contains(wanted, autoescape=True),
                              func.lower(_pl.c.text).contains(wanted, autoescape=True)))
    return conditions


def list_events(engine: Engine, f: EventFilter, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    query = _event_select(engine).where(*_event_conditions(engine, f)).order_by(_ev.c.id)
    return _page(engine, query, limit, offset)


def events_per_day(engine: Engine, f: EventFilter) -> list[dict[str, Any]]:
    """Event counts per day and type for the timeline, over every event the filter matches (not one page)."""
    inner = _event_select(engine).where(*_event_conditions(engine, f)).subquery()
    kind = func.coalesce(inner.c.acled_event_type, inner.c.plover_type)
    query = (select(inner.c.day, kind.label("type"), func.count().label("events"))
             .group_by(inner.c.day, kind).order_by(inner.c.day, kind))
    with engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(query)]


def get_event(engine: Engine, event_id: int) -> dict[str, Any] | None:
    with engine.connect() as connection:
        row = connection.execute(_event_select(engine).where(_ev.c.id == event_id)).first()
        if row is None:
            return None
        event = dict(row._mapping)
        extra = connection.execute(
            select(_ev.c.evidence, _ev.c.evidence_start, _ev.c.evidence_end, _ev.c.trigger_start, _ev.c.trigger_end,
                   _ev.c.killed_quantity_id, _ev.c.injured_quantity_id, _ev.c.place_id).where(_ev.c.id == event_id)
        ).one()
        event.update(dict(extra._mapping))
        event["evidence"] = json.loads(event["evidence"] or "{}")
        q = tables.quantities
        for role in ("killed", "injured"):
            quantity_id = event.pop(f"{role}_quantity_id")
            found = connection.execute(select(q).where(q.c.id == quantity_id)).first() if quantity_id else None
            event[f"{role}_quantity"] = dict(found._mapping) if found else None
        claim = connection.execute(select(_cl).where(_cl.c.id == event["claim_id"])).first() \
            if event["claim_id"] else None
        event["claim"] = dict(claim._mapping) if claim else None
    return event


def list_claims(engine: Engine, document_id: str | None, speaker: str | None, stance: str | None,
                limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    query = select(_cl, _doc.c.source, _doc.c.published).select_from(_cl.join(_doc, _doc.c.id == _cl.c.document_id))
    if document_id:
        query = query.where(_cl.c.document_id == document_id)
    if speaker:
        query = query.where(func.lower(_cl.c.speaker).like(_like(speaker), escape="\\"))
    if stance:
        query = query.where(_cl.c.stance == stance)
    total, rows = _page(engine, query.order_by(_cl.c.id), limit, offset)
    if rows:
        q, link = tables.quantities, tables.claim_quantities
        ids = [r["id"] for r in rows]
        with engine.connect() as connection:
            linked = connection.execute(
                select(link.c.claim_id, q).join(q, q.c.id == link.c.quantity_id)
                .where(link.c.claim_id.in_(ids)).order_by(q.c.start))
            by_claim: dict[int, list[dict[str, Any]]] = {}
            for r in linked:
                values = dict(r._mapping)
                by_claim.setdefault(values.pop("claim_id"), []).append(values)
        for r in rows:
            r["quantities"] = by_claim.get(r["id"], [])
    return total, rows


def list_places(engine: Engine, document_id: str | None, bbox: BBox | None,
                limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    query = select(_pl)
    if document_id:
        query = query.where(_pl.c.document_id == document_id)
    if bbox is not None:
        query = query.where(bbox.where(_pl.c.lat, _pl.c.lon))
    return _page(engine, query.order_by(_pl.c.id), limit, offset)


def _count_of(table) -> ColumnElement:
    return select(func.count()).where(table.c.document_id == _doc.c.id).scalar_subquery()


def list_documents(
    engine: Engine, source: str | None, limit: int, offset: int, extraction: str | None = None
) -> tuple[int, list[dict[str, Any]]]:
    """Stored documents with their counts and whether their extraction is stored (`extraction`: only those
    whose extraction_status is this: done, failed or none)."""
    query = select(
        _doc.c.id, _doc.c.title, _doc.c.source, _doc.c.url, _doc.c.published, _doc.c.language, _doc.c.format,
        _doc.c.ingested_at, _count_of(tables.posts).label("posts"), _count_of(_ev).label("events"),
        _count_of(_cl).label("claims"), _count_of(tables.furniture).label("furniture"),
        _doc.c.extraction_status, _doc.c.extraction_stage, _doc.c.extraction_error, _doc.c.extracted_with,
    )
    if source:
        query = query.where(func.lower(_doc.c.source) == source.lower())
    if extraction:
        query = query.where(_doc.c.extraction_status == extraction)
    return _page(engine, query.order_by(_doc.c.ingested_at, _doc.c.id), limit, offset)


def get_document(engine: Engine, document_id: str) -> dict[str, Any] | None:
    """A document's cleaned text, its posts and the furniture removed from it (the raw input is left out)."""
    columns = [c for c in _doc.c if c.name not in ("raw", "source_text", "offset_map")]
    with engine.connect() as connection:
        row = connection.execute(select(*columns).where(_doc.c.id == document_id)).first()
        if row is None:
            return None
        document = dict(row._mapping)
        document["meta"] = json.loads(document["meta"] or "{}")
        p, f = tables.posts, tables.furniture
        document["posts"] = [dict(r._mapping) for r in connection.execute(
            select(p).where(p.c.document_id == document_id).order_by(p.c.idx))]
        document["furniture"] = [dict(r._mapping) for r in connection.execute(
            select(f).where(f.c.document_id == document_id).order_by(f.c.position))]
        document["event_ids"] = [r.id for r in connection.execute(
            select(_ev.c.id).where(_ev.c.document_id == document_id).order_by(_ev.c.id))]
    return document


def sources(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [r[0] for r in connection.execute(
            select(_doc.c.source).where(_doc.c.source.is_not(None)).distinct().order_by(_doc.c.source))]


def event_types(engine: Engine) -> list[str]:
    kind = func.coalesce(_ev.c.acled_event_type, _ev.c.plover_type, literal("other"))
    with engine.connect() as connection:
        return [r[0] for r in connection.execute(select(kind).distinct().order_by(kind))]


def incident_types(engine: Engine) -> list[dict[str, Any]]:
    """The ACLED event types the incidents have, each with its sub-event types: what the page's type filter offers
    (only ACLED's vocabulary, so the filter never mixes it with PLOVER codes)."""
    i = tables.incidents
    found: dict[str, set[str]] = {}
    with engine.connect() as connection:
        rows = connection.execute(select(i.c.event_type, i.c.sub_event_type).distinct()
                                  .where(i.c.event_type.is_not(None))).all()
    for event_type, sub_event_type in rows:
        found.setdefault(event_type, set()).update([sub_event_type] if sub_event_type else [])
    return [{"event_type": t, "sub_event_types": sorted(found[t])} for t in sorted(found)]


ACLED_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
                               "Riots", "Strategic developments"})


@dataclass(frozen=True)
class IncidentFilter:
    since: date | None = None
    until: date | None = None
    bbox: BBox | None = None
    event_type: str | None = None
    include_generic: bool = False
    place: str | None = None  # words of the incident's place name, any case
    actor: str | None = None  # words of an actor of any of its reports, any case


def _incident_conditions(f: IncidentFilter) -> list[ColumnElement]:
    i = tables.incidents
    conditions = [] if f.include_generic else [i.c.generic.is_(False)]
    if f.since is not None:
        conditions.append(func.coalesce(i.c.end, i.c.start) >= f.since)
    if f.until is not None:
        conditions.append(i.c.start <= f.until)
    if f.bbox is not None:
        conditions.append(f.bbox.where(i.c.lat, i.c.lon))
    if f.event_type:  # an ACLED event type, else a sub-event type: each has its index
        column = i.c.event_type if f.event_type in ACLED_EVENT_TYPES else i.c.sub_event_type
        conditions.append(column == f.event_type)
    if f.place:
        conditions.append(func.lower(i.c.place).contains(f.place.lower(), autoescape=True))
    if f.actor:
        conditions.append(i.c.id.in_(_incidents_with_actor(f.actor)))
    return conditions


def _incident_order() -> list[ColumnElement]:
    i = tables.incidents
    return [i.c.start.desc().nulls_last(), i.c.id]


def list_incidents(engine: Engine, f: IncidentFilter, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Incidents (the store's incident index), newest first, undated last: one row each, kept up to date as
    documents are stored, so a page is one indexed query whatever the size of the store."""
    i = tables.incidents
    query = select(i).where(*_incident_conditions(f)).order_by(*_incident_order())
    total, rows = _page(engine, query, limit, offset)
    _add_sources(engine, rows)
    return total, rows


# What the page's feed, map and timeline draw of every incident: all matching incidents in one answer, by column.
SUMMARY_COLUMNS = ("id", "event_type", "sub_event_type", "place", "precision", "lat", "lon", "start", "end",
                   "killed_low", "killed_high", "injured_low", "injured_high", "members", "documents", "generic")


def incident_summary(engine: Engine, f: IncidentFilter) -> dict[str, Any]:
    """Every incident the filter matches, newest first, as columns (one list per field, `sources` included):
    the page draws its markers, feed and timeline from one answer instead of paging through the store. Columns
    keep the answer small (each field name once, not once per incident)."""
    i = tables.incidents
    conditions = _incident_conditions(f)
    with engine.connect() as connection:
        # Dates as the database writes them (ISO 8601 on both backends): parsing 20,000 dates into Python and
        # formatting them back was a sixth of the answer's time.
        wanted = [cast(i.c[name], String).label(name) if name in ("start", "end") else i.c[name]
                  for name in SUMMARY_COLUMNS]
        rows = connection.execute(select(*wanted).where(*conditions).order_by(*_incident_order())).all()
        sources = _sources_by_incident(connection, select(i.c.id).where(*conditions))
    columns: dict[str, list[Any]] = {key: [row[n] for row in rows] for n, key in enumerate(SUMMARY_COLUMNS)}
    for key in ("lat", "lon"):  # a metre is plenty for a marker, and the answer is a fifth smaller
        columns[key] = [round(v, 5) if v is not None else None for v in columns[key]]
    columns["sources"] = [sources.get(incident_id, []) for incident_id in columns["id"]]
    return {"total": len(rows), "columns": columns}


def _incidents_with_actor(actor: str) -> Select:
    """Ids of the incidents with a report whose first or second actor has these words."""
    m = tables.incident_members
    ranked = ranked_events(_ev.c.actor1, _ev.c.actor2)
    pattern = _like(actor)
    return (select(m.c.incident_id)
            .join(ranked, and_(ranked.c.document_id == m.c.document_id, ranked.c.event_index == m.c.event_index))
            .where(or_(func.lower(ranked.c.actor1).like(pattern, escape="\\"),
                       func.lower(ranked.c.actor2).like(pattern, escape="\\"))))


def _sources_by_incident(connection: Connection, incident_ids: list[str] | Select) -> dict[str, list[str]]:
    """Each incident's sources (publisher names, else document titles), sorted, in one query for all the incidents
    given (a list of ids or a query of them): the feed shows who reported an incident without a request per entry."""
    m = tables.incident_members
    name = func.coalesce(_doc.c.source, _doc.c.title, _doc.c.origin)
    found: dict[str, list[str]] = {}
    for incident_id, source in connection.execute(
            select(m.c.incident_id, name).distinct().select_from(m.join(_doc, _doc.c.id == m.c.document_id))
            .where(m.c.incident_id.in_(incident_ids))):
        if source:
            found.setdefault(incident_id, []).append(source)
    return {incident_id: sorted(names) for incident_id, names in found.items()}


def _add_sources(engine: Engine, rows: list[dict[str, Any]]) -> None:
    """Each listed incident's sources, added to its row."""
    ids = [r["id"] for r in rows]
    found: dict[str, list[str]] = {}
    if ids:
        with engine.connect() as connection:
            found = _sources_by_incident(connection, ids)
    for row in rows:
        row["sources"] = found.get(row["id"], [])


def incidents_of(engine: Engine, members: list[str]) -> list[str]:
    """The incidents now holding these reports (member ids), in the order the reports were given."""
    m = tables.incident_members
    with engine.connect() as connection:
        found = dict(connection.execute(select(m.c.member_id, m.c.incident_id).where(m.c.member_id.in_(members))).all())
    return list(dict.fromkeys(found[k] for k in members if k in found))


def get_incident(engine: Engine, incident_id: str) -> dict[str, Any] | None:
    """One incident with every report of it (document, event, evidence, place, date, tolls and who gave them)
    and the links that joined them, each with its score and features."""
    members, links = tables.incident_members, tables.incident_links
    with engine.connect() as connection:
        row = connection.execute(select(tables.incidents).where(tables.incidents.c.id == incident_id)).first()
        if row is None:
            return None
        found = dict(row._mapping)
        reports = connection.execute(
            select(members.c.member_id, members.c.mention, _doc.c.source, _doc.c.published, _doc.c.title)
            .select_from(members.join(_doc, _doc.c.id == members.c.document_id))
            .where(members.c.incident_id == incident_id).order_by(_doc.c.ingested_at, members.c.event_index)).all()
        ids = [r.member_id for r in reports]
        # every link of an incident joins two of its members, so its links are those whose b is one of them (the
        # key links are stored by, migration 0013), given in (a, b) order, as the index by a gave them
        joined = connection.execute(select(links).where(links.c.b.in_(ids)).order_by(links.c.a, links.c.b)).all() \
            if ids else []
    found["reports"] = [_report(r) for r in reports]
    found["links"] = [{"a": k.a, "b": k.b, "score": k.score, "features": json.loads(k.features)} for k in joined]
    return found


def _report(row: Any) -> dict[str, Any]:
    mention = json.loads(row.mention)

    def figure(kind: str) -> dict[str, Any] | None:
        value = mention[kind]
        keys = ("value", "low", "high", "qualifier", "speaker", "span")
        return None if value is None else {k: value[k] for k in keys}

    return {"member_id": row.member_id, "document_id": mention["document_id"], "event_index": mention["event_index"],
            "source": row.source, "published": row.published, "title": row.title,
            "evidence": mention["evidence"], "sub_event_type": mention["sub_event"], "place": mention["place_text"],
            "start": mention["start"], "end": mention["end"], "date_from": mention["date_from"],
            "generic": mention["generic"], "killed": figure("killed"), "injured": figure("injured")}
