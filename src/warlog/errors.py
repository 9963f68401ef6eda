"""One exception type per kind of failure.

The CLI turns each into one line naming the input and the reason; library users can catch the
kind they care about. Messages say what went wrong and, where there is one, what to do.
"""

from __future__ import annotations


class WarlogError(Exception):
    """Base of every error warlog raises on purpose."""


class InputError(WarlogError):
    """An input could not be read as news (binary, empty, too large, undecodable, unparseable)."""


class BinaryInputError(InputError):
    """The input is a binary file, not text, HTML, a feed, JSON Lines or a WARC archive."""


class EmptyInputError(InputError):
    """The input holds no text."""


class InputTooLargeError(InputError):
    """The input is larger than the configured cap."""


class EncodingError(InputError):
    """The input's bytes could not be decoded as text."""


class FormatError(InputError):
    """The input claims a format but does not hold it (a feed without entries, broken JSON)."""


class LanguageError(InputError):
    """The text is not in a language the pipeline can read."""


class FetchError(InputError):
    """A URL could not be fetched: refused, unreachable, too slow, too large, or redirected too often."""


class StoreError(WarlogError):
    """The store could not be opened or written."""


class StoreUnavailableError(StoreError):
    """The store cannot be written at all just now (locked by another program, disk full, I/O error, connection lost).

    Unlike a problem with one document, every later document would fail the same way — each after waiting
    out the lock — so a run stops at the first one instead of trying the rest.
    """


class ModelError(WarlogError):
    """The NLP pipeline named in the settings is not installed or cannot be loaded."""


class BatchError(WarlogError):
    """A batch run could not start or read its output: no scheduler at the address, no completed units."""


def describe_bug(exc: BaseException) -> str:
    """One line for an exception warlog did not raise on purpose: its type, message and where it came from.

    Why: a bug met on one document of thousands must cost that document's extraction, not the run, and the
    person who reports it needs the place it happened, not a traceback scrolled past in a progress bar.
    """
    import traceback
    from pathlib import Path

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    message = " ".join(str(exc).split())[:300]
    return f"{type(exc).__name__}: {message}{where}" if message else f"{type(exc).__name__}{where}"
