"""Mentions, event assembly and the whole extraction on news sentences written for these tests."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conftest import extracted
from warlog.extract.mentions import extract_mentions
from warlog.extract.nlp import get_nlp
from warlog.store import Store


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def _extract(text: str, published: datetime | None = None):
    return extracted(text, published)


def test_weapons_units_and_defined_acronyms(nlp):
    text = ("Russia fired Kh-101 cruise missiles and Shahed drones overnight, while the 47th Mechanized Brigade "
            "held its positions, the Institute for the Study of War (ISW) said. The ISW added that glide bombs "
            "were used.")
    mentions = extract_mentions(nlp(text), base=10)
    by_text = {m.span.text: m for m in mentions}
    assert by_text["Kh-101 cruise missiles"].label == "WEAPON"
    assert any(m.label == "WEAPON" and m.span.text.startswith("Shahed") for m in mentions)
    assert "glide bombs" in by_text and by_text["glide bombs"].label == "WEAPON"
    assert any(m.label == "UNIT" and "Brigade" in m.span.text for m in mentions)
    isw = [m for m in mentions if m.span.text == "ISW"]
    assert isw and isw[0].canonical == "the Institute for the Study of War"
    for mention in mentions:
        assert text[mention.span.start - 10:mention.span.end - 10] == mention.span.text


def test_person_role_affiliation_and_later_reference(nlp):
    text = ("Polish foreign minister Radoslaw Sikorski said the embassy would stay open. "
            "Mr Sikorski added that talks would continue.")
    people = [m for m in extract_mentions(nlp(text)) if m.label == "PERSON"]
    full, later = people[0], people[-1]
    assert full.span.text == "Radoslaw Sikorski"
    assert full.role == "foreign minister" and full.affiliation == "Polish"
    assert later.span.text.endswith("Sikorski") and later.canonical == "Radoslaw Sikorski"
    assert later.role == "foreign minister"


def test_strike_event_with_actor_place_date_and_casualties():
    text = ("Drone strike on Odesa\n"
            "A Russian drone struck an apartment block in Odesa on Monday, killing two people and injuring eight, "
            "the regional governor said.\n")
    document, _, extraction = _extract(text, published=datetime(2025, 3, 5))
    strikes = [e for e in extraction.events if e.acled_sub_event_type == "Air/drone strike" and not e.generic]
    assert strikes, [e.acled_sub_event_type for e in extraction.events]
    event = strikes[0]
    assert event.actor1 is not None and event.actor1.text == "Russian"
    assert [s.text for s in event.locations] == ["Odesa"]
    assert event.time is not None and event.time.start == date(2025, 3, 3)
    assert extraction.quantities[event.killed].value == 2
    assert extraction.quantities[event.injured].value == 8
    assert event.weapon is not None and "drone" in event.weapon.text
    assert event.claim is not None and extraction.claims[event.claim].speaker_text
    for span in (event.evidence, event.trigger, event.actor1, event.weapon, *event.locations):
        assert document.text[span.start:span.end] == span.text


def test_belligerent_claim_of_territory_is_marked():
    text = ("Frontline update\n"
            "On Tuesday, Moscow said it had captured the village of Novoselivka in the east.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 5))
    taken = [e for e in extraction.events if e.plover_type == "ASSAULT" and e.plover_mode == "territory"]
    assert taken
    assert taken[0].actor1 is not None and taken[0].actor1.text == "Moscow"
    assert taken[0].claimed_by_belligerent
    assert taken[0].time is not None and taken[0].time.start == date(2025, 6, 3)


def test_background_sentences_are_generic():
    text = ("Analysis\n"
            "Russian forces have repeatedly shelled the city since the start of the war, and it has remained a "
            "frequent target of air strikes.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 5))
    assert extraction.events and all(e.generic for e in extraction.events)


def test_ingest_stores_extraction_with_spans(example_path, sqlite_url):
    from warlog.pipeline import ingest
    from warlog.sources import ReadOptions

    with Store(sqlite_url) as store:
        results = ingest([str(example_path)], store, ReadOptions(published=datetime(2024, 11, 3)))
        assert results[0].status == "stored" and results[0].claims > 0 and results[0].events > 0
        text = store.document(results[0].document_id)["clean_text"]
        claims = store.rows("claims")
        events = store.rows("events")
        quantities = store.rows("quantities")
    assert len(claims) == results[0].claims and len(events) == results[0].events
    for claim in claims:
        assert text[claim["content_start"]:claim["content_end"]] == claim["content"]
        if claim["speaker_start"] is not None:
            assert claim["speaker"]
    for event in events:
        assert event["evidence_start"] < event["evidence_end"]
        assert text[event["trigger_start"]:event["trigger_end"]]
    for quantity in quantities:
        assert text[quantity["start"]:quantity["end"]] == quantity["text"]


def test_named_regions_the_model_misses(nlp):
    text = "Troops moved from Primorsky Krai to the Belgorod region and on to Zaporizhzhia Oblast."
    regions = {m.span.text for m in extract_mentions(nlp(text)) if m.label == "LOC"}
    assert {"Primorsky Krai", "Zaporizhzhia Oblast"} <= regions
    assert any(r.endswith("Belgorod region") for r in regions) or "Belgorod" in {
        m.span.text for m in extract_mentions(nlp(text))}


def test_incident_sentence_gives_the_place_of_the_event_before_it():
    text = ("Clash near the border\n"
            "Ukrainian troops attacked a Russian convoy on Thursday, the army said. "
            "The attack took place in the Belgorod region, it added.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 7))
    attacks = [e for e in extraction.events if e.plover_type == "ASSAULT" and not e.generic]
    assert attacks
    assert any("Belgorod" in place.text for place in attacks[0].locations)


def test_weapon_named_in_a_later_sentence_goes_to_the_strike():
    text = ("Strike on Dnipro\n"
            "A Russian missile strike on Dnipro killed four people on Friday, the governor said. "
            "Iskander missiles had been used in the attack, the air force said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 7))
    strikes = [e for e in extraction.events if e.plover_type == "ASSAULT" and not e.generic]
    assert strikes and strikes[0].weapon is not None and "Iskander" in strikes[0].weapon.text
    assert not any(e.trigger.text.lower() == "used" for e in extraction.events)


def test_infinitives_and_purpose_clauses_are_not_incidents():
    text = ("Troops sent\n"
            "Belarus has sent engineers to the border to help fortify positions, and Moscow has offered to "
            "shell the bridge, officials said.\n")
    _, _, extraction = _extract(text, published=datetime(2025, 6, 7))
    assert all(e.generic for e in extraction.events if e.plover_type == "ASSAULT")
