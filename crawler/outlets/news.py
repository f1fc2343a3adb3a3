"""Any outlet (`scrapy crawl news -a urls=FILE | -a sitemap=URL | -a feed=URL`), read by
trafilatura; and a saved page whose outlet is not known (`antt extract PAGE.html`).

Articles are identified by their canonical URL; the outlet is the URL's domain.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from core.urls import canonical_url
from crawler.outlets import Outlet
from crawler.pages import ArticlePage, ParsedArticle, clean
from nlp.dates import parse_published


class GenericPage(ArticlePage):
    """Any outlet: trafilatura for the body (no layout selectors), metadata from meta tags.
    Every URL is an article URL; its id is a short hash of the canonical URL."""

    name = "generic"
    body_css = ()

    @classmethod
    def article_id(cls, url: str) -> str | None:
        """A short stable id for any URL (outlets without an id scheme of their own)."""
        return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()[:16]

    def lead(self) -> str | None:
        return clean(self.sel.css('meta[property="og:description"]::attr(content)').get()) or None


class SavedPage(ArticlePage):
    """A saved page of no known layout: trafilatura's text and metadata (favouring precision),
    htmldate for the date. The text is the title, then trafilatura's text as it gives it; the
    description is the lead but not part of the text; `url` is the URL the page states."""

    name = "trafilatura"

    def parse(self) -> ParsedArticle:
        import trafilatura
        from htmldate import find_date

        doc = trafilatura.bare_extraction(self.html, url=self.url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)

        def meta(key: str) -> Any:
            return getattr(doc, key, None) if doc is not None else None

        text, title = meta("text") or "", meta("title")
        day = meta("date") or find_date(self.html, extensive_search=False, original_date=True)
        full = f"{title}\n\n{text}" if title and text and not text.startswith(title) else (text or title or "")
        return ParsedArticle(title, meta("description"), [p for p in text.split("\n") if p.strip()],
                             parse_published(day) if day else None, meta("author"), None, [], self.name,
                             text=full, url=self.url or meta("url"))


class NewsDiscovery:
    """The news spider's discovery: from its arguments instead of an outlet's sites (mixed into
    `crawler.spiders.base.OutletSpider`)."""

    def __init__(self, urls: str | None = None, sitemap: str | None = None, feed: str | None = None,
                 **kwargs: Any):
        if not (urls or sitemap or feed):
            raise ValueError("the news spider needs -a urls=FILE, -a sitemap=URL or -a feed=URL")
        super().__init__(**kwargs)
        self.url_list = [u.strip() for u in Path(urls).read_text(encoding="utf-8").splitlines()
                         if u.strip() and not u.startswith("#")] if urls else []
        self.sitemap_url, self.feed_url = sitemap, feed

    def discovery_requests(self):
        if self.sitemap_url:
            yield self.request(self.sitemap_url, self.parse_sitemap, dont_filter=True)
        if self.feed_url:
            yield self.request(self.feed_url, self.parse_feed, dont_filter=True)
        for url in self.url_list:
            req = self.article_request(url)
            if req:
                yield req


OUTLET = Outlet(
    name="news",
    title="any outlet, from -a urls=FILE, -a sitemap=URL or -a feed=URL, read by trafilatura",
    domains=(),
    pages=(GenericPage,),
    any_site=True,
    spider_mixin=NewsDiscovery,
)
