"""Bad inputs: one clear line each, a non-zero exit, the good inputs stored, the store untouched.

Every case goes through the `warlog` command (Typer's CliRunner keeps stderr apart from stdout)
or through `warlog.pipeline.ingest`, as a user or a script would run it.
"""

from __future__ import annotations

import json
import os
import random
import time
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DataError, OperationalError
from typer.testing import CliRunner

import warlog.store.db
from warlog.cli import app
from warlog.errors import FormatError, InputError, LanguageError, StoreUnavailableError
from warlog.pipeline import ingest, prepare
from warlog.sources import ReadOptions, read_target
from warlog.store import Store, tables

runner = CliRunner()

GOOD_TEXT = (
    "Drone attack on Kyiv overnight\n"
    "Russia launched a wave of drones at the Ukrainian capital overnight, and air defence units shot "
    "down most of them, the city's military administration said on Sunday.\n"
    "Falling wreckage of a downed drone set an apartment block in the Solomianskyi district alight, "
    "and two residents were hurt, officials said.\n"
)
RUSSIAN_TEXT = (
    "Российские войска нанесли удар по городу в ночь на понедельник, сообщили местные власти. "
    "По их словам, пострадали несколько человек, повреждены жилые дома и объекты инфраструктуры. "
    "Спасатели продолжают работу на месте, информация о погибших уточняется.\n"
)


# -- helpers -----------------------------------------------------------------------------------


def run_ingest(*targets: Path | str, db: str, extra: tuple[str, ...] = ()):
    """`warlog ingest TARGETS --db DB --json`; returns the CliRunner result and the parsed results."""
    result = runner.invoke(app, ["ingest", *map(str, targets), "--db", db, "--json", *extra])
    assert_no_traceback(result)
    return result, json.loads(result.stdout)


def assert_no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"unexpected {result.exception!r}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    )
    assert "Traceback" not in result.output


def error_lines(result) -> list[str]:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    for line in lines:
        assert line.startswith("error: "), f"stderr line is not one error line: {line!r}"
    return lines


def one_error(result, path: Path | str) -> str:
    """The single error line of a run, checked to name `path`."""
    lines = error_lines(result)
    assert len(lines) == 1, f"expected one error line, got: {lines}"
    assert str(path) in lines[0], f"the error does not name {path}: {lines[0]!r}"
    return lines[0]


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def snapshot(url: str) -> dict:
    """Everything stored, row for row, to compare before and after."""
    with Store(url) as store:
        documents = store.documents()
        return {
            "counts": store.counts(),
            "documents": {d["id"]: store.document(d["id"]) for d in documents},
            "posts": store.posts(),
            "furniture": {d["id"]: store.furniture(d["id"]) for d in documents},
            "rows": rows_by_document(store),
        }


def rows_by_document(store: Store) -> dict[str, dict[str, list[tuple]]]:
    """Every row of every table that belongs to a document, grouped by document id and table."""
    grouped: dict[str, dict[str, list[tuple]]] = {}
    with store.engine.connect() as connection:
        for name, table in tables.metadata.tables.items():
            key = table.c.id if name == "documents" else table.c.get("document_id")
            if key is None:
                continue
            for row in connection.execute(select(table).order_by(*table.primary_key.columns)):
                grouped.setdefault(row._mapping[key.name], {}).setdefault(name, []).append(tuple(row))
    return grouped


def stored_raw(url: str, origin: Path) -> str:
    with Store(url) as store:
        [document] = [d for d in store.documents() if d["origin"] == str(origin)]
        return store.document(document["id"])["raw"]


# -- inputs that are not news text ---------------------------------------------------------------


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)


def _random_bytes(path: Path) -> None:
    noise = random.Random(7).randbytes(8192)
    path.write_bytes(noise[:100] + b"\x00\x00\x00" + noise[100:])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _whitespace(path: Path) -> None:
    path.write_bytes(b"   \n\t\t\n \r\n   \n")


def _empty_feed(path: Path) -> None:
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>World news</title>'
        "<link>https://example.com/</link><description>Latest</description></channel></rss>\n",
        encoding="utf-8",
    )


