"""A single-page check, not a gold set: the pipeline on the example page against the analyst's expectations.

There is no public gold data for casualties, event dates or the claims ledger, so `warlog eval example`
scores the whole pipeline on each page in `../shared/examples/` that has a `NAME.expected.md` beside
its `NAME.txt`. The expectations are read from the markdown generically: the pipe table of the section
whose heading starts with "Events" (columns found by the words event, type, actor, place, date,
killed), the one under "Claims ledger" (subject, figure, qualifier, source), and the quoted time
phrases with their resolved dates ('"on Saturday" → 2 Nov'). Nothing of the page is restated in code.
One page is a handful of items: the figures say whether the pipeline works end to end, not how well it
generalises, and the example was read while writing the rules (development figures at best).

Events. The table lists incidents "e.g.", not exhaustively, so only recall-like figures are given.
Each expected row is paired with at most one predicted non-generic event: the one whose evidence
sentence shares the most content words with the row's description (at least two; word stems are their
first five letters), pairs made greedily, best first. Fields are then scored on the pairs, an unpaired
row counting as wrong wherever it expects something:
- type: the PLOVER type is one of the row's upper-case codes; ACLED: the predicted sub-event or event
  type starts with one of the names after the arrow;
- actor / target: the predicted span shares a word stem with the expected one (overlap), or names the
  expected side by its capital or nationality as warlog reads sides ("Moscow" for Russia), and an expected
  "civilians" is matched by a target warlog reads as civilian (ACLED's civilian targeting); the target is
  the event's target, else its second actor; "A ↔ B" (two sides, no direction) is right in either order;
- place: the expected place name, resolved by warlog's gazetteer resolver, lies within 161 km of the
  event's resolved place, and (separately) the precision word in brackets (city, region, country) is
  the predicted one ("region" is read as warlog's admin1 or region: analysts call an oblast a region);
- date: day-exact where the row gives a day ("day of the post" is the publication date), month where
  it gives only a month, "on or before D": no predicted date after D;
- killed / injured: exact accuracy of the figure (any of the alternatives the row gives: "1 …; 2 per
  mayor"); a figure predicted where the row expects none is counted as spurious.

Ledger. For each expected row and each of its alternatives ("1 vs 2", with sources "A vs B"): found
when the document's ledger has a figure of that value ("half of N" matches a fraction of N), ties
broken by shared words with the subject then the source; then the qualifier exactly ("—" is exact)
and the source (a capitalised word of the expected source in the figure's speaker, role or
affiliation; "no speaker" expects none).

Verdicts. Each row (each alternative of a ledger row) is "right" when every field scored on it is right,
"partly" when it was found with some field wrong (the wrong fields are listed), "missed" when it was not
found; `fully_right` is the share of right rows over events and ledger together, the issue's row-by-row goal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from warlog.evaluate.markdown import MarkdownTable, section, tables

LABEL = "single-page check against the analyst's expectations (not a gold set)"
MAX_KM = 161.0
_MONTHS = {m: n for n, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_DAY = re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]+)\.?\s+(\d{4})\b")
_MONTH = re.compile(r"\b([A-Z][a-z]+)\s+(\d{4})\b")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_STOP = {"the", "and", "for", "from", "with", "into", "over", "that", "this", "its", "their", "who", "what",
         "not", "are", "was", "were", "has", "have", "had", "but", "on", "in", "of", "to", "by", "at", "a", "an"}
_QUALIFIERS = ("at least", "more than", "as many as", "nearly", "over", "up to", "at most", "about", "around")
_FRACTIONS = ("half", "third", "quarter")
_PRECISIONS = ("point", "city", "admin2", "admin1", "region", "country")
# An analyst's "region" is an oblast or province (warlog's admin1) as often as an informal region (warlog's
# "region", e.g. Donbas); both are ACLED geo_precision 3, so either reading is right.
_PRECISION_READINGS = {"region": {"region", "admin1"}}
EVENT_FIELDS = ("paired", "plover_type", "acled_type", "actor_overlap", "target_overlap", "place_161km",
                "place_precision", "date_day_exact", "date_month", "date_on_or_before", "killed_exact",
                "injured_exact")


# -- small text helpers -----------------------------------------------------------------------------


def stems(text: str | None) -> set[str]:
    """Content words of `text` as five-letter stems, lower case, without stop words."""
    return {w[:5] for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in _STOP and len(w) > 1}


def _blank(cell: str | None) -> bool:
    return cell is None or cell.strip() in ("", "—", "-", "–")


def _month(word: str) -> int | None:
    return _MONTHS.get(word[:3].lower())


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@dataclass
class ExpectedDate:
    kind: str  # "day", "month" or "before"
    day: date


def parse_date(cell: str | None, published: date | None) -> ExpectedDate | None:
    """What a date cell expects: a day, a month, an upper bound ("on or before"), or nothing."""
    if _blank(cell):
        return None
    text = cell or ""
    before = "before" in text.lower()
    day = _DAY.search(text)
    if day and _month(day.group(2)):
        value = date(int(day.group(3)), _month(day.group(2)), int(day.group(1)))
        return ExpectedDate("before" if before else "day", value)
    if "day of the post" in text.lower() and published is not None:
        return ExpectedDate("day", published)
    month = _MONTH.search(text)
    if month and _month(month.group(1)):
        return ExpectedDate("month", date(int(month.group(2)), _month(month.group(1)), 1))
    return None


def parse_casualties(cell: str | None) -> dict[str, list[float]]:
    """killed/injured -> accepted figures ("injured 1 (…); 2 per mayor" gives injured [1, 2])."""
    found: dict[str, list[float]] = {}
    last: str | None = None
    for part in re.split(r"[;,]", cell or ""):
        words = part.strip().lower()
        kind = next((k for k in ("killed", "injured") if words.startswith(k)), None)
        if kind is not None:
            number = _NUMBER.search(words)
            if number:
                found.setdefault(kind, []).append(_number(number.group()))
                last = kind
            continue
        bare = re.match(r"(\d[\d,]*)\b", words)
        if bare and last is not None:  # an alternative figure for the kind just named
            found[last].append(_number(bare.group(1)))
    return found


def parse_type(cell: str | None) -> tuple[list[str], list[str]]:
    """PLOVER codes (upper-case words before the arrow) and ACLED names (after it)."""
    text = cell or ""
    head, arrow, tail = text.partition("→")
    codes = re.findall(r"\b[A-Z]{4,}\b", head)
    names = [n.strip(" ()") for n in re.split(r"\s+/\s+", tail)] if arrow else []  # "Air/drone strike" is one
    return codes, [n for n in names if n]


def parse_parties(cell: str | None) -> tuple[str | None, str | None]:
    """(actor, target) from "A → B", "A ↔ B" (either way) or a lone "A"."""
    if _blank(cell):
        return None, None
    for arrow in ("→", "↔"):
        if arrow in (cell or ""):
            actor, target = (p.strip() for p in (cell or "").split(arrow, 1))
            return actor or None, target or None
    return (cell or "").strip(), None


def parse_places(cell: str | None) -> tuple[list[str], str | None]:
    """Place names (", XX" country codes and brackets dropped; ";" separates alternatives) and precision."""
    if _blank(cell):
        return [], None
    text = cell or ""
    precision = next((w for w in re.findall(r"\(([^)]*)\)", text) if w.strip() in _PRECISIONS), None)
    names = []
    for part in re.sub(r"\([^)]*\)", "", text).split(";"):
        name = re.sub(r",\s*[A-Z]{2}\b", "", part).strip(" ,")
        if name:
            names.append(name)
    return names, precision


# -- the page and the pipeline's output --------------------------------------------------------------


def published_date(markdown: str) -> date | None:
    """The publication date the analyst resolved against: "publication date (Sunday 3 Nov 2024)"."""
    found = re.search(r"publication date \(([^)]*)\)", markdown)
    if found:
        day = _DAY.search(found.group(1))
        if day and _month(day.group(2)):
            return date(int(day.group(3)), _month(day.group(2)), int(day.group(1)))
    return None


def _table(markdown: str, heading: str) -> MarkdownTable | None:
    body = section(markdown, heading)
    found = tables(body) if body else []
    return found[0] if found else None


def run_pipeline(text_path: Path, published: date | None):
    """Read, clean, segment and extract the page as `warlog ingest` does; (document, extraction)."""
    from warlog.extract.document import extract
    from warlog.pipeline import prepare
    from warlog.sources import ReadOptions, read_file

    when = datetime(published.year, published.month, published.day) if published else None
    document = next(read_file(text_path, ReadOptions(published=when)))
    posts = prepare(document)
    return document, extract(document, posts)


def _accuracy(correct: int, scored: int) -> dict[str, Any]:
    return {"correct": correct, "scored": scored, "accuracy": round(correct / scored, 4) if scored else None}


# -- events ------------------------------------------------------------------------------------------


def _resolve_names(names: list[str]) -> list[tuple[float, float]]:
    """Points for the analyst's place names, from warlog's resolver (each name on its own)."""
    from warlog.resolve.places import get_resolver
    from warlog.schema import Span

    resolver = get_resolver()
    points = []
    for name in names:
        for toponym in resolver.resolve(name, [(Span(0, len(name), name), "GPE", None)], metonymy=False):
            if toponym.place is not None and toponym.place.lat is not None:
                points.append((toponym.place.lat, toponym.place.lon))
    return points


def _pair_events(table: MarkdownTable, extraction, description: str) -> dict[int, int]:
    """Expected row index -> predicted event index, by shared content words with the evidence sentence."""
    candidates = []
    for row_number, row in enumerate(table.rows):
        wanted = stems(row.get(description))
        for number, event in enumerate(extraction.events):
            if event.generic:
                continue
            shared = len(wanted & stems(event.evidence.text))
            if shared >= 2:
                candidates.append((-shared, event.trigger.start, row_number, number))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, _, row_number, number in sorted(candidates):
        if row_number not in pairs and number not in used:
            pairs[row_number] = number
            used.add(number)
    return pairs


def _party_matches(wanted: str, predicted: str) -> bool:
    """The predicted actor or target shares a word with the expected one, or names the side expected the way
    warlog reads sides ("Moscow", "Kremlin forces" -> Russia): analysts write the side, texts its capital."""
    from warlog.extract.civilian_target import is_civilian_target
    from warlog.extract.event_roles import side_of

    side = side_of(predicted)
    if "civil" in stems(wanted) and is_civilian_target(predicted):
        return True  # "→ civilians" is ACLED's civilian targeting, which warlog reads off the target as written
    return bool(stems(wanted) & stems(predicted)) or (side is not None and bool(stems(wanted) & stems(side)))


def _parties_match(spans, wanted: tuple[str | None, str | None]) -> bool:
    """Both expected parties are matched by the spans in this order."""
    return all(w is None or (span is not None and _party_matches(w, span.text))
               for span, w in zip(spans, wanted, strict=True))


def _verdict(found: bool, wrong: list[str]) -> str:
    """'right' when every scored field of the row is right, 'partly' when found with some wrong, else 'missed'."""
    return "missed" if not found else "partly" if wrong else "right"


def _verdicts(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """How many rows were fully right, partly right or missed: the issue's row-by-row measure."""
    counts = {verdict: sum(row["verdict"] == verdict for row in rows) for verdict in ("right", "partly", "missed")}
    return {**counts, "fully_right": _accuracy(counts["right"], len(rows))}


