"""The main job on stored articles: relevance, extraction (only what changed), fact tables."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.atomic import atomic_open
from core.config import EXTRACTOR_VERSION
from core.records import Extraction
from core.store import Store, content_hash
from nlp.extract import extract_article
from nlp.fingerprint import fingerprint
from nlp.relevance import filter_version, is_relevant


@dataclass
class RunSummary:
    articles: int = 0
    relevant: int = 0
    extracted: int = 0
    reused: int = 0
    extractions: list[Extraction] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    corrections: int = 0
    #: (url, reason) of each article whose extraction failed: reported, left out of the catalog
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def models(self) -> int:
        return sum(len(e.models) for e in self.extractions)

    @property
    def model_kinds(self) -> int:
        return len({m.canonical for e in self.extractions for m in e.models})

    @property
    def statistics(self) -> int:
        return sum(len(e.statistics) for e in self.extractions)

    @property
    def provinces(self) -> list[str]:
        return sorted({p for e in self.extractions for p in e.provinces})


def extract_stored(store: Store, progress: Callable[[int, int], None] | None = None) -> RunSummary:
    """Extract every relevant stored article whose text or extractor changed since last time.

    Relevance is judged again only where an older topic filter judged it (or the text
    changed): off-topic pages kept by the crawl come into the catalog when the filter improves."""
    summary = RunSummary()
    stored = list(store.iter_articles())
    summary.articles = len(stored)
    relevant_urls: set[str | None] = set()
    version = filter_version()
    for i, item in enumerate(stored, 1):
        text = item.article.text
        if item.relevance_version == version and item.relevant is not None:
            relevant = item.relevant
        else:
            relevant = is_relevant(text)
            store.set_relevance(item.id, relevant, version)
        if relevant:
            relevant_urls.add(item.article.url)
            summary.relevant += 1
            digest = content_hash(item.article)
            if store.extraction_is_current(item.id, EXTRACTOR_VERSION, digest):
                summary.reused += 1
            else:
                try:
                    extraction = extract_article(item.article, doc_id=_doc_id(item.article.url))
                except Exception as exc:  # one article fails alone: the catalog is built from the rest
                    summary.failures.append((item.article.url or f"article {item.id}", _reason(exc)))
                    relevant_urls.discard(item.article.url)
                    store.drop_extraction(item.id, EXTRACTOR_VERSION)  # facts of an older text must go
                else:
                    store.save_extraction(item.id, extraction, digest, fingerprint(text))
                    summary.extracted += 1
        if progress:
            progress(i, len(stored))
    summary.extractions = [ex for url, ex in store.iter_extractions(EXTRACTOR_VERSION) if url in relevant_urls]
    return summary


def _reason(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _doc_id(url: str | None) -> str:
    if not url:
        return "doc"
    tail = url.rstrip("/").rsplit("/", 1)[-1]
    return tail.removesuffix(".html") or url


def write_outputs(summary: RunSummary, out_dir: Path) -> dict[str, Path]:
    """The extraction records, one JSON line per relevant article (the evaluation schema)."""
    path = out_dir / "extractions.jsonl"
    with atomic_open(path) as fh:
        for ex in summary.extractions:
            fh.write(json.dumps(ex.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    summary.files = {"extractions": path}
    return summary.files
