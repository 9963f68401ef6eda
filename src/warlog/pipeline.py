"""From inputs to the store: read, clean, check, segment, extract, store — one document, one transaction.

This is what `warlog ingest` and the Python API run. A bad input or a bad record is reported and
skipped; the good ones are stored; nothing already stored is touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from warlog.clean import clean, repeated_lines
from warlog.errors import EmptyInputError, InputError, LanguageError, StoreUnavailableError, WarlogError
from warlog.language import guess_language
from warlog.schema import Document, Extraction, Post
from warlog.segment import segment
from warlog.sources import ReadOptions, read_target
from warlog.store import Store

# Documents compared with each other for furniture repeated across one source's documents.
REPETITION_WINDOW = 200


@dataclass
class IngestResult:
    """What happened to one document (or to an input that yielded none)."""

    origin: str
    status: str  # "stored", "already stored" or "error"
    document_id: str | None = None
    title: str | None = None
    format: str | None = None
    posts: int = 0
    furniture: int = 0
    claims: int = 0
    events: int = 0
    error: str | None = None


def prepare(document: Document, boilerplate: set[str] | None = None, any_language: bool = False) -> list[Post]:
    """Clean, check and segment one document in place; returns its posts."""
    clean(document, boilerplate)
    if not document.text.strip():
        raise EmptyInputError(f"{document.origin}: holds nothing but page furniture")
    document.language = guess_language(document.text)
    if document.language != "en" and not any_language:
        raise LanguageError(
            f"{document.origin}: is not English (looks like {document.language}); warlog reads English "
            "news — pass --any-language to store it anyway"
        )
    return segment(document)


def _windows(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while window := list(islice(iterator, size)):
        yield window


def extract_document(document: Document, posts: list[Post]) -> Extraction:
    """Run the extractors (imported here: loading spaCy is only worth it when extracting)."""
    from warlog.extract.document import extract

    return extract(document, posts)


def ingest_target(
    target: str,
    store: Store,
    options: ReadOptions,
    any_language: bool = False,
    extract: bool = True,
) -> list[IngestResult]:
    """Ingest every document of one input; errors become results, never exceptions.

    The one exception: a store that cannot be written at all (`StoreUnavailableError`) stops the run.
    """
    return list(iter_ingest_target(target, store, options, any_language, extract))


def iter_ingest_target(
    target: str,
    store: Store,
    options: ReadOptions,
    any_language: bool = False,
    extract: bool = True,
) -> Iterator[IngestResult]:
    """`ingest_target` one result at a time, so that a file of 100,000 documents is not held as a list."""
    pending: list[IngestResult] = []  # read errors reported while the reader runs, yielded in order

    def record_error(error: InputError) -> None:
        pending.append(IngestResult(origin=target, status="error", error=str(error)))

    try:
        for window in _windows(read_target(target, options, record_error), REPETITION_WINDOW):
            boilerplate = repeated_lines(window)
            for document in window:
                yield from _drain(pending)
                yield _ingest_one(document, store, boilerplate.get(document.source or "", set()), any_language,
                                  extract)
    except StoreUnavailableError:
        raise
    except WarlogError as exc:
        pending.append(IngestResult(origin=target, status="error", error=str(exc)))
    yield from _drain(pending)


def _drain(pending: list[IngestResult]) -> Iterator[IngestResult]:
    while pending:
        yield pending.pop(0)


def _ingest_one(
    document: Document, store: Store, boilerplate: set[str], any_language: bool, extract: bool
) -> IngestResult:
    result = IngestResult(origin=document.origin, status="stored", document_id=document.id,
                          title=document.title, format=document.format)
    if store.has_document(document.id):
        result.status = "already stored"
        return result
    try:
        posts = prepare(document, boilerplate, any_language)
    except InputError as exc:
        result.status, result.error = "error", str(exc)
        return result
    result.posts, result.furniture = len(posts), len(document.removed)
    try:
        extraction = extract_document(document, posts) if extract else None
        if extraction is not None:
            result.claims, result.events = len(extraction.claims), len(extraction.events)
        if not store.add_document(document, posts, extraction):
            result.status = "already stored"
    except StoreUnavailableError:
        raise
    except WarlogError as exc:
        message = str(exc)
        result.status = "error"
        result.error = message if document.origin in message else f"{document.origin}: {message}"
    return result


def ingest(
    targets: list[str],
    store: Store,
    options: ReadOptions,
    any_language: bool = False,
    on_target_done: Callable[[str, list[IngestResult]], None] | None = None,
    extract: bool = True,
) -> list[IngestResult]:
    """Ingest many inputs; `on_target_done` is called after each (for progress bars)."""
    results = []
    for target in targets:
        done = ingest_target(target, store, options, any_language, extract)
        results.extend(done)
        if on_target_done is not None:
            on_target_done(target, done)
    return results
