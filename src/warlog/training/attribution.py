"""Training the attribution tagger on PolNeAR's train split (`warlog train attribution`).

Reproducible by construction: the articles are read in sorted order with the first annotator's file each (as
the evaluation reads dev), parsed by the shipped spaCy pipeline, featured by the same function the product
uses, and fitted by python-crfsuite's L-BFGS with fixed settings. One article in ten (every tenth in sorted
order) is held back from fitting; the rules alone and the rules with the tagger are scored on it, so the
card's figures come from text the model never saw. Dev is never read here: `warlog eval attribution`
scores it.

The card records what a reader needs to trust the model: a hash of the training files, the settings, the
number of sequences and labels, the training time, the model's size and the held-back scores.
"""

from __future__ import annotations

import hashlib
import json
import platform
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from spacy.tokens import Doc

from warlog.evaluate.attribution import (
    GoldArticle,
    SpanSet,
    article_pieces,
    load_polnear,
    predicted_spans,
    score_documents,
)
from warlog.extract import attribution_cues
from warlog.extract.attribution_features import (
    doc_features,
    quote_state,
    rule_roles,
    sentence_bounds,
    token_overlap,
)
from warlog.extract.attribution_tagger import CARD_PATH, CUES_PATH, MIN_CUE_COUNT, MODEL_PATH, using
from warlog.extract.claims import find_attributions

TRAIN_SUBDIR = Path("attribution") / "PolNeAR-train"
HOLD_EVERY = 10  # every tenth article (sorted by name) is held back from fitting
_FIELD_LABEL = {"cue": "CUE", "source": "SRC", "content": "CON"}
_RANK = {"O": 0, "CON": 1, "SRC": 2, "CUE": 3}
_CUE_POS = {"VERB", "NOUN", "ADP", "ADJ"}  # where spans overlap (a shared source), the stronger label wins
MIN_CUE_HEAD_COUNT = 2  # the cue detector scores only lemmas that head a gold cue this often in the fitted articles
MIN_CUE_HEAD_SHARE = 0.05  # ... and in at least this share of their uses ("be", "make", "have" are left out: fast)
CUE_C, UNIT_C = 0.5, 1.0  # inverse L2 penalties of the two logistic models (set on the held-back articles)
MIN_WEIGHT = 0.01  # smaller weights are left out of the shipped file (half its size; the same held-back scores)


@dataclass(frozen=True)
class Settings:
    """The CRF's settings: L1 and L2 penalties, L-BFGS iterations, and how often a feature must occur."""

    c1: float = 0.05
    c2: float = 0.01
    iterations: int = 100
    min_frequency: float = 2.0


@dataclass
class ParsedPiece:
    """One parsed piece of an article: the title (read as a headline) or the body, at its offset."""

    article: str
    base: int
    headline: bool
    doc: Doc


def data_hash(articles: Sequence[GoldArticle], train_dir: Path) -> str:
    """SHA-256 over the text and chosen annotation file of every article, in order."""
    digest = hashlib.sha256()
    for article in articles:
        digest.update(article.name.encode())
        digest.update(article.text.encode())
        digest.update((train_dir / "attributions" / article.annotation_file).read_bytes())
    return digest.hexdigest()


def parse_articles(articles: Sequence[GoldArticle], nlp, processes: int = 1,
                   advance: Callable[[int], None] | None = None) -> list[ParsedPiece]:
    """Every piece of every article, parsed (in `processes` worker processes)."""
    jobs = [(article.name, base, headline, text)
            for article in articles for base, text, headline in article_pieces(article.text)]
    parsed: list[ParsedPiece] = []
    docs = nlp.pipe((job[3] for job in jobs), n_process=processes, batch_size=16)
    for job, doc in zip(jobs, docs, strict=True):
        parsed.append(ParsedPiece(job[0], job[1], job[2], doc))
        if advance is not None:
            advance(1)
    return parsed


