"""Features for a learned event-type scorer over the rule typer's output, and the shipped model that reads them.

The rule typer (`warlog.extract.event_types`) weighs candidate events and returns the best. A learned scorer reads
what it weighed, with the CASE-dev-confusion rules switched off (they were written from the whole CASE dev file,
so no cross-validation fold could be kept from them), plus parse features, and picks a CASE label:

  R (rules)   the top candidate's label, generic flag, cues and generic reasons; the runner-up label; every
              candidate label with how close it came to the top score; how many candidates there were
  P (parse)   around the top candidate's trigger: lemma (alone and with the rules' label), part of speech,
              dependency relation and the relations up to the root, head lemma, subjects and objects (lemma,
              lexicon cues, entity type), prepositions with their objects, negation, modal, passive; the lemma of
              every other candidate's trigger
  L (lexicon) every lexicon cue in the snippet (weapons, actors, event words) and those of its first sentence,
              and the entity types named
  W (words)   the snippet's content lemmas (alphabetic, not stop words)

Every feature is binary or in [0, 1] and named with its group's letter, so a feature set is a choice of letters.
The model is a linear one (weights per label and feature, an intercept per label) stored as JSON and applied with
numpy; `warlog train events` (`warlog.training.events`) fits it and writes its card.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "event_scorer.json"
CARD_PATH = MODEL_PATH.with_name("event_scorer.card.json")
GROUPS = "RPLW"
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_OBJ = frozenset({"dobj", "obj", "attr", "oprd"})
_GAP = 6.0  # a candidate this far below the top scores 0 on its "near" feature


def rules_off() -> frozenset[str]:
    """The rules the scorer's inputs are computed without: every rule read off the CASE dev confusion table."""
    from warlog.extract.event_types import RULES

    return RULES.dev_rules()


def _lemma(token: Token) -> str:
    return token.lemma_.lower() or token.lower_


def _cue_names(cues: Iterable[str]) -> list[str]:
    return sorted({c.split(":", 1)[0] for c in cues} | set(cues))


def _rule_features(weighing, out: dict[str, float]) -> None:
    from warlog.extract.event_types import TYPES

    cands = weighing.candidates
    if not cands:
        out["R:top=NONE"] = 1.0
        return
    top = cands[0]
    out[f"R:top={top.label}"] = 1.0
    out[f"R:top_case={TYPES[top.label].case_label}"] = 1.0
    if top.generic:
        out["R:top_generic"] = 1.0
    for cue in _cue_names(top.cues):
        out[f"R:cue={cue}"] = 1.0
    for reason in top.generic:
        out[f"R:generic={reason}"] = 1.0
    best: dict[str, float] = {}
    for cand in cands:
        best.setdefault(cand.label, cand.score)
    for label, score in best.items():
        out[f"R:cand={label}"] = 1.0
        out[f"R:near={label}"] = max(0.0, 1.0 - (top.score - score) / _GAP)
    others = [label for label in best if label != top.label]
    if others:
        out[f"R:second={others[0]}"] = 1.0
        out[f"R:pair={top.label}>{others[0]}"] = 1.0
        out["R:margin"] = min(1.0, (top.score - best[others[0]]) / _GAP)
    else:
        out["R:single_label"] = 1.0
    out[f"R:n={min(len(cands), 4)}"] = 1.0
    if top.sentence:
        out["R:top_later_sentence"] = 1.0
    out[f"R:depth={min(top.depth, 3)}"] = 1.0


def _token_parts(prefix: str, token: Token, token_cues: dict[int, frozenset[str]], out: dict[str, float]) -> None:
    out[f"P:{prefix}={_lemma(token)}"] = 1.0
    for cue in token_cues.get(token.i, ()):
        out[f"P:{prefix}_cue={cue}"] = 1.0
    if token.ent_type_:
        out[f"P:{prefix}_ent={token.ent_type_}"] = 1.0


