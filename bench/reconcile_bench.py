"""Incremental reconciliation: the cost of adding documents to a large store, and the API's incident list.

Run: `python bench/reconcile_bench.py [--sizes 10000 100000] [--batches 3] [--backends sqlite postgresql]
[--ledger-runs 3] [--no-list]`.

For each size a store of that many events is synthesised as `bench/web_bench.py` does it (the example page
ingested, its rows copied with dates and points shifted) and put into the incident index once
(`reconcile.stored.ensure_indexed`, what a store from before the index does on first read: timed apart). Then
`--batches` batches of 100 documents are added with `Store.add_document` (corpus documents of
`bench/corpus.py`, extracted before timing, stored under new ids with publication dates spread over the
store's year): the time per 100 documents, in all, in the incident index alone (its candidates found, scored
and linked) and in deriving the documents' ledger figures, should stay flat from batch to batch and from size to
size: each document costs its candidates, not a pass over the store (goal: under 2 s per 100 documents). Last,
`GET /api/incidents` (a page of 100, newest first; and filtered by type, dates and box) through FastAPI's
in-process TestClient: p50 and p95 in ms (goal: p95 under 50 ms at 100,000 events).

The claims ledger, before the batches are added: `reconcile.stored.stored_ledger` with nothing cached (what
`warlog ledger`, the sitrep and the API's first request after a change wait for), `--ledger-runs` times, with
the sha256 of its JSON so that two versions of warlog can be compared on the same store (the store is built
the same way each time). Where the store keeps the ledger's figures per document (`reconcile.ledger_index`), the
copies' are derived first, as for a store from before them on its first read, and timed apart. Run this file with
an older warlog on the path (`PYTHONPATH=../old/src`) to time the ledger as it was.

PostgreSQL is a throwaway server on a loopback port (`bench/pg_server.py`); without Debian's server binaries
it is skipped with a message.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import importlib.util
import json
import random
import statistics
import tempfile
import time
from contextlib import ExitStack
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path

from pg_server import PostgresServer
from sqlalchemy import Integer, text
from store_bench import _time, prepared_documents
from web_bench import build_store

from warlog.reconcile import incident_index
from warlog.reconcile.stored import ensure_indexed, stored_ledger
from warlog.store import Store, tables

BATCH = 100
# the ledger kept per document (absent from older versions of warlog, which this bench also times)
LEDGER_ROWS = importlib.util.find_spec("warlog.reconcile.ledger_index") is not None


class _Timed:
    """Adds up the time spent in `module.index_document` while it is installed."""

    def __init__(self, module) -> None:
        self.seconds = 0.0
        self._module = module
        self._original = module.index_document

    def __enter__(self) -> _Timed:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return self._original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
        self._module.index_document = timed
        return self

    def __exit__(self, *_exc) -> None:
        self._module.index_document = self._original


def _ledger_modules() -> list:
    if not LEDGER_ROWS:
        return []
    from warlog.reconcile import ledger_index

    return [ledger_index]


def _digest(entries: list) -> str:
    text = json.dumps([asdict(e) for e in entries], default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def measure_ledger(url: str, runs: int) -> dict[str, object]:
    """The ledger with nothing cached, `runs` times (seconds each), its digest and size; first, where the store keeps
    the ledger's figures per document, those of the documents that have none derived (timed apart)."""
    found: dict[str, object] = {}
    with Store(url) as store:
        if LEDGER_ROWS:
            from warlog.reconcile.stored import ensure_ledger

            started = time.perf_counter()
            found["derived"] = ensure_ledger(store)
            found["derive_s"] = time.perf_counter() - started
        seconds, entries = [], []
        for _ in range(runs):
            started = time.perf_counter()
            entries = stored_ledger(store)
            seconds.append(time.perf_counter() - started)
    return {**found, "seconds": seconds, "digest": _digest(entries), "entries": len(entries),
            "figures": sum(len(e.figures) for e in entries)}


def _reset_sequences(store: Store) -> None:
    """`web_bench.build_store` copies rows with their ids; PostgreSQL's sequences must then start after them."""
    if store.engine.dialect.name != "postgresql":
        return
    with store.engine.begin() as connection:
        for table in tables.metadata.sorted_tables:
            column = table.c.get("id")
            if column is not None and isinstance(column.type, Integer):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))


def add_batches(url: str, prepared: list, batches: int, seed: int = 9) -> list[dict[str, float]]:
    """Add `batches` batches of 100 documents; per batch, seconds in all, in the incident index and in deriving
    the ledger's figures."""
    rng = random.Random(seed)
    figures = []
    with Store(url) as store:
        for batch in range(batches):
            with ExitStack() as timers:
                index = timers.enter_context(_Timed(incident_index))
                ledger = [timers.enter_context(_Timed(module)) for module in _ledger_modules()]
                started = time.perf_counter()
                for number in range(BATCH):
                    document, posts, extraction = prepared[(batch * BATCH + number) % len(prepared)]
                    published = datetime(2024, 11, 3) - timedelta(days=rng.randrange(365))
                    copy = dataclasses.replace(document, id=f"b{batch:03x}{number:04x}{document.id[8:]}",
                                               published=published)
                    if not store.add_document(copy, posts, extraction):
                        raise SystemExit(f"document {copy.id} was not stored")
                total = time.perf_counter() - started
            figures.append({"total_s": total, "index_s": index.seconds, "ledger_s": sum(t.seconds for t in ledger)})
    return figures


