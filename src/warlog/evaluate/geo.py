"""Toponym resolution against GeoWebNews and TR-News (`warlog eval geo`).

Gold files: `geo/GeoWebNews.xml` (Gritta et al. 2019) and `geo/TR-News.xml` (Kamalloo & Rafiei) under
`$WARLOG_GOLD_DIR` or `../shared/gold`. Both are public development data (part of them is held out
elsewhere): figures printed here are development figures, and nothing in the resolver was fitted to
individual items.

TR-News spans whose offsets miss their own `<phrase>` (shifted in some articles) are moved to the nearest
occurrence of the phrase; the gold place is untouched.

Scored toponyms: every gold toponym with coordinates; GeoWebNews' non-toponym types (Non_Toponym and
the Literal/Non_Lit_Expression phrases around toponyms) are left out.

- on gold spans: each gold span is resolved in its article's context (metonymy check off: the gold
  gives metonymic toponyms coordinates too); exact = same GeoNames id (where the gold gives one),
  @161 km = within 161 km (100 miles) of the gold point; an unresolved toponym counts as wrong with
  the maximum error (20,039 km, half the Earth's circumference), as in the Pragmatic Guide.
- end-to-end: warlog's own toponym detection (spaCy GPE/LOC/FAC mentions) on the article text; a
  predicted toponym matches a gold one when their spans overlap; detection precision and recall, and
  accuracy @161 km over all gold toponyms (a missed toponym counts as wrong).
"""

from __future__ import annotations

import os
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warlog.resolve.gazetteer import distance_km
from warlog.schema import Span

GOLD_ENV = "WARLOG_GOLD_DIR"
MAX_ERROR_KM = 20039.0
SKIPPED_TYPES = {"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"}


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    geonames_id: int | None
    lat: float
    lon: float


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym]


