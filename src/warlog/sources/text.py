"""Plain-text reader: the text is its own source; lines are the only structure it has."""

from __future__ import annotations

from warlog.lines import kickers
from warlog.schema import Document
from warlog.sources.document import lines_as_blocks, new_document

_TITLE_MAX = 250


def read_text(text: str, origin: str, **fields) -> Document:
    """One Document from plain text; its first line is taken as the title when it is short, passing over the
    page's section labels above it ("Africa", `lines.kickers`)."""
    blocks = lines_as_blocks(text)
    title = fields.pop("title", None)
    if title is None:
        labels = set(kickers([block.text for block in blocks[:10]]))
        first = next((block for n, block in enumerate(blocks) if n not in labels), None)
        if first is not None and len(first.text) <= _TITLE_MAX:
            title = first.text
    return new_document(text, "text", text, blocks, origin=origin, title=title, **fields)
