"""Property tests over generated hostile input: readers, clean, segment, quantities, dates, extraction, the store.

What must hold for any input, however broken (issue "warlog 6/6"):
- no exception escapes but warlog's own (WarlogError and its kinds);
- every offset lies inside its text, and every span's text is the text at its offsets (blocks, kept lines,
  removed furniture, the offset map, posts, quantities, time phrases, every Span of an extraction);
- a document is stored whole (document, posts, extraction rows) or not at all, whatever statement fails;
- the API's in-memory event filters give exactly the SQL answer.

Inputs are built from real-shaped pieces (HTML with live-blog JSON-LD, RSS, Atom, WARC records, JSON Lines, news
sentences with figures and dates) broken in the ways the web breaks them — truncated, mis-nested, mis-declared,
with control, combining, invisible and normalisation-expanding characters — plus raw bytes.

The number of examples per test is WARLOG_FUZZ_EXAMPLES (default 25, so the suite stays fast); the long run is
`WARLOG_FUZZ_EXAMPLES=1500 python -m pytest -q -p no:cacheprovider tests/test_fuzz_properties.py -s`, which prints
how many inputs each target was given (also written as JSON to WARLOG_FUZZ_REPORT when set).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import string
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select

from warlog.clean import clean
from warlog.errors import WarlogError
from warlog.schema import Document, Span
from warlog.segment import segment
from warlog.sources import ReadOptions, read_bytes
from warlog.sources.dates import parse_user_date
from warlog.sources.text import read_text
from warlog.store import Store, tables

EXAMPLES = int(os.environ.get("WARLOG_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=EXAMPLES <= 25,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
# Parsing with spaCy costs more per example: these targets get a third as many.
SLOW = settings(FUZZ, max_examples=max(5, EXAMPLES // 3))
COUNTS: Counter[str] = Counter()
OPTIONS = ReadOptions(max_bytes=2_000_000)


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print(f"\nfuzz inputs per target ({EXAMPLES} examples per test): {dict(COUNTS)}; total {sum(COUNTS.values())}")
    if target := os.environ.get("WARLOG_FUZZ_REPORT"):
        Path(target).write_text(json.dumps({"examples": EXAMPLES, "counts": COUNTS, "total": sum(COUNTS.values())}))


# --- strategies: real-shaped pieces, broken ---------------------------------------------------------

# Characters that have broken text tools before: NFC-expanding letters (Devanagari QA, Greek dialytika
# tonos), combining marks, bidi controls, zero-width and soft hyphen, curly quotes, NUL and C0 controls,
# line and paragraph separators, a BOM, fullwidth digits, CJK and Cyrillic.
TRICKY = ("\u0958\u0344\u0301\u0308\u200e\u200f\u202e\u200b\u200d\u00ad\u2018\u2019\u201c\u201d\u00ab\u00bb"
          "\x00\x01\x07\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff\uff11\uff15\u4e2d\u0416\u00e9e\u0301\u2014\u2026"
          "\t\r\n ")
PHRASES = [
    "Russian forces", "Ukraine's air force", "shelled", "struck", "a drone strike hit", "Kharkiv", "Kupiansk",
    "the Donetsk region", "killed", "injured", "wounded", "at least", "more than", "nearly", "as many as", "up to",
    "12", "twelve", "3,000", "1.5 million", "half of them", "dozens", "hundreds", "one in three", "between 5 and 7",
    "5-7", "10 to 15", "20 of 25 drones", "100km", "2,500 sq km", "on Monday", "last week", "yesterday",
    "3 November 2024", "Nov. 3", "2024-11-03", "the day before yesterday", "earlier this month", "since February 2022",
    "in the 1990s", "at 3am", "said", "told reporters", "according to", "denied", "claimed", ".", ",", ":", ";",
    '"', "'", "(", ")", "—", "-", "\n", "\n\n", "LIVE", "Updated", "Subscribe to our newsletter", "Share",
    "Read more:", "BREAKING:", "13:45", "Advertisement", "&amp;", "<b>", "</p>", "1e400", "9" * 40, "-0", "NaN",
    "½", "¾", "٣", "१२",
]
word = st.one_of(st.sampled_from(PHRASES), st.text(alphabet=TRICKY + string.ascii_letters + string.digits,
                                                   min_size=1, max_size=6))
news_text = st.lists(word, max_size=60).map(" ".join)
small_text = st.lists(word, max_size=25).map(" ".join)
dates_text = st.one_of(st.sampled_from(["2024-11-03T08:00:00+00:00", "Sun, 03 Nov 2024 08:00:00 GMT", "yesterday",
                                        "0000-00-00", "2024-13-45", "9999-12-31T23:59:59", "", "1970-01-01"]),
                       st.text(max_size=12))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@st.composite
def html_pages(draw) -> str:
    """A news page: title, meta date, headings, paragraphs, live-blog blocks with <time>, JSON-LD, junk."""
    parts = [f"<title>{_escape(draw(small_text))}</title>",
             f'<meta property="article:published_time" content="{_escape(draw(dates_text))}">']
    body = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["p", "h1", "h2", "live", "script", "ld", "junk", "raw"]))
        text = draw(news_text)
        if kind in ("p", "h1", "h2"):
            body.append(f"<{kind}>{_escape(text)}</{kind}>")
        elif kind == "live":
            body.append(f'<div class="live-blog-post"><time datetime="{_escape(draw(dates_text))}">13:45</time>'
                        f"<h2>{_escape(draw(small_text))}</h2><p>{_escape(text)}</p></div>")
        elif kind == "script":
            body.append(f"<script>var s = {json.dumps(text)};</script>")
        elif kind == "ld":
            updates = [{"@type": "BlogPosting", "headline": draw(small_text), "articleBody": draw(news_text),
                        "datePublished": draw(dates_text)} for _ in range(draw(st.integers(0, 3)))]
            ld = {"@context": "https://schema.org", "@type": draw(st.sampled_from(["LiveBlogPosting", "NewsArticle",
                                                                                  "Thing", ""])),
                  "headline": draw(small_text), "liveBlogUpdate": draw(st.sampled_from([updates, {}, "x", None]))}
            body.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
        elif kind == "junk":
            body.append(draw(st.sampled_from(["<div><p>unclosed", "</div></div>", "<!-- comment", "<![CDATA[x]]>",
                                              "&#0;", "&#xD800;", "&#99999999;", "<p/>", "<svg><p>in svg</svg>"])))
        else:
            body.append(text)
    page = (f"<!DOCTYPE html><html lang=\"en\"><head>{''.join(parts)}</head><body><article>{''.join(body)}"
            "</article></body></html>")
    return _broken(draw, page)


def _broken(draw, text: str) -> str:
    """Sometimes cut the text short, as an interrupted download does."""
    if text and draw(st.booleans()):
        return text[:draw(st.integers(0, len(text)))]
    return text


@st.composite
def feeds(draw) -> str:
    entries = []
    atom = draw(st.booleans())
    for _ in range(draw(st.integers(0, 4))):
        content = _escape(draw(st.one_of(news_text, html_pages())))
        if atom:
            entries.append(f"<entry><title>{_escape(draw(small_text))}</title><link href=\"https://example.org/"
                           f"{draw(st.integers(0, 99))}\"/><updated>{_escape(draw(dates_text))}</updated>"
                           f"<content type=\"html\">{content}</content></entry>")
        else:
            entries.append(f"<item><title>{_escape(draw(small_text))}</title><link>https://example.org/"
                           f"{draw(st.integers(0, 99))}</link><pubDate>{_escape(draw(dates_text))}</pubDate>"
                           f"<description>{content}</description></item>")
    if atom:
        feed = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>'
                f"{_escape(draw(small_text))}</title>{''.join(entries)}</feed>")
    else:
        feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{_escape(draw(small_text))}</title>'
                f"{''.join(entries)}</channel></rss>")
    return _broken(draw, feed)


@st.composite
def warcs(draw) -> bytes:
    records = []
    for number in range(draw(st.integers(0, 3))):
        body = draw(st.one_of(html_pages(), news_text)).encode("utf-8", "surrogatepass")
        content_type = draw(st.sampled_from(["text/html; charset=utf-8", "text/html; charset=cp1251", "text/plain",
                                             "application/json", "text/html; charset=bogus"]))
        http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + body
        length = len(http) + draw(st.sampled_from([0, 0, 0, -5, 7]))
        record = (f"WARC/1.0\r\nWARC-Type: {draw(st.sampled_from(['response', 'request', 'metadata']))}\r\n"
                  f"WARC-Target-URI: https://example.org/{number}\r\nWARC-Record-ID: <urn:uuid:{number}>\r\n"
                  "Content-Type: application/http; msgtype=response\r\n"
                  f"Content-Length: {max(0, length)}\r\n\r\n").encode() + http + b"\r\n\r\n"
        records.append(gzip.compress(record) if draw(st.booleans()) else record)
    data = b"".join(records) or b"WARC/1.0\r\n"
    if draw(st.booleans()):
        data = data[:draw(st.integers(0, len(data)))]
    return data


@st.composite
def jsonl(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.sampled_from(["{", "[]", "null", '{"text": 5}', '{"html": null}', "garbage"])))
            continue
        record = {draw(st.sampled_from(["text", "html"])): draw(st.one_of(news_text, html_pages())),
                  "title": draw(st.one_of(small_text, st.none())), "url": draw(st.sampled_from(
                      ["https://example.org/a", "", None, 5, "javascript:alert(1)"])),
                  "published": draw(st.one_of(dates_text, st.integers(), st.none())),
                  "source": draw(st.one_of(small_text, st.none()))}
        lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
    return "\n".join(lines)


def _encoded(draw, text: str) -> bytes:
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "latin-1", "utf-16"]))
    return text.encode(encoding, errors="replace")


@st.composite
def inputs(draw) -> bytes:
    kind = draw(st.sampled_from(["html", "feed", "warc", "jsonl", "text", "bytes", "mutated"]))
    COUNTS[f"reader:{kind}"] += 1
    if kind == "html":
        return _encoded(draw, draw(html_pages()))
    if kind == "feed":
        return _encoded(draw, draw(feeds()))
    if kind == "warc":
        return draw(warcs())
    if kind == "jsonl":
        return draw(jsonl()).encode("utf-8", "surrogatepass")
    if kind == "text":
        return _encoded(draw, draw(news_text))
    if kind == "bytes":
        return draw(st.binary(max_size=2000))
    base = bytearray(draw(st.one_of(html_pages(), feeds())).encode("utf-8", "surrogatepass"))
    for _ in range(draw(st.integers(1, 10))):
        if base:
            base[draw(st.integers(0, len(base) - 1))] = draw(st.integers(0, 255))
    return bytes(base)


# --- invariants ------------------------------------------------------------------------------------


def read_all(data: bytes) -> list[Document]:
    """The documents read from `data`; a WarlogError (an input refused) is an answer, any other a crash."""
    errors: list[WarlogError] = []
    try:
        documents = list(read_bytes(data, "fuzz", OPTIONS, errors.append))
    except WarlogError:
        return []
    assert all(isinstance(e, WarlogError) and str(e) for e in errors)
    return documents


def check_read(document: Document) -> None:
    text = document.source_text
    assert isinstance(document.id, str) and len(document.id) == 32
    for block in document.blocks:
        assert 0 <= block.start <= block.end <= len(text)
        assert text[block.start:block.end] == block.text


def _normalised(char: str) -> str:
    return unicodedata.normalize("NFC", char)


def check_clean(document: Document) -> None:
    text, source = document.text, document.source_text
    for block in document.kept:
        assert 0 <= block.start <= block.end <= len(text)
        assert text[block.start:block.end] == block.text
        assert block.text == block.text.strip(" ") and "\n" not in block.text
    for removed in document.removed:
        assert 0 <= removed.start < removed.end <= len(source)
    previous_end = 0
    for clean_start, source_start, length in document.offsets.runs:
        assert clean_start >= previous_end and length > 0
        assert clean_start + length <= len(text) and source_start + length <= len(source)
        previous_end = clean_start + length
        for k in range(length):
            got, original = text[clean_start + k], source[source_start + k]
            # A kept character is its source character, normalised (NFC, straight quotes, one space).
            assert got == " " and original.isspace() or got in _normalised(original) or got in "'\"", (got, original)
    for offset in range(0, len(text) + 1, max(1, len(text) // 50)):
        assert 0 <= document.offsets.to_source(offset) <= len(source)


def check_spans(text: str, spans) -> None:
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start:span.end] == span.text, span


def check_posts(document: Document, posts) -> None:
    check_spans(document.text, [s for p in posts for s in (p.headline, p.body, p.lead) if s is not None])
    assert [p.index for p in posts] == list(range(len(posts)))


def all_spans(value, seen=None):
    """Every Span inside a record, however deeply nested (dataclasses, lists, tuples, dicts)."""
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Span):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from all_spans(getattr(value, f.name), seen)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from all_spans(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_spans(item, seen)


# --- readers, clean, segment -------------------------------------------------------------------------


@FUZZ
@given(inputs())
def test_readers_clean_and_segment_keep_their_offsets(data):
    for document in read_all(data):
        check_read(document)
        clean(document)
        check_clean(document)
        check_posts(document, segment(document))


@FUZZ
@given(st.text(max_size=400), st.text(alphabet=TRICKY + "ab. \n", max_size=200))
def test_plain_text_of_any_characters(text, tricky):
    COUNTS["text:any-characters"] += 1
    for sample in (text, tricky, text + tricky):
        document = read_text(sample, "fuzz")
        check_read(document)
        clean(document)
        check_clean(document)
        check_posts(document, segment(document))


def test_characters_that_normalise_to_several_keep_offsets():
    """U+0958 (Devanagari QA) and U+0344 become two characters under NFC: the offsets must count both."""
    document = clean(read_text("Strike hit Kyiv \u0958\u0344 today.\nA second line about drones here.", "t"))
    check_clean(document)
    assert [b.text for b in document.kept] == ["Strike hit Kyiv \u0915\u093c\u0308\u0301 today.",
                                               "A second line about drones here."]


REGRESSIONS = Path(__file__).resolve().parent.parent / "fuzz" / "corpus" / "regressions"


@pytest.mark.parametrize("path", sorted(REGRESSIONS.iterdir()), ids=lambda p: p.name)
def test_inputs_that_crashed_a_reader_are_refused_or_read(path):
    """Inputs the atheris run found (a WARC response without a target URI broke warcio, a corrupt gzip stream broke
    the WARC sniffing, an Atom entry whose content feedparser gave as None broke the feed reader)."""
    for document in read_all(path.read_bytes()):
        check_read(document)


def test_jsonl_fields_of_the_wrong_type_are_ignored():
    """Found by the fuzzer: a numeric `url` reached the HTML reader's date finder and crashed it."""
    line = json.dumps({"html": "<html><body><article><h1>Strike on Sumy</h1><p>A drone strike hit Sumy on Monday, "
                               "the governor said.</p></article></body></html>", "url": 5, "title": ["x"],
                       "source": {"a": 1}, "published": 20241103})
    (document,) = read_all(line.encode())
    assert document.url is None and document.source is None and isinstance(document.title, str | None)


