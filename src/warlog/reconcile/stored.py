"""Reconciliation over the store: the stored documents, clustered with the analyst's corrections applied.

The CLI, the web API and the exports all show the same ledger and clusters, so they all come from here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import func, select

from warlog.reconcile.dedup import EventCluster, cluster_events
from warlog.reconcile.ledger import LedgerEntry, build_ledger
from warlog.schema import Document, Extraction
from warlog.store import Store, tables
from warlog.store.corrections import corrections
from warlog.store.load import load_extractions


def reconcile_store(store: Store) -> tuple[list[tuple[Document, Extraction]], list[EventCluster]]:
    """Every stored extraction and the event clusters with the stored merge/split corrections applied."""
    items = load_extractions(store)
    return items, cluster_events(items, corrections(store))


def stored_ledger(store: Store) -> list[LedgerEntry]:
    """The claims ledger of the store, its casualty figures grouped by the corrected clusters."""
    items, clusters = reconcile_store(store)
    return build_ledger(items, clusters=clusters)


def store_version(store: Store) -> tuple:
    """A cheap fingerprint of what the ledger depends on: the stored documents and the corrections."""
    documents, corrections_table = tables.documents, tables.cluster_corrections
    with store.engine.connect() as connection:
        docs = connection.execute(
            select(func.count(), func.max(documents.c.ingested_at)).select_from(documents)
        ).one()
        fixes = connection.execute(
            select(func.count(), func.max(corrections_table.c.id)).select_from(corrections_table)
        ).one()
    return (*docs, *fixes)


class LedgerCache:
    """The store's ledger, rebuilt only when a document or a correction has been added or removed.

    Reconciling a large store takes seconds (tens of seconds at 10,000 events); a web page asks for the
    ledger on every load, so the server keeps the last result while the store is unchanged.
    """

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._version: tuple | None = None
        self._entries: list[LedgerEntry] = []
        self._encoded: bytes | None = None

    def _refresh(self) -> None:
        """Rebuild when the store changed (caller holds the lock); the encoded answer goes with it."""
        version = store_version(self.store)
        if version != self._version:
            self._entries = stored_ledger(self.store)
            self._encoded = None
            self._version = version

    def get(self) -> list[LedgerEntry]:
        with self._lock:
            self._refresh()
            return self._entries

    def encoded(self, encode: Callable[[list[LedgerEntry]], bytes]) -> bytes:
        """The ledger as `encode` renders it, kept while the store is unchanged.

        Encoding the whole ledger as JSON took seconds at 10,000 events, on every request, even when
        the ledger itself was cached; the bytes are what the API sends, so they are what is kept.
        """
        with self._lock:
            self._refresh()
            if self._encoded is None:
                self._encoded = encode(self._entries)
            return self._encoded
