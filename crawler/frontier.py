"""A crawl frontier shared by any number of crawl processes, on one machine or many: the
request queue and the seen-request set live in Redis (scrapy-redis's scheduler and
dupefilter), so workers started with the same `ANTT_FRONTIER` (`antt crawl --frontier
redis://HOST:PORT/DB`) and the same store share the work and never fetch a page twice.

Our own spiders run unchanged: scrapy-redis's spider mixin, which feeds start URLs from Redis
through `start_requests` (gone from recent Scrapy), is not used. What we add to its scheduler:

- a run: the first worker to join a frontier no live worker holds clears what an earlier run
  left (queue and seen set); workers register in a sorted set with a heartbeat, so a crashed
  worker does not keep a run open for ever;
- discovery pages (sitemaps, feeds, listings: `dont_filter`, re-read on every run) are read
  once per run by all workers together, not once per worker; a retry is never filtered;
- a worker exits when the frontier has been empty, with nothing of its own in flight, for
  `ANTT_FRONTIER_IDLE` seconds (other workers may still be adding pages meanwhile);
- the layout counts of the run (`crawler/layouts.py`, `SharedLayoutCounts`): every worker adds
  the pages it reads to `antt:<spider>:layouts`, cleared with the queue and seen set when a new
  run starts (kept after the run, for a look), and judges the layout alarm on those sums as it
  leaves.

Politeness (DOWNLOAD_DELAY, AutoThrottle) is per process: N workers on one outlet read it up
to N times as often; give each worker N times the delay to keep the outlet's rate.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from core.config import FRONTIER_IDLE_SECONDS, redact_url

#: Seconds after its last heartbeat that a worker counts as gone (crashed or stopped).
WORKER_TTL = 60.0
_HEARTBEAT_EVERY = 2.0

# Atomically: forget workers without a recent heartbeat; if none is left, this worker starts a
# new run (the last run's queue, seen set and layout counts are cleared); register this worker.
_JOIN = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
local live = redis.call('ZCARD', KEYS[1])
if live == 0 then redis.call('DEL', KEYS[2], KEYS[3], KEYS[4]) end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
return live
"""


def frontier_settings(url: str) -> dict[str, Any]:
    """The Scrapy settings of a shared frontier at `url` (redis://HOST:PORT/DB)."""
    return {
        "SCHEDULER": "crawler.frontier.FrontierScheduler",
        "DUPEFILTER_CLASS": "crawler.frontier.ArticleDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": "antt:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": "antt:%(spider)s:dupefilter",
        "SCHEDULER_PERSIST": True,  # a worker that ends must not clear what the others still use
        "REDIS_URL": url,
    }


class ArticleDupeFilter(RFPDupeFilter):
    """scrapy-redis's shared dupefilter, keyed for an article page by the article (outlet and
    its own id, as the store is): one article linked under two URL forms (`-i123/`, `-post123.html`)
    is fetched once by all the workers together, not once per form."""

    def request_fingerprint(self, request) -> str:
        article = request.meta.get("antt_article")
        if article and not request.meta.get("redirect_times"):  # a redirect is the same fetch going on
            return hashlib.sha1(f"article:{article}".encode()).hexdigest()
        return super().request_fingerprint(request)


class FrontierAddon:
    """A Scrapy add-on (ADDONS in crawler/settings.py): with ANTT_FRONTIER set, on the command
    line (`antt crawl --frontier`, `scrapy crawl -s ANTT_FRONTIER=...`) or in the environment,
    the crawl uses the shared frontier; without it, Scrapy's own scheduler as before."""

    def update_settings(self, settings) -> None:
        url = settings.get("ANTT_FRONTIER")
        if url:
            for name, value in frontier_settings(url).items():
                settings.set(name, value, priority="addon")


def check(url: str) -> str | None:
    """Why the frontier at `url` cannot be used (one line, no password), or None."""
    import redis

    if not url.startswith(("redis://", "rediss://", "unix://")):
        return f"--frontier {redact_url(url)}: expected a Redis URL, redis://HOST:PORT/DB"
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5)
        client.ping()
        client.close()
    except (redis.RedisError, ValueError, OSError) as exc:
        return f"--frontier {redact_url(url)}: no Redis server answers ({exc})"
    return None


class FrontierScheduler(Scheduler):
    """scrapy-redis's scheduler, with runs, shared discovery and an idle timeout (see above)."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.idle_seconds = crawler.settings.getfloat("ANTT_FRONTIER_IDLE", FRONTIER_IDLE_SECONDS)
        scheduler.worker = uuid.uuid4().hex
        scheduler._empty_since = None
        scheduler._beat = 0.0
        scheduler.crawler_stats = crawler.stats
        scheduler.layouts = None  # the run's layout counts, once open
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def _workers_key(self) -> str:
        return f"antt:{self.spider.name}:workers"

    def open(self, spider):
        from crawler.layouts import SharedLayoutCounts, share

        self.spider = spider
        queue_key = self.queue_key % {"spider": spider.name}
        dupefilter_key = self.dupefilter_key % {"spider": spider.name}
        self.layouts = SharedLayoutCounts(self.server, spider.name)
        live = self.server.eval(_JOIN, 4, self._workers_key(), dupefilter_key, queue_key, self.layouts.key,
                                time.time(), WORKER_TTL, self.worker)
        share(self.crawler_stats, self.layouts)
        spider.logger.info("shared frontier: %s", f"joined a run with {live} other worker(s)" if live
                           else "started a new run")
        self._beat = time.monotonic()
        return super().open(spider)

    def close(self, reason):
        # every page of this worker is counted by now (downloader and scraper are closed): the
        # alarm (spider_closed, `antt crawl`) is judged on what all the workers have counted
        if self.layouts is not None:
            self.layouts.judge_on_totals(self.crawler_stats)
        self.server.zrem(self._workers_key(), self.worker)
        live = self.server.zcount(self._workers_key(), time.time() - WORKER_TTL, "+inf")
        if not live and not len(self.queue):  # the last worker out tidies the run away
            self.df.clear()
        return super().close(reason)

    def _heartbeat(self) -> None:
        now = time.monotonic()
        if now - self._beat >= _HEARTBEAT_EVERY:
            self._beat = now
            self.server.zadd(self._workers_key(), {self.worker: time.time()})

    def enqueue_request(self, request) -> bool:
        # A discovery page (dont_filter: re-read on every run) is read once per run by all the
        # workers together; a retry (retry_times) is the same page again, never filtered.
        if request.dont_filter and "retry_times" not in request.meta and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        return super().enqueue_request(request)

    def next_request(self):
        self._heartbeat()
        request = super().next_request()
        if request is not None:
            self._empty_since = None
        return request

    def spider_idle(self, spider=None) -> None:
        """Keep the worker while the shared queue has requests or has been empty for less
        than the idle time: another worker's pages may still add to it."""
        self._heartbeat()
        if len(self.queue):
            self._empty_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self._empty_since is None:
            self._empty_since = now
        if now - self._empty_since < self.idle_seconds:
            raise DontCloseSpider
