"""WARC reader: one Document per HTML response record, streamed so archives of any size can be read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from warlog.errors import FormatError, InputError, InputTooLargeError
from warlog.schema import Document
from warlog.sources.decode import decode_bytes
from warlog.sources.html import read_html


def read_warc(
    stream: BinaryIO,
    origin: str,
    max_bytes: int,
    on_error: Callable[[InputError], None] | None = None,
    first_record: int = 1,
    **fields,
) -> Iterator[Document]:
    """Yield a Document for each HTML response; a bad record is reported via `on_error` and skipped.

    `first_record` is the number of the stream's first record in its archive, so a slice read from
    a record offset (as `warlog batch` reads big archives) names records as the whole archive would.
    """
    found = 0
    try:
        for number, record in _records(stream, origin, first_record):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin} record {number} ({url})"
            try:
                yield _record_document(record, where, url, max_bytes, fields)
                found += 1
            except InputError as exc:
                if on_error is None:
                    raise
                on_error(exc)
    except ArchiveLoadFailed as exc:
        raise FormatError(f"{origin}: is not a readable WARC archive ({exc})") from exc
    if found == 0 and on_error is None:
        raise FormatError(f"{origin}: holds no HTML response records")


def _records(stream: BinaryIO, origin: str, first: int) -> Iterator[tuple[int, object]]:
    """warcio's records, numbered; whatever warcio raises on a malformed record becomes a FormatError.

    warcio reports some malformations with its own ArchiveLoadFailed and others with whatever broke inside it
    (an AttributeError for a response record without WARC-Target-URI, a ValueError for a bad length), so
    every error from the parser itself is caught here, and only here, around the parser's own calls.
    """
    iterator = iter(ArchiveIterator(stream))
    number = first
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except ArchiveLoadFailed:
            raise
        except Exception as exc:  # noqa: BLE001 (a third-party parser fed hostile bytes)
            raise FormatError(f"{origin}: record {number} is not a readable WARC record "
                              f"({type(exc).__name__}: {exc})") from exc
        yield number, record
        number += 1


def _record_document(record, where: str, url: str | None, max_bytes: int, fields: dict) -> Document:
    try:
        payload = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # noqa: BLE001 (a broken chunked or compressed body inside the record)
        raise FormatError(f"{where}: its body cannot be read ({type(exc).__name__}: {exc})") from exc
    if len(payload) > max_bytes:
        raise InputTooLargeError(f"{where}: record is larger than the {max_bytes:,}-byte limit")
    html = decode_bytes(payload, where)
    return read_html(html, where, url=url, **fields)
