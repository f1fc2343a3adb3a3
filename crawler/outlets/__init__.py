"""The outlets, one module each: `crawler/outlets/<name>.py` holds everything known of one
outlet (domains, discovery: sitemaps, feeds, listings, APIs, tag and search pages; and its
page objects, one per layout, each carrying the URL rules that select it) and sets
`OUTLET = Outlet(...)`. This registry collects them; the spiders (`crawler/spiders/outlets.py`),
`antt crawl` and its help are built from it.

Adding an outlet is adding a module here and its fixtures (`tests/fixtures/pages/<name>/<layout>/`).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from crawler.pages import ArticlePage


@dataclass(frozen=True)
class Outlet:
    """One outlet: what its spider discovers and how its article pages are read."""

    name: str  # the spider's name and the stored articles' `source`
    title: str  # who it is, for `scrapy list` docstrings and `antt crawl --help`
    domains: tuple[str, ...]
    pages: tuple[type[ArticlePage], ...]  # layouts, tried in this order on an article URL
    order: int = 100  # position in `antt crawl` (its default run, tables and help)
    sitemap_index: str | None = None  # lists monthly news sitemaps `.../news-YYYY-M.xml`
    feeds: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    listing_api: str | None = None  # JSON listing API, `{page}` placeholder
    topic_pages: tuple[str, ...] = ()  # tag or search pages for topic terms
    any_site: bool = False  # reads whatever it is given (`news`): not in `antt crawl`, never chosen by URL
    spider_mixin: Any = None  # a class whose methods override the spider's (the `news` discovery)
    notes: str = field(default="", compare=False)

    def serves(self, url: str) -> bool:
        """Is `url` on one of the outlet's domains (`www.` or not)?"""
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        return host in {d.removeprefix("www.") for d in self.domains}

    def article_id(self, url: str) -> tuple[str, type[ArticlePage]] | None:
        """(article id, page object class) when `url` is one of this outlet's article URLs."""
        for page in self.pages:
            found = page.article_id(url)
            if found:
                return found, page
        return None


@lru_cache(maxsize=1)
def _registry() -> dict[str, Outlet]:
    found: list[Outlet] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        outlet = getattr(module, "OUTLET", None)
        if not isinstance(outlet, Outlet):
            raise TypeError(f"{module.__name__} sets no OUTLET = Outlet(...)")
        found.append(outlet)
    found.sort(key=lambda o: (o.order, o.name))
    return {o.name: o for o in found}


def all_outlets() -> list[Outlet]:
    """Every registered outlet, in `order`."""
    return list(_registry().values())


def get(name: str) -> Outlet:
    """The outlet named `name` (KeyError when there is none)."""
    return _registry()[name]


def crawl_names() -> list[str]:
    """The outlets `antt crawl` runs by default: every one with its own sites."""
    return [o.name for o in all_outlets() if not o.any_site]


def layout_for(url: str) -> tuple[Outlet, str, type[ArticlePage]] | None:
    """(outlet, article id, page object class) of the outlet with its own sites that serves
    `url`, when its URL rules take it."""
    for outlet in all_outlets():
        if outlet.any_site or not outlet.serves(url):
            continue
        found = outlet.article_id(url)
        if found:
            return outlet, *found
    return None


def layout_by_markup(html: str) -> type[ArticlePage] | None:
    """The first layout whose own title and body selectors both match `html`: how a saved page
    that states no URL an outlet knows is still read by its layout (outlets sharing a CMS,
    like cand.vn and SGGP, give the first of them)."""
    from crawler.layouts import found_by_layout

    for outlet in all_outlets():
        if outlet.any_site:
            continue
        for page_cls in outlet.pages:
            page = page_cls(html, None)
            page.title()
            if page.body_nodes() and found_by_layout(page_matched(page))["title"]:
                return page_cls
    return None


def page_matched(page: ArticlePage):
    """A page's matches so far, as a ParsedArticle for `crawler.layouts.found_by_layout`."""
    from crawler.pages import ParsedArticle

    return ParsedArticle(None, None, [], None, None, None, [], page.name, matched=dict(page.matched))