def measure_incident_list(url: str, requests: int) -> dict[str, dict[str, float]]:
    from fastapi.testclient import TestClient

    from warlog.web.api import create_app

    rng = random.Random(3)
    app = create_app(url)
    with TestClient(app) as client:
        types = ["Explosions/Remote violence", "Battles", "Air/drone strike", "Shelling/artillery/missile attack"]
        paging = [{"limit": "100", "offset": str(rng.randrange(0, 2000))} for _ in range(requests)]
        filtered = []
        for _ in range(requests):
            until = datetime(2024, 11, 3).date() - timedelta(days=rng.randrange(0, 60))
            west, south = rng.uniform(22, 34), rng.uniform(44, 49)
            filtered.append({"limit": "100", "event_type": rng.choice(types), "since": str(until - timedelta(days=30)),
                             "until": str(until), "bbox": f"{west:.2f},{south:.2f},{west + 8:.2f},{south + 4:.2f}"})
        results = {"incidents, page of 100": _time(client, "/api/incidents", paging),
                   "incidents, filtered (type, dates, box)": _time(client, "/api/incidents", filtered)}
        total = client.get("/api/incidents", params={"limit": "1"}).json()["total"]
    app.state.store.close()
    results["incidents listed"] = {"p50": float(total), "p95": float("nan"), "n": 1}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="events in the store")
    parser.add_argument("--batches", type=int, default=3, help="batches of 100 documents added to each store")
    parser.add_argument("--prepared", type=int, default=40, help="distinct documents extracted beforehand")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per query")
    parser.add_argument("--backends", nargs="*", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--ledger-runs", type=int, default=3, help="times the ledger is built with nothing cached")
    parser.add_argument("--no-list", action="store_true", help="do not time the API's incident list")
    args = parser.parse_args()
    backends = list(args.backends)
    if "postgresql" in backends and not PostgresServer.available():
        print("postgresql skipped: no server binaries under /usr/lib/postgresql/*/bin")
        backends.remove("postgresql")
    started = time.perf_counter()
    prepared = prepared_documents(args.prepared)
    events = sum(len(x.events) for _, _, x in prepared) / len(prepared)
    print(f"{args.prepared} corpus documents extracted beforehand in {time.perf_counter() - started:.0f} s "
          f"(not timed), {events:.1f} events each")
    with tempfile.TemporaryDirectory(prefix="warlog-reconcile-bench-") as name:
        for size in args.sizes:
            for backend in backends:
                def job(url: str, size: int = size, backend: str = backend) -> None:
                    built = build_store(url, size)
                    with Store(url) as store:
                        _reset_sequences(store)
                        started = time.perf_counter()
                        indexed = ensure_indexed(store)
                        first_index = time.perf_counter() - started
                    print(f"\n{backend}: {built['counts']['events']:,} events in {built['counts']['documents']:,} "
                          f"documents; indexed once in {first_index:.1f} s ({indexed:,} documents)")
                    if args.ledger_runs:
                        ledger = measure_ledger(url, args.ledger_runs)
                        if "derive_s" in ledger:
                            print(f"  ledger figures derived once, on first read, in {ledger['derive_s']:.1f} s "
                                  f"({ledger['derived']:,} documents)")
                        print(f"  ledger, nothing cached: median {statistics.median(ledger['seconds']):.2f} s "
                              f"({', '.join(f'{s:.2f}' for s in ledger['seconds'])}); {ledger['entries']:,} entries, "
                              f"{ledger['figures']:,} figures, sha256 {ledger['digest']}", flush=True)
                    for number, batch in enumerate(add_batches(url, prepared, args.batches), start=1):
                        print(f"  add {BATCH} documents, batch {number}: {batch['total_s']:.2f} s in all, "
                              f"{batch['index_s']:.2f} s in the incident index"
                              + (f", {batch['ledger_s']:.2f} s in the ledger's figures" if LEDGER_ROWS else ""),
                              flush=True)
                    if args.no_list:
                        return
                    for label, figure in measure_incident_list(url, args.requests).items():
                        if label == "incidents listed":
                            print(f"  {label}: {figure['p50']:,.0f}")
                        else:
                            print(f"  {label}: p50 {figure['p50']:.1f} ms, p95 {figure['p95']:.1f} ms "
                                  f"(n={figure['n']})", flush=True)

                if backend == "sqlite":
                    job(f"sqlite:///{Path(name) / f'events{size}.db'}")
                else:
                    with PostgresServer() as url:
                        job(url)


if __name__ == "__main__":
    main()
