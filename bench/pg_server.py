"""A throwaway PostgreSQL server on a loopback port for the benchmarks, as tests/test_postgres.py starts one.

initdb in a temporary folder, `postgres` started as our own child (as the `postgres` user when run as
root, since the server refuses root), durability switched off (fsync, synchronous_commit,
full_page_writes: a benchmark's data is thrown away), and everything removed on exit. Needs Debian's
`postgresql` server binaries; `PostgresServer.available()` says whether they are there.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg


def server_bindir() -> Path | None:
    """The newest PostgreSQL server's bin folder, or None."""
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb") if (p.parent / "pg_ctl").exists()]
    if not found:
        return None
    return max(found, key=lambda b: tuple(int(x) for x in b.parent.name.split(".") if x.isdigit()))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """`with PostgresServer() as url:` a superuser URL on 127.0.0.1; stopped and deleted afterwards."""

    def __init__(self) -> None:
        bindir = server_bindir()
        if bindir is None:
            raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin "
                               "(install Debian's `postgresql`)")
        self.bindir = bindir
        self.base = Path(tempfile.mkdtemp(prefix="warlog-bench-pg-"))
        self.data = self.base / "data"
        self.as_user: list[str] = []
        self.process: subprocess.Popen | None = None
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.base, account.pw_uid, account.pw_gid)
            self.as_user = [shutil.which("runuser") or "runuser", "-u", "postgres", "--"]

    @staticmethod
    def available() -> bool:
        return server_bindir() is not None

    def __enter__(self) -> str:
        initdb = subprocess.run([*self.as_user, str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                                 "--auth=trust", "--locale=C", "--encoding=UTF8", "--no-sync"],
                                capture_output=True, text=True, cwd=self.base, timeout=120)
        if initdb.returncode != 0:
            self._remove()
            raise RuntimeError(f"initdb failed: {initdb.stderr.strip()[-300:]}")
        port = _free_port()
        self.process = subprocess.Popen(
            [*self.as_user, str(self.bindir / "postgres"), "-D", str(self.data), "-p", str(port),
             "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.base}",
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, cwd=self.base)
        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(url, connect_timeout=2) as connection:
                    connection.execute("SELECT 1")
                return url
            except psycopg.OperationalError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.__exit__()
                    raise RuntimeError("PostgreSQL did not start") from None
                time.sleep(0.1)

    def __exit__(self, *_exc) -> None:
        if self.process is not None and self.process.poll() is None:
            subprocess.run([*self.as_user, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                            "stop"], capture_output=True, cwd=self.base, timeout=60)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._remove()

    def _remove(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)
