"""The learned attribution tagger: BIO tags for source, cue and content, and attributions built from them.

A linear-chain CRF (python-crfsuite), trained by `warlog train attribution` on PolNeAR's train split, tags
every token of a sentence. Its features (`attribution_features`) include what the claim rules found, so it
learns to extend them where they stop (beliefs, plans, noun cues, content boundaries) and to overrule them
where PolNeAR's annotators disagree. Tags become attributions here: each cue span anchors one; the source
is the tagged source span tied to it by the parse, else the nearest one in its sentence; each content span
goes to the nearest cue of its sentence, or to the cue of the sentence before when its own has none (a
quote running on after "he said").

The model ships in the package (`models/attribution.crfsuite`, with its card); without it, `available()`
is False and warlog reads attributions with the rules alone.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA
from spacy.tokens import Doc

from warlog.extract.attribution_features import doc_features, in_sorted, rule_roles, sentence_bounds
from warlog.extract.claims import Attribution, is_cue_token
from warlog.extract.lexicon import STANCE_BY_LEMMA

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_PATH = MODEL_DIR / "attribution.crfsuite"
CARD_PATH = MODEL_DIR / "attribution.card.json"
CUES_PATH = MODEL_DIR / "attribution.cues.json"
MIN_CUE_COUNT = 3  # a lemma is counted as a cue word only once it is a gold cue this often in the train split
MIN_CUE_SHARE = 0.3  # ... and the tagger may add a cue of it only when that is at least this share of its uses
_LINK_DEPTH = 3
_CONTENT_REACH = 1  # sentences back a content without a cue of its own may look for one
_paths = {"model": MODEL_PATH, "cues": CUES_PATH}


@dataclass
class TaggedAttribution:
    """One attribution read off the tags: token ranges [start, end) in the doc."""

    cue: tuple[int, int]
    source: tuple[int, int] | None = None
    content: list[tuple[int, int]] = field(default_factory=list)


def available() -> bool:
    """Whether the trained model is installed (it ships with the package; a source checkout may lack it)."""
    return _paths["model"].is_file()


@lru_cache(maxsize=2)
def _load(model_path: Path, cues_path: Path):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    cues = json.loads(cues_path.read_text(encoding="utf-8")) if cues_path.is_file() else {}
    return tagger, cues


@contextmanager
def using(model_path: Path, cues_path: Path) -> Iterator[None]:
    """Read with another trained model for a while (the training command scores the model it just wrote)."""
    saved = dict(_paths)
    _paths.update(model=model_path, cues=cues_path)
    try:
        yield
    finally:
        _paths.update(saved)


def learned_cue(lemma: str) -> bool:
    """Whether PolNeAR's writers use this word as a cue often enough for the tagger to add a cue of it alone."""
    return _learned(_load(_paths["model"], _paths["cues"])[1].get(lemma))


def _learned(counts: list[int] | None) -> bool:
    """Whether a lemma's (cue uses, uses) in the train split make it a learned cue (`learned_cue`)."""
    return bool(counts) and counts[0] / counts[1] >= MIN_CUE_SHARE


def card() -> dict:
    """The model card written by the training command (data hash, settings, scores)."""
    return json.loads(CARD_PATH.read_text(encoding="utf-8")) if CARD_PATH.is_file() else {}


def tag_doc(doc: Doc, rules: Sequence[Attribution], base: int = 0, candidates_only: bool = False,
            roles: Sequence[str] | None = None, quoted: Sequence[bool] | None = None) -> list[str]:
    """BIO tags for the tokens of `doc`, sentence by sentence.

    With `candidates_only`, only the sentences that could give an attribution the product would add are
    tagged (the others stay O): those holding a cue word outside every span the rules found, and the
    sentence after each, where a quote may run on. Most sentences of news hold no such word, and tagging
    is the slow part of reading claims. `roles` and `quoted` (the rules' roles and the quotation state of each
    token) may be given where the caller has them already.
    """
    tagger = _load(_paths["model"], _paths["cues"])[0]
    roles = rule_roles(doc, rules, base) if roles is None else roles
    bounds = sentence_bounds(doc)
    if candidates_only:
        bounds = _candidate_sentences(doc, roles, bounds)
    features = doc_features(doc, roles, bounds, quoted)
    tags = ["O"] * len(doc)
    for start, end in bounds:
        tags[start:end] = tagger.tag(features[start:end])
    return tags


