"""Scrapy settings for ANTT Miner: polite, safe defaults for real outlets. All overridable
(`-s NAME=VALUE`, or the environment variables named below)."""

from __future__ import annotations

import json
import os

from core.config import FRONTIER_IDLE_SECONDS
from core.config import settings as project_settings

BOT_NAME = "antt"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Identify ourselves, with a project URL an outlet can read about us at.
USER_AGENT = "ANTT-Miner/0.1 (+https://github.com/antt-miner/antt-miner; research crawler)"
ROBOTSTXT_OBEY = True

# Politeness: at most 2 concurrent requests per domain, at least 1 s apart, adaptive.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Retries with backoff (Scrapy >= 2.13 backs off between retries), size and time limits.
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 3 * 1024 * 1024

# Only the outlets' own domains (each spider sets allowed_domains).
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.RobotsTxtMiddleware": 100,
}
# Scrapy's HTTP handler, behind the replay host map when ANTT_HOST_MAP is set (crawler/handlers.py).
DOWNLOAD_HANDLERS = {
    "http": "crawler.handlers.HostMapDownloadHandler",
    "https": "crawler.handlers.HostMapDownloadHandler",
}
# Pages read and failed URLs by reason, and a closing summary (crawler/outcome.py).
EXTENSIONS = {
    "crawler.outcome.CrawlOutcome": 500,
}
# `scrapy crawl` exits non-zero when nothing could be fetched (crawler/commands/crawl.py).
COMMANDS_MODULE = "crawler.commands"
ITEM_PIPELINES = {
    "crawler.pipelines.StorePipeline": 300,
}

# Where articles go: the project's store, from the one settings source (core/config.py):
# $ANTT_DB, else OUTPUT/antt.sqlite with OUTPUT from $ANTT_OUTPUT (as `antt build` reads it).
ANTT_DB = project_settings().database_url
# A crawl frontier shared by several crawl processes (crawler/frontier.py): a Redis URL,
# redis://HOST:PORT/DB (`antt crawl --frontier`, or $ANTT_FRONTIER); none: one process alone.
ANTT_FRONTIER = os.environ.get("ANTT_FRONTIER") or None
# Seconds a worker waits with the shared frontier empty before it exits.
ANTT_FRONTIER_IDLE = FRONTIER_IDLE_SECONDS
ADDONS = {"crawler.frontier.FrontierAddon": 0}
# Tests and the demo only: outlet host -> base URL of the local replay server.
ANTT_HOST_MAP = json.loads(os.environ.get("ANTT_HOST_MAP", "{}"))
# Category listings: how many pages to follow at most per listing.
ANTT_MAX_LISTING_PAGES = 30
# Layout-change alarm (crawler/layouts.py): the least share of an outlet layout's article pages
# on which each field must be found (dates missing on more than 20% of pages is an alarm),
# judged for layouts that read at least ANTT_LAYOUT_MIN_PAGES pages in the crawl.
ANTT_LAYOUT_MIN_SHARE = {"title": 0.8, "lead": 0.5, "body": 0.8, "published": 0.8}
ANTT_LAYOUT_MIN_PAGES = 3

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("ANTT_LOG_LEVEL", "INFO")
