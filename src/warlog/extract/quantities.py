"""Numbers in war news: how many, how sure, of what.

`extract_quantities` reads a parsed slice of a document and returns one `Quantity` per number the
text states, in digits ("12,000", "1.5k", "10 000") or words ("two hundred and fifty", "a dozen",
"two-thirds", "tens of thousands"), with:

- `value`/`low`/`high` and a `qualifier` from `schema.QUALIFIERS` read from the words around it
  ("nearly", "as many as", "between … and …");
- `unit` (``persons`` for people, a measure such as ``km²``/``%``/``USD``, or the plural noun
  counted: ``drones``, ``settlements``) and `counted`, a short label of what is counted; casualty
  wording ("killing three people", "40 others were injured") turns `counted` into ``killed`` /
  ``injured`` because that is what an event needs, while `counted_span` keeps the noun;
- `fraction_of` for parts of an earlier figure ("more than half of them").

Conventions, chosen once here so that every caller reads figures the same way:

- Vague words get ACLED's conventional (conservative) values and ``vague=True``: tens 10, dozens
  12, hundreds 100, thousands 1,000 "and so on" (ACLED fatalities FAQ); scores 20 by the same
  logic. "several" and "many" get 10, ACLED's value for an unquantified "several/many"
  fatalities; "many"/"numerous" are only kept where they count casualties, since elsewhere they
  are not figures. "a few" and "a handful" get 3 and "a couple" 2: warlog's own choice. A vague word
  in front of a scale ("several hundred", "a few thousand") collapses to the scale, which is the
  same conservative floor ACLED gives "hundreds". Plural vague words ("dozens", "thousands") read
  as ``at least`` that value; the others as ``approx``.
- A range ("20-27 troops", "between 30 and 40", "two or three") has ``qualifier="range"``,
  `low`/`high` its ends and `value` its low end (ACLED codes the most conservative figure). "from
  12 to 20" is two figures: a change, not a range.
- A fraction ("half", "two-thirds", "a third") has ``unit="fraction"`` and `value` in 0..1; a
  percentage has ``unit="%"`` and `value` in 0..100. Both take `counted` from what they are a part
  of and, when that is an earlier figure ("of them", "of the troops"), `fraction_of` points at it,
  so the absolute figure is ``value * quantities[fraction_of].value``. The qualifier is the one
  written ("more than half" keeps ``more than``) and ``fraction`` when none is.
- `low`/`high` hold only what the words assert: exact → both the value; approx → neither;
  nearly/at most/up to/as many as → `high`; more than/over/at least → `low`.
- Not quantities, and not returned: years ("since 1945", "February 2022"), days of the month
  and day ranges ("20-27 October" — the time extractor owns these), clock times ("5pm"),
  ordinals ("second largest"), designations ("S-400", "AK-12", "Su-34", "Article 5"), and the
  pronoun "one" ("one of the most powerful", "no one"). A calibre ("60-mm mortars", "155mm") is
  returned with ``unit="mm"`` and ``counted="calibre"``, since the number is still a measure.

Everything works without a dependency parse (a tokenizer-only `Doc`, all-caps text where the
parse is poor): the syntactic rules then fall back to adjacency rules. The cost is one pass over
the tokens plus one `PhraseMatcher` call, so a 100,000-word line is linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from warlog.extract.lexicon import takes_lives
from warlog.extract.parsed import text_of
from warlog.schema import Quantity, Span

# =============================================================================================
# Vocabulary: every word list lives here, one table per concern.
# =============================================================================================

CARDINALS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "bn": 1e9, "tn": 1e12, "trn": 1e12,
}
# Abbreviations glued to digits ("1.5k", "61bn", "300m"). "m" is million only after a currency
# sign or before a counted noun; otherwise it is metres (see _read).
SCALE_SUFFIXES: dict[str, float] = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
# ACLED's conventional values (see the module docstring); plural forms read as "at least".
VAGUE_PLURALS: dict[str, float] = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9,
}
VAGUE_WORDS: dict[str, float] = {"several": 10, "few": 3, "handful": 3, "couple": 2}
WEAK_VAGUE: dict[str, float] = {"many": 10, "numerous": 10}  # kept only as casualty counts
FRACTION_DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}
HYPHENS = {"-", "–", "—", "‑", "‒"}
GROUP_SPACES = {" ", "\u00a0", "\u202f", "\u2009"}  # thousands separators in "10 000"

# Qualifier phrases written before the number, longest match wins.
QUALIFIER_PHRASES: dict[str, tuple[str, ...]] = {
    "approx": (
        "around", "about", "some", "roughly", "approximately", "an estimated", "estimated",
        "circa", "c.", "ca.", "approx.", "approx", "round about", "give or take",
    ),
    "nearly": ("nearly", "almost", "close to", "just under", "just shy of", "not quite", "nigh on"),
    "more than": ("more than", "upwards of", "in excess of", "greater than", "north of"),
    "over": ("over", "just over", "well over", "above", "well above"),
    "at least": ("at least", "no fewer than", "no less than", "not less than", "a minimum of"),
    "at most": (
        "at most", "no more than", "not more than", "fewer than", "less than", "under", "below",
        "a maximum of", "well under", "well below",
    ),
    "as many as": ("as many as", "as much as"),
    "up to": ("up to",),
}
# Qualifiers written after the number ("40 or more", "2,000-plus", "40-odd", "2,000+").
POST_QUALIFIER_PHRASES: dict[str, tuple[str, ...]] = {
    "at least": ("or more",),
    "at most": ("or fewer", "or less"),
    "approx": ("or so", "- odd", "odd"),
    "more than": ("- plus", "plus", "+"),
}
RANGE_JOINERS = HYPHENS | {"to"}

# Measures written after the number, possibly glued with a hyphen ("60-mm", "five-storey").
# unit -> (dimension, phrases)
MEASURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "km²": ("area", (
        "square km", "square kms", "square kilometres", "square kilometers", "square kilometre",
        "square kilometer", "sq km", "sq kms", "sq kilometres", "sq kilometers", "km2", "km²", "sqkm",
    )),
    "mi²": ("area", ("square miles", "square mile", "sq mi", "sq miles", "sq mile", "mi2", "mi²")),
    "ha": ("area", ("hectares", "hectare", "ha")),
    "acres": ("area", ("acres", "acre")),
    "km": ("distance", ("km", "kms", "kilometres", "kilometers", "kilometre", "kilometer")),
    "mi": ("distance", ("miles", "mile", "mi")),
    "m": ("distance", ("metres", "meters", "metre", "meter", "m")),
    "mm": ("calibre", ("mm", "millimetre", "millimeter", "millimetres", "millimeters")),
    "cm": ("distance", ("cm", "centimetres", "centimeters")),
    "t": ("weight", ("tonnes", "tons", "tonne", "ton")),
    "kg": ("weight", ("kg", "kilograms", "kilogrammes", "kilos")),
    "minutes": ("duration", ("minutes", "minute", "mins")),
    "hours": ("duration", ("hours", "hour", "hrs")),
    "days": ("duration", ("days", "day")),
    "weeks": ("duration", ("weeks", "week")),
    "months": ("duration", ("months", "month")),
    "years": ("duration", ("years", "year")),
    "storeys": ("storeys", ("storey", "storeys", "story", "stories", "floors", "floor")),
    "%": ("percent", ("%", "per cent", "percent", "pc", "percentage points")),
    "USD": ("money", ("dollars", "dollar", "usd")),
    "EUR": ("money", ("euros", "euro", "eur")),
    "GBP": ("money", ("pounds sterling", "gbp")),
    "RUB": ("money", ("roubles", "rubles", "rouble", "ruble")),
    "UAH": ("money", ("hryvnias", "hryvnia", "hryvnas")),
}
CURRENCY_SIGNS: dict[str, str] = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH"}
GLUED_UNITS: dict[str, str] = {  # unit abbreviations glued to digits: "155mm", "20km2", "3km"
    "km": "km", "kms": "km", "km2": "km²", "km²": "km²", "mm": "mm", "cm": "cm", "m": "m", "mi": "mi",
    "kg": "kg", "t": "t", "ha": "ha", "sqkm": "km²",
}
MEASURE_DIMENSION: dict[str, str] = {unit: dim for unit, (dim, _) in MEASURES.items()}
DIMENSION_COUNTED = {"area": "area", "distance": "distance", "duration": "duration", "calibre": "calibre",
                     "weight": "weight", "storeys": "storeys"}

# People nouns -> the label `counted` gets. Any other noun is counted as itself (plural).
PEOPLE: dict[str, str] = {}
for _label, _words in {
    "troops": ("troop", "troops", "soldier", "soldiers", "serviceman", "servicemen", "servicewoman",
               "servicewomen", "servicemember", "servicemembers", "personnel", "conscript", "conscripts",
               "infantrymen", "paratrooper", "paratroopers", "troopers", "trooper", "reservist",
               "reservists", "recruit", "recruits", "marine", "marines", "sailors", "sailor"),
    "prisoners": ("prisoner", "prisoners", "pow", "pows", "captive", "captives"),
    "civilians": ("civilian", "civilians"),
    "officers": ("officer", "officers", "policeman", "policemen", "policewoman", "policewomen"),
    "generals": ("general", "generals"),
    "commanders": ("commander", "commanders"),
    "people": ("people", "person", "persons", "individuals", "individual", "others", "residents",
               "resident", "inhabitants", "citizens", "citizen", "nationals", "villagers", "locals",
               "men", "man", "women", "woman", "children", "child", "boys", "boy", "girls", "girl",
               "adults", "teenagers", "teenager", "babies", "baby", "infants"),
}.items():
    PEOPLE.update(dict.fromkeys(_words, _label))
PEOPLE_PLAIN = {  # people nouns counted as themselves
    "fighters", "fighter", "militants", "militant", "mercenaries", "mercenary", "volunteers", "volunteer",
    "pilots", "pilot", "crew", "workers", "worker", "rescuers", "rescuer", "medics", "medic", "doctors",
    "doctor", "nurses", "nurse", "journalists", "journalist", "refugees", "refugee", "evacuees", "hostages",
    "hostage", "detainees", "detainee", "victims", "victim", "patients", "patient", "students", "student",
    "staff", "members", "member", "guards", "guard", "police", "peacekeepers", "diplomats", "diplomat",
    "officials", "official", "leaders", "spies", "agents", "migrants", "insurgents", "rebels", "separatists",
    "partisans", "snipers", "sniper", "gunmen", "gunman", "attackers", "defenders", "deserters", "protesters",
    "demonstrators", "teachers", "families", "settlers", "bodies", "body", "assailants", "jihadists",
    "terrorists", "extremists", "combatants", "suspects",
    # who the dead of an attack on a road, a field or a market are told as ("a bus driver was shot dead")
    "drivers", "passengers", "farmers", "shepherds", "traders", "merchants", "shopkeepers", "vendors", "pupils",
    "worshippers", "pedestrians", "motorcyclists", "commuters", "travellers", "travelers", "pilgrims", "mourners",
    "priests", "pastors", "imams", "clerics", "monks", "elders", "labourers", "laborers", "miners", "reporters",
    "photographers", "activists", "lawmakers", "politicians", "councillors", "judges",
}
PEOPLE_PLAIN |= {"herdsman", "herdsmen", "fisherman", "fishermen", "cameraman", "cameramen"}
PEOPLE_PLAIN |= {  # and their singulars, so "a teacher" is a person too
    word[:-3] + "y" if word.endswith("ies") else word[:-1] for word in list(PEOPLE_PLAIN) if word.endswith("s")
}
PERSON_WORDS = set(PEOPLE) | PEOPLE_PLAIN
# Words that themselves say who the casualties are ("12 dead", "40 casualties").
CASUALTY_NOUNS: dict[str, str] = {
    "dead": "killed", "deaths": "killed", "death": "killed", "fatalities": "killed", "fatality": "killed",
    "killed": "killed", "wounded": "injured", "injured": "injured", "injuries": "injured",
    "casualties": "casualties", "missing": "missing",
}
# Verbs (lemmas and surface forms, lowercased) whose object or passive subject is a casualty.
CASUALTY_VERBS: dict[str, str] = {}
for _label, _words in {
    "killed": ("kill", "killed", "killing", "kills", "slay", "slain", "slew", "murder", "murdered",
               "execute", "executed", "behead", "beheaded", "massacre", "massacred",
               # the armies' euphemism for killing enemy fighters ("30 assailants were neutralised")
               "neutralise", "neutralised", "neutralize", "neutralized",
               # South Asian reports of the dead: "three jawans were martyred", "two terrorists were gunned down"
               "martyr", "martyred", "gunned"),
    "injured": ("injure", "injured", "injuring", "injures", "wound", "wounded", "wounding", "wounds",
                "hurt", "hurting", "maim", "maimed", "hospitalise", "hospitalised", "hospitalize",
                "hospitalized"),
    "detained": ("detain", "detained", "arrest", "arrested"),
    "captured": ("capture", "captured", "abduct", "abducted", "kidnap", "kidnapped", "seize", "seized"),
    "evacuated": ("evacuate", "evacuated"),
    "displaced": ("displace", "displaced"),
}.items():
    CASUALTY_VERBS.update(dict.fromkeys(_words, _label))
DEATH_VERBS = {"die", "died", "dying", "dies", "perish", "perished", "succumb", "succumbed"}
# Casualty roles only a living being can take (a tank is "seized" or "captured" as a person is).
LIVING_ONLY = ("killed", "injured")
# People who flee are displaced ("More than 10,000 people have fled the camp").
FLIGHT_VERBS = {"flee", "fled", "fleeing", "flees"}
# Subjects of "include" that make its object a casualty figure ("the toll included six civilians").
TOLL_NOUNS = {"toll": "killed", "dead": "killed", "victims": "killed", "casualties": "casualties",
              "wounded": "injured", "injured": "injured"}
AUXILIARIES = {"were", "was", "are", "is", "been", "be", "have", "has", "had", "reportedly", "also",
               "later", "all", "being", "so", "far"}
# Verbs acting on weapons: "launched 2,000 drones" -> counted "drones launched".
WEAPON_ACTIONS: dict[str, str] = {
    "launch": "launched", "launched": "launched", "fire": "fired", "fired": "fired",
    "shoot": "shot down", "shot": "shot down", "down": "shot down", "downed": "shot down",
    "intercept": "intercepted", "intercepted": "intercepted", "destroy": "destroyed",
    "destroyed": "destroyed", "supply": "supplied", "supplied": "supplied", "deliver": "delivered",
    "delivered": "delivered", "send": "sent", "sent": "sent",
}
WEAPONS = {
    "drones", "drone", "missiles", "missile", "rockets", "rocket", "shells", "shell", "bombs", "bomb",
    "mines", "mine", "tanks", "tank", "aircraft", "jets", "jet", "planes", "plane", "helicopters",
    "helicopter", "warships", "ships", "boats", "vessels", "howitzers", "launchers", "rounds", "munitions",
    "grenades", "mortars", "rifles", "guns", "vehicles", "systems", "artillery", "interceptors", "uavs",
    "shaheds", "sorties", "bombers", "fighter jets", "warplanes", "radars",
}
TERRITORY_VERBS = {
    "capture", "captured", "seize", "seized", "take", "taken", "took", "occupy", "occupied", "gain",
    "gained", "lose", "lost", "liberate", "liberated", "retake", "retook", "retaken", "control",
    "controlled", "advance", "advanced", "recapture", "recaptured", "hold", "held",
}
MILITARY_GROUPS = {"force", "forces", "army", "contingent", "brigade", "battalion", "division", "unit",
                   "corps", "regiment", "group", "garrison", "detachment", "legion", "deployment"}
# Counted nouns used to tell "2000 troops" (a count) from "in 2000" (a year) without a parse.
COUNT_NOUNS = PERSON_WORDS | WEAPONS | set(CASUALTY_NOUNS) | {
    "settlements", "villages", "towns", "cities", "buildings", "homes", "houses", "districts", "camps",
    "positions", "attacks", "strikes", "regions",
}

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
}
YEAR_CONTEXT = {"in", "since", "of", "by", "until", "till", "from", "before", "after", "early", "late",
                "mid", "mid-", "during", "summer", "winter", "spring", "autumn", "fall", "year", "through"}
TIME_SUFFIXES = {"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "gmt", "utc", "bst", "cet", "cest", "est",
                 "edt", "msk", "eet", "eest", "o'clock", "hrs", "h"}
# Nouns before a number that make it a name, not a count ("Article 5", "Resolution 2231").
DESIGNATORS = {"article", "resolution", "route", "highway", "flight", "no", "no.", "number", "section",
               "chapter", "page", "paragraph", "phase", "round", "level", "category", "grade", "tier",
               "room", "platform", "gate", "block", "building", "unit", "brigade", "battalion", "line",
               "zone", "sector", "point", "checkpoint", "hill", "bus", "train", "channel", "pt", "part",
               "appendix", "annex", "exhibit", "item", "clause", "protocol", "group", "squad", "team"}
# Words after "one" that make it an idiom, not a count ("one another", "at one point").
ONE_IDIOMS = {"another", "point", "stage", "thing", "way", "day", "time", "hand", "or", "by"}
ONE_DETERMINERS = {"no", "the", "this", "that", "any", "every", "each", "which", "another", "such", "its",
                   "his", "her", "their", "our", "my", "your", "someone", "anyone", "everyone", "only"}
# "over"/"about" after these verbs is a particle, not a qualifier ("hand over 935 prisoners").
PARTICLES = {"over", "about", "around", "under", "above", "below"}
PARTICLE_VERBS = {"hand", "handed", "handing", "take", "took", "taking", "turn", "turned", "give", "gave",
                  "bring", "brought", "fly", "flew", "flown", "think", "thought", "talk", "talked", "worry",
                  "worried", "care", "cared", "ask", "asked", "know", "knew", "hear", "heard", "spread", "move",
                  "moved", "look", "looked", "pass", "passed", "win", "won", "fight", "fought", "argue"}
ELIDED_NOUNS = {"others", "more"}  # "30 others were lost": counted like the figure before
PRONOUNS_OF = {"them", "those", "these", "whom", "which", "it", "us"}
SUPERLATIVE_TAGS = {"JJS", "RBS"}

_DIGITS_RE = re.compile(
    r"^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?P<suffix>[a-zA-Z²]{1,4})?$"
)
_RANGE_TOKEN_RE = re.compile(  # "10,000–12,000" and "20–27" stay one token when written with a dash
    r"^(?P<low>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[-–—‑](?P<high>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$"
)
_LIST_RE = re.compile(r"^\d+(?:,\d+)+$")  # "1,2,3": not a thousands grouping
_DECIMAL_COMMA_RE = re.compile(r"^\d+,\d{1,2}$")  # "1,5 million"

# =============================================================================================
# Matcher: multi-word qualifier and unit phrases, built once per vocabulary.
# =============================================================================================


@lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> PhraseMatcher:
    """One PhraseMatcher (lowercase) holding every phrase table, keyed "kind|label".

    A PhraseMatcher rather than a token-pattern Matcher: the tables are plain word sequences, and
    hashing them is several times faster than walking ~150 token patterns at every position.
    """
    matcher = PhraseMatcher(vocab, attr="LOWER")

    def add(key: str, phrases: tuple[str, ...]) -> None:
        matcher.add(key, [Doc(vocab, words=phrase.split()) for phrase in phrases])

    for qualifier, phrases in QUALIFIER_PHRASES.items():
        add(f"pre|{qualifier}", phrases)
    for qualifier, phrases in POST_QUALIFIER_PHRASES.items():
        add(f"post|{qualifier}", phrases)
    for unit, (_dimension, phrases) in MEASURES.items():
        add(f"unit|{unit}", phrases)
    return matcher


@dataclass
class _Phrases:
    """Matcher results indexed by where they touch a number: qualifiers by end, the rest by start."""

    pre_by_end: dict[int, tuple[int, str]]
    post_by_start: dict[int, tuple[int, str]]
    unit_by_start: dict[int, tuple[int, str]]


def _phrases(doc: Doc) -> _Phrases:
    pre: dict[int, tuple[int, str]] = {}
    post: dict[int, tuple[int, str]] = {}
    unit: dict[int, tuple[int, str]] = {}
    strings = doc.vocab.strings
    for match_id, start, end in _matcher(doc.vocab)(doc):
        kind, label = strings[match_id].split("|", 1)
        if kind == "pre":
            if end not in pre or start < pre[end][0]:
                pre[end] = (start, label)
        else:
            table = post if kind == "post" else unit
            if start not in table or end > table[start][0]:
                table[start] = (end, label)
    return _Phrases(pre, post, unit)


# =============================================================================================
# Step 1: find numerals (maximal runs of number tokens) and read their values.
# =============================================================================================


@dataclass
class _Numeral:
    """A run of tokens [start, end) that spells one number, before it is interpreted."""

    start: int
    end: int
    value: float
    high: float | None = None  # set when two numerals form a range
    scale: float = 1.0  # the scale word it ends with ("million"), shared across a range
    vague: bool = False
    weak: bool = False  # "many": only a quantity where it counts casualties
    fraction: bool = False
    plural_vague: bool = False  # "dozens", "thousands": read as "at least"
    glued_unit: str | None = None  # "155mm"
    char_start: int | None = None  # sub-token span, for "1,2,3"
    char_end: int | None = None
    range_start: int | None = None  # "between" that opens a range
    has_year_shape: bool = False
    digits: bool = False


def _parse_digits(text: str) -> tuple[float, str | None] | None:
    """Value and glued suffix of a digit token ("12,000" -> 12000, "1.5k" -> (1.5, "k"))."""
    match = _DIGITS_RE.match(text)
    if not match:
        return None
    try:
        value = float(match.group("num").replace(",", ""))
    except ValueError:
        return None
    suffix = match.group("suffix")
    if suffix and suffix.lower() not in SCALE_SUFFIXES and suffix.lower() not in GLUED_UNITS:
        return None  # "20th", "1990s", "3rd": ordinals and decades are not counts
    return value, suffix.lower() if suffix else None


def _atom(doc: Doc, i: int) -> tuple[str, float] | None:
    """What kind of number word token i is, with its value; None when it is none."""
    token = doc[i]
    low = token.lower_
    if low[:1].isdigit() or low[:1] == ".":
        parsed = _parse_digits(token.text)
        if parsed is None:
            return None
        return ("digits", parsed[0])
    if low in CARDINALS:
        return ("card", CARDINALS[low])
    if low in TENS:
        return ("tens", TENS[low])
    if low in SCALES:
        return ("scale", SCALES[low])
    if low == "dozen":
        return ("dozen", 12)
    if low in VAGUE_PLURALS:
        return ("vplural", VAGUE_PLURALS[low])
    if low == "several":
        return ("vague", VAGUE_WORDS[low])
    if low in ("few", "handful", "couple"):
        return ("afew", VAGUE_WORDS[low])
    if low in WEAK_VAGUE:
        return ("weak", WEAK_VAGUE[low])
    if low in ("half",):
        return ("half", 2)
    if low in FRACTION_DENOMINATORS:
        return ("frac", FRACTION_DENOMINATORS[low])
    if low in ("a", "an"):
        return ("a", 1)
    if low == "score":
        return ("score", 20)
    return None


# Which atom may follow which inside one numeral.
_FOLLOWS: dict[str, set[str]] = {
    "": {"digits", "card", "tens", "vplural", "vague", "weak", "half", "a"},
    "a": {"scale", "dozen", "afew", "frac", "half", "score"},
    "digits": {"scale", "dozen"},
    "card": {"scale", "dozen", "frac", "half"},
    "tens": {"card", "scale", "dozen"},
    "scale": {"card", "tens", "scale"},
    "dozen": set(),
    "vplural": {"vplural"},  # only through "of": "tens of thousands"
    "vague": {"scale", "dozen", "vplural"},
    "afew": {"scale", "dozen"},
    "weak": set(),
    "half": {"a"},
    "frac": set(),
    "score": set(),
    "plus_half": {"scale"},
}


def _prev_lower(doc: Doc, i: int) -> str:
    return doc[i - 1].lower_ if i > 0 else ""


def _glued(doc: Doc, i: int) -> bool:
    """True when token i is written against token i-1 with no space."""
    return i > 0 and doc[i - 1].whitespace_ == ""


def _read_numeral(doc: Doc, i: int) -> _Numeral | None:
    """Read the longest numeral starting at token i ("two hundred and fifty thousand")."""
    n = len(doc)
    atoms: list[tuple[str, float, int]] = []
    j = i
    while j < n:
        atom = _atom(doc, j)
        last = atoms[-1][0] if atoms else ""
        if atom is not None and atom[0] in _FOLLOWS.get(last, set()):
            kind = atom[0]
            if kind == "weak" and (_prev_lower(doc, j) in ("as", "how", "so", "too", "very", "not")
                                   or (j + 1 < n and doc[j + 1].lower_ in ("as", "more", "other", "others"))):
                break  # "as many as", "many more": not a count
            if kind == "a" and not (j + 1 < n and (_atom(doc, j + 1) or ("", 0))[0] in _FOLLOWS["a"]):
                break  # a bare article is not a number
            if kind == "a" and last == "half" and not (j + 1 < n and doc[j + 1].lower_ in SCALES):
                break  # "half an hour": the article belongs to the unit
            if kind == "afew" and (last != "a" or (doc[j].lower_ in ("couple", "handful")
                                                  and not (j + 1 < n and doc[j + 1].lower_ == "of"))):
                break  # "few" alone is not a figure; "a couple" is one only before "of"
            if kind == "frac" and last not in ("a", "card"):
                break  # "third" alone is an ordinal, "quarter" a city district
            if kind == "score" and not (j + 1 < n and doc[j + 1].lower_ == "of"):
                break
            if kind == "digits" and last == "digits":
                break
            if kind == "vplural" and last == "vplural" and doc[j - 1].lower_ != "of":
                break
            atoms.append((kind, atom[1], j))
            j += 1
            continue
        # joiners inside a numeral
        token = doc[j]
        nxt = _atom(doc, j + 1) if j + 1 < n else None
        if atoms and nxt is not None:
            if token.text in HYPHENS and token.whitespace_ == "" and _glued(doc, j) and last in ("card", "tens") \
                    and nxt[0] in ("card", "frac", "half", "scale"):
                j += 1  # "twenty-five", "two-thirds"
                continue
            if token.lower_ == "and" and last == "scale" and nxt[0] in ("card", "tens"):
                j += 1  # "two hundred and fifty"
                continue
            if token.lower_ == "of" and last == "vplural" and nxt[0] == "vplural" and nxt[1] >= 1e3:
                j += 1  # "tens of thousands"
                continue
        if atoms and last in ("card", "digits", "tens") and token.lower_ == "and" and j + 2 < n \
                and doc[j + 1].lower_ == "a" and doc[j + 2].lower_ == "half":
            atoms.append(("plus_half", 0.5, j + 2))  # "one and a half million"
            j += 3
            continue
        break
    if not atoms:
        return None
    # a run that is only "a"/"half a" without a scale is not a number
    while atoms and atoms[-1][0] == "a":
        atoms.pop()
    if not atoms:
        return None
    end = atoms[-1][2] + 1
    return _evaluate(doc, i, end, atoms)


def _evaluate(doc: Doc, start: int, end: int, atoms: list[tuple[str, float, int]]) -> _Numeral:
    """The value of a run of number atoms, with its flags (vague, fraction, scale)."""
    total = 0.0
    current: float | None = None
    vague = weak = fraction = plural_vague = False
    pending_vague = False
    scale = 1.0
    for kind, value, _index in atoms:
        if kind in ("digits", "card", "tens"):
            current = (current or 0.0) + value
        elif kind == "a":
            if current is None:
                current = 1.0
        elif kind in ("scale", "dozen"):
            base = 1.0 if current is None or pending_vague else current
            pending_vague = False
            fraction = False
            scale = value
            if value >= 1e3:
                total += base * value
                current = None
            else:
                current = base * value
        elif kind == "vplural":
            vague = plural_vague = True
            if current is None and total == 0:
                current = value
            else:
                base = 1.0 if pending_vague or current is None else current
                if value >= 1e3:
                    total += base * value
                    current = None
                else:
                    current = base * value
            pending_vague = False
        elif kind in ("vague", "afew", "weak"):
            vague = True
            weak = kind == "weak"
            current = value
            pending_vague = True
        elif kind == "score":
            current = (current or 1.0) * value
        elif kind in ("half", "frac"):
            numerator = 1.0 if current is None else current
            current = numerator / value
            fraction = True
        elif kind == "plus_half":
            current = (current or 0.0) + 0.5
    numeral = _Numeral(start, end, total + (current or 0.0), scale=scale, vague=vague, weak=weak,
                       fraction=fraction, plural_vague=plural_vague)
    if len(atoms) == 1 and atoms[0][0] == "digits":
        token = doc[start]
        numeral.digits = True
        numeral.has_year_shape = len(token.text) == 4 and token.text.isdigit()
        suffix = _DIGITS_RE.match(token.text).group("suffix")  # type: ignore[union-attr]
        if suffix:
            numeral.glued_unit = suffix.lower()
    return numeral


def _group_digits(doc: Doc, numeral: _Numeral) -> _Numeral:
    """Join thousands groups written with spaces: "10 000", "1 200 000" (also no-break spaces)."""
    first = doc[numeral.start]
    if not (numeral.digits and first.text.isdigit() and len(first.text) <= 3 and numeral.end == numeral.start + 1):
        return numeral
    value = numeral.value
    j = numeral.start
    n = len(doc)
    while True:
        k = j + 1
        if doc[j].whitespace_ in GROUP_SPACES and doc[j].whitespace_ != "":
            pass  # a plain single space between the groups
        elif doc[j].whitespace_ == "" and k < n and doc[k].is_space and doc[k].text in GROUP_SPACES:
            k += 1  # the tokenizer kept the no-break space as a token
        else:
            break
        if k < n and len(doc[k].text) == 3 and doc[k].text.isdigit():
            value = value * 1000 + int(doc[k].text)
            j = k
        else:
            break
    if j == numeral.start:
        return numeral
    numeral.value = value
    numeral.end = j + 1
    numeral.has_year_shape = False
    return _apply_following_scale(doc, numeral)


def _apply_following_scale(doc: Doc, numeral: _Numeral) -> _Numeral:
    """A scale word after grouped digits: "10 000 million" (rare, but keep it consistent)."""
    if numeral.end < len(doc) and doc[numeral.end].lower_ in SCALES:
        numeral.scale = SCALES[doc[numeral.end].lower_]
        numeral.value *= numeral.scale
        numeral.end += 1
    return numeral


def _split_list(doc: Doc, i: int) -> list[_Numeral]:
    """A token like "1,2,3" that is not a thousands grouping: one exact numeral per item."""
    token = doc[i]
    numerals: list[_Numeral] = []
    offset = token.idx
    for piece in token.text.split(","):
        if piece:
            numerals.append(_Numeral(i, i + 1, float(piece), char_start=offset, char_end=offset + len(piece),
                                     digits=True))
        offset += len(piece) + 1
    return numerals


def _range_token(doc: Doc, i: int, match: re.Match[str]) -> _Numeral | None:
    """A range written as one token ("10,000–12,000"), with a scale word after it ("2–3 million")."""
    low = float(match.group("low").replace(",", ""))
    high = float(match.group("high").replace(",", ""))
    year_like = len(match.group("low")) == 4 and match.group("low").isdigit()
    if low >= high:
        return None  # "2022–23" (years) or a score: no count
    numeral = _Numeral(i, i + 1, low, high=high, digits=True, has_year_shape=year_like)
    if i + 1 < len(doc) and doc[i + 1].lower_ in SCALES:
        numeral.scale = SCALES[doc[i + 1].lower_]
        numeral.value *= numeral.scale
        numeral.high = high * numeral.scale
        numeral.end += 1
    return numeral


def _scan_numerals(doc: Doc) -> list[_Numeral]:
    """Every numeral in the doc, left to right, with no overlaps."""
    numerals: list[_Numeral] = []
    n = len(doc)
    i = 0
    while i < n:
        token = doc[i]
        text = token.text
        if _LIST_RE.match(text) and not _DIGITS_RE.match(text):
            if _DECIMAL_COMMA_RE.match(text) and i + 1 < n and doc[i + 1].lower_ in SCALES:
                scale = SCALES[doc[i + 1].lower_]
                value = float(text.replace(",", ".")) * scale
                numerals.append(_Numeral(i, i + 2, value, scale=scale, digits=True))
                i += 2
                continue
            numerals.extend(_split_list(doc, i))
            i += 1
            continue
        range_match = _RANGE_TOKEN_RE.match(text)
        if range_match:
            numeral = _range_token(doc, i, range_match)
            if numeral is not None:
                numerals.append(numeral)
                i = numeral.end
                continue
        if _atom(doc, i) is None:
            i += 1
            continue
        numeral = _read_numeral(doc, i)
        if numeral is None:
            i += 1
            continue
        numeral = _group_digits(doc, numeral)
        numeral = _one_in_n(doc, numeral)
        numerals.append(numeral)
        i = numeral.end
    return numerals


def _one_in_n(doc: Doc, numeral: _Numeral) -> _Numeral:
    """ "one in five civilians" is the fraction 1/5, not the figures 1 and 5."""
    end = numeral.end
    if numeral.value != 1 or end - numeral.start != 1 or end + 1 >= len(doc) or doc[end].lower_ != "in":
        return numeral
    denominator = _atom(doc, end + 1)
    following = _next(doc, end + 2)
    if denominator is None or denominator[0] not in ("card", "tens", "digits") or not 2 <= denominator[1] <= 100:
        return numeral
    if following is not None and (following.lower_ in _all_unit_words() or _is_month(following)):
        return numeral  # "1 in 10 days", "1 in 12 March"
    return _Numeral(numeral.start, end + 2, 1 / denominator[1], fraction=True)


# =============================================================================================
# Step 2: join two numerals into a range ("20-27", "between 30 and 40", "two or three").
# =============================================================================================


def _join_ranges(doc: Doc, numerals: list[_Numeral]) -> list[_Numeral]:
    out: list[_Numeral] = []
    for numeral in numerals:
        if out and _is_range(doc, out[-1], numeral):
            first = out.pop()
            low = first.value
            if numeral.scale > 1 and first.scale == 1 and numeral.value / numeral.scale > low:
                low *= numeral.scale  # "2-3 million": the scale belongs to both ends
            opener = first.start - 1 if first.start > 0 and doc[first.start - 1].lower_ == "between" else None
            out.append(_Numeral(first.start, numeral.end, low, high=numeral.value, scale=numeral.scale,
                                glued_unit=numeral.glued_unit, range_start=opener, digits=first.digits,
                                has_year_shape=first.has_year_shape))
        else:
            out.append(numeral)
    return out


def _is_range(doc: Doc, first: _Numeral, second: _Numeral) -> bool:
    if first.char_start is not None or second.char_start is not None:
        return False
    if first.high is not None or first.fraction or second.fraction or first.vague or second.vague:
        return False
    between = doc[first.end:second.start]
    if len(between) != 1:
        return False
    word = between[0].lower_
    low = first.value
    if second.scale > 1 and first.scale == 1 and second.value / second.scale > low:
        low *= second.scale
    if low >= second.value:
        return False
    before = doc[first.start - 1].lower_ if first.start > 0 else ""
    if word in RANGE_JOINERS:
        return before != "from"  # "rose from 12 to 20" is a change, not a range
    if word == "and":
        return before == "between"
    if word == "or":
        return not first.digits and not second.digits  # "two or three"
    return False


# =============================================================================================
# Step 3: drop what is not a quantity (years, days, times, designations, the pronoun "one").
# =============================================================================================


def _prev(doc: Doc, i: int) -> Token | None:
    return doc[i - 1] if i > 0 else None


def _next(doc: Doc, i: int) -> Token | None:
    return doc[i] if i < len(doc) else None


def _is_month(token: Token | None) -> bool:
    return token is not None and token.lower_ in MONTHS and (token.lower_ != "may" or token.text[0].isupper())


def _followed_by_count_noun(doc: Doc, numeral: _Numeral) -> bool:
    """True when a noun we count follows within three tokens ("2000 troops"), so it is no year."""
    for token in doc[numeral.end:numeral.end + 3]:
        if token.is_punct or token.like_num or token.pos_ in ("VERB", "ADP", "AUX") \
                or token.lower_ in CASUALTY_VERBS or token.lower_.endswith("ing"):
            return False
        if token.lower_ in COUNT_NOUNS:
            return True
    return False


def _day_before_month(doc: Doc, end: int) -> bool:
    """ "20 October", "20 and 21 October", "20, 21 or 22 October", "20 of October"."""
    j = end
    for _ in range(6):
        token = _next(doc, j)
        if token is None:
            return False
        if _is_month(token):
            return True
        if token.lower_ in ("and", "or", "to", "of", ",") or token.text in HYPHENS \
                or (token.text.isdigit() and int(token.text) <= 31):
            j += 1
            continue
        return False
    return False


def _is_non_count(doc: Doc, numeral: _Numeral) -> bool:
    """Years, days of the month, clock times, designations and idiomatic "one" are not counts."""
    if numeral.char_start is not None:
        return False
    start, end = numeral.start, numeral.end
    before, after = _prev(doc, start), _next(doc, end)
    value, high = numeral.value, numeral.high
    year = numeral.has_year_shape and 1000 <= value <= 2100
    if year and (_is_month(before) or (before is not None and before.lower_ in YEAR_CONTEXT)
                 or not _followed_by_count_noun(doc, numeral)):
        return True  # "since 1945", "February 2022", "In 2014 soldiers…", "the 2022 invasion"
    whole = value == int(value) and (high is None or high == int(high))
    if numeral.digits and whole and 1 <= value <= 31 and (high is None or high <= 31):
        if _is_month(before) or _day_before_month(doc, end):
            return True  # "20 October", "20-27 October", "20 and 21 October", "October 20"
    if after is not None and after.lower_ in TIME_SUFFIXES and value <= 24:
        return True  # "5pm", "5 p.m.", "17 GMT"
    if after is not None and after.text == ":" and end + 1 < len(doc) and doc[end + 1].text.isdigit():
        return True  # "17:00" split by the tokenizer
    if numeral.digits and before is not None and before.text in HYPHENS and _glued(doc, start):
        two_back = _prev(doc, start - 1)
        if two_back is not None and _glued(doc, start - 1) and (two_back.is_alpha or two_back.text[-1:].isdigit()):
            return True  # "S-400", "Covid-19", "2022-23" split by the tokenizer
    if numeral.digits and after is not None and after.text in HYPHENS and after.whitespace_ == "" \
            and end + 1 < len(doc) and doc[end + 1].text[:1].isupper() and len(doc[end + 1].text) <= 3:
        return True  # "2S-19"-like designations written digits-first
    if numeral.digits and before is not None and before.lower_ in DESIGNATORS and before.text[:1].isupper():
        return True  # "Article 5", "Resolution 2231", "Flight 17"
    if before is not None and before.text in ("#", "№"):
        return True
    if numeral.digits and end < len(doc) and _glued(doc, end) and doc[end].is_alpha \
            and doc[end].lower_ not in GLUED_UNITS and doc[end].lower_ not in SCALE_SUFFIXES \
            and doc[end].lower_ not in SCALES and doc[end].lower_ not in TIME_SUFFIXES:
        return True  # "20th", "1990s" split oddly, "9M723": a code, not a number
    if end - start == 1 and doc[start].lower_ == "one" and _one_is_pronoun(doc, start):
        return True
    return False


def _one_is_pronoun(doc: Doc, i: int) -> bool:
    """ "one" as a pronoun or in an idiom ("one of the most powerful", "no one", "one another")."""
    before, after = _prev(doc, i), _next(doc, i + 1)
    if before is not None and before.lower_ in ONE_DETERMINERS:
        return True
    if after is None:
        return True
    if after.lower_ in ONE_IDIOMS and (after.lower_ != "day" or before is None or before.lower_ not in ("for",)):
        return True
    if after.text in HYPHENS and after.whitespace_ == "":
        word = _next(doc, i + 2)
        return word is None or (word.lower_ not in _all_unit_words() and word.lower_ not in ("year", "day"))
    if after.lower_ == "of":
        for token in doc[i + 2:i + 7]:
            if token.tag_ in SUPERLATIVE_TAGS or token.lower_ in ("most", "best", "worst", "biggest", "largest"):
                return True  # "one of the most powerful offensives": not a count of one
            if token.pos_ in ("NOUN", "PROPN", "PRON") or token.is_punct:
                break
    return False


@lru_cache(maxsize=1)
def _all_unit_words() -> frozenset[str]:
    words: set[str] = set()
    for _dimension, phrases in MEASURES.values():
        for phrase in phrases:
            words.update(phrase.split())
    return frozenset(words)


# =============================================================================================
# Step 4: qualifiers ("nearly", "as many as", "or more").
# =============================================================================================


def _qualifier(doc: Doc, numeral: _Numeral, phrases: _Phrases) -> tuple[str | None, int, int]:
    """(qualifier or None, first token, token after the last) including the qualifier words."""
    start, end = numeral.start, numeral.end
    if numeral.range_start is not None:
        return "range", numeral.range_start, end
    anchor = start
    if start > 0 and doc[start - 1].lower_ in CURRENCY_SIGNS:
        anchor = start - 1  # "more than $1bn"
    if anchor in phrases.pre_by_end:
        pre_start, qualifier = phrases.pre_by_end[anchor]
        if not _qualifier_is_preposition(doc, pre_start, qualifier):
            return ("range" if numeral.high is not None else qualifier), pre_start, end
    if numeral.high is not None:
        return "range", start, end
    post = phrases.post_by_start.get(end)
    if post is not None:
        post_end, qualifier = post
        if qualifier != "more than" or _glued(doc, end) or doc[end].lower_ == "plus":
            return qualifier, start, post_end
    return None, start, end


def _qualifier_is_preposition(doc: Doc, start: int, qualifier: str) -> bool:
    """A one-word qualifier that belongs to the verb before it: "hand over 935 prisoners"."""
    word = doc[start]
    if qualifier not in ("over", "at most", "approx") or start == 0 or word.lower_ not in PARTICLES:
        return False
    if word.dep_ == "prt":
        return True
    verb = doc[start - 1]
    return verb.lemma_.lower() in PARTICLE_VERBS or verb.lower_ in PARTICLE_VERBS


# =============================================================================================
# Step 5: unit, what is counted, and casualty roles.
# =============================================================================================


@dataclass
class _Reading:
    unit: str | None = None
    counted: str | None = None
    noun: Token | None = None
    noun_span: tuple[int, int] | None = None
    role: str | None = None
    of_pronoun: bool = False
    of_noun: Token | None = None
    dimension: str | None = None
    extra_end: int = 0  # tokens of a glued unit/percent sign to include in the span
    noun_label: str | None = None  # what the noun counts before a casualty role or action is added
    elided: bool = False  # "30 others", "40 more": the noun is in an earlier figure
    action: str | None = None  # weapon verb of a figure without its own noun ("intercepted 35")


def _plural(token: Token) -> str:
    """A short plural label for a counted noun ("drone" -> "drones"), stable across casing."""
    low = token.lower_
    if token.tag_ in ("NNS", "NNPS") or low.endswith("s") or low in ("people", "aircraft", "personnel", "police",
                                                                         "staff", "crew", "artillery", "children",
                                                                         "men", "women"):
        return low
    lemma = token.lemma_.lower() or low
    if lemma.endswith(("s", "x", "ch", "sh")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _has_parse(doc: Doc) -> bool:
    """Whether the doc has a dependency parse, in O(1).

    `Doc.has_annotation` scans every token, which is quadratic when asked per number; a parser
    labels every token, so the first one tells.
    """
    return len(doc) > 0 and doc[0].dep != 0


def _is_nounlike(token: Token) -> bool:
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    return token.lower_ in COUNT_NOUNS


def _numeral_root(doc: Doc, numeral: _Numeral) -> Token:
    """The numeral token whose head lies outside the numeral (its link to the sentence)."""
    tokens = doc[numeral.start:numeral.end]
    for token in reversed(tokens):
        if not numeral.start <= token.head.i < numeral.end or token.head.i == token.i:
            return token
    return tokens[-1]


def _noun_after_of(doc: Doc, of_index: int) -> Token | None:
    """The object of "of" after a numeral ("dozens of civilians", "half of them")."""
    of = doc[of_index]
    if _has_parse(doc):
        for child in of.children:
            if child.dep_ == "pobj":
                return child
    for token in doc[of_index + 1:of_index + 6]:
        if token.pos_ == "PRON" or token.lower_ in PRONOUNS_OF:
            return token
        if _is_nounlike(token) and not (token.i + 1 < len(doc) and _is_nounlike(doc[token.i + 1])
                                        and doc[token.i + 1].pos_ != "PROPN"):
            return token
        if token.is_punct or token.pos_ == "VERB":
            break
    return None


def _counted_noun(doc: Doc, numeral: _Numeral, start_after: int) -> Token | None:
    """The noun the number counts: its syntactic head, else the next counted noun to the right."""
    root = _numeral_root(doc, numeral)
    if _has_parse(doc):
        head = root.head
        if head.i >= numeral.end and head.lower_ == "strong":
            head = head.head  # "a 12,000-strong force"
        if head.i >= numeral.end and root.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod", "advmod",
                                                   "npadvmod", "det", "appos", "predet") and _is_nounlike(head) \
                and _words_between(doc, numeral.end, head.i) <= 6:
            return _noun_after_a_name(doc, head) or head
    for token in doc[start_after:start_after + 4]:
        low = token.lower_
        if low in COUNT_NOUNS or (token.pos_ == "PROPN" and token.tag_ == "NNPS"):
            if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in COUNT_NOUNS and low not in PERSON_WORDS:
                continue  # "drone attacks": take the last noun of a compound
            return token
        if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "DET") \
                or low in ("and", "or", "of", "were", "was", "had", "have", "in", "on", "at"):
            break
    return None


def _words_between(doc: Doc, start: int, end: int) -> int:
    """Words in tokens [start, end), an aside in brackets left out: "seven Example Relief Corps (ERC) aid workers"
    puts the name's acronym between the number and what it counts, and says no more for it."""
    depth, count = 0, 0
    for token in doc[start:end]:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and not token.is_punct:
            count += 1
    return count


