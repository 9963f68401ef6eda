"""Who downed what an interception counts: the side whose air force or ministry tells the tally.

A ministry of one country at war reports that some dozens of the enemy's drones were brought down in the night; an air
force tells how many of a wave its own systems stopped; a statement tells what "air defences" destroyed. A side tells
its own air defences' work, never the other side's. The parse gives such a sentence a doer that is the drones'
nationality, or defences with no country, or none; the interceptor is the body that tells the tally, and the
nationality of the drones is the launcher (ACLED's second actor).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from warlog.coreference import country_code
from warlog.extract.event_roles import actor_phrase, belligerent_side
from warlog.resolve.demonyms import DEMONYMS
from warlog.schema import Claim, Mention, Span

# What a shoot-down is told by: "shot down", "downed", "intercepted", "destroyed", "repelled", "jammed".
_SHOOT_DOWN_LEMMAS = {"shoot", "down", "intercept", "destroy", "repel", "jam", "neutralize", "neutralise", "suppress"}
# Defences named with no country: "air defences", "defence systems", "anti-aircraft units".
_DEFENCE_WORDS = {"defence", "defense", "defences", "defenses", "system", "systems", "anti-aircraft", "unit", "units",
                  "air", "its", "their", "the"}


def is_shoot_down(sub_event: str | None, trigger: Token) -> bool:
    """Whether an act of ACLED's "Disrupted weapons use" is told as weapons downed or stopped in flight."""
    return sub_event == "Disrupted weapons use" and trigger.lemma_.lower() in _SHOOT_DOWN_LEMMAS


_CAPITALISED = re.compile(r"[A-Z][\w.-]*")


def country_side(name: str | None) -> str | None:
    """The country code of the side a name is of ("Russia's Defence Ministry" -> RU, "Indian" -> IN), or None: a
    belligerent's name or capital, else a country or nationality among its capitalised words, longest first."""
    if not name:
        return None
    side = belligerent_side(name)
    if side is not None and (code := country_code(side)) is not None:
        return code
    words = [w.removesuffix("'s") for w in _CAPITALISED.findall(name.replace("’", "'"))]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            gram = " ".join(words[i:i + size])
            code = DEMONYMS.get(gram)
            if code is not None and len(code) == 2:
                return code
            if (code := country_code(gram)) is not None:
                return code
    return None


def telling_interceptor(claim: Claim, doc: Doc, base: int, mentions: list[Mention]) -> Span | None:
    """The body that tells an interception tally, as written with its country ("Russia's Defence Ministry", not
    "Defence Ministry"), when it is a body of a country (a person, or a monitor with no side, is not)."""
    if claim.speaker is None or claim.speaker_label == "PERSON" \
            or country_side(claim.affiliation) is None and country_side(claim.speaker_text) is None:
        return None
    start, end = claim.speaker.start - base, claim.speaker.end - base
    if not 0 <= start < end <= len(doc.text):
        return claim.speaker  # told in another part of the page: its words as the claim has them
    words = doc.char_span(start, end, alignment_mode="expand")
    if words is None:
        return claim.speaker
    phrase = actor_phrase(words.root, mentions, base)
    return phrase if phrase is not None and phrase.start <= claim.speaker.start else claim.speaker


def not_the_interceptor(doer: Span | None, interceptor: Span) -> bool:
    """Whether the doer the sentence gives a shoot-down is not who shot down: none, the other side (the drones'
    nationality), or defences that name no country."""
    if doer is None:
        return True
    side, defender = country_side(doer.text), country_side(interceptor.text)
    if side is not None:
        return defender is not None and side != defender
    return all(word.lower() in _DEFENCE_WORDS for word in doer.text.split())


def launcher(doer: Span | None, interceptor: Span) -> Span | None:
    """The doer a sentence gave a shoot-down, when that is the other side: the launcher of what was downed."""
    if doer is None:
        return None
    side, defender = country_side(doer.text), country_side(interceptor.text)
    return doer if side is not None and defender is not None and side != defender else None
