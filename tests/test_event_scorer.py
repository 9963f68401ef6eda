"""The learned event-type scorer: the candidates it reads, its linear model, the shipped model and its card, and
training on a tiny synthetic set (sentences written for these tests)."""

from __future__ import annotations

import json

import pytest

from warlog.evaluate.events import Snippet, data_hash, learned_scorer_card
from warlog.extract.event_scorer import (
    CARD_PATH,
    MODEL_PATH,
    LinearScorer,
    load_scorer,
    rules_off,
    select,
    snippet_features,
)
from warlog.extract.event_types import CASE_LABELS, classify_event, weighed

SENTENCES = (
    "Government warplanes bombed a rebel base near the town on Monday, killing five fighters.",
    "Hundreds of students marched peacefully through the capital to demand lower tuition fees.",
    "Police arrested three men suspected of smuggling rifles across the border.",
    "The foreign ministers of both countries signed a trade agreement in Geneva.",
)



def test_weighed_orders_candidates_as_classify_event_does(nlp):
    for text in SENTENCES:
        span = nlp(text)[:]
        weighing = weighed(span)
        result = classify_event(span, learned=False)
        assert weighing.candidates, text
        assert weighing.candidates[0].label == result.label
        assert doc_token(span, weighing.candidates[0].token_i) == result.trigger_i
        assert [c.score for c in weighing.candidates] == sorted((c.score for c in weighing.candidates), reverse=True)


def doc_token(span, i: int) -> int:
    return span.doc[i].i


def test_features_name_their_group(nlp):
    span = nlp(SENTENCES[0])[:]
    features = snippet_features(span)
    assert features["R:top=AIR_STRIKE"] == 1.0
    assert "P:lemma=bomb" in features
    assert any(name.startswith("L:cue=W_AIR") for name in features)
    assert "W:warplane" in features
    assert set(select(features, "R")) == {name for name in features if name.startswith("R:")}
    assert all(0.0 <= value <= 1.0 for value in features.values())


def test_features_are_read_with_the_dev_rules_off(nlp):
    span = nlp(SENTENCES[2])[:]
    assert snippet_features(span) == snippet_features(span, weighed(span, disabled=rules_off()))
    assert "lexicon.dev_entries" in rules_off()


def test_linear_scorer_predicts_and_round_trips():
    scorer = LinearScorer(["A", "B"], "RL", {"R:x": 0, "L:y": 1, "W:z": 2},
                          [[2.0, 0.0], [0.0, 3.0], [0.0, 100.0]], [0.0, 0.5])
    assert scorer.predict({"R:x": 1.0}) == "A"
    assert scorer.predict({"R:x": 1.0, "L:y": 1.0}) == "B"
    assert scorer.predict({"R:x": 1.0, "W:z": 1.0}) == "A"  # W is not among the scorer's groups
    assert scorer.predict({"R:unseen": 1.0}) == "B"  # the intercept alone
    again = LinearScorer.from_json(json.loads(json.dumps(scorer.to_json())))
    assert again.predict({"R:x": 1.0, "L:y": 1.0}) == "B" and again.features == scorer.features
    with pytest.raises(ValueError):
        LinearScorer.from_json({"format": "something else"})


def test_shipped_scorer_matches_its_card():
    card = json.loads(CARD_PATH.read_text(encoding="utf-8"))
    scorer = load_scorer()
    assert card["size_bytes"] == MODEL_PATH.stat().st_size <= 20_000_000
    assert card["features"] == len(scorer.features)
    assert sorted(scorer.labels) == sorted(CASE_LABELS)
    assert card["config"]["feature_groups"] == scorer.groups
    assert card["rules_off"] == sorted(rules_off())
    assert len(card["data"]["sha256"]) == len(card["rules_sha256"]) == 64
    cv = card["cross_validation"]
    assert len(cv["learned"]["folds"]) == len(cv["rules_without_dev_rules"]["folds"]) == 5
    for block in (cv["learned"], cv["rules_without_dev_rules"]):
        mean = sum(row["weighted_f1"] for row in block["folds"]) / 5
        assert block["mean"]["weighted_f1"] == pytest.approx(mean, abs=1e-3)


def test_learned_typing_is_opt_in(nlp, monkeypatch):
    monkeypatch.delenv("WARLOG_EVENT_SCORER", raising=False)
    for text in SENTENCES:
        span = nlp(text)[:]
        rules = classify_event(span)
        assert rules == classify_event(span, learned=False)
        learned = classify_event(span, learned=True)
        assert learned.case_label in CASE_LABELS
        monkeypatch.setenv("WARLOG_EVENT_SCORER", "learned")
        assert classify_event(span) == learned
        monkeypatch.delenv("WARLOG_EVENT_SCORER")
    assert classify_event(nlp(SENTENCES[0])[:], learned=True).case_label == "AIR_STRIKE"
    assert classify_event(nlp(SENTENCES[1])[:], learned=True).case_label == "PEACE_PROTEST"


def test_eval_reports_the_scorer_by_its_card_only():
    snippets = [Snippet("1", SENTENCES[0], "AIR_STRIKE")]
    block = learned_scorer_card(snippets)
    assert block["installed"] and not block["default"] and not block["trained_on_this_file"]
    assert block["rules_changed_since_training"] in (True, False)
    assert set(block["cross_validation"]) >= {"learned", "rules_without_dev_rules"}


def test_training_on_a_tiny_synthetic_set(tmp_path, nlp):
    pytest.importorskip("sklearn")
    from warlog.training.events import Table, featurize, train_events

    texts = {
        "AIR_STRIKE": "Fighter jets struck a depot outside {} overnight.",
        "PEACE_PROTEST": "Residents of {} held a quiet rally against the new road tax.",
        "ARREST": "Officers in {} detained a local official on bribery charges.",
    }
    towns = ["Alder", "Brook", "Cedar", "Dale", "Elm", "Fern"]
    snippets = [Snippet(f"{label}-{n}", template.format(town), label)
                for label, template in texts.items() for n, town in enumerate(towns)]
    table = featurize(list(nlp.pipe(s.text for s in snippets)), [s.label for s in snippets])
    assert isinstance(table, Table) and len(table.rows) == len(snippets)
    model, card_path = tmp_path / "scorer.json", tmp_path / "scorer.card.json"
    card = train_events(model_path=model, card_path=card_path, family="linsvm", snippets=snippets, table=table)
    assert card == json.loads(card_path.read_text(encoding="utf-8"))
    assert card["data"]["sha256"] == data_hash(snippets) and card["data"]["snippets"] == 18
    assert card["size_bytes"] == model.stat().st_size
    assert len(card["cross_validation"]["learned"]["folds"]) == 5
    scorer = LinearScorer.from_json(json.loads(model.read_text(encoding="utf-8")))
    assert scorer.predict_many(table.rows) == table.gold


def test_parse_path_stops_at_the_root_and_a_root_has_no_head(nlp):
    # the trigger "stormed" is the sentence's root: its path is its own relation, and no word heads it
    span = nlp("Armed men stormed a village school before dawn.")[:]
    features = snippet_features(span, weighed(span))
    root = next(t for t in span if t.dep_ == "ROOT")
    assert weighed(span).candidates[0].token_i == root.i
    assert "P:path=ROOT" in features
    assert not any(name.startswith("P:head=") for name in features)
    # a trigger below the root walks up to it and no further
    span = nlp("Residents said the attack on the school killed four pupils.")[:]
    paths = [name for name in snippet_features(span, weighed(span)) if name.startswith("P:path=")]
    assert paths and all(path.count("ROOT") <= 1 for path in paths)
