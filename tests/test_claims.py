"""Attributed claims: who said what, with every field pointing back at its span.

The sentences are written for these tests in the style of war reporting; the example page test reads
the speakers an analyst lists from the shared examples' *.expected.md instead of restating them.
"""

from __future__ import annotations

import json
import re

import pytest
from spacy.tokens import Doc

from tests.conftest import EXAMPLE, expected_markdown
from warlog.evaluate.attribution import (
    SpanSet,
    evaluate_attribution,
    load_polnear,
    match,
    parse_ann,
    score_documents,
    words,
)
from warlog.extract.claims import extract_claims, find_attributions
from warlog.extract.mentions import extract_mentions
from warlog.extract.nlp import get_nlp
from warlog.schema import Claim

PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "who", "which", "i", "we", "you"}


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


@pytest.fixture(scope="module")
def claims_of(nlp):
    def run(text: str, base: int = 0, headline: bool = False) -> list[Claim]:
        found = extract_claims(nlp(text), base=base, post_index=3, headline=headline)
        for claim in found:
            _check_spans(text, base, claim)
        return found

    return run


def _check_spans(text: str, base: int, claim: Claim) -> None:
    for span in (claim.content, claim.speaker, claim.cue):
        if span is not None:
            assert text[span.start - base:span.end - base] == span.text
    assert claim.speaker_text is None or claim.speaker_text.lower() not in PRONOUNS
    assert claim.time is None and claim.quantities == []


def _one(claims: list[Claim], cue: str) -> Claim:
    matching = [c for c in claims if c.cue is not None and c.cue.text == cue]
    assert len(matching) == 1, [(c.cue.text if c.cue else None, c.content.text) for c in claims]
    return matching[0]


# -- direct quotes ---------------------------------------------------------------------------------


def test_quote_then_attribution(claims_of):
    claims = claims_of('"We will not give up a single metre of our land," Hennadiy Petrenko said.')
    claim = _one(claims, "said")
    assert claim.content.text == "We will not give up a single metre of our land"
    assert claim.speaker_text == "Hennadiy Petrenko" and claim.speaker.text == "Hennadiy Petrenko"
    assert claim.direct and claim.speaker_label == "PERSON" and claim.stance == "assert"
    assert claim.post_index == 3


def test_attribution_then_quote_after_colon(claims_of):
    claims = claims_of('Defence minister Rustem Umerov said: "The front line is holding."')
    claim = _one(claims, "said")
    assert claim.content.text == "The front line is holding."
    assert claim.speaker_text == "Rustem Umerov"
    assert claim.role == "Defence minister" and claim.direct


def test_curly_quotes_work_like_straight_ones(claims_of):
    straight = claims_of('"The road to the port is cut," the commander said.')
    curly = claims_of("\u201cThe road to the port is cut,\u201d the commander said.")
    assert [(c.content.text, c.speaker_text, c.direct) for c in straight] == [
        (c.content.text, c.speaker_text, c.direct) for c in curly]
    assert curly[0].content.text == "The road to the port is cut"


def test_quote_continued_after_the_attribution(claims_of):
    text = ('Oksana Melnyk works as a nurse in the village. "The shelling started at dawn," she said. '
            '"By noon, three houses were on fire."')
    claims = claims_of(text)
    quoted = [c for c in claims if c.direct]
    assert [c.content.text for c in quoted] == ["The shelling started at dawn", "By noon, three houses were on fire."]
    assert {c.speaker_text for c in quoted} == {"Oksana Melnyk"}
    assert quoted[0].cue == quoted[1].cue


def test_quote_signed_with_a_dash_and_a_name(claims_of):
    text = ("What residents told us\n"
            "\u201cWe lost everything in one night. Nobody came for two days.\u201d \u2015 Olena Kovalenko\n"
            '"The shelling never stops here."\u2014 Petro Ivanenko.\n'
            'The town was quiet "for now" - the governor said.')
    claims = claims_of(text)
    signed = {c.speaker_text: c for c in claims if c.cue.text in ("\u2015", "\u2014")}
    assert set(signed) == {"Olena Kovalenko", "Petro Ivanenko"}
    assert signed["Olena Kovalenko"].content.text == "We lost everything in one night. Nobody came for two days."
    assert signed["Petro Ivanenko"].direct and signed["Petro Ivanenko"].content.text == "The shelling never stops here."
    # a dash in running prose, or one followed by more than a name, signs nothing
    assert claims_of('"We will stay," she said - and then the sirens started again.')[0].cue.text == "said"
    assert not claims_of('"Nothing is left of the school." \u2014 a line repeated by every teacher in town')


def test_attribution_closing_its_line_with_a_colon_takes_the_next_paragraph(claims_of):
    text = ('Colonel Andriy Marchenko spoke to the brigade on Sunday. Marchenko added:\n\n'
            '"We will hold this line whatever it costs. Nobody retreats."\n\nThe visit lasted an hour.')
    claim = _one(claims_of(text), "added")
    assert claim.content.text == "We will hold this line whatever it costs. Nobody retreats."
    assert claim.direct and claim.speaker_text == "Andriy Marchenko"
    text = "The regional governor wrote on Telegram:\nThe bridge is closed to all traffic.\nOther news follows."
    claim = _one(claims_of(text), "wrote")
    assert claim.content.text == "The bridge is closed to all traffic" and not claim.direct


def test_a_quote_with_an_attribution_of_its_own_is_no_continuation(claims_of):
    text = ('"We will rebuild the school before winter," the mayor said. "Reckless and slow" decisions by the '
            'ministry delayed the work, his deputy said.')
    claims = claims_of(text)
    assert [(c.speaker_text, c.content.text) for c in claims] == [
        ("the mayor", "We will rebuild the school before winter"),
        ("his deputy", '"Reckless and slow" decisions by the ministry delayed the work')]


def test_scare_quotes_stay_inside_reported_speech(claims_of):
    claims = claims_of('The governor said on Friday that the enemy had "run out of ideas" in the south.')
    claim = _one(claims, "said")
    assert claim.content.text == 'the enemy had "run out of ideas" in the south'
    assert not claim.direct


# -- reported speech -------------------------------------------------------------------------------


def test_said_that(claims_of):
    claim = _one(claims_of("The regional governor, Oleh Kiper, said that two drones were shot down over the port."),
                 "said")
    assert claim.content.text == "two drones were shot down over the port"
    assert claim.speaker_text == "Oleh Kiper" and claim.role == "regional governor"


def test_said_with_a_bare_complement_and_content_first(claims_of):
    claim = _one(claims_of("Poland's foreign minister said the border would remain closed."), "said")
    assert claim.content.text == "the border would remain closed"
    assert claim.speaker_text == "Poland's foreign minister" and not claim.anonymous
    assert claim.role == "foreign minister" and claim.affiliation == "Poland"
    first = _one(claims_of("Two bridges over the river were destroyed overnight, the army's general staff said."),
                 "said")
    assert first.content.text == "Two bridges over the river were destroyed overnight"
    assert first.speaker_text == "the army's general staff" and first.speaker_label == "ORG"


def test_interrupting_attribution_keeps_a_content_with_a_nested_quote(claims_of):
    text = ('During the first winter of the war, the mayor said, most residents came to believe "that the city '
            'would never fall, whatever happened."')
    said = [c for c in claims_of(text) if c.cue.text == "said"]
    assert [c.content.text for c in said] == [
        "During the first winter of the war",
        'most residents came to believe "that the city would never fall, whatever happened."']
    assert {c.speaker_text for c in said} == {"the mayor"}


def test_an_opening_adjunct_is_no_content(claims_of):
    # content first ("..., X said") must be a clause, not an adverbial that opens the sentence
    assert not claims_of("Through a spokesman, the commander declined to comment.")
    claims = claims_of("In 2014, the court blocked the sale of the plant, citing a threat to public safety.")
    assert [c.content.text for c in claims] == ["a threat to public safety"]


def test_according_to(claims_of):
    claim = _one(claims_of("Three civilians were killed in the strike, according to local authorities."),
                 "according to")
    assert claim.content.text == "Three civilians were killed in the strike"
    assert claim.speaker_text == "local authorities"


