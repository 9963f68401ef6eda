"""`warlog eval store`: every gold text through the product path, counting what is lost.

Each text of each gold set (`gold_texts`) goes through what `warlog ingest` runs — read as plain text with
its set's publication date, clean, check, segment, extract, store — into a store of its own. The figures
are what a user meets: how many texts were refused (no document stored), how many were stored without their
extraction (it raised, or the store refused its records), and how many crashed (an exception escaped, which
`ingest` must never let happen). Accuracy is not scored here; the other sets do that.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from warlog.errors import describe_bug
from warlog.evaluate.gold_texts import SETS, GoldText, gold_texts, missing_sets
from warlog.pipeline import IngestResult, iter_ingest_documents
from warlog.schema import Document
from warlog.sources.text import read_text
from warlog.store import Store


@dataclass
class SetTally:
    """What became of one gold set's texts."""

    texts: int = 0
    stored: int = 0  # with their extraction
    already: int = 0  # the same content as an earlier text of the run (stored once)
    extraction_failed: int = 0  # stored, without their extraction
    refused: int = 0  # not stored at all
    crashed: int = 0  # an exception escaped the pipeline
    events: int = 0
    claims: int = 0
    seconds: float = 0.0


@dataclass
class RobustnessReport:
    sets: dict[str, SetTally] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)  # set, origin, status, reason
    missing: list[str] = field(default_factory=list)
    documents_in_store: int = 0

    def as_dict(self) -> dict[str, Any]:
        total = SetTally()
        for tally in self.sets.values():
            for name, value in asdict(tally).items():
                setattr(total, name, getattr(total, name) + value)
        return {"sets": {name: asdict(t) for name, t in self.sets.items()}, "total": asdict(total),
                "failures": self.failures, "missing": self.missing, "documents_in_store": self.documents_in_store}


def _document(text: GoldText) -> Document:
    published = datetime(text.published.year, text.published.month, text.published.day) if text.published else None
    return read_text(text.text, text.origin, published=published, source=text.source)


def evaluate_store(
    gold: str | Path | None = None, sets: tuple[str, ...] = SETS, db: str | None = None,
    on_text: Callable[[GoldText, IngestResult | None], None] | None = None,
) -> RobustnessReport:
    """Ingest every text of `sets` into `db` (default: a fresh SQLite file, removed afterwards) and count."""
    report = RobustnessReport(missing=missing_sets(gold, sets))
    with tempfile.TemporaryDirectory(prefix="warlog-eval-store-") as folder:
        store = Store(db or str(Path(folder) / "gold.db"))
        try:
            for name in (s for s in sets if s not in report.missing):
                report.sets[name] = _ingest_set(store, list(gold_texts(gold, (name,))), report, on_text)
            report.documents_in_store = len(store.document_ids())
        finally:
            store.close()
    return report


def _ingest_set(store: Store, texts: list[GoldText], report: RobustnessReport,
                on_text: Callable[[GoldText, IngestResult | None], None] | None) -> SetTally:
    tally = SetTally(texts=len(texts))
    began = time.perf_counter()
    results = _results(store, texts)
    for text in texts:
        try:
            result = next(results)
        except StopIteration:  # the generator died with the exception recorded below
            result = None
        except Exception as exc:  # noqa: BLE001 - counted, not raised: a crash is what this measures
            tally.crashed += 1
            report.failures.append({"set": text.set, "origin": text.origin, "status": "crashed",
                                    "reason": describe_bug(exc)})
            results = _results(store, texts[texts.index(text) + 1:])
            if on_text is not None:
                on_text(text, None)
            continue
        _count(tally, report, text, result)
        if on_text is not None:
            on_text(text, result)
    tally.seconds = round(time.perf_counter() - began, 1)
    return tally


def _results(store: Store, texts: list[GoldText]) -> Iterator[IngestResult]:
    return iter_ingest_documents((_document(t) for t in texts), store)


def _count(tally: SetTally, report: RobustnessReport, text: GoldText, result: IngestResult | None) -> None:
    if result is None:
        tally.crashed += 1
        return
    tally.events += result.events
    tally.claims += result.claims
    if result.status == "stored":
        tally.stored += 1
        return
    if result.status == "already stored":
        tally.already += 1
        return
    if result.status == "extraction failed":
        tally.extraction_failed += 1
    else:
        tally.refused += 1
    report.failures.append({"set": text.set, "origin": text.origin, "status": result.status,
                            "reason": result.error or ""})
