"""Toponym resolution in context: which gazetteer place a place mention means, and how precisely.

For each place mention (GPE/LOC/FAC) the gazetteer gives candidates; each is scored with features
read from the text and the document, and the best wins:

- metonymy first: a capital or country used for its government ("Kyiv called on …", "Moscow's forces",
  "urged Washington") is not a place and is not resolved;
- admin hints in or around the mention: "Kharkiv region", "Kursk Oblast", "the city of Sumy", "the
  Kupiansk district" favour that level;
- a country hint next to the mention: "Russia's western Kursk region", "Kursk Oblast (Russia)",
  "Sumy, Ukraine";
- a country prior from the document and the post: countries of the places resolved in a first pass
  (post counts double), so "Pokrovsk" in a story about Donetsk Oblast is the Ukrainian one; a name's own
  mentions are left out of its prior (ten "London"s are no evidence for either London);
- nearby resolved places: candidates close to the other places of the document score higher;
- name shapes read first: a landmark for its city ("White House"), a state abbreviation or postal code
  ("HELENA, Mont.", "Portland, OR", "BC"), a name ending in City/County/Parish looked up whole and never fuzzily;
  a unit named after a place ("Portland, Maine") puts it there; "the village of X" favours the smallest namesake,
  "the city of X" the largest;
- a bare name that is both a city and its admin unit (Kyiv, Sumy, Moscow) is the city;
- how the name matched (main name, alternate name, transliteration skeleton) and population (log),
  the last tie-break.

Nothing falls back silently: a mention with no candidate stays unresolved (`Toponym.place` is None) with
the reason, never a country centroid. Precision: a populated place is a "city" (20,000+ people) or a
"point" (village, town); subdivisions are "admin2"/"admin1", curated named regions "region", countries
"country"; ACLED geo_precision 1 (exact place), 2 (near a place, admin2), 3 (admin1, region, country).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from warlog.datelines import title_datelines
from warlog.resolve.gazetteer import UNAMBIGUOUS_POSTAL, Entry, Gazetteer, distance_km, fold, get_gazetteer
from warlog.schema import Mention, Place, Span

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# How a name matched the gazetteer (Gazetteer.lookup's kind) and what that adds to a candidate's score.
MATCH_KINDS = ("main name", "alternate name", "transliteration", "demonym")
MATCH_BONUS = (0.3, 0.15, 0.0, 0.15)
# What a bare name most likely means before context: a country, continent, sea or named region over a town
# that shares its name ("Mexico", "Atlantic", "Middle East"), an admin1 unit over a small town ("Oregon").
# Population (log10) weighs a candidate's fame; a nearby resolved place (within NEAR_KM) pulls towards it, but
# less than fame separates a famous city from a village of the same name.
POPULATION_WEIGHT = 1 / 8
NEAR_WEIGHT = 0.5
NEAR_KM = 400
# A bare admin unit's name is its city ("Sumy", "Kyiv") only where that city holds a real share of the unit's
# people, not where a small town shares a state's name ("Oregon").
CITY_SHARE = 0.05
# A town inside an oblast or state the text names ("Krasnohorivka ... Donetsk Oblast") over its namesakes
# elsewhere, however near they lie to the text's other places.
IN_NAMED_UNIT = 0.2
FEATURE_BASE = {"country": 0.6, "region": 0.8, "admin1": 0.2, "admin2": -0.1, "city": 0.0}

_LEVEL_WORDS = {
    "oblast": "admin1", "region": "admin1", "province": "admin1", "krai": "admin1", "kray": "admin1",
    "governorate": "admin1", "republic": "admin1", "state": "admin1", "oblasts": "admin1", "regions": "admin1",
    "raion": "admin2", "rayon": "admin2", "district": "admin2", "county": "admin2",
    "city": "city", "town": "city", "village": "city", "settlement": "city", "hamlet": "city",
    "parish": "admin2",
}
# A place noun that says how big the place is: "the village of X" means the smallest place of that name, "the city of
# X" the largest (population counts the other way round, or double).
_SMALL_NOUNS = {"village", "hamlet", "settlement"}
_LARGE_NOUNS = {"city"}
# Words that end a name as part of it ("Kansas City", "Suffolk County", "Orleans Parish"): the whole name is looked up
# first, and a name that is not found whole only matches places of that kind under their own name, never a fuzzy one.
_NAME_SUFFIXES = {"city": ("city",), "county": ("admin2", "admin1"), "parish": ("admin2",)}
CAPITAL = 0.3
# A name that ends like a body of water ("Red Sea", "Gulf of Aden" is caught whole) names the water, over a province
# named after it, unless an admin word says otherwise ("Red Sea state" takes the admin hint).
WATER_BODY = 0.5
_WATER_WORDS = {"sea", "ocean", "gulf", "strait", "straits", "bay", "channel"}
# The country prior: a demonym's vote and the pseudo-count that keeps a prior from one or two mentions weak.
DEMONYM_VOTE = 0.5
PRIOR_SMOOTHING = 1.0
UNIT_HINT = 1.0  # "Portland, Ore.", "London, Ontario": a place inside the first-level unit named after it
_AFTER_LEVEL = re.compile(r"^\s+(oblast|region|province|krai|kray|raion|rayon|district)\b", re.I)
_BEFORE_LEVEL = re.compile(
    r"\b(city|town|village|settlement|hamlet|region|oblast|province|district|raion)\s+of\s+(the\s+)?$", re.I
)
_UNIT_AFTER = re.compile(r"^\s*,\s*([A-Z][\w.]*\.?(?:\s+[A-Z][\w.]*){0,2})")
# "X in the Kharkiv region", and with the kind of place and a smaller unit between: "X village in Pale Township,
# Sagaing Region", "X village, Sagaing Region".
_UNIT_IN = re.compile(r"^(?:\s+(?i:village|town|hamlet|settlement))?(?:,?\s+in\s+|,\s+"
                      r"|\s+(?:local\s+government\s+)?(?i:area|district|part)\s+of\s+)"
                      r"(?:[A-Z][\w'\u2019-]*\s+(?i:township|district)(?:,\s*|\s+in\s+))?"
                      r"(?:the\s+)?(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|"
                      r"south-?west)(?:ern)?\s+)?([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?)\s+(?i:region|oblast|"
                      r"province|state|governorate|prefecture|county)\b")
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?[A-Z]|\s*(?:and|or|&)\s+[A-Z])")
_PLACE_COMMA_BEFORE = re.compile(r"[A-Z][\w'\u2019.-]*,\s*$")
_NEAR = re.compile(r"\b(near|outside|around|outskirts of|close to|vicinity of|direction of|north of|south of|"
                   r"east of|west of|km from|kilometres from|kilometers from|miles from)\s+(the\s+)?$", re.I)
_GOV_NOUNS = (
    r"forces|troops|army|military|government|regime|officials|leadership|authorities|war|invasion|"
    r"aggression|defen[cs]e ministry|foreign ministry|ministry|envoy|ambassador|diplomats|delegation|"
    r"president|leader|position|stance|demands|offensive|allies|ally|backers|soldiers|navy|air force|"
    r"intelligence|propaganda|claims"
)
_METONYMY_AFTER = re.compile(
    rf"^(\s*(['\u2019]s|['\u2019])\s+(\w+\s+)?({_GOV_NOUNS})\b)|^\s+(has\s+|have\s+|had\s+|is\s+|was\s+|will\s+|would\s+|"
    r"also\s+|then\s+|later\s+|repeatedly\s+|has\s+repeatedly\s+|did\s+not\s+|does\s+not\s+)?"
    r"(said|says|say|called|calls|claimed|claims|denied|denies|accused|accuses|warned|warns|announced|"
    r"urged|urges|demanded|demands|insisted|threatened|responded|condemned|confirmed|rejected|vowed|"
    r"acknowledged|admitted|agreed|refused|decided|hopes|wants|believes|argued|argues|insists|signed|"
    r"sent|deployed|launched|imposed|sanctioned|recognised|recognized|blamed|stated|reported|told)\b",
    re.I,
)
_METONYMY_BEFORE = re.compile(
    r"\b(called on|calls on|urged|urges|accused|accuses|told|warned|warns|asked|pressed|pressured|blamed|"
    r"talks with|relations with|ties between|talks between|deal with|sanctions on|sanctions against)\s+$",
    re.I,
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(in|at|from|near|to|into|of|outside|around|across|over|through)\s+(the\s+)?$", re.I
)
_POSSESSIVE_BEFORE = re.compile(r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)['\u2019]s\s+(?:[a-z\-]+\s+){0,2}$")
# "X in Y", "X in the city of Y", "X in northern Y": X lies inside Y (lower-case words only between them)
# "X in Y", "X, in Y", and an apposition that says what X is: "X, a small town in Y", "X, the main port of Y".
_CONTAINED_IN = re.compile(r"^,?\s+(?:in|inside)\s+(?:[a-z]+\s+){0,3}$"
                           r"|^,\s+(?:an?|the)\s+(?:[a-z-]+\s+){1,4}(?:in|inside|of)\s+(?:[a-z]+\s+){0,3}$")
# Words that join the names of a list ("Boni and Douentza", "Kidal, Gao or Timbuktu").
_LISTED_WITH = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")
# A country named after a place ("Kindu, Congo", "Kindu (Democratic Republic of Congo)"): up to four capitalised
# words, with the "of" and "the" of a long country name between them.
_COUNTRY_AFTER = re.compile(r"^\s*(?:,|\()\s*([A-Z][\w.]*(?:\s+(?:(?:of|the)\s+)*[A-Z][\w.]*){0,3})")


@dataclass
class Toponym:
    """One place mention, resolved or not, with the reason."""

    span: Span
    label: str
    place: Place | None
    reason: str
    candidates: int = 0
    post_index: int | None = None
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    metonymy: bool = False
    named: Place | None = None  # for metonymy: the place whose name stands for its government
    adjectival: bool = False  # a demonym or adjective ("Russian forces"): what the text is about, not where
    entry: Entry | None = None  # the gazetteer entry of `place`


@dataclass
class _Context:
    countries: Counter
    points: list[tuple[str, float, float]]  # (folded mention key, lat, lon)
    units: dict[str, str] = field(default_factory=dict)  # admin1 code -> name, of the units the text names
    own: dict[str, Counter] = field(default_factory=dict)  # folded mention key -> the countries its mentions gave
    _others: dict[str, tuple[Counter, float]] = field(default_factory=dict, repr=False)
    # (centre, mention key) -> km to the nearest of the other points; shared by contexts that share `points`
    nearest: dict[tuple[tuple[float, float], str], float | None] = field(default_factory=dict, repr=False)

    def other_countries(self, key: str) -> tuple[Counter, float]:
        """The countries the other mentions gave (a name repeated ten times is no evidence for its own reading), and
        their total. Worked out once per name, not for each of its candidates: the scores of a name's candidates
        were a third Counter arithmetic."""
        if key not in self._others:
            countries = self.countries - self.own.get(key, Counter())
            self._others[key] = (countries, sum(countries.values()))
        return self._others[key]

    def nearest_km(self, entry: Entry, key: str) -> float | None:
        """How far the entry lies from the nearest point the other mentions gave (None without such points).
        Worked out once per place and name: a name told five times has the same candidates each time."""
        found = (_centre(entry), key)
        if found not in self.nearest:
            here_lat, here_lon = found[0]
            near = [distance_km(here_lat, here_lon, lat, lon) for k, lat, lon in self.points if k != key]
            self.nearest[found] = min(near) if near else None
        return self.nearest[found]


_BLOCS = {"west", "east", "north", "south", "western", "eastern", "northern", "southern", "global south",
          "global north"}


@dataclass
class _Reading:
    """A mention as read from the text: bare name, admin level, near-phrase, candidates, country hint, key."""

    name: str
    level: str | None
    near: bool
    found: list[tuple[Entry, int]]
    hint: str | None
    key: str
    units: frozenset[str] = frozenset()  # admin1 codes of a unit named right after it ("Portland, Ore.")
    facility: bool = False  # a facility read as the town it is named after ("Manila Cathedral" -> Manila)
    names_unit: bool = False  # a facility named after a state ("Colorado State University"): not in any one town
    size: str | None = None  # "small" ("the village of X") or "large" ("the city of X")
    inside_unit: bool = False  # "X in the Y region": X must lie in `units`, or the gazetteer lacks it


def _centre(entry: Entry) -> tuple[float, float]:
    """Where a place's people are, for nearness: an admin unit's population centre, else its point."""
    if entry.centre_lat is not None:
        return entry.centre_lat, entry.centre_lon
    return entry.lat, entry.lon


_LEADING_THE = re.compile(r"^(the)\s+", re.I)
_TRAILING_POSSESSIVE = re.compile(r"(['\u2019]s|['\u2019])$")


def _clean(text: str) -> str:
    """A mention without a leading "the", a possessive ending or edge punctuation."""
    return _TRAILING_POSSESSIVE.sub("", _LEADING_THE.sub("", text.strip())).strip(" .,;:")


def _strip_level(name: str) -> tuple[str, str | None]:
    """"Kharkiv region" -> ("Kharkiv", "admin1"); "city of Sumy" -> ("Sumy", "city")."""
    name, level, _noun = _strip_level_noun(name)
    return name, level


def _strip_level_noun(name: str) -> tuple[str, str | None, str | None]:
    """As `_strip_level`, with the level noun itself ("village"), which also says how big the place is."""
    words = name.split()
    level = noun = None
    while len(words) > 1 and words[-1].lower().strip(".") in _LEVEL_WORDS:
        word = words.pop().lower().strip(".")
        level, noun = level or _LEVEL_WORDS[word], noun or word
    if len(words) > 2 and words[1].lower() == "of" and words[0].lower() in _LEVEL_WORDS:
        level, noun = _LEVEL_WORDS[words[0].lower()], words[0].lower()
        words = words[2:]
    return " ".join(words), level, noun


def _size(noun: str | None) -> str | None:
    return "small" if noun in _SMALL_NOUNS else "large" if noun in _LARGE_NOUNS else None


# Facilities named after the town they stand in: "Manila Cathedral", "Cavan Institute", "University of Lagos",
# "Nenagh District Court". Only these nouns, so "Royal Street" or "Trump Tower" are not read as a town.
_FACILITY_NOUNS = {
    "cathedral", "church", "chapel", "mosque", "synagogue", "temple", "monastery", "university", "college",
    "institute", "academy", "school", "hospital", "clinic", "airport", "station", "stadium", "arena", "court",
    "courthouse", "prison", "jail", "gaol", "hall", "centre", "center", "market", "bridge", "harbour", "harbor",
    "port", "museum", "library", "zoo", "castle", "palace", "barracks", "base", "racecourse", "district", "council",
    "mdc", "crown", "county", "state", "city", "town", "general", "international", "regional", "central", "royal",
    "high", "cricket", "football", "club", "police", "fire",
}
_FACILITY_HEADS = {"cathedral", "church", "chapel", "mosque", "university", "college", "institute", "academy",
                   "school", "hospital", "airport", "stadium", "port", "museum", "library", "castle", "palace"}
FACILITY_TOWN_POPULATION = 10_000


_FACILITY_LAST = _FACILITY_HEADS | {"court", "hall", "station", "centre", "center", "market", "bridge", "prison"}


def _facility_towns(name: str) -> list[str]:
    """The town names a facility's name may start with ("Manila Cathedral", "Nenagh District Court": "Nenagh
    District", then "Nenagh") or end with after "of" ("University of Lagos", "Port of Odesa"), where every other
    word is a facility noun; longest first."""
    words = name.split()
    if len(words) < 2:
        return []
    if len(words) >= 3 and words[1].lower() == "of" and words[0].lower() in _FACILITY_HEADS:
        return [" ".join(words[2:])] if words[2][:1].isupper() else []
    heads = []
    if words[0].lower().rstrip(".") in ("st", "saint", "san", "santa") or words[0].lower() in _FACILITY_NOUNS:
        return heads  # a saint's or a founder's name ("St Michael's Hospital"), or no name at all ("City Hall")
    for size in (3, 2, 1):
        head, rest = words[:size], words[size:]
        if rest and rest[-1].lower().rstrip(".") in _FACILITY_LAST and all(
            w.lower().rstrip(".") in _FACILITY_NOUNS for w in rest
        ):
            heads.append(" ".join(head))
    return heads


UNIT_CITY_KM = 200
MAJOR_CITY = 250_000


def _holds(unit: Entry, city: Entry) -> bool:
    """Whether a bare unit name means this city: one inside the unit or by it (Kyiv city, its own unit, in the middle
    of Kyiv Oblast), or a major city elsewhere (Washington, DC over Washington State); not a town in another state
    (Delaware, Ohio is not what a bare "Delaware" means)."""
    if city.admin1_code and city.admin1_code == unit.admin1_code or city.population >= MAJOR_CITY:
        return True
    if unit.lat is None or city.lat is None:
        return False
    return distance_km(*_centre(unit), city.lat, city.lon) <= UNIT_CITY_KM


def _precision(entry: Entry) -> str:
    if entry.feature == "city":
        return "city" if entry.population >= 20_000 else "point"
    return entry.feature


def _place_of(entry: Entry, span: Span, *, geo_precision: int, score: float, reason: str,
              post_index: int | None) -> Place:
    """The place a mention resolved to, from its gazetteer entry."""
    return Place(span=span, gazetteer_id=entry.id, name=entry.name, country_code=entry.country or None,
                 admin1=entry.admin1, admin2=entry.admin2, feature_type=entry.feature, lat=entry.lat, lon=entry.lon,
                 precision=_precision(entry), geo_precision=geo_precision, score=score, reason=reason,
                 post_index=post_index)


def _geo_precision(precision: str, near: bool) -> int:
    if precision in ("point", "city"):
        return 2 if near else 1
    return 2 if precision == "admin2" else 3


def is_metonymy(text: str, start: int, end: int) -> bool:
    """A place name standing for its government or people ("Kyiv called on Moscow", "Moscow's forces")."""
    after, before = text[end:end + 60], text[max(0, start - 40):start]
    if _METONYMY_AFTER.match(after) and not _PREPOSITION_BEFORE.search(before):
        return True  # "Moscow said", "Moscow's forces"; not "officials in Seoul said"
    if _METONYMY_BEFORE.search(before):
        return True
    return False


class Resolver:
    """Scores gazetteer candidates for mentions in context."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or get_gazetteer()

    def _country_hint(self, text: str, start: int, end: int) -> str | None:
        before = _POSSESSIVE_BEFORE.search(text[max(0, start - 60):start])
        after = _COUNTRY_AFTER.match(text[end:end + 40])
        for match in (before, after):
            if match:
                words = match.group(1).split()
                for size in range(len(words), 0, -1):
                    found = [e for e, kind in self.gazetteer.lookup(" ".join(words[:size])) if e.feature == "country"]
                    if found:
                        return found[0].country
        return None

    def candidates(self, name: str) -> list[tuple[Entry, int]]:
        return self.gazetteer.lookup(name)

    def capital_of(self, country_code: str | None) -> Entry | None:
        """The capital city of a country (by its ISO code), or None where the gazetteer names none."""
        if getattr(self, "_capital_by_country", None) is None:
            self._capital_by_country = {e.country: e for e, _ in self.gazetteer.lookup_prefixed("^", "capital")}
        return self._capital_by_country.get(country_code or "")

    def score(
        self, entry: Entry, kind: int, level: str | None, country_hint: str | None, context: _Context | None,
        key: str, all_candidates: Sequence[tuple[Entry, int]], explain: bool = True,
        units: frozenset[str] = frozenset(), size: str | None = None,
    ) -> tuple[float, list[str]]:
        """A candidate's score and, with `explain`, the features behind it (only the winner's are shown, so the
        other candidates skip the formatting)."""
        features: list[str] = []
        population = POPULATION_WEIGHT * math.log10(entry.population + 10)
        if size and entry.feature == "city":  # "the village of X": the smallest; "the city of X": the largest
            population *= -1 if size == "small" else 2
        total = population
        if explain:
            features.append(f"pop {entry.population:,} ({population:+.2f})" + (f" ({size} place)" if size else ""))
        base = FEATURE_BASE[entry.feature]
        if entry.id in self.gazetteer.capitals:
            base += CAPITAL  # named far beyond its size: "Washington", "Ottawa", not their namesakes
        total += base
        if explain:
            features.append(f"{entry.feature} ({base:+.2f})")
        if entry.feature == "region" and key.split()[-1:] and key.split()[-1] in _WATER_WORDS:
            total += WATER_BODY  # "the Red Sea" is the sea, not Sudan's Red Sea state
            if explain:
                features.append(f"a sea's name ({WATER_BODY:+.2f})")
        match = MATCH_BONUS[kind]
        total += match
        if explain:
            features.append(MATCH_KINDS[kind] + f" ({match:+.2f})")
        if level:
            fits = entry.feature == level or (level == "admin1" and entry.feature == "region")
            bonus = 1.0 if fits else -0.6
            total += bonus
            if explain:
                features.append(f"admin hint {level} ({bonus:+.2f})")
        elif entry.feature in ("admin1", "admin2") and any(
            e.feature == "city" and e.country == entry.country and k <= max(kind, 1)
            and e.population > max(1000, CITY_SHARE * entry.population) and _holds(entry, e)
            for e, k in all_candidates
        ):
            total -= 0.5  # a bare "Kyiv", "Sumy", "New York": the city, not the unit named after it
            if explain:
                features.append("bare name of a city (-0.50)")
        elif not level and entry.feature == "city" and any(
            e.feature == "admin1" and e.country == entry.country and k <= max(kind, 1) and _holds(e, entry)
            for e, k in all_candidates
        ) and any(e.feature == "admin1" and e.country != entry.country for e, _ in all_candidates):
            # the city a unit is named after ("Gaza", "Kherson"): its name is its country's twice over, and weighs
            # what the unit's would against a namesake unit abroad (Mozambique's Gaza province)
            total += FEATURE_BASE["admin1"]
            if explain:
                features.append(f"city its unit is named after ({FEATURE_BASE['admin1']:+.2f})")
        if units and any(e.admin1_code in units for e, _ in all_candidates if e.feature in ("city", "admin2")):
            bonus = UNIT_HINT if entry.admin1_code in units and entry.feature in ("city", "admin2") else -0.5
            total += bonus
            if explain:
                features.append(f"unit named after it ({bonus:+.2f})")
        if country_hint:
            bonus = 1.0 if entry.country == country_hint else -0.5
            total += bonus
            if explain:
                features.append(f"country hint {country_hint} ({bonus:+.2f})")
        if context is not None:
            countries, counted = context.other_countries(key)
            if counted:  # smoothed: one other mention is weaker evidence than ten
                share = countries.get(entry.country, 0) / (counted + PRIOR_SMOOTHING)
                bonus = 0.8 * share
                if bonus:
                    total += bonus
                    if explain:
                        features.append(f"country prior {entry.country} {share:.0%} ({bonus:+.2f})")
            if entry.feature in ("city", "admin2") and entry.admin1_code in context.units:
                total += IN_NAMED_UNIT
                if explain:
                    features.append(f"in {context.units[entry.admin1_code]}, named in the text "
                                    f"({IN_NAMED_UNIT:+.2f})")
            if entry.lat is not None and entry.feature in ("city", "admin2", "admin1"):
                closest = context.nearest_km(entry, key)
                if closest is not None:
                    bonus = NEAR_WEIGHT * max(0.0, 1 - closest / NEAR_KM)
                    if bonus:
                        total += bonus
                        if explain:
                            features.append(f"near other places {closest:.0f} km ({bonus:+.2f})")
        return total, features

    def read(self, text: str, span: Span) -> _Reading:
        """What the text says around a mention, before any scoring (read once per mention, both passes)."""
        cleaned = _clean(span.text)
        name, level, noun = _strip_level_noun(cleaned)
        if not level:
            after, before = _AFTER_LEVEL.match(text[span.end:span.end + 20]), _BEFORE_LEVEL.search(
                text[max(0, span.start - 30):span.start])
            if after:
                level = _LEVEL_WORDS[after.group(1).lower()]
            elif before:
                level, noun = _LEVEL_WORDS[before.group(1).lower()], before.group(1).lower()
        near = bool(_NEAR.search(text[max(0, span.start - 30):span.start]))
        if fold(name) in _BLOCS:  # "the West", "the East": a bloc or a direction, not the admin units so named
            return _Reading(name, level, near, [], None, fold(name))
        found = self._special(text, span, cleaned)
        if found:
            name = cleaned
        elif name != cleaned:  # a level word was stripped: the whole name first ("Kansas City", "Suffolk County")
            found = [(e, k) for e, k in self.candidates(cleaned) if k < 2]
            suffix = _NAME_SUFFIXES.get(cleaned.split()[-1].lower())
            if found:
                name = cleaned
            elif suffix:  # "Yuba City" is no "Yuba" of another kind, nor the "Cuba" its skeleton meets
                # (a county is a first-level unit in some countries: "Lamu County", Kenya)
                found = [(e, k) for e, k in self.candidates(name) if k < 2 and e.feature in suffix]
            else:
                found = self.candidates(name)
        else:
            found = self.candidates(name)
        facility, names_unit = None, False
        for town in [] if found else _facility_towns(cleaned):  # "Manila Cathedral": the town it is named after
            options = self.candidates(town)
            if any(k == 0 and e.feature in ("country", "admin1", "region") for e, k in options) and not any(
                k < 2 and e.feature == "city" and e.population >= MAJOR_CITY for e, k in options
            ):
                names_unit = True
                break  # "Colorado State University": a state's name says the state, not where in it
            found = [(e, k) for e, k in options if k < 2 and e.feature == "city"
                     and e.population >= FACILITY_TOWN_POPULATION]
            if found:
                facility, name, near = town, town, True
                break
        hint = self._country_hint(text, span.start, span.end) if found else None
        units = self._unit_hint(text, span.end) if found else frozenset()
        return _Reading(name, level, near, found, hint, fold(name), units=units, size=_size(noun),
                        facility=bool(found) and facility is not None, names_unit=names_unit,
                        inside_unit=bool(units) and _UNIT_IN.match(text[span.end:span.end + 90]) is not None)

    def _special(self, text: str, span: Span, cleaned: str) -> list[tuple[Entry, int]]:
        """Readings that go before the ordinary name lookup: a landmark that stands for its city ("White House"),
        a news-style abbreviation of a state ("Wash.", "Ill."; with its dot, else "Ore" only after "Place, "), a
        postal code after "Place, " ("Portland, OR") or one that can mean nothing else ("BC", "NSW")."""
        found = self.gazetteer.lookup_prefixed("!", cleaned)
        if found:
            return found
        before = text[max(0, span.start - 40):span.start]
        after_place = bool(_PLACE_COMMA_BEFORE.search(before))
        dotted = span.text.rstrip().endswith(".") or text[span.end:span.end + 1] == "."
        if len(cleaned) <= 6 and cleaned[:1].isupper() and (dotted or after_place):
            found = self.gazetteer.lookup_prefixed("@", cleaned)
            if found and (span.text.rstrip().endswith(".") or after_place):
                return found
        if cleaned.isalpha() and cleaned.isupper() and 2 <= len(cleaned) <= 3 and (
            after_place or cleaned in UNAMBIGUOUS_POSTAL
        ):
            found = self.gazetteer.lookup_prefixed("$", cleaned)
            head = _PLACE_COMMA_BEFORE.search(before) if after_place else None
            if found and head:  # "WA": the state or province that holds the place named before it
                towns = [e for e, k in self.candidates(head.group(0).rstrip(", \t\n")) if k < 2 and e.feature == "city"]
                inside = [(e, k) for e, k in found if e.admin1_code in {t.admin1_code for t in towns}]
                if inside or len(found) > 1:
                    return inside or found
                if towns and cleaned not in UNAMBIGUOUS_POSTAL:
                    return []  # "Toronto, CA": no Toronto in California, so the code is the country's
            return found
        return []

    def _unit_hint(self, text: str, end: int) -> frozenset[str]:
        """First-level units named right after a mention: "Portland, Oregon", "Portland, Ore.", "Portland, OR", and
        "Pishchane in the Kharkiv region", "a village in Borno state", "the Bassa area of central Plateau state" (the
        unit word says it is a unit)."""
        inside = _UNIT_IN.match(text[end:end + 90])
        if inside:
            found = [e for e, k in self.candidates(inside.group(1)) if e.feature == "admin1" and k < 2]
            if found:
                return frozenset(e.admin1_code for e in found if e.admin1_code)
        match = _UNIT_AFTER.match(text[end:end + 40])
        if not match or _LIST_GOES_ON.match(text[end + match.end():end + match.end() + 8]):
            return frozenset()  # "Washington, New York and Boston": a list, not a place and its state
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            phrase = " ".join(words[:size])
            bare = phrase.rstrip(".")
            found = [e for e, k in self.candidates(bare) if e.feature == "admin1" and k < 2]
            if phrase.endswith(".") or text[end + match.end(1):end + match.end(1) + 1] == ".":
                found += [e for e, _ in self.gazetteer.lookup_prefixed("@", bare)]
            if bare.isupper() and bare.isalpha():
                found += [e for e, _ in self.gazetteer.lookup_prefixed("$", bare)]
            if found:
                return frozenset(e.admin1_code for e in found if e.admin1_code)
        return frozenset()

    def resolve_one(
        self, text: str, span: Span, context: _Context | None, post_index: int | None = None, label: str = "GPE",
        metonymy: bool = True, reading: _Reading | None = None,
    ) -> Toponym:
        if metonymy and is_metonymy(text, span.start, span.end):
            named = self.resolve_one(text, span, context, post_index, label, metonymy=False, reading=reading)
            what = f" ({named.place.name}, {named.place.gazetteer_id})" if named.place else ""
            return Toponym(span, label, None, f"metonymy: names a government or people, not a place{what}",
                           named.candidates, post_index, named.alternatives, metonymy=True, named=named.place)
        reading = reading or self.read(text, span)
        level, near, found, country_hint, key = reading.level, reading.near, reading.found, reading.hint, reading.key
        extra = {"units": reading.units, "size": reading.size}
        if not found:
            why = "a bloc or direction, not a place" if key in _BLOCS else "not in the gazetteer"
            return Toponym(span, label, None, f"{why} (unresolved; no fallback)", post_index=post_index)
        scored = sorted(
            ((self.score(e, k, level, country_hint, context, key, found, False, **extra)[0], e, k) for e, k in found),
            key=lambda item: (-item[0], -item[1].population),
        )
        _, best, best_kind = scored[0]
        if reading.inside_unit and best.feature in ("city", "admin2") and best.admin1_code not in reading.units:
            return Toponym(span, label, None, f"no {reading.name} in the gazetteer inside the region the text puts it "
                           f"in (best elsewhere: {best.name}, {best.admin1}); unresolved", found, post_index)
        best_score, features = self.score(best, best_kind, level, country_hint, context, key, found, **extra)
        precision = _precision(best)
        geo_precision = _geo_precision(precision, near)
        margin = best_score - scored[1][0] if len(scored) > 1 else None
        reason = f"score {best_score:.2f}" + (f" (margin {margin:.2f})" if margin is not None else "")
        reason += f"; {len(found)} candidate{'s' if len(found) != 1 else ''}; " + ", ".join(features)
        if reading.facility:
            reason += f", a facility named after {reading.name} (in or by it: geo_precision 2)"
        elif near:
            reason += ", near-phrase (geo_precision 2)"
        place = _place_of(best, span, geo_precision=geo_precision, score=round(best_score, 3), reason=reason,
                          post_index=post_index)
        return Toponym(span, label, place, reason, len(found), post_index,
                       [(e.id, round(s, 3)) for s, e, _ in scored[:5]], entry=best)

    def resolve(
        self, text: str, spans: Sequence[tuple[Span, str, int | None]], prior: Iterable[str] = (),
        metonymy: bool = True,
    ) -> list[Toponym]:
        """Two passes: without context, then with the countries, points and admin1 units the first pass found."""
        readings = [self.read(text, span) for span, _, _ in spans]
        first = [self.resolve_one(text, span, None, post, label, metonymy, reading)
                 for (span, label, post), reading in zip(spans, readings, strict=True)]
        context = _Context(Counter(prior), [])
        post_countries: dict[int | None, Counter] = {}
        own_post: dict[tuple[int | None, str], Counter] = {}
        for toponym, reading in zip(first, readings, strict=True):
            place = toponym.place
            if place is None or place.country_code is None:
                continue
            # a demonym names who acts more often than where ("Ukrainian drones hit Bryansk"): half a vote
            vote = DEMONYM_VOTE if any(k == 3 and e is toponym.entry for e, k in reading.found) else 1.0
            context.countries[place.country_code] += vote
            context.own.setdefault(reading.key, Counter())[place.country_code] += vote
            own_post.setdefault((toponym.post_index, reading.key), Counter())[place.country_code] += vote
            post_countries.setdefault(toponym.post_index, Counter())[place.country_code] += vote
            confident = len(toponym.alternatives) == 1 or place.score - toponym.alternatives[1][1] > 0.3
            if place.feature_type == "admin1" and confident and toponym.entry is not None:
                context.units[toponym.entry.admin1_code] = place.name
            if place.feature_type != "country" and place.lat is not None and confident:
                context.points.append((reading.key, *_centre(toponym.entry)))  # keyed as `score` skips itself
        result = []
        nearest: dict[tuple[tuple[float, float], str], float | None] = {}  # the same points for every mention below
        for (span, label, post), toponym, reading in zip(spans, first, readings, strict=True):
            if toponym.place is None or toponym.candidates <= 1:
                result.append(toponym)
                continue
            countries = context.countries + post_countries.get(post, Counter())  # the post counts double
            own = {reading.key: context.own.get(reading.key, Counter()) + own_post.get((post, reading.key), Counter())}
            result.append(self.resolve_one(text, span, _Context(countries, context.points, context.units, own,
                                                                nearest=nearest), post, label, metonymy, reading))
        self._respect_containers(text, spans, readings, result)
        _leave_strangers_unresolved(result, readings)
        _leave_far_districts_unresolved(result, readings)
        _place_local_features(self, text, result, readings)
        return result

    def _respect_containers(self, text: str, spans: Sequence[tuple[Span, str, int | None]],
                            readings: Sequence[_Reading], result: list[Toponym]) -> None:
        """"X in Y": X lies in Y's country. Resolved elsewhere (a Long Beach of California in a story of Aden,
        Yemen), X is resolved again with Y's country as its hint, and left unresolved when the gazetteer has
        no X there: a wrong continent is worse than no point, since the event then takes Y's. Every mention of X
        in the text follows, since a text means one place by one name."""
        order = sorted(range(len(result)), key=lambda k: result[k].span.start)
        containers: dict[int, int] = {}  # toponym -> the toponym the text puts it in
        for inner_k, outer_k in reversed(list(zip(order, order[1:], strict=False))):
            between = text[result[inner_k].span.end:result[outer_k].span.start]
            if _CONTAINED_IN.match(between):
                containers[inner_k] = outer_k
            elif _LISTED_WITH.match(between) and outer_k in containers:
                containers[inner_k] = containers[outer_k]  # "between Boni and Douentza in central Mali": both
        for inner_k, outer_k in containers.items():
            inner, outer = result[inner_k], result[outer_k]
            if inner.place is None or outer.place is None or inner.metonymy or outer.metonymy:
                continue
            country = outer.place.country_code
            if not country or inner.place.country_code == country:
                continue
            key = readings[inner_k].key
            for k in range(len(result)):  # one name is one place within a text: its other mentions follow
                if readings[k].key != key or result[k].place is None or result[k].place.country_code == country:
                    continue
                span, label, post = spans[k]
                retry = self.resolve_one(text, span, None, post, label, reading=replace(readings[k], hint=country))
                if retry.place is not None and retry.place.country_code == country:
                    result[k] = retry
                else:
                    result[k] = Toponym(
                        span, label, None, f"no {readings[k].name} in the gazetteer within {outer.place.name}, "
                        f"which the text puts it in (best elsewhere: {inner.place.name}, {inner.place.country_code}); "
                        "unresolved", inner.candidates, post)


