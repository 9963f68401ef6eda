"""Extraction records <-> flat Parquet rows, derived from the dataclasses in `warlog.schema`.

The columns are read off the records' type hints rather than written out by hand, so a field added
to a record travels through `warlog batch` and `warlog load` without a second list to keep in step.
The rules keep every table flat, so DuckDB and pandas read it as it is:

- a `Span` field `x` becomes `x`, `x_start`, `x_end` (text and offsets into the cleaned text); the
  record's own `span` becomes `text`, `start`, `end`, and a nested one (a TimeRef's) `<prefix>phrase`;
- a nested record (`time: TimeRef`) is spread into `time_*` columns;
- a `datetime` becomes a UTC timestamp for readers plus `<name>_iso`, the value exactly as read
  (naive or with its own offset), which is what `load` stores, so a load equals an ingest;
- a list of spans (an event's locations) is a JSON string, a list of indexes a list<int64>;
- `post_index` is `post_idx` and a record's position in its document's list is `idx`, as in the store;
  indexes between records (a claim's quantities, an event's claim and place) stay list indexes.
"""

from __future__ import annotations

import json
import types
from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

import pyarrow as pa

from warlog.schema import (
    Claim,
    Document,
    Event,
    ExtractionFailure,
    Mention,
    OffsetMap,
    Place,
    Post,
    Quantity,
    Removed,
    Span,
)

_SCALARS: dict[type, pa.DataType] = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(),
                                     date: pa.date32()}
_TIMESTAMP = pa.timestamp("us", tz="UTC")
_RENAMED = {"post_index": "post_idx", "index": "idx"}


def _bare(hint: Any) -> Any:
    """`X | None` -> X."""
    if get_origin(hint) in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        return options[0] if len(options) == 1 else hint
    return hint


def _span_names(name: str, prefix: str) -> tuple[str, str, str]:
    if name == "span":
        return ("text", "start", "end") if not prefix else (f"{prefix}phrase", f"{prefix}phrase_start",
                                                            f"{prefix}phrase_end")
    base = f"{prefix}{name}"
    return base, f"{base}_start", f"{base}_end"


class Columns:
    """The flat columns of one record class, and the conversions both ways."""

    def __init__(self, cls: type, prefix: str = ""):
        self.cls = cls
        self.prefix = prefix
        self.fields: list[tuple[str, Any]] = [(f.name, _bare(get_type_hints(cls)[f.name])) for f in fields(cls)]
        self.nested = {name: Columns(hint, f"{name}_") for name, hint in self.fields
                       if is_dataclass(hint) and hint is not Span}

    def schema(self) -> list[tuple[str, pa.DataType]]:
        columns: list[tuple[str, pa.DataType]] = []
        for name, hint in self.fields:
            if hint is Span:
                text, start, end = _span_names(name, self.prefix)
                columns += [(text, pa.string()), (start, pa.int64()), (end, pa.int64())]
            elif name in self.nested:
                columns += self.nested[name].schema()
            elif hint is datetime:
                column = self._name(name)
                columns += [(column, _TIMESTAMP), (f"{column}_iso", pa.string())]
            elif get_origin(hint) is list:
                item = get_args(hint)[0]
                columns.append((self._name(name), pa.string() if item is Span else pa.list_(pa.int64())))
            else:
                columns.append((self._name(name), _SCALARS[hint]))
        return columns

    def _first_column(self, name: str, hint: Any) -> str:
        if hint is Span:
            return _span_names(name, self.prefix)[1]
        if name in self.nested:
            return _span_names("span", self.nested[name].prefix)[1]
        return f"{self._name(name)}_iso" if hint is datetime else self._name(name)

    def _name(self, name: str) -> str:
        return f"{self.prefix}{_RENAMED.get(name, name)}"

    def to_row(self, record: Any) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for name, hint in self.fields:
            value = getattr(record, name) if record is not None else None
            if hint is Span:
                text, start, end = _span_names(name, self.prefix)
                row.update({text: value.text, start: value.start, end: value.end} if value is not None
                           else {text: None, start: None, end: None})
            elif name in self.nested:
                row.update(self.nested[name].to_row(value))
            elif hint is datetime:
                column = self._name(name)
                row[column] = _utc(value)
                row[f"{column}_iso"] = value.isoformat() if value is not None else None
            elif get_origin(hint) is list and get_args(hint)[0] is Span:
                row[self._name(name)] = None if value is None else json.dumps(
                    [{"start": s.start, "end": s.end, "text": s.text} for s in value], ensure_ascii=False)
            else:
                row[self._name(name)] = list(value) if isinstance(value, list) else value
        return row

    def from_row(self, row: dict[str, Any]) -> Any:
        """The record a row was made from; a nested record whose span is missing is None.

        A field with no column (partitions written before the field was added to the record) keeps the
        record's default, so output of an older warlog still loads.
        """
        values: dict[str, Any] = {}
        for name, hint in self.fields:
            if self._first_column(name, hint) not in row:
                continue
            if hint is Span:
                text, start, end = _span_names(name, self.prefix)
                values[name] = None if row[start] is None else Span(row[start], row[end], row[text])
            elif name in self.nested:
                nested = self.nested[name]
                values[name] = None if row[_span_names("span", nested.prefix)[1]] is None else nested.from_row(row)
            elif hint is datetime:
                iso = row[f"{self._name(name)}_iso"]
                values[name] = datetime.fromisoformat(iso) if iso is not None else None
            elif get_origin(hint) is list and get_args(hint)[0] is Span:
                raw = row[self._name(name)]
                values[name] = [Span(s["start"], s["end"], s["text"]) for s in json.loads(raw)] if raw else []
            elif get_origin(hint) is list:
                values[name] = list(row[self._name(name)] or [])
            else:
                values[name] = row[self._name(name)]
        return self.cls(**values)


