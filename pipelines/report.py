"""`antt report`: one self-contained HTML page that opens offline.

What an analyst asks first: the catalog's counts (the same `antt build` prints), the build
date and the dates the data covers, a comparison of provinces and cities on the same metrics
(each cell with its date, scope and sources; "chưa có số liệu" where nothing was reported), a
chart per metric over time (pipelines/charts.py), model kinds x provinces, conflicts. Filters
(province, dates, metric) narrow the page. Every number links to its article, with the exact
evidence as a tooltip. Invented demo data carries a banner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path

import pandas as pd

from core.atomic import atomic_open
from core.urls import is_web_url
from pipelines.charts import coverage_chart, coverage_points, metric_chart, points, vn_number
from pipelines.collation import sort_key, sort_name, sorted_vi
from pipelines.counts import catalog_counts
from pipelines.places import COMPARE

TABLES = ("models", "model_presence", "statistics", "places", "place_figures", "conflicts", "articles", "metrics")
NONE = "<p class='none'>Không có (none).</p>"
CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:1250px;color:#222;
padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #c0392b;padding-bottom:.2em}
table{border-collapse:collapse;font-size:13px;margin:.5em 0}th,td{border:1px solid #ddd;padding:3px 6px;
vertical-align:top}th{background:#f4f4f4;position:sticky;top:0}td.n{text-align:right;white-space:nowrap}
a{color:#1a5276;text-decoration:none}a:hover{text-decoration:underline}.x{background:#d4efdf;text-align:center}
.muted,.meta{color:#666}.meta{font-size:11px;display:block}.nr{color:#999;font-style:italic;font-size:11px}
.part{color:#8e44ad;font-size:11px;display:block}.none{color:#777;font-style:italic}
.charts{display:flex;flex-wrap:wrap;gap:1em}.chart{border:1px solid #eee;padding:.5em;max-width:610px}
.chart svg{max-width:100%;height:auto}.scroll{overflow-x:auto;max-width:100%}
th.kind{min-width:17em;text-align:left;font-weight:normal}
th.v{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:normal;padding:4px 2px}
.chart ul{font-size:12px;padding-left:1.2em}.facts{font-size:14px;line-height:1.5}
.sample{background:#fdebd0;border:2px solid #e67e22;padding:.6em 1em;font-weight:bold}
.filters{background:#eef3f7;padding:.4em .8em;border-radius:4px}
th.place{text-align:left;min-width:10em;max-width:14em}
"""
QUAL = {"more_than": "> ", "less_than": "< ", "about": "≈ ", "at_least": "≥ ", "at_most": "≤ "}


class ReportError(Exception):
    """A filter matches nothing the catalog knows; the message says what there is."""


@dataclass
class Filters:
    province: str | None = None
    since: str | None = None
    until: str | None = None
    metric: str | None = None

    def describe(self) -> str:
        parts = [f"tỉnh/thành phố: {self.province}" if self.province else "",
                 f"từ {self.since}" if self.since else "", f"đến {self.until}" if self.until else "",
                 f"chỉ số: {self.metric}" if self.metric else ""]
        return " · ".join(p for p in parts if p)


def _num(value: float, qualifier: str | None = None) -> str:
    decimals = 0 if float(value).is_integer() else 1
    return QUAL.get(qualifier or "", "") + vn_number(float(value), decimals)


