"""The `warlog` command: a thin shell over the library.

Tables and progress for people, `--json` for scripts (one JSON document on stdout). Errors are one
line each on stderr, naming the input and the reason; the exit status is non-zero when any input
failed, and the inputs that were fine are stored all the same.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from warlog import settings
from warlog.errors import StoreUnavailableError, WarlogError
from warlog.ingest_summary import IngestSummary
from warlog.pipeline import extract_safely, iter_ingest_target, prepare
from warlog.sources import ReadOptions, expand_targets, read_target
from warlog.sources.dates import parse_user_date
from warlog.store import Store

app = typer.Typer(
    help="Turn conflict news into sourced, structured data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None, typer.Option("--db", help="Database URL or SQLite path (default ./warlog.db, or WARLOG_DB).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)  # one line, however long
    return typer.Exit(code)


PublishedOption = Annotated[
    str | None, typer.Option(help="Publication date for inputs that do not carry one (e.g. 2024-11-03).")
]
SourceOption = Annotated[str | None, typer.Option(help="Name of the publisher, e.g. 'The Independent'.")]


def _published_date(published: str | None) -> datetime | date | None:
    """The `--published` option read as a date, or a one-line error: relative dates hang on it, so no guessing."""
    if published is None:
        return None
    when = parse_user_date(published)
    if when is None:
        raise _fail(f"--published {published!r}: not a date; use a form like 2024-11-03")
    return when


def _open_store(db: str | None) -> Store:
    try:
        return Store(db or settings.db_url())
    except WarlogError as exc:
        raise _fail(str(exc)) from exc


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, default=_json_default, ensure_ascii=False, indent=2) + "\n")


@app.command("ingest")
def ingest_command(
    targets: Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs, or - for standard input.")],
    published: PublishedOption = None,
    source: SourceOption = None,
    db: DbOption = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow fetching URLs on private or loopback addresses.")
    ] = False,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input to read, in bytes (default 50 MB).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a URL.")] = 20.0,
    any_language: Annotated[
        bool, typer.Option("--any-language", help="Store documents that are not in English too.")
    ] = False,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Only clean and segment; skip claims, quantities and events.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Read news pages, clean them, split them into posts, extract claims and events, and store them."""
    options = ReadOptions(published=_published_date(published), source=source, allow_private=allow_private,
                          timeout=timeout, max_bytes=max_bytes or settings.max_bytes())
    store = _open_store(db)
    inputs = expand_targets(targets)
    summary = IngestSummary()
    listing = _JsonList(sys.stdout) if as_json else None
    with Progress(
        TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(inputs))
        for position, target in enumerate(inputs):
            try:
                for result in iter_ingest_target(target, store, options, any_language, extract=not no_extract):
                    summary.add(result)
                    if result.status in ("error", "extraction failed"):
                        err.print(f"[red]error:[/red] {escape(result.error or result.origin)}", soft_wrap=True)
                    if listing is not None:
                        listing.write(vars(result))
            except StoreUnavailableError as exc:
                # Every later document would wait out the same lock or hit the same full disk: stop here.
                left = len(inputs) - position - 1
                rest = f"; stopped, {left} more input(s) not read" if left else ""
                err.print(f"[red]error:[/red] {escape(str(exc))}{rest} — nothing half-written; run the same "
                          "command again when the database can be written", soft_wrap=True)
                store.close()
                if listing is not None:
                    listing.close()
                raise typer.Exit(1) from None
            progress.update(task, advance=1, description=escape(target[-60:]))
    store.close()
    if listing is not None:
        listing.close()
    else:
        _print_ingest_table(summary)
    if summary.failed or not summary.total:
        raise typer.Exit(1)


class _JsonList:
    """A JSON list written one document per line as results come, instead of one list built at the end."""

    def __init__(self, stream: Any) -> None:
        self.stream, self.count = stream, 0

    def write(self, item: Any) -> None:
        line = json.dumps(item, default=_json_default, ensure_ascii=False)
        self.stream.write(("[\n" if self.count == 0 else ",\n") + line)
        self.stream.flush()
        self.count += 1

    def close(self) -> None:
        self.stream.write("[]\n" if self.count == 0 else "\n]\n")


