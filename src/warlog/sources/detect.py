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
_JSONL_LINES = 5  # lines looked at to recognise JSON Lines


def detect_format(text: str) -> str:
    """Return one of FORMATS for decoded `text` (WARC is detected earlier, on bytes)."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith("WARC/"):
        return "warc"
    if (head.startswith("<") or _XML_DECL.match(head)) and _FEED.search(head[:2048]):
        if not re.search(r"<html[\s>]", head[:2048], re.IGNORECASE):
            return "feed"
    if head.startswith("{") and _looks_like_jsonl(text):
        return "jsonl"
    if head.startswith("<") and _HTML.search(head):
        return "html"
    if len(_HTML.findall(head)) >= 3:
        return "html"
    return "text"


def _looks_like_jsonl(text: str) -> bool:
    """True when one of the first few non-blank lines is a JSON object with `text` or `html`.

    Whole lines are read (an `html` record is often longer than the head), and a broken first line
    does not hide the good ones after it: the JSONL reader reports it by its line number.
    """
    position, looked = 0, 0
    while position < len(text) and looked < _JSONL_LINES:
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        line = text[position:end].strip()
        position = end + 1
        if not line:
            continue
        looked += 1
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and ("text" in record or "html" in record):
            return True
    return False