def _noun_after_a_name(doc: Doc, head: Token) -> Token | None:
    """"Seven Doctors Without Borders (MSF) staff", "six Red Crescent aid workers": when the number's head is a word of
    an organisation's name, the people counted are the plural noun that follows the name (after its acronym in
    brackets), which the parser often leaves outside the phrase."""
    if head.pos_ != "PROPN" or head.tag_ == "NNPS":
        return None
    i, end = head.i + 1, min(len(doc), head.i + 8)
    while i < end and doc[i].pos_ == "PROPN":
        i += 1
    if i < end and doc[i].text == "(":
        close = next((k for k in range(i + 1, min(end, i + 4)) if doc[k].text == ")"), None)
        if close is None:
            return None
        i = close + 1
    found = None
    while i < end and doc[i].pos_ == "NOUN":
        found, i = doc[i], i + 1
    return found if found is not None and found.tag_ == "NNS" else None


def _noun_span(doc: Doc, noun: Token, floor: int = 0) -> tuple[int, int]:
    """The noun with the compounds written before it and "of war" after ("police officers").

    `floor` is the first token the span may take (the token after the number), so a compound
    tag on part of the numeral ("two dozen tanks") stays out.
    """
    start = noun.i
    while start > floor and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i in range(start, noun.i + 1) \
            and not doc[start - 1].like_num:
        start -= 1
    end = noun.i + 1
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ == "war":
        end += 2
    return start, end


