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

from sqlalchemy import Engine, and_, select

from warlog.export.query import ExportRows, evidence_text, source_name
from warlog.reconcile.incident_index import ranked_events
from warlog.store import tables


@dataclass(frozen=True)
class IncidentRef:
    """What a row needs of the incident an event belongs to, and the event's own member id in it."""

    id: str
    start: date | None
    end: date | None
    first_member: str | None
    member: str


def event_incidents(engine: Engine, rows: ExportRows) -> dict[int, IncidentRef]:
    """The incident of each selected event (by event id); events missing from the index are left out."""
    m, i = tables.incident_members, tables.incidents
    documents = sorted(rows.documents)
    if not documents:
        return {}
    ranked = ranked_events()
    query = (select(ranked.c.id, i.c.id.label("incident"), i.c.start, i.c.end, i.c.first_member, m.c.member_id)
             .select_from(ranked.join(m, and_(m.c.document_id == ranked.c.document_id,
                                              m.c.event_index == ranked.c.event_index))
                          .join(i, i.c.id == m.c.incident_id))
             .where(ranked.c.document_id.in_(documents)))
    with engine.connect() as connection:
        return {r.id: IncidentRef(r.incident, r.start, r.end, r.first_member, r.member_id)
                for r in connection.execute(query)}


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
    return "; ".join(dict.fromkeys(n for n in (source_name(e["document"]) for e in events) if n))


def joined_notes(events: list[dict[str, Any]]) -> str:
    """Each report's sentence, with its source when there are several sources."""
    several = len({e["document_id"] for e in events}) > 1
    notes = []
    for event in events:
        text = evidence_text(event) or ""
        source = source_name(event["document"])
        notes.append(f"{source}: {text}" if several and source else text)
    return " | ".join(dict.fromkeys(n for n in notes if n))
