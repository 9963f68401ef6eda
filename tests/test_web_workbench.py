"""The API behind the analyst's page: corrections written with the token, base-map labels, the ledger's
conflict figures first, incidents with their sources, and the type filter's vocabulary."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warlog.pipeline import ingest
from warlog.reconcile.ledger_relevance import is_conflict_figure
from warlog.sources import ReadOptions
from warlog.store import Store
from warlog.web.api import create_app

TOKEN = "workbench-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Written for this test: a strike with a toll, and counts of things that are not conflict figures.
REPORT = """Shelling hits riverside town

Artillery fire killed three civilians and wounded seven in Mykolaiv on Tuesday, the regional governor said.
The shelling damaged 14 houses and two schools, he added.
The council said repairs to the 6 kilometres of damaged road would start in spring.
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    url = f"sqlite:///{tmp_path_factory.mktemp('workbench') / 'warlog.db'}"
    example = Path(__file__).resolve().parent.parent / "examples" / "independent-liveblog-2024-11-03.txt"
    report = tmp_path_factory.mktemp("report") / "mykolaiv.txt"
    report.write_text(REPORT, encoding="utf-8")
    with Store(url) as store:
        ingest([str(example)], store, ReadOptions(published=datetime(2024, 11, 3), source="The Independent"))
        ingest([str(report)], store, ReadOptions(published=datetime(2024, 11, 6), source="Test wire"))
    app = create_app(url, token=TOKEN)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


