"""Who said what: attributed claims from a spaCy parse.

`extract_claims(doc, base, post_index, headline)` reads a parse of a slice of a document's cleaned text
(the slice starts at character `base`) and returns one `Claim` per attribution it finds. The rules are
written from general English attribution patterns, on the dependency parse plus the quotation marks
(straight, curly, guillemets, and the ASCII pair '' ... ''):

- direct quotes: `"...," X said` / `X said: "..."` / `X said, "..."` / `X said that "..."` /
  `"...," he was quoted as saying`, and a quote continued after the attribution (`"...," he said.
  "..."`: the next quote, opening a new sentence right after the attributing one and attributed to
  nobody else, is a further claim with the same speaker and cue; so is a bare quote after a content-first
  report, `..., the envoy said. "..."`). Words before a quote in its sentence
  (`With thousands of systems, "there is no single point of failure," he said`) join the content,
  which is then not `direct`. A quote that fills its paragraph and is signed with a dash and a name
  (`"..." ― Olena Kovalenko`: vox pops, pull quotes) is that person's;
- reported speech: a cue verb with a clausal complement (`X said (that) ...`, `X told Reuters ...`,
  `X confirmed there are ...`, `..., X said.` with the content first), a colon (`X wrote on Telegram:
  ...`), an infinitive for verbs of intention (`X has vowed to ...`, `X promised to ...`), an object
  for verbs such as deny, confirm, announce (`X denied aiming at civilians`), object plus preposition
  (`X accused Y of ...`, `X described Y as ...`), `X called for ...` / `X called on Y to ...`, and
  `according to X`, `as X put it` / `as X pointed out` (the clause they comment on), a passive with
  its source (`was first reported by X`), a topic (`X spoke about ...`, `complained of ...`). An
  attribution inside its content (`Russian forces, the ministry said, took the village`) splits the
  content into two claims with the same cue; a trailing `, citing ...` / `, arguing that ...` is the
  reporter's own claim and ends the reported content; `, including ...` after it belongs to it. An
  attribution that ends its line with a colon (`He added:`) takes the next paragraph;
- beliefs and intentions (believe, think, expect, fear, hope, estimate, ...; know, realise, learn only
  with a clause; want, plan, intend, aim, seek only with an infinitive or object), as PolNeAR annotates;
- cue nouns with a `that` clause or an infinitive and a named owner (`Moscow's claim that ...`, `the
  claim by Kyiv that ...`, `X made the argument that ...`, `the mayor's plan to ...`);
- headlines and standfirsts (`headline=True`, and in body text any line without closing punctuation):
  `CONTENT, X says`, `X says CONTENT` and `X: CONTENT` (X a person or a role), read from the token
  sequence because parses of headlines are unreliable; in Title Case (`Zelensky Warns ...`) the cue
  is known by its form, since the tagger reads such headlines as runs of proper nouns;
- transcripts: paragraphs opening with the same upper-case speaker label more than once (`PENCE: ...`).

Outlets that relay a claim (`"...," the minister told reporters, the state broadcaster said`; `quoted by
the official news agency`; `told Reuters`) become the claim's `intermediary`, not claims of their own.
A claim's content stays on its cue's line (paragraph). A speaker's affiliation, when the sentence
gives none, comes from context: a capital speaking is its country's government (`Kyiv says` ->
Ukraine), and a local office (`city officials`, `Mayor X`) belongs to the last place named before it.

Span conventions (documented because the evaluation compares them with PolNeAR's):

- `content` is the reported content without the cue and the speaker. For a direct quote it is the
  text inside the quotation marks, without the marks and without a trailing comma that belongs to
  the attribution (`"We are ready,"` -> `We are ready`); terminal `.`, `!`, `?` inside the quote stay.
  For reported speech it is the complement clause without the complementiser `that`, without a
  sentence-initial connective (`But`, `However,`), without a trailing concessive aside (`, though
  ...`) or relative clause set off by a comma (`, which ...`), and without trailing punctuation; an
  infinitive keeps its `to` (`to back Russia until ...`) and the addressee of a request its place
  (`urged residents to leave`); a quotation opened inside it runs to its closing mark.
  PolNeAR includes the quote marks and the `that`; `warlog.evaluate.attribution` compares word tokens
  and drops a leading `that` on both sides, so the two conventions score alike.
- `cue` is the verb group: auxiliaries, negation and adverbs directly before the verb (`has vowed`,
  `had earlier reported`, `also said`), a particle or the preposition that introduces the content
  (`called for`, `warned against`); `according to`; `quoted as saying`; `:` for `X: CONTENT`.
  Adjuncts after the verb (`said in a statement`) are not part of it: they feed `channel`.
- `speaker` is the name as written (`Antony Blinken`, without the title that goes to `role` and
  `affiliation`); for an organisation or a description without a name, the noun phrase up to its head
  (`Ukraine's military intelligence agency (HUR)`, `An unidentified Russian intelligence source`).
  A pronoun is never a speaker: he/she/it/they, `who`, `the agency`, `the diplomat` and `Mr X`/`Ms X`
  are resolved to the most recent compatible earlier mention in the same parse (earlier speakers
  first, then named subjects outside reported content), and `speaker` is then the span of that
  mention, `speaker_text` its text. A bare surname keeps its own span with the full earlier name as
  `speaker_text`. An unresolved pronoun leaves `speaker` and `speaker_text` None.
- `find_attributions` also returns the source as written (pronoun included, the whole noun phrase
  with its apposition), which is what PolNeAR marks as Source, and the cue lemma (Claim has no field
  for either).

`time` stays None and `quantities` empty: other components fill them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace

import numpy as np
from spacy.attrs import DEP, IDX, LEMMA, LENGTH, LOWER, POS
from spacy.strings import hash_string
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from warlog.extract.lexicon import (
    BELIEF_CUES,
    CLAUSE_ONLY,
    CUE_NOUNS,
    DOBJ_CUES,
    HEADLINE_CUES,
    INTENTION_CUES,
    LIGHT_VERBS,
    OBJECT_PREP_CUES,
    SIDES,
    STANCE_BY_LEMMA,
    TITLE_ABBREVIATIONS,
    TOPIC_CUES,
    XCOMP_CUES,
    is_dateline_dash,
)
from warlog.extract.parsed import text_of, token_mask, tokens_with
from warlog.schema import Claim, Span

# -- lexicons -------------------------------------------------------------------------------------

# Cue verbs (which verbs attribute, their stance, and what their content may be) live in the shared
# lexicon with the rest of warlog's vocabulary.

PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his"}
NEUTER_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "them", "their"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
OTHER_PRONOUNS = {"i", "we", "you", "me", "us", "this", "one", "someone", "somebody", "anyone", "everyone"}
HONORIFICS = {"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "miss", "sir", "dame"}

ROLE_WORDS = {
    "president", "minister", "secretary", "spokesperson", "spokesman", "spokeswoman", "commissioner",
    "governor", "mayor", "general", "commander", "chief", "head", "official", "analyst", "administrator",
    "ambassador", "envoy", "adviser", "advisor", "director", "leader", "chairman", "chairwoman", "chair",
    "premier", "chancellor", "senator", "lawmaker", "deputy", "aide", "prosecutor", "ombudsman",
    "representative", "speaker", "admiral", "colonel", "lieutenant", "major", "captain", "sergeant",
    "marshal", "officer", "expert", "researcher", "professor", "correspondent", "editor", "reporter",
    "journalist", "founder", "executive", "ceo", "manager", "coordinator", "inspector", "judge",
    "king", "queen", "prince", "pope", "patriarch", "mp", "mep", "candidate", "nominee", "incumbent",
    "strategist", "economist", "historian", "scientist", "lawyer", "attorney", "negotiator", "monitor",
    "observer", "diplomat", "rapporteur", "chairperson", "vice", "member", "delegate", "consul", "emir",
    "sheikh", "cleric", "imam", "bishop", "activist", "campaigner", "pundit", "commentator", "blogger",
}
# Offices of a town or region: their holder speaks for the place the text last named.
LOCAL_OFFICE_WORDS = {"mayor", "city", "municipal", "town", "village", "regional", "district", "oblast", "local",
                      "governor", "councillor", "councilor"}
ROLE_MODIFIERS = {
    "foreign", "defence", "defense", "prime", "deputy", "interior", "senior", "top", "former", "acting",
    "vice", "chief", "interim", "regional", "military", "political", "press", "presidential", "first",
    "lead", "leading", "finance", "health", "justice", "energy", "economy", "home", "state", "local",
}
# Nouns that describe people: without a name they make an anonymous speaker.
PERSON_NOUNS = {
    "source", "official", "diplomat", "analyst", "observer", "expert", "witness", "resident", "person",
    "people", "spokesperson", "spokesman", "spokeswoman", "officer", "soldier", "insider", "aide",
    "adviser", "advisor", "critic", "lawmaker", "legislator", "prosecutor", "investigator", "correspondent",
    "journalist", "reporter", "activist", "volunteer", "medic", "doctor", "worker", "employee", "member",
    "leader", "commander", "representative", "negotiator", "man", "woman", "civilian", "survivor",
    "refugee", "villager", "local", "researcher", "scientist", "economist", "historian", "monitor",
    "diplomats", "delegate", "participant", "veteran", "fighter", "militant", "rebel", "guard", "pilot",
    "agent", "operative", "staffer", "strategist", "voter", "supporter", "opponent", "protester",
    "citizen", "student", "teacher", "lawyer", "attorney", "minister", "general", "governor", "mayor",
    "president", "chief", "head", "director", "secretary", "commissioner", "administrator", "ambassador",
    "envoy", "colonel", "captain", "judge", "candidate", "nominee", "pollster", "commentator",
}
# Nouns whose bare, unnamed use is a source that withholds identity.
SOURCE_NOUNS = {
    "source", "official", "diplomat", "insider", "person", "people", "observer", "analyst", "expert",
    "witness", "resident", "officer", "soldier", "aide", "critic", "lawmaker", "legislator", "prosecutor",
    "investigator", "correspondent", "activist", "volunteer", "medic", "doctor", "worker", "employee",
    "member", "civilian", "survivor", "refugee", "villager", "local", "researcher", "scientist",
    "economist", "historian", "monitor", "fighter", "militant", "rebel", "agent", "operative", "staffer",
    "strategist", "voter", "supporter", "opponent", "protester", "citizen", "pollster", "commentator",
}
ANONYMISING_MODIFIERS = {"unidentified", "unnamed", "anonymous", "unspecified", "undisclosed"}
# Collective nouns a title word can name a body with ("General Staff", "General Assembly", "Chief Directorate").
BODY_NOUNS = {"staff", "assembly", "secretariat", "command", "directorate", "headquarters", "prosecutor's"}
ORG_NOUNS = {
    "ministry", "agency", "office", "military", "army", "government", "police", "council", "embassy",
    "media", "company", "committee", "commission", "department", "service", "services", "administration",
    "command", "staff", "force", "forces", "navy", "kremlin", "parliament", "court", "party", "campaign",
    "group", "organisation", "organization", "union", "alliance", "authority", "authorities", "cabinet",
    "presidency", "headquarters", "directorate", "intelligence", "guard", "team", "bureau", "institute",
    "network", "broadcaster", "newspaper", "outlet", "channel", "station", "mission", "delegation",
    "coalition", "movement", "regime", "state", "house", "club", "center", "centre", "university",
    "prosecutors", "firm", "bank", "fund", "board", "operator", "utility", "municipality", "city",
    "website", "paper", "magazine", "tv", "television", "radio", "newsroom",
}
DOCUMENT_NOUNS = {
    "report", "data", "study", "poll", "survey", "analysis", "statement", "document", "assessment",
    "estimate", "figures", "statistics", "review", "update", "memo", "letter", "video", "footage",
    "images", "imagery", "map", "maps", "research", "investigation", "ad", "spot", "clip", "article",
    "story", "post", "tweet", "release", "filing", "complaint", "lawsuit", "order", "decree", "bill",
    "resolution", "record", "records", "evidence", "reports",
}
MEDIA_RE = re.compile(
    r"\b(state media|state[- ]run|news agency|state (?:news )?agency|state television|state tv|media|"
    r"newspaper|broadcaster|reuters|associated press|afp|agence france|tass|ria(?: novosti)?|interfax|"
    r"ukrinform|bbc|cnn|al jazeera|kyodo|yonhap|xinhua|kcna|sky news|bloomberg|the independent|"
    r"the guardian|new york times|washington post|wall street journal|financial times|outlet)\b",
    re.IGNORECASE,
)
CHANNEL_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\btelegram\b", re.I), "Telegram"),
    (re.compile(r"\b(social media|twitter|facebook|instagram|truth social|vkontakte|tiktok|youtube|"
                r"x\.com|tweet\w*|on x)\b", re.I), "social media"),
    (re.compile(r"\b(press conference|news conference|press briefing|briefing|news briefing)\b", re.I),
     "press conference"),
    (re.compile(r"\b(state media|state[- ]run|state news agency|state tv|state television)\b", re.I),
     "state media"),
    (re.compile(r"\b(television|tv|broadcast)\b", re.I), "television"),
    (re.compile(r"\b(statement|communiqu[eé]|press release)\b", re.I), "statement"),
    (re.compile(r"\binterview\b", re.I), "interview"),
    (re.compile(r"\bradio\b", re.I), "radio"),
    (re.compile(r"\b(video address|video message|video)\b", re.I), "video"),
    (re.compile(r"\b(speech|address)\b", re.I), "speech"),
)
STATE_MEDIA_RE = re.compile(r"\bstate(?:[- ]run)? (?:media|news agency|television|tv|broadcaster)\b", re.I)
OPEN_QUOTES = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
QUOTE_CHARS = set('"\u201c\u201d\u00ab\u00bb\u201e\u201f') | {"''", "``"}
ENTITY_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "LOC": "GPE", "FAC": "ORG"}
CONNECTIVES = {"and", "but", "however", "so", "yet", "still", "meanwhile", "moreover", "instead", "indeed",
               "thus", "therefore", "also", "or", "nor", "plus", "further", "furthermore"}
CONCESSIVES = {"although", "though", "while", "whereas", "whilst"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "some", "another"}
_INDEFINITE = {"a", "an", "some", "several", "many", "one", "two", "three", "few", "various", "numerous",
               "other", "another", "multiple", "unnamed", "most"}
_BARE_NUMBER = re.compile(r"^\d")


# -- records ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attribution:
    """A claim plus what `Claim` has no field for: the source as written, and the cue's lemma.

    `source` is the speaker mention as it stands in the sentence (a pronoun, `who`, or the whole noun
    phrase with its apposition), the span PolNeAR annotates as Source; `Claim.speaker` is the resolved
    name instead. A `fragment` is a relative pronoun that stands for part of a content (`the tax, which
    officials say will fund the army`): PolNeAR counts it in the content, but it is no claim by itself,
    so `extract_claims` leaves it out.
    """

    claim: Claim
    source: Span | None
    cue_lemma: str
    fragment: bool = False  # a relative pronoun standing in for content ("which | will fund the army")


@dataclass
class _Draft:
    cue: tuple[int, int]  # token range
    lemma: str
    content: tuple[int, int]  # character range, doc-local
    direct: bool
    speaker_head: int | None = None  # token index of the speaker's head
    speaker_range: tuple[int, int] | None = None  # token range of the speaker NP when no head is known
    source_range: tuple[int, int] | None = None  # token range of the source as written
    channel: str | None = None
    intermediary: str | None = None
    drop: bool = False
    fragment: bool = False


@dataclass
class _Who:
    """A resolved speaker."""

    span: tuple[int, int] | None  # character range, doc-local
    text: str | None
    label: str | None
    role: str | None = None
    affiliation: str | None = None
    anonymous: bool = False
    head_lemma: str = ""
    plural: bool = False
    named: bool = False


@dataclass(frozen=True)
class _Quote:
    """A quoted stretch: the opening mark [open, inner), the closing mark [close, after)."""

    open: int
    inner: int
    close: int
    after: int
    closed: bool


@dataclass
class _Context:
    doc: Doc
    text: str
    ents: tuple
    quote_of: list[int]  # token -> index into quotes (-1 outside); quote marks themselves are -1
    quotes: list[_Quote]
    ent_of: list[int]  # token -> index into doc.ents (-1 none)
    reporting: list[int]  # the tokens that may report or relay a claim (`_reporting_tokens`), in order
    claimed_quotes: dict[int, int] = field(default_factory=dict)  # quote -> first token of its cue
    speakers: list[tuple[int, _Who]] = field(default_factory=list)  # (char position, who) in order
    contents: list[tuple[int, int]] = field(default_factory=list)  # content ranges of claims found so far
    subjects: list[tuple[int, Token, str]] | None = None  # named subjects, computed when first needed


# -- public API -----------------------------------------------------------------------------------


def extract_claims(doc: Doc, base: int = 0, post_index: int | None = None, headline: bool = False) -> list[Claim]:
    """The attributed claims in a parse of cleaned text starting at character `base`."""
    return [found.claim for found in find_attributions(doc, base, post_index, headline) if not found.fragment]


def find_attributions(
    doc: Doc, base: int = 0, post_index: int | None = None, headline: bool = False, learned: bool = True
) -> list[Attribution]:
    """Claims with the source as written and the cue lemma (what the PolNeAR evaluation needs).

    The rules run first; with `learned` (and the trained tagger installed) the tagger adds what they miss.
    """
    if len(doc) == 0:
        return []
    ctx = _context(doc)
    drafts: list[_Draft] = []
    for first, last in [(0, len(doc))] if headline else _headline_lines(ctx):
        drafts += _headline_drafts(ctx, first, last)
    drafts += _transcript_drafts(ctx)
    drafts += _signed_quote_drafts(ctx)
    used_cues = {d.cue[0] for d in drafts}
    drafts += [d for d in _quote_drafts(ctx) if d.cue[0] not in used_cues]
    used_cues |= {d.cue[0] for d in drafts}
    reported = [d for d in _reported_drafts(ctx) if d.cue[0] not in used_cues]
    drafts += reported + _quotes_after_reported(ctx, reported)
    drafts += _noun_drafts(ctx)
    _attach_intermediaries(ctx, drafts)
    drafts = sorted((d for d in drafts if not d.drop), key=lambda d: (d.cue[0], d.content[0]))
    from warlog.extract import attribution_tagger  # the tagger's features import this module

    if learned and attribution_tagger.available():
        preview = _finish(_fresh(ctx), [replace(d) for d in drafts], base, None, speakers=False)
        drafts = sorted(drafts + _tagged_drafts(ctx, preview, base), key=lambda d: (d.cue[0], d.content[0]))
    return _finish(ctx, drafts, base, post_index)


def _fresh(ctx: _Context) -> _Context:
    """A copy of the context whose running lists can be filled without touching the original's."""
    return replace(ctx, claimed_quotes=dict(ctx.claimed_quotes), speakers=list(ctx.speakers),
                   contents=list(ctx.contents))


