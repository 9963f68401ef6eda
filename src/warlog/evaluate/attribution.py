"""Attribution (who said what) against PolNeAR dev.

Gold data: the dev split of PolNeAR v1.0.0 (Newell et al., LREC 2018), read from
`<gold>/attribution/PolNeAR-dev` where `<gold>` is, in order: the `gold_dir` argument, the environment
variable `WARLOG_GOLD_DIR`, or `../shared/gold` next to the repository root. Either the gold root or the
PolNeAR directory itself may be given. Articles are `text/NAME.txt`; annotations are brat standoff
files `attributions/NAME_XXXX.ann` (XXXX names the annotator). Where several annotators annotated one
article, the first annotation file in sorted file-name order is used, so the choice is deterministic
and independent of the system's output. The .ann offsets are character offsets into the .txt read as
UTF-8 text (checked: each span's text, discontinuous pieces joined by a space, equals the annotation's
text; mismatches are counted in the result).

Each article is parsed with `warlog.extract.nlp.get_nlp()` and read by
`warlog.extract.claims.find_attributions` as warlog's pipeline reads a post: the first line (the
title) as a headline (`headline=True`), the rest as body, each parsed on its own with its offset.
A predicted attribution is the group of claims sharing one cue span (a quote continued after
"he said" is one attribution with several content pieces, as in PolNeAR, and so is a relative pronoun
that `find_attributions` keeps as a fragment of a content); its source is the speaker
as written (a pronoun stays a pronoun, as PolNeAR marks it), its cue the cue span, its content the
union of its content spans.

Matching. A predicted and a gold attribution are candidates when their content word sets overlap or
their cue spans overlap; pairs are made one-to-one, greedily, by the largest content overlap first
(then cue overlap, then document order). Unpaired predictions are false positives, unpaired gold
attributions false negatives.

Comparison of spans. Spans are compared as sets of word positions: the `\\w+` runs inside the span,
identified by their character offsets. Punctuation and quotation marks therefore do not count, and a
leading complementiser `that` is dropped from contents on both sides: PolNeAR keeps the quote marks
and the `that` in contents, warlog leaves them out, and neither convention is rewarded.

For each field (source, cue, content):
- exact: a true positive is a paired attribution whose field has the same non-empty word set on both
  sides; precision = TP / predictions with that field, recall = TP / gold attributions with that field.
- overlap (token level): precision = words shared by paired fields / all predicted words of that field,
  recall = shared words / all gold words of that field (unpaired attributions count in the denominators).
`attribution` reports pairing alone (any overlap). `speaker_resolved` scores `Claim.speaker` (pronouns
resolved to names) against the gold source, for information: PolNeAR marks the pronoun, so exact
matches there are not expected.

Speed is measured on `find_attributions` alone (the spaCy parse is timed separately) in words per
second, words being tokens that are not punctuation or space.

Anchors (from ../shared/gold/README.md): citron on PARC 3.0, source exact F1 0.820, content 0.593;
textacy's direct_quotations on PolNeAR dev, speaker exact F1 0.18.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from warlog.extract.claims import Attribution

GOLD_ENV = "WARLOG_GOLD_DIR"
POLNEAR_SUBDIR = Path("attribution") / "PolNeAR-dev"
FIELDS = ("source", "cue", "content", "speaker_resolved")
_WORD = re.compile(r"\w+")

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SpanSet:
    """One attribution as character ranges per field (a field may be empty or discontinuous)."""

    source: Ranges = ()
    cue: Ranges = ()
    content: Ranges = ()
    speaker_resolved: Ranges = ()


@dataclass
class GoldArticle:
    name: str
    text: str
    annotation_file: str
    attributions: list[SpanSet] = field(default_factory=list)
    mismatches: int = 0


# -- locating and loading the gold data -----------------------------------------------------------


def default_gold_dir() -> Path:
    """`WARLOG_GOLD_DIR`, or `../shared/gold` relative to the repository root."""
    env = os.environ.get(GOLD_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "gold"


def polnear_dir(gold_dir: str | Path | None = None) -> Path:
    """The PolNeAR-dev directory under a gold root (or the directory itself if given directly)."""
    root = Path(gold_dir) if gold_dir is not None else default_gold_dir()
    if (root / "text").is_dir() and (root / "attributions").is_dir():
        return root
    return root / POLNEAR_SUBDIR


def parse_ann(ann: str, text: str | None = None) -> tuple[list[SpanSet], int]:
    """Attributions in a brat .ann file, and how many span texts disagree with `text` at their offsets."""
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[list[tuple[str, str]]] = []
    mismatches = 0
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, offsets = parts[1].partition(" ")
            ranges = tuple(tuple(int(x) for x in piece.split()) for piece in offsets.split(";"))
            spans[parts[0]] = (kind, ranges)  # type: ignore[assignment]
            if text is not None and len(parts) > 2:
                if " ".join(text[a:b] for a, b in ranges) != parts[2]:
                    mismatches += 1
        elif parts[0].startswith("E"):
            events.append([tuple(arg.split(":", 1)) for arg in parts[1].split()])  # type: ignore[misc]
    attributions: list[SpanSet] = []
    for args in events:
        if not args or not args[0][0].startswith("Attribution"):
            continue
        roles: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        for role, ref in args[1:]:
            role = role.rstrip("0123456789")
            if role in roles and ref in spans:
                roles[role].extend(spans[ref][1])
        attributions.append(SpanSet(source=tuple(roles["Source"]), cue=tuple(roles["Cue"]),
                                    content=tuple(roles["Content"])))
    return attributions, mismatches


def load_polnear(gold_dir: str | Path | None = None, limit: int | None = None) -> list[GoldArticle]:
    """PolNeAR dev articles with one annotator's attributions each (the first .ann in sorted order)."""
    base = polnear_dir(gold_dir)
    text_dir, ann_dir = base / "text", base / "attributions"
    by_article: dict[str, list[Path]] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        by_article.setdefault(name, []).append(path)
    articles: list[GoldArticle] = []
    for name in sorted(by_article):
        text_path = text_dir / f"{name}.txt"
        if not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        chosen = by_article[name][0]
        attributions, mismatches = parse_ann(chosen.read_text(encoding="utf-8"), text)
        articles.append(GoldArticle(name, text, chosen.name, attributions, mismatches))
        if limit is not None and len(articles) >= limit:
            break
    return articles