def score_events(table: MarkdownTable, document, extraction, published: date | None) -> dict[str, Any]:
    from warlog.resolve.gazetteer import distance_km

    columns = {name: table.column(*words) for name, words in {
        "event": ("event",), "type": ("type",), "parties": ("actor",), "place": ("place",),
        "date": ("date",), "casualties": ("killed", "injured")}.items()}
    pairs = _pair_events(table, extraction, columns["event"] or "")
    tally: dict[str, list[int]] = {}
    spurious = 0
    rows = []

    wrong: list[str] = []

    def count(field: str, ok: bool) -> None:
        tally.setdefault(field, [0, 0])
        tally[field][0] += int(ok)
        tally[field][1] += 1
        if not ok:
            wrong.append(field)

    for row_number, row in enumerate(table.rows):
        wrong = []
        event = extraction.events[pairs[row_number]] if row_number in pairs else None
        place = extraction.places[event.place] if event is not None and event.place is not None else None
        outcome: dict[str, Any] = {"expected": row.get(columns["event"] or "", ""), "paired": event is not None,
                                   "trigger": event.trigger.text if event else None}
        count("paired", event is not None)
        codes, names = parse_type(row.get(columns["type"] or ""))
        if codes:
            count("plover_type", event is not None and event.plover_type in codes)
        if names:
            predicted = [(event.acled_sub_event_type or "").lower(), (event.acled_event_type or "").lower()] \
                if event else []
            count("acled_type", any(p and p.startswith(n.lower().rstrip("s")) for p in predicted for n in names))
        parties_cell = row.get(columns["parties"] or "") or ""
        actor, target = parse_parties(parties_cell)
        predicted = (event.actor1, event.target or event.actor2) if event else (None, None)
        if "↔" in parties_cell and event is not None and _parties_match(predicted[::-1], (actor, target)):
            predicted = predicted[::-1]  # "A ↔ B": two sides with no direction, so either order is right
        for field, wanted, span in (("actor", actor, predicted[0]), ("target", target, predicted[1])):
            if wanted:
                count(f"{field}_overlap", span is not None and _party_matches(wanted, span.text))
        names_, precision = parse_places(row.get(columns["place"] or ""))
        if names_:
            points = _resolve_names(names_)
            near = place is not None and place.lat is not None and any(
                distance_km(place.lat, place.lon, lat, lon) <= MAX_KM for lat, lon in points)
            count("place_161km", near)
            outcome["place"] = place.name if place else None
        if precision:
            count("place_precision", place is not None and place.precision in _PRECISION_READINGS.get(
                precision, {precision}))
        expected_date = parse_date(row.get(columns["date"] or ""), published)
        if expected_date is not None:
            when = event.time if event is not None else None
            start = when.start if when is not None and when.resolved else None
            if expected_date.kind == "day":
                count("date_day_exact", start == expected_date.day and when.precision == "day")
            elif expected_date.kind == "month":
                count("date_month", start is not None and (start.year, start.month) ==
                      (expected_date.day.year, expected_date.day.month))
            else:
                count("date_on_or_before", start is None or start <= expected_date.day)
            outcome["date"] = start.isoformat() if start else None
        wanted_casualties = parse_casualties(row.get(columns["casualties"] or ""))
        for kind in ("killed", "injured"):
            index = getattr(event, kind) if event is not None else None
            quantity = extraction.quantities[index] if index is not None else None
            value = None if quantity is None else (quantity.value if quantity.value is not None else quantity.low)
            if kind in wanted_casualties:
                count(f"{kind}_exact", value is not None and value in wanted_casualties[kind])
            elif value is not None:
                spurious += 1
            outcome[kind] = value
        outcome.update(verdict=_verdict(event is not None, wrong), wrong=list(wrong))
        rows.append(outcome)
    fields = {name: _accuracy(*tally[name]) for name in EVENT_FIELDS if name in tally}
    predicted = sum(not e.generic for e in extraction.events)
    paired = set(pairs.values())
    return {"expected_rows": len(table.rows), "predicted_events": predicted,
            "spurious_events": predicted - len(paired),
            "precision": round(len(paired) / predicted, 3) if predicted else None,
            "spurious": [e.evidence.text[:120] for n, e in enumerate(extraction.events)
                         if not e.generic and n not in paired],
            "fields": fields, "verdicts": _verdicts(rows), "spurious_casualty_figures": spurious, "rows": rows}


