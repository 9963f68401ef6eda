"""The incident summary the page loads first, kept encoded and compressed while the store is unchanged.

Why: the page draws its map, feed and timeline from one answer, `/api/incidents/summary`, which at 10,000
incidents is ~2 MB of JSON and ~0.4 s of queries and encoding on a quiet server (over a second while other
requests run) — most of the time before the page is ready. Every analyst who opens the page, and every
filter change back to a view already seen, asks for the same bytes, so they are kept, per filter, with their
gzip form (a tenth of the size: what a browser on a real network waits for). They are dropped when the store
changes, judged by the same fingerprint as the ledger's cache (documents added or removed, corrections, extractions
replaced by `warlog reextract`).
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from warlog.reconcile.stored import store_version
from warlog.store import Store

KEEP = 16  # filters kept: the landing view and the last few the analysts asked for
MIN_GZIP = 1024  # smaller answers are sent as they are


@dataclass(frozen=True)
class Encoded:
    """One answer as sent: the JSON bytes, and their gzip form (None where not worth it)."""

    body: bytes
    gzipped: bytes | None


def encode(body: bytes) -> Encoded:
    """The bytes with their gzip form (level 5: most of the gain at a fraction of level 9's time)."""
    return Encoded(body, gzip.compress(body, compresslevel=5, mtime=0) if len(body) >= MIN_GZIP else None)


class SummaryCache:
    """Encoded summaries by filter, for the store's current version; a few filters, least recently used out."""

    def __init__(self, store: Store, keep: int = KEEP):
        self.store = store
        self.keep = keep
        self._lock = threading.Lock()
        self._version: tuple | None = None
        self._kept: OrderedDict[Hashable, Encoded] = OrderedDict()

    def get(self, key: Hashable, build: Callable[[], bytes]) -> Encoded:
        """The answer for `key`, built (outside the lock, so other filters are not held up) when not kept."""
        version = store_version(self.store)
        with self._lock:
            if version != self._version:
                self._kept.clear()
                self._version = version
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        made = encode(build())
        with self._lock:
            if self._version == version:
                self._kept[key] = made
                while len(self._kept) > self.keep:
                    self._kept.popitem(last=False)
        return made
