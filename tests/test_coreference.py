"""One coreference scorer for every scale: what one writer must keep consistent, what two outlets may differ on,
and that a missing or unknown place neither vetoes nor counts. Events built by hand from sentences written here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from warlog import coreference
from warlog.reconcile import dedup
from warlog.schema import Event, Place, Quantity, Span, TimeRef


def _span(text: str, start: int = 0) -> Span:
    return Span(start, start + len(text), text)


def _event(places: list[str], *, killed: int | None = None, actor: str | None = None, when: date | None = None,
           sub: str = "Air/drone strike", post: int = 0) -> Event:
    return Event(plover_type="ASSAULT", trigger=_span("struck"), evidence=_span("A strike."),
                 acled_event_type="Explosions/Remote violence", acled_sub_event_type=sub,
                 actor1=_span(actor) if actor else None,
                 locations=[_span(p, 100 + 20 * n) for n, p in enumerate(places)],
                 time=TimeRef(_span("on Monday"), when, when, "day", True) if when else None,
                 killed=killed, post_index=post)


def _tolls(*values: int) -> list[Quantity]:
    return [Quantity(_span(str(v)), float(v), None, None, "exact", counted="killed") for v in values]


def _mention(event: Event, document: str, quantities: list[Quantity], places: tuple[Place, ...] = ()):
    return coreference.mention_of(event, document_id=document, quantities=quantities, places=places)


def _place(span: Span, precision: str, admin1: str | None, country: str, lat=None, lon=None) -> Place:
    return Place(span, "geonames:1", span.text, country, admin1, None, "P", lat, lon, precision, 1, 1.0, "test")


def test_one_writer_gives_one_toll_two_outlets_may_differ():
    quantities = _tolls(4, 6)
    first, second = _event(["Odesa"], killed=0), _event(["Odesa"], killed=1)
    assert coreference.linked(_mention(first, "page", quantities), _mention(second, "page", quantities)) is None
    across = coreference.linked(_mention(first, "page", quantities), _mention(second, "other", quantities))
    assert across is not None and "place" in across[1]


def test_tolls_no_honest_report_could_give_keep_reports_apart():
    quantities = _tolls(2, 90)
    first, second = _event(["Odesa"], killed=0), _event(["Odesa"], killed=1)
    assert coreference.compare(_mention(first, "a", quantities), _mention(second, "b", quantities)) is None


def test_a_missing_place_neither_vetoes_nor_agrees():
    placed, unplaced = _event(["Odesa"]), _event([])
    inside_a_story = coreference.compare(_mention(placed, "page", []), _mention(unplaced, "page", []))
    assert inside_a_story is not None and not {"place", "place_partial", "place_province"} & inside_a_story.keys()
    assert coreference.linked(_mention(placed, "page", []), _mention(unplaced, "page", [])) is not None
    # across documents a shared place is what makes two events candidates at all
    assert dedup.score_pair(_mention(placed, "a", []), _mention(unplaced, "b", [])) is None


def test_doers_of_two_sides_are_two_incidents():
    first, second = _event(["Odesa"], actor="Russian forces"), _event(["Odesa"], actor="Ukrainian troops")
    assert coreference.compare(_mention(first, "a", []), _mention(second, "b", [])) is None


def test_dates_that_exclude_each_other_are_two_incidents():
    first, second = _event(["Odesa"], when=date(2025, 5, 1)), _event(["Odesa"], when=date(2025, 5, 9))
    assert coreference.compare(_mention(first, "a", []), _mention(second, "b", [])) is None


def test_an_unknown_town_in_the_provinces_country_says_nothing_against_it():
    first = _event(["Lakeside", "Freedonia"])
    second = _event(["Upper Province"])
    country = _place(first.locations[1], "country", None, "FD")
    province = _place(second.locations[0], "admin1", "07", "FD")
    elsewhere = _place(second.locations[0], "admin1", "07", "XY")
    unknown_town_features = coreference.compare(_mention(first, "page", [], (country,)),
                                                _mention(second, "page", [], (province,)))
    assert unknown_town_features is not None
    assert coreference.compare(_mention(first, "page", [], (country,)), _mention(second, "page", [], (elsewhere,))) \
        is None
    # read as words alone (before places are resolved) two different names are two places
    assert coreference.compare(_mention(first, "page", []), _mention(second, "page", [])) is None


def test_a_town_and_its_province_are_one_place_less_precisely_told():
    town_event, province_event = _event(["Riverton"]), _event(["Hill Province"])
    town = _place(town_event.locations[0], "city", "03", "FD", 10.0, 20.0)
    province = _place(province_event.locations[0], "admin1", "03", "FD", 10.5, 20.5)
    other = _place(province_event.locations[0], "admin1", "04", "FD", 10.5, 20.5)
    features = coreference.compare(_mention(town_event, "a", [], (town,)),
                                   _mention(province_event, "b", [], (province,)))
    assert features is not None and "place_province" in features
    assert coreference.compare(_mention(town_event, "a", [], (town,)), _mention(province_event, "b", [], (other,))) \
        is None


def test_a_vague_toll_rules_nothing_out():
    quantities = [Quantity(_span("3"), 3.0, None, None, "exact", counted="killed"),
                  Quantity(_span("dozens"), 24.0, None, None, "at least", counted="killed", vague=True),
                  Quantity(_span("40"), 40.0, None, None, "exact", counted="killed")]
    first, vague, exact = _event(["Odesa"], killed=0), _event(["Odesa"], killed=1), _event(["Odesa"], killed=2)
    assert coreference.compare(_mention(first, "a", quantities), _mention(vague, "b", quantities)) is not None
    assert coreference.compare(_mention(first, "a", quantities), _mention(exact, "b", quantities)) is None


def test_an_approximate_day_reaches_back_one_day():
    from datetime import date

    from warlog.coreference import mention_of
    from warlog.schema import Event, Span, TimeRef

    said = TimeRef(span=Span(0, 7, "Tuesday"), start=date(2025, 3, 11), end=date(2025, 3, 11), precision="day",
                   resolved=True, approximate=True)
    event = Event(plover_type="ASSAULT", plover_mode=None, acled_event_type="Battles",
                  acled_sub_event_type="Armed clash", trigger=Span(0, 8, "attacked"), evidence=Span(0, 40, "x" * 40),
                  time=said)
    mention = mention_of(event)
    assert (mention.start, mention.end) == (date(2025, 3, 10), date(2025, 3, 11))


def test_two_reports_of_one_ship_attacked_at_sea_are_one_incident():
    """A ship is attacked at sea: one report places it "in the Red Sea", the other "west of Hodeidah" (a clause about
    the ship's own report). A sea is no place to compare, and the same ship is what ties the two."""
    from datetime import date, datetime

    from tests.conftest import extracted
    from warlog.reconcile.dedup import score_pair, stored_member

    first = extracted("A missile fired by the rebels struck a Panama-flagged oil tanker in the Red Sea on Monday "
                      "night, about 50 nautical miles west of Mocha, a maritime security agency said.\n",
                      datetime(2025, 3, 11), origin="one")
    second = extracted("The rebels said on Tuesday they had targeted an oil tanker in the Red Sea with a missile, a "
                       "day after the vessel reported being hit.\n", datetime(2025, 3, 11), origin="two")
    members = [stored_member(doc.id, date(2025, 3, 11), extraction, 0) for doc, _, extraction in (first, second)]
    scored = score_pair(*members)
    assert scored is not None and "target" in scored[1] and scored[0] >= coreference.THRESHOLD


def test_the_same_unknown_village_named_in_two_reports_of_a_province_is_the_place_itself():
    first, second = _event(["Gidan Kaura", "Hill Province"]), _event(["Gidan Kaura", "Hill Province"])
    third = _event(["Tudun Wada", "Hill Province"])
    province = [_place(e.locations[1], "admin1", "03", "FD", 10.5, 20.5) for e in (first, second, third)]
    a, b, c = (_mention(e, doc, [], (p,)) for e, doc, p in zip((first, second, third), "abc", province, strict=True))
    a = replace(a, precision="admin1", coordinates=(10.5, 20.5), admin1="03")
    b = replace(b, precision="admin1", coordinates=(10.5, 20.5), admin1="03")
    c = replace(c, precision="admin1", coordinates=(10.5, 20.5), admin1="03")
    assert "place" in coreference.compare(a, b)
    features = coreference.compare(a, c)
    assert features is not None and "place" not in features and "place_province" in features


def test_a_place_with_half_its_coordinates_gives_no_point_to_compare():
    """A resolved place with a latitude and no longitude (a store or a hand-made extraction may hold one) places
    nothing: comparing two such mentions must not fail."""
    first, second = (replace(_event(["Example"], when=date(2025, 3, 3)), place=0) for _ in range(2))
    places = (_place(first.locations[0], "city", None, "UA", lat=0.0, lon=None),)
    a, b = (_mention(event, document, [], places) for event, document in ((first, "d1"), (second, "d2")))
    assert a.coordinates is None
    coreference.judge(a, b)


def test_an_exchange_told_from_either_side_is_one_but_a_third_side_is_another():
    """Each side is the doer of its half of an exchange ("Ukraine received 500 bodies", "Russia got 20 in return"):
    two sides are no sign of two acts; an exchange with a third country is another."""
    def exchange(actor: str, target: str | None = None) -> Event:
        return replace(_event(["Istanbul"], actor=actor, sub="Agreement"), plover_type="AGREE", plover_mode="exchange",
                       acled_event_type="Strategic developments", target=_span(target) if target else None)
    one, other = exchange("Ukraine"), exchange("Russia")
    assert coreference.compare(_mention(one, "page", []), _mention(other, "page", [])) is not None
    third = exchange("Armenia", "Azerbaijan")
    assert coreference.compare(_mention(one, "page", []), _mention(third, "page", [])) is None


def test_a_sides_claim_of_the_dead_it_inflicted_is_no_measure_of_the_toll_of_those_struck():
    """"struck a meeting of officers, killing up to 90" (the striking side's claim) and "22 killed, eight of them
    children" (the toll of those struck): one strike, two counts of different dead; two plain tolls that far apart are
    two incidents."""
    quantities = _tolls(22, 90)
    toll, claimed = _event(["Sumy"], killed=0), replace(_event(["Sumy"], killed=1), claimed_by_belligerent=True)
    assert coreference.compare(_mention(toll, "a", quantities), _mention(claimed, "b", quantities)) is not None
    plain = _event(["Sumy"], killed=1)
    assert coreference.compare(_mention(toll, "a", quantities), _mention(plain, "b", quantities)) is None


def test_an_unnamed_doer_that_fought_one_country_may_be_the_other_reports_doer():
    """"troops pushed Russian forces back near X" (doer of no country, its parties only whom it fought) and "Ukrainian
    forces recaptured positions near X": one capture. Against a doer of the country it fought, still two sides."""
    fought = replace(_mention(_event(["Toretsk"], actor="troops", sub="Government regains territory"), "page", []),
                     side=None, parties=frozenset({"Russia"}), others=frozenset({"Russia"}))
    ukrainian = replace(_mention(_event(["Toretsk"], actor="Ukrainian forces", sub="Government regains territory",
                                        post=1), "page", []),
                        side="Ukraine", parties=frozenset({"Ukraine"}), others=frozenset())
    assert coreference.compare(fought, ukrainian) is not None
    # a doer of the very country the unnamed doer fought is no candidate for it
    russian = replace(ukrainian, doer="russian forces", side="Russia", parties=frozenset({"Belarus"}))
    assert coreference.compare(fought, russian) is None


def test_a_mention_is_named_where_it_is_put_on_the_map():
    """An event its sentence places in a province, which a later sentence of its story put in a district (or a
    dateline in its town), is listed by the name of the place it is mapped to, not by its sentence's first name."""
    event = replace(_event(["Balochistan province"]), place=1)
    province = _place(_span("Balochistan province", 100), "admin1", "Balochistan", "PK", 28.5, 65.0)
    district = _place(_span("Kech district", 300), "admin2", "Balochistan", "PK", 26.0, 62.9)
    mention = _mention(event, "page", [], (province, district))
    assert mention.place_text == "Kech district" and mention.coordinates == (26.0, 62.9)
    dateline = replace(_place(_span("GOMA", 0), "city", "North Kivu", "CD", -1.68, 29.22), name="Goma")
    assert _mention(replace(_event([]), place=0), "page", [], (dateline,)).place_text == "Goma"  # not in capitals
    # a village its sentence names that the gazetteer lacks keeps its name: the finest the text gives
    village = replace(_event(["Tudun Biri", "Kaduna state"]), place=0)
    state = _place(_span("Kaduna state", 120), "admin1", "Kaduna", "NG", 10.3, 7.7)
    assert _mention(village, "page", [], (state,)).place_text == "Tudun Biri"
