"""The article store: one module, SQLAlchemy Core, SQLite by default (WAL).

Callers never write SQL; SQLite (the default) and PostgreSQL (`--db postgresql://...`, through
psycopg) run the same code. The schema is versioned;
`MIGRATIONS` lists the steps and `Store.open` applies the missing ones in order, each in
its own transaction, so an old database is upgraded in place and never rebuilt.

Several processes may use one store at once (a crawl writing while `antt build` reads, two
runs opening a new store together):

- every write is one transaction that takes the write lock first (SQLite: `BEGIN IMMEDIATE`;
  waiters wait up to `BUSY_TIMEOUT` seconds) and is retried from the start when the database
  says it must be (busy, a serialization failure, a row another process inserted meanwhile);
- a migration step re-reads the schema version inside that lock (PostgreSQL: a transaction
  advisory lock), so each step runs once whoever opens the store first;
- `Store.snapshot()` reads several tables as of one moment (SQLite WAL: one read transaction;
  PostgreSQL: REPEATABLE READ), so the catalog never sees a half-written state;
- extraction reads the articles that need work in batches (`pending_ids`, `work_items`) and
  writes each batch's results in one transaction (`apply_results`); on PostgreSQL, workers on
  any number of machines claim batches with `SELECT ... FOR UPDATE SKIP LOCKED` (`claim`), so
  no two take the same article.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

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
    and_,
    bindparam,
    case,
    create_engine,
    event,
    exists,
    func,
    insert,
    inspect,
    make_url,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DatabaseError, IntegrityError, OperationalError

from core.config import redact_url
from core.records import Article, Extraction
from core.urls import canonical_url, outlet_of

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")

#: Seconds a SQLite connection waits for another process's write lock before giving up.
BUSY_TIMEOUT = 60.0
#: Attempts of a write transaction the database asks to restart (busy, serialization, race).
WRITE_ATTEMPTS = 6
#: PostgreSQL advisory lock key held (per transaction) while the schema is checked and migrated.
SCHEMA_LOCK_KEY = 0x616E7474  # "antt"

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
    Column("relevance_version", String(64)),  # migration 6
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
    Column("total", Float),  # migration 4
    Column("planned", Boolean),  # migration 7
)
fact_models = Table(
    "fact_models", metadata, *_fact_columns(),
    Column("mention", Text), Column("canonical", Text), Column("kind_id", Text), Column("new_kind", Boolean),
    Column("started", String(10)), Column("started_evidence", Text), Column("operator", Text),  # migration 5
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
    blob = LargeBinary().compile(dialect=conn.dialect)  # BLOB on SQLite, BYTEA on PostgreSQL
    conn.execute(text(f"ALTER TABLE articles ADD COLUMN fingerprint {blob}"))
    # Earlier results have no fact rows: drop them; they are recomputed from the stored text.
    conn.execute(text("DELETE FROM extractions"))


def _migration_4(conn: Connection) -> None:
    """Coverage ratios: a figure's whole (`12/12 tổ dân phố`). Migration 3 creates the fact
    tables as the code defines them, so a store made since has the column already."""
    if "total" not in {c["name"] for c in inspect(conn).get_columns("fact_statistics")}:
        conn.execute(text("ALTER TABLE fact_statistics ADD COLUMN total FLOAT"))


def _migration_5(conn: Connection) -> None:
    """Since when and who runs it: a model mention's stated start and operator."""
    have = {c["name"] for c in inspect(conn).get_columns("fact_models")}
    for name, sql_type in (("started", "VARCHAR(10)"), ("started_evidence", "TEXT"), ("operator", "TEXT")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE fact_models ADD COLUMN {name} {sql_type}"))


def _migration_6(conn: Connection) -> None:
    """Off-topic pages are kept (text, no HTML) and re-judged when the topic filter changes:
    the version of the filter that judged `relevant`."""
    if "relevance_version" not in {c["name"] for c in inspect(conn).get_columns("articles")}:
        conn.execute(text("ALTER TABLE articles ADD COLUMN relevance_version VARCHAR(64)"))


def _migration_7(conn: Connection) -> None:
    """Planned figures: a target or forecast is flagged, never a place's latest value."""
    if "planned" not in {c["name"] for c in inspect(conn).get_columns("fact_statistics")}:
        conn.execute(text("ALTER TABLE fact_statistics ADD COLUMN planned BOOLEAN"))


#: Ordered schema migrations: the database's version is the number of steps applied.
MIGRATIONS: list[Callable[[Connection], None]] = [_migration_1, _migration_2, _migration_3, _migration_4,
                                                  _migration_5, _migration_6, _migration_7]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store cannot be opened or written; the message says why, for the user."""


def engine_url(url: str) -> str:
    """A user's database URL as SQLAlchemy opens it: `postgresql://` and `postgres://` go
    through psycopg (3), the driver this project installs, not SQLAlchemy's default psycopg2."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _pool_args(url: str) -> dict[str, Any]:
    # A server's connections are checked before use: a crawl or a build outlives a restart.
    return {"pool_pre_ping": True} if url.startswith("postgresql") else {}


def _first_line(exc: Any) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


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
              "unit": s.unit, "subject": s.subject, "period": s.period, "evidence": s.evidence, "model": s.model,
              "total": None if s.total is None else float(s.total), "planned": bool(s.planned)}
             for s in extraction.statistics]
    models = [{**common("models", m), "place": m.place, "mention": m.mention, "canonical": m.canonical,
               "kind_id": m.kind_id, "new_kind": m.new_kind, "started": m.started,
               "started_evidence": m.started_evidence, "operator": m.operator} for m in extraction.models]
    locations = [{**common("locations", loc), "place": loc.name, "mention": loc.mention, "level": loc.level,
                  "name": loc.name, "district": loc.district, "code": loc.code} for loc in extraction.locations]
    return {"statistics": stats, "models": models, "locations": locations}