# --- quantities and dates -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from warlog.extract.nlp import get_nlp

    return get_nlp()


@SLOW
@given(news_text, st.integers(0, 500))
def test_quantities_spans_match_their_text(nlp, text, base):
    from warlog.extract.quantities import extract_quantities

    COUNTS["quantities"] += 1
    whole = "x" * base + text
    quantities = extract_quantities(nlp(text), base=base)
    check_spans(whole, [q.span for q in quantities] + [q.counted_span for q in quantities if q.counted_span])
    for q in quantities:
        if q.low is not None and q.high is not None:
            assert q.low <= q.high, q
        if q.fraction_of is not None:
            assert 0 <= q.fraction_of < len(quantities)


published_dates = st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 12, 31)),
                            st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31)))


@FUZZ
@given(st.one_of(small_text, st.text(max_size=40)), published_dates, st.sampled_from(["past", "future"]))
def test_time_phrases_resolve_or_say_unknown(phrase, published, tense):
    from warlog.resolve.dates import resolve_phrase

    COUNTS["dates:resolve_phrase"] += 1
    start, end, precision, resolved, _approximate = resolve_phrase(phrase, published, tense)
    if resolved:  # an open range ("since February 2022") has a start and no end
        assert start is not None or end is not None
        assert start is None or end is None or start <= end
        assert precision in {"day", "days", "week", "month", "year", "decade", "century", "season", "hour"}
    else:
        assert start is None and end is None


