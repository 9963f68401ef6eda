"""The shape of a wire dateline written in title case ("Goma, 22 September 2025 - ", "Kismaayo (Garowe Online) – ",
"Kano, Nigeria, Nov. 17 (Premium Times) -- ").

A dateline in capitals ("GOMA, Congo (Reuters) - ") is told by its capitals. One in title case looks like a headline
that opens with a place ("Kenya: Police fire tear gas", "Russia - Ukraine war"), so it counts as a dateline only with
what headlines do not have: an agency in brackets or a month, before the dash that closes it. The sentence splitter,
the story's dateline place and the place mentions all read it the same way, from here.
"""

from __future__ import annotations

import re

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_WORD = re.compile(rf"^{_MONTH}$", re.IGNORECASE)
_MONTH_IN = re.compile(rf"(?<![\w]){_MONTH}(?=[\s,])", re.IGNORECASE)
# A place in title case (its first word has a small letter) at a line's start, an optional region, country or date
# after a comma, an optional agency in brackets, and a dash.
_TITLE_DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<place>[A-Z](?=[\w'\u2019.-]*[a-z])[\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+){0,3})"
    r"(?P<rest>(?:,[^\n()\u2013\u2014:]{1,60}?)?\s*(?P<agency>\([^)\n]{1,40}\))?\s*(?:--|[-\u2013\u2014])\s)"
)


def is_month_word(word: str) -> bool:
    """Whether a word is a month's name or its abbreviation ("Nov.", "September")."""
    return _MONTH_WORD.match(word) is not None


def title_datelines(text: str) -> list[re.Match[str]]:
    """The title-case datelines opening lines of `text` (groups: place, agency)."""
    return [m for m in _TITLE_DATELINE.finditer(text) if _a_dateline(m, text)]


def title_dateline_at_start(text: str) -> re.Match[str] | None:
    """The title-case dateline opening `text`, if it has one."""
    match = _TITLE_DATELINE.match(text)
    return match if match is not None and _a_dateline(match, text) else None


# Words a lead runs to after its dateline at the least; a headline that opens with "Place, Country - " is shorter.
LEAD_WORDS = 12


def _a_dateline(match: re.Match[str], text: str) -> bool:
    """Whether a line's opening is a dateline: an agency in brackets or a month before its dash, or a country after the
    town's comma with a lead's worth of words after it ("El Fasher, Sudan — Artillery shells fired by …")."""
    if match["agency"] or _MONTH_IN.search(match["rest"]):
        return True
    country = match["rest"].split("\n")[0].strip(" ,-\u2013\u2014\t")
    line_end = text.find("\n", match.end())
    lead = text[match.end():line_end if line_end >= 0 else len(text)]
    if not country or len(lead.split()) < LEAD_WORDS:
        return False
    from warlog.coreference import is_country_name, norm_place  # (the gazetteer's countries; imported when needed)

    return is_country_name(norm_place(country))
