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
    extraction_failed: int = 0  # stored, but without their extraction (counted in `stored` too)
    rows: list[IngestResult] = field(default_factory=list)
    failures: list[IngestResult] = field(default_factory=list)
    unshown: int = 0

    @property
    def total(self) -> int:
        return self.stored + self.already + self.errors

    @property
    def failed(self) -> bool:
        """Whether anything went wrong: an input or document refused, or a document stored without its extraction."""
        return bool(self.errors or self.extraction_failed)

    def line(self) -> str:
        """The closing line of an ingest."""
        without = f" ({self.extraction_failed} of them without their extraction)" if self.extraction_failed else ""
        return f"{self.stored} stored{without}, {self.already} already stored, {self.errors} failed"

    def add(self, result: IngestResult) -> None:
        if result.status == "error":
            self.errors += 1
            self.failures.append(result)
            return
        if result.status == "extraction failed":
            self.stored += 1
            self.extraction_failed += 1
            self.failures.append(result)
        elif result.status == "stored":
            self.stored += 1
        else:
            self.already += 1
        if len(self.rows) < self.max_rows:
            self.rows.append(result)
        else:
            self.unshown += 1