@FUZZ
@given(st.one_of(dates_text, small_text, st.text(max_size=30)))
def test_user_dates_parse_or_are_none(value):
    COUNTS["dates:parse_user_date"] += 1
    parsed = parse_user_date(value)
    assert parsed is None or isinstance(parsed, datetime)


@SLOW
@given(news_text, published_dates)
def test_time_expressions_spans_match_their_text(nlp, text, published):
    from warlog.resolve.dates import find_time_expressions

    COUNTS["dates:find_time_expressions"] += 1
    check_spans(text, [r.span for r in find_time_expressions(nlp(text), 0, published)])


@SLOW
@given(st.lists(news_text, min_size=1, max_size=4).map("\n\n".join), published_dates)
def test_every_extracted_span_matches_the_clean_text(text, published):
    """The whole extraction (mentions, quantities, claims, events, places, times): evidence is the text."""
    from warlog.extract.document import extract

    COUNTS["extraction"] += 1
    when = datetime(published.year, published.month, published.day) if isinstance(published, date) else None
    document = clean(read_text(text, "fuzz", published=when))
    posts = segment(document)
    assume(document.text.strip())
    try:
        extraction = extract(document, posts)
    except WarlogError:
        return
    check_spans(document.text, list(all_spans(extraction)))


# --- the store: whole documents or nothing ---------------------------------------------------------


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "independent-liveblog-2024-11-03.txt"


