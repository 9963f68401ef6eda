"""Mentions: people, organisations, places, nationalities, weapons and units, with roles.

spaCy's entities are the base. On top of them: weapon systems and military units from
`lexicon` (the general model calls S-400 a product and knows no Shahed), people the small model
misses (two or more capitalised proper nouns in a subject or apposition slot), acronyms defined in
the text ("… intelligence agency (HUR)") or well known, titles and appositions that give a person's
role and affiliation, and later references ("Ms Zakharova", "Syniehubov") resolved to the full name.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.attrs import IS_TITLE, LOWER, ORTH, POS
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import StringStore, hash_string
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from warlog.extract import lexicon
from warlog.resolve.demonyms import DEMONYMS
from warlog.schema import Mention, Span

_CLAUSES = {"acl", "relcl", "advcl", "ccomp", "xcomp"}
_REGION_WORDS = {"oblast", "region", "krai", "kray", "province", "district", "raion", "republic", "state",
                 "governorate"}  # "Kaduna state": the state, not its capital city
# Units named so in lower case only: "the Tera department" (a ministry is "the Defence Department").
_UNIT_WORDS_IN_LOWER_CASE = {"department", "prefecture", "county"}
KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
COUNTRY_LABELS = {"GPE", "NORP"}

_matchers: dict[int, tuple[PhraseMatcher, Matcher]] = {}


def _matchers_for(doc: Doc) -> tuple[PhraseMatcher, Matcher]:
    """Matchers built once per vocabulary (one pipeline per process, so once)."""
    key = id(doc.vocab)
    if key not in _matchers:
        phrases = PhraseMatcher(doc.vocab, attr="LOWER")
        phrases.add("WEAPON", [doc.vocab.strings and Doc(doc.vocab, words=n.split()) for n in lexicon.WEAPON_NAMES])
        matcher = Matcher(doc.vocab)
        matcher.add(
            "WEAPON",
            [
                [{"LOWER": {"IN": lexicon.WEAPON_MODIFIERS}, "OP": "+"}, {"LOWER": {"IN": lexicon.WEAPON_HEADS}}],
                [{"TEXT": {"REGEX": lexicon.WEAPON_CODE.pattern}}, {"LOWER": {"IN": lexicon.WEAPON_HEADS}, "OP": "?"}],
                [{"LOWER": {"IN": lexicon.WEAPON_HEADS}}],
            ],
        )
        matcher.add(
            "UNIT",
            [[{"LIKE_NUM": True}, {"IS_TITLE": True, "OP": "*"}, {"LOWER": {"IN": lexicon.UNIT_NOUNS}}],
             [{"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}}, {"IS_TITLE": True, "OP": "*"},
              {"LOWER": {"IN": lexicon.UNIT_NOUNS}}]],
        )
        _matchers[key] = (phrases, matcher)
    return _matchers[key]


# Weapon nouns that are also verbs of attack ("Russia shells Kherson", "US bombs Iranian sites").
_WEAPON_VERBS = {"shell", "shells", "bomb", "bombs", "rocket", "rockets", "mortar", "mortars", "mine", "mines"}
_OBJECT_OPENERS = {"DET", "NUM", "ADJ", "NOUN", "PROPN"}


def _attack_verb(token: Token) -> bool:
    """A lone weapon word used as the verb: the parser says so, or, in a headline's shorthand the small model
    reads as a noun compound ("RSF shells displacement camp"), it follows a named actor (an organisation, a state
    or a person, not a nationality: "Russian shells" are weapons) and an object follows it, not a verb ("RSF
    shells killed ..." are weapons)."""
    if token.lower_ not in _WEAPON_VERBS:
        return False
    if token.pos_ == "VERB":
        return True
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc) or not token.lower_.endswith("s"):
        return False
    actor, following = doc[token.i - 1], doc[token.i + 1]
    return actor.ent_type_ in ("ORG", "GPE", "PERSON") and following.pos_ in _OBJECT_OPENERS \
        and following.dep_ not in ("nsubj", "ROOT") and not following.ent_type_ == "DATE"


