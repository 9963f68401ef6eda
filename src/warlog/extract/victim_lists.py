"""One toll from a list of victims: "killed four soldiers and two civilians" is six, "a man, his wife and their
three children were killed" is five.

Why: the quantity finder reads each number of a list on its own, and an event took the first, so a strike that
"killed a commander and two other people" was reported with one dead. The figures of a list joined by "and" are
parts of one toll; a figure introduced by "including" or "among them" is a part of the figure before it and is
never added to it (that is a breakdown, the ledger's business). Unnumbered members count one each only when they
are one person ("his wife", "a policeman"); a member that is neither ("and civilians", "and a house") means the
list cannot be summed, and the first figure stands.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from warlog.extract.quantities import PERSON_WORDS
from warlog.schema import Quantity, Span

# Determiners that make a singular person noun one person ("his wife", "a driver", "the gunman").
_ONE = {"a", "an", "the", "his", "her", "their", "its", "one", "another"}
# Kin and roles news names victims by that the casualty lexicon does not count as people on its own.
_KIN = {"wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "child", "baby", "grandson",
        "granddaughter", "grandmother", "grandfather", "nephew", "niece", "cousin", "uncle", "aunt", "driver",
        "guard", "bodyguard", "companion", "colleague", "friend", "neighbour", "neighbor", "relative"}
# Qualifiers that make the sum a lower bound.
_LOWER_BOUND = {"at least", "more than", "over"}


def summed_toll(doc: Doc, base: int, quantities: list[Quantity], chosen: int, candidates: list[int]) -> Quantity | None:
    """The total of the victim list that quantity `chosen` heads, or None when it heads no list. `candidates` are
    the indexes (into `quantities`) of the sentence's figures of the same kind (killed or injured); `base` is the
    document offset of `doc`."""
    first = quantities[chosen]
    noun = _counted_noun(doc, base, first)
    if noun is None:
        return None
    members = _list_members(noun)
    if len(members) < 2 or _sources_after(members):
        return None
    by_noun = {}
    for index in candidates:
        counted = _counted_noun(doc, base, quantities[index])
        if counted is not None and quantities[index].fraction_of is None:
            by_noun.setdefault(counted.i, quantities[index])
    total, qualifiers = 0.0, set()
    for member in members:
        quantity = by_noun.get(member.i)
        if quantity is not None:
            if quantity.value is None or quantity.vague:
                return None
            total += quantity.value
            qualifiers.add(quantity.qualifier)
        elif _one_person(member):
            total += 1
        else:
            return None
    start = base + doc[min(m.left_edge.i for m in members)].idx
    last = doc[max(m.i for m in members)]
    end = base + last.idx + len(last.text)
    qualifier = "at least" if qualifiers & _LOWER_BOUND else "exact"
    return Quantity(span=Span(start, end, doc.text[start - base:end - base]), value=total, low=total,
                    high=None if qualifier == "at least" else total, qualifier=qualifier, unit=first.unit,
                    counted=first.counted, counted_span=first.counted_span, post_index=first.post_index)


def _counted_noun(doc: Doc, base: int, quantity: Quantity) -> Token | None:
    """The noun a figure counts: "four" -> soldiers, "at least nine" -> soldiers, "A" -> man."""
    found = doc.char_span(quantity.span.start - base, quantity.span.end - base, alignment_mode="expand")
    inside = list(found) if found is not None else []  # the figure's tokens, found without a walk over the doc
    token = next((t for t in reversed(inside) if t.like_num or t.tag_ == "CD" or t.lower_ in ("a", "an")),
                 inside[0] if inside else None)
    if token is None:
        return None
    if token.dep_ in ("nummod", "det", "quantmod") and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    return token if token.pos_ in ("NOUN", "PROPN") else None


def _list_members(noun: Token) -> list[Token]:
    """The nouns of the list `noun` stands in, joined by "and" (a list "X, Y and Z" the parser may hang as an
    apposition with conjuncts); a noun introduced by a preposition ("including", "among") is not a member."""
    head = noun
    while head.dep_ == "conj" or head.dep_ == "appos" and any(c.dep_ == "conj" for c in head.children):
        head = head.head
    if not any(c.lower_ == "and" and c.dep_ == "cc" for t in [head, *head.subtree] for c in t.children):
        return [noun]
    members = [head]
    frontier = [head]
    while frontier:
        token = frontier.pop()
        for child in token.children:
            if child.dep_ == "conj" or child.dep_ == "appos" and any(c.dep_ == "conj" for c in child.children):
                members.append(child)
                frontier.append(child)
    if len(members) == 1:
        members += _split_subject(head)
    return sorted(members, key=lambda t: t.i) if noun in members else [noun]


def _split_subject(head: Token) -> list[Token]:
    """The second half of a subject the parser split in two ("Three soldiers and at least eight rebels were killed":
    "rebels" hung as a second subject of the verb, not a conjunct): the sibling of the same role that follows right
    after the "and" closing the first."""
    cc = next((c for c in head.children if c.dep_ == "cc" and c.lower_ == "and" and c.i > head.i), None)
    if cc is None or head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return []
    return [s for s in head.head.children if s.dep_ == head.dep_ and s.i > cc.i and s.left_edge.i == cc.i + 1]


# Verbs of telling: a list that runs into one ("killing 11 civilians, three witnesses and a health worker told
# Reuters") ends in who told it, which the parse took for more victims.
_TELLING = {"say", "tell", "report", "confirm", "add", "state"}


def _sources_after(members: list[Token]) -> bool:
    """Whether a verb of telling follows the list's last member: its last members are the sources, not victims."""
    last = max(members, key=lambda t: t.i)
    doc = last.doc
    return last.i + 1 < len(doc) and doc[last.i + 1].lemma_.lower() in _TELLING and doc[last.i + 1].pos_ == "VERB"


def _one_person(noun: Token) -> bool:
    """ "his wife", "a policeman", "the driver": one person."""
    return (noun.tag_ == "NN" and (noun.lower_ in PERSON_WORDS or noun.lemma_.lower() in _KIN)
            and any(c.dep_ in ("det", "poss") and c.lower_ in _ONE for c in noun.children))
