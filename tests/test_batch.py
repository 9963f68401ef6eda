"""`warlog batch` on a real Dask cluster (two worker processes on loopback) and `warlog load`.

The inputs are built here in the shapes the readers meet (an HTML article, plain text, JSON Lines with
a broken line and a non-English record, a gzipped WARC, a binary file). What `batch` writes is read
back with pyarrow, and what `load` stores is compared with what `warlog ingest` stores from the same
inputs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tests.test_readers import WARC_PAGES, crawl_records, page, warc_bytes
from warlog.batch.partitions import DONE, done_markers, remove_leftovers, write_unit
from warlog.batch.plan import BatchOptions, plan_units
from warlog.batch.task import TABLES, run_unit
from warlog.cli import app
from warlog.store import Store
from warlog.store.load import load_extractions

runner = CliRunner()

REPORT = (
    "Two killed as missiles strike Odesa port\n"
    "Two port workers were killed and five injured when Russian missiles struck the port of Odesa on "
    "Tuesday night, regional governor Oleh Kiper said on Telegram.\n"
    "Ukraine's air force said it shot down four of the seven missiles launched from Crimea.\n"
)
ARTICLE = page("Drone attack damages substation in Sumy", [
    "A Russian drone attack damaged an electricity substation in Sumy on Wednesday, cutting power to "
    "about 3,000 homes, the regional military administration said.",
    "Repair crews restored supply to most of the homes by the evening, officials said.",
])
GERMAN = ("Nach Angaben der Behörden wurden bei dem Angriff auf die Stadt mehrere Wohnhäuser beschädigt. "
          "Die Rettungskräfte waren die ganze Nacht im Einsatz und suchten nach Verschütteten.")


def jsonl_records() -> list[str]:
    return [
        json.dumps({"text": "Shelling hits Kherson market\nShelling hit a market in central Kherson on Monday "
                    "morning, killing one woman, the city's military administration said.",
                    "source": "Agency A", "published": "2024-11-04T09:00:00+00:00"}),
        '{"text": "Explosions in Belgorod", "source": ',
        json.dumps({"text": GERMAN, "source": "Agency B", "published": "2024-11-04T10:00:00+00:00"},
                   ensure_ascii=False),
        json.dumps({"text": "Prisoner exchange completed\nUkraine and Russia exchanged 95 prisoners of war "
                    "on Thursday after mediation by the United Arab Emirates, Ukraine's coordination "
                    "headquarters said.", "source": "Agency C", "published": "2024-11-07T12:00:00+00:00"}),
        json.dumps({"text": "Drones downed over Kursk\nRussia's defence ministry said its air defences "
                    "destroyed 12 Ukrainian drones over the Kursk region overnight.", "source": "Agency D",
                    "published": "2024-11-05T06:00:00+00:00"}),
        json.dumps({"text": "Grain ship leaves Chornomorsk\nA bulk carrier loaded with 30,000 tonnes of "
                    "wheat left the port of Chornomorsk on Friday, the infrastructure ministry said.",
                    "source": "Agency E", "published": "2024-11-08T15:00:00+00:00"}),
    ]


def build_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "notes").mkdir(parents=True)
    (corpus / "article.html").write_text(ARTICLE, encoding="utf-8")
    (corpus / "notes" / "odesa.txt").write_text(REPORT, encoding="utf-8")
    (corpus / "wire.jsonl").write_text("\n".join(jsonl_records()) + "\n", encoding="utf-8")
    (corpus / "crawl.warc.gz").write_bytes(warc_bytes(crawl_records(), gzip=True))
    (corpus / "photo.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return corpus


def batch(*args: str):
    return runner.invoke(app, ["batch", *args, "--published", "2024-11-08", "--json"])


def summary_of(result) -> dict:
    assert result.stdout.strip(), result.output
    return json.loads(result.stdout)


def read(out: Path, table: str) -> list[dict]:
    return pq.read_table(out / table).to_pylist()


def ingest_reference(path: Path, url: str) -> None:
    """`warlog ingest` of the same inputs, in a fresh process like the workers: both run the code on disk now."""
    done = subprocess.run([sys.executable, "-m", "warlog", "ingest", str(path), "--db", url, "--published",
                           "2024-11-08"], capture_output=True, text=True, timeout=600)
    assert "Traceback" not in done.stderr, done.stderr


def stored(url: str) -> tuple[dict, dict, list]:
    """Everything ingest-equivalence is judged on: row counts, rebuilt (Document, Extraction) per id, posts."""
    with Store(url) as store:
        counts = store.counts()
        items = {document.id: (document, extraction) for document, extraction in load_extractions(store)}
        posts = sorted(({k: v for k, v in row.items() if k != "id"} for row in store.posts()),
                       key=lambda r: (r["document_id"], r["idx"]))
    return counts, items, posts


def test_batch_on_a_local_cluster_resumes_and_loads_like_ingest(tmp_path: Path):
    corpus = build_corpus(tmp_path)
    out = tmp_path / "out"
    first = batch(str(corpus), "--out", str(out), "--workers", "2")
    assert first.exit_code == 0, first.output
    summary = summary_of(first)
    assert summary["workers"] == 2 and summary["units"] == 5 and summary["completed"] == 5
    # article, Odesa report, 4 good JSONL records (one broken, one German), 2 WARC pages
    assert summary["documents"] == 8

    reasons = {f["origin"]: f["reason"] for f in read(out, "failures")}
    wire = str(corpus / "wire.jsonl")
    assert "not valid JSON" in reasons[f"{wire} line 2"]
    assert "not English" in reasons[f"{wire} line 3"]
    assert "not text" in reasons[str(corpus / "photo.bin")]
    assert len(reasons) == 3 and sorted(f["origin"] for f in summary["failures"]) == sorted(reasons)

    documents = read(out, "documents")
    assert len(documents) == 8 and len({d["document_id"] for d in documents}) == 8
    assert {d["origin"] for d in documents} >= {str(corpus / "article.html"), str(corpus / "notes" / "odesa.txt")}
    texts = {d["document_id"]: d["clean_text"] for d in documents}
    for table in ("posts", "claims", "events", "quantities", "mentions"):
        assert read(out, table), f"{table} is empty"
    for event in read(out, "events"):  # every span points into its document's cleaned text
        assert texts[event["document_id"]][event["trigger_start"]:event["trigger_end"]] == event["trigger"]
    odesa = next(d["document_id"] for d in documents if d["origin"].endswith("odesa.txt"))
    killed = [e for e in read(out, "events") if e["document_id"] == odesa and e["killed"] is not None]
    figures = {q["idx"]: q["value"] for q in read(out, "quantities") if q["document_id"] == odesa}
    assert any(figures[e["killed"]] == 2 for e in killed)
    assert any(c["speaker_text"] and "Kiper" in c["speaker_text"] for c in read(out, "claims")
               if c["document_id"] == odesa)

    # a re-run does nothing: every unit is done, no partition is rewritten
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = summary_of(batch(str(corpus), "--out", str(out), "--workers", "2"))
    assert (again["skipped"], again["completed"], again["documents"]) == (5, 0, 0)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps

    # a changed file is done again and its old partitions go
    (corpus / "notes" / "odesa.txt").write_text(REPORT.replace("Tuesday", "Wednesday"), encoding="utf-8")
    changed = summary_of(batch(str(corpus), "--out", str(out), "--workers", "2"))
    assert (changed["skipped"], changed["completed"], changed["replaced"], changed["documents"]) == (4, 1, 1, 1)
    documents = read(out, "documents")
    assert len(documents) == 8
    assert [d["clean_text"].count("Wednesday") for d in documents if d["origin"].endswith("odesa.txt")] == [1]

    # load == ingest of the same inputs; loading twice adds nothing
    loaded, ingested = f"sqlite:///{tmp_path / 'loaded.db'}", f"sqlite:///{tmp_path / 'ingested.db'}"
    load = runner.invoke(app, ["load", str(out), "--db", loaded, "--json"])
    assert load.exit_code == 0, load.output
    assert json.loads(load.stdout)["stored"] == 8
    ingest_reference(corpus, ingested)
    assert stored(loaded) == stored(ingested)
    before = stored(loaded)[0]
    twice = runner.invoke(app, ["load", str(out), "--db", loaded, "--json"])
    assert json.loads(twice.stdout) == {"units": 5, "stored": 0, "already_stored": 8, "failures": 3}
    assert stored(loaded)[0] == before


@pytest.fixture(scope="module")
def scheduler_address():
    """A scheduler and two worker processes started by the test, as a team's cluster would be."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_big_jsonl_is_split_and_read_as_a_whole_file_would_be(tmp_path: Path, scheduler_address: str):
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(jsonl_records()) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = batch(str(path), "--out", str(out), "--scheduler", scheduler_address, "--chunk", "2")
    assert result.exit_code == 0, result.output
    summary = summary_of(result)
    assert summary["workers"] == 2 and summary["units"] == 3 and summary["documents"] == 4
    markers = done_markers(out)
    assert sorted((m["unit"]["first"], m["unit"]["records"]) for m in markers.values()) == [(1, 2), (3, 2), (5, 2)]
    # record numbers are the file's own, whichever slice a record fell in
    assert {f["origin"] for f in read(out, "failures")} == {f"{path} line 2", f"{path} line 3"}

    loaded, ingested = f"sqlite:///{tmp_path / 'loaded.db'}", f"sqlite:///{tmp_path / 'ingested.db'}"
    assert runner.invoke(app, ["load", str(out), "--db", loaded]).exit_code == 0
    ingest_reference(path, ingested)
    assert stored(loaded) == stored(ingested)


