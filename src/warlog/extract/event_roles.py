"""The roles around an event trigger: who acted, on whom, with what, and which place mentions are places.

Read from spaCy's parse and the mentions of the sentence: the doer is a passive agent, the subject of the
verb governing the trigger, or the nationality of the weapon or strike; the target is the object or the
"on/at X" phrase; a place that speaks, is spoken to or owns forces is a government (metonymy), not where
something happened.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from warlog.extract import lexicon
from warlog.schema import Mention, Span

ACTOR_LABELS = {"GPE", "NORP", "ORG", "PERSON"}


PLACE_LABELS = {"GPE", "LOC", "FAC"}


SPEECH_LEMMAS = {"say", "call", "tell", "accuse", "deny", "claim", "announce", "report", "warn", "urge", "vow"}
# Speech only as a verb: "the Southwest state of Somalia" says nothing.
_SPEECH_VERBS = {"state", "add", "write"}


def is_speech(token: Token) -> bool:
    """Whether a token reports speech: a speech lemma, or "stated", "added", "wrote" used as verbs; never a claim
    on lives ("the attack claimed the lives of 12 people", "claimed 12 lives"), which is a killing."""
    if lexicon.takes_lives(token):
        return False
    return token.lemma_ in SPEECH_LEMMAS or (token.pos_ == "VERB" and token.lemma_ in _SPEECH_VERBS)


# Prepositions of place: "in X" hanging on a speech verb says where, never whom ("In Kharkiv, officials said").
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "throughout"}


# "X-backed fighters" are on X's side; "X-made drones" only come from X (see ORIGIN_PARTICIPLES).
AFFILIATION_PARTICIPLES = {"backed", "led", "allied", "aligned", "controlled", "installed", "sponsored", "supported",
                           "funded", "commanded", "affiliated", "linked", "loyal"}
ORIGIN_PARTICIPLES = {"made", "built", "designed", "supplied", "produced", "manufactured", "developed", "born",
                      "based", "donated", "provided", "delivered"}


FORCE_NOUNS = {"force", "forces", "army", "troops", "military", "government", "authorities", "officials"}
# Armed groups named by a common noun ("Rebels attacked a base", "gunmen opened fire") are doers as well.
FORCE_NOUNS |= {"soldier", "rebel", "militant", "insurgent", "fighter", "gunman", "gunmen", "militia", "jihadist",
                "separatist", "guerrilla", "paramilitary", "attacker", "militiaman", "militiamen", "assailant",
                "bandit", "extremist", "police", "policeman", "policemen", "gang", "gangster", "terrorist", "raider",
                "kidnapper", "herder", "herdsman", "herdsmen", "vigilante", "commando",
                # "air defences shot down 49 drones": the defences fired, not the drones' owner
                "defences", "defenses"}


def inside(span: Span, outer: Span) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def token_span(tokens: list[Token], base: int) -> Span | None:
    if not tokens:
        return None
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    # the tokens' stretch of the parse, not `doc.text`, which spaCy rebuilds from every token on each call
    text = first.doc[first.i:last.i + 1].text
    return Span(base + first.idx, base + first.idx + len(text), text)


_NP_DEPS = {"compound", "amod", "det", "poss", "case", "nummod", "quantmod", "nmod", "advmod", "npadvmod"}


PLACE_HEADS = {"region", "oblast", "krai", "kray", "province", "district", "frontline", "front", "city", "town",
                "village", "border", "area", "direction", "capital", "outskirts", "suburb", "port", "township",
                "county", "state", "governorate", "prefecture", "commune", "municipality", "territory", "raion",
                "locality", "neighbourhood", "neighborhood", "camp"}


# Verbs of a demonstration that a relative clause of its crowd tells ("teachers who marched on the ministry in X"):
# the demonstration itself, with its place and day.
DEMONSTRATION_VERBS = {"march", "protest", "demonstrate", "rally", "gather", "chant", "riot", "converge"}


def tells_the_demonstration(clause: Token) -> bool:
    """Whether a relative clause is the crowd's demonstration ("demonstrators who marched on parliament in X")."""
    return clause.dep_ in ("relcl", "acl") and clause.lemma_.lower() in DEMONSTRATION_VERBS