# -- predictions ----------------------------------------------------------------------------------


def predicted_spans(attributions: Iterable[Attribution]) -> list[SpanSet]:
    """warlog's claims grouped by cue into PolNeAR-shaped attributions."""
    groups: dict[tuple[int, int], list[Attribution]] = {}
    order: list[tuple[int, int]] = []
    for found in attributions:
        claim = found.claim
        key = (claim.cue.start, claim.cue.end) if claim.cue is not None else (claim.content.start, -1)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(found)
    out: list[SpanSet] = []
    for key in order:
        members = groups[key]
        first = members[0]
        cue = ((first.claim.cue.start, first.claim.cue.end),) if first.claim.cue is not None else ()
        source = ((first.source.start, first.source.end),) if first.source is not None else ()
        speaker = first.claim.speaker
        out.append(SpanSet(
            source=source,
            cue=cue,
            content=tuple((m.claim.content.start, m.claim.content.end) for m in members),
            speaker_resolved=((speaker.start, speaker.end),) if speaker is not None else (),
        ))
    return out


# -- metrics --------------------------------------------------------------------------------------


def words(text: str, ranges: Sequence[tuple[int, int]], drop_that: bool = False) -> frozenset[tuple[int, int]]:
    """Word positions (`\\w+` runs) inside the ranges; optionally without a leading `that`."""
    found: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        found += [(a + m.start(), a + m.end()) for m in _WORD.finditer(text[a:b])]
    found.sort()
    if drop_that and found and text[found[0][0]:found[0][1]].lower() == "that" and len(found) > 1:
        found = found[1:]
    return frozenset(found)


