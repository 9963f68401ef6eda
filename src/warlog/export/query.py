"""Selecting what to export: events with their place, casualty figures, claim and source document.

Filters are applied in SQL so they mean the same on SQLite and PostgreSQL:

* date range (`since`, `until`): the event's date range overlaps [since, until]; undated events are
  left out whenever a date bound is given, because nothing says they happened in that window;
* bounding box (W, S, E, N in degrees): the event's resolved place lies inside; unplaced events are
  left out whenever a box is given;
* event type: equal (case-insensitive) to its PLOVER type, ACLED event type or ACLED sub-event type;
* actor: a case-insensitive substring of actor1 or actor2;
* source: a case-insensitive substring of the document's source name or URL, or a document id prefix;
* generic events ("Russia has been bombing Ukrainian towns") are left out unless asked for, since
  they are statements about the war, not incidents.

Claims, quantities and places are exported as the context of the selected events: all those of the
documents the selected events come from (with no filters, and generic events included, that is the
whole store's extraction for every document that has an event).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select

from warlog.store import tables


@dataclass(frozen=True)
class ExportFilter:
    """What to export; every field left at its default selects everything."""

    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    event_type: str | None = None
    actor: str | None = None
    source: str | None = None
    include_generic: bool = False


@dataclass
class ExportRows:
    """The selected events (each a dict with its joined context) and the related tables' rows."""

    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    claim_quantities: dict[int, list[int]] = field(default_factory=dict)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """`W,S,E,N` in degrees; ValueError with a readable reason otherwise."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4:
        raise ValueError(f"bounding box {text!r}: give four numbers W,S,E,N")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError as exc:
        raise ValueError(f"bounding box {text!r}: not numbers") from exc
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ValueError(f"bounding box {text!r}: longitudes must lie in [-180, 180], latitudes in [-90, 90], S <= N")
    return west, south, east, north


def _conditions(f: ExportFilter) -> list[Any]:
    e, p, d = tables.events, tables.places, tables.documents
    where: list[Any] = []
    if not f.include_generic:
        where.append(e.c.generic.is_(False))
    if f.since is not None:
        where.append(func.coalesce(e.c.date_end, e.c.date_start) >= f.since)
    if f.until is not None:
        where.append(e.c.date_start <= f.until)
    if f.bbox is not None:
        west, south, east, north = f.bbox
        lon = (p.c.lon.between(west, east) if west <= east  # a box across the antimeridian has west > east
               else or_(p.c.lon >= west, p.c.lon <= east))
        where.append(and_(p.c.lat.between(south, north), lon))
    if f.event_type:
        wanted = f.event_type.strip().lower()
        where.append(or_(func.lower(e.c.plover_type) == wanted, func.lower(e.c.acled_event_type) == wanted,
                         func.lower(e.c.acled_sub_event_type) == wanted))
    if f.actor:
        needle = f.actor.strip().lower()
        where.append(or_(func.lower(e.c.actor1).contains(needle, autoescape=True),
                         func.lower(e.c.actor2).contains(needle, autoescape=True)))
    if f.source:
        needle = f.source.strip().lower()
        where.append(or_(func.lower(d.c.source).contains(needle, autoescape=True),
                         func.lower(d.c.url).contains(needle, autoescape=True),
                         d.c.id.startswith(needle, autoescape=True)))
    return where


def select_rows(engine: Engine, f: ExportFilter | None = None) -> ExportRows:
    """Read the events `f` selects and the context the exports need, ordered by document and id."""
    f = f or ExportFilter()
    e, p, d = tables.events, tables.places, tables.documents
    query = (select(e.c.id).select_from(e.join(d, d.c.id == e.c.document_id).outerjoin(p, p.c.id == e.c.place_id))
             .where(*_conditions(f)).order_by(e.c.document_id, e.c.id))
    rows = ExportRows()
    with engine.connect() as connection:
        event_ids = [r.id for r in connection.execute(query)]
        if not event_ids:
            return rows
        events = [dict(r._mapping) for r in connection.execute(select(e).where(e.c.id.in_(event_ids))
                                                               .order_by(e.c.document_id, e.c.id))]
        document_ids = sorted({ev["document_id"] for ev in events})
        document_columns = [d.c.id, d.c.url, d.c.source, d.c.title, d.c.published, d.c.language,
                            d.c.ingested_at, d.c.origin]
        rows.documents = {r.id: dict(r._mapping) for r in connection.execute(
            select(*document_columns).where(d.c.id.in_(document_ids)))}

        def related(table) -> list[dict[str, Any]]:
            return [dict(r._mapping) for r in connection.execute(
                select(table).where(table.c.document_id.in_(document_ids)).order_by(table.c.id))]

        rows.claims, rows.quantities, rows.places = related(tables.claims), related(tables.quantities), related(p)
        claim_ids = [c["id"] for c in rows.claims]
        cq = tables.claim_quantities
        for link in connection.execute(select(cq).where(cq.c.claim_id.in_(claim_ids)).order_by(cq.c.quantity_id)):
            rows.claim_quantities.setdefault(link.claim_id, []).append(link.quantity_id)
    places = {r["id"]: r for r in rows.places}
    quantities = {r["id"]: r for r in rows.quantities}
    claims = {r["id"]: r for r in rows.claims}
    for event in events:
        event["evidence"] = json.loads(event["evidence"] or "{}")
        event["place"] = places.get(event["place_id"])
        event["killed"] = quantities.get(event["killed_quantity_id"])
        event["injured"] = quantities.get(event["injured_quantity_id"])
        event["claim"] = claims.get(event["claim_id"])
        event["document"] = rows.documents[event["document_id"]]
    rows.events = events
    return rows


def figure(quantity: dict[str, Any] | None) -> float | None:
    """The number to report for a casualty count: its lower bound when it has one ("at least 5",
    "5 to 7"), else its value — the conservative reading ACLED also uses for fatalities."""
    if quantity is None:
        return None
    return quantity["low"] if quantity.get("low") is not None else quantity.get("value")


def source_name(document: dict[str, Any]) -> str:
    """Who published a document as an export names it: its source, else its address ("" when neither is known)."""
    return document.get("source") or document.get("url") or ""


def evidence_text(event: dict[str, Any]) -> str | None:
    """The sentence the event was read from."""
    sentence = (event.get("evidence") or {}).get("sentence")
    return sentence.get("text") if sentence else None
