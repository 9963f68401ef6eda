"""The claims ledger kept per document: each document's figures derived when it is stored.

The ledger of a store of 30,000 events took 16 s to build on every read of a changed store: every stored extraction
was loaded (10 s), every incident read (3 s) and every figure read again against its document (3 s). Now, as for
the incident index (0007), what one document decides of its figures is derived in the transaction that stores it,
and the ledger is assembled from these rows:

- `ledger_figures`: one row per figure, its draft as JSON (`reconcile.ledger_document.FigureDraft`), with what it
  counts and the event a casualty count is of as columns;
- `ledger_places`: the places its text puts in a country;
- `documents.ledger_rules`: the rules its rows were derived by; documents stored before this migration (None), or
  by other rules, are derived the first time the ledger is read (`reconcile.stored.ensure_ledger`).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("ledger_rules", sa.String(16)))
    op.create_index("ix_documents_ledger", "documents", ["extraction_status", "ledger_rules"])
    op.create_table(
        "ledger_figures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("quantity_index", sa.Integer(), nullable=False),
        sa.Column("counted", sa.Text(), nullable=False),
        sa.Column("event_index", sa.Integer()),
        sa.Column("figure", sa.Text(), nullable=False),
    )
    op.create_index("ix_ledger_figures_document", "ledger_figures", ["document_id"])
    op.create_table(
        "ledger_places",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("country", sa.Text(), nullable=False),
    )
    op.create_index("ix_ledger_places_document", "ledger_places", ["document_id"])


def downgrade() -> None:
    op.drop_table("ledger_places")
    op.drop_table("ledger_figures")
    op.drop_index("ix_documents_ledger", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("ledger_rules")
