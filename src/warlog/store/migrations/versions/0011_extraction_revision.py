"""A count of replaced extractions, so that what a server keeps of the store notices a re-extraction.

The web API keeps the ledger's JSON and the page's incident summary while the store is unchanged, judged by a cheap
fingerprint (`reconcile.stored.store_version`): how many documents and corrections there are and the latest of
each. `warlog reextract` replaces a document's events, incidents and ledger figures without adding or removing a
document, so the server kept serving the old figures until it was restarted. `extraction_revision` holds one row,
made by the first replacement, whose `replaced` is raised in each transaction that replaces an extraction: one
read of a one-row table for the fingerprint, however large the store, and writers of a re-extraction wait on the row
only for one another (ingest never touches it). No row counts as 0, as in stores migrated from before.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "extraction_revision",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("replaced", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("extraction_revision")
