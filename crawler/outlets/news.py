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
    """A saved page of no known layout: trafilatura's text and metadata (favouring precision).
    The text is the title, then trafilatura's text as it gives it; the description is the
    lead but not part of the text; `url` is the URL the page states.

    The date is the article's own (metadata, the dateline by the title) when the page has
    one; else htmldate's, read from the page without its furniture (header clocks, related
    lists, comments), so that a "today" line is never taken for the publication date."""

    name = "trafilatura"

    def parse(self) -> ParsedArticle:
        import trafilatura

        doc = trafilatura.bare_extraction(self.html, url=self.url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)

        def meta(key: str) -> Any:
            return getattr(doc, key, None) if doc is not None else None

        title = meta("title")
        paragraphs = [p.strip() for p in (meta("text") or "").split("\n") if p.strip()]
        if title and paragraphs and paragraphs[0] == title:
            paragraphs = paragraphs[1:]
        # paragraphs apart as a layout's are, so that no sentence runs from one into the next
        full = "\n\n".join([title, *paragraphs] if title else paragraphs)
        return ParsedArticle(title, meta("description"), paragraphs,
                             self.published() or self._htmldate(), meta("author"), None, [], self.name,
                             text=full, url=self.url or meta("url"), matched=dict(self.matched),
                             rejected_dates=list(self.rejected_dates))

    def _htmldate(self) -> str | None:
        from htmldate import find_date
        from parsel import Selector

        page = Selector(text=self.html)
        for node in page.xpath(f"//*[{self._clocks}]"):
            node.drop()
        day = find_date(page.get(), extensive_search=False, original_date=True)
        found = parse_published(day) if day else None
        if found and self.check.problem(found) is None:
            self.matched["published"] = "htmldate"
            return found
        if found:
            self.rejected_dates.append(f"{day} (htmldate): {self.check.problem(found)}")
        return None


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
