"""Shared test helpers: run `antt` as a user would, in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = Path(__file__).parent / "data" / "dev"


def service_missing(message: str) -> None:
    """Skip a test whose server (PostgreSQL, Redis) is absent, with a message; in CI, where
    these machines run them, a missing server is a failure, never a silent skip."""
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must run this test)")
    pytest.skip(message)


def antt_command() -> list[str]:
    exe = shutil.which("antt", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "antt"]


@pytest.fixture
def run_antt(tmp_path):
    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        env = dict(os.environ, ANTT_OUTPUT=str(tmp_path / "output"), COLUMNS="120")
        return subprocess.run([*antt_command(), *args], capture_output=True, text=True, cwd=cwd or tmp_path,
                              env=env, timeout=300)

    return run


# -- PostgreSQL and Redis: the real servers on this machine (and CI's) ----------------------
PG_HOST, PG_PORT = "127.0.0.1", 5432
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
#: The Redis database the tests use (flushed before and after each test that asks for it).
REDIS_TEST_DB = 13


def _answers(host: str, port: int) -> bool:
    import socket

    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def pg_admin():
    """An AUTOCOMMIT engine on the server's `postgres` database (skips, or fails in CI, when no
    server answers)."""
    if not _answers(PG_HOST, PG_PORT):
        service_missing(f"no PostgreSQL server answers at {PG_HOST}:{PG_PORT}")
    from sqlalchemy import create_engine

    engine = create_engine(f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/postgres",
                           isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001
        service_missing(f"PostgreSQL at {PG_HOST}:{PG_PORT} refused the connection: {exc}")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_databases(pg_admin):
    """Make throwaway databases on the local server, dropped after the test: `make(n)` gives
    their URLs (postgresql://, as a user writes them)."""
    import uuid

    names: list[str] = []

    def make(n: int = 1) -> list[str]:
        with pg_admin.connect() as conn:
            for _ in range(n):
                name = f"antt_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
                names.append(name)
        return [f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}" for name in names[-n:]]

    yield make
    with pg_admin.connect() as conn:
        for name in names:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_databases) -> str:
    """One throwaway PostgreSQL database for the test."""
    return pg_databases(1)[0]


@pytest.fixture
def redis_url():
    """A Redis database for the test, empty at the start and flushed afterwards."""
    if not _answers(REDIS_HOST, REDIS_PORT):
        service_missing(f"no Redis server answers at {REDIS_HOST}:{REDIS_PORT}")
    import redis

    url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_TEST_DB}"
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    except redis.RedisError as exc:
        service_missing(f"Redis at {REDIS_HOST}:{REDIS_PORT} refused: {exc}")
    yield url
    client.flushdb()
    client.close()


def sample_articles(copies: int = 1) -> list:
    """The bundled sample articles (invented), `copies` times under distinct URLs: a store of
    realistic texts of any size."""
    import json

    from antt.inputs import article_from_mapping

    rows = [json.loads(line) for line in (ROOT / "antt" / "data" / "sample_articles.jsonl")
            .read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for c in range(copies):
        for n, row in enumerate(rows, 1):
            url = row["url"] if c == 0 else row["url"].rstrip("/") + f"-ban-{c}.html"
            out.append(article_from_mapping({**row, "url": url}, default_id=f"sample-{c}-{n}"))
    return out


@pytest.fixture
def replay_site(tmp_path):
    """`start(name)`: `antt replay-site --hits FILE` in its own process, as a user starts it;
    gives (the ANTT_HOST_MAP value it printed, its hits file). Stopped after the test."""
    procs: list[subprocess.Popen] = []

    def start(name: str = "site") -> tuple[str, Path]:
        hits = tmp_path / f"{name}-hits.txt"
        proc = subprocess.Popen([*antt_command(), "replay-site", "--hits", str(hits)], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, cwd=tmp_path)
        procs.append(proc)
        line = proc.stdout.readline().strip()
        assert line.startswith("ANTT_HOST_MAP="), line
        return line.removeprefix("ANTT_HOST_MAP="), hits

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=30)


def hit_counts(hits: Path) -> dict[str, int]:
    """Requests per `<host><path>` in a replay site's hits file."""
    from collections import Counter

    if not hits.exists():
        return {}
    return dict(Counter(line.rsplit(" ", 1)[-1] for line in hits.read_text(encoding="utf-8").splitlines()))