# A story's places agree: a village in a country no other mention of the story lies in, while at least this many of
# its other mentions lie in one other country, is a namesake abroad of a place the gazetteer lacks.
STRANGER_MIN_VOTES = 2
STRANGER_MAX_POPULATION = 50_000


def _by_spelling_only(reading: _Reading, toponym: Toponym) -> bool:
    """Whether the winner matched by a transliteration skeleton and by nothing better."""
    return all(kind == 2 for entry, kind in reading.found if entry is toponym.entry)


def _leave_strangers_unresolved(result: list[Toponym], readings: Sequence[_Reading]) -> None:
    """Unresolve a village the story could not mean: "Kone" (the end of a Myanmar village's name the parser cut) in a
    story whose other places are all in Myanmar is not Koné, New Caledonia; nor is a name that matched only by a
    transliteration skeleton a place of a country the story never names ("Sanguuni" in Somalia is no Sangin). A
    wrong continent is worse than no point (the event then takes the region or country its text names). Towns of
    more than `STRANGER_MAX_POPULATION` are left alone: a story of one country often names a big city of another
    ("talks in New York"). A region the text puts in a country ("Iraq's Kurdistan region") that the gazetteer knows
    only in another, which the story names nowhere else, is unresolved whatever its size (a city is left alone: a
    hint read off "Moscow and Pyongyang" is no hint).

    A village matched by spelling alone vouches for no other place's country, and a place left unresolved vouches for
    none either, so the check runs again until nothing changes: two namesakes of one foreign country found for two
    villages the gazetteer lacks ("Mahas" and a skeleton match beside it) do not keep each other in a story of
    another country."""
    while _unresolve_one_stranger(result, readings):
        pass


