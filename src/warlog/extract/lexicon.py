"""Domain vocabulary the general-purpose English model does not know: weapons, units, agencies.

These are lists of things that exist in the world (weapon systems, formation nouns, well-known
agency acronyms), not phrases of any one page. Adding a weapon or agency here is the whole change
needed for warlog to recognise it.
"""

from __future__ import annotations

import re

# Named weapon systems, lower-cased; multi-word names are matched as phrases.
WEAPON_NAMES = [
    "shahed", "geran", "lancet", "iskander", "kinzhal", "kalibr", "oniks", "zircon", "tochka", "tochka-u",
    "grad", "smerch", "uragan", "tornado-s", "himars", "atacms", "storm shadow", "scalp", "taurus",
    "patriot", "iris-t", "nasams", "tomahawk", "javelin", "nlaw", "stinger", "bayraktar", "switchblade",
    "leopard", "abrams", "bradley", "challenger", "marder", "caesar", "krab", "archer", "excalibur",
    "kh-101", "kh-555", "kh-22", "kh-59", "kh-31", "fab-500", "fab-1500", "fab-3000", "kab", "umpk",
    "feniks", "kornet", "msta", "gvozdika", "akatsiya", "pantsir", "buk", "tor",
]
# Generic weapon phrases: a head noun, optionally with the modifiers that make it specific.
WEAPON_HEADS = [
    "missile", "missiles", "drone", "drones", "bomb", "bombs", "rocket", "rockets", "shell", "shells",
    "mortar", "mortars", "artillery", "grenade", "grenades", "mine", "mines", "landmine", "landmines",
    "ied", "ieds", "munition", "munitions", "rifle", "rifles", "machine gun", "machine guns", "tank",
    "tanks", "howitzer", "howitzers", "grenade launcher", "grenade launchers", "warhead", "warheads",
]
WEAPON_MODIFIERS = [
    "guided", "glide", "ballistic", "cruise", "hypersonic", "kamikaze", "attack", "cluster", "thermobaric",
    "anti-tank", "anti-aircraft", "air-defence", "air-defense", "sniper", "surface-to-air", "air-to-surface",
    "incendiary", "unmanned", "aerial", "naval", "sea", "fpv", "heavy", "barrel", "multiple", "launch",
]
# Model designations such as S-400, Su-34, T-72, AK-12, F-16, Kh-101, FAB-500.
WEAPON_CODE = re.compile(r"^(?:[A-Z][A-Za-z]{0,2}|FAB|KAB|ODAB|MiG)-\d{1,4}[A-Z]{0,2}$")

UNIT_NOUNS = ["brigade", "regiment", "division", "battalion", "corps", "army", "fleet", "company", "squadron"]

# Acronyms of agencies and bodies that news uses without spelling out.
AGENCY_ACRONYMS = {
    "HUR": "Ukraine's military intelligence agency",
    "GUR": "Ukraine's military intelligence agency",
    "SBU": "Security Service of Ukraine",
    "FSB": "Federal Security Service of Russia",
    "GRU": "Russia's military intelligence agency",
    "SVR": "Russia's foreign intelligence service",
    "ISW": "Institute for the Study of War",
    "IAEA": "International Atomic Energy Agency",
    "OHCHR": "UN human rights office",
    "NATO": "North Atlantic Treaty Organization",
    "UN": "United Nations",
    "EU": "European Union",
    "ICRC": "International Committee of the Red Cross",
}

# Nouns that refer back to an organisation ("the agency said"), with the labels they can point to.
ORG_ANAPHORS = {"agency", "ministry", "office", "service", "department", "army", "military", "council",
                "committee", "government", "administration", "company", "group", "organisation",
                "organization", "embassy", "police", "command", "headquarters"}

# Titles used before surnames ("Ms Zakharova"): they never belong to the name itself.
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mr.", "mrs.", "ms.", "dr."}
# Abbreviated titles of American style ("regional Gov. Oleh Syniehubov", "Lt. Gen. Ali Smith"): an office, so
# they are the speaker's role, never part of the name.
TITLE_ABBREVIATIONS = {
    "gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general", "lt.": "lieutenant",
    "col.": "colonel", "maj.": "major", "sgt.": "sergeant", "capt.": "captain", "adm.": "admiral",
    "cmdr.": "commander", "brig.": "brigadier", "pres.": "president", "amb.": "ambassador",
}

