"""Shared fixtures: the bundled example page, what a careful analyst expects of it, and fresh stores."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.postgres_server import pg_url, postgres_server  # noqa: F401 - fixtures shared by every module
from warlog.evaluate.example import examples_dir
from warlog.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "independent-liveblog-2024-11-03.txt"
# What a careful analyst expects of the example page is read at run time from the shared examples (beside the gold
# sets: ../shared/examples, or WARLOG_GOLD_DIR's sibling), never copied into the repository.
EXPECTED = examples_dir() / "independent-liveblog-2024-11-03.expected.md"


def expected_markdown() -> str:
    """The analyst's expectations of the example page; skipped where the shared examples are absent, except under
    CI, where a skip would hide a gap."""
    if not EXPECTED.is_file():
        message = f"the example's expectations are not at {EXPECTED} (../shared/examples or WARLOG_GOLD_DIR)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return EXPECTED.read_text(encoding="utf-8")


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def expected_text() -> str:
    return expected_markdown()


def expected_section(markdown: str, heading: str) -> str:
    """The body of one `## heading` section of the expected-results page."""
    match = re.search(rf"^## {re.escape(heading)}.*?$(.*?)(?=^## |\Z)", markdown, re.MULTILINE | re.DOTALL)
    assert match, f"section {heading!r} missing from the expected-results page"
    return match.group(1)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'warlog.db'}"


@pytest.fixture
def store(sqlite_url: str):
    with Store(sqlite_url) as opened:
        yield opened


@pytest.fixture(scope="module")
def nlp():
    """The spaCy pipeline the extractors use; the module is skipped where it is not installed."""
    from warlog.errors import ModelError
    from warlog.extract.nlp import get_nlp

    try:
        return get_nlp()
    except ModelError as exc:  # pragma: no cover - depends on the installed pipeline
        pytest.skip(str(exc))


def extracted(text: str, published=None, origin: str = "test"):
    """A plain-text document read, cleaned, segmented and extracted as `warlog ingest` does it:
    (document, posts, extraction)."""
    from warlog.extract.document import extract
    from warlog.pipeline import prepare
    from warlog.sources.text import read_text

    document = read_text(text, origin, published=published)
    posts = prepare(document)
    return document, posts, extract(document, posts)


def mentions_of(text: str, *names: str, label: str = "GPE") -> list:
    """Mentions of `names`, each found after the one before it in `text`, all with `label`."""
    from warlog.schema import Mention, Span

    found, position = [], 0
    for name in names:
        start = text.index(name, position)
        found.append(Mention(Span(start, start + len(name), name), label))
        position = start + len(name)
    return found
