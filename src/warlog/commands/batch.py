"""`warlog batch` and `warlog load`: extraction over many files on Dask, and its output into the store.

`batch` never touches the database: its output is a folder of Parquet partitions that DuckDB, pandas
or `warlog load` read. Failed documents are listed in a table and kept in `failures/`; the exit
status is 1 only when nothing could be done (no inputs, or no document extracted and no unit done
before), or when a task died with its worker — then the output is incomplete and a re-run finishes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from warlog import settings
from warlog.cli import (
    DbOption,
    JsonOption,
    PublishedOption,
    SourceOption,
    _fail,
    _open_store,
    _print_json,
    _published_date,
    err,
    out,
)
from warlog.errors import WarlogError
from warlog.pipeline import REPETITION_WINDOW
from warlog.sources import expand_targets

_SHOWN_FAILURES = 50


def _progress(title: str) -> Progress:
    return Progress(TextColumn(f"[bold]{title}[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.description}"), console=err, transient=True, disable=not err.is_terminal)


def _print_failures(failures: list[dict], where: str) -> None:
    if not failures:
        return
    table = Table(title=f"{len(failures)} failed (all in {where})", title_justify="left")
    table.add_column("input", overflow="fold")  # folded, never cut: the path is what a person acts on
    table.add_column("reason", overflow="fold")
    for failure in failures[:_SHOWN_FAILURES]:
        reason = failure["reason"]
        origin = failure["origin"]
        if reason.startswith(f"{origin}: "):
            reason = reason[len(origin) + 2:]
        table.add_row(escape(origin), escape(reason))
    out.print(table)
    if len(failures) > _SHOWN_FAILURES:
        out.print(f"… and {len(failures) - _SHOWN_FAILURES} more", markup=False)


def batch_command(
    targets: Annotated[list[str], typer.Argument(help="Files and folders: JSONL, WARC, HTML, text, feeds.")],
    out_dir: Annotated[str, typer.Option("--out", "-o", help="Output folder of Parquet partitions.")],
    scheduler: Annotated[
        str | None, typer.Option(help="Address of a running dask.distributed scheduler, e.g. tcp://10.0.0.5:8786.")
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes of the local cluster (without --scheduler).")] = 2,
    chunk: Annotated[
        int, typer.Option(help="Records per work unit when a JSONL or WARC file is split.")
    ] = REPETITION_WINDOW,
    published: PublishedOption = None,
    source: SourceOption = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Largest input to read, in bytes (per record in a split file).")
    ] = None,
    any_language: Annotated[
        bool, typer.Option("--any-language", help="Extract documents that are not in English too.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Extract many files on Dask into Parquet partitions (documents, posts, claims, events, failures…)."""
    from warlog.batch.plan import BatchOptions, plan_units
    from warlog.batch.run import dask_client, run_batch

    when = _published_date(published)
    if chunk < 1:
        raise _fail(f"--chunk {chunk}: give at least 1")
    if any(t == "-" or "://" in t for t in targets):
        raise _fail("warlog batch reads files and folders only; use `warlog ingest` for URLs and standard input")
    out_path = Path(out_dir)
    if out_path.exists() and not out_path.is_dir():
        raise _fail(f"--out {out_dir}: is a file; give a folder (it is created if missing)")
    options = BatchOptions(published=when.isoformat() if when else None, source=source, any_language=any_language,
                           max_bytes=max_bytes or settings.max_bytes())
    # The output folder may sit inside an input folder; its Parquet files are no news to read next time.
    inputs = [t for t in expand_targets(targets) if not Path(t).resolve().is_relative_to(out_path.resolve())]
    if not inputs:
        raise _fail(f"{', '.join(targets)}: no files found")
    with _progress("plan") as progress:
        progress.add_task(f"{len(inputs)} files", total=None)
        units = plan_units(inputs, options, chunk)
    try:
        with dask_client(scheduler, workers) as client, _progress("batch") as progress:
            task = progress.add_task("", total=len(units))
            progress.update(task, completed=0)

            def advance(unit, result) -> None:
                progress.update(task, advance=1, description=escape(unit.label[-60:]))

            summary = run_batch(units, options, out_path, client, on_unit_done=advance)
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    except OSError as exc:
        raise _fail(f"--out {out_dir}: cannot write ({exc.strerror or exc})") from exc
    for label, reason in summary.crashed:
        err.print(f"[red]error:[/red] {escape(label)}: the task died ({escape(reason)}); run again to retry it",
                  soft_wrap=True)
    if as_json:
        _print_json({"units": summary.units, "skipped": summary.skipped, "completed": summary.completed,
                     "replaced": summary.replaced, "documents": summary.documents, "failures": summary.failures,
                     "crashed": [{"unit": u, "reason": r} for u, r in summary.crashed],
                     "seconds": round(summary.seconds, 3), "workers": summary.workers})
    else:
        _print_failures(summary.failures, f"{out_dir}/failures/")
        rate = summary.documents / summary.seconds if summary.seconds else 0.0
        out.print(f"{summary.units} units: {summary.completed} done now, {summary.skipped} already done"
                  + (f", {summary.replaced} replaced (input changed)" if summary.replaced else "")
                  + f"; {summary.documents} documents extracted, {len(summary.failures)} failed; "
                  f"{summary.workers} workers, {summary.seconds:.1f} s ({rate:.2f} documents/s) -> {out_dir}",
                  markup=False, soft_wrap=True)
    nothing_done = summary.documents == 0 and summary.skipped == 0
    if summary.crashed or nothing_done:
        raise typer.Exit(1)


def load_command(
    folder: Annotated[str, typer.Argument(help="The --out folder of a `warlog batch` run.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Store the documents, posts, claims and events of a `warlog batch` output folder (loading twice adds nothing)."""
    from warlog.batch.load import completed_units, load_output

    try:
        units = completed_units(Path(folder))
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    store = _open_store(db)
    try:
        with _progress("load") as progress:
            task = progress.add_task("", total=len(units))
            summary = load_output(Path(folder), store, on_unit_done=lambda _n: progress.advance(task))
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    except OSError as exc:
        raise _fail(f"{folder}: cannot read a partition ({exc.strerror or exc}); run `warlog batch` again") from exc
    finally:
        store.close()
    if as_json:
        _print_json({"units": summary.units, "stored": summary.stored, "already_stored": summary.already,
                     "failures": len(summary.failures)})
        return
    out.print(f"{summary.units} units: {summary.stored} documents stored, {summary.already} already stored; "
              f"{len(summary.failures)} failures recorded by the batch run (see {folder}/failures/)",
              markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch_command)
    app.command("load")(load_command)
