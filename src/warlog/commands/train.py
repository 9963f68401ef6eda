"""`warlog train`: fit the learned components that ship with the package, from the public train splits.

Users never need this: the trained models are in the package. It exists so anyone can rebuild them from the
same data and check the model card's figures, which the command itself writes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from warlog.cli import JsonOption, _fail, _print_json, err, out


def register(app: typer.Typer) -> None:
    train_app = typer.Typer(help="Fit the learned components from the public train splits (they ship trained).",
                            no_args_is_help=True)
    app.add_typer(train_app, name="train")

    @train_app.command("attribution")
    def train_attribution_command(
        gold: Annotated[str | None, typer.Option(help="Gold folder holding attribution/PolNeAR-train "
                                                      "(default ../shared/gold or WARLOG_GOLD_DIR).")] = None,
        out_dir: Annotated[str | None, typer.Option("--out", help="Where to write the model and its card "
                                                                  "(default: the installed package).")] = None,
        processes: Annotated[int, typer.Option(help="Parsing processes.")] = 2,
        iterations: Annotated[int, typer.Option(help="L-BFGS iterations.")] = 100,
        limit: Annotated[int | None, typer.Option(help="Train on the first N articles only (a quick check).")]
        = None,
        as_json: JsonOption = False,
    ) -> None:
        """Train the attribution tagger and the cue detector on PolNeAR train; score the articles held back."""
        from warlog.evaluate.attribution import default_gold_dir
        from warlog.extract.attribution_cues import MODEL_PATH as CUE_MODEL_PATH
        from warlog.extract.attribution_tagger import CARD_PATH, CUES_PATH, MODEL_PATH
        from warlog.training.attribution import TRAIN_SUBDIR, Settings, train_attribution

        train_dir = Path(gold) / TRAIN_SUBDIR if gold else default_gold_dir() / TRAIN_SUBDIR
        if not (train_dir / "text").is_dir() or not (train_dir / "attributions").is_dir():
            raise _fail(f"PolNeAR train not found at {train_dir}: expected text/ and attributions/ there; "
                        "pass --gold with the gold folder (../shared/gold)")
        target = Path(out_dir) if out_dir else MODEL_PATH.parent
        with Progress(TextColumn("[bold]{task.description}[/bold]"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as bar:

            def stage(label: str, total: int) -> Callable[[int], None]:
                task = bar.add_task(label, total=total)
                return lambda n: bar.advance(task, n)

            try:
                card = train_attribution(train_dir, model_path=target / MODEL_PATH.name,
                                         card_path=target / CARD_PATH.name, cues_path=target / CUES_PATH.name,
                                         cue_model_path=target / CUE_MODEL_PATH.name,
                                         settings=Settings(iterations=iterations), processes=processes,
                                         progress=stage, limit=limit)
            except (FileNotFoundError, OSError) as exc:
                raise _fail(f"{train_dir}: {exc}") from exc
        if as_json:
            _print_json(card)
            return
        out.print(f"model: {target / MODEL_PATH.name} ({card['size_bytes'] / 1e6:.1f} MB), "
                  f"fitted on {card['data']['fitted_on']} articles in {card['seconds']['total']:.0f} s")
        for variant, scores in card["held_back_scores"].items():
            figures = ", ".join(f"{name} {value:.3f}" for name, value in scores.items())
            out.print(f"held back ({card['data']['held_back']} articles), {variant}: {figures}")

    @train_app.command("events")
    def train_events_command(
        gold: Annotated[str | None, typer.Option(help="The CASE 2021 task 2 TSV (default "
                                                      "../shared/gold/events/CASE2021-task2-dev.tsv or "
                                                      "WARLOG_GOLD_DIR).")] = None,
        out_dir: Annotated[str | None, typer.Option("--out", help="Where to write the scorer and its card "
                                                                  "(default: the installed package).")] = None,
        cross_validation: Annotated[bool, typer.Option("--cv/--no-cv", help="Score the procedure by nested 5-fold "
                                                                            "CV for the card (a few minutes).")]
        = True,
        as_json: JsonOption = False,
    ) -> None:
        """Train the learned event-type scorer on CASE dev; its card holds the nested cross-validated figures."""
        from warlog.evaluate.events import GoldDataMissing
        from warlog.extract.event_scorer import CARD_PATH, MODEL_PATH

        try:
            from warlog.training.events import train_events
        except ImportError as exc:  # pragma: no cover - scikit-learn missing
            raise _fail(f"training needs scikit-learn (pip install scikit-learn==1.9.1): {exc}") from exc
        target = Path(out_dir) if out_dir else MODEL_PATH.parent
        try:
            card = train_events(gold, model_path=target / MODEL_PATH.name, card_path=target / CARD_PATH.name,
                                cross_validation=cross_validation,
                                progress=lambda message: err.print(f"[dim]{message}[/dim]"))
        except GoldDataMissing as exc:
            raise _fail(str(exc)) from exc
        if as_json:
            _print_json(card)
            return
        config = card["config"]
        out.print(f"scorer: {target / MODEL_PATH.name} ({card['size_bytes'] / 1e6:.1f} MB, {card['features']} "
                  f"features), {config['model']} on groups {config['feature_groups']} C={config['C']:g}, fitted on "
                  f"{card['data']['snippets']} snippets in {card['seconds']['total']:.0f} s")
        cv = card["cross_validation"]
        if cv:
            for name, block in (("learned scorer", cv["learned"]), ("rules without dev rules",
                                                                    cv["rules_without_dev_rules"])):
                folds = " ".join(f"{row['weighted_f1']:.3f}" for row in block["folds"])
                mean = block["mean"]
                out.print(f"nested CV, {name}: weighted F1 per fold {folds}; mean {mean['weighted_f1']:.3f} "
                          f"(25 ACLED {mean['acled_weighted_f1']:.3f}, macro {mean['macro_f1']:.3f})")
