"""The records passed between pipeline stages.

One module, no logic beyond tiny conveniences: every stage agrees on these shapes, so a stage can be
replaced without touching the others. Offsets are character offsets into a document's cleaned text
unless a field says otherwise.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Span:
    """A piece of the cleaned text: the evidence every extracted field points back to."""

    start: int
    end: int
    text: str


@dataclass
class Block:
    """One line or structural block of a document's text as its reader produced it.

    `role` carries what the page structure says about the block (title, standfirst, heading,
    paragraph) when the format has structure; plain text leaves it "line" and lets `segment`
    decide from the line's shape. `start`/`end` are offsets into `Document.source_text`.
    """

    text: str
    start: int
    end: int
    role: str = "line"
    published: datetime | None = None
    post_key: str | None = None


@dataclass
class Removed:
    """A piece of page furniture taken out by `clean`, kept with the reason so nothing is lost.

    `start`/`end` are offsets into `Document.source_text`.
    """

    text: str
    reason: str
    start: int
    end: int


@dataclass
class OffsetMap:
    """Maps cleaned-text offsets back to offsets in the reader's source text.

    Stored as runs (clean_start, source_start, length): inside a run characters correspond one to
    one, so the map stays small however long the document is.
    """

    runs: list[tuple[int, int, int]] = field(default_factory=list)

    def to_source(self, offset: int) -> int:
        """The source offset of cleaned-text `offset`.

        An offset past the end of a run (a span's exclusive end, or a character `clean` inserted)
        maps to just after the source character before it.
        """
        index = bisect_right(self.runs, offset, key=lambda run: run[0]) - 1
        if index < 0:
            return self.runs[0][1] if self.runs else 0
        clean_start, source_start, length = self.runs[index]
        return source_start + min(offset - clean_start, length)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source range a cleaned-text range came from."""
        return self.to_source(start), self.to_source(end)


@dataclass
class Document:
    """One news page or feed entry, from raw input to cleaned text.

    `raw` is the input as decoded (HTML, feed entry, plain text); `source_text` is the text the reader
    took from it, one block per line; `text` is the cleaned text every Span points into, and
    `offsets` maps it back to `source_text` (for plain text, `source_text` is the raw input itself).
    """

    id: str
    raw: str
    format: str
    source_text: str
    blocks: list[Block]
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: datetime | None = None
    language: str | None = None
    origin: str = ""
    text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    kept: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Post:
    """One story of a page: a live blog has many, an ordinary article one.

    `lead` holds the page title and standfirst when they belong to this post but are not its
    headline (a structured live blog whose first update has a headline of its own).
    """

    index: int
    headline: Span | None
    body: Span | None
    kind: str
    published: datetime | None = None
    lead: Span | None = None


POST_KINDS = ("story", "gallery", "link-card")


# -- extraction records (issue "extraction"): every field keeps the Span it came from ----------


@dataclass(frozen=True)
class Mention:
    """A named thing in the text: person, organisation, place, nationality, weapon, unit.

    `canonical` is the name later references resolve to ("Ms Zakharova", "the agency", "he" all
    point at the full name they refer to within the post); `role` and `affiliation` come from titles
    ("French foreign minister Jean Dupont").
    """

    span: Span
    label: str
    canonical: str | None = None
    role: str | None = None
    affiliation: str | None = None
    post_index: int | None = None


@dataclass(frozen=True)
class Quantity:
    """A number in the text with how sure it is and what it counts.

    `qualifier` is one of QUALIFIERS; vague words ("dozens") get ACLED's conventional values and
    `vague=True`. `fraction_of` is the index (in the same list) of the quantity this one is a part
    of ("more than half of them").
    """

    span: Span
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None = None
    counted: str | None = None
    counted_span: Span | None = None
    vague: bool = False
    fraction_of: int | None = None
    post_index: int | None = None


QUALIFIERS = (
    "exact", "approx", "nearly", "more than", "over", "at least", "at most", "as many as", "up to",
    "range", "fraction",
)


@dataclass(frozen=True)
class TimeRef:
    """A time phrase resolved against the publication date, or marked unresolved.

    `precision` is one of day, days (a range of days), week, month, year, unknown, or before (an event
    reported with no time phrase: on or before `end`, the day of the report, with no start).
    """

    span: Span
    start: date | None
    end: date | None
    precision: str
    resolved: bool
    approximate: bool = False
    post_index: int | None = None


@dataclass
class Claim:
    """Who said what: a speaker, a cue, and the content, each with its span.

    `speaker` is the span of the speaker as written where it is named (for a pronoun, the span of
    the name it resolves to, with `speaker_text` the resolved name); `anonymous` marks descriptions
    such as "an unidentified Russian intelligence source". `quantities` are indexes into the
    Extraction's quantity list.
    """

    content: Span
    speaker: Span | None = None
    speaker_text: str | None = None
    speaker_label: str | None = None
    role: str | None = None
    affiliation: str | None = None
    anonymous: bool = False
    cue: Span | None = None
    direct: bool = False
    channel: str | None = None
    intermediary: str | None = None
    stance: str = "assert"
    time: TimeRef | None = None
    quantities: list[int] = field(default_factory=list)
    post_index: int | None = None


@dataclass(frozen=True)
class Place:
    """A place mention resolved against the gazetteer.

    `precision` is one of PRECISIONS (how big the named thing is); `geo_precision` is ACLED's code: 1
    the exact town or village, 2 near a place or within a district (admin2), 3 a province (admin1),
    larger region or country. `gazetteer_id` is "geonames:<id>" or "region:<n>" for the curated named
    regions. `reason` says why this candidate won (score and features).
    """

    span: Span
    gazetteer_id: str
    name: str
    country_code: str | None
    admin1: str | None
    admin2: str | None
    feature_type: str
    lat: float | None
    lon: float | None
    precision: str
    geo_precision: int
    score: float
    reason: str
    post_index: int | None = None


PRECISIONS = ("point", "city", "admin2", "admin1", "region", "country")


@dataclass
class Event:
    """Who did what to whom, where and when, typed with PLOVER and mapped to ACLED.

    `killed`/`injured` are indexes into the Extraction's quantities, `claim` an index into its
    claims (set when the event is reported inside a claim, e.g. by a belligerent). `generic` marks
    background and habitual statements that are not incidents. `restatements` are the evidence spans of
    the later sentences of the same post that describe the same incident and were merged into it.
    """

    plover_type: str | None
    trigger: Span
    evidence: Span
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: Span | None = None
    actor2: Span | None = None
    target: Span | None = None
    weapon: Span | None = None
    locations: list[Span] = field(default_factory=list)
    time: TimeRef | None = None
    killed: int | None = None
    injured: int | None = None
    claim: int | None = None
    claimed_by_belligerent: bool = False
    generic: bool = False
    confidence: float = 0.5
    post_index: int | None = None
    place: int | None = None  # index into Extraction.places: where the event happened, resolved
    restatements: list[Span] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything extracted from one document, all spans into its cleaned text."""

    document_id: str
    mentions: list[Mention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)


EXTRACTION_STAGES = ("extract", "store")


@dataclass(frozen=True)
class ExtractionFailure:
    """Why a stored document has no extraction: the stage that failed (one of EXTRACTION_STAGES: the
    extractor raised, or the store refused its records) and the reason, one line for a person."""

    stage: str
    reason: str