# The side an actor or speaker belongs to, when written as a nationality or capital ("Russian
# forces", "Moscow said"): what lets warlog see that a belligerent is reporting its own operation.
SIDES = {
    "russian": "Russia", "russia": "Russia", "moscow": "Russia", "kremlin": "Russia", "the kremlin": "Russia",
    "ukrainian": "Ukraine", "ukraine": "Ukraine", "kyiv": "Ukraine", "kiev": "Ukraine",
    "israeli": "Israel", "israel": "Israel", "palestinian": "Palestine", "gaza": "Palestine",
    "american": "United States", "us": "United States", "u.s.": "United States", "washington": "United States",
    "united states": "United States", "north korean": "North Korea", "pyongyang": "North Korea",
    "north korea": "North Korea", "iranian": "Iran", "iran": "Iran", "tehran": "Iran", "syrian": "Syria",
    "syria": "Syria", "damascus": "Syria", "belarusian": "Belarus", "minsk": "Belarus", "chinese": "China",
    "beijing": "China", "sudanese": "Sudan", "khartoum": "Sudan", "lebanese": "Lebanon", "beirut": "Lebanon",
    "yemeni": "Yemen", "sanaa": "Yemen", "british": "United Kingdom", "london": "United Kingdom",
}

# Nouns that name an attack ("a strike on Dnipro", "a Russian missile attack"): a place after "on/at" one
# is where it happened, and a nationality modifying one is the attacker. Matched as written or as lemma.
ATTACK_NOUNS = {"strike", "strikes", "attack", "attacks", "airstrike", "airstrikes", "shelling", "bombardment",
                "offensive", "assault", "raid", "raids"}
# Verbs (lemmas) by which a state, a force or a weapon attacks what it names as object ("Russia struck ...",
# "drones attacked Belgorod").
ATTACK_VERBS = frozenset("strike hit attack target pound bomb shell raid".split())
# ACLED's event types of political violence: the incidents that have doers, victims and tolls.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

# -- attribution cues (warlog.extract.claims) -----------------------------------------------------
# The verbs that attribute content to a source, with the stance each expresses; PolNeAR-style
# attribution counts reported beliefs and intentions as well as speech.
# Verbs of intention: "Russia wants to ...", "the ministry plans to ...". PolNeAR annotates them as
# attributions (a source's stated or reported aim); their content is only the infinitive, or for "want"
# an object ("Democrats want lower taxes"), never a neighbouring clause.
INTENTION_CUES: dict[str, str] = dict.fromkeys(("want", "plan", "intend", "aim", "seek"), "intend")
# Verbs of knowing and realising: "officials know that ...", "he understood that ...". Beliefs too for
# PolNeAR; they count only with a clause as content ("she knows Kyiv well" is no claim).
BELIEF_CUES: dict[str, str] = dict.fromkeys(
    ("know", "understand", "realize", "realise", "learn", "recognize", "recognise", "sense", "convince"), "assert")
