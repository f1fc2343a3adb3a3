"""What is known of each outlet, in one place: domains, article URL patterns (and the page
object that reads each), and where to discover articles (sitemaps, feeds, listings, tags)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler import pages


@dataclass(frozen=True)
class ArticlePattern:
    """Article URLs matching `regex` (group `id` = the outlet's article id) on `hosts`.

    `id_prefix` keeps apart id sequences of one outlet that can overlap: an article id is the
    dedupe key of its outlet, so two CMSs numbering from the same range need a namespace."""

    regex: str
    page: type[pages.ArticlePage]
    hosts: tuple[str, ...] = ()
    id_prefix: str = ""

    def match(self, url: str) -> str | None:
        m = re.search(self.regex, url)
        if not m:
            return None
        if self.hosts and not any(f"//{h}/" in url or f"//www.{h}/" in url for h in self.hosts):
            return None
        return self.id_prefix + m["id"]


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    articles: tuple[ArticlePattern, ...]
    sitemap_index: str | None = None  # lists monthly news sitemaps `.../news-YYYY-M.xml`
    feeds: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    listing_api: str | None = None  # JSON listing API, `{page}` placeholder
    topic_pages: tuple[str, ...] = ()  # tag or search pages for topic terms
    notes: str = field(default="", compare=False)

    def article_id(self, url: str) -> tuple[str, type[pages.ArticlePage]] | None:
        for pattern in self.articles:
            found = pattern.match(url)
            if found:
                return found, pattern.page
        return None


OUTLETS: dict[str, Outlet] = {
    "cand": Outlet(
        name="cand",
        domains=("cand.vn", "cand.com.vn"),
        articles=(
            ArticlePattern(r"-post(?P<id>\d{5,})\.html(?:$|\?)", pages.CandCurrentPage),
            ArticlePattern(r"-i(?P<id>\d{5,})/?(?:$|\?)", pages.CandLegacyPage),
            # 2016-era cand.com.vn: `/<Category>/<slug>-<ID>/`, no `i` (`/Hoat-dong-LL-CAND/...-418156/`);
            # the same number as the later `-i<ID>/` and `-post<ID>.html` forms
            ArticlePattern(r"^https?://[^/]+/[^/?#]+/[^/?#]+-(?P<id>\d{5,})/?(?:$|\?)", pages.CandLegacyPage,
                           hosts=("cand.com.vn", "cand.vn")),
        ),
        sitemap_index="https://cand.vn/sitemap.xml",
        feeds=("https://cand.vn/rss/home.rss",),
        listings=("https://cand.vn/toan-dan-bao-ve-antq", "https://cand.com.vn/Toan-dan-bao-ve-ANTQ/"),
        notes="cand.com.vn redirects to cand.vn; the article id carries over (`-<ID>/` 2016, `-i<ID>/` until "
              "2025, `-post<ID>.html` since): dedupe on it",
    ),
    "sggp": Outlet(
        name="sggp",
        domains=("sggp.org.vn", "www.sggp.org.vn", "api.sggp.org.vn"),
        articles=(ArticlePattern(r"-post(?P<id>\d{4,})\.html(?:$|\?)", pages.SggpPage),),
        sitemap_index="https://www.sggp.org.vn/sitemap.xml",
        feeds=("https://www.sggp.org.vn/rss/home.rss",),
        listings=("https://www.sggp.org.vn/anninhtrattu/",),
        listing_api="https://api.sggp.org.vn/api/morenews-zone-112-{page}.html?show_author=1&phrase=",
        topic_pages=("https://www.sggp.org.vn/tim-kiem/?q=m%C3%B4+h%C3%ACnh+t%E1%BB%B1+qu%E1%BA%A3n",),
    ),
    "congan": Outlet(
        name="congan",
        domains=("congan.com.vn",),
        articles=(ArticlePattern(r"_(?P<id>\d{4,})\.html(?:$|\?)", pages.CongAnPage),),
        listings=("https://congan.com.vn/tin-chinh/",),
        topic_pages=("https://congan.com.vn/tag/M%C3%B4+h%C3%ACnh+t%E1%BB%B1+qu%E1%BA%A3n.html",),
    ),
    "thanhuy": Outlet(
        name="thanhuy",
        domains=("thanhuytphcm.vn", "hcmcpv.org.vn"),
        articles=(ArticlePattern(r"/tin-tuc/[^?#]+-(?P<id>\d{10})(?:$|\?)", pages.ThanhUyPage),),
        listings=("https://thanhuytphcm.vn/tin-tuc/an-ninh-quoc-phong",),
    ),
    "danang": Outlet(
        name="danang",
        domains=("baodanang.vn", "baoquangnam.vn"),
        articles=(
            ArticlePattern(r"-(?P<id>\d{7})\.html(?:$|\?)", pages.BaoQuangNamPage, hosts=("baoquangnam.vn",)),
            # Báo Quảng Nam until 2020: 6-digit ids under a category folder (`/toa-soan-ban-doc/<slug>-128624.html`)
            ArticlePattern(r"^https?://[^/]+/[^/?#]+/[^/?#]+-(?P<id>\d{6})\.html(?:$|\?)", pages.BaoQuangNamPage,
                           hosts=("baoquangnam.vn",)),
            ArticlePattern(r"-(?P<id>\d{7})\.html(?:$|\?)", pages.DaNangCurrentPage, hosts=("baodanang.vn",)),
            # baodanang.vn before the merger, its own CMS: `/<section>/<yyyymm>/<slug>-<ID>/`, section one or two
            # folders (`/ytesuckhoe/202108/...-3888676/`, `/channel/5404/201905/...-3202305/`). Its ids overlap
            # the Quảng Nam numbering baodanang.vn uses since 2025 (32xxxxx in 2019 there, 32xxxxx-33xxxxx
            # here), so they get a namespace: source id `dn-<ID>`.
            ArticlePattern(r"^https?://[^/]+/(?:[^/?#]+/){1,2}(?:19|20)\d{2}(?:0[1-9]|1[0-2])/[^/?#]+-(?P<id>\d{6,8})"
                           r"/?(?:$|\?)", pages.DaNangLegacyPage, hosts=("baodanang.vn",), id_prefix="dn-"),
        ),
        listings=("https://baodanang.vn/quoc-phong-an-ninh", "https://baoquangnam.vn/an-ninh-trat-tu/",
                  "https://baodanang.vn/channel/5399/"),
        notes="Báo Quảng Nam merged into Báo Đà Nẵng in 2025; old ids live on under baodanang.vn. The pre-2025 "
              "baodanang.vn listings are `/channel/<n>/?paged=N` (channel number of its security section "
              "unverified: 5404, 5432, 5433, 6059 are seen in public code)",
    ),
}
