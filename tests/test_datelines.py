"""A wire dateline is a sentence of its own, so its city is never the story's subject, doer or quote."""

from datetime import date

from tests.conftest import extracted
from warlog.extract.nlp import get_nlp


def test_a_dateline_ends_before_the_story_and_a_dash_inside_a_sentence_does_not():
    nlp = get_nlp()
    for line in ("GOMA, Congo (Reuters) - Rebels seized two villages on Friday, the army said.",
                 "ODESA, Ukraine, March 3 (AP) — Drones hit the port overnight, officials said.",
                 # the small words of a country's long name
                 "BENI, Democratic Republic of Congo - Rebels raided a farm on Friday, the army said.",
                 "MOSTAR, Bosnia and Herzegovina - Police dispersed a crowd outside the court, officials said."):
        first, *_ = nlp(line).sents
        assert first.text.rstrip(" -—") in ("GOMA, Congo (Reuters)", "ODESA, Ukraine, March 3 (AP)",
                                            "BENI, Democratic Republic of Congo", "MOSTAR, Bosnia and Herzegovina")
    for line in ("The mayor said on Monday - in a rare interview - that the city would hold.",
                 "UN envoy - a veteran diplomat - arrived in Goma."):
        assert len(list(nlp(line).sents)) == 1


def test_the_story_after_a_dateline_keeps_its_speaker_and_its_date():
    _, _, extraction = extracted(
        "JALALABAD, Afghanistan (Reuters) - Gunmen killed four guards at a checkpoint on Tuesday, the provincial "
        "police said.\n", date(2025, 5, 8))
    assert [c.speaker_text for c in extraction.claims] == ["the provincial police"]
    (event,) = [e for e in extraction.events if not e.generic]
    assert event.actor1 is not None and event.actor1.text == "Gunmen"
    assert event.time is not None and event.time.start == date(2025, 5, 6)


def test_a_dateline_in_title_case_needs_a_day_or_an_agency():
    nlp = get_nlp()
    for line, head in (("Kisumu, 4 March 2025 - Gunmen shot dead a trader on Monday, police said.",
                        "Kisumu, 4 March 2025"),
                       ("Herat, Afghanistan, Jan. 9 (Xinhua) -- A blast hit a mosque on Friday.",
                        "Herat, Afghanistan, Jan. 9 (Xinhua)"),
                       ("Bunia (Radio Okapi) - Militiamen raided a camp overnight.", "Bunia (Radio Okapi)"),
                       ("N'Djamena (Example Wire) -- Soldiers repelled an attack.", "N'Djamena (Example Wire)")):
        first, *_ = nlp(line).sents
        assert first.text.rstrip(" -") == head
    for line in ("Kenya - Uganda border talks end without a deal.", "May 5 - a day of mourning was declared.",
                 "Police say - without proof - that the rebels fired first."):
        assert len(list(nlp(line).sents)) == 1


def test_the_day_of_a_title_case_dateline_is_not_the_acts_day():
    # the act has no day of its own: it happened on or before the report's, not on the dateline's day exactly
    _, _, extraction = extracted("Kisumu, March 4 - Gunmen shot dead two traders in a market, police said.\n",
                                 date(2025, 3, 4))
    (event,) = [e for e in extraction.events if not e.generic]
    assert event.actor1 is not None and event.actor1.text == "Gunmen"
    assert event.time is not None and event.time.span.text != "March 4" and event.time.precision == "before"


def test_the_city_of_a_title_case_dateline_places_an_incident_whose_sentences_name_none():
    _, _, extraction = extracted("Kismaayo (Example News) – At least 12 people were killed after gunmen stormed a "
                                 "hotel in the port city late Friday, officials said.\n", date(2025, 7, 12))
    (event,) = [e for e in extraction.events if not e.generic]
    assert event.place is not None and extraction.places[event.place].country_code == "SO"


def test_a_dateline_in_capitals_the_model_took_for_an_organisation_still_places_the_story():
    """"NAIROBI (Reuters) - …": the small model often tags a capital's name in capitals as an organisation; in the
    dateline's place it is the town the story is filed from, and places an incident whose sentences name none."""
    for city, country in (("NAIROBI", "KE"), ("MOGADISHU", "SO")):
        _, _, extraction = extracted(f"{city} (Reuters) - Police arrested 14 students on Thursday after rival groups "
                                     "fought with stones at a college, injuring 40 people, police said.\n",
                                     date(2024, 7, 11))
        (event,) = [e for e in extraction.events if not e.generic]
        assert event.place is not None and extraction.places[event.place].country_code == country, city


def test_a_title_case_dateline_with_its_country_before_a_lead_is_a_dateline_and_a_short_headline_is_not():
    """"El Fasher, Sudan — Artillery shells fired by …": a town, its country and a lead's worth of words after the dash;
    "Gaza, West Bank - what we know" is a headline."""
    nlp = get_nlp()
    first, *_ = nlp("Kaya, Burkina Faso — Gunmen on motorbikes attacked a market in the town on Friday afternoon, "
                    "killing at least nine traders and wounding several others, residents said.").sents
    assert first.text.rstrip(" —") == "Kaya, Burkina Faso"
    assert len(list(nlp("Gaza, West Bank - what we know so far").sents)) == 1