def _is_demonym(token: Token) -> bool:
    return token.pos_ == "PROPN" and (token.ent_type_ == "NORP" or token.tag_ == "NNPS") and token.lower_.endswith("s")


def _person_label(doc: Doc, noun: Token) -> str | None:
    low = noun.lower_
    if low in PEOPLE:
        return PEOPLE[low]
    if low in PEOPLE_PLAIN:
        return _plural(noun)
    if _is_demonym(noun):
        start, end = _noun_span(doc, noun)
        return doc[start:end].text.lower()
    return None


def _verb_label(token: Token, table: dict[str, str]) -> str | None:
    return table.get(token.lemma_.lower()) or table.get(token.lower_)


def _casualty_role(doc: Doc, arg: Token, numeral: _Numeral) -> str | None:
    """killed/injured/... when the counted people (or the bare number) are casualties.

    Syntax first: the passive subject or object of a casualty verb ("40 others were injured",
    "killing three people", "injured five"), a subject of "die", a participle attached to the noun
    ("three people killed"), "among the injured", a death toll. Then adjacency, for text the
    parser handles badly (headlines, all caps): "40 injured", "killing three".
    """
    if _has_parse(doc) and arg.dep_ == "pobj" and arg.head.lower_ == "of" \
            and numeral.start <= arg.head.head.i < numeral.end and arg.head.head.dep_ == "nsubj" \
            and (arg.head.head.head.lemma_.lower() in DEATH_VERBS or arg.head.head.head.lower_ in DEATH_VERBS):
        return "killed"  # "two of the wounded died in hospital": deaths among the wounded
    if arg.lower_ in CASUALTY_NOUNS and arg.i >= numeral.end:
        return CASUALTY_NOUNS[arg.lower_]
    if _has_parse(doc):
        role = _syntactic_role(doc, arg)
        if role:
            return role
        of = arg.head
        if arg.dep_ == "pobj" and of.lower_ == "of" and numeral.start <= of.head.i < numeral.end:
            # 'killed "hundreds of militia fighters"': the vague number is the verb's object, its people counted
            role = _syntactic_role(doc, of.head)
            if role:
                return role
    return _adjacent_role(doc, numeral, arg)