def _field_words(text: str, spans: SpanSet, name: str) -> frozenset[tuple[int, int]]:
    return words(text, getattr(spans, name), drop_that=name == "content")


def match(text: str, predicted: Sequence[SpanSet], gold: Sequence[SpanSet]) -> list[tuple[int, int]]:
    """One-to-one pairs (prediction index, gold index), by content overlap then cue overlap."""
    candidates: list[tuple[int, int, int, int]] = []
    pred_content = [_field_words(text, p, "content") for p in predicted]
    gold_content = [_field_words(text, g, "content") for g in gold]
    pred_cue = [_field_words(text, p, "cue") for p in predicted]
    gold_cue = [_field_words(text, g, "cue") for g in gold]
    for i in range(len(predicted)):
        for j in range(len(gold)):
            content = len(pred_content[i] & gold_content[j])
            cue = len(pred_cue[i] & gold_cue[j])
            if content or cue:
                candidates.append((content, cue, i, j))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, i, j in candidates:
        if i in used_pred or j in used_gold:
            continue
        used_pred.add(i)
        used_gold.add(j)
        pairs.append((i, j))
    return pairs


@dataclass
class Counts:
    """Running totals for one field."""

    exact_tp: int = 0
    predicted: int = 0
    gold: int = 0
    overlap: int = 0
    predicted_words: int = 0
    gold_words: int = 0

    def add(self, text: str, name: str, predicted: Sequence[SpanSet], gold: Sequence[SpanSet],
            pairs: Iterable[tuple[int, int]]) -> None:
        pred_words = [_field_words(text, p, name) for p in predicted]
        gold_words = [_field_words(text, g, name) for g in gold]
        self.predicted += sum(1 for w in pred_words if w)
        self.gold += sum(1 for w in gold_words if w)
        self.predicted_words += sum(len(w) for w in pred_words)
        self.gold_words += sum(len(w) for w in gold_words)
        for i, j in pairs:
            shared = pred_words[i] & gold_words[j]
            self.overlap += len(shared)
            if pred_words[i] and pred_words[i] == gold_words[j]:
                self.exact_tp += 1

    def scores(self) -> dict:
        return {
            "exact": prf(self.exact_tp, self.predicted, self.exact_tp, self.gold),
            "overlap": prf(self.overlap, self.predicted_words, self.overlap, self.gold_words),
            "predicted": self.predicted,
            "gold": self.gold,
        }


def prf(tp_p: float, n_pred: float, tp_r: float, n_gold: float) -> dict:
    """Precision, recall and F1 (rounded to 4 places) from true positives and denominators."""
    precision = tp_p / n_pred if n_pred else 0.0
    recall = tp_r / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score_documents(documents: Iterable[tuple[str, Sequence[SpanSet], Sequence[SpanSet]]]) -> dict:
    """Scores over (text, predicted, gold) triples: attribution pairing plus each field."""
    counts = {name: Counts() for name in FIELDS}
    n_pred = n_gold = n_pairs = 0
    for text, predicted, gold in documents:
        pairs = match(text, predicted, gold)
        n_pred += len(predicted)
        n_gold += len(gold)
        n_pairs += len(pairs)
        for name in FIELDS:
            gold_for_field = gold if name != "speaker_resolved" else [
                SpanSet(speaker_resolved=g.source) for g in gold]
            counts[name].add(text, name, predicted, gold_for_field, pairs)
    result: dict = {
        "predicted_attributions": n_pred,
        "gold_attributions": n_gold,
        "matched": n_pairs,
        "attribution": prf(n_pairs, n_pred, n_pairs, n_gold),
    }
    for name in FIELDS:
        result[name] = counts[name].scores()
    return result


# -- the whole run --------------------------------------------------------------------------------


def article_pieces(text: str) -> list[tuple[int, str, bool]]:
    """(offset, text, is headline): the first line read as a headline and the rest as body, as warlog reads a
    post; the whole text as body when it has no title line."""
    title_end = text.find("\n")
    if title_end <= 0:
        return [(0, text, False)]
    return [(0, text[:title_end], True), (title_end + 1, text[title_end + 1:], False)]


