"""Exports (ACLED CSV, GeoJSON, JSON, Parquet) and the daily sitrep, read back from what was written."""

from __future__ import annotations

import csv
import io
import json
import xml.dom.minidom
from datetime import date, datetime

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLE
from warlog.cli import app
from warlog.export import ExportFilter, select_rows
from warlog.export.acled import ACLED_COLUMNS, COLUMNS, to_acled_csv
from warlog.export.geojson import to_geojson
from warlog.export.jsonout import to_json
from warlog.export.parquet import write_parquet
from warlog.export.query import parse_bbox
from warlog.export.sitrep import gather, to_html, to_markdown
from warlog.export.svgmap import OUTLINES
from warlog.pipeline import ingest
from warlog.sources import ReadOptions
from warlog.store import Store

runner = CliRunner()
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """The example page in a fresh SQLite store, ingested once for the module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'warlog.db'}"
    with Store(url) as store:
        results = ingest([str(EXAMPLE)], store, ReadOptions(published=datetime(2024, 11, 3)))
    assert [r.status for r in results] == ["stored"]
    return url


@pytest.fixture(scope="module")
def counts(db) -> dict[str, int]:
    with Store(db) as store:
        return store.counts()


def _rows(db: str, **filters):
    with Store(db) as store:
        return select_rows(store.engine, ExportFilter(**filters))


def test_acled_csv_reads_back_with_acled_columns_first(db, counts):
    text = to_acled_csv(_rows(db, include_generic=True))
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == COLUMNS and reader.fieldnames[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    rows = list(reader)
    assert len(rows) == counts["events"]
    kharkiv = next(r for r in rows if r["location"] == "Kharkiv" and r["event_date"] == "2024-10-30")
    assert kharkiv["event_type"] == "Explosions/Remote violence" and kharkiv["disorder_type"] == "Political violence"
    assert kharkiv["country"] == "Ukraine" and kharkiv["iso"] == "804" and kharkiv["time_precision"] == "1"
    assert kharkiv["fatalities"] == "3" and kharkiv["year"] == "2024"
    assert kharkiv["civilian_targeting"] == "Civilian targeting"  # a guided bomb on a residence
    assert (kharkiv["inter1"], kharkiv["inter2"], kharkiv["interaction"]) == ("1", "7", "17")
    assert kharkiv["region"] == "Europe"
    assert -90 <= float(kharkiv["latitude"]) <= 90 and kharkiv["event_id_cnty"].startswith("WLUKR-")
    assert "guided bomb" in kharkiv["notes"]
    start, end = int(kharkiv["warlog_evidence_start"]), int(kharkiv["warlog_evidence_end"])
    with Store(db) as store:
        text = store.document(kharkiv["warlog_document_id"])["clean_text"]
    assert text[start:end] == kharkiv["notes"]
    # every row has a date: an undated event the report's day, at ACLED's coarsest time precision
    assert all(r["event_date"] for r in rows)
    undated = [r for r in rows if r["warlog_date_precision"] == "before"]
    assert undated and all(r["time_precision"] == "3" and r["event_date"] == "2024-11-03" for r in undated)


def test_geojson_is_a_feature_collection_of_lon_lat_points(db):
    rows = _rows(db, include_generic=True)
    collection = json.loads(json.dumps(to_geojson(rows)))
    assert collection["type"] == "FeatureCollection"
    placed = [e for e in rows.events if e["place"] and e["place"]["lat"] is not None]
    assert len(collection["features"]) == len(placed) > 0
    # the collection says how many events were left out for having no place
    assert collection["warlog"] == {"events": len(rows.events), "skipped": len(rows.events) - len(placed)}
    assert collection["warlog"]["skipped"] > 0
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(feature["properties"], dict)
        assert all(not isinstance(v, dict | list) for v in feature["properties"].values())  # flat, for QGIS
    kyiv = next(f for f in collection["features"] if f["properties"]["place"] == "Kyiv"
                and f["properties"]["date_start"] == "2024-11-02")
    assert kyiv["geometry"]["coordinates"][0] == pytest.approx(30.52, abs=0.1)  # longitude first
    assert kyiv["properties"]["weapon"] == "drone" and kyiv["properties"]["injured"] == 1


def test_json_nests_claims_quantities_places_and_spans(db, counts):
    data = json.loads(json.dumps(to_json(_rows(db, include_generic=True)), default=str))
    assert len(data["events"]) == counts["events"] and len(data["claims"]) == counts["claims"]
    assert len(data["quantities"]) == counts["quantities"] and len(data["places"]) == counts["places"]
    bomb = next(e for e in data["events"] if e["weapon"] == "guided bomb" and e["date_start"] == "2024-10-30")
    assert bomb["killed"]["value"] == 3 and bomb["place"]["name"] == "Kharkiv"
    assert bomb["evidence"]["sentence"]["start"] == bomb["evidence_start"]
    assert any(e["claim"] and e["claim"]["quantity_ids"] for e in data["events"])


@pytest.mark.parametrize("target", ["folder", "events.parquet"])
def test_parquet_tables_have_the_store_columns_and_counts(db, counts, tmp_path, target):
    written = write_parquet(_rows(db, include_generic=True), tmp_path / target)
    tables = {path.stem: pq.read_table(path) for path in written}
    if target == "folder":
        assert set(tables) == {"events", "claims", "quantities", "places"}
        for name in ("claims", "quantities", "places"):
            assert tables[name].num_rows == counts[name]
        assert {"value", "low", "high", "qualifier", "counted"} <= set(tables["quantities"].column_names)
        assert {"lat", "lon", "country_code", "admin1"} <= set(tables["places"].column_names)
    events = tables["events"]
    assert events.num_rows == counts["events"]
    assert {"id", "plover_type", "acled_event_type", "date_start", "evidence_start", "lat", "lon", "killed"} <= set(
        events.column_names)
    assert str(events.schema.field("date_start").type) == "date32[day]"


def test_filters_narrow_the_selection(db, counts):
    everything = len(_rows(db, include_generic=True).events)
    incidents = _rows(db)
    assert everything == counts["events"] and 0 < len(incidents.events) < everything
    assert not any(e["generic"] for e in incidents.events)
    day = _rows(db, since=date(2024, 10, 30), until=date(2024, 10, 30)).events
    assert day and all(e["date_start"] <= date(2024, 10, 30) <= e["date_end"] for e in day)
    box = _rows(db, bbox=(35.0, 49.0, 37.0, 51.0)).events  # around Kharkiv
    assert box and all(35 <= e["place"]["lon"] <= 37 and 49 <= e["place"]["lat"] <= 51 for e in box)
    strikes = _rows(db, event_type="air/drone strike").events
    assert strikes and all(e["acled_sub_event_type"] == "Air/drone strike" for e in strikes)
    russia = _rows(db, actor="russia").events
    assert russia and all("russia" in (e["actor1"] or "").lower() + (e["actor2"] or "").lower() for e in russia)
    assert _rows(db, source="no such source").events == []
    assert len(_rows(db, source=incidents.events[0]["document_id"][:8]).events) == len(incidents.events)


def test_bbox_must_be_four_numbers():
    assert parse_bbox("30, 45, 40, 52") == (30.0, 45.0, 40.0, 52.0)
    for bad in ("1,2,3", "a,b,c,d", "0,60,10,50"):
        with pytest.raises(ValueError):
            parse_bbox(bad)


def test_export_command_writes_stdout_and_files(db, tmp_path):
    result = runner.invoke(app, ["export", "--format", "geojson", "--db", db, "--event-type", "Air/drone strike"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["type"] == "FeatureCollection"
    result = runner.invoke(app, ["export", "--format", "geojson", "--db", db, "--include-generic"])
    assert result.exit_code == 0 and "have no resolved place and are not in the GeoJSON" in result.stderr
    target = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "--format", "acled-csv", "--db", db, "--out", str(target), "--since",
                                 "2024-11-02", "--until", "2024-11-02"])
    assert result.exit_code == 0, result.output
    assert all(r["event_date"] <= "2024-11-02" for r in csv.DictReader(target.open(encoding="utf-8")))
    result = runner.invoke(app, ["export", "--format", "parquet", "--db", db, "--out", str(tmp_path / "pq")])
    assert result.exit_code == 0 and (tmp_path / "pq" / "events.parquet").exists()


@pytest.mark.parametrize("args, message", [
    (["--format", "xml"], "choose from"),
    (["--format", "parquet"], "needs --out"),
    (["--format", "json", "--bbox", "1,2"], "four numbers"),
    (["--format", "json", "--since", "not a date at all"], "not a date"),
])
def test_export_command_errors_are_one_line(db, args, message):
    result = runner.invoke(app, ["export", *args, "--db", db])
    assert result.exit_code != 0
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def _report(db: str, day: date, region: str | None = None):
    from warlog.commands.export import _ledger

    with Store(db) as store:
        ledger, note = _ledger(store)
        return gather(store.engine, day, region, ledger, note)


def test_sitrep_of_2024_11_02_has_the_kyiv_drone_attack(db):
    report = _report(db, date(2024, 11, 2))
    assert "Kyiv" in report.incidents
    markdown = to_markdown(report)
    # the page's sentence that reports the attack is quoted as its evidence (read from the page, not restated)
    attack = next(line for line in EXAMPLE.read_text(encoding="utf-8").splitlines() if "unleashed" in line)
    assert attack in markdown and "Air/drone strike" in markdown
    assert "at least one" in markdown  # the injured count, and the ledger figure claimed that day
    assert all(not e["generic"] for e in report.events)


def test_sitrep_of_2024_10_30_has_the_kharkiv_guided_bomb(db):
    report = _report(db, date(2024, 10, 30))
    kharkiv = report.incidents["Kharkiv Oblast"]  # in English, not GeoNames' "Kharkivska oblast"
    assert any(e["weapon"] == "guided bomb" and e["place"]["name"] == "Kharkiv" for e in kharkiv)
    assert "guided bomb" in to_markdown(report)
    assert _report(db, date(2024, 10, 30), region="Kyiv").incidents == {}


def test_sitrep_command_writes_markdown_html_and_a_map(db, tmp_path):
    result = runner.invoke(app, ["sitrep", "--date", "2024-11-02", "--db", db, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "sitrep-2024-11-02.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<circle" in html and "Kyiv" in html
    xml.dom.minidom.parse(str(tmp_path / "sitrep-2024-11-02.svg"))  # well-formed
    if OUTLINES.exists():  # the country outlines the web map vendors are drawn under the points
        assert "<polygon" in html
    assert "Kyiv" in (tmp_path / "sitrep-2024-11-02.md").read_text(encoding="utf-8")
    bad = runner.invoke(app, ["sitrep", "--date", "someday maybe", "--db", db, "--out", str(tmp_path)])
    assert bad.exit_code != 0 and "not a date" in bad.stderr


def test_sitrep_escapes_a_planted_script(tmp_path):
    page = tmp_path / "planted.txt"
    page.write_text(f"Missile hits Zaporizhzhia {SCRIPT}\nA Russian missile hit a dormitory in Zaporizhzhia "
                    f"on Saturday, killing two people {SCRIPT}, regional governor Ivan Fedorov said.\n",
                    encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'planted.db'}"
    with Store(url) as store:
        ingest([str(page)], store, ReadOptions(published=datetime(2024, 11, 3), source=f"{SCRIPT} News"))
        report = gather(store.engine, date(2024, 11, 2), None, [])
    assert report.events and SCRIPT in report.events[0]["evidence"]["sentence"]["text"]  # it was stored as written
    result = runner.invoke(app, ["sitrep", "--date", "2024-11-02", "--db", url, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "out").iterdir():
        written = path.read_text(encoding="utf-8")
        assert "<script" not in written.lower(), path.name
    html = (tmp_path / "out" / "sitrep-2024-11-02.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in to_html(report, "").lower()


def test_sitrep_map_keeps_the_shape_of_the_land():
    """A kilometre east and a kilometre north are as long on the map, however wide or flat the events' spread."""
    import math
    import re

    from warlog.export.svgmap import MAX_HEIGHT, MIN_HEIGHT, Point, render_svg

    east = 1 / math.cos(math.radians(50))  # one degree north, in degrees of longitude at 50°N
    for far in (Point(4.0, 50.2, "", ""), Point(31.0, 44.0, "", ""), Point(30.2, 50.1, "", "")):
        points = [Point(30.0, 50.0, "", ""), Point(30.0 + east, 50.0, "", ""), Point(30.0, 51.0, "", ""), far]
        svg = render_svg(points)
        height = int(re.search(r'height="(\d+)"', svg).group(1))
        assert MIN_HEIGHT <= height <= MAX_HEIGHT
        (ax, ay), (bx, by), (cx, cy), _ = [(float(x), float(y)) for x, y in re.findall(r'cx="([\d.]+)" cy="([\d.]+)"',
                                                                                      svg)]
        to_east, to_north = math.hypot(bx - ax, by - ay), math.hypot(cx - ax, cy - ay)
        assert to_east == pytest.approx(to_north, rel=0.06), (far, to_east, to_north)
