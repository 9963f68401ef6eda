"""One document's failed extraction never loses the document.

The extractor is made to raise (or the store to refuse its records); the document must still be stored
with its text, posts and furniture, marked failed with the stage and the reason; `ingest` says so in one
line, goes on with the next input and exits 1; `documents` and the API show it; `reextract` retries it once
the extractor works again. The same in `warlog batch` and `warlog load`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

import warlog.pipeline
import warlog.store.db
from warlog.cli import app

runner = CliRunner()

FAILING = """Drone strike hits fuel depot near Tiraspol

A drone struck a fuel depot on the outskirts of Tiraspol early on Tuesday, setting two tanks on fire and
injuring three workers, the regional emergency service said.

Subscribe to our newsletter for the latest news from the region.
"""
WORKING = """Border guards detain smugglers

Border guards detained four men trying to carry cigarettes across the river near Leova on Monday, the
agency said in a statement.
"""


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "depot.txt", tmp_path / "border.txt"
    first.write_text(FAILING, encoding="utf-8")
    second.write_text(WORKING, encoding="utf-8")
    return first, second


@pytest.fixture
def broken_extractor(monkeypatch):
    """An extractor with a bug that shows on documents about fuel depots only."""
    real = warlog.pipeline.extract_document

    def extract(document, posts, parses=None):
        if "fuel depot" in document.text:
            return {}["a key no one set"]
        return real(document, posts, parses)

    monkeypatch.setattr(warlog.pipeline, "extract_document", extract)
    return monkeypatch


def _documents(db: str) -> dict[str, dict]:
    result = runner.invoke(app, ["documents", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    return {row["origin"]: row for row in json.loads(result.stdout)}


def test_a_failing_extraction_keeps_its_document_and_the_run_goes_on(inputs, tmp_path, broken_extractor):
    db = str(tmp_path / "w.db")
    first, second = inputs
    result = runner.invoke(app, ["ingest", str(first), str(second), "--published", "2024-11-05", "--db", db])
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and str(first) in errors[0] and "KeyError" in errors[0] and "reextract" in errors[0]
    assert "Traceback" not in result.output
    rows = _documents(db)
    failed, fine = rows[str(first)], rows[str(second)]
    assert (failed["extraction_status"], failed["extraction_stage"]) == ("failed", "extract")
    assert "KeyError" in failed["extraction_error"] and failed["posts"] >= 1 and failed["furniture"] >= 1
    assert fine["extraction_status"] == "done"
    events = json.loads(runner.invoke(app, ["events", failed["id"][:12], "--db", db, "--json"]).stdout)
    assert events == []
    listing = runner.invoke(app, ["documents", "--db", db])
    assert "failed" in listing.stdout and "1 document(s) stored without their extraction" in listing.stdout

    broken_extractor.undo()  # the upgrade: the extractor works again
    again = runner.invoke(app, ["reextract", "--db", db])
    assert again.exit_code == 0, again.output
    assert "1 extracted again, 0 failed" in again.stdout
    assert _documents(db)[str(first)]["extraction_status"] == "done"
    events = json.loads(runner.invoke(app, ["events", failed["id"][:12], "--generic", "--db", db, "--json"]).stdout)
    fresh = json.loads(runner.invoke(app, ["extract", str(first), "--published", "2024-11-05", "--json"]).stdout)
    assert events and [e["acled_sub_event_type"] for e in events] == \
        [e["acled_sub_event_type"] for e in fresh[0]["events"]]  # what ingesting it now would give


def test_reextract_replaces_an_extraction_in_place(inputs, tmp_path):
    db = str(tmp_path / "w.db")
    _, second = inputs
    assert runner.invoke(app, ["ingest", str(second), "--published", "2024-11-05", "--db", db]).exit_code == 0
    (row,) = _documents(db).values()
    before = json.loads(runner.invoke(app, ["events", "--generic", "--db", db, "--json"]).stdout)
    nothing = runner.invoke(app, ["reextract", "--db", db])
    assert nothing.exit_code == 0 and "none failed" in nothing.stdout
    again = runner.invoke(app, ["reextract", row["id"][:10], "--db", db, "--json"])
    assert again.exit_code == 0 and json.loads(again.stdout)[0]["status"] == "done"
    after = json.loads(runner.invoke(app, ["events", "--generic", "--db", db, "--json"]).stdout)
    assert before and [e["evidence"] for e in after] == [e["evidence"] for e in before]  # replaced, not added


def test_records_the_store_refuses_keep_the_document(inputs, tmp_path, monkeypatch):
    db = str(tmp_path / "w.db")
    first, _ = inputs

    def refuse(connection, document_id, extraction):
        raise IntegrityError("INSERT INTO events", {}, Exception("CHECK constraint failed: a future rule"))

    monkeypatch.setattr(warlog.store.db, "write_extraction", refuse)
    result = runner.invoke(app, ["ingest", str(first), "--published", "2024-11-05", "--db", db])
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    row = _documents(db)[str(first)]
    assert (row["extraction_status"], row["extraction_stage"]) == ("failed", "store")
    assert "CHECK constraint failed" in row["extraction_error"] and row["posts"] >= 1


def test_the_api_shows_documents_without_their_extraction(inputs, tmp_path, broken_extractor):
    from warlog.web.api import create_app

    db = f"sqlite:///{tmp_path / 'w.db'}"
    first, second = inputs
    runner.invoke(app, ["ingest", str(first), str(second), "--published", "2024-11-05", "--db", db])
    with TestClient(create_app(db, token=None)) as client:
        failed = client.get("/api/documents", params={"extraction": "failed"}).json()
        assert failed["total"] == 1
        (item,) = failed["items"]
        assert item["extraction_stage"] == "extract" and "KeyError" in item["extraction_error"]
        assert client.get("/api/documents").json()["total"] == 2
        assert client.get("/api/documents", params={"extraction": "maybe"}).status_code == 422


def test_batch_writes_the_document_of_a_failed_extraction_and_load_keeps_it(inputs, tmp_path, broken_extractor):
    from warlog.batch.partitions import read_unit_tables, write_unit
    from warlog.batch.plan import BatchOptions, plan_units
    from warlog.batch.task import run_unit

    first, _ = inputs
    options = BatchOptions(published="2024-11-05T00:00:00")
    (unit,) = plan_units([str(first)], options)
    out = tmp_path / "out"
    result = run_unit(unit, options)
    assert result.failures == 1 and result.documents == 1
    write_unit(out, result)
    tables = read_unit_tables(out, unit.key)
    (failure,) = tables["failures"]
    assert failure["stage"] == "extract" and "KeyError" in failure["reason"]
    (document,) = tables["documents"]
    assert document["extraction_status"] == "failed" and tables["posts"] and not tables["events"]
    db = str(tmp_path / "w.db")
    loaded = runner.invoke(app, ["load", str(out), "--db", db])
    assert loaded.exit_code in (0, 1), loaded.output
    row = _documents(db)[str(first)]
    assert row["extraction_status"] == "failed" and row["posts"] >= 1


def test_reextract_goes_on_when_the_store_refuses_even_the_failure(inputs, tmp_path, monkeypatch):
    from warlog.errors import StoreError
    from warlog.store import Store

    db = str(tmp_path / "w.db")
    _, second = inputs
    assert runner.invoke(app, ["ingest", str(second), "--published", "2024-11-05", "--db", db]).exit_code == 0
    before = json.loads(runner.invoke(app, ["events", "--generic", "--db", db, "--json"]).stdout)

    def refuse(self, document_id, extraction, failure=None):
        raise StoreError(f"{self.label}: could not store the extraction of {document_id} (a check failed)")

    monkeypatch.setattr(Store, "replace_extraction", refuse)
    result = runner.invoke(app, ["reextract", "--all", "--db", db])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # an exit, not an escaped error
    assert "extraction failed again at the store stage" in result.stderr and "a check failed" in result.stderr
    monkeypatch.undo()
    # nothing lost
    assert json.loads(runner.invoke(app, ["events", "--generic", "--db", db, "--json"]).stdout) == before