def _candidate_sentences(doc: Doc, roles: Sequence[str], bounds: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences (`bounds`: in order, apart) holding a token outside the rules' spans that is a learned cue or a
    cue of the lexicon, and the sentence after each.

    Lemmas are read by hash and each lemma judged once: only a learned cue's lemma or one of the lexicon's
    (`STANCE_BY_LEMMA`, without which `is_cue_token` is false) can make a token a cue, so only the tokens of such
    lemmas are made Python objects (asking every token was a quarter of the cost of choosing the sentences to tag).
    """
    if not len(doc) or not bounds:
        return []
    lemmas = doc.to_array(LEMMA)
    strings = doc.vocab.strings
    counts = _load(_paths["model"], _paths["cues"])[1]
    judged: dict[int, bool] = {}  # lemma hash -> whether it is a learned cue, for the lemmas that may make a cue
    for key in np.unique(lemmas).tolist():
        lemma = strings[key].lower()
        learned = _learned(counts.get(lemma))
        if learned or lemma in STANCE_BY_LEMMA:
            judged[key] = learned
    starts = [start for start, _ in bounds]
    chosen: set[int] = set()
    keys = np.array(sorted(judged), dtype=np.uint64)
    for i in np.flatnonzero(in_sorted(lemmas, keys)).tolist():
        k = bisect_right(starts, i) - 1
        if k < 0 or i >= bounds[k][1] or k in chosen and k + 1 in chosen:
            continue
        if roles[i] == "O" and (judged[int(lemmas[i])] or is_cue_token(doc[i])):
            chosen.update((k, k + 1))
    return [bounds[k] for k in sorted(chosen) if k < len(bounds)]


def spans_of(tags: Sequence[str], bounds: Sequence[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Labelled token spans from BIO tags; no span crosses a sentence boundary, and a stray I- starts one."""
    spans: list[tuple[str, int, int]] = []
    for start, end in bounds:
        open_label, open_start = None, start
        for i in range(start, end + 1):
            tag = tags[i] if i < end else "O"
            label = tag[2:] if tag != "O" else None
            continues = tag.startswith("I-") and label == open_label
            if open_label is not None and not continues:
                spans.append((open_label, open_start, i))
                open_label = None
            if label is not None and not continues:
                open_label, open_start = label, i
    return spans


def _linked(doc: Doc, source: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Whether a source span and a cue span are tied by the parse within a few arcs, either way up."""
    cue_tokens = set(range(*cue))
    source_tokens = set(range(*source))
    for tokens, targets in ((source_tokens, cue_tokens), (cue_tokens, source_tokens)):
        for i in tokens:
            node = doc[i]
            for _ in range(_LINK_DEPTH):
                if node.head.i == node.i:
                    break
                node = node.head
                if node.i in targets:
                    return True
    return False


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def decode(doc: Doc, tags: Sequence[str]) -> list[TaggedAttribution]:
    """Attributions from tags: each cue anchors one; sources and contents are tied to their cue."""
    bounds = sentence_bounds(doc)
    sentence_of = [0] * len(doc)
    for k, (start, end) in enumerate(bounds):
        for i in range(start, end):
            sentence_of[i] = k
    spans = spans_of(tags, bounds)
    found = [TaggedAttribution((start, end)) for label, start, end in spans if label == "CUE"]
    cue_sentence = [sentence_of[a.cue[0]] for a in found]
    sources = [(start, end) for label, start, end in spans if label == "SRC"]
    for attribution, sentence in zip(found, cue_sentence, strict=True):
        near = [s for s in sources if sentence_of[s[0]] == sentence]
        linked = [s for s in near if _linked(doc, s, attribution.cue)]
        pool = linked or near
        if pool:
            attribution.source = min(pool, key=lambda s: (_gap(s, attribution.cue), s[0] > attribution.cue[0]))
    last: tuple[int, int] | None = None  # (end of the last content placed, its attribution)
    for label, start, end in spans:
        if label != "CON" or not found:
            continue
        sentence = sentence_of[start]
        same = [k for k, s in enumerate(cue_sentence) if s == sentence]
        if same:
            k = min(same, key=lambda k: _gap(found[k].cue, (start, end)))
        elif last is not None and not any(t.is_alpha or t.is_digit for t in doc[last[0]:start]):
            k = last[1]  # a quote running on over several sentences
        else:
            earlier = [k for k, s in enumerate(cue_sentence) if sentence - _CONTENT_REACH <= s < sentence]
            if not earlier:
                continue
            k = earlier[-1]
        found[k].content.append((start, end))
        last = (end, k)
    return [a for a in found if a.content]
