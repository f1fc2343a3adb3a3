"""Downloader middlewares."""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as _ScrapyRobots
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxtMiddleware(_ScrapyRobots):
    """Scrapy's robots.txt middleware, safe for requests that wait together.

    Requests for a host whose robots.txt is still downloading all await one Deferred; in
    Scrapy 2.19 only the first of them receives the parser and the others get None, which
    means "allowed". A request that got None re-reads the parser once robots.txt is parsed.
    """

    async def robot_parser(self, request):
        parser = await super().robot_parser(request)
        if parser is None:
            current = self._parsers.get(urlparse_cached(request).netloc)
            if current is not None and not isinstance(current, Deferred):
                return current
        return parser
