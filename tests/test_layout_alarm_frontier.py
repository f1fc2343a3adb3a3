"""The layout-change alarm of workers sharing a Redis frontier is judged on the whole crawl:
every worker adds the pages it reads to the run's counts in Redis and judges the sums as it
leaves. Real Scrapy engine, real Redis, the replay site serving a redesigned layout."""

from __future__ import annotations

import json
import os
import subprocess

from crawler.layouts import JUDGED, SharedLayoutCounts, alarms, judged_counts, record, share
from crawler.pages import ParsedArticle
from crawler.replay.server import ReplayServer
from crawler.replay.site import build

from .conftest import antt_command

# A worker judges a layout only once it has 5 pages: thanhuy's redesigned layout has 5 in all, so
# a worker that read a share of them would judge nothing on its own. One request at a time, 1.5 s
# apart, so that the second worker (which looks at an empty frontier again every 5 s, Scrapy's
# heartbeat) finds article pages left: the two share them (3 and 2 on this machine). It waits
# 15 s on an empty frontier: on a loaded machine the first worker can take 10 s between two
# pages, and a second worker that left before the first had queued the rest read none of them.
SETTINGS = ["--set", "DOWNLOAD_DELAY=1.5", "--set", "RANDOMIZE_DOWNLOAD_DELAY=False", "--set", "CONCURRENT_REQUESTS=1",
            "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "ANTT_LAYOUT_MIN_PAGES=5", "--set", "ANTT_FRONTIER_IDLE=15",
            "-q"]


def _worker(host_map: dict, out, frontier: str, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, ANTT_HOST_MAP=json.dumps(host_map), ANTT_LOG_LEVEL="WARNING", COLUMNS="160")
    env.pop("ANTT_DB", None)
    out.mkdir()
    return subprocess.Popen([*antt_command(), "crawl", "--outlets", "thanhuy", "--output", str(out),
                             "--frontier", frontier, *SETTINGS, *extra], cwd=out, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _report(out) -> dict:
    (path,) = (out / "logs").glob("crawl-*.json")
    (outlet,) = json.loads(path.read_text(encoding="utf-8"))["outlets"]
    return outlet


def test_two_workers_judge_the_layouts_on_the_pages_of_both(tmp_path, redis_url):
    with ReplayServer(build(changed=frozenset({("thanhuy", "current")}))) as srv:
        workers = [_worker(srv.host_map(), tmp_path / f"w{i}", redis_url) for i in range(2)]
        outs = [w.communicate(timeout=300) for w in workers]
        reports = [_report(tmp_path / f"w{i}") for i in range(2)]
        own = [r["worker_layouts"].get("thanhuy/thanhuy", {}).get("pages", 0) for r in reports]
        # both workers were of one run and shared its 5 pages (a worker that came after the other
        # left would have started a run of its own and read all 5 again), each fewer than 5
        assert sum(own) == 5 and 0 < min(own), f"pages read per worker: {own} (both started together?)"
        for worker, (out, err), report in zip(workers, outs, reports, strict=True):
            # each judged the sums of both: 5 pages of a layout whose body and lead selectors
            # match none; on its own share (< 5 pages) it would have judged nothing and exited 0
            assert worker.returncode == 3, out + err
            assert "Traceback" not in err
            assert report["layouts_judged"] == "frontier"
            counts = report["layouts"]["thanhuy/thanhuy"]
            assert (counts["pages"], counts["body"], counts["lead"]) == (5, 0, 0), counts
            assert {(a["layout"], a["field"]) for a in report["layout_alarms"]} >= {
                ("thanhuy/thanhuy", "body"), ("thanhuy/thanhuy", "lead")}
            assert "LAYOUT ALARM thanhuy/thanhuy: body selectors matched on 0 of 5 pages" in out

        # a later crawl on the same frontier is a new run: judged on its own pages, not added to
        # the last run's (5, not 10)
        again = _worker(srv.host_map(), tmp_path / "again", redis_url, "--set", "DOWNLOAD_DELAY=0",
                        "--set", "ANTT_FRONTIER_IDLE=1")
        out, err = again.communicate(timeout=300)
    report = _report(tmp_path / "again")
    assert again.returncode == 3, out + err
    assert report["layouts"]["thanhuy/thanhuy"]["pages"] == report["worker_layouts"]["thanhuy/thanhuy"]["pages"] == 5


class _Stats:
    """The part of Scrapy's stats collector that `record` and `judge_on_totals` use."""

    def __init__(self):
        self.values: dict = {}

    def inc_value(self, key, count=1):
        self.values[key] = self.values.get(key, 0) + count

    def set_value(self, key, value):
        self.values[key] = value


def _page(body: bool) -> ParsedArticle:
    return ParsedArticle("T", "L", ["B"], "2025-01-02", None, None, [], "x",
                         matched={"title": ".title", "lead": ".sapo", **({"body": ".content p"} if body else {})})


def test_a_page_counts_once_whoever_reads_it_and_a_restarted_worker_adds_only_its_new_pages(redis_url):
    import redis

    server = redis.Redis.from_url(redis_url)
    shared = SharedLayoutCounts(server, "cand")
    first, restarted, other = _Stats(), _Stats(), _Stats()
    for stats in (first, restarted, other):
        share(stats, shared)
    # a worker reads 3 pages (bodies found) and is killed; started again it reads 2 more (no body)
    for _ in range(3):
        record(first, "cand", "cand.current", _page(body=True))
    for _ in range(2):
        record(restarted, "cand", "cand.current", _page(body=False))
    # alone, the restarted worker's 2 pages are too few to judge; a worker that read none judges the sums
    assert alarms(restarted.values) == []
    shared.judge_on_totals(other)
    assert other.values[JUDGED] == "frontier"
    judged, counts = judged_counts(other.values)
    assert judged == "frontier" and counts == {"cand/cand.current": {
        "pages": 5, "title": 5, "lead": 5, "body": 3, "published": 5}}
    assert [(a.field, a.found, a.pages) for a in alarms(other.values)] == [("body", 3, 5)]
    assert judged_counts(first.values) == ("worker", {"cand/cand.current": {
        "pages": 3, "title": 3, "lead": 3, "body": 3, "published": 3}})
    # judging again as the last worker leaves does not add anything
    shared.judge_on_totals(other)
    assert judged_counts(other.values)[1]["cand/cand.current"]["pages"] == 5
    server.close()


def test_without_a_frontier_the_worker_judges_its_own_counts():
    stats = _Stats()
    for _ in range(3):
        record(stats, "sggp", "sggp", _page(body=False))
    assert judged_counts(stats.values)[0] == "worker" and JUDGED not in stats.values
    assert [a.field for a in alarms(stats.values)] == ["body"]
