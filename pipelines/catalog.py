"""The catalog: model kinds across provinces, figures over time, places compared, conflicts.

Built from the store's fact tables with pandas (no per-fact Python loops), deterministic
(sorted, no timestamps), so building twice gives byte-identical exports. Syndicated copies
(the same story on several outlets) are one story: counted once, and they corroborate each
other's figures instead of conflicting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.config import EXTRACTOR_VERSION
from core.store import FACT_TABLES, Store
from nlp.fingerprint import similarity, sketch
from nlp.units import metric_of, metrics, metrics_version
from pipelines.collation import rank, sorted_vi
from pipelines.corrections import Corrections, apply_corrections
from pipelines.places import place_tables

SYNDICATION_THRESHOLD = 0.6  # estimated Jaccard of 5-word shingles; copies score ~0.9, unrelated ~0
_CATEGORICAL = {"place", "province", "provinces_2025", "qualifier", "unit", "period", "model", "canonical",
                "kind_id", "level", "name", "district", "code"}
_QUALIFIER_BOUNDS = {  # a reported figure as an interval [low, high] of the true value
    "exact": (1.0, 1.0), "about": (0.9, 1.1), "more_than": (1.0, np.inf), "at_least": (1.0, np.inf),
    "less_than": (0.0, 1.0), "at_most": (0.0, 1.0),
}


@dataclass
class Catalog:
    tables: dict[str, pd.DataFrame]
    metrics_version: int
    extractor_version: str
    sample: bool = False  # the invented demo articles, not news: every output says so
    #: (article_id, text) batches for the full-text index, streamed from the store when the
    #: exports are written (never all texts in memory), never exported as a table
    texts: Callable[[], Iterator[list[tuple[int, str]]]] | None = None

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def load_facts(store: Store, version: str = EXTRACTOR_VERSION) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Articles with a current extraction, and their fact tables, all as of one moment: other
    processes may write meanwhile, the catalog sees no article without its facts or the reverse."""
    wanted = {"locations": ("fact_id", "article_id", "name", "province", "level")}  # only for place levels
    with store.snapshot() as snap:
        art = snap.extracted_articles(version)
        facts = {kind: snap.facts(kind, version, wanted.get(kind)) for kind in FACT_TABLES}
    art = _typed(art, {"article_id": "int64", "published": object, "url": object, "outlet": object, "title": object})
    art["published"] = art["published"].fillna("").astype(str).str.slice(0, 10)
    numeric = {"article_id": "int64", "start": "int64", "end": "int64", "value": "float64", "value_max": "float64",
               "total": "float64"}
    facts = {kind: _typed(df, numeric) for kind, df in facts.items()}
    return art, facts


def _typed(df: pd.DataFrame, types: dict[str, object]) -> pd.DataFrame:
    """Stable column types whatever the rows (an empty result has untyped columns)."""
    fix = [col for col in df.columns
           if len(df) == 0 or (str(df[col].dtype) in ("null", "int32") and types.get(col, object) is object)]
    if not fix:
        return df  # the usual case: nothing to copy
    out = df.copy()
    for col in fix:
        out[col] = pd.Series(out[col].tolist(), dtype=types.get(col, object), index=out.index)
    return out


def _categorize(facts: dict[str, pd.DataFrame]) -> None:
    """Repeated labels as categories: a fraction of the memory, and faster grouping."""
    for df in facts.values():
        for col in _CATEGORICAL.intersection(df.columns):
            df[col] = df[col].astype("category")


def stories(art: pd.DataFrame) -> pd.Series:
    """story_id per article: syndicated copies share the smallest article id of their group."""
    ids = art["article_id"].to_numpy()
    parent = {int(aid): int(aid) for aid in ids}
    rows = [(int(aid), fp) for aid, fp in zip(ids, art["fingerprint"], strict=True) if fp]
    if not rows:
        return pd.Series(parent, name="story_id")

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Candidates share one of their 4 smallest hashes; verified on the whole sketch. A hash
    # shared by very many articles (boilerplate such as a byline) says nothing: left out.
    first = np.array([sketch(fp)[:4] + [0] * (4 - len(sketch(fp)[:4])) for _, fp in rows], dtype=np.uint64)
    index = pd.DataFrame({"article_id": np.repeat([aid for aid, _ in rows], 4), "h": first.ravel()})
    index = index[index["h"] != 0]
    index = index[index.groupby("h")["article_id"].transform("size") <= 50]
    pairs = index.merge(index, on="h")
    pairs = pairs[pairs["article_id_x"] < pairs["article_id_y"]].drop_duplicates(["article_id_x", "article_id_y"])
    fps = dict(rows)
    for a, b in zip(pairs["article_id_x"], pairs["article_id_y"], strict=True):
        if similarity(sketch(fps[a]), sketch(fps[b])) >= SYNDICATION_THRESHOLD:
            ra, rb = find(int(a)), find(int(b))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return pd.Series({aid: find(aid) for aid in parent}, name="story_id")


