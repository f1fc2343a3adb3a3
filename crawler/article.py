"""From an article page to an `Article`: the one HTML-to-article path, for the spiders and for
a saved page (`antt extract PAGE.html`).

A saved page is read by its outlet's layout when it states its URL (canonical link, else
`og:url`) and an outlet's URL rules take it; else by the layout whose own title and body
selectors match its markup; otherwise by trafilatura (`SavedPage`).
"""

from __future__ import annotations

from datetime import datetime

from parsel import Selector

from core.records import Article
from core.urls import is_web_url, outlet_of
from crawler.pages import ParsedArticle


def to_article(parsed: ParsedArticle, url: str | None, raw_html: bytes | None, *, source: str | None = None,
               source_id: str | None = None) -> Article:
    """The article a page object read, as the store keeps it."""
    published = parsed.published.isoformat() if isinstance(parsed.published, datetime) else parsed.published
    return Article(url=url, text=parsed.text, title=parsed.title, outlet=outlet_of(url), published=published,
                   lead=parsed.lead, author=parsed.author, section=parsed.section, tags=parsed.tags,
                   raw_html=raw_html, html_extractor=parsed.extractor, source=source, source_id=source_id)


def stated_url(html: str) -> str | None:
    """The URL a page states for itself: its canonical link, else `og:url` (http(s) only)."""
    sel = Selector(text=html)
    for found in (sel.css('link[rel~="canonical"]::attr(href)').get(),
                  sel.css('meta[property="og:url"]::attr(content)').get()):
        if found and is_web_url(found.strip()):
            return found.strip()
    return None


def article_from_html(html: str | bytes, raw_html: bytes | None = None) -> Article:
    """A saved page (text, or UTF-8 bytes): its outlet's layout when the URL it states is one
    of an outlet's article URLs, else the layout its markup matches, else trafilatura."""
    from crawler.outlets import layout_by_markup, layout_for
    from crawler.outlets.news import SavedPage

    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    url = stated_url(html)
    found = layout_for(url) if url else None
    if found is None:
        page = layout_by_markup(html)
        if page is not None:
            return to_article(page(html, url).parse(), url, raw_html)
        parsed = SavedPage(html, None).parse()
        return to_article(parsed, parsed.url, raw_html)
    _, _, page = found
    return to_article(page(html, url).parse(), url, raw_html)
