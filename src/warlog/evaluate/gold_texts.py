"""Every text of the gold sets, as a user would hand it to `warlog ingest`.

The gold sets were made to score one component each (places, attribution, event types, incidents), and
were read by `warlog extract` only. Read here, they are simply real news: 1,000-odd texts of many kinds
(wire copy, local news, live blogs, one-line snippets, political features) that the product path —
read, clean, segment, extract, store — must take without losing one. Each text comes with the
publication date its set gives (TR-News' download day, the incidents' `published`), or none.

Nothing here is copied from the gold files: they are read at run time from `../shared/gold/`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from warlog.evaluate.events import CASE_FILE, load_case2021
from warlog.evaluate.geo import gold_dir

# The sets read by default, in the order they are read; PolNeAR's train split (840 articles) is long.
SETS = ("incidents", "GeoWebNews", "TR-News", "PolNeAR-dev", "CASE2021-dev", "example")
LONG_SETS = ("PolNeAR-train",)


@dataclass(frozen=True)
class GoldText:
    """One text of a gold set: where it came from, the text, and its publication date when the set gives one."""

    set: str
    origin: str
    text: str
    published: date | None = None
    source: str | None = None


def gold_texts(folder: str | Path | None = None, sets: tuple[str, ...] = SETS) -> Iterator[GoldText]:
    """The texts of `sets` under `folder` (default: the gold folder); a set whose files are missing is skipped."""
    root = Path(folder) if folder is not None else gold_dir()
    readers = {
        "incidents": _incidents, "GeoWebNews": _geowebnews, "TR-News": _trnews,
        "PolNeAR-dev": lambda r: _polnear(r, "PolNeAR-dev"), "PolNeAR-train": lambda r: _polnear(r, "PolNeAR-train"),
        "CASE2021-dev": _case, "example": _example,
    }
    for name in sets:
        yield from readers[name](root)


def missing_sets(folder: str | Path | None = None, sets: tuple[str, ...] = SETS) -> list[str]:
    """The sets of `sets` that have no files under `folder`."""
    root = Path(folder) if folder is not None else gold_dir()
    where = {"incidents": "incidents/labels.json", "GeoWebNews": "geo/GeoWebNews.xml", "TR-News": "geo/TR-News.xml",
             "PolNeAR-dev": "attribution/PolNeAR-dev/text", "PolNeAR-train": "attribution/PolNeAR-train/text",
             "CASE2021-dev": f"events/{CASE_FILE}", "example": "../examples"}
    return [name for name in sets if not (root / where[name]).exists()]


_ARCHIVE_PREFIX = re.compile(r"\A\s*date \d{4}-\d{2}-\d{2}\s+")


def strip_archive_prefix(text: str) -> str:
    """An incident report without the ` date YYYY-MM-DD ` its page archive put in front: metadata, not the page's
    text (the set's README says so), and the date is given to the ingest as the publication date instead."""
    return _ARCHIVE_PREFIX.sub("", text, count=1)


def _date(value: str | None) -> date | None:
    match = re.search(r"\d{4}-\d{2}-\d{2}", value or "")
    return date.fromisoformat(match.group()) if match else None


def _incidents(root: Path) -> Iterator[GoldText]:
    folder = root / "incidents"
    if not (folder / "labels.json").is_file():
        return
    for report in json.loads((folder / "labels.json").read_text(encoding="utf-8")):
        path = folder / "texts" / f"{report['id']}.txt"
        yield GoldText("incidents", str(path), strip_archive_prefix(path.read_text(encoding="utf-8")),
                       _date(report.get("published")),
                       report.get("source"))


def _articles(path: Path) -> Iterator[etree._Element]:
    if path.is_file():
        yield from etree.parse(str(path)).getroot().iter("article")


def _geowebnews(root: Path) -> Iterator[GoldText]:
    path = root / "geo" / "GeoWebNews.xml"
    for number, article in enumerate(_articles(path)):
        yield GoldText("GeoWebNews", f"{path}#{article.get('file', number)}", article.findtext("text") or "")


def _trnews(root: Path) -> Iterator[GoldText]:
    path = root / "geo" / "TR-News.xml"
    for number, article in enumerate(_articles(path)):
        yield GoldText("TR-News", f"{path}#{article.get('docid', number)}", article.findtext("text") or "",
                       _date(article.findtext("dltime")))


def _polnear(root: Path, name: str) -> Iterator[GoldText]:
    folder = root / "attribution" / name / "text"
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        yield GoldText(name, str(path), path.read_text(encoding="utf-8"))


def _case(root: Path) -> Iterator[GoldText]:
    path = root / "events" / CASE_FILE
    for snippet in load_case2021(path) if path.is_file() else []:
        yield GoldText("CASE2021-dev", f"{path}#{snippet.id}", snippet.text)


def _example(root: Path) -> Iterator[GoldText]:
    folder = root.parent / "examples"
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        yield GoldText("example", str(path), path.read_text(encoding="utf-8"), _date(path.name))
