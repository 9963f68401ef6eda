"""Web benchmark: API latency for filtered pages of events and incidents, and the page in headless Chromium.

Run with `python bench/web_bench.py [--events 33000] [--requests 300] [--backends sqlite postgresql] [--keep DB]`
(`--keep DB`: the SQLite store is built at DB and kept; a DB that exists already is reused as it is, not rebuilt).
Goals: p95 < 50 ms for a filtered page of 100 events and for a filtered page of 100 incidents, on SQLite and on
PostgreSQL; with 10,000 incidents or more, the page ready (markers, feed and timeline drawn) in < 1 s median,
and its feed scrolling without jank (it is virtualised: only the rows in view exist; frames are timed while it
scrolls from top to bottom).

The store is the bundled example page ingested once, then its rows (document, posts, furniture, mentions,
places, quantities, claims and their links, events) copied under new ids in one transaction, each copy's
dates shifted by a few days and its coordinates by a fraction of a degree, so that filters and the map
have spread. The API is served by uvicorn on a free loopback port in this process; Chromium is Debian's
(/usr/bin/chromium), driven by Playwright with the browser test's arguments.

A page load is timed from the navigation until the bench sees `body[data-ready=true]`, which the page sets once
markers, feed and timeline are drawn. The page is checked on every animation frame (the frame that paints what
was drawn): Playwright's `wait_for_selector` polls with a backoff that reaches one check per 500 ms after the
first 270 ms, which added up to half a second after the page was ready (a quarter on average) to every load. The
bench does not wait for the window's load event either (Playwright's default for a navigation): it adds only
what the page does not need to be ready (the favicon, the countries' outlines drawn under the markers when they
come); its time is reported beside the marks.
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import statistics
import sys
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
        if "ledger_rules" in new_doc:
            new_doc["ledger_rules"] = None  # and its ledger figures derived on first read (its dates are shifted)
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


def incident_params(base: str, count: int, seed: int = 11) -> list[dict[str, str]]:
    """Filtered pages of 100 incidents as the page asks for them: an ACLED type, a date window, sometimes a box."""
    with httpx.Client(base_url=base) as client:
        groups = client.get("/api/meta").json()["incident_types"]
    types = [g["event_type"] for g in groups] + [s for g in groups for s in g["sub_event_types"]] or ["Battles"]
    rng = random.Random(seed)
    end = date(2024, 11, 3)
    params = []
    for _ in range(count):
        until = end - timedelta(days=rng.randrange(0, 30))
        since = until - timedelta(days=rng.randrange(7, 60))
        p = {"limit": "100", "event_type": rng.choice(types), "since": since.isoformat(), "until": until.isoformat()}
        if rng.random() < 0.5:
            west, south = rng.uniform(22, 34), rng.uniform(44, 49)
            p["bbox"] = f"{west:.2f},{south:.2f},{west + 12:.2f},{south + 7:.2f}"
        params.append(p)
    return params


def measure(base: str, path: str, params: list[dict[str, str]], warmup: int = 20) -> dict[str, float]:
    timings, rows = [], []
    with httpx.Client(base_url=base, timeout=30) as client:
        for p in params[:warmup]:
            client.get(path, params=p).raise_for_status()
        for p in params:
            started = time.perf_counter()
            response = client.get(path, params=p)
            timings.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
            rows.append(len(response.json()["items"]))
    return {"p50": _percentile(timings, 50), "p95": _percentile(timings, 95), "p99": _percentile(timings, 99),
            "mean_rows": statistics.mean(rows), "n": len(timings)}


# Scroll the feed from top to bottom, a screenful per frame, timing every frame; the rows in the DOM are counted.
_SCROLL = """async () => {
  const feed = document.getElementById('feed');
  const frames = [];
  let most = 0, last = performance.now();
  feed.scrollTop = 0;
  while (feed.scrollTop + feed.clientHeight < feed.scrollHeight - 2 && frames.length < 600) {
    feed.scrollTop += feed.clientHeight;
    await new Promise(r => requestAnimationFrame(r));
    const now = performance.now();
    frames.push(now - last);
    last = now;
    most = Math.max(most, document.querySelectorAll('.feed-row').length);
  }
  return { frames, most, rows: feed.scrollHeight / 78 };
}"""


_READY = "() => document.body !== null && document.body.dataset.ready === 'true'"


def measure_page(base: str, runs: int = 3) -> dict[str, Any]:
    """Seconds from navigation to the page ready (markers, feed and timeline drawn), each run in a fresh browser
    context (cold cache), with the page's own marks (milliseconds from navigation to the incidents received and
    to feed, markers and timeline drawn); then frame times while the feed is scrolled through."""
    from playwright.sync_api import sync_playwright

    seconds: list[float] = []
    marks: dict[str, list[float]] = {}
    scroll: dict[str, Any] = {}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        for run in range(runs):
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            page = context.new_page()
            started = time.perf_counter()
            page.goto(base + "/", wait_until="commit")  # ready is the page's own mark, not the load event
            page.wait_for_function(_READY, polling="raf", timeout=120_000)  # every frame, not a 500 ms backoff
            seconds.append(time.perf_counter() - started)
            page.wait_for_load_state("load", timeout=120_000)
            loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            marks.setdefault("load event (not waited for)", []).append(loaded)
            for name, at in page.evaluate("performance.getEntriesByType('mark').map(m => [m.name, m.startTime])"):
                marks.setdefault(name, []).append(at)
            if run == runs - 1:
                scroll = page.evaluate(_SCROLL)
            context.close()
        browser.close()
    frames = scroll.get("frames") or [0.0]
    return {"loads": seconds, "frame_p50": _percentile(frames, 50), "frame_p95": _percentile(frames, 95),
            "frame_max": max(frames), "frames": len(frames), "rows_in_dom": scroll.get("most", 0),
            "rows": scroll.get("rows", 0), "marks": {name: statistics.median(v) for name, v in marks.items()}}


def incident_count(url: str) -> int:
    """Incidents (not generic) once the store's incident index is built, as the server builds it on start."""
    from warlog.reconcile.stored import ensure_indexed

    with Store(url) as store:
        ensure_indexed(store)
        with store.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(tables.incidents)
                                      .where(tables.incidents.c.generic.is_(False))).scalar_one()