def _village_by_spelling_only(reading: _Reading, toponym: Toponym) -> bool:
    """Whether a mention resolved to a village by a transliteration skeleton alone: a guess that vouches for no
    country (a region so matched under the country the text names it in still does)."""
    return toponym.entry is not None and toponym.place is not None and toponym.place.precision in ("city", "point") \
        and toponym.entry.population <= STRANGER_MAX_POPULATION and _by_spelling_only(reading, toponym)


def _unresolve_one_stranger(result: list[Toponym], readings: Sequence[_Reading]) -> bool:
    """Unresolve the first place `_leave_strangers_unresolved` would, and say whether one was."""
    for k, (toponym, reading) in enumerate(zip(result, readings, strict=True)):
        place, entry = toponym.place, toponym.entry
        if place is None or entry is None or toponym.metonymy or place.precision in ("country", "region"):
            continue
        others = Counter(t.place.country_code for t, r in zip(result, readings, strict=True)
                         if t.place is not None and t.place.country_code and r.key != reading.key
                         and not _village_by_spelling_only(r, t))
        if others and entry.country not in others and _by_spelling_only(reading, toponym):
            result[k] = replace(toponym, place=None, entry=None, reason=(
                f"{place.name}, {place.country_code} matches only by a transliteration of its name, in a country the "
                f"story names nowhere else (unresolved)"))
            return True
        if reading.hint and entry.country != reading.hint and place.precision in ("admin1", "admin2") and others \
                and entry.country not in others:
            result[k] = replace(toponym, place=None, entry=None, reason=(
                f"{place.name}, {place.country_code} lies outside the country the text puts it in ({reading.hint}), "
                f"in a country the story names nowhere else (unresolved)"))
            return True
        if place.precision == "admin1" or entry.population > STRANGER_MAX_POPULATION:
            continue
        if others and entry.country not in others and others.most_common(1)[0][1] >= STRANGER_MIN_VOTES:
            result[k] = replace(toponym, place=None, entry=None, reason=(
                f"{place.name}, {place.country_code} (a village) lies in a country the story names nowhere else; its "
                f"places lie in {others.most_common(1)[0][0]} (unresolved)"))
            return True
    return False


