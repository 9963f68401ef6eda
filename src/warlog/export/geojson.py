"""GeoJSON (RFC 7946): one Point feature per selected event that has a resolved place.

RFC 7946 fixes WGS 84 and [longitude, latitude] order, which is what QGIS, Leaflet and geojson.io
read. Properties are flat scalars (nested objects become JSON strings in QGIS attribute tables),
so evidence offsets are separate properties and the evidence sentence is plain text. Events
without coordinates cannot be drawn and are left out; `skipped` in the collection's foreign
member `warlog` says how many.
"""

from __future__ import annotations

import json
from typing import Any

from warlog.export.query import ExportRows, evidence_text, figure


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def feature(event: dict[str, Any]) -> dict[str, Any] | None:
    """The event as a GeoJSON Feature, or None when it has no coordinates."""
    place = event.get("place") or {}
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None:
        return None
    document = event["document"]
    return {
        "type": "Feature",
        "id": event["id"],
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": {
            "event_id": event["id"], "document_id": event["document_id"], "post_idx": event.get("post_idx"),
            "plover_type": event.get("plover_type"), "plover_mode": event.get("plover_mode"),
            "acled_event_type": event.get("acled_event_type"),
            "acled_sub_event_type": event.get("acled_sub_event_type"),
            "date_start": _iso(event.get("date_start")), "date_end": _iso(event.get("date_end")),
            "date_precision": event.get("date_precision"),
            "actor1": event.get("actor1"), "actor2": event.get("actor2"), "target": event.get("target"),
            "weapon": event.get("weapon"),
            "killed": figure(event.get("killed")), "injured": figure(event.get("injured")),
            "killed_text": (event.get("killed") or {}).get("text"),
            "injured_text": (event.get("injured") or {}).get("text"),
            "place": place.get("name"), "country_code": place.get("country_code"), "admin1": place.get("admin1"),
            "admin2": place.get("admin2"), "place_precision": place.get("precision"),
            "geo_precision": place.get("geo_precision"),
            "generic": bool(event.get("generic")), "claimed_by_belligerent": bool(event.get("claimed_by_belligerent")),
            "claim_speaker": (event.get("claim") or {}).get("speaker"),
            "evidence": evidence_text(event), "evidence_start": event.get("evidence_start"),
            "evidence_end": event.get("evidence_end"),
            "source": document.get("source"), "url": document.get("url"), "title": document.get("title"),
        },
    }


def to_geojson(rows: ExportRows) -> dict[str, Any]:
    """A FeatureCollection of the selected events that have coordinates."""
    features = [f for f in (feature(e) for e in rows.events) if f is not None]
    return {"type": "FeatureCollection", "features": features,
            "warlog": {"events": len(rows.events), "skipped": len(rows.events) - len(features)}}


def dumps(collection: dict[str, Any]) -> str:
    """The text of a collection `to_geojson` made (the caller keeps it, to say how many events were left out)."""
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
