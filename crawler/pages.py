"""Page objects: the shared machinery. Each outlet layout is one small subclass of
`ArticlePage`, in its outlet's module (`crawler/outlets/<outlet>.py`), with one attribute or
method per field and, on the class, the URL rules that select it (the web-poet idea).

Every field is an ordered list of candidate selectors, written on the outlet's classes
(`.article__sapo`, whatever the tag); the first that gives text wins, and `matched` says
which one did, so a crawl can count how often a layout's selectors still match
(`crawler/layouts.py`). Besides its own candidates a layout gets the generic ones after
them (`h1`, JSON-LD, `og:*`).

What is not the article never reaches the text: captions, related-news blocks ("Tin liên
quan", "Tin khác"), share, print and bookmark bars, comments, tags and bylines are left out
of the body (`FURNITURE`), and so is a paragraph that is only a link.

The publication date comes from the article itself, in this order: JSON-LD `datePublished`,
`article:published_time` and its kin, the layout's date element (parsed with its formats,
then as a Vietnamese dateline), then the dateline next to the title. Page furniture
(header clocks, "today" lines, related lists, comments) is never read. A date after the
fetch time or outside what the URL or sitemap says is rejected and the next candidate
tried (`crawler/datelines.py`); with none left the page stays undated.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from parsel import Selector

from crawler.datelines import DateCheck, read_date, url_window
from nlp.dates import VN_TZ

TZ = VN_TZ
_SPACES = re.compile(r"\s+")

# Class fragments and tags of what sits in or around an article and is not part of it.
FURNITURE_TAGS = ("figure", "figcaption", "aside", "nav", "header", "footer", "form", "script", "style",
                  "noscript", "button", "iframe", "template")
FURNITURE_CLASSES = ("caption", "related", "relate-", "lien-quan", "lienquan", "tin-khac", "tinkhac", "same-cate",
                     "share", "social", "comment", "binh-luan", "print", "bookmark", "toolbar", "article-tools",
                     "box-tag", "article__tag", "tags", "banner", "advert", "quangcao", "readmore", "read-more",
                     "xem-them", "most-read", "doc-nhieu", "newsletter", "subscribe", "breadcrumb")
# Dates of the page, not the article: header clocks and "today" lines.
CLOCK_CLASSES = ("top-date", "date-now", "today", "clock", "current-date", "weather", "calendar")
# A paragraph opening a related-news block, or a share or print bar, in the body.
FURNITURE_TEXT = re.compile(r"^(?:tin liên quan|tin khác|tin cùng chuyên mục|bài liên quan|xem thêm|đọc thêm|"
                            r"chia sẻ|in bài|lưu bài|bình luận|ý kiến bạn đọc)\b\s*:?", re.IGNORECASE)


def clean(text: str | None) -> str:
    """Whitespace runs as one space, trimmed."""
    return _SPACES.sub(" ", text or "").strip()


def css_class_xpath(css: str) -> str:
    """An XPath test for a `.class` or a tag name."""
    if css.startswith("."):
        return f"contains(concat(' ', normalize-space(@class), ' '), ' {css[1:]} ')"
    return f"self::{css}"


def _furniture_test(extra: tuple[str, ...] = (), classes: tuple[str, ...] = FURNITURE_CLASSES) -> str:
    tests = [f"self::{t}" for t in FURNITURE_TAGS]
    tests += [f"contains(@class, '{c}')" for c in classes]
    tests += [css_class_xpath(c) for c in extra]
    return f"ancestor::body and ({' or '.join(tests)})"  # the <body>'s own classes say nothing


_TEXT = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"


def node_text(node) -> str:
    """An element's text (scripts aside), whitespace cleaned."""
    return clean(" ".join(node.xpath(_TEXT).getall()))


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
    matched: dict[str, str] = field(default_factory=dict)  # field -> the candidate that gave it
    rejected_dates: list[str] = field(default_factory=list)  # "value (candidate): why"

    def __post_init__(self):
        if self.text is None:
            self.text = "\n\n".join(p for p in [self.title, self.lead, *self.body] if p)


Candidates = tuple[str, ...]


def _as_tuple(value: str | Candidates | None) -> Candidates:
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


