"""Token features for the learned attribution tagger: what the parse and the claim rules say about each token.

The tagger labels every token of a sentence as part of an attribution's source, cue or content (BIO tags).
Its features are deliberately the ones the hand-written rules look at, plus the rules' own answer, so the
model learns where the rules are right and where they stop: the word and lemma, part of speech and
dependency, the head word, whether a token or one of its ancestors is a cue of speech or belief (the
lexicon the rules use) and by which dependency path, whether it stands inside quotation marks, and the
role the rules gave it. A window of two tokens either side carries the local context; the CRF's
transitions carry the span shape.

Features are strings (`name=value`), the form python-crfsuite reads; the same function makes them at
training time (`warlog train attribution`) and when reading news, so the two can never drift apart.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc

from warlog.extract.claims import Attribution, is_cue_token

# Roles the rules give a token, by the span of an attribution it falls in.
RULE_SOURCE, RULE_CUE, RULE_CONTENT, RULE_NONE = "SRC", "CUE", "CON", "O"
_OPENING = {"\u201c", "\u00ab", "\u201e", "\u2018"}
_CLOSING = {"\u201d", "\u00bb", "\u201f", "\u2019"}
_STRAIGHT = {'"', "``", "''"}
_PATH_DEPTH = 4
_WINDOW = (-2, -1, 1, 2)


def rule_roles(doc: Doc, attributions: Sequence[Attribution], base: int = 0) -> list[str]:
    """Per token, the role the rules gave it (source, cue, content or none); a cue beats a source beats a content."""
    roles = [RULE_NONE] * len(doc)
    rank = {RULE_NONE: 0, RULE_CONTENT: 1, RULE_SOURCE: 2, RULE_CUE: 3}
    starts = [t.idx for t in doc]
    ends = [start + len(t.text) for start, t in zip(starts, doc, strict=True)]

    def mark(start: int, end: int, role: str) -> None:
        i = bisect_right(ends, start - base)
        while i < len(doc) and starts[i] < end - base:
            if rank[role] > rank[roles[i]]:
                roles[i] = role
            i += 1

    for found in attributions:
        claim = found.claim
        mark(claim.content.start, claim.content.end, RULE_CONTENT)
        if found.source is not None:
            mark(found.source.start, found.source.end, RULE_SOURCE)
        if claim.cue is not None:
            mark(claim.cue.start, claim.cue.end, RULE_CUE)
    return roles


def quote_state(doc: Doc) -> list[bool]:
    """Per token, whether it stands inside quotation marks (curly marks nest by direction, straight ones toggle)."""
    inside = [False] * len(doc)
    depth = 0
    straight_open = False
    for token in doc:
        text = token.text
        if text in _OPENING and not (text == "\u2019" or text == "\u2018"):
            inside[token.i] = True
            depth += 1
            continue
        if text in _CLOSING and text != "\u2019":
            depth = max(0, depth - 1)
            inside[token.i] = True
            continue
        if text in _STRAIGHT:
            straight_open = not straight_open
            inside[token.i] = True
            continue
        if "\n" in text:
            depth, straight_open = 0, False
        inside[token.i] = depth > 0 or straight_open
    return inside


def _shape(text: str) -> str:
    if text.isdigit():
        return "d"
    if text.isupper() and len(text) > 1:
        return "XX"
    if text[:1].isupper():
        return "Xx"
    if text.isalpha():
        return "x"
    return "p"


def _cue_path(i: int, heads: Sequence[int], deps: Sequence[str], cue: Sequence[bool]) -> tuple[str, str]:
    """The dependency labels from token `i` up to its nearest cue ancestor, and which side of it the token is."""
    labels: list[str] = []
    node = i
    for _ in range(_PATH_DEPTH):
        if heads[node] == node:
            return "none", "-"
        labels.append(deps[node])
        node = heads[node]
        if cue[node]:
            return ">".join(labels), "L" if i < node else "R"
    return "none", "-"


def doc_features(doc: Doc, roles: Sequence[str]) -> list[list[str]]:
    """Features of every token of `doc`, in order.

    Token attributes are read into lists once: spaCy makes a new Python object on every token access, and
    this runs on every sentence warlog reads.
    """
    tokens = list(doc)
    heads = [t.head.i for t in tokens]
    deps = [t.dep_ for t in tokens]
    lowers = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    pos = [t.pos_ for t in tokens]
    cue = [is_cue_token(t) for t in tokens]
    governs = [""] * len(tokens)  # the dependency label of a cue among a token's children (a source's cue)
    for i, head in enumerate(heads):
        if cue[i] and head != i and not governs[head]:
            governs[head] = deps[i]
    quoted = quote_state(doc)
    own: list[dict[str, str]] = []
    for i, token in enumerate(tokens):
        head = heads[i]
        path, side = _cue_path(i, heads, deps, cue)
        own.append({
            "w": lowers[i], "l": lemmas[i], "p": pos[i], "t": token.tag_, "d": deps[i],
            "s": _shape(token.text), "x": lowers[i][-3:], "hl": lemmas[head], "hp": pos[head],
            "dh": f"{deps[i]}|{pos[head]}", "c": "1" if cue[i] else "0",
            "hc": "1" if cue[head] and head != i else "0", "path": path, "side": side,
            "gc": governs[i], "q": "1" if quoted[i] else "0",
            "e": f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O", "r": roles[i],
            "ss": "1" if token.is_sent_start else "0",
        })
    features: list[list[str]] = []
    n = len(tokens)
    for i, mine in enumerate(own):
        row = ["bias"] + [f"{key}={value}" for key, value in mine.items()]
        row.append(f"r|c={mine['r']}|{mine['c']}")
        row.append(f"path|r={mine['path']}|{mine['r']}")
        for offset in _WINDOW:
            j = i + offset
            if 0 <= j < n:
                other = own[j]
                row += [f"{offset}w={other['w']}", f"{offset}p={other['p']}", f"{offset}r={other['r']}",
                        f"{offset}c={other['c']}", f"{offset}q={other['q']}"]
            else:
                row.append(f"{offset}edge")
        features.append(row)
    return features


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences of `doc`: the tagger's sequences (tried against paragraphs: sentences
    scored a little better on held-back PolNeAR train articles)."""
    return [(sent.start, sent.end) for sent in doc.sents]
