"""Rebuilding (Document, Extraction) pairs from the store, the input the reconcile functions take.

The ledger and the event clusters are pure functions of extraction records; to run them on what was
ingested earlier (possibly by another process, or on a Dask worker) the records are rebuilt from the
rows `store.extraction.write_extraction` wrote. Rows point at each other by database id; here those
ids become list indexes again, in insertion (id) order, which is the order of the original lists.

What is not stored cannot come back: a Document has no reader blocks, `Extraction.times` holds only
the time phrases claims and events kept (de-duplicated by span), and a TimeRef's `resolved` flag is
taken to be "has a start date".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select

from warlog.errors import StoreError
from warlog.schema import (
    Claim,
    Document,
    Event,
    Extraction,
    Mention,
    OffsetMap,
    Place,
    Post,
    Quantity,
    Removed,
    Span,
    TimeRef,
)
from warlog.store import tables


def load_extractions(store, document_ids: Sequence[str] | None = None) -> list[tuple[Document, Extraction]]:
    """Every stored document (or those of `document_ids`) with its extraction, in ingest order.

    Each table is read in one query (or one per chunk of documents), not one per document: rebuilding the
    ledger of a 10,000-document store took 50,000 round trips before."""
    d = tables.documents
    query = select(d).order_by(d.c.ingested_at, d.c.id)
    if document_ids is not None:
        query = query.where(d.c.id.in_(list(document_ids)))
    with store.engine.connect() as connection:
        rows = [dict(r._mapping) for r in connection.execute(query)]
        if document_ids is not None:
            missing = sorted(set(document_ids) - {r["id"] for r in rows})
            if missing:
                raise StoreError(f"{store.label}: no document with id {missing[0]!r}")
        rows_of = _Children(connection, [r["id"] for r in rows] if document_ids is not None else None)
        return [_load_one(rows_of, row) for row in rows]


def load_document(store, document_id: str) -> tuple[Document, list[Post]]:
    """A stored document as `prepare` left it, cleaned and segmented, ready to be extracted again."""
    d = tables.documents
    with store.engine.connect() as connection:
        row = connection.execute(select(d).where(d.c.id == document_id)).first()
        if row is None:
            raise StoreError(f"{store.label}: no document with id {document_id!r}")
        rows_of = _Children(connection, [document_id])
        document = _document(dict(row._mapping), rows_of.of(tables.furniture, document_id))
        posts = [_post(post, document.text) for post in rows_of.of(tables.posts, document_id)]
    return document, posts


def _post(row: dict[str, Any], text: str) -> Post:
    return Post(index=row["idx"], kind=row["kind"], published=row["published"],
                headline=_span(text, row["headline_start"], row["headline_end"]),
                body=_span(text, row["body_start"], row["body_end"]),
                lead=_span(text, row["lead_start"], row["lead_end"]))


# Documents per query when only some are loaded: far below SQLite's limit of bound parameters.
_CHUNK = 500
# Rows fetched from the driver at once while a table is read (`Result.partitions`).
_FETCH = 1000
# `_selection`'s statement for one document, by table name, made on first use.
_ONE_DOCUMENT: dict[str, Any] = {}


def _selection(table, chunk: list[str] | None):
    """The query of `table`'s rows of the documents of `chunk` (None: every document), by document then id. One
    document (what `load_extraction` asks at every ingest) is asked by equality with a bound id, so that the
    statement is made once per table and the same compiled form reused (an IN list of one was a new statement and
    a list expanded at every call)."""
    order = table.c.position if table is tables.furniture else table.c.id
    query = select(table).order_by(table.c.document_id, order)
    if chunk is None:
        return query, {}
    if len(chunk) == 1:
        statement = _ONE_DOCUMENT.get(table.name)
        if statement is None:
            statement = _ONE_DOCUMENT[table.name] = query.where(table.c.document_id == bindparam("document_id"))
        return statement, {"document_id": chunk[0]}
    return query.where(table.c.document_id.in_(chunk)), {}


class _Children:
    """The rows of each per-document table, grouped by document and in id order, read table by table."""

    def __init__(self, connection: Connection, document_ids: list[str] | None) -> None:
        self.connection = connection
        self.chunks: list[list[str] | None] = [None] if document_ids is None else [
            document_ids[n:n + _CHUNK] for n in range(0, len(document_ids), _CHUNK)]
        self.cache: dict[str, dict[str, list[dict[str, Any]]]] = {}
        self.links: dict[int, list[int]] | None = None

    def of(self, table, document_id: str) -> list[dict[str, Any]]:
        """Each row as a dict of its columns by name. Made from the row's values and the result's keys, read once,
        and fetched a thousand at a time: a mapping view per row and a fetch per row were most of the cost of
        reading back a document's extraction at ingest (`load_extraction`, for the ledger)."""
        if table.name not in self.cache:
            grouped: dict[str, list[dict[str, Any]]] = {}
            for chunk in self.chunks:
                query, parameters = _selection(table, chunk)
                result = self.connection.execute(query, parameters)
                keys = list(result.keys())
                at = keys.index("document_id")
                for rows in result.partitions(_FETCH):
                    for row in rows:
                        grouped.setdefault(row[at], []).append(dict(zip(keys, row, strict=True)))
            self.cache[table.name] = grouped
        return self.cache[table.name].get(document_id, [])

    def quantity_ids(self, claim_id: int) -> list[int]:
        """The quantity ids a claim holds, in id order."""
        if self.links is None:
            self.links = {}
            cq, c = tables.claim_quantities, tables.claims
            for chunk in self.chunks:
                query = select(cq.c.claim_id, cq.c.quantity_id).order_by(cq.c.claim_id, cq.c.quantity_id)
                if chunk is not None:
                    query = query.join(c, c.c.id == cq.c.claim_id).where(c.c.document_id.in_(chunk))
                for link in self.connection.execute(query):
                    self.links.setdefault(link.claim_id, []).append(link.quantity_id)
        return self.links.get(claim_id, [])


