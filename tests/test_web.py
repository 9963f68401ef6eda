"""The REST API and the web page, against a store holding the bundled example page."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warlog.pipeline import ingest
from warlog.sources import ReadOptions
from warlog.store import Store
from warlog.web.api import STATIC, create_app

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'warlog.db'}"
    example = Path(__file__).resolve().parent.parent / "examples" / "independent-liveblog-2024-11-03.txt"
    with Store(url) as store:
        results = ingest([str(example)], store, ReadOptions(published=datetime(2024, 11, 3), source="The Independent"))
    assert [r.status for r in results] == ["stored"]
    app = create_app(url, token=TOKEN)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


def _events(client: TestClient, **params) -> dict:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_events_pagination_and_total(client):
    everything = _events(client, limit=1000)
    assert everything["total"] == len(everything["items"]) > 10
    first, second = _events(client, limit=5, offset=0), _events(client, limit=5, offset=5)
    assert first["total"] == second["total"] == everything["total"]
    assert [e["id"] for e in first["items"] + second["items"]] == [e["id"] for e in everything["items"][:10]]
    assert _events(client, offset=10_000)["items"] == []


def test_event_filters(client):
    everything = _events(client, limit=1000)["items"]
    assert not any(e["generic"] for e in everything)
    with_generic = _events(client, limit=1000, include_generic="true")
    assert with_generic["total"] > len(everything) and any(e["generic"] for e in with_generic["items"])

    battles = _events(client, event_type="battles", limit=1000)["items"]
    assert battles and all(e["acled_event_type"] == "Battles" for e in battles)
    assert len(battles) == sum(e["acled_event_type"] == "Battles" for e in everything)

    north_korea = _events(client, actor="north korea", limit=1000)["items"]
    assert north_korea and all("north korea" in f"{e['actor1']} {e['actor2']}".lower() for e in north_korea)
    assert _events(client, actor="%")["total"] == 0  # LIKE wildcards are taken literally

    assert _events(client, source="The Independent")["total"] == len(everything)
    assert _events(client, source="Nobody")["total"] == 0
    assert _events(client, since="2024-11-03", until="2024-11-03")["total"] > 0
    assert _events(client, since="2024-11-04")["total"] == 0

    in_europe = _events(client, bbox="22,44,41,53", limit=1000)["items"]
    assert in_europe and all(22 <= e["lon"] <= 41 and 44 <= e["lat"] <= 53 for e in in_europe)
    assert len(in_europe) < len(everything)  # events with no place, or elsewhere, are left out


def test_events_per_day_counts_the_filtered_events(client):
    page = _events(client, per_day="true", limit=1)
    assert sum(row["events"] for row in page["per_day"]) == page["total"]
    days = {row["day"] for row in page["per_day"]}
    assert "2024-11-03" in days and max(days) == "2024-11-03"  # undated events count on the day published
    one_day = _events(client, since=min(days), until=min(days), per_day="true")
    assert {row["day"] for row in one_day["per_day"]} == {min(days)}


def test_event_evidence_spans_match_the_document_text(client):
    items = _events(client, limit=1000)["items"]
    checked = 0
    for summary in items[:15]:
        event = client.get(f"/api/events/{summary['id']}").json()
        text = client.get(f"/api/documents/{event['document_id']}").json()["clean_text"]
        evidence = event["evidence"]
        spans = [evidence[k] for k in ("sentence", "trigger", "actor1", "actor2", "target", "weapon", "time")]
        for span in [*spans, *evidence["locations"]]:
            if span:
                assert text[span["start"]:span["end"]] == span["text"]
                checked += 1
        assert text[event["evidence_start"]:event["evidence_end"]] == evidence["sentence"]["text"]
        for role in ("killed_quantity", "injured_quantity"):
            if event[role]:
                assert text[event[role]["start"]:event[role]["end"]] == event[role]["text"]
    assert checked > 30
    assert client.get("/api/events/999999").status_code == 404


def test_claims_places_documents(client):
    claims = client.get("/api/claims", params={"limit": 1000}).json()
    assert claims["total"] == len(claims["items"]) > 10
    document = client.get("/api/documents").json()["items"][0]
    detail = client.get(f"/api/documents/{document['id']}").json()
    text = detail["clean_text"]
    for claim in claims["items"]:
        assert text[claim["content_start"]:claim["content_end"]] == claim["content"]
        for quantity in claim["quantities"]:
            assert text[quantity["start"]:quantity["end"]] == quantity["text"]
    assert len(detail["posts"]) == 11 and len(detail["furniture"]) == 13
    assert all(f["text"] and f["reason"] for f in detail["furniture"])
    assert "raw" not in detail
    assert document["events"] == len(detail["event_ids"]) and document["posts"] == 11
    places = client.get("/api/places", params={"bbox": "22,44,41,53", "limit": 1000}).json()
    assert places["items"] and all(22 <= p["lon"] <= 41 for p in places["items"])
    assert client.get("/api/documents/nope").status_code == 404


def test_ledger(client):
    response = client.get("/api/ledger")
    assert response.status_code in (200, 501)
    if response.status_code == 200:
        entries = response.json()["items"]
        assert entries and all(entry["figures"] for entry in entries)


def test_dataclasses_are_made_json_ready_as_asdict_gives_them():
    from dataclasses import asdict, dataclass, field
    from datetime import date

    from warlog.web.api import _json_ready

    @dataclass
    class Figure:
        value: float
        day: date
        span: tuple[int, int]

    @dataclass
    class Entry:
        thing: str
        figures: list[Figure] = field(default_factory=list)
        places: dict[str, Figure] = field(default_factory=dict)

    entry = Entry("killed", [Figure(12.0, date(2025, 3, 2), (4, 9))],
                  {"Exampleton": Figure(3.0, date(2025, 3, 1), (1, 2))})
    assert _json_ready(entry) == _json_ready(asdict(entry))
    assert _json_ready(entry)["figures"][0] == {"value": 12.0, "day": "2025-03-02", "span": [4, 9]}


@pytest.mark.parametrize("path", [
    "/api/events?bbox=1,2,3", "/api/events?bbox=a,b,c,d", "/api/events?bbox=10,60,20,50",
    "/api/events?bbox=-200,0,10,10", "/api/events?limit=-1", "/api/events?limit=0", "/api/events?offset=-5",
    "/api/events?limit=100000", "/api/events?since=yesterday", "/api/events?include_generic=perhaps",
    "/api/claims?limit=-1", "/api/places?bbox=x", "/api/documents?offset=-1", "/api/events/abc",
])
def test_odd_parameters_are_422_not_500(client, path):
    assert client.get(path).status_code == 422


@pytest.mark.parametrize("path", [
    "/api/events?actor=%27%3B%20DROP%20TABLE%20events%3B--", "/api/events?event_type=%00",
    "/api/events?source=%F0%9F%92%A3", "/api/claims?speaker=_", "/api/documents/%2E%2E",
    "/api/events?bbox=170,-10,-170,10",
])
def test_odd_values_are_no_5xx(client, path):
    assert client.get(path).status_code < 500
    assert _events(client)["total"] > 0  # nothing was dropped


def test_ingest_needs_the_token(client):
    body = {"text": "Shelling in Kharkiv\n\nRussian shelling killed two people in Kharkiv on Monday, "
                    "the regional governor said.", "published": "2024-11-04", "source": "Test wire"}
    assert client.post("/api/ingest", json=body).status_code == 401
    wrong = client.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"})
    assert wrong.status_code == 401
    ok = client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201, ok.text
    assert ok.json()["results"][0]["status"] == "stored"
    again = client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 200 and again.json()["results"][0]["status"] == "already stored"
    assert client.get("/api/documents", params={"source": "Test wire"}).json()["total"] == 1


def test_ingest_without_a_configured_token_is_off(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'w.db'}", token=None)
    with TestClient(app) as plain:
        response = plain.post("/api/ingest", json={"text": "x"}, headers={"Authorization": "Bearer "})
        assert response.status_code == 401 and "off" in response.json()["detail"]
    app.state.store.close()


@pytest.mark.parametrize("url", ["http://127.0.0.1/page", "http://localhost:8000/", "http://10.1.2.3/x",
                                 "http://[::1]/", "file:///etc/passwd"])
def test_ingest_refuses_private_urls(client, url):
    response = client.post("/api/ingest", json={"url": url}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400
    assert "refused" in response.json()["detail"] or "only http" in response.json()["detail"]


def test_ingest_body_is_checked(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/ingest", json={}, headers=auth).status_code == 422
    both = {"text": "a", "url": "https://example.org/"}
    assert client.post("/api/ingest", json=both, headers=auth).status_code == 422
    assert client.post("/api/ingest", json={"text": "a", "published": "soon"}, headers=auth).status_code == 422


def test_script_in_an_article_comes_back_as_data(client):
    script = "<script>alert('pwned')</script>"
    text = (f"Strike on Odesa {script}\n\nA Russian drone strike hit Odesa port on Tuesday, {script} "
            "officials said, and two people were injured.")
    response = client.post("/api/ingest", json={"text": text, "published": "2024-11-05"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    document_id = response.json()["results"][0]["document_id"]
    document = client.get(f"/api/documents/{document_id}")
    assert document.headers["content-type"].startswith("application/json")
    assert script in document.json()["clean_text"]
    javascript = (STATIC / "app.js").read_text(encoding="utf-8")
    assert "innerHTML" not in javascript and "outerHTML" not in javascript and "insertAdjacentHTML" not in javascript
    assert "document.write" not in javascript and "eval(" not in javascript
    assert "textContent" in javascript and "createTextNode" in javascript


# What makes a browser load something: src=, <link href=, url(), @import, fetch(), import(). A plain
# <a href> (Leaflet's attribution link, which the page switches off) loads nothing.
_RESOURCE = re.compile(
    r"""(?:\bsrc\s*=\s*["']?|<link\b[^>]*\bhref\s*=\s*["']?|url\(\s*["']?|@import\s+["']?|fetch\(\s*["'`]|"""
    r"""\bimport\s*\(?\s*["'])\s*(?:https?:)?//""", re.I)


def _strip_comments(source: str) -> str:
    return re.sub(r"/\*.*?\*/|<!--.*?-->|(?<![:\"'\\])//[^\n]*", "", source, flags=re.S)


def test_page_and_static_files_load_nothing_from_outside(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "http://" not in html and "https://" not in html
    local = [ref for ref in re.findall(r"""(?:src|href)="([^"]+)\"""", html) if not ref.startswith("#")]  # not in-page
    # the page's own files, and the API answer it preloads (the same origin: data, not code)
    assert local and all(ref.startswith("/static/") or ref == "/api/incidents/summary" for ref in local)
    for ref in local:
        response = client.get(ref)
        assert response.status_code == 200, ref
        if ref.startswith("/api/"):
            continue
        body = _strip_comments(response.text).replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
            '"http://www.w3.org/2000/svg"', "")  # the SVG namespace is a name, not a fetch
        assert not _RESOURCE.search(body), ref
        if not ref.startswith("/static/vendor/"):
            assert "http://" not in body and "https://" not in body, ref
    base_map = client.get("/static/vendor/countries-110m.geojson")
    assert base_map.status_code == 200 and len(base_map.json()["features"]) > 150
    assert "tile" not in (STATIC / "app.js").read_text(encoding="utf-8").lower()
    assert client.get("/static/vendor/VENDOR.json").json()["leaflet"]["version"] == "1.9.4"


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/claims", "/api/ledger", "/api/places",
                 "/api/documents", "/api/documents/{document_id}", "/api/ingest"):
        assert path in paths


def test_api_docs_and_favicon_are_served_offline(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in sources
    assert all(s.startswith("/") for s in sources), sources  # nothing from a CDN
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/vendor/swagger-ui/swagger-ui.css"):
        assert client.get(asset).status_code == 200
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")


def test_serve_binds_loopback_by_default_and_warns_elsewhere(monkeypatch, tmp_path):
    import uvicorn
    from typer.testing import CliRunner

    from warlog.cli import app

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda web_app, host, port, **_: calls.append((host, port)))
    monkeypatch.delenv("WARLOG_TOKEN", raising=False)
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["serve", "--db", db])
    assert result.exit_code == 0, result.output
    assert calls[-1] == ("127.0.0.1", 8000) and "warning" not in result.output
    result = CliRunner().invoke(app, ["serve", "--db", db, "--host", "0.0.0.0", "--port", "9000"])
    assert calls[-1] == ("0.0.0.0", 9000) and "without a token" in result.output
    result = CliRunner().invoke(app, ["serve", "--db", db, "--host", "0.0.0.0", "--token", "t"])
    assert "without a token" not in result.output
