"""Time phrases in news text, found in a spaCy parse and resolved against the publication date.

Two entry points:

- `resolve_phrase(phrase, published, tense="past")` turns one phrase ("on Saturday", "mid-October",
  "20-27 October", "last week") into a `Resolution` (start, end, precision, resolved, approximate).
- `find_time_expressions(doc, base, published, post_index)` finds the phrases in a parse of a slice of
  the cleaned text (spaCy DATE/TIME entities plus the Matcher patterns below for what the small model
  misses) and returns `TimeRef`s whose spans are document offsets.

How a phrase is resolved, in order (each rule is one entry of `RULES`, its docstring says why):

1. Ages ("18-year-old") and durations ("two years", "more than five hours", "hours-long") are not
   times of events: `resolve_phrase` leaves them unresolved and `find_time_expressions` drops them.
   `classify_phrase` tells the three kinds apart for callers that want to keep durations elsewhere.
2. Our own rules, full-match regular expressions over a normalised phrase. They run first because
   they know things dateparser 1.5.0 does not: day ranges ("20-27 October" is 1927 to dateparser),
   "mid-/early/late" modifiers, "overnight", "earlier this week", the same-weekday news convention,
   and that "October" or "2022" name a month or a year, not the 3rd of October or 3 November 2022.
3. Two halves joined by "and" ("Saturday and Sunday") that both resolve make one range of days.
4. dateparser as a fallback for the long tail of formats ("2024/11/03", "on the 28th"), with
   RELATIVE_BASE set to the publication date and PREFER_DATES_FROM from the tense. Its `period` gives
   the precision; a result whose year is not the one written, or far from the anchor, is rejected.

The anchor is the publication *date* as written: a timezone-aware datetime keeps its own local date
(the newsroom's day), it is not converted to UTC.

Without a publication date, absolute phrases (with a year: "3 November 2024", "2024-11-03",
"February 2022") still resolve; relative ones ("yesterday", "on Saturday", "in October") come back
unresolved with precision "unknown", and `find_time_expressions` keeps their spans.

The rules for relative phrases (past tense is the default, as news mostly reports what happened):

- Weekday ("on Saturday", "Friday night"): past tense - the publication day itself when it is that
  weekday (a Sunday paper's "Moldovans vote on Sunday" is today), otherwise the most recent such day
  before publication. Future tense - the publication day when it is that weekday, otherwise the next
  one. "last Friday" is always strictly before publication, "next Monday" always strictly after.
- "today", "this morning", "tonight", "earlier in the day": the publication day.
- "overnight": the publication day (precision day). News writes "overnight" of the small hours just
  before the report, and the attack is dated by the morning it was reported (as the expected page
  dates "an overnight drone attack ... officials said on Saturday" to Saturday).
- "last night" and "yesterday": the day before publication ("last night" names the evening, which
  falls on the previous day). "on Friday night" is Friday.
- A time of day with no day ("in the late afternoon"): the publication day, approximate.
- Weeks are calendar weeks, Monday to Sunday (ISO). "last week" is the previous calendar week; "this
  week" runs Monday to publication (past) or publication to Sunday (future); "earlier this week" is
  Monday to the day before publication; "next week" the next calendar week. Precision "week".
- Months: "last month" is the previous calendar month; "in October" is the most recent October
  whose first day is not after publication (past) or the first October not ending before it (future),
  so "in December" published 2025-01-05 is December 2024. "mid-/early/late October" are the same
  month with approximate=True (the schema has no finer unit than a month for them).
- Day and month without a year ("3 November", "20-27 October"): the most recent year in which the
  (first) day is not after publication; future tense: the first year in which it is not before it.
  Either way a day up to UPCOMING_DAYS (31) after publication is that coming day: "a new round is
  planned for 25 November" published 6 November is 2024, not 2023, even if the tense guess is wrong.
- Weekends are Saturday-Sunday ("days"): "over the weekend" the latest one on or before publication,
  "last weekend" the one before the weekend publication falls in. Seasons are meteorological
  (northern hemisphere; winter is December-February), three months at precision "month", approximate.
  "last March" is the latest March before publication's month; "in September last year" that month.
  Fixed holidays (HOLIDAYS) are days whose year is chosen like any day written without one.
- "the week of 21 October" is that calendar week; "the week of 3-9 March" keeps the written range.
- "since February 2022": start only - start is the first day of what follows "since", end is None
  (open-ended; the schema has no flag for it), precision is that of the anchor (month here).
- "N days ago": that day; "N weeks ago": that day, approximate; "N months/years ago": that month/year.
  "the past 24 hours", "the last two weeks": the day range ending on the publication day ("days").
- Anaphoric phrases ("the next day", "that week", "two days later") depend on another event, not on
  publication: unresolved.
- Numeric dates are read day first ("03/11/2024" is 3 November) unless that is impossible; ISO
  "2024-11-03" is unambiguous.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

from dateparser.date import DateDataParser
from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans
from spacy.vocab import Vocab

from warlog.schema import Span, TimeRef

Tense = Literal["past", "future"]
PhraseKind = Literal["time", "duration", "age"]


class Resolution(NamedTuple):
    """What a phrase means as dates: a tuple, so `start, end, precision, resolved, approx = ...` works."""

    start: date | None
    end: date | None
    precision: str
    resolved: bool
    approximate: bool = False


UNRESOLVED = Resolution(None, None, "unknown", False, False)


# -- vocabulary ------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Feast days named by their weekday ("Palm Sunday", "Good Friday", "Holy Thursday"): that weekday, read like any.
FEAST_QUALIFIERS = ("palm", "easter", "good", "holy", "ash", "maundy")
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
# Counts as they are written; vague ones ("a few") resolve approximately.
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty-eight": 48, "seventy-two": 72,
}
VAGUE_NUMBERS: dict[str, int] = {"a few": 3, "few": 3, "several": 3, "a couple of": 2, "couple of": 2}
# Meteorological seasons (northern hemisphere), each three months from this first month.
SEASONS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")
# Fixed-date days news names without a date. Moveable feasts (Easter) are left to dateparser (it fails).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas eve": (12, 24), "christmas day": (12, 25),
    "christmas": (12, 25), "boxing day": (12, 26), "orthodox christmas": (1, 7), "victory day": (5, 9),
    "valentine's day": (2, 14), "halloween": (10, 31),
}

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?" \
         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_NUMBER = r"\d+|" + "|".join(sorted([*NUMBER_WORDS, *VAGUE_NUMBERS], key=len, reverse=True))
_UNIT = r"hour|day|night|week|fortnight|month|year"
_PART = "|".join(PARTS_OF_DAY)
_TO = r"\s*(?:-|to|until|till|through)\s*"

# A phrase with none of these is not a time expression (spaCy sometimes tags "the start of full-scale").
TIME_WORD = re.compile(
    rf"\b(?:{_MONTH}|{_WEEKDAY}|{_YEAR}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|(?:{_UNIT})s?|today|tonight"
    rf"|tomorrow|yesterday|overnight|weekend|{_PART}|dawn|dusk|noon|midday|midnight|spring|summer|autumn"
    r"|fall|winter|\d{3}0s|christmas|halloween|valentine's day|victory day|boxing day)\b",
    re.IGNORECASE,
)


# -- what is not a time of an event -----------------------------------------------------------------

_AGE = re.compile(rf"^(?:an? )?(?:{_NUMBER})[- ]years?[- ]old$|^aged (?:{_NUMBER})$")
_DURATION = re.compile(
    r"^(?:(?:more|less|fewer) than|about|around|nearly|almost|over|up to|at least|some|just|only|roughly)?\s*"
    rf"(?:(?:{_NUMBER})\s*-?\s*(?:{_UNIT})s?|(?:{_UNIT})s|many (?:{_UNIT})s|decades?|centur(?:y|ies))"
    r"(?:-long| long)?$"
)


def classify_phrase(phrase: str) -> PhraseKind:
    """Whether a phrase names a time ("time"), a length of time ("duration") or an age ("age").

    Durations ("for two years", "more than five hours", "a 12-hour alert") and ages ("18-year-old")
    are what spaCy's DATE/TIME labels mostly get wrong for event dating: they say how long, not when.
    A count followed by "ago" or preceded by "the past" is a time, not a duration.
    """
    text = _normalise(phrase).text
    if _AGE.match(text):
        return "age"
    if _DURATION.match(text):
        return "duration"
    return "time"


# -- normalisation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    """A phrase reduced to what the rules match, with the modifiers taken off it."""

    text: str
    since: bool = False
    week_of: bool = False
    approximate: bool = False


_LEADING_PREPOSITIONS = re.compile(r"^(?:on|in|at|during|by|from|of|for|over|within|throughout|as of)\s+")
_APPROXIMATELY = re.compile(r"^(?:around|about|approximately|circa|c\.|roughly|some time in|sometime in)\s+")
_CLOCK_TIME = re.compile(
    r",?\s*(?:at\s+)?(?:around\s+)?(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.?|p\.m\.?)|\d{1,2}:\d\d(?::\d\d)?)"
    r"(?:\s*(?:gmt|utc|bst|cet|eet|msk|local time|kyiv time|moscow time))?(?:\s*\([^)]*\)?)?$"
)


def _normalise(phrase: str) -> _Phrase:
    """Lower case, one kind of dash and space, and the modifiers that change meaning set aside.

    Prepositions that do not change the date ("on", "in", "during") are dropped; "since" and
    "around" are kept as flags; "the week of X" and "the night of X" are reduced to X.
    """
    text = phrase.lower().replace("\u2019", "'")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:()\"'")
    text = re.sub(r"\s*-\s*(?=\d)", "-", text)  # "20 - 27" -> "20-27"
    text = re.sub(r"\s+alone$", "", text)
    text = re.sub(r"(?<=\w)'s?$", "", text)  # "sunday night's attack": the phrase is "sunday night"
    since = week_of = approximate = False
    for _ in range(4):  # modifiers can stack: "since around mid-October"
        before = text
        if text.startswith("since "):
            since, text = True, text[len("since "):]
        if match := _APPROXIMATELY.match(text):
            approximate, text = True, text[match.end():]
        text = _LEADING_PREPOSITIONS.sub("", text)
        if match := re.match(r"^(?:the )?week (?:of|beginning|starting|from) ", text):
            week_of, text = True, text[match.end():]
        text = re.sub(rf"^(?:the )?(?:{_PART}) of ", "", text)
        text = re.sub(r"^overnight (?:into|to|on) ", "", text)
        # the hour around a named day is that day: "the early hours of sunday", "before dawn on sunday",
        # "earlier on sunday", "overnight saturday", "saturday night into sunday" (the night begins on saturday)
        text = re.sub(r"^(?:the )?(?:early|small|wee) hours of (?:the )?", "", text)
        text = re.sub(rf"^(?:shortly |just )?(?:before|after) (?:dawn|daybreak|sunrise|sunset|dusk|midnight|noon)"
                      rf"(?: on)? (?={_WEEKDAY}\b|\d|{_MONTH}\b)", "", text)
        text = re.sub(rf"^(?:earlier|later) on (?={_WEEKDAY}\b)", "", text)
        text = re.sub(rf"^overnight (?={_WEEKDAY}\b)", "", text)
        # ("monday to wednesday", with no part of the day, is three days: `_resolve_pair`)
        text = re.sub(rf"^({_WEEKDAY}(?: (?:{_PART}))?) into {_WEEKDAY}(?: (?:{_PART}))?$", r"\1", text)
        text = re.sub(rf"^({_WEEKDAY} (?:{_PART})) to {_WEEKDAY}(?: (?:{_PART}))?$", r"\1", text)
        text = re.sub(rf"^(?:early|late)(?: on)? (?=yesterday|last night|today|tonight|this |{_WEEKDAY}\b)", "", text)
        text = re.sub(rf"^(?:{'|'.join(FEAST_QUALIFIERS)}) (?={_WEEKDAY}\b)", "", text)  # "palm sunday" is a sunday
        if text == before:
            break
    text = _CLOCK_TIME.sub("", text).strip(" ,")
    text = re.sub(rf"^{_WEEKDAY},? (?=\d|{_MONTH} \d)", "", text)  # "sunday, 3 november": the date decides
    text = re.sub(rf"^between ({_DAY}(?: {_MONTH})?) and ", r"\1 to ", text)
    text = re.sub(rf"^between ({_WEEKDAY}) and ({_WEEKDAY})$", r"\1 and \2", text)
    text = re.sub(rf"^(?:between |from )?({_MONTH}) (?:and|to|until|till|through) ({_MONTH}(?: \d{{4}})?)$",
                  r"\1 to \2", text)  # "between January and March": the months from one to the other
    if match := re.match(r"^(?:early|mid|late)[- ]?(?=(?:last|this|next) (?:week|month|year)$)", text):
        approximate, text = True, text[match.end():]  # "late last month": that month, roughly
    if re.fullmatch(r"(?:the )?(?:early|small|wee) hours", text):
        text, approximate = "early morning", True  # "in the early hours": the small hours of the day told
    return _Phrase(text=text, since=since, week_of=week_of, approximate=approximate)


# -- calendar helpers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What a rule needs besides the phrase: the anchor day, the exact moment if known, the tense."""

    anchor: date | None
    moment: datetime | None
    tense: Tense


