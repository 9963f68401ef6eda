"""Input readers: every format becomes the same Document, with the structure and dates it carries.

Each test builds a small, realistic input of its own (live blogs with and without JSON-LD, an
ordinary article, RSS and Atom feeds, WARC archives, JSON Lines, plain text) and checks what the
readers and `prepare` make of it.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warlog.errors import FormatError, InputError, InputTooLargeError
from warlog.pipeline import prepare
from warlog.sources import ReadOptions, read_bytes, read_file
from warlog.sources.detect import detect_format
from warlog.sources.html import read_html

STRAIGHT_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def page(title: str, paragraphs: list[str], head: str = "", before: str = "", after: str = "") -> str:
    """An ordinary news page: nav and footer around an article with a headline and paragraphs."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} | Example News</title>{head}</head><body>"
        '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
        '<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>'
        f"<main>{before}<article><h1>{title}</h1>{body}</article>{after}</main>"
        "<footer><p>&copy; 2024 Example News Ltd. All rights reserved.</p>"
        '<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>'
        "</body></html>"
    )


def collect(data: bytes, origin: str = "input", **options) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    documents = list(read_bytes(data, origin, ReadOptions(**options), errors.append))
    return documents, errors


# --- 1. live blog with schema.org LiveBlogPosting JSON-LD -----------------------------------------

LIVE_TITLE = "War latest: talks resume in Doha as strikes continue"
LIVE_STANDFIRST = "Every update from the front and from the talks, as it comes in."
UPDATES = [
    {
        "@type": "BlogPosting",
        "@id": "https://news.example.org/live/war-latest#post-3",
        "headline": "Ceasefire talks resume in Doha",
        "articleBody": "Negotiators from both sides returned to Doha on Sunday morning, officials said. "
        "The talks had been suspended for a week after a dispute over prisoner lists.",
        "datePublished": "2024-11-03T14:20:00+00:00",
    },
    {
        "@type": "BlogPosting",
        "@id": "https://news.example.org/live/war-latest#post-2",
        "headline": "Drone strike reported near Kharkiv power station",
        "articleBody": "Regional governor Oleh Syniehubov said two drones hit the area overnight, damaging "
        "a transformer. No casualties were reported, according to local emergency services.",
        "datePublished": "2024-11-03T11:05:00+02:00",
    },
    {
        "@type": "BlogPosting",
        "@id": "https://news.example.org/live/war-latest#post-1",
        "headline": "Aid convoy reaches northern district",
        "articleBody": "A convoy of 40 lorries carrying food and medical supplies entered the district on "
        "Sunday, the UN humanitarian office said in a statement.",
        "datePublished": "2024-11-03T08:45:00+00:00",
    },
]


def jsonld_liveblog_page() -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": LIVE_TITLE,
        "description": LIVE_STANDFIRST,
        "datePublished": "2024-11-03T07:00:00+00:00",
        "coverageStartTime": "2024-11-03T07:00:00+00:00",
        "liveBlogUpdate": UPDATES,
    }
    # The DOM repeats the updates, wrapped in the usual furniture.
    posts = "".join(
        f'<article class="live-post"><time datetime="{u["datePublished"]}">{u["datePublished"][11:16]}</time>'
        f'<h2>{u["headline"]}</h2><p>{u["articleBody"]}</p></article>'
        for u in UPDATES
    )
    return page(
        LIVE_TITLE,
        [LIVE_STANDFIRST],
        head=f'<script type="application/ld+json">{json.dumps(data)}</script>',
        before='<div class="share-bar"><a>Share on Facebook</a> <a>Share on X</a> <a>Email</a> '
        "<a>Copy link</a></div>",
        after=f'<section class="live-blog">{posts}</section>'
        '<aside class="newsletter"><p>Sign up to our free daily newsletter to get the latest headlines '
        "in your inbox.</p></aside>",
    )


