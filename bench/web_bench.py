"""Web benchmark: API latency for a filtered page of events, and the page's load time in headless Chromium.

Run with `python bench/web_bench.py [--events 10000] [--requests 300] [--keep DB]`. Goals (issue "warlog 4/6 —
reconcile and show"): p95 < 50 ms for a filtered page of 100 events, page load (navigation to every marker and
the timeline drawn) < 2 s, over a store of >= 10,000 events.

The store is the bundled example page ingested once, then its rows (document, posts, furniture, mentions,
places, quantities, claims and their links, events) copied under new ids in one transaction, each copy's
dates shifted by a few days and its coordinates by a fraction of a degree, so that filters and the map
have spread. The API is served by uvicorn on a free loopback port in this process; Chromium is Debian's
(/usr/bin/chromium), driven by Playwright with the browser test's arguments.
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import statistics
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from warlog.pipeline import ingest
from warlog.sources import ReadOptions
from warlog.store import Store, tables
from warlog.web.api import create_app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "independent-liveblog-2024-11-03.txt"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SOURCES = ["The Independent", "Kyiv Independent", "Reuters"]
DAYS_SPREAD = 90  # copies are spread over this many days before the example's date

# Integer-keyed tables copied per document, in foreign-key order, with the columns pointing at each other.
COPIED = ["posts", "furniture", "mentions", "places", "quantities", "claims", "events"]
REFERENCES = {
    "quantities": {"fraction_of_id": "quantities"},
    "claims": {"speaker_mention_id": "mentions"},
    "events": {"place_id": "places", "killed_quantity_id": "quantities", "injured_quantity_id": "quantities",
               "claim_id": "claims"},
}


def _shift(value: Any, days: int) -> Any:
    return value + timedelta(days=days) if isinstance(value, date | datetime) and value is not None else value


def build_store(url: str, wanted_events: int, seed: int = 4) -> dict[str, Any]:
    """Ingest the example once, then copy its rows until the store holds at least `wanted_events` events."""
    rng = random.Random(seed)
    started = time.perf_counter()
    store = Store(url)
    ingest([str(EXAMPLE)], store, ReadOptions(published=datetime(2024, 11, 3), source=SOURCES[0]))
    ingested = time.perf_counter() - started
    engine = store.engine
    with engine.connect() as connection:
        document = dict(connection.execute(select(tables.documents)).one()._mapping)
        rows = {name: [dict(r._mapping) for r in connection.execute(
            select(tables.metadata.tables[name]).order_by(tables.metadata.tables[name].c.id))] for name in COPIED}
        links = [dict(r._mapping) for r in connection.execute(select(tables.claim_quantities))]
        step = {name: (connection.execute(select(func.max(tables.metadata.tables[name].c.id))).scalar() or 0)
                for name in COPIED}
    per_copy = max(1, len(rows["events"]))
    copies = max(0, -(-(wanted_events - len(rows["events"])) // per_copy))

    started = time.perf_counter()
    batches: dict[str, list[dict[str, Any]]] = {name: [] for name in ["documents", *COPIED, "claim_quantities"]}
    for k in range(1, copies + 1):
        days = -rng.randrange(DAYS_SPREAD)
        new_id = f"{k:08x}" + document["id"][8:]
        new_doc = dict(document, id=new_id, title=f"{document['title']} (copy {k})", source=SOURCES[k % len(SOURCES)],
                       published=_shift(document["published"], days), url=None, origin=f"bench-copy-{k}",
                       incidents_indexed=False)  # put in the incident index on first read, as an older store
        batches["documents"].append(new_doc)
        d_lat, d_lon = rng.uniform(-1.5, 1.5), rng.uniform(-2.0, 2.0)
        for name in COPIED:
            for row in rows[name]:
                new = dict(row, id=row["id"] + k * step[name], document_id=new_id)
                for column, target in REFERENCES.get(name, {}).items():
                    if new[column] is not None:
                        new[column] += k * step[target]
                for column in ("date_start", "date_end", "published"):
                    if column in new:
                        new[column] = _shift(new[column], days)
                if name == "places" and new["lat"] is not None:
                    new["lat"] = max(-90.0, min(90.0, new["lat"] + d_lat + rng.uniform(-0.2, 0.2)))
                    new["lon"] = max(-180.0, min(180.0, new["lon"] + d_lon + rng.uniform(-0.2, 0.2)))
                batches[name].append(new)
        batches["claim_quantities"].extend(
            {"claim_id": link["claim_id"] + k * step["claims"],
             "quantity_id": link["quantity_id"] + k * step["quantities"]} for link in links)
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")  # a quantity may point at a later one
        for name, batch in batches.items():
            if batch:
                connection.execute(tables.metadata.tables[name].insert(), batch)
    copied = time.perf_counter() - started
    counts = store.counts()
    store.close()
    return {"counts": counts, "ingest_s": ingested, "copy_s": copied, "copies": copies}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """uvicorn serving the app on a free loopback port, in a thread of this process."""

    def __init__(self, url: str):
        import uvicorn

        self.port = _free_port()
        self.app = create_app(url)
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        if not self.server.started:
            raise RuntimeError("the server did not start")
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *_exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.app.state.store.close()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def filtered_queries(base: str, count: int, seed: int = 7) -> list[dict[str, str]]:
    """Filtered pages of 100 events: a type, a date window and a box, varied across requests."""
    with httpx.Client(base_url=base) as client:
        types = client.get("/api/meta").json()["event_types"]
    return filter_params(types, count, seed)


def filter_params(event_types: list[str], count: int, seed: int = 7) -> list[dict[str, str]]:
    """`filtered_queries` from the store's event types (for callers that are not on a socket)."""
    rng = random.Random(seed)
    types = [t for t in event_types if t != "other"] or ["other"]
    end = date(2024, 11, 3)
    params = []
    for _ in range(count):
        until = end - timedelta(days=rng.randrange(0, 30))
        since = until - timedelta(days=rng.randrange(7, 60))
        west, south = rng.uniform(22, 34), rng.uniform(44, 49)
        params.append({"limit": "100", "event_type": rng.choice(types), "since": since.isoformat(),
                       "until": until.isoformat(), "bbox": f"{west:.2f},{south:.2f},{west + 12:.2f},{south + 7:.2f}"})
    return params


