"""`warlog eval`: scores against the public gold sets and the single-page example check.

Every set is scored by its module in `warlog.evaluate`; this module only chooses the sets, prints
Rich tables (or one JSON document with `--json`, so figures can be compared across versions) and
turns a missing gold set into one line on stderr, never a crash: the other sets still run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from warlog.cli import JsonOption, _fail, _print_json, err, out

EVAL_SETS = ("attribution", "events", "geo", "example", "incidents", "store")
WIDE = 140  # tables are printed at least this wide, so piping to a file does not squeeze them to 80 columns


def _run_set(name: str, gold: str | None, limit: int | None, examples: str | None,
             long_run: bool = False, ablate: bool = False) -> dict[str, Any]:
    if name == "attribution":
        from warlog.evaluate.attribution import evaluate_attribution

        return evaluate_attribution(gold, limit)
    if name == "events":
        from warlog.evaluate.events import CASE_FILE, evaluate_events

        return evaluate_events(Path(gold) / "events" / CASE_FILE if gold else None, ablate=ablate)
    if name == "geo":
        from warlog.evaluate.geo import evaluate_geo

        return evaluate_geo(gold, limit)
    if name == "incidents":
        from warlog.evaluate.incidents import evaluate_incidents

        return evaluate_incidents(gold)
    if name == "store":
        from warlog.evaluate.gold_texts import LONG_SETS, SETS
        from warlog.evaluate.robustness import evaluate_store

        return evaluate_store(gold, SETS + LONG_SETS if long_run else SETS).as_dict()
    from warlog.evaluate.example import evaluate_example

    return evaluate_example(examples, gold)


def skipped_message(name: str, result: dict[str, Any]) -> str | None:
    """Why a set was not scored (its evaluator's own words), or None when it was."""
    if "error" in result:
        return result["error"]
    if result.get("available") is False:
        return result.get("message", "gold file not found")
    parts = [entry for entry in result.values() if isinstance(entry, dict)]
    if name == "geo" and parts and all("error" in entry for entry in parts):
        return "; ".join(entry["error"] for entry in parts)
    return None


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        sets: Annotated[
            list[str] | None,
            typer.Argument(help="What to score: attribution, events, geo, example, incidents (real conflict "
                                "reports through ingest, store and clusters), store (every gold text ingested into "
                                "a fresh store: what is refused or lost) (default: all)."),
        ] = None,
        gold: Annotated[
            str | None, typer.Option(help="Gold folder (default ../shared/gold or WARLOG_GOLD_DIR).")
        ] = None,
        examples: Annotated[
            str | None, typer.Option(help="Folder of NAME.txt + NAME.expected.md (default: beside the gold).")
        ] = None,
        limit: Annotated[int | None, typer.Option(help="Score only the first N articles of a set.")] = None,
        long_run: Annotated[bool, typer.Option("--long", help="store: PolNeAR's train split (840 articles) too.")]
        = False,
        ablate: Annotated[bool, typer.Option("--ablate", help="events: re-score with each rule family of "
                                             "extract/rules/event_rules.tsv switched off, and with every rule read "
                                             "off the CASE dev confusion table off at once.")] = False,
        as_json: JsonOption = False,
    ) -> None:
        """Score extraction against the public gold sets (P/R/F1 per field) and the example page."""
        chosen = list(dict.fromkeys(sets or EVAL_SETS))
        unknown = [name for name in chosen if name not in EVAL_SETS]
        if unknown:
            raise _fail(f"unknown gold set {unknown[0]!r}; choose from {', '.join(EVAL_SETS)}")
        results: dict[str, Any] = {}
        for name in chosen:
            with err.status(f"scoring {name}…", spinner="dots") if err.is_terminal else _nothing():
                results[name] = _run_set(name, gold, limit, examples, long_run, ablate)
            why = skipped_message(name, results[name])
            if why:
                err.print(f"[yellow]{name} skipped:[/yellow] {escape(why)}", soft_wrap=True)
            elif name == "geo":  # one of its two sets may be missing
                for set_name, entry in results[name].items():
                    if isinstance(entry, dict) and "error" in entry:
                        err.print(f"[yellow]geo {set_name} skipped:[/yellow] {escape(entry['error'])}",
                                  soft_wrap=True)
            elif name == "store":  # the sets whose files are missing; the others are still ingested
                for set_name in results[name]["missing"]:
                    err.print(f"[yellow]store: {set_name} skipped:[/yellow] its files are not in the gold folder",
                              soft_wrap=True)
        if as_json:
            _print_json(results)
            return
        printers = {"attribution": print_attribution, "events": print_events, "geo": print_geo,
                    "example": print_example, "incidents": print_incidents, "store": print_store}
        for name, result in results.items():
            if not skipped_message(name, result):
                printers[name](result)


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_exc) -> None:
        return None


