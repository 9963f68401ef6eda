"""`warlog events`: the stored events, one row per sentence-level event, with the page's filters.

The rows are the ones `GET /api/events` serves (place, casualties, day, source), joined with the stored
event's own fields (evidence offsets, confidence), so `--json` keeps every field it always had. Generic
statements ("Russia keeps shelling the region") are left out unless `--generic` is given, as on the page and in
`warlog incidents`. Incidents — each real event once, its reports joined — are `warlog incidents`.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select

from warlog.cli import DbOption, JsonOption, _fail, _open_store, _print_json, out
from warlog.cli_listing import OptionError, check_page, figures, parse_area, parse_day
from warlog.errors import WarlogError
from warlog.store import tables
from warlog.web.queries import EventFilter, list_events

UNPLACED = "(no place)"


def _rows(db: str | None, document: str | None, f: EventFilter, limit: int | None,
          offset: int) -> tuple[int, list[dict[str, Any]]]:
    """The listing's rows, each with the stored event's own fields added (evidence parsed)."""
    store = _open_store(db)
    try:
        if document:
            f = EventFilter(**{**vars(f), "document_id": store.resolve_id(document)})
        total, rows = list_events(store.engine, f, limit, offset)
        ids = [row["id"] for row in rows]
        events = tables.events  # the listed page's own rows only, not every stored event
        with store.engine.connect() as connection:
            stored = {r.id: dict(r._mapping) for r in connection.execute(select(events).where(events.c.id.in_(ids)))}
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    merged = []
    for row in rows:
        full = {**stored.get(row["id"], {}), **row}
        full["evidence"] = json.loads(full.get("evidence") or "{}")
        merged.append(full)
    return total, merged


def events_command(
    document: Annotated[str | None, typer.Argument(help="Document id (or its first characters).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    since: Annotated[str | None, typer.Option(help="Events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this day (YYYY-MM-DD).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type, ACLED event or sub-event type.")]
    = None,
    actor: Annotated[str | None, typer.Option(help="Words of the first or second actor, any case.")] = None,
    place: Annotated[str | None, typer.Option(help="Words of the place name, any case.")] = None,
    bbox: Annotated[str | None, typer.Option(help="W,S,E,N in degrees.")] = None,
    generic: Annotated[bool, typer.Option("--generic", help="Include generic statements (not one incident).")] = False,
    limit: Annotated[int | None, typer.Option(help="How many to list (in the order they were stored); all when not "
                                                   "given.")] = None,
    offset: Annotated[int, typer.Option(help="How many to skip.")] = 0,
) -> None:
    """Stored events with id, day, type, place, actor and killed/injured; filtered like the page."""
    try:
        check_page(limit, offset)
        f = EventFilter(since=parse_day(since, "--since"), until=parse_day(until, "--until"), bbox=parse_area(bbox),
                        event_type=event_type, actor=actor, include_generic=generic, place=place)
    except OptionError as exc:
        raise _fail(str(exc)) from None
    total, rows = _rows(db, document, f, limit, offset)
    if as_json:
        _print_json(rows)
        return
    shown = f"{offset + 1}–{offset + len(rows)} of {total}" if rows else f"none of {total}"
    hidden = "" if generic else " · generic statements hidden (--generic)"
    table = Table(title=f"events ({shown}){hidden}", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for column, width in (("id", 6), ("day", 10), ("type", 22), ("place", 16), ("actor", 14), ("killed", 6),
                          ("injured", 7), ("doc", 8)):
        table.add_column(column, max_width=width, overflow="fold", no_wrap=column in ("id", "day", "doc"))
    for row in rows:
        day = str(row.get("date_start") or row.get("day") or "")  # the text's date, else the report's day
        table.add_row(str(row["id"]), day, escape(row.get("acled_sub_event_type") or row.get("plover_type") or ""),
                      escape(row.get("place_name") or UNPLACED), escape(row.get("actor1") or ""),
                      figures(row.get("killed_low"), row.get("killed_high")),
                      figures(row.get("injured_low"), row.get("injured_high")), row["document_id"][:8])
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("events")(events_command)
