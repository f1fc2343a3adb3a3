"""All cores, and builds that cost what changed: `--workers N` gives the output of one worker;
a build with nothing new reads no HTML and writes no result again."""

from __future__ import annotations

import json
import sqlite3

from core.store import Store

from .conftest import sample_articles


def _jsonl(path, copies: int) -> None:
    path.write_text("".join(json.dumps({"url": a.url, "title": a.title, "text": a.text, "outlet": a.outlet,
                                        "published": a.published_iso}, ensure_ascii=False) + "\n"
                            for a in sample_articles(copies)), encoding="utf-8")


def test_extract_with_two_workers_writes_what_one_writes(tmp_path, run_antt):
    docs = tmp_path / "docs.jsonl"
    _jsonl(docs, 3)
    one = run_antt("extract", "--workers", "1", str(docs))
    two = run_antt("extract", "--workers", "2", str(docs))
    assert one.returncode == two.returncode == 0, two.stderr[-2000:]
    assert len(one.stdout.splitlines()) == 48 and one.stdout == two.stdout
    bad = run_antt("extract", "--workers", "0", str(docs))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def _store(path, copies: int) -> str:
    url = f"sqlite:///{path}"
    with Store.open(url) as store:
        for article in sample_articles(copies):
            store.upsert_article(article)
    return url


def test_build_with_two_workers_gives_the_catalog_of_one(tmp_path, run_antt):
    outs = {}
    for n in (1, 2):
        db = _store(tmp_path / f"w{n}.sqlite", 8)
        res = run_antt("build", "-q", "--workers", str(n), "--db", db, "--output", str(tmp_path / f"out{n}"))
        assert res.returncode == 0, res.stderr[-2000:]
        outs[n] = tmp_path / f"out{n}"
    lines = (outs[1] / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 50 and (outs[2] / "extractions.jsonl").read_text(encoding="utf-8").splitlines() == lines
    for csv in sorted((outs[1] / "catalog").glob("*.csv")):
        assert (outs[2] / "catalog" / csv.name).read_bytes() == csv.read_bytes(), csv.name


def test_a_build_with_nothing_new_reads_no_html_and_writes_nothing_again(tmp_path):
    """After a first build, the stored HTML is made unreadable: a second build must not need
    it, extracts nothing, and leaves every result as it was; a changed text is done again."""
    from pipelines.extraction import extract_stored, write_outputs

    path = tmp_path / "s.sqlite"
    url = _store(path, 4)
    with Store.open(url) as store:
        first = extract_stored(store, workers=2, batch=8)
        write_outputs(first, tmp_path / "a")
    db = sqlite3.connect(path)
    db.execute("update articles set raw_html = x'00ff00ff'")  # not zlib: any read of it would fail
    db.commit()
    before = db.execute("select id, created_at, record from extractions order by id").fetchall()
    with Store.open(url) as store:
        again = extract_stored(store, workers=2, batch=8)
        write_outputs(again, tmp_path / "b")
    assert (first.extracted, again.extracted, again.reused) == (first.relevant, 0, first.relevant) != (0, 0, 0)
    assert db.execute("select id, created_at, record from extractions order by id").fetchall() == before
    assert (tmp_path / "b" / "extractions.jsonl").read_bytes() == (tmp_path / "a" / "extractions.jsonl").read_bytes()
    db.execute("update articles set relevance_version = 'topic-older'")  # a new topic filter
    db.commit()
    with Store.open(url) as store:
        rejudged = extract_stored(store, workers=2, batch=8)
    assert (rejudged.extracted, rejudged.relevant) == (0, first.relevant)  # judged again, not extracted
    assert db.execute("select id, created_at, record from extractions order by id").fetchall() == before
    changed = sample_articles()[0]
    changed.text += " Tổ tự quản có thêm 12 thành viên."
    with Store.open(url) as store:
        store.upsert_article(changed)
        third = extract_stored(store, workers=1)
    assert (third.extracted, third.relevant) == (1, first.relevant)
