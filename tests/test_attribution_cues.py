"""The learned cue detector and its per-cue choice of source and content (`warlog.extract.attribution_cues`).

The sentences are written for these tests. The models here are tiny hand-set weights, so each test checks one
piece of the reading (units, probabilities, spans, how additions join the rules, the war-news guards); what the
trained models are worth is measured on held-back PolNeAR train articles by `warlog train attribution` and on
PolNeAR dev by `warlog eval attribution`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from warlog.extract import attribution_cues, attribution_tagger
from warlog.extract.attribution_cues import CONTENT, NEITHER, SOURCE, cue_span, read_cue, splits_word, units
from warlog.extract.claims import find_attributions
from warlog.extract.nlp import get_nlp

# A unit model that calls a subject the source and an object (or a preposition's object) the content.
_UNITS = {"labels": [CONTENT, NEITHER, SOURCE], "bias": [0.0, 1.0, 0.0],
          "weights": {"d=nsubj": [0.0, 0.0, 5.0], "d=dobj": [5.0, 0.0, 0.0], "d=pobj": [5.0, 0.0, 0.0]}}


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def _token(doc, text: str):
    return next(t for t in doc if t.text == text)


def _write_model(path: Path, cue_weights: dict[str, float], lemmas: list[str]) -> Path:
    model = {"cue": {"bias": -5.0, "weights": cue_weights}, "unit": _UNITS, "cue_counts": {},
             "cue_lemmas": lemmas}
    path.write_text(json.dumps(model), encoding="utf-8")
    return path


@pytest.fixture
def cue_model(tmp_path):
    """Install a hand-set cue model for one test (and the shipped one again after it)."""
    def install(cue_weights: dict[str, float], lemmas: list[str]) -> None:
        path = _write_model(tmp_path / "cues.json", cue_weights, lemmas)
        saved.append(attribution_cues.set_model(path))

    saved: list = []
    yield install
    for path in saved[:1]:
        attribution_cues.set_model(path)


def test_units_are_the_subtrees_hung_on_the_cue_with_a_preposition_apart_from_its_object(nlp):
    doc = nlp("The council members agreed with the decision to reopen the school.")
    agreed = _token(doc, "agreed")
    found = {(u.kind, doc[min(u.tokens):max(u.tokens) + 1].text) for u in units(agreed, cue_span(agreed))}
    assert found == {("c", "The council members"), ("prep", "with"), ("p", "the decision to reopen the school")}


def test_auxiliaries_and_negation_belong_to_the_cue(nlp):
    doc = nlp("The envoy has not endorsed the ceasefire proposal.")
    endorsed = _token(doc, "endorsed")
    assert [doc[i].text for i in sorted(cue_span(endorsed))] == ["has", "not", "endorsed"]


def test_probabilities_are_logistic_and_softmax():
    assert attribution_cues.cue_probability(["a", "b"], {"bias": -1.0, "weights": {"a": 1.0, "b": 0.5}}) == \
        pytest.approx(1 / (1 + math.exp(-0.5)))
    probabilities = attribution_cues.unit_probabilities(["d=nsubj"], _UNITS)
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert max(probabilities, key=probabilities.get) == SOURCE


def test_a_cue_reads_its_source_and_content_and_takes_the_preposition_of_its_content(nlp):
    doc = nlp("The council members agreed with the decision to reopen the school.")
    found = read_cue(_token(doc, "agreed"), _UNITS, 0.9, [False] * len(doc))
    assert found is not None
    assert [doc[i].text for i in found.cue] == ["agreed", "with"]
    assert doc[slice(*found.source)].text == "The council members"
    assert doc[slice(*found.content)].text == "the decision to reopen the school"


def test_a_span_may_not_cut_a_hyphenated_word(nlp):
    doc = nlp("The town, eager to vote, re-elected its mayor.")
    words = [t.text for t in doc]
    re_at, vote_at = words.index("re"), words.index("vote")
    assert not splits_word(doc, vote_at - 2, vote_at + 1)  # "eager to vote"
    assert splits_word(doc, vote_at - 1, re_at + 1)  # "to vote, re"
    assert splits_word(doc, re_at + 2, re_at + 4)  # "elected its"
    assert not splits_word(doc, re_at, re_at + 3)  # "re-elected"


def test_the_detector_adds_an_attribution_the_rules_miss(nlp, monkeypatch, cue_model):
    doc = nlp("The council members agreed with the decision to reopen the school.")
    assert find_attributions(doc, learned=False) == []
    monkeypatch.setattr(attribution_tagger, "available", lambda: True)
    monkeypatch.setattr(attribution_tagger, "tag_doc", lambda *_args, **_kw: ["O"] * len(doc))
    monkeypatch.setattr(attribution_tagger, "learned_cue", lambda lemma: lemma == "agree")
    cue_model({"l=agree": 10.0}, ["agree"])
    (found,) = find_attributions(doc)
    assert found.claim.cue.text == "agreed with"
    assert found.source.text == "The council members"
    assert found.claim.content.text == "the decision to reopen the school"


def test_the_detector_keeps_the_rules_claims_and_leaves_verbs_of_force_alone(nlp, monkeypatch, cue_model):
    monkeypatch.setattr(attribution_tagger, "available", lambda: True)
    monkeypatch.setattr(attribution_tagger, "learned_cue", lambda lemma: lemma == "agree")
    cue_model({"l=attack": 10.0, "l=say": 10.0}, ["attack", "say"])
    for text in ("Russian forces attacked the village near the river crossing.",  # an object, not a clause
                 "The mayor said the bridge was closed."):  # the rules' own claim
        doc = nlp(text)
        monkeypatch.setattr(attribution_tagger, "tag_doc", lambda *_args, _doc=doc, **_kw: ["O"] * len(_doc))
        assert find_attributions(doc) == find_attributions(doc, learned=False), text


def test_without_weights_nothing_is_added(nlp, monkeypatch):
    doc = nlp("The council members agreed with the decision to reopen the school.")
    monkeypatch.setattr(attribution_tagger, "available", lambda: True)
    monkeypatch.setattr(attribution_tagger, "tag_doc", lambda *_args, **_kw: ["O"] * len(doc))
    saved = attribution_cues.set_model(None)
    try:
        assert find_attributions(doc) == []
    finally:
        attribution_cues.set_model(saved)


def test_the_shipped_weights_are_described_by_the_card():
    if not attribution_cues.available() or not attribution_tagger.available():
        pytest.skip("no trained attribution models in this checkout")
    card = attribution_tagger.card()["cue_detector"]
    assert card["size_bytes"] == attribution_cues.MODEL_PATH.stat().st_size
    assert card["settings"]["cue_threshold"] == attribution_cues.CUE_THRESHOLD


def test_the_clause_a_cue_hangs_on_is_never_its_content(nlp):
    doc = nlp("The crowd cheered as the council members agreed with the decision.")
    agreed = _token(doc, "agreed")
    assert any(u.kind == "up" for u in units(agreed, cue_span(agreed)))
    eager = {**_UNITS, "weights": {**_UNITS["weights"], "k=up": [9.0, 0.0, 0.0]}}  # calls the clause content
    found = read_cue(agreed, eager, 0.9, [False] * len(doc))
    assert found is not None and doc[slice(*found.content)].text == "the decision"


def test_a_known_cue_after_its_clause_is_left_to_the_rules(nlp, monkeypatch, cue_model):
    # the rules read "X, the mayor said"; where they read nothing ("wants" after a clause), the detector adds nothing
    doc = nlp("Water supplies ran short last week, the council wants.")
    monkeypatch.setattr(attribution_tagger, "available", lambda: True)
    monkeypatch.setattr(attribution_tagger, "tag_doc", lambda *_args, **_kw: ["O"] * len(doc))
    monkeypatch.setattr(attribution_tagger, "learned_cue", lambda lemma: True)
    cue_model({"l=want": 10.0}, ["want"])
    weights = {**_UNITS, "weights": {**_UNITS["weights"], "d=ccomp": [5.0, 0.0, 0.0]}}
    wants = _token(doc, "wants")
    found = read_cue(wants, weights, 0.9, [False] * len(doc))
    assert found is not None and found.content[1] <= wants.i  # the detector itself would read the clause
    monkeypatch.setattr(attribution_cues, "read_cue", lambda *_args: found)
    assert find_attributions(doc) == find_attributions(doc, learned=False)