def _day(value: date, approximate: bool = False) -> Resolution:
    return Resolution(value, value, "day", True, approximate)


def _month_range(year: int, month: int, approximate: bool = False) -> Resolution:
    return Resolution(date(year, month, 1), date(year, month, monthrange(year, month)[1]), "month", True, approximate)


def _year_range(year: int, approximate: bool = False) -> Resolution:
    return Resolution(date(year, 1, 1), date(year, 12, 31), "year", True, approximate)


def _week_of(value: date) -> Resolution:
    monday = value - timedelta(days=value.weekday())
    return Resolution(monday, monday + timedelta(days=6), "week", True, False)


def _shift_months(value: date, months: int) -> date:
    """The first day of the month `months` away from `value`'s month."""
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _months_before(value: date, months: int) -> date:
    """The same day of the month `months` earlier, clipped to that month's length (31 March -> 29 February)."""
    first = _shift_months(value, -months)
    return first.replace(day=min(value.day, monthrange(first.year, first.month)[1]))


def _count(word: str) -> tuple[int, bool]:
    """A written count and whether it is vague ("a few" days is about three)."""
    if word.isdigit():
        return int(word), False
    if word in VAGUE_NUMBERS:
        return VAGUE_NUMBERS[word], True
    return NUMBER_WORDS[word], False


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# A day written without a year that falls this soon after publication is that coming day, whatever
# the tense: a writer meaning a year back adds "last year", and live-blog posts can be later than the
# page date they are resolved against.
UPCOMING_DAYS = 31


