"""A PostgreSQL server for the tests that need one, shared by the whole session.

The server is `WARLOG_TEST_POSTGRES_URL` when that is set; otherwise one is started on a loopback port
from the server binaries under /usr/lib/postgresql/*/bin (Debian's `postgresql` package), as the
`postgres` user when run as root, and stopped afterwards. Without binaries the tests are skipped, except
under CI (the `CI` environment variable), where a skip would hide a gap. Every test gets a database of
its own (`pg_url`). The fixtures are made available to every test module by `conftest.py`.
"""

from __future__ import annotations

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
from psycopg import sql
from sqlalchemy import make_url

from warlog.store import normalise_url

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
