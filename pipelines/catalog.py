"""The catalog: model kinds across provinces, figures over time, places compared, conflicts.

Built by DuckDB in a work file beside the outputs: the store's current facts are copied in
Arrow batches (one snapshot, never all rows in Python), then every table is one SQL statement
that DuckDB runs within `CATALOG_MEMORY` and spills to disk past it, so a store of millions
of figures builds in bounded memory. Deterministic (every order is total, no timestamps), so
building twice gives byte-identical exports. Syndicated copies (the same story on several
outlets) are one story: counted once, and they corroborate each other's figures instead of
conflicting. Word lists and Vietnamese order come from Python (`metric_of`, `rank_table`) as
small lookup tables over the distinct values, never per row.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from core.config import CATALOG_MEMORY, EXTRACTOR_VERSION
from core.store import FACT_TABLES, Store
from nlp.fingerprint import similarity, sketch
from nlp.units import metric_of, metrics, metrics_version
from pipelines.collation import rank_table
from pipelines.corrections import Corrections, correction_tables
from pipelines.places import place_sql

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

SYNDICATION_THRESHOLD = 0.6  # estimated Jaccard of 5-word shingles; copies score ~0.9, unrelated ~0
#: A reported figure as an interval [low, high] of the true value.
_QUALIFIER_BOUNDS = {
    "exact": (1.0, 1.0), "about": (0.9, 1.1), "more_than": (1.0, np.inf), "at_least": (1.0, np.inf),
    "less_than": (0.0, 1.0), "at_most": (0.0, 1.0),
}
#: The catalog's tables, in the order they are exported.
TABLES = ("models", "model_presence", "statistics", "places", "place_figures", "conflicts", "articles", "metrics")


@dataclass
class Catalog:
    """The catalog's tables inside a DuckDB database (`con`), read as DataFrames by name
    (small stores, tests, the report) or streamed in Arrow batches by the exports."""

    con: duckdb.DuckDBPyConnection
    metrics_version: int
    extractor_version: str
    sample: bool = False  # the invented demo articles, not news: every output says so
    #: (article_id, text) batches for the full-text index, streamed from the store when the
    #: exports are written (never all texts in memory), never exported as a table
    texts: Callable[[], Iterator[list[tuple[int, str]]]] | None = None
    _close: Callable[[], None] = field(default=lambda: None, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        return TABLES

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(name)
        return self.con.table(name).df()

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table as a DataFrame (small catalogs only: the exports stream instead)."""
        return {name: self[name] for name in TABLES}

    def batches(self, name: str, size: int = 65536) -> pa.RecordBatchReader:
        """A table's rows in order, as Arrow record batches, dates typed as dates."""
        from pipelines.export import is_date_column

        cols = []
        for col, typ in zip(*self._columns(name), strict=True):
            q = f'"{col}"'
            cols.append(f"try_strptime(CAST({q} AS VARCHAR), '%Y-%m-%d')::DATE AS {q}"
                        if is_date_column(col) and typ == "VARCHAR" else q)
        return self.con.sql(f'SELECT {", ".join(cols)} FROM "{name}"').to_arrow_reader(size)

    def _columns(self, name: str) -> tuple[list[str], list[str]]:
        rows = self.con.execute(f'DESCRIBE "{name}"').fetchall()
        return [r[0] for r in rows], [r[1] for r in rows]

    def count(self, sql: str) -> Any:
        return self.con.execute(sql).fetchone()[0]

    def close(self) -> None:
        self._close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(workdir: Path | None = None) -> tuple[duckdb.DuckDBPyConnection, Callable[[], None]]:
    """A DuckDB database in a fresh work folder (under `workdir`, else the system's temporary
    folder), limited to `CATALOG_MEMORY` and spilling there; and the function that removes it."""
    import duckdb

    if workdir is not None:
        workdir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".catalog-", dir=workdir))
    con = duckdb.connect(str(tmp / "catalog.duckdb"), config={
        "memory_limit": CATALOG_MEMORY, "temp_directory": str(tmp / "spill"),
        "preserve_insertion_order": True,  # a table written in order is read in that order
    })

    def close() -> None:
        try:
            con.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    return con, close


def _load(con: duckdb.DuckDBPyConnection, name: str, schema: pa.Schema, batches: Iterator[pa.RecordBatch]) -> None:
    """A table filled from Arrow batches as they come (DuckDB reads the stream)."""
    reader = pa.RecordBatchReader.from_batches(schema, batches)
    con.register("_stream", reader)
    con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _stream')
    con.unregister("_stream")


