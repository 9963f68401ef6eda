"""JSON Lines reader: one record per line with `text` or `html`, optional url, published, source, title."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from warlog.errors import FormatError, InputError, InputTooLargeError
from warlog.schema import Document
from warlog.sources.dates import parse_iso
from warlog.sources.decode import decode_bytes
from warlog.sources.html import read_html
from warlog.sources.text import read_text


def read_jsonl(text: str, origin: str, on_error=None, **fields) -> Iterator[Document]:
    """Yield a Document per good record; a bad record is reported through `on_error` and skipped.

    Without `on_error` the first bad record raises, so a caller never loses one silently.
    """
    # Records end at "\n" only: str.splitlines() would also cut at U+2028, U+0085 and the like,
    # which JSON allows unescaped inside strings (json.dumps(..., ensure_ascii=False) writes them).
    yield from read_jsonl_lines(iter(text.split("\n")), origin, on_error, **fields)


def read_jsonl_lines(lines: Iterator[str | InputError], origin: str, on_error=None, **fields) -> Iterator[Document]:
    """`read_jsonl` over lines given one at a time, so a large file is never held whole in memory.

    A line may be an InputError already (a record that could not be read); it is reported like a bad record.
    """
    found = False
    for number, line in enumerate(lines, 1):
        if not isinstance(line, str):
            if on_error is None:
                raise line
            on_error(line)
            continue
        if not line.strip():
            continue
        where = f"{origin} line {number}"
        try:
            document = _record(line, where, fields)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        found = True
        yield document
    if not found and on_error is None:
        raise FormatError(f"{origin}: holds no records with text")


def stream_lines(handle: BinaryIO, origin: str, max_bytes: int) -> Iterator[str | InputError]:
    """Decoded lines of a JSON Lines file, read one at a time; a line over `max_bytes` is an error.

    The size limit applies to each record, not to the file: a file of many documents is held in
    memory one record at a time (as WARC archives are). A line that is not UTF-8 is decoded as
    `decode_bytes` decodes a whole input (legacy and mixed encodings).
    """
    for number, raw in enumerate(handle, 1):
        where = f"{origin} line {number}"
        if len(raw) > max_bytes:
            yield InputTooLargeError(
                f"{where}: is {len(raw) / 1e6:,.1f} MB, over the {max_bytes / 1e6:,.1f} MB limit for one record; "
                "raise it with --max-bytes or WARLOG_MAX_BYTES"
            )
            continue
        try:
            yield raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            try:
                yield decode_bytes(raw, where).rstrip("\r\n") if raw.strip() else ""
            except InputError as exc:
                yield exc


def _record(line: str, where: str, fields: dict) -> Document:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise FormatError(f"{where}: is not valid JSON ({exc.args[0]})") from exc
    if not isinstance(record, dict):
        raise FormatError(f"{where}: is not a JSON object")
    given = {
        "url": _string(record, "url"),
        "source": fields.get("source") or _string(record, "source"),
        "published": fields.get("published") or parse_iso(record.get("published")),
        "title": _string(record, "title"),
    }
    # Only what the record (or the user) gives: a missing field must not hide what an `html` page
    # says of itself (its published date, its title, its canonical URL).
    given = {key: value for key, value in given.items() if value}
    if isinstance(record.get("html"), str) and record["html"].strip():
        return read_html(record["html"], where, **given)
    if isinstance(record.get("text"), str) and record["text"].strip():
        return read_text(record["text"], where, **given)
    raise FormatError(f"{where}: has neither a non-empty `text` nor `html` field")


def _string(record: dict, key: str) -> str | None:
    """A text field of a record; another JSON type there (a number, a list) is ignored, not passed on to the
    HTML reader and the store, which expect text (a numeric `url` crashed the date finder)."""
    value = record.get(key)
    return value if isinstance(value, str) else None