def test_jsonld_liveblog_gives_one_post_per_update():
    document = read_html(jsonld_liveblog_page(), "live.html", url="https://news.example.org/live/war-latest")
    assert document.meta["structure"] == "jsonld-liveblog"
    assert document.title == LIVE_TITLE
    assert document.url == "https://news.example.org/live/war-latest"
    assert document.published == datetime(2024, 11, 3, 7, 0, tzinfo=UTC)

    posts = prepare(document)

    assert [p.headline.text for p in posts] == [u["headline"] for u in UPDATES]
    assert [p.body.text for p in posts] == [u["articleBody"] for u in UPDATES]
    assert [p.published for p in posts] == [datetime.fromisoformat(u["datePublished"]) for u in UPDATES]
    assert posts[1].published.utcoffset() == timedelta(hours=2)
    assert all(p.kind == "story" for p in posts)
    # The page title and standfirst belong to the first post, not to a post of their own.
    assert posts[0].lead is not None
    assert LIVE_TITLE in posts[0].lead.text and LIVE_STANDFIRST in posts[0].lead.text
    assert all(p.lead is None for p in posts[1:])
    # Spans point into the cleaned text.
    for post in posts:
        for span in (post.headline, post.body, post.lead):
            if span is not None:
                assert document.text[span.start:span.end] == span.text
    # None of the furniture made it into the text.
    for furniture in ("Share on Facebook", "newsletter", "Privacy policy", "All rights reserved", "Business"):
        assert furniture not in document.text


def test_jsonld_liveblog_in_a_graph_with_updates_without_headlines():
    updates = [
        {"@type": "BlogPosting", "articleBody": "Air raid sirens sounded across the capital shortly after "
         "midnight, and residents took shelter in metro stations.", "datePublished": "2024-11-03T00:10:00Z"},
        {"@type": "BlogPosting", "headline": "All clear given in Kyiv", "articleBody": "The city military "
         "administration said the all-clear was given at 3am after five hours.",
         "datePublished": "2024-11-03T03:05:00Z"},
    ]
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Kyiv overnight"},
        {"@type": ["LiveBlogPosting", "NewsArticle"], "headline": "Kyiv overnight: sirens and drones",
         "liveBlogUpdate": updates},
    ]}
    html = page("Kyiv overnight: sirens and drones", ["Placeholder paragraph for readers without scripts."],
                head=f'<script type="application/ld+json">{json.dumps(graph)}</script>')
    document = read_html(html, "graph.html")
    assert document.meta["structure"] == "jsonld-liveblog"
    bodies = [b.text for b in document.blocks if b.role == "paragraph"]
    assert bodies == [u["articleBody"] for u in updates]
    stamps = {b.published for b in document.blocks if b.role != "title"}
    assert stamps == {datetime(2024, 11, 3, 0, 10, tzinfo=UTC), datetime(2024, 11, 3, 3, 5, tzinfo=UTC)}


# --- 2. live blog from repeated DOM blocks, no JSON-LD ---------------------------------------------

DOM_POSTS = [
    ("post-103", "2024-11-03T16:40:00Z", "Power restored to most of Odesa", [
        "Electricity has been restored to about 90 per cent of homes in Odesa after Saturday's attack, "
        "the regional energy company said.",
        "Repair crews worked through the night to replace damaged lines, it added.",
    ]),
    ("post-102", "2024-11-03T13:15:00+02:00", "Foreign ministers to meet in Brussels", [
        "EU foreign ministers will meet in Brussels on Monday to discuss a new package of military aid, "
        "a spokesperson confirmed on Sunday.",
    ]),
    ("post-101", "2024-11-03T09:00:00Z", "Overnight shelling hits Kherson suburbs", [
        "At least three people were injured when shells struck residential buildings in the suburbs of "
        "Kherson overnight, local officials reported.",
        "Emergency services said fires broke out in two apartment blocks and were later put out.",
    ]),
]


def dom_liveblog_page() -> str:
    posts = "".join(
        f'<article class="live-post" id="{key}"><time datetime="{when}">{when[11:16]}</time><h2>{headline}</h2>'
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + '<div class="share"><a>Share</a> <a>Copy link</a></div></article>'
        for key, when, headline, paragraphs in DOM_POSTS
    )
    return (
        "<!doctype html><html><head><title>Ukraine war live: Odesa power restored | Example Times</title>"
        '<meta name="description" content="Rolling coverage of the war in Ukraine."></head><body>'
        '<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>'
        f'<main><h1>Ukraine war live: Odesa power restored</h1><div class="live-blog">{posts}</div></main>'
        "<footer><p>Subscribe to our newsletter for the best of our journalism.</p>"
        "<p>Copyright 2024 Example Times</p></footer></body></html>"
    )


