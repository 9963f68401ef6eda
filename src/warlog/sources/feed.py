"""RSS and Atom reader: one Document per entry, with the entry's own link, title and date."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import feedparser

from warlog.errors import FormatError, InputError
from warlog.schema import Document
from warlog.sources.dates import parse_struct
from warlog.sources.html import read_fragment


def read_feed(
    text: str, origin: str, on_error: Callable[[InputError], None] | None = None, **fields
) -> Iterator[Document]:
    """Yield a Document for every entry that has text; raise FormatError for a feed with none.

    A broken entry goes to `on_error` (when given) so the other entries are still read.
    """
    parsed = feedparser.parse(text)
    if not parsed.entries:
        reason = "has no entries" if not parsed.bozo else f"is not a readable feed ({parsed.bozo_exception})"
        raise FormatError(f"{origin}: {reason}")
    source = fields.pop("source", None) or parsed.feed.get("title")
    override_published = fields.pop("published", None)
    for number, entry in enumerate(parsed.entries, 1):
        content = ""
        if entry.get("content"):  # feedparser may give None for a value it could not read (a broken element)
            content = max((c.get("value") or "" for c in entry.content), key=len)
        content = content or entry.get("summary") or ""
        if not content.strip():
            continue
        link = entry.get("link")
        published = override_published or parse_struct(
            entry.get("published_parsed") or entry.get("updated_parsed")
        )
        raw = "\n".join(filter(None, [link, entry.get("title"), content]))
        try:
            document = read_fragment(
                content,
                f"{origin} entry {number}",
                raw=raw,
                fmt="feed",
                title=entry.get("title"),
                url=link,
                source=source,
                published=published,
                **fields,
            )
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        yield document
