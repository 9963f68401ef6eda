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
from warlog.extract.attribution_features import doc_features, rule_roles, sentence_bounds, token_overlap
from warlog.extract.attribution_tagger import CARD_PATH, CUES_PATH, MIN_CUE_COUNT, MODEL_PATH, using
from warlog.extract.claims import find_attributions

TRAIN_SUBDIR = Path("attribution") / "PolNeAR-train"
HOLD_EVERY = 10  # every tenth article (sorted by name) is held back from fitting
_FIELD_LABEL = {"cue": "CUE", "source": "SRC", "content": "CON"}
_RANK = {"O": 0, "CON": 1, "SRC": 2, "CUE": 3}
_CUE_POS = {"VERB", "NOUN", "ADP", "ADJ"}  # where spans overlap (a shared source), the stronger label wins


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


def score(pieces: Sequence[ParsedPiece], gold: dict[str, GoldArticle], model_path: Path,
          cues_path: Path) -> dict[str, dict]:
    """Rules alone and rules with the given tagger, read as the product reads and scored as `warlog eval
    attribution` scores."""
    by_article: dict[str, tuple[list[SpanSet], list[SpanSet]]] = {}
    with using(model_path, cues_path):
        for piece in pieces:
            rules_only, combined = by_article.setdefault(piece.article, ([], []))
            rules_only += predicted_spans(find_attributions(piece.doc, piece.base, headline=piece.headline,
                                                            learned=False))
            combined += predicted_spans(find_attributions(piece.doc, piece.base, headline=piece.headline))
    scores = {}
    for variant, index in (("rules", 0), ("rules_and_tagger", 1)):
        documents = [(gold[name].text, spans[index], gold[name].attributions) for name, spans in by_article.items()]
        scores[variant] = _headline_scores(score_documents(documents))
    return scores


def _headline_scores(result: dict) -> dict:
    return {"attribution_f1": result["attribution"]["f1"],
            **{f"{name}_exact_f1": result[name]["exact"]["f1"] for name in ("source", "cue", "content")},
            "content_overlap_f1": result["content"]["overlap"]["f1"]}


def train_attribution(train_dir: Path, model_path: Path = MODEL_PATH, card_path: Path = CARD_PATH,
                      cues_path: Path = CUES_PATH, settings: Settings = Settings(), processes: int = 1,
                      progress: Callable[[str, int], Callable[[int], None]] | None = None,
                      limit: int | None = None) -> dict:
    """Train on PolNeAR train, score the held-back articles, write the model and its card; the card."""
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
    fitted_at = time.perf_counter()
    scores = score([p for p in pieces if p.article in held], gold, model_path, cues_path)
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
        "seconds": {"parse": round(parsed_at - started, 1), "fit": round(fitted_at - parsed_at, 1),
                    "total": round(time.perf_counter() - started, 1)},
        "held_back_scores": scores,
        "trained": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": platform.python_version(),
    }
    card_path.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card
