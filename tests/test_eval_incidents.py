"""`warlog eval incidents` on a small labelled set written for this test, in the gold set's own format.

Three reports: two outlets' accounts of one strike and a sports report. The scorer must ingest them
through the store, match events to the labelled incidents by evidence and type, score their fields, count
background statements and furniture, and cluster the two accounts' events against the shared incident name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog.cli import app
from warlog.evaluate.incidents import _clustering, evaluate_incidents, half_of

STRIKE = "2025-03-04 Russian drone strike on a market in Kherson"
FIRST = """Drone strike on Kherson market kills four

Russian drones struck a market in Kherson on Tuesday morning, killing four people and injuring 11, the regional \
governor said.
Russia has kept up its attacks on the city since it withdrew across the river.
Read Also: Ukraine receives new air defence systems
"""
SECOND = """KHERSON, Ukraine (AP) — A Russian drone attack on a market in the southern city of Kherson killed four \
people on Tuesday, officials said.
Eleven people were wounded, the regional administration said.
"""
MATCH = """Harbour Town beat the league leaders 3-1 on Saturday, with two late goals from their new striker.
The coach said the team had destroyed their rivals in the second half.
"""


def _entry(evidence: str, killed: int | None, injured: int | None) -> dict:
    return {"incident": STRIKE, "acled_event_type": "Explosions/Remote violence",
            "acled_sub_event_type": "Air/drone strike", "actor": "Russia", "target": "civilians",
            "place": "Kherson", "admin1": "Kherson", "country": "Ukraine", "lat": 46.64, "lon": 32.61,
            "date": "2025-03-04", "killed": killed, "injured": injured, "evidence": evidence}


@pytest.fixture(scope="module")
def gold(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("gold")
    texts = root / "incidents" / "texts"
    texts.mkdir(parents=True)
    reports = [
        ("001", FIRST, [_entry("Russian drones struck a market in Kherson on Tuesday morning", 4, 11)],
         ["Russia has kept up its attacks on the city"], ["Read Also: Ukraine receives new air defence systems"]),
        ("002", SECOND, [_entry("A Russian drone attack on a market in the southern city of Kherson killed four", 4,
                                11)], [], []),
        ("003", MATCH, [], ["destroyed their rivals"], []),
    ]
    labels = []
    for number, text, events, not_incidents, furniture in reports:
        (texts / f"{number}.txt").write_text(text, encoding="utf-8")
        labels.append({"id": number, "url": f"https://example.org/{number}", "source": f"Outlet {number}",
                       "published": "2025-03-05" if number == "002" else "2025-03-04", "events": events,
                       "claims": [{"figure": "four", "value": 4, "counted": "killed", "speaker": None,
                                   "scope": "incident", "about": STRIKE}] if events else [],
                       "not_incidents": not_incidents, "furniture": furniture})
    (root / "incidents" / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    return root


def test_reports_of_one_incident_share_a_half():
    reports = [{"id": "001", "events": [{"incident": "x"}]}, {"id": "002", "events": [{"incident": "y"}]},
               {"id": "003", "events": [{"incident": "x"}]}, {"id": "004", "events": []}]
    halves = half_of(reports)
    assert halves["001"] == halves["003"] == "A" and halves["002"] == "B" and halves["004"] == "A"


def test_clustering_scores():
    perfect = _clustering([("x", "c1"), ("x", "c1"), ("y", "c2")])
    assert perfect["pairwise"]["f1"] == 1.0 and perfect["b_cubed"]["f1"] == 1.0
    split = _clustering([("x", "c1"), ("x", "c2")])
    assert split["pairwise"]["recall"] == 0.0 and split["b_cubed"]["precision"] == 1.0
    assert split["b_cubed"]["recall"] == 0.5


def test_incidents_are_scored_through_the_store(gold):
    result = evaluate_incidents(gold)
    overall = result["all"]
    assert overall["gold"] == 2 and overall["reports"] == 3 and overall["negative_reports"] == 1
    assert overall["matched"] == 2, result["rows"]
    assert overall["recall"] == 1.0 and overall["precision"] == pytest.approx(2 / overall["predicted"], abs=1e-3)
    assert overall["fields"]["sub_event"]["correct"] == 2 and overall["fields"]["date"]["correct"] == 2
    assert overall["fields"]["place_161km"]["correct"] == 2
    assert result["furniture"]["labelled"] == 1 and result["furniture"]["evidence_removed"] == 0
    assert result["claims"]["gold"] == 2 and result["claims"]["found"] == 2
    assert sum(half["gold"] for half in result["claims"]["halves"].values()) == 2
    assert {row["report"] for row in result["rows"]} == {"001", "002"}
    clustering = result["clustering"]["all"]
    assert clustering["events"] == 2 and clustering["pairwise"]["f1"] is not None


def test_eval_incidents_command_prints_both_halves(gold):
    result = CliRunner().invoke(app, ["eval", "incidents", "--gold", str(gold)])
    assert result.exit_code == 0, result.output
    assert "half A" in result.stdout and "half B" in result.stdout and "row by row" in result.stdout
