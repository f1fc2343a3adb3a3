"""The crawling mechanism shared by every outlet spider.

Discovery, in this order: the monthly news sitemaps that overlap the date window, RSS feeds,
category listings with pagination (and a JSON listing API where the outlet has one), and
tag or search pages for topic terms. Article pages are read by the outlet's page object for
their layout. The store is the source of truth: an article id already fetched (relevant or
not) is never requested again, and discovery pages are always re-read, so a crawl resumed
after any interruption loses nothing.
"""

from __future__ import annotations

import json
import re
import zlib
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from core.store import Store
from crawler.article import to_article
from crawler.datelines import day_of, hint_window
from crawler.decoding import page_text
from crawler.layouts import record as record_layout
from crawler.outcome import reason_of, record_failure
from crawler.pages import TZ, ArticlePage
from nlp.dates import dmy_day, from_timestamp, iso_day, rss_day

if TYPE_CHECKING:
    from crawler.outlets import Outlet

_MONTHLY = re.compile(r"news-(\d{4})-(\d{1,2})\.xml")


def parse_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"-a {name}={value}: expected a date as YYYY-MM-DD") from None


class OutletSpider(scrapy.Spider):
    """A spider for one outlet: `crawler/spiders/outlets.py` makes one subclass per registered
    outlet, setting `name` and `outlet` (crawler/outlets/)."""

    outlet: Outlet
    custom_settings: dict[str, Any] = {}

    def __init__(self, since: str | None = None, until: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.allowed_domains = list(self.outlet.domains)
        self.since = parse_day(since, "since")
        self.until = parse_day(until, "until")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        self.requested_ids: set[str] = set()
        self.known_ids: set[str] = set()
        self.skipped_ids: set[str] = set()
        self.url_forms: dict[str, set[str]] = {}  # article id -> other URL forms seen for it

    def request(self, url: str, callback, **kwargs: Any) -> scrapy.Request:
        """Every request the spider makes reports its failure (once, after retries)."""
        return scrapy.Request(url, callback, errback=self.request_failed, **kwargs)

    def request_failed(self, failure) -> None:
        request = getattr(failure, "request", None)
        record_failure(self.crawler, request.url if request is not None else "?", reason_of(failure.value),
                       str(failure.value))

    def unreadable(self, response: Response, reason: str, detail: str = "") -> None:
        """A page that came back but cannot be read: counted, and not remembered as seen, so a
        later crawl tries it again."""
        record_failure(self.crawler, response.url, reason, detail)

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        with Store.open(crawler.settings.get("ANTT_DB")) as store:
            spider.known_ids = store.seen_ids(spider.name)
        # Listing depth: without `since` (or on listing pages without dates) a moderate depth;
        # with `since`, as deep as the listing's dates are still in the window, up to a safety cap.
        spider.max_listing_pages = crawler.settings.getint("ANTT_MAX_LISTING_PAGES", 30)
        spider.max_listing_pages_since = max(spider.max_listing_pages,
                                             crawler.settings.getint("ANTT_MAX_LISTING_PAGES_SINCE", 1000))
        return spider

    # -- window -------------------------------------------------------------------------
    def in_window(self, day: date | None) -> bool:
        if day is None:
            return True
        return not ((self.since and day < self.since) or (self.until and day > self.until))

    def month_in_window(self, year: int, month: int) -> bool:
        first, last = date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)
        return not ((self.since and last <= self.since) or (self.until and first > self.until))

    # -- discovery ------------------------------------------------------------------------
    async def start(self):
        for request in self.discovery_requests():
            yield request

    def discovery_requests(self):
        o = self.outlet
        if o.sitemap_index:
            yield self.request(o.sitemap_index, self.parse_sitemap, dont_filter=True)
        for feed in o.feeds:
            yield self.request(feed, self.parse_feed, dont_filter=True)
        for listing in o.listings:
            yield self.request(listing, self.parse_listing, dont_filter=True, cb_kwargs={"page": 1})
        if o.listing_api:
            yield self.request(o.listing_api.format(page=1), self.parse_api, dont_filter=True,
                                 cb_kwargs={"page": 1})
        for topic in o.topic_pages:
            yield self.request(topic, self.parse_listing, dont_filter=True, cb_kwargs={"page": 1, "by_date": False})

    def closed(self, reason: str) -> None:
        """The other URL forms seen for stored articles go to the store, which keeps each
        article under one form (the outlet's current domain, else the smaller), so the form
        stored does not depend on which listing answered first."""
        if not self.url_forms:
            return
        home = self.outlet.domains[0] if self.outlet.domains else None
        with Store.open(self.crawler.settings.get("ANTT_DB")) as store:
            for article_id, urls in sorted(self.url_forms.items()):
                for url in sorted(urls):
                    store.offer_url(self.name, article_id, url, home)

    def article_request(self, url: str, **meta: Any) -> scrapy.Request | None:
        """A request for an article page, unless its id was fetched before (now or earlier)."""
        found = self.page_for(url)
        if found is None:
            return None
        article_id, _ = found
        if article_id in self.known_ids or article_id in self.requested_ids:
            # the same article under another URL form: offered to the store when the spider
            # closes, which keeps the outlet's preferred form whichever was fetched
            self.url_forms.setdefault(article_id, set()).add(url)
        if article_id in self.known_ids:
            if article_id not in self.skipped_ids:
                self.skipped_ids.add(article_id)
                self.crawler.stats.inc_value("antt/skipped_known")
            return None
        if article_id in self.requested_ids:
            return None
        self.requested_ids.add(article_id)
        # the article's key: a shared frontier's dupefilter sees one article, whatever its URL form
        return self.request(url, self.parse_article, meta={**meta, "antt_article": f"{self.name}:{article_id}"})

    @staticmethod
    def hint(day: date | None) -> dict[str, Any]:
        """The request meta carrying the date a sitemap, feed, listing or API gives an article:
        its page's date must agree with it (`crawler.datelines.hint_window`)."""
        return {"antt_date_hint": day.isoformat()} if day else {}

    def parse_sitemap(self, response: Response):
        body = response.body
        if body[:2] == b"\x1f\x8b":
            # A gzipped sitemap is inflated only up to the download size limit, as Scrapy's
            # own sitemap spider does: a small file must not become hundreds of MB.
            limit = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
            try:
                body = gunzip(body, max_size=limit)
            except ValueError:
                return self.unreadable(response, "too large", f"inflates past {limit} bytes")
            except (OSError, EOFError, zlib.error) as exc:
                return self.unreadable(response, "undecodable", f"invalid gzip: {exc}")
        try:
            sitemap = Sitemap(body)
        except Exception as exc:  # lxml's recovering parser gives up on some bytes
            return self.unreadable(response, "undecodable", f"not a sitemap: {exc!r}")
        if sitemap.type == "sitemapindex":
            for entry in sitemap:
                m = _MONTHLY.search(entry["loc"])
                if m and not self.month_in_window(int(m[1]), int(m[2])):
                    continue
                yield self.request(entry["loc"], self.parse_sitemap, dont_filter=True)
            return
        for entry in sitemap:
            lastmod = entry.get("lastmod")
            day = iso_day(lastmod) if lastmod else None
            if day and not self.in_window(day):
                continue
            req = self.article_request(entry["loc"], **self.hint(day))
            if req:
                yield req

    def parse_feed(self, response: Response):
        if not isinstance(response, TextResponse):
            return self.unreadable(response, "undecodable", "not a text document")
        for item in response.xpath("//item"):
            link = (item.xpath("link/text()").get() or "").strip()
            pub = item.xpath("pubDate/text()").get()
            day = rss_day(pub) if pub else None
            if day and not self.in_window(day):
                continue
            req = self.article_request(link, **self.hint(day))
            if req:
                yield req

    def parse_listing(self, response: Response, page: int = 1, by_date: bool = True):
        """A category listing (newest first), or a tag or search page (`by_date=False`: its
        order says nothing of dates, so it is followed to the moderate depth only)."""
        if not isinstance(response, TextResponse):
            return self.unreadable(response, "undecodable", "not a text document")
        days: list[date] = []
        for link in response.css("a[href]"):
            url = response.urljoin(link.attrib["href"])
            if self.page_for(url) is None:
                continue
            day = _listing_day(link)
            if day is not None:
                days.append(day)
                if not self.in_window(day):
                    continue
            req = self.article_request(url, **self.hint(day))
            if req:
                yield req
        nxt = _next_page(response)
        if nxt and self.listing_goes_on(page, days if by_date else [], response.url):
            yield self.request(nxt, self.parse_listing, dont_filter=True,
                                 cb_kwargs={"page": page + 1, "by_date": by_date})

    def listing_goes_on(self, page: int, days: list[date], url: str) -> bool:
        """Follow a listing (newest first) past page `page`, whose items carry the dates `days`?

        Without `since`, down to ANTT_MAX_LISTING_PAGES pages. With `since`, while a page still
        has items from `since` on: a page wholly older ends the listing; a page without dates
        says nothing, so it gets the moderate depth only; ANTT_MAX_LISTING_PAGES_SINCE caps it.
        """
        if self.since is None or not days:
            return page < self.max_listing_pages
        if max(days) < self.since:
            self.logger.info("listing %s: page %d is older than %s, not following it further", url, page,
                             self.since)
            return False
        if page >= self.max_listing_pages_since:
            self.logger.warning("listing %s: stopped at the safety cap of %d pages (ANTT_MAX_LISTING_PAGES_SINCE)",
                                url, page)
            return False
        return True

    def parse_api(self, response: Response, page: int = 1):
        try:
            contents = json.loads(response.body)["data"]["contents"]
        except (ValueError, KeyError, TypeError) as exc:
            return self.unreadable(response, "undecodable", f"not the listing API's JSON: {exc!r}")
        base = f"https://{self.outlet.domains[1] if len(self.outlet.domains) > 1 else self.outlet.domains[0]}"
        days: list[date] = []
        for row in contents:
            when = row.get("update_time")
            if when:
                days.append(from_timestamp(when).date())
                if not self.in_window(days[-1]):
                    continue
            req = self.article_request(base + row["url"] if row["url"].startswith("/") else row["url"],
                                       **self.hint(days[-1] if when else None))
            if req:
                yield req
        if contents and self.listing_goes_on(page, days, response.url):
            yield self.request(self.outlet.listing_api.format(page=page + 1), self.parse_api, dont_filter=True,
                                 cb_kwargs={"page": page + 1})

    # -- articles -------------------------------------------------------------------------
    def page_for(self, url: str) -> tuple[str, type[ArticlePage]] | None:
        return self.outlet.article_id(url)

    def parse_article(self, response: Response):
        found = self.page_for(response.url)
        if found is None:
            return
        article_id, page_cls = found
        html = page_text(response)
        if html is None:
            return self.unreadable(response, "undecodable", "not text in its declared or any detected charset")
        hint = response.meta.get("antt_date_hint")
        windows = (hint_window(date.fromisoformat(hint)),) if hint else ()
        parsed = page_cls(html, response.url, fetched=datetime.now(TZ), windows=windows).parse()
        if not self.outlet.any_site:
            record_layout(self.crawler.stats, self.name, page_cls.name, parsed)
        for rejected in parsed.rejected_dates:
            self.logger.info("%s: date rejected: %s", response.url, rejected)
        if not parsed.body or not parsed.title:
            self.crawler.stats.inc_value("antt/no_article_text")
            return
        published = parsed.published
        if published is not None and not self.in_window(day_of(published)):
            self.crawler.stats.inc_value("antt/outside_window")
            return
        yield to_article(parsed, response.url, response.body, source=self.name, source_id=article_id)


