"""The article store on a real SQLite file: round trips, idempotent upserts, migrations."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from core.records import Article, Extraction, Statistic
from core.store import SCHEMA_VERSION, Store, StoreError


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

    from core.store import MIGRATIONS, schema_info

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


# -- concurrency (single process; tests/test_store_concurrency.py runs real processes) ---------
def _with_result(store: Store, url: str, figures: int, version: str = "v-test") -> int:
    art_id, _ = store.upsert_article(_article(url=url))
    stats = [Statistic(i + 1, "exact", "tổ", "tổ", None, None, None, f"{i + 1} tổ", start=i, end=i + 1)
             for i in range(figures)]
    store.save_extraction(art_id, Extraction(doc_id=url, statistics=stats, extractor_version=version), "h")
    return art_id


def test_a_snapshot_does_not_see_what_is_written_after_it_began(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.sqlite'}"
    with Store.open(url) as reader, Store.open(url) as writer:
        _with_result(writer, "https://cand.vn/a-post1.html", 2)
        with reader.snapshot() as snap:
            assert len(snap.extracted_articles("v-test")) == 1
            _with_result(writer, "https://cand.vn/b-post2.html", 3)  # not blocked by the reader
            first = _with_result(writer, "https://cand.vn/a-post1.html", 5)  # replaces a's 2 figures
            assert len(snap.extracted_articles("v-test")) == 1
            facts = snap.facts("statistics", "v-test")
            assert len(facts) == 2 and set(facts["article_id"]) == {first}
            assert list(snap.facts("statistics", "v-test", ["fact_id", "value"]).columns) == ["fact_id", "value"]
        with reader.snapshot() as snap:
            assert len(snap.extracted_articles("v-test")) == 2
            assert len(snap.facts("statistics", "v-test")) == 5 + 3


def test_an_in_memory_store_reads_snapshots_without_adbc():
    with Store.open("sqlite://") as store:
        _with_result(store, "https://cand.vn/a-post1.html", 2)
        with store.snapshot() as snap:
            art = snap.extracted_articles("v-test")
            assert list(art.columns) == ["article_id", "url", "outlet", "published", "title", "fingerprint"]
            assert art["url"].tolist() == ["https://cand.vn/a-post1.html"]
            assert len(snap.facts("statistics", "v-test")) == 2
            assert snap.facts("statistics", "v-other").empty


def test_a_write_the_database_asks_to_restart_is_run_again_from_the_start(tmp_path):
    from sqlalchemy import func, insert, select
    from sqlalchemy.exc import OperationalError

    from core.store import seen

    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = 5  # SQLITE_BUSY
    attempts = []

    def work(conn):
        conn.execute(insert(seen).values(source="cand", source_id=str(len(attempts)), url="https://cand.vn/x",
                                         relevant=True, first_seen=datetime(2024, 1, 1)))
        attempts.append(1)
        if len(attempts) < 3:
            raise OperationalError("INSERT", {}, busy)
        return "done"

    with Store.open(f"sqlite:///{tmp_path / 'a.sqlite'}") as store:
        assert store._write(work) == "done" and len(attempts) == 3
        with store.engine.connect() as conn:  # the failed attempts left nothing behind
            assert conn.execute(select(func.count()).select_from(seen)).scalar() == 1
            assert conn.execute(select(seen.c.source_id)).scalar() == "2"

        def broken(conn):
            raise OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: nope"))

        with pytest.raises(OperationalError, match="no such table"):
            store._write(broken)  # a real error is not retried


def test_a_writer_waits_for_another_process_lock_instead_of_failing(tmp_path):
    import threading
    import time

    path = tmp_path / "a.sqlite"
    url = f"sqlite:///{path}"
    with Store.open(url) as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 30_000
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock...
        other.execute("INSERT INTO seen (source, source_id, url, relevant, first_seen) "
                      "VALUES ('cand', '1', 'https://cand.vn/1', 1, '2024-01-01')")
        release = threading.Timer(1.0, other.execute, ["COMMIT"])  # ...for a second
        release.start()
        try:
            with Store.open(url) as again:  # opening an up-to-date store takes no write lock
                assert again.schema_version() == SCHEMA_VERSION
            t0 = time.monotonic()
            store.upsert_article(_article())  # waits for the lock, then writes
            assert time.monotonic() - t0 >= 0.5
        finally:
            release.join()
            other.close()
        assert store.count_articles() == 1 and store.seen_ids("cand") == {"1"}


def test_a_build_records_the_topic_judgement_of_every_article(tmp_path):
    """`articles.relevant` holds the filter's last judgement, written when it changes."""
    from pipelines.extraction import extract_stored

    db = tmp_path / "r.sqlite"
    on_topic = ("Công an xã Hòa Phong ra mắt mô hình tổ tự quản về an ninh trật tự, lắp 20 camera an ninh "
                "và duy trì tuần tra ban đêm để phòng ngừa tội phạm.")
    off_topic = "Giá rau xanh ở chợ đầu mối tăng nhẹ vì mưa kéo dài, người bán cho biết nguồn hàng về ít."
    with Store.open(f"sqlite:///{db}") as store:
        store.upsert_article(_article(url="https://cand.vn/a-post1.html", text=on_topic))
        store.upsert_article(_article(url="https://cand.vn/b-post2.html", text=off_topic))
        assert [s.relevant for s in store.iter_articles()] == [None, None]
        summary = extract_stored(store)
        assert summary.relevant == 1
    rows = sqlite3.connect(db).execute("select url, relevant from articles order by id").fetchall()
    assert rows == [("https://cand.vn/a-post1.html", 1), ("https://cand.vn/b-post2.html", 0)]