def test_dom_liveblog_gives_one_post_per_block_with_its_timestamp():
    document = read_html(dom_liveblog_page(), "dom-live.html")
    assert document.meta["structure"] == "dom-liveblog"
    assert document.title == "Ukraine war live: Odesa power restored"
    # Each block's paragraphs carry the block's key and time.
    for key, when, _, paragraphs in DOM_POSTS:
        mine = [b for b in document.blocks if b.post_key == key]
        assert [b.text for b in mine if b.role == "paragraph"] == paragraphs
        assert {b.published for b in mine} == {datetime.fromisoformat(when.replace("Z", "+00:00"))}

    posts = prepare(document)

    assert [p.headline.text for p in posts] == [headline for _, _, headline, _ in DOM_POSTS]
    assert [p.body.text for p in posts] == ["\n".join(paragraphs) for _, _, _, paragraphs in DOM_POSTS]
    assert [p.published for p in posts] == [
        datetime(2024, 11, 3, 16, 40, tzinfo=UTC),
        datetime(2024, 11, 3, 13, 15, tzinfo=timezone(timedelta(hours=2))),
        datetime(2024, 11, 3, 9, 0, tzinfo=UTC),
    ]
    assert all(p.kind == "story" for p in posts)
    assert posts[0].lead is not None and "Ukraine war live" in posts[0].lead.text
    for furniture in ("Share", "Copy link", "Subscribe", "Copyright", "Sport"):
        assert furniture not in document.text


def test_dom_liveblog_reads_epoch_timestamps():
    stamps = [1730650800, 1730640000000]  # seconds and milliseconds
    blocks = "".join(
        f'<div class="liveblog-entry" data-timestamp="{stamp}"><h3>Update {n}: shelling near Zaporizhzhia</h3>'
        f"<p>Regional officials said shelling continued near the Zaporizhzhia plant, damaging a power line "
        f"used to cool its reactors (report {n}).</p></div>"
        for n, stamp in enumerate(stamps, 1)
    )
    html = f"<html><head><title>Live: Zaporizhzhia</title></head><body><main>{blocks}</main></body></html>"
    document = read_html(html, "epoch.html")
    assert document.meta["structure"] == "dom-liveblog"
    published = sorted({b.published for b in document.blocks if b.published})
    assert published == [datetime(2024, 11, 3, 13, 20, tzinfo=UTC), datetime(2024, 11, 3, 16, 20, tzinfo=UTC)]


# --- 3. an ordinary single-story article -----------------------------------------------------------

ARTICLE_PARAGRAPHS = [
    "Thousands of residents were evacuated from villages along the river on Wednesday after a dam "
    "upstream gave way overnight, regional officials said.",
    "Water levels rose by more than three metres in some places within hours, according to the state "
    "emergency service, which deployed boats to reach people trapped on rooftops.",
    "<h2>Evacuation under way</h2>",
    "Buses and trains were organised to take evacuees to the regional capital, where schools have been "
    "turned into temporary shelters, the mayor told reporters.",
    "Aid agencies warned that drinking water supplies for tens of thousands of people could be "
    "contaminated for weeks.",
    "Share this article on Facebook, X or WhatsApp",
    "<h2>Who was responsible</h2>",
    "Both sides blamed each other for the breach. Independent engineers said it was too early to "
    "determine the cause, but that the structure had been damaged in earlier fighting.",
    "Subscribe to our newsletter to get the latest news delivered to your inbox every morning.",
    "The United Nations said it was sending a team to assess the humanitarian and environmental damage "
    "in the flooded area.",
]
NEWS_PARAGRAPHS = [p for p in ARTICLE_PARAGRAPHS if not p.startswith(("<", "Share", "Subscribe"))]


def article_page() -> str:
    body = "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>Dam breach floods villages downstream | Example Herald</title>"
        '<meta property="og:title" content="Dam breach floods villages downstream">'
        '<meta property="article:published_time" content="2023-06-07T09:30:00+03:00">'
        "</head><body>"
        '<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. By '
        "continuing to browse you accept our cookie policy.</p><button>Accept all cookies</button></div>"
        '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
        '<li><a href="/business">Business</a></li><li><a href="/culture">Culture</a></li></ul></nav></header>'
        '<main><article><h1>Dam breach floods villages downstream</h1><p class="byline">By Anna Kovalenko</p>'
        f"{body}</article></main>"
        "<footer><p>&copy; 2023 Example Herald. All rights reserved.</p>"
        '<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>'
        "</body></html>"
    )