# Verbs whose content is the topic after a preposition ("spoke about the evacuation", "complained of
# shortages"): nothing else they govern is content, so "he spoke to reporters" is no claim.
TOPIC_CUES: dict[str, set[str]] = {
    "speak": {"about", "of"}, "talk": {"about", "of"}, "complain": {"about", "of"},
    "testify": {"about"}, "boast": {"about", "of"}, "joke": {"about"}, "write": {"about", "of"},
}
STANCE_BY_LEMMA: dict[str, str] = {
    **dict.fromkeys(
        (
            "say", "tell", "state", "add", "note", "report", "write", "announce", "declare", "claim",
            "explain", "insist", "argue", "suggest", "comment", "post", "tweet", "indicate", "reveal",
            "assert", "maintain", "stress", "emphasise", "emphasize", "reiterate", "repeat", "predict",
            "believe", "think", "expect", "fear", "hope", "estimate", "assess", "conclude", "reply",
            "respond", "answer", "recall", "agree", "contend", "boast", "complain", "urge", "ask",
            "observe", "remark", "mention", "testify", "show", "find", "feel", "suspect", "worry",
            "doubt", "inform", "brief", "quote", "accord", "describe", "signal", "acknowledge", "call",
            "demand", "cite", "question", "mention", "point", "praise", "defend", "highlight", "echo",
            "propose", "disclose", "endorse", "recommend", "speculate", "forecast", "assume", "wonder",
            "caution", "lament", "concede", "hint", "imply", "specify", "detail", "outline",
            "characterise", "characterize", "label", "brand", "dub",
        ),
        "assert",
    ),
    **dict.fromkeys(("confirm", "admit", "concede", "verify"), "confirm"),
    **dict.fromkeys(("deny", "reject", "dismiss", "refute", "dispute", "rebut"), "deny"),
    # not "blast" or "oppose": a missile blasts a hole, forces oppose an advance
    **dict.fromkeys(("accuse", "blame", "allege", "condemn", "criticise", "criticize", "slam", "mock", "ridicule"),
                    "accuse"),
    **dict.fromkeys(("applaud", "express", "discuss", "liken", "compare", "reference", "encourage", "rule",
                     "consider"), "assert"),
    **dict.fromkeys(("warn", "caution", "threaten"), "warn"),
    **dict.fromkeys(("promise", "vow", "pledge", "swear", "guarantee"), "promise"),
    **INTENTION_CUES,
    **BELIEF_CUES,
    **dict.fromkeys(TOPIC_CUES, "assert"),
}
# Verbs whose content may be an infinitive or gerund complement ("vowed to back", "denied aiming").
XCOMP_CUES = {
    "vow", "promise", "pledge", "swear", "threaten", "deny", "hope", "expect", "claim", "report", "urge",
    "ask", "agree", "warn", "admit", "acknowledge", "guarantee", "tell", "demand", "encourage", *INTENTION_CUES,
}
# Verbs whose content may be a plain object ("denied the reports", "announced a ceasefire").
DOBJ_CUES = {
    "deny", "confirm", "announce", "report", "reject", "dismiss", "admit", "acknowledge", "claim",
    "predict", "condemn", "criticise", "criticize", "reveal", "allege", "dispute", "refute", "rebut",
    "promise", "pledge", "vow", "guarantee", "describe", "cite", "question", "mention", "praise", "defend",
    "highlight", "echo", "propose", "disclose", "endorse", "recommend", "forecast", "demand", "outline",
    "detail", "characterise", "characterize", "label", "brand", "dub", "want", "slam", "mock", "ridicule",
    "applaud", "express", "discuss", "reference",
}
# Verbs whose object is the accused and whose of/for phrase the accusation ("accused Y of Z").
OBJECT_PREP_CUES = {"accuse": {"of"}, "blame": {"for"}, "criticise": {"for"}, "criticize": {"for"},
                    "condemn": {"for"}, "warn": {"of", "about", "against"}, "praise": {"for"},
                    "describe": {"as"}, "characterise": {"as"}, "characterize": {"as"}, "label": {"as"},
                    "brand": {"as"}, "point": {"to"}, "slam": {"for", "as"}, "liken": {"to"},
                    "compare": {"to", "with"}, "mock": {"for", "as"}}
# Verbs that only count with a clause or a quote as content (too often literal otherwise).
CLAUSE_ONLY = {"show", "find", "feel", "add", "note", "write", "post", "answer", "reply",
               "respond", "observe", "remark", "signal", "rule", "consider", *BELIEF_CUES}
