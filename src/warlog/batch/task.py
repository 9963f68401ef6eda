"""One work unit on a worker: read -> prepare -> extract, every document a row set or a failure.

This runs inside a Dask worker process. spaCy and the gazetteer are loaded by their own modules once
per process (`warlog.extract.nlp.load_pipeline` is cached, the resolver is a module global), so only a
worker's first task pays for loading them. The result is a set of Arrow tables, returned to the client
that writes them: workers need to read the inputs but never write the output folder.

Nothing is dropped silently: a record the reader rejects, a document `prepare` refuses (furniture
only, not English) and a document whose extraction raised — for any reason, a bug included — each
become a row of `failures` with its origin and the reason.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from warlog.batch.plan import BatchOptions, WorkUnit
from warlog.batch.records import (
    DOCUMENT_SCHEMA,
    FURNITURE_SCHEMA,
    RECORD_TABLES,
    document_row,
    furniture_rows,
    record_rows,
    record_schema,
)
from warlog.clean import repeated_lines
from warlog.errors import InputError, InputTooLargeError, WarlogError, describe_bug
from warlog.pipeline import REPETITION_WINDOW, _windows, extract_safely, prepare
from warlog.schema import Document, Extraction, ExtractionFailure
from warlog.sources import ReadOptions, read_target
from warlog.sources.decode import check_not_binary, decode_bytes
from warlog.sources.jsonl import read_jsonl
from warlog.sources.warc import read_warc

FAILURE_SCHEMA = pa.schema([
    ("unit", pa.string()), ("origin", pa.string()), ("document_id", pa.string()), ("stage", pa.string()),
    ("reason", pa.string()),
])
TABLES = ("documents", "furniture", *RECORD_TABLES, "failures")


def table_schema(name: str) -> pa.Schema:
    if name == "documents":
        return DOCUMENT_SCHEMA
    if name == "furniture":
        return FURNITURE_SCHEMA
    if name == "failures":
        return FAILURE_SCHEMA
    return record_schema(name)


@dataclass
class UnitResult:
    """What a unit produced: one Arrow table per output table, and counts for the progress line."""

    unit: WorkUnit
    tables: dict[str, pa.Table]
    documents: int
    failures: int
    seconds: float
    cpu_seconds: float = 0.0  # of the task's thread: on a shared machine, work done apart from waiting for a core
    worker: str = ""
    errors: list[str] = field(default_factory=list)  # failure reasons, for the client's summary


class _Rows:
    def __init__(self, unit: WorkUnit):
        self.unit = unit
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        self.seen: set[str] = set()  # content hashes: the same content twice in a unit is one document

    def fail(self, origin: str, reason: str, stage: str, document_id: str | None = None) -> None:
        self.rows["failures"].append({"unit": self.unit.key, "origin": origin, "document_id": document_id,
                                      "stage": stage, "reason": reason})

    def add(self, document: Document, posts, extraction: Extraction | None, failure: ExtractionFailure | None) -> None:
        self.rows["documents"].append(document_row(document, self.unit.key, failure))
        self.rows["furniture"].extend(furniture_rows(document))
        self.rows["posts"].extend(record_rows("posts", document.id, posts))
        for name in RECORD_TABLES:
            if name != "posts" and extraction is not None:
                self.rows[name].extend(record_rows(name, document.id, getattr(extraction, name)))

    def tables(self) -> dict[str, pa.Table]:
        return {name: pa.Table.from_pylist(rows, schema=table_schema(name)) for name, rows in self.rows.items()}


def read_unit(unit: WorkUnit, options: ReadOptions, on_error) -> Any:
    """The Documents of a unit: a whole file as `ingest` reads it, or one slice of a big file."""
    if unit.kind == "file":
        return read_target(unit.path, options, on_error)
    with Path(unit.path).open("rb") as handle:
        handle.seek(unit.start)
        data = handle.read((unit.end or 0) - unit.start)
    if unit.kind == "warc":
        return read_warc(io.BytesIO(data), unit.path, options.max_bytes, on_error, first_record=unit.first,
                         **options.fields())
    data = _drop_oversized_lines(data, unit, options.max_bytes, on_error)
    check_not_binary(data, unit.label)
    # Blank lines in front (skipped by the reader, counted by its line numbers) make the reader name
    # records by their line in the whole file; one byte per line before the slice is a small price.
    text = "\n" * (unit.first - 1) + decode_bytes(data, unit.label)
    return read_jsonl(text, unit.path, on_error, **options.fields())


def _drop_oversized_lines(data: bytes, unit: WorkUnit, limit: int, on_error) -> bytes:
    """The size limit holds per record in a slice (a file of many records may be far larger than one):
    a line over it is reported by its number and left blank, and the slice's other records are read."""
    lines = data.split(b"\n")
    for number, line in enumerate(lines):
        if len(line) > limit:
            on_error(InputTooLargeError(
                f"{unit.path} line {unit.first + number}: is {len(line) / 1e6:,.1f} MB, over the "
                f"{limit / 1e6:,.1f} MB limit for one record; raise it with --max-bytes or WARLOG_MAX_BYTES"))
            lines[number] = b""
    return b"\n".join(lines)