@pytest.fixture(scope="module")
def prepared():
    """The example page read, cleaned, segmented and extracted once: a document with rows in every table."""
    from warlog.extract.document import extract
    from warlog.pipeline import prepare

    document = read_text(EXAMPLE.read_text(encoding="utf-8"), "example", published=datetime(2024, 11, 3))
    posts = prepare(document)
    return document, posts, extract(document, posts)


class Interrupted(Exception):
    """Stands for anything that stops a write half-way: a full disk, a lost connection, a crash."""


@FUZZ
@given(st.integers(0, 60), st.sampled_from(["error", "database error"]))
def test_a_document_is_stored_whole_or_not_at_all(prepared, tmp_path_factory, fail_at, kind):
    """Whatever statement of the document's transaction fails, the store holds all of it or none of it."""
    from sqlalchemy.exc import OperationalError

    COUNTS["store:interrupted-write"] += 1
    document, posts, extraction = prepared
    url = f"sqlite:///{tmp_path_factory.mktemp('atomic') / 'w.db'}"
    with Store(url) as store:
        statements = 0

        def interrupt(conn, cursor, statement, parameters, context, executemany):
            nonlocal statements
            if statement.lstrip().upper().startswith("INSERT"):
                statements += 1
                if statements > fail_at:
                    if kind == "error":
                        raise Interrupted("stopped")
                    raise OperationalError(statement, parameters, Exception("disk I/O error"))

        event.listen(store.engine, "before_cursor_execute", interrupt)
        try:
            stored = store.add_document(document, posts, extraction)
        except (Interrupted, WarlogError):
            stored = False
        event.remove(store.engine, "before_cursor_execute", interrupt)
        counts = {name: n for name, n in store.counts().items() if name != "alembic_version"}
    if stored:
        assert counts["documents"] == 1 and counts["posts"] == len(posts)
        assert counts["events"] == len(extraction.events) and counts["claims"] == len(extraction.claims)
    else:
        assert all(n == 0 for n in counts.values()), counts