HEADLINE_CUES = {
    "say", "claim", "warn", "deny", "confirm", "admit", "vow", "accuse", "insist", "report", "reveal",
    "announce", "promise", "pledge", "threaten", "urge", "predict", "believe", "fear", "suggest",
    "seek", "want", "plan", "question", "show", "demand", "reject",
}
# Nouns that attribute a clause or an infinitive to their owner ("Moscow's claim that ...", "the claim by
# Kyiv that ...", "the mayor's plan to ..."), with the verb whose stance they share.
CUE_NOUNS: dict[str, str] = {
    "claim": "claim", "statement": "state", "assertion": "assert", "allegation": "allege", "accusation": "accuse",
    "denial": "deny", "admission": "admit", "acknowledgment": "acknowledge", "acknowledgement": "acknowledge",
    "warning": "warn", "threat": "threaten", "promise": "promise", "pledge": "pledge", "vow": "vow",
    "insistence": "insist", "argument": "argue", "suggestion": "suggest", "proposal": "propose",
    "prediction": "predict", "estimate": "estimate", "assessment": "assess", "conclusion": "conclude",
    "belief": "believe", "view": "believe", "fear": "fear", "hope": "hope", "expectation": "expect",
    "announcement": "announce", "report": "report", "demand": "demand", "call": "urge", "plan": "plan",
    "intention": "intend", "desire": "want", "decision": "plan", "determination": "conclude",
    "contention": "contend", "charge": "accuse", "complaint": "complain", "concern": "fear",
}
# Verbs that make a cue noun their object without adding meaning ("made the claim that", "repeated its
# demand that"): the verb's subject is the noun's source.
LIGHT_VERBS = {"make", "issue", "express", "voice", "repeat", "reiterate", "renew", "raise", "put", "publish",
               "release", "announce", "unveil", "present", "offer", "deliver", "lodge", "file"}
# The places among SIDES' names (countries and capitals, not nationalities): a speaker or subject written
# as one of them is a government or country, whatever a small model labels it ("Kyiv says ..." is not a
# person).
SIDE_PLACES = {"russia", "moscow", "ukraine", "kyiv", "kiev", "israel", "gaza", "washington", "pyongyang",
               "iran", "tehran", "syria", "damascus", "minsk", "beijing", "khartoum", "beirut", "sanaa",
               "london"}
# Dashes that set a wire dateline off from the story ("KYIV, Ukraine (AP) — ", "BEIRUT (Reuters) - ").
DASHES = ("\u2014", "--", "\u2013", "\u2015")


def is_dateline_dash(text: str, space_before: bool, space_after: bool) -> bool:
    """Whether a token is a dash that can close a dateline.

    Plain-text wires write the dash as a lone hyphen between spaces ("NAIROBI (Reuters) - Police ..."); a hyphen
    touching a word is part of a name or compound ("al-Qaeda", "Liberian-flagged") and never closes anything.
    """
    return text in DASHES or text == "-" and space_before and space_after


# Verbs that tell a toll and nothing else of the act: "were killed", "injured five", "died".
TOLL_VERBS = frozenset({"kill", "injure", "wound", "die"})

# Nouns of a settlement that a name before them is a place of ("Darul Jamal community", "Tsafe village").
SETTLEMENT_NOUNS = frozenset({"village", "hamlet", "settlement", "town", "community"})

# Verbs of using a means: what it was used to do was done ("used drones to attack", "employed artillery to shell"),
# and the user did it.
MEANS_VERBS = frozenset({"use", "employ", "utilize", "utilise"})

# Means made for crowds (and dispersing them): used only on a gathering, so they mark one.
CROWD_CONTROL = frozenset("disperse gas teargas cannon bullet spray flashbang".split())

# Verbs that take lives: "claimed the lives of 14 people", "took 14 lives", "cost the lives of five" tell deaths.
TAKING_LIVES = {"claim", "take", "cost"}


def takes_lives(verb) -> bool:
    """Whether a verb (a spaCy token) takes lives: one of TAKING_LIVES with "lives" or "life" as its object.

    The figure is then a death toll (quantities), and "claimed" is no speech (events)."""
    return verb.lemma_.lower() in TAKING_LIVES and any(c.dep_ == "dobj" and c.lower_ in ("lives", "life")
                                                       for c in verb.children)


def local_government_area_at(doc, i: int) -> bool:
    """Whether a local government area (Nigeria's second-level unit) is named from token `i` of a spaCy Doc on:
    "LGA", "local government area". The name before it is a place, whatever the model made of it ("Bokkos")."""
    if i >= len(doc):
        return False
    if doc[i].text in ("LGA", "LGAs"):
        return True
    return doc[i].lower_ == "local" and doc[i + 1:i + 3].text.lower() in ("government area", "government areas")
