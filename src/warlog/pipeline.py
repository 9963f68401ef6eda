"""From inputs to the store: read, clean, check, segment, extract, store — one document, one transaction.

This is what `warlog ingest` and the Python API run. A bad input or a bad record is reported and
skipped; the good ones are stored; nothing already stored is touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:  # spaCy is loaded only when extracting
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

# Documents compared with each other for furniture repeated across one source's documents.
REPETITION_WINDOW = 200
# Documents whose texts are parsed in one `nlp.pipe` call (see `_parse_together`), and the most text they hold.
# spaCy's working memory grows with the batch (peak RSS of ingesting 200 bench documents: 253 MB one document at a
# time, 285 MB four at a time, 325 MB eight), while most of the speed comes with the first four.
PARSE_GROUP = 4
PARSE_GROUP_CHARS = 20_000


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


def extract_document(document: Document, posts: list[Post], parses: Parses | None = None) -> Extraction:
    """Run the extractors (imported here: loading spaCy is only worth it when extracting), on `parses` made
    beforehand when given."""
    from warlog.extract.document import extract

    return extract(document, posts, parses)


class Parses:
    """The spaCy parses of one document's texts, made beforehand together with other documents' texts
    (`_parse_together`). It stands in for the pipeline in `extract`, which asks for these very texts; texts it
    was not made for are parsed when asked, so the extraction is the same either way."""

    def __init__(self, nlp: Language, texts: list[str], docs: list[SpacyDoc]) -> None:
        self._nlp, self._texts, self._docs = nlp, texts, docs

    def pipe(self, texts: Iterable[str]) -> Iterator[SpacyDoc]:
        texts = list(texts)
        return iter(self._docs) if texts == self._texts else self._nlp.pipe(texts)


def _parse_together(prepared: list[tuple[Document, list[Post]]]) -> list[Parses | None]:
    """The parses of several documents' texts, made in one `nlp.pipe` call. Why: spaCy parses a batch of a few
    dozen texts about a tenth faster than the same texts a document (three or so texts) at a time. Should the
    batch fail, each document is parsed on its own (in `extract_safely`), so a bad text costs only its
    document's extraction."""
    from warlog.extract.document import texts_to_parse
    from warlog.extract.nlp import get_nlp

    nlp = get_nlp()
    texts = [texts_to_parse(posts) for _, posts in prepared]
    try:
        docs = list(nlp.pipe(text for document_texts in texts for text in document_texts))
    except Exception:  # noqa: BLE001 - the document at fault fails on its own below, the others are extracted
        return [None] * len(prepared)
    parses, start = [], 0
    for document_texts in texts:
        parses.append(Parses(nlp, document_texts, docs[start:start + len(document_texts)]))
        start += len(document_texts)
    return parses


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
        group: list[tuple[Document, IngestResult, list[Post] | None]] = []
        for document in window:
            if any(document.id == queued.id for queued, _, posts in group if posts is not None):
                yield from _extract_and_store_group(group, store, extract)  # stored first, the copy is "already stored"
            result, posts = _prepare_one(document, store, boilerplate.get(document.source or "", set()), any_language)
            group.append((document, result, posts))
            if _group_full(group):
                yield from _extract_and_store_group(group, store, extract)
        yield from _extract_and_store_group(group, store, extract)


def _group_full(group: list[tuple[Document, IngestResult, list[Post] | None]]) -> bool:
    """Enough documents to parse together: PARSE_GROUP of them, or PARSE_GROUP_CHARS of text (the parses of a
    group are held at once, so a few long pages make a group of their own)."""
    prepared = [document for document, _, posts in group if posts is not None]
    return len(prepared) >= PARSE_GROUP or sum(len(document.text) for document in prepared) >= PARSE_GROUP_CHARS


def _extract_and_store_group(
    group: list[tuple[Document, IngestResult, list[Post] | None]], store: Store, extract: bool
) -> Iterator[IngestResult]:
    """Extract and store the prepared documents of `group` in order (emptying it), their texts parsed together."""
    prepared = [(document, posts) for document, _, posts in group if posts is not None]
    parses = iter(_parse_together(prepared) if extract and prepared else [])
    for document, result, posts in group:
        if posts is None:
            yield result
        else:
            yield _extract_and_store(document, posts, store, result, extract, next(parses, None))
    group.clear()


def _drain(pending: list[IngestResult]) -> Iterator[IngestResult]:
    while pending:
        yield pending.pop(0)


def _ingest_one(
    document: Document, store: Store, boilerplate: set[str], any_language: bool, extract: bool
) -> IngestResult:
    result, posts = _prepare_one(document, store, boilerplate, any_language)
    return result if posts is None else _extract_and_store(document, posts, store, result, extract)


def _prepare_one(
    document: Document, store: Store, boilerplate: set[str], any_language: bool
) -> tuple[IngestResult, list[Post] | None]:
    """The document's result so far and its posts; no posts when it is already stored or cannot be prepared (the
    result says why)."""
    result = IngestResult(origin=document.origin, status="stored", document_id=document.id,
                          title=document.title, format=document.format)
    if store.has_document(document.id):
        result.status = "already stored"
        return result, None
    try:
        posts = prepare(document, boilerplate, any_language)
    except InputError as exc:
        result.status, result.error = "error", str(exc)
        return result, None
    except Exception as exc:  # noqa: BLE001 - a bug in cleaning one page must not end the run
        result.status, result.error = "error", f"{document.origin}: could not be cleaned ({describe_bug(exc)}); " \
                                               "please report it"
        return result, None
    result.posts, result.furniture = len(posts), len(document.removed)
    return result, posts


def _extract_and_store(
    document: Document, posts: list[Post], store: Store, result: IngestResult, extract: bool,
    parses: Parses | None = None,
) -> IngestResult:
    extraction, failure = (extract_safely(document, posts, parses) if extract else (None, None))
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


def extract_safely(
    document: Document, posts: list[Post], parses: Parses | None = None
) -> tuple[Extraction | None, ExtractionFailure | None]:
    """The extraction of a document, or why there is none: whatever the extractor raises, a bug included,
    costs this document's extraction only (the document itself is still stored, and can be re-extracted)."""
    try:
        return extract_document(document, posts, parses), None
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
