"""Fetching URLs safely, against a local HTTP server: private addresses, redirects, timeouts, size caps.

The server runs on 127.0.0.1 in a thread for the whole module; nothing leaves the machine.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from warlog.cli import app
from warlog.errors import FetchError, InputTooLargeError
from warlog.sources import ReadOptions, read_target
from warlog.sources import url as url_module
from warlog.sources.url import MAX_REDIRECTS, fetch
from warlog.store import Store

PAGE_TITLE = "Strikes hit Kharkiv energy facilities overnight"
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{PAGE_TITLE} | Example News</title>
<meta property="article:published_time" content="2024-11-03T08:00:00+00:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{PAGE_TITLE}</h1>
<p>Russian missiles and drones struck energy facilities in the Kharkiv region overnight, cutting power to
thousands of homes, the regional governor said on Sunday.</p>
<p>Repair crews had restored electricity to most districts by the afternoon, according to the state grid
operator, which said the attack was one of the largest on the region this year.</p>
</article><footer><p>&copy; 2024 Example News</p></footer></body></html>
""".encode()
HUGE = 200_000
SMALL_LIMIT = 50_000
HANG_SECONDS = 5.0

_stop = threading.Event()


class Handler(BaseHTTPRequestHandler):
    """Routes for each way a fetch can go right or wrong."""

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              length: bool = True) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path
        if path == "/page":
            self._send(200, PAGE, {"Content-Type": "text/html; charset=utf-8"})
        elif path == "/moved":
            self._send(301, headers={"Location": "/page"})
        elif path == "/loop":
            self._send(302, headers={"Location": "/loop"})
        elif path == "/slow-loop":
            _stop.wait(0.4)
            self._send(302, headers={"Location": "/slow-loop"})
        elif path == "/no-location":
            self._send(302, b"<p>moved</p>", {"Content-Type": "text/html"})
        elif path == "/hang":
            _stop.wait(HANG_SECONDS)
            self._send(200, PAGE, {"Content-Type": "text/html"})
        elif path == "/trickle":
            self._send(200, headers={"Content-Type": "text/html"}, length=False)
            for _ in range(int(HANG_SECONDS / 0.2)):
                if _stop.wait(0.2):
                    break
                self.wfile.write(b"<p>.</p>")
                self.wfile.flush()
        elif path == "/huge":
            self._send(200, b"<p>" + b"x" * HUGE + b"</p>", {"Content-Type": "text/html"})
        elif path == "/huge-undeclared":
            # HTTP/1.0 without Content-Length: the body ends when the connection closes.
            self._send(200, headers={"Content-Type": "text/html"}, length=False)
            for _ in range(HUGE // 10_000):
                self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
        elif path == "/to-private":
            self._send(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        elif path == "/to-file":
            self._send(302, headers={"Location": "file:///etc/passwd"})
        elif path == "/gone":
            self._send(404, b"not found", {"Content-Type": "text/plain"})
        else:
            self._send(404)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (timeout, size cap) leaves a broken pipe behind


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    _stop.clear()
    server = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        _stop.set()
        server.shutdown()
        server.server_close()


def get(url: str, **kwargs):
    kwargs.setdefault("allow_private", True)
    kwargs.setdefault("timeout", 5)
    kwargs.setdefault("max_bytes", SMALL_LIMIT)
    return fetch(url, **kwargs)


# --- fetch ------------------------------------------------------------------------------------------


def test_loopback_is_refused_without_allow_private(base: str):
    with pytest.raises(FetchError, match="--allow-private") as caught:
        fetch(f"{base}/page", max_bytes=SMALL_LIMIT, timeout=2)
    assert f"{base}/page" in str(caught.value)
    assert "127.0.0.1" in str(caught.value)


def test_fetch_with_allow_private_returns_the_body(base: str):
    fetched = get(f"{base}/page")
    assert fetched.body == PAGE
    assert fetched.url == f"{base}/page"
    assert fetched.content_type.startswith("text/html")


def test_redirect_is_followed_and_final_url_kept(base: str):
    fetched = get(f"{base}/moved")
    assert fetched.body == PAGE
    assert fetched.url == f"{base}/page"


def test_redirect_loop_is_given_up(base: str):
    started = time.monotonic()
    with pytest.raises(FetchError, match=f"redirected more than {MAX_REDIRECTS} times"):
        get(f"{base}/loop")
    assert time.monotonic() - started < 3


def test_redirect_without_location_is_an_error(base: str):
    with pytest.raises(FetchError, match="without a Location"):
        get(f"{base}/no-location")


def test_http_error_status_is_reported(base: str):
    with pytest.raises(FetchError, match="HTTP 404"):
        get(f"{base}/gone")


def test_hanging_server_times_out(base: str):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 1 s"):
        get(f"{base}/hang", timeout=1)
    assert time.monotonic() - started < 3


def test_body_sent_too_slowly_is_given_up(base: str):
    started = time.monotonic()
    with pytest.raises(FetchError, match="too slowly"):
        get(f"{base}/trickle", timeout=1)
    assert time.monotonic() - started < 3


def test_timeout_covers_the_whole_redirect_chain(base: str):
    # Each hop answers within the timeout; together they do not.
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 1 s"):
        get(f"{base}/slow-loop", timeout=1)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("path", ["/huge", "/huge-undeclared"], ids=["declared", "undeclared"])
def test_body_over_max_bytes_is_refused(base: str, path: str):
    with pytest.raises(InputTooLargeError, match=f"{SMALL_LIMIT:,}-byte limit"):
        get(f"{base}{path}")
    assert len(get(f"{base}{path}", max_bytes=HUGE * 2).body) > HUGE


@pytest.mark.parametrize(
    "target",
    ["file:///etc/passwd", "ftp://ftp.example.com/pub/news.html", "gopher://example.com/1", "http:///nohost"],
)
def test_only_http_urls_are_fetched(target: str):
    with pytest.raises(FetchError, match="only http and https|no host"):
        fetch(target, allow_private=True, max_bytes=SMALL_LIMIT, timeout=1)


@pytest.mark.parametrize("target", ["http://127.0.0.1:99999/page", "http://[::1/page"])
def test_malformed_url_is_a_fetch_error(target: str):
    with pytest.raises(FetchError, match="not a valid URL"):
        fetch(target, max_bytes=SMALL_LIMIT, timeout=1)


def test_redirect_to_a_non_http_scheme_is_refused(base: str):
    with pytest.raises(FetchError, match="only http and https"):
        get(f"{base}/to-file")


def test_redirect_from_a_public_host_to_a_private_address_is_refused(base: str, monkeypatch):
    """Every hop is checked: a public page cannot redirect warlog to a cloud metadata address."""
    real = url_module.is_refused_address
    test_server = ipaddress.ip_address("127.0.0.1")
    # Pretend the test server's address is a public one; every other address is judged as usual. (The
    # connection goes to the vetted address itself, so faking the resolver would send it elsewhere.)
    monkeypatch.setattr(url_module, "is_refused_address", lambda address: address != test_server and real(address))
    assert fetch(f"{base}/page", max_bytes=SMALL_LIMIT, timeout=2).body == PAGE  # "public" is fine
    with pytest.raises(FetchError, match="169.254.169.254.*--allow-private"):
        fetch(f"{base}/to-private", max_bytes=SMALL_LIMIT, timeout=2)


# --- read_target ------------------------------------------------------------------------------------


def test_read_target_reads_the_page_into_a_document(base: str):
    (document,) = list(read_target(f"{base}/page", ReadOptions(allow_private=True, timeout=5)))
    assert document.url == f"{base}/page"
    assert document.origin == f"{base}/page"
    assert document.format == "html"
    assert document.title == PAGE_TITLE
    assert "cutting power to thousands of homes" in document.source_text


def test_read_target_uses_the_final_url_after_redirects(base: str):
    (document,) = list(read_target(f"{base}/moved", ReadOptions(allow_private=True, timeout=5)))
    assert document.url == f"{base}/page"


def test_read_target_refuses_private_addresses_by_default(base: str):
    with pytest.raises(FetchError, match="--allow-private"):
        list(read_target(f"{base}/page", ReadOptions(timeout=2)))


def test_read_target_size_cap_applies_to_urls(base: str):
    with pytest.raises(InputTooLargeError):
        list(read_target(f"{base}/huge", ReadOptions(allow_private=True, timeout=5, max_bytes=SMALL_LIMIT)))


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://ftp.example.com/pub/news.html"])
def test_read_target_refuses_other_url_schemes(target: str):
    with pytest.raises(FetchError, match="only http and https"):
        list(read_target(target, ReadOptions(allow_private=True, timeout=1)))


# --- the CLI ----------------------------------------------------------------------------------------


def test_cli_refuses_a_private_url_with_one_line_naming_it(base: str, tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    target = f"{base}/page"
    result = CliRunner().invoke(app, ["ingest", target, "--db", db, "--timeout", "2"])
    assert result.exit_code != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert target in errors[0] and "--allow-private" in errors[0]
    assert "Traceback" not in result.output
    with Store(db) as store:
        assert store.documents() == []


def test_cli_with_allow_private_stores_the_page(base: str, tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    target = f"{base}/page"
    result = CliRunner().invoke(app, ["ingest", target, "--db", db, "--allow-private", "--timeout", "5"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        (row,) = store.documents()
        assert row["title"] == PAGE_TITLE
        assert row["posts"] == 1
        assert store.document(row["id"])["url"] == target


@pytest.mark.parametrize("target", ["ftp://ftp.example.com/pub/news.html", "http://127.0.0.1:99999/page"])
def test_cli_reports_unfetchable_urls_without_a_traceback(target: str, tmp_path):
    result = CliRunner().invoke(app, ["ingest", target, "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert target in result.stderr
