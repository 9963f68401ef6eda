"""Ingesting one article sent to the API, through the same pipeline steps as `warlog ingest`.

Text comes in the request body, so it is read from memory rather than a file; a URL is fetched by
the same reader as the CLI's, which refuses private, loopback and link-local addresses (the API has
no `--allow-private`). Errors become results, as in the pipeline.
"""

from __future__ import annotations

from datetime import date, datetime

from warlog import settings
from warlog.errors import InputError, WarlogError
from warlog.pipeline import IngestResult, _ingest_one
from warlog.sources import ReadOptions, read_bytes, read_target
from warlog.store import Store


def ingest_request(store: Store, text: str | None, url: str | None, published: date | None,
                   source: str | None) -> list[IngestResult]:
    """Ingest the text or the URL; one result per document read (or one error)."""
    when = datetime(published.year, published.month, published.day) if published else None
    options = ReadOptions(published=when, source=source, allow_private=False, max_bytes=settings.max_bytes())
    origin = url or "api:text"
    results: list[IngestResult] = []

    def record_error(error: InputError) -> None:
        results.append(IngestResult(origin=origin, status="error", error=str(error)))

    try:
        for name, value in (("text", text), ("source", source)):
            if value is not None and not _encodable(value):
                raise InputError(f"{origin}: '{name}' holds an unpaired surrogate (an escape such as \\ud800 "
                                 "that is not a character); send text as valid Unicode")
        if text is not None:
            data = text.encode("utf-8")
            if len(data) > options.max_bytes:
                raise InputError(f"{origin}: larger than {options.max_bytes} bytes")
            documents = read_bytes(data, origin, options, record_error)
        else:
            documents = read_target(url or "", options, record_error)
        for document in documents:
            results.append(_ingest_one(document, store, set(), False, True))
    except WarlogError as exc:
        results.append(IngestResult(origin=origin, status="error", error=str(exc)))
    return results or [IngestResult(origin=origin, status="error", error=f"{origin}: no document in the input")]


def _encodable(value: str) -> bool:
    """False for a string holding lone surrogates, which JSON's \\u escapes allow and UTF-8 cannot hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
