"""Running the units on Dask: a LocalCluster by default, or an existing scheduler by address.

Workers are processes with one thread each: spaCy's parse holds the GIL for much of its time, so
threads would not add throughput, and one task per process keeps a worker's memory to one unit. The
client submits every unit not already done, writes each result as it completes (`as_completed`), and
so can report progress and keep partial work when the run is cut off. A task that dies with its
worker (killed, out of memory) is reported as failed and not marked done, so the next run retries it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from warlog.batch.partitions import done_markers, remove_leftovers, remove_stale, write_unit
from warlog.batch.plan import BatchOptions, WorkUnit
from warlog.batch.task import UnitResult, run_unit
from warlog.errors import BatchError


@dataclass
class BatchSummary:
    """What a run did, for the summary table and the exit status."""

    units: int = 0
    skipped: int = 0
    completed: int = 0
    documents: int = 0
    failures: list[dict] = field(default_factory=list)  # {"origin", "reason"} per failed document or input
    crashed: list[tuple[str, str]] = field(default_factory=list)  # (unit label, reason): not marked done
    replaced: int = 0
    seconds: float = 0.0
    task_seconds: float = 0.0  # summed over the units run now: wall time inside the tasks
    task_cpu_seconds: float = 0.0  # and the CPU time they got
    workers: int = 0


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator:
    """A connected `distributed.Client`, and its LocalCluster when we started one (closed on exit)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise BatchError(f"--scheduler {scheduler}: cannot connect ({exc}); start one with `dask scheduler` "
                             "and `dask worker`, or leave --scheduler out to run a local cluster") from exc
        with client:
            yield client
        return
    if workers < 1:
        raise BatchError(f"--workers {workers}: give at least 1")
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def run_batch(
    units: list[WorkUnit],
    options: BatchOptions,
    out: Path,
    client,
    on_unit_done: Callable[[WorkUnit, UnitResult | None], None] | None = None,
) -> BatchSummary:
    """Run every unit not already done in `out`; write each as it completes."""
    from distributed import as_completed

    began = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    done = done_markers(out)
    summary = BatchSummary(units=len(units), replaced=len(remove_stale(out, units, done)))
    summary.workers = len(client.nthreads())
    pending = [u for u in units if u.key not in done]
    summary.skipped = len(units) - len(pending)
    futures = {client.submit(run_unit, unit, options, key=f"warlog-unit-{unit.key}", pure=False): unit
               for unit in pending}
    for future in as_completed(futures):
        unit = futures.pop(future)
        try:
            result: UnitResult = future.result()
        except Exception as exc:  # noqa: BLE001 - a dead worker or an unpicklable result: report, retry next run
            summary.crashed.append((unit.label, f"{type(exc).__name__}: {exc}"))
            if on_unit_done is not None:
                on_unit_done(unit, None)
            continue
        finally:
            future.release()
        write_unit(out, result)
        summary.completed += 1
        summary.documents += result.documents
        summary.task_seconds += result.seconds
        summary.task_cpu_seconds += result.cpu_seconds
        failures = result.tables["failures"].select(["origin", "reason"]).to_pylist()
        summary.failures.extend(failures)
        if on_unit_done is not None:
            on_unit_done(unit, result)
    summary.seconds = time.perf_counter() - began
    return summary
