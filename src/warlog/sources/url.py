"""Fetching a URL safely: timeouts, a size cap, few redirects, and no private addresses by default.

Every hop of a redirect chain is checked, because a public page can redirect to an internal one.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from warlog import __version__
from warlog.errors import FetchError, InputTooLargeError

MAX_REDIRECTS = 5
USER_AGENT = f"warlog/{__version__} (conflict news reader)"


@dataclass
class Fetched:
    """A fetched body with the address it finally came from."""

    url: str
    body: bytes
    content_type: str


def check_address(url: str, allow_private: bool) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a private, loopback or link-local address."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError as exc:
        raise FetchError(f"{url}: is not a valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: has no host name")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"{url}: host {parts.hostname} could not be resolved ({exc.strerror})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"{url}: refused, {parts.hostname} is a private, loopback or link-local address "
                f"({address}); pass --allow-private to fetch it anyway"
            )


def fetch(url: str, *, allow_private: bool = False, timeout: float = 20.0, max_bytes: int) -> Fetched:
    """GET `url` following at most MAX_REDIRECTS redirects, within `timeout` seconds overall.

    Each hop gets only the time left of `timeout`, so a chain of slow redirects cannot stretch it.
    """
    deadline = time.monotonic() + timeout
    with httpx.Client(follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_address(current, allow_private)
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
