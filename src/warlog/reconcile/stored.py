"""Reconciliation over the store: the stored documents, clustered with the analyst's corrections applied.

The CLI, the web API and the exports all show the same ledger and clusters, so they all come from here.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import func, select

from warlog.reconcile import incident_index, ledger_index
from warlog.reconcile.dedup import EventCluster
from warlog.reconcile.ledger import LedgerEntry, assemble
from warlog.schema import Document, Extraction
from warlog.store import Store, tables
from warlog.store.load import load_extractions


def reconcile_store(store: Store) -> tuple[list[tuple[Document, Extraction]], list[EventCluster]]:
    """Every stored extraction and the store's incidents (the incident index, with the analyst's corrections), for
    callers that read the documents' own records beside the clusters (`warlog eval incidents`)."""
    clusters = incident_clusters(store)
    return load_extractions(store), clusters


def incident_clusters(store: Store) -> list[EventCluster]:
    """The store's incidents as clusters — members, links with their scores, corrections applied — read from the
    incident index's rows, loading no extraction: what `warlog clusters` shows, at the cost of reading the index
    (loading every extraction as well took most of the time of a large store, for nothing the clusters use)."""
    ensure_indexed(store)
    with store.engine.connect() as connection:
        return incident_index.stored_clusters(connection)


def ensure_indexed(store: Store) -> int:
    """Index the documents stored before the incident index existed; how many were indexed. Each goes in its own
    transaction, as it would have at ingest; a long run shows its progress on stderr."""
    with store.engine.connect() as connection:
        waiting = incident_index.unindexed_documents(connection)

    def index(document_id: str) -> int:
        (document, extraction), = load_extractions(store, [document_id])
        with store.engine.begin() as connection:
            incident_index.index_document(connection, document.id, document.published, extraction,
                                          incident_index.stored_corrections(connection))
        return 1

    return _each_with_progress("indexing incidents", waiting, index)


def ensure_ledger(store: Store) -> int:
    """Derive the ledger figures of documents stored before the ledger was kept in the store, or derived by other
    rules (an upgrade); how many were derived. Each goes in its own transaction, as it would have at ingest; a long
    run shows its progress on stderr."""
    with store.engine.connect() as connection:
        waiting = ledger_index.unindexed_documents(connection)

    def derive(document_id: str) -> int:
        with store.engine.begin() as connection:
            return int(ledger_index.index_if_stale(connection, document_id))

    return _each_with_progress("deriving ledger figures", waiting, derive)


def _each_with_progress(label: str, document_ids: list[str], work: Callable[[str], int]) -> int:
    """`work` done for each document, with a progress bar on stderr when there are many; the sum of what it counted."""
    progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=Console(stderr=True), disable=len(document_ids) < 50)
    with progress:
        return sum(work(document_id) for document_id in progress.track(document_ids))


def stored_ledger(store: Store) -> list[LedgerEntry]:
    """The claims ledger of the store, its casualty figures grouped by the corrected clusters: assembled from the
    figures kept per document and the incidents of its casualty counts, without loading any extraction."""
    ensure_indexed(store)
    ensure_ledger(store)
    with _no_cycle_collection(), store.engine.connect() as connection:
        return assemble(ledger_index.stored_documents(connection), ledger_index.stored_incidents(connection))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a large ledger is built: reading and assembling 34,000 figures creates
    a few hundred thousand objects, none in a cycle, and collecting over and over as they came was more than half
    the time (1.9 s of it at 30,000 events, 0.8 s without). Whatever a cycle was made meanwhile is collected after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def store_version(store: Store) -> tuple:
    """A cheap fingerprint of what the ledger and the incidents depend on: the stored documents (how many, the
    latest ingested), the corrections (how many, the highest id and the latest made: the last one undone and
    another made leave the count, and on SQLite the id, as they were) and how many extractions have been replaced,
    since a re-extraction changes a document's figures and incidents without adding or removing a document."""
    documents, corrections_table = tables.documents, tables.cluster_corrections
    revision = tables.extraction_revision
    with store.engine.connect() as connection:
        docs = connection.execute(
            select(func.count(), func.max(documents.c.ingested_at)).select_from(documents)
        ).one()
        fixes = connection.execute(
            select(func.count(), func.max(corrections_table.c.id), func.max(corrections_table.c.created_at))
            .select_from(corrections_table)
        ).one()
        replaced = connection.execute(select(func.coalesce(func.max(revision.c.replaced), 0))).scalar_one()
    return (*docs, *fixes, replaced)


class LedgerCache:
    """The store's ledger, rebuilt only when a document or a correction has been added or removed, or an extraction
    replaced (`store_version`).

    Assembling the ledger of a large store from its kept figures still takes about a second at 30,000 events; a
    web page asks for the ledger on every load, so the server keeps the last result while the store is unchanged.
    """

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._version: tuple | None = None
        self._entries: list[LedgerEntry] = []
        self._encoded: dict[object, bytes] = {}

    def _refresh(self) -> None:
        """Rebuild when the store changed (caller holds the lock); the encoded answer goes with it."""
        version = store_version(self.store)
        if version != self._version:
            self._entries = stored_ledger(self.store)
            self._encoded = {}
            self._version = version

    def get(self) -> list[LedgerEntry]:
        with self._lock:
            self._refresh()
            return self._entries

    def encoded(self, encode: Callable[[list[LedgerEntry]], bytes], variant: object = None) -> bytes:
        """The ledger as `encode` renders it, kept while the store is unchanged.

        Encoding the whole ledger as JSON took seconds at 10,000 events, on every request, even when
        the ledger itself was cached; the bytes are what the API sends, so they are what is kept, one per
        `variant` (a rendering option, such as whether every counted thing is included).
        """
        with self._lock:
            self._refresh()
            if variant not in self._encoded:
                self._encoded[variant] = encode(self._entries)
            return self._encoded[variant]
