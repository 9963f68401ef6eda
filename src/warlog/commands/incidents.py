"""`warlog incidents`: the store's incidents (reports of one real event joined), newest first, filtered.

The same list the page's feed and `GET /api/incidents` serve, read from the incident index: one indexed query
whatever the size of the store. Generic statements are left out unless asked for, as on the page; incidents
with no place are listed and marked, so nothing the store holds is out of reach.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from warlog.cli import DbOption, JsonOption, _fail, _open_store, _print_json, out
from warlog.cli_listing import OptionError, check_page, dates, figures, parse_area, parse_day
from warlog.errors import WarlogError
from warlog.reconcile.stored import ensure_indexed
from warlog.web.queries import IncidentFilter, list_incidents

UNPLACED = "(no place)"


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
    actor: Annotated[str | None, typer.Option(help="Words of an actor of any of its reports, any case.")] = None,
    bbox: Annotated[str | None, typer.Option(help="W,S,E,N in degrees.")] = None,
    generic: Annotated[bool, typer.Option("--generic", help="Include generic statements (not one incident).")] = False,
    limit: Annotated[int, typer.Option(help="How many to list (newest first).")] = 50,
    offset: Annotated[int, typer.Option(help="How many to skip.")] = 0,
) -> None:
    """Incidents: each real event once, with every report of it joined; newest first, undated last."""
    try:
        check_page(limit, offset)
        f = IncidentFilter(parse_day(since, "--since"), parse_day(until, "--until"), parse_area(bbox), event_type,
                           generic, place, actor)
    except OptionError as exc:
        raise _fail(str(exc)) from None
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
        table.add_row(short_id(row["id"]), dates(row.get("start"), row.get("end")),
                      escape(row.get("sub_event_type") or OTHER_TYPE),
                      escape(row.get("place") or UNPLACED), figures(row.get("killed_low"), row.get("killed_high")),
                      figures(row.get("injured_low"), row.get("injured_high")), str(row.get("documents") or ""))
    out.print(table)


# An incident of no ACLED type (a condemnation, talks) is listed as the page lists it.
OTHER_TYPE = "Other"


def register(app: typer.Typer) -> None:
    app.command("incidents")(incidents_command)
