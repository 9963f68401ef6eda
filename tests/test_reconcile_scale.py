"""The shortcuts that make reconciling a large store fast give the answers of the plain, slow way.

Blocking event pairs by family and place word must find every pair `score_pair` would link; sentence
bounds looked up by bisection must equal a scan of the text; the API's encoded ledger is kept only
while the store is unchanged.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import extracted
from warlog.reconcile import dedup
from warlog.reconcile.common import _SENTENCE_END, sentence_bounds
from warlog.reconcile.stored import LedgerCache
from warlog.store import Store

REPORTS = [
    ("Missile strike on Odesa\nA Russian missile struck an apartment block in Odesa on Monday, killing five people, "
     "regional governor Oleh Kiper said.\n", datetime(2025, 3, 5)),
    ("Odesa death toll rises\nA Russian missile hit a residential building in the Odesa region on Monday, killing "
     "seven people, Ukraine's emergency service said.\n", datetime(2025, 3, 5)),
    ("Kharkiv shelling\nRussian artillery shelled a market in Kharkiv on Tuesday, killing two people, the governor "
     "said. Drones also hit Kharkiv city centre overnight, injuring four.\n", datetime(2025, 3, 6)),
    ("Kharkiv market\nTwo people died when shells hit a market in Kharkiv on Tuesday, officials said. In Sumy, "
     "a drone struck a power line.\n", datetime(2025, 3, 6)),
    ("Background\nRussia has regularly launched missile strikes on Odesa since 2022.\n", datetime(2025, 3, 7)),
]
COORDINATES = {"odesa": (46.48, 30.72), "kharkiv": (49.99, 36.23)}


@pytest.fixture(scope="module")
def reports():
    return [extracted(text, published)[::2] for text, published in REPORTS]


def _members(reports, locate=None):
    return [dedup.make_member(d, x, n, locate) for d, x in reports for n in range(len(x.events))]


def _locate(name: str):
    return next((point for key, point in COORDINATES.items() if key in name.lower()), None)


@pytest.mark.parametrize("locate", [None, _locate], ids=["names", "coordinates"])
def test_blocked_pairs_hold_every_pair_score_pair_links(reports, locate):
    members = _members(reports, locate)
    every = {(i, j) for i in range(len(members)) for j in range(i + 1, len(members))
             if dedup.score_pair(members[i], members[j]) is not None}
    assert every, "the reports should give at least one linkable pair"
    assert every <= set(dedup._comparable_pairs(members))


@pytest.mark.parametrize("locate", [None, _locate], ids=["names", "coordinates"])
def test_clusters_equal_those_of_comparing_every_pair(reports, locate, monkeypatch):
    blocked = dedup.cluster_events(reports, locate=locate)
    monkeypatch.setattr(dedup, "_comparable_pairs",
                        lambda ms: [(i, j) for i in range(len(ms)) for j in range(i + 1, len(ms))])
    assert dedup.cluster_events(reports, locate=locate) == blocked


@st.composite
def _member_lists(draw):
    """Members with random families, places, coordinates and (possibly missing or one-sided) dates."""
    from datetime import date, timedelta

    from warlog.schema import Span

    members = []
    for n in range(draw(st.integers(2, 14))):
        start = draw(st.none() | st.integers(0, 20).map(lambda d: date(2025, 3, 1) + timedelta(days=d)))
        length = draw(st.none() | st.integers(0, 5))
        end = None if start is None or length is None else start + timedelta(days=length)
        members.append(dedup.ClusterMember(
            member_id=str(n), document_id=f"d{n}", event_index=0, post_index=0,
            family=draw(st.sampled_from(["violence", "territory"])), sub_event=None, plover_type="ASSAULT",
            generic=draw(st.booleans()), places=draw(st.lists(st.sampled_from(["kharkiv", "kharkiv oblast", "sumy"]),
                                                               max_size=2)),
            place_text=None, start=start, end=end, date_from=draw(st.sampled_from(["text", "report"])), side=None,
            killed=None, injured=None, evidence=Span(0, 1, "x"),
            coordinates=draw(st.none() | st.sampled_from([(49.99, 36.23), (50.0, 36.3), (50.91, 34.8)]))))
    return members


@settings(max_examples=300, deadline=None)
@given(_member_lists())
def test_blocking_by_place_word_and_overlapping_dates_misses_no_linkable_pair(members):
    every = {(i, j) for i in range(len(members)) for j in range(i + 1, len(members))
             if dedup.score_pair(members[i], members[j]) is not None}
    assert every <= set(dedup._comparable_pairs(members))


def _scanned_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    found = _SENTENCE_END.search(text, end)
    return left, found.end() if found else len(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='ab .!?"\'”’)\n', max_size=40), st.data())
def test_sentence_bounds_equal_a_scan_of_the_text(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert sentence_bounds(text, start, end) == _scanned_bounds(text, start, end)


def test_encoded_ledger_is_kept_until_the_store_changes(tmp_path, reports):
    calls = []

    def encode(entries) -> bytes:
        calls.append(len(entries))
        return repr(entries).encode()

    with Store(f"sqlite:///{tmp_path / 'ledger.db'}") as store:
        document, posts, extraction = extracted(*REPORTS[0])
        store.add_document(document, posts, extraction)
        cache = LedgerCache(store)
        first = cache.encoded(encode)
        assert cache.encoded(encode) is first and len(calls) == 1
        document, posts, extraction = extracted(*REPORTS[2])
        store.add_document(document, posts, extraction)
        cache.encoded(encode)
        assert len(calls) == 2  # a new document: the ledger is rebuilt and encoded again
