"""Run the spiders in-process (one Twisted reactor), with a live progress display and a
closing summary per outlet: pages fetched, articles stored, skipped, errors."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OUTLET_SPIDERS = ("cand", "sggp", "congan", "thanhuy", "danang")


@dataclass
class OutletResult:
    outlet: str
    pages: int = 0
    stored: int = 0
    unchanged: int = 0
    irrelevant: int = 0
    skipped: int = 0
    outside_window: int = 0
    errors: int = 0
    http_errors: int = 0  # 4xx/5xx pages left after retries (e.g. an article taken down)
    robots_blocked: int = 0
    finish_reason: str = ""


@dataclass
class CrawlSummary:
    outlets: list[OutletResult] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return sum(o.stored for o in self.outlets)

    @property
    def errors(self) -> int:
        return sum(o.errors for o in self.outlets)


def project_settings(db_url: str, overrides: dict[str, Any] | None = None):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("ANTT_DB", db_url, priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(spiders: list[str], db_url: str, *, since: str | None = None, until: str | None = None,
              jobdir: Path | None = None, overrides: dict[str, Any] | None = None,
              progress: bool = True) -> CrawlSummary:
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from scrapy.spiderloader import SpiderLoader

    settings = project_settings(db_url, overrides)
    if not progress:
        settings.set("LOG_LEVEL", "ERROR", priority="cmdline")
    loader = SpiderLoader.from_settings(settings)
    process = CrawlerProcess(settings)
    crawlers = []
    kwargs = {k: v for k, v in (("since", since), ("until", until)) if v}
    for name in spiders:
        cls = loader.load(name)
        if jobdir:
            cls = type(cls.__name__, (cls,), {"custom_settings": {**(cls.custom_settings or {}),
                                                                  "JOBDIR": str(jobdir / name)}})
        crawler = process.create_crawler(cls)
        crawlers.append((name, crawler))
        process.crawl(crawler, **kwargs)

    live = _Live(crawlers) if progress else None
    if live:
        for _, crawler in crawlers:
            crawler.signals.connect(live.update, signal=signals.response_received)
            crawler.signals.connect(live.update, signal=signals.item_scraped)
            crawler.signals.connect(live.update, signal=signals.item_dropped)
        live.start()
    try:
        process.start()
    finally:
        if live:
            live.stop()
    summary = CrawlSummary()
    for name, crawler in crawlers:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        summary.outlets.append(_result(name, stats))
    return summary


def _result(name: str, stats: dict[str, Any]) -> OutletResult:
    errors = stats.get("log_count/ERROR", 0) + stats.get("spider_exceptions/count", 0) + sum(
        v for k, v in stats.items()
        if k.startswith("downloader/exception_type_count/") and not k.endswith("IgnoreRequest"))
    return OutletResult(
        outlet=name,
        pages=stats.get("response_received_count", 0),
        stored=stats.get("antt/articles_stored", 0),
        unchanged=stats.get("antt/articles_unchanged", 0),
        irrelevant=stats.get("antt/irrelevant", 0),
        skipped=stats.get("antt/skipped_known", 0),
        outside_window=stats.get("antt/outside_window", 0),
        errors=errors,
        http_errors=stats.get("httperror/response_ignored_count", 0),
        robots_blocked=stats.get("robotstxt/forbidden", 0),
        finish_reason=str(stats.get("finish_reason", "")),
    )


class _Live:
    """A rich live table on stderr, refreshed as responses and items arrive."""

    def __init__(self, crawlers: list):
        self.crawlers = crawlers
        self.live = None

    def start(self) -> None:
        import sys

        from rich.console import Console
        from rich.live import Live

        if not sys.stderr.isatty():
            return
        self.live = Live(self._table(), console=Console(stderr=True), refresh_per_second=4, transient=True)
        self.live.start()

    def update(self, *args: Any, **kwargs: Any) -> None:
        if self.live:
            self.live.update(self._table())

    def stop(self) -> None:
        if self.live:
            self.live.stop()

    def _table(self):
        from rich.table import Table

        table = Table(title="crawling", show_lines=False)
        for col in ("outlet", "pages", "stored", "irrelevant", "skipped"):
            table.add_column(col, justify="right" if col != "outlet" else "left")
        for name, crawler in self.crawlers:
            s = crawler.stats.get_stats() if crawler.stats else {}
            table.add_row(name, str(s.get("response_received_count", 0)), str(s.get("antt/articles_stored", 0)),
                          str(s.get("antt/irrelevant", 0)), str(s.get("antt/skipped_known", 0)))
        return table
