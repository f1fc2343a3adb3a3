"""Page objects: one small class per outlet layout, one method per field.

A layout change touches one class. Selectors live here, apart from the crawling logic.
Dates are read in this order: `article:published_time` / JSON-LD, then the visible date with
the layout's explicit formats, then htmldate (`extensive_search=False`). When a layout's
selectors find no body, trafilatura extracts it and `extractor` says so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from parsel import Selector

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_SPACES = re.compile(r"\s+")


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


@dataclass
class ParsedArticle:
    title: str | None
    lead: str | None
    body: list[str]
    published: datetime | None
    author: str | None
    section: str | None
    tags: list[str]
    extractor: str


class ArticlePage:
    """Base page object; subclasses set selectors and date formats."""

    name = "generic"
    title_css = "h1::text"
    lead_css: str | None = None
    body_css: str = "article p"
    body_exclude = ("figcaption", ".caption", ".img-caption", ".author", ".author-detail", "figure")
    date_css: str | None = None
    date_formats: tuple[str, ...] = ()
    author_css: str | None = None
    section_css: str | None = None
    tags_css: str | None = None
    lead_prefixes = (r"^\(CAO\)\s*-?\s*", r"^\(QNO\)\s*-\s*", r"^\(Thanhuytphcm\.vn\)\s*-\s*")
    org_bylines = ("Công an Nhân dân", "CAND")

    def __init__(self, html: str | bytes, url: str):
        self.html = html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html
        self.url = url
        self.sel = Selector(text=self.html)

    # -- fields -------------------------------------------------------------------------
    def title(self) -> str | None:
        t = _clean(" ".join(self.sel.css(self.title_css).getall()))
        return t or _clean(self.sel.css('meta[property="og:title"]::attr(content)').get()) or self._ld("headline")

    def lead(self) -> str | None:
        if not self.lead_css:
            return None
        text = _clean(" ".join(self.sel.css(self.lead_css).getall()))
        for rx in self.lead_prefixes:
            text = re.sub(rx, "", text)
        return text or None

    def body(self) -> list[str]:
        out = []
        for p in self.sel.css(self.body_css):
            if any(p.xpath(f"ancestor-or-self::*[{_css_class_xpath(c)}]") for c in self.body_exclude):
                continue
            text = _clean(" ".join(p.css("::text").getall()))
            if text:
                out.append(text)
        return out

    def published(self) -> datetime | None:
        meta = self.sel.css('meta[property="article:published_time"]::attr(content)').get() or self._ld("datePublished")
        if meta:
            try:
                dt = datetime.fromisoformat(meta.strip().replace("Z", "+00:00"))
                return dt if dt.tzinfo else dt.replace(tzinfo=TZ)
            except ValueError:
                pass
        if self.date_css:
            raw = _clean(" ".join(self.sel.css(self.date_css).getall())).strip(" |")
            raw = re.sub(r"^(?:Thứ \w+|Chủ [Nn]hật),\s*", "", raw)
            for fmt in self.date_formats:
                try:
                    return datetime.strptime(raw, fmt).replace(tzinfo=TZ)
                except ValueError:
                    continue
        from htmldate import find_date

        found = find_date(self.html, extensive_search=False, original_date=True, url=self.url)
        return datetime.fromisoformat(found).replace(tzinfo=TZ) if found else None

    def author(self) -> str | None:
        name = _clean(" ".join(self.sel.css(self.author_css).getall())) if self.author_css else ""
        name = name or (self._ld("author") or "")
        name = name.strip(" -")
        return None if not name or name in self.org_bylines else name

    def section(self) -> str | None:
        if self.section_css:
            return _clean(self.sel.css(self.section_css).get()) or None
        return _clean(self.sel.css('meta[property="article:section"]::attr(content)').get()) or None

    def tags(self) -> list[str]:
        tags = self.sel.css(self.tags_css).getall() if self.tags_css else []
        tags = tags or self.sel.css('meta[property="article:tag"]::attr(content)').getall()
        return [_clean(t) for t in tags if _clean(t)]

    # -- all fields, with the trafilatura fallback -----------------------------------------
    def parse(self) -> ParsedArticle:
        body = self.body()
        extractor = self.name
        if not body:
            import trafilatura

            text = trafilatura.extract(self.html, url=self.url, include_comments=False, include_tables=False) or ""
            body = [p.strip() for p in text.split("\n") if p.strip()]
            extractor = "trafilatura"
        return ParsedArticle(self.title(), self.lead(), body, self.published(), self.author(), self.section(),
                             self.tags(), extractor)

    def _ld(self, key: str) -> str | None:
        for raw in self.sel.css('script[type="application/ld+json"]::text').getall():
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            for item in data if isinstance(data, list) else [data]:
                if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                    value = item.get(key)
                    if isinstance(value, dict):
                        value = value.get("name")
                    if isinstance(value, list) and value:
                        value = value[0].get("name") if isinstance(value[0], dict) else value[0]
                    if value:
                        return str(value)
        return None


def _css_class_xpath(css: str) -> str:
    if css.startswith("."):
        return f"contains(concat(' ', normalize-space(@class), ' '), ' {css[1:]} ')"
    return f"self::{css}"


class CandCurrentPage(ArticlePage):
    """cand.vn since 2025 (`-post<ID>.html`); the same CMS as SGGP."""

    name = "cand.current"
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
    title_css = "h1.box-title-detail ::text"
    lead_css = "div.box-des-detail ::text"
    body_css = "div.detail-content-body p"
    body_exclude = (".box-detail-thumb", "figure", "figcaption")
    author_css = "div.box-author strong::text"
    date_css = "div.box-date::text"
    date_formats = ("%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M")
    section_css = "ul.uk-breadcrumb li.bc-item:nth-child(2) a::text"
    tags_css = "div.box-tag a::text"


class SggpPage(CandCurrentPage):
    name = "sggp"
    tags_css = "div.article__tag a::text"


class CongAnPage(ArticlePage):
    """congan.com.vn (`_<ID>.html`); the sapo starts with "(CAO)"."""

    name = "congan"
    title_css = "h1.title-detail ::text"
    lead_css = "div.sapo-detail ::text"
    body_css = "div.noi-dung p"
    body_exclude = (".img-caption", ".author-detail")
    author_css = "p.author-detail::text"
    date_css = "span.date-detail::text"
    date_formats = ("%d/%m/%Y %H:%M",)


class ThanhUyPage(ArticlePage):
    """thanhuytphcm.vn (`/tin-tuc/<slug>-<10 digits>`); the sapo starts with "(Thanhuytphcm.vn) -"."""

    name = "thanhuy"
    title_css = "h1.title ::text"
    lead_css = "div.summary ::text"
    body_css = "div.content-detail p"
    body_exclude = (".author",)
    author_css = "p.author::text"
    date_css = "span.time::text"
    date_formats = ("%d/%m/%Y %H:%M",)


class DaNangCurrentPage(ArticlePage):
    """baodanang.vn after the 2025 merger ("sc-longform" CMS)."""

    name = "danang.current"
    title_css = "h1.sc-longform-header-title ::text"
    lead_css = "p.sc-longform-header-sapo ::text"
    body_css = "div.entry p, article.entry p"
    body_exclude = ("figure",)
    author_css = ".sc-longform-header-author::text"
    date_css = "span.sc-longform-header-date::text"
    date_formats = ("%d/%m/%Y - %H:%M", "%d/%m/%Y %H:%M")


class DaNangLegacyPage(ArticlePage):
    """baodanang.vn before the 2025 merger, its own CMS (`/<section>/<yyyymm>/<slug>-<ID>/`).

    The text is the paragraphs of `div.col-content`; a public crawler of it drops the first one
    (the sapo, in bold) and the last, right-aligned one (the byline), so they are the lead and
    the author here. The visible date in `div.date` reads `HH:MM dd/mm/YYYY` (Vietnam time).
    """

    name = "danang.legacy"
    title_css = "h1 ::text"
    lead_css = "div.sapo ::text"
    body_css = "div.col-content p"
    body_exclude = ("figure", "figcaption", ".caption", ".author", "table")
    date_css = "div.date ::text"
    date_formats = ("%H:%M %d/%m/%Y", "%H:%M, %d/%m/%Y", "%H:%M - %d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y")
    _right = "contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'), 'text-align:right')"

    def _lead_p(self):
        """The first paragraph, when it is all bold: the sapo of this layout."""
        first = self.sel.css("div.col-content p")[:1]
        if not first:
            return None
        p = first[0]
        whole = _clean(" ".join(p.css("::text").getall()))
        bold = _clean(" ".join(p.css("strong ::text, b ::text").getall()))
        return p if whole and whole == bold else None

    def lead(self) -> str | None:
        text = super().lead()
        if text:
            return text
        p = self._lead_p()
        return _clean(" ".join(p.css("::text").getall())) if p is not None else None

    def body(self) -> list[str]:
        paragraphs = [p for p in self.sel.css(self.body_css) if not p.xpath(f"self::*[{self._right}]")
                      and not any(p.xpath(f"ancestor-or-self::*[{_css_class_xpath(c)}]") for c in self.body_exclude)]
        lead = self._lead_p()
        if lead is not None and not super().lead() and paragraphs and paragraphs[0].root is lead.root:
            paragraphs = paragraphs[1:]
        return [t for t in (_clean(" ".join(p.css("::text").getall())) for p in paragraphs) if t]

    def author(self) -> str | None:
        right = self.sel.xpath(f"//div[contains(concat(' ', normalize-space(@class), ' '), ' col-content ')]"
                               f"//p[{self._right}]")
        name = _clean(" ".join(right[-1].css("::text").getall())) if right else ""
        return name or super().author()


class BaoQuangNamPage(ArticlePage):
    """baoquangnam.vn before the merger; the sapo starts with "(QNO) -"."""

    name = "baoquangnam.legacy"
    title_css = "article h1 ::text"
    lead_css = "div.chapeau ::text"
    body_css = "div.body-content p"
    body_exclude = (".caption", ".author")
    author_css = "div.body-content p.author strong::text"
    date_css = "div.meta span.date::text"
    date_formats = ("%d/%m/%Y %H:%M",)


class GenericPage(ArticlePage):
    """Any outlet: trafilatura for the body (no layout selectors), metadata from meta tags."""

    name = "generic"
    body_css = "__none__"

    def lead(self) -> str | None:
        return _clean(self.sel.css('meta[property="og:description"]::attr(content)').get()) or None
