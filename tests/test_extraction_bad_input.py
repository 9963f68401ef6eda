"""Extraction on text that is odd in shape: no crash, no nonsense events, clear errors."""

from __future__ import annotations

import json
import random
from datetime import datetime

import pytest
from typer.testing import CliRunner

from tests.conftest import extracted
from warlog.cli import app
from warlog.errors import LanguageError
from warlog.extract.document import extract
from warlog.pipeline import prepare
from warlog.sources.text import read_text

runner = CliRunner()


def _extraction(text: str):
    document, _posts, extraction = extracted(text, datetime(2025, 1, 10), origin="odd input")
    return document, extraction


def _spans_match(document, extraction) -> None:
    for item in (*extraction.mentions, *extraction.quantities, *extraction.times):
        assert document.text[item.span.start:item.span.end] == item.span.text
    for claim in extraction.claims:
        assert document.text[claim.content.start:claim.content.end] == claim.content.text
    for event in extraction.events:
        assert document.text[event.evidence.start:event.evidence.end] == event.evidence.text


def test_all_caps_text_does_not_crash():
    text = ("SHELLING HITS KHERSON\nRUSSIAN ARTILLERY SHELLED KHERSON ON THURSDAY, KILLING TWO CIVILIANS, "
            "THE REGIONAL GOVERNOR SAID.\n")
    document, extraction = _extraction(text)
    _spans_match(document, extraction)


def test_text_with_no_sentences_gives_no_events():
    text = "\n".join(" ".join(random.Random(n).choice(["12", "--", "|", "•", "34.5", "%"]) for _ in range(8))
                     for n in range(30))
    document = read_text("Figures table for the week\n" + text, "table")
    try:
        posts = prepare(document, any_language=True)
    except LanguageError:
        return
    extraction = extract(document, posts)
    assert extraction.events == []
    _spans_match(document, extraction)


def test_numbers_in_odd_forms():
    text = ("Troop numbers\nAbout 1.5k soldiers and a 12,000-strong force were moved, while 10 000 "
            "residents left and 1,2,3 were the convoy numbers, officials said.\n")
    document, extraction = _extraction(text)
    values = sorted(q.value for q in extraction.quantities if q.value is not None)
    assert 1500 in values and 12000 in values and 10000 in values
    _spans_match(document, extraction)


@pytest.mark.slow
def test_one_huge_line_is_parsed_in_pieces():
    sentence = "Shelling continued near the village and officials said two people were hurt "
    text = "Long line\n" + sentence * 8400  # over 100,000 words on one line
    document, extraction = _extraction(text)
    assert len(document.text.split()) > 100_000
    _spans_match(document, extraction)
    assert extraction.quantities


def test_non_english_input_is_skipped_with_a_clear_message(tmp_path):
    page = tmp_path / "ru.txt"
    page.write_text("Обстрел Харькова\nВ результате обстрела города пострадали два человека, сообщили власти "
                    "в субботу вечером.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "is not English" in result.stderr and str(page) in result.stderr


def test_extract_command_prints_spans_as_json(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Strike on Zaporizhzhia\nA Russian missile hit a warehouse in Zaporizhzhia on Monday, "
                    "killing one worker, the governor said.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page), "--published", "2025-01-08", "--json"])
    assert result.exit_code == 0, result.output
    [found] = json.loads(result.stdout)
    text_claims = found["claims"]
    assert text_claims and text_claims[0]["speaker_text"]
    assert any(e["acled_event_type"] for e in found["events"])
    assert any(q["counted"] == "killed" and q["value"] == 1 for q in found["quantities"])
