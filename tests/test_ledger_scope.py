"""The ledger says whether an entry's figures are one incident's or a running total: in the API (and so the page),
`warlog ledger` and the sitrep. A report written for this test: a market shelled, and the war's toll so far."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from warlog.cli import app
from warlog.pipeline import iter_ingest_documents
from warlog.sources.text import read_text
from warlog.store import Store
from warlog.web.api import create_app

REPORT = ("Shelling hits market in Omdurman\n"
          "Artillery shells struck a crowded market in Omdurman on Monday, killing at least 12 people, medics said.\n"
          "More than 20,000 people have been killed in Sudan since the war began, according to the United Nations.\n")
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('scope') / 'w.db'}"
    with Store(url) as store:
        document = read_text(REPORT, "omdurman", published=datetime(2025, 1, 28), source="Khartoum Wire")
        assert [r.status for r in iter_ingest_documents([document], store)] == ["stored"]
    return url


def _by_figure(entries: list[dict]) -> dict[str, dict]:
    """The entry of the strike (12) and of the running total (20,000), by their figure."""
    found = {}
    for entry in entries:
        for figure in entry.get("figures") or []:
            found[f"{figure['value']:g}"] = entry
    return found


def test_the_api_says_which_entries_are_one_incident_and_which_a_running_total(db):
    application = create_app(db)
    with TestClient(application) as client:
        entries = _by_figure(client.get("/api/ledger").json()["items"])
        outline = {e["key"]: e for e in client.get("/api/ledger", params={"outline": "true"}).json()["items"]}
    application.state.store.close()
    strike, total = entries["12"], entries["20000"]
    assert strike["incident_scope"] == "incident" and total["incident_scope"] == "general"
    assert outline[strike["key"]]["incident_scope"] == "incident"  # the page's outline carries it too
    assert outline[total["key"]]["incident_scope"] == "general"


def test_the_cli_ledger_and_the_sitrep_say_it_too(db, tmp_path):
    shown = runner.invoke(app, ["ledger", "--db", db], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    titles = [line for line in shown.stdout.splitlines() if "· range" in line]
    assert any("12+" in t and "this incident" in t for t in titles), titles
    assert any("20,000+" in t and "not one incident" in t for t in titles), titles
    listed = _by_figure(json.loads(runner.invoke(app, ["ledger", "--db", db, "--json"]).stdout))
    assert (listed["12"]["incident_scope"], listed["20000"]["incident_scope"]) == ("incident", "general")
    day = date(2025, 1, 28)
    written = runner.invoke(app, ["sitrep", "--date", day.isoformat(), "--db", db, "--out", str(tmp_path)])
    assert written.exit_code == 0, written.output
    lines = (tmp_path / f"sitrep-{day.isoformat()}.md").read_text(encoding="utf-8").splitlines()
    total = next(line for line in lines if "20,000" in line)
    strike = next(line for line in lines if "at least 12" in line and line.startswith("- "))
    assert "not one incident" in total and "not one incident" not in strike
