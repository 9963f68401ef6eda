"""Extraction spans: what is counted, claim dates with their phrase, event evidence and trigger.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_ADDED = {
    "quantities": [("counted_start", sa.Integer()), ("counted_end", sa.Integer())],
    "claims": [
        ("speaker_label", sa.String(length=16)),
        ("date_precision", sa.String(length=16)),
        ("date_phrase", sa.Text()),
        ("date_phrase_start", sa.Integer()),
        ("date_phrase_end", sa.Integer()),
    ],
    "events": [
        ("evidence_start", sa.Integer()),
        ("evidence_end", sa.Integer()),
        ("trigger_start", sa.Integer()),
        ("trigger_end", sa.Integer()),
    ],
}


def upgrade() -> None:
    for table, columns in _ADDED.items():
        with op.batch_alter_table(table) as batch:
            for name, kind in columns:
                batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    for table, columns in _ADDED.items():
        with op.batch_alter_table(table) as batch:
            for name, _kind in reversed(columns):
                batch.drop_column(name)
