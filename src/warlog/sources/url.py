"""Fetching a URL safely: timeouts, a size cap, few redirects, and no private addresses by default.

Every hop of a redirect chain is checked, because a public page can redirect to an internal one. The
host is resolved once per hop, every address it resolves to is vetted, and the connection is made to a
vetted address (the host name still goes in the Host header and the TLS SNI, so certificates are checked
against it): resolving again at connect time would let a DNS answer that changes between the two
lookups (DNS rebinding) reach an internal address after the check passed.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from warlog import __version__
from warlog.errors import FetchError, InputTooLargeError

MAX_REDIRECTS = 5
USER_AGENT = f"warlog/{__version__} (conflict news reader)"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass
class Fetched:
    """A fetched body with the address it finally came from."""

    url: str
    body: bytes
    content_type: str


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo, NAT64), which is where packets end up."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_refused_address(address: IPAddress) -> bool:
    """True for anything but a public unicast address: private, loopback, link-local, shared, reserved, multicast,
    unspecified — also when wrapped in an IPv6 form that routes to such an IPv4 address."""
    inner = embedded_ipv4(address)
    if inner is not None and is_refused_address(inner):
        return True
    return not address.is_global or address.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to, in the resolver's order (IP literals in any form come back as themselves,
    so decimal or octal spellings such as 2130706433 or 0177.0.0.1 are seen as the address they mean)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))


def _split(url: str) -> tuple[str, int, str]:
    """(host as the HTTP client will connect to it, port, host as typed) of an http(s) URL, or a FetchError."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError as exc:
        raise FetchError(f"{url}: is not a valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: has no host name")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"{url}: is not a valid URL ({exc})") from exc
    default = 443 if parts.scheme == "https" else 80
    return parsed.raw_host.decode("ascii").lower(), port or default, parts.hostname


def vetted_addresses(url: str, allow_private: bool) -> tuple[str, list[str]]:
    """(host, the addresses to connect to) for `url`, refusing non-http(s) URLs and hosts that resolve to a
    private, loopback or link-local address. With `allow_private` the host is not resolved here (no addresses)."""
    host, port, typed = _split(url)
    if allow_private:
        return host, []
    try:
        addresses = resolve(host, port)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise FetchError(f"{url}: host {typed} could not be resolved ({reason})") from exc
    if not addresses:
        raise FetchError(f"{url}: host {typed} resolves to no address")
    for text in addresses:
        address = ipaddress.ip_address(text)
        if is_refused_address(address):
            raise FetchError(
                f"{url}: refused, {typed} is a private, loopback or link-local address "
                f"({address}); pass --allow-private to fetch it anyway"
            )
    return host, addresses


def check_address(url: str, allow_private: bool) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a private, loopback or link-local address."""
    vetted_addresses(url, allow_private)


class PinnedBackend(httpcore.NetworkBackend):
    """httpcore's network backend, connecting only to addresses vetted for the host (no second DNS lookup).

    httpcore hands us the URL's host; the TLS layer is given the same host for SNI and certificate checks, so
    only the TCP destination changes. A host that was never vetted is refused, whatever the HTTP client's own
    URL parser made of it, unless the backend is open (--allow-private).
    """

    def __init__(self, open_to_all: bool) -> None:
        self._inner = httpcore.SyncBackend()
        self.open_to_all = open_to_all
        self.pins: dict[str, list[str]] = {}

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        key = host.lower().strip("[]")
        if self.open_to_all:
            return self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        addresses = self.pins.get(key)
        if not addresses:
            raise httpcore.ConnectError(f"{host} was not vetted before connecting")
        last: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _client(backend: PinnedBackend) -> httpx.Client:
    """A client whose connections go through `backend`. Proxies from the environment are not used: a proxy
    would resolve the host itself, out of our reach."""
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(  # the same pool HTTPTransport builds, with our backend
        ssl_context=httpx.create_ssl_context(), network_backend=backend, max_connections=4,
    )
    return httpx.Client(transport=transport, follow_redirects=False, headers={"User-Agent": USER_AGENT})


def fetch(url: str, *, allow_private: bool = False, timeout: float = 20.0, max_bytes: int) -> Fetched:
    """GET `url` following at most MAX_REDIRECTS redirects, within `timeout` seconds overall.

    Each hop gets only the time left of `timeout`, so a chain of slow redirects cannot stretch it.
    """
    deadline = time.monotonic() + timeout
    backend = PinnedBackend(open_to_all=allow_private)
    with _client(backend) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            host, addresses = vetted_addresses(current, allow_private)
            backend.pins[host] = addresses
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError(f"{url}: timed out after {timeout:g} s")
            limits = httpx.Timeout(left, connect=min(left, 10.0))
            try:
                with client.stream("GET", current, timeout=limits) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"{url}: redirect without a Location header")
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{url}: the server answered HTTP {response.status_code}")
                    body = _read_capped(response, url, max_bytes, deadline)
                    return Fetched(str(response.url), body, response.headers.get("content-type", ""))
            except httpx.TimeoutException as exc:
                raise FetchError(f"{url}: timed out after {timeout:g} s") from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise FetchError(f"{url}: could not be fetched ({exc})") from exc
        raise FetchError(f"{url}: redirected more than {MAX_REDIRECTS} times")


def _read_capped(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise InputTooLargeError(f"{url}: is {int(declared):,} bytes, over the {max_bytes:,}-byte limit")
    chunks = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputTooLargeError(f"{url}: is larger than the {max_bytes:,}-byte limit")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: sent its body too slowly and was given up")
        chunks.append(chunk)
    return b"".join(chunks)
