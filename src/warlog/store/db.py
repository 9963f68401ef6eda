"""Reading and writing the store with SQLAlchemy Core.

SQLite (WAL mode, `./warlog.db` by default) for one analyst, PostgreSQL by URL for a team. The
schema is brought up to date by Alembic migrations when a store is opened. Each document goes in
within one transaction: either the document, its furniture and its posts are all stored, or none.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, bindparam, create_engine, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError

from warlog import __version__
from warlog.errors import StoreError, StoreUnavailableError, describe_bug
from warlog.schema import Document, Extraction, ExtractionFailure, Post
from warlog.store import tables
from warlog.store.extraction import write_extraction

_MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """A database URL from what a user typed: a bare path means an SQLite file; psycopg 3 for PostgreSQL."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _describe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        if ":" in credentials:
            return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"
    return url


# Statements asked for every document ingested, made once (with the id bound) rather than built at each call.
_HAS_DOCUMENT = select(tables.documents.c.id).where(tables.documents.c.id == bindparam("document_id"))


class Store:
    """A warlog database: open it, add documents, list what it holds."""

    def __init__(self, url: str):
        self.url = normalise_url(url)
        self.label = _describe(self.url)
        try:
            self.engine = self._engine()
            self._migrate()
        except (OperationalError, ArgumentError, SQLAlchemyError, OSError) as exc:
            raise StoreError(f"{self.label}: cannot open the database ({_reason(exc)})") from exc

    def _engine(self) -> Engine:
        if self.url.startswith("sqlite"):
            path = self.url.split(":///", 1)[-1]
            if path and path != ":memory:":
                parent = Path(path).expanduser().resolve().parent
                if not parent.is_dir():
                    problem = "is not a folder" if parent.exists() else "does not exist"
                    raise StoreError(f"{self.label}: cannot open the database (folder {parent} {problem})")
            engine = create_engine(self.url)

            @event.listens_for(engine, "connect")
            def _sqlite_pragmas(dbapi_connection, _record) -> None:
                cursor = dbapi_connection.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA foreign_keys=ON")
                cursor.execute("PRAGMA busy_timeout=10000")
                cursor.close()

            return engine
        return create_engine(self.url, pool_pre_ping=True)

    def _migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        try:
            with self.engine.connect() as connection:
                return connection.execute(_HAS_DOCUMENT, {"document_id": document_id}).first() is not None
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.label}: cannot read the database ({_reason(exc)})") from exc

    def add_document(
        self, document: Document, posts: list[Post], extraction: Extraction | None = None,
        failure: ExtractionFailure | None = None,
    ) -> bool:
        """Store a document with its furniture, posts and extraction in one transaction.

        `failure` says why a document comes without its extraction (it is stored all the same, marked
        failed); with neither, the extraction was not asked for. Returns False (and writes nothing) when the
        document was already there. A StoreError means nothing of the document was written.
        """
        if self.has_document(document.id):
            return False
        try:
            with self.engine.begin() as connection:
                connection.execute(tables.documents.insert().values(
                    **_document_row(document), **_extraction_state(extraction, failure)))
                if document.removed:
                    connection.execute(
                        tables.furniture.insert(),
                        [
                            {
                                "document_id": document.id,
                                "position": position,
                                "text": removed.text,
                                "reason": removed.reason,
                                "source_start": removed.start,
                                "source_end": removed.end,
                            }
                            for position, removed in enumerate(document.removed)
                        ],
                    )
                if posts:
                    connection.execute(tables.posts.insert(), [_post_row(document.id, post) for post in posts])
                if extraction is not None:
                    write_extraction(connection, document.id, extraction)
                    _index_incidents(connection, document.id, document.published, extraction)
                    _index_ledger(connection, document.id)
        except IntegrityError as exc:
            if self.has_document(document.id):
                return False
            raise StoreError(f"{self.label}: could not store {document.origin} ({_reason(exc)})") from exc
        except OperationalError as exc:
            raise StoreUnavailableError(f"{self.label}: could not store {document.origin} ({_reason(exc)})") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.label}: could not store {document.origin} ({_reason(exc)})") from exc
        except Exception as exc:  # noqa: BLE001 - a row that cannot be built: this document's fault, rolled back
            raise StoreError(f"{self.label}: could not store {document.origin} ({describe_bug(exc)})") from exc
        return True

    def replace_extraction(
        self, document_id: str, extraction: Extraction | None, failure: ExtractionFailure | None = None
    ) -> None:
        """Put a new extraction (or a failure) in place of a stored document's, in one transaction.

        Why: `warlog reextract` retries failed documents after an upgrade, and re-runs done ones when asked;
        the old rows go only if the new ones are written, so a second failure loses nothing.
        """
        d = tables.documents
        try:
            with self.engine.begin() as connection:
                _unindex_incidents(connection, document_id)
                _unindex_ledger(connection, document_id)
                for table in (tables.events, tables.places, tables.claims, tables.quantities, tables.mentions):
                    connection.execute(table.delete().where(table.c.document_id == document_id))
                connection.execute(d.update().where(d.c.id == document_id)
                                   .values(**_extraction_state(extraction, failure)))
                if extraction is not None:
                    write_extraction(connection, document_id, extraction)
                    published = connection.execute(select(d.c.published).where(d.c.id == document_id)).scalar()
                    _index_incidents(connection, document_id, published, extraction)
                    _index_ledger(connection, document_id)
                _count_replacement(connection)  # last: a concurrent re-extraction waits on the row only for our commit
        except OperationalError as exc:
            raise StoreUnavailableError(f"{self.label}: could not store the extraction of {document_id} "
                                        f"({_reason(exc)})") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.label}: could not store the extraction of {document_id} "
                             f"({_reason(exc)})") from exc
        except Exception as exc:  # noqa: BLE001 - a record that cannot be turned into rows: rolled back
            raise StoreError(f"{self.label}: could not store the extraction of {document_id} "
                             f"({describe_bug(exc)})") from exc

    def document_ids(self, status: str | None = None) -> list[str]:
        """Ids of the stored documents, oldest ingested first; only those whose extraction is `status` if given."""
        d = tables.documents
        query = select(d.c.id).order_by(d.c.ingested_at, d.c.id)
        if status is not None:
            query = query.where(d.c.extraction_status == status)
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    # -- reading -------------------------------------------------------------------------------

    def documents(self) -> list[dict[str, Any]]:
        """Every document with its post and furniture counts, oldest ingested first."""
        d, p, f = tables.documents, tables.posts, tables.furniture
        post_count = select(func.count()).where(p.c.document_id == d.c.id).scalar_subquery()
        furniture_count = select(func.count()).where(f.c.document_id == d.c.id).scalar_subquery()
        query = select(
            d.c.id, d.c.title, d.c.source, d.c.url, d.c.published, d.c.format, d.c.origin, d.c.ingested_at,
            post_count.label("posts"), furniture_count.label("furniture"), d.c.extraction_status,
            d.c.extraction_stage, d.c.extraction_error, d.c.extracted_with,
        ).order_by(d.c.ingested_at, d.c.id)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def resolve_id(self, prefix: str) -> str:
        """The full id of the one document whose id starts with `prefix`."""
        d = tables.documents
        with self.engine.connect() as connection:
            found = [r.id for r in connection.execute(select(d.c.id).where(d.c.id.startswith(prefix)).limit(2))]
        if not found:
            raise StoreError(f"{self.label}: no document with id {prefix!r}; `warlog posts` lists them")
        if len(found) > 1:
            raise StoreError(f"{self.label}: more than one document id starts with {prefix!r}; give more of it")
        return found[0]

    def document(self, document_id: str) -> dict[str, Any]:
        with self.engine.connect() as connection:
            row = connection.execute(select(tables.documents).where(tables.documents.c.id == document_id)).one()
        return dict(row._mapping)

    def posts(self, document_id: str | None = None) -> list[dict[str, Any]]:
        p = tables.posts
        query = select(p).order_by(p.c.document_id, p.c.idx)
        if document_id is not None:
            query = query.where(p.c.document_id == document_id)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def furniture(self, document_id: str) -> list[dict[str, Any]]:
        f = tables.furniture
        query = select(f).where(f.c.document_id == document_id).order_by(f.c.position)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def rows(self, table_name: str, document_id: str | None = None) -> list[dict[str, Any]]:
        """All rows of one extraction table (claims, events, quantities, mentions), optionally of one document."""
        table = tables.metadata.tables[table_name]
        query = select(table).order_by(table.c.document_id, table.c.id)
        if document_id is not None:
            query = query.where(table.c.document_id == document_id)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and tests."""
        with self.engine.connect() as connection:
            return {
                name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in tables.metadata.tables.items()
            }


def _index_incidents(connection: Connection, document_id: str, published: Any, extraction: Extraction) -> None:
    """Link a stored document's events into the store's incidents, in the document's transaction."""
    from warlog.reconcile import incident_index  # reconciliation reads the store: imported when first needed

    incident_index.index_document(connection, document_id, published, extraction,
                                  incident_index.stored_corrections(connection))


