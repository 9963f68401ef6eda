"""Extracting stored documents again: after an upgrade, a document whose extraction failed gets another try.

A document is always stored with its text, posts and furniture, even when its extraction raised or the store
refused its records (`extraction_status` failed, with stage and reason). Re-extraction works from what is
stored — the cleaned text and the posts, exactly as `prepare` left them — so it needs no input file and gives
the same result ingesting would give now. Each document's old extraction is replaced in one transaction, and
only once the new one is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from warlog.errors import StoreError, StoreUnavailableError
from warlog.pipeline import extract_safely, refused_by_store
from warlog.store import Store
from warlog.store.load import load_document


@dataclass
class ReextractResult:
    """What happened to one document: `done` with its counts, or `failed` with the stage and reason."""

    document_id: str
    origin: str
    status: str
    claims: int = 0
    events: int = 0
    stage: str | None = None
    error: str | None = None


def reextract(
    store: Store, document_ids: Iterable[str], on_done: Callable[[ReextractResult], None] | None = None
) -> list[ReextractResult]:
    """Extract each stored document of `document_ids` again and store the result in place of the old one.

    A store that cannot be written at all (`StoreUnavailableError`) stops the run; anything else is a
    failed result for that document, whose earlier rows are then marked failed too.
    """
    results = []
    for document_id in document_ids:
        result = _reextract_one(store, document_id)
        results.append(result)
        if on_done is not None:
            on_done(result)
    return results


def _reextract_one(store: Store, document_id: str) -> ReextractResult:
    document, posts = load_document(store, document_id)
    extraction, failure = extract_safely(document, posts)
    try:
        store.replace_extraction(document_id, extraction, failure)
    except StoreUnavailableError:
        raise
    except StoreError as exc:
        extraction, failure = None, refused_by_store(exc, store)
        try:
            store.replace_extraction(document_id, None, failure)
        except StoreUnavailableError:
            raise
        except StoreError:
            pass  # not even the status could be written: the document keeps what it had, and the run goes on
    if failure is not None:
        return ReextractResult(document_id, document.origin, "failed", stage=failure.stage, error=failure.reason)
    assert extraction is not None
    return ReextractResult(document_id, document.origin, "done", claims=len(extraction.claims),
                           events=len(extraction.events))
