"""`warlog ingest` over many documents: a bounded table that says how many more, JSON one document a line."""

from __future__ import annotations

import json
from functools import partial

from typer.testing import CliRunner

from warlog import cli
from warlog.cli import app
from warlog.ingest_summary import IngestSummary
from warlog.pipeline import IngestResult

runner = CliRunner()
TOWNS = ["Sumy", "Kherson", "Zaporizhzhia", "Dnipro", "Odesa", "Mykolaiv", "Chernihiv"]


def _records(count: int) -> str:
    lines = []
    for n in range(count):
        town = TOWNS[n % len(TOWNS)]
        text = (f"Strike on {town}\nA Russian drone hit a warehouse in {town} on day {n + 1} of the month, "
                f"injuring {n % 5 + 1} workers, the regional governor said.\n")
        lines.append(json.dumps({"url": f"https://news.example.org/{n}", "text": text, "published": "2025-03-05"}))
    return "\n".join(lines) + "\n"


def test_summary_keeps_totals_failures_and_a_bounded_sample():
    summary = IngestSummary(max_rows=3)
    for n in range(10):
        summary.add(IngestResult(origin=f"in {n}", status="already stored" if n == 4 else "stored"))
    summary.add(IngestResult(origin="bad", status="error", error="bad: not a page"))
    assert (summary.stored, summary.already, summary.errors, summary.total) == (9, 1, 1, 11)
    assert [r.origin for r in summary.rows] == ["in 0", "in 1", "in 2"]
    assert summary.unshown == 7
    assert [r.error for r in summary.failures] == ["bad: not a page"]


def test_table_says_how_many_more_and_totals_count_all(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "IngestSummary", partial(IngestSummary, max_rows=4))
    path = tmp_path / "many.jsonl"
    path.write_text(_records(9))
    result = runner.invoke(app, ["ingest", str(path), "--db", str(tmp_path / "w.db"), "--no-extract"])
    assert result.exit_code == 0, result.output
    assert "and 5 more" in result.stdout
    assert "9 stored, 0 already stored, 0 failed" in result.stdout


def test_json_is_a_list_written_one_document_a_line(tmp_path):
    path = tmp_path / "few.jsonl"
    path.write_text(_records(3) + '{"url": "https://news.example.org/cut", "text": "cut short\n')
    result = runner.invoke(app, ["ingest", str(path), "--db", str(tmp_path / "w.db"), "--no-extract", "--json"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    rows = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
    assert sorted(r["status"] for r in rows) == ["error", "stored", "stored", "stored"]
    assert json.loads(result.stdout) == rows
