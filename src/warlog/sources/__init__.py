"""Readers: every input format becomes the same Document record.

`read_target` takes what a user typed (a file, a folder, a URL, or `-` for standard input) and
yields Documents. Errors that spoil a whole input raise; errors in one record of a many-record
input (a WARC record, a JSONL line) go to `on_error` so the good records are still read.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from warlog import settings
from warlog.errors import InputError, InputTooLargeError
from warlog.schema import Document
from warlog.sources.decode import check_not_binary, decode_bytes
from warlog.sources.detect import detect_format
from warlog.sources.feed import read_feed
from warlog.sources.html import read_html
from warlog.sources.jsonl import read_jsonl, read_jsonl_lines, stream_lines
from warlog.sources.text import read_text
from warlog.sources.url import fetch
from warlog.sources.warc import read_warc

ErrorSink = Callable[[InputError], None]
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass
class ReadOptions:
    """What the user said about the inputs, applied to every Document read."""

    published: datetime | None = None
    source: str | None = None
    allow_private: bool = False
    timeout: float = 20.0
    max_bytes: int = field(default_factory=settings.max_bytes)

    def fields(self) -> dict:
        given = {}
        if self.published is not None:
            given["published"] = self.published
        if self.source:
            given["source"] = self.source
        return given


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def _other_scheme(target: str) -> bool:
    """A URL warlog will not fetch (file://, ftp://, ...), unless a file of that name exists."""
    return bool(_SCHEME.match(target)) and not is_url(target) and not Path(target).exists()


def expand_targets(targets: list[str]) -> list[str]:
    """Folders become the files under them (sorted, hidden ones skipped); other targets stay."""
    expanded = []
    for target in targets:
        path = Path(target)
        if target != "-" and not is_url(target) and path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                expanded.extend(str(Path(root) / f) for f in sorted(files) if not f.startswith("."))
        else:
            expanded.append(target)
    return expanded


def read_target(target: str, options: ReadOptions, on_error: ErrorSink | None = None) -> Iterator[Document]:
    """Yield the Documents in one file, URL or standard input."""
    if target == "-":
        data = sys.stdin.buffer.read(options.max_bytes + 1)
        _check_size(len(data), options.max_bytes, "standard input")
        yield from read_bytes(data, "standard input", options, on_error)
    elif is_url(target) or _other_scheme(target):
        fetched = fetch(target, allow_private=options.allow_private, timeout=options.timeout,
                        max_bytes=options.max_bytes)
        yield from read_bytes(fetched.body, target, options, on_error, url=fetched.url)
    else:
        yield from read_file(Path(target), options, on_error)


def read_file(path: Path, options: ReadOptions, on_error: ErrorSink | None = None) -> Iterator[Document]:
    name = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4)
            handle.seek(0)
            if _is_warc_head(head, handle):
                yield from read_warc(handle, name, options.max_bytes, on_error, **options.fields())
                return
            if _is_jsonl_head(handle):  # streamed record by record: memory stays flat however long the file
                lines = stream_lines(handle, name, options.max_bytes)
                yield from read_jsonl_lines(lines, name, on_error, **options.fields())
                return
            _check_size(size, options.max_bytes, name)
            data = handle.read()
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file or folder") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{name}: is a folder") from exc
    except PermissionError as exc:
        raise InputError(f"{name}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{name}: could not be read ({exc.strerror or exc})") from exc
    yield from read_bytes(data, name, options, on_error)


def read_bytes(
    data: bytes, origin: str, options: ReadOptions, on_error: ErrorSink | None = None, url: str | None = None
) -> Iterator[Document]:
    """Detect the format of `data` from its content and read it."""
    if _is_warc_head(data[:4], io.BytesIO(data)):
        yield from read_warc(io.BytesIO(data), origin, options.max_bytes, on_error, **options.fields())
        return
    if data[:2] == b"\x1f\x8b":
        raise InputError(f"{origin}: is gzip-compressed but not a WARC archive; decompress it first")
    check_not_binary(data, origin)
    text = decode_bytes(data, origin)
    fmt = detect_format(text)
    fields = options.fields()
    if fmt == "feed":
        yield from read_feed(text, origin, on_error, **fields)
    elif fmt == "jsonl":
        yield from read_jsonl(text, origin, on_error, **fields)
    elif fmt == "html":
        yield read_html(text, origin, url=url, **fields)
    else:
        yield read_text(text, origin, url=url, **fields)


def _check_size(size: int, limit: int, name: str) -> None:
    if size > limit:
        raise InputTooLargeError(
            f"{name}: is {size / 1e6:,.1f} MB, over the {limit / 1e6:,.1f} MB limit; "
            "raise it with --max-bytes or WARLOG_MAX_BYTES if the input is really one document"
        )


_JSONL_HEAD = 1 << 16  # bytes looked at to recognise a JSON Lines file before streaming it


def _is_jsonl_head(handle) -> bool:
    """True for a UTF-8 JSON Lines file (judged on its first whole lines), which is then read line by line."""
    position = handle.tell()
    try:
        head = handle.read(_JSONL_HEAD)
    finally:
        handle.seek(position)
    if not head.lstrip().startswith(b"{"):
        return False
    cut = head.rfind(b"\n")
    if cut == -1:
        return False  # one long line: read whole as before (its size limit applies)
    try:
        check_not_binary(head, "")
        text = head[:cut].decode("utf-8")
    except (InputError, UnicodeDecodeError):
        return False
    return detect_format(text) == "jsonl"


def _is_warc_head(head: bytes, handle) -> bool:
    """True for a WARC file, plain or gzip-compressed per record (as .warc.gz files are)."""
    if head.startswith(b"WARC"):
        return True
    if head[:2] != b"\x1f\x8b":
        return False
    position = handle.tell()
    try:
        with gzip.GzipFile(fileobj=handle) as unzipped:
            return unzipped.read(5).startswith(b"WARC/")
    except (OSError, EOFError, zlib.error):  # a corrupt gzip stream is simply not a WARC archive
        return False
    finally:
        handle.seek(position)
