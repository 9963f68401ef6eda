"""The offline gazetteer: coverage, transliterations and old names, the index loading fast."""

from __future__ import annotations

import time

import pytest

from warlog.resolve.gazetteer import Gazetteer, fold, get_gazetteer, index_path, skeleton


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return get_gazetteer()


def _best(gazetteer: Gazetteer, name: str, feature: str = "city", country: str = "UA"):
    found = [(kind, e) for e, kind in gazetteer.lookup(name) if e.feature == feature and e.country == country]
    return max(found, key=lambda item: (-item[0], item[1].population))[1] if found else None  # best match, then size


@pytest.mark.parametrize("variants", [
    ("Kyiv", "Kiev"), ("Kharkiv", "Kharkov"), ("Kupiansk", "Kupyansk", "Kup'yans'k", "Kup’yans’k"),
    ("Zaporizhzhia", "Zaporozhye"), ("Dnipro", "Dnipropetrovsk"), ("Bakhmut", "Artemivsk"),
    ("Pokrovsk", "Krasnoarmiisk"),
])
def test_spellings_and_old_names_resolve_to_one_place(gazetteer, variants):
    ids = {_best(gazetteer, v).id for v in variants}
    assert len(ids) == 1, variants


@pytest.mark.parametrize("name, country", [
    ("Vuhledar", "UA"), ("Sudzha", "RU"), ("Krasnohorivka", "UA"), ("Toretsk", "UA"), ("Chasiv Yar", "UA"),
])
def test_small_front_line_towns_are_there(gazetteer, name, country):
    entry = _best(gazetteer, name, country=country)
    assert entry is not None and entry.lat is not None and entry.admin1


def test_admin_units_countries_and_named_regions(gazetteer):
    assert _best(gazetteer, "Kursk", "admin1", "RU").admin1_code == "RU.41"
    assert _best(gazetteer, "Kharkiv Oblast", "admin1").admin1_code == "UA.07"
    assert _best(gazetteer, "Kupiansk Raion", "admin2") is not None
    assert _best(gazetteer, "Moldova", "country", "MD") is not None
    donbas = _best(gazetteer, "Donbas", "region")
    assert donbas.admin1_code == "UA.05,UA.14" and 47 < donbas.lat < 50


def test_keys_fold_accents_apostrophes_and_transliteration():
    assert fold("Kup’yans’k") == fold("Kup'yans'k") == "kupyansk"
    assert skeleton(fold("Primorskiy")) == skeleton(fold("Primorsky"))
    assert fold("Ivano-Frankivsk") == "ivano frankivsk"


def test_the_built_index_loads_in_under_a_second(gazetteer):
    assert index_path().exists()
    started = time.perf_counter()
    fresh = Gazetteer(index_path())
    fresh.lookup("Sumy")
    assert time.perf_counter() - started < 1.0
    assert fresh.count() > 280_000
