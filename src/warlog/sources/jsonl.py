"""JSON Lines reader: one record per line with `text` or `html`, optional url, published, source, title."""

from __future__ import annotations

import json
from collections.abc import Iterator

from warlog.errors import FormatError, InputError
from warlog.schema import Document
from warlog.sources.dates import parse_iso
from warlog.sources.html import read_html
from warlog.sources.text import read_text


def read_jsonl(text: str, origin: str, on_error=None, first_line: int = 1, **fields) -> Iterator[Document]:
    """Yield a Document per good record; a bad record is reported through `on_error` and skipped.

    Without `on_error` the first bad record raises, so a caller never loses one silently.
    `first_line` is the line number of `text`'s first line in its file, so a slice of a big file
    (as `warlog batch` reads them) names its records by their real line numbers.
    """
    found = False
    # Records end at "\n" only: str.splitlines() would also cut at U+2028, U+0085 and the like,
    # which JSON allows unescaped inside strings (json.dumps(..., ensure_ascii=False) writes them).
    for number, line in enumerate(text.split("\n"), first_line):
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


def _record(line: str, where: str, fields: dict) -> Document:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise FormatError(f"{where}: is not valid JSON ({exc.args[0]})") from exc
    if not isinstance(record, dict):
        raise FormatError(f"{where}: is not a JSON object")
    given = {
        "url": record.get("url"),
        "source": fields.get("source") or record.get("source"),
        "published": fields.get("published") or parse_iso(record.get("published")),
        "title": record.get("title"),
    }
    # Only what the record (or the user) gives: a missing field must not hide what an `html` page
    # says of itself (its published date, its title, its canonical URL).
    given = {key: value for key, value in given.items() if value}
    if isinstance(record.get("html"), str) and record["html"].strip():
        return read_html(record["html"], where, **given)
    if isinstance(record.get("text"), str) and record["text"].strip():
        return read_text(record["text"], where, **given)
    raise FormatError(f"{where}: has neither a non-empty `text` nor `html` field")
