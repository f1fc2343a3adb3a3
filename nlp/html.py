"""Article pages to articles: trafilatura for text and metadata, htmldate as the date fallback.

Per-outlet page objects (the crawler's) come first when the outlet is known; this generic
path serves `antt extract page.html` and outlets without a page object.
"""

from __future__ import annotations

from core.records import Article
from core.urls import outlet_of
from nlp.dates import parse_published


def article_from_html(raw: bytes, url: str | None = None) -> Article:
    import trafilatura
    from htmldate import find_date

    html = raw.decode("utf-8", errors="replace")
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    title = getattr(doc, "title", None) if doc is not None else None
    page_url = url or (getattr(doc, "url", None) if doc is not None else None)
    date = getattr(doc, "date", None) if doc is not None else None
    if not date:
        date = find_date(html, extensive_search=False, original_date=True)
    lead = getattr(doc, "description", None) if doc is not None else None
    body = text
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}" if body else title
    return Article(url=page_url, text=body, title=title, outlet=outlet_of(page_url),
                   published=parse_published(date) if date else None, lead=lead,
                   author=getattr(doc, "author", None) if doc is not None else None,
                   raw_html=raw, html_extractor="trafilatura")
