"""The benchmarking view: every place once, each figure at the scope it was reported for.

A province row shows only figures reported for the whole province; what its districts and
wards reported stands beside it as a count and a sum, labelled partial (a ward's "> 1.300
cameras" is never the province's). A 2025 province (34) owns a figure only when it was
reported for the same unit: a province that did not merge, or a figure published from July
2025 on under its name; its predecessors' figures are parts. A city, district or ward is one
row per name and 2025 province, with the provinces it was reported under ("Thành phố Hội An":
Quảng Nam, and Đà Nẵng in a 2025 article) and its 2025 parent.

`places` is wide (one row per place, the latest own figure of every metric, useful columns
first); `place_figures` is long (one row per place and metric: value, qualifier, date, source,
evidence, how many stories gave it, and the finer levels' counts and partial sums).

Computed by DuckDB (`place_sql`), so a store of millions of figures is grouped on disk when it
does not fit in memory; `place_tables` runs the same SQL on DataFrames (small inputs, tests).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from pipelines.collation import rank_table, sort_name

if TYPE_CHECKING:
    import pandas as pd

MERGE_DAY = "2025-07-01"  # 63 provinces became 34 on this day
LEVELS = ("province", "province_2025", "local")
FIGURE_COLUMNS = ["level", "name", "province", "province_2025", "metric", "value", "value_max", "total", "qualifier",
                  "published", "url", "evidence", "fact_id", "sources", "districts_reporting", "districts_sum",
                  "wards_reporting", "wards_sum", "provinces_reporting", "provinces_sum"]
COUNTS = ["model_kinds", "model_mentions", "articles", "statistics"]
#: The metrics the national study compares, in the order a reader looks for them.
COMPARE = ["models_in_operation", "cameras_installed", "teams", "participants", "households", "tips_received",
           "cases_handled", "patrols"]


@lru_cache(maxsize=1)
def _predecessors() -> dict[str, frozenset[str]]:
    """Each 2025 province -> the provinces (63) that went into it, from the gazetteer."""
    from nlp.gazetteer import load

    out: dict[str, set[str]] = {}
    for old, new in load().province_2025_of.items():
        for p in new:
            out.setdefault(p, set()).add(old)
    return {k: frozenset(v) for k, v in out.items()}



_KEYS = "level, name, key2"
_LATEST = "ORDER BY published DESC, fact_id DESC"  # the last figure reported; fact_id breaks ties


def _scoped_sql(con, src: str, out: str, cols: str) -> None:
    """Plain-text place columns and the scope each row was reported for: province, district,
    ward, or '' (no place, or a place finer than a ward that no row is kept for)."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {out} AS
        SELECT x.*, CASE WHEN x.place = x.province AND x.province <> '' THEN 'province'
                         WHEN lo.level IN ('district', 'ward') THEN lo.level ELSE '' END AS scope
        FROM (SELECT {cols}, coalesce(CAST(place AS VARCHAR), '') AS place,
                     coalesce(CAST(province AS VARCHAR), '') AS province,
                     coalesce(CAST(provinces_2025 AS VARCHAR), '') AS provinces_2025,
                     coalesce(CAST(published AS VARCHAR), '') AS published, story_id FROM {src}) x
        LEFT JOIN _level_of lo ON lo.place = x.place AND lo.province = x.province""")


def _pairs_sql(con) -> None:
    """Each (2025 province, reported province) pair judged once: the 2025 province is the
    reported one alone (`single`), or the same name (`renamed`: it owns figures from July 2025)."""
    import pyarrow as pa

    preds = _predecessors()
    rows = con.execute("""SELECT DISTINCT p25, province FROM (
        SELECT unnest(string_split(provinces_2025, '; ')) AS p25, province FROM _s WHERE province <> ''
        UNION ALL SELECT unnest(string_split(provinces_2025, '; ')), province FROM _m WHERE province <> '')
        WHERE p25 <> ''""").fetchall()
    table = pa.table({
        "p25": pa.array([n for n, _ in rows], pa.string()), "province": pa.array([p for _, p in rows], pa.string()),
        "single": pa.array([preds.get(n, frozenset()) == frozenset({p}) for n, p in rows], pa.bool_()),
        "renamed": pa.array([sort_name(n) == sort_name(p) for n, p in rows], pa.bool_()),
    })
    con.register("_pairs_arrow", table)
    con.execute("CREATE OR REPLACE TEMP TABLE _pairs AS SELECT * FROM _pairs_arrow")
    con.unregister("_pairs_arrow")


def _assign_sql(con, src: str, out: str, cols: str) -> None:
    """Each row under every place row it belongs to, with its role there: own (reported for
    that unit), district, ward (a finer unit inside it) or part (a predecessor province)."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {out} AS
        SELECT 'province' AS level, province AS name, '' AS key2,
               CASE WHEN scope = 'province' THEN 'own' ELSE scope END AS role, place AS member, {cols},
               province, provinces_2025, story_id
        FROM {src} WHERE province <> ''
        UNION ALL
        SELECT 'province_2025', x.p25, '', x.role, CASE WHEN x.role = 'part' THEN x.province ELSE x.place END,
               {', '.join('x.' + c.strip() for c in cols.split(','))}, x.province, x.provinces_2025, x.story_id
        FROM (SELECT y.*, CASE WHEN y.scope <> 'province' THEN y.scope
                               WHEN j.single OR (j.renamed AND y.published >= '{MERGE_DAY}') THEN 'own'
                               ELSE 'part' END AS role
              FROM (SELECT *, unnest(string_split(provinces_2025, '; ')) AS p25 FROM {src} WHERE province <> '') y
              JOIN _pairs j ON j.p25 = y.p25 AND j.province = y.province) x
        UNION ALL
        SELECT 'local', place, provinces_2025, 'own', place, {cols}, province, provinces_2025, story_id
        FROM {src} WHERE scope IN ('district', 'ward')""")


def _joined(src: str, col: str, alias: str) -> str:
    """Per place row: the distinct names of `col` ("A; B" counts as A and B), in Vietnamese order."""
    return f"""(SELECT {_KEYS}, string_agg(v, '; ' ORDER BY r) AS {alias} FROM (
                  SELECT DISTINCT {_KEYS}, unnest(string_split({col}, '; ')) AS v FROM {src}) d
                JOIN _vi USING (v) WHERE v <> '' GROUP BY {_KEYS})"""


def place_sql(con, stats: str, models: str, locs: str, metric_ids: list[str]) -> None:
    """Tables `places` and `place_figures` in the DuckDB connection, from the relations named
    `stats` (deduplicated figures with metric, planned, published, story_id, url, evidence), `models`
    (mentions with canonical, published, story_id) and `locs` (name, province, level, row_id)."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _level_of AS
        SELECT CAST(name AS VARCHAR) AS place, coalesce(CAST(province AS VARCHAR), '') AS province,
               arg_max(level, row_id) AS level
        FROM {locs} WHERE name IS NOT NULL GROUP BY ALL""")
    _scoped_sql(con, stats, "_s", "fact_id, value, qualifier, metric, planned")
    _scoped_sql(con, models, "_m", "canonical")
    _pairs_sql(con)
    _assign_sql(con, "_s", "_sa", "fact_id, value, qualifier, metric, planned, published")
    _assign_sql(con, "_m", "_ma", "canonical")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _both AS
        SELECT {_KEYS}, province, provinces_2025, story_id FROM _sa
        UNION ALL SELECT {_KEYS}, province, provinces_2025, story_id FROM _ma""")
    rank_table(con, "_vi", """SELECT unnest(string_split(province, '; ')) FROM _both UNION
                              SELECT unnest(string_split(provinces_2025, '; ')) FROM _both UNION
                              SELECT name FROM _both""")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _base AS
        SELECT b.level, b.name, b.key2,
               CASE WHEN b.level = 'province' THEN b.name ELSE coalesce(p.province, '') END AS province,
               CASE WHEN b.level = 'province_2025' THEN b.name ELSE coalesce(q.province_2025, '') END
                   AS province_2025,
               coalesce(mk.model_kinds, 0) AS model_kinds, coalesce(mk.model_mentions, 0) AS model_mentions,
               b.articles, coalesce(st.statistics, 0) AS statistics
        FROM (SELECT {_KEYS}, count(DISTINCT story_id) AS articles FROM _both GROUP BY {_KEYS}) b
        LEFT JOIN {_joined("_both", "province", "province")} p USING (level, name, key2)
        LEFT JOIN {_joined("_both", "provinces_2025", "province_2025")} q USING (level, name, key2)
        LEFT JOIN (SELECT {_KEYS}, count(DISTINCT canonical) AS model_kinds, count(*) AS model_mentions
                   FROM _ma GROUP BY {_KEYS}) mk USING (level, name, key2)
        LEFT JOIN (SELECT {_KEYS}, count(*) AS statistics FROM _sa GROUP BY {_KEYS}) st USING (level, name, key2)""")
    rank_table(con, "_vi", "SELECT name FROM _base UNION SELECT province_2025 FROM _base")
    _figures_sql(con, stats)
    _wide_sql(con, metric_ids)


def _order(alias: str = "") -> str:
    """Levels in their order, names in Vietnamese order, then the 2025 parent and metric."""
    a = f"{alias}." if alias else ""
    levels = " ".join(f"WHEN '{lv}' THEN {i}" for i, lv in enumerate(LEVELS))
    return (f"CASE {a}level {levels} END, (SELECT r FROM _vi WHERE v = {a}name), "
            f"coalesce((SELECT r FROM _vi WHERE v = {a}province_2025), -1)")


def _figures_sql(con, stats: str) -> None:
    by = f"{_KEYS}, metric"
    # a plan or target ("dự kiến lắp 200 camera") is never a place's figure
    con.execute("CREATE OR REPLACE TEMP TABLE _f AS SELECT * FROM _sa WHERE metric <> 'other' AND NOT planned")
    parts = []
    for role, label in (("district", "districts"), ("ward", "wards"), ("part", "provinces")):
        parts.append(f"""LEFT JOIN (SELECT {by}, count(DISTINCT member) AS {label}_reporting,
                                           sum(value) AS {label}_sum
                                    FROM (SELECT * FROM _f WHERE role = '{role}'
                                          QUALIFY row_number() OVER (PARTITION BY {by}, member {_LATEST}) = 1)
                                    GROUP BY {by}) {label} USING ({by})""")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _figs AS
        WITH own AS (SELECT * FROM _f WHERE role = 'own'),
        latest AS (SELECT * FROM own QUALIFY row_number() OVER (PARTITION BY {by} {_LATEST}) = 1),
        sources AS (SELECT l.level, l.name, l.key2, l.metric, count(DISTINCT o.story_id) AS sources
                    FROM latest l JOIN own o ON o.level = l.level AND o.name = l.name AND o.key2 = l.key2
                         AND o.metric = l.metric AND o.value = l.value
                    GROUP BY ALL),
        groups AS (SELECT DISTINCT {by} FROM _f WHERE role IN ('own', 'district', 'ward', 'part'))
        SELECT g.level, g.name, g.key2, b.province, b.province_2025, g.metric, l.value, d.value_max, d.total,
               l.qualifier, l.published, d.url, d.evidence, l.fact_id, coalesce(sources.sources, 0) AS sources,
               coalesce(districts.districts_reporting, 0) AS districts_reporting, districts.districts_sum,
               coalesce(wards.wards_reporting, 0) AS wards_reporting, wards.wards_sum,
               coalesce(provinces.provinces_reporting, 0) AS provinces_reporting, provinces.provinces_sum
        FROM groups g
        LEFT JOIN latest l USING ({by})
        LEFT JOIN sources USING ({by})
        {' '.join(parts)}
        LEFT JOIN (SELECT fact_id, value_max, total, url, evidence FROM {stats}) d ON d.fact_id = l.fact_id
        LEFT JOIN _base b USING ({_KEYS})""")
    con.execute(f"""CREATE OR REPLACE TABLE place_figures AS
        SELECT {', '.join(FIGURE_COLUMNS)} FROM _figs ORDER BY {_order()}, metric, key2""")


