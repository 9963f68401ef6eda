"""The daily situation report: what happened on one day, where, how many were hurt, who says so.

For a day D it gathers (1) the incidents — non-generic events whose date range covers D — grouped
by region (the place's admin1 in English, else its country, else "Place not resolved"), each with casualty
figures, evidence sentence and source; (2) the ledger figures claimed on D (the store's ledger,
`reconcile.stored.stored_ledger`), and (3) the ledger entries given a figure on D whose sources disagree (their
whole-scope figures do not all agree). It writes Markdown for wikis and e-mail and HTML with an
inline SVG map for browsers. All article text is escaped in the HTML and the SVG.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from warlog.export.acled import country_info
from warlog.export.admin1_names import english_admin1
from warlog.export.query import ExportFilter, evidence_text, figure, select_rows
from warlog.export.svgmap import Point, render_svg
from warlog.reconcile.ledger import sources_disagree
from warlog.web.ledger_scope import SCOPE_TEXT, general_incidents, incident_scope

UNPLACED = "Place not resolved"


@dataclass
class FigureLine:
    """One ledger figure of the day, ready to print."""

    entry: str
    display: str
    speaker: str | None
    document_id: str
    disagree: bool


@dataclass
class Sitrep:
    """Everything the report shows, before it is formatted."""

    day: date
    region: str | None
    incidents: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    figures: list[FigureLine] = field(default_factory=list)
    disagreements: list[tuple[str, list[tuple[str, str | None, str | None]]]] = field(default_factory=list)
    ledger_note: str | None = None

    @property
    def events(self) -> list[dict[str, Any]]:
        return [e for group in self.incidents.values() for e in group]


def region_of(event: dict[str, Any]) -> str:
    """The region an incident is listed under: admin1 (in English: "Kharkiv Oblast", see `admin1_names`), else the
    country name, else unplaced."""
    place = event.get("place") or {}
    if place.get("admin1"):
        return english_admin1(place) or place["admin1"]
    if place.get("country_code"):
        return country_info(place["country_code"]).get("name") or place["country_code"]
    return UNPLACED


def place_name(place: dict[str, Any] | None) -> str:
    """The place as a reader writes it: a first-level unit by its English name ("Kursk Oblast", where GeoNames has
    "Kurskaya oblast'"), a country by its short name ("Moldova", not "Moldova, Republic of"), any other place by
    its gazetteer name (towns are already in English there: "Kharkiv", "El Fasher"); "" when there is none."""
    place = place or {}
    if place.get("feature_type") == "admin1" and place.get("admin1"):
        return english_admin1(place) or place.get("name") or ""
    if place.get("feature_type") == "country" and place.get("country_code"):
        return country_info(place["country_code"]).get("name") or place.get("name") or ""
    return place.get("name") or ""


def _matches(region: str | None, *names: str | None) -> bool:
    return region is None or any(region.lower() in (n or "").lower() for n in names)


def gather(engine: Engine, day: date, region: str | None = None, ledger: Sequence[Any] | None = None,
           ledger_note: str | None = None, all_counted: bool = False) -> Sitrep:
    """The report's content. `ledger` is `build_ledger`'s result (None: no ledger section).

    Only the ledger's conflict figures (tolls, people held or displaced, forces, weapons, territory: each entry's
    `relevant`) are reported unless `all_counted`, as `warlog ledger` and the page show them: a day's report that
    lists houses, districts and camps beside the tolls buries what the reader compares."""
    report = Sitrep(day=day, region=region, ledger_note=ledger_note)
    for event in select_rows(engine, ExportFilter(since=day, until=day)).events:
        name = region_of(event)
        place = event.get("place") or {}
        if _matches(region, name, place.get("admin1"), place.get("name"), place_name(place),
                    place.get("country_code")):
            report.incidents.setdefault(name, []).append(event)
    report.incidents = dict(sorted(report.incidents.items(), key=lambda kv: (kv[0] == UNPLACED, kv[0])))
    entries = [e for e in ledger or [] if all_counted or getattr(e, "relevant", True)]
    todays_entries = [e for e in entries if any(f.claim_date == day.isoformat() for f in e.figures)]
    general = general_incidents(engine, (getattr(e, "cluster_id", None) for e in todays_entries))
    for entry in todays_entries:
        todays = [f for f in entry.figures if f.claim_date == day.isoformat()]
        if not _matches(region, entry.place, entry.label, *(f.scope for f in todays)):
            continue
        known = [f for f in entry.figures if f.scope is None and (f.claim_date or "") <= day.isoformat()]
        disagree = sources_disagree(known)
        # a running total told of no one incident says so beside its label ("killed in the attack at Gaza")
        label = entry.label + (f" ({SCOPE_TEXT['general']})" if incident_scope(entry, general) == "general" else "")
        report.figures += [FigureLine(label, f.display, f.speaker, f.document_id, disagree) for f in todays]
        if disagree:
            report.disagreements.append((label, [(f.display, f.speaker, f.claim_date) for f in known]))
    return report


def _casualties(event: dict[str, Any]) -> str:
    parts = [f"{label} {q['text']}" + (f" ({figure(q):g})" if figure(q) is not None else "")
             for label, q in (("killed", event.get("killed")), ("injured", event.get("injured"))) if q]
    return "; ".join(parts) or "no casualty figure reported"


def _source(event: dict[str, Any]) -> str:
    document = event["document"]
    return document.get("source") or document.get("title") or document.get("url") or document["id"][:12]


def _headline(event: dict[str, Any]) -> str:
    kind = event.get("acled_sub_event_type") or event.get("plover_type") or "event"
    actors = " → ".join(x for x in (event.get("actor1"), event.get("target") or event.get("actor2")) if x)
    place = place_name(event.get("place"))
    return ", ".join(x for x in (kind, actors, f"at {place}" if place else None,
                                 f"weapon: {event['weapon']}" if event.get("weapon") else None) if x)


def _md(text: str) -> str:
    """Article text for Markdown: `<`, `>` and `&` as entities, since Markdown renderers pass raw HTML
    through and a planted `<script>` would run wherever the report is rendered."""
    return escape(text, quote=False)


def to_markdown(report: Sitrep, map_file: str | None = None) -> str:
    """The report as Markdown; article text has its HTML metacharacters escaped (see `_md`)."""
    region = f" — {_md(report.region)}" if report.region else ""
    lines = [f"# Situation report — {report.day.isoformat()}{region}", "",
             f"{len(report.events)} incident(s) in {len(report.incidents)} region(s).", ""]
    if map_file:
        lines += [f"![map of the day's incidents]({map_file})", ""]
    lines += ["## Incidents", ""]
    for name, events in report.incidents.items():
        lines += [f"### {_md(name)}", ""]
        for e in events:
            lines.append(f"- **{_md(_headline(e))}** — {_md(_casualties(e))}. Source: {_md(_source(e))} "
                         f"(document {e['document_id'][:12]}, characters {e.get('evidence_start')}–"
                         f"{e.get('evidence_end')}).")
            if evidence_text(e):
                lines.append(f"  > {_md(evidence_text(e) or '')}")
        lines.append("")
    if not report.incidents:
        lines += ["No incident dated to this day.", ""]
    lines += ["## Figures reported this day", ""]
    if report.ledger_note:
        lines += [report.ledger_note, ""]
    for f in report.figures:
        flag = " — **sources disagree**" if f.disagree else ""
        lines.append(f"- {_md(f.entry)}: {_md(f.display)} (according to {_md(f.speaker or 'unattributed')}; document "
                     f"{f.document_id[:12]}){flag}")
    lines += ["", "## Where sources disagree", ""]
    for label, figures in report.disagreements:
        said = "; ".join(f"{d} ({s or 'unattributed'}, {c or 'undated'})" for d, s, c in figures)
        lines.append(f"- {_md(label)}: {_md(said)}")
    if not report.disagreements:
        lines.append("No disagreement among the figures of this day.")
    return "\n".join(lines) + "\n"


def map_points(report: Sitrep) -> list[Point]:
    points = []
    for e in report.events:
        place = e.get("place") or {}
        if place.get("lat") is None or place.get("lon") is None:
            continue
        weight = sum(figure(q) or 0 for q in (e.get("killed"), e.get("injured")) if q)
        points.append(Point(place["lon"], place["lat"], place_name(place), _headline(e), weight))
    return points


def to_html(report: Sitrep, svg: str) -> str:
    """The report as one HTML page with the map inline; every article-derived text escaped."""
    h = escape
    title = f"Situation report — {report.day.isoformat()}" + (f" — {report.region}" if report.region else "")
    body = [f"<h1>{h(title)}</h1>", f"<p>{len(report.events)} incident(s) in {len(report.incidents)} region(s).</p>",
            f'<figure class="map">{svg}</figure>', "<h2>Incidents</h2>"]
    for name, events in report.incidents.items():
        body.append(f"<h3>{h(name)}</h3><ul>")
        for e in events:
            quote = f"<blockquote>{h(evidence_text(e))}</blockquote>" if evidence_text(e) else ""
            body.append(f"<li><strong>{h(_headline(e))}</strong> — {h(_casualties(e))}. Source: {h(_source(e))} "
                        f"(document <code>{h(e['document_id'][:12])}</code>, characters "
                        f"{h(str(e.get('evidence_start')))}–{h(str(e.get('evidence_end')))}){quote}</li>")
        body.append("</ul>")
    if not report.incidents:
        body.append("<p>No incident dated to this day.</p>")
    body.append("<h2>Figures reported this day</h2>")
    if report.ledger_note:
        body.append(f"<p>{h(report.ledger_note)}</p>")
    body.append("<ul>" + "".join(
        f"<li>{h(f.entry)}: <strong>{h(f.display)}</strong> (according to {h(f.speaker or 'unattributed')}; "
        f"document <code>{h(f.document_id[:12])}</code>){' — <em>sources disagree</em>' if f.disagree else ''}</li>"
        for f in report.figures) + "</ul>")
    body.append("<h2>Where sources disagree</h2><ul>" + "".join(
        f"<li>{h(label)}: " + "; ".join(f"{h(d)} ({h(s or 'unattributed')}, {h(c or 'undated')})"
                                        for d, s, c in figures) + "</li>"
        for label, figures in report.disagreements) + "</ul>")
    style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
             "blockquote{color:#444;border-left:3px solid #ccc;margin:.3rem 0;padding-left:.6rem}")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{h(title)}</title>'
            f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def write_sitrep(report: Sitrep, out_dir: Path) -> list[Path]:
    """Write `sitrep-D.md`, `sitrep-D.html` and `sitrep-D.svg` into `out_dir`; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"sitrep-{report.day.isoformat()}"
    svg = render_svg(map_points(report), f"Incidents on {report.day.isoformat()}")
    paths = [out_dir / f"{stem}.md", out_dir / f"{stem}.html", out_dir / f"{stem}.svg"]
    paths[0].write_text(to_markdown(report, paths[2].name), encoding="utf-8")
    paths[1].write_text(to_html(report, svg), encoding="utf-8")
    paths[2].write_text(svg, encoding="utf-8")
    return paths
