"""Quantities: every number in war news, how sure it is, and what it counts.

The sentences are written for these tests in the style of war reporting; the one test over the
bundled live blog reads what to expect from the analyst's page (read at run time from
the shared examples' *.expected.md).
"""

from __future__ import annotations

import random
import re

import pytest

from tests.conftest import expected_section
from warlog.extract.nlp import get_nlp
from warlog.extract.quantities import extract_quantities
from warlog.schema import QUALIFIERS, Quantity


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def quantities(nlp, text: str, base: int = 0) -> list[Quantity]:
    found = extract_quantities(nlp(text), base=base)
    for quantity in found:
        assert quantity.qualifier in QUALIFIERS
    return found


def find(found: list[Quantity], span_text: str) -> Quantity:
    matches = [q for q in found if q.span.text == span_text]
    assert matches, f"no quantity spelled {span_text!r} in {[q.span.text for q in found]}"
    return matches[0]


# -- values, written in digits or words --------------------------------------------------------

VALUES = [
    # sentence, span, value, unit, counted
    ("The brigade lost 1,250 soldiers in the assault.", "1,250", 1250, "persons", "troops"),
    ("Kyiv said 14,000 reservists had been called up.", "14,000", 14000, "persons", "troops"),
    ("Officials counted 10 000 shells fired at the town.", "10 000", 10000, "shells", "shells fired"),
    ("The regiment received 1.5k drones from volunteers.", "1.5k", 1500, "drones", "drones"),
    ("Some 1.5 million people have fled the region.", "Some 1.5 million", 1.5e6, "persons", "displaced"),
    ("Twenty-five marines were evacuated by boat.", "Twenty-five", 25, "persons", "evacuated"),
    ("Two hundred and fifty civilians sheltered in the metro.", "Two hundred and fifty", 250, "persons",
     "civilians"),
    ("The convoy carried a dozen howitzers.", "a dozen", 12, "howitzers", "howitzers"),
    ("Half a million residents lost power after the strikes.", "Half a million", 5e5, "persons", "people"),
    ("A 4,000-strong contingent crossed the river.", "4,000", 4000, "persons", "troops"),
    ("Militias mobilised a 900-strong battalion of volunteers.", "900", 900, "persons", "troops"),
]


@pytest.mark.parametrize(("sentence", "span", "value", "unit", "counted"), VALUES)
def test_values(nlp, sentence, span, value, unit, counted):
    quantity = find(quantities(nlp, sentence), span)
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit
    assert quantity.counted == counted


# -- qualifiers ------------------------------------------------------------------------------

QUALIFIED = [
    # sentence, span, qualifier, value, low, high
    ("Around 3,000 fighters remain in the town.", "Around 3,000", "approx", 3000, None, None),
    ("About 60 tanks were spotted near the border.", "About 60", "approx", 60, None, None),
    ("Roughly 400 shells hit the city overnight.", "Roughly 400", "approx", 400, None, None),
    ("Approximately 70 vehicles were destroyed.", "Approximately 70", "approx", 70, None, None),
    ("An estimated 15,000 residents were trapped.", "An estimated 15,000", "approx", 15000, None, None),
    ("Some 800 marines landed at dawn.", "Some 800", "approx", 800, None, None),
    ("Nearly 600 prisoners were exchanged.", "Nearly 600", "nearly", 600, None, 600),
    ("Almost 90 missiles were fired overnight.", "Almost 90", "nearly", 90, None, 90),
    ("More than 300 drones were launched in a week.", "More than 300", "more than", 300, 300, None),
    ("Over 4,000 troops crossed into the region.", "Over 4,000", "over", 4000, 4000, None),
    ("At least 17 civilians were killed in the shelling.", "At least 17", "at least", 17, 17, None),
    ("Fewer than 50 soldiers held the bridge.", "Fewer than 50", "at most", 50, None, 50),
    ("Less than 20 boats remain in the fleet.", "Less than 20", "at most", 20, None, 20),
    ("Under 200 police officers guarded the square.", "Under 200", "at most", 200, None, 200),
    ("At most 30 helicopters took part.", "At most 30", "at most", 30, None, 30),
    ("As many as 5,000 mercenaries fought there.", "As many as 5,000", "as many as", 5000, None, 5000),
    ("Up to 40 missiles could be fired at once.", "Up to 40", "up to", 40, None, 40),
    ("Between 30 and 40 soldiers surrendered.", "Between 30 and 40", "range", 30, 30, 40),
    ("Commanders said 20-27 troops were captured in the raid.", "20-27", "range", 20, 20, 27),
    ("The army lost 2,000-3,000 men in the offensive.", "2,000-3,000", "range", 2000, 2000, 3000),
    ("Two or three drones were shot down.", "Two or three", "range", 2, 2, 3),
    ("The city took in 2-3 million refugees.", "2-3 million", "range", 2e6, 2e6, 3e6),
    ("Hamas is holding 40 or more hostages.", "40 or more", "at least", 40, 40, None),
    ("Officials said 2,000-plus troops had arrived.", "2,000-plus", "more than", 2000, 2000, None),
    ("The rebels fielded 40-odd tanks.", "40-odd", "approx", 40, None, None),
    ("Exactly 128 soldiers returned home.", "128", "exact", 128, 128, 128),
]


