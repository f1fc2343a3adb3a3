"""Human corrections that survive rebuilds: a YAML file applied on every `antt build`.

```yaml
# corrections.yaml (default: OUTPUT/corrections.yaml, or --corrections FILE)
merge_kinds:            # fold one model kind into another (by label)
  nhóm trọ an toàn antt: nhà trọ tự quản
rename_kinds:           # show a kind under another label
  camera an ninh: camera giám sát an ninh trật tự
reject:                 # facts that are wrong, by fact id (column fact_id in every table)
  - 3f2a9c1b7d4e
fix_place:              # a fact's place, by fact id
  5b8e1d2c3a4f: {place: Phường Cẩm Châu, province: Quảng Nam}
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:  # loaded with the catalog; a build with nothing new only reads the file
    import pandas as pd


class CorrectionsError(Exception):
    """The corrections file cannot be used; the message says where and why."""


@dataclass
class Corrections:
    merge_kinds: dict[str, str] = field(default_factory=dict)
    rename_kinds: dict[str, str] = field(default_factory=dict)
    reject: set[str] = field(default_factory=set)
    fix_place: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.merge_kinds) + len(self.rename_kinds) + len(self.reject) + len(self.fix_place)


def load_corrections(path: Path | None) -> Corrections:
    if path is None or not path.exists():
        return Corrections()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path}: not a readable YAML file ({exc})") from None
    if not isinstance(data, dict):
        raise CorrectionsError(f"{path}: expected a mapping with merge_kinds, rename_kinds, reject, fix_place")
    unknown = set(data) - {"merge_kinds", "rename_kinds", "reject", "fix_place"}
    if unknown:
        raise CorrectionsError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
    try:
        fix = {str(k): {kk: str(vv) for kk, vv in v.items() if kk in ("place", "province")}
               for k, v in (data.get("fix_place") or {}).items()}
        return Corrections(
            merge_kinds={str(k): str(v) for k, v in (data.get("merge_kinds") or {}).items()},
            rename_kinds={str(k): str(v) for k, v in (data.get("rename_kinds") or {}).items()},
            reject={str(x) for x in (data.get("reject") or [])},
            fix_place=fix,
        )
    except (AttributeError, TypeError) as exc:
        raise CorrectionsError(f"{path}: a section has the wrong shape ({exc})") from None


def _kind_targets(con, c: Corrections, table: str) -> dict[str, tuple[str, bool]]:
    """Each merged label -> the target kind's (kind_id, new_kind): the id of the target's own
    rows (the last written), else from the kinds file, else the id a new kind of that name gets."""
    from nlp.kinds import load_kinds, slug

    known = {k.label: k.id for k in load_kinds().kinds.values()}
    targets = sorted({t for t in c.merge_kinds.values() if t not in c.merge_kinds})
    seen = dict(con.execute(f"SELECT canonical, arg_max(kind_id, row_id) FROM {table} "
                            "WHERE canonical IN (SELECT unnest(?)) GROUP BY canonical", [targets]).fetchall()
                ) if targets else {}
    out = {}
    for source, target in c.merge_kinds.items():
        kid = (seen.get(target) if target not in c.merge_kinds else None) or known.get(target) or f"new-{slug(target)}"
        out[source] = (kid, kid.startswith("new-"))
    return out


def correction_tables(con, c: Corrections, kinds: tuple[str, ...] = ("statistics", "models", "locations")) -> None:
    """Tables `c_<kind>` in the DuckDB connection: the fact tables `f_<kind>` with the
    corrections applied (rejected facts out, places fixed, kinds merged and renamed)."""
    import pyarrow as pa

    def lookup(name: str, columns: dict[str, list]) -> None:
        con.register("_c", pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()}))
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _c")
        con.unregister("_c")

    lookup("_reject", {"fact_id": sorted(c.reject)})
    fix = sorted(c.fix_place.items())
    lookup("_fix", {"fact_id": [f for f, _ in fix], "place": [v.get("place") for _, v in fix],
                    "province": [v.get("province") for _, v in fix]})
    # merge then rename, as one label map: "a" merged into "b" renamed "c" shows as "c"
    labels = {}
    for source in {*c.merge_kinds, *c.rename_kinds}:
        merged = c.merge_kinds.get(source, source)
        labels[source] = c.rename_kinds.get(merged, merged)
    lookup("_labels", {"label": sorted(labels), "new_label": [labels[k] for k in sorted(labels)]})
    for kind in kinds:
        src = f"f_{kind}"
        cols = [r[0] for r in con.execute(f"DESCRIBE {src}").fetchall()]
        out = []
        for col in cols:
            if col in ("place", "province"):
                out.append(f"coalesce(x.{col}, f.{col}) AS {col}")
            elif col in ("canonical", "model"):
                out.append(f"coalesce((SELECT new_label FROM _labels WHERE label = f.{col}), f.{col}) AS {col}")
            else:
                out.append(f'f."{col}"')
        sql = (f"SELECT {', '.join(out)} FROM {src} f LEFT JOIN _fix x USING (fact_id) "
               "WHERE f.fact_id NOT IN (SELECT fact_id FROM _reject)")
        if {"canonical", "kind_id"} <= set(cols) and c.merge_kinds:
            targets = _kind_targets(con, c, src)
            lookup("_targets", {"label": list(targets), "kind_id": [t[0] for t in targets.values()],
                                "new": [str(t[1]).lower() for t in targets.values()]})
            # a merged row becomes the target kind: its kind_id (and new_kind) are the target's
            kid = "coalesce((SELECT kind_id FROM _targets WHERE label = f.canonical), f.kind_id) AS kind_id"
            sql = sql.replace('f."kind_id"', kid)
            if "new_kind" in cols:
                new = ("coalesce((SELECT CAST(new AS BOOLEAN) FROM _targets WHERE label = f.canonical), "
                       "CAST(f.new_kind AS BOOLEAN)) AS new_kind")
                sql = sql.replace('f."new_kind"', new)
        con.execute(f"CREATE OR REPLACE TABLE c_{kind} AS {sql} ORDER BY f.row_id" if "row_id" in cols
                    else f"CREATE OR REPLACE TABLE c_{kind} AS {sql}")


def apply_corrections(facts: dict[str, pd.DataFrame], c: Corrections) -> dict[str, pd.DataFrame]:
    """The fact tables (DataFrames) with the corrections applied: the SQL of
    `correction_tables`, on an in-memory DuckDB (new frames; inputs untouched)."""
    import duckdb

    con = duckdb.connect()
    try:
        for kind, df in facts.items():
            con.register(f"_in_{kind}", df.assign(row_id=range(len(df))) if "row_id" not in df.columns else df)
            con.execute(f"CREATE TABLE f_{kind} AS SELECT * FROM _in_{kind}")
        correction_tables(con, c, tuple(facts))
        return {kind: con.table(f"c_{kind}").df().drop(columns=["row_id"], errors="ignore")
                if "row_id" not in df.columns else con.table(f"c_{kind}").df() for kind, df in facts.items()}
    finally:
        con.close()
