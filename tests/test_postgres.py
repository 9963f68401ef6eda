"""The store on a real PostgreSQL server, and the migrations checked against `tables.py` on both backends.

The server and a database per test come from `tests/postgres_server.py` (fixtures `postgres_server`
and `pg_url`, shared through `conftest.py`).
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from psycopg import sql
from sqlalchemy import Column, Integer, MetaData, create_engine, make_url
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

import warlog.store.db
from tests.postgres_server import _libpq
from warlog.cli import app
from warlog.errors import StoreUnavailableError
from warlog.pipeline import ingest
from warlog.sources import ReadOptions
from warlog.store import Store, normalise_url, tables

runner = CliRunner()


# -- helpers -------------------------------------------------------------------------------------


def cli(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{result.exception!r}\n{result.stdout}\n{result.stderr}"
    )
    return result


def ingest_example(db: str, example: Path):
    result = cli("ingest", str(example), "--published", "2024-11-03", "--source", "The Independent",
                 "--db", db, "--json")
    return result, json.loads(result.stdout)


def schema_drift(url: str) -> list:
    """What differs between the migrated database and `warlog.store.tables` (nothing, we hope)."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return compare_metadata(MigrationContext.configure(connection), tables.metadata)
    finally:
        engine.dispose()


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(Path(warlog.store.db.__file__).parent / "migrations"))
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(url: str) -> str | None:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


# -- the schema on both backends -----------------------------------------------------------------


def test_schema_comparison_can_see_a_drift(sqlite_url):
    """The drift check is not vacuous: a column missing from the migrations is reported."""
    Store(sqlite_url).close()
    drifted = MetaData()
    for table in tables.metadata.tables.values():
        table.to_metadata(drifted)
    drifted.tables["posts"].append_column(Column("confidence", Integer))
    engine = create_engine(sqlite_url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), drifted)
    engine.dispose()
    assert any(d[0] == "add_column" and d[3].name == "confidence" for d in diff), diff


def test_migrations_match_tables_on_sqlite(sqlite_url):
    Store(sqlite_url).close()
    assert schema_drift(sqlite_url) == []
    assert current_revision(sqlite_url) == head_revision()
    Store(sqlite_url).close()  # opening a migrated store again is a no-op
    assert schema_drift(sqlite_url) == []


@pytest.mark.postgres
def test_migrations_match_tables_on_postgres(pg_url):
    Store(pg_url).close()
    assert schema_drift(pg_url) == []
    assert current_revision(pg_url) == head_revision()
    Store(pg_url).close()
    assert schema_drift(pg_url) == []
    assert set(tables.metadata.tables) <= set(_postgres_tables(pg_url))


def _postgres_tables(url: str) -> list[str]:
    with psycopg.connect(url) as connection:
        rows = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    return [name for (name,) in rows]


# -- the store on PostgreSQL ---------------------------------------------------------------------


@pytest.mark.postgres
def test_cli_ingests_the_example_into_postgres(pg_url, example_path):
    result, results = ingest_example(pg_url, example_path)
    assert result.exit_code == 0, result.stderr
    assert [(r["status"], r["posts"], r["furniture"]) for r in results] == [("stored", 11, 13)]
    with Store(pg_url) as store:
        counts = store.counts()
    assert (counts["documents"], counts["posts"], counts["furniture"]) == (1, 11, 13)


@pytest.mark.postgres
def test_postgres_and_sqlite_store_the_same_rows(pg_url, sqlite_url, example_path):
    for url in (pg_url, sqlite_url):
        result, _ = ingest_example(url, example_path)
        assert result.exit_code == 0, result.stderr

    def rows(url: str) -> dict:
        with Store(url) as store:
            [document] = store.documents()
            row = store.document(document["id"])
            return {
                "document": {k: v for k, v in row.items() if k not in ("ingested_at", "published")},
                "published": row["published"].date().isoformat(),
                "posts": [{k: v for k, v in p.items() if k not in ("id", "published")} for p in store.posts()],
                "furniture": [{k: v for k, v in f.items() if k != "id"} for f in store.furniture(document["id"])],
            }

    assert rows(pg_url) == rows(sqlite_url)


