"""The store on a real PostgreSQL server, and the migrations checked against `tables.py` on both backends.

The server is `WARLOG_TEST_POSTGRES_URL` when that is set; otherwise the tests start their own on a
loopback port from the server binaries under /usr/lib/postgresql/*/bin (Debian's `postgresql`
package), as the `postgres` user when run as root, and stop it afterwards. Without binaries the
tests are skipped, except under CI (the `CI` environment variable), where a skip would hide a gap.
Every test gets a database of its own.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
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
from warlog.cli import app
from warlog.errors import StoreUnavailableError
from warlog.pipeline import ingest
from warlog.sources import ReadOptions
from warlog.store import Store, normalise_url, tables

runner = CliRunner()
START_TIMEOUT_S = 30


# -- a server for the session --------------------------------------------------------------------


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(reason)


def _server_bindir() -> Path | None:
    """The newest PostgreSQL server's bin folder, or None."""
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb") if (p.parent / "pg_ctl").exists()]
    if not found:
        on_path = shutil.which("initdb")
        return Path(on_path).parent if on_path and shutil.which("pg_ctl") else None

    def version(bindir: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in bindir.parent.name.split(".") if part.isdigit())

    return max(found, key=version)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _log_tail(log: Path) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-20:])
    except OSError:
        return "(no server log)"


class _LocalServer:
    """initdb, pg_ctl start and pg_ctl stop in a temporary folder, as `postgres` when we are root."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.base = Path(tempfile.mkdtemp(prefix="warlog-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.as_user: list[str] = []
        self.port: int | None = None
        self.process: subprocess.Popen | None = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                self.remove()
                _unavailable("running as root and there is no `postgres` user to run the server as")
            os.chown(self.base, account.pw_uid, account.pw_gid)
            runuser = shutil.which("runuser")
            self.as_user = [runuser, "-u", "postgres", "--"] if runuser else ["su", "postgres", "-s", "/bin/sh", "-c"]

    def _command(self, *args: str) -> list[str]:
        if self.as_user[:1] == ["su"]:
            return [*self.as_user, "exec " + " ".join(_quote(a) for a in args)]
        return [*self.as_user, *args]

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(self._command(*args), capture_output=True, text=True, timeout=timeout, cwd=self.base)

    def start(self) -> str:
        initdb = self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "--locale=C", "--encoding=UTF8", "--no-sync",
        )
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{initdb.stdout}\n{initdb.stderr}")
        for _attempt in range(3):  # a free port can be taken between probing it and binding it
            self.port = _free_port()
            # The server is our child (not pg_ctl's), so we reap it: no zombie outlives the tests.
            with self.log.open("ab") as log:
                self.process = subprocess.Popen(
                    self._command(
                        str(self.bindir / "postgres"), "-D", str(self.data), "-p", str(self.port),
                        "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.base}",
                        "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    ),
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.base,
                )
            url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
            if self._wait_until_ready(url):
                return url
        raise RuntimeError(f"PostgreSQL did not start:\n{_log_tail(self.log)}")

    def _wait_until_ready(self, url: str) -> bool:
        deadline = time.monotonic() + START_TIMEOUT_S
        while self.process.poll() is None:
            try:
                with psycopg.connect(url, connect_timeout=2) as connection:
                    connection.execute("SELECT 1")
                return True
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    self.stop_server()
                    return False
                time.sleep(0.05)
        return False

    def stop_server(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._quit_postmaster()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def stop(self) -> None:
        try:
            self.stop_server()
        finally:
            self.remove()

    def _quit_postmaster(self) -> None:
        """Immediate shutdown of our own server only, by the id it wrote in its data folder."""
        try:
            pid = int((self.data / "postmaster.pid").read_text().split("\n", 1)[0])
            os.kill(pid, signal.SIGQUIT)
        except (OSError, ValueError):
            pass

    def remove(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\"'\"'") + "'"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A URL of a PostgreSQL server with a superuser, for the whole test session."""
    given = os.environ.get("WARLOG_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    bindir = _server_bindir()
    if bindir is None:
        _unavailable("no PostgreSQL server binaries (initdb) under /usr/lib/postgresql/*/bin; "
                     "install Debian's `postgresql` or set WARLOG_TEST_POSTGRES_URL")
    server = _LocalServer(bindir)
    try:
        url = server.start()
    except BaseException:
        server.stop()
        raise
    try:
        yield url
    finally:
        server.stop()


def _libpq(url) -> str:
    """A URL psycopg itself accepts (no SQLAlchemy driver suffix)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def pg_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the server, dropped afterwards."""
    server = make_url(normalise_url(postgres_server))
    name = f"warlog_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(_libpq(server), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(name)))
    try:
        yield _libpq(server.set(database=name))
    finally:
        with psycopg.connect(_libpq(server), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


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
    assert posts[2]["kind"] == "gallery" and posts[2]["headline"] == "In pictures: Kyiv reels from drone strike"
    assert any("North Korean troops" in p["body"] for p in posts)

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