# How far a "district" read as a town may lie from the story's towns before it is taken for an urban district the
# gazetteer lacks.
FAR_DISTRICT_KM = 50.0


def _leave_far_districts_unresolved(result: list[Toponym], readings: Sequence[_Reading]) -> None:
    """"The Kyivskyi district" in a story of Kharkiv is a district of that city (cities' districts are not in the
    gazetteer); no district of that name being known, the name matched a town elsewhere (a Kyivskyi 130 km away).
    A name the text calls a district, resolved to a town that lies more than `FAR_DISTRICT_KM` from every other town
    the story names, is left unresolved: a spot of the story's place, which the event then takes."""
    towns = [(k, t.place) for k, t in enumerate(result) if t.place is not None and t.place.lat is not None
             and t.place.precision in ("city", "point")]
    for k, (toponym, reading) in enumerate(zip(result, readings, strict=True)):
        place = toponym.place
        if place is None or reading.level != "admin2" or place.precision != "city" or place.lat is None:
            continue
        others = [p for j, p in towns if j != k and p.name != place.name]
        if others and all(distance_km(place.lat, place.lon, p.lat, p.lon) > FAR_DISTRICT_KM for p in others):
            result[k] = replace(toponym, place=None, entry=None, reason=(
                f"{place.name}, {place.country_code} is a town, not a district, and lies over {FAR_DISTRICT_KM:.0f} km "
                f"from the story's towns: a district of one of them the gazetteer lacks (unresolved)"))


