"""Event clusters on news written for these tests: the same strike twice, a generic sentence, corrections."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

import pytest

from tests.conftest import extracted
from warlog.reconcile import Correction, cluster_events
from warlog.reconcile.dedup import cluster_of, member_id


def _doc(text: str, published: datetime = datetime(2025, 3, 5)):
    document, _posts, extraction = extracted(text, published)
    return document, extraction


@pytest.fixture(scope="module")
def reports():
    return [
        _doc("Missile strike on Odesa\nA Russian missile struck an apartment block in Odesa on Monday, killing "
             "five people, regional governor Oleh Kiper said.\n"),
        _doc("Odesa death toll rises\nA Russian missile hit a residential building in Odesa on Monday, killing "
             "seven people, Ukraine's emergency service said.\n"),
        _doc("Background\nRussia has regularly launched missile strikes on Odesa since 2022.\n"),
        _doc("Kharkiv shelling\nRussian artillery shelled a market in Kharkiv on Tuesday, killing two people, "
             "the governor said.\n"),
    ]


def _strike_ids(reports):
    return [member_id(reports[n][0].id, 0) for n in (0, 1)]


def test_same_strike_in_two_documents_is_one_cluster(reports):
    clusters = cluster_events(reports)
    first, second = _strike_ids(reports)
    by_member = cluster_of(clusters)
    cluster = by_member[first]
    assert by_member[second] is cluster
    assert cluster.member_ids == [first, second]  # both reports stay
    link = cluster.links[0]
    assert link.source == "auto" and link.score >= 0.7 and {"family", "place", "date"} <= set(link.features)
    assert (cluster.killed.low, cluster.killed.high) == (5, 7)
    assert {f.speaker for f in cluster.killed.figures} == {"Oleh Kiper", "Ukraine's emergency service"}
    asdict(cluster)


def test_generic_sentence_and_other_incident_stay_apart(reports):
    by_member = cluster_of(cluster_events(reports))
    strike = by_member[_strike_ids(reports)[0]]
    generic_events = [n for n, e in enumerate(reports[2][1].events) if e.generic]
    assert generic_events
    for n in generic_events:
        assert by_member[member_id(reports[2][0].id, n)] is not strike
    for n in range(len(reports[3][1].events)):
        assert by_member[member_id(reports[3][0].id, n)] is not strike


def test_corrections_split_and_merge_survive_a_rerun(reports):
    first, second = _strike_ids(reports)
    kharkiv = member_id(reports[3][0].id, 0)
    corrections = [Correction("split", [second], reason="different building")]
    for _ in range(2):  # the same decisions give the same clusters on every run
        by_member = cluster_of(cluster_events(reports, corrections))
        assert by_member[first] is not by_member[second]
        assert by_member[second].member_ids == [second]
    # a later merge overrides the earlier split; decisions may also come as plain dicts (as stored)
    corrections = [asdict(corrections[0]), {"action": "merge", "members": [first, second, kharkiv]}]
    for _ in range(2):
        cluster = cluster_of(cluster_events(reports, corrections))[first]
        assert set(cluster.member_ids) == {first, second, kharkiv}
        assert all(link.source == "correction" for link in cluster.links if kharkiv in (link.a, link.b))


def test_coordinates_hook_uses_distance():
    reports = [
        _doc("Strike\nA Russian drone struck a warehouse in Brovary on Monday, killing two people, police said.\n"),
        _doc("Strike\nA Russian drone struck a warehouse in Kyiv on Monday, killing two people, police said.\n"),
    ]
    near = {"Brovary": (50.51, 30.79), "Kyiv": (50.45, 30.52)}
    ids = [member_id(d.id, 0) for d, _ in reports]
    by_member = cluster_of(cluster_events(reports, locate=near.get))
    assert by_member[ids[0]] is by_member[ids[1]]
    assert by_member[ids[0]].links[0].features["distance_km"] < 25
    # without the hook, the places extraction resolved in context give the coordinates: 20 km apart, one place
    by_member = cluster_of(cluster_events(reports))
    assert by_member[ids[0]] is by_member[ids[1]]
    far = [reports[0], _doc("Strike\nA Russian drone struck a warehouse in Lviv on Monday, killing two people, "
                            "police said.\n")]
    by_member = cluster_of(cluster_events(far))
    assert by_member[ids[0]] is not by_member[member_id(far[1][0].id, 0)]


def test_two_unplaced_reports_of_one_distinctive_toll_on_one_day_are_one_incident():
    first = _doc("Sahel attack\nMilitants killed more than 60 soldiers in an attack on an army post on Sunday, a "
                 "security source said.\n")
    second = _doc("Army post overrun\nAn armed group says it killed more than 60 soldiers when it attacked an army "
                  "post on Sunday.\n")
    other_day = _doc("Another attack\nMilitants killed more than 60 soldiers in an attack on an army post on "
                     "Thursday.\n")
    small = [_doc("Post attacked\nMilitants killed two soldiers in an attack on an army post on Sunday.\n"),
             _doc("Soldiers killed\nGunmen killed two soldiers in an attack on an army post on Sunday.\n")]
    by_member = cluster_of(cluster_events([first, second, other_day, *small]))
    ids = [member_id(d.id, 0) for d, _ in (first, second, other_day, *small)]
    assert by_member[ids[0]] is by_member[ids[1]]
    assert by_member[ids[2]] is not by_member[ids[0]]  # another day
    assert by_member[ids[3]] is not by_member[ids[4]]  # two killed is no mark of one incident
