"""Which reader a text belongs to, judged from its content (a file name can lie or be absent)."""

from __future__ import annotations

import json
import re

_FEED = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(div|p|article|section|h[1-6]|span|a)[\s>]",
    re.IGNORECASE,
)
_XML_DECL = re.compile(r"^\s*<\?xml", re.IGNORECASE)

FORMATS = ("text", "html", "feed", "jsonl", "warc")


def detect_format(text: str) -> str:
    """Return one of FORMATS for decoded `text` (WARC is detected earlier, on bytes)."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith("WARC/"):
        return "warc"
    if (head.startswith("<") or _XML_DECL.match(head)) and _FEED.search(head[:2048]):
        if not re.search(r"<html[\s>]", head[:2048], re.IGNORECASE):
            return "feed"
    if head.startswith("{") and _looks_like_jsonl(head):
        return "jsonl"
    if head.startswith("<") and _HTML.search(head):
        return "html"
    if len(_HTML.findall(head)) >= 3:
        return "html"
    return "text"


def _looks_like_jsonl(head: str) -> bool:
    first = head.split("\n", 1)[0].strip()
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and ("text" in record or "html" in record)
