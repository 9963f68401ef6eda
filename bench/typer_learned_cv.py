"""Does a learned scorer over the rule typer's output beat the rules it would replace? Nested 5-fold CV on CASE dev.

Run: `pip install scikit-learn==1.9.1`, then `python bench/typer_learned_cv.py [--json out.json]`.
See `warlog.training.events` for the protocol: features read from the rule typer with the 28 CASE-dev-confusion
rules off, 5 outer stratified folds (seed 0), the config of each model family (feature groups R, RL, RPL, RPLW and
C) chosen per outer fold by 3-fold CV repeated on 3 splits inside its training part; the rules on the same folds
beside them. Snippets where the rules find no trigger (7) are abstentions for every typer, counted as wrong.

Output (2026-12-06, two shared cores, about 6 minutes for the linear families; per fold wF1 30 / wF1 25 ACLED /
macro F1 30, then the mean of the folds):

rules without dev rules .812/.842/.802 .782/.815/.775 .717/.765/.695 .812/.873/.798 .840/.863/.794 mean .793/.831/.773
all rules (dev-fitted)  .925/.910/.930 .903/.908/.900 .861/.851/.833 .929/.943/.912 .957/.948/.931 mean .915/.912/.901
logreg, nested          .856/.849/.839 .780/.776/.784 .790/.805/.773 .861/.883/.849 .872/.892/.835 mean .832/.841/.816
linear SVM, nested      .867/.851/.858 .830/.831/.821 .800/.817/.782 .878/.883/.863 .881/.892/.843 mean .851/.855/.833
both linear, nested     identical to linear SVM (the inner CV chose a linear SVM in every fold)
gradient boosting*      .844/.818/.833 .760/.760/.741 .751/.751/.710 .764/.758/.710 .763/.773/.728 mean .776/.772/.744

  * HistGradientBoosting (100 iterations, 15 leaves) on RL or RPL, inner CV on one split (an earlier run of this
    script, before the inner CV was repeated; 1000 s): below the rules, not run again.

The inner CV chose linsvm[R, C=0.1] in four folds and linsvm[RPL, C=0.03] in one; on the whole file it chooses
linsvm[R, C=0.1], whose fixed-config figure on these folds is .852/.859/.835. The rule-output features (R) carry
the gain: parse (P), lexicon (L) and word (W) features add nothing measurable on 400 training snippets (the best
fixed configs with them: RL .844, RPLW .837). With the inner CV on one split instead of three, the whole-file
choice was linsvm[RPLW, C=0.03] (fixed-config figure .833): the configs' inner figures lie within 0.005 of one
another, so the split was made threefold; that change was made after seeing these outer figures, and the nested
figure of the new procedure (.851) is about the old one's (.853). Caveat: the rules left on include the earlier
rounds of fixes read off this same dev file (the first run of the rules scored .676), so these figures are
optimistic as well; the held-out snippets are the real test.
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
