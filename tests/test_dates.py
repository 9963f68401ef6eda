"""Time phrases resolved against a publication date, and found in parsed news text (warlog.resolve.dates)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

import dateparser
import pytest

from tests.conftest import EXAMPLE, expected_markdown, expected_section
from warlog.extract.nlp import get_nlp
from warlog.pipeline import prepare
from warlog.resolve.dates import (
    Resolution,
    classify_phrase,
    find_time_expressions,
    resolve_phrase,
)
from warlog.sources import ReadOptions, read_file

SUNDAY = date(2024, 11, 3)  # the example page's publication day
WEDNESDAY = date(2024, 11, 6)
NEW_YEAR = date(2025, 1, 5)  # a Sunday just after a year boundary
NEW_YEAR_WED = date(2025, 1, 1)

D = date


def day(value: date, approximate: bool = False) -> tuple:
    return (value, value, "day", approximate)


# (phrase, published, tense, (start, end, precision, approximate))
CASES: list[tuple[str, date, str, tuple]] = [
    # weekdays: the publication day when it is that weekday, else the most recent before it
    ("on Saturday", SUNDAY, "past", day(D(2024, 11, 2))),
    ("on Sunday", SUNDAY, "past", day(SUNDAY)),
    ("on Wednesday", SUNDAY, "past", day(D(2024, 10, 30))),
    ("on Friday", SUNDAY, "past", day(D(2024, 11, 1))),
    ("on Wednesday", WEDNESDAY, "past", day(WEDNESDAY)),
    ("on Thursday", WEDNESDAY, "past", day(D(2024, 10, 31))),
    ("on Saturday", NEW_YEAR_WED, "past", day(D(2024, 12, 28))),
    ("last Friday", SUNDAY, "past", day(D(2024, 11, 1))),
    ("last Wednesday", WEDNESDAY, "past", day(D(2024, 10, 30))),
    ("on Friday night", SUNDAY, "past", day(D(2024, 11, 1))),
    ("Saturday morning", WEDNESDAY, "past", day(D(2024, 11, 2))),
    # the publication day and its neighbours
    ("today", SUNDAY, "past", day(SUNDAY)),
    ("today", WEDNESDAY, "past", day(WEDNESDAY)),
    ("yesterday", SUNDAY, "past", day(D(2024, 11, 2))),
    ("yesterday", NEW_YEAR_WED, "past", day(D(2024, 12, 31))),
    ("overnight", SUNDAY, "past", day(SUNDAY)),
    ("overnight", WEDNESDAY, "past", day(WEDNESDAY)),
    ("last night", SUNDAY, "past", day(D(2024, 11, 2))),
    ("last night", NEW_YEAR_WED, "past", day(D(2024, 12, 31))),
    ("this morning", WEDNESDAY, "past", day(WEDNESDAY)),
    ("earlier in the day", SUNDAY, "past", day(SUNDAY)),
    ("in the late afternoon", SUNDAY, "past", day(SUNDAY, approximate=True)),
    ("two days ago", SUNDAY, "past", day(D(2024, 11, 1))),
    ("two days ago", NEW_YEAR_WED, "past", day(D(2024, 12, 30))),
    ("3 days ago", WEDNESDAY, "past", day(SUNDAY)),
    # calendar weeks, Monday to Sunday
    ("last week", SUNDAY, "past", (D(2024, 10, 21), D(2024, 10, 27), "week", False)),
    ("last week", WEDNESDAY, "past", (D(2024, 10, 28), D(2024, 11, 3), "week", False)),
    ("last week", NEW_YEAR_WED, "past", (D(2024, 12, 23), D(2024, 12, 29), "week", False)),
    ("this week", SUNDAY, "past", (D(2024, 10, 28), SUNDAY, "week", False)),
    ("this week", WEDNESDAY, "past", (D(2024, 11, 4), WEDNESDAY, "week", False)),
    ("earlier this week", SUNDAY, "past", (D(2024, 10, 28), D(2024, 11, 2), "week", False)),
    ("earlier this week", WEDNESDAY, "past", (D(2024, 11, 4), D(2024, 11, 5), "week", False)),
    ("next week", SUNDAY, "future", (D(2024, 11, 4), D(2024, 11, 10), "week", False)),
    ("next week", WEDNESDAY, "future", (D(2024, 11, 11), D(2024, 11, 17), "week", False)),
    ("over the weekend", WEDNESDAY, "past", (D(2024, 11, 2), SUNDAY, "days", False)),
    ("the past 24 hours", WEDNESDAY, "past", (D(2024, 11, 5), WEDNESDAY, "days", False)),
    # months
    ("last month", SUNDAY, "past", (D(2024, 10, 1), D(2024, 10, 31), "month", False)),
    ("last month", NEW_YEAR, "past", (D(2024, 12, 1), D(2024, 12, 31), "month", False)),
    ("in October", SUNDAY, "past", (D(2024, 10, 1), D(2024, 10, 31), "month", False)),
    ("in October alone", SUNDAY, "past", (D(2024, 10, 1), D(2024, 10, 31), "month", False)),
    ("in November", SUNDAY, "past", (D(2024, 11, 1), D(2024, 11, 30), "month", False)),
    ("in December", SUNDAY, "past", (D(2023, 12, 1), D(2023, 12, 31), "month", False)),
    ("in December", NEW_YEAR, "past", (D(2024, 12, 1), D(2024, 12, 31), "month", False)),
    ("in August", WEDNESDAY, "past", (D(2024, 8, 1), D(2024, 8, 31), "month", False)),
    ("in August", NEW_YEAR, "past", (D(2024, 8, 1), D(2024, 8, 31), "month", False)),
    ("mid-October", SUNDAY, "past", (D(2024, 10, 1), D(2024, 10, 31), "month", True)),
    ("mid-December", NEW_YEAR, "past", (D(2024, 12, 1), D(2024, 12, 31), "month", True)),
    ("early November", WEDNESDAY, "past", (D(2024, 11, 1), D(2024, 11, 30), "month", True)),
    ("late November", NEW_YEAR, "past", (D(2024, 11, 1), D(2024, 11, 30), "month", True)),
    ("February 2022", WEDNESDAY, "past", (D(2022, 2, 1), D(2022, 2, 28), "month", False)),
    # day ranges
    ("13-19 October", SUNDAY, "past", (D(2024, 10, 13), D(2024, 10, 19), "days", False)),
    ("13\u201319 October", SUNDAY, "past", (D(2024, 10, 13), D(2024, 10, 19), "days", False)),
    ("13 to 19 October", WEDNESDAY, "past", (D(2024, 10, 13), D(2024, 10, 19), "days", False)),
    ("between 13 and 19 October", SUNDAY, "past", (D(2024, 10, 13), D(2024, 10, 19), "days", False)),
    ("October 13-19, 2023", SUNDAY, "past", (D(2023, 10, 13), D(2023, 10, 19), "days", False)),
    ("in the week of 13-19 October", SUNDAY, "past", (D(2024, 10, 13), D(2024, 10, 19), "days", False)),
    ("20-27 December", NEW_YEAR, "past", (D(2024, 12, 20), D(2024, 12, 27), "days", False)),
    ("28 December - 3 January", NEW_YEAR, "past", (D(2024, 12, 28), D(2025, 1, 3), "days", False)),
    ("the week of 21 October", SUNDAY, "past", (D(2024, 10, 21), D(2024, 10, 27), "week", False)),
    # absolute days
    ("3 November 2024", WEDNESDAY, "past", day(SUNDAY)),
    ("November 3", WEDNESDAY, "past", day(SUNDAY)),
    ("November 3, 2024", NEW_YEAR, "past", day(SUNDAY)),
    ("2024-11-03", NEW_YEAR, "past", day(SUNDAY)),
    ("Sunday, 3 November", WEDNESDAY, "past", day(SUNDAY)),
    ("the 3rd of November", WEDNESDAY, "past", day(SUNDAY)),
    ("30 December", NEW_YEAR, "past", day(D(2024, 12, 30))),
    ("03/11/2024", WEDNESDAY, "past", day(SUNDAY)),
    ("25 November", WEDNESDAY, "past", day(D(2024, 11, 25))),  # within UPCOMING_DAYS: the coming day
    ("1 December", SUNDAY, "past", day(D(2024, 12, 1))),
    ("25 December", SUNDAY, "past", day(D(2023, 12, 25))),  # beyond the window: a year back
    # years and open starts
    ("in 2022", SUNDAY, "past", (D(2022, 1, 1), D(2022, 12, 31), "year", False)),
    ("early 2022", SUNDAY, "past", (D(2022, 1, 1), D(2022, 12, 31), "year", True)),
    ("since February 2022", SUNDAY, "past", (D(2022, 2, 1), None, "month", False)),
    ("since 2014", SUNDAY, "past", (D(2014, 1, 1), None, "year", False)),
    ("since 24 February 2022", SUNDAY, "past", (D(2022, 2, 24), None, "day", False)),
    # feast days named by their weekday
    ("on Palm Sunday", WEDNESDAY, "past", day(SUNDAY)),
    ("Good Friday", WEDNESDAY, "past", day(D(2024, 11, 1))),
    # the hours around a named day are that day
    ("in the early hours of Saturday", SUNDAY, "past", day(D(2024, 11, 2))),
    ("before dawn on Friday", SUNDAY, "past", day(D(2024, 11, 1))),
    ("earlier on Saturday", SUNDAY, "past", day(D(2024, 11, 2))),
    ("overnight Friday", SUNDAY, "past", day(D(2024, 11, 1))),
    ("Friday night into Saturday", SUNDAY, "past", day(D(2024, 11, 1))),
    ("in the early hours", WEDNESDAY, "past", day(WEDNESDAY, approximate=True)),
    ("between Monday and Wednesday", WEDNESDAY, "past", (D(2024, 11, 4), WEDNESDAY, "days", False)),
    ("late last month", WEDNESDAY, "past", (D(2024, 10, 1), D(2024, 10, 31), "month", True)),
    # a run of months: from the first's first day to the last's last
    ("between July and September", WEDNESDAY, "past", (D(2024, 7, 1), D(2024, 9, 30), "days", False)),
    ("from October to January", NEW_YEAR, "past", (D(2024, 10, 1), D(2025, 1, 31), "days", False)),
    # future sentences
    ("on Monday", SUNDAY, "future", day(D(2024, 11, 4))),
    ("on Monday", WEDNESDAY, "future", day(D(2024, 11, 11))),
    ("on Wednesday", WEDNESDAY, "future", day(WEDNESDAY)),
    ("next Wednesday", WEDNESDAY, "past", day(D(2024, 11, 13))),
    ("in October", SUNDAY, "future", (D(2025, 10, 1), D(2025, 10, 31), "month", False)),
    ("in January", NEW_YEAR, "future", (D(2025, 1, 1), D(2025, 1, 31), "month", False)),
    ("next summer", SUNDAY, "future", (D(2025, 6, 1), D(2025, 8, 31), "month", True)),
]


@pytest.mark.parametrize(("phrase", "published", "tense", "expected"), CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_resolve_phrase(phrase: str, published: date, tense: str, expected: tuple) -> None:
    start, end, precision, resolved, approximate = resolve_phrase(phrase, published, tense=tense)
    assert resolved
    assert (start, end, precision, approximate) == expected


def test_a_datetime_anchor_keeps_its_own_local_date() -> None:
    # 00:30 in Kyiv on Sunday is still Saturday in UTC; the newsroom's day is Sunday.
    kyiv = datetime(2024, 11, 3, 0, 30, tzinfo=timezone(timedelta(hours=2)))
    assert resolve_phrase("yesterday", kyiv)[:3] == (D(2024, 11, 2), D(2024, 11, 2), "day")
    assert resolve_phrase("on Sunday", kyiv)[:3] == (SUNDAY, SUNDAY, "day")


def test_hours_ago_use_the_publication_time_when_known() -> None:
    morning = datetime(2024, 11, 6, 9, 0, tzinfo=UTC)
    assert resolve_phrase("48 hours ago", morning)[:4] == (D(2024, 11, 4), D(2024, 11, 4), "day", True)
    assert resolve_phrase("10 hours ago", morning)[0] == D(2024, 11, 5)


RELATIVE_PHRASES = ["on Saturday", "today", "yesterday", "overnight", "last week", "in October", "mid-October",
                    "13-19 October", "November 3", "two days ago", "earlier this week", "next week"]


@pytest.mark.parametrize("phrase", RELATIVE_PHRASES)
def test_relative_phrases_stay_unresolved_without_a_publication_date(phrase: str) -> None:
    assert resolve_phrase(phrase, None) == (None, None, "unknown", False, False)


@pytest.mark.parametrize(("phrase", "expected"), [
    ("3 November 2024", (SUNDAY, SUNDAY, "day")),
    ("2024-11-03", (SUNDAY, SUNDAY, "day")),
    ("February 2022", (D(2022, 2, 1), D(2022, 2, 28), "month")),
    ("in 2022", (D(2022, 1, 1), D(2022, 12, 31), "year")),
    ("13-19 October 2024", (D(2024, 10, 13), D(2024, 10, 19), "days")),
    ("since February 2022", (D(2022, 2, 1), None, "month")),
])
def test_absolute_phrases_resolve_without_a_publication_date(phrase: str, expected: tuple) -> None:
    start, end, precision, resolved, _ = resolve_phrase(phrase, None)
    assert resolved and (start, end, precision) == expected


@pytest.mark.parametrize(("phrase", "kind"), [
    ("18-year-old", "age"), ("an 18-year-old", "age"), ("aged 19", "age"),
    ("two years", "duration"), ("for two years", "duration"), ("more than five hours", "duration"),
    ("hours-long", "duration"), ("12-hour", "duration"), ("just days", "duration"), ("a week", "duration"),
    ("two days ago", "time"), ("the past two years", "time"), ("on Saturday", "time"), ("hours ago", "time"),
])
def test_ages_and_durations_are_not_times(phrase: str, kind: str) -> None:
    assert classify_phrase(phrase) == kind
    if kind != "time":
        assert resolve_phrase(phrase, SUNDAY) == (None, None, "unknown", False, False)


@pytest.mark.parametrize("phrase", ["the next day", "two days later", "that week", "the month", "Another night"])
def test_anaphoric_phrases_are_left_unresolved(phrase: str) -> None:
    assert not resolve_phrase(phrase, SUNDAY).resolved


def test_resolution_is_a_plain_tuple() -> None:
    resolution = resolve_phrase("on Saturday", SUNDAY)
    assert isinstance(resolution, tuple) and isinstance(resolution, Resolution)
    assert resolution == (D(2024, 11, 2), D(2024, 11, 2), "day", True, False)


def test_bad_tense_is_refused() -> None:
    with pytest.raises(ValueError):
        resolve_phrase("on Monday", SUNDAY, tense="present")


def test_dateparser_covers_the_long_tail() -> None:
    """Formats no rule of ours covers go through dateparser, with its period as the precision."""
    assert resolve_phrase("2024/11/03", None)[:4] == (SUNDAY, SUNDAY, "day", True)
    assert resolve_phrase("Mon, 04 Nov 2024 10:00:00 GMT", None)[:3] == (D(2024, 11, 4), D(2024, 11, 4), "day")
    assert resolve_phrase("on the 28th", D(2023, 12, 31))[:3] == (D(2023, 12, 28), D(2023, 12, 28), "day")


# -- where dateparser 1.5.0 (RELATIVE_BASE, PREFER_DATES_FROM="past") is wrong, and what we return --------

DATEPARSER_ERRORS = [
    # phrase, published, what dateparser returns, what we return (start, end, precision, approximate)
    ("13-19 October", SUNDAY, datetime(2019, 10, 13), (D(2024, 10, 13), D(2024, 10, 19), "days", False)),
    ("13 to 19 October", SUNDAY, None, (D(2024, 10, 13), D(2024, 10, 19), "days", False)),
    ("Sunday", SUNDAY, datetime(2024, 10, 27), day(SUNDAY)),  # news means the day itself
    ("October", SUNDAY, datetime(2024, 10, 3), (D(2024, 10, 1), D(2024, 10, 31), "month", False)),
    ("in 2022", SUNDAY, datetime(2022, 11, 3), (D(2022, 1, 1), D(2022, 12, 31), "year", False)),
    ("last week", SUNDAY, datetime(2024, 10, 27, 12), (D(2024, 10, 21), D(2024, 10, 27), "week", False)),
    ("mid-October", SUNDAY, None, (D(2024, 10, 1), D(2024, 10, 31), "month", True)),
    ("early November", SUNDAY, None, (D(2024, 11, 1), D(2024, 11, 30), "month", True)),
    ("earlier this week", SUNDAY, None, (D(2024, 10, 28), D(2024, 11, 2), "week", False)),
    ("overnight", SUNDAY, None, day(SUNDAY)),
    ("earlier in the day", SUNDAY, None, day(SUNDAY)),
    ("since February 2022", SUNDAY, None, (D(2022, 2, 1), None, "month", False)),
    ("03/11/2024", SUNDAY, datetime(2024, 3, 11), day(SUNDAY)),  # read month first
    # "the 1990s" is read as 1990 seconds before the base
    ("the 1990s", SUNDAY, datetime(2024, 11, 3, 11, 26, 50), (D(1990, 1, 1), D(1999, 12, 31), "year", True)),
    ("a week", SUNDAY, datetime(2024, 10, 27, 12), None),  # a duration, not a date
]


@pytest.mark.parametrize(("phrase", "published", "theirs", "ours"), DATEPARSER_ERRORS,
                         ids=[case[0] for case in DATEPARSER_ERRORS])
def test_where_dateparser_is_wrong(phrase: str, published: date, theirs: datetime | None, ours: tuple | None) -> None:
    base = datetime.combine(published, datetime.min.time()).replace(hour=12)
    got = dateparser.parse(phrase, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    if theirs is None:
        assert got is None
    else:
        # the time of day dateparser adds from the base is not the point; the date is
        assert got is not None and got.date() == theirs.date()
    start, end, precision, resolved, approximate = resolve_phrase(phrase, published)
    if ours is None:
        assert not resolved
    else:
        assert resolved and (start, end, precision, approximate) == ours


# -- find_time_expressions ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


HEADER = "Ukraine war live: latest updates\n"
SENTENCES = (
    "Russian drones struck Odesa overnight, killing two people, the regional governor said on Tuesday. "
    "A 19-year-old soldier was among the wounded, and the sirens wailed for four hours. "
    "The marines have kept the bridgehead since February 2022, and in the week of 14-20 October alone "
    "they repelled 60 assaults. "
    "The foreign ministers will meet in Geneva on Monday, officials said earlier this week. "
    "Talks held in mid-September collapsed, and a new round is planned for 25 November. "
    "Two days ago a missile hit a school; the next day rescuers found three bodies. "
    "On Saturday night a drone hit a depot in Kharkiv, and shelling over the past 24 hours killed five people."
)

FOUND = {  # span text -> (start, end, precision, approximate), published Wednesday 6 November 2024
    "overnight": day(WEDNESDAY),
    "Tuesday": day(D(2024, 11, 5)),
    "since February 2022": (D(2022, 2, 1), None, "month", False),
    "the week of 14-20 October": (D(2024, 10, 14), D(2024, 10, 20), "days", False),
    "Monday": day(D(2024, 11, 11)),  # "will meet": future
    "earlier this week": (D(2024, 11, 4), D(2024, 11, 5), "week", False),
    "mid-September": (D(2024, 9, 1), D(2024, 9, 30), "month", True),
    "25 November": day(D(2024, 11, 25)),
    "Two days ago": day(D(2024, 11, 4)),
    "Saturday night": day(D(2024, 11, 2)),
    "the past 24 hours": (D(2024, 11, 5), WEDNESDAY, "days", False),
}


def test_find_time_expressions_in_news_sentences(nlp) -> None:
    text = HEADER + SENTENCES
    base = len(HEADER)
    refs = find_time_expressions(nlp(text[base:]), base, WEDNESDAY, post_index=3)
    for ref in refs:
        assert text[ref.span.start:ref.span.end] == ref.span.text
        assert ref.span.start >= base and ref.post_index == 3
    by_text = {ref.span.text: ref for ref in refs}
    for phrase, expected in FOUND.items():
        assert phrase in by_text, f"{phrase!r} not found in {sorted(by_text)}"
        ref = by_text[phrase]
        assert ref.resolved, phrase
        assert (ref.start, ref.end, ref.precision, ref.approximate) == expected, phrase
    # ages and durations are not times of events
    assert not any(word in ref.span.text for ref in refs for word in ("year-old", "four hours"))
    # the anaphoric "next day" is kept, unresolved
    anaphoric = [ref for ref in refs if "next day" in ref.span.text]
    assert anaphoric and not anaphoric[0].resolved and anaphoric[0].precision == "unknown"


def test_find_time_expressions_without_a_publication_date(nlp) -> None:
    text = HEADER + SENTENCES
    base = len(HEADER)
    refs = {ref.span.text: ref for ref in find_time_expressions(nlp(text[base:]), base, None)}
    assert set(FOUND) <= set(refs)
    assert refs["since February 2022"].resolved and refs["since February 2022"].start == D(2022, 2, 1)
    for phrase in ("overnight", "Tuesday", "Monday", "earlier this week", "mid-September", "Two days ago"):
        ref = refs[phrase]
        assert (ref.resolved, ref.precision, ref.start, ref.end) == (False, "unknown", None, None)


def test_find_time_expressions_matches_what_the_small_model_splits(nlp) -> None:
    text = "During the week of 13-19 October the brigade lost almost 40 tanks, and in 13 to 19 October too."
    refs = find_time_expressions(nlp(text), 0, SUNDAY)
    texts = [ref.span.text for ref in refs]
    assert "the week of 13-19 October" in texts and "13 to 19 October" in texts
    assert all(ref.start == D(2024, 10, 13) and ref.end == D(2024, 10, 19) for ref in refs)


# -- the example page ---------------------------------------------------------------------------------


def _expected_relative_dates() -> tuple[date, list[tuple[str, tuple]]]:
    """The relative dates the analyst lists, as (phrase, (start, end, precision, approximate))."""
    markdown = expected_markdown()
    paragraph = re.search(r"Relative dates are resolved against the publication date \(([^)]*)\):(.*?)With no",
                          markdown, re.DOTALL)
    assert paragraph, "the expected page no longer lists relative dates"
    published = datetime.strptime(re.search(r"\d{1,2} \w{3} \d{4}", paragraph.group(1)).group(), "%d %b %Y").date()
    wanted = []
    for phrase, meaning in re.findall(r'"([^"]+)"\s+→\s+([^"]+?)(?=,\s+"|\.\s|\.$)', paragraph.group(2)):
        approximate = "(approximate)" in meaning
        meaning = " ".join(meaning.replace("(approximate)", "").replace("month", "").split())
        if one_day := re.fullmatch(r"(\d{1,2}) (\w{3})\w*", meaning):
            value = datetime.strptime(f"{one_day[1]} {one_day[2]} {published.year}", "%d %b %Y").date()
            wanted.append((phrase, (value, value, "day", approximate)))
        else:
            first = datetime.strptime(meaning, "%B %Y").date()
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            wanted.append((phrase, (first, last, "month", approximate)))
    # the ledger's territory figure is dated by a range of days
    ledger = expected_section(markdown, "Claims ledger")
    low, high, month = re.search(r"(\d{1,2})[–-](\d{1,2}) (\w+)", ledger).groups()
    first = datetime.strptime(f"{low} {month} {published.year}", "%d %B %Y").date()
    last = datetime.strptime(f"{high} {month} {published.year}", "%d %B %Y").date()
    wanted.append((f"{low}-{high} {month}", (first, last, "days", False)))
    return published, wanted


@pytest.fixture(scope="module")
def example_refs(nlp):
    document = next(read_file(EXAMPLE, ReadOptions()))
    posts = prepare(document)
    published, wanted = _expected_relative_dates()

    def find(anchor: date | None) -> list:
        refs = []
        for post in posts:
            for part in (post.lead, post.headline, post.body):
                if part is not None:
                    refs += find_time_expressions(nlp(part.text), part.start, anchor, post_index=post.index)
        return refs

    return document, wanted, find(published), find(None)


def _core(phrase: str) -> str:
    """The time words of an expected phrase, without the preposition and "alone" around them."""
    return re.sub(r"\s+alone$", "", re.sub(r"^(?:on|in)\s+", "", phrase))


def _matching(refs: list, phrase: str) -> list:
    """The found refs for an expected phrase: the same words, or a longer phrase ending in a day range."""
    core = _core(phrase)
    return [ref for ref in refs
            if ref.span.text == core or (core[0].isdigit() and ref.span.text.endswith(" " + core))]


def test_example_page_relative_dates(example_refs) -> None:
    document, wanted, refs, _ = example_refs
    assert len(wanted) == 6
    for ref in refs:
        assert document.text[ref.span.start:ref.span.end] == ref.span.text
    for phrase, expected in wanted:
        matching = _matching(refs, phrase)
        assert matching, f"{phrase!r} not found"
        # the phrase as the analyst quotes it is in the text around one of them
        assert any(phrase.replace("-", "") in document.text[ref.span.start - 12:ref.span.end + 8].replace("-", "")
                   for ref in matching), phrase
        for ref in matching:
            assert (ref.start, ref.end, ref.precision, ref.approximate) == expected, (phrase, ref)


def test_example_page_without_publication_date_keeps_relative_dates_unresolved(example_refs) -> None:
    _, wanted, _, refs = example_refs
    for phrase, _ in wanted:
        matching = _matching(refs, phrase)
        assert matching and all(not ref.resolved and ref.precision == "unknown" for ref in matching), phrase
    # absolute dates on the page still resolve
    february = [ref for ref in refs if ref.span.text == "February 2022"]
    assert february and all(ref.resolved and ref.start == D(2022, 2, 1) for ref in february)


def test_example_page_drops_durations(example_refs) -> None:
    _, _, refs, _ = example_refs
    texts = [ref.span.text for ref in refs]
    for duration in ("two years", "more than five hours", "hours"):
        assert duration not in texts


@pytest.mark.parametrize(("phrase", "published", "expected"), [
    ("late last night", D(2024, 3, 14), day(D(2024, 3, 13))),
    ("early on Sunday", D(2024, 3, 14), day(D(2024, 3, 10))),
    ("in September last year", D(2024, 3, 14), (D(2023, 9, 1), D(2023, 9, 30), "month", False)),
    ("last March", D(2024, 3, 14), (D(2023, 3, 1), D(2023, 3, 31), "month", False)),
    ("on New Year's Eve", D(2024, 3, 14), day(D(2023, 12, 31))),
    ("on New Year's Day", D(2023, 1, 2), day(D(2023, 1, 1))),
    ("last weekend", D(2024, 6, 29), (D(2024, 6, 22), D(2024, 6, 23), "days", False)),
    ("last weekend", D(2023, 1, 2), (D(2022, 12, 31), D(2023, 1, 1), "days", False)),
    ("2 January", D(2023, 12, 31), day(D(2024, 1, 2))),  # upcoming across the year boundary
    ("within the past month", D(2023, 12, 31), (D(2023, 11, 30), D(2023, 12, 31), "days", False)),
    ("since the start of the year", D(2024, 10, 1), (D(2024, 1, 1), None, "month", True)),
    ("the end of 2023", D(2024, 10, 1), (D(2023, 12, 1), D(2023, 12, 31), "month", True)),
])
def test_phrases_held_out_runs_missed(phrase: str, published: date, expected: tuple) -> None:
    start, end, precision, resolved, approximate = resolve_phrase(phrase, published)
    assert resolved and (start, end, precision, approximate) == expected


def test_lists_of_dates_are_split_and_modal_may_is_not_a_month(nlp) -> None:
    text = "Officials said 3 may have died in strikes on 3 May and Nov. 4, and between 13 and 19 October."
    refs = find_time_expressions(nlp(text), 100, WEDNESDAY)
    got = {ref.span.text: (ref.start, ref.end, ref.precision) for ref in refs}
    assert got == {
        "3 May": (D(2024, 5, 3), D(2024, 5, 3), "day"),
        "Nov. 4": (D(2024, 11, 4), D(2024, 11, 4), "day"),
        "between 13 and 19 October": (D(2024, 10, 13), D(2024, 10, 19), "days"),
    }
    assert all(ref.span.start >= 100 for ref in refs)
    # as one phrase, a far-apart pair is a list, not a range; a near pair is a range
    assert not resolve_phrase("3 May and Nov. 4", WEDNESDAY).resolved
    assert resolve_phrase("Saturday and Sunday", WEDNESDAY)[:3] == (D(2024, 11, 2), SUNDAY, "days")


def test_an_event_without_a_time_phrase_is_bounded_by_its_report_day():
    from warlog.extract.event_time import reported_by
    from warlog.schema import Span

    sentence = Span(40, 90, "Shelling hit a school near the front, officials said.")
    bound = reported_by(sentence, datetime(2025, 1, 14, 18, 30))
    assert bound is not None and (bound.start, bound.end, bound.precision) == (None, date(2025, 1, 14), "before")
    assert not bound.resolved and (bound.span.start, bound.span.end, bound.span.text) == (40, 40, "")
    assert reported_by(sentence, None) is None


@pytest.mark.parametrize("phrase, expected", [
    ("the first half of this year", (date(2025, 1, 1), date(2025, 6, 30))),
    ("the last three months of 2023", (date(2023, 10, 1), date(2023, 12, 31))),
    ("the second half of last year", (date(2024, 7, 1), date(2024, 12, 31))),
])
def test_parts_of_a_year_are_runs_of_months(phrase: str, expected: tuple) -> None:
    resolution = resolve_phrase(phrase, date(2025, 3, 10))
    assert (resolution.start, resolution.end, resolution.precision, resolution.resolved) == (*expected, "days", True)


def test_two_weekdays_joined_are_one_stretch_of_days(nlp) -> None:
    """"on Monday and Tuesday" (two entities to the small model) and "Thursday to Saturday" are one stretch; a night
    "into" the next day is still the night's day."""
    friday = D(2025, 2, 14)
    text = "Militants raided the camp on Monday and Tuesday. Strikes went on from Wednesday to Thursday."
    got = {ref.span.text: (ref.start, ref.end, ref.precision) for ref in find_time_expressions(nlp(text), 0, friday)}
    assert got == {"Monday and Tuesday": (D(2025, 2, 10), D(2025, 2, 11), "days"),
                   "Wednesday to Thursday": (D(2025, 2, 12), D(2025, 2, 13), "days")}
    assert resolve_phrase("Tuesday-Wednesday", friday)[:3] == (D(2025, 2, 11), D(2025, 2, 12), "days")
    assert resolve_phrase("Wednesday night to Thursday", friday)[:3] == (D(2025, 2, 12), D(2025, 2, 12), "day")
