"""The store's schema as SQLAlchemy Core tables, the same on SQLite and PostgreSQL.

Every extracted row keeps the character span (`start`, `end` into the document's cleaned text) it
came from, so any figure can be shown in its source. Changing a table here needs a new migration
in `migrations/versions/`; a test compares the migrated database with these definitions.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()

# A document's extraction: stored, failed (stage and reason kept), or not run (`ingest --no-extract`).
EXTRACTION_STATUSES = ("done", "failed", "none")


def _document_ref() -> Column:
    return Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)


documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("url", Text),
    Column("source", Text),
    Column("title", Text),
    Column("published", DateTime(timezone=True)),
    Column("language", String(16)),
    Column("format", String(16), nullable=False),
    Column("origin", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("source_text", Text, nullable=False),
    Column("clean_text", Text, nullable=False),
    Column("offset_map", Text, nullable=False),
    Column("meta", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # Whether the document's extraction is stored (migration 0006): a document is kept even when its
    # extraction raised or could not be stored, so that `warlog reextract` can retry it after an upgrade.
    Column("extraction_status", String(8), nullable=False, server_default="none"),
    Column("extraction_stage", String(16)),
    Column("extraction_error", Text),
    Column("extracted_with", String(32)),
    # Whether its events are in the incident index (migration 0007): documents stored before it are indexed
    # the first time the index is read.
    Column("incidents_indexed", Boolean, nullable=False, server_default=false()),
    # The rules its ledger figures were derived by (migration 0010; reconcile.ledger_index.RULES): None for
    # documents stored before, derived the first time the ledger is read, and again when the rules change.
    Column("ledger_rules", String(16)),
    Index("ix_documents_ingested", "ingested_at", "id"),  # listing order (migration 0005)
    Index("ix_documents_ledger", "extraction_status", "ledger_rules"),  # those whose figures are to be derived
    CheckConstraint(f"extraction_status IN ({', '.join(repr(s) for s in EXTRACTION_STATUSES)})",
                    name="ck_documents_extraction_status"),
)

furniture = Table(
    "furniture",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_ref(),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("source_start", Integer, nullable=False),
    Column("source_end", Integer, nullable=False),
    Index("ix_furniture_document", "document_id"),
)

posts = Table(
    "posts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_ref(),
    Column("idx", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("headline", Text),
    Column("headline_start", Integer),
    Column("headline_end", Integer),
    Column("body_start", Integer),
    Column("body_end", Integer),
    Column("lead_start", Integer),
    Column("lead_end", Integer),
    Column("published", DateTime(timezone=True)),
    UniqueConstraint("document_id", "idx", name="uq_posts_document_idx"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_ref(),
    Column("post_idx", Integer),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", Text, nullable=False),  # the spaCy pipeline's entity labels, or ours
    Column("canonical_id", Text),
    Column("role", Text),
    Column("affiliation", Text),
    Index("ix_mentions_document", "document_id"),
)

quantities = Table(
    "quantities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_ref(),
    Column("post_idx", Integer),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", String(32)),
    Column("unit", Text),
    Column("counted", Text),
    Column("vague", Boolean, nullable=False, default=False),
    Column("fraction_of_id", Integer, ForeignKey("quantities.id", ondelete="SET NULL")),
    Column("counted_start", Integer),
    Column("counted_end", Integer),
    Index("ix_quantities_document", "document_id"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_ref(),
    Column("post_idx", Integer),
    Column("speaker", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_mention_id", Integer, ForeignKey("mentions.id", ondelete="SET NULL")),
    Column("speaker_label", Text),
    Column("speaker_role", Text),
    Column("speaker_affiliation", Text),
    Column("anonymous", Boolean, nullable=False, default=False),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("content", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("direct", Boolean, nullable=False, default=False),
    Column("channel", Text),
    Column("intermediary", Text),
    Column("stance", String(16)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(16)),
    Column("date_approximate", Boolean, nullable=False, default=False, server_default=false()),
    Column("date_phrase", Text),
    Column("date_phrase_start", Integer),
    Column("date_phrase_end", Integer),
    Index("ix_claims_document", "document_id"),
)

claim_quantities = Table(
    "claim_quantities",
    metadata,
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("quantity_id", Integer, ForeignKey("quantities.id", ondelete="CASCADE"), primary_key=True),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_ref(),
    Column("post_idx", Integer),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("gazetteer_id", Text),
    Column("name", Text),
    Column("country_code", String(8)),
    Column("admin1", Text),
    Column("feature_type", String(16)),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(16)),
    Column("admin2", Text),
    Column("geo_precision", Integer),
    Column("score", Float),
    Column("reason", Text),
    Index("ix_places_document", "document_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_ref(),
    Column("post_idx", Integer),
    Column("plover_type", String(32)),  # none for events ACLED types but PLOVER does not (bodies found, floods)
    Column("plover_mode", String(32)),
    Column("acled_event_type", Text),
    Column("acled_sub_event_type", Text),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("target", Text),
    Column("place_id", Integer, ForeignKey("places.id", ondelete="SET NULL")),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(16)),
    Column("date_approximate", Boolean, nullable=False, default=False, server_default=false()),
    Column("date_phrase", Text),
    Column("killed_quantity_id", Integer, ForeignKey("quantities.id", ondelete="SET NULL")),
    Column("injured_quantity_id", Integer, ForeignKey("quantities.id", ondelete="SET NULL")),
    Column("weapon", Text),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="SET NULL")),
    Column("claimed_by_belligerent", Boolean, nullable=False, default=False),
    Column("generic", Boolean, nullable=False, default=False),
    Column("confidence", Float),
    Column("evidence", Text, nullable=False, default="{}"),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Index("ix_events_document", "document_id"),
)

# Explicit merge / split decisions on event clusters (see reconcile.dedup.Correction). They name members
# by stable ids ("document_id:event_index"), not by foreign keys, so they outlive re-ingest.
cluster_corrections = Table(
    "cluster_corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(8), nullable=False),
    Column("members", Text, nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("action IN ('merge', 'split')", name="ck_cluster_corrections_action"),
)

# The incident index: every stored event as a member of its incident, kept up to date as documents come, so the
# reconciliation of a new document costs its candidates, not a pass over the store (reconcile.incident_index).
# `mention` is the member as warlog.coreference sees it (JSON), so candidates are scored without their documents.
incident_members = Table(
    "incident_members",
    metadata,
    Column("member_id", String(48), primary_key=True),
    _document_ref(),
    Column("event_index", Integer, nullable=False),
    Column("incident_id", String(64), nullable=False),
    Column("mention", Text, nullable=False),
    Index("ix_incident_members_incident", "incident_id"),
    Index("ix_incident_members_document", "document_id"),
)

# Blocking keys of linkable members: a place cell, a province, a place-name word; with the member's date window.
incident_keys = Table(
    "incident_keys",
    metadata,
    Column("member_id", String(48), ForeignKey("incident_members.member_id", ondelete="CASCADE"), nullable=False),
    Column("family", Text, nullable=False),
    Column("key", String(160), nullable=False),
    Column("start", Date),
    Column("end", Date),
    # every column a candidates' query reads (migration 0012), so a key's rows are found without visiting the table
    Index("ix_incident_keys_window", "family", "key", "start", "end", "member_id"),
    Index("ix_incident_keys_member", "member_id"),
)

# Why members are in one incident: each automatic link with its score and features (JSON), a < b. A link always
# joins two members of one incident, so an incident's links are found by b alone: keyed by (b, a) (migration 0013),
# a new document's links are appended where an index by a put each in its own page, and a has no foreign key (its
# lookups on deleting a member needed that index; the code deletes an incident's links by b first).
incident_links = Table(
    "incident_links",
    metadata,
    Column("a", String(48), nullable=False),
    Column("b", String(48), ForeignKey("incident_members.member_id", ondelete="CASCADE"), nullable=False),
    Column("score", Float, nullable=False),
    Column("features", Text, nullable=False),
    PrimaryKeyConstraint("b", "a"),
)

# One row per incident, what a list of incidents shows: kept with the members, so a page of it is one query.
incidents = Table(
    "incidents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("family", Text),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("start", Date),
    Column("end", Date),
    Column("killed_low", Float),
    Column("killed_high", Float),
    Column("injured_low", Float),
    Column("injured_high", Float),
    Column("members", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("generic", Boolean, nullable=False),
    Column("evidence", Text),
    # what joining summaries needs: the member whose type and evidence are shown, the place's precision, and
    # whether the dates are the texts' own (else the reports' days)
    Column("first_member", String(48)),
    Column("precision", String(16)),
    Column("text_dated", Boolean, nullable=False),
    Index("ix_incidents_listing", "generic", "start", "id"),
    Index("ix_incidents_event_type", "generic", "event_type", "start"),  # migration 0008
    Index("ix_incidents_sub_event_type", "generic", "sub_event_type", "start"),
)

# The claims ledger's rows, kept per document as its incidents are (reconcile.ledger_index): each figure of the
# document as far as the document decides it (`figure`: a reconcile.ledger_document.FigureDraft as JSON), so the
# ledger of a large store is assembled from these rows instead of every extraction. `counted` and `event_index`
# (the event a casualty count is of) are columns so the incidents a ledger needs are found in SQL.
ledger_figures = Table(
    "ledger_figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_ref(),
    Column("quantity_index", Integer, nullable=False),
    Column("counted", Text, nullable=False),
    Column("event_index", Integer),
    Column("figure", Text, nullable=False),
    Index("ix_ledger_figures_document", "document_id"),
)

# The places a document's text puts in a country ("Russia's Kursk region"), normalised, in text order: the ledger
# learns a place's country from every text, the first to say it wins.
ledger_places = Table(
    "ledger_places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_ref(),
    Column("position", Integer, nullable=False),
    Column("place", Text, nullable=False),
    Column("country", Text, nullable=False),
    Index("ix_ledger_places_document", "document_id"),
)

# How many times a stored extraction has been replaced (migration 0011): one row, made by the first replacement and
# raised in each transaction that replaces one (`Store.replace_extraction`); no row is 0. A re-extraction adds and
# removes no document, so the fingerprint by which the web API keeps its ledger, incident summary and event columns
# (`reconcile.stored.store_version`, `web.event_index`) reads this too.
extraction_revision = Table(
    "extraction_revision",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("replaced", Integer, nullable=False, server_default="0"),
)
