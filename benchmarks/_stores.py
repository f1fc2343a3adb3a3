"""Synthetic stores for the scale-out benchmarks: the bundled sample articles (invented texts,
real size) copied under new URLs, each with about 110 KB of compressed-page HTML as a crawl
stores it, and optionally the results a finished build left (so nothing is new)."""

from __future__ import annotations

import json
import sys
import zlib
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def samples():
    from antt.inputs import article_from_mapping

    rows = [json.loads(x) for x in (ROOT / "antt" / "data" / "sample_articles.jsonl").read_text("utf-8").splitlines()
            if x.strip()]
    return [article_from_mapping(r, default_id=f"s{n}") for n, r in enumerate(rows)]


def populate(url: str, n: int, *, built: bool) -> None:
    """`n` articles into a new store at `url`; with `built`, their judgements and results too."""
    from sqlalchemy import insert

    from core.config import EXTRACTOR_VERSION
    from core.store import FACT_TABLES, Store, articles, content_hash, extractions, fact_rows
    from nlp.extract import extract_article
    from nlp.fingerprint import fingerprint
    from nlp.relevance import filter_version, is_relevant

    tpl = []
    for a in samples():
        ex = extract_article(a, doc_id="x")
        html = f"<html><body><article><h1>{a.title}</h1><p>{a.text}</p></article>".encode()
        html += b"<div class='furniture'>" + b"menu tin tuc lien quan " * (110_000 // 23) + b"</div></body></html>"
        tpl.append((a, ex, zlib.compress(html, 6), content_hash(a), fingerprint(a.text), is_relevant(a.text)))
    now = datetime.now(UTC)
    fversion = filter_version()
    with Store.open(url) as store, store.engine.begin() as conn:
        for start in range(0, n, 1000):
            arts, exs, facts = [], [], {k: [] for k in FACT_TABLES}
            for i in range(start + 1, min(n, start + 1000) + 1):
                a, ex, html, digest, fp, rel = tpl[i % len(tpl)]
                u = f"https://{a.outlet}/bai-{i}-post{100000 + i}.html"
                arts.append(dict(id=i, url=u, outlet=a.outlet, title=a.title, lead=a.lead, text=a.text,
                                 published=a.published_iso, tags="[]", raw_html=html, content_hash=digest,
                                 created_at=now, updated_at=now, source="bench", source_id=str(i),
                                 relevant=rel if built else None, relevance_version=fversion if built else None,
                                 fingerprint=fp if built else None))
                if built and rel:
                    exs.append(dict(id=i, article_id=i, extractor_version=EXTRACTOR_VERSION, content_hash=digest,
                                    record=json.dumps(ex.to_dict(), ensure_ascii=False, sort_keys=True),
                                    created_at=now))
                    for kind, rows in fact_rows(ex, u).items():
                        facts[kind] += [dict(r, extraction_id=i, article_id=i) for r in rows]
            conn.execute(insert(articles), arts)
            if exs:
                conn.execute(insert(extractions), exs)
            for kind, rows in facts.items():
                if rows:
                    conn.execute(insert(FACT_TABLES[kind]), rows)
        if store.dialect == "postgresql":  # ids were given: move the sequences past them
            for table in ("articles", "extractions"):
                conn.exec_driver_sql(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")
