"""Crawling faulty servers (tests/faults, on 127.0.0.1) with the real Scrapy engine: every good
article is stored, every failed URL is counted once with its reason, nothing unreadable is
remembered as seen, and a crawl that could fetch nothing says so in its exit status."""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.faults import server as faults
from tests.faults.server import FaultServer

from .conftest import ROOT, antt_command

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_TIMEOUT=2",
        "-s", "RETRY_TIMES=2"]
FAILED_LINE = re.compile(r"WARNING: failed (\S+): (.+?)(?: \(.*\))?$", re.M)


@pytest.fixture
def site():
    with FaultServer() as srv:
        yield srv


def _env(host_map: dict[str, str], db: Path) -> dict[str, str]:
    return dict(os.environ, ANTT_HOST_MAP=json.dumps(host_map), ANTT_DB=f"sqlite:///{db}",
                ANTT_LOG_LEVEL="INFO", ANTT_OUTPUT=str(db.parent / "output"))


def _measured(cmd: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float]:
    """Run `cmd` under a fresh parent that reports the child's peak memory (MB)."""
    probe = ("import json, resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, "
             "text=True); print(json.dumps([r.returncode, r.stdout, r.stderr, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    res = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    code, out, err, maxrss_kb = json.loads(res.stdout)
    return subprocess.CompletedProcess(cmd, code, out, err), maxrss_kb / 1024


def _news_crawl(site: FaultServer, tmp_path: Path, db: Path):
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(faults.URL_LIST) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", *FAST, "-a", f"urls={urls}", "-a",
           f"sitemap={faults.SITEMAP}"]
    return _measured(cmd, _env(site.host_map(), db))


def _rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def test_faulty_site_good_articles_stored_failures_counted_once_by_reason(site, tmp_path):
    db = tmp_path / "antt.sqlite"
    res, peak_mb = _news_crawl(site, tmp_path, db)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "Traceback" not in res.stderr, res.stderr[-3000:]

    stored = {url: text for url, text in _rows(db, "select url, text from articles")}
    assert set(stored) == {faults.u(p) for p in faults.GOOD}
    # windows-1258 and latin-1-declared-UTF-8 pages are read in their real charset
    assert "tổ liên gia tự quản ở phường Hòa Khánh" in stored[faults.u("/cp1258.html")]
    assert "Mô hình camera an ninh do các hô dân góp kinh phí" in stored[faults.u("/latin1.html")]
    assert not any("\ufffd" in t for t in stored.values())

    failed = FAILED_LINE.findall(res.stderr)
    by_url = Counter(url for url, _ in failed)
    assert all(n == 1 for n in by_url.values()), by_url  # once per URL, not once per retry
    reasons = dict(failed)
    expected = {faults.u(p): r for p, r in {**faults.ARTICLE_FAULTS, **faults.SITEMAP_FAULTS}.items()}
    assert reasons == expected
    assert "news: " in res.stderr and "failed URLs: " in res.stderr  # the closing summary

    # the bomb was inflated only up to the size limit, the 50 MB page cut off
    assert peak_mb < 500, f"crawl peak memory {peak_mb:.0f} MB"

    # nothing unreadable is remembered as seen; a second crawl tries those pages again and
    # leaves the stored articles alone
    seen = {url for (url,) in _rows(db, "select url from seen")}
    for url in expected:
        assert url not in seen
    before = Counter(site.hits)
    res2, _ = _news_crawl(site, tmp_path, db)
    assert res2.returncode == 0, res2.stderr[-3000:]
    again = {k: site.hits[k] - before[k] for k in site.hits}
    assert again[f"{faults.HOST}/garbage.html"] >= 1 and again[f"{faults.HOST}/truncated.html"] >= 1
    assert again[f"{faults.HOST}/good-1.html"] == 0
    assert len(_rows(db, "select url from articles")) == len(faults.GOOD)


def test_offsite_redirect_not_followed_with_the_host_map(site, tmp_path):
    db = tmp_path / "antt.sqlite"
    res = subprocess.run([*antt_command(), "crawl", "-q", "--outlets", "cand", "--set", "DOWNLOAD_DELAY=0",
                          "--set", "AUTOTHROTTLE_ENABLED=False"], cwd=ROOT, env=_env(site.host_map(), db),
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    assert site.hits[f"{faults.OFFSITE}/xa-hoi/bai-viet-chuyen-di-i123456/"] == 0
    assert site.hits[f"{faults.CAND}/xa-hoi/bai-viet-chuyen-di-i123456/"] == 1
    assert _rows(db, "select url from articles") == []
    assert re.search(r"failed URLs, cand: .*1 off-site", res.stdout), res.stdout


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_crawl_that_fetches_nothing_says_why_and_fails(tmp_path):
    down = f"http://127.0.0.1:{_closed_port()}"
    hosts = ["cand.vn", "cand.com.vn", "sggp.org.vn", "www.sggp.org.vn", "api.sggp.org.vn"]
    db = tmp_path / "antt.sqlite"
    env = _env({h: f"{down}/{h}" for h in hosts}, db)
    res = subprocess.run([*antt_command(), "crawl", "-q", "--outlets", "cand,sggp", "--output",
                          str(tmp_path / "out"), "--set", "DOWNLOAD_DELAY=0", "--set", "RETRY_TIMES=1"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 1, res.stdout + res.stderr
    # -q: no Scrapy log on the terminal, one line saying why, the log file named
    assert res.stderr.strip().count("\n") == 0, res.stderr
    assert "nothing could be fetched from cand, sggp" in res.stderr and "refused" in res.stderr
    log = re.search(r"log:\s+(\S+)", res.stdout)
    assert log and Path(log[1]).is_file() and "refused" in Path(log[1]).read_text(encoding="utf-8")
    report = json.loads(Path(re.search(r"report:\s+(\S+)", res.stdout)[1]).read_text(encoding="utf-8"))
    cand = next(o for o in report["outlets"] if o["outlet"] == "cand")
    assert cand["pages"] == 0 and cand["failures"]["refused"] == len(cand["failed_urls"]) > 0

    scrapy = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "cand", "-s", "RETRY_TIMES=1"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    assert scrapy.returncode == 1
    assert "nothing could be fetched" in scrapy.stderr


@pytest.mark.parametrize("exc, reason", [
    ("CannotResolveHostError", "dns"),
    ("DownloadTimeoutError", "timeout"),
    ("DownloadConnectionRefusedError", "refused"),
    ("DownloadCancelledError", "too large"),
    ("ResponseDataLossError", "truncated"),
])
def test_download_errors_have_their_reason(exc, reason):
    import scrapy.exceptions

    from crawler.outcome import reason_of

    assert reason_of(getattr(scrapy.exceptions, exc)("x")) == reason


def test_ignored_requests_and_http_errors_have_their_reason():
    from scrapy.exceptions import IgnoreRequest
    from scrapy.http import Request, Response
    from scrapy.spidermiddlewares.httperror import HttpError

    from crawler.outcome import reason_of

    assert reason_of(IgnoreRequest("Forbidden by robots.txt")) == "robots"
    assert reason_of(IgnoreRequest("max redirections reached")) == "redirect loop"
    response = Response("https://cand.vn/x", status=410, request=Request("https://cand.vn/x"))
    assert reason_of(HttpError(response, "Ignoring non-200 response")) == "http 410"