# Local features no offline gazetteer holds: streets, buildings, venues, institutions, estates. An analyst codes a
# strike on "Hospital No. 5" in a Kharkiv story as Kharkiv, "near / part of" it (ACLED geo_precision 2), so an
# unresolved mention whose words mark one is placed in the story's town; never in a country or an admin1 unit, whose
# centroid would say nothing true about where the feature is.
_LOCAL_FEATURE_WORDS = {
    "street", "road", "avenue", "lane", "boulevard", "highway", "motorway", "square", "bridge", "park", "centre",
    "center", "hall", "tower", "church", "cathedral", "mosque", "synagogue", "school", "university", "college",
    "institute", "hospital", "clinic", "stadium", "arena", "airport", "airfield", "station", "market", "mall",
    "estate", "district", "court", "courthouse", "prison", "jail", "base", "plant", "factory", "port", "harbour",
    "harbor",
}
# A name ending in one of these is an organisation named after a feature ("Highway Patrol", "Port Authority").
_BODY_WORDS = {"patrol", "police", "department", "authority", "commission", "council", "board", "service", "agency",
               "office", "attorney", "committee"}
# Road numbers: British "A417"/"M4", European "E40", Ukrainian "H20"/"M03", Russian "R-22", US "I-95"/"US 1".
_ROAD_NUMBER = re.compile(r"^(?:[ABEHMNPR]-?\d{1,4}|I-\d{1,3}|(?:US|SR|Route|Highway)[ -]?\d{1,4})$")
# Features named after what they run along or lead to, not where they are: "London Road" in Leicester, "Liverpool
# Street station" in London. Their leading name is never read as their town.
_ROUTE_WORDS = {"street", "road", "avenue", "lane", "boulevard", "highway", "motorway", "square", "bridge"}
# Leading words that name no place of their own ("Central Mental Hospital", "National Concert Hall").
_GENERIC_HEADS = _BLOCS | {"central", "national", "new", "old", "royal", "general", "federal", "international",
                           "regional", "city", "state", "county", "main", "grand", "great", "upper", "lower",
                           "northeast", "northwest", "southeast", "southwest", "united"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
LOCAL_FEATURE_GEO_PRECISION = 2


def is_local_feature(name: str) -> bool:
    """Whether a place name marks a feature inside a town ("Royal Street", "Barclays Center", "A417"), by its words;
    a proper name only ("mosques" is no one place) and no body named after one ("the Highway Patrol")."""
    cleaned = _clean(name)
    if _ROAD_NUMBER.match(cleaned):
        return True
    words = re.findall(r"[a-z]+", cleaned.lower())
    if not cleaned[:1].isupper() and not cleaned[:1].isdigit() or words and words[-1] in _BODY_WORDS:
        return False
    return any(w in _LOCAL_FEATURE_WORDS or w.endswith("s") and w[:-1] in _LOCAL_FEATURE_WORDS for w in words)


def _leading_name(name: str) -> list[str]:
    """The capitalised words before a local feature's first feature word, longest first: "Florida Atlantic
    University" -> ["Florida Atlantic", "Florida"]; none for a route ("London Road")."""
    words = _clean(name).split()
    lowered = [re.sub(r"[^a-z]", "", w.lower()) for w in words]
    if any(w in _ROUTE_WORDS for w in lowered):
        return []
    head = []
    for word, low in zip(words, lowered, strict=True):
        if low in _LOCAL_FEATURE_WORDS or not word[:1].isupper():
            break
        head.append(word)
    return [" ".join(head[:size]) for size in range(min(len(head), 3), 0, -1)]


def _story_town(toponym: Toponym, towns: Sequence[Toponym], paragraph: Callable[[int], int]) -> tuple[Toponym,
                                                                                                        str] | None:
    """The town a local feature is in, as an analyst reads the story: the nearest town named before it in its
    paragraph, else in its post, else the town the document names most (the first named on a tie); None when the
    story names no town."""
    before = [t for t in towns if t.span.start < toponym.span.start and t.post_index == toponym.post_index]
    here = paragraph(toponym.span.start)
    in_paragraph = [t for t in before if paragraph(t.span.start) == here]
    if in_paragraph:
        return in_paragraph[-1], "the nearest town before it in its paragraph"
    if before and toponym.post_index is not None:
        return before[-1], "the nearest town before it in its post"
    if not towns:
        return None
    counts = Counter(t.place.gazetteer_id for t in towns)
    best = max(towns, key=lambda t: (counts[t.place.gazetteer_id], -t.span.start))
    count = counts[best.place.gazetteer_id]
    return best, f"the town the story names most ({count} mention{'s' if count != 1 else ''})"


# A town that anchors the story's features must be read with confidence, or one wrong reading ("Washington Square",
# a small US town, in a New Orleans story) drags every street after it across the world: its name is no feature's
# (unless read as the town the facility is named after, "Colchester Hospital"), and it won over its namesakes by
# STORY_TOWN_MARGIN or is named STORY_TOWN_REPEATS times or more; weaker readings only where the story has no other.
STORY_TOWN_MARGIN = 0.1
STORY_TOWN_REPEATS = 3


def _confident_towns(towns: Sequence[tuple[Toponym, _Reading]]) -> list[Toponym]:
    """The towns a local feature may be placed in (see STORY_TOWN_MARGIN)."""
    counts = Counter(t.place.gazetteer_id for t, _ in towns)
    kept, weak = [], []
    for town, reading in towns:
        if is_local_feature(town.span.text) and not reading.facility:
            continue
        alternatives = town.alternatives
        clear = len(alternatives) < 2 or alternatives[0][1] - alternatives[1][1] >= STORY_TOWN_MARGIN
        (kept if clear or counts[town.place.gazetteer_id] >= STORY_TOWN_REPEATS else weak).append(town)
    return kept or weak  # the story's only towns, however weakly read ("Police in Gloucester closed the A417")


def _own_place(resolver: Resolver, name: str) -> Entry | None | bool:
    """What a local feature's leading name says about where it is: a city it is named after ("London Guildhall
    School": London, a city of 100,000+ under its main name, as for organisations), False for a state, region or
    country ("Florida Atlantic University": not in any one town), else None. The longest leading name the
    gazetteer knows decides ("Montgomery County History Center" is no Montgomery)."""
    for head in _leading_name(name):
        found = [(e, k) for e, k in resolver.candidates(head) if k < 2]
        if not found or fold(head) in _GENERIC_HEADS:
            continue
        towns = [e for e, k in found if k == 0 and e.feature == "city" and e.population >= ORG_HEAD_CITY]
        if any(k == 0 and e.feature in ("country", "admin1", "region") for e, k in found) and not any(
            e.population >= MAJOR_CITY for e in towns
        ):
            return False  # as the facility rule: "Colorado State University" says the state, not where in it
        return max(towns, key=lambda e: e.population) if towns else None
    return None


_IN_TOWN_AFTER = re.compile(r"\s*,?\s+(?:in|at|near|outside)\s+(?:the\s+(?:\w+\s+)?(?:city|town)\s+of\s+)?$",
                            re.IGNORECASE)


def _town_named_after(feature: Toponym, towns: Sequence[Toponym], text: str) -> Toponym | None:
    """The town a local feature is said to be in right after its name ("… Airport in Mogadishu"), if the story's
    towns hold it."""
    return next((t for t in towns if t.post_index == feature.post_index and t.span.start > feature.span.end
                 and _IN_TOWN_AFTER.fullmatch(text[feature.span.end:t.span.start])), None)


def _place_local_features(
    resolver: Resolver, text: str, toponyms: list[Toponym], readings: Sequence[_Reading]
) -> None:
    """Place each unresolved local feature in its story's town, in place (see `_LOCAL_FEATURE_WORDS`). A feature
    named after a state ("Colorado State University") is not in any one town and stays unresolved."""
    towns = _confident_towns([(t, r) for t, r in zip(toponyms, readings, strict=True)
                              if t.place is not None and t.place.feature_type == "city"])
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]

    def paragraph(position: int) -> int:
        return bisect.bisect_right(breaks, position)

    for n, (toponym, reading) in enumerate(zip(toponyms, readings, strict=True)):
        if toponym.place is not None or toponym.metonymy or reading.found or reading.names_unit:
            continue
        if not is_local_feature(toponym.span.text):
            continue
        own = _own_place(resolver, toponym.span.text)
        if own is False:
            toponym.reason = "local feature named after a state, region or country (unresolved; no fallback)"
            continue
        named_in = _town_named_after(toponym, towns, text)
        if named_in is not None:  # "Aden Adde International Airport in Mogadishu": the town it is said to be in
            found_in: tuple[Toponym, str] | None = (named_in, "the town named right after it")
        elif isinstance(own, Entry) and towns and all(t.place.country_code != own.country for t in towns):
            found_in = _story_town(toponym, towns, paragraph)  # a foreign city's name in a story of other towns
        else:
            found_in = None
        if isinstance(own, Entry) and found_in is None:
            reason = (f"local feature named after {own.name} (in or by it: geo_precision 2); {len(towns)} "
                      "town mention(s) in the story")
            place = _place_of(own, toponym.span, geo_precision=LOCAL_FEATURE_GEO_PRECISION, score=0.0, reason=reason,
                              post_index=toponym.post_index)
            toponyms[n] = Toponym(toponym.span, toponym.label, place, reason, 1, toponym.post_index, entry=own)
            continue
        found = found_in or _story_town(toponym, towns, paragraph)
        if found is None:
            toponym.reason = "local feature, but the story names no town (unresolved; no fallback)"
            continue
        town, how = found
        reason = f"local feature in {town.place.name} (story context): {how} (geo_precision 2)"
        place = replace(town.place, span=toponym.span, geo_precision=LOCAL_FEATURE_GEO_PRECISION, reason=reason,
                        post_index=toponym.post_index)
        toponyms[n] = Toponym(toponym.span, toponym.label, place, reason, 0, toponym.post_index, entry=town.entry)


