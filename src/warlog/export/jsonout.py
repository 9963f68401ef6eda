"""JSON export: every selected event with its claim, casualty quantities, place and evidence spans,
plus the claims, quantities and places of the documents they come from.

This is the lossless format: nested as the records are, with every span's offsets into the
document's cleaned text, so a consumer can show each figure in its source.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from warlog.export.query import ExportRows


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _event(event: dict[str, Any], claim_quantities: dict[int, list[int]]) -> dict[str, Any]:
    claim = event.get("claim")
    if claim is not None:
        claim = {**claim, "quantity_ids": claim_quantities.get(claim["id"], [])}
    return {**{k: v for k, v in event.items() if k not in ("document", "claim")},
            "claim": claim, "source": {k: event["document"].get(k) for k in ("id", "source", "url", "title",
                                                                              "published")}}


def to_json(rows: ExportRows) -> dict[str, Any]:
    """The export as one JSON-ready dict."""
    return {
        "events": [_event(e, rows.claim_quantities) for e in rows.events],
        "claims": [{**c, "quantity_ids": rows.claim_quantities.get(c["id"], [])} for c in rows.claims],
        "quantities": rows.quantities,
        "places": rows.places,
        "documents": list(rows.documents.values()),
    }


def dumps(rows: ExportRows) -> str:
    return json.dumps(to_json(rows), default=_default, ensure_ascii=False, indent=1) + "\n"
