"""Spiders run by the real Scrapy engine against the replay site on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.replay.server import ReplayServer
from crawler.replay.site import load_articles
from nlp.relevance import filter_version

from .conftest import ROOT, antt_command

ARTICLES = load_articles()
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


@pytest.fixture
def replay():
    with ReplayServer() as srv:
        yield srv


def _env(replay: ReplayServer, db: Path) -> dict[str, str]:
    return dict(os.environ, ANTT_HOST_MAP=json.dumps(replay.host_map()), ANTT_DB=f"sqlite:///{db}",
                ANTT_LOG_LEVEL="WARNING", ANTT_OUTPUT=str(db.parent / "output"))


def scrapy_crawl(replay, db: Path, spider: str, *args: str) -> subprocess.CompletedProcess:
    res = subprocess.run([sys.executable, "-m", "scrapy", "crawl", spider, *FAST, *args], cwd=ROOT,
                         env=_env(replay, db), capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "Traceback" not in res.stderr, res.stderr[-3000:]
    return res


def stored(db: Path, relevant: bool = True) -> dict[str, dict]:
    """The stored articles the topic filter kept (`relevant=False`: the off-topic pages kept
    as text for re-judging)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("select * from articles where relevant = ?", (int(relevant),))]
    conn.close()
    return {r["source_id"]: r for r in rows}


def expected(outlet: str, since: str | None = None, until: str | None = None) -> dict[str, object]:
    out = {}
    for a in ARTICLES:
        if a.outlet != outlet or not a.relevant:
            continue
        day = a.published[:10] if a.published else None
        if day and ((since and day < since) or (until and day > until)):
            continue
        out.setdefault(a.source_id, a)
    return out


@pytest.mark.parametrize("outlet", ["cand", "sggp", "congan", "thanhuy", "danang"])
def test_spider_stores_exactly_the_expected_articles(replay, tmp_path, outlet):
    db = tmp_path / "antt.sqlite"
    scrapy_crawl(replay, db, outlet)
    got, want = stored(db), expected(outlet)
    assert set(got) == set(want)
    for article_id, a in want.items():
        row = got[article_id]
        assert row["title"] == a.title
        assert row["published"] == a.published  # ISO with +07:00, or None for the page without a date
        assert row["source"] == outlet
        assert row["outlet"] == row["url"].split("/")[2].removeprefix("www.")
        text = row["text"]
        assert text.startswith(a.title) and a.lead in text
        assert a.body[0] in text and text.endswith(a.body[-1])
        assert a.caption not in text  # photo captions are not body text
        assert row["raw_html"] is not None
    # irrelevant pages were fetched once and remembered, and kept as text (no HTML) to be
    # judged again by a later filter, under the filter version that judged them
    conn = sqlite3.connect(db)
    seen = dict(conn.execute("select source_id, relevant from seen where source = ?", (outlet,)).fetchall())
    irrelevant = {a.source_id for a in ARTICLES if a.outlet == outlet and not a.relevant}
    assert irrelevant and all(seen.get(i) == 0 for i in irrelevant)
    kept = stored(db, relevant=False)
    assert set(kept) == irrelevant
    assert all(r["raw_html"] is None and r["text"] and r["relevance_version"] == filter_version()
               for r in kept.values())
    assert {r["relevance_version"] for r in got.values()} == {filter_version()}
    # robots.txt is obeyed: the disallowed article and search pages were never requested
    assert not [k for k in replay.hits if "/admin/" in k or "/tim-kiem/" in k]


def test_cand_same_article_under_both_url_forms_is_one(replay, tmp_path):
    db = tmp_path / "antt.sqlite"
    scrapy_crawl(replay, db, "cand")
    dup = [a for a in ARTICLES if a.outlet == "cand" and a.id == "789871"]
    assert {a.layout for a in dup} == {"current", "legacy"}
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from articles where source_id = '789871'").fetchone()[0] == 1
    fetched = [k for k in replay.hits if "789871" in k]
    assert len(fetched) == 1


def test_date_window_holds(replay, tmp_path):
    db = tmp_path / "antt.sqlite"
    for outlet in ("cand", "sggp"):
        scrapy_crawl(replay, db, outlet, "-a", "since=2024-01-01", "-a", "until=2024-12-31")
    got = stored(db)
    want = {**expected("cand", "2024-01-01", "2024-12-31"), **expected("sggp", "2024-01-01", "2024-12-31")}
    assert set(got) == set(want)
    for row in got.values():
        assert row["published"] is None or "2024-01-01" <= row["published"][:10] <= "2024-12-31"


