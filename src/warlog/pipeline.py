"""From inputs to the store: read, clean, check, segment, extract, store — one document, one transaction.

This is what `warlog ingest` and the Python API run. A bad input or a bad record is reported and
skipped; the good ones are stored; nothing already stored is touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from warlog.clean import clean, repeated_lines
from warlog.errors import (
    EmptyInputError,
    InputError,
    LanguageError,
    StoreError,
    StoreUnavailableError,
    WarlogError,
    describe_bug,
)
from warlog.language import guess_language
from warlog.schema import Document, Extraction, ExtractionFailure, Post
from warlog.segment import segment
from warlog.sources import ReadOptions, read_target
from warlog.store import Store

# Documents compared with each other for furniture repeated across one source's documents.
REPETITION_WINDOW = 200


@dataclass
class IngestResult:
    """What happened to one document (or to an input that yielded none)."""

    origin: str
    status: str  # "stored", "extraction failed" (stored without its extraction), "already stored" or "error"
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
        for result in iter_ingest_documents(read_target(target, options, record_error), store, any_language,
                                            extract):
            yield from _drain(pending)
            yield result
    except StoreUnavailableError:
        raise
    except WarlogError as exc:
        pending.append(IngestResult(origin=target, status="error", error=str(exc)))
    except Exception as exc:  # noqa: BLE001 - a reader's bug on one input must not end the run
        pending.append(IngestResult(origin=target, status="error",
                                    error=f"{target}: could not be read ({describe_bug(exc)}); please report it"))
    yield from _drain(pending)


def iter_ingest_documents(
    documents: Iterable[Document], store: Store, any_language: bool = False, extract: bool = True
) -> Iterator[IngestResult]:
    """Clean, segment, extract and store Documents already read, one result each (the Python API's entry for
    text that does not come from a file: `read_text(text, origin, published=...)`)."""
    for window in _windows(documents, REPETITION_WINDOW):
        boilerplate = repeated_lines(window)
        for document in window:
            yield _ingest_one(document, store, boilerplate.get(document.source or "", set()), any_language, extract)


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
    except Exception as exc:  # noqa: BLE001 - a bug in cleaning one page must not end the run
        result.status, result.error = "error", f"{document.origin}: could not be cleaned ({describe_bug(exc)}); " \
                                               "please report it"
        return result
    result.posts, result.furniture = len(posts), len(document.removed)
    extraction, failure = (extract_safely(document, posts) if extract else (None, None))
    try:
        stored = store.add_document(document, posts, extraction, failure)
        if extraction is not None:
            result.claims, result.events = len(extraction.claims), len(extraction.events)
    except StoreUnavailableError:
        raise
    except StoreError as exc:
        if extraction is None:
            result.status, result.error = "error", _naming(document, str(exc))
            return result
        # The store refused the extraction's records: keep the document, its posts and furniture without them.
        failure = refused_by_store(exc, store)
        try:
            stored = store.add_document(document, posts, None, failure)
        except StoreUnavailableError:
            raise
        except WarlogError as again:
            result.status, result.error = "error", _naming(document, str(again))
            return result
    if not stored:
        result.status = "already stored"
    elif failure is not None:
        result.status = "extraction failed"
        result.error = (f"{document.origin}: stored without its extraction, which failed at the {failure.stage} "
                        f"stage ({failure.reason}); `warlog reextract {document.id[:12]}` retries it")
    return result


def extract_safely(document: Document, posts: list[Post]) -> tuple[Extraction | None, ExtractionFailure | None]:
    """The extraction of a document, or why there is none: whatever the extractor raises, a bug included,
    costs this document's extraction only (the document itself is still stored, and can be re-extracted)."""
    try:
        return extract_document(document, posts), None
    except WarlogError as exc:
        return None, ExtractionFailure("extract", str(exc))
    except Exception as exc:  # noqa: BLE001 - one document's bug must not cost the run or the document
        return None, ExtractionFailure("extract", f"{describe_bug(exc)}; please report it")


def _naming(document: Document, message: str) -> str:
    return message if document.origin in message else f"{document.origin}: {message}"


def refused_by_store(exc: StoreError, store: Store) -> ExtractionFailure:
    """The failure of an extraction whose records the store refused; the reason without the store's name, which
    the document's row does not need."""
    return ExtractionFailure("store", str(exc).removeprefix(f"{store.label}: "))


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
