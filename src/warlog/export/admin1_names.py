"""English names of first-level administrative units, for reports read by people ("Kharkiv Oblast").

Why: places carry their admin-1 as the GeoNames gazetteer spells it ("Belgorodskaya oblast'", "Kharkivska
oblast"), a transliteration an analyst does not write. Natural Earth's admin-1 layer (public domain) names
each unit in English and gives its GeoNames admin1 code; `tools/vendor_admin1.py` vendored that as a table,
code -> [ISO 3166-2, English name] (`admin1-names.json`, beside the page's admin-1 boundaries). A place is
matched by the admin1 code of its gazetteer entry ("UA.07"); a place without one (or an admin-1 the table
lacks) by its country and the GeoNames name, through the gazetteer's own admin-1 entries. Where nothing
matches, the GeoNames name is kept: a report never loses a region for want of a translation.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

NAMES_FILE = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor" / "admin1-names.json"


@lru_cache(maxsize=1)
def names_by_code() -> dict[str, str]:
    """GeoNames admin1 code ("UA.07") -> English name ("Kharkiv Oblast"); empty when the file is missing."""
    try:
        table = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {code: value[1] for code, value in table.items() if isinstance(value, list) and len(value) == 2}


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin-1 name) -> admin1 code, from the gazetteer's admin-1 entries."""
    from warlog.resolve.gazetteer import get_gazetteer

    try:
        # The gazetteer has no public query by feature; its index is read-only SQLite, read here as it is.
        rows = get_gazetteer()._connection.execute(
            "SELECT country, admin1, admin1_code FROM places WHERE feature = 'admin1' AND admin1_code IS NOT NULL"
        ).fetchall()
    except Exception:  # noqa: BLE001 - no gazetteer (or another layout): the code lookup alone
        return {}
    return {(country or "", admin1): code for country, admin1, code in rows if admin1}


def _code_of(place: dict[str, Any]) -> str | None:
    """The admin1 code of the place's gazetteer entry, else of its country and admin-1 name."""
    gazetteer_id = place.get("gazetteer_id")
    if gazetteer_id:
        try:
            from warlog.resolve.gazetteer import get_gazetteer

            entry = get_gazetteer().get(gazetteer_id)
        except Exception:  # noqa: BLE001 - the name lookup below still works without the gazetteer
            entry = None
        if entry is not None and entry.admin1_code:
            return entry.admin1_code
    if place.get("admin1"):
        return _codes_by_name().get((place.get("country_code") or "", place["admin1"]))
    return None


def english_admin1(place: dict[str, Any]) -> str | None:
    """The English name of the place's admin-1 unit, else its GeoNames name (None when it has no admin-1)."""
    if not place.get("admin1"):
        return None
    code = _code_of(place)
    return names_by_code().get(code or "") or place["admin1"]
