"""Cross-validating (and, where it pays, training) a learned event-type scorer on CASE 2021 dev.

The features (`warlog.extract.event_scorer`) are read from the rule typer with every CASE-dev-confusion rule
switched off: those rules were written from the whole dev file, so any fold would have seen them. The figures are
5-fold stratified cross-validation (seed 0): each snippet is typed by a model fitted on the other four folds only.
Where a choice is made (feature groups, regularisation), it is made by an inner 3-fold cross-validation, repeated
on three splits, on the outer fold's training part (nested CV), never on the fold being scored. The rules' figures
on the same folds are printed beside them: the rules without the dev rules (the fair baseline: nothing of theirs
was fitted to any fold) and all rules (fitted to all of dev, so not comparable).

scikit-learn is needed here only (`pip install scikit-learn==1.9.1`); the shipped scorer, if any, is applied
with numpy.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from warlog.evaluate.events import CASE_FILE, Snippet, data_hash, load_case2021, scores
from warlog.extract.event_scorer import GROUPS, LinearScorer, rules_off, select, snippet_features

SEED = 0
OUTER_FOLDS = 5
INNER_FOLDS = 3
# The inner CV is repeated on three different splits: on 400-500 snippets the configs' inner figures lie within a
# few thousandths of each other and one split's ranking of them is mostly noise.
INNER_REPEATS = 3
FEATURE_SETS = ("R", "RL", "RPL", "RPLW")
NO_TRIGGER = "R:top=NONE"


def parse_cached(snippets: Sequence[Snippet], nlp=None, cache_dir: str | os.PathLike[str] | None = None) -> list:
    """The snippets parsed by the project's pipeline, kept as a DocBin keyed by the texts and the pipeline."""
    import spacy
    from spacy.tokens import DocBin

    from warlog.extract.nlp import get_nlp

    nlp = nlp or get_nlp()
    key = hashlib.sha256("\n".join(s.text for s in snippets).encode())
    key.update(f"{nlp.meta.get('name')}-{nlp.meta.get('version')}-{spacy.__version__}".encode())
    base = Path(cache_dir) if cache_dir else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "warlog"
    target = base / f"case-docs-{key.hexdigest()[:16]}.spacy"
    if target.is_file():
        return list(DocBin().from_disk(target).get_docs(nlp.vocab))
    docs = list(nlp.pipe(s.text for s in snippets))
    try:
        base.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=True, docs=docs).to_disk(target)
    except OSError:
        pass  # a cache that cannot be written only costs a second parse
    return docs


@dataclass
class Table:
    """What the CV reads per snippet: gold label, features, and the two rule baselines' labels (None: no trigger)."""

    gold: list[str]
    rows: list[dict[str, float]]
    rules_nodev: list[str | None]
    rules_all: list[str | None]


def featurize(docs: Sequence, gold: Sequence[str]) -> Table:
    from warlog.extract.event_types import TYPES, classify_event, weighed

    off = rules_off()
    rows, nodev, full = [], [], []
    for doc in docs:
        weighing = weighed(doc[:], disabled=off)
        rows.append(snippet_features(doc[:], weighing))
        nodev.append(TYPES[weighing.candidates[0].label].case_label if weighing.candidates else None)
        result = classify_event(doc[:])
        full.append(result.case_label if result is not None else None)
    return Table(list(gold), rows, nodev, full)


# -- models ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    model: str  # logreg | linsvm | gboost
    groups: str
    c: float = 1.0

    @property
    def name(self) -> str:
        return f"{self.model}[{self.groups}{'' if self.model == 'gboost' else f', C={self.c:g}'}]"


GRIDS: dict[str, list[Config]] = {
    "logreg": [Config("logreg", g, c) for g in FEATURE_SETS for c in (0.3, 1.0, 3.0, 10.0)],
    "linsvm": [Config("linsvm", g, c) for g in FEATURE_SETS for c in (0.03, 0.1, 0.3, 1.0)],
    "gboost": [Config("gboost", g) for g in ("RL", "RPL")],
}
# What `warlog train events` chooses from (and what its nested CV scores): both linear grids together, so the choice
# of model family is made inside each training part too.
GRIDS["linear"] = GRIDS["logreg"] + GRIDS["linsvm"]
TRAIN_FAMILY = "linear"


