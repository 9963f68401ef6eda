"""The page in a real browser: headless Debian Chromium driven by Playwright, never a downloaded browser.

Ingest the example, serve it on loopback with a write token, and use the page as an analyst would: the
incident feed beside the map, a click to an incident's reports and its evidence highlighted, the keyboard,
the timeline brush, a merge written from the incident view, a phone-sized screen, and axe-core's audit.
Screenshots (1440×900 and 390×844) and axe's result are kept as artefacts (WARLOG_ARTEFACTS or the test's
temporary folder). Skipped where Chromium or Playwright is missing, except under CI.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if os.environ.get("CI"):
    import playwright.sync_api as playwright_api  # under CI a missing package must fail, not skip
else:
    playwright_api = pytest.importorskip("playwright.sync_api")

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is not installed; .ci/run installs Debian's chromium package")
    pytest.skip("Debian chromium not installed", allow_module_level=True)

BROWSER_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


TOKEN = "browser-test-token"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    import uvicorn

    from tests.conftest import EXAMPLE
    from warlog.pipeline import ingest
    from warlog.sources import ReadOptions
    from warlog.store import Store
    from warlog.web.api import create_app

    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'warlog.db'}"
    with Store(url) as store:
        ingest([str(EXAMPLE)], store, ReadOptions(published=datetime(2024, 11, 3)))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(url, token=TOKEN), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("WARLOG_ARTEFACTS") or tmp_path_factory.mktemp("artefacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def api(address: str, path: str) -> dict:
    with urllib.request.urlopen(address + path.lstrip("/"), timeout=20) as response:  # noqa: S310 (loopback)
        return json.load(response)


def open_page(browser, address: str, width: int, height: int, outside: list[str] | None = None, bypass_csp=False):
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=bypass_csp)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    if outside is not None:
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(address) else None)
    page.goto(address)
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    assert errors == [], errors
    return context, page


def test_landing_view_reaches_an_incidents_evidence_in_one_click(served, browser, artefacts):
    outside: list[str] = []
    context, page = open_page(browser, served, 1440, 900, outside)
    rows = page.locator(".feed-row")
    assert rows.count() >= 5
    # markers (single incidents, or discs of nearby ones): none wider than the 40 px radius cap
    page.locator("path.leaflet-interactive, .incident-cluster").first.wait_for(timeout=10_000)
    widths = page.eval_on_selector_all("path.leaflet-interactive", "paths => paths.map(p => p.getBBox().width)")
    assert all(w <= 2 * 40 + 1 for w in widths), f"a marker is wider than the 40 px radius cap: {max(widths)}"
    rows.nth(0).click()
    evidence = page.locator("#doc-text mark.hl-evidence")
    evidence.first.wait_for(timeout=10_000)
    assert evidence.first.inner_text().strip()
    assert rows.nth(0).get_attribute("aria-selected") == "true"
    assert page.locator(".report").count() >= 1
    assert page.locator("#detail h3").inner_text().strip() == rows.nth(0).locator(".feed-type").inner_text().strip()
    # the evidence is scrolled into view inside the text box, and the incident's fields stay on screen
    shown = page.evaluate("""() => { const box = document.getElementById('doc-text');
        const mark = box.querySelector('mark.hl-evidence');
        const top = mark.getBoundingClientRect().top - box.getBoundingClientRect().top;
        return top >= 0 && top < box.clientHeight; }""")
    assert shown
    assert 0 <= page.locator("#detail h3").bounding_box()["y"] < 900
    page.screenshot(path=str(artefacts / "warlog-page-1440x900.png"))
    context.close()
    assert outside == [], f"the page reached outside the server: {outside[:3]}"
    assert (artefacts / "warlog-page-1440x900.png").stat().st_size > 10_000


def test_feed_lists_unplaced_incidents_and_follows_the_keyboard_and_the_map(served, browser):
    listed = api(served, "/api/incidents?limit=1000")
    unplaced = {i["id"] for i in listed["items"] if i["lat"] is None}
    assert unplaced, "the example has incidents with no resolved place"
    context, page = open_page(browser, served, 1440, 900)
    # a marker clicked on the map selects its entry in the feed (scrolled into view)
    marker = page.locator("path.leaflet-interactive").first
    marker.wait_for(timeout=10_000)
    marker.dispatch_event("click")
    selected = page.locator(".feed-row.selected")
    selected.wait_for(timeout=10_000)
    assert selected.get_attribute("aria-selected") == "true" and "unplaced" not in selected.get_attribute("class")
    assert page.locator("#detail h3").inner_text().strip() == selected.locator(".feed-type").inner_text().strip()
    feed = page.locator("#feed")
    feed.evaluate("f => { f.scrollTop = 0; }")
    seen_unplaced: set[str] = set()
    for _ in range(200):  # the feed is virtualised: scroll it through, collecting the rows marked "no place"
        seen_unplaced |= set(page.eval_on_selector_all(".feed-row.unplaced", "rows => rows.map(r => r.id)"))
        at_end = page.evaluate("() => { const f = document.getElementById('feed');"
                               " return f.scrollTop + f.clientHeight >= f.scrollHeight - 2; }")
        if at_end:
            break
        feed.evaluate("f => { f.scrollTop += f.clientHeight / 2; }")
        page.wait_for_timeout(30)
    assert len(seen_unplaced) == len(unplaced)
    in_view = page.evaluate("() => Math.ceil(document.getElementById('feed').clientHeight / 78)")
    assert page.locator(".feed-row").count() <= in_view + 8  # virtualised: rows far out of view are not drawn
    feed.evaluate("f => { f.scrollTop = 0; }")
    feed.focus()
    page.keyboard.press("Home")
    page.locator("#incident-0[aria-selected=true]").wait_for(timeout=5_000)
    page.keyboard.press("ArrowDown")
    page.locator("#incident-1[aria-selected=true]").wait_for(timeout=5_000)
    page.keyboard.press("End")
    last = f"#incident-{listed['total'] - 1}"
    page.locator(f"{last}[aria-selected=true]").wait_for(timeout=5_000)
    assert feed.get_attribute("aria-activedescendant") == last[1:]
    context.close()


def test_timeline_is_to_scale_and_its_brush_filters_the_feed(served, browser):
    context, page = open_page(browser, served, 1440, 900)
    total = page.locator("#feed-count").inner_text()
    chart = page.locator("#timeline svg")
    box = chart.bounding_box()
    # the leftmost fifth holds the earliest days told; brushing it keeps only the incidents dated there (the page's
    # incidents cluster in its last days, so a brush at the right end may keep them all)
    page.mouse.move(box["x"] + 2, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + 40, steps=4)
    page.mouse.up()
    page.wait_for_function(f"() => document.getElementById('feed-count').textContent !== {json.dumps(total)}",
                           timeout=10_000)
    since, until = page.input_value("#f-since"), page.input_value("#f-until")
    assert since and until and since <= until
    shown = api(served, f"/api/incidents?since={since}&until={until}&limit=1")["total"]
    assert page.locator("#feed-count").inner_text().startswith(f"{shown} ")
    page.click("#f-clear-dates")
    page.wait_for_function(f"() => document.getElementById('feed-count').textContent === {json.dumps(total)}",
                           timeout=10_000)
    context.close()


# First and last day of a store's incidents: some weeks, months across a year's end, a year, and years.
SPANS = [("2024-10-17", "2024-11-03"), ("2024-09-03", "2025-06-05"), ("2024-09-03", "2025-06-20"),
         ("2024-01-15", "2024-12-30"), ("2019-02-11", "2025-06-05")]


@pytest.mark.parametrize("width,height", [(1440, 900), (390, 844)])
def test_timeline_ticks_stand_on_the_day_they_name_and_are_never_cut(served, browser, width, height):
    from datetime import date, timedelta

    context, page = open_page(browser, served, width, height)
    for first, last in SPANS:
        drawn = page.evaluate("""([first, last]) => {
            state.incidents = [first, last].map((day, n) => ({ id: `t${n}`, start: day, end: day,
                event_type: "Battles", lat: null, lon: null, members: 1, sources: [] }));
            drawTimeline();
            const chart = document.querySelector('#timeline svg');
            return { width: chart.width.baseVal.value, ticks: [...chart.querySelectorAll('text.tick')].map(t => {
                const box = t.getBBox();
                return { text: t.textContent, x: parseFloat(t.getAttribute('x')), right: box.x + box.width }; }) };
        }""", [first, last])
        ticks, chart_width = drawn["ticks"], drawn["width"]
        assert len(ticks) >= 2, (first, last, ticks)
        assert all(t["right"] <= chart_width for t in ticks), (first, last, ticks[-1], chart_width)
        assert len({t["text"] for t in ticks}) == len(ticks), (first, last, [t["text"] for t in ticks])
        lo, hi = date.fromisoformat(first), date.fromisoformat(last) + timedelta(days=1)
        for tick in ticks:  # the day under the tick's line (its label starts 2 px after it)
            day = lo + timedelta(days=round((tick["x"] - 2) / chart_width * (hi - lo).days))
            text = tick["text"]
            if len(text) == 7:  # a month: on its first day
                assert day.day == 1 and text == f"{day:%Y-%m}", (first, last, text, day)
            elif len(text) == 4:  # a year: on 1 January
                assert (day.month, day.day) == (1, 1) and text == str(day.year), (first, last, text, day)
            else:  # a day
                assert text == f"{day:%m-%d}", (first, last, text, day)
    context.close()


def test_timeline_draws_every_period_dated_incident_or_says_how_many_it_leaves_out(served, browser):
    """A large store's incidents dated by a month or a range: each drawn (one line per period and type, with its
    count) or counted in the note under the chart; none left out unsaid."""
    context, page = open_page(browser, served, 1440, 900)
    drawn = page.evaluate("""() => {
        const day = (n) => new Date(Date.UTC(2023, 0, 1) + n * 86400000).toISOString().slice(0, 10);
        const incidents = [];
        for (let n = 0; n < 300; n++)  // 300 periods of three weeks, each told once
            incidents.push({ id: `r${n}`, start: day(n), end: day(n + 20), event_type: "Battles" });
        for (let n = 0; n < 200; n++)  // one month, told 200 times
            incidents.push({ id: `m${n}`, start: "2024-05-01", end: "2024-05-31", event_type: "Protests" });
        for (let n = 0; n < 5; n++) incidents.push({ id: `d${n}`, start: day(400 + n), end: day(400 + n),
                                                       event_type: "Riots" });
        state.incidents = incidents.map(i => ({ lat: null, lon: null, members: 1, sources: [], ...i }));
        drawTimeline();
        const lines = [...document.querySelectorAll('#timeline svg rect.span')];
        return { counts: lines.map(l => Number(l.dataset.count)), titles: lines.map(l => l.textContent),
                 notes: [...document.querySelectorAll('#timeline .note')].map(n => n.textContent) };
    }""")
    left_out = sum(int(note.split()[0].replace(",", "")) for note in drawn["notes"] if "not drawn" in note)
    assert sum(drawn["counts"]) + left_out == 505 - 5  # the five incidents of one day are bars
    assert max(drawn["counts"]) == 200 and any("May 2024 (200 incidents)" in t for t in drawn["titles"])
    context.close()


@pytest.mark.parametrize("width,height", [(390, 844), (360, 740)])
def test_phone_screens_have_no_sideways_scroll(served, browser, artefacts, width, height):
    context, page = open_page(browser, served, width, height)
    page.locator(".feed-row").first.click()
    page.locator("#doc-text mark").first.wait_for(timeout=10_000)
    page.wait_for_selector("body[data-ledger=true]", timeout=30_000)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page is {scroll_width} px wide on a {width} px screen"
    beyond = page.evaluate(f"""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > {width} + 1 && !e.closest('.leaflet-container'))
        .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
    assert beyond == [], f"cut off at the right edge: {beyond}"  # nothing hidden past the screen either
    header = page.locator("header.top").bounding_box()["height"]
    assert header < height / 6, f"the header takes {header} px of {height}"
    page.screenshot(path=str(artefacts / f"warlog-page-{width}x{height}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("width,height", [(390, 844), (360, 740)])
def test_on_a_phone_a_tapped_incident_brings_its_fields_into_view(served, browser, width, height):
    """One column: the incident's view lies below the feed and the map; a tap must not leave it a screen away."""
    context, page = open_page(browser, served, width, height)
    row = page.locator(".feed-row").nth(1)
    chosen = row.locator(".feed-type").inner_text().strip()
    row.click()
    page.locator("#doc-text mark.hl-evidence").first.wait_for(timeout=10_000)
    page.wait_for_function(f"""() => {{ const h = document.querySelector('#detail h3');
        if (!h) return false; const top = h.getBoundingClientRect().top; return top >= 0 && top < {height}; }}""",
                           timeout=10_000)
    assert page.locator("#detail h3").inner_text().strip() == chosen
    context.close()


@pytest.mark.parametrize("width,height", [(1440, 900), (390, 844)])
def test_axe_finds_no_serious_or_critical_violation(served, browser, artefacts, width, height):
    context, page = open_page(browser, served, width, height, bypass_csp=True)  # axe is injected as a script
    page.locator(".feed-row").first.click()
    page.locator("#doc-text mark").first.wait_for(timeout=10_000)
    page.wait_for_selector("body[data-ledger=true]", timeout=30_000)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    violations = [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:5]]}
                  for v in result["violations"]]
    (artefacts / f"axe-{width}x{height}.json").write_text(json.dumps(violations, indent=1), encoding="utf-8")
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
    context.close()


