"""Whether an event's target is civilian: ACLED's `civilian_targeting`, read off the target as written.

ACLED marks "Civilian targeting" on any event whose main target was civilians, whatever its type: a guided
bomb on an apartment building is an Air/drone strike *and* civilian targeting. warlog keeps the target as
the text names it ("a five-storey apartment building", "three people"); this module says whether that
phrase names civilians or the places civilians live and gather, for the ACLED export and for checks
against an analyst who writes "→ civilians".

The words come from the event typer's lexicon (`A_CIVILIAN`, and `A_STATE`, `A_NONSTATE`, `MIL_SITE` for
what rules it out), so the typer and this judgement agree on who is a civilian; the homes and public
buildings are listed here. Police, soldiers, fighters and military sites are never civilian, nor is a
bare town or region (an attack on a city names where, not whom).
"""

from __future__ import annotations

import re

from warlog.extract.event_types import lexicon_entries

# Buildings where civilians live, study, pray, shop or are treated (the codebook's examples of civilian sites).
CIVILIAN_SITES = frozenset(
    "residence residential apartment apartments flat flats house houses home homes dwelling tower block "
    "school kindergarten nursery university hospital clinic maternity market marketplace supermarket shop "
    "shopping mall store cafe restaurant hotel church mosque synagogue temple cathedral shelter orphanage "
    "playground bus train".split())
_ARMED_WORDS = "police policeman policemen officer officers guard guards gendarme gendarmes"


def _words(*cues: str) -> frozenset[str]:
    return frozenset(word for cue in cues for entry in lexicon_entries(cue) for word in entry.split())


_CIVILIANS = _words("A_CIVILIAN") - {"member", "leader", "official", "chief", "politician", "candidate", "mayor"}
_NOT_CIVILIAN = _words("A_STATE", "A_NONSTATE", "MIL_SITE") | frozenset(_ARMED_WORDS.split())
_WORD = re.compile(r"[a-z]+")


def _stem(word: str) -> str:
    """A naive singular, enough for this lexicon ("civilians", "families", "women", "children")."""
    irregular = {"women": "woman", "men": "man", "children": "child", "people": "people"}
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def is_civilian_target(phrase: str | None) -> bool:
    """Whether a target phrase names civilians or a civilian site, and nothing armed."""
    if not phrase:
        return False
    words = [_stem(w) for w in _WORD.findall(phrase.lower().split(" of ")[0])]
    if any(w in _NOT_CIVILIAN for w in words):
        return False
    return any(w in _CIVILIANS or w in CIVILIAN_SITES for w in words)