@pytest.mark.postgres
def test_reingesting_into_postgres_adds_nothing(pg_url, example_path):
    ingest_example(pg_url, example_path)
    with Store(pg_url) as store:
        before = (store.counts(), store.documents(), store.posts())
    result, results = ingest_example(pg_url, example_path)
    assert result.exit_code == 0, result.stderr
    assert [r["status"] for r in results] == ["already stored"]
    with Store(pg_url) as store:
        assert (store.counts(), store.documents(), store.posts()) == before


@pytest.mark.postgres
def test_a_failing_document_leaves_no_rows_in_postgres(pg_url, example_path, tmp_path, monkeypatch):
    other = tmp_path / "other.txt"
    other.write_text(
        "Drone attack on Kyiv overnight\nRussia launched a wave of drones at the Ukrainian capital overnight, "
        "and air defence units shot down most of them, the city's military administration said.\n",
        encoding="utf-8",
    )
    result = cli("ingest", str(other), "--db", pg_url)
    assert result.exit_code == 0, result.stderr
    with Store(pg_url) as store:
        before = (store.counts(), store.documents(), store.posts())

    def failing_post_row(document_id, post):
        raise OperationalError("INSERT INTO posts", {}, Exception("could not extend file: No space left on device"))

    monkeypatch.setattr(warlog.store.db, "_post_row", failing_post_row)
    with Store(pg_url) as store:
        with pytest.raises(StoreUnavailableError, match="No space left on device"):  # the store's fault: the run stops
            ingest([str(example_path)], store, ReadOptions())
        assert (store.counts(), store.documents(), store.posts()) == before
    with psycopg.connect(pg_url) as connection:  # seen from outside SQLAlchemy too
        for table in ("documents", "furniture", "posts"):
            [(count,)] = connection.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            assert count == before[0][table]


@pytest.mark.postgres
def test_a_concurrent_duplicate_is_not_an_error(pg_url, example_path):
    """Two writers racing to store the same document: the loser reports it as already stored."""
    ingest_example(pg_url, example_path)
    from warlog.pipeline import prepare
    from warlog.sources import read_target

    [document] = read_target(str(example_path), ReadOptions())
    posts = prepare(document)
    with Store(pg_url) as store:
        answers = iter([False])  # the first check misses the row the other writer committed
        real = store.has_document
        store.has_document = lambda document_id: next(answers, None) or real(document_id)
        assert store.add_document(document, posts) is False
        assert store.counts()["documents"] == 1 and store.counts()["posts"] == 11


@pytest.mark.postgres
def test_posts_json_from_postgres(pg_url, example_path):
    ingest_example(pg_url, example_path)
    result = cli("posts", "--json", "--db", pg_url)
    assert result.exit_code == 0, result.stderr
    posts = json.loads(result.stdout)
    assert len(posts) == 11
    assert [p["idx"] for p in posts] == list(range(11))
    assert all(p["body"] for p in posts if p["kind"] == "story")
    # the gallery's headline and the news glued to the donation appeal, as the page has them (read, not restated)
    lines = example_path.read_text(encoding="utf-8").splitlines()
    gallery = next(line for line in lines if line.startswith("In pictures:"))
    glued_news = next(line for line in lines if "difference." in line).split("difference.", 1)[1].split(" ")[:4]
    assert posts[2]["kind"] == "gallery" and posts[2]["headline"] == gallery
    assert any(" ".join(glued_news) in p["body"] for p in posts)

    result = cli("documents", "--json", "--db", pg_url)
    [document] = json.loads(result.stdout)
    assert (document["posts"], document["furniture"]) == (11, 13)
    assert document["published"].startswith("2024-11-03")

    result = cli("show", document["id"][:8], "--json", "--db", pg_url)
    shown = json.loads(result.stdout)
    assert len(shown["posts"]) == 11 and len(shown["removed"]) == 13


@pytest.mark.postgres
def test_postgres_errors_do_not_show_the_password(postgres_server):
    url = make_url(normalise_url(postgres_server)).set(
        username="nobody", password="hunter2-secret", database="no_such_database"
    )
    result = cli("documents", "--db", _libpq(url))
    assert result.exit_code == 1
    assert "hunter2-secret" not in result.output
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("error: ") and "cannot open the database" in line
