"""Page objects: the shared machinery. Each outlet layout is one small subclass of
`ArticlePage`, in its outlet's module (`crawler/outlets/<outlet>.py`), with one attribute or
method per field and, on the class, the URL rules that select it (the web-poet idea).

Dates are read in this order: `article:published_time` / JSON-LD, then the visible date with
the layout's explicit formats, then htmldate (`extensive_search=False`); all parsed by
`nlp.dates`. When a layout's selectors find no body, trafilatura extracts it and `extractor`
says so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from parsel import Selector

from nlp.dates import VN_TZ, parse_iso, parse_visible

TZ = VN_TZ
_SPACES = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """Whitespace runs as one space, trimmed."""
    return _SPACES.sub(" ", text or "").strip()


@dataclass(frozen=True)
class UrlRule:
    """Article URLs matching `regex` (group `id` = the outlet's article id) on `hosts`.

    `id_prefix` keeps apart id sequences of one outlet that can overlap: an article id is the
    dedupe key of its outlet, so two CMSs numbering from the same range need a namespace."""

    regex: str
    hosts: tuple[str, ...] = ()
    id_prefix: str = ""

    def match(self, url: str) -> str | None:
        m = re.search(self.regex, url)
        if not m:
            return None
        if self.hosts and not any(f"//{h}/" in url or f"//www.{h}/" in url for h in self.hosts):
            return None
        return self.id_prefix + m["id"]


@dataclass
class ParsedArticle:
    title: str | None
    lead: str | None
    body: list[str]
    published: datetime | str | None  # str: what a page without a time gives (`YYYY-MM-DD`, `YYYY-MM`, ISO)
    author: str | None
    section: str | None
    tags: list[str]
    extractor: str
    text: str | None = None  # the article's text: title, lead and body, unless the page composes it
    url: str | None = None  # the URL the page states, for a page read without one

    def __post_init__(self):
        if self.text is None:
            self.text = "\n\n".join(p for p in [self.title, self.lead, *self.body] if p)


class ArticlePage:
    """Base page object; subclasses set selectors and date formats, and `urls`: the rules of
    the article URLs this layout reads (in the order they are tried)."""

    name = "generic"
    urls: tuple[UrlRule, ...] = ()
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
        t = clean(" ".join(self.sel.css(self.title_css).getall()))
        return t or clean(self.sel.css('meta[property="og:title"]::attr(content)').get()) or self._ld("headline")

    def lead(self) -> str | None:
        if not self.lead_css:
            return None
        text = clean(" ".join(self.sel.css(self.lead_css).getall()))
        for rx in self.lead_prefixes:
            text = re.sub(rx, "", text)
        return text or None

    def body(self) -> list[str]:
        out = []
        for p in self.sel.css(self.body_css):
            if any(p.xpath(f"ancestor-or-self::*[{css_class_xpath(c)}]") for c in self.body_exclude):
                continue
            text = clean(" ".join(p.css("::text").getall()))
            if text:
                out.append(text)
        return out

    def published(self) -> datetime | None:
        meta = self.sel.css('meta[property="article:published_time"]::attr(content)').get() or self._ld("datePublished")
        found = parse_iso(meta) if meta else None
        if found is None and self.date_css:
            found = parse_visible(clean(" ".join(self.sel.css(self.date_css).getall())), self.date_formats)
        if found is None:
            from htmldate import find_date

            day = find_date(self.html, extensive_search=False, original_date=True, url=self.url)
            found = parse_iso(day) if day else None
        return found

    def author(self) -> str | None:
        name = clean(" ".join(self.sel.css(self.author_css).getall())) if self.author_css else ""
        name = name or (self._ld("author") or "")
        name = name.strip(" -")
        return None if not name or name in self.org_bylines else name

    def section(self) -> str | None:
        if self.section_css:
            return clean(self.sel.css(self.section_css).get()) or None
        return clean(self.sel.css('meta[property="article:section"]::attr(content)').get()) or None

    def tags(self) -> list[str]:
        tags = self.sel.css(self.tags_css).getall() if self.tags_css else []
        tags = tags or self.sel.css('meta[property="article:tag"]::attr(content)').getall()
        return [clean(t) for t in tags if clean(t)]

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

    @classmethod
    def article_id(cls, url: str) -> str | None:
        """The outlet's article id when `url` is an article URL this layout reads."""
        for rule in cls.urls:
            found = rule.match(url)
            if found:
                return found
        return None

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


def css_class_xpath(css: str) -> str:
    """An XPath test for a `.class` or a tag name."""
    if css.startswith("."):
        return f"contains(concat(' ', normalize-space(@class), ' '), ' {css[1:]} ')"
    return f"self::{css}"