@pytest.mark.parametrize(("sentence", "span", "qualifier", "value", "low", "high"), QUALIFIED)
def test_qualifiers(nlp, sentence, span, qualifier, value, low, high):
    quantity = find(quantities(nlp, sentence), span)
    assert quantity.qualifier == qualifier
    assert quantity.value == pytest.approx(value)
    assert quantity.low == (pytest.approx(low) if low is not None else None)
    assert quantity.high == (pytest.approx(high) if high is not None else None)


def test_from_to_is_a_change_not_a_range(nlp):
    found = quantities(nlp, "The death toll rose from 12 to 20 overnight.")
    assert [q.value for q in found] == [12, 20]
    assert find(found, "20").counted == "killed"


def test_hand_over_is_not_a_qualifier(nlp):
    quantity = find(quantities(nlp, "Baku agreed to hand over 150 prisoners of war."), "150")
    assert quantity.qualifier == "exact"
    assert quantity.counted == "prisoners"
    assert quantity.counted_span.text == "prisoners of war"


# -- vague words: ACLED's conventions ----------------------------------------------------------

VAGUE = [
    ("Dozens of civilians fled the village.", "Dozens", 12, "at least"),
    ("Tens of soldiers deserted.", "Tens", 10, "at least"),
    ("Hundreds of drones were launched.", "Hundreds", 100, "at least"),
    ("Thousands of troops massed on the border.", "Thousands", 1000, "at least"),
    ("Scores of militants were captured.", "Scores", 20, "at least"),
    ("Tens of thousands of residents were evacuated.", "Tens of thousands", 10000, "at least"),
    ("Hundreds of thousands of people lost heating.", "Hundreds of thousands", 100000, "at least"),
    ("Several hundred volunteers joined the unit.", "Several hundred", 100, "approx"),
    ("Several soldiers were reported missing.", "Several", 10, "approx"),
    ("A few tanks broke through the line.", "A few", 3, "approx"),
    ("A few thousand fighters remain.", "A few thousand", 1000, "approx"),
    ("Nearly a dozen drones were downed.", "Nearly a dozen", 12, "nearly"),
]


@pytest.mark.parametrize(("sentence", "span", "value", "qualifier"), VAGUE)
def test_vague_words(nlp, sentence, span, value, qualifier):
    quantity = find(quantities(nlp, sentence), span)
    assert quantity.value == value
    assert quantity.qualifier == qualifier
    assert quantity.vague is (span != "Nearly a dozen")


def test_many_counts_only_casualties(nlp):
    found = quantities(nlp, "Many were killed in the barrage. Many analysts doubt the figures. As many as 9 died.")
    assert [(q.span.text, q.value, q.counted) for q in found] == [
        ("Many", 10, "killed"), ("As many as 9", 9, "killed"),
    ]
    assert found[0].vague


# -- units and what is counted -----------------------------------------------------------------

