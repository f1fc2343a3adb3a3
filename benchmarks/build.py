"""Build speed and memory for 10,000, 100,000 (and 1,000,000) synthetic stored articles.

    python benchmarks/build.py [--sizes 10000,100000] [--stage]

Synthetic articles are generated from the development and holdout texts: each text is
extracted once, then its facts are copied to many articles with new URLs, outlets, dates
and slightly changed figures (5% are syndicated copies of another article). They are
written straight into a fresh store, with their real-size text, their compressed page HTML
(about 110 KB of page, as benchmarks/_stores.py makes it) and their topic judgement, as a
crawl and a finished extraction leave them. The benchmark then times the WHOLE `antt build`
command (nothing to extract; the catalog built and exported: CSV, Parquet, SQLite with its
search index, Data Package), then the same build again with nothing new, each in a separate
process for a clean peak-memory figure. `--stage`: the catalog stage alone, as before.
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


def templates() -> list[tuple[dict, bytes, str]]:
    from antt.inputs import read_documents
    from nlp.extract import extract_article
    from nlp.fingerprint import fingerprint

    out = []
    for path in sorted((ROOT / "tests" / "data").glob("*/*.txt")):
        doc = next(read_documents(path))
        out.append((extract_article(doc.article, doc.doc_id).to_dict(), fingerprint(doc.article.text),
                    doc.article.text))
    return out


def populate(db: Path, n: int, seed: int = 7) -> None:
    import zlib

    from core.records import Extraction
    from core.store import Store, fact_rows
    from nlp.relevance import filter_version

    rng = random.Random(seed)
    tpl = templates()
    with Store.open(f"sqlite:///{db}"):
        pass
    conn = sqlite3.connect(db)
    from core.config import EXTRACTOR_VERSION

    html = zlib.compress(b"<html><body><div class='furniture'>" + b"menu tin tuc lien quan " * (110_000 // 23)
                         + b"</div></body></html>", 6)
    fversion = filter_version()
    columns: dict[str, list[str]] = {}
    last_fp = b""
    facts: dict[str, list[tuple]] = {"statistics": [], "models": [], "locations": []}
    articles: list[tuple] = []
    extractions: list[tuple] = []
    for i in range(1, n + 1):
        record, fp, text = tpl[i % len(tpl)]
        day = f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        outlet = rng.choice(OUTLETS)
        url = f"https://{outlet}/bai-{i}-post{100000 + i}.html"
        if i > 1 and rng.random() < 0.05:
            fp = last_fp  # a syndicated copy of the previous article
        else:
            fp = array.array("I", sorted(rng.getrandbits(32) for _ in range(32))).tobytes()  # an unrelated story
        last_fp = fp
        articles.append((i, url, outlet, record.get("title"), text, day, f"h{i}", "2026-01-01", "2026-01-01", fp,
                         html, True, fversion))
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
        if i % 20000 == 0 or i == n:  # written in parts: the generator's memory stays small at 1M
            _write(conn, articles, extractions, facts, columns)
            articles, extractions = [], []
            facts = {k: [] for k in facts}
    conn.commit()
    conn.close()


def _write(conn, articles, extractions, facts, columns) -> None:
    conn.executemany("INSERT INTO articles (id, url, outlet, title, text, published, content_hash, created_at, "
                     "updated_at, fingerprint, raw_html, relevant, relevance_version) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", articles)
    conn.executemany("INSERT INTO extractions (id, article_id, extractor_version, content_hash, record, created_at) "
                     "VALUES (?,?,?,?,?,?)", extractions)
    for kind, rows in facts.items():
        if rows:
            cols = columns[kind]
            conn.executemany(f"INSERT INTO fact_{kind} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                             rows)


def build_once(db: Path, out: Path) -> dict:
    """Run in a child process: time the catalog stage only (`--stage`)."""
    from core.store import Store
    from pipelines.catalog import build_catalog
    from pipelines.export import write_exports

    t0 = time.perf_counter()
    with Store.open(f"sqlite:///{db}") as store, build_catalog(store, workdir=out) as catalog:
        t1 = time.perf_counter()
        write_exports(catalog, out)
        t2 = time.perf_counter()
        n = catalog.count("SELECT count(*) FROM statistics")
    return {"build_s": t1 - t0, "export_s": t2 - t1, "statistics": n,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def whole_build(db: Path, out: Path) -> dict:
    """Run in a child process: the whole `antt build` command."""
    from antt.cli import main

    t0 = time.perf_counter()
    code = main(["build", "-q", "--db", f"sqlite:///{db}", "--output", str(out)])
    return {"exit": code, "s": time.perf_counter() - t0,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _child(mode: str, db: Path, out: Path) -> dict:
    res = subprocess.run([sys.executable, __file__, "--child", mode, str(db), str(out)], capture_output=True,
                         text=True, cwd=ROOT)
    if res.returncode != 0:
        sys.exit(res.stderr[-3000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--stage", action="store_true", help="the catalog stage alone (load, aggregate, export)")
    ap.add_argument("--child", nargs=3, metavar=("MODE", "DB", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run = build_once if args.child[0] == "stage" else whole_build
        print(json.dumps(run(Path(args.child[1]), Path(args.child[2]))))
        return
    if args.stage:
        print(f"{'articles':>9} {'facts':>10} {'build s':>8} {'export s':>9} {'total s':>8} {'s/1k art':>9} "
              f"{'peak MB':>8}")
    else:
        print(f"{'articles':>9} {'antt build s':>13} {'s/1k art':>9} {'peak MB':>8} {'nothing new s':>14} {'MB':>6}")
    for n in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            db, out = Path(tmp) / "bench.sqlite", Path(tmp) / "out"
            populate(db, n)
            if args.stage:
                r = _child("stage", db, out)
                total = r["build_s"] + r["export_s"]
                print(f"{n:>9} {r['statistics']:>10} {r['build_s']:>8.1f} {r['export_s']:>9.1f} {total:>8.1f} "
                      f"{total / n * 1000:>9.2f} {r['peak_mb']:>8.0f}")
                continue
            first, again = _child("build", db, out), _child("build", db, out)
            print(f"{n:>9} {first['s']:>13.1f} {first['s'] / n * 1000:>9.2f} {first['peak_mb']:>8.0f} "
                  f"{again['s']:>14.1f} {again['peak_mb']:>6.0f}", flush=True)


if __name__ == "__main__":
    main()