def _tagged_drafts(ctx: _Context, rules: list[Attribution], base: int) -> list[_Draft]:
    """Drafts of the attributions the learned tagger finds and the rules do not.

    The rules keep what they found (their spans, speakers, roles and stances are checked by hand); the tagger
    adds the attributions whose cue and content overlap none of theirs: beliefs, intentions, noun cues and
    other phrasings no rule covers. Each content piece becomes a draft of the one cue, as the rules do with a
    quote continued after "he said", so speaker resolution and quantities treat both alike.
    """
    from warlog.extract import attribution_tagger
    from warlog.extract.attribution_features import quote_state, rule_roles

    doc = ctx.doc
    taken = [(a.claim.cue.start - base, a.claim.cue.end - base) for a in rules if a.claim.cue is not None]
    taken += [(a.claim.content.start - base, a.claim.content.end - base) for a in rules]
    drafts: list[_Draft] = []
    roles, in_quotes = rule_roles(doc, rules, base), quote_state(doc)
    tags = attribution_tagger.tag_doc(doc, rules, base, candidates_only=True, roles=roles, quoted=in_quotes)
    for found in attribution_tagger.decode(doc, tags):
        pieces = [_char_range(doc, *piece) for piece in found.content]
        cue_chars = _char_range(doc, *found.cue)
        if any(a < d and c < b for a, b in [cue_chars, *pieces] for c, d in taken):
            continue
        cue_head = _range_root(doc, found.cue)
        source_head = _range_root(doc, found.source) if found.source else None
        known = is_cue_token(cue_head)
        if not (known or attribution_tagger.learned_cue(cue_head.lemma_.lower())):
            continue
        if source_head is None or not _speaker_like(source_head) or not any(
                _says_something(doc, piece, clause=known) for piece in found.content):
            continue
        if _acts_in_content(source_head, found.cue, found.content):
            continue
        for piece, tokens in zip(pieces, found.content, strict=True):
            quoted = ctx.quote_of[tokens[0]] >= 0 or _is_quote_mark(doc[tokens[0]])
            drafts.append(_Draft(cue=found.cue, lemma=_lemma(cue_head), content=piece, direct=quoted,
                                 speaker_head=source_head.i, source_range=found.source))
        taken += [cue_chars, *pieces]
    return drafts + _learned_cue_drafts(ctx, roles, in_quotes, taken)


def _learned_cue_drafts(ctx: _Context, roles: list[str], in_quotes: list[bool],
                        taken: list[tuple[int, int]]) -> list[_Draft]:
    """Drafts of the attributions the learned cue detector finds where neither the rules nor the tagger found one.

    The same guards as the tagger's additions: a source that can speak, and a content that says something. A
    content that is only an object ("attacked the village") counts only after a word PolNeAR's writers use as a
    cue three times in ten or more ("slammed the plan"); after any other word it must be a clause, so that
    war news's verbs of force do not become speech.
    """
    from warlog.extract import attribution_cues, attribution_tagger

    if not attribution_cues.available():
        return []
    doc = ctx.doc
    drafts: list[_Draft] = []
    for found in attribution_cues.find(doc, roles, in_quotes):
        cue = (found.cue[0], found.cue[-1] + 1)
        cue_chars = _char_range(doc, *cue)
        piece = _char_range(doc, *found.content)
        if found.source is None or any(a < d and c < b for a, b in (cue_chars, piece) for c, d in taken):
            continue
        cue_head = _range_root(doc, cue)
        source_head = _range_root(doc, found.source)
        known = is_cue_token(cue_head)
        if known and found.content[0] < cue[0]:
            continue  # "prices rose, the mayor wants": where the rules read a known cue's clause before it, they did
        clause = known or not attribution_tagger.learned_cue(cue_head.lemma_.lower())
        if not _speaker_like(source_head) or not _says_something(doc, found.content, clause=clause) or \
                _acts_in_content(source_head, cue, [found.content]):
            continue
        quoted = ctx.quote_of[found.content[0]] >= 0 or _is_quote_mark(doc[found.content[0]])
        drafts.append(_Draft(cue=cue, lemma=_lemma(cue_head), content=piece, direct=quoted,
                             speaker_head=source_head.i, source_range=found.source))
        taken += [cue_chars, piece]
    return drafts


def _acts_in_content(source_head: Token, cue: tuple[int, int], content: list[tuple[int, int]]) -> bool:
    """Whether the source is the subject of a verb inside the content rather than of the cue: in "forces opposing
    the advance held the bridge" the forces hold the bridge, and that is no claim of theirs."""
    governor = source_head.head.i
    return not cue[0] <= governor < cue[1] and any(start <= governor < end for start, end in content)


# What a speaker can be named by, for an attribution only the learned tagger found. The tagger learned from US
# political news, where "X blasted Y" and "sounded the alarm" are speech; in war news a missile blasts and sirens
# sound, so its additions need a source that can speak: a name, a pronoun, or a noun of people, bodies or documents.
_SPEAKER_PRONOUNS = PERSONAL_PRONOUNS | PLURAL_PRONOUNS | {"i", "we", "you", "who"}
_SPEAKER_NOUNS = ROLE_WORDS | PERSON_NOUNS | SOURCE_NOUNS | ORG_NOUNS | BODY_NOUNS | DOCUMENT_NOUNS


def _speaker_like(head: Token) -> bool:
    """Whether a source's head word can name someone who speaks or believes."""
    if head.ent_type_ in ENTITY_LABELS:
        return True
    if head.pos_ == "PRON":
        return head.lower_ in _SPEAKER_PRONOUNS
    return head.lemma_.lower() in _SPEAKER_NOUNS or head.lower_ in _SPEAKER_NOUNS


MIN_WORDS = 3


def _says_something(doc: Doc, span: tuple[int, int], clause: bool = False) -> bool:
    """A content worth a claim: three words or more, or a figure (not "it", "to comment"); a clause with a verb
    where the cue is one the rules know, since the rules then had a reason to find no claim ("she knows the
    city well": knowing counts only with a clause)."""
    tokens = [t for t in doc[span[0]:span[1]] if not (t.is_punct or t.is_space)]
    if clause and not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return False
    return len(tokens) >= MIN_WORDS or any(t.like_num for t in tokens)


def _range_root(doc: Doc, span: tuple[int, int]) -> Token:
    """The token of a token range whose head lies outside it (the last such one)."""
    start, end = span
    roots = [t for t in doc[start:end] if not start <= t.head.i < end]
    return roots[-1] if roots else doc[end - 1]


# -- preparation ----------------------------------------------------------------------------------


def _context(doc: Doc) -> _Context:
    text = text_of(doc)
    ents = tuple(doc.ents)
    quotes = _find_quotes(text)
    quote_of = _quote_of(doc, quotes)
    ent_of = [-1] * len(doc)
    for k, ent in enumerate(ents):
        for i in range(ent.start, ent.end):
            ent_of[i] = k
    return _Context(doc=doc, text=text, ents=ents, quote_of=quote_of, quotes=quotes, ent_of=ent_of,
                    reporting=_reporting_tokens(doc))


def _quote_of(doc: Doc, quotes: list[_Quote]) -> list[int]:
    """Each token's quote (an index into `quotes`, in text order; -1 outside any): the last quote opened at or before
    the token, when the token lies between its marks. Read from the parse's offsets (`Doc.to_array`): a Python object
    made for every token only to ask its offset was most of the cost of the claims' preparation."""
    if not quotes or not len(doc):
        return [-1] * len(doc)
    starts = doc.to_array(IDX).astype(np.int64)
    ends = starts + doc.to_array(LENGTH).astype(np.int64)
    opens, inners, closes = (np.array(column, dtype=np.int64) for column in
                             zip(*((q.open, q.inner, q.close) for q in quotes), strict=True))
    last = np.searchsorted(opens, starts, side="right") - 1  # as bisect_right: the quote opened last at or before
    at = np.maximum(last, 0)
    inside = (last >= 0) & (inners[at] <= starts) & (ends <= closes[at])
    return np.where(inside, last, -1).tolist()


_QUOTE_MARK = re.compile("''|``|[\"\u201c\u201d\u00ab\u00bb\u201e\u201f]")


def _find_quotes(text: str) -> list[_Quote]:
    """Double-quoted stretches, paired within each paragraph.

    Straight quotes (and the ASCII pair `''`) alternate open/close; curly quotes and guillemets pair by
    direction (a right quote after a space and before a word opens, as careless typography has it). A
    quote left open at the end of a paragraph runs to the paragraph end (the news convention for a quote
    that continues in the next paragraph). Single quotes are ignored: after cleaning they cannot be told
    from apostrophes.
    """
    found: list[_Quote] = []
    position = 0
    for paragraph in text.split("\n"):
        found += _paragraph_quotes(paragraph, position)
        position += len(paragraph) + 1
    return found


def _paragraph_quotes(paragraph: str, position: int) -> list[_Quote]:
    """The quotes of one paragraph (starting at character `position`); see `_find_quotes`.

    A curly quote opened inside an open curly quote (`"... what he calls "hell" than ..."`) is nested:
    its closing mark does not close the outer quote. Where the nesting never balances (a stray opening
    mark), the outer quote closes at the first closing mark after all, and the scan resumes there.
    """
    found: list[_Quote] = []
    pos = 0
    while True:
        opened: re.Match[str] | None = None
        nested = 0
        first_close: re.Match[str] | None = None
        for mark in _QUOTE_MARK.finditer(paragraph, pos):
            char = mark.group()
            # a left or straight quote after a word and before a space closes ('hospital," he said'): with none
            # open in this paragraph it closes one carried over from the paragraph before, and opens nothing
            closing_left = char in ('"', "\u201c") and _looks_closing(paragraph, mark.start())
            if opened is None:
                if (char in OPEN_QUOTES and not closing_left) or char in ("''", "``") or char == "\u201d" and \
                        _looks_opening(paragraph, mark.start()):
                    opened, nested, first_close = mark, 0, None
            elif char == "\u201c" and opened.group() == "\u201c" and not closing_left:
                nested += 1
            elif closing_left or char != "``" and char not in ("\u201c", "\u00ab", "\u201e"):
                if nested and char in ("\u201d", "\u201c"):
                    nested -= 1
                    first_close = first_close or mark
                    continue
                found.append(_Quote(position + opened.start(), position + opened.end(), position + mark.start(),
                                    position + mark.end(), True))
                opened = None
        if opened is not None and first_close is not None:
            found.append(_Quote(position + opened.start(), position + opened.end(),
                                position + first_close.start(), position + first_close.end(), True))
            pos = first_close.end()
            continue
        if opened is not None and len(paragraph) - opened.end() > 2:
            end = position + len(paragraph)
            found.append(_Quote(position + opened.start(), position + opened.end(), end, end, False))
        return found


def _neighbours(paragraph: str, offset: int) -> tuple[str, str]:
    """The characters either side of a quotation mark, a space at the paragraph's ends."""
    return (paragraph[offset - 1] if offset else " ", paragraph[offset + 1] if offset + 1 < len(paragraph) else " ")


def _looks_closing(paragraph: str, offset: int) -> bool:
    before, after = _neighbours(paragraph, offset)
    return not before.isspace() and (after.isspace() or after in ".,;:!?)")


def _looks_opening(paragraph: str, offset: int) -> bool:
    before, after = _neighbours(paragraph, offset)
    return before.isspace() and not after.isspace()


def is_cue_token(token: Token) -> bool:
    """A verb of the cue lexicon (say, claim, believe, ...): what the rules and the learned tagger start from."""
    lemma = token.lemma_.lower()
    if lemma not in STANCE_BY_LEMMA or lemma == "accord":
        return False
    return token.pos_ in ("VERB", "AUX") or (token.tag_.startswith("VB") and token.pos_ != "NOUN")


# Verbs that attribute only right beside a direct quote (`"...," she continued` / `He continued: "..."`);
# anywhere else they say nothing about speech (`the shelling continued`), so the cue lexicon leaves them out.
QUOTE_ONLY_CUES = {"continue"}


def _is_quote_cue(token: Token) -> bool:
    """A cue of a direct quote: any cue verb, or a quote-only one with nothing of its own to govern."""
    if is_cue_token(token):
        return True
    return token.lemma_.lower() in QUOTE_ONLY_CUES and token.pos_ == "VERB" and not any(
        c.dep_ in ("dobj", "xcomp") for c in token.children)


def _char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character range of tokens [start, end)."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _is_punct(token: Token) -> bool:
    return token.is_punct or token.is_space or token.text in QUOTE_CHARS or token.text in ("'", "-", "--")


# -- direct quotes --------------------------------------------------------------------------------


def _quote_tokens(ctx: _Context, k: int) -> tuple[int | None, int | None]:
    """Token indexes of quote k's opening and closing marks (closing None when left open)."""
    doc = ctx.doc
    quote = ctx.quotes[k]
    open_tok = doc.char_span(quote.open, quote.inner, alignment_mode="expand")
    close_tok = doc.char_span(quote.close, quote.after, alignment_mode="expand") if quote.closed else None
    return (open_tok.start if open_tok is not None else None,
            close_tok.start if close_tok is not None else None)


def _quote_content(ctx: _Context, k: int) -> tuple[int, int] | None:
    """The character range inside quote k, without the marks, edge spaces and a trailing comma."""
    text = ctx.text
    start, end = ctx.quotes[k].inner, ctx.quotes[k].close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return (start, end) if end > start else None


