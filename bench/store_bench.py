"""Store benchmark: ingest rate into SQLite and PostgreSQL, and API query latency at 10,000 and 100,000 events.

Run: `python bench/store_bench.py [--docs 2000] [--sizes 10000 100000] [--backends sqlite postgresql]`.

Ingest: documents of `bench/corpus.py` are read, cleaned, segmented and extracted once, before any
timing; then `Store.add_document` stores `--docs` of them (cycled, each copy under a new id: one
transaction per document, as `warlog ingest` does), so the figures are the store's alone: documents/s
and rows/s (every row of every table: documents, posts, furniture, mentions, quantities, claims,
places, events).

Queries: a store of N events is synthesised as `bench/web_bench.py` does it (the example page ingested,
its rows copied with dates and points shifted), then the API's main queries are sent through FastAPI's
in-process TestClient (no network, so the time is the app's and the database's): p50 and p95 over
`--requests` requests each, after a few warm-up requests. The ledger reconciles the whole store on its
first request and is cached until the store changes: its first request is timed once, apart.

PostgreSQL is a throwaway server on a loopback port (`bench/pg_server.py`); without Debian's server
binaries it is skipped with a message.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from corpus import documents
from pg_server import PostgresServer
from web_bench import _percentile, build_store, filter_params

from warlog.store import Store


def prepared_documents(count: int) -> list:
    """(document, posts, extraction) for `count` corpus documents: the work done before timing the store."""
    from warlog.extract.document import extract
    from warlog.pipeline import prepare
    from warlog.sources.text import read_text

    out = []
    for number, record in enumerate(documents(count, seed=5)):
        published = datetime.fromisoformat(record["published"])
        document = read_text(record["text"], f"bench {number}", published=published, source=record["source"],
                             title=record["title"])
        posts = prepare(document)
        out.append((document, posts, extract(document, posts)))
    return out


def measure_ingest(url: str, prepared: list, count: int) -> dict[str, float]:
    """Store `count` documents (copies of the prepared ones under new ids), one transaction each."""
    with Store(url) as store:
        before = sum(store.counts().values())
        started = time.perf_counter()
        for number in range(count):
            document, posts, extraction = prepared[number % len(prepared)]
            copy = dataclasses.replace(document, id=f"{number:08x}{document.id[8:]}")
            if not store.add_document(copy, posts, extraction):
                raise SystemExit(f"document copy {number} was not stored")
        elapsed = time.perf_counter() - started
        rows = sum(store.counts().values()) - before
    return {"seconds": elapsed, "docs_s": count / elapsed, "rows_s": rows / elapsed, "rows": rows}


def _time(client, path: str, params_list: list[dict], warmup: int = 3) -> dict[str, float]:
    for params in params_list[:warmup]:
        client.get(path, params=params).raise_for_status()
    timings = []
    for params in params_list:
        started = time.perf_counter()
        response = client.get(path, params=params)
        timings.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return {"p50": _percentile(timings, 50), "p95": _percentile(timings, 95), "n": len(timings)}


def measure_queries(url: str, requests: int, ledger: bool = True) -> dict[str, dict[str, float]]:
    """p50/p95 of the API's main queries over the store at `url`."""
    from fastapi.testclient import TestClient

    from warlog.web.api import create_app

    rng = random.Random(3)
    app = create_app(url)
    results: dict[str, dict[str, float]] = {}
    with TestClient(app) as client:
        first = client.get("/api/events", params={"limit": "100"}).json()["items"]
        documents_page = client.get("/api/documents", params={"limit": "100"}).json()["items"]
        event_ids = [item["id"] for item in first]
        document_ids = [item["id"] for item in documents_page]
        if ledger:
            started = time.perf_counter()
            client.get("/api/ledger").raise_for_status()
            results["ledger, first request (reconciles the store)"] = {
                "p50": (time.perf_counter() - started) * 1000, "p95": float("nan"), "n": 1}
        paging = [{"limit": "100", "offset": str(rng.randrange(0, 5000))} for _ in range(requests)]
        plan = {
            "events, page of 100 (offset < 5000)": ("/api/events", paging),
            "events, filtered (type, dates, box)": ("/api/events", filter_params(
                client.get("/api/meta").json()["event_types"], requests)),
            "events, 1000 + per_day (the map page)": ("/api/events", [{"limit": "1000", "per_day": "true"}]
                                                       * max(5, requests // 10)),
            "event by id": ("/api/events/{id}", [{"id": rng.choice(event_ids)} for _ in range(requests)]),
            "claims, page of 100": ("/api/claims", paging),
            "claims by speaker": ("/api/claims", [{"speaker": rng.choice(["Zakharova", "Blinken", "Syrskyi"])}
                                                  for _ in range(requests)]),
            "places in a box": ("/api/places", [{"bbox": "30,45,40,52", "limit": "100"}] * requests),
            "documents, page of 100": ("/api/documents", paging),
            "document by id (text, posts)": ("/api/documents/{id}", [{"id": rng.choice(document_ids)}
                                                                     for _ in range(requests)]),
            "meta (filters)": ("/api/meta", [{}] * requests),
        }
        if ledger:
            plan["ledger, cached"] = ("/api/ledger", [{}] * max(5, requests // 10))
        for name, (path, params_list) in plan.items():
            if "{id}" in path:
                timings = []
                for params in params_list:
                    started = time.perf_counter()
                    client.get(path.format(id=params["id"])).raise_for_status()
                    timings.append((time.perf_counter() - started) * 1000)
                results[name] = {"p50": _percentile(timings, 50), "p95": _percentile(timings, 95), "n": len(timings)}
            else:
                results[name] = _time(client, path, params_list)
    app.state.store.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents stored in the ingest measurement")
    parser.add_argument("--prepared", type=int, default=40, help="distinct documents extracted beforehand")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="events in the store")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per query")
    parser.add_argument("--backends", nargs="*", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--ledger-max", type=int, default=10_000,
                        help="time the ledger only on stores of at most this many events (it reconciles them all)")
    args = parser.parse_args()
    backends = list(args.backends)
    if "postgresql" in backends and not PostgresServer.available():
        print("postgresql skipped: no server binaries under /usr/lib/postgresql/*/bin")
        backends.remove("postgresql")

    with tempfile.TemporaryDirectory(prefix="warlog-store-bench-") as name:
        folder = Path(name)

        def run(backend: str, label: str, job):
            if backend == "sqlite":
                return job(f"sqlite:///{folder / (label + '.db')}")
            with PostgresServer() as url:
                return job(url)

        if not args.skip_ingest:
            started = time.perf_counter()
            prepared = prepared_documents(args.prepared)
            print(f"ingest: {args.prepared} corpus documents extracted beforehand in "
                  f"{time.perf_counter() - started:.0f} s (not timed); {args.docs:,} stored, one transaction each")
            print(f"{'backend':<12} {'seconds':>8} {'docs/s':>8} {'rows':>10} {'rows/s':>9}")
            for backend in backends:
                figures = run(backend, "ingest", lambda url: measure_ingest(url, prepared, args.docs))
                print(f"{backend:<12} {figures['seconds']:>8.1f} {figures['docs_s']:>8.1f} {figures['rows']:>10,} "
                      f"{figures['rows_s']:>9,.0f}", flush=True)

        for size in args.sizes:
            for backend in backends:
                def job(url: str, size: int = size) -> tuple[dict, dict]:
                    started = time.perf_counter()
                    built = build_store(url, size)
                    built["build_s"] = time.perf_counter() - started
                    return built, measure_queries(url, args.requests, ledger=size <= args.ledger_max)

                built, results = run(backend, f"events{size}", job)
                counts = built["counts"]
                print(f"\nqueries on {backend}: {counts['events']:,} events, {counts['documents']:,} documents, "
                      f"{counts['mentions']:,} mentions (store built in {built['build_s']:.0f} s)")
                print(f"{'query':<48} {'p50 ms':>9} {'p95 ms':>9} {'n':>5}")
                for query, figures in results.items():
                    p95 = "" if figures["p95"] != figures["p95"] else f"{figures['p95']:>9.1f}"
                    print(f"{query:<48} {figures['p50']:>9.1f} {p95:>9} {figures['n']:>5}", flush=True)
                print(f"{'(median of all p95)':<48} {'':>9} "
                      f"{statistics.median(f['p95'] for f in results.values() if f['n'] > 1):>9.1f}")


if __name__ == "__main__":
    main()