def _year_for_day(month: int, day: int, ctx: _Context) -> int | None:
    """The year of a day written without one: that coming day when it is at most UPCOMING_DAYS after
    publication, else the most recent not after publication (past) or the first not before it (future).
    29 February falls back to the nearest leap year in that direction."""
    if ctx.anchor is None:
        return None
    for year in (ctx.anchor.year, ctx.anchor.year + 1):  # "2 January" published 31 December is in the new year
        upcoming = _safe_date(year, month, day)
        if upcoming is not None and timedelta(0) < upcoming - ctx.anchor <= timedelta(days=UPCOMING_DAYS):
            return year
    step = -1 if ctx.tense == "past" else 1
    year = ctx.anchor.year
    for _ in range(9):
        candidate = _safe_date(year, month, day)
        if candidate is not None and (candidate <= ctx.anchor if step < 0 else candidate >= ctx.anchor):
            return year
        year += step
    return None


def _year_for_month(month: int, ctx: _Context) -> int | None:
    """The year of a month written without one: the latest whose first day is not after publication
    (past), or the first whose last day is not before it (future)."""
    if ctx.anchor is None:
        return None
    if ctx.tense == "past":
        return ctx.anchor.year if month <= ctx.anchor.month else ctx.anchor.year - 1
    return ctx.anchor.year if month >= ctx.anchor.month else ctx.anchor.year + 1


# -- rules ------------------------------------------------------------------------------------------

Handler = Callable[[re.Match[str], _Context], Resolution]


@dataclass(frozen=True)
class Rule:
    """One kind of phrase: a full-match pattern over the normalised phrase and how to resolve it."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler


RULES: list[Rule] = []


def rule(name: str, pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler for phrases that fully match `pattern`; rules are tried in order of definition."""

    def register(handler: Handler) -> Handler:
        RULES.append(Rule(name, re.compile(pattern), handler))
        return handler

    return register


def _month_number(text: str) -> int:
    """1-12 for any spelling the patterns accept ("sept.", "Nov")."""
    return MONTHS[text.rstrip(".")[:3]]


def _weekday_number(text: str) -> int:
    """0 (Monday) to 6 for any spelling the patterns accept ("thurs", "Wed.")."""
    return WEEKDAYS[text.rstrip(".")[:3]]


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


@rule("iso date", r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
def _iso(match: re.Match[str], ctx: _Context) -> Resolution:
    """ISO 8601 dates are unambiguous and need no anchor."""
    value = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return _day(value) if value else UNRESOLVED


@rule("numeric date", r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})")
def _numeric(match: re.Match[str], ctx: _Context) -> Resolution:
    """Day first, as in international English news, unless only month first can be a date.

    dateparser reads "03/11/2024" as 11 March; a British or Ukrainian source means 3 November.
    """
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    year += 2000 if year < 100 else 0
    day, month = (b, a) if b > 12 >= a else (a, b)
    value = _safe_date(year, month, day)
    return _day(value) if value else UNRESOLVED


@rule(
    "day range across months",
    rf"(?P<d1>{_DAY}) (?:of )?(?P<m1>{_MONTH}){_TO}(?P<d2>{_DAY}) (?:of )?(?P<m2>{_MONTH})(?:,? (?P<y>{_YEAR}))?"
    rf"|(?P<m1b>{_MONTH}) (?P<d1b>{_DAY}){_TO}(?P<m2b>{_MONTH}) (?P<d2b>{_DAY})(?:,? (?P<yb>{_YEAR}))?",
)
def _cross_month_range(match: re.Match[str], ctx: _Context) -> Resolution:
    """"30 October - 2 November": a day range; a later month number before an earlier one crosses a year."""
    d1, m1 = _day_number(match["d1"] or match["d1b"]), _month_number(match["m1"] or match["m1b"])
    d2, m2 = _day_number(match["d2"] or match["d2b"]), _month_number(match["m2"] or match["m2b"])
    written = match["y"] or match["yb"]
    if written:
        end_year = int(written)
        start_year = end_year - 1 if (m2, d2) < (m1, d1) else end_year
    else:
        start_year = _year_for_day(m1, d1, ctx)
        if start_year is None:
            return UNRESOLVED
        end_year = start_year + 1 if (m2, d2) < (m1, d1) else start_year
    start, end = _safe_date(start_year, m1, d1), _safe_date(end_year, m2, d2)
    return Resolution(start, end, "days", True) if start and end else UNRESOLVED


@rule(
    "day range in one month",
    rf"(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY}) (?:of )?(?P<m>{_MONTH})(?:,? (?P<y>{_YEAR}))?"
    rf"|(?P<mb>{_MONTH}) (?P<d1b>{_DAY}){_TO}(?P<d2b>{_DAY})(?:,? (?P<yb>{_YEAR}))?",
)
def _day_range(match: re.Match[str], ctx: _Context) -> Resolution:
    """"20-27 October", "20 to 27 October", "October 20-27, 2024": a range of days ("days").

    dateparser reads "20-27 October" as 20 October 1927 and gives up on "20 to 27 October".
    """
    d1, d2 = _day_number(match["d1"] or match["d1b"]), _day_number(match["d2"] or match["d2b"])
    month = _month_number(match["m"] or match["mb"])
    written = match["y"] or match["yb"]
    year = int(written) if written else _year_for_day(month, d1, ctx)
    if year is None or d2 < d1:
        return UNRESOLVED
    start, end = _safe_date(year, month, d1), _safe_date(year, month, d2)
    return Resolution(start, end, "days", True) if start and end else UNRESOLVED


@rule(
    "day and month",
    rf"(?:the )?(?P<d>{_DAY}) (?:of )?(?P<m>{_MONTH})(?:,? (?P<y>{_YEAR}))?"
    rf"|(?P<mb>{_MONTH}) (?:the )?(?P<db>{_DAY})(?:,? (?P<yb>{_YEAR}))?",
)
def _day_and_month(match: re.Match[str], ctx: _Context) -> Resolution:
    """"3 November 2024", "November 3", "the 3rd of November": one day; a missing year comes from the
    publication date and the tense."""
    day, month = _day_number(match["d"] or match["db"]), _month_number(match["m"] or match["mb"])
    written = match["y"] or match["yb"]
    year = int(written) if written else _year_for_day(month, day, ctx)
    value = _safe_date(year, month, day) if year is not None else None
    return _day(value) if value else UNRESOLVED


_PART_OF_PERIOD = r"(?:(?P<part>early|mid|middle of|late|end of|the end of|start of|the start of|beginning of" \
                  r"|the beginning of)[- ]?)?"


@rule("month and year", rf"{_PART_OF_PERIOD}(?P<m>{_MONTH}),? (?P<y>{_YEAR})")
def _month_and_year(match: re.Match[str], ctx: _Context) -> Resolution:
    """"February 2022": the month; "early/mid/late" keep the month and mark it approximate."""
    return _month_range(int(match["y"]), _month_number(match["m"]), approximate=bool(match["part"]))


@rule("month of a named year", rf"{_PART_OF_PERIOD}(?P<m>{_MONTH}) (?:of )?(?P<which>last|this|next) year")
def _month_of_named_year(match: re.Match[str], ctx: _Context) -> Resolution:
    """"in September last year", "March next year": the month in the year named relative to publication."""
    if ctx.anchor is None:
        return UNRESOLVED
    year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[match["which"]]
    return _month_range(year, _month_number(match["m"]), approximate=bool(match["part"]))


