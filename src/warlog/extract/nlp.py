"""The spaCy pipeline, loaded once per process.

Loading costs about a second and 100 MB, so every caller shares one instance. The pipeline's name
is a setting (`WARLOG_SPACY_MODEL`), so a user with a larger installed pipeline can switch.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from warlog import settings
from warlog.errors import ModelError


@Language.component("warlog_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break in cleaned text ends a sentence: headlines, standfirsts and paragraphs have no
    final full stop to tell the parser so, and a sentence never runs across two blocks."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load the named spaCy pipeline; a missing one is a ModelError that says how to install it."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed: install it (the default comes from "
            f"requirements/model.txt) or set WARLOG_SPACY_MODEL to one that is"
        ) from exc
    before = "parser" if "parser" in nlp.pipe_names else "senter" if "senter" in nlp.pipe_names else None
    if before is not None:
        nlp.add_pipe("warlog_line_breaks", before=before)
    return nlp


def get_nlp() -> Language:
    """The pipeline named by the settings, shared by everything in this process."""
    return load_pipeline(settings.spacy_model_name())