def load_facts(store: Store, con: duckdb.DuckDBPyConnection, version: str = EXTRACTOR_VERSION) -> None:
    """Articles with a current extraction (`art`) and their fact tables (`f_statistics`,
    `f_models`, `f_locations`), all as of one moment: other processes may write meanwhile,
    the catalog sees no article without its facts or the reverse."""
    with store.snapshot() as snap:
        _load(con, "art", *snap.batches(snap.article_rows(version)))
        for kind in FACT_TABLES:
            _load(con, f"f_{kind}", *snap.batches(snap.fact_rows(kind, version)))


def stories(con: duckdb.DuckDBPyConnection) -> None:
    """Table `story(article_id, story_id)`: syndicated copies share the smallest article id of
    their group (articles in no group are their own story and are not listed).

    Candidates share one of their 4 smallest hashes; verified on the whole sketch. A hash
    shared by very many articles (boilerplate such as a byline) says nothing: left out."""
    # the k smallest hashes, 4 bytes each: compared as hex text, never parsed in Python
    pairs = con.execute("""
        WITH x AS (SELECT article_id, substring(hex(fingerprint), 1 + 8 * i, 8) AS h
                   FROM art, range(4) t(i) WHERE octet_length(fingerprint) >= 4 * (i + 1)),
        y AS (SELECT * FROM x WHERE h <> '00000000' QUALIFY count(*) OVER (PARTITION BY h) <= 50)
        SELECT DISTINCT a.article_id, b.article_id FROM y a JOIN y b ON a.h = b.h AND a.article_id < b.article_id
        ORDER BY 1, 2""").fetchall()
    involved = sorted({a for pair in pairs for a in pair})
    fps = dict(con.execute("SELECT article_id, fingerprint FROM art WHERE article_id IN (SELECT unnest(?))",
                           [involved]).fetchall()) if involved else {}
    parent = {aid: aid for aid in involved}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        if similarity(sketch(fps[a]), sketch(fps[b])) >= SYNDICATION_THRESHOLD:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    grouped = {aid: find(aid) for aid in involved}
    table = pa.table({"article_id": pa.array(list(grouped), pa.int64()),
                      "story_id": pa.array(list(grouped.values()), pa.int64())})
    con.register("_story", table)
    con.execute("CREATE OR REPLACE TABLE story AS SELECT * FROM _story WHERE article_id <> story_id")
    con.unregister("_story")


def _lookup(con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, pa.Array]) -> None:
    con.register("_lookup", pa.table(columns))
    con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _lookup')
    con.unregister("_lookup")


def build_catalog(store: Store, corrections: Corrections | None = None, sample: bool = False,
                  workdir: Path | None = None) -> Catalog:
    """The catalog tables from the store's current facts, corrections applied. `sample`: the
    store holds the demo's invented articles (a `sample` column and every output say so).
    `workdir`: where DuckDB works (default: the system's temporary folder); `Catalog.close`
    removes it."""
    con, close = connect(workdir)
    try:
        load_facts(store, con)
        _build(con, corrections or Corrections(), sample)
    except BaseException:
        close()
        raise
    catalog = Catalog(con, metrics_version(), EXTRACTOR_VERSION, sample, lambda: store.iter_texts(EXTRACTOR_VERSION),
                      close)
    weakref.finalize(catalog, close)  # a catalog dropped without close() still removes its files
    return catalog


