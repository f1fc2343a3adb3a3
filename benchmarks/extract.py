"""Extraction speed on one core: articles per second over >= 1,000 articles, start-up, peak memory.

    python benchmarks/extract.py [--articles 1000]

The articles are the development texts (tests/data/dev) and the bundled sample, repeated
with a varying suffix so that no cache can short-cut the work.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "data").glob("*/*.txt")):
        texts.append(path.read_text(encoding="utf-8").split("\n\n", 1)[-1])
    for line in (ROOT / "antt" / "data" / "sample_articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts.append("\n\n".join([row["title"], row.get("lead") or "", *row["body"]]))
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3, help="repeat and report the median")
    args = ap.parse_args()
    t0 = time.perf_counter()
    from nlp.extract import extract_text

    extract_text("Công an phường Cẩm Châu có 5 tổ.", "warmup")  # loads gazetteer and kinds
    startup = time.perf_counter() - t0
    texts = corpus()
    rates, walls, facts, chars = [], [], 0, 0
    for run in range(args.runs):
        t1, c1 = time.perf_counter(), time.process_time()
        for i in range(args.articles):
            text = texts[i % len(texts)] + f"\n\nBài {run}-{i}."
            chars += len(text)
            ex = extract_text(text, f"b{i}", published="2024-05-01")
            facts += len(ex.statistics) + len(ex.models) + len(ex.locations)
        rates.append(args.articles / (time.process_time() - c1))
        walls.append(args.articles / (time.perf_counter() - t1))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = args.articles * args.runs
    print(f"articles          {args.articles} x {args.runs} runs (from {len(texts)} distinct texts, "
          f"{chars / n:.0f} chars avg)")
    print(f"start-up          {startup:.2f} s (imports, gazetteer, model kinds)")
    print(f"articles/second   {statistics.median(rates):.1f} per CPU second, median of {args.runs} runs "
          f"(min {min(rates):.1f}, max {max(rates):.1f}; one process, one core)")
    print(f"articles/second   {statistics.median(walls):.1f} wall clock, median (lower when the machine is shared)")
    print(f"facts extracted   {facts // args.runs} per run")
    print(f"peak memory       {peak_mb:.0f} MB (max RSS)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
