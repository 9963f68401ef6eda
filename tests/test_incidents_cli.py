"""`warlog incidents`: the incident list of the store, filtered as the page filters it. Reports written for
these tests."""

from __future__ import annotations

import json
from datetime import datetime

from typer.testing import CliRunner

from warlog.cli import app
from warlog.pipeline import iter_ingest_documents
from warlog.sources.text import read_text
from warlog.store import Store

runner = CliRunner()

REPORTS = [
    ("Drone strike hits market in Kherson\nA Russian drone struck a market in Kherson on Saturday, killing three "
     "people and wounding 12, the regional governor said.\n", datetime(2025, 3, 10)),
    ("Shelling hits Kharkiv suburb\nRussian artillery shelled a suburb of Kharkiv on Monday, wounding four "
     "people, officials said.\n", datetime(2025, 3, 18)),
    ("Police arrest protesters\nPolice arrested 20 protesters outside parliament on Friday, officials said. The "
     "ministry said the arrests were lawful.\n", datetime(2025, 3, 15)),
]


def _store(url: str) -> None:
    with Store(url) as store:
        documents = [read_text(text, f"report-{n}", published=when) for n, (text, when) in enumerate(REPORTS)]
        assert [r.status for r in iter_ingest_documents(documents, store)] == ["stored"] * len(REPORTS)


def _listed(*args: str) -> dict:
    result = runner.invoke(app, ["incidents", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_incidents_are_listed_newest_first_and_filtered(sqlite_url):
    _store(sqlite_url)
    listed = _listed("--db", sqlite_url)
    places = [row["place"] for row in listed["incidents"]]
    assert listed["total"] == len(places) >= 2
    assert places.index("Kharkiv") < places.index("Kherson")  # newest first
    assert None in places  # the arrests outside parliament: no place, still listed
    kherson = next(row for row in listed["incidents"] if row["place"] == "Kherson")
    assert (kherson["killed_low"], kherson["injured_low"], kherson["start"]) == (3, 12, "2025-03-08")
    assert [r["place"] for r in _listed("--db", sqlite_url, "--place", "kher")["incidents"]] == ["Kherson"]
    assert [r["place"] for r in _listed("--db", sqlite_url, "--since", "2025-03-15", "--type",
                                        "Shelling/artillery/missile attack")["incidents"]] == ["Kharkiv"]
    assert [r["place"] for r in _listed("--db", sqlite_url, "--bbox", "32,46,34,47.5")["incidents"]] == ["Kherson"]


def test_the_table_fits_100_columns_and_bad_filters_say_what_is_wrong(sqlite_url):
    _store(sqlite_url)
    result = runner.invoke(app, ["incidents", "--db", sqlite_url], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "Kherson" in result.output and all(len(line) <= 100 for line in result.output.splitlines())
    assert "(no place)" in result.output
    for args, words in ((["--bbox", "1,2,3"], "four numbers"), (["--since", "last week"], "YYYY-MM-DD")):
        result = runner.invoke(app, ["incidents", "--db", sqlite_url, *args])
        assert result.exit_code == 1 and words in result.output


def test_incidents_by_actor(sqlite_url):
    _store(sqlite_url)
    assert sorted(r["place"] for r in _listed("--db", sqlite_url, "--actor", "RUSSIA")["incidents"]) == [
        "Kharkiv", "Kherson"]
    assert [r["place"] for r in _listed("--db", sqlite_url, "--actor", "police")["incidents"]] == [None]
    assert _listed("--db", sqlite_url, "--actor", "nobody of that name")["total"] == 0


def _events(*args: str) -> list[dict]:
    result = runner.invoke(app, ["events", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_events_have_the_pages_filters_and_columns(sqlite_url):
    _store(sqlite_url)
    everything = _events("--db", sqlite_url, "--generic")
    plain = _events("--db", sqlite_url)
    assert {e["id"] for e in plain} <= {e["id"] for e in everything}
    assert not any(e["generic"] for e in plain)
    assert all("evidence" in e and "confidence" in e for e in plain)  # the stored fields stay in --json
    kherson = [e for e in _events("--db", sqlite_url, "--place", "KHERS")]
    assert kherson and {e["place_name"] for e in kherson} == {"Kherson"}
    assert any(e["killed"] == 3 and e["injured"] == 12 for e in kherson)
    assert {e["place_name"] for e in _events("--db", sqlite_url, "--actor", "russian")} == {"Kherson", "Kharkiv"}
    assert {e["place_name"] for e in _events("--db", sqlite_url, "--bbox", "35,49,37,51")} == {"Kharkiv"}
    assert all(e["day"] >= "2025-03-15" for e in _events("--db", sqlite_url, "--since", "2025-03-15"))
    assert len(_events("--db", sqlite_url, "--generic", "--limit", "2", "--offset", "1")) == min(
        2, len(everything) - 1)
    table = runner.invoke(app, ["events", "--db", sqlite_url], env={"COLUMNS": "100"})
    assert table.exit_code == 0 and all(len(line) <= 100 for line in table.output.splitlines())
    for column in ("id", "day", "type", "place", "actor", "killed", "injured"):
        assert f" {column} " in table.output.splitlines()[2] + " "
    bad = runner.invoke(app, ["events", "--db", sqlite_url, "--until", "March"])
    assert bad.exit_code != 0 and "--until 'March'" in bad.stderr and "YYYY-MM-DD" in bad.stderr


def test_an_incident_of_no_acled_type_is_listed_as_the_page_lists_it(sqlite_url):
    with Store(sqlite_url) as store:
        document = read_text("Talks in the capital\nThe president met the rebel leader in the capital on Monday for "
                             "talks on a ceasefire, officials said.\n", "talks", published=datetime(2025, 3, 11))
        assert [r.status for r in iter_ingest_documents([document], store)] == ["stored"]
    rows = _listed("--db", sqlite_url)["incidents"]
    assert rows and not any(row.get("sub_event_type") for row in rows)
    result = runner.invoke(app, ["incidents", "--db", sqlite_url], env={"COLUMNS": "100"})
    assert result.exit_code == 0 and "Other" in result.stdout
