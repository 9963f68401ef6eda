"""The store's incident index: documents linked into incidents as they are stored, the same incidents a batch
clustering gives, corrections and re-extraction re-clustering only what they touch. Reports written for these
tests, stored in SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from tests.conftest import extracted
from warlog.reconcile.dedup import cluster_events, member_id
from warlog.reconcile.incident_index import blocking_keys, stored_clusters
from warlog.reconcile.stored import ensure_indexed, reconcile_store
from warlog.store import Store, tables
from warlog.store.corrections import add_correction, delete_correction

REPORTS = [
    ("Missile strike on Odesa\nA Russian missile struck an apartment block in Odesa on Monday, killing five people, "
     "regional governor Oleh Kiper said.\n", datetime(2025, 3, 4)),
    ("Odesa toll rises\nA Russian missile hit a residential building in Odesa on Monday, killing seven people, "
     "Ukraine's emergency service said.\n", datetime(2025, 3, 4)),
    ("Kharkiv shelling\nRussian artillery shelled a market in Kharkiv on Tuesday, killing two people, the governor "
     "said.\n", datetime(2025, 3, 5)),
    ("Background\nRussia has regularly launched missile strikes on Odesa since 2022.\n", datetime(2025, 3, 6)),
    ("Market hit again\nRussian shells hit a market in Kharkiv on Tuesday, killing two shoppers, police "
     "said.\n", datetime(2025, 3, 5)),
]


@pytest.fixture(scope="module")
def reports():
    return [extracted(text, published) for text, published in REPORTS]


def _partition(clusters) -> set[frozenset[str]]:
    return {frozenset(c.member_ids) for c in clusters}


def _store_all(store: Store, reports) -> None:
    for document, posts, extraction in reports:
        assert store.add_document(document, posts, extraction)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    url = str(tmp_path / "index.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with Store(url) as store:
        yield store


def test_incidents_found_document_by_document_are_those_of_a_batch_clustering(any_store, reports):
    _store_all(any_store, reports)
    with any_store.engine.connect() as connection:
        incremental = stored_clusters(connection)
    batch = cluster_events([(d, x) for d, _, x in reports])
    assert _partition(incremental) == _partition(batch)
    odesa = [member_id(reports[n][0].id, 0) for n in (0, 1)]
    kharkiv = [member_id(reports[n][0].id, 0) for n in (2, 4)]
    by_member = {m: c for c in incremental for m in c.member_ids}
    assert by_member[odesa[0]] is by_member[odesa[1]] and by_member[kharkiv[0]] is by_member[kharkiv[1]]
    assert by_member[odesa[0]] is not by_member[kharkiv[0]]
    link = by_member[odesa[0]].links[0]
    assert link.score >= 0.7 and "place" in link.features  # every link keeps its score and features
    with any_store.engine.connect() as connection:
        row = connection.execute(select(tables.incidents).where(tables.incidents.c.id == by_member[odesa[0]].cluster_id)
                                 ).one()._mapping
    assert (row["killed_low"], row["killed_high"], row["documents"]) == (5, 7, 2)


def test_a_correction_reclusters_only_its_incidents_and_undoing_it_restores_them(any_store, reports):
    _store_all(any_store, reports)
    first, second = (member_id(reports[n][0].id, 0) for n in (0, 1))
    with any_store.engine.connect() as connection:
        before = _partition(stored_clusters(connection))
    number = add_correction(any_store, "split", [second], "another building")
    with any_store.engine.connect() as connection:
        split = stored_clusters(connection)
    by_member = {m: c for c in split for m in c.member_ids}
    assert by_member[first] is not by_member[second] and by_member[second].member_ids == [second]
    assert _partition(split) - before == {frozenset([first]), frozenset([second])}
    delete_correction(any_store, number)
    with any_store.engine.connect() as connection:
        assert _partition(stored_clusters(connection)) == before


def test_a_document_stored_after_a_split_respects_it(tmp_path, reports):
    with Store(str(tmp_path / "late.db")) as store:
        _store_all(store, reports[:1])
        later = member_id(reports[1][0].id, 0)
        add_correction(store, "split", [later])  # corrections name members by id, before or after they are stored
        _store_all(store, reports[1:2])
        with store.engine.connect() as connection:
            clusters = stored_clusters(connection)
    assert [c.member_ids for c in clusters if later in c.member_ids] == [[later]]


def test_a_store_from_before_the_index_is_indexed_when_first_read(tmp_path, reports):
    with Store(str(tmp_path / "old.db")) as store:
        _store_all(store, reports)
        with store.engine.begin() as connection:  # as a store migrated from before the index looks
            for table in (tables.incident_links, tables.incident_keys, tables.incident_members, tables.incidents):
                connection.execute(table.delete())
            connection.execute(tables.documents.update().values(incidents_indexed=False))
        items, clusters = reconcile_store(store)
        assert ensure_indexed(store) == 0  # done once
        with store.engine.connect() as connection:
            assert connection.execute(select(func.count()).select_from(tables.incidents)).scalar() == len(clusters)
    assert _partition(clusters) == _partition(cluster_events(items))


def test_replacing_an_extraction_takes_its_events_out_of_their_incidents(tmp_path, reports):
    with Store(str(tmp_path / "re.db")) as store:
        _store_all(store, reports)
        document, _, _ = reports[1]
        store.replace_extraction(document.id, None)
        with store.engine.connect() as connection:
            clusters = stored_clusters(connection)
    assert all(m.document_id != document.id for c in clusters for m in c.members)
    first = member_id(reports[0][0].id, 0)
    assert [c.member_ids for c in clusters if first in c.member_ids] == [[first]]


def test_a_town_finds_its_neighbours_across_a_cell_border_and_its_province():
    from warlog.coreference import IncidentMention
    from warlog.schema import Span

    def town(lat, lon, admin1="07", precision="city"):
        return IncidentMention("m", "d", 0, 0, "violence", None, None, False, [], None, None, None, "unknown", None,
                               None, None, Span(0, 1, "x"), (lat, lon), precision, admin1, "UA")

    west, east = town(49.99, 35.999), town(49.99, 36.001)  # 150 m apart, on either side of a cell border
    assert blocking_keys(west)[1] & blocking_keys(east)[0]
    province = town(49.5, 36.5, precision="admin1")
    assert blocking_keys(west)[1] & blocking_keys(province)[0] and blocking_keys(province)[1] & blocking_keys(west)[0]
    far = town(49.99, 38.5, admin1="09")
    assert not blocking_keys(west)[1] & blocking_keys(far)[0]


def test_the_api_lists_incidents_newest_first_with_their_reports(tmp_path, reports):
    from fastapi.testclient import TestClient

    from warlog.web.api import create_app

    url = str(tmp_path / "api.db")
    with Store(url) as store:
        _store_all(store, reports)
    with TestClient(create_app(url)) as client:
        page = client.get("/api/incidents").json()
        starts = [row["start"] for row in page["items"]]
        assert starts == sorted(starts, reverse=True) and page["total"] == len(page["items"])
        assert all(not row["generic"] for row in page["items"])
        odesa = next(row for row in page["items"] if row["documents"] == 2 and row["killed_high"] == 7)
        assert odesa["killed_low"] == 5 and odesa["lat"] is not None
        detail = client.get(f"/api/incidents/{odesa['id']}").json()
        assert {r["killed"]["value"] for r in detail["reports"]} == {5, 7}
        assert {r["killed"]["speaker"] for r in detail["reports"]} == {"Oleh Kiper", "Ukraine's emergency service"}
        assert detail["links"] and detail["links"][0]["score"] >= 0.7
        assert client.get("/api/incidents", params={"bbox": "0,0,1,1"}).json()["total"] == 0
        assert client.get("/api/incidents/cluster:nothing").status_code == 404


def test_summaries_grown_document_by_document_equal_those_of_all_members(tmp_path, reports):
    from warlog.reconcile.incident_index import summary

    with Store(str(tmp_path / "sum.db")) as store:
        _store_all(store, reports)
        with store.engine.connect() as connection:
            rows = {r.id: dict(r._mapping) for r in connection.execute(select(tables.incidents))}
            clusters = stored_clusters(connection)
    assert set(rows) == {c.cluster_id for c in clusters}
    compared = ("killed_low", "killed_high", "injured_low", "injured_high", "members", "documents", "start", "end",
                "generic", "first_member", "event_type", "precision")
    for cluster in clusters:
        full = summary(cluster.cluster_id, cluster.members)
        assert {k: rows[cluster.cluster_id][k] for k in compared} == {k: full[k] for k in compared}


def test_neighbours_across_the_antimeridian_and_near_a_pole_are_candidates():
    from warlog.coreference import IncidentMention
    from warlog.resolve.gazetteer import distance_km
    from warlog.schema import Span

    def point(lat, lon):
        return IncidentMention("m", "d", 0, 0, "violence", None, None, False, [], None, None, None, "unknown", None,
                               None, None, Span(0, 1, "x"), (lat, lon), "city", None, None)

    for a, b in (((-16.5, 179.95), (-16.5, -179.95)), ((89.9, 0.0), (89.9, 120.0))):
        assert distance_km(*a, *b) <= 25
        assert blocking_keys(point(*a))[1] & blocking_keys(point(*b))[0]


def test_keys_stay_short_whatever_a_record_holds():
    from warlog.coreference import IncidentMention
    from warlog.schema import Span

    odd = IncidentMention("m", "d", 0, 0, "violence", None, None, False, ["x" * 300], None, None, None, "unknown",
                          None, None, None, Span(0, 1, "x"), (1e200, 5.0), "city", None, None)
    own, lookup = blocking_keys(odd)
    assert own and max(map(len, own | lookup)) <= 110  # the store's key column holds 160 characters


def test_a_point_off_the_earth_is_blocked_by_its_names_alone():
    from warlog.coreference import IncidentMention
    from warlog.schema import Span

    def point(lat, lon):
        return IncidentMention("m", "d", 0, 0, "violence", None, None, False, ["kanto"], None, None, None, "unknown",
                               None, None, None, Span(0, 1, "x"), (lat, lon), "city", "07", "UA")

    for lat, lon in ((10.0, -1.7976931348623157e308), (10.0, float("inf")), (95.0, 10.0)):
        own, lookup = blocking_keys(point(lat, lon))
        assert not any(key.startswith("c:") for key in own | lookup)
        assert "w:kanto" in own


def _statements(store: Store, work) -> list[tuple[str, object]]:
    """The SQL statements (with their parameters) `work()` sends to the store."""
    from sqlalchemy import event

    sent: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        sent.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        work()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    return sent


def test_a_documents_candidates_are_found_in_the_keys_index_alone(tmp_path, reports):
    """The candidates' query reads `incident_keys` only through its covering index (migration 0012): reading each
    row for its dates was a third of the time spent indexing a document at 100,000 events; and the date bounds the
    index's scan ("start<?"), where every row of a key was read. The candidates' stored views come in the same query,
    one row each (by the members' key)."""
    with Store(str(tmp_path / "plan.db")) as store:
        _store_all(store, reports[:1])
        sent = _statements(store, lambda: store.add_document(*reports[1]))
        found = [(s, p) for s, p in sent if "FROM incident_keys" in s and s.lstrip().startswith("SELECT")]
        assert found
        with store.engine.connect() as connection:
            for statement, parameters in found:
                plan = [row[-1] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
                keys = [step for step in plan if "incident_keys" in step]
                assert keys and all("COVERING INDEX ix_incident_keys_window" in step for step in keys), plan
                assert any("start<?" in step for step in keys), plan
                assert [step for step in plan if "incident_members" in step] == \
                    ["SEARCH incident_members USING INDEX sqlite_autoindex_incident_members_1 (member_id=?)"], plan


def test_a_document_joining_one_incident_counts_its_reports_without_reading_its_members(tmp_path, reports):
    """A report joining one stored incident adds its document to the incident's count: counting the incident's
    members in SQL, row by row, grew with the incident (thousands of members in a large store)."""
    with Store(str(tmp_path / "count.db")) as store:
        _store_all(store, reports[:1])
        sent = _statements(store, lambda: store.add_document(*reports[1]))
        assert not [s for s, _ in sent if "count(DISTINCT" in s]
        with store.engine.connect() as connection:
            odesa = member_id(reports[0][0].id, 0)
            incident = connection.execute(select(tables.incident_members.c.incident_id)
                                          .where(tables.incident_members.c.member_id == odesa)).scalar_one()
            row = connection.execute(select(tables.incidents).where(tables.incidents.c.id == incident)).one()
    assert (row.members, row.documents) == (2, 2)