def run_unit(unit: WorkUnit, options: BatchOptions) -> UnitResult:
    """Read, prepare and extract every document of `unit`; never raises for a bad input or document."""
    began, cpu_began = time.perf_counter(), time.thread_time()
    rows = _Rows(unit)
    documents = 0

    def record_error(error: InputError) -> None:
        rows.fail(_origin_of(str(error), unit.path), str(error), "read")

    try:
        for window in _windows(read_unit(unit, options.read_options(), record_error), REPETITION_WINDOW):
            boilerplate = repeated_lines(window)
            for document in window:
                if document.id in rows.seen:
                    continue
                rows.seen.add(document.id)
                documents += _one(document, boilerplate.get(document.source or "", set()), options, rows)
    except WarlogError as exc:
        rows.fail(unit.path, str(exc), "read")
    except OSError as exc:
        rows.fail(unit.path, f"{unit.label}: could not be read ({exc.strerror or exc})", "read")
    if documents == 0 and not rows.rows["failures"]:
        rows.fail(unit.path, f"{unit.label}: holds no documents warlog can read", "read")
    failures = rows.rows["failures"]
    return UnitResult(unit=unit, tables=rows.tables(), documents=documents, failures=len(failures),
                      seconds=time.perf_counter() - began, cpu_seconds=time.thread_time() - cpu_began,
                      worker=_worker_name(),
                      errors=[f["reason"] for f in failures])


def _one(document: Document, boilerplate: set[str], options: BatchOptions, rows: _Rows) -> int:
    try:
        posts = prepare(document, boilerplate, options.any_language)
    except InputError as exc:
        rows.fail(document.origin, str(exc), "prepare", document.id)
        return 0
    except Exception as exc:  # noqa: BLE001 - one document's bug must not cost the other documents of the unit
        rows.fail(document.origin, f"{document.origin}: could not be cleaned ({describe_bug(exc)}); please report it",
                  "prepare", document.id)
        return 0
    extraction, failure = extract_safely(document, posts)
    if failure is not None:  # the document, its posts and furniture are still written, marked failed
        reason = failure.reason if document.origin in failure.reason else f"{document.origin}: {failure.reason}"
        rows.fail(document.origin, reason, failure.stage, document.id)
    rows.add(document, posts, extraction, failure)
    return 1


def _origin_of(message: str, fallback: str) -> str:
    """The record a reader's error names ("dump.jsonl line 3: …" -> "dump.jsonl line 3")."""
    head, sep, _ = message.partition(": ")
    return head if sep else fallback


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().name
    except (ImportError, ValueError):
        return ""