def test_a_build_judges_again_only_what_an_older_filter_judged(tmp_path):
    """Off-topic pages are kept: a newer topic filter brings them into the catalog without a
    refetch, and a judgement by the current filter is not made again."""
    from nlp.relevance import filter_version
    from pipelines.extraction import extract_stored

    on_topic = ("Công an phường An Bình duy trì mô hình tổ tự quản về an ninh trật tự, lắp 12 camera an "
                "ninh ở các ngõ và tổ chức tuần tra ban đêm để phòng ngừa tội phạm.")
    db = tmp_path / "r.sqlite"
    with Store.open(f"sqlite:///{db}") as store:
        old, _ = store.upsert_article(_article(url="https://cand.vn/a-post1.html", text=on_topic))
        now, _ = store.upsert_article(_article(url="https://cand.vn/b-post2.html", text=on_topic))
        store.set_relevance(old, False, "topic-0-older")  # an older filter left it out
        store.set_relevance(now, False, filter_version())  # the filter in use said no: kept as said
        summary = extract_stored(store)
        assert (summary.relevant, summary.extracted) == (1, 1)
        assert [e.url for e in summary.extractions()] == ["https://cand.vn/a-post1.html"]
        # a changed text is judged again whatever judged the old one
        store.upsert_article(_article(url="https://cand.vn/b-post2.html", text=on_topic + " Thêm một câu."))
        assert extract_stored(store).relevant == 2
    rows = sqlite3.connect(db).execute("select relevant, relevance_version from articles order by id").fetchall()
    assert rows == [(1, filter_version()), (1, filter_version())]


@pytest.mark.parametrize("first", ["old", "new"])
def test_an_article_read_under_two_url_forms_is_kept_under_the_current_domain(tmp_path, first):
    """One article (outlet id 789) under the moved outlet's old and new URL forms: whichever
    is read first, it is one row under the current domain, and a result naming the other URL
    is dropped so the next build extracts it again under the kept one."""
    old = _article(url="https://cand.com.vn/Chuyen-muc/mo-hinh-i789/", outlet="cand.com.vn", source="cand",
                   source_id="789")
    new = _article(url="https://cand.vn/mo-hinh-post789.html", outlet="cand.vn", source="cand", source_id="789")
    order = [old, new] if first == "old" else [new, old]
    with Store.open(f"sqlite:///{tmp_path / 'a.sqlite'}") as store:
        aid, _ = store.upsert_article(order[0], prefer_host="cand.vn")
        store.save_extraction(aid, Extraction(doc_id="x", url=order[0].url), "h")
        again, _ = store.upsert_article(order[1], prefer_host="cand.vn")
        assert again == aid and store.count_articles() == 1
        kept = store.get_article("https://cand.vn/mo-hinh-post789.html")
        assert kept is not None and kept.outlet == "cand.vn"
        assert store.get_article(old.url) is None
        results = list(store.iter_extractions())
        assert len(results) == (1 if first == "new" else 0)  # a result naming the old URL is gone


def test_a_url_form_seen_but_not_fetched_moves_the_article_only_when_preferred(tmp_path):
    """The crawl offers the other URL forms it saw for a stored article (spider close)."""
    with Store.open(f"sqlite:///{tmp_path / 'a.sqlite'}") as store:
        old = _article(url="https://cand.com.vn/Chuyen-muc/mo-hinh-i789/", outlet="cand.com.vn", source="cand",
                       source_id="789")
        aid, _ = store.upsert_article(old, prefer_host="cand.vn")
        store.save_extraction(aid, Extraction(doc_id="x", url=old.url), "h")
        assert not store.offer_url("cand", "789", "https://cand.com.vn/zzz-i789/", "cand.vn")  # not preferred
        assert not store.offer_url("cand", "999", "https://cand.vn/other-post999.html", "cand.vn")  # unknown id
        assert len(list(store.iter_extractions())) == 1
        assert store.offer_url("cand", "789", "https://cand.vn/mo-hinh-post789.html", "cand.vn")
        assert store.get_article("https://cand.vn/mo-hinh-post789.html") is not None
        assert list(store.iter_extractions()) == []  # extracted again under the kept URL
