"""The page's first answer kept encoded and gzipped while the store is unchanged, and the ledger's first entries.

Two short reports written for this test are ingested; a third, ingested later, must show in the summary (the
kept answer is dropped when the store changes)."""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warlog.pipeline import ingest
from warlog.sources import ReadOptions
from warlog.store import Store
from warlog.web.api import create_app
from warlog.web.summary_cache import SummaryCache

REPORTS = {
    "first.txt": ("Drone strike on a depot\n\nA drone strike killed two workers and injured five at a fuel depot "
                  "in Sumy on Monday, the regional governor said.\n"),
    "second.txt": ("Shelling of a market\n\nRussian shelling killed four people at a market in Kherson on Tuesday, "
                   "local officials said. Eleven more were wounded.\n"),
    "later.txt": ("Missile hits a warehouse\n\nA missile strike destroyed a warehouse in Odesa on Wednesday and "
                  "injured three guards, the military said.\n"),
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("summary")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    url = f"sqlite:///{folder / 'warlog.db'}"
    with Store(url) as store:
        for name in ("first.txt", "second.txt"):
            ingest([str(folder / name)], store, ReadOptions(published=datetime(2024, 11, 4), source="Test wire"))
    app = create_app(url)
    with TestClient(app) as client:
        yield client, url, folder
    app.state.store.close()


def test_the_summary_is_gzipped_for_clients_that_accept_it_and_the_same_either_way(served):
    client, _url, _folder = served
    plain = client.get("/api/incidents/summary", headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    raw = client.get("/api/incidents/summary", headers={"Accept-Encoding": "gzip"})
    assert raw.headers.get("content-encoding") in (None, "gzip")  # gzip once the answer is worth compressing
    assert raw.json() == plain.json()
    assert plain.json()["total"] == len(plain.json()["columns"]["id"]) >= 1
    assert plain.headers["vary"] == "Accept-Encoding"


def test_the_kept_summary_follows_the_store(served):
    client, url, folder = served
    before = client.get("/api/incidents/summary").json()
    assert client.get("/api/incidents/summary").json() == before  # kept
    with Store(url) as store:
        ingest([str(folder / "later.txt")], store, ReadOptions(published=datetime(2024, 11, 6), source="Test wire"))
    after = client.get("/api/incidents/summary").json()
    assert after["total"] > before["total"]
    assert any(place == "Odesa" for place in after["columns"]["place"])


def test_filters_are_kept_apart(served):
    client, _url, _folder = served
    everything = client.get("/api/incidents/summary").json()
    sumy = client.get("/api/incidents/summary", params={"place": "sumy"}).json()
    assert 1 <= sumy["total"] < everything["total"]
    assert set(sumy["columns"]["place"]) == {"Sumy"}


def test_the_cache_keeps_a_few_filters_and_builds_each_once(served, tmp_path: Path):
    _client, url, _folder = served
    with Store(url) as store:
        cache = SummaryCache(store, keep=2)
        built: list[str] = []

        def build(key: str):
            return lambda: built.append(key) or json.dumps({"key": key, "pad": "x" * 2000}).encode()

        first = cache.get("a", build("a"))
        assert cache.get("a", build("a")) is first and built == ["a"]
        assert json.loads(gzip.decompress(first.gzipped)) == json.loads(first.body)
        cache.get("b", build("b"))
        cache.get("c", build("c"))  # "a" is the least recently used: out
        cache.get("a", build("a"))
        assert built == ["a", "b", "c", "a"]


def test_the_ledger_gives_its_first_entries_and_how_many_there_are(served):
    client, _url, _folder = served
    whole = client.get("/api/ledger", params={"all": "true"}).json()
    assert whole["matching"] == len(whole["items"])
    if whole["matching"] < 2:
        pytest.skip("the reports gave fewer than two ledger entries")
    first = client.get("/api/ledger", params={"all": "true", "limit": 1}).json()
    assert first["items"] == whole["items"][:1] and first["matching"] == whole["matching"]
    assert client.get("/api/ledger", params={"limit": 0}).status_code == 422


def test_the_ledger_outline_lists_entries_without_their_figures_and_one_entry_gives_them(served):
    client, _url, _folder = served
    whole = client.get("/api/ledger", params={"all": "true"}).json()
    if whole["matching"] < 2:
        pytest.skip("the reports gave fewer than two ledger entries")
    outline = client.get("/api/ledger", params={"all": "true", "outline": "true"}).json()
    assert outline["matching"] == whole["matching"] and len(outline["items"]) == len(whole["items"])
    for brief, full in zip(outline["items"], whole["items"], strict=True):
        assert "figures" not in brief and "timeline" not in brief
        assert brief["key"] == full["key"] and brief["range"] == full["range"] and brief["scopes"] == full["scopes"]
        assert brief["figure_count"] == len(full["figures"])
        assert brief["speakers"] == list(dict.fromkeys(f["speaker"] for f in full["figures"] if f["speaker"]))
        assert brief["vague_words"] == list(dict.fromkeys(f["display"] for f in full["figures"] if f["vague"]))
    last = len(whole["items"]) - 1
    one = client.get("/api/ledger", params={"all": "true", "offset": last, "limit": 1}).json()
    assert one["items"] == whole["items"][last:] and one["offset"] == last
    assert client.get("/api/ledger", params={"offset": -1}).status_code == 422


def test_the_landing_summary_is_made_when_the_server_starts(served, monkeypatch):
    _client, url, _folder = served
    from warlog.web import api, queries

    made = []
    real = queries.incident_summary
    monkeypatch.setattr(queries, "incident_summary", lambda engine, f: made.append(f) or real(engine, f))
    app = api.create_app(url)
    assert made == [queries.IncidentFilter()]  # before any request
    with TestClient(app) as client:
        assert client.get("/api/incidents/summary").status_code == 200
    assert made == [queries.IncidentFilter()]  # the first page load is served from what was kept
    app.state.store.close()