def test_second_run_fetches_no_stored_article_page(replay, tmp_path):
    db = tmp_path / "antt.sqlite"
    scrapy_crawl(replay, db, "sggp")
    article_paths = {a.url.split("://", 1)[1] for a in ARTICLES if a.outlet == "sggp"}
    first = replay.article_hits(article_paths)
    assert first >= len(expected("sggp"))
    scrapy_crawl(replay, db, "sggp")
    assert replay.article_hits(article_paths) == first  # only discovery pages were read again
    assert len(stored(db)) == len(expected("sggp"))


def test_interrupted_crawl_resumes_with_nothing_lost_or_duplicated(replay, tmp_path):
    db = tmp_path / "antt.sqlite"
    job = tmp_path / "job"
    scrapy_crawl(replay, db, "cand", "-s", f"JOBDIR={job}", "-s", "CLOSESPIDER_ITEMCOUNT=3")
    partial = stored(db)
    assert 0 < len(partial) < len(expected("cand"))
    scrapy_crawl(replay, db, "cand", "-s", f"JOBDIR={job}")
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from articles where relevant").fetchone()[0] == len(expected("cand"))
    assert set(stored(db)) == set(expected("cand"))


def test_killed_antt_crawl_resumes(replay, tmp_path):
    db = tmp_path / "output" / "antt.sqlite"
    env = _env(replay, db)
    cmd = [*antt_command(), "crawl", "--outlets", "sggp", "--resume", "-q", "--set", "AUTOTHROTTLE_ENABLED=False",
           "--set", "DOWNLOAD_DELAY=0.4", "--set", "RANDOMIZE_DOWNLOAD_DELAY=False"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        if db.exists() and len(_safe_ids(db)) >= 2:
            break
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _safe_ids(db)
    assert 0 < len(partial) < len(expected("sggp"))
    res = subprocess.run([*cmd[:-6], "--set", "DOWNLOAD_DELAY=0"], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert set(stored(db)) == set(expected("sggp"))
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from articles where relevant").fetchone()[0] == len(expected("sggp"))


def _safe_ids(db: Path) -> set[str]:
    try:
        conn = sqlite3.connect(db, timeout=1)
        ids = {r[0] for r in conn.execute("select source_id from articles")}
        conn.close()
        return ids
    except sqlite3.Error:
        return set()


def test_news_spider_reads_sitemaps_feeds_and_url_lists(replay, tmp_path):
    db = tmp_path / "antt.sqlite"
    news = [a for a in ARTICLES if a.outlet == "news"]
    by_site: dict[str, list] = {}
    for a in news:
        by_site.setdefault(a.host, []).append(a)
    sites = sorted(by_site)
    scrapy_crawl(replay, db, "news", "-a", f"sitemap=https://{sites[0]}/sitemap.xml")
    scrapy_crawl(replay, db, "news", "-a", f"feed=https://{sites[1]}/rss.xml")
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(a.url for s in sites[2:] for a in by_site[s]) + "\n", encoding="utf-8")
    scrapy_crawl(replay, db, "news", "-a", f"urls={url_file}")
    conn = sqlite3.connect(db)
    titles = {r[0]: r[1] for r in conn.execute("select title, html_extractor from articles where relevant")}
    assert set(titles) == {a.title for a in news if a.relevant}
    assert set(titles.values()) == {"generic"} or "trafilatura" in set(titles.values())


def test_scrapy_list_shows_every_spider():
    res = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT, capture_output=True, text=True,
                         env=dict(os.environ, ANTT_LOG_LEVEL="WARNING"), timeout=60)
    assert res.stdout.split() == ["cand", "congan", "danang", "news", "sggp", "thanhuy"]


def test_antt_crawl_summary_and_bad_arguments(replay, tmp_path):
    db = tmp_path / "output" / "antt.sqlite"
    env = _env(replay, db)
    res = subprocess.run([*antt_command(), "crawl", "--outlets", "thanhuy,danang", "--since", "2023-01-01",
                          "--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False", "-q"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-2000:]
    lines = {ln.split("│")[1].strip(): ln for ln in res.stdout.splitlines() if ln.count("│") > 5}
    want = len(expected("thanhuy", "2023-01-01")) + len(expected("danang", "2023-01-01"))
    assert set(lines) >= {"thanhuy", "danang"}
    assert len(stored(db)) == want
    bad = subprocess.run([*antt_command(), "crawl", "--since", "2024-13-01"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "expected a date as YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr
    bad = subprocess.run([*antt_command(), "crawl", "--outlets", "nosuch"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "unknown outlet" in bad.stderr


def test_topic_filter_precision_and_recall_on_replay_labels():
    from nlp.relevance import is_relevant

    tp = fp = fn = 0
    for a in ARTICLES:
        got = is_relevant("\n\n".join([a.title, a.lead, *a.body]))
        tp += got and a.relevant
        fp += got and not a.relevant
        fn += a.relevant and not got
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
