"""What `warlog events` and `warlog incidents` share: reading their filter options and writing figures and
dates compactly, so both lists read alike and refuse a bad option with the same one-line message."""

from __future__ import annotations

from datetime import date
from typing import Any

from warlog.web.queries import BBox, bbox_from_text


class OptionError(ValueError):
    """An option's value cannot be used; the message names the option and says what to give."""


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise OptionError(f"{option} {value!r}: give a day as YYYY-MM-DD, e.g. 2024-11-03") from None


def parse_area(value: str | None) -> BBox | None:
    if not value:
        return None
    try:
        return bbox_from_text(value)
    except ValueError as exc:
        raise OptionError(str(exc)) from None


def check_page(limit: int | None, offset: int) -> None:
    if (limit is not None and limit < 1) or offset < 0:
        raise OptionError("--limit must be at least 1 and --offset at least 0")


def figures(low: float | None, high: float | None) -> str:
    """"3", "3–5", or "" when no figure was given."""
    if low is None and high is None:
        return ""
    low, high = (high if low is None else low), (low if high is None else high)
    return f"{low:,.0f}" if low == high else f"{low:,.0f}–{high:,.0f}"


def dates(start: Any, end: Any) -> str:
    """"2024-11-02", "2024-11-02…03" (same month), "2024-11-30…12-01", "≤2024-11-03" (before the report)."""
    start, end = (str(v) if v is not None else None for v in (start, end))
    if start is None:
        return "" if end is None else f"≤{end}"
    if end in (None, start):
        return start
    shared = 8 if start[:8] == end[:8] else 5 if start[:5] == end[:5] else 0
    return f"{start}…{end[shared:]}"
