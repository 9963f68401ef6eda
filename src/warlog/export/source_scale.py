"""ACLED's `source_scale` of a report, read from what the store knows of its source: the address it came from.

ACLED records whether a source covers the event's area from within (National, Local, …) or from abroad
(International), or is social media (New media). warlog has no outlet directory, so it reads only what the
address settles: a social-media host is New media; a country-code domain (`.ua`, `.co.uk`) is National when it
is the event's country and International when it is another; a generic domain (`.com`, `.org`) settles
nothing and the cell stays empty, as it does without an address.
"""

from __future__ import annotations

from urllib.parse import urlsplit

NEW_MEDIA = ("t.me", "telegram.me", "telegram.org", "twitter.com", "x.com", "facebook.com", "youtube.com",
             "instagram.com", "tiktok.com", "vk.com", "bsky.app", "mastodon.social", "reddit.com")
# Country-code domains whose code is not the ISO 3166 code of their country.
_CC_EXCEPTIONS = {"uk": "GB"}
# Country codes sold as generic names (".io", ".tv", ".me"): they say nothing of where an outlet is.
_VANITY = {"io", "co", "tv", "me", "ai", "fm", "ly", "cc", "ws", "to", "gg", "nu", "tk", "am", "la", "sh", "is"}
# ACLED writes a report's several scales joined by "-", in this order ("New media-National").
ORDER = ["New media", "Local", "Subnational", "National", "Regional", "International", "Other"]


def source_scale(url: str | None, event_country: str | None) -> str:
    """"New media", "National", "International", or "" when the address does not settle it."""
    if not url:
        return ""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return ""
    if any(host == h or host.endswith("." + h) for h in NEW_MEDIA):
        return "New media"
    suffix = host.rsplit(".", 1)[-1]
    if len(suffix) != 2 or not suffix.isalpha() or suffix in _VANITY or not event_country:
        return ""
    country = _CC_EXCEPTIONS.get(suffix, suffix.upper())
    return "National" if country == event_country.upper() else "International"


def joined_scales(scales: list[str]) -> str:
    """Several reports' scales as ACLED writes them: each once, in ACLED's order, joined by "-"."""
    present = {s for s in scales if s}
    return "-".join(s for s in ORDER if s in present)