def _print_ingest_table(summary: IngestSummary) -> None:
    table = Table(title="ingested", title_justify="left")
    numeric = ("posts", "furniture", "claims", "events")
    for column in ("input", "document", "format", *numeric, "status"):
        table.add_column(column, justify="right" if column in numeric else "left")
    for r in summary.rows:
        style = {"stored": "green", "extraction failed": "red"}.get(r.status, "dim")
        table.add_row(escape(r.origin), (r.document_id or "")[:12], r.format or "", str(r.posts),
                      str(r.furniture), str(r.claims), str(r.events), f"[{style}]{r.status}[/{style}]")
    if summary.unshown:  # the table keeps a bounded number of rows (memory); the totals below count all
        table.caption, table.caption_justify = f"… and {summary.unshown:,} more", "left"
    out.print(table)
    out.print(summary.line())


@app.command("documents")
def documents_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the stored documents."""
    store = _open_store(db)
    rows = store.documents()
    store.close()
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} documents", title_justify="left")
    for column in ("id", "published", "source", "posts", "furniture", "extraction", "title"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["id"][:12], str(row["published"] or ""), escape(row["source"] or ""),
                      str(row["posts"]), str(row["furniture"]), _extraction_cell(row),
                      escape((row["title"] or "")[:80]))
    out.print(table)
    failed = sum(row["extraction_status"] == "failed" for row in rows)
    if failed:
        out.print(f"{failed} document(s) stored without their extraction; `warlog reextract` tries them again")


def _extraction_cell(row: dict[str, Any]) -> str:
    if row["extraction_status"] == "failed":
        return f"[red]failed at {row['extraction_stage']}[/red]: {escape((row['extraction_error'] or '')[:60])}"
    return {"done": "done", "none": "[dim]not run[/dim]"}.get(row["extraction_status"], row["extraction_status"])


@app.command("posts")
def posts_command(
    document: Annotated[str | None, typer.Argument(help="Document id (or its first characters).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the posts of one document, or of all documents."""
    store = _open_store(db)
    try:
        document_id = store.resolve_id(document) if document else None
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    rows = store.posts(document_id)
    texts = {d: store.document(d)["clean_text"] for d in {r["document_id"] for r in rows}}
    store.close()
    for row in rows:
        text = texts[row["document_id"]]
        row["body"] = text[row["body_start"]:row["body_end"]] if row["body_start"] is not None else None
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} posts", title_justify="left")
    for column in ("document", "#", "kind", "published", "headline", "words"):
        table.add_column(column)
    for row in rows:
        words = len((row["body"] or "").split())
        table.add_row(row["document_id"][:12], str(row["idx"]), row["kind"], str(row["published"] or ""),
                      escape((row["headline"] or "—")[:90]), str(words))
    out.print(table)


