"""`warlog load DIR`: the completed units of a batch output folder into the store.

Each document's rows are turned back into the records `warlog ingest` would have stored (Document,
posts, Extraction) and go through the same `Store.add_document`: one transaction per document, and a
document already stored (same content hash) is left alone, so loading twice — or loading what was
also ingested — adds nothing. Units are loaded in order of path, then offset, so a big file's
documents keep their order in the store. Only units with a done-marker are read:
a unit cut off mid-write is never half loaded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warlog.batch.partitions import done_markers, read_unit_tables
from warlog.batch.records import RECORD_TABLES, document_from_row, failure_from_row, records_from_rows
from warlog.errors import BatchError
from warlog.schema import Extraction
from warlog.store import Store


@dataclass
class LoadSummary:
    units: int = 0
    stored: int = 0
    already: int = 0
    failures: list[dict] = field(default_factory=list)  # recorded by the batch run, shown again here


def completed_units(out: Path) -> list[tuple[str, dict]]:
    """(key, marker) of every completed unit, in input order."""
    if not out.is_dir():
        raise BatchError(f"{out}: no such folder; give the --out folder of a `warlog batch` run")
    markers = done_markers(out)
    if not markers:
        raise BatchError(f"{out}: holds no completed batch units; run `warlog batch INPUT… --out {out}` first")

    def order(item: tuple[str, dict]) -> tuple[str, int]:
        unit = item[1].get("unit", {})
        return unit.get("path", ""), unit.get("start", 0)

    return sorted(markers.items(), key=order)


def load_output(
    out: Path, store: Store, on_unit_done: Callable[[int], None] | None = None
) -> LoadSummary:
    """Store every document of the completed units of `out`; `on_unit_done(documents)` after each unit."""
    units = completed_units(out)
    summary = LoadSummary(units=len(units))
    for key, _marker in units:
        tables = read_unit_tables(out, key)
        by_document: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        for name, rows in tables.items():
            if name in ("documents", "failures"):
                continue
            for row in rows:
                by_document[row["document_id"]][name].append(row)
        for row in tables["documents"]:
            rows = by_document[row["document_id"]]
            document = document_from_row(row, rows["furniture"])
            posts = records_from_rows("posts", rows["posts"])
            failure = failure_from_row(row)
            extraction = None if failure is not None else Extraction(document_id=document.id, **{
                name: records_from_rows(name, rows[name]) for name in RECORD_TABLES if name != "posts"})
            if store.add_document(document, posts, extraction, failure):
                summary.stored += 1
            else:
                summary.already += 1
        summary.failures.extend({"origin": f["origin"], "reason": f["reason"]} for f in tables["failures"])
        if on_unit_done is not None:
            on_unit_done(len(tables["documents"]))
    return summary