UNITS = [
    # sentence, span, unit, counted, counted span
    ("Troops captured 150 square km of farmland.", "150", "km²", "territory", "square km"),
    ("The army seized 35 sq km in a week.", "35", "km²", "territory", "sq km"),
    ("The front moved across 12 square miles of land.", "12", "mi²", "territory", "square miles"),
    ("Russian units advanced 4 km towards the town.", "4", "km", "distance", "km"),
    ("Gunners fired 155mm shells at the bridge.", "155", "mm", "calibre", None),
    ("The crew used 82-mm mortars.", "82", "mm", "calibre", "mm"),
    ("Turnout fell to 45% in the occupied areas.", "45%", "%", None, None),
    ("Prices rose 12 per cent after the blockade.", "12", "%", None, None),
    ("Washington approved $61bn in military aid.", "$61bn", "USD", None, None),
    ("Brussels pledged €300m for air defence.", "€300m", "EUR", None, None),
    ("The siege lasted more than five months.", "more than five", "months", "duration", "months"),
    ("A 14-year-old girl was among the wounded.", "14", "years", "age", "year"),
    ("A missile hit a nine-storey block.", "nine", "storeys", "storeys", "storey"),
    ("The militia claimed it had overrun five more villages.", "five", "villages", "villages", "villages"),
    ("Air defences shot down 31 of 40 drones overnight.", "40", "drones", "drones", "drones"),
    ("The air force said it had launched 120 missiles at military targets.", "120", "missiles",
     "missiles launched", "missiles"),
    ("Sappers cleared 40 buildings in the suburb.", "40", "buildings", "buildings", "buildings"),
    ("Colombo sent 400 Sri Lankans to the front.", "400", "persons", "sri lankans", "Sri Lankans"),
    ("The visiting team comprised 60 officers and four generals.", "four", "persons", "generals", "generals"),
]


@pytest.mark.parametrize(("sentence", "span", "unit", "counted", "counted_span"), UNITS)
def test_units_and_counted(nlp, sentence, span, unit, counted, counted_span):
    quantity = find(quantities(nlp, sentence), span)
    assert quantity.unit == unit
    assert quantity.counted == counted
    if counted_span is not None:
        assert quantity.counted_span is not None and quantity.counted_span.text == counted_span


def test_conversion_in_brackets_keeps_the_qualifier(nlp):
    found = quantities(nlp, "The army captured almost 120 square km (46 square miles) of territory.")
    assert [(q.value, q.unit, q.qualifier, q.counted) for q in found] == [
        (120, "km²", "nearly", "territory"), (46, "mi²", "nearly", "territory"),
    ]


def test_elided_noun_carries_over_in_the_sentence(nlp):
    found = quantities(nlp, "Kyiv said it had offered 600 captives but Moscow accepted only 150.")
    assert find(found, "150").counted == "prisoners"
    assert find(found, "150").unit == "persons"


# -- casualties ------------------------------------------------------------------------------

CASUALTIES = [
    # sentence, span, value, qualifier, counted
    ("A rocket hit a market in Kherson, killing four people.", "four", 4, "exact", "killed"),
    ("Shelling hit a bus station and injured seven.", "seven", 7, "exact", "injured"),
    ("Regional officials said six people had been injured.", "six", 6, "exact", "injured"),
    ("One soldier died and at least 25 others were wounded.", "at least 25", 25, "at least", "injured"),
    ("One soldier died and at least 25 others were wounded.", "One", 1, "exact", "killed"),
    ("Debris fell on a kindergarten, wounding a teacher.", "a", 1, "exact", "injured"),
    ("A border guard was killed near the checkpoint.", "A", 1, "exact", "killed"),
    ("Two killed and 14 injured in Odesa drone strike", "14", 14, "exact", "injured"),
    ("Eleven people were killed and 30 wounded.", "Eleven", 11, "exact", "killed"),
    ("The strike killed 14 and wounded 37.", "37", 37, "exact", "injured"),
    ("Five dead after a glide bomb hit Zaporizhzhia.", "Five", 5, "exact", "killed"),
    ("Three medics were among the injured.", "Three", 3, "exact", "injured"),
    ("Dozens of soldiers have died in the assaults.", "Dozens", 12, "at least", "killed"),
    ("The death toll has risen to 57.", "57", 57, "exact", "killed"),
    ("A shell injured at least one person in the village, police said.", "at least one", 1, "at least", "injured"),
    # an organisation's name with its acronym between the number and the people counted
    ("A strike on Friday killed six Norwegian Refugee Council (NRC) aid workers near Kherson.", "six", 6, "exact",
     "killed"),
    ("Shelling wounded three Doctors Without Borders staff in the city.", "three", 3, "exact", "injured"),
    # an article before an age still counts one person
    ("A drone struck a car near the village, killing a 61-year-old man, the governor said.", "a", 1, "exact",
     "killed"),
]


