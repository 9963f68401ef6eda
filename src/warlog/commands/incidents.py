"""`warlog incidents`: the store's incidents (reports of one real event joined), newest first, filtered.

The same list the page's feed and `GET /api/incidents` serve, read from the incident index: one indexed query
whatever the size of the store. Generic statements are left out unless asked for, as on the page; incidents
with no place are listed and marked, so nothing the store holds is out of reach.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from warlog.cli import DbOption, JsonOption, _fail, _open_store, _print_json, out
from warlog.errors import WarlogError
from warlog.reconcile.stored import ensure_indexed
from warlog.web.queries import IncidentFilter, bbox_from_text, list_incidents

UNPLACED = "(no place)"


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{option} {value!r}: give a day as YYYY-MM-DD, e.g. 2024-11-03") from None


def _figures(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return ""
    low, high = (high if low is None else low), (low if high is None else high)
    return f"{low:,.0f}" if low == high else f"{low:,.0f}–{high:,.0f}"


def _dates(row: dict[str, Any]) -> str:
    """"2024-11-02", "2024-11-02…03" (same month), "2024-11-30…12-01", "≤2024-11-03" (before the report)."""
    start, end = (str(row[k]) if row.get(k) is not None else None for k in ("start", "end"))
    if start is None:
        return "" if end is None else f"≤{end}"
    if end in (None, start):
        return start
    shared = 8 if start[:8] == end[:8] else 5 if start[:5] == end[:5] else 0
    return f"{start}…{end[shared:]}"


def short_id(incident_id: str) -> str:
    """"cluster:b650049a7202…:24" -> "b650049a:24": the document's first characters and the event's number."""
    body = incident_id.removeprefix("cluster:")
    document, _, number = body.rpartition(":")
    return f"{document[:8]}:{number}" if document else body[:12]


def incidents_command(
    db: DbOption = None,
    as_json: JsonOption = False,
    since: Annotated[str | None, typer.Option(help="Incidents on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Incidents on or before this day (YYYY-MM-DD).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event or sub-event type.")] = None,
    place: Annotated[str | None, typer.Option(help="Words of the place name, any case.")] = None,
    bbox: Annotated[str | None, typer.Option(help="W,S,E,N in degrees.")] = None,
    generic: Annotated[bool, typer.Option("--generic", help="Include generic statements (not one incident).")] = False,
    limit: Annotated[int, typer.Option(help="How many to list (newest first).")] = 50,
    offset: Annotated[int, typer.Option(help="How many to skip.")] = 0,
) -> None:
    """Incidents: each real event once, with every report of it joined; newest first, undated last."""
    try:
        area = bbox_from_text(bbox) if bbox else None
    except ValueError as exc:
        raise _fail(str(exc)) from None
    if limit < 1 or offset < 0:
        raise _fail("--limit must be at least 1 and --offset at least 0")
    f = IncidentFilter(_day(since, "--since"), _day(until, "--until"), area, event_type, generic, place)
    store = _open_store(db)
    try:
        ensure_indexed(store)
        total, rows = list_incidents(store.engine, f, limit, offset)
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    if as_json:
        _print_json({"total": total, "limit": limit, "offset": offset, "incidents": rows})
        return
    shown = f"{offset + 1}–{offset + len(rows)} of {total}" if rows else f"none of {total}"
    table = Table(title=f"incidents ({shown})", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for column, width in (("id", 11), ("date", 16), ("type", 24), ("place", 18), ("killed", 7), ("injured", 7),
                          ("reports", 7)):
        table.add_column(column, max_width=width, overflow="fold")
    for row in rows:
        table.add_row(short_id(row["id"]), _dates(row), escape(row.get("sub_event_type") or row.get("family") or ""),
                      escape(row.get("place") or UNPLACED), _figures(row.get("killed_low"), row.get("killed_high")),
                      _figures(row.get("injured_low"), row.get("injured_high")), str(row.get("documents") or ""))
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("incidents")(incidents_command)