def test_ledger_entries_say_whether_their_figures_are_one_incidents(served, browser):
    scopes = {e["key"]: e["incident_scope"] for e in api(served, "/api/ledger?outline=true&limit=200")["items"]}
    assert "incident" in scopes.values()
    context, page = open_page(browser, served, 1440, 900)
    page.wait_for_selector("body[data-ledger=true]", timeout=30_000)
    shown = page.eval_on_selector_all("#ledger tr.entry", """rows => rows.map(r => {
        const tag = r.querySelector('.scope'); return tag ? tag.textContent : null; })""")
    words = {"incident": "this incident", "general": "running total or general statement, not one incident", None: None}
    assert shown == [words[scope] for scope in scopes.values()]  # in the server's order, each entry its own scope
    context.close()


def test_merge_written_from_the_incident_view_joins_two_incidents(served, browser):
    before = api(served, "/api/corrections")["total"]
    context, page = open_page(browser, served, 1440, 900)
    rows = page.locator(".feed-row")
    rows.nth(0).click()
    page.locator(".report").first.wait_for(timeout=10_000)
    first_reports = page.locator(".report").count()
    page.get_by_role("button", name="mark for merging").click()
    rows.nth(1).click()
    merge = page.get_by_role("button", name="merge with the marked incident")
    merge.wait_for(timeout=10_000)
    page.fill("#token", "not the token")
    merge.click()
    page.wait_for_function("() => /token/.test(document.getElementById('correction-status').textContent)",
                           timeout=10_000)
    assert api(served, "/api/corrections")["total"] == before  # refused: nothing written
    page.fill("#token", TOKEN)
    merge.click()
    page.wait_for_function("() => /Stored correction/.test(document.getElementById('correction-status').textContent)",
                           timeout=20_000)
    assert api(served, "/api/corrections")["total"] == before + 1
    assert page.locator(".report").count() >= first_reports + 1
    context.close()


