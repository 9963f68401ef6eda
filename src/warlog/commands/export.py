"""`warlog export` and `warlog sitrep`: thin shells over `warlog.export`.

Text formats go to stdout unless `--out` is given, so they pipe into other tools; Parquet needs a
path. Every bad option is one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from warlog.cli import DbOption, _fail, _open_store, err, out
from warlog.errors import WarlogError
from warlog.export.query import ExportFilter, parse_bbox, select_rows
from warlog.sources.dates import parse_user_date

FORMATS = ("acled-csv", "geojson", "json", "parquet")


def _day(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    parsed = parse_user_date(value)
    if parsed is None:
        raise _fail(f"{option} {value!r}: not a date; use a form like 2024-11-03")
    return parsed.date()


def _write_text(text: str, path: str | None) -> None:
    if path is None:
        sys.stdout.write(text)
        return
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{path}: cannot write ({exc.strerror or exc})") from exc
    err.print(f"wrote {path}", soft_wrap=True, markup=False)


def export_command(
    format: Annotated[str, typer.Option("--format", "-f", help="acled-csv, geojson, json or parquet.")],
    out_path: Annotated[str | None, typer.Option("--out", "-o", help="File (folder for parquet); stdout if absent.")]
    = None,
    since: Annotated[str | None, typer.Option(help="Events on or after this day.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this day.")] = None,
    bbox: Annotated[str | None, typer.Option(help="Bounding box W,S,E,N in degrees.")] = None,
    event_type: Annotated[str | None, typer.Option(help="PLOVER type or ACLED (sub-)event type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name (part of actor1 or actor2).")] = None,
    source: Annotated[str | None, typer.Option(help="Source name, URL part or document id prefix.")] = None,
    include_generic: Annotated[
        bool, typer.Option("--include-generic", help="Include generic statements, not only incidents.")
    ] = False,
    per: Annotated[str, typer.Option("--rows", help="acled-csv: one row per incident (all its reports' sources "
                                                   "and sentences), or per event (each report).")] = "incidents",
    db: DbOption = None,
) -> None:
    """Export events (with their claims, quantities and places) as ACLED-style CSV, GeoJSON, JSON or Parquet."""
    if format not in FORMATS:
        raise _fail(f"--format {format!r}: choose from {', '.join(FORMATS)}")
    if per not in ("incidents", "events"):
        raise _fail(f"--rows {per!r}: choose incidents or events")
    if format == "parquet" and out_path is None:
        raise _fail("--format parquet needs --out (a folder, or a file ending in .parquet for events only)")
    try:
        box = parse_bbox(bbox) if bbox else None
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    filters = ExportFilter(since=_day("--since", since), until=_day("--until", until), bbox=box,
                           event_type=event_type, actor=actor, source=source, include_generic=include_generic)
    if filters.since and filters.until and filters.since > filters.until:
        raise _fail(f"--since {since} is after --until {until}")
    store = _open_store(db)
    incidents = None
    try:
        rows = select_rows(store.engine, filters)
        if format == "acled-csv" and per == "incidents":
            from warlog.export.acled_incidents import event_incidents
            from warlog.reconcile.stored import ensure_indexed

            ensure_indexed(store)
            incidents = event_incidents(store.engine, rows)
    finally:
        store.close()
    if format == "acled-csv":
        from warlog.export.acled import to_acled_csv

        _write_text(to_acled_csv(rows, incidents), out_path)
    elif format == "geojson":
        from warlog.export import geojson

        collection = geojson.to_geojson(rows)
        _write_text(geojson.dumps(collection), out_path)
        skipped = collection["warlog"]["skipped"]
        if skipped:
            err.print(f"{skipped} of {len(rows.events)} events have no resolved place and are not in the GeoJSON "
                      "(the JSON and CSV exports keep them)", markup=False)
    elif format == "json":
        from warlog.export import jsonout

        _write_text(jsonout.dumps(rows), out_path)
    else:
        from warlog.export.parquet import write_parquet

        try:
            written = write_parquet(rows, Path(out_path))
        except OSError as exc:
            raise _fail(f"{out_path}: cannot write ({exc.strerror or exc})") from exc
        for path in written:
            err.print(f"wrote {path}", soft_wrap=True, markup=False)
    err.print(f"{len(rows.events)} events", markup=False)


def sitrep_command(
    day: Annotated[str, typer.Option("--date", help="The day to report on, e.g. 2024-11-02.")],
    region: Annotated[str | None, typer.Option(help="Only this region (admin1, country or place name).")] = None,
    out_dir: Annotated[str, typer.Option("--out", help="Folder for the .md, .html and .svg files.")] = ".",
    db: DbOption = None,
    all_counted: Annotated[bool, typer.Option("--all", help="Report every counted thing the ledger holds, not only "
                                                            "conflict figures (tolls, people, forces, weapons, "
                                                            "territory).")] = False,
) -> None:
    """Write the daily situation report (Markdown, HTML with a map) for one day."""
    from warlog.export.sitrep import gather, write_sitrep

    when = _day("--date", day)
    assert when is not None
    store = _open_store(db)
    try:
        ledger, note = _ledger(store)
        report = gather(store.engine, when, region, ledger, note, all_counted=all_counted)
    finally:
        store.close()
    try:
        paths = write_sitrep(report, Path(out_dir))
    except OSError as exc:
        raise _fail(f"{out_dir}: cannot write the report ({exc.strerror or exc})") from exc
    for path in paths:
        out.print(str(path), markup=False, soft_wrap=True)


def _ledger(store) -> tuple[list | None, str | None]:
    """The claims ledger of the whole store (as `warlog ledger` shows it, corrections applied), or None and
    the reason it could not be built."""
    from warlog.reconcile.stored import stored_ledger

    try:
        return stored_ledger(store), None
    except WarlogError as exc:
        return None, f"Ledger not available ({exc})."


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
    app.command("sitrep")(sitrep_command)
