"""A covering index for a new document's candidates: the blocking key with the date window and the member.

A new document's candidates are the stored members sharing a blocking key whose date window overlaps theirs
(`reconcile.incident_index._stored_candidates`). The index on (family, key) found the key's rows, but the dates
and the member were read from the table, row by row: a province's key holds thousands of rows at 100,000 events,
each on its own page, and this was a third of the time spent indexing a document (1.4 s per 100 documents on
SQLite; 0.3 s with this index, bench/reconcile_bench.py). The new index holds every column the query reads, so the
rows are never visited; it replaces the old one, of which it is an extension.

Revision ID: 0012
Revises: 0011
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_incident_keys_window", "incident_keys", ["family", "key", "start", "end", "member_id"])
    op.drop_index("ix_incident_keys_lookup", table_name="incident_keys")


def downgrade() -> None:
    op.create_index("ix_incident_keys_lookup", "incident_keys", ["family", "key"])
    op.drop_index("ix_incident_keys_window", table_name="incident_keys")
