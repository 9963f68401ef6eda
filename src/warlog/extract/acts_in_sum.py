"""Acts a sentence tells in sum: over a stretch of years, as a share of a count, as a kind, or as the toll of a period.

A report's background tells the war it happens in: "more than a decade of violence, in which tens of thousands of
people have been killed", "fighters were responsible for two-thirds of the deaths", "the juntas have relied on force,
including drone strikes that have killed civilians". Each names acts, none is an incident: the stretch, the share, the
kind and the period sum many acts, and no day or town makes one of them. These checks read the parse alone; the caller
says whether the sentence gives the act a time or a town.
"""

from __future__ import annotations

from spacy.tokens import Token

from warlog.extract.lexicon import ATTACK_NOUNS

# Stretches of time acts are summed over ("years of fighting", "a decade of violence", "months of protests"); "three
# days of fighting" may still be one battle's, and is left.
_LONG_SPANS = {"decade", "year", "month", "week"}
# Parts of a count of acts ("two-thirds of the deaths", "most of the attacks", "80 percent of the killings").
_SHARES = {"half", "third", "quarter", "majority", "most", "bulk", "share", "proportion", "fraction", "percent",
           "%", "rest", "many", "some"}
# The prepositions of a relative clause that tells what happened over its antecedent: "in which", "during which".
_OVER_WHICH = {"in", "during", "over", "throughout"}


def summed_over_a_span_or_share(trigger: Token) -> bool:
    """Whether an act noun is summed over months or years ("years of fighting", "a decade of violence") or is a
    share of such a sum in the plural ("two-thirds of the deaths", "most of the attacks")."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ != "pobj" or trigger.head.lower_ != "of":
        return False
    holder = trigger.head.head
    lemma = holder.lemma_.lower()
    if lemma in _LONG_SPANS:
        return True
    return lemma in _SHARES and trigger.tag_ in ("NNS", "NNPS")


def _in_the_perfect(verb: Token) -> bool:
    """Whether a verb is in the present perfect ("have killed", "have been killed", "has died")."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def a_kind_of_act(trigger: Token, untimed_and_unplaced: bool) -> bool:
    """Whether an act noun names a kind of act: a bare plural that a relative clause in the present perfect describes
    ("drone strikes that have killed civilians"), with no time and no town in the sentence to make it one."""
    if not untimed_and_unplaced or trigger.tag_ not in ("NNS", "NNPS"):
        return False
    if any(c.dep_ in ("det", "nummod", "poss") for c in trigger.children):
        return False  # "the strikes that have killed", "two strikes", "Russia's strikes": these strikes
    return any(c.dep_ == "relcl" and _in_the_perfect(c) for c in trigger.children)


def toll_of_a_period(trigger: Token) -> bool:
    """Whether an act is told in a relative clause in the present perfect that opens "in which" or "during which"
    ("a decade of violence, in which tens of thousands of people have been killed"): what a war or a period has
    cost, summed to now, not an act of one day."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head if trigger.head.pos_ in ("VERB", "AUX") \
        else None
    if verb is None or verb.dep_ != "relcl" or not _in_the_perfect(verb):
        return False
    return any(c.dep_ == "prep" and c.lower_ in _OVER_WHICH and any(g.lower_ == "which" for g in c.children)
               for c in verb.children)


# Acts counted in the plural: "two separate raids", "three attacks", "several strikes" (with "operations", "clashes").
_COUNTED_ACTS = ATTACK_NOUNS | {"operation", "operations", "clash", "clashes", "ambush", "ambushes", "bombing",
                                "bombings", "airstrike", "airstrikes", "incident", "incidents"}
_SEVERAL = {"several", "multiple", "numerous", "separate"}


def _counted_as_several(noun: Token) -> bool:
    """Whether an act noun is counted as more than one: "two raids", "several strikes", "a dozen attacks"."""
    for child in noun.children:
        if child.dep_ == "nummod" and child.like_num:
            try:
                if float(child.text.replace(",", "")) >= 2:
                    return True
            except ValueError:
                if child.lower_ not in ("one", "a", "an", "single"):
                    return True  # "two", "three": numbers in words
        if child.dep_ == "amod" and child.lower_ in ("several", "multiple", "numerous"):
            return True
    return False


def toll_of_several_acts(trigger: Token) -> bool:
    """Whether the toll a sentence gives is summed over several acts it counts ("killed 35 militants in two separate
    raids", "three attacks killed 12"): no one incident's toll, each act's own is told apart (or not at all)."""
    nouns = [trigger] if trigger.pos_ == "NOUN" else []
    nouns += [g for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "across")
              for g in prep.children if g.dep_ == "pobj"]
    nouns += [c for c in trigger.children if c.dep_ in ("nsubj", "agent")]
    return any(n.lemma_.lower() in _COUNTED_ACTS or n.lower_ in _COUNTED_ACTS for n in nouns
               if n.tag_ in ("NNS", "NNPS") and _counted_as_several(n))
