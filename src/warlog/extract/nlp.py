"""The spaCy pipeline, loaded once per process.

Loading costs about a second and 100 MB, so every caller shares one instance. The pipeline's name
is a setting (`WARLOG_SPACY_MODEL`), so a user with a larger installed pipeline can switch.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from warlog import settings
from warlog.datelines import is_month_word, title_dateline_at_start
from warlog.errors import ModelError
from warlog.extract.lexicon import (
    ATTACK_NOUNS,
    ATTACK_VERBS,
    SETTLEMENT_NOUNS,
    SIDE_PLACES,
    SIDES,
    WEAPON_HEADS,
    is_dateline_dash,
)
from warlog.extract.mentions import placed


@Language.component("warlog_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break in cleaned text ends a sentence: headlines, standfirsts and paragraphs have no
    final full stop to tell the parser so, and a sentence never runs across two blocks. A wire dateline
    opening a block ("NAIROBI, Kenya (Reuters) - ") is a sentence of its own too: parsed with the story's
    first sentence, its city became the subject, the doer or part of a quote."""
    block_starts = [0]
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
            block_starts.append(token.i + 1)
    for start in block_starts:
        dash = _dateline_end(doc, start)
        if dash is not None and dash + 1 < len(doc):
            doc[dash + 1].is_sent_start = True
    return doc


# Longest dateline, in tokens ("WASHINGTON, D.C., June 9, 2025 (Reuters) -").
_DATELINE_TOKENS = 16
# Small words inside a country's name in a dateline ("Democratic Republic of Congo", "Bosnia and Herzegovina").
_NAME_JOINERS = ("of", "the", "and")


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The index of the dash closing a dateline that opens the block at `start`, or None: an upper-case place
    word first, then only capitalised words, commas, numbers, periods and one bracketed agency before it. A place
    written in title case ("Goma, 22 September 2025 - ", "Kano, Nigeria, Nov. 17 (Premium Times) -- ") makes a
    dateline only with a day or an agency in it, and a dash: "Kenya: Police fire tear gas" is a headline."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (_name_word(first) and first.text[:1].isupper()) or len(first) < 2:
        return None
    capitals = first.is_upper
    if not capitals and is_month_word(first.text):
        return None  # "May 5 - ": a date, no place
    for token in doc[start + 1:start + _DATELINE_TOKENS]:
        if "\n" in token.text:
            return None
        previous = doc[token.i - 1]
        dash = is_dateline_dash(token.text, bool(previous.whitespace_), bool(token.whitespace_))
        if capitals and (dash or _dateline_colon(token)):
            return token.i
        if dash:
            return token.i if _dated_or_credited(doc[start:token.i]) or _country_dateline(doc, start) else None
        glued = token.text in ("-", "'", "’") and not previous.whitespace_ and not token.whitespace_  # "DEIR AL-BALAH"
        joiner = token.text in _NAME_JOINERS and token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isupper()
        if not (token.is_title or token.is_upper or token.is_digit or token.text in (",", ".", "(", ")") or glued
                or joiner
                or token.text.rstrip(".").isalpha() and token.text.endswith(".")):
            return None
    return None


def _name_word(token: Token) -> bool:
    """A word of a place name, letters with an apostrophe or hyphen inside ("N'Djamena", "Port-au-Prince")."""
    return re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", token.text) is not None


def _country_dateline(doc: Doc, start: int) -> bool:
    """Whether the line opening at `start` is a title-case dateline with its country and a lead after it ("El Fasher,
    Sudan — Artillery shells fired by …"), as `warlog.datelines` reads it."""
    begin = doc[start].idx
    end = doc.text.find("\n", begin)
    return title_dateline_at_start(doc.text[begin:end if end >= 0 else len(doc.text)]) is not None


def _dated_or_credited(words: Span) -> bool:
    """Whether the words before a dash hold a date (a month's name) or an agency in brackets, as a dateline does."""
    return any(is_month_word(t.text) for t in words) or any(t.text == "(" for t in words)


def _dateline_colon(token: Token) -> bool:
    """A colon closing a dateline: after a name in capitals or an agency in brackets ("KYIV: ", "GAZA (AP): ", where
    the tokenizer keeps "):" whole)."""
    if not token.whitespace_ or token.text not in (":", "):"):
        return False
    return token.text == "):" or token.i > 0 and (token.doc[token.i - 1].is_upper or token.doc[token.i - 1].text == ")")


