"""Run the spiders in-process (one Twisted reactor), with a live progress display and a
closing summary per outlet: pages read, articles stored, skipped, failed URLs by reason, and
per layout how often its selectors matched, with the layouts that stopped matching.

Scrapy's log goes to a file (`OUTPUT/logs/crawl-<time>.log`), never to the terminal; the
outcome, with every failed URL and its reason, to `crawl-<time>.json` beside it.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from crawler.outlets import crawl_names

OUTLET_SPIDERS = tuple(crawl_names())  # every outlet of the registry (crawler/outlets/) with its own sites
# `antt crawl`'s exit status when a layout stopped matching its pages (1: an outlet could not be
# read at all; 2: bad arguments).
EXIT_LAYOUT_CHANGED = 3


@dataclass
class OutletResult:
    outlet: str
    pages: int = 0
    stored: int = 0
    unchanged: int = 0
    irrelevant: int = 0
    skipped: int = 0
    outside_window: int = 0
    no_text: int = 0  # article pages read whose layout gave no title or body
    failures: dict[str, int] = field(default_factory=dict)  # failed URLs by reason
    failed_urls: list[dict[str, str]] = field(default_factory=list)
    finish_reason: str = ""
    # outlet/layout -> pages, fields found: the counts the alarm judged, whose `layouts_judged` says:
    # "worker" (this process's own) or, with a shared frontier, "frontier" (the sums of all the
    # workers of the run as this one left; its own share in `worker_layouts`)
    layouts: dict[str, dict[str, int]] = field(default_factory=dict)
    layouts_judged: str = "worker"
    worker_layouts: dict[str, dict[str, int]] | None = None
    layout_alarms: list[dict[str, Any]] = field(default_factory=list)  # layouts that stopped matching

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    @property
    def fetch_failures(self) -> int:
        """Failures to reach the outlet at all (a timeout, a refused connection): an HTTP
        error, a page robots.txt forbids or a redirect off-site means the host answered."""
        answered = ("robots", "off-site", "too large", "undecodable", "parse error", "redirect loop", "store error")
        return sum(n for reason, n in self.failures.items() if not reason.startswith("http ") and reason not in answered)

    @property
    def unreachable(self) -> bool:
        """Nothing at all could be read from the outlet (no network, host down, all refused)."""
        return self.pages == 0


@dataclass
class CrawlSummary:
    outlets: list[OutletResult] = field(default_factory=list)
    log_file: Path | None = None
    report_file: Path | None = None

    @property
    def stored(self) -> int:
        return sum(o.stored for o in self.outlets)

    @property
    def failed(self) -> int:
        return sum(o.failed for o in self.outlets)

    @property
    def unreachable(self) -> list[str]:
        return [o.outlet for o in self.outlets if o.unreachable]

    @property
    def layout_alarms(self) -> list[dict[str, Any]]:
        """Every layout field that stopped matching, over all outlets."""
        return [a for o in self.outlets for a in o.layout_alarms]

    def write_report(self, path: Path) -> None:
        from core.atomic import atomic_open

        data = {"log_file": str(self.log_file) if self.log_file else None,
                "outlets": [{**asdict(o), "failed": o.failed} for o in self.outlets]}
        with atomic_open(path, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
        self.report_file = path


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
              progress: bool = True, log_dir: Path | None = None) -> CrawlSummary:
    """Crawl `spiders` into the store at `db_url`. With `log_dir`, Scrapy's log and the crawl
    report (JSON) are written there; without it the log goes where the settings say."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.spiderloader import SpiderLoader

    from crawler.layouts import judged_counts, layout_counts, settings_alarms
    from crawler.outcome import failed_urls, failures

    settings = project_settings(db_url, overrides)
    log_file = report_file = None
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        log_file, report_file = log_dir / f"crawl-{stamp}.log", log_dir / f"crawl-{stamp}.json"
        settings.set("LOG_FILE", str(log_file), priority="cmdline")
        settings.set("LOG_FILE_APPEND", True, priority="cmdline")
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
        live.start()
    try:
        process.start()
    finally:
        if live:
            live.stop()
    summary = CrawlSummary(log_file=log_file)
    for name, crawler in crawlers:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        result = _result(name, stats)
        result.failures, result.failed_urls = failures(stats), failed_urls(crawler)
        result.layouts_judged, result.layouts = judged_counts(stats)
        if result.layouts_judged == "frontier":
            result.worker_layouts = layout_counts(stats)
        result.layout_alarms = [a.asdict() for a in settings_alarms(stats, crawler.settings)]
        summary.outlets.append(result)
    if report_file is not None:
        summary.write_report(report_file)
    return summary


def _result(name: str, stats: dict[str, Any]) -> OutletResult:
    from crawler.outcome import pages_read

    return OutletResult(
        outlet=name,
        pages=pages_read(stats),
        stored=stats.get("antt/articles_stored", 0),
        unchanged=stats.get("antt/articles_unchanged", 0),
        irrelevant=stats.get("antt/irrelevant", 0),
        skipped=stats.get("antt/skipped_known", 0),
        outside_window=stats.get("antt/outside_window", 0),
        no_text=stats.get("antt/no_article_text", 0),
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
        self.live = Live(console=Console(stderr=True), refresh_per_second=4, transient=True,
                         get_renderable=self._table)
        self.live.start()

    def stop(self) -> None:
        if self.live:
            self.live.stop()

    def _table(self):
        from rich.table import Table

        from crawler.outcome import failures, pages_read

        table = Table(title="crawling", show_lines=False)
        for col in ("outlet", "pages", "stored", "irrelevant", "skipped", "failed"):
            table.add_column(col, justify="right" if col != "outlet" else "left")
        for name, crawler in self.crawlers:
            s = crawler.stats.get_stats() if crawler.stats else {}
            failed = failures(s)
            shown = ", ".join(f"{n} {r}" for r, n in list(failed.items())[:3]) if failed else "0"
            table.add_row(name, str(pages_read(s)), str(s.get("antt/articles_stored", 0)),
                          str(s.get("antt/irrelevant", 0)), str(s.get("antt/skipped_known", 0)),
                          f"[red]{shown}[/red]" if failed else shown)
        return table
