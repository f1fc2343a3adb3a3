"""Crawl speed against the replay site, next to `scrapy bench` on the same machine.

    python benchmarks/crawl.py [--copies 40] [--bench-seconds 10]

The replay site's 50 articles are cloned (`--copies` times, new ids) so the crawl lasts long
enough to measure. Throttling is off (no delay, no AutoThrottle, 16 concurrent requests per
domain, as in `scrapy bench`). Prints article pages per second, all pages per second and peak
memory of the crawl, then `scrapy bench`'s pages per second and the ratio.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.replay.server import ReplayServer  # noqa: E402
from crawler.replay.site import build, load_articles  # noqa: E402

UNTHROTTLED = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=16",
               "CONCURRENT_REQUESTS_PER_DOMAIN=16", "ANTT_MAX_LISTING_PAGES=1000", "LOG_LEVEL=INFO"]


def cloned_articles(copies: int):
    base = load_articles()
    out = []
    for k in range(copies):
        for a in base:
            new_id = str(int(a.id) + k * 7919 + 1) if k else a.id
            out.append(dataclasses.replace(a, id=new_id, slug=f"{a.slug}-{k}" if k else a.slug))
    return out


def _stats(log: str) -> dict[str, float]:
    found = {}
    for key in ("response_received_count", "elapsed_time_seconds", "item_scraped_count", "antt/articles_stored",
                "antt/irrelevant"):
        values = re.findall(rf"'{re.escape(key)}': ([0-9.]+)", log)
        found[key] = sum(float(v) for v in values)
    found["crawls"] = len(re.findall(r"'elapsed_time_seconds'", log))
    return found


def crawl(copies: int) -> dict[str, float]:
    articles = cloned_articles(copies)
    with ReplayServer(build(articles)) as server, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        env = dict(os.environ, ANTT_HOST_MAP=json.dumps(server.host_map()), ANTT_DB=f"sqlite:///{db}")
        cmd = [sys.executable, "-m", "antt", "crawl", "-q", "--db", f"sqlite:///{db}"]
        for s in UNTHROTTLED:
            cmd += ["--set", s]
        t0 = time.perf_counter()
        res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if res.returncode != 0:
            sys.exit(res.stderr[-2000:])
        stored = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
        article_paths = {a.url.split("://", 1)[1] for a in articles}
        article_pages = server.article_hits(article_paths)
        pages = sum(server.hits.values())
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"articles": len(articles), "stored": stored, "article_pages": article_pages, "pages": pages,
            "wall": wall, "peak_mb": peak}


def scrapy_bench(seconds: int) -> float:
    res = subprocess.run([sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}",
                          "-s", "LOG_LEVEL=INFO"], cwd=tempfile.gettempdir(), capture_output=True, text=True)
    stats = _stats(res.stderr)
    if not stats["elapsed_time_seconds"]:
        sys.exit("scrapy bench printed no stats:\n" + res.stderr[-2000:])
    return stats["response_received_count"] / stats["elapsed_time_seconds"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=40, help="clones of the replay site's 50 articles")
    ap.add_argument("--bench-seconds", type=int, default=10)
    args = ap.parse_args()
    r = crawl(args.copies)
    ours = r["article_pages"] / r["wall"]
    print(f"replay site        {r['articles']} articles ({r['stored']} relevant stored), {r['pages']} pages served")
    print(f"antt crawl         {r['wall']:.1f} s wall (process start to exit, 5 outlet spiders in one process)")
    print(f"article pages/s    {ours:.1f}   (all pages/s {r['pages'] / r['wall']:.1f})")
    print(f"peak memory        {r['peak_mb']:.0f} MB (max RSS of the crawl process)")
    bench = scrapy_bench(args.bench_seconds)
    print(f"scrapy bench       {bench:.1f} pages/s ({args.bench_seconds} s run, same machine, same invocation)")
    print(f"ratio              {r['pages'] / r['wall'] / bench:.2f} (all pages/s ÷ scrapy bench), "
          f"{ours / bench:.2f} (article pages/s ÷ scrapy bench)")


if __name__ == "__main__":
    main()