@pytest.mark.parametrize("gzip", [False, True], ids=["plain", "gzip"])
def test_big_warc_is_split_at_record_offsets(tmp_path: Path, scheduler_address: str, gzip: bool):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(warc_bytes(crawl_records(), gzip=gzip))
    out = tmp_path / "out"
    result = batch(str(path), "--out", str(out), "--scheduler", scheduler_address, "--chunk", "1")
    assert result.exit_code == 0, result.output
    assert (summary_of(result)["units"], summary_of(result)["documents"]) == (2, 2)
    starts = sorted(m["unit"]["start"] for m in done_markers(out).values())
    assert starts[0] == 0 and 0 < starts[1] < path.stat().st_size
    # the same documents, named by the same record numbers, as reading the archive whole
    loaded, ingested = f"sqlite:///{tmp_path / 'loaded.db'}", f"sqlite:///{tmp_path / 'ingested.db'}"
    assert runner.invoke(app, ["load", str(out), "--db", loaded]).exit_code == 0
    ingest_reference(path, ingested)
    assert stored(loaded) == stored(ingested)
    assert sorted(d.origin for d, _ in stored(loaded)[1].values()) == [
        f"{path} record 3 ({url})" if n == 0 else f"{path} record 6 ({url})" for n, url in enumerate(WARC_PAGES)]