def test_article_is_one_post_and_its_furniture_is_kept_aside():
    document = read_html(article_page(), "dam.html")
    assert document.meta["structure"] == "main-text"
    assert document.title == "Dam breach floods villages downstream"
    assert document.published == datetime(2023, 6, 7, 9, 30, tzinfo=timezone(timedelta(hours=3)))

    posts = prepare(document)

    assert len(posts) == 1
    post = posts[0]
    assert post.kind == "story"
    assert post.headline is not None and post.headline.text == "Dam breach floods villages downstream"
    # The subheadings are the article's furniture: removed, and the story stays one.
    for text in NEWS_PARAGRAPHS:
        assert text in post.body.text
    # In-article furniture is removed with a reason and offsets into the source text.
    removed = {r.text: r for r in document.removed}
    assert set(removed) == {
        "Share this article on Facebook, X or WhatsApp",
        "Subscribe to our newsletter to get the latest news delivered to your inbox every morning.",
        "Evacuation under way", "Who was responsible",
    }
    assert removed["Who was responsible"].reason == "section heading"
    for item in removed.values():
        assert item.reason and item.reason != "page furniture"
        assert document.source_text[item.start:item.end] == item.text
        assert item.text not in document.text
    # Furniture outside the article never reaches the text at all.
    for furniture in ("cookie", "Privacy policy", "All rights reserved", "Culture"):
        assert furniture not in document.text


def test_published_meta_falls_back_to_itemprop_and_user_value_wins():
    html = page("Border crossing reopens to civilians", [
        "The border crossing reopened to civilian traffic on Thursday after a three-day closure, the "
        "border guard service said.",
    ], head='<meta itemprop="datePublished" content="2024-05-02T06:00:00Z">')
    assert read_html(html, "x").published == datetime(2024, 5, 2, 6, 0, tzinfo=UTC)
    given = datetime(2024, 5, 3, tzinfo=UTC)
    (document,), _ = collect(html.encode(), published=given, source="Example News")
    assert document.published == given
    assert document.source == "Example News"


def test_html_without_text_is_a_format_error():
    with pytest.raises(FormatError, match="no readable main text"):
        read_html("<html><head><title></title></head><body><nav><a href='/'>Home</a></nav></body></html>",
                  "empty.html")


# --- 4. RSS and Atom feeds ------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Example Wire: World</title>
  <link>https://wire.example.com/world</link>
  <description>World news from Example Wire</description>
  <item>
    <title>Strikes hit port city overnight</title>
    <link>https://wire.example.com/world/port-strikes</link>
    <pubDate>Sun, 03 Nov 2024 06:15:00 +0200</pubDate>
    <guid>wire-1</guid>
    <description>Missiles struck the port city overnight.</description>
    <content:encoded><![CDATA[<p>Missiles struck the port city overnight, damaging grain terminals, the
      regional governor said.</p><p>Two dock workers were injured.</p>]]></content:encoded>
  </item>
  <item>
    <title>Parliament approves defence budget</title>
    <link>https://wire.example.com/world/defence-budget</link>
    <pubDate>Sat, 02 Nov 2024 18:00:00 GMT</pubDate>
    <guid>wire-2</guid>
    <description><![CDATA[<p>Lawmakers approved a record defence budget on Saturday after a lengthy
      debate.</p>]]></description>
  </item>
  <item>
    <title>Prisoner exchange completed</title>
    <link>https://wire.example.com/world/exchange</link>
    <pubDate>Fri, 01 Nov 2024 12:30:00 -0500</pubDate>
    <guid>wire-3</guid>
    <description><![CDATA[<p>Both sides released 95 prisoners each in an exchange brokered by the United
      Arab Emirates, officials confirmed.</p>]]></description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Frontline Reports</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-11-03T10:00:00Z</updated>
  <link href="https://frontline.example.net/"/>
  <entry>
    <title>Evacuations ordered in border towns</title>
    <link href="https://frontline.example.net/2024/11/03/evacuations"/>
    <id>urn:uuid:e1</id>
    <published>2024-11-03T09:00:00+03:00</published>
    <updated>2024-11-03T09:30:00+03:00</updated>
    <content type="html">&lt;p&gt;Authorities ordered families with children to leave eleven border towns,
      citing intensified shelling.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Grain corridor reopens</title>
    <link href="https://frontline.example.net/2024/11/02/grain"/>
    <id>urn:uuid:e2</id>
    <updated>2024-11-02T15:00:00Z</updated>
    <content type="html">&lt;p&gt;The first ship in a week left port carrying wheat, the shipping ministry
      said.&lt;/p&gt;&lt;p&gt;Insurers have raised premiums.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Hospital damaged in strike</title>
    <link href="https://frontline.example.net/2024/11/01/hospital"/>
    <id>urn:uuid:e3</id>
    <published>2024-11-01T22:10:00Z</published>
    <summary type="html">&lt;p&gt;A children's hospital was damaged in an air strike late on Friday, health
      officials said.&lt;/p&gt;</summary>
  </entry>