# -- ledger ------------------------------------------------------------------------------------------


def _alternatives(cell: str | None) -> list[str]:
    return [part.strip() for part in re.split(r"\s+vs\.?\s+|\s+/\s+", cell or "")] or [""]


def _figure_matches(wanted: str, figure) -> bool:
    text = re.sub(r"\([^)]*\)", "", wanted).lower()
    number = _NUMBER.search(text)
    if number is None:
        return False
    value = _number(number.group())
    fraction = next((f for f in _FRACTIONS if f in text), None)
    if fraction:
        return fraction in figure.display.lower() and figure.high == value
    predicted = figure.value if figure.value is not None else figure.low
    return predicted == value


def _qualifier(cell: str) -> str:
    text = cell.strip().lower()
    return "exact" if _blank(text) else next((q for q in _QUALIFIERS if q in text), text)


def _source_ok(wanted: str, figure) -> bool:
    said = " ".join(x for x in (figure.speaker, figure.role, figure.affiliation) if x)
    if "no speaker" in wanted.lower():
        return figure.speaker is None
    names = {w[:5].lower() for w in re.findall(r"\b[A-Z]\w+", wanted)}  # "Kyiv's" -> kyiv, as stems() reads it
    return bool(names & stems(said)) or bool(names & {w[:5].lower() for w in re.findall(r"[A-Z]{2,}", said)})


