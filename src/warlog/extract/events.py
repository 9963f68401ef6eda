"""Events: who did what to whom, where, when, with what, and how many were killed or injured.

`event_types.classify_event` says whether a sentence reports an event and of which kind; this
module fills in the rest from the parse and from what the other extractors found in the same
sentence: actors from the subject, agent or nationality modifier, the target from the object or
"on/at" phrase, weapons, place mentions that are not actors (metonymy: "Kyiv called on Moscow"),
the sentence's time phrase, casualty quantities, and the claim the event was reported in.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from warlog.extract import lexicon
from warlog.extract.event_types import classify_event
from warlog.resolve.dates import resolve_phrase
from warlog.schema import Claim, Event, Mention, Quantity, Span, TimeRef

ACTOR_LABELS = {"GPE", "NORP", "ORG", "PERSON"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_SPEECH_LEMMAS = {"say", "call", "tell", "accuse", "deny", "claim", "announce", "report", "warn", "urge", "vow"}
_FORCE_NOUNS = {"force", "forces", "army", "troops", "military", "government", "authorities", "officials"}


def _inside(span: Span, outer: Span) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def _token_span(tokens: list[Token], base: int) -> Span | None:
    if not tokens:
        return None
    doc = tokens[0].doc
    start, end = min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)
    return Span(base + start, base + end, doc.text[start:end])


def _trigger_token(sent: SpacySpan, trigger) -> Token:
    """The classifier may give a token, a token index or character offsets; normalise to a token."""
    if isinstance(trigger, Token):
        return trigger
    if isinstance(trigger, int):
        return sent.doc[trigger]
    if isinstance(trigger, tuple) and trigger:
        char = trigger[0]
        for token in sent:
            if token.idx <= char < token.idx + len(token):
                return token
    return sent.root


_NP_DEPS = {"compound", "amod", "det", "poss", "case", "nummod", "quantmod", "nmod", "advmod", "npadvmod"}
_PLACE_HEADS = {"region", "oblast", "krai", "kray", "province", "district", "frontline", "front", "city", "town",
                "village", "border", "area", "direction", "capital", "outskirts", "suburb", "port"}


def _phrase(token: Token) -> list[Token]:
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
        while contiguous[0].i - 1 > t.i and token.doc[contiguous[0].i - 1].text == "-":
            contiguous.insert(0, token.doc[contiguous[0].i - 1])
        if t.i == contiguous[0].i - 1:
            contiguous.insert(0, t)
    return contiguous + [t for t in tokens if t.i > token.i and t.i == contiguous[-1].i + 1]


def _mention_at(token: Token, mentions: list[Mention], base: int) -> Mention | None:
    position = base + token.idx
    return next((m for m in mentions if m.span.start <= position < m.span.end), None)


def _governing_verb(trigger: Token) -> Token | None:
    """The verb a trigger noun hangs from ("unleashed an overnight drone attack" -> unleashed)."""
    current = trigger
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.dep_ not in ("compound", "amod", "dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr"):
            return None
        if current.head is current:
            return None
        current = current.head
    return current if current.pos_ in ("VERB", "AUX") else None


def _is_actor(token: Token, mentions: list[Mention], base: int) -> Token | None:
    """The token itself or its nationality/owner modifier, when that names an actor."""
    mention = _mention_at(token, mentions, base)
    if mention is not None and mention.label in ACTOR_LABELS:
        return token
    for modifier in token.children:
        if modifier.dep_ in ("amod", "compound", "poss", "nmod"):
            found = _mention_at(modifier, mentions, base)
            if found is not None and found.label in ACTOR_LABELS:
                return token
    if token.lower_ in _FORCE_NOUNS or token.lemma_ in _FORCE_NOUNS:
        return token
    return None


def _actor(trigger: Token, mentions: list[Mention], base: int) -> Token | None:
    """The doer: a passive agent, the subject of the verb governing the trigger, or the nationality
    modifying the trigger or the weapon ("a Russian missile strike", "a Russian guided bomb struck")."""
    verb = _governing_verb(trigger)
    candidates: list[Token] = []
    if verb is not None:
        for child in verb.children:
            if child.dep_ == "agent":
                candidates += [g for g in child.children if g.dep_ == "pobj"]
        for child in verb.children:
            if child.dep_ == "nsubj":
                candidates.append(child)
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            candidates += [g for g in child.children if g.dep_ == "pobj"]
    candidates.append(trigger)
    for candidate in candidates:
        if candidate.pos_ == "PRON" and candidate.lower_ in ("it", "they"):
            return candidate  # resolved to the claim's speaker by the caller
        found = _is_actor(candidate, mentions, base)
        if found is not None:
            if found is trigger:
                modifier = next((m for m in trigger.children if m.dep_ in ("amod", "compound", "poss", "nmod")
                                 and _mention_at(m, mentions, base) is not None), None)
                return modifier
            return found
    return None


_ATTACK_NOUNS = {"strike", "strikes", "attack", "attacks", "airstrike", "airstrikes", "shelling", "bombardment",
                 "offensive", "assault", "raid", "raids"}


def _attacker_in(sent: SpacySpan, mentions: list[Mention], base: int) -> Token | None:
    """A nationality or country modifying an attack or weapon noun anywhere in the sentence ("after a
    Russian missile strike on Kharkiv"), for sentences whose trigger is the casualty verb."""
    for token in sent:
        weapon = _mention_at(token, mentions, base)
        if token.lower_ in _ATTACK_NOUNS or (weapon is not None and weapon.label == "WEAPON"):
            for modifier in token.children:
                found = _mention_at(modifier, mentions, base)
                if modifier.dep_ in ("amod", "compound", "poss") and found is not None \
                        and found.label in ("NORP", "GPE"):
                    return modifier
    return None


_AGENT_NOUN_SUFFIXES = ("ist", "er", "or", "ian", "at", "cy", "ssy")


def _can_report_event(sent: SpacySpan, trigger: Token) -> bool:
    """Fragments without a verb ("Another drone attack.") restate an event inside a quote, and a
    trigger that names a person or office ("a senior diplomat said", "the embassy") or is only an
    adjective ("diplomatic battleground") does not report one."""
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return False
    if trigger.pos_ == "ADJ":
        return False
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass") \
            and trigger.head.lemma_ in _SPEECH_LEMMAS:
        return False
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.ent_type_ in ("PERSON", "ORG", "NORP"):
        return False
    return trigger.lemma_ not in ("diplomat", "embassy", "official", "minister", "envoy", "ambassador")


def _is_irrealis(trigger: Token) -> bool:
    """An infinitive or a purpose clause reports no incident: "sent to help fight", "after failing to capture",
    "plans to strike"."""
    chain = [trigger, _governing_verb(trigger) or trigger]
    while chain[-1].dep_ == "xcomp" and len(chain) < 5:  # "to help fight": the "to" sits on "help"
        chain.append(chain[-1].head)
    return any(child.dep_ == "aux" and child.tag_ == "TO" for token in chain for child in token.children)


def _actor_span(actor: Token, mentions: list[Mention], base: int) -> Span | None:
    """The actor as written; a weapon is not an actor, its nationality is ("a Russian guided bomb" -> Russian);
    forces keep their owner ("the armed forces of the Russian Federation")."""
    tokens = _phrase(actor)
    span = _token_span(tokens, base)
    weapon = next((m for m in mentions if m.label == "WEAPON" and span and m.span.start < span.end
                   and span.start < m.span.end), None)
    if weapon is not None:
        owner = next((t for t in tokens if (m := _mention_at(t, mentions, base)) is not None
                      and m.label in ("NORP", "GPE")), None)
        return _token_span([owner], base) if owner is not None else None
    if actor.lower_ in _FORCE_NOUNS or actor.lemma_ in _FORCE_NOUNS:
        for child in actor.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                tokens = tokens + list(child.subtree)
        return _token_span(sorted(tokens, key=lambda t: t.i), base)
    return span


def _target(trigger: Token, mentions: list[Mention], base: int) -> Token | None:
    """The object of the trigger verb, or the "on/at/against X" phrase of the attack ("attack on Kyiv")."""
    heads = [trigger.head if trigger.dep_ == "compound" else trigger]
    verb = _governing_verb(trigger)
    if verb is not None and verb is not trigger:
        heads.append(verb)
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN", "PRON") \
                    and trigger not in child.subtree:
                return child
            if child.dep_ == "prep" and child.lower_ in ("on", "at", "against", "targeting"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
    return None


def _is_location_use(mention: Mention, sent: SpacySpan, base: int) -> bool:
    """A place mention used as a place: not a nationality adjective ("a US citizen", "Ukrainian towns")."""
    tokens = [t for t in sent if mention.span.start <= base + t.idx < mention.span.end]
    if not tokens:
        return False
    head = tokens[-1]
    if head.pos_ == "ADJ":
        return False
    if head.dep_ in ("amod", "compound", "nmod") and head.head.lower_ not in _PLACE_HEADS \
            and head.head.pos_ != "PROPN":
        return False
    return True


def _is_actor_use(mention: Mention, sent: SpacySpan, base: int) -> bool:
    """Metonymy: a capital or country that speaks, acts, or owns forces is a government, not a location."""
    tokens = [t for t in sent if mention.span.start <= base + t.idx < mention.span.end]
    if not tokens:
        return False
    head = tokens[-1]
    if head.dep_ in ("nsubj", "nsubjpass") and (head.head.lemma_ in _SPEECH_LEMMAS or head.head.pos_ == "VERB"):
        return True
    if head.dep_ == "dobj" and head.head.lemma_ in _SPEECH_LEMMAS:
        return True  # "Russia accused Ukraine of …"
    if head.dep_ == "pobj" and head.head.head.lemma_ in _SPEECH_LEMMAS:
        return True  # "Kyiv called on Moscow to …"
    return head.dep_ == "poss" and head.head.lower_ in _FORCE_NOUNS


def belligerent_side(name: str | None) -> str | None:
    """A country name for an actor or speaker written as a nationality, capital or country."""
    if not name:
        return None
    cleaned = name.removesuffix("'s").strip()
    return lexicon.SIDES.get(cleaned.lower(), cleaned)


def extract_events(
    doc: Doc,
    base: int,
    mentions: list[Mention],
    quantities: list[Quantity],
    times: list[TimeRef],
    claims: list[Claim],
    quantity_offset: int = 0,
    claim_offset: int = 0,
    post_index: int | None = None,
) -> list[Event]:
    """Events of one parsed post. Indexes into quantities and claims are shifted by the offsets given,
    so they point into the document-wide lists."""
    events = []
    weapon_reports: set[int] = set()
    for sent in doc.sents:
        kind = classify_event(sent)
        if kind is None:
            continue
        trigger = _trigger_token(sent, getattr(kind, "trigger", None))
        if not _can_report_event(sent, trigger):
            continue
        text = sent.text.rstrip()
        evidence = Span(base + sent.start_char, base + sent.start_char + len(text), text)
        claim_index, claim = _claim_for(trigger, base, evidence, claims)
        actor = _actor(trigger, mentions, base) or _attacker_in(sent, mentions, base)
        target = _target(trigger, mentions, base)
        actor_span = _actor_span(actor, mentions, base) if actor is not None else None
        if actor is not None and actor.pos_ == "PRON" and claim is not None and claim.speaker is not None:
            actor_span = claim.speaker  # "Moscow said it had taken…": the pronoun is the speaker
        target_span = _token_span(_phrase(target), base) if target is not None else None
        in_sentence = [m for m in mentions if _inside(m.span, evidence)]
        weapon = next((m.span for m in in_sentence if m.label == "WEAPON"), None)
        locations = [
            m.span for m in in_sentence
            if m.label in PLACE_LABELS and not _is_actor_use(m, sent, base) and _is_location_use(m, sent, base)
            and not (actor_span and _inside(m.span, actor_span))
            and not any(c.speaker and c.speaker == m.span for c in claims)
        ]
        killed = injured = None
        for number, quantity in enumerate(quantities):
            if not _inside(quantity.span, evidence):
                continue
            if quantity.counted == "killed" and killed is None:
                killed = quantity_offset + number
            elif quantity.counted == "injured" and injured is None:
                injured = quantity_offset + number
        time = event_time(evidence, times, claim, _clause_offsets(trigger, base))
        actor_text = actor_span.text if actor_span else None
        belligerent = False
        if claim is not None:
            speaker_side = belligerent_side(claim.affiliation) or belligerent_side(claim.speaker_text)
            sides = {belligerent_side(actor_text), belligerent_side(target_span.text if target_span else None)}
            belligerent = speaker_side is not None and speaker_side in sides
        event = Event(
            plover_type=kind.plover_type,
            plover_mode=getattr(kind, "plover_mode", None),
            acled_event_type=getattr(kind, "acled_event_type", None),
            acled_sub_event_type=getattr(kind, "acled_sub_event_type", None),
            trigger=_token_span([trigger], base),
            evidence=evidence,
            actor1=actor_span,
            target=target_span,
            weapon=weapon,
            locations=locations,
            time=time,
            killed=killed,
            injured=injured,
            claim=None if claim_index is None else claim_offset + claim_index,
            claimed_by_belligerent=belligerent,
            generic=bool(getattr(kind, "generic", False)) or _is_irrealis(trigger),
            confidence=float(getattr(kind, "confidence", 0.5)),
            post_index=post_index,
        )
        if _reports_weapon_use(sent, weapon, base):
            weapon_reports.add(id(event))
        events.append(event)
    _attach_incident_places(doc, base, mentions, events)
    return _fold_weapon_reports(events, weapon_reports)


_PRECISION_ORDER = {"day": 0, "days": 1, "week": 2, "month": 3, "year": 4, "unknown": 9}


def _most_specific(times: list[TimeRef]) -> TimeRef | None:
    if not times:
        return None
    return min(times, key=lambda t: (not t.resolved, _PRECISION_ORDER.get(t.precision, 8), t.span.start))


def _clause_offsets(trigger: Token, base: int) -> set[int]:
    """Document offsets of the tokens in the trigger's own clause, without relative clauses
    ("…stationed in Kursk, where Ukraine began an incursion in August": August is not when)."""
    verb = _governing_verb(trigger) or trigger
    excluded = {t.i for child in verb.subtree if child.dep_ in ("relcl", "acl") for t in child.subtree}
    return {base + t.idx for t in verb.subtree if t.i not in excluded}


def event_time(
    evidence: Span, times: list[TimeRef], claim: Claim | None, clause: set[int] | None = None
) -> TimeRef | None:
    """When the event happened, not when it was reported.

    A time phrase inside the claim's content dates the event, resolved against the day the claim was
    made when that is known ("officials said on Saturday" + "overnight" -> Saturday). Without one, the
    claim's own date bounds the event ("Moscow said on Saturday it had taken…"). Otherwise the most
    specific time phrase of the sentence.
    """
    in_sentence = [t for t in times if _inside(t.span, evidence)]
    if clause is not None:
        in_clause = [t for t in in_sentence if t.span.start in clause]
        outside_content = [t for t in in_sentence if claim is not None and not _inside(t.span, claim.content)]
        in_sentence = in_clause + [t for t in outside_content if t not in in_clause]
    if claim is not None:
        inside = _most_specific([t for t in in_sentence if _inside(t.span, claim.content)])
        anchor = claim.time
        if inside is not None:
            if anchor is not None and anchor.resolved and anchor.precision == "day" and anchor.start is not None:
                start, end, precision, resolved, approximate = resolve_phrase(inside.span.text, anchor.start)
                if resolved:
                    return replace(inside, start=start, end=end, precision=precision, resolved=resolved,
                                   approximate=approximate)
            return inside
        if anchor is not None:
            return anchor
    return _most_specific(in_sentence)


_INCIDENT_NOUNS = {"incident", "attack", "strike", "explosion", "blast", "shelling", "fighting", "clash", "raid"}
_HAPPEN_LEMMAS = {"take", "happen", "occur", "unfold"}
_USE_LEMMAS = {"deploy", "use", "fire", "launch", "employ"}


def _attach_incident_places(doc: Doc, base: int, mentions: list[Mention], events: list[Event]) -> None:
    """"The incident took place in X": X is where the event just reported happened."""
    for sent in doc.sents:
        subject = next((t for t in sent if t.dep_ == "nsubj" and t.lemma_ in _INCIDENT_NOUNS
                        and any(c.lower_ in ("the", "this", "that") for c in t.children)), None)
        if subject is None or subject.head.lemma_ not in _HAPPEN_LEMMAS:
            continue
        start = base + sent.start_char
        earlier = [e for e in events if e.evidence.end <= start and not e.generic]
        if not earlier:
            continue
        clause = {t.i for t in subject.head.subtree} - {t.i for t in subject.subtree}
        places = [m.span for m in mentions if m.label in PLACE_LABELS
                  and any(base + doc[i].idx == m.span.start for i in clause)
                  and _is_location_use(m, sent, base) and not _is_actor_use(m, sent, base)]
        target = earlier[-1]
        known = {p.text for p in target.locations}
        target.locations = [*target.locations, *(p for p in places if p.text not in known)]
        restating = base + subject.idx
        events[:] = [e for e in events if not (e.trigger.start == restating and e is not target)]


def _reports_weapon_use(sent: SpacySpan, weapon: Span | None, base: int) -> bool:
    """"Iskander missiles had been used (in the attack)": the sentence says which weapon, not a new event."""
    if weapon is None:
        return False
    for token in sent:
        if token.lemma_ in _USE_LEMMAS:
            for child in token.children:
                if child.dep_ in ("nsubjpass", "dobj") and weapon.start <= base + child.idx < weapon.end:
                    return True
    return False


def _fold_weapon_reports(events: list[Event], weapon_reports: set[int]) -> list[Event]:
    """"S-400 missiles had been deployed" after a strike names the strike's weapon; it is not an event itself."""
    kept: list[Event] = []
    for event in events:
        reports_weapon = id(event) in weapon_reports
        attack = next((e for e in reversed(kept) if e.plover_type == "ASSAULT" and not e.generic), None)
        if reports_weapon and attack is not None:
            if attack.weapon is None or len(event.weapon.text) > len(attack.weapon.text):
                attack.weapon = event.weapon
            continue
        kept.append(event)
    return kept


def _claim_for(trigger: Token, base: int, evidence: Span, claims: list[Claim]) -> tuple[int | None, Claim | None]:
    position = base + trigger.idx
    for number, claim in enumerate(claims):
        if claim.content.start <= position < claim.content.end:
            return number, claim
    for number, claim in enumerate(claims):
        if claim.cue is not None and _inside(claim.cue, evidence):
            return number, claim
    return None, None
