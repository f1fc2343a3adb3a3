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
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from pipelines.collation import rank, sort_name, sorted_vi

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


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), "").astype(str)


def _scoped(df: pd.DataFrame, level_of: dict[tuple[str, str], str]) -> pd.DataFrame:
    """Plain-text place columns and the scope each row was reported for: province, district,
    ward, or '' (no place, or a place finer than a ward that no row is kept for)."""
    out = df.copy()
    for col in ("place", "province", "provinces_2025"):
        out[col] = _text(out[col])
    same = (out["place"] == out["province"]) & (out["province"] != "")
    pairs = out[["place", "province"]].drop_duplicates()  # looked up once per place, not per row
    pairs["finer"] = [level_of.get((p, q), "") for p, q in zip(pairs["place"], pairs["province"], strict=True)]
    finer = out[["place", "province"]].merge(pairs, on=["place", "province"], how="left")["finer"].to_numpy()
    out["scope"] = np.where(same, "province", finer)
    out.loc[~same & ~out["scope"].isin(["district", "ward"]), "scope"] = ""
    return out


def _assign(df: pd.DataFrame) -> pd.DataFrame:
    """Each row under every place row it belongs to, with its role there: own (reported for
    that unit), district, ward (a finer unit inside it) or part (a predecessor province)."""
    preds = _predecessors()
    frames = []
    prov = df[df["province"] != ""]
    role = prov["scope"].where(prov["scope"] != "province", "own")
    frames.append(prov.assign(level="province", name=prov["province"], key2="", role=role, member=prov["place"]))
    # One row per current province ("Tỉnh A; Tỉnh B" gives two), split once per distinct value.
    split = pd.DataFrame({"provinces_2025": prov["provinces_2025"].unique()})
    split["province_2025"] = split["provinces_2025"].str.split("; ")
    split = split.explode("province_2025")
    split = split[split["province_2025"].notna() & (split["province_2025"] != "")]
    p25 = prov.merge(split, on="provinces_2025", sort=False)
    if len(p25):
        pairs = p25[["province_2025", "province"]].drop_duplicates()  # judged once per pair of names
        pairs["single"] = [preds.get(n, frozenset()) == frozenset({p}) for n, p in
                           zip(pairs["province_2025"], pairs["province"], strict=True)]
        pairs["renamed"] = [sort_name(n) == sort_name(p) for n, p in
                            zip(pairs["province_2025"], pairs["province"], strict=True)]
        judged = p25[["province_2025", "province"]].merge(pairs, on=["province_2025", "province"], how="left")
        single, renamed = judged["single"].to_numpy(dtype=bool), judged["renamed"].to_numpy(dtype=bool)
        after = (_text(p25["published"]) >= MERGE_DAY).to_numpy() if "published" in p25.columns else False
        own = single | (renamed & after)
        role = np.where(p25["scope"] == "province", np.where(own, "own", "part"), p25["scope"])
        member = np.where(role == "part", p25["province"], p25["place"])
        frames.append(p25.assign(level="province_2025", name=p25["province_2025"], key2="", role=role,
                                 member=member))
    local = df[df["scope"].isin(["district", "ward"])]
    frames.append(local.assign(level="local", name=local["place"], key2=local["provinces_2025"], role="own",
                               member=local["place"]))
    return pd.concat(frames, ignore_index=True)


def _join(values) -> str:
    return "; ".join(sorted_vi({v for x in values for v in str(x).split("; ") if v and v != "nan"}))