@pytest.mark.parametrize(("sentence", "span", "value", "qualifier", "counted"), CASUALTIES)
def test_casualties(nlp, sentence, span, value, qualifier, counted):
    quantity = find(quantities(nlp, sentence), span)
    assert quantity.value == value
    assert quantity.qualifier == qualifier
    assert quantity.counted == counted
    assert quantity.unit == "persons"


def test_a_casualty_keeps_its_noun(nlp):
    quantity = find(quantities(nlp, "Debris fell on a kindergarten, wounding a teacher."), "a")
    assert quantity.counted_span.text == "teacher"


def test_agents_are_not_casualties(nlp):
    quantity = find(quantities(nlp, "About 200 commandos stormed the base, killing 12 guards."), "About 200")
    assert quantity.counted == "commandos"
    assert find(quantities(nlp, "About 200 commandos stormed the base, killing 12 guards."), "12").counted == "killed"


# -- parts of a whole ------------------------------------------------------------------------

def test_more_than_half_of_them(nlp):
    found = quantities(nlp, "Minsk has moved 6,000 troops to the border and more than half of them are near Brest.")
    whole, part = find(found, "6,000"), find(found, "more than half")
    assert part.value == 0.5 and part.qualifier == "more than" and part.unit == "fraction"
    assert part.low == 0.5 and part.high is None
    assert found[part.fraction_of] is whole
    assert part.counted == "troops"


def test_two_thirds_of_the_troops(nlp):
    found = quantities(nlp, "The corps fielded 9,000 soldiers and 300 tanks; two-thirds of the troops were conscripts.")
    part = find(found, "two-thirds")
    assert part.value == pytest.approx(2 / 3) and part.qualifier == "fraction"
    assert found[part.fraction_of].value == 9000
    assert part.counted == "troops"


def test_fraction_of_a_figure_inside_the_phrase(nlp):
    found = quantities(nlp, "Nearly a third of the 1,200 recruits had no training.")
    part = find(found, "Nearly a third")
    assert part.qualifier == "nearly" and part.value == pytest.approx(1 / 3)
    assert found[part.fraction_of].value == 1200


def test_percent_of_them(nlp):
    found = quantities(nlp, "Ukraine returned 250 prisoners; 40% of them were wounded.")
    part = find(found, "40%")
    assert part.unit == "%" and part.value == 40
    assert found[part.fraction_of].value == 250


def test_one_in_five(nlp):
    quantity = find(quantities(nlp, "One in five civilians in the city has fled."), "One in five")
    assert quantity.value == pytest.approx(0.2) and quantity.unit == "fraction" and quantity.counted == "civilians"


def test_half_without_a_figure(nlp):
    quantity = find(quantities(nlp, "Half the city was without water."), "Half")
    assert quantity.value == 0.5 and quantity.unit == "fraction" and quantity.fraction_of is None


# -- what is not a count ---------------------------------------------------------------------

NON_COUNTS = [
    "The countries have not fought each other since 1953.",
    "Troops entered the town in 2014.",
    "The offensive began in February 2022.",
    "Heavy fighting was reported on 14-18 March.",
    "Heavy fighting was reported on 14 and 15 March.",
    "The talks resumed on August 9.",
    "Sirens sounded at 5pm and again at 11 p.m.",
    "The meeting was set for 17:30.",
    "Kharkiv is the country's second largest city.",
    "It was the first time troops had crossed the river.",
    "The regiment used S-300 launchers and AK-74 rifles.",
    "A Su-25 jet and a Kh-59 missile were seen.",
    "Allies invoked Article 5 of the treaty.",
    "It was one of the most intense bombardments of the war.",
    "No one was hurt in the blast.",
    "Soldiers helped one another across the river.",
    "The 47th Brigade held its ground.",
    "Veterans of the 1990s wars joined.",
]


@pytest.mark.parametrize("sentence", NON_COUNTS)
def test_not_counts(nlp, sentence):
    assert quantities(nlp, sentence) == []


def test_one_with_a_count_noun_is_a_count(nlp):
    found = quantities(nlp, "One of the pilots was killed and one civilian was wounded.")
    assert [(q.span.text, q.value, q.counted) for q in found] == [("One", 1, "killed"), ("one", 1, "injured")]


def test_counts_next_to_non_counts(nlp):
    found = quantities(nlp, "On 3 May 2023 at 6am, 2000 troops and 40 S-300 missiles were moved 15 km.")
    assert [(q.value, q.unit) for q in found] == [(2000, "persons"), (40, "missiles"), (15, "km")]