def _build(con: duckdb.DuckDBPyConnection, corrections: Corrections, sample: bool) -> None:
    correction_tables(con, corrections)
    stories(con)
    con.execute("""CREATE OR REPLACE TABLE meta AS
        SELECT a.article_id, a.url, a.outlet, substr(coalesce(a.published, ''), 1, 10) AS published, a.title,
               coalesce(s.story_id, a.article_id) AS story_id
        FROM art a LEFT JOIN story s USING (article_id)""")
    # A figure repeated in one article (title, lead and body) is one figure.
    con.execute("""CREATE OR REPLACE TABLE st AS
        SELECT s.*, m.url, m.outlet, m.published, m.story_id FROM c_statistics s LEFT JOIN meta m USING (article_id)
        QUALIFY row_number() OVER (PARTITION BY s.article_id, s.value, s.qualifier, s.unit, s.place
                                   ORDER BY s.start, s.fact_id) = 1""")
    units = [u for (u,) in con.execute("SELECT DISTINCT unit FROM st WHERE unit IS NOT NULL").fetchall()]
    _lookup(con, "unit_metric", {"unit": pa.array(units, pa.string()),
                                 "metric": pa.array([metric_of(u) for u in units], pa.string())})
    con.execute("""CREATE OR REPLACE TABLE st2 AS
        SELECT st.* REPLACE (coalesce(st.planned, false) AS planned), coalesce(um.metric, 'other') AS metric
        FROM st LEFT JOIN unit_metric um USING (unit)""")
    con.execute("DROP TABLE st")
    con.execute("""CREATE OR REPLACE TABLE mo AS
        SELECT c.*, m.url, m.outlet, m.published, m.story_id FROM c_models c LEFT JOIN meta m USING (article_id)""")
    rank_table(con, "_vi_stats", "SELECT province FROM st2 UNION SELECT place FROM st2 UNION SELECT metric FROM st2")
    _statistics_sql(con, sample)
    metric_defs = metrics()
    place_sql(con, "st2", "mo", "c_locations", list(metric_defs))
    _models_sql(con)
    _presence_sql(con)
    _conflicts_sql(con)
    con.execute(f"""CREATE OR REPLACE TABLE articles AS
        SELECT article_id, url, outlet, published, story_id, title, {bool(sample)} AS sample
        FROM meta ORDER BY article_id""")
    rows = [vars(m) for m in metric_defs.values()] + [
        {"id": "other", "label": "khác", "description": "A unit no metric covers.", "unit": ""}]
    _lookup(con, "metrics", {k: pa.array([r.get(k) for r in rows], pa.string())
                             for k in ("id", "label", "description", "unit")})
    for name in ("st2", "mo", "meta", "art", "story", "c_statistics", "c_models", "c_locations", "f_statistics",
                 "f_models", "f_locations"):
        con.execute(f"DROP TABLE IF EXISTS {name}")


def _joined(src: str, keys: list[str], col: str, alias: str, sep: str = "; ") -> str:
    """Per group of `keys`: the distinct values of `col` ("A; B" counts as A and B), in
    Vietnamese order, joined by `sep` (needs the rank table `_vi`)."""
    k = ", ".join(keys)
    return f"""(SELECT {k}, string_agg(v, '{sep}' ORDER BY r) AS {alias} FROM (
                  SELECT DISTINCT {k}, unnest(string_split(CAST({col} AS VARCHAR), '; ')) AS v FROM {src}) d
                JOIN _vi USING (v) WHERE v <> '' GROUP BY {k})"""


def _statistics_sql(con: duckdb.DuckDBPyConnection, sample: bool) -> None:
    """Every figure with its metric, place and provenance, ordered by province, place, metric
    and date. `corroborated_by`: other copies of the story reporting the same figure."""
    con.execute(f"""CREATE OR REPLACE TABLE statistics AS
        SELECT s.fact_id, s.value, s.value_max, s.total,
               CASE WHEN s.total > 0 THEN s.value / s.total END AS share,
               s.qualifier, s.unit, s.metric, s.subject, s.model, s.place, s.province, s.provinces_2025, s.period,
               s.planned, s.published, s.outlet, s.url, s.evidence, s.start, s."end", s.story_id,
               coalesce(c.copies - 1, 0) AS corroborated_by, '{EXTRACTOR_VERSION}' AS extractor_version,
               {bool(sample)} AS sample
        FROM st2 s
        LEFT JOIN (SELECT story_id, value, unit, count(DISTINCT article_id) AS copies FROM st2 GROUP BY ALL) c
            ON c.story_id = s.story_id AND c.value = s.value AND c.unit = s.unit
        LEFT JOIN _vi_stats rp ON rp.v = s.province
        LEFT JOIN _vi_stats rl ON rl.v = s.place
        LEFT JOIN _vi_stats rm ON rm.v = s.metric
        ORDER BY rp.r NULLS LAST, rl.r NULLS LAST, rm.r NULLS LAST, s.published NULLS LAST, s.fact_id""")


def _models_sql(con: duckdb.DuckDBPyConnection) -> None:
    """One row per canonical model kind: aliases, articles, provinces, first and last report."""
    rank_table(con, "_vi", """SELECT unnest(string_split(province, '; ')) FROM mo UNION
                              SELECT unnest(string_split(provinces_2025, '; ')) FROM mo UNION
                              SELECT canonical FROM mo""")
    con.execute(f"""CREATE OR REPLACE TABLE models AS
        SELECT k.canonical AS label, k.kind_id, k.aliases, k.articles, k.mentions,
               coalesce(p.provinces, '') AS provinces, coalesce(q.provinces_2025, '') AS provinces_2025,
               k.first_report, k.last_report, k.example_mention, k.example_url, k.new_kind
        FROM (SELECT canonical,
                     arg_min(kind_id, row_id) FILTER (WHERE kind_id IS NOT NULL) AS kind_id,
                     string_agg(DISTINCT mention, ' | ' ORDER BY mention) AS aliases,
                     count(DISTINCT story_id) AS articles, count(*) AS mentions,
                     min(published) AS first_report, max(published) AS last_report,
                     first(mention ORDER BY published, url, start, row_id) AS example_mention,
                     first(url ORDER BY published, url, start, row_id) AS example_url,
                     coalesce(bool_or(new_kind), false) AS new_kind
              FROM mo WHERE canonical IS NOT NULL GROUP BY canonical) k
        LEFT JOIN {_joined("mo", ["canonical"], "province", "provinces")} p USING (canonical)
        LEFT JOIN {_joined("mo", ["canonical"], "provinces_2025", "provinces_2025")} q USING (canonical)
        LEFT JOIN _vi r ON r.v = k.canonical
        ORDER BY k.articles DESC, r.r, k.canonical""")


