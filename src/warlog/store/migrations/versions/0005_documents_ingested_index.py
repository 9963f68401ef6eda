"""An index on documents (ingested_at, id): the order in which documents are listed.

`GET /api/documents` and `warlog documents` list documents oldest ingested first with their counts of
posts, events, claims and furniture. Without an index on that order the database computes the counts
for every document before sorting and keeping a page of them: 250 ms per page at 3,000 documents
(100,000 events) on SQLite; with it, under 1 ms (bench/store_bench.py).

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_ingested", "documents", ["ingested_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_documents_ingested", table_name="documents")
