"""Extraction of one document: every post parsed once, every extractor run on the parse.

This is a pure function of the cleaned document and its posts, so the CLI, the web server and a
batch worker run the same code. Posts are parsed in one `nlp.pipe` call; each extractor gets the
parse and the offset of the parsed text in the document, so every span points into the document's
cleaned text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from spacy.language import Language
from spacy.tokens import Doc

from warlog import coreference
from warlog.datelines import title_dateline_at_start
from warlog.extract.claims import extract_claims
from warlog.extract.events import extract_events
from warlog.extract.incident_assembly import INTERCEPTION, assemble_incidents, finest
from warlog.extract.mentions import extract_mentions
from warlog.extract.named_doers import name_described_doers
from warlog.extract.nlp import get_nlp
from warlog.extract.parsed import text_of
from warlog.extract.quantities import extract_quantities
from warlog.extract.story_domain import story_domain
from warlog.extract.story_tolls import fill_story_tolls
from warlog.extract.territory_side import retype_foreign_captures
from warlog.resolve.dates import find_time_expressions
from warlog.resolve.places import QUARTER_AFTER, covered_by, dateline_mentions, get_resolver, resolve_places
from warlog.schema import Claim, Document, Event, Extraction, Mention, Place, Post, Quantity, Span, TimeRef

# Longest text parsed at once; longer bodies are parsed in line-aligned pieces.
MAX_PARSE_CHARS = 100_000


def _regions(post: Post) -> list[tuple[Span, bool]]:
    """The parts of a post to parse: (span, is_headline). Headlines and leads are parsed on their own,
    so "X says …" headlines are read as claims and never run into the body."""
    regions = []
    for span, headline in ((post.lead, True), (post.headline, True), (post.body, False)):
        if span is not None and span.text.strip():
            regions.extend((piece, headline) for piece in _pieces(span))
    return regions


def _pieces(span: Span) -> list[Span]:
    if len(span.text) <= MAX_PARSE_CHARS:
        return [span]
    pieces, start = [], 0
    while start < len(span.text):
        end = min(len(span.text), start + MAX_PARSE_CHARS)
        if end < len(span.text):
            cut = span.text.rfind("\n", start, end)
            if cut <= start:
                cut = span.text.rfind(" ", start, end)  # one huge line: cut between words
            end = cut + 1 if cut > start else end
        pieces.append(Span(span.start + start, span.start + end, span.text[start:end]))
        start = end
    return pieces


def texts_to_parse(posts: list[Post]) -> list[str]:
    """The texts `extract` parses for these posts, in its order (ingest parses several documents' texts at once)."""
    return [span.text for post in posts for span, _ in _regions(post)]


def extract(document: Document, posts: list[Post], nlp: Language | None = None) -> Extraction:
    """Mentions, quantities, time phrases, claims and events of a cleaned, segmented document."""
    nlp = nlp or get_nlp()
    jobs = [(post, span, headline) for post in posts for span, headline in _regions(post)]
    result = Extraction(document_id=document.id)
    pending: list[_HeadlineEvents] = []
    for (post, span, headline), parsed in zip(jobs, nlp.pipe(s.text for _, s, _ in jobs), strict=True):
        published = post.published or document.published
        found = _extract_region(result, parsed, span.start, post.index, headline, published)
        if found is not None:
            pending.append(found)
    _keep_unreported_headline_events(result, pending)
    _drop_game_moves(result, document, posts)
    _add_dateline_places(result, document.text, posts)
    _resolve_places(result, document.text)
    _place_from_the_story(result, posts, document.text)
    _unplace_national_tallies(result, posts)
    retype_foreign_captures(result)
    assemble_incidents(result)
    name_described_doers(result, document.text)
    fill_story_tolls(result, document.text)
    return result


# A wire dateline opening a post's body: an upper-case place, an optional region or country after a comma, an
# optional agency in brackets, then a dash or colon ("GOMA, Congo (Reuters) - ", "KYIV: ").
_DATELINE = re.compile(r"\A\s*[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)*(?:,[^\n()—–:]{1,60}?)?\s*(?:\([^)\n]{1,40}\))?"
                       r"\s*(?:—|–|-|:)\s")


def _drop_game_moves(result: Extraction, document: Document, posts: list[Post]) -> None:
    """A sports report's "assault", "attack" and "offensive" are moves of a game, a laboratory's compound "attacks"
    bacteria, a video game's players "storm beaches" (`story_domain`): the events of a post that reads as such a
    story, or of any post of a page that does, are dropped (its claims and figures are kept)."""
    whole = story_domain(document.text) is not None
    games = {post.index for post in posts if whole or story_domain(" ".join(
        document.text[span.start:span.end] for span in (post.headline, post.body) if span is not None)) is not None}
    if games:
        result.events = [event for event in result.events if event.post_index not in games]


def _place_from_the_story(result: Extraction, posts: list[Post], text: str) -> None:
    """An incident whose sentences name no place the gazetteer knows happened where its story is told from: the
    place of the post's dateline ("KHARKIV (Reuters) - Two police officers were killed..."), else the place its
    headline names, when that is below a country. Why: wire copy names the town once, in the dateline, and the
    lead ("killed when missiles struck a police station on Saturday") only refers to it; a headline
    ("Drone strike kills four in Kherson") names the place its body leaves to "the city". An air-defence tally with
    no place of its own is the night's count over a country or a front, not over the town the story is filed from;
    a territory change happens on a front, never where the story is filed from, and takes no story place either."""
    _place_from_the_area_told(result)
    resolved = {(p.span.start, p.span.end) for p in result.places}
    for post in posts:
        story = _dateline_place(result, post)
        if story is not None and _filed_from_abroad(result, post, story):
            story = None
        if story is None:
            story = _headline_place(result, post, text)
        one = _the_posts_one_place(result, post)
        if story is not None and one is not None and _other_town(result, story, one):
            story = None  # "PORT SUDAN (AP) - A drone strike near El Fasher …": filed from one town about another
        named_by_its_sentence = story is None
        if story is None:
            story = one
        if story is None:
            continue
        for event in result.events:
            if event.post_index == post.index and event.place is None and not event.generic \
                    and event.acled_event_type is not None and not _national_tally(event) \
                    and coreference.family(event) != "territory" \
                    and (all((s.start, s.end) in resolved or _a_quarter(text, s) for s in event.locations)
                         and not (named_by_its_sentence and event.locations)
                         or _in_the_town_told(event, result.places[story])):
                event.place = story


def _filed_from_abroad(result: Extraction, post: Post, dateline: int) -> bool:
    """Whether a post's dateline is only where its story was filed from: "GENEVA (Reuters) - An air strike on a school
    killed 12, the U.N. said" over a headline that puts the strike in Gaza. It is, when the post names a town or
    district in another country and none in the dateline's: the incident happened there, not where the agency or
    the United Nations told of it. Countries alone say nothing ("KYIV - Russia launched 80 drones")."""
    home = result.places[dateline].country_code
    span = _dateline_span(post)
    towns = [place for place in result.places if place.post_index == post.index
             and place.precision in coreference.FINE_PRECISIONS
             and not (span is not None and span[0] <= place.span.start < span[1])]
    return bool(towns) and all(place.country_code != home for place in towns)


def _a_quarter(text: str, span: Span) -> bool:
    """Whether a place the gazetteer does not know is a part of a town by its name's next word ("the Zeitoun
    neighbourhood"): a town's quarters are rarely in a gazetteer of towns, and one left unknown does not keep its
    incident from the story's town."""
    return QUARTER_AFTER.match(text[span.end:span.end + 20]) is not None


# A sentence that puts its unknown spot in the story's town: "the Abu X camp on the city's northern edge".
_THE_TOWN = re.compile(r"\bthe (?:city|town)(?:['’]s\b|\s+(?:centre|center|outskirts))|\b(?:in|of|outside|near|around) "
                       r"the (?:city|town)\b", re.IGNORECASE)


def _in_the_town_told(event: Event, story: Place) -> bool:
    """Whether an event whose place names the gazetteer lacks says it lies in "the city" or "the town" of its story
    (a camp "on the city's northern edge", a market "in the city"): the story's town is its place."""
    return story.precision == "city" and bool(_THE_TOWN.search(event.evidence.text))


# How far apart two towns lie before a story filed from one is told to be about the other.
OTHER_TOWN_KM = 50.0


def _other_town(result: Extraction, a: int, b: int) -> bool:
    """Whether two resolved places are towns apart (not the same town, nor one inside the other)."""
    first, second = result.places[a], result.places[b]
    if first.lat is None or second.lat is None:
        return False
    return coreference.distance_km(first.lat, first.lon, second.lat, second.lon) > OTHER_TOWN_KM \
        and first.precision in coreference.FINE_PRECISIONS and second.precision in coreference.FINE_PRECISIONS


def _the_posts_one_place(result: Extraction, post: Post) -> int | None:
    """The town where every placed incident of a post happened, when there is one: "Police fired tear gas at teachers
    marching in the capital, Lilongwe … Officers later fired rubber bullets at the teachers as they regrouped" tells
    the second act where the first was. A post whose incidents lie in two towns, or only in countries and regions,
    lends none."""
    found: dict[str, int] = {}
    for event in result.events:
        if event.post_index != post.index or event.place is None or event.generic or event.acled_event_type is None:
            continue
        place = result.places[event.place]
        if place.precision not in coreference.FINE_PRECISIONS:
            continue
        found.setdefault(coreference.norm_place(place.name or place.span.text), event.place)
    return next(iter(found.values())) if len(found) == 1 else None


# A place told by pointing back at the one named before: "two other villages in the region", "nearby".
_AREA_TOLD = re.compile(r"\b(?:in|across|near|around) the (?:same |surrounding )?(?:region|area|province|district|"
                        r"oblast|governorate|state|county|vicinity)\b|\bnearby\b", re.IGNORECASE)


def _place_from_the_area_told(result: Extraction) -> None:
    """An incident placed only by "in the region", "in the area" or "nearby" is where the post's incident before it
    was: "Ukraine retook a village in the Donetsk region; Russia said it took two other villages in the region"."""
    placed: dict[int | None, int] = {}
    for event in result.events:
        if event.generic or event.acled_event_type is None:
            continue
        if event.place is None and not event.locations and event.post_index in placed \
                and _AREA_TOLD.search(event.evidence.text):
            event.place = placed[event.post_index]
        if event.place is not None:
            placed[event.post_index] = event.place


# Who counts a whole night's interceptions, or where: a national tally, not the dateline town's.
_NATIONAL_COUNT = re.compile(r"\b(?:air force|air defen[cs]es?|defen[cs]e ministry|ministry of defen[cs]e|"
                             r"general staff|over the country|across the country|nationwide|over (?:\w+ )?regions)\b",
                             re.IGNORECASE)


def _national_tally(event: Event) -> bool:
    """Whether an interception is a national air-defence tally ("the air force said it downed 31 of 48 drones"), in
    its own sentence or one that tells it again, or one whose doer is a country (a headline's "Ukraine says it downed
    52 drones" over the air force's count)."""
    if event.acled_sub_event_type != INTERCEPTION:
        return False
    if event.actor1 is not None and coreference.is_country_name(coreference.norm_place(event.actor1.text)):
        return True  # "Ukraine downed 52 drones": a country's air defences
    return any(_NATIONAL_COUNT.search(span.text) for span in (event.evidence, *event.restatements))


# A tally over several regions: "over the Kursk and Bryansk regions", "over the Kharkiv, Sumy and Dnipro regions",
# "over eight regions".
_OVER_REGIONS = re.compile(r"\b(?:over|across|above)\s+(?:the\s+)?(?:[\w'-]+,?\s+){0,6}?"
                           r"(?:regions|oblasts|provinces)\b", re.IGNORECASE)


def _unplace_national_tallies(result: Extraction, posts: list[Post]) -> None:
    """A national air-defence tally is one entry of the night with no one place: not the regions its sentence lists
    the drones downed over ("the defence ministry said it intercepted 31 drones over the Kursk and Bryansk regions":
    its breakdown, the first region no more its place than the others), nor the town the story is filed from ("KYIV
    (Reuters) - Russia launched 80 drones…, the air force said")."""
    datelines = [span for span in map(_dateline_span, posts) if span is not None]
    for event in result.events:
        if event.place is None or not _national_tally(event):
            continue
        where = result.places[event.place].span
        if _OVER_REGIONS.search(event.evidence.text) or any(a <= where.start < b for a, b in datelines):
            event.place = None

# A place that speaks is its government ("MOSCOW SAID ON MONDAY that…", "…, Kyiv announces"), not where the story is.
_SPEAKS = re.compile(r"\s*(?:(?:has|had|have|also)\s+)?(?:said|says|announced|announces|claimed|claims|accused|"
                     r"accuses|denied|denies|reported|reports|stated|states|warned|warns|confirmed|confirms|told|"
                     r"tells|insisted|insists|blamed|blames)\b", re.IGNORECASE)


def _finest(result: Extraction, start: int, end: int, post_index: int, text: str = "") -> int | None:
    return finest(result, (n for n, place in enumerate(result.places) if place.post_index == post_index
                           and start <= place.span.start and place.span.end <= end and place.precision != "country"
                           and not _SPEAKS.match(text, place.span.end)))


def _dateline_span(post: Post) -> tuple[int, int] | None:
    """Where the wire dateline opening the post's body lies ("GOMA, Congo (Reuters) - "), if it has one."""
    if post.body is None:
        return None
    match = _DATELINE.match(post.body.text) or title_dateline_at_start(post.body.text)  # "Kismaayo (Garowe Online) – "
    return (post.body.start, post.body.start + match.end()) if match else None


def _dateline_place(result: Extraction, post: Post) -> int | None:
    span = _dateline_span(post)
    return _finest(result, *span, post.index) if span is not None else None


def _headline_place(result: Extraction, post: Post, text: str) -> int | None:
    for span in (post.headline, post.lead):
        if span is not None:
            found = _finest(result, span.start, span.end, post.index, text)
            if found is not None:
                return found
    return None


@dataclass
class _HeadlineEvents:
    """Events read in a headline or standfirst, with the quantities they count, kept aside until the body
    of their post is read."""

    events: list[Event]
    quantities: list[Quantity]
    quantity_offset: int


def _keep_unreported_headline_events(result: Extraction, pending: list[_HeadlineEvents]) -> None:
    """A headline's event joins the document only when the body of its post reports no event of its
    family. Why: a headline usually sums up the story its body tells ("Russian strike kills two in
    Odesa" over "A Russian drone struck a building in Odesa, killing two"), and counting both would
    double the incident; but a short item, a feed entry or a page whose body only adds reactions has
    its incident in the headline alone. The quantities such an event counts (killed, injured) are added
    with it; the headline's other figures stay out, as before, so the ledger does not count them twice. A headline
    event of no ACLED type over a body that tells an incident is that incident's headline read wrong (headlines are
    parsed badly), never an event of its own."""
    kept: list[Event] = []
    for found in pending:
        for event in found.events:
            kin = coreference.family(event)  # of every family: "Protesters clash with police" over a protest told
            if kin is not None and any(other.post_index == event.post_index and coreference.family(other) == kin
                                       for other in result.events):
                continue
            if kin is None and event.acled_sub_event_type is not None and any(
                    other.post_index == event.post_index and other.acled_sub_event_type == event.acled_sub_event_type
                    for other in result.events):
                continue  # of no family, by its type: "Police defuse bomb" over the defusal its body tells
            if event.acled_event_type is None and any(
                    other.post_index == event.post_index and other.acled_event_type is not None and not other.generic
                    for other in result.events):
                continue  # a headline the parse could not type ("Gangs attack X, free inmates") over a typed story
            for field_name in ("killed", "injured"):
                index = getattr(event, field_name)
                if index is not None:
                    quantity = replace(found.quantities[index - found.quantity_offset], fraction_of=None)
                    setattr(event, field_name, len(result.quantities))
                    result.quantities.append(quantity)
            kept.append(event)
    if kept:
        result.events = sorted([*result.events, *kept], key=lambda e: (e.evidence.start, e.evidence.end))


def _add_dateline_places(result: Extraction, text: str, posts: list[Post]) -> None:
    """Datelines in capitals ("MYKOLAIV, Ukraine (Reuters) - ") the small model does not tag: place mentions of the
    post they open, as `warlog geo` finds them, so that the story's town can place its incident."""
    found = dateline_mentions(text, result.mentions, get_resolver())
    result.mentions = covered_by(result.mentions, found)
    for mention in found:
        post = next((p for p in posts for span in (p.lead, p.headline, p.body)
                     if span is not None and span.start <= mention.span.start < span.end), None)
        result.mentions.append(replace(mention, post_index=post.index if post is not None else None))
    if found:
        result.mentions.sort(key=lambda m: m.span.start)


def _resolve_places(result: Extraction, text: str) -> None:
    """Resolve the document's place mentions in context and point each event at where it happened."""
    result.places = resolve_places(text, result.mentions)
    by_span = {(p.span.start, p.span.end): n for n, p in enumerate(result.places)}
    for event in result.events:
        resolved = [by_span[(s.start, s.end)] for s in event.locations if (s.start, s.end) in by_span]
        if event.plover_type == "ELECTION":  # a national vote: its country, or the one its post names before it
            earlier = [n for n, p in enumerate(result.places)
                       if p.post_index == event.post_index and p.span.start < event.evidence.start]
            event.place = next((n for n in [*resolved, *reversed(earlier)]
                                if result.places[n].precision == "country"), None)
        elif resolved:  # the most precise of the event's places: a village over its oblast over a country
            named_first = [n for n in resolved if not _container_after_comma(result, n, resolved, text)]
            event.place = finest(result, named_first or resolved)
        else:  # "the village of X, located in the Y region": a village the gazetteer lacks is at least in Y
            event.place = finest(result, (_container_told(result, s, text) for s in event.locations))


# What may stand between a place and the unit said to hold it: "X, located in the eastern Y", "X village in Y".
_HELD_BY = re.compile(r"^\s*(?:(?:village|town|city|settlement|area|district|locality)\s*)?,?\s*(?:(?:which|that)\s+"
                      r"(?:is|lies)\s+)?(?:(?:located|situated|lying)\s+)?(?:in|of)?\s*(?:the\s+)?(?:(?:north|south)?"
                      r"(?:eastern|western|northern|southern|central)\s+)?$", re.IGNORECASE)


def _container_told(result: Extraction, unknown: Span, text: str) -> int | None:
    """The resolved unit said to hold a place name the gazetteer does not know ("Zlatopilske-Druhe, located in the
    Kharkiv region", "Tin-Akoff, Burkina Faso"): the first resolved place after it, with only such words between."""
    if any(p.span.start == unknown.start for p in result.places):
        return None
    after = [n for n, p in enumerate(result.places) if unknown.end <= p.span.start <= unknown.end + 60]
    first = min(after, key=lambda k: result.places[k].span.start, default=None)
    return first if first is not None and _HELD_BY.match(text[unknown.end:result.places[first].span.start]) else None


# What lies between a place and the one it holds: "X, Y" (Y holds X) and "Y's X", "Y and Z's X" (Y, Z hold X).
_HOLDS_AFTER = re.compile(r"^,\s$")
_HOLDS_BEFORE = re.compile(r"^(?:['’]s|\s+and\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s)\s+$")


def _container_after_comma(result: Extraction, n: int, resolved: list[int], text: str) -> bool:
    """Whether place `n` is the container of another of the event's places: written "X, Y" ("Deir al-Balah, Gaza",
    "Pokrovsk, Donetsk region") or "Y's X" ("Jammu and Kashmir's Kupwara district"). The writer names the place and
    where it lies, so X is where the event was, whatever the gazetteer makes of the two (a governorate X and a city
    of the container's name Y; the city of Jammu for the first word of a state's name)."""
    span = result.places[n].span
    for k in resolved:
        other = result.places[k].span
        if k != n and (_HOLDS_AFTER.match(text[other.end:span.start]) and other.end <= span.start
                       or _HOLDS_BEFORE.match(text[span.end:other.start]) and span.end <= other.start):
            return True
    return False


def _extract_region(
    result: Extraction, doc: Doc, base: int, post_index: int, headline: bool, published: datetime | date | None
) -> _HeadlineEvents | None:
    """Add what one parsed region holds to `result`; a headline's events are returned instead, to be
    weighed against the body of their post (`_keep_unreported_headline_events`)."""
    mentions = extract_mentions(doc, base, post_index)
    quantities = extract_quantities(doc, base, post_index)
    headline_quantities = quantities if headline else []
    quantities = [] if headline else quantities
    times = find_time_expressions(doc, base, published, post_index)
    claims = [_with_speaker_details(c, mentions) for c in extract_claims(doc, base, post_index, headline=headline)]
    quantity_offset, claim_offset = len(result.quantities), len(result.claims)
    quantities = [_shift_fraction(q, quantity_offset) for q in quantities]
    for claim in claims:
        claim.quantities = [
            quantity_offset + n for n, q in enumerate(quantities)
            if claim.content.start <= q.span.start < claim.content.end
        ]
        claim.time = claim.time or _claim_time(claim, times, _sentence_bounds(doc, base, claim))
    _give_tails_their_claims(claims, quantities, quantity_offset, doc, base)
    events = extract_events(doc, base, mentions, headline_quantities if headline else quantities, times, claims,
                            quantity_offset, claim_offset, post_index, published)
    result.mentions += mentions
    result.quantities += quantities
    result.times += times
    result.claims += claims
    if headline:
        return _HeadlineEvents(events, headline_quantities, quantity_offset) if events else None
    result.events += events
    return None


def _shift_fraction(quantity: Quantity, offset: int) -> Quantity:
    if quantity.fraction_of is None or offset == 0:
        return quantity
    return replace(quantity, fraction_of=quantity.fraction_of + offset)


def _with_speaker_details(claim: Claim, mentions: list[Mention]) -> Claim:
    """Role and affiliation of a named speaker, from the mention that introduced them."""
    if claim.speaker_text is None or (claim.role and claim.affiliation):
        return claim
    for mention in mentions:
        if mention.canonical == claim.speaker_text or mention.span.text == claim.speaker_text:
            claim.role = claim.role or mention.role
            claim.affiliation = claim.affiliation or mention.affiliation
            if mention.role or mention.affiliation:
                break
    return claim


# A clause that goes on with the figures of what was said: ", including 25 over the south", ", with four of the dead
# in the port", ", among them four children".
_TAIL_OF_FIGURES = re.compile(r",\s*(?:including|with|among them|of which|of whom)\b[^,;]*$", re.IGNORECASE)


def _give_tails_their_claims(claims: list[Claim], quantities: list[Quantity], offset: int, doc: Doc,
                             base: int) -> None:
    """A figure in a clause that goes on after what someone said ("the ministry said 49 drones were downed, including
    25 over the south", "officials said 10 were killed, with four of the dead in the port") is that speaker's
    too, though the parse ends the content before the clause: it is given to the sentence's claim told before it,
    when no claim's content holds it."""
    held = {n for claim in claims for n in claim.quantities}
    loose = [(n, q) for n, q in enumerate(quantities) if offset + n not in held]
    if not loose or not claims:
        return
    text = text_of(doc)
    bounds = [_sentence_bounds(doc, base, c) for c in claims]  # (each walks the sentences: once per claim)
    for n, quantity in loose:
        start = quantity.span.start
        owner = max((c for c, (first, last) in zip(claims, bounds, strict=True)
                     if c.content.start < start and first <= start < last), key=lambda c: c.content.start,
                    default=None)
        if owner is None:
            continue
        before = text[max(owner.content.end, (owner.cue or owner.content).end) - base:start - base]
        if _TAIL_OF_FIGURES.search(before):
            owner.quantities = sorted({*owner.quantities, offset + n})


def _sentence_bounds(doc: Doc, base: int, claim: Claim) -> tuple[int, int]:
    """Document offsets of the sentence holding the claim's cue (or its content)."""
    anchor = (claim.cue or claim.content).start - base
    for sentence in doc.sents:
        if sentence.start_char <= anchor < sentence.end_char:
            return base + sentence.start_char, base + sentence.end_char
    return claim.content.start, claim.content.end


def _claim_time(claim: Claim, times: list[TimeRef], sentence: tuple[int, int]) -> TimeRef | None:
    """When a claim was made: the time phrase of the cue's sentence nearest the cue, outside the content
    ("Zakharova said on Saturday that …")."""
    if claim.cue is None:
        return None
    candidates = [
        t for t in times
        if sentence[0] <= t.span.start and t.span.end <= sentence[1]
        and (t.span.end <= claim.content.start or t.span.start >= claim.content.end)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.span.start - claim.cue.end), abs(claim.cue.start - t.span.end)))
