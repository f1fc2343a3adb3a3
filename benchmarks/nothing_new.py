"""A build with nothing new, on 20,000 stored articles with their HTML (issue 12: < 3 s, < 500 MB).

    python benchmarks/nothing_new.py [--articles 20000] [--db postgresql://...]

The store holds every article already judged and extracted (benchmarks/_stores.py). Printed,
each in a fresh process for a clean peak memory: the extraction stage (`extract_stored`: what
needs work, none; extractions.jsonl streamed from the store), the whole `antt build` command
once to make the catalog, then again with nothing new (the figure issue 12 asks for: the
catalog is not rebuilt, its outputs stay as they are).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _stores import ROOT, populate


def child(mode: str, url: str, out: str) -> dict:
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    if mode == "stage":
        from core.store import Store
        from pipelines.extraction import extract_stored, write_outputs

        with Store.open(url) as store:
            summary = extract_stored(store)
            write_outputs(summary, Path(out))
        done = {"extracted": summary.extracted, "reused": summary.reused}
    else:
        from antt.cli import main

        code = main(["build", "-q", "--db", url, "--output", out])
        done = {"exit": code}
    return {**done, "s": time.perf_counter() - t0,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--db", help="a PostgreSQL URL of an empty database (default: a SQLite file)")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{tmp}/bench.sqlite"
        t0 = time.perf_counter()
        populate(url, args.articles, built=True)
        print(f"store: {args.articles} articles with HTML, all built ({time.perf_counter() - t0:.0f} s to make)")
        runs = (("stage", "extraction stage (nothing new)"), ("build", "antt build (first: catalog made)"),
                ("build", "antt build (whole, nothing new)"))
        for mode, label in runs:
            res = subprocess.run([sys.executable, __file__, "--child", mode, url, f"{tmp}/out"], capture_output=True,
                                 text=True, cwd=ROOT)
            if res.returncode != 0:
                sys.exit(res.stderr[-3000:])
            r = json.loads(res.stdout.strip().splitlines()[-1])
            extra = {k: v for k, v in r.items() if k not in ("s", "peak_mb")}
            print(f"{label:<34} {r['s']:>6.2f} s  {r['peak_mb']:>6.0f} MB peak  {extra}")


if __name__ == "__main__":
    main()
