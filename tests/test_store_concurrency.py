"""The store under concurrency, with real processes (spawned, so nothing is shared but the file).

(a) Several processes open the same brand-new store at the same moment and each writes its
own articles: the schema is created once, no process fails, no article is lost.
(b) The catalog is built while another process keeps writing articles and extractions: the
build reads one snapshot, so every figure's article is in the articles table and the counts
are those of one moment (an article's fact rows appear all at once, never half-written).
(c) The same on PostgreSQL when a server answers at 127.0.0.1:5432 (a throwaway database).
"""

from __future__ import annotations

import multiprocessing as mp
from contextlib import contextmanager

WORKERS = 4
PER_WORKER = 150
SHARED = 20  # articles every process writes (same URL), with an extraction: racing inserts of one key
ROUNDS = 3


def _article(worker: int, i: int):
    from core.records import Article

    return Article(url=f"https://cand.vn/w{worker}/bai-{i}-post{worker * 100000 + i}.html",
                   text=f"Bài {i} của tiến trình {worker}. Mô hình tổ liên gia tự quản.",
                   title=f"Bài {worker}-{i}", outlet="cand.vn", published="2024-05-14",
                   source="cand", source_id=str(worker * 100000 + i))


def _open_and_write(urls: list[str], worker: int, barrier, results) -> None:
    """One process: for each round, wait for the others, open the (new) store, write a batch."""
    from core.store import Store

    for url in urls:
        barrier.wait(timeout=60)
        try:
            with Store.open(url) as store:
                for i in range(PER_WORKER):
                    store.upsert_article(_article(worker, i))
                    if i % (PER_WORKER // SHARED) == 0 and i // (PER_WORKER // SHARED) < SHARED:
                        k = i // (PER_WORKER // SHARED)
                        shared_id, _ = store.upsert_article(_stored_article(k))
                        store.save_extraction(shared_id, _extraction(k), f"h{k}")
            results.put((url, worker, "ok"))
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
            results.put((url, worker, f"{type(exc).__name__}: {str(exc)[:300]}"))


def _race_new_stores(urls: list[str]) -> dict[str, list[str]]:
    """Run the WORKERS processes over the rounds; each round's errors by store URL."""
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(WORKERS), ctx.Queue()
    procs = [ctx.Process(target=_open_and_write, args=(urls, w, barrier, results)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    outcome: dict[str, list[str]] = {url: [] for url in urls}
    try:
        for _ in range(WORKERS * len(urls)):
            url, worker, status = results.get(timeout=120)
            if status != "ok":
                outcome[url].append(f"worker {worker}: {status}")
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    return outcome


def _check_new_stores(urls: list[str]) -> None:
    from sqlalchemy import func, select

    from core.store import SCHEMA_VERSION, Store, articles, extractions, fact_statistics, schema_info
    from core.urls import canonical_url

    outcome = _race_new_stores(urls)
    failed = {url: errors for url, errors in outcome.items() if errors}
    assert not failed, f"processes failed opening or writing a new store: {failed}"
    expected = {canonical_url(_article(w, i).url) for w in range(WORKERS) for i in range(PER_WORKER)}
    expected |= {canonical_url(_stored_article(k).url) for k in range(SHARED)}
    for url in urls:
        with Store.open(url) as store:
            assert store.schema_version() == SCHEMA_VERSION
            with store.engine.connect() as conn:
                stored = {r.url for r in conn.execute(select(articles.c.url))}
                migrations = conn.execute(select(func.count()).select_from(schema_info)).scalar()
                results = conn.execute(select(func.count()).select_from(extractions)).scalar()
                figures = conn.execute(select(func.count()).select_from(fact_statistics)).scalar()
        assert stored == expected, f"{len(expected - stored)} of {len(expected)} articles lost in {url}"
        assert migrations == SCHEMA_VERSION  # each migration applied (and recorded) once
        # each shared article: one result, its figures once (a re-save replaced them, never added)
        assert (results, figures) == (SHARED, sum(1 + k % 3 for k in range(SHARED)))


def test_processes_opening_a_new_sqlite_store_at_once_lose_nothing(tmp_path):
    _check_new_stores([f"sqlite:///{tmp_path / f'new{r}.sqlite'}" for r in range(ROUNDS)])


# -- (b) building while another process writes ---------------------------------------------
def _extraction(k: int):
    """Article k's facts: 1 + k % 3 figures and 1 + k % 2 model mentions (distinct values)."""
    from core.config import EXTRACTOR_VERSION
    from core.records import CommunityModel, Extraction, Location, Statistic

    stats = [Statistic(value=1000 * k + j, qualifier="exact", unit="camera", subject="camera", place="Đà Nẵng",
                       province="Thành phố Đà Nẵng", period=None, evidence=f"{1000 * k + j} camera",
                       start=10 * j, end=10 * j + 5, provinces_2025=["Thành phố Đà Nẵng"])
             for j in range(1 + k % 3)]
    models = [CommunityModel(mention="tổ liên gia", canonical="Tổ liên gia tự quản", place="Đà Nẵng",
                             province="Thành phố Đà Nẵng", start=100 + 10 * j, end=105 + 10 * j,
                             kind_id="to-lien-gia", provinces_2025=["Thành phố Đà Nẵng"])
              for j in range(1 + k % 2)]
    locs = [Location(mention="Đà Nẵng", level="province", name="Thành phố Đà Nẵng", province="Thành phố Đà Nẵng",
                     start=200, end=207, provinces_2025=["Thành phố Đà Nẵng"])]
    return Extraction(doc_id=f"d{k}", statistics=stats, models=models, locations=locs,
                      extractor_version=EXTRACTOR_VERSION)


def _stored_article(k: int):
    from core.records import Article

    return Article(url=f"https://danang.gov.vn/tin-{k}.html", text=f"Tin số {k} về camera an ninh.",
                   title=f"Tin {k}", outlet="danang.gov.vn", published=f"2024-{1 + k % 12:02d}-15")


def _keep_writing(url: str, start: int, ready, stop, written) -> None:
    """Add articles with their extraction, and re-save earlier ones, until told to stop. Each
    is written as a finished build leaves it (judged by the current topic filter, its result
    current for its text), so a concurrent `antt build` has nothing to redo and counts them."""
    from core.store import Store, content_hash
    from nlp.fingerprint import fingerprint
    from nlp.relevance import filter_version

    version = filter_version()
    with Store.open(url) as store:
        k = start
        while not stop.is_set():
            article = _stored_article(k)
            article_id, _ = store.upsert_article(article)
            store.save_extraction(article_id, _extraction(k), content_hash(article), fingerprint(article.text))
            store.set_relevance(article_id, True, version)
            if k % 2:  # replace an earlier result: its fact rows are deleted and written again
                earlier = _stored_article(k // 2)
                again, _ = store.upsert_article(earlier)
                store.save_extraction(again, _extraction(k // 2), content_hash(earlier), fingerprint(article.text))
            k += 1
            written.value = k
            if k - start == 20:
                ready.set()


def _check_catalog(catalog) -> None:
    arts, stats, models = catalog["articles"], catalog["statistics"], catalog["models"]
    ks = [int(u.rsplit("-", 1)[1].removesuffix(".html")) for u in arts["url"]]
    assert len(set(ks)) == len(ks)
    assert set(stats["url"]) <= set(arts["url"]), "figures of articles the articles table does not have"
    assert stats["story_id"].notna().all()
    assert len(stats) == sum(1 + k % 3 for k in ks), "figure count is not that of one snapshot"
    assert int(models["mentions"].sum()) == sum(1 + k % 2 for k in ks), "model mentions are not of one snapshot"


@contextmanager
def _writer(url: str, start: int = 0):
    ctx = mp.get_context("spawn")
    ready, stop, written = ctx.Event(), ctx.Event(), ctx.Value("i", 0)
    proc = ctx.Process(target=_keep_writing, args=(url, start, ready, stop, written))
    proc.start()
    try:
        assert ready.wait(60), "the writer process did not start writing"
        yield written
    finally:
        stop.set()
        proc.join(timeout=30)
        if proc.is_alive():
            proc.kill()
    assert proc.exitcode == 0, "the writer process failed (see its traceback above)"


def _check_build_during_writes(url: str, builds: int = 6) -> None:
    from core.store import Store
    from pipelines.catalog import build_catalog

    with Store.open(url) as store:  # created before the writer starts
        pass
    with _writer(url) as written, Store.open(url) as store:
        sizes = []
        for _ in range(builds):
            before = written.value
            catalog = build_catalog(store)
            _check_catalog(catalog)
            sizes.append(len(catalog["articles"]))
            assert written.value > before or written.value == 0  # the writer really wrote meanwhile
        assert sizes == sorted(sizes) and sizes[-1] > sizes[0]


def test_catalog_builds_from_one_snapshot_while_another_process_writes(tmp_path):
    _check_build_during_writes(f"sqlite:///{tmp_path / 'busy.sqlite'}")


def test_antt_build_while_another_process_writes(tmp_path, run_antt):
    """The command as a user runs it: extraction pass, catalog, exports, all while writing."""
    import csv

    db = tmp_path / "busy.sqlite"
    url = f"sqlite:///{db}"
    from core.store import Store

    with Store.open(url):
        pass
    with _writer(url):
        res = run_antt("build", "-q", "--db", url, "--output", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr[-3000:]
    catalog = tmp_path / "out" / "catalog"
    with open(catalog / "articles.csv", encoding="utf-8") as fh:
        arts = {row["url"] for row in csv.DictReader(fh)}
    with open(catalog / "statistics.csv", encoding="utf-8") as fh:
        stats = list(csv.DictReader(fh))
    ks = [int(u.rsplit("-", 1)[1].removesuffix(".html")) for u in arts]
    assert arts and {row["url"] for row in stats} <= arts
    assert len(stats) == sum(1 + k % 3 for k in ks)


# -- (c) PostgreSQL (the `pg_databases` fixture: tests/conftest.py) -----------------------
def test_postgresql_new_store_opened_by_processes_at_once(pg_databases):
    _check_new_stores(pg_databases(2))


def test_postgresql_catalog_builds_from_one_snapshot_while_writing(pg_databases):
    (url,) = pg_databases(1)
    _check_build_during_writes(url, builds=4)

