"""The event filters of the API answered from memory, the page's rows still read from the store.

Why: every filter of `/api/events` (type, date window, box, actor, source, document) is a condition the
database cannot answer from an index (case-folded types, a date that falls back to the publication day, a box
over joined places), so each request scanned and joined every event twice — once to count, once for the page
— about 30 ms at 10,000 events, which caps one server process near 30 requests/s. The columns the filters read
are small, so they are kept in NumPy arrays, rebuilt when the store's events change (their count and highest
id, and the store's count of replaced extractions, asked at most once a second; an ingest through this server is
seen at once). A request then costs a few vector comparisons plus one primary-key query for the rows of its page
not read before, which come from the same SELECT as before, so the answer is the same as `queries.list_events`
gives (tests/test_fuzz_properties.py compares the two).

The filter keys are computed by the database with the same expressions `queries._event_conditions` uses, so
"the day an event counts on" means the same thing here as in SQL, on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Engine, func, select

from warlog.store import tables
from warlog.web import queries

_ev, _doc, _pl = tables.events, tables.documents, tables.places
# Rows of pages already served are kept (an event's row is only ever replaced whole, with its document's extraction)
# until the events change; past this many the rows are read again each time, bounding memory.
MAX_CACHED_ROWS = 50_000


@dataclass(frozen=True)
class _Columns:
    """One entry per event, in id order."""

    ids: np.ndarray  # int64
    kept: np.ndarray  # bool: generic IS false (what the default filter keeps)
    last_day: np.ndarray  # datetime64[D], NaT when unknown: compared with `since`
    first_day: np.ndarray  # datetime64[D], NaT when unknown: compared with `until`
    lat: np.ndarray  # float64, NaN without a place
    lon: np.ndarray
    types: tuple[np.ndarray, np.ndarray, np.ndarray]  # lower-cased PLOVER, ACLED and sub-event types (object)
    actors: list[tuple[str, str]]  # lower-cased actor1 and actor2 ("" when none), for substring search
    places: list[tuple[str, str]]  # lower-cased place name and the text that named it ("" when none)
    source: np.ndarray  # lower-cased source (object)
    document_id: np.ndarray  # object


def _day(value: Any) -> np.datetime64:
    return np.datetime64(value, "D") if value is not None else np.datetime64("NaT", "D")


def _lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None


def _load(engine: Engine) -> _Columns:
    published = queries._published_day(engine)
    query = (
        select(_ev.c.id, _ev.c.generic.is_(False).label("kept"),
               func.coalesce(_ev.c.date_end, _ev.c.date_start, published).label("last_day"),
               func.coalesce(_ev.c.date_start, published).label("first_day"),
               _pl.c.lat, _pl.c.lon, _ev.c.plover_type, _ev.c.acled_event_type, _ev.c.acled_sub_event_type,
               _ev.c.actor1, _ev.c.actor2, _doc.c.source, _ev.c.document_id, _pl.c.name.label("place_name"),
               _pl.c.text.label("place_text"))
        .select_from(_ev.join(_doc, _doc.c.id == _ev.c.document_id).outerjoin(_pl, _pl.c.id == _ev.c.place_id))
        .order_by(_ev.c.id)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    n = len(rows)

    def column(values, dtype=object) -> np.ndarray:
        array = np.empty(n, dtype=dtype)
        array[:] = list(values) if dtype is object else np.fromiter(values, dtype, n)
        return array

    return _Columns(
        ids=column((r.id for r in rows), np.int64),
        kept=column((bool(r.kept) for r in rows), bool),
        last_day=np.array([_day(r.last_day) for r in rows], dtype="datetime64[D]"),
        first_day=np.array([_day(r.first_day) for r in rows], dtype="datetime64[D]"),
        lat=column((np.nan if r.lat is None else r.lat for r in rows), np.float64),
        lon=column((np.nan if r.lon is None else r.lon for r in rows), np.float64),
        types=(column(_lower(r.plover_type) for r in rows), column(_lower(r.acled_event_type) for r in rows),
               column(_lower(r.acled_sub_event_type) for r in rows)),
        actors=[(_lower(r.actor1) or "", _lower(r.actor2) or "") for r in rows],
        places=[(_lower(r.place_name) or "", _lower(r.place_text) or "") for r in rows],
        source=column(_lower(r.source) for r in rows),
        document_id=column(r.document_id for r in rows),
    )


def _keep_containing(mask: np.ndarray, texts: list[tuple[str, str]], needle: str) -> None:
    """Narrow `mask` (in place) to the events one of whose two texts contains `needle`."""
    candidates = np.flatnonzero(mask)
    hits = np.fromiter((needle in texts[i][0] or needle in texts[i][1] for i in candidates), bool, len(candidates))
    mask[:] = False
    mask[candidates[hits]] = True


def _version(engine: Engine) -> tuple:
    """What the arrays and the kept rows depend on: the events, whose count and highest id move when a document
    comes or goes, and the store's count of replaced extractions. A re-extraction (`warlog reextract`) writes a
    document's events again, and SQLite gives the new rows the ids of the old ones when they were the last: the
    count and highest id stay as they were while the rows do not."""
    replaced = select(func.max(tables.extraction_revision.c.replaced)).scalar_subquery()
    with engine.connect() as connection:
        return tuple(connection.execute(select(func.count(), func.max(_ev.c.id), replaced).select_from(_ev)).one())


class EventIndex:
    """The filterable columns of the store's events, in memory, current with the store.

    The store is asked whether its events changed at most every `recheck_s` seconds (the question costs about
    as much as the rest of a request): another process's ingest shows within that time, and this server's own
    ingest at once, through `invalidate`.
    """

    def __init__(self, engine: Engine, recheck_s: float = 1.0):
        self.engine = engine
        self.recheck_s = recheck_s
        self._lock = threading.Lock()
        self._version: tuple | None = None
        self._checked = float("-inf")
        self._columns: _Columns | None = None
        self._rows: dict[int, dict[str, Any]] = {}  # page rows already read, while the version holds
        self._select = queries._event_select(engine)  # built once; SQLAlchemy caches its compiled form

    def invalidate(self) -> None:
        """Forget the arrays: the next request rebuilds them (after a write through this server)."""
        with self._lock:
            self._columns, self._version = None, None
            self._rows = {}

    def columns(self) -> _Columns:
        with self._lock:
            now = time.monotonic()
            if self._columns is not None and now - self._checked < self.recheck_s:
                return self._columns
            version = _version(self.engine)
            self._checked = now
            if version != self._version or self._columns is None:
                self._columns = _load(self.engine)
                self._version = version
                self._rows = {}
            return self._columns

    def matching_ids(self, f: queries.EventFilter) -> np.ndarray:
        """The ids of the events matching every filter of `f`, ascending (the API's order)."""
        c = self.columns()
        mask = np.ones(len(c.ids), dtype=bool) if f.include_generic else c.kept.copy()
        if f.since is not None:
            mask &= c.last_day >= np.datetime64(f.since, "D")
        if f.until is not None:
            mask &= c.first_day <= np.datetime64(f.until, "D")
        if f.bbox is not None:
            mask &= f.bbox.contains(c.lat, c.lon)
        if f.event_type:
            wanted = f.event_type.lower()
            mask &= (c.types[0] == wanted) | (c.types[1] == wanted) | (c.types[2] == wanted)
        if f.actor:
            _keep_containing(mask, c.actors, f.actor.lower())
        if f.place:
            _keep_containing(mask, c.places, f.place.lower())
        if f.source:
            mask &= c.source == f.source.lower()
        if f.document_id:
            mask &= c.document_id == f.document_id
        return c.ids[mask]

    def list_events(self, f: queries.EventFilter, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """`(total, rows)` as `queries.list_events` gives them."""
        ids = self.matching_ids(f)
        page = [int(i) for i in ids[offset:offset + limit]]
        if not page:
            return len(ids), []
        cache = self._rows
        missing = [i for i in page if i not in cache]
        if missing:
            query = self._select.where(_ev.c.id.in_(missing))
            with self.engine.connect() as connection:
                found = {r.id: dict(r._mapping) for r in connection.execute(query)}
            if len(cache) + len(found) <= MAX_CACHED_ROWS:
                cache.update(found)
            else:
                cache = {**found}
        return len(ids), [cache[i] for i in page if i in cache]
