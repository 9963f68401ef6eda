"""The incident index: reconciliation kept up to date document by document.

Reconciling the store used to cluster every stored event again on every read (tens of seconds at 100,000
events). Now each document's events are linked into incidents when it is stored, and what the reconciliation
found is kept:

- `incident_members`: every event with the incident it belongs to and its coreference view (JSON);
- `incident_keys`: blocking keys of linkable members (place cell, province, place-name word) with their date
  window, so a new document's candidates are one indexed query;
- `incident_links`: the automatic links with their scores and features;
- `incidents`: one row per incident, what a list of incidents shows;
- `documents.incidents_indexed`: documents stored before this migration are indexed the first time the
  index is read (`reconcile.incident_index.ensure_indexed`).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("incidents_indexed", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "incident_members",
        sa.Column("member_id", sa.String(48), primary_key=True),
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event_index", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.String(64), nullable=False),
        sa.Column("mention", sa.Text(), nullable=False),
    )
    op.create_index("ix_incident_members_incident", "incident_members", ["incident_id"])
    op.create_index("ix_incident_members_document", "incident_members", ["document_id"])
    op.create_table(
        "incident_keys",
        sa.Column("member_id", sa.String(48), sa.ForeignKey("incident_members.member_id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("family", sa.Text(), nullable=False),
        sa.Column("key", sa.String(160), nullable=False),
        sa.Column("start", sa.Date()),
        sa.Column("end", sa.Date()),
    )
    op.create_index("ix_incident_keys_lookup", "incident_keys", ["family", "key"])
    op.create_index("ix_incident_keys_member", "incident_keys", ["member_id"])
    op.create_table(
        "incident_links",
        sa.Column("a", sa.String(48), sa.ForeignKey("incident_members.member_id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("b", sa.String(48), sa.ForeignKey("incident_members.member_id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("features", sa.Text(), nullable=False),
    )
    op.create_index("ix_incident_links_b", "incident_links", ["b"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("family", sa.Text()),
        sa.Column("event_type", sa.Text()),
        sa.Column("sub_event_type", sa.Text()),
        sa.Column("place", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("start", sa.Date()),
        sa.Column("end", sa.Date()),
        sa.Column("killed_low", sa.Float()),
        sa.Column("killed_high", sa.Float()),
        sa.Column("injured_low", sa.Float()),
        sa.Column("injured_high", sa.Float()),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("generic", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.Text()),
        sa.Column("first_member", sa.String(48)),
        sa.Column("precision", sa.String(16)),
        sa.Column("text_dated", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_incidents_listing", "incidents", ["generic", "start", "id"])


def downgrade() -> None:
    for name in ("incidents", "incident_links", "incident_keys", "incident_members"):
        op.drop_table(name)
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("incidents_indexed")