</feed>
"""


@pytest.mark.parametrize(
    ("feed", "source", "expected"),
    [
        (RSS, "Example Wire: World", [
            ("https://wire.example.com/world/port-strikes", "Strikes hit port city overnight",
             datetime(2024, 11, 3, 4, 15, tzinfo=UTC),
             ["Missiles struck the port city overnight, damaging grain terminals, the regional governor said.",
              "Two dock workers were injured."]),
            ("https://wire.example.com/world/defence-budget", "Parliament approves defence budget",
             datetime(2024, 11, 2, 18, 0, tzinfo=UTC),
             ["Lawmakers approved a record defence budget on Saturday after a lengthy debate."]),
            ("https://wire.example.com/world/exchange", "Prisoner exchange completed",
             datetime(2024, 11, 1, 17, 30, tzinfo=UTC),
             ["Both sides released 95 prisoners each in an exchange brokered by the United Arab Emirates, "
              "officials confirmed."]),
        ]),
        (ATOM, "Frontline Reports", [
            ("https://frontline.example.net/2024/11/03/evacuations", "Evacuations ordered in border towns",
             datetime(2024, 11, 3, 6, 0, tzinfo=UTC),
             ["Authorities ordered families with children to leave eleven border towns, citing intensified "
              "shelling."]),
            ("https://frontline.example.net/2024/11/02/grain", "Grain corridor reopens",
             datetime(2024, 11, 2, 15, 0, tzinfo=UTC),
             ["The first ship in a week left port carrying wheat, the shipping ministry said.",
              "Insurers have raised premiums."]),
            ("https://frontline.example.net/2024/11/01/hospital", "Hospital damaged in strike",
             datetime(2024, 11, 1, 22, 10, tzinfo=UTC),
             ["A children's hospital was damaged in an air strike late on Friday, health officials said."]),
        ]),
    ],
    ids=["rss", "atom"],
)
def test_feed_gives_one_document_per_entry(feed, source, expected):
    documents, errors = collect(feed.encode(), "feed.xml")
    assert errors == []
    assert len(documents) == 3
    for document, (url, title, published, paragraphs) in zip(documents, expected, strict=True):
        assert document.url == url
        assert document.format == "feed"
        assert document.title == title
        assert document.published == published
        assert document.published.utcoffset() == timedelta(0)
        assert document.source == source
        assert [b.text for b in document.blocks if b.role == "paragraph"] == paragraphs
        assert [b.text for b in document.blocks if b.role == "title"] == [title]
    assert len({d.id for d in documents}) == 3

    posts = prepare(documents[0])
    assert len(posts) == 1
    assert posts[0].headline.text == expected[0][1]


def test_feed_source_option_overrides_the_feed_title():
    documents, _ = collect(RSS.encode(), source="Wire Service")
    assert {d.source for d in documents} == {"Wire Service"}


def test_feed_entry_html_is_laid_out_like_a_browser():
    entry = (
        "<p>Officials said\n      the convoy <a href='https://wire.example.com/convoy'>arrived</a> in\n"
        "      Kharkiv on Monday.<br/>It carried food and medicine.</p>"
        "<ul><li>Twelve lorries</li><li>Two ambulances</li></ul><script>trackView()</script>"
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example.com/'
        "</link><description>d</description><item><title>Convoy reaches Kharkiv</title>"
        f"<link>https://wire.example.com/convoy</link><description><![CDATA[{entry}]]></description></item>"
        "</channel></rss>"
    )
    (document,), _ = collect(feed.encode())
    assert [b.text for b in document.blocks if b.role == "paragraph"] == [
        "Officials said the convoy arrived in Kharkiv on Monday.",
        "It carried food and medicine.",
        "Twelve lorries",
        "Two ambulances",
    ]


@pytest.mark.parametrize(
    "feed",
    [
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet Wire</title>'
        "<link>https://quiet.example.com/</link><description>Nothing today</description></channel></rss>",
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title>'
        "<id>urn:uuid:quiet</id><updated>2024-11-03T10:00:00Z</updated></feed>",
    ],
    ids=["rss", "atom"],
)
def test_feed_without_entries_is_a_format_error(feed):
    with pytest.raises(FormatError, match="no entries"):
        collect(feed.encode(), "quiet.xml")


# --- 5. WARC archives -----------------------------------------------------------------------------

WARC_PAGES = {
    "https://news.example.com/2024/11/04/kramatorsk-school": page("Shelling damages school in Kramatorsk", [
        "A school building in Kramatorsk was badly damaged by shelling on Monday, city officials said, "
        "but no children were inside at the time.",
        "Teachers had moved lessons online weeks earlier because of the danger.",
    ]),
    "https://news.example.com/2024/11/05/prisoner-talks": page("Talks on prisoner exchange continue", [
        "Negotiators met again on Tuesday to discuss the exchange of prisoners of war, according to a "
        "statement from the foreign ministry.",
        "No date has been set for the next round of talks.",
    ]),
}


def warc_bytes(records: list[tuple[str, str, str | None, bytes | None]], gzip: bool) -> bytes:
    """A WARC archive of (type, uri, content type, payload) records, as a crawler writes it."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test crawler"}))
    for kind, uri, content_type, payload in records:
        if kind == "request":
            headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.com")], is_http_request=True)
            record = writer.create_warc_record(uri, "request", http_headers=headers)
        else:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type),
                                                  ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


