"""Cheap reads of a spaCy parse that several extractors share.

Why: a spaCy `Doc` keeps no string of its text (`Doc.text` joins every token's text again on each call) and
makes a new Python object for every token a loop visits. The extractors of one parsed region ask for the text
several times, and many of their loops over the tokens look only for a few words (a cue's lemma, a line break),
so these helpers join the text once and find such tokens through the parse's arrays.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc

# The key of the region's text in `Doc.user_data`: a parse's text never changes once it is made.
_TEXT = "warlog_text"


def text_of(doc: Doc) -> str:
    """`doc.text`, joined from the tokens once per parse (claims, quantities and three steps of the event
    extraction each asked spaCy to join it again)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def token_mask(doc: Doc, attr: int, accept: Callable[[str], bool]) -> np.ndarray:
    """Whether each token's value of `attr` (`ORTH`, `LEMMA`, `DEP`, ...), as a string, passes `accept`: read by hash
    from the parse's arrays, each distinct value judged once, no token made a Python object."""
    values = doc.to_array(attr)
    strings = doc.vocab.strings
    keys = [key for key in np.unique(values).tolist() if accept(strings[key])]
    return np.isin(values, np.array(keys, dtype=np.uint64))


def tokens_with(doc: Doc, part: str) -> list[int]:
    """The indexes, in order, of the tokens whose text holds `part` ("\\n": the tokens that break a line)."""
    return np.flatnonzero(token_mask(doc, ORTH, lambda text: part in text)).tolist()
