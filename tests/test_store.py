"""The article store on a real SQLite file: round trips, idempotent upserts, migrations."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from antt.records import Article, Extraction, Statistic
from antt.store import SCHEMA_VERSION, Store, StoreError


def _article(**kw) -> Article:
    base = dict(url="https://www.cand.vn/mo-hinh-post1.html?utm_source=fb#top", text="Văn bản bài báo.",
                title="Tiêu đề", outlet="cand.vn", published="2024-05-14", tags=["ANTT"],
                raw_html="<html><body>Văn bản bài báo.</body></html>".encode())
    base.update(kw)
    return Article(**base)


def test_round_trip_and_canonical_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'antt.sqlite'}"
    with Store.open(url) as store:
        art_id, changed = store.upsert_article(_article())
        assert changed
    with Store.open(url) as store:  # reopened: data is on disk
        got = store.get_article("https://cand.vn/mo-hinh-post1.html")
        assert got is not None
        assert got.url == "https://cand.vn/mo-hinh-post1.html"
        assert got.title == "Tiêu đề" and got.tags == ["ANTT"] and got.published == "2024-05-14"
        assert got.raw_html == _article().raw_html
    raw = sqlite3.connect(tmp_path / "antt.sqlite").execute("select raw_html from articles").fetchone()[0]
    assert raw != _article().raw_html  # stored compressed


def test_upsert_is_idempotent_and_updates_changed_text(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'a.sqlite'}") as store:
        first, _ = store.upsert_article(_article())
        again, changed = store.upsert_article(_article(url="https://cand.vn/mo-hinh-post1.html"))
        assert (again, changed) == (first, False)
        _, changed = store.upsert_article(_article(text="Văn bản mới."))
        assert changed and store.count_articles() == 1
        assert store.get_article(_article().url).text == "Văn bản mới."


def test_extractions_record_the_extractor_version(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'a.sqlite'}") as store:
        art_id, _ = store.upsert_article(_article())
        ex = Extraction(doc_id="d", statistics=[Statistic(5, "exact", "tổ", "tổ", None, None, None, "5 tổ")],
                        extractor_version="v-test")
        store.save_extraction(art_id, ex, "hash1")
        store.save_extraction(art_id, ex, "hash1")
        assert store.extraction_is_current(art_id, "v-test", "hash1")
        assert not store.extraction_is_current(art_id, "v-test", "hash2")
        assert not store.extraction_is_current(art_id, "v-other", "hash1")
        rows = list(store.iter_extractions("v-test"))
        assert len(rows) == 1 and rows[0][1].statistics[0].unit == "tổ"


def test_schema_is_versioned_and_migrations_are_applied_once(tmp_path):
    path = tmp_path / "a.sqlite"
    with Store.open(f"sqlite:///{path}") as store:
        assert store.schema_version() == SCHEMA_VERSION
    with Store.open(f"sqlite:///{path}") as store:
        assert store.schema_version() == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    assert conn.execute("select count(*) from schema_info").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_newer_schema_and_garbage_files_are_refused(tmp_path):
    path = tmp_path / "a.sqlite"
    with Store.open(f"sqlite:///{path}"):
        pass
    conn = sqlite3.connect(path)
    conn.execute("insert into schema_info (version, migrated_at) values (999, '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this program"):
        Store.open(f"sqlite:///{path}")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a usable database"):
        Store.open(f"sqlite:///{junk}")
    assert junk.read_bytes() == b"this is not a database" * 100  # left as it was


def test_an_old_database_is_upgraded_in_place(tmp_path):
    """A store created by an earlier version (schema v1) keeps its articles when opened now."""
    from sqlalchemy import create_engine, insert

    from antt.store import MIGRATIONS, schema_info

    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        schema_info.create(conn)
        MIGRATIONS[0](conn)
        conn.execute(insert(schema_info).values(version=1, migrated_at=datetime(2024, 1, 1)))
        conn.exec_driver_sql(
            "INSERT INTO articles (url, text, content_hash, created_at, updated_at) "
            "VALUES ('https://cand.vn/a-post1.html', 'Bài cũ.', 'h', '2024-01-01', '2024-01-01')")
    engine.dispose()
    with Store.open(f"sqlite:///{path}") as store:
        assert store.schema_version() == SCHEMA_VERSION > 1
        old = store.get_article("https://cand.vn/a-post1.html")
        assert old is not None and old.text == "Bài cũ."
        store.mark_seen("cand", "1", old.url, True)  # tables of later migrations exist
        assert store.seen_ids("cand") == {"1"}
