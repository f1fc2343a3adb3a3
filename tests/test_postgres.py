"""PostgreSQL as a first-class store, on the real server of this machine (CI's too: there a
missing server fails the run, tests/conftest.py): the same migrations create and upgrade it,
every command runs on it, several extraction processes share its work, and no password is
ever printed."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, inspect

from core.records import Extraction, Statistic
from core.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError, schema_info

from .conftest import sample_articles

SECRET = "sekret-pw-42"


def _with_password(url: str) -> str:
    return url.replace("postgresql://postgres@", f"postgresql://postgres:{SECRET}@")


def test_a_schema_2_store_is_upgraded_by_the_same_migrations(pg_url):
    """The state the BLOB column left stores in (schema 2) upgrades in place; binary columns
    are bytea, a column of NULL figures reads as floats, the article is kept."""
    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        schema_info.create(conn)
        for version, step in enumerate(MIGRATIONS[:2], 1):
            step(conn)
            conn.execute(insert(schema_info).values(version=version, migrated_at=datetime(2024, 1, 1)))
        conn.exec_driver_sql("INSERT INTO articles (url, text, content_hash, created_at, updated_at) VALUES "
                             "('https://cand.vn/a-post1.html', 'Bài cũ.', 'h', now(), now())")
    engine.dispose()
    with Store.open(pg_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        columns = {c["name"]: c["type"] for c in inspect(store.engine).get_columns("articles")}
        assert type(columns["fingerprint"]).__name__ == "BYTEA" and "relevance_version" in columns
        old = store.get_article("https://cand.vn/a-post1.html")
        assert old is not None and old.text == "Bài cũ."
        art_id, _ = store.upsert_article(sample_articles()[0])
        ex = Extraction(doc_id="d", statistics=[Statistic(5, "exact", "tổ", "tổ", None, None, None, "5 tổ")],
                        extractor_version="v-pg")
        store.save_extraction(art_id, ex, "h1", b"\x00\x01fp")
        assert store.extraction_is_current(art_id, "v-pg", "h1")
        with store.snapshot() as snap:
            facts = snap.facts("statistics", "v-pg")
            arts = snap.extracted_articles("v-pg")
        assert facts["value"].tolist() == [5.0] and str(facts["total"].dtype) == "float64"
        assert arts["fingerprint"].tolist() == [b"\x00\x01fp"]
    with Store.open(pg_url) as store:  # opened again: nothing to migrate, nothing lost
        assert store.schema_version() == SCHEMA_VERSION and store.count_articles() == 2


def test_a_password_is_never_printed(pg_url, run_antt, tmp_path):
    missing = _with_password(pg_url) + "_missing"
    with pytest.raises(StoreError) as err:
        Store.open(missing)
    assert SECRET not in str(err.value) and "***" in str(err.value) and "does not exist" in str(err.value)
    res = run_antt("build", "-q", "--db", missing)
    assert res.returncode == 1 and SECRET not in res.stdout + res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


def _records(out: Path) -> set[str]:
    (path,) = out.rglob("extractions.jsonl")
    return set(path.read_text(encoding="utf-8").splitlines())


def test_every_command_runs_on_postgresql_as_on_sqlite(pg_databases, run_antt, tmp_path):
    """extract --save, build, report, demo (with its crawl of the replay site): the same
    records as on SQLite, and the password is never shown."""
    demo_pg, extract_pg = (_with_password(u) for u in pg_databases(2))
    res = run_antt("demo", "--db", demo_pg, "--output", str(tmp_path / "pg"))
    assert res.returncode == 0, res.stderr[-2000:]
    assert SECRET not in res.stdout + res.stderr and "postgres:***@" in res.stdout
    res_sqlite = run_antt("demo", "-q", "--output", str(tmp_path / "sq"))
    assert res_sqlite.returncode == 0, res_sqlite.stderr[-2000:]
    assert _records(tmp_path / "pg") == _records(tmp_path / "sq") and _records(tmp_path / "sq")

    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps({"url": a.url, "title": a.title, "text": a.text, "outlet": a.outlet,
                                        "published": a.published_iso}, ensure_ascii=False) + "\n"
                            for a in sample_articles()[:6]), encoding="utf-8")
    out = tmp_path / "ex"
    res = run_antt("extract", "--save", "--db", extract_pg, "--out", str(tmp_path / "records.jsonl"), str(docs))
    assert res.returncode == 0, res.stderr[-2000:]
    res = run_antt("build", "-q", "--db", extract_pg, "--output", str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    res = run_antt("report", "--db", extract_pg, "--output", str(out))
    assert res.returncode == 0 and (out / "report" / "index.html").exists()
    with Store.open(extract_pg) as store:
        assert store.count_articles() == 6
    assert SECRET not in res.stdout + res.stderr


def test_extraction_processes_on_several_machines_never_take_one_article_twice(pg_url, tmp_path):
    """Three `antt build --extract-only` processes at once on one PostgreSQL store (as on
    three machines): together they extract each relevant article once."""
    from sqlalchemy import func, select

    from core.config import EXTRACTOR_VERSION
    from core.store import extractions
    from nlp.relevance import filter_version
    from tests.conftest import antt_command

    with Store.open(pg_url) as store:
        for article in sample_articles(copies=8):
            store.upsert_article(article)
    procs = [subprocess.Popen([*antt_command(), "build", "--extract-only", "--workers", "1", "--db", pg_url],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
             for _ in range(3)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-500:] for o in outs]
    counts = [int(o[0].split()[1]) for o in outs]  # "extracted N article(s)"
    with Store.open(pg_url) as store:
        relevant = store.count_relevant()
        with store.engine.connect() as conn:
            results = conn.execute(select(func.count()).select_from(extractions)).scalar()
        left = store.count_pending(EXTRACTOR_VERSION, filter_version())
    print("extracted per process:", counts)
    assert relevant > 50 and sum(counts) == relevant == results and left == 0, counts