def test_according_to_when_the_parser_swallows_the_sentence_into_the_source(nlp):
    # "reeks" read as a noun in apposition to the source: the sentence-initial phrase still ends at its comma
    found = find_attributions(nlp("According to veteran war correspondent Yuri Butusov, the move reeks of panic "
                                  "and desperation."))
    assert [(a.source.text, a.claim.speaker_text, a.claim.content.text) for a in found] == [
        ("veteran war correspondent Yuri Butusov", "Yuri Butusov", "the move reeks of panic and desperation")]


def test_as_x_put_it_and_as_x_pointed_out(claims_of):
    claims = claims_of("The strikes, as the governor put it, were a message to the West.")
    assert [(c.cue.text, c.speaker_text, c.content.text) for c in claims] == [
        ("put it", "the governor", "The strikes"), ("put it", "the governor", "were a message to the West")]
    claim = _one(claims_of("As several analysts have pointed out, the offensive has stalled."), "have pointed out")
    assert claim.content.text == "the offensive has stalled" and claim.anonymous
    # "as" of time or of comparison is no attribution
    assert not claims_of("He arrived as the sirens sounded over the city.")
    assert not claims_of("The reservists may not be as poorly trained as their critics believe.")


def test_passive_with_its_source(claims_of):
    claim = _one(claims_of("The strike on the fuel depot was first reported by Ukrainska Pravda."),
                 "was first reported")
    assert (claim.speaker_text, claim.content.text) == ("Ukrainska Pravda", "The strike on the fuel depot")
    claim = _one(claims_of("The ceasefire proposal was rejected by Moscow on Tuesday."), "was rejected")
    assert (claim.speaker_text, claim.content.text, claim.stance) == ("Moscow", "The ceasefire proposal", "deny")
    assert not claims_of("The village was shelled by Russian forces overnight.")


def test_told_an_audience_that_parsed_as_a_relative_clause(claims_of):
    claim = _one(claims_of("The general told a gathering of reserve officers that the front would hold through "
                           "the winter."), "told")
    assert claim.content.text == "the front would hold through the winter"
    # a real relative clause on the addressee is no message
    claims = claims_of("She told the soldiers that had fought at Bakhmut to rest.")
    assert not [c for c in claims if c.content.text.startswith("had fought")]


def test_told_reuters_is_an_intermediary(claims_of):
    claim = _one(claims_of("A senior NATO official told Reuters that the alliance was preparing new air defence "
                           "deliveries."), "told")
    assert claim.content.text == "the alliance was preparing new air defence deliveries"
    assert claim.intermediary == "Reuters"
    assert claim.anonymous and claim.speaker_label == "ANON"
    assert claim.speaker_text == "A senior NATO official"


def test_an_agency_quoting_someone_as_saying_relays_the_claim(claims_of):
    claims = claims_of("The monitoring group quoted a militia leader as saying that his men had burned the "
                       "customs post.")
    claim = _one(claims, "saying")
    assert claim.speaker_text == "a militia leader" and claim.intermediary == "The monitoring group"
    assert claim.content.text == "his men had burned the customs post"
    assert not [c for c in claims if c.cue is not None and c.cue.text == "quoted"]
    # and with the quote after a colon: one claim, the one quoted
    claims = claims_of('The radio station quoted the district chief as saying: "We buried eleven people today."')
    assert [(c.speaker_text, c.cue.text) for c in claims] == [("the district chief", "saying")]


def test_content_first_with_the_speaker_after_a_cue_joined_to_its_verb(claims_of):
    # the parser joins "said" to the content's verb; its subject, a member of a group, follows it
    claim = _one(claims_of("Militiamen set fire to the granary before dawn, said one of the farmers who saw it."),
                 "said")
    assert claim.content.text == "Militiamen set fire to the granary before dawn"
    assert claim.speaker_text is not None and "farmers" in claim.speaker_text


@pytest.mark.parametrize("sentence,cue,speaker,content", [
    # a source giving a toll
    ("A local rights group gave a preliminary toll of 41 on Thursday.", "gave", "A local rights group",
     "a preliminary toll of 41"),
    ("The observatory put the toll at more than 70 fighters.", "put", "The observatory",
     "the toll at more than 70 fighters"),
    ("Separatists accused the army of the raid, giving a toll of 15 civilians.", "giving", "Separatists",
     "a toll of 15 civilians"),
    # the body behind issued figures, findings or statements
    ("Early figures from the provincial health office show 16 dead.", "show", "the provincial health office", None),
    ("Preliminary findings by the national police confirm 11 deaths.", "confirm", "the national police", None),
    ("According to figures released by the coast guard, 140 migrants were rescued.", "According to",
     "the coast guard", None),
    ("A statement from the rebels said 16 guards were taken prisoner.", "said", "the rebels", None),
    # ... but a report seen by an agency is the report's, and a statement with no issuer stays one
    ("An army memo seen by the newspaper said 9 pilots had resigned.", "said", "An army memo", None),
    ("A statement said 16 guards were taken prisoner.", "said", "A statement", None),
    # a title that owns a body is part of its name
    ("The Prosecutor's Office said that four suspects were in custody.", "said", "Prosecutor's Office", None),
])
def test_who_gives_a_figure(claims_of, sentence, cue, speaker, content):
    claim = _one(claims_of(sentence), cue)
    assert claim.speaker_text == speaker
    assert content is None or claim.content.text == content


def test_putting_things_somewhere_is_no_toll_and_a_toll_needs_a_figure(claims_of):
    assert not claims_of("Guards put the detainees on four buses to the border.")
    assert not claims_of("The ministry gave the number of a hotline for relatives.")


def test_said_in_a_statement_that_parsed_as_a_clause_on_the_statement(claims_of):
    claim = _one(claims_of("The border guard said in a statement that 27 drones had been shot down overnight."), "said")
    assert claim.content.text == "27 drones had been shot down overnight"
    assert claim.speaker_text == "The border guard"


def test_a_closing_mark_of_a_quote_carried_over_opens_no_quote(claims_of):
    text = ('The mayor said: "Two schools were hit by the shelling.\n'
            'Nine pupils were taken to hospital," she said. The police said that four suspects were held.')
    claims = claims_of(text)
    police = [c for c in claims if c.speaker_text == "The police"]
    assert len(police) == 1 and police[0].content.text == "four suspects were held"
    assert not any("police" in c.content.text for c in claims)


def test_a_local_official_belongs_to_a_place_not_to_a_side_named_by_its_adjective(claims_of):
    claim = _one(claims_of("A warehouse in the Bryansk region burned down after an overnight Ukrainian drone strike, "
                           "the regional governor said."), "said")
    assert claim.affiliation == "Bryansk"


def test_an_aside_closing_its_sentence_vouches_for_all_of_it(claims_of):
    claim = _one(claims_of("The fight ended with three raiders dead and two taken alive, as confirmed by an army "
                           "officer in the town."), "confirmed")
    assert claim.content.text == "The fight ended with three raiders dead and two taken alive"
    assert claim.speaker_text == "an army officer"


def test_a_toll_raised_from_a_figure_is_the_speakers_word_on_both(claims_of):
    claim = _one(claims_of("\"Over 30 villagers died,\" the district commissioner told reporters, raising the "
                           "earlier toll from nine."), "raising")
    assert claim.speaker_text == "the district commissioner" and claim.content.text == "the earlier toll from nine"


def test_citing_a_source_is_no_claim_of_its_own(claims_of):
    claims = claims_of("The wire service reported, citing a district official, that 23 people had drowned when "
                       "the ferry capsized.")
    claim = _one(claims, "reported")
    assert claim.speaker_text == "The wire service"
    assert claim.content.text == "23 people had drowned when the ferry capsized"
    assert len(claims) == 1
    # a reason cited is what the speaker says
    claim = _one(claims_of("The council postponed the count, citing fears that 12 polling stations were unsafe."),
                 "citing")
    assert claim.content.text == "fears that 12 polling stations were unsafe"


