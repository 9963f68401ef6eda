"""Whether a ledger entry's figures are about one incident or a running total, for the page, the CLI and the sitrep.

Why: a casualty entry is keyed by the incident its figures were told of, and a running total ("more than 41,000
have been killed since the war began") is read as an event of its own that the extraction marks generic (a
statement, not one incident). The entry's label alone ("killed in the attack at Gaza") read as one attack's toll,
beside the strike's own entry ("killed in the air/drone strike at Gaza City"); issue 14 asks for the scope, this
incident or cumulative, to be shown. The store's incident index says which incidents are generic, so an entry
whose incident is generic is a running total or a general statement, one whose incident is real is about that
incident, and an entry with no incident (counts of troops, weapons, territory) has no such scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from sqlalchemy import Engine, select

from warlog.store import tables

IncidentScope = Literal["incident", "general"]
# How each scope is written for people (the page's tag, the CLI's title, the sitrep's line).
SCOPE_TEXT: dict[str, str] = {"incident": "this incident",
                              "general": "a running total or general statement, not one incident"}


def general_incidents(engine: Engine, ids: Iterable[str] | None = None) -> set[str]:
    """The ids of generic incidents (statements, running totals), among `ids` when given, else all of them."""
    i = tables.incidents
    wanted = None if ids is None else sorted({x for x in ids if x})
    if wanted == []:
        return set()
    query = select(i.c.id).where(i.c.generic.is_(True))
    found: set[str] = set()
    with engine.connect() as connection:
        if wanted is None or len(wanted) > 2000:  # a whole ledger: every generic incident at once, then kept
            every = {r.id for r in connection.execute(query)}
            return every if wanted is None else every & set(wanted)
        for start in range(0, len(wanted), 500):  # bounded IN lists on either backend
            found |= {r.id for r in connection.execute(query.where(i.c.id.in_(wanted[start:start + 500])))}
    return found


def incident_scope(entry: Any, general: set[str]) -> IncidentScope | None:
    """"incident" for an entry about one real incident, "general" for one whose incident is generic (a running
    total or a statement), None for an entry told of no incident."""
    cluster = getattr(entry, "cluster_id", None)
    if not cluster:
        return None
    return "general" if cluster in general else "incident"