def misattached_main_verb(clause: Token) -> bool:
    """A finite past verb, or a participle with a direct object (a passive one has none), that the parser hung on a
    noun as its modifier: the sentence's own verb ("A drone attack killed six civilians in X on Sunday"), or the verb
    of a clause of time whose subject the parser made its head ("were killed when an explosive device detonated near
    their vehicle in X": "when" hangs on "device")."""
    if clause.dep_ != "acl":
        return False
    if clause.tag_ == "VBD" or clause.tag_ == "VBN" and any(c.dep_ == "dobj" for c in clause.children):
        return True
    return clause.tag_ == "VBN" and clause.i > clause.head.i and any(
        c.dep_ in ("advmod", "mark") and c.lower_ in _TIME_CONJUNCTIONS and c.i < clause.head.i
        for c in clause.head.children)


_TIME_CONJUNCTIONS = {"when", "after", "as", "before", "while", "once"}


def noun_phrase(token: Token) -> list[Token]:
    """The noun phrase headed by `token`, without clauses or prepositional tails: "a Russian guided bomb"."""
    tokens = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in _NP_DEPS and (child.i < token.i or child.dep_ in ("compound", "case")):
                tokens.append(child)
                stack.append(child)
    tokens.sort(key=lambda t: t.i)
    # keep the contiguous stretch that ends at the head
    contiguous = [token]
    for t in reversed([t for t in tokens if t.i < token.i]):
        # bridge the hyphen of a compound ("al-Qaeda-linked"), never a spaced dash after a dateline
        while contiguous[0].i - 1 > t.i and token.doc[contiguous[0].i - 1].text == "-" \
                and not token.doc[contiguous[0].i - 1].whitespace_:
            contiguous.insert(0, token.doc[contiguous[0].i - 1])
        if t.i == contiguous[0].i - 1:
            contiguous.insert(0, t)
    return contiguous + [t for t in tokens if t.i > token.i and t.i == contiguous[-1].i + 1]


def mention_at(token: Token, mentions: list[Mention], base: int) -> Mention | None:
    position = base + token.idx
    return next((m for m in mentions if m.span.start <= position < m.span.end), None)


def governing_verb(trigger: Token) -> Token | None:
    """The verb a trigger noun hangs from ("unleashed an overnight drone attack" -> unleashed)."""
    current = trigger
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.dep_ not in ("compound", "amod", "dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr"):
            return None
        if current.head == current:
            return None
        current = current.head
    return current if current.pos_ in ("VERB", "AUX") else None


def _is_actor(token: Token, mentions: list[Mention], base: int) -> Token | None:
    """The token itself or its nationality/owner modifier, when that names an actor."""
    mention = mention_at(token, mentions, base)
    if mention is not None and mention.label in ACTOR_LABELS:
        return token
    for modifier in token.children:
        if modifier.dep_ in ("amod", "compound", "poss", "nmod"):
            found = mention_at(modifier, mentions, base)
            if found is not None and found.label in ACTOR_LABELS:
                return token
            if token.lemma_.lower() in _PARTS_OF_A_FORCE and is_force_noun(modifier):
                return token  # "gang members", "a rebel group": members or a body of a force are that force
            if modifier.lower_ in AFFILIATION_PARTICIPLES and any(
                    (m := mention_at(g, mentions, base)) is not None and m.label in ACTOR_LABELS
                    for g in modifier.children if g.dep_ in ("npadvmod", "amod", "compound", "nmod")):
                return token  # "Russian-backed fighters", "Kremlin-controlled militias"
    if is_force_noun(token):
        return token
    return None


# Nouns for the members or a body of a force named by its modifier: "gang members", "a rebel group", "a militia unit".
_PARTS_OF_A_FORCE = frozenset("member group faction wing cell unit".split())


def is_force_noun(token: Token) -> bool:
    """"forces", "troops", "rebels": a sentence-initial capital makes the parser take "Rebels" for a name, with
    itself as lemma, so the plain plural is read too."""
    return any(form in FORCE_NOUNS for form in (token.lower_, token.lemma_, token.lower_.removesuffix("s")))


def is_actor_token(token: Token, mentions: list[Mention], base: int) -> bool:
    """Whether a token names an actor: a person, organisation, country or nationality, or forces."""
    return _is_actor(token, mentions, base) is not None


