"""Catalog exports: CSV (UTF-8 with BOM, for Excel), Parquet, SQLite, a Frictionless Data
Package (v2) describing them, and Datasette metadata.

Everything is written into a fresh temporary folder first; only when every file is complete
are they moved into place, so a failed build leaves the previous outputs as they were.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import get_args

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from core.records import Qualifier
from pipelines.catalog import Catalog

TITLE = "ANTT Miner: catalog of community security models in Vietnamese news"
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0"}
SOURCE = "Articles of Vietnamese news outlets (cand.vn, sggp.org.vn, congan.com.vn, thanhuytphcm.vn, baodanang.vn...)"
SAMPLE_SOURCE = ("INVENTED SAMPLE DATA: news-style articles written by the ANTT Miner developers for the demo "
                 "(the bundled sample and the replay site); their URLs imitate outlets' addresses but no outlet "
                 "published them, and no figure in them is real")
SAMPLE_BANNER = ("<p style=\"background:#fdebd0;border:2px solid #e67e22;padding:.5em 1em;font-weight:bold\">"
                 "Dữ liệu mẫu, do nhóm ANTT Miner tự viết: không phải tin thật, không số liệu nào là thật "
                 "(invented sample data for the demo: not real news).</p>")
DATE_COLUMNS = {"published", "first_report", "last_report"}  # and every column ending in _date
FOREIGN_KEYS = {  # declared in datapackage.json and in catalog.sqlite alike
    "model_presence": [("model_kind", "models", "label")],
    "statistics": [("metric", "metrics", "id")],
    "place_figures": [("metric", "metrics", "id")],
}
PRIMARY_KEYS = {"models": ["label"], "statistics": ["fact_id"], "articles": ["article_id"], "metrics": ["id"]}
SQLITE_KEYS = ("models", "articles", "metrics")  # the keys foreign keys point to; a statistic is its rowid there
#: Full-text search as Datasette expects it (table metadata fts_table / fts_pk): contentless
#: FTS5 tables, so the article text is searchable but not republished.
FTS = {"statistics": ("statistics_fts", ["evidence", "subject"]),
       "articles": ("articles_fts", ["title", "text"])}

QUALIFIERS = list(get_args(Qualifier))  # the codes are defined once, in core/records.py
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "models": {
        "_": "One row per canonical kind of community security model (mô hình), with where and when it was reported.",
        "label": "Canonical label of the model kind", "kind_id": "Stable id of the kind (nlp/data/model_kinds.yaml)",
        "aliases": "Names seen in articles, separated by ' | '", "articles": "Number of stories (syndicated copies count once)",
        "mentions": "Number of mentions", "provinces": "Provinces (before July 2025) where it was reported",
        "provinces_2025": "Current provinces (from July 2025)", "first_report": "First publication date",
        "last_report": "Last publication date", "example_mention": "The name in the first article",
        "example_url": "The first article", "new_kind": "True when the name matched no known kind",
    },
    "model_presence": {
        "_": "Model kind x place: where each kind runs, as reported.",
        "model_kind": "Canonical label", "place": "Finest place the article ties the model to",
        "province": "Province before July 2025", "provinces_2025": "Current province(s)",
        "earliest_start": "Earliest start an article states (YYYY, YYYY-MM or YYYY-MM-DD), else empty",
        "operators": "Who runs it, as the articles write it, separated by '; '",
        "first_report": "First publication date", "last_report": "Last publication date",
        "articles": "Number of stories", "urls": "Article URLs, space-separated",
    },
    "statistics": {
        "_": "Every reported figure with its unit, metric, place, period and the exact words it came from.",
        "fact_id": "Stable id of the fact (use it in corrections.yaml)", "value": "The figure",
        "value_max": "Upper end of a range ('từ 10 đến 15'), else empty",
        "total": "The whole of a coverage ratio ('12/12 tổ dân phố': 12 of 12), else empty", "qualifier": "How the figure is qualified",
        "unit": "Counted noun phrase as written", "metric": "Canonical metric (nlp/data/metrics.yaml)",
        "subject": "What is counted, in context", "model": "Model kind the figure describes, when named next to it",
        "place": "Finest place in scope", "province": "Province before July 2025", "provinces_2025": "Current province(s)",
        "period": "YYYY, YYYY-MM or YYYY/YYYY; empty for a stock at reporting time",
        "planned": "True: a plan, target or forecast ('dự kiến lắp 200 camera'), not a result; never a place's "
                   "latest figure, never in conflicts", "published": "Publication date",
        "outlet": "Outlet domain", "url": "Article URL", "evidence": "Exact words of the article",
        "start": "Character offset of the evidence in the article text", "end": "End offset of the evidence",
        "story_id": "Id shared by syndicated copies of one story",
        "corroborated_by": "Other copies of the story reporting the same figure",
        "extractor_version": "Extractor that produced the fact",
        "share": "value / total for a coverage ratio ('7/7 thôn' is 1.0), else empty",
        "sample": "True: from an invented sample article of the demo, not real news",
    },
    "places": {
        "_": "Benchmarking view, one row per place: provinces (63, as reported), current provinces (34) and "
             "cities/districts/wards, each with the latest figure reported for that unit itself (a district's "
             "figure is never its province's). Dates, sources and the finer levels' partial sums: place_figures.",
        "level": "province (63, before July 2025), province_2025 (34 current) or local (city, district, ward)",
        "name": "Place name", "province": "Province(s) (63) it was reported under",
        "province_2025": "Current province(s) (34)", "model_kinds": "Distinct model kinds reported",
        "model_mentions": "Model mentions", "articles": "Stories", "statistics": "Figures reported",
    },
    "place_figures": {
        "_": "Place x metric: the latest figure reported for the place itself (value, qualifier, date, source, "
             "evidence, how many stories gave it) and, beside it, what finer units reported (partial sums).",
        "level": "province, province_2025 or local", "name": "Place name",
        "province": "Province(s) (63) it was reported under", "province_2025": "Current province(s) (34)",
        "metric": "Canonical metric", "value": "Latest figure reported for this place itself; empty: not reported",
        "qualifier": "How the figure is qualified", "published": "Publication date of the figure",
        "url": "Article URL", "evidence": "Exact words of the article", "sources": "Stories giving this value",
        "districts_reporting": "Districts inside it with a figure of their own",
        "districts_sum": "Sum of those districts' latest figures: PARTIAL, not the place's total",
        "wards_reporting": "Wards inside it with a figure of their own",
        "wards_sum": "Sum of those wards' latest figures: PARTIAL, not the place's total",
        "provinces_reporting": "For a current province: predecessor provinces (63) with a province-wide figure",
        "provinces_sum": "Sum of those predecessors' latest figures: PARTIAL",
    },
    "conflicts": {
        "_": "The same metric, place and period reported incompatibly by different stories: all kept, flagged here.",
        "conflict_id": "Group of conflicting figures", "period_key": "Period, or 'as of YYYY-MM' for stocks",
    },
    "articles": {"_": "Articles behind the catalog.", "story_id": "Id shared by syndicated copies",
                 "sample": "True: an invented sample article of the demo, not real news"},
    "metrics": {"_": "Canonical metrics used to compare places (nlp/data/metrics.yaml)."},
}
def is_date_column(name: str) -> bool:
    return name in DATE_COLUMNS or name.endswith("_date")


def _frictionless_type(name: str, typ: pa.DataType) -> str:
    if pa.types.is_date(typ) or is_date_column(name):
        return "date"
    if pa.types.is_boolean(typ):
        return "boolean"
    if pa.types.is_integer(typ):
        return "integer"
    if pa.types.is_floating(typ):
        return "number"
    return "string"


def _schema(name: str, schema: pa.Schema) -> dict:
    desc = DESCRIPTIONS.get(name, {})
    fields = []
    metrics = _metric_units()
    for col, typ in zip(schema.names, schema.types, strict=True):
        f = {"name": col, "type": _frictionless_type(col, typ)}
        if col in desc:
            f["description"] = desc[col]
        if col == "qualifier":
            f["constraints"] = {"enum": QUALIFIERS}
        if col == "level" and name == "places":
            f["constraints"] = {"enum": ["province", "province_2025", "local"]}
        if name == "places" and col in metrics and f["type"] == "number":
            f["description"] = f"Latest reported value of the metric {col}"
            f["unit"] = metrics[col]
        if name == "statistics" and col in ("value", "value_max", "total"):
            f["unit"] = "given per row in the column unit"
        if col in ("qualifier",) or (name == "places" and col == "level"):
            f["categories"] = f["constraints"]["enum"]
        fields.append(f)
    out = {"fields": fields}
    if name in PRIMARY_KEYS:
        out["primaryKey"] = PRIMARY_KEYS[name]
    if name in FOREIGN_KEYS:
        out["foreignKeys"] = [{"fields": [col], "reference": {"resource": ref, "fields": [ref_col]}}
                              for col, ref, ref_col in FOREIGN_KEYS[name]]
    return out


def _metric_units() -> dict[str, str]:
    from nlp.units import metrics

    return {m.id: m.unit for m in metrics().values()}


#: A cell starting with one of these is read as a formula by spreadsheets (CSV injection).
_FORMULA_START = r"^[=+\-@\t\r]"


def csv_safe(table: pa.Table | pa.RecordBatch) -> pa.Table:
    """The table for CSV: a text cell that a spreadsheet would run as a formula (`=cmd|...`,
    `+`, `-`, `@`, tab, CR first) gets a leading apostrophe, the usual neutralization. Parquet
    and SQLite keep the exact values."""
    import pyarrow.compute as pc

    columns = []
    for col in table.columns:
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            risky = pc.fill_null(pc.match_substring_regex(col, _FORMULA_START), False)
            if pc.any(risky).as_py():
                quote = pa.scalar("'", type=col.type)
                col = pc.if_else(risky, pc.binary_join_element_wise(quote, col, pa.scalar("", type=col.type)), col)
        columns.append(col)
    return pa.Table.from_arrays(columns, names=table.column_names)


def write_exports(catalog: Catalog, out_dir: Path) -> dict[str, Path]:
    """Write the catalog under `out_dir` (catalog/*.csv, *.parquet, catalog.sqlite,
    datapackage.json, catalog/metadata.json), atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    try:
        (tmp / "catalog").mkdir()
        resources = []
        import adbc_driver_sqlite.dbapi as adbc

        aconn = adbc.connect(str(tmp / "catalog.sqlite"))
        for name in catalog.names:
            # One pass over the table, a batch at a time, into the three formats.
            reader = catalog.batches(name)
            schema = reader.schema
            with aconn.cursor() as cur:
                cur.execute(_ddl(name, schema))
            with open(tmp / "catalog" / f"{name}.csv", "wb") as fh, \
                    pq.ParquetWriter(tmp / "catalog" / f"{name}.parquet", schema) as parquet:
                fh.write(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel then reads Vietnamese correctly
                with pacsv.CSVWriter(fh, schema, write_options=pacsv.WriteOptions(quoting_style="needed")) as csv:
                    for batch in reader:
                        if not batch.num_rows:
                            continue
                        csv.write_table(csv_safe(batch))
                        parquet.write_batch(batch)
                        with aconn.cursor() as cur:
                            cur.adbc_ingest(name, _dates_as_text(batch), mode="append")
            resources.append({
                "name": name, "type": "table", "path": f"catalog/{name}.csv", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8-sig",
                "description": DESCRIPTIONS.get(name, {}).get("_", ""), "schema": _schema(name, schema),
            })
        aconn.commit()
        aconn.close()
        conn = sqlite3.connect(tmp / "catalog.sqlite")
        for name, cols in (("statistics", ["province", "metric", "outlet", "provinces_2025"]),
                           ("model_presence", ["model_kind"]), ("places", ["level"]),
                           ("place_figures", ["level", "metric"]), ("articles", ["url"])):
            for col in cols:
                conn.execute(f'CREATE INDEX "ix_{name}_{col}" ON "{name}" ("{col}")')
        _full_text(conn, catalog)
        conn.commit()
        conn.close()
        package = {
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": "antt-miner-catalog", "title": _title(catalog),
            "description": ("SAMPLE: built from invented demo articles, not real news. " if catalog.sample else "")
                           + "Community security models (mô hình tự quản về an ninh trật tự) and reported figures, "
                           "mined from Vietnamese news; every figure links to its article and exact words. "
                           f"Extractor {catalog.extractor_version}; metrics mapping v{catalog.metrics_version}.",
            "version": catalog.extractor_version.split("/")[-1],
            "licenses": [LICENSE], "sources": [{"title": SAMPLE_SOURCE if catalog.sample else SOURCE}],
            "sample": catalog.sample,
            "resources": resources,
        }
        (tmp / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
        (tmp / "catalog" / "metadata.json").write_text(
            json.dumps(datasette_metadata(catalog), ensure_ascii=False, indent=1), encoding="utf-8")
        # Everything is complete: move it into place.
        files = {"datapackage": out_dir / "datapackage.json", "sqlite": out_dir / "catalog.sqlite"}
        (out_dir / "catalog").mkdir(exist_ok=True)
        for f in sorted((tmp / "catalog").iterdir()):
            os.replace(f, out_dir / "catalog" / f.name)
        os.replace(tmp / "catalog.sqlite", files["sqlite"])
        os.replace(tmp / "datapackage.json", files["datapackage"])
        files["csv"] = out_dir / "catalog"
        return files
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _title(catalog: Catalog) -> str:
    return f"{TITLE} (INVENTED SAMPLE DATA)" if catalog.sample else TITLE


def _sql_type(name: str, typ: pa.DataType) -> str:
    if pa.types.is_date(typ):
        return "DATE"
    if pa.types.is_boolean(typ) or pa.types.is_integer(typ):
        return "INTEGER"
    if pa.types.is_floating(typ):
        return "REAL"
    return "TEXT"


def _ddl(name: str, schema: pa.Schema) -> str:
    """CREATE TABLE with declared types (dates as DATE), the primary key and the foreign keys
    the datapackage declares: Datasette then links a statistic's metric to its definition."""
    cols = [f'"{f.name}" {_sql_type(f.name, f.type)}' for f in schema]
    if name in SQLITE_KEYS:
        cols.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in PRIMARY_KEYS[name]) + ")")
    for col, ref, ref_col in FOREIGN_KEYS.get(name, []):
        cols.append(f'FOREIGN KEY ("{col}") REFERENCES "{ref}" ("{ref_col}")')
    return f'CREATE TABLE "{name}" (' + ", ".join(cols) + ")"


def _dates_as_text(batch: pa.RecordBatch) -> pa.Table:
    """Dates as ISO text for SQLite (its DATE columns hold 'YYYY-MM-DD', which sorts and compares)."""
    cols = [c.cast(pa.string()) if pa.types.is_date(c.type) else c for c in batch.columns]
    return pa.Table.from_arrays(cols, names=batch.schema.names)


def _full_text(conn: sqlite3.Connection, catalog: Catalog) -> None:
    """Contentless FTS5 indexes (diacritics folded: `camera`, `cong an` find `công an`): a
    figure's evidence and subject (filled by SQLite itself from the table just written), an
    article's title and text."""
    for fts, cols in FTS.values():
        conn.execute(f'CREATE VIRTUAL TABLE "{fts}" USING fts5({", ".join(cols)}, content=\'\', '
                     "tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO statistics_fts (rowid, evidence, subject) "
                 "SELECT rowid, coalesce(evidence, ''), coalesce(subject, '') FROM statistics")
    insert = "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)"
    conn.execute("CREATE TEMP TABLE fts_done (id INTEGER PRIMARY KEY)")
    for batch in catalog.texts() if catalog.texts is not None else ():  # streamed, a batch at a time
        ids = [a for a, _ in batch]
        titles = dict(conn.execute("SELECT article_id, coalesce(title, '') FROM articles WHERE article_id "
                                   "BETWEEN ? AND ?", (min(ids), max(ids)))) if ids else {}
        rows = [(a, titles[a], t or "") for a, t in batch if a in titles]
        conn.executemany(insert, rows)
        conn.executemany("INSERT OR IGNORE INTO fts_done (id) VALUES (?)", ((a,) for a, _, _ in rows))
    # an article without its text (written after the catalog's snapshot was taken): its title
    conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT article_id, coalesce(title, ''), '' "
                 "FROM articles WHERE article_id NOT IN (SELECT id FROM fts_done)")
    conn.execute("DROP TABLE fts_done")


def datasette_metadata(catalog: Catalog) -> dict:
    """Titles, descriptions, facets and search for `antt serve`. Column descriptions sit in a
    folded list under the table's description, so the rows come first on the page."""
    from html import escape

    tables = {}
    facets = {"statistics": ["province", "provinces_2025", "metric", "outlet"],
              "model_presence": ["model_kind", "province", "provinces_2025"], "models": ["provinces_2025"],
              "places": ["level"], "place_figures": ["level", "metric"], "conflicts": ["metric", "province"]}
    banner = SAMPLE_BANNER if catalog.sample else ""
    for name in catalog.names:
        desc = DESCRIPTIONS.get(name, {})
        cols = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in desc.items() if k != "_")
        tables[name] = {
            "description_html": f"{banner}<p>{escape(desc.get('_', ''))}</p>"
                                + (f"<details><summary>Columns</summary><dl>{cols}</dl></details>" if cols else ""),
        }
        if name in facets:
            tables[name]["facets"] = facets[name]
        if name in FTS:
            tables[name]["fts_table"], tables[name]["fts_pk"] = FTS[name][0], (
                "rowid" if name == "statistics" else "article_id")
        if name == "statistics":
            tables[name]["sort_desc"] = "published"
    for fts, _ in FTS.values():
        tables[fts] = {"hidden": True}
    return {
        "title": _title(catalog),
        "description_html": banner + "<p>Read-only. Every figure links to its article and exact words.</p>",
        "license": LICENSE["name"], "license_url": LICENSE["path"],
        "source": "Invented sample articles (demo), not real news" if catalog.sample else SOURCE,
        "source_url": "https://github.com/antt-miner/antt-miner",
        "databases": {"catalog": {"tables": tables}},
    }
