"""Reconciliation across posts and documents: the claims ledger and event clusters.

`ledger`, `ledger_document` and `dedup` are pure functions of (Document, Extraction) pairs plus explicit
corrections; `incident_index` and `ledger_index` keep their results in the store, document by document, and
`stored` reads them back.
"""

from warlog.reconcile.dedup import Correction, EventCluster, cluster_events
from warlog.reconcile.ledger import LedgerEntry, LedgerFigure, build_ledger

__all__ = ["Correction", "EventCluster", "LedgerEntry", "LedgerFigure", "build_ledger", "cluster_events"]