@app.command("show")
def show_command(
    document: Annotated[str, typer.Argument(help="Document id (or its first characters).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a document's cleaned text with its post boundaries, and what was removed."""
    store = _open_store(db)
    try:
        document_id = store.resolve_id(document)
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    row = store.document(document_id)
    posts = store.posts(document_id)
    removed = store.furniture(document_id)
    store.close()
    if as_json:
        row = {k: v for k, v in row.items() if k not in ("raw", "source_text", "offset_map")}
        _print_json({"document": row, "posts": posts, "removed": removed})
        return
    text = row["clean_text"]
    out.print(f"[bold]{escape(row['title'] or '(untitled)')}[/bold]")
    out.print(f"[dim]{row['id']} · {row['format']} · {escape(row['source'] or 'unknown source')} · "
              f"published {row['published'] or 'unknown'}[/dim]\n")
    for post in posts:
        out.rule(f"post {post['idx']} · {post['kind']}", align="left")
        if post["lead_start"] is not None:
            out.print(f"[dim]{escape(text[post['lead_start']:post['lead_end']])}[/dim]")
        if post["headline"]:
            out.print(f"[bold]{escape(post['headline'])}[/bold]")
        if post["body_start"] is not None:
            out.print(escape(text[post["body_start"]:post["body_end"]]))
    out.rule(f"removed ({len(removed)})", align="left")
    for item in removed:
        out.print(f"[yellow]{escape(item['reason'])}[/yellow]: [dim]{escape(item['text'][:120])}[/dim]")


def _list_rows(table_name: str, document: str | None, db: str | None) -> list[dict[str, Any]]:
    store = _open_store(db)
    try:
        document_id = store.resolve_id(document) if document else None
        return store.rows(table_name, document_id)
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()


@app.command("claims")
def claims_command(
    document: Annotated[str | None, typer.Argument(help="Document id (or its first characters).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List stored claims: who said what, with cue, stance and evidence offsets."""
    rows = _list_rows("claims", document, db)
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} claims", title_justify="left")
    for column in ("document", "post", "speaker", "role", "affiliation", "cue", "stance", "content"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["document_id"][:8], str(row["post_idx"]), escape(row["speaker"] or "—"),
                      escape(row["speaker_role"] or ""), escape(row["speaker_affiliation"] or ""),
                      escape(row["cue"] or ""), row["stance"] or "", escape(row["content"][:80]))
    out.print(table)


@app.command("extract")
def extract_command(
    target: Annotated[str, typer.Argument(help="A file, URL, or - for standard input.")],
    published: Annotated[str | None, typer.Option(help="Publication date, for resolving relative dates.")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow private/loopback URLs.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Extract mentions, quantities, claims and events from an input without storing anything."""
    from warlog.extract.report import extraction_json, print_extraction

    options = ReadOptions(published=_published_date(published), allow_private=allow_private)
    output = []
    failed = False
    try:
        for document in read_target(target, options):
            try:
                posts = prepare(document)
            except WarlogError as exc:
                err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
                failed = True
                continue
            extraction, failure = extract_safely(document, posts)
            if extraction is None:
                reason = failure.reason if failure is not None else "no extraction"
                err.print(f"[red]error:[/red] {escape(document.origin)}: extraction failed ({escape(reason)})",
                          soft_wrap=True)
                failed = True
                continue
            if as_json:
                output.append(extraction_json(document, posts, extraction))
            else:
                print_extraction(out, document, posts, extraction)
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        _print_json(output)
    if failed:
        raise typer.Exit(1)


@app.command("geo")
def geo_command(
    text: Annotated[str | None, typer.Argument(help="Text to geoparse (or - for standard input).")] = None,
    build_index: Annotated[bool, typer.Option("--build-index", help="Build the gazetteer index and exit.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Print every toponym of a text with its resolution and the reason (score, features)."""
    import sys

    from warlog.resolve.gazetteer import GazetteerError, index_path
    from warlog.resolve.gazetteer import build_index as build

    try:
        if build_index:
            path = index_path()
            if not path.exists():
                build(path)
            out.print(f"gazetteer index: {path}")
            return
        if text is None:
            raise _fail("give a text to geoparse, or --build-index")
        from warlog.resolve.places import geoparse

        toponyms = geoparse(sys.stdin.read() if text == "-" else text)
    except GazetteerError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        _print_json([{"text": t.span.text, "start": t.span.start, "end": t.span.end, "label": t.label,
                      "place": None if t.place is None else {k: v for k, v in vars(t.place).items() if k != "span"},
                      "reason": t.reason} for t in toponyms])
        return
    if not toponyms:
        out.print("no toponyms found")
    for t in toponyms:
        p = t.place
        if p is None:
            out.print(f"[bold]{escape(t.span.text)}[/bold] [{t.span.start}:{t.span.end}] -> unresolved: "
                      f"{escape(t.reason)}", soft_wrap=True)
            continue
        where = ", ".join(x for x in (p.admin2, p.admin1, p.country_code) if x)
        out.print(f"[bold]{escape(t.span.text)}[/bold] [{t.span.start}:{t.span.end}] -> {escape(p.name)} "
                  f"({escape(where)}) {p.gazetteer_id} {p.feature_type} precision={p.precision} "
                  f"geo_precision={p.geo_precision} lat={p.lat:.4f} lon={p.lon:.4f}" if p.lat is not None else
                  f"[bold]{escape(t.span.text)}[/bold] -> {escape(p.name)} {p.gazetteer_id}", soft_wrap=True)
        out.print(f"    reason: {escape(p.reason)}", soft_wrap=True)


def main() -> None:
    """Entry point of the `warlog` command and `python -m warlog`."""
    app()


# Commands of the later features live in warlog.commands, one module each; they use the helpers above.
from warlog.commands import register_commands  # noqa: E402

register_commands(app)
