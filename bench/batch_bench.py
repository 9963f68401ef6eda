"""Documents per second of `warlog batch` on 1 and 2 Dask workers, beside a serial run in this process.

Run: `python bench/batch_bench.py [--docs N] [--workers 1 2] [--chunk C]`. The corpus is generated from
the only news text the repository ships, the example live blog (`examples/`): its paragraphs are dealt
into N short articles (a headline, three to six paragraphs in a random order, a publication date and a
source name drawn per article), so every document is different (content-hash ids) and long and short
ones mix. Half are plain-text files, half are records of one JSON Lines file that `batch` cuts into
slices of `--chunk` records, so both kinds of work unit are measured.

For each worker count a fresh LocalCluster is started, every worker extracts one short document first
(a warm-up, timed apart: spaCy, the gazetteer and the lazily built caches are loaded once per
process), then the whole corpus is run `--repeat` times into fresh output folders and the best run
counts (the machine is shared: the fastest run is the one least disturbed). The serial figure is the
same read -> prepare -> extract loop in this one process with nothing written: what one core reaches
without Dask, to show what Dask costs and what the second worker adds. Compare figures of one run.

Other work on the machine takes cores away from the workers, so beside wall-clock documents/s the
table shows the CPU seconds the tasks actually got per document (thread time inside the tasks) and the
load average before each setting: a second worker only adds throughput when a second core is free.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "independent-liveblog-2024-11-03.txt"
SOURCES = ("Agency A", "Agency B", "Agency C", "Agency D")


def paragraphs() -> list[str]:
    """Lines of the example that read as news paragraphs (long enough, not a timestamp or a heading)."""
    lines = [line.strip() for line in EXAMPLE.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if len(line.split()) >= 15]


def build_corpus(folder: Path, count: int, seed: int = 7) -> list[str]:
    """`count` different articles: half text files, half lines of one JSONL file. Returns the inputs."""
    rng = random.Random(seed)
    pool = paragraphs()
    records = []
    (folder / "text").mkdir(parents=True)
    for number in range(count):
        chosen = rng.sample(pool, rng.randint(3, min(6, len(pool))))
        headline = " ".join(chosen[0].split()[:8]).rstrip(",.;:")
        day = date(2024, 11, 3) - timedelta(days=rng.randrange(60))
        text = "\n".join([headline, *chosen]) + "\n"
        if number % 2 == 0:
            (folder / "text" / f"article-{number:04d}.txt").write_text(text, encoding="utf-8")
        else:
            records.append(json.dumps({"text": text, "published": day.isoformat(), "source": rng.choice(SOURCES)}))
    (folder / "wire.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return [str(folder / "text"), str(folder / "wire.jsonl")]


def serial(inputs: list[str], chunk: int, repeat: int) -> dict:
    """Read -> prepare -> extract in this process, nothing written; the best of `repeat` runs after warm-up."""
    from warlog.batch.plan import BatchOptions, plan_units
    from warlog.batch.task import run_unit
    from warlog.sources import expand_targets

    _warm()
    options = BatchOptions(published="2024-11-03T00:00:00")
    units = plan_units(expand_targets(inputs), options, chunk)
    load = os.getloadavg()[0]
    best, cpu, documents = float("inf"), 0.0, 0
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.thread_time()
        documents = sum(run_unit(unit, options).documents for unit in units)
        if time.perf_counter() - started < best:
            best, cpu = time.perf_counter() - started, time.thread_time() - cpu_started
    return {"workers": 0, "units": len(units), "documents": documents, "failures": 0, "load": load, "run": best,
            "cpu": cpu}


def _warm() -> None:
    """Extract one short document, so the run measures steady work, not first-call loading."""
    from warlog.extract.document import extract
    from warlog.pipeline import prepare
    from warlog.sources.text import read_text

    document = read_text("Warm-up\n" + paragraphs()[0], "warm-up")
    extract(document, prepare(document))


def on_dask(inputs: list[str], workers: int, chunk: int, repeat: int) -> dict:
    from distributed import Client, LocalCluster

    from warlog.batch.plan import BatchOptions, plan_units
    from warlog.batch.run import run_batch
    from warlog.sources import expand_targets

    options = BatchOptions(published="2024-11-03T00:00:00")
    units = plan_units(expand_targets(inputs), options, chunk)
    load = os.getloadavg()[0]
    began = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        started = time.perf_counter()
        client.run(_warm)
        warmed = time.perf_counter()
        best, cpu = float("inf"), 0.0
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as out:
                run_started = time.perf_counter()
                summary = run_batch(units, options, Path(out), client)
                if time.perf_counter() - run_started < best:
                    best, cpu = time.perf_counter() - run_started, summary.task_cpu_seconds
            assert not summary.crashed, summary.crashed
    return {"workers": workers, "units": len(units), "documents": summary.documents,
            "failures": len(summary.failures), "start": started - began, "warm": warmed - started, "run": best,
            "cpu": cpu, "load": load}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=120)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--chunk", type=int, default=10, help="JSONL records per work unit")
    parser.add_argument("--repeat", type=int, default=2, help="runs per setting; the best counts")
    args = parser.parse_args()
    console = Console(width=150)
    with tempfile.TemporaryDirectory() as folder:
        inputs = build_corpus(Path(folder), args.docs)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in Path(folder).rglob("*.txt"))
        base = serial(inputs, args.chunk, args.repeat)
        runs = [on_dask(inputs, n, args.chunk, args.repeat) for n in args.workers]
    table = Table(title=f"warlog batch: {args.docs} generated documents (text files: {words:,} words), "
                  f"JSONL chunk {args.chunk}; best of {args.repeat} runs", title_justify="left")
    for column in ("run", "units", "documents", "failed", "load avg", "cluster start s", "warm-up s", "run s",
                   "documents/s", "vs serial", "task CPU s/document"):
        table.add_column(column, justify="left" if column == "run" else "right")
    serial_rate = base["documents"] / base["run"]
    for run in [base, *runs]:
        rate = run["documents"] / run["run"]
        name = ("serial, this process" if not run["workers"]
                else f"Dask, {run['workers']} worker{'s' if run['workers'] > 1 else ''}")
        table.add_row(name, str(run["units"]), str(run["documents"]), str(run["failures"]), f"{run['load']:.1f}",
                      f"{run['start']:.1f}" if "start" in run else "", f"{run['warm']:.1f}" if "warm" in run else "",
                      f"{run['run']:.1f}", f"{rate:.2f}", f"{rate / serial_rate:.2f}",
                      f"{run['cpu'] / max(run['documents'], 1):.3f}")
    console.print(table)
    if len(runs) >= 2:
        first = runs[0]["documents"] / runs[0]["run"]
        for run in runs[1:]:
            console.print(f"{run['workers']} workers vs {runs[0]['workers']}: "
                          f"{run['documents'] / run['run'] / first:.2f}x documents/s")
    console.print(f"{os.cpu_count()} CPUs; load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
