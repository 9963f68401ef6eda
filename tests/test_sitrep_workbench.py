"""The daily report as an analyst reads it: conflict figures first (the ledger's default everywhere), and places
named in English on the map and in the text. Reports written for this test."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog.cli import app
from warlog.pipeline import iter_ingest_documents
from warlog.sources.text import read_text
from warlog.store import Store

DAY = date(2024, 11, 8)  # the day the strikes are told of
TOLD = date(2024, 11, 9)  # the reports' day, on which their figures were given
# Written for this test: a strike with a toll and a count of damaged houses, a drone strike placed only by its
# province, and a strike placed only by its country, all on the Friday before the reports' Saturday.
REPORTS = [
    ("Rocket strike on Zaporizhzhia\nA Russian rocket strike killed two people and wounded five in Zaporizhzhia on "
     "Friday, the regional governor said.\nThe strike damaged 12 houses, he added.\n", "Wire One"),
    ("Drones hit oil depot\nUkrainian drones struck an oil depot in Russia's Kursk region on Friday, the regional "
     "governor said.\n", "Daily Two"),
]
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('sitrep') / 'w.db'}"
    with Store(url) as store:
        documents = [read_text(text, f"report-{n}", published=datetime(2024, 11, 9), source=source)
                     for n, (text, source) in enumerate(REPORTS)]
        assert [r.status for r in iter_ingest_documents(documents, store)] == ["stored"] * len(REPORTS)
    return url


def _sitrep(db: str, folder: Path, *extra: str, day: date = DAY) -> tuple[str, str]:
    result = runner.invoke(app, ["sitrep", "--date", day.isoformat(), "--db", db, "--out", str(folder), *extra])
    assert result.exit_code == 0, result.output
    stem = f"sitrep-{day.isoformat()}"
    return ((folder / f"{stem}.md").read_text(encoding="utf-8"), (folder / f"{stem}.svg").read_text(encoding="utf-8"))


def _figures(markdown: str) -> str:
    return markdown.split("## Figures reported this day", 1)[1].split("## Where sources disagree", 1)[0]


def test_the_days_figures_are_conflict_figures_unless_every_counted_thing_is_asked_for(db, tmp_path):
    default = _figures(_sitrep(db, tmp_path / "default", day=TOLD)[0])
    assert "two" in default and "five" in default  # the strike's toll
    assert "houses" not in default
    everything = _figures(_sitrep(db, tmp_path / "all", "--all", day=TOLD)[0])
    assert "houses" in everything and "two" in everything


def test_places_are_named_in_english_on_the_map_and_in_the_text(db, tmp_path):
    markdown, svg = _sitrep(db, tmp_path)
    labels = re.findall(r"<text [^>]*font-size=\"11\"[^>]*>([^<]+)</text>", svg)
    assert "Kursk Oblast" in labels and any(label.startswith("Zaporizh") for label in labels)  # a town as it is
    assert "at Kursk Oblast" in markdown
    assert "oblast'" not in svg + markdown  # GeoNames' transliteration ("Kurskaya oblast'") nowhere


def test_map_labels_stay_inside_the_map_and_apart():
    from warlog.export.svgmap import WIDTH, Point, render_svg

    # a place at the east edge of the frame, and two places a few kilometres apart
    points = [Point(30.5, 50.4, "Kyiv", ""), Point(37.8, 48.0, "Donetsk Oblast", ""),
              Point(37.9, 48.1, "Luhansk Oblast", ""), Point(134.5, 44.6, "Primorsky Krai", "")]
    svg = render_svg(points)
    boxes = []
    for x, y, anchor, text in re.findall(r'<text x="([\d.]+)" y="([\d.]+)"(?: text-anchor="(\w+)")? '
                                         r'font-size="11"[^>]*>([^<]+)</text>', svg):
        width = len(text) * 6.5
        left = float(x) - width if anchor == "end" else float(x)
        assert 0 <= left and left + width <= WIDTH, (text, left, width)
        boxes.append((left, float(y) - 11, left + width, float(y) + 2))
    assert len(boxes) == len(points)
    for n, a in enumerate(boxes):
        for b in boxes[n + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