def test_admin1_boundaries_are_drawn_thin_and_only_when_zoomed_in(served, browser):
    context, page = open_page(browser, served, 1440, 900)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url) if "admin1-lines" in r.url else None)
    page.evaluate("() => state.map.setView([49.5, 36.0], 3)")
    page.wait_for_timeout(300)
    assert page.locator(".leaflet-admin1-pane path").count() == 0  # zoomed out: not drawn
    page.evaluate("() => state.map.setView([49.5, 36.0], 6)")
    page.locator(".leaflet-admin1-pane path").first.wait_for(state="attached", timeout=15_000)
    admin1 = page.eval_on_selector(".leaflet-admin1-pane path", "p => parseFloat(getComputedStyle(p).strokeWidth)")
    country = page.eval_on_selector(".leaflet-basemap-pane path", "p => parseFloat(getComputedStyle(p).strokeWidth)")
    assert admin1 < country
    assert len(requested) == 1
    page.evaluate("() => state.map.setView([49.5, 36.0], 3)")
    page.wait_for_timeout(300)
    assert page.locator(".leaflet-admin1-pane path").count() == 0
    context.close()


def test_a_disc_of_incidents_zooms_in_and_a_feed_click_reveals_its_marker(served, browser):
    context, page = open_page(browser, served, 1440, 900)
    page.evaluate("() => state.map.setView([48.5, 33.0], 3)")
    disc = page.locator(".incident-cluster").first
    disc.wait_for(timeout=10_000)
    zoom = page.evaluate("() => state.map.getZoom()")
    disc.click()
    page.wait_for_function(f"() => state.map.getZoom() > {zoom}", timeout=10_000)
    # a placed incident chosen in the feed gets its own marker, highlighted, whatever the zoom was
    page.evaluate("() => state.map.setView([48.5, 33.0], 3)")
    index = page.evaluate("() => state.incidents.findIndex(i => i.lat !== null)")
    page.evaluate(f"() => select({index}, {{ from: 'feed' }})")
    page.wait_for_function(f"() => state.cluster.shown({index})", timeout=10_000)
    assert page.evaluate(f"() => state.cluster.markers.get({index}).options.color") == "#ffbf00"
    context.close()