def crawl_records() -> list:
    (first_url, first), (second_url, second) = WARC_PAGES.items()
    return [
        ("request", first_url, None, None),
        ("response", first_url, "text/html; charset=utf-8", first.encode()),
        ("response", "https://news.example.com/static/logo.png", "image/png",
         b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
        ("request", second_url, None, None),
        ("response", second_url, "text/html", second.encode()),
    ]


@pytest.mark.parametrize("gzip", [False, True], ids=["plain", "gzip"])
def test_warc_gives_one_document_per_html_response(tmp_path: Path, gzip: bool):
    data = warc_bytes(crawl_records(), gzip=gzip)
    assert data.startswith(b"\x1f\x8b" if gzip else b"WARC/1")
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(data)
    errors: list[InputError] = []
    documents = list(read_file(path, ReadOptions(), errors.append))
    assert errors == []
    assert [d.url for d in documents] == list(WARC_PAGES)
    assert [d.title for d in documents] == ["Shelling damages school in Kramatorsk",
                                            "Talks on prisoner exchange continue"]
    assert all(d.format == "html" for d in documents)
    # The same bytes handed over directly (standard input, a fetched body) read the same.
    again, _ = collect(data, "stdin")
    assert [d.id for d in again] == [d.id for d in documents]


@pytest.mark.parametrize("gzip", [False, True], ids=["plain", "gzip"])
def test_warc_record_over_max_bytes_is_reported_and_skipped(tmp_path: Path, gzip: bool):
    (first_url, first), (second_url, second) = WARC_PAGES.items()
    huge = page("Long dispatch from the front line", [
        "Soldiers described weeks of heavy fighting near the town, officials said. " * 300,
    ])
    records = [
        ("response", first_url, "text/html", first.encode()),
        ("response", "https://news.example.com/long-dispatch", "text/html", huge.encode()),
        ("response", second_url, "text/html", second.encode()),
    ]
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_bytes(records, gzip=gzip))
    limit = 8_000
    assert len(first) < limit and len(second) < limit < len(huge)
    errors: list[InputError] = []
    documents = list(read_file(path, ReadOptions(max_bytes=limit), errors.append))
    assert [d.url for d in documents] == [first_url, second_url]
    assert len(errors) == 1
    assert isinstance(errors[0], InputTooLargeError)
    assert "https://news.example.com/long-dispatch" in str(errors[0])
    # Without an error sink the first bad record raises rather than being lost silently.
    with pytest.raises(InputTooLargeError):
        list(read_file(path, ReadOptions(max_bytes=limit)))


def test_warc_without_html_responses_is_a_format_error(tmp_path: Path):
    path = tmp_path / "images.warc"
    path.write_bytes(warc_bytes([("response", "https://news.example.com/a.png", "image/png",
                                  b"\x89PNG\r\n\x1a\n" + bytes(64))], gzip=False))
    with pytest.raises(FormatError, match="no HTML response"):
        list(read_file(path, ReadOptions()))


# --- 6. JSON Lines --------------------------------------------------------------------------------