def gold_tags(doc: Doc, base: int, attributions: Iterable[SpanSet]) -> list[str]:
    """BIO tags of `doc` from gold attributions: a token is in a span when it overlaps it."""
    labels = ["O"] * len(doc)
    owner: list[tuple[int, str] | None] = [None] * len(doc)
    overlapping = token_overlap(doc, base)
    for k, attribution in enumerate(attributions):
        for name, label in _FIELD_LABEL.items():
            for start, end in getattr(attribution, name):
                for i in overlapping(start, end):
                    if _RANK[label] > _RANK[labels[i]] and not doc[i].is_space:
                        labels[i], owner[i] = label, (k, name)
    tags = []
    for i, label in enumerate(labels):
        if label == "O":
            tags.append("O")
        else:
            continued = i > 0 and labels[i - 1] == label and owner[i - 1] == owner[i]
            tags.append(("I-" if continued else "B-") + label)
    return tags


def cue_counts(pieces: Sequence[ParsedPiece], gold: dict[str, GoldArticle]) -> dict[str, list[int]]:
    """Per lemma: how often a word of it is (part of) a gold cue, and how often it occurs (content words only).

    Their ratio tells which words PolNeAR's writers use as cues most of the time ("insist", "vow") and which only
    now and then ("block", "think"): the product lets the tagger add a cue of the first kind only.
    """
    total: dict[str, int] = {}
    as_cue: dict[str, int] = {}
    for piece in pieces:
        tags = gold_tags(piece.doc, piece.base, gold[piece.article].attributions)
        for token, tag in zip(piece.doc, tags, strict=True):
            if token.pos_ not in _CUE_POS:
                continue
            lemma = token.lemma_.lower()
            total[lemma] = total.get(lemma, 0) + 1
            if tag.endswith("CUE"):
                as_cue[lemma] = as_cue.get(lemma, 0) + 1
    return {lemma: [n, total[lemma]] for lemma, n in sorted(as_cue.items()) if n >= MIN_CUE_COUNT}


def held_back(index: int) -> bool:
    """Whether the article at this sorted position is held back from fitting."""
    return index % HOLD_EVERY == 0


def fit(pieces: Sequence[ParsedPiece], gold: dict[str, GoldArticle], model_path: Path, settings: Settings,
        advance: Callable[[int], None] | None = None) -> int:
    """Fit the CRF on the pieces' sentences; the number of sequences it was fitted on."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    sequences = 0
    for piece in pieces:
        rules = find_attributions(piece.doc, piece.base, headline=piece.headline, learned=False)
        features = doc_features(piece.doc, rule_roles(piece.doc, rules, piece.base))
        tags = gold_tags(piece.doc, piece.base, gold[piece.article].attributions)
        for start, end in sentence_bounds(piece.doc):
            trainer.append(features[start:end], tags[start:end])
            sequences += 1
        if advance is not None:
            advance(1)
    trainer.set_params({"c1": settings.c1, "c2": settings.c2, "max_iterations": settings.iterations,
                        "feature.possible_transitions": True, "feature.minfreq": settings.min_frequency})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return sequences


def _cue_heads(doc: Doc, base: int, attributions: Iterable[SpanSet]) -> dict[int, SpanSet]:
    """Gold attributions by the token heading their cue (the last cue token whose head lies outside the cue)."""
    overlapping = token_overlap(doc, base)
    heads: dict[int, SpanSet] = {}
    for attribution in attributions:
        tokens = sorted({i for start, end in attribution.cue for i in overlapping(start, end) if not doc[i].is_space})
        inside = set(tokens)
        roots = [i for i in tokens if doc[i].head.i not in inside or doc[i].head.i == i]
        if roots:
            heads[roots[-1]] = attribution
    return heads


def _unit_label(doc: Doc, base: int, unit: attribution_cues.Unit, attribution: SpanSet) -> str:
    """A unit's gold label: source or content when most of its words are in that field, else neither."""
    overlapping = token_overlap(doc, base)
    mine = set(unit.tokens)
    words = [t for t in unit.tokens if not (doc[t].is_punct or doc[t].is_space)] or list(mine)
    for label, field in ((attribution_cues.SOURCE, "source"), (attribution_cues.CONTENT, "content")):
        inside = {i for start, end in getattr(attribution, field) for i in overlapping(start, end)}
        if 2 * len(inside.intersection(words)) > len(words):
            return label
    return attribution_cues.NEITHER


