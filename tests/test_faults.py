"""Faults: `warlog ingest` and `warlog batch` killed mid-run, a database locked by another program, a full disk.

What is promised (SECURITY.md, README): a run killed at any moment and run again ends with exactly the documents
an uninterrupted run stores — none lost, none twice, each with all its rows — and a store that cannot be written
(locked, disk full) gives one clear line and a non-zero exit, and stays intact and usable.

The commands run as real subprocesses (`python -m warlog`), killed with SIGKILL, as the operating system or an
impatient person would; the corpus is generated news reports, each distinct, each with figures, places and
speakers so that every document has rows in the extraction tables.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warlog.pipeline import ingest
from warlog.sources import ReadOptions, expand_targets
from warlog.store import Store

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Kharkiv", "Odesa", "Kherson", "Zaporizhzhia", "Sumy", "Dnipro", "Pokrovsk", "Kramatorsk", "Mykolaiv",
          "Chernihiv", "Poltava", "Kupiansk"]
SPEAKERS = [("the regional governor", "Oleh Syniehubov"), ("the head of the military administration", "Ivan Fedorov"),
            ("Ukraine's air force", None), ("the Russian defence ministry", None), ("police", None)]
WEAPONS = ["drones", "missiles", "guided bombs", "artillery shells"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def report(number: int, rng: random.Random) -> str:
    """One distinct news report: a headline and three paragraphs with casualties, a weapon, a place and a source."""
    place, other = rng.sample(PLACES, 2)
    role, name = rng.choice(SPEAKERS)
    speaker = f"{role} {name}" if name else role
    killed, injured = rng.randint(1, 30), rng.randint(2, 60)
    weapon, day = rng.choice(WEAPONS), rng.choice(DAYS)
    launched = rng.randint(20, 150)
    return (f"Russian {weapon} hit {place} overnight, report {number}\n\n"
            f"Russian {weapon} struck residential buildings in {place} on {day} night, killing {killed} people and "
            f"injuring {injured} others, {speaker} said on Telegram.\n\n"
            f"Ukraine's air force said it shot down {launched - rng.randint(1, 19)} of {launched} drones launched "
            f"overnight, and that debris fell on a school in {other}.\n\n"
            f"Rescue workers were still searching the rubble on {day} afternoon, according to the emergency "
            f"service, which said at least {rng.randint(3, 12)} people had been pulled out alive.\n")


def make_corpus(folder: Path, count: int, seed: int = 6) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"report-{number:03d}.txt").write_text(report(number, rng), encoding="utf-8")
    return folder


def warlog(*args: str, **kwargs) -> subprocess.Popen:
    """`python -m warlog ARGS` in its own process group (so a kill reaches its worker processes too)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS="200")
    return subprocess.Popen([sys.executable, "-m", "warlog", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, **kwargs)


def finish(process: subprocess.Popen, timeout: float = 300) -> tuple[int, str, str]:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        pytest.fail(f"warlog did not finish in {timeout} s: {err[-2000:]}")
    return process.returncode, out, err


def kill_when(process: subprocess.Popen, ready, timeout: float = 240) -> None:
    """SIGKILL the process group as soon as `ready()` is true; fail if the process ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"warlog finished before it could be killed: {process.stderr.read()[-2000:]}")
        if ready():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            return
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    pytest.fail("warlog never got far enough to be killed mid-run")


def stored_documents(path: Path) -> int:
    """Documents committed so far, read beside the writer (WAL lets a reader in)."""
    if not path.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or mid-migration
        return 0


def snapshot(path: Path) -> dict[str, dict[str, int]]:
    """Rows per document in every table: equal snapshots mean the same documents, each complete, none twice."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%document_id%'")]
        origins = [r[0] for r in connection.execute("SELECT origin FROM documents")]
        assert len(origins) == len(set(origins)), "a document was stored twice"
        shot = {"documents": {r[0]: 1 for r in connection.execute("SELECT id FROM documents")}}
        for table in tables:
            shot[table] = dict(connection.execute(
                f"SELECT document_id, count(*) FROM {table} GROUP BY document_id").fetchall())  # noqa: S608 (names
            # come from sqlite_master, not from input)
    return shot


