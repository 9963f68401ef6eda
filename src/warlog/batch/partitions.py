"""The output folder: one Parquet file per table per unit, and a done-marker per unit written last.

Layout (every table a folder, so `read_parquet('out/events/*.parquet')` in DuckDB or
`pandas.read_parquet('out/events')` reads it whole):

    out/documents/part-<unit>.parquet   furniture/  posts/  mentions/  quantities/  claims/  places/
    out/events/part-<unit>.parquet      failures/part-<unit>.parquet
    out/_done/<unit>.json               what the unit was, its counts; written after its partitions

Every file is written under a hidden temporary name and renamed into place, so a reader never sees
half a file; the marker is renamed in last, so a unit whose run was cut off has no marker, is done
again by the next run, and is not loaded by `warlog load`. Folders starting with `_` or `.` are
skipped by pyarrow's and DuckDB's dataset readers, so the markers do not disturb them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pyarrow.parquet as pq

from warlog.batch.plan import WorkUnit
from warlog.batch.task import TABLES, UnitResult

DONE = "_done"


def part_path(out: Path, table: str, key: str) -> Path:
    return out / table / f"part-{key}.parquet"


def marker_path(out: Path, key: str) -> Path:
    return out / DONE / f"{key}.json"


def _atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_unit(out: Path, result: UnitResult) -> None:
    """Write a unit's tables, then its marker; an empty table is still written (its schema is useful)."""
    for table in TABLES:
        _atomic(part_path(out, table, result.unit.key),
                lambda path, table=table: pq.write_table(result.tables[table], path))
    marker = {"unit": result.unit.describe(), "resolved": str(Path(result.unit.path).resolve()),
              "documents": result.documents, "failures": result.failures,
              "seconds": round(result.seconds, 3),
              "cpu_seconds": round(result.cpu_seconds, 3), "worker": str(result.worker)}
    _atomic(marker_path(out, result.unit.key),
            lambda path: path.write_text(json.dumps(marker, ensure_ascii=False, indent=1), encoding="utf-8"))


def done_markers(out: Path) -> dict[str, dict]:
    """Completed units by key (unreadable markers count as not done, so the unit is done again)."""
    found = {}
    for path in sorted((out / DONE).glob("*.json")):
        try:
            found[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return found


def remove_leftovers(out: Path) -> int:
    """Delete the hidden temporary files of a run killed mid-write: they are never read, only clutter.

    Only files of our own naming (`.<name>.<pid>.tmp`) in the folders we write are touched."""
    removed = 0
    for folder in [out / DONE, *(out / table for table in TABLES)]:
        for path in folder.glob(".*.tmp") if folder.is_dir() else ():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def remove_stale(out: Path, units: Iterable[WorkUnit], done: dict[str, dict]) -> list[str]:
    """Drop the output of earlier units of this run's files that this run does not have (the file
    changed, or other options were given), so a table never holds two versions of one file."""
    current = {u.key for u in units}
    paths = {str(Path(u.path).resolve()) for u in units}
    removed = []
    for key, marker in done.items():
        if key in current or marker.get("resolved") not in paths:
            continue
        marker_path(out, key).unlink(missing_ok=True)  # first: a crash now leaves orphans, never a false "done"
        for table in TABLES:
            part_path(out, table, key).unlink(missing_ok=True)
        removed.append(key)
    return removed


def read_unit_tables(out: Path, key: str) -> dict[str, list[dict]]:
    """The rows of one completed unit, table by table."""
    return {table: pq.read_table(part_path(out, table, key)).to_pylist() for table in TABLES}