def test_spacy_is_loaded_once_per_worker_process(scheduler_address: str, tmp_path: Path):
    """Several units on each worker, one pipeline load per worker process."""
    from distributed import Client

    for n in range(6):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{n}.txt").write_text(REPORT.replace("Two port workers", f"{n + 2} port workers"),
                                                  encoding="utf-8")
    result = batch(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--scheduler", scheduler_address)
    assert summary_of(result)["documents"] == 6

    def pipeline_loads() -> tuple[int, int]:
        from warlog.extract.nlp import load_pipeline

        info = load_pipeline.cache_info()
        return info.misses, info.hits

    with Client(scheduler_address) as client:
        loads = client.run(pipeline_loads)
    assert len(loads) == 2
    assert all(misses <= 1 for misses, _ in loads.values()) and sum(m for m, _ in loads.values()) >= 1
    assert sum(misses + hits for misses, hits in loads.values()) >= 6


def test_nothing_readable_is_a_failure_with_reasons(tmp_path: Path, scheduler_address: str):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "blank.txt").write_text("   \n\n", encoding="utf-8")
    (tmp_path / "in" / "photo.bin").write_bytes(bytes(range(256)) * 8)
    args = ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--scheduler", scheduler_address]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "2 failed" in result.stdout and "0 documents extracted" in result.stdout
    failures = read(tmp_path / "out", "failures")
    assert sorted(Path(f["origin"]).name for f in failures) == ["blank.txt", "photo.bin"]
    assert all(f["reason"].startswith(f["origin"] + ": ") and f["stage"] == "read" for f in failures)