def test_an_unsigned_statement_is_the_speakers_told_just_before(claims_of):
    claims = claims_of("The navy said 80 drones were launched at the port overnight. Gunners destroyed 71 of them "
                       "over the sea, a statement said.")
    assert [c.speaker_text for c in claims] == ["The navy", "The navy"]
    assert claims[1].content.text == "Gunners destroyed 71 of them over the sea"


def test_a_speaker_named_by_acronym_takes_the_name_spelled_out_for_it(claims_of):
    claims = claims_of("The Norwegian Refugee Council (NRC) runs two camps near the town. NRC said 4,000 people "
                       "arrived this week.")
    claim = [c for c in claims if "4,000" in c.content.text][0]
    assert claim.speaker_text == "Norwegian Refugee Council"
    claim = _one(claims_of("NATO said five jets were scrambled."), "said")
    assert claim.speaker_text == "NATO"


def test_wrote_on_telegram_with_a_colon(claims_of):
    claim = _one(claims_of("The mayor of Odesa wrote on Telegram: power has been restored to most districts."),
                 "wrote")
    assert claim.content.text == "power has been restored to most districts"
    assert claim.channel == "Telegram" and not claim.direct


def test_reported_and_confirmed(claims_of):
    reported = _one(claims_of("The defence ministry reported that air defences destroyed 40 drones overnight."),
                    "reported")
    assert reported.content.text == "air defences destroyed 40 drones overnight"
    assert reported.speaker_label == "ORG"
    confirmed = _one(claims_of("The Pentagon confirmed there are about 300 US advisers in the country."), "confirmed")
    assert confirmed.content.text == "there are about 300 US advisers in the country"
    assert confirmed.stance == "confirm" and confirmed.speaker_text == "Pentagon"


@pytest.mark.parametrize(
    ("sentence", "cue", "content", "stance"),
    [
        ("Moscow accused Kyiv of shelling a border village.", "accused", "Kyiv of shelling a border village",
         "accuse"),
        ("The Kremlin denied targeting the hospital.", "denied", "targeting the hospital", "deny"),
        ("The general warned that the enemy was massing troops near the river.", "warned",
         "the enemy was massing troops near the river", "warn"),
        ("The prime minister promised to send more artillery shells next month.", "promised",
         "to send more artillery shells next month", "promise"),
        ("The rebel leader has vowed to retake the airport.", "has vowed", "to retake the airport", "promise"),
        ("Military analysts believe the offensive will resume in spring.", "believe",
         "the offensive will resume in spring", "assert"),
    ],
)
def test_cue_verbs_and_stance(claims_of, sentence, cue, content, stance):
    claim = _one(claims_of(sentence), cue)
    assert claim.content.text == content
    assert claim.stance == stance


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        ("The defence ministry plans to rebuild the damaged bridge before winter.", "plans",
         "to rebuild the damaged bridge before winter"),
        ("The governor wants to evacuate children from the frontline villages.", "wants",
         "to evacuate children from the frontline villages"),
        ("Farmers in the region want compensation for the flooded fields.", "want",
         "compensation for the flooded fields"),
        ("The separatist leader intends to hold a referendum in the spring.", "intends",
         "to hold a referendum in the spring"),
    ],
)
def test_intentions_are_attributed_with_the_infinitive_or_object(claims_of, sentence, cue, content):
    claim = _one(claims_of(sentence), cue)
    assert claim.content.text == content
    assert claim.stance == "intend"


def test_intention_verbs_never_take_a_neighbouring_clause(claims_of):
    # "plan" in its literal or noun sense and a content-first sentence are no claims of intention
    claims = claims_of("Grain exports have declined since the port was mined, the plan shows.")
    assert not [c for c in claims if c.stance == "intend"]
    claims = claims_of("Fuel prices rose sharply, the mayor wants.")
    assert not [c for c in claims if c.cue is not None and c.cue.text == "wants"]


def test_knowing_and_realising_count_only_with_a_clause(claims_of):
    claim = _one(claims_of("Commanders knew that the dam could not hold much longer."), "knew")
    assert claim.content.text == "the dam could not hold much longer" and claim.speaker_text == "Commanders"
    claim = _one(claims_of("The governor realised the evacuation had come too late."), "realised")
    assert claim.content.text == "the evacuation had come too late"
    assert not claims_of("She knows the city well.")
    assert not claims_of("Residents learned first aid at the school last winter.")


def test_speaking_about_a_topic(claims_of):
    claim = _one(claims_of("The Red Cross envoy spoke about the shortage of insulin in the besieged city."),
                 "spoke about")
    assert claim.content.text == "the shortage of insulin in the besieged city"
    claim = _one(claims_of("Nurses complained of unpaid wages and missing generators."), "complained of")
    assert claim.content.text == "unpaid wages and missing generators"
    assert not claims_of("The minister spoke to reporters in Brussels on Tuesday.")


def test_a_poll_or_report_shows_its_object(claims_of):
    claim = _one(claims_of("A new poll shows a sharp fall in support for the ceasefire."), "shows")
    assert claim.content.text == "a sharp fall in support for the ceasefire" and claim.speaker_text == "A new poll"
    # a person who shows something is no source of a claim
    assert not claims_of("The guide showed the visitors the ruined library.")


def test_trailing_participle_belongs_to_the_reporter(nlp):
    text = ("Western diplomats said the talks had stalled over the prisoner lists, citing the absence of "
            "Red Cross access to the camps.")
    found = {a.claim.cue.text: a for a in find_attributions(nlp(text))}
    assert found["said"].claim.content.text == "the talks had stalled over the prisoner lists"
    assert found["citing"].source.text == "Western diplomats"
    assert found["citing"].claim.content.text == "the absence of Red Cross access to the camps"


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker", "content", "stance"),
    [
        ("Moscow's claim that its troops had left the town was quickly disproved.", "claim", "Moscow",
         "its troops had left the town", "assert"),
        ("The ministry dismissed the claim by Kyiv that the dam was mined.", "claim", "Kyiv",
         "the dam was mined", "assert"),
        ("Kyiv's accusation that Moscow had mined the dam drew a sharp response.", "accusation", "Kyiv",
         "Moscow had mined the dam", "accuse"),
        ("The governor made the argument that the evacuation was premature.", "argument", "The governor",
         "the evacuation was premature", "assert"),
        ("The regional council repeated its demand that the checkpoint be reopened.", "demand",
         "regional council", "the checkpoint be reopened", "assert"),
        ("The mayor's plan to close the schools angered parents.", "plan", "The mayor", "to close the schools",
         "intend"),
    ],
)
def test_cue_nouns_with_a_clause_and_a_named_owner(claims_of, sentence, cue, speaker, content, stance):
    claim = _one(claims_of(sentence), cue)
    assert claim.content.text == content and claim.stance == stance
    assert claim.speaker_text is not None and speaker in claim.speaker_text


def test_cue_nouns_without_an_owner_or_a_clause_are_no_claims(claims_of):
    claims = claims_of("The claim that the dam was mined spread quickly online.")
    assert not [c for c in claims if c.cue.text == "claim"]
    assert not claims_of("The brigade has a plan for the winter.")
    assert not claims_of("The minister's statement was short.")


