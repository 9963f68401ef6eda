"""Does a learned scorer over the rule typer's output beat the rules it would replace? Nested 5-fold CV on CASE dev.

Run: `pip install scikit-learn==1.9.1`, then `python bench/typer_learned_cv.py [--json out.json]`.
See `warlog.training.events` for the protocol: features read from the rule typer with the 28 CASE-dev-confusion
rules off, 5 outer stratified folds (seed 0), the config of each model family (feature groups, C) chosen per outer
fold by 3-fold CV inside its training part; the rules on the same folds beside them.

RESULTS: filled in below from this script's output.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # two shared cores: BLAS threads only fight each other here

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402


def _line(name: str, block: dict) -> str:
    folds = " ".join(f"{row['weighted_f1']:.3f}" for row in block["folds"])
    mean = block["mean"]
    return (f"  {name:34} folds wF1 {folds}  | mean wF1 {mean['weighted_f1']:.3f}  ACLED wF1 "
            f"{mean['acled_weighted_f1']:.3f}  macro F1 {mean['macro_f1']:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="write the full result here")
    parser.add_argument("--models", default="logreg,linsvm,linear,gboost",
                        help="comma-separated model families (linear: both linear grids, as `warlog train events`)")
    args = parser.parse_args()
    try:
        import sklearn  # noqa: F401
    except ImportError:
        sys.exit("this bench needs scikit-learn: pip install scikit-learn==1.9.1")
    from warlog.training.events import GRIDS, cross_validate, load_table

    started = time.perf_counter()
    snippets, table = load_table()
    grids = {name: GRIDS[name] for name in args.models.split(",")}
    result = cross_validate(table, grids, progress=lambda message: print(message, file=sys.stderr, flush=True))
    print(f"CASE 2021 dev: {result['n']} snippets, {result['folds']}-fold stratified CV (seed {result['seed']}), "
          f"fold sizes {result['fold_sizes']}; no trigger counts as wrong")
    print("rules (no fitting, scored on the same folds):")
    print(_line("rules without dev rules", result["rules_without_dev_rules"]))
    print(_line("  same, no trigger -> OTHER", result["rules_without_dev_rules_none_as_other"]))
    print(_line("all rules (dev-fitted: not comparable)", result["rules_all_dev_fitted"]))
    print("learned, nested CV (config chosen per outer fold by inner 3-fold CV):")
    for family, block in result["nested"].items():
        print(_line(family, block))
        print(f"    chosen: {', '.join(block['chosen'])}  ({block['seconds']:.0f} s)")
    print("learned, every fixed config on the same outer folds (the best of these is a selection on the outer folds):")
    for name, block in result["fixed"].items():
        print(_line(name, block))
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1)


if __name__ == "__main__":
    main()
