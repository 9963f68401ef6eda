"""What the server keeps (the ledger's JSON, the page's incident summary, the events' filter columns and rows) follows
a re-extraction.

A re-extraction replaces a document's figures and incidents without adding or removing a document, so a cache
judged by the documents alone kept serving the old figures until the server restarted. The report is written for
this test; its stored text is changed in place (a number word of the same length, so its posts' spans still hold)
as an upgraded cleaner would change it, and `warlog reextract` runs from the stored text.
"""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from warlog.pipeline import ingest
from warlog.reextract import reextract
from warlog.sources import ReadOptions
from warlog.store import Store, tables
from warlog.web.api import create_app

REPORT = ("Strike on a rail yard\n\nA missile strike killed three railway workers at a rail yard in Poltava on "
          "Thursday, the regional governor said.\n")


def _killed_figures(client: TestClient) -> set[float]:
    """Every killed figure of the served ledger."""
    ledger = client.get("/api/ledger", params={"all": "true"}).json()
    return {f["value"] for e in ledger["items"] if e["counted"] == "killed" for f in e["figures"]}


def _killed_in_summary(client: TestClient) -> set[float]:
    """The killed figures of the incidents the page's summary lists."""
    columns = client.get("/api/incidents/summary").json()["columns"]
    return {v for v in columns["killed_low"] + columns["killed_high"] if v is not None}


@pytest.fixture
def served(tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'warlog.db'}"
    with Store(url) as store:
        ingest([str(tmp_path / "report.txt")], store, ReadOptions(published=datetime(2025, 3, 6), source="Wire"))
    app = create_app(url)
    with TestClient(app) as client:
        yield client, url
    app.state.store.close()


def _re_extract_with_text_changed(url: str, old: str, new: str) -> None:
    """The stored text of the one document changed in place (`old` and `new` of one length), then re-extracted."""
    assert len(old) == len(new)
    with Store(url) as store:
        (document_id,) = store.document_ids()
        text = store.document(document_id)["clean_text"]
        assert old in text
        d = tables.documents
        with store.engine.begin() as connection:
            connection.execute(d.update().where(d.c.id == document_id).values(clean_text=text.replace(old, new)))
        assert [r.status for r in reextract(store, [document_id])] == ["done"]


def test_the_served_ledger_shows_a_re_extracted_documents_new_figures(served):
    client, url = served
    assert _killed_figures(client) == {3}
    _re_extract_with_text_changed(url, "killed three", "killed seven")
    assert _killed_figures(client) == {7}


def test_the_kept_incident_summary_shows_a_re_extracted_documents_new_figures(served):
    client, url = served
    assert _killed_in_summary(client) == {3}
    _re_extract_with_text_changed(url, "killed three", "killed seven")
    assert _killed_in_summary(client) == {7}


def test_the_served_events_show_a_re_extracted_documents_new_figures(served):
    client, url = served

    def killed() -> list[float]:
        rows = client.get("/api/events").json()["items"]
        return sorted(r["killed"] for r in rows if r["killed"] is not None)

    assert killed() == [3]
    _re_extract_with_text_changed(url, "killed three", "killed seven")
    time.sleep(1.1)  # a write by another process shows once the server asks the store again (after a second)
    assert killed() == [7]