def extraction_record(extraction: Extraction) -> str:
    """An extraction as the store keeps it (and extractions.jsonl prints it): sorted JSON."""
    return json.dumps(extraction.to_dict(), ensure_ascii=False, sort_keys=True)


def compress_html(raw: bytes | None) -> bytes | None:
    return zlib.compress(raw, 6) if raw else None


def decompress_html(blob: bytes | None) -> bytes | None:
    return zlib.decompress(blob) if blob else None


def preferred_url(a: str, b: str, host: str | None) -> str:
    """Of two URLs of one article, the one a catalog links to: on `host` (the current domain
    of an outlet that moved: cand.vn, not cand.com.vn), else the smaller: the same whichever
    was read first."""
    from urllib.parse import urlsplit

    def key(url: str) -> tuple[bool, str]:
        url_host = (urlsplit(url).hostname or "").removeprefix("www.")
        return (url_host != (host or "").removeprefix("www."), url)

    return min(a, b, key=key)


def _move_url(conn: Connection, article_id: int, current: str, other: str, prefer_host: str | None) -> bool:
    """Keep the article under the preferred of its two URL forms; True when it moved. Its
    results name the old URL (fact ids, evidence links): dropped, so it is extracted again."""
    keep = preferred_url(current, other, prefer_host)
    if keep == current:
        return False
    if conn.execute(select(articles.c.id).where(articles.c.url == keep, articles.c.id != article_id)).first():
        return False  # that URL is another row's (stored before the ids were known): left as is
    conn.execute(update(articles).where(articles.c.id == article_id).values(
        url=keep, outlet=outlet_of(keep), updated_at=_now()))
    done = select(extractions.c.id).where(extractions.c.article_id == article_id)
    for table in FACT_TABLES.values():
        conn.execute(table.delete().where(table.c.extraction_id.in_(done)))
    conn.execute(extractions.delete().where(extractions.c.article_id == article_id))
    return True


