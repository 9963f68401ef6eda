"""Every document is kept, whatever its extraction did: an extraction status per document, and events that
the extractor types for ACLED alone.

- `documents.extraction_status` is `done`, `failed` (the extraction raised, or its records could not be
  stored: `extraction_stage` says which, `extraction_error` why) or `none` (ingested with `--no-extract`);
  `extracted_with` is the warlog version that ran it, so `warlog reextract` can retry after an upgrade.
  Documents stored before this migration are `done` when they have extraction rows, else `none`.
- `events.plover_type` may be empty: bodies found, a flood or an accident have an ACLED type (or none) but
  no PLOVER category, and such an event made the whole document fail before.
- `mentions.label` and `claims.speaker_label` hold the entity labels of whatever spaCy pipeline is set
  (`WARLOG_SPACY_MODEL`), whose label sets are not ours to bound: text, not VARCHAR(32)/(16).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_EXTRACTED = ("mentions", "quantities", "claims", "places", "events")


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("extraction_status", sa.String(length=8), nullable=False, server_default="none"))
        batch.add_column(sa.Column("extraction_stage", sa.String(length=16)))
        batch.add_column(sa.Column("extraction_error", sa.Text()))
        batch.add_column(sa.Column("extracted_with", sa.String(length=32)))
        batch.create_check_constraint("ck_documents_extraction_status",
                                      "extraction_status IN ('done', 'failed', 'none')")
    documents = sa.table("documents", sa.column("id"), sa.column("extraction_status"))
    has_rows = sa.or_(*(sa.exists().where(sa.table(name, sa.column("document_id")).c.document_id == documents.c.id)
                        for name in _EXTRACTED))
    op.execute(documents.update().where(has_rows).values(extraction_status="done"))
    with op.batch_alter_table("events") as batch:
        batch.alter_column("plover_type", existing_type=sa.String(length=32), nullable=True)
    with op.batch_alter_table("mentions") as batch:
        batch.alter_column("label", existing_type=sa.String(length=32), type_=sa.Text(), existing_nullable=False)
    with op.batch_alter_table("claims") as batch:
        batch.alter_column("speaker_label", existing_type=sa.String(length=16), type_=sa.Text())


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.alter_column("speaker_label", existing_type=sa.Text(), type_=sa.String(length=16))
    with op.batch_alter_table("mentions") as batch:
        batch.alter_column("label", existing_type=sa.Text(), type_=sa.String(length=32), existing_nullable=False)
    events = sa.table("events", sa.column("plover_type"))
    op.execute(events.delete().where(events.c.plover_type.is_(None)))
    with op.batch_alter_table("events") as batch:
        batch.alter_column("plover_type", existing_type=sa.String(length=32), nullable=False)
    with op.batch_alter_table("documents") as batch:
        batch.drop_constraint("ck_documents_extraction_status", type_="check")
        batch.drop_column("extracted_with")
        batch.drop_column("extraction_error")
        batch.drop_column("extraction_stage")
        batch.drop_column("extraction_status")
