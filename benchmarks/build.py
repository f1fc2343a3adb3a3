"""Catalog build speed and memory for 1,000, 10,000 and 100,000 synthetic articles.

    python benchmarks/build.py [--sizes 1000,10000,100000]

Synthetic articles are generated from the development and holdout texts: each text is
extracted once, then its facts are copied to many articles with new URLs, outlets, dates
and slightly changed figures (5% are syndicated copies of another article). They are
written straight into a fresh store; the benchmark then times `antt build`'s catalog stage
(load facts, syndication, aggregation, conflicts, CSV/Parquet/SQLite/Data Package exports)
in a separate process per size, for a clean peak-memory figure.
"""

from __future__ import annotations

import argparse
import array
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUTLETS = ["cand.vn", "cand.com.vn", "sggp.org.vn", "congan.com.vn", "thanhuytphcm.vn", "baodanang.vn",
           "baoquangnam.vn", "nhandan.vn", "vnexpress.net", "tuoitre.vn"]


def templates() -> list[tuple[dict, bytes]]:
    from antt.inputs import read_documents
    from nlp.extract import extract_article
    from nlp.fingerprint import fingerprint

    out = []
    for path in sorted((ROOT / "tests" / "data").glob("*/*.txt")):
        doc = next(read_documents(path))
        out.append((extract_article(doc.article, doc.doc_id).to_dict(), fingerprint(doc.article.text)))
    return out


def populate(db: Path, n: int, seed: int = 7) -> None:
    from core.records import Extraction
    from core.store import Store, fact_rows

    rng = random.Random(seed)
    tpl = templates()
    with Store.open(f"sqlite:///{db}"):
        pass
    conn = sqlite3.connect(db)
    from core.config import EXTRACTOR_VERSION

    facts: dict[str, list[tuple]] = {"statistics": [], "models": [], "locations": []}
    columns: dict[str, list[str]] = {}
    articles, extractions, last_fp = [], [], b""
    for i in range(1, n + 1):
        record, fp = tpl[i % len(tpl)]
        day = f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        outlet = rng.choice(OUTLETS)
        url = f"https://{outlet}/bai-{i}-post{100000 + i}.html"
        if i > 1 and rng.random() < 0.05:
            fp = last_fp  # a syndicated copy of the previous article
        else:
            fp = array.array("I", sorted(rng.getrandbits(32) for _ in range(32))).tobytes()  # an unrelated story
        last_fp = fp
        articles.append((i, url, outlet, record.get("title"), "synthetic", day, f"h{i}", "2026-01-01", "2026-01-01", fp))
        extractions.append((i, i, EXTRACTOR_VERSION, f"h{i}", "{}", "2026-01-01"))
        ex = Extraction.from_dict(record)
        scale = 1 + rng.uniform(-0.2, 0.4)
        for s in ex.statistics:
            s.value = round(s.value * scale)
        for kind, rows in fact_rows(ex, url).items():
            for row in rows:
                row.update(extraction_id=i, article_id=i)
                columns.setdefault(kind, list(row))
                facts[kind].append(tuple(row[c] for c in columns[kind]))
    conn.executemany("INSERT INTO articles (id, url, outlet, title, text, published, content_hash, created_at, "
                     "updated_at, fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?)", articles)
    conn.executemany("INSERT INTO extractions (id, article_id, extractor_version, content_hash, record, created_at) "
                     "VALUES (?,?,?,?,?,?)", extractions)
    for kind, rows in facts.items():
        cols = columns[kind]
        table = f"fact_{kind}"
        conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
    conn.commit()
    conn.close()


def build_once(db: Path, out: Path) -> dict:
    """Run in a child process: time the catalog stage only."""
    from core.store import Store
    from pipelines.catalog import build_catalog
    from pipelines.export import write_exports

    t0 = time.perf_counter()
    with Store.open(f"sqlite:///{db}") as store:
        catalog = build_catalog(store)
    t1 = time.perf_counter()
    write_exports(catalog, out)
    t2 = time.perf_counter()
    return {"build_s": t1 - t0, "export_s": t2 - t1, "statistics": len(catalog["statistics"]),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--child", nargs=2, metavar=("DB", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(build_once(Path(args.child[0]), Path(args.child[1]))))
        return
    print(f"{'articles':>9} {'facts':>10} {'build s':>8} {'export s':>9} {'total s':>8} {'s/1k art':>9} {'peak MB':>8}")
    for n in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            db, out = Path(tmp) / "bench.sqlite", Path(tmp) / "out"
            populate(db, n)
            res = subprocess.run([sys.executable, __file__, "--child", str(db), str(out)], capture_output=True,
                                 text=True, cwd=ROOT)
            if res.returncode != 0:
                sys.exit(res.stderr[-3000:])
            r = json.loads(res.stdout.strip().splitlines()[-1])
            total = r["build_s"] + r["export_s"]
            print(f"{n:>9} {r['statistics']:>10} {r['build_s']:>8.1f} {r['export_s']:>9.1f} {total:>8.1f} "
                  f"{total / n * 1000:>9.2f} {r['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