def bench_backend(url: str, args: argparse.Namespace, page: bool, reuse: bool = False) -> dict[str, Any]:
    """Build a store at `url` (or reuse the one there), serve it, and time what a user of the API and the page
    waits for."""
    if reuse:
        with Store(url) as store:
            built: dict[str, Any] = {"counts": store.counts(), "ingest_s": 0.0, "copy_s": 0.0, "copies": 0}
    else:
        built = build_store(url, args.events)
    started = time.perf_counter()
    built["incidents"] = incident_count(url)
    built["index_s"] = time.perf_counter() - started
    with Server(url) as base:
        built["events_api"] = measure(base, "/api/events", filtered_queries(base, args.requests))
        built["incidents_api"] = measure(base, "/api/incidents", incident_params(base, args.requests))
        with httpx.Client(base_url=base, timeout=600) as client:  # the ledger of a large store takes a minute
            started = time.perf_counter()
            client.get("/api/incidents", params={"limit": "1000"}).raise_for_status()
            built["first_incident_page_ms"] = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            client.get("/api/ledger").raise_for_status()
            built["ledger_ms"] = (time.perf_counter() - started) * 1000
        if page:
            built["page"] = measure_page(base, args.runs)
    return built


def _report(name: str, built: dict[str, Any]) -> None:
    counts = built["counts"]
    print(f"\n{name}: {counts['events']:,} events, {built['incidents']:,} incidents (not generic), "
          f"{counts['documents']:,} documents (ingest {built['ingest_s']:.1f} s, copies {built['copy_s']:.1f} s, "
          f"incident index {built['index_s']:.1f} s)")
    print(f"{'measure':<58} {'value':>10}  goal")
    for label, key in (("events", "events_api"), ("incidents", "incidents_api")):
        api = built[key]
        print(f"{f'API filtered page of 100 {label}, p50 (ms)':<58} {api['p50']:>10.1f}")
        print(f"{f'API filtered page of 100 {label}, p95 (ms)':<58} {api['p95']:>10.1f}  < 50")
        print(f"{'  requests timed / mean rows per page':<58} {api['n']:>4} / {api['mean_rows']:>4.0f}")
    print(f"{'first page of 1000 incidents, once (ms)':<58} {built['first_incident_page_ms']:>10.1f}")
    print(f"{'ledger over the store, once (ms)':<58} {built['ledger_ms']:>10.1f}")
    page = built.get("page")
    if page:
        ready = statistics.median(page["loads"])
        print(f"{'page ready (markers, feed, timeline), median (s)':<58} {ready:>10.2f}  < 1")
        print(f"{'  page loads (s)':<58} {', '.join(f'{s:.2f}' for s in page['loads']):>10}")
        for name, at in page["marks"].items():  # where the time goes, from the page's own performance marks
            print(f"{f'  {name}, median (ms after navigation)':<58} {at:>10.0f}")
        print(f"{'feed scrolled through: frame p50 / p95 / max (ms)':<58} "
              f"{page['frame_p50']:>4.0f} / {page['frame_p95']:.0f} / {page['frame_max']:.0f}  p95 < 50")
        print(f"{'  frames / rows in the feed / most rows in the DOM':<58} "
              f"{page['frames']} / {page['rows']:.0f} / {page['rows_in_dom']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=33_000,
                        help="events in the store, at least (33,000 give the 10,000 incidents the goals speak of)")
    parser.add_argument("--requests", type=int, default=300, help="timed API requests")
    parser.add_argument("--runs", type=int, default=3, help="page loads")
    parser.add_argument("--backends", nargs="*", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--keep", type=Path, help="build the SQLite store at this path and keep it; reused as it "
                        "is when it exists")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="warlog-web-bench-"))
    try:
        if "sqlite" in args.backends:
            path = args.keep or folder / "warlog.db"
            reuse = args.keep is not None and args.keep.exists()
            if reuse:
                print(f"reusing the store at {path} (not rebuilt)")
            _report("SQLite", bench_backend(f"sqlite:///{path}", args, page=True, reuse=reuse))
        if "postgresql" in args.backends:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from pg_server import PostgresServer

            if not PostgresServer.available():
                print("\npostgresql skipped: no server binaries under /usr/lib/postgresql/*/bin")
            else:
                with PostgresServer() as url:
                    _report("PostgreSQL", bench_backend(url, args, page=False))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
