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

from collections.abc import Callable, Sequence

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_SPACE, LEMMA, LENGTH, LOWER, ORTH, POS, SENT_START, TAG
from spacy.strings import hash_string
from spacy.tokens import Doc

from warlog.extract.claims import Attribution, is_cue_token
from warlog.extract.lexicon import STANCE_BY_LEMMA

# Roles the rules give a token, by the span of an attribution it falls in.
RULE_SOURCE, RULE_CUE, RULE_CONTENT, RULE_NONE = "SRC", "CUE", "CON", "O"
# Single curly marks are left out: "\u2019" is far more often an apostrophe than a closing quote.
_OPENING = {"\u201c", "\u00ab", "\u201e"}
_CLOSING = {"\u201d", "\u00bb", "\u201f"}
_STRAIGHT = {'"', "``", "''"}
_PATH_DEPTH = 4
_WINDOW = (-2, -1, 1, 2)
# Per window offset: its feature when it falls off the text, and the names of the neighbour's features ("-2w=", ...).
# A token's IOB code as `Token.ent_iob_` spells it, by the number `Doc.to_array(ENT_IOB)` gives.
_IOB = ("", "I", "O", "B")
_WINDOW_NAMES = tuple((offset, f"{offset}edge", tuple(f"{offset}{name}=" for name in "wprcq")) for offset in _WINDOW)


def rule_roles(doc: Doc, attributions: Sequence[Attribution], base: int = 0) -> list[str]:
    """Per token, the role the rules gave it (source, cue, content or none); a cue beats a source beats a content."""
    roles = [RULE_NONE] * len(doc)
    rank = {RULE_NONE: 0, RULE_CONTENT: 1, RULE_SOURCE: 2, RULE_CUE: 3}
    overlapping = token_overlap(doc, base)

    def mark(start: int, end: int, role: str) -> None:
        for i in overlapping(start, end):
            if rank[role] > rank[roles[i]]:
                roles[i] = role

    for found in attributions:
        claim = found.claim
        mark(claim.content.start, claim.content.end, RULE_CONTENT)
        if found.source is not None:
            mark(found.source.start, found.source.end, RULE_SOURCE)
        if claim.cue is not None:
            mark(claim.cue.start, claim.cue.end, RULE_CUE)
    return roles


def token_overlap(doc: Doc, base: int = 0) -> Callable[[int, int], range]:
    """A function giving the tokens of `doc` (whose text starts at `base`) that overlap a character range.

    The offsets are read as arrays (`Doc.to_array`): making a Python object of every token of every post only to
    read its offset was a fifth of the time of reading claims."""
    starts = doc.to_array(IDX).astype(np.int64) + base if len(doc) else np.zeros(0, dtype=np.int64)
    ends = starts + (doc.to_array(LENGTH).astype(np.int64) if len(doc) else 0)

    def overlapping(start: int, end: int) -> range:
        first = int(np.searchsorted(ends, start, side="right"))
        return range(first, max(first, int(np.searchsorted(starts, end, side="left"))))

    return overlapping


# The quotation marks by the hash of their text, as `Doc.to_array(ORTH)` gives it (a string's hash is the same in
# every vocabulary): made once here, where `quote_state` built the table and its array again for every post.
_MARK_KINDS: dict[int, str] = {hash_string(mark): kind for kind, marks in (
    ("open", _OPENING), ("close", _CLOSING), ("straight", _STRAIGHT)) for mark in marks}
_MARK_HASHES = np.array(sorted(_MARK_KINDS), dtype=np.uint64)