@dataclass
class Fitted:
    config: Config
    vocabulary: dict[str, int]
    classes: list[str]
    estimator: object = field(repr=False)

    def predict(self, rows: Sequence[dict[str, float]]) -> list[str | None]:
        """Labels as the typer gives them: None where the rules found no trigger (`classify_event` has no event
        to label there), so the figures are those of the product."""
        matrix = _matrix(rows, self.config.groups, self.vocabulary, dense=self.config.model == "gboost")
        return [None if NO_TRIGGER in row else str(label)
                for row, label in zip(rows, self.estimator.predict(matrix), strict=True)]

    def linear(self) -> LinearScorer:
        """The fitted model as the numpy scorer that ships (linear models only)."""
        import numpy as np

        coef = np.asarray(self.estimator.coef_)
        intercept = np.asarray(self.estimator.intercept_)
        if coef.shape[0] == 1:  # two classes: scikit-learn keeps one row
            coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
        return LinearScorer(list(self.classes), self.config.groups, dict(self.vocabulary), coef.T.tolist(),
                            intercept.tolist())


def _matrix(rows, groups: str, vocabulary: dict[str, int], dense: bool = False):
    from scipy.sparse import csr_matrix

    data, indices, indptr = [], [], [0]
    for row in rows:
        for name, value in select(row, groups).items():
            column = vocabulary.get(name)
            if column is not None:
                indices.append(column)
                data.append(value)
        indptr.append(len(indices))
    matrix = csr_matrix((data, indices, indptr), shape=(len(rows), len(vocabulary)), dtype=float)
    return matrix.toarray() if dense else matrix


def fit(config: Config, rows: Sequence[dict[str, float]], gold: Sequence[str]) -> Fitted:
    """One model fitted on `rows`; the vocabulary is the training rows' own (features seen at least once, or twice
    for gradient boosting)."""
    from collections import Counter

    counts = Counter(name for row in rows for name in select(row, config.groups))
    least = 2 if config.model == "gboost" else 1
    vocabulary = {name: i for i, name in enumerate(sorted(n for n, k in counts.items() if k >= least))}
    dense = config.model == "gboost"
    matrix = _matrix(rows, config.groups, vocabulary, dense=dense)
    if config.model == "logreg":
        from sklearn.linear_model import LogisticRegression

        estimator = LogisticRegression(C=config.c, max_iter=5000)
    elif config.model == "linsvm":
        from sklearn.svm import LinearSVC

        estimator = LinearSVC(C=config.c, random_state=SEED, max_iter=20000)
    elif config.model == "gboost":
        from sklearn.ensemble import HistGradientBoostingClassifier

        estimator = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=15,
                                                   min_samples_leaf=5, early_stopping=False, random_state=SEED)
    else:
        raise ValueError(f"unknown model {config.model!r}")
    estimator.fit(matrix, list(gold))
    return Fitted(config, vocabulary, [str(c) for c in estimator.classes_], estimator)


def _folds(gold: Sequence[str], k: int, seed: int) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(k, shuffle=True, random_state=seed)
    return [(list(a), list(b)) for a, b in splitter.split([[0]] * len(gold), list(gold))]


def _wf1(gold: Sequence[str], pred: Sequence[str | None]) -> float:
    from warlog.extract.event_types import CASE_LABELS

    return scores(gold, pred, CASE_LABELS)["weighted_f1"]


def choose(grid: Sequence[Config], rows: Sequence[dict[str, float]], gold: Sequence[str],
           folds: int = INNER_FOLDS, seed: int = SEED + 1,
           repeats: int = INNER_REPEATS) -> tuple[Config, dict[str, float]]:
    """The config of `grid` with the best weighted F1 by `folds`-fold CV on `rows` alone, pooled per split and
    averaged over `repeats` splits (seeds `seed`, `seed + 1`, ...; ties: the first config)."""
    splits = [_folds(gold, folds, seed + r) for r in range(repeats)]
    results: dict[str, float] = {}
    best: tuple[float, Config] | None = None
    for config in grid:
        figure = 0.0
        for split in splits:
            pred: list[str | None] = [None] * len(gold)
            for train, test in split:
                fitted = fit(config, [rows[i] for i in train], [gold[i] for i in train])
                for i, label in zip(test, fitted.predict([rows[i] for i in test]), strict=True):
                    pred[i] = label
            figure += _wf1(gold, pred) / len(splits)
        results[config.name] = figure
        if best is None or figure > best[0]:
            best = (figure, config)
    assert best is not None
    return best[1], results