def _russian(path: Path) -> None:
    path.write_text(RUSSIAN_TEXT, encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("image.png", _png, "PNG image"),
        ("noise.bin", _random_bytes, "binary file"),
        ("empty.txt", _empty, "is empty"),
        ("blank.txt", _whitespace, "is empty"),
        ("feed.xml", _empty_feed, "has no entries"),
        ("russian.txt", _russian, "is not English"),
    ],
)
def test_bad_input_is_one_line_and_good_input_is_stored(tmp_path, sqlite_url, good_file, name, make, reason):
    bad = tmp_path / name
    make(bad)
    result, results = run_ingest(bad, good_file, db=sqlite_url)
    assert result.exit_code == 1
    line = one_error(result, bad)
    assert reason in line
    assert [r["status"] for r in results] == ["error", "stored"]
    with Store(sqlite_url) as store:
        assert store.counts()["documents"] == 1


def test_russian_text_raises_language_error_and_is_stored_with_any_language(tmp_path, sqlite_url):
    path = tmp_path / "russian.txt"
    _russian(path)
    [document] = read_target(str(path), ReadOptions())
    with pytest.raises(LanguageError, match="--any-language"):
        prepare(document)

    result, _ = run_ingest(path, db=sqlite_url)
    assert result.exit_code == 1
    assert "--any-language" in one_error(result, path)

    result, results = run_ingest(path, db=sqlite_url, extra=("--any-language",))
    assert result.exit_code == 0, result.stderr
    assert results[0]["status"] == "stored"
    with Store(sqlite_url) as store:
        [row] = store.documents()
        assert store.document(row["id"])["language"] == "und-Cyrl"
        assert "Российские войска" in store.document(row["id"])["clean_text"]


# -- too large -----------------------------------------------------------------------------------