# The words every weapon or unit pattern of `_matchers_for` ends on or opens with: a weapon's head noun, a unit's
# noun, a weapon's code ("S-400"). What may stand before them in a match: modifiers ("guided"), title-case words
# ("1st Separate Mechanised Brigade"), then one number or code; after a code, one head noun.
_ANCHOR_WORDS = frozenset(lexicon.WEAPON_HEADS) | frozenset(lexicon.UNIT_NOUNS)
_LEFT_WORDS = frozenset(lexicon.WEAPON_MODIFIERS)


def _pattern_matches(doc: Doc, matcher: Matcher) -> list[tuple[int, int, int]]:
    """The Matcher's (id, start, end) on `doc`, found on the stretches around the words a match cannot lack.

    Why: the Matcher tries every pattern at every token, with its word lists and the code's regular expression as
    Python calls (nearly 1% of ingest time). Every match ends on a head or unit noun or opens with a code (the
    anchors), and reaches left over modifiers and title-case words and one token more, right one token past a
    code: each stretch takes all of that around its anchor, so the matches found on the stretches are exactly
    those found on the whole text (`dates._matches` does the same for time phrases). Anchors are read by the hash
    of each token's lower-case form and text, so a token that is none is never made into a Python object."""
    strings = doc.vocab.strings
    lowers, texts = doc.to_array(LOWER).tolist(), doc.to_array(ORTH).tolist()
    stretches: list[list[int]] = []
    for i, (lower, text) in enumerate(zip(lowers, texts, strict=True)):
        if not (_anchor_lower(strings, lower) or _anchor_text(strings, text)):
            continue
        start = i
        while start > 0 and (doc[start - 1].lower_ in _LEFT_WORDS or doc[start - 1].is_title):
            start -= 1
        start, end = max(0, start - 1), min(len(doc), i + 2)
        if stretches and start <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], end)
        else:
            stretches.append([start, end])
    return [(key, start + s, start + e) for start, end in stretches for key, s, e in matcher(doc[start:end])]


# The answers by hash, kept for the words seen (forgotten past _MEMO_SIZE, so a long run's memory stays bounded).
_ANCHOR_BY_LOWER: dict[int, bool] = {}
_ANCHOR_BY_TEXT: dict[int, bool] = {}
_MEMO_SIZE = 100_000


def _anchor_lower(strings: StringStore, key: int) -> bool:
    """Whether a token whose lower-case form has this hash is a head or unit noun."""
    found = _ANCHOR_BY_LOWER.get(key)
    if found is None:
        if len(_ANCHOR_BY_LOWER) >= _MEMO_SIZE:
            _ANCHOR_BY_LOWER.clear()
        found = _ANCHOR_BY_LOWER[key] = strings[key] in _ANCHOR_WORDS
    return found


def _anchor_text(strings: StringStore, key: int) -> bool:
    """Whether a token whose text has this hash is a weapon's code, as the Matcher's REGEX reads it (a search)."""
    found = _ANCHOR_BY_TEXT.get(key)
    if found is None:
        if len(_ANCHOR_BY_TEXT) >= _MEMO_SIZE:
            _ANCHOR_BY_TEXT.clear()
        found = _ANCHOR_BY_TEXT[key] = lexicon.WEAPON_CODE.search(strings[key]) is not None
    return found


