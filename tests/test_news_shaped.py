"""Property tests over news-shaped text: the full path (read, clean, segment, extract, store) never breaks.

Random strings never reach the extractor's grammar: the failures real reports met (a list of eleven
provinces broke the town-and-state repair; events with no PLOVER category were refused by the store) need
text that looks like news. Here documents are built from the parts news is made of — lists of 2 to 40 place
names with commas and "and", all-caps wire copy, datelines, tables of figures, bullet lists, quotes inside
quotes, 2,000-word single paragraphs, names in other scripts — and each goes through `iter_ingest_documents`
into a store. What must hold: no exception escapes; every document is stored with its extraction (a
refusal may only be warlog's own judgement of the input, never a bug); every stored span is the text at its
offsets. The sentences are written for these tests.

The number of examples is WARLOG_FUZZ_EXAMPLES (default 25), as for the other property tests.
"""

from __future__ import annotations

import json
import os
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warlog.pipeline import iter_ingest_documents
from warlog.sources.text import read_text
from warlog.store import Store

EXAMPLES = int(os.environ.get("WARLOG_FUZZ_EXAMPLES", "25"))
NEWS = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=EXAMPLES <= 25,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

PLACES = ("Kherson", "Mykolaiv", "Zaporizhzhia", "Goma", "Bunia", "Beni", "Mopti", "Gao", "Timbuktu", "Khartoum",
          "El Fasher", "Nyala", "Aden", "Marib", "Hodeidah", "Mosul", "Kirkuk", "Idlib", "Homs", "Rafah", "Jenin",
          "Tyre", "Sidon", "Baalbek", "Kismayo", "Baidoa", "Maiduguri", "Kano", "Sittwe", "Lashio", "Myitkyina",
          "Port-au-Prince", "Les Cayes", "Nordland", "Troms", "Vestland", "Agder", "Innlandet", "Møre og Romsdal",
          "Île-de-France", "Zürich", "Kraków", "Łódź", "São Paulo", "Bahía Blanca", "New South Wales", "Ontario",
          "Cork", "Kerry", "Galway", "Saint-Louis", "Ndjamena", "Abéché", "Kidal", "Ménaka")
OTHER_SCRIPTS = ("Харків", "Одеса", "الفاشر", "حلب", "北京", "서울", "Αθήνα", "תל אביב", "ကျောက်ဖြူ")
ACTORS = ("Russian forces", "the army", "Rebels of the M23 group", "Gunmen", "Police", "The Rapid Support Forces",
          "Unidentified attackers", "Israeli aircraft", "Houthi fighters", "The junta's troops", "Protesters")
ACTS = ("shelled", "attacked", "struck", "raided", "stormed", "bombed", "surrounded", "seized", "fired on",
        "marched through")
TARGETS = ("a market in", "a school in", "an army post near", "the outskirts of", "a camp for displaced people in",
           "a police station in", "villages around", "the port of")
TOLLS = ("killing {n} people", "wounding {n} civilians", "leaving at least {n} dead", "injuring {n}",
         "and {n} soldiers were missing", "with no casualties reported")
DAYS = ("on Monday", "late on Tuesday", "overnight", "early on Saturday", "last week", "on 3 March", "")
SPEAKERS = ("officials said", "a local official told reporters", "the ministry said in a statement",
            "according to witnesses", "the governor wrote on Telegram", "")


@st.composite
def sentences(draw) -> str:
    n = draw(st.integers(0, 120000))
    toll = draw(st.sampled_from(TOLLS)).format(n=draw(st.sampled_from((str(n), f"{n:,}", "dozens of", "two"))))
    speaker = draw(st.sampled_from(SPEAKERS))
    text = (f"{draw(st.sampled_from(ACTORS))} {draw(st.sampled_from(ACTS))} {draw(st.sampled_from(TARGETS))} "
            f"{draw(place_names())} {draw(st.sampled_from(DAYS))}, {toll}")
    return " ".join(text.split()) + (f", {speaker}." if speaker else ".")


def place_names() -> st.SearchStrategy[str]:
    return st.sampled_from(PLACES) | st.sampled_from(OTHER_SCRIPTS)


@st.composite
def place_list(draw) -> str:
    names = draw(st.lists(place_names(), min_size=2, max_size=40))
    glue = draw(st.sampled_from((", ", "; ", ",")))
    last = draw(st.sampled_from((", and ", " and ", ", ")))
    listed = glue.join(names[:-1]) + last + names[-1]
    intro = draw(st.sampled_from((
        "Authorities ordered schools closed in {k} of the country's provinces: {l}.",
        "Fighting was reported in {l} over the weekend.",
        "The curfew covers {l}, the interior ministry said.",
        "{l}.",
    )))
    return intro.format(k=len(names), l=listed)


@st.composite
def dateline(draw) -> str:
    city = draw(st.sampled_from(PLACES)).upper()
    agency = draw(st.sampled_from(("(Reuters)", "(AP)", "(AFP)", "")))
    dash = draw(st.sampled_from((" - ", " — ", " – ", ": ")))
    return f"{city}, {draw(st.sampled_from(('Ukraine', 'Sudan', 'Mali', 'Haiti')))} {agency}{dash}".replace("  ", " ")


