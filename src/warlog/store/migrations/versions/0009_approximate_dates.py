"""Whether an event's or a claim's day is approximate: the day a claim about an act was made ("…, officials said
on Tuesday" bounds an act that may be of Monday) or "overnight" (a night spans two days).

Two reports of one incident compare their days with this mark: an approximate day reaches back one day. Without
it in the store, incidents linked when a document was ingested were no longer linked when the store was
reconciled again from its rows. Rows stored before this migration are not approximate.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("events", "claims"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("date_approximate", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    for table in ("claims", "events"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("date_approximate")