# Prepositions that aim something at a place ("drones against Kharkiv", "fired towards Nikopol"). Unlike "in",
# they also take people ("a case against Smith"), so a name after them counts only when the gazetteer knows it
# as a town of some size.
_AIMING_PREPOSITIONS = {"against", "towards", "toward"}
_KNOWN_TOWN_POPULATION = 10_000
# Words of movement whose "to"/"from" takes a destination or an origin ("fled to X", "came from X", "a visit to X").
# "to" and "from" take people too ("spoke to Johnson"), so only after these, and only for a known town.
_MOTION_WORDS = {"go", "come", "move", "travel", "flee", "return", "drive", "fly", "head", "evacuate", "relocate",
                 "deport", "march", "advance", "retreat", "withdraw", "arrive", "transfer", "escape", "migrate",
                 "visit", "trip", "journey", "road", "route", "flight", "convoy", "way", "commute", "honeymoon"}


def _lookup(name: str) -> list:
    """The gazetteer's (entry, how matched) pairs for a name; `how` 0 main name, 1 alternate, 2 skeleton, 3 demonym."""
    from warlog.resolve.gazetteer import get_gazetteer  # the index is opened once, on first need

    return get_gazetteer().lookup(name)


def _known_town(name: str) -> bool:
    return any(entry.population >= _KNOWN_TOWN_POPULATION for entry, how in _lookup(name) if how < 3)


_SURNAMES = "warlog_surnames"


def _surnames(doc: Doc) -> frozenset[str]:
    return frozenset(e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1)


def _surname(token) -> bool:
    """The last word of a person's full name elsewhere in the text ("Boris Johnson" ... "went to Johnson"): the
    same word alone is that person again, never a town of the same name. `place_names` reads the names once per
    document (`doc.ents` builds every span anew on each read: a 100,000-word page took minutes)."""
    known = token.doc.user_data.get(_SURNAMES)
    return token.text in (known if known is not None else _surnames(token.doc))


def _aimed_at_town(token) -> bool:
    """`drones against X`, `towards X`, `fled to X`, `came from X`, or X as what weapons, an attack or a state
    struck (`drones attacked X`)."""
    if _surname(token):
        return False
    if token.dep_ == "pobj" and token.head.lower_ in _AIMING_PREPOSITIONS:
        return _known_town(token.text)
    if token.dep_ == "pobj" and token.head.lower_ in ("to", "from") \
            and token.head.head.lemma_.lower() in _MOTION_WORDS:
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
_NEVER_PLACE_LABELS = {"LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "DATE", "TIME"}
# A date's own words, never taken for a town of the same name ("in March": March, Cambridgeshire).
_CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                   "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                   "sunday", "christmas", "easter", "ramadan", "eid"}


def _gazetteer_place(name: str, population: int = 0) -> bool:
    """The gazetteer knows `name` by its main or an alternate name as a country, first-level unit, or a town of
    `population`+ people (demonyms and skeleton matches do not count)."""
    return any(how < 2 and (entry.feature in ("country", "admin1") or entry.population >= population)
               for entry, how in _lookup(name))


_BIG_TOWN_POPULATION = 100_000


def _big_town(name: str, main_name_only: bool = False) -> bool:
    """A town of 100,000+ by its main or an alternate name ("Aleppo", "Omdurman"): the small model takes some for
    nationalities, and no people is called so (one that modifies a noun, "the Orange line", is left alone)."""
    return any(how < (1 if main_name_only else 2) and entry.feature == "city"
               and entry.population >= _BIG_TOWN_POPULATION
               for entry, how in _lookup(name))


# Capitalised words that look like a state's dotted abbreviation after a comma ("..., No. 18-cr-100").
_NOT_ABBREVIATIONS = {"no", "nos", "vol", "art", "sec", "fig", "ch", "pp"}


def _state_after_comma(doc: Doc, end: int) -> Span | None:
    """`Hugo, Oklahoma`, `Melville, Sask.`: the state, province or country named right after a comma that follows a
    name (a model-tagged place, or an untagged name the gazetteer knows as a first-level unit or country)."""
    if end + 1 >= len(doc) or doc[end].text != "," or not doc[end + 1].is_title or len(doc[end + 1]) < 2 \
            or doc[end + 1].lower_ in _NOT_ABBREVIATIONS:
        return None
    first = doc[end + 1]
    stop = first.i + 1
    while stop < len(doc) and doc[stop].is_title and doc[stop].pos_ == "PROPN" and stop - first.i < 3:
        stop += 1
    for last in range(stop, first.i, -1):
        name = doc[first.i:last].text
        if last < len(doc) and doc[last].text == "." and not doc[last - 1].whitespace_:
            candidates = [(name + ".", last + 1), (name, last)]  # "Sask." split into "Sask" and "."
        else:
            candidates = [(name, last)]
        for text, stop_at in candidates:
            if any(how < 2 and entry.feature in ("admin1", "country") for entry, how in _lookup(text)):
                return Span(doc, first.i, stop_at, label="GPE")
    return None


def _demonym(token) -> bool:
    """`Russian`, `Kurdish`: a word that names a people or a side, never the place itself."""
    side = SIDES.get(token.lower_)
    if side is not None and side.lower() != token.lower_:
        return True
    return any(how == 3 for _, how in _lookup(token.text))


# Words that really begin a nationality ("North Korean", "Latin American"), never an adjective glued to one.
_NATIONALITY_PREFIXES = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                         "latin", "new", "saudi", "sri", "great", "upper", "lower"}