def test_an_apposition_misattached_past_the_cue_is_not_the_speaker(nlp):
    # the small parser sometimes hangs a late apposition on the subject, across the cue and its clause
    words = ["Most", "voters", "expect", "Zelensky", "to", "win", "the", "vote", ",", "the", "first", "of", "the",
             "elections", ",", "at", "polling", "stations", "."]
    heads = [1, 2, 2, 5, 5, 2, 7, 5, 2, 10, 1, 10, 13, 11, 10, 10, 17, 15, 2]
    deps = ["amod", "nsubj", "ROOT", "nsubj", "aux", "ccomp", "det", "dobj", "punct", "det", "appos", "prep", "det",
            "pobj", "punct", "prep", "compound", "pobj", "punct"]
    pos = ["ADJ", "NOUN", "VERB", "PROPN", "PART", "VERB", "DET", "NOUN", "PUNCT", "DET", "ADJ", "ADP", "DET", "NOUN",
           "PUNCT", "ADP", "NOUN", "NOUN", "PUNCT"]
    tags = ["JJS", "NNS", "VBP", "NNP", "TO", "VB", "DT", "NN", ",", "DT", "JJ", "IN", "DT", "NNS", ",", "IN", "NN",
            "NNS", "."]
    lemmas = ["most", "voter", "expect", "Zelensky", "to", "win", "the", "vote", ",", "the", "first", "of", "the",
              "election", ",", "at", "polling", "station", "."]
    spaces = [words[i + 1] not in (",", ".") for i in range(len(words) - 1)] + [False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
              sent_starts=[True] + [False] * (len(words) - 1))
    found = find_attributions(doc)
    assert [(a.claim.cue.text, a.claim.content.text) for a in found] == [("expect", "Zelensky to win the vote")]
    assert found[0].source.text == "Most voters"  # the source as written stops before the cue too


def test_called_x_a_y_parsed_as_two_predicates(claims_of):
    claim = _one(claims_of("One of the officers called Petrenko a coward, liar and traitor."), "called")
    assert claim.content.text == "Petrenko a coward, liar and traitor"


def test_a_complement_after_the_cue_wins_over_an_opening_clause(claims_of):
    text = "Denying the report was true, the ministry told state television that no troops had crossed the border."
    claim = _one(claims_of(text), "told")
    assert claim.content.text == "no troops had crossed the border"


@pytest.mark.parametrize(
    ("sentence", "speaker", "label", "affiliation"),
    [
        ("One of the officers said the convoy was hit twice.", "One of the officers", "ANON", None),
        ("Two of the Russian soldiers told investigators that they had been ordered to fire.",
         "Two of the Russian soldiers", "ANON", "Russian"),
        ("One of Ukraine's intelligence agencies said the drones came from Belarus.",
         "One of Ukraine's intelligence agencies", "ORG", "Ukraine"),
    ],
)
def test_one_of_a_group_is_a_described_speaker_not_a_pronoun(claims_of, sentence, speaker, label, affiliation):
    claim = claims_of(sentence)[0]
    assert (claim.speaker_text, claim.speaker_label, claim.affiliation) == (speaker, label, affiliation)
    assert claim.anonymous == (label == "ANON")


@pytest.mark.parametrize(
    ("sentence", "cue", "content", "stance"),
    [
        ("Moscow slammed the decision as a provocation.", "slammed", "the decision as a provocation", "accuse"),
        ("The minister expressed concern about the shelling of the plant.", "expressed",
         "concern about the shelling of the plant", "assert"),
        ("The court ruled that the detention of the journalist was unlawful.", "ruled",
         "the detention of the journalist was unlawful", "assert"),
    ],
)
def test_evaluative_speech_acts(claims_of, sentence, cue, content, stance):
    claim = _one(claims_of(sentence), cue)
    assert (claim.content.text, claim.stance) == (content, stance)


def test_verbs_of_force_are_no_speech_acts(claims_of):
    assert not claims_of("A missile blasted a hole in the wall of the school.")
    assert not claims_of("Ukrainian forces opposing the advance held the bridge.")
    assert not claims_of("The court ruled on Monday.")


def test_described_as(claims_of):
    claim = _one(claims_of("The foreign minister described the strike on the market as a war crime."), "described")
    assert claim.content.text == "the strike on the market as a war crime"
    assert claim.role == "foreign minister" and claim.stance == "assert"


def test_headline_says_both_ways(claims_of):
    first = claims_of("Ceasefire talks collapse after night of shelling, Turkish mediators say", headline=True)
    assert len(first) == 1
    assert first[0].content.text == "Ceasefire talks collapse after night of shelling"
    assert first[0].speaker_text == "Turkish mediators" and first[0].cue.text == "say"
    second = claims_of("Kyiv says Russian missiles hit a power plant in Lviv region", headline=True)
    assert len(second) == 1
    assert second[0].speaker_text == "Kyiv"
    assert second[0].content.text == "Russian missiles hit a power plant in Lviv region"
    label = claims_of("War in Ukraine latest: grain corridor reopens, Ankara says", headline=True)
    assert label[0].content.text == "grain corridor reopens" and label[0].speaker_text == "Ankara"


@pytest.mark.parametrize(
    ("headline", "cue", "speaker", "content", "stance"),
    [
        ("Zelensky Warns Europe Must Prepare For A Long War", "Warns", "Zelensky",
         "Europe Must Prepare For A Long War", "warn"),
        ("Kremlin Denies Drone Strike On Belgorod Power Plant", "Denies", "Kremlin",
         "Drone Strike On Belgorod Power Plant", "deny"),
        ("Facing Pressure At Home, Scholz Vows To Send More Air Defence To Kyiv", "Vows", "Scholz",
         "To Send More Air Defence To Kyiv", "promise"),
    ],
)
def test_title_case_headlines(claims_of, headline, cue, speaker, content, stance):
    claim = _one(claims_of(headline, headline=True), cue)
    assert (claim.speaker_text, claim.content.text, claim.stance) == (speaker, content, stance)


def test_headline_speaker_label_is_a_name_not_a_place(claims_of):
    claim = claims_of("Budanov: Russia is preparing a new offensive in the north", headline=True)[0]
    assert claim.speaker_text == "Budanov" and claim.content.text == "Russia is preparing a new offensive in the north"
    assert not claims_of("Kharkiv: shelling kills three in the city centre", headline=True)


def test_standfirst_line_inside_a_body_is_read_as_a_headline(claims_of):
    text = "Moscow says its troops took two villages near Pokrovsk\nFighting continued through the night."
    claim = _one(claims_of(text), "says")
    assert claim.speaker_text == "Moscow"
    assert claim.content.text == "its troops took two villages near Pokrovsk"


# -- speakers: references, anonymity, roles --------------------------------------------------------


def test_pronoun_resolves_to_the_named_person(claims_of):
    text = ("Interior minister Ihor Klymenko visited the site on Monday. "
            "He said rescuers had pulled four people from the rubble.")
    claim = _one(claims_of(text, base=500), "said")
    assert claim.speaker_text == "Ihor Klymenko"
    assert claim.speaker.text == "Ihor Klymenko" and claim.speaker.start == 500 + text.index("Ihor")
    assert claim.role == "Interior minister" and claim.speaker_label == "PERSON"


def test_it_and_the_agency_resolve_to_the_organisation(claims_of):
    text = ("Ukraine's SBU security service said it had detained two suspected saboteurs. "
            "The agency said the men had been filming air defence positions. "
            "It said both were Ukrainian citizens.")
    claims = claims_of(text)
    assert len(claims) == 3
    speakers = {c.speaker_text for c in claims}
    assert len(speakers) == 1 and "SBU" in speakers.pop()
    assert {c.speaker_label for c in claims} == {"ORG"}


def test_ms_surname_resolves_to_the_full_name(claims_of):
    text = ("Foreign ministry spokeswoman Maria Petrova said the talks would resume. "
            "Ms Petrova added that a date had not been set.")
    added = _one(claims_of(text), "added")
    assert added.speaker_text == "Maria Petrova"
    assert added.speaker.start == text.index("Maria Petrova")
    assert added.content.text == "a date had not been set"


def test_definite_description_resolves_to_an_earlier_anonymous_speaker(claims_of):
    text = ('A senior Western diplomat said the talks had stalled. '
            '"Nobody expects a deal before winter," the diplomat said.')
    claims = claims_of(text)
    assert [c.speaker_text for c in claims] == ["A senior Western diplomat"] * 2
    assert all(c.anonymous for c in claims)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("An unnamed Western intelligence official said the brigade had lost half its vehicles.",
         "An unnamed Western intelligence official"),
        ("Analysts say the offensive has stalled.", "Analysts"),
        ("Officials said the convoy was hit twice.", "Officials"),
        ("Observers believe the vote will be postponed.", "Observers"),
    ],
)
def test_anonymous_speakers(claims_of, sentence, speaker):
    claims = claims_of(sentence)
    assert len(claims) == 1
    assert claims[0].speaker_text == speaker and claims[0].speaker.text == speaker
    assert claims[0].anonymous and claims[0].speaker_label == "ANON"