def _join(values: pd.Series) -> str:
    return "; ".join(sorted_vi({v for x in values.dropna() for v in str(x).split("; ") if v}))


def build_catalog(store: Store, corrections: Corrections | None = None, sample: bool = False) -> Catalog:
    """The catalog tables from the store's current facts, corrections applied. `sample`: the
    store holds the demo's invented articles (a `sample` column and every output say so)."""
    art, facts = load_facts(store)
    facts = apply_corrections(facts, corrections or Corrections())
    _categorize(facts)
    story = stories(art)
    art = art.drop(columns=["fingerprint"]).merge(story, left_on="article_id", right_index=True, how="left")
    meta = art.set_index("article_id")[["url", "outlet", "published", "story_id"]].astype(
        {"url": "category", "outlet": "category"})  # one copy per article, not one per fact
    # A figure repeated in one article (title, lead and body) is one figure.
    stats = (facts.pop("statistics").sort_values(["article_id", "start"])
             .drop_duplicates(["article_id", "value", "qualifier", "unit", "place"])
             .join(meta, on="article_id"))
    models = facts.pop("models").join(meta, on="article_id")
    locs = facts.pop("locations")[["name", "province", "level"]].drop_duplicates()
    metric_defs = metrics()
    statistics = _statistics_table(stats)
    # A coverage ratio ('7/7 thôn') is a share of a whole: its own measure beside the count.
    statistics.insert(statistics.columns.get_loc("total") + 1, "share",
                      (statistics["value"] / statistics["total"]).where(statistics["total"] > 0))
    statistics["sample"] = sample
    slim = stats[["fact_id", "value", "value_max", "total", "qualifier", "unit", "metric", "place", "province",
                  "provinces_2025", "period", "published", "outlet", "url", "evidence", "story_id"]]
    del stats
    places, place_figures = place_tables(slim, models, locs, list(metric_defs))
    articles_table = art.drop(columns=["title"]).assign(title=art["title"], sample=sample).sort_values("article_id")
    return Catalog({
        "models": _models_table(models),
        "model_presence": _presence_table(models),
        "statistics": statistics,
        "places": places,
        "place_figures": place_figures,
        "conflicts": _conflicts(slim),
        "articles": articles_table.reset_index(drop=True),
        "metrics": pd.DataFrame([vars(m) for m in metric_defs.values()]
                                + [{"id": "other", "label": "khác", "description": "A unit no metric covers.",
                                    "unit": ""}]),
    }, metrics_version(), EXTRACTOR_VERSION, sample, lambda: store.iter_texts(EXTRACTOR_VERSION))


def _statistics_table(stats: pd.DataFrame) -> pd.DataFrame:
    """Every figure with its metric, place and provenance, ordered by province, place, metric
    and date. Adds `metric` and `corroborated_by` to `stats` (the places view reads them)."""
    stats["metric"] = stats["unit"].map(metric_of).astype("category")
    copies = stats.groupby(["story_id", "value", "unit"], observed=True)["article_id"].transform("nunique")
    stats["corroborated_by"] = (copies - 1).astype(int)
    stats["extractor_version"] = EXTRACTOR_VERSION
    keys = pd.DataFrame({c: _ordered(stats[c]) for c in ("province", "place", "metric")}, index=stats.index)
    order = keys.assign(published=stats["published"], fact_id=stats["fact_id"]).sort_values(
        ["province", "place", "metric", "published", "fact_id"], kind="stable", na_position="last").index
    del keys
    return stats.loc[order, [
        "fact_id", "value", "value_max", "total", "qualifier", "unit", "metric", "subject", "model", "place", "province",
        "provinces_2025", "period", "published", "outlet", "url", "evidence", "start", "end", "story_id",
        "corroborated_by", "extractor_version",
    ]].reset_index(drop=True)


