"""Choose the coreference scorer's threshold and weights on half A of the incidents dev set; report half B beside.

Run: `python bench/coreference_fit.py [--gold ../shared/gold]`. Every setting of a small grid (the threshold, how
many days before its report an undated incident may lie, the weight of a town-and-its-province match) is put in
place in `warlog.coreference`, and the whole incidents set goes through `warlog eval incidents` (ingest into a
fresh store, the incident index, the product's incidents). A setting is judged on half A alone, by the mean of the
incident F1 and the pairwise F1 of clustering the reports of one incident (multi-report incidents); ties go to the
setting nearest the current one. The table shows every setting's half A and half B figures; the chosen one is
what `coreference.WEIGHTS`, `THRESHOLD` and `UNDATED_REACH` should hold. Half B is never used to choose.
"""

from __future__ import annotations

import argparse
import itertools
import time
from datetime import timedelta

from warlog import coreference
from warlog.evaluate.incidents import evaluate_incidents

GRID = {
    "threshold": (0.6, 0.7, 0.8),
    "undated_reach_days": (1, 2, 3),  # how many days before its report an undated incident may lie
    "place_province": (0.1, 0.2),
}


def _objective(result: dict, half: str) -> tuple[float, float, float]:
    incidents = result["halves"][half]["f1"] or 0.0
    clustering = result["clustering"][f"multi_report_half_{half}"]["pairwise"]["f1"] or 0.0
    return (incidents + clustering) / 2, incidents, clustering


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=None, help="the gold folder (default: WARLOG_GOLD_DIR or ../shared/gold)")
    args = parser.parse_args()
    current = {"threshold": coreference.THRESHOLD, "undated_reach_days": coreference.UNDATED_REACH.days,
               **{k: coreference.WEIGHTS[k] for k in GRID if k in coreference.WEIGHTS}}
    saved = coreference.THRESHOLD, dict(coreference.WEIGHTS), coreference.UNDATED_REACH
    rows = []
    print(f"{'threshold':>9} {'reach':>5} {'province':>8} | {'A: obj':>6} {'inc F1':>6} {'clu F1':>6} "
          f"| {'B: obj':>6} {'inc F1':>6} {'clu F1':>6} | seconds")
    try:
        for values in itertools.product(*GRID.values()):
            setting = dict(zip(GRID, values, strict=True))
            coreference.THRESHOLD = setting["threshold"]
            coreference.UNDATED_REACH = timedelta(days=setting["undated_reach_days"])
            coreference.WEIGHTS.update({k: v for k, v in setting.items() if k in coreference.WEIGHTS})
            started = time.perf_counter()
            result = evaluate_incidents(args.gold)
            a, b = _objective(result, "A"), _objective(result, "B")
            distance = sum(abs(setting[k] - current[k]) for k in GRID)
            rows.append((a[0], -distance, setting, a, b))
            print(f"{setting['threshold']:>9} {setting['undated_reach_days']:>5} {setting['place_province']:>8} "
                  f"| {a[0]:>6.3f} {a[1]:>6.3f} {a[2]:>6.3f} | {b[0]:>6.3f} {b[1]:>6.3f} "
                  f"{b[2]:>6.3f} | {time.perf_counter() - started:.0f}", flush=True)
    finally:
        coreference.THRESHOLD, weights, coreference.UNDATED_REACH = saved
        coreference.WEIGHTS.clear()
        coreference.WEIGHTS.update(weights)
    best = max(rows, key=lambda row: (row[0], row[1]))
    print(f"\nchosen on half A: {best[2]}; half A objective {best[3][0]:.3f}, half B {best[4][0]:.3f}")


if __name__ == "__main__":
    main()