def _speechlike(ctx: _Context, k: int) -> bool:
    """A quote long enough to be speech rather than a scare-quoted word or title."""
    inner = ctx.text[ctx.quotes[k].inner:ctx.quotes[k].close]
    words = re.findall(r"\w+", inner)
    return len(words) >= 3 or (len(words) >= 1 and inner.rstrip()[-1:] in ".!?")


def _claim_quote(ctx: _Context, k: int, cue_tok: Token, cue_range: tuple[int, int], head: int | None,
                 content: tuple[int, int], direct: bool) -> _Draft:
    """The draft of quote `k` attributed by the cue found before or after it; the quote is then taken."""
    draft = _Draft(cue=cue_range, lemma=_lemma(cue_tok), content=content, direct=direct)
    _set_speaker(draft, cue_tok, head)
    draft.channel, draft.intermediary = _channel(ctx, cue_tok), _intermediary(ctx, cue_tok, head)
    ctx.claimed_quotes[k] = cue_range[0]
    return draft


def _quote_drafts(ctx: _Context) -> list[_Draft]:
    doc = ctx.doc
    drafts: list[_Draft] = []
    after_cue: dict[int, _Draft] = {}
    # 1. "...," X said  (the attribution follows the quote)
    for k in range(len(ctx.quotes)):
        speechlike = _speechlike(ctx, k)
        if not speechlike and k + 1 >= len(ctx.quotes):
            continue
        open_tok, close_tok = _quote_tokens(ctx, k)
        if close_tok is None:
            continue
        ends_with_punct = ctx.text[max(0, ctx.quotes[k].close - 3):ctx.quotes[k].close].rstrip()[-1:] in ",.!?"
        found = _cue_after(ctx, close_tok + 1)
        if found is None:
            continue
        cue_tok, cue_range, head = found
        if not ends_with_punct and not (close_tok + 1 < len(doc) and doc[close_tok + 1].text == ","):
            continue
        if _new_sentence_with_content(ctx, k, cue_tok) or not speechlike and not _interrupted(ctx, k, cue_tok):
            continue
        content = _quote_content(ctx, k)
        if content is None or open_tok is None:
            continue
        direct = True
        lead = _sentence_lead(ctx, open_tok)
        if lead is not None:
            # `With thousands of systems, "there is no single point of failure," he said`: the words before
            # the quote belong to the content, which is then only partly quoted
            trimmed = _trim_content(ctx, lead, close_tok)
            if trimmed is not None:
                content, direct = (trimmed[0], content[1]), False
        after_cue[k] = _claim_quote(ctx, k, cue_tok, cue_range, head, content, direct)
        drafts.append(after_cue[k])
    # 2. X said: "..."  (the attribution precedes the quote)
    for k in range(len(ctx.quotes)):
        if k in ctx.claimed_quotes or not _speechlike(ctx, k):
            continue
        open_tok, _ = _quote_tokens(ctx, k)
        if open_tok is None or open_tok == 0:
            continue
        found = _cue_before(ctx, open_tok, k)
        if found is None:
            continue
        cue_tok, cue_range, head = found
        content = _quote_content(ctx, k)
        if content is None:
            continue
        after_cue[k] = _claim_quote(ctx, k, cue_tok, cue_range, head, content, True)
        drafts.append(after_cue[k])
    # 3. "...," he said. "..."  (a quote opening right after an attributed one's sentence)
    for k in sorted(after_cue):
        drafts += _following_quotes(ctx, after_cue[k], k + 1)
    return drafts


def _following_quotes(ctx: _Context, draft: _Draft, nxt: int) -> list[_Draft]:
    """Quotes from quote `nxt` on that go on the attribution `draft` just closed: `..., he said. "..."`.

    Each must open a new sentence right after the attribution's clause (or the previous such quote),
    on the same line, with no attribution of its own in its sentence.
    """
    clause_end = _clause_end(ctx, ctx.doc[draft.cue[1] - 1])
    drafts: list[_Draft] = []
    while nxt < len(ctx.quotes) and nxt not in ctx.claimed_quotes:
        gap = ctx.text[clause_end:ctx.quotes[nxt].open]
        if "\n" in gap or not re.fullmatch(r"\s*[.;,!?]?\s*", gap):
            break
        if (gap.strip() or ctx.text[clause_end - 1:clause_end]) not in (".", "!", "?", ";"):
            break  # the next quote must open a new sentence ("he said, adding that "..."" is another cue's)
        content = _quote_content(ctx, nxt)
        if content is None or _attributed_elsewhere(ctx, nxt):
            break
        drafts.append(_Draft(cue=draft.cue, lemma=draft.lemma, content=content, direct=True,
                             speaker_head=draft.speaker_head, speaker_range=draft.speaker_range,
                             source_range=draft.source_range, channel=draft.channel,
                             intermediary=draft.intermediary))
        ctx.claimed_quotes[nxt] = draft.cue[0]
        clause_end = ctx.quotes[nxt].after
        nxt += 1
    return drafts


def _interrupted(ctx: _Context, k: int, cue: Token) -> bool:
    """`"My hope," she said, "is that ..."`: quote `k`, however short, opens a quotation its attribution
    interrupts, the next quote resuming it after a comma."""
    if not ctx.text[ctx.quotes[k].inner:ctx.quotes[k].after].rstrip().endswith((",", ",\u201d", ',"', ",''")):
        return False
    gap = ctx.text[_clause_end(ctx, cue):ctx.quotes[k + 1].open]
    return "\n" not in gap and re.fullmatch(r"\s*,?\s*", gap) is not None \
        and ctx.text[:ctx.quotes[k + 1].open].rstrip().endswith(",")


def _new_sentence_with_content(ctx: _Context, k: int, cue: Token) -> bool:
    """Whether the cue after quote `k` has a content of its own, so that it is not the quote's attribution.

    `"... even for him." She says it shows ...`: after a quote closed by a full stop, any complement
    after the cue makes a new sentence; after a comma (`On "Face the Nation," the senator said the
    talks failed`), a complement outside quotes does. In `"Every time you say that," she said, "you
    give ..."` the complement the parser finds is the rest of the same quotation: the quote is the cue's.
    """
    inner = ctx.text[ctx.quotes[k].inner:ctx.quotes[k].close].rstrip()
    full_stop = inner[-1:] in (".", "!", "?")
    return any(c.dep_ == "ccomp" and c.i > cue.i and (full_stop or ctx.quote_of[c.i] < 0) for c in cue.children)


def _attributed_elsewhere(ctx: _Context, k: int) -> bool:
    """Whether quote k's sentence has a cue of its own outside quotes (`"...", she said` comes later)."""
    open_tok, _ = _quote_tokens(ctx, k)
    if open_tok is None:
        return False
    sent = ctx.doc[min(open_tok + 1, len(ctx.doc) - 1)].sent
    return any(ctx.quote_of[t.i] < 0 and not _is_quote_mark(t) and is_cue_token(t) for t in sent)


def _sentence_lead(ctx: _Context, open_tok: int) -> int | None:
    """First word of the sentence before an opening quote, when words precede it on its line."""
    doc = ctx.doc
    start = doc[open_tok].sent.start
    lead = None
    for i in range(open_tok - 1, start - 1, -1):
        token = doc[i]
        if "\n" in token.text or ctx.quote_of[i] >= 0 or _is_quote_mark(token) or token.text in (".", "!", "?", ":"):
            break
        if not _is_punct(token):
            lead = i
    return lead


def _clause_end(ctx: _Context, cue: Token) -> int:
    """Character end of the attribution clause around `cue` (outside any quote)."""
    doc = ctx.doc
    last = cue.i
    for token in cue.subtree:
        if token.i > last and ctx.quote_of[token.i] < 0 and not _is_quote_mark(token):
            last = token.i
    return doc[last].idx + len(doc[last].text)


def _is_quote_mark(token: Token) -> bool:
    return token.text in QUOTE_CHARS


def _cue_after(ctx: _Context, start: int) -> tuple[Token, tuple[int, int], int | None] | None:
    """The cue of an attribution that starts at token `start`, just after a closing quote."""
    doc = ctx.doc
    i = start
    while i < len(doc) and doc[i].text in (",", "\u2014", "-"):
        i += 1
    limit = min(len(doc), i + 14)
    for j in range(i, limit):
        token = doc[j]
        if "\n" in token.text or ctx.quote_of[j] >= 0 or _is_quote_mark(token):
            return None
        if token.text in (".", "!", "?", ";") and j > i:
            return None
        if not _is_quote_cue(token) and not (token.lower_ == "quoted"):
            continue
        if not all(_is_punct(doc[m]) or token in doc[m].ancestors for m in range(i, j)):
            continue
        lemma = token.lemma_.lower()
        if lemma == "quote":
            found = _quoted_as_saying(token)
            if found is not None:
                return found
            continue
        head = _speaker_head(token)
        return token, _cue_range(token), head
    return None


def _quoted_as_saying(token: Token) -> tuple[Token, tuple[int, int], int | None] | None:
    """`X was quoted as saying` (the cue `quoted as saying`) and `the agency quoted X as saying` (the cue `saying`,
    as its reported-speech reading has it): the speaker is the one quoted."""
    subject = _quoted_one(token)
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if subject is None or prep is None:
        return None
    saying = next((c for c in prep.children if c.lemma_.lower() in STANCE_BY_LEMMA), None)
    if saying is None:
        return None
    return saying, (token.i if subject.dep_ == "nsubjpass" else saying.i, saying.i + 1), subject.i


def _cue_before(ctx: _Context, open_tok: int, k: int) -> tuple[Token, tuple[int, int], int | None] | None:
    """The cue of an attribution that ends just before opening quote `open_tok`."""
    doc = ctx.doc
    p = open_tok - 1
    while p >= 0 and doc[p].is_space:
        p -= 1
    if p < 0 or "\n" in ctx.text[doc[p].idx:doc[open_tok].idx]:
        return None
    punctuated = doc[p].text in (":", ",") or doc[p].lower_ == "that" and doc[p].dep_ == "mark"
    if punctuated:
        p -= 1
    if p < 0 or ctx.quote_of[p] >= 0 or _is_quote_mark(doc[p]):
        return None
    open_char = ctx.quotes[k].open
    sent_start = doc[p].sent.start
    for m in range(p, max(sent_start, p - 16) - 1, -1):
        token = doc[m]
        if ctx.quote_of[m] >= 0 or _is_quote_mark(token):
            return None
        if not _is_quote_cue(token):
            continue
        if not all(_is_punct(doc[n]) or token in doc[n].ancestors for n in range(m + 1, p + 1)):
            continue
        if not punctuated and m != p:
            return None
        # a clausal complement outside the quote means the quote is only part of reported speech
        for child in token.children:
            if child.dep_ in ("ccomp", "xcomp") and child.left_edge.idx < open_char and child.i > token.i:
                return None
        if token.lemma_.lower() == "quote":
            return _quoted_as_saying(token) or (token, _cue_range(token), _speaker_head(token))
        return token, _cue_range(token), _speaker_head(token)
    return None


# -- reported speech ------------------------------------------------------------------------------


def _reported_drafts(ctx: _Context) -> list[_Draft]:
    doc = ctx.doc
    drafts: list[_Draft] = []
    for token in map(doc.__getitem__, ctx.reporting):
        if ctx.quote_of[token.i] >= 0:
            continue
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            draft = _according_to(ctx, token)
            if draft is not None:
                drafts.append(draft)
            continue
        as_clause = _as_clause(ctx, token)
        if as_clause:
            drafts += as_clause
            continue
        toll = _toll_given(ctx, token)
        if toll is not None:
            drafts.append(toll)
            continue
        if not is_cue_token(token):
            continue
        drafts += _reported(ctx, token)
    return drafts


def _reporting_tokens(doc: Doc) -> list[int]:
    """The tokens that may start a report in `_reported_drafts` or relay one in `_attach_intermediaries`, in order:
    "according", or a token whose lemma is a cue of the lexicon (`is_cue_token`), a verb that gives a toll
    (`_toll_given`) or "put" ("as X put it"). Read by hash from the parse's arrays, each lemma judged once: most
    tokens are none of these, and making each a Python object only to ask was most of the cost of both searches."""
    reporting = _lemma_in(doc, _REPORTING_LEMMAS) | (doc.to_array(LOWER) == _ACCORDING)
    return np.flatnonzero(reporting).tolist()


def _lemma_in(doc: Doc, lemmas: Collection[str]) -> np.ndarray:
    """Whether each token's lemma, lower-cased (as `_lemma` reads it), is one of `lemmas`."""
    return token_mask(doc, LEMMA, lambda lemma: lemma.lower() in lemmas)


# Verbs by which a source gives a count ("gave a preliminary count of 15 dead", "put the toll at over 200", "put it
# at 60 dead", "raised the toll to 31"): a way of saying a figure as common in war news as "said", and the
# figure's speaker is the verb's subject.
_TOLL_GIVING = {"give", "put", "place", "raise", "revise", "lower", "update", "set"}
_TOLL_OBJECTS = {"toll", "tally", "count", "figure", "number", "estimate"}
# The lemmas of `_reporting_tokens` ("put" is a verb that gives a toll), and the hash of "according" as a lower form.
_REPORTING_LEMMAS = frozenset(STANCE_BY_LEMMA) | _TOLL_GIVING | {"put"}
_ACCORDING = np.uint64(hash_string("according"))


def _toll_given(ctx: _Context, verb: Token) -> _Draft | None:
    """A toll given by a source: the cue is the verb, the content its toll and the figure it is put at (or raised
    from: "raising the initial toll from six" is the speaker's word on the six too)."""
    lemma = verb.lemma_.lower()
    if lemma not in _TOLL_GIVING or verb.pos_ != "VERB":
        return None
    toll = next((c for c in verb.children if c.dep_ == "dobj"), None)
    figures = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "to", "from")]
    if toll is None or not (toll.lemma_.lower() in _TOLL_OBJECTS or toll.lower_ == "it" and figures):
        return None
    parts = [toll, *figures]
    if not any(t.like_num for part in parts for t in part.subtree):
        return None  # "gave the number of the hotline": no figure, no toll
    head = _speaker_head(verb)
    if head is None:
        return None
    start, end = min(p.left_edge.i for p in parts), max(p.right_edge.i for p in parts) + 1
    char_range = _trim_content(ctx, start, end)
    if char_range is None:
        return None
    draft = _Draft(cue=(verb.i, verb.i + 1), lemma=lemma, content=char_range, direct=False)
    _set_speaker(draft, verb, head)
    return draft


def _quotes_after_reported(ctx: _Context, drafts: list[_Draft]) -> list[_Draft]:
    """`The talks may stall, the envoy said. "Nobody wants to move first."`: the quote goes on the report.

    Only a content that comes before its cue, with the cue closing the sentence, is continued: the
    speaker has just been named and the next sentence, a bare quote, is still theirs.
    """
    found: list[_Draft] = []
    for draft in drafts:
        cue_start = ctx.doc[draft.cue[0]].idx
        if draft.direct or draft.content[1] > cue_start:
            continue
        clause_end = _clause_end(ctx, ctx.doc[draft.cue[1] - 1])
        nxt = next((k for k, q in enumerate(ctx.quotes) if q.open >= clause_end), None)
        if nxt is not None:
            found += _following_quotes(ctx, draft, nxt)
    return found


def _as_clause(ctx: _Context, cue: Token) -> list[_Draft]:
    """`The strikes, as the governor put it, were a message` / `As analysts have noted, the offensive stalled`.

    An attribution introduced by `as` comments on the clause it hangs on: that clause, without the
    `as` clause, is the content (two claims with the same cue when the aside interrupts it, as for
    `X, the ministry said, Y`). `put it` counts as a cue only here.
    """
    doc = ctx.doc
    put_it = cue.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in cue.children)
    if not (put_it or is_cue_token(cue)) or cue.dep_ != "advcl" or cue.head == cue:
        return []
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) or any(
            c.dep_ in ("ccomp", "dobj", "xcomp") and not (put_it and c.lower_ == "it") for c in cue.children):
        return []
    sent = cue.sent
    left = cue.left_edge.i
    if left > sent.start and doc[left - 1].text not in (",", "\u2014", "--", "("):
        return []  # "not as miserable as outsiders think": a comparison, not an aside
    head = _speaker_head(cue)
    if head is None:
        return []
    host = (max(cue.head.left_edge.i, sent.start), min(cue.head.right_edge.i + 1, sent.end))
    aside = (cue.left_edge.i, cue.right_edge.i + 1)
    if all(_is_punct(t) for t in doc[aside[1]:sent.end]):
        # an aside closing its sentence (", as confirmed by the police.") vouches for all of it, wherever the
        # parser hung it
        host = (sent.start, aside[1])
    ranges = [_trim_content(ctx, a, b) for a, b in ((host[0], aside[0]), (aside[1], host[1])) if b > a]
    end = cue.i + 2 if put_it and cue.i + 1 < len(doc) and doc[cue.i + 1].lower_ == "it" else _cue_range(cue)[1]
    return [_Draft(cue=(_cue_range(cue)[0], end), lemma="say" if put_it else _lemma(cue), content=r, direct=False,
                   speaker_head=head, source_range=_source_range(doc, head)) for r in ranges if r is not None]


