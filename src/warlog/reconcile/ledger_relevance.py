"""Which ledger entries are conflict figures, the ones an analyst opens the ledger for.

Why: a news page counts many things — posts, directions, houses, kilometres of a drive — and a ledger
that lists them all beside the tolls buries what analysts compare across sources: people killed,
injured, missing, detained, displaced, held; troops; weapons; territory. The rest stays in the ledger,
shown on request (`warlog ledger --all`, the page's switch), never thrown away.
"""

from __future__ import annotations

import re

# Heads of counted things that are conflict figures, as written (singular or plural).
_PEOPLE = {"killed", "injured", "dead", "wounded", "casualties", "casualty", "deaths", "death", "fatalities",
           "missing", "detained", "detainees", "arrested", "captured", "abducted", "kidnapped", "hostages",
           "hostage", "prisoners", "prisoner", "pows", "captives", "displaced", "refugees", "refugee", "evacuated",
           "evacuees", "civilians", "civilian", "children", "people", "persons", "residents", "victims", "bodies",
           "troops", "soldiers", "soldier", "servicemen", "fighters", "militants", "insurgents", "rebels",
           "personnel", "mercenaries", "officers", "generals", "commanders", "conscripts", "recruits", "reservists",
           "volunteers", "police", "policemen", "guards", "gunmen", "attackers"}
_WEAPONS = {"drones", "drone", "missiles", "missile", "rockets", "rocket", "shells", "shell", "bombs", "bomb",
            "mortars", "tanks", "tank", "vehicles", "aircraft", "jets", "planes", "helicopters", "artillery",
            "howitzers", "guns", "launchers", "warships", "ships", "boats", "munitions", "weapons", "rounds",
            "airstrikes", "strikes", "attacks", "shahed", "shaheds", "uavs", "uav"}
_TERRITORY = {"territory", "settlements", "settlement", "villages", "village", "towns", "positions", "km2",
              "square kilometres", "square kilometers", "square miles", "hectares"}
CONFLICT_HEADS = _PEOPLE | _WEAPONS | _TERRITORY
_AREA_UNITS = re.compile(r"square (kilomet|met|mile)|km2|km²|mi²|hectare|acre", re.I)
_WORD = re.compile(r"[a-z²0-9]+")


def is_conflict_figure(kind: str, counted: str | None, unit: str | None = None) -> bool:
    """True for casualty entries and for counts of people, forces, weapons or territory."""
    if kind == "casualties":
        return True
    if unit and _AREA_UNITS.search(unit):
        return True
    lowered = (counted or "").lower()
    if lowered in CONFLICT_HEADS:
        return True
    words = _WORD.findall(lowered)
    return bool(words) and words[-1] in CONFLICT_HEADS
