"""`warlog eval` on the public gold sets, and without them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog.cli import app

runner = CliRunner()
GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def test_missing_gold_is_a_message_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("WARLOG_GOLD_DIR", str(tmp_path))
    result = runner.invoke(app, ["eval", "--gold", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert "error" in figures["attribution"]
    assert figures["events"]["available"] is False


def test_unknown_gold_set_is_refused():
    result = runner.invoke(app, ["eval", "geography"])
    assert result.exit_code == 1 and "unknown gold set" in result.stderr


@pytest.mark.skipif(not (GOLD / "attribution").is_dir(), reason="public gold sets not beside the repository")
def test_attribution_scores_on_a_few_gold_articles():
    result = runner.invoke(app, ["eval", "attribution", "--gold", str(GOLD), "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["attribution"]
    assert figures["articles"] == 3
    for field in ("source", "cue", "content"):
        assert 0.0 <= figures[field]["exact"]["f1"] <= 1.0
    assert figures["matched"] > 0