def _unindex_incidents(connection: Connection, document_id: str) -> None:
    """Take a document's events out of the store's incidents, before its extraction is replaced."""
    from warlog.reconcile import incident_index

    incident_index.unindex_document(connection, document_id, incident_index.stored_corrections(connection))


def _index_ledger(connection: Connection, document_id: str) -> None:
    """Derive a stored document's ledger figures from its stored extraction, in the document's transaction."""
    from warlog.reconcile import ledger_index

    ledger_index.index_document(connection, document_id)


def _unindex_ledger(connection: Connection, document_id: str) -> None:
    """Take a document's ledger figures out, before its extraction is replaced."""
    from warlog.reconcile import ledger_index

    ledger_index.unindex_document(connection, document_id)


def _count_replacement(connection: Connection) -> None:
    """Raise the store's count of replaced extractions, in the replacing transaction.

    Why: a re-extraction adds and removes no document, so what the web API keeps of the ledger and the incidents
    would not see it by the documents alone (`reconcile.stored.store_version` reads this count too). The count's one
    row is made by the first replacement (an empty store holds no row of any table), with an upsert, so two first
    re-extractions at once on PostgreSQL both count instead of one failing on the key.
    """
    revision = tables.extraction_revision
    upsert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    connection.execute(upsert(revision).values(id=1, replaced=1).on_conflict_do_update(
        index_elements=[revision.c.id], set_={"replaced": revision.c.replaced + 1}))


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None)
    text = str(original or exc).strip().splitlines()[0]
    return text[:300]


