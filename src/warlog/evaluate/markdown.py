"""The pieces of an analyst's expectations page (`*.expected.md`) that can be scored: sections and tables.

Kept apart from the scoring so that the page is read generically (any `## heading`, any pipe table,
columns found by the words in their header) and never restated in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)


@dataclass
class MarkdownTable:
    """A pipe table: its header cells and its rows as header -> cell text."""

    header: list[str]
    rows: list[dict[str, str]]

    def column(self, *words: str) -> str | None:
        """The first header cell that contains one of `words` (case-insensitive), or None."""
        for cell in self.header:
            if any(word in cell.lower() for word in words):
                return cell
        return None


def sections(markdown: str) -> dict[str, str]:
    """`## heading` -> the text under it, up to the next `## ` heading."""
    found = list(_HEADING.finditer(markdown))
    out: dict[str, str] = {}
    for number, match in enumerate(found):
        end = found[number + 1].start() if number + 1 < len(found) else len(markdown)
        out[match.group(1)] = markdown[match.end():end]
    return out


def section(markdown: str, starts_with: str) -> str | None:
    """The body of the first section whose heading starts with `starts_with` (case-insensitive)."""
    for heading, body in sections(markdown).items():
        if heading.lower().startswith(starts_with.lower()):
            return body
    return None


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def tables(text: str) -> list[MarkdownTable]:
    """Every pipe table in `text` (a header row, a `|---|` row, then body rows)."""
    found: list[MarkdownTable] = []
    lines = text.splitlines()
    number = 0
    while number < len(lines) - 1:
        line, following = lines[number].strip(), lines[number + 1].strip()
        if line.startswith("|") and re.fullmatch(r"\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?", following):
            header = _cells(line)
            rows = []
            number += 2
            while number < len(lines) and lines[number].strip().startswith("|"):
                cells = _cells(lines[number])
                rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False)))
                number += 1
            found.append(MarkdownTable(header, rows))
            continue
        number += 1
    return found