def score_ledger(table: MarkdownTable, document, extraction) -> dict[str, Any]:
    from warlog.reconcile.ledger import build_ledger

    columns = {name: table.column(name) for name in ("subject", "figure", "qualifier", "source")}
    entries = build_ledger([(document, extraction)])
    figures = [(entry, figure) for entry in entries for figure in entry.figures]
    used: set[int] = set()
    tally = {"found": [0, 0], "qualifier_exact": [0, 0], "source_overlap": [0, 0]}
    rows = []
    for row in table.rows:
        subject = stems(row.get(columns["subject"] or ""))
        wanted_figures = _alternatives(row.get(columns["figure"] or ""))
        qualifiers = _alternatives(row.get(columns["qualifier"] or ""))
        sources = _alternatives(row.get(columns["source"] or ""))
        for number, wanted in enumerate(wanted_figures):
            qualifier = _qualifier(qualifiers[min(number, len(qualifiers) - 1)])
            source = sources[min(number, len(sources) - 1)]
            best = None
            for index, (entry, figure) in enumerate(figures):
                if index in used or not _figure_matches(wanted, figure):
                    continue
                about = stems(" ".join(x for x in (entry.label, figure.scope, figure.place) if x))
                rank = (len(subject & about), _source_ok(source, figure), -index)
                if best is None or rank > best[0]:
                    best = (rank, index)
            figure = figures[best[1]][1] if best else None
            if best:
                used.add(best[1])
            wrong = []
            for field, ok in (("found", figure is not None),
                              ("qualifier_exact", figure is not None and figure.qualifier == qualifier),
                              ("source_overlap", figure is not None and _source_ok(source, figure))):
                tally[field][0] += int(ok)
                tally[field][1] += 1
                if not ok:
                    wrong.append(field)
            rows.append({"subject": row.get(columns["subject"] or ""), "figure": wanted,
                         "found": figure.display if figure else None, "qualifier": figure.qualifier if figure else None,
                         "speaker": figure.speaker if figure else None,
                         "verdict": _verdict(figure is not None, wrong), "wrong": wrong})
    return {"expected_figures": tally["found"][1], "ledger_figures": len(figures),
            "fields": {name: _accuracy(*counts) for name, counts in tally.items()}, "verdicts": _verdicts(rows),
            "rows": rows}


