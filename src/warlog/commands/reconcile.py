"""`warlog ledger`, `clusters`, `merge`, `split`, `corrections`, `uncorrect`: reconciliation from the store.

The ledger is assembled from the figures the store keeps per document and the clusters from the store's incident
index, with the analyst's corrections applied, so a merge or split made once is applied again after re-runs and
re-ingest. Tables for people, `--json` for scripts; errors are one line.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from warlog.cli import DbOption, JsonOption, _fail, _open_store, _print_json, out
from warlog.cli_listing import dates as compact_dates
from warlog.errors import WarlogError
from warlog.reconcile import EventCluster, LedgerEntry
from warlog.reconcile.dedup import CasualtyRange
from warlog.reconcile.ledger import ValueRange
from warlog.reconcile.stored import incident_clusters, stored_ledger
from warlog.store.corrections import (
    add_correction,
    delete_correction,
    list_corrections,
    resolve_member,
)
from warlog.web.ledger_scope import SCOPE_TEXT, general_incidents, incident_scope

ReasonOption = Annotated[str, typer.Option("--reason", help="Why: kept with the correction.")]


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def _range_text(r: ValueRange, figures: list | None = None) -> str:
    if r.low is None and r.high is None:
        return "—"
    if r.vague:  # only words gave it ("several"): show the words, never their conventional numbers
        return "vague: " + ", ".join(dict.fromkeys(f.display for f in figures or [] if f.vague)) if figures else "vague"
    text = _number(r.low) if r.low == r.high else f"{_number(r.low)}–{_number(r.high)}"
    return text + ("+" if r.open_above else "")


def ledger_command(
    db: DbOption = None,
    as_json: JsonOption = False,
    show_all: Annotated[bool, typer.Option("--all", help="Every counted thing, not only conflict figures (tolls, "
                                                         "people held or displaced, forces, weapons, territory).")]
    = False,
) -> None:
    """The claims ledger: figures about the same counted thing, side by side, with who gave them."""
    store = _open_store(db)
    try:
        entries = [e for e in stored_ledger(store) if show_all or e.relevant]
        general = general_incidents(store.engine, (e.cluster_id for e in entries))
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    if as_json:
        _print_json([{**asdict(e), "incident_scope": incident_scope(e, general)} for e in entries])
        return
    if not entries:
        out.print("no ledger entries (nothing counted in the stored documents" + (")" if show_all else
                  "; `--all` shows counts that are not conflict figures)"))
    for entry in entries:
        _print_entry(entry, incident_scope(entry, general))


def _print_entry(entry: LedgerEntry, scope: str | None = None) -> None:
    scopes = "; ".join(f"{escape(name)}: {_range_text(r)}" for name, r in entry.scopes.items())
    title = f"[bold]{escape(entry.label)}[/bold] · range {escape(_range_text(entry.range, entry.figures))}"
    if scope:  # this incident, or a running total / general statement
        title += f" · {SCOPE_TEXT[scope]}"
    table = Table(title=title + (f" · scopes {scopes}" if scopes else ""), title_justify="left")
    for column in ("figure", "qualifier", "scope", "speaker", "affiliation", "side", "date", "document"):
        table.add_column(column)
    for f in entry.figures:
        table.add_row(escape(f.display), f.qualifier, escape(f.scope or ""), escape(f.speaker or "—"),
                      escape(f.affiliation or ""), f.side or "", f.claim_date or "",
                      f"{f.document_id[:8]}/{f.post_index}")
    out.print(table)


def _cluster_json(cluster: EventCluster) -> dict[str, Any]:
    data = asdict(cluster)
    scores = [link.score for link in cluster.links]
    # The weakest link is what the cluster's membership rests on; a single event has no score.
    data["score"] = min(scores) if scores else None
    data["features"] = sorted({k for link in cluster.links for k in link.features})
    return data


def clusters_command(
    db: DbOption = None,
    as_json: JsonOption = False,
    merged_only: Annotated[bool, typer.Option("--merged", help="Only clusters of two events or more.")] = False,
) -> None:
    """Event clusters: the reported events judged to be one incident, with the links that joined them."""
    store = _open_store(db)
    try:
        clusters = incident_clusters(store)  # the incident index's rows: no extraction is loaded
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    if merged_only:
        clusters = [c for c in clusters if len(c.members) > 1]
    if as_json:
        _print_json([_cluster_json(c) for c in clusters])
        return
    table = Table(title=f"{len(clusters)} clusters", title_justify="left")
    for column in ("members", "type", "place", "dates", "killed", "injured", "score", "links"):
        table.add_column(column, no_wrap=column in ("members", "dates"))
    for cluster in clusters:
        data = _cluster_json(cluster)
        dates = compact_dates(cluster.start, cluster.end)  # "2024-11-02…03": whole at 100 columns
        links = "\n".join(f"{link.source} {link.score:g}: {', '.join(link.features)}" for link in cluster.links)
        table.add_row("\n".join(_short(m) for m in cluster.member_ids),
                      escape(cluster.family), escape(", ".join(cluster.places)), dates,
                      _casualty_text(cluster.killed), _casualty_text(cluster.injured),
                      "" if data["score"] is None else f"{data['score']:g}", escape(links))
    out.print(table)


def _short(member: str) -> str:
    """A member id with its document id cut to 10 characters (still a usable prefix)."""
    head, _, tail = member.rpartition(":")
    prefix, _, document = head.rpartition(":")
    return f"{prefix + ':' if prefix else ''}{document[:10]}:{tail}"


def _casualty_text(r: CasualtyRange) -> str:
    if r.low is None and r.high is None:
        return ""
    return _number(r.low) if r.low == r.high else f"{_number(r.low)}–{_number(r.high)}"


def _correct(action: str, members: list[str], reason: str, db: str | None) -> None:
    store = _open_store(db)
    try:
        resolved = [resolve_member(store, m) for m in members]
        correction_id = add_correction(store, action, resolved, reason)
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    out.print(f"correction {correction_id}: {action} {' '.join(_short(m) for m in resolved)}")


def merge_command(
    members: Annotated[list[str], typer.Argument(help="Two or more members, DOCUMENT:EVENT (id prefix allowed).")],
    reason: ReasonOption = "",
    db: DbOption = None,
) -> None:
    """Record that these events are one incident; `warlog clusters` applies it from now on."""
    _correct("merge", members, reason, db)


def split_command(
    members: Annotated[list[str], typer.Argument(help="Members, DOCUMENT:EVENT; one alone is taken out of its "
                                                      "cluster, several are kept apart from each other.")],
    reason: ReasonOption = "",
    db: DbOption = None,
) -> None:
    """Record that these events are not one incident; `warlog clusters` applies it from now on."""
    _correct("split", members, reason, db)


def corrections_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the stored merge and split corrections, oldest first (later ones win)."""
    store = _open_store(db)
    try:
        rows = list_corrections(store)
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} corrections", title_justify="left")
    for column in ("id", "action", "members", "reason", "made"):
        table.add_column(column)
    for row in rows:
        table.add_row(str(row["id"]), row["action"], " ".join(_short(m) for m in row["members"]),
                      escape(row["reason"] or ""), str(row["created_at"])[:19])
    out.print(table)


def uncorrect_command(
    correction_id: Annotated[int, typer.Argument(metavar="ID", help="Correction id, as `warlog corrections` lists.")],
    db: DbOption = None,
) -> None:
    """Delete a correction: the clusters go back to the automatic decision (or to the other corrections)."""
    store = _open_store(db)
    try:
        delete_correction(store, correction_id)
    except WarlogError as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    out.print(f"correction {correction_id} deleted")


def register(app: typer.Typer) -> None:
    app.command("ledger")(ledger_command)
    app.command("clusters")(clusters_command)
    app.command("merge")(merge_command)
    app.command("split")(split_command)
    app.command("corrections")(corrections_command)
    app.command("uncorrect")(uncorrect_command)
