"""Page furniture removal and text repair, with a map back to the source.

Furniture (donation appeals, subscribe prompts, newsletter and cookie notices, comment widgets, link
cards, share bars) is recognised by signals that hold on sites we have never seen:

- marketing and interface vocabulary (subscribe, donation, newsletter, paywall, bookmark, comments);
- the voice of an appeal: imperatives at the start, "you/your" and "we/our" outside quotation marks,
  which news prose uses only inside quotes;
- reporting verbs outside quotes ("said", "according to"), which pull a line back towards news;
- position: a weak line sandwiched between furniture lines is part of the same appeal;
- link cards: a "read the full report" line with the repeated headline and teaser that follow it;
- repetition across documents of one source (passed in by the caller, who sees many documents).

Nothing is thrown away: each removed piece is kept on the Document with its reason and offsets.
Sentences glued together by a scraper ("difference.North") are split first, so a furniture sentence
glued to news is removed without the news.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from warlog.lines import LIVE_TITLE, TITLE_MAX_WORDS, is_label, is_prose, is_section_heading, is_title_like, kickers
from warlog.page_labels import (
    credits_a_picture,
    is_caption_head,
    is_caption_toggle,
    is_key_events_label,
    is_list_label,
    page_label,
    reports_speech,
    signs_above_a_role,
)
from warlog.schema import Block, Document, OffsetMap, Removed

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u0060": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
        "\u00bb": '"',
    }
)
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# A sentence end glued to the next sentence: a lower-case word, . ! or ?, an optional closing
# quote, then a capitalised word.
_GLUE = re.compile(r"(?<=[a-z]{2}[.!?])(?=['\"]?[A-Z][a-z])|(?<=[a-z]{2}[.!?]['\"])(?=[A-Z][a-z])")

# A link's words glued to the sentence after them ("Read More As such, the coach believes …", where the page's
# link lost its line break): the words are a piece of their own, so the link card takes them and not the news.
_GLUED_LINK = re.compile(r"(?:(?<=^)|(?<=[.!?] )|(?<=[.!?][\"'”] ))(?:Read (?:More|more|Also|also)|READ MORE|"
                         r"Related(?: [Ss]tories)?|Continue reading):? +(?=[\"'“]?[A-Z][a-z])")

_APPEAL_VOCABULARY = re.compile(
    r"\b(subscri(?:be|bers?|ption)|newsletters?|donat(?:e|ions?|ing)|premium|cookies?|bookmark\w*|"
    r"comment(?:s|ing)\b|paywalls?|journalism|advertis(?:ement|ing)|sign(?:ed|ing)? ?up|log ?in|"
    r"unlimited access|ad-free|your support|support (?:us|our)|read (?:the full|more)|click here|"
    r"follow us|(?:download|get|install) (?:our|the)(?: [\w-]+){0,3} app|share (?:this|on)|privacy policy|"
    r"terms of (?:use|service)|"
    r"(?:breaking )?news alerts?|push notifications?|free articles?|(?:story|news) tips?|hear from you|"
    r"(?:follow|get|catch|find)(?: all)? (?:the|our) latest|never miss|patreon|reading list|"
    r"syndicated feed|auto-generated|"
    r"stay (?:up to date|updated|informed|in the know)|unsubscribe|inbox|let us know|get in touch|tip us off|"
    r"(?:straight |direct(?:ly)? )?to your (?:phone|inbox|device)|help us\b|"
    r"not responsible for the content of external|"
    r"(?:whatsapp|telegram) "
    r"channel|google news|(?:our|the) live (?:coverage|blog|updates|page)|visit our (?:website|site|page)|"
    r"check back\b|stay tuned)\b",
    re.IGNORECASE,
)
_IMPERATIVE_START = re.compile(
    r"^(subscribe|join|sign up|register|log in|download|follow|share|click|tap|read|watch|listen|"
    r"support|donate|start|get|want to|don't miss|try|become|already a|accept|manage|enable|stay)\b",
    re.IGNORECASE,
)
_READ_MORE = re.compile(r"^(read (the full|more|the rest|also)|also read|must read|see also|related( article| stories"
                        r"| story| coverage)?\W*$|click here|continue reading|full (story|report))\b", re.IGNORECASE)
_INTERFACE_WORDS = {
    "comments", "comment", "share", "advertisement", "advert", "related", "most", "read", "more",
    "tweet", "email", "print", "menu", "facebook", "twitter", "x", "whatsapp", "linkedin", "copy",
    "link", "reddit", "telegram", "sponsored", "skip", "to", "content", "loading", "show", "hide",
    "close", "next", "previous", "top", "back", "stories", "article", "this", "the", "on",
    "newsletter", "newsletters", "save", "listen", "subscribe", "alerts", "pinterest", "tumblr", "messenger",
    "threads", "bluesky", "vk", "flipboard", "pocket", "mastodon", "instagram", "youtube", "tiktok", "sms", "viber",
}
_SECOND_PERSON = re.compile(r"\b(you|your|yours)\b", re.IGNORECASE)
_FIRST_PLURAL = re.compile(r"\b(we|us|our|ours)\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(said|says|told|according to|reported|announced|claimed|stated|confirmed|added)\b", re.IGNORECASE
)
_QUOTED = re.compile(r'"[^"]*"')

FURNITURE_THRESHOLD = 2.0
WEAK_SIGNAL = 1.0
# A line of at most this many words with no sentence end is a label; with the appeal vocabulary in it, an appeal's.
SHORT_LABEL_WORDS = 5


@dataclass
class _Piece:
    """A line (or a glued part of one) while it is being cleaned: characters and their source offsets."""

    chars: list[str]
    sources: list[int]
    block: Block
    joins_previous: bool = False
    reason: str | None = None

    @property
    def text(self) -> str:
        return "".join(self.chars)


def normalise_line(text: str) -> str:
    """The text `clean` would keep for one line, for comparing lines across documents. A line with nothing to
    rewrite (`_normalise`'s fast path) is collapsed as a string: its characters' offsets are not wanted here, and
    building them was most of the cost of finding a window's repeated lines."""
    if _plain(text):
        return _collapsed(text)
    chars, _ = _normalise(text, 0)
    return "".join(chars)


def repeated_lines(documents: Iterable[Document], min_documents: int = 3) -> dict[str, set[str]]:
    """Per source, lines found in at least `min_documents` (and a third) of its documents.

    Such lines are site furniture (bylines blocks, "The post … appeared first on …"), not news.
    Titles are left out: two entries may legitimately share a headline. Two documents are not enough
    evidence: agency stories about one war often share a background paragraph word for word, and taking it
    for furniture could leave a short story with nothing at all.
    """
    by_source: dict[str, list[Document]] = {}
    for document in documents:
        by_source.setdefault(document.source or "", []).append(document)
    found: dict[str, set[str]] = {}
    for source, docs in by_source.items():
        if len(docs) < min_documents:
            continue
        counts: Counter[str] = Counter()
        for document in docs:
            counts.update({normalise_line(b.text) for b in document.blocks if b.role != "title"})
        needed = max(min_documents, -(-len(docs) // 3))
        found[source] = {line for line, n in counts.items() if n >= needed and len(line) <= 300}
    return found


def clean(document: Document, boilerplate: set[str] | None = None) -> Document:
    """Fill `document.text`, `.offsets`, `.kept` and `.removed` from its blocks; returns the document."""
    pieces = _split_glued(document.blocks)
    _mark_repeated(pieces, boilerplate or set())
    _mark_outlet_name(pieces, document.source)
    _mark_page_labels(pieces)
    _mark_by_score(pieces)
    _mark_captions_by_credits(pieces, document.title or "")
    _mark_captions_by_toggles(pieces, document.title or "")
    _mark_signatures(pieces, document.title or "")
    _mark_link_cards(pieces, live=bool(LIVE_TITLE.search(document.title or "")))
    _mark_sandwiched(pieces)
    _mark_menus(pieces)
    _mark_headline_lists(pieces)
    _mark_kickers(pieces)
    if not LIVE_TITLE.search(document.title or ""):
        _mark_section_headings(pieces, document.title or "")
        _mark_trailing_tags(pieces)
    _assemble(document, pieces)
    return document


# Characters `_normalise` rewrites or drops one by one; a block without any (and already NFC) takes the fast path.
_REWRITTEN = re.compile("[" + re.escape("".join(chr(code) for code in _QUOTES) + "".join(_INVISIBLE)) + "]")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\S+")  # a maximal run of characters that are not whitespace, as `_SPACES` sees it


def _plain(text: str) -> bool:
    """Whether `_normalise` has nothing to rewrite in `text` but its whitespace (already NFC, no quote or invisible
    character to replace)."""
    return unicodedata.is_normalized("NFC", text) and not _REWRITTEN.search(text)


def _collapsed(text: str) -> str:
    """The text `_collapse_spaces` keeps of a plain text: each run of whitespace one space, none at either end (a run
    is maximal, so the only spaces left are those written for runs, and `strip(" ")` takes just the end ones)."""
    return _SPACES.sub(" ", text).strip(" ")


def _normalise(text: str, base: int) -> tuple[list[str], list[int]]:
    """NFC, straight quotes, one space for any run of whitespace, invisible characters dropped."""
    if _plain(text):
        return _collapse_spaces(text, base)
    chars: list[str] = []
    sources: list[int] = []
    for offset, original in enumerate(text):
        # One character may normalise to several (U+0958 DEVANAGARI QA is KA + NUKTA under NFC): each is kept
        # as a character of its own pointing at the same source character, so offsets count characters.
        for char in unicodedata.normalize("NFC", original).translate(_QUOTES):
            if char in _INVISIBLE:
                continue
            if char.isspace():
                if not chars or chars[-1] == " ":
                    continue
                char = " "
            chars.append(char)
            sources.append(base + offset)
    while chars and chars[-1] == " ":
        chars.pop()
        sources.pop()
    return chars, sources


def _collapse_spaces(text: str, base: int) -> tuple[list[str], list[int]]:
    """`_normalise` for a block with nothing to rewrite: runs of whitespace become one space pointing at the run's
    first character, leading and trailing whitespace go. The characters are the collapsed string's (made by the
    regex engine in one call), and the offsets are made word by word: each word's own, then for the run after it
    (when a word follows) the offset of the run's first character, which is the word's end. Character by character
    this was the cleaner's largest cost on long pages; run by run, appending the characters too, still a third."""
    sources: list[int] = []
    end = None
    for word in _WORD.finditer(text):
        start = word.start()
        if end is not None:
            sources.append(base + end)
        end = word.end()
        sources.extend(range(base + start, base + end))
    return list(_collapsed(text)), sources


def _split_glued(blocks: list[Block]) -> list[_Piece]:
    pieces = []
    for block in blocks:
        chars, sources = _normalise(block.text, block.start)
        text = "".join(chars)
        cuts = [m.start() for m in _GLUE.finditer(text)]
        cuts += [bound for m in _GLUED_LINK.finditer(text) for bound in m.span() if 0 < bound < len(text)]
        bounds = [0, *sorted(set(cuts)), len(text)]
        for number, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
            if start == end:
                continue
            tail = _appeal_tail(text[start:end])
            if tail is None:
                pieces.append(_Piece(chars[start:end], sources[start:end], block, joins_previous=number > 0))
                continue
            head_end = start + len(text[start:start + tail].rstrip(" "))
            pieces.append(_Piece(chars[start:head_end], sources[start:head_end], block, joins_previous=number > 0))
            pieces.append(_Piece(chars[start + tail:end], sources[start + tail:end], block, joins_previous=True))
    return pieces


# Where one sentence of a line ends and the next begins.
_SENTENCE_BREAK = re.compile(r"[.!?]['\")\]]* (?=['\"]?[A-Z])")


# The news before an appeal glued to its paragraph runs to a sentence of this many words or more.
NEWS_BEFORE_AN_APPEAL_MIN_WORDS = 20


def _appeal_tail(text: str) -> int | None:
    """Where an appeal glued to the end of a paragraph of news begins ("... for more than a year. Get the news
    delivered to your inbox."): the run of last sentences that each read somewhat like furniture, when together they
    read as furniture and what comes before them reads as news, a sentence long at least. Scored whole, such a
    paragraph was furniture or news entire."""
    if not _APPEAL_VOCABULARY.search(text):
        return None
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(text)]
    tail, end = None, len(text)
    for start in reversed(starts):
        if furniture_score(text[start:end]) < WEAK_SIGNAL:
            break
        tail, end = start, start
    if tail is None or furniture_score(text[tail:]) < FURNITURE_THRESHOLD:
        return None
    news = text[:tail]
    if len(news.split()) < NEWS_BEFORE_AN_APPEAL_MIN_WORDS or furniture_score(news) >= WEAK_SIGNAL:
        return None
    return tail


def furniture_score(text: str) -> float:
    """How much a line reads like page furniture rather than news (FURNITURE_THRESHOLD and up)."""
    words = text.split()
    if words and len(words) <= 6 and all(w.strip(".,:|·•-").lower() in _INTERFACE_WORDS for w in words):
        return FURNITURE_THRESHOLD + 1
    outside_quotes = _QUOTED.sub(" ", text)
    appeals = len(_APPEAL_VOCABULARY.findall(text))
    score = 1.5 * min(appeals, 3)
    if appeals and len(words) <= SHORT_LABEL_WORDS and not text.rstrip().endswith((".", "!", "?", '"', "'")):
        score += 1.0  # a label, not a sentence ("after newsletter promotion"): the vocabulary is all it says
    if _IMPERATIVE_START.search(text):
        score += 1.0
    score += 0.5 * min(len(_SECOND_PERSON.findall(outside_quotes)), 2)
    score += 0.5 * min(len(_FIRST_PLURAL.findall(outside_quotes)), 2)
    score -= 1.0 * min(len(_REPORTING.findall(outside_quotes)), 2)
    return score


def _mark_repeated(pieces: list[_Piece], boilerplate: set[str]) -> None:
    if not boilerplate:
        return
    for piece in pieces:
        if piece.block.role != "title" and piece.text in boilerplate:
            piece.reason = "repeated across documents of this source"


# A caption runs to a sentence or two; a longer line after a caption's head is the story going on.
CAPTION_MAX_WORDS = 60

# The outlet's own name in a line of the page: "Example Times", "Example Online (AP)" signs "Example Online".
_OUTLET_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def _mark_outlet_name(pieces: list[_Piece], source: str | None) -> None:
    """A line that is only the outlet's name (its masthead or signature, "Example Times") names no place, actor
    or event of the story; read as news it becomes a place or an actor of its own."""
    names = {_THE.sub("", name).casefold() for name in (source or "", _OUTLET_NOTE.sub("", source or ""))
             if name.strip()}
    if not names:
        return
    for piece in pieces:
        if not piece.reason and piece.block.role != "title" \
                and _THE.sub("", piece.text.strip(" .:|-–—")).casefold() in names:
            piece.reason = "outlet name"


def _mark_page_labels(pieces: list[_Piece]) -> None:
    """Credits, bylines, time stamps, player and navigation prompts (`page_labels`): lines of a shape no news
    sentence has. A glued part of a line is judged only with the whole line, so a sentence is never cut in two.
    A caption's head alone on its line ("Image caption,") takes the caption on the line after it."""
    whole = _whole_lines(pieces)
    caption_next = False
    for piece in pieces:
        headed, caption_next = caption_next, False
        if piece.reason or piece.block.role == "title" or piece.joins_previous:
            continue
        if headed and len(piece.text.split()) <= CAPTION_MAX_WORDS:
            piece.reason = "photo caption"
            continue
        label = page_label(piece.block.text if id(piece) in whole else piece.text)
        if label is not None:
            piece.reason = "link card" if label == "link label" else label
            caption_next = is_caption_head(piece.text)
    _mark_signed_names(pieces)


def _mark_signed_names(pieces: list[_Piece]) -> None:
    """A name alone on its line right above a newsroom role ("Olena Petrenko" over "Reporter") or above the writer's
    note ("OLENA PETRENKO" over "Petrenko covers Ukraine for Example Press."): the byline's name, which the line
    under it does not take with it."""
    for piece, after in zip(pieces, pieces[1:], strict=False):
        if piece.reason is None and after.reason in ("byline", "author note") and piece.block.role != "title" \
                and not piece.joins_previous and not after.joins_previous \
                and signs_above_a_role(piece.text, after.text if after.reason == "byline" else None):
            piece.reason = "byline"


# A caption told only by the credit beside it is short: a picture's line, not a paragraph.
CAPTION_BY_CREDIT_MAX_WORDS = 30


def _headline_at(pieces: list[_Piece], title: str) -> int | None:
    """Where the page's headline is: its title, or the first line left that is shaped like a headline (a title
    taken from a menu's first line, "Latest", is furniture by now)."""
    return next((n for n, piece in enumerate(pieces) if piece.reason is None and not piece.joins_previous and (
        piece.block.role == "title" or piece.text.strip() == title.strip() or is_title_like(piece.text))), None)


def _mark_captions_by_credits(pieces: list[_Piece], title: str) -> None:
    """A short line between a picture's credit and other furniture is the picture's caption, with no head to say so:
    "Getty Images" over "The striker celebrates his goal" over a time stamp, or, under the headline, "Pumpjacks in
    an oil field." over "Ana Costa/Example Wire". The headline may stand next to a picture too, so a caption comes
    after it, or ends like a sentence; between two lines of news, or saying who said what, a line stays."""
    headline = _headline_at(pieces, title)
    for index in range(1, len(pieces) - 1):
        piece, before, after = pieces[index], pieces[index - 1], pieces[index + 1]
        if piece.reason or piece.joins_previous or after.joins_previous or index == headline \
                or len(piece.text.split()) > CAPTION_BY_CREDIT_MAX_WORDS or reports_speech(piece.text) \
                or not (headline is not None and index > headline or is_prose(piece.text)):
            continue
        # (under the credit, a caption comes before the story's header; the lead comes before anything else, a list
        # of other stories included)
        credited_above = credits_a_picture(before.text, before.reason) and after.reason in _HEADER_OR_PICTURE
        headed_above = before.reason is not None or index - 1 == headline
        if credited_above or headed_above and credits_a_picture(after.text, after.reason):
            piece.reason = "photo caption"


# A caption and its credit: the lines a "hide caption" button closes.
CAPTION_LINES = 2


def _mark_captions_by_toggles(pieces: list[_Piece], title: str) -> None:
    """The caption and the credit right above a "hide caption" button ("The animal was filmed at night." over
    "Example Institute" over "hide caption"): the two lines above it, when short, not the headline and telling no one's
    words."""
    headline = _headline_at(pieces, title)
    for index, piece in enumerate(pieces):
        if not is_caption_toggle(piece.text):
            continue
        for n in range(index - 1, max(index - 1 - CAPTION_LINES, -1), -1):
            line = pieces[n]
            if line.reason is not None:
                continue
            if n == headline or line.block.role == "title" or line.joins_previous \
                    or len(line.text.split()) > CAPTION_BY_CREDIT_MAX_WORDS or reports_speech(line.text):
                break
            line.reason = "photo caption"


# What a story's header and its pictures are made of: the lines that may follow a caption told by the credit above it.
_HEADER_OR_PICTURE = {"time stamp", "byline", "photo credit", "wire credit", "photo caption", "interface"}


# A signature under the headline is a name: an outlet's or a writer's, in at most this many words.
SIGNATURE_MAX_WORDS = 4


def _mark_signatures(pieces: list[_Piece], title: str) -> None:
    """A name alone between the headline (or other furniture) and the story's time stamp or byline is the outlet's
    or the writer's signature ("Example Post" over "10:14 PM"): read as news it would be a place or an actor."""
    headline = _headline_at(pieces, title)
    for index in range(1, len(pieces) - 1):
        piece, before, after = pieces[index], pieces[index - 1], pieces[index + 1]
        words = piece.text.split()
        if piece.reason or piece.joins_previous or after.joins_previous or index == headline \
                or not 0 < len(words) <= SIGNATURE_MAX_WORDS or not all(w[0].isupper() for w in words) \
                or is_prose(piece.text):
            continue
        if (before.reason is not None or index - 1 == headline) and after.reason in ("time stamp", "byline"):
            piece.reason = "byline"


def _whole_lines(pieces: list[_Piece]) -> set[int]:
    """The ids of the pieces that are their block's only piece (no glued part follows), in one pass: asking
    piece by piece with `list.index` was quadratic and took half a minute on a 600 KB page."""
    following = [*pieces[1:], None]
    return {id(piece) for piece, after in zip(pieces, following, strict=False)
            if after is None or not after.joins_previous}


def _mark_by_score(pieces: list[_Piece]) -> None:
    for piece in pieces:
        if piece.reason or piece.block.role == "title":
            continue
        if furniture_score(piece.text) >= FURNITURE_THRESHOLD:
            piece.reason = _describe(piece.text)


def _describe(text: str) -> str:
    lowered = text.lower()
    for words, reason in (
        (("subscri", "premium", "bookmark"), "subscription prompt"),
        (("donat", "your support", "support us", "journalism", "paywall"), "donation appeal"),
        (("newsletter", "sign up"), "newsletter prompt"),
        (("cookie", "privacy policy"), "cookie notice"),
        (("comment",), "comment widget"),
        (("read the full", "read more", "click here", "continue reading"), "link card"),
        (("share", "facebook", "twitter", "whatsapp", "email"), "share bar"),
        (("advert", "sponsored"), "advertisement"),
    ):
        if any(w in lowered for w in words):
            return reason
    return "page furniture"


def _kept_after(pieces: list[_Piece], index: int) -> _Piece | None:
    for piece in pieces[index + 1:]:
        if piece.reason is None:
            return piece
    return None


# A reading list ("Most read", "You might also like:") holds up to this many other stories' headlines.
LIST_MAX_ITEMS = 10


def _mark_link_cards(pieces: list[_Piece], live: bool = False) -> None:
    """A "read the full report" line takes with it the repeated headline and teaser that follow it; a reading-list
    label ("Most read", "Related stories") the list of headlines under it. On a live page the line after a label may
    be the next post's headline, so there a list's first entry needs more than the shape of a headline."""
    seen: set[str] = set()
    for index, piece in enumerate(pieces):
        if piece.reason is None and is_title_like(piece.text) and piece.text in seen:
            piece.reason = "link card (repeats an earlier headline)"
        seen.add(piece.text)
        listing = is_list_label(piece.text)
        if not (_READ_MORE.search(piece.text) or listing):
            continue
        piece.reason = "link card"
        taken = 0
        key_events = is_key_events_label(piece.text)
        for following in pieces[index + 1:]:
            if taken == (LIST_MAX_ITEMS if listing else 3) \
                    or following.reason is not None and following.reason.startswith("link card"):
                break
            if key_events and following.reason == "time stamp":
                break  # a live page's first post begins at its time: its headline is no summary line
            if following.reason is not None:
                continue
            position = pieces.index(following)
            after = _kept_after(pieces, position)
            repeats = following.text in seen
            teaser = is_title_like(following.text) and (after is None or not is_prose(after.text))
            named = _names_the_link(piece, following)
            if not (repeats or teaser or named or listing and _listed(following, pieces[position + 1:], after,
                                                                       taken, live)):
                break
            following.reason = "link card"
            seen.add(following.text)
            taken += 1


def _names_the_link(label: _Piece, following: _Piece) -> bool:
    """The headline a "Read more:" label names on its own line ("Read more: Council approves new budget"): the
    label ends with a colon and the rest of the line is no sentence. Without the colon the words after a lost line
    break may be the story going on ("Read More As such, the coach believes ...")."""
    return following.joins_previous and label.text.rstrip().endswith(":") and not is_prose(following.text)


def _listed(item: _Piece, rest: list[_Piece], after: _Piece | None, taken: int, live: bool) -> bool:
    """Whether a line under a reading-list label is one of its entries though prose follows it: a topic's name
    ("Sudan war") before more list lines, a headline closed by the list's own furniture ("end of list"), or a
    headline after other headlines of the list. Off a live page the first headline is an entry too, unless the
    story's own header (time stamp, byline) follows it; on a live page it may be the next post's headline. A subhead
    of the story ("Government response") is not taken. An explainer's question ("What is behind the fighting?") is an
    entry where a headline would be, or when furniture closes it."""
    text = item.text.strip()
    # (a story's own header after its headline, its time stamp, byline or picture credit, closes no list)
    closed = bool(rest) and rest[0].reason is not None and rest[0].reason not in _STORY_HEADER
    headed = bool(rest) and rest[0].reason in _STORY_HEADER
    headlines_listed = taken > 0 or not live and not headed
    if is_prose(text):
        return (closed or headlines_listed) and _asks_like_a_headline(text)
    if len(text.split()) <= 4 and not is_title_like(text):
        return closed or after is None or not is_prose(after.text)
    return is_title_like(text) and (closed or headlines_listed and not is_section_heading(text))


def _asks_like_a_headline(text: str) -> bool:
    """A question of headline length that starts with a capital and is no quotation ("Why did the talks fail?")."""
    return text.endswith("?") and text[:1].isupper() and len(text.split()) <= TITLE_MAX_WORDS


# What a story's header holds under its headline: a headline these follow is the story's, not a list's entry.
_STORY_HEADER = {"time stamp", "byline", "photo credit"}


# Furniture is short (an appeal runs to a paragraph of 60-odd words); a piece of over 120 words between two
# furniture lines is the story those lines interrupt.
SANDWICH_MAX_WORDS = 120


def _mark_sandwiched(pieces: list[_Piece]) -> None:
    """A line with some appeal signal between two furniture lines belongs to the same appeal."""
    changed = True
    while changed:
        changed = False
        for index in range(1, len(pieces) - 1):
            piece = pieces[index]
            before, after = pieces[index - 1], pieces[index + 1]
            if piece.reason or piece.block.role == "title" or not (before.reason and after.reason):
                continue
            if len(piece.text.split()) > SANDWICH_MAX_WORDS:  # a paragraph of news between two link lines
                continue
            if furniture_score(piece.text) >= WEAK_SIGNAL:
                piece.reason = f"{before.reason} (between furniture lines)"
                changed = True


# A menu is a run of at least this many lines of at most MENU_MAX_WORDS words each, none of them a sentence.
MENU_MIN_LINES = 3
MENU_MAX_WORDS = 5


def _is_menu_item(piece: _Piece) -> bool:
    text = piece.text.strip()
    return (piece.block.role != "title" and not piece.joins_previous and 0 < len(text.split()) <= MENU_MAX_WORDS
            and not is_prose(text) and not text.startswith(("-", "•", "*", "–", "—")))


def _mark_menus(pieces: list[_Piece]) -> None:
    """Navigation and section menus ("World", "Africa", "Cricket (3)", "Video"): a run of short lines none of which
    is a sentence. News has no such runs (a list of places or figures is written with bullets, kept here); a
    menu's words otherwise become a place, a date or a "Clashes" event of their own."""
    run: list[_Piece] = []
    for piece in [*pieces, None]:
        if piece is not None and piece.reason is None and _is_menu_item(piece):
            run.append(piece)
            continue
        if piece is not None and piece.reason is not None:
            continue  # furniture already found inside a menu does not end it
        if len(run) >= MENU_MIN_LINES:
            for item in run:
                item.reason = "menu"
        run = []


# Other stories' headlines listed without a label: at least this many headline-shaped lines in a row.
HEADLINE_LIST_MIN = 3


def _mark_headline_lists(pieces: list[_Piece]) -> None:
    """A run of headline-shaped lines after the story has begun, with no sentence between them, is a list of other
    stories (a related or latest-news box that lost its label): one story's text never stacks three headlines.
    The run's last line is kept when prose follows it, since it may head the next post of a live blog; lines
    before the first sentence of the page (kicker, headline, section) are left to the other rules."""
    started = False
    run: list[_Piece] = []
    whole = _whole_lines(pieces)
    for piece in [*pieces, None]:
        if piece is not None and piece.reason is not None:
            continue
        if piece is not None and started and piece.block.role != "title" and id(piece) in whole \
                and is_title_like(piece.text):
            run.append(piece)
            continue
        if len(run) >= HEADLINE_LIST_MIN:
            listed = run[:-1] if piece is not None and is_prose(piece.text) else run
            for item in listed:
                item.reason = "link card (a list of other stories' headlines)"
        run = []
        if piece is not None and is_prose(piece.text):
            started = True


def _mark_section_headings(pieces: list[_Piece], title: str) -> None:
    """A subhead between two paragraphs of one article is page furniture: it names a part of the story
    ("Counting the Cost", "How the day unfolded") and reports nothing itself. Left in, it is read as the
    headline of a new story, which cuts one report in two, and its words ("Attack", "Response") become events.
    A live blog's headlines are left alone by the caller; a subhead must have prose on both sides, or the title
    above it and at most three words (the site's section or name: "Example News", "World Affairs")."""
    kept = [piece for piece in pieces if piece.reason is None]
    whole = _whole_lines(pieces)
    for index in range(1, len(kept) - 1):
        piece = kept[index]
        if piece.block.role == "title" or piece.joins_previous or id(piece) not in whole:
            continue
        if not (is_section_heading(piece.text) and is_prose(kept[index + 1].text)):
            continue
        if is_prose(kept[index - 1].text):
            piece.reason = "section heading"
        elif (kept[index - 1].block.role == "title" or kept[index - 1].text.strip() == title.strip()) \
                and len(piece.text.split()) <= 3:
            piece.reason = "section name"  # "Example News", "World Affairs" under the title: the site's label


def _mark_kickers(pieces: list[_Piece]) -> None:
    """Labels above the headline (`lines.kickers`). Left in, the label is taken for the page's title and its words
    for the story's place or actor."""
    whole = _whole_lines(pieces)
    kept = [piece for piece in pieces if piece.reason is None]
    for n in kickers([piece.text for piece in kept]):
        if kept[n].block.role != "title" and id(kept[n]) in whole:
            kept[n].reason = "section label"


def _mark_trailing_tags(pieces: list[_Piece]) -> None:
    """Topic tags after the story ("Ukraine war", "Drones"): labels after the page's last sentence report nothing.
    A live blog's last line may be a post's headline, so the caller leaves live blogs alone."""
    whole = _whole_lines(pieces)
    kept = [piece for piece in pieces if piece.reason is None]
    last_prose = max((n for n, piece in enumerate(kept) if is_prose(piece.text)), default=None)
    if last_prose is None:
        return
    for piece in kept[last_prose + 1:]:
        if piece.block.role != "title" and id(piece) in whole and is_label(piece.text):
            piece.reason = "topic tag"


def _assemble(document: Document, pieces: list[_Piece]) -> None:
    out_chars: list[str] = []
    out_sources: list[int | None] = []
    kept: list[Block] = []
    removed: list[Removed] = []
    last_block: Block | None = None
    for piece in pieces:
        if piece.reason is not None:
            removed.append(Removed(piece.text, piece.reason, piece.sources[0], piece.sources[-1] + 1))
            continue
        continuing = piece.joins_previous and piece.block is last_block
        if out_chars:
            out_chars.append(" " if continuing else "\n")
            out_sources.append(None)
        start = len(out_chars)
        out_chars.extend(piece.chars)
        out_sources.extend(piece.sources)
        if continuing:
            kept[-1].end = len(out_chars)
        else:
            source = piece.block
            kept.append(Block("", start, len(out_chars), source.role, source.published, source.post_key))
        last_block = piece.block
    document.text = "".join(out_chars)
    for block in kept:
        block.text = document.text[block.start:block.end]
    document.kept = kept
    document.removed = removed
    document.offsets = _runs(out_sources)


def _runs(sources: list[int | None]) -> OffsetMap:
    """The runs of the offset map: a run goes on while the next character is the next source character, and a
    character with no source (a line break or space `_assemble` wrote) is in none. Found with numpy over the whole
    text (None read as NaN, which differs from every number, so it ends a run and starts none): asking character by
    character was a tenth of the cleaner's cost. numpy is imported here, as spaCy already has it loaded when
    extracting, so that a command that only reads a store does not pay for it."""
    import numpy as np

    if not sources:
        return OffsetMap([])
    values = np.array(sources, dtype=np.float64)  # offsets are far below 2**53: exact as floats
    breaks = np.empty(len(values), dtype=bool)
    breaks[0] = True
    np.not_equal(values[1:], values[:-1] + 1, out=breaks[1:])  # a NaN on either side is a break too
    at = np.flatnonzero(breaks)
    lengths = np.diff(at, append=len(values))
    sourced = ~np.isnan(values[at])
    starts = at[sourced]
    return OffsetMap(list(zip(starts.tolist(), values[starts].astype(np.int64).tolist(), lengths[sourced].tolist(),
                              strict=True)))