def _syntactic_role(doc: Doc, arg: Token) -> str | None:
    token = arg
    for _ in range(8):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head  # "12 soldiers, four nurses and a driver were ..."
    head = token.head
    dep = token.dep_
    if dep in ("nsubjpass", "dobj") or (dep == "nsubj" and head.tag_ == "VBN"):
        label = _shared_verbs_label(head)
        if label:
            return label
    if dep == "nsubj" and (head.lemma_.lower() in DEATH_VERBS or head.lower_ in DEATH_VERBS):
        return "killed"
    if dep == "nsubj" and head.lemma_.lower() in _BEARING_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _HURTS for c in head.children):
        return "injured"  # "eight people sustained gunshot wounds", "suffered burns"
    if dep == "nsubj" and (head.lemma_.lower() in FLIGHT_VERBS or head.lower_ in FLIGHT_VERBS):
        return "displaced"
    if dep == "dobj" and any(c.dep_ == "xcomp" and c.lemma_.lower() in FLIGHT_VERBS for c in head.children):
        return "displaced"  # "forcing nearly 5,000 residents to flee"
    if dep == "dobj" and head.lemma_.lower() == "include":
        # "the toll included six civilians": part of a toll is counted as the toll is
        toll = next((c for c in head.children if c.dep_ == "nsubj" and c.lower_ in TOLL_NOUNS), None)
        if toll is not None:
            return TOLL_NOUNS[toll.lower_]
    if dep == "pobj" and head.lower_ in ("including", "among") and head.head.pos_ in ("VERB", "NOUN"):
        upper = head.head
        if upper.lower_ in CASUALTY_NOUNS:
            return CASUALTY_NOUNS[upper.lower_]
        if upper.pos_ == "NOUN" and upper.i < head.i:
            # "killed 17 people, including five children": the part is counted as the whole it belongs to
            return _syntactic_role(doc, upper)
    hurt_before = next((c for c in arg.children if c.dep_ == "amod" and c.i < arg.i and c.lower_ in _HURT_WORDS), None)
    if hurt_before is not None:
        return CASUALTY_NOUNS[hurt_before.lower_]  # "27 wounded people had been brought to the hospital"
    for child in list(arg.children) + ([] if token == arg else list(token.children)):
        if child.i > arg.i and child.dep_ in ("acl", "amod", "relcl", "advcl") and child.tag_ in ("VBN", "JJ"):
            # "three people killed", "five dead"; not "troops killing 12 people" (they are the agents)
            label = _verb_label(child, CASUALTY_VERBS) or CASUALTY_NOUNS.get(child.lower_)
            if label and not any(grand.dep_ in ("nsubj",) for grand in child.children):
                return label
    if dep in ("nsubj", "attr") and head.lemma_ == "be":
        for child in head.children:
            if child.lower_ == "among":
                for obj in child.children:
                    if obj.lower_ in CASUALTY_NOUNS:
                        return CASUALTY_NOUNS[obj.lower_]
    if _lives_taken(token):
        return "killed"
    if dep == "pobj" and head.lower_ in ("to", "of", "at", "from"):
        verb = head.head
        for neighbour in [verb, *verb.children]:
            if neighbour.lower_ == "toll":  # "the death toll rose to 57"
                deaths = any(c.lower_ in ("death", "dead") for c in neighbour.children)
                return "killed" if deaths else "casualties"
            if neighbour.lemma_.lower() == "number" and (neighbour.dep_ in ("nsubj", "nsubjpass") or (
                    neighbour.dep_ == "dobj" and verb.lemma_.lower() in _ESTIMATING_VERBS)):
                counted = _number_of_victims(neighbour)  # "the number of people killed has risen to four"
                if counted:
                    return counted
    return None


