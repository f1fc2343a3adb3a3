"""What a crawl did, in the words a crawl team uses: pages fetched, and each failed URL counted
once, after its retries, under one reason (dns, timeout, refused, truncated, http NNN, robots,
off-site, redirect loop, too large, undecodable, parse error, store error).

Spiders report failures with `record_failure`; the `CrawlOutcome` extension counts the pages
that were read and the errors Scrapy signals, and logs a closing summary for every crawl
(`scrapy crawl` and `antt crawl` alike), with the layouts that stopped matching
(`crawler/layouts.py`). The counts live in the crawl stats under `antt/failed/<reason>` and
`antt/pages_ok`.
"""

from __future__ import annotations

import logging
from typing import Any
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.url import url_is_from_any_domain
from twisted.internet import error as tx_error
from twisted.web.client import ResponseFailed

logger = logging.getLogger(__name__)

FAILED = "antt/failed/"
PAGES_OK = "antt/pages_ok"
MAX_LISTED = 10_000  # failed URLs kept per crawl for the crawl report (all are counted)
_FAILED_URLS: WeakKeyDictionary = WeakKeyDictionary()


def reason_of(exc: BaseException) -> str:
    """The reason a request failed, from the exception Scrapy or Twisted gave its errback."""
    if isinstance(exc, HttpError):
        return f"http {exc.response.status}"
    if isinstance(exc, (CannotResolveHostError, tx_error.DNSLookupError)):
        return "dns"
    if isinstance(exc, (DownloadTimeoutError, tx_error.TimeoutError, tx_error.TCPTimedOutError)):
        return "timeout"
    if isinstance(exc, (DownloadConnectionRefusedError, tx_error.ConnectionRefusedError)):
        return "refused"
    if isinstance(exc, DownloadCancelledError):
        return "too large"
    if isinstance(exc, (ResponseDataLossError, ResponseFailed, tx_error.ConnectionLost, tx_error.ConnectionDone)):
        return "truncated"
    if isinstance(exc, IgnoreRequest):
        message = str(exc).lower()
        if "robots" in message:
            return "robots"
        if "offsite" in message:
            return "off-site"
        if "redirect" in message:
            return "redirect loop"
        return "ignored"
    if isinstance(exc, tx_error.ConnectError):
        return "connection"
    return type(exc).__name__


def record_failure(crawler, url: str, reason: str, detail: str = "") -> None:
    """Count one failed URL under its reason and log it (one line, in the crawl log)."""
    crawler.stats.inc_value(FAILED + reason)
    listed = _FAILED_URLS.setdefault(crawler, [])
    if len(listed) < MAX_LISTED:
        listed.append({"url": url, "reason": reason, "detail": detail})
    logger.warning("failed %s: %s%s", url, reason, f" ({detail})" if detail and detail != reason else "")


def failed_urls(crawler) -> list[dict[str, str]]:
    """The failed URLs of a crawl (the first MAX_LISTED), with reason and detail."""
    return list(_FAILED_URLS.get(crawler, []))


def failures(stats: dict[str, Any]) -> dict[str, int]:
    """Failed URLs by reason, most frequent first."""
    found = {k[len(FAILED):]: int(v) for k, v in stats.items() if k.startswith(FAILED) and v}
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def pages_read(stats: dict[str, Any]) -> int:
    return int(stats.get(PAGES_OK, 0))


def nothing_fetched(stats: dict[str, Any]) -> bool:
    """True when the crawl could read no page at all (e.g. no network, every host down)."""
    return pages_read(stats) == 0


class CrawlOutcome:
    """Counts pages read and the failures Scrapy signals; logs a summary when the spider closes."""

    def __init__(self, crawler):
        self.crawler = crawler
        crawler.signals.connect(self.response_received, signal=signals.response_received)
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        crawler.signals.connect(self.item_error, signal=signals.item_error)
        crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def response_received(self, response, request, spider=None) -> None:
        if 200 <= response.status < 300 and not response.url.endswith("/robots.txt"):
            self.crawler.stats.inc_value(PAGES_OK)

    def spider_error(self, failure, response, spider=None) -> None:
        record_failure(self.crawler, response.url, "parse error", repr(failure.value))

    def item_error(self, item, response, spider=None, failure=None) -> None:
        url = getattr(item, "url", None) or (response.url if response is not None else "?")
        record_failure(self.crawler, url, "store error", repr(failure.value) if failure else "")

    def request_scheduled(self, request, spider=None) -> None:
        """Scrapy's off-site check drops a request off the spider's allowed domains (a redirect
        to another host) as it is scheduled, without an errback: count it here."""
        allowed = getattr(self.crawler.spider, "allowed_domains", None)
        if (allowed and not request.dont_filter and not request.meta.get("allow_offsite")
                and not url_is_from_any_domain(request.url, allowed)):
            chain = request.meta.get("redirect_urls", [])
            record_failure(self.crawler, chain[0] if chain else request.url, "off-site",
                           " -> ".join([*chain, request.url]))

    def request_dropped(self, request, spider=None) -> None:
        """The dupefilter drops a redirect back into its own chain: a redirect loop."""
        chain = request.meta.get("redirect_urls", [])
        if request.url in chain:
            record_failure(self.crawler, chain[0], "redirect loop", " -> ".join([*chain, request.url]))

    def spider_closed(self, spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        failed = failures(stats)
        by_reason = ", ".join(f"{n} {r}" for r, n in failed.items()) or "none"
        logger.info("%s: %d pages read, %d articles stored, failed URLs: %s (finished: %s)", spider.name,
                    pages_read(stats), stats.get("antt/articles_stored", 0), by_reason, reason)
        if nothing_fetched(stats):
            logger.error("%s: nothing could be fetched (%s)", spider.name, by_reason)
        from crawler.layouts import settings_alarms

        for alarm in settings_alarms(stats, self.crawler.settings):
            logger.error("layout alarm, %s", alarm.message())