def fit_cues(pieces: Sequence[ParsedPiece], gold: dict[str, GoldArticle], counts: dict[str, list[int]],
             path: Path, advance: Callable[[int], None] | None = None) -> dict:
    """Fit the cue detector and the unit model (scikit-learn logistic regression) and write their weights as
    JSON, which the product reads without scikit-learn; a summary for the card."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    cue_rows: list[dict[str, int]] = []
    cue_labels: list[bool] = []
    unit_rows: list[dict[str, int]] = []
    unit_labels: list[str] = []
    head_lemmas: dict[str, int] = {}
    uses: dict[str, int] = {}
    for piece in pieces:
        doc = piece.doc
        rules = find_attributions(doc, piece.base, headline=piece.headline, learned=False)
        roles = rule_roles(doc, rules, piece.base)
        quoted = quote_state(doc)
        heads = _cue_heads(doc, piece.base, gold[piece.article].attributions)
        for token in doc:
            if token.pos_ not in attribution_cues.SKIPPED_POS:
                cue_rows.append(dict.fromkeys(attribution_cues.cue_features(doc, token, quoted, roles, counts), 1))
                cue_labels.append(token.i in heads)
                lemma = token.lemma_.lower()
                uses[lemma] = uses.get(lemma, 0) + 1
        for i, attribution in heads.items():
            head = doc[i]
            lemma = head.lemma_.lower()
            head_lemmas[lemma] = head_lemmas.get(lemma, 0) + 1
            for unit in attribution_cues.units(head, set(_token_range(doc, piece.base, attribution.cue))):
                unit_rows.append(dict.fromkeys(attribution_cues.unit_features(head, unit, quoted), 1))
                unit_labels.append(_unit_label(doc, piece.base, unit, attribution))
        if advance is not None:
            advance(1)
    cue_vectors, unit_vectors = DictVectorizer(), DictVectorizer()
    cue_model = LogisticRegression(C=CUE_C, max_iter=300).fit(cue_vectors.fit_transform(cue_rows), cue_labels)
    unit_model = LogisticRegression(C=UNIT_C, max_iter=300).fit(unit_vectors.fit_transform(unit_rows), unit_labels)
    cue_weights = {name: round(float(w), 4) for name, w in
                   zip(cue_vectors.get_feature_names_out(), cue_model.coef_[0], strict=True) if abs(w) >= MIN_WEIGHT}
    unit_weights = {name: [round(float(w), 4) for w in column] for name, column in
                    zip(unit_vectors.get_feature_names_out(), unit_model.coef_.T, strict=True)
                    if max(abs(w) for w in column) >= MIN_WEIGHT}
    model = {
        "cue": {"bias": round(float(cue_model.intercept_[0]), 4), "weights": cue_weights},
        "unit": {"labels": [str(label) for label in unit_model.classes_],
                 "bias": [round(float(b), 4) for b in unit_model.intercept_], "weights": unit_weights},
        "cue_counts": counts,
        "cue_lemmas": sorted(lemma for lemma, n in head_lemmas.items()
                             if n >= MIN_CUE_HEAD_COUNT and n >= MIN_CUE_HEAD_SHARE * uses.get(lemma, n)),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    return {"file": path.name, "cue_examples": len(cue_rows), "cue_heads": sum(cue_labels),
            "unit_examples": len(unit_rows), "cue_features": len(cue_weights), "unit_features": len(unit_weights),
            "cue_lemmas": len(model["cue_lemmas"]), "settings": {"cue_C": CUE_C, "unit_C": UNIT_C,
            "cue_threshold": attribution_cues.CUE_THRESHOLD, "unit_threshold": attribution_cues.UNIT_THRESHOLD},
            "size_bytes": path.stat().st_size}


def _token_range(doc: Doc, base: int, ranges: Iterable[tuple[int, int]]) -> list[int]:
    overlapping = token_overlap(doc, base)
    return sorted({i for start, end in ranges for i in overlapping(start, end) if not doc[i].is_space})


def score(pieces: Sequence[ParsedPiece], gold: dict[str, GoldArticle], model_path: Path,
          cues_path: Path, cue_model_path: Path | None = None) -> dict[str, dict]:
    """Rules alone, rules with the given tagger, and (given `cue_model_path`) rules with the tagger and the cue
    detector, read as the product reads and scored as `warlog eval attribution` scores."""
    variants = [("rules", None, False), ("rules_and_tagger", None, True)]
    if cue_model_path is not None:
        variants.append(("rules_tagger_and_cues", cue_model_path, True))
    by_variant: dict[str, dict[str, list[SpanSet]]] = {name: {} for name, _, _ in variants}
    with using(model_path, cues_path):
        for name, cue_path, learned in variants:
            saved = attribution_cues.set_model(cue_path)
            try:
                for piece in pieces:
                    by_variant[name].setdefault(piece.article, []).extend(predicted_spans(find_attributions(
                        piece.doc, piece.base, headline=piece.headline, learned=learned)))
            finally:
                attribution_cues.set_model(saved)
    scores = {}
    for variant, by_article in by_variant.items():
        documents = [(gold[name].text, spans, gold[name].attributions) for name, spans in by_article.items()]
        scores[variant] = _headline_scores(score_documents(documents))
    return scores


def _headline_scores(result: dict) -> dict:
    return {"attribution_f1": result["attribution"]["f1"],
            **{f"{name}_exact_f1": result[name]["exact"]["f1"] for name in ("source", "cue", "content")},
            "content_overlap_f1": result["content"]["overlap"]["f1"]}


def train_attribution(train_dir: Path, model_path: Path = MODEL_PATH, card_path: Path = CARD_PATH,
                      cues_path: Path = CUES_PATH, settings: Settings = Settings(), processes: int = 1,
                      progress: Callable[[str, int], Callable[[int], None]] | None = None,
                      limit: int | None = None, cue_model_path: Path = attribution_cues.MODEL_PATH) -> dict:
    """Train on PolNeAR train, score the held-back articles, write the models and the card; the card."""
    from warlog.extract.nlp import get_nlp

    started = time.perf_counter()
    articles = load_polnear(train_dir, limit)
    if not articles:
        raise FileNotFoundError(f"no annotated articles under {train_dir} (expected text/ and attributions/)")
    gold = {a.name: a for a in articles}
    held = {a.name for k, a in enumerate(articles) if held_back(k)}
    step = progress or (lambda _label, _total: None)
    pieces = parse_articles(articles, get_nlp(), processes,
                            step("parsing", sum(len(article_pieces(a.text)) for a in articles)))
    fitting = [p for p in pieces if p.article not in held]
    parsed_at = time.perf_counter()
    sequences = fit(fitting, gold, model_path, settings, step("fitting", len(fitting)))
    cues = cue_counts(fitting, gold)
    cues_path.write_text(json.dumps(cues, indent=0) + "\n", encoding="utf-8")
    crf_at = time.perf_counter()
    cue_model = fit_cues(fitting, gold, cues, cue_model_path, step("fitting the cue detector", len(fitting)))
    fitted_at = time.perf_counter()
    scores = score([p for p in pieces if p.article in held], gold, model_path, cues_path, cue_model_path)
    card = {
        "model": model_path.name,
        "kind": "linear-chain CRF (python-crfsuite, L-BFGS) over BIO tags of source, cue and content",
        "data": {"set": "PolNeAR v1.0.0 train", "articles": len(articles), "fitted_on": len(articles) - len(held),
                 "held_back": len(held), "held_back_rule": f"every {HOLD_EVERY}th article in sorted name order",
                 "annotation_choice": "first .ann file per article in sorted file-name order",
                 "sha256": data_hash(articles, Path(train_dir))},
        "settings": settings.__dict__,
        "sequences": sequences,
        "cue_lemmas": {"file": cues_path.name, "lemmas": len(cues), "min_count": MIN_CUE_COUNT},
        "size_bytes": model_path.stat().st_size,
        "cue_detector": cue_model,
        "seconds": {"parse": round(parsed_at - started, 1), "fit": round(crf_at - parsed_at, 1),
                    "fit_cue_detector": round(fitted_at - crf_at, 1),
                    "total": round(time.perf_counter() - started, 1)},
        "held_back_scores": scores,
        "trained": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": platform.python_version(),
    }
    card_path.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card