def gold_dir() -> Path:
    env = os.environ.get(GOLD_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "gold"


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def load_geowebnews(path: Path) -> list[GoldArticle]:
    from lxml import etree

    articles = []
    for article in etree.parse(str(path)).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("toponym"):
            lat, lon = _float(node.findtext("latitude")), _float(node.findtext("longitude"))
            start, end = _int(node.findtext("start")), _int(node.findtext("end"))
            if lat is None or lon is None or start is None or end is None or node.findtext("type") in SKIPPED_TYPES:
                continue
            toponyms.append(GoldToponym(start, end, text[start:end], _int(node.findtext("geonamesID")), lat, lon))
        articles.append(GoldArticle(text, toponyms))
    return articles


def load_trnews(path: Path) -> list[GoldArticle]:
    from lxml import etree

    articles = []
    for article in etree.parse(str(path)).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("toponym"):
            tag = node.find("gaztag")
            start, end = _int(node.findtext("start")), _int(node.findtext("end"))
            if tag is None or start is None or end is None:
                continue
            lat, lon = _float(tag.findtext("lat")), _float(tag.findtext("lon"))
            if lat is None or lon is None:
                continue
            start, end = _realigned(text, start, end, node.findtext("phrase"))
            toponyms.append(GoldToponym(start, end, text[start:end], _int(tag.get("geonameid")), lat, lon))
        articles.append(GoldArticle(text, toponyms))
    return articles


def _realigned(text: str, start: int, end: int, phrase: str | None) -> tuple[int, int]:
    """The gold span moved onto its own phrase where the offsets miss it.

    In some TR-News articles every offset after a point is shifted by a few characters ("tobicoke,"
    for "Etobicoke"): the article text and the offsets disagree, the phrase and its place do not. The
    nearest occurrence of the phrase to the given start is taken; offsets that already hold the phrase,
    or a phrase that does not occur, are left as they are."""
    phrase = (phrase or "").strip()
    if not phrase or text[start:end] == phrase:
        return start, end
    found = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if not found:
        return start, end
    nearest = min(found, key=lambda position: abs(position - start))
    return nearest, nearest + len(phrase)


SETS = {"GeoWebNews": ("GeoWebNews.xml", load_geowebnews), "TR-News": ("TR-News.xml", load_trnews)}


def _gid(place_id: str | None) -> int | None:
    return int(place_id.split(":", 1)[1]) if place_id and place_id.startswith("geonames:") else None


def _figures(errors: list[float], exact: list[bool]) -> dict[str, Any]:
    if not errors:
        return {"scored": 0}
    return {
        "scored": len(errors),
        "acc_161km": round(sum(e <= 161 for e in errors) / len(errors), 4),
        "exact": round(sum(exact) / len(exact), 4) if exact else None,
        "exact_scored": len(exact),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
    }


def _error(place, gold: GoldToponym) -> float:
    if place is None or place.lat is None:
        return MAX_ERROR_KM
    return distance_km(place.lat, place.lon, gold.lat, gold.lon)


def score_gold_spans(articles: list[GoldArticle], resolver=None) -> dict[str, Any]:
    from warlog.resolve.places import get_resolver

    resolver = resolver or get_resolver()
    errors: list[float] = []
    exact: list[bool] = []
    for article in articles:
        spans = [(Span(t.start, t.end, t.text), "GPE", None) for t in article.toponyms]
        for gold, toponym in zip(article.toponyms, resolver.resolve(article.text, spans, metonymy=False),
                                 strict=True):
            errors.append(_error(toponym.place, gold))
            if gold.geonames_id:
                exact.append(toponym.place is not None and _gid(toponym.place.gazetteer_id) == gold.geonames_id)
    return _figures(errors, exact)


def score_end_to_end(articles: list[GoldArticle], resolver=None) -> dict[str, Any]:
    from warlog.resolve.places import geoparse

    errors: list[float] = []
    exact: list[bool] = []
    predicted = matched_predictions = 0
    for article in articles:
        # a metonymic toponym ("Moscow said") still names its place: GeoWebNews scores it
        toponyms = [t for t in geoparse(article.text, resolver) if (t.place or t.named) is not None]
        predicted += len(toponyms)
        used = set()
        for gold in article.toponyms:
            match = next((n for n, t in enumerate(toponyms)
                          if n not in used and t.span.start < gold.end and gold.start < t.span.end), None)
            place = None
            if match is not None:
                used.add(match)
                place = toponyms[match].place or toponyms[match].named
            errors.append(_error(place, gold))
            if gold.geonames_id:
                exact.append(place is not None and _gid(place.gazetteer_id) == gold.geonames_id)
        matched_predictions += len(used)
    figures = _figures(errors, exact)
    gold_total = len(errors)
    figures["detection_precision"] = round(matched_predictions / predicted, 4) if predicted else 0.0
    figures["detection_recall"] = round(matched_predictions / gold_total, 4) if gold_total else 0.0
    return figures


def evaluate_geo(gold: str | Path | None = None, limit: int | None = None, end_to_end: bool = True) -> dict[str, Any]:
    """Both gold sets, on gold spans and end-to-end; a missing file gives an 'error' entry, not a crash."""
    folder = Path(gold) if gold else gold_dir()
    results: dict[str, Any] = {"note": "development figures (public dev data; part is held out elsewhere)"}
    for name, (filename, loader) in SETS.items():
        path = folder / "geo" / filename
        if not path.exists():
            path = folder / filename
        if not path.exists():
            results[name] = {"error": f"gold file not found: {folder / 'geo' / filename} (set {GOLD_ENV})"}
            continue
        articles = loader(path)[:limit] if limit else loader(path)
        entry: dict[str, Any] = {"articles": len(articles), "gold_spans": score_gold_spans(articles)}
        if end_to_end:
            entry["end_to_end"] = score_end_to_end(articles)
        results[name] = entry
    return results


def format_geo_report(results: dict[str, Any]) -> str:
    lines = [f"Geoparsing ({results.get('note', '')})"]
    for name in SETS:
        entry = results.get(name)
        if entry is None:
            continue
        if "error" in entry:
            lines.append(f"  {name}: skipped: {entry['error']}")
            continue
        lines.append(f"  {name}: {entry['articles']} articles")
        for mode in ("gold_spans", "end_to_end"):
            f = entry.get(mode)
            if not f or not f.get("scored"):
                continue
            line = (f"    {mode:<11} n={f['scored']:<5} acc@161km {f['acc_161km']:.3f}  exact "
                    f"{(f['exact'] or 0):.3f} (n={f['exact_scored']})  mean {f['mean_km']:.0f} km  "
                    f"median {f['median_km']:.0f} km")
            if mode == "end_to_end":
                line += f"  detection P {f['detection_precision']:.3f} R {f['detection_recall']:.3f}"
            lines.append(line)
    return "\n".join(lines)