def _utc(value: datetime | None) -> datetime | None:
    """A timestamp readers can compare: aware ones in UTC, naive ones taken as UTC."""
    if value is None:
        return None
    return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)


# Tables of per-document record lists: name -> record class. Posts are the document's segments; the
# others are the Extraction's lists of the same name.
RECORD_TABLES: dict[str, type] = {"posts": Post, "mentions": Mention, "quantities": Quantity, "claims": Claim,
                                  "places": Place, "events": Event}


@cache
def columns(table: str) -> Columns:
    return Columns(RECORD_TABLES[table])


@cache
def record_schema(table: str) -> pa.Schema:
    """document_id first, then the record's position in its document's list, then its fields."""
    own = [c for c in columns(table).schema() if c[0] != "idx"]
    return pa.schema([("document_id", pa.string()), ("idx", pa.int64()), *own])


def record_rows(table: str, document_id: str, records: list[Any]) -> list[dict[str, Any]]:
    spec = columns(table)
    rows = []
    for position, record in enumerate(records):
        row = spec.to_row(record)
        rows.append({"document_id": document_id, **row, "idx": row.get("idx", position)})
    return rows


def records_from_rows(table: str, rows: list[dict[str, Any]]) -> list[Any]:
    """Rows of one document (any order) back into its list of records, in list order."""
    spec = columns(table)
    return [spec.from_row(r) for r in sorted(rows, key=lambda r: r["idx"])]


# -- documents and their furniture: hand-written, as a Document holds reader state that is not kept ----------

DOCUMENT_SCHEMA = pa.schema([
    ("document_id", pa.string()), ("unit", pa.string()), ("origin", pa.string()), ("format", pa.string()),
    ("url", pa.string()), ("source", pa.string()), ("title", pa.string()), ("published", _TIMESTAMP),
    ("published_iso", pa.string()), ("language", pa.string()), ("raw", pa.string()), ("source_text", pa.string()),
    ("clean_text", pa.string()), ("offset_map", pa.string()), ("meta", pa.string()),
    ("extraction_status", pa.string()), ("extraction_stage", pa.string()), ("extraction_error", pa.string()),
])
FURNITURE_SCHEMA = pa.schema([
    ("document_id", pa.string()), ("position", pa.int64()), ("text", pa.string()), ("reason", pa.string()),
    ("source_start", pa.int64()), ("source_end", pa.int64()),
])


def document_row(document: Document, unit: str, failure: ExtractionFailure | None = None) -> dict[str, Any]:
    """What the store keeps of a Document (its reader blocks are not kept there either); a document whose
    extraction failed is kept too, with the stage and the reason, as `ingest` keeps it."""
    return {
        "extraction_status": "failed" if failure is not None else "done",
        "extraction_stage": failure.stage if failure is not None else None,
        "extraction_error": failure.reason if failure is not None else None,
        "document_id": document.id, "unit": unit, "origin": document.origin, "format": document.format,
        "url": document.url, "source": document.source, "title": document.title,
        "published": _utc(document.published),
        "published_iso": document.published.isoformat() if document.published else None,
        "language": document.language, "raw": document.raw, "source_text": document.source_text,
        "clean_text": document.text, "offset_map": json.dumps([list(run) for run in document.offsets.runs]),
        "meta": json.dumps(document.meta, default=str, ensure_ascii=False),
    }


def furniture_rows(document: Document) -> list[dict[str, Any]]:
    return [{"document_id": document.id, "position": n, "text": r.text, "reason": r.reason,
             "source_start": r.start, "source_end": r.end} for n, r in enumerate(document.removed)]


def failure_from_row(row: dict[str, Any]) -> ExtractionFailure | None:
    """Why a document of a batch output has no extraction, or None (output written before this column existed
    holds only documents whose extraction succeeded)."""
    if row.get("extraction_status") != "failed":
        return None
    return ExtractionFailure(row.get("extraction_stage") or "extract", row.get("extraction_error") or "")


def document_from_row(row: dict[str, Any], furniture: list[dict[str, Any]]) -> Document:
    published = row["published_iso"]
    return Document(
        id=row["document_id"], raw=row["raw"], format=row["format"], source_text=row["source_text"], blocks=[],
        url=row["url"], source=row["source"], title=row["title"],
        published=datetime.fromisoformat(published) if published else None, language=row["language"],
        origin=row["origin"], text=row["clean_text"],
        offsets=OffsetMap([tuple(run) for run in json.loads(row["offset_map"])]),
        removed=[Removed(f["text"], f["reason"], f["source_start"], f["source_end"])
                 for f in sorted(furniture, key=lambda f: f["position"])],
        meta=json.loads(row["meta"]),
    )