JSONL_HTML = page("Fuel depot ablaze after drone attack", [
    "A fuel depot in the Bryansk region was set on fire by a drone attack early on Sunday, the regional "
    "governor said on Telegram.",
    "Firefighters were still working to contain the blaze by midday, according to local media.",
], head='<meta property="article:published_time" content="2024-10-27T05:40:00+00:00">')


def jsonl_lines() -> list[str]:
    return [
        json.dumps({"text": "Explosions heard in Kyiv\nAir defence was active over the capital overnight, "
                    "the city administration said.", "url": "https://agency-a.example/kyiv",
                    "published": "2024-11-03T05:00:00+00:00", "source": "Agency A"}),
        '{"text": "Shelling resumed near the border", "url": ',
        json.dumps({"html": JSONL_HTML, "url": "https://agency-b.example/bryansk", "source": "Agency B"}),
        "",
        json.dumps({"url": "https://agency-c.example/empty", "text": "  "}),
        json.dumps({"text": "Talks stall over prisoner lists\nThe second round ended without agreement, "
                    "both delegations said.", "title": "Talks stall", "published": "2024-11-02T17:00:00Z"},
                   ensure_ascii=False),
    ]


def test_jsonl_reads_text_and_html_records_and_reports_bad_lines():
    documents, errors = collect("\n".join(jsonl_lines()).encode(), "dump.jsonl")
    assert [d.format for d in documents] == ["text", "html", "text"]
    kyiv, bryansk, talks = documents
    assert kyiv.url == "https://agency-a.example/kyiv"
    assert kyiv.source == "Agency A"
    assert kyiv.published == datetime(2024, 11, 3, 5, 0, tzinfo=UTC)
    assert kyiv.title == "Explosions heard in Kyiv"
    assert bryansk.url == "https://agency-b.example/bryansk"
    assert bryansk.source == "Agency B"
    assert bryansk.title == "Fuel depot ablaze after drone attack"
    # The record has no `published`: the page's own date is used.
    assert bryansk.published == datetime(2024, 10, 27, 5, 40, tzinfo=UTC)
    assert talks.title == "Talks stall"
    assert talks.published == datetime(2024, 11, 2, 17, 0, tzinfo=UTC)
    assert [d.origin for d in documents] == ["dump.jsonl line 1", "dump.jsonl line 3", "dump.jsonl line 6"]

    assert [type(e) for e in errors] == [FormatError, FormatError]
    assert "line 2" in str(errors[0]) and "not valid JSON" in str(errors[0])
    assert "line 5" in str(errors[1])


def test_jsonl_options_override_record_fields():
    given = datetime(2024, 1, 1, tzinfo=UTC)
    documents, _ = collect("\n".join(jsonl_lines()).encode(), published=given, source="Archive")
    assert {d.source for d in documents} == {"Archive"}
    assert {d.published for d in documents} == {given}


def test_jsonl_without_error_sink_raises_on_the_first_bad_line():
    data = "\n".join(jsonl_lines()).encode()
    with pytest.raises(FormatError, match="line 2"):
        list(read_bytes(data, "dump.jsonl", ReadOptions()))


def test_jsonl_with_a_broken_first_line_is_still_jsonl():
    lines = jsonl_lines()
    documents, errors = collect("\n".join([lines[1], lines[0], lines[2]]).encode(), "dump.jsonl")
    assert [d.url for d in documents] == ["https://agency-a.example/kyiv", "https://agency-b.example/bryansk"]
    assert len(errors) == 1 and "line 1" in str(errors[0])


def test_jsonl_long_html_records_and_unicode_line_separators():
    long_html = page("Drone attack on refinery", [
        f"Paragraph {n}: a refinery in the Krasnodar region was hit by drones overnight, the regional "
        "operational headquarters said in a statement on Telegram." for n in range(60)
    ])
    assert len(long_html) > 8_000  # longer than the head that format detection looks at
    records = [
        json.dumps({"html": long_html, "url": "https://agency-d.example/refinery"}),
        # ensure_ascii=False writes U+2028 raw; it is not a record separator.
        json.dumps({"text": "Shelling resumed near the border.\u2028Two people were injured, officials said."},
                   ensure_ascii=False),
    ]
    documents, errors = collect(("\n".join(records) + "\n").encode(), "long.jsonl")
    assert errors == []
    assert [d.format for d in documents] == ["html", "text"]
    assert documents[0].url == "https://agency-d.example/refinery"
    assert "Paragraph 59:" in documents[0].source_text