def in_sorted(values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Per value, whether it is one of `keys` (sorted): `np.isin`'s answer, found by binary search. Why: `np.isin`
    sorts both arrays again on every call, and the keys here are fixed tables asked about for every post."""
    if not len(keys) or not len(values):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(keys, values)
    at[at == len(keys)] = 0
    return keys[at] == values


def quote_state(doc: Doc) -> list[bool]:
    """Per token, whether it stands inside quotation marks (curly marks nest by direction, straight ones toggle).

    Only the marks and the line breaks change the state, so those are found by hash over the token array and the
    stretches between them filled at once: walking every token as a Python object cost more than the tagging."""
    n = len(doc)
    if not n:
        return []
    orth = doc.to_array(ORTH)
    kinds, marks = _MARK_KINDS, _MARK_HASHES
    events = np.flatnonzero(in_sorted(orth, marks) | (doc.to_array(IS_SPACE) > 0))
    inside = [False] * n
    depth = 0
    straight_open = False
    previous = 0  # tokens from here up to the next event take the state as it stands
    for i in events.tolist():
        state = depth > 0 or straight_open
        if state:
            inside[previous:i] = [True] * (i - previous)
        kind = kinds.get(int(orth[i]))
        if kind == "open":
            inside[i] = True
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
            inside[i] = True
        elif kind == "straight":
            straight_open = not straight_open
            inside[i] = True
        else:
            if "\n" in doc[i].text:
                depth, straight_open = 0, False
            inside[i] = depth > 0 or straight_open
        previous = i + 1
    if depth > 0 or straight_open:
        inside[previous:] = [True] * (n - previous)
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


def _cue_path(i: int, heads: Callable[[int], int], deps: Callable[[int], str],
              cue: Callable[[int], bool]) -> tuple[str, str]:
    """The dependency labels from token `i` up to its nearest cue ancestor, and which side of it the token is."""
    labels: list[str] = []
    node = i
    for _ in range(_PATH_DEPTH):
        if heads(node) == node:
            return "none", "-"
        labels.append(deps(node))
        node = heads(node)
        if cue(node):
            return ">".join(labels), "L" if i < node else "R"
    return "none", "-"


def doc_features(doc: Doc, roles: Sequence[str], ranges: Sequence[tuple[int, int]] | None = None,
                 quoted: Sequence[bool] | None = None) -> list[list[str] | None]:
    """Features of the tokens of `doc` in `ranges` (default: all), in order; None for the tokens outside them.

    Token attributes are read from the parse's arrays, once per token and kept: spaCy makes a new Python object on
    every token access (and on every child of a token), and this runs on the sentences warlog reads. A window
    reaches two tokens past a range's ends.
    """
    n = len(doc)
    wanted = [(0, n)] if ranges is None else ranges
    if not wanted:
        return [None] * n
    quoted = quote_state(doc) if quoted is None else quoted  # the cue detector reads it too: computed once
    # The parse read as arrays, once: a token's head, children and attributes come from them, and a token's Python
    # object is made only where `is_cue_token` must judge a lemma of the cue lexicon.
    columns = doc.to_array([HEAD, DEP, LOWER, LEMMA, POS, TAG, ENT_IOB, ENT_TYPE, SENT_START, ORTH])
    head_of = (columns[:, 0].astype(np.int64) + np.arange(n)).tolist()
    dep_of, lower_of, lemma_of, pos_of, tag_of, iob_of, type_of, start_of, orth_of = (
        columns[:, k].tolist() for k in range(1, 10))
    strings = doc.vocab.strings
    children: list[list[int]] = [[] for _ in range(n)]  # in order, as `Token.children` gives them
    for child, head in enumerate(head_of):
        if head != child:
            children[head].append(child)
    cache: dict[int, tuple] = {}

    def token(i: int) -> tuple:
        """(head index, dep, lower, lemma, pos, is cue) of token i, read once."""
        found = cache.get(i)
        if found is None:
            lemma = strings[lemma_of[i]].lower()
            is_cue = lemma in STANCE_BY_LEMMA and is_cue_token(doc[i])  # only the lexicon's lemmas may be cues
            found = cache[i] = (head_of[i], strings[dep_of[i]], strings[lower_of[i]], lemma, strings[pos_of[i]],
                                is_cue)
        return found

    def heads(i: int) -> int:
        return head_of[i]

    def deps(i: int) -> str:
        return token(i)[1]

    def cue(i: int) -> bool:
        return token(i)[5]

    own: dict[int, tuple[list[str], tuple[str, str, str, str, str]]] = {}

    def features_of(i: int) -> tuple[list[str], tuple[str, str, str, str, str]]:
        """Token i's own features as the tagger reads them ("w=...", in the order the model was trained on), and
        the values a neighbour's window takes of it (word, part of speech, rule role, cue, quoted)."""
        found = own.get(i)
        if found is None:
            head, dep, lower, lemma, pos, is_cue = token(i)
            _, _, _, head_lemma, head_pos, head_cue = token(head)
            path, side = _cue_path(i, heads, deps, cue)
            governs = next((deps(c) for c in children[i] if cue(c)), "")  # a source's cue may hang below it
            role, cued, inside = roles[i], "1" if is_cue else "0", "1" if quoted[i] else "0"
            entity = strings[type_of[i]]
            found = own[i] = ([
                "bias", "w=" + lower, "l=" + lemma, "p=" + pos, "t=" + strings[tag_of[i]], "d=" + dep,
                "s=" + _shape(strings[orth_of[i]]), "x=" + lower[-3:], "hl=" + head_lemma, "hp=" + head_pos,
                "dh=" + dep + "|" + head_pos, "c=" + cued, "hc=" + ("1" if head_cue and head != i else "0"),
                "path=" + path, "side=" + side, "gc=" + governs, "q=" + inside,
                "e=" + (f"{_IOB[iob_of[i]]}-{entity}" if entity else "O"), "r=" + role,
                "ss=" + ("1" if start_of[i] == 1 else "0"), "r|c=" + role + "|" + cued, "path|r=" + path + "|" + role,
            ], (lower, pos, role, cued, inside))
        return found

    # Each row is made by joining strings (the names with their "=" made once, in `_WINDOW_NAMES`): formatting each
    # feature through a dict of values was most of the cost of the features, which were a twentieth of extraction.
    features: list[list[str] | None] = [None] * n
    for start, end in wanted:
        for i in range(start, end):
            row = [*features_of(i)[0]]
            for offset, edge, (w, p, r, c, q) in _WINDOW_NAMES:
                j = i + offset
                if 0 <= j < n:
                    word, pos, role, cued, inside = features_of(j)[1]
                    row += (w + word, p + pos, r + role, c + cued, q + inside)
                else:
                    row.append(edge)
            features[i] = row
    return features


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences of `doc`: the tagger's sequences (tried against paragraphs: sentences
    scored a little better on held-back PolNeAR train articles)."""
    return [(sent.start, sent.end) for sent in doc.sents]
