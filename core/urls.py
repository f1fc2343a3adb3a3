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


def is_web_url(url: object) -> bool:
    """An absolute http(s) URL with a host: the only kind stored as an article URL or linked
    in a page (a `javascript:` or `data:` URL in hostile input must never become a link)."""
    if not isinstance(url, str):
        return False
    url = url.strip()
    parts = urlsplit(url)
    return (parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
            and not any(ch in url for ch in "\x00\r\n\t <>\"`"))
