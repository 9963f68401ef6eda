"""The bundled live blog against what a careful analyst expects of it (read at run time from
the shared examples' *.expected.md).

The expectations are read from the analyst's page, not restated here, so the test checks the
pipeline against an independent description rather than against our own output.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import expected_section
from warlog.pipeline import prepare
from warlog.sources import ReadOptions, read_file


@pytest.fixture
def prepared(example_path):
    document = next(read_file(example_path, ReadOptions()))
    posts = prepare(document)
    return document, posts


def _expected_furniture(markdown: str, source_lines: list[str]) -> list[str]:
    """The furniture lines the analyst lists: by line number, by last-N-lines, and quoted prefixes."""
    section = expected_section(markdown, "Furniture")
    wanted: list[str] = []
    for first, last in re.findall(r"Lines (\d+)[–-](\d+)", section):
        wanted += source_lines[int(first) - 1:int(last)]
    glued = re.search(r'"([^"]+\.)"\)', section)  # the glued prefix: the last quoted item of its list
    if glued:
        wanted.append(glued.group(1))
    last_n = re.search(r"The last (\w+) lines", section)
    words = {"three": 3, "four": 4, "five": 5, "six": 6}
    wanted += source_lines[-words[last_n.group(1)]:]
    card = re.search(r"\(lines (\d+)[–-](\d+)\)", section)
    wanted += source_lines[int(card.group(1)) - 1:int(card.group(2))]
    return [w.strip() for w in wanted]


def test_all_listed_furniture_is_removed_and_kept(prepared, expected_text, example_path):
    document, _ = prepared
    source_lines = example_path.read_text(encoding="utf-8").splitlines()
    wanted = _expected_furniture(expected_text, source_lines)
    assert len(wanted) == 13
    removed = [r.text for r in document.removed]
    normalise = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
    for line in wanted:
        assert line.translate(normalise) in removed, f"not removed: {line[:60]}"
        if source_lines.count(line) == 1:
            assert line.translate(normalise) not in document.text
    assert all(r.reason for r in document.removed)
    # Nothing that is news was removed: every removed piece is one the analyst listed.
    assert len(document.removed) == len(wanted)


def test_glued_news_sentence_survives_its_furniture_prefix(prepared):
    document, _ = prepared
    glued = [r for r in document.removed if r.text.endswith("difference.")]
    assert glued, "the glued appeal sentence should be removed on its own"
    after = document.source_text[glued[0].end:glued[0].end + 40]
    assert after.split()[0] in document.text


def test_posts_come_out_as_the_analyst_lists_them(prepared, expected_text):
    document, posts = prepared
    section = expected_section(expected_text, "Posts")
    listed = re.findall(r"^\d+\. (.+)$", section, re.MULTILINE)
    assert len(posts) == len(listed) == 11
    # The lead post is headed by the page title and holds the standfirst.
    assert posts[0].headline.text == document.title
    assert posts[0].body.text.startswith("US says")
    for post, line in zip(posts[1:], listed[1:], strict=True):
        headline = re.sub(r"\s*\(a gallery.*\)$", "", line).strip()
        assert post.headline.text == headline.replace("\u2019", "'")


def test_gallery_has_no_body_and_does_not_swallow_the_next_story(prepared):
    _, posts = prepared
    galleries = [p for p in posts if p.kind == "gallery"]
    assert len(galleries) == 1
    gallery = galleries[0]
    assert gallery.body is None
    following = posts[gallery.index + 1]
    assert following.kind == "story" and following.body is not None and len(following.body.text) > 200


def test_link_card_is_not_a_post(prepared):
    document, posts = prepared
    headlines = [p.headline.text for p in posts if p.headline]
    assert len(headlines) == len(set(headlines)), "a link card's repeated headline became a post"
    assert any(r.reason.startswith("link card") for r in document.removed)


def test_spans_point_into_the_cleaned_text(prepared):
    document, posts = prepared
    for post in posts:
        for span in (post.headline, post.body, post.lead):
            if span is not None:
                assert document.text[span.start:span.end] == span.text


def test_events_against_the_analysts_table(example_path):
    """Every row of the analyst's events table is found with its type, date and casualties; the rows are read
    from the page by `warlog.evaluate.example`, never restated here."""
    from warlog.evaluate.example import evaluate_example

    result = evaluate_example()
    name = example_path.name.removesuffix(".txt")
    if name not in result.get("pages", {}):
        pytest.skip(result.get("error", f"{name} not among the shared examples"))
    page = result["pages"][name]
    fields = page["events"]["fields"]
    assert fields["paired"]["correct"] == fields["paired"]["scored"] == page["events"]["expected_rows"]
    for name in ("plover_type", "acled_type", "date_day_exact", "date_month", "date_on_or_before",
                 "killed_exact", "injured_exact"):
        assert fields[name]["correct"] == fields[name]["scored"] > 0, (name, fields[name])
    assert page["events"]["spurious_casualty_figures"] == 0
