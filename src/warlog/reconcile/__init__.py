"""Reconciliation across posts and documents: the claims ledger and event clusters.

Pure functions of (Document, Extraction) pairs plus explicit corrections; nothing here reads or
writes the store.
"""

from warlog.reconcile.dedup import Correction, EventCluster, cluster_events
from warlog.reconcile.ledger import LedgerEntry, LedgerFigure, build_ledger

__all__ = ["Correction", "EventCluster", "LedgerEntry", "LedgerFigure", "build_ledger", "cluster_events"]