def test_role_and_affiliation(claims_of):
    appos = _one(claims_of("Serhiy Bratchuk, a spokesman for the southern defence forces, said the bridge was "
                           "damaged."), "said")
    assert appos.speaker_text == "Serhiy Bratchuk"
    assert appos.role == "spokesman" and appos.affiliation == "the southern defence forces"
    premod = _one(claims_of("Russian Defence Ministry spokesman Igor Konashenkov said the strikes hit fuel depots."),
                  "said")
    assert premod.speaker_text == "Igor Konashenkov"
    assert premod.role == "spokesman" and premod.affiliation == "Russian Defence Ministry"
    possessive = _one(claims_of("Ukraine's top commander Valeriy Zaluzhnyi said the counteroffensive had begun."),
                      "said")
    assert possessive.affiliation == "Ukraine" and possessive.role == "top commander"


def test_a_relative_clause_of_leading_gives_the_role(claims_of):
    """", who heads X," says what the speaker is; what is led, when an organisation, is whom they speak for."""
    led = _one(claims_of("Ines Moreau, who heads the Kivu Security Tracker, said the attacks had doubled."), "said")
    assert led.speaker_text == "Ines Moreau" and led.role == "head of the Kivu Security Tracker"
    assert led.affiliation == "Kivu Security Tracker"
    wing = _one(claims_of("Ahmed Musa, who commands the militia's northern wing, said fighters had withdrawn."), "said")
    assert wing.role == "commander of the militia's northern wing"


def test_an_organisation_s_national_branch_is_no_country(claims_of):
    claim = _one(claims_of("Norwegian Refugee Council Somalia said the camp near Baidoa had no water."), "said")
    assert claim.speaker_text == "Norwegian Refugee Council Somalia" and claim.speaker_label == "ORG"


@pytest.mark.parametrize("text", [
    "Fighters ambushed a convoy near Djugu. CODECO claimed the attack in a statement.",  # untagged by the model
    "ISWAP said its fighters had killed 20 soldiers. ISWAP claimed the attack on Monday.",  # tagged only once
])
def test_an_armed_group_s_acronym_speaking_is_an_organisation(claims_of, text):
    claim = _one(claims_of(text), "claimed")
    assert claim.speaker_text.isupper() and claim.speaker_label == "ORG"


def test_a_capital_speaking_is_its_government_not_a_person(claims_of, nlp):
    claim = claims_of("Kyiv says Russian drones struck a substation near Poltava", headline=True)[0]
    assert claim.speaker_text == "Kyiv" and claim.speaker_label == "GPE" and claim.affiliation == "Ukraine"
    claim = _one(claims_of("Pyongyang has denied sending artillery shells to the front."), "has denied")
    assert claim.speaker_label == "GPE" and claim.affiliation == "North Korea"
    # a surname is never renamed: only capitals and countries the lexicon knows are
    doc = nlp("Olena Moskalenko said the shelter was full.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "GPE"] == []


def test_local_officials_belong_to_the_place_named_before_them(claims_of):
    text = ("Drones hit power lines in the southern city of Mykolaiv before dawn, city officials reported on Sunday. "
            "Mayor Oleksandr Senkevych had said before that four residents were hurt. "
            "A spokesman for the regional administration said power lines were cut.")
    claims = claims_of(text)
    officials = next(c for c in claims if c.speaker_text == "city officials")
    mayor = next(c for c in claims if c.speaker_text == "Oleksandr Senkevych")
    assert officials.affiliation == "Mykolaiv" and mayor.affiliation == "Mykolaiv"
    # a speaker who is no local office gets no place by context
    claim = _one(claims_of("Fighting continued near Toretsk, where an analyst said the line was holding."), "said")
    assert claim.affiliation is None


def test_including_after_the_content_belongs_to_it(claims_of):
    claim = _one(claims_of("The governor said 14 people were wounded in the strike, including three children."),
                 "said")
    assert claim.content.text == "14 people were wounded in the strike, including three children"


def test_where_a_speaker_is_based_is_not_their_affiliation(claims_of, nlp):
    text = "Tomasz Nowicki, a Gdansk-based political analyst, said the ceasefire talks had stalled again."
    claim = _one(claims_of(text), "said")
    assert claim.affiliation is None
    person = next(m for m in extract_mentions(nlp(text)) if m.label == "PERSON")
    assert (person.role, person.affiliation) == ("political analyst", None)


# -- channels, intermediaries ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "channel"),
    [
        ("The governor said in a video address that evacuation trains would run all night.", "video"),
        ("The general staff said in a statement that the enemy had lost 12 tanks.", "statement"),
        ('"The city is calm," the mayor told a press conference.', "press conference"),
        ("The regional military administration wrote on social media that schools would stay closed.",
         "social media"),
        ("Russian state media reported that the bridge had reopened to traffic.", "state media"),
    ],
)
def test_channel(claims_of, sentence, channel):
    claims = claims_of(sentence)
    assert len(claims) == 1 and claims[0].channel == channel


def test_state_media_relaying_a_quote_is_the_intermediary(claims_of):
    text = ('Colonel Andrei Sokolov commanded the unit. "Our troops cleared the village," he told reporters, '
            'state media reported.')
    claims = claims_of(text)
    assert len(claims) == 1
    assert claims[0].speaker_text == "Andrei Sokolov" and claims[0].intermediary == "state media"


def test_quoted_by_a_news_agency(claims_of):
    claim = _one(claims_of("A source quoted by the Interfax news agency said the ferry had struck a sea mine."),
                 "said")
    assert claim.intermediary == "the Interfax news agency"
    assert claim.anonymous and claim.speaker_text == "A source"


# -- offsets and pronouns over a longer passage ---------------------------------------------------


def test_spans_use_document_offsets_and_no_pronoun_is_a_speaker(nlp):
    passage = (
        'Kharkiv governor Oleh Syniehubov said two people were wounded. "The strike hit a bakery," he said. '
        "He added that rescuers were still at the scene. The city council said it would open a shelter. "
        "They said heating would be restored by evening. It said the trams were running again."
    )
    document = "Furniture line\n" * 40 + passage
    base = document.index(passage)
    found = extract_claims(nlp(passage), base=base)
    assert len(found) >= 5
    for claim in found:
        for span in (claim.content, claim.speaker, claim.cue):
            if span is not None:
                assert document[span.start:span.end] == span.text and span.start >= base
        assert claim.speaker_text is not None and claim.speaker_text.lower() not in PRONOUNS
    assert {c.speaker_text for c in found if c.speaker_label == "PERSON"} == {"Oleh Syniehubov"}


def test_find_attributions_keeps_the_source_as_written(nlp):
    found = find_attributions(nlp('Natalia Humeniuk spoke on Monday. "The fleet stays in port," she said.'))
    assert len(found) == 1
    assert found[0].source.text == "she" and found[0].claim.speaker_text == "Natalia Humeniuk"
    assert found[0].cue_lemma == "say"


def test_source_as_written_leaves_out_a_participle_set_off_by_commas(nlp):
    found = find_attributions(nlp("The governor, speaking to reporters in Odesa, said the port would reopen."))
    assert [(a.source.text, a.claim.content.text) for a in found] == [("The governor", "the port would reopen")]
    # a restrictive participle names who is meant and stays
    found = find_attributions(nlp("A report released by the agency on Monday found that 40 schools were damaged."))
    assert found[0].source.text == "A report released by the agency on Monday"


def test_relative_pronoun_is_part_of_the_attribution_but_no_claim(nlp):
    doc = nlp("The new tax, which officials say will fund the army, starts in May.")
    found = find_attributions(doc)
    assert [(a.claim.content.text, a.fragment) for a in found] == [("which", True), ("will fund the army", False)]
    assert [c.content.text for c in extract_claims(doc)] == ["will fund the army"]