def actor_token(trigger: Token, mentions: list[Mention], base: int) -> Token | None:
    """The doer: a passive agent, the subject of the verb governing the trigger, or the nationality
    modifying the trigger or the weapon ("a Russian missile strike", "a Russian guided bomb struck")."""
    verb = governing_verb(trigger)
    candidates: list[Token] = _subject_of_misattached(trigger, mentions, base)
    if verb is not None and under_attack(trigger) is None:  # "X came under Russian fire": X is hit, not the doer
        for child in verb.children:
            if child.dep_ == "agent":
                candidates += [g for g in child.children if g.dep_ == "pobj"]
        copula = verb.lemma_ == "be" and trigger.dep_ == "attr"  # "It was the third attack": the act, not its doer
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        # "Sudan's paramilitary Rapid Support Forces shelled": the parse split one subject in two; the first half goes
        split = {c.i for c in subjects if any(other.left_edge.i == c.right_edge.i + 1 for other in subjects)}
        for child in verb.children:
            if child.dep_ == "nsubj" and child.i not in split and not copula and (verb == trigger or not (
                    is_speech(verb) or _responds_to(verb, trigger) or _tells_of(verb, trigger))):
                # "officials said a drone attack …": who speaks is the source, not the doer
                candidates += [subject] if (subject := _past_dateline(child)) is not None else []
        if not candidates and (verb == trigger or _is_attack_noun(trigger)):
            candidates += _controller(verb)  # not the police of "police fired tear gas to disperse protesters"
        if not candidates and verb == trigger and verb.dep_ == "conj" and verb.head.pos_ == "VERB" \
                and not is_speech(verb.head) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "its forces had struck facilities and had taken the village": the joined verb shares the first's subject
            candidates += [c for c in verb.head.children if c.dep_ == "nsubj"]
        # "a missile fired by the Houthis struck a ship": who fired the weapon that struck
        candidates += [g for subject in verb.children if subject.dep_ == "nsubj"
                       for acl in subject.children if acl.dep_ == "acl"
                       for agent in acl.children if agent.dep_ == "agent" for g in agent.children if g.dep_ == "pobj"]
        if not candidates and verb == trigger and any(c.dep_ == "auxpass" for c in verb.children):
            candidates += _doers_of_the_cause(verb)
        # "Shelling by the RSF on a market killed 15": the doer of the act the verb's subject names (the parse may
        # take the gerund for a clause of its own)
        candidates += [g for subject in verb.children if subject.i < verb.i and (
                           subject.dep_ in ("csubj", "nsubj", "advcl") and subject.tag_ == "VBG"
                           or subject.dep_ == "nsubj" and _is_attack_noun(subject))
                       for by in subject.children if by.dep_ == "prep" and by.lower_ == "by" for g in _by_whom(by)]
    under = under_attack(trigger)
    for child in [*trigger.children, *(under.children if under is not None else ())]:
        if child.dep_ == "prep" and child.lower_ == "by":  # "came under attack by Chadian tanks"
            candidates += _by_whom(child)
    for number, candidate in enumerate([*candidates, trigger]):
        if candidate.pos_ == "PRON" and candidate.lower_ in ("it", "they"):
            return candidate  # resolved to the claim's speaker by the caller
        if number < len(candidates):
            candidate = _who_were_counted(candidate)
        found = _is_actor(candidate, mentions, base)
        if found is not None:
            # the trigger's own turn ("a Russian strike"): who did it is the modifier that names an actor; a trigger
            # found before as its verb's subject ("air defences intercepted most of them") is the doer itself
            if number == len(candidates):
                modifier = next((m for m in trigger.children if m.dep_ in ("amod", "compound", "poss", "nmod")
                                 and mention_at(m, mentions, base) is not None), None)
                return modifier
            return found
    # "a military airstrike", "a rebel attack": an unnamed force that describes the attack is its doer
    for attack in [*candidates, trigger]:
        if _is_attack_noun(attack):
            force = next((m for m in noun_phrase(attack) if m.i < attack.i and m.dep_ in ("amod", "compound")
                          and is_force_noun(m)), None)
            if force is not None:
                return force
    return None


# Words that count, gather or belong to the doers: "Dozens of settlers attacked", "a group of gunmen stormed".
_COUNTING_NOUNS = frozenset("dozen hundred thousand score band handful number".split()) | _PARTS_OF_A_FORCE


