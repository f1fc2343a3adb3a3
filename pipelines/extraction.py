"""The main job on stored articles: relevance, extraction (only what changed), fact tables.

A build costs what changed: the store names the articles that need work (a topic judgement by
another filter version or none, or a relevant text without a current result) and only those
are read, in batches, without their HTML; the others are not touched. Extraction runs in
worker processes (`workers`, default every core); each batch's results are written in one
transaction. On PostgreSQL every worker claims its own batches from the store (`Store.claim`),
so `antt build --extract-only` on other machines shares the work and no article is taken twice.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.atomic import atomic_open
from core.config import EXTRACT_BATCH, EXTRACTOR_VERSION, default_workers
from core.records import Extraction
from core.store import Store, WorkItem, WorkResult, content_hash, extraction_record, fact_rows
from nlp.extract import extract_article
from nlp.fingerprint import fingerprint
from nlp.relevance import filter_version, is_relevant


@dataclass
class RunSummary:
    articles: int = 0
    relevant: int = 0
    extracted: int = 0
    reused: int = 0
    files: dict[str, Path] = field(default_factory=dict)
    corrections: int = 0
    #: (url, reason) of each article whose extraction failed: reported, left out of the catalog
    failures: list[tuple[str, str]] = field(default_factory=list)
    #: the stored records (JSON lines) of the relevant articles, streamed from the store
    records: Callable[[], Iterator[str]] = field(default=lambda: iter(()), repr=False)

    def extractions(self) -> Iterator[Extraction]:
        """The results of the relevant articles, parsed one at a time (tests, small stores)."""
        import json

        for line in self.records():
            yield Extraction.from_dict(json.loads(line))


def process(item: WorkItem, version: str) -> WorkResult:
    """One article's work: the topic judgement if it must be made, then the extraction if it
    is relevant (a failure is reported, never raised: one article fails alone)."""
    result = WorkResult(item.id, item.article.url or f"article {item.id}")
    relevant = item.relevant
    if relevant is None:
        relevant = result.relevant = is_relevant(item.article.text, title=item.article.title)
    if not relevant or item.current:  # judged again only: its result for this text stands
        return result
    try:
        extraction = extract_article(item.article, doc_id=_doc_id(item.article.url))
        # serialized here, in the worker: the one process that writes only inserts rows
        result.record, result.facts = extraction_record(extraction), fact_rows(extraction, item.article.url or "")
    except Exception as exc:  # noqa: BLE001 - the catalog is built from the rest
        result.failure = _reason(exc)
        return result
    result.digest, result.fingerprint = content_hash(item.article), fingerprint(item.article.text)
    return result


def _process_batch(items: Sequence[WorkItem], version: str) -> list[WorkResult]:
    return [process(item, version) for item in items]


#: What the summary keeps of a result: (url, extracted, failure reason or None).
Outcome = tuple[str, bool, "str | None"]


def _outcomes(results: Sequence[WorkResult]) -> list[Outcome]:
    return [(r.url, r.record is not None, r.failure) for r in results]


def extract_stored(store: Store, progress: Callable[[int, int], None] | None = None, *,
                   workers: int | None = None, batch: int = EXTRACT_BATCH) -> RunSummary:
    """Judge and extract every stored article whose text, topic filter or extractor changed
    since last time (and nothing else), with `workers` processes (default: every core).

    Relevance is judged again only where an older topic filter judged it (or the text
    changed): off-topic pages kept by the crawl come into the catalog when the filter improves."""
    version = filter_version()
    workers = workers or default_workers()
    summary = RunSummary(articles=store.count_articles())
    if store.dialect == "postgresql":
        done = _claim_all(store, version, workers, batch, progress)
    else:
        done = _batches(store, version, workers, batch, progress)
    for outcomes in done:
        for url, extracted, failure in outcomes:
            summary.extracted += extracted
            if failure is not None:
                summary.failures.append((url, failure))
    summary.relevant = store.count_relevant()
    summary.reused = max(0, summary.relevant - summary.extracted - len(summary.failures))
    summary.records = lambda: store.iter_records(EXTRACTOR_VERSION)
    return summary


def _pool(workers: int):
    """Worker processes (forked where the system can, after the word lists, gazetteer and
    patterns are loaded here, so that no worker loads them again)."""
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    if method == "fork":
        _warm()
    return mp.get_context(method).Pool(workers)


def _warm() -> None:
    from core.records import Article

    text = "Công an xã An Phú duy trì mô hình tổ tự quản về an ninh trật tự với 12 tổ liên gia."
    is_relevant(text)
    fingerprint(text)
    extract_article(Article(url="https://cand.vn/warm-post1.html", text=text, title="Mô hình tự quản"), doc_id="warm")


def _batches(store: Store, version: str, workers: int, size: int,
             progress: Callable[[int, int], None] | None) -> Iterator[list[Outcome]]:
    """One writer (SQLite): the batches are read here, extracted by the workers in order,
    and each batch's results written here in one transaction."""
    ids = store.pending_ids(EXTRACTOR_VERSION, version)
    chunks = [ids[i:i + size] for i in range(0, len(ids), size)]
    done = 0

    def write(results: list[WorkResult]) -> list[Outcome]:
        nonlocal done
        store.apply_results(results, EXTRACTOR_VERSION, version)
        done += len(results)
        if progress:
            progress(done, len(ids))
        return _outcomes(results)

    if workers <= 1 or len(chunks) < 2:
        for chunk in chunks:
            yield write(_process_batch(store.work_items(chunk, version, EXTRACTOR_VERSION), version))
        return
    with _pool(workers) as pool:
        # Read ahead at most two batches per worker: memory stays a few batches' texts.
        pending: list = []
        feed = iter(chunks)
        for chunk in feed:
            pending.append(pool.apply_async(_process_batch, (store.work_items(chunk, version, EXTRACTOR_VERSION), version)))
            if len(pending) >= 2 * workers:
                yield write(pending.pop(0).get())
        while pending:
            yield write(pending.pop(0).get())


