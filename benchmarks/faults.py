"""Crawl the faulty site (tests/faults) and print, per fault, what the crawl did with it.

    python benchmarks/faults.py

One `scrapy crawl news` over every faulty URL and the faulty sitemaps (download timeout 2 s,
2 retries), then a second crawl (what is retried, what is not fetched again), then a crawl
with every host refused. Prints one row per case: expected outcome, outcome, pass; the
crawl's peak memory (the gzip bomb inflates to 300 MB if nothing caps it); and the totals.
"""

from __future__ import annotations

import json
import os
import re
import resource
import socket
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults import server as faults  # noqa: E402

SETTINGS = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_TIMEOUT=2", "RETRY_TIMES=2"]
FAILED_LINE = re.compile(r"WARNING: failed (\S+): (.+?)(?: \(.*\))?$", re.M)


def crawl(args: list[str], host_map: dict[str, str], db: Path) -> tuple[subprocess.CompletedProcess, float]:
    env = dict(os.environ, ANTT_HOST_MAP=json.dumps(host_map), ANTT_DB=f"sqlite:///{db}", ANTT_LOG_LEVEL="INFO",
               ANTT_OUTPUT=str(db.parent / "output"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    res = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return res, max(before, after) / 1024


def scrapy_args(spider: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", spider, *[a for s in SETTINGS for a in ("-s", s)], *extra]


def main() -> int:
    rows: list[tuple[str, str, str, bool]] = []
    with tempfile.TemporaryDirectory() as tmp, faults.FaultServer() as site:
        tmp_path = Path(tmp)
        db = tmp_path / "antt.sqlite"
        urls = tmp_path / "urls.txt"
        urls.write_text("\n".join(faults.URL_LIST) + "\n", encoding="utf-8")
        news = scrapy_args("news", "-a", f"urls={urls}", "-a", f"sitemap={faults.SITEMAP}")
        res, peak = crawl(news, site.host_map(), db)
        conn = sqlite3.connect(db)
        stored = {u: t for u, t in conn.execute("select url, text from articles")}
        seen = {u for (u,) in conn.execute("select url from seen")}
        conn.close()
        failed = FAILED_LINE.findall(res.stderr)
        reasons, times = dict(failed), Counter(u for u, _ in failed)
        for path in faults.GOOD:
            url = faults.u(path)
            ok = url in stored and "\ufffd" not in stored[url]
            rows.append((path, "stored, no replacement character", "stored" if ok else "NOT stored/garbled", ok))
        for path, reason in {**faults.ARTICLE_FAULTS, **faults.SITEMAP_FAULTS}.items():
            url = faults.u(path)
            got = f"{reasons.get(url, 'not counted')} x{times[url]}" + (", seen" if url in seen else "")
            rows.append((path, f"{reason} x1, not seen", got, got == f"{reason} x1"))
        before = Counter(site.hits)
        crawl(news, site.host_map(), db)
        again = {k: site.hits[k] - before[k] for k in site.hits}
        refetched = sorted(p for p in {**faults.ARTICLE_FAULTS} if again.get(f"{faults.HOST}{p}", 0))
        good_again = sum(again.get(f"{faults.HOST}{p}", 0) for p in faults.GOOD)
        rows.append(("second crawl", "good pages not fetched again", f"{good_again} good pages fetched",
                     good_again == 0))
        rows.append(("second crawl", "unreadable pages tried again", f"{len(refetched)} tried again",
                     len(refetched) == len(faults.ARTICLE_FAULTS) - 1))  # robots.txt still forbids one
        cand_db = tmp_path / "cand.sqlite"
        res_c, _ = crawl([sys.executable, "-m", "antt", "crawl", "-q", "--outlets", "cand", "--set",
                          "DOWNLOAD_DELAY=0", "--db", f"sqlite:///{cand_db}"], site.host_map(), cand_db)
        offsite_hits = site.hits[f"{faults.OFFSITE}/xa-hoi/bai-viet-chuyen-di-i123456/"]
        counted = "1 off-site" in res_c.stdout
        rows.append(("cand: off-site redirect", "not fetched, 1 off-site",
                     f"{offsite_hits} fetched, " + ("1 off-site" if counted else "not counted"),
                     offsite_hits == 0 and counted))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "antt.sqlite"
        hosts = {h: f"http://127.0.0.1:{port}/{h}" for h in ("cand.vn", "cand.com.vn")}
        res_d, _ = crawl([sys.executable, "-m", "antt", "crawl", "-q", "--outlets", "cand", "--set",
                          "DOWNLOAD_DELAY=0", "--set", "RETRY_TIMES=1"], hosts, db)
        why = res_d.stderr.strip()
        rows.append(("every host refused", "exit 1, one line why", f"exit {res_d.returncode}: {why[:60]}",
                     res_d.returncode == 1 and "\n" not in why and "refused" in why))

    passed = sum(ok for *_, ok in rows)
    print(f"{'case':<28} {'expected':<34} outcome")
    for case, expected, got, ok in rows:
        print(f"{case:<28} {expected:<34} {got}  {'ok' if ok else 'FAIL'}")
    print(f"\n{passed}/{len(rows)} fault cases handled; crawl peak memory {peak:.0f} MB "
          f"(gzip bomb: {faults.BOMB_MB} MB inflated)")
    return 0 if passed == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
