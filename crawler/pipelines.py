"""Item pipeline: crawled articles into the store.

Every fetched article page is remembered as seen (so it is never fetched again) and stored:
the pages the topic filter finds relevant with their raw HTML, the off-topic ones as text only
(`relevant` false), so that `antt build` re-judges them when the filter changes without
fetching them again.
"""

from __future__ import annotations

from dataclasses import replace

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from core.records import Article
from core.store import Store
from nlp.relevance import filter_version, is_relevant


class StorePipeline:
    def __init__(self, db_url: str, stats):
        self.db_url = db_url
        self.stats = stats
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler):
        db_url = crawler.settings.get("ANTT_DB")
        if not db_url:
            raise NotConfigured("no ANTT_DB")
        return cls(db_url, crawler.stats)

    def open_spider(self, spider=None):
        self.store = Store.open(self.db_url)

    def close_spider(self, spider=None):
        if self.store:
            self.store.close()

    def process_item(self, item, spider=None):
        article = item if isinstance(item, Article) else Article(**ItemAdapter(item).asdict())
        relevant = is_relevant(article.text, title=article.title)
        assert self.store is not None
        # an outlet that moved: its article under the current domain, whichever form came first
        outlet = getattr(spider, "outlet", None)
        home = outlet.domains[0] if outlet is not None and getattr(outlet, "domains", None) else None
        if relevant:
            article_id, changed = self.store.upsert_article(article, prefer_host=home)
            self.stats.inc_value("antt/articles_stored" if changed else "antt/articles_unchanged")
        else:
            article_id, _ = self.store.upsert_article(replace(article, raw_html=None), prefer_host=home)
        self.store.set_relevance(article_id, relevant, filter_version())
        self.store.mark_seen(article.source or "", article.source_id or article.url, article.url, relevant)
        if not relevant:
            self.stats.inc_value("antt/irrelevant")
            raise DropItem(f"not about community security models: {article.url}")
        return item
