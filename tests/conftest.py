"""Shared fixtures: the bundled example page, what a careful analyst expects of it, and fresh stores."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.postgres_server import pg_url, postgres_server  # noqa: F401 - fixtures shared by every module
from warlog.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "independent-liveblog-2024-11-03.txt"
EXPECTED = Path(__file__).resolve().parent / "data" / "independent-liveblog-2024-11-03.expected.md"


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def expected_text() -> str:
    return EXPECTED.read_text(encoding="utf-8")


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
