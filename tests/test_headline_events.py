"""Events told only by a headline, and towns the small model mislabels, on short invented news items."""

from datetime import date

from tests.conftest import extracted


def _incidents(text: str, published=date(2025, 3, 4)):
    document, posts, extraction = extracted(text, published)
    return [e for e in extraction.events if not e.generic], extraction


def test_an_incident_told_only_by_its_headline_is_an_event_with_its_toll():
    events, extraction = _incidents(
        "Artillery shelling kills three in Kherson\n\n"
        "Schools in the city were closed on Tuesday, and trams ran late.\n")
    (event,) = events
    assert event.evidence.text.startswith("Artillery shelling kills three")
    assert event.acled_event_type == "Explosions/Remote violence"
    assert extraction.quantities[event.killed].value == 3
    assert extraction.places[event.place].name.startswith("Kherson")


def test_a_headline_restated_by_its_body_gives_one_event_not_two():
    events, extraction = _incidents(
        "Missile strike kills four in Zaporizhzhia\n\n"
        "A Russian missile hit a warehouse in Zaporizhzhia on Monday, killing four workers, the governor said.\n")
    assert len([e for e in events if e.acled_event_type == "Explosions/Remote violence"]) == 1
    (event,) = events
    assert "warehouse" in event.evidence.text
    assert extraction.quantities[event.killed].value == 4
    # the headline's figure stays out of the quantities: only the body's "four" is there
    assert [q.span.text for q in extraction.quantities if q.value == 4] == ["four"]


def test_a_town_the_model_labels_a_language_is_a_place_in_place_grammar():
    events, extraction = _incidents(
        "A drone struck a residential building in Odesa overnight, injuring two people, officials said.\n")
    (event,) = events
    assert [span.text for span in event.locations] == ["Odesa"]
    _, _, other = extracted("The statement was published in English on Monday.\n", date(2025, 3, 4))
    assert not any(m.label in ("GPE", "LOC") for m in other.mentions)