def _who_were_counted(subject: Token) -> Token:
    """"Dozens of Israeli settlers attacked the village", "members of a militia opened fire": the doers are the
    settlers, the militia the subject counts."""
    if not {subject.lemma_.lower(), subject.lower_.removesuffix("s")} & _COUNTING_NOUNS:
        return subject  # (a capital first word, "Dozens", is a proper noun to the parse, its own lemma)
    return next((o for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"), subject)


def _subject_of_misattached(trigger: Token, mentions: list[Mention], base: int) -> list[Token]:
    """The subject of a sentence's own verb that the parser hung on it as a modifier: "Gunmen on motorcycles killed 18
    villagers …, the ministry said", with "killed" hung on "Gunmen", or on the "motorcycles" they rode."""
    if trigger.dep_ != "acl" or not misattached_main_verb(trigger):
        return []
    head = trigger.head
    if _is_actor(head, mentions, base) is None and head.dep_ == "pobj" and head.head.dep_ == "prep":
        head = head.head.head
    return [head] if _is_actor(head, mentions, base) is not None else []


def _by_whom(by: Token) -> list[Token]:
    """Who a "by" phrase names. In "shelling by the paramilitary Rapid Support Forces" the parse may take the adjective
    for the noun and hang the name on it as an apposition: the name is there too."""
    return [n for g in by.children if g.dep_ == "pobj"
            for n in (*(a for a in g.children if a.dep_ == "appos" and g.pos_ == "ADJ"), g)]


def _doers_of_the_cause(verb: Token) -> list[Token]:
    """"were killed when Maoists blew up their vehicle", "when their vehicle ran over a bomb planted by militants": who
    did what killed the victims of a passive toll verb, told in its clause of time: that clause's subject, or the
    agent of a weapon's planting in it."""
    found: list[Token] = []
    # "were killed and three wounded when rebels attacked …": the clause of time may hang on the joined toll verb
    joined = [c for c in verb.children if c.dep_ == "conj" and c.lemma_.lower() in lexicon.TOLL_VERBS]
    for clause in [c for v in (verb, *joined) for c in v.children]:
        if clause.dep_ != "advcl" or not any(c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "as", "after")
                                             for c in clause.children):
            continue
        if any(c.dep_ == "dobj" for c in clause.children):  # a doer does something to something ("blew up their
            # vehicle"); "as it was leaving" tells what the victims were doing
            found += [c for c in clause.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        found += [g for t in clause.subtree if t.dep_ == "acl" for agent in t.children if agent.dep_ == "agent"
                  for g in agent.children if g.dep_ == "pobj"]
    return found


def _controller(verb: Token) -> list[Token]:
    """The doer of an infinitive or a closing participle with no subject of its own: the subject of the verb it serves
    ("fighters used drones to attack a base", "gunmen went on to storm the school", "militants attacked two towns,
    killing 30"), unless that verb has an object who would be the doer
    ("ordered troops to attack"; the drones "used" to attack are the means) or is a verb of speech."""
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
    participle = verb.tag_ == "VBG" and verb.dep_ == "advcl"  # "militants attacked two towns, killing 30"
    if not (infinitive or participle) or verb.dep_ not in ("advcl", "xcomp") or is_speech(verb.head):
        return []
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in lexicon.MEANS_VERBS \
            and any(c.dep_ in ("dobj", "dative") for c in verb.head.children):
        return []
    return [c for c in verb.head.children if c.dep_ == "nsubj"]


# Verbs of telling about an act named by a noun ("the mayor confirmed the night's raid", "a spokeswoman
# confirmed seven deaths", "a researcher described the strike as the deadliest"): their subject is a source.
_TELLING_VERBS = {"confirm", "describe", "acknowledge", "verify", "document", "record", "recount", "detail",
                  "mourn", "investigate", "blame", "attribute", "publish", "air", "post", "share", "cite", "note",
                  # and of judging it: "the prime minister praised the operation"
                  "praise", "hail", "laud", "applaud", "commend", "welcome", "celebrate",
                  # and of perceiving it: "residents heard heavy gunfire", "witnesses saw the explosion"
                  "hear", "see", "witness", "watch", "notice", "feel", "film"}


# Nouns of a count of the dead, and the verbs by which someone gives one ("put the toll at 38", "raised the tally").
_TOLL_NOUNS = {"toll", "tally", "count"}
_COUNTING_VERBS = {"put", "give", "raise", "revise", "update", "lower", "place", "set", "bring", "report", "release"}


def _tells_of(verb: Token, trigger: Token) -> bool:
    """Whether `verb` tells of the act `trigger` names as a noun, so that its subject is who tells, not who did it;
    so does who gives its toll ("an army spokesman put the toll at 38")."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger == verb:
        return False
    return verb.lemma_.lower() in _TELLING_VERBS or trigger.lemma_.lower() in _TOLL_NOUNS \
        and verb.lemma_.lower() in _COUNTING_VERBS


# Verbs of answering an attack: their subject is who was (or would be) attacked.
_RESPONSE_VERBS = {"respond", "retaliate", "react", "reply", "answer", "avenge", "defend", "resist", "repel",
                   "repulse", "withstand", "survive", "condemn", "denounce", "deny", "warn"}


def _responds_to(verb: Token, trigger: Token) -> bool:
    """"it would respond to any attack", "vowed to retaliate for the attacks": who answers an attack is its target,
    never its doer, so the subject of the answering verb is not taken for the attacker."""
    return verb != trigger and verb.lemma_.lower() in _RESPONSE_VERBS


def _past_dateline(subject: Token) -> Token | None:
    """The subject the parse took from a wire dateline ("BAMAKO, Mali (AFP) - Jihadists ... attacked") is the
    first noun after the dateline's dash, which the parse hangs on the place as an apposition; a dateline place
    with nothing after it is no doer at all (None)."""
    doc = subject.doc
    sent_start = subject.sent.start
    dash = next((t for t in doc[sent_start:min(sent_start + 10, len(doc))] if t.i > subject.i
                 and lexicon.is_dateline_dash(t.text, bool(doc[t.i - 1].whitespace_), bool(t.whitespace_))), None)
    if dash is None:
        return subject
    child = next((c for c in subject.children if c.dep_ in ("appos", "conj") and c.i > dash.i), None)
    if child is not None:
        return child
    # "GOMA, Democratic Republic of Congo - Rwanda-backed M23 rebels took …": the parse may hang the phrase after the
    # dash deeper in the dateline ("of … rebels"); its head is the noun after the dash whose own head is before it
    return next((t for t in subject.subtree if t.i > dash.i and t.head.i < dash.i and t.pos_ in ("NOUN", "PROPN")),
                None)


def under_attack(trigger: Token) -> Token | None:
    """"Ukrainian positions came under heavy Russian shelling", "the convoy was under attack": the verb whose
    subject is what the attack hit (its doer is the attack's nationality), or None."""
    noun = trigger.head if trigger.dep_ == "compound" else trigger
    preposition = noun.head
    if noun.dep_ == "pobj" and preposition.lower_ == "under" and preposition.head.lemma_ in _UNDER_VERBS:
        return preposition.head
    return None


_UNDER_VERBS = {"come", "be", "remain", "fall"}


def attacker_in(sent: SpacySpan, mentions: list[Mention], base: int) -> Token | None:
    """A nationality or country modifying an attack or weapon noun anywhere in the sentence ("after a
    Russian missile strike on Kharkiv"), for sentences whose trigger is the casualty verb."""
    for token in sent:
        weapon = mention_at(token, mentions, base)
        if token.lower_ in lexicon.ATTACK_NOUNS or (weapon is not None and weapon.label == "WEAPON"):
            for modifier in token.children:
                found = mention_at(modifier, mentions, base)
                if modifier.dep_ in ("amod", "compound", "poss") and found is not None \
                        and found.label in ("NORP", "GPE"):
                    return modifier
    return None


# Forces named between a weapon's nationality and the weapon ("a Russian army drone", "Nigerian military jets").
_WEAPON_OWNING_FORCES = frozenset("military army navy police".split())


def actor_phrase(actor: Token, mentions: list[Mention], base: int) -> Span | None:
    """The actor as written; a weapon or an attack is not an actor, its nationality is ("a Sudanese glide bomb",
    "Sudanese shelling" -> Sudanese); forces keep their owner ("the armed forces of the Republic of X")."""
    named = mention_at(actor, mentions, base)
    if actor.dep_ in ("amod", "compound") and _is_attack_noun(actor.head) and named is not None:
        return named.span  # "heavy Russian shelling": the nationality, not what describes the shelling
    tokens = noun_phrase(actor)
    span = token_span(tokens, base)
    weapon = next((m for m in mentions if m.label == "WEAPON" and span and m.span.start < span.end
                   and span.start < m.span.end), None)
    if weapon is not None or _is_attack_noun(actor):
        owner = next((t for t in tokens if (m := mention_at(t, mentions, base)) is not None
                      and m.label in ("NORP", "GPE")), None)
        if owner is None:
            return None
        # "a Nigerian military drone": the owner with the force it names ("Nigerian military"), not the weapon
        force = [t for t in tokens if t.i == owner.i + 1 and t.lower_ in _WEAPON_OWNING_FORCES]
        return token_span([owner, *force], base)
    tokens = _without_leading_participles(tokens, mentions, base)
    span = token_span(tokens, base)
    if is_force_noun(actor):
        for child in actor.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                tokens = tokens + list(child.subtree)
        return token_span(sorted(tokens, key=lambda t: t.i), base)
    return span


def _without_leading_participles(tokens: list[Token], mentions: list[Mention], base: int) -> list[Token]:
    """"(the junta has) armed Wagner fighters": a participle or adverb before the nationality is the parse
    taking a verb for a modifier, or a description ("heavily armed"); the force is "Wagner fighters"."""
    named = [n for n, t in enumerate(tokens) if (m := mention_at(t, mentions, base)) is not None
             and m.label in ACTOR_LABELS]
    if not named or named[0] == 0:
        return tokens
    lead = tokens[:named[0]]
    if all(t.tag_ in ("VBN", "VBD", "RB") or t.pos_ == "ADV" or t.lower_ == "armed" for t in lead):
        return tokens[named[0]:]
    return tokens


def target_token(trigger: Token, mentions: list[Mention], base: int) -> Token | None:
    """The object of the trigger verb, or the "on/at/against X" phrase of the attack ("attack on Kyiv").

    Where the subject of a casualty verb is an attack on something ("a drone attack on a school killed four
    children"), what was attacked is the target and the dead and injured are its toll: the victims are the
    target only when no attacked thing is named."""
    heads = [trigger.head if trigger.dep_ == "compound" else trigger]
    verb = governing_verb(trigger)
    if verb is not None and verb != trigger:
        heads.append(verb)
    under = under_attack(trigger)
    if under is not None:
        return next((c for c in under.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for head in heads:
        if head.lemma_ in _CASUALTY_LEMMAS and (attacked := _attacked_by_toll(head, mentions, base)) is not None:
            return attacked
    for head in heads:
        for child in head.children:
            if _idiom_object(head, child) and (aimed := _attacked(child)) is not None:
                return aimed  # "opened fire on the crowd" parsed with the "on" under "fire"
            if child.dep_ in ("dobj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN", "PRON") \
                    and trigger not in child.subtree and not _idiom_object(head, child):
                if _is_attack_noun(child):  # "launched a missile strike on X": the strike is the event, X its target
                    return _attacked(child)
                if head.lemma_ in _FIRE_LEMMAS:  # "fired dozens of rockets at X": what was fired is no target
                    aimed = next((found for t in child.subtree if (found := _attacked(t)) is not None), None)
                    if aimed is not None:
                        return aimed  # "a swarm of drones against X": the parse hung the "against X" on the drones
                    continue
                return _taken_control_of(child) or child
            if child.dep_ == "prep" and child.lower_ in _aimed_preps(head):
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.ent_type_ not in ("DATE", "TIME"):
                        return obj  # "on Sunday" is when, not whom
    return _victims(heads)


def _taken_control_of(obj: Token) -> Token | None:
    """What "control of X" names: X was taken ("took control of the base"), not control."""
    if obj.lemma_.lower() != "control":
        return None
    return next((o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                 if o.dep_ == "pobj"), None)


def _aimed_preps(verb: Token) -> tuple[str, ...]:
    """The prepositions that name what a verb's act was aimed at; "set fire to X" aims with "to"."""
    if verb.lemma_ == "set" and any(c.dep_ == "dobj" and c.lemma_ == "fire" for c in verb.children):
        return "on", "at", "against", "targeting", "to"
    return "on", "at", "against", "targeting"


def _attacked_by_toll(verb: Token, mentions: list[Mention], base: int) -> Token | None:
    """What the attack behind a casualty verb was on: its subject ("a drone attack on a school killed four") or the
    attack it happened in ("20 civilians were killed in an airstrike on a market"). A town or city attacked is
    where the event happened, not what it hit: "killed after a missile strike on Kharkiv" keeps the dead."""
    for child in verb.children:
        attacks = [child] if child.dep_ == "nsubj" else [g for g in child.children if g.dep_ == "pobj"] \
            if child.dep_ == "prep" and child.lower_ in ("in", "by", "during", "after") else []
        for attack in attacks:
            attacked = _attacked(attack) if _is_attack_noun(attack) else None
            if attacked is None and _is_attack_noun(attack):  # the parse hung "on X" on the verb, right after
                attacked = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"
                                 and c.i == attack.i + 1 for g in c.children if g.dep_ == "pobj"), None)
            if attacked is not None and not _is_place(attacked, mentions, base):
                return attacked
    return None


def _is_place(token: Token, mentions: list[Mention], base: int) -> bool:
    """A town, a place noun ("the villages of X"), or a proper name that names no party (a place the model missed)."""
    named = mention_at(token, mentions, base)
    if named is not None:
        return named.label in PLACE_LABELS
    return token.lower_ in PLACE_HEADS or token.lemma_ in PLACE_HEADS or token.pos_ == "PROPN"


def _victims(heads: list[Token]) -> Token | None:
    """"A landmine exploded under a bus, killing seven passengers": with nothing named as hit, the dead and injured
    of the casualty clause hanging on the event's verb are its target."""
    for head in heads:
        for clause in head.children:
            if clause.dep_ in ("advcl", "conj") and clause.lemma_ in _CASUALTY_LEMMAS:
                found = next((c for c in clause.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
                if found is not None:
                    return found
    return None


# Verbs whose object is the toll of an attack, not what it hit ("an attack on a market killed 12"); what a verb of
# damage takes ("an attack on the city damaged a school") is what was hit, and stays the target.
_CASUALTY_LEMMAS = {"kill", "injure", "wound", "hurt", "maim"}
# Verbs whose object is what was fired or sent, not what was hit.
_FIRE_LEMMAS = {"launch", "fire", "lob", "hurl", "throw", "drop", "rain"}


def _is_attack_noun(token: Token) -> bool:
    return token.lower_ in lexicon.ATTACK_NOUNS or token.lemma_ in lexicon.ATTACK_NOUNS


def _attacked(attack: Token) -> Token | None:
    """The "on/at/against X" of an attack noun, or nothing: an attack is not its own target."""
    for child in attack.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "at", "against", "targeting"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ not in ("DATE", "TIME"):
                    return obj
    return None


def target_phrase(token: Token, base: int, mentions: list[Mention] | None = None) -> Span | None:
    """The target as written; a place noun keeps the name it introduces ("the southern city of Odesa", "the
    Ukrainian capital Kyiv", "the port of Izmail"), since the noun alone names no target, and a place name
    the parse cut short keeps its whole mention ("struck Kharkiv oblast")."""
    span = _target_tokens(token, base)
    place = next((m for m in mentions or () if m.label in PLACE_LABELS and span is not None
                  and m.span.start <= span.start < m.span.end < span.end + 40 and m.span.end > span.end), None)
    if place is None or span is None:
        return span
    return Span(span.start, place.span.end, token.doc.text[span.start - base:place.span.end - base])


# Nouns of number whose "of" phrase says who: "dozens of people", "a group of soldiers".
_NUMBER_NOUNS = {"dozen", "dozens", "tens", "hundreds", "thousands", "scores", "number", "group", "crowd", "handful"}


def _target_tokens(token: Token, base: int) -> Span | None:
    tokens = noun_phrase(token)
    if token.lower_ in _NUMBER_NOUNS:  # "Dozens of people were injured": "Dozens" alone names no one
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == tokens[-1].i + 1:
                named = [g for g in child.children if g.dep_ == "pobj"]
                if named:
                    tokens = tokens + [child, *noun_phrase(named[0])]
    if token.lower_ in PLACE_HEADS or token.lemma_ in PLACE_HEADS:
        for child in token.children:
            if child.i != tokens[-1].i + 1 and not (child.i == tokens[-1].i + 2 and token.doc[child.i - 1].text == ","):
                continue
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                tokens = tokens + noun_phrase(child)
            elif child.dep_ == "prep" and child.lower_ == "of":
                named = [g for g in child.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
                if named:
                    tokens = tokens + [child, *noun_phrase(named[0])]
    return token_span(sorted(tokens, key=lambda t: t.i), base)


def _idiom_object(verb: Token, obj: Token) -> bool:
    """"took place", "took part", "opened fire", "set fire (to)": the object belongs to the verb's idiom, it is no
    target (what "opened fire on" is aimed at is)."""
    if verb.lemma_ in ("open", "return", "set") and obj.lemma_ == "fire" and obj.dep_ == "dobj":
        return True
    return verb.lemma_ == "take" and obj.lemma_ in ("place", "part") and not any(
        c.dep_ == "det" for c in obj.children)


# Sites a country's name before them places in that country: "Israel's Ben Gurion airport", "Russia's Ryazan refinery".
_SITES = {"airport", "airfield", "airbase", "harbour", "harbor", "refinery", "base"}  # "the Saky air base"


def is_location_use(mention: Mention, sent: SpacySpan, base: int) -> bool:
    """A place mention used as a place: not a nationality adjective ("a US citizen", "Ukrainian towns")."""
    tokens = [t for t in sent if mention.span.start <= base + t.idx < mention.span.end and t.dep_ != "case"]
    if not tokens:
        return False
    head = tokens[-1]
    if head.pos_ == "ADJ" and not lexicon.local_government_area_at(head.doc, head.i + 1):
        return False
    of_a_place = head.head.lower_ in PLACE_HEADS or head.head.lemma_ in PLACE_HEADS or head.head.lemma_ in _SITES \
        or head.head.lemma_ in lexicon.SETTLEMENT_NOUNS  # "Beirut's southern suburbs", "Darul Jamal community"
    if head.dep_ in ("amod", "compound", "nmod") and not of_a_place and head.head.pos_ != "PROPN":
        return False
    if head.dep_ == "poss" and not of_a_place and (head.head.pos_ != "PROPN"
                                                   or head.head.ent_type_ in ("ORG", "PERSON")):
        return False  # "Ukraine's military intelligence agency", "Russia's side", "Ukraine's General Staff": an owner
    return True


def is_actor_use(mention: Mention, sent: SpacySpan, base: int) -> bool:
    """Metonymy: a capital or country that speaks, acts, or owns forces is a government, not a location."""
    tokens = [t for t in sent if mention.span.start <= base + t.idx < mention.span.end]
    if not tokens:
        return False
    head = tokens[-1]
    if head.dep_ in ("nsubj", "nsubjpass") and (head.head.lemma_ in SPEECH_LEMMAS or head.head.pos_ == "VERB"):
        return True
    if head.dep_ == "dobj" and head.head.lemma_ in SPEECH_LEMMAS:
        return True  # "Russia accused Ukraine of …"
    preposition = head.head
    if head.dep_ == "pobj" and preposition.head.lemma_ in SPEECH_LEMMAS and not (
            preposition.lower_ in LOCATIVE_PREPS and preposition.i < preposition.head.i):
        return True  # "Kyiv called on Moscow", "told reporters in Ankara"; "In Kharkiv, officials said" is a place
    if head.dep_ == "poss" and head.head.lower_ in FORCE_NOUNS:
        return True
    # "in United States strikes on a depot", "Ukraine forces": a country's name before its acts or its forces is their
    # owner (read by the next word, which the parser may take for a verb)
    after = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if after is None or after.lower_ not in lexicon.ATTACK_NOUNS and after.lower_ not in FORCE_NOUNS:
        return False
    from warlog.coreference import is_country_name, norm_place  # (coreference reads this module's sides)

    return is_country_name(norm_place(mention.span.text))


def belligerent_side(name: str | None) -> str | None:
    """A country name for an actor or speaker written as a nationality, capital or country, or as a phrase
    holding one ("armed North Korean troops", "Ukraine's border guards"); else the name itself."""
    if not name:
        return None
    cleaned = name.removesuffix("'s").strip()
    return side_of(cleaned) or lexicon.SIDES.get(cleaned.lower(), cleaned)


_WORD = re.compile(r"[\w.]+(?:['’]s)?")


@lru_cache(maxsize=8192)
def side_of(phrase: str | None) -> str | None:
    """The side a phrase names by a nationality, capital or country inside it, longest name first:
    "armed North Korean troops" -> North Korea, "Russian-backed forces" -> Russia, "Ukrainian border guards"
    -> Ukraine. A name after "anti-" is the side opposed ("anti-Russian protesters" name none), and one before
    "-made" or "-supplied" only where a thing comes from ("Iranian-made drones"). Cached: the same actors and
    speakers are asked about for every event of a story (5,700 calls over 60 news pages)."""
    if not phrase:
        return None
    words: list[str | None] = []
    for piece in phrase.lower().split():
        parts = piece.split("-")
        for number, part in enumerate(parts):
            opposed = number > 0 and parts[number - 1] in ("anti", "counter") \
                or number + 1 < len(parts) and parts[number + 1] in ORIGIN_PARTICIPLES
            match = _WORD.search(part)
            word = match.group(0).removesuffix("'s").removesuffix("’s") if match else ""
            words.append(None if opposed or not word else word)
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            gram = words[i:i + size]
            if all(gram):
                key = " ".join(gram)  # type: ignore[arg-type]
                found = lexicon.SIDES.get(key) or lexicon.SIDES.get(key.rstrip("."))
                if found:
                    return found
    return None