@pytest.fixture
def huge_file(tmp_path: Path) -> Path:
    """A 200 MB file that costs nothing: some text, then a hole."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(GOOD_TEXT.encode("utf-8"))
        handle.truncate(200 * 1024 * 1024)
    assert path.stat().st_size == 200 * 1024 * 1024
    return path


def test_oversized_file_is_refused_by_its_size_without_being_read(huge_file, sqlite_url, good_file):
    with Store(sqlite_url) as store:
        tracemalloc.start()
        started = time.perf_counter()
        try:
            results = ingest([str(huge_file), str(good_file)], store, ReadOptions(max_bytes=50 * 1024 * 1024))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        elapsed = time.perf_counter() - started
    assert [r.status for r in results] == ["error", "stored"]
    message = results[0].error
    assert message.startswith(f"{huge_file}: ")
    assert "limit" in message and "--max-bytes" in message
    # Reading 200 MB would allocate at least that much; refusing by size allocates next to nothing.
    assert peak < 20 * 1024 * 1024, f"{peak / 1e6:.0f} MB allocated: the file was read"
    assert elapsed < 10


def test_oversized_file_error_names_the_limit(huge_file, sqlite_url, good_file):
    result, results = run_ingest(huge_file, good_file, db=sqlite_url, extra=("--max-bytes", "100000000"))
    assert result.exit_code == 1
    line = one_error(result, huge_file)
    assert "100.0 MB limit" in line and "209.7 MB" in line and "--max-bytes" in line
    assert [r["status"] for r in results] == ["error", "stored"]


# -- legacy and mixed encodings ------------------------------------------------------------------


def test_cp1251_english_text_with_cyrillic_names(tmp_path, sqlite_url):
    text = (
        "Officials in Київ said on Monday that a drone attack on Харків had been repelled by air "
        "defence units, and the mayor Ігор Терехов said there were no casualties in the city. "
        "Kremlin spokesman Дмитрий Песков declined to comment on the reports from the region.\n"
    )
    path = tmp_path / "cp1251.txt"
    path.write_bytes(text.encode("cp1251"))
    result, results = run_ingest(path, db=sqlite_url)
    assert result.exit_code == 0, result.stderr
    assert results[0]["status"] == "stored"
    raw = stored_raw(sqlite_url, path)
    assert raw == text
    for name in ("Київ", "Харків", "Ігор Терехов", "Дмитрий Песков"):
        assert name in raw


def test_latin1_english_text(tmp_path, sqlite_url):
    text = (
        "The owner of a café near the front line said the naïve hope of a ceasefire had faded, and "
        "that the soldiers who came in from the région were tired. Señor García, a volunteer from "
        "Spain, said the Müller family had left the town on Sunday after the shelling.\n"
    )
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    result, _ = run_ingest(path, db=sqlite_url)
    assert result.exit_code == 0, result.stderr
    raw = stored_raw(sqlite_url, path)
    assert raw == text
    for word in ("café", "naïve", "région", "Señor García", "Müller"):
        assert word in raw


def test_cp1252_punctuation(tmp_path, sqlite_url):
    text = "“We will not give up,” the mayor said – and the crowd cheered… The city lost €5m in the attack.\n"
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    result, _ = run_ingest(path, db=sqlite_url)
    assert result.exit_code == 0, result.stderr
    assert stored_raw(sqlite_url, path) == text


def test_mixed_utf8_and_cp1251_lines_keep_the_utf8_lines_exact(tmp_path, sqlite_url):
    utf8_lines = [
        "Poland says it found debris from a Russian drone near Lublin",
        "“The first fragments have already reached our laboratory,” an official in Київ said — "
        "and the ministry in Kyiv confirmed it on Sunday.",
        "The last line is UTF-8 again: Zürich, café, Харків.",
    ]
    legacy_line = "Officials in Москва and Санкт-Петербург said nothing at all about the matter."
    data = (
        "\n".join(utf8_lines[:2]).encode("utf-8")
        + b"\n"
        + legacy_line.encode("cp1251")
        + b"\n"
        + utf8_lines[2].encode("utf-8")
        + b"\n"
    )
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    result, _ = run_ingest(path, db=sqlite_url)
    assert result.exit_code == 0, result.stderr
    raw = stored_raw(sqlite_url, path)
    assert raw.splitlines() == [utf8_lines[0], utf8_lines[1], legacy_line, utf8_lines[2]]


# -- HTML that is broken or hostile --------------------------------------------------------------

ARTICLE = (
    "<html><head><title>Drone attack on Kyiv</title></head><body><article><h1>Drone attack on Kyiv</h1>"
    "<p>Russia launched a wave of drones at the Ukrainian capital overnight, and air defence units shot "
    "down most of them, the city's military administration said on Sunday.</p>"
    "<p>Wreckage of a downed drone hit a residential building, setting it alight and injuring two "
    "people, officials said.</p><p>Rescue workers were still at the scene in the morn"
)


@pytest.mark.parametrize("cut", ["ing and then", '</p><a href="https://exa', "</p><di", "</p><p class"])
def test_truncated_html_still_reads(tmp_path, sqlite_url, cut):
    path = tmp_path / "truncated.html"
    path.write_text(ARTICLE + cut, encoding="utf-8")
    result, results = run_ingest(path, db=sqlite_url)
    assert result.exit_code == 0, result.stderr
    assert results[0]["status"] == "stored" and results[0]["format"] == "html"
    with Store(sqlite_url) as store:
        [row] = store.documents()
        assert "air defence units shot down most of them" in store.document(row["id"])["clean_text"]


def _nested_divs(path: Path) -> None:
    paragraph = "<p>" + "Officials said the attack on the city was repelled by the air defence forces. " * 3
    path.write_text("<html><body>" + "<div>" * 10_000 + paragraph + "</p>" + "</div>" * 10_000 + "</body></html>")


def _huge_attribute(path: Path) -> None:
    paragraph = "<p>" + "Officials said the attack on the city was repelled by the air defence forces. " * 3
    path.write_text(
        '<html><body><div data-blob="' + "x" * (5 * 1024 * 1024) + '">' + paragraph + "</p></div></body></html>"
    )


def _script_only(path: Path) -> None:
    path.write_text(
        "<!doctype html><html><head><script>window.__STATE__ = {\"story\": \"the war in the east\"};</script>"
        "</head><body><script>document.write('<p>' + window.__STATE__.story + '</p>');</script></body></html>"
    )


@pytest.mark.parametrize("make", [_nested_divs, _huge_attribute, _script_only], ids=lambda f: f.__name__[1:])
def test_hostile_html_is_read_or_refused_cleanly(tmp_path, sqlite_url, good_file, make):
    path = tmp_path / "hostile.html"
    make(path)
    started = time.perf_counter()
    try:
        documents = list(read_target(str(path), ReadOptions()))
    except FormatError as exc:
        assert str(exc).startswith(f"{path}: ")
        documents = []
    assert all(d.format == "html" for d in documents)

    result, results = run_ingest(path, good_file, db=sqlite_url)
    assert time.perf_counter() - started < 20
    assert results[-1]["status"] == "stored"
    if documents:
        assert result.exit_code == 0, result.stderr
        assert results[0]["status"] == "stored"
    else:
        assert result.exit_code == 1
        one_error(result, path)
        assert results[0]["status"] == "error"


# -- many-record inputs --------------------------------------------------------------------------


def test_jsonl_with_one_broken_line(tmp_path, sqlite_url):
    records = [
        {"url": "https://example.com/1", "text": GOOD_TEXT},
        '{"url": "https://example.com/2", "text": "cut short',
        {"url": "https://example.com/3", "text": GOOD_TEXT.replace("Sunday", "Monday")},
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n")
    result, results = run_ingest(path, db=sqlite_url)
    assert result.exit_code == 1
    line = one_error(result, f"{path} line 2")
    assert "not valid JSON" in line
    assert sorted(r["status"] for r in results) == ["error", "stored", "stored"]
    with Store(sqlite_url) as store:
        assert sorted(d["url"] for d in store.documents()) == ["https://example.com/1", "https://example.com/3"]


# -- a store that cannot be opened ---------------------------------------------------------------


def _under_a_file(tmp_path: Path) -> str:
    (tmp_path / "plain-file").write_text("not a folder")
    return str(tmp_path / "plain-file" / "warlog.db")


def _missing_folder(tmp_path: Path) -> str:
    return str(tmp_path / "no" / "such" / "folder" / "warlog.db")


def _a_folder(tmp_path: Path) -> str:
    (tmp_path / "folder").mkdir()
    return str(tmp_path / "folder")


def _not_a_database(tmp_path: Path) -> str:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not an SQLite database\n" * 100)
    return str(path)


def _read_only_folder(tmp_path: Path) -> str:
    if os.geteuid() == 0:
        pytest.skip("root writes to read-only folders anyway")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    return str(folder / "warlog.db")


def _unreachable_postgres(_tmp_path: Path) -> str:
    return "postgresql://warlog:s3cret-pass@127.0.0.1:1/warlog"


@pytest.mark.parametrize(
    "make_db",
    [_under_a_file, _missing_folder, _a_folder, _not_a_database, _read_only_folder, _unreachable_postgres],
    ids=lambda f: f.__name__[1:],
)
@pytest.mark.parametrize("command", ["ingest", "posts", "documents"])
def test_unusable_database_is_one_line(tmp_path, example_path, make_db, command):
    db = make_db(tmp_path)
    before = Path(db).read_bytes() if Path(db).is_file() else None
    args = [command, "--db", db] + ([str(example_path)] if command == "ingest" else [])
    result = runner.invoke(app, args)
    assert_no_traceback(result)
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert "cannot open the database" in line
    assert "s3cret-pass" not in result.output
    assert result.stdout == ""
    if before is not None:
        assert Path(db).read_bytes() == before


def test_database_under_a_file_says_so(tmp_path, example_path):
    result = runner.invoke(app, ["ingest", str(example_path), "--db", _under_a_file(tmp_path)])
    [line] = error_lines(result)
    assert f"{tmp_path / 'plain-file'} is not a folder" in line


# -- nothing stored is lost or half-written ------------------------------------------------------


@pytest.fixture
def populated(sqlite_url, example_path) -> dict:
    """A store holding the bundled example page, and a snapshot of it."""
    result, results = run_ingest(
        example_path, db=sqlite_url, extra=("--published", "2024-11-03", "--source", "The Independent")
    )
    assert result.exit_code == 0, result.stderr
    assert (results[0]["posts"], results[0]["furniture"]) == (11, 13)
    return snapshot(sqlite_url)


def test_bad_inputs_leave_stored_documents_untouched(tmp_path, sqlite_url, example_path, populated, good_file):
    bad = {
        "image.png": _png,
        "empty.txt": _empty,
        "feed.xml": _empty_feed,
        "russian.txt": _russian,
        "hostile.html": _script_only,
    }
    for name, make in bad.items():
        make(tmp_path / name)
    (tmp_path / "records.jsonl").write_text(
        json.dumps({"text": GOOD_TEXT.replace("Kyiv", "Odesa")}) + "\n{broken\n", encoding="utf-8"
    )
    targets = [*(tmp_path / name for name in bad), good_file, tmp_path / "records.jsonl", example_path]
    result, results = run_ingest(*targets, db=sqlite_url)
    assert result.exit_code == 1
    assert len(error_lines(result)) == len(bad) + 1
    assert [r["status"] for r in results].count("stored") == 2
    assert results[-1]["status"] == "already stored"

    after = snapshot(sqlite_url)
    for document_id, row in populated["documents"].items():
        assert after["documents"][document_id] == row
        assert after["furniture"][document_id] == populated["furniture"][document_id]
    assert [p for p in after["posts"] if p["document_id"] in populated["documents"]] == populated["posts"]
    for document_id, rows in populated["rows"].items():
        assert after["rows"][document_id] == rows
    assert after["counts"]["documents"] == 3
    assert after["counts"]["posts"] > populated["counts"]["posts"]


def _failing_post_row(document_id, post):
    raise OperationalError("INSERT INTO posts", {}, Exception("disk I/O error"))


def test_a_document_whose_posts_fail_leaves_no_rows(sqlite_url, example_path, monkeypatch):
    # An I/O error is the store's, not the document's: the run stops (StoreUnavailableError), nothing is half-written.
    monkeypatch.setattr(warlog.store.db, "_post_row", _failing_post_row)
    with Store(sqlite_url) as store:
        with pytest.raises(StoreUnavailableError) as raised:
            ingest([str(example_path)], store, ReadOptions())
        assert str(raised.value).startswith(f"{store.label}: could not store {example_path}")
        assert "disk I/O error" in str(raised.value)
        assert all(count == 0 for count in store.counts().values()), store.counts()


def test_an_unexpected_failure_mid_document_rolls_it_back(sqlite_url, example_path, monkeypatch):
    def explode(document_id, post):
        raise RuntimeError("boom")

    monkeypatch.setattr(warlog.store.db, "_post_row", explode)
    with Store(sqlite_url) as store:
        (result,) = ingest([str(example_path)], store, ReadOptions())  # a bug is one document's error, no traceback
        assert result.status == "error" and "RuntimeError: boom" in result.error and str(example_path) in result.error
        assert all(count == 0 for count in store.counts().values()), store.counts()


def test_one_transaction_per_document(sqlite_url, example_path, good_file, populated, monkeypatch):
    """A failure in one document rolls back that document alone."""
    real_post_row = warlog.store.db._post_row
    failing_origin = str(good_file)
    current = {}

    original_add = Store.add_document

    def add_document(self, document, *args, **kwargs):
        current["origin"] = document.origin
        return original_add(self, document, *args, **kwargs)

    def post_row(document_id, post):
        if current["origin"] == failing_origin:
            raise DataError("INSERT INTO posts", {}, Exception("string or blob too big"))  # this document's fault
        return real_post_row(document_id, post)

    monkeypatch.setattr(Store, "add_document", add_document)
    monkeypatch.setattr(warlog.store.db, "_post_row", post_row)
    other = good_file.with_name("other.txt")
    other.write_text(GOOD_TEXT.replace("Kyiv", "Vinnytsia"), encoding="utf-8")

    with Store(sqlite_url) as store:
        results = ingest([str(good_file), str(other), str(example_path)], store, ReadOptions())
        assert [r.status for r in results] == ["error", "stored", "already stored"]
        [failed] = read_target(failing_origin, ReadOptions())
        failed_id = failed.id
        assert not store.has_document(failed_id)
        assert store.posts(failed_id) == [] and store.furniture(failed_id) == []
        assert store.has_document(results[1].document_id)
    after = snapshot(sqlite_url)
    assert after["counts"]["documents"] == 2
    assert failed_id not in after["rows"]
    for document_id, rows in populated["rows"].items():
        assert after["rows"][document_id] == rows


def test_reingesting_after_errors_stores_nothing_twice(sqlite_url, example_path, populated, tmp_path):
    _png(tmp_path / "image.png")
    result, results = run_ingest(example_path, tmp_path / "image.png", db=sqlite_url)
    assert result.exit_code == 1
    assert [r["status"] for r in results] == ["already stored", "error"]
    assert snapshot(sqlite_url) == populated


def test_errors_are_single_lines_even_when_long(tmp_path, sqlite_url):
    deep = tmp_path / ("a-very-long-folder-name-" * 4) / ("and-another-one-" * 4)
    deep.mkdir(parents=True)
    bad = deep / "image-with-a-long-name.png"
    _png(bad)
    result, _ = run_ingest(bad, db=sqlite_url)
    assert result.exit_code == 1
    assert "PNG image" in one_error(result, bad)


def test_a_run_with_only_errors_exits_non_zero_and_stores_nothing(tmp_path, sqlite_url):
    _empty(tmp_path / "empty.txt")
    _png(tmp_path / "image.png")
    result, results = run_ingest(tmp_path / "empty.txt", tmp_path / "image.png", db=sqlite_url)
    assert result.exit_code == 1
    assert len(error_lines(result)) == 2
    with Store(sqlite_url) as store:
        assert all(count == 0 for count in store.counts().values())
    assert all(r["status"] == "error" for r in results)


def test_input_errors_are_input_errors(tmp_path):
    """Library users can catch InputError for any bad input."""
    _png(tmp_path / "image.png")
    with pytest.raises(InputError):
        list(read_target(str(tmp_path / "image.png"), ReadOptions()))
