"""The catalog's headline counts, computed once: `antt build`, `antt demo` and the report
print the same numbers (the demo once printed the extractor's 357 figures, the build 348)."""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.collation import sorted_vi


@dataclass(frozen=True)
class Counts:
    articles: int
    stories: int
    model_kinds: int
    presence_rows: int
    statistics: int
    on_metric: int
    provinces: list[str]  # as reported (63), in Vietnamese order
    provinces_2025: int
    local_places: int
    conflicts: int
    first_published: str
    last_published: str

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) rows for a summary table."""
        return [
            ("articles", f"{self.articles} ({self.stories} stories: syndicated copies counted once)"),
            ("model kinds", f"{self.model_kinds} ({self.presence_rows} kind x place rows)"),
            ("statistics", f"{self.statistics} figures, {self.on_metric} on a canonical metric"),
            ("places", f"{len(self.provinces)} provinces (63), {self.provinces_2025} current provinces (34), "
                       f"{self.local_places} cities/districts/wards"),
            ("conflicts", f"{self.conflicts} groups"),
            ("published", f"{self.first_published or '-'} to {self.last_published or '-'}"),
        ]


_COUNTS_SQL = """SELECT
    (SELECT count(*) FROM articles), (SELECT count(DISTINCT story_id) FROM articles),
    (SELECT count(*) FROM models), (SELECT count(*) FROM model_presence),
    (SELECT count(*) FROM statistics), (SELECT count(*) FROM statistics WHERE CAST(metric AS VARCHAR) <> 'other'),
    (SELECT count(*) FROM places WHERE level = 'province_2025'), (SELECT count(*) FROM places WHERE level = 'local'),
    (SELECT count(DISTINCT conflict_id) FROM conflicts),
    (SELECT min(CAST(published AS VARCHAR)) FROM articles WHERE CAST(published AS VARCHAR) <> ''),
    (SELECT max(CAST(published AS VARCHAR)) FROM articles WHERE CAST(published AS VARCHAR) <> '')"""


def catalog_counts(tables) -> Counts:
    """The counts of a catalog: a DuckDB connection holding its tables (the build), or its
    tables as DataFrames (the report, after its filters), counted by the same SQL."""
    import duckdb

    con = tables
    if isinstance(tables, dict):
        con = duckdb.connect()
        for name in ("articles", "models", "model_presence", "statistics", "places", "conflicts"):
            con.register(name, tables[name])
    try:
        (articles, stories, kinds, presence, statistics, on_metric, p2025, local, conflicts, first,
         last) = con.execute(_COUNTS_SQL).fetchone()
        provinces = [n for (n,) in con.execute("SELECT name FROM places WHERE level = 'province'").fetchall()]
    finally:
        if con is not tables:
            con.close()
    return Counts(
        articles=articles, stories=stories, model_kinds=kinds, presence_rows=presence, statistics=statistics,
        on_metric=on_metric, provinces=sorted_vi(str(n) for n in provinces), provinces_2025=p2025,
        local_places=local, conflicts=conflicts, first_published=str(first or ""), last_published=str(last or ""),
    )
