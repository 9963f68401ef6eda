"""Showing an Extraction: as JSON for scripts, as tables for people checking a result."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from warlog.schema import Document, Extraction, Post, Quantity


def extraction_json(document: Document, posts: list[Post], extraction: Extraction) -> dict[str, Any]:
    """Everything found, with spans, in plain JSON-ready data (dates stay objects; the caller serialises)."""
    return {
        "document": {"id": document.id, "title": document.title, "url": document.url, "source": document.source,
                     "published": document.published, "format": document.format},
        "posts": [asdict(p) for p in posts],
        "removed": [asdict(r) for r in document.removed],
        **{name: [asdict(item) for item in getattr(extraction, name)]
           for name in ("mentions", "quantities", "times", "claims", "events")},
    }


def _figure(quantity: Quantity) -> str:
    if quantity.value is None and quantity.low is not None:
        figure = f"{quantity.low:,.0f}–{quantity.high:,.0f}"
    elif quantity.value is not None:
        figure = f"{quantity.value:,.10g}"
    else:
        figure = "?"
    qualifier = "" if quantity.qualifier == "exact" else f"{quantity.qualifier} "
    return f"{qualifier}{figure}"


def print_extraction(console: Console, document: Document, posts: list[Post], extraction: Extraction) -> None:
    """Claims, events and counted quantities of one document as tables."""
    console.print(f"[bold]{escape(document.title or document.origin)}[/bold] · {len(posts)} posts")
    claims = Table(title=f"{len(extraction.claims)} claims", title_justify="left", show_lines=False)
    for column in ("post", "speaker", "role / affiliation", "cue", "stance", "content", "figures"):
        claims.add_column(column)
    for claim in extraction.claims:
        figures = ", ".join(_figure(extraction.quantities[q]) for q in claim.quantities)
        who = " / ".join(x for x in (claim.role, claim.affiliation) if x)
        claims.add_row(str(claim.post_index), escape(claim.speaker_text or "—"), escape(who),
                       escape(claim.cue.text if claim.cue else ""), claim.stance,
                       escape(("“" if claim.direct else "") + claim.content.text[:90]), escape(figures))
    console.print(claims)
    events = Table(title=f"{len(extraction.events)} events", title_justify="left")
    for column in ("post", "type", "ACLED", "actor", "target", "weapon", "where", "when", "killed", "injured", "note"):
        events.add_column(column)
    for event in extraction.events:
        killed = _figure(extraction.quantities[event.killed]) if event.killed is not None else ""
        injured = _figure(extraction.quantities[event.injured]) if event.injured is not None else ""
        when = ""
        if event.time is not None:
            when = str(event.time.start) if event.time.start == event.time.end else \
                f"{event.time.start}–{event.time.end}" if event.time.start else event.time.span.text
        note = ", ".join(x for x in ("generic" if event.generic else "",
                                     "belligerent claim" if event.claimed_by_belligerent else "",
                                     "claimed" if event.claim is not None else "") if x)
        events.add_row(
            str(event.post_index), f"{event.plover_type}/{event.plover_mode or ''}",
            escape(event.acled_sub_event_type or ""), escape(event.actor1.text if event.actor1 else ""),
            escape(event.target.text if event.target else ""), escape(event.weapon.text if event.weapon else ""),
            escape(", ".join(s.text for s in event.locations)), escape(when), killed, injured, note,
        )
    console.print(events)
