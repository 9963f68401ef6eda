"""The store: SQLite by default, PostgreSQL by URL, one transaction per document."""

from warlog.store.db import Store, normalise_url

__all__ = ["Store", "normalise_url"]
