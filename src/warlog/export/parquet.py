"""Parquet: the selected events, claims, quantities and places as typed pyarrow tables.

Types come from the store's table definitions (integers, floats, booleans, dates), so a reader
(pandas, DuckDB, Polars, R arrow) gets dates as dates and missing values as nulls, not strings.
Written as a folder of four files (`events.parquet`, `claims.parquet`, `quantities.parquet`,
`places.parquet`), or — when the path ends in `.parquet` — one file holding the events table,
which carries its place, casualty figures and source as extra columns for single-file use.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Table

from warlog.export.query import ExportRows, figure
from warlog.store import tables

# Event columns added from the event's context (place, casualty figures, source document).
EVENT_EXTRA: list[tuple[str, pa.DataType]] = [
    ("place_name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("country_code", pa.string()),
    ("admin1", pa.string()), ("admin2", pa.string()), ("geo_precision", pa.int64()), ("killed", pa.float64()),
    ("injured", pa.float64()), ("source", pa.string()), ("url", pa.string()),
]


def _arrow_type(column) -> pa.DataType:
    kind = column.type
    if isinstance(kind, Boolean):
        return pa.bool_()
    if isinstance(kind, Integer):
        return pa.int64()
    if isinstance(kind, Float):
        return pa.float64()
    if isinstance(kind, DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(kind, Date):
        return pa.date32()
    return pa.string()


def _schema(table: Table, extra: list[tuple[str, pa.DataType]] = ()) -> pa.Schema:
    return pa.schema([(c.name, _arrow_type(c)) for c in table.columns] + list(extra))


def _table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist([{name: row.get(name) for name in schema.names} for row in rows], schema=schema)


def _event_row(event: dict[str, Any]) -> dict[str, Any]:
    place = event.get("place") or {}
    row = {c.name: event.get(c.name) for c in tables.events.columns}
    row["evidence"] = json.dumps(event.get("evidence") or {}, ensure_ascii=False)
    row["generic"] = bool(row["generic"])
    row["claimed_by_belligerent"] = bool(row["claimed_by_belligerent"])
    row.update(place_name=place.get("name"), lat=place.get("lat"), lon=place.get("lon"),
               country_code=place.get("country_code"), admin1=place.get("admin1"), admin2=place.get("admin2"),
               geo_precision=place.get("geo_precision"), killed=figure(event.get("killed")),
               injured=figure(event.get("injured")), source=event["document"].get("source"),
               url=event["document"].get("url"))
    return row


def to_tables(rows: ExportRows) -> dict[str, pa.Table]:
    """The four tables, keyed by name."""
    return {
        "events": _table([_event_row(e) for e in rows.events], _schema(tables.events, EVENT_EXTRA)),
        "claims": _table(rows.claims, _schema(tables.claims)),
        "quantities": _table(rows.quantities, _schema(tables.quantities)),
        "places": _table(rows.places, _schema(tables.places)),
    }


def write_parquet(rows: ExportRows, path: Path) -> list[Path]:
    """Write the export to `path` (a folder, or one `.parquet` file of events); return the files written."""
    arrow = to_tables(rows)
    if path.suffix == ".parquet":
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(arrow["events"], path)
        return [path]
    path.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in arrow.items():
        target = path / f"{name}.parquet"
        pq.write_table(table, target)
        written.append(target)
    return written
