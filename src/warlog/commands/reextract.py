"""`warlog reextract [DOC…]`: extract stored documents again (by default those whose extraction failed)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from warlog.cli import DbOption, JsonOption, _fail, _open_store, _print_json, err, out
from warlog.errors import StoreUnavailableError, WarlogError


def register(app: typer.Typer) -> None:
    app.command("reextract")(reextract_command)


def reextract_command(
    documents: Annotated[list[str] | None, typer.Argument(help="Document ids (or their first characters).")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every stored document, not only those that failed.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Extract stored documents again: those named, or every one whose extraction failed (after an upgrade)."""
    from warlog.reextract import reextract

    store = _open_store(db)
    try:
        if documents:
            ids = [store.resolve_id(d) for d in documents]
        else:
            ids = store.document_ids(None if every else "failed")
    except WarlogError as exc:
        store.close()
        raise _fail(str(exc)) from exc
    if not ids:
        store.close()
        if as_json:
            _print_json([])
        else:
            out.print("no document to extract again: none failed (name documents, or use --all)")
        return
    with Progress(TextColumn("[bold]reextract[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("", total=len(ids))

        def done(result) -> None:
            progress.advance(task)
            if result.status == "failed":
                err.print(f"[red]error:[/red] {escape(result.origin)}: extraction failed again at the "
                          f"{result.stage} stage ({escape(result.error or '')})", soft_wrap=True)

        try:
            results = reextract(store, ids, done)
        except StoreUnavailableError as exc:
            raise _fail(f"{exc} — nothing half-written; run the same command again when the database can be "
                        "written") from exc
        finally:
            store.close()
    failed = sum(r.status == "failed" for r in results)
    if as_json:
        _print_json([vars(r) for r in results])
    else:
        out.print(f"{len(results) - failed} extracted again, {failed} failed")
    if failed:
        raise typer.Exit(1)
