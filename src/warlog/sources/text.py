"""Plain-text reader: the text is its own source; lines are the only structure it has."""

from __future__ import annotations

from warlog.schema import Document
from warlog.sources.document import lines_as_blocks, new_document

_TITLE_MAX = 250


def read_text(text: str, origin: str, **fields) -> Document:
    """One Document from plain text; its first line is taken as the title when it is short."""
    blocks = lines_as_blocks(text)
    title = fields.pop("title", None)
    if title is None and blocks and len(blocks[0].text) <= _TITLE_MAX:
        title = blocks[0].text
    return new_document(text, "text", text, blocks, origin=origin, title=title, **fields)