@st.composite
def figures_table(draw) -> str:
    rows = [draw(st.sampled_from(("Region | Killed | Injured", "Province\tDead\tWounded", "District,Displaced")))]
    for _ in range(draw(st.integers(1, 8))):
        rows.append(" | ".join([draw(place_names()), *(str(draw(st.integers(0, 9999))) for _ in range(2))]))
    return "\n".join(rows)


@st.composite
def bullets(draw) -> str:
    mark = draw(st.sampled_from(("• ", "- ", "* ", "1. ", "▪ ")))
    return "\n".join(mark + draw(sentences()) for _ in range(draw(st.integers(2, 6))))


@st.composite
def nested_quote(draw) -> str:
    inner = draw(st.sampled_from(("'we will come back'", "‘leave now’", "'they shelled the school'")))
    outer = draw(st.sampled_from(("\"", "“")))
    close = "\"" if outer == "\"" else "”"
    return (f"{outer}The commander told us {inner} before the strike on {draw(place_names())},{close} "
            f"{draw(st.sampled_from(('a resident said', 'said one survivor', 'she told AFP')))}.")


@st.composite
def long_paragraph(draw) -> str:
    words, parts = 0, []
    while words < 2000:
        part = draw(st.one_of(sentences(), place_list(), nested_quote()))
        parts.append(part)
        words += len(part.split())
    return " ".join(parts)


@st.composite
def news_documents(draw) -> str:
    blocks = [draw(st.sampled_from(("Strikes hit {p} as talks stall", "LIVE: fighting near {p}", "{p}")))
              .format(p=draw(place_names()))]
    first = draw(sentences())
    blocks.append(draw(dateline()) + first if draw(st.booleans()) else first)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(("sentences", "list", "table", "bullets", "quote", "caps")))
        if kind == "sentences":
            blocks.append(" ".join(draw(st.lists(sentences(), min_size=1, max_size=4))))
        elif kind == "list":
            blocks.append(draw(place_list()))
        elif kind == "table":
            blocks.append(draw(figures_table()))
        elif kind == "bullets":
            blocks.append(draw(bullets()))
        elif kind == "quote":
            blocks.append(draw(nested_quote()))
        else:
            blocks.append(" ".join(draw(st.lists(sentences(), min_size=1, max_size=3))).upper())
    if draw(st.integers(0, 5)) == 0:
        blocks.append(draw(long_paragraph()))
    return "\n\n".join(blocks)


@pytest.fixture(scope="module")
def news_store(tmp_path_factory):
    with Store(str(tmp_path_factory.mktemp("news") / "news.db")) as store:
        yield store


@NEWS
@given(text=news_documents(), day=st.integers(1, 28))
def test_news_shaped_text_is_stored_with_its_extraction(news_store, text, day):
    document = read_text(text, "generated news", published=datetime(2025, 2, day))
    (result,) = iter_ingest_documents([document], news_store)
    assert result.status in ("stored", "already stored"), result.error
    clean = news_store.document(document.id)["clean_text"]
    for event in news_store.rows("events", document.id):
        spans = json.loads(event["evidence"])
        for name in ("sentence", "trigger", "actor1", "actor2", "target", "weapon", "time"):
            span = spans.get(name)
            if span is not None:
                assert clean[span["start"]:span["end"]] == span["text"], name
    for claim in news_store.rows("claims", document.id):
        assert clean[claim["content_start"]:claim["content_end"]] == claim["content"]


def test_a_list_of_provinces_is_read_without_error(news_store):
    """A list of counties after a colon: each name is the 'state' of the one before and the 'town' of the one
    after, which the town-and-state repair once tripped over (ValueError from list.remove)."""
    text = ("Snow closed roads in nine of the nation's regions: Nordland, Troms, Vestland, Agder, Innlandet, "
            "Rogaland, Telemark, Viken, and Trøndelag.")
    (result,) = iter_ingest_documents([read_text(text, "provinces")], news_store)
    assert result.status == "stored", result.error


@pytest.mark.parametrize("text, sub_event", [
    ("Divers said the bodies of three fishermen were recovered from a lake near the town on Tuesday.", "Other"),
    ("Landslides buried a dozen houses in the district, killing 9 people, the governor said.", None),
])
def test_reports_with_no_plover_category_are_stored_with_their_events(news_store, text, sub_event):
    """Bodies found (ACLED: Other, no PLOVER category) and a disaster (neither): once refused by the store."""
    document = read_text(text, "no plover", published=datetime(2025, 2, 14))
    (result,) = iter_ingest_documents([document], news_store)
    assert result.status == "stored", result.error
    events = news_store.rows("events", document.id)
    assert result.events == len(events)
    if sub_event is not None:
        assert any(e["acled_sub_event_type"] == sub_event and e["plover_type"] is None for e in events), events