def place_tables(stats: pd.DataFrame, models: pd.DataFrame, locs: pd.DataFrame,
                 metric_ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(places, place_figures) from the statistics, model mentions and located places."""
    level_of = {(str(n), str(p)): str(lv) for n, p, lv in zip(locs["name"], locs["province"], locs["level"],
                                                           strict=True)}
    # Sorted once by date: every later "latest" is the last row of its group. The long text
    # columns wait aside and join the few latest rows only.
    stats = stats.sort_values(["published", "fact_id"], kind="stable").reset_index(drop=True)
    detail = stats[["value_max", "total", "url", "evidence"]]
    stats = stats[["fact_id", "value", "qualifier", "metric", "place", "province", "provinces_2025", "published",
                   "story_id"]].assign(row=np.arange(len(stats)))
    s = _assign(_scoped(stats, level_of))
    m = _assign(_scoped(models, level_of))
    keys = ["level", "name", "key2"]
    both = pd.concat([s[keys + ["province", "provinces_2025", "story_id"]],
                      m[keys + ["province", "provinces_2025", "story_id"]]], ignore_index=True)
    g = both.groupby(keys, sort=False)
    base = pd.DataFrame({"articles": g["story_id"].nunique()})
    for col, name in (("province", "province"), ("provinces_2025", "province_2025")):
        distinct = both[keys + [col]].drop_duplicates()  # joined over the few distinct names, not the rows
        base[name] = distinct.groupby(keys, sort=False)[col].agg(_join)
    mg = m.groupby(keys, sort=False)
    base = base.join(mg["canonical"].nunique().rename("model_kinds")).join(mg.size().rename("model_mentions"))
    base = base.join(s.groupby(keys, sort=False).size().rename("statistics"))
    for c in COUNTS:
        base[c] = base[c].fillna(0).astype(int)
    base = base.reset_index()
    # A province row: itself as province, its 2025 province(s); a 2025 row: its predecessors seen.
    p63 = base["level"] == "province"
    base.loc[p63, "province"] = base.loc[p63, "name"]
    p25 = base["level"] == "province_2025"
    base.loc[p25, "province_2025"] = base.loc[p25, "name"]
    figures = _figures(s[s["metric"] != "other"], keys, base, detail)
    places = _wide(base, figures, metric_ids)
    return places, figures


def _latest(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """The last row of each group: rows are in date order within each level (see place_tables)."""
    return df.drop_duplicates(by, keep="last")


def _figures(s: pd.DataFrame, keys: list[str], base: pd.DataFrame, detail: pd.DataFrame) -> pd.DataFrame:
    by = keys + ["metric"]
    own = s[s["role"] == "own"]
    latest = _latest(own, by)
    latest = latest.join(detail, on="row")
    same = own.merge(latest[by + ["value"]], on=by + ["value"])
    sources = same.groupby(by)["story_id"].nunique().rename("sources")
    out = latest.set_index(by)[["value", "value_max", "total", "qualifier", "published", "url", "evidence",
                                "fact_id"]].join(sources)
    for role, label in (("district", "districts"), ("ward", "wards"), ("part", "provinces")):
        parts = _latest(s[s["role"] == role], by + ["member"])
        agg = parts.groupby(by).agg(**{f"{label}_reporting": ("member", "nunique"), f"{label}_sum": ("value", "sum")})
        out = out.join(agg, how="outer")
    out = out.reset_index().merge(base[keys + ["province", "province_2025"]], on=keys, how="left")
    for col in ("sources", "districts_reporting", "wards_reporting", "provinces_reporting"):
        out[col] = out[col].fillna(0).astype(int)
    out["qualifier"] = out["qualifier"].astype(object)
    return _ordered(out)[FIGURE_COLUMNS]


def _wide(base: pd.DataFrame, figures: pd.DataFrame, metric_ids: list[str]) -> pd.DataFrame:
    """One row per place: counts, then each metric's latest own value and qualifier, then the
    dates and sources (the columns a reader needs first come first)."""
    order = [m for m in COMPARE if m in metric_ids] + [m for m in metric_ids if m not in COMPARE]
    keys = ["level", "name", "key2"]
    figs = figures.assign(key2=np.where(figures["level"] == "local", figures["province_2025"], ""))
    figs = figs[figs["value"].notna()]
    wide = figs.set_index(keys + ["metric"])[["value", "qualifier", "published", "url"]].unstack("metric")
    out = base.set_index(keys)
    values, dates = [], []
    for metric in order:
        for src, col in (("value", metric), ("qualifier", f"{metric}_qualifier"), ("published", f"{metric}_date"),
                         ("url", f"{metric}_source")):
            if (src, metric) in wide.columns:
                out[col] = wide[(src, metric)].reindex(out.index).to_numpy()
            else:
                out[col] = np.nan if src == "value" else None
        out[metric] = out[metric].astype("float64")
        values += [metric, f"{metric}_qualifier"]
        dates += [f"{metric}_date", f"{metric}_source"]
    out = out.reset_index()
    head = ["level", "name", "province", "province_2025", *COUNTS]
    return _ordered(out)[head + values + dates]


def _ordered(df: pd.DataFrame) -> pd.DataFrame:
    """Levels in their order, names in Vietnamese order, then the 2025 parent and metric."""
    names = rank(df["name"])
    p25 = rank(df["province_2025"])
    key = pd.DataFrame({
        "l": df["level"].map({lv: i for i, lv in enumerate(LEVELS)}),
        "n": df["name"].map(names), "p": df["province_2025"].map(p25).fillna(-1),
        "m": df["metric"] if "metric" in df.columns else "",
    }, index=df.index)
    return df.loc[key.sort_values(["l", "n", "p", "m"], kind="stable").index].reset_index(drop=True)