class ArticlePage:
    """Base page object. A layout sets `urls` (the rules of the article URLs it reads, tried in
    order) and, per field, its candidate selectors, best first: CSS selectors of elements
    (their text is read), `...::attr(name)` for an attribute, `ld:key` for the article's
    JSON-LD. The generic candidates (`GENERIC_*`) are tried after the layout's own."""

    name = "generic"
    urls: tuple[UrlRule, ...] = ()
    title_css: str | Candidates = ()
    lead_css: str | Candidates = ()
    body_css: str | Candidates = ()  # paragraph selectors: `.article__body p`
    body_exclude: tuple[str, ...] = ()  # the layout's own furniture, besides FURNITURE_*
    date_css: str | Candidates = ()  # the layout's date elements (or `time::attr(datetime)`)
    date_formats: tuple[str, ...] = ()
    author_css: str | Candidates = ()
    section_css: str | Candidates = ()
    tags_css: str | None = None
    lead_prefixes = (r"^\(CAO\)\s*-?\s*", r"^\(QNO\)\s*-\s*", r"^\(Thanhuytphcm\.vn\)\s*-\s*")
    org_bylines = ("Công an Nhân dân", "CAND")

    GENERIC_TITLE: Candidates = ("h1", "meta[property='og:title']::attr(content)", "ld:headline")
    GENERIC_LEAD: Candidates = ()
    GENERIC_DATE_META: Candidates = (
        "ld:datePublished", "meta[property='article:published_time']::attr(content)",
        "meta[itemprop='datePublished']::attr(content)", "[itemprop='datePublished']::attr(datetime)",
        "meta[name='pubdate']::attr(content)", "meta[name='publishdate']::attr(content)",
        "meta[property='og:published_time']::attr(content)")

    def __init__(self, html: str | bytes, url: str | None, *, fetched: datetime | None = None,
                 windows: tuple = ()):
        self.html = html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html
        self.url = url
        self.sel = Selector(text=self.html)
        window = url_window(url)
        self.check = DateCheck(fetched or datetime.now(VN_TZ), (*windows, *([window] if window else [])))
        self.matched: dict[str, str] = {}
        self.rejected_dates: list[str] = []
        self._furniture = _furniture_test(self.body_exclude)
        self._clocks = _furniture_test(self.body_exclude, FURNITURE_CLASSES + CLOCK_CLASSES)
        self._body_cache: list | None = None

    # -- candidates ---------------------------------------------------------------------
    def _values(self, candidate: str, furniture: bool | str = True) -> list[tuple[str, object]]:
        """(text, node or None) for each match of one candidate, furniture left out (unless
        `furniture` is False: a byline or a breadcrumb is read where it is; an XPath test
        instead of True: other furniture, e.g. clocks for dates)."""
        if candidate.startswith("ld:"):
            value = self._ld(candidate[3:])
            return [(value, None)] if value else []
        if "::attr(" in candidate:
            return [(clean(v), None) for v in self.sel.css(candidate).getall() if clean(v)]
        out = []
        for node in self.sel.css(candidate):
            test = furniture if isinstance(furniture, str) else self._furniture
            if furniture and node.xpath(f"ancestor-or-self::*[{test}]"):
                continue
            text = node_text(node)
            if text:
                out.append((text, node))
        return out

    def first(self, field_name: str, candidates: Candidates, furniture: bool = True) -> tuple[str | None, object]:
        """The first candidate's text (its first match), recorded in `matched`."""
        for candidate in candidates:
            found = self._values(candidate, furniture)
            if found:
                self.matched[field_name] = candidate
                return found[0]
        return None, None

    # -- fields -------------------------------------------------------------------------
    def title(self) -> str | None:
        text, node = self.first("title", (*_as_tuple(self.title_css), *self.GENERIC_TITLE))
        self._title_node = node
        return text

    def lead(self) -> str | None:
        text, _ = self.first("lead", (*_as_tuple(self.lead_css), *self.GENERIC_LEAD))
        text = text or ""
        for rx in self.lead_prefixes:
            text = re.sub(rx, "", text)
        return text or None

    def body_nodes(self) -> list:
        """The body's paragraphs (nodes): the first candidate giving any, furniture left out."""
        if self._body_cache is not None:
            return self._body_cache
        self._body_cache = []
        for candidate in _as_tuple(self.body_css):
            kept = [p for p in self.sel.css(candidate) if self._body_paragraph(p)]
            if kept:
                self.matched["body"] = candidate
                self._body_cache = kept
                break
        return self._body_cache

    def _body_paragraph(self, p) -> bool:
        if p.xpath(f"ancestor-or-self::*[{self._furniture}]"):
            return False
        text = node_text(p)
        if not text or FURNITURE_TEXT.match(text):
            return False
        links = clean(" ".join(p.xpath(".//a//text()").getall()))
        return not (links and len(links) >= 0.9 * len(text))  # a related story's link, not a paragraph

    def body(self) -> list[str]:
        return [node_text(p) for p in self.body_nodes()]

    def published(self) -> datetime | str | None:
        """The first believable date of the article's own: metadata, the layout's date
        element, the dateline next to the title."""
        for candidate in (*self.GENERIC_DATE_META, *_as_tuple(self.date_css), "dateline"):
            found = ([self.dateline()] if candidate == "dateline"
                     else [t for t, _ in self._values(candidate, self._clocks)[:1]])
            accepted = self._believable(candidate, found[0]) if found and found[0] else None
            if accepted is not None:
                self.matched["published"] = candidate
                return accepted
        return None

    def _believable(self, candidate: str, text: str) -> datetime | str | None:
        """The date `text` states, unless the checks reject it (noted in `rejected_dates`)."""
        found = read_date(text, self.date_formats)
        problem = self.check.problem(found) if found is not None else None
        if problem:
            self.rejected_dates.append(f"{text} ({candidate}): {problem}")
            return None
        return found

    def dateline(self, reach: int = 40) -> str | None:
        """The first date shown right after the title (or just before it, beside it), before
        the body starts, outside the page's furniture and clocks."""
        if not hasattr(self, "_title_node"):
            self.title()
        title = self._title_node if self._title_node is not None else (self.sel.css("h1") or [None])[0]
        if title is None:
            return None
        stop = {p.root for p in self.body_nodes()}
        clock = self._clocks
        for t in title.root.xpath("following::text()")[:reach]:
            parent = t.getparent()
            if parent is None:
                continue
            if any(a in stop for a in (parent, *parent.iterancestors())):
                break
            if parent.xpath(f"ancestor-or-self::*[{clock}]") or read_date(t) is None:
                continue
            return clean(t)
        for node in reversed(title.root.xpath("preceding-sibling::*")[-3:]):
            text = clean(" ".join(node.xpath(_TEXT)))
            if len(text) <= 80 and not node.xpath(f"ancestor-or-self::*[{clock}]") and read_date(text):
                return text
        return None

    def author(self) -> str | None:
        name, _ = self.first("author", (*_as_tuple(self.author_css), "ld:author"), furniture=False)
        name = (name or "").strip(" -")
        return None if not name or name in self.org_bylines else name

    def section(self) -> str | None:
        found, _ = self.first("section", (*_as_tuple(self.section_css),
                                          "meta[property='article:section']::attr(content)"), furniture=False)
        return found

    def tags(self) -> list[str]:
        tags = self.sel.css(self.tags_css).getall() if self.tags_css else []
        tags = tags or self.sel.css('meta[property="article:tag"]::attr(content)').getall()
        return [clean(t) for t in tags if clean(t)]

    # -- all fields, with the trafilatura fallback -----------------------------------------
    def parse(self) -> ParsedArticle:
        title, lead, body = self.title(), self.lead(), self.body()
        extractor = self.name
        if not body:
            import trafilatura

            text = trafilatura.extract(self.html, url=self.url, include_comments=False, include_tables=False) or ""
            body = [p.strip() for p in text.split("\n") if p.strip()]
            # a layout without body selectors reads the body by trafilatura by design
            extractor = f"{self.name}/trafilatura" if _as_tuple(self.body_css) else "trafilatura"
        if lead and body and clean(body[0]) == lead:
            body = body[1:]  # the lead repeated as the body's first paragraph
        if body and title and clean(body[0]) == title:
            body = body[1:]
        published = self.published()
        return ParsedArticle(title, lead, body, published, self.author(), self.section(), self.tags(), extractor,
                             matched=dict(self.matched), rejected_dates=list(self.rejected_dates))

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
            items = data if isinstance(data, list) else [data]
            items += [g for i in list(items) if isinstance(i, dict) for g in i.get("@graph", []) or []]
            for item in items:
                if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                    value = item.get(key)
                    if isinstance(value, dict):
                        value = value.get("name")
                    if isinstance(value, list) and value:
                        value = value[0].get("name") if isinstance(value[0], dict) else value[0]
                    if value:
                        return clean(str(value))
        return None