# --- 7. format detection from content, not file name ------------------------------------------------


def test_format_is_detected_from_content_not_file_name(tmp_path: Path):
    html_as_txt = tmp_path / "saved-page.txt"
    html_as_txt.write_text(article_page(), encoding="utf-8")
    feed_as_html = tmp_path / "feed.html"
    feed_as_html.write_text(ATOM, encoding="utf-8")
    jsonl_as_txt = tmp_path / "records.txt"
    jsonl_as_txt.write_text("\n".join(jsonl_lines()), encoding="utf-8")
    text_as_html = tmp_path / "notes.html"
    text_as_html.write_text("Kherson shelled again\nRussian forces shelled Kherson on Sunday, the regional "
                            "governor said.\n", encoding="utf-8")
    options = ReadOptions()

    (page_doc,) = list(read_file(html_as_txt, options))
    assert page_doc.format == "html"
    assert page_doc.meta["structure"] == "main-text"
    assert "<p>" not in page_doc.source_text

    entries = list(read_file(feed_as_html, options))
    assert len(entries) == 3
    assert {d.source for d in entries} == {"Frontline Reports"}

    errors: list[InputError] = []
    records = list(read_file(jsonl_as_txt, options, errors.append))
    assert [d.url for d in records][:2] == ["https://agency-a.example/kyiv", "https://agency-b.example/bryansk"]
    assert len(errors) == 2

    (plain,) = list(read_file(text_as_html, options))
    assert plain.format == "text"
    assert plain.title == "Kherson shelled again"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\ufeff<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        ("<?xml version='1.0'?>\n<rss version='2.0'><channel></channel></rss>", "feed"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'><title>x</title></feed>", "feed"),
        ('{"text": "Shelling near Kharkiv."}\n{"text": "More shelling."}\n', "jsonl"),
        ('{"name": "not a news record"}\n', "text"),
        ("Kyiv under attack\nThe capital was attacked overnight, officials said. {see below}\n", "text"),
        ("Updates below. <p>Shelling near Kharkiv</p> <a href='/x'>more</a> <span>10:02</span>", "html"),
    ],
)
def test_detect_format(text, expected):
    assert detect_format(text) == expected


def test_gzip_that_is_not_warc_and_binaries_are_refused():
    import gzip

    with pytest.raises(InputError, match="gzip"):
        collect(gzip.compress(b"Kyiv was attacked overnight, officials said.\n"), "notes.txt.gz")
    with pytest.raises(InputError, match="PNG"):
        collect(b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.html")


# --- 8. offsets back to the source ------------------------------------------------------------------

PLAIN_TEXT = (
    "Ukraine war latest: Kyiv hit by drones\n"
    "\n"
    "  Air defence units shot down 30 of 35 drones launched overnight,\u00a0the air force said.  \n"
    "\u201cThe attack lasted for almost five hours,\u201d said  Serhiy Popko, head of the city\u2019s "
    "military administration.\r\n"
    "Subscribe to our newsletter for daily updates in your inbox.\n"
    "Rescuers worked through the night.Residents were moved to shelters in the metro.\n"
    "\tPower cuts\n"
    "Energy company DTEK said it had restored supplies to\u200b most districts by morning.\n"
)


def test_plain_text_offsets_map_back_to_the_source():
    (document,) = list(read_bytes(PLAIN_TEXT.encode("utf-8"), "kyiv.txt", ReadOptions()))
    assert document.format == "text"
    assert document.source_text == PLAIN_TEXT  # plain text is its own source
    prepare(document)
    assert "Subscribe" not in document.text
    assert len(document.kept) == 6

    for block in document.kept:
        assert document.text[block.start:block.end] == block.text
        previous = -1
        for offset in range(block.start, block.end):
            char = document.text[offset]
            source = document.offsets.to_source(offset)
            if char == " ":
                # Any run of whitespace, or the space put between glued sentences (which maps to
                # the start of the next sentence).
                assert source > previous
                continue
            assert source > previous, "source offsets go forwards"
            previous = source
            assert document.source_text[source].translate(STRAIGHT_QUOTES) == char
        start, end = document.offsets.span_to_source(block.start, block.end)
        squeezed = " ".join(document.source_text[start:end].replace("\u200b", "").split())
        assert squeezed.translate(STRAIGHT_QUOTES).replace(".R", ". R") == block.text

    for item in document.removed:
        assert document.source_text[item.start:item.end] == item.text
