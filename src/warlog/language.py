"""Is this English? A cheap check that keeps other languages out of an English pipeline.

The share of common English function words is high in any English prose and near zero in other
languages, and needs no model. Non-Latin scripts are named so the message can say what was found.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    "the of and to in a is that for on with as was by at from it be are has have had said he she they "
    "his her their this which were not but an or will been who its after would more than into over".split()
)
MIN_WORDS = 12
MIN_ENGLISH_SHARE = 0.12


# Function words of the other languages most often met in Latin script. Why: a headline-like English snippet
# ("Kurdish forces say warplanes hit YPG base ... killing several fighters") has few English function words, and
# refusing it as "not English" lost real news; a Latin-script text is refused only when another language's
# function words outnumber English ones, which in French, Spanish or German prose they do at once.
_OTHER_LATIN = frozenset(
    "le la les des du une est dans pour sur pas qui avec sont aux ces elle été "  # French
    "el los las del por una con para como pero sus fue han este esta entre "  # Spanish
    "der die das und ist nicht mit sich auf dem den ein eine wurde auch zu "  # German
    "il di che della degli nel alla sono gli questo "  # Italian
    "os em não uma com foram pelo pela seu sua "  # Portuguese
    "het een van en niet zijn wordt werd ook "  # Dutch
    .split()
) - _ENGLISH


def guess_language(text: str) -> str:
    """"en" for English, otherwise a script-based tag such as "und-Cyrl" (undetermined, Cyrillic)."""
    words = _WORD.findall(text[:20000].lower())
    if len(words) < MIN_WORDS:
        return "en" if words and all(w.isascii() for w in words) else _script_tag(words)
    english = sum(1 for w in words if w in _ENGLISH)
    if english / len(words) >= MIN_ENGLISH_SHARE:
        return "en"
    tag = _script_tag(words)
    if tag == "und-Latn" and english >= sum(1 for w in words if w in _OTHER_LATIN):
        return "en"  # Latin script with no sign of another language: terse English (headlines, captions, lists)
    return tag


def _script_tag(words: list[str]) -> str:
    counts: dict[str, int] = {}
    for word in words[:500]:
        for char in word[:3]:
            name = unicodedata.name(char, "")
            script = name.split(" ")[0].title() if name else "Unknown"
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "und"
    script = max(counts, key=counts.get)
    return "und-" + {"Latin": "Latn", "Cyrillic": "Cyrl", "Arabic": "Arab", "Hebrew": "Hebr",
                     "Cjk": "Hani", "Hangul": "Hang", "Greek": "Grek"}.get(script, script[:4])
