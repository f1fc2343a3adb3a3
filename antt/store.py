"""The article store: one module, SQLAlchemy Core, SQLite by default (WAL).

Callers never write SQL: a PostgreSQL URL can replace SQLite later. The schema is versioned;
`MIGRATIONS` lists the steps and `Store.open` applies the missing ones in order, each in
its own transaction, so an old database is upgraded in place and never rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from antt.records import Article, Extraction
from antt.urls import canonical_url

metadata = MetaData()

schema_info = Table(
    "schema_info",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("migrated_at", DateTime(timezone=True), nullable=False),
)

def _article_columns_v1() -> list[Column]:
    """The articles table as migration 1 created it (fresh Column objects each call)."""
    return [
        Column("id", Integer, primary_key=True),
        Column("url", String(2048), nullable=False, unique=True),
        Column("outlet", String(255)),
        Column("title", Text),
        Column("lead", Text),
        Column("text", Text, nullable=False),
        Column("published", String(40)),
        Column("author", String(255)),
        Column("section", String(255)),
        Column("tags", Text),
        Column("raw_html", LargeBinary),
        Column("html_extractor", String(64)),
        Column("content_hash", String(64), nullable=False),
        Column("relevant", Boolean),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
    ]


articles = Table(
    "articles",
    metadata,
    *_article_columns_v1(),
    Column("source", String(64)),  # migration 2
    Column("source_id", String(64)),  # migration 2
    Column("fingerprint", LargeBinary),  # migration 3
)

extractions = Table(
    "extractions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("extractor_version", String(64), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("record", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("article_id", "extractor_version", name="uq_extraction_article_version"),
)


seen = Table(
    "seen",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(64), nullable=False),
    Column("source_id", String(64), nullable=False),
    Column("url", String(2048), nullable=False),
    Column("relevant", Boolean, nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    UniqueConstraint("source", "source_id", name="uq_seen_source_id"),
)


def _migration_1(conn: Connection) -> None:
    """Initial schema: articles (raw HTML compressed) and versioned extraction results."""
    Table("articles", MetaData(), *_article_columns_v1()).create(conn, checkfirst=True)
    extractions.create(conn, checkfirst=True)


def _migration_2(conn: Connection) -> None:
    """Crawling: article pages already fetched (relevant or not) and the outlet's own ids."""
    conn.execute(text("ALTER TABLE articles ADD COLUMN source VARCHAR(64)"))
    conn.execute(text("ALTER TABLE articles ADD COLUMN source_id VARCHAR(64)"))
    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS uq_articles_source_id ON articles (source, source_id)"))
    seen.create(conn, checkfirst=True)


def _fact_columns() -> list[Column]:
    return [
        Column("id", Integer, primary_key=True),
        Column("extraction_id", Integer, ForeignKey("extractions.id", ondelete="CASCADE"), nullable=False, index=True),
        Column("article_id", Integer, nullable=False, index=True),
        Column("fact_id", String(16), nullable=False),  # stable: article URL + kind + offsets
        Column("start", Integer),
        Column("end", Integer),
        Column("place", Text),
        Column("province", Text),
        Column("provinces_2025", Text),
    ]


fact_statistics = Table(
    "fact_statistics", metadata, *_fact_columns(),
    Column("value", Float), Column("value_max", Float), Column("qualifier", String(16)), Column("unit", Text),
    Column("subject", Text), Column("period", String(32)), Column("evidence", Text), Column("model", Text),
)
fact_models = Table(
    "fact_models", metadata, *_fact_columns(),
    Column("mention", Text), Column("canonical", Text), Column("kind_id", Text), Column("new_kind", Boolean),
)
fact_locations = Table(
    "fact_locations", metadata, *_fact_columns(),
    Column("mention", Text), Column("level", String(16)), Column("name", Text), Column("district", Text),
    Column("code", String(16)),
)
FACT_TABLES = {"statistics": fact_statistics, "models": fact_models, "locations": fact_locations}


def _migration_3(conn: Connection) -> None:
    """Facts as rows (one table per kind) so the catalog builds with SQL and pandas, not by
    parsing every JSON record; and a MinHash fingerprint per article to find syndicated copies."""
    for table in FACT_TABLES.values():
        table.create(conn, checkfirst=True)
    conn.execute(text("ALTER TABLE articles ADD COLUMN fingerprint BLOB"))
    # Earlier results have no fact rows: drop them; they are recomputed from the stored text.
    conn.execute(text("DELETE FROM extractions"))


