"""Live blog to posts, on plain text and structured blocks the code has not seen."""

from __future__ import annotations

from warlog.pipeline import prepare
from warlog.sources.text import read_text

LIVE = """Israel-Gaza war live: aid convoy reaches north after weeks of delays
UN says 12 trucks crossed, far below what is needed
Twelve aid trucks reached northern Gaza on Tuesday, the United Nations said.
The convoy had waited for nine days at the crossing, officials said.
Strike on Rafah house kills family of five
An air strike on a house in Rafah killed five members of one family, medics said.
Video: rescuers search rubble in Khan Younis
Talks resume in Cairo over ceasefire proposal
Negotiators returned to Cairo on Wednesday to discuss a new ceasefire proposal.
"""


def test_plain_text_live_blog_splits_on_title_lines():
    posts = prepare(read_text(LIVE, "live"))
    headlines = [p.headline.text if p.headline else None for p in posts]
    assert headlines == [
        "Israel-Gaza war live: aid convoy reaches north after weeks of delays",
        "Strike on Rafah house kills family of five",
        "Video: rescuers search rubble in Khan Younis",
        "Talks resume in Cairo over ceasefire proposal",
    ]
    assert posts[0].body.text.startswith("UN says 12 trucks")  # the standfirst goes with the lead
    assert posts[2].kind == "gallery" and posts[2].body is None
    assert posts[3].body.text.startswith("Negotiators returned")


def test_ordinary_article_is_one_post():
    article = (
        "Drone strike damages power plant in Zaporizhzhia region\n"
        "A Russian drone struck a thermal power plant in the Zaporizhzhia region on Monday, the operator said.\n"
        "Repairs would take weeks, it added, and the plant had been hit several times since 2022.\n"
    )
    posts = prepare(read_text(article, "article"))
    assert len(posts) == 1
    assert posts[0].kind == "story"
    assert posts[0].headline.text.startswith("Drone strike")


def test_text_without_a_title_is_one_post_without_headline():
    posts = prepare(read_text("Shelling continued overnight in Kherson, the governor said. Two were hurt.\n", "t"))
    assert len(posts) == 1 and posts[0].headline is None
