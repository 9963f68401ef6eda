"""Publication timestamps as pages and feeds write them, parsed without guessing."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import dateparser


def parse_iso(value: object) -> datetime | None:
    """An ISO 8601 timestamp or date (as in JSON-LD, meta tags, JSONL); None when it is not one."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def parse_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's parsed dates are UTC struct_times; one outside datetime's range (year -1, say) is None."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (ValueError, OverflowError, TypeError):
        return None


def parse_user_date(value: str) -> datetime | None:
    """A date a person typed ("2024-11-03", "3 November 2024"): ISO first, then dateparser."""
    parsed = parse_iso(value)
    if parsed is not None:
        return parsed
    return dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