def _reported(ctx: _Context, cue: Token) -> list[_Draft]:
    """Reported-speech claims of one cue: usually one; two when the attribution interrupts the content."""
    lemma = _lemma(cue)
    if lemma == "quote" and any(_quoting_verb(t) == cue for t in cue.subtree):
        return []  # "the agency quoted X as saying ...": the claim is X's, read from "saying"
    if _names_its_source(cue):
        return []
    draft = _Draft(cue=_cue_range(cue), lemma=lemma, content=(0, 0), direct=False)
    _set_speaker(draft, cue, _speaker_head(cue))
    if draft.speaker_head is None and draft.speaker_range is None:
        return []
    speaker = _speaker_tokens(ctx, draft)
    pieces = _clausal_content(ctx, cue, speaker) if lemma not in INTENTION_CUES else []
    if not pieces and lemma in _ADDRESSEE_CUES:
        pieces = _that_clause_under_addressee(cue)
    if not pieces:
        pieces = _that_clause_under_channel(cue)
    if not pieces and lemma in TOPIC_CUES:
        topic = _topic_content(cue, TOPIC_CUES[lemma])
        pieces = [topic] if topic is not None else []
    elif not pieces and (lemma not in CLAUSE_ONLY or _document_speaker(ctx, draft)):
        complement = _complement_content(ctx, cue, lemma)
        pieces = [complement] if complement is not None else []
    ranges: list[tuple[int, int]] = []
    pieces = [(_after_source_participle(ctx, start, end), _without_trailing_participle(ctx, start, end))
              for start, end in pieces]
    for piece in pieces:
        for start, end in _clip(piece, cue, speaker):
            char_range = _trim_content(ctx, start, end)
            if char_range is not None:
                ranges.append(char_range)
    if len(ranges) > 1:  # keep the pieces that say something
        ranges = [r for r in ranges if len(re.findall(r"\w+", ctx.text[r[0]:r[1]])) > 1
                  or ctx.text[r[0]:r[1]].lower() in RELATIVE_PRONOUNS | {"what"}] or ranges[:1]
    draft.channel, draft.intermediary = _channel(ctx, cue), _intermediary(ctx, cue, draft.speaker_head)
    out = []
    for char_range in ranges:
        char_range = _through_open_quote(ctx, char_range)
        quoted = _whole_quote(ctx, char_range)
        fragment = ctx.text[char_range[0]:char_range[1]].lower() in RELATIVE_PRONOUNS | {"what"}
        piece = _Draft(**{**draft.__dict__, "content": quoted or char_range, "direct": quoted is not None,
                          "fragment": fragment})
        out.append(piece)
    return out


def _through_open_quote(ctx: _Context, char_range: tuple[int, int]) -> tuple[int, int]:
    """A content that opens a quote runs to its close (`told Fox that "they hit him. ... They are gaming it."`).

    The parse ends a reported clause with its sentence, but a quotation the speaker began inside the
    clause is still the speaker's words after the full stop, up to its closing mark on the same line.
    """
    a, b = char_range
    for k, quote in enumerate(ctx.quotes):
        if a - 2 <= quote.open < b < quote.close and ctx.claimed_quotes.get(k) is None:
            end = _quote_content(ctx, k)
            return (a, end[1]) if end is not None and end[1] > b else char_range
    return char_range


def _whole_quote(ctx: _Context, char_range: tuple[int, int]) -> tuple[int, int] | None:
    """The inside of the quote that a reported content is exactly (`He added: "..."` on its own line)."""
    a, b = char_range
    for k, quote in enumerate(ctx.quotes):
        if quote.inner <= a and b <= quote.close and not re.search(r"\w", ctx.text[quote.inner:a]) \
                and not re.search(r"\w", ctx.text[b:quote.close]):
            return _quote_content(ctx, k)
    return None


_ADDRESSEE_CUES = {"tell", "inform", "assure", "remind", "warn", "convince", "persuade", "notify", "brief"}


def _that_clause_under_addressee(cue: Token) -> list[tuple[int, int]]:
    """`told a meeting of Pacific leaders that few people understood ...` parsed as a relative clause.

    After a verb of telling, a `that` clause hung on the addressee that has a subject of its own is the
    message, not a relative clause (in one, `that` itself would be the subject).
    """
    for obj in cue.children:
        if obj.dep_ not in ("dobj", "dative") or obj.i < cue.i:
            continue
        for clause in obj.subtree:
            first = clause.left_edge
            if clause.dep_ in ("relcl", "acl", "ccomp") and first.lower_ == "that" and first.i < clause.i and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in clause.children):
                return [(first.i + 1, clause.right_edge.i + 1)]
    return []


def _that_clause_under_channel(cue: Token) -> list[tuple[int, int]]:
    """`said in a statement that 31 drones had been downed` parsed with the clause on `statement`.

    A `that` clause with a subject of its own hung on the object of the cue's `in`/`on` phrase (a statement, a post,
    an interview) is what was said: in a relative clause `that` itself would be the subject or object.
    """
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "on") or prep.i < cue.i:
            continue
        for channel in prep.children:
            if channel.dep_ != "pobj":
                continue
            for clause in channel.children:
                first = clause.left_edge
                if clause.dep_ in ("acl", "relcl") and first.lower_ == "that" and first.dep_ == "mark" and any(
                        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in clause.children):
                    return [(first.i + 1, clause.right_edge.i + 1)]
    return []


def _document_speaker(ctx: _Context, draft: _Draft) -> bool:
    """A poll, study, report or video as the speaker: `the poll shows a close race` is then a claim."""
    if draft.speaker_head is None:
        return False
    heads = [ctx.doc[draft.speaker_head]]
    if draft.source_range is not None:  # "figures from the ministry": the figures, though the ministry speaks
        heads.append(_range_root(ctx.doc, draft.source_range))
    return any(head.lemma_.lower() in DOCUMENT_NOUNS or head.lower_ in DOCUMENT_NOUNS for head in heads)


def _speaker_tokens(ctx: _Context, draft: _Draft) -> tuple[int, int]:
    """Token range of the speaker phrase (without a relative clause it heads)."""
    if draft.speaker_range is not None:
        return draft.speaker_range
    head = ctx.doc[draft.speaker_head]
    end = head.i + 1
    for child in head.children:
        if child.i > head.i and child.dep_ in ("appos", "compound", "flat", "prep") and child.dep_ != "relcl":
            end = max(end, child.right_edge.i + 1)
    if head.i < draft.cue[0]:
        end = min(end, draft.cue[0])  # an apposition the parser hung past the cue is not the speaker's
    return head.left_edge.i, end


def _clip(content: tuple[int, int], cue: Token, speaker: tuple[int, int]) -> list[tuple[int, int]]:
    """The content without the cue and the speaker: the pieces on either side of them."""
    pieces = [content]
    for a, b in ((cue.i, cue.i + 1), speaker):
        split: list[tuple[int, int]] = []
        for start, end in pieces:
            if b <= start or a >= end:
                split.append((start, end))
                continue
            split += [r for r in ((start, a), (b, end)) if r[1] > r[0]]
        pieces = split
    return pieces


def _clausal_content(ctx: _Context, cue: Token, speaker: tuple[int, int]) -> list[tuple[int, int]]:
    """Token ranges of a complement clause: ccomp, colon-introduced text, or content-first sentence."""
    doc = ctx.doc
    sent = cue.sent

    def claimed(start: int, end: int) -> bool:
        # a quote another attribution took, unless that attribution is nested in this content
        return any(ctx.quote_of[i] >= 0 and ctx.quote_of[i] in ctx.claimed_quotes
                   and not start <= ctx.claimed_quotes[ctx.quote_of[i]] < end for i in range(start, end))

    # a complement after the cue is its content even when the parser also made an opening clause one
    # ("Claiming the criticism was unfair, Trump told Fox that ...")
    complements = sorted((c for c in cue.children if c.dep_ == "ccomp" and not speaker[0] <= c.i < speaker[1]),
                         key=lambda c: c.i < cue.i)
    for child in complements:
        if child.i > cue.i:
            start, end = child.left_edge.i, _with_elaboration(cue, child.right_edge.i + 1)
            return [] if claimed(start, end) else [(start, end)]
        # content first: "..., X said." -- the content runs from the sentence start
        end = child.right_edge.i + 1
        start = min(child.left_edge.i, sent.start)
        return [] if claimed(start, end) else [(start, end)]
    if _lemma(cue) in BELIEF_CUES:
        return []  # "she knew", "they learned": only a complement clause says what
    # "Content, X said." (or "Content, X said, more content.") parsed with no complement; and "Content, said
    # one of the residents." where the parser joined the cue to the content's verb, its subject after it
    first = min([speaker[0]] + [t.i for t in cue.subtree if not _is_punct(t)])
    inverted = cue.dep_ == "conj" and cue.head.i < cue.i < speaker[0]
    if (cue.i > speaker[0] or inverted) and first > sent.start and doc[first - 1].text in (",", "\u2014"):
        after = max([cue.i] + [t.i for t in cue.subtree if t.i > cue.i and t.dep_ != "punct"]) + 1
        if after < sent.end and doc[after].text == "," and not any(t.head.i == cue.i for t in doc[after + 1:sent.end]):
            pieces = [(sent.start, first - 1), (after + 1, sent.end)]  # "..., the ministry said, ..."
        elif cue.right_edge.i + 1 >= sent.end - 1 or all(
            _is_punct(t) or t.dep_ in ("prep", "pobj", "npadvmod", "advmod") or t.head.i != cue.i
            for t in doc[cue.i + 1:sent.end]
        ):
            pieces = [(sent.start, first - 1)]
        else:
            pieces = []
        pieces = [p for p in pieces if not claimed(*p)]
        # a content is a clause: "During his years in office, X said" opens with an adjunct, not a claim
        return pieces if any(_finite(t) for a, b in pieces for t in doc[a:b]) else []
    # X wrote on Telegram: content
    for i in range(cue.i + 1, min(sent.end, cue.i + 16)):
        token = doc[i]
        if token.text == ":" and all(_is_punct(doc[n]) or cue in doc[n].ancestors or doc[n] == cue
                                     for n in range(cue.i + 1, i)):
            if i + 1 < sent.end and not all(t.is_space for t in doc[i + 1:sent.end]):
                return [(i + 1, sent.end)]
            return _next_paragraph(ctx, i)
        if ctx.quote_of[i] >= 0:
            break
    return []


_ELABORATIONS = {"including", "excluding", "among", "especially", "notably"}


def _with_elaboration(cue: Token, end: int) -> int:
    """A content's end extended over `, including ...` that the parser hung on the cue instead.

    `X confirmed 4,000 soldiers had crossed the border, including as many as 1,500 near Y`: the figure
    after `including` is part of what X confirmed.
    """
    doc = cue.doc
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in _ELABORATIONS and child.i >= end \
                and all(_is_punct(t) for t in doc[end:child.i]):
            end = child.right_edge.i + 1
        # `X says it would cut revenue at first, but would add $84 billion later`: a predicate without a
        # subject of its own that the parser joined to the cue goes on the content when its form (a modal,
        # a bare infinitive) continues the reported verb's; in the cue's own tense (`..., but offered no
        # details`, `... and said she would stay`) it is the speaker's next act
        elif child.dep_ == "conj" and child.i >= end and child.left_edge.i >= end and not is_cue_token(child) \
                and (child.tag_ == "VB" or any(c.tag_ == "MD" for c in child.children)) \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children) \
                and all(_is_punct(t) or t.dep_ == "cc" for t in doc[end:child.left_edge.i]):
            end = child.right_edge.i + 1
    return end


def _finite(token: Token) -> bool:
    return token.tag_ in ("VBD", "VBZ", "VBP", "MD") or token.tag_ == "VB" and token.dep_ != "xcomp"


def _next_paragraph(ctx: _Context, colon: int) -> list[tuple[int, int]]:
    """`He added:` closing its line: the content is the next paragraph (a block quote or a statement)."""
    doc = ctx.doc
    rest = ctx.text[doc[colon].idx + 1:]
    if "\n" not in rest or rest[:rest.index("\n")].strip():
        return []
    i = colon + 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    end = i
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    return [(i, end)] if end > i else []


def _topic_content(cue: Token, preps: set[str]) -> tuple[int, int] | None:
    """Token range of the object of the cue's topic preposition (`spoke out about the shelling`)."""
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i > cue.i:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return objects[0].left_edge.i, child.right_edge.i + 1
    return None


def _complement_content(ctx: _Context, cue: Token, lemma: str) -> tuple[int, int] | None:
    """Token range of an infinitive, an object, or an accusation's object plus of/for phrase."""
    children = list(cue.children)
    if lemma in OBJECT_PREP_CUES:
        preps = OBJECT_PREP_CUES[lemma]
        obj = next((c for c in children if c.dep_ in ("dobj", "obj")), None)
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in preps), None)
        if prep is None and obj is not None:
            prep = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in preps), None)
        if obj is not None and prep is not None:
            return obj.left_edge.i, max(prep.right_edge.i, obj.right_edge.i) + 1
        if prep is not None and lemma in ("warn", "point"):
            return prep.i + 1, prep.right_edge.i + 1
    if lemma in XCOMP_CUES:
        xcomp = next((c for c in children if c.dep_ == "xcomp" and c.i > cue.i), None)
        if xcomp is None and (lemma in _ADDRESSEE_CUES or lemma in ("urge", "ask", "encourage")):
            # "tells his supporters at the rally to go ...": after a verb of telling or urging, an infinitive
            # after the addressee, whatever the parser calls it, is what they are told to do (after others,
            # "reported the figures to hide ..." says why)
            addressee = next((c for c in children if c.dep_ in ("dobj", "dative") and c.i > cue.i), None)
            xcomp = next((c for c in children if c.dep_ == "advcl" and addressee is not None and c.i > addressee.i
                          and any(a.dep_ == "aux" and a.lower_ == "to" and a.i < c.i for a in c.children)), None)
        if xcomp is not None:
            obj = next((c for c in children if c.dep_ in ("dobj", "dative") and c.i < xcomp.i), None)
            # "urged lawmakers to act", "encouraged voters to check": who is asked belongs to the request
            start = obj.left_edge.i if obj is not None else xcomp.left_edge.i
            end = xcomp.right_edge.i + 1
            # "pledged to fund the army until the war is won": a clause hung on the cue belongs to it
            for child in children:
                if child.i >= end and child.dep_ == "advcl" and child.left_edge.i <= end + 1:
                    end = child.right_edge.i + 1
            return start, end
    if lemma == "call":
        return _call_content(cue)
    if lemma in DOBJ_CUES or lemma in ("show", "find"):
        obj = next((c for c in children if c.dep_ in ("dobj", "obj") and c.i > cue.i), None)
        if obj is not None and obj.pos_ != "PRON":
            return obj.left_edge.i, _object_phrase_end(cue, obj)
        # "the video shows him with his hands raised", "the court found it unconstitutional": a pronoun
        # shown or found in some state is content with that state
        if obj is not None and lemma in ("show", "find") and _object_phrase_end(cue, obj) > obj.i + 1:
            return obj.i, _object_phrase_end(cue, obj)
        # passive with its source: "The strike was first reported by Ukrainska Pravda"
        subject = next((c for c in children if c.dep_ == "nsubjpass" and c.i < cue.i), None)
        if subject is not None and subject.pos_ != "PRON" and any(c.dep_ == "agent" for c in children):
            return subject.left_edge.i, subject.right_edge.i + 1
    return None