_resolver: Resolver | None = None


def get_resolver() -> Resolver:
    global _resolver
    if _resolver is None:
        _resolver = Resolver()
    return _resolver


def resolve_toponyms(
    text: str, mentions: Sequence[Mention], resolver: Resolver | None = None, adjectival: bool = False,
) -> list[Toponym]:
    """Every place mention (GPE/LOC/FAC) of a document, resolved in context or with the reason it is not.

    With `adjectival`, two more kinds of toponym are resolved and marked `adjectival`: nationality mentions
    that are demonyms of a gazetteer place ("Russian", "European"), and places named inside an organisation's
    name ("Colorado State University", "Canada Revenue Agency", a city the model took for an organisation).
    A geoparser reports them (GeoWebNews counts "Russian troops" as a mention of Russia), but an event never
    happens at one, so extraction leaves them out."""
    resolver = resolver or get_resolver()
    spans = []
    adjectives = set()
    narrow: dict[tuple[int, int], Span] = {}  # "Sumska Street" read whole -> "Sumska", the mention's span
    for mention in mentions:
        if mention.label in PLACE_LABELS:
            widened = _with_route_word(text, mention.span)
            for part in _split_coordinated(widened):
                spans.append((part, mention.label, mention.post_index))
                if widened is not mention.span and part.end == widened.end:  # reported at the mention's own span
                    narrow[(part.start, part.end)] = Span(part.start, mention.span.end,
                                                          text[part.start:mention.span.end])
        elif mention.label in ("ORG", "PERSON") and any(
            e.feature in ("country", "region") and kind < 2
            or e.feature == "admin1" and kind == 0 and " " in _clean(mention.span.text)
            for e, kind in resolver.gazetteer.lookup(_clean(mention.span.text))
        ):  # the small model sometimes calls a country or a two-word state an organisation or a person ("Moldova
            # holds ...", "EU", "Tamil Nadu"); one-word states are often first names ("Georgia", "Virginia")
            spans.append((mention.span, "GPE", mention.post_index))
        elif mention.label in ("ORG", "PERSON") and _placed_name(text, mention.span, resolver):
            spans.append((mention.span, "GPE", mention.post_index))
        elif mention.label == "NORP" and not any(
            kind == 3 for _, kind in resolver.gazetteer.lookup(_clean(mention.span.text))
        ) and _placed_name(text, mention.span, resolver, ORG_HEAD_CITY):
            spans.append((mention.span, "GPE", mention.post_index))  # "in Tunis" taken for a nationality
        elif adjectival and mention.label == "NORP" and any(
            kind == 3 for _, kind in resolver.gazetteer.lookup(_clean(mention.span.text))
        ):
            spans.append((mention.span, "NORP", mention.post_index))
            adjectives.add(mention.span.start)
        elif adjectival and mention.label == "ORG":
            embedded = _embedded_place(mention.span, resolver)
            if embedded is not None:
                spans.append((embedded, "ORG", mention.post_index))
                adjectives.add(embedded.start)
    toponyms = resolver.resolve(text, spans)
    for toponym in toponyms:
        toponym.adjectival = toponym.span.start in adjectives
        own = narrow.get((toponym.span.start, toponym.span.end))
        if own is not None:  # events find their places by the mention's span
            toponym.reason += f"; read as {toponym.span.text!r}"
            toponym.span = own
            if toponym.place is not None:
                toponym.place = replace(toponym.place, span=own, reason=toponym.reason)
    _place_distant_quarters(text, toponyms)
    _leave_namesakes_of_described_villages_unresolved(text, toponyms)
    _capitals_named_by_their_country(text, toponyms, resolver)
    return toponyms


# "Somalia's capital", "the capital of Sudan": the country names its capital, where the act happened.
_CAPITAL_AFTER = re.compile(r"^['’]s\s+(?:\w+\s+)?capital\b(?!\s+(?:of|region|district|territory))", re.IGNORECASE)
_CAPITAL_BEFORE = re.compile(r"\bcapital\s+(?:city\s+)?of\s+(?:the\s+)?$", re.IGNORECASE)


