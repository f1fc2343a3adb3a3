"""Download handler that sends requests for outlet hosts to a local replay server.

Tests and the demo set `ANTT_HOST_MAP` (outlet host -> base URL on 127.0.0.1). The mapping
happens here, inside the downloader, so everything above it (robots.txt, the off-site check,
redirects, retries, the dupefilter, the spider) only ever sees the real URLs: a redirect to
another host is checked against the spider's allowed domains like on the real site.
Without a map it is Scrapy's own HTTP handler, unchanged.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.utils.misc import build_from_crawler


class HostMapDownloadHandler:
    lazy = False

    def __init__(self, crawler):
        self.inner = build_from_crawler(HTTP11DownloadHandler, crawler)
        host_map = crawler.settings.getdict("ANTT_HOST_MAP")
        self.host_map = {h.lower(): base.rstrip("/") for h, base in host_map.items()}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def mapped(self, url: str) -> str | None:
        parts = urlsplit(url)
        base = self.host_map.get(parts.netloc.lower())
        if base is None:
            return None
        return base + parts.path + (f"?{parts.query}" if parts.query else "")

    async def download_request(self, request):
        target = self.mapped(request.url)
        if target is None:
            return await self.inner.download_request(request)
        response = await self.inner.download_request(request.replace(url=target))
        location = response.headers.get("Location")
        if location and response.status in (301, 302, 303, 307, 308):
            # A relative Location is relative to the real URL, not to the replay server's.
            response.headers["Location"] = urljoin(request.url, location.decode("latin-1"))
        return response.replace(url=request.url)

    async def close(self) -> None:
        await self.inner.close()