def test_empty_and_speechless_text(claims_of):
    assert claims_of("") == []
    assert claims_of("Artillery fire continued along the front line through the night.") == []


# -- the example page ------------------------------------------------------------------------------


def _listed_claims() -> list[tuple[str, str, str]]:
    """(speaker, cue, content) from the analyst's "Other attributed claims" paragraph."""
    markdown = expected_markdown()
    paragraph = re.search(r"Other attributed claims.*?e\.g\.:(.*?)(?:\n\n|\Z)", markdown, re.DOTALL)
    assert paragraph, "the expected page lost its 'Other attributed claims' paragraph"
    items = re.split(r";\s+", paragraph.group(1).replace("\n", " "))
    listed = []
    for item in items:
        parts = [part.strip() for part in item.split(" \u2014 ")]
        if len(parts) >= 3:
            listed.append((parts[0], parts[1], re.split(r"\. A claim", parts[2])[0]))
    return listed


def _listed_speakers() -> list[str]:
    return [speaker for speaker, _, _ in _listed_claims()]


def _example_claims(nlp) -> tuple[str, list[Claim]]:
    from warlog.pipeline import prepare
    from warlog.sources import ReadOptions, read_file

    document = next(read_file(EXAMPLE, ReadOptions()))
    posts = prepare(document)
    claims: list[Claim] = []
    for post in posts:
        for span, headline in ((post.lead, True), (post.headline, True), (post.body, False)):
            if span is None:
                continue
            if headline:  # a lead holds the page title and the standfirst: one headline each
                offset = span.start
                for line in span.text.split("\n"):
                    if line.strip():
                        claims += extract_claims(nlp(line), offset, post.index, headline=True)
                    offset += len(line) + 1
            else:
                claims += extract_claims(nlp(span.text), span.start, post.index)
    return document.text, claims


def test_example_page_speakers_are_found(nlp):
    listed = _listed_speakers()
    assert len(listed) == 10
    text, claims = _example_claims(nlp)
    for claim in claims:
        for span in (claim.content, claim.speaker, claim.cue):
            if span is not None:
                assert text[span.start:span.end] == span.text
        assert claim.speaker_text is None or claim.speaker_text.lower() not in PRONOUNS
    found = {c.speaker_text.lower() for c in claims if c.speaker_text}
    missing = [name for name in listed if name.lower() not in found]
    assert not missing, f"speakers not found: {missing}"
    # the relayed anonymous source and the quote posted on a messaging channel, as the page words them
    page = EXAMPLE.read_text(encoding="utf-8")
    relayed = re.search(r"(\w+ source) quoted by (the [^,.]+? agency)", page)
    assert relayed, "the example page lost its relayed anonymous source"
    source = next(c for c in claims if c.speaker_text and relayed[1] in c.speaker_text)
    assert source.anonymous and source.intermediary == relayed[2]
    posted = re.search(r"([A-Z]\w+ [A-Z]\w+) wrote on his (\w+) [^:.]*: \u201c([^\u201d]+)\u201d", page)
    assert posted, "the example page lost its quote posted on a messaging channel"
    poster = next(c for c in claims if c.speaker_text == posted[1] and c.direct)
    assert poster.channel == posted[2]
    assert poster.content.text == posted[3]


# -- evaluation metrics ----------------------------------------------------------------------------


def test_word_sets_ignore_quote_marks_and_a_leading_that():
    text = 'He said that "the bridge is closed," officials added.'
    quoted = (text.index('"'), text.index(',"') + 2)
    plain = (text.index("the bridge"), text.index(" is closed") + len(" is closed"))
    with_that = (text.index("that"), plain[1])
    assert words(text, [quoted]) == words(text, [plain])
    assert words(text, [with_that], drop_that=True) == words(text, [plain])
    assert len(words(text, [with_that])) == 5


def test_metrics_on_a_hand_made_pair():
    text = 'Officials said the bridge was closed. "It will reopen soon," the mayor added. Police said nothing new.'

    def at(piece: str) -> tuple[int, int]:
        start = text.index(piece)
        return start, start + len(piece)

    gold = [
        SpanSet(source=(at("Officials"),), cue=(at("said"),), content=(at("the bridge was closed"),)),
        SpanSet(source=(at("the mayor"),), cue=(at("added"),), content=(at('"It will reopen soon,"'),)),
    ]
    predicted = [
        SpanSet(source=(at("Officials"),), cue=(at("said"),), content=(at("the bridge was closed"),)),
        SpanSet(source=(at("mayor"),), cue=(at("added"),), content=(at("It will reopen"),)),
        SpanSet(source=(at("Police"),), cue=(at("said nothing"),), content=(at("nothing new"),)),
    ]
    assert match(text, predicted, gold) == [(0, 0), (1, 1)]
    scores = score_documents([(text, predicted, gold)])
    assert scores["matched"] == 2
    assert scores["attribution"] == {"precision": round(2 / 3, 4), "recall": 1.0, "f1": 0.8}
    # source: one exact of three predicted / two gold; overlap 1+1 words of 1+1+1 predicted, 1+2 gold
    assert scores["source"]["exact"] == {"precision": round(1 / 3, 4), "recall": 0.5, "f1": 0.4}
    assert scores["source"]["overlap"]["precision"] == round(2 / 3, 4)
    assert scores["source"]["overlap"]["recall"] == round(2 / 3, 4)
    # content: "It will reopen" shares 3 of the gold quote's 4 words
    assert scores["content"]["exact"]["recall"] == 0.5
    assert scores["content"]["overlap"]["recall"] == round(7 / 8, 4)
    assert scores["content"]["overlap"]["precision"] == round(7 / 9, 4)
    assert scores["cue"]["exact"] == {"precision": round(2 / 3, 4), "recall": 1.0, "f1": 0.8}
    json.dumps(scores)


def test_brat_parsing_with_discontinuous_spans_and_no_source():
    text = '"We are ready," he said. "Send the trucks." Talks resumed, reports said.'
    first_quote = (0, len('"We are ready,"'))
    second_quote = (text.index('"Send'), text.index('trucks."') + len('trucks."'))
    he, said = text.index("he"), text.index("said")
    talks, last_said = text.index("Talks"), text.rindex("said")
    ann = "\n".join([
        f"T1\tContent {first_quote[0]} {first_quote[1]};{second_quote[0]} {second_quote[1]}\t"
        '"We are ready," "Send the trucks."',
        f"T2\tSource {he} {he + 2}\the",
        f"T3\tCue {said} {said + 4}\tsaid",
        f"T4\tAttribution {said} {said + 4}\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        f"T5\tContent {talks} {talks + len('Talks resumed') + 1}\tTalks resumed",  # one character too far
        f"T6\tCue {last_said} {last_said + 4}\tsaid",
        f"T7\tAttribution-no-source {last_said} {last_said + 4}\tsaid",
        "E2\tAttribution-no-source:T7 Content:T5 Cue:T6",
    ])
    attributions, mismatches = parse_ann(ann, text)
    assert len(attributions) == 2
    assert attributions[0].content == (first_quote, second_quote) and attributions[0].source == ((he, he + 2),)
    assert attributions[1].source == () and attributions[1].cue == ((last_said, last_said + 4),)
    assert mismatches == 1


def test_evaluation_on_a_tiny_gold_directory(tmp_path):
    base = tmp_path / "attribution" / "PolNeAR-dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    text = "Border closed.\n\nThe border guard service said the crossing would stay closed until Monday.\n"
    (base / "text" / "sample_2024.txt").write_text(text, encoding="utf-8")
    source, cue, content = "The border guard service", "said", "the crossing would stay closed until Monday"
    s, c, t = text.index(source), text.index(" said") + 1, text.index(content)
    first = (f"T1\tSource {s} {s + len(source)}\t{source}\nT2\tCue {c} {c + 4}\t{cue}\n"
             f"T3\tContent {t} {t + len(content)}\t{content}\nT4\tAttribution {c} {c + 4}\tsaid\n"
             "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n")
    (base / "attributions" / "sample_2024_aaaa.ann").write_text(first, encoding="utf-8")
    (base / "attributions" / "sample_2024_bbbb.ann").write_text("", encoding="utf-8")
    articles = load_polnear(tmp_path)
    assert [a.annotation_file for a in articles] == ["sample_2024_aaaa.ann"]
    result = evaluate_attribution(tmp_path)
    assert result["articles"] == 1 and result["offset_mismatches"] == 0
    assert result["source"]["exact"]["f1"] == 1.0
    assert result["content"]["exact"]["f1"] == 1.0 and result["cue"]["exact"]["f1"] == 1.0
    json.dumps(result)


