"""ACLED rows by incident: one row per real event, every report of it in `source` and `notes`.

Why: ACLED codes an event once, naming all its sources; an export with a row per sentence-level report counts a
strike told by three outlets three times, and its analysts would have to de-duplicate by hand what warlog already
joined. The store's incident index says which reports are one incident; the row takes the incident's dates, its
most conservative killed figure (ACLED's rule: the lowest reliable estimate), the report whose type and place
the incident shows, and each report's source and sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from warlog.export.query import ExportRows, evidence_text
from warlog.store import tables


@dataclass(frozen=True)
class IncidentRef:
    """What a row needs of the incident an event belongs to, and the event's own member id in it."""

    id: str
    start: date | None
    end: date | None
    first_member: str | None
    member: str


def incidents_of(engine: Engine, rows: ExportRows) -> dict[int, IncidentRef]:
    """The incident of each selected event (by event id); events missing from the index are left out."""
    e, m, i = tables.events, tables.incident_members, tables.incidents
    documents = sorted(rows.documents)
    if not documents:
        return {}
    with engine.connect() as connection:
        ordered = connection.execute(select(e.c.id, e.c.document_id).where(e.c.document_id.in_(documents))
                                     .order_by(e.c.document_id, e.c.id)).all()
        members = dict(connection.execute(select(m.c.member_id, m.c.incident_id)
                                          .where(m.c.document_id.in_(documents))).all())
        wanted = set(members.values())
        found = {r.id: r for r in connection.execute(select(i).where(i.c.id.in_(wanted)))} if wanted else {}
    position: dict[str, int] = {}
    by_event: dict[int, IncidentRef] = {}
    for event_id, document_id in ordered:  # an event's member id is its document and its place among its events
        index = position.get(document_id, 0)
        position[document_id] = index + 1
        member = f"{document_id}:{index}"
        incident = found.get(members.get(member, ""))
        if incident is not None:
            by_event[event_id] = IncidentRef(incident.id, incident.start, incident.end, incident.first_member,
                                             member)
    return by_event


def representative(events: list[dict[str, Any]], incidents: dict[int, IncidentRef]) -> dict[str, Any]:
    """The report whose type, place and actors the incident shows (its first member), else the first selected."""
    for event in events:
        ref = incidents.get(event["id"])
        if ref is not None and ref.member == ref.first_member:
            return event
    return events[0]


def group_by_incident(rows: ExportRows, incidents: dict[int, IncidentRef]) -> list[list[dict[str, Any]]]:
    """The selected events in groups, one per incident, in the order their first report was stored (reports too);
    an event with no incident is a group of its own."""
    groups: dict[str, list[dict[str, Any]]] = {}
    stored_order = sorted(rows.events, key=lambda e: (str(e["document"].get("ingested_at") or ""), e["id"]))
    for event in stored_order:
        incident = incidents.get(event["id"])
        groups.setdefault(incident.id if incident else f"event:{event['id']}", []).append(event)
    return list(groups.values())


def joined_sources(events: list[dict[str, Any]]) -> str:
    names = [e["document"].get("source") or e["document"].get("url") or "" for e in events]
    return "; ".join(dict.fromkeys(n for n in names if n))


def joined_notes(events: list[dict[str, Any]]) -> str:
    """Each report's sentence, with its source when there are several sources."""
    several = len({e["document_id"] for e in events}) > 1
    notes = []
    for event in events:
        text = evidence_text(event) or ""
        source = event["document"].get("source") or event["document"].get("url") or ""
        notes.append(f"{source}: {text}" if several and source else text)
    return " | ".join(dict.fromkeys(n for n in notes if n))
