"""Building a Document from what a reader found, the same way for every format."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from warlog.schema import Block, Document


@dataclass
class Piece:
    """A block of text a structured reader found, before offsets are assigned."""

    text: str
    role: str = "paragraph"
    published: datetime | None = None
    post_key: str | None = None


def document_id(raw: str) -> str:
    """A content hash: the same content read twice gets the same id, so re-ingesting adds nothing."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def lines_as_blocks(text: str) -> list[Block]:
    """Every non-blank line of `text`, stripped, with its offsets in `text`."""
    blocks = []
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start = position + lead
            blocks.append(Block(text=stripped, start=start, end=start + len(stripped)))
        position += len(line)
    return blocks


def pieces_as_text(pieces: Iterable[Piece]) -> tuple[str, list[Block]]:
    """Join structured pieces into one source text, a line each, and the blocks pointing into it."""
    parts: list[str] = []
    blocks: list[Block] = []
    position = 0
    for piece in pieces:
        for line in piece.text.splitlines():
            text = " ".join(line.split())
            if not text:
                continue
            blocks.append(
                Block(
                    text=text,
                    start=position,
                    end=position + len(text),
                    role=piece.role,
                    published=piece.published,
                    post_key=piece.post_key,
                )
            )
            parts.append(text)
            position += len(text) + 1
    return "\n".join(parts), blocks


def new_document(raw: str, fmt: str, source_text: str, blocks: list[Block], **fields) -> Document:
    """A Document whose id is the hash of its raw content."""
    return Document(
        id=document_id(raw), raw=raw, format=fmt, source_text=source_text, blocks=blocks, **fields
    )
