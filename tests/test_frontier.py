"""A crawl frontier shared through Redis (crawler/frontier.py), on the real Redis and
PostgreSQL servers: two crawl workers against one replay site store exactly the articles one
worker stores, and no article page is requested twice."""

from __future__ import annotations

import os
import sqlite3
import subprocess

from sqlalchemy import select

from core.store import Store, articles

from .conftest import antt_command, hit_counts

FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False"]


def _crawl(host_map: str, db: str, out, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, ANTT_HOST_MAP=host_map, COLUMNS="160")
    return subprocess.Popen([*antt_command(), "crawl", "-q", "--db", db, "--output", str(out), *FAST, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=out.parent)


def _article_of_path() -> dict[str, tuple[str, str]]:
    """Each article page's path -> the article (outlet, id): one article may be linked under
    several URL forms, and which form a crawl meets first is a race, not a difference."""
    from crawler.replay.site import load_articles

    return {a.url.split("://", 1)[1]: (a.outlet, a.source_id) for a in load_articles()}


def _per_article(counts: dict[str, int], article_of: dict[str, tuple[str, str]]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for path, n in counts.items():
        if path in article_of:
            out[article_of[path]] = out.get(article_of[path], 0) + n
    return out


def test_two_workers_on_one_frontier_store_what_one_stores_and_fetch_no_article_twice(
        replay_site, pg_url, redis_url, tmp_path):
    one_map, one_hits = replay_site("one")
    one = _crawl(one_map, f"sqlite:///{tmp_path / 'one.sqlite'}", tmp_path / "one")
    out, err = one.communicate(timeout=600)
    assert one.returncode == 0, err[-2000:]

    two_map, two_hits = replay_site("two")
    frontier = ["--frontier", redis_url, "--set", "ANTT_FRONTIER_IDLE=3"]
    workers = [_crawl(two_map, pg_url, tmp_path / f"w{i}", *frontier) for i in range(2)]
    outs = [w.communicate(timeout=600) for w in workers]
    # the layouts are judged on the run's summed counts: the site's layouts all match, so no
    # worker may raise an alarm on its own share of the pages (exit 3), as one process does not
    assert all(w.returncode == 0 for w in workers), [o[1][-2000:] for o in outs]

    # the same articles (by outlet and id, the store's key), relevant or kept aside as off-topic
    expected = set(sqlite3.connect(tmp_path / "one.sqlite").execute("select source, source_id, relevant from articles"))
    with Store.open(pg_url) as store, store.engine.connect() as conn:
        stored = {(a, b, int(c)) for a, b, c in conn.execute(
            select(articles.c.source, articles.c.source_id, articles.c.relevant))}
    assert expected and stored == expected

    article_of = _article_of_path()
    one_counts, two_counts = hit_counts(one_hits), hit_counts(two_hits)
    fetched = _per_article(two_counts, article_of)
    # every article page read as often by the two workers together as by one worker: once, or
    # again only where the site fails it first (a retry), under whichever URL form came first
    assert fetched and fetched == _per_article(one_counts, article_of)
    # discovery pages too are read once per run by the workers together (robots.txt: per process)
    assert {p: n for p, n in two_counts.items() if p not in article_of and not p.endswith("robots.txt")} == \
        {p: n for p, n in one_counts.items() if p not in article_of and not p.endswith("robots.txt")}


def test_a_frontier_that_does_not_answer_is_one_line_and_nothing_is_crawled(tmp_path, run_antt):
    res = run_antt("crawl", "--frontier", "redis://:pw@127.0.0.1:1/0", "--output", str(tmp_path / "o"))
    assert res.returncode == 1 and res.stderr.count("\n") == 1 and "no Redis server answers" in res.stderr
    assert "pw@" not in res.stderr and not (tmp_path / "o" / "antt.sqlite").exists()
    res = run_antt("crawl", "--frontier", "http://127.0.0.1:6379/0", "--output", str(tmp_path / "o"))
    assert res.returncode == 1 and "expected a Redis URL" in res.stderr