def run_article(nlp, text: str) -> tuple[list[Attribution], list[Attribution], dict]:
    """Claims of one article, as warlog reads it and with the rules alone; with timings.

    The first line is read as a headline, the rest as body. The rules-alone reading is what the learned
    tagger is measured against; the timings are of warlog's own reading.
    """
    from warlog.extract.claims import find_attributions

    found: list[Attribution] = []
    rules_only: list[Attribution] = []
    timing = {"parse_seconds": 0.0, "extract_seconds": 0.0, "words": 0}
    for base, piece, headline in article_pieces(text):
        started = time.perf_counter()
        doc = nlp(piece)
        parsed = time.perf_counter()
        found += find_attributions(doc, base, headline=headline)
        timing["extract_seconds"] += time.perf_counter() - parsed
        timing["parse_seconds"] += parsed - started
        timing["words"] += sum(1 for t in doc if not (t.is_punct or t.is_space))
        rules_only += find_attributions(doc, base, headline=headline, learned=False)
    return found, rules_only, timing


def evaluate_attribution(gold_dir: str | Path | None = None, limit: int | None = None) -> dict:
    """Run claim extraction over PolNeAR dev and score it; a JSON-serialisable dict.

    A missing gold set gives {"error": ..., "gold_dir": ...} rather than an exception. `rules_only` holds
    the headline figures of the rules without the learned tagger, for comparison.
    """
    base = polnear_dir(gold_dir)
    if not (base / "text").is_dir() or not (base / "attributions").is_dir():
        return {
            "error": (f"PolNeAR dev not found at {base}: expected text/ and attributions/ there; pass "
                      f"gold_dir or set {GOLD_ENV} to the gold directory (../shared/gold)"),
            "gold_dir": str(base),
        }
    articles = load_polnear(base, limit)
    if not articles:
        return {"error": f"no annotated articles found under {base}", "gold_dir": str(base)}

    from warlog.extract import attribution_tagger
    from warlog.extract.nlp import get_nlp

    nlp = get_nlp()
    documents = []
    rules_documents = []
    parse_seconds = extract_seconds = 0.0
    n_words = 0
    for article in articles:
        found, rules_only, timing = run_article(nlp, article.text)
        parse_seconds += timing["parse_seconds"]
        extract_seconds += timing["extract_seconds"]
        n_words += timing["words"]
        documents.append((article.text, predicted_spans(found), article.attributions))
        rules_documents.append((article.text, predicted_spans(rules_only), article.attributions))
    rules = score_documents(rules_documents)
    result = {
        "dataset": "PolNeAR v1.0.0 dev",
        "gold_dir": str(base),
        "articles": len(articles),
        "annotation_choice": "first .ann file per article in sorted file-name order",
        "offset_mismatches": sum(a.mismatches for a in articles),
        "learned_tagger": attribution_tagger.available(),
        **score_documents(documents),
        "rules_only": {name: rules[name]["exact"]["f1"] for name in ("source", "cue", "content")}
        | {"attribution": rules["attribution"]["f1"]},
        "words": n_words,
        "extract_seconds": round(extract_seconds, 3),
        "extract_words_per_second": round(n_words / extract_seconds) if extract_seconds else None,
        "parse_seconds": round(parse_seconds, 3),
        "parse_words_per_second": round(n_words / parse_seconds) if parse_seconds else None,
        "anchors": {"citron_parc3_source_exact_f1": 0.820, "citron_parc3_content_exact_f1": 0.593,
                    "textacy_polnear_dev_speaker_exact_f1": 0.18},
    }
    return result


if __name__ == "__main__":  # pragma: no cover - a convenience: python -m warlog.evaluate.attribution
    import json
    import sys

    print(json.dumps(evaluate_attribution(sys.argv[1] if len(sys.argv) > 1 else None), indent=2))
