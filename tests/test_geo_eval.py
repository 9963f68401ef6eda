"""The geo gold set loaders and metrics, on small files written here; missing gold is a message."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from warlog.cli import app
from warlog.evaluate.geo import evaluate_geo, format_geo_report, load_geowebnews, load_trnews

GWN = """<?xml version="1.0" ?>
<articles><article file="0"><title>t</title><link>l</link>
<text>Troops left Kharkiv for Poland.</text><toponyms>
<toponym><extractedName>Kharkiv</extractedName><type>Literal</type><nonLocational>No</nonLocational>
<start>12</start><end>19</end><geonamesID>706483</geonamesID><latitude>49.98081</latitude>
<longitude>36.25272</longitude></toponym>
<toponym><extractedName>Troops</extractedName><type>Non_Toponym</type><start>0</start><end>6</end>
<geonamesID/><latitude>1</latitude><longitude>1</longitude></toponym>
</toponyms></article></articles>"""

TRN = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text><![CDATA[Shells fell on Sumy overnight.]]></text><toponyms>
<toponym><phrase>Sumy</phrase><start>15</start><end>19</end><gaztag geonameid="692194"><name>Sumy</name>
<lat>50.9216</lat><lon>34.80029</lon></gaztag></toponym></toponyms></article></articles>"""


def _gold(tmp_path: Path) -> Path:
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "GeoWebNews.xml").write_text(GWN, encoding="utf-8")
    (tmp_path / "geo" / "TR-News.xml").write_text(TRN, encoding="utf-8")
    return tmp_path


def test_loaders_keep_scored_toponyms_only(tmp_path):
    gold = _gold(tmp_path)
    gwn = load_geowebnews(gold / "geo" / "GeoWebNews.xml")
    assert [(t.text, t.geonames_id) for t in gwn[0].toponyms] == [("Kharkiv", 706483)]
    trn = load_trnews(gold / "geo" / "TR-News.xml")
    assert trn[0].toponyms[0].text == "Sumy" and trn[0].toponyms[0].geonames_id == 692194


def test_metrics_on_gold_spans(tmp_path):
    results = evaluate_geo(_gold(tmp_path), end_to_end=False)
    for name in ("GeoWebNews", "TR-News"):
        figures = results[name]["gold_spans"]
        assert figures["scored"] == 1 and figures["acc_161km"] == 1.0 and figures["exact"] == 1.0
        assert figures["median_km"] < 5
    assert "development figures" in format_geo_report(results)


def test_missing_gold_is_a_message_not_a_crash(tmp_path):
    results = evaluate_geo(tmp_path / "nowhere", end_to_end=False)
    assert "not found" in results["GeoWebNews"]["error"]
    assert "skipped" in format_geo_report(results)
    outcome = CliRunner().invoke(app, ["eval", "geo", "--gold", str(tmp_path / "nowhere")])
    assert outcome.exit_code == 0 and "skipped" in outcome.output


def test_geo_command_prints_resolution_and_reason():
    outcome = CliRunner().invoke(app, ["geo", "Missiles hit the city of Sumy and Kharkiv Oblast."])
    assert outcome.exit_code == 0, outcome.output
    assert "Sumy" in outcome.output and "reason: score" in outcome.output and "geo_precision=3" in outcome.output


GWN_E2E = """<?xml version="1.0" ?>
<articles><article file="0"><title>t</title><link>l</link>
<text>Moscow said Ukrainian drones hit an oil depot in Bryansk overnight.</text><toponyms>
<toponym><extractedName>Moscow</extractedName><type>Metonymic</type><nonLocational>Yes</nonLocational>
<start>0</start><end>6</end><geonamesID>524901</geonamesID><latitude>55.75222</latitude>
<longitude>37.61556</longitude></toponym>
<toponym><extractedName>Ukrainian</extractedName><type>Non_Literal_Modifier</type><nonLocational>Yes</nonLocational>
<start>12</start><end>21</end><geonamesID>690791</geonamesID><latitude>49.0</latitude>
<longitude>32.0</longitude></toponym>
<toponym><extractedName>Bryansk</extractedName><type>Literal</type><nonLocational>No</nonLocational>
<start>49</start><end>56</end><geonamesID>571476</geonamesID><latitude>53.2521</latitude>
<longitude>34.3717</longitude></toponym>
</toponyms></article></articles>"""


def test_end_to_end_counts_metonymic_and_adjectival_toponyms_by_the_place_they_name(tmp_path):
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "GeoWebNews.xml").write_text(GWN_E2E, encoding="utf-8")
    figures = evaluate_geo(tmp_path)["GeoWebNews"]["end_to_end"]
    assert figures["detection_recall"] == 1.0 and figures["acc_161km"] == 1.0, figures


def test_gold_spans_that_miss_their_phrase_move_to_its_nearest_occurrence():
    from warlog.evaluate.geo import _realigned

    text = "Fire in Etobicoke on Monday. Later, Etobicoke police said more."
    assert _realigned(text, 9, 18, "Etobicoke") == (8, 17)  # shifted by one: "tobicoke "
    assert _realigned(text, 37, 46, "Etobicoke") == (36, 45)
    assert _realigned(text, 8, 17, "Etobicoke") == (8, 17)  # already right
    assert _realigned(text, 0, 4, "Toronto") == (0, 4)  # not in the text: left alone
