"""Báo Công an Nhân dân: cand.vn since 2025, and the legacy cand.com.vn (now redirected to
cand.vn) with its AMP pages. One article keeps its number through the URL forms (`-<ID>/` in
2016, `-i<ID>/` until 2025, `-post<ID>.html` since), so it is stored once under any of them."""

from crawler.outlets import Outlet
from crawler.pages import ArticlePage, UrlRule


class CandCurrentPage(ArticlePage):
    """cand.vn since 2025 (`-post<ID>.html`); the same CMS as SGGP. The sapo is `.article__sapo`
    in a `div` or an `h2`; the visible date is in `.article__meta`."""

    name = "cand.current"
    urls = (UrlRule(r"-post(?P<id>\d{5,})\.html(?:$|\?)"),)
    title_css = (".article__title", ".cms-title")
    lead_css = (".article__sapo", ".cms-desc")
    body_css = (".article__body p", ".cms-body p", "[itemprop='articleBody'] p")
    body_exclude = (".wrap-btn-share", ".list-share", ".social-share", ".wrap-btn-menu", ".banner", ".features",
                    ".function")
    author_css = (".article__author", ".cms-author")
    date_css = (".article__meta time::attr(datetime)", ".article__meta time", ".article__meta .time",
                ".article__date")
    date_formats = ("%d/%m/%Y %H:%M", "%d/%m/%Y | %H:%M")


class CandLegacyPage(ArticlePage):
    """cand.com.vn until mid-2025 (`-i<ID>/`), box-* classes (and the pre-2021 ones after them);
    the date only as visible text."""

    name = "cand.legacy"
    urls = (
        UrlRule(r"-i(?P<id>\d{5,})/?(?:$|\?)", hosts=("cand.com.vn", "cand.vn")),
        # 2016-era cand.com.vn: `/<Category>/<slug>-<ID>/`, no `i` (`/Hoat-dong-LL-CAND/...-418156/`);
        # the same number as the later `-i<ID>/` and `-post<ID>.html` forms
        UrlRule(r"^https?://[^/]+/[^/?#]+/[^/?#]+-(?P<id>\d{5,})/?(?:$|\?)", hosts=("cand.com.vn", "cand.vn")),
    )
    title_css = (".box-title-detail", ".titledetail")
    lead_css = (".box-des-detail", ".desnews")
    body_css = (".detail-content-body p", ".post-content p")
    body_exclude = (".box-detail-thumb",)
    author_css = (".box-author strong", ".box-author")
    date_css = (".box-date", ".timepost")
    date_formats = ("%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M")
    section_css = ("ul.uk-breadcrumb li.bc-item:nth-child(2) a", ".catename > a")
    tags_css = "div.box-tag a::text"


class CandAmpPage(CandLegacyPage):
    """amp.cand.com.vn (`/<Category>/<slug>-i<ID>`, no trailing slash): the legacy article as an
    AMP page; `amp-img` for pictures, the same box-* classes, metadata in JSON-LD."""

    name = "cand.amp"
    urls = (UrlRule(r"-i(?P<id>\d{5,})/?(?:$|\?)", hosts=("amp.cand.com.vn",)),)
    body_exclude = (".box-detail-thumb", "amp-img", "amp-social-share")


OUTLET = Outlet(
    name="cand",
    title="Báo Công an Nhân dân, cand.vn and the legacy cand.com.vn",
    order=1,
    domains=("cand.vn", "cand.com.vn", "amp.cand.com.vn"),
    pages=(CandCurrentPage, CandAmpPage, CandLegacyPage),
    sitemap_index="https://cand.vn/sitemap.xml",
    feeds=("https://cand.vn/rss/home.rss",),
    listings=("https://cand.vn/toan-dan-bao-ve-antq", "https://cand.com.vn/Toan-dan-bao-ve-ANTQ/"),
    notes="cand.com.vn redirects to cand.vn; the article id carries over (`-<ID>/` 2016, `-i<ID>/` until "
          "2025, `-post<ID>.html` since): dedupe on it",
)