def content_hash(article: Article) -> str:
    payload = json.dumps([article.title, article.lead, article.text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class StoredArticle:
    id: int
    article: Article
    content_hash: str
    relevant: bool | None = None  # the topic filter's last judgement (None: never judged)
    relevance_version: str | None = None  # the filter version of that judgement


@dataclass
class WorkItem:
    """An article that needs work, as extraction reads it (no HTML)."""
    id: int
    article: Article
    content_hash: str
    relevant: bool | None  # the current filter's judgement, None if it must be made
    current: bool = False  # a result of this extractor version for this text is stored


@dataclass
class WorkResult:
    """What a worker made of a WorkItem (picklable: it comes back from a worker process)."""
    id: int
    url: str
    relevant: bool | None = None  # a new judgement (None: the stored one stands)
    record: str | None = None  # the extraction as stored (JSON), made in the worker
    facts: dict[str, list[dict[str, Any]]] | None = None  # its fact rows (`fact_rows`)
    digest: str = ""
    fingerprint: bytes | None = None
    failure: str | None = None


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite's own transaction handling begins a transaction only before INSERT/UPDATE/DELETE:
    # reads and DDL would run outside any transaction. Off: `_sqlite_begin` emits BEGIN itself.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # Switching a new database to WAL needs an exclusive lock, and SQLite answers "database is
    # locked" at once (no busy wait) while another process opens it too: retry for a while.
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            break
        except Exception as exc:  # the driver's OperationalError
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """A write transaction takes the write lock at once (waiting up to the busy timeout), so it
    never has to upgrade a read snapshot another process has made stale; a read transaction
    takes none (WAL readers see one snapshot and block nobody)."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("antt_write") else "BEGIN")


def _is_busy(sqlite_error: Any) -> bool:
    """A SQLite error saying another connection holds a lock (SQLITE_BUSY or SQLITE_LOCKED)."""
    code = getattr(sqlite_error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (5, 6)  # extended codes (SQLITE_BUSY_SNAPSHOT...) included
    return any(w in str(sqlite_error) for w in ("database is locked", "database is busy", "table is locked"))


def _must_restart(exc: DatabaseError, dialect: str) -> bool:
    """Whether the database asks for the transaction to be run again (not a real error)."""
    orig = getattr(exc, "orig", None)
    if dialect == "sqlite":
        return isinstance(exc, OperationalError) and _is_busy(orig)
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    # serialization failure, deadlock, and a unique key another transaction inserted meanwhile
    # (the restarted transaction finds that row and updates it instead)
    return state in ("40001", "40P01", "23505")


class Store:
    """Articles keyed by canonical URL and their extraction results."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @property
    def url(self) -> str:
        """The URL to open this store again (in another process), password included."""
        return self.engine.url.render_as_string(hide_password=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @classmethod
    def open(cls, url: str) -> Store:
        url = engine_url(url)
        if url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///"))
            if path.exists() and path.is_dir():
                raise StoreError(f"{path}: is a directory, not a database file")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path.parent}: cannot create the folder ({exc.strerror})") from exc
        connect_args: dict[str, Any] = {}
        if url.startswith("sqlite") and "timeout" not in make_url(url).query:
            connect_args["timeout"] = BUSY_TIMEOUT  # pysqlite's busy timeout (default 5 s)
        try:
            engine = create_engine(url, connect_args=connect_args, **_pool_args(url))
        except (ArgumentError, ImportError) as exc:
            raise StoreError(f"{redact_url(url)}: not a database URL this program can open ({exc})") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        store = cls(engine)
        try:
            store.migrate()
        except (DatabaseError, OperationalError) as exc:
            engine.dispose()
            raise StoreError(f"{redact_url(url)}: not a usable database ({_first_line(exc.orig)})") from exc
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------------
    def _write(self, work: Callable[[Connection], T]) -> T:
        """Run `work` in one write transaction holding the write lock; run it again from the
        start (a few times, after a short random pause) when the database asks for it."""
        dialect = self.engine.dialect.name
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self.engine.connect() as conn:
                    conn = conn.execution_options(antt_write=True)
                    with conn.begin():
                        return work(conn)
            except (OperationalError, IntegrityError) as exc:
                if attempt == WRITE_ATTEMPTS or not _must_restart(exc, dialect):
                    raise
                time.sleep(random.uniform(0.01, 0.05) * 2**attempt)
        raise AssertionError("unreachable")

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """Read several tables as of one moment, whatever other processes write meanwhile.

        SQLite: one read transaction on one connection (WAL keeps its snapshot), through ADBC
        for a file database (Arrow, several times faster than fetching rows one by one);
        other databases: one REPEATABLE READ transaction."""
        url = self.engine.url
        if self.engine.dialect.name == "sqlite" and url.database and url.database != ":memory:":
            import adbc_driver_sqlite.dbapi as adbc

            with adbc.connect(url.database) as aconn:  # autocommit off: all reads in one transaction
                with aconn.cursor() as cur:
                    cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
                try:
                    yield Snapshot(self.engine.dialect, adbc=aconn)
                finally:
                    aconn.rollback()
            return
        with self.engine.connect() as conn:
            if self.engine.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield Snapshot(self.engine.dialect, conn=conn)

    # -- schema ---------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return self._version(conn)

    def _version(self, conn: Connection) -> int:
        if not self.engine.dialect.has_table(conn, "schema_info"):
            return 0
        return conn.execute(select(func.max(schema_info.c.version))).scalar() or 0

    def _check_version(self, current: int) -> None:
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"database schema v{current} is newer than this program (v{SCHEMA_VERSION}): upgrade antt"
            )

    def migrate(self) -> int:
        """Apply the missing migrations, each in its own transaction under the write lock and
        only if the version read inside that lock still lacks it: processes opening one store
        at once apply each step once, and wait for each other instead of failing."""
        current = self.schema_version()
        self._check_version(current)
        if current == SCHEMA_VERSION:
            return SCHEMA_VERSION  # the usual case: no write lock taken

        def step(conn: Connection) -> bool:
            if conn.dialect.name == "postgresql":
                conn.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK_KEY)))
            schema_info.create(conn, checkfirst=True)
            version = self._version(conn)
            self._check_version(version)
            if version >= SCHEMA_VERSION:
                return False
            MIGRATIONS[version](conn)
            conn.execute(insert(schema_info).values(version=version + 1, migrated_at=_now()))
            return True

        while self._write(step):
            pass
        return SCHEMA_VERSION

    # -- articles -------------------------------------------------------------------------
    def upsert_article(self, article: Article, prefer_host: str | None = None) -> tuple[int, bool]:
        """Insert or update by canonical URL (or the outlet's own id). Returns (id, changed);
        same content changes nothing. `prefer_host`: the outlet's current domain, the URL form
        an article read under two forms is kept under."""
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

        def work(conn: Connection) -> tuple[int, bool]:
            row = conn.execute(
                select(articles.c.id, articles.c.url, articles.c.content_hash, articles.c.raw_html).where(same)
            ).first()
            if row is not None and row.url != url:
                # The same article (outlet, id) under another URL form: whichever crawl reads it
                # first, it is stored under one URL, the outlet's own host first, then the
                # smaller (two workers, or two runs, store the same thing).
                _move_url(conn, row.id, row.url, url, prefer_host)
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
            changes = dict(values, relevance_version=None)  # a new text must be judged again
            if article.raw_html is not None:
                changes["raw_html"] = compress_html(article.raw_html)
            conn.execute(update(articles).where(articles.c.id == row.id).values(updated_at=_now(), **changes))
            return int(row.id), True

        return self._write(work)

    def offer_url(self, source: str, source_id: str, url: str, prefer_host: str | None = None) -> bool:
        """Another URL form of a stored article (by the outlet's own id): the article moves to
        it when it is the preferred form (`preferred_url`); True when it moved."""
        url = canonical_url(url)

        def work(conn: Connection) -> bool:
            row = conn.execute(select(articles.c.id, articles.c.url).where(
                articles.c.source == source, articles.c.source_id == source_id)).first()
            if row is None or row.url == url:
                return False
            return _move_url(conn, row.id, row.url, url, prefer_host)

        return self._write(work)

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
            raw_html=decompress_html(row.raw_html) if "raw_html" in row._fields else None,
            html_extractor=row.html_extractor,
            source=row.source,
            source_id=row.source_id,
        )

    def get_article(self, url: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.url == canonical_url(url))).first()
        return self._to_article(row) if row else None

    def iter_articles(self) -> Iterator[StoredArticle]:
        """Every stored article, with its HTML, streamed (a server-side cursor on PostgreSQL)."""
        with self.engine.connect() as conn:
            rows = conn.execution_options(stream_results=True, yield_per=256).execute(
                select(articles).order_by(articles.c.id))
            for row in rows:
                relevant = None if row.relevant is None else bool(row.relevant)
                yield StoredArticle(int(row.id), self._to_article(row), row.content_hash, relevant,
                                    row.relevance_version)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar() or 0

    def catalog_state(self, extractor_version: str) -> dict[str, str]:
        """What the catalog is built from, summed up by a few SQL aggregates (no row comes into
        Python): the articles (count, ids, last change, which are relevant) and the results of
        this extractor version (count, ids, last written). Any insert, changed text, new
        judgement or new result changes it; a result written again under a reused id changes
        its `created_at`."""
        rel = func.sum(case((articles.c.relevant.is_(True), articles.c.id), else_=0))
        art = select(func.count(), func.max(articles.c.id), func.sum(articles.c.id), func.max(articles.c.updated_at),
                     func.count(articles.c.relevant), rel)
        ext = (select(func.count(), func.max(extractions.c.id), func.sum(extractions.c.id),
                      func.max(extractions.c.created_at), func.sum(extractions.c.article_id))
               .where(extractions.c.extractor_version == extractor_version))
        with self.engine.connect() as conn:
            a, e = conn.execute(art).one(), conn.execute(ext).one()
        return {"articles": " ".join(map(str, a)), "extractions": " ".join(map(str, e))}

    # -- crawl memory -------------------------------------------------------------------
    def mark_seen(self, source: str, source_id: str, url: str, relevant: bool) -> None:
        """Remember an article page as fetched, so later crawls do not fetch it again."""
        def work(conn: Connection) -> None:
            exists = conn.execute(
                select(seen.c.id).where(seen.c.source == source, seen.c.source_id == source_id)
            ).first()
            if exists is None:
                conn.execute(insert(seen).values(source=source, source_id=source_id, url=canonical_url(url),
                                                 relevant=relevant, first_seen=_now()))

        self._write(work)

    def seen_ids(self, source: str) -> set[str]:
        with self.engine.connect() as conn:
            return {r.source_id for r in conn.execute(select(seen.c.source_id).where(seen.c.source == source))}

    def save_extraction(self, article_id: int, extraction: Extraction, digest: str,
                        fingerprint: bytes | None = None) -> None:
        """One result per (article, extractor version); re-saving replaces it and its fact rows.

        The result, its fact rows and the fingerprint are one transaction: a reader sees an
        article's facts all at once or not at all."""
        self._write(lambda conn: self._save_extraction(conn, article_id, extraction, digest, fingerprint))

    def _save_extraction(self, conn: Connection, article_id: int, extraction: Extraction, digest: str,
                         fingerprint: bytes | None) -> None:
        record = extraction_record(extraction)
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

    def set_relevance(self, article_id: int, relevant: bool, version: str | None = None) -> None:
        """Record the topic filter's judgement of a stored article (`articles.relevant`) and
        the filter version that made it, so a build re-judges only what an older filter judged."""
        def work(conn: Connection) -> None:
            conn.execute(update(articles).where(articles.c.id == article_id)
                         .values(relevant=relevant, relevance_version=version))

        self._write(work)

    def drop_extraction(self, article_id: int, version: str) -> bool:
        """Forget an article's result for one extractor version, with its fact rows (one
        transaction): when its new text fails extraction, facts about the old text must not
        stay in the catalog. True if there was one."""

        return self._write(lambda conn: self._drop_extraction(conn, article_id, version))

    @staticmethod
    def _drop_extraction(conn: Connection, article_id: int, version: str) -> bool:
        existing = conn.execute(select(extractions.c.id).where(
            extractions.c.article_id == article_id, extractions.c.extractor_version == version)).first()
        if not existing:
            return False
        for table in FACT_TABLES.values():
            conn.execute(table.delete().where(table.c.extraction_id == existing.id))
        conn.execute(extractions.delete().where(extractions.c.id == existing.id))
        return True

    def extraction_is_current(self, article_id: int, version: str, digest: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(extractions.c.content_hash).where(
                    extractions.c.article_id == article_id, extractions.c.extractor_version == version
                )
            ).first()
        return row is not None and row.content_hash == digest

    # -- extraction work (pipelines/extraction.py) ------------------------------------------
    def _pending(self, extractor_version: str, filter_version: str):
        """Articles that need work: a topic judgement missing or by another filter version,
        or relevant without a result of this extractor version for their current text."""
        current = exists().where(extractions.c.article_id == articles.c.id,
                                 extractions.c.extractor_version == extractor_version,
                                 extractions.c.content_hash == articles.c.content_hash)
        return or_(articles.c.relevant.is_(None), articles.c.relevance_version.is_(None),
                   articles.c.relevance_version != filter_version,
                   and_(articles.c.relevant.is_(True), ~current))

    def pending_ids(self, extractor_version: str, filter_version: str) -> list[int]:
        """Ids of the articles that need work, in order (ids only: a few bytes per article)."""
        with self.engine.connect() as conn:
            return [int(i) for i in conn.execute(
                select(articles.c.id).where(self._pending(extractor_version, filter_version))
                .order_by(articles.c.id)).scalars()]

    def count_pending(self, extractor_version: str, filter_version: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)
                                .where(self._pending(extractor_version, filter_version))).scalar() or 0

    def work_items(self, ids: Sequence[int], filter_version: str, extractor_version: str,
                   conn: Connection | None = None) -> list[WorkItem]:
        """The articles `ids` as extraction reads them: text and metadata, never the HTML, and
        whether a result of `extractor_version` for their current text is stored."""
        cols = [c for c in articles.c if c.name not in ("raw_html", "fingerprint")]
        current = exists().where(extractions.c.article_id == articles.c.id,
                                 extractions.c.extractor_version == extractor_version,
                                 extractions.c.content_hash == articles.c.content_hash).label("current")
        query = select(*cols, current).where(articles.c.id.in_(list(ids))).order_by(articles.c.id)
        if conn is None:
            with self.engine.connect() as own:
                rows = own.execute(query).all()
        else:
            rows = conn.execute(query).all()
        items = []
        for row in rows:
            judged = row.relevant is not None and row.relevance_version == filter_version
            items.append(WorkItem(int(row.id), self._to_article(row), row.content_hash,
                                  bool(row.relevant) if judged else None, bool(row.current)))
        return items

    def count_relevant(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)
                                .where(articles.c.relevant.is_(True))).scalar() or 0

    def apply_results(self, results: Sequence[WorkResult], extractor_version: str, filter_version: str,
                      conn: Connection | None = None) -> None:
        """A batch's judgements and extraction results, in one transaction (or in `conn`'s),
        a few statements per batch: a new judgement with its filter version; a result (its
        JSON record and fact rows, made by the worker) replacing the article's result of this
        extractor version; an article whose extraction failed loses that result, so the
        catalog never keeps facts of an old text."""
        judged = [{"_id": r.id, "_rel": r.relevant} for r in results if r.relevant is not None]
        done = [r for r in results if r.record is not None]
        gone = [r.id for r in results if r.record is None and r.failure is not None]

        def work(conn: Connection) -> None:
            if judged:
                conn.execute(update(articles).where(articles.c.id == bindparam("_id"))
                             .values(relevant=bindparam("_rel"), relevance_version=filter_version), judged)
            replaced = [r.id for r in done] + gone
            if replaced:
                old = list(conn.execute(select(extractions.c.id).where(
                    extractions.c.article_id.in_(replaced),
                    extractions.c.extractor_version == extractor_version)).scalars())
                if old:
                    for table in FACT_TABLES.values():
                        conn.execute(table.delete().where(table.c.extraction_id.in_(old)))
                    conn.execute(extractions.delete().where(extractions.c.id.in_(old)))
            if not done:
                return
            now = _now()
            ids = conn.execute(insert(extractions).returning(extractions.c.id, extractions.c.article_id,
                                                             sort_by_parameter_order=True),
                               [{"article_id": r.id, "extractor_version": extractor_version, "content_hash": r.digest,
                                 "record": r.record, "created_at": now} for r in done]).all()
            for kind, table in FACT_TABLES.items():
                rows = [dict(row, extraction_id=ext_id, article_id=art_id)
                        for (ext_id, art_id), r in zip(ids, done, strict=True) for row in (r.facts or {}).get(kind, [])]
                if rows:
                    conn.execute(insert(table), rows)
            prints = [{"_id": r.id, "_fp": r.fingerprint} for r in done if r.fingerprint is not None]
            if prints:
                conn.execute(update(articles).where(articles.c.id == bindparam("_id"))
                             .values(fingerprint=bindparam("_fp")), prints)

        if conn is not None:
            work(conn)
        else:
            self._write(work)

    @contextmanager
    def claim(self, extractor_version: str, filter_version: str, limit: int, *,
              wait: bool = False) -> Iterator[tuple[list[WorkItem], Callable[[Sequence[WorkResult]], None]]]:
        """PostgreSQL: take up to `limit` articles that need work, locked (`FOR UPDATE SKIP
        LOCKED`) until the results are written and the transaction commits, so workers on any
        number of machines never take the same article. Yields the items and the function
        that writes their results in the same transaction. `wait=True` waits for the rows other
        workers hold instead of skipping them (the last pass of a build, which must see all)."""
        if self.dialect != "postgresql":
            raise StoreError("claiming work is for a PostgreSQL store; a SQLite store has one writer")
        pending = self._pending(extractor_version, filter_version)
        with self.engine.connect() as conn, conn.begin():
            ids = conn.execute(select(articles.c.id).where(pending).order_by(articles.c.id).limit(limit)
                               .with_for_update(of=articles, skip_locked=not wait)).scalars().all()
            if ids:  # read again now: a worker that committed since our query began has done them
                ids = conn.execute(select(articles.c.id).where(pending, articles.c.id.in_(ids))).scalars().all()
            items = self.work_items(ids, filter_version, extractor_version, conn) if ids else []
            yield items, lambda results: self.apply_results(results, extractor_version, filter_version, conn)

    def iter_records(self, version: str) -> Iterator[str]:
        """The stored JSON records of this extractor version for the relevant articles, in
        article order, as stored (nothing parsed or serialized again)."""
        query = (select(extractions.c.record).join(articles, articles.c.id == extractions.c.article_id)
                 .where(extractions.c.extractor_version == version, articles.c.relevant.is_(True))
                 .order_by(articles.c.id))
        with self.engine.connect() as conn:
            for row in conn.execution_options(stream_results=True, yield_per=256).execute(query):
                yield row.record

    def iter_texts(self, version: str, batch: int = 1000) -> Iterator[list[tuple[int, str]]]:
        """(article_id, text) of the articles with a result of this extractor version, in id
        order, a batch at a time (the catalog's full-text index: never all texts in memory)."""
        query = (select(articles.c.id, articles.c.text).join(extractions, extractions.c.article_id == articles.c.id)
                 .where(extractions.c.extractor_version == version).order_by(articles.c.id))
        with self.engine.connect() as conn:
            rows = conn.execution_options(stream_results=True, yield_per=batch).execute(query)
            for part in rows.partitions(batch):
                yield [(int(i), t) for i, t in part]

    def iter_extractions(self, version: str | None = None) -> Iterator[tuple[str, Extraction]]:
        query = select(articles.c.url, extractions.c.record).join(
            articles, articles.c.id == extractions.c.article_id
        )
        if version:
            query = query.where(extractions.c.extractor_version == version)
        with self.engine.connect() as conn:
            for row in conn.execute(query.order_by(articles.c.id)):
                yield row.url, Extraction.from_dict(json.loads(row.record))