def figures(gold: Sequence[str], pred: Sequence[str | None]) -> dict[str, float]:
    """Weighted F1 (30 labels), weighted F1 on the 25 ACLED labels, macro F1 (30); None counts as wrong."""
    from warlog.extract.event_types import ACLED_LABELS, CASE_LABELS

    strict = [p if p is not None else "NONE" for p in pred]
    every = scores(gold, strict, CASE_LABELS)
    idx = [i for i, g in enumerate(gold) if g in ACLED_LABELS]
    acled = scores([gold[i] for i in idx], [strict[i] for i in idx], ACLED_LABELS)
    return {"weighted_f1": every["weighted_f1"], "acled_weighted_f1": acled["weighted_f1"],
            "macro_f1": every["macro_f1"], "accuracy": every["accuracy"]}


def cross_validate(table: Table, grids: dict[str, list[Config]] | None = None, folds: int = OUTER_FOLDS,
                   seed: int = SEED, progress: Callable[[str], None] | None = None, fixed: bool = True) -> dict:
    """Nested CV of each model family (inner choice of config per outer fold), every fixed config on the same
    outer folds (their best is a choice made on the outer folds: optimistic), and the rules on the same folds."""
    grids = GRIDS if grids is None else grids
    gold = table.gold
    splits = _folds(gold, folds, seed)
    say = progress or (lambda _: None)

    def per_fold(pred: Sequence[str | None]) -> dict:
        rows = [figures([gold[i] for i in test], [pred[i] for i in test]) for _, test in splits]
        mean = {key: sum(r[key] for r in rows) / len(rows) for key in rows[0]}
        return {"folds": rows, "mean": mean, "pooled": figures(gold, pred)}

    other = [p if p is not None else "OTHER" for p in table.rules_nodev]
    result = {
        "n": len(gold), "folds": folds, "inner_folds": INNER_FOLDS, "seed": seed,
        "fold_sizes": [len(test) for _, test in splits],
        "rules_without_dev_rules": per_fold(table.rules_nodev),
        "rules_without_dev_rules_none_as_other": per_fold(other),
        "rules_all_dev_fitted": per_fold(table.rules_all),
        "nested": {}, "fixed": {},
    }
    for family, grid in grids.items():
        started = time.perf_counter()
        pred: list[str | None] = [None] * len(gold)
        chosen = []
        for number, (train, test) in enumerate(splits, start=1):
            rows, labels = [table.rows[i] for i in train], [gold[i] for i in train]
            config, _ = choose(grid, rows, labels) if len(grid) > 1 else (grid[0], {})
            chosen.append(config.name)
            fitted = fit(config, rows, labels)
            for i, label in zip(test, fitted.predict([table.rows[i] for i in test]), strict=True):
                pred[i] = label
            say(f"{family}: outer fold {number} chose {config.name}")
        result["nested"][family] = {**per_fold(pred), "chosen": chosen,
                                    "seconds": round(time.perf_counter() - started, 1), "predictions": pred}
        for config in grid if fixed else ():
            if config.name in result["fixed"]:
                continue  # already run for another family
            alone: list[str | None] = [None] * len(gold)
            for train, test in splits:
                fitted = fit(config, [table.rows[i] for i in train], [gold[i] for i in train])
                for i, label in zip(test, fitted.predict([table.rows[i] for i in test]), strict=True):
                    alone[i] = label
            result["fixed"][config.name] = per_fold(alone)
        say(f"{family}: nested CV{f' and {len(grid)} fixed configs' if fixed else ''} done")
    return result


def _versions() -> dict[str, str]:
    import platform

    import numpy
    import sklearn
    import spacy

    from warlog.extract.nlp import get_nlp

    meta = get_nlp().meta
    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": numpy.__version__,
            "spacy": spacy.__version__, "pipeline": f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"}


def rules_hash() -> str:
    """SHA-256 over the typer's code and rule tables, the features' source: a card whose hash differs from the
    installed one describes a scorer fitted on other rule outputs (retrain it)."""
    from warlog.extract import event_types

    digest = hashlib.sha256()
    for path in (Path(event_types.__file__), event_types.RULES_FILE, event_types.TRIGGERS_FILE):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _rounded(block: dict) -> dict:
    return {key: (round(value, 4) if isinstance(value, float) else _rounded(value) if isinstance(value, dict)
                  else [_rounded(v) if isinstance(v, dict) else v for v in value] if isinstance(value, list) else value)
            for key, value in block.items()}


