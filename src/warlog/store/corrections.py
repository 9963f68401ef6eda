"""Persisted cluster corrections: an analyst's merge / split decisions, kept in the store.

`reconcile.dedup.cluster_events` takes corrections as plain data and applies them on every run; keeping
them in the store is what makes a human decision survive re-runs and re-ingest. Storing or deleting one
re-clusters the incidents of the members it names in the store's incident index, in the same transaction.
Members are stable ids ("document_id:event_index"), stored as a JSON list, so a correction stays valid
as long as the document it names does; corrections naming documents not (or no longer) stored are
simply ignored by the clustering. Functions take a Store so db.py stays about documents.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from warlog.errors import StoreError
from warlog.reconcile import incident_index
from warlog.reconcile.dedup import Correction
from warlog.store import tables
from warlog.store.db import Store, _reason

ACTIONS = ("merge", "split")


def add_correction(store: Store, action: str, members: list[str], reason: str = "") -> int:
    """Store one correction; returns its id. A merge needs two members or more, a split one or more."""
    if action not in ACTIONS:
        raise StoreError(f"unknown correction {action!r}; choose merge or split")
    members = list(dict.fromkeys(members))
    if len(members) < (2 if action == "merge" else 1):
        raise StoreError(f"a {action} needs {'two different members' if action == 'merge' else 'a member'}")
    table = tables.cluster_corrections
    row = {"action": action, "members": json.dumps(members), "reason": reason or "",
           "created_at": datetime.now(UTC)}
    try:
        with store.engine.begin() as connection:
            number = connection.execute(table.insert().values(**row).returning(table.c.id)).scalar_one()
            incident_index.apply_corrections(connection, members, incident_index.stored_corrections(connection))
            return number
    except SQLAlchemyError as exc:
        raise StoreError(f"{store.label}: could not store the correction ({_reason(exc)})") from exc


def list_corrections(store: Store) -> list[dict[str, Any]]:
    """Every correction, oldest first (the order they are applied in: later ones win)."""
    table = tables.cluster_corrections
    try:
        with store.engine.connect() as connection:
            rows = [dict(r._mapping) for r in connection.execute(select(table).order_by(table.c.id))]
    except SQLAlchemyError as exc:
        raise StoreError(f"{store.label}: cannot read corrections ({_reason(exc)})") from exc
    for row in rows:
        row["members"] = json.loads(row["members"])
    return rows


def delete_correction(store: Store, correction_id: int) -> None:
    """Remove one correction (undo a merge or split); an unknown id is an error."""
    table = tables.cluster_corrections
    try:
        with store.engine.begin() as connection:
            named = connection.execute(select(table.c.members).where(table.c.id == correction_id)).scalar()
            deleted = connection.execute(delete(table).where(table.c.id == correction_id)).rowcount
            if named is not None:
                incident_index.apply_corrections(connection, json.loads(named),
                                                 incident_index.stored_corrections(connection))
    except SQLAlchemyError as exc:
        raise StoreError(f"{store.label}: could not delete correction {correction_id} ({_reason(exc)})") from exc
    if not deleted:
        raise StoreError(f"{store.label}: no correction with id {correction_id}; `warlog corrections` lists them")


def corrections(store: Store) -> list[Correction]:
    """The stored corrections as `cluster_events` takes them, in the order they were made."""
    return [Correction(r["action"], r["members"], r["reason"]) for r in list_corrections(store)]


def resolve_member(store: Store, member: str) -> str:
    """The full member id ("document_id:event_index") for what a user typed, which may shorten the
    document id to a unique prefix; the document and its event must be stored."""
    prefix, colon, index = member.rpartition(":")
    if not colon or not prefix or not index.isdigit():
        raise StoreError(f"member {member!r}: expected DOCUMENT:EVENT, e.g. 3f2a9c1b:4 (`warlog clusters` lists them)")
    document_id = store.resolve_id(prefix)
    events = tables.events
    with store.engine.connect() as connection:
        count = len(connection.execute(select(events.c.id).where(events.c.document_id == document_id)).all())
    if int(index) >= count:
        has = f"{count} events (0 to {count - 1})" if count else "no events"
        raise StoreError(f"member {member!r}: document {document_id[:12]} has {has}")
    return f"{document_id}:{int(index)}"
