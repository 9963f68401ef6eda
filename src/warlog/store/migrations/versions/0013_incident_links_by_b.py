"""Incident links kept under their second member: a new document's links are appended, not scattered.

`incident_links` was keyed by (a, b), a member pair in id order, with a second index on b. A new document links its
events to stored ones anywhere in the store, so each link went into a different page of the (a, b) index: at
100,000 events two in three pages a document's transaction wrote were that index's (217 of 334 per document), and
writing them, then checkpointing them into the database, was most of the time spent committing a document (about
1 s per 100 documents on SQLite, bench/reconcile_bench.py).

Every link joins two members of one incident (a link is kept only where its members are joined, and re-clustering
keeps a cluster's own links), so the links of a set of incidents are found by either member alone: the table is now
keyed by (b, a), which also finds a member's links as b, and the index that sorted links by a goes, with the foreign
key of a (deleting a member looked its links up by a; the code deletes an incident's links by b before its members,
and b's foreign key still cascades). The rows are copied in their order, so a full read of the table still gives
them as they were added.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _links(name: str, key: tuple[str, str], foreign_a: bool) -> None:
    member = "incident_members.member_id"
    op.create_table(
        name,
        sa.Column("a", sa.String(48), *([sa.ForeignKey(member, ondelete="CASCADE")] if foreign_a else []),
                  nullable=False),
        sa.Column("b", sa.String(48), sa.ForeignKey(member, ondelete="CASCADE"), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("features", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(*key),
    )


def _rebuild_sqlite(key: tuple[str, str], foreign_a: bool) -> None:
    """SQLite alters no key in place: a new table, the rows copied in rowid order (the order they were added)."""
    _links("incident_links_new", key, foreign_a)
    op.execute("INSERT INTO incident_links_new (a, b, score, features) "
               "SELECT a, b, score, features FROM incident_links ORDER BY rowid")
    op.drop_table("incident_links")
    op.rename_table("incident_links_new", "incident_links")


def _foreign_key_of_a() -> str | None:
    found = sa.inspect(op.get_bind()).get_foreign_keys("incident_links")
    return next((fk["name"] for fk in found if fk["constrained_columns"] == ["a"]), None)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(("b", "a"), foreign_a=False)  # (dropping the old table drops its index on b)
        return
    op.drop_constraint("incident_links_pkey", "incident_links", type_="primary")
    op.create_primary_key("incident_links_pkey", "incident_links", ["b", "a"])
    name = _foreign_key_of_a()
    if name:
        op.drop_constraint(name, "incident_links", type_="foreignkey")
    op.drop_index("ix_incident_links_b", table_name="incident_links")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(("a", "b"), foreign_a=True)
    else:
        op.drop_constraint("incident_links_pkey", "incident_links", type_="primary")
        op.create_primary_key("incident_links_pkey", "incident_links", ["a", "b"])
        op.create_foreign_key(None, "incident_links", "incident_members", ["a"], ["member_id"], ondelete="CASCADE")
    op.create_index("ix_incident_links_b", "incident_links", ["b"])