def _capitals_named_by_their_country(text: str, toponyms: list[Toponym], resolver: Resolver) -> None:
    """A country named only to say its capital ("in Somalia's capital", "in the capital of Sudan") is that capital:
    a town, not the whole country, so the act can be placed and matched with reports that name the city."""
    for toponym in toponyms:
        place = toponym.place
        if place is None or place.precision != "country" or toponym.metonymy or not (
                _CAPITAL_AFTER.match(text[toponym.span.end:toponym.span.end + 30])
                or _CAPITAL_BEFORE.search(text[max(0, toponym.span.start - 30):toponym.span.start])):
            continue
        capital = resolver.capital_of(place.country_code)
        if capital is None:
            continue
        toponym.reason = f"the capital of {place.name}, named by its country: {capital.name}"
        toponym.place = _place_of(capital, toponym.span, geo_precision=1, score=place.score, reason=toponym.reason,
                                  post_index=place.post_index)
        toponym.entry = capital


# Words that make the name before them a part of a town ("the Tuffah neighbourhood", "the Christian quarter"; not "a
# Houston suburb", which names the city), and how far from every
# town of its story such a part may lie before its gazetteer match is taken for a namesake.
QUARTER_AFTER = re.compile(r"^\s+(?:neighbou?rhood|quarter)\b", re.IGNORECASE)
QUARTER_KM = 30.0


def _place_distant_quarters(text: str, toponyms: list[Toponym]) -> None:
    """A neighbourhood the gazetteer matched to a village far from every town its story names is a namesake (a city's
    quarters are rarely in a gazetteer of towns; a village of the same name elsewhere often is): it is placed in the
    story's town nearest that namesake, with the reason, rather than moving the incident tens of kilometres away."""
    towns = [t.place for t in toponyms if t.place is not None and t.place.precision in ("point", "city")
             and t.place.lat is not None and t.place.lon is not None]
    for toponym in toponyms:
        place = toponym.place
        if place is None or place.lat is None or place.lon is None \
                or not QUARTER_AFTER.match(text[toponym.span.end:toponym.span.end + 20]):
            continue
        others = [t for t in towns if t is not place and t.name != place.name
                  and t.post_index == place.post_index and t.country_code == place.country_code]
        if not others:
            continue
        nearest = min(others, key=lambda t: distance_km(place.lat, place.lon, t.lat, t.lon))  # type: ignore[arg-type]
        if distance_km(place.lat, place.lon, nearest.lat, nearest.lon) > QUARTER_KM:  # type: ignore[arg-type]
            toponym.reason = (f"a quarter: {place.name} ({place.admin1}) lies over {QUARTER_KM:.0f} km from every town "
                              f"of its story, a namesake; placed in the nearest of them, {nearest.name}")
            toponym.place = replace(nearest, span=toponym.span, reason=toponym.reason, post_index=place.post_index)


# ", a small village south of", ", a town 20 km from the", ", a settlement near": what follows a place to say where
# it lies, by another place named next.
_DESCRIBED_BY_ANOTHER = re.compile(r"^\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:village|town|settlement|hamlet|"
                                   r"locality|community)\s+(?:(?:about|some|around|roughly)\s+)?(?:[\d.,]+\s*(?:km|"
                                   r"kilometres|kilometers|miles)\s+)?(?:(?:north|south|east|west|north-?east|"
                                   r"north-?west|south-?east|south-?west)(?:ern)?\s+of|near|outside|from|close to)\s+"
                                   r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)
# How far a village described as near a town may lie from it before the gazetteer's match is taken for a namesake.
DESCRIBED_NEAR_KM = 60.0


def _leave_namesakes_of_described_villages_unresolved(text: str, toponyms: list[Toponym]) -> None:
    """"Stepove, a small village south of Orikhiv": the text says where the village lies. A gazetteer match far from
    the place it is told by (over `DESCRIBED_NEAR_KM`) is a namesake elsewhere (villages share names by the dozen), so
    the name is left unresolved and the act takes the place it is told by."""
    ordered = sorted(toponyms, key=lambda t: t.span.start)
    for toponym, following in zip(ordered, ordered[1:], strict=False):
        place, anchor = toponym.place, following.place
        if place is None or anchor is None or place.lat is None or anchor.lat is None \
                or place.precision not in ("point", "city") \
                or not _DESCRIBED_BY_ANOTHER.match(text[toponym.span.end:following.span.start]):
            continue
        km = distance_km(place.lat, place.lon, anchor.lat, anchor.lon)  # type: ignore[arg-type]
        if km <= DESCRIBED_NEAR_KM:
            continue
        reason = (f"told as lying by {anchor.name}, but the gazetteer's {place.name} ({place.admin1}) is {km:.0f} km "
                  f"from it: a namesake (unresolved)")
        for same in toponyms:  # the headline's mention of the village is the same village
            if same.place is not None and same.place.gazetteer_id == place.gazetteer_id:
                same.reason, same.place, same.entry = reason, None, None


_WORD = re.compile(r"[A-Z][\w'’.-]*")
_LOCATIVE_BEFORE = re.compile(r"\b(in|near|outside|around|into|across)\s+$")  # not "to", "of", "from": people
# A name the model took for a person or an organisation is a place where the text puts it as one: after a locative
# preposition ("lives in Cirencester") or before its state or country ("Klamath Falls, Ore."), and the gazetteer
# knows it under that main name as a town this big (a person's surname rarely is one).
PLACED_NAME_POPULATION = 5_000


# The noun of an administrative unit right after a name ("the Beni territory", "Kossi province").
_UNIT_NOUN_AFTER = re.compile(r"^\s+(?:territory|district|province|county|region|state|oblast|governorate|"
                              r"municipality|township|prefecture|department)\b", re.IGNORECASE)


def _placed_name(text: str, span: Span, resolver: Resolver, population: int = PLACED_NAME_POPULATION) -> bool:
    """Whether a PERSON/ORG/NORP mention is a town the text places: "in Kent", "Klamath Falls, Ore.", "the Beni
    territory"."""
    name = _clean(span.text)
    if not name or not name[0].isupper() or any(c.isdigit() for c in name):
        return False
    if _UNIT_NOUN_AFTER.match(text[span.end:span.end + 30]) and any(
            kind == 0 and e.feature in ("city", "admin1", "admin2") for e, kind in resolver.gazetteer.lookup(name)):
        return True  # "in the Beni territory", "Kossi province": the unit's noun says the name is a place
    towns = [e for e, kind in resolver.gazetteer.lookup(name)
             if kind == 0 and e.feature == "city" and e.population >= population]
    if not towns:
        return False
    if _LOCATIVE_BEFORE.search(text[max(0, span.start - 12):span.start]) and not re.match(
        r"['\u2019]s?\b", text[span.end:span.end + 2]
    ):  # "in Kent", not "in Kennedy's view"
        return True
    units = resolver._unit_hint(text, span.end)
    return any(e.admin1_code in units for e in towns) or bool(
        _COUNTRY_AFTER.match(text[span.end:span.end + 40]) and resolver._country_hint(text, span.start, span.end)
        in {e.country for e in towns})


def _embedded_place(span: Span, resolver: Resolver) -> Span | None:
    """The place an organisation's name starts with or consists of: a country, first-level unit, region or
    demonym at its head ("Colorado State University", "European Commission"), or the whole name when it is a
    first-level unit or a city of 100,000 or more ("Washington", "California" taken for an organisation)."""
    whole = _clean(span.text)
    if any(kind < 2 and (e.feature == "admin1" or e.feature == "city" and e.population >= 100_000)
           for e, kind in resolver.gazetteer.lookup(whole)):
        offset = span.text.index(whole) if whole in span.text else 0
        return Span(span.start + offset, span.start + offset + len(whole), whole)
    offset = 4 if span.text.lower().startswith("the ") else 0
    words = list(_WORD.finditer(span.text, offset))
    for size in (3, 2, 1):
        if len(words) <= size or words[0].start() != offset:
            continue
        end = words[size - 1].end()
        if any(m.start() != p.end() + 1 for p, m in zip(words[:size - 1], words[1:size], strict=True)):
            continue  # contiguous words only
        head = span.text[offset:end]
        if _UNIT_SUFFIX.search(head) and _is_town(head, resolver):  # "Montgomery County Democrats": the county
            return Span(span.start + offset, span.start + end, head)
        if any((e.feature in ("country", "admin1", "region") and kind < 2) or kind == 3
               or (e.feature == "city" and kind == 0 and e.population >= ORG_HEAD_CITY)  # "Toronto Transit Commission"
               for e, kind in resolver.gazetteer.lookup(head)):
            return Span(span.start + offset, span.start + end, head)
    tail = _TAIL_COUNTRY.search(span.text)  # "Kidney Foundation of Canada", "Air Zimbabwe"
    if tail and tail.start(1) > offset and any(
        e.feature == "country" and kind < 2 for e, kind in resolver.gazetteer.lookup(tail.group(1))
    ):
        return Span(span.start + tail.start(1), span.start + tail.end(1), tail.group(1))
    return _local_body_place(span, words, offset, resolver)