def _claim_all(store: Store, version: str, workers: int, size: int,
               progress: Callable[[int, int], None] | None) -> Iterator[list[Outcome]]:
    """Several writers (PostgreSQL): each worker claims batches from the store and writes
    them itself; then one last pass waits for batches other processes still hold."""
    total = store.count_pending(EXTRACTOR_VERSION, version)
    if workers <= 1 or total <= size:
        results = claim_loop(store.url, version, size)
    else:
        with _pool(workers) as pool:
            parts = pool.starmap(claim_loop, [(store.url, version, size)] * workers)
        results = [r for part in parts for r in part]
    results += claim_loop(store.url, version, size, wait=True)  # rows other machines held
    if progress and total > 1:
        progress(total, total)
    yield results


def claim_loop(url: str, version: str, size: int = EXTRACT_BATCH, *, wait: bool = False,
               store: Store | None = None) -> list[Outcome]:
    """Claim, extract and write batches until no article needs work (PostgreSQL)."""
    own = store is None
    store = store or Store.open(url)
    out: list[Outcome] = []
    try:
        while True:
            with store.claim(EXTRACTOR_VERSION, version, size, wait=wait) as (items, write):
                if not items:
                    return out
                results = _process_batch(items, version)
                write(results)
            out += _outcomes(results)
    finally:
        if own:
            store.close()


def extract_only(url: str, *, workers: int | None = None, batch: int = EXTRACT_BATCH) -> tuple[int, int]:
    """`antt build --extract-only`: this machine's share of the extraction, claimed from a
    PostgreSQL store; (articles extracted, failures)."""
    version = filter_version()
    workers = workers or default_workers()
    if workers <= 1:
        results = claim_loop(url, version, batch)
    else:
        with _pool(workers) as pool:
            results = [r for part in pool.starmap(claim_loop, [(url, version, batch)] * workers) for r in part]
    return sum(extracted for _, extracted, _ in results), sum(f is not None for _, _, f in results)


def _reason(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _doc_id(url: str | None) -> str:
    if not url:
        return "doc"
    tail = url.rstrip("/").rsplit("/", 1)[-1]
    return tail.removesuffix(".html") or url


def write_outputs(summary: RunSummary, out_dir: Path) -> dict[str, Path]:
    """The extraction records, one JSON line per relevant article (the evaluation schema),
    streamed from the store as stored."""
    path = out_dir / "extractions.jsonl"
    with atomic_open(path) as fh:
        for line in summary.records():
            fh.write(line + "\n")
    summary.files = {"extractions": path}
    return summary.files