def _shared_verbs_label(verb: Token) -> str | None:
    """What a verb, with the verbs joined to it that share its people, does to them: killed where any one kills.

    "four guards were stabbed and killed", "herders were abducted and killed", "were wounded and later died": the
    people are the subject of the first verb only, and the death is told by the second. A joined verb with a
    subject or object of its own tells of other people ("arrested 12 suspects and killed two").
    """
    labels = [_verb_label(verb, CASUALTY_VERBS) or _fatal_manner(verb) or _taken_in_wounded(verb)]
    for joined in verb.children:
        if joined.dep_ == "conj" and joined.pos_ == "VERB" and not any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in joined.children):
            dies = joined.lemma_.lower() in DEATH_VERBS or joined.lower_ in DEATH_VERBS  # "wounded and later died"
            labels.append("killed" if dies else _verb_label(joined, CASUALTY_VERBS) or _fatal_manner(joined))
    return "killed" if "killed" in labels else next((label for label in labels if label), None)


# Verbs that give a count as their object's size: "put the number of injured at 52", "estimated the number at 40".
_ESTIMATING_VERBS = {"put", "place", "estimate", "set", "raise", "revise", "update"}


def _number_of_victims(number: Token) -> str | None:
    """What "the number of people killed/injured" or "the number of injured" counts: killed or injured, or None."""
    for of in number.children:
        if of.dep_ != "prep" or of.lower_ != "of":
            continue
        for people in of.children:
            if people.dep_ in ("pobj", "amod") and people.lower_ in CASUALTY_NOUNS:
                return CASUALTY_NOUNS[people.lower_]  # "the number of injured", "the number of dead"
            for verb in people.children:
                if verb.dep_ in ("acl", "amod", "relcl"):
                    label = _verb_label(verb, CASUALTY_VERBS)
                    if label:
                        return label
    return None