# --- the API's event filters ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def event_store(prepared, tmp_path_factory):
    """The example stored three times over under different sources and dates, so filters have spread."""
    from dataclasses import replace

    document, posts, extraction = prepared
    url = f"sqlite:///{tmp_path_factory.mktemp('index') / 'w.db'}"
    store = Store(url)
    for k, source in enumerate(["The Independent", "Kyiv Independent", "Reuters"]):
        copy = replace(document, id=f"{k:02d}" + document.id[2:], source=source,
                       published=datetime(2024, 11, 3) - timedelta(days=9 * k))
        assert store.add_document(copy, posts, extraction)
    yield store
    store.close()


@st.composite
def event_filters(draw, engine):
    from warlog.web import queries

    with engine.connect() as connection:
        kinds = [r[0] for r in connection.execute(select(tables.events.c.acled_sub_event_type).distinct())
                 if r[0]] + [r[0] for r in connection.execute(select(tables.events.c.plover_type).distinct()) if r[0]]
        actors = [r[0] for r in connection.execute(select(tables.events.c.actor1).distinct()) if r[0]]
        places = [r[0] for r in connection.execute(select(tables.places.c.name).distinct()) if r[0] and r[0].isascii()]
    day = st.one_of(st.none(), st.dates(date(2024, 10, 1), date(2024, 11, 10)))
    bbox = st.one_of(st.none(), st.tuples(st.floats(-180, 180), st.floats(-90, 90), st.floats(-180, 180),
                                          st.floats(-90, 90)).filter(lambda b: b[1] <= b[3])
                     .map(lambda b: queries.BBox(*b)), st.just(queries.BBox(20, 40, 45, 60)))
    actor = st.one_of(st.none(), st.sampled_from(actors or ["x"]).flatmap(
        lambda a: st.integers(0, len(a)).flatmap(lambda i: st.just(a[i:i + 5].upper()))))
    return queries.EventFilter(
        since=draw(day), until=draw(day), bbox=draw(bbox),
        event_type=draw(st.one_of(st.none(), st.sampled_from(kinds + ["battles", "BATTLES", "nothing"]))),
        actor=draw(actor), source=draw(st.one_of(st.none(), st.sampled_from(["reuters", "The Independent", "x"]))),
        document_id=draw(st.one_of(st.none(), st.sampled_from(["nope"]))), include_generic=draw(st.booleans()),
        place=draw(st.one_of(st.none(), st.sampled_from(places or ["x"]).map(lambda p: p[:4].upper()))))