#: Ordered schema migrations: the database's version is the number of steps applied.
MIGRATIONS: list[Callable[[Connection], None]] = [_migration_1, _migration_2, _migration_3]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store cannot be opened or written; the message says why, for the user."""


def _now() -> datetime:
    return datetime.now(UTC)


def fact_id(url: str, kind: str, start: int, end: int) -> str:
    """A fact's stable id: the same words of the same article keep it across rebuilds."""
    return hashlib.sha1(f"{url}|{kind}|{start}|{end}".encode()).hexdigest()[:12]


def fact_rows(extraction: Extraction, url: str) -> dict[str, list[dict[str, Any]]]:
    """The extraction's facts as rows of the fact tables (without extraction and article ids)."""
    def common(kind: str, f: Any) -> dict[str, Any]:
        return {"fact_id": fact_id(url, kind, f.start, f.end), "start": f.start, "end": f.end,
                "province": f.province, "provinces_2025": "; ".join(f.provinces_2025)}

    stats = [{**common("statistics", s), "place": s.place, "value": float(s.value),
              "value_max": None if s.value_max is None else float(s.value_max), "qualifier": s.qualifier,
              "unit": s.unit, "subject": s.subject, "period": s.period, "evidence": s.evidence, "model": s.model}
             for s in extraction.statistics]
    models = [{**common("models", m), "place": m.place, "mention": m.mention, "canonical": m.canonical,
               "kind_id": m.kind_id, "new_kind": m.new_kind} for m in extraction.models]
    locations = [{**common("locations", loc), "place": loc.name, "mention": loc.mention, "level": loc.level,
                  "name": loc.name, "district": loc.district, "code": loc.code} for loc in extraction.locations]
    return {"statistics": stats, "models": models, "locations": locations}


def compress_html(raw: bytes | None) -> bytes | None:
    return zlib.compress(raw, 6) if raw else None


def decompress_html(blob: bytes | None) -> bytes | None:
    return zlib.decompress(blob) if blob else None


