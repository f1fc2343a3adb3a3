"""`scrapy crawl`, exiting with status 1 when the spider could read no page at all.

Scrapy's own command exits 0 whatever happened; with no network a crawl "finished" with
every request failed. The closing summary (failures by reason) comes from CrawlOutcome.
"""

from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from crawler.outcome import nothing_fetched


class Command(ScrapyCrawl):
    def run(self, args, opts) -> None:
        if len(args) != 1:
            raise UsageError("give one spider name" if not args else
                             "running 'scrapy crawl' with more than one spider is not supported")
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        elif crawler.stats is not None and nothing_fetched(crawler.stats.get_stats()):
            self.exitcode = 1
