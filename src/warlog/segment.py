"""Live blog to posts.

Structured pages (JSON-LD, live-blog markup, headings) already say which block is a headline; plain
text only has line shape: a short title-like line followed by prose starts a post. The page title
and standfirst belong to the first post. A headline with nothing under it is a gallery or a link
card, and never takes the next story's body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warlog.lines import LIVE_TITLE, is_prose, is_title_like
from warlog.schema import Block, Document, Post, Span

_PICTURES = re.compile(r"^(in pictures|pictures|in photos|photos?|gallery|watch|video)\b", re.IGNORECASE)


@dataclass
class _Draft:
    headline: Block | None = None
    lead: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    is_lead: bool = False


def block_roles(document: Document) -> list[str]:
    """The role of every kept block: structure where the reader found it, line shape otherwise."""
    blocks = document.kept
    roles = [b.role for b in blocks]
    split_on_headings = document.meta.get("structure") != "main-text" or bool(LIVE_TITLE.search(document.title or ""))
    for index, block in enumerate(blocks):
        if block.role == "heading" and not split_on_headings:
            roles[index] = "paragraph"
        if block.role != "line":
            continue
        following = blocks[index + 1].text if index + 1 < len(blocks) else None
        if index == 0 and is_title_like(block.text):
            roles[index] = "title"
        elif index == 1 and roles[0] == "title" and is_title_like(block.text) and following and is_prose(following):
            roles[index] = "standfirst"
        elif is_title_like(block.text) and following is not None and (
            is_prose(following) or is_title_like(following)
        ):
            roles[index] = "heading"
        else:
            roles[index] = "paragraph"
    return roles


def segment(document: Document) -> list[Post]:
    """Split a cleaned document into posts."""
    drafts: list[_Draft] = []
    roles = block_roles(document)
    role_of = {id(block): role for block, role in zip(document.kept, roles, strict=True)}
    previous_key: str | None = None
    for block, role in zip(document.kept, roles, strict=True):
        current = drafts[-1] if drafts else None
        new_update = block.post_key is not None and previous_key is not None and block.post_key != previous_key
        previous_key = block.post_key or previous_key
        if role == "title":
            drafts.append(_Draft(headline=block, is_lead=True))
        elif role == "standfirst":
            if current is None:
                current = _Draft(is_lead=True)
                drafts.append(current)
            (current.body if current.headline else current.lead).append(block)
        elif role == "heading":
            if current is not None and current.is_lead and not _has_paragraphs(current, role_of):
                lead = ([current.headline] if current.headline else []) + current.lead + current.body
                drafts[-1] = _Draft(headline=block, lead=lead)
            else:
                drafts.append(_Draft(headline=block))
        else:
            if current is None or (new_update and current.body and not current.is_lead):
                drafts.append(_Draft())
            drafts[-1].body.append(block)
    return [_to_post(number, draft, document) for number, draft in enumerate(drafts)]


def _has_paragraphs(draft: _Draft, role_of: dict[int, str]) -> bool:
    return any(role_of[id(b)] == "paragraph" for b in draft.body)


def _span(document: Document, blocks: list[Block]) -> Span | None:
    if not blocks:
        return None
    start, end = blocks[0].start, blocks[-1].end
    return Span(start, end, document.text[start:end])


def _to_post(number: int, draft: _Draft, document: Document) -> Post:
    headline = _span(document, [draft.headline] if draft.headline else [])
    body = _span(document, draft.body)
    published = next(
        (b.published for b in [draft.headline, *draft.body] if b is not None and b.published), None
    )
    return Post(
        index=number,
        headline=headline,
        body=body,
        kind=_kind(draft, document),
        published=published,
        lead=_span(document, draft.lead),
    )


def _kind(draft: _Draft, document: Document) -> str:
    if draft.headline is not None and _PICTURES.search(draft.headline.text):
        return "gallery"
    if draft.body or draft.headline is None:
        return "story"
    if _followed_by_link_card(draft.headline, document):
        return "link-card"
    return "gallery"


def _followed_by_link_card(headline: Block, document: Document) -> bool:
    """True when the furniture removed right after this headline was a link card."""
    after = document.offsets.to_source(headline.end)
    following = [b for b in document.kept if b.start > headline.end]
    until = document.offsets.to_source(following[0].start) if following else len(document.source_text)
    return any(r.reason.startswith("link card") and after <= r.start < until for r in document.removed)
