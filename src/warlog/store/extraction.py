"""Writing an Extraction into the store's tables, inside the caller's transaction.

Rows refer to each other by database id (a claim to its quantities, an event to its casualty
quantities and its claim), so rows are inserted in dependency order and the ids are collected as
they come back. Every row keeps its spans.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, bindparam, update

from warlog.schema import Extraction, Span, TimeRef
from warlog.store import tables


def _bounds(span: Span | None) -> tuple[int | None, int | None]:
    return (span.start, span.end) if span is not None else (None, None)


def _span_json(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def _insert_ids(connection: Connection, table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows in one batched statement and return their ids in input order.

    One INSERT … RETURNING per row was ~90% of store time; SQLAlchemy's "insertmanyvalues" sends the
    rows as multi-row VALUES on both SQLite and PostgreSQL, and ``sort_by_parameter_order`` guarantees
    the returned ids line up with ``rows`` (other rows refer to them by position).
    """
    if not rows:
        return []
    statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return list(connection.execute(statement, rows).scalars())


def _time_columns(time: TimeRef | None) -> dict[str, Any]:
    if time is None:
        return {"date_start": None, "date_end": None, "date_precision": None, "date_phrase": None,
                "date_approximate": False}
    return {"date_start": time.start, "date_end": time.end, "date_precision": time.precision,
            "date_phrase": time.span.text, "date_approximate": time.approximate}


def write_extraction(connection: Connection, document_id: str, extraction: Extraction) -> None:
    """Insert mentions, quantities, claims and events of one document."""
    if extraction.mentions:
        connection.execute(tables.mentions.insert(), [
            {"document_id": document_id, "post_idx": m.post_index, "start": m.span.start, "end": m.span.end,
             "text": m.span.text, "label": m.label, "canonical_id": m.canonical, "role": m.role,
             "affiliation": m.affiliation}
            for m in extraction.mentions
        ])
    quantity_ids = _insert_ids(connection, tables.quantities, [
        {"document_id": document_id, "post_idx": q.post_index, "start": q.span.start, "end": q.span.end,
         "text": q.span.text, "value": q.value, "low": q.low, "high": q.high, "qualifier": q.qualifier,
         "unit": q.unit, "counted": q.counted, "vague": q.vague,
         "counted_start": _bounds(q.counted_span)[0], "counted_end": _bounds(q.counted_span)[1]}
        for q in extraction.quantities
    ])
    fractions = [{"row_id": row_id, "part_of": quantity_ids[quantity.fraction_of]}
                 for quantity, row_id in zip(extraction.quantities, quantity_ids, strict=True)
                 if quantity.fraction_of is not None and 0 <= quantity.fraction_of < len(quantity_ids)]
    if fractions:
        connection.execute(update(tables.quantities).where(tables.quantities.c.id == bindparam("row_id"))
                           .values(fraction_of_id=bindparam("part_of")), fractions)
    claim_ids = _insert_ids(connection, tables.claims, [
        {"document_id": document_id, "post_idx": c.post_index,
         "speaker": c.speaker_text if c.speaker_text is not None else _text(c.speaker),
         "speaker_start": _bounds(c.speaker)[0], "speaker_end": _bounds(c.speaker)[1],
         "speaker_label": c.speaker_label, "speaker_role": c.role, "speaker_affiliation": c.affiliation,
         "anonymous": c.anonymous, "cue": _text(c.cue), "cue_start": _bounds(c.cue)[0], "cue_end": _bounds(c.cue)[1],
         "content": c.content.text, "content_start": c.content.start, "content_end": c.content.end,
         "direct": c.direct, "channel": c.channel, "intermediary": c.intermediary, "stance": c.stance,
         **_time_columns(c.time),
         "date_phrase_start": _bounds(c.time.span if c.time else None)[0],
         "date_phrase_end": _bounds(c.time.span if c.time else None)[1]}
        for c in extraction.claims
    ])
    links = [{"claim_id": claim_ids[n], "quantity_id": quantity_ids[q]}
             for n, claim in enumerate(extraction.claims) for q in sorted(set(claim.quantities))
             if 0 <= q < len(quantity_ids)]
    if links:
        connection.execute(tables.claim_quantities.insert(), links)
    place_ids = _insert_ids(connection, tables.places, [
        {"document_id": document_id, "post_idx": p.post_index, "start": p.span.start, "end": p.span.end,
         "text": p.span.text, "gazetteer_id": p.gazetteer_id, "name": p.name, "country_code": p.country_code,
         "admin1": p.admin1, "admin2": p.admin2, "feature_type": p.feature_type, "lat": p.lat, "lon": p.lon,
         "precision": p.precision, "geo_precision": p.geo_precision, "score": p.score, "reason": p.reason}
        for p in getattr(extraction, "places", [])
    ])
    if extraction.events:
        connection.execute(tables.events.insert(), [
            _event_row(document_id, e, quantity_ids, claim_ids, place_ids) for e in extraction.events
        ])


def _text(span: Span | None) -> str | None:
    return span.text if span is not None else None


def _event_row(
    document_id: str, event, quantity_ids: list[int], claim_ids: list[int], place_ids: list[int] | None = None
) -> dict[str, Any]:
    def quantity_id(index: int | None) -> int | None:
        return quantity_ids[index] if index is not None and 0 <= index < len(quantity_ids) else None

    evidence = {
        "sentence": _span_json(event.evidence), "trigger": _span_json(event.trigger),
        "actor1": _span_json(event.actor1), "actor2": _span_json(event.actor2), "target": _span_json(event.target),
        "weapon": _span_json(event.weapon), "locations": [_span_json(s) for s in event.locations],
        "time": _span_json(event.time.span if event.time else None),
        "restatements": [_span_json(s) for s in event.restatements],
    }
    return {
        "document_id": document_id, "post_idx": event.post_index, "plover_type": event.plover_type,
        "plover_mode": event.plover_mode, "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type, "actor1": _text(event.actor1),
        "actor2": _text(event.actor2), "target": _text(event.target), "weapon": _text(event.weapon),
        **_time_columns(event.time),
        "killed_quantity_id": quantity_id(event.killed), "injured_quantity_id": quantity_id(event.injured),
        "claim_id": claim_ids[event.claim] if event.claim is not None and event.claim < len(claim_ids) else None,
        "claimed_by_belligerent": event.claimed_by_belligerent, "generic": event.generic,
        "confidence": event.confidence, "evidence": json.dumps(evidence),
        "evidence_start": event.evidence.start, "evidence_end": event.evidence.end,
        "trigger_start": event.trigger.start, "trigger_end": event.trigger.end,
        "place_id": (place_ids[event.place] if place_ids and getattr(event, "place", None) is not None
                     and 0 <= event.place < len(place_ids) else None),
    }