def _domain_spans(doc: Doc) -> list[SpacySpan]:
    phrases, matcher = _matchers_for(doc)
    found = [SpacySpan(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in phrases(doc)]
    found += [SpacySpan(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in _pattern_matches(doc, matcher)
              if not (e - s == 1 and _attack_verb(doc[s]))]
    # Longest first, then drop overlaps.
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[SpacySpan] = []
    for span in found:
        if kept and span.start < kept[-1].end:
            continue
        if kept and span.start == kept[-1].end and span.label_ == kept[-1].label_ == "WEAPON":
            kept[-1] = SpacySpan(doc, kept[-1].start, span.end, label="WEAPON")  # "Kh-101" + "cruise missiles"
            continue
        kept.append(span)
    return kept


def _extra_people(doc: Doc, taken: set[int]) -> list[SpacySpan]:
    """Runs of two or more capitalised proper nouns in a subject or apposition slot, unlabelled by the model."""
    people = []
    # Whether each token may be in such a run, read from the parse's arrays: a Python object per token, asked its
    # part of speech and case, was most of the cost of this search.
    named = [pos == PROPN and title and i not in taken
             for i, (pos, title) in enumerate(doc.to_array([POS, IS_TITLE]).tolist())]
    index = 0
    while index < len(doc):
        end = index
        while end < len(doc) and named[end]:
            end += 1
        if end - index >= 2:
            head = doc[end - 1]
            start = end - 1
            while start > index and doc[start - 1].dep_ == "compound" and start - 1 < doc[start - 1].head.i < end:
                start -= 1
            if end - start >= 2 and head.dep_ in ("nsubj", "nsubjpass", "appos") \
                    and not any(t.ent_type_ for t in doc[start:end]):
                people.append(SpacySpan(doc, start, end, label="PERSON"))
        index = max(end, index + 1)
    return people


def _missed_nationalities(doc: Doc, taken: set[int]) -> list[SpacySpan]:
    """A country's adjective on a noun that the model left unlabelled ("Ukrainian" in "KYIV (Reuters) - Ukrainian
    long-range drones struck …", which it tags as a nationality without the dateline before it): the side that
    names the drones' doer, as the same words elsewhere in the story are."""
    found = []
    for i, text in enumerate(doc.to_array([ORTH]).tolist()):  # by hash: a Python object only for a country's adjective
        if text not in _COUNTRY_ADJECTIVES or i in taken:
            continue
        t = doc[i]
        if t.tag_ == "JJ" and t.dep_ == "amod" and t.is_title and not t.ent_type_ and t.head.pos_ in ("NOUN", "PROPN"):
            found.append(SpacySpan(doc, i, i + 1, label="NORP"))
    return found


# The hashes (as `Doc.to_array` gives them) of the demonyms that name a country (a two-letter code in the table).
_COUNTRY_ADJECTIVES = frozenset(hash_string(word) for word, place in DEMONYMS.items() if place.isupper())


def _repaired(ent: SpacySpan, place_texts: set[str]) -> SpacySpan:
    """Fix the small model's usual slips: cut-off names, possessives, regions and towns taken for people."""
    doc = ent.doc
    start, end, label = ent.start, ent.end, ent.label_
    if label == "PERSON":
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and not doc[end].ent_type_:
            end += 1
    while end - start > 1 and doc[end - 1].text in ("'s", "'", "’s"):
        end -= 1
    if label not in ("GPE", "LOC", "FAC", "NORP") and named_as_place(doc[end - 1]):
        label = "GPE"  # "the town of Chasiv Yar" (a person to the model), "the city of Odesa" (a language)
    if end < len(doc) and (doc[end].lower_ in _REGION_WORDS or doc[end].text in _UNIT_WORDS_IN_LOWER_CASE) \
            and label in ("NORP", "GPE", "ORG", "PERSON", "LOC") and not _names_another_place(doc, start, end):
        end += 1  # "Belgorod region", "the Kharkiv oblast", "the Tera department": the region itself
    if (doc[end - 1].lower_ in _REGION_WORDS or doc[end - 1].text in _UNIT_WORDS_IN_LOWER_CASE) \
            and label in ("PERSON", "ORG", "GPE", "NORP"):
        label = "LOC"
    elif lexicon.local_government_area_at(doc, end) and label in ("PERSON", "ORG", "NORP"):
        label = "GPE"  # "Bokkos local government area" (an organisation to the model)
    elif label in ("PERSON", "ORG") and end - start == 1 and (doc[start].text in place_texts or placed(doc[start])):
        label = "GPE"
    if (start, end, label) == (ent.start, ent.end, ent.label_):
        return ent
    return SpacySpan(doc, start, end, label=label)


# Labels the small model gives place names it does not know for places ("Kharkiv and Odesa" a work of art, "Sumy" a
# person): a name in a place's slot that the gazetteer knows as a town of this size or a province is a place.
_MISLABELLED = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}
_KNOWN_TOWN = 20_000


def _known_place(text: str) -> bool:
    """Whether the gazetteer knows the name, by its main or an alternate name, as a province or a town of at least
    `_KNOWN_TOWN` people (not a person's name that a hamlet somewhere shares)."""
    from warlog.resolve.gazetteer import get_gazetteer  # the index opens on first use

    return any(kind <= 1 and (entry.feature in ("admin1", "country") or entry.population >= _KNOWN_TOWN)
               for entry, kind in get_gazetteer().lookup(text))


def _in_place_slot(token: Token) -> bool:
    """A place's slot: after a place preposition, the object of an attack ("struck Kharkiv"), a conjunct of one, or
    before a region word ("the Sumy and Chernihiv regions")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if placed(token) or token.dep_ in ("compound", "nmod") and token.head.lower_ in _REGION_WORDS | {"regions",
                                                                                                    "oblasts"}:
        return True
    return token.dep_ == "dobj" and token.head.lemma_.lower() in lexicon.ATTACK_VERBS | _TAKING_VERBS


# Verbs whose object is a place taken or cut off: "besieged El Fasher", "captured Goma".
_TAKING_VERBS = {"shell", "bomb", "hit", "besiege", "encircle", "surround", "blockade", "capture", "seize", "retake",
                 "recapture", "storm", "overrun", "enter"}


def _listed_places(ent: SpacySpan) -> list[SpacySpan]:
    """Places the model mislabelled, one span each: "Kharkiv and Odesa" (one work of art to it), "Sumy" (a person)
    in a place's slot, when the gazetteer knows each name; [] when the entity is not such a list."""
    if ent.label_ not in _MISLABELLED or not all(t.pos_ in ("PROPN", "CCONJ", "PUNCT") for t in ent):
        return []
    if ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in _REGION_WORDS:
        return []  # "Kursk region": the region itself, which `_named_regions` reads whole
    parts: list[list[Token]] = [[]]
    for token in ent:
        if token.pos_ in ("CCONJ", "PUNCT"):
            parts.append([])
        else:
            parts[-1].append(token)
    names = [p for p in parts if p]
    if not names or not all(t.is_title for p in names for t in p):
        return []
    if not any(_in_place_slot(t) for p in names for t in p):
        return []
    if not all(_known_place(" ".join(t.text for t in p)) for p in names):
        return []
    return [SpacySpan(ent.doc, p[0].i, p[-1].i + 1, label="GPE") for p in names]


_PLACE_NOUNS = {"capital", "city", "town", "village", "region", "port", "settlement", "oblast", "province",
                "hamlet", "district", "raion", "suburb", "outskirts", "area", "neighbourhood", "neighborhood",
                "governorate", "municipality", "county", "township", "commune", "locality", "suburbs", "villages",
                "towns", "cities", "areas", "districts", "neighbourhoods", "neighborhoods"}
# Parts of a place, which name the place after "of": "the edge of", "the centre of", "the gates of".
_PLACE_PARTS = {"edge", "edges", "centre", "center", "heart", "outskirts", "suburbs", "entrance", "gates", "periphery",
                "environs", "streets", "fringes"}
_BEARINGS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
             "north-west", "south-east", "south-west", "outskirts", "west-northwest", "east-northeast"}