_ITEM = ("ancestor::*[self::article or self::li or contains(concat(' ', normalize-space(@class), ' '), ' item ')"
         " or contains(concat(' ', normalize-space(@class), ' '), ' story ')][1]")
_PAGE_PARAMS = ("paged", "page")


def _listing_day(link) -> date | None:
    """The date a listing shows next to an article link: `time[datetime]` or a `dd/mm/YYYY` text
    in the link's item (its `article`, `li`, `.item` or `.story`)."""
    item = link.xpath(_ITEM)
    if not item:
        return None
    stamp = item[0].css("time::attr(datetime)").get()
    found = iso_day(stamp) if stamp else None
    return found or dmy_day(" ".join(item[0].css("::text").getall()))


def _next_page(response: Response) -> str | None:
    """The listing's next page: a `rel=next` / `.next` / `.btn-next-page` link, else the numbered
    link to the page after this one (`?paged=N+1`, `?page=N+1`, as WordPress-style pagers have)."""
    nxt = response.css('a[rel="next"]::attr(href), a.next::attr(href), a.btn-next-page::attr(href)').get()
    if nxt:
        return response.urljoin(nxt)
    here = urlsplit(response.url)
    query = parse_qs(here.query)
    for param in _PAGE_PARAMS:
        current = query.get(param, ["1"])[0]
        if not current.isdigit():
            continue
        for href in response.css("a::attr(href)").getall():
            url = urlsplit(response.urljoin(href))
            if url.path == here.path and parse_qs(url.query).get(param) == [str(int(current) + 1)]:
                return urlunsplit(url)
    return None