def train_events(path: str | os.PathLike[str] | None = None, model_path: str | os.PathLike[str] | None = None,
                 card_path: str | os.PathLike[str] | None = None, family: str = TRAIN_FAMILY,
                 cross_validation: bool = True, progress: Callable[[str], None] | None = None,
                 snippets: Sequence[Snippet] | None = None, table: Table | None = None) -> dict:
    """Choose the config by 3-fold CV on the whole file, fit it on the whole file, write the model and its card.

    The card's figures are produced here: the nested 5-fold CV of this same procedure (choice included) and the
    rules on the same folds. No figure of the fitted model on the file it was fitted on is reported as a score.
    """
    from threadpoolctl import threadpool_limits

    from warlog.extract.event_scorer import CARD_PATH, MODEL_PATH

    say = progress or (lambda _: None)
    started = time.perf_counter()
    given = table is not None
    if table is None:
        snippets, table = load_table(path)
    assert snippets is not None
    parsed = time.perf_counter()
    grid = GRIDS[family]
    with threadpool_limits(1):
        cv = cross_validate(table, {family: grid}, progress=say, fixed=False) if cross_validation else None
        cv_done = time.perf_counter()
        config, inner = choose(grid, table.rows, table.gold)
        say(f"chosen on the whole file: {config.name}")
        fitted = fit(config, table.rows, table.gold)
    scorer = fitted.linear()
    agree = sum(a == b or b is None
                for a, b in zip(scorer.predict_many(table.rows), fitted.predict(table.rows), strict=True))
    if agree != len(table.rows):
        raise RuntimeError(f"the exported scorer disagrees with the fitted model on {len(table.rows) - agree} rows")
    model_target = Path(model_path) if model_path else MODEL_PATH
    card_target = Path(card_path) if card_path else CARD_PATH
    model_target.parent.mkdir(parents=True, exist_ok=True)
    model_target.write_text(json.dumps(scorer.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    card = {
        "model": model_target.name,
        "task": "CASE 2021 task 2 event type (30 labels) from the rule typer's candidates and parse features",
        "data": {"file": "(given)" if given else Path(path).name if path else CASE_FILE, "snippets": len(snippets),
                 "sha256": data_hash(snippets), "labels": len(set(table.gold))},
        "rules_off": sorted(rules_off()),
        "rules_sha256": rules_hash(),
        "config": {"model": config.model, "feature_groups": config.groups, "C": config.c, "seed": SEED,
                   "chosen_by": f"{INNER_FOLDS}-fold stratified CV on the whole file, repeated with seeds "
                                f"{SEED + 1}..{SEED + INNER_REPEATS}: best mean weighted F1 of {len(grid)} configs",
                   "inner_cv_weighted_f1": {name: round(value, 4) for name, value in inner.items()}},
        "features": len(scorer.features),
        "cross_validation": None,
        "size_bytes": model_target.stat().st_size,
        "seconds": {"parse_and_features": round(parsed - started, 1),
                    "cross_validation": round(cv_done - parsed, 1) if cv else 0.0,
                    "final_fit": round(time.perf_counter() - cv_done, 1),
                    "total": round(time.perf_counter() - started, 1)},
        "versions": _versions(),
        "trained": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if cv is not None:
        nested = cv["nested"][family]
        card["cross_validation"] = _rounded({
            "protocol": f"{cv['folds']}-fold stratified (seed {cv['seed']}); in each outer fold the config is chosen "
                        f"by {INNER_FOLDS}-fold CV ({INNER_REPEATS} splits) on its training part, fitted there, and "
                        "scored on the fold; no trigger counts as wrong",
            "fold_sizes": cv["fold_sizes"],
            "learned": {"folds": nested["folds"], "mean": nested["mean"], "chosen": nested["chosen"]},
            "rules_without_dev_rules": {"folds": cv["rules_without_dev_rules"]["folds"],
                                        "mean": cv["rules_without_dev_rules"]["mean"]},
            "rules_all_dev_fitted_not_comparable": {"mean": cv["rules_all_dev_fitted"]["mean"]},
        })
    card_target.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    return card


def load_table(path: str | os.PathLike[str] | None = None, cache_dir=None) -> tuple[list[Snippet], Table]:
    snippets = load_case2021(path)
    docs = parse_cached(snippets, cache_dir=cache_dir)
    return snippets, featurize(docs, [s.label for s in snippets])


__all__ = ["GROUPS", "Config", "GRIDS", "Table", "choose", "cross_validate", "data_hash", "featurize", "fit",
           "figures", "load_table", "parse_cached", "train_events"]