def _glued_adjective(token) -> bool:
    """A capitalised ordinary word opening a sentence before a nationality ("Heavy", "Fierce"), which the small
    model takes into the nationality's entity, or for a name of its own."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.is_sent_start and token.is_title and following is not None and following.is_title \
        and token.lower_ not in _NATIONALITY_PREFIXES and not _demonym(token) and _demonym(following) \
        and not _gazetteer_place(token.text)


def _trimmed(ent: Span) -> Span:
    """Cut what the small model glues to a name: line breaks ("Minsk\n" in a one-word headline) and, at the start
    of a sentence, a capitalised ordinary adjective before a nationality ("Heavy Russian shelling" is Russian, as a
    nationality, whether the model tagged "Heavy Russian" a nationality or a person, or "Heavy" alone a group)."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while end > start and doc[end - 1].is_space:
        end -= 1
    while start < end and doc[start].is_space:
        start += 1
    if start >= end:
        return ent
    label = ent.label_
    if label in ("NORP", "PERSON", "ORG") and _glued_adjective(doc[start]):
        if end - start == 2:
            start, label = start + 1, "NORP"
        elif end - start == 1 and doc[start + 1].ent_iob_ == "O":
            start, end, label = start + 1, start + 2, "NORP"
    if (start, end, label) == (ent.start, ent.end, ent.label_):
        return ent
    return Span(doc, start, end, label=label)


_LIST_JOINS = {",", "and", "or", "&"}


def _place_list(ent: Span) -> list[Span] | None:
    """"Igabi, Giwa and" as one organisation: a span of names joined by commas and "and", every one a place the
    gazetteer knows, is those places (trailing joins dropped). A whole name the gazetteer knows ("Bosnia and
    Herzegovina") is kept whole."""
    doc = ent.doc
    if ent.label_ not in ("ORG", "NORP", "GPE") or not any(t.lower_ in (",", "and") for t in ent):
        return None
    end = ent.end
    while end > ent.start and doc[end - 1].lower_ in (",", "and"):
        end -= 1
    if _gazetteer_place(doc[ent.start:end].text):
        return None
    parts, start = [], ent.start
    for token in doc[ent.start:end + 1]:
        if token.i == end or token.lower_ in (",", "and"):
            if token.i > start:
                parts.append((start, token.i))
            start = token.i + 1
    if "&" in ent.text or len(parts) < 2 or not all(
            doc[a].is_title and doc[a:b].text.replace(" ", "").isalpha() and _gazetteer_place(doc[a:b].text)
            for a, b in parts):
        return None
    return [Span(doc, a, b, label="GPE") for a, b in parts]