# -- odd forms -------------------------------------------------------------------------------

def test_odd_forms(nlp):
    found = quantities(nlp, "Figures: 1.5k, 10 000, a 12,000-strong force, 1,2,3 and 10\u00a0000 people.")
    assert [(q.span.text, q.value) for q in found] == [
        ("1.5k", 1500), ("10 000", 10000), ("12,000", 12000), ("1", 1), ("2", 2), ("3", 3),
        ("10\u00a0000", 10000),
    ]
    assert find(found, "12,000").counted == "troops"


def test_all_caps(nlp):
    found = quantities(nlp, "RUSSIA HAS MOVED NEARLY 9,000 TROOPS, INCLUDING 400 OFFICERS AND TWO GENERALS.")
    assert [(q.value, q.qualifier, q.counted) for q in found] == [
        (9000, "nearly", "troops"), (400, "exact", "officers"), (2, "exact", "generals"),
    ]


def test_numbers_with_no_sentences(nlp):
    found = quantities(nlp, "10 20 30 1,000 two")
    assert [q.value for q in found] == [10, 20, 30, 1000, 2]
    assert quantities(nlp, "") == []
    assert quantities(nlp, "   \n\n  ") == []


def test_tokenizer_only_doc(nlp):
    """Without a parse the adjacency rules still read qualifiers, units and casualties."""
    doc = nlp.make_doc("Nearly 700 troops crossed; four people were killed and 12 injured, killing two.")
    found = extract_quantities(doc)
    assert [(q.value, q.qualifier, q.counted) for q in found] == [
        (700, "nearly", "troops"), (4, "exact", "killed"), (12, "exact", "injured"), (2, "exact", "killed"),
    ]


def test_a_100000_word_line(nlp):
    words = ("Overnight Russia launched 1,200 drones and nearly 40 missiles as troops advanced " * 9000).split()
    text = " ".join(words[:100_000])
    found = extract_quantities(nlp.make_doc(text))
    assert len(found) > 15_000
    assert all(text[q.span.start:q.span.end] == q.span.text for q in found[-50:])


def test_scrambled_number_words_never_break_spans(nlp):
    """Random runs of number-ish pieces: no crash, and every span is the text at its offsets."""
    rng = random.Random(7)
    pieces = ["1", "1,2", "1,5", "10", "000", "\u00a0", "-", "–", "k", "m", "bn", "million", "a", "half", "third",
              "of", "them", "and", "or", "to", "between", "%", "$", "one", "dozen", "dozens", "tens", "thousands",
              "several", "few", "many", "as", "more", "than", "at", "least", "killed", "troops", "(", ")", ".",
              "October", "2022", "S-400", "sq", "km", "pm", "strong", "odd", "+", "12,000", "1.5k", "HALF", "\n"]
    for _ in range(150):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 20)))
        for doc in (nlp(text), nlp.make_doc(text)):
            for quantity in extract_quantities(doc, base=5):
                assert text[quantity.span.start - 5:quantity.span.end - 5] == quantity.span.text
                assert quantity.value is not None and quantity.qualifier in QUALIFIERS


# -- spans -----------------------------------------------------------------------------------

def test_spans_use_document_offsets(nlp):
    document = (
        "Kyiv, Monday. Officials said more than 3,000 drones were launched in March.\n"
        "A guided bomb hit a school, killing nine people and injuring a nurse; about 1.5k residents fled."
    )
    base = document.index("A guided")
    piece = document[base:]
    found = extract_quantities(nlp(piece), base=base, post_index=4)
    assert [q.span.text for q in found] == ["nine", "a", "about 1.5k"]
    for quantity in found:
        assert document[quantity.span.start:quantity.span.end] == quantity.span.text
        assert quantity.post_index == 4
        if quantity.counted_span is not None:
            span = quantity.counted_span
            assert document[span.start:span.end] == span.text


# -- the bundled live blog against the analyst's ledger ----------------------------------------

def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _unit_for(subject: str) -> str | None:
    """The unit an analyst's subject implies, from its first telling word ("people injured in … drone attack")."""
    units = {"drones": "drones", "territory": "km²", "troops": "persons", "pows": "persons",
             "prisoners": "persons", "people": "persons"}
    for word in subject.lower().split():
        if word in units:
            return units[word]
    return None


