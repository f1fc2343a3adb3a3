"""`scrapy crawl news -a urls=FILE | -a sitemap=URL | -a feed=URL`: any outlet, read by trafilatura.

Articles are identified by their canonical URL; the outlet is the URL's domain.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from core.urls import canonical_url
from crawler.outlets import ArticlePattern, Outlet
from crawler.pages import GenericPage
from crawler.spiders.base import OutletSpider


class NewsSpider(OutletSpider):
    name = "news"

    def __init__(self, urls: str | None = None, sitemap: str | None = None, feed: str | None = None,
                 **kwargs: Any):
        if not (urls or sitemap or feed):
            raise ValueError("the news spider needs -a urls=FILE, -a sitemap=URL or -a feed=URL")
        super().__init__(**kwargs)
        self.url_list = [u.strip() for u in Path(urls).read_text(encoding="utf-8").splitlines()
                         if u.strip() and not u.startswith("#")] if urls else []
        self.sitemap_url, self.feed_url = sitemap, feed

    def make_outlet(self) -> Outlet:
        """Any outlet: every URL is an article page, read by the generic page object."""
        return Outlet(name="news", domains=(), articles=(ArticlePattern(r"^(?P<id>https?://.+)$", GenericPage),))

    def discovery_requests(self):
        if self.sitemap_url:
            yield self.request(self.sitemap_url, self.parse_sitemap, dont_filter=True)
        if self.feed_url:
            yield self.request(self.feed_url, self.parse_feed, dont_filter=True)
        for url in self.url_list:
            req = self.article_request(url)
            if req:
                yield req

    def page_for(self, url: str):
        return _id(url), GenericPage


def _id(url: str) -> str:
    """A short stable id for any URL (outlets without an id scheme of their own)."""
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()[:16]
