"""A learned cue detector, and per cue a learned choice of its source and content among the parse's pieces.

The claim rules start from a lexicon of verbs of saying and believing; PolNeAR's writers attribute with a long
tail of other words ("took issue with", "is expected", "endorsement of", "slams"), and the BIO tagger
(`attribution_tagger`) finds few of those with a content it can bound. Here two small logistic models, trained
by `warlog train attribution` on PolNeAR's train split and shipped as JSON weights (read with plain Python, no
scikit-learn at run time), work the other way round:

1. the cue model scores a content word as the head of a cue, from its lemma, part of speech, dependency, the
   dependencies of its children, its neighbours, whether it is quoted, the role the rules gave it and how often
   PolNeAR's writers use its lemma as a cue;
2. for a cue, the unit model labels each piece the parse hangs on it (a child's subtree; under a preposition,
   the preposition and its object apart; the clause the cue hangs on, without the cue's own subtree) as source,
   content or neither: content boundaries then follow the parse, which is where PolNeAR's annotators draw them
   more often than a token-by-token tagger does.

The product adds what these find only where the rules and the BIO tagger found nothing (`claims._tagged_drafts`),
with the same war-news guards.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from warlog.extract.attribution_features import in_sorted
from warlog.extract.claims import is_cue_token

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "attribution_cues.json"
CUE_THRESHOLD = 0.5  # chosen on the held-back train articles (sum of source, cue and content exact F1), not on dev
UNIT_THRESHOLD = 0.5  # a unit joins the source or content when that label is at least this likely
CUE_FUNCTION = frozenset({"aux", "auxpass", "neg", "prt"})  # children that belong to the cue ("has not endorsed")
SKIPPED_POS = frozenset({"DET", "PRON", "CCONJ", "NUM", "PROPN", "PUNCT", "SPACE", "SYM", "X"})
# The same as ids (what `Doc.to_array(POS)` holds), sorted: made once, where `candidates` made them for every post.
_SKIPPED_POS_IDS = np.array(sorted(POS_IDS[pos] for pos in SKIPPED_POS), dtype=np.uint64)
SOURCE, CONTENT, NEITHER = "SRC", "CON", "O"
_paths: dict[str, Path | None] = {"model": MODEL_PATH}


@dataclass(frozen=True)
class Unit:
    """A piece of the parse around a cue: `kind` says how it hangs there (c: a child's subtree, prep: a
    preposition alone, p: a preposition's object, g: below a cue word, up: the clause the cue hangs on)."""

    kind: str
    tokens: tuple[int, ...]
    head: Token


@dataclass(frozen=True)
class FoundCue:
    """One attribution the learned models read: token indices of its cue, source (maybe none) and content."""

    cue: tuple[int, ...]
    source: tuple[int, int] | None
    content: tuple[int, int]
    probability: float


def available() -> bool:
    """Whether the trained weights are installed (they ship with the package)."""
    path = _paths["model"]
    return path is not None and path.is_file()


@lru_cache(maxsize=2)
def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def _lemma_set(path: Path) -> frozenset[str]:
    return frozenset(_load(path)["cue_lemmas"])


def set_model(path: Path | None) -> Path | None:
    """Read another weights file from now on, or none (the training command scores what it just wrote, and the
    tagger without it); the old path."""
    old = _paths["model"]
    _paths["model"] = path
    return old


def cue_share(lemma: str, counts: dict[str, list[int]]) -> str:
    """How often PolNeAR's writers use a lemma as a cue, in tenths, and whether it was seen ten times or more."""
    found = counts.get(lemma)
    if not found:
        return "none"
    return f"{min(9, int(10 * found[0] / found[1]))}{'f' if found[0] >= 10 else 'r'}"


def cue_features(doc: Doc, token: Token, quoted: Sequence[bool], roles: Sequence[str],
                 counts: dict[str, list[int]]) -> list[str]:
    """Features of a token as a possible cue head."""
    lemma = token.lemma_.lower()
    share = cue_share(lemma, counts)
    i = token.i
    features = [f"l={lemma}", f"p={token.pos_}", f"t={token.tag_}", f"d={token.dep_}", f"lex={is_cue_token(token)}",
                f"sh={share}", f"sh|p={share}{token.pos_}", f"hl={token.head.lemma_.lower()}", f"hp={token.head.pos_}",
                f"q={quoted[i]}", f"r={roles[i]}", f"w-1={doc[i - 1].lower_ if i else '^'}",
                f"w+1={doc[i + 1].lower_ if i + 1 < len(doc) else '$'}", f"l|d={lemma}|{token.dep_}"]
    for dep in sorted({c.dep_ for c in token.children}):
        features += [f"k={dep}", f"p|k={token.pos_}{dep}"]
    n = len(doc)
    features += [f"w-2={doc[i - 2].lower_ if i > 1 else '^'}", f"w+2={doc[i + 2].lower_ if i + 2 < n else '$'}",
                 f"p-1={doc[i - 1].pos_ if i else '^'}", f"p+1={doc[i + 1].pos_ if i + 1 < n else '$'}",
                 f"hd={token.head.dep_}", f"hl|d={token.head.lemma_.lower()}|{token.dep_}"]
    for child in token.children:
        # what hangs on the word tells its sense: "showed that ..." reports, "showed the way" does not, and
        # who does it matters: a person or a body attacks with words, a missile does not
        features.append(f"l|k={lemma}|{child.dep_}")
        if child.dep_ in ("prep", "mark", "prt", "dative"):
            features.append(f"kl={child.dep_}:{child.lower_}")
        if child.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
            kind = child.ent_type_ or child.pos_
            features += [f"subj={child.dep_}:{kind}", f"l|subj={lemma}|{kind}"]
    return features


def units(head: Token, cue: set[int]) -> list[Unit]:
    """The pieces of the parse a cue's source and content are made of (see `Unit`)."""
    found: list[Unit] = []
    stack: list[tuple[Token, str]] = [(c, "c") for c in head.children]
    while stack:
        child, kind = stack.pop()
        if child.i in cue:
            stack += [(g, "g") for g in child.children]
            continue
        if child.is_punct or child.is_space:
            continue
        if child.dep_ == "prep" and kind == "c":
            found.append(Unit("prep", (child.i,), child))
            stack += [(g, "p") for g in child.children]
            continue
        found.append(Unit(kind, tuple(t.i for t in child.subtree), child))
    parent = head.head
    if parent.i != head.i and parent.i not in cue:
        own = {t.i for t in head.subtree}
        found.append(Unit("up", tuple(t.i for t in parent.subtree if t.i not in own), parent))
    return [u for u in found if u.tokens]


def unit_features(head: Token, unit: Unit, quoted: Sequence[bool]) -> list[str]:
    """Features of a unit as the source or content of the cue `head`."""
    node = unit.head
    side = "L" if unit.tokens[0] < head.i else "R"
    passive = any(c.dep_ == "auxpass" for c in head.children)
    doc = head.doc
    has_verb = any(doc[i].pos_ in ("VERB", "AUX") for i in unit.tokens)
    first, last = doc[min(unit.tokens)], doc[max(unit.tokens)]
    cue_lemma = head.lemma_.lower()
    return [f"k={unit.kind}", f"d={node.dep_}", f"d|s={node.dep_}{side}", f"up={node.pos_}", f"ut={node.tag_}",
            f"ul={node.lemma_.lower()}", f"cl|d={cue_lemma}|{node.dep_}", f"cp|d={head.pos_}{node.dep_}",
            f"pas|d={passive}{node.dep_}", f"len={min(len(unit.tokens), 6)}", f"ent={node.ent_type_}",
            f"hasverb={has_verb}", f"first={first.lower_}", f"last={last.lower_ if last.is_punct else 'w'}",
            f"k|d={unit.kind}|{node.dep_}", f"cl|k={cue_lemma}|{unit.kind}", f"uq={quoted[node.i]}",
            f"ul|s={node.lemma_.lower()}{side}", f"cp|k|d|s={head.pos_}{unit.kind}{node.dep_}{side}",
            f"cdep|d={head.dep_}|{node.dep_}", f"nt={min(len(unit.tokens) // 5, 5)}"]


def cue_probability(features: Sequence[str], model: dict) -> float:
    """The cue model's probability (a logistic model: bias plus the weights of the features present)."""
    weights = model["weights"]
    score = model["bias"] + sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def unit_probabilities(features: Sequence[str], model: dict) -> dict[str, float]:
    """The unit model's probability of each label (a multinomial logistic model)."""
    labels = model["labels"]
    scores = list(model["bias"])
    weights = model["weights"]
    for f in features:
        row = weights.get(f)
        if row is not None:
            scores = [s + w for s, w in zip(scores, row, strict=True)]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {label: e / total for label, e in zip(labels, exps, strict=True)}


def cue_span(head: Token) -> set[int]:
    """A cue head and the children that belong to it: auxiliaries, negation, particle."""
    return {head.i} | {c.i for c in head.children if c.dep_ in CUE_FUNCTION}


def candidates(doc: Doc, roles: Sequence[str], lemmas: frozenset[str]) -> list[Token]:
    """Tokens worth scoring: content words outside every span the rules found, of a lemma seen as a cue head.

    Lemmas and parts of speech are read as arrays and compared by hash: this runs on every post warlog reads, and
    making a Python object of each token only to read its lemma cost more than scoring the few that pass.
    """
    if not len(doc):
        return []
    rows = doc.to_array([LEMMA, POS])
    passing = in_sorted(rows[:, 0], _hashes(lemmas)) & ~in_sorted(rows[:, 1], _SKIPPED_POS_IDS)
    return [doc[i] for i in np.flatnonzero(passing).tolist() if roles[i] == "O"]


@lru_cache(maxsize=4)
def _hashes(lemmas: frozenset[str]) -> np.ndarray:
    return np.array(sorted(hash_string(lemma) for lemma in lemmas), dtype=np.uint64)


def read_cue(head: Token, model: dict, probability: float, quoted: Sequence[bool]) -> FoundCue | None:
    """Source and content of the cue `head` from its units; None without a content."""
    cue = cue_span(head)
    pieces = units(head, cue)
    if not pieces:
        return None
    scored = [unit_probabilities(unit_features(head, u, quoted), model) for u in pieces]
    # the clause a cue hangs on is never its content here: the rules read "X, he said" already, and after other
    # words ("prices rose, the mayor wants") the neighbouring clause is no one's claim
    content = [u for u, p in zip(pieces, scored, strict=True) if p[CONTENT] >= UNIT_THRESHOLD and u.kind != "up"]
    if not content:
        return None
    best = max(range(len(pieces)), key=lambda k: scored[k][SOURCE])
    source = None
    if scored[best][SOURCE] >= UNIT_THRESHOLD:
        source = (min(pieces[best].tokens), max(pieces[best].tokens) + 1)
    # "agreed with X": a preposition whose object is the content belongs to the cue
    for u in pieces:
        if u.kind == "prep" and any(c.kind == "p" and c.head.head.i == u.head.i for c in content):
            cue.add(u.head.i)
    start = min(min(u.tokens) for u in content)
    end = max(max(u.tokens) for u in content) + 1
    if splits_word(head.doc, start, end) or (source is not None and splits_word(head.doc, *source)):
        return None  # a parse that cuts "re-elected" in two gives no span worth reading
    return FoundCue(tuple(sorted(cue)), source, (start, end), probability)


_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})


def splits_word(doc: Doc, start: int, end: int) -> bool:
    """Whether a token range starts or ends inside a hyphenated word (spaCy splits "re-elected" in three, and a
    misparse can hang the pieces on different heads)."""
    def joined(left: int) -> bool:  # doc[left] and doc[left + 1] touch, one of them a hyphen
        return 0 <= left < len(doc) - 1 and not doc[left].whitespace_ and \
            (doc[left].text in _HYPHENS or doc[left + 1].text in _HYPHENS)
    return joined(start - 1) or joined(end - 1)


def find(doc: Doc, roles: Sequence[str], quoted: Sequence[bool]) -> list[FoundCue]:
    """The attributions the learned models read in `doc`, outside the spans the rules found (`roles`)."""
    path = _paths["model"]
    if path is None:
        return []
    model = _load(path)
    counts = model["cue_counts"]
    found: list[FoundCue] = []
    for token in candidates(doc, roles, _lemma_set(path)):
        probability = cue_probability(cue_features(doc, token, quoted, roles, counts), model["cue"])
        if probability < CUE_THRESHOLD:
            continue
        read = read_cue(token, model["unit"], probability, quoted)
        if read is not None:
            found.append(read)
    return found
