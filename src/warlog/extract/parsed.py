"""Cheap reads of a spaCy parse that several extractors share.

Why: a spaCy `Doc` keeps no string of its text: `Doc.text` makes a Python object of every token and joins their
texts again on each call, and the extractors of one parsed region ask for the text several times.
"""

from __future__ import annotations

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