def _ledger_expectations(markdown: str) -> list[dict]:
    """(value, qualifier, unit, counted, fraction-of) for each figure in the claims-ledger table,
    plus the killed/injured figures of the events table."""
    wanted: list[dict] = []
    rows = [line for line in expected_section(markdown, "Claims ledger").splitlines() if line.startswith("|")]
    for row in rows[2:]:
        subject, figure, qualifier, source = (cell.strip() for cell in row.strip("|").split("|"))
        qualifiers = [q.strip() for q in qualifier.split("/")]
        unit = _unit_for(subject)
        half = re.search(r"half of ([\d,]+)", figure)
        if half:
            wanted.append({"value": 0.5, "qualifier": qualifiers[0], "unit": "fraction", "of": _number(half.group(1))})
            continue
        for k, part in enumerate(figure.split(" vs ")):
            numbers = re.findall(r"\d[\d,]*(?:\.\d+)?", part)
            item_qualifier = qualifiers[min(k, len(qualifiers) - 1)]
            wanted.append({"value": _number(numbers[0]), "qualifier": item_qualifier, "unit": unit})
            if "sq mi" in part and len(numbers) > 1:
                wanted.append({"value": _number(numbers[1]), "qualifier": item_qualifier, "unit": "mi²"})
        for count, noun in re.findall(r"(\d+) (officers|generals)", source):
            wanted.append({"value": _number(count), "qualifier": "—", "unit": "persons", "counted": noun})
    events = expected_section(markdown, "Events")
    for row in (line for line in events.splitlines() if line.startswith("|")):
        casualties = row.strip("|").split("|")[-1]
        for counted, least, count in re.findall(r"(killed|injured) (at least )?(\d+)", casualties):
            wanted.append({"value": _number(count), "qualifier": "at least" if least else "—",
                           "unit": "persons", "counted": counted})
    for item in wanted:
        item["qualifier"] = "exact" if item["qualifier"] in ("—", "-", "") else item["qualifier"]
    return wanted


def _matches(found: list[Quantity], item: dict) -> bool:
    for quantity in found:
        if quantity.value != pytest.approx(item["value"]) or quantity.qualifier != item["qualifier"]:
            continue
        if item.get("unit") and quantity.unit != item["unit"]:
            continue
        if item.get("counted") and quantity.counted != item["counted"]:
            continue
        if "of" in item and (quantity.fraction_of is None or found[quantity.fraction_of].value != item["of"]):
            continue
        return True
    return False


def test_example_page_ledger_figures(nlp, example_path, expected_text):
    text = example_path.read_text(encoding="utf-8")
    found = extract_quantities(nlp(text))
    wanted = _ledger_expectations(expected_text)
    assert len(wanted) >= 15  # the table was read: ledger rows, the HUR breakdown, the casualties
    missing = [item for item in wanted if not _matches(found, item)]
    assert not missing, missing
    for quantity in found:
        assert text[quantity.span.start:quantity.span.end] == quantity.span.text
    spelled = {q.span.text for q in found}
    assert not spelled & {"1945", "2022", "20-27", "400", "12", "one"}


@pytest.mark.parametrize("sentence,span,counted", [
    # a verb of violence whose result is death
    ("Witnesses said four miners were shot dead at the gate of the mine.", "four", "killed"),
    ("Gunmen beat three farmers to death near the river, the mayor said.", "three", "killed"),
    # a long name with its acronym between the number and the people it counts
    ("An air strike late on Monday, May 5, killed seven Mercy Relief Corps (MRC) aid workers on the road.", "seven",
     "killed"),
    # verbs joined to the one whose subject the people are: the killing is told by the second
    ("Police said five guards were shot and killed at the depot gate.", "five", "killed"),
    ("The villagers said eleven herders were kidnapped and killed last week.", "eleven", "killed"),
    ("Two medics were wounded and later died of their injuries, the clinic said.", "Two", "killed"),
    # people brought to care for their wounds are the injured
    ("At least nine marchers were taken to hospital with gunshot wounds, medics said.", "At least nine", "injured"),
    ("Fourteen workers were treated for burns after the depot fire, the clinic said.", "Fourteen", "injured"),
    ("Six pupils were taken to hospital on Monday, the school said.", "Six", "pupils"),
    # the armies' euphemism
    ("The general staff said 18 insurgents had been neutralized in the hills.", "18", "killed"),
    # the part of a toll is counted as the toll
    ("The death toll included nine schoolchildren, rescuers said.", "nine", "killed"),
    ("Shelling killed 23 people, including seven women, in the market.", "seven", "killed"),
    # people who flee are displaced
    ("Some 4,000 residents fled the district after the assault.", "Some 4,000", "displaced"),
])
def test_how_casualties_and_flight_are_told(nlp, sentence, span, counted):
    assert find(quantities(nlp, sentence), span).counted == counted


