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
        for number, record in enumerate(ArchiveIterator(stream), first_record):
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


def _record_document(record, where: str, url: str | None, max_bytes: int, fields: dict) -> Document:
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        raise InputTooLargeError(f"{where}: record is larger than the {max_bytes:,}-byte limit")
    html = decode_bytes(payload, where)
    return read_html(html, where, url=url, **fields)