def _wide_sql(con, metric_ids: list[str]) -> None:
    """One row per place: counts, then each metric's latest own value and qualifier, then the
    dates and sources (the columns a reader needs first come first)."""
    order = [m for m in COMPARE if m in metric_ids] + [m for m in metric_ids if m not in COMPARE]
    values, dates = [], []
    for m in order:
        when = f"FILTER (WHERE f.metric = '{m}')"
        values += [f'max(f.value) {when} AS "{m}"', f'max(f.qualifier) {when} AS "{m}_qualifier"']
        dates += [f'max(f.published) {when} AS "{m}_date"', f'max(f.url) {when} AS "{m}_source"']
    head = "b.level, b.name, b.province, b.province_2025, " + ", ".join(f"b.{c}" for c in COUNTS)
    con.execute(f"""CREATE OR REPLACE TABLE places AS
        SELECT {head}{''.join(', ' + c for c in values + dates)}
        FROM _base b LEFT JOIN _figs f ON f.level = b.level AND f.name = b.name AND f.key2 = b.key2
                                          AND f.value IS NOT NULL
        GROUP BY b.level, b.name, b.key2, b.province, b.province_2025, {", ".join(f"b.{c}" for c in COUNTS)}
        ORDER BY {_order("b")}, b.key2""")


def place_tables(stats: pd.DataFrame, models: pd.DataFrame, locs: pd.DataFrame,
                 metric_ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(places, place_figures) from DataFrames of statistics, model mentions and located
    places: the SQL of `place_sql`, on an in-memory DuckDB."""
    import duckdb

    con = duckdb.connect()
    try:
        con.register("stats_df", stats if "planned" in stats.columns else stats.assign(planned=False))
        con.register("models_df", models if "published" in models.columns else models.assign(published=""))
        con.register("locs_df", locs.assign(row_id=range(len(locs))) if "row_id" not in locs.columns else locs)
        place_sql(con, "stats_df", "models_df", "locs_df", metric_ids)
        return con.table("places").df(), con.table("place_figures").df()
    finally:
        con.close()
