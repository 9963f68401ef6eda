"""HTML reader: main text, metadata and live-blog structure.

Structure is taken from the most explicit signal a page offers: schema.org LiveBlogPosting JSON-LD
(each liveBlogUpdate a post, with its own timestamp), then repeated DOM blocks that carry their own
timestamps (the usual live-blog markup), then trafilatura's main-text extraction, whose headings
mark story boundaries. Whatever the path, the result is a list of blocks with roles, so `segment`
works the same way for every format.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import UTC, datetime

import lxml.etree
import lxml.html
import trafilatura

from warlog.errors import FormatError
from warlog.schema import Document
from warlog.sources.dates import parse_iso
from warlog.sources.document import Piece, new_document, pieces_as_text

_POSTISH = re.compile(r"post|entry|update|live|blog|card|item|event", re.IGNORECASE)
_HEADINGS = ("h1", "h2", "h3", "h4")
_MIN_POST_PARAGRAPH = 60
_WHITESPACE = re.compile(r"\s+")
# Characters XML cannot hold (C0 controls but tab and line ends, U+FFFE/U+FFFF, lone surrogates): lxml refuses to
# set them as element text, which trafilatura does while reading a heading, so a page holding one crashed it.
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def read_html(html: str, origin: str, url: str | None = None, **fields) -> Document:
    """One Document from an HTML page; raises FormatError when the page holds no readable text."""
    # Each becomes a space: controls in text mostly stand between words (a form feed, a record separator), and
    # spaces are collapsed later. Raw keeps the page as it came.
    markup = _XML_INCOMPATIBLE.sub(" ", html)
    tree = _parse(markup, origin)
    metadata = trafilatura.extract_metadata(tree, default_url=url)
    title = fields.pop("title", None) or (metadata.title if metadata else None) or _tree_title(tree)
    standfirst = metadata.description if metadata else None
    liveblog = _jsonld_liveblog(tree)
    published = None
    if liveblog is not None:
        title = liveblog.get("title") or title
        standfirst = liveblog.get("standfirst") or standfirst
        published = liveblog.get("published")
        pieces = liveblog["pieces"]
        structure = "jsonld-liveblog"
    else:
        pieces = _dom_liveblog(tree)
        structure = "dom-liveblog"
        if not pieces:
            pieces = _main_text(markup, title)
            structure = "main-text"
    if not pieces:
        raise FormatError(f"{origin}: no readable main text found in the HTML")
    lead = []
    if title:
        lead.append(Piece(title, "title"))
    if standfirst and not any(standfirst.strip() in p.text for p in pieces[:3]):
        lead.append(Piece(standfirst, "standfirst"))
    source_text, blocks = pieces_as_text(lead + pieces)
    if published is None and metadata is not None:
        published = _meta_published(tree) or parse_iso(metadata.date)
    url = url or (metadata.url if metadata else None)
    fields.setdefault("published", published)
    return new_document(
        html,
        "html",
        source_text,
        blocks,
        origin=origin,
        url=url,
        title=title,
        meta={"structure": structure, "sitename": metadata.sitename if metadata else None},
        **fields,
    )


def _parse(html: str, origin: str) -> lxml.html.HtmlElement:
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise FormatError(f"{origin}: is not parseable HTML ({exc})") from exc
    if tree is None:
        raise FormatError(f"{origin}: is not parseable HTML")
    return tree


def _tree_title(tree: lxml.html.HtmlElement) -> str | None:
    found = tree.findtext(".//title")
    return " ".join(found.split()) if found else None


def _meta_published(tree: lxml.html.HtmlElement) -> datetime | None:
    for xpath in (
        "//meta[@property='article:published_time']/@content",
        "//meta[@name='article:published_time']/@content",
        "//meta[@itemprop='datePublished']/@content",
    ):
        for value in tree.xpath(xpath):
            parsed = parse_iso(value)
            if parsed is not None:
                return parsed
    return None


def _jsonld_objects(tree: lxml.html.HtmlElement):
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if "@graph" in item:
                    stack.append(item["@graph"])


def _types(item: dict) -> set[str]:
    kind = item.get("@type", [])
    return set(kind) if isinstance(kind, list) else {kind}


def _jsonld_liveblog(tree: lxml.html.HtmlElement) -> dict | None:
    """Posts from a schema.org LiveBlogPosting, when its updates carry their text."""
    for item in _jsonld_objects(tree):
        if "LiveBlogPosting" not in _types(item):
            continue
        updates = item.get("liveBlogUpdate") or []
        if isinstance(updates, dict):
            updates = [updates]
        pieces: list[Piece] = []
        for number, update in enumerate(updates):
            if not isinstance(update, dict):
                continue
            body = update.get("articleBody") or update.get("text") or ""
            headline = update.get("headline") or update.get("name") or ""
            if not body and not headline:
                continue
            when = parse_iso(update.get("datePublished"))
            key = str(update.get("@id") or update.get("url") or number)
            if headline:
                pieces.append(Piece(headline, "heading", when, key))
            if body:
                pieces.append(Piece(body, "paragraph", when, key))
        if not any(p.role == "paragraph" for p in pieces):
            continue
        return {
            "title": item.get("headline") or item.get("name"),
            "standfirst": item.get("description"),
            "published": parse_iso(item.get("datePublished")),
            "pieces": pieces,
        }
    return None


def _timestamp(element: lxml.html.HtmlElement) -> datetime | None:
    for value in element.xpath(".//time/@datetime | .//@data-timestamp | .//@datetime"):
        parsed = parse_iso(value)
        if parsed is None and str(value).isdigit():
            parsed = _epoch(str(value))
        if parsed is not None:
            return parsed
    return None


def _epoch(value: str) -> datetime | None:
    number = int(value)
    if number > 10**11:
        number //= 1000
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _dom_liveblog(tree: lxml.html.HtmlElement) -> list[Piece]:
    """Posts from repeated same-class blocks that each carry a timestamp and real paragraphs."""
    groups: dict[tuple[str, str], list[lxml.html.HtmlElement]] = defaultdict(list)
    for element in tree.iter("article", "div", "li", "section"):
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if not _POSTISH.search(marker):
            continue
        # The timestamp may sit on the post element itself (<div class="post" data-timestamp=...>).
        if not element.xpath(".//time | descendant-or-self::*[@data-timestamp]"):
            continue
        paragraphs = [p for p in element.iter("p") if len(p.text_content().strip()) >= _MIN_POST_PARAGRAPH]
        if not paragraphs:
            continue
        groups[(element.tag, " ".join(sorted(element.get("class", "").split())))].append(element)
    best: list[lxml.html.HtmlElement] = []
    for members in groups.values():
        outermost = [m for m in members if not any(o is not m and m in o.iterdescendants() for o in members)]
        if len(outermost) >= 2 and len(outermost) > len(best):
            best = outermost
    pieces: list[Piece] = []
    for number, post in enumerate(best):
        when = _timestamp(post)
        key = post.get("id") or str(number)
        heading = next((h for h in post.iter(*_HEADINGS)), None)
        if heading is not None:
            pieces.append(Piece(_element_text(heading), "heading", when, key))
        for block in post.iter("p", "li", "blockquote"):
            if block.getparent() is not None and block.getparent().tag == "blockquote":
                continue
            text = _element_text(block).strip()
            if text:
                pieces.append(Piece(text, "paragraph", when, key))
    return pieces


def _main_text(html: str, title: str | None) -> list[Piece]:
    """Headings and paragraphs of the main text, by trafilatura."""
    extracted = trafilatura.bare_extraction(html, include_comments=False, favor_recall=True)
    body = getattr(extracted, "body", None) if extracted is not None else None
    if body is None:
        return []
    pieces = []
    for element in body.iter("head", "p", "item", "quote", "cell"):
        if element.tag in ("p", "item") and element.getparent() is not None and element.getparent().tag in (
            "quote",
            "item",
        ):
            continue
        text = " ".join("".join(element.itertext()).split())
        if not text:
            continue
        role = "heading" if element.tag == "head" else "paragraph"
        if role == "heading" and title and text == " ".join(title.split()) and not pieces:
            continue
        pieces.append(Piece(text, role))
    return pieces


def _element_text(element: lxml.html.HtmlElement) -> str:
    """An element's text as a browser lays it out: source line breaks are spaces, <br> breaks a line.

    (`text_content()` keeps the source's newlines, which would cut a paragraph into several blocks,
    and drops <br>, which would glue the words either side of it.)
    """
    chunks: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        if node.text and isinstance(node.tag, str):
            chunks.append(_WHITESPACE.sub(" ", node.text))
        for child in node:
            if child.tag == "br":
                chunks.append("\n")
            elif isinstance(child.tag, str) and child.tag not in ("script", "style"):
                walk(child)
            if child.tail:
                chunks.append(_WHITESPACE.sub(" ", child.tail))

    walk(element)
    return "".join(chunks)


def read_fragment(fragment: str, origin: str, raw: str | None = None, fmt: str = "html", **fields) -> Document:
    """One Document from an HTML fragment (a feed entry's content): its own tags give the structure.

    `fmt` names the input format the fragment came from ("feed" for feed entries).
    """
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError) as exc:
        raise FormatError(f"{origin}: its HTML content is not parseable ({exc})") from exc
    pieces = []
    blocks = list(root.iter("p", "li", "blockquote", *_HEADINGS))
    if not blocks:
        pieces.append(Piece(root.text_content(), "paragraph"))
    for element in blocks:
        if any(ancestor in blocks for ancestor in element.iterancestors()):
            continue
        role = "heading" if element.tag in _HEADINGS else "paragraph"
        pieces.append(Piece(_element_text(element), role))
    title = fields.pop("title", None)
    lead = [Piece(title, "title")] if title else []
    source_text, doc_blocks = pieces_as_text(lead + pieces)
    if not any(b.role != "title" for b in doc_blocks):
        raise FormatError(f"{origin}: has no text")
    return new_document(raw or fragment, fmt, source_text, doc_blocks, origin=origin, title=title, **fields)
