"""The page in a real browser: headless Debian Chromium driven by Playwright, never a downloaded browser.

Ingest the example, serve it on loopback, open the page, see the event markers, click one and see its
evidence highlighted in the source text. A screenshot is kept as an artefact (WARLOG_ARTEFACTS or the
test's temporary folder). Skipped where Chromium or Playwright is missing, except under CI.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
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
    server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}/", folder
    server.should_exit = True
    thread.join(timeout=10)


def test_markers_click_and_evidence(served):
    address, folder = served
    artefacts = Path(os.environ.get("WARLOG_ARTEFACTS", folder))
    artefacts.mkdir(parents=True, exist_ok=True)
    outside_requests: list[str] = []
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("request", lambda r: outside_requests.append(r.url) if not r.url.startswith(address) else None)
        page.goto(address)
        markers = page.locator("path.leaflet-interactive")
        markers.first.wait_for(timeout=20_000)
        assert markers.count() >= 5
        widths = page.eval_on_selector_all("path.leaflet-interactive", "paths => paths.map(p => p.getBBox().width)")
        assert max(widths) <= 2 * 40 + 1, f"a marker is wider than the 40 px radius cap: {max(widths)}"
        markers.first.dispatch_event("click")  # Leaflet listens on the SVG path itself
        highlighted = page.locator("#doc-text mark")
        highlighted.first.wait_for(timeout=10_000)
        assert highlighted.count() >= 1
        assert highlighted.first.inner_text().strip()
        page.screenshot(path=str(artefacts / "warlog-page.png"), full_page=True)
        browser.close()
    assert outside_requests == [], f"the page reached outside the server: {outside_requests[:3]}"
    assert (artefacts / "warlog-page.png").stat().st_size > 10_000
