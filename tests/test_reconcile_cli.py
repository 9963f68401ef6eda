"""Reconciliation from the store: extractions loaded back, the ledger and clusters commands, and
merge / split corrections that survive re-runs and re-ingest."""

from __future__ import annotations

import json
import re
from dataclasses import asdict

import pytest
from typer.testing import CliRunner

from warlog.cli import app
from warlog.extract.document import extract
from warlog.pipeline import ingest, iter_ingest_documents, prepare
from warlog.reconcile import build_ledger, cluster_events
from warlog.sources import ReadOptions, read_file
from warlog.sources.dates import parse_user_date
from warlog.sources.text import read_text
from warlog.store import Store
from warlog.store.corrections import add_correction, corrections, delete_correction, list_corrections
from warlog.store.load import load_extractions

runner = CliRunner()
PUBLISHED = parse_user_date("2024-11-03")


def _ingest(example_path, sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        results = ingest([str(example_path)], store, ReadOptions(published=PUBLISHED))
    assert [r.status for r in results] in (["stored"], ["already stored"]), results


def _json(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def ingested(example_path, sqlite_url) -> str:
    _ingest(example_path, sqlite_url)
    return sqlite_url


# A second outlet's report of one of the example's incidents, written for these tests: the example page tells each
# of its incidents once (its restatements are folded at extraction), so clusters of two reports need two documents.
SECOND_REPORT = ("Police building hit in Kharkiv\nA Russian missile hit a police building in Kharkiv on Sunday, "
                 "killing one officer and injuring 40 people, the regional governor said.\n")


@pytest.fixture
def two_reports(ingested) -> str:
    with Store(ingested) as store:
        document = read_text(SECOND_REPORT, "second-report", published=PUBLISHED)
        assert [r.status for r in iter_ingest_documents([document], store)] == ["stored"]
    return ingested


def test_extraction_round_trips_through_the_store(example_path, store):
    document = next(read_file(example_path, ReadOptions(published=PUBLISHED)))
    posts = prepare(document)
    extraction = extract(document, posts)
    store.add_document(document, posts, extraction)
    [(loaded_document, loaded)] = load_extractions(store, [document.id])
    assert loaded_document.text == document.text and loaded_document.title == document.title
    for name in ("mentions", "quantities", "places"):
        assert getattr(loaded, name) == getattr(extraction, name), name
    assert [asdict(c) | {"time": None} for c in loaded.claims] == [
        asdict(c) | {"time": None} for c in extraction.claims]
    assert [(e.trigger, e.evidence, e.locations, e.killed, e.injured, e.claim, e.place) for e in loaded.events] == [
        (e.trigger, e.evidence, e.locations, e.killed, e.injured, e.claim, e.place) for e in extraction.events]
    def days(events):
        return [(e.time.start, e.time.end, e.time.precision, e.time.approximate) if e.time else None for e in events]
    assert days(loaded.events) == days(extraction.events)  # an approximate day stays approximate
    assert [asdict(e) for e in build_ledger([(loaded_document, loaded)])] == [
        asdict(e) for e in build_ledger([(document, extraction)])]
    assert [asdict(c) for c in cluster_events([(loaded_document, loaded)])] == [
        asdict(c) for c in cluster_events([(document, extraction)])]


def test_some_documents_load_alone_in_ingest_order_and_each_gets_its_own_rows(store, monkeypatch):
    import warlog.store.load as load
    from warlog.errors import StoreError
    from warlog.sources.text import read_text

    texts = [f"Shelling killed {n} people in Kherson on Monday, the governor said.\n" for n in (2, 3, 4)]
    documents = []
    for number, text in enumerate(texts):
        document = read_text(text, f"report-{number}", published=PUBLISHED)
        posts = prepare(document)
        store.add_document(document, posts, extract(document, posts))
        documents.append(document)
    monkeypatch.setattr(load, "_CHUNK", 1)  # one query per document and table: the chunked path
    loaded = load_extractions(store, [documents[2].id, documents[0].id])
    assert [d.id for d, _ in loaded] == [documents[0].id, documents[2].id]
    assert [[q.value for q in x.quantities] for _, x in loaded] == [[2], [4]]
    assert [[c.quantities for c in x.claims] for _, x in loaded] == [[[0]], [[0]]]
    everything = {d.id: x for d, x in load_extractions(store)}
    assert [q.value for q in everything[documents[1].id].quantities] == [3]
    with pytest.raises(StoreError, match="no document"):
        load_extractions(store, ["no-such-id"])


def test_ledger_json_holds_the_example_entries(ingested):
    entries = _json("ledger", "--db", ingested, "--json")
    troops = next(e for e in entries if e["counted"] == "troops" and e["subject"] == "North Korea")
    whole = {f["value"]: f for f in troops["figures"] if f["scope"] is None}
    assert {10000, 12000, 7000} <= set(whole)
    assert whole[12000]["qualifier"] == "nearly" and "HUR" in whole[12000]["speaker"]
    assert whole[7000]["qualifier"] == "over" and whole[7000]["side"] == "belligerent"
    assert whole[10000]["side"] == "third party"
    assert (troops["range"]["low"], troops["range"]["high"]) == (7000, 12000)
    assert any("kursk" in scope for scope in troops["scopes"])
    kyiv = next(e for e in entries if e["counted"] == "injured" and e["place"] == "Kyiv")
    assert {f["value"] for f in kyiv["figures"]} == {1, 2}
    assert {f["speaker"]: f["value"] for f in kyiv["figures"]}["Vitalii Klitschko"] == 2
    assert (kyiv["range"]["low"], kyiv["range"]["high"]) == (1, 2)
    human = runner.invoke(app, ["ledger", "--db", ingested])
    assert human.exit_code == 0 and "North Korea troops in Russia" in human.stdout


def test_clusters_json_covers_every_event_once(two_reports):
    clusters = _json("clusters", "--db", two_reports, "--json")
    with Store(two_reports) as store:
        events = len(store.rows("events"))
    members = [m["member_id"] for c in clusters for m in c["members"]]
    assert len(members) == len(set(members)) == events
    merged = [c for c in clusters if len(c["members"]) > 1]
    assert merged and all(c["score"] >= 0.7 and "family" in c["features"] for c in merged)
    assert {"low", "high", "figures"} <= set(merged[0]["killed"])
    shown = runner.invoke(app, ["clusters", "--db", two_reports], env={"COLUMNS": "100"})
    assert shown.exit_code == 0
    dated = [line for line in shown.stdout.splitlines() if re.search(r"\d{4}-\d\d-\d\d", line)]
    assert dated and not any("-…" in line for line in dated)  # no date cut short ("2024-11-02…2024-…")


def test_clusters_come_from_the_incident_index_without_loading_an_extraction(two_reports, monkeypatch):
    from warlog.reconcile import stored

    with Store(two_reports) as store:
        add_correction(store, "split", [f"{store.documents()[-1]['id']}:0"], "another building")
    shown = {args: runner.invoke(app, ["clusters", "--db", two_reports, *args], env={"COLUMNS": "100"})
             for args in (("--json",), ())}
    assert all(result.exit_code == 0 for result in shown.values())

    def refuse(*_args, **_kwargs):
        raise AssertionError("warlog clusters loaded the stored extractions")

    monkeypatch.setattr(stored, "load_extractions", refuse)
    monkeypatch.setattr("warlog.store.load.load_extractions", refuse)
    for args, before in shown.items():
        again = runner.invoke(app, ["clusters", "--db", two_reports, *args], env={"COLUMNS": "100"})
        assert again.exit_code == 0, again.output
        assert again.stdout == before.stdout  # the same clusters, to the byte


def _cluster_of(clusters: list[dict], member: str) -> set[str]:
    return next({m["member_id"] for m in c["members"]} for c in clusters if member in
                {m["member_id"] for m in c["members"]})


def test_merge_and_split_persist_across_runs_and_reingest(example_path, ingested):
    clusters = _json("clusters", "--db", ingested, "--json")
    singles = [c["members"][0]["member_id"] for c in clusters if len(c["members"]) == 1]
    a, b = singles[0], singles[1]
    short_a = a.split(":")[0][:8] + ":" + a.split(":")[1]  # a document-id prefix is enough
    merged = runner.invoke(app, ["merge", short_a, b, "--reason", "same strike", "--db", ingested])
    assert merged.exit_code == 0, merged.output
    assert _cluster_of(_json("clusters", "--db", ingested, "--json"), a) == {a, b}

    _ingest(example_path, ingested)  # re-ingest: already stored, the correction still applies
    after = _json("clusters", "--db", ingested, "--json")
    together = next(c for c in after if a in {m["member_id"] for m in c["members"]})
    assert {m["member_id"] for m in together["members"]} == {a, b}
    assert together["links"][0]["source"] == "correction"

    split = runner.invoke(app, ["split", a, b, "--db", ingested])
    assert split.exit_code == 0, split.output
    assert _cluster_of(_json("clusters", "--db", ingested, "--json"), a) == {a}
    _ingest(example_path, ingested)
    assert _cluster_of(_json("clusters", "--db", ingested, "--json"), a) == {a}

    listed = _json("corrections", "--db", ingested, "--json")
    assert [(c["action"], c["members"], c["reason"]) for c in listed] == [
        ("merge", [a, b], "same strike"), ("split", [a, b], "")]
    undone = runner.invoke(app, ["uncorrect", str(listed[1]["id"]), "--db", ingested])
    assert undone.exit_code == 0, undone.output
    assert _cluster_of(_json("clusters", "--db", ingested, "--json"), a) == {a, b}  # the merge again
    assert runner.invoke(app, ["corrections", "--db", ingested]).exit_code == 0


def test_split_takes_an_automatic_member_out(two_reports):
    clusters = _json("clusters", "--db", two_reports, "--json")
    pair = next(c for c in clusters if len(c["members"]) > 1)
    member = pair["members"][-1]["member_id"]
    assert runner.invoke(app, ["split", member, "--db", two_reports]).exit_code == 0
    assert _cluster_of(_json("clusters", "--db", two_reports, "--json"), member) == {member}


@pytest.mark.parametrize("members", [["nonsense"], ["ffffffff:0", "ffffffff:1"], ["{doc}:999", "{doc}:0"]])
def test_bad_member_is_a_one_line_error(ingested, members):
    with Store(ingested) as store:
        document_id = store.documents()[0]["id"]
    args = [m.format(doc=document_id[:8]) for m in members]
    result = runner.invoke(app, ["merge", *args, "--db", ingested])
    assert result.exit_code == 1
    assert result.stderr.startswith("error:") and len(result.stderr.strip().splitlines()) == 1
    assert _json("corrections", "--db", ingested, "--json") == []


def test_merge_needs_two_members_and_unknown_correction_is_an_error(ingested):
    with Store(ingested) as store:
        document_id = store.documents()[0]["id"]
    one = runner.invoke(app, ["merge", f"{document_id}:0", f"{document_id[:8]}:0", "--db", ingested])
    assert one.exit_code == 1 and "two different members" in one.stderr
    missing = runner.invoke(app, ["uncorrect", "42", "--db", ingested])
    assert missing.exit_code == 1 and "no correction with id 42" in missing.stderr


def test_corrections_module_on_a_store(store):
    first = add_correction(store, "merge", ["a:0", "b:1"], "why")
    add_correction(store, "split", ["a:0"])
    assert [c.action for c in corrections(store)] == ["merge", "split"]
    delete_correction(store, first)
    assert [r["members"] for r in list_corrections(store)] == [["a:0"]]


def test_ledger_and_corrections_on_postgres(pg_url, example_path):
    _ingest(example_path, pg_url)
    with Store(pg_url) as store:
        [(document, extraction)] = load_extractions(store)
    assert extraction.events and extraction.claims and all(isinstance(d, str) for d in (document.id, document.text))
    entries = _json("ledger", "--db", pg_url, "--json")
    assert any(e["counted"] == "troops" and e["subject"] == "North Korea" for e in entries)
    clusters = _json("clusters", "--db", pg_url, "--json")
    a, b = [c["members"][0]["member_id"] for c in clusters if len(c["members"]) == 1][:2]
    assert runner.invoke(app, ["merge", a, b, "--db", pg_url]).exit_code == 0
    assert _cluster_of(_json("clusters", "--db", pg_url, "--json"), a) == {a, b}


def test_web_ledger_is_the_cli_ledger_with_corrections(ingested):
    from fastapi.testclient import TestClient

    from warlog.web.api import create_app

    clusters = _json("clusters", "--db", ingested, "--json")
    singles = [c["members"][0]["member_id"] for c in clusters if len(c["members"]) == 1]
    members = singles[:2]
    assert runner.invoke(app, ["merge", *members, "--db", ingested]).exit_code == 0
    cli_ledger = _json("ledger", "--db", ingested, "--json")
    web_ledger = TestClient(create_app(ingested)).get("/api/ledger").json()["items"]
    assert [e["key"] for e in web_ledger] == [e["key"] for e in cli_ledger]
    assert [len(e["figures"]) for e in web_ledger] == [len(e["figures"]) for e in cli_ledger]


def test_ledger_cache_rebuilds_only_when_the_store_changes(ingested, tmp_path, monkeypatch):
    from warlog.reconcile import stored

    calls: list[int] = []
    real = stored.stored_ledger
    monkeypatch.setattr(stored, "stored_ledger", lambda s: calls.append(1) or real(s))
    page = tmp_path / "kherson.txt"
    page.write_text("Shelling in Kherson\nShelling killed two people in Kherson on Friday, the governor said.\n",
                    encoding="utf-8")
    with Store(ingested) as store:
        cache = stored.LedgerCache(store)
        first = cache.get()
        assert cache.get() is first and len(calls) == 1
        ingest([str(page)], store, ReadOptions(published=PUBLISHED))
        cache.get()
        assert len(calls) == 2
        add_correction(store, "split", [f"{store.documents()[0]['id']}:0"])
        cache.get()
        assert len(calls) == 3


def test_ledger_cache_rebuilds_when_the_last_correction_is_undone_and_another_made(two_reports, monkeypatch):
    """Undoing a merge and making a different one leaves as many corrections as before, and SQLite gives the new
    one the id of the one deleted when it was the last: the cache must still see that the corrections changed."""
    from warlog.reconcile import stored

    calls: list[int] = []
    real = stored.stored_ledger
    monkeypatch.setattr(stored, "stored_ledger", lambda s: calls.append(1) or real(s))
    with Store(two_reports) as store:
        first, second = (d["id"] for d in store.documents())
        undone = add_correction(store, "split", [f"{second}:0"], "another building")
        cache = stored.LedgerCache(store)
        cache.get()
        delete_correction(store, undone)
        assert add_correction(store, "split", [f"{first}:0"], "kept apart") == undone  # the same id again
        cache.get()
        assert len(calls) == 2