def test_a_part_of_a_count_that_is_no_casualty_is_not_one(nlp):
    found = quantities(nlp, "The convoy carried 40 passengers, including six children, to the border.")
    assert find(found, "six").counted != "killed"
    # only the living are killed or wounded: seized things stay things
    found = quantities(nlp, "Rebels seized nine trucks and killed two drivers near the depot.")
    assert find(found, "nine").unit != "persons" and find(found, "two").counted == "killed"
    # a joined verb with people of its own does not count the first verb's
    found = quantities(nlp, "Soldiers detained 14 suspects and killed three gunmen in the raid.")
    assert find(found, "14").counted == "detained" and find(found, "three").counted == "killed"


def test_a_vague_number_in_quotes_keeps_the_verb_that_counts_it(nlp):
    found = quantities(nlp, 'Rebels said they had killed "dozens of government soldiers" near the dam.')
    assert find(found, "dozens").counted == "killed"
    found = quantities(nlp, "A drone strike on the base destroyed three bombers, the air force said.")
    assert find(found, "three").counted == "bombers destroyed"


def test_people_forced_to_flee_are_displaced(nlp):
    found = quantities(nlp, "Heavy shelling forced some 2,500 villagers to flee towards the border, the UN said.")
    assert find(found, "some 2,500").counted == "displaced"


@pytest.mark.parametrize("sentence, span", [
    ("The landmine explosion claimed the lives of at least 14 herders.", "at least 14"),
    ("The bombing took 14 lives on Tuesday.", "14"),
    ("The fighting cost the lives of three soldiers.", "three"),
])
def test_lives_claimed_taken_or_cost_are_deaths(nlp, sentence, span):
    (found,) = [q for q in quantities(nlp, sentence) if q.span.text == span]
    assert found.counted == "killed"


def test_lives_of_people_are_no_deaths_without_a_verb_of_taking(nlp):
    assert all(q.counted != "killed" for q in quantities(nlp, "The film follows the lives of 14 families."))


def test_victims_after_killed_are_killed_when_the_parser_runs_them_into_the_speakers(nlp):
    # a victim list followed by "X and Y said": the small model makes the victims the subject of "said"
    found = quantities(nlp, "A drone strike on a clinic in the hills killed at least 17 people, including three "
                            "nurses, a rebel group and local residents said on Monday.")
    assert [(q.span.text, q.counted) for q in found][0] == ("at least 17", "killed")


def test_victims_a_participle_describes_after_a_toll_verb_are_killed(nlp):
    found = quantities(nlp, "Air strikes killed at least 14 people sheltering in a school in the north of the city, "
                            "medics said.")
    assert find(found, "at least 14").counted == "killed"


@pytest.mark.parametrize(("text", "counted"), [
    ("The minister later put the number of injured at 52, including six children.", "injured"),
    ("The number of injured rose to 52 on Saturday.", "injured"),
    ("Officials put the number of dead at 52.", "killed"),
])
def test_the_number_of_the_injured_or_dead_counts_them(nlp, text, counted):
    assert find(quantities(nlp, text), "52").counted == counted


def test_the_dead_told_as_martyred_or_gunned_down_are_killed(nlp):
    found = quantities(nlp, "Four soldiers were martyred and three militants were gunned down in the gunfight.")
    assert find(found, "Four").counted == "killed" and find(found, "three").counted == "killed"


def test_the_wounded_who_died_are_counted_as_dead(nlp):
    found = quantities(nlp, "Three of the injured died in hospital overnight, the health office said.")
    assert find(found, "Three").counted == "killed"


@pytest.mark.parametrize(("text", "figure"), [
    ("The clinic said 19 wounded people had been brought in from the market by evening.", "19"),
    ("At least six other villagers sustained gunshot wounds and were taken to Dori.", "At least six"),
    ("Four guards suffered serious burns in the blast.", "Four"),
])
def test_people_told_as_wounded_or_bearing_wounds_are_injured(nlp, text, figure):
    assert find(quantities(nlp, text), figure).counted == "injured"