_OBJECT_TAIL_DEPS = {"prep", "ccomp", "dobj", "oprd", "conj", "dep", "acomp"}
# prepositions that go on describing the object; `in a ruling`, `on Thursday`, `during the debate` are
# the report's circumstances instead
_OBJECT_TAIL_PREPS = {"as", "to", "of", "about", "by", "against", "from", "with", "into", "after", "over"}


def _object_phrase_end(cue: Token, obj: Token) -> int:
    """End of an object content with what the verb phrase says about it (`cited X as proof of Y`).

    What follows the object without a comma (`as an example of ...`, a relative clause the parser hung
    on the verb) is still the object's description; a comma, a conjunction or a clause of its own ends it.
    """
    doc = cue.doc
    end = obj.right_edge.i + 1
    for child in sorted(cue.children, key=lambda c: c.i):
        if child.i < end:
            continue
        if child.dep_ not in _OBJECT_TAIL_DEPS or child.left_edge.i != end or doc[end].is_punct \
                or child.dep_ == "prep" and child.lower_ not in _OBJECT_TAIL_PREPS \
                or child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            break
        end = child.right_edge.i + 1
    return end


def _call_content(cue: Token) -> tuple[int, int] | None:
    """`called for X`, `called on Y to do X`, `called X a Y`; a bare `called` (phoned, named) is no claim."""
    children = list(cue.children)
    for child in children:
        if child.dep_ in ("prep", "prt") and child.lower_ in ("for", "on") and child.i > cue.i:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if not objects:
                continue
            end = max(o.right_edge.i for o in objects) + 1
            xcomp = next((c for c in children if c.dep_ in ("xcomp", "advcl") and c.i >= end), None)
            if child.lower_ == "on":
                if xcomp is None:
                    continue
                end = xcomp.right_edge.i + 1
            return objects[0].left_edge.i, end
    obj = next((c for c in children if c.dep_ == "dobj" and c.i > cue.i), None)
    oprds = [c for c in children if c.dep_ == "oprd" and c.i > cue.i]
    if obj is not None and oprds and oprds[-1].i > obj.i:
        return obj.left_edge.i, oprds[-1].right_edge.i + 1
    if obj is None and len(oprds) >= 2:  # "called Trump a liar", parsed as two predicates
        return oprds[0].left_edge.i, oprds[-1].right_edge.i + 1
    return None


def _according_to(ctx: _Context, according: Token) -> _Draft | None:
    doc = ctx.doc
    to = next(c for c in according.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    sent = according.sent
    # the phrase ends with its source (and what hangs on it), even when the parser made `according` the root
    phrase_start, phrase_end = according.i, max(to.right_edge.i, source.right_edge.i) + 1
    if phrase_start == sent.start and phrase_end >= sent.end - 1:
        # the parser swallowed the whole sentence into the source: a sentence-initial phrase ends at a comma
        comma = next((t.i for t in doc[source.i:sent.end] if t.text == ","), None)
        phrase_end = comma if comma is not None else phrase_end
    before = (sent.start, phrase_start)
    after = (phrase_end, sent.end)
    words_before = sum(1 for t in doc[before[0]:before[1]] if not _is_punct(t))
    words_after = sum(1 for t in doc[after[0]:after[1]] if not _is_punct(t))
    if words_before >= 3 and (words_after < 3 or words_before >= words_after):
        start, end = before
    elif words_after >= 3:
        start, end = after
    else:
        return None
    char_range = _trim_content(ctx, start, end)
    if char_range is None:
        return None
    source_start, source_end = _source_range(doc, source.i)
    draft = _Draft(cue=(according.i, to.i + 1), lemma="accord", content=char_range, direct=False,
                   speaker_head=_issuer(doc, source.i), source_range=(source_start, min(source_end, phrase_end)))
    return draft


# -- noun cues ------------------------------------------------------------------------------------


def _noun_drafts(ctx: _Context) -> list[_Draft]:
    """`Moscow's claim that ...`, `the claim by Kyiv that ...`, `X made the argument that ...`, `X's plan to ...`.

    A cue noun counts only with a `that` clause or an infinitive hung on it and a source the sentence
    names: its possessor, its `by`/`from` phrase, or the subject of a light verb that takes it as object.
    """
    doc = ctx.doc
    drafts: list[_Draft] = []
    for token in map(doc.__getitem__, np.flatnonzero(_lemma_in(doc, CUE_NOUNS)).tolist()):
        lemma = CUE_NOUNS.get(token.lemma_.lower())
        if lemma is None or token.pos_ != "NOUN" or ctx.quote_of[token.i] >= 0:
            continue
        clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp") and c.i > token.i
                       and _introduced_by(c, {"that", "to"})), None)
        if clause is None:
            continue
        head = _noun_source(token)
        if head is None:
            continue
        source = _source_range(doc, head)
        if doc[head].dep_ == "poss" and _is_pronoun(doc[head]) and token.dep_ == "dobj":
            # "Moscow repeated its demand": the owner is the subject of the verb that voices the noun
            head = _speaker_head(token.head) if _speaker_head(token.head) is not None else head
        start = clause.left_edge.i + (clause.left_edge.lower_ == "that")
        content = _trim_content(ctx, start, clause.right_edge.i + 1)
        if content is None:
            continue
        drafts.append(_Draft(cue=(token.i, token.i + 1), lemma=lemma, content=content, direct=False,
                             speaker_head=head, source_range=source))
    return drafts


def _introduced_by(clause: Token, words: set[str]) -> bool:
    """Whether a clause opens with one of `words` (`that` for a complement, `to` for an infinitive)."""
    return clause.left_edge.lower_ in words and clause.left_edge.i < clause.i


def _noun_source(noun: Token) -> int | None:
    """Token index of whoever owns a cue noun: possessor, `by`/`from` object, or a light verb's subject."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child.i
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i > noun.i:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj.i
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in LIGHT_VERBS:
        return _speaker_head(verb)
    return None


# -- headlines ------------------------------------------------------------------------------------


def _headline_drafts(ctx: _Context, first: int, last: int) -> list[_Draft]:
    """`CONTENT, X says` and `X says CONTENT` in a headline or standfirst (tokens [first, last)).

    Read from the token sequence: parses of headlines are unreliable.
    """
    doc = ctx.doc
    words = [t for t in doc[first:last] if not _is_punct(t)]
    if len(words) < 3:
        return []
    start = first
    colon = next((t.i for t in doc[first:min(last, first + 7)] if t.text == ":"), None)
    if colon is not None:
        start = colon + 1
    found = _says_drafts(ctx, start, last)
    if not found and colon is not None and _looks_like_speaker_label(ctx, first, colon):
        content = _trim_content(ctx, colon + 1, last)
        if content is not None:
            speaker = (first, colon)
            found = [_Draft(cue=(colon, colon + 1), lemma="say", content=content, direct=False,
                            speaker_range=speaker, source_range=speaker)]
    return found


HEADLINE_LABELS = {
    "latest", "live", "update", "updates", "breaking", "watch", "analysis", "opinion", "explainer",
    "exclusive", "video", "photos", "pictures", "factbox", "timeline", "q&a", "review", "editorial",
    "comment", "read", "listen", "podcast", "recap", "war", "crisis", "news", "profile", "obituary",
    "briefing", "in", "explained", "fact", "check", "factcheck", "poll", "polls", "editor",
    "note", "correction", "report", "day",
}


def _looks_like_speaker_label(ctx: _Context, start: int, end: int) -> bool:
    """`Zelensky:` or `Pentagon chief:` before a headline's colon, not `Ukraine war latest:`."""
    doc = ctx.doc
    tokens = [t for t in doc[start:end] if not t.is_space]
    if not 1 <= len(tokens) <= 4 or any(t.lower_ in HEADLINE_LABELS or _is_punct(t) for t in tokens):
        return False
    if any(ctx.ent_of[t.i] >= 0 and ctx.ents[ctx.ent_of[t.i]].label_ == "PERSON" for t in tokens):
        return True
    # a name the model left unlabelled ("Sanders:"), not a place ("Kharkiv:" is a dateline)
    if len(tokens) <= 3 and all(t.is_title and ctx.ent_of[t.i] < 0 for t in tokens) and tokens[-1].tag_ in (
            "NNP", "NNS", "NNPS") and tokens[-1].lower_ not in DOCUMENT_NOUNS | ORG_NOUNS:
        return True
    return tokens[-1].lower_ in ROLE_WORDS | ORG_NOUNS | DOCUMENT_NOUNS


def _says_drafts(ctx: _Context, start: int, last: int) -> list[_Draft]:
    """The `says` patterns of a headline over tokens [start, last)."""
    doc = ctx.doc
    end = last
    while end > start and _is_punct(doc[end - 1]) and doc[end - 1].text not in QUOTE_CHARS:
        end -= 1
    if end - start < 3:
        return []
    final = doc[end - 1]
    # CONTENT, X says
    if _headline_cue(final):
        comma = next((i for i in range(end - 2, max(start, end - 10), -1) if doc[i].text in (",", "\u2014")), None)
        if comma is not None and comma - start >= 2 and end - 1 - (comma + 1) >= 1:
            content = _trim_content(ctx, start, comma)
            if content is not None:
                speaker = (comma + 1, end - 1)
                return [_Draft(cue=(final.i, final.i + 1), lemma=_headline_lemma(final), content=content, direct=False,
                               speaker_range=speaker, source_range=speaker)]
    # X says CONTENT
    for i in range(start + 1, min(end - 2, start + 9)):
        token = doc[i]
        if not _headline_cue(token) or _is_punct(doc[i - 1]) or ctx.quote_of[i] >= 0:
            continue
        if not any(t.pos_ in ("NOUN", "PROPN") for t in doc[start:i]):
            break
        content_start = i + 1
        if doc[content_start].lower_ == "that":
            content_start += 1
        content = _trim_content(ctx, content_start, end)
        if content is None or len(re.findall(r"\w+", ctx.text[content[0]:content[1]])) < 3:
            continue
        # "Railing Against Trump, Sanders Vows To ...": the speaker is the phrase after the last comma
        comma = next((c for c in range(i - 1, start, -1) if doc[c].text == ","), None)
        speaker = (comma + 1 if comma is not None else start, i)
        return [_Draft(cue=(i, i + 1), lemma=_headline_lemma(token), content=content, direct=False,
                       speaker_range=speaker, source_range=speaker)]
    return []


def _verb_forms(lemma: str) -> set[str]:
    """Third-person and past forms of a regular cue verb (`warn` -> warns, warned; `deny` -> denies, denied)."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma + "s", lemma + "es", stem + "ed"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return forms


# Title-case headlines ("Zelensky Warns Europe ...") are tagged as runs of proper nouns: the cue is
# then known by its form.
HEADLINE_FORMS = {form: lemma for lemma in sorted(HEADLINE_CUES) for form in _verb_forms(lemma)} | {
    "says": "say", "said": "say"}


def _headline_cue(token: Token) -> bool:
    if token.is_title and token.lower_ in HEADLINE_FORMS and not token.is_sent_start:
        return True
    return token.lemma_.lower() in HEADLINE_CUES and token.tag_ in ("VBZ", "VBP", "VBD") and token.pos_ == "VERB"


def _headline_lemma(token: Token) -> str:
    return HEADLINE_FORMS.get(token.lower_, _lemma(token)) if token.is_title else _lemma(token)


def _transcript_drafts(ctx: _Context) -> list[_Draft]:
    """`PENCE: Well, look, ...`: paragraphs opening with a speaker label used more than once."""
    doc = ctx.doc
    starts = [0] + [i + 1 for i in tokens_with(doc, "\n") if i + 1 < len(doc)]
    candidates: list[tuple[str, int, int, int]] = []
    for start in starts:
        while start < len(doc) and (doc[start].is_space or _is_quote_mark(doc[start])):
            start += 1
        colon = next((t.i for t in doc[start:min(len(doc), start + 5)] if t.text == ":" or "\n" in t.text), None)
        if colon is None or doc[colon].text != ":" or colon == start:
            continue
        label = doc[start:colon]
        if not all(t.is_upper and t.is_alpha and len(t.text) > 1 or t.text == "." for t in label):
            continue
        line_end = next((t.i for t in doc[colon:] if "\n" in t.text), len(doc))
        candidates.append((label.text, start, colon, line_end))
    repeated = {label for label, *_ in candidates if sum(1 for c in candidates if c[0] == label) > 1}
    drafts: list[_Draft] = []
    for label, start, colon, line_end in candidates:
        if label not in repeated or label.lower() in HEADLINE_LABELS:
            continue
        content = _trim_content(ctx, colon + 1, line_end)
        if content is not None:
            drafts.append(_Draft(cue=(colon, colon + 1), lemma="say", content=content, direct=False,
                                 speaker_range=(start, colon), source_range=(start, colon)))
    return drafts


_SIGNATURE = re.compile(r"[^\S\n]*(?:[\u2015\u2014\u2013]|--?)[^\S\n]*")  # no-break spaces count as spaces


def _signed_quote_drafts(ctx: _Context) -> list[_Draft]:
    """`"We will rebuild." ― Olena Kovalenko`: a paragraph that is a quote signed with a dash and a name.

    The shape of vox pops, pull quotes and epigraphs. The name must fill the rest of the line (up to six
    words, capitalised, an optional full stop), so a dash inside running prose is never read as one.
    """
    doc, text = ctx.doc, ctx.text
    drafts: list[_Draft] = []
    for k, quote in enumerate(ctx.quotes):
        if not quote.closed or k in ctx.claimed_quotes or not _speechlike(ctx, k):
            continue
        line_start = text.rfind("\n", 0, quote.open) + 1
        line_end = text.find("\n", quote.after)
        line_end = len(text) if line_end < 0 else line_end
        dash = _SIGNATURE.match(text, quote.after, line_end)
        if text[line_start:quote.open].strip() or dash is None or dash.end() == quote.after:
            continue
        name = text[dash.end():line_end].strip().rstrip(".")
        if not name or len(name.split()) > 6 or not all(w[:1].isupper() for w in name.split() if w.isalpha()):
            continue
        cue = doc.char_span(dash.start(), dash.end(), alignment_mode="expand")
        speaker = doc.char_span(dash.end(), dash.end() + len(name), alignment_mode="expand")
        content = _quote_content(ctx, k)
        if cue is None or speaker is None or content is None or not any(t.pos_ == "PROPN" for t in speaker):
            continue
        marks = [t.i for t in cue if not t.is_space]
        if not marks:
            continue
        drafts.append(_Draft(cue=(marks[0], marks[-1] + 1), lemma="say", content=content, direct=True,
                             speaker_range=(speaker.start, speaker.end), source_range=(speaker.start, speaker.end)))
        ctx.claimed_quotes[k] = marks[0]
    return drafts


def _headline_lines(ctx: _Context) -> list[tuple[int, int]]:
    """Token ranges of the lines that read as headlines: short, without closing punctuation. A line ends at a token
    that breaks the line (found by hash, `tokens_with`) or with the text."""
    doc = ctx.doc
    breaks = tokens_with(doc, "\n")
    ends = breaks if not len(doc) or len(doc) - 1 in breaks[-1:] else [*breaks, len(doc) - 1]
    lines: list[tuple[int, int]] = []
    start = 0
    for last in ends:
        end = last if last in breaks else last + 1
        text = ctx.text[doc[start].idx:doc[end - 1].idx + len(doc[end - 1].text)].strip() if end > start else ""
        if text and text[-1] not in ".!?:;\"\u201d)" and 3 <= len(text.split()) <= 40:
            lines.append((start, end))
        start = last + 1
    return lines


# -- helpers: cues, speakers, spans ---------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _cue_range(cue: Token) -> tuple[int, int]:
    """The verb group: contiguous auxiliaries, negation and adverbs before the verb, the verb, a particle.

    PolNeAR's cues include the auxiliaries (258 of 260 in dev) and a directly preceding adverb of the
    verb (139 of 145: "also said", "later told"); following adjuncts ("said in a statement") are left to
    `channel` and `time`, where PolNeAR is split (178 in, 91 out).
    """
    start = cue.i
    doc = cue.doc
    while start > 0:
        prev = doc[start - 1]
        if prev.head == cue and prev.dep_ in ("aux", "auxpass", "neg", "advmod") and not prev.is_punct \
                and prev.lower_ not in ("when", "where", "how", "why", "as", "so", "however"):
            start -= 1
            continue
        break
    end = cue.i + 1
    # a particle, or a preposition whose object is the content ("called for", "warned against", "pointed to")
    lemma = cue.lemma_.lower()
    preps = OBJECT_PREP_CUES.get(lemma, set()) | TOPIC_CUES.get(lemma, set()) | (
        {"for", "on"} if lemma == "call" else set())
    if end < len(doc) and doc[end].head == cue and (doc[end].dep_ == "prt" or doc[end].lower_ in preps):
        end += 1
        if lemma in TOPIC_CUES and end < len(doc) and doc[end].head == cue and doc[end].lower_ in preps:
            end += 1  # "spoke out about"
    return start, end


def _speaker_head(cue: Token, depth: int = 0) -> int | None:
    """Token index of the head of the cue's speaker, following shared subjects and participles."""
    if depth > 4:
        return None
    subjects = [child for child in cue.children if child.dep_ == "nsubj"]
    if subjects:
        # The parser sometimes gives a verb two subjects ("Further west, …, prosecutors said"): the one
        # nearest the verb is the speaker.
        child = min(subjects, key=lambda t: abs(cue.i - t.i))
        if child.lower_ in RELATIVE_PRONOUNS and cue.dep_ == "relcl":
            return cue.head.i
        return child.i
    for child in cue.children:
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj.i
    if cue.dep_ == "relcl" and cue.tag_ == "VBG":
        return cue.head.i
    if cue.dep_ in ("conj", "xcomp") and cue.head != cue:
        return _speaker_head(cue.head, depth + 1)
    if cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.head != cue:
        return _speaker_head(_participle_host(cue), depth + 1)
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN"):
        return cue.head.i
    quoting = _quoting_verb(cue)
    if quoting is not None:
        # "X was quoted as saying"; "the agency quoted X as saying": the one quoted speaks, the agency relays
        subject = _quoted_one(quoting)
        return subject.i if subject is not None else None
    # "responded by saying ...", "After saying ..., she was rushed to hospital": the gerund shares the
    # subject of the verb it serves, a passive one included
    if cue.dep_ == "pcomp" and cue.tag_ == "VBG" and cue.head.dep_ == "prep" and cue.head.head.pos_ in ("VERB", "AUX"):
        host = cue.head.head
        passive = next((c.i for c in host.children if c.dep_ == "nsubjpass"), None)
        return _speaker_head(host, depth + 1) if passive is None else passive
    return None