def measure_api(base: str, params: list[dict[str, str]], warmup: int = 20) -> dict[str, float]:
    timings, rows = [], []
    with httpx.Client(base_url=base, timeout=30) as client:
        for p in params[:warmup]:
            client.get("/api/events", params=p).raise_for_status()
        for p in params:
            started = time.perf_counter()
            response = client.get("/api/events", params=p)
            timings.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
            rows.append(len(response.json()["items"]))
    return {"p50": _percentile(timings, 50), "p95": _percentile(timings, 95), "p99": _percentile(timings, 99),
            "mean_rows": statistics.mean(rows), "n": len(timings)}


def measure_page(base: str, runs: int = 3) -> list[float]:
    """Seconds from navigation to markers and timeline drawn, each run in a fresh browser context (cold cache)."""
    from playwright.sync_api import sync_playwright

    drawn = ("document.querySelectorAll('path.leaflet-interactive').length > 0 && "
             "document.querySelectorAll('#timeline .day').length > 0")
    seconds = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        for _ in range(runs):
            # bypass_csp: the page's CSP forbids string evaluation, which wait_for_function(str) relies on
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
            page = context.new_page()
            started = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_function(drawn, timeout=60_000, polling="raf")
            seconds.append(time.perf_counter() - started)
            context.close()
        browser.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="events in the store, at least")
    parser.add_argument("--requests", type=int, default=300, help="timed API requests")
    parser.add_argument("--runs", type=int, default=3, help="page loads")
    parser.add_argument("--keep", type=Path, help="build the store at this path and keep it")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="warlog-web-bench-"))
    path = args.keep or folder / "warlog.db"
    url = f"sqlite:///{path}"
    try:
        built = build_store(url, args.events)
        counts = built["counts"]
        print(f"store: {counts['events']:,} events, {counts['places']:,} places, {counts['claims']:,} claims, "
              f"{counts['documents']:,} documents, {path.stat().st_size / 1e6:.1f} MB "
              f"(ingest {built['ingest_s']:.1f} s, copies {built['copy_s']:.1f} s)")
        with Server(url) as base:
            api = measure_api(base, filtered_queries(base, args.requests))
            with httpx.Client(base_url=base, timeout=60) as client:
                started = time.perf_counter()
                client.get("/api/events", params={"limit": "1000", "per_day": "true"}).raise_for_status()
                page_request = (time.perf_counter() - started) * 1000
                started = time.perf_counter()
                client.get("/api/ledger").raise_for_status()
                ledger_request = (time.perf_counter() - started) * 1000
            loads = measure_page(base, args.runs)
        load = statistics.median(loads)
        print()
        print(f"{'measure':<52} {'value':>10}  goal")
        print(f"{'API filtered page of 100, p50 (ms)':<52} {api['p50']:>10.1f}")
        print(f"{'API filtered page of 100, p95 (ms)':<52} {api['p95']:>10.1f}  < 50")
        print(f"{'API filtered page of 100, p99 (ms)':<52} {api['p99']:>10.1f}")
        print(f"{'  requests timed / mean rows per page':<52} {api['n']:>4} / {api['mean_rows']:>4.0f}")
        print(f"{'page request: 1000 events + per_day, once (ms)':<52} {page_request:>10.1f}")
        print(f"{'ledger over the store, once (ms)':<52} {ledger_request:>10.1f}")
        print(f"{'page load to markers + timeline, median (s)':<52} {load:>10.2f}  < 2")
        print(f"{'  page loads (s)':<52} {', '.join(f'{s:.2f}' for s in loads):>10}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