def integrity(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


# --- SIGKILL mid-run ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    """40 reports, and what an uninterrupted ingest stores from them (the reference)."""
    folder = make_corpus(tmp_path_factory.mktemp("faults") / "corpus", 40)
    reference = tmp_path_factory.mktemp("reference") / "warlog.db"
    with Store(f"sqlite:///{reference}") as store:
        results = ingest(expand_targets([str(folder)]), store, ReadOptions())
    assert [r.status for r in results].count("stored") == 40, [r.error for r in results if r.error]
    return folder, snapshot(reference)


def test_ingest_killed_mid_run_and_run_again_stores_everything_once(corpus, tmp_path):
    folder, reference = corpus
    db = tmp_path / "warlog.db"
    args = ("ingest", str(folder), "--db", str(db))
    for kill_after in (3, 17):  # killed twice, at different depths, then left to finish
        kill_when(warlog(*args), lambda n=kill_after: stored_documents(db) >= n)
        killed_at = stored_documents(db)
        assert kill_after <= killed_at < 40
        assert integrity(db) == "ok"
    code, out, err = finish(warlog(*args, "--json"))
    assert code == 0, err
    statuses = [r["status"] for r in json.loads(out)]
    assert statuses.count("already stored") >= 17 and statuses.count("stored") == 40 - statuses.count(
        "already stored")
    assert snapshot(db) == reference  # nothing lost, nothing twice, every document with all its rows
    assert all(len(reference[table]) == 40 for table in ("documents", "posts", "quantities", "events", "claims"))


@pytest.mark.slow
def test_batch_killed_mid_run_skips_done_units_and_loads_without_duplicates(corpus, tmp_path):
    pytest.importorskip("warlog.batch.run")  # `warlog batch` came with its own issue
    folder, reference = corpus
    out_dir = tmp_path / "out"
    done = out_dir / "_done"
    args = ("batch", str(folder), "--out", str(out_dir), "--workers", "1")

    def markers() -> list[Path]:  # finished units only: a marker cut off mid-write is a hidden temporary file
        return list(done.glob("*.json")) if done.exists() else []

    kill_when(warlog(*args), lambda: len(markers()) >= 4, timeout=400)
    finished_before = len(markers())
    assert 4 <= finished_before < 40
    code, out, err = finish(warlog(*args, "--json"), timeout=500)
    assert code == 0, err
    summary = json.loads(out)
    assert summary["skipped"] >= finished_before and summary["skipped"] + summary["completed"] == 40
    assert not list(out_dir.rglob(".*.tmp"))  # the killed run's half-written files are gone
    db = tmp_path / "loaded.db"
    for attempt in range(2):  # loading twice adds nothing
        code, out, err = finish(warlog("load", str(out_dir), "--db", str(db), "--json"))
        assert code == 0, err
        assert json.loads(out)["stored"] == (40 if attempt == 0 else 0)
    assert snapshot(db) == reference


# --- a locked database --------------------------------------------------------------------------------


@pytest.fixture
def small_store(tmp_path) -> tuple[Path, Path]:
    """A store holding one report, and a second report not yet stored."""
    rng = random.Random(9)
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(report(1, rng), encoding="utf-8")
    second.write_text(report(2, rng), encoding="utf-8")
    db = tmp_path / "warlog.db"
    with Store(f"sqlite:///{db}") as store:
        assert ingest([str(first)], store, ReadOptions(), extract=False)[0].status == "stored"
    return db, second


def test_a_locked_database_is_one_clear_line_and_the_store_is_intact(small_store):
    db, second = small_store
    before = snapshot(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program writing, and taking its time
    try:
        code, _out, err = finish(warlog("ingest", str(second), "--db", str(db), "--no-extract"), timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    (line,) = error_lines(err)
    assert "locked" in line and str(second) in line and "Traceback" not in err
    assert integrity(db) == "ok" and snapshot(db) == before
    code, _out, err = finish(warlog("ingest", str(second), "--db", str(db), "--no-extract"))
    assert code == 0, err
    assert len(snapshot(db)["documents"]) == 2


def test_a_locked_database_stops_the_run_instead_of_waiting_for_every_document(small_store, tmp_path):
    db, second = small_store
    rng = random.Random(11)
    others = []
    for number in (3, 4):
        path = tmp_path / f"later{number}.txt"
        path.write_text(report(number, rng), encoding="utf-8")
        others.append(str(path))
    before = snapshot(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _out, err = finish(warlog("ingest", str(second), *others, "--db", str(db), "--no-extract"), timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    (line,) = error_lines(err)
    assert "locked" in line and "2 more input(s) not read" in line and "run the same command again" in line
    assert snapshot(db) == before
    code, _out, err = finish(warlog("ingest", str(second), *others, "--db", str(db), "--no-extract"))
    assert code == 0, err
    assert len(snapshot(db)["documents"]) == 4


# --- a full disk --------------------------------------------------------------------------------------


def _big_report(path: Path, size: int) -> None:
    rng = random.Random(3)
    parts, total = [], 0
    while total < size:
        parts.append(report(len(parts), rng))
        total += len(parts[-1])
    path.write_text("\n".join(parts), encoding="utf-8")


@contextlib.contextmanager
def tiny_disk(folder: Path, megabytes: int):
    """A tmpfs of `megabytes` mounted at `folder` (needs root); skips the test where mounting is not allowed."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _fill(folder: Path, leave: int) -> Path:
    """Fill the disk under `folder` but for about `leave` bytes."""
    filler = folder / "filler"
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave))
    return filler


def test_a_full_disk_is_one_clear_line_and_the_store_is_intact(tmp_path):
    with tiny_disk(tmp_path / "disk", 6) as disk:
        rng = random.Random(5)
        first, second = tmp_path / "first.txt", tmp_path / "big.txt"
        first.write_text(report(1, rng), encoding="utf-8")
        _big_report(second, 600_000)  # stored three times over (raw, source, clean text): more than is left
        db = disk / "warlog.db"
        with Store(f"sqlite:///{db}") as store:
            assert ingest([str(first)], store, ReadOptions(), extract=False)[0].status == "stored"
        before = snapshot(db)
        filler = _fill(disk, 400_000)
        code, _out, err = finish(warlog("ingest", str(second), "--db", str(db), "--no-extract"))
        assert code == 1
        (line,) = error_lines(err)
        assert "full" in line and "Traceback" not in err
        filler.unlink()  # space again: the store is as it was, and takes the document now
        assert integrity(db) == "ok" and snapshot(db) == before
        code, _out, err = finish(warlog("ingest", str(second), "--db", str(db), "--no-extract"))
        assert code == 0, err
        assert len(snapshot(db)["documents"]) == 2


def test_a_file_size_limit_is_one_clear_line_and_the_store_is_intact(small_store, tmp_path):
    """Where no tmpfs can be mounted: the process may not grow any file past a limit (RLIMIT_FSIZE)."""
    db, _ = small_store
    big = tmp_path / "big.txt"
    _big_report(big, 600_000)
    before = snapshot(db)
    limit = db.stat().st_size + 200_000

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    code, _out, err = finish(warlog("ingest", str(big), "--db", str(db), "--no-extract", preexec_fn=cap))
    assert code == 1
    (line,) = error_lines(err)
    assert str(big) in line and "Traceback" not in err
    assert integrity(db) == "ok" and snapshot(db) == before
    code, _out, err = finish(warlog("ingest", str(big), "--db", str(db), "--no-extract"))
    assert code == 0, err
    assert len(snapshot(db)["documents"]) == 2