def _day(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _link(value, qualifier, url, evidence, day) -> str:
    if value is None or pd.isna(value):
        return ""
    title = escape(f"{evidence or ''} — {_day(day)}", quote=True)
    if not is_web_url(url):  # only http(s) becomes a link: hostile input may carry `javascript:`
        return f'<span title="{title}">{_num(value, qualifier)}</span>'
    return f'<a href="{escape(str(url), quote=True)}" title="{title}">{_num(value, qualifier)}</a>'


def _days(df: pd.DataFrame, cols=("published", "first_report", "last_report")) -> pd.DataFrame:
    df = df.copy()
    for col in cols:
        if col in df.columns:
            df[col] = df[col].map(_day)
    return df


def load_tables(catalog_dir: Path) -> dict[str, pd.DataFrame]:
    return {name: _days(pd.read_parquet(catalog_dir / f"{name}.parquet")) for name in TABLES
            if (catalog_dir / f"{name}.parquet").exists()}


def _same_place(a: str, b: str) -> bool:
    return sort_name(a).casefold() == sort_name(b).casefold()


def apply_filters(t: dict[str, pd.DataFrame], f: Filters) -> dict[str, pd.DataFrame]:
    """The tables narrowed to a province (as reported or current: 'Hà Nội', 'Thành phố Hà
    Nội' and 'TP Hà Nội' are one), a date window and a metric."""
    t = dict(t)
    if f.metric:
        known = set(t["metrics"]["id"])
        if f.metric not in known:
            raise ReportError(f"--metric {f.metric}: no such metric; choose from {', '.join(sorted(known))}")
        for name in ("statistics", "place_figures", "conflicts"):
            t[name] = t[name][t[name]["metric"].astype(str) == f.metric]
    if f.province:
        def hit(col: pd.Series) -> pd.Series:
            return col.astype(str).map(lambda v: any(_same_place(p, f.province) for p in v.split("; ")))

        names = set(t["places"]["province"].astype(str)) | set(t["places"]["province_2025"].astype(str))
        if not any(_same_place(p, f.province) for v in names for p in v.split("; ")):
            known = sorted_vi(set(t["places"].loc[t["places"]["level"] == "province", "name"].astype(str)))
            raise ReportError(f"--province {f.province}: not in the catalog; it has {', '.join(known)}")
        for name, cols in (("statistics", ["province", "provinces_2025"]), ("model_presence", ["province",
                           "provinces_2025"]), ("places", ["province", "province_2025"]),
                           ("place_figures", ["province", "province_2025"]), ("conflicts", ["province"])):
            df = t[name]
            mask = pd.Series(False, index=df.index)
            for col in cols:
                mask |= hit(df[col])
            t[name] = df[mask]
        t["articles"] = t["articles"][t["articles"]["url"].isin(set(t["statistics"]["url"]))
                                      | t["articles"]["url"].isin(_presence_urls(t["model_presence"]))]
    for name, col in (("statistics", "published"), ("conflicts", "published"), ("articles", "published"),
                      ("place_figures", "published")):
        df = t[name]
        keep = pd.Series(True, index=df.index)
        if f.since:
            keep &= df[col].astype(str) >= f.since
        if f.until:
            keep &= (df[col].astype(str) <= f.until) & (df[col].astype(str) != "")
        if name == "place_figures":  # a place's latest figure outside the window is not shown
            df = df.assign(value=df["value"].where(keep))
            keep = pd.Series(True, index=df.index)
        t[name] = df[keep]
    if f.since or f.until:
        pres = t["model_presence"]
        keep = pd.Series(True, index=pres.index)
        if f.since:
            keep &= pres["last_report"].astype(str) >= f.since
        if f.until:
            keep &= pres["first_report"].astype(str) <= f.until
        t["model_presence"] = pres[keep]
    return t


def _presence_urls(pres: pd.DataFrame) -> set[str]:
    return {u for urls in pres["urls"].astype(str) for u in urls.split()}


def _cell(r) -> str:
    """One comparison cell: the place's own figure with its date, scope and sources, and what
    finer units reported (a partial sum), or 'not reported'."""
    parts = []
    if r is not None and not pd.isna(r["value"]):
        scope = {"province": "toàn tỉnh/thành", "province_2025": "toàn tỉnh/thành (2025)",
                 "local": "cả đơn vị"}[r["level"]]
        parts.append(_link(r["value"], r["qualifier"], r["url"], r["evidence"], r["published"])
                     + f"<span class='meta'>{escape(_day(r['published']))} · {scope} · {int(r['sources'])} nguồn</span>")
    else:
        parts.append("<span class='nr'>chưa có số liệu</span>")
    if r is not None:
        for key, label in (("districts", "quận/huyện"), ("wards", "phường/xã"), ("provinces", "tỉnh cũ")):
            n = int(r.get(f"{key}_reporting") or 0)
            if n:
                parts.append(f"<span class='part' title='tổng số liệu riêng của {n} {label}: chỉ một phần'>"
                             f"Σ {n} {label}: {vn_number(float(r[f'{key}_sum']))} (một phần)</span>")
    return "".join(parts)


def _comparison(level: str, figures: pd.DataFrame, places: pd.DataFrame, metrics: pd.DataFrame,
                wanted: list[str]) -> str:
    labels = dict(zip(metrics["id"], metrics["label"], strict=True))
    units = dict(zip(metrics["id"], metrics["unit"], strict=True))
    rows_of = places[places["level"] == level]
    if level == "local":  # the cities, districts and wards with a figure of their own on these metrics
        own = figures[(figures["level"] == "local") & figures["value"].notna() & figures["metric"].isin(wanted)]
        rows_of = rows_of[rows_of["name"].isin(set(own["name"]))]
    if rows_of.empty:
        return NONE
    figs = figures[figures["level"] == level]
    by = {(n, p25, m): r for n, p25, m, r in zip(figs["name"], figs["province_2025"], figs["metric"],
                                                 (r for _, r in figs.iterrows()), strict=True)}
    head = "".join(f"<th>{escape(labels.get(m, m))}<br><span class='muted'>({escape(units.get(m, ''))})</span></th>"
                   for m in wanted)
    body = []
    for _, p in rows_of.iterrows():
        parent = "" if level != "local" else (f"<span class='meta'>{escape(str(p['province']))} → "
                                              f"{escape(str(p['province_2025']))} (2025)</span>")
        if level == "province" and p["province_2025"] and not _same_place(str(p["province_2025"]), str(p["name"])):
            parent = f"<span class='meta'>2025: {escape(str(p['province_2025']))}</span>"
        cells = "".join(f"<td class='n'>{_cell(by.get((p['name'], p['province_2025'], m)))}</td>" for m in wanted)
        body.append(f"<tr><th class='place'>{escape(str(p['name']))}{parent}</th>"
                    f"<td class='n'>{int(p['model_kinds'])}</td><td class='n'>{int(p['articles'])}</td>{cells}</tr>")
    return (f"<div class='scroll'><table data-level='{level}'><tr><th>nơi</th><th>loại mô hình</th><th>bài</th>"
            f"{head}</tr>{''.join(body)}</table></div>")


def _matrix(presence: pd.DataFrame, models: pd.DataFrame) -> str:
    pres = presence[presence["province"].astype(str) != ""]
    if pres.empty:
        return NONE
    counts = pres.groupby(["model_kind", "province"])["articles"].sum().unstack(fill_value=0)
    order = [k for k in models["label"] if k in counts.index]
    counts = counts.loc[order]
    provinces = sorted_vi(counts.columns)
    head = "".join(f'<th class="v">{escape(p.replace("Thành phố ", "TP "))}</th>' for p in provinces)
    rows = []
    for kind, row in counts.iterrows():
        cells = "".join(f'<td class="x" title="{int(row[p])} bài">{int(row[p])}</td>' if row[p] else "<td></td>"
                        for p in provinces)
        rows.append(f'<tr><th class="kind">{escape(kind)}</th>{cells}</tr>')
    return f"<div class='scroll'><table><tr><th class='kind'>loại mô hình</th>{head}</tr>{''.join(rows)}</table></div>"


def _charts(stats: pd.DataFrame, metrics: pd.DataFrame) -> str:
    labels = dict(zip(metrics["id"], metrics["label"], strict=True))
    units = dict(zip(metrics["id"], metrics["unit"], strict=True))
    pts = points(stats)
    out = []
    for metric, group in pts.groupby("metric", observed=True, sort=False):
        svg = metric_chart(str(metric), labels.get(metric, str(metric)), units.get(metric, ""), group)
        if svg is None:
            continue
        items = []
        for province, g in sorted(group.groupby("province", observed=True), key=lambda kv: sort_key(kv[0])):
            items.append(f"<li>{escape(str(province))}: " + ", ".join(
                _link(r.value, r.qualifier, r.url, r.evidence, r.published)
                + f" <span class='muted'>({escape(_day(r.published))}, {int(r.sources)} nguồn)</span>"
                for r in g.itertuples()) + "</li>")
        out.append(f'<div class="chart" data-metric="{escape(str(metric))}">{svg}<ul>{"".join(items)}</ul></div>')
    cov = coverage_chart(coverage_points(stats))
    if cov:
        out.append(f'<div class="chart" data-metric="coverage">{cov}</div>')
    return f'<div class="charts">{"".join(out)}</div>' if out else NONE


def _conflicts(conflicts: pd.DataFrame) -> str:
    if conflicts.empty:
        return NONE
    rows = "".join(
        f"<tr><td>{r.conflict_id}</td><td>{escape(str(r.metric))}</td><td>{escape(str(r.place))}</td>"
        f"<td>{escape(str(r.period_key))}</td><td class='n'>{_link(r.value, r.qualifier, r.url, r.evidence, r.published)}"
        f"</td><td>{escape(_day(r.published))}</td><td>{escape(str(r.outlet))}</td></tr>" for r in conflicts.itertuples())
    return (f"<table><tr><th>nhóm</th><th>chỉ số</th><th>nơi</th><th>kỳ</th><th>giá trị</th><th>ngày</th>"
            f"<th>báo</th></tr>{rows}</table>")


def render(t: dict[str, pd.DataFrame], built: str, filters: Filters | None = None, today: str | None = None) -> str:
    filters = filters or Filters()
    sample = bool(t["articles"]["sample"].any()) if "sample" in t["articles"].columns else False
    whole = catalog_counts(t)
    t = apply_filters(t, filters)
    c = catalog_counts(t)
    stats = t["statistics"]
    dates = stats["published"].astype(str)
    dates = dates[dates != ""]
    span = f"{dates.min()} đến {dates.max()}" if len(dates) else "không có ngày"
    wanted = [filters.metric] if filters.metric else [m for m in COMPARE if m in set(t["metrics"]["id"])]
    banner = ("<p class='sample'>DỮ LIỆU MẪU: các bài báo trong bản demo do nhóm ANTT Miner tự viết, không phải tin "
              "thật; URL chỉ mô phỏng địa chỉ của các báo, không số liệu nào là thật (invented sample data).</p>"
              if sample else "")
    narrowed = (f"<p class='filters'>Lọc: {escape(filters.describe())} — {c.statistics} trong {whole.statistics} "
                "số liệu của danh mục.</p>" if filters.describe() else "")
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>ANTT Miner — báo cáo mô hình tự quản về ANTT</title><style>{CSS}</style></head><body>
{banner}<h1>Mô hình tự quản về an ninh trật tự: danh mục và số liệu</h1>
<p class="muted">Danh mục lập ngày {escape(built)} · báo cáo lập ngày {escape(today or date.today().isoformat())} ·
số liệu đăng từ {escape(span)}</p>{narrowed}
<p class="facts">{c.articles} bài báo ({c.stories} tin, bản sao đăng lại tính một lần) · {c.model_kinds} loại mô hình ·
{c.statistics} số liệu ({c.on_metric} theo chỉ số chuẩn) · {len(c.provinces)} tỉnh/thành phố (63) ·
{c.provinces_2025} tỉnh/thành phố (34) · {c.conflicts} nhóm số liệu mâu thuẫn.
Mọi con số dẫn tới bài báo gốc; rê chuột để xem nguyên văn.</p>
<h2>So sánh các tỉnh, thành phố (số liệu mới nhất của chính đơn vị đó)</h2>
<p class="muted">Mỗi ô: số liệu báo nêu cho cả tỉnh/thành phố, ngày đăng, phạm vi và số nguồn; "Σ … (một phần)" là
tổng số liệu riêng của các quận/huyện, phường/xã đã đưa tin, không phải số của cả tỉnh. "chưa có số liệu": không bài
nào nêu (không phải số 0). Dấu: &gt; hơn, ≥ ít nhất, ≈ khoảng, &lt; dưới.</p>
<h3>63 tỉnh/thành phố (trước 1/7/2025)</h3>{_comparison("province", t["place_figures"], t["places"], t["metrics"], wanted)}
<details><summary><b>34 tỉnh/thành phố (từ 1/7/2025)</b></summary>
{_comparison("province_2025", t["place_figures"], t["places"], t["metrics"], wanted)}</details>
<h3>Thành phố, quận, huyện, phường, xã có số liệu riêng</h3>
{_comparison("local", t["place_figures"], t["places"], t["metrics"], wanted)}
<h2>Số liệu theo thời gian (toàn tỉnh/thành phố)</h2>{_charts(stats, t["metrics"])}
<h2>Danh mục: loại mô hình × tỉnh/thành phố (số bài)</h2>{_matrix(t["model_presence"], t["models"])}
<h2>Số liệu mâu thuẫn</h2>{_conflicts(t["conflicts"])}
<p class="muted">ANTT Miner · dữ liệu: catalog/ (CSV, Parquet, SQLite, datapackage.json)</p>
</body></html>"""


def built_on(catalog_dir: Path) -> str:
    """The day the catalog was built: its statistics file's time (UTC)."""
    stamp = (catalog_dir / "statistics.parquet").stat().st_mtime
    return datetime.fromtimestamp(stamp, tz=UTC).date().isoformat()


def write_report(catalog_dir: Path, out: Path, filters: Filters | None = None) -> Path:
    html = render(load_tables(catalog_dir), built_on(catalog_dir), filters)
    with atomic_open(out) as fh:
        fh.write(html)
    return out
