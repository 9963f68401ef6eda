"""The claims ledger kept in the store: each document's figures derived when it is stored, and the ledger assembled
from those rows is the one built in memory from the stored extractions — with an analyst's merge and split, after a
re-extraction, and for a store from before the rows existed. Reports written for these tests, in SQLite and
PostgreSQL alike."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime

import pytest
from sqlalchemy import func, select

from tests.conftest import extracted
from warlog.reconcile import build_ledger, ledger_index, stored
from warlog.reconcile.dedup import member_id
from warlog.reconcile.incident_index import stored_clusters
from warlog.reextract import reextract
from warlog.schema import ExtractionFailure
from warlog.store import Store, tables
from warlog.store.corrections import add_correction
from warlog.store.load import load_extractions

REPORTS = [
    ("Deployment grows\nMore than 9,000 Belarusian troops have been sent to Russia's Belgorod region, including "
     "2,500 in the border district of Shebekino, Ukraine's defence intelligence agency said on Monday.\n",
     datetime(2025, 4, 8)),
    # "the Belgorod region" alone: its country is what the report before says
    ("Estimate revised\nNearly 11,000 Belarusian soldiers are now in the Belgorod region, a Pentagon spokesman said "
     "on Wednesday. More than half of them arrived in March, he said.\n", datetime(2025, 4, 10)),
    ("Drone strike on Sumy\nA Russian drone struck a bus station in Sumy on Tuesday, killing at least four people "
     "and injuring 12, the regional governor said.\n", datetime(2025, 4, 9)),
    ("Sumy toll rises\nA Russian drone hit a bus station in Sumy on Tuesday, killing six people, Ukraine's "
     "emergency service said.\n", datetime(2025, 4, 9)),
    ("Shelling in Nikopol\nRussian artillery shelled a market in Nikopol on Tuesday, killing two people, the "
     "governor said.\n", datetime(2025, 4, 9)),
    # the second figure names no place: it takes that of the first
    ("Belarus reinforces\nSome 4,000 Belarusian troops have been moved to Russia's Kursk region, Ukraine's border "
     "guard service said on Friday. A further 1,500 Belarusian troops arrived by train on Saturday, it said.\n",
     datetime(2025, 4, 12)),
    # two casualty counts of one sentence: a breakdown, each scoped by its noun
    ("Strike on Kramatorsk\nA Russian missile hit a hospital in Kramatorsk on Monday, injuring eight soldiers and "
     "three police officers, the governor said.\n", datetime(2025, 4, 8)),
]


@pytest.fixture(scope="module")
def reports():
    return [extracted(text, published) for text, published in REPORTS]


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    url = str(tmp_path / "ledger.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with Store(url) as store:
        yield store


def _store_all(store: Store, reports) -> None:
    for document, posts, extraction in reports:
        assert store.add_document(document, posts, extraction)


def _json(entries) -> str:
    return json.dumps([asdict(e) for e in entries], default=str, ensure_ascii=False)


def _both_ways(store: Store) -> tuple[list, list]:
    """The ledger assembled from the store's rows, and the one built in memory from every stored extraction with
    the store's incidents (what `warlog ledger` did before the rows existed)."""
    from_rows = stored.stored_ledger(store)
    with store.engine.connect() as connection:
        clusters = stored_clusters(connection)
    return from_rows, build_ledger(load_extractions(store), clusters=clusters)


def _figures(entries, counted: str) -> dict[float, object]:
    return {(f.value if f.value is not None else f.low): (entry, f) for entry in entries if entry.counted == counted
            for f in entry.figures}


def _member(figure) -> str:
    return member_id(figure.document_id, figure.event_index)


