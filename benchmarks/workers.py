"""Extraction on all cores: `antt build`'s extraction stage with 1, 2, ... worker processes.

    python benchmarks/workers.py [--articles 1600] [--workers 1,2] [--db postgresql://...]

Each run starts from the same new store (benchmarks/_stores.py: sample texts at real size,
HTML stored, nothing judged or extracted) and times `extract_stored(store, workers=N)`:
topic judgement, extraction, fingerprints and the writes, pool start included. On SQLite one
process reads and writes and the workers extract; on PostgreSQL every worker claims its own
batches (FOR UPDATE SKIP LOCKED), as `antt build --extract-only` on other machines would.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

from _stores import ROOT, populate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1600)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--db", help="a PostgreSQL server URL ending in a database name to create and drop")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from core.store import Store
    from pipelines.extraction import extract_stored

    print(f"cores: {len(os.sched_getaffinity(0))}; load average {os.getloadavg()[0]:.1f}; "
          f"{args.articles} articles to judge and extract")
    print(f"this machine's own speed-up on pure Python arithmetic, 2 processes: {_machine():.2f}x "
          "(the ceiling for any program here now)")
    print(f"{'workers':>7} {'seconds':>8} {'articles/s':>11} {'speed-up':>9}")
    base = None
    for n in (int(x) for x in args.workers.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            url = _fresh(args.db, n) if args.db else f"sqlite:///{tmp}/w.sqlite"
            populate(url, args.articles, built=False)
            with Store.open(url) as store:
                t0 = time.perf_counter()
                summary = extract_stored(store, workers=n)
                s = time.perf_counter() - t0
            base = base or s
            print(f"{n:>7} {s:>8.1f} {args.articles / s:>11.1f} {base / s:>8.2f}x   "
                  f"(extracted {summary.extracted}, {summary.relevant} relevant)")


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def _machine(n: int = 10_000_000) -> float:
    import multiprocessing as mp

    t0 = time.perf_counter()
    _burn(n), _burn(n)
    serial = time.perf_counter() - t0
    with mp.get_context("fork").Pool(2) as pool:
        t0 = time.perf_counter()
        pool.map(_burn, [n, n])
        return serial / (time.perf_counter() - t0)


def _fresh(server_url: str, n: int) -> str:
    """A new database on the server for run `n` (dropped first if a run left it)."""
    from sqlalchemy import create_engine

    from core.store import engine_url

    head, name = server_url.rsplit("/", 1)
    name = f"{name}_w{n}"
    admin = create_engine(engine_url(f"{head}/postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return f"{head}/{name}"


if __name__ == "__main__":
    main()