# Local bodies and media named after their county or town: "Laurel County Sheriff's Office", "Enfield Council",
# "Beverly Hills Police Department", "University of Manitoba", "CTV Winnipeg". The town must head the name right
# before one of these words (so "Paris Hilton Foundation" or "Jordan Brand" are no place), follow a broadcaster's
# name, or follow "of" after one of these words; a town by its main name, of ORG_TOWN people or more.
_ORG_WORDS = {
    "police", "sheriff", "sheriffs", "department", "dept", "office", "council", "councils", "borough", "city",
    "county", "fire", "rescue", "ems", "coroner", "court", "courts", "jail", "detention", "correctional", "schools",
    "school", "district", "board", "commission", "commissioners", "authority", "transit", "library", "times", "post",
    "herald", "tribune", "gazette", "chronicle", "journal", "courier", "examiner", "observer", "echo", "standard",
    "news", "daily", "press", "mercury", "telegraph", "star", "sun", "record", "register", "dispatch", "university",
    "college", "hospital", "hospitals", "fc", "united", "athletic", "rovers", "wanderers", "rangers",
    "chamber", "mayor", "municipality", "government", "diocese", "archdiocese", "port", "harbour", "airport",
    "zoo", "museum", "symphony", "orchestra", "memorial", "medical", "health", "housing", "water", "utilities",
}
_POSSESSIVE_END = re.compile(r"['\u2019]s?$")  # "Sheriff's Office"
_OF_TOWN = re.compile(r"\b([A-Za-z'\u2019]+)\s+of\s+(?:the\s+)?([A-Z][\w'\u2019.-]*(?:\s[A-Z][\w'\u2019.-]*){0,2})$")
# Broadcasters whose local stations are named "<broadcaster> <place>": "CBC Toronto", "BBC Scotland", "ITV Wales".
# Call signs ("KTVU", "WMBF") name no place and stay out.
_BROADCASTERS = {"CBC", "CTV", "BBC", "ITV", "RTE", "RTÉ", "ABC", "NBC", "CBS", "STV", "SABC", "NHK", "CityNews"}
# Sectors and ideals organisations are named for, some of which are also towns' names (Commerce, California).
_ORG_SECTORS = {"union", "commerce", "industry", "trade", "liberty", "independence", "justice", "unity", "enterprise",
                "progress", "victory", "freedom", "labor", "labour", "education", "defense", "defence", "agriculture",
                "energy", "transport", "finance", "interior", "commonwealth", "science", "technology", "arts"}
_UNIT_SUFFIX = re.compile(r"\s(County|Parish)$")
ORG_TOWN = 10_000


def _is_town(name: str, resolver: Resolver, units: bool = False, population: int = ORG_TOWN) -> bool:
    """Whether the gazetteer knows a name as a town of this size by its main name, or ("Laurel County", "Orleans
    Parish") as a county or parish; with `units`, also as a state, region, country or demonym ("BBC Scotland")."""
    words = fold(_UNIT_SUFFIX.sub("", name)).split()
    if " ".join(words) in _GENERIC_HEADS or any(
        w in _ORG_WORDS or w in _LOCAL_FEATURE_WORDS or w in _ORG_SECTORS for w in words
    ):
        return False  # "University School of Law", "Union Water Resources", "Chamber of Commerce"
    found = resolver.gazetteer.lookup(name)
    if _UNIT_SUFFIX.search(name):
        return any(e.feature == "admin2" and kind < 2 for e, kind in found)
    return any(e.feature == "city" and kind == 0 and e.population >= population for e, kind in found) or units and any(
        e.feature in ("admin1", "region", "country") and kind < 2 or kind == 3 for e, kind in found
    )


def _local_body_place(span: Span, words: list[re.Match[str]], offset: int, resolver: Resolver) -> Span | None:
    """The county or town a local body, newspaper, club or station is named after (see `_ORG_WORDS`)."""
    text = span.text
    whole = _clean(text)
    if _UNIT_SUFFIX.search(whole) and _is_town(whole, resolver):  # "Metcalfe County" taken for an organisation
        start = text.index(whole)
        return Span(span.start + start, span.start + start + len(whole), whole)
    if not words or words[0].start() != offset:
        return None
    first = words[0].group(0)
    begin = 1 if first in _BROADCASTERS else 0
    for size in (3, 2, 1):
        last = begin + size
        if len(words) < last or len(words) == last and not begin:
            continue
        run = words[begin:last]
        if any(m.start() != p.end() + 1 for p, m in zip(run, run[1:], strict=False)):
            continue  # contiguous words only
        if begin and words[begin].start() != words[0].end() + 1:
            continue
        head = text[run[0].start():run[-1].end()]
        if not begin:
            after = words[last]
            if after.start() != run[-1].end() + 1 or _POSSESSIVE_END.sub("", after.group(0).lower()) not in _ORG_WORDS:
                if not _UNIT_SUFFIX.search(head):  # any body named "X County ..." is named after the county
                    continue
        if _is_town(head, resolver, units=bool(begin)):
            return Span(span.start + run[0].start(), span.start + run[-1].end(), head)
    tail = _OF_TOWN.search(text)
    if tail and tail.group(1).lower() in _ORG_WORDS and tail.start(2) > offset:
        name = tail.group(2)
        if _is_town(name, resolver, units=True):
            return Span(span.start + tail.start(2), span.start + tail.end(2), name)
    return None


ORG_HEAD_CITY = 100_000
_TAIL_COUNTRY = re.compile(r"\s(?:of\s+(?:the\s+)?)?([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?)$")


_ROUTE_AFTER = re.compile(r"^ (Street|Road|Avenue|Lane|Boulevard|Highway|Square|Bridge)\b")


def _with_route_word(text: str, span: Span) -> Span:
    """A place mention with the capitalised route word right after it, which the model often leaves out ("Sumska"
    of "Sumska Street"): read as the street, not the region or town it is named after."""
    match = _ROUTE_AFTER.match(text[span.end:span.end + 12])
    if not match:
        return span
    return Span(span.start, span.end + match.end(), span.text + match.group(0))


_COORDINATION = re.compile(r"\s*(?:,|\band\b|\bor\b|&)\s*")


def _split_coordinated(span: Span) -> list[Span]:
    """"Sumy and Kharkiv Oblast" (one entity to the model) -> two toponyms, when every part is capitalised."""
    pieces, start = [], 0
    for match in _COORDINATION.finditer(span.text):
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(span.text)))
    parts = [(a, b) for a, b in pieces if b > a]
    if len(parts) < 2 or not all(span.text[a].isupper() for a, _ in parts):
        return [span]
    return [Span(span.start + a, span.start + b, span.text[a:b]) for a, b in parts]


def resolve_places(text: str, mentions: Sequence[Mention], resolver: Resolver | None = None) -> list[Place]:
    """The resolved places of a document's place mentions, in text order (metonymy, demonyms and unknowns left
    out)."""
    return [t.place for t in resolve_toponyms(text, mentions, resolver) if t.place is not None]


def geoparse(text: str, resolver: Resolver | None = None) -> list[Toponym]:
    """Find and resolve the toponyms of a plain text (the `warlog geo` command, end-to-end evaluation)."""
    from warlog.extract.mentions import extract_mentions
    from warlog.extract.nlp import get_nlp

    resolver = resolver or get_resolver()
    mentions = extract_mentions(get_nlp()(text), 0, None)
    datelines = dateline_mentions(text, mentions, resolver)
    mentions = covered_by(mentions, datelines) + datelines
    mentions.sort(key=lambda m: m.span.start)
    return resolve_toponyms(text, mentions, resolver, adjectival=True)


# A news dateline: a capitalised place name opening a line or following a sentence, before its state or country,
# an agency or a dash ("TORONTO -", "SAN DIEGO (AP) -", "HELENA, Mont. -"). The small model misses names in capitals.
_DATELINE = re.compile(
    r"(?m)(?:^|(?<=[.!?] ))[ \t]*([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3})(?=,| \(| ?[-\u2013\u2014:])"
)


def dateline_mentions(text: str, mentions: Sequence[Mention], resolver: Resolver) -> list[Mention]:
    """Dateline places no mention covers, where the gazetteer knows the name as a town of 10,000+ people, a
    first-level unit or a country. (A title-case dateline may sit inside a name the model ran over it,
    "Kismaayo (Example News": only a place mention covers it.) A place mention that holds only part of a dateline
    in capitals ("GAZA" of "GAZA CITY", which alone is a province of Mozambique) is covered by the whole name,
    and so is a mention the model gave a dateline in capitals as something else ("DHAKA" as an organisation): the
    caller drops it (`covered_by`)."""
    found = []
    for match in [*_DATELINE.finditer(text), *title_datelines(text)]:
        start, end = match.span(1)
        titled = match.re is not _DATELINE
        overlapping = [m for m in mentions if m.span.start < end and start < m.span.end]
        part_of_it = not titled and overlapping and all(
            start <= m.span.start and m.span.end <= end and (
                m.label in PLACE_LABELS and m.span.end - m.span.start < end - start or m.label not in PLACE_LABELS)
            for m in overlapping)
        if len(match.group(1)) < 3 or not part_of_it and any(not titled or m.label in PLACE_LABELS
                                                              for m in overlapping):
            continue
        if any(kind < 2 and (e.feature in ("country", "admin1") or e.feature == "city" and e.population >= 10_000)
               for e, kind in resolver.gazetteer.lookup(match.group(1).title())):
            found.append(Mention(Span(start, end, match.group(1)), "GPE"))
    return found


def covered_by(mentions: Sequence[Mention], wider: Sequence[Mention]) -> list[Mention]:
    """`mentions` without those that lie inside one of `wider` (the whole dateline names `dateline_mentions` found), and
    without one the model gave the very span of a dateline in capitals as no place ("DHAKA" read as an organisation)."""
    return [m for m in mentions if not any(w.span.start <= m.span.start and m.span.end <= w.span.end
                                           and ((w.span.start, w.span.end) != (m.span.start, m.span.end)
                                                or m.label not in PLACE_LABELS) for w in wider)]
