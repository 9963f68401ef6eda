"""The event typer's rule tables (rules/event_rules.tsv, rules/event_triggers.tsv): loading, validation, switching
rules off, and the ablation report. Sentences are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from warlog.evaluate import events as ev
from warlog.extract import event_types as et
from warlog.extract.rule_table import COLUMNS, RuleTable, RuleTableError, disabled_now, on

EXPLOSION = "A boiler blew up at the paper mill near the river on Tuesday, injuring eight employees."
BLAST = "A gas cylinder exploded at a fertiliser factory outside the city on Monday, killing three workers."



def _write(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "rules.tsv"
    path.write_text("# a comment\n" + "\t".join(COLUMNS) + "\n" + "".join("\t".join(r) + "\n" for r in rows),
                    encoding="utf-8")
    return path


GOOD = ["x.one", "fam", "attack.weapon", "weapon=REM_EXPLOS", "accidental_explosion",
        "-> MAN_MADE_DISASTER: accident", "news wording", "a note"]


def test_shipped_tables_load_and_validate():
    assert len(et.RULES.rules) >= 80
    assert et.RULES.at("attack.weapon") and et.RULES.at("attack.unarmed") and et.RULES.at("attack_like")
    for rule in et.RULES.rules:
        assert rule.condition == "-" or rule.condition in et.PREDICATES
        assert rule.label is None or rule.label in et.TYPES
    assert et.RULES.dev_rules() and all(et.RULES.by_id[i].from_dev for i in et.RULES.dev_rules())
    assert len(et.TRIGGERS) > 1000 and {row.cue for row in et.TRIGGERS} == set(et.LEXICON)
    assert et.lexicon_entries("W_GREN") == ["grenade", "hand grenade", "hand-grenade"]


def test_a_good_row_validates(tmp_path):
    table = RuleTable.load(_write(tmp_path, [GOOD]))
    table.validate(et.PREDICATES, et.TYPES)
    assert table.at("attack.weapon")[0].label == "MAN_MADE_DISASTER"
    assert table.at("attack.weapon")[0].cue == "accident"


@pytest.mark.parametrize(("column", "value", "message"), [
    (4, "no_such_predicate", "names no predicate"),
    (5, "-> NO_SUCH_TYPE", "names no event type"),
    (5, "explode loudly", "is none of"),
    (3, "colour=red", "trigger term"),
])
def test_a_bad_row_names_file_and_line(tmp_path, column, value, message):
    row = list(GOOD)
    row[column] = value
    path = _write(tmp_path, [["x.zero", "fam", "code:f", "-", "-", "drop", "news wording", "-"], row])
    with pytest.raises(RuleTableError) as caught:
        RuleTable.load(path).validate(et.PREDICATES, et.TYPES)
    assert f"{path}:4" in str(caught.value) and message in str(caught.value)


def test_repeated_ids_and_short_rows_are_refused(tmp_path):
    with pytest.raises(RuleTableError, match="repeats line 3"):
        RuleTable.load(_write(tmp_path, [GOOD, GOOD]))
    with pytest.raises(RuleTableError, match=r"rules.tsv:3: expected 8"):
        RuleTable.load(_write(tmp_path, [GOOD[:5]]))


def test_disabling_is_scoped_and_names_must_exist():
    assert on("weapon.accidental_explosion")
    with et.RULES.disabled(["disaster-vs-attack"]) as ids:
        assert "weapon.accidental_explosion" in ids and not on("weapon.accidental_explosion")
        assert on("weapon.test")
    assert not disabled_now()
    with pytest.raises(KeyError):
        et.RULES.expand(["no such family"])


@pytest.mark.parametrize("text", [EXPLOSION, BLAST])
def test_switching_off_the_accident_rule_changes_the_type(nlp, text):
    doc = nlp(text)
    assert et.classify_event(doc[:]).label == "MAN_MADE_DISASTER"
    assert et.classify_event(doc[:], disabled={"weapon.accidental_explosion"}).label == "REM_EXPLOS"
    assert et.classify_event(doc[:], disabled={"disaster-vs-attack"}).label == "REM_EXPLOS"
    assert et.classify_event(doc[:]).label == "MAN_MADE_DISASTER"  # nothing stays switched off


def test_all_on_equals_the_default(nlp):
    texts = [EXPLOSION, "Rebels overran two army outposts near the border after a night of fighting.",
             "Police fired tear gas to break up a march by teachers demanding higher pay.",
             "Unknown gunmen shot dead a village chief and his son on their farm."]
    for text in texts:
        doc = nlp(text)
        assert et.classify_event(doc[:], disabled=()) == et.classify_event(doc[:])
        with et.RULES.disabled([]):
            assert et.classify_event(doc[:]) == et.classify_event(doc[:])


def test_ablation_has_one_row_per_family(nlp):
    snippets = [ev.Snippet("1", EXPLOSION, "MAN_MADE_DISASTER"),
                ev.Snippet("2", "Unknown gunmen shot dead a village chief and his son on their farm.", "ATTACK")]
    report = ev.ablation(snippets, ev.parse(snippets, nlp))
    assert [row["family"] for row in report["families"]] == list(et.RULES.families)
    assert report["all_on"] == 1.0
    accident = next(row for row in report["families"] if row["family"] == "disaster-vs-attack")
    assert accident["delta"] < 0 and accident["rows"] == len(et.RULES.families["disaster-vs-attack"])
    assert report["all_dev_confusion_off"]["rules"] == len(et.RULES.dev_rules())
