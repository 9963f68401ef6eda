"""What `warlog ingest` reports at the end, in memory that does not grow with the number of documents.

A run over a file of 100,000 documents used to keep one result per document for its table. The
totals are counters; the failures are all kept (they are what a person has to act on); of the
documents that went through only the first `max_rows` are kept for the table, which says how many
more there were.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warlog.pipeline import IngestResult

MAX_ROWS = 50


@dataclass
class IngestSummary:
    """Running totals of an ingest, the failures, and a bounded sample of rows for its table."""

    max_rows: int = MAX_ROWS
    stored: int = 0
    already: int = 0
    errors: int = 0
    rows: list[IngestResult] = field(default_factory=list)
    failures: list[IngestResult] = field(default_factory=list)
    unshown: int = 0

    @property
    def total(self) -> int:
        return self.stored + self.already + self.errors

    def add(self, result: IngestResult) -> None:
        if result.status == "error":
            self.errors += 1
            self.failures.append(result)
            return
        if result.status == "stored":
            self.stored += 1
        else:
            self.already += 1
        if len(self.rows) < self.max_rows:
            self.rows.append(result)
        else:
            self.unshown += 1