def content_hash(article: Article) -> str:
    payload = json.dumps([article.title, article.lead, article.text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class StoredArticle:
    id: int
    article: Article
    content_hash: str


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class Store:
    """Articles keyed by canonical URL and their extraction results."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        if url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///"))
            if path.exists() and path.is_dir():
                raise StoreError(f"{path}: is a directory, not a database file")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path.parent}: cannot create the folder ({exc.strerror})") from exc
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        try:
            store.migrate()
        except (DatabaseError, OperationalError) as exc:
            engine.dispose()
            raise StoreError(f"{url}: not a usable database ({exc.orig})") from exc
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            if not self.engine.dialect.has_table(conn, "schema_info"):
                return 0
            return conn.execute(select(func.max(schema_info.c.version))).scalar() or 0

    def migrate(self) -> int:
        with self.engine.begin() as conn:
            schema_info.create(conn, checkfirst=True)
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"database schema v{current} is newer than this program (v{SCHEMA_VERSION}): upgrade antt"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.engine.begin() as conn:
                MIGRATIONS[version - 1](conn)
                conn.execute(insert(schema_info).values(version=version, migrated_at=_now()))
        return SCHEMA_VERSION

    # -- articles -------------------------------------------------------------------------
    def upsert_article(self, article: Article) -> tuple[int, bool]:
        """Insert or update by canonical URL. Returns (id, changed); same content changes nothing."""
        if not article.url:
            raise ValueError("an article needs a URL to be stored")
        url = canonical_url(article.url)
        digest = content_hash(article)
        same = articles.c.url == url
        if article.source and article.source_id:
            same = same | ((articles.c.source == article.source) & (articles.c.source_id == article.source_id))
        values = {
            "outlet": article.outlet,
            "title": article.title,
            "lead": article.lead,
            "text": article.text,
            "published": article.published_iso,
            "author": article.author,
            "section": article.section,
            "tags": json.dumps(article.tags, ensure_ascii=False),
            "html_extractor": article.html_extractor,
            "content_hash": digest,
            "source": article.source,
            "source_id": article.source_id,
        }
        with self.engine.begin() as conn:
            row = conn.execute(
                select(articles.c.id, articles.c.content_hash, articles.c.raw_html).where(same)
            ).first()
            if row is None:
                now = _now()
                new_id = conn.execute(
                    insert(articles).values(
                        url=url, raw_html=compress_html(article.raw_html), created_at=now, updated_at=now, **values
                    )
                ).inserted_primary_key[0]
                return int(new_id), True
            if row.content_hash == digest and (row.raw_html is not None or article.raw_html is None):
                return int(row.id), False
            if article.raw_html is not None:
                values["raw_html"] = compress_html(article.raw_html)
            conn.execute(update(articles).where(articles.c.id == row.id).values(updated_at=_now(), **values))
            return int(row.id), True

    def _to_article(self, row: Any) -> Article:
        return Article(
            url=row.url,
            text=row.text,
            title=row.title,
            outlet=row.outlet,
            published=row.published,
            lead=row.lead,
            author=row.author,
            section=row.section,
            tags=json.loads(row.tags or "[]"),
            raw_html=decompress_html(row.raw_html),
            html_extractor=row.html_extractor,
            source=row.source,
            source_id=row.source_id,
        )

    def get_article(self, url: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.url == canonical_url(url))).first()
        return self._to_article(row) if row else None

    def iter_articles(self) -> Iterator[StoredArticle]:
        with self.engine.connect() as conn:
            for row in conn.execute(select(articles).order_by(articles.c.id)):
                yield StoredArticle(int(row.id), self._to_article(row), row.content_hash)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar() or 0

    # -- crawl memory -------------------------------------------------------------------
    def mark_seen(self, source: str, source_id: str, url: str, relevant: bool) -> None:
        """Remember an article page as fetched, so later crawls do not fetch it again."""
        with self.engine.begin() as conn:
            exists = conn.execute(
                select(seen.c.id).where(seen.c.source == source, seen.c.source_id == source_id)
            ).first()
            if exists is None:
                conn.execute(insert(seen).values(source=source, source_id=source_id, url=canonical_url(url),
                                                 relevant=relevant, first_seen=_now()))

    def seen_ids(self, source: str) -> set[str]:
        with self.engine.connect() as conn:
            return {r.source_id for r in conn.execute(select(seen.c.source_id).where(seen.c.source == source))}

    def save_extraction(self, article_id: int, extraction: Extraction, digest: str,
                        fingerprint: bytes | None = None) -> None:
        """One result per (article, extractor version); re-saving replaces it and its fact rows."""
        record = json.dumps(extraction.to_dict(), ensure_ascii=False, sort_keys=True)
        with self.engine.begin() as conn:
            existing = conn.execute(
                select(extractions.c.id).where(
                    extractions.c.article_id == article_id,
                    extractions.c.extractor_version == extraction.extractor_version,
                )
            ).first()
            if existing:
                extraction_id = existing.id
                conn.execute(
                    update(extractions)
                    .where(extractions.c.id == extraction_id)
                    .values(record=record, content_hash=digest, created_at=_now())
                )
                for table in FACT_TABLES.values():
                    conn.execute(table.delete().where(table.c.extraction_id == extraction_id))
            else:
                extraction_id = conn.execute(
                    insert(extractions).values(
                        article_id=article_id,
                        extractor_version=extraction.extractor_version,
                        content_hash=digest,
                        record=record,
                        created_at=_now(),
                    )
                ).inserted_primary_key[0]
            url = conn.execute(select(articles.c.url).where(articles.c.id == article_id)).scalar() or ""
            for kind, rows in fact_rows(extraction, url).items():
                if rows:
                    for row in rows:
                        row.update(extraction_id=extraction_id, article_id=article_id)
                    conn.execute(insert(FACT_TABLES[kind]), rows)
            if fingerprint is not None:
                conn.execute(update(articles).where(articles.c.id == article_id).values(fingerprint=fingerprint))

    def extraction_is_current(self, article_id: int, version: str, digest: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(extractions.c.content_hash).where(
                    extractions.c.article_id == article_id, extractions.c.extractor_version == version
                )
            ).first()
        return row is not None and row.content_hash == digest

    def iter_extractions(self, version: str | None = None) -> Iterator[tuple[str, Extraction]]:
        query = select(articles.c.url, extractions.c.record).join(
            articles, articles.c.id == extractions.c.article_id
        )
        if version:
            query = query.where(extractions.c.extractor_version == version)
        with self.engine.connect() as conn:
            for row in conn.execute(query.order_by(articles.c.id)):
                yield row.url, Extraction.from_dict(json.loads(row.record))