def _lives_taken(token: Token) -> bool:
    """"claimed the lives of 14 people", "took 14 lives", "cost the lives of five": a way of telling deaths."""
    lives = token
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        lives = token.head.head
    return lives.lemma_.lower() == "life" and lives.lower_ == "lives" and lives.dep_ == "dobj" \
        and takes_lives(lives.head)


def _fatal_manner(verb: Token) -> str | None:
    """ "were shot dead", "was beaten to death": a verb of violence whose result is death is a killing."""
    for child in verb.children:
        if child.lower_ == "dead" and child.dep_ in ("oprd", "acomp", "advmod", "xcomp", "amod"):
            return "killed"
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lower_ == "death" for g in child.children):
            return "killed"
    return None


# Verbs of bringing people to care, and what they were brought with or for: "taken to hospital with gunshot wounds".
_CARE_VERBS = {"take", "rush", "admit", "treat", "bring", "carry", "airlift", "hospitalise", "hospitalize"}
_HURTS = {"wound", "injury", "burn", "fracture"}
# Verbs by which people bear their hurts: "sustained gunshot wounds", "suffered serious injuries".
_BEARING_VERBS = {"sustain", "suffer", "receive"}
# Words before a noun of people that count them among the casualties: "27 wounded people", "two dead soldiers".
_HURT_WORDS = {"wounded", "injured", "dead"}


def _taken_in_wounded(verb: Token) -> str | None:
    """ "were taken to hospital with gunshot wounds", "were treated for injuries": people brought to care for their
    wounds are the injured."""
    if verb.lemma_.lower() not in _CARE_VERBS:
        return None
    # (the parse may hang "with gunshot wounds" on the hospital they were taken to)
    heads = [verb, *(g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "in") for g in c.children
                     if g.dep_ == "pobj")]
    hurt = any(c.dep_ == "prep" and c.lower_ in ("with", "for") and any(g.lemma_.lower() in _HURTS
                                                                         for g in c.children if g.dep_ == "pobj")
               for head in heads for c in head.children)
    return "injured" if hurt else None


def _adjacent_role(doc: Doc, numeral: _Numeral, arg: Token) -> str | None:
    """Casualty wording right next to the number, read without the parse."""
    j = max(numeral.end, arg.i + 1 if arg.i >= numeral.end else numeral.end)
    skipped = 0
    while j < len(doc) and skipped < 3 and doc[j].lower_ in AUXILIARIES:
        j += 1
        skipped += 1
    if j < len(doc):
        word = doc[j].lower_
        if word in CASUALTY_NOUNS and word not in ("death", "deaths", "fatalities", "casualties"):
            return CASUALTY_NOUNS[word]
        if word in CASUALTY_VERBS and (word.endswith("ed") or word in ("hurt", "slain")) and skipped > 0:
            return CASUALTY_VERBS[word]
        if word in DEATH_VERBS and word.endswith("ed"):
            return "killed"
    k = numeral.start - 1
    while k >= 0 and doc[k].lower_ in ("at", "least", "only", "just", "another", "some", "about", "nearly",
                                       "more", "than", "over", "as", "many", "up", "to", "around"):
        k -= 1
    if k >= 0 and doc[k].lower_ in CASUALTY_VERBS and doc[k].lower_.endswith(("ing", "ed")):
        if not _has_parse(doc) or arg.dep_ in ("dobj", "conj", "") or doc[k].lower_.endswith("ing") \
                or _misread_speaker(arg) or _misread_participle(arg, doc[k]):
            return CASUALTY_VERBS[doc[k].lower_]
    return None