def _extraction_state(extraction: Extraction | None, failure: ExtractionFailure | None) -> dict[str, Any]:
    if failure is not None:
        return {"extraction_status": "failed", "extraction_stage": failure.stage,
                "extraction_error": failure.reason, "extracted_with": __version__}
    if extraction is not None:
        return {"extraction_status": "done", "extraction_stage": None, "extraction_error": None,
                "extracted_with": __version__}
    return {"extraction_status": "none", "extraction_stage": None, "extraction_error": None, "extracted_with": None}


def _document_row(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "url": document.url,
        "source": document.source,
        "title": document.title,
        "published": document.published,
        "language": document.language,
        "format": document.format,
        "origin": document.origin,
        "raw": document.raw,
        "source_text": document.source_text,
        "clean_text": document.text,
        "offset_map": json.dumps(asdict(document.offsets)["runs"]),
        "meta": json.dumps(document.meta, default=str),
        "ingested_at": datetime.now(UTC),
    }


def _post_row(document_id: str, post: Post) -> dict[str, Any]:
    def bounds(span):
        return (span.start, span.end) if span is not None else (None, None)

    headline_start, headline_end = bounds(post.headline)
    body_start, body_end = bounds(post.body)
    lead_start, lead_end = bounds(post.lead)
    return {
        "document_id": document_id,
        "idx": post.index,
        "kind": post.kind,
        "headline": post.headline.text if post.headline else None,
        "headline_start": headline_start,
        "headline_end": headline_end,
        "body_start": body_start,
        "body_end": body_end,
        "lead_start": lead_start,
        "lead_end": lead_end,
        "published": post.published,
    }