def _listed_after_place(token, place_ends: set[int]) -> bool:
    """`Igabi, Giwa and Zaria`: a name after a comma or "and" that follows a place, known to the gazetteer. A list
    that goes on to a person's full name ("Helen, Irene and Randy Kunz") is a list of people, however many of its
    first names are also towns."""
    doc = token.doc
    at = token.i - 1
    if at < 1 or doc[at].lower_ not in ("," , "and", "or") or not token.is_title or not token.is_alpha:
        return False
    ahead = token.i
    while ahead < len(doc) and (doc[ahead].lower_ in _LIST_JOINS or doc[ahead].pos_ == "PROPN"):
        if doc[ahead].ent_type_ == "PERSON" and doc[ahead].ent_iob_ == "I":
            return False
        ahead += 1
    if doc[at].lower_ in ("and", "or") and doc[at - 1].text == ",":
        at -= 1
    return at - 1 in place_ends and _gazetteer_place(token.text)


def _alone(token) -> bool:
    """No capitalised proper noun on either side: the word is a name of its own, not part of a longer one."""
    doc = token.doc
    return not any(0 <= n < len(doc) and doc[n].pos_ == "PROPN" and doc[n].is_title for n in (token.i - 1, token.i + 1))


def _lone_country(token) -> bool:
    """A one-word name that is a country's name ("Belarus" under a one-word headline, untagged or a person), not part
    of a longer name."""
    return _alone(token) and any(how < 2 and entry.feature == "country" for entry, how in _lookup(token.text))


def _lone_big_town(token) -> bool:
    """An untagged one-word name that is a town of 100,000+ by its main name, alone ("Muscat is ...", "a Tabriz
    resident"), not a full name's surname elsewhere in the text, nor the first of a list that ends in a person
    ("Brent and Lynnette Hain"). An alternate name is not enough: too many are English words ("Luck" for Lutsk)."""
    doc = token.doc
    if not _alone(token):
        return False
    if token.i + 2 < len(doc) and doc[token.i + 1].lower_ in (",", "and", "&") \
            and (doc[token.i + 2].ent_type_ == "PERSON" or doc[token.i + 2].pos_ == "PROPN"):
        return False
    return token.is_alpha and token.lower_ not in _CALENDAR_WORDS and not _surname(token) \
        and _big_town(token.text, main_name_only=True)


def _extended_left(ent: Span, taken: set[int]) -> Span:
    """"Deir ez-Zor" tagged as "Zor", "Mazar-i-Sharif" as "Sharif": a place grows leftwards over a hyphenated
    name's words when the gazetteer knows the longer name."""
    doc = ent.doc
    best = ent.start
    start = ent.start
    while start > 0 and ent.start - start < 4 and start - 1 not in taken and not doc[start - 1].is_space \
            and (doc[start - 1].text == "-" or not doc[start - 1].whitespace_ or doc[start].text == "-"
                 or doc[start - 1].is_title):
        start -= 1
        if doc[start].is_title and doc[start].pos_ == "PROPN" and _gazetteer_place(doc[start:ent.end].text):
            best = start
    return ent if best == ent.start else Span(doc, best, ent.end, label=ent.label_)


def _placed_runs(doc: Doc, taken: set[int]) -> list[Span]:
    """Unlabelled runs of two or more capitalised proper nouns after a place preposition ("in Khan Younis") that
    the gazetteer knows as a town of 10,000+, a first-level unit or a country."""
    runs = []
    for token in doc:
        if token.i in taken or token.pos_ != "PROPN" or not token.is_title or not placed(token):
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and start - 1 not in taken \
                and doc[start - 1].head.i == token.i:
            start -= 1
        if start < token.i and _gazetteer_place(doc[start:token.i + 1].text, _KNOWN_TOWN_POPULATION):
            runs.append(Span(doc, start, token.i + 1, label="GPE"))
            taken.update(range(start, token.i + 1))
    return runs


def _settlement_name_words(noun: str) -> int | None:
    """How many words a name before a settlement noun needs to be its place ("Tsafe village", "Darul Jamal
    community"), or None for another noun: a community named by one word is often a people's ("the Kuki community")."""
    return (2 if noun == "community" else 1) if noun in SETTLEMENT_NOUNS else None


def _settlement_runs(doc: Doc, taken: set[int]) -> list[Span]:
    """Unlabelled capitalised proper nouns right before a settlement noun they modify ("Darul Jamal community in
    Bama", "Ntoyo village"): the name of a village, which the small model and the gazetteer often both lack."""
    runs = []
    for noun in doc:
        need = _settlement_name_words(noun.lower_)
        if need is None or noun.i == 0:
            continue
        start = noun.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and start - 1 not in taken and doc[start - 1].head.i in (noun.i, *range(start, noun.i)):
            start -= 1
        if noun.i - start >= need and not _demonym(doc[start]):
            runs.append(Span(doc, start, noun.i, label="GPE"))
            taken.update(range(start, noun.i))
    return runs