def _misread_speaker(arg: Token) -> bool:
    """Whether the parser made the victims right after a toll verb the subject of a later verb of speech ("killed at
    least 23 people, including four children, a local group and witnesses said": the list ran on into the
    speakers). Victims just counted after "killed" do not speak."""
    return arg.dep_ == "nsubj" and arg.head.i > arg.i and arg.head.lemma_.lower() in _SPEECH_AFTER


_SPEECH_AFTER = {"say", "tell", "report", "add", "confirm", "state", "announce"}


def _misread_participle(arg: Token, verb: Token) -> bool:
    """Whether the parser made the victims right after a toll verb the subject of a participle that describes them
    ("killed at least 11 people sheltering in tents": "sheltering" tied to "killed", "people" its subject)."""
    return arg.dep_ == "nsubj" and arg.head.i > arg.i and arg.head.tag_ == "VBG" and arg.head.head == verb


def _weapon_action(doc: Doc, noun: Token) -> str | None:
    """ "fired more than 300 rockets" -> "fired"; "were shot down" -> "shot down"."""
    if not _has_parse(doc):
        return None
    token = noun
    for _ in range(8):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    if token.dep_ in ("dobj", "nsubjpass"):
        action = _verb_label(token.head, WEAPON_ACTIONS)
        if action:
            return action
    for child in noun.children:  # "10 000 shells fired at the town"
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.i > noun.i:
            return _verb_label(child, WEAPON_ACTIONS)
    return None


def _territory(doc: Doc, numeral: _Numeral, unit_end: int) -> bool:
    """An area that was captured, lost or held: "took 200 sq km (of territory)"."""
    if unit_end + 1 < len(doc) and doc[unit_end].lower_ == "of":
        for token in doc[unit_end + 1:unit_end + 5]:
            if token.lower_ in ("territory", "land", "ground"):
                return True
    if _has_parse(doc):
        head = _numeral_root(doc, numeral).head
        for _ in range(3):
            if head.lower_ in TERRITORY_VERBS or head.lemma_.lower() in TERRITORY_VERBS:
                return True
            if head.head.i == head.i:
                break
            head = head.head
    for token in doc[max(0, numeral.start - 6):numeral.start]:
        if token.lower_ in TERRITORY_VERBS:
            return True
    return False


def _read(doc: Doc, numeral: _Numeral, end: int, phrases: _Phrases) -> _Reading:
    """Unit, counted label and counted noun for one numeral; `end` is past any post-qualifier."""
    reading = _Reading()
    before = _prev(doc, numeral.start)
    # currency before ("$61bn", "US$2bn", "more than €300m")
    if before is not None and before.lower_ in CURRENCY_SIGNS:
        reading.unit, reading.dimension = CURRENCY_SIGNS[before.lower_], "money"
    # unit glued to the digits ("155mm", "20km2"), or a scale abbreviation ("61bn", "1.5k")
    glued = numeral.glued_unit
    after_token = _next(doc, end)
    if glued is None and after_token is not None and _glued(doc, end) and after_token.lower_ in SCALE_SUFFIXES:
        glued = after_token.lower_  # "€300m" tokenized as "300" + "m"
        reading.extra_end = 1
    if glued is not None:
        is_money = reading.dimension == "money"
        next_noun = _next(doc, end + reading.extra_end)
        counts_people = next_noun is not None and next_noun.lower_ in COUNT_NOUNS
        if glued in SCALE_SUFFIXES and (glued != "m" or is_money or counts_people):
            numeral.value *= SCALE_SUFFIXES[glued]
            if numeral.high is not None:
                numeral.high *= SCALE_SUFFIXES[glued]
        elif glued in GLUED_UNITS:
            reading.unit = GLUED_UNITS[glued]
            reading.dimension = MEASURE_DIMENSION.get(reading.unit, "distance")
    unit_start = end + reading.extra_end
    if unit_start < len(doc) and doc[unit_start].text in HYPHENS and _glued(doc, unit_start):
        unit_start += 1  # "60-mm", "five-storey", "12-year-old"
    unit_match = phrases.unit_by_start.get(unit_start) if reading.unit is None else None
    if unit_match is not None:
        unit_end, unit = unit_match
        following = _next(doc, unit_end)
        if not (doc[unit_start].lower_ == "m" and following is not None and following.lower_ in COUNT_NOUNS):
            # a lone "m" is metres, except before a counted noun ("3 m people" is millions)
            reading.unit, reading.dimension = unit, MEASURE_DIMENSION[unit]
            if unit == "%" and doc[unit_start].text == "%" and _glued(doc, unit_start):
                reading.extra_end = 1
            return _read_measure(doc, numeral, reading, unit_start, unit_end)
    if reading.dimension in ("money",):
        return reading
    if reading.unit is not None:  # glued measure
        return _read_measure(doc, numeral, reading, end, end + reading.extra_end)
    # what is counted: "N of X" first for parts and vague words, then the noun the number modifies
    of_index = end if end < len(doc) and doc[end].lower_ == "of" else None
    noun = None
    if of_index is not None:
        noun = _noun_after_of(doc, of_index)
        if noun is not None and (noun.pos_ == "PRON" or noun.lower_ in PRONOUNS_OF):
            reading.of_pronoun = True
            reading.noun = noun
            noun = None
        elif noun is not None:
            reading.of_noun = noun
    if noun is None and not reading.of_pronoun:
        skip = end
        if skip < len(doc) and doc[skip].text in HYPHENS and skip + 1 < len(doc) and doc[skip + 1].lower_ == "strong":
            skip += 2
        noun = _counted_noun(doc, numeral, skip)
    arg = noun if noun is not None else _numeral_root(doc, numeral)
    if reading.of_pronoun:
        arg = _numeral_root(doc, numeral)
    if noun is not None:
        reading.noun = noun
        reading.noun_span = _noun_span(doc, noun, floor=numeral.end)
        strong = end + 1 < len(doc) and doc[end].text in HYPHENS and doc[end + 1].lower_ == "strong"
        person = _person_label(doc, noun)
        if noun.lower_ in ELIDED_NOUNS:
            reading.elided = True  # "30 others": people unless an earlier figure says what
            reading.action = _weapon_action(doc, noun)
            role = _casualty_role(doc, arg, numeral)
            if role:
                reading.role, reading.unit, reading.counted = role, "persons", role
            return reading
        if person is not None:
            reading.unit, reading.counted = "persons", person
        elif strong and noun.lower_ in MILITARY_GROUPS:
            reading.unit, reading.counted = "persons", "troops"
        elif noun.lower_ in CASUALTY_NOUNS:
            reading.unit = "persons"
        elif noun.lower_ not in WEAPONS and _casualty_role(doc, arg, numeral) in LIVING_ONLY:
            # only the living are killed or wounded: "four miners were shot dead" counts people whatever
            # the noun, so the person lists need not name every trade
            reading.unit = "persons"
            reading.counted = _plural(noun)
        else:
            reading.unit = reading.counted = _plural(noun)
            action = _weapon_action(doc, noun) if noun.lower_ in WEAPONS else None
            if action:
                reading.counted = f"{reading.unit} {action}"
        reading.noun_label = reading.unit if reading.unit != "persons" else reading.counted
    elif not reading.of_pronoun and _has_parse(doc):
        root = _numeral_root(doc, numeral)
        if root.dep_ in ("dobj", "nsubjpass", "conj"):
            reading.action = _weapon_action(doc, root)
    if reading.unit in (None, "persons") and not numeral.fraction:
        if noun is None or reading.unit == "persons":
            role = _casualty_role(doc, arg, numeral)
            if role:
                reading.role = role
                reading.unit = "persons"
                reading.counted = role
    return reading


def _read_measure(doc: Doc, numeral: _Numeral, reading: _Reading, unit_start: int, unit_end: int) -> _Reading:
    """counted for a measure: territory for captured areas, calibre for "155-mm shells"."""
    dimension = reading.dimension
    reading.noun_span = (unit_start, unit_end) if unit_end > unit_start else None
    if dimension == "area":
        reading.counted = "territory" if _territory(doc, numeral, unit_end) else "area"
    elif dimension == "percent":
        reading.noun_span = None  # "%" is no noun; "40% of the troops" counts troops
        if unit_end < len(doc) and doc[unit_end].lower_ == "of":
            target = _noun_after_of(doc, unit_end)
            if target is not None and (target.pos_ == "PRON" or target.lower_ in PRONOUNS_OF):
                reading.of_pronoun = True
            elif target is not None:
                reading.of_noun = target
                reading.noun = target
                reading.noun_span = _noun_span(doc, target)
                reading.counted = _person_label(doc, target) or _plural(target)
    elif dimension == "duration":
        words = [token.lower_ for token in doc[unit_end:unit_end + 2]]
        reading.counted = "age" if len(words) == 2 and words[0] in HYPHENS and words[1] == "old" else "duration"
    elif dimension in DIMENSION_COUNTED:
        reading.counted = DIMENSION_COUNTED[dimension]
    if dimension == "distance" and reading.unit == "m" and numeral.value < 1000:
        reading.counted = "distance"
    return reading


# =============================================================================================
# Step 6: single casualties written with an article ("wounding a police officer").
# =============================================================================================


def _part_of_an_age(doc: Doc, i: int) -> bool:
    """Whether token `i` is the number of an age written before a noun ("a 58-year-old woman")."""
    following = doc[i + 1:i + 5].text.lower()
    return doc[i].like_num and bool(re.match(r"^-?\s*years?\s*-?\s*old\b", following))