_PLACE_PREPOSITIONS = {"in", "near", "into", "outside", "around", "across"}
# Nouns of acts done to a place, which name it after "of" ("the shelling of X"; not "the capture of", which may take
# a person).
_ACTS_ON_A_PLACE = {"shelling", "bombardment", "siege", "encirclement", "blockade", "liberation"}
# Ways that run between two places ("the road between Boni and Douentza"); talks "between Putin and Trump" do not.
_ROUTE_NOUNS = {"road", "highway", "route", "motorway", "railway", "border", "frontier"}


def named_as_place(token: Token) -> bool:
    """The name a place noun introduces: "the capital Kyiv", "the southern city of Odesa", "the port of
    Izmail". Strong enough to overrule the model's label (it takes towns for people, even for languages)."""
    head = token.head
    if token.pos_ != "PROPN":
        return False
    if token.dep_ == "appos" and head.lower_ in _PLACE_NOUNS or _described_as_place(token):
        return True
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _PLACE_NOUNS


def _described_as_place(token: Token) -> bool:
    """A name a place noun describes after it: "El Obeid, the capital of North Kordofan", "Nabatieh, a town in the
    south"."""
    return any(child.dep_ == "appos" and child.lower_ in _PLACE_NOUNS for child in token.children)


def _names_another_place(doc: Doc, start: int, end: int) -> bool:
    """"the Russian region of Bryansk": the region is Bryansk, the adjective before it only says whose, and
    "a Russian region" names none."""
    last = doc[end - 1]
    if last.pos_ == "ADJ" and end + 1 < len(doc) and doc[end + 1].lower_ == "of":
        return True
    side = lexicon.SIDES.get(last.lower_)
    return side is not None and side.lower() != last.lower_ and last.lower_ not in lexicon.SIDE_PLACES