def _presence_sql(con: duckdb.DuckDBPyConnection) -> None:
    """Model kind x place: the earliest start the articles state (beside the first report),
    who runs it, first and last report, articles, URLs."""
    con.execute("""CREATE OR REPLACE TEMP TABLE _pres AS
        SELECT coalesce(canonical, '') AS model_kind, coalesce(place, '') AS place,
               coalesce(province, '') AS province, coalesce(provinces_2025, '') AS provinces_2025,
               published, story_id, url, started, operator FROM mo""")
    rank_table(con, "_vi", """SELECT model_kind FROM _pres UNION SELECT province FROM _pres UNION
                              SELECT place FROM _pres UNION SELECT unnest(string_split(operator, '; ')) FROM _pres""")
    keys = ["model_kind", "place", "province", "provinces_2025"]
    k = ", ".join(keys)
    con.execute(f"""CREATE OR REPLACE TABLE model_presence AS
        SELECT g.model_kind, g.place, g.province, g.provinces_2025, g.earliest_start,
               coalesce(o.operators, '') AS operators, g.first_report, g.last_report, g.articles, g.urls
        FROM (SELECT {k}, min(started) AS earliest_start, min(published) AS first_report,
                     max(published) AS last_report, count(DISTINCT story_id) AS articles,
                     string_agg(DISTINCT url, ' ' ORDER BY url) AS urls
              FROM _pres GROUP BY {k}) g
        LEFT JOIN {_joined("_pres", keys, "operator", "operators")} o USING ({k})
        LEFT JOIN _vi rk ON rk.v = g.model_kind LEFT JOIN _vi rp ON rp.v = g.province LEFT JOIN _vi rl ON rl.v = g.place
        ORDER BY rk.r, rp.r, rl.r, {k}""")


def _conflicts_sql(con: duckdb.DuckDBPyConnection) -> None:
    """The same metric, place and period reported incompatibly by different stories.

    Each figure is an interval (`hơn 5.200` is (5200, ∞), `khoảng 430` is 430 ± 10%); a group
    conflicts when its intervals have no value in common. Copies of one story never conflict,
    and a plan or target (`planned`) never conflicts with a result.
    A story giving several figures for one key is listing parts (theft cases, snatching
    cases...): its figures are not comparable with another story's total."""
    _lookup(con, "_bounds", {"qualifier": pa.array(list(_QUALIFIER_BOUNDS), pa.string()),
                             "lo": pa.array([b[0] for b in _QUALIFIER_BOUNDS.values()], pa.float64()),
                             "hi": pa.array([b[1] for b in _QUALIFIER_BOUNDS.values()], pa.float64())})
    keys = "metric, place, province, period_key"
    con.execute(f"""CREATE OR REPLACE TABLE conflicts AS
        WITH s AS (
            SELECT st2.*, coalesce(period, 'as of ' || substr(published, 1, 7)) AS period_key,
                   value * b.lo AS low, CASE WHEN value_max IS NOT NULL THEN value_max ELSE value * b.hi END AS high
            FROM st2 LEFT JOIN _bounds b USING (qualifier)
            WHERE metric <> 'other' AND place IS NOT NULL AND NOT planned),
        single AS (SELECT * FROM s QUALIFY count(*) OVER (PARTITION BY {keys}, story_id) = 1),
        g AS (SELECT {keys}, count(DISTINCT story_id) AS stories, max(low) AS max_low, min(high) AS min_high
              FROM single GROUP BY ALL),
        c AS (SELECT {keys}, dense_rank() OVER (ORDER BY {keys}) AS conflict_id FROM g
              WHERE stories > 1 AND max_low > min_high)
        SELECT c.conflict_id, x.metric, x.place, x.province, x.period_key, x.fact_id, x.value, x.qualifier, x.unit,
               x.published, x.outlet, x.url, x.evidence
        FROM single x JOIN c USING ({keys})
        ORDER BY c.conflict_id, x.published, x.fact_id""")