def test_missing_gold_directory_is_a_message_not_a_crash(tmp_path, monkeypatch):
    result = evaluate_attribution(tmp_path / "nowhere")
    assert "error" in result and "PolNeAR" in result["error"]
    monkeypatch.setenv("WARLOG_GOLD_DIR", str(tmp_path / "elsewhere"))
    assert "elsewhere" in evaluate_attribution()["gold_dir"]


def test_example_page_listed_claims_mostly_right(nlp):
    """Speaker, cue verb and at least half the content words of the analyst's claims (which paraphrase)."""
    _, claims = _example_claims(nlp)
    filler = {"the", "a", "of", "in", "to", "for", "is", "was", "he", "direct", "quote"}
    right = []
    for speaker, cue, content in _listed_claims():
        cue_word = re.findall(r"[a-z]+", cue)[0]
        wanted = {w for w in re.findall(r"\w+", content.lower()) if w not in filler}
        for claim in claims:
            have = set(re.findall(r"\w+", claim.content.text.lower()))
            if (claim.speaker_text or "").lower() == speaker.lower() and cue_word in claim.cue.text \
                    and len(wanted & have) >= len(wanted) / 2:
                right.append(speaker)
                break
    assert len(right) >= 8, right


def test_the_subject_nearest_the_cue_is_the_speaker():
    from warlog.extract.nlp import get_nlp

    text = ("The governor said a shell had hit a clinic.\n"
            "Further north, in the town of Chernihiv, officials said a Russian drone hit a depot.\n")
    doc = get_nlp()(text)
    second = doc[[t.i for t in doc if t.text == "Further"][0]].sent
    assert len([t for t in second if t.dep_ == "nsubj" and t.head.lemma_ == "say"]) == 2  # the parse this needs
    claims = [c for c in extract_claims(doc) if "depot" in c.content.text]
    assert claims and claims[0].speaker_text.lower() == "officials"


# -- content boundaries (PolNeAR-shaped) ----------------------------------------------------------


def test_a_trailing_relative_clause_set_off_by_a_comma_is_the_writers(claims_of):
    text = "The ministry said the strike hit a depot near Kherson, which had been shelled twice before."
    claim = _one(claims_of(text), "said")
    assert claim.content.text == "the strike hit a depot near Kherson"
    claim = _one(claims_of("The mayor said the convoy was led by Ivan Petrov, who had commanded the garrison."), "said")
    assert claim.content.text == "the convoy was led by Ivan Petrov"
    # a restrictive relative clause (no comma) says which depot: it stays
    claim = _one(claims_of("The ministry said the strike hit a depot that stored fuel for the army."), "said")
    assert claim.content.text == "the strike hit a depot that stored fuel for the army"


def test_whoever_is_urged_belongs_to_the_request(claims_of):
    claim = _one(claims_of("The governor encouraged residents to leave the town before dark."), "encouraged")
    assert claim.content.text == "residents to leave the town before dark"


def test_an_object_content_keeps_what_the_verb_phrase_says_about_it(claims_of):
    text = "The senator cited critical comments the general had made about the army as proof of his contempt."
    claim = _one(claims_of(text), "cited")
    assert claim.content.text == "critical comments the general had made about the army as proof of his contempt"
    # the report's own circumstances (where, when) are not part of the object
    claim = _one(claims_of("The board rejected his complaint in a letter sent on Monday."), "rejected")
    assert claim.content.text == "his complaint"


def test_a_new_sentence_after_a_closed_quote_is_not_its_attribution(claims_of):
    text = ("The senator says the general\u2019s \u201clatest outburst is reckless, even for him.\u201d "
            "She says it shows that he is \u201cunfit to lead.\u201d")
    claims = claims_of(text)
    first = [c for c in claims if c.cue.text == "says" and c.cue.start < 20]
    assert len(first) == 1 and first[0].content.text.startswith("the general\u2019s")
    assert first[0].speaker_text == "The senator"
    second = [c for c in claims if c.cue.text == "says" and c.cue.start > 20]
    assert len(second) == 1 and second[0].content.text.startswith("it shows")


def test_a_quote_signed_across_no_break_spaces(claims_of):
    text = "\u201cThe bridge was our only road to the hospital.\u201d\u00a0\u2015\u00a0Marta Hrytsenko\u00a0\n"
    claim = _one(claims_of(text), "\u2015")
    assert claim.speaker_text == "Marta Hrytsenko"
    assert claim.content.text == "The bridge was our only road to the hospital."


def test_continue_attributes_only_beside_a_quote(claims_of):
    text = ("\u201cWe will not stop,\u201d the senator said. She continued, \u201cThe families deserve answers.\u201d "
            "The governor continued: \u201cThey are demanding this.\u201d \u201cIt is over,\u201d he continued. "
            "The shelling continued through the night. The army continued to advance on the town.")
    claims = claims_of(text)
    continued = [c for c in claims if c.cue.text == "continued"]
    assert [c.content.text for c in continued] == [
        "The families deserve answers.", "They are demanding this.", "It is over"]
    assert [c.speaker_text.lower() for c in continued[:2]] == ["the senator", "the governor"]


def test_a_gerund_after_by_shares_the_subject_of_its_verb(claims_of):
    text = "The minister responded to the reporter by saying the plan was a \u201cmanufactured\u201d issue."
    claim = _one(claims_of(text), "saying")
    assert claim.speaker_text == "The minister"
    assert claim.content.text == "the plan was a \u201cmanufactured\u201d issue"
    # the verb it serves may be passive: its subject is still the one who said it
    text = "After saying the road was closed, the driver was arrested by police at the checkpoint."
    claim = _one(claims_of(text), "saying")
    assert claim.speaker_text == "the driver" and claim.content.text == "the road was closed"


def test_a_quote_opened_in_reported_content_runs_to_its_close(claims_of):
    text = ('The senator told reporters that "they hit the bridge because it was open. '
            'What they are doing is testing our defences."')
    claim = _one(claims_of(text), "told")
    assert claim.content.text.endswith("What they are doing is testing our defences.")
    assert claim.content.text.startswith("they hit the bridge")


def test_a_bare_quote_after_a_content_first_report_goes_on_it(claims_of):
    text = 'The talks may stall, the envoy said. "Nobody wants to move first. Both sides are waiting."'
    claims = [c for c in claims_of(text) if c.cue.text == "said"]
    assert [c.content.text for c in claims] == [
        "The talks may stall", "Nobody wants to move first. Both sides are waiting."]
    assert claims[1].direct and claims[0].cue == claims[1].cue
    # a quote with its own attribution is not taken
    text = 'The talks may stall, the envoy said. "Nobody wants to move first," a diplomat added.'
    assert [c.speaker_text for c in claims_of(text) if "move first" in c.content.text] == ["a diplomat"]


def test_a_curly_quote_nested_in_a_quote_does_not_close_it(claims_of):
    text = ("\u201cAs a teacher, I would sooner face what she calls \u201cthe storm\u201d than keep quiet.\u201d"
            " \u2015 Marta Ruiz\n")
    claim = _one(claims_of(text), "\u2015")
    assert claim.content.text == ("As a teacher, I would sooner face what she calls \u201cthe storm\u201d "
                                  "than keep quiet.")
    # a stray opening mark that never closes: the quote ends at the first closing mark, the next one is found
    text = "\u201cThe \u201cfront is quiet,\u201d the colonel said. \u201cWe will hold it,\u201d his deputy said."
    assert {c.content.text for c in claims_of(text)} == {"The \u201cfront is quiet", "We will hold it"}


