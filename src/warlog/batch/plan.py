"""Inputs -> work units: a whole file, or a slice of a big JSONL or WARC file.

A unit is what one Dask task reads and what one set of Parquet partitions holds. Small files are one
unit each and are read exactly as `warlog ingest` reads them. A JSONL or WARC file with more records
than `chunk` is cut into slices of `chunk` records (lines, or HTML response records) at byte offsets
found by one quick scan, so one big archive keeps every worker busy. Cross-document furniture
detection looks at the documents of one unit at a time; with the default chunk (the window `ingest`
uses) a file with no unreadable records gets the same windows as under `warlog ingest`.

A unit's key hashes the file's resolved path, size and modification time, the byte range and the
options that change the output: a re-run finds the same keys for unchanged inputs and skips them,
and a file that changed gets new keys (its old partitions are then replaced, see `partitions`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from warlog.pipeline import REPETITION_WINDOW
from warlog.sources import ReadOptions, is_url
from warlog.sources.detect import detect_format

DEFAULT_CHUNK = REPETITION_WINDOW
_HEAD = 1 << 20  # bytes looked at to recognise JSON Lines


@dataclass(frozen=True)
class BatchOptions:
    """What the user said about the inputs; part of every unit's key."""

    published: str | None = None  # ISO text, so the options pickle and hash the same everywhere
    source: str | None = None
    any_language: bool = False
    max_bytes: int | None = None

    def read_options(self) -> ReadOptions:
        from datetime import datetime

        options = ReadOptions(published=datetime.fromisoformat(self.published) if self.published else None,
                              source=self.source)
        if self.max_bytes is not None:
            options.max_bytes = self.max_bytes
        return options


@dataclass(frozen=True)
class WorkUnit:
    """One task: `path` whole (kind "file"), or bytes [start, end) of it from record number `first`."""

    key: str
    path: str  # as the user gave it (after folder expansion): documents' origins name it so
    kind: str  # "file", "jsonl" or "warc"
    start: int = 0
    end: int | None = None
    first: int = 1
    records: int | None = None

    @property
    def label(self) -> str:
        if self.kind == "file":
            return self.path
        noun = "lines" if self.kind == "jsonl" else "records"
        last = self.first + (self.records or 1) - 1
        return f"{self.path} {noun} {self.first}–{last}"

    def describe(self) -> dict:
        return asdict(self)


def _key(path: Path, kind: str, start: int, end: int | None, options: BatchOptions) -> str:
    stat = path.stat()
    given = {"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "kind": kind,
             "start": start, "end": end, "options": asdict(options)}
    return hashlib.sha256(json.dumps(given, sort_keys=True).encode()).hexdigest()[:24]


def _whole(target: str, options: BatchOptions) -> WorkUnit:
    path = Path(target)
    try:
        key = _key(path, "file", 0, None, options)
    except OSError:
        # Missing or unreadable: still a unit, so the worker reports it as `ingest` would (never dropped).
        key = hashlib.sha256(f"missing:{target}:{asdict(options)}".encode()).hexdigest()[:24]
    return WorkUnit(key=key, path=target, kind="file")


def plan_units(targets: list[str], options: BatchOptions, chunk: int = DEFAULT_CHUNK) -> list[WorkUnit]:
    """The work units of expanded inputs (files; folders were expanded by the caller), in input order."""
    units: list[WorkUnit] = []
    for target in targets:
        path = Path(target)
        if target == "-" or is_url(target) or not path.is_file():
            units.append(_whole(target, options))
            continue
        slices = _slices(path, chunk)
        if len(slices) <= 1:
            units.append(_whole(target, options))
            continue
        kind = _kind(path)
        for start, end, first, records in slices:
            units.append(WorkUnit(key=_key(path, kind, start, end, options), path=target, kind=kind, start=start,
                                  end=end, first=first, records=records))
    unique = {u.key: u for u in reversed(units)}  # a file given twice is one unit, at its first place
    return [u for u in units if unique.get(u.key) is u]


def _kind(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(4)
    return "warc" if head.startswith(b"WARC") or head[:2] == b"\x1f\x8b" else "jsonl"


def _slices(path: Path, chunk: int) -> list[tuple[int, int, int, int]]:
    """(start, end, first record number, records) per slice; one or none when the file is not split."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
            if head.startswith(b"WARC") or head[:2] == b"\x1f\x8b":
                handle.seek(0)
                return _warc_slices(handle, chunk)
            if _is_jsonl(head):
                handle.seek(0)
                return _jsonl_slices(handle, chunk)
    except OSError:
        return []
    return []


def _is_jsonl(head: bytes) -> bool:
    if b"\x00" in head[:4096]:
        return False
    return detect_format(head.decode("utf-8", errors="replace")) == "jsonl"


def _jsonl_slices(handle, chunk: int) -> list[tuple[int, int, int, int]]:
    """Cut after every `chunk` non-blank lines; line numbers count blank lines too, as the reader does."""
    slices = []
    start, first, records, position = 0, 1, 0, 0
    for number, line in enumerate(handle, 1):
        if records == chunk and line.strip():
            slices.append((start, position, first, records))
            start, first, records = position, number, 0
        position += len(line)
        if line.strip():
            records += 1
    if records:
        slices.append((start, position, first, records))
    return slices


def _warc_slices(handle, chunk: int) -> list[tuple[int, int, int, int]]:
    """Cut before the HTML response record that would make a slice hold more than `chunk` of them."""
    slices = []
    start, first, records = 0, 1, 0
    try:
        iterator = ArchiveIterator(handle)
        for number, record in enumerate(iterator, 1):
            if not _is_html_response(record):
                continue
            if records == chunk:
                offset = iterator.get_record_offset()
                slices.append((start, offset, first, records))
                start, first, records = offset, number, 0
            records += 1
    except (ArchiveLoadFailed, OSError, EOFError, ValueError):
        return []  # not a readable archive: read whole, so the reader reports why
    end = os.fstat(handle.fileno()).st_size
    slices.append((start, end, first, records))
    return slices


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    return "html" in (record.http_headers.get_header("Content-Type") or "").lower()