_SOURCE_NAMING = {"cite", "quote"}


def _names_its_source(cue: Token) -> bool:
    """"citing a local official", "quoting witnesses": a participle that names who its host's claim comes from, no
    claim of its own ("citing a threat to public safety" and "citing fears that ..." give reasons: they are)."""
    if cue.lemma_.lower() not in _SOURCE_NAMING or cue.tag_ != "VBG" or cue.dep_ != "advcl":
        return False
    cited = next((c for c in cue.children if c.dep_ == "dobj"), None)
    return cited is not None and _speaker_like(cited) and not any(c.dep_ in ("ccomp", "xcomp") for c in cue.children)


def _after_source_participle(ctx: _Context, start: int, end: int) -> int:
    """Start of a content after a leading "citing a local official," that the parser put inside it."""
    doc = ctx.doc
    token = doc[start]
    if start < end and _names_its_source(token) and token.right_edge.i + 1 < end:
        start = token.right_edge.i + 1
        while start < end and (_is_punct(doc[start]) or doc[start].lower_ == "that" and doc[start].dep_ == "mark"):
            start += 1
    return start


def _quoted_one(quoting: Token) -> Token | None:
    """Who a verb `quote` quotes: its passive subject ("X was quoted") or its object ("quoted X")."""
    return next((c for c in quoting.children if c.dep_ in ("nsubjpass", "dobj")), None)


def _quoting_verb(cue: Token) -> Token | None:
    """The verb `quote` of "quoted X as saying" / "X was quoted as saying" when `cue` is its `saying`."""
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as" and cue.head.head.lemma_.lower() == "quote":
        return cue.head.head
    return None


def _participle_host(cue: Token) -> Token:
    """The verb a trailing `, arguing that ...` belongs to.

    In `X said Y had failed, arguing that ...` the parser hangs the participle on the reported verb
    (`failed`), but it is the reporter who argues: after a comma, a participle under reported content
    goes to the outermost attribution verb whose complement holds it.
    """
    host = cue.head
    if cue.left_edge.i == 0 or cue.doc[cue.left_edge.i - 1].text != ",":
        return host
    node = host
    while node.dep_ == "ccomp" and node.head != node and node.head.i < node.i:
        node = node.head
        if is_cue_token(node):
            host = node
    return host


def _without_trailing_participle(ctx: _Context, start: int, end: int) -> int:
    """End of a reported clause before a trailing `, citing ...` / `, arguing that ...` of its reporter."""
    doc = ctx.doc
    for i in range(start + 1, end):
        token = doc[i]
        if token.tag_ == "VBG" and token.dep_ == "advcl" and is_cue_token(token) and doc[i - 1].text == "," \
                and token.left_edge.i == i and token.right_edge.i + 2 >= end and _participle_host(token) != token.head:
            return i - 1
    return end


def _inverted_subject(cue: Token) -> tuple[int, int] | None:
    """`CONTENT, the prosecutor general's office said.` parsed without a subject: the phrase after the comma."""
    doc = cue.doc
    sent = cue.sent
    comma = next((i for i in range(cue.i - 1, max(sent.start, cue.i - 12) - 1, -1) if doc[i].text in (",", ":")),
                 None)
    if comma is None or comma + 1 >= cue.i:
        return None
    phrase = doc[comma + 1:cue.i]
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in phrase) or "\n" in phrase.text:
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") for t in phrase):
        return None
    return comma + 1, cue.i


def _set_speaker(draft: _Draft, cue: Token, head: int | None) -> None:
    """Fill a draft's speaker head, phrase and source-as-written from the cue and its subject."""
    doc = cue.doc
    if head is None:
        phrase = _inverted_subject(cue)
        if phrase is not None:
            draft.speaker_range = draft.source_range = phrase
        return
    draft.speaker_head = _issuer(doc, head)
    relative = next((c for c in cue.children if c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS), None)
    if cue.dep_ == "relcl" and relative is not None:
        draft.source_range = (relative.i, relative.i + 1)
        return
    start, end = _source_range(doc, head)
    if head < draft.cue[0] < end:  # the parser hung words past the cue on the subject: they are not the source
        end = draft.cue[0]
        while end > start + 1 and _is_punct(doc[end - 1]):
            end -= 1
    draft.source_range = (start, end)


# Things a body issues, that "show" or "confirm" what the body found: the body is the speaker.
_ISSUED_THINGS = {"investigation", "figure", "data", "datum", "statement", "communique", "estimate", "tally", "count",
                  "finding", "statistic", "assessment", "report", "record"}
_ISSUING = {"release", "publish", "provide", "issue", "compile", "give", "collect", "gather", "announce", "present",
            "produce", "prepare", "share", "post"}


def _issuer(doc: Doc, head: int) -> int:
    """The body behind an issued thing as the speaker: "figures from the health ministry show", "initial
    investigations by the prosecutor's office confirm" are the ministry's and the office's words (the source as
    written keeps the whole phrase)."""
    token = doc[head]
    if token.lemma_.lower() not in _ISSUED_THINGS:
        return head
    # "figures from the ministry"; "figures released by the prison service" (not "a report seen by AFP")
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")]
    preps += [g for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in _ISSUING
              for g in c.children if g.dep_ == "agent"]
    for prep in preps:
        body = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if body is not None and _speaker_like(body):
            return body.i
    return head


def _source_range(doc: Doc, head: int) -> tuple[int, int]:
    """The source as written: the head's whole phrase, apposition and modifiers included.

    Left out: a relative clause that is an attribution of its own ("Mr Kamin, who emphasized that ...,
    said"), a leading focus adverb ("even China"), and anything before a line break, a dateline dash or
    a quotation the parser hung on the phrase.
    """
    token = doc[head]
    if token.pos_ == "PRON" or token.lower_ in RELATIVE_PRONOUNS:
        return head, head + 1
    start, end = token.left_edge.i, token.right_edge.i + 1
    for child in token.children:
        if child.dep_ == "relcl" and child.i > head and any(is_cue_token(t) for t in child.subtree):
            end = min(end, child.left_edge.i)
        # "Trump, speaking to veterans in Virginia, said": a participle set off by commas is circumstance
        if child.dep_ == "acl" and child.tag_ in ("VBG", "VBN") and child.i > head \
                and doc[child.left_edge.i - 1].text == "," and child.right_edge.i + 2 >= end:
            end = min(end, child.left_edge.i - 1)
        # "Clinton, like Obama, has said": a comparison set off by commas is no part of who speaks
        if child.dep_ == "prep" and child.lower_ in ("like", "unlike") and child.i > head \
                and doc[child.i - 1].text == "," and child.right_edge.i + 2 >= end:
            end = min(end, child.i - 1)
    for i in range(head - 1, start - 1, -1):
        if "\n" in doc[i].text or _is_dash(doc[i]) or _is_quote_mark(doc[i]):
            start = i + 1
            break
    while start < end and (_is_punct(doc[start]) or doc[start].dep_ == "advmod"
                           and doc[start].lower_ in ("even", "only", "also", "too", "just", "now")):
        start += 1
    while end > start and _is_punct(doc[end - 1]) and doc[end - 1].text != ")":
        end -= 1
    return start, end


def _is_dash(token: Token) -> bool:
    """A dash between words (see `lexicon.is_dateline_dash`), not the hyphen of a compound."""
    before = token.i > 0 and bool(token.doc[token.i - 1].whitespace_)
    return is_dateline_dash(token.text, before, bool(token.whitespace_))


def _after_dateline(doc: Doc, start: int, end: int) -> int:
    """The first token after a dateline opening the range (`WASHINGTON -- `, `KYIV, Ukraine (AP) ― `).

    A dateline is the wire's, not the speaker's: capitalised place words (and an agency in brackets)
    up to a dash.
    """
    for i in range(start, min(end, start + 8)):
        if _is_dash(doc[i]):
            words = [t for t in doc[start:i] if t.is_alpha]
            if words and words[0].text.isupper() and len(words[0].text) > 1 \
                    and all(t.text[:1].isupper() for t in words):
                return i + 1
            return start
    return start


def _after_time_of_speaking(doc: Doc, start: int, end: int) -> int:
    """The first token after a day that follows the cue verb ("said on Thursday they had fired ...", US "said
    Monday that ..."): news writes when the source spoke there, whatever clause the parse hangs it on."""
    if start == 0 or doc[start - 1].pos_ not in ("VERB", "AUX"):
        return start
    i = start
    if doc[i].lower_ in ("late", "early") and i + 1 < end and doc[i + 1].lower_ == "on":
        i += 1
    if doc[i].lower_ == "on":
        i += 1
    day = i
    while i < end and doc[i].ent_type_ == "DATE" and doc[i].lower_ != "that" \
            and not (doc[i].like_num and doc[i].dep_ == "nummod"):  # "on Sunday 12 people died": 12 counts
        i += 1
    if i == day or i >= end - 1 or not (doc[i].lower_ == "that" or doc[i].dep_ in ("nsubj", "nsubjpass")
                                        or doc[i].pos_ in ("PRON", "DET", "PROPN", "NOUN", "NUM")):
        return start
    return i


def _trim_content(ctx: _Context, start: int, end: int) -> tuple[int, int] | None:
    """Character range of tokens [start, end) without a dateline, edge punctuation and a leading `that`."""
    doc = ctx.doc
    start = _after_dateline(doc, start, end)
    start = _after_time_of_speaking(doc, start, end)
    while start < end and (_is_punct(doc[start]) or doc[start].dep_ == "mark" and doc[start].lower_ == "that"
                           or doc[start].dep_ == "cc" and start + 1 < end and doc[start + 1].text == ","):
        start += 1
    # a sentence-initial connective is the writer's, not the speaker's ("But", "However,")
    if start < end and doc[start].lower_ in CONNECTIVES and (start == 0 or doc[start].is_sent_start or _is_punct(
            doc[start - 1])) and start + 1 < end:
        start += 1
        while start < end and _is_punct(doc[start]):
            start += 1
    # a trailing concessive clause is the writer's aside (", though she noted ..."), and so is a relative
    # clause set off by a comma at the end (", which the court has put on hold"): it describes a noun
    # for the reader, it is not what the source said
    for i in range(start + 1, end):
        if doc[i - 1].text == "," and ctx.quote_of[i] < 0 and (
                doc[i].lower_ in CONCESSIVES and doc[i].head.right_edge.i >= end - 2
                or _trailing_relative(doc[i], end)):
            end = i - 1
            break
    while end > start and (_is_punct(doc[end - 1]) or doc[end - 1].dep_ == "cc"):
        end -= 1
    if end - start < 1 or not any(t.is_alpha or t.like_num for t in doc[start:end]):
        return None
    char_start, char_end = _char_range(doc, start, end)
    # keep a closing quote mark whose opening mark is inside the content
    text = ctx.text
    inside = sum(1 for c in text[char_start:char_end] if c in QUOTE_CHARS)
    if inside % 2 == 1:
        tail = re.match(r"[.,!?]?[\"\u201d]", text[char_end:char_end + 2])
        if tail:
            char_end += tail.end()
        elif char_start > 0 and text[char_start - 1] in QUOTE_CHARS:
            char_start -= 1
    return char_start, char_end


def _trailing_relative(token: Token, end: int) -> bool:
    """Whether `token` opens a non-restrictive relative clause (`who`/`which`) that runs to `end`."""
    clause = token.head
    return token.lower_ in ("which", "who") and clause.dep_ == "relcl" and clause.left_edge.i == token.i \
        and clause.right_edge.i >= end - 2


def _channel(ctx: _Context, cue: Token) -> str | None:
    """The medium named around the cue: on Telegram, told a press conference, in a statement, ..."""
    pieces = [cue.text]
    for child in cue.children:
        if child.dep_ in ("prep", "dobj", "dative", "npadvmod", "agent", "advcl") and ctx.quote_of[child.i] < 0:
            if child.dep_ == "advcl" and child.lemma_ not in ("speak", "post", "write"):
                continue
            pieces.append(" ".join(t.text for t in child.subtree if ctx.quote_of[t.i] < 0))
    frame = " ".join(pieces)
    lemma = _lemma(cue)
    if lemma in ("tweet",):
        return "social media"
    for pattern, name in CHANNEL_PATTERNS:
        if pattern.search(frame):
            if name == "social media" and re.search(r"\bon x\b", frame, re.I) is None and "x" == frame.strip():
                continue
            return name
    return None


def _intermediary(ctx: _Context, cue: Token, head: int | None) -> str | None:
    """Who relayed the claim: `told Reuters`, `quoted by the official news agency`."""
    doc = ctx.doc
    if _lemma(cue) == "tell":
        for child in cue.children:
            if child.dep_ in ("dobj", "dative") and MEDIA_RE.search(child.text + " " + _phrase_text(ctx, child)):
                if child.lemma_.lower() not in ("conference", "briefing"):
                    return _phrase_text(ctx, child)
            if child.dep_ == "dobj" and child.ent_type_ == "ORG":
                return _phrase_text(ctx, child)
    quoting = _quoting_verb(cue)
    relay = next((c for c in quoting.children if c.dep_ == "nsubj"), None) if quoting is not None else None
    if relay is not None:
        return _phrase_text(ctx, relay)  # "the agency quoted X as saying"
    if head is not None:
        for child in doc[head].children:
            if child.dep_ == "acl" and child.lemma_.lower() in ("quote", "cite"):
                for grandchild in child.children:
                    if grandchild.dep_ in ("agent", "prep") and grandchild.lower_ in ("by", "in"):
                        pobj = next((c for c in grandchild.children if c.dep_ == "pobj"), None)
                        if pobj is not None:
                            return _phrase_text(ctx, pobj)
    return None


def _phrase_text(ctx: _Context, token: Token) -> str:
    doc = ctx.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    while start < end and _is_punct(doc[start]):
        start += 1
    while end > start and _is_punct(doc[end - 1]):
        end -= 1
    a, b = _char_range(doc, start, end)
    return ctx.text[a:b]


