"""All defaults in one place; environment variables override them (ANTT_OUTPUT, ANTT_DB,
ANTT_FRONTIER, ANTT_WORKERS)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from core import __version__

#: Written into every extraction result so an analyst knows which rules produced a fact.
EXTRACTOR_VERSION = f"antt-nlp/{__version__}+rules.13"


def _default_output() -> Path:
    return Path(os.environ.get("ANTT_OUTPUT", "output"))


@dataclass(frozen=True)
class Settings:
    """Where things live. One instance is built from the environment and the command line."""

    output_dir: Path = field(default_factory=_default_output)
    db_url: str | None = None

    @property
    def database_url(self) -> str:
        if self.db_url:
            return self.db_url
        env = os.environ.get("ANTT_DB")
        if env:
            return env
        return f"sqlite:///{(self.output_dir / 'antt.sqlite').as_posix()}"

    @property
    def display_url(self) -> str:
        """The database URL as it may be printed: without its password."""
        return redact_url(self.database_url)


_PASSWORD = re.compile(r"^([a-z][a-z0-9+.-]*://[^:/@\s]*):[^@/\s]*@", re.IGNORECASE)


def redact_url(url: str) -> str:
    """`scheme://user:secret@host/db` as `scheme://user:***@host/db`: a URL that is printed
    (messages, summaries, logs) never shows a password."""
    return _PASSWORD.sub(r"\1:***@", url)


def default_workers() -> int:
    """Worker processes for extraction (`--workers`): $ANTT_WORKERS, else every core."""
    env = os.environ.get("ANTT_WORKERS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


#: Articles read, extracted and written together by `antt build` (one transaction per batch):
#: memory is a batch's texts, whatever the size of the store.
EXTRACT_BATCH = 64
#: Seconds a crawl worker sharing a Redis frontier waits with the frontier empty (and nothing
#: of its own in flight) before it exits; other workers may still be adding pages meanwhile.
FRONTIER_IDLE_SECONDS = float(os.environ.get("ANTT_FRONTIER_IDLE", "30"))


def settings(output_dir: str | Path | None = None, db_url: str | None = None) -> Settings:
    if output_dir is None:
        return Settings(db_url=db_url)
    return Settings(output_dir=Path(output_dir), db_url=db_url)


def _mb_env(name: str, default_mb: float) -> int:
    try:
        return int(float(os.environ.get(name, default_mb)) * 1_000_000)
    except ValueError:
        return int(default_mb * 1_000_000)


#: The largest document read (a whole .txt or .html file, one JSONL line): a news article
#: is tens of kilobytes; above this an input is refused with a message. `--max-size MB` or
#: $ANTT_MAX_DOCUMENT_MB override it.
MAX_DOCUMENT_BYTES = _mb_env("ANTT_MAX_DOCUMENT_MB", 10)

#: Memory the catalog's database engine (DuckDB) may use before it spills to disk beside the
#: outputs ($ANTT_CATALOG_MEMORY, e.g. "4GB"): the build's peak stays near it at any store size.
CATALOG_MEMORY = os.environ.get("ANTT_CATALOG_MEMORY", "1GB")