def _arrow_type(sql_type: Any) -> Any:
    """The Arrow type of a declared column type (None: inferred from the values)."""
    import pyarrow as pa

    for kind, arrow in ((Boolean, pa.bool_()), (Integer, pa.int64()), (Float, pa.float64()),
                        (LargeBinary, pa.binary()), (String, pa.string())):  # Text is a String
        if isinstance(sql_type, kind):
            return arrow
    return None


def _typed_array(values: list, typ: Any) -> Any:
    """Driver values as an Arrow array of the declared type (SQLite gives a boolean as 0/1)."""
    import pyarrow as pa

    if typ is not None and pa.types.is_boolean(typ):
        values = [None if v is None else bool(v) for v in values]
    return pa.array(values, type=typ)


class Snapshot:
    """The store as of one moment, read as DataFrames (see `Store.snapshot`)."""

    def __init__(self, dialect: Any, *, conn: Connection | None = None, adbc: Any = None):
        self._dialect, self._conn, self._adbc = dialect, conn, adbc

    def frame(self, query: Any) -> pd.DataFrame:
        """A query's rows as a DataFrame: Arrow through ADBC for a SQLite file, otherwise the
        values as the driver returns them (no SQLAlchemy type conversion)."""

        sql = str(query.compile(dialect=self._dialect, compile_kwargs={"literal_binds": True}))
        if self._adbc is not None:
            with self._adbc.cursor() as cur:
                cur.execute(sql)
                return cur.fetch_arrow_table().to_pandas()
        import pyarrow as pa

        result = self._conn.exec_driver_sql(sql)
        columns = list(result.keys())
        rows = result.fetchall()
        # Typed as the columns are declared (as ADBC types SQLite's), so that a column of NULLs
        # is a float column on PostgreSQL too, not one of Python objects.
        arrays = [_typed_array([r[i] for r in rows], _arrow_type(col.type))
                  for i, col in enumerate(query.selected_columns)]
        return pa.table(arrays, names=columns).to_pandas()

    def batches(self, query: Any, size: int = 65536) -> tuple[Any, Iterator[Any]]:
        """A query's rows as Arrow record batches of at most `size` rows, never all at once:
        (schema, batches). Every batch has the schema the columns are declared with (a batch
        of NULLs is still a float column), whatever the driver infers."""
        import pyarrow as pa

        schema = pa.schema([(c.name, _arrow_type(c.type) or pa.string()) for c in query.selected_columns])
        sql = str(query.compile(dialect=self._dialect, compile_kwargs={"literal_binds": True}))

        def typed(batch: Any) -> Any:
            return pa.RecordBatch.from_arrays(
                [col if col.type == f.type else col.cast(f.type) for col, f in zip(batch.columns, schema, strict=True)],
                schema=schema)

        def adbc_batches() -> Iterator[Any]:
            with self._adbc.cursor() as cur:
                cur.execute(sql)
                for batch in cur.fetch_record_batch():
                    for i in range(0, batch.num_rows, size):
                        yield typed(batch.slice(i, size))

        def driver_batches() -> Iterator[Any]:
            result = self._conn.execution_options(stream_results=True, yield_per=size).exec_driver_sql(sql)
            for part in result.partitions(size):
                yield pa.RecordBatch.from_arrays(
                    [_typed_array([r[i] for r in part], f.type) for i, f in enumerate(schema)], schema=schema)

        return schema, adbc_batches() if self._adbc is not None else driver_batches()

    def extracted_articles(self, version: str) -> pd.DataFrame:
        """The articles with a result of this extractor version: article_id, url, outlet,
        published, title, fingerprint."""
        return self.frame(
            select(articles.c.id.label("article_id"), articles.c.url, articles.c.outlet, articles.c.published,
                   articles.c.title, articles.c.fingerprint)
            .join(extractions, extractions.c.article_id == articles.c.id)
            .where(extractions.c.extractor_version == version))

    def article_texts(self, version: str) -> pd.DataFrame:
        """article_id and text of the articles with a result of this extractor version (the
        catalog's full-text index)."""
        return self.frame(
            select(articles.c.id.label("article_id"), articles.c.text)
            .join(extractions, extractions.c.article_id == articles.c.id)
            .where(extractions.c.extractor_version == version))

    def article_rows(self, version: str) -> Any:
        """The query of `extracted_articles` (for `batches`)."""
        return (select(articles.c.id.label("article_id"), articles.c.url, articles.c.outlet, articles.c.published,
                       articles.c.title, articles.c.fingerprint)
                .join(extractions, extractions.c.article_id == articles.c.id)
                .where(extractions.c.extractor_version == version))

    def fact_rows(self, kind: str, version: str) -> Any:
        """The query of one kind's fact rows of this extractor version, with the row id
        (`row_id`: the order they were written in) and without the extraction id."""
        table = FACT_TABLES[kind]
        cols = [table.c.id.label("row_id"), *(c for c in table.c if c.name not in ("id", "extraction_id"))]
        return (select(*cols).join(extractions, extractions.c.id == table.c.extraction_id)
                .where(extractions.c.extractor_version == version))

    def facts(self, kind: str, version: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The fact rows of one kind ("statistics", "models", "locations") of this extractor
        version, in the table's column order, without the row and extraction ids (or only
        `columns`)."""
        table = FACT_TABLES[kind]
        cols = [c for c in table.c if c.name not in ("id", "extraction_id")
                and (columns is None or c.name in columns)]
        return self.frame(
            select(*cols).join(extractions, extractions.c.id == table.c.extraction_id)
            .where(extractions.c.extractor_version == version))