def _show(table: Table, width: int = WIDE) -> None:
    """Print on stdout at least `width` columns wide (a console's own width when piped is 80)."""
    Console(width=max(out.width, width), highlight=False).print(table)


def _f(value: Any, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def print_attribution(result: dict[str, Any]) -> None:
    """Per field (source, cue, content, speaker resolved): exact and token-overlap P/R/F1."""
    table = Table(title=f"attribution — {result['dataset']}: {result['articles']} articles "
                        f"({result['matched']} of {result['gold_attributions']} gold attributions paired)",
                  title_justify="left")
    for column in ("field", "match", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column in ("field", "match") else "right")
    for field_name, block in result.items():
        if not isinstance(block, dict) or field_name == "anchors":
            continue
        if {"precision", "recall", "f1"} <= set(block):
            block = {"found": block}
        for match_name, figures in block.items():
            if isinstance(figures, dict) and {"precision", "recall", "f1"} <= set(figures):
                table.add_row(field_name, match_name, _f(figures["precision"]), _f(figures["recall"]),
                              _f(figures["f1"]))
    _show(table)
    if result.get("learned_tagger"):
        rules = result["rules_only"]
        out.print("the rules alone, without the learned tagger (F1): "
                  + ", ".join(f"{name} {_f(rules[name])}" for name in ("attribution", "source", "cue", "content")))
    else:
        out.print("the learned attribution tagger is not installed: these are the rules' figures")


def print_events(result: dict[str, Any]) -> None:
    """Summary, per-label P/R/F1, and the confusion table (gold rows, predicted columns)."""
    summary = Table(title=f"events — CASE 2021 task 2 dev: {result['n']} snippets "
                          f"({result['abstained']} with no trigger, counted as OTHER; strict: as wrong)",
                    title_justify="left")
    for column in ("labels", "n", "accuracy", "weighted F1", "macro F1"):
        summary.add_column(column, justify="left" if column == "labels" else "right")
    for key, name in (("all_labels", "30 types"), ("acled_labels", "25 ACLED types")):
        for block, suffix in ((result[key], ""), (result["strict"][key], ", strict")):
            summary.add_row(name + suffix, str(block["n"]), _f(block["accuracy"]), _f(block["weighted_f1"]),
                            _f(block["macro_f1"]))
    _show(summary)
    learned = result.get("learned_scorer") or {}
    if learned.get("cross_validation"):
        _show(learned_scorer_table(learned))
    labels = Table(title="events — per type", title_justify="left")
    for column in ("type", "precision", "recall", "F1", "support", "predicted"):
        labels.add_column(column, justify="left" if column == "type" else "right")
    for label, row in result["all_labels"]["per_label"].items():
        labels.add_row(label, _f(row["precision"], 2), _f(row["recall"], 2), _f(row["f1"], 2),
                       str(row["support"]), str(row["predicted"]))
    _show(labels)
    matrix = confusion_table(result["confusion"])
    _show(matrix, width=40 + 4 * len(matrix.columns))
    if "ablation" in result:
        _show(ablation_table(result["ablation"]))


def learned_scorer_table(learned: dict[str, Any]) -> Table:
    """The learned scorer's nested cross-validated figures from its card, beside the rules' on the same folds (the
    scorer was fitted on this file, so it is never scored on it whole)."""
    cv = learned["cross_validation"]
    config = learned["config"]
    table = Table(title=f"events — learned scorer (opt-in: {learned['switch']}; {config['model']}, groups "
                        f"{config['feature_groups']}): nested 5-fold CV from its card, strict"
                        + ("" if learned.get("trained_on_this_file") else " (trained on another file)")
                        + (" (the typer's rules changed since it was trained: `warlog train events` refreshes it)"
                           if learned.get("rules_changed_since_training") else ""),
                  title_justify="left")
    for column in ("typer", "weighted F1 per fold", "weighted F1", "25 ACLED wF1", "macro F1"):
        table.add_column(column, justify="left" if column in ("typer", "weighted F1 per fold") else "right")
    for name, block in (("learned scorer", cv["learned"]), ("rules without dev rules", cv["rules_without_dev_rules"])):
        mean = block["mean"]
        table.add_row(name, " ".join(_f(row["weighted_f1"]) for row in block["folds"]), _f(mean["weighted_f1"]),
                      _f(mean["acled_weighted_f1"]), _f(mean["macro_f1"]))
    return table


def ablation_table(ablation: dict[str, Any]) -> Table:
    """One row per rule family switched off, then every CASE-dev-confusion rule off at once."""
    table = Table(title=f"events — ablation: {ablation['measure']}, all rules on {_f(ablation['all_on'])}",
                  title_justify="left")
    for column in ("family off", "rows", "dev rows", "sources", "weighted F1", "delta"):
        table.add_column(column, justify="left" if column in ("family off", "sources") else "right")
    for row in ablation["families"]:
        table.add_row(row["family"], str(row["rows"]), str(row["dev_rows"]), "; ".join(row["sources"]),
                      _f(row["weighted_f1"]), f"{row['delta']:+.3f}")
    dev = ablation["all_dev_confusion_off"]
    table.add_row("ALL CASE dev confusion rules", str(dev["rules"]), str(dev["rules"]), "CASE dev confusion",
                  _f(dev["weighted_f1"]), f"{dev['delta']:+.3f}")
    return table


def confusion_table(confusion: dict[str, dict[str, int]]) -> Table:
    """Gold type per row, predicted type per numbered column (the row number names the type)."""
    names = sorted(set(confusion) | {p for row in confusion.values() for p in row})
    table = Table(title="events — confusion (rows gold, columns predicted, numbered as the rows)",
                  title_justify="left", padding=(0, 0))
    table.add_column("gold type", no_wrap=True)
    for number in range(1, len(names) + 1):
        table.add_column(str(number), justify="right", min_width=3)
    for number, gold in enumerate(names, start=1):
        row = confusion.get(gold, {})
        cells = []
        for predicted in names:
            count = row.get(predicted, 0)
            text = str(count) if count else "·"
            cells.append(f"[bold green]{text}[/bold green]" if predicted == gold and count else text)
        table.add_row(f"{number:>2} {gold}", *cells)
    return table


def print_geo(result: dict[str, Any]) -> None:
    """Per set, on gold spans and end to end: accuracy @161 km, exact id, errors, detection P/R."""
    table = Table(title=f"geo — {result.get('note', '')}", title_justify="left")
    for column in ("set", "mode", "toponyms", "acc@161km", "exact id", "mean km", "median km", "detect P",
                   "detect R"):
        table.add_column(column, justify="left" if column in ("set", "mode") else "right")
    for name, entry in result.items():
        if not isinstance(entry, dict) or "error" in entry:
            continue
        for mode in ("gold_spans", "end_to_end"):
            figures = entry.get(mode)
            if not figures or not figures.get("scored"):
                continue
            table.add_row(name, mode.replace("_", " "), str(figures["scored"]), _f(figures["acc_161km"]),
                          _f(figures["exact"]), _f(figures["mean_km"], 0), _f(figures["median_km"], 0),
                          _f(figures.get("detection_precision")), _f(figures.get("detection_recall")))
    _show(table)


def print_example(result: dict[str, Any]) -> None:
    """Per page and part (events, ledger, time phrases): correct / scored per field."""
    for page, entry in result["pages"].items():
        table = Table(title=f"example — {page}: {result['label']}", title_justify="left")
        for column in ("part", "field", "correct", "scored", "accuracy"):
            table.add_column(column, justify="left" if column in ("part", "field") else "right")
        for part in ("events", "ledger", "time_phrases"):
            block = entry.get(part)
            if not block:
                continue
            for field_name, figures in block["fields"].items():
                table.add_row(part.replace("_", " "), field_name, str(figures["correct"]), str(figures["scored"]),
                              _f(figures["accuracy"], 2))
        _show(table)
        rows = [("event", row["expected"], row) for row in (entry.get("events") or {}).get("rows", [])]
        rows += [("ledger", f"{row['subject']}: {row['figure']}", row)
                 for row in (entry.get("ledger") or {}).get("rows", [])]
        if rows:
            verdicts = Table(title="row by row", title_justify="left")
            for column in ("part", "row", "verdict", "wrong fields"):
                verdicts.add_column(column)
            for part, label, row in rows:
                verdicts.add_row(part, label, row["verdict"], ", ".join(row["wrong"]))
            _show(verdicts)
        if entry.get("fully_right"):
            figures = entry["fully_right"]
            out.print(f"fully right: {figures['correct']} of {figures['scored']} rows ({_f(figures['accuracy'], 2)})")
        events = entry.get("events")
        if events:
            out.print(f"[dim]events: {events['expected_rows']} expected rows; {events['predicted_events']} non-generic "
                      f"events predicted, {events['spurious_events']} of them matching no row (precision "
                      f"{_f(events['precision'], 2)}; the rows are an analyst's list, so some of these may be real); "
                      f"{events['spurious_casualty_figures']} casualty figures where the row expects none[/dim]")


def print_store(result: dict[str, Any]) -> None:
    """Per gold set: texts, stored, stored without extraction, refused, crashed; then every failure."""
    table = Table(title="store — every gold text through ingest into a fresh store", title_justify="left")
    columns = ("texts", "stored", "already", "extraction_failed", "refused", "crashed", "events", "claims", "seconds")
    table.add_column("set")
    for column in columns:
        table.add_column(column.replace("_", " "), justify="right")
    for name, tally in [*result["sets"].items(), ("total", result["total"])]:
        table.add_row(name, *(str(tally[column]) for column in columns))
    _show(table)
    for failure in result["failures"]:
        out.print(f"{failure['status']}: {escape(failure['reason'])}", soft_wrap=True)


def print_incidents(result: dict[str, Any]) -> None:
    """Incident P/R/F1 and field accuracy for half A (rules read off), half B and all; clustering; rows."""
    blocks = {"half A": result["halves"]["A"], "half B": result["halves"]["B"], "all": result["all"]}
    table = Table(title=f"incidents — {result['reports']} real reports through ingest, store and clusters",
                  title_justify="left")
    table.add_column("measure")
    for name in blocks:
        table.add_column(name, justify="right")
    measures = [("reports", "reports"), ("gold incidents", "gold"), ("predicted", "predicted"),
                ("matched", "matched"), ("precision", "precision"), ("recall", "recall"), ("F1", "f1"),
                ("recall, first entries", "recall_first"), ("recall, secondary entries", "recall_secondary"),
                ("events per incident", "events_per_incident"),
                ("background made incidents /100 reports", "background_per_100_reports"),
                ("incidents in negative reports", "incidents_in_negative_reports"),
                ("rows fully right", "fully_right"), ("date where gold has none", "date_predicted_where_gold_null"),
                ("cumulative tolls as incident casualties", "cumulative_tolls_as_incident_casualties")]
    for label, key in measures:
        table.add_row(label, *(_cell(block[key]) for block in blocks.values()))
    for field_name in result["all"]["fields"]:
        table.add_row(f"{field_name} (matched)", *(
            f"{_f(block['fields'][field_name]['accuracy'], 2)} of {block['fields'][field_name]['scored']}"
            for block in blocks.values()))
    _show(table)
    clusters = Table(title="incidents — cross-report clustering of matched events", title_justify="left")
    for column in ("events", "pairwise P", "pairwise R", "pairwise F1", "B³ P", "B³ R", "B³ F1"):
        clusters.add_column(column, justify="right")
    clusters.add_column("scope")
    for scope, figures in result["clustering"].items():
        if figures.get("events"):
            pair, b3 = figures["pairwise"], figures["b_cubed"]
            clusters.add_row(str(figures["events"]), _f(pair["precision"]), _f(pair["recall"]), _f(pair["f1"]),
                             _f(b3["precision"]), _f(b3["recall"]), _f(b3["f1"]), scope.replace("_", " "))
    _show(clusters)
    furniture, claims = result["furniture"], result["claims"]
    for scope, block in (("half A", furniture["half_A"]), ("half B", furniture["half_B"]), ("all", furniture)):
        out.print(f"furniture removed, {scope}: {block['removed']} of {block['labelled']} labelled fragments "
                  f"({_f(block['share_removed'], 2)}); incident evidence removed: {block['evidence_removed']}")
    for scope, block in (("half A", claims["halves"]["A"]), ("half B", claims["halves"]["B"]), ("all", claims)):
        out.print(f"claims, {scope}: {block['found']} of {block['gold']} gold figures found by value and counted "
                  f"class ({_f(block['recall'], 2)}); speaker overlaps for {block['speaker_found']} of "
                  f"{block['speaker_scored']} ({_f(block['speaker_share'], 2)})")
    rows = Table(title="incidents — row by row", title_justify="left")
    for column in ("report", "incident", "verdict", "wrong fields"):
        rows.add_column(column)
    for row in result["rows"]:
        rows.add_row(row["report"], escape(row["incident"][:70]), row["verdict"], ", ".join(row["wrong"]))
    _show(rows)


def _cell(value: Any) -> str:
    return _f(value) if isinstance(value, float) else ("—" if value is None else str(value))