def placed(token: Token) -> bool:
    """Grammar says a single name is a place: "the capital Kyiv", "the city of Sumy", "in Sumy"."""
    head = token.head
    if token.dep_ == "appos" and head.lower_ in _PLACE_NOUNS or _described_as_place(token):
        return True
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _PLACE_NOUNS | _PLACE_PARTS:
        return True  # "the city of Sumy", "the northern edge of El Fasher"
    if token.dep_ == "pobj" and head.lower_ in ("on", "at") and head.head.lemma_ in lexicon.ATTACK_NOUNS:
        return True  # "a strike on Dnipro"
    if token.dep_ == "dobj" and head.i == token.i - 1 > 0 and head.tag_ in ("VBN", "VBD", "JJ") \
            and token.doc[head.i - 1].lower_ in _PLACE_PREPOSITIONS:
        return True  # "in occupied Crimea": the parser makes the participle a verb and the name its object
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _ACTS_ON_A_PLACE:
        return True  # "Russian shelling of Kostiantynivka", "the siege of El Fasher"
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _BEARINGS:
        return True  # "70 km southeast of Bosaso", "north of the capital"
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "out" and head.head.head.pos_ == "VERB":
        return True  # "drove the rebels out of Kindrashivka"
    first = head if token.dep_ in ("conj", "nmod", "compound") else token  # "the road between Boni and Douentza"
    if first.dep_ == "pobj" and first.head.lower_ == "between" and first.head.head.lemma_ in _ROUTE_NOUNS:
        return True  # both ends (the parser may hang the first on the second: "between Nabatieh and Kfar Rumman")
    return token.dep_ == "pobj" and head.lower_ in _PLACE_PREPOSITIONS


def _named_regions(doc: Doc, taken: set[int]) -> list[SpacySpan]:
    """Capitalised names ending in a region word the model left unlabelled: "Primorsky Krai", "Kursk region"."""
    regions = []
    for i in _region_word_positions(doc):
        token = doc[i]
        if token.i in taken or token.i == 0:
            continue
        if token.lower_ in _REGION_WORDS:
            end = token.i + 1
        elif lexicon.local_government_area_at(doc, token.i):
            end = token.i  # "Bokkos local government area", "Bokkos LGA": the name alone, which the gazetteer holds
        else:
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and start - 1 not in taken:
            start -= 1
        if start < token.i:
            regions.append(SpacySpan(doc, start, end, label="LOC"))
    return regions


