"""Canonical article URLs: the store's key, so one article fetched by two URLs is stored once."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

#: Query parameters that only track campaigns or sessions, never select content.
TRACKING_PARAMS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid", "gclid", "zarsrc")


def canonical_url(url: str) -> str:
    """Lowercase scheme and host, no `www.`, no fragment, no tracking parameters, sorted query."""
    url = url.strip()
    cleaned = url_query_cleaner(url, TRACKING_PARAMS, remove=True, keep_fragments=False)
    canon = canonicalize_url(cleaned, keep_fragments=False)
    parts = urlsplit(canon)
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", parts.query, ""))


def outlet_of(url: str | None) -> str | None:
    """The outlet's domain (`cand.com.vn`), as the evaluation schema wants it."""
    if not url:
        return None
    host = urlsplit(url.strip()).netloc.lower()
    return host.removeprefix("www.") or None