@pytest.fixture(scope="module")
def shared_index(event_store):
    """One index for every example, as a server keeps it: its cached rows must stay right from query to query."""
    from warlog.web.event_index import EventIndex

    return EventIndex(event_store.engine)


@FUZZ
@given(data=st.data())
def test_in_memory_event_filters_give_the_sql_answer(event_store, shared_index, data):
    from warlog.web import queries

    COUNTS["api:event-filters"] += 1
    engine = event_store.engine
    f = data.draw(event_filters(engine))
    limit, offset = data.draw(st.integers(1, 200)), data.draw(st.integers(0, 300))
    assert shared_index.list_events(f, limit, offset) == queries.list_events(engine, f, limit, offset)


def test_the_event_index_sees_new_events(event_store, prepared):
    from dataclasses import replace

    from warlog.web import queries
    from warlog.web.event_index import EventIndex

    index = EventIndex(event_store.engine, recheck_s=0)
    everything = queries.EventFilter(include_generic=True)
    before, _ = index.list_events(everything, 10_000, 0)
    document, posts, extraction = prepared
    assert event_store.add_document(replace(document, id="ff" + document.id[2:]), posts, extraction)
    after, rows = index.list_events(everything, 10_000, 0)
    with event_store.engine.connect() as connection:
        assert after == connection.execute(select(func.count()).select_from(tables.events)).scalar_one()
    assert after == before + len(extraction.events) > before
    assert (after, rows) == queries.list_events(event_store.engine, everything, 10_000, 0)