# The hashes (as `Doc.to_array` gives them) of the words that may end a region's name in `_named_regions`: a region
# word or the first word of "local government area" in lower case, or "LGA" as written.
_REGION_END_LOWERS = frozenset(hash_string(word) for word in (*_REGION_WORDS, "local"))
_REGION_END_TEXTS = frozenset(hash_string(word) for word in ("LGA", "LGAs"))


def _region_word_positions(doc: Doc) -> list[int]:
    """The tokens `_named_regions` must look at, found by hash over the parse's arrays: every other token is neither a
    region word nor the start of a local government area (`lexicon.local_government_area_at`), and making each a
    Python object to ask was most of the search's cost."""
    return [i for i, (lower, text) in enumerate(doc.to_array([LOWER, ORTH]).tolist())
            if lower in _REGION_END_LOWERS or text in _REGION_END_TEXTS]


def _acronym_definitions(doc: Doc) -> dict[str, str]:
    """"Ukraine's military intelligence agency (HUR)": the acronym stands for the noun phrase before it."""
    found = {}
    for token in doc[2:-1]:
        if token.text.isupper() and 2 <= len(token.text) <= 6 and doc[token.i - 1].text == "(" \
                and doc[token.i + 1].text == ")":
            before = top = doc[token.i - 2]
            while top.dep_ in ("pobj", "prep", "compound", "amod") and top.head.i < top.i:
                top = top.head
            phrase = doc[top.left_edge.i:before.i + 1]
            if phrase.text and not phrase.text.isupper():
                found[token.text] = phrase.text
    return found


def _descriptor_tokens(name: SpacySpan) -> list[Token]:
    """Words around a name that describe the person: premodifiers, appositions, or the noun it is in apposition to."""
    root = name.root
    tokens: list[Token] = [t for t in root.subtree if t.i < name.start]
    for child in root.children:
        if child.dep_ == "appos" and child.i >= name.end:
            tokens += list(child.subtree)
    if root.dep_ == "appos" and root.head.i < name.start and root.head.pos_ in ("NOUN", "PROPN") \
            and not root.head.ent_type_ == "PERSON":
        inside = {t.i for t in root.subtree}
        tokens += [t for t in root.head.subtree if t.i not in inside]
    clauses = {t.i for t in tokens if t.dep_ in _CLAUSES for t in t.subtree}
    kept = {t.i: t for t in tokens if t.dep_ not in ("punct", "det", "case") and t.i not in clauses}
    return sorted(kept.values(), key=lambda t: t.i)