@rule("last or next month name", rf"(?P<which>last|this past|next|this coming) (?P<m>{_MONTH})")
def _last_month_name(match: re.Match[str], ctx: _Context) -> Resolution:
    """"last March": the latest March before publication's month; "next March" the first after it."""
    if ctx.anchor is None:
        return UNRESOLVED
    month = _month_number(match["m"])
    if match["which"] in ("last", "this past"):
        year = ctx.anchor.year if month < ctx.anchor.month else ctx.anchor.year - 1
    else:
        year = ctx.anchor.year if month > ctx.anchor.month else ctx.anchor.year + 1
    return _month_range(year, month)


@rule("holiday", "(?P<h>" + "|".join(re.escape(name) for name in HOLIDAYS) + r")(?: (?P<y>" + _YEAR + "))?")
def _holiday(match: re.Match[str], ctx: _Context) -> Resolution:
    """"on New Year's Eve": that day, its year chosen like any day written without one."""
    month, day = HOLIDAYS[match["h"]]
    year = int(match["y"]) if match["y"] else _year_for_day(month, day, ctx)
    return UNRESOLVED if year is None else _day(date(year, month, day))


@rule("month", rf"{_PART_OF_PERIOD}(?P<m>{_MONTH})")
def _month(match: re.Match[str], ctx: _Context) -> Resolution:
    """"in October", "mid-October": a month, its year from publication (see `_year_for_month`).

    dateparser makes "October" the 3rd of October (the publication's day of month) and cannot read
    "mid-October" at all.
    """
    month = _month_number(match["m"])
    year = _year_for_month(month, ctx)
    return UNRESOLVED if year is None else _month_range(year, month, approximate=bool(match["part"]))


def _named_year(written: str | None, which: str | None, ctx: _Context) -> int | None:
    """The year a phrase names: written ("2024"), or "the/this/last/next year" from publication (None without it)."""
    if written:
        return int(written)
    if ctx.anchor is None or which is None:
        return None
    return ctx.anchor.year + {"the": 0, "this": 0, "last": -1, "next": 1}[which]


@rule(
    "part of a year",
    r"(?:the )?(?P<which>first|second|last|latter) (?P<part>half|six months|three months|nine months|quarter) of "
    r"(?:(?P<rel>the|this|last|next) year|(?P<y>" + _YEAR + "))",
)
def _part_of_year(match: re.Match[str], ctx: _Context) -> Resolution:
    """"the first half of this year", "the last three months of 2024": that run of months ("days", from its first
    day to its last). A toll told over it is a running total, never one incident's."""
    year = _named_year(match["y"], match["rel"], ctx)
    if year is None:
        return UNRESOLVED
    months = {"half": 6, "six months": 6, "three months": 3, "nine months": 9, "quarter": 3}[match["part"]]
    first = 1 if match["which"] == "first" else 13 - months
    last = first + months - 1
    return Resolution(date(year, first, 1), _month_range(year, last).end, "days", True, False)


@rule(
    "edge of a year",
    r"(?:the )?(?P<edge>start|beginning|end|turn) of (?:(?P<which>the|this|last|next) year|(?P<y>" + _YEAR + "))",
)
def _edge_of_year(match: re.Match[str], ctx: _Context) -> Resolution:
    """"the start of the year", "the end of 2023": January or December of that year, approximate.

    "the year" is the publication's year (news uses it so); "the turn of the year" is January.
    """
    year = _named_year(match["y"], match["which"], ctx)
    if year is None:
        return UNRESOLVED
    return _month_range(year, 12 if match["edge"] == "end" else 1, approximate=True)


@rule("year", rf"{_PART_OF_PERIOD}(?P<y>{_YEAR})")
def _year(match: re.Match[str], ctx: _Context) -> Resolution:
    """"in 2022", "early 2022": a year (dateparser invents 3 November 2022 from the publication day)."""
    return _year_range(int(match["y"]), approximate=bool(match["part"]))


@rule("decade", rf"(?:the )?{_PART_OF_PERIOD}(?P<y>(?:1[89]|20)\d)0'?s")
def _decade(match: re.Match[str], ctx: _Context) -> Resolution:
    """"the 1990s": ten years, precision "year" and approximate (the schema has no decade).

    dateparser reads "the 1990s" as 1990 seconds before publication.
    """
    first = int(match["y"]) * 10
    return Resolution(date(first, 1, 1), date(first + 9, 12, 31), "year", True, True)


@rule(
    "same day",
    rf"today|tonight|this (?:{_PART})|(?:earlier|later) (?:today|on|in the day|this (?:{_PART}))"
    rf"|(?:today|tonight)'s|today (?:{_PART})",
)
def _same_day(match: re.Match[str], ctx: _Context) -> Resolution:
    """"today", "this morning", "earlier in the day": the publication day."""
    return _day(ctx.anchor) if ctx.anchor else UNRESOLVED


@rule("overnight", r"(?:late |last )?overnight")
def _overnight(match: re.Match[str], ctx: _Context) -> Resolution:
    """"overnight": the publication day - the small hours before the report are dated by its morning."""
    return _day(ctx.anchor) if ctx.anchor else UNRESOLVED


@rule(
    "day before or after",
    rf"(?P<which>yesterday|tomorrow|last night|the day before yesterday|the day after tomorrow)"
    rf"(?: (?:{_PART}))?|(?P<which2>yesterday|tomorrow)'s",
)
def _adjacent_day(match: re.Match[str], ctx: _Context) -> Resolution:
    """"yesterday", "last night" (the evening before), "tomorrow": a day's offset from publication."""
    if ctx.anchor is None:
        return UNRESOLVED
    which = match["which"] or match["which2"]
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}[which]
    return _day(ctx.anchor + timedelta(days=offset))


@rule("weekday", rf"(?P<which>last|this|next|past|coming|this coming|this past)? ?(?P<w>{_WEEKDAY})(?: (?:{_PART}))?")
def _weekday(match: re.Match[str], ctx: _Context) -> Resolution:
    """A weekday: see the module docstring. "last"/"past" force the past, "next"/"coming" the future.

    dateparser (PREFER_DATES_FROM past) takes "Sunday" published on a Sunday to be a week earlier.
    """
    if ctx.anchor is None:
        return UNRESOLVED
    which = match["which"] or ""
    weekday = _weekday_number(match["w"])
    future = "next" in which or "coming" in which or (ctx.tense == "future" and not which.endswith(("last", "past")))
    strict = which in ("last", "next")
    if future:
        delta = (weekday - ctx.anchor.weekday()) % 7
        delta = 7 if strict and delta == 0 else delta
        return _day(ctx.anchor + timedelta(days=delta))
    delta = (ctx.anchor.weekday() - weekday) % 7
    delta = 7 if strict and delta == 0 else delta
    return _day(ctx.anchor - timedelta(days=delta))


@rule("weekend", r"(?P<which>last|this|next|the|this past|this coming|the past)? ?weekend")
def _weekend(match: re.Match[str], ctx: _Context) -> Resolution:
    """"over the weekend": the most recent Saturday-Sunday on or before publication ("days");
    "last weekend" the one before the weekend publication falls in; "next weekend" the next one after it."""
    if ctx.anchor is None:
        return UNRESOLVED
    which = match["which"] or ""
    anchor = ctx.anchor
    if which in ("next", "this coming") or (ctx.tense == "future" and which in ("", "the", "this")):
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
        if which == "next" and anchor.weekday() >= 5:
            saturday += timedelta(days=7)
    else:
        saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
        if which in ("last", "this past", "the past") and anchor.weekday() >= 5:
            saturday -= timedelta(days=7)
    return Resolution(saturday, saturday + timedelta(days=1), "days", True)


