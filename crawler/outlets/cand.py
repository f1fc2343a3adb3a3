"""Báo Công an Nhân dân: cand.vn since 2025, and the legacy cand.com.vn (now redirected to
cand.vn). One article keeps its number through the three URL forms (`-<ID>/` in 2016,
`-i<ID>/` until 2025, `-post<ID>.html` since), so it is stored once under any of them."""

from crawler.outlets import Outlet
from crawler.pages import ArticlePage, UrlRule


class CandCurrentPage(ArticlePage):
    """cand.vn since 2025 (`-post<ID>.html`); the same CMS as SGGP."""

    name = "cand.current"
    urls = (UrlRule(r"-post(?P<id>\d{5,})\.html(?:$|\?)"),)
    title_css = "h1.article__title ::text"
    lead_css = "div.article__sapo ::text"
    body_css = "div.article__body p"
    body_exclude = ("figcaption", "figure", ".wrap-btn-share", ".list-share", ".social-share", ".related",
                    ".banner", ".features", ".function")
    author_css = ".article__author ::text"
    date_css = "div.article__meta time::text"
    date_formats = ("%d/%m/%Y %H:%M", "%d/%m/%Y | %H:%M")


class CandLegacyPage(ArticlePage):
    """cand.com.vn until mid-2025 (`-i<ID>/`), box-* classes; date only as visible text."""

    name = "cand.legacy"
    urls = (
        UrlRule(r"-i(?P<id>\d{5,})/?(?:$|\?)"),
        # 2016-era cand.com.vn: `/<Category>/<slug>-<ID>/`, no `i` (`/Hoat-dong-LL-CAND/...-418156/`);
        # the same number as the later `-i<ID>/` and `-post<ID>.html` forms
        UrlRule(r"^https?://[^/]+/[^/?#]+/[^/?#]+-(?P<id>\d{5,})/?(?:$|\?)", hosts=("cand.com.vn", "cand.vn")),
    )
    title_css = "h1.box-title-detail ::text"
    lead_css = "div.box-des-detail ::text"
    body_css = "div.detail-content-body p"
    body_exclude = (".box-detail-thumb", "figure", "figcaption")
    author_css = "div.box-author strong::text"
    date_css = "div.box-date::text"
    date_formats = ("%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M")
    section_css = "ul.uk-breadcrumb li.bc-item:nth-child(2) a::text"
    tags_css = "div.box-tag a::text"


OUTLET = Outlet(
    name="cand",
    title="Báo Công an Nhân dân, cand.vn and the legacy cand.com.vn",
    order=1,
    domains=("cand.vn", "cand.com.vn"),
    pages=(CandCurrentPage, CandLegacyPage),
    sitemap_index="https://cand.vn/sitemap.xml",
    feeds=("https://cand.vn/rss/home.rss",),
    listings=("https://cand.vn/toan-dan-bao-ve-antq", "https://cand.com.vn/Toan-dan-bao-ve-ANTQ/"),
    notes="cand.com.vn redirects to cand.vn; the article id carries over (`-<ID>/` 2016, `-i<ID>/` until "
          "2025, `-post<ID>.html` since): dedupe on it",
)