def _based_in(token: Token) -> bool:
    """`Kyiv-based analyst`: where a person works is not whom they speak for."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ == "based"


def describe_person(name: SpacySpan) -> tuple[str | None, str | None]:
    """(role, affiliation) of a named person from the words that describe them in the sentence.

    The affiliation is the first country, nationality or organisation among those words; the role
    is the remaining noun phrase, without prepositional phrases that only name the affiliation.
    """
    tokens = _descriptor_tokens(name)
    if not tokens:
        return None, None
    affiliation_tokens: list[Token] = []
    for label_set in (COUNTRY_LABELS, {"ORG", "LOC", "FAC"}):
        affiliation_tokens = [t for t in tokens if t.ent_type_ in label_set and not _based_in(t)]
        if affiliation_tokens:
            break
    affiliation = None
    if affiliation_tokens:
        first = affiliation_tokens[0]
        entity = next((e for e in name.doc.ents if e.start <= first.i < e.end), None)
        affiliation = entity.text if entity is not None else first.text
    entity_tokens = {t.i for t in tokens if t.ent_type_}
    role_words = []
    for token in tokens:
        if token.i in entity_tokens or token.pos_ in ("PROPN",) and token.ent_type_:
            continue
        if token.dep_ == "prep" and any(t.i in entity_tokens for t in token.subtree):
            continue
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and any(t.i in entity_tokens for t in token.head.subtree):
            continue
        if token.head.dep_ == "pobj" and any(t.i in entity_tokens for t in token.head.head.subtree) \
                and token.head.head.dep_ == "prep":
            continue
        if token.pos_ in ("NOUN", "ADJ", "PROPN", "ADP", "CCONJ") or token.text == "-":
            role_words.append(token.text)
    while role_words and role_words[-1].lower() in ("of", "with", "for", "in", "and", "at"):
        role_words.pop()
    while role_words and role_words[0].lower() in ("of", "with", "for", "in", "and", "at"):
        role_words.pop(0)
    role = " ".join(role_words) or None
    return role, affiliation


def _common_word_as_place(ent: SpacySpan) -> bool:
    """A place the model found in a word of no capital ("fleeing into the bush") or in a lone letter ("wrote on X"):
    news writes place names with a capital and more than one letter, and the gazetteer would find either somewhere
    (a town called Bush, the Philippine region numbered X)."""
    if ent.label_ not in ("GPE", "LOC", "FAC"):
        return False
    letters = [ch for ch in ent.text if ch.isalpha()]
    return not any(ch.isupper() for ch in letters) or len(letters) <= 1


def extract_mentions(doc: Doc, base: int = 0, post_index: int | None = None) -> list[Mention]:
    """Every mention in `doc` (a parse of cleaned text starting at `base`), in text order."""
    domain = _domain_spans(doc)
    taken = {i for span in domain for i in range(span.start, span.end)}
    spans: list[SpacySpan] = list(domain)
    place_texts = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC")}
    for whole in doc.ents:
        repaired = _repaired(whole, place_texts)
        for ent in _listed_places(repaired) or [repaired]:
            if ent.label_ in KEPT_LABELS and not any(i in taken for i in range(ent.start, ent.end)) \
                    and not _common_word_as_place(ent):
                spans.append(ent)
                taken.update(range(ent.start, ent.end))
    spans += _extra_people(doc, taken)
    spans += _named_regions(doc, taken)
    taken.update(i for span in spans for i in range(span.start, span.end))
    spans += [SpacySpan(doc, t.i, t.i + 1, label="GPE") for t in doc
              if t.pos_ == "PROPN" and t.is_title and not t.ent_type_ and t.i not in taken
              and (placed(t) or _in_place_slot(t) and _known_place(t.text))]
    spans += _missed_nationalities(doc, taken)
    spans.sort(key=lambda s: s.start)
    acronyms = {**lexicon.AGENCY_ACRONYMS, **_acronym_definitions(doc)}

    mentions: list[Mention] = []
    people: list[Mention] = []
    for span in spans:
        text = span.text
        if span.label_ == "ORG" and text.startswith("the "):
            text = text[4:]
        start = base + span.start_char + (len(span.text) - len(text))
        mention = Mention(
            span=Span(start, start + len(text), text),
            label=span.label_,
            canonical=acronyms.get(text) if span.label_ == "ORG" else None,
            post_index=post_index,
        )
        if span.label_ == "PERSON":
            mention = _person(mention, span, people)
            people.append(mention)
        mentions.append(mention)
    return mentions


def _person(mention: Mention, span: SpacySpan, earlier: list[Mention]) -> Mention:
    """A full name gets its role and affiliation; a surname or "Ms X" resolves to the earlier full name."""
    words = [w for w in mention.span.text.split() if w.lower() not in lexicon.HONORIFICS]
    if len(words) == 1:
        for previous in reversed(earlier):
            full = previous.canonical or previous.span.text
            if len(full.split()) > 1 and full.split()[-1] == words[0]:
                return replace(mention, canonical=full, role=previous.role, affiliation=previous.affiliation)
    role, affiliation = describe_person(span)
    return replace(mention, canonical=" ".join(words) or None, role=role, affiliation=affiliation)