@rule("ago", rf"(?P<n>{_NUMBER}) (?P<unit>{_UNIT})s? ago")
def _ago(match: re.Match[str], ctx: _Context) -> Resolution:
    """"two days ago": that day; weeks ago approximate; months and years ago name a month or year.

    Hours ago use the publication time when it is known ("48 hours ago" at 09:00 is two days before).
    """
    if ctx.anchor is None:
        return UNRESOLVED
    count, vague = _count(match["n"])
    unit = match["unit"]
    if unit == "hour":
        moment = ctx.moment or datetime.combine(ctx.anchor, datetime.min.time()).replace(hour=12)
        return _day((moment - timedelta(hours=count)).date(), approximate=vague or ctx.moment is None)
    if unit in ("day", "night"):
        return _day(ctx.anchor - timedelta(days=count), approximate=vague)
    if unit in ("week", "fortnight"):
        days = count * (14 if unit == "fortnight" else 7)
        return _day(ctx.anchor - timedelta(days=days), approximate=True)
    if unit == "month":
        first = _shift_months(ctx.anchor, -count)
        return _month_range(first.year, first.month, approximate=vague)
    return _year_range(ctx.anchor.year - count, approximate=vague)


@rule(
    "recent span",
    rf"(?:the (?:past|last)|past) (?:(?P<n>{_NUMBER}) )?(?P<unit>{_UNIT})s?"
    rf"|last (?P<n2>{_NUMBER}) (?P<unit2>{_UNIT})s?|(?:in )?recent (?P<recent>days|weeks)",
)
def _recent_span(match: re.Match[str], ctx: _Context) -> Resolution:
    """"the past 24 hours", "the last two weeks", "past few days": the days up to publication ("days").

    Without a count the phrase must say "the past/last" or "past": bare "last week" is the calendar
    week (the calendar rule), "the last week" the seven days before publication.
    """
    if ctx.anchor is None:
        return UNRESOLVED
    if match["recent"]:
        return Resolution(ctx.anchor - timedelta(days=7 if match["recent"] == "days" else 28), ctx.anchor,
                          "days", True, True)
    written = match["n"] or match["n2"]
    count, vague = _count(written) if written else (1, False)
    unit = match["unit"] or match["unit2"]
    if unit == "hour":
        days = max(1, -(-count // 24))
    elif unit in ("month", "year"):
        start = _months_before(ctx.anchor, count * (12 if unit == "year" else 1))
        return Resolution(start, ctx.anchor, "days", True, vague)
    else:
        days = count * {"day": 1, "night": 1, "week": 7, "fortnight": 14}[unit]
    return Resolution(ctx.anchor - timedelta(days=days), ctx.anchor, "days", True, vague)


@rule(
    "calendar period",
    r"(?P<which>last|this|next|earlier this|later this|the current|the coming|this coming|this past)"
    r" (?P<unit>week|month|year)",
)
def _calendar_period(match: re.Match[str], ctx: _Context) -> Resolution:
    """"last week", "this month", "earlier this week", "next year": calendar periods (weeks Monday-Sunday).

    dateparser gives "last week" as the single day a week before and cannot read "earlier this week".
    "this ..." is clipped at publication in the past tense (what happened this week happened by now).
    """
    if ctx.anchor is None:
        return UNRESOLVED
    which, unit, anchor = match["which"], match["unit"], ctx.anchor
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        start, end, precision = monday, monday + timedelta(days=6), "week"
        step = timedelta(days=7)
    elif unit == "month":
        start = anchor.replace(day=1)
        end = _shift_months(anchor, 1) - timedelta(days=1)
        precision, step = "month", None
    else:
        start, end, precision, step = date(anchor.year, 1, 1), date(anchor.year, 12, 31), "year", None
    if which in ("last", "this past"):
        if unit == "week":
            return Resolution(start - step, end - step, precision, True)
        if unit == "month":
            first = _shift_months(anchor, -1)
            return _month_range(first.year, first.month)
        return _year_range(anchor.year - 1)
    if which in ("next", "the coming", "this coming"):
        if unit == "week":
            return Resolution(start + step, end + step, precision, True)
        if unit == "month":
            first = _shift_months(anchor, 1)
            return _month_range(first.year, first.month)
        return _year_range(anchor.year + 1)
    if which == "earlier this":
        return Resolution(start, max(start, anchor - timedelta(days=1)), precision, True)
    if which == "later this":
        return Resolution(min(end, anchor + timedelta(days=1)), end, precision, True)
    if ctx.tense == "past":
        return Resolution(start, anchor, precision, True)
    return Resolution(anchor, end, precision, True)


@rule(
    "season",
    rf"(?P<which>last|this|next|this past|this coming|the)? ?(?:(?P<part>early|mid|late)[- ]?)?"
    rf"(?P<s>spring|summer|autumn|fall|winter)(?: (?:of )?(?P<y>{_YEAR}))?",
)
def _season(match: re.Match[str], ctx: _Context) -> Resolution:
    """"next summer", "last winter", "summer 2023": three months, precision "month", always approximate.

    "next summer" is the first one starting after publication, "last winter" the latest one ended
    before it; a bare season is the latest started (past) or the first not over (future).
    """
    first_month = SEASONS[match["s"]]

    def season(year: int) -> tuple[date, date]:
        start = date(year, first_month, 1)
        last = _shift_months(start, 3) - timedelta(days=1)
        return start, last

    if match["y"]:
        start, end = season(int(match["y"]))
        return Resolution(start, end, "month", True, True)
    if ctx.anchor is None:
        return UNRESOLVED
    which = match["which"] or ""
    candidates = [season(year) for year in range(ctx.anchor.year - 2, ctx.anchor.year + 2)]
    if which in ("next", "this coming") or (ctx.tense == "future" and which in ("", "the", "this")):
        pool = [c for c in candidates if (c[0] > ctx.anchor if which == "next" else c[1] >= ctx.anchor)]
        start, end = pool[0]
    elif which in ("last", "this past"):
        start, end = [c for c in candidates if c[1] < ctx.anchor][-1]
    else:
        start, end = [c for c in candidates if c[0] <= ctx.anchor][-1]
    return Resolution(start, end, "month", True, True)


@rule("time of day", rf"(?:the )?(?:(?:early|late|mid) ?-?)?(?:{_PART}|dawn|dusk|daybreak|noon|midday|midnight)")
def _time_of_day(match: re.Match[str], ctx: _Context) -> Resolution:
    """"in the late afternoon" with no day named: assume the publication day, approximate."""
    return _day(ctx.anchor, approximate=True) if ctx.anchor else UNRESOLVED


@rule(
    "anaphoric",
    rf"(?:the )?(?:next|following|previous|preceding|same|prior) (?:day|week|month|year|{_PART})"
    rf"|that (?:day|week|month|year|{_PART}|weekend)|(?:the )?(?:day|week|month|year) (?:before|after|earlier|later)"
    rf"|(?:{_NUMBER}) (?:{_UNIT})s? (?:later|earlier|after|before|afterwards|previously)"
    r"|the (?:day|week|month|year|time)|then|at the time|(?:an)?other (?:day|night|week)",
)
def _anaphoric(match: re.Match[str], ctx: _Context) -> Resolution:
    """"the next day", "two days later", "the month": relative to another event, not to publication.

    Left unresolved (a later stage may anchor them on the event they follow); dateparser would read
    some of them ("a week") as offsets from publication.
    """
    return UNRESOLVED


# -- dateparser fallback ----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _dateparser(anchor: date | None, tense: Tense) -> DateDataParser:
    """One parser per anchor and tense (building one costs about half a millisecond)."""
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past" if tense == "past" else "future",
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime.combine(anchor, datetime.min.time()).replace(hour=12)
    return DateDataParser(languages=["en"], settings=settings)


def _with_dateparser(text: str, ctx: _Context) -> Resolution:
    """The long tail of formats, through dateparser, its `period` giving the precision.

    Without an anchor only phrases with a written year are tried (dateparser would otherwise resolve
    against today's date). A result whose year is not the one written, or that lies far from the
    anchor, is a misreading ("20-27 October" -> 1927) and is rejected.
    """
    written_year = re.search(rf"\b{_YEAR}\b", text)
    if ctx.anchor is None and not written_year:
        return UNRESOLVED
    try:
        data = _dateparser(ctx.anchor, ctx.tense).get_date_data(text)
    except (ValueError, OverflowError):
        return UNRESOLVED
    if data is None or data.date_obj is None:
        return UNRESOLVED
    found = data.date_obj.date()
    if written_year and found.year != int(written_year.group()):
        return UNRESOLVED
    if ctx.anchor is not None and not written_year and abs(found.year - ctx.anchor.year) > 5:
        return UNRESOLVED
    period = data.period or "day"
    if period == "year":
        return _year_range(found.year)
    if period == "month":
        return _month_range(found.year, found.month)
    if period == "week":
        return _week_of(found)
    return _day(found)


# -- resolve_phrase ---------------------------------------------------------------------------------


def _context(published: datetime | date | None, tense: str) -> _Context:
    if tense not in ("past", "future"):
        raise ValueError(f"tense must be 'past' or 'future', not {tense!r}")
    if isinstance(published, datetime):
        return _Context(published.date(), published, tense)  # local date as written, see module docstring
    return _Context(published, None, tense)


def _apply_rules(text: str, ctx: _Context) -> Resolution | None:
    """The first rule whose pattern matches the whole phrase, or None when none does."""
    for candidate in RULES:
        match = candidate.pattern.fullmatch(text)
        if match:
            return candidate.handler(match, ctx)
    return None


# Two days joined by "and" at most this far apart are one stretch ("Saturday and Sunday"); further
# apart they are a list ("3 May and 4 November"), which one TimeRef cannot hold.
PAIR_MAX_GAP_DAYS = 7


def _resolve_months(text: str, ctx: _Context) -> Resolution | None:
    """"January to March" (normalised from "between January and March", "from January to March"): the days from the
    first month's first to the last month's last, the later month dated as a month alone is, the earlier before it."""
    match = re.fullmatch(rf"({_MONTH}) to ({_MONTH})( \d{{4}})?", text)
    if match is None:
        return None
    last = _resolve_text(match.group(2) + (match.group(3) or ""), ctx)
    if not last.resolved or last.start is None or last.end is None:
        return None
    first = _resolve_text(f"{match.group(1)} {last.start.year}", ctx)
    if not first.resolved or first.start is None:
        return None
    start = first.start if first.start <= last.start else first.start.replace(year=first.start.year - 1)
    return Resolution(start, last.end, "days", True, False)


_PAIR_JOINT = re.compile(r" (?:and|to|through|until|till) | ?[-\u2013] ?")


def _resolve_pair(text: str, ctx: _Context) -> Resolution | None:
    """"Saturday and Sunday", "1 and 2 November", "Monday to Wednesday": two resolvable halves make one range of days.

    Halves further apart than PAIR_MAX_GAP_DAYS are a list: unresolved here (`find_time_expressions`
    splits such lists into one TimeRef each).
    """
    halves = _PAIR_JOINT.split(text, maxsplit=1)
    if len(halves) < 2:
        return None
    left, right = halves
    if re.fullmatch(_DAY, left) and (month := re.search(rf"{_MONTH}.*$", right)):
        left = f"{left} {month.group()}"
    first, second = _resolve_text(left, ctx), _resolve_text(right, ctx)
    if not (first.resolved and second.resolved) or first.start is None or second.end is None:
        return None
    start, end = min(first.start, second.start), max(first.end, second.end)
    if max(first.start, second.start) - min(first.end, second.end) > timedelta(days=PAIR_MAX_GAP_DAYS):
        return UNRESOLVED
    return Resolution(start, end, "day" if start == end else "days", True, first.approximate or second.approximate)


def _resolve_text(text: str, ctx: _Context) -> Resolution:
    resolution = _apply_rules(text, ctx)
    if resolution is not None:
        return resolution
    if (months := _resolve_months(text, ctx)) is not None:
        return months
    if (pair := _resolve_pair(text, ctx)) is not None:
        return pair
    return _with_dateparser(text, ctx)


def resolve_phrase(
    phrase: str, published: datetime | date | None, tense: str = "past"
) -> Resolution:
    """Resolve a time phrase against a publication date: (start, end, precision, resolved, approximate).

    `precision` is day, days (a multi-day range), week, month, year or unknown; `start`/`end` are
    inclusive. `tense` is "past" (the default: news reports what happened) or "future" for a sentence
    about what will happen ("talks will resume on Monday"). Unresolved phrases, and ages and durations
    (see `classify_phrase`), come back as (None, None, "unknown", False, False).
    """
    ctx = _context(published, tense)
    if classify_phrase(phrase) != "time":
        return UNRESOLVED
    normal = _normalise(phrase)
    if not normal.text:
        return UNRESOLVED
    resolution = _resolve_text(normal.text, ctx)
    if not resolution.resolved:
        return UNRESOLVED
    if normal.week_of and resolution.precision == "day" and resolution.start is not None:
        resolution = _week_of(resolution.start)
    if normal.since:
        approximate = resolution.approximate or normal.approximate
        return Resolution(resolution.start, None, resolution.precision, True, approximate)
    if normal.approximate:
        return resolution._replace(approximate=True)
    return resolution


# -- find_time_expressions ----------------------------------------------------------------------------

_MONTH_NAMES = sorted({*MONTHS, *(f"{name}." for name in MONTHS if len(name) <= 4)})
_FULL_MONTHS = [name for name in MONTHS if len(name) > 4 or name in ("may", "june", "july")]
_FULL_WEEKDAYS = [name for name in WEEKDAYS if name.endswith("day")]
_UNITS = ["hour", "hours", "day", "days", "night", "nights", "week", "weeks", "fortnight", "month", "months",
          "year", "years"]

# Month names as news writes them, capitalised: "3 may" in "those 3 may have died" is not a date.
_CAPITALISED = r"^(?:[A-Z][a-z]*|[A-Z]+)\.?$"
_T_MONTH = {"LOWER": {"IN": _MONTH_NAMES}, "TEXT": {"REGEX": _CAPITALISED}}
_T_FULL_MONTH = {"LOWER": {"IN": _FULL_MONTHS}, "TEXT": {"REGEX": _CAPITALISED}}
_T_DAY = {"TEXT": {"REGEX": r"^\d{1,2}(?:st|nd|rd|th)?$"}}
_T_DAY_RANGE = {"TEXT": {"REGEX": r"^\d{1,2}(?:st|nd|rd|th)?[-\u2013\u2014]\d{1,2}(?:st|nd|rd|th)?$"}}
_T_DASH = {"LOWER": {"IN": ["-", "\u2013", "\u2014", "to", "until", "till", "through"]}}
_T_YEAR = {"TEXT": {"REGEX": r"^(?:1[89]|20)\d\d$"}}
_T_OPT_YEAR = {**_T_YEAR, "OP": "?"}
_T_WEEKDAY = {"LOWER": {"IN": _FULL_WEEKDAYS}}
_T_PART_OF_DAY = {"LOWER": {"IN": list(PARTS_OF_DAY)}}
_T_COUNT = {"LOWER": {"REGEX": r"^(?:\d+|a|an|" + "|".join(NUMBER_WORDS) + r"|few|several)$"}}
_T_UNIT = {"LOWER": {"IN": _UNITS}}

# Written dates; each family also forms "since ..." and "the week of ..." patterns (see `_matcher`).
_DATE_PATTERNS: dict[str, list[list[dict]]] = {
    "DAY_RANGE": [
        [_T_DAY, _T_DASH, _T_DAY, {"LOWER": "of", "OP": "?"}, _T_MONTH, _T_OPT_YEAR],
        [_T_DAY_RANGE, {"LOWER": "of", "OP": "?"}, _T_MONTH, _T_OPT_YEAR],
        [_T_MONTH, _T_DAY, _T_DASH, _T_DAY, {"ORTH": ",", "OP": "?"}, _T_YEAR],
        [_T_MONTH, _T_DAY, _T_DASH, _T_DAY],
        [_T_MONTH, _T_DAY_RANGE, _T_OPT_YEAR],
        [_T_DAY, _T_MONTH, _T_DASH, _T_DAY, _T_MONTH, _T_OPT_YEAR],
        [{"LOWER": "between"}, _T_DAY, {"LOWER": "and"}, _T_DAY, _T_MONTH, _T_OPT_YEAR],
    ],
    "DAY_MONTH": [
        [_T_DAY, {"LOWER": "of", "OP": "?"}, _T_MONTH, _T_OPT_YEAR],
        [_T_MONTH, _T_DAY, {"ORTH": ","}, _T_YEAR],
        [_T_MONTH, _T_DAY],
    ],
    "PART_OF_MONTH": [
        [{"LOWER": {"IN": ["early", "mid", "late"]}}, {"ORTH": "-", "OP": "?"}, _T_FULL_MONTH, _T_OPT_YEAR],
        [{"LOWER": {"IN": ["early", "mid", "late"]}}, {"ORTH": "-", "OP": "?"}, _T_YEAR],
    ],
    "MONTH_YEAR": [[_T_MONTH, _T_YEAR]],
    # "on Tuesday and Wednesday": the small model makes two entities of one stretch of days
    "WEEKDAY_PAIR": [[_T_WEEKDAY, {"LOWER": {"IN": ["and", "-", "\u2013", "to", "until", "till", "through"]}},
                      _T_WEEKDAY]],
    "WEEKDAY": [
        [{"LOWER": {"IN": ["last", "this", "next", "past"]}, "OP": "?"}, _T_WEEKDAY, {**_T_PART_OF_DAY, "OP": "?"}],
        [{"LOWER": {"IN": list(FEAST_QUALIFIERS)}}, _T_WEEKDAY, {**_T_PART_OF_DAY, "OP": "?"}],
    ],
}
# Relative phrases the small model often misses or cuts short.
_RELATIVE_PATTERNS: dict[str, list[list[dict]]] = {
    "OVERNIGHT": [[{"LOWER": "overnight"}]],
    "SAME_DAY": [
        [{"LOWER": {"IN": ["today", "tonight", "yesterday", "tomorrow"]}}],
        [{"LOWER": "last"}, {"LOWER": "night"}],
        [{"LOWER": "this"}, _T_PART_OF_DAY],
        [{"LOWER": {"IN": ["earlier", "later"]}}, {"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": "day"}],
        [{"LOWER": {"IN": ["earlier", "later"]}}, {"LOWER": "today"}],
    ],
    "CALENDAR": [
        [{"LOWER": {"IN": ["earlier", "later"]}, "OP": "?"}, {"LOWER": {"IN": ["this", "last", "next"]}},
         {"LOWER": {"IN": ["week", "month", "year", "weekend"]}}],
        [{"LOWER": "the"}, {"LOWER": "weekend"}],
    ],
    "AGO": [
        [_T_COUNT, _T_UNIT, {"LOWER": "ago"}],
        [{"LOWER": "a"}, {"LOWER": {"IN": ["few", "couple"]}}, {"LOWER": "of", "OP": "?"}, _T_UNIT, {"LOWER": "ago"}],
    ],
    "RECENT": [
        [{"LOWER": "the", "OP": "?"}, {"LOWER": {"IN": ["past", "last"]}}, {**_T_COUNT, "OP": "?"}, _T_UNIT],
        [{"LOWER": "recent"}, {"LOWER": {"IN": ["days", "weeks"]}}],
    ],
}


def _prefixed(prefix: list[dict], families: Iterable[str]) -> list[list[dict]]:
    return [prefix + pattern for family in families for pattern in _DATE_PATTERNS[family]]


_MATCHERS: dict[int, Matcher] = {}


def _all_patterns() -> dict[str, list[list[dict]]]:
    """The patterns above, plus "since X" and "the week of X"."""
    return {
        **_DATE_PATTERNS, **_RELATIVE_PATTERNS,
        "SINCE": _prefixed([{"LOWER": "since"}], _DATE_PATTERNS) + [[{"LOWER": "since"}, _T_YEAR]],
        "WEEK_OF": _prefixed([{"LOWER": "the"}, {"LOWER": "week"}, {"LOWER": {"IN": ["of", "beginning"]}}],
                             ["DAY_RANGE", "DAY_MONTH"]),
    }


def _matcher(vocab: Vocab) -> Matcher:
    """The Matcher for one vocabulary (built once)."""
    if id(vocab) in _MATCHERS:
        return _MATCHERS[id(vocab)]
    matcher = Matcher(vocab)
    for name, patterns in _all_patterns().items():
        matcher.add(name, patterns)
    _MATCHERS[id(vocab)] = matcher
    return matcher


_ANCHOR_MEMO = 100_000  # token texts whose answer `_Anchors.positions` keeps


class _Anchors:
    """The words a time phrase cannot lack: of each pattern, its last token that is not optional (a month, a
    weekday, a number, "ago", "weekend", ...), and how far a match reaches before and after it.

    Why: the Matcher tries every pattern at every token, its word lists and regular expressions as Python calls,
    and was a tenth of the time spent reading a document beyond spaCy. Every match holds its pattern's last
    required token, so it lies within `before` tokens before and `after` tokens after an anchor; `_matches` runs
    the Matcher on those stretches only, and finds exactly the matches it finds on the whole text. An anchor is
    tested by the first of its token's conditions alone (a month's lower-case form, not its capital too): a wider
    net, never a narrower one.
    """

    def __init__(self, patterns: Iterable[list[dict]]) -> None:
        self.lower: set[str] = set()
        self.text: set[str] = set()
        lower_res: list[str] = []
        text_res: list[str] = []
        self.before = self.after = 0
        self._known: dict[int, bool] = {}  # a token text's hash -> whether it may be an anchor
        for pattern in patterns:
            if any(token.get("OP") not in (None, "?") for token in pattern):
                raise ValueError(f"unbounded or negated token in a time pattern: {pattern}")
            position = max(n for n, token in enumerate(pattern) if "OP" not in token)
            self.before, self.after = max(self.before, position), max(self.after, len(pattern) - 1 - position)
            anchor = pattern[position]
            attr = next(attr for attr in ("LOWER", "ORTH", "TEXT") if attr in anchor)
            words, res = (self.lower, lower_res) if attr == "LOWER" else (self.text, text_res)
            value = anchor[attr]
            if isinstance(value, str):
                words.add(value)
            elif set(value) == {"IN"}:
                words.update(value["IN"])
            elif set(value) == {"REGEX"}:
                res.append(value["REGEX"])
            else:
                raise ValueError(f"unsupported anchor in a time pattern: {anchor}")
        self.lower_re = re.compile("|".join(f"(?:{r})" for r in dict.fromkeys(lower_res))) if lower_res else None
        self.text_re = re.compile("|".join(f"(?:{r})" for r in dict.fromkeys(text_res))) if text_res else None

    def __call__(self, token: Token) -> bool:
        """Whether the token may be the anchor of some pattern (the Matcher's REGEX is a `search`, so is this)."""
        return self._words(token.lower_, token.text)

    def _words(self, lower: str, text: str) -> bool:
        return lower in self.lower or text in self.text or bool(self.lower_re and self.lower_re.search(lower)) \
            or bool(self.text_re and self.text_re.search(text))

    def positions(self, doc: Doc) -> list[int]:
        """The indices of the tokens of `doc` that may be anchors, as `__call__` says of each.

        Read by the hash of each token's text (its lower-case form is its lexeme's, so the answer is the text's),
        and remembered by it: making a Python object of every token to ask was a third of the cost of finding the
        time phrases of a post."""
        strings = doc.vocab.strings
        known = self._known
        found = []
        for i, (text, lower) in enumerate(doc.to_array([ORTH, LOWER]).tolist()):
            hit = known.get(text)
            if hit is None:
                if len(known) >= _ANCHOR_MEMO:
                    known.clear()  # a long run's memory stays bounded
                hit = known[text] = self._words(strings[lower], strings[text])
            if hit:
                found.append(i)
        return found


_ANCHORS = _Anchors(pattern for patterns in _all_patterns().values() for pattern in patterns)


def _matches(doc: Doc) -> list[tuple[int, int, int]]:
    """The Matcher's (id, start, end) on `doc`, found on the stretches around anchors (`_Anchors`)."""
    matcher = _matcher(doc.vocab)
    stretches: list[list[int]] = []
    for i in _ANCHORS.positions(doc):
        start, end = max(0, i - _ANCHORS.before), min(len(doc), i + _ANCHORS.after + 1)
        if stretches and start <= stretches[-1][1]:
            stretches[-1][1] = end
        else:
            stretches.append([start, end])
    return [(key, start + s, start + e) for start, end in stretches for key, s, e in matcher(doc[start:end])]


_LONE_WEEKDAY = re.compile(rf"{_WEEKDAY}(?: (?:{_PART}))?")


def _split_list(span: SpacySpan, published: datetime | date | None) -> list[SpacySpan]:
    """A list of dates spaCy took as one entity ("3 May and 4 November") as one span per date.

    Split at "and" and commas only when every part is a time on its own ("between 20 and 27
    October" and "1 and 2 November" stay whole); without a publication date a part counts when it
    has a time word, so the spans do not depend on whether a date is known.
    """
    cuts = [token.i for token in span if token.lower_ in ("and", ",")]
    if not cuts or span[0].lower_ == "between":
        return [span]
    parts, start = [], span.start
    for cut in [*cuts, span.end]:
        if cut > start:
            parts.append(span.doc[start:cut])
        start = cut + 1
    if len(parts) < 2 or all(_LONE_WEEKDAY.fullmatch(part.text.lower()) for part in parts):
        return [span]  # "Saturday and Sunday": days of one week are one stretch, which `resolve_phrase` reads
    for part in parts:
        if classify_phrase(part.text) != "time" or not TIME_WORD.search(part.text) or re.fullmatch(r"\d+", part.text):
            return [span]
        if published is not None and not resolve_phrase(part.text, published).resolved:
            return [span]
    return parts


def _candidates(doc: Doc) -> list[SpacySpan]:
    """spaCy's DATE/TIME entities and our Matcher's spans, overlaps settled for the longest.

    A spaCy entity that is only part of a longer match ("the week" of "the week of 3-9 March",
    "February 2022" of "since February 2022") gives way to it.
    """
    spans = [ent for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
    spans += [doc[start:end] for _, start, end in _matches(doc)]
    return sorted(filter_spans(spans), key=lambda span: span.start)


_FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo", "gon"}
_FUTURE_GOVERNORS = {"plan", "expect", "schedule", "slate", "due", "set", "intend", "prepare", "hope", "aim"}
_FUTURE_WORDS = {"next", "coming", "upcoming", "tomorrow"}


def infer_tense(span: SpacySpan) -> Tense:
    """Whether the clause a time phrase belongs to is about the future.

    Future when the phrase says so ("next", "coming"), when its verb has "will"/"shall", when the verb
    depends on "is due/set/expected/planning to", or when it is a present "is scheduled/expected/due".
    Everything else is past, which with the same-weekday rule also reads a present-tense "Moldovans
    vote on Sunday" on a Sunday correctly.
    """
    if any(token.lower_ in _FUTURE_WORDS for token in span):
        return "future"
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return "past"
    if any(child.dep_ == "aux" and child.lower_ in _FUTURE_AUXILIARIES for child in verb.children):
        return "future"
    if verb.dep_ == "xcomp" and (verb.head.lemma_ in _FUTURE_GOVERNORS
                                 or (verb.head.lemma_ == "go" and verb.head.tag_ == "VBG")):
        return "future" if verb.head.tag_ not in ("VBD",) else "past"
    present = any(child.dep_ in ("aux", "auxpass") and child.tag_ in ("VBZ", "VBP") for child in verb.children)
    if present and verb.lemma_ in _FUTURE_GOVERNORS:  # "talks are scheduled for Monday"
        return "future"
    if verb.tag_ in ("VBZ", "VBP") and any(child.lemma_ == "due" for child in verb.children):  # "is due on Monday"
        return "future"
    return "past"


def find_time_expressions(
    doc: Doc, base: int, published: datetime | date | None, post_index: int | None = None
) -> list[TimeRef]:
    """The time phrases in `doc`, a parse of the cleaned text from character `base` on, resolved.

    Spans are document offsets (`base + token.idx`). Ages and durations are dropped (they say how old
    or how long, not when); spaCy entities with no time word at all are dropped as noise; a list
    spaCy took as one entity ("3 May and 4 November") gives one TimeRef per date; a phrase
    that is a time but cannot be resolved (anaphoric "the next day", or any relative phrase when
    `published` is None) is kept with resolved=False and precision "unknown".
    """
    refs: list[TimeRef] = []
    for span in (part for candidate in _candidates(doc) for part in _split_list(candidate, published)):
        text = span.text
        if classify_phrase(text) != "time" or not TIME_WORD.search(text):
            continue
        start, end, precision, resolved, approximate = resolve_phrase(text, published, tense=infer_tense(span))
        refs.append(TimeRef(
            span=Span(base + span.start_char, base + span.end_char, text),
            start=start,
            end=end,
            precision=precision,
            resolved=resolved,
            approximate=approximate,
            post_index=post_index,
        ))
    return refs