def _town_and_state(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
    """`Hugo, Oklahoma` or `Melville, Sask.`: a name before a comma and a state, province or country is a town when
    the gazetteer knows it (whatever the model called it: an event, an organisation, nothing), and the state is a
    place too. A person's full name before a comma keeps its label ("Maria Lopez, Texas' attorney")."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    changed = False
    for comma in (t.i for t in doc if t.text == ","):
        state = _state_after_comma(doc, comma)
        if state is None:
            continue
        # Looked up in the list as it is now: a list of provinces ("Rogaland, Vestfold, Buskerud") makes each name
        # the state of the one before and the town of the one after, so an earlier turn may have replaced it.
        town = next((e for e in ents if e.end == comma), None)
        if town is None:
            start = comma
            while start > 0 and start - 1 not in taken and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
                start -= 1
            if start == comma:
                continue
            town = Span(doc, start, comma, label="")
        if town.label_ not in ("GPE", "LOC", "FAC"):
            if (town.label_ == "PERSON" and len(town) > 1) or not town[0].is_title \
                    or any(t.lower_ in _CALENDAR_WORDS for t in town) or not _gazetteer_place(town.text):
                continue  # "... on Monday, Lebanon's health ministry said": a day, not a town
            ents[:] = [e for e in ents if e.start != town.start]
            ents.append(Span(doc, town.start, town.end, label="GPE"))
            taken.update(range(town.start, town.end))
        inside = [e for e in ents if state.start <= e.start and e.end <= state.end and e.label_ not in ("GPE", "LOC")]
        for glued in inside:  # "Ont" a person to the model
            ents.remove(glued)
            taken.difference_update(range(glued.start, glued.end))
        if not any(i in taken for i in range(state.start, state.end)):
            ents.append(state)
            taken.update(range(state.start, state.end))
        changed = True
    return ents, changed


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
    one-word LANGUAGE, PRODUCT, DATE, NORP or similar name in a place's grammar becomes a place when the gazetteer
    knows it as a town of 10,000+ (a NORP that is a town of 100,000+, in any grammar; an untagged name alone that is
    a town of 100,000+ by its main name too). A hyphenated name the model cut ("Zor") grows to the whole name the
    gazetteer knows ("Deir ez-Zor").
    First the model's spans are trimmed (line breaks, an adjective opening a sentence before a nationality) and a
    list of places glued into one organisation is split. Then: the last names of a list of places, a lone
    country name, a known town a movement goes to or comes from (`fled to X`), a town before a comma and its
    state (`Hugo, Oklahoma`), and a multi-word name after a place preposition that the gazetteer knows as a town
    of 10,000+ (`In Khan Yunis, ...`).
    A person's full name is never renamed: longer names become places only when the gazetteer knows the whole
    name as a town, a list that ends in a full name is a list of people, and a full name's surname alone stays
    that person.
    """
    doc.user_data[_SURNAMES] = _surnames(doc)  # doc.ents stays as it is until the end of this component
    try:
        return _place_names(doc)
    finally:
        doc.user_data.pop(_SURNAMES, None)


# A town's installations named by the town ("Odesa port", "Kherson airport"): the name is the town's.
_SITES_OF_A_TOWN = {"port", "airport", "harbour", "harbor", "refinery", "airbase", "seaport", "airfield"}


def _site_after(doc: Doc, end: int) -> bool:
    """Whether the words at `end` name a site of a town: "port", "airport", "air base", "airfield"."""
    if end >= len(doc):
        return False
    return doc[end].lower_ in _SITES_OF_A_TOWN or doc[end].lower_ == "air" and end + 1 < len(doc) \
        and doc[end + 1].lower_ in ("base", "field")


# An administrative word after a name makes it a unit's name ("Kebbi state", "Kupwara district").
_UNIT_AFTER_NAME = {"state", "province", "region", "district", "governorate", "county", "oblast", "prefecture",
                    "department", "township"}


def _place_names(doc: Doc) -> Doc:
    found: list[Span] = []
    for ent in doc.ents:
        ent = _trimmed(ent)
        found.extend(_place_list(ent) or [ent])
    changed = [(e.start, e.end, e.label_) for e in found] != [(e.start, e.end, e.label_) for e in doc.ents]
    places = {e.text for e in found if e.label_ in ("GPE", "LOC")}
    ents = []
    taken = set()
    for ent in found:
        if ent.label_ in ("PERSON", "ORG") and len(ent) == 1 and (
                ent.text.lower() in SIDE_PLACES or ent.text in places or placed(ent[0]) or _aimed_at_town(ent[0])
                or _lone_country(ent[0])):
            ent = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
        elif ent.label_ in _NEVER_PLACE_LABELS | {"NORP"} and len(ent) == 1 and ent[0].is_title \
                and ent[0].lower_ not in _CALENDAR_WORDS and (placed(ent[0]) or _aimed_at_town(ent[0])) \
                and _known_town(ent.text) and not _demonym(ent[0]):
            ent = Span(doc, ent.start, ent.end, label="GPE")  # "in Omdurman" (a nationality to the model)
            changed = True
        elif ent.label_ == "NORP" and len(ent) == 1 and ent[0].is_title and not _demonym(ent[0]) \
                and ent[0].dep_ not in ("amod", "compound", "nmod") and _big_town(ent.text):
            ent = Span(doc, ent.start, ent.end, label="GPE")  # "taking Aleppo" (a nationality to the model)
            changed = True
        elif ent.label_ in ("NORP", "PERSON", "ORG") and len(ent) == 1 and ent[0].is_title \
                and not _demonym(ent[0]) and _site_after(doc, ent.end) and _known_town(ent.text):
            ent = Span(doc, ent.start, ent.end, label="GPE")  # "Odesa port", "Kherson airport" (a NORP, a PERSON)
            changed = True
        elif (ent.label_ in ("NORP", "PERSON", "ORG") or ent.label_ in _NEVER_PLACE_LABELS and ent[0].is_title
              and ent.text.lower() not in _CALENDAR_WORDS) and ent.end < len(doc) \
                and doc[ent.end].lower_ in _UNIT_AFTER_NAME and _gazetteer_place(ent.text):
            ent = Span(doc, ent.start, ent.end, label="GPE")  # "in Kebbi state" (a nationality to the model), "Thoubal
            # district" (an event to it)
            changed = True
        elif ent.label_ in ("PERSON", "ORG") and ent.end < len(doc) and ent.root.dep_ == "compound" \
                and len(ent) >= (_settlement_name_words(doc[ent.end].lower_) or len(ent) + 1):
            ent = Span(doc, ent.start, ent.end, label="GPE")  # "Darul Jamal community" (an organisation to the model)
            changed = True
        elif ent.label_ in ("PERSON", "ORG") and len(ent) > 1 and placed(ent.root) \
                and _gazetteer_place(ent.text, _KNOWN_TOWN_POPULATION):
            ent = Span(doc, ent.start, ent.end, label="GPE")  # "In Khan Younis, ..." (a person to the model)
            changed = True
        ents.append(ent)
        taken.update(range(ent.start, ent.end))
    place_tokens = {e.start for e in ents if e.label_ in ("GPE", "LOC") and len(e) == 1}
    place_ends = {e.end - 1 for e in ents if e.label_ in ("GPE", "LOC")}
    for position, ent in enumerate(ents):
        token = ent[0]
        if ent.label_ in ("PERSON", "ORG") and len(ent) == 1 and (
                token.dep_ == "conj" and token.head.i in place_tokens or _listed_after_place(token, place_ends)):
            ents[position] = Span(doc, ent.start, ent.end, label="GPE")
            place_ends.add(token.i)
            changed = True
    for token in doc:
        if token.i in taken or token.pos_ != "PROPN" or not token.is_title:
            continue
        if token.lower_ in SIDE_PLACES or (token.dep_ == "conj" and token.head.i in place_tokens) \
                or _aimed_at_town(token) or _listed_after_place(token, place_ends) or _lone_country(token) \
                or _lone_big_town(token):
            ents.append(Span(doc, token.i, token.i + 1, label="GPE"))
            taken.add(token.i)
            place_ends.add(token.i)
            changed = True
    for run in [*_placed_runs(doc, taken), *_settlement_runs(doc, taken)]:
        ents.append(run)
        changed = True
    ents, states_changed = _town_and_state(doc, ents)
    changed = changed or states_changed
    claimed = {i for e in ents for i in range(e.start, e.end)}
    for position, ent in enumerate(ents):
        if ent.label_ in ("GPE", "LOC") and "-" in doc[max(ent.start - 3, 0):ent.start].text:
            longer = _extended_left(ent, claimed)
            if longer.start != ent.start:
                ents[position] = longer
                claimed.update(range(longer.start, longer.end))
                changed = True
    if changed:
        doc.ents = sorted(ents, key=lambda e: e.start)
    return doc


# Words naming a minister's portfolio ("Interior Minister X", "Defence Secretary Y"): before a title they are part
# of the role, and the small model's organisation "Interior" would become the speaker's affiliation.
_PORTFOLIO_WORDS = {"interior", "defence", "defense", "foreign", "finance", "justice", "health", "energy", "economy",
                    "home", "education", "agriculture", "information", "transport", "trade", "labour", "labor",
                    "culture", "environment", "emergencies", "emergency", "affairs", "and", "economic"}
_TITLE_WORDS = {"minister", "ministers", "secretary", "secretaries", "commissioner"}
# Nouns that make a name an organisation, whatever country or nationality it opens with ("the Syrian Observatory for
# Human Rights"): the small model calls such names places.
_BODY_WORDS = {"observatory", "organisation", "organization", "committee", "council", "ministry", "institute",
               "commission", "agency", "network", "watch", "foundation", "society", "association", "rights",
               "coalition", "tribunal", "court", "party", "movement", "brigades", "army", "forces"}
_ARMED_CODE = re.compile(r"^[A-Z]{1,4}-?\d{1,3}$")  # "M23", "M-23": a group named by letters and a number


def _portfolio(ent: Span) -> bool:
    """`Interior` in "Interior Minister Ali X": a name made only of portfolio words, right before a title word."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in _TITLE_WORDS \
        and all(t.lower_ in _PORTFOLIO_WORDS for t in ent)


def _organisation_named(ent: Span) -> bool:
    """A name the small model calls a place or a person that is an organisation: several words one of which is a
    body's noun ("Syrian Observatory for Human Rights"), or an acronym no place is called ("JNIM", "M23": the
    gazetteer knows the acronyms of states, "DRC", "UAE")."""
    if ent.label_ not in ("GPE", "LOC", "PERSON"):
        return False
    if len(ent) > 1:
        return ent.label_ != "PERSON" and any(t.lower_ in _BODY_WORDS for t in ent[1:]) \
            and not _gazetteer_place(ent.text)
    text = ent.text
    acronym = (text.isupper() and text.isalpha() and 2 <= len(text) <= 6) or bool(_ARMED_CODE.match(text))
    if not acronym or text.lower() in SIDE_PLACES:
        return False
    return not any(how < 2 for _, how in _lookup(text))


@Language.component("warlog_organisations")
def organisations(doc: Doc) -> Doc:
    """Organisations the small model gets wrong, after the place repairs (which may make a lone name a place).

    A portfolio word before a title ("Interior Minister") is no organisation but part of the role. A name with a
    body's noun that opens with a nationality or ends with a country ("Syrian Observatory for Human Rights") is an
    organisation, and so is an acronym that no place is called ("JNIM", "M23"): armed groups are written so, and
    a reader taking one for a place would locate events "in M23". A later bare use of an organisation's acronym,
    left untagged by the model ("JNIM claimed ..."), is the same organisation, never a person.
    """
    ents, changed = [], False
    for ent in doc.ents:
        if _portfolio(ent):
            changed = True
            continue
        if _organisation_named(ent):
            ent = Span(doc, ent.start, ent.end, label="ORG")
            changed = True
        ents.append(ent)
    acronyms = {e.text for e in ents if e.label_ == "ORG" and len(e) == 1 and e.text.isupper() and len(e.text) > 1}
    taken = {i for e in ents for i in range(e.start, e.end)}
    for token in doc:
        if token.i not in taken and token.text in acronyms:
            ents.append(Span(doc, token.i, token.i + 1, label="ORG"))
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
        nlp.add_pipe("warlog_organisations", after="warlog_place_names")
    return nlp


def get_nlp() -> Language:
    """The pipeline named by the settings, shared by everything in this process."""
    return load_pipeline(settings.spacy_model_name())
