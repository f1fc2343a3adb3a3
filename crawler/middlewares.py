"""Downloader middlewares."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as _ScrapyRobots
from scrapy.exceptions import NotConfigured
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class HostMapMiddleware:
    """Send requests for an outlet host to another base URL (the local replay server).

    Used only by tests and the demo (`ANTT_HOST_MAP`). It sits next to the downloader: the
    request keeps its real URL through robots.txt, redirects, dupefilter and the spider,
    and the response comes back under the real URL, so spiders never see the mapping.
    """

    def __init__(self, host_map: dict[str, str]):
        self.host_map = {h.lower(): base.rstrip("/") for h, base in host_map.items()}

    @classmethod
    def from_crawler(cls, crawler):
        host_map = crawler.settings.getdict("ANTT_HOST_MAP")
        if not host_map:
            raise NotConfigured("no ANTT_HOST_MAP")
        return cls(host_map)

    def process_request(self, request, spider=None):
        parts = urlsplit(request.url)
        base = self.host_map.get(parts.netloc.lower())
        if base is None:
            return None
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        mapped = request.replace(url=base + path)
        mapped.meta["antt_real_url"] = request.url
        mapped.meta["allow_offsite"] = True  # the replay server is on 127.0.0.1
        return mapped

    def process_response(self, request, response, spider=None):
        real = request.meta.get("antt_real_url")
        if real:
            return response.replace(url=real)
        return response


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
