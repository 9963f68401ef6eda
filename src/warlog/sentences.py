"""Sentences of stored text found without a parse: cut at sentence punctuation (a closing quote or bracket may
follow it) or a line break.

The ledger and the story tolls ask this of records loaded from the store, where no parse is kept; the sentence
ends of a text are found once and looked up by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?=\s)|\n")


@lru_cache(maxsize=16)
def _sentence_marks(text: str) -> tuple[list[int], list[int], list[int]]:
    """Every sentence end of a text once: (from which offset it counts as before, its start, its end).

    A full stop closes the sentence before `start` only when the whitespace after it also lies before
    `start` (the text is cut there), hence end + 1; a line break needs nothing after it.
    """
    counts_from, starts, ends = [], [], []
    for match in _SENTENCE_END.finditer(text):
        counts_from.append(match.end() if match.group() == "\n" else match.end() + 1)
        starts.append(match.start())
        ends.append(match.end())
    return counts_from, starts, ends


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Offsets of the sentence around [start, end): cut at sentence punctuation or a line break.

    The ledger asks this for every figure of a document; scanning the text from its beginning each
    time was quadratic, so the sentence ends of a text are found once and looked up by bisection.
    """
    end = start if end is None else end
    counts_from, starts, ends = _sentence_marks(text)
    before = bisect_right(counts_from, start) - 1
    left = ends[before] if before >= 0 else 0
    after = bisect_left(starts, end)
    right = ends[after] if after < len(ends) else len(text)
    return left, right