def test_an_attribution_interrupting_a_quotation_takes_both_pieces(claims_of):
    text = '"Every time you say that," the senator said, "you hand the other side a gift."'
    claims = [c for c in claims_of(text) if c.cue.text == "said"]
    assert [c.content.text for c in claims] == ["Every time you say that", "you hand the other side a gift."]
    # however short the opening piece
    text = '"My hope," the governor said, "is that the bridge opens before winter."'
    claims = [c for c in claims_of(text) if c.cue.text == "said"]
    assert [c.content.text for c in claims] == ["My hope", "is that the bridge opens before winter."]
    # a short quote that nothing resumes is no claim
    assert not [c for c in claims_of('"Good," the governor said.') if c.content.text == "Good"]


def test_a_quoted_title_before_a_report_is_not_its_content(claims_of):
    text = 'On "The Morning Show," the governor said the bridge would reopen in May.'
    claim = _one(claims_of(text), "said")
    assert claim.content.text == "the bridge would reopen in May" and claim.speaker_text == "the governor"


def test_a_subjectless_predicate_joined_after_the_content_goes_on_it(claims_of):
    text = "The envoy says the ceasefire might hold for a week, but could collapse at any moment."
    assert _one(claims_of(text), "says").content.text == (
        "the ceasefire might hold for a week, but could collapse at any moment")
    # in the cue's own tense it is the speaker's next act, not what they said
    text = "The minister said the talks had failed, but offered no details."
    assert _one(claims_of(text), "said").content.text == "the talks had failed"
    claims = claims_of("The mayor promised to rebuild the school and said she would stay in the town.")
    assert "said" not in _one(claims, "promised").content.text


def test_a_dateline_is_not_part_of_a_content_first_report(claims_of):
    claim = _one(claims_of("BERLIN -- The chancellor's refusal to send tanks is a betrayal, opposition leaders said."),
                 "said")
    assert claim.content.text == "The chancellor's refusal to send tanks is a betrayal"
    # capitalised words before a dash that are no dateline stay
    claim = _one(claims_of("Two Towns -- the film about the siege -- is a lie, the ministry said."), "said")
    assert claim.content.text.startswith("Two Towns")


def test_a_comparison_set_off_by_commas_is_not_part_of_the_source(nlp):
    text = "Democratic candidate Maria Lopez, like the governor, has said the base should stay open."
    found = [f for f in find_attributions(nlp(text)) if f.claim.cue.text == "has said"]
    assert len(found) == 1 and text[found[0].source.start:found[0].source.end] == "Democratic candidate Maria Lopez"


def test_a_pronoun_shown_in_some_state_is_content_with_that_state(claims_of):
    claim = _one(claims_of("Footage from the checkpoint shows her with a bag in her hand."), "shows")
    assert claim.content.text == "her with a bag in her hand"
    # a bare pronoun says nothing
    assert not [c for c in claims_of("The report shows it.") if c.cue.text == "shows"]


def test_what_the_addressee_is_told_to_do_is_the_content(claims_of):
    text = "The mayor tells his supporters at a city rally to \u201cgo to the polls and watch closely.\u201d"
    claim = _one(claims_of(text), "tells")
    assert claim.content.text.endswith("to \u201cgo to the polls and watch closely.\u201d")
    # after a verb that reports, an infinitive says why, not what
    text = "The firms kept reporting different numbers to different agencies to hide their losses."
    assert all("hide" not in c.content.text for c in claims_of(text))


def test_a_plain_text_wire_dateline_with_a_spaced_hyphen_is_not_content(claims_of):
    text = "ADDIS ABABA, Ethiopia (Reuters) - Fano militiamen ambushed a convoy near Gondar on Friday, police said."
    claim = _one(claims_of(text), "said")
    assert claim.content.text.startswith("Fano militiamen ambushed")
    # a hyphen inside a name is no dash: the content keeps the whole compound
    claim = _one(claims_of("Al-Shabaab fighters stormed a hotel in Kismayo, the governor said."), "said")
    assert claim.content.text.startswith("Al-Shabaab fighters")


def test_the_party_a_speaker_blamed_is_not_that_speaker_when_it_speaks_next(claims_of):
    text = ("The Three Brotherhood Alliance blamed the military for the shelling of Lashio on Monday. "
            "The military said the rebels had fired first.")
    claim = _one(claims_of(text), "said")
    assert claim.speaker_text == "The military"
    # with no other party in between, "the agency" still points back at the organisation that spoke
    text = ("The International Atomic Energy Agency said the plant had lost power. "
            "Its reactors were stable, according to the agency.")
    claim = _one(claims_of(text), "according to")
    assert "International Atomic Energy Agency" in claim.speaker_text


def test_an_abbreviated_title_is_the_role_not_part_of_the_name(claims_of):
    claim = _one(claims_of("The dam was not damaged, provincial Gov. Amina Bello said on Sunday."), "said")
    assert (claim.speaker_text, claim.role) == ("Amina Bello", "provincial governor")
    claim = _one(claims_of("Two companies had crossed the river, Maj. Gen. Tomas Varga told reporters."), "told")
    assert (claim.speaker_text, claim.role) == ("Tomas Varga", "major general")


def test_a_lower_case_organisation_noun_is_a_description_not_a_name(claims_of):
    claim = _one(claims_of("The border crossing will reopen on Monday, Jordan's foreign ministry said."), "said")
    assert claim.speaker_text == "Jordan's foreign ministry" and claim.role is None
    assert claim.affiliation == "Jordan"


def test_a_name_the_model_tags_as_a_pronoun_is_still_the_speaker(claims_of):
    # English pronouns are a closed class; a capitalised plural name outside it is someone who speaks
    claims = claims_of("Houthis say they downed a US reconnaissance drone over Marib", headline=True)
    assert claims and claims[0].speaker_text == "Houthis"


def test_the_day_after_the_cue_is_when_the_source_spoke_not_content(claims_of):
    claim = _one(claims_of("The Kachin rebels said on Wednesday they had shot down a military helicopter."), "said")
    assert claim.content.text == "they had shot down a military helicopter"
    # a day that is the content's own subject stays
    claim = _one(claims_of("The mayor said Sunday's shelling had cut power to the district."), "said")
    assert claim.content.text == "Sunday's shelling had cut power to the district"


def test_the_army_is_not_an_earlier_unarmed_organisation(claims_of):
    text = ("The World Food Programme said aid convoys had stopped. "
            "A local official said the army had shelled the road and accused the rebels of laying mines.")
    claims = claims_of(text)
    assert all(c.speaker_text != "World Food Programme" for c in claims if c.cue.text == "accused"), \
        [(c.cue.text, c.speaker_text) for c in claims]
    # an armed organisation named before is what "the army" refers back to
    text = "The Nigerian Army said it had freed 20 hostages. The operation lasted two days, according to the army."
    claim = _one(claims_of(text), "according to")
    assert "Nigerian Army" in claim.speaker_text


def test_the_government_and_the_group_do_not_refer_back_to_a_body_of_another_kind(claims_of):
    text = ("Amnesty International said 14 detainees had died in custody. "
            "The government said the prisoners had died of cholera.")
    claims = claims_of(text)
    assert [c.speaker_text for c in claims if "cholera" in c.content.text] == ["The government"]
    text = ("Gunmen from the Lakurawa sect raided a market in Sokoto, the state police said. "
            "The group said it had punished traders who paid taxes to the state.")
    claims = claims_of(text)
    assert all("police" not in (c.speaker_text or "") for c in claims if "punished" in c.content.text)


def test_a_title_before_a_body_noun_names_the_body_not_a_person():
    from tests.conftest import extracted

    _, _, extraction = extracted("Russia's General Staff said on Monday that air defences downed 40 drones.\n")
    assert [(c.speaker_text, c.role, c.affiliation) for c in extraction.claims] == [("General Staff", None, "Russia")]
    _, _, extraction = extracted("General Valerii Zaluzhnyi said the line was holding.\n")
    assert [(c.speaker_text, c.role) for c in extraction.claims] == [("Valerii Zaluzhnyi", "General")]