def _parse_features(doc: Doc | Span, weighing, out: dict[str, float]) -> None:
    cands = weighing.candidates
    if not cands:
        return
    top = cands[0]
    doc = doc.doc if isinstance(doc, Span) else doc
    t = doc[top.token_i]
    lemma = _lemma(t)
    out[f"P:lemma={lemma}"] = 1.0
    out[f"P:lemma_label={lemma}|{top.label}"] = 1.0
    out[f"P:pos={t.pos_}"] = 1.0
    out[f"P:dep={t.dep_}"] = 1.0
    path, current = [t.dep_], t
    for _ in range(3):
        if current.head == current:  # the root is its own head
            break
        current = current.head
        path.append(current.dep_)
    out[f"P:path={'/'.join(path)}"] = 1.0
    if t.head != t:
        out[f"P:head={_lemma(t.head)}"] = 1.0
    verb = t if t.pos_ in ("VERB", "AUX") or t.head == t else t.head
    for holder in {t, verb}:
        for child in holder.children:
            if child.dep_ == "neg":
                out["P:negated"] = 1.0
            elif child.dep_ == "aux" and child.tag_ == "MD":
                out[f"P:modal={_lemma(child)}"] = 1.0
                out["P:modal"] = 1.0
            elif child.dep_ == "auxpass":
                out["P:passive"] = 1.0
    for child in t.children:
        if child.dep_ in _SUBJ:
            _token_parts("subj", child, weighing.token_cues, out)
        elif child.dep_ in _OBJ:
            _token_parts("obj", child, weighing.token_cues, out)
        elif child.dep_ in ("prep", "agent"):
            prep = child.lower_
            out[f"P:prep={prep}"] = 1.0
            for grand in child.children:
                if grand.dep_ == "pobj":
                    out[f"P:prep_obj={prep}|{_lemma(grand)}"] = 1.0
                    if prep == "by" or child.dep_ == "agent":
                        _token_parts("agent", grand, weighing.token_cues, out)
                    for cue in weighing.token_cues.get(grand.i, ()):
                        out[f"P:prep_cue={prep}|{cue}"] = 1.0
        elif child.dep_ == "compound":
            out[f"P:compound={_lemma(child)}"] = 1.0
    for cand in cands[1:]:
        out[f"P:other_lemma={_lemma(doc[cand.token_i])}"] = 1.0


def _lexicon_features(span: Span, weighing, out: dict[str, float]) -> None:
    first = next(iter(span.sents), span)
    first_end = first.end
    for i, cues in weighing.token_cues.items():
        for cue in cues:
            out[f"L:cue={cue}"] = 1.0
            if i < first_end:
                out[f"L:cue1={cue}"] = 1.0
    for ent in span.ents:
        out[f"L:ent={ent.label_}"] = 1.0


def _word_features(span: Span, out: dict[str, float]) -> None:
    for token in span:
        if token.is_alpha and not token.is_stop and len(token) > 1:
            out[f"W:{_lemma(token)}"] = 1.0


def snippet_features(span: Span, weighing=None) -> dict[str, float]:
    """Every feature of `span` (all four groups), read from the rule typer with the dev-confusion rules off."""
    from warlog.extract.event_types import weighed

    if weighing is None:
        weighing = weighed(span, disabled=rules_off())
    out: dict[str, float] = {}
    _rule_features(weighing, out)
    _parse_features(span, weighing, out)
    _lexicon_features(span, weighing, out)
    _word_features(span, out)
    return out


def select(features: dict[str, float], groups: str) -> dict[str, float]:
    """The features of the groups named by `groups` (letters of GROUPS)."""
    return {k: v for k, v in features.items() if k[0] in groups}


@dataclass
class LinearScorer:
    """A linear model over named features: a label's score is its intercept plus the weights of the features."""

    labels: list[str]
    groups: str
    features: dict[str, int]
    weights: list[list[float]]  # one row per feature, one column per label
    intercept: list[float]

    def __post_init__(self) -> None:
        import numpy as np

        self._w = np.asarray(self.weights, dtype=float).reshape(len(self.features), len(self.labels))
        self._b = np.asarray(self.intercept, dtype=float)

    def scores(self, features: dict[str, float]):
        """The label scores for one feature dict (a numpy vector in `labels` order)."""
        total = self._b.copy()
        for name, value in select(features, self.groups).items():
            row = self.features.get(name)
            if row is not None:
                total = total + value * self._w[row]
        return total

    def predict(self, features: dict[str, float]) -> str:
        return self.labels[int(self.scores(features).argmax())]

    def predict_many(self, rows: Sequence[dict[str, float]]) -> list[str]:
        return [self.predict(row) for row in rows]

    def to_json(self) -> dict:
        return {"format": "warlog-linear-scorer/1", "labels": self.labels, "groups": self.groups,
                "features": sorted(self.features, key=self.features.get),
                "weights": [[round(float(x), 6) + 0.0 for x in row] for row in self._w.tolist()],
                "intercept": [round(float(x), 6) + 0.0 for x in self._b.tolist()]}  # + 0.0: no "-0.0"

    @classmethod
    def from_json(cls, data: dict) -> LinearScorer:
        if data.get("format") != "warlog-linear-scorer/1":
            raise ValueError(f"not a warlog linear scorer: format {data.get('format')!r}")
        return cls(list(data["labels"]), data["groups"], {name: i for i, name in enumerate(data["features"])},
                   data["weights"], data["intercept"])


@lru_cache(maxsize=4)
def load_scorer(path: str | None = None) -> LinearScorer:
    """The shipped scorer (or the one at `path`); FileNotFoundError where there is none."""
    target = Path(path) if path else MODEL_PATH
    return LinearScorer.from_json(json.loads(target.read_text(encoding="utf-8")))