def _attach_intermediaries(ctx: _Context, drafts: list[_Draft]) -> None:
    """`"...," the minister told reporters, the state broadcaster said`: the media verb relays the claim.

    A cue whose speaker is a news outlet, and which governs (or closes the sentence of) another
    attribution, is the claim's intermediary, not a claim of its own.
    """
    doc = ctx.doc
    live = [d for d in drafts if not d.drop]
    for token in map(doc.__getitem__, ctx.reporting):
        if ctx.quote_of[token.i] >= 0 or not (is_cue_token(token) or token.lower_ == "according"):
            continue
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            head = next((c.i for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            relay_range = _source_range(doc, head) if head is not None else None
        else:
            head = _speaker_head(token)
            relay_range = _source_range(doc, head) if head is not None else _inverted_subject(token)
        if relay_range is None:
            continue
        relay = _range_text(ctx, relay_range)
        if not MEDIA_RE.search(relay) or _is_pronoun(doc[relay_range[0]]):
            continue
        sent = token.sent
        inner = [d for d in live if d.cue[0] != token.i and sent.start <= d.cue[0] < sent.end
                 and not doc[d.cue[0]].is_ancestor(token)
                 and (token.is_ancestor(doc[d.cue[1] - 1]) or token.i == _last_word(sent))]
        if not inner:
            continue
        for draft in inner:
            draft.intermediary = draft.intermediary or relay
            if draft.channel is None and re.search(r"\bstate\b", relay, re.I):
                draft.channel = "state media"
        for draft in live:
            if draft.cue[0] <= token.i < draft.cue[1]:
                draft.drop = True


def _last_word(sent: DocSpan) -> int:
    last = sent.end - 1
    while last > sent.start and _is_punct(sent.doc[last]):
        last -= 1
    return last


def _range_text(ctx: _Context, token_range: tuple[int, int]) -> str:
    doc = ctx.doc
    a, b = _char_range(doc, *token_range)
    return ctx.text[a:b]


# -- speakers: description, role, affiliation, resolution -----------------------------------------


def _entity_label(ctx: _Context, token: Token) -> str | None:
    k = ctx.ent_of[token.i]
    return ENTITY_LABELS.get(ctx.ents[k].label_) if k >= 0 else None


def _name_range(ctx: _Context, head: Token) -> tuple[int, int] | None:
    """Token range of the proper name headed by `head`: its compound chain or named entity."""
    doc = ctx.doc
    if head.pos_ != "PROPN" and ctx.ent_of[head.i] < 0:
        return None
    # a title before a body's noun names the body, not its holder: "the General Staff", "the General Assembly"
    titles = set() if head.lower_ in BODY_NOUNS else ROLE_WORDS
    start = head.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(start, head.i + 1) \
            and doc[start - 1].dep_ in ("compound", "flat", "nmod", "amod") \
            and doc[start - 1].lower_ not in titles and doc[start - 1].lower_.rstrip(".") not in HONORIFICS:
        start -= 1
    end = head.i + 1
    k = ctx.ent_of[head.i]
    if k >= 0:
        ent = ctx.ents[k]
        if ent.label_ in ENTITY_LABELS:
            ent_start = ent.start
            # titles owning the body stay ("the Prosecutor General's Office"): they name the office, not a holder
            owned = any(doc[j].dep_ == "case" for j in range(ent_start, head.i))
            while ent_start < head.i and (doc[ent_start].lower_ in titles and not owned
                                          or doc[ent_start].lower_ == "the"
                                          or doc[ent_start].lower_.rstrip(".") in HONORIFICS):
                ent_start += 1
            start = min(start, ent_start) if ent_start <= head.i else start
            end = max(end, ent.end)
    if head.pos_ != "PROPN" and k < 0:
        return None
    return start, end


_PARTITIVES = {"one", "some", "many", "several", "most", "few", "two", "three", "four", "none", "each", "all",
               "any", "half", "dozens", "hundreds"}


def _part_of(ctx: _Context, head: Token, np_start: int) -> _Who | None:
    """`One of the officers`, `some of the residents`: an unnamed member of a described group."""
    if head.lower_ not in _PARTITIVES:
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > head.i), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if group is None:
        return None
    who = _describe(ctx, group)
    people = who.label in ("PERSON", "ANON") or group.lemma_.lower() in PERSON_NOUNS
    a, b = _char_range(ctx.doc, np_start, group.right_edge.i + 1)
    return _Who(span=(a, b), text=ctx.text[a:b], label="ANON" if people else who.label, role=who.role,
                affiliation=who.affiliation, anonymous=people, head_lemma=group.lemma_.lower(),
                plural=head.lower_ != "one")


def _describe(ctx: _Context, head: Token, np_range: tuple[int, int] | None = None) -> _Who:
    """Name, label, role, affiliation and anonymity of the speaker phrase headed by `head`."""
    doc = ctx.doc
    np_start = np_range[0] if np_range else head.left_edge.i
    while np_start < head.i and _is_punct(doc[np_start]):
        np_start += 1
    part = _part_of(ctx, head, np_start)
    if part is not None:
        return part
    # a lower-case organisation noun is no name even where the model tags it PROPN ("Qatar's foreign ministry")
    common = head.text.islower() and head.lemma_.lower() in ORG_NOUNS
    name = _name_range(ctx, head) if head.lower_ not in ROLE_WORDS and not common else None
    if name is not None and np_range is not None:  # a headline's speaker stops at its cue ("Zelensky Warns")
        name = (max(name[0], np_range[0]), min(name[1], np_range[1]))
        name = name if name[1] > name[0] else None
    appos = [c for c in head.children if c.dep_ == "appos"]
    role_from: tuple[int, int] | None = None
    if name is None:
        named_appos = next((a for a in appos if _name_range(ctx, a) is not None
                            and _entity_label(ctx, a) in (None, "PERSON", "ORG")
                            and doc[a.left_edge.i - 1].text != "("), None)
        if named_appos is not None and head.lemma_.lower() not in DOCUMENT_NOUNS:
            # "Examplestan's ombudsman for refugees Ana Costa", "the South's minister Reid"
            name = _name_range(ctx, named_appos)
            role_from = (np_start, min(name[0], named_appos.left_edge.i))
            appos = [a for a in appos if a is not named_appos]
    title = None
    if name is not None:
        written = name[0]
        name, title = _without_title(doc, name)
        if role_from is None:
            role_from = (np_start, written)
    role, affiliation = _split_premodifiers(ctx, *role_from) if role_from else (None, None)
    if title:
        role = f"{role} {title}" if role else title
    # apposition: "Andriy Kovalenko, an official with Ukraine's national security council"
    for a in appos:
        if a.pos_ in ("NOUN",) or a.lower_ in ROLE_WORDS:
            appos_role, appos_affiliation = _appos_role(ctx, a)
            role = role or appos_role
            affiliation = affiliation or appos_affiliation
            break
    if role is None and name is not None:
        role, affiliation = _leading_clause(ctx, head, affiliation)
    if name is not None:
        label = _entity_label(ctx, doc[name[1] - 1]) or _entity_label(ctx, doc[name[0]])
        if label in ("GPE", "NORP") and any(_entity_label(ctx, doc[i]) == "ORG" for i in range(*name)):
            label = "ORG"  # "Amnesty International Kenya": an organisation's national branch, not the country
        if role and any(w in ROLE_WORDS for w in role.lower().split()) and label in ("ORG", "GPE", "NORP", None):
            label = "PERSON"
        acronym = name[1] - name[0] == 1 and doc[name[0]].text.isupper() and len(doc[name[0]]) > 1
        label = label or ("ORG" if head.lower_ in ORG_NOUNS or acronym else "PERSON")  # no person is an acronym
        a, b = _char_range(doc, *name)
        return _Who(span=(a, b), text=ctx.text[a:b], label=label, role=role, affiliation=affiliation,
                    head_lemma=head.lemma_.lower(), named=True, plural=head.tag_ in ("NNS", "NNPS"))
    # a description without a name
    end = head.i + 1
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].pos_ == "PROPN":
        end += 3  # "Ukraine's military intelligence agency (HUR)"
    a, b = _char_range(doc, np_start, end)
    text = ctx.text[a:b]
    lemma = head.lemma_.lower()
    words = [t.lower_ for t in doc[np_start:head.i]]
    plural = head.tag_ in ("NNS", "NNPS") or lemma in ("people", "authorities", "police")
    definite = bool(words) and (words[0] in ("the", "this", "that", "these", "those") or "'s" in words
                                or "\u2019s" in words or doc[np_start].dep_ == "poss")
    has_entity_modifier = any(ctx.ent_of[i] >= 0 for i in range(np_start, head.i))
    anonymous = False
    if lemma in PERSON_NOUNS or head.lower_ in PERSON_NOUNS:
        indefinite = (not words and (plural or not has_entity_modifier)) or (bool(words) and words[0] in _INDEFINITE)
        anonymous = bool(ANONYMISING_MODIFIERS & set(words)) or (indefinite and not definite) or (
            plural and not definite)
    if anonymous:
        label = "ANON"
    elif head.pos_ == "PROPN" or _entity_label(ctx, head):
        label = _entity_label(ctx, head) or "ORG"
    elif lemma in ORG_NOUNS or head.lower_ in ORG_NOUNS:
        label = "ORG"
    elif lemma in PERSON_NOUNS or lemma in ROLE_WORDS:
        label = "PERSON"
    else:
        label = None
    premod_role, premod_affiliation = _split_premodifiers(ctx, np_start, head.i)
    if anonymous:
        # "an unidentified Russian intelligence source": the nationality or organisation named in it
        entity = next((ctx.ents[ctx.ent_of[i]] for i in range(np_start, head.i) if ctx.ent_of[i] >= 0
                       and ctx.ents[ctx.ent_of[i]].label_ in ("NORP", "GPE", "ORG")), None)
        affiliation = affiliation or (entity.text if entity is not None else None)
        role = role or (head.text if lemma in ROLE_WORDS else None)
    else:
        affiliation = affiliation or premod_affiliation
        if role is None and label == "PERSON" and lemma in ROLE_WORDS | PERSON_NOUNS:
            role = _strip_leading(premod_role + " " + head.text if premod_role else head.text)
    for child in head.children:
        if affiliation is None and child.dep_ == "prep" and child.lower_ in ("for", "with", "at", "of", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.ent_type_ or pobj.lemma_.lower() in ORG_NOUNS):
                affiliation = _phrase_text(ctx, pobj)
    return _Who(span=(a, b), text=text, label=label, role=role, affiliation=affiliation, anonymous=anonymous,
                head_lemma=lemma, plural=plural, named=False)


# Verbs of leading in a relative clause after a name, and the role they give ("X, who heads the Observatory").
_LEADING_VERBS = {"head": "head", "lead": "leader", "chair": "chair", "run": "head", "command": "commander",
                  "direct": "director", "found": "founder", "co-found": "co-founder"}


def _leading_clause(ctx: _Context, head: Token, affiliation: str | None) -> tuple[str | None, str | None]:
    """"Rami X, who heads the Britain-based Observatory, said": the clause gives the role ("head of the
    Observatory") and, when what is led is an organisation, the affiliation."""
    for clause in head.children:
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in _LEADING_VERBS \
                or not any(c.lower_ in ("who", "whom") for c in clause.children):
            continue
        led = next((c for c in clause.children if c.dep_ == "dobj"), None)
        if led is None:
            continue
        title = _LEADING_VERBS[clause.lemma_.lower()]
        article = next((f"{c.lower_} " for c in led.children if c.dep_ == "det"), "")
        if led.ent_type_ == "ORG":  # "the Britain-based Observatory": the body, not where it is based
            entity = ctx.ents[ctx.ent_of[led.i]]
            body = entity.text[4:] if entity.text.lower().startswith("the ") else entity.text
            return f"{title} of {article}{body}", affiliation or body
        return f"{title} of {ctx.doc[led.left_edge.i:led.i + 1].text}", affiliation
    return None, affiliation


def _without_title(doc: Doc, name: tuple[int, int]) -> tuple[tuple[int, int], str | None]:
    """A name without the abbreviated titles opening it, and those titles written out ("Gov." -> governor)."""
    start, end = name
    words: list[str] = []
    while start < end - 1:
        token = doc[start]
        # "Gov." is one token; "Maj." may be split as "Maj" + "."
        dotted = token.lower_ if token.text.endswith(".") else token.lower_ + "." \
            if start + 1 < end and doc[start + 1].text == "." else ""
        if dotted in TITLE_ABBREVIATIONS:
            words.append(TITLE_ABBREVIATIONS[dotted])
        elif not (token.text == "." and words):
            break
        start += 1
    return (start, end), " ".join(words) or None


def _strip_leading(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in _DETERMINERS | ANONYMISING_MODIFIERS:
        words = words[1:]
    return " ".join(words)


def _split_premodifiers(ctx: _Context, start: int, end: int) -> tuple[str | None, str | None]:
    """Role and affiliation from the words before a name: `US secretary of state` -> (role, `US`)."""
    doc = ctx.doc
    while start < end and (_is_punct(doc[start]) or doc[start].lower_ in _DETERMINERS):
        start += 1
    while end > start and (_is_punct(doc[end - 1]) or doc[end - 1].lower_.rstrip(".") in HONORIFICS):
        end -= 1
    if start >= end:
        return None, None
    possessive = next((i for i in range(start, end) if doc[i].dep_ == "case" or doc[i].text in ("'s", "\u2019s")),
                      None)
    if possessive is not None:
        owner_start = start
        if owner_start > 0 and doc[owner_start - 1].lower_ == "the":
            owner_start -= 1
        affiliation = _text(ctx, owner_start, possessive)
        role = _text(ctx, possessive + 1, end) if possessive + 1 < end else None
        return role, affiliation
    i = start
    while i < end:
        token = doc[i]
        low = token.lower_
        if low in ROLE_WORDS:
            break
        if low in ROLE_MODIFIERS and (i + 1 >= end or doc[i + 1].lower_ in ROLE_WORDS | ROLE_MODIFIERS):
            break
        in_entity = ctx.ent_of[i] >= 0 and ctx.ents[ctx.ent_of[i]].label_ in ("GPE", "NORP", "ORG", "LOC", "FAC")
        if in_entity or token.pos_ == "PROPN" or (token.is_title and not token.is_sent_start and token.pos_ != "ADJ"):
            i += 1
            continue
        break
    affiliation = _text(ctx, start, i) if i > start else None
    role_start = i
    # "Kyiv-based political analyst": the place a person is based in is neither role nor affiliation
    if role_start + 1 < end and doc[role_start].text == "-" and doc[role_start + 1].lower_ == "based":
        affiliation = None
        role_start += 2
    role = _text(ctx, role_start, end) if role_start < end else None
    return role, affiliation


def _appos_role(ctx: _Context, appos: Token) -> tuple[str | None, str | None]:
    """Role and affiliation from an apposition: `an official with Ukraine's national security council`."""
    start = appos.left_edge.i
    role, affiliation = _split_premodifiers(ctx, start, appos.i)
    role_words = _text(ctx, start, appos.i + 1)
    if role is None and affiliation is None:
        role = _strip_leading(role_words)
    elif role is not None:
        role = f"{role} {appos.text}"
    else:
        role = appos.text
    for child in appos.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "of", "at", "for", "from", "in", "to"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return role, _phrase_text(ctx, pobj)
    return role, affiliation


def _text(ctx: _Context, start: int, end: int) -> str | None:
    doc = ctx.doc
    while start < end and _is_punct(doc[start]):
        start += 1
    while end > start and _is_punct(doc[end - 1]):
        end -= 1
    if start >= end:
        return None
    a, b = _char_range(doc, start, end)
    return ctx.text[a:b]


def _finish(ctx: _Context, drafts: list[_Draft], base: int, post_index: int | None,
            speakers: bool = True) -> list[Attribution]:
    """Claims from drafts: contents trimmed to their line, speakers resolved (unless `speakers` is False, for a
    preview of the spans alone)."""
    doc = ctx.doc
    text = ctx.text
    out: list[Attribution] = []
    seen: set[tuple[int, int, int]] = set()
    for draft in drafts:
        key = (draft.cue[0], draft.content[0], draft.content[1])
        if key in seen:
            continue
        seen.add(key)
        cue_a, cue_b = _char_range(doc, *draft.cue)
        # a claim stays on its cue's line (paragraph): a headline above it is not part of its content
        line_start = text.rfind("\n", 0, cue_a) + 1
        line_end = text.find("\n", cue_b)
        line_end = len(text) if line_end < 0 else line_end
        if draft.content[0] > line_end and text[cue_b:line_end].rstrip().endswith(":"):
            # "He added:" at the end of its line introduces the next paragraph
            line_start = text.rfind("\n", 0, draft.content[0]) + 1
            line_end = text.find("\n", draft.content[0])
            line_end = len(text) if line_end < 0 else line_end
        content_a, content_b = max(draft.content[0], line_start), min(draft.content[1], line_end)
        while content_a < content_b and (text[content_a].isspace() or text[content_a] in ",;:"):
            content_a += 1
        if content_b - content_a < 2 or not re.search(r"\w", text[content_a:content_b]):
            continue
        draft.content = (content_a, content_b)
        who = _spelled_out(ctx, _resolve(ctx, draft)) if speakers else None
        if who is not None and who.affiliation is None:
            who.affiliation = _context_affiliation(ctx, who, doc[draft.cue[0]].idx)
        speaker = None
        if who is not None and who.span is not None:
            speaker = Span(base + who.span[0], base + who.span[1], text[who.span[0]:who.span[1]])
        source = None
        if draft.source_range is not None:
            sa, sb = _char_range(doc, *draft.source_range)
            source = Span(base + sa, base + sb, text[sa:sb])
        channel = draft.channel
        if channel is None and who is not None and who.text and STATE_MEDIA_RE.search(who.text):
            channel = "state media"  # "Russian state media reported that ..."
        claim = Claim(
            content=Span(base + content_a, base + content_b, text[content_a:content_b]),
            speaker=speaker,
            speaker_text=who.text if who is not None else None,
            speaker_label=who.label if who is not None else None,
            role=who.role if who is not None else None,
            affiliation=who.affiliation if who is not None else None,
            anonymous=who.anonymous if who is not None else False,
            cue=Span(base + cue_a, base + cue_b, text[cue_a:cue_b]),
            direct=draft.direct,
            channel=channel,
            intermediary=draft.intermediary,
            stance=STANCE_BY_LEMMA.get(draft.lemma, "assert"),
            post_index=post_index,
        )
        out.append(Attribution(claim=claim, source=source, cue_lemma=draft.lemma, fragment=draft.fragment))
        ctx.contents.append(draft.content)
        if who is not None and who.span is not None:
            position = doc[draft.source_range[0]].idx if draft.source_range else cue_a
            ctx.speakers.append((position, who))
    return out


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,6}")
_NAME_WORD = re.compile(r"[A-Z][\w'\u2019.-]*|of|for|and|the|on|in|de|al")