def test_the_ledger_from_the_stored_rows_is_the_one_built_from_the_extractions(any_store, reports):
    _store_all(any_store, reports)
    from_rows, in_memory = _both_ways(any_store)
    assert _json(from_rows) == _json(in_memory) and from_rows == in_memory
    figures = [f for e in from_rows for f in e.figures]
    assert {"more than", "nearly", "at least", "approx"} <= {f.qualifier for f in figures}
    troops = _figures(from_rows, "troops")
    entry, revised = troops[11000]
    assert entry.subject == "Belarus" and entry.place == "Russia" and revised.scope == "Belgorod region"
    assert revised.grouping["place"] == "place named after the quantity, in Russia"  # learned from another report
    assert troops[2500][1].grouping["subject"] == "part of another figure"
    assert troops[1500][1].grouping["place"].startswith("no place named")
    sumy, four = _figures(from_rows, "killed")[4]
    assert sumy.kind == "casualties" and sorted(f.value for f in sumy.figures) == [4, 6]
    assert {f.scope for f in _figures(from_rows, "injured")[3][0].figures} >= {"police officers"}
    with any_store.engine.connect() as connection:
        rows = connection.execute(select(func.count()).select_from(tables.ledger_figures)).scalar()
        rules = set(connection.execute(select(tables.documents.c.ledger_rules)).scalars())
    assert rows == len(figures) and rules == {ledger_index.RULES}  # a row per figure, derived by today's rules

    # the analyst keeps the second Sumy report apart, and joins the Nikopol shelling to the first
    six = _figures(from_rows, "killed")[6][1]
    two = _figures(from_rows, "killed")[2][1]
    add_correction(any_store, "split", [_member(six)], "another station")
    add_correction(any_store, "merge", [_member(four), _member(two)], "one attack")
    from_rows, in_memory = _both_ways(any_store)
    assert _json(from_rows) == _json(in_memory)
    killed = _figures(from_rows, "killed")
    assert killed[4][0].cluster_id == killed[2][0].cluster_id != killed[6][0].cluster_id
    assert killed[6][0] is not killed[4][0] and [f.value for f in killed[6][0].figures] == [6]

    # a document deleted takes its figures with it
    document_id = reports[0][0].id
    with any_store.engine.begin() as connection:
        connection.execute(tables.documents.delete().where(tables.documents.c.id == document_id))
    with any_store.engine.connect() as connection:
        for table in (tables.ledger_figures, tables.ledger_places):
            assert not connection.execute(select(table).where(table.c.document_id == document_id)).first()


def test_the_stored_ledger_loads_no_extraction(tmp_path, reports, monkeypatch):
    with Store(str(tmp_path / "rows.db")) as store:
        _store_all(store, reports)
        expected = _json(_both_ways(store)[1])

        def refuse(*_args, **_kwargs):
            raise AssertionError("the ledger loaded the stored extractions")

        monkeypatch.setattr(stored, "load_extractions", refuse)
        monkeypatch.setattr("warlog.store.load.load_extractions", refuse)
        assert _json(stored.stored_ledger(store)) == expected


def test_a_store_from_before_the_rows_or_from_other_rules_is_derived_when_first_read(tmp_path, reports, monkeypatch):
    with Store(str(tmp_path / "old.db")) as store:
        _store_all(store, reports)
        expected = _json(_both_ways(store)[1])
        with store.engine.begin() as connection:  # as a store migrated from before the rows looks
            connection.execute(tables.ledger_figures.delete())
            connection.execute(tables.ledger_places.delete())
            connection.execute(tables.documents.update().values(ledger_rules=None))
        assert _json(stored.stored_ledger(store)) == expected
        assert stored.ensure_ledger(store) == 0  # done once
        monkeypatch.setattr(ledger_index, "RULES", "other rules")  # an upgrade changed how figures are derived
        assert stored.ensure_ledger(store) == len(reports)
        assert stored.ensure_ledger(store) == 0
        assert _json(stored.stored_ledger(store)) == expected


def test_a_re_extraction_replaces_a_documents_figures(tmp_path, reports):
    with Store(str(tmp_path / "re.db")) as store:
        _store_all(store, reports)
        document_id = reports[3][0].id
        store.replace_extraction(document_id, None, ExtractionFailure("extract", "a bug"))
        from_rows, in_memory = _both_ways(store)
        assert _json(from_rows) == _json(in_memory)
        assert all(f.document_id != document_id for e in from_rows for f in e.figures)
        assert stored.ensure_ledger(store) == 0  # a failed extraction has no figures to derive
        assert [r.status for r in reextract(store, [document_id])] == ["done"]
        from_rows, in_memory = _both_ways(store)
        assert _json(from_rows) == _json(in_memory)
        assert 6 in {f.value for e in from_rows for f in e.figures if f.document_id == document_id}


def test_a_re_extraction_changes_the_fingerprint_the_web_caches_keep_by(any_store, reports):
    _store_all(any_store, reports[:2])
    document, _posts, extraction = reports[1]
    seen = [stored.store_version(any_store)]
    any_store.replace_extraction(document.id, extraction)  # the same extraction again: still a replacement
    seen.append(stored.store_version(any_store))
    any_store.replace_extraction(document.id, None, ExtractionFailure("extract", "a bug"))
    seen.append(stored.store_version(any_store))
    assert len(set(seen)) == 3
    assert stored.store_version(any_store) == seen[-1]  # reading it changes nothing


def test_a_store_migrated_from_before_the_count_of_replacements_counts_them(tmp_path, reports):
    from alembic import command
    from alembic.config import Config

    from warlog.store import db

    url = str(tmp_path / "old.db")
    with Store(url) as store:
        _store_all(store, reports[:1])
        config = Config()
        config.set_main_option("script_location", str(db._MIGRATIONS))
        with store.engine.begin() as connection:  # as a store from before migration 0011 looks
            config.attributes["connection"] = connection
            command.downgrade(config, "0010")
    with Store(url) as store:  # opening it migrates it again
        before = stored.store_version(store)
        store.replace_extraction(reports[0][0].id, reports[0][2])
        assert stored.store_version(store) != before
