"""A small engine for rule tables: rules as rows of data, each with where it came from, that can be switched off.

A rule table is a tab-separated file (`rules/event_rules.tsv` beside this module for the event typer) with the
columns

  id         a unique name ("attack.accidental_explosion")
  family     the group of rules it belongs to; families are what `warlog eval events --ablate` switches off
  site       where the rule is decided: a site the engine evaluates in order (`decide`, e.g. "attack.weapon"), or
             "code:<function>" for a rule written in Python and only gated there by `on(id)`
  trigger    for engine sites, what must hold before the condition is asked: space-separated `key=v1|v2` terms
             (keys: lemma, pos, cue, weapon; `!key=` negates), or "-"; for code rules, a description
  condition  the name of a predicate in code (a method of the typer, with its docstring), or "-" where the rule's
             test is written inline at its site
  effect     "-> LABEL[: cue]" (a candidate of that label), "drop" (no candidate), "not attack-like",
             "-> clash_or_attack" (the target decides), "keep" (a later rule decides) or, for code rules, a
             description that may start with "-> LABEL"
  source     the ACLED codebook section or CASE type definition it follows, "news wording", or "CASE dev
             confusion, round N" for rules read off the CASE 2021 dev file's errors
  note       a short explanation

Switching off: `disabled(names)` is a context manager that turns off families or single rules (by id) for the code
run inside it (a context variable, so threads and tasks do not see each other's); `on(rule_id)` answers whether a
rule is on. With nothing disabled a check is one set lookup.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("id", "family", "site", "trigger", "condition", "effect", "source", "note")
TRIGGER_KEYS = frozenset({"lemma", "pos", "cue", "weapon"})
DEV_SOURCE = "CASE dev confusion"
_LABEL_EFFECT = re.compile(r"^->\s*([A-Z][A-Z_]+)\b")

_DISABLED: ContextVar[frozenset[str]] = ContextVar("warlog_disabled_rules", default=frozenset())


class RuleTableError(ValueError):
    """A rule table that cannot be used: a bad row, named by file and line."""


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    site: str
    trigger: str
    condition: str
    effect: str
    source: str
    note: str
    line: int
    # parsed trigger of an engine row: (key, values, negated)
    terms: tuple[tuple[str, frozenset[str], bool], ...] = ()

    @property
    def engine(self) -> bool:
        """Whether the engine evaluates the row (`decide`) rather than code gating it with `on`."""
        return not self.site.startswith("code:")

    @property
    def label(self) -> str | None:
        """The label an effect "-> LABEL[: cue]" gives, else None."""
        match = _LABEL_EFFECT.match(self.effect)
        return match.group(1) if match else None

    @property
    def cue(self) -> str:
        """The cue text a candidate of an "-> LABEL: cue" effect carries (what `explain` shows)."""
        return self.effect.split(":", 1)[1].strip() if ":" in self.effect else self.id

    @property
    def from_dev(self) -> bool:
        return self.source.startswith(DEV_SOURCE)

    def matches(self, context: Mapping[str, object]) -> bool:
        """Whether the trigger terms hold for `context` (lemma, pos: strings; cue: a set of cues; weapon: a label)."""
        for key, values, negated in self.terms:
            value = context.get(key)
            hit = bool(values & value) if isinstance(value, (set, frozenset)) else value in values
            if hit == negated:
                return False
        return True


def _parse_trigger(text: str, where: str) -> tuple[tuple[str, frozenset[str], bool], ...]:
    if text.strip() in ("", "-"):
        return ()
    terms = []
    for term in text.split():
        negated = term.startswith("!")
        key, sep, values = term.lstrip("!").partition("=")
        if not sep or key not in TRIGGER_KEYS or not values:
            raise RuleTableError(f"{where}: trigger term {term!r} is not key=value with a key among "
                                 f"{', '.join(sorted(TRIGGER_KEYS))}")
        terms.append((key, frozenset(values.split("|")), negated))
    return tuple(terms)


class RuleTable:
    """The rows of one rule table, in file order, by id, by family and by engine site."""

    def __init__(self, rules: Iterable[Rule], path: Path | str = "<rules>") -> None:
        self.path = Path(path)
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.by_id: dict[str, Rule] = {}
        for rule in self.rules:
            if rule.id in self.by_id:
                raise RuleTableError(f"{self.path}:{rule.line}: rule id {rule.id!r} repeats line "
                                     f"{self.by_id[rule.id].line}")
            self.by_id[rule.id] = rule
        self.families: dict[str, tuple[str, ...]] = {}
        self._sites: dict[str, tuple[Rule, ...]] = {}
        for rule in self.rules:
            self.families[rule.family] = (*self.families.get(rule.family, ()), rule.id)
            if rule.engine:
                self._sites[rule.site] = (*self._sites.get(rule.site, ()), rule)

    @classmethod
    def load(cls, path: Path | str) -> RuleTable:
        """Read a table ('#' lines are comments); a malformed row raises RuleTableError naming file and line."""
        path = Path(path)
        rules: list[Rule] = []
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [(n, line) for n, line in enumerate(handle, start=1) if line.strip() and not line.startswith("#")]
        if not rows:
            raise RuleTableError(f"{path}: empty rule table")
        header_line, header = rows[0]
        if tuple(next(csv.reader([header], delimiter="\t"))) != COLUMNS:
            raise RuleTableError(f"{path}:{header_line}: expected the columns {', '.join(COLUMNS)}")
        for number, line in rows[1:]:
            cells = next(csv.reader([line.rstrip("\r\n")], delimiter="\t"))
            where = f"{path}:{number}"
            if len(cells) != len(COLUMNS):
                raise RuleTableError(f"{where}: expected {len(COLUMNS)} tab-separated columns, found {len(cells)}")
            values = dict(zip(COLUMNS, (c.strip() for c in cells), strict=True))
            for column in ("id", "family", "site", "condition", "effect", "source"):
                if not values[column]:
                    raise RuleTableError(f"{where}: empty {column}")
            terms = _parse_trigger(values["trigger"], where) if not values["site"].startswith("code:") else ()
            rules.append(Rule(**values, line=number, terms=terms))
        return cls(rules, path)

    def validate(self, predicates: Mapping[str, Callable], labels: Collection[str],
                 engine_effects: Collection[str] = ("drop", "not attack-like", "-> clash_or_attack", "keep")) -> None:
        """Every condition names an existing predicate, every label exists, engine rows have an effect the engine
        knows and a predicate to ask; raises RuleTableError naming the file and line of the first bad row."""
        for rule in self.rules:
            where = f"{self.path}:{rule.line} ({rule.id})"
            if rule.condition != "-" and rule.condition not in predicates:
                raise RuleTableError(f"{where}: condition {rule.condition!r} names no predicate")
            label = rule.label
            if label is not None and label not in labels:
                raise RuleTableError(f"{where}: effect {rule.effect!r} names no event type")
            if rule.engine:
                if rule.condition == "-":
                    raise RuleTableError(f"{where}: a rule the engine evaluates needs a predicate as condition")
                if label is None and rule.effect not in engine_effects:
                    raise RuleTableError(f"{where}: effect {rule.effect!r} is none of -> LABEL, "
                                         f"{', '.join(engine_effects)}")

    def at(self, site: str) -> tuple[Rule, ...]:
        """The engine rows of a site, in table order."""
        return self._sites.get(site, ())

    def expand(self, names: Iterable[str]) -> frozenset[str]:
        """Rule ids for a mix of family names and rule ids; an unknown name raises KeyError."""
        ids: set[str] = set()
        for name in names:
            if name in self.families:
                ids.update(self.families[name])
            elif name in self.by_id:
                ids.add(name)
            else:
                raise KeyError(f"no rule family or rule id {name!r} in {self.path}")
        return frozenset(ids)

    def dev_rules(self) -> frozenset[str]:
        """The ids of the rules whose source is the CASE dev confusion table."""
        return frozenset(rule.id for rule in self.rules if rule.from_dev)

    @contextlib.contextmanager
    def disabled(self, names: Iterable[str]) -> Iterator[frozenset[str]]:
        """Turn off families or rules (ids) inside the block; yields the rule ids turned off."""
        ids = self.expand(names)
        token = _DISABLED.set(_DISABLED.get() | ids)
        try:
            yield ids
        finally:
            _DISABLED.reset(token)


def on(rule_id: str) -> bool:
    """Whether a rule is switched on (no `disabled` block names it)."""
    return rule_id not in _DISABLED.get()


def disabled_now() -> frozenset[str]:
    """The rule ids switched off here."""
    return _DISABLED.get()