def _models_table(models: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical model kind: aliases, articles, provinces, first and last report."""
    kinds = models.groupby("canonical", observed=True)
    first = models.sort_values(["published", "url", "start"]).drop_duplicates("canonical")
    table = pd.DataFrame({
        "kind_id": kinds["kind_id"].first(),
        "aliases": kinds["mention"].agg(lambda s: " | ".join(sorted(set(s)))),
        "articles": kinds["story_id"].nunique(),
        "mentions": kinds.size(),
        "provinces": kinds["province"].agg(_join),
        "provinces_2025": kinds["provinces_2025"].agg(_join),
        "first_report": kinds["published"].min(),
        "last_report": kinds["published"].max(),
    }).join(first.set_index("canonical")[["mention", "url"]].rename(
        columns={"mention": "example_mention", "url": "example_url"}))
    table["new_kind"] = kinds["new_kind"].max().astype(bool)
    table = table.reset_index().rename(columns={"canonical": "label"})
    table["_label"] = table["label"].map(rank(table["label"]))
    return table.sort_values(["articles", "_label"], ascending=[False, True], kind="stable").drop(
        columns="_label").reset_index(drop=True)


def _presence_table(models: pd.DataFrame) -> pd.DataFrame:
    """Model kind x place: the earliest start the articles state (beside the first report),
    who runs it, first and last report, articles, URLs."""
    keys = ["canonical", "place", "province", "provinces_2025"]
    pres = models[keys + ["published", "story_id", "url", "started", "operator"]].astype(
        {k: str for k in keys}).replace({k: {"nan": ""} for k in keys}).groupby(keys)
    table = pd.DataFrame({
        "earliest_start": pres["started"].min(),
        "operators": pres["operator"].agg(_join),
        "first_report": pres["published"].min(), "last_report": pres["published"].max(),
        "articles": pres["story_id"].nunique(), "urls": pres["url"].agg(lambda s: " ".join(sorted(set(s)))),
    }).reset_index().rename(columns={"canonical": "model_kind"})
    order = pd.DataFrame({c: table[c].map(rank(table[c])) for c in ("model_kind", "province", "place")})
    return table.loc[order.sort_values(["model_kind", "province", "place"], kind="stable").index].reset_index(
        drop=True)


def _ordered(series: pd.Series) -> pd.Series:
    """A categorical sorted by its labels in Vietnamese order, for a cheap deterministic sort."""
    if not isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype("category")
    return series.cat.set_categories(sorted_vi(series.cat.categories), ordered=True)


def _conflicts(stats: pd.DataFrame) -> pd.DataFrame:
    """The same metric, place and period reported incompatibly by different stories.

    Each figure is an interval (`hơn 5.200` is (5200, ∞), `khoảng 430` is 430 ± 10%); a group
    conflicts when its intervals have no value in common. Copies of one story never conflict."""
    cols = ["conflict_id", "metric", "place", "province", "period_key", "fact_id", "value", "qualifier", "unit",
            "published", "outlet", "url", "evidence"]
    s = stats[(stats["metric"] != "other") & stats["place"].notna()].copy()
    if s.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "value" else object) for c in cols})
    for col in ("metric", "place", "province", "qualifier", "unit"):
        s[col] = s[col].astype(str)
    period = s["period"].astype(object)
    s["period_key"] = period.where(period.notna(), "as of " + s["published"].str.slice(0, 7))
    bounds = s["qualifier"].map(_QUALIFIER_BOUNDS)
    s["low"] = s["value"] * bounds.str[0]
    s["high"] = np.where(s["value_max"].notna(), s["value_max"], s["value"] * bounds.str[1])
    keys = ["metric", "place", "province", "period_key"]
    # A story giving several figures for one key is listing parts (theft cases, snatching
    # cases...): its figures are not comparable with another story's total.
    per_story = s.groupby(keys + ["story_id"], observed=True)["fact_id"].transform("size")
    s = s[per_story == 1]
    g = s.groupby(keys, observed=True)
    s["stories"] = g["story_id"].transform("nunique")
    s["max_low"] = g["low"].transform("max")
    s["min_high"] = g["high"].transform("min")
    c = s[(s["stories"] > 1) & (s["max_low"] > s["min_high"])]
    c = c.assign(conflict_id=c.groupby(keys, sort=True).ngroup() + 1)
    return c[cols].sort_values(["conflict_id", "published", "fact_id"], kind="stable").reset_index(drop=True)