def _incidents(client: TestClient, **params) -> dict:
    response = client.get("/api/incidents", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    return response.json()


def test_incidents_carry_their_sources_and_the_filter_offers_acled_types_only(client):
    items = _incidents(client)["items"]
    assert all(isinstance(i["sources"], list) for i in items)
    assert {s for i in items for s in i["sources"]} == {"The Independent", "Test wire"}
    meta = client.get("/api/meta").json()
    offered = {g["event_type"] for g in meta["incident_types"]}
    assert offered and offered <= {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                   "Strategic developments", "Protests", "Riots"}
    for group in meta["incident_types"]:  # every offered choice finds what it names
        assert _incidents(client, event_type=group["event_type"])["total"] > 0
        for sub in group["sub_event_types"]:
            assert _incidents(client, event_type=sub, include_generic=True)["total"] > 0
    assert meta["corrections_enabled"] is True


def test_a_merge_needs_the_token_and_joins_the_incidents_at_once(client):
    single = [i for i in _incidents(client)["items"] if i["members"] == 1]
    a, b = single[0], single[-1]
    body = {"action": "merge", "members": [a["first_member"], b["first_member"]], "reason": "one strike"}
    assert client.post("/api/corrections", json=body).status_code == 401
    assert client.post("/api/corrections", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/api/corrections").json()["total"] == 0
    bad = client.post("/api/corrections", json={**body, "action": "join"}, headers=AUTH)
    assert bad.status_code == 422
    unknown = client.post("/api/corrections", json={**body, "members": ["ffffffff:1", a["first_member"]]},
                          headers=AUTH)
    assert unknown.status_code == 400 and "ffffffff" in unknown.json()["detail"]
    done = client.post("/api/corrections", json=body, headers=AUTH)
    assert done.status_code == 201, done.text
    [joined] = done.json()["incidents"]
    incident = client.get(f"/api/incidents/{joined}").json()
    assert {r["member_id"] for r in incident["reports"]} >= {a["first_member"], b["first_member"]}
    assert incident["documents"] == len({a["first_member"].split(":")[0], b["first_member"].split(":")[0]})
    stored = client.get("/api/corrections").json()["items"]
    assert [(c["action"], c["reason"]) for c in stored] == [("merge", "one strike")]
    # split it again: the later correction wins
    split = client.post("/api/corrections", json={"action": "split", "members": [b["first_member"]]}, headers=AUTH)
    assert split.status_code == 201
    [apart] = split.json()["incidents"]
    assert [r["member_id"] for r in client.get(f"/api/incidents/{apart}").json()["reports"]] == [b["first_member"]]


def test_base_map_labels_are_the_largest_places_in_view(client):
    box = "22,44,40,53"  # W,S,E,N around Ukraine
    places = client.get("/api/basemap/places", params={"bbox": box, "limit": 15}).json()["items"]
    assert len(places) == 15
    assert [p["population"] for p in places] == sorted((p["population"] for p in places), reverse=True)
    assert all(22 <= p["lon"] <= 40 and 44 <= p["lat"] <= 53 and p["kind"] == "place" for p in places)
    assert places[0]["population"] > 1_000_000
    countries = client.get("/api/basemap/places", params={"bbox": box, "countries": "true"}).json()["items"]
    assert countries and all(p["kind"] == "country" for p in countries)
    # countries by the names a reader uses, not ISO 3166's inverted ones ("Moldova, Republic of")
    assert "Moldova" in {p["name"] for p in countries} and not any("," in p["name"] for p in countries)
    korea = client.get("/api/basemap/places", params={"bbox": "124,37.5,131,43", "countries": "true"}).json()["items"]
    assert "North Korea" in {p["name"] for p in korea}
    across = client.get("/api/basemap/places", params={"bbox": "170,-48,-170,-30", "limit": 5}).json()["items"]
    assert across and all(p["lon"] >= 170 or p["lon"] <= -170 for p in across)  # the box crosses the antimeridian
    assert client.get("/api/basemap/places").status_code == 422
    assert client.get("/api/basemap/places", params={"bbox": ""}).status_code == 422
    assert client.get("/api/basemap/places", params={"bbox": "1,2,3"}).status_code == 422


def test_the_ledger_shows_conflict_figures_unless_asked_for_everything(client):
    default = client.get("/api/ledger").json()["items"]
    everything = client.get("/api/ledger", params={"all": "true"}).json()["items"]
    assert default and all(e["relevant"] for e in default)
    assert {e["key"] for e in default} < {e["key"] for e in everything}
    hidden = {e["counted"] for e in everything if not e["relevant"]}
    assert "houses" in hidden
    assert any(e["kind"] == "casualties" and e["place"] == "Mykolaiv" for e in default)


@pytest.mark.parametrize("kind,counted,unit,expected", [
    ("casualties", "killed", None, True),
    ("count", "troops", None, True),
    ("count", "North Korean soldiers", None, True),
    ("count", "drones", "drones", True),
    ("count", "territory", "km²", True),
    ("count", "land", "square miles", True),
    ("count", "prisoners", None, True),
    ("count", "houses", "houses", False),
    ("count", "posts", "posts", False),
    ("count", "directions", None, False),
    ("count", "road", "kilometres", False),
    ("count", None, None, False),
])
def test_conflict_figures(kind, counted, unit, expected):
    assert is_conflict_figure(kind, counted, unit) is expected


@pytest.mark.parametrize("params", [{}, {"event_type": "Explosions/Remote violence"}, {"place": "kharkiv"},
                                    {"since": "2024-11-03", "include_generic": "true"}, {"actor": "russia"}])
def test_the_summary_holds_every_listed_incident_by_column(client, params):
    listed = _incidents(client, **params)["items"]
    summary = client.get("/api/incidents/summary", params=params)
    assert summary.status_code == 200
    body = summary.json()
    columns = body["columns"]
    assert body["total"] == len(listed) == len(columns["id"])
    assert columns["id"] == [i["id"] for i in listed]  # the same incidents, newest first
    assert columns["sources"] == [i["sources"] for i in listed]
    for name in ("event_type", "place", "start", "end", "killed_low", "injured_high", "members", "generic"):
        assert columns[name] == [i[name] for i in listed], name
    assert all(lat is None or lat == pytest.approx(i["lat"], abs=1e-5) for lat, i in zip(columns["lat"], listed,
                                                                                       strict=True))
