"""The shape of a line: what tells a headline from prose when a page has no markup.

Headlines are short, start with a capital or a digit, and do not end like a sentence; prose ends
with sentence punctuation or runs long. These rules hold across English-language news sites.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"""[.!?…]['")\]]*$""")
_TRAILING_PUNCT = re.compile(r"""[.!?…:;,]['")\]]*$""")
TITLE_MAX_WORDS = 25
TITLE_MAX_CHARS = 170


def word_count(text: str) -> int:
    return len(text.split())


def is_title_like(text: str) -> bool:
    """A short line that starts like a headline and does not end like a sentence."""
    stripped = text.strip()
    if not stripped or _TRAILING_PUNCT.search(stripped):
        return False
    words = word_count(stripped)
    if words < 3 or words > TITLE_MAX_WORDS or len(stripped) > TITLE_MAX_CHARS:
        return False
    first = stripped.lstrip("'\"")[:1]
    return first.isupper() or first.isdigit()


def is_prose(text: str) -> bool:
    """A line that reads as running text: it ends like a sentence, or is too long for a headline."""
    stripped = text.strip()
    return bool(_SENTENCE_END.search(stripped)) or word_count(stripped) > TITLE_MAX_WORDS