def _spelled_out(ctx: _Context, who: _Who | None) -> _Who | None:
    """A speaker named by its acronym ("WCK said") under the name the text spells out for it ("World Central
    Kitchen (WCK)", or an organisation whose capitals are the acronym): the ledger then puts the figures of
    both under one source."""
    if who is None or who.text is None or who.span is None or not _ACRONYM.fullmatch(who.text):
        return who
    acronym = who.text.replace("&", "")
    for match in re.finditer(r"\(\s*" + re.escape(who.text) + r"\s*\)", ctx.text):
        words = list(re.finditer(r"\S+", ctx.text[max(0, match.start() - 120):match.start()]))
        offset = max(0, match.start() - 120)
        for k in range(len(words) - 1, -1, -1):
            phrase = words[k:]
            capitals = "".join(w.group()[0] for w in phrase if w.group()[0].isupper())
            if not all(_NAME_WORD.fullmatch(w.group().strip(",")) for w in phrase):
                break
            if capitals == acronym and phrase[0].group()[0].isupper():
                a, b = offset + phrase[0].start(), offset + phrase[-1].end()
                return replace(who, span=(a, b), text=ctx.text[a:b].rstrip(","), named=True)
    for ent in ctx.ents:
        if ent.label_ == "ORG" and "".join(t.text[0] for t in ent if t.text[:1].isupper()) == acronym \
                and len(ent) > 1:
            start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
            a, b = _char_range(ctx.doc, start, ent.end)
            return replace(who, span=(a, b), text=ctx.text[a:b], named=True)
    return who


def _context_affiliation(ctx: _Context, who: _Who, position: int) -> str | None:
    """The side a speaker belongs to when the text gives it only by context.

    A capital speaking is its country's government (`Kyiv says` -> Ukraine). A local office without a
    place (`city officials`, `Mayor X`, `the regional governor`) belongs to the last place named before
    it that is not a country: news names the city, then quotes its officials.
    """
    name = (who.text or "").lower()
    if who.label == "GPE" and name in SIDES and SIDES[name].lower() != name:
        return SIDES[name]
    words = set(re.findall(r"[a-z]+", f"{who.role or ''} {who.text or ''}".lower()))
    if who.label not in ("PERSON", "ANON", "ORG") or not words & LOCAL_OFFICE_WORDS:
        return None
    countries = {v.lower() for v in SIDES.values()}
    for ent in reversed(ctx.ents):
        if ent.end_char > position or ent.label_ != "GPE" or ctx.quote_of[ent.start] >= 0:
            continue
        if ent.root.pos_ == "ADJ":  # "a Ukrainian drone attack": a side's adjective names no place of officials
            continue
        if ent.text.lower() not in countries and not (who.span and who.span[0] <= ent.start_char < who.span[1]):
            return ent.text
    return None


def _resolve(ctx: _Context, draft: _Draft) -> _Who | None:
    """The speaker of a draft, with pronouns and short references resolved to earlier mentions."""
    doc = ctx.doc
    if draft.speaker_range is not None:
        start, end = draft.speaker_range
        head = _range_head(ctx, start, end)
        if head is None:
            return None
        return _resolve_reference(ctx, draft, head, (start, end)) or _describe(ctx, head, (start, end))
    if draft.speaker_head is None:
        return None
    head = doc[draft.speaker_head]
    return _resolve_reference(ctx, draft, head, None) or _describe(ctx, head)


def _range_head(ctx: _Context, start: int, end: int) -> Token | None:
    """The head of a speaker phrase given as a token range (headlines): its last noun, else last word."""
    doc = ctx.doc
    tokens = [t for t in doc[start:end] if not _is_punct(t)]
    if not tokens:
        return None
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "PRON")]
    return (nouns or tokens)[-1]


def _resolve_reference(ctx: _Context, draft: _Draft, head: Token, np_range: tuple[int, int] | None) -> _Who | None:
    """A pronoun, `the agency`, `Mr X` or a bare surname, resolved; None when `head` names itself."""
    doc = ctx.doc
    low = head.lower_
    position = head.idx
    content = draft.content
    if _is_pronoun(head):
        if low in OTHER_PRONOUNS:
            return _Who(span=None, text=None, label=None)
        if low in PERSONAL_PRONOUNS:
            introduced = _self_introduction(ctx, content)
            if introduced is not None:
                return introduced
            found = _antecedent(ctx, position, content, {"PERSON"}, plural=None)
        elif low in NEUTER_PRONOUNS:
            found = _antecedent(ctx, position, content, {"ORG", "GPE", "NORP"}, plural=False)
        else:
            found = _antecedent(ctx, position, content, {"ORG", "GPE", "NORP", "ANON", "PERSON"}, plural=True)
        return found or _Who(span=None, text=None, label=None)
    start = np_range[0] if np_range else head.left_edge.i
    words = [t for t in doc[start:head.i + 1] if not _is_punct(t)]
    # "Mr Reyes", "Ms Costa", or a bare surname: the fullest earlier form of the name
    if head.pos_ == "PROPN" and (len(words) == 1 or len(words) == 2 and words[0].lower_.rstrip(".") in HONORIFICS):
        full = _full_name(ctx, head.text, position)
        if full is not None:
            if len(words) == 2:
                return full
            a, b = head.idx, head.idx + len(head.text)
            return _Who(span=(a, b), text=full.text, label="PERSON", role=full.role,
                        affiliation=full.affiliation, head_lemma=full.head_lemma, named=True)
        return None
    # "..., a statement said": a statement that names no issuer is the speaker's told just before
    if len(words) == 2 and words[0].lower_ in ("a", "the") and head.lemma_.lower() in _STATEMENT_NOUNS \
            and not any(c.dep_ in ("prep", "poss", "acl", "relcl") for c in head.children):
        earlier = [who for at, who in ctx.speakers if position - _STATEMENT_REACH <= at < position and who.text]
        return earlier[-1] if earlier else None
    # "the agency", "the office", "the diplomat": an earlier mention with the same head noun
    if len(words) == 2 and words[0].lower_ == "the" and head.pos_ == "NOUN":
        lemma = head.lemma_.lower()
        for _, who in reversed(ctx.speakers):
            role_words = (who.role or "").lower().split()
            if who.head_lemma == lemma or (role_words and role_words[-1] == lemma):
                return who
        if lemma in ORG_NOUNS:
            for ent in reversed([e for e in ctx.ents if e.end_char <= position and e.label_ == "ORG"]):
                if lemma in ent.text.lower():
                    return _describe(ctx, ent.root)
            found = _antecedent(ctx, position, content, {"ORG"}, plural=None)
            if found is not None and found.span is not None and _named_apart(doc, lemma, found.span[1], position):
                return None
            if found is not None and not _kin(lemma, found.text):
                return None  # "the army" is no earlier organisation that is not armed ("the United Nations")
            return found
    return None


_STATEMENT_NOUNS = {"statement", "communique", "communiqué", "release", "bulletin", "update"}
_STATEMENT_REACH = 400  # characters back to the speaker an unsigned statement belongs to: a sentence or two


# Nouns of armed bodies and of governments: "the army" / "the government" refers back only to an organisation
# named as one of them.
_ARMED_NOUNS = {"army", "military", "forces", "force", "defence", "defense", "idf", "militia", "navy", "guard"}
_GOVERNMENT_NOUNS = {"government", "ministry", "cabinet", "presidency", "administration", "authorities", "junta",
                     "kremlin"}
# Bodies of a state: "the group" (an armed or civic group) never refers back to one of them.
_STATE_BODY_NOUNS = _ARMED_NOUNS | _GOVERNMENT_NOUNS | {"police", "agency", "office", "department", "council"}


def _kin(lemma: str, antecedent: str | None) -> bool:
    """Whether an earlier organisation can be what `the <lemma>` refers to, by the nouns of its name."""
    words = set(re.findall(r"[a-z]+", (antecedent or "").lower()))
    if lemma in _ARMED_NOUNS:
        return bool(words & _ARMED_NOUNS)
    if lemma == "government":
        return bool(words & _GOVERNMENT_NOUNS)
    if lemma == "group":
        return not words & _STATE_BODY_NOUNS
    return True


def _named_apart(doc: Doc, lemma: str, after: int, before: int) -> bool:
    """Whether `the <lemma>` was written between an antecedent and the reference as some other party.

    "The RSF blamed the army for the attack. The army said ...": the army was set against the RSF, so the
    later "the army" is that party, not the last organisation that spoke.
    """
    first, last = np.searchsorted(doc.to_array(IDX).astype(np.int64), [after, before]).tolist()
    return any(t.lemma_.lower() == lemma and t.pos_ == "NOUN" and t.i > 0 and doc[t.i - 1].lower_ == "the"
               for t in doc[first:last])  # the tokens that start in [after, before)


def _is_pronoun(token: Token) -> bool:
    if token.text.isupper() and len(token.text) > 1:
        return False  # "US", "IT"
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False  # "one of the officers" describes its speaker
    if token.pos_ == "PRON" and not token.is_stop and token.lower_ not in (
            PERSONAL_PRONOUNS | NEUTER_PRONOUNS | PLURAL_PRONOUNS | OTHER_PRONOUNS):
        return False  # English pronouns are a closed class of stop words: "Houthis claim ..." is a name
    return token.pos_ == "PRON" and token.lower_ not in RELATIVE_PRONOUNS or token.lower_ in (
        PERSONAL_PRONOUNS | NEUTER_PRONOUNS | PLURAL_PRONOUNS | OTHER_PRONOUNS)


def _self_introduction(ctx: _Context, content: tuple[int, int]) -> _Who | None:
    """`"I am Tomas Reyes," the man said`: the quote names its speaker."""
    text = ctx.text[content[0]:content[1]]
    match = re.match(r"(?:my name is|i am|i'm|this is)\s+", text, re.IGNORECASE)
    if not match:
        return None
    for ent in ctx.ents:
        if ent.start_char == content[0] + match.end() and ent.label_ == "PERSON":
            return _Who(span=(ent.start_char, ent.end_char), text=ent.text, label="PERSON", named=True,
                        head_lemma=ent.root.lemma_.lower())
    return None


def _full_name(ctx: _Context, surname: str, position: int) -> _Who | None:
    """The most recent earlier multi-word PERSON name ending in `surname`."""
    for _, who in reversed(ctx.speakers):
        if who.named and who.text and who.label == "PERSON" and len(who.text.split()) > 1 \
                and who.text.split()[-1] == surname:
            return who
    for ent in reversed(ctx.ents):
        if ent.end_char > position:
            continue
        words = ent.text.split()
        if len(words) > 1 and words[-1] == surname and words[0].lower().rstrip(".") not in HONORIFICS:
            who = _describe(ctx, ent.root)
            if who.text and len(who.text.split()) > 1:
                who.label = "PERSON"
                return who
    return None


def _antecedent(
    ctx: _Context, position: int, content: tuple[int, int], labels: set[str], plural: bool | None
) -> _Who | None:
    """The most recent earlier speaker, or subject named outside reported content, with a compatible label."""
    best: tuple[int, _Who] | None = None
    for pos, who in reversed(ctx.speakers):
        if pos < position and who.label in labels and who.text and (
                plural is None or who.label != "ANON" or who.plural == plural):
            best = (pos, who)
            break
    for start_char, token, label in reversed(_subject_mentions(ctx)):
        if start_char >= position or best is not None and start_char <= best[0]:
            continue
        if label not in labels or any(a <= start_char < b for a, b in ctx.contents + [content]):
            continue
        who = _describe(ctx, token)
        if who.label not in labels:
            who.label = label
        if who.text and label == "PERSON" and len(who.text.split()) == 1:
            full = _full_name(ctx, who.text, start_char)
            if full is not None:
                return full
        return who
    return best[1] if best is not None else None


def _subject_mentions(ctx: _Context) -> list[tuple[int, Token, str]]:
    """Named subjects outside quotes, in order: (start, head token, label), for pronoun resolution.

    The label is the named entity's; a subject of two or more proper nouns that the recogniser missed
    counts as a person (small pipelines miss unfamiliar names).
    """
    if ctx.subjects is not None:
        return ctx.subjects
    found: list[tuple[int, Token, str]] = []
    doc = ctx.doc
    # the subjects by the parse's arrays: a Python object per token, asked its dependency, cost most of the search
    subjects = token_mask(doc, DEP, lambda dep: dep in ("nsubj", "nsubjpass"))
    pos = doc.to_array(POS)
    for token in map(doc.__getitem__, np.flatnonzero(subjects & (pos == PROPN)).tolist()):
        if ctx.quote_of[token.i] >= 0:
            continue
        name = _name_range(ctx, token)
        if name is None:
            continue
        label = _entity_label(ctx, token)
        if label is None and name[1] - name[0] >= 2 and token.lower_ not in ORG_NOUNS:
            label = "PERSON"
        if label is not None:
            found.append((doc[name[0]].idx, token, label))
    # a role noun with a named apposition ("the minister, Anna Kovalchuk,") names its subject too
    for token in map(doc.__getitem__, np.flatnonzero(subjects & (pos == NOUN)).tolist()):
        if ctx.quote_of[token.i] < 0:
            for child in token.children:
                if child.dep_ == "appos" and child.pos_ == "PROPN" and _entity_label(ctx, child) in (None, "PERSON"):
                    found.append((token.left_edge.idx, token, "PERSON"))
                    break
    found.sort(key=lambda item: item[0])
    ctx.subjects = found
    return found