# -- time phrases ------------------------------------------------------------------------------------

_PHRASE = re.compile(r'"([^"]+)"\s*→\s*([^,;"]+)')


def score_time_phrases(markdown: str, extraction, published: date | None) -> dict[str, Any]:
    """Each quoted phrase with an expected date: the extracted time phrase containing it, resolved alike."""
    correct = scored = 0
    rows = []
    for phrase, target in _PHRASE.findall(markdown):
        expected = parse_date(target if re.search(r"\d{4}", target) else f"{target} {published.year}"
                              if published else target, published)
        if expected is None:
            continue
        scored += 1
        found = next((t for t in extraction.times if phrase.lower() in t.span.text.lower()
                      or t.span.text.lower() in phrase.lower()), None)
        start = found.start if found is not None and found.resolved else None
        if expected.kind == "day":
            ok = start == expected.day and found.precision == "day"
        else:
            ok = start is not None and (start.year, start.month) == (expected.day.year, expected.day.month)
        correct += int(ok)
        rows.append({"phrase": phrase, "expected": expected.day.isoformat(), "kind": expected.kind,
                     "found": found.span.text if found else None, "resolved": start.isoformat() if start else None})
    return {"fields": {"resolved_exact": _accuracy(correct, scored)}, "rows": rows}


# -- the whole check ---------------------------------------------------------------------------------


def examples_dir(gold_dir: str | Path | None = None) -> Path:
    """`../shared/examples`: the folder beside the gold folder."""
    from warlog.evaluate.geo import gold_dir as default_gold

    return (Path(gold_dir) if gold_dir else default_gold()).resolve().parent / "examples"


def evaluate_example(folder: str | Path | None = None, gold_dir: str | Path | None = None) -> dict[str, Any]:
    """Score every `NAME.txt` with a `NAME.expected.md` in `folder`; a missing folder gives an 'error' entry."""
    base = Path(folder) if folder else examples_dir(gold_dir)
    pages = sorted(base.glob("*.expected.md")) if base.is_dir() else []
    pages = [p for p in pages if p.with_name(p.name.replace(".expected.md", ".txt")).is_file()]
    if not pages:
        return {"label": LABEL, "error": f"no NAME.expected.md with its NAME.txt in {base}; the examples are "
                                         "read from ../shared/examples beside the gold folder"}
    result: dict[str, Any] = {"label": LABEL, "folder": str(base), "pages": {}}
    for page in pages:
        markdown = page.read_text(encoding="utf-8")
        published = published_date(markdown)
        document, extraction = run_pipeline(page.with_name(page.name.replace(".expected.md", ".txt")), published)
        entry: dict[str, Any] = {"published": published.isoformat() if published else None}
        events = _table(markdown, "Events")
        if events is not None:
            entry["events"] = score_events(events, document, extraction, published)
        ledger = _table(markdown, "Claims ledger")
        if ledger is not None:
            entry["ledger"] = score_ledger(ledger, document, extraction)
        entry["time_phrases"] = score_time_phrases(markdown, extraction, published)
        judged = [v["verdicts"] for v in (entry.get("events"), entry.get("ledger")) if v]
        if judged:
            entry["fully_right"] = _accuracy(sum(v["right"] for v in judged),
                                             sum(v["right"] + v["partly"] + v["missed"] for v in judged))
        result["pages"][page.name.replace(".expected.md", "")] = entry
    return result
