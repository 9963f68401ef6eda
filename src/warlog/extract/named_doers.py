"""The named group behind a described doer: "rebels burned the market" in a report that names them "EF rebels".

A report names an armed group once ("Suspected Example Front (EF) rebels raided the market") and
then tells its acts with the bare noun ("the rebels set fire to houses"); the sentence that carries the incident is
often the second kind. An analyst codes the group, as ACLED's coders do: the actor of an incident is the named
group wherever the report makes clear who the described doers are. This pass gives an event whose actor is a bare
described doer ("rebels", "the militants", "suspected gunmen") the name the report puts before that same noun
elsewhere ("EF rebels", "al-Shabaab militants"), when the report puts exactly one name there: two named groups of
fighters leave the doer as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from warlog.resolve.demonyms import demonym_forms
from warlog.schema import Extraction, Span

# Nouns by which reports describe the doers of an armed group.
DOER_NOUNS = ("rebels", "militants", "fighters", "insurgents", "jihadists", "gunmen", "extremists", "separatists",
              "militiamen", "bandits")
# Words before a doer noun that describe it and name no one ("Suspected Islamist rebels", "Armed gunmen").
_DESCRIBING = {"the", "a", "an", "suspected", "armed", "unidentified", "unknown", "islamist", "jihadist", "rebel",
               "militant", "separatist", "heavily", "some", "several", "dozens", "hundreds", "of", "other", "rival",
               "local", "foreign", "alleged", "masked", "hooded", "islamic", "radical", "extremist", "insurgent",
               "sunni", "shia", "shiite", "tribal", "ethnic", "more", "many", "these", "those", "their", "its"}
_BARE_DOER = re.compile(r"^(?:(?:" + "|".join(sorted(_DESCRIBING)) + r")\s+)*(?:" + "|".join(DOER_NOUNS) + r")$",
                        re.IGNORECASE)
_NAME_WORD = r"[A-Z][\w'\u2019-]*"
_NAMED_DOER = re.compile(r"(?:\((?P<short>[A-Z][A-Za-z0-9-]{1,12})\)|(?P<name>" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD
                         + r"){0,3}))\s+(?P<noun>" + "|".join(DOER_NOUNS) + r")\b")


@lru_cache(maxsize=1)
def _demonym_words() -> frozenset[str]:
    """Demonyms in lower case ("somali", "congolese"), made once: they are the same for every document."""
    return frozenset(word.lower() for word in demonym_forms())


def _names_before(text: str, noun: str) -> dict[str, Span]:
    """Each name written before `noun` in `text` (its first mention), without describing words and demonyms."""
    demonyms = _demonym_words()
    found: dict[str, Span] = {}
    for match in _NAMED_DOER.finditer(text):
        if match.group("noun").lower() != noun:
            continue
        group = "short" if match.group("short") else "name"
        start, name = match.start(group), match.group(group)
        words = name.split()
        while words and (words[0].lower() in _DESCRIBING or words[0].lower() in demonyms):
            start += len(words[0]) + 1
            words = words[1:]
        if not words or any(w.lower() in demonyms for w in words):
            continue  # "Congolese rebels", "Sudanese fighters": a people, not a group's name
        name = " ".join(words)
        found.setdefault(name, Span(start, start + len(name), name))
    return found


def name_described_doers(extraction: Extraction, text: str) -> None:
    """Give events whose actor is a bare described doer the one name the report writes before that noun (in place)."""
    names_by_noun: dict[str, dict[str, Span]] = {}
    for event in extraction.events:
        actor = event.actor1
        if actor is None or not _BARE_DOER.match(actor.text.strip()):
            continue
        noun = actor.text.split()[-1].lower()
        if noun not in names_by_noun:
            names_by_noun[noun] = _names_before(text, noun)
        names = names_by_noun[noun]
        if len(names) == 1:
            event.actor1 = next(iter(names.values()))