def _article_casualties(doc: Doc, taken: set[int]) -> list[tuple[int, str, Token]]:
    """(article index, role, noun) for "a/an <person>" that is a casualty: a count of one."""
    if not _has_parse(doc):
        return []
    found: list[tuple[int, str, Token]] = []
    for token in doc:
        if token.lower_ not in ("a", "an") or token.dep_ != "det" or token.i in taken:
            continue
        noun = token.head
        if noun.i <= token.i or noun.lower_ not in PERSON_WORDS or noun.tag_ in ("NNS", "NNPS"):
            continue
        if any(i in taken and not _part_of_an_age(doc, i) for i in range(token.i, noun.i + 1)):
            continue  # "a 58-year-old woman" is still one woman; "a dozen people" is no article count
        probe = _Numeral(token.i, token.i + 1, 1.0)
        role = _casualty_role(doc, noun, probe)
        if role in ("killed", "injured"):
            found.append((token.i, role, noun))
    return found


# =============================================================================================
# Assembly
# =============================================================================================


def _bounds(qualifier: str, value: float, high: float | None) -> tuple[float | None, float | None]:
    """low/high asserted by the words (see the module docstring)."""
    if qualifier == "range":
        return value, high
    if qualifier in ("exact", "fraction"):
        return value, value
    if qualifier in ("more than", "over", "at least"):
        return value, None
    if qualifier in ("nearly", "at most", "up to", "as many as"):
        return None, value
    return None, None


def _sentence_ids(doc: Doc) -> list[int]:
    """Sentence number of every token, computed once (Token.sent rescans the sentence each call)."""
    ids = [0] * len(doc)
    if not _has_parse(doc) and not doc.has_annotation("SENT_START"):
        number = 0  # no sentence boundaries: end one at every full stop, question mark or semicolon
        for i, token in enumerate(doc):
            ids[i] = number
            if token.text in (".", "!", "?", ";"):
                number += 1
        return ids
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            ids[i] = number
    return ids


@dataclass
class _Text:
    """The doc's text, read once (`Doc.text` rebuilds the string on every access), and its base."""

    doc: Doc
    text: str
    base: int

    def chars(self, start: int, end: int) -> Span:
        return Span(self.base + start, self.base + end, self.text[start:end])

    def tokens(self, start: int, end: int) -> Span:
        first, last = self.doc[start], self.doc[end - 1]
        return self.chars(first.idx, last.idx + len(last.text))


@dataclass
class _Draft:
    token_start: int
    token_end: int
    sentence: int
    span: Span
    value: float
    high: float | None
    qualifier: str
    unit: str | None
    counted: str | None
    counted_span: Span | None
    vague: bool
    fraction: bool
    of_pronoun: bool
    of_noun: Token | None
    dimension: str | None
    inherit_from_context: bool
    paren_conversion: bool
    noun_label: str | None = None
    elided: bool = False
    action: str | None = None
    of_phrase_end: int = -1  # last token of "of the 300 troops", to link a part to a figure inside it


def _same_kind(earlier: _Draft, noun: Token, doc: Doc) -> bool:
    """Whether an earlier figure counts the same thing as "of the <noun>" ("of the troops")."""
    label = _person_label(doc, noun) or _plural(noun)
    if label in (earlier.noun_label, earlier.counted):
        return True
    return label == "people" and earlier.unit == "persons"  # "of the people": any people


def extract_quantities(doc: Doc, base: int = 0, post_index: int | None = None) -> list[Quantity]:
    """Every number stated in `doc`, as Quantities with document offsets (`base` + token offset).

    `doc` is a spaCy parse of a slice of a document's cleaned text starting at character `base`;
    `post_index` is copied onto each Quantity. The result is in text order; `fraction_of` indexes
    into this list.
    """
    if len(doc) == 0:
        return []
    out = _Text(doc, text_of(doc), base)
    phrases = _phrases(doc)
    sentence = _sentence_ids(doc)
    numerals = _join_ranges(doc, _scan_numerals(doc))
    drafts: list[_Draft] = []
    taken: set[int] = set()
    for numeral in numerals:
        if _is_non_count(doc, numeral):
            continue
        qualifier, span_start, span_end = _qualifier(doc, numeral, phrases)
        reading = _read(doc, numeral, span_end, phrases)
        if numeral.weak and reading.role not in ("killed", "injured", "casualties"):
            continue  # "many" is a figure only where ACLED would code it
        if numeral.char_start is not None:
            span = out.chars(numeral.char_start, numeral.char_end or numeral.char_start)
        else:
            span = out.tokens(span_start, span_end + reading.extra_end)
            if span_start == numeral.start and numeral.start > 0 and doc[numeral.start - 1].lower_ in CURRENCY_SIGNS \
                    and _glued(doc, numeral.start):
                span = out.tokens(numeral.start - 1, span_end + reading.extra_end)
        if qualifier is None:
            if numeral.fraction:
                qualifier = "fraction"
            elif numeral.vague:
                qualifier = "at least" if numeral.plural_vague else "approx"
            else:
                qualifier = "exact"
        unit = "fraction" if numeral.fraction and reading.dimension is None else reading.unit
        counted = reading.counted
        if numeral.fraction and reading.of_noun is not None and counted is None:
            counted = _person_label(doc, reading.of_noun) or _plural(reading.of_noun)
        counted_span = None  # the noun counted, or the words of the measure
        if reading.noun_span is not None:
            counted_span = out.tokens(*reading.noun_span)
        elif reading.of_noun is not None:
            counted_span = out.tokens(*_noun_span(doc, reading.of_noun))
        taken.update(range(numeral.start, numeral.end))
        drafts.append(_Draft(
            token_start=numeral.start, token_end=numeral.end, sentence=sentence[numeral.start], span=span,
            value=numeral.value, high=numeral.high, qualifier=qualifier, unit=unit, counted=counted,
            counted_span=counted_span, vague=numeral.vague, fraction=numeral.fraction or reading.dimension == "percent",
            of_pronoun=reading.of_pronoun, of_noun=reading.of_noun, dimension=reading.dimension,
            inherit_from_context=reading.elided or (unit is None and counted is None and reading.noun is None),
            paren_conversion=numeral.start > 0 and doc[numeral.start - 1].text == "(",
            noun_label=reading.noun_label,
            elided=reading.elided and reading.role is None,
            action=reading.action,
            of_phrase_end=reading.of_noun.i if reading.of_noun is not None else -1,
        ))
    for index, role, noun in _article_casualties(doc, taken):
        start, end = _noun_span(doc, noun)
        drafts.append(_Draft(
            token_start=index, token_end=index + 1, sentence=sentence[index],
            span=out.tokens(index, index + 1), value=1.0, high=None, qualifier="exact",
            unit="persons", counted=role, counted_span=out.tokens(start, end), vague=False,
            fraction=False, of_pronoun=False, of_noun=None, dimension=None, inherit_from_context=False,
            paren_conversion=False,
        ))
    drafts.sort(key=lambda d: d.span.start)
    return _finish(doc, drafts, post_index)


def _finish(doc: Doc, drafts: list[_Draft], post_index: int | None) -> list[Quantity]:
    """Resolve what needs the figures before: ellipsis, conversions, and fraction links."""
    quantities: list[Quantity] = []
    window = 40  # how far back a link may reach; keeps huge one-sentence inputs linear
    for index, draft in enumerate(drafts):
        fraction_of = None
        earlier = range(index - 1, max(-1, index - 1 - window), -1)
        if draft.paren_conversion and index > 0:
            previous = drafts[index - 1]
            if previous.dimension == draft.dimension and previous.dimension is not None \
                    and previous.token_end + 1 >= draft.token_start - 2:
                draft.qualifier = previous.qualifier  # "nearly 200 sq km (80 sq mi)": the same figure
                draft.counted = previous.counted
        if draft.inherit_from_context and not draft.fraction:
            for k in earlier:
                other = drafts[k]
                if other.sentence != draft.sentence:
                    break
                if other.noun_label is not None and not other.fraction and other.dimension is None:
                    # "935 prisoners ... only 279": the noun carries over, a casualty role does not,
                    # and a weapon takes this figure's own verb ("fired 40 missiles, intercepted 35")
                    if draft.counted is None or draft.elided:
                        draft.unit, draft.counted = other.unit, other.noun_label
                        if draft.action and other.noun_label in WEAPONS:
                            draft.counted = f"{other.noun_label} {draft.action}"
                    draft.noun_label = other.noun_label
                    break
            if draft.elided and draft.unit is None:
                draft.unit, draft.counted = "persons", "people"
        if draft.fraction and draft.of_phrase_end >= 0:
            for k in range(index + 1, min(len(drafts), index + 3)):
                if drafts[k].token_start <= draft.of_phrase_end and not drafts[k].fraction:
                    fraction_of = k  # "a third of the 300 troops": the whole is inside the of-phrase
                    draft.counted = draft.counted or drafts[k].noun_label
                    break
        if fraction_of is None and draft.fraction and (draft.of_pronoun or draft.of_noun is not None):
            for k in earlier:
                other = drafts[k]
                if other.fraction or other.dimension is not None:
                    continue
                if draft.of_pronoun and other.unit is not None:
                    fraction_of = k
                elif draft.of_noun is not None and _same_kind(other, draft.of_noun, doc):
                    fraction_of = k
                if fraction_of is not None:
                    if draft.counted is None:
                        draft.counted = other.counted
                    break
        low, high = _bounds(draft.qualifier, draft.value, draft.high)
        quantities.append(Quantity(
            span=draft.span, value=draft.value, low=low, high=high, qualifier=draft.qualifier, unit=draft.unit,
            counted=draft.counted, counted_span=draft.counted_span, vague=draft.vague, fraction_of=fraction_of,
            post_index=post_index,
        ))
    return quantities
