"""Small text helpers shared by the ledger and the event clusters.

Reconciliation works on stored records (Document + Extraction), never on a parse: it must run the
same way on a batch loaded from the store as on a fresh extraction. So sentences, places and sides
are recovered from the cleaned text and the mentions with these few, deliberately simple rules.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from warlog.coreference import norm_place
from warlog.extract import lexicon
from warlog.extract.events import belligerent_side
from warlog.schema import Document, Mention, Span
from warlog.sentences import _SENTENCE_END, sentence_bounds  # noqa: F401 - the ledger's and tests' import

PLACE_LABELS = {"GPE", "LOC", "FAC"}
SIDE_LABELS = {"GPE", "NORP", "ORG"}
COUNTRIES = set(lexicon.SIDES.values())

@lru_cache(maxsize=65536)
def country_of(text: str | None) -> str | None:
    """The country a nationality, capital or country name stands for, only when the lexicon knows it.

    Unlike `belligerent_side`, an unknown name gives None: a city or a person is not a country.
    Cached: reconciling a store asks it millions of times about a few thousand distinct names.
    """
    if not text:
        return None
    cleaned = re.sub(r"^the\s+", "", text.strip(), flags=re.I).removesuffix("'s").removesuffix("’s").strip()
    lowered = cleaned.lower()
    if lowered in lexicon.SIDES:
        return lexicon.SIDES[lowered]
    if lowered.endswith("s") and lowered[:-1] in lexicon.SIDES:  # "North Koreans", "Ukrainians"
        return lexicon.SIDES[lowered[:-1]]
    side = belligerent_side(cleaned)
    return side if side in COUNTRIES else None


def inside(span: Span, start: int, end: int) -> bool:
    return start <= span.start and span.end <= end


def day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def published_day(document: Document) -> date | None:
    return day(document.published)


def learned_containers(documents_mentions: list[tuple[str, list[Mention]]]) -> dict[str, str]:
    """Which country a sub-national place is in, as the texts themselves say it.

    "Russia's western Kursk region", "in Ukraine's Kharkiv Oblast": a country name with a possessive
    followed (within two words) by a place mention. Returns normalised place -> country. This is the
    stand-in for a gazetteer: when places carry coordinates and admin codes, pass a container function
    instead.
    """
    found: dict[str, str] = {}
    for text, mentions in documents_mentions:
        places = sorted((m for m in mentions if m.label in PLACE_LABELS | {"NORP"}), key=lambda m: m.span.start)
        for first, second in zip(places, places[1:], strict=False):
            country = country_of(first.span.text)
            if country is None or second.label == "NORP":
                continue
            between = text[first.span.end:second.span.start]
            if re.fullmatch(r"['’]s(\s+[a-z-]+){0,2}\s+", between):
                found.setdefault(norm_place(second.span.text), country)
    return found
