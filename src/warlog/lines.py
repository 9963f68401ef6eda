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


# Words a live blog's title carries; its headings are the posts' headlines, never section headings.
LIVE_TITLE = re.compile(r"\b(live|latest|as it happened|updates?|blog)\b", re.IGNORECASE)
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
                "vs", "vs.", "with", "over", "after"}
_EXPLAINER = re.compile(r"^(what|how|why|who|where|when)\b", re.IGNORECASE)
SECTION_HEADING_MAX_WORDS = 8


def is_section_heading(text: str) -> bool:
    """A subhead that names a part of one article ("Counting the Cost", "Reactions Abroad", "How the day
    unfolded", "Mounting pressure"): a short line in Title Case, an explainer's question, or two or three
    words, none of them ending like a sentence. A live blog's headlines are sentences ("Russia targets Kyiv in
    drone attack"), so they do not take this shape; the caller still checks that prose stands on both sides."""
    stripped = text.strip()
    if not stripped or _TRAILING_PUNCT.search(stripped) or any(ch.isdigit() for ch in stripped):
        return False
    words = stripped.split()
    if not 2 <= len(words) <= SECTION_HEADING_MAX_WORDS or not stripped[0].isupper():
        return False
    if len(words) <= 3 or _EXPLAINER.match(stripped):
        return True
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or not w[0].isalpha() for w in words)


# A kicker or topic tag is a label of one to three words ("Africa", "Conflict", "Middle East crisis").
LABEL_MAX_WORDS = 3


def is_label(text: str) -> bool:
    """A page's label: at most LABEL_MAX_WORDS words starting with a capital, ending in no punctuation (so no
    sentence), no figure but a year ("Elections 2025"), not in capitals (a dateline alone on its line, "KYIV", is in
    capitals; a stamp or a toll has figures) and no live page's mark ("Live", which tells a live blog by its title)."""
    stripped = text.strip()
    return (0 < word_count(stripped) <= LABEL_MAX_WORDS and stripped[:1].isupper()
            and not _TRAILING_PUNCT.search(stripped) and not any(ch.isdigit() for ch in _YEAR.sub("", stripped))
            and not stripped.isupper() and not LIVE_TITLE.search(stripped))


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def kickers(lines: list[str]) -> list[int]:
    """Which of a page's lines are labels over its headline (the page's section or kicker: "Africa", "World news"):
    labels before the first sentence. A one-word line there is never the headline; a label of two or three words
    counts only when a longer headline-shaped line follows it before the first sentence, so a short headline is
    kept."""
    first_prose = next((n for n, line in enumerate(lines) if is_prose(line)), len(lines))
    top = lines[:first_prose]
    return [n for n, line in enumerate(top) if is_label(line) and (
        word_count(line) == 1
        or any(word_count(later) > LABEL_MAX_WORDS and is_title_like(later) for later in top[n + 1:]))]