def _document(row: dict[str, Any], removed: list[dict[str, Any]]) -> Document:
    return Document(
        id=row["id"], raw=row["raw"], format=row["format"], source_text=row["source_text"], blocks=[],
        url=row["url"], source=row["source"], title=row["title"], published=row["published"],
        language=row["language"], origin=row["origin"], text=row["clean_text"],
        offsets=OffsetMap([tuple(run) for run in json.loads(row["offset_map"] or "[]")]),
        removed=[Removed(r["text"], r["reason"], r["source_start"], r["source_end"]) for r in removed],
        meta=json.loads(row["meta"] or "{}"),
    )


def _span(text: str, start: int | None, end: int | None) -> Span | None:
    """A span rebuilt from its offsets; the text is cut from the cleaned text the offsets point into."""
    if start is None or end is None:
        return None
    return Span(start, end, text[start:end])


def _span_json(value: dict[str, Any] | None) -> Span | None:
    return None if value is None else Span(value["start"], value["end"], value["text"])


def _day(value: date | datetime | str | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value


def _time(row: dict[str, Any], span: Span | None, post_index: int | None) -> TimeRef | None:
    if span is None:
        return None
    start = _day(row["date_start"])
    return TimeRef(span=span, start=start, end=_day(row["date_end"]), precision=row["date_precision"] or "unknown",
                   resolved=start is not None, approximate=bool(row.get("date_approximate")), post_index=post_index)


def load_extraction(connection: Connection, document_id: str, text: str) -> Extraction:
    """One stored document's extraction, read in the caller's transaction (`text`: its cleaned text).

    Why: what is derived from a document when it is stored (the ledger's figures) is derived from its extraction
    as the store gives it back, so that it is the same when derived again later from the store."""
    return _extraction(_Children(connection, [document_id]), document_id, text)


def _load_one(rows_of: _Children, row: dict[str, Any]) -> tuple[Document, Extraction]:
    document = _document(row, rows_of.of(tables.furniture, row["id"]))
    return document, _extraction(rows_of, row["id"], row["clean_text"])


def _extraction(rows_of: _Children, document_id: str, text: str) -> Extraction:
    extraction = Extraction(document_id=document_id)

    extraction.mentions = [
        Mention(Span(m["start"], m["end"], m["text"]), m["label"], m["canonical_id"], m["role"], m["affiliation"],
                m["post_idx"])
        for m in rows_of.of(tables.mentions, document_id)
    ]
    quantity_rows = rows_of.of(tables.quantities, document_id)
    quantity_index = {q["id"]: n for n, q in enumerate(quantity_rows)}
    extraction.quantities = [
        Quantity(Span(q["start"], q["end"], q["text"]), q["value"], q["low"], q["high"], q["qualifier"], q["unit"],
                 q["counted"], _span(text, q["counted_start"], q["counted_end"]), bool(q["vague"]),
                 quantity_index.get(q["fraction_of_id"]), q["post_idx"])
        for q in quantity_rows
    ]
    claim_rows = rows_of.of(tables.claims, document_id)
    claim_index = {c["id"]: n for n, c in enumerate(claim_rows)}
    extraction.claims = [
        _claim(c, text, [quantity_index[q] for q in rows_of.quantity_ids(c["id"]) if q in quantity_index])
        for c in claim_rows
    ]

    place_rows = rows_of.of(tables.places, document_id)
    place_index = {p["id"]: n for n, p in enumerate(place_rows)}
    extraction.places = [
        Place(Span(p["start"], p["end"], p["text"]), p["gazetteer_id"], p["name"], p["country_code"], p["admin1"],
              p["admin2"], p["feature_type"], p["lat"], p["lon"], p["precision"], p["geo_precision"], p["score"],
              p["reason"], p["post_idx"])
        for p in place_rows
    ]
    extraction.events = [
        _event(e, quantity_index, claim_index, place_index) for e in rows_of.of(tables.events, document_id)
    ]
    times = [c.time for c in extraction.claims] + [e.time for e in extraction.events]
    by_span = {(t.span.start, t.span.end): t for t in times if t is not None}
    extraction.times = [by_span[key] for key in sorted(by_span)]
    return extraction


def _claim(row: dict[str, Any], text: str, quantities: list[int]) -> Claim:
    phrase = _span(text, row["date_phrase_start"], row["date_phrase_end"])
    return Claim(
        content=Span(row["content_start"], row["content_end"], row["content"]),
        speaker=_span(text, row["speaker_start"], row["speaker_end"]), speaker_text=row["speaker"],
        speaker_label=row["speaker_label"], role=row["speaker_role"], affiliation=row["speaker_affiliation"],
        anonymous=bool(row["anonymous"]), cue=_span(text, row["cue_start"], row["cue_end"]),
        direct=bool(row["direct"]), channel=row["channel"], intermediary=row["intermediary"],
        stance=row["stance"] or "assert", time=_time(row, phrase, row["post_idx"]), quantities=quantities,
        post_index=row["post_idx"],
    )


def _event(
    row: dict[str, Any], quantity_index: dict[int, int], claim_index: dict[int, int], place_index: dict[int, int]
) -> Event:
    evidence = json.loads(row["evidence"] or "{}")
    sentence = _span_json(evidence.get("sentence"))
    trigger = _span_json(evidence.get("trigger"))
    if sentence is None or trigger is None:
        raise StoreError(f"event {row['id']} of document {row['document_id']} has no evidence spans")
    return Event(
        plover_type=row["plover_type"], trigger=trigger, evidence=sentence, plover_mode=row["plover_mode"],
        acled_event_type=row["acled_event_type"], acled_sub_event_type=row["acled_sub_event_type"],
        actor1=_span_json(evidence.get("actor1")), actor2=_span_json(evidence.get("actor2")),
        target=_span_json(evidence.get("target")), weapon=_span_json(evidence.get("weapon")),
        locations=[s for s in map(_span_json, evidence.get("locations") or []) if s is not None],
        restatements=[s for s in map(_span_json, evidence.get("restatements") or []) if s is not None],
        time=_time(row, _span_json(evidence.get("time")), row["post_idx"]),
        killed=quantity_index.get(row["killed_quantity_id"]), injured=quantity_index.get(row["injured_quantity_id"]),
        claim=claim_index.get(row["claim_id"]), claimed_by_belligerent=bool(row["claimed_by_belligerent"]),
        generic=bool(row["generic"]), confidence=row["confidence"] if row["confidence"] is not None else 0.5,
        post_index=row["post_idx"], place=place_index.get(row["place_id"]),
    )