def test_unreachable_scheduler_and_empty_output_are_one_line_errors(tmp_path: Path):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["batch", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                                 "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1
    assert f"--scheduler tcp://127.0.0.1:{port}: cannot connect" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    empty = runner.invoke(app, ["load", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert empty.exit_code == 1 and "holds no completed batch units" in empty.stderr


def test_a_unit_cut_off_mid_write_is_not_done(tmp_path: Path, monkeypatch):
    """Partitions appear only whole, and the done-marker only after all of them."""
    path = tmp_path / "odesa.txt"
    path.write_text(REPORT, encoding="utf-8")
    options = BatchOptions(published="2024-11-08T00:00:00")
    (unit,) = plan_units([str(path)], options)
    result = run_unit(unit, options)
    out = tmp_path / "out"
    real = pq.write_table
    written = []

    def write_then_die(table, where, **kwargs):
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        written.append(where)
        real(table, where, **kwargs)

    monkeypatch.setattr(pq, "write_table", write_then_die)
    with pytest.raises(OSError):
        write_unit(out, result)
    assert done_markers(out) == {}
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]  # no temporary file left behind
    assert len([p for p in out.rglob("*.parquet")]) == 3
    monkeypatch.setattr(pq, "write_table", real)
    write_unit(out, result)
    assert list(done_markers(out)) == [unit.key]
    assert len(list(out.rglob("*.parquet"))) == len(TABLES) and (out / DONE).is_dir()
    assert os.listdir(out / DONE) == [f"{unit.key}.json"]


def test_a_killed_runs_temporary_files_are_removed_and_its_marker_is_not_counted(tmp_path: Path):
    """A SIGKILL between writing and renaming leaves `.<name>.<pid>.tmp` behind; it is not a done unit."""
    out = tmp_path / "out"
    (out / DONE).mkdir(parents=True)
    (out / "events").mkdir()
    (out / DONE / ".abc.json.4242.tmp").write_text('{"unit": "half"}', encoding="utf-8")
    (out / "events" / ".part-abc.parquet.4242.tmp").write_bytes(b"PAR1")
    (out / "events" / "notes.txt").write_text("a user's file", encoding="utf-8")
    assert done_markers(out) == {}
    assert remove_leftovers(out) == 2
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["notes.txt"]


def test_parquet_rows_give_back_the_records_they_were_made_from(example_path: Path, tmp_path: Path):
    """Every record of a long live blog, through Parquet and back, equals what extraction made."""
    from warlog.batch.partitions import read_unit_tables
    from warlog.batch.records import RECORD_TABLES, document_from_row, records_from_rows
    from warlog.pipeline import extract_document, prepare
    from warlog.sources import ReadOptions, read_target

    options = BatchOptions(published="2024-11-03")  # naive: must come back naive, as ingest keeps it
    (unit,) = plan_units([str(example_path)], options)
    write_unit(tmp_path, run_unit(unit, options))
    tables = read_unit_tables(tmp_path, unit.key)
    (document,) = read_target(str(example_path), ReadOptions(published=options.read_options().published))
    posts = prepare(document)
    extraction = extract_document(document, posts)
    assert len(extraction.events) > 5 and len(extraction.claims) > 5
    (row,) = tables["documents"]
    again = document_from_row(row, tables["furniture"])
    assert (again.id, again.text, again.published, again.offsets, again.removed, again.meta) == (
        document.id, document.text, document.published, document.offsets, document.removed, document.meta)
    assert again.published.tzinfo is None and row["published"].tzinfo is not None  # readers get UTC timestamps
    assert records_from_rows("posts", tables["posts"]) == posts
    for name in RECORD_TABLES:
        if name != "posts":
            assert records_from_rows(name, tables[name]) == getattr(extraction, name), name
    # partitions written before a record field existed still load: the field takes its default
    assert any(e.generic for e in extraction.events)
    old = [{k: v for k, v in r.items() if k != "generic"} for r in tables["events"]]
    assert not any(e.generic for e in records_from_rows("events", old))


def test_the_size_limit_holds_per_record_in_a_slice(tmp_path: Path):
    """A file far over --max-bytes is fine in slices; only the one record over it fails, by its line number."""
    records = jsonl_records()
    records[4] = json.dumps({"text": "Shelling reported overnight\n" + "Shelling hit the town overnight, the "
                             "regional governor said on Telegram. " * 30, "source": "Agency D"})
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    limit = max(len(r.encode()) for n, r in enumerate(records) if n != 4) + 10
    assert path.stat().st_size > limit < len(records[4].encode())
    options = BatchOptions(published="2024-11-08T00:00:00", max_bytes=limit)
    results = [run_unit(unit, options) for unit in plan_units([str(path)], options, chunk=2)]
    assert sum(r.documents for r in results) == 3
    too_large = [f for r in results for f in r.tables["failures"].to_pylist() if "limit for one record" in f["reason"]]
    assert [f["origin"] for f in too_large] == [f"{path} line 5"]
