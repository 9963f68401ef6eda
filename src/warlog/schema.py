"""The records passed between pipeline stages.

One module, no logic beyond tiny conveniences: every stage agrees on these shapes, so a stage can be
replaced without touching the others. Offsets are character offsets into a document's cleaned text
unless a field says otherwise.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Span:
    """A piece of the cleaned text: the evidence every extracted field points back to."""

    start: int
    end: int
    text: str


@dataclass
class Block:
    """One line or structural block of a document's text as its reader produced it.

    `role` carries what the page structure says about the block (title, standfirst, heading,
    paragraph) when the format has structure; plain text leaves it "line" and lets `segment`
    decide from the line's shape. `start`/`end` are offsets into `Document.source_text`.
    """

    text: str
    start: int
    end: int
    role: str = "line"
    published: datetime | None = None
    post_key: str | None = None


@dataclass
class Removed:
    """A piece of page furniture taken out by `clean`, kept with the reason so nothing is lost.

    `start`/`end` are offsets into `Document.source_text`.
    """

    text: str
    reason: str
    start: int
    end: int


@dataclass
class OffsetMap:
    """Maps cleaned-text offsets back to offsets in the reader's source text.

    Stored as runs (clean_start, source_start, length): inside a run characters correspond one to
    one, so the map stays small however long the document is.
    """

    runs: list[tuple[int, int, int]] = field(default_factory=list)

    def to_source(self, offset: int) -> int:
        """The source offset of cleaned-text `offset`.

        An offset past the end of a run (a span's exclusive end, or a character `clean` inserted)
        maps to just after the source character before it.
        """
        index = bisect_right(self.runs, offset, key=lambda run: run[0]) - 1
        if index < 0:
            return self.runs[0][1] if self.runs else 0
        clean_start, source_start, length = self.runs[index]
        return source_start + min(offset - clean_start, length)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source range a cleaned-text range came from."""
        return self.to_source(start), self.to_source(end)


@dataclass
class Document:
    """One news page or feed entry, from raw input to cleaned text.

    `raw` is the input as decoded (HTML, feed entry, plain text); `source_text` is the text the reader
    took from it, one block per line; `text` is the cleaned text every Span points into, and
    `offsets` maps it back to `source_text` (for plain text, `source_text` is the raw input itself).
    """

    id: str
    raw: str
    format: str
    source_text: str
    blocks: list[Block]
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: datetime | None = None
    language: str | None = None
    origin: str = ""
    text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    kept: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Post:
    """One story of a page: a live blog has many, an ordinary article one.

    `lead` holds the page title and standfirst when they belong to this post but are not its
    headline (a structured live blog whose first update has a headline of its own).
    """

    index: int
    headline: Span | None
    body: Span | None
    kind: str
    published: datetime | None = None
    lead: Span | None = None


POST_KINDS = ("story", "gallery", "link-card")
