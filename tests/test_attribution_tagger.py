"""The learned attribution tagger: tags to attributions, gold to tags, training, and how it joins the rules.

The sentences are written for these tests. The shipped model's accuracy is measured by `warlog eval
attribution` on PolNeAR dev, not here; here we check that each piece does its job and that the rules'
claims are never replaced by the tagger's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warlog.evaluate.attribution import SpanSet
from warlog.extract import attribution_tagger
from warlog.extract.attribution_features import doc_features, quote_state, rule_roles
from warlog.extract.attribution_tagger import decode, spans_of
from warlog.extract.claims import find_attributions
from warlog.extract.nlp import get_nlp
from warlog.training.attribution import Settings, gold_tags, train_attribution


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def _tags(doc, labelled: dict[str, str]) -> list[str]:
    """BIO tags from {first word of a span: 'LABEL:length'} (a small notation for hand-made tag sequences)."""
    tags = ["O"] * len(doc)
    for token in doc:
        spec = labelled.get(token.text)
        if spec and tags[token.i] == "O":
            label, length = spec.split(":")
            tags[token.i] = f"B-{label}"
            for i in range(token.i + 1, token.i + int(length)):
                tags[i] = f"I-{label}"
    return tags


def test_spans_never_cross_a_sentence_and_a_stray_inside_tag_opens_one():
    tags = ["B-SRC", "I-SRC", "B-CUE", "I-CON", "I-CON", "I-CON", "O", "B-CON"]
    assert spans_of(tags, [(0, 4), (4, 8)]) == [("SRC", 0, 2), ("CUE", 2, 3), ("CON", 3, 4), ("CON", 4, 6),
                                                 ("CON", 7, 8)]


def test_a_cue_anchors_its_source_and_content(nlp):
    doc = nlp("The regional governor said the bridge near the village was destroyed overnight.")
    tags = _tags(doc, {"The": "SRC:3", "said": "CUE:1", "the": "CON:8"})
    (found,) = decode(doc, tags)
    assert doc[slice(*found.source)].text == "The regional governor"
    assert doc[slice(*found.cue)].text == "said"
    assert [doc[slice(*c)].text for c in found.content] == ["the bridge near the village was destroyed overnight"]


def test_a_quote_running_over_sentences_stays_with_its_cue_and_a_cue_without_content_is_dropped(nlp):
    doc = nlp('The commander said: "We held the line. We lost no one." Nobody answered.')
    sentences = list(doc.sents)
    assert len(sentences) >= 2
    second = sentences[1]
    tags = ["O"] * len(doc)
    tags[0], tags[1], tags[2] = "B-SRC", "I-SRC", "B-CUE"
    first_quote = next(t.i for t in doc if t.text == "We")
    end_first = next(t.i for t in doc if t.text == "line")
    tags[first_quote] = "B-CON"
    for i in range(first_quote + 1, end_first + 1):
        tags[i] = "I-CON"
    tags[second.start] = "B-CON"
    for i in range(second.start + 1, second.end - 1):
        tags[i] = "I-CON"
    answered = next(t.i for t in doc if t.text == "answered")
    tags[answered] = "B-CUE"  # a cue with no content of its own is no attribution
    found = decode(doc, tags)
    assert len(found) == 1
    assert len(found[0].content) == 2


def test_quote_state_follows_curly_and_straight_marks(nlp):
    doc = nlp('He said \u201cwe will return\u201d and then "never again" twice.')
    inside = {t.text: q for t, q in zip(doc, quote_state(doc), strict=True)}
    assert inside["return"] and inside["never"]
    assert not inside["then"] and not inside["twice"]


def test_features_carry_the_rules_answer(nlp):
    doc = nlp("Police said two men were arrested near the market.")
    roles = rule_roles(doc, find_attributions(doc, learned=False))
    features = doc_features(doc, roles)
    said = next(t.i for t in doc if t.text == "said")
    men = next(t.i for t in doc if t.text == "men")
    assert "r=CUE" in features[said] and "c=1" in features[said]
    assert "r=CON" in features[men]
    assert any(f.startswith("path=") and f != "path=none" for f in features[men])


def test_gold_spans_become_bio_tags_and_a_shared_source_keeps_one_span(nlp):
    text = "The spokesman said the talks failed and added that a new round is planned."
    doc = nlp(text)

    def at(phrase: str) -> tuple[tuple[int, int], ...]:
        start = text.index(phrase)
        return ((start, start + len(phrase)),)

    gold = [SpanSet(source=at("The spokesman"), cue=at("said"), content=at("the talks failed")),
            SpanSet(source=at("The spokesman"), cue=at("added"), content=at("a new round is planned"))]
    tags = gold_tags(doc, 0, gold)
    assert tags[:3] == ["B-SRC", "I-SRC", "B-CUE"]
    assert tags[3:6] == ["B-CON", "I-CON", "I-CON"]
    added = next(t.i for t in doc if t.text == "added")
    assert tags[added] == "B-CUE" and tags[added + 1] == "O" and tags[added + 2] == "B-CON"


def test_the_tagger_only_adds_what_the_rules_miss(nlp, monkeypatch):
    doc = nlp("Officials said the convoy was hit. The villagers remain convinced the army will return.")
    rules = find_attributions(doc, learned=False)
    assert [a.claim.cue.text for a in rules] == ["said"]
    tags = _tags(doc, {"Officials": "SRC:1", "said": "CUE:1", "the": "CON:3", "villagers": "SRC:1",
                       "convinced": "CUE:1"})
    army = next(t.i for t in doc if t.text == "army")
    tags[army - 1:army + 3] = ["B-CON", "I-CON", "I-CON", "I-CON"]
    monkeypatch.setattr(attribution_tagger, "available", lambda: True)
    monkeypatch.setattr(attribution_tagger, "tag_doc", lambda *_args, **_kw: tags)
    monkeypatch.setattr(attribution_tagger, "learned_cue", lambda lemma: lemma.startswith("convince"))
    combined = find_attributions(doc)
    by_cue = {a.claim.cue.text: a for a in combined}
    assert set(by_cue) == {"said", "convinced"}
    assert by_cue["said"].claim.content.text == rules[0].claim.content.text  # the rules' claim is kept as it was
    assert by_cue["convinced"].claim.content.text == "the army will return"
    assert by_cue["convinced"].source.text == "villagers"


def test_a_tagged_cue_needs_a_word_used_as_a_cue_a_source_that_can_speak_and_a_content(nlp, monkeypatch):
    monkeypatch.setattr(attribution_tagger, "available", lambda: True)
    monkeypatch.setattr(attribution_tagger, "learned_cue", lambda lemma: lemma in {"blast", "fret"})
    cases = [
        # a word PolNeAR's writers rarely use as a cue ("block"), though the tags say so
        ("The court blocked the sale of the depot near the front.", {"court": "SRC:1", "blocked": "CUE:1",
                                                                      "sale": "CON:6"}),
        # a cue word, but no one to say it: war news blasts with weapons
        ("A missile blasted a hole in the wall of the school.", {"missile": "SRC:1", "blasted": "CUE:1",
                                                                 "hole": "CON:7"}),
        # a speaker and a cue word, but nothing said
        ("The minister fretted again.", {"minister": "SRC:1", "fretted": "CUE:1", "again": "CON:1"}),
    ]
    for text, labelled in cases:
        doc = nlp(text)
        tags = _tags(doc, labelled)
        monkeypatch.setattr(attribution_tagger, "tag_doc", lambda *_args, _tags=tags, **_kw: _tags)
        assert find_attributions(doc) == find_attributions(doc, learned=False), text


def _write_article(root: Path, name: str, sentences: list[tuple[str, str, str]]) -> None:
    """A PolNeAR-shaped article (title line, body) with brat annotations of its attributions."""
    text = f"Report {name}\n"
    ann = []
    k = 0
    for source, cue, content in sentences:
        start = len(text)
        text += f"{source} {cue} {content}. "
        spans = (("Source", start, source), ("Cue", start + len(source) + 1, cue),
                 ("Content", start + len(source) + len(cue) + 2, content))
        ids = []
        for label, at, words in spans:
            k += 1
            ids.append(f"T{k}")
            ann.append(f"T{k}\t{label} {at} {at + len(words)}\t{words}")
        k += 1
        cue_at = spans[1][1]
        ann.append(f"T{k}\tAttribution {cue_at} {cue_at + len(cue)}\t{cue}")
        ann.append(f"E{k}\tAttribution:T{k} Content:{ids[2]} Cue:{ids[1]} Source:{ids[0]}")
    (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "attributions" / f"{name}_0001.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")


def test_training_writes_a_model_and_a_card_scored_on_held_back_articles(tmp_path):
    root = tmp_path / "train"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    speakers = ["The mayor", "A police spokesman", "The ministry", "Local residents", "The governor"]
    cues = ["said", "claimed", "believes", "warned", "reported"]
    contents = ["the market was shelled", "two soldiers were captured", "the road is closed",
                "the river crossing was mined", "aid trucks were turned back"]
    for n in range(12):
        _write_article(root, f"article{n:02d}", [(speakers[(n + i) % 5], cues[(n + 2 * i) % 5], contents[(n + i) % 5])
                                                 for i in range(3)])
    model, card_path = tmp_path / "out" / "model.crfsuite", tmp_path / "out" / "card.json"
    cues = tmp_path / "out" / "cues.json"
    cue_model = tmp_path / "out" / "cue_model.json"
    card = train_attribution(root, model, card_path, cues, Settings(iterations=15), cue_model_path=cue_model)
    assert model.stat().st_size > 0
    written = json.loads(card_path.read_text())
    assert written["data"]["articles"] == 12 and written["data"]["held_back"] == 2
    assert len(written["data"]["sha256"]) == 64
    assert set(written["held_back_scores"]) == {"rules", "rules_and_tagger", "rules_tagger_and_cues"}
    weights = json.loads(cue_model.read_text())
    assert written["cue_detector"]["size_bytes"] == cue_model.stat().st_size
    assert weights["unit"]["labels"] == sorted(weights["unit"]["labels"]) and "say" in weights["cue_lemmas"]
    assert card["size_bytes"] == model.stat().st_size
    counts = json.loads(cues.read_text())
    assert counts["say"][0] <= counts["say"][1] and all(n >= 3 for n, _total in counts.values())


def test_the_shipped_model_has_a_card_produced_by_training():
    if not attribution_tagger.available():
        pytest.skip("no trained attribution model in this checkout")
    card = attribution_tagger.card()
    assert card["data"]["set"] == "PolNeAR v1.0.0 train"
    assert card["size_bytes"] == attribution_tagger.MODEL_PATH.stat().st_size
    assert card["size_bytes"] < 20_000_000


def test_a_source_acting_inside_the_content_is_no_speaker(nlp, monkeypatch):
    # "officials opposing the plan closed the school": the officials close the school; nobody says anything
    doc = nlp("Local officials opposing the plan closed the school.")
    tags = _tags(doc, {"Local": "SRC:2", "opposing": "CUE:1", "the": "CON:5"})
    monkeypatch.setattr(attribution_tagger, "available", lambda: True)
    monkeypatch.setattr(attribution_tagger, "tag_doc", lambda *_args, **_kw: tags)
    monkeypatch.setattr(attribution_tagger, "learned_cue", lambda lemma: lemma == "oppose")
    assert find_attributions(doc) == find_attributions(doc, learned=False)
