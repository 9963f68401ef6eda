"""The claims ledger on news written for these tests, and on the example live blog."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import expected_markdown, extracted
from warlog.extract.document import extract
from warlog.pipeline import prepare
from warlog.reconcile import build_ledger
from warlog.sources import ReadOptions, read_file
from warlog.sources.dates import parse_user_date

ROOT = Path(__file__).resolve().parents[1]


def _doc(text: str, published: datetime):
    document, _posts, extraction = extracted(text, published)
    return document, extraction


@pytest.fixture(scope="module")
def disagreeing():
    return [
        _doc("Pentagon on North Korean deployment\nThe US defence department said on Monday that about 3,000 "
             "North Korean troops had been deployed in Russia.\n", datetime(2025, 1, 10)),
        _doc("Kyiv raises estimate\nUkraine's military intelligence agency said on Thursday that nearly 5,000 "
             "North Korean soldiers are now in Russia.\n", datetime(2025, 1, 17)),
        _doc("Missile strike on Odesa\nA Russian missile struck an apartment block in Odesa on Monday, killing "
             "five people, regional governor Oleh Kiper said.\n", datetime(2025, 3, 5)),
        _doc("Odesa death toll rises\nA Russian missile hit a residential building in Odesa on Monday, killing "
             "seven people, Ukraine's emergency service said.\n", datetime(2025, 3, 5)),
    ]


def test_troops_and_soldiers_of_one_nationality_form_one_entry_with_a_range(disagreeing):
    entries = [e for e in build_ledger(disagreeing) if e.counted == "troops"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.subject == "North Korea" and entry.place == "Russia"
    assert [f.value for f in entry.figures] == [3000, 5000]  # ordered by claim date
    assert (entry.range.low, entry.range.high) == (3000, 5000)
    assert [m.direction for m in entry.timeline] == ["first", "up"]
    us = entry.figures[0]
    assert us.speaker_country == "United States" and us.side == "third party"
    assert us.claim_date == "2025-01-06"
    document = next(d for d, _ in disagreeing if d.id == us.document_id)
    assert document.text[us.quantity_span.start:us.quantity_span.end] == us.quantity_span.text


def test_casualty_counts_of_one_strike_from_two_documents(disagreeing):
    killed = [e for e in build_ledger(disagreeing) if e.counted == "killed"]
    assert len(killed) == 1
    entry = killed[0]
    assert entry.kind == "casualties" and entry.place == "Odesa" and entry.cluster_id
    assert sorted(f.value for f in entry.figures) == [5, 7]
    assert {f.speaker for f in entry.figures} == {"Oleh Kiper", "Ukraine's emergency service"}
    assert len({f.document_id for f in entry.figures}) == 2
    assert (entry.range.low, entry.range.high) == (5, 7)
    assert next(f for f in entry.figures if f.value == 7).side == "belligerent"


def test_ledger_is_json_serialisable(disagreeing):
    json.dumps([asdict(e) for e in build_ledger(disagreeing)])


def _expected_rows() -> list[dict[str, str]]:
    text = expected_markdown()
    section = text.split("## Claims ledger", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("subject",) and not set(cells[0]) <= {"-"}:
            rows.append(dict(zip(("subject", "figure", "qualifier", "source"), cells, strict=True)))
    return rows


def _numbers(figure: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", figure)]


@pytest.fixture(scope="module")
def example_ledger():
    path = ROOT / "examples/independent-liveblog-2024-11-03.txt"
    document = next(read_file(path, ReadOptions(published=parse_user_date("2024-11-03"))))
    return build_ledger([(document, extract(document, prepare(document)))])


def test_example_north_korean_troops_in_russia(example_ledger):
    rows = [r for r in _expected_rows() if r["subject"].startswith("North Korean troops")]
    entries = [e for e in example_ledger if e.counted == "troops" and e.subject == "North Korea"]
    assert len(entries) == 1, [e.key for e in entries]
    entry = entries[0]
    assert entry.place == "Russia"
    whole = {(f.value or f.low): f for f in entry.figures if f.scope is None}
    narrow = [f for f in entry.figures if f.scope is not None]
    for row in rows:
        value = _numbers(row["figure"])[0]
        if "Kursk" in row["subject"]:  # the narrower scope: 8,000 / more than half of 10,000 in Kursk
            assert any("Kursk" in f.scope and (value in (f.value, f.high)) for f in narrow), row
        else:
            assert value in whole, row
    assert "HUR" in whole[12000].speaker and whole[12000].qualifier == "nearly"
    assert whole[7000].qualifier == "over" and whole[7000].side == "belligerent"
    assert whole[10000].speaker_country == "United States" and whole[10000].side == "third party"
    assert (entry.range.low, entry.range.high) == (7000, 12000)


def test_example_people_injured_in_kyiv_drone_attack(example_ledger):
    row = next(r for r in _expected_rows() if "Kyiv" in r["subject"])
    expected = _numbers(row["figure"])  # [1, 2]
    entries = [e for e in example_ledger if e.counted == "injured" and e.place == "Kyiv"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.kind == "casualties" and "drone" in entry.subject.lower()
    by_speaker = {f.speaker: f.value for f in entry.figures}
    assert by_speaker["Vitalii Klitschko"] == expected[1]
    assert by_speaker["Serhiy Popko"] == expected[0]
    assert any(f.value == expected[0] and f.qualifier == "at least" for f in entry.figures)
    assert (entry.range.low, entry.range.high) == (expected[0], expected[1])


def _figure(value: float | None, speaker: str | None, document: str = "d1", claim: int | None = 0,
            vague: bool = False, display: str = ""):
    from warlog.reconcile.ledger import LedgerFigure
    from warlog.schema import Span

    return LedgerFigure(display or str(value), value, None, None, "exact", None, None, vague, None, None, speaker,
                        None, None, None, None, None, [], None, None, "published", document, 0, 0, claim, None, None,
                        Span(0, 1, "x"), None, None)


def test_a_disagreement_is_two_sources_with_different_figures():
    from warlog.reconcile.ledger import sources_disagree

    assert sources_disagree([_figure(10000, "the Pentagon"), _figure(12000, "Kyiv's intelligence agency")])
    assert not sources_disagree([_figure(10000, "the Pentagon"), _figure(10000, "a NATO spokesman")])
    # one speaker's two figures in one statement (offered, then accepted) are parts, not a disagreement
    assert not sources_disagree([_figure(900, "the ministry"), _figure(250, "the ministry")])
    # unattributed figures: different documents disagree, one claim's figures do not
    assert sources_disagree([_figure(5, None, "d1"), _figure(7, None, "d2")])
    assert not sources_disagree([_figure(5, None, "d1", 3), _figure(7, None, "d1", 3)])
    # a vague word beside a figure contradicts nothing
    assert not sources_disagree([_figure(10, "the army", vague=True, display="several"), _figure(4, "the mayor")])


def test_vague_words_never_become_an_exact_range(tmp_path):
    from warlog.reconcile.ledger import value_range

    only_words = value_range([_figure(10, "a", vague=True, display="several")])
    assert only_words.vague and (only_words.low, only_words.high) == (10, 10)
    with_figure = value_range([_figure(10, "a", vague=True, display="several"), _figure(4, "b")])
    assert not with_figure.vague and (with_figure.low, with_figure.high) == (4, 4)
    from typer.testing import CliRunner

    from warlog.cli import app

    report = tmp_path / "report.txt"
    report.write_text("Front report\nTroops came under fire in several villages on Monday, the army said.\n",
                      encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(report), "--published", "2025-02-03", "--db", db]).exit_code == 0
    shown = runner.invoke(app, ["ledger", "--all", "--db", db], env={"COLUMNS": "160"}).stdout
    assert "vague: several" in shown and "range 10" not in shown


def test_an_article_counting_one_is_shown_as_the_figure_1():
    from warlog.reconcile.ledger_document import display as _display
    from warlog.schema import Quantity, Span

    def quantity(text: str, value: float) -> Quantity:
        return Quantity(Span(10, 10 + len(text), text), value, None, None, "exact", counted="injured")

    assert _display(quantity("a", 1), None) == "1" and _display(quantity("An", 1), None) == "1"
    assert _display(quantity("three", 3), None) == "three"  # a number word is the source's own figure


def test_a_casualty_count_of_an_incident_with_no_type_still_has_its_ledger_entry():
    # an incident the store knows neither by sub-event type nor by family (its view's label is None)
    from warlog.reconcile.dedup import member_id
    from warlog.reconcile.ledger import IncidentView, assemble
    from warlog.reconcile.ledger_document import document_figures

    document, _, extraction = extracted("Gunmen killed seven farmers near the village of Ruwa on Sunday, police "
                                        "said.\n", datetime(2025, 3, 10))
    figures = document_figures(document.id, document.text, document.published, extraction)
    incidents = {member_id(document.id, d.incident): IncidentView("c1", None, "Ruwa", "2025-03-09", "2025-03-09")
                 for d in figures.figures if d.incident is not None}
    assert incidents
    entries = assemble([figures], incidents)
    killed = [e for e in entries if e.counted == "killed"]
    assert killed and killed[0].place == "Ruwa" and killed[0].figures[0].value == 7


def test_prisoners_offered_and_prisoners_taken_are_two_entries_and_two_tellings_of_one_swap_are_one():
    documents = [
        _doc("Prisoner talks stall\nThe foreign minister said on Friday that her government had offered to return "
             "600 Ruritanian prisoners of war but that Ruritania had accepted only 150.\n", datetime(2025, 2, 8)),
        _doc("Swap completed\nRuritania and its neighbour exchanged prisoners on Saturday, each side bringing home "
             "150 captives, officials said.\n", datetime(2025, 2, 9)),
        _doc("Swap details\nThe two sides released 160 prisoners each in the swap on Saturday, a mediator said.\n",
             datetime(2025, 2, 9)),
    ]
    prisoners = [e for e in build_ledger(documents) if e.counted == "prisoners"]
    labels = {e.label: sorted(f.value for f in e.figures) for e in prisoners}
    offered = [label for label in labels if "offered" in label]
    taken = [label for label in labels if "taken" in label]
    assert len(offered) == 1 and labels[offered[0]] == [600]
    assert len(taken) == 1 and labels[taken[0]] == [150]
    released = [label for label in labels if "released" in label]
    assert len(released) == 1 and labels[released[0]] == [150, 160]
