"""Reconciliation over the store: the stored documents, clustered with the analyst's corrections applied.

The CLI, the web API and the exports all show the same ledger and clusters, so they all come from here.
"""

from __future__ import annotations

from warlog.reconcile.dedup import EventCluster, cluster_events
from warlog.reconcile.ledger import LedgerEntry, build_ledger
from warlog.schema import Document, Extraction
from warlog.store import Store
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
